"""Rule coding's shortcuts change no coding: the token patterns run only where their
required words are, regexes searched sentence by sentence, the codings written by a
thread of their own in multi-row statements. Each is compared with the plain way on
the sample corpus and on made-up hostile text."""

from __future__ import annotations

import math
import random
import sqlite3
from pathlib import Path

import pytest

from sokwal_monitor.codebook import codebook_from_text, codebook_sha256, load_codebook
from sokwal_monitor.coding import CodingRun
from sokwal_monitor.coding.rules import RuleCoder, code_store, rule_coder_name
from sokwal_monitor.coding.rules.patterns import starts_at_any_word, stays_within
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.store import ProjectStore

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"

# token patterns of every kind the Matcher takes: gaps, optional and repeated tokens,
# negation, LEMMA and LOWER mixed, IN lists, and one with no required word at all
TOKENS_CB = """
name: gaps
codes:
  - name: a
    definition: A.
    patterns:
      - tokens: [{LEMMA: gemeente}, {IS_PUNCT: false, OP: "{0,3}"}, {LEMMA: {IN: [moeten, willen]}}]
      - tokens: [{LEMMA: werken}, {IS_PUNCT: false, OP: "{0,2}"}, {LOWER: samen}]
      - tokens: [{LOWER: alleen}, {OP: "?"}, {LEMMA: voelen}]
  - name: b
    definition: B.
    patterns:
      - tokens: [{LEMMA: {IN: [delen, leren]}}, {LOWER: met, OP: "+"}, {IS_PUNCT: false, OP: "*"}, {LEMMA: ander}]
      - tokens: [{LOWER: niet, OP: "!"}, {LEMMA: durven}, {LOWER: te}]
      - tokens: [{LEMMA: gemeente}, {IS_DIGIT: true, OP: "{1,2}"}]
      - tokens: [{IS_DIGIT: true}, {LOWER: {IN: [mensen, deelnemers]}}]
      - tokens: [{LEMMA: werken}, {LOWER: samen}, {OP: "?"}]
      - tokens: [{LOWER: {REGEX: "^(voel|durf)"}}, {IS_PUNCT: false, OP: "{0,2}"}, {LOWER: te}]
      - tokens: [{LEMMA: gemeente, OP: "{1,2}"}, {LOWER: {IN: [moet, wil]}}]
"""
WORDS = (
    "de gemeente moet wil willen werken werkte samen alleen voel voelde voelen delen"
    " deelden leren met ander anderen niet durven durfde te 12 3 mensen deelnemers"
    " en we het , . ? ! ...".split()
)


def _sample_texts() -> list[str]:
    from sokwal_monitor import read_document
    from sokwal_monitor.ingestion.transcripts import segment_transcript

    return [
        doc.text[s.start_char : s.end_char]
        for path in sorted(SAMPLE.rglob("*.txt"))
        for doc in [read_document(path)]
        for s in segment_transcript(doc)
    ]


def _random_texts(n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return [" ".join(rng.choices(WORDS, k=rng.randint(1, 40))) for _ in range(n)]


def test_the_token_patterns_that_can_match_find_what_all_of_them_find() -> None:
    rules = RuleCoder(codebook_from_text(TOKENS_CB))
    edges = [  # matches as long as their pattern allows, at the end of the text or not
        "de gemeente 12 3",
        "de gemeente 12 3 en verder",
        "gemeente gemeente 4 5 6",
        "we werken samen",
        "we werken samen.",
        "werken met hen samen en alleen voelde",
        "niet durven te, wel durven te",
        "12 mensen 3 deelnemers",
        "gemeente 1 gemeente 2 3 gemeente",  # stretches that overlap, touch, or not
        "werken samen werken samen en nog veel meer woorden hier werken, samen",
        "de gemeente wil , de gemeente en en en moet",
    ]
    texts = edges + _sample_texts() + _random_texts(600, seed=3)
    n_run = n_skipped = 0
    for doc in rules.nlp.pipe(texts):
        full = rules._matcher(doc)
        some = rules._token_matches(doc)
        assert some == full, doc.text
        n_run += bool(some)
        n_skipped += not some
    # the test means something: both cases occur, and some matches are found
    assert n_run > 50 and n_skipped > 50


# token patterns that all start with a required word and have a bounded length: the
# Matcher runs only from a first word whose other required words lie within reach
BOUNDED_CB = """
name: bounded
codes:
  - name: a
    definition: A.
    patterns:
      - tokens: [{LEMMA: gemeente}, {IS_PUNCT: false, OP: "{0,3}"}, {LEMMA: {IN: [moeten, willen]}}]
      - tokens: [{LEMMA: werken}, {IS_PUNCT: false, OP: "{0,2}"}, {LOWER: samen}]
      - tokens: [{LOWER: alleen}, {OP: "?"}, {LEMMA: voelen}]
      - tokens: [{LEMMA: {IN: [delen, leren]}, LOWER: {IN: [delen, leerden, leren]}}, {LOWER: met}, {IS_PUNCT: false, OP: "{0,2}"}, {LEMMA: ander}]
  - name: b
    definition: B.
    patterns:
      - tokens: [{LEMMA: durven}, {LOWER: te}, {LOWER: niet, OP: "!"}]
      - tokens: [{LEMMA: gemeente}, {IS_DIGIT: true, OP: "{1,2}"}]
      - tokens: [{LEMMA: werken}, {LOWER: samen}, {OP: "?"}]
      - tokens: [{LOWER: te}, {IS_PUNCT: false, OP: "{0,2}"}, {LOWER: {REGEX: "^(voel|durf)"}}]
      - tokens: [{LEMMA: gemeente}, {LOWER: {IN: [moet, wil]}}, {LEMMA: werken, OP: "?"}]
"""


@pytest.mark.parametrize("codebook", [BOUNDED_CB, None])
def test_bounded_token_patterns_run_only_within_reach_of_their_words(codebook: str | None) -> None:
    rules = RuleCoder(load_codebook() if codebook is None else codebook_from_text(codebook))
    rules._index_needs()
    assert rules._all_bounded
    words = sorted({w for _, _, needs in rules._token_patterns for need in needs for w in need})
    vocab = [rules.nlp.vocab.strings[w] for w in words] + WORDS
    rng = random.Random(17)
    texts = [" ".join(rng.choices(vocab, k=rng.randint(1, 40))) for _ in range(1500)]
    texts += [
        *_sample_texts(),
        "de gemeente moet",
        "gemeente gemeente gemeente 1 2 3 moet wil",
        "werken , samen werken samen",
        "durven te niet durven te",
    ]
    n_found = 0
    for doc in rules.nlp.pipe(texts):
        full = rules._matcher(doc)
        assert rules._token_matches(doc) == full, doc.text
        n_found += bool(full)
    assert n_found > 100  # the test means something


def test_the_default_codebook_codes_alike_with_and_without_the_token_shortcut(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for scope in ("match", "segment"):
        fast = RuleCoder(load_codebook(), scope=scope)  # type: ignore[arg-type]
        texts = _sample_texts() + _random_texts(200, seed=5)
        expected = [fast.code_text(t) for t in texts]
        monkeypatch.setattr(
            RuleCoder, "_token_matches", lambda self, doc, *starts: self._matcher(doc)
        )
        assert [fast.code_text(t) for t in texts] == expected
        monkeypatch.undo()
    assert sum(map(len, expected)) > 200


REGEX_CB = r"""
name: rx
codes:
  - name: getal
    definition: G.
    patterns:
      - regex: "\\b(\\d+|\\w*tig|\\w*tien)\\b[^.?!\\d]{0,20}\\b(mensen|deelnemers)\\b"
      - regex: "\\w*(straße|strasse)\\s+\\d+"
      - regex: "\\b\\w+ijk\\s+(mensen|deelnemers)"
"""


def test_regexes_searched_by_sentence_find_what_the_whole_text_gives() -> None:
    fast = RuleCoder(codebook_from_text(REGEX_CB))
    assert [within for *_, within in fast._regexes] == [True, True, True]
    slow = RuleCoder(codebook_from_text(REGEX_CB))
    slow._regexes = [(c, label, p, None, False) for c, label, p, *_ in slow._regexes]
    slow._index_regexes()
    rng = random.Random(11)
    words = (
        "twintig dertien 12 7 mensen deelnemers Mensen DEELNEMERS en er kwamen wel"
        " vrolijk . ? ! ... ?! , ß STRASSE Straße İstanbul straße 4 \n".split(" ")
    )
    texts = [" ".join(rng.choices(words, k=rng.randint(1, 30))) for _ in range(800)]
    texts += [
        "Er kwamen twintig mensen. Dertig! deelnemers",
        "12 mensen...dertig mensen?!veertig deelnemers",
        "In de Hauptstraße 12 wonen veertig mensen.",  # casefold changes the length
        "İ twintig mensen. 3 deelnemers",
        "Vrolijk mensen! Eindelijk deelnemers.",
    ]
    n = 0
    for text in texts:
        got = fast.code_text(text)
        assert got == slow.code_text(text), text
        n += len(got)
    assert n > 100


@pytest.mark.parametrize(
    ("pattern", "within"),
    [
        (r"\b(\d+|\w*tig)\b[^.?!\d]{0,20}\b(mensen)\b", True),
        (r"\w*tig\s{1,3}mensen", True),
        (r"\w*tig.mensen", False),  # any character
        (r"\w*tig[^a]mensen", False),
        (r"\w*tig\Wmensen", False),
        (r"\w*tig[.,]mensen", False),
        (r"\w*tig\.\d", False),
        (r"\w*tig!", False),
        (r"(?<=\d)\w+ mensen", False),  # looks outside its match
        (r"\w+ mensen$", False),
        (r"^\w+ mensen", False),
        (r"(\w+) \1 mensen", False),  # a backreference
        (r"[[:punct:]]?\w+ mensen", False),  # a POSIX class of the regex module
        (r"(?:\w*tig mensen){e<=1}", False),  # fuzzy matching of the regex module
        (r"\p{L}+ mensen", False),  # syntax re does not parse
    ],
)
def test_which_regexes_stay_within_a_sentence(pattern: str, within: bool) -> None:
    assert stays_within(pattern) is within


@pytest.mark.parametrize(
    ("pattern", "anywhere"),
    [
        (r"\b(\d+|\w*tien)\s+mensen", True),
        (r"\w+ijk", True),
        (r"(vrolijk )?\w+ mensen", True),
        (r"\b\d+ mensen", False),
        (r"\bmet (de )?\w*club", False),
        (r"\b(het )?verschil", False),
    ],
)
def test_which_regexes_may_start_at_any_word(pattern: str, anywhere: bool) -> None:
    assert starts_at_any_word(pattern) is anywhere


# -- writing ----------------------------------------------------------------------------


@pytest.fixture
def two_stores(tmp_path: Path) -> tuple[ProjectStore, ProjectStore, str]:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Respondent: Het werkte goed.\n", encoding="utf-8")
    stores = []
    for name in ("a", "b"):
        store = ProjectStore(tmp_path / f"{name}.sokwal")
        ingest(store, tmp_path / "in")
        stores.append(store)
    return stores[0], stores[1], stores[0].text_document_ids()[0]


def _all_codings(store: ProjectStore) -> list[tuple[object, ...]]:
    with sqlite3.connect(store.path) as con:  # not pandas: None stays None
        return con.execute(
            "SELECT *, typeof(score), typeof(segment_position), typeof(start_char)"
            " FROM codings ORDER BY rowid"
        ).fetchall()


def test_rows_written_in_multi_row_statements_are_those_executemany_writes(
    two_stores: tuple[ProjectStore, ProjectStore, str],
) -> None:
    batch_store, plain_store, doc = two_stores
    rows = [
        ("c-1", doc, 0, 0, 3, "succes", "rule:x@1", "rule", 2.0, "", "lemma: werken"),
        ("c-2", doc, None, 1, 1, "ß—😀\"'\\", "rule:x@1", "rule", None, "m\n\x00", "regex: \\d"),
        ("c-1", doc, 0, 0, 3, "dubbel", "rule:x@1", "rule", 1.0, "", ""),  # id there: skipped
        ("c-3", doc, 3, 2**40, 2**40 + 1, "groot", "rule:x@1", "rule", 0.1, "", ""),
    ]
    with batch_store.transaction():
        n_batch = batch_store.insert_coding_rows(rows, None, "2026-01-01T00:00:00+00:00")
    with plain_store.transaction():
        n_plain = plain_store.insert_codings(
            [(*row, None, "2026-01-01T00:00:00+00:00") for row in rows]
        )
    assert n_batch == n_plain == 3
    assert _all_codings(batch_store) == _all_codings(plain_store)


def test_a_nan_score_and_a_bad_row(
    two_stores: tuple[ProjectStore, ProjectStore, str],
) -> None:
    store, _, doc = two_stores
    with store.transaction():
        row = ("c-nan", doc, 0, 0, 3, "x", "rule:x@1", "rule", math.nan, "", "")
        assert store.insert_coding_rows([row], None, "2026-01-01T00:00:00+00:00") == 1
    with pytest.raises(sqlite3.IntegrityError), store.transaction():  # end before start
        row = ("c-bad", doc, 0, 5, 3, "x", "rule:x@1", "rule", 1.0, "", "")
        store.insert_coding_rows([row], None, "2026-01-01T00:00:00+00:00")
    assert store.query("SELECT coding_id FROM codings")["coding_id"].tolist() == ["c-nan"]


def test_a_failing_write_in_the_writer_thread_rolls_the_run_back(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, SAMPLE)
    code_store(store, load_codebook(), workers=1)
    before = store.codings()
    runs = len(store.coding_runs())
    calls = {"n": 0}
    real = ProjectStore.insert_coding_rows

    def failing(self, rows, run_id, created_at):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise sqlite3.OperationalError("disk I/O error")
        return real(self, rows, run_id, created_at)

    monkeypatch.setattr(ProjectStore, "insert_coding_rows", failing)
    monkeypatch.setattr("sokwal_monitor.coding.rules.run._CHUNK_CHARS", 1)  # many chunks
    with pytest.raises(sqlite3.OperationalError, match="disk I/O"):
        code_store(
            store,
            codebook_from_text(
                "name: t\ncodes: [{name: a, definition: A., patterns: [{lemma: gemeente}]}]"
            ),
            workers=1,
        )
    assert calls["n"] >= 2
    assert store.codings().equals(before)
    assert len(store.coding_runs()) == runs


def test_the_codebook_kept_and_the_coder_name_are_its_fingerprint(tmp_path: Path) -> None:
    cb = load_codebook()
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, SAMPLE)
    report = code_store(store, cb, workers=1)
    assert report.coder == RuleCoder(cb).coder == rule_coder_name(cb)
    assert store.codebooks()["sha256"].tolist() == [codebook_sha256(cb)]
    with CodingRun(store, coder="anna", origin="manual", codebook=cb) as run:
        assert run.n_added == 0
    assert store.codebooks()["sha256"].tolist() == [codebook_sha256(cb)]


def test_one_process_reads_the_next_chunk_before_handing_on_the_rows() -> None:
    """The writer thread takes a chunk's rows only after the next chunk was read (a
    read waits for the writer, which is idle while this thread codes)."""
    from sokwal_monitor.coding.rules.run import _code_chunks

    rules = RuleCoder(load_codebook())
    events: list[str] = []

    def chunks():  # type: ignore[no-untyped-def]
        for i in range(3):
            events.append(f"read {i}")
            yield [("d", i, 0, "We hadden overleg met de gemeente.")]

    for rows, counts, _, _ in _code_chunks(rules, chunks(), 1, 128, "rule:x@1"):
        assert counts == {"samenwerking_gemeente": 1} and len(rows) == 1
        events.append("rows")
    assert events == ["read 0", "read 1", "rows", "read 2", "rows", "rows"]


# odd text for the chunk path: empty and blank texts, NUL and separator characters,
# case variants whose folding changes the length, digits of other scripts, a
# replacement character and an emoji, a long text of one word, every sentence end
HOSTILE = [
    "",
    " ",
    "\n\n",
    "\x00",
    "12 mensen\x00deelnemers",
    "Hauptstraße 12: twintig mensen. İ 3 deelnemers",
    "\u212aom \u0663\u0663 mensen \u20ac 1.500 euro\u2009subsidie",
    "wat wél werkt! wat werkt.",
    "\ufffd twintig mensen \U0001f600",
    "mensen " * 400,
    "Dertig?!veertig deelnemers...vijftig mensen",
    "We hebben geleerd dat overleg met de gemeente helpt.\nEr kwamen 40 deelnemers.",
]


@pytest.mark.parametrize("scope", ["match", "sentence", "segment"])
@pytest.mark.parametrize("cb_text", [None, REGEX_CB, TOKENS_CB])
def test_a_chunk_coded_at_once_gives_what_each_text_gives(scope: str, cb_text: str | None) -> None:
    cb = load_codebook() if cb_text is None else codebook_from_text(cb_text)
    rules = RuleCoder(cb, scope=scope)  # type: ignore[arg-type]
    texts = _sample_texts() + HOSTILE + _random_texts(300, seed=5)
    texts += HOSTILE[::-1]  # the same odd texts again, in other neighbours
    off = rules.disabled_pipes()
    batch = list(rules.code_spans_batch(texts, rules.nlp.pipe(texts, disable=off)))
    docs = rules.nlp.pipe(texts, disable=off)
    one = [rules.code_spans(doc, text) for text, doc in zip(texts, docs, strict=True)]
    assert batch == one
    assert sum(map(len, batch)) > 30  # the texts do match
    if cb_text is None:
        # several patterns of one code on one span: the pattern column keeps their order
        assert any(" | " in span[3] for spans in batch for span in spans)
    # and in smaller batches, and one text at a time
    for size in (1, 7):
        parts = [texts[i : i + size] for i in range(0, len(texts), size)]
        got = [s for p in parts for s in rules.code_spans_batch(p, rules.nlp.pipe(p, disable=off))]
        assert got == one
    assert list(rules.code_spans_batch([], iter([]))) == []
