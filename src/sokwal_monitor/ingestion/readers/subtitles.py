"""Subtitle transcripts: WebVTT (``.vtt``, Teams/Zoom) and SubRip (``.srt``).

Speakers come from WebVTT voice tags (``<v Anouk Veldman>``) or from a ``NAME: text``
prefix inside the cue. Consecutive cues of one speaker merge into one turn with the
start time of its first cue and the end time of its last. The stored text reads as a
transcript, one turn per paragraph: ``Anouk Veldman: ...``.

Examples
--------
>>> vtt = '''WEBVTT
...
... 1
... 00:00:01.000 --> 00:00:04.000
... <v Anouk>Nou, we zijn begonnen</v>
...
... 2
... 00:00:04.000 --> 00:00:06.500
... <v Anouk>met een eetgroep.</v>
... '''
>>> doc = subtitle_document(vtt, fmt="vtt")
>>> doc.text
'Anouk: Nou, we zijn begonnen met een eetgroep.'
>>> b = doc.blocks[0]
>>> b.speaker, b.start_time, b.end_time
('Anouk', 1.0, 6.5)
"""

from __future__ import annotations

import html
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ...errors import WrongFormatError
from ...model import RawDocument, TextBuilder
from . import register
from ._text import decode_bytes

__all__ = ["read_subtitles", "subtitle_document"]

_TIME = r"(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}"
_TIMING = re.compile(rf"\s*(?P<start>{_TIME})\s*-->\s*(?P<end>{_TIME})")
_VOICE = re.compile(r"<v(?:\.[\w.\-]+)?\s+([^>]+)>")
_TAGS = re.compile(r"</?[^>\n]+>")
_PREFIX = re.compile(r"\s*([^\W\d][\w'’.\- ]{0,40}?(?:\s*\([^()\n]{1,30}\))?)\s*:\s+(?=\S)")


@dataclass(slots=True)
class _Cue:
    start: float
    end: float
    text: str
    speaker: str | None


def _seconds(value: str) -> float:
    parts = value.replace(",", ".").split(":")
    total = 0.0
    for part in parts:
        total = total * 60 + float(part)
    return total


def _cues(source: str) -> list[_Cue]:
    cues: list[_Cue] = []
    for chunk in re.split(r"\n[ \t]*\n", source):
        lines = [line for line in chunk.split("\n") if line.strip()]
        matches = ((i, _TIMING.match(line)) for i, line in enumerate(lines))
        timing_at, timing = next(((i, m) for i, m in matches if m), (0, None))
        if timing is None:
            continue  # header, NOTE, STYLE or REGION blocks, or cue numbers alone
        raw = " ".join(line.strip() for line in lines[timing_at + 1 :])
        voice = _VOICE.search(raw)
        text = html.unescape(_TAGS.sub("", raw)).strip()
        text = re.sub(r"\s+", " ", text)
        cues.append(
            _Cue(
                start=_seconds(timing.group("start")),
                end=_seconds(timing.group("end")),
                text=text,
                speaker=voice.group(1).strip() if voice else None,
            )
        )
    return cues


def _prefix_speakers(cues: list[_Cue]) -> None:
    """Take ``NAME: text`` prefixes as speakers when a name recurs (not a stray colon)."""
    found = [(_PREFIX.match(c.text) if c.speaker is None else None) for c in cues]
    counts = Counter(m.group(1).strip() for m in found if m)
    for cue, match in zip(cues, found, strict=True):
        if match and counts[match.group(1).strip()] >= 2:
            cue.speaker = match.group(1).strip()
            cue.text = cue.text[match.end() :]


def subtitle_document(source: str, *, fmt: str) -> RawDocument:
    """Turn subtitle source into a transcript with one block per speaker turn."""
    cues = _cues(source)
    if not cues:
        kind = "WebVTT" if fmt == "vtt" else "SubRip"
        raise WrongFormatError(
            None,
            f"no {kind} cues found (no 'start --> end' timing lines)",
            "check that this is a subtitle export and not another document renamed",
        )
    _prefix_speakers(cues)
    builder = TextBuilder()
    turn: list[_Cue] = []

    def flush() -> None:
        if not turn:
            return
        speaker = turn[0].speaker
        content = " ".join(c.text for c in turn if c.text)
        builder.add(
            content,
            label=f"{speaker}:" if speaker else None,
            kind="cue",
            speaker=speaker,
            start_time=turn[0].start,
            end_time=turn[-1].end,
        )
        turn.clear()

    for cue in cues:
        # a cue without a speaker continues the current one
        if turn and cue.speaker not in (None, turn[0].speaker):
            flush()
        if cue.speaker is None and turn:
            cue.speaker = turn[0].speaker
        turn.append(cue)
    flush()
    return builder.build(format=fmt, properties={"n_cues": len(cues)})


@register(".vtt", ".srt")
def read_subtitles(path: Path) -> RawDocument:
    """Read a WebVTT or SubRip file."""
    path = Path(path)
    source, encoding = decode_bytes(path.read_bytes())
    fmt = path.suffix.lower().lstrip(".")
    doc = subtitle_document(source, fmt=fmt)
    doc.properties["encoding"] = encoding
    return doc
