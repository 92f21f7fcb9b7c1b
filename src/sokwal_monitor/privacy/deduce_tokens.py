"""deduce's tokenizer, the same tokens made faster.

deduce splits a text into tokens with one regular expression, merges the tokens of
its prefixes and interfixes ("van der") into one, makes a docdeid ``Token`` (a frozen
dataclass, five attribute writes and a check each) of every piece before merging, and
links each token to the next and the previous one with a method call per link: about
a quarter of deduce's time on this project's texts. :class:`FastTokenizer` gives the
same tokens, merged and linked alike (tested against deduce's tokenizer), with the
merging done on the token texts first and each final token made and linked at once;
:class:`FastTokenList` keeps the token texts and finds the tokens of given words
(deduce's start words, lower case or as written) by index, for deduce's pattern and
trie annotators (:func:`fast_lookup_annotate`); deduce's URL, e-mail and age patterns
are searched for near their anchors only (:func:`anchored_finditer`). Imported by
:func:`.detect.deduce_pipeline` only (importing deduce sets up the root logger).

>>> tokenizer = deduce_pipeline().tokenizers["default"]  # a FastTokenizer  # doctest: +SKIP
>>> [t.text for t in tokenizer.tokenize("van der Berg")]  # doctest: +SKIP
['van der', 'Berg']
"""

from __future__ import annotations

import re
from collections import defaultdict
from types import MethodType
from typing import Any

from .logging_guard import root_logging_kept

with root_logging_kept():  # importing deduce sets up the root logger
    from deduce.annotator import ContextAnnotator
    from deduce.tokenizer import DeduceTokenizer
    from docdeid import Annotation, AnnotationSet
    from docdeid.annotation import _OPTIONAL_FIELDS, UNKNOWN_ATTR_DEFAULT
    from docdeid.str import LowercaseString
    from docdeid.tokenizer import Token, TokenList

__all__ = [
    "FastTokenList", "FastTokenizer", "anchored_finditer", "fast_apply_context_pattern",
    "fast_lookup_annotate", "fast_match_sequence", "fast_regexp_annotate",
    "fast_resolve_overlap", "faster_patterns", "faster_regexp", "unlink",
]  # fmt: skip

_new = object.__new__


class FastTokenList(TokenList):
    """A ``TokenList`` that keeps its tokens' texts: its word look-ups (per matching
    pipeline) are made from them at once, its tokens found by index (no token is hashed
    to build docdeid's index of all tokens): the same words, tokens and indices as
    docdeid's."""

    def __init__(self, tokens: list[Token], texts: list[str] | None = None) -> None:
        # docdeid's TokenList without its ``_token_index`` (a dictionary of every token,
        # each hashed as a dataclass: :meth:`token_index` finds a token by its start)
        self._tokens = tokens
        self._texts = [token.text for token in tokens] if texts is None else texts
        self._piped: dict[str, list[str]] = {}
        self._positions: dict[str, defaultdict[str, list[int]]] = {}
        self._by_start: dict[int, int] | None = None
        self._words: dict[str, set[str]] = {}
        self._text_to_tokens: dict[str, defaultdict[str, list[Token]]] = {}
        self._states: list[dict[str, Any]] | None = None  # the tokens' own dictionaries

    def token_index(self, token: Token) -> int:
        """The token's index in this list (docdeid's ``token_index``)."""
        if self._by_start is None:
            self._by_start = {t.start_char: i for i, t in enumerate(self._tokens)}
        i = self._by_start.get(token.start_char)
        if i is None or self._tokens[i] != token:
            raise KeyError(token)
        return i

    def texts(self, matching_pipeline: list[Any] | None = None) -> list[str]:
        """The token texts through a matching pipeline (computed once per pipeline)."""
        matching_pipeline = matching_pipeline or []
        pipe_key = str(matching_pipeline)
        texts = self._piped.get(pipe_key)
        if texts is None:
            texts = self._texts
            if all(type(m) is LowercaseString for m in matching_pipeline):
                if matching_pipeline:
                    texts = [text.casefold() for text in texts]
            else:  # any other pipeline: as docdeid does it
                for modifier in matching_pipeline:
                    texts = [modifier.process(text) for text in texts]
            self._piped[pipe_key] = texts
        return texts

    def _init_token_lookup(self, matching_pipeline: list[Any] | None = None) -> None:
        # the words only: their tokens are found when asked for (:meth:`indices`)
        pipe_key = str(matching_pipeline or [])
        if (
            matching_pipeline
            and pipe_key not in self._piped
            and all(type(m) is LowercaseString for m in matching_pipeline)
        ):  # each distinct word lower-cased once (deduce's pre-match words ask)
            self._words[pipe_key] = {word.casefold() for word in set(self._texts)}
        else:
            self._words[pipe_key] = set(self.texts(matching_pipeline))

    def _word_positions(self, pipe_key: str, texts: list[str]) -> dict[str, list[int]]:
        """Each word's token indices, in order (docdeid lists each word's tokens)."""
        positions = self._positions.get(pipe_key)
        if positions is None:
            positions = self._positions[pipe_key] = defaultdict(list)
            for i, text in enumerate(texts):
                positions[text].append(i)
        return positions

    def indices(self, lookup_values: Any, matching_pipeline: list[Any] | None = None) -> list[int]:
        """The indices, in order, of the tokens whose text (through the pipeline) is one
        of ``lookup_values``: the tokens of docdeid's ``token_lookup`` (a list to read,
        not to change)."""
        found = self.get_words(matching_pipeline).intersection(lookup_values)
        if not found:
            return []
        positions = self._word_positions(
            str(matching_pipeline or []), self.texts(matching_pipeline)
        )
        if len(found) == 1:
            return positions[next(iter(found))]
        out: list[int] = []
        for word in found:
            out += positions[word]
        out.sort()
        return out

    def token_lookup(
        self, lookup_values: set[str], matching_pipeline: list[Any] | None = None
    ) -> set[Token]:
        """docdeid's ``token_lookup``: the tokens whose text (through the pipeline) is
        one of ``lookup_values``."""
        tokens = self._tokens
        return {tokens[i] for i in self.indices(lookup_values, matching_pipeline)}


class FastTokenizer(DeduceTokenizer):
    """deduce's tokenizer (its pattern, merge terms and linking), faster."""

    def __init__(self, tokenizer: DeduceTokenizer) -> None:
        # the same pattern, merge trie and start words as ``tokenizer``
        self.__dict__.update(tokenizer.__dict__)

    def _pieces(self, text: str) -> tuple[list[str], list[tuple[int, int]]]:
        """Texts and spans of the tokens, merge terms merged."""
        spans = [match.span() for match in self._pattern.finditer(text)]
        texts = [text[start:end] for start, end in spans]
        if self._trie is None:
            return texts, spans
        merge_at = self._start_words
        starts = [i for i, t in enumerate(texts) if t in merge_at]
        if not starts:
            return texts, spans
        longest = self._trie.longest_matching_prefix
        out_texts: list[str] = []
        out_spans: list[tuple[int, int]] = []
        done = 0  # the pieces before this one are in the output
        for i in starts:
            if i < done:  # inside a merged term
                continue
            prefix = longest(texts, start_i=i)
            if prefix is None or len(prefix) == 1:  # a term of one piece: the piece
                continue
            last = i + len(prefix) - 1
            out_texts += texts[done:i]
            out_spans += spans[done:i]
            start, end = spans[i][0], spans[last][1]
            out_texts.append(text[start:end])
            out_spans.append((start, end))
            done = last + 1
        out_texts += texts[done:]
        out_spans += spans[done:]
        return out_texts, out_spans

    def _split_text(self, text: str) -> list[Token]:
        texts, spans = self._pieces(text)
        return [Token(t, s, e) for t, (s, e) in zip(texts, spans, strict=True)]

    def tokenize(self, text: str) -> TokenList:
        """The tokens of ``text``, linked (when the tokenizer links) as deduce's are."""
        texts, spans = self._pieces(text)
        tokens = [_new(Token) for _ in texts]
        if self.link_tokens and tokens:
            before: list[Token | None] = [None, *tokens[:-1]]
            after: list[Token | None] = [*tokens[1:], None]
        else:
            before = after = [None] * len(tokens)
        # the fields as the dataclass sets them, written into each token's dictionary
        states = [token.__dict__ for token in tokens]
        for state, t, (s, e), p, n in zip(states, texts, spans, before, after, strict=True):
            state["text"] = t
            state["start_char"] = s
            state["end_char"] = e
            state["_previous_token"] = p
            state["_next_token"] = n
        token_list = FastTokenList(tokens, texts)
        token_list._states = states  # for unlink(): the links cut without a token read
        return token_list


def unlink(tokens: Any) -> None:
    """Cut each token's link to the next one (see :func:`.detect._unlink_tokens`): the
    links back to the previous ones make no cycle on their own, and freeing a list of
    tokens from its end (as Python does) frees each one at once, no chain of frees."""
    states = getattr(tokens, "_states", None)
    if states is None:
        states = [token.__dict__ for token in tokens]
    for state in states:
        state["_next_token"] = None


def _compile(position: Any, ds: Any) -> Any:
    """A deduce pattern position (``{"lookup": "prefix"}``, ``{"and": [...]}``, ...) as
    one function of a token, or None for a position deduce itself must judge."""
    if not isinstance(position, dict) or len(position) != 1:
        return None
    ((func, value),) = position.items()
    if func == "equal":
        return lambda token: token.text == value
    if func == "re_match":
        match = re.compile(value).match  # re.match(value, ...) compiles the same pattern
        return lambda token: match(token.text) is not None
    if func == "is_initials":
        return lambda token: (len(token.text) <= 4 and token.text.isupper()) == value
    if func == "like_name":
        isdigit = str.isdigit  # each character as deduce tests it, without a generator
        return lambda token: (
            (len(token.text) >= 3 and token.text.istitle() and not any(map(isdigit, token.text)))
            == value
        )
    if func in ("lookup", "neg_lookup"):
        if ds is None or value not in ds:
            return None
        contains = _membership(ds[value])  # the set's matching pipeline included
        if func == "lookup":
            return lambda token: contains(token.text)
        return lambda token: not contains(token.text)
    if func in ("and", "or"):
        parts = [_compile(part, ds) for part in value]
        if any(part is None for part in parts):
            return None
        return _all(parts) if func == "and" else _any(parts)
    return None


def _membership(structure: Any) -> Any:
    """``structure.__contains__`` (a docdeid ``LookupSet``: its matching pipeline
    applied to the text, then looked up in its items), as one function: a set whose
    pipeline is one lower-casing (``casefold``) or nothing looks the text up directly."""
    from docdeid.ds import LookupSet

    items = getattr(structure, "_items", None)
    pipeline = getattr(structure, "matching_pipeline", None) or []
    if type(structure) is not LookupSet or type(items) is not set:
        return structure.__contains__
    if not pipeline:
        return items.__contains__
    if len(pipeline) == 1 and type(pipeline[0]) is LowercaseString:
        return lambda text: text.casefold() in items
    return structure.__contains__


def _all(parts: list[Any]) -> Any:
    """A function of a token: whether every part holds (in order, the first that does
    not ending the test, as ``all`` does), without a generator per token."""
    if len(parts) == 1:
        (a,) = parts
        return lambda token: bool(a(token))
    if len(parts) == 2:
        a, b = parts
        return lambda token: bool(a(token) and b(token))
    if len(parts) == 3:
        a, b, c = parts
        return lambda token: bool(a(token) and b(token) and c(token))
    return lambda token: all(part(token) for part in parts)


def _any(parts: list[Any]) -> Any:
    """A function of a token: whether some part holds (as ``any`` does)."""
    if len(parts) == 2:
        a, b = parts
        return lambda token: bool(a(token) or b(token))
    return lambda token: any(part(token) for part in parts)


def _parts(annotator: Any, pattern: list[dict]) -> list[Any] | None:
    """The positions of ``pattern`` compiled by :func:`_compile` (once per pattern and
    annotator), or None when one of them is not."""
    entry = annotator._compiled.get(id(pattern))
    if entry is None or entry[0] is not pattern:
        parts = [_compile(p, getattr(annotator, "ds", None)) for p in pattern]
        entry = (pattern, None if any(p is None for p in parts) else parts)
        annotator._compiled[id(pattern)] = entry
    return entry[1]


def fast_match_sequence(
    self: Any,
    text: str,
    pattern: list[dict],
    start_token: Any,
    direction: str = "right",
    skip: set[str] | None = None,
) -> Any:
    """deduce's ``TokenPatternAnnotator._match_sequence`` (also the ContextAnnotator's),
    with each pattern position compiled once into a function of a token and the
    neighbouring tokens read from their links directly: the same annotation or None,
    without a keyword-argument call and a chain of string comparisons per token and
    position. Bound to an annotator by :func:`faster_patterns`."""
    parts = _parts(self, pattern)
    if parts is None:  # a position only deduce knows: its own code
        return type(self)._match_sequence(
            self, text, pattern, start_token, direction=direction, skip=skip
        )
    skip = skip or set()
    link = "_previous_token" if direction == "left" else "_next_token"
    current = end = start_token
    for part in reversed(parts) if direction == "left" else parts:
        if current is None or not part(current):
            return None
        end = current
        current = current.__dict__[link]
        while current is not None and current.text in skip:
            current = current.__dict__[link]
    if direction == "left":
        start_token, end = end, start_token
    return Annotation(
        text=text[start_token.start_char : end.end_char],
        start_char=start_token.start_char,
        end_char=end.end_char,
        tag=self.tag,
        priority=self.priority,
        start_token=start_token,
        end_token=end,
    )


def fast_apply_context_pattern(
    self: Any, text: str, annotations: Any, context_pattern: dict
) -> Any:
    """deduce's ``ContextAnnotator._apply_context_pattern``, the same steps on the same
    sets in the same order (so the same annotations), without its per-annotation
    overhead: the last tag in the pattern's direction read off the split tag (deduce
    reverses a list to take it), the direction's settings looked up once per pattern,
    and the start token's neighbours read from the token links (as deduce's
    ``_get_chained_token`` does, one step at least, then past the skipped words); and the
    pattern's first position in its direction tried on the start token here, before
    the whole pattern is matched (most annotations go no further). Bound to a context
    annotator by :func:`faster_patterns`."""
    left = context_pattern["direction"] == "left"
    direction = "left" if left else "right"
    skip = set(context_pattern.get("skip", []))
    pre_tag = frozenset(context_pattern["pre_tag"])
    pattern, new_tag = context_pattern["pattern"], context_pattern["tag"]
    link = "_previous_token" if left else "_next_token"
    match_sequence = self._match_sequence
    parts = _parts(self, pattern) if pattern else None
    first = None if parts is None else parts[-1] if left else parts[0]
    for annotation in annotations.copy():
        tags = annotation.tag.split("+")
        tag = tags[0] if left else tags[-1]
        if tag not in pre_tag:
            continue
        token = annotation.start_token if left else annotation.end_token
        while True:
            token = token.__dict__[link]
            if token is None or token.text not in skip:
                break
        if first is not None and (token is None or not first(token)):
            continue  # what fast_match_sequence would find first: no match
        new_annotation = match_sequence(text, pattern, token, direction=direction, skip=skip)
        if new_annotation:
            left_ann, right_ann = (
                (new_annotation, annotation) if left else (annotation, new_annotation)
            )
            merged = Annotation(
                text=text[left_ann.start_char : right_ann.end_char],
                start_char=left_ann.start_char,
                end_char=right_ann.end_char,
                start_token=left_ann.start_token,
                end_token=right_ann.end_token,
                tag=new_tag.format(tag=annotation.tag),
                priority=annotation.priority,
            )
            annotations.remove(annotation)
            annotations.add(merged)
    return annotations


_ZERO_RUN = re.compile(rb"\x00+")


def _sort_key(by: tuple, callbacks: Any) -> Any:
    """docdeid's ``Annotation.get_sort_key(by, callbacks, deterministic=True)`` as one
    function: the same tuple, without hashing the annotation for its key cache."""
    by_set = set(by)
    steps = [(attr, callbacks.get(attr) if callbacks else None) for attr in by]
    extra_of: dict[type, list[str]] = {}

    def key(annotation: Any) -> tuple:
        values = []
        for attr, callback in steps:
            value = getattr(annotation, attr, UNKNOWN_ATTR_DEFAULT)
            values.append(value if callback is None else callback(value))
        kind = type(annotation)
        extra = extra_of.get(kind) if kind is Annotation else None
        if extra is None:
            extra = sorted(set(annotation.__dict__) - by_set - _OPTIONAL_FIELDS)
            if kind is Annotation:  # a dataclass: every instance has the same fields
                extra_of[kind] = extra
        values += [getattr(annotation, attr, UNKNOWN_ATTR_DEFAULT) for attr in extra]
        return tuple(values)

    return key


def fast_resolve_overlap(self: Any, annotations: Any, text: str) -> Any:
    """docdeid's ``OverlapResolver.process_annotations``: the annotations in the same
    order (the same sort keys, see :func:`_sort_key`), each kept where nothing before it
    overlaps it, else cut to its parts that nothing before covers; the characters taken
    kept in a byte array instead of a numpy array read one element at a time. Bound to
    a resolver by :func:`faster_patterns`."""
    processed = []
    mask = bytearray(max(annotation.end_char for annotation in annotations))
    key = _sort_key(self._sort_by, self._sort_by_callbacks)
    for annotation in sorted(list(annotations), key=key):
        start, end = annotation.start_char, annotation.end_char
        taken = mask[start:end]
        if not any(taken):  # no overlap
            processed.append(annotation)
        else:
            for run in _ZERO_RUN.finditer(taken):
                processed.append(
                    Annotation(
                        text=annotation.text[run.start() : run.end()],
                        start_char=start + run.start(),
                        end_char=start + run.end(),
                        tag=annotation.tag,
                    )
                )
        mask[start:end] = b"\x01" * len(taken)
    return AnnotationSet(processed)


def fast_lookup_annotate(self: Any, doc: Any) -> list[Any]:
    """docdeid's ``MultiTokenLookupAnnotator.annotate`` (deduce's names, places and
    streets looked up in its tries): the same annotations, with the start tokens found
    by index in a :class:`FastTokenList` (docdeid collects them in a set of tokens,
    sorts them and finds each one's index in a dictionary of all tokens) and the token
    texts kept by the list (docdeid lists them again for every annotator). Bound to the
    pipeline's lookup annotators by :func:`.deduce_load.deduce_pipeline`; any other
    token list goes to docdeid's own code."""
    tokens = doc.get_tokens()
    if not isinstance(tokens, FastTokenList):
        return type(self).annotate(self, doc)
    starts = tokens.indices(self._start_words, self._matching_pipeline)
    if not starts:
        return []
    texts, text, items = tokens._texts, doc.text, tokens._tokens
    longest = self._trie.longest_matching_prefix
    tag, priority, overlapping = self.tag, self.priority, self.overlapping
    annotations = []
    min_i = 0
    for i in starts:
        if i < min_i:
            continue
        prefix = longest(texts, start_i=i)
        if prefix is None:
            continue
        start_token, end_token = items[i], items[i + len(prefix) - 1]
        annotations.append(
            Annotation(
                text=text[start_token.start_char : end_token.end_char],
                start_char=start_token.start_char,
                end_char=end_token.end_char,
                start_token=start_token,
                end_token=end_token,
                tag=tag,
                priority=priority,
            )
        )
        if not overlapping:
            min_i = i + len(prefix)  # skip ahead
    return annotations


#: deduce's regular expressions that try a long run of characters at every position
#: (its URLs and e-mail addresses) or are rare (its ages), each with a part every match
#: holds (its anchor, with the pattern's own flags) and the most characters a match can
#: start before that part: ``(pattern, anchor, reach)``.
_ANCHORED = (
    (  # a URL: a host of at most 256 characters after "https://www.", then ".nl" ...
        r"((https?:\/\/(?:www\.)?)?([-a-zA-Z0-9:%._\+~#=]{1,256})(\.)"
        r"(com|net|org|co|us|uk|nl|be|fr|sp|gov|nu)(\b)([():%_\+.~,]*[-a-zA-Z-0-9#?&/=]+)*)",
        r"\.(?:com|net|org|co|us|uk|nl|be|fr|sp|gov|nu)",
        12 + 256,
    ),
    (  # an e-mail address: at most 256 characters before the "@"
        r"(([-a-zA-Z0-9:%._\+~#=]{1,256})@([-a-zA-Z0-9:%._\+~#=]{1,256})(\.)"
        r"(com|net|org|co|us|uk|nl|be|fr|sp|gov|nu))",
        r"@",
        256,
    ),
    (  # an age: at most "100,5-100,5" (11 characters) before " jaar"
        r"(?i)(?<![\d,\.])((1?\d?\d)([\.,]5)?(-(1?\d?\d)([\.,]5)?)?)"
        r"([ -](jaar|jarig|jarige|jr))(?!\w)",
        r"(?i)[ -](?:jaar|jarig|jarige|jr)",
        11,
    ),
)


def anchored_finditer(
    pattern: re.Pattern[str], anchor: re.Pattern[str], reach: int, text: str
) -> Any:
    """``pattern.finditer(text)``, the same matches, for a pattern whose every match
    holds a match of ``anchor`` that starts at most ``reach`` characters after the
    match does (and after its first character), and that never matches empty text.

    The leftmost match from ``pos`` on starts at least ``reach`` characters before the
    first anchor after ``pos``, so it is searched for from there: a text without the
    anchor is not searched at all, and a long one only near its anchors (``search``
    from a position sees the text before it, as ``finditer`` does).
    """
    pos, end = 0, len(text)
    find, search = anchor.search, pattern.search
    while pos <= end:
        hit = find(text, pos)
        if hit is None:
            return
        match = search(text, max(pos, hit.start() - reach))
        if match is None:
            return
        yield match
        if match.end() == match.start():  # not for these patterns: finditer's own steps
            yield from pattern.finditer(text, match.end() + 1)
            return
        pos = match.end()


def fast_regexp_annotate(self: Any, doc: Any) -> list[Any]:
    """docdeid's ``RegexpAnnotator.annotate`` (deduce's URLs, e-mail addresses and ages),
    the same annotations, with the pattern's matches found by :func:`anchored_finditer`
    near its anchor only. Bound by :func:`faster_regexp` to annotators whose pattern is
    one of :data:`_ANCHORED`."""
    if self.pre_match_words is not None:
        try:
            if doc.get_tokens().get_words(self.matching_pipeline).isdisjoint(self.pre_match_words):
                return []
        except RuntimeError:
            pass
    annotations = []
    group = self.capturing_group
    for match in anchored_finditer(self.regexp_pattern, self._anchor, self._reach, doc.text):
        if not self._validate_match(match, doc):
            continue
        start_char, end_char = match.span(group)
        annotations.append(
            Annotation(
                text=match.group(group),
                start_char=start_char,
                end_char=end_char,
                tag=self.tag,
                priority=self.priority,
            )
        )
    return annotations


def faster_regexp(annotator: Any) -> bool:
    """``annotator`` (a docdeid ``RegexpAnnotator``) set to annotate as
    :func:`fast_regexp_annotate` when its pattern is one of :data:`_ANCHORED` (with the
    same flags); False, and nothing changed, for any other."""
    compiled = annotator.regexp_pattern
    for pattern, anchor, reach in _ANCHORED:
        if compiled.pattern == pattern:
            annotator._anchor = re.compile(anchor, compiled.flags)
            annotator._reach = reach
            annotator.annotate = MethodType(fast_regexp_annotate, annotator)
            return True
    return False


def faster_patterns(annotator: Any) -> Any:
    """``annotator`` (a deduce ``TokenPatternAnnotator`` or ``ContextAnnotator``) with
    :func:`fast_match_sequence` as its ``_match_sequence`` and, a context annotator,
    :func:`fast_apply_context_pattern` as its ``_apply_context_pattern``; nothing else
    changes."""
    annotator._compiled = {}
    annotator._match_sequence = MethodType(fast_match_sequence, annotator)
    if isinstance(annotator, ContextAnnotator):
        annotator._apply_context_pattern = MethodType(fast_apply_context_pattern, annotator)
    return annotator
