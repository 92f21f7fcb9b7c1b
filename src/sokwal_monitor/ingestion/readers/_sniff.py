"""Say what a file really is when its content does not match its suffix.

Readers call :func:`wrong_format` when the bytes are not what the suffix promises;
the error it builds names the real format and what to do about it.

Examples
--------
>>> what_is(b"%PDF-1.7\\n...")
'pdf'
>>> what_is(b"{\\\\rtf1\\\\ansi Hallo}")
'rtf'
>>> what_is("Interviewer: één vraag".encode("utf-8"))
'text'
>>> str(wrong_format("P01.docx", "Word", b"%PDF-1.4"))
'P01.docx: not a Word file although it ends in .docx (it is a PDF file); rename it to .pdf'
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable, Collection, Iterator
from os import PathLike
from pathlib import Path
from typing import IO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

from ...errors import EncryptedFileError, UnreadableFileError, WrongFormatError

__all__ = [
    "iter_children",
    "open_member",
    "open_zip",
    "parse_xml",
    "read_sample",
    "what_is",
    "wrong_format",
]

#: A zip member that unpacks to more than this is refused.
MAX_MEMBER_SIZE = 256 << 20
#: ... and so is one that unpacks to more than this many times its packed size, when it
#: is bigger than ``RATIO_MIN_SIZE``: smaller members parse in a second or two, and
#: repetitive documents written by scripts reach ratios above 200 legitimately.
MAX_RATIO = 200
RATIO_MIN_SIZE = 32 << 20

OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

# what_is() label -> (what it is, what to do)
_DESCRIPTIONS: dict[str, tuple[str, str]] = {
    "pdf": ("a PDF file", "rename it to .pdf"),
    "docx": ("a Word .docx file (zip archive)", "rename it to .docx"),
    "xlsx": ("an Excel .xlsx workbook", "rename it to .xlsx"),
    "pptx": ("a PowerPoint .pptx presentation", "save its text as .docx or .pdf"),
    "odt": ("an OpenDocument text file", "rename it to .odt"),
    "ods": ("an OpenDocument spreadsheet", "rename it to .ods"),
    "odp": ("an OpenDocument presentation", "save its text as .odt or .pdf"),
    "epub": ("an EPUB e-book", "convert it to .docx or .pdf"),
    "zip": ("a zip archive", "unpack it and ingest the files inside"),
    "doc": ("an old Word 97–2003 .doc file", "open it in Word and save it as .docx"),
    "xls": ("an old Excel 97–2003 .xls workbook", "open it in Excel and save it as .xlsx"),
    "ppt": ("an old PowerPoint .ppt file", "open it in PowerPoint and save it as .pptx"),
    "ole2": (
        "an old Microsoft Office file (OLE2)",
        "open it in the program that made it and save it in a current format",
    ),
    "encrypted-office": (
        "a password-protected Microsoft Office document",
        "open it with the password and save an unprotected copy",
    ),
    "rtf": ("an RTF file", "rename it to .rtf"),
    "html": ("an HTML web page", "rename it to .html"),
    "xml": ("an XML file", "open it in the program that made it and export it as .docx or .pdf"),
    "png": ("a PNG image", "ingest the original document, or run OCR on the image"),
    "jpeg": ("a JPEG image", "ingest the original document, or run OCR on the image"),
    "gif": ("a GIF image", "ingest the original document, or run OCR on the image"),
    "utf-16 text": ("plain text (UTF-16)", "rename it to .txt"),
    "text": ("plain text", "rename it to .txt"),
}

_ZIP_KINDS = (
    (b"mimetypeapplication/vnd.oasis.opendocument.text", "odt"),
    (b"mimetypeapplication/vnd.oasis.opendocument.spreadsheet", "ods"),
    (b"mimetypeapplication/vnd.oasis.opendocument.presentation", "odp"),
    (b"mimetypeapplication/epub+zip", "epub"),
    (b"word/document.xml", "docx"),
    (b"xl/workbook.xml", "xlsx"),
    (b"ppt/presentation.xml", "pptx"),
)
_OLE2_KINDS = (
    ("EncryptedPackage", "encrypted-office"),
    ("EncryptionInfo", "encrypted-office"),
    ("WordDocument", "doc"),
    ("Workbook", "xls"),
    ("PowerPoint Document", "ppt"),
)


def read_sample(path: str | PathLike[str], *, limit: int = 16 << 20) -> bytes:
    """Return the whole file when it is small, else its first and last megabytes.

    Zip archives list their members at the end, OLE2 files name their streams
    anywhere: both ends are what :func:`what_is` needs.
    """
    with open(path, "rb") as handle:
        data = handle.read(limit + 1)
        if len(data) <= limit:
            return data
        handle.seek(-(1 << 20), 2)
        return data[: 1 << 20] + handle.read()


def what_is(data: bytes) -> str | None:
    """Name the format of ``data`` (the start, or a :func:`read_sample`, of a file).

    Returns one of the keys of the table of descriptions (``"pdf"``, ``"docx"``,
    ``"doc"``, ``"encrypted-office"``, ``"text"``, ...), or None when unknown.
    """
    if b"%PDF" in data[:1024]:
        return "pdf"
    if data.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return next((kind for marker, kind in _ZIP_KINDS if marker in data), "zip")
    if data.startswith(OLE2_MAGIC):
        for name, kind in _OLE2_KINDS:
            if name.encode("utf-16-le") in data:
                return kind
        return "ole2"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith((b"GIF87a", b"GIF89a")):
        return "gif"
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
        len(head) >= 4 and head[1::2].count(0) > len(head) // 5 and not head[0::2].count(0)
    ):
        return "utf-16 text"
    lowered = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if lowered.startswith(b"{\\rtf"):
        return "rtf"
    if lowered.startswith((b"<!doctype html", b"<html")) or b"<html" in lowered[:1024]:
        return "html"
    if lowered.startswith(b"<?xml"):
        return "xml"
    if b"\x00" not in head and _mostly_printable(head):
        return "text"
    return None


def _mostly_printable(head: bytes) -> bool:
    text = head.decode("cp1252", errors="replace")
    good = sum(ch.isprintable() or ch in "\t\r\n" for ch in text)
    return good >= 0.95 * len(text)


def wrong_format(
    path: str | PathLike[str], expected_label: str, data: bytes
) -> UnreadableFileError:
    """Build the error for a file whose content is not the format its suffix says.

    Parameters
    ----------
    path : str or PathLike
        The file; its suffix is quoted in the message.
    expected_label : str
        What the suffix promises, in words (``"Word"``, ``"PDF"``).
    data : bytes
        The start of the file (better: :func:`read_sample`).

    Returns
    -------
    WrongFormatError, or EncryptedFileError for a password-protected Office file.
    """
    suffix = Path(path).suffix.lower() or "(no suffix)"
    acronym = expected_label.split()[0].isupper()
    vowel = expected_label[0] in ("AEFHILMNORSX" if acronym else "AEIOU")
    expected_label = ("an " if vowel else "a ") + expected_label
    kind = what_is(data)
    if kind is None:
        return WrongFormatError(
            path,
            f"not {expected_label} file although it ends in {suffix} "
            "(its content is not a format we recognise)",
            "check that it was saved or exported completely",
        )
    what, todo = _DESCRIPTIONS[kind]
    cause = f"not {expected_label} file although it ends in {suffix} (it is {what})"
    if kind == "encrypted-office":
        return EncryptedFileError(path, cause, todo)
    return WrongFormatError(path, cause, todo)


# --- zip containers (docx, odt) -------------------------------------------------------

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_BROKEN_ZIP = "the file is damaged or incomplete (broken zip archive)"
_BROKEN_HINT = "copy or export it again"


def open_zip(path: str | PathLike[str], expected_label: str) -> zipfile.ZipFile:
    """Open ``path`` as a zip archive, or say what it is instead.

    Raises
    ------
    WrongFormatError, EncryptedFileError
        When the file is not a zip archive at all (see :func:`wrong_format`).
    UnreadableFileError
        When it is a truncated or otherwise broken zip archive.
    """
    with open(path, "rb") as handle:
        head = handle.read(4)
    if not head.startswith(_ZIP_MAGIC):
        raise wrong_format(path, expected_label, read_sample(path))
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError) as err:
        raise UnreadableFileError(path, _BROKEN_ZIP, _BROKEN_HINT) from err


def open_member(zf: zipfile.ZipFile, name: str, path: str | PathLike[str]) -> IO[bytes]:
    """Open one member of ``zf`` after checking it cannot unpack into a zip bomb."""
    info = zf.getinfo(name)
    size_mb = info.file_size / (1 << 20)
    if info.file_size > MAX_MEMBER_SIZE:
        raise UnreadableFileError(
            path,
            f"refused: {name} inside the file would unpack to {size_mb:.0f} MB "
            f"(the limit is {MAX_MEMBER_SIZE >> 20} MB)",
            "split the document into smaller files",
        )
    if info.file_size > RATIO_MIN_SIZE and info.file_size > MAX_RATIO * max(info.compress_size, 1):
        raise UnreadableFileError(
            path,
            f"refused: {name} inside the file is compressed more than {MAX_RATIO} times "
            f"({size_mb:.0f} MB from {info.compress_size} bytes; possible zip bomb)",
            "open it in the program that made it and save it again",
        )
    try:
        return zf.open(info)
    except RuntimeError as err:  # zipfile: "File ... is encrypted, password required"
        raise EncryptedFileError(path, "the zip archive inside the file is encrypted") from err
    except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError) as err:
        raise UnreadableFileError(path, _BROKEN_ZIP, _BROKEN_HINT) from err


def _xml_error(path: str | PathLike[str], member: str, err: Exception) -> UnreadableFileError:
    if isinstance(err, DefusedXmlException):
        return UnreadableFileError(
            path,
            f"refused: the file contains XML entity declarations (possible attack) in {member}",
            "open it in the program that made it and save it again",
        )
    if isinstance(err, ParseError):
        return UnreadableFileError(
            path, f"the file is damaged: {member} is not valid XML ({err})", _BROKEN_HINT
        )
    return UnreadableFileError(path, _BROKEN_ZIP, _BROKEN_HINT)


_XML_ERRORS = (DefusedXmlException, ParseError, zipfile.BadZipFile, zlib.error, EOFError)


def parse_xml(zf: zipfile.ZipFile, member: str, path: str | PathLike[str]) -> Element | None:
    """Parse a (small) member of ``zf`` safely; None when the archive lacks it."""
    try:
        zf.getinfo(member)
    except KeyError:
        return None
    root = None
    try:
        with open_member(zf, member, path) as stream:
            for _, elem in iterparse(stream, events=("start",)):
                if root is None:
                    root = elem
    except _XML_ERRORS as err:
        raise _xml_error(path, member, err) from err
    return root


def iter_children(
    zf: zipfile.ZipFile,
    member: str,
    containers: Collection[str],
    path: str | PathLike[str],
    on_container: Callable[[Element], None] | None = None,
) -> Iterator[Element]:
    """Stream the complete children of the first element whose tag is in ``containers``.

    Each child (a paragraph, a table) is yielded once its subtree is complete and
    dropped from the tree afterwards, so memory stays small however long the
    document is. ``on_container`` is called with the document's root element when
    the container starts (everything before it is complete then).
    """
    body: Element | None = None
    try:
        with open_member(zf, member, path) as stream:
            root = None
            for _, elem in iterparse(stream, events=("start",)):
                if root is None:
                    root = elem
                if body is None:
                    if elem.tag in containers:
                        body = elem
                        if on_container is not None:
                            on_container(root)
                    continue
                while len(body) > 1:
                    yield body[0]
                    del body[0]
    except _XML_ERRORS as err:
        raise _xml_error(path, member, err) from err
    if body is not None:
        yield from list(body)
