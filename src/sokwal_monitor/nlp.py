"""The Dutch spaCy pipeline: tokenizer, sentencizer and a lookup lemmatizer.

There is one pipeline per process, built on first use by :func:`dutch_pipeline`:
``spacy.blank("nl")``, a ``sentencizer`` and a lookup lemmatizer whose table comes
from spacy-lookups-data (offline; no model download). The plain ``nl`` lookup table
misses many irregular forms (*geleerd*, *gemeenten*, *vonden*, *kinderen*, *gedaan*),
so the forms of the ``nl_lemma_exc`` exception table are added to it, except Dutch
stop words: the exception table reads *en* as a form of *emmen* and *het* as one of
*hebben*. Entries already in the lookup table are never changed. A word that is not
in the table as written (*Geleerd* at the start of a sentence) is looked up in
lower case, and every lemma is lower case (*Gemeenten* -> *gemeente*, *Deventer* ->
*deventer*), so that patterns on lemmas need no case variants.

Examples
--------
>>> lemmas("We hebben veel geleerd van de kinderen.")
['we', 'hebben', 'veel', 'leren', 'van', 'de', 'kind', '.']
>>> lemma_of("Gemeenten")
'gemeente'
>>> doc = dutch_pipeline()("Het liep goed. Toen vonden we een vrijwilliger.")
>>> [sent.text for sent in doc.sents]
['Het liep goed.', 'Toen vonden we een vrijwilliger.']
"""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from functools import lru_cache
from typing import TYPE_CHECKING, Any, cast

import regex

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.lookups import Table
    from spacy.pipeline import Lemmatizer

__all__ = [
    "EXCEPTION_POS_ORDER",
    "WORD",
    "dutch_pipeline",
    "fold",
    "lemma_of",
    "lemmas",
    "search_lemma",
    "search_lemmas",
]

#: Parts of speech of ``nl_lemma_exc`` in order of preference when a form has more than
#: one lemma (*vonden*: verb *vinden*, noun *vond*); the first lemma of a list wins.
EXCEPTION_POS_ORDER = ("verb", "noun", "adj", "adv", "pron", "det", "adp")

_LEMMATIZER = "sokwal_lookup_lemmatizer"


def _lookup(table: Mapping[str, Any], word: str) -> str:
    """The lemma of ``word`` as written, else of its lower-case form, else ``word``."""
    for key in (word, word.lower()):
        lemma = table.get(key)
        if lemma:
            return lemma if isinstance(lemma, str) else str(lemma[0])
    return word


def _exception_lemmas(exceptions: Mapping[Any, Any]) -> dict[str, str]:
    """Form -> lemma from an ``nl_lemma_exc`` table, by :data:`EXCEPTION_POS_ORDER`."""
    from spacy.lang.nl.stop_words import STOP_WORDS
    from spacy.strings import get_string_id

    forms: dict[str, str] = {}
    for pos in EXCEPTION_POS_ORDER:
        for form, lemmas_ in exceptions.get(get_string_id(pos), {}).items():
            if form not in forms and form.lower() not in STOP_WORDS and lemmas_:
                forms[form] = lemmas_[0]
    return forms


def _lookup_table(nlp: Language) -> Table:
    """The ``lemma_lookup`` table of the pipeline's lemmatizer."""
    lemmatizer = cast("Lemmatizer", nlp.get_pipe("lemmatizer"))
    return lemmatizer.lookups.get_table("lemma_lookup")


def _add_exceptions(nlp: Language) -> int:
    """Add the missing exception forms to the lemmatizer's lookup table; return how many."""
    from spacy.lookups import load_lookups

    table = _lookup_table(nlp)
    exceptions = load_lookups("nl", ["lemma_exc"]).get_table("lemma_exc")
    added = 0
    for form, lemma in _exception_lemmas(exceptions).items():
        if form not in table:
            table[form] = lemma
            added += 1
    return added


@lru_cache(maxsize=1)
def _register_lemmatizer() -> str:
    """Register the case-tolerant lookup lemmatizer factory once; return its name."""
    from spacy.language import Language
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Token

    class CaseTolerantLemmatizer(Lemmatizer):
        """spaCy's lookup lemmatizer, falling back to the lower-case form of a word;
        its lemmas are lower case."""

        def lookup_lemmatize(self, token: Token) -> list[str]:
            table = self.lookups.get_table("lemma_lookup", {})
            return [_lookup(table, token.text).lower()]

    def make_lemmatizer(nlp: Language, name: str, mode: str, overwrite: bool) -> Lemmatizer:
        return CaseTolerantLemmatizer(nlp.vocab, None, name, mode=mode, overwrite=overwrite)

    Language.factory(
        _LEMMATIZER,
        assigns=["token.lemma"],
        default_config={"mode": "lookup", "overwrite": False},
        func=make_lemmatizer,
    )
    return _LEMMATIZER


@lru_cache(maxsize=1)
def dutch_pipeline() -> Language:
    """The shared Dutch pipeline (built once, then cached): blank ``nl``, sentencizer,
    lookup lemmatizer with the irregular forms of ``nl_lemma_exc`` filled in.

    Loading takes about 1.3 s (importing spaCy and reading the tables), so it is
    deferred to the first call.

    >>> nlp = dutch_pipeline()
    >>> nlp.pipe_names
    ['sentencizer', 'lemmatizer']
    >>> nlp is dutch_pipeline()
    True
    """
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe(_register_lemmatizer(), name="lemmatizer", config={"mode": "lookup"})
    nlp.initialize()
    _add_exceptions(nlp)
    return nlp


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the tokens of ``text`` (whitespace tokens left out).

    >>> lemmas("Geleerd: kinderen doen het.")
    ['leren', ':', 'kind', 'doen', 'het', '.']
    """
    return [token.lemma_.lower() for token in dutch_pipeline()(text) if not token.is_space]


def lemma_of(word: str) -> str:
    """The lower-cased lemma of one word, without tokenizing it.

    >>> lemma_of("gedaan"), lemma_of("En")
    ('doen', 'en')
    """
    return _lookup(_lookup_table(dutch_pipeline()), word).lower()


# -- words as the search index sees them ----------------------------------------------

#: A word as SQLite's ``unicode61`` tokenizer sees one: a run of letters, digits,
#: private-use characters and combining marks (everything else separates words, so
#: *e-mail* is two words and *m'n* too). The search index and the search's own
#: re-finding of hits use this one pattern.
WORD = regex.compile(r"[\p{L}\p{N}\p{Co}\p{Mn}]+")


@lru_cache(maxsize=262_144)
def fold(word: str) -> str:
    """A word as the search index compares it: lower case, accents removed
    (``unicode61 remove_diacritics 2``).

    >>> fold("Één"), fold("geïnterviewde"), fold("Straße")
    ('een', 'geinterviewde', 'straße')
    """
    decomposed = unicodedata.normalize("NFD", word.lower())
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    )


@lru_cache(maxsize=262_144)
def search_lemma(word: str) -> str:
    """The lemma of one word as the search index keeps it: :func:`lemma_of`, or the
    word in lower case when the lemma is not one word of :data:`WORD` (so that every
    word of a text has exactly one lemma in the index).

    >>> search_lemma("geleerd"), search_lemma("Kinderen"), search_lemma("zorgboerderij")
    ('leren', 'kind', 'zorgboerderij')
    """
    lemma = lemma_of(word)
    return lemma if WORD.fullmatch(lemma) else word.lower()


def search_lemmas(text: str) -> str:
    """The lemmas of the words of ``text`` (:data:`WORD`), space-separated: the search
    index's lemma column.

    >>> search_lemmas("We hebben geleerd: kinderen/ouders!")
    'we hebben leren kind ouder'
    """
    return " ".join([search_lemma(w) for w in WORD.findall(text)])
