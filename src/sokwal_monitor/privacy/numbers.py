"""Personal data written as numbers or codes that deduce misses: phone numbers in every
Dutch and foreign notation ("085 - 273 41 00", "(0541) 35 16 90", "06.29.40.18.66",
"+48 601 234 567", also broken over two lines of a PDF), case numbers after their label
("uw kenmerk WMO-2024-1187"), a house number said as where someone lives ("van nr 23"),
licence plates ("GZ-841-K", "34-KLP-6"), bank account numbers ("NL91 ABNA 0417 1643 00")
social-media handles ("@keesfietst", and without "@" after the network's name: "Op
Facebook ben ik gosia.wisniewska.80"), and phone numbers and postcodes said in words, as
speech recognition writes them ("nul zes een twee acht vier zeven drie negen nul", "zes
twaalf vierendertig zesenvijftig achtenzeventig", "postcode zeven vier vier twee ka").

>>> [h.text for h in numbers("Bel 085 - 273 41 00 of kijk op @keesfietst.")]
['085 - 273 41 00', '@keesfietst']
"""

from __future__ import annotations

import re

from .lists import Hit
from .numbers_codes import more_record_numbers, street_house_numbers
from .numbers_records import grouped_bsns, record_numbers, table_column
from .numbers_said import labelled_word_runs, said_numbers

__all__ = [
    "grouped_bsns", "is_organisation_number", "labelled_word_runs", "numbers", "record_numbers",
    "said_numbers", "table_column",
]  # fmt: skip

# -- phone numbers, plates, handles ---------------------------------------------------
#: A Dutch phone number: ten digits starting with 0, grouped by spaces, hyphens, a
#: slash or an area code in brackets ("0546 55 12 87", "085 - 273 41 00", "(0541) 35 16
#: 90", "0541-681234").
_PHONE_NL = re.compile(
    r"(?:\(0\d{1,3}\)|0\d{1,3})(?:[ \t]*[\-‐‑–—/][ \t]*\n?|[ \t]+|\n)?"
    r"(?:\d(?:[ \t\-‐‑–]|\n(?!\n))?){5,8}\d"
    r"(?![\w\-/]|[.,:]\d)"
)
#: The same with dots between the groups: "06.29.40.18.66", "0570.56.12.34", also after
#: a hyphen or a space behind the area code ("06-21.37.48.90", "0570 56.12.34").
_PHONE_DOTS = re.compile(
    r"0\d{1,3}(?:[\-‐‑– ]\d{2,4}(?:\.\d{2,4}){1,3}|(?:\.\d{2,4}){2,4})(?![\w\-/]|[.,:]\d)"
)
#: A case or file number after its label: "uw kenmerk WMO-2024-1187", "Dossier
#: ST-2023-0412", "zaaknummer: 2024/118": letters, digits, hyphens, with a digit.
_CASE_NUMBER = re.compile(
    r"(?:[Kk]enmerk|KENMERK|[Dd]ossier(?:nummer|nr\.?)?|DOSSIER|[Zz]aak(?:nummer|nr\.?)|"
    r"[Rr]eferentie(?:nummer)?|"
    r"(?:[Cc]li[eë]nt|[Rr]egistratie|[Rr]elatie|[Kk]lant|[Pp]ati[eë]nt|[Ll]eerling|"
    r"[Rr]espondent|[Dd]eelnemers?|[Ll]id|[Ll]idmaat|[Ss]tudent|[Pp]olis|[Pp]ersoneels|"
    r"[Mm]edewerker|[Ii]nschrijf|[Vv]erzekerden?)(?:nummer|nr\.?)"
    # "cliënt AVD-2024-11873": the bare noun before a code of letters, a year, a number
    r"|[Cc]li[eë]nt(?=[ \t]+[A-Z]{2,6}[\-/]\d{4}[\-/]\d{2,6}(?![\w\-/])))"
    # "cliëntnummer bij ons is SM-2024-0317": words and "is" between label and code
    r"(?:(?P<is>(?:\s+[a-z][\w\-]*){0,3}?\s+(?:is|was|luidt))\s+"
    r"(?=[A-Z\d])|"
    # words between label and colon: "dossiernr. sociaal team: ST-2024-0871"
    r"(?P<words>(?:\s+[a-z][\w\-]*){1,3})\s*:|\s*(?:nr\.?|:)?)\s*(?P<code>(?=[\w\-/]*\d)[A-Z\d][\w\-/]{3,}[A-Za-z\d])(?![\w\-])"
)
#: Parts of the labels of :data:`_CASE_NUMBER` (a cheap test before the scan).
_CASE_STEMS = (
    "enmerk", "ENMERK", "ossier", "OSSIER", "aaknummer", "aaknr", "ntnummer", "ntnr",
    "tienummer", "tienr", "lantnummer", "lantnr", "eferentie", "eerlingnummer", "eerlingnr",
    "espondentnummer", "espondentnr", "eelnemersnummer", "eelnemernummer", "eelnemersnr",
    "eelnemernr", "idnummer", "idnr", "idmaatnummer", "tudentnummer", "tudentnr",
    "olisnummer", "eelsnummer", "erkernummer", "erkernr", "nschrijfnummer", "erzekerdennummer",
    "erzekerdenummer", "liënt", "lient",
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


#: A handle without "@" after the name of a social network: "Facebook: gerrit.oosterhof.3",
#: "Op Facebook ben ik gosia.wisniewska.80", "Instagram (als) kees_fietst": a word of
#: letters, digits, dots and underscores that holds a dot, an underscore or a digit.
_NETWORK_HANDLE = re.compile(
    r"(?i:facebook|instagram|insta|tiktok|twitter|snapchat|threads|bluesky)"
    r"(?:[ \t]*:|[ \t]+(?:(?i:ben|sta|heet|zit)[ \t]+(?i:ik|hij|ze|zij|je)|(?i:als|onder))"
    r"(?:[ \t]+(?i:te\s+vinden\s+als|als|onder))?)[ \t]+"
    r"(?P<handle>(?=[a-z0-9._]*[._\d])[a-z][a-z0-9._]{2,29}[a-z0-9])(?![\w@/]|\.\w)"
)
#: Parts of the networks' names (a cheap test before :data:`_NETWORK_HANDLE`'s scan).
_NETWORK_WORDS = (
    "acebook", "ACEBOOK", "nsta", "NSTA", "ikTok", "iktok", "IKTOK", "witter", "WITTER",
    "napchat", "hreads", "luesky",
)  # fmt: skip
#: A label that names a record's number ("dossiernr.", "cliëntnummer"): only these may
#: have words before their colon ("Dossiernr. sociaal team: ...", not "Kenmerk aanvraag:").
_RECORD_LABEL = re.compile(r"\w+(?:nummer|nr)", re.IGNORECASE)


#: Before an organisation's registration number: "KvK 41029384", "RSIN: ...", "btw-nr".
_REGISTRATION_BEFORE = re.compile(
    r"(?:KvK|K\.v\.K\.?|kvk|RSIN|rsin|[Bb]tw|BTW|ANBI)(?:[\-\s]?(?:nummer|nr\.?|nr))?"
    r"[ \t]*[:.]?[ \t]*$"
)
#: Before or after an organisation's general phone number: in an address block with a
#: postbox, after "algemeen (nummer)", "centrale", "receptie", or "(algemeen nummer)" after.
_GENERAL_BEFORE = re.compile(
    r"(?:[Pp]ostbus[ \t]+\d{1,6}|[Aa]lgemeen(?:[ \t]+(?:tele(?:foon)?nummer|nummer))?[ \t]*:|"
    r"[Aa]lgeme(?:ne|en)[ \t]+(?:tele(?:foon)?nummer|nummer)|[Cc]entrale|[Rr]eceptie|"
    r"[Kk]lantenservice|"
    r"[Ss]ervicenummer)[^\n]{0,70}$"
)
#: A service number (free or paid): "0800-1234", "0900 - 123 45 67".
_SERVICE_NUMBER = re.compile(r"\(?0(?:800|900|906|909)\b")
#: The end of a sentence before the next one opens (round 10): a general number's cue
#: in an earlier sentence says nothing of this number.
_SENTENCE_END = re.compile(r"[.!?][ \t]+[A-Z]")
_FOR_PERSON = re.compile(
    r"t\.?a\.?v\.|ter\s+attentie|[Cc]ontactpersoon|[Bb]ereikbaar\s+via|[Vv]raag\s+naar|"
    r"[Vv]ragen\s+naar"
)
_GENERAL_AFTER = re.compile(r"[ \t]*\((?:algemeen|centrale|receptie|kantoor)\b", re.IGNORECASE)


def is_organisation_number(text: str, hit: Hit) -> bool:
    """Whether ``hit`` is an organisation's number, not a person's: a registration
    number after "KvK", "RSIN", "btw", and a general phone number (in an address block
    with a postbox, after "Algemeen:" or "centrale", or with "(algemeen nummer)" after).

    >>> text = "Stichting De Welle (KvK 41029384), Postbus 120, 8100 AC Raalte, 0572 35 80 00"
    >>> is_organisation_number(text, Hit(24, 32, "ID", "41029384"))
    True
    >>> [is_organisation_number(text, h) for h in numbers(text)]
    [True]
    >>> is_organisation_number("Bel Jan: 0572 35 80 00", Hit(9, 22, "TELEFOON", "0572 35 80 00"))
    False
    """
    if hit.category in ("ID", "TELEFOON") and _in_organisation_account(text, hit):
        return True  # a part of a kept account ("0312 4567 89" read as a phone number)
    if hit.category == "ID":
        if _IBAN_WHOLE.fullmatch(hit.text):
            return False  # a person's account (an organisation's: just above)
        return bool(
            _REGISTRATION_BEFORE.search(text, max(0, hit.start - 20), hit.start)
            or _REGISTRATION_NEAR.search(text, max(0, hit.start - 60), hit.start)
        )
    if hit.category == "TELEFOON":
        if _SERVICE_NUMBER.match(hit.text):
            return True  # round 10: 0800, 0900, 0906, 0909 are a service's, never a person's
        general = _GENERAL_AFTER.match(text, hit.end)
        if general:
            # "Bel gerust: 038-3 33 70 21 (kantoor) of app me op ...": her own line
            return "kantoor" not in general.group() or not _FIRST_PERSON.search(
                _sentence(text, hit)
            )
        line = text.rfind("\n", 0, hit.start) + 1
        lo = max(line, hit.start - 110)
        # "t.a.v. H. Bruins, Postbus 117, ...; 0523 - 61 34 09": a contact person's number
        general_cue = _GENERAL_BEFORE.search(text, lo, hit.start)
        if general_cue is not None:
            ends = list(_SENTENCE_END.finditer(text, general_cue.start(), hit.start))
            if ends and len(text[ends[-1].end() - 1 : hit.start].split()) >= 3:
                return False  # "... de alarmcentrale. Die belt dan Jelle, 06 ...": a sentence
        return bool(general_cue) and not _FOR_PERSON.search(text, lo, hit.start)
    return False


#: "ingeschreven bij de Kamer van Koophandel onder nummer 81234567".
_REGISTRATION_NEAR = re.compile(
    r"(?:KvK|Kamer\s+van\s+Koophandel|[Hh]andelsregister)[^.\n;]{0,40}$"
)
_IBAN_WHOLE = re.compile(r"[A-Z]{2}\d{2}[ \t]?[A-Z]{4}(?:[ \t]?\d){7,10}")
#: "t.n.v. ...", "ten name van ...": whose account it is.
_IN_NAME_OF = re.compile(
    r"[ \t]*[,;]?[ \t]*(?i:t\.?\s?n\.?\s?v\.?|ten\s+name\s+van|op\s+naam\s+van)\s+"
    r"(?P<who>[^\n,;]{1,60})"
)
#: An organisation's name or a word that says the account is one: a foundation, an
#: association, a church, a postbox, a registration number, a gift appeal.
_ORGANISATION_WORD = re.compile(
    r"(?i:\w*(?:stichting|vereniging|co[öo]peratie|fonds|gemeente|kerk|diaconie|parochie)\b|"
    r"kvk\b|kamer\s+van\s+koophandel|postbus|anbi\b|rsin\b|gift(?:en)?\b|"
    r"donatie\w*|doneren|schenking\w*|collecte)"
)
#: After "t.n.v.", an organisation's name by its last part too ("Noaberhulp Markelo",
#: "Dorpsbelang Lemele"); not "-huis" or "-raad", the ends of many surnames.
_ORGANISATION_NAME = re.compile(
    r"(?i:\w+(?:hulp|belang|centrum|platform|netwerk|club|bond|zorg|welzijn|werk)\b)"
)
#: A person's account: initials or a title after "t.n.v.", or "mijn", "dhr." nearby.
_PERSON_ACCOUNT = re.compile(r"(?:[A-Z]\.|(?i:dhr|mevr|mw|de\s+heer|mevrouw|fam)\b)")
_FIRST_PERSON = re.compile(r"(?<![\w\-])(?i:me|mij|mijn|m'n|ik|mijzelf)(?![\w\-])")
_PERSON_NEAR = re.compile(r"(?<![\w\-])(?i:mijn|m'n|mij|ik|dhr|mevr|mw|de\s+heer)(?![\w\-])")


def _sentence(text: str, hit: Hit) -> str:
    """The sentence (or line) around ``hit``: from the last full stop, question mark or
    line break before it to the next one after it, at most 160 characters each side; a
    dot inside an abbreviation ("t.n.v.", "dhr.") ends nothing."""
    lo = max(0, hit.start - 160)
    before = [m.end() for m in _SENTENCE_END.finditer(text, lo, hit.start)]
    start = before[-1] if before else lo
    after = _SENTENCE_END.search(text, hit.end, min(len(text), hit.end + 160))
    return text[start : after.start() if after else min(len(text), hit.end + 160)]


_SENTENCE_END = re.compile(
    r"(?<!\b[A-Za-z])(?<!\bdhr)(?<!\bmevr)(?<!\bgeb)(?<!\bnr)(?<!\bmw)(?<!\btel)(?<!\bDhr)"
    r"(?<!\bMevr)[.!?](?=\s)|\n"
)


def _in_organisation_account(text: str, hit: Hit) -> bool:
    """Whether ``hit`` lies inside an IBAN that is an organisation's own account."""
    if not any(c.isdigit() for c in hit.text):
        return False
    for m in _IBAN.finditer(text, max(0, hit.start - 30), min(len(text), hit.end + 30)):
        if m.start() <= hit.start and hit.end <= m.end():
            return _organisation_account(text, Hit(m.start(), m.end(), "ID", m.group()))
    return False


def _organisation_account(text: str, hit: Hit) -> bool:
    """Whether the IBAN ``hit`` is an organisation's own account (kept, as the
    organisation is): "t.n.v. Stichting Welzijn Olst-Wijhe", a letterhead with a postbox
    and a KvK number, "Rekeningnummer stichting: ...", a gift appeal; a person's ("t.n.v.
    J. Brinkman", "mijn gift ... t.n.v. H. Lubbers", "IBAN voor de eigen bijdrage")
    is replaced.

    >>> text = "Giften zijn welkom op NL09ABNA7643037992 t.n.v. Stichting De Hoeve."
    >>> _organisation_account(text, Hit(22, 40, "ID", "NL09ABNA7643037992"))
    True
    >>> text = "Terugbetalen op NL97INGB2623494612 t.n.v. J. Brinkman"
    >>> _organisation_account(text, Hit(16, 34, "ID", "NL97INGB2623494612"))
    False
    """
    named = _IN_NAME_OF.match(text, hit.end)
    if named:
        who = named.group("who")
        if _PERSON_ACCOUNT.match(who):
            return False
        return bool(_ORGANISATION_WORD.search(who) or _ORGANISATION_NAME.search(who))
    sentence = _sentence(text, hit)
    if _PERSON_NEAR.search(sentence):
        return False
    return bool(_ORGANISATION_WORD.search(sentence))


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
        if (m.group("words") or m.group("is")) and not _RECORD_LABEL.match(m.group()):
            continue  # "Kenmerk aanvraag: 2021-0345": a grant's reference
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
    networks = any(word in text for word in _NETWORK_WORDS)
    for m in _NETWORK_HANDLE.finditer(text) if networks else ():
        hits.append(Hit(m.start("handle"), m.end("handle"), "URL", m.group("handle")))
    if "nul" in text or "zes" in text or "ostcode" in text:
        hits += said_numbers(text)
    spans = {(h.start, h.end) for h in hits}
    hits += [h for h in record_numbers(text) if (h.start, h.end) not in spans]
    hits += grouped_bsns(text)
    hits += labelled_word_runs(text)
    # round 10 (:mod:`.numbers_codes`): labels with words between, answers in the next
    # turn, lists of codes, the same code again
    spans = {(h.start, h.end) for h in hits}
    hits += [h for h in more_record_numbers(text, hits) if (h.start, h.end) not in spans]
    if "ummer" in text or "nr" in text:
        hits += street_house_numbers(text)
    return hits


def _glued(text: str, start: int, also: str) -> bool:
    """A word character (or ``also``) right before ``start``: the match is part of more."""
    return start > 0 and (
        text[start - 1].isalnum() or text[start - 1] == "_" or text[start - 1] in also
    )
