"""Personal data written as numbers or codes that deduce misses: phone numbers in every
Dutch and foreign notation ("085 - 273 41 00", "(0541) 35 16 90", "06.29.40.18.66",
"+48 601 234 567", also broken over two lines of a PDF), case numbers after their label
("uw kenmerk WMO-2024-1187"), a house number said as where someone lives ("van nr 23"),
licence plates ("GZ-841-K", "34-KLP-6"), bank account numbers ("NL91 ABNA 0417 1643 00")
and social-media handles ("@keesfietst").

>>> [h.text for h in numbers("Bel 085 - 273 41 00 of kijk op @keesfietst.")]
['085 - 273 41 00', '@keesfietst']
"""

from __future__ import annotations

import re

from .lists import Hit

__all__ = ["numbers"]

# -- phone numbers, plates, handles ---------------------------------------------------
#: A Dutch phone number: ten digits starting with 0, grouped by spaces, hyphens, a
#: slash or an area code in brackets ("0546 55 12 87", "085 - 273 41 00", "(0541) 35 16
#: 90", "0541-681234").
_PHONE_NL = re.compile(
    r"(?:\(0\d{1,3}\)|0\d{1,3})(?:[ \t]*[\-/][ \t]*|[ \t]+|\n)?(?:\d(?:[ \t\-]|\n(?!\n))?){5,8}\d"
    r"(?![\w\-/]|[.,:]\d)"
)
#: The same with dots between the groups: "06.29.40.18.66", "0570.56.12.34".
_PHONE_DOTS = re.compile(r"0\d{1,3}(?:\.\d{2,4}){2,4}(?![\w\-/]|[.,:]\d)")
#: A case or file number after its label: "uw kenmerk WMO-2024-1187", "Dossier
#: ST-2023-0412", "zaaknummer: 2024/118": letters, digits, hyphens, with a digit.
_CASE_NUMBER = re.compile(
    r"(?:[Kk]enmerk|KENMERK|[Dd]ossier(?:nummer|nr\.?)?|DOSSIER|[Zz]aak(?:nummer|nr\.?)|"
    r"[Cc]li[eë]ntnummer|[Rr]egistratienummer|[Rr]eferentie(?:nummer)?|[Rr]elatienummer|"
    r"[Kk]lantnummer|[Pp]ati[eë]ntnummer)"
    r"\s*(?:nr\.?|:)?\s*(?P<code>(?=[\w\-/]*\d)[A-Z\d][\w\-/]{3,}[A-Za-z\d])(?![\w\-])"
)
#: Parts of the labels of :data:`_CASE_NUMBER` (a cheap test before the scan).
_CASE_STEMS = (
    "enmerk", "ENMERK", "ossier", "OSSIER", "aaknummer", "aaknr", "ntnummer", "tienummer",
    "ratienummer", "lantnummer", "eferentie",
)  # fmt: skip
#: A house number on its own where it is where someone lives: "Kasia van nr 23",
#: "mevrouw Kartosen van nummer 43", "woont op nummer 12".
_HOUSE_NR = re.compile(r"(?:nr\.?|nummer|huisnummer)\s*\d{1,4}[a-z]?(?![\w\-])")
_HOUSE_NR_CUE = re.compile(r"(?<!\w)(?:van|naast|tegenover|(?:woon|woont|wonen|woonde)\s+op)\s+$")
#: A foreign number: "+48 601 234 567", "0049 30 1234567" (Dutch ones: :mod:`.detect`).
_PHONE_INT = re.compile(
    r"(?:\+|00)(?!31)[1-9]\d{0,2}(?:[ \t\-]?\(0\))?(?:[ \t\-]?\d){7,12}(?![\w\-])"
)
#: A licence plate: three groups of letters or digits, six in all, letters and digits
#: mixed ("GZ-841-K", "34-KLP-6", "XX-99-99").
_PLATE = re.compile(r"[A-Z\d]{1,3}-[A-Z\d]{1,3}-[A-Z\d]{1,3}(?![\w\-])")
_PLATE_GROUP = re.compile(r"[A-Z]{1,3}|\d{1,3}")
#: A bank account number (IBAN), with or without spaces: "NL91 ABNA 0417 1643 00".
_IBAN = re.compile(r"[A-Z]{2}\d{2}[ \t]?[A-Z]{4}(?:[ \t]?\d){7,10}(?![\w\-])")
#: A social-media handle: "@keesfietst" (not an e-mail address).
_HANDLE = re.compile(r"(?<![\w@./])@[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])(?![\w@])")


def numbers(text: str) -> list[Hit]:
    """Phone numbers, licence plates, bank account numbers and social-media handles in
    ``text`` (each pattern opens with a character class, so the scan is fast; what must
    not stand before a match is checked after it)."""
    hits = []
    if "0" in text:
        for m in _PHONE_NL.finditer(text):
            digits = sum(c.isdigit() for c in m.group())
            if digits == 10 and not _glued(text, m.start(), "+-/.:,"):
                hits.append(Hit(m.start(), m.end(), "TELEFOON", m.group()))
        if "." in text:
            for m in _PHONE_DOTS.finditer(text):
                if sum(c.isdigit() for c in m.group()) == 10 and not _glued(text, m.start(), "."):
                    hits.append(Hit(m.start(), m.end(), "TELEFOON", m.group()))
    labelled = any(stem in text for stem in _CASE_STEMS)
    for m in _CASE_NUMBER.finditer(text) if labelled else ():
        if m.start() and text[m.start() - 1].isalnum():
            continue  # "Wmo-kenmerk" is a label too, "ikenmerk" is none
        hits.append(Hit(m.start("code"), m.end("code"), "ID", m.group("code")))
    if "nummer" in text or "nr" in text:
        for m in _HOUSE_NR.finditer(text):
            start = m.start()
            glued = start and (text[start - 1].isalnum() or text[start - 1] == "_")
            if not glued and _HOUSE_NR_CUE.search(text, max(0, start - 20), start):
                hits.append(Hit(start, m.end(), "ADRES", m.group()))
    if "+" in text or "00" in text:
        for m in _PHONE_INT.finditer(text):
            if not _glued(text, m.start(), "+"):
                hits.append(Hit(m.start(), m.end(), "TELEFOON", m.group()))
    if "-" in text:
        for m in _PLATE.finditer(text):
            groups = m.group().split("-")
            value = m.group()
            if (
                not _glued(text, m.start(), "-")
                and all(_PLATE_GROUP.fullmatch(g) for g in groups)
                and sum(len(g) for g in groups) == 6
                and any(c.isdigit() for c in value)
                and any(c.isalpha() for c in value)
            ):
                hits.append(Hit(m.start(), m.end(), "ID", value))
    for m in _IBAN.finditer(text):
        if not _glued(text, m.start(), "-"):
            hits.append(Hit(m.start(), m.end(), "ID", m.group()))
    if "@" in text:
        hits += [Hit(m.start(), m.end(), "URL", m.group()) for m in _HANDLE.finditer(text)]
    return hits


def _glued(text: str, start: int, also: str) -> bool:
    """A word character (or ``also``) right before ``start``: the match is part of more."""
    return start > 0 and (
        text[start - 1].isalnum() or text[start - 1] == "_" or text[start - 1] in also
    )
