"""Coding's reads and writes: codings, coding runs, kept codebooks, memos."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any

import pandas as pd

from .._version import __version__
from .connection import StoreBase, now

__all__ = ["CODING_COLUMNS", "MEMO_COLUMNS", "REJECTION_COLUMNS", "CodingOps"]

#: Columns of ``codings`` as stored (``segment_id`` is generated), in the order of the
#: rows :meth:`CodingOps.insert_codings` writes and :meth:`CodingOps.span_codings` reads.
CODING_COLUMNS = (
    "coding_id, doc_id, segment_position, start_char, end_char, code, coder, origin,"
    " score, memo, pattern, run_id, created_at"
)
#: Columns of ``memos`` as stored: what :meth:`CodingOps.document_memo` reads and
#: :meth:`CodingOps.replace_memo` writes back.
MEMO_COLUMNS = "memo_id, target_kind, target, author, text, created_at, updated_at"
#: Columns of ``rejections`` as stored: what :meth:`CodingOps.rejection_row` reads and
#: :meth:`CodingOps.restore_rejection` writes back.
REJECTION_COLUMNS = (
    "rejection_id, coding_id, doc_id, start_char, end_char, code, suggested_by, origin,"
    " score, rejected_by, rejected_at, reason"
)
_ONE_CODING_ROW = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
#: Each coding ``c`` joined to the segments ``s`` it touches.
_CODINGS_ON_SEGMENTS = (
    "codings c JOIN segments s"
    " ON s.doc_id = c.doc_id AND c.start_char < s.end_char AND c.end_char > s.start_char"
)


class CodingOps(StoreBase):
    """Codings, coding runs, codebooks and memos (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """

    _max_coding_rows: int | None = None  # see _rows_per_statement

    # -- codebooks and coding runs ------------------------------------------------------
    def insert_codebook(self, sha256: str, name: str, version: str | None, content: str) -> None:
        """Keep a codebook's YAML text (once per content: an existing ``sha256`` stays)."""
        self._con.execute(
            "INSERT OR IGNORE INTO codebooks (sha256, name, version, content, added_at)"
            " VALUES (?, ?, ?, ?, ?)",
            (sha256, name, version, content, now()),
        )

    def insert_coding_run(
        self, coder: str, origin: str, codebook_sha256: str | None, options: dict[str, Any]
    ) -> int:
        """Log the start of a coding run; return its ``run_id``."""
        cur = self._con.execute(
            "INSERT INTO coding_runs (started_at, coder, origin, codebook_sha256, options,"
            " written_by) VALUES (?, ?, ?, ?, ?, ?)",
            (
                now(),
                coder,
                origin,
                codebook_sha256,
                json.dumps(options, ensure_ascii=False, sort_keys=True),
                f"sokwal-monitor {__version__}",
            ),
        )
        return int(cur.lastrowid or 0)

    def finish_coding_run(
        self, run_id: int | None, n_documents: int, n_added: int, n_removed: int
    ) -> None:
        """Write a coding run's end time and counts."""
        self._con.execute(
            "UPDATE coding_runs SET finished_at = ?, n_documents = ?, n_added = ?,"
            " n_removed = ? WHERE run_id = ?",
            (now(), n_documents, n_added, n_removed, run_id),
        )

    # -- codings ----------------------------------------------------------------------
    def insert_codings(self, rows: Iterable[tuple[Any, ...]]) -> int:
        """Write codings given as rows of :data:`CODING_COLUMNS`, skipping those whose
        ``coding_id`` is there already; return how many were written."""
        con = self._con
        before = con.total_changes
        # only an existing coding_id is skipped: OR IGNORE would also drop, silently, a
        # coding that breaks a CHECK (a reversed span, an empty code) and return its id
        con.executemany(
            f"INSERT INTO codings ({CODING_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (coding_id) DO NOTHING",
            rows,
        )
        return con.total_changes - before

    def insert_coding_rows(
        self, rows: Sequence[Sequence[Any]], run_id: int | None, created_at: str
    ) -> int:
        """Write codings given as rows of the first eleven :data:`CODING_COLUMNS` (all
        but ``run_id`` and ``created_at``, which are the same for every row), skipping
        those whose ``coding_id`` is there already, as :meth:`insert_codings` does;
        return how many were written.

        The rows go in a few statements of up to 512 rows each (``INSERT ... VALUES
        (...), (...), ...``, 13 values bound per row): Python's sqlite3 holds Python's
        lock only to bind the values, and SQLite inserts a whole statement's rows
        without it, so another thread goes on meanwhile. The values are bound, as
        ``executemany`` binds them, so the rows are stored exactly as
        :meth:`insert_codings` stores them (any text, NUL characters included).
        Statements of 512, 256, ... 1 rows: at most ten statements to prepare, kept in
        the connection's statement cache.

        >>> import tempfile, pathlib
        >>> from sokwal_monitor import ProjectStore, ingest
        >>> root = pathlib.Path(tempfile.mkdtemp())
        >>> _ = (root / "a.txt").write_text("Het werkte goed.", encoding="utf-8")
        >>> store = ProjectStore(root / "s.sokwal")
        >>> _ = ingest(store, root)
        >>> row = ("c-1", store.text_document_ids()[0], 0, 0, 10, "succes", "anna", "manual",
        ...        None, "", "")
        >>> with store.transaction():
        ...     store.insert_coding_rows([row, row], None, "2026-01-01T00:00:00+00:00")
        1
        """
        con = self._con
        before = con.total_changes
        most = self._rows_per_statement()
        tail = (run_id, created_at)
        at, left = 0, len(rows)
        while left:
            n = most if left >= most else 1 << (left.bit_length() - 1)
            values: list[Any] = []
            extend = values.extend
            for row in rows[at : at + n]:
                if len(row) != 11:  # bound by position: a short row would shift the rest
                    raise ValueError(f"a coding row has 11 values, not {len(row)}: {row!r}")
                extend(row)
                extend(tail)
            con.execute(_insert_rows_sql(n), values)
            at += n
            left -= n
        return con.total_changes - before

    def _rows_per_statement(self) -> int:
        """Rows per statement of :meth:`insert_coding_rows`: 512, or the largest power
        of two whose 13 values per row SQLite's limit on bound values allows."""
        if self._max_coding_rows is None:
            limit = self._con.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
            most = 512
            while most > 1 and most * 13 > limit:
                most //= 2
            self._max_coding_rows = most
        return self._max_coding_rows

    def delete_codings(
        self,
        *,
        coding_ids: Sequence[str] | None = None,
        coder: str | None = None,
        coder_prefix: str | None = None,
        origin: str | None = None,
        code: str | None = None,
        doc_id: str | None = None,
        doc_ids: Iterable[str] | None = None,
    ) -> int:
        """Delete the codings matching every filter given; return how many.

        ``coder`` and ``coder_prefix`` (a coder name starting so) together match
        either; ``doc_ids`` (many documents) goes through a temporary table. No filter
        deletes every coding.
        """
        where: list[str] = []
        params: list[Any] = []
        if origin is not None:
            where.append("origin = ?")
            params.append(origin)
        names = []
        if coder is not None:
            names.append("coder = ?")
            params.append(coder)
        if coder_prefix is not None:
            names.append("substr(coder, 1, ?) = ?")
            params += [len(coder_prefix), coder_prefix]
        if len(names) > 1:
            where.append(f"({' OR '.join(names)})")
        else:
            where += names
        if coding_ids is not None:
            where.append(f"coding_id IN ({', '.join('?' * len(coding_ids))})")
            params += list(coding_ids)
        if code is not None:
            where.append("code = ?")
            params.append(code)
        if doc_id is not None:
            where.append("doc_id = ?")
            params.append(doc_id)
        if doc_ids is not None:
            con = self._con
            con.execute("CREATE TEMP TABLE IF NOT EXISTS _coded_docs (doc_id TEXT PRIMARY KEY)")
            con.execute("DELETE FROM _coded_docs")
            con.executemany("INSERT OR IGNORE INTO _coded_docs VALUES (?)", [(d,) for d in doc_ids])
            where.append("doc_id IN (SELECT doc_id FROM _coded_docs)")
        sql = "DELETE FROM codings" + (" WHERE " + " AND ".join(where) if where else "")
        return int(self._con.execute(sql, params).rowcount)

    def coding_coder(self, coding_id: str) -> str | None:
        """The coder of one coding, or None when there is no such coding."""
        row = self._con.execute(
            "SELECT coder FROM codings WHERE coding_id = ?", (coding_id,)
        ).fetchone()
        return None if row is None else str(row[0])

    def coding_with_document(self, coding_id: str) -> tuple[Any, ...] | None:
        """One coding as ``(doc_id, start_char, end_char, code, coder, origin, score,
        segment_id, is_current)`` (the last of its document), or None."""
        row = self._con.execute(
            "SELECT c.doc_id, c.start_char, c.end_char, c.code, c.coder, c.origin, c.score,"
            " c.segment_id, d.is_current FROM codings c JOIN documents d USING (doc_id)"
            " WHERE c.coding_id = ?",
            (coding_id,),
        ).fetchone()
        return None if row is None else tuple(row)

    def span_codings(
        self, doc_id: str, start_char: int, end_char: int, code: str, coder: str, origin: str
    ) -> list[tuple[Any, ...]]:
        """The codings of exactly this span, code, coder and origin, as rows of
        :data:`CODING_COLUMNS` (what :meth:`insert_codings` writes back)."""
        rows = self._con.execute(
            f"SELECT {CODING_COLUMNS} FROM codings WHERE doc_id = ? AND start_char = ?"
            " AND end_char = ? AND code = ? AND coder = ? AND origin = ?",
            (doc_id, start_char, end_char, code, coder, origin),
        ).fetchall()
        return [tuple(r) for r in rows]

    def codings_touching(
        self, doc_id: str, start_char: int, end_char: int
    ) -> list[tuple[Any, ...]]:
        """The codings that overlap a span of a document: ``(coding_id, code, coder,
        origin, score, start_char, end_char, text, memo)``, in text order."""
        rows = self._con.execute(
            "SELECT c.coding_id, c.code, c.coder, c.origin, c.score, c.start_char, c.end_char,"
            " substr(d.text, c.start_char + 1, c.end_char - c.start_char), c.memo"
            " FROM codings c JOIN documents d USING (doc_id)"
            " WHERE c.doc_id = ? AND c.start_char < ? AND c.end_char > ?"
            " ORDER BY c.start_char, c.end_char, c.code, c.coder",
            (doc_id, end_char, start_char),
        ).fetchall()
        return [tuple(r) for r in rows]

    def coding_codes(self, *, origin: str | None = None) -> list[str]:
        """The codes that codings (of one origin) have, sorted."""
        if origin is None:
            return self._column("SELECT DISTINCT code FROM codings ORDER BY code")
        return self._column(
            "SELECT DISTINCT code FROM codings WHERE origin = ? ORDER BY code", (origin,)
        )

    def segment_model_scores(self, code: str) -> dict[str, float | None]:
        """The highest model probability of ``code`` per segment its codings touch."""
        rows = self._con.execute(
            f"SELECT s.segment_id, max(c.score) FROM {_CODINGS_ON_SEGMENTS}"
            " WHERE c.origin = 'model' AND c.code = ? GROUP BY s.doc_id, s.position",
            (code,),
        ).fetchall()
        return {sid: score for sid, score in rows}

    def segments_coded_by(self, coder: str) -> list[str]:
        """The ids of the segments that a coding of ``coder`` touches."""
        return self._column(
            f"SELECT DISTINCT s.segment_id FROM {_CODINGS_ON_SEGMENTS} WHERE c.coder = ?",
            (coder,),
        )

    # -- documents and segments as coding reads them --------------------------------------
    def document_for_coding(
        self, doc: str, *, path_only: bool = False
    ) -> tuple[str, str, str, str | None] | None:
        """``(doc_id, path, text, pseudonymized_at)`` of a document named by ``doc_id``
        or by the ``path`` of its current version (only by path with ``path_only``)."""
        columns = "SELECT doc_id, path, text, pseudonymized_at FROM documents"
        if path_only:
            row = self._con.execute(
                f"{columns} WHERE path = ? AND is_current = 1", (doc,)
            ).fetchone()
        else:
            row = self._con.execute(
                f"{columns} WHERE doc_id = ? OR (path = ? AND is_current = 1)"
                " ORDER BY doc_id = ? DESC LIMIT 1",
                (doc, doc, doc),
            ).fetchone()
        return None if row is None else (row[0], row[1], row[2], row[3])

    def current_paths(self) -> list[str]:
        """The paths of the current documents (in no particular order)."""
        return self._column("SELECT path FROM documents WHERE is_current = 1")

    def text_document_ids(self, *, all_versions: bool = False) -> list[str]:
        """The ids of the documents that are not surveys: the current ones in path order,
        or every version (in no particular order)."""
        if all_versions:
            return self._column("SELECT doc_id FROM documents WHERE kind <> 'survey'")
        return self._column(
            "SELECT doc_id FROM documents WHERE is_current = 1 AND kind <> 'survey' ORDER BY path"
        )

    def current_chars(self) -> int:
        """The characters of all current documents together."""
        return int(
            self._one("SELECT coalesce(sum(n_chars), 0) FROM documents WHERE is_current = 1")
        )

    def document_chars(self, doc_ids: Iterable[str]) -> int:
        """The characters of these documents together."""
        return sum(
            r[0]
            for d in doc_ids
            for r in self._con.execute("SELECT n_chars FROM documents WHERE doc_id = ?", (d,))
        )

    def document_is_current(self, doc_id: str) -> bool:
        """Whether a document is the current version of its path."""
        return bool(self._one("SELECT is_current FROM documents WHERE doc_id = ?", (doc_id,)))

    def segment_span(self, segment_id: str) -> tuple[str, int, int] | None:
        """``(doc_id, start_char, end_char)`` of a segment, or None."""
        row = self._con.execute(
            "SELECT doc_id, start_char, end_char FROM segments WHERE segment_id = ?",
            (segment_id,),
        ).fetchone()
        return None if row is None else (row[0], row[1], row[2])

    def segment_bounds(self, doc_id: str) -> list[tuple[int, int, int]]:
        """``(start_char, end_char, position)`` of a document's segments, by start."""
        return self._con.execute(
            "SELECT start_char, end_char, position FROM segments WHERE doc_id = ?"
            " ORDER BY start_char, end_char, position",
            (doc_id,),
        ).fetchall()

    def segments_to_code(self, doc_id: str) -> list[tuple[int, int, int, str | None]]:
        """``(position, start_char, end_char, role)`` of a document's segments, in order."""
        return self._con.execute(
            "SELECT position, start_char, end_char, role FROM segments WHERE doc_id = ?"
            " ORDER BY position",
            (doc_id,),
        ).fetchall()

    def segment_with_document(self, doc_id: str, position: int) -> tuple[Any, ...] | None:
        """One segment as ``(speaker, role, text, start_char, end_char, path, project_id,
        wave, kind, is_current)``, or None."""
        row = self._con.execute(
            "SELECT s.speaker, s.role, substr(d.text, s.start_char + 1, s.end_char - s.start_char),"
            " s.start_char, s.end_char, d.path, d.project_id, d.wave, d.kind, d.is_current"
            " FROM segments s JOIN documents d USING (doc_id)"
            " WHERE s.doc_id = ? AND s.position = ?",
            (doc_id, position),
        ).fetchone()
        return None if row is None else tuple(row)

    def segment_ids_before(self, doc_id: str, position: int, n: int) -> list[str]:
        """The ids of the ``n`` non-empty segments just before ``position``, nearest first."""
        return self._column(
            "SELECT segment_id FROM segments WHERE doc_id = ? AND position < ?"
            " AND end_char > start_char ORDER BY position DESC LIMIT ?",
            (doc_id, position, n),
        )

    def text_segment_ids(
        self, *, project_id: str | None = None, wave: str | None = None, role: str | None = None
    ) -> list[str]:
        """The ids of the non-empty segments of current documents that are not surveys
        (of one project, wave, role), in document and position order."""
        where = ["d.is_current = 1", "d.kind <> 'survey'", "s.end_char > s.start_char"]
        params: list[Any] = []
        for column, value in (("d.project_id", project_id), ("d.wave", wave), ("s.role", role)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(value)
        return self._column(
            "SELECT s.segment_id FROM segments s JOIN documents d USING (doc_id)"
            f" WHERE {' AND '.join(where)} ORDER BY d.path, d.version, s.position",
            params,
        )

    def header_segment_ids(self) -> set[str]:
        """The ids of the role-less segments of interviews that have respondent turns:
        a transcript's header lines ("Datum: ...", "Interviewer: ..."), not evidence
        (as :func:`sokwal_monitor.model.evidence_mask` says)."""
        return set(
            self._column(
                "SELECT s.segment_id FROM segments s JOIN documents d USING (doc_id)"
                " WHERE d.is_current = 1 AND d.kind = 'interview' AND s.role = ''"
                " AND EXISTS (SELECT 1 FROM segments r WHERE r.doc_id = s.doc_id"
                " AND r.role = 'respondent')"
            )
        )

    # -- memos ------------------------------------------------------------------------
    def insert_memo(self, target_kind: str, target: str, author: str, text: str) -> int:
        """Write a memo (created and updated now); return its ``memo_id``."""
        stamp = now()
        cur = self._con.execute(
            "INSERT INTO memos (target_kind, target, author, text, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (target_kind, target, author, text, stamp, stamp),
        )
        return int(cur.lastrowid or 0)

    def update_memo(self, memo_id: int, text: str) -> None:
        """Replace a memo's text (updated now)."""
        self._con.execute(
            "UPDATE memos SET text = ?, updated_at = ? WHERE memo_id = ?", (text, now(), memo_id)
        )

    def delete_memo(self, memo_id: int) -> None:
        """Delete one memo."""
        self._con.execute("DELETE FROM memos WHERE memo_id = ?", (memo_id,))

    def replace_memo(self, row: Sequence[Any]) -> None:
        """Write a memo back as it was: a row of :data:`MEMO_COLUMNS`."""
        self._con.execute(
            f"INSERT OR REPLACE INTO memos ({MEMO_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)",
            tuple(row),
        )

    def document_memo(self, doc_id: str, author: str, prefix: str) -> tuple[Any, ...] | None:
        """The first memo of ``author`` on a document whose text starts with ``prefix``,
        as a row of :data:`MEMO_COLUMNS`, or None."""
        row = self._con.execute(
            f"SELECT {MEMO_COLUMNS} FROM memos WHERE target_kind = 'document' AND target = ?"
            " AND author = ? AND substr(text, 1, ?) = ? ORDER BY memo_id LIMIT 1",
            (doc_id, author, len(prefix), prefix),
        ).fetchone()
        return None if row is None else tuple(row)

    def document_memos(self, *, like: str, author: str | None = None) -> pd.DataFrame:
        """The memos on documents whose text is ``LIKE`` the pattern (of one author):
        ``memo_id, doc_id, author, text, created_at, updated_at``."""
        sql = (
            "SELECT memo_id, target AS doc_id, author, text, created_at, updated_at FROM memos"
            " WHERE target_kind = 'document' AND text LIKE ?"
        )
        params: list[Any] = [like]
        if author is not None:
            sql += " AND author = ?"
            params.append(author)
        return self.query(sql + " ORDER BY memo_id", params)

    def memo_row(self, memo_id: int) -> tuple[Any, ...] | None:
        """One memo as a row of :data:`MEMO_COLUMNS`, or None."""
        row = self._con.execute(
            f"SELECT {MEMO_COLUMNS} FROM memos WHERE memo_id = ?", (memo_id,)
        ).fetchone()
        return None if row is None else tuple(row)

    def own_memo(
        self, target_kind: str, target: str, author: str, *, not_prefix: str = ""
    ) -> tuple[Any, ...] | None:
        """The first memo of ``author`` on a target (whose text does not start with
        ``not_prefix``, when given), as a row of :data:`MEMO_COLUMNS`, or None."""
        row = self._con.execute(
            f"SELECT {MEMO_COLUMNS} FROM memos WHERE target_kind = ? AND target = ?"
            " AND author = ? AND (? = '' OR substr(text, 1, ?) <> ?) ORDER BY memo_id LIMIT 1",
            (target_kind, target, author, not_prefix, len(not_prefix), not_prefix),
        ).fetchone()
        return None if row is None else tuple(row)

    # -- codings as the coding pane reads them -------------------------------------------
    def codings_by_id(self, coding_ids: Sequence[str]) -> list[tuple[Any, ...]]:
        """The codings with these ids as rows of :data:`CODING_COLUMNS` (what
        :meth:`insert_codings` writes back), in the order given; missing ids are left out."""
        rows = []
        for cid in coding_ids:
            row = self._con.execute(
                f"SELECT {CODING_COLUMNS} FROM codings WHERE coding_id = ?", (cid,)
            ).fetchone()
            if row is not None:
                rows.append(tuple(row))
        return rows

    def code_counts(self, coder: str, *, doc_id: str | None = None) -> dict[str, int]:
        """How many codings of ``coder`` each code has (in one document)."""
        sql = "SELECT code, count(*) FROM codings WHERE coder = ?"
        params: list[Any] = [coder]
        if doc_id is not None:
            sql += " AND doc_id = ?"
            params.append(doc_id)
        rows = self._con.execute(sql + " GROUP BY code", params).fetchall()
        return {str(code): int(n) for code, n in rows}

    # -- rejected suggestions ------------------------------------------------------------
    def insert_rejection(self, coding: Sequence[Any], rejected_by: str, reason: str = "") -> int:
        """Record that ``rejected_by`` rejects a suggestion given as ``(coding_id, doc_id,
        start_char, end_char, code, coder, origin, score)``; return the ``rejection_id``
        (the existing one when she rejected it before)."""
        self._con.execute(
            "INSERT INTO rejections (coding_id, doc_id, start_char, end_char, code,"
            " suggested_by, origin, score, rejected_by, rejected_at, reason)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (coding_id, rejected_by) DO NOTHING",
            (*coding[:8], rejected_by, now(), reason),
        )
        return int(
            self._one(
                "SELECT rejection_id FROM rejections WHERE coding_id = ? AND rejected_by = ?",
                (coding[0], rejected_by),
            )
        )

    def rejection_row(self, rejection_id: int) -> tuple[Any, ...] | None:
        """One rejection as a row of :data:`REJECTION_COLUMNS`, or None."""
        row = self._con.execute(
            f"SELECT {REJECTION_COLUMNS} FROM rejections WHERE rejection_id = ?",
            (rejection_id,),
        ).fetchone()
        return None if row is None else tuple(row)

    def delete_rejection(self, rejection_id: int) -> None:
        """Delete one rejection (undo)."""
        self._con.execute("DELETE FROM rejections WHERE rejection_id = ?", (rejection_id,))

    def restore_rejection(self, row: Sequence[Any]) -> None:
        """Write a rejection back as it was: a row of :data:`REJECTION_COLUMNS` (redo)."""
        self._con.execute(
            f"INSERT OR REPLACE INTO rejections ({REJECTION_COLUMNS})"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            tuple(row),
        )

    def rejected_ids(self, rejected_by: str, *, doc_id: str | None = None) -> set[str]:
        """The ids of the suggestions ``rejected_by`` rejected (in one document)."""
        sql = "SELECT coding_id FROM rejections WHERE rejected_by = ?"
        params: list[Any] = [rejected_by]
        if doc_id is not None:
            sql += " AND doc_id = ?"
            params.append(doc_id)
        return {str(r[0]) for r in self._con.execute(sql, params)}

    def rejections(self) -> pd.DataFrame:
        """The rejected suggestions: ``rejection_id, coding_id, doc_id, start_char,
        end_char, code, suggested_by, origin, score, rejected_by, rejected_at, reason``.

        >>> import tempfile, pathlib
        >>> from sokwal_monitor.store import ProjectStore
        >>> ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").rejections().shape
        (0, 12)
        """
        return self.query(f"SELECT {REJECTION_COLUMNS} FROM rejections ORDER BY rejection_id")


@lru_cache(maxsize=16)
def _insert_rows_sql(n: int) -> str:
    """The statement that inserts ``n`` rows of :data:`CODING_COLUMNS` (13 values bound
    per row), skipping a ``coding_id`` that is there already (only that: OR IGNORE would
    also drop, silently, a coding that breaks a CHECK)."""
    values = ", ".join([_ONE_CODING_ROW] * n)
    return (
        f"INSERT INTO codings ({CODING_COLUMNS}) VALUES {values} ON CONFLICT (coding_id) DO NOTHING"
    )
