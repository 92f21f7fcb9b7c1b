"""Dates of birth said in part: named days, short dates, years and months alone.

The rules of rounds 8 and 9 that :func:`.dates.birth_dates` adds to the full dates: a
named day with a year ("tweede kerstdag '38"), a date with a two-digit year ("27/9/42"),
someone named by a year ("een '66er"), a day and month without a year said as a birth,
a date restated or corrected right after one, a year before a birth verb, a year answering
a question about a birth, and a month with a year ("geboren in maart 1944").
"""

from __future__ import annotations

import re

from .date_cues import (
    _ANY_YEAR,
    _BIRTH_QUESTION,
    _BIRTH_SENTENCE_CUE,
    _CUE_AFTER,
    _CUE_BEFORE,
    _MONTH_NAMES,
    _SENTENCE_END,
    _SHORT_YEAR,
    _YEAR,
    DatePolicy,
    _answers_a_birth_question,
    _weigh,
    short_year,
)
from .numwords import _U, _X, DAY_WORD, DECADE_WORD, YEAR_WORD, word_number

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
    r"[\s\d:.,>\-]*?(?:[^\n:?]{1,40}:)?\s*(?:(?i:op|in|van|ergens\s+in|rond|begin|eind)\s+)?"
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


# -- round 10: a date said in number words, someone named by a year in words, a star --------

_MONTH_NUMBER = "een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf"
#: A date said as three number words, day, month and year: "vier twaalf zevenenveertig",
#: "zeven-elf-negenendertig", "acht acht negentien achtendertig".
_NUMBER_WORD_DATE = re.compile(
    rf"(?P<d>{DAY_WORD})[ \t]*[\-, ]?[ \t]*(?P<m>{_MONTH_NUMBER})[ \t]*[\-, ]?[ \t]*"
    rf"(?P<y>{YEAR_WORD}|{DECADE_WORD})(?![\w\-])",
    re.IGNORECASE,
)
#: Where such a date may stand: after a birth cue ("geboren op", "is van"), or opening
#: the answer to a question about a birth (the question checked after the match).
_NUMBER_DATE_CUE = re.compile(
    r"(?=[gGv?])(?:(?i:geboren|geb\.|geboortedatum)[ \t]*:?[ \t]*"
    r"(?:(?i:op|is)[ \t]+)?(?:de[ \t]+)?"
    r"|van[ \t]+(?:de[ \t]+)?"
    r"|\?[\s\d:.,>\-]*(?:[^\n:?]{1,40}:)?[ \t]*)"
)
_VERB_BEFORE = re.compile(r"(?<![\w\-])(?i:is|ben|bent|was)[ \t]+$")


#: A day and a month said as two ordinals, the answer to a birthday question: "De
#: negende van de zesde." (with a year it is :mod:`.dates`' ordinal date).
_ORDINAL_PAIR = re.compile(
    rf"(?:[Dd]e\s+)?{_ORDINAL_DAY}\s+van\s+de\s+{_ORDINAL_DAY}(?![\w\-])"
    rf"(?![ \t,]*(?:['’]?\d\d|{DECADE_WORD}|{YEAR_WORD})(?![\w\-]))",
    re.IGNORECASE,
)


def _number_word_dates(text: str, year: int, known: set[int]) -> list[tuple[int, int, str, str]]:
    """A full date said as three number words after a birth cue or as the answer to a
    question about a birth ("Wat is uw geboortedatum?" -> "Zeven elf negenendertig.");
    without a cue three numbers may be anything ("drie of vier") and stay."""
    out: list[tuple[int, int, str, str]] = []
    if "?" not in text and "eb" not in text and " van " not in text:
        return out
    for cue in _NUMBER_DATE_CUE.finditer(text):
        if cue.group().startswith("van") and not _VERB_BEFORE.search(
            text, max(0, cue.start() - 8), cue.start()
        ):
            continue  # "van" after a verb of being only: "ik ben van ..."
        if cue.group().startswith("?"):
            pair = _ORDINAL_PAIR.match(text, cue.end())
            if pair is not None and _answers_a_birth_question(text, pair.start()):
                # "Wanneer bent u jarig?" -> "De negende van de zesde."
                out.append((pair.start(), pair.end(), "GEBOORTEDATUM", pair.group()))
                continue
        m = _NUMBER_WORD_DATE.match(text, cue.end())
        if m is None or m.start() in known or (m.start() and text[m.start() - 1].isalnum()):
            continue
        day, month, said = (
            word_number(m.group("d")),
            word_number(m.group("m")),
            word_number(m.group("y")),
        )
        if not (day and month and said and 1 <= day <= 31 and 1 <= month <= 12):
            continue
        if cue.group().startswith("?") and not _answers_a_birth_question(text, m.start()):
            continue
        full = short_year(str(said), year) if said < 100 else said
        if full > year:
            continue
        out.append((m.start(), m.end(), "GEBOORTEDATUM", m.group()))
    return out


#: Someone named by a year of birth in words or digits with "-er": "een achtendertiger",
#: "een echte zevenenveertiger", "een 1949-er" (a round decade, "een vijftiger", is an
#: age group: not this).
_YEAR_WORD_PERSON = re.compile(
    rf"(?<![\w\-])(?i:een|echte|rasechte)[ \t]+(?:(?i:echte|rasechte)[ \t]+)?"
    rf"(?P<w>(?i:(?:{_U})(?:en|ën)(?:{_X}))er|(?:19\d\d|['’]?\d\d)-er)(?![\w\-])"
)


def _year_words_people(text: str) -> list[tuple[int, int, str, str]]:
    """A year of birth said as what someone is: "hij is een achtendertiger"."""
    if "tiger" not in text and "-er" not in text:
        return []
    return [
        (m.start("w"), m.end("w"), "GEBOORTEDATUM", m.group("w"))
        for m in _YEAR_WORD_PERSON.finditer(text)
    ]


#: A star before a year or a date after a name, as in genealogy: "Jan Smit *1941",
#: "Mevr. Kuipers, * 12-03-1936" (a star opening a line is a bullet: "* 1953: de ramp").
_STARRED = re.compile(
    r"(?<=[\w),][ \t])\*[ \t]?(?P<y>(?:\d{1,2}[-/.]\d{1,2}[-/.])?(?:19|20)\d\d)(?![\w\-/])"
)


def _starred_births(text: str) -> list[tuple[int, int, str, str]]:
    """A year or a date after a star right after a name (see :data:`_STARRED`)."""
    if "*" not in text:
        return []
    return [
        (m.start("y"), m.end("y"), "GEBOORTEDATUM", m.group("y")) for m in _STARRED.finditer(text)
    ]
