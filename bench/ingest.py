"""Benchmark: ingest a ~10 M-word corpus of transcripts (txt and docx) and compare
with spaCy's blank Dutch tokenizer over the same text.

Prints one JSON object: corpus size, ingest seconds, MB/s, words/s, peak memory, and
``ratio_to_tokenizer`` = ingest time / tokenizer time (target: <= 2), for the default
ingest (worker processes, one per core) and for one process. All passes run in this
one process, one after the other, so the ratios are measured in one run. The text is
made of sentences from the sample corpus, so its vocabulary is that of spoken Dutch.

    .venv/bin/python bench/ingest.py              # ~10 M words
    .venv/bin/python bench/ingest.py --words 1e6  # a quick look
"""

from __future__ import annotations

import argparse
import json
import random
import re
import resource
import shutil
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from sokwal_monitor import ProjectStore, ingest, read_document, supported_suffixes
from sokwal_monitor.ingestion.prepare import Job, worker_count
from sokwal_monitor.ingestion.transcripts import segment_transcript

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def sample_sentences() -> tuple[list[str], list[str]]:
    """Questions and other sentences from the sample corpus's transcripts and reports,
    so the benchmark text has the vocabulary and rhythm of real spoken Dutch."""
    questions, sentences = [], []
    for path in sorted(SAMPLE.rglob("*")):
        if path.suffix.lower() not in set(supported_suffixes()):
            continue
        doc = read_document(path)
        for seg in segment_transcript(doc):
            for sent in re.split(r"(?<=[.!?])\s+", doc.text[seg.start_char : seg.end_char]):
                sent = " ".join(sent.split())
                if len(sent.split()) >= 3:
                    (questions if sent.endswith("?") else sentences).append(sent)
    return questions, sentences


def turns(rng: random.Random, n_words: int, pool: tuple[list[str], list[str]]) -> list:
    """Alternate interviewer questions and multi-sentence answers up to n_words."""
    questions, sentences = pool
    out, count = [], 0
    while count < n_words:
        answer = " ".join(rng.choices(sentences, k=rng.randint(2, 8)))
        question = rng.choice(questions)
        out += [("Interviewer", question), ("Respondent", answer)]
        count += len(question.split()) + len(answer.split())
    return out


def write_txt(path: Path, pairs: list[tuple[str, str]]) -> None:
    path.write_text("\n".join(f"{who}: {what}" for who, what in pairs) + "\n", encoding="utf-8")


def write_docx(path: Path, pairs: list[tuple[str, str]]) -> None:
    """A minimal but valid .docx with a bold speaker label per paragraph."""
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    body = "".join(
        f'<w:p><w:r><w:rPr><w:b/></w:rPr><w:t xml:space="preserve">{who}: </w:t></w:r>'
        f"<w:r><w:t>{escape(what)}</w:t></w:r></w:p>"
        for who, what in pairs
    )
    document = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document {ns}><w:body>{body}</w:body></w:document>'  # noqa: E501
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
        'ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType='
        '"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", content_types)
        zf.writestr("_rels/.rels", rels)
        zf.writestr("word/document.xml", document)


def build_corpus(folder: Path, total_words: int, words_per_file: int, seed: int) -> int:
    rng = random.Random(seed)
    pool = sample_sentences()
    n_files = max(2, total_words // words_per_file)
    for i in range(n_files):
        pairs = turns(rng, words_per_file, pool)
        name = f"P{i % 40 + 1:02d}_{2018 + i % 2}_interview_{i:04d}"
        if i % 2:
            write_docx(folder / f"{name}.docx", pairs)
        else:
            write_txt(folder / f"{name}.txt", pairs)
    return n_files


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--words", type=float, default=10e6, help="corpus size in words")
    parser.add_argument("--words-per-file", type=int, default=25_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    workdir = Path(tempfile.mkdtemp(prefix="sokwal-bench-"))
    try:
        corpus = workdir / "corpus"
        corpus.mkdir()
        n_files = build_corpus(corpus, int(args.words), args.words_per_file, args.seed)
        n_bytes = sum(p.stat().st_size for p in corpus.iterdir())
        rss_before = peak_rss_mb()

        start = time.perf_counter()
        report = ingest(workdir / "bench.sokwal", corpus, progress=False)
        ingest_s = time.perf_counter() - start
        rss_ingest = peak_rss_mb()
        if report.failed:
            print(report.to_frame().query("status == 'failed'"), file=sys.stderr)
            return 1
        start = time.perf_counter()  # the same in one process, for comparison
        ingest(workdir / "serial.sokwal", corpus, progress=False, workers=1)
        serial_s = time.perf_counter() - start

        with ProjectStore(workdir / "bench.sokwal") as store:
            texts = [store.text(d) for d in store.documents()["doc_id"]]
            n_segments = int(store.info()["segments"].sum())
        import spacy

        nlp = spacy.blank("nl")
        start = time.perf_counter()
        n_tokens = sum(len(doc) for doc in nlp.tokenizer.pipe(texts))
        tokenizer_s = time.perf_counter() - start
        n_words = sum(len(t.split()) for t in texts)
        print(
            json.dumps(
                {
                    "files": n_files,
                    "words": n_words,
                    "tokens": n_tokens,
                    "segments": n_segments,
                    "input_mb": round(n_bytes / 1e6, 1),
                    "text_mb": round(sum(len(t.encode()) for t in texts) / 1e6, 1),
                    "ingest_s": round(ingest_s, 2),
                    "ingest_mb_per_s": round(n_bytes / 1e6 / ingest_s, 2),
                    "ingest_words_per_s": round(n_words / ingest_s),
                    "tokenizer_s": round(tokenizer_s, 2),
                    "tokenizer_words_per_s": round(n_words / tokenizer_s),
                    "ratio_to_tokenizer": round(ingest_s / tokenizer_s, 2),
                    "workers": worker_count(
                        [Job(p, None) for p in corpus.iterdir()], requested=None
                    ),
                    "ingest_s_one_process": round(serial_s, 2),
                    "ratio_to_tokenizer_one_process": round(serial_s / tokenizer_s, 2),
                    "peak_rss_mb_before_ingest": round(rss_before),
                    "peak_rss_mb_after_ingest": round(rss_ingest),
                    "store_mb": round((workdir / "bench.sokwal").stat().st_size / 1e6, 1),
                },
                indent=1,
            )
        )
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
