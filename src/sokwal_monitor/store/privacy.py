"""Pseudonymization's reads and writes: texts, offsets, speakers, titles, the run log, scrubbing."""

from __future__ import annotations

from .connection import StoreBase

__all__ = ["PrivacyOps"]


class PrivacyOps(StoreBase):
    """Pseudonymization's reads and writes (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """
