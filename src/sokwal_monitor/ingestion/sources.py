"""Finding the files to ingest: walking the given folders, sorting out metadata files,
recordings and unsupported files, and hashing a file's content."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from ..transcription.audio import is_audio
from .outcomes import FileOutcome, IngestReport
from .readers import supported_suffixes
from .readers.whatsapp import zip_without_chat
from .surveys import SURVEY_SUFFIXES

_METADATA_NAMES = {"projects", "documents"}
_METADATA_SUFFIXES = {".csv", ".xlsx"}
_IGNORED_NAMES = {"thumbs.db", "desktop.ini", ".ds_store"}
# a folder's own housekeeping files (a copied project folder, a repository): skipped with a
# line in a folder walk, read when named; matched on the name before its first dot, with
# an optional language tag (README, readme.md, LEESMIJ.txt, README-nl.md, LICENSE.txt).
# Words a project's own material could be called (verslag, notities, history, changes,
# notice, todo, index) are deliberately not in it.
_HOUSEKEEPING = re.compile(
    r"(?P<word>read[-_ ]?me|lees[-_ ]?mij|licen[cs]e|copying|change[-_ ]?log|contributing"
    r"|code[-_ ]of[-_ ]conduct|authors)(?:[-_ ][a-z]{2})?",
    re.IGNORECASE,
)
_HOUSEKEEPING_WHAT = {
    "readme": "a folder's readme",
    "leesmij": "a folder's readme",
    "license": "a licence text",
    "licence": "a licence text",
    "copying": "a licence text",
    "changelog": "a change log",
}
# project stores (and SQLite's side files) next to the material are not material
_IGNORED_SUFFIXES = {
    ".sokwal", ".sokwal-wal", ".sokwal-shm", ".sokwal-journal", ".sokwal-key",
    ".sokwal-key-journal",
}  # fmt: skip


@dataclass
class _Source:
    """A file found on disk: ``rel`` is relative to the folder it was found in (for the
    documents metadata file); ``key`` is the path stored in the store: the same as
    ``rel`` for one folder, relative to the common parent when several are ingested."""

    path: Path
    display: str
    rel: str
    key: str
    #: a transcript made from a recording: the recording's key and SHA-256
    audio: tuple[str, str] | None = None
    #: named itself on the command line (not found in a folder walk)
    named: bool = False


def _walk(root: Path) -> Iterator[Path]:
    """Files below ``root`` in a stable order, hidden folders and files left out."""
    for child in sorted(root.iterdir(), key=lambda p: (p.is_dir(), p.name.casefold())):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _walk(child)
        else:
            yield child


def _housekeeping(name: str) -> str | None:
    """What a folder's housekeeping file is (``"a folder's readme"``), or None for any
    other name: a README, LICENSE, CHANGELOG... is not project material."""
    found = _HOUSEKEEPING.fullmatch(name.split(".", 1)[0])
    if found is None:
        return None
    word = re.sub(r"[-_ ]", "", found["word"].lower())
    return _HOUSEKEEPING_WHAT.get(word, "a repository's housekeeping file")


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _collect(
    paths: Iterable[Path],
    report: IngestReport,
    *,
    recordings: list[_Source] | None = None,
    exclude: Path | None = None,
) -> tuple[list[_Source], list[Path], list[Path]]:
    """Files to ingest, plus metadata files found at the roots of folders. Recordings go
    to ``recordings`` when it is a list (to be transcribed), else they are skipped; files
    below ``exclude`` (the transcripts folder) are left out."""
    suffixes = set(supported_suffixes()) | set(SURVEY_SUFFIXES)
    sources: list[_Source] = []
    projects_files: list[Path] = []
    documents_files: list[Path] = []
    existing = [root for root in paths if root.exists()]
    for root in paths:
        if not root.exists():
            report.outcomes.append(FileOutcome(str(root), "failed", None, "no such file or folder"))
    bases = [_absolute(root if root.is_dir() else root.parent) for root in existing]
    # one folder: paths relative to it; several: relative to the folder holding them all
    common = Path(os.path.commonpath(bases)) if len(set(bases)) > 1 else None
    seen: set[Path] = set()
    named = {_absolute(root) for root in existing if not root.is_dir()}
    for root, base in zip(existing, bases, strict=True):
        files = list(_walk(root)) if root.is_dir() else [root]
        for file in files:
            absolute = _absolute(file)
            if absolute in seen:  # a folder and a file inside it both given
                continue
            seen.add(absolute)
            rel = absolute.relative_to(base).as_posix()
            key = absolute.relative_to(common).as_posix() if common else rel
            display = str(file)
            name, suffix = file.stem.lower(), file.suffix.lower()
            at_root = root.is_dir() and file.parent == root
            if at_root and suffix in _METADATA_SUFFIXES and name in _METADATA_NAMES:
                (projects_files if name == "projects" else documents_files).append(file)
                continue
            if file.name.lower() in _IGNORED_NAMES or suffix in _IGNORED_SUFFIXES:
                continue
            if exclude is not None and absolute.is_relative_to(exclude):
                continue
            if is_audio(file):
                if recordings is not None:
                    recordings.append(_Source(path=file, display=display, rel=rel, key=key))
                else:
                    why = (
                        "a recording, not a document; transcribe it first: ingest with"
                        " --transcribe --model DIR, or run `sokwal transcribe`"
                    )
                    report.outcomes.append(FileOutcome(display, "skipped", None, why))
                continue
            what = _housekeeping(file.name) if absolute not in named else None
            if file.name.startswith("~$"):
                report.outcomes.append(
                    FileOutcome(display, "skipped", None, "an Office lock file, not a document")
                )
            elif what is not None:
                why = f"{what}, not project material; name the file itself to ingest it"
                report.outcomes.append(FileOutcome(display, "skipped", None, why))
            elif suffix == ".zip" and absolute not in named and zip_without_chat(file):
                why = "a zip archive without a WhatsApp chat in it; unpack it to ingest its files"
                report.outcomes.append(FileOutcome(display, "skipped", None, why))
            elif suffix not in suffixes:
                why = f"not a supported format ({suffix or 'no suffix'})"
                report.outcomes.append(FileOutcome(display, "skipped", None, why))
            else:
                sources.append(
                    _Source(path=file, display=display, rel=rel, key=key, named=absolute in named)
                )
    return sources, projects_files, documents_files


def _absolute(path: Path) -> Path:
    """An absolute, normalised path without resolving links."""
    return Path(os.path.normpath(path.absolute()))
