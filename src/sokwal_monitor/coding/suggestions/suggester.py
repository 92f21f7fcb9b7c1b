"""The suggestion model: :class:`CodeSuggester`, a multi-label scikit-learn estimator
(one calibrated logistic regression per code on :mod:`.features`), and the check that
each code has enough examples to learn from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.utils.validation import check_is_fitted

from ...errors import CodingError
from .features import E5Embeddings, LemmaTfidf

__all__ = ["CodeSuggester", "NotEnoughExamplesError"]

EMBEDDINGS = (None, "e5")


class NotEnoughExamplesError(CodingError):
    """Too few coded segments to learn a code from."""


class CodeSuggester(ClassifierMixin, BaseEstimator):
    """Multi-label code suggestions: one calibrated logistic regression per code.

    Parameters
    ----------
    embedding : {None, "e5"}, default None
        Add multilingual-e5-small sentence embeddings to the lemma TF-IDF features.
    C : float, default 4.0
        Inverse regularization strength of the logistic regressions.
    pairs : bool, default True
        Use pairs of adjacent lemmas as features too.
    min_examples : int, default 5
        Segments needed with a code and without it to learn that code.
    cv : int, default 3
        Folds of the probability calibration (sigmoid).
    random_state : int, default 0

    Attributes
    ----------
    classes_ : ndarray of str
        The codes, in the order of the columns of :meth:`predict_proba`.
    features_ : transformer
        The fitted feature pipeline.
    estimators_ : list
        One fitted calibrated classifier per code.
    n_positive_ : ndarray of int
        Training segments with each code.

    Examples
    --------
    >>> CodeSuggester().get_params()["min_examples"]
    5
    """

    def __init__(
        self,
        *,
        embedding: str | None = None,
        C: float = 4.0,
        pairs: bool = True,
        min_examples: int = 5,
        cv: int = 3,
        random_state: int = 0,
    ) -> None:
        self.embedding = embedding
        self.C = C
        self.pairs = pairs
        self.min_examples = min_examples
        self.cv = cv
        self.random_state = random_state

    def _features(self) -> Any:
        from sklearn.pipeline import FeatureUnion

        if self.embedding not in EMBEDDINGS:
            raise ValueError(f"embedding must be None or 'e5', not {self.embedding!r}")
        lemmas = LemmaTfidf(pairs=self.pairs)
        if self.embedding is None:
            return lemmas
        return FeatureUnion([("lemmas", lemmas), ("e5", E5Embeddings())])

    def fit(self, X: Sequence[str], y: Any) -> CodeSuggester:
        """Learn from texts ``X`` and a 0/1 table ``y`` (a DataFrame with one column per
        code, or an array of shape (n_texts, n_codes))."""
        from sklearn.calibration import CalibratedClassifierCV
        from sklearn.linear_model import LogisticRegression
        from sklearn.model_selection import StratifiedKFold

        texts = [str(t) for t in X]
        codes, labels = _labels(y, len(texts))
        positives = labels.sum(axis=0)
        negatives = len(texts) - positives
        short = [
            f"{code} ({int(p)} with, {int(n)} without)"
            for code, p, n in zip(codes, positives, negatives, strict=True)
            if min(p, n) < self.min_examples
        ]
        if short:
            raise NotEnoughExamplesError(
                None,
                f"too few coded segments to learn {', '.join(short)}",
                f"each code needs at least {self.min_examples} segments with it and"
                f" {self.min_examples} without it; code more, or leave these codes out",
            )
        self.features_ = self._features()
        matrix = self.features_.fit_transform(texts)
        folds = max(2, min(self.cv, int(min(positives.min(), negatives.min()))))
        self.estimators_ = []
        for j in range(labels.shape[1]):
            base = LogisticRegression(
                C=self.C, class_weight="balanced", solver="liblinear", random_state=0
            )
            split = StratifiedKFold(folds, shuffle=True, random_state=self.random_state)
            clf = CalibratedClassifierCV(base, method="sigmoid", cv=split)
            self.estimators_.append(clf.fit(matrix, labels[:, j]))
        self.classes_ = np.asarray(codes, dtype=object)
        self.n_positive_ = positives.astype(int)
        return self

    def predict_proba(self, X: Sequence[str]) -> np.ndarray:
        """The probability of each code (columns in :attr:`classes_` order) per text."""
        check_is_fitted(self, "estimators_")
        texts = [str(t) for t in X]
        if not texts:
            return np.zeros((0, len(self.classes_)))
        matrix = self.features_.transform(texts)
        return np.column_stack([clf.predict_proba(matrix)[:, 1] for clf in self.estimators_])

    def predict(self, X: Sequence[str], threshold: float = 0.5) -> np.ndarray:
        """0/1 per code and text: probability at least ``threshold``."""
        return (self.predict_proba(X) >= threshold).astype(int)


def _labels(y: Any, n: int) -> tuple[list[str], np.ndarray]:
    """Code names and an (n, n_codes) 0/1 int array from a DataFrame or an array."""
    if isinstance(y, pd.DataFrame):
        codes = [str(c) for c in y.columns]
        labels = y.to_numpy()
    else:
        labels = np.asarray(y)
        if labels.ndim == 1:
            labels = labels.reshape(-1, 1)
        codes = [f"code_{j}" for j in range(labels.shape[1])]
    if labels.shape[0] != n:
        raise ValueError(f"{n} texts but {labels.shape[0]} rows of labels")
    if not len(codes):
        raise ValueError("no codes to learn: the label table has no columns")
    return codes, (labels != 0).astype(int)


def _learnable(labels: pd.DataFrame, min_examples: int) -> list[str]:
    """The codes (columns of a 0/1 table) with at least ``min_examples`` rows with them
    and as many without them."""
    counts = labels.sum(axis=0)
    return [c for c in labels.columns if min(counts[c], len(labels) - counts[c]) >= min_examples]
