"""Shared helpers for text-based formats: decoding bytes and finding paragraphs.

Decoding never guesses silently wrong for Dutch text: a byte order mark wins; then
strict UTF-8 (which practically never decodes cp1252 text with diacritics by
accident); then Windows cp1252 (the superset of latin-1 that Word and Notepad
write); latin-1 only for the five bytes cp1252 leaves undefined.

Examples
--------
>>> decode_bytes("geïnterviewde, coöperatie, één".encode("cp1252"))
('geïnterviewde, coöperatie, één', 'cp1252')
>>> decode_bytes(b"\\xef\\xbb\\xbfa\\r\\nb")
('a\\nb', 'utf-8-sig')
>>> doc = plain_text_document("Inleiding\\n\\nWij zijn in 2018 gestart.\\nDat ging goed.")
>>> [(b.kind, doc.block_text(b)) for b in doc.blocks]
[('heading', 'Inleiding'), ('paragraph', 'Wij zijn in 2018 gestart.\\nDat ging goed.')]
"""

from __future__ import annotations

import re
from codecs import BOM_UTF8, BOM_UTF16_BE, BOM_UTF16_LE, BOM_UTF32_BE, BOM_UTF32_LE

from ...errors import WrongFormatError
from ...model import Block, BlockKind, RawDocument

__all__ = ["decode_bytes", "normalize_newlines", "plain_text_document"]

_BOMS = (
    (BOM_UTF32_LE, "utf-32"),
    (BOM_UTF32_BE, "utf-32"),
    (BOM_UTF8, "utf-8-sig"),
    (BOM_UTF16_LE, "utf-16"),
    (BOM_UTF16_BE, "utf-16"),
)
_NEWLINES = re.compile(r"\r\n?|[\f\v\x85\u2028\u2029]")
# C0 controls other than tab and newline, and DEL: never part of a transcript
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")


def normalize_newlines(text: str) -> str:
    """Turn CRLF, CR, form feeds and Unicode line separators into ``\\n``; drop
    other control characters."""
    text = _NEWLINES.sub("\n", text)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    return text


def decode_bytes(data: bytes, *, declared: str | None = None) -> tuple[str, str]:
    """Decode ``data`` and normalise newlines; return ``(text, encoding)``.

    Parameters
    ----------
    data : bytes
        The raw file content.
    declared : str, optional
        An encoding the file declares itself (an HTML ``<meta charset>``); used when
        it decodes the bytes, ignored when it does not.

    Raises
    ------
    WrongFormatError
        When the bytes are evidently binary (NUL bytes without a UTF-16 pattern).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return normalize_newlines(data.decode(name, errors="replace")), name
    if b"\x00" in data[:4096]:
        sample = data[:4096]
        even, odd = sample[0::2].count(0), sample[1::2].count(0)
        if odd > len(sample) // 4 and even == 0:
            return normalize_newlines(data.decode("utf-16-le", errors="replace")), "utf-16-le"
        if even > len(sample) // 4 and odd == 0:
            return normalize_newlines(data.decode("utf-16-be", errors="replace")), "utf-16-be"
        raise WrongFormatError(
            None,
            "this is a binary file, not text",
            "check that the file name's suffix matches what the file really is",
        )
    candidates = ["utf-8", "cp1252", "latin-1"]
    if declared:
        declared = declared.strip().lower()
        if declared in ("utf8", "utf-8"):
            declared = "utf-8"
        candidates.insert(0, declared)
    for name in candidates:
        try:
            return normalize_newlines(data.decode(name)), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise AssertionError("latin-1 decodes every byte string")  # pragma: no cover


_LIST_ITEM = re.compile(r"\s*(?:[-*•·–]\s|\d{1,3}[.)]\s)")
_NUMBERED_HEADING = re.compile(r"(?P<num>\d{1,2}(?:\.\d{1,2})*)\.?\s+\S")
_SENTENCE_END = ".!?:;…\"'”’)"
_LABELLED = re.compile(r"[^:]{1,60}:\s+\S")


def _looks_like_heading(line: str) -> int:
    """Return a heading level (1, 2, ...) if a one-line paragraph reads as a heading."""
    stripped = line.strip()
    words = stripped.split()
    if not words or len(stripped) > 80 or len(words) > 10:
        return 0
    if stripped[-1] in ".,;:?!…" or not (stripped[0].isupper() or stripped[0].isdigit()):
        return 0
    if _LABELLED.match(stripped):  # "Respondent: Ja" is a short turn, not a heading
        return 0
    match = _NUMBERED_HEADING.match(stripped)
    if match:
        return match.group("num").count(".") + 1 if "." in match.group("num") else 1
    if stripped[0].isdigit():
        return 0
    return 1


def _paragraph_breaks(lines: list[str]) -> list[int]:
    """Indexes (into ``lines``) after which a paragraph ends, inside one
    blank-line-delimited chunk."""
    width = max(len(line) for line in lines)
    if width > 100:  # not hard-wrapped: every line is its own paragraph
        return list(range(len(lines) - 1))
    breaks = []
    for i in range(len(lines) - 1):
        line = lines[i].rstrip()
        ends = bool(line) and line[-1] in _SENTENCE_END
        if (ends and len(line) < 0.8 * width) or _LIST_ITEM.match(lines[i + 1]):
            breaks.append(i)
    return breaks


def plain_text_document(
    text: str, *, fmt: str = "txt", detect_headings: bool = True, **properties
) -> RawDocument:
    """Split plain text into paragraph blocks (and headings) without changing it.

    Paragraphs are separated by blank lines; inside a chunk of lines a line break
    also ends a paragraph where the text is evidently not hard-wrapped (long lines,
    a sentence that ends well before the wrap width, a list item).
    """
    blocks: list[Block] = []
    # iterate over chunks separated by blank lines, keeping offsets
    for chunk in re.finditer(r"[^\n]*\S[^\n]*(?:\n[^\n]*\S[^\n]*)*", text):
        lines = chunk.group().split("\n")
        starts = [chunk.start()]
        for line in lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        cut_after = [*_paragraph_breaks(lines), len(lines) - 1]
        first = 0
        for last in cut_after:
            start = starts[first] + (len(lines[first]) - len(lines[first].lstrip()))
            end = starts[last] + len(lines[last].rstrip())
            if end > start:
                level = _looks_like_heading(lines[first]) if first == last else 0
                isolated = len(lines) == 1
                if detect_headings and level and isolated:
                    blocks.append(Block(start, end, kind="heading", level=level))
                else:
                    kind: BlockKind = "list" if _LIST_ITEM.match(lines[first]) else "paragraph"
                    blocks.append(Block(start, end, kind=kind))
            first = last + 1
    return RawDocument(text=text, blocks=blocks, format=fmt, properties=dict(properties))
