"""How well suggestions work: precision, recall and F1 per code by cross-validation
over documents (:func:`cross_validate`), F1 against the number of coded segments
(:func:`learning_curve`), both at once (:func:`evaluate_suggester`), and the curve as a figure
(:func:`plot_learning_curve`). matplotlib is imported only to plot.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from ...store import ProjectStore
from .data import training_data
from .suggester import CodeSuggester, NotEnoughExamplesError, _learnable

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "SuggestEvaluation",
    "cross_validate",
    "evaluate_suggester",
    "learning_curve",
    "plot_learning_curve",
]


def cross_validate(
    store: ProjectStore,
    coder: str,
    *,
    folds: int = 5,
    embedding: str | None = None,
    min_examples: int = 5,
    threshold: float = 0.5,
    random_state: int = 0,
    max_segments: int | None = None,
) -> pd.DataFrame:
    """Cross-validated precision, recall and F1 per code of suggestions for ``coder``.

    Folds split the training segments by document (no document is in training and
    test at once), so the figures say how well the model codes documents it has not
    seen. One row per code that has enough examples, then ``(macro)`` and ``(micro)``.
    Columns: ``code, n_positive, precision, recall, f1, baseline_f1``; the baseline
    always says "no" when fewer than half the segments have the code, else "yes"
    (the majority baseline).
    """
    segments, labels = training_data(store, coder)
    if max_segments is not None and len(segments) > max_segments:
        keep = np.random.default_rng(random_state).choice(len(segments), max_segments, False)
        keep.sort()
        segments, labels = segments.iloc[keep], labels.iloc[keep]
    return _cross_validate(
        segments, labels, folds, embedding, min_examples, threshold, random_state
    )


def _cross_validate(
    segments: pd.DataFrame,
    labels: pd.DataFrame,
    folds: int,
    embedding: str | None,
    min_examples: int,
    threshold: float,
    random_state: int,
) -> pd.DataFrame:
    from sklearn.model_selection import GroupKFold, KFold

    codes = _learnable(labels, min_examples)
    if not codes:
        raise NotEnoughExamplesError(
            None,
            "too few coded segments to evaluate any code",
            f"each code needs at least {min_examples} segments with it and without it",
        )
    y = labels[codes].to_numpy()
    texts = segments["text"].tolist()
    groups = segments["doc_id"].to_numpy()
    n_docs = len(set(groups))
    if n_docs >= folds:
        splits = list(GroupKFold(folds).split(texts, y, groups))
    else:
        splits = list(KFold(folds, shuffle=True, random_state=random_state).split(texts))
    predicted = np.zeros_like(y)
    for train, test in splits:
        train_y = y[train]
        model_codes = [
            j for j in range(len(codes))
            if min(train_y[:, j].sum(), len(train) - train_y[:, j].sum()) >= 2
        ]  # fmt: skip
        if not model_codes:
            continue
        model = CodeSuggester(embedding=embedding, min_examples=2, random_state=random_state).fit(
            [texts[i] for i in train], train_y[:, model_codes]
        )
        pred = model.predict([texts[i] for i in test], threshold=threshold)
        for col, j in enumerate(model_codes):
            predicted[test, j] = pred[:, col]
    rows = []
    for j, code in enumerate(codes):
        rows.append((code, int(y[:, j].sum()), *_prf(y[:, j], predicted[:, j]),
                     _baseline_f1(y[:, j])))  # fmt: skip
    frame = pd.DataFrame(
        rows, columns=["code", "n_positive", "precision", "recall", "f1", "baseline_f1"]
    )
    macro = ("(macro)", int(y.sum()), *frame[["precision", "recall", "f1"]].mean(),
             frame["baseline_f1"].mean())  # fmt: skip
    micro = ("(micro)", int(y.sum()), *_prf(y.reshape(-1), predicted.reshape(-1)),
             _baseline_micro(y))  # fmt: skip
    return pd.concat([frame, pd.DataFrame([macro, micro], columns=frame.columns)],
                     ignore_index=True)  # fmt: skip


def _prf(truth: np.ndarray, pred: np.ndarray) -> tuple[float, float, float]:
    tp = int(((truth == 1) & (pred == 1)).sum())
    fp = int(((truth == 0) & (pred == 1)).sum())
    fn = int(((truth == 1) & (pred == 0)).sum())
    precision = tp / (tp + fp) if tp + fp else float("nan")
    recall = tp / (tp + fn) if tp + fn else float("nan")
    if np.isnan(precision) or np.isnan(recall):
        f1 = 0.0 if tp + fp + fn else float("nan")
    else:
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def _baseline_f1(truth: np.ndarray) -> float:
    majority = np.full_like(truth, int(truth.mean() > 0.5))
    return _prf(truth, majority)[2]


def _baseline_micro(y: np.ndarray) -> float:
    majority = np.column_stack(
        [np.full(len(y), int(y[:, j].mean() > 0.5)) for j in range(y.shape[1])]
    )
    return _prf(y.reshape(-1), majority.reshape(-1))[2]


def learning_curve(
    store: ProjectStore,
    coder: str,
    *,
    sizes: Sequence[float] = (0.2, 0.4, 0.6, 0.8, 1.0),
    folds: int = 5,
    embedding: str | None = None,
    min_examples: int = 5,
    random_state: int = 0,
) -> pd.DataFrame:
    """F1 against the number of coded segments: for each share of the training
    segments (a random subset of whole documents), cross-validated macro and micro F1.

    Columns: ``share, n_segments, n_codings, macro_f1, micro_f1``.
    """
    segments, labels = training_data(store, coder)
    docs = np.array(sorted(segments["doc_id"].unique()))
    order = np.random.default_rng(random_state).permutation(len(docs))
    rows = []
    for share in sizes:
        take = set(docs[order[: max(1, round(share * len(docs)))]])
        mask = segments["doc_id"].isin(take).to_numpy()
        try:
            result = _cross_validate(
                segments[mask], labels[mask], folds, embedding, min_examples, 0.5, random_state
            ).set_index("code")
        except (NotEnoughExamplesError, ValueError):
            continue  # too little to learn from yet: no point on the curve
        rows.append(
            (share, int(mask.sum()), int(labels[mask].to_numpy().sum()),
             float(result.loc["(macro)", "f1"]), float(result.loc["(micro)", "f1"]))
        )  # fmt: skip
    return pd.DataFrame(rows, columns=["share", "n_segments", "n_codings", "macro_f1", "micro_f1"])


@dataclass
class SuggestEvaluation:
    """What :func:`evaluate_suggester` found: ``table`` (cross-validated precision, recall and F1
    per code, see :func:`cross_validate`) and ``curve`` (see :func:`learning_curve`)."""

    table: pd.DataFrame
    curve: pd.DataFrame

    def plot(self, *, ax: Axes | None = None) -> Axes:
        """The learning curve as a figure (:func:`plot_learning_curve`)."""
        return plot_learning_curve(self.curve, ax=ax)


def evaluate_suggester(
    store: ProjectStore,
    coder: str,
    *,
    folds: int = 5,
    embedding: str | None = None,
    min_examples: int = 5,
    sizes: Sequence[float] = (0.2, 0.4, 0.6, 0.8, 1.0),
    random_state: int = 0,
) -> SuggestEvaluation:
    """How well suggestions for ``coder`` work: cross-validated precision, recall and F1
    per code, and the learning curve (F1 against the number of coded segments).

    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for i in range(4):
    ...     _ = (root / f"P0{i}_w1.txt").write_text(
    ...         f"We leerden veel van elkaar ({i}).\\n\\nDe gemeente betaalde de zaal.\\n")
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> for sid in store.segments()["segment_id"][::2]:
    ...     _ = code_segment(store, sid, "leren", coder="anna")
    >>> result = evaluate_suggester(store, "anna", folds=2, min_examples=2, sizes=(1.0,))
    >>> result.table.set_index("code").loc["leren", ["precision", "recall"]].tolist()
    [1.0, 1.0]
    >>> result.curve["n_segments"].tolist()
    [8]
    """
    table = cross_validate(
        store, coder, folds=folds, embedding=embedding, min_examples=min_examples,
        random_state=random_state,
    )  # fmt: skip
    curve = learning_curve(
        store, coder, sizes=sizes, folds=folds, embedding=embedding,
        min_examples=min_examples, random_state=random_state,
    )  # fmt: skip
    return SuggestEvaluation(table, curve)


def plot_learning_curve(curve: pd.DataFrame, *, ax: Axes | None = None) -> Axes:
    """Macro and micro F1 against the number of coded segments."""
    import matplotlib.pyplot as plt

    if ax is None:
        _, ax = plt.subplots(figsize=(6, 4))
    ax.plot(curve["n_segments"], curve["macro_f1"], marker="o", label="macro-F1")
    ax.plot(curve["n_segments"], curve["micro_f1"], marker="s", label="micro-F1")
    ax.set_xlabel("Aantal gecodeerde fragmenten (training)")
    ax.set_ylabel("F1 (kruisvalidatie)")
    ax.set_ylim(0, 1)
    ax.legend()
    return ax
