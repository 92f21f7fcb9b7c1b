"""Recording a coding session's actions, and undoing and redoing them.

Every coding action is one logged coding run (``via: CodingSession`` in its options);
what it changed is kept as an :class:`_Action`, so that undo restores the store exactly
(ids, times, memos) and redo puts the action's result back exactly as well. An action
may change codings, a memo, a rejection and the session's codebook.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...codebook import Codebook
from ...errors import CodingError
from ..base import Coding, CodingRun
from .scope import _Scope


@dataclass
class _Action:
    """What one action changed, for :meth:`CodingSession.undo` and ``redo``."""

    label: str
    segment_id: str
    added: list[str] = field(default_factory=list)  # coding ids written
    removed: list[tuple[Any, ...]] = field(default_factory=list)  # coding rows deleted
    added_rows: list[tuple[Any, ...]] = field(default_factory=list)  # kept at undo, for redo
    memo: bool = False
    memo_before: tuple[Any, ...] | None = None  # the memo row before, None if there was none
    memo_id: int | None = None  # the memo row after
    memo_after: tuple[Any, ...] | None = None  # kept at undo, for redo
    rejection_id: int | None = None  # a rejection written
    rejection_row: tuple[Any, ...] | None = None  # kept at undo, for redo
    codebook_before: Codebook | None = None  # a code added: the codebook before and after
    codebook_after: Codebook | None = None


class _Undo(_Scope):
    """The actions of a :class:`~sokwal_monitor.coding.session.CodingSession` as logged
    coding runs, their undo and redo (a mixin)."""

    _undo: list[_Action]
    _redo: list[_Action]
    codebook: Codebook

    def _run(
        self, action: str, segment_id: str, codebook: Codebook | None = None, **extra: Any
    ) -> CodingRun:
        options = {"via": "CodingSession", "action": action, "segment_id": segment_id, **extra}
        return CodingRun(
            self.store, coder=self.coder, origin="manual", codebook=codebook, options=options
        )

    def _add(self, run: CodingRun, coding: Coding, what: str) -> list[str]:
        before = run.n_added
        ids = run.add([coding])
        if run.n_added == before:
            raise CodingError(
                None,
                f"{self.coder} already has {what} on this passage; nothing was changed",
                "it is marked in the text: choose another passage or code",
            )
        return ids

    def _record(self, action: _Action) -> None:
        """Keep a new action for undo; a new action ends what could be redone."""
        self._undo.append(action)
        self._redo.clear()

    def _apply(self, action: _Action, *, forward: bool) -> None:
        """Undo (``forward=False``) or redo an action, in one transaction."""
        store = self.store
        if action.memo:
            with store.transaction():
                if forward:
                    if action.memo_before is not None:
                        store.delete_memo(action.memo_before[0])
                    if action.memo_after is not None:
                        store.replace_memo(action.memo_after)
                else:
                    if action.memo_id is not None:
                        action.memo_after = store.memo_row(action.memo_id)
                        store.delete_memo(action.memo_id)
                    if action.memo_before is not None:
                        store.replace_memo(action.memo_before)
            return
        verb = "redo" if forward else "undo"
        codebook = None
        if action.codebook_before is not None and action.codebook_after is not None:
            codebook = action.codebook_after if forward else action.codebook_before
        with self._run(
            verb, action.segment_id, codebook=codebook, **{f"{verb}es": action.label}
        ) as run:
            if forward:
                if action.removed:
                    run.remove(coding_ids=[row[0] for row in action.removed])
                run.restore(action.added_rows)
                if action.rejection_row is not None:
                    store.restore_rejection(action.rejection_row)
            else:
                if action.added:
                    action.added_rows = store.codings_by_id(action.added)
                    run.remove(coding_ids=action.added)
                run.restore(action.removed)
                if action.rejection_id is not None:
                    action.rejection_row = store.rejection_row(action.rejection_id)
                    store.delete_rejection(action.rejection_id)
        if codebook is not None:
            self.codebook = codebook

    def undo(self) -> str:
        """Undo this session's last action (also an accept, a rejection, a memo, a new
        code); return what.

        The codings and memo are restored exactly as they were (ids, times, memos);
        undoing a coding change is itself a logged coding run. The segment of the
        action becomes the current one (when it is in scope). :meth:`redo` does it again.

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
        self._apply(action, forward=False)
        self._redo.append(self._undo.pop())
        if action.segment_id in self._index:
            self._current = action.segment_id
        return f"undid: {action.label}"

    def redo(self) -> str:
        """Do the last undone action again, exactly as it was (the same ids, times and
        memos); return what. A new action after an undo ends what can be redone.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> _ = session.toggle("inzicht_opgedaan")
        >>> _ = session.undo()
        >>> session.redo()  # doctest: +ELLIPSIS
        "redid: code 'inzicht_opgedaan' on segment ...-00000"
        >>> session.codes_on()
        ['inzicht_opgedaan']
        """
        if not self._redo:
            raise CodingError(
                None, "there is nothing to redo", "redo follows undo, before any new action"
            )
        action = self._redo[-1]
        self._apply(action, forward=True)
        self._undo.append(self._redo.pop())
        if action.segment_id in self._index:
            self._current = action.segment_id
        return f"redid: {action.label}"

    @property
    def can_undo(self) -> bool:
        """True when there is an action of this session to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """True when there is an undone action to redo."""
        return bool(self._redo)
