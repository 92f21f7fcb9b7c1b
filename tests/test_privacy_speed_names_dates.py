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


_CUE_PIECES = [
    "mijn", "Mijn", "MIJN", "vader", "Vader", "VADER", "vader,", "tolk,", "de", "heer",
    "De Heer", "ik", "ben", "Ik ben", "naam:", "met", "Met", "samen", "zei", "mevrouw",
    "mevr.", "dr.", "van", "’t", "'t", "oma", "zuster", "ze", "noemen", "is", "men",
    "Noor", "Jan", "Mehari", "Slamet", "Éva", "Ömer", "Kees", "Ilse", "Groenlo", "Wit",
    " ", " ", " ", "  ", "\t", "\n", "\n\n", "(", ",", ".", ":", "\u00a0", "\u2003",
    "ſ", "ß", "İ", "ı", "K", "ﬁ", "x" * 31,
]  # fmt: skip


class _Everything:
    def __contains__(self, item: object) -> bool:
        return True


def test_cues_before_capitals_reads_every_cue_the_old_loop_read(monkeypatch) -> None:
    """A capital is read further only when the word before it is a cue word now;
    reading every capital on (the loop before) finds the same, cues in capitals, odd
    spaces and odd folds included."""
    from sokwal_monitor.privacy import name_cues

    rng = random.Random(1414)
    texts = [
        "".join(rng.choice(_CUE_PIECES) for _ in range(rng.randrange(1, 30))) for _ in range(4000)
    ]
    texts += [
        "Mijn vader (Slamet, geb. 1950) kwam.",
        "de tolk, Mehari, vertaalde",
        "MIJN VADER Kees",
        "Samen met\nIlse",
        "Xvader" + " " * 25 + "Noor",
        "Mijn va\u017fer Noor",
        "mijn vader\u00a0Noor en de heer  Wit",
    ]
    new = [name_cues._cues_before_capitals(t) for t in texts]
    monkeypatch.setattr(name_cues, "_CUE_WORDS", _Everything())  # no word skipped
    old = [name_cues._cues_before_capitals(t) for t in texts]
    assert new == old
    assert sum(map(len, new)) > 50  # the texts hold cues that name someone


def test_same_names_reads_each_name_once() -> None:
    """A name found many times is read once now: the same hits repeated, in another
    order, find the same."""
    from sokwal_monitor.privacy.names import same_names

    text = (
        "Aanwezig: Tesfay Gebremedhin, Gerda van der Linde. Later zei Tesfay dat het goed "
        "ging; mevrouw van der linde knikte. Hoop kwam ook, en daarna zei hoop niets. "
        "Tesfays fiets stond bij Gerda."
    )
    hits = [
        Hit(10, 28, "PERSOON", "Tesfay Gebremedhin"),
        Hit(30, 49, "PERSOON", "Gerda van der Linde"),
        Hit(61, 67, "PERSOON", "Tesfay"),
        Hit(119, 123, "PERSOON", "Hoop"),
        Hit(0, 8, "LEEFTIJD", "Aanwezig"),
    ]
    once = same_names(text, hits)
    assert same_names(text, [*reversed(hits), *hits, *hits]) == once
    assert {h.text for h in once} >= {"Tesfay", "Gerda", "Tesfays"}
