"""What counts and what carries a code: the counted segments of a store, the codes or
topics each of them carries, the per-document counts of one wave, and example segments.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from ..model import evidence_mask
from ..store import ProjectStore

#: Segment roles that count: respondent turns and paragraphs of reports (role "").


def _units(store: ProjectStore, codings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The counted segments (with metadata) and which of them carry which code.

    Returns ``segments`` (``segment_id, doc_id, project_id, wave, path, position``) and
    ``carried`` (``segment_id, code, coverage``: one row per segment and code).
    """
    segs = store.segments(with_metadata=True)
    keep = (
        evidence_mask(segs)
        & segs["project_id"].notna()
        & segs["wave"].notna()
        & (segs["wave"].astype(str).str.strip() != "")
    )
    segs = segs.loc[keep].reset_index(drop=True)
    segs["wave"] = segs["wave"].astype(str)
    coded = codings[codings["segment_id"].isin(segs["segment_id"])]
    bounds = segs[["segment_id", "start_char", "end_char"]].rename(
        columns={"start_char": "start_char_seg", "end_char": "end_char_seg"}
    )
    coded = coded.merge(bounds, on="segment_id", how="inner")
    length = (coded["end_char_seg"] - coded["start_char_seg"]).clip(lower=1)
    overlap = np.minimum(coded["end_char"], coded["end_char_seg"]) - np.maximum(
        coded["start_char"], coded["start_char_seg"]
    )
    coded = coded.assign(coverage=(overlap.clip(lower=0) / length).astype("float64"))
    carried = coded.groupby(["segment_id", "code"], as_index=False, sort=False)["coverage"].max()
    columns = ["segment_id", "doc_id", "project_id", "wave", "path", "position"]
    return segs[columns], carried


def _topics_carried(store: ProjectStore, segs: pd.DataFrame) -> pd.DataFrame:
    """The last topic model's assignments as ``segment_id, code (= topic label),
    coverage (= probability)``, outliers (-1) left out; a segment split into sentences
    carries each of its sentences' topics."""
    from ..topics import topics_table  # local: topics only when asked

    topics = topics_table(store)
    if topics.empty:
        raise ValueError(
            f"there are no topics in {store.path}: fit them first (sokwal topics --store ...)"
        )
    topics = topics[(topics["topic"] >= 0) & topics["segment_id"].isin(segs["segment_id"])]
    carried = topics.rename(columns={"label": "code", "probability": "coverage"})
    carried = carried[["segment_id", "code", "coverage"]].astype({"coverage": "float64"})
    return carried.groupby(["segment_id", "code"], as_index=False, sort=False)["coverage"].max()


def _wave_data(
    segs: pd.DataFrame, carried: pd.DataFrame, codes: list[str], unit: str
) -> tuple[np.ndarray, np.ndarray]:
    """Per document of one wave: units ``n`` (D,) and units carrying each code ``k`` (D, C).

    With ``unit="documents"`` each document is one unit (``n`` = 1, ``k`` = 0 or 1).
    """
    docs = list(dict.fromkeys(segs["doc_id"]))  # document order (path, position)
    n = segs.groupby("doc_id", sort=False).size().reindex(docs).to_numpy(dtype=np.int64)
    mine = carried[carried["segment_id"].isin(segs["segment_id"])]
    mine = mine.merge(segs[["segment_id", "doc_id"]], on="segment_id")
    k = (
        mine.groupby(["doc_id", "code"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=docs, columns=codes, fill_value=0)
        .to_numpy(dtype=np.int64)
    )
    if unit == "documents":
        n = np.ones(len(docs), dtype=np.int64)
        k = (k > 0).astype(np.int64)
    return n, k


def _examples(segs: pd.DataFrame, carried: pd.DataFrame, code: str, limit: int) -> list[str]:
    """Up to ``limit`` segments of ``segs`` carrying ``code``: best covered first, then in
    document order."""
    if limit == 0:
        return []
    mine = carried[(carried["code"] == code) & carried["segment_id"].isin(segs["segment_id"])]
    mine = mine.merge(segs[["segment_id", "path", "position"]], on="segment_id")
    mine = mine.sort_values(
        ["coverage", "path", "position"], ascending=[False, True, True], kind="mergesort"
    )
    return [str(s) for s in mine["segment_id"].head(limit)]
