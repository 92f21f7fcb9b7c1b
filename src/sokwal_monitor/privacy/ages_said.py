"""Ages in forms, lists and conversation (round 8 of issue 14), as classes of
construction; :mod:`.ages` and :mod:`.people` hold the earlier rules and call these:

- **a form field**: "Leeftijd / geslacht: 68 / v", "Leeftijden: 86 en 84", "Lft.: 77",
  "op haar leeftijd... zesennegentig" (not "gemiddelde leeftijd 79": a group);
- **a list of ages**: an age, then "en", ",", "/" or "en niet" and another ("Sem en Jesse,
  15 en 17,", "hij is dus 85 en niet 90", "hij in de viftig, zij zesenveertig"), also
  one crossed out in a typed-out form ("79 [doorgestreept: 78]");
- **brackets with sex or more**: "Nijboer (v, 91)", "Jochem (82, Hanzestraat 9)", "mijn
  moeder (96!!)", "de jongens (7 en 11)", "mijn kinderen (4 en 6)";
- **a verb of becoming, without a subject before it**: "(wordt in januari 82)", "werd op
  8 september negentig!", "ik word er vier-en-negentig in juni", and at the end of a
  clause: "dat ze volgende week 92 wordt", "dat haar man Johan vorige maand
  eenennegentig is geworden", "u zei dat u 88 bent" (not "het aantal werd 80");
- **an age opening its clause, the subject after**: "88 is die.";
- **more subjects and fillers of "is"**: "mevr. is vierentachtig", "Dee is
  ainentachtig", "de oudste is 81" (not "de jongste deelnemer was 23": a group's range),
  "Gerard, de oudste, is
  eenenzestig", "Dirk Jan is toch 74?", "ik ben zelf net zeventig-plus";
- **decades said otherwise**: "boven de tachtig", "Volgend jaar de tachtig", "ze is ien de
  zeuventig" (dialect "ien" and the dialect decades: "viftig", "zeuventig");
- **people with "van" and more between**: "een neef, Harm Pluimers, van een jaar of
  vijfenvijftig", "een tweeling van veertien", "twee kinder van elf en dertien", "mijn
  moeder nog, die van 97";
- **ordinals with dialect possessives**: "op zien zeuventigste";
- **an age after a date of birth**: "negen april negenendertig, dus vieventachtig", "Dus
  reken maar uit: vierentachtig.";
- **an age echoed in the next turn**: "Honderd!", "Vierennegentig! Woont u nog
  zelfstandig?", "Oeps ja 74 dan" (the same value as an age said just before);
- **"en ik 63,"**: a pronoun and a bare age in a chat; **a person noun with the age in
  commas** ("Mijn moeder, 88, woont nog thuis"); **"wij zijn allebei 80"**.

Every check is a compiled pattern matched right before (anchored at the number) or right
after a number that may be an age, so nothing is tried at every position of the text.

>>> from .lists import Hit
>>> text = "Leeftijden: 86 en 84. Het aantal werd 80."
>>> spans = ages_in_context(text, [], [(12, 14), (18, 20), (38, 40)])
>>> [text[s:e] for s, e in spans]  # "84": :func:`list_ages`, after the first
['86']
"""

from __future__ import annotations

import re
from bisect import bisect_left

from .ages_said_patterns import (
    _AFTER_NAME_LOOSE,
    _APPOSITION_END,
    _BECOMING_BEFORE,
    _BOTH_BEFORE,
    _CLAUSE_START,
    _COUNT_BEFORE,
    _DECADE_BEFORE,
    _DECADE_NOT_AFTER,
    _DECADES,
    _DIE_VAN_BEFORE,
    _ECHO_AFTER,
    _ECHO_BEFORE,
    _FILLED,
    _FILLER,
    _GROUP_LABEL,
    _I_AFTER,
    _I_BEFORE,
    _IT_BEFORE,
    _LABEL_BEFORE,
    _NAME_VERB,
    _NOT_AGE_AFTER,
    _NOUN_APPOSITION,
    _ORDINAL_BEFORE,
    _PAREN_CLOSE,
    _PAREN_OPEN,
    _PAREN_REST,
    _PEOPLE_NEAR,
    _PEOPLE_WORD,
    _PERSON_PAREN_BEFORE,
    _PERSON_VAN_BEFORE,
    _PRONOUN_FILLED,
    _SEX_BEFORE,
    _SO_BEFORE,
    _SUBJECT_AFTER,
    _SUBJECT_VERB_BEFORE,
    _TAIL,
    _THING_BEFORE,
    _VERB_AFTER,
)
from .ages_said_round9 import child_ages, verb_and_count_ages
from .lists import Hit
from .numwords import AGE_WORD, word_number

__all__ = [
    "AGE_TABLE_HEADER",
    "ages_in_context",
    "child_ages",
    "list_ages",
    "plus_ages",
    "verb_and_count_ages",
]


def ages_in_context(
    text: str, hits: list[Hit], candidates: list[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Spans of the ages of the module docstring's classes among ``candidates`` (the
    numbers of ``text`` that may be ages: digits up to 120, age words); ``hits`` are the
    personal data found so far (names and dates of birth give context).

    >>> text = "Dirk Jan is toch 74? Hij werd op 8 september negentig!"
    >>> at = text.index("negentig")
    >>> name = Hit(0, 8, "PERSOON", "Dirk Jan")
    >>> [text[s:e] for s, e in ages_in_context(text, [name], [(17, 19), (at, at + 8)])]
    ['74', 'negentig']
    """
    spans: list[tuple[int, int]] = []
    ages = [h for h in hits if h.category == "LEEFTIJD"]
    births = sorted(h.end for h in hits if h.category == "GEBOORTEDATUM")
    names = sorted((h for h in hits if h.category == "PERSOON"), key=lambda h: h.end)
    name_ends = [h.end for h in names]
    # every check is gated by a plain test of the few characters around the number, so
    # most numbers (counts, times, amounts) cost a slice and a few "in" tests
    for start, end in candidates:
        word = text[start:end]
        if word.isdigit() and len(word) == 1 and not _small_ok(text, start):
            continue
        lo40, lo80 = max(0, start - 40), max(0, start - 80)
        near = text[lo40:start]
        if _ordinal(word):
            if _ORDINAL_BEFORE.search(text, lo40, start):
                spans.append((start, end))
            continue
        if _NOT_AGE_AFTER.match(text, end):
            continue
        tail = _TAIL.match(text, end)
        if "eeftijd" in near or "EEFTIJD" in near or "ft" in near or "FT" in near:
            label = _LABEL_BEFORE.search(text, lo40, start)
            if label is not None and not _GROUP_LABEL.search(text, lo40, label.start()):
                spans.append((start, end))
                continue
        if "(" in near[-12:] and _paren_age(text, start, end, near, names, name_ends):
            spans.append((start, end))
            continue
        if tail and _BECOMING_NEAR.search(text, lo80, start):
            verb = _BECOMING_BEFORE.search(text, lo80, start)
            if verb is not None and not _thing_becomes(text, verb.start()):
                spans.append((start, end))
                continue
        verb_end = _VERB_AFTER.match(text, end)
        if verb_end is not None:
            is_you = verb_end.group().rstrip().endswith(("bent", "ben"))
            cue = _PRONOUN_FILLED.search(text, lo80, start)
            named = not is_you and any(
                _FILLED.fullmatch(text, h.end, start)
                for h in _ending(names, name_ends, lo80, start)
            )
            if (cue or named) and not _COUNT_BEFORE.search(text, lo40, start):
                spans.append((start, end))
                continue
        if _SUBJECT_AFTER.match(text, end) and _CLAUSE_START.search(text, lo40, start):
            spans.append((start, end))
            continue
        if (
            tail
            and _VERB_WORD.search(text, lo80, start)
            and (
                _SUBJECT_VERB_BEFORE.search(text, lo80, start)
                or any(
                    _NAME_VERB.fullmatch(text, h.end, start)
                    for h in _ending(names, name_ends, start - 60, start)
                )
            )
        ):
            spans.append((start, end))
            continue
        if (
            word.casefold() in _DECADES
            and " de " in near
            and _DECADE_BEFORE.search(text, lo40, start)
            and not _DECADE_NOT_AFTER.match(text, end)
        ):
            spans.append((start, end))
            continue
        if tail and "van" in near and _person_van(text, start):
            spans.append((start, end))
            continue
        if (
            tail
            and births
            and _ending_within(births, start - 250, start)
            and _SO_BEFORE.search(text, lo40, start)
        ):
            spans.append((start, end))
            continue
        if (
            near.rstrip().endswith(",")
            and _NOUN_APPOSITION.search(text, lo40, start)
            and _APPOSITION_END.match(text, end)
        ):
            spans.append((start, end))
            continue
        if (
            tail
            and ("beid" in near or "allebei" in near)
            and _BOTH_BEFORE.search(text, lo40, start)
        ):
            spans.append((start, end))
            continue
        if _I_AFTER.match(text, end) and _I_BEFORE.search(text, max(0, start - 12), start):
            spans.append((start, end))
            continue
        if _ECHO_AFTER.match(text, end) and _ECHO_BEFORE.search(text, max(0, start - 20), start):
            value = _value(word)
            said = [(a.end, a.text) for a in ages] + [(e, text[s:e]) for s, e in spans]
            if any(0 < start - e <= 500 and _value(t) == value for e, t in said):
                spans.append((start, end))
                continue
    for h in names:
        loose = _AFTER_NAME_LOOSE.match(text, h.end, min(len(text), h.end + 40))
        if loose:
            spans.append(loose.span("age" if loose.group("age") else "about"))
    return spans


_VERB_WORD = re.compile(r"\b(?:is|was|wordt|werd|word|ben|bent|bin|bint|wör)\b", re.IGNORECASE)
_BECOMING_NEAR = re.compile(r"wor|wer|wör|woar|WOR|WER|Wor|Wer")


def _ending(names: list[Hit], ends: list[int], lo: int, hi: int) -> list[Hit]:
    """The names in ``names`` (sorted by end) that end in ``[lo, hi)``."""
    return names[bisect_left(ends, lo) : bisect_left(ends, hi)]


def _ending_within(ends: list[int], lo: int, hi: int) -> bool:
    """Whether a sorted ``ends`` holds a value in ``[lo, hi]``."""
    i = bisect_left(ends, lo)
    return i < len(ends) and ends[i] <= hi


def _paren_age(
    text: str, start: int, end: int, near: str, names: list[Hit], ends: list[int]
) -> bool:
    """An age in brackets: with sex ("(v, 91)"), or opening a bracket after a person
    ("Jochem (82, Hanzestraat 9)", "mijn moeder (96!!)", "dochter Fenna (5)")."""
    lo = max(0, start - 40)
    if _SEX_BEFORE.search(text, max(0, start - 12), start) and _PAREN_CLOSE.match(text, end):
        return True
    if not (_PAREN_OPEN.search(text, max(0, start - 4), start) and _PAREN_REST.match(text, end)):
        return False
    bracket = text.rfind("(", lo, start)
    return bool(_PERSON_PAREN_BEFORE.search(text, lo, start)) or bool(
        _ending(names, ends, bracket - 2, bracket + 1)
    )


def _thing_becomes(text: str, verb: int) -> bool:
    """Whether the subject before a verb of becoming at ``verb`` is a count or a thing
    ("het aantal werd", "de club wordt", "het wordt")."""
    thing = _THING_BEFORE.search(text, max(0, verb - 30), verb)
    return bool(
        _COUNT_BEFORE.search(text, max(0, verb - 50), verb)
        or _IT_BEFORE.search(text, max(0, verb - 8), verb)
        or (thing and not _PEOPLE_WORD.fullmatch(thing.group("noun")))
    )


def _person_van(text: str, start: int) -> bool:
    """A person noun with "van" before the age ("een tweeling van veertien"), or "die
    van" after a person noun ("mijn moeder nog, die van 97")."""
    if _PERSON_VAN_BEFORE.search(text, max(0, start - 90), start):
        return True
    return bool(_DIE_VAN_BEFORE.search(text, max(0, start - 12), start)) and bool(
        _PEOPLE_NEAR.search(text, max(0, start - 70), max(0, start - 8))
    )


def _ordinal(word: str) -> bool:
    """ "78e", "16de", "tachtigste": an ordinal number."""
    folded = word.casefold()
    return folded.endswith("ste") or (
        folded.rstrip("de").isdigit() and folded[-1] in "de" and not folded.isdigit()
    )


def plus_ages(text: str) -> list[tuple[int, int]]:
    """ "ik ben zelf net zeventig-plus", "hij is 80+": an age with "plus" said of one
    person (not "de 75-plussers").

    >>> text = "Ik ben zelf net zeventig-plus, haha. De 75-plussers komen."
    >>> [text[s:e] for s, e in plus_ages(text)]
    ['zeventig-plus']
    """
    spans = []
    for at in _PLUS_AT.finditer(text):
        m = _PLUS_SAID.search(text, max(0, at.start() - 70), at.end())
        if m is not None and m.end("age") == at.end() and _TAIL.match(text, at.end()):
            spans.append(m.span("age"))
    return spans


_PLUS_AT = re.compile(r"(?<=[\w\- ])(?:plus|\+)(?![\w\-])")
_PLUS_SAID = re.compile(
    r"(?<![\w\-])(?i:ik\s+ben|ik\s+bin|hij\s+is|zij\s+is|ze\s+is|die\s+is|u\s+bent|"
    r"meneer\s+is|mevrouw\s+is)\s+"
    rf"{_FILLER}(?P<age>(?:\d{{1,3}}|(?i:{AGE_WORD}))[\- ]?(?:plus|\+))"
)


def _small_ok(text: str, start: int) -> bool:
    """A one-digit number may be an age only in a bracket or a list of ages."""
    return text[max(0, start - 3) : start].rstrip().endswith(("(", ",", "en", "/"))


#: After an age: another one in a list ("15 en 17", "85 en niet 90", ", zij zesenveertig").
_NEXT_IN_LIST = re.compile(
    r"(?:\s*jaar)?(?:\s*(?:,|/|&)\s*(?:en\s+)?|\s+(?:en|of)\s+(?:niet\s+)?"
    r"|\s*\[(?i:doorgestreept|doorgehaald|verbeterd)\s*:\s*)"
    r"(?:(?i:hij|zij|ze|meneer|mevrouw)\s+)?"
    rf"(?P<age>\d{{1,3}}|(?i:{AGE_WORD}))(?![\w\-])"
    r"(?![ \t]*(?:procent|%|euro|uur|keer|kilo|km|jaar\s+geleden|"
    r"(?!zoals\b)(?=\w{4,})\w+(?:en|s)\b)"
    r"|[.,:]\d|[\-–]\d)"
    r"(?=\s*(?:jaar\b|[,.;:!?)\]]|$|\n|zoals\b|en\b|of\s+zo\b|met\b|wonen\b|"
    r"(?:in|uit)\s+[A-Z]))"
)


def list_ages(text: str, ages: list[Hit]) -> list[Hit]:
    """The ages that follow an age in a list, repeated until none is added: "Sem en
    Jesse Nijhof, 15 en 17,", "Leeftijden: 86 en 84", "(7 en 11)".

    >>> from .lists import Hit
    >>> text = "Leeftijden: 86 en 84, hij is dus 85 en niet 90 zoals hij zegt."
    >>> said = [Hit(12, 14, "LEEFTIJD", "86"), Hit(33, 35, "LEEFTIJD", "85")]
    >>> [h.text for h in list_ages(text, said)]
    ['84', '90']
    """
    out: list[Hit] = []
    todo = list(ages)
    seen = {h.start for h in ages}
    while todo:
        hit = todo.pop()
        m = _NEXT_IN_LIST.match(text, hit.end, min(len(text), hit.end + 30))
        if m is None or m.start("age") in seen:
            continue
        value = _value(m.group("age"))
        if value is None or not 0 < value <= 120:
            continue
        new = Hit(m.start("age"), m.end("age"), "LEEFTIJD", m.group("age"))
        seen.add(new.start)
        out.append(new)
        todo.append(new)
    return sorted(out, key=lambda h: h.start)


def _value(text: str) -> int | None:
    """The number an age is written as: "88", "78e", "tachtigste", "vier-en-negentig"."""
    digits = text.rstrip("estd")
    if digits.isdigit():
        return int(digits)
    return word_number(text.removesuffix("ste") if text.endswith("tigste") else text)


#: A table's header cell that names an age column ("Lft.", "Leeftijd", "Age", "Jr").
AGE_TABLE_HEADER = re.compile(r"(?i:lft\.?|lftd\.?|leeftijd|age|jr\.?|jaar)")
