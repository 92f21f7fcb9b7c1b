"""Moved to :mod:`sokwal_monitor.analysis.quantitize` (kept so old imports keep working)."""

from .analysis.quantitize import export_quantitized, quantitized_codes

__all__ = ["export_quantitized", "quantitized_codes"]
