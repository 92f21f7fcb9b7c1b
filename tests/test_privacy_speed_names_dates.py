"""The speed round's rewrites of the name and date rules find exactly what the code
they replace found: old and new side by side on random and odd texts."""

from __future__ import annotations

import random
import re

from sokwal_monitor.privacy.lists import Hit
from sokwal_monitor.privacy.names import _whole_words, trim_words


def _alternation_hits(text: str, words: set[str]) -> list[Hit]:
    """The code before: one alternation of the words, longest first, compiled per text."""
    order = sorted(words, key=lambda w: (-len(w), w))
    pattern = re.compile(r"(?<![\w\-@.])(?:" + "|".join(map(re.escape, order)) + r")(?![\w\-@])")
    return [Hit(m.start(), m.end(), "PERSOON", m.group()) for m in pattern.finditer(text)]


_PIECES = [
    "Jan", "jan", "Linde", "van der Linde", "Van der Linde", "D'Souza", "Gebre-Medhin",
    "Gebre", "Ayşe", "AYŞE", "Jans", "Janssen", "é", "Noor", "Noorder", " ", "  ", "\n",
    "-", "@", ".", ",", "'", "’", "x", "1", "_", "(", "ß", "İ", "\u0301",
]  # fmt: skip


def test_whole_words_finds_what_the_alternation_found() -> None:
    rng = random.Random(14)
    for _ in range(3000):
        text = "".join(rng.choice(_PIECES) for _ in range(rng.randrange(0, 40)))
        words = {rng.choice(_PIECES[:14]) for _ in range(rng.randrange(1, 6))}
        words |= {
            text[i : i + rng.randrange(1, 8)] for i in range(0, len(text), 7) if rng.random() < 0.2
        }
        words.discard("")
        if words:
            assert _whole_words(text, words) == _alternation_hits(text, words), (text, words)


def test_whole_words_odd_cases() -> None:
    text = "Van der Linde en van der Linde-Smit; jan.jan@x, Jan\nJan"
    words = {"Van der Linde", "Linde", "jan", "Jan", "der Linde"}
    assert _whole_words(text, words) == _alternation_hits(text, words)
    assert [h.text for h in _whole_words(text, words)] == ["Van der Linde", "jan", "Jan", "Jan"]


def test_trim_words_same_at_any_offset() -> None:
    for name in (
        "Secretaris Dorpsraad Vasse",
        "Goedemiddag Geert-Jan,",
        "Bakker",
        "Welzijn Vasse",
        "",
    ):
        s0, rest0 = trim_words(0, name)
        s7, rest7 = trim_words(7, name)
        assert (s7 - 7, rest7) == (s0, rest0)
    assert trim_words(5, "Goedemiddag Geert-Jan,") == (17, "Geert-Jan,")
