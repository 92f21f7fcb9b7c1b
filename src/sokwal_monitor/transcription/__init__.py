"""Transcription, offline: recordings to transcripts with speakers and times (issue 20).

Layer: below ``ingestion`` (which calls it for ``ingest --transcribe``) and above
``privacy``; it touches neither the store nor the key file. faster-whisper and PyAV are
imported on first use, so ``import sokwal_monitor`` does not load them.

- :mod:`.audio`: decode any recording to mono 16 kHz, streamed (:func:`~.audio.stream`).
- :mod:`.models`: a local faster-whisper model folder, checked and loaded.
- :mod:`.run`: :func:`transcribe` (a file or folder → one row per recording) and
  :func:`transcribe_file`; chunked, resumable.
- :mod:`.words`: chunking, and words to cues with speakers; :mod:`.state`: the resumable
  partial file (both used by :mod:`.run`).
- :mod:`.diarize`: who speaks when.
- :mod:`.outputs`: WebVTT, ``.txt`` and ``.docx`` in the layouts ``ingest`` reads.

Examples
--------
>>> from sokwal_monitor.transcription import AUDIO_SUFFIXES
>>> ".m4a" in AUDIO_SUFFIXES
True
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .audio import AUDIO_SUFFIXES, AudioInfo, is_audio, probe, stream
    from .models import check_model_folder, load_model
    from .run import (
        FORMATS,
        TRANSCRIBE_COLUMNS,
        FileTranscript,
        find_recordings,
        output_stem,
        transcribe,
        transcribe_file,
    )

#: Where each public name lives: loaded on first use, so that ``ingest`` (which only
#: asks whether a file is audio) does not load the diarization's scikit-learn and SciPy.
_HOMES = {
    "AUDIO_SUFFIXES": "audio",
    "AudioInfo": "audio",
    "is_audio": "audio",
    "probe": "audio",
    "stream": "audio",
    "check_model_folder": "models",
    "load_model": "models",
    "FORMATS": "run",
    "TRANSCRIBE_COLUMNS": "run",
    "FileTranscript": "run",
    "find_recordings": "run",
    "output_stem": "run",
    "transcribe": "run",
    "transcribe_file": "run",
}


def __getattr__(name: str) -> Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "AUDIO_SUFFIXES",
    "FORMATS",
    "TRANSCRIBE_COLUMNS",
    "AudioInfo",
    "FileTranscript",
    "check_model_folder",
    "find_recordings",
    "is_audio",
    "load_model",
    "output_stem",
    "probe",
    "stream",
    "transcribe",
    "transcribe_file",
]
