"""Ingestion's reads and writes: documents, versions, segments, projects, surveys, ingests."""

from __future__ import annotations

from .connection import StoreBase

__all__ = ["IngestionOps"]


class IngestionOps(StoreBase):
    """Documents, segments, projects, surveys and the ingest log (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """

    # TEMPORARY (moved into this module by the ingestion step of issue 13)
    def survey_values(self):  # type: ignore[no-untyped-def]
        from ..survey import survey_values

        return survey_values(self)  # type: ignore[arg-type]

    def survey_variables(self, doc_id=None):  # type: ignore[no-untyped-def]
        from ..survey import survey_variables

        return survey_variables(self, doc_id)  # type: ignore[arg-type]
