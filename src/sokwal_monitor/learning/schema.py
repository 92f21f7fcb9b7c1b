"""The ``learning_effects`` table's columns and dtypes, the natural order of waves, and
the check that a frame is such a table (shared by the table, the summary and the figure).
"""

from __future__ import annotations

import re
from typing import Any

import pandas as pd

#: Columns of :func:`learning_effects` (the ``learning_effects`` table), in this order.
LEARNING_COLUMNS = [
    "project_id",
    "from_wave",
    "to_wave",
    "kind",
    "label",
    "before",
    "after",
    "delta",
    "ci_low",
    "ci_high",
    "n_before",
    "n_after",
    "example_segment_ids",
]
_DTYPES = {
    "before": "float64",
    "after": "float64",
    "delta": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "n_before": "int64",
    "n_after": "int64",
}
_DIGITS = re.compile(r"(\d+)")


def wave_sort_key(wave: str) -> tuple[Any, ...]:
    """A key that sorts wave names naturally: numbers inside a name compare as numbers.

    >>> sorted(["w10", "w2", "w1"], key=wave_sort_key)
    ['w1', 'w2', 'w10']
    >>> sorted(["2019", "2018"], key=wave_sort_key)
    ['2018', '2019']
    """
    parts = _DIGITS.split(str(wave).strip().lower())  # text, number, text, number, ...
    key = tuple(int(p) if i % 2 else p for i, p in enumerate(parts))
    return (key, str(wave))


def _check_table(frame: pd.DataFrame) -> None:
    """Raise ``ValueError`` when ``frame`` lacks a column of :data:`LEARNING_COLUMNS`."""
    missing = [c for c in LEARNING_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)}; pass what"
            " learning_effects() returns"
        )
