"""Coding: manual codings, rule codings from a codebook's patterns, and their provenance.

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

__all__ = [
    "Coding",
    "CodingRun",
    "QuoteImportReport",
    "add_coding",
    "add_memo",
    "code_quote",
    "code_segment",
    "coding_id",
    "find_quote",
    "import_quotes",
    "remove_coding",
    "remove_codings",
    "save_codebook",
]
