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
from .scope import _Scope


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
            with self.store.transaction():
                if action.memo_id is not None:
                    self.store.delete_memo(action.memo_id)
                if action.memo_before is not None:
                    self.store.replace_memo(action.memo_before)
        else:
            with self._run("undo", action.segment_id, undoes=action.label) as run:
                if action.added:
                    run.remove(coding_ids=action.added)
                run.restore(action.removed)
        self._undo.pop()
        if action.segment_id in self._index:
            self._current = action.segment_id
        return f"undid: {action.label}"

    @property
    def can_undo(self) -> bool:
        """True when there is an action of this session to undo."""
        return bool(self._undo)
