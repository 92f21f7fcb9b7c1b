"""Which codes occur together: pairs of codes with ATLAS.ti's c-coefficient, and the matrix."""

from __future__ import annotations

from collections import Counter
from typing import Literal

import numpy as np
import pandas as pd

from ..store import ProjectStore
from ._common import _check_choice, _check_columns, _codings, _Values

__all__ = ["COOCCURRENCE_COLUMNS", "cooccurrence", "cooccurrence_matrix"]

#: Columns of :func:`cooccurrence`, in this order.
COOCCURRENCE_COLUMNS = ["code_a", "code_b", "n_a", "n_b", "n_ab", "c"]


def _c_coefficient(n_a: int, n_b: int, n_ab: int) -> float:
    """ATLAS.ti's c-coefficient, at most 1 (overlapping spans can count a pair twice)."""
    denominator = n_a + n_b - n_ab
    return 1.0 if denominator <= n_ab else n_ab / denominator


def _span_pairs(frame: pd.DataFrame) -> Counter[tuple[str, str]]:
    """Pairs of codings of two different codes whose spans share at least one character."""
    pairs: Counter[tuple[str, str]] = Counter()
    ordered = frame.sort_values(["doc_id", "start_char", "end_char", "code"], kind="mergesort")
    for _, doc in ordered.groupby("doc_id", sort=True):
        spans = list(zip(doc["start_char"], doc["end_char"], doc["code"], strict=True))
        for i, (_, end_i, code_i) in enumerate(spans):
            for start_j, end_j, code_j in spans[i + 1 :]:
                if start_j >= end_i:  # sorted by start: nothing later overlaps span i
                    break
                if code_i != code_j and start_j < end_j:  # start_i <= start_j < end_i
                    pairs[(min(code_i, code_j), max(code_i, code_j))] += 1
    return pairs


def cooccurrence(
    store: ProjectStore,
    *,
    level: Literal["segment", "span"] = "segment",
    coder: _Values = None,
    origin: _Values = None,
) -> pd.DataFrame:
    """Which codes occur together: one row per pair of codes that co-occur at least once.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    level : {"segment", "span"}, default "segment"
        ``segment``: the units are segments (speaker turns, paragraphs); a code is
        present in the segment its coding starts in, and ``n_a`` is the number of
        segments with code a, ``n_ab`` the number with both codes. Codings that start
        outside every segment are left out. ``span``: ``n_a`` is the number of codings
        of code a, and ``n_ab`` the number of pairs of a coding of a and a coding of b
        in the same document whose spans share at least one character (spans that
        only touch, like characters 0-5 and 5-9, do not).
    coder, origin : str or list of str, optional
        Only codings by these coders / of these origins.

    Returns
    -------
    pandas.DataFrame
        Columns ``code_a, code_b, n_a, n_b, n_ab, c`` with ``code_a < code_b``, sorted
        by ``code_a, code_b``. ``c`` is the c-coefficient of ATLAS.ti,
        ``n_ab / (n_a + n_b - n_ab)``: the number of units with both codes divided by
        the number with at least one of them; 0 when the codes never meet, 1 when
        they always come together. At span level one coding can overlap several of the
        other code, so ``c`` is clipped to at most 1.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: Door de gemeente kregen we subsidie.\\nR: Dat kostte veel tijd.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> doc = "P01_2018_interview.txt"
    >>> _ = code_quote(store, doc, "Door de gemeente", "rol_overheid", coder="anna")
    >>> _ = code_quote(store, doc, "subsidie", "financiering", coder="anna")
    >>> _ = code_quote(store, doc, "veel tijd", "financiering", coder="anna")
    >>> cooccurrence(store).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'code_a': 'financiering', 'code_b': 'rol_overheid', 'n_a': 2, 'n_b': 1, 'n_ab': 1,
      'c': 0.5}]
    >>> store.close()
    """
    _check_choice(level, ("segment", "span"), "level")
    frame = _codings(store, coder, origin)
    if level == "segment":
        units = frame.loc[frame["segment_id"].notna(), ["segment_id", "code"]].drop_duplicates()
        n = Counter(units["code"])
        pairs: Counter[tuple[str, str]] = Counter()
        for codes in units.groupby("segment_id")["code"]:
            present = sorted(set(codes[1]))
            for i, code_a in enumerate(present):
                for code_b in present[i + 1 :]:
                    pairs[(code_a, code_b)] += 1
    else:
        n = Counter(frame["code"])
        pairs = _span_pairs(frame)
    rows = [
        (a, b, n[a], n[b], n_ab, _c_coefficient(n[a], n[b], n_ab))
        for (a, b), n_ab in sorted(pairs.items())
    ]
    out = pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS)
    for column in ("n_a", "n_b", "n_ab"):
        out[column] = out[column].astype("int64")
    out["c"] = out["c"].astype("float64")
    return out


def cooccurrence_matrix(frame: pd.DataFrame, value: Literal["c", "n_ab"] = "c") -> pd.DataFrame:
    """The square code × code matrix of a :func:`cooccurrence` table.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table as :func:`cooccurrence` returns it.
    value : {"c", "n_ab"}, default "c"
        The c-coefficient (float) or the number of co-occurrences (int).

    Returns
    -------
    pandas.DataFrame
        Symmetric; rows and columns are the codes of ``frame``, sorted. Pairs that
        never co-occur are 0. The diagonal holds a code with itself: ``n_a`` for
        ``n_ab``, and 1.0 for ``c`` (as the formula gives when both codes are the same).

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"code_a": ["a"], "code_b": ["b"], "n_a": [2], "n_b": [1],
    ...                       "n_ab": [1], "c": [0.5]})
    >>> cooccurrence_matrix(pairs)  # doctest: +NORMALIZE_WHITESPACE
    code    a    b
    code
    a     1.0  0.5
    b     0.5  1.0
    """
    _check_choice(value, ("c", "n_ab"), "value")
    _check_columns(frame, COOCCURRENCE_COLUMNS, "cooccurrence")
    own = dict(zip(frame["code_a"], frame["n_a"], strict=True))
    own.update(zip(frame["code_b"], frame["n_b"], strict=True))
    codes = pd.Index(sorted(own), name="code")
    dtype = "float64" if value == "c" else "int64"
    matrix = pd.DataFrame(0, index=codes, columns=codes.copy(), dtype=dtype)
    values = matrix.to_numpy(copy=True)
    rows, cols = codes.get_indexer(frame["code_a"]), codes.get_indexer(frame["code_b"])
    values[rows, cols] = frame[value].to_numpy()
    values[cols, rows] = frame[value].to_numpy()
    diagonal = np.arange(len(codes))
    values[diagonal, diagonal] = 1.0 if value == "c" else [own[c] for c in codes]
    return pd.DataFrame(values, index=codes, columns=codes.copy())
