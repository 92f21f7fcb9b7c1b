"""The data model: what readers return, what segmentation yields, and table schemas.

A reader turns a file into a :class:`RawDocument`: the document's plain text and a
list of :class:`Block` spans over that text (paragraphs, headings, table cells,
subtitle cues). Segmentation turns blocks into :class:`Segment` rows. The column
lists in :data:`TABLE_COLUMNS` are the tidy-table contract of ``DESIGN.md``.

Examples
--------
>>> doc = RawDocument.from_paragraphs(["Inleiding", "Wij zijn gestart."], kinds=["heading", None])
>>> doc.text
'Inleiding\\n\\nWij zijn gestart.'
>>> [doc.block_text(b) for b in doc.blocks]
['Inleiding', 'Wij zijn gestart.']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import pandas as pd

__all__ = [
    "CHAT_FORMATS",
    "DOCUMENT_KINDS",
    "EVIDENCE_ROLES",
    "ORIGINS",
    "ROLES",
    "TABLE_COLUMNS",
    "Block",
    "BlockKind",
    "RawDocument",
    "Segment",
    "TextBuilder",
    "evidence_mask",
    "wave_sort_key",
]

BlockKind = Literal["paragraph", "heading", "table", "cue", "list"]

#: Values of ``documents.format`` of chat exports (WhatsApp): every turn has its sender
#: as speaker, a person's name or phone number as the export shows it, never a role.
#: Segmentation looks for no labels inside their text and infers no interviewer;
#: pseudonymization replaces the senders wherever they occur as known people.
CHAT_FORMATS = frozenset({"whatsapp"})

#: Values of ``documents.kind``.
DOCUMENT_KINDS = ("interview", "report", "survey", "other")
#: Values of ``segments.role`` besides the empty string.
ROLES = ("interviewer", "respondent")
#: Roles of segments whose words are evidence: respondent turns and turns or paragraphs
#: without a role (reports); interviewer questions never are.
EVIDENCE_ROLES = ("respondent", "")


_DIGITS = re.compile(r"(\d+)")


def wave_sort_key(wave: str) -> tuple[Any, ...]:
    """A key that sorts wave names naturally: numbers inside a name compare as numbers.

    >>> sorted(["w10", "w2", "w1"], key=wave_sort_key)
    ['w1', 'w2', 'w10']
    >>> sorted(["2019", "2018"], key=wave_sort_key)
    ['2018', '2019']
    """
    parts = _DIGITS.split(str(wave).strip().lower())  # text, number, text, number, ...
    key = tuple(int(p) if i % 2 else p for i, p in enumerate(parts))
    return (key, str(wave))


def evidence_mask(segments: pd.DataFrame) -> pd.Series:
    """Which segments are evidence: respondent turns, report paragraphs, and role-less
    lines of documents without respondent turns (an unlabelled transcript). Role-less
    lines of an interview that has respondent turns (a header "Datum: ... Interviewer:
    ...") are not. Needs the columns ``doc_id``, ``kind`` and ``role``.

    >>> frame = pd.DataFrame({"doc_id": ["a", "a", "a", "b", "c"],
    ...     "kind": ["interview"] * 3 + ["report", "interview"],
    ...     "role": ["", "interviewer", "respondent", "", ""]})
    >>> evidence_mask(frame).tolist()
    [False, False, True, True, True]
    """
    role = segments["role"].fillna("").astype(str)
    respondent = role == "respondent"
    has_turns = respondent.groupby(segments["doc_id"]).transform("any").astype(bool)
    header = (segments["kind"] == "interview") & has_turns
    return respondent | ((role == "") & ~header)


#: Columns every tidy table has at least, in this order (the contract in DESIGN.md).
TABLE_COLUMNS: dict[str, list[str]] = {
    "documents": [
        "doc_id",
        "path",
        "project_id",
        "wave",
        "kind",
        "format",
        "title",
        "n_chars",
        "sha256",
    ],
    "segments": [
        "segment_id",
        "doc_id",
        "position",
        "speaker",
        "role",
        "start_char",
        "end_char",
        "start_time",
        "end_time",
        "text",
    ],
    "projects": ["project_id"],
    "codings": [
        "coding_id",
        "doc_id",
        "segment_id",
        "start_char",
        "end_char",
        "code",
        "coder",
        "origin",
        "score",
        "memo",
        "created_at",
    ],
    "codebook": ["code", "parent", "definition", "include", "exclude", "examples", "patterns"],
    "topics": ["segment_id", "topic", "label", "probability"],
}

#: Values of ``codings.origin``: who or what made a coding.
ORIGINS = ("manual", "rule", "model", "import")


@dataclass(frozen=True, slots=True)
class Block:
    """A span of a document's text with the structure the format gave it.

    ``text[start:end]`` of the owning :class:`RawDocument` is the block's content.
    A speaker label, when the format marks it outside the content (a WebVTT
    ``<v Name>`` tag, a bold run in Word), is in ``speaker``; otherwise it is still
    part of the content and segmentation finds it.
    """

    start: int
    end: int
    kind: BlockKind = "paragraph"
    level: int = 0
    page: int | None = None
    speaker: str | None = None
    start_time: float | None = None
    end_time: float | None = None


@dataclass(slots=True)
class RawDocument:
    """What a reader returns: plain text plus structure.

    Attributes
    ----------
    text : str
        The document's plain text; newlines are ``\\n`` only.
    blocks : list of Block
        Spans over ``text`` in reading order; they do not overlap.
    format : str
        File suffix without the dot (``"docx"``).
    title : str or None
        A title found in the file's own metadata or first heading.
    properties : dict
        Anything else the reader found worth keeping (encoding, page count, ...).
    """

    text: str
    blocks: list[Block]
    format: str = ""
    title: str | None = None
    properties: dict[str, Any] = field(default_factory=dict)

    def block_text(self, block: Block) -> str:
        """Return the content of ``block``."""
        return self.text[block.start : block.end]

    @classmethod
    def from_paragraphs(
        cls,
        paragraphs: Iterable[str],
        *,
        kinds: Sequence[BlockKind | None] | None = None,
        levels: Sequence[int] | None = None,
        pages: Sequence[int | None] | None = None,
        speakers: Sequence[str | None] | None = None,
        separator: str = "\n\n",
        **attrs: Any,
    ) -> RawDocument:
        """Build a document by joining paragraphs with ``separator``.

        Empty paragraphs (after stripping) are dropped; the optional per-paragraph
        sequences (``kinds``, ``levels``, ``pages``, ``speakers``) line up with
        ``paragraphs``. Remaining keyword arguments go to the constructor.
        """
        parts: list[str] = []
        blocks: list[Block] = []
        offset = 0
        for i, raw in enumerate(paragraphs):
            para = raw.strip()
            if not para:
                continue
            if parts:
                parts.append(separator)
                offset += len(separator)
            parts.append(para)
            blocks.append(
                Block(
                    start=offset,
                    end=offset + len(para),
                    kind=(kinds[i] or "paragraph") if kinds else "paragraph",
                    level=levels[i] if levels else 0,
                    page=pages[i] if pages else None,
                    speaker=speakers[i] if speakers else None,
                )
            )
            offset += len(para)
        return cls(text="".join(parts), blocks=blocks, **attrs)


@dataclass(frozen=True, slots=True)
class Segment:
    """One unit of analysis: a speaker turn of an interview or a paragraph of a report.

    ``start_char``/``end_char`` index the document's stored text; the segment's text
    is exactly ``text[start_char:end_char]``.
    """

    position: int
    start_char: int
    end_char: int
    speaker: str = ""
    role: str = ""
    start_time: float | None = None
    end_time: float | None = None
    section: str = ""
    page: int | None = None


class TextBuilder:
    """Assemble a :class:`RawDocument` block by block, keeping offsets exact.

    >>> b = TextBuilder()
    >>> b.add("Interview P01", kind="heading", level=1)
    >>> b.add("Hoe ging het?", label="Interviewer:", speaker="Interviewer")
    >>> doc = b.build(format="md")
    >>> doc.text
    'Interview P01\\n\\nInterviewer: Hoe ging het?'
    >>> doc.blocks[1].speaker, doc.block_text(doc.blocks[1])
    ('Interviewer', 'Hoe ging het?')
    """

    def __init__(self, separator: str = "\n\n") -> None:
        self.separator = separator
        self._parts: list[str] = []
        self._length = 0
        self._blocks: list[Block] = []

    def add(self, content: str, *, label: str | None = None, **fields: Any) -> None:
        """Append a block; ``label`` (kept in the text, outside the block) precedes it.

        Surrounding whitespace of ``content`` is dropped; an empty block is skipped
        unless it has a label, which is then kept as text only.
        """
        content = content.strip()
        if not content and not label:
            return
        if self._parts:
            self._append(self.separator)
        if label:
            self._append(label + (" " if content else ""))
        if content:
            start = self._length
            self._append(content)
            self._blocks.append(Block(start=start, end=self._length, **fields))

    def _append(self, piece: str) -> None:
        self._parts.append(piece)
        self._length += len(piece)

    def build(self, **attrs: Any) -> RawDocument:
        """Return the document built so far."""
        return RawDocument(text="".join(self._parts), blocks=list(self._blocks), **attrs)
