"""Krippendorff's unitizing alpha: agreement of coders who mark stretches of text
themselves instead of coding pre-cut units (definitions of 2019 and 2004)."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from .selection import _names

_DEFINITIONS = ("2019", "2004")


def _merge(spans: np.ndarray) -> np.ndarray:
    """Sorted spans (k × 2) with overlapping ones joined; touching ones stay apart."""
    if len(spans) == 0:
        return spans.reshape(0, 2)
    spans = spans[np.lexsort((spans[:, 1], spans[:, 0]))]
    merged = [list(spans[0])]
    for start, end in spans[1:]:
        if start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return np.asarray(merged, dtype=np.int64)


def _overlap(a: np.ndarray, b: np.ndarray) -> int:
    """Characters two coders' (merged) spans share."""
    if len(a) == 0 or len(b) == 0:
        return 0
    inter = np.minimum(a[:, 1][:, None], b[:, 1][None, :]) - np.maximum(
        a[:, 0][:, None], b[:, 0][None, :]
    )
    return int(np.clip(inter, 0, None).sum())


@dataclass(frozen=True)
class _Continuum:
    """One stretch of text (a document) and each coder's merged spans in it."""

    length: int
    spans: tuple[np.ndarray, ...]


def _unitized_2019(continua: Sequence[_Continuum], m: int) -> float:
    """|uα of Krippendorff et al. (2016) / Krippendorff (2019, §12.6) for one category."""
    n = m * sum(c.length for c in continua)
    coded = 0  # characters coded, summed over coders
    shared = 0  # characters coded by both, summed over ordered pairs of coders
    squares = 0  # each coded stretch is one unit: it cannot pair with itself
    for c in continua:
        lengths = [int((s[:, 1] - s[:, 0]).sum()) for s in c.spans]
        coded += sum(lengths)
        squares += sum(int(((s[:, 1] - s[:, 0]) ** 2).sum()) for s in c.spans)
        for i in range(m):
            for j in range(i + 1, m):
                shared += 2 * _overlap(c.spans[i], c.spans[j])
    uncoded = n - coded
    if coded == 0 or uncoded == 0:
        return math.nan
    o_10 = ((m - 1) * coded - shared) / (m - 1)  # coded by one coder, not by the other
    # gaps are not units: each of their characters pairs with every other one
    correction = squares + uncoded
    return 1.0 - o_10 * (n - correction / n) / (coded * uncoded)


def _unitized_2004(continua: Sequence[_Continuum], m: int) -> float:
    """Krippendorff's (1995, 2004 §12.4) unitizing alpha for one category."""
    total = sum(c.length for c in continua)
    observed = 0.0
    units: list[np.ndarray] = []
    gaps: list[int] = []
    for c in continua:
        for s in c.spans:
            units.append(s[:, 1] - s[:, 0])
            edges = np.concatenate([[0], s.ravel(), [c.length]]).reshape(-1, 2)
            gaps.extend(int(e - b) for b, e in edges if e > b)
        for i in range(m):
            for j in range(i + 1, m):
                a, b = c.spans[i], c.spans[j]
                meet = (a[:, 0][:, None] < b[:, 1][None, :]) & (b[:, 0][None, :] < a[:, 1][:, None])
                ai, bi = np.nonzero(meet)
                ends = (a[ai, 0] - b[bi, 0]) ** 2 + (a[ai, 1] - b[bi, 1]) ** 2
                alone_a = a[~meet.any(axis=1)]  # a unit inside a gap of the other coder
                alone_b = b[~meet.any(axis=0)]
                observed += 2.0 * float(
                    ends.sum()
                    + ((alone_a[:, 1] - alone_a[:, 0]) ** 2).sum()
                    + ((alone_b[:, 1] - alone_b[:, 0]) ** 2).sum()
                )
    d_o = observed / (m * (m - 1) * float(total) ** 2)
    lengths = np.concatenate(units).astype(float)
    if lengths.sum() == 0 or lengths.sum() == m * total:
        return math.nan  # nobody coded anything, or everyone everything
    gap_lengths = np.sort(np.asarray(gaps, dtype=float))
    above = np.concatenate([np.cumsum(gap_lengths[::-1])[::-1], [0.0]])  # sum of gaps >= g
    first = np.searchsorted(gap_lengths, lengths, side="left")
    n_fit = len(gap_lengths) - first
    fits = above[first] - (lengths - 1.0) * n_fit  # places a unit fits into the gaps
    n_units = len(lengths)
    expected = (
        (n_units - 1) * (2 * lengths**3 - 3 * lengths**2 + lengths) / 3.0 + lengths**2 * fits
    ).sum()
    denominator = m * total * (m * total - 1.0) - float((lengths * (lengths - 1)).sum())
    d_e = 2.0 / total * float(expected) / denominator
    if d_e <= 0.0:
        return math.nan
    return 1.0 - d_o / d_e


_SPAN_COLUMNS = ("coder", "doc_id", "start_char", "end_char")


def _check_offsets(frame: pd.DataFrame) -> tuple[np.ndarray, np.ndarray]:
    out = []
    for column in ("start_char", "end_char"):
        try:
            values = np.asarray(frame[column], dtype=float)
        except (TypeError, ValueError) as err:
            raise ValueError(f"{column} must hold whole numbers: {err}") from err
        if not np.isfinite(values).all() or (values != np.round(values)).any():
            raise ValueError(f"{column} must hold whole numbers (no missing values)")
        out.append(values.astype(np.int64))
    return out[0], out[1]


def unitized_alpha(
    codings: pd.DataFrame,
    lengths: Mapping[str, int],
    *,
    code: str | None = None,
    coders: Sequence[str] | None = None,
    definition: Literal["2019", "2004"] = "2019",
) -> float:
    """Krippendorff's alpha for coders who mark stretches of text themselves (unitizing).

    Each coder divides every document (a continuum of characters) into stretches she
    coded with the code and stretches she did not. Alpha compares these divisions: how
    much of what one coder marked the other marked too, where the marked stretches
    begin and end, with the coded stretches taken as whole units (a long passage one
    coder marks and the other does not weighs more than many scattered characters).
    For one code this is the binary coefficient Krippendorff writes |uα (in ATLAS.ti:
    |cuα, per code).

    Parameters
    ----------
    codings : pandas.DataFrame
        One row per coded span: columns ``coder``, ``doc_id``, ``start_char``,
        ``end_char`` (``text[start_char:end_char]`` is coded), and ``code`` when it holds
        several codes (``store.codings()`` is such a table). Overlapping spans of one
        coder in one document are joined into one; spans that only touch stay two.
    lengths : mapping of str to int
        The length of every document in characters, by ``doc_id``: the continua. A
        document without codings counts as not coded by anyone.
    code : str, optional
        Use only the rows of this code (needed when ``codings`` holds several).
    coders : sequence of str, optional
        The coders to compare (at least two). Default: every coder in ``codings``
        (before ``code`` selects rows). Name them when a coder may have coded nothing.
    definition : {"2019", "2004"}, default "2019"
        ``2019``: the coefficient of Krippendorff, Mathet, Bouvry & Widlöcher (2016),
        in Krippendorff (2019, §12.6) and ATLAS.ti: coincidences of the lengths of the
        coders' coded and uncoded stretches, where a coded stretch is one unit that
        cannot pair with itself. ``2004``: the earlier coefficient of Krippendorff
        (1995; 2004, §12.4), from the squared differences of where overlapping
        stretches begin and end; it misbehaves with more than two coders.

    Returns
    -------
    float
        1 when all coders marked the same stretches, 0 what chance gives. NaN when
        nobody coded anything, or every coder coded everything (undefined).

    Raises
    ------
    ValueError
        Missing columns, several codes without ``code``, fewer than two coders, a span
        outside its document or in a document not in ``lengths``, no text at all, or an
        unknown ``definition``.

    Examples
    --------
    Two coders on a text of 10 characters: anna codes characters 2-6, bas 4-8.

    >>> codings = pd.DataFrame({"coder": ["anna", "bas"], "doc_id": ["d1", "d1"],
    ...                         "start_char": [2, 4], "end_char": [6, 8]})
    >>> round(unitized_alpha(codings, {"d1": 10}), 4)
    0.2583
    >>> round(unitized_alpha(codings, {"d1": 10}, definition="2004"), 4)
    -0.1867
    """
    if definition not in _DEFINITIONS:
        raise ValueError(f"definition must be '2019' or '2004', not {definition!r}")
    if not isinstance(codings, pd.DataFrame):
        raise TypeError(f"codings must be a pandas DataFrame, not {type(codings).__name__}")
    missing = [c for c in _SPAN_COLUMNS if c not in codings.columns]
    if missing:
        raise ValueError(f"codings lacks the column(s) {', '.join(missing)}")
    if coders is None:
        names = sorted(str(c) for c in pd.unique(codings["coder"]))
    else:
        names = _names(coders)
    if len(names) < 2:
        raise ValueError(f"unitized alpha compares at least two coders; got {names!r}")
    frame = codings
    if code is not None:
        if "code" not in frame.columns:
            raise ValueError("code= needs a 'code' column in codings")
        frame = frame[frame["code"] == code]
    elif "code" in frame.columns and frame["code"].nunique() > 1:
        several = ", ".join(sorted(map(str, pd.unique(frame["code"]))))
        raise ValueError(f"codings hold several codes ({several}); name one with code=")
    frame = frame[frame["coder"].isin(names)]
    sizes = {str(k): int(v) for k, v in lengths.items()}
    if any(v < 0 for v in sizes.values()) or sum(sizes.values()) == 0:
        raise ValueError("lengths must be 0 or more characters, and not all 0")
    return _unitized(frame, sizes, names, definition)


def _unitized(
    frame: pd.DataFrame, sizes: Mapping[str, int], names: list[str], definition: str
) -> float:
    """Unitized alpha of the codings in ``frame`` (checked names and lengths)."""
    starts, ends = _check_offsets(frame)
    docs = frame["doc_id"].astype(str).to_numpy()
    unknown = sorted(set(docs) - set(sizes))
    if unknown:
        raise ValueError(f"codings in documents not in lengths: {', '.join(unknown)}")
    limits = np.asarray([sizes[d] for d in docs], dtype=np.int64)
    bad = (starts < 0) | (starts >= ends) | (ends > limits)
    if bad.any():
        row = int(np.argmax(bad))
        raise ValueError(
            f"the span {starts[row]}-{ends[row]} of {docs[row]!r} is not inside its text"
            f" (0-{limits[row]}) or is empty"
        )
    coder_col = frame["coder"].astype(str).to_numpy()
    continua = []
    for doc, length in sizes.items():
        in_doc = docs == doc
        spans = tuple(
            _merge(np.column_stack([starts[sel], ends[sel]]))
            for sel in (in_doc & (coder_col == name) for name in names)
        )
        continua.append(_Continuum(length, spans))
    if definition == "2004":
        return _unitized_2004(continua, len(names))
    return _unitized_2019(continua, len(names))
