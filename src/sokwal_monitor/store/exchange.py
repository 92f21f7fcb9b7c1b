"""Exchange's reads and writes: REFI-QDA import and export, merging stores."""

from __future__ import annotations

from .connection import StoreBase

__all__ = ["ExchangeOps"]


class ExchangeOps(StoreBase):
    """REFI-QDA import/export and merging (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """
