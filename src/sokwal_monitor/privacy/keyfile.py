"""The key file: the only place where original personal data is kept.

A separate SQLite file (``*.sokwal-key``), never inside the project store and never
read by exports or reports. It holds each document's original text and speaker
labels, the pseudonym table (which person is ``[PERSOON-12]``), every original
mention, the researcher's allow and deny lists, and the replacements applied to each
document, so a later run can start again from the originals with corrected lists.
Keep it apart from the store (an encrypted drive); whoever has it can undo the
pseudonymization.

>>> import tempfile, pathlib
>>> key = KeyFile(pathlib.Path(tempfile.mkdtemp()) / "project.sokwal-key")
>>> key.add_lists(allow=["Markeveen"], deny=["Jansen"])
>>> key.lists()
(['Markeveen'], ['Jansen'])
>>> key.close()
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import StoreError
from .entities import Pseudonyms
from .offsets import Replacement

__all__ = ["KEY_SUFFIX", "KeyFile", "Original"]

#: The suffix of key files (ingest ignores such files in a folder).
KEY_SUFFIX = ".sokwal-key"
_APPLICATION_ID = 0x534B574B  # "SKWK"
_KEY_HINT = "give the *.sokwal-key file made by an earlier pseudonymize run, or a new file name"
_SCHEMA = """
CREATE TABLE info (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE originals (
    doc_id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    title TEXT,
    speakers TEXT NOT NULL DEFAULT '{}',
    sections TEXT NOT NULL DEFAULT '{}',
    attributes TEXT NOT NULL DEFAULT '{}'
);
CREATE TABLE entities (
    category TEXT NOT NULL,
    key TEXT NOT NULL,
    number INTEGER NOT NULL,
    PRIMARY KEY (category, key),
    UNIQUE (category, number)
);
CREATE TABLE mentions (
    category TEXT NOT NULL,
    key TEXT NOT NULL,
    text TEXT NOT NULL,
    PRIMARY KEY (category, key, text)
);
CREATE TABLE replacements (
    doc_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('applied', 'pending')),
    start INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    new TEXT NOT NULL,
    PRIMARY KEY (doc_id, state, start)
);
CREATE TABLE pending_docs (doc_id TEXT PRIMARY KEY);
CREATE TABLE lists (
    kind TEXT NOT NULL CHECK (kind IN ('allow', 'deny')),
    value TEXT NOT NULL,
    PRIMARY KEY (kind, value)
)
"""
# added later (issue 14), so also made in key files of earlier versions: the originals of
# short values outside the texts (survey answers, metadata, memos, paths) and what was
# written to the store in their place
_VALUES = """CREATE TABLE IF NOT EXISTS value_originals (
    kind TEXT NOT NULL,
    ident TEXT NOT NULL,
    original TEXT NOT NULL,
    written TEXT NOT NULL,
    previous TEXT,
    PRIMARY KEY (kind, ident)
)"""


class Original(NamedTuple):
    """What a document held before pseudonymization: its text, title, speaker labels
    and section headings by segment position, and its metadata attributes."""

    text: str
    title: str | None
    speakers: dict[int, str]
    sections: dict[int, str]
    attributes: dict[str, Any]


class KeyFile:
    """Open (or create) a key file.

    Raises
    ------
    StoreError
        When the file exists but is not a sokwal-monitor key file.
    """

    def __init__(self, path: str | PathLike[str]) -> None:
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._con = sqlite3.connect(self.path, isolation_level=None)
            app = self._con.execute("PRAGMA application_id").fetchone()[0]
            tables = self._con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        except sqlite3.DatabaseError as err:
            if hasattr(self, "_con"):  # opened, but not a database: do not leak it
                self._con.close()
            cause = f"not a sokwal-monitor key file ({err})"
            raise StoreError(self.path, cause, _KEY_HINT) from err
        if tables and app != _APPLICATION_ID:
            self._con.close()
            raise StoreError(self.path, "not a sokwal-monitor key file", _KEY_HINT)
        self._con.execute("PRAGMA secure_delete = ON")
        if not tables:
            with self._tx():
                for statement in _SCHEMA.split(";"):
                    self._con.execute(statement)
                self._con.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
                created = datetime.now(UTC).isoformat(timespec="seconds")
                self._con.executemany(
                    "INSERT INTO info VALUES (?, ?)",
                    [("key_id", uuid.uuid4().hex), ("created_at", created)],
                )
        self._con.execute(_VALUES)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """All statements inside happen together or not at all (nested: the outer one)."""
        if self._con.in_transaction:
            yield
            return
        self._con.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._con.execute("ROLLBACK")
            raise
        self._con.execute("COMMIT")

    def transaction(self) -> AbstractContextManager[None]:
        """Group several changes into one durable write."""
        return self._tx()

    def close(self) -> None:
        """Close the file."""
        self._con.close()

    def __enter__(self) -> KeyFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def key_id(self) -> str:
        """A random identifier of this key file, recorded in the stores it pseudonymized."""
        return self._con.execute("SELECT value FROM info WHERE key = 'key_id'").fetchone()[0]

    # -- lists --------------------------------------------------------------------
    def add_lists(self, *, allow: Iterable[str] = (), deny: Iterable[str] = ()) -> None:
        """Add words to keep (``allow``) and names to always replace (``deny``)."""
        rows = [("allow", a.strip()) for a in allow if a.strip()]
        rows += [("deny", d.strip()) for d in deny if d.strip()]
        with self._tx():
            self._con.executemany("INSERT OR IGNORE INTO lists VALUES (?, ?)", rows)

    def remove_lists(self, *, allow: Iterable[str] = (), deny: Iterable[str] = ()) -> None:
        """Take words off the lists again."""
        rows = [("allow", a.strip()) for a in allow] + [("deny", d.strip()) for d in deny]
        with self._tx():
            self._con.executemany("DELETE FROM lists WHERE kind = ? AND value = ?", rows)

    def lists(self) -> tuple[list[str], list[str]]:
        """``(allow, deny)`` as stored."""
        rows = self._con.execute("SELECT kind, value FROM lists ORDER BY kind, value").fetchall()
        return [v for k, v in rows if k == "allow"], [v for k, v in rows if k == "deny"]

    # -- originals ----------------------------------------------------------------
    def original(self, doc_id: str) -> Original | None:
        """A document's original text and labels, or None if unknown."""
        row = self._con.execute(
            "SELECT text, title, speakers, sections, attributes FROM originals WHERE doc_id = ?",
            (doc_id,),
        ).fetchone()
        if row is None:
            return None
        speakers, sections = ({int(k): v for k, v in json.loads(c).items()} for c in row[2:4])
        return Original(row[0], row[1], speakers, sections, json.loads(row[4]))

    def save_originals(self, rows: Iterable[tuple[str, Original]]) -> None:
        """Keep ``(doc_id, original)`` of documents seen for the first time."""
        with self._tx():
            self._con.executemany(
                "INSERT OR IGNORE INTO originals VALUES (?, ?, ?, ?, ?, ?)",
                [
                    (d, o.text, o.title, *(json.dumps(x, ensure_ascii=False)
                                           for x in (o.speakers, o.sections, o.attributes)))
                    for d, o in rows
                ],
            )  # fmt: skip

    # -- pseudonyms ---------------------------------------------------------------
    def pseudonyms(self) -> Pseudonyms:
        """The pseudonym table so far."""
        table = Pseudonyms()
        for category, key, number in self._con.execute("SELECT * FROM entities"):
            table.numbers[(category, key)] = number
        for category, key, text in self._con.execute("SELECT * FROM mentions"):
            table.mentions.setdefault((category, key), set()).add(text)
        return table

    def save_pseudonyms(self, table: Pseudonyms) -> None:
        """Store new entities and mentions (existing numbers never change)."""
        with self._tx():
            self._con.executemany(
                "INSERT OR IGNORE INTO entities VALUES (?, ?, ?)",
                [(c, k, n) for (c, k), n in table.numbers.items()],
            )
            self._con.executemany(
                "INSERT OR IGNORE INTO mentions VALUES (?, ?, ?)",
                [(c, k, t) for (c, k), texts in table.mentions.items() for t in texts],
            )

    def mentions(self) -> list[tuple[str, str, str]]:
        """``(pseudonym, category, original text)`` for every mention."""
        return [
            (f"[{c}-{n}]", c, t)
            for c, n, t in self._con.execute(
                "SELECT e.category, e.number, m.text FROM mentions m JOIN entities e"
                " USING (category, key) ORDER BY e.category, e.number, m.text"
            )
        ]

    # -- replacements ---------------------------------------------------------------
    def replacements(self, doc_id: str, state: str = "applied") -> list[Replacement]:
        """The replacements of a document (on its original text)."""
        return [
            Replacement(s, e, n)
            for s, e, n in self._con.execute(
                'SELECT start, "end", new FROM replacements WHERE doc_id = ? AND state = ?'
                " ORDER BY start",
                (doc_id, state),
            )
        ]

    def set_pending(self, edits: dict[str, list[Replacement]]) -> None:
        """Record replacements about to be applied to the store."""
        with self._tx():
            self._con.execute("DELETE FROM replacements WHERE state = 'pending'")
            self._con.execute("DELETE FROM pending_docs")
            self._con.executemany("INSERT INTO pending_docs VALUES (?)", [(d,) for d in edits])
            self._con.executemany(
                "INSERT INTO replacements VALUES (?, 'pending', ?, ?, ?)",
                [(d, r.start, r.end, r.new) for d, rs in edits.items() for r in rs],
            )

    def pending_docs(self) -> set[str]:
        """Documents with replacements recorded but not yet confirmed as applied."""
        return {r[0] for r in self._con.execute("SELECT doc_id FROM pending_docs")}

    def commit_pending(self) -> None:
        """The store now holds the pending replacements: make them the applied ones."""
        with self._tx():
            self._con.execute(
                "DELETE FROM replacements WHERE state = 'applied'"
                " AND doc_id IN (SELECT doc_id FROM pending_docs)"
            )
            self._con.execute("UPDATE replacements SET state = 'applied' WHERE state = 'pending'")
            self._con.execute("DELETE FROM pending_docs")

    # -- short values outside the texts (issue 14) ------------------------------------
    def value_originals(self) -> dict[tuple[str, str], tuple[str, str, str | None]]:
        """``(kind, ident) -> (original, written, previous)`` of every short value kept:
        a survey answer, a metadata value, a memo, a path (see ``privacy.values``);
        ``previous`` is what the run before wrote (in case the last run was cut off)."""
        rows = self._con.execute(
            "SELECT kind, ident, original, written, previous FROM value_originals"
        )
        return {(k, i): (o, w, p) for k, i, o, w, p in rows}

    def save_value_originals(self, rows: Iterable[tuple[str, str, str, str]]) -> None:
        """Keep ``(kind, ident, original, written)`` rows; what was written before is
        kept as ``previous``."""
        with self._tx():
            self._con.executemany(
                "INSERT INTO value_originals VALUES (?, ?, ?, ?, NULL) ON CONFLICT"
                " (kind, ident) DO UPDATE SET previous = written, original = excluded.original,"
                " written = excluded.written",
                list(rows),
            )
