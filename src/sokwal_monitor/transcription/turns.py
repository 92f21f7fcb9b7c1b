"""Speaker turns, who talks at a moment, and the diarization error rate (DER).

>>> from sokwal_monitor.transcription.turns import SpeakerTurn, diarization_error_rate
>>> ref = [SpeakerTurn(0.0, 5.0, 0), SpeakerTurn(5.0, 9.0, 1)]
>>> diarization_error_rate(ref, [SpeakerTurn(0.0, 9.0, 3)], collar=0.0)
0.4444444444444444
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

__all__ = ["SpeakerTurn", "diarization_error_rate", "speaker_at"]


@dataclass(frozen=True)
class SpeakerTurn:
    """A stretch of one speaker's speech.

    ``start`` and ``end`` in seconds; ``speaker`` 0-based, numbered in order of first
    appearance.

    >>> SpeakerTurn(1.0, 2.5, 0).end
    2.5
    """

    start: float  # seconds
    end: float
    speaker: int  # 0-based, numbered in order of first appearance


def speaker_at(turns: Sequence[SpeakerTurn], start: float, end: float) -> int | None:
    """The speaker who talks most in [start, end), or None where no turn overlaps.

    Ties go to the lower speaker number.

    >>> speaker_at([SpeakerTurn(0.0, 1.0, 0), SpeakerTurn(1.0, 3.0, 1)], 0.5, 2.0)
    1
    """
    talk: dict[int, float] = {}
    for t in turns:
        overlap = min(t.end, end) - max(t.start, start)
        if overlap > 0:
            talk[t.speaker] = talk.get(t.speaker, 0.0) + overlap
    if not talk:
        return None
    return min(talk, key=lambda s: (-talk[s], s))


def diarization_error_rate(
    reference: Sequence[SpeakerTurn],
    hypothesis: Sequence[SpeakerTurn],
    *,
    collar: float = 0.25,
) -> float:
    """Standard DER (missed speech + false alarm + speaker confusion over reference
    speech time), hypothesis speakers mapped to reference speakers optimally (Hungarian,
    scipy.optimize.linear_sum_assignment), a collar around reference boundaries not scored.

    ``collar`` seconds on either side of every reference turn's start and end are left
    out. Overlapping turns count once per speaker. A reference without scored speech
    gives 0.0 when the hypothesis has none either, else ``ValueError``.

    >>> ref = [SpeakerTurn(0.0, 10.0, 0), SpeakerTurn(10.0, 20.0, 1)]
    >>> hyp = [SpeakerTurn(0.0, 15.0, 5), SpeakerTurn(15.0, 20.0, 7)]
    >>> diarization_error_rate(ref, hyp, collar=0.0)
    0.25
    """
    if collar < 0:
        raise ValueError(f"collar must be >= 0, got {collar}")
    for name, turns in (("reference", reference), ("hypothesis", hypothesis)):
        for t in turns:
            if not (np.isfinite(t.start) and np.isfinite(t.end)) or t.end < t.start:
                raise ValueError(f"{name}: turn {t} ends before it starts or is not finite")
    no_score = [(b - collar, b + collar) for t in reference for b in (t.start, t.end)]
    cuts = {t.start for t in reference} | {t.end for t in reference}
    cuts |= {t.start for t in hypothesis} | {t.end for t in hypothesis}
    cuts |= {x for span in no_score for x in span}
    edges = sorted(cuts)
    ref_ids = sorted({t.speaker for t in reference})
    hyp_ids = sorted({t.speaker for t in hypothesis})
    r_index = {s: i for i, s in enumerate(ref_ids)}
    h_index = {s: i for i, s in enumerate(hyp_ids)}
    overlap = np.zeros((len(ref_ids), len(hyp_ids)))
    total = missed = false_alarm = 0.0
    pieces: list[tuple[float, set[int], set[int]]] = []
    for a, b in itertools.pairwise(edges):
        if b <= a:
            continue
        mid = (a + b) / 2
        if any(lo < mid < hi for lo, hi in no_score):
            continue
        dur = b - a
        r = {r_index[t.speaker] for t in reference if t.start <= mid < t.end}
        h = {h_index[t.speaker] for t in hypothesis if t.start <= mid < t.end}
        if not r and not h:
            continue
        pieces.append((dur, r, h))
        total += dur * len(r)
        missed += dur * max(0, len(r) - len(h))
        false_alarm += dur * max(0, len(h) - len(r))
        for i in r:
            for j in h:
                overlap[i, j] += dur
    if total == 0:
        if false_alarm == 0:
            return 0.0
        raise ValueError("the reference has no speech to score (outside the collars)")
    matched = 0.0
    if overlap.size:
        rows, cols = linear_sum_assignment(overlap, maximize=True)
        matched = float(overlap[rows, cols].sum())
    scored_pairs = sum(dur * min(len(r), len(h)) for dur, r, h in pieces)
    confusion = max(0.0, scored_pairs - matched)  # rounding can leave -1e-15
    return float((missed + false_alarm + confusion) / total)
