"""The Dutch spaCy pipeline: tokenizer, sentencizer and a lemmatizer of word forms.

There is one pipeline per process, built on first use by :func:`dutch_pipeline`:
``spacy.blank("nl")``, a ``sentencizer`` and a lemmatizer that reads each word's lemma
from one table (:mod:`sokwal_monitor.nlp.lemma_table`): irregular and auxiliary verbs
written by hand, forms learned from half of the UD Dutch development data, spaCy's
lookup and exception tables with nouns kept as nouns (*zorg*, *werk*, *deel*), and
unknown compounds by their last part (*buurtbewoners* -> *buurtbewoner*). It does not
look at context: a form has one lemma. Every lemma is lower case (*Gemeenten* ->
*gemeente*, *Deventer* -> *deventer*), so that patterns on lemmas need no case variants.

The lemmatizer remembers the lemma of every word form it has seen (per spaCy ``orth``),
so a form is looked up once per process; the rest is one dictionary look-up a token.
Its accuracy on held-out UD text is measured by ``bench/lemmas.py``.

Examples
--------
>>> lemmas("We hebben veel geleerd van de kinderen.")
['we', 'hebben', 'veel', 'leren', 'van', 'de', 'kind', '.']
>>> lemma_of("Gemeenten"), lemma_of("zorg"), lemma_of("is")
('gemeente', 'zorg', 'zijn')
>>> doc = dutch_pipeline()("Het liep goed. Toen vonden we een vrijwilliger.")
>>> [sent.text for sent in doc.sents]
['Het liep goed.', 'Toen vonden we een vrijwilliger.']
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    from .lemma_table import LemmaTable

__all__ = [
    "WORD",
    "FormLemmatizer",
    "build_pipeline",
    "dutch_pipeline",
    "fold",
    "lemma_of",
    "lemmas",
    "search_lemma",
    "search_lemmas",
]

_LEMMATIZER = "sokwal_form_lemmatizer"


class FormLemmatizer:
    """A spaCy component that sets each token's lemma from a :class:`LemmaTable`,
    remembering the lemma of every word form (``orth``) it has seen.

    >>> from sokwal_monitor.nlp.lemma_table import LemmaTable
    >>> nlp = build_pipeline(LemmaTable({"liepen": "lopen"}, frozenset(), frozenset()))
    >>> [t.lemma_ for t in nlp("Zij liepen")]
    ['zij', 'lopen']
    """

    def __init__(self, vocab: Vocab, table: LemmaTable | None = None) -> None:
        self.vocab = vocab
        self._table = table
        self._cache: dict[int, int] = {}

    @property
    def table(self) -> LemmaTable:
        """The lemma table (the shipped one unless another was given), loaded once."""
        if self._table is None:
            from .lemma_table import lemma_table

            self._table = lemma_table()
        return self._table

    def lemma(self, word: str) -> str:
        """The lower-case lemma of one word form.

        >>> dutch_pipeline().get_pipe("lemmatizer").lemma("Scholen")
        'school'
        """
        from .lemma_table import lemmatize_form

        return lemmatize_form(self.table, word)

    def __call__(self, doc: Doc) -> Doc:
        """Set the lemma of every token of ``doc``; return it."""
        cache = self._cache
        for token in doc:
            orth = token.orth
            lemma = cache.get(orth)
            if lemma is None:
                lemma = cache[orth] = self.vocab.strings.add(self.lemma(token.text))
            token.lemma = lemma
        return doc


@lru_cache(maxsize=1)
def _register_lemmatizer() -> str:
    """Register the lemmatizer factory once; return its name."""
    from spacy.language import Language

    def make_lemmatizer(nlp: Language, name: str) -> FormLemmatizer:
        return FormLemmatizer(nlp.vocab)

    Language.factory(_LEMMATIZER, assigns=["token.lemma"], func=make_lemmatizer)
    return _LEMMATIZER


def build_pipeline(table: LemmaTable | None = None) -> Language:
    """A new Dutch pipeline (blank ``nl``, sentencizer, lemmatizer) on ``table``, the
    shipped lemma table by default. :func:`dutch_pipeline` is the cached one; build
    another only to measure or try a table.

    >>> build_pipeline().pipe_names
    ['sentencizer', 'lemmatizer']
    """
    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    lemmatizer = cast(FormLemmatizer, nlp.add_pipe(_register_lemmatizer(), name="lemmatizer"))
    if table is not None:
        lemmatizer._table = table
    return nlp


@lru_cache(maxsize=1)
def dutch_pipeline() -> Language:
    """The shared Dutch pipeline (built once, then cached): blank ``nl``, sentencizer,
    lemmatizer of word forms.

    Loading takes about 1.5 s (importing spaCy and building the lemma table), so it
    is deferred to the first call.

    >>> nlp = dutch_pipeline()
    >>> nlp.pipe_names
    ['sentencizer', 'lemmatizer']
    >>> nlp is dutch_pipeline()
    True
    """
    nlp = build_pipeline()
    cast(FormLemmatizer, nlp.get_pipe("lemmatizer")).table  # noqa: B018  # load it now
    return nlp


def lemmas(text: str) -> list[str]:
    """Lower-cased lemmas of the tokens of ``text`` (whitespace tokens left out).

    >>> lemmas("Geleerd: kinderen doen het.")
    ['leren', ':', 'kind', 'doen', 'het', '.']
    """
    return [token.lemma_ for token in dutch_pipeline()(text) if not token.is_space]


def lemma_of(word: str) -> str:
    """The lower-cased lemma of one word, without tokenizing it.

    >>> lemma_of("gedaan"), lemma_of("En"), lemma_of("maanden")
    ('doen', 'en', 'maand')
    """
    return cast(FormLemmatizer, dutch_pipeline().get_pipe("lemmatizer")).lemma(word)


from .search import WORD, fold, search_lemma, search_lemmas  # noqa: E402  (needs lemma_of)
