"""The prefilters of the rule coder: which of a codebook's regexes and spaCy Matcher
token patterns can match in a text (bits per piece of required text, required word
ids and masks), and a Matcher of only those over only the tokens they can reach."""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING, Any

import numpy
import regex

from .patterns import CUTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_CUT = re.compile(f"([{re.escape(CUTS)}]+)")


#: A decimal digit other than 0-9 (``\d`` in a pattern matches it too).
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.digit(match.group()))


class _Prefilters:
    """The prefilter part of :class:`~.coder.RuleCoder`: its state is set up there."""

    nlp: Language
    _regexes: list[tuple[str, str, regex.Pattern[str], tuple[str, ...] | None, bool]]
    _regex_bits: int
    _needle_bits: list[tuple[str, int]]
    _token_patterns: list[tuple[str, list[dict[str, Any]], list[frozenset[int]]]]
    _chosen: dict[int, tuple[int, ...]]
    _sub_matchers: dict[tuple[int, ...], tuple[Any, int | None, Any]]
    _need_bits: dict[int, int] | None
    _need_masks: list[int]
    _need_attrs: list[int | str]
    _need_ids: Any

    def _index_regexes(self) -> None:
        """Each piece of required text of the regexes once, with a bit for each regex
        that needs it (bit i: the i-th regex); those that need none have theirs set
        in ``_regex_bits``."""
        needle_bits: dict[str, int] = {}
        self._regex_bits = 0
        for i, (*_, needles, _within) in enumerate(self._regexes):
            if needles is None:
                self._regex_bits |= 1 << i
            for needle in needles or ():
                needle_bits[needle] = needle_bits.get(needle, 0) | (1 << i)
        self._needle_bits = list(needle_bits.items())

    def _required_ids(self, tokens: list[dict[str, Any]]) -> list[frozenset[int]]:
        """For each token of a Matcher pattern that every match has (no ``OP`` or
        ``OP: "1"`` or ``"+"``) and that names its LEMMA or LOWER (a word or an ``IN``
        list): the string ids of those words, one of which a text must hold (as a
        lemma or a lower-case form) for the pattern to match in it."""
        strings = self.nlp.vocab.strings
        needs: list[frozenset[int]] = []
        for spec in tokens:
            keys = {k.upper(): v for k, v in spec.items()}
            if keys.get("OP", "1") not in ("1", "+"):
                continue
            for attr in ("LEMMA", "LOWER"):
                words = _words(keys.get(attr))
                if words:
                    needs.append(frozenset(strings.add(w) for w in words))
        return needs

    def _token_matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """The Matcher's ``(match_id, start, end)`` in ``doc``, found by a Matcher of only
        the token patterns that can match in it (each of their required words is
        there), over only the tokens where their matches can be. It finds the same
        matches, in the same order, as the Matcher of all patterns over the whole
        text: in spaCy's Matcher a pattern's states never depend on another's, and
        it keeps their order; a match starts at a required word (when the pattern's
        first token is one) and is no longer than the pattern allows."""
        if self._need_bits is None:
            self._index_needs()
        bits = self._need_bits
        assert bits is not None
        # one bit per required token of each pattern: which of them the text has
        ids = doc.to_array(self._need_attrs).ravel()  # LEMMA and LOWER of each token
        needed = self._need_ids  # sorted, with a last id that is no string's
        where = (needed[needed.searchsorted(ids)] == ids).nonzero()[0]
        found = 0
        for i in ids[where].tolist():
            found |= bits[i]
        chosen = self._chosen.get(found)
        if chosen is None:
            if len(self._chosen) > 100_000:  # a bound on memory, never reached in practice
                self._chosen.clear()
            masks = self._need_masks
            chosen = self._chosen[found] = tuple(
                i for i, full in enumerate(masks) if found & full == full
            )
        entry = self._sub_matchers.get(chosen)
        if entry is None:
            entry = self._sub_matchers[chosen] = self._sub_matcher(chosen)
        matcher, reach, firsts = entry
        if matcher is None:
            return []
        if reach is None:
            return matcher(doc)
        # the tokens a match can cover: from each first word of one of the chosen
        # patterns, as far as the pattern reaches; overlapping stretches merged
        values = ids[where]
        starts = (where[firsts[firsts.searchsorted(values)] == values] >> 1).tolist()
        out: list[tuple[int, int, int]] = []
        n = len(doc)
        start = starts[0]
        end = start + reach
        for first in starts[1:]:
            if first > end:
                out += _matches_in(matcher, doc, start, min(end, n))
                start = first
            end = first + reach
        out += _matches_in(matcher, doc, start, min(end, n))
        return out

    def _sub_matcher(self, chosen: tuple[int, ...]) -> tuple[Any, int | None, Any]:
        """A Matcher of the chosen token patterns (in their order; None for none); the
        most tokens a match of one of them spans when each starts with a required word
        (else None); and then the ids of those first words, sorted."""
        empty = numpy.zeros(1, dtype=numpy.uint64)
        if not chosen:
            return None, None, empty
        from spacy.matcher import Matcher

        matcher = Matcher(self.nlp.vocab)
        reaches = []
        firsts: set[int] = set()
        for i in chosen:
            label, tokens, needs = self._token_patterns[i]
            matcher.add(label, [tokens])
            reaches.append(_reach(tokens))
            firsts |= needs[0] if needs else set()
        if None in reaches:
            return matcher, None, empty
        # the ids of the first words, sorted, with one that is no string's (see above)
        ids = numpy.array([*sorted(firsts), 2**64 - 1], dtype=numpy.uint64)
        return matcher, max(r for r in reaches if r is not None), ids

    def _index_needs(self) -> None:
        """Number the required tokens of the Matcher's patterns: a bit each."""
        from spacy.attrs import LEMMA, LOWER

        bits: dict[int, int] = {}
        masks: list[int] = []
        n = 0
        for _, _, needs in self._token_patterns:
            mask = 0
            for ids in needs:
                for i in ids:
                    bits[i] = bits.get(i, 0) | (1 << n)
                mask |= 1 << n
                n += 1
            masks.append(mask)
        self._need_bits, self._need_masks = bits, masks
        self._need_attrs = [LEMMA, LOWER]
        # 2**64 - 1 is no string's id (spaCy's ids are 64-bit hashes, and an index
        # past the others lands on it)
        self._need_ids = numpy.array([*sorted(bits), 2**64 - 1], dtype=numpy.uint64)


def _matches_in(matcher: Any, doc: Doc, start: int, end: int) -> list[tuple[int, int, int]]:
    """A Matcher's ``(match_id, start, end)`` in the tokens ``doc[start:end]``, as
    positions in ``doc``."""
    if start == 0 and end == len(doc):
        return matcher(doc)
    return [(key, s + start, e + start) for key, s, e in matcher(doc[start:end])]


def _words(value: Any) -> list[str] | None:
    """The words a token spec's LEMMA or LOWER value asks for (a word or an ``IN``
    list of words), or None for other values (``REGEX``, ``NOT_IN``, ...).

    >>> _words("a"), _words({"IN": ["a", "b"]}), _words({"REGEX": "a.*"})
    (['a'], ['a', 'b'], None)
    """
    words = value.get("IN") if isinstance(value, dict) and len(value) == 1 else [value]
    if isinstance(words, list) and words and all(isinstance(w, str) for w in words):
        return words
    return None


def _reach(tokens: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of a Matcher pattern spans, if its first token is a
    required word (``LEMMA`` or ``LOWER``, no ``OP``); else, or when it has no bound
    (``+``, ``*``, ``{n,}``), None.

    >>> _reach([{"LEMMA": "a"}, {"IS_PUNCT": False, "OP": "{0,3}"}, {"LOWER": "b", "OP": "?"}])
    5
    >>> _reach([{"LEMMA": "a"}, {"OP": "*"}]), _reach([{"LEMMA": "a", "OP": "?"}])
    (None, None)
    """
    import re as _re

    total = 0
    for n, spec in enumerate(tokens):
        keys = {k.upper(): v for k, v in spec.items()}
        op = str(keys.get("OP", "1"))
        if n == 0 and (op != "1" or not any(_words(keys.get(a)) for a in ("LEMMA", "LOWER"))):
            return None  # a match may start at a token that is no required word
        if op in ("1", "!", "?"):
            total += 1
            continue
        counts = _re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op)
        if counts is None or (counts[2] and not counts[3]):  # +, *, {n,}
            return None
        total += int(counts[3] or counts[1] or 0)
    return total


def _pieces(text: str) -> list[tuple[int, int]]:
    """The pieces of ``text`` between the characters of :data:`CUTS` as ``(start,
    end)``, empty ones left out.

    >>> _pieces("Ja. Twintig mensen!? Ja")
    [(0, 2), (3, 18), (20, 23)]
    """
    out = []
    start = 0
    cut = False  # the split parts alternate: piece, cuts, piece, ...
    for part in _CUT.split(text):
        end = start + len(part)
        if end > start and not cut:
            out.append((start, end))
        start, cut = end, not cut
    return out
