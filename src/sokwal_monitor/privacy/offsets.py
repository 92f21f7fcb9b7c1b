"""Replacing spans of text and carrying offsets from the old text to the new one.

A pseudonymized text is the original with some spans replaced. Every offset into the
original (a segment's start, a coding's end) must be carried to the new text so that
``new_text[start:end]`` is still the same passage. Outside replacements an offset
shifts by the change in length before it; an offset inside a replaced span moves to
the edge of the replacement (a start to its start, an end to its end), so a span
that a replacement cuts is widened to hold the whole pseudonym, never dropped.

>>> edits = [Replacement(4, 16, "[PERSOON-1]")]
>>> text = "Ja, mevrouw Smit belde."
>>> new = apply(text, edits)
>>> new
'Ja, [PERSOON-1] belde.'
>>> m = OffsetMap(edits)
>>> new[m.start(0):m.end(3)], new[m.start(17):m.end(23)]
('Ja,', 'belde.')
>>> new[m.start(12):m.end(16)]  # a span inside the name becomes the whole pseudonym
'[PERSOON-1]'
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["OffsetMap", "Replacement", "apply", "check_replacements"]


@dataclass(frozen=True, slots=True, order=True)
class Replacement:
    """Replace ``text[start:end]`` by ``new``."""

    start: int
    end: int
    new: str


def check_replacements(edits: Sequence[Replacement], length: int) -> None:
    """Raise ValueError unless the edits are sorted, non-overlapping and inside the text."""
    previous_end = 0
    for edit in edits:
        if not (previous_end <= edit.start <= edit.end <= length):
            raise ValueError(f"replacements overlap or fall outside the text: {edit}")
        previous_end = edit.end


def apply(text: str, edits: Sequence[Replacement]) -> str:
    """Return ``text`` with every replacement made."""
    check_replacements(edits, len(text))
    parts, pos = [], 0
    for edit in edits:
        parts.append(text[pos : edit.start])
        parts.append(edit.new)
        pos = edit.end
    parts.append(text[pos:])
    return "".join(parts)


class OffsetMap:
    """Carry offsets of the original text to the text after ``edits``.

    Parameters
    ----------
    edits : sequence of Replacement
        Sorted, non-overlapping replacements on the original text.
    """

    def __init__(self, edits: Sequence[Replacement]) -> None:
        self.edits = list(edits)
        self._starts = [e.start for e in self.edits]
        self._shift = []  # cumulative change in length after each edit
        total = 0
        for e in self.edits:
            total += len(e.new) - (e.end - e.start)
            self._shift.append(total)

    def _locate(self, offset: int) -> int:
        """Index of the last edit starting at or before ``offset`` (-1 for none)."""
        return bisect_right(self._starts, offset) - 1

    def start(self, offset: int) -> int:
        """Where a span starting at ``offset`` starts in the new text."""
        i = self._locate(offset)
        if i >= 0 and offset < self.edits[i].end:  # inside edit i: go to its start
            return self.edits[i].start + (self._shift[i - 1] if i else 0)
        return offset + (self._shift[i] if i >= 0 else 0)

    def end(self, offset: int) -> int:
        """Where a span ending at ``offset`` ends in the new text."""
        i = bisect_right(self._starts, offset - 1) - 1  # edits starting before the end
        if i >= 0 and offset <= self.edits[i].end:  # ends inside (or at the end of) edit i
            before = self._shift[i - 1] if i else 0
            return self.edits[i].start + before + len(self.edits[i].new)
        return offset + (self._shift[i] if i >= 0 else 0)

    def inverse(self, original: str) -> list[Replacement]:
        """The edits that turn the new text back into ``original``.

        >>> edits = [Replacement(0, 4, "[P-1]")]
        >>> back = OffsetMap(edits).inverse("Smit belde")
        >>> apply(apply("Smit belde", edits), back)
        'Smit belde'
        """
        out, shift = [], 0
        for e in self.edits:
            start = e.start + shift
            out.append(Replacement(start, start + len(e.new), original[e.start : e.end]))
            shift += len(e.new) - (e.end - e.start)
        return out

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Carry a ``(start, end)`` span; an empty span stays empty."""
        new_start = self.start(start)
        return (new_start, new_start) if end <= start else (new_start, self.end(end))
