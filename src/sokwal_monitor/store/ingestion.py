"""Ingestion's reads and writes: documents, versions, segments, projects, surveys, ingests."""

from __future__ import annotations

from typing import Any

from .connection import StoreBase

__all__ = ["IngestionOps"]


class IngestionOps(StoreBase):
    """Documents, segments, projects, surveys and the ingest log (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()``.
    """

    # TEMPORARY: the survey reads move into this module in the ingestion step of issue 13
    def survey_values(self) -> Any:
        """All surveys in long, tidy form (see ``ingestion.surveys.survey_values``)."""
        from ..ingestion.surveys import survey_values

        return survey_values(self)  # type: ignore[arg-type]

    def survey_variables(self, doc_id: str | None = None) -> Any:
        """All current surveys' variables (see ``ingestion.surveys.survey_variables``)."""
        from ..ingestion.surveys import survey_variables

        return survey_variables(self, doc_id)  # type: ignore[arg-type]
