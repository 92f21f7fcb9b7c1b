"""Agreement of any number of coders: Fleiss' kappa from a subjects × categories table
of counts, Krippendorff's alpha from coders × units data with missing values."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any, Literal

import numpy as np
import pandas as pd

from .two_coders import _positions

_ALPHA_LEVELS = ("nominal", "ordinal", "interval", "ratio")


def _count_table(table: Any) -> np.ndarray:
    frame = table.to_numpy() if isinstance(table, pd.DataFrame) else table
    try:
        arr = np.asarray(frame, dtype=float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"the table must hold counts (numbers): {err}") from err
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(
            f"the table must be subjects × categories counts (two dimensions, not empty),"
            f" got shape {arr.shape}"
        )
    if not np.isfinite(arr).all() or (arr < 0).any():
        raise ValueError("the table must hold counts: no negative or missing numbers")
    return arr


def _fleiss(table: np.ndarray, row_weights: np.ndarray) -> float:
    """Fleiss' kappa of distinct rows ``table`` occurring ``row_weights`` times each."""
    n = float(table[0].sum())
    n_subjects = float(row_weights.sum())
    p_i = ((table**2).sum(axis=1) - n) / (n * (n - 1))
    p_bar = float((row_weights * p_i).sum()) / n_subjects
    p_j = (row_weights[:, None] * table).sum(axis=0) / (n_subjects * n)
    p_e = float((p_j**2).sum())
    if p_e >= 1.0:  # every rating in one category
        return math.nan
    return (p_bar - p_e) / (1.0 - p_e)


def fleiss_kappa(table: Any) -> float:
    """Fleiss' (1971) kappa: agreement of several coders on nominal categories.

    Parameters
    ----------
    table : array-like or pandas.DataFrame
        Subjects × categories: how many coders put each subject (row) in each category
        (column). Every subject must have the same number of ratings, at least 2
        (which coders they were does not matter).

    Returns
    -------
    float
        ``(P - P_e) / (1 - P_e)``, with ``P`` the mean share of agreeing pairs of
        ratings per subject and ``P_e`` what the category totals give by chance. NaN
        when every rating is in one category (undefined).

    Raises
    ------
    ValueError
        Not a 2-D table of counts, empty, negative or missing counts, subjects with
        different numbers of ratings (use :func:`krippendorff_alpha` for that), or fewer
        than two ratings per subject.

    Examples
    --------
    Fleiss' kappa on Wikipedia: 10 subjects, 14 raters, 5 categories.

    >>> table = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
    ...          [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
    ...          [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    >>> round(fleiss_kappa(table), 3)
    0.21
    """
    arr = _count_table(table)
    totals = arr.sum(axis=1)
    if not np.allclose(totals, totals[0]):
        raise ValueError(
            "every subject needs the same number of ratings (Fleiss' kappa); got between"
            f" {totals.min():g} and {totals.max():g}; use krippendorff_alpha for"
            " varying numbers of coders"
        )
    if totals[0] < 2:
        raise ValueError(f"every subject needs at least 2 ratings, got {totals[0]:g}")
    return _fleiss(arr, np.ones(len(arr)))


def _reliability_data(data: Any) -> np.ndarray:
    if isinstance(data, str | bytes):
        raise TypeError("data must be coders × units (a table), not a text")
    arr = data.to_numpy(dtype=object) if isinstance(data, pd.DataFrame) else data
    arr = np.asarray(arr, dtype=object)
    if arr.ndim != 2 or arr.size == 0:
        raise ValueError(
            f"data must be coders × units (two dimensions, not empty), got shape {arr.shape}"
        )
    if arr.shape[0] < 2:
        raise ValueError(f"alpha compares at least two coders (rows); data has {arr.shape[0]}")
    return arr


def _value_codes(values: np.ndarray, level: str) -> tuple[np.ndarray, np.ndarray | None]:
    """Codes 0..V-1 of the values, and their numbers (interval, ratio) or None."""
    if level == "nominal":
        codes, _ = pd.factorize(values)
        return np.asarray(codes), None
    if level == "ordinal":
        distinct = list(pd.unique(values))
        try:
            ordered = sorted(distinct)
        except TypeError as err:
            raise ValueError(f"ordinal values must be comparable: {err}") from err
        return _positions(values, ordered), None
    try:
        numbers = values.astype(float)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{level} values must be numbers: {err}") from err
    if level == "ratio" and (numbers < 0).any():
        raise ValueError("ratio values cannot be negative")
    numbered, codes = np.unique(numbers, return_inverse=True)
    return codes, numbered


def _delta(level: str, numbers: np.ndarray | None, n_c: np.ndarray) -> np.ndarray:
    """Krippendorff's squared difference between every two values."""
    q = len(n_c)
    if level == "nominal":
        return 1.0 - np.eye(q)
    if level == "ordinal":  # values in order; distance from the values in between
        cum = np.cumsum(n_c)
        i, j = np.indices((q, q))
        lo, hi = np.minimum(i, j), np.maximum(i, j)
        between = cum[hi] - cum[lo] + n_c[lo]
        return (between - (n_c[i] + n_c[j]) / 2.0) ** 2
    assert numbers is not None
    diff = numbers[:, None] - numbers[None, :]
    if level == "interval":
        return diff**2
    total = numbers[:, None] + numbers[None, :]
    return np.divide(diff, total, out=np.zeros_like(diff), where=total != 0) ** 2


def _alpha_from_counts(
    counts: np.ndarray,
    row_weights: np.ndarray,
    delta: Callable[[np.ndarray], np.ndarray],
) -> float:
    """Alpha from units × values counts (units with two or more values only)."""
    m_u = counts.sum(axis=1)
    scaled = counts * (row_weights / (m_u - 1))[:, None]
    coincidences = scaled.T @ counts - np.diag(scaled.sum(axis=0))
    n_c = coincidences.sum(axis=1)
    n = float(n_c.sum())
    d = delta(n_c)
    d_e = float((np.outer(n_c, n_c) * d).sum()) / (n - 1.0)
    if d_e <= 0.0:  # no variation: every pairable value the same
        return math.nan
    return 1.0 - float((coincidences * d).sum()) / d_e


def krippendorff_alpha(
    data: Any,
    level: Literal["nominal", "ordinal", "interval", "ratio"] = "nominal",
) -> float:
    """Krippendorff's alpha: agreement of any number of coders, with missing values.

    Parameters
    ----------
    data : array-like or pandas.DataFrame
        Coders × units: row i holds the values coder i gave to each unit (column);
        a missing value is None or NaN. Units with fewer than two values are left out
        (they have nothing to pair with).
    level : {"nominal", "ordinal", "interval", "ratio"}, default "nominal"
        How to count a difference between two values: nominal (any difference counts
        1), ordinal (by how many values coded lie between them; the values must sort),
        interval (the squared difference) or ratio (the squared difference relative to
        the sum; no negative values). Interval and ratio need numbers.

    Returns
    -------
    float
        ``1 - D_o / D_e``: observed disagreement relative to the disagreement expected
        from all values together. 1 is perfect agreement, 0 what chance gives. NaN when
        the values show no variation at all (every value the same: undefined).
        Krippendorff (2019) asks for alpha of at least .800, and accepts .667 to .800
        for tentative conclusions only.

    Raises
    ------
    ValueError
        Fewer than two coders, empty data, no unit with two or more values, an unknown
        ``level``, or values that do not fit the level.

    Examples
    --------
    Krippendorff (2011), "Computing Krippendorff's alpha-reliability", example C:
    4 coders, 12 units, missing values.

    >>> nan = float("nan")
    >>> data = [[1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    ...         [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    ...         [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    ...         [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan]]
    >>> [round(krippendorff_alpha(data, level), 3)
    ...  for level in ("nominal", "ordinal", "interval", "ratio")]
    [0.743, 0.815, 0.849, 0.797]
    """
    if level not in _ALPHA_LEVELS:
        raise ValueError(f"level must be one of {', '.join(_ALPHA_LEVELS)}, not {level!r}")
    arr = _reliability_data(data)
    present = ~pd.isna(arr)
    _, unit_idx = np.nonzero(present)
    if len(unit_idx) == 0:
        raise ValueError("data holds no values (everything is missing)")
    codes, numbers = _value_codes(arr[present], level)
    counts = np.zeros((arr.shape[1], int(codes.max()) + 1))
    np.add.at(counts, (unit_idx, codes), 1.0)
    counts = counts[counts.sum(axis=1) >= 2]
    if len(counts) == 0:
        raise ValueError(
            "no unit has values from two or more coders, so there is nothing to compare"
        )
    return _alpha_from_counts(counts, np.ones(len(counts)), lambda n_c: _delta(level, numbers, n_c))
