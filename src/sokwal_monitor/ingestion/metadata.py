"""Project and document metadata: a projects file, a documents sidecar, file-name patterns.

Three sources, in order of precedence for a document's ``project_id``, ``wave``,
``kind`` and respondent ``role``:

1. a documents file (CSV/XLSX, column ``path`` relative to the ingested folder, plus
   any of ``project_id, wave, kind, role`` and other columns);
2. the file name, matched against a regular expression with named groups; the default,
   :data:`DEFAULT_PATTERN`, reads ``P01_2018_interview_initiatiefnemer.docx`` as project
   ``P01``, wave ``2018``, kind ``interview``, role ``initiatiefnemer``;
3. nothing: the document is stored without a project and reported.

Examples
--------
>>> meta_from_name("interviews/P01_t1_interview_initiatiefnemer.docx")
{'project_id': 'P01', 'wave': 't1', 'kind': 'interview', 'role': 'initiatiefnemer'}
>>> normalize_kind("Rapportage"), normalize_kind("enquête"), normalize_kind("gesprek")
('report', 'survey', 'interview')
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from io import StringIO
from os import PathLike
from pathlib import Path, PurePosixPath
from typing import Any

import pandas as pd

from ..errors import MetadataError
from .readers import decode_bytes

__all__ = [
    "DEFAULT_PATTERN",
    "DocumentMetadata",
    "compile_pattern",
    "detect_delimiter",
    "load_documents_file",
    "load_projects_file",
    "meta_from_name",
    "normalize_kind",
    "read_table",
]

#: File-name pattern used when none is given: ``<project>_<wave>_<kind>[_<role>]``.
DEFAULT_PATTERN = (
    r"^(?P<project_id>[A-Za-z]{1,10}[-]?\d{1,4})[_ \-]"
    r"(?P<wave>(?:19|20)\d\d|[tTwWgG]\d{1,2}|wave\d{1,2}|ronde\d{1,2})"
    r"(?:[_ \-](?P<kind>[^\W\d_]+))?"
    r"(?:[_ \-](?P<role>(?!\d+$)[^_.]+?))?"  # not a bare number: that is a sequence number
    r"(?:[_ \-]\d+)?$"
)

_KINDS = {
    "interview": "interview", "interviews": "interview", "gesprek": "interview",
    "transcript": "interview", "transcriptie": "interview", "focusgroep": "interview",
    "chat": "interview", "whatsapp": "interview", "groepsapp": "interview",
    "appgroep": "interview",
    "report": "report", "rapport": "report", "rapportage": "report", "verslag": "report",
    "eindverslag": "report", "jaarverslag": "report", "evaluatie": "report",
    "voortgangsrapportage": "report", "projectplan": "report", "plan": "report",
    "survey": "survey", "enquete": "survey", "vragenlijst": "survey",
    "other": "other", "overig": "other", "anders": "other",
}  # fmt: skip
_META_FIELDS = ("project_id", "wave", "kind", "role")


def normalize_kind(value: str | None) -> str | None:
    """Map a kind as people write it (Dutch or English) to the contract's kinds.

    Unknown words give None, so the caller can report them.
    """
    if value is None or not str(value).strip():
        return None
    folded = unicodedata.normalize("NFKD", str(value).strip().lower())
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return _KINDS.get(folded)


def _nfc(path: str) -> str:
    return unicodedata.normalize("NFC", path.replace("\\", "/")).strip().lstrip("./")


def meta_from_name(path: str | PathLike[str], pattern: str | re.Pattern[str] | None = None) -> dict:
    """Read metadata from a file name (its stem) with a regex of named groups.

    Only the groups ``project_id``, ``wave``, ``kind`` and ``role`` are used; other
    named groups are returned too, as extra document columns. No match gives ``{}``.
    """
    regex = pattern if isinstance(pattern, re.Pattern) else compile_pattern(pattern)
    stem = unicodedata.normalize("NFC", PurePosixPath(str(path).replace("\\", "/")).stem)
    match = regex.search(stem)
    if not match:
        return {}
    return {k: v for k, v in match.groupdict().items() if v not in (None, "")}


def compile_pattern(pattern: str | None) -> re.Pattern[str]:
    """Compile a user's file-name pattern, explaining what is wrong with a bad one."""
    try:
        regex = re.compile(pattern or DEFAULT_PATTERN)
    except re.error as err:
        raise MetadataError(
            None, f"the file-name pattern '{pattern}' is not a valid regular expression ({err})"
        ) from err
    if not set(regex.groupindex) & set(_META_FIELDS):
        raise MetadataError(
            None,
            f"the file-name pattern '{pattern}' has no named group for any of "
            + ", ".join(_META_FIELDS),
            "write groups like (?P<project_id>P\\d+)",
        )
    return regex  # other named groups are allowed and become document columns


def detect_delimiter(text: str) -> str:
    """The CSV delimiter: comma, semicolon (Dutch Excel), tab or bar; comma for one column."""
    try:
        return csv.Sniffer().sniff(text[:16384], delimiters=",;\t|").delimiter
    except csv.Error:  # a single column (project_id only) has no delimiter to find
        return ","


def read_table(path: Path, what: str) -> pd.DataFrame:
    """Read a CSV (any delimiter, UTF-8 or cp1252) or XLSX metadata file as strings."""
    if not path.is_file():
        raise MetadataError(path, f"the {what} file does not exist")
    suffix = path.suffix.lower()
    try:
        if suffix in (".xlsx", ".xlsm"):
            frame = pd.read_excel(path, dtype=str, engine="openpyxl")
        elif suffix in (".csv", ".tsv", ".txt"):
            text, _ = decode_bytes(path.read_bytes())
            if not text.strip():
                raise MetadataError(path, f"the {what} file is empty", "add a header row")
            frame = pd.read_csv(StringIO(text), dtype=str, sep=detect_delimiter(text))
        else:
            raise MetadataError(path, f"the {what} file must be .csv or .xlsx, not {suffix}")
    except MetadataError:
        raise
    except Exception as err:
        raise MetadataError(path, f"the {what} file could not be read as a table ({err})") from err
    frame.columns = [str(c).strip().lower().replace(" ", "_") for c in frame.columns]
    frame = frame.dropna(how="all")
    return frame.map(lambda v: v.strip() if isinstance(v, str) else v)


def load_projects_file(path: str | PathLike[str]) -> pd.DataFrame:
    """Load a projects file: ``project_id`` plus any columns, one row per project.

    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "projects.csv"
    >>> _ = p.write_text("project_id;naam\\nP01;Samen aan tafel\\n", encoding="utf-8")
    >>> load_projects_file(p).to_dict("records")
    [{'project_id': 'P01', 'naam': 'Samen aan tafel'}]
    """
    path = Path(path)
    frame = read_table(path, "projects")
    if "project_id" not in frame.columns:
        raise MetadataError(
            path,
            "has no project_id column (found: " + ", ".join(map(str, frame.columns)) + ")",
            "add a column named project_id",
        )
    frame = frame[frame["project_id"].notna() & (frame["project_id"] != "")]
    dupes = sorted(frame.loc[frame["project_id"].duplicated(), "project_id"].unique())
    if dupes:
        raise MetadataError(path, "lists these projects more than once: " + ", ".join(dupes))
    return frame.reset_index(drop=True)


@dataclass
class DocumentMetadata:
    """Per-document metadata from a documents file, keyed by normalised relative path."""

    rows: dict[str, dict[str, Any]] = field(default_factory=dict)
    source: Path | None = None

    def lookup(self, relpath: str) -> dict[str, Any] | None:
        """Metadata for a path relative to the ingested folder, or None."""
        return self.rows.get(_nfc(relpath))

    def unused(self, seen: set[str]) -> list[str]:
        """Paths listed in the file that no ingested file matched."""
        return sorted(p for p in self.rows if p not in {_nfc(s) for s in seen})


def load_documents_file(path: str | PathLike[str]) -> DocumentMetadata:
    """Load a documents file: ``path`` plus any of ``project_id, wave, kind, role``."""
    path = Path(path)
    frame = read_table(path, "documents")
    if "path" not in frame.columns:
        raise MetadataError(
            path,
            "has no path column (found: " + ", ".join(map(str, frame.columns)) + ")",
            "add a column named path with file paths relative to the ingested folder",
        )
    rows: dict[str, dict[str, Any]] = {}
    for record in frame.to_dict("records"):
        rel = record.pop("path")
        if not isinstance(rel, str) or not rel:
            continue
        clean = {k: v for k, v in record.items() if isinstance(v, str) and v != ""}
        if "respondent_role" in clean and "role" not in clean:
            clean["role"] = clean.pop("respondent_role")
        rows[_nfc(rel)] = clean
    return DocumentMetadata(rows=rows, source=path)
