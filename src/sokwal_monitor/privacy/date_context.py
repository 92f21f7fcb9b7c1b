"""Dates of birth that the hits around them give away (round 10).

Read after every other rule, from the hits already found (ages, names, dates of birth):

- **a year beside an age that adds up**: a year (four digits or "'36") in the same line
  as a person's age, with no event word before it, whose sum with the age is the
  interview's year or up to three years before it (a document without a wave is weighed
  against this year) ("Die is 87. Van 1936, ja.", "Mijn schoonvader, 86 jaar, 1938";
  "Sinds 1990 doe ik dit werk. Ik ben 34." stays: "sinds");
- **a birthday beside an age**: a day and a month without a year right before a
  person's age in the same sentence ("Hendrika Pol, 12 augustus, 85 jaar", "Op 14
  februari zou mijn vader 100 zijn geworden"; "Op 12 augustus bestaat de soos 85 jaar"
  stays: that age is no person's);
- **a day and a month after a year of birth**, in the next sentence of the same turn
  ("Van 1951. Elf juni.", "Ik ben van '39. De vijfde mei, ja.");
- **a date corrected into a date of birth**: the date said first is the birth too ("op
  de derde juni, eh nee, de dertiende juni 1941");
- **a birthday in a list of birthdays**: a day and a month right after a name, in a
  heading up to 300 characters before it that says "verjaardagen", "jarig(en)" or
  "felicitaties" ("Verjaardagen soos: Jo Mulder 11 maart, Hein Vos 2 april"), and the
  age closing such a line ("Zwaantje Brink, 19 oktober, 86").

>>> from .lists import Hit
>>> text = "Die is 87. Van 1936, ja."
>>> [h.text for h in births_from_hits(text, [Hit(7, 9, "LEEFTIJD", "87")], 2024)]
['1936']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .ages import is_event_age
from .date_cues import _MONTH_NAMES, _MONTH_WORD, _SHORT_YEAR, short_year
from .lists import Hit
from .numwords import DAY_WORD, DECADE_WORD, YEAR_WORD, word_number

__all__ = ["births_from_hits"]

_DAY = rf"(?:{DAY_WORD}|\d{{1,2}}(?:e|ste|de)?)"
_DAY_MONTH = rf"(?:de\s+)?{_DAY}\s+(?:{_MONTH_NAMES})\.?(?![\w\-])"
_YEAR_AFTER = re.compile(
    rf"\.?\s+(?:1[89]\d\d|20\d\d|{_SHORT_YEAR}|{YEAR_WORD}|{DECADE_WORD})(?![\w\-])", re.I
)

#: A year near an age: four digits or "'36", with the word before it.
_NEAR_YEAR = re.compile(
    r"(?=['’12])(?<![\w\-/.'’])(?P<y>['’]\d\d|19\d\d|20[0-2]\d)(?![\w\-/]|[.,]\d)"
)
#: Words before a year that make it an event's, a period's or a count's year.
_EVENT_WORD = re.compile(
    r"(?:\b(?:sinds|vanaf|tot|t/m|na|voor|in|per|rond|tussen|en|of|tot\s+en\s+met|"
    r"opgericht|gestart|begonnen|geopend|jaar|jaren|ramp|bevrijding|oorlog|zomer|winter|"
    r"voorjaar|najaar|herfst|lente|kerst|eind|begin|halverwege|medio)\s+|[\d\-–/]\s*)$",
    re.IGNORECASE,
)
_LINE_STOP = re.compile(r"\n\s*\n|\n[^\n]{0,40}:|\?")

#: A day and a month right before an age, in the same sentence (up to a few words between).
_BIRTHDAY_BEFORE_AGE = re.compile(
    rf"(?<![\w\-])(?P<date>{_DAY}\s+(?:{_MONTH_NAMES}))\.?(?![\w\-])[ \t]*,?[ \t]*"
    r"(?:[^\s.!?\n:;]+[ \t]+){0,4}$",
    re.IGNORECASE,
)
_EVENT_BETWEEN = re.compile(
    r"\b(?:bestaat|bestaan|jubileum|vrijheid|herdenking|vereniging|club|soos|kerk|school|"
    r"dorpshuis|huis|gebouw|stichting|jaar\s+geleden|koor|orkest|fanfare|bond|team|winkel|"
    r"zaak|bedrijf|molen|kapel|buurthuis|wijkcentrum|krant|\w+club|\w+vereniging|"
    # what happened that day, not a birthday: "die op 2 april overleed, 91 jaar oud"
    r"overle\w*|stierf|gestorven|begraven|gecremeerd|trouwde|getrouwd|verhuisde|viel)\b",
    re.IGNORECASE,
)

#: An age reached on a day: "wordt honderd, op 7 juni", "werd 90 op 3 mei".
_BECOMES_BEFORE = re.compile(r"(?<![\w\-])(?:wordt|word|werd|worden|werden)\s+(?:\w+\s+)?$", re.I)
_DATE_AFTER_AGE = re.compile(
    r"(?:[ \t]+jaar)?[ \t]*,?[ \t]*(?:op|en\s+wel\s+op)[ \t]+"
    rf"(?P<date>{_DAY}[ \t]+(?:{_MONTH_NAMES}))"
    r"\.?(?![\w\-])",
    re.IGNORECASE,
)
#: A day and a month opening the next sentence after a year of birth.
_DAY_MONTH_NEXT = re.compile(
    rf"[ \t]*[.;][ \t]+(?:(?i:op|de|en)[ \t]+)?(?P<date>(?i:{_DAY})[ \t]+(?i:{_MONTH_NAMES}))"
    r"(?![\w\-])(?![ \t]*(?:\d|is\b|was\b|wordt\b|hebben\b|gaan\b|komt\b))",
)
#: What a full date holds and a year alone does not: a month's name, a separator.
_A_DAY = re.compile(rf"(?i)\d[-/.]\d|(?<![\w\-])(?:{_MONTH_NAMES})(?![\w\-])")
#: A date, then a correction, before a date of birth: "de derde juni, eh nee, ".
_REPAIRED = re.compile(
    rf"(?<![\w\-])(?P<date>{_DAY_MONTH})[\s,.…]*(?:e+h+m*[\s,.…]+)?"
    r"(?:nee|sorry|of\s+nee|ik\s+bedoel|nee\s+wacht)[\s,.…]+(?:(?:op|van)\s+)?(?:de\s+)?$",
    re.IGNORECASE,
)
#: A paragraph about birthdays.
_BIRTHDAY_HEADING = re.compile(r"verjaardag|jarig|felicit|gefeliciteerd", re.IGNORECASE)
_HEADING_WORDS = ("erjaardag", "arig", "elicit", "ERJAARDAG", "ARIG", "ELICIT")
_LISTED_DATE = re.compile(
    # a surname the name rules left may stand between ("Jo Mulderij 19 april")
    r"(?:[ \t]+(?-i:[A-Z])[\w'’\-]+)?"
    rf"[ \t]*(?:[,:–—\-][ \t]*)?(?:op[ \t]+)?(?P<date>{_DAY}[ \t]+(?:{_MONTH_NAMES}))"
    r"\.?(?![\w\-])"
    r"(?![ \t]*(?:1[89]\d\d|20\d\d|['’]\d\d))",
    re.IGNORECASE,
)


#: The age closing a line of a list of birthdays: "Zwaantje Brink, 19 oktober, 86".
_LISTED_AGE = re.compile(
    r"[ \t]*[,:–—\-][ \t]*(?P<age>\d{1,3})(?:[ \t]*jaar)?[ \t]*[!.]?[ \t]*(?=\n|$)"
)


def _age_value(hit: Hit) -> int | None:
    digits = re.search(r"\d{1,3}", hit.text)
    if digits:
        return int(digits.group())
    value = word_number(re.sub(r"(?i)\b(?:jaar|oud|jong|bijna|ruim|al)\b", " ", hit.text).strip())
    return value if value is not None and value <= 120 else None


def _inside(start: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start < e for s, e in spans)


def births_from_hits(text: str, hits: Sequence[Hit], year: int) -> list[Hit]:
    """Dates and years of birth given away by the hits around them (see the module);
    ``year`` is the interview's."""
    out: list[Hit] = []
    spans = [(h.start, h.end) for h in hits]
    undated = [(h.start, h.end) for h in hits if h.category != "ADRES"]
    # a list of birthdays needs a heading somewhere (a literal test first)
    listing = any(word in text for word in _HEADING_WORDS) and bool(_BIRTHDAY_HEADING.search(text))
    for hit in hits:
        if hit.category == "LEEFTIJD":
            if is_event_age(text, hit):
                continue
            out += _year_beside_age(text, hit, year, spans)
            if _MONTH_WORD.search(text, max(0, hit.start - 60), hit.start):
                out += _birthday_before_age(text, hit, spans)
            out += _birthday_after_age(text, hit, spans)
        elif hit.category == "GEBOORTEDATUM":
            out += _after_a_birth(text, hit, spans)
        elif hit.category == "PERSOON" and listing:
            # an "address" of a name and a day ("Mulderij 19" of "Jo Mulderij 19 april") is
            # dropped later (:func:`.addresses.is_postbox`): it does not hide the date
            out += _listed_birthday(text, hit, undated)
    return out


def _year_beside_age(text: str, age: Hit, year: int, spans: Sequence[tuple[int, int]]) -> list[Hit]:
    value = _age_value(age)
    if value is None:
        return []
    lo, hi = max(0, age.start - 60), min(len(text), age.end + 60)
    # stay in the age's turn: not past a blank line, a speaker's label or a question
    for stop in _LINE_STOP.finditer(text, lo, age.start):
        lo = stop.end()
    after = _LINE_STOP.search(text, age.end, hi)
    hi = after.start() if after else hi
    out = []
    for m in _NEAR_YEAR.finditer(text, lo, hi):
        said = m.group("y")
        full = short_year(said, year) if not said[0].isdigit() else int(said)
        # the age is the interview's year less the year of birth, or one less (before the
        # birthday); a document without a wave is weighed against this year, up to two
        # years after the interview
        if not 0 <= year - (full + value) <= 3 or _inside(m.start(), spans):
            continue
        if _EVENT_WORD.search(text, max(0, m.start() - 25), m.start()):
            continue
        out.append(Hit(m.start(), m.end(), "GEBOORTEDATUM", said))
    return out


def _birthday_before_age(text: str, age: Hit, spans: Sequence[tuple[int, int]]) -> list[Hit]:
    lo = max(0, age.start - 60)
    m = _BIRTHDAY_BEFORE_AGE.search(text, lo, age.start)
    if m is None or _inside(m.start("date"), spans):
        return []
    line = text.rfind("\n", 0, m.start()) + 1
    if _EVENT_BETWEEN.search(text, max(line, m.start() - 40), min(len(text), age.end + 20)):
        return []
    if _YEAR_AFTER.match(text, m.end("date")):
        return []
    return [Hit(m.start("date"), m.end("date"), "GEBOORTEDATUM", m.group("date"))]


def _birthday_after_age(text: str, age: Hit, spans: Sequence[tuple[int, int]]) -> list[Hit]:
    """ "... wordt honderd, op 7 juni": the day the age is reached."""
    m = _DATE_AFTER_AGE.match(text, age.end)
    if m is None or _inside(m.start("date"), spans) or _YEAR_AFTER.match(text, m.end("date")):
        return []
    if not _BECOMES_BEFORE.search(text, max(0, age.start - 25), age.start):
        return []
    line = text.rfind("\n", 0, age.start) + 1
    if _EVENT_BETWEEN.search(text, max(line, age.start - 60), m.end()):
        return []
    return [Hit(m.start("date"), m.end("date"), "GEBOORTEDATUM", m.group("date"))]


def _after_a_birth(text: str, birth: Hit, spans: Sequence[tuple[int, int]]) -> list[Hit]:
    out = []
    m = _DAY_MONTH_NEXT.match(text, birth.end)
    if (
        m is not None
        and not _inside(m.start("date"), spans)
        and not _A_DAY.search(birth.text)  # a year of birth, not a full date
    ):
        out.append(Hit(m.start("date"), m.end("date"), "GEBOORTEDATUM", m.group("date")))
    before = text[max(0, birth.start - 30) : birth.start]
    if not any(word in before for word in ("nee", "sorry", "bedoel")):
        return out
    r = _REPAIRED.search(text, max(0, birth.start - 60), birth.start)
    if r is not None and not _inside(r.start("date"), spans):
        out.append(Hit(r.start("date"), r.end("date"), "GEBOORTEDATUM", r.group("date")))
    return out


def _listed_birthday(text: str, name: Hit, spans: Sequence[tuple[int, int]]) -> list[Hit]:
    m = _LISTED_DATE.match(text, name.end)
    if m is None or _inside(m.start("date"), spans):
        return []
    # the heading may stand a few list lines up (a PDF puts blank lines between them)
    if not _BIRTHDAY_HEADING.search(text, max(0, name.start - 300), name.start):
        return []
    out = [Hit(m.start("date"), m.end("date"), "GEBOORTEDATUM", m.group("date"))]
    age = _LISTED_AGE.match(text, m.end())
    if age is not None and 1 <= int(age.group("age")) <= 110:
        out.append(Hit(age.start("age"), age.end("age"), "LEEFTIJD", age.group("age")))
    return out
