"""Analyses' results kept in the store: topic models and their assignments, and the
small reads the analyses and reports need."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pandas as pd

from .connection import StoreBase

__all__ = ["ResultOps"]


class ResultOps(StoreBase):
    """Topic models and other kept results (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """

    # -- topics -----------------------------------------------------------------------
    def delete_topics(self) -> None:
        """Remove every topic assignment (the models' provenance rows stay)."""
        self._con.execute("DELETE FROM topics")

    def insert_topic_model(
        self,
        *,
        created_at: str,
        written_by: str,
        embedding: str,
        unit: str,
        seed: int,
        options: str,
        n_units: int,
        n_topics: int,
        folder: str,
        info: str,
    ) -> int:
        """Add a ``topic_models`` row (``options`` and ``info`` as JSON text); its id."""
        cur = self._con.execute(
            "INSERT INTO topic_models (created_at, written_by, embedding, unit, seed, options,"
            " n_units, n_topics, folder, info) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (created_at, written_by, embedding, unit, seed, options, n_units, n_topics, folder,
             info),
        )  # fmt: skip
        return int(cur.lastrowid or 0)

    def insert_topics(self, rows: Iterable[tuple[Any, ...]]) -> None:
        """Add topic assignments: ``(model_id, doc_id, segment_position, start_char,
        end_char, topic, label, probability)`` per row."""
        self._con.executemany(
            "INSERT INTO topics (model_id, doc_id, segment_position, start_char, end_char,"
            " topic, label, probability) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )

    def topic_assignments(self) -> pd.DataFrame:
        """The kept topic assignments: ``segment_id, topic, label, probability,
        start_char, end_char`` in document and segment order (no dtypes fixed)."""
        return self.query(
            "SELECT segment_id, topic, label, probability, start_char, end_char FROM topics"
            " ORDER BY doc_id, segment_position, start_char"
        )

    # -- small reads for analyses and reports -------------------------------------------
    def segment_text(self, segment_id: str) -> str | None:
        """The text of one segment (any version of its document), or None."""
        row = self._con.execute(
            "SELECT doc_id, start_char, end_char FROM segments WHERE segment_id = ?", (segment_id,)
        ).fetchone()
        return None if row is None else self.text(row[0])[row[1] : row[2]]

    def busiest_coder(self, project_id: str | None = None) -> str | None:
        """The coder with the most codings on current documents (of ``project_id`` when
        given; ties by name), or None without codings."""
        sql = (
            "SELECT c.coder, count(*) AS n FROM codings c JOIN documents d USING (doc_id)"
            " WHERE d.is_current = 1" + (" AND d.project_id = ?" if project_id else "") + ""
            " GROUP BY c.coder ORDER BY n DESC, c.coder LIMIT 1"
        )
        coder = self._one(sql, (project_id,) if project_id else ())
        return None if coder is None else str(coder)
