"""Reviewing lessons: confirm, edit (span, type, themes), reject, add by hand, undo —
each one store transaction, logged with the lesson before and after it and who did it.

The coding pane and notebooks call these plain functions; a spreadsheet round trip goes
through :func:`review_table` and :func:`apply_review_table`. A lesson's span is always
whole sentences: an edited or added span is widened to the sentences it touches.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..errors import SokwalError
from ..store import ProjectStore, StoreLike, open_store
from .find import lesson_id as make_lesson_id
from .find import speaker_role
from .patterns import LESSON_TYPES, sentence_spans

__all__ = [
    "REVIEW_COLUMNS",
    "LessonReviewError",
    "ReviewResult",
    "add_lesson",
    "apply_review_table",
    "confirm_lesson",
    "edit_lesson",
    "reject_lesson",
    "review_table",
    "undo_lesson_review",
]

#: The columns of a review table: what the researcher reads, and the three they fill in.
REVIEW_COLUMNS = (
    "lesson_id", "project_id", "wave", "role", "type", "themes", "status", "text",
    "decision", "new_type", "new_themes", "memo",
)  # fmt: skip
_CONFIRM = frozenset({"confirm", "confirmed", "bevestig", "bevestigd", "ja", "j", "yes", "y",
                      "ok", "+"})  # fmt: skip
_REJECT = frozenset({"reject", "rejected", "verwerp", "verworpen", "afwijzen", "afgewezen",
                     "nee", "n", "no", "-"})  # fmt: skip


class LessonReviewError(SokwalError):
    """A review action that cannot be done: unknown lesson, bad type, empty reviewer."""


def _check_reviewer(reviewer: str) -> str:
    if not str(reviewer or "").strip():
        raise LessonReviewError(None, "a review needs the reviewer's name", "pass reviewer=")
    return str(reviewer).strip()


def _record(store: ProjectStore, lesson_id: str) -> dict[str, Any]:
    record = store.lesson_record(lesson_id)
    if record is None:
        raise LessonReviewError(store.path, f"no lesson {lesson_id!r}", "see store.lessons()")
    return record


def _check_type(kind: str) -> str:
    if kind not in LESSON_TYPES:
        raise LessonReviewError(
            None, f"unknown lesson type {kind!r}", f"choose one of {', '.join(LESSON_TYPES)}"
        )
    return kind


def _themes(themes: str | Iterable[str]) -> str:
    parts = themes.split(";") if isinstance(themes, str) else list(themes)
    return ";".join(sorted({p.strip() for p in parts if p and p.strip()}))


def _act(
    store: ProjectStore, lesson_id: str, action: str, reviewer: str, **fields: Any
) -> dict[str, Any]:
    """Change a lesson and log the action, in one transaction; the lesson after it."""
    with store.transaction():
        before = _record(store, lesson_id)
        store.update_lesson(lesson_id, reviewer=reviewer, **fields)
        after = _record(store, lesson_id)
        store.insert_lesson_review(lesson_id, action, reviewer, before, after)
    return after


def confirm_lesson(
    store: StoreLike, lesson_id: str, reviewer: str, *, memo: str | None = None
) -> dict[str, Any]:
    """Confirm a lesson (status ``confirmed``); returns its stored fields.

    >>> confirm_lesson(store, lid, "anna")["status"]  # doctest: +SKIP
    'confirmed'
    """
    extra = {} if memo is None else {"memo": memo}
    return _act(open_store(store), lesson_id, "confirm", _check_reviewer(reviewer),
                status="confirmed", **extra)  # fmt: skip


def reject_lesson(
    store: StoreLike, lesson_id: str, reviewer: str, *, memo: str | None = None
) -> dict[str, Any]:
    """Reject a lesson (status ``rejected``; it stays in the store as a negative
    example for :func:`suggest_lessons`, and the rules do not propose it again).

    >>> reject_lesson(store, lid, "anna", memo="een plan, geen les")["status"]  # doctest: +SKIP
    'rejected'
    """
    extra = {} if memo is None else {"memo": memo}
    return _act(open_store(store), lesson_id, "reject", _check_reviewer(reviewer),
                status="rejected", **extra)  # fmt: skip


def _snap(store: ProjectStore, doc_id: str, start: int, end: int) -> tuple[int, int, int | None]:
    """Widen ``[start, end)`` to the whole sentences of the document's segments it
    touches; the span and the position of the segment it starts in."""
    segs = store.segments_touching(doc_id, start, end)
    text = store.text(doc_id)
    if not 0 <= start < end <= len(text):
        raise LessonReviewError(None, f"span {start}-{end} is outside the document's text"
                                f" ({len(text)} characters)")  # fmt: skip
    if segs.empty:
        return start, end, None

    def touched(seg: Any) -> list[tuple[int, int]]:
        base = int(seg.start_char)
        spans = sentence_spans(text[base : int(seg.end_char)])
        return [(base + a, base + b) for a, b in spans if base + a < end and base + b > start]

    head, tail = touched(segs.iloc[0]), touched(segs.iloc[-1])
    new_start = head[0][0] if head else start
    new_end = tail[-1][1] if tail else end
    first = int(segs["position"].iloc[0])
    return new_start, new_end, first


def edit_lesson(
    store: StoreLike,
    lesson_id: str,
    reviewer: str,
    *,
    start_char: int | None = None,
    end_char: int | None = None,
    type: str | None = None,
    themes: str | Iterable[str] | None = None,
    memo: str | None = None,
) -> dict[str, Any]:
    """Edit a lesson's span (widened to whole sentences), type or themes; the lesson
    keeps its id and status. Returns its stored fields.

    >>> edit_lesson(store, lid, "anna", type="advice", themes="vrijwilligers")  # doctest: +SKIP
    """
    store = open_store(store)
    reviewer = _check_reviewer(reviewer)
    record = _record(store, lesson_id)
    fields: dict[str, Any] = {}
    if start_char is not None or end_char is not None:
        start = record["start_char"] if start_char is None else int(start_char)
        end = record["end_char"] if end_char is None else int(end_char)
        if end <= start:
            raise LessonReviewError(None, f"empty span {start}-{end}")
        a, b, position = _snap(store, record["doc_id"], start, end)
        fields.update(start_char=a, end_char=b, segment_position=position)
    if type is not None:
        fields["type"] = _check_type(type)
    if themes is not None:
        fields["themes"] = _themes(themes)
    if memo is not None:
        fields["memo"] = memo
    return _act(store, lesson_id, "edit", reviewer, **fields)


def add_lesson(
    store: StoreLike,
    doc_id: str,
    start_char: int,
    end_char: int,
    type: str,
    reviewer: str,
    *,
    themes: str | Iterable[str] = "",
    memo: str = "",
) -> dict[str, Any]:
    """Add a lesson by hand (origin ``manual``, status ``confirmed``), its span widened
    to whole sentences. Returns its stored fields.

    >>> add_lesson(store, doc_id, 120, 180, "insight", "anna")["origin"]  # doctest: +SKIP
    'manual'
    """
    store = open_store(store)
    reviewer = _check_reviewer(reviewer)
    _check_type(type)
    if int(end_char) <= int(start_char):
        raise LessonReviewError(None, f"empty span {start_char}-{end_char}")
    docs = store.documents()
    doc = docs[docs["doc_id"] == doc_id]
    if doc.empty:
        raise LessonReviewError(store.path, f"no current document {doc_id!r}")
    a, b, position = _snap(store, doc_id, int(start_char), int(end_char))
    seg_role, speaker = "", ""
    if position is not None:
        seg = store.segments_touching(doc_id, a, b)
        seg_role, speaker = str(seg["role"].iloc[0] or ""), str(seg["speaker"].iloc[0] or "")
    respondent = doc["respondent_role"].iloc[0]
    role = speaker_role(str(doc["kind"].iloc[0]), seg_role, speaker,
                        "" if pd.isna(respondent) else str(respondent))  # fmt: skip
    lid = make_lesson_id(doc_id, a, b)
    record = {
        "lesson_id": lid, "doc_id": doc_id, "segment_position": position, "start_char": a,
        "end_char": b, "type": type, "themes": _themes(themes), "role": role,
        "origin": "manual", "coder": reviewer, "status": "confirmed", "pattern": "",
        "reviewer": reviewer, "memo": memo,
    }  # fmt: skip
    with store.transaction():
        old = store.lesson_record(lid)
        if old is not None:
            raise LessonReviewError(None, f"this span is lesson {lid} already; edit it instead")
        store.insert_lessons([record])
        after = _record(store, lid)
        store.insert_lesson_review(lid, "add", reviewer, None, after)
    return after


def undo_lesson_review(store: StoreLike, reviewer: str) -> dict[str, Any] | None:
    """Undo the reviewer's latest review action that is not undone yet (repeat to undo
    more): the lesson is written back as it was before (an added lesson is removed).
    Returns the action undone (``review_id, lesson_id, action, before, after``), or None
    when there is nothing to undo.

    >>> undo_lesson_review(store, "anna")["action"]  # doctest: +SKIP
    'reject'
    """
    store = open_store(store)
    reviewer = _check_reviewer(reviewer)
    with store.transaction():
        last = store.last_lesson_review(reviewer)
        if last is None:
            return None
        if last["before"] is None:
            store.delete_lesson(last["lesson_id"])
        else:
            store.replace_lesson(last["before"])
        store.mark_lesson_review_undone(last["review_id"])
        store.insert_lesson_review(last["lesson_id"], "undo", reviewer, last["after"],
                                   last["before"])  # fmt: skip
    return last


def review_table(
    store: StoreLike, *, project_id: str | None = None, status: str | None = "proposed"
) -> pd.DataFrame:
    """A table to review lessons in (a spreadsheet, a notebook): one row per lesson with
    :data:`REVIEW_COLUMNS`; fill in ``decision`` (``confirm``/``bevestig``/``ja`` or
    ``reject``/``verwerp``/``nee``), and ``new_type``/``new_themes``/``memo`` to edit,
    then :func:`apply_review_table`.

    >>> import tempfile, pathlib
    >>> list(review_table(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").columns[-4:])
    ['decision', 'new_type', 'new_themes', 'memo']
    """
    table = open_store(store).lessons(project_id=project_id, status=status)
    out = table[[c for c in REVIEW_COLUMNS if c in table.columns]].copy()
    for col in ("decision", "new_type", "new_themes"):
        out[col] = ""
    out["memo"] = table["memo"] if "memo" in table.columns else ""
    return out[list(REVIEW_COLUMNS)].reset_index(drop=True)


@dataclass
class ReviewResult:
    """What :func:`apply_review_table` did.

    >>> ReviewResult(confirmed=2, rejected=1).summary()
    '2 confirmed, 1 rejected, 0 edited, 0 unchanged'
    """

    confirmed: int = 0
    rejected: int = 0
    edited: int = 0
    unchanged: int = 0
    lesson_ids: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line."""
        return (f"{self.confirmed} confirmed, {self.rejected} rejected, {self.edited} edited,"
                f" {self.unchanged} unchanged")  # fmt: skip


def _cell(row: pd.Series, name: str) -> str:
    value = row.get(name, "")
    return "" if value is None or (not isinstance(value, str) and pd.isna(value)) else str(value)


def apply_review_table(store: StoreLike, table: pd.DataFrame, reviewer: str) -> ReviewResult:
    """Apply a filled-in :func:`review_table` (a DataFrame, or read back from CSV):
    every row's decision and edits, in one transaction. Every row is checked first: an
    unknown lesson, decision or type stops it with all problems named, and nothing is
    changed.

    >>> import tempfile, pathlib
    >>> store = pathlib.Path(tempfile.mkdtemp()) / "s.sokwal"
    >>> apply_review_table(store, review_table(store), "anna").summary()
    '0 confirmed, 0 rejected, 0 edited, 0 unchanged'
    """
    store = open_store(store)
    reviewer = _check_reviewer(reviewer)
    if "lesson_id" not in table.columns:
        raise LessonReviewError(None, "the review table has no lesson_id column")
    problems, plan = [], []
    for i, row in table.reset_index(drop=True).iterrows():
        lid = _cell(row, "lesson_id")
        decision = _cell(row, "decision").strip().lower()
        new_type = _cell(row, "new_type").strip()
        new_themes = _cell(row, "new_themes").strip()
        memo = _cell(row, "memo")
        line = int(str(i)) + 2  # the CSV line: header is line 1
        if store.lesson_record(lid) is None:
            problems.append(f"row {line}: no lesson {lid!r}")
        elif decision and decision not in _CONFIRM | _REJECT:
            problems.append(f"row {line}: decision {decision!r} is not confirm or reject")
        elif new_type and new_type not in LESSON_TYPES:
            problems.append(
                f"row {line}: type {new_type!r} is not one of {', '.join(LESSON_TYPES)}"
            )
        else:
            plan.append((lid, decision, new_type, new_themes, memo))
    if problems:
        raise LessonReviewError(None, "; ".join(problems), "nothing was changed; fix the table")
    result = ReviewResult()
    with store.transaction():
        for lid, decision, new_type, new_themes, memo in plan:
            old_memo = store.lesson_record(lid)["memo"]  # type: ignore[index]
            memo_change = memo if memo != old_memo and memo else None
            if new_type or new_themes:
                edit_lesson(store, lid, reviewer, type=new_type or None,
                            themes=new_themes or None)  # fmt: skip
                result.edited += 1
            if decision in _CONFIRM:
                confirm_lesson(store, lid, reviewer, memo=memo_change)
                result.confirmed += 1
            elif decision in _REJECT:
                reject_lesson(store, lid, reviewer, memo=memo_change)
                result.rejected += 1
            elif not (new_type or new_themes):
                result.unchanged += 1
                continue
            result.lesson_ids.append(lid)
    return result
