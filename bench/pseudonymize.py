"""Benchmark: pseudonymization recall and precision on data/sample, and throughput
next to plain deduce on the same text.

Prints one JSON object:

- ``recall``: the share of the gold list's personal-data strings (data/sample_gold)
  that no longer occur in their document after pseudonymization (whitespace
  normalised, so a name broken over two lines counts); target >= 0.99;
- ``precision``: the share of replacements whose original text overlaps a gold string
  of that document;
- ``missed``: the gold strings still in the text;
- ``words_per_s`` of ``pseudonymize`` (detection, linking, offsets, store and key file
  writes) and of plain ``Deduce().deidentify`` over the same texts, and their ratio
  (target >= 0.8). Both are timed in this process after deduce is loaded, ``--repeat``
  times, best of each.

    .venv/bin/python bench/pseudonymize.py
"""

from __future__ import annotations

import argparse
import csv
import json
import shutil
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.privacy import KeyFile, pseudonymize
from sokwal_monitor.privacy.detect import deduce_instance

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "data" / "sample_gold" / "personal_data.csv"


def norm(text: str) -> str:
    return " ".join(text.split())


def evaluate(store_path: Path, key_path: Path) -> dict:
    with GOLD.open(encoding="utf-8") as fh:
        gold = list(csv.DictReader(fh))
    by_path: dict[str, list[str]] = defaultdict(list)
    for row in gold:
        by_path[row["path"]].append(norm(row["text"]))
    missed = []
    with ProjectStore(store_path) as store, KeyFile(key_path) as key:
        docs = store.documents().set_index("path")
        for row in gold:
            text = norm(store.text(docs.loc[row["path"], "doc_id"]))
            if row["text"] and norm(row["text"]) in text:
                missed.append(f"{row['path']}: {row['text']} ({row['category']})")
        correct = total = 0
        for path, doc in docs.iterrows():
            original = key.original(doc["doc_id"])
            if original is None:
                continue
            for edit in key.replacements(doc["doc_id"]):
                span = norm(original[0][edit.start : edit.end])
                total += 1
                correct += any(span in g or g in span for g in by_path.get(path, []))
    files = [store_path.with_name(store_path.name + end) for end in ("", "-wal", "-shm")]
    raw = b"".join(p.read_bytes() for p in files if p.exists())
    # ages ("85 jaar") also occur as survey value labels; every other category is unique
    leaked = sorted(
        {r["text"] for r in gold if r["category"] != "leeftijd" and r["text"].encode() in raw}
    )
    return {
        "gold_strings": len(gold),
        "recall": round(1 - len(missed) / len(gold), 4),
        "replacements": total,
        "precision": round(correct / total, 4) if total else None,
        "missed": missed,
        "gold_strings_in_raw_store_files": leaked,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    workdir = Path(tempfile.mkdtemp(prefix="sokwal-bench-"))
    try:
        deduce = deduce_instance()  # loading deduce is not part of either timing
        best, best_plain, figures = float("inf"), float("inf"), {}
        for i in range(args.repeat):
            store = workdir / f"s{i}.sokwal"
            ingest(store, SAMPLE, progress=False)
            with ProjectStore(store) as s:
                texts = [s.text(d) for d in s.documents()["doc_id"] if s.text(d)]
            start = time.perf_counter()
            pseudonymize(store, workdir / f"s{i}.sokwal-key", progress=False)
            best = min(best, time.perf_counter() - start)
            start = time.perf_counter()
            for text in texts:
                deduce.deidentify(text)
            best_plain = min(best_plain, time.perf_counter() - start)
            if i == 0:
                figures = evaluate(store, workdir / f"s{i}.sokwal-key")
        words = sum(len(t.split()) for t in texts)
        figures.update(
            {
                "words": words,
                "pseudonymize_s": round(best, 3),
                "pseudonymize_words_per_s": round(words / best),
                "plain_deduce_s": round(best_plain, 3),
                "plain_deduce_words_per_s": round(words / best_plain),
                "throughput_ratio": round(best_plain / best, 2),
            }
        )
        print(json.dumps(figures, indent=1, ensure_ascii=False))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
