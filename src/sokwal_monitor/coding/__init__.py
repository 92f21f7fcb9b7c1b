"""Coding: manual codings, rule codings from a codebook's patterns, model suggestions,
coding sessions, and their provenance.

The package's parts: :mod:`.base` (``Coding``, ``CodingRun``, ``save_codebook``),
:mod:`.manual` (coding by span, segment or quote; memos), :mod:`.rules` (rule coding,
``code_store``), :mod:`.suggestions` (model suggestions, ``suggest``; imported on first
use, as it needs scikit-learn) and :mod:`.session` (``CodingSession``). The verbs
take the store first.

>>> from sokwal_monitor.coding import code_quote, add_coding
>>> callable(code_quote) and callable(add_coding)
True
"""

from __future__ import annotations

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
]
