"""sokwal-monitor: qualitative monitoring of social projects.

Load interview transcripts, reports and surveys into a project store, pseudonymize
them, code them (by hand, by a codebook's rules, with model suggestions), then compare
and summarize them per project. Everything runs offline.

The public face is the stage verbs, each taking the store (a :class:`ProjectStore` or
the path of a store file) first, the main classes and the errors:

>>> import sokwal_monitor as sm
>>> sm.__version__ != ""
True
>>> [verb for verb in ("ingest", "pseudonymize", "code_store", "agreement") if verb in sm.__all__]
['ingest', 'pseudonymize', 'code_store', 'agreement']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ._version import __version__
from .analysis.search import search
from .codebook import Code, Codebook, load_codebook
from .coding import add_coding, code_quote
from .coding.rules import code_store
from .coding.session import CodingSession
from .errors import (
    AmbiguousQuoteError,
    CodebookError,
    CodingError,
    EmptyFileError,
    EncryptedFileError,
    MetadataError,
    NoTextLayerError,
    QuoteNotFoundError,
    SearchQueryError,
    SokwalError,
    StoreError,
    TranscriptionError,
    UnreadableFileError,
    UnsupportedFormatError,
    WrongFormatError,
)
from .ingestion import IngestReport, ingest
from .ingestion.readers import read_document, supported_suffixes
from .learning import learning_effects
from .lessons import find_lessons
from .library import LibraryResult, write_library
from .merging import MergeReport, merge
from .privacy import PseudonymizationReport, pseudonymize
from .refi import ImportReport, RefiError, export_qdpx, import_qdpx
from .reliability import agreement
from .reports import ReportError, ReportRun, render_reports
from .store import ProjectStore, open_store
from .summary import ProjectSummary, project_summary
from .topics import TopicError, TopicModelResult, fit_topics
from .widget import CodingWidget

# the analyses register their exportable tables (ProjectStore.table) when imported
from . import analysis  # noqa: F401  # isort: skip

if TYPE_CHECKING:
    from .coding.suggestions import SuggestReport, suggest
    from .transcription import transcribe

__all__ = [
    "AmbiguousQuoteError",
    "Code",
    "Codebook",
    "CodebookError",
    "CodingError",
    "CodingSession",
    "CodingWidget",
    "EmptyFileError",
    "EncryptedFileError",
    "ImportReport",
    "IngestReport",
    "LibraryResult",
    "MergeReport",
    "MetadataError",
    "NoTextLayerError",
    "ProjectStore",
    "ProjectSummary",
    "PseudonymizationReport",
    "QuoteNotFoundError",
    "RefiError",
    "ReportError",
    "ReportRun",
    "SearchQueryError",
    "SokwalError",
    "StoreError",
    "SuggestReport",
    "TopicError",
    "TopicModelResult",
    "TranscriptionError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "WrongFormatError",
    "__version__",
    "add_coding",
    "agreement",
    "code_quote",
    "code_store",
    "export_qdpx",
    "find_lessons",
    "fit_topics",
    "import_qdpx",
    "ingest",
    "learning_effects",
    "load_codebook",
    "merge",
    "open_store",
    "project_summary",
    "pseudonymize",
    "read_document",
    "render_reports",
    "search",
    "suggest",
    "supported_suffixes",
    "transcribe",
    "write_library",
]

_LAZY = {"suggest": "suggest", "SuggestReport": "SuggestReport"}


def __getattr__(name: str) -> Any:
    """``suggest`` and ``SuggestReport`` on first use: model suggestions need
    scikit-learn, which ``import sokwal_monitor`` does not load; ``transcribe`` too (its
    diarization needs scikit-learn and SciPy)."""
    if name in _LAZY:
        from .coding import suggestions

        return getattr(suggestions, _LAZY[name])
    if name == "transcribe":
        from .transcription import run

        return run.transcribe
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
