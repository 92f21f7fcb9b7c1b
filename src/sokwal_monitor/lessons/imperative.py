"""Imperatives: whether a sentence starts with a verb stem used as an imperative
(*Verdeel taken*, *Nodig ze uit*), with the word lists and the verb stems it needs."""

from __future__ import annotations

import re
from functools import lru_cache

#: Words after which a sentence-initial verb stem is not an imperative ("Ga je mee?")
_SUBJECTS = frozenset({"je", "jij", "u", "we", "wij", "ik", "ze", "zij", "hij", "men"})
#: First words that look like verb stems but are not imperatives here.
_NOT_IMPERATIVE = frozenset(
    {"zie", "begin", "eind", "deel", "dank", "kijk", "stel", "wel", "goed", "samen",
     "vroeger", "mevrouw", "meneer", "iedereen", "positief", "negatief",
     # prepositions that look like verb stems ("Naast het taalcafé is er …")
     "naast", "volgens", "tijdens", "dankzij", "ondanks", "vanwege", "langs", "rond",
     "binnen", "buiten", "behalve", "heel", "veel", "best"}
)  # fmt: skip
#: Finite verbs that do not follow an imperative ("Nodig is het niet.").
_FINITE = frozenset({"is", "was", "zijn", "waren", "wordt", "werd", "heeft", "had", "blijkt",
                     "bleek", "lijkt"})  # fmt: skip
#: Particles of separable verbs (*uitnodigen*: "Nodig ze uit").
_PARTICLES = frozenset({"uit", "op", "mee", "aan", "af", "in", "bij", "erbij", "door", "terug",
                        "over", "toe", "na", "vast"})  # fmt: skip
#: Irregular imperatives: the stem of these verbs does not follow the spelling rules.
_IRREGULAR = {"ga": "gaan", "sta": "staan", "doe": "doen", "kom": "komen", "hou": "houden",
              "wees": "zijn", "heb": "hebben", "sla": "slaan", "zoek": "zoeken"}  # fmt: skip


@lru_cache(maxsize=1)
def _stems() -> dict[str, str]:
    """Verb stem (imperative, *verdeel*) -> infinitive (*verdelen*), for every verb
    lemma of the pipeline's lemma table."""
    from ..nlp.lemma_table import lemma_table, regular_stem

    table = lemma_table()
    verbs = set(table.verbs) | {v for v in table.values() if v.endswith("en") and v.isalpha()}
    out = {}
    for verb in sorted(verbs):
        stem = regular_stem(verb)
        out[stem] = verb
        if re.search(r"[^aeiou](ig|el|er|en)en$", verb):
            out.setdefault(verb[:-2], verb)  # nodigen -> nodig, regelen -> regel (unstressed)
        # verdelen -> verdeel (a stressed e in a longer word is written double too)
        if (
            len(stem) >= 3
            and stem[-2] == "e"
            and stem[-3] not in "aeiou"
            and stem[-1] not in "aeiou"
        ):
            out.setdefault(stem[:-1] + "e" + stem[-1], verb)
    out.update(_IRREGULAR)
    return out


@lru_cache(maxsize=1)
def _verbs() -> frozenset[str]:
    """Every verb whose imperative :func:`_stems` knows."""
    return frozenset(_stems().values())


def is_imperative(words: list[str]) -> bool:
    """Whether a sentence (its words, in order) starts with an imperative: a verb stem
    (*Verdeel*, *Leg*, *Ga*) not followed by a subject pronoun, in a sentence that is
    not a question.

    >>> is_imperative(["Leg", "afspraken", "schriftelijk", "vast", "."])
    True
    >>> is_imperative(["Ga", "je", "mee", "?"]), is_imperative(["De", "taken", "."])
    (False, False)
    """
    words = [w for w in words if w.strip() and not re.fullmatch(r"[-–•*\d.)]+", w)]
    if len(words) < 3 or words[-1] == "?":
        return False  # a fragment ("week"), or a question
    first = words[0].lower()
    if first in ("en", "maar", "dus", "ook") and len(words) > 1:
        words, first = words[1:], words[1].lower()
    if first in _NOT_IMPERATIVE and not (
        len(words) > 1 and words[1].lower() in ("klein", "niet", "nooit", "pas", "gewoon")
    ):
        return first == "deel" and len(words) > 1 and words[1].lower() in ("kennis", "ervaringen")
    if len(words) > 1 and (
        words[1].lower() in _SUBJECTS or words[1][:1].isdigit() or words[1].lower() in _FINITE
    ):
        return False  # "Ga je mee", "Nodig is het niet": a subject or a finite verb next
    if first in _function_words() or (":" in words[1:4] and first in _nouns()):
        return False  # "In 2019 ...", "Er zijn ...", a label "Verloop van vrijwilligers: ..."
    verb = _stems().get(first)
    if verb is None:
        # a separable verb: "Nodig de mensen persoonlijk uit", "Vraag iemand erbij"
        particles = [w.lower() for w in words[2:] if w.lower() in _PARTICLES]
        verbs = _verbs()
        return any(p + first + "en" in verbs or p + first in _stems() for p in particles)
    from ..nlp import lemma_of

    lemma = lemma_of(first)  # not a past tense of another verb ("bleek" is of blijken)
    return lemma in (verb, first) or not (lemma.endswith("en") and lemma != verb)


@lru_cache(maxsize=1)
def _function_words() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def _nouns() -> frozenset[str]:
    from ..nlp.lemma_table import lemma_table

    return lemma_table().nouns
