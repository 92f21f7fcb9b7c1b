"""The key file: the only place where original personal data is kept.

A separate file (``*.sokwal-key``), never inside the project store and never read by
exports or reports. It holds each document's original text and speaker labels, the
pseudonym table (which person is ``[PERSOON-12]``), every original mention, the
researcher's allow and deny lists, and the replacements applied to each document, so a
later run can start again from the originals with corrected lists.

It is a small SQLite database, **encrypted at rest** with a passphrase: the whole
database image is sealed with AES-256-GCM under a key derived from the passphrase
(:mod:`sokwal_monitor.privacy.crypto`), worked on in memory and written back whole and
atomically after each change, so no original ever reaches the disk unencrypted. The
passphrase comes from the argument, the environment variable ``SOKWAL_KEY_PASSPHRASE``
or, on a terminal, a prompt; never from a file. A new key file is encrypted whenever a
passphrase is available; without one it is a plain SQLite file as before (such files
keep working, and :func:`encrypt_key_file` encrypts one in place).

>>> import tempfile, pathlib
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> key = KeyFile(folder / "project.sokwal-key", "een lange demozin")
>>> key.add_lists(allow=["Markeveen"], deny=["Jansen"])
>>> key.encrypted, key.lists()
(True, (['Markeveen'], ['Jansen']))
>>> key.close()
>>> (folder / "project.sokwal-key").read_bytes()[:8]
b'SOKWLKEY'
"""

from __future__ import annotations

import json
import os
import sqlite3
import uuid
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any, NamedTuple

from ..errors import KeyFileError, StoreError
from .crypto import MAGIC, DerivedKey, derive, is_sealed, seal, unseal
from .entities import Pseudonyms
from .offsets import Replacement
from .passphrase import HOW_TO_GIVE, get_passphrase
from .sealed_file import (
    Signature,
    changed_error,
    fsync_dir,
    not_written_error,
    signature,
    write_temp,
)

__all__ = [
    "KEY_HINT",
    "KEY_SUFFIX",
    "KeyFile",
    "Original",
    "image_is_sound",
    "plain_image",
]

#: The suffix of key files (ingest ignores such files in a folder).
KEY_SUFFIX = ".sokwal-key"
_APPLICATION_ID = 0x534B574B  # "SKWK"
#: What to do about a file that is not a key file (the hint of the errors that say so).
KEY_HINT = "give the *.sokwal-key file made by an earlier pseudonymize run, or a new file name"
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


def _open_image(path: Path, data: bytes | None) -> sqlite3.Connection:
    """A SQLite database in memory (from ``data``, or empty); temporary tables in memory
    too, so nothing of it is ever written to disk unencrypted.

    The image is copied into a plain in-memory database rather than used where it was
    deserialized: only there does ``serialize()`` see a transaction's uncommitted
    changes, which lets a change be written to disk before it is committed."""
    con = sqlite3.connect(":memory:", isolation_level=None)
    try:
        if data is not None:
            image = sqlite3.connect(":memory:")
            try:
                image.deserialize(data)
                image.backup(con)
            finally:
                image.close()
        con.execute("PRAGMA temp_store = MEMORY")
        con.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as err:
        con.close()
        raise KeyFileError(path, f"not a sokwal-monitor key file ({err})", KEY_HINT) from err
    return con


class KeyFile:
    """Open (or create) a key file.

    Parameters
    ----------
    path : path
        The key file; created when missing.
    passphrase : str, optional
        Its passphrase. By default from ``SOKWAL_KEY_PASSPHRASE``, or asked for on a
        terminal (see :func:`get_passphrase`). A plain (older) key file needs none.
    encrypt : bool, optional
        For a new key file: True requires a passphrase, False writes a plain file,
        None (the default) encrypts whenever a passphrase is available.

    Raises
    ------
    KeyFileError
        The file is encrypted and no passphrase was given or it is wrong; the file is
        truncated, damaged or changed; a new passphrase is too short. Nothing is written.
    StoreError
        When the file exists but is not a sokwal-monitor key file (KeyFileError is one).
    """

    def __init__(
        self,
        path: str | PathLike[str],
        passphrase: str | None = None,
        *,
        encrypt: bool | None = None,
    ) -> None:
        self.path = Path(path)
        self._key: DerivedKey | None = None
        self.signature: Signature = None
        if self.path.is_dir():
            raise KeyFileError(self.path, "a folder, not a key file", KEY_HINT)
        try:
            exists = self.path.exists()
            blob = self.path.read_bytes() if exists and self._sealed_on_disk() else None
        except OSError as err:
            raise KeyFileError(
                self.path, f"the key file could not be read ({err.strerror or err})"
            ) from err
        if blob is not None:
            self.signature = signature(self.path)
            secret = get_passphrase(self.path, passphrase)
            if secret is None:
                raise KeyFileError(
                    self.path, "the key file is encrypted: give its passphrase", HOW_TO_GIVE
                )
            data, self._key = unseal(blob, secret, self.path)
            self._con = _open_image(self.path, data)
            self._check_application_id()
            self._con.execute(_VALUES)  # key files from before value_originals get it
            return
        if exists and self.path.stat().st_size == 0:
            raise KeyFileError(
                self.path,
                "the key file is empty (0 bytes): it may have been truncated",
                "restore it from a backup, or give a new file name",
            )
        secret = None
        if not exists and encrypt is not False:
            secret = get_passphrase(self.path, passphrase, new=True)
            if secret is None and encrypt:
                raise KeyFileError(
                    self.path, "no passphrase to encrypt the new key file with", HOW_TO_GIVE
                )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if secret is not None:
            self._key = derive(secret)
            self._con = _open_image(self.path, None)
        else:
            self._open_plain()
        if not exists:
            self._create()
        self._con.execute(_VALUES)  # key files from before value_originals get it

    def _sealed_on_disk(self) -> bool:
        """Encrypted, or so short that it may be what is left of an encrypted file."""
        with open(self.path, "rb") as f:
            head = f.read(16)
        return is_sealed(head) or (0 < len(head) < len(MAGIC) and MAGIC.startswith(head))

    def _open_plain(self) -> None:
        """A plain key file, read and written in place by SQLite (as before encryption)."""
        try:
            self._con = sqlite3.connect(self.path, isolation_level=None)
            self._check_application_id()
        except sqlite3.DatabaseError as err:
            if hasattr(self, "_con"):  # opened, but not a database: do not leak it
                self._con.close()
            cause = f"not a sokwal-monitor key file ({err})"
            raise StoreError(self.path, cause, KEY_HINT) from err
        self._con.execute("PRAGMA secure_delete = ON")

    def _check_application_id(self) -> None:
        app = self._con.execute("PRAGMA application_id").fetchone()[0]
        tables = self._con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        if tables and app != _APPLICATION_ID:
            self._con.close()
            raise StoreError(self.path, "not a sokwal-monitor key file", KEY_HINT)

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

    def _create(self) -> None:
        with self._tx():
            for statement in _SCHEMA.split(";"):
                self._con.execute(statement)
            self._con.execute(f"PRAGMA application_id = {_APPLICATION_ID}")
            created = datetime.now(UTC).isoformat(timespec="seconds")
            self._con.executemany(
                "INSERT INTO info VALUES (?, ?)",
                [("key_id", uuid.uuid4().hex), ("created_at", created)],
            )

    @property
    def encrypted(self) -> bool:
        """Whether the file on disk is encrypted (False: a plain key file)."""
        return self._key is not None

    @property
    def kdf(self) -> str | None:
        """The key derivation of an encrypted key file (``"argon2id"``, ``"scrypt"``)."""
        return None if self._key is None else self._key.kdf.name

    def _save(self) -> None:
        """Seal the whole database (with its uncommitted changes) and replace the file
        atomically: a new file beside it, written and synced, then renamed over it."""
        assert self._key is not None
        blob = seal(self._con.serialize(), self._key)
        try:
            tmp = write_temp(self.path, blob)
        except OSError as err:
            raise not_written_error(self.path, err) from err
        try:
            if signature(self.path) != self.signature:
                raise changed_error(self.path)
            os.replace(tmp, self.path)
            fsync_dir(self.path.parent)
        except OSError as err:
            raise not_written_error(self.path, err) from err
        finally:
            tmp.unlink(missing_ok=True)
        self.signature = signature(self.path)

    @contextmanager
    def _tx(self) -> Iterator[None]:
        """All statements inside happen together or not at all (nested: the outer one).
        An encrypted file is written before the commit: if writing fails, the change is
        rolled back in memory too."""
        if self._con.in_transaction:
            yield
            return
        self._con.execute("BEGIN IMMEDIATE")
        try:
            before = self._con.total_changes
            yield
            if self._key is not None and self._con.total_changes != before:
                self._save()
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


def plain_image(path: Path) -> bytes:
    """The consistent image of a plain key file, read while no one can write it."""
    con = sqlite3.connect(path, isolation_level=None)
    try:
        con.execute("BEGIN IMMEDIATE")  # no one writes while we read the image
        image = con.serialize()
        con.execute("ROLLBACK")
    except sqlite3.DatabaseError as err:
        raise KeyFileError(path, f"the key file could not be read ({err})", KEY_HINT) from err
    finally:
        con.close()
    return image


def image_is_sound(path: Path, data: bytes) -> bool:
    """Whether ``data`` is a key file's database that passes SQLite's integrity check."""
    check = _open_image(path, data)
    try:
        return bool(check.execute("PRAGMA integrity_check").fetchone()[0] == "ok")
    finally:
        check.close()
