"""Transcribe recordings, offline: chunked, resumable, with speakers.

:func:`transcribe_file` turns one recording into a WebVTT file (cue times and
``<v Speaker N>`` voices) and ``.txt``/``.docx`` transcripts; :func:`transcribe` does a
file or a folder and returns one row per recording. The audio is decoded in blocks and
cut into chunks of about ``chunk_seconds`` at the quietest moment near each chunk's end;
each chunk is transcribed with word times (offset to the recording's clock) and written
to a hidden partial file in the output folder, so an interrupted run resumes with the
next chunk. A second, streamed pass labels the speakers (:mod:`.diarize`); a recognised
segment is split where the speaker changes. A recording whose SHA-256 was transcribed
into the same outputs before is skipped (``force=True`` redoes it).

Examples
--------
A model is a folder on this machine, never a name to download:

>>> transcribe("opnames", model="large-v3", out="transcripten")
... # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
sokwal_monitor.errors.TranscriptionError: large-v3: no such model folder; point --model at
a folder with a faster-whisper model ...
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._version import __version__
from ..errors import SokwalError, TranscriptionError
from . import diarize as diarization
from .audio import SAMPLE_RATE, is_audio, probe, stream
from .models import check_model_folder, load_model
from .outputs import TOOL, Cue, merge_turns, partial_file, to_txt, to_vtt, write_docx
from .state import _STATE_VERSION, _sha256, _State

# _Segment, _speaker and _Word: re-exported, so that they stay importable from here
from .words import _chunks, _cues, _segments_of
from .words import _Segment as _Segment
from .words import _speaker as _speaker
from .words import _Word as _Word

__all__ = [
    "FORMATS",
    "TRANSCRIBE_COLUMNS",
    "FileTranscript",
    "find_recordings",
    "output_stem",
    "shown_path",
    "transcribe",
    "transcribe_file",
]

#: The transcript formats that can be written.
FORMATS = ("vtt", "txt", "docx")
#: The columns of :func:`transcribe`'s table.
TRANSCRIBE_COLUMNS = ["path", "status", "duration", "seconds", "outputs", "error", "sha256"]
_SILENT_PEAK = 1e-3  # below -60 dBFS everywhere: nothing was recorded

Status = Literal["transcribed", "resumed", "skipped", "failed"]


@dataclass(frozen=True)
class FileTranscript:
    """What :func:`transcribe_file` did with one recording.

    ``status``: ``transcribed``, ``resumed`` (an interrupted run finished), ``skipped``
    (done before: same SHA-256, outputs there) or ``failed`` (only in :func:`transcribe`'s
    table). ``seconds`` is the wall-clock time spent; ``outputs`` the files written.
    """

    path: str
    status: Status
    duration: float | None
    seconds: float
    outputs: tuple[str, ...] = ()
    error: str = ""
    sha256: str = ""
    n_speakers: int | None = None
    cues: tuple[Cue, ...] = field(default=(), repr=False)


def output_stem(path: Path, siblings: Sequence[Path] = ()) -> str:
    """The outputs' file name without suffix: the recording's stem, or its whole name when
    another recording in the same folder has the same stem (``P01.mp3`` and ``P01.wav``).

    >>> output_stem(Path("a/P01.mp3")), output_stem(Path("a/P01.mp3"), [Path("a/P01.wav")])
    ('P01', 'P01.mp3')
    """
    clash = any(s != path and s.parent == path.parent and s.stem == path.stem for s in siblings)
    return path.name if clash else path.stem


def _transcribe_chunk(
    model: Any, samples: np.ndarray, offset: float, *, language: str | None, vad: bool
) -> list[dict[str, Any]]:
    try:  # the fallback below samples: seeded, so that sampling adds no variation
        import ctranslate2

        ctranslate2.set_random_seed(0)
    except (ImportError, AttributeError):  # pragma: no cover - comes with faster-whisper
        pass
    segments, _info = model.transcribe(
        samples,
        language=language,
        vad_filter=vad,
        word_timestamps=True,
        # greedy first; where the text repeats itself (a loop, compression ratio above
        # 2.4) or is unlikely, Whisper's usual fallback to higher temperatures: without it
        # a 30-minute synthetic recording came out with a third more words than spoken
        temperature=(0.0, 0.2, 0.4, 0.6, 0.8, 1.0),
        condition_on_previous_text=False,
        # with voice detection, silence is already cut out; Whisper's own no-speech guess
        # (a probability and a mean log-probability near their thresholds) then only
        # drops speech, and flips from run to run on speech it finds hard
        no_speech_threshold=None if vad else 0.6,
    )
    out = []
    for seg in segments:
        words = [
            [round(float(w.start) + offset, 3), round(float(w.end) + offset, 3), w.word]
            for w in (seg.words or [])
        ]
        out.append(
            {
                "start": round(float(seg.start) + offset, 3),
                "end": round(float(seg.end) + offset, 3),
                "text": seg.text,
                "words": words,
            }
        )
    return out


def _progress_bar(show: bool, total: float, desc: str) -> Any:
    if not show:
        return None
    from tqdm import tqdm

    return tqdm(total=round(total, 1), desc=desc, unit="s", file=sys.stderr, leave=False)


def transcribe_file(
    path: str | PathLike[str],
    *,
    model: str | PathLike[str],
    out: str | PathLike[str],
    language: str | None = "nl",
    diarize: bool = True,
    n_speakers: int | None = None,
    vad: bool = True,
    device: str = "auto",
    resume: bool = True,
    force: bool = False,
    formats: Sequence[str] = ("vtt", "txt"),
    progress: bool | None = None,
    chunk_seconds: float = 120.0,
    stem: str | None = None,
) -> FileTranscript:
    """Transcribe one recording into ``out``.

    Parameters
    ----------
    path : path
        The recording (any of :data:`~.audio.AUDIO_SUFFIXES`).
    model : path
        A local faster-whisper model folder (see :mod:`.models`); never a model name.
    out : path
        The folder for ``<stem>.vtt`` / ``.txt`` / ``.docx`` (created when missing).
    language : str or None, default "nl"
        The spoken language; None lets Whisper guess it.
    diarize : bool, default True
        Label the speakers (``Speaker 1``, ``Speaker 2``, ...); else no voices.
    n_speakers : int, optional
        The number of speakers when known; estimated otherwise.
    vad : bool, default True
        Skip silence with voice-activity detection (faster-whisper's silero VAD).
    device : {"auto", "cpu", "cuda"}
        Where the model runs.
    resume : bool, default True
        Go on from the chunks an interrupted run left; False starts afresh.
    force : bool, default False
        Transcribe again even when this recording's outputs are there.
    formats : sequence of {"vtt", "txt", "docx"}
        What to write.
    progress : bool, optional
        A progress bar on audio seconds; by default only when stdout is a terminal.
    chunk_seconds : float, default 120
        About how much audio is transcribed (and saved for a resume) at a time.
    stem : str, optional
        The outputs' file name without suffix (default: the recording's stem).

    Returns
    -------
    FileTranscript

    Raises
    ------
    TranscriptionError
        The model folder is missing or wrong, or the recording is empty, damaged, not
        audio, silent or holds no speech. Nothing is written then.
    ValueError
        ``n_speakers`` below 1, or an unknown format.

    Examples
    --------
    >>> transcribe_file("P01.m4a", model="models/whisper", out="t")  # doctest: +SKIP
    FileTranscript(path='P01.m4a', status='transcribed', duration=3012.4, ...)
    """
    started = time.perf_counter()
    source = Path(path)
    formats = _check_formats(formats)
    if n_speakers is not None and n_speakers < 1:
        raise ValueError(f"the number of speakers must be 1 or more, not {n_speakers}")
    folder = check_model_folder(model)
    if not source.is_file():
        raise TranscriptionError(source, "no such recording", "check the path")
    sha = _sha256(source)
    out_dir = Path(out)
    name = stem or source.stem
    targets = {fmt: out_dir / f"{name}.{fmt}" for fmt in formats}
    header = {
        "version": _STATE_VERSION,
        "sha256": sha,
        "model": folder.name,
        "language": language,
        "vad": vad,
        "chunk_seconds": chunk_seconds,
        "diarize": diarize,
        "n_speakers": n_speakers,
    }
    state = _State(partial_file(out_dir, name), header)
    if not force:
        state.load()
        done = state.done
        same = done is not None and set(formats) <= set(done.get("formats", []))
        if done is not None and same and all(p.is_file() for p in targets.values()):
            return FileTranscript(
                str(source), "skipped", done.get("duration"), 0.0,
                tuple(str(p) for p in targets.values()), sha256=sha,
                n_speakers=done.get("n_speakers"),
            )  # fmt: skip
        if not resume:
            state.chunks, state.turns = [], None
        state.done = None
    resumed = bool(state.chunks)
    info = probe(source)
    show = sys.stdout.isatty() if progress is None else progress
    whisper = load_model(folder, device=device)

    # pass 1: speech to text, chunk by chunk, each saved before the next
    state.start()
    bar = _progress_bar(show, info.duration, source.name[:30])
    peak = 0.0
    end = 0.0
    try:
        for index, (offset, samples) in enumerate(_chunks(stream(source), chunk_seconds)):
            end = offset + len(samples) / SAMPLE_RATE
            loudest = float(np.abs(samples).max()) if len(samples) else 0.0
            peak = max(peak, loudest)
            if index < len(state.chunks):
                if abs(state.chunks[index]["start"] - offset) > 1e-3:  # not the same cut
                    state.chunks = state.chunks[:index]
                    state.start()
                else:
                    if bar is not None:
                        bar.update(round(len(samples) / SAMPLE_RATE, 1))
                    continue
            silent = loudest < _SILENT_PEAK  # nothing to hear: no need to run the model
            record = {
                "chunk": index,
                "start": round(offset, 3),
                "end": round(end, 3),
                "segments": []
                if silent
                else _transcribe_chunk(whisper, samples, offset, language=language, vad=vad),
            }
            state.chunks.append(record)
            state.add(record)
            if bar is not None:
                bar.update(round(len(samples) / SAMPLE_RATE, 1))
    finally:
        if bar is not None:
            bar.close()
    duration = end or info.duration
    if peak < _SILENT_PEAK:
        state.path.unlink(missing_ok=True)
        raise TranscriptionError(
            source,
            "the recording is silent (no sound above -60 dB)",
            "check that the microphone was on and that this is the right file",
        )
    segments = [seg for record in state.chunks for seg in _segments_of(record)]
    if not any(seg.text.strip() for seg in segments):
        state.path.unlink(missing_ok=True)
        raise TranscriptionError(
            source,
            "no speech was recognised in the recording",
            "check that it holds speech in the --language given, or try without voice"
            " detection (--no-vad)",
        )

    # pass 2: who speaks when, streamed again
    turns: list[diarization.SpeakerTurn] | None = None
    if diarize:
        turns = state.turns
        if turns is None:
            turns = diarization.diarize(stream(source), n_speakers=n_speakers, seed=0)
            state.add(
                {
                    "turns": [[t.start, t.end, t.speaker] for t in turns],
                    "n_speakers": n_speakers,
                }
            )
    cues = _cues(segments, turns, duration)
    speakers = sorted({c.speaker for c in cues if c.speaker is not None})

    note = {
        "source": source.name,
        "sha256": sha,
        "duration": f"{duration:.3f}",
        "model": folder.name,
        "language": language or "detected",
        "speakers": len(speakers) if diarize else "not labelled",
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "tool": f"{TOOL} {__version__} (faster-whisper, offline)",
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    turns_text = merge_turns(cues)
    for fmt, target in targets.items():
        tmp = target.with_name(f".{target.name}.tmp")
        if fmt == "docx":
            write_docx(turns_text, tmp)
        else:
            text = to_vtt(cues, note) if fmt == "vtt" else to_txt(turns_text)
            tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)  # a reader never sees half a transcript
    state.finish(
        {
            "formats": sorted(formats),
            "duration": round(duration, 3),
            "n_speakers": len(speakers) if diarize else None,
        }
    )
    return FileTranscript(
        str(source),
        "resumed" if resumed else "transcribed",
        round(duration, 3),
        round(time.perf_counter() - started, 3),
        tuple(str(p) for p in targets.values()),
        sha256=sha,
        n_speakers=len(speakers) if diarize else None,
        cues=tuple(cues),
    )


def _check_formats(formats: Sequence[str] | str) -> list[str]:
    if isinstance(formats, str):
        formats = [f for f in formats.split(",") if f.strip()]
    chosen = [f.strip().lower().lstrip(".") for f in formats]
    wrong = [f for f in chosen if f not in FORMATS]
    if wrong or not chosen:
        raise ValueError(
            f"unknown transcript format {', '.join(wrong) or '(none)'}; choose from"
            f" {', '.join(FORMATS)}"
        )
    return list(dict.fromkeys(chosen))


def shown_path(path: str | PathLike[str]) -> str:
    r"""A path as text that can be shown and stored: bytes of a file name that are not
    UTF-8 (Python keeps them as surrogates) written as ``\xNN``.

    >>> shown_path("gesprek \udce9\udce9n.m4a")
    'gesprek \\xe9\\xe9n.m4a'
    """
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def find_recordings(path: str | PathLike[str]) -> list[Path]:
    """The recordings at ``path``: the file itself, or the audio files below a folder in a
    stable order (hidden entries left out).

    >>> find_recordings("no/such/folder")
    []
    """
    root = Path(path)
    if root.is_file():
        return [root]
    if not root.is_dir():
        return []
    found: list[Path] = []

    def walk(folder: Path) -> None:
        for child in sorted(folder.iterdir(), key=lambda p: (p.is_dir(), p.name.casefold())):
            if child.name.startswith("."):
                continue
            if child.is_dir():
                walk(child)
            elif is_audio(child):
                found.append(child)

    walk(root)
    return found


def transcribe(
    path: str | PathLike[str],
    *,
    model: str | PathLike[str],
    out: str | PathLike[str],
    language: str | None = "nl",
    diarize: bool = True,
    n_speakers: int | None = None,
    vad: bool = True,
    device: str = "auto",
    resume: bool = True,
    force: bool = False,
    formats: Sequence[str] = ("vtt", "txt"),
    progress: bool | None = None,
    chunk_seconds: float = 120.0,
    on_file: Callable[[FileTranscript], None] | None = None,
) -> pd.DataFrame:
    """Transcribe a recording or every recording below a folder, offline.

    The outputs of ``folder/sub/P01.m4a`` go to ``out/sub/P01.vtt`` (and ``.txt``,
    ``.docx``). A recording that fails (empty, damaged, silent, no speech) is a row with
    status ``failed`` and its error; the rest goes on. The parameters are those of
    :func:`transcribe_file`; ``on_file`` is called with each file's result.

    Returns
    -------
    pandas.DataFrame
        One row per recording: ``path, status, duration, seconds, outputs, error, sha256``
        (bytes of file names that are not UTF-8 shown as ``\\xNN``).

    Raises
    ------
    TranscriptionError
        The model folder is missing or wrong, or ``path`` does not exist (nothing done).
    ValueError
        ``n_speakers`` below 1, or an unknown format.

    Examples
    --------
    >>> transcribe("opnames", model="models/whisper-large-v3", out="transcripten")
    ... # doctest: +SKIP
    """
    root = Path(path)
    _check_formats(formats)
    if n_speakers is not None and n_speakers < 1:
        raise ValueError(f"the number of speakers must be 1 or more, not {n_speakers}")
    check_model_folder(model)
    if not root.exists():
        raise TranscriptionError(root, "no such file or folder", "check the path")
    recordings = find_recordings(root)
    base = root if root.is_dir() else root.parent
    rows = []
    for recording in recordings:
        rel = recording.relative_to(base)
        try:
            result = transcribe_file(
                recording,
                model=model,
                out=Path(out) / rel.parent,
                language=language,
                diarize=diarize,
                n_speakers=n_speakers,
                vad=vad,
                device=device,
                resume=resume,
                force=force,
                formats=formats,
                progress=progress,
                chunk_seconds=chunk_seconds,
                stem=output_stem(recording, recordings),
            )
        except SokwalError as err:
            cause = err.cause if not err.hint else f"{err.cause}; {err.hint}"
            result = FileTranscript(str(recording), "failed", None, 0.0, error=cause)
        except OSError as err:
            why = f"could not be read or written ({err.strerror or err})"
            result = FileTranscript(str(recording), "failed", None, 0.0, error=why)
        if on_file is not None:
            on_file(result)
        rows.append(
            {
                "path": shown_path(result.path),
                "status": result.status,
                "duration": result.duration,
                "seconds": result.seconds,
                "outputs": [shown_path(p) for p in result.outputs],
                "error": result.error,
                "sha256": result.sha256,
            }
        )
    return pd.DataFrame(rows, columns=TRANSCRIBE_COLUMNS)
