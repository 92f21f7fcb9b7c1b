"""Speaker diarization, offline: who speaks when in a recording.

Audio arrives as a stream of chunks (16 kHz mono float32) and is never held whole:

1. **Voice activity**: silero VAD v6 (the ONNX file faster-whisper ships, run with
   onnxruntime) gives a speech probability per 32 ms frame, with its state carried
   from chunk to chunk; frames become speech segments (hysteresis 0.5/0.35, a pause of
   ``min_silence`` seconds ends a segment, segments longer than ``max_segment`` are cut).
2. **Speaker embeddings**: as soon as a segment ends its audio is cut into windows of
   ``window`` seconds every ``step`` seconds (a segment shorter than a window is one
   window) and resemblyzer's ``VoiceEncoder`` turns each window into 256 numbers
   (L2-normalised). Only the embeddings are kept, then the audio is dropped: memory
   grows by about 1 kB per second of speech, not with the recording's 64 kB per second.
3. **Clustering**: agglomerative clustering of the embeddings (cosine, average
   linkage). The number of speakers is given, or estimated by the eigengap of a
   similarity graph in which each window keeps its ``neighbours`` share (25 %) of most
   similar windows; clusters whose mean voices are closer than ``same_speaker``
   (cosine 0.85) are merged, so one voice is not split in two. Beyond ``max_points``
   windows (about 12 minutes of speech) a seeded sample is clustered and every window
   goes to the nearest mean voice, so time and memory stay bounded.
4. **Turns**: within a segment a lone window between two of another speaker is
   relabelled (smoothing); a speaker change inside a segment lies halfway between the
   two windows' centres; pieces of the same speaker less than ``merge_gap`` apart join.
   Speakers are numbered 0, 1, ... in order of first appearance.

Limits: overlapping speech gets one speaker; two similar voices (same sex and age, same
phone line) are often taken for one; a speaker who says only a word or two between
pauses is labelled from a single short window. The models need the ``transcribe`` extra
(``pip install "sokwal-monitor[transcribe]"``); nothing is downloaded.

The streamed front end (steps 1 and 2) is ``stream.py``; ``SpeakerTurn``,
``speaker_at`` and ``diarization_error_rate`` live in ``turns.py`` and are re-exported
here.

Bad input raises ``ValueError`` or ``TypeError`` (the caller knows the file and wraps
it): samples that are not finite, not mono, not a float array, chunks out of time
order. Silence, an empty stream and audio without speech give an empty list.

>>> from sokwal_monitor.transcription.diarize import SpeakerTurn, speaker_at
>>> turns = [SpeakerTurn(0.0, 4.0, 0), SpeakerTurn(4.5, 9.0, 1)]
>>> speaker_at(turns, 3.0, 6.0)
1
>>> speaker_at(turns, 10.0, 11.0) is None
True
"""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np
from scipy.linalg import eigh
from sklearn.base import BaseEstimator

from .stream import SAMPLE_RATE, StreamOptions, _pairs, _samples, _Stream, _Window
from .turns import SpeakerTurn, diarization_error_rate, speaker_at

__all__ = [
    "SAMPLE_RATE",
    "Diarizer",
    "SpeakerTurn",
    "diarization_error_rate",
    "diarize",
    "speaker_at",
]


# ---------------------------------------------------------------- clustering and turns


def _cluster(x: np.ndarray, k: int) -> np.ndarray:
    from sklearn.cluster import AgglomerativeClustering

    if k <= 1 or len(x) < 2:
        return np.zeros(len(x), dtype=int)
    model = AgglomerativeClustering(n_clusters=k, metric="cosine", linkage="average")
    return np.asarray(model.fit_predict(x), dtype=int)


def _centroid_similarity(x: np.ndarray, labels: np.ndarray) -> float:
    """The highest cosine similarity between two clusters' mean voices."""
    cents = []
    for lab in np.unique(labels):
        c = x[labels == lab].mean(axis=0)
        cents.append(c / (np.linalg.norm(c) or 1.0))
    sims = np.array(cents) @ np.array(cents).T
    np.fill_diagonal(sims, -1.0)
    return float(sims.max())


def _nearest(x: np.ndarray, sample: np.ndarray, labels: np.ndarray) -> np.ndarray:
    """Each row of ``x`` labelled by the closest mean voice of the sample's clusters."""
    ids = np.unique(labels)
    cents = np.vstack([sample[labels == i].mean(axis=0) for i in ids])
    cents /= np.maximum(np.linalg.norm(cents, axis=1, keepdims=True), 1e-10)
    return np.asarray(ids[np.argmax(x @ cents.T, axis=1)], dtype=int)


def _smooth(labels: list[int]) -> list[int]:
    """A lone window between two windows of one other speaker takes their label."""
    out = list(labels)
    for i in range(1, len(out) - 1):
        if out[i - 1] == out[i + 1] != out[i]:
            out[i] = out[i - 1]
    return out


def _turns(
    segments: list[tuple[float, float]],
    windows: list[_Window],
    labels: np.ndarray,
    merge_gap: float,
) -> list[SpeakerTurn]:
    by_segment: dict[int, list[tuple[_Window, int]]] = {}
    for w, lab in zip(windows, labels, strict=True):
        by_segment.setdefault(w.segment, []).append((w, int(lab)))
    pieces: list[tuple[float, float, int]] = []
    for s, (seg_start, seg_end) in enumerate(segments):
        rows = by_segment.get(s)
        if not rows:
            continue
        labs = _smooth([lab for _, lab in rows])
        cut = seg_start
        for i in range(len(rows)):
            if i + 1 < len(rows):
                w1, w2 = rows[i][0], rows[i + 1][0]
                edge = ((w1.start + w1.end) / 2 + (w2.start + w2.end) / 2) / 2
            else:
                edge = seg_end
            edge = min(max(edge, cut), seg_end)
            if edge > cut:
                pieces.append((cut, edge, labs[i]))
            cut = edge
    merged: list[list[float]] = []
    for a, b, lab in pieces:
        if merged and merged[-1][2] == lab and a - merged[-1][1] <= merge_gap:
            merged[-1][1] = b
        else:
            merged.append([a, b, lab])
    order: dict[int, int] = {}
    for _, _, lab in merged:
        order.setdefault(int(lab), len(order))
    return [SpeakerTurn(float(a), float(b), order[int(lab)]) for a, b, lab in merged]


# ---------------------------------------------------------------- the estimator


class Diarizer(BaseEstimator):
    """Who speaks when: voice activity, speaker embeddings, clustering.

    Follows scikit-learn's estimator contract: ``__init__`` stores its options, ``fit``
    consumes a stream of chunks and sets the attributes ending in ``_``.

    Parameters
    ----------
    n_speakers : int, optional
        The number of speakers if known; estimated when None.
    max_speakers : int
        The most speakers an estimate may give.
    seed : int
        Seeds the sample clustered in a long recording (``max_points``); the same audio
        and seed give the same turns.
    window, step : float
        Length and hop (seconds) of the windows a speaker embedding is computed on.
    threshold : float
        Speech probability (silero VAD) from which a frame is speech; it stays speech
        down to ``threshold - 0.15``.
    min_speech, min_silence, speech_pad, max_segment : float
        Seconds: shorter speech is dropped; a pause this long ends a segment; padding
        around each segment; the longest segment before it is cut.
    merge_gap : float
        Two stretches of the same speaker at most this far apart become one turn.
    neighbours : float
        Share of the windows each window keeps as neighbours in the graph whose
        eigengap estimates the number of speakers.
    same_speaker : float
        Cosine similarity of two clusters' mean voices above which an estimate merges
        them (one voice, not two).
    max_points : int
        The most windows clustered at once; beyond it a sample drawn with ``seed`` is
        clustered and the other windows join the nearest cluster.

    Attributes
    ----------
    turns_ : list of SpeakerTurn
    n_speakers_ : int
        The number of speakers used (given or estimated; 0 without speech).
    eigengaps_ : ndarray
        The gaps between the smallest eigenvalues of the similarity graph's Laplacian;
        the largest, at index k - 1, gives k speakers (empty when the count was given).
    segments_ : list of (float, float)
        The speech segments voice activity found.
    duration_ : float
        Seconds of audio read.
    windows_ : list of (float, float)
        Start and end (seconds) of each window embedded.
    embeddings_ : ndarray of shape (n_windows, 256)
        The windows' speaker embeddings, L2-normalised (about 1 kB per window).

    Examples
    --------
    >>> import numpy as np
    >>> silence = [(0.0, np.zeros(16_000, dtype=np.float32))]
    >>> Diarizer().fit(silence).turns_  # doctest: +SKIP
    []
    """

    def __init__(
        self,
        *,
        n_speakers: int | None = None,
        max_speakers: int = 8,
        seed: int = 0,
        window: float = 1.5,
        step: float = 0.75,
        threshold: float = 0.5,
        min_speech: float = 0.25,
        min_silence: float = 0.3,
        speech_pad: float = 0.05,
        max_segment: float = 30.0,
        merge_gap: float = 0.5,
        neighbours: float = 0.25,
        same_speaker: float = 0.85,
        max_points: int = 1000,
    ) -> None:
        self.n_speakers = n_speakers
        self.max_speakers = max_speakers
        self.seed = seed
        self.window = window
        self.step = step
        self.threshold = threshold
        self.min_speech = min_speech
        self.min_silence = min_silence
        self.speech_pad = speech_pad
        self.max_segment = max_segment
        self.merge_gap = merge_gap
        self.neighbours = neighbours
        self.same_speaker = same_speaker
        self.max_points = max_points

    def _check(self) -> None:
        if self.n_speakers is not None and (
            isinstance(self.n_speakers, bool)
            or not isinstance(self.n_speakers, int | np.integer)
            or self.n_speakers < 1
        ):
            raise ValueError(f"n_speakers must be a whole number >= 1, got {self.n_speakers!r}")
        if (
            isinstance(self.max_speakers, bool)
            or not isinstance(self.max_speakers, int | np.integer)
            or self.max_speakers < 1
        ):
            raise ValueError(f"max_speakers must be a whole number >= 1, got {self.max_speakers!r}")
        if not 0 < self.step <= self.window:
            raise ValueError(f"step must be > 0 and <= window, got {self.step} and {self.window}")
        if not 0 < self.threshold < 1:
            raise ValueError(f"threshold must lie between 0 and 1, got {self.threshold}")
        if self.max_segment < self.window:
            raise ValueError("max_segment must be at least one window long")

    def fit(self, chunks: Iterable[tuple[float, np.ndarray]], y: None = None) -> Diarizer:
        """Read the chunks (streamed) and find the speaker turns.

        ``chunks``: ``(start seconds, mono float32 samples at 16 kHz)`` in time order;
        a gap between chunks is treated as a break in the recording.
        """
        self._check()
        if isinstance(chunks, np.ndarray | str | bytes):
            raise TypeError(
                "chunks must be an iterable of (start seconds, samples) pairs, not one "
                "array; pass [(0.0, samples)] for audio held in memory"
            )
        stream = _Stream(
            StreamOptions(
                window=self.window,
                step=self.step,
                threshold=self.threshold,
                min_speech=self.min_speech,
                min_silence=self.min_silence,
                speech_pad=self.speech_pad,
                max_segment=self.max_segment,
            )
        )
        seen = 0.0
        for index, item in enumerate(_pairs(chunks)):
            start, samples = _samples(*item, index=index)
            stream.feed(start, samples)
            seen = max(seen, start + len(samples) / SAMPLE_RATE)
        stream.finish()
        self.segments_ = list(stream.segments)
        self.windows_ = [(w.start, w.end) for w in stream.windows]
        self.embeddings_ = (
            np.vstack(stream.embeddings) if stream.embeddings else np.zeros((0, 256), np.float32)
        )
        self.duration_ = seen
        self.eigengaps_ = np.zeros(0)
        if not stream.embeddings:
            self.turns_: list[SpeakerTurn] = []
            self.n_speakers_ = 0
            return self
        x = self.embeddings_
        sample = x
        if len(x) > self.max_points:  # a long recording: cluster a sample, assign the rest
            rng = np.random.default_rng(self.seed)
            sample = x[np.sort(rng.choice(len(x), int(self.max_points), replace=False))]
        if self.n_speakers is not None:
            labels = _cluster(sample, min(int(self.n_speakers), len(sample)))
        else:
            labels = self._estimate(sample)[1]
        if sample is not x:
            labels = _nearest(x, sample, labels)
        self.n_speakers_ = len(np.unique(labels))
        self.turns_ = _turns(stream.segments, stream.windows, labels, self.merge_gap)
        return self

    def _estimate(self, x: np.ndarray) -> tuple[int, np.ndarray]:
        k, self.eigengaps_ = _eigengap(x, int(self.max_speakers), self.neighbours)
        labels = _cluster(x, k)
        # one voice split in two: merge down while two clusters sound alike
        while k > 1 and _centroid_similarity(x, labels) > self.same_speaker:
            k -= 1
            labels = _cluster(x, k)
        return k, labels


def _eigengap(x: np.ndarray, max_k: int, neighbours: float) -> tuple[int, np.ndarray]:
    """The number of speakers by the eigengap of a pruned similarity graph.

    Each window keeps its ``neighbours`` share of most similar windows (cosine), the
    graph is symmetrised, and the largest gap among the smallest eigenvalues of its
    normalised Laplacian gives the number of well-separated groups (von Luxburg 2007;
    Wang et al. 2018 prune the affinity the same way for speaker clustering).
    """
    n = len(x)
    if n < 3:
        return 1, np.zeros(0)
    sim = np.clip(x @ x.T, 0.0, 1.0)
    keep = min(n, max(2, int(np.ceil(neighbours * n))))
    order = np.argsort(-sim, axis=1, kind="stable")[:, :keep]
    rows = np.arange(n)[:, None]
    graph = np.zeros_like(sim)
    graph[rows, order] = sim[rows, order]
    graph = (graph + graph.T) / 2
    degree = np.maximum(graph.sum(axis=1), 1e-10)
    inv = 1.0 / np.sqrt(degree)
    laplacian = np.eye(n) - graph * inv[:, None] * inv[None, :]
    top = min(max_k, n - 1)
    values = eigh(laplacian, eigvals_only=True, subset_by_index=[0, top])
    gaps = np.diff(values)
    return int(np.argmax(gaps)) + 1, gaps


def diarize(
    chunks: Iterable[tuple[float, np.ndarray]],
    *,
    n_speakers: int | None = None,
    max_speakers: int = 8,
    seed: int = 0,
) -> list[SpeakerTurn]:
    """Speaker turns of a recording streamed as chunks.

    chunks: (start time in seconds, mono float32 samples at 16 kHz), in time order and
    contiguous; streamed, so memory stays bounded (a 90-minute file must not be held
    whole). Turns sorted by start, non-overlapping. Silence gives an empty list.

    >>> import numpy as np
    >>> diarize([(0.0, np.zeros(8_000, dtype=np.float32))])  # doctest: +SKIP
    []
    """
    est = Diarizer(n_speakers=n_speakers, max_speakers=max_speakers, seed=seed)
    return est.fit(chunks).turns_
