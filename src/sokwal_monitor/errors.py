"""Typed exceptions with messages a researcher can act on.

Every error names the file (when there is one), says what is wrong in plain words,
and, where we know it, what to do about it. The hierarchy lets notebooks catch
broadly (``SokwalError``) or narrowly (``ScannedPdfError``).

Examples
--------
>>> from sokwal_monitor.errors import EmptyFileError
>>> err = EmptyFileError("interviews/P01.txt")
>>> print(err)  # doctest: +NORMALIZE_WHITESPACE
interviews/P01.txt: the file is empty (0 bytes of text);
check that it was saved or exported completely
>>> isinstance(err, SokwalError)
True
"""

from __future__ import annotations

from os import PathLike

__all__ = [
    "AmbiguousQuoteError",
    "BoardError",
    "CodebookError",
    "CodingError",
    "EmptyFileError",
    "EncryptedFileError",
    "KeyFileError",
    "MetadataError",
    "NoTextLayerError",
    "QuoteNotFoundError",
    "SearchQueryError",
    "SokwalError",
    "StoreError",
    "TranscriptionError",
    "UnreadableFileError",
    "UnsupportedFormatError",
    "WrongFormatError",
]


class SokwalError(Exception):
    """Base class of every error sokwal-monitor raises on purpose.

    Parameters
    ----------
    path : str or PathLike, optional
        The file the problem is about; it starts the message.
    cause : str
        What is wrong, in plain words.
    hint : str, optional
        What the user can do about it.
    """

    default_cause = "something went wrong"
    default_hint: str | None = None

    def __init__(
        self,
        path: str | PathLike[str] | None = None,
        cause: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = None if path is None else str(path)
        self.cause = cause or self.default_cause
        self.hint = hint if hint is not None else self.default_hint
        super().__init__(self.message)

    @property
    def message(self) -> str:
        """The one-line message: ``<file>: <cause>; <hint>``."""
        text = self.cause if not self.hint else f"{self.cause}; {self.hint}"
        return text if self.path is None else f"{self.path}: {text}"

    def __reduce__(self):  # keep errors picklable across processes
        return (type(self), (self.path, self.cause, self.hint))


class UnreadableFileError(SokwalError):
    """A file could not be read as the format it claims to be."""

    default_cause = "the file could not be read"


class EmptyFileError(UnreadableFileError):
    """The file holds no text at all."""

    default_cause = "the file is empty (0 bytes of text)"
    default_hint = "check that it was saved or exported completely"


class WrongFormatError(UnreadableFileError):
    """The content does not match the file name's suffix (a .docx that is not Word)."""


class EncryptedFileError(UnreadableFileError):
    """The file is password-protected."""

    default_cause = "the file is password-protected"
    default_hint = "save an unprotected copy and ingest that"


class NoTextLayerError(UnreadableFileError):
    """A PDF whose pages are images only (a scan)."""

    default_cause = "no text layer — this PDF is a scan"
    default_hint = "run OCR first (for example with ocrmypdf) and ingest the result"


class UnsupportedFormatError(SokwalError):
    """No reader is registered for this file's suffix."""


class MetadataError(SokwalError):
    """A projects or documents metadata file, or a file-name pattern, is not usable."""


class StoreError(SokwalError):
    """The project store cannot be opened or is not a sokwal-monitor store."""


class KeyFileError(StoreError):
    """The key file cannot be opened: no or a wrong passphrase, a damaged or truncated
    file, or a file that is not a key file. Nothing was read from or written to it."""


class CodebookError(SokwalError):
    """A codebook does not validate."""


class CodingError(SokwalError):
    """A coding cannot be made or found: an unknown document, a span outside the text."""


class QuoteNotFoundError(CodingError):
    """The quoted passage does not occur in the document."""


class AmbiguousQuoteError(CodingError):
    """The quoted passage occurs more than once in the document."""


class SearchQueryError(SokwalError, ValueError):
    """A search query that is empty or cannot be read (also a ``ValueError``)."""

    default_cause = "the search query cannot be read"
    default_hint = (
        'write words (all must occur), "an exact phrase" in double quotes, zorg* for'
        " words that start with zorg, OR between alternatives, -word or NOT word to"
        " leave a word out, and parentheses to group"
    )


class BoardError(SokwalError):
    """A designlab board file that cannot be imported: malformed, hostile, for another
    card set or session, or naming cards whose text has changed since."""


class TranscriptionError(SokwalError):
    """A recording could not be transcribed: not audio, damaged, silent, no speech, or the
    speech-recognition model folder is missing or wrong."""

    default_cause = "the recording could not be transcribed"
