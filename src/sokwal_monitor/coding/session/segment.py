"""The current segment of a coding session: its text and context, this coder's codes
and memo on it, and everyone else's codings that touch it."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ...codebook import Codebook
from ...errors import CodingError
from .memos import _memo_prefix
from .model import SegmentCoding, SessionSegment, split_segment_id
from .scope import _Scope


class _CurrentSegment(_Scope):
    """The current segment of a :class:`~sokwal_monitor.coding.session.CodingSession`
    as read from the store (a mixin)."""

    codebook: Codebook

    @property
    def segment(self) -> SessionSegment | None:
        """The current segment, read from the store; None when no segment is in scope.

        Raises
        ------
        CodingError
            The segment's document was removed from the store meanwhile.
        """
        if self._current is None:
            return None
        return self._read_segment(self._current)

    def _read_segment(self, segment_id: str) -> SessionSegment:
        doc_id, position = split_segment_id(segment_id)
        row = self.store.segment_with_document(doc_id, position)
        if row is None:
            raise CodingError(
                None,
                f"segment {segment_id} is no longer in the store (its document was removed)",
                "reopen the coding session, or press refresh",
            )
        return SessionSegment(segment_id, doc_id, position, *row[:9])

    def _require(self) -> SessionSegment:
        """The current segment, read inside a write transaction (offsets as they are
        now); refused when its document is no longer the current version."""
        if self._current is None:
            raise CodingError(None, "there is no segment to code", "no segment matches the filters")
        seg = self._read_segment(self._current)
        if not self.store.document_is_current(seg.doc_id):
            raise CodingError(
                seg.path,
                "this version of the document was replaced by a newer one (it was ingested"
                " again); nothing was changed",
                "reopen the coding session, or press refresh, to code the new version",
            )
        return seg

    def context(self, before: int = 1) -> list[SessionSegment]:
        """The ``before`` segments of the same document just before the current one
        (whatever the filters), e.g. the interviewer's question before an answer.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> [s.text for s in session.context()]
        ['Wat heeft u geleerd?']
        """
        if self._current is None or before <= 0:
            return []
        doc_id, position = split_segment_id(self._current)
        ids = self.store.segment_ids_before(doc_id, position, before)
        return [self._read_segment(sid) for sid in reversed(ids)]

    def document_segments(self) -> pd.DataFrame:
        """The current document's segments (as ``store.segments(doc_id)``) with two more
        columns: ``in_scope`` (among :attr:`segment_ids`) and ``current``.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> session.document_segments()[["position", "role", "in_scope", "current"]]
           position         role  in_scope  current
        0         0  interviewer     False    False
        1         1   respondent      True     True
        """
        if self._current is None:
            return self.store.segments(doc_id="").assign(in_scope=False, current=False)
        frame = self.store.segments(doc_id=split_segment_id(self._current)[0])
        frame["in_scope"] = frame["segment_id"].isin(self._index)
        frame["current"] = frame["segment_id"] == self._current
        return frame

    def _touching(self, seg: SessionSegment) -> list[tuple[Any, ...]]:
        return self.store.codings_touching(seg.doc_id, seg.start_char, seg.end_char)

    def _is_on(self, seg: SessionSegment, row: tuple[Any, ...]) -> bool:
        return bool(
            row[2] == self.coder
            and row[3] == "manual"
            and row[5] == seg.start_char
            and row[6] == seg.end_char
        )

    def codes_on(self) -> list[str]:
        """This coder's codes of the whole current segment, in codebook order.

        A code is *on* when the coder has a manual coding of it spanning exactly the
        segment (what :meth:`toggle` and ``code_segment`` make).

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> session.codes_on()
        []
        >>> _ = session.toggle("inzicht_opgedaan")
        >>> session.codes_on()
        ['inzicht_opgedaan']
        """
        seg = self.segment
        if seg is None:
            return []
        on = {row[1] for row in self._touching(seg) if self._is_on(seg, row)}
        known = [code.name for _, code in self.codebook.walk() if code.name in on]
        return known + sorted(on - set(known))

    def other_codings(self) -> list[SegmentCoding]:
        """The codings touching the current segment other than :meth:`codes_on`: rule
        codings, model suggestions, other coders' codings and this coder's codings of
        part of the segment, each with coder, origin and score.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> session.other_codings()
        []
        """
        seg = self.segment
        if seg is None:
            return []
        return [
            SegmentCoding(
                cid, code, coder, origin, score, start, end, text, memo, coder == self.coder
            )
            for cid, code, coder, origin, score, start, end, text, memo in self._touching(seg)
            if not self._is_on(seg, (cid, code, coder, origin, score, start, end))
        ]

    @property
    def memo(self) -> str:
        """This coder's memo on the current segment ("" when there is none)."""
        seg = self.segment
        if seg is None:
            return ""
        row = self._memo_row(seg)
        return "" if row is None else str(row[4])[len(_memo_prefix(seg.segment_id)) :]

    def _memo_row(self, seg: SessionSegment) -> tuple[Any, ...] | None:
        return self.store.document_memo(seg.doc_id, self.coder, _memo_prefix(seg.segment_id))
