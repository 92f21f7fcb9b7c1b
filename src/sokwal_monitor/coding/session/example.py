"""A small coding session on a fresh store, for the examples (doctests) of the coding
session and its widget."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...codebook import load_codebook
from ...store import ProjectStore
from ..base import Coding, CodingRun

if TYPE_CHECKING:
    from .coding_session import CodingSession


def example_session(role: str | None = None, suggestion: float | None = None) -> CodingSession:
    """A session as ``anna`` on a fresh two-interview store in a temporary folder (for
    the examples); ``suggestion`` adds a model suggestion with that probability
    on the first respondent turn."""
    import tempfile
    from pathlib import Path

    from ...ingestion import ingest
    from .coding_session import CodingSession  # which imports this module

    root = Path(tempfile.mkdtemp())
    for name, text in (
        ("P01_2018.txt", "I: Wat heeft u geleerd?\nR: Dat samenwerken tijd kost.\n"),
        ("P02_2019.txt", "I: Hoe ging het?\nR: We bereikten veertig mensen.\n"),
    ):
        (root / name).write_text(text, encoding="utf-8")
    store = ProjectStore(root / "example.sokwal")
    ingest(store, root)
    if suggestion is not None:
        seg = store.segments().iloc[1]
        with CodingRun(store, coder="model:demo@1", origin="model") as run:
            run.add(
                [
                    Coding(
                        seg["doc_id"],
                        int(seg["start_char"]),
                        int(seg["end_char"]),
                        "inzicht_opgedaan",
                        "model:demo@1",
                        origin="model",
                        score=suggestion,
                    )
                ]
            )
    return CodingSession(store, load_codebook(), "anna", role=role)
