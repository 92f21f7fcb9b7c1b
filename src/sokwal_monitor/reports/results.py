"""What a report run returns: one result per project, the run, and the error when
reports cannot be made at all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SokwalError


class ReportError(SokwalError):
    """Reports cannot be made at all (no store, no notebook, no projects)."""


@dataclass
class ReportResult:
    """One project's report: where it is, or why it failed, and how long it took.

    ``execution_seconds`` is the time the notebook's cells ran (kernel start-up
    excluded), ``seconds`` the whole project (kernel start, execution, conversion).
    """

    project_id: str
    html: Path | None
    notebook: Path | None
    error: str | None = None
    seconds: float = 0.0
    execution_seconds: float = 0.0
    convert_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ReportRun:
    """What :func:`render_reports` made: ``index`` and one result per project."""

    index: Path
    results: list[ReportResult] = field(default_factory=list)
    #: False when a text document of the store is not pseudonymized: the pages then show
    #: the original text (each page says so at the top).
    pseudonymized: bool = True

    @property
    def failed(self) -> list[ReportResult]:
        return [r for r in self.results if not r.ok]
