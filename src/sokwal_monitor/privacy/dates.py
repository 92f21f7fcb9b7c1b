"""Dates of birth as people say them, and the policy for other dates.

A date is a **date of birth** (replaced, whatever its year) when

- a cue says so: "geboren op 12 maart 1936", "geboortedatum: ...", "hij is 28 juni 1944
  geboren", "die is van 17 februari 1951", "mijn moeder is van 05-11-1932", "jarig";
- it answers a question about it in the next turn or cue ("Wanneer bent u geboren?" /
  "Wat is uw geboortedatum?" -> "09-04-1949.");
- an age follows it ("17 februari 1951, dus 72");

and a year alone is one after "geboren (in)", "jaargang", "is van" ("geboren in '44",
"jaargang 1956", "ik ben van 1950").

**Policy for the other full dates** (day, month and year), erring on the side of the
resident: a date whose year lies ``min_years`` or more (default 16) before the year of
the interview is taken for a date of birth, unless it is clearly an event ("sinds 1 maart
1998 bestaat de vereniging", "opgericht op ...", "vanaf", "tot"). ``min_years=None``
replaces only the cued dates above. Dates of the project's own years stay.

>>> policy = DatePolicy()
>>> [text for _, _, kind, text in birth_dates("Zij is van 17 februari 1951.", 2023, policy)]
['17 februari 1951']
>>> birth_dates("Sinds 1 maart 1998 bestaat de vereniging.", 2023, policy)
[]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .name_lists import is_word
from .numwords import (
    AGE_WORD,
    DAY_WORD,
    DECADE_WORD,
    SHORT_YEAR_WORD,
    SMALL_AGE_WORD,
    YEAR_WORD,
    word_number,
)
from .places import is_place

__all__ = ["DatePolicy", "birth_dates"]

_MONTHS = {
    "januari": 1, "jan": 1, "februari": 2, "feb": 2, "maart": 3, "mrt": 3, "mar": 3,
    "april": 4, "apr": 4, "mei": 5, "juni": 6, "jun": 6, "juli": 7, "jul": 7,
    "augustus": 8, "aug": 8, "september": 9, "sep": 9, "sept": 9, "oktober": 10,
    "okt": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
_MONTH_NAMES = "|".join(sorted(_MONTHS, key=len, reverse=True))
_YEAR = r"(?:1[89]\d\d|20\d\d)"
#: Full dates: "05-11-1932", "5/11/1932", "5.11.1932", "17 februari 1951", "17 feb. 1951",
#: "1932-11-05".
_FULL_DATE = re.compile(
    # "(?=\d)" first: the engine skips to digits before trying the look-behind (4x faster)
    rf"(?=\d)(?:(?<![\w\-/.])(?P<d>\d{{1,2}})(?P<sep>[ ]?[-/.][ ]?)(?P<m>\d{{1,2}})(?P=sep)"
    rf"(?:(?P<y>{_YEAR})|(?:'|’)(?P<y5>\d\d))(?![\w\-/])"
    rf"|(?<![\w\-])(?P<d2>\d{{1,2}})(?:e|ste|de)?(?:\s+|-)(?P<m2>{_MONTH_NAMES})(?:\.?,?\s+|\.?-)(?P<y2>{_YEAR})(?!\w)"
    rf"|(?<![\w\-])(?P<y3>{_YEAR})-(?P<m3>\d\d)-(?P<d3>\d\d)(?![\w\-])"
    rf"|(?<![\w\-])(?P<d4>\d{{1,2}})(?:e|ste|de)?(?:\s+|-)(?P<m4>{_MONTH_NAMES})(?:\.?,?\s+|\.?-)(?:'|’)(?P<y4>\d\d)(?!\w))",
    re.IGNORECASE,
)
#: Dates said in words: "dertien mei negentienveertig", "vier juni negentien
#: eenenveertig", "de vierde juni 1941", "17 februari negentien eenenvijftig".
_SPOKEN_DATE = re.compile(
    rf"(?<![\w\-])(?:(?P<dw>{DAY_WORD})|(?P<dd>\d{{1,2}}))\s+(?P<mw>{_MONTH_NAMES})\.?,?\s+"
    rf"(?:(?P<yw>{YEAR_WORD})|(?P<yd>{_YEAR})|(?P<ys>{SHORT_YEAR_WORD})|(?P<yq>['’]\d\d))(?!\w)",
    re.IGNORECASE,
)
#: The names of months (compiled as one case-blind alternation: faster in the regex
#: engine than the cased variants spelled out).
_MONTH_WORD = re.compile(
    # a first letter to skip to, and the names factored by their prefixes (abbreviated
    # too): faster in the regex engine than the names spelled out one by one
    r"(?=[jfmasondJFMASOND])(?<!\w)(?:jan(?:uari)?|feb(?:ruari)?|m(?:aart|rt|ei)|apr(?:il)?|"
    r"ju[nl]i?|aug(?:ustus)?|sep(?:t(?:ember)?)?|okt(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\w)",
    re.IGNORECASE,
)


def _months(text: str) -> list[re.Match[str]]:
    """The names of months in ``text`` as whole words, abbreviated too ("mrt")."""
    return list(_MONTH_WORD.finditer(text))


_SHORT_YEAR = r"(?:'|’)\d\d"
#: A year alone that is a year of birth.
_SAID_YEAR = rf"(?:{_SHORT_YEAR}|{_YEAR}|{YEAR_WORD}|{DECADE_WORD})"
_BIRTH_YEAR = re.compile(
    # every alternative opens with one of these letters: the engine skips to them first
    r"(?=[gjlbihzdwGJLBIHZDW])(?:"
    rf"\b(?:geboren|geb\.)\s*:?\s+(?:in\s+(?:het\s+jaar\s+)?|anno\s+)?(?P<a>{_SAID_YEAR})(?![\w\-])"
    rf"|\b(?:jaargang|lichting|geboortejaar|geboortedatum|bouwjaar(?:\s+is)?)\s*:?\s+(?P<b>{_SAID_YEAR})(?![\w\-])"
    rf"|\b(?:ik\s+ben|ik\s+bin|ben\s+ik|bin\s+ik|hij\s+is|hi'j\s+is|zij\s+is|ze\s+is|die\s+is|is\s+hij|is\s+zij|is\s+ze|"
    rf"we\s+zijn|wij\s+zijn|zijn\s+wij)\s+"
    rf"(?:(?:allebei|beiden|ook|zelf|zelfs|nog|pas|al|toevallig|gewoon|eigenlijk)\s+){{0,2}}van\s+"
    rf"(?P<c>{_SHORT_YEAR}|19\d\d|{YEAR_WORD}|{DECADE_WORD})(?![\w\-])"
    rf"|\bin\s+(?P<d>{_SAID_YEAR})\s+(?:geboren|ter\s+wereld|het\s+levenslicht)\b"
    rf"|\b(?:zijn|waren)\s+(?:allebei|beiden|alle\s+twee|allemaal)\s+van\s+"
    rf"(?P<e>{_SHORT_YEAR}|19\d\d|{YEAR_WORD})(?![\w\-])"
    # "ik ben een kind van '44", "hij was een oorlogskind van 1943"
    rf"|\b(?:ben|is|was|bent)\s+(?:een|ook\s+een)\s+(?:\w+)?kind\s+van\s+"
    rf"(?P<f>{_SHORT_YEAR}|19\d\d|{YEAR_WORD})(?![\w\-]))",
    re.IGNORECASE,
)
#: "dinie is van '55", "gerda is van negenenveertig": a person (any name) "is van" a year;
#: the word before "is" is checked after the match (not "het huis is van 1955").
_IS_VAN = re.compile(
    r"(?:is|ben|bent|bin|bint)\s+(?:(?:allebei|ook|zelf|zelfs|nog|pas|al|toevallig|gewoon|eigenlijk)\s+){0,2}"
    rf"van\s+(?P<y>{_SHORT_YEAR}|19\d\d|20[0-2]\d|{YEAR_WORD}|{DECADE_WORD})(?![\w\-])"
)
#: Who may be "van 2015" (a recent year is a child's): a pronoun, a child, a name.
_YOUNG_SUBJECT = frozenset(
    "ik hij zij ze u jij je we wij zoon zoontje dochter dochtertje kleinzoon kleindochter "
    "kleinkind kind kindje broer broertje zus zusje neef neefje nicht nichtje jongste "
    "oudste tweeling baby".split()
)
_SUBJECT_BEFORE = re.compile(r"(?:(?P<det>\S+)\s+)?(?P<word>[^\W\d_][\w'’]*)[,;]?\s+$")
_NO_PERSON = frozenset(
    "het dat dit er wat alles huis gebouw pand boerderij kerk foto auto deze die welke".split()
)
_CUE_BEFORE = re.compile(
    r"(?:(?:geboren|geboorte\w*|(?<![\w\-])jarig|verjaardag|ter\s+wereld\s+(?:gekomen|kwam)|"
    r"levenslicht)\b|(?<![\w\-])geb\.)[^.?!\n]{0,30}$"
    r"|\b(?:is|ben|bent|bin|bint|zijn|was|waren)\s+(?:allebei\s+|ook\s+)?van\s*$",
    re.IGNORECASE,
)
_CUE_AFTER = re.compile(
    r"^\s*(?:geboren|jarig)\b"
    r"|^[^.?!\n]{0,40}?\b(?:ter\s+wereld\b|het\s+levenslicht|"
    r"geboren\s+(?:ben|bent|is|was|werd|zijn))\b",
    re.IGNORECASE,
)
_AGE_AFTER = re.compile(
    r"^\s*(?:geboren\s*)?[,;]?\s*(?:dus|en\s+dus|nu|inmiddels)\s+(?:al\s+|nu\s+|inmiddels\s+|bijna\s+)?"
    r"(?P<age>\d{1,3})(?:\s*jaar(?:\s+oud)?)?(?=\s*(?:[,.;:!?)]|$))"
    r"|^\s*[,;]?\s*(?:dus|en\s+dus|nu|inmiddels)\s+(?:al\s+|nu\s+|inmiddels\s+|bijna\s+)?"
    rf"(?P<word>{AGE_WORD}|{SMALL_AGE_WORD})(?![\w\-])",
    re.IGNORECASE,
)
_EVENT_BEFORE = re.compile(
    r"\b(?:sinds|vanaf|per|tot|t/m|tot\s+en\s+met|opgericht|gestart|begonnen|geopend|"
    r"opening|oprichting|bestaat|bestaan|start|startte|begon|loopt|liep|"
    # a historical event: "de ramp van 1 februari 1953", "de bevrijding op 14 april 1945"
    r"ramp|watersnood\w*|overstroming|bevrijding|bombardement|herdenk\w*|oorlog|staking|"
    r"aardbeving|storm|brand|aanslag|verkiezing\w*|referendum)\b[^.?!\n]{0,25}$",
    re.IGNORECASE,
)
_EVENT_AFTER = re.compile(
    r"^[^.?!\n]{0,30}\b(?:opgericht|gestart|begonnen|geopend|van\s+start|afgesloten|"
    r"ondertekend|bestaat|bestaan|"
    # round 9: what happened to a place or a building that day
    r"bevrijd|gebombardeerd|overstroomd|afgebrand|verwoest|gebouwd|ingewijd|onthuld)\b",
    re.IGNORECASE,
)
_BIRTH_QUESTION = re.compile(r"(?:geboren|geboortedatum|geboortejaar|jarig|hoe\s+oud)", re.I)
#: What may stand between a question and the bare answer: a speaker label, a cue number.
_ANSWER_GAP = re.compile(
    r"^[\s\d:.,>\-]*(?:[^\n:?]{1,40}:)?\s*(?:(?i:op|in|ergens\s+in|rond|begin|eind|half)\s+)?$"
)


@dataclass(frozen=True)
class DatePolicy:
    """Which dates are dates of birth.

    ``min_years``: a full date this many years or more before the interview's year is a
    date of birth unless it is clearly an event; ``None``: only cued dates (see the
    module). The interview's year is the document's wave when it is a year, otherwise
    the current year.

    >>> DatePolicy(min_years=None).min_years is None
    True
    """

    min_years: int | None = 16


#: A birth cue earlier in the same sentence makes a year after it a year of birth too:
#: "we zijn allebei geboren in '49, nee wacht, zij in '51".
_BIRTH_SENTENCE_CUE = re.compile(
    r"\b(?:geboren|geb\.|geboortejaar|geboortedatum|jaargang|(?:is|ben|zijn)\s+van\s+"
    rf"(?:{_SHORT_YEAR}|19\d\d))",
    re.IGNORECASE,
)
_ANY_YEAR = re.compile(rf"(?=['’1])(?<![\w\-/.'’])(?P<y>{_SHORT_YEAR}|19\d\d)(?![\w\-/])")
_SENTENCE_END = re.compile(r"(?<!\bgeb)[.?!\n](?=\s|$)", re.IGNORECASE)


def _year(match: re.Match[str], year: int = 2000) -> int:
    if match.group("y4") or match.group("y5"):
        return short_year(match.group("y4") or match.group("y5"), year)
    return int(match.group("y") or match.group("y2") or match.group("y3"))


def short_year(digits: str, year: int) -> int:
    """The full year of a year said in two digits ("'41") in an interview of ``year``:
    the latest year ending in those digits that is not after the interview.

    >>> short_year("41", 2024), short_year("19", 2024)
    (1941, 2019)
    """
    full = year - year % 100 + int(digits.lstrip("'’"))
    return full - 100 if full > year else full


def _valid(match: re.Match[str]) -> bool:
    day = int(match.group("d") or match.group("d2") or match.group("d3") or match.group("d4"))
    month_text = match.group("m") or match.group("m3")
    month_name = match.group("m2") or match.group("m4")
    month = int(month_text) if month_text else _MONTHS[month_name.lower()]
    return 1 <= day <= 31 and 1 <= month <= 12


def _answers_a_birth_question(text: str, start: int) -> bool:
    """The date opens the answer to a question about a birth date just before it."""
    question_end = text.rfind("?", max(0, start - 300), start)
    if question_end < 0 or not _ANSWER_GAP.match(text[question_end + 1 : start]):
        return False
    line_start = max(text.rfind("\n", 0, question_end), text.rfind(".", 0, question_end))
    return bool(_BIRTH_QUESTION.search(text, line_start + 1, question_end))


def birth_dates(text: str, year: int, policy: DatePolicy) -> list[tuple[int, int, str, str]]:
    """``(start, end, category, text)`` of the dates and years of birth in ``text``, and
    the ages said right after them (category ``LEEFTIJD``); ``year`` is the interview's."""
    out: list[tuple[int, int, str, str]] = []
    for m in _FULL_DATE.finditer(text):
        if not _valid(m):
            continue
        out += _weigh(text, m, _year(m, year), year, policy)
    months = _months(text)
    for m, date_year in _spoken_dates(text, year, months):
        out += _weigh(text, m, date_year, year, policy)
    for m in _BIRTH_YEAR.finditer(text):
        group = next(g for g in "abcdef" if m.group(g))
        said = m.group(group)
        if m.group()[:1] in "lL" and said.isdigit() and year - int(said) < 16:
            continue  # "de lichting 2023 van de opleiding": a recent cohort, not a birth
        out.append((m.start(group), m.end(group), "GEBOORTEDATUM", said))
    known = {start for start, *_ in out}
    for m in _IS_VAN.finditer(text) if "van" in text else ():
        if m.start("y") in known:
            continue
        before = _SUBJECT_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if (
            before
            and before.group("word").casefold() not in _NO_PERSON
            and ((before.group("det") or "").casefold() not in ("het", "dat", "dit"))
            and (
                not m.group("y").startswith("20")
                or before.group("word").casefold() in _YOUNG_SUBJECT
                or (before.group("word")[0].isupper() and not is_word(before.group("word")))
            )
            and not (m.group("y").startswith("20") and int(m.group("y")) > year)
        ):
            out.append((m.start("y"), m.end("y"), "GEBOORTEDATUM", m.group("y")))
    out += _years_in_birth_sentences(text, year, policy, {s for s, *_ in out})
    out += _years_before_birth(text, [(s, e) for s, e, *_ in out])
    out += _answered_years(text, year, {s for s, *_ in out})
    out += _month_years(text, months, {s for s, *_ in out})
    out += _ordinal_dates(text, year, policy)
    out += _birthdays(text, months)
    out += _table_birth_dates(text, {s for s, *_ in out})
    out += _named_day_dates(text, year)
    out += _short_numeric_dates(text)
    out += _year_people(text)
    out += _day_month_births(text, months, out)
    out += _restated(text, out)
    return out


#: A date said with ordinals: "de zevende van de vijfde, zesenvijftig", "de 7e van de 5e
#: '56", "de derde van de twaalfde negentien veertig".
_ORDINAL_DATE = re.compile(
    rf"(?<![\w\-])de\s+(?P<d>{DAY_WORD}|\d{{1,2}}(?:e|ste|de))\s+van\s+de\s+"
    rf"(?P<m>{DAY_WORD}|\d{{1,2}}(?:e|ste|de))\s*,?\s*"
    rf"(?P<y>{YEAR_WORD}|{DECADE_WORD}|{_SHORT_YEAR}|{_YEAR})(?![\w\-])",
    re.IGNORECASE,
)


_VAN_DE = re.compile(r" van de ")


def _ordinal_number(text: str) -> int | None:
    digits = text.rstrip("estd")
    return int(digits) if digits.isdigit() else word_number(text)


def _ordinal_dates(text: str, year: int, policy: DatePolicy) -> list[tuple[int, int, str, str]]:
    """Dates said as "de zevende van de vijfde, zesenvijftig", weighed like full dates."""
    out: list[tuple[int, int, str, str]] = []
    seen = -1
    for at in _VAN_DE.finditer(text) if " van de " in text else ():
        m = _ORDINAL_DATE.search(text, max(0, seen, at.start() - 30), at.end() + 60)
        if m is None or m.start() > at.start():
            continue
        seen = m.end()
        day, month = _ordinal_number(m.group("d")), _ordinal_number(m.group("m"))
        said = m.group("y")
        if said[0] in "'’":
            date_year: int | None = short_year(said, year)
        elif said.isdigit():
            date_year = int(said)
        else:
            value = word_number(said)
            date_year = short_year(str(value), year) if value is not None and value < 100 else value
        if day and month and date_year and 1 <= day <= 31 and 1 <= month <= 12:
            out += _weigh(text, m, date_year, year, policy)
    return out


_DAY_MONTH = rf"(?:de\s+)?(?:{DAY_WORD}|\d{{1,2}}(?:e|ste|de)?)\s+(?:{_MONTH_NAMES})(?![\w\-])\.?"
#: A birthday without a year: "jarig op 3 mei", "haar verjaardag is 12 april", "ze wordt
#: op 12 april 90" (the age after it is found by :mod:`.ages`), and a line of a list of
#: birthdays: "3 mei – mevrouw A. Haarman-Pots (90)".
_BIRTHDAY = re.compile(
    rf"(?<![\w\-])(?:jarig|verjaardag|verjaart|verjaarde|verjaren)\b(?:\s+(?:is|was|valt))?"
    rf"(?:\s+(?:op|al))?\s*:?\s+(?P<a>{_DAY_MONTH})"
    # the cue after the day: "ze is op 17 maart geboren", "mijn vrouw is 3 mei jarig"
    rf"|(?<![\w\-])(?P<d>{_DAY_MONTH})\s+(?:geboren|jarig)\b"
    # the age after: "Op 17 maart wordt ze negentig."
    rf"|(?<![\w\-])(?i:op)\s+(?P<e>{_DAY_MONTH})\s+(?:wordt|word|werd)\s+"
    rf"(?:ik|ze|zij|hij|die|oma|opa|(?:mijn|m'n|zijn|z'n|haar|d'r|onze|ons)\s+\w+|(?-i:[A-Z])[\w'’\-]+)\s+"
    rf"(?:al\s+|pas\s+)?(?=(?:\d{{1,3}}|{AGE_WORD}|{SMALL_AGE_WORD})(?![\w\-])"
    rf"(?!\s*(?:graden|uur|procent|euro|keer|jaar\s+geleden)))"
    rf"|\b(?:word|wordt|werd)\s+(?:\w+\s+)?op\s+(?P<b>{_DAY_MONTH})\s+"
    rf"(?=(?:\d{{1,3}}|{DECADE_WORD}|\w+tien)\b(?!\s*(?:jaar\s+geleden|uur|procent)))"
    rf"|^[ \t]*(?:[-*•][ \t]*)?(?P<c>{_DAY_MONTH})[ \t]*[–—\-:][ \t]*[^\n]{{0,80}}\(\d{{1,3}}\)",
    re.IGNORECASE | re.MULTILINE,
)


_BIRTHDAY_CUE = re.compile(r"jarig|verjaar|word|werd|\bop\s", re.IGNORECASE)
_BIRTHDAY_CUE_AFTER = re.compile(r"\.?\s+(?:geboren|jarig)\b", re.IGNORECASE)


def _birthdays(text: str, months: list[re.Match[str]]) -> list[tuple[int, int, str, str]]:
    """Birthdays without a year (see :data:`_BIRTHDAY`), looked for around the names of
    months only (every form holds one)."""
    out: list[tuple[int, int, str, str]] = []
    seen = -1
    for month in months:
        if month.start() < seen:
            continue
        line = text.rfind("\n", 0, month.start()) + 1
        lo = max(line, month.start() - 60, seen, 0)
        window = text[lo : month.start()]
        listed = month.start() - line < 14 and "(" in text[month.end() : month.end() + 90]
        if not (
            listed or _BIRTHDAY_CUE.search(window) or _BIRTHDAY_CUE_AFTER.match(text, month.end())
        ):
            continue  # no cue before the month and no list line: the regex is not tried
        for m in _BIRTHDAY.finditer(text, lo, min(len(text), month.end() + 90)):
            if m.start() > month.end():
                break
            seen = m.end()
            group = next(g for g in "abcde" if m.group(g))
            value = m.group(group)
            said = value.rstrip(".") if value[-2] not in "ckpgtv" else value
            out.append((m.start(group), m.start(group) + len(said), "GEBOORTEDATUM", said))
            break
    return out


#: A table's header cell that says its column holds dates of birth.
_BIRTH_HEADER = re.compile(
    r"\s*(?:geb(?:oorte)?\.?\s*datum|geboren(?:\s+op)?|geb\.?|geboortedag|d\.o\.b\.?|dob)\s*",
    re.IGNORECASE,
)


def _table_birth_dates(text: str, known: set[int]) -> list[tuple[int, int, str, str]]:
    """Dates in the column of a table (cells between "|" or tabs) whose header says
    "geboortedatum" / "geb.datum" / "geboren": "Sem Wiggers | 2B | 14-02-2011 | ...".
    Whatever their year (a pupil's date of birth is recent)."""
    if not ("|" in text or "\t" in text) or not ("eb" in text or "EB" in text):
        return []
    out = []
    column: int | None = None
    sep = "|"
    pos = 0
    for line in text.split("\n"):
        start, pos = pos, pos + len(line) + 1
        cut = "|" if "|" in line else "\t" if "\t" in line else None
        if cut is None:  # a blank line, or a cell's text wrapped onto the next line
            continue
        cells = line.split(cut)
        header = [i for i, c in enumerate(cells) if _BIRTH_HEADER.fullmatch(c)]
        if header:
            column, sep = header[0], cut
            continue
        if column is None or cut != sep or column >= len(cells):
            continue
        offset = start + sum(len(c) + 1 for c in cells[:column])
        for pattern in (_FULL_DATE, _SHORT_NUMERIC, _SPOKEN_DATE):
            for m in pattern.finditer(cells[column]):
                s = offset + m.start()
                if (pattern is not _FULL_DATE or _valid(m)) and s not in known:
                    known.add(s)
                    out.append((s, s + len(m.group()), "GEBOORTEDATUM", m.group()))
    return out


def _spoken_dates(
    text: str, interview_year: int, months: list[re.Match[str]]
) -> list[tuple[re.Match[str], int]]:
    """Dates with a day or a year in words, and their years (a date all in digits is
    :data:`_FULL_DATE`'s; a year in two words, "zesenveertig", is read like "'46");
    looked for only around the names of months."""
    found, seen = [], -1
    for month in months:
        m = _SPOKEN_DATE.search(text, max(0, month.start() - 40), month.end() + 60)
        if m is None or m.start() <= seen or (m.group("dd") and not m.group("yw")):
            continue
        seen = m.start()
        day = int(m.group("dd")) if m.group("dd") else word_number(m.group("dw"))
        if m.group("yq"):
            year: int | None = short_year(m.group("yq"), interview_year)
        elif m.group("ys"):
            short = word_number(m.group("ys"))
            year = short_year(str(short), interview_year) if short is not None else None
        else:
            year = int(m.group("yd")) if m.group("yd") else word_number(m.group("yw"))
        if day is not None and 1 <= day <= 31 and year is not None:
            found.append((m, year))
    return found


def _weigh(
    text: str, m: re.Match[str], date_year: int, year: int, policy: DatePolicy
) -> list[tuple[int, int, str, str]]:
    """A full date ``m`` (of ``date_year``) as a date of birth, with the age said after it,
    when a cue says so or the policy finds it old enough and no event; else nothing."""
    out: list[tuple[int, int, str, str]] = []
    before = text[max(0, m.start() - 60) : m.start()]
    after = text[m.end() : m.end() + 60]
    age = _AGE_AFTER.match(after)
    cued = (
        _CUE_BEFORE.search(before)
        or _CUE_AFTER.match(after)
        or age
        or _answers_a_birth_question(text, m.start())
        or _after_a_name(before, after)
    )
    old = policy.min_years is not None and year - date_year >= policy.min_years
    event = _EVENT_BEFORE.search(before) or _EVENT_AFTER.match(after)
    if cued or (old and not event):
        out.append((m.start(), m.end(), "GEBOORTEDATUM", m.group()))
        if age and age.group("age") and int(age.group("age")) <= 120:
            s, e = m.end() + age.start("age"), m.end() + age.end("age")
            out.append((s, e, "LEEFTIJD", text[s:e]))
        elif age and age.group("word"):
            s, e = m.end() + age.start("word"), m.end() + age.end("word")
            out.append((s, e, "LEEFTIJD", text[s:e]))
    return out


#: A date in brackets or between commas right after a capitalised name ("Anna Jansen
#: (17-03-2015)", "Gerrit Bos, 3 mei 2016, zit in groep 4"): a person's date of birth.
_NAME_BEFORE = re.compile(r"(?<![\w\-])(?P<name>[A-Z][\w'’\-]+)[ \t]*(?P<open>\(|,)[ \t]*$")
_CLOSE_AFTER = re.compile(r"^[ \t]*(?:\)|,)")


def _after_a_name(before: str, after: str) -> bool:
    """The date stands in brackets or an apposition right after a name (not a Dutch
    word, not a place: "Vergadering (12 mei 2024)", "Raalte, 12 mei 2024," stay)."""
    m = _NAME_BEFORE.search(before)
    if m is None or not _CLOSE_AFTER.match(after):
        return False
    if (m.group("open") == "(") != after.lstrip(" \t").startswith(")"):
        return False
    name = m.group("name")
    return not (is_word(name) or is_place(name))


def _years_in_birth_sentences(
    text: str, year: int, policy: DatePolicy, known: set[int]
) -> list[tuple[int, int, str, str]]:
    """Years after a birth cue in the same sentence ("geboren in '49, zij in '51"): a
    year in two digits always, one in four digits when the policy finds it old enough."""
    out = []
    for m in _ANY_YEAR.finditer(text):  # years are few: look back from each for a cue
        if m.start() in known:
            continue
        sentence = max(0, m.start() - 300)
        for end in _SENTENCE_END.finditer(text, sentence, m.start()):
            sentence = end.end()
        if not _BIRTH_SENTENCE_CUE.search(text, sentence, m.start()):
            continue
        if _EVENT_BEFORE.search(text, max(0, m.start() - 40), m.start()):
            continue
        value = m.group("y")
        full = short_year(value, year) if not value[0].isdigit() else int(value)
        if value[0].isdigit() and (policy.min_years is None or year - full < policy.min_years):
            continue
        known.add(m.start())
        out.append((m.start(), m.end(), "GEBOORTEDATUM", value))
    return out


# -- round 8: named days, short numeric dates, "'66er", day and month without a year,
# restated and corrected dates ------------------------------------------------------

#: A day known by its name: "tweede kerstdag", "bevrijdingsdag", "oudjaarsavond".
_NAMED_DAY = (
    r"(?:(?:eerste|tweede)\s+(?:kerst|paas|pinkster)dag|kerst(?:mis|avond|dag)|"
    r"oude?jaars(?:dag|avond)|nieuwjaars(?:dag|morgen)|bevrijdingsdag|koninginnedag|"
    r"koningsdag|prinsjesdag|sinterklaas(?:avond|dag)?|pakjesavond|valentijnsdag|"
    r"moederdag|vaderdag|hemelvaartsdag|goede\s+vrijdag|allerheiligen|driekoningen)"
)
#: A named day before the year looked back from: "op tweede kerstdag '38", "bevrijdingsdag
#: 1948" (the year is found first, the day read back from it).
_NAMED_DAY_BEFORE = re.compile(rf"(?<![\w\-]){_NAMED_DAY}\s+$", re.IGNORECASE)


def _named_day_dates(text: str, year: int) -> list[tuple[int, int, str, str]]:
    """A named day with a year ("tweede kerstdag '38") said as a birth: a birth cue
    before or after it, in the same sentence; without one it is an event ("op
    bevrijdingsdag 1945 kwamen de Canadezen") and stays."""
    out: list[tuple[int, int, str, str]] = []
    for m in _ANY_YEAR.finditer(text):
        day = _NAMED_DAY_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if day is None:
            continue
        before = text[max(0, day.start() - 60) : day.start()]
        after = text[m.end() : m.end() + 60]
        sentence = max(0, day.start() - 200)
        for end in _SENTENCE_END.finditer(text, sentence, day.start()):
            sentence = end.end()
        if (
            _CUE_BEFORE.search(before)
            or _CUE_AFTER.match(after)
            or _BIRTH_SENTENCE_CUE.search(text, sentence, day.start())
        ):
            out.append((day.start(), m.end(), "GEBOORTEDATUM", text[day.start() : m.end()]))
    return out


#: A date with a year in two digits and no apostrophe: "27/9/42", "3-3-61".
_SHORT_NUMERIC = re.compile(
    r"(?=\d)(?<![\w\-/.])(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)\d\d(?![\w\-/]|\.\d)"
)


def _short_numeric_dates(text: str) -> list[tuple[int, int, str, str]]:
    """A date with a two-digit year ("Geb.datum: 27/9/42") is a date of birth after a
    birth cue or as the answer to a question about one; without one it may be any date
    ("vergadering 3-3-24") and stays."""
    out: list[tuple[int, int, str, str]] = []
    for m in _SHORT_NUMERIC.finditer(text):
        if not (1 <= int(m.group("d")) <= 31 and 1 <= int(m.group("m")) <= 12):
            continue
        # weighed by the cues of a full date (before, after, an age, a question, a
        # name), never by the policy: without a cue it may be any date
        out += _weigh(text, m, 0, 0, _CUED_ONLY)
    return out


_CUED_ONLY = DatePolicy(min_years=None)


#: Someone named by the year of birth: "een '66er", "een echte 49'er".
_YEAR_PERSON = re.compile(r"['’](?:\d\d-?er|er)(?![\w\-])")  # "'66er", "48'er"
_A_BEFORE = re.compile(r"(?<![\w\-])(?i:een|echte|rasechte)\s+$")


def _year_people(text: str) -> list[tuple[int, int, str, str]]:
    """A year of birth said as what someone is: "de oudste is een '66er"."""
    if "'" not in text and "’" not in text:
        return []
    out = []
    for m in _YEAR_PERSON.finditer(text):
        start = m.start()
        if m.group() in ("'er", "’er"):  # "48'er": the digits before the apostrophe
            start -= 2
            if start < 0 or not text[start : m.start()].isdigit():
                continue
        if (not start or not text[start - 1].isalnum()) and _A_BEFORE.search(
            text, max(0, start - 12), start
        ):
            out.append((start, m.end(), "GEBOORTEDATUM", text[start : m.end()]))
    return out


_DAY = rf"(?:{DAY_WORD}|\d{{1,2}}(?:e|ste|de)?)"
_ORDINAL_DAY = rf"(?:{DAY_WORD}|\d{{1,2}}(?:e|ste|de))"
#: A day and a month said of a person: "ik ben van de eenentwintigste juli", "die was van
#: de elfde van de elfde" (scanned from the literal "van"; the verb and the subject before
#: it are checked after the match).
_VAN_DAY = re.compile(
    r"van\s+(?:de\s+)?"
    rf"(?P<date>(?i:{_DAY}\s+(?:{_MONTH_NAMES})(?![\w\-])|{_ORDINAL_DAY}\s+van\s+de\s+"
    rf"{_ORDINAL_DAY}(?![\w\-])))"
)  # "van" in lower case, a literal the scan skips to
_VERB_BEFORE_VAN = re.compile(
    r"(?<![\w\-])(?:is|was|ben|bent|bin|bint|zijn|waren)\s+(?:(?:allebei|ook|zelf|nog|pas|al|"
    r"gewoon|eigenlijk)\s+){0,2}$",
    re.IGNORECASE,
)
#: Who a day is said of: a pronoun or a name right before "is/was van".
_PERSON_SUBJECT = re.compile(
    r"(?:(?<![\w\-])(?i:ik|hij|zij|ze|die|u|jij|je|wij|we)|(?<![\w\-])[A-Z][a-zë'’]+)"
    r"[ \t]*,?[ \t]*$"
)
#: A day and a month right after a year of birth: "ze is van zevenenveertig, 17 maart".
_DAY_MONTH_AFTER = re.compile(
    rf"[ \t]*,[ \t]*(?:op[ \t]+)?(?P<date>{_DAY}[ \t]+(?:{_MONTH_NAMES}))(?![\w\-])(?![ \t]*\d)",
    re.IGNORECASE,
)
#: A day (in digits or words) before a month, read back from the month.
_DAY_BEFORE = re.compile(rf"(?<![\w\-])(?:de\s+)?{_DAY}\s+$", re.IGNORECASE)


def _day_month_births(
    text: str, months: list[re.Match[str]], found: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """Birthdays without a year, said as a birth: "ik ben van de eenentwintigste juli",
    "die was van de elfde van de elfde", a day and month right after a year of birth
    ("ze is van zevenenveertig, 17 maart"), and a day and month that answers a question
    about a birthday in the next turn ("Wanneer is je oma jarig?" -> "Zeventien maart.")."""
    out: list[tuple[int, int, str, str]] = []
    if " van " in text:
        for m in _VAN_DAY.finditer(text):
            if (m.start() and text[m.start() - 1].isalnum()) or _FOLLOWED_BY_YEAR.match(
                text, m.end("date")
            ):
                continue  # "bewoont"; a full date is the full-date rules' own
            verb = _VERB_BEFORE_VAN.search(text, max(0, m.start() - 40), m.start())
            if verb and _PERSON_SUBJECT.search(text, max(0, verb.start() - 30), verb.start()):
                out.append((m.start("date"), m.end("date"), "GEBOORTEDATUM", m.group("date")))
    for _, end, category, _ in found:
        if category == "GEBOORTEDATUM":
            after = _DAY_MONTH_AFTER.match(text, end)
            if after is not None:
                date = after.group("date")
                out.append((after.start("date"), after.end("date"), "GEBOORTEDATUM", date))
    for month in months:
        if text.rfind("?", max(0, month.start() - 90), month.start()) < 0:
            continue  # no question right before: no answer to one
        day = _DAY_BEFORE.search(text, max(0, month.start() - 30), month.start())
        if day is None or _FOLLOWED_BY_YEAR.match(text, month.end()):
            continue
        start = day.start()
        if _answers_a_birth_question(text, start):
            out.append((start, month.end(), "GEBOORTEDATUM", text[start : month.end()]))
    return out


_FOLLOWED_BY_YEAR = re.compile(rf"\.?\s+(?:{_YEAR}|['’]\d\d|{YEAR_WORD}|{DECADE_WORD})(?![\w\-])")
#: The same date or year said again in brackets ("lichting '45" (1945)"), or corrected
#: right after ("drie augustus negenenvijftig... nee, vierenvijftig").
_RESTATED = re.compile(
    rf"[\s\"”’']*\((?:geb\.?\s*)?(?P<b>{_YEAR}|\d{{1,2}}[-/.]\d{{1,2}}[-/.](?:{_YEAR}|\d\d))\)"
    rf"|[\s.…,]*(?i:nee|sorry|ik\s+bedoel|of\s+nee)[\s,.…]+(?:(?i:ik\s+bedoel|van)\s+)?"
    rf"(?P<c>{YEAR_WORD}|{DECADE_WORD}|{_SHORT_YEAR}|{_YEAR})(?![\w\-])",
)


def _restated(text: str, found: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """A date or year of birth said again in brackets or corrected right after one."""
    out = []
    for _, end, category, _ in found:
        if category != "GEBOORTEDATUM":
            continue
        m = _RESTATED.match(text, end, min(len(text), end + 60))
        if m is not None:
            group = "b" if m.group("b") else "c"
            out.append((m.start(group), m.end(group), "GEBOORTEDATUM", m.group(group)))
    return out


# -- round 9: years before a birth verb, years and months answering a question, a month
# with a year ----------------------------------------------------------------------------

#: A verb of birth after a year ("in het voorjaar van 1944 geboren", "met kerst '44
#: geboren"), scanned from the verb; the year is read back from it.
_BIRTH_VERB_AFTER = re.compile(r"\s(?:geboren|ter\s+wereld|het\s+levenslicht)\b", re.IGNORECASE)
_YEAR_BEFORE_VERB = re.compile(rf"(?<![\w\-/.])(?P<y>{_SHORT_YEAR}|19\d\d|20\d\d|{YEAR_WORD})$")


def _years_before_birth(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """A year right before "geboren", "ter wereld", "het levenslicht", whatever comes
    before the year ("in het voorjaar van 1944 geboren", "begin '44 geboren")."""
    out: list[tuple[int, int, str, str]] = []
    if "eboren" not in text and "wereld" not in text and "levenslicht" not in text:
        return out
    for verb in _BIRTH_VERB_AFTER.finditer(text):
        m = _YEAR_BEFORE_VERB.search(text, max(0, verb.start() - 30), verb.start())
        if m is not None and not any(s <= m.start() < e for s, e in spans):
            out.append((m.start(), m.end(), "GEBOORTEDATUM", m.group()))
    return out


#: A year alone opening the answer to a question about a birth ("Welk jaar bent u
#: geboren?" -> "1944.", "In '44.").
_ANSWER_YEAR = re.compile(
    r"[\s\d:.,>\-]*?(?:[^\n:?]{1,40}:)?\s*(?:(?i:op|in|ergens\s+in|rond|begin|eind)\s+)?"
    rf"(?P<y>{_SHORT_YEAR}|19\d\d|20\d\d|(?i:{YEAR_WORD}|{DECADE_WORD}))(?=\s*[.!,]?\s*(?:$|\n|[A-Z]))"
)


def _answered_years(text: str, year: int, known: set[int]) -> list[tuple[int, int, str, str]]:
    """A year said alone as the answer to a question about a birth in the turn before."""
    out: list[tuple[int, int, str, str]] = []
    if "?" not in text:
        return out
    for q in re.finditer(r"\?", text):
        line_start = max(text.rfind("\n", 0, q.start()), text.rfind(".", 0, q.start()))
        if not _BIRTH_QUESTION.search(text, line_start + 1, q.start()):
            continue  # not a question about a birth: its answer is not looked at
        m = _ANSWER_YEAR.match(text, q.end(), min(len(text), q.end() + 120))
        if m is None or m.start("y") in known:
            continue
        said = m.group("y")
        if said[:2] == "20" and said.isdigit() and int(said) > year:
            continue
        if _answers_a_birth_question(text, m.start("y")):
            out.append((m.start("y"), m.end("y"), "GEBOORTEDATUM", said))
    return out


#: A month with a year and no day: "maart 1944", "mrt. '44", "maart vierenveertig";
#: "03-1944" in digits.
_MONTH_YEAR = re.compile(
    rf"(?i:{_MONTH_NAMES})\.?,?\s+(?P<y>{_YEAR}|{_SHORT_YEAR}|(?i:{YEAR_WORD}|{DECADE_WORD}))(?![\w\-])"
)
#: "03-1944": scanned from the separator (rarer than digits), the month read back.
_NUMERIC_YEAR_TAIL = re.compile(r"[-/](?:19|20)\d\d(?![\w\-/])")
_NUMERIC_MONTH_BEFORE = re.compile(r"(?<![\w\-/.])(?:0?[1-9]|1[0-2])$")


def _month_years(
    text: str, months: list[re.Match[str]], known: set[int]
) -> list[tuple[int, int, str, str]]:
    """A month and a year said as a birth: a birth cue before or after it, or the answer
    to a question about a birth ("geboren in maart 1944", "is in maart '44 geboren",
    "Geb.datum: 03-1944", "I: Wanneer bent u geboren? R: In maart 1944."). Without a cue
    it is any month ("in maart 1944 werd de school gesloten") and stays."""
    out: list[tuple[int, int, str, str]] = []
    found = [
        m.span() for month in months if (m := _MONTH_YEAR.match(text, month.start())) is not None
    ]
    for tail in _NUMERIC_YEAR_TAIL.finditer(text):
        month = _NUMERIC_MONTH_BEFORE.search(text, max(0, tail.start() - 3), tail.start())
        if month is not None:
            found.append((month.start(), tail.end()))
    for start, end in found:
        if start in known or end in {e for _, e, *_ in out}:
            continue
        if _DAY_BEFORE.search(text, max(0, start - 30), start):
            continue  # a full date: the full-date rules' own
        before = text[max(0, start - 60) : start]
        after = text[end : end + 60]
        if (
            _CUE_BEFORE.search(before)
            or _CUE_AFTER.match(after)
            or _answers_a_birth_question(text, start)
        ):
            out.append((start, end, "GEBOORTEDATUM", text[start:end]))
    return out
