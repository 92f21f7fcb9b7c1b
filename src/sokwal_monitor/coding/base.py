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
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from types import TracebackType
from typing import TYPE_CHECKING, Any

from .._version import __version__
from ..model import ORIGINS
from ..store import ProjectStore, now

if TYPE_CHECKING:
    from ..codebook import Codebook

__all__ = ["Coding", "CodingRun", "coding_id", "save_codebook"]


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

    def __init__(self, con: sqlite3.Connection) -> None:
        self._con = con
        self._docs: dict[str, tuple[list[int], list[int], list[int]]] = {}

    def _segments(self, doc_id: str) -> tuple[list[int], list[int], list[int]]:
        if doc_id not in self._docs:
            rows = self._con.execute(
                "SELECT start_char, end_char, position FROM segments WHERE doc_id = ?"
                " ORDER BY start_char, end_char, position",
                (doc_id,),
            ).fetchall()
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


def save_codebook(con: sqlite3.Connection, codebook: Codebook) -> str:
    """Keep the codebook's YAML in the store (once per content); return its SHA-256."""
    from ..codebook import codebook_sha256, codebook_to_text

    sha = codebook_sha256(codebook)
    con.execute(
        "INSERT OR IGNORE INTO codebooks (sha256, name, version, content, added_at)"
        " VALUES (?, ?, ?, ?, ?)",
        (
            sha,
            codebook.name or "",
            None if codebook.version is None else str(codebook.version),
            codebook_to_text(codebook),
            now(),
        ),
    )
    return sha


class CodingRun:
    """A logged, transactional coding run: use as a context manager.

    Within the ``with`` block, :meth:`add` writes codings and :meth:`remove` deletes
    them; on leaving it the run's counts are written and everything is committed
    together, or nothing is when an exception escapes.

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
        self.run_id: int | None = None
        self.n_added = 0
        self.n_removed = 0
        self.doc_ids: set[str] = set()
        self._transaction: Any = None
        self._con: sqlite3.Connection | None = None
        self._locator: _SegmentLocator | None = None

    def __enter__(self) -> CodingRun:
        self._transaction = self.store.transaction()
        con = self._con = self._transaction.__enter__()
        sha = save_codebook(con, self.codebook) if self.codebook is not None else None
        cur = con.execute(
            "INSERT INTO coding_runs (started_at, coder, origin, codebook_sha256, options,"
            " written_by) VALUES (?, ?, ?, ?, ?, ?)",
            (
                now(),
                self.coder,
                self.origin,
                sha,
                json.dumps(self.options, ensure_ascii=False, sort_keys=True),
                f"sokwal-monitor {__version__}",
            ),
        )
        self.run_id = cur.lastrowid
        self._locator = _SegmentLocator(con)
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> bool | None:
        transaction, con = self._transaction, self._con
        self._transaction = self._con = self._locator = None  # no writes after the block
        if exc_type is None and con is not None:
            try:
                con.execute(
                    "UPDATE coding_runs SET finished_at = ?, n_documents = ?, n_added = ?,"
                    " n_removed = ? WHERE run_id = ?",
                    (now(), len(self.doc_ids), self.n_added, self.n_removed, self.run_id),
                )
            except BaseException as err:
                transaction.__exit__(type(err), err, err.__traceback__)  # rolls back
                raise
        result: bool | None = transaction.__exit__(exc_type, exc, tb)
        return result

    @property
    def con(self) -> sqlite3.Connection:
        """The connection of the run's transaction (only inside the ``with`` block)."""
        if self._con is None:
            raise RuntimeError("use the CodingRun in a 'with' block")
        return self._con

    def add(self, codings: Iterable[Coding]) -> list[str]:
        """Write codings (ignoring exact duplicates already there); return their ids."""
        if self._locator is None or self._con is None:
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
        if self._con is None:
            raise RuntimeError("use the CodingRun in a 'with' block")
        stamp = now()
        out = []
        for row in rows:
            out.append((*row, self.run_id, stamp))
            self.doc_ids.add(row[1])
        self._insert(out)

    def _insert(self, rows: list[tuple[Any, ...]]) -> None:
        con = self.con
        before = con.total_changes
        # only an existing coding_id is skipped: OR IGNORE would also drop, silently, a
        # coding that breaks a CHECK (a reversed span, an empty code) and return its id
        con.executemany(
            "INSERT INTO codings (coding_id, doc_id, segment_position, start_char,"
            " end_char, code, coder, origin, score, memo, pattern, run_id, created_at)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
            " ON CONFLICT (coding_id) DO NOTHING",
            rows,
        )
        self.n_added += con.total_changes - before

    def remove(self, where: str, params: Iterable[Any] = ()) -> int:
        """Delete the codings matching an SQL condition on ``codings``; return how many."""
        cur = self.con.execute(f"DELETE FROM codings WHERE {where}", tuple(params))
        self.n_removed += cur.rowcount
        return cur.rowcount
