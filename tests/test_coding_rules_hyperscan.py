"""The Hyperscan prefilter of rule coding never misses a regex match: on random and
hostile text (case variants outside ASCII, Unicode digits and spaces, separators,
marks, lone surrogates) every regex that Python's regex module matches is among
those the scan reports, with the end of every match of a sentence-bound regex; and
the codings are the same with and without it."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
import regex

from sokwal_monitor.codebook import codebook_from_text, load_codebook
from sokwal_monitor.coding.rules import RuleCoder, hyperscan_db, prefilter
from sokwal_monitor.coding.rules.patterns import starts_at_any_word, stays_within

pytest.importorskip("hyperscan")

# characters where Python's regex and an ASCII engine may disagree, and plain ones
ODD = [
    "\u212a",  # Kelvin sign: a case variant of k
    "\u017f",  # long s: of s
    "\u0130",  # I with dot
    "\u0131",  # dotless i
    "\u00df",  # sharp s (ss only with full case folding)
    "\u00e9",
    "\u00eb",
    "\u00c9",
    "\u0301",  # a combining mark
    "\u00a0",  # no-break space
    "\u2009",
    "\u0085",
    "\u2028",
    "\x1c",
    "\x1f",
    "\x0b",
    "\x0c",
    "\r",
    "\t",
    "\n",
    "\u0663",  # Arabic-Indic three
    "\u0969",  # Devanagari three
    "\uff13",  # full-width three
    "\u00b2",  # superscript two: no decimal digit
    "\u2019",
    "\u20ac",
    "\U0001f600",
    "\udcff",  # a lone surrogate (surrogateescape)
    "_",
    "\x7f",
    "\x00",
]
PLAIN = [*list("abcdeiklmnorstuvwz0123456789 .,?!-'"), "  "]
WORDS = (
    "de het we ik zij 12 3 twintig vijftien honderd deelnemers mensen leden kinderen"
    " vrijwilligers nieuwe vinden werven zoek komen kwam op af wel werkt euro 1.500"
    " subsidie stopt zelf durf durfde weer contact met elkaar verschil gemaakt"
    " kKlokk sSamen".split()
)

REGEXES = [
    r"\b\d+\s+(deelnemers|mensen)\b",
    r"\b(\d+|\w*tien|\w*tig|honderd\w*)\b[^.?!\d]{0,20}\b(deelnemers|leden|kinderen)\b",
    r"\bkom\w*\b[^.?!]{0,40}\bop af\b",
    r"\b(nu|weer|zelf)\s+(\w+\s+){0,2}?(durf|durfde)\b",
    r"k\w+",
    r"\bs\w*",
    r"[^a-z ]+",
    r"[^\w\s]",
    r"\W\w",
    r"\S+\s\S+",
    r"\D\d",
    r"\d+(\.\d{3})*\s?euro\b",
    r"i",
    r"\B\w\B",
    r"a.b|.\n",
    r"(?-i:K)l",
    r"^\w+|\w+$",
    r"x*",
    r"w\xe9l",  # left to the slower path: not ASCII
    r"[\x00-\uffff]",
    # characters that are not ASCII, written as themselves: by their stand-ins
    r"\bwat (wel |wél )?werkt\b",
    "€\\s?\\d+",
    "Kom",
    "ß+|ı|İ",
    "É\\b",
    " ٣",
    "’\\w",
]


def _texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts = []
        for _ in range(rng.randint(0, 30)):
            roll = rng.random()
            if roll < 0.55:
                parts.append(rng.choice(WORDS))
            elif roll < 0.8:
                parts.append(rng.choice(ODD))
            else:
                parts.append(rng.choice(PLAIN))
            parts.append(rng.choice([" ", "", " ", ODD[rng.randrange(len(ODD))]]))
        out.append("".join(parts))
    return out


def test_every_regex_match_is_reported_with_its_end() -> None:
    patterns = list(enumerate(REGEXES))
    every_end = {i for i, p in patterns if stays_within(p) and starts_at_any_word(p)}
    every_end |= {0, 3}
    hs = hyperscan_db._hyperscan(patterns, every_end)
    assert hs is not None
    taken = [i for i, _ in patterns if hs.bits >> i & 1]
    assert len(taken) >= len(REGEXES) - 4  # all but a few it cannot take
    assert all(hs.bits >> i & 1 for i in (len(REGEXES) - 7, len(REGEXES) - 6, len(REGEXES) - 1))
    compiled = [regex.compile(p, regex.I) for p in REGEXES]
    checked = 0
    for text in _texts(3000, seed=11):
        bits, ends = hs.scan(text)
        for i in taken:
            matches = [m for m in compiled[i].finditer(text) if m.end() > m.start()]
            if not matches:
                continue
            checked += 1
            assert bits >> i & 1, (REGEXES[i], text)
            if i in hs.every_end:
                assert {m.end() for m in matches} <= set(ends[i]), (REGEXES[i], text)
    assert checked > 1000  # the texts do match


def test_a_stand_in_matches_whatever_its_character_matches() -> None:
    # every class and case variant, for each character of the first planes
    probes = [r"\w", r"\W", r"\s", r"\S", r"\d", r"\D", ".", r"\bx", r"x\b", r"\Bx"]
    probes += list("abcdefghijklmnopqrstuvwxyz")
    probes += [r"[^.?!\d]", r"[^a-z]", r"[^\w\s]", r"[^a-z0-9]"]
    hs = hyperscan_db._hyperscan(list(enumerate(probes)), set())
    assert hs is not None
    compiled = [regex.compile(p, regex.I) for p in probes]
    # ASCII as it is (the engines must agree), the others by their stand-ins
    for code in [*range(0x3000), *range(0xFF00, 0xFFF0), 0x1F600, 0xDCFF]:
        char = chr(code)
        for text in (char, f"x{char}", f"{char}x"):
            bits, _ = hs.scan(text)
            for i, pattern in enumerate(compiled):
                if hs.bits >> i & 1 and pattern.search(text):
                    assert bits >> i & 1, (probes[i], hex(code), text)


@pytest.mark.parametrize(
    "pattern",
    [
        r"[^_]",
        r"a(b|[^ x])",
        r"(?:x[^0-9]){2}",
        r"(?=[^\x7f])a",
        r"(?x) a",
        r"w\u00e9l",
        r"w\xe9l",
        r"w\351l",
        r"[a-\xff]",
        r"\N{LATIN SMALL LETTER E WITH ACUTE}",
    ],
)
def test_patterns_left_to_the_slower_path(pattern: str) -> None:
    assert not hyperscan_db._hyperscan_ok(pattern)


@pytest.mark.parametrize(
    ("pattern", "ascii_pattern"),
    [
        ("w\u00e9l", "w_l"),
        ("\u20ac\\s?\\d+", "\\x7f\\s?\\d+"),
        ("\u212aom", "kom"),
        ("\u00a0\u0663", "\\x200"),
        ("[^\u00e9]", None),  # in a set
        ("[]\u00e9]", None),
        ("[^]\u00e9]", None),
        ("[a]\u00e9", "[a]_"),
        ("\\\u00e9", None),  # after a backslash
        ("\\[\u00e9", "\\[_"),  # no set
    ],
)
def test_characters_that_are_not_ascii_are_written_as_their_stand_ins(
    pattern: str, ascii_pattern: str | None
) -> None:
    assert hyperscan_db._ascii_pattern(pattern) == ascii_pattern


REGEX_CB = "name: rx\ncodes:\n" + "".join(
    f"  - name: r{i}\n    definition: R.\n    patterns: [{{regex: '{p}'}}]\n"
    for i, p in enumerate(REGEXES)
    if "'" not in p
)


@pytest.mark.parametrize("scope", ["match", "sentence", "segment"])
@pytest.mark.parametrize("which", ["default", "regexes"])
def test_codings_are_the_same_without_hyperscan(
    monkeypatch: pytest.MonkeyPatch, scope: str, which: str
) -> None:
    codebook = load_codebook() if which == "default" else codebook_from_text(REGEX_CB)
    # (spaCy's tokenizer refuses lone surrogates; a store's texts never hold one)
    texts = [t.replace("\udcff", "") for t in _texts(600, seed=5)] + [
        "Er kwamen 20 deelnemers. Twintig\u00a0mensen! Vijftien kinderen kwamen op af.",
        "We durfden \u212aomen; nu weer durf ik het. \u0663\u0663 deelnemers, 1.500 euro.",
    ]
    fast = RuleCoder(codebook, scope=scope)  # type: ignore[arg-type]
    assert fast._regex_prefilter() is not None
    with_hs = [fast.code_text(t) for t in texts]
    monkeypatch.setattr(prefilter, "_hyperscan", lambda patterns, every_end: None)
    slow = RuleCoder(codebook, scope=scope)  # type: ignore[arg-type]
    assert slow._regex_prefilter() is None
    assert [slow.code_text(t) for t in texts] == with_hs
    assert sum(map(len, with_hs)) > 100


def test_a_refused_pattern_stays_out_and_the_database_is_compiled_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOKWAL_CACHE_DIR", str(tmp_path))  # no database kept from before
    # a repeat too large for Hyperscan, between two it takes: all at once fails, so each
    # is tried on its own and the refused one is left to Python's regex
    patterns = [(0, r"\bdeelnemers\b"), (1, r"wel a{0,70000}werkt"), (2, r"\b\d+ euro\b")]
    hyperscan_db._COMPILED.clear()
    hs = hyperscan_db._hyperscan(patterns, {2})
    assert hs is not None
    assert hs.bits == 0b101 and hs.every_end == {2}
    assert hs.scan("12 euro en 3 deelnemers; wel werkt")[0] == 0b101
    assert hs.scan("niets")[0] == 0
    # a second coder of the same patterns: the same database, a scratch of its own
    again = hyperscan_db._hyperscan(patterns, {2})
    assert again is not None and again.db is hs.db and again.scratch is not hs.scratch
    assert again.bits == hs.bits and again.every_end == hs.every_end
    # other flags (which regexes report every end) are another database
    other = hyperscan_db._hyperscan(patterns, set())
    assert other is not None and other.db is not hs.db and other.every_end == set()
    # nothing it takes: no database
    assert hyperscan_db._hyperscan([(0, r"a{1000000}")], set()) is None


def test_a_new_process_loads_the_database_from_disk(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOKWAL_CACHE_DIR", str(tmp_path))
    patterns = [(0, r"\bdeelnemers\b"), (1, r"wel a{0,70000}werkt"), (2, r"\b\d+ euro\b")]
    hyperscan_db._COMPILED.clear()  # as in a new process
    first = hyperscan_db._hyperscan(patterns, {2})
    assert first is not None and first.bits == 0b101
    (kept,) = (tmp_path / "hyperscan").glob("*.hsdb")
    compiles = []
    real = hyperscan_db._compile_db
    monkeypatch.setattr(
        hyperscan_db, "_compile_db", lambda items: compiles.append(items) or real(items)
    )
    hyperscan_db._COMPILED.clear()
    loaded = hyperscan_db._hyperscan(patterns, {2})
    assert loaded is not None and compiles == []  # read, not compiled
    assert loaded.bits == first.bits and loaded.every_end == {2}
    assert loaded.scan("12 euro en 3 deelnemers")[0] == 0b101
    # a damaged, truncated or foreign file is compiled again and written anew
    good = kept.read_bytes()
    for bad in (good[:-100], good.replace(b"SOKWAL", b"OTHER!"), b"", good[:40] + b"x" + good[41:]):
        kept.write_bytes(bad)
        hyperscan_db._COMPILED.clear()
        again = hyperscan_db._hyperscan(patterns, {2})
        assert again is not None and again.bits == 0b101
        assert again.scan("12 euro")[0] == 0b100
        assert kept.read_bytes() != bad
    assert len(compiles) >= 4
    # a cache folder that cannot be written: compiled, kept in memory only
    blocked = tmp_path / "file"
    blocked.write_text("not a folder")
    monkeypatch.setenv("SOKWAL_CACHE_DIR", str(blocked))
    hyperscan_db._COMPILED.clear()
    assert hyperscan_db._hyperscan(patterns, {2}) is not None
