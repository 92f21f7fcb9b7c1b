"""Audio in: any recorder, Teams or Zoom file, decoded with PyAV to mono float32 at 16 kHz.

:func:`stream` decodes a file block by block (30 seconds by default), so a 90-minute
recording never sits in memory whole; :func:`probe` reads its duration. A file that is
empty, damaged, not audio or without an audio track raises a
:class:`~sokwal_monitor.errors.TranscriptionError` naming the file, the cause and what to
do. PyAV (``av``) comes with faster-whisper (``pip install "sokwal-monitor[transcribe]"``)
and is imported on first use.

Files are opened by Python and handed to PyAV as file objects, so names with spaces,
accents or bytes that are not UTF-8 work as any other.

Examples
--------
>>> import tempfile, wave
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "stilte.wav"
>>> with wave.open(str(path), "wb") as w:
...     w.setnchannels(1); w.setsampwidth(2); w.setframerate(8000)
...     w.writeframes(b"\\x00\\x00" * 8000)
>>> probe(path).duration
1.0
>>> [(start, len(samples)) for start, samples in stream(path, block_seconds=0.75)]
[(0.0, 12000), (0.75, 4000)]
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import TranscriptionError

__all__ = ["AUDIO_SUFFIXES", "SAMPLE_RATE", "AudioInfo", "is_audio", "probe", "stream"]

#: Samples per second of what :func:`stream` yields (what Whisper and the diarization take).
SAMPLE_RATE = 16_000

#: Suffixes taken as recordings: recorders, Teams/Zoom (.mp4/.webm/.m4a), phones.
AUDIO_SUFFIXES: tuple[str, ...] = (
    ".wav", ".mp3", ".m4a", ".ogg", ".webm", ".mp4", ".flac", ".opus", ".aac", ".wma",
)  # fmt: skip

_HINT_DAMAGED = (
    "check that the recording plays in a media player; export or convert it again"
    " (for example to .wav or .mp3)"
)


@dataclass(frozen=True)
class AudioInfo:
    """What :func:`probe` finds: the duration in seconds and the audio track's codec,
    sample rate and channels."""

    path: str
    duration: float
    codec: str
    sample_rate: int
    channels: int


def is_audio(path: str | PathLike[str]) -> bool:
    """Whether the file's suffix is one of :data:`AUDIO_SUFFIXES`.

    >>> is_audio("gesprek P01.M4A"), is_audio("notes.txt")
    (True, False)
    """
    return Path(path).suffix.lower() in AUDIO_SUFFIXES


def _av() -> Any:
    try:
        import av
    except ImportError:
        raise TranscriptionError(
            None,
            "PyAV (av), which decodes the recordings, is not installed",
            'install the transcription extra: pip install "sokwal-monitor[transcribe]"',
        ) from None
    return av


class _Opened:
    """An open PyAV container over a Python file object, with its audio stream."""

    def __init__(self, path: Path) -> None:
        av = _av()
        self.path = path
        try:
            size = path.stat().st_size
        except OSError as err:
            raise TranscriptionError(path, f"cannot be read ({err.strerror or err})") from None
        if size == 0:
            raise TranscriptionError(
                path, "the file is empty (0 bytes)", "check that the recording was copied whole"
            )
        self.fh = path.open("rb")
        try:
            self.container = av.open(self.fh, mode="r")
        except Exception as err:  # PyAV raises its own errors, per FFmpeg error code
            self.fh.close()
            raise TranscriptionError(
                path, f"not a recording that can be decoded ({_why(err)})", _HINT_DAMAGED
            ) from None
        audio = list(self.container.streams.audio)
        if not audio:
            self.close()
            raise TranscriptionError(
                path,
                "has no audio track",
                "check that this is the recording and not a screen capture without sound",
            )
        self.stream = audio[0]

    def close(self) -> None:
        try:
            self.container.close()
        finally:
            self.fh.close()

    def __enter__(self) -> _Opened:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _why(err: Exception) -> str:
    # PyAV's errors carry FFmpeg's words in ``strerror`` (their str adds a code and a name)
    text = getattr(err, "strerror", None) or str(err).strip() or type(err).__name__
    return str(text).split(";", 1)[0][:200].lower()


def probe(path: str | PathLike[str]) -> AudioInfo:
    """The duration and audio track of a recording, without decoding it where the
    container says (otherwise by decoding it once, streamed).

    Raises
    ------
    TranscriptionError
        The file is empty, not audio, damaged or has no audio track.
    """
    path = Path(path)
    with _Opened(path) as opened:
        stream_ = opened.stream
        duration: float | None = None
        if stream_.duration is not None and stream_.time_base is not None:
            duration = float(stream_.duration * stream_.time_base)
        elif opened.container.duration is not None:
            duration = opened.container.duration / 1_000_000
        info = AudioInfo(
            path=str(path),
            duration=duration or 0.0,
            codec=stream_.codec_context.name,
            sample_rate=int(stream_.codec_context.sample_rate or 0),
            channels=int(stream_.codec_context.channels or 0),
        )
    if not duration:
        samples = sum(len(block) for _, block in stream(path))
        info = AudioInfo(info.path, samples / SAMPLE_RATE, info.codec, info.sample_rate, 1)
    return info


def stream(
    path: str | PathLike[str], *, block_seconds: float = 30.0
) -> Iterator[tuple[float, np.ndarray]]:
    """Decode a recording into contiguous blocks of mono float32 samples at 16 kHz.

    Yields ``(start in seconds, samples)``; every block but the last holds
    ``block_seconds`` of audio. Memory stays at a few blocks whatever the length.

    Raises
    ------
    TranscriptionError
        The file is empty, not audio, damaged (also halfway through) or has no audio
        track, or holds no audio at all.
    """
    path = Path(path)
    av = _av()
    size = max(1, round(block_seconds * SAMPLE_RATE))
    with _Opened(path) as opened:
        resampler = av.AudioResampler(format="flt", layout="mono", rate=SAMPLE_RATE)
        pending: list[np.ndarray] = []
        n_pending = 0
        done = 0

        def frames() -> Iterator[np.ndarray]:
            try:
                for frame in opened.container.decode(opened.stream):
                    for out in resampler.resample(frame):
                        yield out.to_ndarray().reshape(-1)
                for out in resampler.resample(None):
                    yield out.to_ndarray().reshape(-1)
            except Exception as err:
                if isinstance(err, TranscriptionError):
                    raise
                raise TranscriptionError(
                    path, f"damaged recording ({_why(err)})", _HINT_DAMAGED
                ) from None

        for samples in frames():
            pending.append(samples.astype(np.float32, copy=False))
            n_pending += len(samples)
            while n_pending >= size:
                joined = np.concatenate(pending)
                yield done / SAMPLE_RATE, joined[:size]
                done += size
                rest = joined[size:]
                pending, n_pending = ([rest] if len(rest) else []), len(rest)
        if n_pending:
            yield done / SAMPLE_RATE, np.concatenate(pending)
            done += n_pending
    if done == 0:
        raise TranscriptionError(
            path, "holds no audio (0 samples)", "check that the recording was copied whole"
        )
