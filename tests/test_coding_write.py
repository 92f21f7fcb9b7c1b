"""Writing rule codings: the rows a run makes go into the store exactly as the plain
``executemany`` of :meth:`ProjectStore.insert_codings` stores them, in statements of
any size, with hostile text, duplicates, earlier codings of the same coder and a write
that fails mid-way (which leaves the store as it was)."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from sokwal_monitor.codebook import codebook_from_text, load_codebook
from sokwal_monitor.coding.rules import code_store
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.store import ProjectStore

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"
STAMP = "2026-01-01T00:00:00+00:00"
# text a pattern name or a code could hold that a careless writer would break on: SQL
# quoting and parameter marks, JSON escapes, NUL, surrogate-free astral characters,
# right-to-left marks, line breaks
HOSTILE = [
    "regex: (?i)\\bwat'); DROP TABLE codings; --",
    'lemma: "x" | tokens: [{LOWER: ?}]',
    "?1 ?2 :name @x $y ??",
    "nul\x00in het midden",
    "ß—😀\u202e\u200b\r\n\t",
    "\\u0000 \\\\ \\",
    "",
    "e" * 5000,
]


@pytest.fixture
def stores(tmp_path: Path) -> tuple[ProjectStore, ProjectStore, list[str]]:
    (tmp_path / "in").mkdir()
    for name in ("a", "b", "c"):
        (tmp_path / "in" / f"{name}.txt").write_text(
            f"Respondent: Het werkte goed in {name}.\n", encoding="utf-8"
        )
    out = []
    for name in ("fast", "plain"):
        store = ProjectStore(tmp_path / f"{name}.sokwal")
        ingest(store, tmp_path / "in")
        out.append(store)
    return out[0], out[1], out[0].text_document_ids()


def _rows(n: int, docs: list[str], seed: int) -> list[tuple[Any, ...]]:
    """``n`` coding rows with hostile text, some ids repeated (within a statement of
    512 rows and across the boundary between two)."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        start = rng.randrange(0, 2**40)
        cid = f"c-{i:05d}" if i % 7 else f"c-{max(i - rng.choice([1, 5, 300, 513]), 0):05d}"
        rows.append(
            (
                cid,
                rng.choice(docs),
                rng.choice([None, 0, 3]),
                start,
                start + rng.randrange(0, 50),
                rng.choice([*HOSTILE[:6], "succes"]),
                "rule:x@1",
                "rule",
                rng.choice([None, 1.0, 2.5, 3, 10**12]),
                rng.choice(HOSTILE),
                rng.choice(HOSTILE),
            )
        )
    return rows


def _all_codings(store: ProjectStore) -> list[tuple[object, ...]]:
    with sqlite3.connect(store.path) as con:  # not pandas: None stays None, types shown
        return con.execute(
            "SELECT *, typeof(score), typeof(segment_position), typeof(memo)"
            " FROM codings ORDER BY rowid"
        ).fetchall()


@pytest.mark.parametrize("n", [0, 1, 2, 511, 512, 513, 1300])
def test_rows_in_statements_of_any_size_are_stored_as_executemany_stores_them(
    stores: tuple[ProjectStore, ProjectStore, list[str]], n: int
) -> None:
    fast, plain, docs = stores
    rows = _rows(n, docs, seed=n)
    with fast.transaction():
        n_fast = fast.insert_coding_rows(rows, None, STAMP)
    with plain.transaction():
        n_plain = plain.insert_codings([(*row, None, STAMP) for row in rows])
    assert n_fast == n_plain == len({row[0] for row in rows})
    assert _all_codings(fast) == _all_codings(plain)


def test_a_low_limit_on_bound_values_gives_smaller_statements(
    stores: tuple[ProjectStore, ProjectStore, list[str]],
) -> None:
    fast, plain, docs = stores
    fast._con.setlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER, 100)
    assert fast._rows_per_statement() == 4  # 4 * 13 values <= 100 < 8 * 13
    rows = _rows(37, docs, seed=1)
    with fast.transaction():
        fast.insert_coding_rows(rows, None, STAMP)
    with plain.transaction():
        plain.insert_codings([(*row, None, STAMP) for row in rows])
    assert _all_codings(fast) == _all_codings(plain)


def test_a_write_that_fails_mid_way_leaves_the_store_as_it_was(
    stores: tuple[ProjectStore, ProjectStore, list[str]],
) -> None:
    store, _, docs = stores
    earlier = _rows(20, docs, seed=2)
    with store.transaction():
        store.insert_coding_rows(earlier, None, STAMP)
    before = _all_codings(store)
    rows = [(f"n-{i}", *row[1:]) for i, row in enumerate(_rows(1200, docs, seed=3))]
    bad = list(rows[900])
    bad[3], bad[4] = 10, 5  # ends before it starts: the table's CHECK refuses it
    rows[900] = tuple(bad)
    with pytest.raises(sqlite3.IntegrityError), store.transaction():
        store.insert_coding_rows(rows, None, STAMP)  # 512 + 256 rows written first
    assert _all_codings(store) == before


def test_a_row_of_the_wrong_length_is_refused(
    stores: tuple[ProjectStore, ProjectStore, list[str]],
) -> None:
    store, _, docs = stores
    rows = _rows(3, docs, seed=4)
    with pytest.raises(ValueError, match="11 values"), store.transaction():
        store.insert_coding_rows([*rows, rows[0][:10]], None, STAMP)
    assert _all_codings(store) == []


def test_rows_whose_ids_the_store_holds_are_skipped(
    stores: tuple[ProjectStore, ProjectStore, list[str]],
) -> None:
    store, _, docs = stores
    rows = _rows(600, docs, seed=5)
    with store.transaction():
        first = store.insert_coding_rows(rows, None, STAMP)
    kept = _all_codings(store)
    changed = [(*row[:5], "anders", *row[6:]) for row in rows]
    with store.transaction():
        assert store.insert_coding_rows(changed, None, "2027-01-01T00:00:00+00:00") == 0
    assert first == len({row[0] for row in rows})
    assert _all_codings(store) == kept


def test_coding_again_replaces_the_same_coders_codings_with_the_same_rows(
    tmp_path: Path,
) -> None:
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, SAMPLE)
    columns = "coding_id, doc_id, segment_position, start_char, end_char, code, coder, pattern"
    first = code_store(store, load_codebook(), workers=1)
    rows = store.query(f"SELECT {columns} FROM codings ORDER BY coding_id")
    again = code_store(store, load_codebook(), workers=1)
    assert first.n_added > 256  # several statements (256, 64, ...)
    assert again.n_removed == again.n_added == first.n_added
    assert store.query(f"SELECT {columns} FROM codings ORDER BY coding_id").equals(rows)


def test_an_empty_run_writes_nothing_and_logs_the_run(tmp_path: Path) -> None:
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, SAMPLE)
    cb = codebook_from_text(
        "name: leeg\ncodes: [{name: a, definition: A., patterns: [{lemma: xyzzyqwv}]}]"
    )
    report = code_store(store, cb, workers=1)
    assert (report.n_added, report.n_removed) == (0, 0)
    assert store.codings().empty
    assert store.coding_runs()["n_added"].tolist() == [0]


def test_hostile_pattern_names_are_stored_as_written(tmp_path: Path) -> None:
    """A pattern's description (the ``pattern`` column) with quotes, SQL and
    parameter marks is text, never SQL."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text(
        "Respondent: Wat'); DROP TABLE codings; -- ?1 :naam ging goed.\n", encoding="utf-8"
    )
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, tmp_path / "in")
    cb = codebook_from_text(
        "name: vijandig\ncodes:\n"
        "  - name: a\n    definition: A.\n    patterns:\n"
        '      - regex: "Wat\'\\\\); DROP TABLE codings; --"\n'
        "      - regex: '\\?1 :naam'\n"
        '      - phrase: "ging goed"\n'
    )
    code_store(store, cb, workers=1)
    got = store.codings()
    assert sorted(got["text"]) == ["?1 :naam", "Wat'); DROP TABLE codings; --", "ging goed"]
    assert set(got["pattern"]) == {
        "regex: Wat'\\); DROP TABLE codings; --",
        "regex: \\?1 :naam",
        "phrase: ging goed",
    }
