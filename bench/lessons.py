"""Benchmark: precision and recall of the lesson rules per type on the sample's gold set.

The gold set (``tests/data/lessons_gold/gold.csv``) holds every lesson sentence of the
sample's documents, typed. ``split.csv`` splits the documents in two (seeded: Python's
``random.Random(17).shuffle`` of the sorted paths, the first 7 ``rules``, the other 7
``heldout``): the rules were written looking at the ``rules`` part only; the figures that
count are those of ``heldout``. A found lesson matches a gold sentence when it is in the
same document and their spans overlap; it counts for a type when the types agree too.

Prints one JSON object: per part, per type and over all types (``any``: a lesson found,
whatever its type) the number of gold and found lessons, true positives, precision and
recall, and how long finding took.

    .venv/bin/python bench/lessons.py
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tempfile
import time
from pathlib import Path

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.lessons import LESSON_TYPES, find_lessons, lessons

REPO = Path(__file__).resolve().parent.parent
GOLD = REPO / "tests" / "data" / "lessons_gold"


def _parts() -> dict[str, str]:
    """Document path -> its part of the split (``rules`` or ``heldout``)."""
    with open(GOLD / "split.csv", encoding="utf-8") as handle:
        return {r["path"]: r["part"] for r in csv.DictReader(handle)}


def _parts() -> dict[str, str]:
    """Document path -> its part of the split (``rules`` or ``heldout``)."""
    with open(GOLD / "split.csv", encoding="utf-8") as handle:
        return {r["path"]: r["part"] for r in csv.DictReader(handle)}


def read_gold(store: ProjectStore) -> list[dict[str, object]]:
    """The gold sentences with their document and span in the store's text."""
    docs = store.documents().set_index("path")
    part = _parts()
    out = []
    with open(GOLD / "gold.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        doc_id = str(docs.loc[row["path"], "doc_id"])
        text = store.text(doc_id)
        pattern = r"\s+".join(re.escape(w) for w in row["sentence"].split())
        match = re.search(pattern, text)
        if match is None:
            raise SystemExit(f"gold sentence not in {row['path']}: {row['sentence']!r}")
        out.append({**row, "doc_id": doc_id, "start": match.start(), "end": match.end(),
                    "part": part[row["path"]]})  # fmt: skip
    return out


def score(gold: list[dict[str, object]], found: list[dict[str, object]]) -> dict[str, object]:
    """Precision and recall per type and for ``any`` type."""

    def overlap(g: dict[str, object], f: dict[str, object]) -> bool:
        return (g["doc_id"] == f["doc_id"] and int(g["start"]) < int(f["end"])  # type: ignore[call-overload]
                and int(f["start"]) < int(g["end"]))  # type: ignore[call-overload]  # fmt: skip

    out: dict[str, object] = {}
    for kind in (*LESSON_TYPES, "any"):
        gs = [g for g in gold if kind in ("any", g["type"])]
        fs = [f for f in found if kind in ("any", f["type"])]
        hit_g = sum(1 for g in gs if any(overlap(g, f) for f in fs))
        hit_f = sum(1 for f in fs if any(overlap(g, f) for g in gs))
        out[kind] = {
            "gold": len(gs), "found": len(fs), "recall": round(hit_g / len(gs), 3) if gs else None,
            "precision": round(hit_f / len(fs), 3) if fs else None, "tp_gold": hit_g,
            "tp_found": hit_f,
        }  # fmt: skip
    return out


def main() -> int:
    folder = Path(tempfile.mkdtemp())
    store_path = folder / "sample.sokwal"
    ingest(store_path, REPO / "data" / "sample")
    with ProjectStore(store_path) as store:
        gold = read_gold(store)
        start = time.perf_counter()
        report = find_lessons(store)
        seconds = time.perf_counter() - start
        table = lessons(store)
    part = _parts()
    found = [
        {"doc_id": r.doc_id, "start": r.start_char, "end": r.end_char, "type": r.type,
         "part": part.get(r.path, "")}
        for r in table.itertuples(index=False)
    ]  # fmt: skip
    result: dict[str, object] = {
        "sentences": report.n_sentences, "lessons": report.n_found,
        "seconds": round(seconds, 2), "split_seed": 17,
    }  # fmt: skip
    for name in ("rules", "heldout"):
        result[name] = score([g for g in gold if g["part"] == name],
                             [f for f in found if f["part"] == name])  # fmt: skip
    json.dump(result, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
