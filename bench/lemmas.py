"""Benchmark: lemma accuracy of ``nlp.dutch_pipeline()`` on held-out UD Dutch text, and
its speed.

The gold tokens of the UD Dutch development sets (``../shared/ud-dutch``: Alpino and
LassySmall, CC BY-SA 4.0) are put into Docs as they are and run through the
pipeline's components; lemmas are compared lower-cased, punctuation, symbols and
numbers left out (:mod:`sokwal_monitor.nlp.ud`). Only the held-out half of each
treebank is scored (every second document; the shipped UD table was learned from the
other half). Prints one JSON object per treebank: accuracy of all tokens, of content
words (NOUN, VERB, ADJ, PROPN) and per UPOS tag, also ``strict`` (compound lemmas must
be written exactly as UD writes them, without the linking sound: *vrouwwijding*); and
words/s of the whole pipeline on the held-out text, first with a fresh lemma cache,
then warm.

    .venv/bin/python bench/lemmas.py [--ud ../shared/ud-dutch]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from sokwal_monitor.nlp import build_pipeline, dutch_pipeline
from sokwal_monitor.nlp.ud import GoldSentence, read_conllu, score, split_by_document

ROOT = Path(__file__).resolve().parents[1]
TREEBANKS = {"alpino": "nl_alpino-ud-dev.conllu", "lassysmall": "nl_lassysmall-ud-dev.conllu"}


def gold_lemmas(sentences: list[GoldSentence]) -> list[list[str]]:
    """The pipeline's lemmas of the gold tokens, sentence by sentence."""
    from spacy.tokens import Doc

    nlp = dutch_pipeline()
    out = []
    for sentence in sentences:
        doc = Doc(nlp.vocab, words=list(sentence.words))
        for _, component in nlp.pipeline:
            doc = component(doc)
        out.append([token.lemma_ for token in doc])
    return out


def words_per_s(sentences: list[GoldSentence], repeat: int = 5) -> dict[str, int]:
    """Words/s of a fresh pipeline on the sentences' text, its first pass (each form
    looked up once) and the best of ``repeat`` more."""
    texts = [" ".join(s.words) for s in sentences]
    n_words = sum(len(s.words) for s in sentences)
    nlp = build_pipeline()
    nlp.get_pipe("lemmatizer").table  # noqa: B018  # the table is loaded before timing
    times = []
    for _ in range(repeat + 1):
        start = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=128):
            pass
        times.append(time.perf_counter() - start)
    return {"first_pass": round(n_words / times[0]), "warm": round(n_words / min(times[1:]))}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--ud", type=Path, default=ROOT.parent / "shared" / "ud-dutch")
    args = parser.parse_args(argv)
    result: dict[str, object] = {}
    for name, file in TREEBANKS.items():
        learn, held_out = split_by_document(read_conllu(args.ud / file))
        predicted = gold_lemmas(held_out)
        scores = score(held_out, predicted)
        strict = score(held_out, predicted, compounds=False)
        result[name] = {
            "held_out_documents": len({s.doc_id for s in held_out}),
            "held_out_sentences": len(held_out),
            "learning_documents": len({s.doc_id for s in learn}),
            "accuracy_all": scores["all"]["accuracy"],
            "accuracy_content": scores["content"]["accuracy"],
            "strict_accuracy_all": strict["all"]["accuracy"],
            "strict_accuracy_content": strict["content"]["accuracy"],
            "per_pos": {k: v for k, v in scores.items() if k not in ("all", "content")},
            "tokens_scored": scores["all"]["n"],
            "words_per_s": words_per_s(held_out),
        }
    print(json.dumps(result, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
