"""Word (``.docx``): body paragraphs, headings and tables, streamed from ``word/document.xml``.

Our own parser (zip + defusedxml, no python-docx): it streams the main part one
top-level paragraph or table at a time, so long transcripts stay fast and small in
memory. Deleted tracked changes, field codes, hidden text and the fallback copy of
text boxes are left out; inserted text is kept. Headers, footers, comments and
footnotes live in other parts of the archive and are never read into the text.

A bold run at the start of a paragraph that ends with a colon (bold ``Interviewer:``,
or bold ``Interviewer`` followed by ``:``) is a speaker label: it stays in the text,
the block's ``speaker`` is the label and its ``start`` points at the content after it.

Examples
--------
>>> import tempfile, zipfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "P01 coöperatie.docx"
>>> body = ('<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>Interviewer:</w:t></w:r>'
...         '<w:r><w:t xml:space="preserve"> Hoe gaat het met de coöperatie?</w:t></w:r></w:p>')
>>> xml = ('<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
...        f'<w:body>{body}</w:body></w:document>')
>>> with zipfile.ZipFile(path, "w") as zf:
...     zf.writestr("word/document.xml", xml)
>>> doc = read_docx(path)
>>> doc.text
'Interviewer: Hoe gaat het met de coöperatie?'
>>> block = doc.blocks[0]
>>> block.speaker, doc.block_text(block)
('Interviewer', 'Hoe gaat het met de coöperatie?')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree.ElementTree import Element

from ...errors import WrongFormatError
from ...model import BlockKind, RawDocument
from . import register
from ._labels import Assembler, Runs
from ._sniff import iter_children, open_zip, parse_xml, read_sample, what_is, wrong_format

__all__ = ["read_docx"]

_MAIN = "word/document.xml"
_NS_MAIN = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_NS_STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
_BODY_TAGS = (f"{{{_NS_MAIN}}}body", f"{{{_NS_STRICT}}}body")
_MC = "{http://schemas.openxmlformats.org/markup-compatibility/2006}"
_DC_TITLE = "{http://purl.org/dc/elements/1.1/}title"

_HEADING_NAME = re.compile(r"(?:heading|kop)\s*([1-9])", re.IGNORECASE)
_TITLE_NAMES = {"title", "titel"}
_LIST_NAMES = re.compile(r"list|lijst", re.IGNORECASE)


@dataclass(slots=True)
class _Style:
    name: str = ""
    based_on: str | None = None
    bold: bool | None = None
    outline: int | None = None
    numbered: bool = False


def _on(elem: Element | None, w: str) -> bool | None:
    """The value of a toggle property (``<w:b/>``, ``<w:b w:val="0"/>``); None if absent."""
    if elem is None:
        return None
    return elem.get(w + "val", "true").lower() not in ("0", "false", "off", "none")


@dataclass
class _Builder:
    """Walks the body of document.xml, resolving styles, into an :class:`Assembler`."""

    w: str
    styles: dict[str, _Style]
    out: Assembler = field(default_factory=Assembler)
    deletions: int = 0
    text_boxes: int = 0
    _cache: dict[str, tuple[int, bool, bool]] = field(default_factory=dict)

    def style(self, style_id: str | None) -> tuple[int, bool, bool]:
        """Resolve ``(heading level, bold, numbered)`` of a style through ``basedOn``."""
        if not style_id:
            return 0, False, False
        if style_id not in self._cache:
            level, bold, numbered, seen = 0, None, False, set()
            current: str | None = style_id
            while current and current in self.styles and current not in seen:
                seen.add(current)
                st = self.styles[current]
                if not level:
                    match = _HEADING_NAME.fullmatch(st.name.strip())
                    if match:
                        level = int(match.group(1))
                    elif st.name.strip().lower() in _TITLE_NAMES:
                        level = 1
                    elif st.outline is not None and st.outline < 9:
                        level = st.outline + 1
                bold = st.bold if bold is None else bold
                numbered = numbered or st.numbered or bool(_LIST_NAMES.match(st.name))
                current = st.based_on
            if style_id not in self.styles:  # no styles.xml: the id may still tell
                match = _HEADING_NAME.fullmatch(style_id)
                level = int(match.group(1)) if match else int(style_id.lower() in _TITLE_NAMES)
            self._cache[style_id] = (min(level, 6), bool(bold), numbered)
        return self._cache[style_id]

    def block(self, elem: Element, in_table: bool) -> None:
        """Walk a body-level element (paragraph, table, content control) in order."""
        w, tag = self.w, elem.tag
        if tag == w + "p":
            self.paragraph(elem, in_table)
        elif tag in (w + "del", w + "moveFrom", _MC + "Fallback") or tag.endswith("Pr"):
            if tag == w + "del":
                self.deletions += 1
        else:
            for child in elem:
                self.block(child, in_table or tag == w + "tbl")

    def paragraph(self, p: Element, in_table: bool) -> None:
        w = self.w
        ppr = p.find(w + "pPr")
        style_el = None if ppr is None else ppr.find(w + "pStyle")
        level, bold, numbered = self.style(None if style_el is None else style_el.get(w + "val"))
        if ppr is not None:
            outline = ppr.find(w + "outlineLvl")
            value = "9" if outline is None else outline.get(w + "val", "9")
            if not level and value.isdigit() and int(value) < 9:
                level = min(int(value) + 1, 6)
            num = ppr.find(w + "numPr/" + w + "numId")
            if num is not None:
                numbered = num.get(w + "val") != "0"
        runs: Runs = []
        boxes: list[Element] = []
        self.inline(p, runs, bold, boxes)
        kind: BlockKind = "table" if in_table else "heading" if level else "paragraph"
        if kind == "paragraph" and numbered:
            kind = "list"
        self.out.emit(runs, kind, level if kind == "heading" else 0)
        for box in boxes:  # text boxes anchored in the paragraph come after it
            for child in box:
                self.block(child, False)

    def inline(self, elem: Element, runs: Runs, bold: bool, boxes: list[Element]) -> None:
        w = self.w
        for child in elem:
            tag = child.tag
            if tag == w + "r":
                self.run(child, runs, bold, boxes)
            elif tag in (w + "del", w + "moveFrom"):
                self.deletions += 1
            elif tag == _MC + "AlternateContent":
                if len(child):  # the first choice only; the others repeat it
                    self.inline(child[0], runs, bold, boxes)
            elif not tag.endswith("Pr"):  # ins, hyperlink, smartTag, sdt, fldSimple, ...
                self.inline(child, runs, bold, boxes)

    def run(self, r: Element, runs: Runs, bold: bool, boxes: list[Element]) -> None:
        w = self.w
        texts: list[str] = []
        for child in r:
            tag = child.tag
            if tag == w + "t":
                texts.append(child.text or "")
            elif tag == w + "rPr":
                if _on(child.find(w + "vanish"), w):
                    return
                direct = _on(child.find(w + "b"), w)
                if direct is not None:
                    bold = direct
                else:
                    rstyle = child.find(w + "rStyle")
                    if rstyle is not None:
                        bold = self.style(rstyle.get(w + "val"))[1] or bold
            elif tag == w + "tab":
                texts.append("\t")
            elif tag in (w + "br", w + "cr"):
                texts.append("\n")
            elif tag == w + "noBreakHyphen":
                texts.append("-")
            elif tag == _MC + "AlternateContent" or tag in (w + "drawing", w + "pict"):
                chosen = child[0] if tag == _MC + "AlternateContent" and len(child) else child
                found = list(chosen.iter(w + "txbxContent"))
                self.text_boxes += len(found)
                boxes.extend(found)
        if texts:
            runs.append(("".join(texts), bold))


def _read_styles(root: Element | None, w: str) -> dict[str, _Style]:
    styles: dict[str, _Style] = {}
    if root is None:
        return styles
    for el in root.iter(w + "style"):
        style_id = el.get(w + "styleId")
        if not style_id:
            continue
        name, based, ppr = el.find(w + "name"), el.find(w + "basedOn"), el.find(w + "pPr")
        outline_el = None if ppr is None else ppr.find(w + "outlineLvl")
        value = "" if outline_el is None else outline_el.get(w + "val", "")
        styles[style_id] = _Style(
            name="" if name is None else name.get(w + "val", ""),
            based_on=None if based is None else based.get(w + "val"),
            bold=_on(el.find(f"{w}rPr/{w}b"), w),
            outline=int(value) if value.isdigit() else None,
            numbered=ppr is not None and ppr.find(w + "numPr") is not None,
        )
    return styles


@register(".docx")
def read_docx(path: Path) -> RawDocument:
    """Read the body text of a Word ``.docx`` file (see the module docstring)."""
    path = Path(path)
    with open_zip(path, "Word") as zf:
        if _MAIN not in zf.namelist():
            sample = read_sample(path)
            if what_is(sample) not in ("docx", "zip"):
                raise wrong_format(path, "Word", sample)
            raise WrongFormatError(
                path,
                f"not a Word file although it ends in .docx (a zip archive without {_MAIN})",
                "open it in the program that made it and save it as .docx",
            )
        builders: list[_Builder] = []

        def start(root: Element) -> None:
            w = root.tag[: root.tag.index("}") + 1] if root.tag.startswith("{") else ""
            builders.append(_Builder(w, _read_styles(parse_xml(zf, "word/styles.xml", path), w)))

        for elem in iter_children(zf, _MAIN, _BODY_TAGS, path, on_container=start):
            builders[0].block(elem, False)
        core = parse_xml(zf, "docProps/core.xml", path)
    if not builders:
        raise WrongFormatError(
            path, f"not a Word file although it ends in .docx ({_MAIN} has no document body)"
        )
    builder = builders[0]
    title_el = None if core is None else core.find(_DC_TITLE)
    title = (title_el.text or "").strip() if title_el is not None else ""
    warnings = []
    if builder.deletions:
        warnings.append("the document has tracked changes: deleted text is left out")
    return builder.out.build(
        format="docx",
        title=title or None,
        properties={"text_boxes": builder.text_boxes, "warnings": warnings},
    )
