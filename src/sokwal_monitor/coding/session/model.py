"""What a coding session shows: a segment, the codings on it, a coder's progress.

Segment ids are ``<doc_id>-<position:05d>``; :func:`split_segment_id` takes one apart.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import CodingError

__all__ = ["Progress", "SegmentCoding", "SessionSegment"]


def split_segment_id(segment_id: str) -> tuple[str, int]:
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
class SessionSegment:
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
    >>> seg = SessionSegment(
    ...     "d1-00000", "d1", 0, "R", "respondent", "Ja.", 3, 6, "a.txt", "P01", "2018"
    ... )
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
