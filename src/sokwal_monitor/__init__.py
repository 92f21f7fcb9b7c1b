"""sokwal-monitor: qualitative monitoring of social projects.

Load interview transcripts, reports and surveys into a project store, then code,
compare and summarize them per project. Everything runs offline.

>>> import sokwal_monitor as sm
>>> sm.__version__ != ""
True
"""

from __future__ import annotations

__version__ = "0.1.0"

from .errors import (
    EmptyFileError,
    EncryptedFileError,
    MetadataError,
    NoTextLayerError,
    SokwalError,
    StoreError,
    UnreadableFileError,
    UnsupportedFormatError,
    WrongFormatError,
)
from .ingest import IngestReport, ingest
from .privacy import pseudonymize
from .readers import read_document, supported_suffixes
from .store import ProjectStore

__all__ = [
    "EmptyFileError",
    "EncryptedFileError",
    "IngestReport",
    "MetadataError",
    "NoTextLayerError",
    "ProjectStore",
    "SokwalError",
    "StoreError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "WrongFormatError",
    "__version__",
    "ingest",
    "pseudonymize",
    "read_document",
    "supported_suffixes",
]
