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

from .date_cues import (
    _ANY_YEAR,
    _BIRTH_SENTENCE_CUE,
    _BIRTH_YEAR,
    _EVENT_BEFORE,
    _FULL_DATE,
    _IS_VAN,
    _MONTH_NAMES,
    _NO_PERSON,
    _NO_PERSON_ENDINGS,
    _NOTE_IS_VAN,
    _SENTENCE_END,
    _SHORT_YEAR,
    _SPOKEN_DATE,
    _SUBJECT_BEFORE,
    _YEAR,
    _YOUNG_SUBJECT,
    DatePolicy,
    _months,
    _valid,
    _weigh,
    _year,
    short_year,
)
from .date_partial import (
    _SHORT_NUMERIC,
    _answered_years,
    _day_month_births,
    _month_years,
    _named_day_dates,
    _number_word_dates,
    _restated,
    _short_numeric_dates,
    _starred_births,
    _year_people,
    _year_words_people,
    _years_before_birth,
)
from .name_lists import is_word
from .numwords import AGE_WORD, DAY_WORD, DECADE_WORD, SMALL_AGE_WORD, YEAR_WORD, word_number

__all__ = ["DatePolicy", "birth_dates", "short_year"]


#: Round 10: a club or a building named right before "die is van": the year is its own.
_CLUB_BEFORE_DIE = re.compile(
    r"(?i:vereniging|club|stichting|koor|orkest|fanfare|kerk|kapel|school|molen|dorpshuis|"
    r"buurthuis|gebouw|soos|bond)\w*\b[^.!?\n]{0,40}[,;]?\s+(?i:die)\s*$"
)


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
        if group == "c" and _CLUB_BEFORE_DIE.search(text, max(0, m.start() - 60), m.start() + 4):
            continue  # "Biljartvereniging De Keu, die is van 1958": the club's year
        if m.group()[:1] in "lL" and said.isdigit() and year - int(said) < 16:
            continue  # "de lichting 2023 van de opleiding": a recent cohort, not a birth
        out.append((m.start(group), m.end(group), "GEBOORTEDATUM", said))
    known = {start for start, *_ in out}
    for m in _NOTE_IS_VAN.finditer(text) if "s van" in text else ():
        # a note without its subject: "Belde mevr. Ooms. Is van '37, loopt slecht."
        if m.start("n") not in known:
            known.add(m.start("n"))
            out.append((m.start("n"), m.end("n"), "GEBOORTEDATUM", m.group("n")))
    for m in _IS_VAN.finditer(text) if "van" in text else ():
        if m.start("y") in known:
            continue
        before = _SUBJECT_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if (
            before
            and before.group("word").casefold() not in _NO_PERSON
            and not before.group("word").casefold().endswith(_NO_PERSON_ENDINGS)
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
    out += _number_word_dates(text, year, {s for s, *_ in out})
    out += _year_words_people(text)
    out += _starred_births(text)
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
    rf"|(?<![\w\-])(?i:op)\s+(?P<e>{_DAY_MONTH})\s+(?:wordt|word|werd|zou)\s+"
    rf"(?:ik|ze|zij|hij|die|oma|opa|(?:mijn|m'n|zijn|z'n|haar|d'r|onze|ons)\s+\w+|(?-i:[A-Z])[\w'’\-]+"
    rf"(?:\s+(?-i:[A-Z])[\w'’\-]+){{0,2}})\s+"
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
