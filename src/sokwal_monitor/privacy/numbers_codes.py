"""Identifying numbers in the constructions round 9's rules missed (round 10 of issue
14), as classes; :func:`.numbers.numbers` calls :func:`more_record_numbers` last:

- **a label with words and "is" or a colon before the code** (four digits alone only
  after "is" or a colon: "Lidnr. 0087 - Dhr. ..." numbers a list): "Zijn lidnummer bij de
  bond is 4417", "Het pasnummer staat op het pasje: AB 3318 2290", "V-nummer: 2847 116
  093" (any compound "...nummer"/"...nr" but a house, phone, bank, bus, room or
  registration number; digits in groups);
- **the code given in the next turn or line after a question for it**: "Mag ik uw
  klantnummer?" - "Dat is KL-2231-9087" (only a code with letters or hyphens, or eight
  digits or more in groups: a time or a group number is none);
- **a plural label with a list of codes**: "Lidnummers N-0702 en N-0703";
- **the same code again** further on in the document: "Bij 558151 loopt ...";
- **a house number after a street and a comma**: "op de Lindenlaan, nummer negentien",
  "Kerkstraat, nr. 12" (:func:`street_house_numbers`).

>>> text = "Lidnummers N-0702 en N-0703. Later: N-0703 belde."
>>> [h.text for h in more_record_numbers(text, [])]
['N-0702', 'N-0703', 'N-0703']
"""

from __future__ import annotations

import re

from .lists import Hit
from .numwords import NUMBER_WORD

__all__ = ["more_record_numbers", "street_house_numbers"]

#: A record label: a compound of "nummer(s)" or "nr(s)", hyphenated ones too ("V-nummer").
_LABEL = re.compile(r"(?<![\w\-])(?P<stem>[A-Za-zëéïö]+-?)?(?i:nummers?|nrs?\.?)(?![\w\-])")
_LABEL_AT = re.compile(r"ummer|UMMER|nr|NR")
#: Stems whose number is no person's record (they have their own rules or stay).
_NOT_STEM = re.compile(
    r"(?i:huis|telefoon|tel|mobiel|gsm|rekening|bank|iban|kvk|btw|bus|lijn|kamer|zaal|post|"
    r"postbus|pagina|agenda|artikel|versie|volg|hoofdstuk|editie|factuur|order|bestel|"
    r"serie|model|lot|rugnummer|rug|startnummer|start|tafel|stoel|rsin|anbi|vestigings|"
    r"kenteken|pincode|pin|wachtwoord|telefoonnummer)-?"
)
#: A code: letters and digits in groups, at least four digits in all.
_CODE = re.compile(
    r"(?<![\w\-/.,])(?P<code>[A-Z]{1,4}\d{0,4}(?:[ \-/]?\d{2,}){1,4}"
    r"|\d{2,6}(?:[\-/]\d{2,6}){1,3}|\d{3,4}(?: \d{2,4}){1,3}|\d{4,10})"
    r"(?![\w\-/]|[.,]\d)"
)
#: Between the label and the code on the same line: a few words, then "is", ":" or both.
_BETWEEN = re.compile(
    r"(?:[ \t]*\([^()\n]{0,40}\))?(?:[ \t]+[\w.'’\-]+){0,6}?[ \t]*"
    r"(?::|(?i:is|was|wordt|luidt)(?:[ \t]+(?i:dat|het|dan))?(?:[ \t]*:)?)[ \t]*$"
    r"|[ \t]*:?[ \t]*$"
)
#: The answer in the next line or turn: a speaker label, a dash, "Dat is", a filler.
_ANSWER = re.compile(
    r"[ \t]*\n(?:[ \t]*\n)?[ \t]*(?:\[[^\]\n]{1,30}\][ \t]*)?(?:[\w .]{1,30}:[ \t]*)?[\-–]?[ \t]*"
    r"(?:(?i:dat\s+is|het\s+is|even\s+kijken|eh+|ja|hier)[.,…]*[ \t]*)*(?:\.\.\.|…)?[ \t]*"
)
_LIST_NEXT = re.compile(r"[ \t]*(?:,|/|&|[ \t]en|[ \t]of)[ \t]*")
_DATE_LIKE = re.compile(
    r"\d{1,2}[\-/]\d{1,2}(?:[\-/]\d{2,4})?|(?:19|20)\d\d(?:[\-/](?:19|20)?\d\d)?"
)


def more_record_numbers(text: str, found: list[Hit]) -> list[Hit]:
    """Record numbers of the module docstring's classes; ``found`` are the numbers found
    so far (an ID among them is also replaced where it occurs again).

    >>> text = "Zijn lidnummer bij de bond is 4417. Huisnummer 12."
    >>> [h.text for h in more_record_numbers(text, [])]
    ['4417']
    """
    hits: list[Hit] = []
    seen = -1
    for at in _LABEL_AT.finditer(text):
        # from the literal back to the start of its word (hyphenated: "V-nummer")
        word_start = at.start()
        while word_start > 0 and (text[word_start - 1].isalpha() or text[word_start - 1] == "-"):
            word_start -= 1
        if word_start <= seen:
            continue
        label = _LABEL.match(text, word_start)
        if label is not None:
            seen = word_start
            stem = label.group("stem") or ""
            if (
                not stem
                or _NOT_STEM.fullmatch(stem)
                or _NOT_STEM.search(text, max(0, label.start() - 14), label.start() + len(stem))
            ):
                continue
            hits += _after_label(text, label)
    for hit in [h for h in found if h.category == "ID" and _ok(h.text)]:
        hits += _list_after(text, hit.end, hit.text)
    codes = {h.text for h in [*found, *hits] if h.category in ("ID", "BSN") and _strong(h.text)}
    taken = {(h.start, h.end) for h in [*found, *hits]}
    for code in sorted(codes):
        for m in re.finditer(re.escape(code), text):
            if m.span() not in taken and _free(text, m.start(), m.end()):
                hits.append(Hit(m.start(), m.end(), "ID", code))
                taken.add(m.span())
    return sorted(hits, key=lambda h: h.start)


def _after_label(text: str, label: re.Match[str]) -> list[Hit]:
    """The code after ``label`` on its line, or in the next line after a question; with
    a list of codes after a plural label."""
    line_end = text.find("\n", label.end())
    line_end = len(text) if line_end < 0 else line_end
    hi = min(line_end, label.end() + 90)
    code = _CODE.search(text, label.end(), hi)
    if code is not None and not _BETWEEN.fullmatch(text, label.end(), code.start()):
        code = None
    if code is None:
        code = _later(text, label.end(), hi, line_end)
        if code is None:
            return []
    if not _ok(code.group("code")):
        return []
    said = text[label.end() : code.start()]
    if code.group("code").isdigit() and len(code.group("code")) < 5 and not _SAID.search(said):
        return []  # "Lidnr. 0087 - Dhr. ...": a list's numbering; "lidnummer ... is 4417"
    out = [Hit(code.start("code"), code.end("code"), "ID", code.group("code"))]
    return out + _list_after(text, code.end(), code.group("code"))


def _list_after(text: str, at: int, first: str) -> list[Hit]:
    """The codes of the same shape that follow a code in a list ("N-0702 en N-0703",
    "WMO 2024-0871 en 2024-0872")."""
    out: list[Hit] = []
    while True:
        sep = _LIST_NEXT.match(text, at)
        nxt = _CODE.match(text, sep.end()) if sep else None
        if nxt is None or not _ok(nxt.group("code")) or _shape(nxt.group("code")) != _shape(first):
            return out
        out.append(Hit(nxt.start("code"), nxt.end("code"), "ID", nxt.group("code")))
        at = nxt.end()


#: A number said to be the label's: "is", "was", a colon.
_SAID = re.compile(r":|(?<![\w\-])(?i:is|was|luidt)(?![\w\-])")


def _later(text: str, start: int, hi: int, line_end: int) -> re.Match[str] | None:
    """The code after a label but not on its clause: the answer to a question for it in
    the next line, "is dat SOK-2024-0187" in the next sentence, or a code with letters
    and digit groups in the next two lines ("Hier: PB 0041 7718")."""
    question = text.find("?", start, hi)
    if question >= 0 and not text[question + 1 : line_end].strip():
        answer = _ANSWER.match(text, line_end)
        code = _CODE.match(text, answer.end()) if answer else None
        if code is not None and (_shaped(code.group("code")) or _grouped(code.group("code"))):
            return code
    if question >= 0:  # "Mijn klantnummer bij de Voedselbank? Dat is 18834."
        said = _SAID_AFTER.match(text, question + 1, line_end)
        if said is not None:
            return said
    that = _IS_THAT.search(text, start, min(len(text), start + 160))
    if that is not None and _shaped(that.group("code")):
        return that
    lines = text[start : min(len(text), start + 240)].split("\n")
    if len(lines) > 1:
        lo = line_end
        hi2 = min(len(text), start + sum(len(x) + 1 for x in lines[:3]))
        for m in _LETTERED.finditer(text, lo, hi2):
            return m
    return None


#: After a label's question on its line: "Dat is 18834", "Dat is: KL-0031".
_SAID_AFTER = re.compile(
    r"[ \t]*(?i:dat|het)[ \t]+(?i:is|was)[ \t]*:?[ \t]*(?P<code>[A-Z]{1,4}\d{0,4}"
    r"(?:[ \-/]?\d{2,}){1,4}|\d{2,6}(?:[\-/]\d{2,6}){1,3}|\d{4,10})(?![\w\-/]|[.,]\d)"
)
#: "is dat SOK-2024-0187": the code of a label said in the sentence before.
_IS_THAT = re.compile(
    r"(?<![\w\-])(?i:is|was)[ \t]+(?i:dat|het|die)[ \t]+(?P<code>[A-Z]{1,4}\d{0,4}"
    r"(?:[ \-/]?\d{2,}){1,4}|\d{2,6}(?:[\-/]\d{2,6}){1,3})(?![\w\-/]|[.,]\d)"
)
#: Letters and digit groups, a code by its shape alone: "PB 0041 7718", "R24-1562".
_LETTERED = re.compile(
    r"(?<![\w\-/.,])(?P<code>[A-Z]{1,4}\d{0,4}(?:[ \-/]\d{3,}){1,3})(?![\w\-/]|[.,]\d)"
)


def _ok(code: str) -> bool:
    """Not a year, a date or a time; at least four digits."""
    digits = sum(c.isdigit() for c in code)
    return digits >= 4 and not _DATE_LIKE.fullmatch(code)


def _shaped(code: str) -> bool:
    """A code with letters or separators (not bare digits: a time, a count)."""
    return any(c.isalpha() or c in "-/" for c in code)


def _grouped(code: str) -> bool:
    """Digits in groups, eight or more in all ("4410 2290 1183"): no time, no count."""
    return " " in code and sum(c.isdigit() for c in code) >= 8


def _strong(code: str) -> bool:
    """Specific enough to replace wherever it occurs: five or more characters with at
    least four digits, no year."""
    return len(code) >= 5 and _ok(code)


def _shape(code: str) -> str:
    """Letters as "A", digits as "9", without a prefix of letters and a space: "N-0702"
    -> "A-9999", "WMO 2024-0871" -> "9999-9999"."""
    return re.sub(r"[A-Za-z]", "A", re.sub(r"\d", "9", re.sub(r"^[A-Z]{2,5} ", "", code)))


def _free(text: str, start: int, end: int) -> bool:
    """No letter, digit or code character glued to the match."""
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or before in "-/" or after.isalnum() or after in "-/")


#: "nummer negentien", "nr. 12", "huisnummer 3a" after a street's name and a comma.
_HOUSE_AT = re.compile(
    r",[ \t]*(?P<nr>(?i:nummer|nr\.?|huisnummer)[ \t]+"
    rf"(?:\d{{1,4}}[a-z]?|(?i:{NUMBER_WORD})))(?![\w\-])"
)
_STREET_BEFORE = re.compile(
    r"(?<![\w\-])[A-Z][\w'’\-]*(?:straat|laan|weg|plein|dijk|steeg|hof|kade|singel|pad|"
    r"gracht|dreef|erf|markt|park|ring|allee|es|veld|wal|haven|brink|akker|kamp|hoek|stede)"
    r"[ \t]*$"
)


def street_house_numbers(text: str) -> list[Hit]:
    """A house number after a street's name and a comma: "de Lindenlaan, nummer
    negentien", "Kerkstraat, nr. 12" (the street itself is found by the address rules).

    >>> [h.text for h in street_house_numbers("Ze woont op de Lindenlaan, nummer negentien.")]
    ['nummer negentien']
    >>> street_house_numbers("Lijn 5, nummer 3 van de agenda.")
    []
    """
    return [
        Hit(m.start("nr"), m.end("nr"), "ADRES", m.group("nr"))
        for m in _HOUSE_AT.finditer(text)
        if _STREET_BEFORE.search(text, max(0, m.start() - 40), m.start())
    ]
