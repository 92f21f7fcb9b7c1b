"""The figures of an outcome summary: codes per wave and survey means per wave.

matplotlib is imported only when a figure is drawn. Each function draws on ``ax`` (a new
figure when None) and returns the Axes, like pandas' plotting functions.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .text import say

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .project import ProjectSummary

__all__ = ["plot_codes_per_wave", "plot_survey_means"]

_COLOURS = ("#1b6f8a", "#e07b39", "#6a9a3a", "#8a5aa8", "#c9484f", "#7a7a7a")


def _axes(ax: Axes | None, width: float, height: float) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt

    return plt.figure(figsize=(width, height), layout="constrained").add_subplot()


def plot_codes_per_wave(summary: ProjectSummary, *, ax: Axes | None = None, top: int = 12) -> Axes:
    """Grouped horizontal bars: per code, the share of evidence segments per wave.

    The ``top`` codes with the largest share in any wave, the largest at the top.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from types import SimpleNamespace
    >>> table = pd.DataFrame({"wave": ["2018", "2019", "2019"], "code": ["a", "a", "b"],
    ...     "n": [1, 3, 1], "n_units": [10, 10, 10], "share": [0.1, 0.3, 0.1]})
    >>> ax = plot_codes_per_wave(SimpleNamespace(codes_per_wave=table, lang="en"))
    >>> [t.get_text() for t in ax.get_yticklabels()], len(ax.patches)
    (['b', 'a'], 4)
    >>> plt.close("all")
    """
    table = summary.codes_per_wave
    waves = list(dict.fromkeys(table["wave"]))
    wide = table.pivot_table(index="code", columns="wave", values="share", fill_value=0.0)
    wide = wide.reindex(columns=waves, fill_value=0.0)
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=False, kind="mergesort").index[:top]]
    wide = wide.iloc[::-1]  # matplotlib draws the first row at the bottom
    ax = _axes(ax, 7.5, 0.45 * max(len(wide), 2) + 1.2)
    height = 0.8 / max(len(waves), 1)
    y = np.arange(len(wide))
    for i, wave in enumerate(waves):
        offset = (len(waves) - 1 - i) * height - 0.4 + height / 2
        ax.barh(
            y + offset,
            wide[wave].to_numpy() * 100,
            height=height,
            color=_COLOURS[i % len(_COLOURS)],
            label=str(wave),
        )
    ax.set_yticks(y, [str(c).replace("_", " ") for c in wide.index])
    ax.set_xlabel(f"{say('share', summary.lang)} (%)")
    if waves:
        ax.legend(title=say("wave", summary.lang), loc="lower right", frameon=False)
    ax.spines[["top", "right"]].set_visible(False)
    return ax


def plot_survey_means(summary: ProjectSummary, *, ax: Axes | None = None) -> Axes:
    """Survey means per wave with their 95% intervals, one panel row per variable.

    Variables are drawn on one axis when they share a scale; each line is a variable,
    each point a wave, the bars its interval.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> from types import SimpleNamespace
    >>> survey = pd.DataFrame({"wave": ["2018", "2019"], "variable": ["x", "x"],
    ...     "variable_label": ["Tevreden", "Tevreden"], "statistic": ["mean", "mean"],
    ...     "value": [3.0, 3.5], "ci_low": [2.5, 3.1], "ci_high": [3.5, 3.9], "n": [9, 11]})
    >>> ax = plot_survey_means(SimpleNamespace(survey=survey, lang="nl"))
    >>> [t.get_text() for t in ax.get_legend().get_texts()]
    ['Tevreden']
    >>> plt.close("all")
    """
    means: pd.DataFrame = summary.survey[summary.survey["statistic"] == "mean"]
    waves = list(dict.fromkeys(means["wave"]))
    ax = _axes(ax, 7.5, 3.6)
    x = {w: i for i, w in enumerate(waves)}
    variables = list(dict.fromkeys(means["variable"]))
    for i, variable in enumerate(variables):
        rows = means[means["variable"] == variable]
        label = rows["variable_label"].iloc[0]
        label = label if isinstance(label, str) and label else variable
        xs = rows["wave"].map(x).to_numpy(dtype=float) + (i - (len(variables) - 1) / 2) * 0.06
        low = (rows["value"] - rows["ci_low"]).fillna(0).clip(lower=0).to_numpy()
        high = (rows["ci_high"] - rows["value"]).fillna(0).clip(lower=0).to_numpy()
        ax.errorbar(
            xs,
            rows["value"].to_numpy(),
            yerr=np.vstack([low, high]),
            marker="o",
            capsize=4,
            color=_COLOURS[i % len(_COLOURS)],
            label=label if len(label) <= 60 else label[:57] + "…",
        )
    ax.set_xticks(range(len(waves)), [str(w) for w in waves])
    ax.set_xlabel(say("wave", summary.lang))
    ax.set_ylabel(say("mean", summary.lang))
    if variables:
        ax.legend(frameon=False, fontsize="small", loc="best")
    ax.spines[["top", "right"]].set_visible(False)
    return ax
