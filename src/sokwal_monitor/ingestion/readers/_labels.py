"""Speaker labels in formatted text, and assembling paragraphs into a RawDocument.

Word, OpenDocument and HTML mark speaker labels the same way: a bold run at the start
of a paragraph that ends with a colon (bold ``Interviewer:``, or bold ``Interviewer``
followed by ``:``). Their readers give each paragraph as ``(text, bold)`` runs to an
:class:`Assembler`, which finds the label, keeps it in the text and points the block
at the content after it.

>>> out = Assembler()
>>> out.emit([("Interviewer:", True), (" Hoe gaat het?", False)], "paragraph")
>>> out.blocks[0].speaker, out.text[out.blocks[0].start:]
('Interviewer', 'Hoe gaat het?')
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ...model import Block, BlockKind, RawDocument
from ..transcripts import parse_timestamp
from ._text import normalize_newlines

__all__ = ["Assembler", "Runs", "speaker_label"]

_ODD_CHARS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029]")
_MAX_LABEL_CHARS, _MAX_LABEL_WORDS = 60, 6

# a timestamp before the name in a label: "[00:03:12] Interviewer", "12:05 - R"
_TIMED = re.compile(r"[\[(]?((?:\d{1,2}:)?\d{1,2}:\d{2})(?:[.,]\d{1,3})?[\])]?\s*[-–]?\s*(\S.*)")

#: A paragraph's text as ``(text, bold)`` runs.
Runs = list[tuple[str, bool]]


def speaker_label(runs: Runs) -> tuple[str, int] | None:
    """Find a bold speaker label at the start of a paragraph given as ``(text, bold)`` runs.

    Returns ``(label, offset)`` where ``offset`` indexes the joined text just after the
    label, its colon and the whitespace that follows; None when there is no label.

    >>> speaker_label([("Interviewer", True), (": Hoe gaat het?", False)])
    ('Interviewer', 13)
    >>> speaker_label([("Dat was ", False), ("belangrijk:", True)]) is None
    True
    """
    if not runs or (not runs[0][1] and runs[0][0].strip()):
        return None  # the paragraph starts with plain text: the common case, decided at once
    prefix = []
    for text, bold in runs:
        if not bold and text.strip():
            break
        prefix.append(text)
    bold_text = "".join(prefix)
    stripped = bold_text.rstrip()
    label = stripped.rstrip("*").rstrip()  # Markdown habits: **Interviewer:**
    if not label.strip():
        return None
    full = "".join(text for text, _ in runs)
    if label.endswith(":"):
        end = len(stripped)
        label = label[:-1]
    else:
        rest = full[len(bold_text) :]
        if not rest.lstrip().startswith(":"):
            return None
        end = len(bold_text) + len(rest) - len(rest.lstrip()) + 1
    label = label.strip().strip("*").strip()
    words = label.split()
    if not words or "\n" in label or len(label) > _MAX_LABEL_CHARS or len(words) > _MAX_LABEL_WORDS:
        return None
    return label, end + len(full[end:]) - len(full[end:].lstrip())


def _split_time(label: str) -> tuple[str, float | None]:
    """``"[00:03:12] Interviewer"`` -> ``("Interviewer", 192.0)``; no time: ``(label, None)``."""
    timed = _TIMED.fullmatch(label)
    if not timed:
        return label, None
    return timed.group(2), parse_timestamp(timed.group(1))


@dataclass
class Assembler:
    """Join paragraphs given as ``(text, bold)`` runs into text and blocks.

    Paragraphs are stripped and joined by a blank line; bold speaker labels are found
    with :func:`speaker_label` (not in headings); a timestamp before the name
    (``[00:03:12] Interviewer:``) becomes the block's ``start_time``; a label alone in
    its paragraph is carried onto the next block. Shared by the Word and OpenDocument
    readers.
    """

    parts: list[str] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    offset: int = 0
    pending_speaker: tuple[str | None, float | None] = (None, None)

    @property
    def text(self) -> str:
        return "".join(self.parts)

    def emit(self, runs: Runs, kind: BlockKind, level: int = 0) -> None:
        """Add one paragraph; whitespace-only paragraphs are dropped."""
        full = "".join(text for text, _ in runs)
        if _ODD_CHARS.search(full):
            runs = [(normalize_newlines(text), bold) for text, bold in runs]
            full = "".join(text for text, _ in runs)
        content = full.strip()
        if not content:
            return
        lead = len(full) - len(full.lstrip())
        (speaker, time), start = self.pending_speaker, 0
        self.pending_speaker = (None, None)
        if kind == "heading":
            speaker = time = None
        else:
            found = speaker_label(runs)
            if found:
                (speaker, time), start = _split_time(found[0]), found[1] - lead
        if self.parts:
            self.parts.append("\n\n")
            self.offset += 2
        self.parts.append(content)
        if start >= len(content):  # a label alone: it names the next paragraph's speaker
            self.pending_speaker = (speaker, time)
        else:
            end = self.offset + len(content)
            self.blocks.append(
                Block(self.offset + start, end, kind, level, speaker=speaker, start_time=time)
            )
        self.offset += len(content)

    def build(self, **attrs) -> RawDocument:
        """The document assembled so far."""
        return RawDocument(text=self.text, blocks=list(self.blocks), **attrs)
