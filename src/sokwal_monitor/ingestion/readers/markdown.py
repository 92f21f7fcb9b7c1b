"""Markdown (``.md``): converted to plain text, keeping headings, lists and bold labels.

Inline markup (emphasis, links, code, HTML tags) is removed so the stored text reads
like prose; headings become heading blocks; a line that starts with a bold label
(``**Interviewer:** ...``) starts its own block with that speaker.

Examples
--------
>>> doc = markdown_document("# Interview P04\\n\\n**Interviewer:** Hoe *begon* het?\\n"
...                         "**Respondent:** Met [koffie](https://x.nl).")
>>> doc.text
'Interview P04\\n\\nInterviewer: Hoe begon het?\\n\\nRespondent: Met koffie.'
>>> [(b.kind, b.speaker) for b in doc.blocks]
[('heading', None), ('paragraph', 'Interviewer'), ('paragraph', 'Respondent')]
"""

from __future__ import annotations

import re
from pathlib import Path

from ...model import RawDocument, TextBuilder
from . import register
from ._text import decode_bytes

__all__ = ["markdown_document", "read_markdown", "strip_inline"]

_HEADING = re.compile(r"\s{0,3}(#{1,6})\s+(.*?)\s*#*\s*$")
_SETEXT = re.compile(r"\s{0,3}(=+|-+)\s*$")
_FENCE = re.compile(r"\s{0,3}(```|~~~)")
_LIST = re.compile(r"\s*(?:[-*+]|\d{1,3}[.)])\s+")
_QUOTE = re.compile(r"\s{0,3}>\s?")
_TABLE_SEP = re.compile(r"\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")
_BOLD_LABEL = re.compile(r"\s*(\*\*|__)(?P<label>[^*_\n]{1,60}?)\s*(?::\1|\1\s*:)\s*")
_INLINE = [
    (re.compile(r"<!--.*?-->", re.S), ""),
    (re.compile(r"!\[([^\[\]\n]{0,500})\]\([^()\n]{0,2000}\)"), r"\1"),
    (re.compile(r"\[([^\[\]\n]{1,500})\]\([^()\n]{0,2000}\)"), r"\1"),
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),
    (re.compile(r"</?[A-Za-z][^>\n]*>"), ""),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]*)`"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>])"), r"\1"),
]


def strip_inline(line: str) -> str:
    """Remove inline Markdown markup from one line.

    >>> strip_inline("**Let op:** zie [de site](https://example.org) en `code`")
    'Let op: zie de site en code'
    """
    for pattern, repl in _INLINE:
        line = pattern.sub(repl, line)
    return line


def markdown_document(source: str) -> RawDocument:
    """Convert Markdown source to a :class:`RawDocument`."""
    lines = source.split("\n")
    builder = TextBuilder()
    title = None
    i = 0
    if lines and lines[0].strip() == "---":  # YAML front matter
        end = next((k for k in range(1, len(lines)) if lines[k].strip() in ("---", "...")), 0)
        for meta in lines[1:end]:
            if meta.lower().startswith("title:"):
                title = meta.split(":", 1)[1].strip().strip("\"'")
        i = end + 1 if end else 0
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            builder.add("\n".join(strip_inline(p).strip() for p in paragraph))
            paragraph.clear()

    while i < len(lines):
        line = lines[i]
        if _FENCE.match(line):
            flush()
            fence = _FENCE.match(line).group(1)  # type: ignore[union-attr]
            j = i + 1
            while j < len(lines) and not lines[j].lstrip().startswith(fence):
                j += 1
            builder.add("\n".join(lines[i + 1 : j]))
            i = j + 1
            continue
        heading = _HEADING.match(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if heading or (line.strip() and not paragraph and _SETEXT.match(nxt) and nxt.strip()):
            flush()
            if heading:
                level, content = len(heading.group(1)), heading.group(2)
            else:
                level, content = (1 if nxt.strip()[0] == "=" else 2), line
                i += 1
            content = strip_inline(content).strip()
            builder.add(content, kind="heading", level=level)
            title = title or (content if level == 1 else None)
        elif not line.strip():
            flush()
        elif _TABLE_SEP.match(line) and "-" in line:
            pass
        elif line.lstrip().startswith("|"):
            flush()
            cells = [strip_inline(c).strip() for c in line.strip().strip("|").split("|")]
            builder.add(" | ".join(c for c in cells if c), kind="table")
        else:
            line = _QUOTE.sub("", line, count=1)
            label = _BOLD_LABEL.match(line)
            if label:
                flush()
                name = label.group("label").strip().rstrip(":").strip()
                rest = strip_inline(line[label.end() :]).strip()
                builder.add(rest, label=f"{name}:", speaker=name)
            elif _LIST.match(line):
                flush()
                builder.add(strip_inline(_LIST.sub("", line, count=1)), kind="list")
            else:
                paragraph.append(line)
        i += 1
    flush()
    return builder.build(format="md", title=title)


@register(".md", ".markdown")
def read_markdown(path: Path) -> RawDocument:
    """Read a Markdown file (any encoding :func:`decode_bytes` detects)."""
    source, encoding = decode_bytes(Path(path).read_bytes())
    doc = markdown_document(source)
    doc.properties["encoding"] = encoding
    return doc
