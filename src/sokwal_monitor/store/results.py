"""Analyses' results kept in the store: topic models and their assignments."""

from __future__ import annotations

from .connection import StoreBase

__all__ = ["ResultOps"]


class ResultOps(StoreBase):
    """Topic models and other kept results (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """
