"""Figures of a topic fit: topic sizes, shares per wave, shares per project."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pandas as pd

from .result import TopicModelResult

if TYPE_CHECKING:
    from matplotlib.axes import Axes


def plot_topic_sizes(result: TopicModelResult, *, ax: Axes | None = None) -> Axes:
    """Horizontal bars: the number of units per topic (outliers in grey).

    >>> import matplotlib.pyplot as plt
    >>> from sokwal_monitor.topics.tables import _demo
    >>> _, result = _demo()
    >>> len(plot_topic_sizes(result).patches)
    2
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt

    info = result.info.sort_values("size")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, max(2.5, 0.35 * len(info))))
    colors = ["#bbbbbb" if t == -1 else "#2b6c8f" for t in info["topic"]]
    names = [
        f"{t}: {lab}" if t >= 0 else lab
        for t, lab in zip(info["topic"], info["label"], strict=True)
    ]
    ax.barh(names, info["size"], color=colors)
    ax.set_xlabel("Aantal fragmenten")
    ax.set_title("Onderwerpen")
    return ax


def _shares_matrix(table: pd.DataFrame, by: str, top: int) -> pd.DataFrame:
    table = table[table["topic"] >= 0]
    keep = table.groupby("label")["n"].sum().sort_values(ascending=False).index[:top]
    order = list(dict.fromkeys(table[by]))
    wide = table[table["label"].isin(keep)].pivot_table(
        index=by, columns="label", values="share", aggfunc="sum", fill_value=0.0
    )
    return wide.reindex(index=order, columns=list(keep), fill_value=0.0)


def plot_topics_per_wave(per_wave: pd.DataFrame, *, top: int = 8, ax: Axes | None = None) -> Axes:
    """Lines: the share of each of the ``top`` largest topics per wave (a
    :func:`topics_per_wave` table).

    >>> import matplotlib.pyplot as plt
    >>> from sokwal_monitor.topics.tables import _demo, topics_per_wave
    >>> store, result = _demo()
    >>> len(plot_topics_per_wave(topics_per_wave(result, store)).get_lines())
    2
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt

    wide = _shares_matrix(per_wave, "wave", top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for label in wide.columns:
        ax.plot(wide.index.astype(str), wide[label], marker="o", label=label)
    ax.set_xlabel("Golf")
    ax.set_ylabel("Aandeel fragmenten")
    ax.legend(fontsize="small", loc="best")
    return ax


def plot_topics_per_project(
    per_project: pd.DataFrame, *, top: int = 8, ax: Axes | None = None
) -> Axes:
    """Heat map: the share of each of the ``top`` largest topics per project (a
    :func:`topics_per_project` table).

    >>> import matplotlib.pyplot as plt
    >>> from sokwal_monitor.topics.tables import _demo, topics_per_project
    >>> store, result = _demo()
    >>> ax = plot_topics_per_project(topics_per_project(result, store))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['koken', 'subsidie']
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt

    wide = _shares_matrix(per_project, "project_id", top)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 + 0.9 * len(wide.columns), 1 + 0.45 * len(wide)))
    image = ax.imshow(wide.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(len(wide.columns)), wide.columns, rotation=45, ha="right")
    ax.set_yticks(range(len(wide.index)), [str(i) for i in wide.index])
    ax.figure.colorbar(image, ax=ax, label="Aandeel fragmenten")
    return ax
