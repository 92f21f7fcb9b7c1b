"""deduce loaded and run as this policy uses it: :func:`deduce_instance` (deduce as
shipped, for the benchmark and the tests) and :func:`deduce_pipeline` (its tokenizer and
the processors whose annotations are used, built on the compact lookup structures of
:mod:`.deduce_cache`, with its one-token street pattern and its token patterns run
faster and with the same annotations). Every import of deduce goes through
:func:`.logging_guard.root_logging_kept`.

>>> doc = deduce_pipeline().deidentify("Mevrouw Jansen woont op de Kerkstraat 12.")
>>> sorted(a.tag for a in doc.annotations)  # doctest: +SKIP
['locatie', 'persoon']
"""

from __future__ import annotations

import gc
import re
from functools import lru_cache
from types import MethodType
from typing import Any

from .logging_guard import root_logging_kept
from .places import places

__all__ = ["deduce_instance", "deduce_pipeline"]

# deduce steps whose output this policy does not use: the redacted text (we make our
# own), institutions (organisations are kept: they matter to the analysis), dates (the
# dates of birth are found by :mod:`.dates`, on the whole text)
_UNUSED_PROCESSORS = frozenset({"redactor", "institutions", "dates"})


@lru_cache(maxsize=1)
def deduce_instance() -> Any:
    """deduce as shipped (``Deduce()``), once per process: it takes seconds to load
    (its own cache of lookup tries). Detection does not use it (:func:`deduce_pipeline`
    loads in a fraction of that); the benchmark and the tests compare with it.
    """
    with root_logging_kept():
        from deduce import Deduce

        instance = Deduce()
        # millions of long-lived lookup objects: keep the cyclic garbage collector from
        # scanning them again and again, and at exit (which took ~10 s otherwise)
        gc.freeze()
        return instance


class _TokenRegexAnnotator:
    """deduce's one-token ``re_match`` pattern annotator (``street_pattern``: "Kerkstraat",
    "Dorpsweg"), the same annotations made faster: its regular expression compiled once
    and tried on each token, where deduce's general pattern matcher looks the pattern up
    in ``re``'s cache and walks a pattern list for each of a text's tokens (a tenth of
    deduce's time on our texts)."""

    def __init__(self, annotator: Any) -> None:
        (position,) = annotator.pattern
        self.regex = re.compile(position["re_match"])
        self.tag, self.priority = annotator.tag, annotator.priority

    def process(self, doc: Any, **kwargs: Any) -> None:
        from docdeid import Annotation

        text, match, tokens = doc.text, self.regex.match, doc.get_tokens()
        texts = getattr(tokens, "_texts", None)  # a FastTokenList's: no token read
        if texts is not None:  # each distinct text tried once
            matching = {t for t in set(texts) if match(t)}
            found = [tokens[i] for i, t in enumerate(texts) if t in matching] if matching else []
        else:
            found = [token for token in tokens if match(token.text)]
        doc.annotations.update(
            Annotation(
                text=text[token.start_char : token.end_char],
                start_char=token.start_char,
                end_char=token.end_char,
                tag=self.tag,
                priority=self.priority,
                start_token=token,
                end_token=token,
            )
            for token in found
        )


def _is_one_token_regex(annotator: Any) -> bool:
    """A deduce ``TokenPatternAnnotator`` whose pattern is one ``re_match`` position."""
    from deduce.annotator import ContextAnnotator, TokenPatternAnnotator

    pattern = getattr(annotator, "pattern", None)
    return (
        type(annotator) is TokenPatternAnnotator
        and not isinstance(annotator, ContextAnnotator)
        and isinstance(pattern, list)
        and len(pattern) == 1
        and isinstance(pattern[0], dict)
        and list(pattern[0]) == ["re_match"]
    )


def _used_processors(group: Any) -> Any:
    """A copy of a deduce processor group without the steps this policy does not use
    (:data:`_UNUSED_PROCESSORS`), sharing deduce's own processors and lookup lists;
    a one-token regex annotator is replaced by :class:`_TokenRegexAnnotator`."""
    from docdeid.process import DocProcessorGroup

    copy = DocProcessorGroup()
    for name, processor in group._processors.items():
        if name in _UNUSED_PROCESSORS:
            continue
        if isinstance(processor, DocProcessorGroup):
            processor = _used_processors(processor)
        elif _is_one_token_regex(processor):
            processor = _TokenRegexAnnotator(processor)
        copy.add_processor(name, processor)
    return copy


def _faster_patterns(group: Any) -> None:
    """deduce's token-pattern and context annotators in ``group`` (and its groups) set
    to match as :func:`.deduce_tokens.fast_match_sequence` does, and its overlap
    resolvers to resolve as :func:`.deduce_tokens.fast_resolve_overlap` (the same
    annotations)."""
    from deduce.annotator import ContextAnnotator, RegexpPseudoAnnotator, TokenPatternAnnotator
    from docdeid.process import (
        DocProcessorGroup,
        MultiTokenLookupAnnotator,
        OverlapResolver,
        RegexpAnnotator,
    )

    with root_logging_kept():
        from .deduce_tokens import (
            fast_lookup_annotate,
            fast_resolve_overlap,
            faster_patterns,
            faster_regexp,
        )

    for processor in group._processors.values():
        if isinstance(processor, DocProcessorGroup):
            _faster_patterns(processor)
        elif type(processor) in (TokenPatternAnnotator, ContextAnnotator):
            faster_patterns(processor)
        elif type(processor) is MultiTokenLookupAnnotator:
            processor.annotate = MethodType(fast_lookup_annotate, processor)  # type: ignore[method-assign]
        elif type(processor) in (RegexpAnnotator, RegexpPseudoAnnotator):
            faster_regexp(processor)  # its URLs, e-mail addresses and ages
        # deduce's overlap resolver, and the one inside its person-name converter
        for resolver in (processor, getattr(processor, "_overlap_resolver", None)):
            if type(resolver) is OverlapResolver:
                resolver.process_annotations = MethodType(fast_resolve_overlap, resolver)  # type: ignore[method-assign]


@lru_cache(maxsize=1)
def deduce_pipeline() -> Any:
    """deduce as this policy runs it: its tokenizer and the processors whose
    annotations are used (not its dates, institutions or redacted text).

    The same annotations as ``deduce_instance().deidentify(text,
    disabled=_UNUSED_PROCESSORS)`` (tested), built by deduce's own loader from its base
    configuration on the lookup structures of :mod:`.deduce_cache` (loaded in about half
    a second, where ``Deduce()`` takes six or more), with the steps left out never
    built, deduce's street-name pattern run as :class:`_TokenRegexAnnotator`, its
    tokenizer as :class:`.deduce_tokens.FastTokenizer`, its token patterns matched
    as :func:`.deduce_tokens.fast_match_sequence`, its trie look-ups by index
    (:func:`.deduce_tokens.fast_lookup_annotate`) and its URL, e-mail and age patterns
    near their anchors (:func:`.deduce_tokens.fast_regexp_annotate`), each tested to
    give deduce's results.
    ``deduce_instance()`` stays deduce as shipped.

    >>> doc = deduce_pipeline().deidentify("Mevrouw Jansen woont op de Kerkstraat 12.")
    >>> sorted(a.tag for a in doc.annotations)  # doctest: +SKIP
    ['locatie', 'persoon']
    """
    from docdeid import DocDeid
    from docdeid.process import DocProcessor

    with root_logging_kept():  # importing deduce sets up the root logger
        from .deduce_cache import build_processors, load_structures
        from .deduce_tokens import FastTokenizer

    DocProcessor.register(_TokenRegexAnnotator)  # deduce's groups run DocProcessors only
    with root_logging_kept():
        tokenizer, processors = build_processors(load_structures(), _UNUSED_PROCESSORS)
        pipeline = DocDeid()
        pipeline.tokenizers = {"default": FastTokenizer(tokenizer)}  # the same tokens
        pipeline.processors = _used_processors(processors)
        _faster_patterns(pipeline.processors)  # its own processors: deduce's are not touched
        places()  # the place lists (a tenth of a second), before the heap is frozen
        gc.freeze()  # long-lived lookup objects: not scanned by every collection
        return pipeline
