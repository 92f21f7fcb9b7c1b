"""Exchange's reads and writes: REFI-QDA import and export, merging stores."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from .connection import StoreBase

if TYPE_CHECKING:
    pass

__all__ = ["ExchangeOps"]

_CODING_COLUMNS = (
    "coding_id, doc_id, segment_position, start_char, end_char, code, coder, origin,"
    " score, memo, pattern, created_at"
)


class ExchangeOps(StoreBase):
    """REFI-QDA import/export and merging (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """

    # -- reads: export_qdpx ---------------------------------------------------------
    def qdpx_documents(self) -> list[tuple[Any, ...]]:
        """The current documents except surveys, as ``export_qdpx`` writes them: rows of
        ``doc_id, path, project_id, wave, kind, respondent_role, text, attributes,
        properties, ingested_at, title, format`` by path."""
        return self._con.execute(
            "SELECT doc_id, path, project_id, wave, kind, respondent_role, text, attributes,"
            " properties, ingested_at, title, format FROM documents"
            " WHERE is_current = 1 AND kind <> 'survey'"
            " ORDER BY path, doc_id"
        ).fetchall()

    def qdpx_codings(self) -> list[tuple[Any, ...]]:
        """Every coding as ``export_qdpx`` writes it: rows of ``coding_id, doc_id,
        start_char, end_char, code, coder, memo, created_at`` in document order."""
        return self._con.execute(
            "SELECT coding_id, doc_id, start_char, end_char, code, coder, memo, created_at"
            " FROM codings ORDER BY doc_id, start_char, end_char, code, coder, coding_id"
        ).fetchall()

    def qdpx_memos(self) -> list[tuple[Any, ...]]:
        """Every memo as ``export_qdpx`` writes it: rows of ``memo_id, target_kind,
        target, author, text, created_at, updated_at`` by target."""
        return self._con.execute(
            "SELECT memo_id, target_kind, target, author, text, created_at, updated_at"
            " FROM memos ORDER BY target_kind, target, created_at, memo_id"
        ).fetchall()

    # -- reads: import_qdpx ---------------------------------------------------------
    def has_codebook(self) -> bool:
        """Whether the store keeps any codebook."""
        return self._con.execute("SELECT 1 FROM codebooks LIMIT 1").fetchone() is not None

    def document_with_text(self, sha256: str, text: str) -> str | None:
        """The doc_id of a document (any version) with this text: by its SHA-256 first,
        then by the text itself (the current, latest version first); None if none."""
        row = (
            self._con.execute("SELECT doc_id FROM documents WHERE sha256 = ?", (sha256,)).fetchone()
            or self._con.execute(
                "SELECT doc_id FROM documents WHERE n_chars = ? AND text = ?"
                " ORDER BY is_current DESC, version DESC LIMIT 1",
                (len(text), text),
            ).fetchone()
        )
        return None if row is None else str(row[0])

    def documents_with_text(self, sha256: str, text: str) -> list[tuple[str, str]]:
        """Every document (any version) with this text, as ``(doc_id, refi_guid)``
        (``refi_guid`` the REFI-QDA source GUID it was imported with, else ``""``): the
        current, latest ones first, then by doc_id.

        >>> import tempfile, pathlib
        >>> from sokwal_monitor.store import ProjectStore
        >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
        >>> store.documents_with_text("0" * 64, "no such text")
        []
        """
        rows = self._con.execute(
            "SELECT doc_id, coalesce(json_extract(properties, '$.refi_guid'), '') FROM documents"
            " WHERE sha256 = ? OR (n_chars = ? AND text = ?)"
            " ORDER BY is_current DESC, version DESC, doc_id",
            (sha256, len(text), text),
        ).fetchall()
        return [(str(doc_id), str(guid)) for doc_id, guid in rows]

    def document_with_refi_guid(self, guid: str) -> str | None:
        """The current document imported from the REFI-QDA source ``guid`` (compared
        without case and braces), or None."""
        row = self._con.execute(
            "SELECT doc_id FROM documents WHERE is_current = 1 AND"
            " lower(trim(json_extract(properties, '$.refi_guid'), '{}')) = lower(trim(?, '{}'))"
            " ORDER BY doc_id LIMIT 1",
            (guid,),
        ).fetchone()
        return None if row is None else str(row[0])

    def next_document_version(self, path: str) -> int:
        """The version a new document at ``path`` gets (1 for a new path)."""
        return int(
            self._one("SELECT coalesce(max(version), 0) + 1 FROM documents WHERE path = ?", (path,))
        )

    # -- writes: import_qdpx and merge ----------------------------------------------
    def insert_memo_once(
        self,
        target_kind: str,
        target: str,
        author: str,
        text: str,
        created_at: str | None,
        updated_at: str | None,
    ) -> bool:
        """Add a memo unless the same one (target, author, text) is there; True if added."""
        if self._con.execute(
            "SELECT 1 FROM memos WHERE target_kind = ? AND target = ? AND author = ? AND text = ?",
            (target_kind, target, author, text),
        ).fetchone():
            return False
        self._con.execute(
            "INSERT INTO memos (target_kind, target, author, text, created_at, updated_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (target_kind, target, author, text, created_at, updated_at),
        )
        return True

    def set_coding_times(self, run_id: int | None, times: Iterable[tuple[str, Any]]) -> None:
        """Give codings of run ``run_id`` their own creation times: ``(coding_id,
        created_at)`` pairs (an imported or merged coding keeps the time it was made)."""
        self._con.executemany(
            "UPDATE codings SET created_at = ? WHERE coding_id = ? AND run_id = ?",
            [(created, coding_id, run_id) for coding_id, created in times],
        )

    # -- reads: merge ---------------------------------------------------------------
    def document_hashes(self) -> pd.DataFrame:
        """Every document version: ``doc_id, sha256, path, text``, by path and version."""
        return self.query("SELECT doc_id, sha256, path, text FROM documents ORDER BY path, version")

    def coding_rows(self) -> pd.DataFrame:
        """The codings table as stored (``coding_id, doc_id, segment_position,
        start_char, end_char, code, coder, origin, score, memo, pattern, created_at``),
        by document and offset."""
        return self.query(
            f"SELECT {_CODING_COLUMNS} FROM codings ORDER BY doc_id, start_char, coding_id"
        )

    def document_keys(self) -> list[tuple[str, str, str, str]]:
        """Every document version as ``(doc_id, sha256, refi_guid, text)`` by path and
        version (``refi_guid``: the REFI-QDA source GUID it was imported with, in lower
        case without braces, else ``""``); ``merge`` recognises documents by these."""
        return [
            (str(d), str(h), str(g or "").strip("{}").lower(), str(t))
            for d, h, g, t in self._con.execute(
                "SELECT doc_id, sha256, json_extract(properties, '$.refi_guid'), text"
                " FROM documents ORDER BY path, version, doc_id"
            )
        ]

    def texts_by_hash(self) -> dict[str, tuple[str, str]]:
        """Each document's ``(doc_id, text)`` by its SHA-256 (the last row of a hash wins)."""
        return {
            sha: (doc_id, text)
            for doc_id, sha, text in self._con.execute("SELECT doc_id, sha256, text FROM documents")
        }
