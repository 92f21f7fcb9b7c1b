"""The rule coder: a codebook's patterns compiled into spaCy matchers and regular
expressions, its matches widened to a scope and merged per code (see
:mod:`sokwal_monitor.coding.rules`)."""

from __future__ import annotations

from bisect import bisect_right
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
    _as_phrases,
    _lemma_forms,
    describe_pattern,
    required_text,
    starts_at_any_word,
    stays_within,
)
from .prefilter import _folded, _pieces, _Prefilters

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


class RuleCoder(_Prefilters):
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
        self._regexes = []
        self._regex_bits = 0  # see the end of _compile
        self._needle_bits = []
        # the Matcher's patterns in order: (label, tokens, the ids of which each required
        # token must have one as its LEMMA or LOWER), and Matchers of some of them
        self._token_patterns = []
        # the patterns that can match per set of required tokens found (bits, see
        # _index_needs), and a Matcher (or None) per set of patterns
        self._chosen = {}
        self._sub_matchers = {}
        self._need_bits = None
        self._need_masks = []
        self._need_attrs = []
        self._need_ids = numpy.zeros(1, dtype=numpy.uint64)
        self._need_reach = []
        self._first_patterns = {}
        self._need_others = []
        self._all_bounded = False
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
        found = self._matcher_matches(doc)
        if self._regexes:
            self._regex_matches(text, found)
        return found

    def _matcher_matches(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """``(start, end, code, pattern)`` of the matchers' matches in ``doc``: the
        phrase tries' in their order, then the token patterns'."""
        found: list[tuple[int, int, str, str]] = []
        add = found.append
        labels = self._labels
        triggered = self._always_match
        starts: list[int] = []  # where a token pattern's first word is
        for matcher in self._tries:
            for match_id, start, end in matcher(doc):
                if match_id == self._trigger:
                    starts.append(start)
                    continue
                code, label = labels[match_id]
                last = doc[end - 1]
                add((doc[start].idx, last.idx + len(last), code, label))
        # spaCy warns about an empty matcher
        if (triggered or starts) and len(self._matcher):  # spaCy warns about an empty one
            for match_id, start, end in self._token_matches(doc, starts):
                code, label = labels[match_id]
                last = doc[end - 1]
                add((doc[start].idx, last.idx + len(last), code, label))
        return found

    def _regex_matches(
        self,
        text: str,
        found: list[tuple[int, int, str, str]],
        prefiltered: tuple[int, dict[int, list[int]], str | None] | None = None,
    ) -> None:
        """Add ``(start, end, code, pattern)`` of the regexes' matches in ``text`` to
        ``found``, regex by regex in their order. ``prefiltered``: what
        :meth:`_prefilter_texts` found for this text, if it ran (else found here)."""
        add = found.append
        folded: str | None = None
        pieces: list[tuple[int, int]] | None = None
        ends: dict[int, list[int]] = {}
        if prefiltered is not None:
            wanted, ends, folded = prefiltered
        else:
            hs = self._regex_prefilter()
            if hs is not None:
                # Hyperscan says which of its regexes may match; the others as below
                wanted, ends = hs.scan(text)
                wanted |= self._hs_regex_bits
                needle_bits = self._hs_needle_bits
            else:
                wanted, needle_bits = self._regex_bits, self._needle_bits
            if needle_bits:
                # a regex cannot match without one of its pieces of required text
                folded = _folded(text)
                for needle, bits in needle_bits:
                    if needle in folded:
                        wanted |= bits
        regexes = self._regexes
        while wanted:  # the regexes to run, in their order
            low = wanted & -wanted
            wanted ^= low
            i = low.bit_length() - 1
            code, label, pattern, needles, within = regexes[i]
            if within:
                if pieces is None:
                    pieces = _pieces(text)
                at = ends.get(i)
                if at is not None:
                    # only the sentences where Hyperscan saw a match end (a match
                    # stays within its sentence and ends where Hyperscan says)
                    firsts = [start for start, _ in pieces]
                    hit = {max(bisect_right(firsts, e - 1) - 1, 0) for e in at}
                    for k in sorted(hit) if pieces else ():
                        start, end = pieces[k]
                        for m in pattern.finditer(text, start, end):
                            if m.end() > m.start():
                                add((*m.span(), code, label))
                    continue
                if folded is None:
                    folded = _folded(text)
                if len(folded) == len(text):  # folded offsets are the text's
                    # search only the sentences that hold one of them
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
        return self._spans(doc, text, self._raw_matches(doc, text))

    def code_spans_batch(
        self, texts: Sequence[str], docs: Iterable[Doc]
    ) -> Iterator[list[tuple[str, int, int, str, int]]]:
        """:meth:`code_spans` of many texts, one list per text: ``docs`` are the texts
        processed, in the same order (a generator such as ``nlp.pipe(texts)`` will
        do). The regexes, which need only the text, run over all texts first, in one
        pass (see :meth:`_regex_batch`), so that the per-text work left is the
        matchers' on each doc as it comes; the codings are those of
        :meth:`code_spans`, in the same order.

        >>> from sokwal_monitor.codebook import load_codebook
        >>> rules = RuleCoder(load_codebook())
        >>> texts = ["Overleg met de gemeente.", "", "Geen idee."]
        >>> [[span[:3] for span in spans]
        ...  for spans in rules.code_spans_batch(texts, rules.nlp.pipe(texts))]
        [[('samenwerking_gemeente', 0, 23)], [], []]
        """
        regexed = self._regex_batch(texts)
        for text, doc, found in zip(texts, docs, regexed, strict=True):
            raw = self._matcher_matches(doc)
            if found:
                raw += found
            yield self._spans(doc, text, raw)

    def _regex_batch(self, texts: Sequence[str]) -> list[list[tuple[int, int, str, str]]]:
        """The regexes' matches in each text, as :meth:`_regex_matches` adds them."""
        if not self._regexes:
            return [[] for _ in texts]
        out: list[list[tuple[int, int, str, str]]] = []
        regex_matches = self._regex_matches
        for text in texts:
            found: list[tuple[int, int, str, str]] = []
            regex_matches(text, found)
            out.append(found)
        return out

    def _spans(
        self, doc: Doc, text: str, raw: list[tuple[int, int, str, str]]
    ) -> list[tuple[str, int, int, str, int]]:
        """The spans of :meth:`code_spans` from the raw matches of one text."""
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
