"""The outcome of an ingest run: what happened to each file (:class:`FileOutcome`) and the
whole run's :class:`IngestReport`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

Status = Literal["added", "new version", "unchanged", "duplicate", "failed", "skipped"]


@dataclass(frozen=True)
class FileOutcome:
    """What happened to one file."""

    path: str
    status: Status
    doc_id: str | None = None
    message: str = ""
    #: the path the store shows the file by, when not its own (a pseudonymized display
    #: path): what the ingest log records, so the original name stays out of the store
    stored_path: str | None = None


@dataclass
class IngestReport:
    """The result of :func:`ingest`: one outcome per file plus warnings.

    ``exit_code`` follows the CLI contract: 0 all went well, 1 some files failed but
    the rest was stored, 2 nothing could be done.
    """

    outcomes: list[FileOutcome] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    ingest_id: int | None = None
    store_path: str | None = None
    pseudonymization: Any = None  # a PseudonymizationReport when asked for

    def to_frame(self) -> pd.DataFrame:
        """One row per file: ``path, status, doc_id, message``."""
        return pd.DataFrame(
            [vars(o) for o in self.outcomes], columns=["path", "status", "doc_id", "message"]
        )

    def counts(self) -> dict[str, int]:
        """Number of files per status."""
        out: dict[str, int] = {}
        for o in self.outcomes:
            out[o.status] = out.get(o.status, 0) + 1
        return out

    @property
    def failed(self) -> list[FileOutcome]:
        """The files that could not be read."""
        return [o for o in self.outcomes if o.status == "failed"]

    @property
    def exit_code(self) -> int:
        """0, 1 or 2 as the CLI contract defines."""
        if not self.failed:
            return 0
        done = any(o.status not in ("failed", "skipped") for o in self.outcomes)
        return 1 if done else 2

    def summary(self) -> str:
        """One line: how many files ended how."""
        counts = self.counts()
        order = ["added", "new version", "unchanged", "duplicate", "failed", "skipped"]
        parts = [f"{counts[s]} {s}" for s in order if counts.get(s)]
        return f"{len(self.outcomes)} files: " + (", ".join(parts) or "nothing to do")

    def _repr_html_(self) -> str:
        return f"<p>{self.summary()}</p>" + self.to_frame().to_html(index=False)
