"""The scan of one text for reach and output numbers: :func:`indicators_in_text`.

Three rules find a number with what it counts (a number followed by a noun, ``aantal`` +
noun + number, a table row or ``label: number`` line); years, money, percentages, times,
targets, negations and the value 1 are left out (see :mod:`sokwal_monitor.summary.indicators`).
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .numbers import _tokens
from .vocabulary import _Lexicon, _lexicon
from .words import (
    _AANTAL_UNITS,
    _ABBREVIATIONS,
    _BLANK_LINE,
    _CLAUSE_END,
    _CLEAN_GAP,
    _CONNECTORS,
    _CONTEXT,
    _DASHES,
    _HEDGE,
    _LAST_WORD,
    _MAX_AANTAL_WORDS,
    _MAX_GAP_WORDS,
    _MAX_LABEL_CHARS,
    _MAX_TABLE_CELLS,
    _MONEY_BEFORE,
    _MONEY_WORDS,
    _NEGATIONS,
    _PIPE,
    _SCHEDULE_PERIODS,
    _SENTENCE_END,
    _SENTENCE_GAP,
    _SPACE,
    _STOP_WORDS,
    _TARGET_WORDS,
    _TIMES_OF_DAY,
    _WORD,
    _YEAR_CONTEXT,
)

#: The ``qualifier`` of a hedged number (``ruim 40``, ``zo'n twintig``, ``15 à 20``).
HEDGED = "ongeveer"


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    """One number with what it counts, found by :func:`indicators_in_text`.

    ``text[start:end]`` of the scanned text is the matched phrase (number to noun, or
    ``aantal`` to number, or table label to number); ``sentence`` is the sentence it is
    in, with its white space collapsed.
    """

    indicator: str
    value: float
    qualifier: str
    start: int
    end: int
    sentence: str


class _Scanner:
    """Finds the indicators of one text (see :func:`indicators_in_text`)."""

    def __init__(self, text: str, lexicon: _Lexicon) -> None:
        self.text = text
        self.lexicon = lexicon
        self.tokens = _tokens(text)
        self.found: dict[int, IndicatorMatch] = {}  # start of the number -> match

    def scan(self) -> list[IndicatorMatch]:
        if self.tokens:
            self.table()
            self.forward()
            self.aantal()
        return sorted(self.found.values(), key=lambda m: (m.start, m.end, m.value))

    # -- small checks ---------------------------------------------------------------------
    def gap(self, i: int) -> str:
        """The text between token ``i - 1`` and token ``i`` (``i >= 1``)."""
        return self.text[self.tokens[i - 1].end : self.tokens[i].start]

    def clean(self, i: int) -> bool:
        """Whether only white space, hyphens and quotes separate token ``i`` from the one
        before it (no punctuation, no blank line)."""
        gap = self.gap(i)
        return _CLEAN_GAP.fullmatch(gap) is not None and _BLANK_LINE.search(gap) is None

    def noun(self, i: int) -> str | None:
        token = self.tokens[i]
        return None if token.value is not None else self.lexicon.label(token.low)

    def stop(self, i: int) -> bool:
        """Whether token ``i`` ends the words between a number and its noun (a name like
        "Even Jij!" does not, even where it is a function word)."""
        token = self.tokens[i]
        return token.low in _STOP_WORDS and not self.text[token.start].isupper()

    def money(self, i: int) -> bool:
        start = self.tokens[i].start
        return _MONEY_BEFORE.search(self.text[max(0, start - 8) : start]) is not None

    def hedged(self, i: int) -> bool:
        start = self.tokens[i].start
        return _HEDGE.search(self.text[max(0, start - 30) : start]) is not None

    def target(self, i: int) -> bool:
        """Whether the clause before token ``i`` makes it a target or a hope."""
        start = self.tokens[i].start
        lo = max(0, start - _CONTEXT)
        begin = lo
        for m in _CLAUSE_END.finditer(self.text, lo, start):
            begin = m.end()
        words = _WORD.findall(self.text, begin, start)
        return any(w.lower() in _TARGET_WORDS for w in words)

    def year(self, i: int, j: int) -> bool:
        """Whether number ``i`` (with its noun at ``j``) is a year: 1900-2100 and not
        right before a lower-case noun, or after a word like ``in`` or ``sinds``."""
        if not self.tokens[i].year_like:
            return False
        after_year_word = i > 0 and self.tokens[i - 1].low in _YEAR_CONTEXT and self.clean(i)
        noun_next = j == i + 1 and not self.text[self.tokens[j].start].isupper()
        return not noun_next or after_year_word

    def negated(self, i: int) -> bool:
        """Whether ``niet``, ``geen`` or ``nooit`` is one of the two words before number
        ``i`` (``niet met twee mensen``)."""
        before = self.tokens[max(0, i - 2) : i]
        return any(t.low in _NEGATIONS for t in before)

    def schedule(self, j: int) -> bool:
        """Whether noun ``j`` is a time of day followed by ``per week`` (an opening
        schedule: ``vijf ochtenden per week open``), not a number of activities."""
        tokens = self.tokens
        return (
            tokens[j].low.endswith(_TIMES_OF_DAY)
            and j + 2 < len(tokens)
            and tokens[j + 1].low == "per"
            and tokens[j + 2].low in _SCHEDULE_PERIODS
        )

    def partner(self, i: int) -> int | None:
        """The index of the second number of a range that starts at number ``i``."""
        tokens = self.tokens
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].value is not None
            and self.gap(i + 1).strip() in _DASHES
        ):
            return i + 1
        if (
            i + 2 < len(tokens)
            and tokens[i + 2].value is not None
            and tokens[i + 1].low in _CONNECTORS
            and not self.gap(i + 1).strip()
            and not self.gap(i + 2).strip()
        ):
            return i + 2
        return None

    def noun_after(self, i: int) -> int | None:
        """The index of the indicator noun within a few words after number ``i``."""
        tokens = self.tokens
        for j in range(i + 1, min(len(tokens), i + 2 + _MAX_GAP_WORDS)):
            if not self.clean(j) or tokens[j].value is not None:
                return None
            if self.noun(j) is not None:
                return None if self.schedule(j) else j
            if self.stop(j):
                return None
        return None

    def abbreviation(self, at: int) -> bool:
        """Whether the full stop at ``at`` ends an abbreviation (``ca.``, ``dhr.``)."""
        if self.text[at] != ".":
            return False
        word = _LAST_WORD.search(self.text, max(0, at - 8), at)
        return word is not None and word.group().lower() in _ABBREVIATIONS

    def sentence(self, start: int, end: int) -> str:
        """The sentence around ``text[start:end]`` (at most about 200 characters to each
        side, cut at a space), its white space collapsed."""
        text = self.text
        start = max(start, end - _CONTEXT)  # a long phrase: the sentence around its end
        lo, hi = max(0, start - _CONTEXT), min(len(text), end + _CONTEXT)
        begin = lo
        for m in _SENTENCE_END.finditer(text, lo, start):
            if not self.abbreviation(m.start()):
                begin = m.end()
        if begin == lo > 0:  # no sentence start near: begin after a space
            space = _SPACE.search(text, lo, start)
            begin = space.end() if space else lo
        stop = hi
        for m in _SENTENCE_END.finditer(text, end, hi):
            if not self.abbreviation(m.start()):
                stop = m.end() if m.group() in ".!?" else m.start()
                break
        else:
            if hi < len(text):  # no sentence end near: stop before a space
                spaces = [m.start() for m in _SPACE.finditer(text, end, hi)]
                stop = spaces[-1] if spaces else hi
        return " ".join(text[begin:stop].split())

    def add(self, i: int, first: int, last: int, label: str, qualifier: str) -> None:
        """Record number ``i`` as ``label``, the phrase running from token ``first`` to
        token ``last`` (a number is recorded once)."""
        token = self.tokens[i]
        if token.start in self.found or token.value is None:
            return
        start, end = self.tokens[first].start, self.tokens[last].end
        self.found[token.start] = IndicatorMatch(
            label, token.value, qualifier, start, end, self.sentence(start, end)
        )

    # -- the three rules --------------------------------------------------------------------
    def forward(self) -> None:
        """Numbers followed by a noun: ``23 vrijwilligers``, ``van 80 naar 140 leden``."""
        tokens = self.tokens
        partners: set[int] = set()  # second numbers of ranges: never counted on their own
        for i, token in enumerate(tokens):
            if token.value is None or i in partners or self.money(i):
                continue
            other = self.partner(i)
            if other is not None:
                partners.add(other)
                j = self.noun_after(other)
                if j is None or token.year_like or tokens[other].year_like or token.value == 1:
                    continue  # "één of twee mensen": a few, not a count
                if self.target(i) or self.negated(i):
                    continue
                label = self.lexicon.label(tokens[j].low) or ""
                change = other == i + 2 and tokens[i + 1].low == "naar"
                first = (HEDGED if self.hedged(i) else "") if change else HEDGED
                self.add(i, i, j, label, first)
                self.add(other, other, j, label, "" if change else HEDGED)
                continue
            j = self.noun_after(i)
            if j is None or token.value == 1 or self.year(i, j):
                continue
            if not self.target(i) and not self.negated(i):
                label = self.lexicon.label(tokens[j].low) or ""
                self.add(i, i, j, label, HEDGED if self.hedged(i) else "")

    def aantal(self) -> None:
        """``het aantal deelnemers is 40``, ``aantal leden: van 80 naar 140``."""
        tokens = self.tokens
        for k, token in enumerate(tokens):
            if token.low != "aantal":
                continue
            noun_at = None
            for j in range(k + 1, min(len(tokens), k + 4)):
                if not self.clean(j) or tokens[j].value is not None:
                    break
                if self.noun(j) is not None:
                    noun_at = j
                    break
                if self.stop(j):
                    break
            if noun_at is None or self.target(k):
                continue
            label = self.lexicon.label(tokens[noun_at].low) or ""
            for i in range(noun_at + 1, min(len(tokens), noun_at + 1 + _MAX_AANTAL_WORDS)):
                previous = tokens[i - 1]
                if _SENTENCE_GAP.search(self.gap(i)) and previous.low not in _ABBREVIATIONS:
                    break
                candidate = tokens[i]
                if candidate.value is None:
                    continue
                if candidate.start in self.found:
                    break  # the number has a noun of its own
                following = tokens[i + 1].low if i + 1 < len(tokens) else ""
                percent = self.text[candidate.end : candidate.end + 2].lstrip().startswith("%")
                if (
                    candidate.year_like
                    or following in _AANTAL_UNITS
                    or percent
                    or self.money(i)
                    or previous.low == "met"  # "met 30 gegroeid": a change, not a level
                    or candidate.value == 1
                ):
                    continue
                other = self.partner(i)
                if other is not None and tokens[other].year_like:
                    other = None
                change = other == i + 2 and tokens[i + 1].low == "naar"
                hedge = self.hedged(i) or (other is not None and not change)
                self.add(i, k, i, label, HEDGED if hedge else "")
                if other is not None:
                    self.add(other, k, other, label, "" if change else HEDGED)
                break

    def table(self) -> None:
        """A table row or a "label: number" line whose label names what the numbers
        count: ``Leden | 140 | 212``, ``Vrijwilligers: 23``."""
        text = self.text
        if "€" in text:
            return
        if "|" in text:
            starts = [0] + [m.end() for m in _PIPE.finditer(text)]
        else:
            colon = text.find(":")
            if not 0 < colon <= _MAX_LABEL_CHARS:
                return
            starts = [0, colon + 1]
        cells: list[list[int]] = [[] for _ in starts]  # the tokens of each cell
        for i, token in enumerate(self.tokens):
            cells[bisect.bisect_right(starts, token.start) - 1].append(i)
        filled = [c for c in cells if c]
        if not 2 <= len(filled) <= _MAX_TABLE_CELLS:
            return
        label_tokens = filled[0]
        if any(self.tokens[i].low in _MONEY_WORDS for i in label_tokens):
            return
        noun_at = next((i for i in label_tokens[:2] if self.noun(i) is not None), None)
        if noun_at is None:
            return
        label = self.lexicon.label(self.tokens[noun_at].low) or ""
        for cell in filled[1:]:
            i = cell[-1]
            token = self.tokens[i]
            cell_start = starts[bisect.bisect_right(starts, token.start) - 1]
            cell_end = text.find("|", token.end)
            prefix = text[cell_start : token.start].strip()
            rest = text[token.end : len(text) if cell_end < 0 else cell_end].strip(" \t\r\n.")
            if token.value is None or rest or token.year_like:
                continue
            if prefix and (len(prefix) > 20 or _HEDGE.search(prefix) is None):
                continue
            self.add(i, label_tokens[0], i, label, HEDGED if prefix else "")


def indicators_in_text(
    text: str, *, indicators: Mapping[str, Iterable[str] | str] | None = None
) -> list[IndicatorMatch]:
    """The reach and output numbers in one text, in the order of the text.

    Parameters
    ----------
    text : str
        A paragraph or a turn (any text; the search is linear in its length).
    indicators : dict, optional
        Label → nouns, like :data:`INDICATORS` (the default).

    Returns
    -------
    list of IndicatorMatch
        ``text[m.start:m.end]`` is the matched phrase of each.

    Raises
    ------
    ValueError
        ``indicators`` is empty or has a label without nouns or a noun of several words.

    Examples
    --------
    >>> text = "Het aantal leden groeide van 80 naar 140; er waren zo'n twintig bijeenkomsten."
    >>> for m in indicators_in_text(text):
    ...     print(m.indicator, m.value, repr(m.qualifier), repr(text[m.start : m.end]))
    leden 80.0 '' 'aantal leden groeide van 80'
    leden 140.0 '' 'aantal leden groeide van 80 naar 140'
    bijeenkomsten/activiteiten 20.0 'ongeveer' 'twintig bijeenkomsten'
    >>> [m.value for m in indicators_in_text("Tien koks.", indicators={"koks": ("kok", "koks")})]
    [10.0]
    """
    return _Scanner(text, _lexicon(indicators)).scan()
