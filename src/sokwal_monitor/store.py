"""ProjectStore: one SQLite file that holds a project's documents, segments and surveys.

The store is the only state of the toolkit: every stage reads and writes it, so a
notebook picks up where the command line left off. It runs with foreign keys on,
write-ahead logging and a busy timeout (several notebooks may share one store), and
every change happens inside :meth:`ProjectStore.transaction`: either all of it is
written or none.

Examples
--------
>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "demo.sokwal"
>>> with ProjectStore(path) as store:
...     store.schema_version >= 3
...     list(store.documents().columns[:4])
True
['doc_id', 'path', 'project_id', 'wave']
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pandas as pd

from ._version import __version__
from .errors import StoreError
from .model import TABLE_COLUMNS
from .store_schema import APPLICATION_ID, MIGRATIONS

if TYPE_CHECKING:
    from .codebook import Codebook

__all__ = ["ProjectStore", "now", "open_store"]

_TABLE_NAMES = (
    "documents",
    "segments",
    "codings",
    "codebook",
    "projects",
    "surveys",
    "survey_variables",
    "ingests",
    "coding_runs",
    "memos",
    "learning_effects",
    "topics",
    "survey_outcomes",
    "indicators",
)


def now() -> str:
    """The current UTC time as the store keeps it (ISO 8601, seconds)."""
    return datetime.now(UTC).isoformat(timespec="seconds")


class ProjectStore:
    """A project store in one SQLite file (conventionally ``*.sokwal``).

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
            con.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[target - 1]):
                    con.execute(statement)
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

    def close(self) -> None:
        """Close the connection (the store stays consistent on disk)."""
        self._con.close()

    def __enter__(self) -> ProjectStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"ProjectStore({str(self.path)!r})"

    @property
    def schema_version(self) -> int:
        """The schema version of the open store."""
        return int(self._con.execute("PRAGMA user_version").fetchone()[0])

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """Run a block of changes atomically; nested blocks become savepoints.

        On any exception (KeyboardInterrupt included) everything written inside the
        block is rolled back and the exception propagates.
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

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        """Run one SQL statement (for reading; write inside :meth:`transaction`)."""
        return self._con.execute(sql, params)

    def query(self, sql: str, params: Any = ()) -> pd.DataFrame:
        """Run a SELECT and return a DataFrame."""
        cur = self._con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return pd.DataFrame.from_records(cur.fetchall(), columns=names)

    # -- tidy tables ----------------------------------------------------------------
    def projects(self) -> pd.DataFrame:
        """One row per project: ``project_id`` then the metadata file's columns.

        ``in_metadata`` is False for projects that documents named but the projects
        file did not list.
        """
        rows = self.query("SELECT project_id, attributes, in_metadata FROM projects ORDER BY 1")
        attrs = [json.loads(a) for a in rows["attributes"]]
        frame = pd.DataFrame.from_records(attrs, index=rows.index)
        frame.insert(0, "project_id", rows["project_id"])
        frame["in_metadata"] = rows["in_metadata"].astype(bool)
        return frame

    def documents(self, *, all_versions: bool = False, with_text: bool = False) -> pd.DataFrame:
        """One row per document (the current version of each path by default).

        Columns: the contract's ``doc_id, path, project_id, wave, kind, format, title,
        n_chars, sha256``, then ``respondent_role, version, is_current, ingested_at,
        pseudonymized_at`` and any extra columns of the documents metadata file (and
        ``text`` when asked).
        """
        cols = TABLE_COLUMNS["documents"] + ["respondent_role", "version", "is_current"]
        cols += ["ingested_at", "pseudonymized_at", "attributes"]
        cols += ["text"] if with_text else []
        where = "" if all_versions else "WHERE is_current = 1"
        frame = self.query(
            f"SELECT {', '.join(cols)} FROM documents {where} ORDER BY path, version"
        )
        frame["is_current"] = frame["is_current"].astype(bool)
        extra = pd.DataFrame.from_records(
            [json.loads(a) for a in frame.pop("attributes")], index=frame.index
        )
        extra = extra.drop(columns=[c for c in extra.columns if c in frame.columns])
        return pd.concat([frame, extra], axis=1)

    def text(self, doc_id: str) -> str:
        """The stored plain text of one document."""
        row = self._con.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
        if row is None:
            raise KeyError(f"no document with doc_id {doc_id!r} in {self.path}")
        return row[0]

    def segments(
        self, doc_id: str | None = None, *, all_versions: bool = False, with_metadata: bool = False
    ) -> pd.DataFrame:
        """One row per segment with the contract's columns plus ``section`` and ``page``.

        ``text`` is sliced from the document's stored text, so
        ``text == doc_text[start_char:end_char]`` holds by construction.
        ``with_metadata`` adds the document's ``project_id, wave, kind, path``.
        """
        where, params = [], []
        if doc_id is not None:
            where.append("s.doc_id = ?")
            params.append(doc_id)
        elif not all_versions:
            where.append("d.is_current = 1")
        sql = (
            "SELECT s.segment_id, s.doc_id, s.position, s.speaker, s.role, s.start_char,"
            " s.end_char, s.start_time, s.end_time, s.section, s.page,"
            " d.project_id, d.wave, d.kind, d.path"
            " FROM segments s JOIN documents d USING (doc_id)"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.path, d.version, s.position"
        )
        frame = self.query(sql, params)
        frame.insert(TABLE_COLUMNS["segments"].index("text"), "text", self._slices(frame))
        for col in ("start_time", "end_time"):
            frame[col] = frame[col].astype("float64")
        frame["page"] = frame["page"].astype("Int64")
        meta = ["project_id", "wave", "kind", "path"]
        return frame if with_metadata else frame.drop(columns=meta)

    def codings(
        self,
        *,
        coder: str | Iterable[str] | None = None,
        code: str | Iterable[str] | None = None,
        origin: str | Iterable[str] | None = None,
        doc_id: str | Iterable[str] | None = None,
        all_versions: bool = False,
        with_metadata: bool = False,
    ) -> pd.DataFrame:
        """One row per coding: the contract's ``coding_id, doc_id, segment_id, start_char,
        end_char, code, coder, origin, score, memo, created_at``, then ``pattern`` (the
        rule or model version that made it), ``run_id`` and ``text`` (sliced from the
        document's stored text, so offsets and text always agree).

        Each filter takes one value or several. Codings on superseded versions of a
        document are left out unless ``all_versions``. ``with_metadata`` adds the
        document's ``project_id, wave, kind, path`` and the segment's ``speaker, role``.
        """
        where, params = [], []
        for column, wanted in (
            ("c.coder", coder),
            ("c.code", code),
            ("c.origin", origin),
            ("c.doc_id", doc_id),
        ):
            if wanted is None:
                continue
            values = [wanted] if isinstance(wanted, str) else list(wanted)
            where.append(f"{column} IN ({', '.join('?' * len(values))})" if values else "0")
            params.extend(values)
        if not all_versions and doc_id is None:
            where.append("d.is_current = 1")
        sql = (
            "SELECT c.coding_id, c.doc_id, c.segment_id, c.start_char, c.end_char, c.code,"
            " c.coder, c.origin, c.score, c.memo, c.created_at, c.pattern, c.run_id,"
            " d.project_id, d.wave, d.kind, d.path,"
            " coalesce(s.speaker, '') AS speaker, coalesce(s.role, '') AS role"
            " FROM codings c JOIN documents d USING (doc_id)"
            " LEFT JOIN segments s ON s.doc_id = c.doc_id AND s.position = c.segment_position"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY d.path, d.version, c.start_char, c.end_char, c.code, c.coder"
        )
        frame = self.query(sql, params)
        if frame.empty:
            frame = pd.DataFrame(columns=list(frame.columns))
        frame.insert(frame.columns.get_loc("run_id") + 1, "text", self._slices(frame))
        frame["score"] = frame["score"].astype("float64")
        frame["run_id"] = frame["run_id"].astype("Int64")
        for col in ("start_char", "end_char"):
            frame[col] = frame[col].astype("int64")
        meta = ["project_id", "wave", "kind", "path", "speaker", "role"]
        return frame if with_metadata else frame.drop(columns=meta)

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

    def codebooks(self) -> pd.DataFrame:
        """The codebooks codings were made with: ``sha256, name, version, added_at``."""
        return self.query(
            "SELECT sha256, name, version, added_at FROM codebooks ORDER BY added_at, rowid"
        )

    def codebook(self, sha256: str | None = None) -> Codebook:
        """A codebook kept in the store (the one used last when ``sha256`` is None).

        Raises ``KeyError`` when the store holds no (such) codebook.
        """
        from .codebook import codebook_from_text

        if sha256 is None:
            row = self._con.execute(
                "SELECT content, sha256 FROM codebooks WHERE sha256 = coalesce("
                " (SELECT codebook_sha256 FROM coding_runs WHERE codebook_sha256 IS NOT NULL"
                "  ORDER BY run_id DESC LIMIT 1),"
                " (SELECT sha256 FROM codebooks ORDER BY added_at DESC, rowid DESC LIMIT 1))"
            ).fetchone()
        else:
            row = self._con.execute(
                "SELECT content, sha256 FROM codebooks WHERE sha256 LIKE ? || '%'", (sha256,)
            ).fetchone()
        if row is None:
            what = "no codebook" if sha256 is None else f"no codebook {sha256!r}"
            raise KeyError(f"{what} in {self.path}; code with one first (sokwal code)")
        return codebook_from_text(row[0], source=f"{self.path} (codebook {row[1][:8]})")

    def coding_runs(self) -> pd.DataFrame:
        """The log of coding runs: who or what coded, with which codebook, how many."""
        return self.query("SELECT * FROM coding_runs ORDER BY run_id")

    def memos(self) -> pd.DataFrame:
        """Memos on projects, documents and codes: ``memo_id, target_kind, target,
        author, text, created_at, updated_at``."""
        return self.query("SELECT * FROM memos ORDER BY memo_id")

    def ingests(self) -> pd.DataFrame:
        """The log of ingest runs: when, how many files per outcome."""
        return self.query("SELECT * FROM ingests ORDER BY ingest_id")

    def ingest_files(self, ingest_id: int | None = None) -> pd.DataFrame:
        """Per-file outcomes of ingest runs (the latest run by default)."""
        if ingest_id is None:
            ingest_id = self._con.execute("SELECT max(ingest_id) FROM ingests").fetchone()[0]
        return self.query(
            "SELECT ingest_id, path, status, doc_id, message FROM ingest_files"
            " WHERE ingest_id = ? ORDER BY rowid",
            (ingest_id,),
        )

    def table(self, name: str) -> pd.DataFrame:
        """Any tidy table by name (``documents``, ``segments``, ``codings``, ``codebook``,
        ``projects``, ``surveys``, ``survey_variables``, ``ingests``, ``coding_runs``,
        ``memos``, ``learning_effects``, ``topics``, ``survey_outcomes``, ``indicators``),
        as ``sokwal export`` writes it.
        ``codebook`` is the one used last; ``learning_effects`` needs the store's codings to
        be one coder's."""
        from . import learning, summary, survey, topics  # local: only when asked

        readers: dict[str, Callable[[], pd.DataFrame]] = {
            "documents": self.documents,
            "segments": self.segments,
            "codings": self.codings,
            "codebook": lambda: self.codebook().to_frame(),
            "coding_runs": self.coding_runs,
            "memos": self.memos,
            "learning_effects": lambda: learning.learning_effects(self),
            "projects": self.projects,
            "surveys": lambda: survey.survey_values(self),
            "survey_variables": lambda: survey.survey_variables(self),
            "ingests": self.ingests,
            "topics": lambda: topics.topics_table(self),
            "survey_outcomes": lambda: summary.survey_outcomes(self),
            "indicators": lambda: summary.find_indicators(self),
        }
        if name not in readers:
            raise ValueError(f"unknown table {name!r}; choose one of {', '.join(_TABLE_NAMES)}")
        return readers[name]()

    def info(self) -> pd.DataFrame:
        """Counts of current documents and segments per project, wave, kind and format."""
        return self.query(
            "SELECT coalesce(d.project_id, '') AS project_id, coalesce(d.wave, '') AS wave,"
            " d.kind, d.format, count(DISTINCT d.doc_id) AS documents,"
            " count(s.position) AS segments, coalesce(sum(s.end_char - s.start_char), 0)"
            " AS segment_chars"
            " FROM documents d LEFT JOIN segments s USING (doc_id) WHERE d.is_current = 1"
            " GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4"
        )


def open_store(store: ProjectStore | str | PathLike[str], **kwargs: Any) -> ProjectStore:
    """Return ``store`` itself or open the store at that path."""
    return store if isinstance(store, ProjectStore) else ProjectStore(store, **kwargs)


def _statements(script: str) -> list[str]:
    """Split a migration script into statements (no semicolons inside our literals)."""
    return [s.strip() for s in script.split(";") if s.strip()]
