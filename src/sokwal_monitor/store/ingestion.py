"""Ingestion's reads and writes: documents, versions, segments, projects, surveys, ingests.

The ingest run (``sokwal_monitor.ingestion.run``) decides what to store; these are the
statements that store it. Every write is meant for the inside of
``store.transaction()`` (an ingest is one transaction with a savepoint per file).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from typing import Any, NamedTuple

import pandas as pd

from .._version import __version__
from .connection import now
from .search import SearchOps

__all__ = ["SEGMENT_FIELDS", "IngestionOps", "KnownDocument", "is_user_missing"]

#: The columns of a segment row as :meth:`IngestionOps.insert_segments` takes it
#: (after ``doc_id``), in this order.
SEGMENT_FIELDS = (
    "position", "speaker", "role", "start_char", "end_char", "start_time", "end_time",
    "section", "page",
)  # fmt: skip

_INSERT_SEGMENTS = (
    f"INSERT INTO segments (doc_id, {', '.join(SEGMENT_FIELDS)})"
    f" VALUES (?{', ?' * len(SEGMENT_FIELDS)})"
)


class KnownDocument(NamedTuple):
    """A stored document found by its content's hash."""

    doc_id: str
    path: str
    is_current: bool


def is_user_missing(value: Any, ranges: list[dict]) -> bool:
    """Whether ``value`` is one of a survey variable's user-defined missing codes.

    ``ranges`` is the variable's ``missing_ranges``: a list of ``{"lo", "hi"}``.

    >>> is_user_missing(9.0, [{"lo": 9.0, "hi": 9.0}]), is_user_missing(2.0, [])
    (True, False)
    """
    for r in ranges:
        lo, hi = r.get("lo"), r.get("hi")
        if isinstance(value, str) or isinstance(lo, str):
            if value in (lo, hi):
                return True
        elif value is not None and lo is not None and hi is not None and lo <= value <= hi:
            return True
    return False


class IngestionOps(SearchOps):
    """Documents, segments, projects, surveys and the ingest log (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``. They keep the search index in step:
    the segments of the current documents are in it, those of earlier versions are not.
    """

    # -- projects -----------------------------------------------------------------
    def listed_project_ids(self) -> set[str]:
        """The projects that a projects metadata file listed (``in_metadata = 1``)."""
        return set(self._column("SELECT project_id FROM projects WHERE in_metadata = 1"))

    def has_project(self, project_id: str) -> bool:
        """Whether the store has a row for ``project_id`` (listed or not)."""
        return self._one("SELECT 1 FROM projects WHERE project_id = ?", (project_id,)) is not None

    def set_project_metadata(self, project_id: str, attributes: Mapping[str, Any]) -> None:
        """Insert or update a project from the projects file (it becomes listed)."""
        self._con.execute(
            "INSERT INTO projects (project_id, attributes, in_metadata, updated_at)"
            " VALUES (?, ?, 1, ?) ON CONFLICT (project_id) DO UPDATE SET attributes ="
            " excluded.attributes, in_metadata = 1, updated_at = excluded.updated_at",
            (project_id, json.dumps(attributes, ensure_ascii=False), now()),
        )

    def insert_unlisted_project(self, project_id: str) -> None:
        """Add a project that documents name but no projects file lists (no metadata)."""
        self._con.execute(
            "INSERT INTO projects (project_id, in_metadata, updated_at) VALUES (?, 0, ?)",
            (project_id, now()),
        )

    # -- documents and their versions ---------------------------------------------
    def document_by_sha256(self, sha256: str) -> KnownDocument | None:
        """The stored document with this content (any version), or None."""
        row = self._con.execute(
            "SELECT doc_id, path, is_current FROM documents WHERE sha256 = ?", (sha256,)
        ).fetchone()
        return None if row is None else KnownDocument(row[0], row[1], bool(row[2]))

    def current_version(self, path: str) -> tuple[str, int] | None:
        """``(doc_id, version)`` of the current document stored for ``path``, or None."""
        row = self._con.execute(
            "SELECT doc_id, version FROM documents WHERE path = ? AND is_current = 1", (path,)
        ).fetchone()
        return None if row is None else (row[0], row[1])

    def document_version(self, doc_id: str) -> int:
        """The version number of a stored document."""
        return int(self._one("SELECT version FROM documents WHERE doc_id = ?", (doc_id,)))

    def set_current(self, doc_id: str, current: bool = True) -> None:
        """Mark a document version as the current one of its path (or as not current);
        its segments join (or leave) the search index."""
        if not current:
            self.unindex_documents([doc_id])
        self._con.execute(
            "UPDATE documents SET is_current = ? WHERE doc_id = ?", (int(current), doc_id)
        )
        if current:
            self.index_documents([doc_id])

    def insert_document(
        self,
        doc_id: str,
        *,
        path: str,
        version: int,
        project_id: str | None,
        wave: str | None,
        kind: str,
        format: str,
        title: str | None,
        respondent_role: str | None,
        text: str,
        sha256: str,
        attributes: Mapping[str, Any],
        properties: Mapping[str, Any],
        ingest_id: int | None,
    ) -> None:
        """Add a document as the current version of ``path`` (its segments come next);
        ``ingest_id`` is None for documents that came another way (a REFI-QDA import)."""
        self._con.execute(
            "INSERT INTO documents (doc_id, path, version, is_current, project_id, wave, kind,"
            " format, title, respondent_role, n_chars, sha256, text, attributes, properties,"
            " ingest_id, ingested_at) VALUES (?, ?, ?, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id, path, version, project_id, wave, kind, format, title, respondent_role,
                len(text), sha256, text, json.dumps(attributes, ensure_ascii=False),
                json.dumps(properties, ensure_ascii=False, default=str), ingest_id, now(),
            ),
        )  # fmt: skip

    def set_source_audio(self, doc_id: str, path: str, sha256: str) -> None:
        """Record the recording a transcript was made from: its path (relative to the
        ingested folder) and SHA-256; the audio itself is never stored."""
        self._con.execute(
            "UPDATE documents SET source_audio = ?, source_audio_sha256 = ? WHERE doc_id = ?",
            (path, sha256, doc_id),
        )

    def source_audio(self, *, all_versions: bool = False) -> pd.DataFrame:
        """The transcripts made from recordings: ``doc_id, path, source_audio,
        source_audio_sha256`` (current documents unless ``all_versions``).

        >>> from sokwal_monitor.store import ProjectStore
        >>> ProjectStore(":memory:").source_audio().columns.tolist()
        ['doc_id', 'path', 'source_audio', 'source_audio_sha256']
        """
        where = "source_audio IS NOT NULL" + ("" if all_versions else " AND is_current = 1")
        return self.query(
            "SELECT doc_id, path, source_audio, source_audio_sha256 FROM documents"
            f" WHERE {where} ORDER BY path, version"
        )

    def insert_segments(self, doc_id: str, rows: Iterable[tuple[Any, ...]]) -> None:
        """Add a document's segments: each row in :data:`SEGMENT_FIELDS` order (and to
        the search index, with their lemmas, when the document is current)."""
        rows = [(doc_id, *row) for row in rows]
        self._con.executemany(_INSERT_SEGMENTS, rows)
        if rows:
            self.index_segments(doc_id, [row[1] for row in rows])

    # -- surveys ------------------------------------------------------------------
    def insert_survey(
        self,
        doc_id: str,
        *,
        n_rows: int,
        n_variables: int,
        file_label: str | None,
        file_encoding: str | None,
        notes: list[str],
    ) -> None:
        """Add a survey's file-level facts (its variables and values come next)."""
        self._con.execute(
            "INSERT INTO surveys (doc_id, n_rows, n_variables, file_label, file_encoding, notes)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (doc_id, n_rows, n_variables, file_label, file_encoding,
             json.dumps(notes, ensure_ascii=False)),
        )  # fmt: skip

    def insert_survey_variable(
        self,
        doc_id: str,
        *,
        position: int,
        name: str,
        label: str | None,
        type: str,
        measure: str | None,
        format: str | None,
        value_labels: Mapping[Any, Any],
        missing_ranges: list[dict],
    ) -> None:
        """Add one survey variable with its value labels and user-missing ranges."""
        self._con.execute(
            "INSERT INTO survey_variables (doc_id, position, name, label, type, measure, format,"
            " value_labels, missing_ranges) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                doc_id, position, name, label, type, measure, format,
                json.dumps({str(k): v for k, v in value_labels.items()}, ensure_ascii=False),
                json.dumps(missing_ranges, ensure_ascii=False, default=str),
            ),
        )  # fmt: skip

    def insert_survey_values(
        self, doc_id: str, name: str, cells: Iterable[tuple[int, float | None, str | None]]
    ) -> None:
        """Add one variable's answers: ``(row, num, str)`` per answer present."""
        self._con.executemany(
            "INSERT INTO survey_values (doc_id, name, row, num, str) VALUES (?, ?, ?, ?, ?)",
            ((doc_id, name, row, num, text) for row, num, text in cells),
        )

    def survey_variables(self, doc_id: str | None = None) -> pd.DataFrame:
        """All current surveys' variables (or one survey's, any version, with ``doc_id``).

        Columns: ``doc_id, path, position, name, label, type, measure, format,
        value_labels, missing_ranges`` (the last two as dict/list).
        """
        where, params = ("v.doc_id = ?", (doc_id,)) if doc_id else ("d.is_current = 1", ())
        frame = self.query(
            "SELECT v.doc_id, d.path, v.position, v.name, v.label, v.type, v.measure, v.format,"
            " v.value_labels, v.missing_ranges FROM survey_variables v JOIN documents d USING"
            f" (doc_id) WHERE {where} ORDER BY d.path, v.position",
            params,
        )
        frame["value_labels"] = frame["value_labels"].map(json.loads)
        frame["missing_ranges"] = frame["missing_ranges"].map(json.loads)
        return frame

    def survey_values(self) -> pd.DataFrame:
        """All current surveys in long, tidy form: one row per respondent × variable.

        Columns: ``doc_id, path, project_id, wave, row, variable, value, value_label,
        is_missing`` (``is_missing``: a user-defined missing code such as 9 = "weet niet").
        """
        frame = self.query(
            "SELECT s.doc_id, d.path, d.project_id, d.wave, s.row, s.name AS variable,"
            " coalesce(s.str, s.num) AS value, v.value_labels, v.missing_ranges"
            " FROM survey_values s JOIN survey_variables v USING (doc_id, name)"
            " JOIN documents d USING (doc_id) WHERE d.is_current = 1"
            " ORDER BY d.path, s.row, v.position"
        )
        labels = frame.pop("value_labels").map(json.loads)
        ranges = frame.pop("missing_ranges").map(json.loads)
        frame["value_label"] = [
            lab.get(str(v) if isinstance(v, str) else str(float(v))) if lab else None
            for v, lab in zip(frame["value"], labels, strict=True)
        ]
        frame["is_missing"] = [
            is_user_missing(v, r) for v, r in zip(frame["value"], ranges, strict=True)
        ]
        return frame

    def survey_n_rows(self, doc_id: str) -> int | None:
        """The number of respondents (rows) of one stored survey, or None."""
        n_rows = self._one("SELECT n_rows FROM surveys WHERE doc_id = ?", (doc_id,))
        return None if n_rows is None else int(n_rows)

    def survey_cells(self, doc_id: str) -> pd.DataFrame:
        """One survey's stored answers: ``name, row, value`` (text or number)."""
        return self.query(
            "SELECT name, row, coalesce(str, num) AS value FROM survey_values WHERE doc_id = ?",
            (doc_id,),
        )

    # -- the ingest log and the pseudonymization check ------------------------------
    def insert_ingest(self, roots: Iterable[str]) -> int:
        """Start an ingest in the log; returns its ``ingest_id``."""
        cur = self._con.execute(
            "INSERT INTO ingests (started_at, written_by, roots) VALUES (?, ?, ?)",
            (now(), f"sokwal-monitor {__version__}", json.dumps(list(roots))),
        )
        return int(cur.lastrowid or 0)

    def update_ingest_counts(
        self,
        ingest_id: int,
        *,
        n_added: int,
        n_new_version: int,
        n_unchanged: int,
        n_failed: int,
        n_skipped: int,
    ) -> None:
        """Finish an ingest in the log: its end time and how many files ended how."""
        self._con.execute(
            "UPDATE ingests SET finished_at = ?, n_added = ?, n_new_version = ?, n_unchanged = ?,"
            " n_failed = ?, n_skipped = ? WHERE ingest_id = ?",
            (now(), n_added, n_new_version, n_unchanged, n_failed, n_skipped, ingest_id),
        )

    def insert_ingest_files(
        self, ingest_id: int, outcomes: Iterable[tuple[str, str, str | None, str]]
    ) -> None:
        """Log what happened to each file of an ingest: ``(path, status, doc_id, message)``."""
        self._con.executemany(
            "INSERT INTO ingest_files (ingest_id, path, status, doc_id, message)"
            " VALUES (?, ?, ?, ?, ?)",
            [(ingest_id, *outcome) for outcome in outcomes],
        )

    def n_pseudonymizations(self) -> int:
        """How many pseudonymization runs the store has seen (0: never pseudonymized)."""
        return int(self._one("SELECT count(*) FROM pseudonymizations"))
