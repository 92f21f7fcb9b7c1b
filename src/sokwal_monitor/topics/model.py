"""The BERTopic model: importing it, its deterministic reduction and clustering (k-means
with k chosen from the data, or PCA + HDBSCAN), seed topics from a codebook, and the
info table of a fitted model."""

from __future__ import annotations

import math
import warnings
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from .result import INFO_COLUMNS, TopicError
from .text import _OUTLIER_LABEL, _excluded, is_quotable, topic_label

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


#: The most topics k-means is given when the number of topics is chosen from the data.
K_MAX = 30
#: Units on which the candidate numbers of topics are compared.
K_SAMPLE = 2000


def _candidate_ks(n: int) -> range:
    """The numbers of topics tried for ``n`` units: 2 up to the square root of n / 2 (the
    old rule of thumb, now the upper end), at most :data:`K_MAX`.

    >>> _candidate_ks(218), _candidate_ks(20_000)
    (range(2, 11), range(2, 31))
    """
    return range(2, int(max(2, min(K_MAX, round(math.sqrt(n / 2))))) + 1)


def choose_n_topics(embeddings: np.ndarray, seed: int = 0) -> tuple[int, dict[int, float]]:
    """The number of k-means topics for these (L2-normalised) embeddings, chosen from the
    data, and the score of each candidate.

    On a seeded sample of at most :data:`K_SAMPLE` units, k-means (``n_init=2``,
    ``random_state=seed``, one thread) runs for each k of :func:`_candidate_ks`, and each
    clustering gets its silhouette (mean over units of how much nearer a unit is to its
    own cluster than to the next one; -1..1). The k with the highest silhouette wins (the
    smaller on a tie). Same embeddings and seed, same k.

    >>> rng = np.random.default_rng(0)
    >>> centres = np.eye(6)[:4] * 3
    >>> points = np.vstack([c + rng.normal(0, 0.3, (40, 6)) for c in centres])
    >>> k, scores = choose_n_topics(points, seed=0)
    >>> k, min(scores), max(scores)  # 160 units: k from 2 to sqrt(160 / 2) = 9
    (4, 2, 9)
    """
    from sklearn.cluster import KMeans
    from sklearn.metrics import pairwise_distances, silhouette_score
    from threadpoolctl import threadpool_limits

    n = len(embeddings)
    ks = [k for k in _candidate_ks(n) if k < n]
    if len(ks) <= 1:
        return (ks[0] if ks else 1), {}
    rng = np.random.default_rng(seed)
    sample = np.asarray(embeddings)
    if n > K_SAMPLE:
        sample = sample[np.sort(rng.choice(n, K_SAMPLE, replace=False))]
    distances = pairwise_distances(sample)
    scores: dict[int, float] = {}
    with threadpool_limits(1):  # many small fits: threads cost more than they give
        for k in ks:
            km = KMeans(k, random_state=seed, n_init=2, max_iter=100).fit(sample)
            if len(set(km.labels_)) > 1:
                scores[k] = float(silhouette_score(distances, km.labels_, metric="precomputed"))
    if not scores:
        return ks[0], {}
    return max(scores, key=lambda k: (scores[k], -k)), scores


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
    """The BERTopic model; with k-means ``nr_topics`` is k (required)."""
    BERTopic = import_bertopic().BERTopic
    from bertopic.vectorizers import ClassTfidfTransformer
    from sklearn.decomposition import PCA
    from sklearn.feature_extraction.text import CountVectorizer

    reducer: Any
    cluster: Any
    if method == "kmeans":
        from bertopic.dimensionality import BaseDimensionalityReduction

        reducer = BaseDimensionalityReduction()  # k-means in the embedding space itself
        cluster = _KMeansWithProbabilities(int(nr_topics or 2), seed)
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


def _info(
    model: Any, part: pd.DataFrame, assigned: np.ndarray, display: Mapping[str, str] | None = None,
    n_repr: int = 3,
) -> pd.DataFrame:  # fmt: skip
    """One row per topic: label (the display forms of its top lemmas), size, top-10
    lemmas and the units nearest the topic's c-TF-IDF vector (cosine), most
    representative first; units that read as a quote (:func:`is_quotable`) before those
    that do not (a table row, a heading)."""
    from sklearn.preprocessing import normalize

    doc_ctfidf = normalize(
        model.ctfidf_model.transform(model.vectorizer_model.transform(part["lemmas"].tolist()))
    )
    topic_ctfidf = normalize(model.c_tf_idf_)
    offset = 1 if -1 in model.topic_representations_ else 0
    unquotable = np.array([not is_quotable(str(t)) for t in part["text"]])
    rows: list[tuple[Any, ...]] = []
    for t in sorted(set(int(x) for x in assigned)):
        words = [w for w, _ in model.topic_representations_.get(t, []) if w][:10]
        idx = np.flatnonzero(assigned == t)
        if t == -1:
            rows.append((t, _OUTLIER_LABEL, len(idx), words, []))
            continue
        sims = np.asarray(doc_ctfidf[idx] @ topic_ctfidf[t + offset].T.toarray()).ravel()
        order = idx[np.lexsort((idx, -sims, unquotable[idx]))]
        ids = list(dict.fromkeys(part["segment_id"].iloc[order]))[:n_repr]
        rows.append((t, topic_label(words, display=display), len(idx), words, ids))
    return pd.DataFrame(rows, columns=INFO_COLUMNS)
