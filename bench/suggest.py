"""Benchmark: model suggestions on ~50 k segments, with TF-IDF features only and with
multilingual-e5-small embeddings, and cross-validated macro-F1 on the sample corpus.

The synthetic corpus (sentences of the sample corpus, as in ``bench/ingest.py``) has
no human codings, so the default codebook's rule codings stand in for a coder: the
model learns them from segment text. Prints one JSON object: segments and words,
seconds and words/s of training and of predicting (TF-IDF), of embedding with e5 (on
``--e5-segments`` segments: e5 runs at a few dozen segments per second on a small CPU,
so all 50 k would take most of an hour; its figures are per segment and per word), and
cross-validated macro/micro-F1 with the majority baseline on the sample, for TF-IDF
and for TF-IDF + e5.

    .venv/bin/python bench/suggest.py                      # ~50 k segments
    .venv/bin/python bench/suggest.py --segments 5000      # a quick look
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# bench/ingest.py, beside this script (a script's folder is first on sys.path)
from ingest import build_corpus

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding.rules import code_store, rule_coder_name
from sokwal_monitor.coding.suggestions import (
    CodeSuggester,
    E5Embeddings,
    cross_validate,
    training_data,
)

HERE = Path(__file__).resolve().parent
SAMPLE = HERE.parent / "data" / "sample"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=50_000, help="training segments")
    parser.add_argument("--e5-segments", type=int, default=1_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    out: dict[str, object] = {}
    workdir = Path(tempfile.mkdtemp(prefix="sokwal-bench-"))
    try:
        corpus = workdir / "corpus"
        corpus.mkdir()
        # bench/ingest.py's turns hold ~60 words: 120 words per pair of turns
        words = args.segments * 120
        build_corpus(corpus, words, 25_000, args.seed)
        store_path = workdir / "bench.sokwal"
        sokwal = Path(sys.executable).with_name("sokwal")
        subprocess.run([str(sokwal), "ingest", str(corpus), "--store", str(store_path), "-q"],
                       check=True)  # fmt: skip
        with ProjectStore(store_path) as store:
            code_store(store, progress=False)
            coder = rule_coder_name(load_codebook())
            segments, labels = training_data(store, coder)
        segments, labels = segments.head(args.segments), labels.head(args.segments)
        texts = segments["text"].tolist()
        n_words = sum(len(t.split()) for t in texts)
        codes = [c for c in labels.columns if 5 <= labels[c].sum() <= len(labels) - 5]
        out.update(segments=len(texts), words=n_words, codes=len(codes),
                   codings=int(labels[codes].to_numpy().sum()))  # fmt: skip

        start = time.perf_counter()
        model = CodeSuggester().fit(texts, labels[codes])
        fit_s = time.perf_counter() - start
        start = time.perf_counter()
        model.predict_proba(texts)
        predict_s = time.perf_counter() - start
        out.update(
            tfidf_fit_s=round(fit_s, 1),
            tfidf_fit_words_per_s=round(n_words / fit_s),
            tfidf_predict_s=round(predict_s, 1),
            tfidf_predict_words_per_s=round(n_words / predict_s),
        )

        sub = texts[: args.e5_segments]
        sub_words = sum(len(t.split()) for t in sub)
        embedder = E5Embeddings().fit(sub[:1])
        start = time.perf_counter()
        embedder.transform(sub)
        e5_s = time.perf_counter() - start
        out.update(
            e5_segments=len(sub),
            e5_embed_s=round(e5_s, 1),
            e5_segments_per_s=round(len(sub) / e5_s, 1),
            e5_words_per_s=round(sub_words / e5_s),
            e5_estimated_s_for_all_segments=round(e5_s * len(texts) / len(sub)),
        )

        with ProjectStore(workdir / "sample.sokwal") as sample:
            ingest(sample, SAMPLE, progress=False)
            code_store(sample, progress=False)
            for embedding in (None, "e5"):
                start = time.perf_counter()
                result = cross_validate(sample, coder, folds=5, embedding=embedding)
                result = result.set_index("code")
                key = "tfidf" if embedding is None else "tfidf_e5"
                out[f"sample_cv_{key}"] = {
                    "macro_f1": round(float(result.loc["(macro)", "f1"]), 3),
                    "micro_f1": round(float(result.loc["(micro)", "f1"]), 3),
                    "majority_baseline_macro_f1": round(
                        float(result.loc["(macro)", "baseline_f1"]), 3
                    ),
                    "codes": len(result) - 2,
                    "seconds": round(time.perf_counter() - start, 1),
                }
        print(json.dumps(out, indent=1))
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
