"""The units :func:`~sokwal_monitor.reliability.agreement` compares, built from a store at
document, segment or character (span) level, and which coders coded each of them."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from ..store import ProjectStore


def _coded_by_all(frame: pd.DataFrame, coders: list[str]) -> set[str]:
    """The documents in which every coder made at least one coding (of any code)."""
    per_coder = [set(frame.loc[frame["coder"] == name, "doc_id"]) for name in coders]
    return set.intersection(*per_coder)


def _compared_segments(
    store: ProjectStore,
    frame: pd.DataFrame,
    coders: list[str],
    interviewer: bool,
    *,
    with_metadata: bool = False,
) -> pd.DataFrame:
    """The segments compared at segment level: those of the documents every coder coded,
    interviewer turns only with ``interviewer``."""
    shared = _coded_by_all(frame, coders)
    segments = store.segments(with_metadata=with_metadata)
    segments = segments[segments["doc_id"].isin(shared)]
    if not interviewer:
        segments = segments[segments["role"] != "interviewer"]
    return segments


@dataclass
class _Units:
    """The units compared at one level, and how codings mark them."""

    n: int
    clusters: np.ndarray  # the resampling cluster of each unit (itself, or its segment)
    marks: Callable[[pd.DataFrame], np.ndarray]  # bit i set: coder i coded the unit
    lengths: dict[str, int]  # span level: the documents (continua) and their lengths


def _keyed_units(keys: pd.Index, key_column: str) -> _Units:
    def marks(rows: pd.DataFrame) -> np.ndarray:
        out = np.zeros(len(keys), dtype=np.int64)
        pos = keys.get_indexer(rows[key_column])
        hit = pos >= 0
        np.bitwise_or.at(out, pos[hit], np.left_shift(1, rows["_bit"].to_numpy()[hit]))
        return out

    return _Units(len(keys), np.arange(len(keys)), marks, {})


def _span_units(lengths: dict[str, int], segments: pd.DataFrame) -> _Units:
    docs = list(lengths)
    sizes = np.asarray([lengths[d] for d in docs], dtype=np.int64)
    base = dict(zip(docs, np.concatenate([[0], np.cumsum(sizes)[:-1]]).tolist(), strict=True))
    total = int(sizes.sum())
    # resampling clusters: the characters of one segment together; the characters outside
    # every segment (labels, titles) of a document together
    clusters = np.repeat(np.arange(len(docs)), sizes)
    for number, (doc, start, end) in enumerate(
        zip(segments["doc_id"], segments["start_char"], segments["end_char"], strict=True)
    ):
        clusters[base[doc] + int(start) : base[doc] + int(end)] = len(docs) + number

    def marks(rows: pd.DataFrame) -> np.ndarray:
        out = np.zeros(total, dtype=np.int64)
        rows = rows[rows["doc_id"].isin(docs)]
        offset = rows["doc_id"].map(base).to_numpy(dtype=np.int64)
        starts = offset + rows["start_char"].to_numpy(dtype=np.int64)
        ends = offset + rows["end_char"].to_numpy(dtype=np.int64)
        bits = rows["_bit"].to_numpy()
        for bit in np.unique(bits):
            step = np.zeros(total + 1, dtype=np.int64)
            np.add.at(step, starts[bits == bit], 1)
            np.add.at(step, ends[bits == bit], -1)
            out |= (np.cumsum(step[:-1]) > 0).astype(np.int64) << int(bit)
        return out

    return _Units(total, clusters, marks, dict(lengths))


def _units(
    store: ProjectStore,
    frame: pd.DataFrame,
    coders: list[str],
    level: str,
    include_uncoded: bool,
    interviewer: bool,
    projects: set[str] | None = None,
) -> _Units:
    documents = store.documents()
    if projects is not None:
        documents = documents[documents["project_id"].isin(projects)]
    if level == "document":
        if include_uncoded:
            docs = documents.loc[documents["kind"] != "survey", "doc_id"]
        else:
            docs = documents.loc[documents["doc_id"].isin(set(frame["doc_id"])), "doc_id"]
        return _keyed_units(pd.Index(docs.astype(str)), "doc_id")
    if level == "segment":
        segments = _compared_segments(store, frame, coders, interviewer)
        return _keyed_units(pd.Index(segments["segment_id"].astype(str)), "segment_id")
    shared = _coded_by_all(frame, coders)
    in_shared = documents[documents["doc_id"].isin(shared)]
    segments = store.segments()
    return _span_units(
        {str(d): int(n) for d, n in zip(in_shared["doc_id"], in_shared["n_chars"], strict=True)},
        segments[segments["doc_id"].isin(shared)],
    )
