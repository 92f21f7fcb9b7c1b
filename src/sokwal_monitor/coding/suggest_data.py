"""Training data for the suggestion model from a store: the segments of the documents
a coder has coded and their 0/1 code table.

A segment *has* a code for a coder when one of the coder's codings of it starts in the
segment; a segment left uncoded in those documents counts as "none of the codes".
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from ..model import evidence_mask
from ..store import ProjectStore

__all__ = ["training_data"]


def _segments(store: ProjectStore) -> pd.DataFrame:
    """Segments in scope (current text documents, respondent or unlabelled turns)."""
    seg = store.segments(with_metadata=True)
    seg = seg[(seg["kind"] != "survey") & evidence_mask(seg)]
    return seg[seg["text"].str.strip() != ""].reset_index(drop=True)


def _coded(store: ProjectStore, coder: str) -> pd.DataFrame:
    """``coder``'s codings; a :class:`CodingError` naming the store's coders if none."""
    codings = store.codings(coder=coder)
    if codings.empty:
        store.check_coder(coder, store.coders())
    return codings


def training_data(
    store: ProjectStore, coder: str, *, codes: Sequence[str] | None = None
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The segments of the documents ``coder`` has coded, and their 0/1 code table.

    Returns ``(segments, labels)``: the segments (``segment_id, doc_id, text, ...``)
    and a DataFrame with one column per code (``codes``, default every code the coder
    used), aligned row by row. Segments the coder left uncoded in those documents count
    as having none of the codes.

    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "P01_w1.txt").write_text("We leerden veel.\\n\\nDe gemeente betaalde.\\n")
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> first = store.segments()["segment_id"].iloc[0]
    >>> _ = code_segment(store, first, "leren", coder="anna")
    >>> segments, labels = training_data(store, "anna")
    >>> labels["leren"].tolist()
    [1, 0]
    """
    codings = _coded(store, coder)
    codings = codings[codings["segment_id"].notna()]
    wanted = sorted(codings["code"].unique()) if codes is None else list(codes)
    seg = _segments(store)
    seg = seg[seg["doc_id"].isin(set(codings["doc_id"]))].reset_index(drop=True)
    has = set(zip(codings["segment_id"], codings["code"], strict=True))
    labels = pd.DataFrame(
        {code: [int((sid, code) in has) for sid in seg["segment_id"]] for code in wanted},
        index=seg.index,
        dtype=int,
    )
    return seg, labels
