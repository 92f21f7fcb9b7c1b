"""The pane's search box, behind a small adapter.

:func:`search_hits` calls ``sokwal_monitor.analysis.search.search`` (the store's
full-text index, issue 16) when the package has it, and otherwise
:func:`simple_search`, a plain scan of the segments' text that returns the same
table (the contract's ``search hits`` columns).
"""

from __future__ import annotations

import importlib
import re
from typing import Any

import pandas as pd

from ..store import ProjectStore

__all__ = ["HIT_COLUMNS", "search_hits", "simple_search"]

#: The columns of the ``search hits`` table (DESIGN.md).
HIT_COLUMNS = [
    "segment_id",
    "doc_id",
    "start_char",
    "end_char",
    "before",
    "hit",
    "after",
    "project_id",
    "wave",
    "role",
    "score",
]


def search_hits(store: ProjectStore, query: str, **filters: Any) -> pd.DataFrame:
    """Search the store: the full-text search of ``sokwal_monitor.analysis.search``
    when installed, else :func:`simple_search` (same arguments, same columns).

    >>> from sokwal_monitor.coding.session import example_session
    >>> store = example_session().store
    >>> hits = search_hits(store, "mensen")
    >>> hits["hit"].tolist(), hits["before"].iloc[0].endswith("We bereikten veertig ")
    (['mensen'], True)
    """
    try:
        engine = importlib.import_module("sokwal_monitor.analysis.search")
    except ImportError:
        return simple_search(store, query, **filters)
    found: pd.DataFrame = engine.search(store, query, **filters)
    return found


def _pattern(query: str) -> re.Pattern[str] | None:
    """Words in a row (any spacing), ``*`` a wildcard inside a word, case ignored."""
    words = [w for w in re.split(r"\s+", query.strip().strip('"')) if w]
    if not words:
        return None
    parts = [r"\w*".join(re.escape(piece) for piece in w.split("*")) for w in words]
    return re.compile(r"(?<!\w)" + r"\s+".join(parts) + r"(?!\w)", re.IGNORECASE)


def simple_search(
    store: ProjectStore,
    query: str,
    *,
    lemma: bool = False,
    project_id: str | None = None,
    wave: str | None = None,
    role: str | None = None,
    coder: str | None = None,
    code: str | None = None,
    coded: bool | None = None,
    limit: int | None = None,
    context: int = 60,
) -> pd.DataFrame:
    """Find a word or phrase (``*`` as a wildcard) in the current segments' text by
    scanning them: the fallback of :func:`search_hits`. ``lemma`` is accepted and
    ignored (the scan matches words as written). ``coded`` keeps the hits in segments
    with (True) or without (False) a coding (of ``coder``, of ``code``).

    >>> from sokwal_monitor.coding.session import example_session
    >>> store = example_session().store
    >>> simple_search(store, "samen*")["hit"].tolist()
    ['samenwerken']
    >>> simple_search(store, "").shape
    (0, 11)
    """
    del lemma
    empty = pd.DataFrame({c: pd.Series(dtype="object") for c in HIT_COLUMNS})
    pattern = _pattern(str(query or ""))
    if pattern is None:
        return empty
    segs = store.segments(with_metadata=True)
    for column, value in (("project_id", project_id), ("wave", wave), ("role", role)):
        if value is not None:
            segs = segs[segs[column].astype(str) == str(value)]
    if coded is not None or code is not None or coder is not None:
        codings = store.codings()
        if coder is not None:
            codings = codings[codings["coder"] == coder]
        if code is not None:
            codings = codings[codings["code"] == code]
        touched = set(codings["segment_id"].dropna())
        keep = segs["segment_id"].isin(touched)
        segs = segs[keep if coded is not False else ~keep]
    rows = []
    for seg in segs.itertuples(index=False):
        text = str(seg.text)
        for m in pattern.finditer(text):
            a, z = m.span()
            rows.append(
                (
                    seg.segment_id,
                    seg.doc_id,
                    int(seg.start_char) + a,
                    int(seg.start_char) + z,
                    text[max(0, a - context) : a],
                    m.group(),
                    text[z : z + context],
                    seg.project_id,
                    seg.wave,
                    seg.role,
                    1.0,
                )
            )
            if limit is not None and len(rows) >= limit:
                return pd.DataFrame(rows, columns=HIT_COLUMNS)
    return pd.DataFrame(rows, columns=HIT_COLUMNS) if rows else empty
