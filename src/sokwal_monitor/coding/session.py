"""A coding session: walking through segments, coding them, with undo.

:class:`CodingSession` holds all the logic of coding segment by segment and no user
interface: which segments are in scope (filters), which one is current, what this coder
and the others coded there, and the actions (code or uncode a segment, write a memo,
accept a suggestion, undo). Every action is one store transaction, written at once, so
closing the notebook loses nothing. :class:`~sokwal_monitor.widget.CodingWidget` is the
JupyterLab view over a session.

A memo on a segment is a *document* memo (``store.memos()``) written by the coder,
whose text starts with ``[segment <segment_id>]``: one per coder and segment, edited in
place. :func:`segment_memos` lists them.

Examples
--------
>>> import tempfile, pathlib
>>> from sokwal_monitor import ingest
>>> from sokwal_monitor.codebook import load_codebook
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> text = "I: Wat heeft u geleerd?\\nR: Dat samenwerken tijd kost.\\n"
>>> _ = (root / "P01_2018.txt").write_text(text, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(root, store=store)
>>> session = CodingSession(store, load_codebook(), "anna", role="respondent")
>>> session.segment.text
'Dat samenwerken tijd kost.'
>>> session.toggle("inzicht_opgedaan")
True
>>> store.codings()[["code", "coder", "origin"]].to_dict("records")
[{'code': 'inzicht_opgedaan', 'coder': 'anna', 'origin': 'manual'}]
>>> print(session.progress())
1 of 1 segments coded by anna (100%)
>>> session.undo()  # doctest: +ELLIPSIS
"undid: code 'inzicht_opgedaan' on segment ...-00001"
>>> len(store.codings())
0
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from os import PathLike
from typing import Any

import pandas as pd

from ..codebook import Codebook, load_codebook
from ..errors import CodingError
from ..model import ROLES
from ..store import ProjectStore, now, open_store
from .base import Coding, CodingRun

__all__ = ["CodingSession", "Progress", "Segment", "SegmentCoding", "segment_memos"]

#: Columns of ``codings`` as stored (``segment_id`` is generated): what undo re-inserts.
_CODING_COLUMNS = (
    "coding_id, doc_id, segment_position, start_char, end_char, code, coder, origin,"
    " score, memo, pattern, run_id, created_at"
)
_MEMO_COLUMNS = "memo_id, target_kind, target, author, text, created_at, updated_at"
_FILTERS = ("project_id", "wave", "role", "uncoded_only", "suggested_as", "order")


def _or(value: float | None, default: float) -> float:
    return default if value is None else float(value)


def _memo_prefix(segment_id: str) -> str:
    return f"[segment {segment_id}] "


def _split(segment_id: str) -> tuple[str, int]:
    """``(doc_id, position)`` of a segment id ``<doc_id>-<position:05d>``."""
    doc_id, _, position = str(segment_id).rpartition("-")
    if not doc_id or not position.isdigit():
        raise CodingError(
            None,
            f"{segment_id!r} is not a segment id",
            "segment ids look like 3f2a9c0d1e2b4a5c-00012 ('sokwal export segments')",
        )
    return doc_id, int(position)


@dataclass(frozen=True, slots=True)
class Segment:
    """One segment (a speaker turn or paragraph) as the session shows it.

    Attributes
    ----------
    segment_id, doc_id : str
        The segment and its document.
    position : int
        The segment's place in its document (0 for the first).
    speaker, role : str
        The speaker label and ``interviewer``, ``respondent`` or ``""`` (unknown).
    text : str
        The segment's text (``document text[start_char:end_char]``).
    start_char, end_char : int
        The segment's span of the document's stored text.
    path, project_id, wave, kind : str or None
        The document's path, project, wave and kind.

    Examples
    --------
    >>> seg = Segment("d1-00000", "d1", 0, "R", "respondent", "Ja.", 3, 6, "a.txt", "P01", "2018")
    >>> seg.role, seg.text
    ('respondent', 'Ja.')
    """

    segment_id: str
    doc_id: str
    position: int
    speaker: str
    role: str
    text: str
    start_char: int
    end_char: int
    path: str
    project_id: str | None
    wave: str | None
    kind: str = "interview"


@dataclass(frozen=True, slots=True)
class SegmentCoding:
    """A coding that touches the current segment, other than this coder's own codes of
    the whole segment (those are :meth:`CodingSession.codes_on`).

    Attributes
    ----------
    coding_id, code, coder, origin : str
        The coding, its code, who or what made it and how (``manual``, ``rule``,
        ``model``, ``import``).
    score : float or None
        A model's probability or a rule's number of matches.
    start_char, end_char : int
        The coded span of the document's text (it may reach beyond the segment).
    text : str
        The coded text.
    memo : str
        The coding's memo.
    mine : bool
        True for this coder's own codings of part of the segment (or of more than it).

    Examples
    --------
    >>> c = SegmentCoding("c-1", "bereik", "model:nb@1", "model", 0.83, 0, 9, "veertig", "", False)
    >>> c.kind, c.label
    ('model', 'bereik · model p=0.83')
    """

    coding_id: str
    code: str
    coder: str
    origin: str
    score: float | None
    start_char: int
    end_char: int
    text: str
    memo: str
    mine: bool

    @property
    def kind(self) -> str:
        """How the view shows it: ``own`` (this coder's passage), else the origin."""
        return "own" if self.mine else self.origin

    @property
    def label(self) -> str:
        """A short label: code, who and the probability or number of matches."""
        if self.mine:
            return f"{self.code} · your passage"
        if self.origin == "model":
            p = "" if self.score is None else f" p={self.score:.2f}"
            return f"{self.code} · model{p}"
        if self.origin == "rule":
            n = "" if self.score is None else f" ({self.score:g}×)"
            return f"{self.code} · rule{n}"
        return f"{self.code} · {self.coder}"


@dataclass(frozen=True, slots=True)
class Progress:
    """How far a coder is: segments in scope, how many she coded, where she is.

    ``position`` is the current segment's place in the scope (1 for the first), or
    None when there is no current segment.

    Examples
    --------
    >>> print(Progress("anna", 40, 10, 11))
    10 of 40 segments coded by anna (25%)
    """

    coder: str
    n_segments: int
    n_coded: int
    position: int | None

    def __str__(self) -> str:
        share = f" ({100 * self.n_coded / self.n_segments:.0f}%)" if self.n_segments else ""
        return f"{self.n_coded} of {self.n_segments} segments coded by {self.coder}{share}"


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


class CodingSession:
    """Code the segments of a project store one by one, as one coder.

    Parameters
    ----------
    store : ProjectStore or path
        The project store (a path is opened).
    codebook : Codebook or path
        The codes to choose from (a path is read with :func:`load_codebook`).
    coder : str
        The researcher's name, as her codings are stored (``anna``).
    project_id, wave : str, optional
        Only the documents of this project, of this wave.
    role : str, optional
        Only the segments of speakers with this role: ``respondent``, ``interviewer``,
        or ``""`` for segments without a known role (report paragraphs).
    uncoded_only : bool, default False
        Stop only at segments this coder has not coded yet (any coding of hers that
        touches the segment counts). The current segment stays until you move on.
    suggested_as : str, optional
        Only segments with a model suggestion of this code, the most probable first.
    order : sequence of segment ids, optional
        Visit the segments in this order (only these, within the other filters): for
        instance ``uncertainty_order(...)["segment_id"]``. A table with a
        ``segment_id`` column is taken as is. Ids not in scope are skipped.

    Attributes
    ----------
    store, codebook, coder
        As given (opened and read).
    segment_ids : list of str
        The segments in scope, in the order they are visited.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "I: Hoe ging het?\\nR: We bereikten veertig mensen.\\n"
    >>> _ = (root / "P02_2019.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> session = CodingSession(store, load_codebook(), "anna")
    >>> [session.segment.role, session.segment.text]
    ['interviewer', 'Hoe ging het?']
    >>> session.next()
    True
    >>> session.toggle("bereik_deelnemers")
    True
    >>> session.codes_on()
    ['bereik_deelnemers']
    >>> session.set_memo("Aantal genoemd, geen doelgroep.")
    >>> session.memo
    'Aantal genoemd, geen doelgroep.'
    """

    def __init__(
        self,
        store: ProjectStore | str | PathLike[str],
        codebook: Codebook | str | PathLike[str],
        coder: str,
        *,
        project_id: str | None = None,
        wave: str | int | None = None,
        role: str | None = None,
        uncoded_only: bool = False,
        suggested_as: str | None = None,
        order: Sequence[str] | pd.DataFrame | None = None,
    ) -> None:
        if not isinstance(coder, str) or not coder.strip():
            raise CodingError(None, f"a coding session needs a coder name (got {coder!r})")
        self.store = open_store(store)
        self.codebook = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
        self.coder = coder.strip()
        self.project_id = project_id
        self.wave = wave
        self.role = role
        self.uncoded_only = uncoded_only
        self.suggested_as = suggested_as
        self.order = order
        self.segment_ids: list[str] = []
        self._index: dict[str, int] = {}
        self._current: str | None = None
        self._undo: list[_Action] = []
        self._load()
        self._current = self._step_from(None, +1)

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
        where = ["d.is_current = 1", "d.kind <> 'survey'", "s.end_char > s.start_char"]
        params: list[Any] = []
        for column, value in (("d.project_id", self.project_id), ("d.wave", self.wave)):
            if value is not None:
                where.append(f"{column} = ?")
                params.append(str(value))
        if self.role is not None:
            where.append("s.role = ?")
            params.append(self.role)
        rows = self.store.execute(
            "SELECT s.segment_id FROM segments s JOIN documents d USING (doc_id)"
            f" WHERE {' AND '.join(where)} ORDER BY d.path, d.version, s.position",
            params,
        ).fetchall()
        ids = [r[0] for r in rows]
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
        rows = self.store.execute(
            "SELECT s.segment_id, max(c.score) FROM codings c JOIN segments s"
            " ON s.doc_id = c.doc_id AND c.start_char < s.end_char AND c.end_char > s.start_char"
            " WHERE c.origin = 'model' AND c.code = ? GROUP BY s.doc_id, s.position",
            (code,),
        ).fetchall()
        return {sid: score for sid, score in rows}

    def _coded(self) -> set[str]:
        """The segments in scope this coder has a coding touching."""
        rows = self.store.execute(
            "SELECT DISTINCT s.segment_id FROM codings c JOIN segments s"
            " ON s.doc_id = c.doc_id AND c.start_char < s.end_char AND c.end_char > s.start_char"
            " WHERE c.coder = ?",
            (self.coder,),
        ).fetchall()
        return {r[0] for r in rows if r[0] in self._index}

    def set_filters(self, **filters: Any) -> None:
        """Change filters (the constructor's keyword arguments); the undo history stays.

        The current segment stays when it is still in scope, else the first one is.

        Examples
        --------
        >>> session = _example_session()
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
        >>> session = _example_session()
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
        >>> _example_session().documents()[["path", "wave", "n_segments"]]
                   path  wave  n_segments
        0  P01_2018.txt  2018           2
        1  P02_2019.txt  2019           2
        """
        counts: dict[str, int] = {}
        for sid in self.segment_ids:
            doc_id = _split(sid)[0]
            counts[doc_id] = counts.get(doc_id, 0) + 1
        docs = self.store.query("SELECT doc_id, path, project_id, wave, kind FROM documents")
        docs = docs.set_index("doc_id").reindex(list(counts)).reset_index()
        docs["n_segments"] = pd.Series(list(counts.values()), dtype="int64")
        return docs

    # -- the current segment -----------------------------------------------------------
    @property
    def segment(self) -> Segment | None:
        """The current segment, read from the store; None when no segment is in scope.

        Raises
        ------
        CodingError
            The segment's document was removed from the store meanwhile.
        """
        if self._current is None:
            return None
        return self._read_segment(self._current)

    def _read_segment(self, segment_id: str) -> Segment:
        doc_id, position = _split(segment_id)
        row = self.store.execute(
            "SELECT s.speaker, s.role, substr(d.text, s.start_char + 1, s.end_char - s.start_char),"
            " s.start_char, s.end_char, d.path, d.project_id, d.wave, d.kind, d.is_current"
            " FROM segments s JOIN documents d USING (doc_id)"
            " WHERE s.doc_id = ? AND s.position = ?",
            (doc_id, position),
        ).fetchone()
        if row is None:
            raise CodingError(
                None,
                f"segment {segment_id} is no longer in the store (its document was removed)",
                "reopen the coding session, or press refresh",
            )
        return Segment(segment_id, doc_id, position, *row[:9])

    def _require(self) -> Segment:
        """The current segment, read inside a write transaction (offsets as they are
        now); refused when its document is no longer the current version."""
        if self._current is None:
            raise CodingError(None, "there is no segment to code", "no segment matches the filters")
        seg = self._read_segment(self._current)
        row = self.store.execute(
            "SELECT is_current FROM documents WHERE doc_id = ?", (seg.doc_id,)
        ).fetchone()
        if not row[0]:
            raise CodingError(
                seg.path,
                "this version of the document was replaced by a newer one (it was ingested"
                " again); nothing was changed",
                "reopen the coding session, or press refresh, to code the new version",
            )
        return seg

    @property
    def position(self) -> int | None:
        """The current segment's place in :attr:`segment_ids` (0 for the first)."""
        return None if self._current is None else self._index.get(self._current)

    def context(self, before: int = 1) -> list[Segment]:
        """The ``before`` segments of the same document just before the current one
        (whatever the filters), e.g. the interviewer's question before an answer.

        Examples
        --------
        >>> session = _example_session(role="respondent")
        >>> [s.text for s in session.context()]
        ['Wat heeft u geleerd?']
        """
        if self._current is None or before <= 0:
            return []
        doc_id, position = _split(self._current)
        rows = self.store.execute(
            "SELECT segment_id FROM segments WHERE doc_id = ? AND position < ?"
            " AND end_char > start_char ORDER BY position DESC LIMIT ?",
            (doc_id, position, before),
        ).fetchall()
        return [self._read_segment(r[0]) for r in reversed(rows)]

    def document_segments(self) -> pd.DataFrame:
        """The current document's segments (as ``store.segments(doc_id)``) with two more
        columns: ``in_scope`` (among :attr:`segment_ids`) and ``current``.

        Examples
        --------
        >>> session = _example_session(role="respondent")
        >>> session.document_segments()[["position", "role", "in_scope", "current"]]
           position         role  in_scope  current
        0         0  interviewer     False    False
        1         1   respondent      True     True
        """
        if self._current is None:
            return self.store.segments(doc_id="").assign(in_scope=False, current=False)
        frame = self.store.segments(doc_id=_split(self._current)[0])
        frame["in_scope"] = frame["segment_id"].isin(self._index)
        frame["current"] = frame["segment_id"] == self._current
        return frame

    def _touching(self, seg: Segment) -> list[tuple[Any, ...]]:
        return self.store.execute(
            "SELECT c.coding_id, c.code, c.coder, c.origin, c.score, c.start_char, c.end_char,"
            " substr(d.text, c.start_char + 1, c.end_char - c.start_char), c.memo"
            " FROM codings c JOIN documents d USING (doc_id)"
            " WHERE c.doc_id = ? AND c.start_char < ? AND c.end_char > ?"
            " ORDER BY c.start_char, c.end_char, c.code, c.coder",
            (seg.doc_id, seg.end_char, seg.start_char),
        ).fetchall()

    def _is_on(self, seg: Segment, row: tuple[Any, ...]) -> bool:
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
        >>> session = _example_session(role="respondent")
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
        >>> session = _example_session(role="respondent")
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

    def _memo_row(self, seg: Segment) -> tuple[Any, ...] | None:
        prefix = _memo_prefix(seg.segment_id)
        row = self.store.execute(
            f"SELECT {_MEMO_COLUMNS} FROM memos WHERE target_kind = 'document' AND target = ?"
            " AND author = ? AND substr(text, 1, ?) = ? ORDER BY memo_id LIMIT 1",
            (seg.doc_id, self.coder, len(prefix), prefix),
        ).fetchone()
        return None if row is None else tuple(row)

    def progress(self) -> Progress:
        """Segments in scope, how many this coder coded, and the current position.

        With ``uncoded_only`` the scope still counts the coded segments (they are only
        skipped), so the numbers say how far the coder is.

        Examples
        --------
        >>> session = _example_session()
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
        >>> session = _example_session()
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
        >>> session = _example_session()
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

    def goto(self, segment_id: str) -> None:
        """Make ``segment_id`` the current segment (it must be in scope).

        Examples
        --------
        >>> session = _example_session()
        >>> session.goto(session.segment_ids[-1])
        >>> session.segment.text
        'We bereikten veertig mensen.'
        """
        if segment_id not in self._index:
            _split(segment_id)  # a malformed id says so
            raise CodingError(
                None,
                f"segment {segment_id} is not among the {len(self.segment_ids)} segments of"
                " this session",
                "check the filters (project_id, wave, role, suggested_as, order)",
            )
        self._current = segment_id

    # -- actions ----------------------------------------------------------------------
    def _run(self, action: str, segment_id: str, **extra: Any) -> CodingRun:
        options = {"via": "CodingSession", "action": action, "segment_id": segment_id, **extra}
        return CodingRun(self.store, coder=self.coder, origin="manual", options=options)

    def _check_code(self, code: str) -> str:
        if not isinstance(code, str) or not code.strip():
            raise CodingError(None, f"a coding needs a code (got {code!r})")
        try:
            return self.codebook[code.strip()].name
        except KeyError as err:
            raise CodingError(
                None, str(err.args[0]), "choose a code of the session's codebook"
            ) from None

    def toggle(self, code: str) -> bool:
        """Switch a code of the current segment on or off; return whether it is now on.

        On: a manual coding of the whole segment by this coder (as ``code_segment``
        makes it). Off: that coding is deleted. Either way one logged coding run, one
        transaction. This coder's codings of part of the segment are left alone.

        Examples
        --------
        >>> session = _example_session()
        >>> session.toggle("inzicht_opgedaan"), session.toggle("inzicht_opgedaan")
        (True, False)
        >>> len(session.store.codings())
        0
        """
        code = self._check_code(code)
        segment_id = self._current or ""
        with self._run("toggle", segment_id, code=code) as run:
            seg = self._require()
            rows = run.con.execute(
                f"SELECT {_CODING_COLUMNS} FROM codings WHERE doc_id = ? AND start_char = ?"
                " AND end_char = ? AND code = ? AND coder = ? AND origin = 'manual'",
                (seg.doc_id, seg.start_char, seg.end_char, code, self.coder),
            ).fetchall()
            if rows:
                ids = [r[0] for r in rows]
                run.remove(f"coding_id IN ({', '.join('?' * len(ids))})", ids)
                action = _Action(
                    f"removal of code {code!r} from segment {seg.segment_id}",
                    seg.segment_id,
                    removed=[tuple(r) for r in rows],
                )
            else:
                coding = Coding(seg.doc_id, seg.start_char, seg.end_char, code, self.coder)
                added = self._add(run, coding, f"code {code!r}")
                action = _Action(
                    f"code {code!r} on segment {seg.segment_id}", seg.segment_id, added=added
                )
        self._undo.append(action)
        return not rows

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

    def set_memo(self, text: str) -> None:
        """Write this coder's memo on the current segment; empty text deletes it.

        The memo is a document memo (``store.memos()``) by this coder, its text
        starting with ``[segment <segment_id>]``; there is one per coder and segment,
        and writing again replaces its text. One transaction.

        Examples
        --------
        >>> session = _example_session()
        >>> session.set_memo("Vraag is sturend.")
        >>> session.store.memos()["text"].tolist()  # doctest: +ELLIPSIS
        ['[segment ...-00000] Vraag is sturend.']
        >>> session.set_memo("")
        >>> len(session.store.memos())
        0
        """
        if not isinstance(text, str):
            raise CodingError(None, f"a memo is text, not {type(text).__name__}")
        text = text.strip()
        with self.store.transaction() as con:
            seg = self._require()
            before = self._memo_row(seg)
            new = _memo_prefix(seg.segment_id) + text
            if (before is None and not text) or (before is not None and before[4] == new):
                return  # nothing changes: nothing to undo
            stamp = now()
            memo_id: int | None
            if before is None:
                cur = con.execute(
                    "INSERT INTO memos (target_kind, target, author, text, created_at,"
                    " updated_at) VALUES ('document', ?, ?, ?, ?, ?)",
                    (seg.doc_id, self.coder, new, stamp, stamp),
                )
                memo_id = cur.lastrowid
            elif not text:
                con.execute("DELETE FROM memos WHERE memo_id = ?", (before[0],))
                memo_id = None
            else:
                con.execute(
                    "UPDATE memos SET text = ?, updated_at = ? WHERE memo_id = ?",
                    (new, stamp, before[0]),
                )
                memo_id = before[0]
        self._undo.append(
            _Action(
                f"memo on segment {seg.segment_id}",
                seg.segment_id,
                memo=True,
                memo_before=before,
                memo_id=memo_id,
            )
        )

    def accept(self, coding_id: str) -> str:
        """Make a suggestion (a model's, a rule's, another coder's coding) this coder's
        manual coding of the same span and code; return the new coding's id.

        The new coding's memo says where it came from (``accepted <coding_id> from
        <coder> (p=0.83)``); the suggestion itself stays. One logged coding run.

        Examples
        --------
        >>> session = _example_session(role="respondent", suggestion=0.8)
        >>> [c.label for c in session.other_codings()]
        ['inzicht_opgedaan · model p=0.80']
        >>> suggestion = session.other_codings()[0].coding_id
        >>> new = session.accept(suggestion)
        >>> session.codes_on()
        ['inzicht_opgedaan']
        >>> memo = session.store.codings(coder="anna")["memo"].iloc[0]
        >>> memo == f"accepted {suggestion} from model:demo@1 (p=0.80)"
        True
        """
        segment_id = self._current or ""
        with self._run("accept", segment_id, accepted=coding_id) as run:
            row = self.store.execute(
                "SELECT c.doc_id, c.start_char, c.end_char, c.code, c.coder, c.origin, c.score,"
                " c.segment_id, d.is_current FROM codings c JOIN documents d USING (doc_id)"
                " WHERE c.coding_id = ?",
                (coding_id,),
            ).fetchone()
            if row is None:
                raise CodingError(
                    None,
                    f"the suggestion {coding_id} is no longer in the store (a new rule or"
                    " model run may have replaced it); nothing was changed",
                    "press refresh to see the current suggestions",
                )
            doc_id, start, end, code, coder, origin, score, at, is_current = row
            if coder == self.coder:
                raise CodingError(None, f"{coding_id} is already your own coding ({code!r})")
            if not is_current:
                raise CodingError(
                    None,
                    f"the suggestion {coding_id} is on an older version of a document (it was"
                    " ingested again); nothing was changed",
                    "press refresh and code the current version",
                )
            if segment_id and _split(segment_id)[0] == doc_id:
                seg = self._read_segment(segment_id)
                if start < seg.end_char and end > seg.start_char:
                    at = segment_id
            if origin == "model":
                how = "" if score is None else f" (p={score:.2f})"
            else:
                how = "" if score is None else f" ({origin}, score {score:g})"
            memo = f"accepted {coding_id} from {coder}{how}"
            coding = Coding(doc_id, start, end, code, self.coder, memo=memo)
            added = self._add(run, coding, f"code {code!r}")
        self._undo.append(
            _Action(f"acceptance of {code!r} from {coder} ({coding_id})", at or "", added=added)
        )
        return added[0]

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
        >>> session = _example_session()
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
                    ids = action.added
                    run.remove(f"coding_id IN ({', '.join('?' * len(ids))})", ids)
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

    def __len__(self) -> int:
        return len(self.segment_ids)

    def __repr__(self) -> str:
        return (
            f"CodingSession({self.store!r}, coder={self.coder!r}, {len(self.segment_ids)} segments)"
        )


def segment_memos(store: ProjectStore, *, coder: str | None = None) -> pd.DataFrame:
    """The memos written on segments (by :meth:`CodingSession.set_memo`), one a row:
    ``segment_id, doc_id, author, text, memo_id, created_at, updated_at``.

    Examples
    --------
    >>> session = _example_session()
    >>> session.set_memo("Vraag is sturend.")
    >>> memos = segment_memos(session.store)
    >>> memos["segment_id"].tolist() == [session.segment.segment_id]
    True
    >>> memos[["author", "text"]].to_dict("records")
    [{'author': 'anna', 'text': 'Vraag is sturend.'}]
    """
    sql = (
        "SELECT memo_id, target AS doc_id, author, text, created_at, updated_at FROM memos"
        " WHERE target_kind = 'document' AND text LIKE '[segment %] %'"
    )
    params: list[Any] = []
    if coder is not None:
        sql += " AND author = ?"
        params.append(coder)
    frame = store.query(sql + " ORDER BY memo_id", params)
    columns = ["segment_id", "doc_id", "author", "text", "memo_id", "created_at", "updated_at"]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    head = frame["text"].str.extract(r"^\[segment ([^\]\s]+)\] (.*)$", expand=True)
    frame["segment_id"], frame["text"] = head[0], head[1]
    frame = frame[frame["segment_id"].notna()]
    return frame[columns].reset_index(drop=True)


# -- the view -------------------------------------------------------------------------


def _example_session(role: str | None = None, suggestion: float | None = None) -> CodingSession:
    """A session as ``anna`` on a fresh two-interview store in a temporary folder (for
    the examples above); ``suggestion`` adds a model suggestion with that probability
    on the first respondent turn."""
    import tempfile
    from pathlib import Path

    from .. import ingest

    root = Path(tempfile.mkdtemp())
    for name, text in (
        ("P01_2018.txt", "I: Wat heeft u geleerd?\nR: Dat samenwerken tijd kost.\n"),
        ("P02_2019.txt", "I: Hoe ging het?\nR: We bereikten veertig mensen.\n"),
    ):
        (root / name).write_text(text, encoding="utf-8")
    store = ProjectStore(root / "example.sokwal")
    ingest(root, store=store)
    if suggestion is not None:
        seg = store.segments().iloc[1]
        with CodingRun(store, coder="model:demo@1", origin="model") as run:
            run.add(
                [
                    Coding(
                        seg["doc_id"],
                        int(seg["start_char"]),
                        int(seg["end_char"]),
                        "inzicht_opgedaan",
                        "model:demo@1",
                        origin="model",
                        score=suggestion,
                    )
                ]
            )
    return CodingSession(store, load_codebook(), "anna", role=role)
