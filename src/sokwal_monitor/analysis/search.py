"""Search the whole store: words, "exact phrases", lemmas, wildcards, with filters.

:func:`search` finds the segments that match a query in the store's full-text index
(SQLite FTS5, kept in step by ingest, pseudonymization and REFI-QDA import), then
finds the words again in each segment's text, so every hit is an exact span of the
stored document text: ``text[start_char:end_char] == hit``.

The query language (:func:`parse_query`):

* ``vrijwilligers buurt``: segments with both words (AND; ``AND`` may be written);
* ``"de buurt"``: the exact phrase (words in this order, nothing between them);
* ``zorg*``: words that start with *zorg* (*zorgen*, *zorgboerderij*);
* ``school OR kerk``: either; ``-school`` or ``NOT school``: without that word;
  ``(school OR kerk) buurt``: parentheses group;
* ``lemma=True``: every word is compared by its lemma, so *geleerd* finds *leren*,
  *leerde* and *geleerd*.

Case and accents never matter (*Een* finds *één*). A word is a run of letters and
digits: *e-mail* is searched as the phrase *e mail*; other punctuation is ignored.

Examples
--------
>>> import pathlib, tempfile
>>> from sokwal_monitor import ProjectStore, ingest
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> text = "I: Wat heeft u geleerd?\\nR: Dat leren met de buurt tijd kost.\\n"
>>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(store, root)
>>> hits = search(store, "geleerd", lemma=True, context=10)
>>> hits[["hit", "role"]].values.tolist()
[['geleerd', 'interviewer'], ['leren', 'respondent']]
>>> store.close()
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pandas as pd
import regex

from .._names import as_list
from ..errors import SearchQueryError
from ..nlp import WORD, fold, search_lemma
from ..store import ProjectStore, StoreLike, open_store
from ..store.search import Boolean, Phrase, SearchRow
from .kwic import _context_after, _context_before

__all__ = ["MAX_QUERY_TERMS", "SEARCH_COLUMNS", "parse_query", "search"]

#: Columns of :func:`search`, in this order (the contract's ``search hits`` table,
#: then ``path`` and ``speaker``).
SEARCH_COLUMNS = [
    "segment_id",
    "doc_id",
    "start_char",
    "end_char",
    "before",
    "hit",
    "after",
    "project_id",
    "wave",
    "role",
    "score",
    "path",
    "speaker",
]
_DTYPES = {"start_char": "int64", "end_char": "int64", "score": "float64"}

#: A query may hold at most this many words (a pasted page is not a query).
MAX_QUERY_TERMS = 64

_OPERATORS = ("AND", "OR", "NOT")


def _error(cause: str) -> SearchQueryError:
    return SearchQueryError(None, cause)


# -- the query language ----------------------------------------------------------------
def _lex(query: str) -> Iterator[tuple[str, str]]:
    """``(kind, value)`` pairs: ``(``, ``)``, ``op``, ``-`` (a leading minus),
    ``phrase`` (quoted) and ``word`` (anything else up to a space, quote or parenthesis)."""
    i, n = 0, len(query)
    while i < n:
        c = query[i]
        if c.isspace():
            i += 1
        elif c in "()":
            yield c, c
            i += 1
        elif c == '"':
            end = query.find('"', i + 1)
            if end < 0:
                raise _error(f"a double quote is not closed: {query[i : i + 30]!r}")
            star = end + 1 < n and query[end + 1] == "*"
            yield "phrase", query[i + 1 : end] + ("*" if star else "")
            i = end + 1 + star
        else:
            j = i
            while j < n and not query[j].isspace() and query[j] not in '()"':
                j += 1
            chunk = query[i:j]
            if chunk in _OPERATORS:
                yield "op", chunk
            elif chunk.startswith("-") and len(chunk) > 1 and chunk[1] != "-":
                yield "-", "-"
                yield "word", chunk[1:]
            else:
                yield "word", chunk
            i = j


def _words(chunk: str, quoted: bool) -> tuple[list[str], bool] | None:
    """The words of one chunk and whether the last is a prefix; None for punctuation."""
    prefix = chunk.endswith("*")
    body = chunk[:-1] if prefix else chunk
    if "*" in body or (prefix and (not body or not WORD.search(body[-1]))):
        raise _error(f"a * must come right after the start of a word, as in zorg*, not {chunk!r}")
    words = WORD.findall(body)
    if not words:
        if quoted:
            raise _error(f"the phrase {chunk!r} has no words in it")
        return None
    return words, prefix


class _Parser:
    def __init__(self, query: str, lemma: bool) -> None:
        self.tokens = list(_lex(query))
        self.i = 0
        self.lemma = lemma
        self.n_terms = 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def parse(self) -> Phrase | Boolean | None:
        node = self.or_expr()
        if self.peek() is not None:
            raise _error("a closing parenthesis has no opening one")
        return node

    def or_expr(self) -> Phrase | Boolean | None:
        parts = [self.and_expr()]
        while self.peek() == ("op", "OR"):
            self.i += 1
            parts.append(self.and_expr())
        found = [p for p in parts if p is not None]
        if len(found) < len(parts) and len(parts) > 1:
            raise _error("OR needs something to search on both sides")
        if not found:
            return None
        return found[0] if len(found) == 1 else Boolean("OR", tuple(found))

    def and_expr(self) -> Phrase | Boolean | None:
        positive: list[Phrase | Boolean] = []
        negative: list[Phrase | Boolean] = []
        while (token := self.peek()) is not None and token != (")", ")"):
            if token == ("op", "OR"):
                break
            if token == ("op", "AND"):
                self.i += 1
                continue
            negate = token in (("op", "NOT"), ("-", "-"))
            if negate:
                self.i += 1
            node = self.primary()
            if node is None:
                if negate:
                    raise _error("NOT (or -) must be followed by a word to leave out")
                continue
            (negative if negate else positive).append(node)
        if negative and not positive:
            raise _error(
                "a query cannot consist only of words to leave out; add a word to find,"
                " as in: vrijwilligers -school"
            )
        if not positive:
            return None
        node = positive[0] if len(positive) == 1 else Boolean("AND", tuple(positive))
        return Boolean("NOT", (node, *negative)) if negative else node

    def primary(self) -> Phrase | Boolean | None:
        token = self.peek()
        if token is None or token[0] == "op":
            raise _error(f"{token[1] if token else 'the query'} needs a word after it")
        self.i += 1
        kind, value = token
        if kind == "(":
            node = self.or_expr()
            if self.peek() != (")", ")"):
                raise _error("an opening parenthesis is not closed")
            self.i += 1
            if node is None:
                raise _error("the parentheses hold nothing to search")
            return node
        if kind == ")":
            raise _error("a closing parenthesis has no opening one")
        found = _words(value, quoted=kind == "phrase")
        if found is None:
            return None
        words, prefix = found
        self.n_terms += len(words)
        if self.n_terms > MAX_QUERY_TERMS:
            raise _error(f"the query has more than {MAX_QUERY_TERMS} words; search for fewer")
        if not self.lemma:
            return Phrase(tuple(fold(w) for w in words), prefix)
        last = len(words) - 1
        keys = tuple(
            fold(w if prefix and k == last else search_lemma(w)) for k, w in enumerate(words)
        )
        node = Phrase(keys, prefix, "lemmas")
        if len(words) == 1 and not prefix and keys[0] != fold(words[0]):
            # a lemma as typed may have another lemma in the lookup table (vrijwilliger ->
            # vrijwillig, but vrijwilligers -> vrijwilliger): the word itself counts too
            node = Boolean("OR", (node, Phrase((fold(words[0]),), False, "lemmas")))
        return node


def parse_query(query: str, *, lemma: bool = False) -> Phrase | Boolean:
    """The query as the store's search index takes it (see the module's docstring).

    Raises :class:`~sokwal_monitor.errors.SearchQueryError` (a ``ValueError``) that
    says how to write a query when it is empty or cannot be read.

    >>> parse_query('"de buurt" zorg*')  # doctest: +NORMALIZE_WHITESPACE
    Boolean(op='AND', parts=(Phrase(words=('de', 'buurt'), prefix=False, column='text'),
                             Phrase(words=('zorg',), prefix=True, column='text')))
    >>> parse_query('"Kinderen geleerd"', lemma=True)
    Phrase(words=('kind', 'leren'), prefix=False, column='lemmas')
    """
    if not isinstance(query, str):
        raise _error(f"the query must be text, not {type(query).__name__}")
    node = _Parser(query, lemma).parse()
    if node is None:
        raise _error(f"the query {query[:40]!r} has no word to search for")
    return node


def _positive_phrases(node: Phrase | Boolean) -> Iterator[Phrase]:
    """The phrases whose occurrences are hits (not those after a NOT)."""
    if isinstance(node, Phrase):
        yield node
    else:
        parts = node.parts[:1] if node.op == "NOT" else node.parts
        for part in parts:
            yield from _positive_phrases(part)


# -- finding the hits in a segment -------------------------------------------------------
_FOLD_KEYS: dict[str, str] = {}
_LEMMA_KEYS: dict[str, str] = {}


def _key(word: str, lemma: bool) -> str:
    """A word as a phrase's words are compared with it (kept in a cache)."""
    key = fold(search_lemma(word) if lemma else word)
    if len(_LEMMA_KEYS) + len(_FOLD_KEYS) < 1_000_000:  # plain dicts: faster than lru_cache
        (_LEMMA_KEYS if lemma else _FOLD_KEYS)[word] = key
    return key


_CHAR_FOLD: dict[int, str] = {}
_UNFOLDABLE: set[str] = {"Σ"}  # lower() of a final sigma depends on its place in the word
_IN_WORD = r"[\p{L}\p{N}\p{Co}\p{Mn}]"
_BETWEEN = r"[^\p{L}\p{N}\p{Co}\p{Mn}]+"


def _fold_text(text: str) -> str | None:
    """``text`` folded character by character when that keeps every offset (and gives
    the words :func:`fold` gives), else None (combining accents, a few special cases)."""
    chars = set(text)
    for c in chars:
        if ord(c) not in _CHAR_FOLD and c not in _UNFOLDABLE:
            folded = fold(c)
            if len(folded) == 1:
                _CHAR_FOLD[ord(c)] = folded
            else:
                _UNFOLDABLE.add(c)
    if not _UNFOLDABLE.isdisjoint(chars):
        return None
    return text.translate(_CHAR_FOLD)


class _Matcher:
    """Finds the occurrences of a query's phrases in a segment's text."""

    def __init__(self, phrases: tuple[Phrase, ...], lemma: bool) -> None:
        self.phrases = phrases
        self.lemma = lemma
        self.patterns = [
            regex.compile(
                rf"(?<!{_IN_WORD})"
                + _BETWEEN.join(regex.escape(w) for w in p.words)
                + (f"{_IN_WORD}*" if p.prefix else rf"(?!{_IN_WORD})")
            )
            for p in phrases
        ]

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Non-overlapping ``(start, end)`` of the phrases' occurrences in ``text``."""
        folded = None if self.lemma else _fold_text(text)
        if folded is not None:  # the fast way: the phrases as patterns on folded text
            found = [m.span() for pattern in self.patterns for m in pattern.finditer(folded)]
        else:
            found = self.token_spans(text)
        merged: list[tuple[int, int]] = []
        for start, end in sorted(found):
            if merged and start < merged[-1][1]:
                merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
            else:
                merged.append((start, end))
        return merged

    def token_spans(self, text: str) -> list[tuple[int, int]]:
        """The phrases' occurrences word by word (lemmas, or text that folding would
        shift), possibly overlapping."""
        tokens = [(m.start(), m.end(), m.group()) for m in WORD.finditer(text)]
        cache = _LEMMA_KEYS if self.lemma else _FOLD_KEYS
        keys = [cache.get(w) or _key(w, self.lemma) for _, _, w in tokens]
        found: list[tuple[int, int]] = []
        for phrase in self.phrases:
            words, last = phrase.words, len(phrase.words) - 1
            first = words[0]
            if phrase.prefix and last == 0:
                starts = [j for j, k in enumerate(keys) if k.startswith(first)]
            else:
                starts = [j for j, k in enumerate(keys) if k == first]
            for j in starts:
                if j + last < len(keys) and all(
                    keys[j + k].startswith(w) if phrase.prefix and k == last else keys[j + k] == w
                    for k, w in enumerate(words[1:], 1)
                ):
                    found.append((tokens[j][0], tokens[j + last][1]))
        return found


def _values(value: str | int | Iterable[str] | None, what: str) -> list[str] | None:
    if isinstance(value, int):
        return [str(value)]
    return as_list(value, what)


def search(
    store: StoreLike,
    query: str,
    *,
    lemma: bool = False,
    project_id: str | Iterable[str] | None = None,
    wave: str | int | Iterable[str] | None = None,
    role: str | Iterable[str] | None = None,
    coder: str | Iterable[str] | None = None,
    code: str | Iterable[str] | None = None,
    coded: bool | None = None,
    limit: int | None = None,
    context: int = 60,
    order: str = "document",
) -> pd.DataFrame:
    """Find words, phrases, lemmas or word beginnings in every current document.

    Parameters
    ----------
    store : ProjectStore or path
        The project store.
    query : str
        What to find: ``vrijwilligers buurt`` (both words in one segment),
        ``"de buurt"`` (exact phrase), ``zorg*`` (word beginning), ``OR``, ``-word``
        or ``NOT word``, parentheses. Case and accents do not matter.
    lemma : bool, default False
        Compare words by their lemma (*geleerd* finds *leren*, *leerde*, *geleerd*);
        a word with ``*`` is still compared as written.
    project_id, wave, role : str or list of str, optional
        Only segments of these projects, waves, roles (``interviewer``,
        ``respondent``, or ``""`` for segments without a role).
    coder, code : str or list of str, optional
        Only segments that a coding by these coders / of these codes overlaps (or,
        with ``coded=False``, that no such coding overlaps).
    coded : bool, optional
        ``True``: only segments with a coding (of ``code``, by ``coder`` when given);
        ``False``: only segments without one; ``None`` (default): all segments, or
        ``True`` when ``code`` or ``coder`` is given.
    limit : int, optional
        At most this many hits (the first in the order asked).
    context : int, default 60
        At most this many characters before and after each hit, cut at a word
        boundary where there is one.
    order : {"document", "rank", "index"}, default "document"
        Segments by document path and position, by relevance (FTS5's bm25, best
        first), or in the index's own order (fastest). Hits within a segment are in
        text order.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SEARCH_COLUMNS`: ``segment_id, doc_id, start_char, end_char,
        before, hit, after, project_id, wave, role, score, path, speaker``, one row
        per occurrence of a searched word or phrase (overlapping occurrences become
        one hit) in a matching segment; ``hit`` is exactly
        ``store.text(doc_id)[start_char:end_char]``. ``score`` is the segment's
        relevance (higher is better). No hit gives an empty table with these columns.

    Raises
    ------
    SearchQueryError
        The query is empty or cannot be read (a ``ValueError``; its message says how
        to write a query).
    ValueError
        ``context`` or ``limit`` is negative, or ``order`` unknown.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: De zorgboerderij en de zorgcoöperatie werken samen.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> search(store, "zorg*", context=0)["hit"].tolist()
    ['zorgboerderij', 'zorgcoöperatie']
    >>> search(store, '"werken samen"')[["start_char", "end_char"]].values.tolist()
    [[41, 53]]
    >>> store.close()
    """
    if context < 0:
        raise ValueError(f"context must be 0 or more characters, not {context}")
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be 0 or more hits, not {limit}")
    node = parse_query(query, lemma=lemma)
    matcher = _Matcher(tuple(_positive_phrases(node)), lemma)
    store = open_store(store, create=False)
    missing = store.unindexed_documents()
    if missing:  # a text changed without its segments (never by sokwal itself)
        with store.transaction():
            store.index_documents(missing)
    filters = {
        "project_id": _values(project_id, "project_id"),
        "wave": _values(wave, "wave"),
        "role": _values(role, "role"),
        "coder": _values(coder, "coder"),
        "code": _values(code, "code"),
    }
    records: list[tuple[object, ...]] = []
    texts: dict[str, str] = {}
    batch = max(limit or 0, 50) if limit is not None else None
    offset = 0
    while limit is None or len(records) < limit:
        rows = store.search_rows(
            node, **filters, coded=coded, order=order, limit=batch, offset=offset
        )
        for row in rows:
            _add_hits(store, row, matcher, context, texts, records)
        if batch is None or len(rows) < batch:
            break
        offset += batch
    if limit is not None:
        records = records[:limit]
    frame = pd.DataFrame.from_records(records, columns=SEARCH_COLUMNS)
    return frame.astype(_DTYPES)


def _add_hits(
    store: ProjectStore,
    row: SearchRow,
    matcher: _Matcher,
    context: int,
    texts: dict[str, str],
    records: list[tuple[object, ...]],
) -> None:
    """Append the hits of one matching segment to ``records``."""
    if row.doc_id not in texts:
        texts[row.doc_id] = store.text(row.doc_id)
    text = texts[row.doc_id]
    for start, end in matcher.spans(text[row.start_char : row.end_char]):
        s, e = row.start_char + start, row.start_char + end
        records.append(
            (
                row.segment_id, row.doc_id, s, e,
                _context_before(text, s, context) if context else "",
                text[s:e],
                _context_after(text, e, context) if context else "",
                row.project_id, row.wave, row.role, float(row.score), row.path, row.speaker,
            )
        )  # fmt: skip
