"""Benchmark: rule-code a ~10 M-word store with the default codebook and compare with
the floor, the tokenizer + lemmatizer pass alone over the same segments.

Prints one JSON object: words, segments, codings, seconds and words/s of rule coding
(reading segments from the store, matching 80-odd patterns, writing the codings in one
transaction) in one process and with the default worker processes, and of the floor;
``ratio_to_floor`` = coding time / floor time (target: <= 1.5) for both; and the peak
memory of this process. CPU seconds of this process (``*_cpu_*``, all its threads:
rule coding writes the codings in a thread of its own while it codes the next chunk)
are printed beside the wall clock for the one-process run and the floor: on a machine
shared with other work they vary far less. The corpus is built from the sample
corpus's sentences (as in ``bench/ingest.py``) and ingested by a separate ``sokwal``
process, so the peak memory is that of coding. Floor and coding run in this one
process; the floor runs twice (before and after coding) and the faster one counts.

    .venv/bin/python bench/coding.py              # ~10 M words
    .venv/bin/python bench/coding.py --words 1e6  # a quick look
"""

from __future__ import annotations

import argparse
import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/ingest.py, beside this script (a script's folder is first on sys.path)
from ingest import build_corpus

from sokwal_monitor import ProjectStore
from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding.rules import RuleCoder, code_store

HERE = Path(__file__).resolve().parent


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def segment_texts(store: ProjectStore) -> list[str]:
    """The texts rule coding reads: every segment but the interviewer's questions."""
    segments = store.segments(role=["respondent", ""])
    return [text for text in segments["text"] if text]


def floor(rules: RuleCoder, texts: list[str]) -> tuple[float, float, int]:
    """Seconds (wall clock and CPU) and tokens of the tokenizer + lemmatizer pass alone."""
    start, cpu = time.perf_counter(), time.process_time()
    n_tokens = sum(
        len(doc) for doc in rules.nlp.pipe(texts, batch_size=128, disable=rules.disabled_pipes())
    )
    return time.perf_counter() - start, time.process_time() - cpu, n_tokens


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=float, default=10e6, help="corpus size in words")
    parser.add_argument("--words-per-file", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="sokwal-bench-"))
    try:
        corpus = workdir / "corpus"
        corpus.mkdir()
        n_files = build_corpus(corpus, int(args.words), args.words_per_file, args.seed)
        store_path = workdir / "bench.sokwal"
        sokwal = Path(sys.executable).with_name("sokwal")
        subprocess.run(
            [str(sokwal), "ingest", str(corpus), "--store", str(store_path), "-q"], check=True
        )
        rss_before = peak_rss_mb()
        with ProjectStore(store_path) as store:
            codebook = load_codebook()
            rules = RuleCoder(codebook)
            texts = segment_texts(store)
            n_words = sum(len(t.split()) for t in texts)
            floor_1, floor_cpu_1, n_tokens = floor(rules, texts)
            del texts
            start, cpu = time.perf_counter(), time.process_time()
            report = code_store(store, codebook, progress=False, workers=1)
            coding_s, coding_cpu_s = time.perf_counter() - start, time.process_time() - cpu
            rss_coding = peak_rss_mb()
            start = time.perf_counter()  # the same again (replacing), with worker processes
            parallel = code_store(store, codebook, progress=False)
            parallel_s = time.perf_counter() - start
            assert parallel.n_added == report.n_added
            texts = segment_texts(store)
            floor_2, floor_cpu_2, _ = floor(rules, texts)
            floor_s, floor_cpu_s = min(floor_1, floor_2), min(floor_cpu_1, floor_cpu_2)
            by_kind = store.query(
                "SELECT substr(pattern, 1, instr(pattern, ':') - 1) AS kind, count(*) AS n"
                " FROM codings GROUP BY 1 ORDER BY 1"
            )
        print(
            json.dumps(
                {
                    "files": n_files,
                    "words_coded": n_words,
                    "tokens": n_tokens,
                    "segments_coded": report.n_segments,
                    "patterns": rules.n_patterns,
                    "codings": report.n_added,
                    "codings_by_first_pattern_kind": dict(
                        zip(by_kind["kind"], by_kind["n"].astype(int), strict=True)
                    ),
                    "coding_s_one_process": round(coding_s, 2),
                    "coding_words_per_s_one_process": round(n_words / coding_s),
                    "workers": parallel.workers,
                    "coding_s": round(parallel_s, 2),
                    "coding_words_per_s": round(n_words / parallel_s),
                    "floor_s": round(floor_s, 2),
                    "floor_s_runs": [round(floor_1, 2), round(floor_2, 2)],
                    "floor_words_per_s": round(n_words / floor_s),
                    "ratio_to_floor_one_process": round(coding_s / floor_s, 3),
                    "coding_cpu_s_one_process": round(coding_cpu_s, 2),
                    "floor_cpu_s": round(floor_cpu_s, 2),
                    "ratio_to_floor_cpu_one_process": round(coding_cpu_s / floor_cpu_s, 3),
                    "ratio_to_floor": round(parallel_s / floor_s, 3),
                    "peak_rss_mb_before_coding": round(rss_before),
                    "peak_rss_mb_after_coding_one_process": round(rss_coding),
                    "peak_rss_mb_after_coding": round(peak_rss_mb()),
                    "store_mb": round(store_path.stat().st_size / 1e6, 1),
                },
                indent=1,
            )
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
