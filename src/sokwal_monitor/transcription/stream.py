"""The streamed front end of diarization: voice activity and speaker embeddings.

Chunks of audio come in; speech segments (silero VAD v6, its state carried across
chunks) and one 256-number speaker embedding per window of speech (resemblyzer) go out.
The audio of a segment is dropped once its windows are embedded. The models load on
first use, never on import.
"""

from __future__ import annotations

import importlib.util
import warnings
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

SAMPLE_RATE = 16_000
_FRAME = 512  # silero VAD v6 at 16 kHz: 512 samples (32 ms) per frame, 64 of context
_CONTEXT = 64
_INSTALL = 'install the transcription extra: pip install "sokwal-monitor[transcribe]"'


@dataclass(frozen=True)
class StreamOptions:
    """Seconds and thresholds of the front end (see :class:`~.diarize.Diarizer`)."""

    window: float = 1.5
    step: float = 0.75
    threshold: float = 0.5
    min_speech: float = 0.25
    min_silence: float = 0.3
    speech_pad: float = 0.05
    max_segment: float = 30.0


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

    def __init__(self, est: StreamOptions) -> None:
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


def _pairs(chunks: Iterable[Any]) -> Iterator[tuple[Any, Any]]:
    for index, item in enumerate(chunks):
        if not isinstance(item, tuple | list) or len(item) != 2:
            raise TypeError(
                f"audio chunk {index}: expected a (start seconds, samples) pair, "
                f"got {type(item).__name__}"
            )
        yield item[0], item[1]
