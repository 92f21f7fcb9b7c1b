"""Moved to :mod:`sokwal_monitor.coding.suggestions` (issue 13); kept for old imports."""

from .suggestions import *  # noqa: F403
from .suggestions import __all__ as __all__
