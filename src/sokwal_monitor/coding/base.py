"""Writing codings to the project store: ids, segments, runs and provenance.

Every coding is a span of a document's stored text with a code, the coder who or
what made it and its ``origin`` (``manual``, ``rule``, ``model``, ``import``). The
writers in :mod:`~sokwal_monitor.coding.manual` and :mod:`~sokwal_monitor.coding.rules`
go through :class:`CodingRun`, which logs the run (who, when, with which codebook and
options, how many codings added and removed) in the ``coding_runs`` table, inside one
transaction: an interrupted run leaves the store as it was.

Examples
--------
>>> coding_id("d1", 0, 12, "leereffect", "anna")
'c-8c6519cba3750973'
"""

from __future__ import annotations

import bisect
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from ..model import ORIGINS
from ..store import ProjectStore, now

if TYPE_CHECKING:
    from ..codebook import Codebook

__all__ = ["Coding", "CodingRun", "RowWriter", "coding_id", "save_codebook"]


def coding_id(doc_id: str, start_char: int, end_char: int, code: str, coder: str) -> str:
    """The id of a coding: derived from what it is, so the same coding gets the same id
    in every run and in every store (which merging coders' stores relies on).

    >>> coding_id("d1", 0, 12, "leereffect", "anna") == coding_id("d1", 0, 12, "leereffect", "anna")
    True
    >>> coding_id("d1", 0, 12, "leereffect", "anna") == coding_id("d1", 0, 12, "leereffect", "bas")
    False
    """
    key = "\x1f".join((doc_id, str(start_char), str(end_char), code, coder))
    return "c-" + hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Coding:
    """One coding to write: a span of a document with a code, by a coder.

    ``pattern`` says what made it when a rule or model did (the pattern that fired,
    the model and its version); ``score`` is a model's probability or a rule's count.
    """

    doc_id: str
    start_char: int
    end_char: int
    code: str
    coder: str
    origin: str = "manual"
    score: float | None = None
    memo: str = ""
    pattern: str = ""

    @property
    def coding_id(self) -> str:
        """See :func:`coding_id`."""
        return coding_id(self.doc_id, self.start_char, self.end_char, self.code, self.coder)


class _SegmentLocator:
    """Finds the segment a coding starts in, per document (loaded on first use)."""

    def __init__(self, store: ProjectStore) -> None:
        self._store = store
        self._docs: dict[str, tuple[list[int], list[int], list[int]]] = {}

    def _segments(self, doc_id: str) -> tuple[list[int], list[int], list[int]]:
        if doc_id not in self._docs:
            rows = self._store.segment_bounds(doc_id)
            self._docs[doc_id] = ([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
        return self._docs[doc_id]

    def position(self, doc_id: str, start: int, end: int) -> int | None:
        """The position of the segment holding the span's first character; when that
        character is between segments (a speaker label, a blank line), the first segment
        the span reaches into; None when it reaches into none.
        """
        starts, ends, positions = self._segments(doc_id)
        i = bisect.bisect_right(starts, start) - 1
        if i >= 0 and start < ends[i]:
            return positions[i]
        for j in range(i + 1, len(starts)):  # the next non-empty segment, if the span reaches it
            if starts[j] >= end:
                break
            if starts[j] < ends[j]:
                return positions[j]
        return None


def save_codebook(store: ProjectStore, codebook: Codebook, text: str | None = None) -> str:
    """Keep the codebook's YAML in the store (once per content); return its SHA-256.
    ``text``: its YAML (:func:`~sokwal_monitor.codebook.codebook_to_text`) when the
    caller has it already.

    Call it inside ``store.transaction()`` (a :class:`CodingRun` is one).

    >>> import tempfile, pathlib
    >>> from sokwal_monitor.codebook import load_codebook
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> with store.transaction():
    ...     sha = save_codebook(store, load_codebook())
    >>> store.codebooks()["sha256"].tolist() == [sha]
    True
    """
    from ..codebook import codebook_to_text

    if text is None:
        text = codebook_to_text(codebook)
    # codebook_sha256(codebook), without writing the YAML a second time
    sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
    store.insert_codebook(
        sha, codebook.name or "", None if codebook.version is None else str(codebook.version), text
    )
    return sha


class CodingRun:
    """A logged, transactional coding run: use as a context manager.

    Within the ``with`` block, :meth:`add` writes codings and :meth:`remove` deletes
    them (the store's other writes may be called in the block too: it is one
    ``store.transaction()``); on leaving it the run's counts are written and everything
    is committed together, or nothing is when an exception escapes.

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> with CodingRun(store, coder="anna", origin="manual") as run:
    ...     run.n_added
    0
    >>> store.coding_runs()[["coder", "origin", "n_added"]].to_dict("records")
    [{'coder': 'anna', 'origin': 'manual', 'n_added': 0}]
    """

    def __init__(
        self,
        store: ProjectStore,
        *,
        coder: str,
        origin: str,
        codebook: Codebook | None = None,
        options: dict[str, Any] | None = None,
        codebook_text: str | None = None,
    ) -> None:
        if origin not in ORIGINS:
            raise ValueError(f"origin must be one of {', '.join(ORIGINS)}, not {origin!r}")
        if not coder or not coder.strip():
            raise ValueError("a coding needs a coder name")
        self.store = store
        self.coder = coder
        self.origin = origin
        self.codebook = codebook
        self.options = options or {}
        self.codebook_text = codebook_text  # the codebook's YAML, if the caller has it
        self.run_id: int | None = None
        self.n_added = 0
        self.n_removed = 0
        self.doc_ids: set[str] = set()
        self._transaction: Any = None
        self._locator: _SegmentLocator | None = None

    def __enter__(self) -> CodingRun:
        self._transaction = self.store.transaction()
        self._transaction.__enter__()
        store = self.store
        codebook, text = self.codebook, self.codebook_text
        sha = save_codebook(store, codebook, text) if codebook is not None else None
        self.run_id = store.insert_coding_run(self.coder, self.origin, sha, self.options)
        self._locator = _SegmentLocator(store)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        transaction = self._transaction
        self._transaction = self._locator = None  # no writes after the block
        if exc_type is None and transaction is not None:
            try:
                self.store.finish_coding_run(
                    self.run_id, len(self.doc_ids), self.n_added, self.n_removed
                )
            except BaseException as err:
                transaction.__exit__(type(err), err, err.__traceback__)  # rolls back
                raise
        result: bool | None = transaction.__exit__(exc_type, exc, tb)
        return result

    def _check_open(self) -> None:
        if self._transaction is None:
            raise RuntimeError("use the CodingRun in a 'with' block")

    def add(self, codings: Iterable[Coding]) -> list[str]:
        """Write codings (ignoring exact duplicates already there); return their ids."""
        if self._locator is None or self._transaction is None:
            raise RuntimeError("use the CodingRun in a 'with' block")
        stamp = now()
        rows, ids = [], []
        for c in codings:
            cid = c.coding_id
            ids.append(cid)
            rows.append(
                (
                    cid,
                    c.doc_id,
                    self._locator.position(c.doc_id, c.start_char, c.end_char),
                    c.start_char,
                    c.end_char,
                    c.code,
                    c.coder,
                    c.origin,
                    c.score,
                    c.memo,
                    c.pattern,
                    self.run_id,
                    stamp,
                )
            )
            self.doc_ids.add(c.doc_id)
        self._insert(rows)
        return ids

    def add_rows(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Write codings given as ready rows ``(coding_id, doc_id, segment_position,
        start_char, end_char, code, coder, origin, score, memo, pattern)``, as rule
        coding's worker processes make them (ids and segments computed there)."""
        self._check_open()
        stamp = now()
        out = []
        for row in rows:
            out.append((*row, self.run_id, stamp))
            self.doc_ids.add(row[1])
        self._insert(out)

    def row_writer(self) -> RowWriter:
        """A :class:`RowWriter` that writes rows as :meth:`add_rows` takes them, in a
        thread of its own, while this one makes the next; use it as a context manager
        inside the run's ``with`` block.

        >>> import tempfile, pathlib
        >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
        >>> with CodingRun(store, coder="rule:x@1", origin="rule") as run:
        ...     with run.row_writer() as writer:
        ...         writer.add([])
        ...     run.n_added
        0
        """
        self._check_open()
        return RowWriter(self)

    def restore(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Write codings back exactly as they were (rows of the store's ``CODING_COLUMNS``,
        their own ``run_id`` and ``created_at`` included), one by one, as undo does."""
        self._check_open()
        for row in rows:
            self.n_added += self.store.insert_codings([row])
            self.doc_ids.add(row[1])

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        self._check_open()
        self.n_added += self.store.insert_codings(rows)

    def remove(
        self,
        *,
        coding_ids: Sequence[str] | None = None,
        coder: str | None = None,
        coder_prefix: str | None = None,
        origin: str | None = None,
        code: str | None = None,
        doc_id: str | None = None,
        doc_ids: Iterable[str] | None = None,
    ) -> int:
        """Delete the codings matching every filter given (see the store's
        ``delete_codings``); return how many."""
        self._check_open()
        n = self.store.delete_codings(
            coding_ids=coding_ids,
            coder=coder,
            coder_prefix=coder_prefix,
            origin=origin,
            code=code,
            doc_id=doc_id,
            doc_ids=doc_ids,
        )
        self.n_removed += n
        return n


class RowWriter:
    """Writes a :class:`CodingRun`'s rows (as :meth:`CodingRun.add_rows` takes them) in
    a thread of its own, in the order given, inside the run's transaction: SQLite
    inserts each batch in a few statements of many rows
    (:meth:`ProjectStore.insert_coding_rows`) while Python's other thread goes on.
    Reads of the store by the caller while the writer is open go inside ``with
    writer.lock:``, so that the two threads never use the connection at once.

    Leaving the ``with`` block waits for the writes and raises the first error one of
    them met (the run's transaction then rolls back); leaving it with an exception
    drops the rows not yet written.

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> with CodingRun(store, coder="rule:x@1", origin="rule") as run:
    ...     with run.row_writer() as writer:
    ...         with writer.lock:
    ...             n_docs = len(store.text_document_ids())
    >>> n_docs
    0
    """

    _DEPTH = 2  # batches waiting at most: the caller makes at most this many ahead

    def __init__(self, run: CodingRun) -> None:
        import queue
        import threading

        self.run = run
        self.lock = threading.Lock()
        self._queue: queue.Queue[tuple[list[tuple[Any, ...]], str] | None] = queue.Queue(
            self._DEPTH
        )
        self._error: BaseException | None = None
        self._abort = False
        self._thread = threading.Thread(target=self._work, name="sokwal-coding-writer")
        self._started = False

    def __enter__(self) -> RowWriter:
        self._thread.start()
        self._started = True
        return self

    def add(self, rows: list[tuple[Any, ...]]) -> None:
        """Queue rows ``(coding_id, doc_id, segment_position, start_char, end_char,
        code, coder, origin, score, memo, pattern)`` to write; waits while the writer is
        :data:`_DEPTH` batches behind. Raises the error an earlier write met."""
        if not self._started:
            raise RuntimeError("use the RowWriter in a 'with' block")
        if self._error is not None:
            raise self._error
        if rows:
            self._queue.put((rows, now()))

    def _work(self) -> None:
        run, store, lock = self.run, self.run.store, self.lock
        while (item := self._queue.get()) is not None:
            if self._error is not None or self._abort:
                continue
            rows, stamp = item
            try:
                with lock:
                    run.n_added += store.insert_coding_rows(rows, run.run_id, stamp)
                run.doc_ids.update(row[1] for row in rows)
            except BaseException as err:  # handed to the caller's thread
                self._error = err

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if exc_type is not None:
            self._abort = True
        self._queue.put(None)
        self._thread.join()
        if exc_type is None and self._error is not None:
            raise self._error
