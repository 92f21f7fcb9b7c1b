"""Speed round 11 (issue 14): the age and number rules' pre-checks find what the
patterns alone found, however the cue is spelled."""

from __future__ import annotations

import importlib
import random
import re

import pytest

round9 = importlib.import_module("sokwal_monitor.privacy.ages_said_round9")
numwords = importlib.import_module("sokwal_monitor.privacy.numwords")

_PIECES = [
    "De kinderen zijn 7 en 11.", "de KINDEREN zijn zes en negen", "De Kleinkinderen waren 3, 5.",
    "jongens zijn 12 en 14", "De MEIDEN werden acht en tien.", "de tweeling is 4", "zonen zijn",
    "Dochters zijn 9 en 2", "kids zijn 5 en 7", "kinder zijn 6 en 8.", "KİNDEREN zijn 7 en 9.",
    "kıds zijn 4 en 6", "meiſjes zijn 3 en 5", "\u212aids zijn 2 en 3", "kinderen\nzijn\n7\nen\n11",
    "Ze zijn 7 en 11.", "Hij is zeven.", "Daan (zeven)", "Daan, zeven, zit op voetbal",
    "mijn kleinzoon is zeven.", " ", "\n", ", ", "ë", "’", "zijn", "waren", "worden", "werden",
    "Kinder", "KIDS", "en", "12", "acht", "ß", "ﬁ",
]  # fmt: skip


def _without_precheck(text: str, monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int]]:
    """child_ages as it was: "" is in every text, so the pre-check always passes."""
    with monkeypatch.context() as m:
        m.setattr(round9, "_CHILDREN_NOUNS", ("",))
        return round9.child_ages(text)


@pytest.mark.parametrize(
    "text, ages",
    [
        ("De KINDEREN zijn 7 en 11.", ["7", "11"]),
        ("De Kleinkinderen zijn zes en negen.", ["zes", "negen"]),
        ("De KİNDEREN zijn 7 en 11.", ["7", "11"]),  # a dotted capital I
        ("De kıds zijn 7 en 11.", ["7", "11"]),  # a dotless i
        ("De meiſjes zijn 7 en 11.", ["7", "11"]),  # a long s
        ("De \u212aids zijn 7 en 11.", ["7", "11"]),  # the Kelvin sign
        ("De jongens\nzijn\n7 en 11.", ["7", "11"]),  # line breaks
        ("De kinderen zijn 7 en 11. Het kost 7 en 11 euro.", ["7", "11"]),
        ("Ze zijn 7 en 11.", []),
    ],
)
def test_children_found_however_the_noun_is_spelled(text: str, ages: list[str]) -> None:
    assert [text[s:e] for s, e in round9.child_ages(text)] == ages


def test_ignore_case_holds_every_literal_a_case_insensitive_pattern_finds() -> None:
    rng = random.Random(11)
    letters = "kinderjogsmtwlzhAKIJSİıſ\u212aëé ß"
    for _ in range(3000):
        text = "".join(rng.choice(letters) for _ in range(rng.randrange(0, 14)))
        for noun in round9._CHILDREN_NOUNS:
            if re.search(f"(?i:{noun})", text):
                assert noun in numwords.ignore_case(text), (noun, text)


def test_child_ages_same_as_without_precheck_on_random_texts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rng = random.Random(1411)
    for _ in range(1500):
        text = " ".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 9)))
        assert round9.child_ages(text) == _without_precheck(text, monkeypatch), text


def test_child_ages_on_empty_and_hostile_text(monkeypatch: pytest.MonkeyPatch) -> None:
    for text in ["", "\x00" * 50, "kinderen " * 2000 + "zijn", "zijn 7 en 11" * 300, "\ufeff"]:
        assert round9.child_ages(text) == _without_precheck(text, monkeypatch)
