"""Agreement of two coders, one label per unit: percent agreement, Cohen's kappa (also
weighted) and Brennan and Prediger's kappa, with the checks of their input."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

_WEIGHTS = (None, "linear", "quadratic")


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
