"""Inter-coder agreement: how far do two or more coders agree, beyond chance?

Before the codings of a team (or of rules and a researcher) are counted, a sample of the
material is coded independently by several coders and their agreement is measured. This
module has the coefficients, for data you bring yourself, and the same computed straight
from a project store:

* :func:`percent_agreement`, :func:`cohen_kappa` (also weighted) and
  :func:`brennan_prediger`: two coders, one label per unit.
* :func:`fleiss_kappa`: any number of coders, from a subjects × categories table of counts.
* :func:`krippendorff_alpha`: any number of coders, missing values, nominal, ordinal,
  interval or ratio data (Krippendorff 2011; 2019, ch. 12).
* :func:`unitized_alpha`: Krippendorff's alpha for coders who mark stretches of text
  themselves instead of coding pre-cut units (Krippendorff 2004, §12.4; Krippendorff,
  Mathet, Bouvry & Widlöcher 2016; Krippendorff 2019, §12.6).
* :func:`agreement`: one row per code (and one for all codes) for coders in a store, at
  document, segment or character (span) level, with a bootstrap confidence interval.
* :func:`disagreements` and :func:`disagreements_html`: the segments where coders differ,
  for the consensus meeting.

A coefficient that chance correction leaves undefined (no variation at all: every coder
used one and the same value everywhere) is NaN, not 1: agreement on a code nobody used
is not evidence of a reliable code.

References
----------
Brennan, R. L., & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses, and
alternatives. Educational and Psychological Measurement, 41(3), 687-699.

Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
Psychological Measurement, 20(1), 37-46. Cohen, J. (1968). Weighted kappa.
Psychological Bulletin, 70(4), 213-220.

Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
Psychological Bulletin, 76(5), 378-382.

Krippendorff, K. (1995). On the reliability of unitizing continuous data. Sociological
Methodology, 25, 47-76.

Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology (2nd ed.),
ch. 11-12. Sage.

Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
for Communication, departmental papers 43.

Krippendorff, K., Mathet, Y., Bouvry, S., & Widlöcher, A. (2016). On the reliability of
unitizing textual continua: Further developments. Quality & Quantity, 50, 2347-2364.

Krippendorff, K. (2019). Content Analysis: An Introduction to Its Methodology (4th ed.),
ch. 12. Sage.

Examples
--------
>>> anna = ["ja", "ja", "nee", "nee", "ja", "nee"]
>>> bas = ["ja", "nee", "nee", "nee", "ja", "nee"]
>>> round(percent_agreement(anna, bas), 3), round(cohen_kappa(anna, bas), 3)
(0.833, 0.667)
>>> round(krippendorff_alpha([anna, bas]), 3)
0.686
"""

from __future__ import annotations

import html
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import numpy as np
import pandas as pd

from .errors import CodingError
from .store import ProjectStore

__all__ = [
    "DISAGREEMENT_COLUMNS",
    "LEVELS",
    "OVERALL",
    "agreement",
    "brennan_prediger",
    "cohen_kappa",
    "disagreements",
    "disagreements_html",
    "fleiss_kappa",
    "krippendorff_alpha",
    "percent_agreement",
    "unitized_alpha",
]

#: The ``code`` of the last row of :func:`agreement`: all codes pooled.
OVERALL = "(all codes)"
#: The levels :func:`agreement` compares at.
LEVELS = ("document", "segment", "span")
#: Columns of :func:`disagreements`, in this order.
DISAGREEMENT_COLUMNS = [
    "segment_id",
    "doc_id",
    "path",
    "speaker",
    "role",
    "text",
    "code",
    "coded_by",
    "not_coded_by",
    "memos",
]

_ALPHA_LEVELS = ("nominal", "ordinal", "interval", "ratio")
_WEIGHTS = (None, "linear", "quadratic")
_DEFINITIONS = ("2019", "2004")


# -- input checks ----------------------------------------------------------------------


def _labels(values: Any, name: str) -> np.ndarray:
    """One coder's labels as a 1-D object array (missing values stay as they are)."""
    if isinstance(values, str | bytes):
        raise TypeError(
            f"{name} must be a sequence of labels, one per unit, not the text {values!r}"
        )
    arr = np.asarray(values, dtype=object)
    if arr.ndim != 1:
        raise ValueError(
            f"{name} must be one label per unit (one dimension), got shape {arr.shape}"
        )
    return arr


def _pairs(a: Any, b: Any) -> tuple[np.ndarray, np.ndarray]:
    """The units both coders labelled: units with a missing label are left out."""
    x, y = _labels(a, "a"), _labels(b, "b")
    if len(x) != len(y):
        raise ValueError(f"a and b must label the same units: got {len(x)} and {len(y)} labels")
    keep = ~(pd.isna(x) | pd.isna(y))
    if not keep.any():
        what = "no labels" if len(x) == 0 else "no unit labelled by both coders"
        raise ValueError(f"nothing to compare: {what}")
    return x[keep], y[keep]


def _categories(values: np.ndarray, given: Iterable[Any] | None) -> tuple[list[Any], bool]:
    """The categories in order, and whether that order means something."""
    if given is not None:
        cats = list(given)
        index = pd.Index(cats, dtype=object)
        if not index.is_unique:
            raise ValueError(f"a category is listed twice in categories={cats!r}")
        unknown = pd.unique(values[index.get_indexer(values) < 0])
        if len(unknown):
            raise ValueError(f"labels not in categories: {', '.join(map(repr, unknown))}")
        return cats, True
    cats = list(pd.unique(values))
    try:
        return sorted(cats), True
    except TypeError:  # labels of mixed kinds: keep the order they first occur in
        return cats, False


def _positions(values: np.ndarray, cats: list[Any]) -> np.ndarray:
    return np.asarray(pd.Index(cats, dtype=object).get_indexer(values))


# -- two coders --------------------------------------------------------------------------


def percent_agreement(a: Sequence[Any], b: Sequence[Any]) -> float:
    """The share of units to which two coders gave the same label.

    Parameters
    ----------
    a, b : sequence
        The labels of coder a and coder b, one per unit, in the same order. A unit
        with a missing label (None, NaN) from either coder is left out.

    Returns
    -------
    float
        Between 0 and 1. Not corrected for chance: two coders who mostly say "no" agree
        often by accident. Report a chance-corrected coefficient next to it.

    Raises
    ------
    ValueError
        ``a`` and ``b`` differ in length, or no unit has a label from both.
    TypeError
        ``a`` or ``b`` is a single text instead of a sequence of labels.

    Examples
    --------
    >>> percent_agreement(["x", "y", "y", None], ["x", "y", "x", "x"])
    0.6666666666666666
    """
    x, y = _pairs(a, b)
    return float(np.mean(x == y))


def _disagreement_weights(q: int, weights: str | None) -> np.ndarray:
    i, j = np.indices((q, q))
    if weights is None:
        return (i != j).astype(float)
    scale = max(q - 1, 1)
    if weights == "linear":
        return np.abs(i - j) / scale
    return ((i - j) / scale) ** 2


def _kappa_from_table(table: np.ndarray, weights: str | None) -> float:
    """Cohen's (weighted) kappa of a q × q table of counts (rows coder a, columns b)."""
    p = table / table.sum()
    expected = np.outer(p.sum(axis=1), p.sum(axis=0))
    w = _disagreement_weights(table.shape[0], weights)
    d_e = float((w * expected).sum())
    if d_e <= 0.0:  # complete chance agreement: one label for everything
        return math.nan
    return 1.0 - float((w * p).sum()) / d_e


def cohen_kappa(
    a: Sequence[Any],
    b: Sequence[Any],
    weights: Literal["linear", "quadratic"] | None = None,
    *,
    categories: Iterable[Any] | None = None,
) -> float:
    """Cohen's kappa of two coders: agreement corrected for what their own label
    frequencies would give by chance (Cohen 1960; weighted: Cohen 1968).

    Parameters
    ----------
    a, b : sequence
        The labels of coder a and coder b, one per unit, in the same order. Units with a
        missing label from either coder are left out.
    weights : {None, "linear", "quadratic"}, default None
        None: every disagreement counts the same (nominal labels). ``linear`` or
        ``quadratic``: for ordered labels, a disagreement counts by how many categories
        apart the two labels are (``|i - j| / (q - 1)``), or that squared.
    categories : iterable, optional
        The categories in their order (needed for weights when some category was never
        used, or when labels cannot be sorted). By default the labels that occur,
        sorted.

    Returns
    -------
    float
        ``1 - observed / expected disagreement``: 1 is perfect agreement, 0 what chance
        gives, below 0 worse than chance. NaN when chance agreement is complete (both
        coders used one and the same label for every unit): kappa is undefined then.

    Raises
    ------
    ValueError
        Unequal lengths, no unit with two labels, unknown ``weights``, a label not in
        ``categories``, or weights for labels that cannot be ordered.

    Examples
    --------
    Cohen (1960, p. 45): 200 units, observed agreement .70, chance agreement .41.

    >>> pairs = {(1, 1): 88, (1, 2): 14, (1, 3): 18, (2, 1): 10, (2, 2): 40,
    ...          (2, 3): 10, (3, 1): 2, (3, 2): 6, (3, 3): 12}
    >>> a = [x for (x, y), n in pairs.items() for _ in range(n)]
    >>> b = [y for (x, y), n in pairs.items() for _ in range(n)]
    >>> round(cohen_kappa(a, b), 3)
    0.492
    >>> round(cohen_kappa(a, b, "quadratic"), 3)
    0.455
    """
    if weights not in _WEIGHTS:
        raise ValueError(f"weights must be None, 'linear' or 'quadratic', not {weights!r}")
    x, y = _pairs(a, b)
    cats, ordered = _categories(np.concatenate([x, y]), categories)
    if weights is not None and not ordered:
        raise ValueError("weighted kappa needs ordered labels; pass categories=[...] in order")
    q = len(cats)
    table = np.zeros((q, q))
    np.add.at(table, (_positions(x, cats), _positions(y, cats)), 1.0)
    return _kappa_from_table(table, weights)


def brennan_prediger(a: Sequence[Any], b: Sequence[Any], n_categories: int) -> float:
    """Brennan and Prediger's (1981) kappa: agreement corrected for chance as if each
    of the ``n_categories`` were equally likely (also Bennett's S).

    Use it when the number of categories is fixed in advance and coders were free to
    use each of them; unlike Cohen's kappa it does not drop when one category is
    much more frequent than the others.

    Parameters
    ----------
    a, b : sequence
        The labels of two coders, one per unit; units with a missing label are left out.
    n_categories : int
        How many categories the coders could choose from (at least 2, and at least as
        many as they used).

    Returns
    -------
    float
        ``(p_o - 1/q) / (1 - 1/q)`` with ``p_o`` the percent agreement.

    Raises
    ------
    ValueError
        ``n_categories`` below 2 or below the number of labels used, or the checks of
        :func:`percent_agreement`.

    Examples
    --------
    Brennan & Prediger (1981, p. 689): agreement .60 on three categories.

    >>> a = [1] * 50 + [2] * 30 + [3] * 20
    >>> b = [1] * 50 + [1] * 10 + [2] * 10 + [3] * 10 + [1] * 20
    >>> round(brennan_prediger(a, b, 3), 2)
    0.4
    """
    if isinstance(n_categories, bool) or not isinstance(n_categories, int | np.integer):
        raise ValueError(f"n_categories must be a whole number, not {n_categories!r}")
    q = int(n_categories)
    x, y = _pairs(a, b)
    used = len(pd.unique(np.concatenate([x, y])))
    if q < 2 or q < used:
        raise ValueError(
            f"n_categories must be at least 2 and at least the {used} labels the coders"
            f" used, not {q}"
        )
    p_o = float(np.mean(x == y))
    return (p_o - 1.0 / q) / (1.0 - 1.0 / q)


# -- many coders -------------------------------------------------------------------------


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


# -- unitizing ---------------------------------------------------------------------------


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


# -- on a store ----------------------------------------------------------------------------


def _names(coders: Any) -> list[str]:
    if isinstance(coders, str):
        raise TypeError(
            f"coders must be a list of coder names, not the single text {coders!r};"
            f" write coders=[{coders!r}, ...]"
        )
    try:
        names = [str(c) for c in coders]
    except TypeError as err:
        raise TypeError(f"coders must be a list of coder names, not {coders!r}") from err
    if len(set(names)) != len(names):
        raise ValueError(f"a coder is named twice in coders={names!r}")
    return names


def _store_coders(store: ProjectStore, coders: Any) -> list[str]:
    names = _names(coders)
    if len(names) < 2:
        raise ValueError(
            f"agreement needs at least two coders to compare; got {len(names)} ({names!r})"
        )
    known = [row[0] for row in store.execute("SELECT DISTINCT coder FROM codings ORDER BY 1")]
    for name in names:
        if name not in known:
            hint = (
                f"the coders in this store are: {', '.join(known)}"
                if known
                else "this store holds no codings yet"
            )
            raise CodingError(store.path, f"no codings by coder {name!r}", hint)
    return names


def _code_list(frame: pd.DataFrame, codes: Any) -> list[str]:
    if codes is None:
        names = sorted(str(c) for c in pd.unique(frame["code"]))
    else:
        names = [codes] if isinstance(codes, str) else [str(c) for c in codes]
    if len(set(names)) != len(names):
        raise ValueError(f"a code is named twice in codes={names!r}")
    if not names:
        raise ValueError(
            "no codes to compare: codes= is empty, or the coders have no codings in the"
            " current documents"
        )
    return names


def _coded_by_all(frame: pd.DataFrame, coders: list[str]) -> set[str]:
    """The documents in which every coder made at least one coding (of any code)."""
    per_coder = [set(frame.loc[frame["coder"] == name, "doc_id"]) for name in coders]
    return set.intersection(*per_coder)


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
) -> _Units:
    documents = store.documents()
    if level == "document":
        if include_uncoded:
            docs = documents.loc[documents["kind"] != "survey", "doc_id"]
        else:
            docs = documents.loc[documents["doc_id"].isin(set(frame["doc_id"])), "doc_id"]
        return _keyed_units(pd.Index(docs.astype(str)), "doc_id")
    shared = _coded_by_all(frame, coders)
    if level == "segment":
        segments = store.segments()
        segments = segments[segments["doc_id"].isin(shared)]
        if not interviewer:
            segments = segments[segments["role"] != "interviewer"]
        return _keyed_units(pd.Index(segments["segment_id"].astype(str)), "segment_id")
    in_shared = documents[documents["doc_id"].isin(shared)]
    segments = store.segments()
    return _span_units(
        {str(d): int(n) for d, n in zip(in_shared["doc_id"], in_shared["n_chars"], strict=True)},
        segments[segments["doc_id"].isin(shared)],
    )


def _binary_alpha(hist: np.ndarray, m: int) -> np.ndarray:
    """Nominal alpha from histograms of how many of ``m`` coders coded a unit (last axis)."""
    k = np.arange(m + 1, dtype=float)
    n = m * hist.sum(axis=-1)
    n_1 = (hist * k).sum(axis=-1)
    n_0 = n - n_1
    o_10 = (hist * k * (m - k)).sum(axis=-1) / (m - 1)
    denominator = n_1 * n_0
    ratio = np.divide(
        (n - 1) * o_10, denominator, out=np.full_like(n_1, np.nan), where=denominator > 0
    )
    return 1.0 - ratio


def _pairwise_agreement(hist: np.ndarray, m: int) -> float:
    """The mean share of agreeing pairs of coders per unit (percent agreement)."""
    k = np.arange(m + 1, dtype=float)
    agreeing = (k * (k - 1) + (m - k) * (m - k - 1)) / (m * (m - 1))
    return float((hist * agreeing).sum() / hist.sum())


def _bootstrap(stack: np.ndarray, m: int, n_boot: int, seed: int) -> np.ndarray:
    """Alphas of ``n_boot`` resamples of the clusters: ``stack`` is clusters × series ×
    (m + 1) histograms; returns n_boot × series."""
    n_clusters, n_series = stack.shape[0], stack.shape[1]
    rng = np.random.default_rng(seed)
    flat = stack.reshape(n_clusters, -1).astype(float)
    out = np.empty((n_boot, n_series))
    chunk = max(1, min(n_boot, 2_000_000 // n_clusters))  # resampling weights in memory
    p = np.full(n_clusters, 1.0 / n_clusters)
    for first in range(0, n_boot, chunk):
        size = min(chunk, n_boot - first)
        weights = rng.multinomial(n_clusters, p, size=size).astype(float)
        hist = (weights @ flat).reshape(size, n_series, m + 1)
        out[first : first + size] = _binary_alpha(hist, m)
    return out


def _interval(alphas: np.ndarray) -> tuple[float, float]:
    alphas = alphas[~np.isnan(alphas)]
    if len(alphas) == 0:
        return math.nan, math.nan
    low, high = np.percentile(alphas, [2.5, 97.5])
    return float(low), float(high)


def agreement(
    store: ProjectStore,
    coders: Sequence[str],
    level: Literal["document", "segment", "span"] = "segment",
    *,
    codes: str | Iterable[str] | None = None,
    include_uncoded: bool = True,
    interviewer: bool = False,
    n_boot: int = 1000,
    seed: int = 0,
) -> pd.DataFrame:
    """Agreement of two or more coders in a store, per code and over all codes.

    For every code, each unit is coded (1) or not (0) by each coder; agreement on these
    0/1 values is reported with percent agreement, Cohen's kappa (two coders) or Fleiss'
    kappa (three or more) and Krippendorff's alpha, with a bootstrap confidence interval
    for alpha. Codings of every origin count: a rule or model coder is compared like a
    researcher.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    coders : sequence of str
        The coders to compare, at least two.
    level : {"document", "segment", "span"}, default "segment"
        What a unit is. ``document``: each current document (surveys excepted); a code
        is present for a coder when she coded it anywhere in the document. ``segment``:
        each speaker turn or report paragraph of the documents every coder coded at least
        once (interviewer turns left out unless ``interviewer``); a code is present when
        a coding by the coder starts in the segment. ``span``: each character of the
        documents every coder coded at least once; a code is present where a coding
        covers the character. Span level adds :func:`unitized_alpha` over the same
        documents.
    codes : str or iterable of str, optional
        The codes to compare; default every code one of the coders used. A code nobody
        used gets a row with alpha NaN.
    include_uncoded : bool, default True
        Keep units no coder coded with any of the compared codes. At document level,
        False keeps only the documents one of the coders coded. Units nobody coded make
        percent agreement look better and change alpha; say which you report. At span
        level, False keeps the characters someone coded (unitized alpha always uses the
        whole documents: the uncoded stretches are part of it).
    interviewer : bool, default False
        Segment level: also compare interviewer turns (rule coding leaves them out).
    n_boot : int, default 1000
        Bootstrap resamples for the 95% interval of alpha (0: no interval). Units are
        resampled; at span level the characters of a segment go together (they are not
        independent), as do a document's characters outside every segment. An interval
        needs at least two of these.
    seed : int, default 0
        Seed of the resampling: the same seed gives the same interval.

    Returns
    -------
    pandas.DataFrame
        One row per code (sorted), then a row with code :data:`OVERALL` pooling every
        (unit, code) decision. Columns: ``code, level, n_units, n_coded_by_any,
        percent_agreement``, then ``cohen_kappa`` (two coders) or ``fleiss_kappa`` (three
        or more), ``krippendorff_alpha, ci_low, ci_high``, and at span level
        ``unitized_alpha``. ``n_units`` counts the units (characters at span level),
        ``n_coded_by_any`` those at least one coder coded with the code (in the overall
        row: with any code). With three or more coders percent agreement is the mean
        share of agreeing pairs of coders. ``frame.attrs`` holds ``coders``, ``level``,
        ``uncoded`` ("included" or "excluded"), ``n_boot`` and ``seed``.

    Raises
    ------
    CodingError
        A coder has no codings in the store (the message lists the coders there are).
    ValueError
        Fewer than two coders, an unknown ``level``, a negative ``n_boot``, or no units
        to compare (for instance: no document coded by every coder).
    TypeError
        ``coders`` is a single name instead of a list.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: De buurt doet mee.\\nR: We kregen subsidie.\\nR: Het was druk.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> seg = store.segments()["segment_id"].tolist()
    >>> for coder, s in [("anna", 0), ("anna", 1), ("bas", 1), ("bas", 2)]:
    ...     _ = code_segment(store, seg[s], "bereik", coder=coder)
    >>> table = agreement(store, ["anna", "bas"], n_boot=0)
    >>> table[["code", "n_units", "percent_agreement", "cohen_kappa"]]
              code  n_units  percent_agreement  cohen_kappa
    0       bereik        3           0.333333         -0.5
    1  (all codes)        3           0.333333         -0.5
    >>> store.close()
    """
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise ValueError(f"n_boot must be a whole number of 0 or more, not {n_boot!r}")
    names = _store_coders(store, coders)
    m = len(names)
    frame = store.codings(coder=names, with_metadata=True)
    code_list = _code_list(frame, codes)
    frame = frame.assign(_bit=pd.Index(names).get_indexer(frame["coder"]))
    units = _units(store, frame, names, level, include_uncoded, interviewer)
    compared = frame[frame["code"].isin(code_list)]
    kept = np.ones(units.n, dtype=bool) if include_uncoded else units.marks(compared) != 0
    if not kept.any():
        where = "documents" if level == "document" else "documents every coder coded"
        raise ValueError(
            f"no units to compare at {level} level: no {where}"
            + ("" if include_uncoded else " with codings of the compared codes")
        )
    clusters = np.unique(units.clusters[kept], return_inverse=True)[1]
    n_clusters = int(clusters.max()) + 1
    bit_counts = np.zeros(units.n, dtype=np.int64)
    hists, tables, rows = [], [], []
    for code in code_list:
        marks = units.marks(compared[compared["code"] == code])[kept]
        bit_counts[kept] |= marks
        k = np.zeros(len(marks), dtype=np.int64)
        for i in range(m):
            k += (marks >> i) & 1
        hist = np.bincount(clusters * (m + 1) + k, minlength=n_clusters * (m + 1))
        hists.append(hist.reshape(n_clusters, m + 1))
        tables.append(np.bincount(marks, minlength=4) if m == 2 else np.zeros(4))
        rows.append((code, int(len(marks) - (marks == 0).sum())))
    stack = np.stack(hists, axis=1)  # clusters × codes × (m + 1)
    stack = np.concatenate([stack, stack.sum(axis=1, keepdims=True)], axis=1)
    rows.append((OVERALL, int((bit_counts[kept] != 0).sum())))
    tables.append(np.sum(tables, axis=0))
    if n_boot > 0 and n_clusters >= 2:
        boot = _bootstrap(stack, m, n_boot, seed)
        intervals = [_interval(boot[:, s]) for s in range(stack.shape[1])]
    else:
        intervals = [(math.nan, math.nan)] * stack.shape[1]
    kappa_name = "cohen_kappa" if m == 2 else "fleiss_kappa"
    records = []
    for s, (code, n_coded) in enumerate(rows):
        hist = stack[:, s].sum(axis=0).astype(float)
        if m == 2:
            t = tables[s]
            kappa = _kappa_from_table(np.array([[t[0], t[2]], [t[1], t[3]]], float), None)
        else:
            k = np.arange(m + 1)
            kappa = _fleiss(np.column_stack([m - k, k]).astype(float), hist)
        records.append(
            {
                "code": code,
                "level": level,
                "n_units": int(kept.sum()),
                "n_coded_by_any": n_coded,
                "percent_agreement": _pairwise_agreement(hist, m),
                kappa_name: kappa,
                "krippendorff_alpha": float(_binary_alpha(hist, m)),
                "ci_low": intervals[s][0],
                "ci_high": intervals[s][1],
            }
        )
    out = pd.DataFrame.from_records(records)
    if level == "span":
        out["unitized_alpha"] = _span_unitized(compared, code_list, names, units.lengths)
    out["code"] = out["code"].astype(object)
    out["level"] = out["level"].astype(object)
    out.attrs.update(
        coders=names,
        level=level,
        uncoded="included" if include_uncoded else "excluded",
        n_boot=int(n_boot),
        seed=seed,
    )
    return out


def _span_unitized(
    frame: pd.DataFrame, code_list: list[str], names: list[str], lengths: dict[str, int]
) -> list[float]:
    """Unitized alpha per code, then over all codes (each code's documents in a row)."""
    frame = frame[frame["doc_id"].isin(lengths)]
    values = [_unitized(frame[frame["code"] == c], lengths, names, "2019") for c in code_list]
    pooled_lengths = {f"{c}\x00{d}": n for c in code_list for d, n in lengths.items()}
    pooled = frame.assign(doc_id=frame["code"].astype(str) + "\x00" + frame["doc_id"].astype(str))
    values.append(_unitized(pooled, pooled_lengths, names, "2019"))
    return values


# -- the consensus meeting ---------------------------------------------------------------


def disagreements(
    store: ProjectStore,
    coders: Sequence[str],
    *,
    codes: str | Iterable[str] | None = None,
    interviewer: bool = False,
) -> pd.DataFrame:
    """The segments where coders differ, one row per segment and code: the agenda of
    the consensus meeting.

    The segments are those of :func:`agreement` at segment level: the turns and report
    paragraphs of the documents every coder coded at least once (interviewer turns only
    with ``interviewer``); a coder gave a segment a code when one of her codings of it
    starts there.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    coders : sequence of str
        The coders to compare, at least two.
    codes : str or iterable of str, optional
        Only these codes (default: all).
    interviewer : bool, default False
        Also list interviewer turns.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DISAGREEMENT_COLUMNS`: ``segment_id, doc_id, path, speaker, role,
        text`` (the segment), ``code``, ``coded_by`` and ``not_coded_by`` (coder names,
        comma-separated, in the order of ``coders``) and ``memos``: the memos of those
        codings (``anna: ...``) and the segment memos of anyone
        (``anna (segment): ...``), one a line. Sorted by document path, position in the
        document, then code. ``frame.attrs["coders"]`` holds the coders. Save it for
        the meeting with ``frame.to_csv(...)`` or ``frame.to_excel(...)``, or print
        :func:`disagreements_html`.

    Raises
    ------
    CodingError
        A coder has no codings in the store.
    ValueError
        Fewer than two coders.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: De buurt doet mee.\\nR: We kregen subsidie.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> seg = store.segments()["segment_id"].tolist()
    >>> _ = code_segment(store, seg[0], "bereik", coder="anna", memo="iedereen doet mee")
    >>> _ = code_segment(store, seg[1], "financiering", coder="anna")
    >>> _ = code_segment(store, seg[1], "financiering", coder="bas")
    >>> table = disagreements(store, ["anna", "bas"])
    >>> table[["text", "code", "coded_by", "not_coded_by", "memos"]].values.tolist()
    [['De buurt doet mee.', 'bereik', 'anna', 'bas', 'anna: iedereen doet mee']]
    >>> store.close()
    """
    names = _store_coders(store, coders)
    frame = store.codings(coder=names, with_metadata=True)
    code_list = set(_code_list(frame, codes))
    shared = _coded_by_all(frame, names)
    segments = store.segments(with_metadata=True)
    segments = segments[segments["doc_id"].isin(shared)]
    if not interviewer:
        segments = segments[segments["role"] != "interviewer"]
    frame = frame[frame["code"].isin(code_list) & frame["segment_id"].isin(segments["segment_id"])]
    memo_lines: dict[tuple[str, str], list[str]] = {}
    coded: dict[tuple[str, str], set[str]] = {}
    for seg, code, coder, memo in zip(
        frame["segment_id"], frame["code"], frame["coder"], frame["memo"], strict=True
    ):
        coded.setdefault((seg, code), set()).add(coder)
        if isinstance(memo, str) and memo.strip():
            memo_lines.setdefault((seg, code), []).append(f"{coder}: {memo.strip()}")
    on_segment: dict[str, list[str]] = {}
    from .coding.session import segment_memos  # the memos the coding widget writes

    notes = segment_memos(store)
    for seg, author, text in zip(notes["segment_id"], notes["author"], notes["text"], strict=True):
        on_segment.setdefault(str(seg), []).append(f"{author} (segment): {text}")
    by_id = segments.set_index("segment_id")
    records = []
    for (seg, code), who in coded.items():
        if len(who) == len(names):
            continue
        info = by_id.loc[seg]
        records.append(
            {
                "segment_id": seg,
                "doc_id": info["doc_id"],
                "path": info["path"],
                "speaker": info["speaker"] or "",
                "role": info["role"] or "",
                "text": info["text"],
                "code": code,
                "coded_by": ", ".join(n for n in names if n in who),
                "not_coded_by": ", ".join(n for n in names if n not in who),
                "memos": "\n".join(memo_lines.get((seg, code), []) + on_segment.get(seg, [])),
                "_position": int(info["position"]),
            }
        )
    if not records:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in DISAGREEMENT_COLUMNS})
    else:
        out = (
            pd.DataFrame.from_records(records)
            .sort_values(["path", "_position", "code"], kind="mergesort")
            .drop(columns="_position")
            .reset_index(drop=True)
        )
        out = out[DISAGREEMENT_COLUMNS].astype(object)
    out.attrs["coders"] = names
    return out


_STYLE = """
body { font-family: Georgia, serif; max-width: 48em; margin: 2em auto; color: #222; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #999; margin-top: 2em; }
.fragment { border: 1px solid #ccc; padding: .6em 1em; margin: 1em 0; page-break-inside: avoid; }
.wie { color: #555; font-size: .9em; margin: 0 0 .4em 0; }
blockquote { margin: .4em 0 .8em 0; padding-left: .8em; border-left: 3px solid #999;
  white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }
td.memo { white-space: pre-wrap; }
.besluit { margin: .8em 0 0 0; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


def disagreements_html(frame: pd.DataFrame, *, title: str | None = None) -> str:
    """A printable HTML page of :func:`disagreements`, for the consensus meeting.

    One section per document, one box per segment with its text, the codes the coders
    differ on, who did and did not code them, the memos, and room to write the
    decision. Everything from the table is HTML-escaped; the page needs no other file.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table :func:`disagreements` returns (at least its columns).
    title : str, optional
        The page title; default "Verschillen tussen codeurs" and the coders' names.

    Returns
    -------
    str
        A complete HTML document (UTF-8, Dutch headings). Save it and print it from a
        browser: ``pathlib.Path("overleg.html").write_text(page, encoding="utf-8")``.

    Raises
    ------
    ValueError
        ``frame`` lacks some of :data:`DISAGREEMENT_COLUMNS`.

    Examples
    --------
    >>> frame = pd.DataFrame([{"segment_id": "d1-00001", "doc_id": "d1",
    ...     "path": "P01.txt", "speaker": "R", "role": "respondent",
    ...     "text": "Subsidie <krap>", "code": "financiering", "coded_by": "anna",
    ...     "not_coded_by": "bas", "memos": ""}])
    >>> page = disagreements_html(frame)
    >>> "Subsidie &lt;krap&gt;" in page and "<h2>P01.txt</h2>" in page
    True
    """
    missing = [c for c in DISAGREEMENT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"not a table of disagreements: it lacks {', '.join(missing)}")
    coders = frame.attrs.get("coders")
    heading = "Verschillen tussen codeurs"
    if title is None:
        title = heading + (f": {', '.join(map(str, coders))}" if coders else "")

    def esc(value: Any) -> str:
        return (
            ""
            if value is None or (isinstance(value, float) and math.isnan(value))
            else (html.escape(str(value), quote=True))
        )

    n_segments = frame["segment_id"].nunique()
    n_docs = frame["path"].nunique()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        '<head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
    ]
    if frame.empty:
        parts.append("<p>Geen verschillen gevonden: de codeurs zijn het overal eens.</p>")
    else:
        parts.append(
            f"<p>{len(frame)} verschillen in {n_segments} fragmenten uit {n_docs}"
            " documenten. Per fragment: wie de code wel en wie hem niet gaf.</p>"
        )
    for path, doc in frame.groupby("path", sort=False):
        parts.append(f'<section class="document"><h2>{esc(path)}</h2>')
        for seg, rows in doc.groupby("segment_id", sort=False):
            first = rows.iloc[0]
            who = " · ".join(esc(v) for v in (first["speaker"], first["role"], seg) if esc(v))
            parts += [
                '<article class="fragment">',
                f'<p class="wie">{who}</p>',
                f"<blockquote>{esc(first['text'])}</blockquote>",
                "<table><thead><tr><th>Code</th><th>Gecodeerd door</th>"
                "<th>Niet gecodeerd door</th><th>Memo's</th><th>Besluit</th></tr></thead>",
                "<tbody>",
            ]
            for row in rows.itertuples(index=False):
                parts.append(
                    f"<tr><td>{esc(row.code)}</td><td>{esc(row.coded_by)}</td>"
                    f'<td>{esc(row.not_coded_by)}</td><td class="memo">{esc(row.memos)}</td>'
                    "<td></td></tr>"
                )
            parts += ["</tbody></table>", "</article>"]
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
