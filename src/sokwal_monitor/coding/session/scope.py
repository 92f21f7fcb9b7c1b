"""Which segments a coding session visits, in what order, and moving through them.

The scope is every non-empty segment of the current (non-survey) documents but a
transcript's header lines (role-less lines of an interview with respondent turns), narrowed by
the filters (project, wave, role, suggested as, an order of segment ids);
``uncoded_only`` only skips, while moving, the segments this coder already coded.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pandas as pd

from ...errors import CodingError
from ...model import ROLES
from ...store import ProjectStore
from .model import Progress, split_segment_id

_FILTERS = ("project_id", "wave", "role", "uncoded_only", "suggested_as", "order")


def _or(value: float | None, default: float) -> float:
    return default if value is None else float(value)


class _Scope:
    """The scope of a :class:`~sokwal_monitor.coding.session.CodingSession`: its
    segments in order, the current one, progress and navigation (a mixin; the
    session's ``__init__`` sets the state)."""

    store: ProjectStore
    coder: str
    project_id: str | None
    wave: str | int | None
    role: str | None
    uncoded_only: bool
    suggested_as: str | None
    order: Sequence[str] | pd.DataFrame | None
    segment_ids: list[str]
    _index: dict[str, int]
    _current: str | None

    # -- scope -----------------------------------------------------------------------
    def _check_filters(self) -> None:
        if self.role is not None and self.role not in (*ROLES, ""):
            raise CodingError(
                None,
                f"role {self.role!r} is not known",
                "choose respondent, interviewer or '' (segments without a known role)",
            )
        if isinstance(self.order, str | bytes):
            raise CodingError(
                None,
                "order takes segment ids in the order to visit them, not one text",
                "give a list of segment ids, or a table with a segment_id column",
            )
        if self.suggested_as is not None and not str(self.suggested_as).strip():
            raise CodingError(None, "suggested_as needs a code name")

    def _order_ids(self) -> list[str] | None:
        if self.order is None:
            return None
        order: Any = self.order
        if isinstance(order, pd.DataFrame):
            if "segment_id" not in order.columns:
                raise CodingError(
                    None, "the order table has no segment_id column", "pass its segment ids"
                )
            order = order["segment_id"]
        return [str(sid) for sid in dict.fromkeys(order)]

    def _load(self) -> None:
        """Find the segments in scope (every filter but ``uncoded_only``), in order."""
        self._check_filters()
        ids = self.store.text_segment_ids(
            project_id=None if self.project_id is None else str(self.project_id),
            wave=None if self.wave is None else str(self.wave),
            role=self.role,
        )
        if self.role in (None, ""):
            headers = self.store.header_segment_ids()  # a transcript's header lines
            ids = [sid for sid in ids if sid not in headers]
        if self.suggested_as is not None:
            scores = self._suggestion_scores(str(self.suggested_as).strip())
            ids = [sid for sid in ids if sid in scores]
            ids.sort(key=lambda sid: -_or(scores[sid], -1.0))
        wanted = self._order_ids()
        if wanted is not None:
            present = set(ids)
            ids = [sid for sid in wanted if sid in present]
        self.segment_ids = ids
        self._index = {sid: i for i, sid in enumerate(ids)}

    def _suggestion_scores(self, code: str) -> dict[str, float | None]:
        """The highest model probability of ``code`` per segment it touches."""
        return self.store.segment_model_scores(code)

    def _coded(self) -> set[str]:
        """The segments in scope this coder has a coding touching."""
        return {sid for sid in self.store.segments_coded_by(self.coder) if sid in self._index}

    def set_filters(self, **filters: Any) -> None:
        """Change filters (the constructor's keyword arguments); the undo history stays.

        The current segment stays when it is still in scope, else the first one is.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> len(session.segment_ids)
        4
        >>> session.set_filters(role="respondent")
        >>> session.segment.role, len(session.segment_ids)
        ('respondent', 2)
        """
        unknown = sorted(set(filters) - set(_FILTERS))
        if unknown:
            raise TypeError(f"unknown filter(s) {', '.join(unknown)}; use {', '.join(_FILTERS)}")
        before = {name: getattr(self, name) for name in _FILTERS}
        for name, value in filters.items():
            setattr(self, name, value)
        try:
            self._load()
        except BaseException:
            for name, value in before.items():
                setattr(self, name, value)
            self._load()
            raise
        if self._current not in self._index:
            self._current = self._step_from(None, +1)

    def refresh(self) -> None:
        """Read the scope again (documents ingested, removed or re-ingested meanwhile).

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.refresh()
        >>> len(session.segment_ids)
        4
        """
        self.set_filters()

    def documents(self) -> pd.DataFrame:
        """The documents in scope, in the order they are visited first: ``doc_id, path,
        project_id, wave, kind, n_segments`` (segments in scope).

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> example_session().documents()[["path", "wave", "n_segments"]]
                   path  wave  n_segments
        0  P01_2018.txt  2018           2
        1  P02_2019.txt  2019           2
        """
        counts: dict[str, int] = {}
        for sid in self.segment_ids:
            doc_id = split_segment_id(sid)[0]
            counts[doc_id] = counts.get(doc_id, 0) + 1
        docs = self.store.documents(all_versions=True)[
            ["doc_id", "path", "project_id", "wave", "kind"]
        ]
        docs = docs.set_index("doc_id").reindex(list(counts)).reset_index()
        docs["n_segments"] = pd.Series(list(counts.values()), dtype="int64")
        return docs

    @property
    def position(self) -> int | None:
        """The current segment's place in :attr:`segment_ids` (0 for the first)."""
        return None if self._current is None else self._index.get(self._current)

    def progress(self) -> Progress:
        """Segments in scope, how many this coder coded, and the current position.

        With ``uncoded_only`` the scope still counts the coded segments (they are only
        skipped), so the numbers say how far the coder is.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.progress()
        Progress(coder='anna', n_segments=4, n_coded=0, position=1)
        """
        position = self.position
        return Progress(
            self.coder,
            len(self.segment_ids),
            len(self._coded()),
            None if position is None else position + 1,
        )

    # -- navigation -----------------------------------------------------------------
    def _step_from(self, segment_id: str | None, direction: int) -> str | None:
        """The next (+1) or previous (-1) segment in scope after ``segment_id``."""
        n = len(self.segment_ids)
        if segment_id is None:
            i = -1 if direction > 0 else n
        else:
            i = self._index.get(segment_id, -1 if direction > 0 else n)
        skip = self._coded() if self.uncoded_only else set()
        i += direction
        while 0 <= i < n:
            if self.segment_ids[i] not in skip:
                return self.segment_ids[i]
            i += direction
        return None

    def next(self) -> bool:
        """Go to the next segment in scope, into the next document at a document's end;
        return False (and stay) at the last one.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.next(), session.next(), session.segment.path
        (True, True, 'P02_2019.txt')
        >>> session.next(), session.next()
        (True, False)
        """
        return self._move(+1)

    def previous(self) -> bool:
        """Go to the previous segment in scope; return False (and stay) at the first.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.previous()
        False
        >>> session.next(), session.previous()
        (True, True)
        """
        return self._move(-1)

    def _move(self, direction: int) -> bool:
        target = self._step_from(self._current, direction)
        if target is None:
            return False
        self._current = target
        return True

    def next_uncoded(self) -> bool:
        """Go to the next segment in scope this coder has not coded, from the current
        one on and round to the first; return False (and stay) when every one is coded.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> _ = session.toggle("inzicht_opgedaan")
        >>> session.next_uncoded(), session.segment.text
        (True, 'We bereikten veertig mensen.')
        """
        coded = self._coded()
        ids = self.segment_ids
        start = 0 if self.position is None else self.position + 1
        for sid in ids[start:] + ids[:start]:
            if sid not in coded:
                self._current = sid
                return True
        return False

    def goto(self, segment_id: str) -> None:
        """Make ``segment_id`` the current segment (it must be in scope).

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.goto(session.segment_ids[-1])
        >>> session.segment.text
        'We bereikten veertig mensen.'
        """
        if segment_id not in self._index:
            split_segment_id(segment_id)  # a malformed id says so
            raise CodingError(
                None,
                f"segment {segment_id} is not among the {len(self.segment_ids)} segments of"
                " this session",
                "check the filters (project_id, wave, role, suggested_as, order)",
            )
        self._current = segment_id
