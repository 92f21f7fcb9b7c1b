"""Words as the search index sees them: the word pattern of SQLite's ``unicode61``
tokenizer, folding (lower case, no accents), and one lemma per word for the index's
lemma column.

>>> search_lemmas("We hebben geleerd")
'we hebben leren'
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import regex

__all__ = ["WORD", "fold", "search_lemma", "search_lemmas"]

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
    """The lemma of one word as the search index keeps it: its lemma (``lemma_of``), or the
    word in lower case when the lemma is not one word of :data:`WORD` (so that every
    word of a text has exactly one lemma in the index).

    >>> search_lemma("geleerd"), search_lemma("Kinderen"), search_lemma("zorgboerderij")
    ('leren', 'kind', 'zorgboerderij')
    """
    from .lemma_table import lemma_table, lemmatize_form  # loaded on first use

    lemma = lemmatize_form(lemma_table(), word)  # lemma_of's, without building spaCy
    return lemma if WORD.fullmatch(lemma) else word.lower()


def search_lemmas(text: str) -> str:
    """The lemmas of the words of ``text`` (:data:`WORD`), space-separated: the search
    index's lemma column.

    >>> search_lemmas("We hebben geleerd: kinderen/ouders!")
    'we hebben leren kind ouder'
    """
    return " ".join(map(search_lemma, WORD.findall(text)))
