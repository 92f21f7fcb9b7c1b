"""The word tests that name finding shares: the shapes of name words and particles,
whether a found name is a person's (not a place, an organisation or an allowed word),
which first words of a cued phrase are names, the titles before a name, and whether a
text is written in lower case (speech recognition).

>>> in_lower_case("ja ik ben gerda en dit is johan"), in_lower_case("Ik ben Gerda.")
(True, False)
"""

from __future__ import annotations

import re

from .lists import Lists, is_organisation
from .name_lists import (
    _NEVER,
    common_words,
    dutch_words,
    first_names,
    is_name_word,
)
from .places import is_place

__all__ = ["in_lower_case"]


def _is_person(name: str, lists: Lists, *, lower_ok: bool = False, place_ok: bool = False) -> bool:
    """A candidate name all of whose words may be a name, and that is no place,
    organisation or allowed phrase."""
    tokens = _TOKEN.findall(name)
    words = [
        (w, i > 0 and bool(_PARTICLE.fullmatch(tokens[i - 1])))
        for i, w in enumerate(tokens)
        if not (_PARTICLE.fullmatch(w) and i + 1 < len(tokens))
    ]
    # a capitalised word after a particle is a surname ("ter Haar", "in 't Groen")
    if not words or not all(
        (after and w[0].isupper())
        or is_name_word(w, lower_ok=lower_ok)
        or (i == 0 and lower_ok and _word_and_name(w))  # "mijn zoon bas"
        or (i > 0 and lower_ok and w.casefold() not in dutch_words())  # "gerda hulsbeek"
        for i, (w, after) in enumerate(words)
    ):
        return False
    return not (lists.allowed(name) or (is_place(name) and not place_ok) or is_organisation(name))


_TOKEN = re.compile(r"[^\W\d_][\w'’\-]*")
_PARTICLE = re.compile(
    r"(?:van|de|der|den|ter|ten|te|het|'t|’t|t|in|op|la|le|du|da|di|del|el|al|bin|ben|ibn|"
    r"abu|von|zu)",
    re.IGNORECASE,
)
_PARTICLES = r"(?:(?:van|de|der|den|ter|ten|te|in\s+'t|in\s+’t|'t|op\s+de|el|al)\s+)"
_WORD = r"[^\W\d_][\w'’\-]*"

#: A capitalised word after a space: where a cued name may start in written text.
_CAPITAL_AFTER_SPACE = re.compile(r"(?<=[ \t\n(])[A-ZÀ-ÝĀ-Ž]")


_CAP = r"[A-ZÀ-ÖØ-ÞĀ-Ž]"

#: The titles of :data:`_TITLE_WORD`, as the word before a name reads in lower case.
_TITLE_WORDS = frozenset(
    "mevrouw meneer mijnheer mevr mevr. mw. dhr dhr. dokter dr. drs. ir. ing. mr. prof. ds. "
    "dominee pastoor pastor pater padre imam zuster broeder br. zr. juf juffrouw meester tante "
    "oom ome opa oma opoe omi opi tia tio teyze amca abla nonna nonno babcia dziadek weduwe "
    "weduwnaar wijlen".split()
)
_LOWER_PARTICLES = frozenset("van de der den ter ten te 't ’t in op el al".split())


#: A lower-case word of three letters or more.
_LOWER_TOKEN = re.compile(r"(?<![\w\-@.])[a-zà-ÿ]{3,}(?![\w\-@])")
_CAPITALISED = re.compile(r"[A-Z][a-z]")


def in_lower_case(text: str) -> bool:
    """True for a text written (mostly) without capitals, as speech recognition may give
    it: fewer than one word in fifty capitalised (Dutch prose has about one in eight).

    >>> in_lower_case("ja ik ben gerda en dit is johan"), in_lower_case("Ik ben Gerda.")
    (True, False)
    """
    sample = text[:5_000]
    words = sample.count(" ") + sample.count("\n")
    return words >= 5 and len(_CAPITALISED.findall(sample)) < words / 50


def _word_and_name(word: str) -> bool:
    """A lower-case first name that is a Dutch word too, right after a cue: "mijn zoon
    bas", "haar dochter roos" (not a common word: "mijn man kan", "zei mee")."""
    folded = word.casefold()
    return (
        word.islower()
        and folded in first_names()
        and folded not in common_words()
        and folded not in _NEVER
        and folded not in _LOWER_NOT_NAMES
        and len(folded) > 2
    )


def _first_words_that_are_names(name: str) -> str:
    """The cued words up to the first that cannot be part of a name: "gerda hulsbeek" ->
    itself, "Noor en" -> "Noor"; lower-case words continue a lower-case name only. The
    words as the text has them (a line break between them stays one)."""
    spans = list(_SPACED.finditer(name))
    words = [m.group() for m in spans]
    keep: list[str] = []
    for i, word in enumerate(words):
        if _PARTICLE.fullmatch(word) and i + 1 < len(words):
            keep.append(word)
            continue
        if keep and word[0].islower():  # "gerda hulsbeek": a surname after a first name
            folded = word.casefold()
            if keep[-1][0].isupper() or folded in dutch_words() or folded in _NEVER:
                break
        elif not (is_name_word(word, lower_ok=True) or (not keep and _word_and_name(word))):
            break
        keep.append(word)
    while keep and _PARTICLE.fullmatch(keep[-1]):
        keep.pop()
    return name[: spans[len(keep) - 1].end()] if keep else ""


#: Lower-case words on deduce's first-name list that are Dutch function words or dialect
#: forms, not names, in a transcript ("u bent", "ik ken", "mar", "mien").
_LOWER_NOT_NAMES = frozenset(
    "bent ken kent mar bin mien di on can ya nam jarig maatje erin eruit erop eraan erbij "
    "ermee erna ervoor mee".split()
)

#: People named by their role in the project: "de tolk Mehari", "vrijwilliger Anton",
#: "buurtcoach Sanne" (after the role, with or without a comma or a bracket).
_ROLE_WORDS = frozenset(
    "tolk vrijwilliger vrijwilligster buurtcoach wijkcoach ouderenadviseur huisarts dominee "
    "pastor pastoor wijkverpleegkundige verpleegkundige thuiszorgmedewerker chauffeur "
    "bezorger opbouwwerker jongerenwerker welzijnswerker mantelzorgconsulent "
    "dorpsondersteuner praktijkondersteuner casemanager maatje".split()
)
_SPACED = re.compile(r"\S+")
