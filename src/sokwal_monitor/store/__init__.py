"""ProjectStore: one SQLite file that holds a project's documents, segments and codings.

The store is the only state of the toolkit: every stage reads and writes it, so a
notebook picks up where the command line left off. It runs with foreign keys on,
write-ahead logging and a busy timeout (several notebooks may share one store), and
every change happens inside :meth:`ProjectStore.transaction`: either all of it is
written or none.

This package owns the data: the schema and its migrations (``schema.py``), the
connection (``connection.py``), the tidy tables as filtered views (``reads.py``), the
named write operations of each stage (``ingestion.py``, ``privacy.py``, ``codings.py``,
``exchange.py``, ``results.py``, ``lessons.py``, ``library.py``, ``designlab.py``), the
full-text search index (``search.py``) and the registry of exportable tables
(``registry.py``). No module outside it writes SQL, and it imports no analysis.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.sokwal"
>>> with ProjectStore(path) as store:
...     store.schema_version >= 3
...     list(store.documents().columns[:4])
True
['doc_id', 'path', 'project_id', 'wave']
"""

from __future__ import annotations

from collections.abc import Callable
from os import PathLike
from typing import Any

import pandas as pd

from .codings import CodingOps
from .connection import StoreBase, now
from .designlab import DesignlabOps
from .exchange import ExchangeOps
from .ingestion import IngestionOps
from .lessons import LessonOps
from .library import LibraryOps
from .privacy import PrivacyOps
from .reads import TableReads
from .registry import TableSpec, read_table, register_table, table_names, table_spec
from .results import ResultOps
from .search import SearchOps

__all__ = [
    "ProjectStore",
    "StoreLike",
    "TableSpec",
    "now",
    "open_store",
    "read_table",
    "register_table",
    "table_names",
]


class ProjectStore(
    TableReads,
    IngestionOps,
    PrivacyOps,
    CodingOps,
    ExchangeOps,
    ResultOps,
    SearchOps,
    LessonOps,
    LibraryOps,
    DesignlabOps,
    StoreBase,
):
    """A project store in one SQLite file (conventionally ``*.sokwal``).

    Parameters
    ----------
    path : str or PathLike
        The store file; created (with its folder) when it does not exist.
    create : bool, default True
        When False, a missing file is an error instead of a new store.
    timeout : float, default 30
        Seconds to wait for another process holding the write lock.

    Raises
    ------
    StoreError
        The file is not a SQLite database, belongs to another program, or was written
        by a newer sokwal-monitor.
    """

    def __enter__(self) -> ProjectStore:
        return self

    def table(self, name: str) -> pd.DataFrame:
        """Any registered tidy table by name, as ``sokwal export`` writes it.

        The store's own tables (``documents``, ``segments``, ``codings``, ``codebook``,
        ``projects``, ``surveys``, ``survey_variables``, ``ingests``, ``coding_runs``,
        ``memos``) and those the analyses register (``learning_effects``, ``topics``,
        ``survey_outcomes``, ``indicators``, …): see :func:`table_names`.
        ``codebook`` is the one used last; ``learning_effects`` needs the store's
        codings to be one coder's.
        """
        return table_spec(name).read(self)

    def read_table(self, name: str, **options: Any) -> pd.DataFrame:
        """Table ``name`` with the export options it takes (``all_versions``, ``coder``)."""
        return read_table(self, name, **options)


#: A store object or the path of a store file: what every stage verb takes first.
StoreLike = ProjectStore | str | PathLike[str]


def open_store(store: StoreLike, **kwargs: Any) -> ProjectStore:
    """Return ``store`` itself or open the store at that path.

    >>> import tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.sokwal"
    >>> with open_store(path) as store:
    ...     open_store(store) is store
    True
    """
    return store if isinstance(store, ProjectStore) else ProjectStore(store, **kwargs)


def _codebook_frame(store: ProjectStore) -> pd.DataFrame:
    """The codebook used last (or kept last, e.g. imported with a REFI-QDA project that
    has no codings); an empty table with the codebook's columns when the store has none."""
    try:
        return store.codebook().to_frame()
    except KeyError:
        from ..codebook import Codebook

        return Codebook(name="", codes=[]).to_frame()


_OWN_TABLES: tuple[tuple[str, Callable[..., pd.DataFrame], str, tuple[str, ...]], ...] = (
    ("documents", ProjectStore.documents, "one row per document", ("all_versions",)),
    ("segments", ProjectStore.segments, "one row per turn or paragraph", ("all_versions",)),
    ("codings", ProjectStore.codings, "one row per coded span", ("all_versions",)),
    ("codebook", _codebook_frame, "the codebook used last", ()),
    ("projects", ProjectStore.projects, "one row per project with its metadata", ()),
    ("surveys", ProjectStore.survey_values, "survey answers in long form", ()),
    ("survey_variables", ProjectStore.survey_variables, "survey variables", ()),
    ("ingests", ProjectStore.ingests, "the log of ingest runs", ()),
)
for _order, (_name, _read, _about, _options) in enumerate(_OWN_TABLES):
    register_table(_name, _read, _about, options=_options, order=10 * (_order + 1))
register_table("coding_runs", ProjectStore.coding_runs, "the log of coding runs", order=100)
register_table("memos", ProjectStore.memos, "memos on projects, documents and codes", order=110)
register_table(
    "rejections", ProjectStore.rejections, "suggestions a coder rejected (who, when)", order=115
)
register_table(
    "library_curation",
    ProjectStore.lesson_curation,
    "the lessons library's curation: hidden lessons, wording, favourites",
    order=190,
)
register_table(
    "candidate_codes",
    ProjectStore.candidate_codes,
    "designlab group names kept apart from the codebook (candidate codes)",
    order=195,
)
