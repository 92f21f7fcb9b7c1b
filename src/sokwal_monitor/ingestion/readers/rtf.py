r"""Rich Text Format (``.rtf``): text via striprtf, paragraphs as in plain text.

The code page comes from ``\ansicpgNNNN`` (cp1252 when absent), so ``\'eb`` is "ë";
``\uN?`` escapes (with UTF-16 surrogate pairs) work too. Each ``\par`` ends a
paragraph, ``\line`` is a line break inside one. The ``{\info{\title ...}}`` group
gives the title. Bold speaker labels are not detected here: segmentation finds
``Interviewer:`` in the text.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "P03.rtf"
>>> _ = path.write_bytes(rb"{\rtf1\ansi\ansicpg1252 Interviewer: Hoe gaat het met de "
...     rb"co\'f6peratie?\par Respondent: Goed, \u233?\u233?n keer per week.\par}")
>>> doc = read_rtf(path)
>>> [doc.block_text(b) for b in doc.blocks]
['Interviewer: Hoe gaat het met de coöperatie?', 'Respondent: Goed, één keer per week.']
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from striprtf.striprtf import rtf_to_text

from ...model import RawDocument
from . import register
from ._sniff import read_sample, wrong_format
from ._text import normalize_newlines, plain_text_document

__all__ = ["read_rtf"]

_CODEPAGE = re.compile(rb"\\ansicpg(\d{3,5})")
# \line is a line break inside a paragraph (\par ends one)
_LINE = re.compile(r"(?<!\\)\\line(?![a-zA-Z])(?:-?\d+)? ?")
_TITLE = re.compile(r"\{\\title\s?((?:[^{}\\]|\\[^a-zA-Z]|\\[a-zA-Z]+-?\d* ?)*)\}")
_SURROGATES = re.compile("[\ud800-\udfff]")
_LINE_MARK = "\u2028"


def _codepage(head: bytes) -> str:
    match = _CODEPAGE.search(head)
    if match:
        name = f"cp{int(match.group(1))}"
        try:
            codecs.lookup(name)
        except LookupError:
            return "cp1252"
        return name
    return "cp1252"


def _convert(source: str, encoding: str, warnings: list[str]) -> str:
    """RTF source to text; undecodable bytes become U+FFFD with a warning."""
    try:
        text = rtf_to_text(source, encoding=encoding, errors="strict")
    except UnicodeDecodeError:
        text = rtf_to_text(source, encoding=encoding, errors="replace")
        warnings.append(f"some characters are not valid in code page {encoding}; shown as �")
    if _SURROGATES.search(text):  # \u escapes of characters outside the BMP come in pairs
        text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


@register(".rtf")
def read_rtf(path: Path) -> RawDocument:
    """Read an RTF file (see the module docstring)."""
    path = Path(path)
    data = path.read_bytes()
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{\\rtf"):
        raise wrong_format(path, "RTF", data if len(data) < 1 << 24 else read_sample(path))
    encoding = _codepage(data[:8192])
    # RTF is 7-bit ASCII with escapes; stray 8-bit bytes are in the document's code page
    source = data.decode(encoding, errors="replace")
    warnings: list[str] = []
    text = _convert(_LINE.sub(r"\\u8232?", source), encoding, warnings)
    # striprtf ends every paragraph with "\n": make that a blank line between paragraphs
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\n\n")
    text = normalize_newlines(text.replace(_LINE_MARK, "\n"))
    text = re.sub(r"\n{3,}", "\n\n", re.sub(r"[ \t]+\n", "\n", text)).strip("\n")
    title_match = _TITLE.search(source)
    title = None
    if title_match:
        title = _convert("{\\rtf1 " + title_match.group(1) + "}", encoding, []).strip() or None
    doc = plain_text_document(text, fmt="rtf", encoding=encoding, warnings=warnings)
    doc.title = title
    return doc
