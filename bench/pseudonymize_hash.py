"""Check that a change to pseudonymization changes no output: hash what a run writes.

Pseudonymizes the sample, the evaluation set's dev and held-out parts and the bench
corpus of ``bench/pseudonymize.py`` (``--words``), each in a fresh store with a plain
key file, and prints one SHA-256 per corpus and per database: every table of the store
(texts, titles, paths, segments, attributes, survey values, memos, the search index's
rows and its bookkeeping tables) and of the key file (originals, entities, mentions,
replacements, pseudonyms, lists), rows in a fixed order, columns that hold the time of
the run or a random key id left out. Run it before and after a change and compare the
lines (``diff``); nothing is printed of the texts themselves, so the held-out part can
go through it.

    .venv/bin/python bench/pseudonymize_hash.py [--part sample|dev|heldout|bench ...]
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

from pseudonymize import EVAL, ROOT, SAMPLE, large_corpus, pseudonymized  # type: ignore[import-not-found]

from sokwal_monitor import ingest
from sokwal_monitor.privacy import pseudonymize

#: Columns that differ from run to run by design (times, random ids, versions).
VOLATILE = {"at", "key_id", "written_by", "created", "created_at", "updated_at", "ingested_at",
            "pseudonymized_at", "started_at", "finished_at", "sokwal_version"}  # fmt: skip
#: Tables whose rows are the run's own log (their times and ids are volatile).
SKIP_TABLES = {"info", "store_info", "ingests", "pseudonymizations", "sqlite_sequence"}


def database_hash(path: Path, folders: dict[str, str]) -> tuple[str, int]:
    """SHA-256 of every table's rows (sorted, volatile columns left out, the ``folders``
    in paths written as their labels: the ingest log holds absolute paths); and the rows."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    digest, n = hashlib.sha256(), 0
    try:
        tables = [
            t for (t,) in con.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
            if t not in SKIP_TABLES and not t.startswith("search_index_")
        ]  # fmt: skip
        for table in tables:
            if table == "search_index":
                cols = ["rowid", "text", "lemmas"]
            else:
                cols = [r[1] for r in con.execute(f'PRAGMA table_info("{table}")')]
                cols = [c for c in cols if c not in VOLATILE]
            rows = []
            for r in con.execute(f'SELECT {", ".join(cols)} FROM "{table}"'):
                text = repr(r)
                for folder, label in folders.items():
                    text = text.replace(folder, label)
                rows.append(text)
            rows.sort()
            digest.update(f"{table}({','.join(cols)}):{len(rows)}\n".encode())
            for r in rows:
                digest.update(r.encode("utf-8", "surrogatepass") + b"\n")
            n += len(rows)
    finally:
        con.close()
    return digest.hexdigest(), n


def run(workdir: Path, name: str, source: Path | list[Path]) -> None:
    """Pseudonymize ``source`` in a fresh store (plain key file) and print its hashes."""
    store = workdir / f"{name}.sokwal"
    key = workdir / f"{name}.sokwal-key"
    if ingest(store, source, progress=False).exit_code:
        raise SystemExit(f"ingest of {name} failed")
    pseudonymize(store, key, encrypt_key=False, progress=False)
    for label, path in (("store", store), ("key", key)):
        h, n = database_hash(path, {str(workdir): "<work>", str(ROOT): "<root>"})
        print(f"{name:8} {label:5} {n:8} rows {h}", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", action="append", choices=["sample", "dev", "heldout", "bench"])
    parser.add_argument("--words", type=int, default=200_000, help="size of the bench corpus")
    args = parser.parse_args(argv)
    logging.disable(logging.INFO)  # the readers' debug lines would print the texts
    parts = args.part or ["sample", "dev", "heldout", "bench"]
    sources = {"sample": SAMPLE, "dev": EVAL / "dev" / "docs", "heldout": EVAL / "heldout" / "docs"}
    workdir = Path(tempfile.mkdtemp(prefix="sokwal-hash-"))
    try:
        for part in parts:
            if part != "bench":
                run(workdir, part, sources[part])
        if "bench" in parts:
            _, _, _, texts = pseudonymized(workdir, "all", list(sources.values()))
            run(workdir, "bench", large_corpus(workdir, texts, args.words))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
