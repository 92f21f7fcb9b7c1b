"""PDF (``.pdf``): the text layer, one block per text box, with page numbers.

pdfminer.six lays out each page; every text box becomes a block whose lines are
joined with ``\\n`` (trailing spaces dropped, runs of spaces from justified lines
made single) and whose ``page`` is the 1-based page number. Short boxes set larger
(or bold, where the body is not) are headings, levelled by size. Page headers,
footers and page numbers — text repeated at the top or bottom edge of at least half
the pages — are left out. An empty user password is tried (PDFs that are merely
"protected" against editing open fine); a PDF that needs a password raises
:class:`EncryptedFileError`. A PDF whose pages hold images but no text is a scan:
:class:`NoTextLayerError`. Pages without text in an otherwise readable PDF are
named in ``properties["warnings"]``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from sokwal_monitor.errors import WrongFormatError
>>> path = Path(tempfile.mkdtemp()) / "verslag.pdf"
>>> _ = path.write_bytes(b"PK\\x03\\x04 word/document.xml")
>>> try:
...     read_pdf(path)
... except WrongFormatError as err:
...     print(err.cause, err.hint, sep="; ")
not a PDF file although it ends in .pdf (it is a Word .docx file (zip archive)); rename it to .docx
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import Any

from pdfminer.converter import PDFPageAggregator
from pdfminer.layout import LAParams, LTChar, LTComponent, LTContainer, LTTextContainer
from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
from pdfminer.pdfpage import PDFPage
from pdfminer.pdfparser import PDFParser
from pdfminer.pdftypes import resolve1
from pdfminer.psexceptions import PSException
from pdfminer.psparser import PSLiteral
from pdfminer.utils import decode_text

from ...errors import EncryptedFileError, NoTextLayerError, UnreadableFileError
from ...model import RawDocument
from . import register
from ._sniff import read_sample, wrong_format
from ._text import normalize_newlines

__all__ = ["read_pdf"]

_SPACES = re.compile(r" {2,}")
_DAMAGED = "the file is damaged or incomplete (not a readable PDF)"
_DAMAGED_HINT = "copy or export it again"


def _decode(value: Any) -> str:
    """A PDF text string (PDFDocEncoding, UTF-16 with BOM, UTF-8 with BOM) as str."""
    value = resolve1(value)
    if isinstance(value, PSLiteral):
        value = value.name
    if isinstance(value, bytes):
        if value.startswith(b"\xef\xbb\xbf"):
            value = value[3:].decode("utf-8", errors="replace")
        elif value.startswith(b"\xff\xfe"):
            value = value[2:].decode("utf-16-le", errors="replace")
        else:
            value = decode_text(value)
    return str(value).replace("\x00", "").strip() if value is not None else ""


def _title(document: PDFDocument) -> str | None:
    for info in reversed(document.info):  # the last update's Info wins
        try:
            title = _decode(info.get("Title"))
        except (PSException, ValueError, TypeError):
            continue
        if title:
            return title
    return None


@dataclass(slots=True)
class _Line:
    """A line of a text box with what layout tells about it."""

    text: str
    page: int
    top: float  # distance from the top of the page, in points
    bottom: float  # distance from the bottom of the page
    size: float  # median font size of its characters
    bold: bool  # all its characters in a bold font


@dataclass(slots=True)
class _Box:
    lines: list[_Line]

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def size(self) -> float:
        return median(line.size for line in self.lines)

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)


def _line(item: LTTextContainer, page: int, height: float) -> _Line | None:
    # justified lines come out with runs of spaces: one is what the author typed
    text = normalize_newlines(_SPACES.sub(" ", item.get_text().replace("\n", " "))).strip()
    if not text:
        return None
    sizes, bold = [], True
    for char in item if isinstance(item, LTContainer) else ():
        if isinstance(char, LTChar) and char.get_text().strip():
            sizes.append(round(char.size, 1))
            bold = bold and "bold" in char.fontname.lower()
    size = median(sizes) if sizes else 0.0
    return _Line(text, page, height - item.y1, item.y0, size, bold and bool(sizes))


def _walk(item: LTComponent, page: int, height: float, boxes: list[_Box]) -> bool:
    """Collect the text boxes under ``item``; return whether it holds any graphics."""
    graphics = False
    for child in item if isinstance(item, LTContainer) else ():
        if isinstance(child, LTTextContainer):
            lines = [_line(ln, page, height) for ln in child if isinstance(ln, LTTextContainer)]
            if not any(lines) and child.get_text().strip():  # a box without line objects
                lines = [_line(child, page, height)]
            kept = [line for line in lines if line is not None]
            if kept:
                boxes.append(_Box(kept))
        elif isinstance(child, LTContainer):  # a figure: text inside it, or an image
            graphics = _walk(child, page, height, boxes) or graphics or not len(child)
        else:
            graphics = True
    return graphics


_PAGE_NUMBER = re.compile(
    r"(?i)^[\s\-–—]*(pagina|page|blz\.?|p\.)?\s*\d+(\s*(van|of|/)\s*\d+)?[\s\-–—]*$"
)
_MARGIN = 72.0  # points: a running header or footer sits within an inch of the edge


def _drop_running(boxes: list[_Box], n_pages: int) -> tuple[list[_Box], int]:
    """Remove page headers, footers and page numbers: lines at the top or bottom edge
    whose text (digits ignored) recurs on at least half the pages, or page numbers."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", line.text.lower())

    def at_edge(line: _Line) -> bool:
        return line.top < _MARGIN or line.bottom < _MARGIN

    pages_of: dict[str, set[int]] = {}
    for box in boxes:
        for line in box.lines:
            if at_edge(line):
                pages_of.setdefault(key(line), set()).add(line.page)
    repeated = {k for k, pages in pages_of.items() if len(pages) >= max(2, (n_pages + 1) // 2)}
    kept: list[_Box] = []
    removed = 0
    for box in boxes:
        lines = [
            line
            for line in box.lines
            if not (at_edge(line) and (key(line) in repeated or _PAGE_NUMBER.match(line.text)))
        ]
        removed += len(box.lines) - len(lines)
        if lines:
            kept.append(_Box(lines))
    return kept, removed


def _heading_levels(boxes: list[_Box]) -> list[int]:
    """Heading level per box (0 = body): short unpunctuated boxes set larger or bolder
    than the body text; the largest size is level 1."""
    weights: Counter[float] = Counter()
    for box in boxes:
        weights[box.size] += len(box.text)
    if not weights:
        return [0] * len(boxes)
    body = weights.most_common(1)[0][0]
    body_bold = sum(len(b.text) for b in boxes if b.bold) > sum(len(b.text) for b in boxes) / 2

    def candidate(box: _Box) -> bool:
        words = box.text.split()
        short = len(words) <= 12 and box.text.count("\n") <= 1 and box.text[-1] not in ".,;:"
        return short and (box.size >= body * 1.15 or (box.bold and not body_bold))

    sizes = sorted({b.size for b in boxes if candidate(b)}, reverse=True)
    return [min(sizes.index(b.size) + 1, 6) if candidate(b) else 0 for b in boxes]


def _pages_phrase(pages: list[int]) -> str:
    listed = ", ".join(map(str, pages[:20])) + (", ..." if len(pages) > 20 else "")
    return f"page {listed} has" if len(pages) == 1 else f"pages {listed} have"


@register(".pdf")
def read_pdf(path: Path) -> RawDocument:
    """Read the text layer of a PDF (see the module docstring)."""
    path = Path(path)
    with open(path, "rb") as handle:
        if b"%PDF" not in handle.read(1024):
            raise wrong_format(path, "PDF", read_sample(path))
        handle.seek(0)
        try:
            document = PDFDocument(PDFParser(handle), password="")
        except PDFPasswordIncorrect as err:
            raise EncryptedFileError(path, "password-protected PDF") from err
        except PDFEncryptionError as err:
            raise EncryptedFileError(
                path, f"the PDF is encrypted in a way that cannot be read ({err})"
            ) from err
        except PSException as err:
            raise UnreadableFileError(path, _DAMAGED, _DAMAGED_HINT) from err
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams(all_texts=True))
        interpreter = PDFPageInterpreter(manager, device)
        boxes: list[_Box] = []
        scanned: list[int] = []
        failed: list[int] = []
        n_pages = 0
        try:
            for n_pages, page in enumerate(PDFPage.create_pages(document), 1):
                found: list[_Box] = []
                try:
                    interpreter.process_page(page)
                    layout = device.get_result()
                    graphics = _walk(layout, n_pages, layout.height, found)
                except PSException:
                    failed.append(n_pages)
                    continue
                if not found and graphics:
                    scanned.append(n_pages)
                boxes.extend(found)
        except PSException as err:
            if not boxes:
                raise UnreadableFileError(path, _DAMAGED, _DAMAGED_HINT) from err
            failed.append(n_pages + 1)
    boxes, removed = _drop_running(boxes, n_pages)
    texts = [b.text for b in boxes]
    if failed and not texts:
        raise UnreadableFileError(path, _DAMAGED, _DAMAGED_HINT)
    if scanned and not texts:
        raise NoTextLayerError(path)
    warnings = []
    if scanned:
        warnings.append(f"{_pages_phrase(scanned)} no text layer (scanned?); run OCR to read them")
    if failed:
        warnings.append(f"{_pages_phrase(failed)} errors and could not be read")
    if any("(cid:" in text for text in texts):
        warnings.append("some characters could not be decoded (shown as '(cid:NN)')")
    levels = _heading_levels(boxes)
    return RawDocument.from_paragraphs(
        texts,
        pages=[b.page for b in boxes],
        kinds=["heading" if level else None for level in levels],
        levels=levels,
        format="pdf",
        title=_title(document),
        properties={
            "n_pages": n_pages,
            "encrypted": document.encryption is not None,
            "running_headers_removed": removed,
            "warnings": warnings,
        },
    )
