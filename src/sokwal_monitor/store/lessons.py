"""Lessons' reads and writes: the ``lessons`` table and the log of review actions.

A lesson's text is not stored: like a segment's, it is sliced from its document's text,
so ``text == doc_text[start_char:end_char]`` cannot drift. Project and wave come from
the document. Every review action is a ``lesson_reviews`` row with the lesson as it was
before and after (JSON), which is what makes an action undoable.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from .connection import StoreBase, now, where_in

__all__ = ["LESSON_COLUMNS", "LESSON_FIELDS", "LessonOps"]

#: The contract's columns of the ``lessons`` table, in order.
LESSON_COLUMNS = (
    "lesson_id", "doc_id", "segment_id", "project_id", "wave", "role", "start_char",
    "end_char", "text", "type", "themes", "origin", "coder", "status",
)  # fmt: skip
#: The stored fields of a lesson (what a review action records before and after).
LESSON_FIELDS = (
    "lesson_id", "doc_id", "segment_position", "start_char", "end_char", "type", "themes",
    "role", "origin", "coder", "status", "score", "pattern", "reviewer", "memo",
    "created_at", "updated_at",
)  # fmt: skip
_EDITABLE = frozenset(
    {"segment_position", "start_char", "end_char", "type", "themes", "role", "status",
     "reviewer", "memo", "score"}
)  # fmt: skip


class LessonOps(StoreBase):
    """Lessons and their reviews (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """

    def lessons(
        self,
        *,
        project_id: str | Sequence[str] | None = None,
        type: str | Sequence[str] | None = None,
        status: str | Sequence[str] | None = None,
        origin: str | Sequence[str] | None = None,
        all_versions: bool = False,
    ) -> pd.DataFrame:
        """The ``lessons`` table (contract columns first, then ``score``, ``pattern``,
        ``reviewer``, ``memo``, ``kind``, ``path``, ``created_at``, ``updated_at``), in
        document and text order; lessons of old document versions only with
        ``all_versions``."""
        where: list[str] = [] if all_versions else ["d.is_current = 1"]
        params: list[Any] = []
        where_in("d.project_id", project_id, where, params)
        where_in("l.type", type, where, params)
        where_in("l.status", status, where, params)
        where_in("l.origin", origin, where, params)
        sql = (
            "SELECT l.lesson_id, l.doc_id, l.segment_id, d.project_id, d.wave, l.role,"
            " l.start_char, l.end_char, l.type, l.themes, l.origin, l.coder, l.status,"
            " l.score, l.pattern, l.reviewer, l.memo, d.kind, d.path, l.created_at,"
            " l.updated_at FROM lessons l JOIN documents d USING (doc_id)"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.path, l.start_char, l.end_char"
        )
        frame = self.query(sql, params)
        frame["text"] = self._slices(frame) if len(frame) else pd.Series(dtype=object)
        for col in ("project_id", "wave"):
            frame[col] = frame[col].fillna("")
        rest = [c for c in frame.columns if c not in LESSON_COLUMNS]
        return frame[list(LESSON_COLUMNS) + rest].reset_index(drop=True)

    def lesson_record(self, lesson_id: str) -> dict[str, Any] | None:
        """One lesson's stored fields (:data:`LESSON_FIELDS`) as a dict, or None."""
        cur = self._con.execute(
            f"SELECT {', '.join(LESSON_FIELDS)} FROM lessons WHERE lesson_id = ?", (lesson_id,)
        )
        row = cur.fetchone()
        return None if row is None else dict(zip(LESSON_FIELDS, row, strict=True))

    def lesson_records(self, doc_id: str | None = None) -> list[dict[str, Any]]:
        """Every lesson's stored fields (of one document when given), in text order."""
        sql = f"SELECT {', '.join(LESSON_FIELDS)} FROM lessons"
        params: tuple[Any, ...] = ()
        if doc_id is not None:
            sql, params = sql + " WHERE doc_id = ?", (doc_id,)
        rows = self._con.execute(sql + " ORDER BY doc_id, start_char", params).fetchall()
        return [dict(zip(LESSON_FIELDS, row, strict=True)) for row in rows]

    def insert_lessons(self, records: Iterable[dict[str, Any]]) -> int:
        """Add lessons (dicts with :data:`LESSON_FIELDS`; times default to now); an
        existing ``lesson_id`` is left as it is. Returns how many were added."""
        stamp = now()
        rows = [
            tuple(
                r.get(f, stamp) if f in ("created_at", "updated_at") else r.get(f)
                for f in LESSON_FIELDS
            )
            for r in records
        ]
        before = self._con.total_changes
        self._con.executemany(
            f"INSERT OR IGNORE INTO lessons ({', '.join(LESSON_FIELDS)})"
            f" VALUES ({', '.join('?' * len(LESSON_FIELDS))})",
            [tuple("" if v is None and f in _TEXT else v for f, v in zip(LESSON_FIELDS, row,
                                                                         strict=True))
             for row in rows],
        )  # fmt: skip
        return self._con.total_changes - before

    def delete_proposed_lessons(
        self, origin: str, coder: str | None = None, doc_ids: Sequence[str] | None = None
    ) -> int:
        """Remove the still-proposed, never reviewed lessons of ``origin`` (and ``coder``,
        and of the documents ``doc_ids``); return how many. Reviewed lessons stay."""
        where = ["status = 'proposed'", "origin = ?", "reviewer = ''"]
        params: list[Any] = [origin]
        where_in("coder", None if coder is None else [coder], where, params)
        where_in("doc_id", doc_ids, where, params)
        return self._con.execute(
            "DELETE FROM lessons WHERE " + " AND ".join(where), params
        ).rowcount

    def update_lesson(self, lesson_id: str, **fields: Any) -> None:
        """Change a lesson's editable fields (and its ``updated_at``)."""
        bad = set(fields) - _EDITABLE
        if bad:
            raise ValueError(f"not editable: {', '.join(sorted(bad))}")
        fields["updated_at"] = now()
        sets = ", ".join(f"{k} = ?" for k in fields)
        self._con.execute(
            f"UPDATE lessons SET {sets} WHERE lesson_id = ?", (*fields.values(), lesson_id)
        )

    def replace_lesson(self, record: dict[str, Any]) -> None:
        """Write a lesson's stored fields back exactly as given (an undo)."""
        self._con.execute("DELETE FROM lessons WHERE lesson_id = ?", (record["lesson_id"],))
        self.insert_lessons([record])

    def delete_lesson(self, lesson_id: str) -> None:
        """Remove one lesson (the undo of adding it)."""
        self._con.execute("DELETE FROM lessons WHERE lesson_id = ?", (lesson_id,))

    def segments_touching(self, doc_id: str, start_char: int, end_char: int) -> pd.DataFrame:
        """The segments of a document that ``[start_char, end_char)`` touches:
        ``position, start_char, end_char, role, speaker`` in order."""
        return self.query(
            "SELECT position, start_char, end_char, role, speaker FROM segments"
            " WHERE doc_id = ? AND start_char < ? AND end_char > ? ORDER BY position",
            (doc_id, max(end_char, start_char + 1), start_char),
        )

    # -- review log ---------------------------------------------------------------------
    def insert_lesson_review(
        self,
        lesson_id: str,
        action: str,
        reviewer: str,
        before: dict[str, Any] | None,
        after: dict[str, Any] | None,
    ) -> int:
        """Log one review action with the lesson before and after it; its id."""
        cur = self._con.execute(
            "INSERT INTO lesson_reviews (lesson_id, action, reviewer, before, after, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (lesson_id, action, reviewer, _json(before), _json(after), now()),
        )
        return int(cur.lastrowid or 0)

    def last_lesson_review(self, reviewer: str) -> dict[str, Any] | None:
        """The reviewer's latest action that is not undone (and not an undo), or None;
        ``before``/``after`` decoded (None for none)."""
        row = self._con.execute(
            "SELECT review_id, lesson_id, action, before, after FROM lesson_reviews"
            " WHERE reviewer = ? AND undone = 0 AND action <> 'undo'"
            " ORDER BY review_id DESC LIMIT 1",
            (reviewer,),
        ).fetchone()
        if row is None:
            return None
        return {
            "review_id": row[0], "lesson_id": row[1], "action": row[2],
            "before": json.loads(row[3]) if row[3] else None,
            "after": json.loads(row[4]) if row[4] else None,
        }  # fmt: skip

    def mark_lesson_review_undone(self, review_id: int) -> None:
        """Mark a review action as undone."""
        self._con.execute("UPDATE lesson_reviews SET undone = 1 WHERE review_id = ?", (review_id,))

    def lesson_reviews(self, lesson_id: str | None = None) -> pd.DataFrame:
        """The review log: ``review_id, lesson_id, action, reviewer, before, after,
        undone, created_at`` (JSON text), oldest first."""
        sql = (
            "SELECT review_id, lesson_id, action, reviewer, before, after, undone, created_at"
            " FROM lesson_reviews"
        )
        params: tuple[Any, ...] = ()
        if lesson_id is not None:
            sql, params = sql + " WHERE lesson_id = ?", (lesson_id,)
        return self.query(sql + " ORDER BY review_id", params)


_TEXT = frozenset({"themes", "role", "pattern", "reviewer", "memo"})


def _json(record: dict[str, Any] | None) -> str:
    return "" if record is None else json.dumps(record, ensure_ascii=False, sort_keys=True)
