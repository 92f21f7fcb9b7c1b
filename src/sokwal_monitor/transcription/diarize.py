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
   windows (about 18 minutes of speech) a seeded sample is clustered and every window
   goes to the nearest mean voice, so time and memory stay bounded.
4. **Turns**: within a segment a lone window between two of another speaker is
   relabelled (smoothing); a speaker change inside a segment lies halfway between the
   two windows' centres; pieces of the same speaker less than ``merge_gap`` apart join.
   Speakers are numbered 0, 1, ... in order of first appearance.

Limits: overlapping speech gets one speaker; two similar voices (same sex and age, same
phone line) are often taken for one; a speaker who says only a word or two between
pauses is labelled from a single short window. The models need the ``transcribe`` extra
(``pip install "sokwal-monitor[transcribe]"``); nothing is downloaded.

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

import importlib.util
import itertools
import warnings
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from scipy.linalg import eigh
from scipy.optimize import linear_sum_assignment
from sklearn.base import BaseEstimator

__all__ = [
    "SAMPLE_RATE",
    "Diarizer",
    "SpeakerTurn",
    "diarization_error_rate",
    "diarize",
    "speaker_at",
]

SAMPLE_RATE = 16_000
_FRAME = 512  # silero VAD v6 at 16 kHz: 512 samples (32 ms) per frame, 64 of context
_CONTEXT = 64
_INSTALL = 'install the transcription extra: pip install "sokwal-monitor[transcribe]"'


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


# ---------------------------------------------------------------- models (loaded lazily)


def _silero_path() -> Path:
    spec = importlib.util.find_spec("faster_whisper")
    if spec is None or spec.origin is None:
        raise ImportError(f"the voice-activity model (faster-whisper) is missing; {_INSTALL}")
    path = Path(spec.origin).parent / "assets" / "silero_vad_v6.onnx"
    if not path.is_file():
        raise ImportError(f"faster-whisper has no {path.name}; {_INSTALL}")
    return path


@lru_cache(maxsize=1)
def _vad_session() -> Any:
    try:
        import onnxruntime
    except ImportError as exc:
        raise ImportError(f"onnxruntime is missing; {_INSTALL}") from exc
    opts = onnxruntime.SessionOptions()
    opts.inter_op_num_threads = 1
    opts.intra_op_num_threads = 1
    opts.log_severity_level = 4
    return onnxruntime.InferenceSession(
        str(_silero_path()), providers=["CPUExecutionProvider"], sess_options=opts
    )


@lru_cache(maxsize=1)
def _encoder() -> Any:
    # resemblyzer imports librosa (~2 s) and webrtcvad, which warns about pkg_resources;
    # scipy and torch warn about names resemblyzer uses. None of it is ours to fix.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            from resemblyzer import VoiceEncoder
        except ImportError as exc:
            raise ImportError(f"the speaker encoder (resemblyzer) is missing; {_INSTALL}") from exc
        return VoiceEncoder("cpu", verbose=False)


def _mel(audio: np.ndarray) -> np.ndarray:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from resemblyzer import wav_to_mel_spectrogram

        return np.asarray(wav_to_mel_spectrogram(audio), dtype=np.float32)


# ---------------------------------------------------------------- input checks


def _samples(start: Any, samples: Any, index: int) -> tuple[float, np.ndarray]:
    """One chunk, checked: (start, float32 mono samples)."""
    where = f"audio chunk {index}"
    try:
        start = float(start)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"{where}: the start time must be a number of seconds") from exc
    if not np.isfinite(start) or start < 0:
        raise ValueError(f"{where}: the start time must be a finite number >= 0, got {start}")
    if not isinstance(samples, np.ndarray):
        raise TypeError(
            f"{where}: samples must be a numpy array of floats, got {type(samples).__name__}"
        )
    if samples.ndim == 2 and 1 in samples.shape:
        samples = samples.reshape(-1)
    if samples.ndim != 1:
        raise ValueError(
            f"{where}: expected mono samples (one dimension), got shape {samples.shape}; "
            "average the channels or decode the file as mono at 16 kHz"
        )
    if not np.issubdtype(samples.dtype, np.floating):
        raise TypeError(
            f"{where}: expected float samples in -1..1, got {samples.dtype}; "
            "for 16-bit PCM divide by 32768"
        )
    samples = samples.astype(np.float32, copy=False)
    if not np.isfinite(samples).all():
        bad = int(np.flatnonzero(~np.isfinite(samples))[0])
        raise ValueError(
            f"{where}: sample {bad} (at {start + bad / SAMPLE_RATE:.2f} s) is not a finite "
            "number (NaN or infinity); the audio is damaged or was decoded wrongly"
        )
    return start, samples


# ---------------------------------------------------------------- streaming front end


@dataclass
class _Window:
    start: float
    end: float
    segment: int


class _Stream:
    """VAD over the chunks, segments cut, windows embedded; audio dropped as it goes."""

    def __init__(self, est: Diarizer) -> None:
        self.est = est
        self.session = _vad_session()
        self.h = np.zeros((1, 1, 128), dtype=np.float32)
        self.c = np.zeros((1, 1, 128), dtype=np.float32)
        self.context = np.zeros(_CONTEXT, dtype=np.float32)
        self.buf = np.zeros(0, dtype=np.float32)  # audio from sample `buf_at` on
        self.buf_at = 0
        self.offset = 0.0  # seconds of the sample at index 0 of the current run
        self.run_samples = 0  # samples of the current contiguous run seen
        self.frames = 0  # VAD frames done in the current run
        self.in_speech = False
        self.seg_first = 0  # first speech frame of the open segment
        self.last_speech = 0
        self.last_end = 0.0  # end (s) of the previous segment
        self.segments: list[tuple[float, float]] = []
        self.windows: list[_Window] = []
        self.embeddings: list[np.ndarray] = []
        self.pad = int(est.speech_pad * SAMPLE_RATE)
        self.silence_frames = max(1, round(est.min_silence * SAMPLE_RATE / _FRAME))
        self.max_frames = max(1, round(est.max_segment * SAMPLE_RATE / _FRAME))

    # -- chunks in
    def feed(self, start: float, samples: np.ndarray) -> None:
        expected = self.offset + self.run_samples / SAMPLE_RATE
        if self.run_samples and start < expected - 0.02:
            raise ValueError(
                f"audio chunk at {start:.2f} s starts before the previous one ended "
                f"({expected:.2f} s); chunks must be in time order without overlap"
            )
        if self.run_samples and start > expected + 0.02:
            self.finish()  # a gap: end the run, go on at the new time
            self._reset(start)
        elif not self.run_samples:
            self._reset(start)
        self.buf = np.concatenate([self.buf, samples])
        self.run_samples += len(samples)
        n = (self.run_samples - self.frames * _FRAME) // _FRAME
        if n > 0:
            at = self.frames * _FRAME - self.buf_at
            block = self.buf[at : at + n * _FRAME].reshape(n, _FRAME)
            context = np.vstack([self.context[None, :], block[:-1, -_CONTEXT:]])
            self.context = block[-1, -_CONTEXT:].copy()
            batch = np.concatenate([context, block], axis=1)
            out, self.h, self.c = self.session.run(None, {"input": batch, "h": self.h, "c": self.c})
            for p in np.asarray(out).reshape(-1):
                self._frame(float(p))
                self.frames += 1
        self._trim()

    def _reset(self, start: float) -> None:
        self.h = np.zeros_like(self.h)
        self.c = np.zeros_like(self.c)
        self.context = np.zeros_like(self.context)
        self.buf = np.zeros(0, dtype=np.float32)
        self.buf_at = 0
        self.offset = start
        self.run_samples = 0
        self.frames = 0
        self.in_speech = False

    def _frame(self, p: float) -> None:
        i = self.frames
        est = self.est
        if not self.in_speech:
            if p >= est.threshold:
                self.in_speech, self.seg_first, self.last_speech = True, i, i
            return
        if p >= est.threshold - 0.15:
            self.last_speech = i
            if i + 1 - self.seg_first >= self.max_frames:  # too long: cut here
                self._close(self.seg_first, i + 1, pad_end=False)
                self.seg_first = i + 1
        elif i - self.last_speech >= self.silence_frames:
            self._close(self.seg_first, self.last_speech + 1)
            self.in_speech = False

    def _trim(self) -> None:
        first = self.seg_first if self.in_speech else self.frames
        keep = max(0, first * _FRAME - self.pad)
        if keep > self.buf_at:
            self.buf = self.buf[keep - self.buf_at :].copy()
            self.buf_at = keep

    def finish(self) -> None:
        if self.in_speech:
            self._close(self.seg_first, self.last_speech + 1)
            self.in_speech = False

    # -- segments out
    def _close(self, first: int, stop: int, *, pad_end: bool = True) -> None:
        a = max(0, first * _FRAME - self.pad)
        b = min(self.run_samples, stop * _FRAME + (self.pad if pad_end else 0))
        start = max(self.offset + a / SAMPLE_RATE, self.last_end)
        a = max(a, round((start - self.offset) * SAMPLE_RATE))
        if (b - a) / SAMPLE_RATE < self.est.min_speech:
            return
        audio = self.buf[a - self.buf_at : b - self.buf_at]
        end = self.offset + b / SAMPLE_RATE
        self.segments.append((start, end))
        self.last_end = end
        self._embed(audio, start, len(self.segments) - 1)

    def _embed(self, audio: np.ndarray, start: float, segment: int) -> None:
        import torch

        win = round(self.est.window * SAMPLE_RATE)
        step = max(1, round(self.est.step * SAMPLE_RATE))
        n = len(audio)
        if n <= win:
            bounds = [(0, n)]
        else:
            bounds = [(a, a + win) for a in range(0, n - win + 1, step)]
            if bounds[-1][1] < n:
                bounds.append((n - win, n))
        # resemblyzer's own preprocessing: raise quiet audio to -30 dBFS
        rms = float(np.sqrt(np.mean(np.square(audio, dtype=np.float64))))
        gain = 10 ** (-30 / 20) / rms if rms > 0 else 1.0
        audio = audio * np.float32(max(1.0, gain))
        mel = _mel(audio)
        hop = SAMPLE_RATE // 100  # 10 ms mel frames
        mels = [mel[a // hop : max(a // hop + 1, b // hop)] for a, b in bounds]
        encoder = _encoder()
        with torch.no_grad():
            groups: dict[int, list[int]] = {}
            for k, m in enumerate(mels):
                groups.setdefault(len(m), []).append(k)
            out: dict[int, np.ndarray] = {}
            for idx in groups.values():
                batch = torch.from_numpy(np.stack([mels[k] for k in idx]))
                vecs = encoder(batch).cpu().numpy()
                out.update(zip(idx, vecs, strict=True))
        for k, (a, b) in enumerate(bounds):
            vec = np.asarray(out[k], dtype=np.float32)
            norm = float(np.linalg.norm(vec))
            if not np.isfinite(norm) or norm == 0:
                continue  # an all-zero window (no energy): nothing to say who it is
            self.windows.append(_Window(start + a / SAMPLE_RATE, start + b / SAMPLE_RATE, segment))
            self.embeddings.append(vec / norm)


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
        stream = _Stream(self)
        seen = 0.0
        for index, item in enumerate(_pairs(chunks)):
            start, samples = _samples(*item, index=index)
            stream.feed(start, samples)
            seen = max(seen, start + len(samples) / SAMPLE_RATE)
        stream.finish()
        self.segments_ = list(stream.segments)
        self.duration_ = seen
        self.eigengaps_ = np.zeros(0)
        if not stream.embeddings:
            self.turns_: list[SpeakerTurn] = []
            self.n_speakers_ = 0
            return self
        x = np.vstack(stream.embeddings)
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


def _pairs(chunks: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    for index, item in enumerate(chunks):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise TypeError(
                f"audio chunk {index}: expected a (start seconds, samples) pair, "
                f"got {type(item).__name__}"
            )
        yield item[0], item[1]


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
    confusion = scored_pairs - matched
    return float((missed + false_alarm + confusion) / total)
