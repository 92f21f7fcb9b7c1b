"""The cues and the policy by which a date is weighed as a date of birth.

The building blocks shared by every date rule of :mod:`.dates`: the names of months and
the patterns of full and spoken dates and of years, the cues before and after a date that
make it a birth (or an event), the question a date may answer, :class:`DatePolicy`, the
reading of years said in two digits (:func:`short_year`), and :func:`_weigh`, which takes a
full date for a date of birth when a cue says so or the policy finds it old enough.
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
)
from .places import is_place

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
    rf"(?:het\s+(?:jaar|bouwjaar)\s+)?(?P<c>{_SHORT_YEAR}|19\d\d|{YEAR_WORD}|{DECADE_WORD})(?![\w\-])"
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
    rf"van\s+(?:het\s+jaar\s+)?(?P<y>{_SHORT_YEAR}|19\d\d|20[0-2]\d|{YEAR_WORD}|{DECADE_WORD})(?![\w\-])"
)
#: Round 10: a note without its subject, at a sentence's or a field's start ("Belde mevr.
#: Ooms. Is van '37", "Dhr. Pieters: is van 1940"); the scan starts at the punctuation.
_NOTE_IS_VAN = re.compile(
    rf"[.!:;\n][ \t]*[Ii]s\s+van\s+(?:het\s+jaar\s+)?(?P<n>{_SHORT_YEAR}|19\d\d)(?![\w\-])"
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
#: Round 10: what a club, a building or a group is "van 1958" ("de kaartclub is van 1962").
_NO_PERSON_ENDINGS = (
    "club", "vereniging", "huis", "school", "kerk", "koor", "stichting", "fonds", "bond",
    "team", "groep", "winkel", "zaak", "bedrijf", "molen", "gebouw", "pand", "soos", "zaal",
    "kapel", "orkest", "fanfare", "brug", "boerderij", "schuur", "wet", "regeling", "foto",
)  # fmt: skip
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
    r"aardbeving|storm|brand|aanslag|verkiezing\w*|referendum|"
    # round 10: a wedding's date is no birth ("getrouwd 12 mei 1967", "Trouwdag was ...")
    r"trouw\w*|getrouwd|huwelijk\w*|bruiloft)\b[^.?!\n]{0,25}$",
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
    # round 10: a short sentence after the question in the same turn ("Wat is uw
    # geboortedatum? Dat moet op het formulier.")
    r"^(?:[ \t]+[^\n?]{1,80}?[.!])?[\s\d:.,>\-]*(?:[^\n:?]{1,40}:)?\s*"
    r"(?:(?i:op|in|van|ergens\s+in|rond|begin|eind|half)\s+)?$"
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
