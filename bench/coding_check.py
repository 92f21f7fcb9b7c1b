"""Check that rule coding's codings do not change: a SHA-256 of the sorted codings
table (every column but the run id and the time) after coding the sample corpus and a
bench corpus (as ``bench/coding.py`` builds it) in each scope, in one process and with
worker processes.

Prints one line per store, scope and number of workers, with the number of codings
and the hash. Run it before and after a change and compare (``diff``): any difference
means a coding changed. ``--keep DIR`` keeps the ingested stores there, so that a
second run only codes. Compare only runs with the same ``--keep DIR``: without it the
stores are built in a new temporary folder each run, the documents' paths and with them
their ids and the codings' ids differ, and so do the hashes, even for the same code.

    .venv/bin/python bench/coding_check.py --words 1e6 --keep /tmp/coding-check
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import tempfile
from pathlib import Path

from ingest import build_corpus

from sokwal_monitor import ProjectStore
from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding.rules import code_store

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "data" / "sample"
COLUMNS = (
    "coding_id, doc_id, segment_position, start_char, end_char, code, coder, origin,"
    " score, memo, pattern"
)


def codings_hash(store: ProjectStore) -> tuple[int, str]:
    """How many codings the store holds and a SHA-256 of them, sorted."""
    rows = store.query(f"SELECT {COLUMNS} FROM codings ORDER BY coding_id")
    digest = hashlib.sha256()
    for row in rows.itertuples(index=False):
        digest.update(repr(tuple(row)).encode("utf-8"))
        digest.update(b"\n")
    return len(rows), digest.hexdigest()


def ingested(folder: Path, source: Path) -> Path:
    """A store of ``source`` in ``folder`` (ingested by a ``sokwal`` process once)."""
    store_path = folder / "store.sokwal"
    if not store_path.exists():
        sokwal = Path(sys.executable).with_name("sokwal")
        subprocess.run(
            [str(sokwal), "ingest", str(source), "--store", str(store_path), "-q"], check=True
        )
    return store_path


def bench_stores(words: float, seed: int, keep: Path | None, prefix: str) -> dict[str, Path]:
    """The sample's store and the store of a ``words``-word bench corpus (built from the
    sample's sentences with ``seed``), under ``keep`` or a new temporary folder."""
    root = keep or Path(tempfile.mkdtemp(prefix=prefix))
    bench = root / f"bench-{int(words)}-{seed}"
    corpus = bench / "corpus"
    if not corpus.exists():
        corpus.mkdir(parents=True)
        build_corpus(corpus, int(words), 25_000, seed)
    return {"sample": ingested(root / "sample", SAMPLE), "bench": ingested(bench, corpus)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=float, default=1e6, help="bench corpus size in words")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--keep", type=Path, help="keep the ingested stores in this folder")
    args = parser.parse_args(argv)
    stores = bench_stores(args.words, args.seed, args.keep, "sokwal-check-")
    codebook = load_codebook()
    for name, path in stores.items():
        with ProjectStore(path) as store:
            for scope in ("match", "sentence", "segment"):
                for workers in (1, args.workers):
                    interviewers = (False, True) if name == "sample" else (False,)
                    for interviewer in interviewers:
                        code_store(
                            store,
                            codebook,
                            scope=scope,
                            workers=workers,
                            interviewer=interviewer,
                            progress=False,
                        )
                        n, digest = codings_hash(store)
                        who = " interviewer" if interviewer else ""
                        print(f"{name} {scope} workers={workers}{who}: {n} {digest}", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
