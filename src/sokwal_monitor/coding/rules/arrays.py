"""Rule coding's matchers over a chunk of docs as one array: the lemmatizer writes each
token's lexeme number on a tape (:class:`~sokwal_monitor.nlp.LexemeTape`) as it sets
the lemmas, and the phrase tries and the token patterns' first and required words are
then looked up per lexeme (once per word form and process) and matched over the whole
chunk's numbers with numpy, instead of spaCy's matchers called doc by doc.

The matches are those spaCy's matchers give, in the same order: a ``PhraseMatcher``
reports, doc by doc, every phrase of its trie from each start token, longer ones after
shorter ones, and the labels that share a phrase in the order of its trie's map (read
from spaCy's own matcher when the trie is built); the token patterns run on spaCy's
``Matcher`` as before, over the same stretches of tokens (see
:meth:`~.prefilter._Prefilters._token_matches_from`), chosen here over the chunk.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy

if TYPE_CHECKING:
    from spacy.vocab import Vocab

    from ...nlp import FormLemmatizer, LexemeTape

_NO_ID = numpy.uint64(2**64 - 1)  # no string's id: pads the sorted id arrays


class _IdTable:
    """A value per lexeme number (0 where none), from the lexeme's lemma or lower-case
    id: ``values[lemma or lower id]``; grown as the lemmatizer numbers new lexemes."""

    def __init__(self, by_lemma: Mapping[int, int], by_lower: Mapping[int, int]) -> None:
        self._lemma_ids, self._lemma_values = _sorted_ids(by_lemma)
        self._lower_ids, self._lower_values = _sorted_ids(by_lower)
        self.table = numpy.zeros(0, dtype=numpy.int32)

    def grow(self, lemmas: numpy.ndarray, lowers: numpy.ndarray) -> None:
        """Add the values of the lexemes numbered since the last call (their lemma and
        lower-case ids, from the first new number on)."""
        new = numpy.zeros(len(lemmas), dtype=numpy.int32)
        for ids, values, found in (
            (self._lemma_ids, self._lemma_values, lemmas),
            (self._lower_ids, self._lower_values, lowers),
        ):
            if len(values):
                at = ids.searchsorted(found)
                hit = ids[at] == found
                new = numpy.where((new == 0) & hit, values[at], new)
        self.table = numpy.concatenate([self.table, new])


def _sorted_ids(values: Mapping[int, int]) -> tuple[numpy.ndarray, numpy.ndarray]:
    """String ids sorted (padded with one that is no string's) and their values."""
    keys = sorted(values)
    ids = numpy.array([*keys, _NO_ID], dtype=numpy.uint64)
    return ids, numpy.array([*(values[k] for k in keys), 0], dtype=numpy.int32)


class _Trie:
    """One spaCy ``PhraseMatcher``'s phrases (sequences of LEMMA or LOWER ids, each with
    its labels in the matcher's order) as arrays: symbols 1.. for the ids, a node per
    prefix, its children by ``node * n_symbols + symbol``, its labels."""

    def __init__(self, attr: str, phrases: Mapping[tuple[int, ...], Sequence[int]]) -> None:
        self.attr = attr
        ids = sorted({i for key in phrases for i in key})
        symbol = {i: n + 1 for n, i in enumerate(ids)}
        self.ids = _IdTable(symbol if attr == "LEMMA" else {}, symbol if attr == "LOWER" else {})
        self.width = len(ids) + 1
        children: dict[tuple[int, int], int] = {}
        labels: list[Sequence[int]] = [()]
        for key, labs in phrases.items():
            node = 0
            for i in key:
                edge = (node, symbol[i])
                child = children.get(edge)
                if child is None:
                    child = children[edge] = len(labels)
                    labels.append(())
                node = child
            labels[node] = tuple(labs)
        edges = sorted(children)
        self.edge_keys = numpy.array(
            [n * self.width + s for n, s in edges] + [2**62], dtype=numpy.int64
        )
        self.edge_child = numpy.array([children[e] for e in edges] + [-1], dtype=numpy.int64)
        counts = [len(labs) for labs in labels]
        self.n_labels = numpy.array(counts, dtype=numpy.int64)
        self.label_start = numpy.concatenate([[0], numpy.cumsum(counts)[:-1]]).astype(numpy.int64)
        self.labels = numpy.array([lab for labs in labels for lab in labs], dtype=numpy.uint64)
        self.max_length = max((len(key) for key in phrases), default=0)

    def child(self, node: numpy.ndarray, symbol: numpy.ndarray) -> numpy.ndarray:
        """The child of each node by each symbol, -1 where there is none."""
        keys = node * self.width + symbol
        at = self.edge_keys.searchsorted(keys)
        return numpy.where(self.edge_keys[at] == keys, self.edge_child[at], -1)

    def find(
        self, symbols: numpy.ndarray, doc_end: numpy.ndarray
    ) -> tuple[numpy.ndarray, numpy.ndarray, numpy.ndarray, numpy.ndarray]:
        """Every phrase over ``symbols`` (one per token of the chunk) that ends within
        its start token's doc (``doc_end``: the position after each token's doc): start
        and end positions, label id and the label's rank among those of its phrase."""
        starts: list[numpy.ndarray] = []
        ends: list[numpy.ndarray] = []
        nodes: list[numpy.ndarray] = []
        pos = symbols.nonzero()[0]
        node = self.child(numpy.zeros(len(pos), dtype=numpy.int64), symbols[pos])
        length = 1
        while True:
            keep = node >= 0
            pos, node = pos[keep], node[keep]
            if not len(pos):
                break
            done = self.n_labels[node] > 0
            if done.any():
                starts.append(pos[done])
                ends.append(pos[done] + length)
                nodes.append(node[done])
            if length >= self.max_length:
                break
            more = pos + length < doc_end[pos]
            pos, node = pos[more], node[more]
            node = self.child(node, symbols[pos + length])
            length += 1
        if not starts:
            empty = numpy.zeros(0, dtype=numpy.int64)
            return empty, empty, empty.astype(numpy.uint64), empty
        start, end, node = (numpy.concatenate(a) for a in (starts, ends, nodes))
        counts = self.n_labels[node]
        which = numpy.repeat(numpy.arange(len(node)), counts)
        # the rank of each label within its phrase: 0, 1, ... per repeated match
        rank = numpy.arange(len(which)) - numpy.repeat(numpy.cumsum(counts) - counts, counts)
        label = self.labels[self.label_start[node[which]] + rank]
        return start[which], end[which], label, rank


@dataclass
class ChunkMatches:
    """What :class:`ChunkMatcher` finds in a chunk, positions relative to each doc.

    ``phrases``: per doc, ``(start, end, label id)`` of the tries' matches in spaCy's
    order (the first trie's, then the second's); ``triggers``: per doc, the sorted
    token positions where a token pattern's first word is; ``stretches``: per doc,
    ``(start, end)`` token stretches where a token pattern may match, with the indexes
    of those patterns (empty where none), when every token pattern has a bound."""

    phrases: list[list[tuple[int, int, int]]]
    triggers: list[list[int]]
    stretches: list[tuple[list[tuple[int, int]], tuple[int, ...]]] | None


class ChunkMatcher:
    """A :class:`~.coder.RuleCoder`'s phrase tries and token-pattern prefilter over a
    chunk of docs taped by its lemmatizer (see the module)."""

    def __init__(
        self,
        lemmatizer: FormLemmatizer,
        tries: Sequence[_Trie],
        trigger: int,
        token_patterns: Sequence[tuple[list[frozenset[int]], int | None]] | None,
    ) -> None:
        self.lemmatizer = lemmatizer
        self.tries = list(tries)
        self.trigger = numpy.uint64(trigger)
        self.n_lexemes = 0
        self.lengths = numpy.zeros(0, dtype=numpy.int64)
        # token patterns when every one has a bound: (first words, other required
        # words) as lexeme tables, and the reach
        self.patterns: list[tuple[_IdTable, list[_IdTable], int]] | None = None
        self.firsts: _IdTable | None = None
        if token_patterns is not None:
            self.patterns = []
            for needs, reach in token_patterns:
                assert reach is not None and needs
                first, *others = (_IdTable(dict.fromkeys(n, 1), dict.fromkeys(n, 1)) for n in needs)
                self.patterns.append((first, others, reach))

    def _tables(self) -> list[_IdTable]:
        tables = [trie.ids for trie in self.tries]
        for first, others, _ in self.patterns or ():
            tables += [first, *others]
        return tables

    def _grow(self) -> None:
        """Bring the lexeme tables up to the lemmatizer's lexemes."""
        lemmatizer = self.lemmatizer
        n = len(lemmatizer.lexeme_lemmas)
        if n == self.n_lexemes:
            return
        lemmas = numpy.array(lemmatizer.lexeme_lemmas[self.n_lexemes : n], dtype=numpy.uint64)
        lowers = numpy.array(lemmatizer.lexeme_lowers[self.n_lexemes : n], dtype=numpy.uint64)
        for table in self._tables():
            table.grow(lemmas, lowers)
        lengths = numpy.array(lemmatizer.lexeme_lengths[self.n_lexemes : n], dtype=numpy.int64)
        self.lengths = numpy.concatenate([self.lengths, lengths])
        self.n_lexemes = n

    def match(self, tape: LexemeTape) -> ChunkMatches:
        """The tries' matches, the triggers and the token patterns' stretches of the
        docs on ``tape``."""
        self._grow()
        lexemes = numpy.frombuffer(tape.lexemes, dtype=numpy.int32)
        sizes = numpy.frombuffer(tape.lengths, dtype=numpy.int32).astype(numpy.int64)
        n_docs = len(sizes)
        doc_start = numpy.concatenate([[0], numpy.cumsum(sizes)[:-1]]).astype(numpy.int64)
        doc_of = numpy.repeat(numpy.arange(n_docs), sizes)
        doc_end = (doc_start + sizes)[doc_of]
        found = [trie.find(trie.ids.table[lexemes], doc_end) for trie in self.tries]
        phrases: list[list[tuple[int, int, int]]] = [[] for _ in range(n_docs)]
        triggers: list[list[int]] = [[] for _ in range(n_docs)]
        if found:
            start, end, label, rank = (numpy.concatenate(a) for a in zip(*found, strict=True))
            which = numpy.concatenate(
                [numpy.full(len(f[0]), i, dtype=numpy.int64) for i, f in enumerate(found)]
            )
            is_trigger = label == self.trigger
            t = numpy.unique(start[is_trigger])
            t_doc = doc_of[t]
            for d, p in zip(t_doc.tolist(), (t - doc_start[t_doc]).tolist(), strict=True):
                triggers[d].append(p)
            keep = ~is_trigger
            start, end, label, rank, which = (a[keep] for a in (start, end, label, rank, which))
            order = numpy.lexsort((rank, end, start, which, doc_of[start]))
            start, end, label = start[order], end[order], label[order]
            m_doc = doc_of[start]
            offset = doc_start[m_doc]
            for d, s, e, lab in zip(
                m_doc.tolist(),
                (start - offset).tolist(),
                (end - offset).tolist(),
                label.tolist(),
                strict=True,
            ):
                phrases[d].append((s, e, lab))
        stretches = None
        if self.patterns is not None:
            stretches = self._stretches(lexemes, triggers, doc_start, sizes)
        return ChunkMatches(phrases, triggers, stretches)

    def _stretches(
        self,
        lexemes: numpy.ndarray,
        triggers: list[list[int]],
        doc_start: numpy.ndarray,
        sizes: numpy.ndarray,
    ) -> list[tuple[list[tuple[int, int]], tuple[int, ...]]]:
        """Per doc, the stretches from each trigger where a token pattern whose first
        word it is (as its lemma or lower-case form) has each of its other required
        words within its reach, and those patterns (as ``_token_matches_from``)."""
        assert self.patterns is not None
        n_docs = len(sizes)
        out: list[tuple[list[tuple[int, int]], tuple[int, ...]]] = [([], ()) for _ in range(n_docs)]
        t_doc = numpy.repeat(numpy.arange(n_docs), [len(t) for t in triggers])
        if not len(t_doc):
            return out
        local = numpy.fromiter(
            (p for t in triggers for p in t), dtype=numpy.int64, count=len(t_doc)
        )
        at = doc_start[t_doc] + local
        end_of_doc = doc_start[t_doc] + sizes[t_doc]
        n = len(lexemes)
        kept: dict[int, set[int]] = {}
        for i, (first, others, reach) in enumerate(self.patterns):
            here = first.table[lexemes[at]] > 0
            if not here.any():
                continue
            p, d, stop = at[here], t_doc[here], numpy.minimum(at[here] + reach, end_of_doc[here])
            window = p[:, None] + numpy.arange(reach)[None, :]
            inside = window < stop[:, None]
            window_lexemes = lexemes[numpy.minimum(window, n - 1)]
            ok = numpy.ones(len(p), dtype=bool)
            for need in others:
                ok &= ((need.table[window_lexemes] > 0) & inside).any(axis=1)
            if not ok.any():
                continue
            base = doc_start[d[ok]]
            for doc, s, e in zip(
                d[ok].tolist(), (p[ok] - base).tolist(), (stop[ok] - base).tolist(), strict=True
            ):
                out[doc][0].append((s, e))
                kept.setdefault(doc, set()).add(i)
        for doc, patterns in kept.items():
            out[doc] = (out[doc][0], tuple(sorted(patterns)))
        return out


def trie_phrases(
    vocab: Vocab, matcher: Any, keys: Mapping[int, list[tuple[int, ...]]], attr: str
) -> dict[tuple[int, ...], list[int]] | None:
    """The phrases of a spaCy ``PhraseMatcher`` (``keys``: per label id, the id
    sequences added under it) with their labels in the order the matcher reports
    them for one span, read from the matcher itself on a doc of each phrase; None
    when such a doc cannot be made (a LOWER id whose string is not lower case)."""
    from spacy.tokens import Doc

    phrases: dict[tuple[int, ...], list[int]] = {}
    for label, sequences in keys.items():
        for key in sequences:
            labels = phrases.setdefault(key, [])
            if label not in labels:
                labels.append(label)
    strings = vocab.strings
    for key, labels in phrases.items():
        if len(labels) < 2:
            continue
        words = [strings[i] for i in key]
        probe = Doc(vocab, words=words)
        if attr == "LEMMA":
            for token, i in zip(probe, key, strict=True):
                token.lemma = i
        order = [m for m, s, e in matcher(probe) if s == 0 and e == len(key)]
        if sorted(order) != sorted(labels):
            return None
        labels[:] = order
    return phrases
