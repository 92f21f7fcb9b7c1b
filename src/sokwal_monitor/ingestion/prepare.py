"""Reading and segmenting one file, in this process or in a pool of worker processes.

This is the CPU-heavy half of an ingest and touches no store, so it can run in
parallel; :func:`prepare_all` yields results in the order of the jobs, so an ingest
writes the same rows whatever the number of workers.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "P01_2018_interview.txt"
>>> _ = path.write_text("I: Hoe begon het?\\nR: Met koffie.\\n", encoding="utf-8")
>>> [(r.kind, len(r.rows)) for r in prepare_all([Job(path, kind=None)], workers=1)]
[('interview', 2)]
"""

from __future__ import annotations

import os
import pickle
import sys
from collections import deque
from collections.abc import Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field
from multiprocessing import get_context
from multiprocessing.context import BaseContext
from pathlib import Path

from ..errors import SokwalError, UnreadableFileError
from ..model import Segment
from ..store.ingestion import SEGMENT_FIELDS
from .readers import read_document
from .surveys import SURVEY_SUFFIXES, SurveyFile, read_survey
from .transcripts import RoleMap, is_dialogue, segment_paragraphs, segment_transcript

__all__ = [
    "PARALLEL_MIN_BYTES",
    "ROW_FIELDS",
    "Job",
    "Prepared",
    "prepare",
    "prepare_all",
    "process_context",
    "worker_count",
]

#: Below this many bytes to read, worker processes cost more than they save.
PARALLEL_MIN_BYTES = 4_000_000


@dataclass(frozen=True)
class Job:
    """One file to read: its path, the kind its metadata gives (or None), speaker roles."""

    path: Path
    kind: str | None
    roles: RoleMap | None = None


#: The fields of a segment row, in the order :attr:`Prepared.rows` holds them (the
#: order the store's ``insert_segments`` takes).
ROW_FIELDS = SEGMENT_FIELDS


@dataclass
class Prepared:
    """A read and segmented file, or the error that stopped it.

    Only what the store needs travels back from a worker: the text, the document's
    attributes, and the segments as plain tuples (see :data:`ROW_FIELDS`), which
    pickle several times faster than objects.
    """

    kind: str = "other"
    text: str = ""
    format: str = ""
    title: str | None = None
    properties: dict = field(default_factory=dict)
    rows: list[tuple] = field(default_factory=list)
    survey: SurveyFile | None = None
    warnings: list[str] = field(default_factory=list)
    error: SokwalError | None = None


def prepare(job: Job) -> Prepared:
    """Read, classify and segment one file; expected failures come back as ``error``."""
    try:
        return _prepare(job)
    except SokwalError as err:
        return Prepared(error=err)
    except OSError as err:
        cause = f"could not be read from disk ({err.strerror or err})"
        return Prepared(error=UnreadableFileError(job.path, cause))
    except ImportError as err:  # a format's optional parser is not installed
        cause = f"the reader for {job.path.suffix.lower()} files could not be loaded ({err})"
        return Prepared(error=UnreadableFileError(job.path, cause, "install the package it needs"))


def _prepare(job: Job) -> Prepared:
    if job.path.suffix.lower() in SURVEY_SUFFIXES:
        fmt = job.path.suffix.lower().lstrip(".")
        return Prepared(kind="survey", format=fmt, survey=read_survey(job.path))
    doc = read_document(job.path)
    if job.kind in (None, "interview"):  # segment once, and classify by the result
        segments = segment_transcript(doc, job.roles)
        kind = job.kind or ("interview" if is_dialogue(segments) else "other")
        if kind == "other" and any(s.speaker for s in segments):
            segments = segment_paragraphs(doc)  # one lone label does not make a dialogue
    else:
        kind = job.kind
        segments = segment_paragraphs(doc)
    warnings = list(doc.properties.pop("warnings", []))
    if kind == "interview" and not any(s.speaker for s in segments):
        warnings.append("no speaker labels found; segmented into paragraphs")
    return Prepared(
        kind=kind,
        text=doc.text,
        format=doc.format,
        title=doc.title,
        properties=doc.properties,
        rows=[_row(s) for s in segments],
        warnings=warnings,
    )


def _row(s: Segment) -> tuple:
    """A segment as a tuple in :data:`ROW_FIELDS` order (spelled out: it is a hot loop)."""
    return (s.position, s.speaker, s.role, s.start_char, s.end_char, s.start_time,
            s.end_time, s.section, s.page)  # fmt: skip


def _picklable(value: object) -> bool:
    try:
        pickle.dumps(value)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def process_context() -> BaseContext:
    """Fork where the platform forks safely (Linux): workers start at once and a
    script without an ``if __name__ == "__main__"`` guard is not run again in them.
    Elsewhere spawn, which re-imports the main module: only used when asked for."""
    return get_context("fork" if sys.platform.startswith("linux") else "spawn")


def worker_count(jobs: Sequence[Job], requested: int | None) -> int:
    """How many processes to use: ``requested``, or by default one per core (at most
    4) when there is enough to read (on Linux); 1 when the roles cannot be sent to a
    worker."""
    if requested is not None:
        n = max(1, requested)
    elif process_context().get_start_method() != "fork":
        n = 1
    else:
        size = sum(job.path.stat().st_size for job in jobs if job.path.is_file())
        n = min(os.cpu_count() or 1, 4) if size >= PARALLEL_MIN_BYTES and len(jobs) >= 4 else 1
    if n > 1 and jobs and not _picklable(jobs[0].roles):
        n = 1  # a lambda or local function as roles: stay in this process
    return min(n, max(1, len(jobs)))


def prepare_all(
    jobs: Sequence[Job], *, workers: int | None = None
) -> Generator[Prepared, None, None]:
    """Yield :func:`prepare` of each job, in order, using ``workers`` processes.

    At most two jobs per worker are in flight, so memory stays bounded however many
    files there are.
    """
    n = worker_count(jobs, workers)
    if n == 1:
        yield from map(prepare, jobs)
        return
    pool = ProcessPoolExecutor(max_workers=n, mp_context=process_context())
    try:
        pending: deque[Future[Prepared]] = deque()
        queue = iter(jobs)
        for job in queue:
            pending.append(pool.submit(prepare, job))
            if len(pending) >= 2 * n:
                break
        while pending:
            result = pending.popleft().result()
            nxt = next(queue, None)
            if nxt is not None:
                pending.append(pool.submit(prepare, nxt))
            yield result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
