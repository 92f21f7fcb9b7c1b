"""The contract's tidy tables, read from the store as filtered views.

Every read returns a DataFrame with the columns of ``DESIGN.md`` (more are welcome)
and takes keyword filters that accept one value or several: ``project_id``, ``wave``,
``kind``, ``role``, ``doc_id``, ``coder``, ``code``, ``origin``. Texts are sliced from
the document's stored text, so ``text == doc_text[start_char:end_char]`` holds by
construction.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pandas as pd

from ..errors import CodingError
from ..model import TABLE_COLUMNS
from .connection import StoreBase, where_in

if TYPE_CHECKING:
    from ..codebook import Codebook

__all__ = ["TableReads"]

Filter = str | Iterable[str] | None


class TableReads(StoreBase):
    """Reads of the tidy tables (part of ``ProjectStore``)."""

    # -- projects and documents -------------------------------------------------------
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

    def project_ids(self) -> list[str]:
        """The projects that current documents belong to, sorted (no metadata needed)."""
        return self._column(
            "SELECT DISTINCT project_id FROM documents WHERE is_current = 1"
            " AND project_id IS NOT NULL ORDER BY 1"
        )

    def documents(
        self,
        *,
        all_versions: bool = False,
        with_text: bool = False,
        project_id: Filter = None,
        wave: Filter = None,
        kind: Filter = None,
        doc_id: Filter = None,
    ) -> pd.DataFrame:
        """One row per document (the current version of each path by default).

        Columns: the contract's ``doc_id, path, project_id, wave, kind, format, title,
        n_chars, sha256``, then ``respondent_role, version, is_current, ingested_at,
        pseudonymized_at`` and any extra columns of the documents metadata file (and
        ``text`` when asked).
        """
        cols = TABLE_COLUMNS["documents"] + ["respondent_role", "version", "is_current"]
        cols += ["ingested_at", "pseudonymized_at", "attributes"]
        cols += ["text"] if with_text else []
        where: list[str] = [] if all_versions or doc_id is not None else ["is_current = 1"]
        params: list[Any] = []
        for column, wanted in (
            ("project_id", project_id),
            ("wave", wave),
            ("kind", kind),
            ("doc_id", doc_id),
        ):
            where_in(column, wanted, where, params)
        frame = self.query(
            f"SELECT {', '.join(cols)} FROM documents"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY path, version",
            params,
        )
        frame["is_current"] = frame["is_current"].astype(bool)
        extra = pd.DataFrame.from_records(
            [json.loads(a) for a in frame.pop("attributes")], index=frame.index
        )
        extra = extra.drop(columns=[c for c in extra.columns if c in frame.columns])
        return pd.concat([frame, extra], axis=1)

    # -- segments ---------------------------------------------------------------------
    def segments(
        self,
        doc_id: Filter = None,
        *,
        all_versions: bool = False,
        with_metadata: bool = False,
        project_id: Filter = None,
        wave: Filter = None,
        kind: Filter = None,
        role: Filter = None,
    ) -> pd.DataFrame:
        """One row per segment with the contract's columns plus ``section`` and ``page``.

        ``text`` is sliced from the document's stored text, so
        ``text == doc_text[start_char:end_char]`` holds by construction. Naming
        ``doc_id`` reads those documents whatever their version. ``with_metadata`` adds
        the document's ``project_id, wave, kind, path``.
        """
        where: list[str] = []
        params: list[Any] = []
        if doc_id is None and not all_versions:
            where.append("d.is_current = 1")
        for column, wanted in (
            ("s.doc_id", doc_id),
            ("d.project_id", project_id),
            ("d.wave", wave),
            ("d.kind", kind),
            ("s.role", role),
        ):
            where_in(column, wanted, where, params)
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

    # -- codings ----------------------------------------------------------------------
    def codings(
        self,
        *,
        coder: Filter = None,
        code: Filter = None,
        origin: Filter = None,
        doc_id: Filter = None,
        project_id: Filter = None,
        wave: Filter = None,
        kind: Filter = None,
        role: Filter = None,
        all_versions: bool = False,
        with_metadata: bool = False,
    ) -> pd.DataFrame:
        """One row per coding: the contract's ``coding_id, doc_id, segment_id, start_char,
        end_char, code, coder, origin, score, memo, created_at``, then ``pattern`` (the
        rule or model version that made it), ``run_id`` and ``text`` (sliced from the
        document's stored text, so offsets and text always agree).

        Each filter takes one value or several. Codings on superseded versions of a
        document are left out unless ``all_versions`` or ``doc_id`` is given.
        ``with_metadata`` adds the document's ``project_id, wave, kind, path`` and the
        segment's ``speaker, role``.
        """
        where: list[str] = []
        params: list[Any] = []
        for column, wanted in (
            ("c.coder", coder),
            ("c.code", code),
            ("c.origin", origin),
            ("c.doc_id", doc_id),
            ("d.project_id", project_id),
            ("d.wave", wave),
            ("d.kind", kind),
            ("coalesce(s.role, '')", role),
        ):
            where_in(column, wanted, where, params)
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

    def coders(
        self, *, origin: Filter = None, project_id: Filter = None, all_versions: bool = False
    ) -> list[str]:
        """The coders with codings on current documents (on any version with
        ``all_versions``), sorted; filters as in :meth:`codings`. Reads only the names
        (no texts).
        """
        where = [] if all_versions else ["d.is_current = 1"]
        params: list[Any] = []
        where_in("c.origin", origin, where, params)
        where_in("d.project_id", project_id, where, params)
        return self._column(
            "SELECT DISTINCT c.coder FROM codings c JOIN documents d USING (doc_id)"
            + (" WHERE " + " AND ".join(where) if where else "")
            + " ORDER BY 1",
            params,
        )

    def check_coder(self, coder: str, coders: list[str] | None = None) -> None:
        """Raise ``CodingError`` when ``coder`` has no codings here, naming the coders
        the store has (a misspelt name is an error, not an empty table).

        ``coders`` is the list to check against (default: :meth:`coders`).
        """
        known = self.coders() if coders is None else coders
        if coder not in known:
            hint = (
                f"the coders in this store are: {', '.join(known)}"
                if known
                else "this store holds no codings yet"
            )
            raise CodingError(self.path, f"no codings by coder {coder!r}", hint)

    # -- codebooks, runs, memos, logs ---------------------------------------------------
    def codebooks(self) -> pd.DataFrame:
        """The codebooks codings were made with: ``sha256, name, version, added_at``."""
        return self.query(
            "SELECT sha256, name, version, added_at FROM codebooks ORDER BY added_at, rowid"
        )

    def codebook_text(self, sha256: str | None = None) -> tuple[str, str] | None:
        """The YAML text and full SHA-256 of a kept codebook (the one used last when
        ``sha256`` is None; a prefix is enough), or None."""
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
        return None if row is None else (str(row[0]), str(row[1]))

    def codebook(self, sha256: str | None = None) -> Codebook:
        """A codebook kept in the store (the one used last when ``sha256`` is None).

        Raises ``KeyError`` when the store holds no (such) codebook.
        """
        from ..codebook import codebook_from_text

        found = self.codebook_text(sha256)
        if found is None:
            what = "no codebook" if sha256 is None else f"no codebook {sha256!r}"
            raise KeyError(f"{what} in {self.path}; code with one first (sokwal code)")
        content, digest = found
        return codebook_from_text(content, source=f"{self.path} (codebook {digest[:8]})")

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
            ingest_id = self._one("SELECT max(ingest_id) FROM ingests")
        return self.query(
            "SELECT ingest_id, path, status, doc_id, message FROM ingest_files"
            " WHERE ingest_id = ? ORDER BY rowid",
            (ingest_id,),
        )

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
