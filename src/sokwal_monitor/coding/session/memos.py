"""Segment memos: a coder's memo on a segment, kept as a document memo.

A memo on a segment is a *document* memo (``store.memos()``) written by the coder,
whose text starts with ``[segment <segment_id>]``: one per coder and segment, edited in
place (:meth:`~sokwal_monitor.coding.session.CodingSession.set_memo`).
:func:`segment_memos` lists them.
"""

from __future__ import annotations

import pandas as pd

from ...store import ProjectStore

__all__ = ["segment_memos"]


def _memo_prefix(segment_id: str) -> str:
    return f"[segment {segment_id}] "


def segment_memos(store: ProjectStore, *, coder: str | None = None) -> pd.DataFrame:
    """The memos written on segments (by :meth:`CodingSession.set_memo`), one a row:
    ``segment_id, doc_id, author, text, memo_id, created_at, updated_at``.

    Examples
    --------
    >>> from sokwal_monitor.coding.session import example_session
    >>> session = example_session()
    >>> session.set_memo("Vraag is sturend.")
    >>> memos = segment_memos(session.store)
    >>> memos["segment_id"].tolist() == [session.segment.segment_id]
    True
    >>> memos[["author", "text"]].to_dict("records")
    [{'author': 'anna', 'text': 'Vraag is sturend.'}]
    """
    frame = store.document_memos(like="[segment %] %", author=coder)
    columns = ["segment_id", "doc_id", "author", "text", "memo_id", "created_at", "updated_at"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    head = frame["text"].str.extract(r"^\[segment ([^\]\s]+)\] (.*)$", expand=True)
    frame["segment_id"], frame["text"] = head[0], head[1]
    frame = frame[frame["segment_id"].notna()]
    return frame[columns].reset_index(drop=True)
