"""Recording a coding session's actions, and undoing them.

Every coding action is one logged coding run (``via: CodingSession`` in its options);
what it changed is kept as an :class:`_Action`, so that undo restores the store exactly
(ids, times, memos).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...errors import CodingError
from ..base import Coding, CodingRun
from .memos import _MEMO_COLUMNS
from .scope import _Scope

#: Columns of ``codings`` as stored (``segment_id`` is generated): what undo re-inserts.
_CODING_COLUMNS = (
    "coding_id, doc_id, segment_position, start_char, end_char, code, coder, origin,"
    " score, memo, pattern, run_id, created_at"
)


@dataclass
class _Action:
    """What one action changed, for :meth:`CodingSession.undo`."""

    label: str
    segment_id: str
    added: list[str] = field(default_factory=list)  # coding ids written
    removed: list[tuple[Any, ...]] = field(default_factory=list)  # coding rows deleted
    memo: bool = False
    memo_before: tuple[Any, ...] | None = None  # the memo row before, None if there was none
    memo_id: int | None = None  # the memo row after


def _remove_codings(run: CodingRun, ids: list[str]) -> None:
    """Delete the codings with these ids, in ``run``."""
    run.remove(f"coding_id IN ({', '.join('?' * len(ids))})", ids)


class _Undo(_Scope):
    """The actions of a :class:`~sokwal_monitor.coding.session.CodingSession` as logged
    coding runs, and their undo (a mixin)."""

    _undo: list[_Action]

    def _run(self, action: str, segment_id: str, **extra: Any) -> CodingRun:
        options = {"via": "CodingSession", "action": action, "segment_id": segment_id, **extra}
        return CodingRun(self.store, coder=self.coder, origin="manual", options=options)

    def _add(self, run: CodingRun, coding: Coding, what: str) -> list[str]:
        before = run.n_added
        ids = run.add([coding])
        if run.n_added == before:
            raise CodingError(
                None,
                f"{self.coder} already has {what} on this passage; nothing was changed",
                "press refresh to see it",
            )
        return ids

    def undo(self) -> str:
        """Undo this session's last action (also an accept or a memo); return what.

        The codings and memo are restored exactly as they were (ids, times, memos);
        undoing a coding change is itself a logged coding run. The segment of the
        action becomes the current one (when it is in scope).

        Raises
        ------
        CodingError
            There is nothing (more) to undo in this session.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> _ = session.toggle("inzicht_opgedaan")
        >>> session.undo()  # doctest: +ELLIPSIS
        "undid: code 'inzicht_opgedaan' on segment ...-00000"
        >>> session.codes_on()
        []
        """
        if not self._undo:
            raise CodingError(
                None,
                "there is nothing to undo in this session",
                "undo reaches only what was done since the session was opened",
            )
        action = self._undo[-1]
        if action.memo:
            with self.store.transaction() as con:
                if action.memo_id is not None:
                    con.execute("DELETE FROM memos WHERE memo_id = ?", (action.memo_id,))
                if action.memo_before is not None:
                    con.execute(
                        f"INSERT OR REPLACE INTO memos ({_MEMO_COLUMNS}) VALUES"
                        " (?, ?, ?, ?, ?, ?, ?)",
                        action.memo_before,
                    )
        else:
            with self._run("undo", action.segment_id, undoes=action.label) as run:
                if action.added:
                    _remove_codings(run, action.added)
                for row in action.removed:
                    cur = run.con.execute(
                        f"INSERT INTO codings ({_CODING_COLUMNS}) VALUES"
                        " (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        " ON CONFLICT (coding_id) DO NOTHING",
                        row,
                    )
                    run.n_added += cur.rowcount
                    run.doc_ids.add(row[1])
        self._undo.pop()
        if action.segment_id in self._index:
            self._current = action.segment_id
        return f"undid: {action.label}"

    @property
    def can_undo(self) -> bool:
        """True when there is an action of this session to undo."""
        return bool(self._undo)
