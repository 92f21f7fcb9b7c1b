"""The prefilters of the rule coder: which of a codebook's regexes and spaCy Matcher
token patterns can match in a text (bits per piece of required text, required word
ids and masks), and a Matcher of only those over only the tokens they can reach. The
Hyperscan database that flags the regexes is :mod:`.hyperscan_db`'s."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from typing import TYPE_CHECKING, Any

import numpy
import regex

from .hyperscan_db import _OTHER_DIGIT, _Hyperscan, _hyperscan
from .patterns import CUTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_CUT = re.compile(f"([{re.escape(CUTS)}]+)")


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.digit(match.group()))


def _folded(text: str) -> str:
    """``text`` case-folded for the required-text tests, every decimal digit (٣, ३)
    as its ASCII one (``\\d`` matches them all), one character for one where the
    folding keeps the length, so that offsets stay the text's."""
    folded = text.casefold()
    if not text.isascii() and _OTHER_DIGIT.search(folded):
        folded = _OTHER_DIGIT.sub(_ascii_digit, folded)
    return folded


class _Prefilters:
    """The prefilter part of :class:`~.coder.RuleCoder`: its state is set up there."""

    nlp: Language
    _regexes: list[tuple[str, str, regex.Pattern[str], tuple[str, ...] | None, bool]]
    _regex_bits: int
    _needle_bits: list[tuple[str, int]]
    _hs: _Hyperscan | bool | None
    _hs_regex_bits: int
    _hs_needle_bits: list[tuple[str, int]]
    _token_patterns: list[tuple[str, list[dict[str, Any]], list[frozenset[int]]]]
    _chosen: dict[int, tuple[int, ...]]
    _sub_matchers: dict[tuple[int, ...], tuple[Any, int | None, Any]]
    _need_bits: dict[int, int] | None
    _need_masks: list[int]
    _need_attrs: list[int | str]
    _need_ids: Any
    _need_reach: list[int | None]
    _first_patterns: dict[int, tuple[int, ...]]
    _need_others: list[list[frozenset[int]]]
    _all_bounded: bool
    _tries: list[Any]
    _trigger: int

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
        self._hs = False  # not built yet: see _regex_prefilter

    def _regex_prefilter(self) -> _Hyperscan | None:
        """The Hyperscan prefilter (built on first use, so a forked worker inherits
        it ready) and, beside it, the required-text bits of the other regexes."""
        if self._hs is False:
            patterns = [
                (i, compiled.pattern) for i, (_, _, compiled, *_) in enumerate(self._regexes)
            ]
            # a regex searched sentence by sentence: only where its matches may end
            every_end = {i for i, (*_, within) in enumerate(self._regexes) if within}
            hs = _hyperscan(patterns, every_end)
            self._hs_regex_bits = self._regex_bits
            self._hs_needle_bits = []
            if hs is not None:
                self._hs_regex_bits &= ~hs.bits
                for needle, bits in self._needle_bits:
                    if bits & ~hs.bits:
                        self._hs_needle_bits.append((needle, bits & ~hs.bits))
            self._hs = hs
        return self._hs  # type: ignore[return-value]

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

    def _token_matches(
        self, doc: Doc, starts: list[int] | None = None
    ) -> list[tuple[int, int, int]]:
        """The Matcher's ``(match_id, start, end)`` in ``doc``, found by a Matcher of only
        the token patterns that can match in it (each of their required words is
        there), over only the tokens where their matches can be. It finds the same
        matches, in the same order, as the Matcher of all patterns over the whole
        text: in spaCy's Matcher a pattern's states never depend on another's, and
        it keeps their order; a match starts at a required word (when the pattern's
        first token is one) and is no longer than the pattern allows.

        ``starts``: the tokens where the phrase tries found a trigger (a first
        required word of a pattern), if known; found here when not."""
        if self._need_bits is None:
            self._index_needs()
        if self._all_bounded:
            if starts is None:
                starts = [
                    start
                    for matcher in self._tries
                    for match_id, start, _ in matcher(doc)
                    if match_id == self._trigger
                ]
            return self._token_matches_from(doc, starts)
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
        matcher, reach, _firsts = entry
        if matcher is None:
            return []
        if reach is None:
            return matcher(doc)
        # the tokens a match can cover: from each first word of a chosen pattern from
        # which each of its other required words lies within the pattern's reach, as
        # far as it reaches; overlapping stretches merged
        at: dict[int, list[int]] = {}  # token positions per required id, ascending
        for value, token in zip(ids[where].tolist(), (where >> 1).tolist(), strict=True):
            positions = at.get(value)
            if positions is None:
                at[value] = [token]
            elif positions[-1] != token:
                positions.append(token)
        stretches: list[tuple[int, int]] = []
        kept: list[int] = []
        n = len(doc)
        for i in chosen:
            _, _, needs = self._token_patterns[i]
            first, *others = (self._positions(need, at) for need in needs)
            pattern_reach = self._need_reach[i]
            assert pattern_reach is not None  # every chosen pattern has one (see above)
            before = len(stretches)
            for start in first:
                end = start + pattern_reach
                for positions in others:
                    k = bisect_left(positions, start)
                    if k == len(positions) or positions[k] >= end:
                        break
                else:
                    stretches.append((start, min(end, n)))
            if len(stretches) > before:
                kept.append(i)
        if not kept:
            return []
        sub = tuple(kept)
        if sub != chosen:
            entry = self._sub_matchers.get(sub)
            if entry is None:
                entry = self._sub_matchers[sub] = self._sub_matcher(sub)
            matcher = entry[0]
        return _matches_in_stretches(matcher, doc, stretches)

    def _token_matches_from(self, doc: Doc, starts: list[int]) -> list[tuple[int, int, int]]:
        """:meth:`_token_matches` when every token pattern starts with a required word
        and has a bound on its length: from each trigger token, the patterns whose
        first word it is and whose other required words all lie within its reach,
        each token's ids read only there."""
        firsts = self._first_patterns
        others = self._need_others
        reaches = self._need_reach
        n = len(doc)
        seen: dict[int, tuple[int, int]] = {}  # the LEMMA and LOWER ids of tokens read

        def lexeme(q: int) -> tuple[int, int]:
            got = seen.get(q)
            if got is None:
                token = doc[q]
                got = seen[q] = (token.lemma, token.lower)
            return got

        stretches: list[tuple[int, int]] = []
        kept: set[int] = set()
        for start in sorted(set(starts)):
            lemma, lower = lexeme(start)
            found = firsts.get(lemma, ())
            if lower != lemma and lower in firsts:
                found = tuple(sorted({*found, *firsts[lower]}))
            for i in found:
                end = min(start + reaches[i], n)  # type: ignore[operator]
                for need in others[i]:
                    for q in range(start, end):
                        a, b = lexeme(q)
                        if a in need or b in need:
                            break
                    else:
                        break  # a required word out of reach: no match from here
                else:
                    stretches.append((start, end))
                    kept.add(i)
        if not kept:
            return []
        sub = tuple(sorted(kept))
        entry = self._sub_matchers.get(sub)
        if entry is None:
            entry = self._sub_matchers[sub] = self._sub_matcher(sub)
        matcher = entry[0]
        return _matches_in_stretches(matcher, doc, stretches)

    @staticmethod
    def _positions(need: frozenset[int], at: dict[int, list[int]]) -> list[int]:
        """The positions of the tokens that hold one of the ids ``need``, ascending."""
        found = [at[i] for i in need if i in at]
        if len(found) == 1:
            return found[0]
        return sorted({p for positions in found for p in positions})

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
        self._need_reach = [_reach(tokens) for _, tokens, _ in self._token_patterns]
        # the patterns per id of their first word, and their other required words
        firsts: dict[int, set[int]] = {}
        for i, (_, _, needs) in enumerate(self._token_patterns):
            for word in needs[0] if needs else ():
                firsts.setdefault(word, set()).add(i)
        self._first_patterns = {word: tuple(sorted(i)) for word, i in firsts.items()}
        self._need_others = [needs[1:] for _, _, needs in self._token_patterns]
        # every pattern starts with a required word (a trigger) and has a bounded length
        self._all_bounded = bool(self._token_patterns) and None not in self._need_reach
        self._need_attrs = [LEMMA, LOWER]
        # 2**64 - 1 is no string's id (spaCy's ids are 64-bit hashes, and an index
        # past the others lands on it)
        self._need_ids = numpy.array([*sorted(bits), 2**64 - 1], dtype=numpy.uint64)


def _matches_in_stretches(
    matcher: Any, doc: Doc, stretches: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """A Matcher's matches over ``stretches`` (token ``(start, end)`` pairs, at least
    one), overlapping and touching stretches merged first so no match is found twice; in
    the order spaCy's Matcher gives them, stretch by stretch."""
    stretches.sort()
    out: list[tuple[int, int, int]] = []
    first, last = stretches[0]
    for s, e in stretches[1:]:
        if s > last:
            out += _matches_in(matcher, doc, first, last)
            first, last = s, e
        elif e > last:
            last = e
    out += _matches_in(matcher, doc, first, last)
    return out


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
