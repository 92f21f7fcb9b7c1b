"""Ages in the ways people say them, as classes of construction rather than strings
(fourth round of issue 14; :mod:`.people` holds the earlier rules):

- **a person noun with "van"**: "haar moeder van 88", "zijn zoon van twaalf", "broertje
  Ayoub van negen", "een kind van vier" (not "moeder van 3 kinderen", "een groep van 12");
- **a copula with time words between**: "ik word in mei eenentachtig", "hij was toen
  drieëntachtig", "opoe werd op 2 mei 99!", "ik ben 91 hoor" (a particle may follow);
- **decades**: "van in de tachtig", "begin tachtig", "eind zeventig", "midden in de
  negentig", "tegen de negentig." (not "de jaren tachtig", "in de tachtig procent");
- **an ordinal age**: "op haar 78e", "op zijn tachtigste";
- **a name or pronoun with an age in apposition**: "Pieter, 27, student", "Yasmina El
  Idrissi, zestien, ...", "de heer Oosterhof, zelf 72,", "Dina, (81)", "Hij (88) is
  blind", "hij 86, zij 83";
- **the answer to "hoe oud"**: "Hoe oud bent u? - Eenenzeventig." in the next turn,
  "dus dan bent u nu" - "vijfentachtig ja";
- **an age group said of one person**: "een vijftiger", "een zeventiger uit Heeten" (not
  "de tachtigers", "de jaren zestig");
- **"-jarige"**: "de 94-jarige mevrouw Brinkhuis", "de negenentachtigjarige Bertus" (not
  "het 25-jarig jubileum", "een 10-jarige samenwerking");
- **a capitalised name with an age in brackets**: "Semhar (14)", "Filmon (12)" (not
  "Deelnemers (84)", "Lochem (12)": Dutch words and places);
- **an age restated or said bare in an introduction**: "begin negentig, 91 om precies te
  zijn", "Herman Bos, uit Mariënheem. Zestig, net.", "Ik ben de oudste hier, 89.".

Every pattern is compiled once; the text is scanned a few times with compiled
expressions, and the Python per match is a set lookup or two.

>>> [h.text for h in more_ages("Haar moeder van 88 woont in Goor, met 84 deelnemers.", [])]
['88']
>>> [h.text for h in more_ages("Ik word in mei eenentachtig. Het was in 84 procent.", [])]
['eenentachtig']
"""

from __future__ import annotations

import re

from .ages_events import is_event_age
from .ages_groups import _group_ages
from .ages_phrases import (
    _AFTER_NAME,
    _AGE_QUESTION,
    _ANSWER,
    _COPULA,
    _DECADES,
    _LABEL_NEXT,
    _ORDINAL,
    _PERSON_VAN,
    _PRONOUN_AGE,
    _TO_A_GROUP,
    _answer_line,
    _asks_an_age,
    _more_answers,
)
from .ages_round10 import drop_no_ages, no_age, round10_ages
from .ages_said import (
    AGE_TABLE_HEADER,
    ages_in_context,
    child_ages,
    list_ages,
    plus_ages,
    verb_and_count_ages,
)
from .lists import Hit
from .name_lists import is_word
from .numbers import table_column
from .numwords import AGE_WORD, SMALL_AGE_WORD, age_word_spans, word_number
from .places import is_place

__all__ = ["drop_no_ages", "is_event_age", "more_ages"]

#: Digits that may be an age (not in a time "00:01,500" or an amount "12,50").
_DIGITS = re.compile(r"\d{1,3}(?:e|ste|de)?(?![\w:]|[,.]\d)")
#: A small number word after "van" or "is": "een kind van vier", "hij is vijf".
_SMALL_AT = re.compile(rf"(?:van|is)\s+(?:\w+\s+)?(?P<age>{SMALL_AGE_WORD})(?![\w\-])")
_DECADE_WORDS = frozenset("twintig dertig veertig vijftig zestig zeventig tachtig negentig".split())
_VERB_NEAR = re.compile(r"\b(?:ben|bent|is|was|werd|wordt|word|bin|bint)\b")
_PRONOUN_NEAR = re.compile(
    r"(?:\(|\b(?:hij|zij|Hij|Zij|meneer|mevrouw|Meneer|Mevrouw)\s+)$"
    r"|\b\w+\s*\($"
)
_GLUED_BEFORE = frozenset(":,.'’-/")


def _candidates(text: str) -> list[tuple[int, int]]:
    """Spans of the numbers in ``text`` that may be ages, in order."""
    spans = []
    for m in _DIGITS.finditer(text):
        start = m.start()
        before = text[start - 1] if start else " "
        if not (before.isalnum() or before in _GLUED_BEFORE):
            digits = m.group().rstrip("estd")
            if 0 < int(digits) <= 120:
                spans.append(m.span())
    spans += age_word_spans(text, ordinals=True)
    spans += [m.span("age") for m in _SMALL_AT.finditer(text)]
    return sorted(set(spans))


#: An age restated right after another: "begin negentig, 91 om precies te zijn", "een
#: vijftiger al, 57 geloof ik".
_RESTATED = re.compile(
    rf"(?:\s+(?:al|hoor|dus|nu))?\s*,\s*"
    r"(?:(?:(?i:en|niet|word|wordt|werd|bijna|straks|binnenkort|volgende?|deze|dit|komende)"
    r"|week|maand|jaar|zomer|winter|januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)\s+){0,3}"
    rf"(?P<age>\d{{1,3}}|{AGE_WORD})(?:\s*jaar)?"
    r"(?=\s*(?:[.;!?\"”]|om\s+precies|precies|geloof|denk|of\s+zo|ongeveer|$"
    r"|op\s+\d{1,2}\s+[a-z]|in\s+(?:januari|februari|maart|april|mei|juni|juli|augustus|"
    r"september|oktober|november|december)\b))"
)


def more_ages(text: str, hits: list[Hit]) -> list[Hit]:
    """Ages of the classes in the module docstring; ``hits`` are those found so far
    (names, for the age in apposition after a name).

    >>> [h.text for h in more_ages("Een vrouw van 77, hij 86, zij 83. Op haar 78e.", [])]
    ['77', '86', '83', '78e']
    """
    found: dict[int, Hit] = {}

    def add(start: int, end: int) -> None:
        value = text[start:end]
        number = _value(value)
        if number is not None and 0 < number <= 120:
            found[start] = Hit(start, end, "LEEFTIJD", value)

    # every pattern ends in an age: find the numbers that may be one with scans that
    # start with a digit or a literal (fast in the regex engine), then try only the
    # patterns whose cue stands right before each
    candidates = _candidates(text)
    for start, end in candidates:
        word = text[start:end].casefold()
        tries = []
        if (word[0].isdigit() and word[-1] in "ed") or word.endswith("ste"):
            tries.append((_ORDINAL, start - 30))
        elif word in _DECADE_WORDS:
            tries.append((_DECADES, start - 40))
        if "van" in text[max(0, start - 22) : start]:
            tries.append((_PERSON_VAN, start - 80))
        if _VERB_NEAR.search(text, max(0, start - 60), start):
            tries.append((_COPULA, start - 90))
        if word[0].isdigit() and _PRONOUN_NEAR.search(text, max(0, start - 12), start):
            tries.append((_PRONOUN_AGE, start - 20))
        hi = min(len(text), end + 40)
        for pattern, lo in tries:
            if any(
                m.span(g) == (start, end)
                for m in pattern.finditer(text, max(0, lo), hi)
                for g, v in m.groupdict().items()
                if v
            ):
                add(start, end)
                break
    for hit in hits:
        if hit.category == "PERSOON":
            after = _AFTER_NAME.match(text, hit.end, min(len(text), hit.end + 60))
            if after:
                add(*after.span("paren" if after.group("paren") else "age"))
    for q in _AGE_QUESTION.finditer(text) if _asks_an_age(text) else ():
        # the answer in the next turn: on the next line, or on this one after a speaker
        # label (a subtitle reader joins the cues: "bent u nu [SPREKER 2]: tachtig ja")
        same = _LABEL_NEXT.match(text, q.end())
        line = q.end() if same else _answer_line(text, q.end())
        answer = _ANSWER.match(text, line) if line is not None else None
        numbered = (
            answer and not answer.group("label") and text[answer.end() : answer.end() + 1] == "."
        )
        if answer and not (numbered and answer.group("age")[0].isdigit()):  # "2. Echtpaar"
            add(*answer.span("age"))
            if _TO_A_GROUP.search(q.group()):
                _more_answers(text, answer.end(), add)
    for start, end in _group_ages(text, hits, candidates):
        found.setdefault(start, Hit(start, end, "LEEFTIJD", text[start:end]))
    # round 8 (:mod:`.ages_said`): forms, tables, brackets, verbs of becoming, echoes
    spans = ages_in_context(text, [*hits, *found.values()], candidates)
    spans += plus_ages(text) if "plus" in text or "+" in text else []
    for start, end in table_column(text, AGE_TABLE_HEADER):
        if _value(text[start:end]) is not None:
            spans.append((start, end))
    for start, end in spans:
        if start not in found and (
            _value(text[start:end]) is not None
            or "plus" in text[start:end]
            or "+" in text[start:end]
            or " de " in text[start:end]
        ):
            found[start] = Hit(start, end, "LEEFTIJD", text[start:end])
    ages = [h for h in [*hits, *found.values()] if h.category == "LEEFTIJD"]
    for hit in ages:
        again = _RESTATED.match(text, hit.end, min(len(text), hit.end + 40))
        if again:
            add(*again.span("age"))
        again = _NEXT_SENTENCE.match(text, hit.end, min(len(text), hit.end + 50))
        if again:
            add(*again.span("age"))
    ages = [h for h in [*hits, *found.values()] if h.category == "LEEFTIJD"]
    # round 9 (:mod:`.ages_said`): milestones, counts, approaches, corrections, children
    for start, end in verb_and_count_ages(text, candidates, ages) + child_ages(text, _may_be_name):
        if start not in found and _value(text[start:end]) is not None:
            found[start] = Hit(start, end, "LEEFTIJD", text[start:end])
    ages = [h for h in [*hits, *found.values()] if h.category == "LEEFTIJD"]
    for hit in list_ages(text, ages):
        found.setdefault(hit.start, hit)
    # round 10 (:mod:`.ages_round10`): inverted verbs, fillers, plurals, pairs, birthdays,
    # register lines
    said = [*hits, *found.values()]
    new = []
    for start, end in round10_ages(text, said, candidates):
        if start not in found and not any(h.start <= start < h.end for h in hits):
            found[start] = Hit(start, end, "LEEFTIJD", text[start:end])
            new.append(found[start])
    for hit in list_ages(text, new):  # "die zijn allemaal zeventien, achttien"
        found.setdefault(hit.start, hit)
    # round 10: a length of service or an average is no one's age, whichever rule took it
    return [h for h in found.values() if not no_age(text, h.start, h.end)]


#: After an age, the next sentence with a time or "bijna" and another: "Zeuvenentachtig.
#: In mei achtentachtig", "Zestien. Bijna zeventien,".
_NEXT_SENTENCE = re.compile(
    r"(?:\s*jaar)?\s*[.!]\s+(?:(?i:nee\s+wacht),?\s+)?"
    r"(?:(?i:in|op|vanaf|per)\s+(?:\d{1,2}\s+)?(?i:januari|februari|maart|april|mei|juni|juli|"
    r"augustus|september|oktober|november|december)|(?i:bijna|straks|binnenkort|haast)"
    r"|(?i:volgend\w*|komend\w*)\s+(?:week|maand|jaar))\s+"
    rf"(?P<age>\d{{1,3}}|(?i:{AGE_WORD}))(?![\w\-])(?=\s*(?:[,.;!?]|jaar\b|$|\n|as\s|als\s))"
)


def _may_be_name(word: str) -> bool:
    """A capitalised word that may be a person's name: no Dutch word, no place."""
    return not (is_word(word) or is_place(word))


def _value(text: str) -> int | None:
    """The number of an age as written: "88", "78e", "tachtigste", "eenentachtig"."""
    digits = text.rstrip("estd")
    if digits.isdigit():
        return int(digits)
    return word_number(text.removesuffix("ste") if text.endswith("tigste") else text)
