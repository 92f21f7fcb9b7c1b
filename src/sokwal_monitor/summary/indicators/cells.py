"""Tables whose cells became paragraphs of their own (Word, HTML): a short label that
names what it counts, followed by a few paragraphs that are only a number.

A Word or HTML table is read row by row, one paragraph per cell::

    Indicator | 2018 | 2019            ->  "Indicator", "2018", "2019",
    Jonge mantelzorgers in beeld | 31 | 52  "Jonge mantelzorgers in beeld", "31", "52", ...

so a label naming an indicator noun followed by one to :data:`MAX_CELLS` number
paragraphs (and then something that is not a number) is read as a table row. A table
that a PDF gives column by column (all labels first, then all numbers) does not fit this
pattern: its last label would be followed by a whole column of numbers, more than
:data:`MAX_CELLS`, and is left alone rather than misread.

>>> from sokwal_monitor.summary.indicators.vocabulary import _lexicon
>>> cells = ["Indicator", "2018", "2019", "Regelmatige deelnemers", "14", "35", "Toelichting."]
>>> [(c.position, c.indicator, c.value) for c in cell_rows(cells, _lexicon(None))]
[(4, 'deelnemers', 14.0), (5, 'deelnemers', 35.0)]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from .numbers import parse_number
from .vocabulary import _Lexicon

__all__ = ["MAX_CELLS", "CellMatch", "cell_rows"]

#: At most this many number cells after a label (more: a column, not a row).
MAX_CELLS = 4
#: A label is a short paragraph.
MAX_LABEL_CHARS = 60

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
#: A pseudonym (``[PERSOON-44]``) is not a noun of the label.
_PLACEHOLDER = re.compile(r"\[[A-Z]+-\d+\]")


@dataclass(frozen=True, slots=True)
class CellMatch:
    """A number paragraph (``position`` in the list given) and what its label counts."""

    position: int
    indicator: str
    value: float
    label: str


def _label(text: str, lexicon: _Lexicon) -> str | None:
    """The indicator a short label names (its first vocabulary noun), or None."""
    if len(text) > MAX_LABEL_CHARS or "€" in text or parse_number(text) is not None:
        return None
    for word in _WORD.findall(_PLACEHOLDER.sub(" ", text).lower().replace("’", "'")):
        found = lexicon.label(word)
        if found is not None:
            return found
    return None


def _number(text: str) -> float | None:
    """The value of a paragraph that is only a number (not a year), or None."""
    value = parse_number(text)
    plain = text.strip()
    if value is None or (plain.isdigit() and len(plain) == 4 and 1900 <= value <= 2100):
        return None
    return value


def cell_rows(texts: Sequence[str], lexicon: _Lexicon) -> list[CellMatch]:
    """The table rows in one document's paragraphs, in order: see the module's text.

    Rows that follow one another form a table; a table counts only when at least half
    of its row labels name an indicator (a table of volunteers per group, whose one
    label "Activiteiten en verhuur" happens to hold a vocabulary noun, is not a table
    of activities).

    >>> from sokwal_monitor.summary.indicators.vocabulary import _lexicon
    >>> groups = ["Groep", "Aantal", "Bar", "14", "Bibliotheek", "11", "Activiteiten", "11"]
    >>> cell_rows(groups, _lexicon(None))
    []
    """
    values = [_number(t) for t in texts]
    rows: list[tuple[int, int, str | None]] = []  # label position, end, indicator
    for i, text in enumerate(texts):
        if values[i] is not None:
            continue
        j = i + 1
        while j < len(texts) and values[j] is not None:
            j += 1
        if 1 <= j - i - 1 <= MAX_CELLS:
            rows.append((i, j, _label(text, lexicon)))
    out: list[CellMatch] = []
    start = 0
    for k in range(1, len(rows) + 1):
        if k < len(rows) and rows[k][0] == rows[k - 1][1]:
            continue  # the next row follows at once: the same table
        table = rows[start:k]
        start = k
        named = [row for row in table if row[2] is not None]
        if 2 * len(named) < len(table):
            continue
        for i, j, indicator in named:
            label = " ".join(texts[i].split())
            out.extend(
                CellMatch(n, str(indicator), float(values[n]), label)  # type: ignore[arg-type]
                for n in range(i + 1, j)
            )
    return out
