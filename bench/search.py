"""Benchmark: full-text search on a ~10 M-word store (SQLite FTS5 with a lemma column).

Builds the corpus of ``bench/ingest.py`` (sentences of the sample corpus), ingests it
(the index is written during the ingest), then rebuilds the index alone to time it,
and measures the latency of :func:`sokwal_monitor.search` for a word, a phrase, a
lemma query, a word beginning and filtered queries: median and 95th percentile over
repeated runs, with ``limit=100`` (a page of hits, what the coding pane asks) and
without a limit (every hit). Prints one JSON object. Target: median < 100 ms.

    .venv/bin/python bench/search.py              # ~10 M words
    .venv/bin/python bench/search.py --words 1e6  # a quick look
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

# bench/ingest.py, beside this script (a script's folder is first on sys.path)
from ingest import build_corpus

from sokwal_monitor import ProjectStore, ingest, search
from sokwal_monitor.nlp import fold, search_lemma

QUERIES: dict[str, tuple[str, dict[str, Any]]] = {
    "word": ("vrijwilligers", {}),
    "rare_word": ("subsidieaanvraag", {}),
    "phrase": ('"de gemeente"', {}),
    "lemma": ("geleerd", {"lemma": True}),
    "prefix": ("zorg*", {}),
    "two_words": ("vrijwilligers gemeente", {}),
    "filtered": ("vrijwilligers", {"project_id": "P08", "wave": "2019", "role": "respondent"}),
    "uncoded": ("vrijwilligers", {"coded": False, "role": "respondent"}),
}


def timed(store: ProjectStore, query: str, options: dict[str, Any], repeat: int) -> dict:
    """Median and p95 milliseconds (wall clock) of one query, its median CPU time,
    and how many hits it gave."""
    times, cpu, n = [], [], 0
    search(store, query, **options)  # warm: the first run loads spaCy for lemma queries
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        n = len(search(store, query, **options))
        times.append((time.perf_counter() - start) * 1000)
        cpu.append((time.process_time() - start_cpu) * 1000)
    times.sort()
    return {
        "hits": n,
        "median_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[min(len(times) - 1, int(0.95 * len(times)))], 1),
        "median_cpu_ms": round(statistics.median(cpu), 1),  # wall time minus waiting for a core
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=float, default=10e6, help="corpus size in words")
    parser.add_argument("--words-per-file", type=int, default=25_000)
    parser.add_argument("--repeat", type=int, default=21, help="runs per query")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="sokwal-bench-"))
    try:
        corpus = workdir / "corpus"
        corpus.mkdir()
        n_files = build_corpus(corpus, int(args.words), args.words_per_file, args.seed)
        path = workdir / "bench.sokwal"
        start = time.perf_counter()
        report = ingest(path, corpus, progress=False)
        ingest_s = time.perf_counter() - start
        if report.failed:
            print(report.to_frame().query("status == 'failed'"), file=sys.stderr)
            return 1
        with ProjectStore(path) as store:
            fold.cache_clear()  # the lemmas of every word type are computed anew
            search_lemma.cache_clear()
            start = time.perf_counter()
            with store.transaction():
                n_indexed = store.rebuild_search_index()
            index_s = time.perf_counter() - start
            store.scrub()  # merge the index, drop the free pages the rebuild left
            index_bytes = store.search_index_size()
            info = store.info()
            n_words = sum(len(store.text(d).split()) for d in store.documents()["doc_id"])
            store_bytes = path.stat().st_size
            latency = {
                name: {
                    "limit_100": timed(store, q, {**o, "limit": 100}, args.repeat),
                    "all_hits": timed(store, q, o, max(3, args.repeat // 3)),
                }
                for name, (q, o) in QUERIES.items()
            }
        medians = [v["limit_100"]["median_ms"] for v in latency.values()]
        print(
            json.dumps(
                {
                    "files": n_files,
                    "words": n_words,
                    "segments": int(info["segments"].sum()),
                    "ingest_s_with_index": round(ingest_s, 2),
                    "index_build_s": round(index_s, 2),
                    "index_segments": n_indexed,
                    "index_words_per_s": round(n_words / index_s),
                    "store_mb": round(store_bytes / 1e6, 1),
                    "index_mb": round(index_bytes / 1e6, 1),
                    "index_share_of_store": round(index_bytes / store_bytes, 3),
                    "index_to_rest_of_store": round(index_bytes / (store_bytes - index_bytes), 3),
                    "latency": latency,
                    "median_of_medians_limit_100_ms": round(statistics.median(medians), 1),
                    "max_median_limit_100_ms": max(medians),
                },
                indent=1,
            )
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
