"""Who speaks when: a PLACEHOLDER, replaced by the diarization branch at merge.

This file only fixes the interface that the transcription code calls (issue 20); the
diarization branch (s3-t20b) replaces it with the real speaker diarization (a speaker
encoder over voiced stretches, clustered). Here every stretch of audio is speaker 0.

Examples
--------
>>> import numpy as np
>>> turns = diarize([(0.0, np.zeros(16000, dtype=np.float32))])
>>> turns
[SpeakerTurn(start=0.0, end=1.0, speaker=0)]
>>> speaker_at(turns, 0.2, 0.4), speaker_at(turns, 2.0, 3.0)
(0, None)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["SpeakerTurn", "diarize", "speaker_at"]

_RATE = 16_000


@dataclass(frozen=True)
class SpeakerTurn:
    """One stretch of audio spoken by one speaker."""

    start: float  # seconds
    end: float
    speaker: int  # 0-based, numbered in order of first appearance


def diarize(
    chunks: Iterable[tuple[float, np.ndarray]],
    *,
    n_speakers: int | None = None,
    max_speakers: int = 8,
    seed: int = 0,
) -> list[SpeakerTurn]:
    """chunks: (start time in seconds, mono float32 samples at 16 kHz), in time order and
    contiguous; streamed, so memory stays bounded. Turns sorted by start, non-overlapping.

    The placeholder gives one turn of speaker 0 over all the audio.

    >>> diarize([(0.0, np.zeros(8000, dtype=np.float32)), (0.5, np.zeros(8000, np.float32))])
    [SpeakerTurn(start=0.0, end=1.0, speaker=0)]
    """
    start: float | None = None
    end = 0.0
    for at, samples in chunks:
        start = at if start is None else start
        end = at + len(samples) / _RATE
    return [] if start is None or end <= start else [SpeakerTurn(start, end, 0)]


def speaker_at(turns: Sequence[SpeakerTurn], start: float, end: float) -> int | None:
    """The speaker who talks most in [start, end), or None where no turn overlaps.

    >>> speaker_at([SpeakerTurn(0, 1, 0), SpeakerTurn(1, 3, 1)], 0.5, 2.0)
    1
    """
    talk: dict[int, float] = {}
    for turn in turns:
        overlap = min(end, turn.end) - max(start, turn.start)
        if overlap > 0 or (overlap == 0 and start == end and turn.start <= start < turn.end):
            talk[turn.speaker] = talk.get(turn.speaker, 0.0) + max(overlap, 0.0)
    if not talk:
        return None
    return max(sorted(talk), key=lambda s: talk[s])
