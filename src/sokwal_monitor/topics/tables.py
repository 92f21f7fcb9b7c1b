"""Tidy tables of a topic fit: topic counts and shares per project and per wave, and the
representative quotes of a topic."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..store import ProjectStore
from .result import INFO_COLUMNS, TopicModelResult, _topic_row
from .text import is_quotable


def _demo() -> tuple[ProjectStore, TopicModelResult]:
    """A two-wave store in a temporary folder and a hand-made result on it (for the
    examples of this module; no model is fitted)."""
    import tempfile

    from ..ingestion import ingest

    root = Path(tempfile.mkdtemp())
    answers = {"2018": ("We koken samen.", "De subsidie stopt."), "2019": ("Wij koken.", "")}
    for wave, (first, second) in answers.items():
        turns = f"I: Wat doet u?\nR: {first}\n" + (f"I: En?\nR: {second}\n" if second else "")
        (root / f"P01_{wave}_interview.txt").write_text(turns, encoding="utf-8")
    store = ProjectStore(root / "demo.sokwal")
    ingest(store, root, progress=False)
    seg = store.segments(role="respondent").reset_index(drop=True)
    table = seg[["segment_id"]].assign(
        topic=[0, 1, 0], label=["koken", "subsidie", "koken"], probability=1.0,
        start_char=seg["start_char"], end_char=seg["end_char"],
    )  # fmt: skip
    info = pd.DataFrame(
        [(0, "koken", 2, ["koken"], [table.at[0, "segment_id"]]),
         (1, "subsidie", 1, ["subsidie"], [table.at[1, "segment_id"]])],
        columns=INFO_COLUMNS,
    )  # fmt: skip
    return store, TopicModelResult(None, table, info)


def _shares(result: TopicModelResult, store: ProjectStore, by: str) -> pd.DataFrame:
    from ..model import wave_sort_key

    seg = store.segments(with_metadata=True)[["segment_id", by]]
    frame = result.topics[["segment_id", "topic", "label"]].merge(seg, on="segment_id")
    frame[by] = frame[by].fillna("")
    counts = frame.groupby([by, "topic", "label"], dropna=False).size().rename("n")
    table = counts.reset_index()
    table["share"] = table["n"] / table.groupby(by)["n"].transform("sum")
    key = table[by].map(wave_sort_key) if by == "wave" else table[by]
    table = table.assign(_k=key).sort_values(["_k", "topic"], key=None).drop(columns="_k")
    return table.reset_index(drop=True)[[by, "topic", "label", "n", "share"]]


def topics_per_project(result: TopicModelResult, store: ProjectStore) -> pd.DataFrame:
    """Topic counts and shares per project: ``project_id, topic, label, n, share``.

    ``share`` is the topic's share of the project's units (outliers included, so the
    shares of a project sum to 1).

    >>> store, result = _demo()
    >>> topics_per_project(result, store).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'project_id': 'P01', 'topic': 0, 'label': 'koken', 'n': 2, 'share': 0.6666666666666666},
     {'project_id': 'P01', 'topic': 1, 'label': 'subsidie', 'n': 1, 'share': 0.3333333333333333}]
    """
    return _shares(result, store, "project_id")


def topics_per_wave(result: TopicModelResult, store: ProjectStore) -> pd.DataFrame:
    """Topic counts and shares per wave: ``wave, topic, label, n, share`` (waves in
    natural order; the shares of a wave sum to 1).

    >>> store, result = _demo()
    >>> topics_per_wave(result, store)[["wave", "label", "n", "share"]].values.tolist()
    [['2018', 'koken', 1, 0.5], ['2018', 'subsidie', 1, 0.5], ['2019', 'koken', 1, 1.0]]
    """
    return _shares(result, store, "wave")


def representative_quotes(
    result: TopicModelResult, store: ProjectStore, topic: int, n: int = 3
) -> pd.DataFrame:
    """The ``n`` most representative units of ``topic``: ``segment_id, path, project_id,
    wave, text`` (the stored, pseudonymized text of the unit), most typical first.

    The fit's representative units come first (nearest the topic's c-TF-IDF vector,
    those that read as a quote before table rows and headings); the rest by probability,
    again quotes (:func:`is_quotable`) first.

    >>> store, result = _demo()
    >>> representative_quotes(result, store, topic=0)[["wave", "text"]].values.tolist()
    [['2018', 'We koken samen.'], ['2019', 'Wij koken.']]
    """
    ids = list(_topic_row(result.info, topic)["representative_segment_ids"])
    units = result.topics[result.topics["topic"] == topic].drop_duplicates("segment_id")
    seg = store.segments(with_metadata=True).set_index("segment_id").loc[units["segment_id"]]
    texts = {doc: store.text(doc) for doc in seg["doc_id"].unique()}
    units = units.assign(
        path=seg["path"].to_numpy(),
        project_id=seg["project_id"].to_numpy(),
        wave=seg["wave"].to_numpy(),
        text=[
            texts[d][s:e]
            for d, s, e in zip(seg["doc_id"], units["start_char"], units["end_char"], strict=True)
        ],
    )
    if len(ids) < n:  # the rest by probability, quotes first
        more = units.assign(_q=~units["text"].map(is_quotable))
        more = more.sort_values(["_q", "probability", "segment_id"], ascending=[True, False, True])
        ids += [s for s in more["segment_id"] if s not in ids]
    order = {s: i for i, s in enumerate(ids[:n])}
    out = units[units["segment_id"].isin(order)]
    out = out.sort_values("segment_id", key=lambda s: s.map(order))
    return out[["segment_id", "path", "project_id", "wave", "text"]].reset_index(drop=True)
