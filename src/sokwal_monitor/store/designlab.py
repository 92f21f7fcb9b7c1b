"""Designlab sessions' reads and writes: imported boards, the session's cards, each
board's groups, candidate codes and codebook versions (part of ``ProjectStore``)."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import pandas as pd

from .connection import StoreBase, now

__all__ = ["DesignlabOps"]

#: The columns of :meth:`DesignlabOps.designlab_groups`.
GROUP_COLUMNS = (
    "session",
    "board",
    "position",
    "name",
    "code",
    "mapped",
    "colour",
    "votes",
    "note",
    "cards",
)
#: The columns of :meth:`DesignlabOps.candidate_codes`.
CANDIDATE_COLUMNS = (
    "code",
    "status",
    "session",
    "board",
    "codebook_sha256",
    "merged_into",
    "decided_by",
    "decided_at",
    "created_at",
)


def _frame(rows: list[Any], columns: Sequence[str]) -> pd.DataFrame:
    return pd.DataFrame([tuple(r) for r in rows], columns=list(columns))


class DesignlabOps(StoreBase):
    """Designlab boards, cards, groups, candidate codes and codebook versions.

    Call the writes inside ``store.transaction()``.
    """

    # -- boards and cards -----------------------------------------------------------------
    def designlab_boards(self, session: str | None = None) -> pd.DataFrame:
        """The imported boards (of one session): ``session, board, card_set, coder,
        board_sha256, n_cards, n_groups, imported_at``.

        >>> import tempfile, pathlib
        >>> from sokwal_monitor.store import ProjectStore
        >>> ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").designlab_boards().shape
        (0, 8)
        """
        sql = "SELECT * FROM designlab_boards"
        params: list[Any] = []
        if session is not None:
            sql += " WHERE session = ?"
            params.append(session)
        return self.query(sql + " ORDER BY session, imported_at, board", params)

    def designlab_board_row(self, session: str, board: str) -> tuple[Any, ...] | None:
        """``(card_set, coder, board_sha256, n_cards, n_groups, imported_at)`` of one
        imported board, or None."""
        row = self._con.execute(
            "SELECT card_set, coder, board_sha256, n_cards, n_groups, imported_at"
            " FROM designlab_boards WHERE session = ? AND board = ?",
            (session, board),
        ).fetchone()
        return None if row is None else tuple(row)

    def designlab_session_card_set(self, session: str) -> str | None:
        """The card set a session's boards sorted (the first board imported fixed it)."""
        value = self._one(
            "SELECT card_set FROM designlab_cards WHERE session = ? LIMIT 1", (session,)
        )
        return None if value is None else str(value)

    def upsert_designlab_board(
        self,
        session: str,
        board: str,
        *,
        card_set: str,
        coder: str,
        board_sha256: str,
        n_cards: int,
        n_groups: int,
    ) -> None:
        """Write a board's row (a board imported again keeps its first import time)."""
        self._con.execute(
            "INSERT INTO designlab_boards (session, board, card_set, coder, board_sha256,"
            " n_cards, n_groups, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (session, board) DO UPDATE SET card_set = excluded.card_set,"
            " coder = excluded.coder, board_sha256 = excluded.board_sha256,"
            " n_cards = excluded.n_cards, n_groups = excluded.n_groups",
            (session, board, card_set, coder, board_sha256, n_cards, n_groups, now()),
        )

    def designlab_cards(self, session: str) -> pd.DataFrame:
        """A session's cards with their text: ``card_id, card_set, doc_id, start_char,
        end_char, text_sha256, text, path, project_id, wave``, by card id."""
        return self.query(
            "SELECT c.card_id, c.card_set, c.doc_id, c.start_char, c.end_char, c.text_sha256,"
            " substr(d.text, c.start_char + 1, c.end_char - c.start_char) AS text, d.path,"
            " d.project_id, d.wave FROM designlab_cards c JOIN documents d USING (doc_id)"
            " WHERE c.session = ? ORDER BY c.card_id",
            (session,),
        )

    def insert_designlab_cards(self, session: str, rows: Iterable[Sequence[Any]]) -> int:
        """Write a session's cards given as ``(card_id, card_set, doc_id, start_char,
        end_char, text_sha256)``; a card id already there stays. Return how many were new."""
        before = self._con.total_changes
        self._con.executemany(
            "INSERT INTO designlab_cards (session, card_id, card_set, doc_id, start_char,"
            " end_char, text_sha256) VALUES (?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (session, card_id) DO NOTHING",
            [(session, *row) for row in rows],
        )
        return self._con.total_changes - before

    def document_text(self, doc_id: str) -> str | None:
        """The stored plain text of one document (any version), or None."""
        value = self._one("SELECT text FROM documents WHERE doc_id = ?", (doc_id,))
        return None if value is None else str(value)

    # -- groups -------------------------------------------------------------------------
    def designlab_groups(self, session: str | None = None) -> pd.DataFrame:
        """The groups of the imported boards: ``session, board, position, name, code,
        mapped`` (bool: named after an existing code), ``colour, votes, note, cards``
        (a list of card ids)."""
        sql = f"SELECT {', '.join(GROUP_COLUMNS)} FROM designlab_groups"
        params: list[Any] = []
        if session is not None:
            sql += " WHERE session = ?"
            params.append(session)
        rows = self._con.execute(sql + " ORDER BY session, board, position", params).fetchall()
        frame = _frame(rows, GROUP_COLUMNS)
        frame["cards"] = [json.loads(c) for c in frame["cards"]]
        return frame.astype({"mapped": "bool"})

    def designlab_group_rows(self, session: str, board: str) -> list[tuple[Any, ...]]:
        """One board's groups as rows ``(position, name, code, mapped, colour, votes,
        note, cards)`` (cards as JSON text), in order."""
        rows = self._con.execute(
            "SELECT position, name, code, mapped, colour, votes, note, cards"
            " FROM designlab_groups WHERE session = ? AND board = ? ORDER BY position",
            (session, board),
        ).fetchall()
        return [tuple(r) for r in rows]

    def replace_designlab_groups(
        self, session: str, board: str, rows: Sequence[Sequence[Any]]
    ) -> None:
        """Replace one board's groups by rows ``(position, name, code, mapped, colour,
        votes, note, cards)`` (cards as JSON text)."""
        self._con.execute(
            "DELETE FROM designlab_groups WHERE session = ? AND board = ?", (session, board)
        )
        self._con.executemany(
            "INSERT INTO designlab_groups (session, board, position, name, code, mapped,"
            " colour, votes, note, cards) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [(session, board, *row) for row in rows],
        )

    # -- codings and memos of a board's coder -----------------------------------------------
    def coding_ids_of(self, coder: str) -> list[str]:
        """The ids of every coding by ``coder``."""
        return self._column("SELECT coding_id FROM codings WHERE coder = ?", (coder,))

    def codes_in_use(self, *, except_coder_prefix: str = "") -> list[str]:
        """The codes of the codings whose coder does not start with the prefix, sorted."""
        return self._column(
            "SELECT DISTINCT code FROM codings WHERE ? = '' OR substr(coder, 1, ?) <> ?"
            " ORDER BY code",
            (except_coder_prefix, len(except_coder_prefix), except_coder_prefix),
        )

    def code_memos_of(self, author: str) -> list[tuple[int, str, str]]:
        """``(memo_id, code, text)`` of the memos ``author`` wrote on codes."""
        rows = self._con.execute(
            "SELECT memo_id, target, text FROM memos WHERE target_kind = 'code'"
            " AND author = ? ORDER BY memo_id",
            (author,),
        ).fetchall()
        return [(int(r[0]), str(r[1]), str(r[2])) for r in rows]

    # -- candidate codes ---------------------------------------------------------------
    def candidate_codes(self, status: str | None = None) -> pd.DataFrame:
        """Group names kept apart from the codebook: ``code, status`` (``candidate``,
        ``accepted``, ``rejected``), ``session, board`` (where it came up first),
        ``codebook_sha256`` (the version it was accepted into), ``merged_into`` (the
        code it was accepted as, when merged into another), ``decided_by, decided_at,
        created_at``.

        >>> import tempfile, pathlib
        >>> from sokwal_monitor.store import ProjectStore
        >>> ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").candidate_codes().shape
        (0, 9)
        """
        sql = f"SELECT {', '.join(CANDIDATE_COLUMNS)} FROM candidate_codes"
        params: list[Any] = []
        if status is not None:
            sql += " WHERE status = ?"
            params.append(status)
        rows = self._con.execute(sql + " ORDER BY created_at, code", params).fetchall()
        return _frame(rows, CANDIDATE_COLUMNS)

    def insert_candidate_code(self, code: str, session: str, board: str) -> bool:
        """Keep ``code`` as a candidate (a code already kept stays as it is); return
        whether it was new."""
        cur = self._con.execute(
            "INSERT INTO candidate_codes (code, session, board, created_at) VALUES (?, ?, ?, ?)"
            " ON CONFLICT (code) DO NOTHING",
            (code, session, board, now()),
        )
        return cur.rowcount > 0

    def decide_candidate_codes(
        self,
        codes: Mapping[str, str],
        status: str,
        *,
        by: str,
        codebook_sha256: str | None,
    ) -> None:
        """Mark candidate codes accepted (into a codebook version) or rejected; ``codes``
        is candidate -> the code it was accepted as ("" or itself: as a code of its own)."""
        stamp = now()
        self._con.executemany(
            "UPDATE candidate_codes SET status = ?, decided_by = ?, decided_at = ?,"
            " codebook_sha256 = ?, merged_into = ? WHERE code = ?",
            [
                (status, by, stamp, codebook_sha256, "" if into == code else into, code)
                for code, into in codes.items()
            ],
        )

    # -- codebook versions ---------------------------------------------------------------
    def insert_codebook_version(
        self, sha256: str, *, parent_sha256: str | None, author: str, note: str = ""
    ) -> None:
        """Record who wrote a kept codebook (``insert_codebook`` first) and when."""
        self._con.execute(
            "INSERT INTO codebook_versions (sha256, parent_sha256, author, note, created_at)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (sha256) DO NOTHING",
            (sha256, parent_sha256, author, note, now()),
        )

    def codebook_versions(self) -> pd.DataFrame:
        """Codebook versions written in the store (accepted candidates): ``sha256, name,
        version, parent_sha256, author, note, created_at``."""
        return self.query(
            "SELECT v.sha256, c.name, c.version, v.parent_sha256, v.author, v.note,"
            " v.created_at FROM codebook_versions v JOIN codebooks c USING (sha256)"
            " ORDER BY v.created_at, v.rowid"
        )
