"""Writing model suggestions: :func:`suggest` trains on a coder's codings and writes
the most probable codes of the segments the coder has not coded as ``origin="model"``
codings; :func:`uncertainty_order` ranks segments "uncertain first"."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from ..._version import __version__
from ...store import ProjectStore
from .data import _coded, _segments, training_data
from .suggester import CodeSuggester, NotEnoughExamplesError, _learnable

__all__ = ["SuggestReport", "suggest", "uncertainty_order"]


@dataclass
class SuggestReport:
    """What :func:`suggest` did: the model's coder name, the training set, the codes
    it learned and those it left out (code -> segments with it), and ``table`` with
    every probability (``segment_id, doc_id, code, probability, rank, written``)."""

    coder: str
    model: CodeSuggester
    n_training_segments: int
    codes: list[str]
    skipped: dict[str, int] = field(default_factory=dict)
    n_written: int = 0
    n_replaced: int = 0
    table: pd.DataFrame = field(default_factory=pd.DataFrame)

    def summary(self) -> str:
        """One line for the terminal."""
        left = ""
        if self.skipped:
            left = "; too few examples for " + ", ".join(
                f"{c} ({n})" for c, n in sorted(self.skipped.items())
            )
        return (
            f"{self.coder}: learned {len(self.codes)} codes from {self.n_training_segments}"
            f" segments; {self.n_written} suggestions written"
            f" ({self.n_replaced} earlier ones replaced){left}"
        )


def suggest(
    store: ProjectStore,
    coder: str,
    *,
    top_k: int = 3,
    min_probability: float = 0.3,
    embedding: str | None = None,
    min_examples: int = 5,
    write: bool = True,
    random_state: int = 0,
) -> SuggestReport:
    """Learn ``coder``'s codes and suggest them for every segment the coder has not
    coded; write the suggestions as ``origin="model"`` codings.

    Per segment at most ``top_k`` codes with probability at least ``min_probability``
    are written, each over the whole segment with ``score`` = probability and
    ``pattern`` saying what model, trained on what. The coder name is
    ``model:<features>-<coder>@<version>`` (``features`` ``tfidf`` or ``tfidf+e5``;
    ``version`` a fingerprint of the training codings, the settings and the
    sokwal-monitor version): a re-run replaces the earlier suggestions of the same
    features and coder. The same codings and settings give the same suggestions.

    Raises :class:`NotEnoughExamplesError` when no code has ``min_examples`` segments
    with it and without it.
    """
    from ..base import CodingRun, coding_id

    segments, labels = training_data(store, coder)
    counts = labels.sum(axis=0)
    enough = _learnable(labels, min_examples)
    skipped = {c: int(counts[c]) for c in labels.columns if c not in enough}
    if not enough:
        raise NotEnoughExamplesError(
            store.path,
            f"too few segments coded by {coder!r} to learn any code"
            f" ({', '.join(f'{c}: {n}' for c, n in sorted(skipped.items()))})",
            f"each code needs at least {min_examples} segments with it and {min_examples}"
            " without it in the documents the coder has coded",
        )
    model = CodeSuggester(embedding=embedding, min_examples=min_examples, random_state=random_state)
    model.fit(segments["text"].tolist(), labels[enough])
    features = "tfidf" if embedding is None else f"tfidf+{embedding}"
    codings = _coded(store, coder)
    fingerprint = json.dumps(
        {
            "codings": sorted(codings["coding_id"]),
            "params": model.get_params(),
            "version": __version__,
        },
        sort_keys=True,
    )
    name = f"model:{features}-{coder}@{hashlib.sha256(fingerprint.encode()).hexdigest()[:8]}"

    coded_segments = set(codings["segment_id"].dropna())
    todo = _segments(store)
    todo = todo[~todo["segment_id"].isin(coded_segments)].reset_index(drop=True)
    proba = model.predict_proba(todo["text"].tolist())
    table = _probability_table(todo, model.classes_, proba)
    table["written"] = (table["rank"] <= top_k) & (table["probability"] >= min_probability)
    report = SuggestReport(name, model, len(segments), enough, skipped, table=table)
    if not write:
        return report
    what = (
        f"model: {features} + calibrated logistic regression, trained on"
        f" {len(segments)} segments coded by {coder} (sokwal-monitor {__version__})"
    )
    options = {"trained_on": coder, "top_k": top_k, "min_probability": min_probability,
               "features": features}  # fmt: skip
    spans = todo.set_index("segment_id")[["doc_id", "position", "start_char", "end_char"]]
    prefix = f"model:{features}-{coder}@"
    with CodingRun(store, coder=name, origin="model", options=options) as run:
        run.remove(origin="model", coder_prefix=prefix)
        rows = []
        for r in table[table["written"]].itertuples():
            doc_id, position, start, end = spans.loc[r.segment_id]
            rows.append(
                (coding_id(doc_id, int(start), int(end), r.code, name), doc_id, int(position),
                 int(start), int(end), r.code, name, "model", float(r.probability), "", what)
            )  # fmt: skip
        run.add_rows(rows)
    report.n_written, report.n_replaced = run.n_added, run.n_removed
    return report


def _probability_table(
    segments: pd.DataFrame, codes: np.ndarray, proba: np.ndarray
) -> pd.DataFrame:
    """Long table: one row per segment and code, ranked within the segment."""
    n, k = proba.shape
    table = pd.DataFrame(
        {
            "segment_id": np.repeat(segments["segment_id"].to_numpy(), k),
            "doc_id": np.repeat(segments["doc_id"].to_numpy(), k),
            "code": np.tile(codes.astype(str), n),
            "probability": proba.reshape(-1),
        }
    )
    table["rank"] = (
        table.groupby("segment_id", sort=False)["probability"]
        .rank(method="first", ascending=False)
        .astype(int)
    )
    return table.sort_values(["segment_id", "rank"], kind="stable").reset_index(drop=True)


def uncertainty_order(
    source: ProjectStore | pd.DataFrame, coder: str | None = None
) -> pd.DataFrame:
    """Segments ordered "uncertain first": ``segment_id, uncertainty, code, probability``.

    ``uncertainty`` is ``1 - |2p - 1|`` of the code whose probability is nearest 0.5
    (1: the model cannot tell; 0: it is sure), ``code``/``probability`` that code.
    ``source`` is the ``table`` of a :class:`SuggestReport` (every probability), or a
    store, whose model codings of ``coder``'s model are used (segments without any
    suggestion are left out: the model was sure they have none of the codes).

    >>> table = pd.DataFrame({"segment_id": ["a", "a", "b", "b"], "code": ["x", "y"] * 2,
    ...                       "probability": [0.9, 0.1, 0.55, 0.2]})
    >>> uncertainty_order(table)[["segment_id", "code"]].values.tolist()
    [['b', 'x'], ['a', 'x']]
    """
    if isinstance(source, ProjectStore):
        if coder is None:
            raise ValueError("give the coder whose model's suggestions to order")
        codings = source.codings(origin="model")
        mine = codings[codings["coder"].str.contains(f"-{coder}@", regex=False)]
        table = mine.rename(columns={"score": "probability"})
    else:
        table = source
    if table.empty:
        return pd.DataFrame(columns=["segment_id", "uncertainty", "code", "probability"])
    table = table[["segment_id", "code", "probability"]].copy()
    table["uncertainty"] = 1 - (2 * table["probability"] - 1).abs()
    best = table.sort_values(
        ["segment_id", "uncertainty", "code"], ascending=[True, False, True], kind="stable"
    ).drop_duplicates("segment_id")
    best = best.sort_values(["uncertainty", "segment_id"], ascending=[False, True])
    return best[["segment_id", "uncertainty", "code", "probability"]].reset_index(drop=True)
