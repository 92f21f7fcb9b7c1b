"""Figures (matplotlib) of the frequency and co-occurrence tables.

matplotlib is imported only when a figure is drawn: importing this module needs none.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from ._common import _check_columns
from .cooccur import cooccurrence_matrix

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["plot_cooccurrence", "plot_frequencies"]

# Dutch axis labels for the province's figures, per counting unit.
_UNIT_LABELS = {
    "codings": "Aantal codeermomenten",
    "segments": "Aantal gecodeerde fragmenten",
    "documents": "Aantal documenten",
}
_MISSING_LABEL = "(onbekend)"


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # here: importing the module needs no matplotlib

    _, new = plt.subplots(figsize=size)
    return new


def plot_frequencies(
    freq_frame: pd.DataFrame, *, ax: Axes | None = None, top: int | None = None
) -> Axes:
    """A horizontal bar chart of a :func:`code_frequencies` table.

    Bars are stacked by the values of the first ``by`` column (the others are summed);
    the most frequent code is at the top.

    Parameters
    ----------
    freq_frame : pandas.DataFrame
        What :func:`code_frequencies` returns (columns ``*by, code, n``).
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.
    top : int, optional
        Only the ``top`` codes with the largest total count.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> freq = pd.DataFrame({"project_id": ["P01", "P01", "P02"],
    ...                      "code": ["financiering", "samenwerking", "financiering"],
    ...                      "n": [3, 1, 2], "share": [0.75, 0.25, 1.0]})
    >>> ax = plot_frequencies(freq)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['financiering', 'samenwerking']
    >>> plt.close("all")
    """
    from matplotlib.ticker import MaxNLocator

    _check_columns(freq_frame, ("code", "n"), "code_frequencies")
    if freq_frame.empty:
        raise ValueError("nothing to plot: the frequency table is empty (no codings)")
    if top is not None and top < 1:
        raise ValueError(f"top must be 1 or more, not {top}")
    by = list(freq_frame.columns[: list(freq_frame.columns).index("code")])
    group = by[0] if by else None
    totals = freq_frame.groupby("code")["n"].sum()
    codes = sorted(totals.index, key=lambda c: (-totals[c], c))[:top]
    data = freq_frame[freq_frame["code"].isin(codes)]
    labels = (
        data[group].map(lambda v: _MISSING_LABEL if pd.isna(v) else str(v))
        if group
        else pd.Series("", index=data.index)
    )
    table = data.assign(_group=labels).pivot_table(
        index="code", columns="_group", values="n", aggfunc="sum", fill_value=0
    )
    # groups in the table's own order (missing last), codes by total count
    table = table.reindex(index=codes, columns=list(dict.fromkeys(labels)), fill_value=0)
    ax = _axes(ax, (7.0, 1.5 + 0.4 * len(codes)))
    positions = np.arange(len(codes))
    left = np.zeros(len(codes))
    for name in table.columns:
        counts = table[name].to_numpy(dtype=float)
        ax.barh(positions, counts, left=left, label=str(name) if group else None)
        left += counts
    ax.set_yticks(positions, labels=codes)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.5 ticks
    ax.set_xlabel(_UNIT_LABELS.get(str(freq_frame.attrs.get("unit")), "Aantal"))
    ax.set_ylabel("Code")
    if group:
        ax.legend(title=group, frameon=False)
    return ax


def plot_cooccurrence(
    cooc_frame: pd.DataFrame, *, value: Literal["c", "n_ab"] = "c", ax: Axes | None = None
) -> Axes:
    """A heatmap of a :func:`cooccurrence` table with the value written in each cell.

    The diagonal (a code with itself) is left blank.

    Parameters
    ----------
    cooc_frame : pandas.DataFrame
        What :func:`cooccurrence` returns.
    value : {"c", "n_ab"}, default "c"
        Colour by the c-coefficient or by the number of co-occurrences.
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> pairs = pd.DataFrame({"code_a": ["a"], "code_b": ["b"], "n_a": [2], "n_b": [1],
    ...                       "n_ab": [1], "c": [0.5]})
    >>> ax = plot_cooccurrence(pairs)
    >>> sorted(t.get_text() for t in ax.texts)
    ['0.50', '0.50']
    >>> plt.close("all")
    """
    matrix = cooccurrence_matrix(cooc_frame, value=value)
    if matrix.empty:
        raise ValueError("nothing to plot: no two codes occur together")
    size = len(matrix)
    ax = _axes(ax, (2.5 + 0.6 * size, 2.0 + 0.6 * size))
    values = matrix.to_numpy(dtype=float)
    masked = np.ma.masked_where(np.eye(size, dtype=bool), values)
    off = values[~np.eye(size, dtype=bool)]
    vmax = 1.0 if value == "c" else max(1.0, float(off.max()))
    image = ax.imshow(masked, cmap="Blues", vmin=0.0, vmax=vmax)
    for i in range(size):
        for j in range(size):
            if i == j:
                continue
            cell = values[i, j]
            text = f"{cell:.2f}" if value == "c" else f"{int(cell)}"
            colour = "white" if cell > 0.6 * vmax else "black"
            ax.text(j, i, text, ha="center", va="center", color=colour, fontsize=8)
    codes = [str(c) for c in matrix.index]
    ax.set_xticks(range(size), labels=codes, rotation=45, ha="right")
    ax.set_yticks(range(size), labels=codes)
    label = "c-coëfficiënt" if value == "c" else "Aantal keer samen"
    figure = ax.get_figure()
    if figure is not None:
        figure.colorbar(image, ax=ax, label=label)
    ax.set_title("Samen voorkomen van codes")
    return ax
