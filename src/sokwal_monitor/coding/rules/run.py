"""Rule-coding a project store: :func:`code_store` and its report, the segments in
chunks, coded in this process or in forked worker processes, replacing the earlier
rule codings of the same codebook."""

from __future__ import annotations

import hashlib
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from os import PathLike
from typing import TYPE_CHECKING, Any

from ...codebook import Codebook, load_codebook
from ...store import ProjectStore
from ..base import CodingRun
from .coder import RuleCoder, Scope, _rule_coder_prefix

if TYPE_CHECKING:
    import pandas as pd
    from spacy.tokens import Doc

__all__ = ["RuleCodingReport", "code_store"]


@dataclass
class RuleCodingReport:
    """What :func:`code_store` did."""

    coder: str
    scope: str
    run_id: int
    n_documents: int = 0
    n_segments: int = 0
    n_tokens: int = 0
    n_added: int = 0
    n_removed: int = 0
    workers: int = 1
    per_code: dict[str, int] = field(default_factory=dict)

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.coder}: {self.n_added} codings ({self.scope}) in {self.n_segments} segments"
            f" of {self.n_documents} documents; {self.n_removed} earlier rule codings replaced"
        )

    def to_frame(self) -> pd.DataFrame:
        """Codings per code (every code of the codebook, also those with none)."""
        import pandas as pd

        return pd.DataFrame(
            {"code": list(self.per_code), "n_codings": list(self.per_code.values())}
        )


def code_store(
    store: ProjectStore,
    codebook: Codebook | str | PathLike[str] | None = None,
    *,
    coder: str | None = None,
    scope: Scope = "match",
    interviewer: bool = False,
    documents: Iterable[str] | None = None,
    batch_size: int = 128,
    workers: int | None = None,
    progress: bool | None = None,
) -> RuleCodingReport:
    """Rule-code the documents of a store with a codebook's patterns.

    Parameters
    ----------
    store : ProjectStore
    codebook : Codebook or path, optional
        Default: the bundled ``sociale_kwaliteit`` codebook.
    coder : str, optional
        The coder name; default :func:`rule_coder_name`. A re-run replaces the rule
        codings of that coder, and with the default name those of every earlier
        version of the same codebook (so edits of patterns do not pile up).
    scope : {"match", "sentence", "segment"}
    interviewer : bool, default False
        Also code the interviewer's turns (left out by default: questions are not
        evidence). Report paragraphs and turns with no known role are always coded.
    documents : iterable of doc_id, optional
        Code only these (default: every current document that is not a survey); only
        their earlier rule codings are replaced.
    workers : int, optional
        Processes that tokenize and match (default: one per core, at most 4, when
        there are more than 4 MB of text, on Linux). The codings do not depend on it.
    progress : bool, optional
        A progress bar on standard error; by default only on a terminal.

    Everything happens in one transaction: an interrupted run leaves the codings as
    they were.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "P01_w1.txt").write_text("Interviewer: Wat heb je geleerd?\\n"
    ...     "Respondent: We hebben geleerd dat overleg met de gemeente helpt.\\n",
    ...     encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> report = code_store(store)
    >>> print(report.summary())  # doctest: +ELLIPSIS
    rule:sociale_kwaliteit@...: 3 codings (match) in 1 segments of 1 documents; ...
    >>> for row in store.codings().itertuples():
    ...     print(row.code, "|", row.text, "|", row.origin)
    inzicht_opgedaan | We hebben geleerd | rule
    leereffecten | geleerd | rule
    samenwerking_gemeente | overleg met de gemeente | rule
    """
    if codebook is None:
        codebook = load_codebook()
    elif not isinstance(codebook, Codebook):
        codebook = load_codebook(codebook)
    rules = RuleCoder(codebook, scope=scope)
    name = coder or rules.coder
    if documents is None:
        doc_ids = store.text_document_ids()
    else:
        doc_ids = list(dict.fromkeys(documents))
        known = set(store.text_document_ids(all_versions=True))
        unknown = [d for d in doc_ids if d not in known]
        if unknown:
            raise KeyError(f"no (text) document {unknown[0]!r} in {store.path}")
    options = {"scope": scope, "interviewer": interviewer, "codebook": codebook.name}
    show = sys.stderr.isatty() if progress is None else progress
    n_workers = _worker_count(store, doc_ids, workers)
    with CodingRun(
        store,
        coder=name,
        origin="rule",
        codebook=codebook,
        options=options,
        codebook_text=rules.codebook_text,
    ) as run:
        report = RuleCodingReport(name, scope, run.run_id or 0, workers=n_workers)
        report.per_code = {code.name: 0 for code in codebook}
        _remove_previous(run, name, coder is None, codebook, doc_ids)
        bar = _progress_bar(store, doc_ids) if show else None
        # a thread writes each chunk's codings while this one codes the next
        with run.row_writer() as writer:
            chunks = _chunks(store, doc_ids, interviewer, report, writer.lock)
            coded = _code_chunks(rules, chunks, n_workers, batch_size, name)
            for rows, counts, n_tokens, n_chars in coded:
                report.n_tokens += n_tokens
                for code, n in counts.items():
                    report.per_code[code] = report.per_code.get(code, 0) + n
                writer.add(rows)
                if bar is not None:
                    bar.update(n_chars)
        if bar is not None:
            bar.close()
        report.n_documents = len(doc_ids)
    report.n_added, report.n_removed = run.n_added, run.n_removed
    return report


# a chunk: segments to code as (doc_id, position, start_char, text), ~_CHUNK_CHARS long
_Chunk = list[tuple[str, int, int, str]]
# what coding a chunk gives: rows for CodingRun.add_rows, codings per code, tokens, chars
_Coded = tuple[list[tuple[Any, ...]], dict[str, int], int, int]
_CHUNK_CHARS = 200_000
_WORKER_RULES: list[tuple[RuleCoder, int, str]] = []  # set before forking workers


def _chunks(
    store: ProjectStore,
    doc_ids: list[str],
    interviewer: bool,
    report: RuleCodingReport,
    lock: AbstractContextManager[Any],
) -> Iterator[_Chunk]:
    """The segments to code, document by document, in chunks of about 200 000 chars
    (read holding ``lock``: the writer thread's, while it may be writing)."""
    chunk: _Chunk = []
    size = 0
    for doc_id in doc_ids:
        with lock:
            text = store.text(doc_id)
            segments = store.segments_to_code(doc_id)
        for position, start, end, role in segments:
            if end > start and (interviewer or role != "interviewer"):
                report.n_segments += 1
                chunk.append((doc_id, position, start, text[start:end]))
                size += end - start
        if size >= _CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _code_chunk(rules: RuleCoder, chunk: _Chunk, batch_size: int, coder: str) -> _Coded:
    """Code one chunk: the codings as ready rows (ids made here, so in the workers when
    there are some), the codings per code, the number of tokens and of characters."""
    rows: list[tuple[Any, ...]] = []
    add = rows.append
    counts: dict[str, int] = {}
    n_chars = 0
    sha256 = hashlib.sha256
    # coding_id() inlined: the same key, "\x1f".join((doc_id, start, end, code, coder))
    tail = f"\x1f{coder}"
    texts = [text for *_, text in chunk]
    docs = rules.nlp.pipe(texts, batch_size=batch_size, disable=rules.disabled_pipes())
    tokens = [0]
    docs = _counting(docs, tokens)
    # the whole chunk at once: its regexes first, then each doc's matchers as it comes
    coded = rules.code_spans_batch(texts, docs)
    for (doc_id, position, offset, text), spans in zip(chunk, coded, strict=True):
        n_chars += len(text)
        if not spans:
            continue
        head = f"{doc_id}\x1f"
        for code, start, end, pattern, score in spans:
            start += offset
            end += offset
            key = f"{head}{start}\x1f{end}\x1f{code}{tail}"
            cid = "c-" + sha256(key.encode()).hexdigest()[:16]
            add((cid, doc_id, position, start, end, code, coder, "rule", float(score), "", pattern))
            counts[code] = counts.get(code, 0) + 1
    return rows, counts, tokens[0], n_chars


def _counting(docs: Iterable[Doc], tokens: list[int]) -> Iterator[Doc]:
    """``docs`` as they come, their tokens counted in ``tokens[0]``."""
    for doc in docs:
        tokens[0] += len(doc)
        yield doc


def _code_chunk_in_worker(chunk: _Chunk) -> _Coded:
    rules, batch_size, coder = _WORKER_RULES[0]
    return _code_chunk(rules, chunk, batch_size, coder)


def _code_chunks(
    rules: RuleCoder, chunks: Iterator[_Chunk], workers: int, batch_size: int, coder: str
) -> Iterator[_Coded]:
    """Code the chunks in order, in this process or in ``workers`` forked processes
    (which inherit the compiled rules); at most two chunks per worker in flight."""
    if workers <= 1:
        # the next chunk is read from the store before this one's rows go to the
        # writer thread: reading waits for the writer's lock, which is free while
        # this thread codes but taken as soon as it has rows to write
        chunk = next(chunks, None)
        while chunk is not None:
            coded = _code_chunk(rules, chunk, batch_size, coder)
            chunk = next(chunks, None)
            yield coded
        return
    from concurrent.futures import Future, ProcessPoolExecutor

    from ...ingestion.prepare import process_context

    _WORKER_RULES[:] = [(rules, batch_size, coder)]
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=process_context())
    try:
        pending: deque[Future[_Coded]] = deque()
        for chunk in chunks:
            pending.append(pool.submit(_code_chunk_in_worker, chunk))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
        _WORKER_RULES.clear()


def _worker_count(store: ProjectStore, doc_ids: list[str], requested: int | None) -> int:
    """``requested``, or one process per core (at most 4) for more than 4 MB of text on
    Linux (forked workers inherit the compiled rules), else 1."""
    import os

    from ...ingestion.prepare import PARALLEL_MIN_BYTES, process_context

    if requested is not None:
        return max(1, requested)
    if process_context().get_start_method() != "fork":
        return 1
    chars = store.current_chars()
    if len(doc_ids) < 2 or chars < PARALLEL_MIN_BYTES:
        return 1
    return min(os.cpu_count() or 1, 4)


def _progress_bar(store: ProjectStore, doc_ids: list[str]) -> Any:
    from tqdm import tqdm

    total = store.document_chars(doc_ids)
    return tqdm(total=total, desc="code", unit="char", unit_scale=True, file=sys.stderr)


def _remove_previous(
    run: CodingRun, name: str, default_name: bool, codebook: Codebook, doc_ids: list[str]
) -> None:
    """Delete the earlier rule codings this run replaces, in the documents it codes."""
    # with the default name: every version of the same codebook
    prefix = _rule_coder_prefix(codebook) if default_name else None
    run.remove(origin="rule", coder=name, coder_prefix=prefix, doc_ids=doc_ids)
