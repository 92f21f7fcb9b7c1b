"""Speaker turns, timestamps and roles in interview transcripts.

A transcript is a sequence of lines; a line that starts with a *speaker label*
(``Interviewer:``, ``I:``, ``R1:``, ``Respondent (initiatiefnemer):``,
``**Interviewer:**``, ``[00:03:12] I:``, ``00:03:12 Interviewer:``) starts a new turn,
and every following line without a label belongs to that turn, across paragraphs.
A label-like phrase in the middle of a sentence never starts a turn, and a phrase at
the start of a line only counts as a label when it is a known role word, is marked
(bold, timestamp), or is used as a label at least twice in the document: so "Toen zei
ik: ..." at the start of a line stays text.

Examples
--------
>>> from sokwal_monitor.model import RawDocument
>>> text = ("I: Hoe begon het?\\nR1: Nou, eh, met koffie.\\n"
...         "En toen zei de wethouder: prima.\\nI: En nu?")
>>> turns = segment_transcript(RawDocument.from_paragraphs([text]))
>>> [(t.speaker, t.role) for t in turns]
[('I', 'interviewer'), ('R1', 'respondent'), ('I', 'interviewer')]
>>> text[turns[1].start_char:turns[1].end_char]
'Nou, eh, met koffie.\\nEn toen zei de wethouder: prima.'
>>> parse_timestamp("01:02:03.5")
3723.5
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from itertools import islice

from ..model import CHAT_FORMATS, RawDocument, Segment

__all__ = [
    "DEFAULT_INTERVIEWER_LABELS",
    "RoleMap",
    "is_dialogue",
    "looks_like_transcript",
    "normalize_role",
    "parse_timestamp",
    "segment_paragraphs",
    "segment_transcript",
]

_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_LABEL_LINE = re.compile(
    rf"""
    [ \t]*
    (?:(?P<ts>\[\s*{_TS}\s*\]|\(\s*{_TS}\s*\)|{_TS})[ \t]+)?      # leading timestamp
    (?P<open>\*\*|__)?
    (?P<label>
        [^\W\d_][\w'’.\-]*(?:[ \t][\w'’.\-]+){{0,3}}               # one to four words
        (?:[ \t]*\([^()\n]{{1,40}}\))?                              # (initiatiefnemer)
    )
    (?:[ \t]*(?P<ts2>\[\s*{_TS}\s*\]|\(\s*{_TS}\s*\)))?             # label [00:03:12]:
    [ \t]*(?(open)(?:(?P=open)[ \t]*:|:[ \t]*(?P=open))|:)         # colon, inside or outside **
    (?!//)                                                           # not a URL (http://)
    [ \t]*
    """,
    re.VERBOSE,
)
_PAREN = re.compile(r"\s*\(([^()]*)\)\s*$")
_TUSSENVOEGSELS = frozenset(
    ("de der den van von ter ten te het 't in op onder bij la le du da di del").split()
)
_SENTENCE_END = ".!?:;…\"'”’)"

#: Labels (lower case, trailing digits and a parenthetical ignored) that mark the interviewer.
DEFAULT_INTERVIEWER_LABELS = frozenset(
    (
        "i int iv interviewer interviewster interviewers onderzoeker onderzoekster vraag "
        "v q vraagsteller moderator gespreksleider gespreksleidster researcher"
    ).split()
)
#: Other labels known to be speakers even when used only once.
_KNOWN_RESPONDENT_LABELS = frozenset(
    (
        "r resp respondent respondente geïnterviewde geinterviewde g antwoord a deelnemer "
        "d p participant initiatiefnemer vrijwilliger ambtenaar beleidsmedewerker "
        "coördinator coordinator wethouder mantelzorger bewoner spreker speaker b"
    ).split()
)

RoleMap = Mapping[str, str] | Callable[[str], str | None]


def parse_timestamp(value: str) -> float:
    """Parse ``hh:mm:ss(.ms)`` or ``mm:ss`` (brackets allowed) into seconds."""
    parts = value.strip(" []()").replace(",", ".").split(":")
    seconds = 0.0
    for part in parts:
        seconds = seconds * 60 + float(part)
    return seconds


@lru_cache(maxsize=4096)
def _base(label: str) -> str:
    """Lower-case label without a parenthetical and trailing digits: 'R1' -> 'r'."""
    core = _PAREN.sub("", label).strip().lower()
    return re.sub(r"[\s\-_.]*\d+$", "", core).strip(" .")


def normalize_role(label: str, roles: RoleMap | None = None) -> str:
    """Map a speaker label to ``"interviewer"`` or ``"respondent"``.

    ``roles`` overrides the default: a mapping from label (case-insensitive) to
    role, or a function returning a role or None (fall back to the default).

    >>> normalize_role("I"), normalize_role("Respondent (initiatiefnemer)")
    ('interviewer', 'respondent')
    >>> normalize_role("Sanne (onderzoeker)"), normalize_role("Anja", {"anja": "interviewer"})
    ('interviewer', 'interviewer')
    """
    if roles is not None:
        found = roles(label) if callable(roles) else _lookup(roles, label)
        if found:
            return found
    if _base(label) in DEFAULT_INTERVIEWER_LABELS:
        return "interviewer"
    paren = _PAREN.search(label)
    if paren and _base(paren.group(1)) in DEFAULT_INTERVIEWER_LABELS:
        return "interviewer"
    return "respondent"


def _lookup(roles: Mapping[str, str], label: str) -> str | None:
    folded = {k.casefold(): v for k, v in roles.items()}
    return folded.get(label.casefold()) or folded.get(_base(label))


@dataclass(frozen=True, slots=True)
class _Candidate:
    line_start: int  # offset of the line in the text
    content_start: int  # offset after the label
    label: str
    marked: bool  # bold or timestamped: structure, not prose
    time: float | None


@lru_cache(maxsize=4096)
def _is_plausible(label: str) -> bool:
    """Names and role words: each word capitalised or a tussenvoegsel; no prose."""
    words = _PAREN.sub("", label).split()
    if not words:
        return False
    if _base(label) in DEFAULT_INTERVIEWER_LABELS | _KNOWN_RESPONDENT_LABELS:
        return True
    return words[0][0].isupper() and all(
        w[0].isupper() or w.lower() in _TUSSENVOEGSELS or w[0].isdigit() for w in words
    )


def _lines(doc: RawDocument) -> Iterator[tuple[int, int, int]]:
    """Yield (block index, line start, line end) for every line of every block."""
    text = doc.text
    for i, block in enumerate(doc.blocks):
        pos = block.start
        while pos <= block.end:
            nl = text.find("\n", pos, block.end)
            end = block.end if nl == -1 else nl
            yield i, pos, end
            if nl == -1:
                break
            pos = nl + 1


def _candidates(doc: RawDocument) -> dict[int, _Candidate]:
    """Find label candidates at line starts; key: line start offset."""
    text = doc.text
    found: dict[int, _Candidate] = {}
    prev_end_char = "."
    for _, start, end in _lines(doc):
        line = text[start:end]
        match = _LABEL_LINE.match(line)
        if match and _is_plausible(match.group("label")):
            label = match.group("label").strip()
            continues = prev_end_char not in _SENTENCE_END and label[0].islower()
            if not continues:
                ts = match.group("ts") or match.group("ts2")
                found[start] = _Candidate(
                    line_start=start,
                    content_start=start + match.end(),
                    label=label,
                    marked=bool(ts or match.group("open")),
                    time=parse_timestamp(ts) if ts else None,
                )
        stripped = line.rstrip()
        prev_end_char = stripped[-1] if stripped else "."
    counts = Counter(c.label.casefold() for c in found.values())
    known = DEFAULT_INTERVIEWER_LABELS | _KNOWN_RESPONDENT_LABELS
    return {
        k: c
        for k, c in found.items()
        if c.marked or counts[c.label.casefold()] >= 2 or _base(c.label) in known
    }


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _sections(doc: RawDocument) -> list[str]:
    """The heading each block falls under (its own text for a heading)."""
    current = ""
    out = []
    for block in doc.blocks:
        if block.kind == "heading":
            current = doc.block_text(block).strip()
        out.append(current)
    return out


def segment_paragraphs(doc: RawDocument) -> list[Segment]:
    """Segment a report: one segment per paragraph (headings excluded), each with the
    heading it falls under as ``section``.

    >>> doc = RawDocument.from_paragraphs(["Resultaten", "Er kwamen 40 mensen."],
    ...                                   kinds=["heading", None])
    >>> [(s.section, doc.text[s.start_char:s.end_char]) for s in segment_paragraphs(doc)]
    [('Resultaten', 'Er kwamen 40 mensen.')]
    """
    sections = _sections(doc)
    segments: list[Segment] = []
    for block, section in zip(doc.blocks, sections, strict=True):
        if block.kind == "heading":
            continue
        start, end = _trim(doc.text, block.start, block.end)
        if end > start:
            segments.append(
                Segment(
                    position=len(segments),
                    start_char=start,
                    end_char=end,
                    speaker=block.speaker or "",
                    role="",
                    start_time=block.start_time,
                    end_time=block.end_time,
                    section=section,
                    page=block.page,
                )
            )
    return segments


def segment_transcript(doc: RawDocument, roles: RoleMap | None = None) -> list[Segment]:
    """Segment an interview into speaker turns.

    Lines before the first label become segments without a speaker (a preamble);
    labels given by the format itself (``Block.speaker``: bold labels, WebVTT voices)
    start a turn as well. When no label is found at all, the document is segmented
    into paragraphs like a report. When no label maps to the interviewer and two or
    more people speak, the one whose turns are most often questions is taken as the
    interviewer (override with ``roles``); not in a chat
    (:data:`~sokwal_monitor.model.CHAT_FORMATS`), where nobody interviews.
    """
    text = doc.text
    # a chat gives every message its sender: "Vraag: ..." in a message is no turn
    chat = doc.format in CHAT_FORMATS
    candidates = {} if chat else _candidates(doc)
    sections = _sections(doc)
    # turn starts: (line or block start, content start, label, time, block index)
    starts: list[tuple[int, int, str, float | None, float | None]] = []
    block_of_start: list[int] = []
    seen_blocks: set[int] = set()
    for bi, line_start, _ in _lines(doc):
        block = doc.blocks[bi]
        if block.speaker and bi not in seen_blocks:
            # the label itself lies between the previous block and this one
            boundary = doc.blocks[bi - 1].end if bi else 0
            starts.append((boundary, block.start, block.speaker, block.start_time, None))
            block_of_start.append(bi)
        elif line_start in candidates:
            c = candidates[line_start]
            starts.append((c.line_start, c.content_start, c.label, c.time, None))
            block_of_start.append(bi)
        seen_blocks.add(bi)
    if not starts:
        return segment_paragraphs(doc)

    # (start, end, speaker, start time, end time, block index)
    spans: list[tuple[int, int, str, float | None, float | None, int]] = []
    # preamble: blocks wholly before the first turn, as unlabelled segments
    for bi, block in enumerate(doc.blocks):
        if block.start >= starts[0][0] or block.kind == "heading":
            continue
        s, e = _trim(text, block.start, min(block.end, starts[0][0]))
        if e > s:
            spans.append((s, e, "", None, None, bi))
    # a turn ends where the next turn's line starts (or at the end of the last block)
    doc_end = doc.blocks[-1].end
    for k, (_, content, label, t0, t1) in enumerate(starts):
        limit = starts[k + 1][0] if k + 1 < len(starts) else doc_end
        # do not run a turn into a following heading
        for block in islice(doc.blocks, block_of_start[k] + 1, None):
            if block.start >= limit:
                break
            if block.kind == "heading":
                limit = block.start
                break
        s, e = _trim(text, content, limit)
        if e > s:
            bi = block_of_start[k]
            end_time = t1 if t1 is not None else doc.blocks[bi].end_time
            spans.append((s, e, label, t0, end_time, bi))
    spans.sort(key=lambda span: span[0])
    role_of: dict[str, str] = {}
    segments = []
    for position, (s, e, label, t0, t1, bi) in enumerate(spans):
        if label and label not in role_of:
            role_of[label] = normalize_role(label, roles)
        segments.append(
            Segment(
                position=position,
                start_char=s,
                end_char=e,
                speaker=label,
                role=role_of.get(label, ""),
                start_time=t0,
                end_time=t1,
                section=sections[bi],
                page=doc.blocks[bi].page,
            )
        )
    return segments if chat else _infer_interviewer(segments, text, roles)


def _infer_interviewer(segments: list[Segment], text: str, roles: RoleMap | None) -> list[Segment]:
    """If nobody is the interviewer, the speaker who mostly asks questions is."""
    speakers = {s.speaker for s in segments if s.speaker}
    if len(speakers) < 2 or any(s.role == "interviewer" for s in segments):
        return segments
    if roles is not None and any(
        (roles(sp) if callable(roles) else _lookup(roles, sp)) for sp in speakers
    ):
        return segments  # the user said who is who
    asks: Counter[str] = Counter()
    turns: Counter[str] = Counter()
    for seg in segments:
        if seg.speaker:
            turns[seg.speaker] += 1
            asks[seg.speaker] += "?" in text[seg.start_char : seg.end_char]
    share = {sp: asks[sp] / turns[sp] for sp in speakers}
    best = max(sorted(speakers), key=lambda sp: share[sp])
    others = [share[sp] for sp in speakers if sp != best]
    if share[best] < 0.4 or share[best] <= max(others):
        return segments
    return [replace(s, role="interviewer") if s.speaker == best else s for s in segments]


def is_dialogue(segments: list[Segment]) -> bool:
    """True when the segments hold at least two turns by at least two speakers."""
    speakers = [s.speaker.casefold() for s in segments if s.speaker]
    return len(speakers) >= 2 and len(set(speakers)) >= 2


def looks_like_transcript(doc: RawDocument) -> bool:
    """True when the document has at least two turns by at least two speakers."""
    return is_dialogue(segment_transcript(doc))
