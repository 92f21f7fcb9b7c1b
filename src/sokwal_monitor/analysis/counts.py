"""Counts of codes: frequencies per group, and the case × code 0/1 table."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..store import ProjectStore
from ._common import _check_choice, _codings, _Values

__all__ = ["BY_COLUMNS", "case_code_matrix", "code_frequencies"]

#: Columns :func:`code_frequencies` can count by.
BY_COLUMNS = ("project_id", "wave", "doc_id", "path", "kind", "role", "speaker", "coder", "origin")

_UNITS = ("codings", "segments", "documents")


def code_frequencies(
    store: ProjectStore,
    by: str | Sequence[str] = ("project_id",),
    *,
    coder: _Values = None,
    origin: _Values = None,
    unit: Literal["codings", "segments", "documents"] = "codings",
) -> pd.DataFrame:
    """How often each code occurs, per group: a long table ``*by, code, n, share``.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    by : str or sequence of str, default ("project_id",)
        The columns to count per, any of :data:`BY_COLUMNS`: ``project_id, wave,
        doc_id, path, kind, role, speaker, coder, origin`` (``role`` and ``speaker``
        are those of the segment a coding starts in). ``()`` counts over everything.
    coder, origin : str or list of str, optional
        Only codings by these coders / of these origins.
    unit : {"codings", "segments", "documents"}, default "codings"
        What ``n`` counts: codings; distinct segments with at least one coding of the
        code (codings outside every segment are not counted); or distinct documents.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``code``, ``n`` (int) and ``share`` (``n`` divided by
        the sum of ``n`` in the same ``by`` group, so the shares of a group add up to 1).
        Only combinations that occur are listed. Sorted by the ``by`` columns, then
        code; a missing value (a document without a project) is a group of its own,
        sorted last. ``frame.attrs["unit"]`` holds ``unit`` (the plot uses it).

    Raises
    ------
    ValueError
        An unknown ``by`` column or ``unit``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "I: Hoe ging het?\\nR: We hebben geleerd dat samenwerken tijd kost.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> doc = "P01_2018_interview.txt"
    >>> _ = code_quote(store, doc, "geleerd", "leereffecten", coder="anna")
    >>> _ = code_quote(store, doc, "samenwerken", "samenwerking", coder="anna")
    >>> code_frequencies(store, by=["role"]).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'role': 'respondent', 'code': 'leereffecten', 'n': 1, 'share': 0.5},
     {'role': 'respondent', 'code': 'samenwerking', 'n': 1, 'share': 0.5}]
    >>> store.close()
    """
    keys = [by] if isinstance(by, str) else list(by)
    for key in keys:
        if key not in BY_COLUMNS:
            raise ValueError(f"cannot count by {key!r}; choose from {', '.join(BY_COLUMNS)}")
    if len(set(keys)) != len(keys):
        raise ValueError(f"a column is named twice in by={keys!r}")
    _check_choice(unit, _UNITS, "unit")
    frame = _codings(store, coder, origin, with_metadata=True)
    if unit == "segments":
        frame = frame[frame["segment_id"].notna()]
    groups = [*keys, "code"]
    if frame.empty:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in groups})
        out["n"] = pd.Series(dtype="int64")
        out["share"] = pd.Series(dtype="float64")
    else:
        grouped = frame.groupby(groups, dropna=False, sort=False)
        if unit == "codings":
            counts = grouped.size()
        else:
            counts = grouped["segment_id" if unit == "segments" else "doc_id"].nunique()
        out = counts.rename("n").reset_index()
        out["n"] = out["n"].astype("int64")
        totals = out.groupby(keys, dropna=False)["n"].transform("sum") if keys else out["n"].sum()
        out["share"] = (out["n"] / totals).astype("float64")
        out = out.sort_values(groups, na_position="last", kind="mergesort").reset_index(drop=True)
    out.attrs["unit"] = unit
    return out


def case_code_matrix(
    store: ProjectStore,
    case: Literal["document", "project"] = "document",
    *,
    coder: _Values = None,
    origin: _Values = None,
) -> pd.DataFrame:
    """A 0/1 table: does a case (document or project) have at least one coding of a code?

    Parameters
    ----------
    store : ProjectStore
        The project store.
    case : {"document", "project"}, default "document"
        The rows: every current document (index ``doc_id``, in the order of
        ``store.documents()``, by path) or every project (index ``project_id``, sorted).
        Cases without codings are rows of zeros.
    coder, origin : str or list of str, optional
        Only codings by these coders / of these origins.

    Returns
    -------
    pandas.DataFrame
        Integers 0 and 1; one column per code that has codings, sorted by name.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name, text in [("P01_2018_interview.txt", "R: Het liep goed."),
    ...                    ("P02_2018_interview.txt", "R: Wij kregen subsidie.")]:
    ...     _ = (root / name).write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> _ = code_quote(store, "P02_2018_interview.txt", "subsidie", "financiering", coder="anna")
    >>> case_code_matrix(store, "project")  # doctest: +NORMALIZE_WHITESPACE
    code        financiering
    project_id
    P01                    0
    P02                    1
    >>> store.close()
    """
    _check_choice(case, ("document", "project"), "case")
    key = "doc_id" if case == "document" else "project_id"
    cases = store.documents()["doc_id"] if case == "document" else store.projects()["project_id"]
    frame = _codings(store, coder, origin, with_metadata=True)
    present = frame[[key, "code"]].dropna().drop_duplicates()
    index = pd.Index(list(cases), name=key)
    columns = pd.Index(sorted(present["code"].unique()), name="code")
    values = np.zeros((len(index), len(columns)), dtype="int64")
    rows, cols = index.get_indexer(present[key]), columns.get_indexer(present["code"])
    keep = rows >= 0
    values[rows[keep], cols[keep]] = 1
    return pd.DataFrame(values, index=index, columns=columns)
