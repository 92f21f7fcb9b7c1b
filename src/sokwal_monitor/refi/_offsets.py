"""Character offsets of an imported source mapped onto its text as stored."""

from __future__ import annotations

import bisect
import re


class _Offsets:
    """A source's text with line ends made ``\\n``, and its offsets mapped onto it.

    ``utf16``: offsets count UTF-16 code units in the text as it was (``\\r\\n`` as two),
    as NVivo writes them; otherwise code points in the normalised text, as the standard.

    >>> o = _Offsets("a\\r\\n😀b", utf16=True)
    >>> o.text, o.length, o.char(5, end=True), o.char(3, end=False)
    ('a\\n😀b', 6, 3, 2)
    """

    def __init__(self, raw: str, *, utf16: bool) -> None:
        self.utf16 = utf16
        self.text = raw.replace("\r\n", "\n").replace("\r", "\n")
        if utf16:
            self._crlf = [m.start() for m in re.finditer("\r\n", raw)]
            astral = [i for i, ch in enumerate(raw) if ord(ch) > 0xFFFF]
            self._units = [a + i for i, a in enumerate(astral)]  # their UTF-16 positions
            self._astral = astral
            self.length = len(raw) + len(astral)
        else:
            self.length = len(self.text)

    def char(self, offset: int, *, end: bool) -> int:
        """The offset in :attr:`text` (inside a surrogate pair: before it for a start,
        after it for an end)."""
        if not self.utf16:
            return offset
        before = bisect.bisect_right(self._units, offset - 2)  # astral chars wholly before
        if before < len(self._units) and self._units[before] == offset - 1:
            index = self._astral[before] + (1 if end else 0)  # inside a pair
        else:
            index = offset - before
        return index - bisect.bisect_left(self._crlf, index)  # the \r dropped before it
