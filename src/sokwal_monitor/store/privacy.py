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
    wave: str | None = None
    format: str = ""


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
            "SELECT doc_id, path, project_id, title, text, pseudonymized_at, attributes, wave,"
            " format FROM documents"
            " WHERE kind != 'survey' AND n_chars > 0 ORDER BY path, version"
        ).fetchall()
        return [
            TextDocument(
                doc_id, path, project_id, title, text, at, json.loads(attributes), wave, fmt or ""
            )
            for doc_id, path, project_id, title, text, at, attributes, wave, fmt in rows
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

    def survey_strings(self) -> list[tuple[str, str, int, str, str | None]]:
        """``(doc_id, name, row, text, project_id)`` of every non-empty text answer of a
        survey (string variables: open answers, but also codes stored as text)."""
        return self._con.execute(
            "SELECT s.doc_id, s.name, s.row, s.str, d.project_id FROM survey_values s"
            " JOIN documents d USING (doc_id) WHERE s.str IS NOT NULL AND trim(s.str) != ''"
            " ORDER BY s.doc_id, s.name, s.row"
        ).fetchall()

    def project_attributes(self) -> list[tuple[str, dict[str, Any]]]:
        """``(project_id, attributes)`` of every project (the projects file's columns)."""
        rows = self._con.execute(
            "SELECT project_id, attributes FROM projects ORDER BY project_id"
        ).fetchall()
        return [(pid, json.loads(attributes)) for pid, attributes in rows]

    def document_attributes(self) -> list[tuple[str, str | None, dict[str, Any]]]:
        """``(doc_id, project_id, attributes)`` of every document, surveys included."""
        rows = self._con.execute(
            "SELECT doc_id, project_id, attributes FROM documents ORDER BY path, version"
        ).fetchall()
        return [(d, pid, json.loads(attributes)) for d, pid, attributes in rows]

    def memo_rows(self) -> list[tuple[int, str | None, str, str]]:
        """``(memo_id, project_id, author, text)`` of every memo; ``project_id`` is the
        memo's project when it is on a project or a document, else None."""
        return self._con.execute(
            "SELECT m.memo_id, CASE m.target_kind WHEN 'project' THEN m.target"
            " WHEN 'document' THEN d.project_id END, m.author, m.text"
            " FROM memos m LEFT JOIN documents d ON m.target_kind = 'document'"
            " AND d.doc_id = m.target ORDER BY m.memo_id"
        ).fetchall()

    def document_paths(self) -> list[tuple[str, str, str | None, bool, int]]:
        """``(doc_id, path, project_id, is_current, version)`` of every document."""
        rows = self._con.execute(
            "SELECT doc_id, path, project_id, is_current, version FROM documents"
            " ORDER BY path, version"
        ).fetchall()
        return [(d, p, pid, bool(c), v) for d, p, pid, c, v in rows]

    def ingest_log_texts(self) -> list[str]:
        """Every distinct path and message of the ingest log (they may name files)."""
        return self._column(
            "SELECT path FROM ingest_files UNION SELECT message FROM ingest_files"
            " WHERE message != ''"
        )

    def free_pages(self) -> int:
        """The number of free pages in the store file (where deleted text may linger)."""
        return int(self._one("PRAGMA freelist_count"))

    # -- writes -------------------------------------------------------------------------
    def update_pseudonymized_document(
        self, doc_id: str, text: str, title: str | None, attributes: dict[str, Any]
    ) -> None:
        """Write a document's new text, title and metadata attributes, stamped as
        pseudonymized now. The document's search index entries are held
        (:meth:`hold_index_entries`) until :meth:`update_segment_spans` gives its segments
        their new offsets and indexes the segments whose text changed."""
        self.hold_index_entries(doc_id)
        self._con.execute(
            "UPDATE documents SET text = ?, n_chars = ?, title = ?, attributes = ?,"
            " pseudonymized_at = ? WHERE doc_id = ?",
            (text, len(text), title, json.dumps(attributes, ensure_ascii=False), now(), doc_id),
        )

    def update_segment_spans(self, rows: Iterable[tuple[int, int, str, str, str, int]]) -> None:
        """Set segments' offsets, speakers and headings: rows of ``(start_char, end_char,
        speaker, section, doc_id, position)``; their documents are indexed anew (only
        the segments whose text changed, for a document whose entries are held:
        :meth:`reindex_documents`)."""
        rows = list(rows)
        docs = list(dict.fromkeys(row[4] for row in rows))
        for doc_id in docs:  # entries held with the spans they were indexed with
            self.hold_index_entries(doc_id)
        self._con.executemany(
            "UPDATE segments SET start_char = ?, end_char = ?, speaker = ?, section = ?"
            " WHERE doc_id = ? AND position = ?",
            rows,
        )
        self.reindex_documents(docs)

    def update_coding_spans(self, rows: Iterable[tuple[int, int, str]]) -> None:
        """Set codings' offsets: rows of ``(start_char, end_char, coding_id)``."""
        self._con.executemany(
            "UPDATE codings SET start_char = ?, end_char = ? WHERE coding_id = ?", rows
        )

    def update_survey_strings(self, rows: Iterable[tuple[str, str, str, int]]) -> None:
        """Set survey text answers: rows of ``(text, doc_id, name, row)``."""
        self._con.executemany(
            "UPDATE survey_values SET str = ? WHERE doc_id = ? AND name = ? AND row = ?", rows
        )

    def update_project_attributes(self, project_id: str, attributes: dict[str, Any]) -> None:
        """Set a project's metadata attributes."""
        self._con.execute(
            "UPDATE projects SET attributes = ? WHERE project_id = ?",
            (json.dumps(attributes, ensure_ascii=False), project_id),
        )

    def update_document_attributes(self, doc_id: str, attributes: dict[str, Any]) -> None:
        """Set a document's metadata attributes (a survey's, whose text is not changed)."""
        self._con.execute(
            "UPDATE documents SET attributes = ? WHERE doc_id = ?",
            (json.dumps(attributes, ensure_ascii=False), doc_id),
        )

    def set_pseudonymized_memo(self, memo_id: int, author: str, text: str) -> None:
        """Set a memo's author and text (its ``updated_at`` stays: no one edited it)."""
        self._con.execute(
            "UPDATE memos SET author = ?, text = ? WHERE memo_id = ?", (author, text, memo_id)
        )

    def update_document_path(self, doc_id: str, path: str) -> None:
        """Set the path a document is shown by (a display path without names). A
        transcript's recording (``source_audio``, its path being the transcript's without
        ``.vtt``) follows, so no name stays in it."""
        audio = path[: -len(".vtt")] if path.endswith(".vtt") else path
        self._con.execute(
            "UPDATE documents SET path = ?, source_audio = CASE WHEN source_audio IS NULL"
            " THEN NULL ELSE ? END WHERE doc_id = ?",
            (path, audio, doc_id),
        )

    def supersede(self, old_doc_id: str, new_doc_id: str) -> None:
        """Make ``new_doc_id`` the next version of ``old_doc_id``: the old one is no longer
        current, the new one gets the next version number."""
        self._con.execute("UPDATE documents SET is_current = 0 WHERE doc_id = ?", (old_doc_id,))
        self._con.execute(
            "UPDATE documents SET version = (SELECT version + 1 FROM documents WHERE doc_id = ?)"
            " WHERE doc_id = ?",
            (old_doc_id, new_doc_id),
        )

    def replace_in_ingest_log(self, pairs: Iterable[tuple[str, str]]) -> None:
        """Replace whole paths and messages of the ingest log: pairs of ``(old, new)``."""
        for old, new in pairs:
            self._con.execute("UPDATE ingest_files SET path = ? WHERE path = ?", (new, old))
            self._con.execute("UPDATE ingest_files SET message = ? WHERE message = ?", (new, old))

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
