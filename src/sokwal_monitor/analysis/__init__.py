"""Retrieval and counts over codings: quotes in context, frequencies, co-occurrence.

Every function reads the project store and returns a tidy pandas DataFrame with a fixed
set of columns in a fixed row order, so that two runs on the same store give the same
table, and tables can be saved, merged and plotted without surprises.

* :func:`quotes`: the coded passages with the words before and after them (KWIC).
* :func:`code_frequencies`: how often each code occurs, per project, wave, role, ...
* :func:`cooccurrence` and :func:`cooccurrence_matrix`: which codes occur together,
  with ATLAS.ti's c-coefficient.
* :func:`search`: words, phrases, lemmas and word beginnings in the whole store, as
  exact spans with their context.
* :func:`case_code_matrix`: a 0/1 table of cases (documents or projects) by codes.
* :func:`plot_frequencies` and :func:`plot_cooccurrence`: figures (matplotlib).

Examples
--------
>>> import pathlib, tempfile
>>> from sokwal_monitor import ProjectStore, ingest
>>> from sokwal_monitor.coding import code_quote
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> text = "I: Wat heeft u geleerd?\\nR: Dat samenwerken met de buurt tijd kost.\\n"
>>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(store, root)
>>> _ = code_quote(store, "P01_2018_interview.txt", "samenwerken", "samenwerking", coder="anna")
>>> quotes(store, "samenwerking")[["quote", "role"]].to_dict("records")
[{'quote': 'samenwerken', 'role': 'respondent'}]
>>> code_frequencies(store).to_dict("records")
[{'project_id': 'P01', 'code': 'samenwerking', 'n': 1, 'share': 1.0}]
>>> store.close()
"""

from __future__ import annotations

import pandas as pd

from ..store import ProjectStore, register_table
from .cooccur import COOCCURRENCE_COLUMNS, cooccurrence, cooccurrence_matrix
from .counts import BY_COLUMNS, case_code_matrix, code_frequencies
from .figures import plot_cooccurrence, plot_frequencies
from .kwic import QUOTE_COLUMNS, quotes
from .quantitize import quantitized_codes
from .search import SEARCH_COLUMNS, parse_query, search

__all__ = [
    "BY_COLUMNS",
    "COOCCURRENCE_COLUMNS",
    "QUOTE_COLUMNS",
    "SEARCH_COLUMNS",
    "case_code_matrix",
    "code_frequencies",
    "cooccurrence",
    "cooccurrence_matrix",
    "parse_query",
    "plot_cooccurrence",
    "plot_frequencies",
    "quotes",
    "search",
]


def _quantitized_table(store: ProjectStore, coder: str | None = None) -> pd.DataFrame:
    """``sokwal export quantitized [--coder NAME]``: documents × codes, 0/1."""
    return quantitized_codes(store, coder=coder)


register_table(
    "quantitized",
    _quantitized_table,
    "one row per text document, a 0/1 column per code",
    options=("coder",),
    order=125,
)
