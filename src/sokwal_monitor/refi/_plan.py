"""What the reader of a ``.qdpx`` hands to the writer into the store."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..codebook import Codebook
from .report import ImportReport


@dataclass
class _Source:
    """A text source read from the project, ready to store."""

    guid: str
    name: str
    text: str
    variables: dict[str, Any] = field(default_factory=dict)
    # start, end, code, coder, memo, created_at
    codings: list[tuple[int, int, str, str, str, str]] = field(default_factory=list)
    # a source kept without text: its element (``PictureSource``, ...) and its ``path``
    media: str = ""
    media_path: str = ""
    sets: list[str] = field(default_factory=list)  # the <Set>s it is a member of
    created: str = ""  # its creationDateTime, kept for export
    origin_tag: str = "TextSource"  # PDFSource for a PDF's plain-text representation


@dataclass
class _Note:
    """A memo read from the project: ``target`` is a source index, code or project."""

    kind: str
    target: Any
    author: str
    text: str
    created: str
    updated: str


@dataclass
class _Plan:
    """Everything read from a ``.qdpx``, checked, and not yet written."""

    path: Path
    origin: str
    project_name: str
    codebook: Codebook | None
    sources: list[_Source]
    notes: list[_Note]
    report: ImportReport
