"""The ``learning_effects`` table's columns and dtypes, the natural order of waves, and
the check that a frame is such a table (shared by the table, the summary and the figure).
"""

from __future__ import annotations

import pandas as pd

from ..model import wave_sort_key

__all__ = ["LEARNING_COLUMNS", "wave_sort_key"]

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


def _check_table(frame: pd.DataFrame) -> None:
    """Raise ``ValueError`` when ``frame`` lacks a column of :data:`LEARNING_COLUMNS`."""
    missing = [c for c in LEARNING_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)}; pass what"
            " learning_effects() returns"
        )
