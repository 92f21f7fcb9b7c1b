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

``--review-loop [--seed N]`` measures the review loop instead: in one store per dev set
the rules propose and a simulated researcher reviews through the review functions (a
proposal that overlaps a gold sentence is confirmed, retyped to the gold's type when they
differ; any other rejected; gold sentences no confirmed lesson covers are added by hand);
the suggestion model's threshold is chosen by leave-one-set-out cross-validation on the
dev sets (the highest recall of rules and suggestions at precision >= 0.80; and the best
F1 of the suggestions alone as a second, recall-minded threshold); the model trained on
all dev sets is then scored on the held-out set: the rules alone, the suggestions alone,
and both (scores only). It prints, for the current model (``after``) and the earlier one
(``before``: the code suggester on the reviewed lessons' texts), the cross-validated
figures per left-out set and pooled, the threshold sweep, the held-out scores and the
training and prediction seconds. It never trains on the held-out set.

    .venv/bin/python bench/lessons.py
    .venv/bin/python bench/lessons.py --misses dev5
    .venv/bin/python bench/lessons.py --review-loop --seed 0
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

import numpy as np
import pandas as pd

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.coding.suggestions import NotEnoughExamplesError
from sokwal_monitor.lessons import (
    LESSON_TYPES,
    LessonSuggester,
    add_lesson,
    apply_review_table,
    evidence_sentences,
    find_lessons,
    lessons,
    suggest_lessons,
    train_lesson_model,
)
from sokwal_monitor.lessons.patterns import classify
from sokwal_monitor.lessons.review import LessonReviewError

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


# -- the review loop: simulated reviews on dev, suggestions on new text --------------------

#: The sets the review loop may train on: never ``heldout``.
DEV_SETS = ("dev", "dev2", "dev3", "dev4", "dev5")
#: The simulated researcher.
REVIEWER = "onderzoeker"
#: The thresholds tried in cross-validation.
THRESHOLDS = tuple(round(0.05 * i, 2) for i in range(1, 20))
#: What the threshold is chosen for: the highest recall (rules and suggestions together,
#: any type, pooled over the left-out dev sets) at this precision or more.
MIN_PRECISION = 0.80


def simulate_review(store: ProjectStore, gold: list[dict[str, Any]]) -> dict[str, int]:
    """Review the rules' proposals as a researcher who knows the gold would, through the
    review functions (real ``lesson_reviews`` rows): a proposal that overlaps a gold
    sentence is confirmed (its type edited to the gold's when they differ), any other
    rejected; each gold sentence no confirmed lesson covers is added by hand. Proposals
    in a set's README are left alone (it is not one of its documents)."""
    table = lessons(store)
    table = table[table["origin"] == "rule"]
    rows = []
    for r in table.itertuples(index=False):
        if r.path == NOT_A_DOCUMENT:
            continue
        span = {"doc_id": r.doc_id, "start": r.start_char, "end": r.end_char}
        kinds = [g["type"] for g in gold if _overlap(g, span)]
        rows.append({"lesson_id": r.lesson_id, "decision": "ja" if kinds else "nee",
                     "new_type": "" if not kinds or r.type in kinds else kinds[0]})  # fmt: skip
    result = apply_review_table(store, pd.DataFrame(rows, columns=["lesson_id", "decision",
                                "new_type"]), REVIEWER)  # fmt: skip
    added = 0
    for g in gold:
        confirmed = lessons(store, status="confirmed")
        if any(_overlap(g, {"doc_id": c.doc_id, "start": c.start_char, "end": c.end_char})
               for c in confirmed.itertuples(index=False)):  # fmt: skip
            continue
        try:
            add_lesson(store, g["doc_id"], g["start"], g["end"], g["type"], REVIEWER)
            added += 1
        except LessonReviewError:  # the same sentence span twice in the gold
            pass
    return {"confirmed": result.confirmed, "rejected": result.rejected,
            "type_edited": result.edited, "added_by_hand": added}  # fmt: skip


def reviewed_store(
    name: str, workdir: Path
) -> tuple[Path, list[dict[str, Any]], dict[str, int], _Candidates]:
    """A store of dev set ``name`` with the rules' proposals reviewed by
    :func:`simulate_review`: its path, gold, review counts and candidates (read before
    the review, so the rules' types are their own). Refuses ``heldout``."""
    if name not in DEV_SETS:
        raise ValueError(f"the review loop trains on the dev sets only ({', '.join(DEV_SETS)}),"
                         f" not {name!r}")  # fmt: skip
    data, gold_csv = SETS[name]
    path = workdir / f"{name}.sokwal"
    ingest(path, data)
    with ProjectStore(path) as store:
        find_lessons(store)
    candidates = _Candidates(path)
    with ProjectStore(path) as store:
        gold = read_gold(store, gold_csv)
        counts = simulate_review(store, gold)
    return path, gold, counts, candidates


class _Candidates:
    """A set's evidence sentences (not in its README) with the rules' lessons and types:
    what the model's suggestions are scored on."""

    def __init__(self, path: Path) -> None:
        with ProjectStore(path) as store:
            sents = evidence_sentences(store)
            rules = lessons(store)
        rules = rules[rules["origin"] == "rule"]
        self.sentences = sents[sents["path"] != NOT_A_DOCUMENT].reset_index(drop=True)
        self.rules = [
            {"doc_id": r.doc_id, "start": r.start_char, "end": r.end_char, "type": r.type}
            for r in rules.itertuples(index=False) if r.path != NOT_A_DOCUMENT
        ]  # fmt: skip
        spans = [{"doc_id": d, "start": s, "end": e} for d, s, e in zip(
            self.sentences["doc_id"], self.sentences["start_char"], self.sentences["end_char"],
            strict=True)]  # fmt: skip
        self.spans = spans
        self.free = np.array([not any(_overlap(r, sp) for r in self.rules) for sp in spans])
        self.rule_type = [
            (lambda hit: hit[0] if hit else "")(classify(
                s.text, report=bool(s.report), lessons_section=bool(s.lessons_section),
                spoken=bool(s.spoken), question=str(s.question) or None))
            for s in self.sentences.itertuples(index=False)
        ]  # fmt: skip

    def predict(self, model: Any) -> tuple[np.ndarray, np.ndarray]:
        if self.sentences.empty:
            return np.zeros(0), np.zeros(0, dtype=object)
        return model.predict_proba(self.sentences)[:, 1], model.predict_type(self.sentences)

    def scored(
        self, gold: list[dict[str, Any]], proba: np.ndarray, kinds: np.ndarray, t: float
    ) -> dict[str, Any]:
        """Rules alone, model alone and rules with the suggestions at threshold ``t``."""
        above = proba >= t
        model = [{**sp, "type": k} for sp, k, a in zip(self.spans, kinds, above, strict=True)
                 if a]  # fmt: skip
        extra = [
            {**sp, "type": rt or k}
            for sp, k, rt, a, f in zip(
                self.spans, kinds, self.rule_type, above, self.free, strict=True
            )
            if a and f
        ]
        return {"rules": score(gold, self.rules), "model": score(gold, model),
                "rules+model": score(gold, self.rules + extra)}  # fmt: skip


def _pool(scores: list[dict[str, Any]]) -> dict[str, Any]:
    """Sum per-set scores (of :func:`score`) and recompute precision and recall."""
    out: dict[str, Any] = {}
    for kind in scores[0]:
        tot = {k: sum(s[kind][k] for s in scores) for k in ("gold", "found", "tp_gold",
                                                             "tp_found")}  # fmt: skip
        found, gold = tot["found"], tot["gold"]
        out[kind] = {**tot, "precision": round(tot["tp_found"] / found, 3) if found else None,
                     "recall": round(tot["tp_gold"] / gold, 3) if gold else None}  # fmt: skip
    return out


def _choose(pooled: dict[float, dict[str, Any]]) -> float:
    """The threshold with the highest pooled recall (rules and suggestions, any type) at
    precision >= MIN_PRECISION (ties: the higher threshold); else the best F1."""

    def pr(t: float) -> tuple[float, float]:
        s = pooled[t]["rules+model"]["any"]
        return s["precision"] or 0.0, s["recall"] or 0.0

    ok = [t for t in pooled if pr(t)[0] >= MIN_PRECISION]
    if ok:
        return max(ok, key=lambda t: (pr(t)[1], t))
    return max(pooled, key=lambda t: (2 * pr(t)[0] * pr(t)[1] / max(sum(pr(t)), 1e-9), t))


def _choose_model_f1(pooled: dict[float, dict[str, Any]]) -> float:
    """The threshold with the best pooled F1 of the suggestions alone (any type)."""

    def f1(t: float) -> float:
        s = pooled[t]["model"]["any"]
        p, r = s["precision"] or 0.0, s["recall"] or 0.0
        return 2 * p * r / (p + r) if p + r else 0.0

    return max(pooled, key=lambda t: (f1(t), t))


class _BeforeModel:
    """The suggestion model as it was before the review-loop round: the code suggester
    (lemma TF-IDF without function words) on the reviewed lessons' texts, confirmed
    against rejected; a suggestion's type the type confirmed most."""

    def __init__(self, paths: list[Path], seed: int) -> None:
        from sokwal_monitor.coding.suggestions import CodeSuggester

        frames = []
        for path in paths:
            with ProjectStore(path) as store:
                frames.append(store.lessons(status=["confirmed", "rejected"]))
        reviewed = pd.concat(frames, ignore_index=True)
        y = (reviewed["status"] == "confirmed").astype(int).to_numpy()
        self.model = CodeSuggester(random_state=seed).fit(
            list(reviewed["text"]), pd.DataFrame({"lesson": y})
        )
        self.usual = reviewed[y == 1]["type"].value_counts().index[0]

    def predict_proba(self, frame: pd.DataFrame) -> np.ndarray:
        p = self.model.predict_proba(list(frame["text"]))[:, 0]
        return np.column_stack([1 - p, p])

    def predict_type(self, frame: pd.DataFrame) -> np.ndarray:
        return np.array([self.usual] * len(frame), dtype=object)


def review_loop(
    seed: int = 0,
    workdir: Path | None = None,
    train: tuple[str, ...] = DEV_SETS,
    test: str | None = "heldout",
    before: bool = True,
) -> dict[str, Any]:
    """Simulate the review loop: review the rules' proposals on each set of ``train``
    (dev sets only), choose the threshold by leave-one-set-out cross-validation on them,
    train on all of them and score rules, suggestions and both on ``test``. With
    ``before`` the earlier model is measured the same way."""
    bad = [name for name in train if name not in DEV_SETS]
    if bad or not train:
        raise ValueError(f"the review loop trains on the dev sets only ({', '.join(DEV_SETS)});"
                         f" refused: {', '.join(bad) or 'no set'}")  # fmt: skip
    work = workdir or Path(tempfile.mkdtemp())
    work.mkdir(parents=True, exist_ok=True)
    stores, golds, reviews, cands = {}, {}, {}, {}
    for name in train:
        stores[name], golds[name], reviews[name], cands[name] = reviewed_store(name, work)
    out: dict[str, Any] = {"seed": seed, "train": list(train), "reviews": reviews}
    variants: dict[str, Any] = {
        "after": lambda paths: train_lesson_model(paths, REVIEWER, random_state=seed)
    }
    if before:
        variants["before"] = lambda paths: _BeforeModel(paths, seed)
    test_cands = test_gold = test_path = None
    if test is not None:
        data, gold_csv = SETS[test]
        test_path = work / f"{test}.sokwal"
        ingest(test_path, data)
        with ProjectStore(test_path) as store:
            find_lessons(store)
            test_gold = read_gold(store, gold_csv)
        test_cands = _Candidates(test_path)
    for variant, make in variants.items():
        try:
            out[variant] = _measure(make, train, stores, golds, cands, test_cands, test_gold,
                                    test, test_path)  # fmt: skip
        except NotEnoughExamplesError as err:
            out[variant] = {"refused": str(err)}
    return out


def _measure(
    make: Any,
    train: tuple[str, ...],
    stores: dict[str, Path],
    golds: dict[str, list[dict[str, Any]]],
    cands: dict[str, _Candidates],
    test_cands: _Candidates | None,
    test_gold: list[dict[str, Any]] | None,
    test: str | None,
    test_path: Path | None = None,
) -> dict[str, Any]:
    """Cross-validate one model variant over ``train`` and score it on ``test``."""
    folds: dict[str, Any] = {}
    if len(train) > 1:
        for name in train:
            model = make([stores[n] for n in train if n != name])
            folds[name] = cands[name].predict(model)
        pooled = {t: {k: _pool([cands[n].scored(golds[n], *folds[n], t)[k] for n in train])
                      for k in ("rules", "model", "rules+model")} for t in THRESHOLDS}  # fmt: skip
        chosen, best_f1 = _choose(pooled), _choose_model_f1(pooled)
        cv = {"threshold": chosen, "pooled": pooled[chosen],
              "threshold_model_f1": best_f1, "pooled_at_model_f1": pooled[best_f1],
              "sweep": {str(t): {k: {m: pooled[t][k]["any"][m] for m in ("precision", "recall")}
                                 for k in ("model", "rules+model")} for t in THRESHOLDS},
              "folds": {n: {k: v["any"] for k, v in cands[n].scored(golds[n], *folds[n],
                                                                    chosen).items()}
                        for n in train}}  # fmt: skip
    else:
        chosen = best_f1 = 0.5
        cv = {"threshold": chosen, "note": "one training set: no cross-validation"}
    result: dict[str, Any] = {"cv": cv}
    if test_cands is not None and test_gold is not None:
        start = time.perf_counter()
        model = make([stores[n] for n in train])
        trained = time.perf_counter() - start
        start = time.perf_counter()
        proba, kinds = test_cands.predict(model)
        predicted = time.perf_counter() - start
        result["test"] = {"set": test, "threshold": chosen,
                          **test_cands.scored(test_gold, proba, kinds, chosen),
                          "seconds": {"train": round(trained, 2),
                                      "predict": round(predicted, 2),
                                      "sentences": len(test_cands.sentences)}}  # fmt: skip
        if isinstance(model, LessonSuggester) and test_path is not None:
            # the same through the store: what a researcher gets from suggest_lessons
            with ProjectStore(test_path) as store:
                report = suggest_lessons(store, REVIEWER, model=model, threshold=chosen)
                table = lessons(store)
            written = [{"doc_id": r.doc_id, "start": r.start_char, "end": r.end_char,
                        "type": r.type} for r in table.itertuples(index=False)
                       if r.path != NOT_A_DOCUMENT]  # fmt: skip
            result["test"]["suggest_lessons"] = {"proposed": report.n_proposed,
                                                 **score(test_gold, written)["any"]}  # fmt: skip
        at_f1 = test_cands.scored(test_gold, proba, kinds, best_f1)
        result["test_at_model_f1"] = {"set": test, "threshold": best_f1, **at_f1}
    return result


def main(argv: list[str]) -> int:
    if argv[:1] == ["--review-loop"]:
        rest = argv[1:]
        seed = 0
        if rest[:1] == ["--seed"] and len(rest) == 2 and rest[1].isdigit():
            seed = int(rest[1])
        elif rest:
            print("error: usage: lessons.py --review-loop [--seed N]", file=sys.stderr)
            return 2
        json.dump(review_loop(seed), sys.stdout, indent=1)
        print()
        return 0
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
              f"[--misses {'|'.join(MISSES_ALLOWED)} | --review-loop [--seed N]]",
              file=sys.stderr)  # fmt: skip
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
