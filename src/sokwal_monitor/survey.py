"""Moved to :mod:`sokwal_monitor.ingestion.surveys` (issue 13); kept for old notebooks."""

from .ingestion.surveys import *  # noqa: F403
from .ingestion.surveys import __all__ as __all__
