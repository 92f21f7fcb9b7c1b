"""Coding: manual codings, rule codings from a codebook's patterns, model suggestions,
coding sessions, and their provenance.

The package's parts: :mod:`.base` (``Coding``, ``CodingRun``, ``save_codebook``),
:mod:`.manual` (coding by span, segment or quote; memos), :mod:`.rules` (rule coding,
``code_store``), :mod:`.suggestions` (model suggestions, ``suggest``) and
:mod:`.session` (``CodingSession``). The verbs take the store first.

>>> from sokwal_monitor.coding import code_quote, add_coding
>>> callable(code_quote) and callable(add_coding)
True
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .base import Coding, CodingRun, coding_id, save_codebook
from .manual import (
    QuoteImportReport,
    add_coding,
    add_memo,
    code_quote,
    code_segment,
    find_quote,
    import_quotes,
    remove_coding,
    remove_codings,
)
from .rules import code_store
from .session import CodingSession

if TYPE_CHECKING:
    from .suggestions import suggest

__all__ = [
    "Coding",
    "CodingRun",
    "CodingSession",
    "QuoteImportReport",
    "add_coding",
    "add_memo",
    "code_quote",
    "code_segment",
    "code_store",
    "coding_id",
    "find_quote",
    "import_quotes",
    "remove_coding",
    "remove_codings",
    "save_codebook",
    "suggest",
]


def __getattr__(name: str) -> Any:
    """``suggest`` on first use: the suggestions need scikit-learn, which importing
    sokwal-monitor does not load."""
    if name == "suggest":
        from .suggestions import suggest

        return suggest
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
