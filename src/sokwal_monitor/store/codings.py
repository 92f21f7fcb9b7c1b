"""Coding's reads and writes: codings, coding runs, kept codebooks, memos."""

from __future__ import annotations

from .connection import StoreBase

__all__ = ["CodingOps"]


class CodingOps(StoreBase):
    """Codings, coding runs, codebooks and memos (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """
