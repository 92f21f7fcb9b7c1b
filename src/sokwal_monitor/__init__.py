"""sokwal-monitor: qualitative monitoring of social projects.

Load interview transcripts, reports and surveys into a project store, pseudonymize
them, code them (by hand, by a codebook's rules), then compare and summarize them per
project. Everything runs offline.

>>> import sokwal_monitor as sm
>>> sm.__version__ != ""
True
"""

from __future__ import annotations

from ._version import __version__
from .codebook import Codebook, load_codebook
from .coding import add_coding, code_quote
from .coding.rules import code_store
from .coding.session import CodingSession
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
from .ingestion import IngestReport, ingest
from .ingestion.readers import read_document, supported_suffixes
from .learning import learning_effects
from .privacy import pseudonymize
from .refi import export_qdpx, import_qdpx
from .store import ProjectStore
from .widget import CodingWidget

# the analyses register their exportable tables (ProjectStore.table) when imported
from . import analysis, summary, topics  # noqa: F401  # isort: skip

__all__ = [
    "Codebook",
    "CodingSession",
    "CodingWidget",
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
    "add_coding",
    "code_quote",
    "code_store",
    "export_qdpx",
    "import_qdpx",
    "ingest",
    "learning_effects",
    "load_codebook",
    "pseudonymize",
    "read_document",
    "supported_suffixes",
]
