"""Names known by their form: names of other languages by their shape or the list of
names of many origins ("Tesfamariam", "Wiśniewska"), and known first names in text
written in lower case (a raw transcript, a lower-case turn in a chat).

>>> [h.text for h in lower_case_names("ik ben met gerda naar de markt geweest")]
['gerda']
"""

from __future__ import annotations

import re

from .lists import Hit, Lists
from .name_cues import _KIN_CUE, _SELF_CUE
from .name_lists import (
    _NEVER,
    dutch_words,
    first_names,
    is_name_word,
    world_names,
)
from .name_titles import _GLUED_BEFORE
from .name_words import (
    _CAP,
    _CAPITALISED,
    _LOWER_NOT_NAMES,
    _LOWER_TOKEN,
    _PARTICLE,
    _first_words_that_are_names,
    _is_person,
    in_lower_case,
)
from .places import is_place

__all__ = ["lower_case_names", "world_name_hits"]


#: A capitalised word not glued to an e-mail address, a handle or a hyphenated word.
_CAPITAL_WORD = re.compile(rf"{_CAP}[a-zà-ÿā-ž]+(?![\w@\-])")  # the char before: see below


#: A capitalised word shaped as a name of another language: Tigrinya and Amharic names
#: built on Gebre-, Tesfa-, Haile-, Wolde- or ending in -mariam, -mikael, -selassie,
#: -giorgis, -medhin; Arabic Abdel-, Abdul-; Polish -ski, -owska, -cki, -wicz, -czyk;
#: Ukrainian -enko, -chuk; Turkish -oğlu; Armenian -yan; Greek -poulos.
_NAME_SHAPE = re.compile(
    r"(?:(?:Gebre(?![kiev])|Ghebre|Tesfa|Haile|Wolde|Abdel|Abdul|Abdur)[a-z]{2,}|"
    r"[A-ZÀ-ÖØ-ÞĀ-Ž][a-zà-ÿā-ž]+(?:ski|(?:ow|ew|iń|in|yń|al)ska|cki|[eiy]cka|wicz|czyk|czak|enko|"
    r"chuk|oğlu|oglu|yan|"
    r"poulos|mariam|mikael|michael|selassie|giorgis|medhin|tsion))"
)
#: The endings of :data:`_NAME_SHAPE` (a cheap test first; "-ska" there only as "-owska",
#: "-ińska", ...: not "Alaska").
_NAME_ENDS = ("ski", "ska", "cki", "cka", "wicz", "czyk", "czak", "enko", "chuk", "oğlu", "oglu",
              "yan", "poulos", "mariam", "mikael", "michael", "selassie", "giorgis", "medhin",
              "tsion")  # fmt: skip
_NAME_STARTS_CAPITALISED = ("Gebre", "Ghebre", "Tesfa", "Haile", "Wolde", "Abdel", "Abdul",
                            "Abdur")  # fmt: skip


def world_name_hits(text: str, lists: Lists | None = None) -> list[Hit]:
    """Capitalised names of :func:`.name_lists.world_names` (names of origins deduce's
    lists lack, no Dutch words), wherever they stand ("de oudste, Semhar (14)"), and
    words shaped as names of those languages (:data:`_NAME_SHAPE`: "Ghebremariam",
    "Kowalski"), unless a Dutch word, a place or allowed.

    >>> [h.text for h in world_name_hits("De oudste, Semhar, en pater Zbigniew. Mei kwam.")]
    ['Semhar', 'Zbigniew']
    >>> [h.text for h in world_name_hits("Het gezin Ghebremariam en Jan Kowalski; de Ski-club")]
    ['Ghebremariam', 'Kowalski']
    """
    names, words = world_names(), dutch_words()
    capitalised = set(_CAPITAL_WORD.findall(text))  # each word once, then set operations
    targets = {w for w in capitalised if w.casefold() in names} if not names.isdisjoint(
        map(str.casefold, capitalised)
    ) else set()  # fmt: skip
    targets |= {
        w
        for w in capitalised
        if w.endswith(_NAME_ENDS) or w.startswith(_NAME_STARTS_CAPITALISED)
        if _NAME_SHAPE.fullmatch(w) and w.casefold() not in words
    }
    if not targets:
        return []
    found = [m for m in _CAPITAL_WORD.finditer(text) if m.group() in targets]
    lists = lists if lists is not None else Lists.of()
    return [
        Hit(m.start(), m.end(), "PERSOON", m.group())
        for m in found
        if not (
            (m.start() and _GLUED_BEFORE.match(text, m.start() - 1))
            or is_place(m.group())
            or lists.allowed(m.group())
        )
    ]


def lower_case_names(text: str, lists: Lists | None = None) -> list[Hit]:
    """In a transcript without capitals (speech recognition), every known first name
    that is no Dutch word is taken for a name, cue or not: capitals, the usual sign of a
    name, are missing ("groetjes aan anouk", "henk en gerda van hiernaast").

    >>> [h.text for h in lower_case_names("ja en dan heb je nog henk en de bas van hiernaast")]
    ['henk']
    >>> lower_case_names("Dan heb je nog henk.")
    []
    """
    if not in_lower_case(text):
        return _in_lower_case_turns(text, lists)
    return _lower_case_names_in(text, 0, len(text), lists)


def _lower_case_names_in(text: str, start: int, end: int, lists: Lists | None) -> list[Hit]:
    """:func:`lower_case_names` on ``text[start:end]``."""
    lists = lists if lists is not None else Lists.of()
    names, words = first_names(), dutch_words()
    out = []
    for m in _LOWER_TOKEN.finditer(text, start, end):
        word = m.group()
        if (
            word in names
            and word not in words
            and word not in _NEVER
            and word not in _LOWER_NOT_NAMES
            and not is_place(word)
            and not lists.allowed(word)
        ):
            out.append(Hit(m.start(), m.end(), "PERSOON", word))
    return out


#: A turn that opens in lower case, after a speaker's label (and a chat's time stamp):
#: "Amina: ik ben amina, ik kom uit ...", "[05-02-2024 18:02] Henk: was gezellig. truus
#: zei ..." in a text that is otherwise capitalised.
_LOWER_TURN = re.compile(  # matched on "\n" + text: a line break opens it (found fast)
    r"\n(?P<stamp>\[[^\]\n]{1,30}\][ \t]*)?"
    r"(?:(?P<label>[^\n:\[\]<]{1,40}):|<v (?P<voice>[^>\n]{1,40})>)[ \t]*"
    r"(?=[a-zà-ÿ])(?P<body>[^\n]{30,})"
)


def _speaker_label(label: str) -> bool:
    """A speaker's label ("R", "Amina", "SPREKER 2", "Henk Wolters"), not a report's
    heading word ("Privacy", "Verloop van vrijwilligers")."""
    words = label.split()
    if not words or len(words) > 4:
        return False
    if len(label.strip()) <= 3 or label.isupper():
        return True
    return all(is_name_word(w) or _PARTICLE.fullmatch(w) for w in words)


def _in_lower_case_turns(text: str, lists: Lists | None) -> list[Hit]:
    """Names in the turns of a capitalised text that a speaker wrote in lower case
    (a chat, a transcribed turn): a turn of six words or more that opens in lower case
    and has at most one capitalised word in six; lower-case relatives and
    self-introductions in it too ("mijn man abdi", "ik ben amina")."""
    out: list[Hit] = []
    for turn in _LOWER_TURN.finditer("\n" + text):
        if turn.group("label") is not None and not (
            turn.group("stamp") or _speaker_label(turn.group("label"))
        ):
            continue
        body = turn.group("body")
        words = body.count(" ") + 1
        if words < 6 or len(_CAPITALISED.findall(body)) > words / 6:
            continue
        start, end = turn.start("body") - 1, turn.end("body") - 1
        out += _lower_case_names_in(text, start, end, lists)
        for pattern in (_KIN_CUE, _SELF_CUE):
            for m in pattern.finditer(body):
                name = _first_words_that_are_names(m.group("name"))
                if name and name[0].islower() and not _PARTICLE.fullmatch(name.split()[0]):
                    at = start + m.start("name")
                    if _is_person(name, lists or Lists.of(), lower_ok=True):
                        out.append(Hit(at, at + len(name), "PERSOON", name))
    return out
