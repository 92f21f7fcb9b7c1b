"""Readers: one module per file format, registered by suffix.

Each reader is a function ``read(path) -> RawDocument`` registered with
:func:`register`. :func:`read_document` picks the reader by suffix, turns any
unexpected failure of a third-party parser into an :class:`UnreadableFileError`
naming the file, and checks that some text came out.

Examples
--------
>>> from pathlib import Path
>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> (folder / "notes.txt").write_text("Interviewer: Hoe ging het?", encoding="utf-8")
26
>>> read_document(folder / "notes.txt").text
'Interviewer: Hoe ging het?'
>>> ".docx" in supported_suffixes()
True
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from os import PathLike
from pathlib import Path

from ...errors import EmptyFileError, SokwalError, UnreadableFileError, UnsupportedFormatError
from ...model import RawDocument
from ._sniff import MAX_MEMBER_SIZE, MAX_RATIO, RATIO_MIN_SIZE
from ._text import decode_bytes, plain_text_document

__all__ = [
    "MAX_MEMBER_SIZE",
    "MAX_RATIO",
    "RATIO_MIN_SIZE",
    "decode_bytes",
    "plain_text_document",
    "read_document",
    "reader_for",
    "register",
    "supported_suffixes",
]

Reader = Callable[[Path], RawDocument]

# suffix -> module that registers it; modules are imported on first use so that
# `import sokwal_monitor` stays fast and a missing optional parser only hurts its format.
_MODULES: dict[str, str] = {
    ".txt": "plaintext",
    ".text": "plaintext",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    ".odt": "odt",
    ".rtf": "rtf",
    ".pdf": "pdf",
    ".vtt": "subtitles",
    ".srt": "subtitles",
    ".zip": "whatsapp",  # a WhatsApp export with media; other archives are refused
}
_READERS: dict[str, Reader] = {}


def register(*suffixes: str) -> Callable[[Reader], Reader]:
    """Register a reader function for one or more suffixes (``".docx"``).

    A later registration for the same suffix replaces the earlier one, so a user
    can plug in their own reader.
    """

    def decorator(func: Reader) -> Reader:
        for suffix in suffixes:
            _READERS[suffix.lower()] = func
            _MODULES.setdefault(suffix.lower(), func.__module__)
        return func

    return decorator


def supported_suffixes() -> list[str]:
    """Return the document suffixes that have a reader, sorted."""
    return sorted(set(_MODULES) | set(_READERS))


def reader_for(path: str | PathLike[str]) -> Reader:
    """Return the reader registered for ``path``'s suffix.

    Raises
    ------
    UnsupportedFormatError
        When no reader handles the suffix.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in _READERS and suffix in _MODULES:
        module = _MODULES[suffix]
        importlib.import_module(module if "." in module else f"{__name__}.{module}")
    try:
        return _READERS[suffix]
    except KeyError:
        raise UnsupportedFormatError(
            p,
            f"not a supported document format ({suffix or 'no suffix'})",
            "supported are " + ", ".join(supported_suffixes()),
        ) from None


def read_document(path: str | PathLike[str]) -> RawDocument:
    """Read one file into a :class:`RawDocument`.

    Raises
    ------
    UnsupportedFormatError
        No reader for the suffix.
    UnreadableFileError
        (or a subclass) the file is empty, damaged, encrypted, a scan, or not what
        its suffix says. The message names the file.
    """
    p = Path(path)
    reader = reader_for(p)
    if not p.is_file():
        raise UnreadableFileError(p, "not a file or it does not exist")
    if p.stat().st_size == 0:
        raise EmptyFileError(p)
    try:
        doc = reader(p)
    except SokwalError as err:
        if err.path is None:
            err.path = str(p)
            err.args = (err.message,)
        raise
    except (MemoryError, RecursionError) as err:
        raise UnreadableFileError(
            p, f"the file is too large or too deeply nested to read ({type(err).__name__})"
        ) from err
    except Exception as err:  # a third-party parser failed: say so, with its words
        raise UnreadableFileError(
            p, f"the file is damaged or not a valid {p.suffix.lstrip('.')} file ({err})"
        ) from err
    if not doc.text.strip():
        raise EmptyFileError(p, "the file contains no text")
    doc.format = doc.format or p.suffix.lower().lstrip(".")
    return doc
