"""Pseudonymization's reads and writes: texts, offsets, speakers, titles, the run log, scrubbing.

>>> import tempfile, pathlib
>>> from sokwal_monitor.store import ProjectStore
>>> with ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "p.sokwal") as store:
...     store.text_documents(), store.has_table("codings"), store.free_pages()
([], True, 0)
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from .._version import __version__
from .connection import now
from .search import SearchOps

__all__ = ["PrivacyOps", "TextDocument"]


class TextDocument(NamedTuple):
    """A text document as pseudonymization reads it (its text and current state)."""

    doc_id: str
    path: str
    project_id: str | None
    title: str | None
    text: str
    pseudonymized_at: str | None
    attributes: dict[str, Any]


class PrivacyOps(SearchOps):
    """Pseudonymization's reads and writes (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``; :meth:`scrub` outside it. A
    document whose text changes leaves the search index with its old text
    (:meth:`update_pseudonymized_document`) and comes back with its new segments
    (:meth:`update_segment_spans`).
    """

    # -- reads --------------------------------------------------------------------------
    def text_documents(self) -> list[TextDocument]:
        """Every text document, earlier versions too, ordered by path and version.

        Read straight from SQLite (no DataFrame: texts are big); earlier versions stay
        in the store (``export --all-versions``), so they are pseudonymized as well.
        """
        rows = self._con.execute(
            "SELECT doc_id, path, project_id, title, text, pseudonymized_at, attributes"
            " FROM documents"
            " WHERE kind != 'survey' AND n_chars > 0 ORDER BY path, version"
        ).fetchall()
        return [
            TextDocument(doc_id, path, project_id, title, text, at, json.loads(attributes))
            for doc_id, path, project_id, title, text, at, attributes in rows
        ]

    def segment_labels(self) -> Iterator[tuple[str, int, str, str]]:
        """``(doc_id, position, speaker, section)`` of the segments with a speaker or heading."""
        yield from self._con.execute(
            "SELECT doc_id, position, speaker, section FROM segments"
            " WHERE speaker != '' OR section != ''"
        )

    def segment_sections(self, doc_id: str) -> list[tuple[int, int, int, str]]:
        """``(position, start_char, end_char, section)`` of each segment of a document."""
        return self._con.execute(
            "SELECT position, start_char, end_char, section FROM segments WHERE doc_id = ?",
            (doc_id,),
        ).fetchall()

    def coding_spans(self, doc_id: str) -> list[tuple[str, int, int]]:
        """``(coding_id, start_char, end_char)`` of each coding in a document."""
        return self._con.execute(
            "SELECT coding_id, start_char, end_char FROM codings WHERE doc_id = ?", (doc_id,)
        ).fetchall()

    def has_table(self, name: str) -> bool:
        """Whether the store file has a table of this name."""
        row = self._con.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)
        ).fetchone()
        return row is not None

    def free_pages(self) -> int:
        """The number of free pages in the store file (where deleted text may linger)."""
        return int(self._one("PRAGMA freelist_count"))

    # -- writes -------------------------------------------------------------------------
    def update_pseudonymized_document(
        self, doc_id: str, text: str, title: str | None, attributes: dict[str, Any]
    ) -> None:
        """Write a document's new text, title and metadata attributes, stamped as
        pseudonymized now. The document leaves the search index until
        :meth:`update_segment_spans` gives its segments their new offsets."""
        self.unindex_documents([doc_id])
        self._con.execute(
            "UPDATE documents SET text = ?, n_chars = ?, title = ?, attributes = ?,"
            " pseudonymized_at = ? WHERE doc_id = ?",
            (text, len(text), title, json.dumps(attributes, ensure_ascii=False), now(), doc_id),
        )

    def update_segment_spans(self, rows: Iterable[tuple[int, int, str, str, str, int]]) -> None:
        """Set segments' offsets, speakers and headings: rows of ``(start_char, end_char,
        speaker, section, doc_id, position)``; their documents are indexed anew."""
        rows = list(rows)
        docs = list(dict.fromkeys(row[4] for row in rows))
        self.unindex_documents(docs)
        self._con.executemany(
            "UPDATE segments SET start_char = ?, end_char = ?, speaker = ?, section = ?"
            " WHERE doc_id = ? AND position = ?",
            rows,
        )
        self.index_documents(docs)

    def update_coding_spans(self, rows: Iterable[tuple[int, int, str]]) -> None:
        """Set codings' offsets: rows of ``(start_char, end_char, coding_id)``."""
        self._con.executemany(
            "UPDATE codings SET start_char = ?, end_char = ? WHERE coding_id = ?", rows
        )

    def insert_pseudonymization(
        self, key_id: str, n_documents: int, n_changed: int, n_replacements: int
    ) -> None:
        """Log a pseudonymization run (now, by this version of sokwal-monitor)."""
        self._con.execute(
            "INSERT INTO pseudonymizations (at, key_id, written_by, n_documents, n_changed,"
            " n_replacements) VALUES (?, ?, ?, ?, ?, ?)",
            (now(), key_id, f"sokwal-monitor {__version__}", n_documents, n_changed,
             n_replacements),
        )  # fmt: skip

    def scrub(self) -> None:
        """Rewrite the store file so that replaced text is gone from every page and from
        the write-ahead log (``secure_delete``, checkpoint, ``VACUUM``).

        Outside any transaction. Raises ``sqlite3.OperationalError`` when another
        program has the store open. The search index is merged first, so that the
        entries of replaced words are gone from it, not only marked as deleted.
        """
        self.optimize_search_index()
        self._con.execute("PRAGMA secure_delete = ON")
        self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._con.execute("VACUUM")
        self._con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
