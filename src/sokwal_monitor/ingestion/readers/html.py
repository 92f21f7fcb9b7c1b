"""HTML (``.html``, ``.htm``): block elements become paragraphs, ``h1``–``h6`` headings.

Scripts, styles, navigation and the ``<head>`` are not text. Whitespace collapses as a
browser would (except inside ``<pre>``); ``<br>`` is a line break. A paragraph that
starts with bold text ending in a colon (``<p><b>Interviewer:</b> ...``) carries that
speaker label.

Examples
--------
>>> doc = html_document("<h1>Verslag</h1><p><b>I:</b> Hoe   ging\\n het?</p><script>x()</script>")
>>> doc.text
'Verslag\\n\\nI: Hoe ging het?'
>>> [(b.kind, b.speaker) for b in doc.blocks]
[('heading', None), ('paragraph', 'I')]
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from ...model import BlockKind, RawDocument
from . import register
from ._labels import Assembler
from ._text import decode_bytes

__all__ = ["html_document", "read_html"]

_BLOCKS = {
    "p", "div", "li", "td", "th", "dt", "dd", "blockquote", "pre", "section", "article",
    "main", "header", "footer", "figcaption", "caption", "address", "tr", "ul", "ol",
    "table", "body", "h1", "h2", "h3", "h4", "h5", "h6",
}  # fmt: skip
_SKIP = {"script", "style", "head", "nav", "noscript", "template", "svg", "math", "iframe"}
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col", "source"}
_BOLD = {"b", "strong"}
_SPACES = re.compile(r"[ \t\n\r\f\v]+")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.I)


class _Collector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Assembler()
        self.title: str | None = None
        self._in_title = False
        self._skip = 0
        self._pre = 0
        self._heading = 0
        self._cell = False
        self._list = False
        self._bold = 0
        self._buf: list[tuple[str, bool]] = []  # (text, is bold) of the current block

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _SKIP:
            if tag != "head":
                self._skip += 1
            return
        if tag == "title":
            self._in_title = True
        if self._skip or tag in _VOID:
            if tag == "br" and not self._skip:
                self._buf.append(("\n", False))
            return
        if tag in _BLOCKS:
            self._flush()
            self._heading = int(tag[1]) if re.fullmatch(r"h[1-6]", tag) else self._heading
            self._cell = self._cell or tag in ("td", "th")
            self._list = self._list or tag == "li"
        if tag == "pre":
            self._pre += 1
        if tag in _BOLD:
            self._bold += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIP:
            if tag != "head":
                self._skip = max(0, self._skip - 1)
            return
        if tag == "title":
            self._in_title = False
        if self._skip:
            return
        if tag in _BOLD:
            self._bold = max(0, self._bold - 1)
        if tag == "pre":
            self._pre = max(0, self._pre - 1)
        if tag in _BLOCKS:
            self._flush()
            if tag in ("td", "th"):
                self._cell = False
            if tag == "li":
                self._list = False
            if tag.startswith("h") and len(tag) == 2:
                self._heading = 0

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title = ((self.title or "") + data).strip() or None
            return
        if self._skip:
            return
        text = data if self._pre else _SPACES.sub(" ", data)
        self._buf.append((text, self._bold > 0))

    def _flush(self) -> None:
        runs, self._buf = self._buf, []
        if not self._pre:  # spaces around a <br> are not text
            runs = [(re.sub(r" *\n *", "\n", text), bold) for text, bold in runs]
        kind: BlockKind = (
            "heading"
            if self._heading
            else "table"
            if self._cell
            else "list"
            if self._list
            else "paragraph"
        )
        self.out.emit(runs, kind, self._heading)


def html_document(source: str) -> RawDocument:
    """Convert HTML source to a :class:`RawDocument`."""
    parser = _Collector()
    parser.feed(source)
    parser.close()
    parser._flush()
    doc = parser.out.build(format="html", title=parser.title)
    if doc.title is None:
        doc.title = next((doc.block_text(b) for b in doc.blocks if b.kind == "heading"), None)
    return doc


@register(".html", ".htm")
def read_html(path: Path) -> RawDocument:
    """Read an HTML file; a ``<meta charset>`` is honoured when the bytes agree."""
    data = Path(path).read_bytes()
    declared = _CHARSET.search(data[:4096])
    text, encoding = decode_bytes(data, declared=declared.group(1).decode() if declared else None)
    doc = html_document(text)
    doc.properties["encoding"] = encoding
    return doc
