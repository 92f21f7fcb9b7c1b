"""Benchmark: ways of writing a rule-coding run's codings, on the codings of a bench
corpus (as ``bench/coding.py`` builds it), each into a fresh copy of its store without
codings, in one transaction, the ways alternated round by round in this one process.

Ways: ``values`` (what rule coding does: :meth:`ProjectStore.insert_coding_rows`,
multi-row ``INSERT ... VALUES`` statements of up to 512 rows), ``executemany``
(:meth:`ProjectStore.insert_codings`, one row per step, binding holding Python's
lock), ``json_each`` (the earlier writer: one ``INSERT ... SELECT ... FROM
json_each(?)`` per batch), ``values_drop_indexes`` (the three secondary indexes of
``codings`` dropped first and built again at the end, in the transaction) and
``staged`` (batches into a temporary table without indexes, then one ``INSERT ...
SELECT ... ORDER BY coding_id``). Prints one JSON object: per way the medians of the
CPU seconds while the run codes (``cpu_during``), at its end before the commit
(``cpu_at_end``: rebuilding indexes, the final INSERT), the commit (CPU and wall clock,
with SQLite's automatic checkpoint), and ``cpu_total`` / the ``values`` way's. Rows
come in batches as a run hands them to its writer thread (one per chunk).

    .venv/bin/python bench/coding_write.py --words 1e6 --keep /tmp/coding-check
"""

from __future__ import annotations

import argparse
import json
import shutil
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from coding_check import bench_stores

from sokwal_monitor import ProjectStore
from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding.rules import code_store
from sokwal_monitor.store.codings import CODING_COLUMNS

STAMP = "2026-01-01T00:00:00+00:00"
INDEXES = {
    "codings_document": "CREATE INDEX codings_document ON codings (doc_id, start_char)",
    "codings_segment": "CREATE INDEX codings_segment ON codings (segment_id)",
    "codings_coder": "CREATE INDEX codings_coder ON codings (coder, code)",
}
Batches = list[list[tuple[Any, ...]]]


def run_rows(path: Path, batch_rows: int) -> Batches:
    """The codings of a one-process rule-coding run of the store, as the rows its writer
    takes, in batches of ``batch_rows``."""
    with ProjectStore(path) as store:
        code_store(store, load_codebook(), progress=False, workers=1)
        rows = [
            tuple(r)
            for r in store.execute(
                "SELECT coding_id, doc_id, segment_position, start_char, end_char, code,"
                " coder, origin, score, memo, pattern FROM codings ORDER BY rowid"
            )
        ]
    return [rows[i : i + batch_rows] for i in range(0, len(rows), batch_rows)]


def empty_copy(source: Path, folder: Path) -> Path:
    """A copy of the store without codings, coding runs or kept codebooks."""
    target = folder / "empty.sokwal"
    shutil.copy(source, target)
    con = sqlite3.connect(target, isolation_level=None)
    con.execute("PRAGMA foreign_keys = OFF")
    for table in ("codings", "coding_runs", "codebooks"):
        con.execute(f"DELETE FROM {table}")
    con.execute("VACUUM")
    con.close()
    return target


def _json_each(store: ProjectStore, rows: list[tuple[Any, ...]], run_id: int) -> None:
    payload = json.dumps(rows, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    fields = ", ".join(f"value ->> {i}" for i in range(11))
    store.execute(
        f"INSERT INTO codings ({CODING_COLUMNS}) SELECT {fields}, ?, ?"
        " FROM json_each(?) WHERE true ON CONFLICT (coding_id) DO NOTHING",
        (run_id, STAMP, payload),
    )


def _values(store: ProjectStore, rows: list[tuple[Any, ...]], run_id: int) -> None:
    store.insert_coding_rows(rows, run_id, STAMP)


def _executemany(store: ProjectStore, rows: list[tuple[Any, ...]], run_id: int) -> None:
    store.insert_codings([(*row, run_id, STAMP) for row in rows])


def _staged(store: ProjectStore, rows: list[tuple[Any, ...]], run_id: int) -> None:
    store.execute(
        "CREATE TEMP TABLE IF NOT EXISTS staged (coding_id, doc_id, segment_position,"
        " start_char, end_char, code, coder, origin, score, memo, pattern, run_id, created_at)"
    )
    store._con.executemany(  # a benchmark of the store's own ways
        "INSERT INTO staged VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [(*row, run_id, STAMP) for row in rows],
    )


def measure(
    empty: Path, folder: Path, batches: Batches, way: str
) -> tuple[float, float, float, float]:
    """CPU during, CPU at the end, commit CPU and commit wall clock of one way."""
    path = folder / "w.sokwal"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    shutil.copy(empty, path)
    write: Callable[[ProjectStore, list[tuple[Any, ...]], int], None] = {
        "values": _values,
        "values_drop_indexes": _values,
        "executemany": _executemany,
        "json_each": _json_each,
        "staged": _staged,
    }[way]
    with ProjectStore(path) as store:
        store.execute("PRAGMA temp_store = MEMORY")
        store.execute("BEGIN IMMEDIATE")
        run_id = store.insert_coding_run("rule:bench@1", "rule", None, {})
        cpu = time.thread_time()
        if way == "values_drop_indexes":
            for name in INDEXES:
                store.execute(f"DROP INDEX {name}")
        for rows in batches:
            write(store, rows, run_id)
        during = time.thread_time() - cpu
        cpu = time.thread_time()
        if way == "values_drop_indexes":
            for sql in INDEXES.values():
                store.execute(sql)
        elif way == "staged":
            store.execute(
                f"INSERT INTO codings ({CODING_COLUMNS}) SELECT * FROM staged"
                " ORDER BY coding_id ON CONFLICT (coding_id) DO NOTHING"
            )
        at_end = time.thread_time() - cpu
        wall, cpu = time.perf_counter(), time.thread_time()
        store.execute("COMMIT")
        commit_cpu, commit_wall = time.thread_time() - cpu, time.perf_counter() - wall
        n = store.execute("SELECT count(*) FROM codings").fetchone()[0]
    expected = len({row[0] for rows in batches for row in rows})
    assert n == expected, (way, n, expected)
    return during, at_end, commit_cpu, commit_wall


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=float, default=1e6, help="bench corpus size in words")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--batch-rows", type=int, default=1750, help="rows per writer batch")
    parser.add_argument("--keep", type=Path, help="keep the ingested stores in this folder")
    args = parser.parse_args(argv)
    source = bench_stores(args.words, args.seed, args.keep, "sokwal-write-")["bench"]
    folder = Path(tempfile.mkdtemp(prefix="sokwal-write-"))
    try:
        empty = empty_copy(source, folder)
        coded = folder / "coded.sokwal"
        shutil.copy(empty, coded)
        batches = run_rows(coded, args.batch_rows)
        ways = ["values", "executemany", "json_each", "values_drop_indexes", "staged"]
        runs: dict[str, list[tuple[float, float, float, float]]] = {w: [] for w in ways}
        for _ in range(args.rounds):
            for way in ways:
                runs[way].append(measure(empty, folder, batches, way))
        out: dict[str, Any] = {
            "codings": sum(len(b) for b in batches),
            "batches": len(batches),
            "rounds": args.rounds,
        }
        total = {}
        for way, got in runs.items():
            med = [statistics.median(r[i] for r in got) for i in range(4)]
            total[way] = med[0] + med[1] + med[2]
            out[way] = {
                "cpu_during": round(med[0], 3),
                "cpu_at_end": round(med[1], 3),
                "commit_cpu": round(med[2], 3),
                "commit_wall": round(med[3], 3),
                "cpu_total": round(total[way], 3),
            }
        for way in ways:
            out[way]["cpu_total_to_values"] = round(total[way] / total["values"], 3)
        print(json.dumps(out, indent=1))
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
