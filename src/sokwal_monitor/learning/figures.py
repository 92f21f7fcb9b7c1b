"""The figure of the ``learning_effects`` table: one project's changes as bars with
their 95 % intervals. matplotlib is imported only when a figure is drawn."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .schema import _check_table

if TYPE_CHECKING:
    from matplotlib.axes import Axes

_AXIS_LABELS = {
    ("nl", "segments"): "Verandering in aandeel fragmenten (procentpunten)",
    ("nl", "documents"): "Verandering in aandeel documenten (procentpunten)",
    ("en", "segments"): "Change in the share of segments (percentage points)",
    ("en", "documents"): "Change in the share of documents (percentage points)",
}
_TITLES = {"nl": "Leereffecten project {}", "en": "Learning effects of project {}"}


def plot_learning_effects(
    frame: pd.DataFrame,
    *,
    project_id: str,
    ax: Axes | None = None,
    top: int = 10,
    lang: str = "nl",
) -> Axes:
    """A horizontal bar chart of one project's changes, with the 95 % intervals.

    One bar per code and pair of waves (the pair is named when there are several), the
    ``top`` largest changes (by ``|delta|``), the largest at the top; growth in one
    colour, decline in another.

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`learning_effects` returns.
    project_id : str
        The project to draw.
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.
    top : int, default 10
        At most this many bars.
    lang : {"nl", "en"}, default "nl"
        The language of the title and the axis label.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> table = pd.DataFrame({"project_id": ["P01", "P01"], "from_wave": ["w1", "w1"],
    ...     "to_wave": ["w2", "w2"], "kind": ["code", "code"], "label": ["a", "b"],
    ...     "before": [0.1, 0.5], "after": [0.4, 0.4], "delta": [0.3, -0.1],
    ...     "ci_low": [0.1, -0.3], "ci_high": [0.5, 0.1], "n_before": [20, 20],
    ...     "n_after": [25, 25], "example_segment_ids": [[], []]})
    >>> ax = plot_learning_effects(table, project_id="P01")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    >>> plt.close("all")
    """
    _check_table(frame)
    if top < 1:
        raise ValueError(f"top must be 1 or more, not {top}")
    if lang not in _TITLES:
        raise ValueError(f"lang must be one of {', '.join(_TITLES)}, not {lang!r}")
    data = frame[frame["project_id"] == project_id]
    if data.empty:
        raise ValueError(f"nothing to plot: the table has no rows for project {project_id!r}")
    data = data.assign(_size=data["delta"].abs()).sort_values(
        ["_size", "label"], ascending=[False, True], kind="mergesort"
    )
    data = data.head(top)
    several = len(data[["from_wave", "to_wave"]].drop_duplicates()) > 1
    labels = [
        f"{r.label} ({r.from_wave}→{r.to_wave})" if several else str(r.label)
        for r in data.itertuples(index=False)
    ]
    delta = data["delta"].to_numpy(dtype=float) * 100
    low = np.nan_to_num(delta - data["ci_low"].to_numpy(dtype=float) * 100)
    high = np.nan_to_num(data["ci_high"].to_numpy(dtype=float) * 100 - delta)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7.0, 1.5 + 0.4 * len(data)), layout="constrained")
    positions = np.arange(len(data))
    colours = ["#2a7f62" if d >= 0 else "#b5443b" for d in delta]
    ax.barh(positions, delta, xerr=np.vstack([low, high]), color=colours, capsize=3)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(positions, labels=labels)
    ax.invert_yaxis()
    unit = str(frame.attrs.get("unit"))
    ax.set_xlabel(_AXIS_LABELS.get((lang, unit), _AXIS_LABELS[(lang, "segments")]))
    ax.set_title(_TITLES[lang].format(project_id))
    return ax
