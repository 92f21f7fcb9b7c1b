"""Benchmark: precision and recall of the default codebook's rules against hand codings.

Ingests ``data/sample/`` into a temporary store, rule-codes it with a codebook
(``code_store``; the default ``codebooks/sociale_kwaliteit.yaml``), imports the hand
codings of ``tests/data/codebook_gold/sociale_kwaliteit_gold.csv`` as coder ``gold`` and
prints, for the ``tune`` part and the ``heldout`` part of the sample (a seeded split by
document, see that folder's README), precision, recall and F1 per code at segment level
(``sokwal_monitor.analysis.evaluate.evaluate(store, gold="gold", system=..., level=
"segment")``), plus the micro average over all codes.

The gold coder codes the most specific code that applies; a gold coding therefore also
counts for the code's ancestors in the codebook (a rule coding ``vrijwilligers`` on a
segment coded ``vrijwilligers_werven`` by hand is right, not the other way round).

    .venv/bin/python bench/codebook_precision.py [--codebook PATH] [--json]

Patterns are tuned on the ``tune`` part only; the ``heldout`` figures are the ones to
report.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

import pandas as pd

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.analysis.evaluate import evaluate
from sokwal_monitor.codebook import Codebook, load_codebook
from sokwal_monitor.coding import add_coding, code_store, import_quotes

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "tests" / "data" / "codebook_gold" / "sociale_kwaliteit_gold.csv"
SEED = 15
PARTS = ("tune", "heldout")


def split(paths: Iterable[str], seed: int = SEED) -> dict[str, str]:
    """Path -> ``tune`` or ``heldout``: interviews and reports each shuffled (one
    generator, interviews first); the first ceil(n/2) interviews and floor(n/2) reports
    are ``tune``."""
    ordered = sorted(paths)
    interviews = [p for p in ordered if p.startswith("interviews/")]
    reports = [p for p in ordered if not p.startswith("interviews/")]
    rng = random.Random(seed)
    rng.shuffle(interviews)
    rng.shuffle(reports)
    tune = set(interviews[: (len(interviews) + 1) // 2] + reports[: len(reports) // 2])
    return {p: "tune" if p in tune else "heldout" for p in ordered}


def gold_parts(gold: Path = GOLD) -> dict[str, str]:
    """Path -> part, as the gold file records it."""
    with gold.open(encoding="utf-8", newline="") as f:
        return {row["path"]: row["part"] for row in csv.DictReader(f)}


def ancestors(codebook: Codebook, code: str) -> list[str]:
    """The parent, grandparent, ... of ``code`` in the codebook."""
    out = []
    parent = codebook[code].parent
    while parent:
        out.append(parent)
        parent = codebook[parent].parent
    return out


def import_gold(store: ProjectStore, codebook: Codebook, gold: Path = GOLD) -> int:
    """Import the hand codings as coder ``gold``, each also under its ancestor codes;
    return the number of hand codings."""
    report = import_quotes(store, gold, coder="gold")
    if report.problems:
        raise ValueError(f"{gold}: rows that do not import: {report.problems}")
    codings = store.codings(coder="gold")
    for row in codings.itertuples(index=False):
        for parent in ancestors(codebook, str(row.code)):
            add_coding(
                store, str(row.doc_id), int(row.start_char), int(row.end_char), parent, coder="gold"
            )
    return len(codings)


def evaluate_parts(
    store: ProjectStore, system: str, parts: dict[str, str]
) -> dict[str, pd.DataFrame]:
    """Part -> :func:`evaluate` of ``system`` against ``gold`` on that part's documents."""
    docs = store.documents()
    doc_ids = dict(zip(docs["path"], docs["doc_id"], strict=True))
    return {
        part: evaluate(
            store,
            gold="gold",
            system=system,
            level="segment",
            documents=[doc_ids[p] for p, q in parts.items() if q == part],
        )
        for part in PARTS
    }


def run(codebook: Codebook, workdir: Path) -> tuple[str, dict[str, pd.DataFrame], dict[str, int]]:
    """Ingest the sample, rule-code it with ``codebook``, import the gold; return the
    rule coder's name, the evaluation per part and the number of segments the rules
    code per part (the interviewer's turns left out)."""
    store = ProjectStore(workdir / "sample.sokwal")
    try:
        ingest(store, SAMPLE)
        paths = [p for p in store.documents()["path"] if p in gold_parts()]
        parts = split(paths)
        if parts != gold_parts():
            raise ValueError(f"{GOLD}: its part column is not the seeded split {parts}")
        system = code_store(store, codebook, progress=False).coder
        import_gold(store, codebook)
        segments = store.segments(with_metadata=True)
        segments = segments[segments["role"] != "interviewer"]
        n_segments = {part: int((segments["path"].map(parts) == part).sum()) for part in PARTS}
        return system, evaluate_parts(store, system, parts), n_segments
    finally:
        store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codebook", type=Path, default=None, help="default: the shipped one")
    parser.add_argument("--json", action="store_true", help="one JSON object per part")
    args = parser.parse_args(argv)
    codebook = load_codebook(args.codebook) if args.codebook else load_codebook()
    with tempfile.TemporaryDirectory() as tmp:
        system, results, n_segments = run(codebook, Path(tmp))
    columns = ["code", "n_gold", "n_system", "tp", "precision", "recall", "f1"]
    for part, frame in results.items():
        if args.json:
            print(
                json.dumps(
                    {"part": part, "coder": system, "rows": frame[columns].to_dict("records")}
                )
            )
            continue
        print(f"\n{part} ({system}, {n_segments[part]} segments):")
        print(frame[columns].to_string(index=False, float_format=lambda x: f"{x:.2f}"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
