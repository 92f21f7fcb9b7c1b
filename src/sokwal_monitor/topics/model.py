"""The BERTopic model: importing it, its deterministic reduction and clustering (k-means
or PCA + HDBSCAN), seed topics from a codebook, and the info table of a fitted model."""

from __future__ import annotations

import math
import warnings
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .result import INFO_COLUMNS, TopicError
from .text import _OUTLIER_LABEL, _excluded, topic_label

if TYPE_CHECKING:
    from ..codebook import Codebook


def import_bertopic() -> Any:
    """Import BERTopic (about 10 s: it loads torch), without the ImportWarning umap
    raises when TensorFlow is missing; say what to install when it is not there."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ImportWarning)
            import bertopic
    except ImportError as err:
        raise TopicError(
            None,
            "topics need the bertopic package, which is not installed",
            "pip install -c constraints.txt 'bertopic>=0.16'",
        ) from err
    return bertopic


def _default_min_size(n: int) -> int:
    """HDBSCAN's ``min_cluster_size`` for ``n`` units: 5 for small corpora, then 1 %
    of the units, at most 500.

    >>> _default_min_size(300), _default_min_size(20_000), _default_min_size(10**6)
    (5, 200, 500)
    """
    return int(max(5, min(500, n // 100)))


def _default_n_clusters(n: int) -> int:
    """k of k-means for ``n`` units: about the square root of n / 2, between 2 and 50.

    >>> _default_n_clusters(218), _default_n_clusters(100_000)
    (10, 50)
    """
    return int(max(2, min(50, round(math.sqrt(n / 2)))))


def _seed_topics(codebook: Codebook | None) -> list[list[str]]:
    """The codebook's lemma patterns as BERTopic seed topics (one list per code)."""
    from ..codebook import load_codebook

    book = codebook if codebook is not None else load_codebook()
    skip = _excluded()
    seeds = []
    for code in book:
        words: list[str] = []
        for pattern in code.patterns:
            value = pattern.get("lemma")
            for lemma in [value] if isinstance(value, str) else (value or []):
                lemma = str(lemma).lower()
                if lemma not in skip and lemma not in words and " " not in lemma:
                    words.append(lemma)
        if words:
            seeds.append(words)
    return seeds


class _KMeansWithProbabilities:
    """k-means (MiniBatchKMeans above 20,000 units) with ``labels_`` and a soft
    ``probabilities_``: a softmax of the negative distances to the centres, in units of
    the median margin between the nearest and the second-nearest centre, so that a
    typical unit gets about 0.5, a clear one nearly 1 and an ambiguous one about 1/k."""

    def __init__(self, n_clusters: int, seed: int) -> None:
        self.n_clusters = n_clusters
        self.seed = seed

    def fit(self, X: np.ndarray, y: Any = None) -> _KMeansWithProbabilities:
        from sklearn.cluster import KMeans, MiniBatchKMeans

        k = min(self.n_clusters, len(X))
        if len(X) > 20_000:
            km: Any = MiniBatchKMeans(k, random_state=self.seed, n_init=3, batch_size=4096)
        else:
            km = KMeans(k, random_state=self.seed, n_init=4)
        self.kmeans_ = km.fit(X)
        self.labels_ = self.kmeans_.labels_
        dist = np.asarray(self.kmeans_.transform(X))
        gaps = dist - dist.min(axis=1, keepdims=True)
        second = np.sort(gaps, axis=1)[:, 1] if gaps.shape[1] > 1 else np.ones(len(X))
        scale = float(np.median(second)) or 1.0  # the typical margin to the runner-up
        soft = np.exp(-gaps / scale)
        soft /= soft.sum(axis=1, keepdims=True)
        self.probabilities_ = soft[np.arange(len(X)), self.labels_]
        return self

    def predict(self, X: np.ndarray) -> np.ndarray:
        return np.asarray(self.kmeans_.predict(X))


def _bertopic(
    embedder: Any, n: int, dims: int, *, seed: int, size: int, method: str,
    nr_topics: int | None, seeds: list[list[str]] | None,
) -> Any:  # fmt: skip
    BERTopic = import_bertopic().BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.decomposition import PCA
    from sklearn.feature_extraction.text import CountVectorizer

    reducer: Any
    cluster: Any
    if method == "kmeans":
        from bertopic.dimensionality import BaseDimensionalityReduction

        reducer = BaseDimensionalityReduction()  # k-means in the embedding space itself
        cluster = _KMeansWithProbabilities(nr_topics or _default_n_clusters(n), seed)
    else:
        reducer = PCA(n_components=max(1, min(5, dims, n - 1)), random_state=seed)
        from hdbscan import HDBSCAN

        cluster = HDBSCAN(
            min_cluster_size=min(size, max(2, n // 2)), min_samples=1,
            metric="euclidean", cluster_selection_method="eom", prediction_data=False,
            core_dist_n_jobs=1,
        )  # fmt: skip
    vectorizer = CountVectorizer(
        token_pattern=r"\S+", lowercase=False, stop_words=sorted(_excluded()), min_df=1
    )
    return BERTopic(
        embedding_model=embedder,
        umap_model=reducer,
        hdbscan_model=cluster,
        vectorizer_model=vectorizer,
        ctfidf_model=ClassTfidfTransformer(reduce_frequent_words=True),
        min_topic_size=size,
        nr_topics=nr_topics if method != "kmeans" else None,
        seed_topic_list=seeds or None,
        top_n_words=10,
        calculate_probabilities=False,
        verbose=False,
    )


def _outlier_row(size: int) -> pd.DataFrame:
    return pd.DataFrame(
        [{"topic": -1, "label": _OUTLIER_LABEL, "size": size, "words": [],
          "representative_segment_ids": []}]
    )  # fmt: skip


def _info(model: Any, part: pd.DataFrame, assigned: np.ndarray, n_repr: int = 3) -> pd.DataFrame:
    """One row per topic: label, size, top-10 lemmas and the segments nearest the topic's
    c-TF-IDF vector (cosine), most representative first."""
    from sklearn.preprocessing import normalize

    doc_ctfidf = normalize(
        model.ctfidf_model.transform(model.vectorizer_model.transform(part["lemmas"].tolist()))
    )
    topic_ctfidf = normalize(model.c_tf_idf_)
    offset = 1 if -1 in model.topic_representations_ else 0
    rows: list[tuple[Any, ...]] = []
    for t in sorted(set(int(x) for x in assigned)):
        words = [w for w, _ in model.topic_representations_.get(t, []) if w][:10]
        idx = np.flatnonzero(assigned == t)
        if t == -1:
            rows.append((t, _OUTLIER_LABEL, len(idx), words, []))
            continue
        sims = np.asarray(doc_ctfidf[idx] @ topic_ctfidf[t + offset].T.toarray()).ravel()
        order = idx[np.lexsort((idx, -sims))][:n_repr]
        ids = list(dict.fromkeys(part["segment_id"].iloc[order]))
        rows.append((t, topic_label(words), len(idx), words, ids))
    return pd.DataFrame(rows, columns=INFO_COLUMNS)
