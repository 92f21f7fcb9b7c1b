"""Moved to :mod:`sokwal_monitor.analysis.evaluate` (kept so old imports keep working)."""

from .analysis.evaluate import EVALUATION_COLUMNS, MICRO, evaluate

__all__ = ["EVALUATION_COLUMNS", "MICRO", "evaluate"]
