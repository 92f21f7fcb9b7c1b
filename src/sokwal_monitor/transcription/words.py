"""Recognised words and segments: the recording cut into chunks at quiet moments, a
chunk's stored segments read back, and segments turned into cues split where the speaker
changes (used by :mod:`.run`)."""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import diarize as diarization
from .audio import SAMPLE_RATE
from .outputs import Cue


@dataclass
class _Word:
    start: float
    end: float
    text: str


@dataclass
class _Segment:
    start: float
    end: float
    text: str
    words: list[_Word]


def _chunks(
    blocks: Iterable[tuple[float, np.ndarray]], chunk_seconds: float
) -> Iterator[tuple[float, np.ndarray]]:
    """Regroup contiguous blocks into chunks of about ``chunk_seconds``, each cut at the
    quietest 0.1 s in its last third (at most 10 s): silence, where there is some."""
    size = max(SAMPLE_RATE, round(chunk_seconds * SAMPLE_RATE))
    window = min(10 * SAMPLE_RATE, size // 3)
    hop = SAMPLE_RATE // 10
    buffer = np.zeros(0, dtype=np.float32)
    start = 0.0
    for _, block in blocks:
        buffer = np.concatenate([buffer, block]) if len(buffer) else block
        while len(buffer) >= size + hop:
            tail = buffer[size - window : size]
            n = len(tail) // hop
            energy = (tail[: n * hop].reshape(n, hop) ** 2).sum(axis=1)
            cut = size - window + int(np.argmin(energy)) * hop + hop // 2
            yield start, buffer[:cut]
            start += cut / SAMPLE_RATE
            buffer = buffer[cut:]
    if len(buffer):
        yield start, buffer


def _segments_of(record: dict[str, Any]) -> list[_Segment]:
    return [
        _Segment(s["start"], s["end"], s["text"], [_Word(*w) for w in s["words"]])
        for s in record["segments"]
    ]


def _speaker(
    turns: Sequence[diarization.SpeakerTurn],
    starts: list[float],
    ends: list[float],
    start: float,
    end: float,
) -> int | None:
    """:func:`~.diarize.speaker_at` over the few turns near ``[start, end)`` (turns are
    sorted and do not overlap): a 90-minute interview has thousands of words and turns."""
    first = max(0, bisect.bisect_left(ends, start) - 1)
    last = bisect.bisect_right(starts, end) + 1
    return diarization.speaker_at(turns[first:last], start, end)


def _cues(
    segments: Sequence[_Segment],
    turns: Sequence[diarization.SpeakerTurn] | None,
    duration: float,
) -> list[Cue]:
    """Cues in time order: a segment split where its words' speaker changes; times kept
    monotonic and within the recording."""
    pieces: list[tuple[float, float, str, int | None]] = []
    starts = [t.start for t in turns or ()]
    ends = [t.end for t in turns or ()]
    for seg in segments:
        words = seg.words or [_Word(seg.start, seg.end, seg.text)]
        if turns is None:
            pieces.append((words[0].start, words[-1].end, "".join(w.text for w in words), None))
            continue
        labels = [_speaker(turns, starts, ends, w.start, max(w.end, w.start)) for w in words]
        known = [s for s in labels if s is not None]
        previous = pieces[-1][3] if pieces else None
        current = previous if previous is not None else (known[0] if known else 0)
        group: list[_Word] = []
        for word, label in zip(words, labels, strict=True):
            label = current if label is None else label
            if group and label != current:
                pieces.append(
                    (group[0].start, group[-1].end, "".join(w.text for w in group), current)
                )
                group = []
            current = label
            group.append(word)
        if group:
            pieces.append((group[0].start, group[-1].end, "".join(w.text for w in group), current))
    cues: list[Cue] = []
    last = 0.0
    for start, end, text, speaker in pieces:
        text = " ".join(text.split())
        if not text:
            continue
        start = min(max(start, last), duration) if duration else max(start, last)
        end = max(end, start)
        end = min(end, duration) if duration else end
        cues.append(Cue(round(start, 3), round(end, 3), text, speaker))
        last = start
    return cues
