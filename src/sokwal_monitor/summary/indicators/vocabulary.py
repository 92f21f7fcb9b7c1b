"""The indicator vocabulary: :data:`INDICATORS` and the matching of its nouns.

A noun written ``*avond`` also matches the compounds that end in it; :class:`_Lexicon`
looks up the indicator a word names.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Iterable, Mapping

from .numbers import _TOKEN

#: Indicator label (Dutch, as a report shows it) → the nouns that name what is counted,
#: lower case, singular and plural. A noun written ``*avond`` also matches the compounds
#: that end in it (``dorpsavond``, ``ledenavond``); the others match the whole word only
#: (``leden``, not ``bestuursleden``). A word two labels claim goes to the label of the
#: whole-word noun, else of the longest compound head.
INDICATORS: dict[str, tuple[str, ...]] = {
    "deelnemers": (
        "*deelnemer",
        "*deelnemers",
        "*deelneemster",
        "*deelneemsters",
        "cursist",
        "cursisten",
    ),
    "bezoekers": ("*bezoeker", "*bezoekers", "gasten"),
    "personen": (
        "mensen",
        "man",
        "persoon",
        "personen",
        "*inwoner",
        "*inwoners",
        "*bewoner",
        "*bewoners",
        "*jongeren",
        "ouderen",
        "senioren",
        "kind",
        "kinderen",
        "dorpsgenoten",
        "buurtgenoten",
        "cliënt",
        "cliënten",
    ),
    "vrijwilligers": (
        "*vrijwilliger",
        "*vrijwilligers",
        "vrijwilligster",
        "vrijwilligsters",
        "buddy",
        "buddy's",
        "buddies",
        "maatje",
        "maatjes",
        "chauffeur",
        "chauffeurs",
        "kok",
        "koks",
        "gastvrouw",
        "gastvrouwen",
        "gastheer",
        "gastheren",
    ),
    "leden": ("lid", "leden"),
    "mantelzorgers": ("*mantelzorger", "*mantelzorgers"),
    "huishoudens": ("*huishouden", "*huishoudens", "gezin", "gezinnen"),
    "bijeenkomsten/activiteiten": (
        "*bijeenkomst",
        "*bijeenkomsten",
        "*activiteit",
        "*activiteiten",
        "*avond",
        "*avonden",
        "*middag",
        "*middagen",
        "*ochtend",
        "*ochtenden",
        "*maaltijd",
        "*maaltijden",
        "*workshop",
        "*workshops",
        "*cursus",
        "*cursussen",
        "*training",
        "*trainingen",
        "*lessen",
        "*uitje",
        "*uitjes",
        "*excursie",
        "*excursies",
        "*voorstelling",
        "*voorstellingen",
        "*evenement",
        "*evenementen",
    ),
    "hulpvragen": ("*hulpvraag", "*hulpvragen", "*huisbezoek", "*huisbezoeken"),
    "ritten": ("rit", "*ritten"),
    "klussen": ("*klus", "*klussen"),
    "partners/organisaties": (
        "*partner",
        "*partners",
        "*organisatie",
        "*organisaties",
        "school",
        "*scholen",
        "vereniging",
        "*verenigingen",
        "gemeenten",
        "instantie",
        "instanties",
        "bedrijf",
        "bedrijven",
        "coöperatie",
        "*coöperaties",
        "stichting",
        "stichtingen",
        "fondsen",
    ),
}


class _Lexicon:
    """The nouns of an indicator vocabulary: whole words and compound heads."""

    def __init__(self, indicators: Mapping[str, Iterable[str] | str]) -> None:
        if not isinstance(indicators, Mapping) or not indicators:
            raise ValueError("indicators must be a non-empty dict: label -> nouns, like INDICATORS")
        self.words: dict[str, str] = {}
        heads: dict[str, str] = {}
        for label, nouns in indicators.items():
            if not isinstance(label, str) or not label.strip():
                raise ValueError(f"an indicator label must be a non-empty text, not {label!r}")
            items = [nouns] if isinstance(nouns, str) else list(nouns)
            if not items:
                raise ValueError(f"indicator {label!r} has no nouns")
            for noun in items:
                if not isinstance(noun, str):
                    raise ValueError(f"indicator {label!r}: a noun must be a text, not {noun!r}")
                word = unicodedata.normalize("NFC", noun.strip().lower()).replace("’", "'")
                compound = word.startswith("*")
                word = word.lstrip("*")
                if not word or _TOKEN.fullmatch(word) is None:
                    raise ValueError(
                        f"indicator {label!r}: {noun!r} is not one word (write one noun per"
                        " entry, '*' in front for compounds: '*avond')"
                    )
                self.words.setdefault(word, label)
                if compound:
                    heads.setdefault(word, label)
        self.heads = sorted(heads.items(), key=lambda item: (-len(item[0]), item[0]))
        self.suffixes = tuple(heads)

    def label(self, word: str) -> str | None:
        """The indicator a (lower case) word names, or None."""
        found = self.words.get(word)
        if found is not None or not self.suffixes or not word.endswith(self.suffixes):
            return found
        return next(label for head, label in self.heads if word.endswith(head))


@functools.cache
def _default_lexicon() -> _Lexicon:
    return _Lexicon(INDICATORS)


def _lexicon(indicators: Mapping[str, Iterable[str] | str] | None) -> _Lexicon:
    return _default_lexicon() if indicators is None else _Lexicon(indicators)
