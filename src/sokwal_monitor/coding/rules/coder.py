"""The rule coder: a codebook's patterns compiled into spaCy matchers and regular
expressions, its matches widened to a scope and merged per code (see
:mod:`sokwal_monitor.coding.rules`)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal

import numpy
import regex

from ...codebook import Codebook, codebook_sha256, codebook_to_text
from ...errors import CodebookError
from ...nlp import dutch_pipeline, lemma_of
from .patterns import (
    CUTS,
    _as_phrases,
    _lemma_forms,
    describe_pattern,
    required_text,
    starts_at_any_word,
    stays_within,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

__all__ = ["SCOPES", "RuleCoder", "RuleMatch", "rule_coder_name"]

Scope = Literal["match", "sentence", "segment"]
#: What a rule coding covers: the match, its sentence, or its whole segment.
SCOPES: tuple[Scope, ...] = ("match", "sentence", "segment")
_TRIGGER = "\x1esokwal-matcher-trigger"  # a phrase-matcher label, not a code
_BY_CODE = itemgetter(2, 0, 1)  # raw (start, end, code, pattern) by code, then span
_BY_POSITION = itemgetter(1, 2, 0)  # (code, start, end, ...) by span, then code
_CUT = re.compile(f"([{re.escape(CUTS)}]+)")


@dataclass(frozen=True, slots=True)
class RuleMatch:
    """A span of a text coded by a rule: offsets into that text, the code, the
    pattern(s) that fired and how many matches the span merges (``score``)."""

    code: str
    start: int
    end: int
    pattern: str
    score: int = 1


def rule_coder_name(codebook: Codebook) -> str:
    """The coder name of a codebook's rules: ``rule:<name>@<first 8 of its SHA-256>``.

    >>> from sokwal_monitor.codebook import codebook_from_text
    >>> rule_coder_name(codebook_from_text("name: mini\\ncodes: [{name: a, definition: A.}]"))
    'rule:mini@ad4f683c'
    """
    return f"{_rule_coder_prefix(codebook)}{codebook_sha256(codebook)[:8]}"


def _text_sha256(text: str) -> str:
    """The SHA-256 of a codebook's YAML text, as :func:`codebook_sha256` computes it."""
    import hashlib

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _rule_coder_prefix(codebook: Codebook) -> str:
    """What the rule coder names of every version of a codebook start with."""
    return f"rule:{codebook.name or 'codebook'}@"


#: A decimal digit other than 0-9 (``\d`` in a pattern matches it too).
_OTHER_DIGIT = re.compile(r"(?![0-9])\d")


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.digit(match.group()))


class RuleCoder:
    """A codebook's patterns compiled for one Dutch pipeline.

    Parameters
    ----------
    codebook : Codebook
        The codes and their ``patterns``; codes without patterns never match.
    scope : {"match", "sentence", "segment"}, default "match"
        What a match codes: the matched words, the sentence(s) they are in, or the
        whole text given (a segment).
    nlp : spacy.Language, optional
        The pipeline (default :func:`~sokwal_monitor.nlp.dutch_pipeline`); it needs
        lemmas, and a sentencizer for ``scope="sentence"``.

    Raises
    ------
    CodebookError
        A ``tokens`` pattern spaCy's Matcher refuses; the message names the code.

    Examples
    --------
    >>> from sokwal_monitor.codebook import load_codebook
    >>> rules = RuleCoder(load_codebook())
    >>> sorted({m.code for m in rules.code_text("We hadden overleg met de gemeente.")})
    ['samenwerking_gemeente']
    >>> doc = rules(rules.nlp("Achteraf gezien hadden we eerder vrijwilligers moeten werven."))
    >>> sorted({span.label_ for span in doc.spans["sokwal_codes"]})
    ['vrijwilligers', 'vrijwilligers_werven', 'zou_anders_doen']
    """

    def __init__(
        self, codebook: Codebook, *, scope: Scope = "match", nlp: Language | None = None
    ) -> None:
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}, not {scope!r}")
        self.codebook = codebook
        self.scope: Scope = scope
        self.nlp = nlp if nlp is not None else dutch_pipeline()
        # the codebook's YAML, written once: its fingerprint names the coder, and a
        # store run keeps it (CodingRun's codebook_text)
        self.codebook_text = codebook_to_text(codebook)
        self.coder = _rule_coder_prefix(codebook) + _text_sha256(self.codebook_text)[:8]
        self._labels: dict[int, tuple[str, str]] = {}
        # (code, pattern text, compiled, required text, whether it stays_within)
        self._regexes: list[tuple[str, str, regex.Pattern[str], tuple[str, ...] | None, bool]] = []
        self._regex_bits = 0  # see the end of _compile
        self._needle_bits: list[tuple[str, int]] = []
        # the Matcher's patterns in order: (label, tokens, the ids of which each required
        # token must have one as its LEMMA or LOWER), and Matchers of some of them
        self._token_patterns: list[tuple[str, list[dict[str, Any]], list[frozenset[int]]]] = []
        # the patterns that can match per set of required tokens found (bits, see
        # _index_needs), and a Matcher (or None) per set of patterns
        self._chosen: dict[int, tuple[int, ...]] = {}
        self._sub_matchers: dict[tuple[int, ...], tuple[Any, int | None, Any]] = {}
        self._need_bits: dict[int, int] | None = None
        self._need_masks: list[int] = []
        self._need_attrs: list[int | str] = []
        self._need_ids = numpy.zeros(1, dtype=numpy.uint64)
        self._compile()

    def __repr__(self) -> str:
        return f"RuleCoder({self.coder!r}, scope={self.scope!r}, patterns={self.n_patterns})"

    @property
    def n_patterns(self) -> int:
        """How many patterns the codebook holds (regexes included)."""
        return len(self._labels) + len(self._regexes)

    # -- compiling ----------------------------------------------------------------------
    def _compile(self) -> None:
        from spacy.matcher import Matcher, PhraseMatcher

        vocab = self.nlp.vocab
        self._matcher = Matcher(vocab, validate=True)
        self._phrases = PhraseMatcher(vocab, attr="LOWER")
        # lemma patterns as phrases of lemmas: spaCy's PhraseMatcher is a trie in Cython,
        # many times faster than Matcher patterns with {"LEMMA": {"IN": [...]}}
        self._lemmas = PhraseMatcher(vocab, attr="LEMMA")
        self._trigger = vocab.strings.add(_TRIGGER)
        self._always_match = False
        for code in self.codebook:
            for i, pattern in enumerate(code.patterns):
                ((kind, value),) = pattern.items()
                label, text = f"{code.name}\x1f{i}", describe_pattern(pattern)
                if kind == "regex":  # the regex module: same syntax, about 3x faster here
                    compiled = regex.compile(value, regex.I)
                    needles = required_text(value)
                    within = (
                        needles is not None and starts_at_any_word(value) and stays_within(value)
                    )
                    self._regexes.append((code.name, text, compiled, needles, within))
                    continue
                self._labels[vocab.strings.add(label)] = (code.name, text)
                if kind == "lemma":
                    self._lemmas.add(label, self._lemma_docs(value))
                elif kind == "phrase":
                    phrases = [value] if isinstance(value, str) else list(value)
                    self._phrases.add(label, [self.nlp.make_doc(p) for p in phrases])
                elif kind == "tokens":
                    try:
                        tokens = [_lemma_forms(spec) for spec in value]
                        simple = _as_phrases(tokens)
                        if simple is not None:  # a sequence of words: the fast tries
                            attr, sequences = simple
                            lemma = attr == "LEMMA"
                            docs = [self._words_doc(seq, lemma=lemma) for seq in sequences]
                            (self._lemmas if lemma else self._phrases).add(label, docs)
                        else:
                            self._matcher.add(label, [tokens])
                            self._add_trigger(tokens)
                            needs = self._required_ids(tokens)
                            self._token_patterns.append((label, tokens, needs))
                    except (ValueError, TypeError, KeyError, AttributeError) as err:
                        first = str(err).strip().splitlines()[0]
                        raise CodebookError(
                            None,
                            f"code {code.name!r}, field 'patterns.tokens': spaCy's Matcher"
                            f" refuses the pattern {text[8:]} ({first})",
                            "write token mappings like {LEMMA: doen} or {LOWER: anders}",
                        ) from err
        # the phrase tries that hold patterns (spaCy warns about an empty matcher)
        self._tries = [m for m in (self._lemmas, self._phrases) if len(m)]
        self._index_regexes()

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

    def _add_trigger(self, tokens: list[dict[str, Any]]) -> None:
        """Run the (slow, token-by-token) Matcher only on texts where one of its
        patterns can match: each pattern's first required LEMMA or LOWER token becomes a
        trigger in the fast phrase matchers. A pattern without one always runs."""
        for spec in tokens:
            keys = {k.upper(): v for k, v in spec.items()}
            if keys.get("OP", "1") not in ("1", "+"):
                continue
            for attr, matcher in (("LEMMA", self._lemmas), ("LOWER", self._phrases)):
                value = keys.get(attr)
                forms = value.get("IN") if isinstance(value, dict) else [value]
                if isinstance(forms, list) and forms and all(isinstance(f, str) for f in forms):
                    docs = [self._words_doc([f], lemma=attr == "LEMMA") for f in forms]
                    matcher.add(_TRIGGER, docs)
                    return
        self._always_match = True

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

    def _words_doc(self, words: Sequence[str], *, lemma: bool) -> Doc:
        """A pattern doc of these words (as lemmas when ``lemma``)."""
        from spacy.tokens import Doc

        doc = Doc(self.nlp.vocab, words=list(words))
        if lemma:
            for token, word in zip(doc, words, strict=True):
                token.lemma_ = word
        return doc

    def _lemma_docs(self, value: str | Sequence[str]) -> list[Doc]:
        """Pattern docs of a ``lemma`` entry: each word stands for itself as a lemma and
        for the lemma the lookup table gives it (*geleerd* -> *leren*; the table also
        reads *vrijwilliger* as *vrijwillig*, so both are needed), in every combination
        for an entry of several words."""
        from itertools import product

        docs: list[Doc] = []
        items = [value] if isinstance(value, str) else list(value)
        for item in items:
            options = [sorted({w, lemma_of(w)}) for w in item.lower().split()]
            docs += [self._words_doc(words, lemma=True) for words in product(*options)]
        return docs

    # -- matching -----------------------------------------------------------------------
    def matches(self, doc: Doc, text: str | None = None) -> list[RuleMatch]:
        """Every match in ``doc`` as it is, before scope and merging (offsets into
        ``doc.text``, which ``text`` may pass to save rebuilding it), in text order."""
        raw = self._raw_matches(doc, doc.text if text is None else text)
        raw.sort(key=lambda r: (r[0], r[1], r[2]))
        return [RuleMatch(code, start, end, label) for start, end, code, label in raw]

    def _raw_matches(self, doc: Doc, text: str) -> list[tuple[int, int, str, str]]:
        """``(start, end, code, pattern)`` of every match, matchers first, then regexes."""
        found: list[tuple[int, int, str, str]] = []
        add = found.append
        labels = self._labels
        triggered = self._always_match
        for matcher in self._tries:
            for match_id, start, end in matcher(doc):
                if match_id == self._trigger:
                    triggered = True
                    continue
                code, label = labels[match_id]
                last = doc[end - 1]
                add((doc[start].idx, last.idx + len(last), code, label))
        # spaCy warns about an empty matcher
        if triggered and len(self._matcher):  # spaCy warns about an empty matcher
            for match_id, start, end in self._token_matches(doc):
                code, label = labels[match_id]
                last = doc[end - 1]
                add((doc[start].idx, last.idx + len(last), code, label))
        if self._regexes:
            folded = text.casefold()
            if not text.isascii() and _OTHER_DIGIT.search(folded):
                # \d matches every decimal digit (٣, ३): as ASCII for the required-text
                # tests, one character for one, so offsets stay the text's
                folded = _OTHER_DIGIT.sub(_ascii_digit, folded)
            pieces: list[tuple[int, int]] | None = None
            # a regex cannot match without one of its pieces of required text
            wanted = self._regex_bits
            for needle, bits in self._needle_bits:
                if needle in folded:
                    wanted |= bits
            for code, label, pattern, needles, within in self._regexes:
                run = wanted & 1
                wanted >>= 1
                if not run:
                    continue
                if within and len(folded) == len(text):  # folded offsets are the text's
                    # search only the sentences that hold one of them
                    if pieces is None:
                        pieces = _pieces(text)
                    find = folded.find
                    for start, end in pieces:
                        for needle in needles:  # type: ignore[union-attr]
                            if find(needle, start, end) >= 0:
                                break
                        else:
                            continue
                        for m in pattern.finditer(text, start, end):
                            add((*m.span(), code, label))  # never empty: it holds a needle
                    continue
                for m in pattern.finditer(text):
                    start, end = m.span()
                    if end > start:  # a regex that matches empty text codes nothing
                        add((start, end, code, label))
        return found

    def code_doc(self, doc: Doc, text: str | None = None) -> list[RuleMatch]:
        """The codings of one processed text: matches widened to the scope and merged
        per code where they overlap (``score`` = how many, ``pattern`` = which, in
        order); sorted by position, then code."""
        return [RuleMatch(*span) for span in self.code_spans(doc, text)]

    def code_spans(self, doc: Doc, text: str | None = None) -> list[tuple[str, int, int, str, int]]:
        """:meth:`code_doc` as plain tuples ``(code, start, end, pattern, score)``, the
        fields of :class:`RuleMatch` in order (what a store run writes, with no object
        per coding).

        >>> from sokwal_monitor.codebook import load_codebook
        >>> rules = RuleCoder(load_codebook())
        >>> [span[:3] for span in rules.code_spans(rules.nlp("Overleg met de gemeente."))]
        [('samenwerking_gemeente', 0, 23)]
        """
        text = doc.text if text is None else text
        raw = self._raw_matches(doc, text)
        if not raw:
            return []
        if self.scope == "segment":
            raw = [(0, len(text), code, label) for _, _, code, label in raw]
        elif self.scope == "sentence":
            raw = _sentence_spans(doc, raw)
        if len(raw) == 1:
            start, end, code, label = raw[0]
            return [(code, start, end, label, 1)]
        raw.sort(key=_BY_CODE)  # stable: equal spans keep their order
        out: list[tuple[str, int, int, str, int]] = []
        start, end, code, label = raw[0]
        patterns: str | list[str] = label
        count = 1
        for s, e, c, lab in raw[1:]:
            if c == code and s < end:
                if e > end:
                    end = e
                count += 1
                if isinstance(patterns, str):
                    if lab != patterns:
                        patterns = [patterns, lab]
                elif lab not in patterns:
                    patterns.append(lab)
                continue
            joined = patterns if isinstance(patterns, str) else " | ".join(patterns)
            out.append((code, start, end, joined, count))
            start, end, code, patterns, count = s, e, c, lab, 1
        joined = patterns if isinstance(patterns, str) else " | ".join(patterns)
        out.append((code, start, end, joined, count))
        out.sort(key=_BY_POSITION)
        return out

    def code_text(self, text: str) -> list[RuleMatch]:
        """Code one text (a segment): see :meth:`code_doc`."""
        return self.code_doc(self._pipe_one(text), text)

    def code_texts(
        self, texts: Iterable[str], *, batch_size: int = 128
    ) -> Iterator[list[RuleMatch]]:
        """Code many texts, streaming: one list of :class:`RuleMatch` per text."""
        for doc in self.nlp.pipe(texts, batch_size=batch_size, disable=self.disabled_pipes()):
            yield self.code_doc(doc, doc.text)

    def __call__(self, doc: Doc) -> Doc:
        """As a spaCy component: put the codings in ``doc.spans["sokwal_codes"]`` (spans
        widened to whole tokens), each labelled with its code."""
        spans = []
        for m in self.code_doc(doc):
            span = doc.char_span(m.start, m.end, label=m.code, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["sokwal_codes"] = spans
        return doc

    def disabled_pipes(self) -> list[str]:
        """The pipes this coder does not need: the sentencizer unless it codes sentences.

        >>> from sokwal_monitor.codebook import load_codebook
        >>> RuleCoder(load_codebook()).disabled_pipes()
        ['sentencizer']
        """
        wanted = self.scope == "sentence"
        return [] if wanted else [n for n in self.nlp.pipe_names if n == "sentencizer"]

    def _pipe_one(self, text: str) -> Doc:
        with self.nlp.select_pipes(disable=self.disabled_pipes()):
            return self.nlp(text)


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


def _sentence_spans(
    doc: Doc, raw: list[tuple[int, int, str, str]]
) -> list[tuple[int, int, str, str]]:
    """Each match widened from the start of its first sentence to the end of its last."""
    import bisect

    sents = [(s.start_char, s.end_char) for s in doc.sents]
    starts = [s for s, _ in sents]
    out = []
    for start, end, code, label in raw:
        first = max(bisect.bisect_right(starts, start) - 1, 0)
        last = max(bisect.bisect_right(starts, max(end - 1, start)) - 1, first)
        out.append((sents[first][0], max(sents[last][1], end), code, label))
    return out
