"""OpenDocument text (``.odt``): headings, paragraphs, lists and tables from ``content.xml``.

Streams the body with defusedxml one top-level element at a time. Comments
(``office:annotation``), foot- and endnotes (``text:note``) and the deleted text kept
for tracked changes are left out; headers and footers live in ``styles.xml`` and
are never read into the text. White space is collapsed as ODF prescribes, and
``text:s`` becomes its count of spaces. A bold
leading span ending in a colon is a speaker label, as in Word files.

Examples
--------
>>> import tempfile, zipfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "verslag één.odt"
>>> ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
...       'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"')
>>> body = ('<text:h text:outline-level="2">Aanpak</text:h>'
...         '<text:p>Wij<text:s text:c="2"/>werken samen.'
...         '<office:annotation><text:p>opmerking</text:p></office:annotation></text:p>')
>>> xml = f'<office:document-content {ns}><office:body><office:text>{body}</office:text>'
>>> with zipfile.ZipFile(path, "w") as zf:
...     zf.writestr("content.xml", xml + "</office:body></office:document-content>")
>>> doc = read_odt(path)
>>> doc.text
'Aanpak\\n\\nWij  werken samen.'
>>> [(b.kind, b.level) for b in doc.blocks]
[('heading', 2), ('paragraph', 0)]
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from ...errors import EncryptedFileError, WrongFormatError
from ...model import BlockKind, RawDocument
from . import register
from ._labels import Assembler, Runs
from ._sniff import (
    iter_children,
    open_member,
    open_zip,
    parse_xml,
    read_sample,
    what_is,
    wrong_format,
)

__all__ = ["read_odt"]

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
_FO = "{urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0}"
_MANIFEST = "{urn:oasis:names:tc:opendocument:xmlns:manifest:1.0}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

_PARAGRAPHS = (_TEXT + "p", _TEXT + "h")
_SKIP = frozenset(
    {
        _OFFICE + "annotation",
        _OFFICE + "annotation-end",
        _TEXT + "note",
        _TEXT + "tracked-changes",
        _OFFICE + "forms",
        _TEXT + "sequence-decls",
        _TEXT + "variable-decls",
        _TEXT + "user-field-decls",
    }
)
_TITLE_NAMES = {"title", "titel"}
# ODF collapses runs of white space in text; extra spaces are text:s, tabs text:tab
_WHITESPACE = re.compile(r"[ \t\r\n]+")
_MIMETYPE = b"application/vnd.oasis.opendocument.text"


@dataclass(slots=True)
class _Style:
    parent: str | None
    bold: bool | None
    names: tuple[str, ...]


def _read_styles(root: Element | None, styles: dict[tuple[str, str], _Style]) -> None:
    """Add the ``style:style`` definitions under ``root`` to ``styles``."""
    if root is None:
        return
    for el in root.iter(_STYLE + "style"):
        name = el.get(_STYLE + "name")
        if not name:
            continue
        props = el.find(_STYLE + "text-properties")
        weight = None if props is None else props.get(_FO + "font-weight")
        bold = None
        if weight is not None:
            bold = weight == "bold" or (weight.isdigit() and int(weight) >= 600)
        display = el.get(_STYLE + "display-name", name)
        styles[(el.get(_STYLE + "family", ""), name)] = _Style(
            el.get(_STYLE + "parent-style-name"), bold, (name.lower(), display.lower())
        )


@dataclass
class _Walker:
    styles: dict[tuple[str, str], _Style]
    out: Assembler = field(default_factory=Assembler)
    tracked_changes: bool = False

    def style(self, family: str, name: str | None) -> tuple[bool | None, bool]:
        """``(bold, is a title style)`` of a style through its parents; bold None if unset."""
        bold, title, seen = None, False, set()
        while name and (family, name) in self.styles and name not in seen:
            seen.add(name)
            st = self.styles[(family, name)]
            bold = st.bold if bold is None else bold
            title = title or any(n in _TITLE_NAMES for n in st.names)
            name = st.parent
        return bold, title

    def block(self, el: Element, context: BlockKind | None) -> None:
        tag = el.tag
        if tag in _PARAGRAPHS:
            self.paragraph(el, context)
        elif tag == _TEXT + "tracked-changes":
            self.tracked_changes = True
        elif tag not in _SKIP:
            if tag == _TABLE + "table":
                context = "table"
            elif tag == _TEXT + "list" and context is None:
                context = "list"
            for child in el:
                self.block(child, context)

    def paragraph(self, el: Element, context: BlockKind | None) -> None:
        bold, title = self.style("paragraph", el.get(_TEXT + "style-name"))
        level = 0
        if el.tag == _TEXT + "h":
            value = el.get(_TEXT + "outline-level", "1")
            level = min(max(int(value), 1), 6) if value.isdigit() else 1
        elif title:
            level = 1
        runs: Runs = []
        deferred: list[Element] = []
        self.inline(el, runs, bool(bold), deferred)
        kind: BlockKind = "table" if context == "table" else "heading" if level else "paragraph"
        if kind == "paragraph" and context == "list":
            kind = "list"
        self.out.emit(runs, kind, level if kind == "heading" else 0)
        for child in deferred:  # frames and shapes anchored in the paragraph: after it
            self.block(child, None)

    def inline(self, el: Element, runs: Runs, bold: bool, deferred: list[Element]) -> None:
        if el.text:
            runs.append((_WHITESPACE.sub(" ", el.text), bold))
        for child in el:
            tag = child.tag
            if tag == _TEXT + "s":
                count = child.get(_TEXT + "c", "1")
                runs.append((" " * (min(int(count), 1000) if count.isdigit() else 1), bold))
            elif tag == _TEXT + "tab":
                runs.append(("\t", bold))
            elif tag == _TEXT + "line-break":
                runs.append(("\n", bold))
            elif tag == _TEXT + "span":
                span_bold = self.style("text", child.get(_TEXT + "style-name"))[0]
                self.inline(child, runs, bold if span_bold is None else span_bold, deferred)
            elif tag in _SKIP:
                pass
            elif tag.startswith(_TEXT):  # links, fields, bookmarks, ...
                self.inline(child, runs, bold, deferred)
            else:  # draw:frame, shapes: their paragraphs are blocks of their own
                deferred.append(child)
            if child.tail:
                runs.append((_WHITESPACE.sub(" ", child.tail), bold))


def _check_container(zf: zipfile.ZipFile, path: Path) -> None:
    """Refuse encrypted files and archives that are not OpenDocument text."""
    manifest = parse_xml(zf, "META-INF/manifest.xml", path)
    if manifest is not None and manifest.find(f".//{_MANIFEST}encryption-data") is not None:
        raise EncryptedFileError(path, "the OpenDocument file is password-protected")
    mimetype = b""
    names = set(zf.namelist())
    if "mimetype" in names:
        with open_member(zf, "mimetype", path) as stream:
            mimetype = stream.read(200).strip()
    if mimetype and not mimetype.startswith(_MIMETYPE):
        raise wrong_format(path, "OpenDocument text", read_sample(path))
    if "content.xml" not in names:
        sample = read_sample(path)
        if what_is(sample) not in ("zip", "odt"):
            raise wrong_format(path, "OpenDocument text", sample)
        raise WrongFormatError(
            path,
            "not an OpenDocument text file although it ends in .odt "
            "(a zip archive without content.xml)",
            "open it in the program that made it and save it as .odt",
        )


@register(".odt")
def read_odt(path: Path) -> RawDocument:
    """Read the body text of an OpenDocument text file (see the module docstring)."""
    path = Path(path)
    with open_zip(path, "OpenDocument text") as zf:
        _check_container(zf, path)
        styles: dict[tuple[str, str], _Style] = {}
        _read_styles(parse_xml(zf, "styles.xml", path), styles)
        walker = _Walker(styles)

        def start(root: Element) -> None:
            _read_styles(root.find(_OFFICE + "automatic-styles"), styles)

        for elem in iter_children(zf, "content.xml", (_OFFICE + "text",), path, start):
            walker.block(elem, None)
        meta = parse_xml(zf, "meta.xml", path)
    title_el = None if meta is None else meta.find(f"{_OFFICE}meta/{_DC_TITLE}")
    title = (title_el.text or "").strip() if title_el is not None else ""
    warnings = []
    if walker.tracked_changes:
        warnings.append("the document has tracked changes: deleted text is left out")
    return walker.out.build(
        format="odt",
        title=title or None,
        properties={"warnings": warnings},
    )
