"""The connection to one store file: set-up, identity, migrations, transactions.

:class:`StoreBase` is what every part of :class:`~sokwal_monitor.store.ProjectStore`
builds on: it opens the SQLite file with foreign keys, write-ahead logging and a busy
timeout, refuses files of other programs or of a newer sokwal-monitor, runs the
missing migrations, and offers :meth:`StoreBase.transaction`. The reads and the named
write operations live in the sibling modules of this package; nothing outside the
package writes SQL.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from .._version import __version__
from ..errors import StoreError
from .schema import APPLICATION_ID, DATA_MIGRATIONS, MIGRATIONS, REBUILDS

__all__ = ["StoreBase", "now"]


def now() -> str:
    """The current UTC time as the store keeps it (ISO 8601, seconds).

    >>> len(now()) == len("2026-01-01T00:00:00+00:00")
    True
    """
    return datetime.now(UTC).isoformat(timespec="seconds")


class StoreBase:
    """The connection part of a project store (see ``ProjectStore``).

    Parameters
    ----------
    path : str or PathLike
        The store file; created (with its folder) when it does not exist.
    create : bool, default True
        When False, a missing file is an error instead of a new store.
    timeout : float, default 30
        Seconds to wait for another process holding the write lock.

    Raises
    ------
    StoreError
        The file is not a SQLite database, belongs to another program, or was written
        by a newer sokwal-monitor.
    """

    def __init__(
        self, path: str | PathLike[str], *, create: bool = True, timeout: float = 30.0
    ) -> None:
        self.path = Path(path)
        if not self.path.exists():
            if not create:
                raise StoreError(self.path, "no project store here", "check the --store path")
            self.path.parent.mkdir(parents=True, exist_ok=True)
        elif self.path.is_dir():
            raise StoreError(self.path, "is a folder, not a store file", "name a *.sokwal file")
        try:
            self._con = sqlite3.connect(
                self.path, timeout=timeout, isolation_level=None, check_same_thread=False
            )
            self._check_identity()  # before _configure: never touch another program's file
            self._configure()
            self._migrate()
        except StoreError:
            self._con.close()
            raise
        except sqlite3.DatabaseError as err:
            if hasattr(self, "_con"):
                self._con.close()
            raise StoreError(
                self.path,
                f"not a sokwal-monitor project store ({err})",
                "point --store at a *.sokwal file made by sokwal, or at a new file name",
            ) from err
        self._depth = 0

    # -- connection ---------------------------------------------------------------
    def _configure(self) -> None:
        con = self._con
        con.execute("PRAGMA foreign_keys = ON")
        con.execute(f"PRAGMA busy_timeout = {30_000}")
        mode = con.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":  # pragma: no cover - e.g. a read-only medium
            con.execute("PRAGMA journal_mode = DELETE")
        con.execute("PRAGMA synchronous = NORMAL")
        con.execute("PRAGMA cache_size = -65536")  # 64 MiB: big coding runs insert at random ids

    def _check_identity(self) -> None:
        """Refuse a file that is not ours, reading only (no pragma that writes)."""
        con = self._con
        app_id = con.execute("PRAGMA application_id").fetchone()[0]
        version = con.execute("PRAGMA user_version").fetchone()[0]
        has_tables = con.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] > 0
        if app_id != APPLICATION_ID and (has_tables or version):
            raise sqlite3.DatabaseError("a SQLite database of another program")
        if version > len(MIGRATIONS):
            raise StoreError(
                self.path,
                f"written by a newer sokwal-monitor (schema {version}, this one knows "
                f"{len(MIGRATIONS)})",
                "upgrade sokwal-monitor to open it",
            )

    def _migrate(self) -> None:
        con = self._con
        version = con.execute("PRAGMA user_version").fetchone()[0]
        for target in range(version + 1, len(MIGRATIONS) + 1):
            rebuild = target in REBUILDS
            if rebuild:  # a table rebuilt: no cascades while its old copy is dropped
                con.execute("PRAGMA foreign_keys = OFF")
            con.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[target - 1]):
                    con.execute(statement)
                if target in DATA_MIGRATIONS:  # e.g. the search index's lemmas
                    getattr(self, DATA_MIGRATIONS[target])()
                if rebuild and con.execute("PRAGMA foreign_key_check").fetchone():
                    raise StoreError(
                        self.path,
                        f"migrating to schema {target} would break references between tables",
                        "report this; the store is left as it was",
                    )
                con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
                con.execute(f"PRAGMA user_version = {target}")
                con.execute(
                    "INSERT OR REPLACE INTO store_info(key, value) VALUES ('schema_version', ?),"
                    " ('written_by', ?)",
                    (str(target), f"sokwal-monitor {__version__}"),
                )
                con.execute("COMMIT")
            except BaseException:
                con.execute("ROLLBACK")
                raise
            finally:
                if rebuild:
                    con.execute("PRAGMA foreign_keys = ON")

    def close(self) -> None:
        """Close the connection (the store stays consistent on disk)."""
        self._con.close()

    def __enter__(self) -> Any:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProjectStore({str(self.path)!r})"

    @property
    def schema_version(self) -> int:
        """The schema version of the open store."""
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    @property
    def in_transaction(self) -> bool:
        """Whether a :meth:`transaction` block is open on this store object."""
        return self._depth > 0

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block of changes atomically; nested blocks become savepoints.

        On any exception (KeyboardInterrupt included) everything written inside the
        block is rolled back and the exception propagates. Features call the store's
        named write operations inside the block; the connection it yields is for the
        store's own modules and for tests.
        """
        con = self._con
        if self._depth == 0:
            con.execute("BEGIN IMMEDIATE")
        else:
            con.execute(f"SAVEPOINT sp{self._depth}")
        self._depth += 1
        try:
            yield con
        except BaseException:
            self._depth -= 1
            self._rolled_back()
            if self._depth == 0:
                con.execute("ROLLBACK")
            else:
                con.execute(f"ROLLBACK TO sp{self._depth}")
                con.execute(f"RELEASE sp{self._depth}")
            raise
        self._depth -= 1
        if self._depth == 0:
            con.execute("COMMIT")
        else:
            con.execute(f"RELEASE sp{self._depth}")

    def _rolled_back(self) -> None:
        """Forget what was kept in memory about rows a rolled-back block wrote (a
        subclass's own memos)."""

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one SQL statement: for inspecting a store by hand and for tests.

        The toolkit itself never calls this from outside the store package; write
        inside :meth:`transaction`.
        """
        return self._con.execute(sql, params)

    def query(self, sql: str, params: Any = ()) -> pd.DataFrame:
        """Run a SELECT and return a DataFrame (for inspecting a store by hand)."""
        cur = self._con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return pd.DataFrame.from_records(cur.fetchall(), columns=names)

    # -- helpers for the store's own modules ----------------------------------------
    def _one(self, sql: str, params: Any = ()) -> Any:
        """The first column of the first row, or None."""
        row = self._con.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def _column(self, sql: str, params: Any = ()) -> list[Any]:
        """The first column of every row."""
        return [row[0] for row in self._con.execute(sql, params)]

    def text(self, doc_id: str) -> str:
        """The stored plain text of one document."""
        row = self._con.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document with doc_id {doc_id!r} in {self.path}")
        return str(row[0])

    def _slices(self, frame: pd.DataFrame) -> list[str]:
        """``text[start_char:end_char]`` of each row's document (each text read once)."""
        texts: dict[str, str] = {}
        out = []
        for did, start, end in zip(
            frame["doc_id"], frame["start_char"], frame["end_char"], strict=True
        ):
            if did not in texts:
                texts[did] = self.text(did)
            out.append(texts[did][start:end])
        return out


def where_in(
    column: str, wanted: str | Iterable[Any] | None, where: list[str], params: list[Any]
) -> None:
    """Add ``column IN (...)`` for one value or several to a WHERE clause being built.

    None adds nothing; an empty list matches nothing.

    >>> where, params = [], []
    >>> where_in("c.code", ["a", "b"], where, params); where, params
    (['c.code IN (?, ?)'], ['a', 'b'])
    """
    if wanted is None:
        return
    values: Sequence[Any] = [wanted] if isinstance(wanted, str) else list(wanted)
    where.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
    params.extend(values)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
