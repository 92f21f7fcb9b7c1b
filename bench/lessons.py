"""Benchmark: precision and recall of the lesson rules per type, on the sample, on
retired held-out sets and on a fresh held-out set.

Six gold sets, each every lesson sentence of its documents, typed:

- ``dev``: ``tests/data/lessons_gold/gold.csv`` over ``data/sample/``. The rules were
  first written on half of it (``split.csv``: ``rules``), its other half was held out
  once (``heldout``: recall 0.60, precision 0.86); after that half's misses were seen,
  the whole sample became dev, and the rules were improved on it (round 2).
- ``dev2``: ``tests/data/lessons_heldout/gold.csv`` over ``tests/data/lessons_heldout/``
  (seven documents of four fictional projects, P11-P14). Written for round 2 as its
  held-out set, labelled before that round's rules changed (round 2 reported recall 0.33,
  precision 0.76 on it). **Retired**: its misses are seen in round 3 and rules are
  improved on it, so its figures are optimistic like the sample's.
- ``dev3``: ``tests/data/lessons_dev3/gold.csv`` over ``tests/data/lessons_dev3/`` (15
  documents of fictional projects P31-P39), written in batches by round 3's rule author,
  each batch measured before its misses were read and then used to improve the rules
  (its README has those first figures); dev.
- ``dev4``: ``tests/data/lessons_heldout3/gold.csv`` over ``tests/data/lessons_heldout3/``
  (eleven documents of six fictional projects, P21-P26, two waves). Written for round 3
  as its held-out set (round 3's merged rules scored precision 0.78, recall 0.58 on it).
  **Retired** in round 4: its misses are read and rules are improved on it.
- ``dev5``: ``tests/data/lessons_heldout4/gold.csv`` over ``tests/data/lessons_heldout4/``
  (twelve documents of six fictional projects, P41-P46, in 2023 and 2024). Written for
  round 4 as its held-out set (round 4's merged rules scored precision 0.83, recall 0.65
  on it). **Retired** in round 5: its misses are read and rules are improved on it.
- ``heldout``: ``tests/data/lessons_heldout5/gold.csv`` over ``tests/data/lessons_heldout5/``
  (twelve documents of six fictional projects, P51-P56, in 2024 and 2025). Written for
  round 5 apart from the rules and committed before any evaluation and before round 5's
  rules changed. Its figures are the ones that count; once its misses are read it
  retires to dev and the next round needs a new set.

A set folder's ``README.md`` is ingested with it but is not one of its documents: lessons
found there are left out of the scores.

A found lesson matches a gold sentence when it is in the same document and their spans
overlap; it counts for a type when the types agree too. ``any``: a lesson found,
whatever its type.

Prints one JSON object: per set, per type and over all types the number of gold and
found lessons, true positives, precision and recall, and how long finding took (a
skipped set: ``{"skipped": why}``). ``--misses dev``, ``dev2``, ``dev3``, ``dev4`` or ``dev5``
lists that set's missed gold sentences and false or mistyped lessons instead;
``--misses heldout`` is refused (reading them would retire the set).

    .venv/bin/python bench/lessons.py
    .venv/bin/python bench/lessons.py --misses dev5
"""

from __future__ import annotations

import csv
import json
import re
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.lessons import LESSON_TYPES, find_lessons, lessons

REPO = Path(__file__).resolve().parent.parent
DATA = REPO / "tests" / "data"
DEV = (REPO / "data" / "sample", DATA / "lessons_gold" / "gold.csv")
#: Round 2's held-out set, retired to dev in round 3 (its misses are seen).
DEV2 = (DATA / "lessons_heldout", DATA / "lessons_heldout" / "gold.csv")
#: Round 3's own dev material, written by the rules' author in batches.
DEV3 = (DATA / "lessons_dev3", DATA / "lessons_dev3" / "gold.csv")
#: Round 3's held-out set, scored once (0.78 / 0.58), retired to dev in round 4.
DEV4 = (DATA / "lessons_heldout3", DATA / "lessons_heldout3" / "gold.csv")
#: Round 4's held-out set, scored once (0.83 / 0.65), retired to dev in round 5.
DEV5 = (DATA / "lessons_heldout4", DATA / "lessons_heldout4" / "gold.csv")
#: Round 5's held-out set: scores only, never its misses (skipped while absent).
HELDOUT = (DATA / "lessons_heldout5", DATA / "lessons_heldout5" / "gold.csv")
SETS = {"dev": DEV, "dev2": DEV2, "dev3": DEV3, "dev4": DEV4, "dev5": DEV5, "heldout": HELDOUT}
#: What ``--misses`` may list.
MISSES_ALLOWED = ("dev", "dev2", "dev3", "dev4", "dev5")
#: A set's description, ingested with its folder but not one of its documents.
NOT_A_DOCUMENT = "README.md"


def read_gold(store: ProjectStore, gold_csv: Path) -> list[dict[str, Any]]:
    """The gold sentences with their document and span in the store's text."""
    docs = store.documents().set_index("path")
    out = []
    with open(gold_csv, encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        doc_id = str(docs.loc[row["path"], "doc_id"])
        text = store.text(doc_id)
        pattern = r"\s+".join(re.escape(w) for w in row["sentence"].split())
        match = re.search(pattern, text)
        if match is None:
            raise SystemExit(f"gold sentence not in {row['path']}: {row['sentence']!r}")
        out.append({**row, "doc_id": doc_id, "start": match.start(), "end": match.end()})
    return out


def _overlap(g: dict[str, Any], f: dict[str, Any]) -> bool:
    return bool(g["doc_id"] == f["doc_id"] and g["start"] < f["end"] and f["start"] < g["end"])


def score(gold: list[dict[str, Any]], found: list[dict[str, Any]]) -> dict[str, Any]:
    """Precision and recall per type and for ``any`` type.

    >>> g = [{"doc_id": "d", "start": 0, "end": 10, "type": "advice"}]
    >>> f = [{"doc_id": "d", "start": 5, "end": 20, "type": "insight"}]
    >>> s = score(g, f)
    >>> s["any"]["recall"], s["advice"]["recall"], s["insight"]["precision"]
    (1.0, 0.0, 0.0)
    """
    out: dict[str, Any] = {}
    for kind in (*LESSON_TYPES, "any"):
        gs = [g for g in gold if kind in ("any", g["type"])]
        fs = [f for f in found if kind in ("any", f["type"])]
        hit_g = sum(1 for g in gs if any(_overlap(g, f) for f in fs))
        hit_f = sum(1 for f in fs if any(_overlap(g, f) for g in gs))
        out[kind] = {
            "gold": len(gs), "found": len(fs), "recall": round(hit_g / len(gs), 3) if gs else None,
            "precision": round(hit_f / len(fs), 3) if fs else None, "tp_gold": hit_g,
            "tp_found": hit_f,
        }  # fmt: skip
    return out


def evaluate(data: Path, gold_csv: Path, workdir: Path) -> dict[str, Any]:
    """Ingest ``data`` into a store under ``workdir``, find lessons with the rules and
    score them against ``gold_csv``: ``{"scores", "gold", "found", "sentences",
    "seconds"}``."""
    store_path = workdir / f"{data.name}.sokwal"
    ingest(store_path, data)
    with ProjectStore(store_path) as store:
        gold = read_gold(store, gold_csv)
        start = time.perf_counter()
        report = find_lessons(store)
        seconds = time.perf_counter() - start
        table = lessons(store)
    found = [
        {"doc_id": r.doc_id, "start": r.start_char, "end": r.end_char, "type": r.type,
         "path": r.path, "text": r.text, "pattern": r.pattern}
        for r in table.itertuples(index=False)
        if r.path != NOT_A_DOCUMENT
    ]  # fmt: skip
    return {"scores": score(gold, found), "gold": gold, "found": found,
            "sentences": report.n_sentences, "seconds": round(seconds, 2)}  # fmt: skip


def misses(result: dict[str, Any]) -> list[str]:
    """Lines naming every missed gold sentence and every false or mistyped lesson."""
    lines = []
    for g in result["gold"]:
        hits = [f for f in result["found"] if _overlap(g, f)]
        if not hits:
            lines.append(f"MISS {g['type']:17} {g['path']}: {g['sentence']}")
        elif g["type"] not in {f["type"] for f in hits}:
            lines.append(f"TYPE {g['type']:17} as {hits[0]['type']} ({hits[0]['pattern']}): "
                         f"{g['sentence']}")  # fmt: skip
    for f in result["found"]:
        if not any(_overlap(g, f) for g in result["gold"]):
            lines.append(f"FALSE {f['type']:16} ({f['pattern']}) {f['path']}: {f['text']!r}")
    return lines


def main(argv: list[str]) -> int:
    if argv[:1] == ["--misses"]:
        which = argv[1] if len(argv) > 1 else ""
        if which == "heldout":
            print("error: --misses heldout is refused: reading the held-out set's misses "
                  "retires it; use dev, dev2, dev3, dev4 or dev5", file=sys.stderr)  # fmt: skip
            return 2
        if which not in MISSES_ALLOWED or len(argv) > 2:
            print(f"error: --misses takes one of {', '.join(MISSES_ALLOWED)}", file=sys.stderr)
            return 2
        print("\n".join(misses(evaluate(*SETS[which], Path(tempfile.mkdtemp())))))
        return 0
    if argv:
        print(f"error: unknown arguments {' '.join(argv)}; usage: lessons.py "
              f"[--misses {'|'.join(MISSES_ALLOWED)}]", file=sys.stderr)  # fmt: skip
        return 2
    work = Path(tempfile.mkdtemp())
    out: dict[str, Any] = {}
    for name, (data, gold) in SETS.items():
        if not data.is_dir() or not gold.is_file():
            out[name] = {"skipped": f"{gold.parent.name}/{gold.name} is not there (yet)"}
            continue
        result = evaluate(data, gold, work)
        out[name] = {"sentences": result["sentences"], "lessons": len(result["found"]),
                     "seconds": result["seconds"], **result["scores"]}  # fmt: skip
    json.dump(out, sys.stdout, indent=1)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
