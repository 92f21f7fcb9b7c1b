"""A short Dutch text from the ``learning_effects`` table (plain text that is also
valid Markdown), per pair of waves: what is new, grew, shrank, disappeared, or stayed."""

from __future__ import annotations

import math
import re

import numpy as np
import pandas as pd

from ..store import ProjectStore
from .schema import _check_table, wave_sort_key

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|])")
_UNIT_WORDS = {"segments": "fragmenten van respondenten", "documents": "documenten"}


def _plain(text: object) -> str:
    """One line of text with Markdown's special characters escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def _pct(share: float) -> str:
    """A share as a Dutch percentage: ``0.125`` → ``"13%"``, ``0.004`` → ``"0,4%"``."""
    value = share * 100
    if 0 < abs(value) < 1:
        return f"{value:.1f}%".replace(".", ",")
    return f"{round(value):d}%"


def _points(delta: float) -> str:
    """Percentage points with a sign: ``0.23`` → ``"+23"``."""
    value = delta * 100
    text = f"{value:+.1f}" if 0 < abs(value) < 1 else f"{round(value):+d}"
    return text.replace(".", ",")


def _shorten(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at a word boundary to at most about ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-") + "…"


def _segment_text(store: ProjectStore, segment_id: str) -> str | None:
    return store.segment_text(segment_id)


def _category(row: pd.Series) -> str:
    before, after, delta = float(row["before"]), float(row["after"]), float(row["delta"])
    low, high = float(row["ci_low"]), float(row["ci_high"])
    if before == 0 < after:
        return "nieuw"
    if after == 0 < before:
        return "verdwenen"
    no_ci = math.isnan(low) or math.isnan(high)
    if delta > 0 and (low > 0 or no_ci):
        return "gegroeid"
    if delta < 0 and (high < 0 or no_ci):
        return "afgenomen"
    return "gelijk"


_HEADINGS = {
    "nieuw": "Nieuw",
    "gegroeid": "Gegroeid",
    "afgenomen": "Afgenomen",
    "verdwenen": "Verdwenen",
    "gelijk": "Geen duidelijke verandering",
}


def summarize_learning(
    frame: pd.DataFrame,
    store: ProjectStore | None = None,
    *,
    project_id: str,
    quotes: bool = True,
    max_items: int = 5,
) -> str:
    """A short Dutch summary of one project's learning effects, made from the table.

    Per pair of waves it lists, in this order, what is new (``before`` 0, ``after``
    more), what grew (``delta`` > 0 and the interval above 0), what shrank (``delta`` < 0
    and the interval below 0), what disappeared (``after`` 0), and what shows no clear
    change (the interval includes 0). Without an interval (``n_boot=0``) the sign of
    ``delta`` decides. Each item reads like "leereffect, van 12% naar 35%".

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`learning_effects` returns (it may hold several projects).
    store : ProjectStore, optional
        The store the table was made from: needed for quotes, and to say how many waves
        a project without rows has.
    project_id : str
        The project to summarize.
    quotes : bool, default True
        With a store, quote the first example segment of each item (except the items
        without a clear change) in Dutch quotation marks, cut to about 200 characters.
    max_items : int, default 5
        At most this many items per group; the rest are counted ("en nog 3 andere").

    Returns
    -------
    str
        Plain text that is also valid Markdown (special characters are escaped, and
        line breaks inside quotes are replaced by spaces).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame([{
    ...     "project_id": "P01", "from_wave": "2018", "to_wave": "2019", "kind": "code",
    ...     "label": "leereffect", "before": 0.12, "after": 0.35, "delta": 0.23,
    ...     "ci_low": 0.05, "ci_high": 0.4, "n_before": 25, "n_after": 20,
    ...     "example_segment_ids": []}])
    >>> print(summarize_learning(table, project_id="P01"))
    Leereffecten van project P01
    <BLANKLINE>
    Van 2018 naar 2019 (25 en 20 fragmenten van respondenten):
    - Gegroeid: leereffect, van 12% naar 35% (+23 procentpunten; 95%-interval +5 tot +40).
    >>> print(summarize_learning(table, project_id="P02"))
    Leereffecten van project P02
    <BLANKLINE>
    Geen vergelijking tussen meetmomenten: minder dan twee meetmomenten, of geen codes.
    """
    if max_items < 1:
        raise ValueError(f"max_items must be 1 or more, not {max_items}")
    _check_table(frame)
    lines = [f"Leereffecten van project {_plain(project_id)}", ""]
    rows = frame[frame["project_id"] == project_id]
    if rows.empty:
        lines.append(_no_rows(store, project_id))
        return "\n".join(lines)
    unit_words = _UNIT_WORDS.get(str(frame.attrs.get("unit", "segments")), "eenheden")
    pairs = rows[["from_wave", "to_wave"]].drop_duplicates()
    for i, (first, second) in enumerate(pairs.itertuples(index=False)):
        pair = rows[(rows["from_wave"] == first) & (rows["to_wave"] == second)]
        if i:
            lines.append("")
        head = pair.iloc[0]
        lines.append(
            f"Van {_plain(first)} naar {_plain(second)} ({int(head['n_before'])} en"
            f" {int(head['n_after'])} {unit_words}):"
        )
        groups: dict[str, list[pd.Series]] = {key: [] for key in _HEADINGS}
        for _, row in pair.iterrows():
            groups[_category(row)].append(row)
        if not any(groups[key] for key in _HEADINGS if key != "gelijk"):
            lines.append("- Geen duidelijke veranderingen.")
        for key, heading in _HEADINGS.items():
            items = groups[key]
            if not items:
                continue
            if key == "gelijk":
                text = "; ".join(_item(row, detail=False) for row in items[:max_items])
                lines.append(f"- {heading}: {text}{_more(len(items), max_items)}.")
                continue
            for row in items[:max_items]:
                line = f"- {heading}: {_item(row, detail=key in ('gegroeid', 'afgenomen'))}."
                quote = _quote(store, row) if quotes else None
                lines.append(line if quote is None else f"{line} „{quote}”")
            if len(items) > max_items:
                lines.append(f"- ({heading.lower()}:{_more(len(items), max_items)[1:]})")
    return "\n".join(lines)


def _item(row: pd.Series, *, detail: bool) -> str:
    label = _plain(row["label"])
    if row.get("kind") == "topic":  # a topic's label is a list of words: say what it is
        label = f"onderwerp ({label})"
    change = f"van {_pct(float(row['before']))} naar {_pct(float(row['after']))}"
    if not detail:
        return f"{label} ({change})"
    text = f"{label}, {change} ({_points(float(row['delta']))} procentpunten"
    low, high = float(row["ci_low"]), float(row["ci_high"])
    if not (math.isnan(low) or math.isnan(high)):
        text += f"; 95%-interval {_points(low)} tot {_points(high)}"
    return text + ")"


def _more(count: int, shown: int) -> str:
    rest = count - shown
    if rest <= 0:
        return ""
    return f", en nog {rest} {'andere' if rest > 1 else 'andere code'}"


def _quote(store: ProjectStore | None, row: pd.Series) -> str | None:
    ids = row["example_segment_ids"]
    if store is None or not isinstance(ids, list | tuple | np.ndarray) or len(ids) == 0:
        return None
    text = _segment_text(store, str(ids[0]))
    return None if not text or not text.strip() else _plain(_shorten(text))


def _no_rows(store: ProjectStore | None, project_id: str) -> str:
    if store is not None:
        docs = store.documents()
        waves = docs.loc[docs["project_id"] == project_id, "wave"].dropna().astype(str)
        found = sorted({w for w in waves if w.strip()}, key=wave_sort_key)
        if not found:
            return "Geen documenten met een meetmoment voor dit project."
        if len(found) == 1:
            return (
                f"Er is maar één meetmoment ({_plain(found[0])}); veranderingen zijn nog"
                " niet te zien."
            )
        return (
            f"Geen veranderingen te melden tussen {', '.join(_plain(w) for w in found)}:"
            " er zijn geen gecodeerde fragmenten van respondenten."
        )
    return "Geen vergelijking tussen meetmomenten: minder dan twee meetmomenten, of geen codes."
