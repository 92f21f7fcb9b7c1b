"""The speech-recognition model: a local faster-whisper model folder, never a download.

:func:`check_model_folder` checks that a folder holds a faster-whisper (CTranslate2)
model — ``model.bin``, ``config.json`` and ``tokenizer.json`` or ``vocabulary.*`` — and
says what to do when it does not; :func:`load_model` loads it (once per process and
settings) with ``local_files_only=True``. A model *name* such as ``"large-v3"`` is refused:
faster-whisper would download it, and nothing may leave or enter the machine at run time.
``device="auto"`` takes the GPU when CTranslate2 sees one (float16 there, int8 on the CPU).

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp()) / "whisper"
>>> folder.mkdir()
>>> _ = (folder / "config.json").write_text("{}")
>>> check_model_folder(folder)  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
Traceback (most recent call last):
...
sokwal_monitor.errors.TranscriptionError: .../whisper: not a faster-whisper model folder
(model.bin and tokenizer.json or vocabulary.json/.txt are missing); ...
"""

from __future__ import annotations

import threading
from os import PathLike
from pathlib import Path
from typing import Any

from ..errors import TranscriptionError

__all__ = ["DOCS", "check_model_folder", "load_model", "pick_device"]

#: Where the docs say how to put a model folder on a laptop.
DOCS = "docs/transcription.md"
_HINT = (
    "point --model at a folder with a faster-whisper model (for example"
    f" faster-whisper-large-v3, copied onto this machine); see {DOCS}"
)
_LOCK = threading.Lock()
_LOADED: dict[tuple[str, str, str, int], Any] = {}


def _faster_whisper() -> Any:
    try:
        import faster_whisper
    except ImportError:
        raise TranscriptionError(
            None,
            "faster-whisper, which transcribes the recordings, is not installed",
            'install the transcription extra: pip install "sokwal-monitor[transcribe]"',
        ) from None
    return faster_whisper


def check_model_folder(path: str | PathLike[str]) -> Path:
    """Return the folder as a :class:`~pathlib.Path` when it holds a faster-whisper model.

    Raises
    ------
    TranscriptionError
        No such folder, a file instead of a folder, or files of the model missing.
    """
    folder = Path(path)
    if not folder.exists():
        raise TranscriptionError(folder, "no such model folder", _HINT)
    if not folder.is_dir():
        raise TranscriptionError(folder, "is a file, not a model folder", _HINT)
    missing = [name for name in ("model.bin", "config.json") if not (folder / name).is_file()]
    vocabulary = [folder / "tokenizer.json", *sorted(folder.glob("vocabulary.*"))]
    if not any(p.is_file() for p in vocabulary):
        missing.append("tokenizer.json or vocabulary.json/.txt")
    if missing:
        raise TranscriptionError(
            folder,
            f"not a faster-whisper model folder ({' and '.join(missing)}"
            f" {'is' if len(missing) == 1 else 'are'} missing)",
            _HINT,
        )
    return folder


def pick_device(device: str = "auto", compute_type: str | None = None) -> tuple[str, str]:
    """The device and number type to run on: ``("cuda", "float16")`` when ``device`` is
    ``"auto"`` or ``"cuda"`` and CTranslate2 sees a GPU, else ``("cpu", "int8")``; a
    ``compute_type`` given is kept.

    >>> pick_device("cpu")
    ('cpu', 'int8')
    >>> pick_device("cpu", "float32")
    ('cpu', 'float32')
    """
    if device not in ("auto", "cpu", "cuda"):
        raise ValueError(f"device must be 'auto', 'cpu' or 'cuda', not {device!r}")
    if device == "auto":
        try:
            import ctranslate2

            device = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
        except Exception:  # no ctranslate2, or a broken CUDA set-up: the CPU works
            device = "cpu"
    return device, compute_type or ("float16" if device == "cuda" else "int8")


def load_model(
    path: str | PathLike[str],
    *,
    device: str = "auto",
    compute_type: str | None = None,
    cpu_threads: int = 0,
) -> Any:
    """Load a faster-whisper model from a local folder (cached per process and settings).

    Parameters
    ----------
    path : path
        The model folder (see :func:`check_model_folder`); never a model name.
    device : {"auto", "cpu", "cuda"}
        ``"auto"`` takes the GPU when there is one.
    compute_type : str, optional
        CTranslate2's number type; default float16 on a GPU, int8 on the CPU.
    cpu_threads : int, default 0
        Threads on the CPU (0: CTranslate2's default).

    Returns
    -------
    faster_whisper.WhisperModel

    Raises
    ------
    TranscriptionError
        The folder is missing or wrong, faster-whisper is not installed, or the model
        cannot be loaded (a damaged model.bin, a GPU that is not there).

    Examples
    --------
    >>> load_model("large-v3")  # doctest: +ELLIPSIS, +NORMALIZE_WHITESPACE
    Traceback (most recent call last):
    ...
    sokwal_monitor.errors.TranscriptionError: large-v3: no such model folder; ...
    """
    folder = check_model_folder(path).resolve()
    device, compute_type = pick_device(device, compute_type)
    key = (str(folder), device, compute_type, cpu_threads)
    with _LOCK:
        if key in _LOADED:
            return _LOADED[key]
        whisper = _faster_whisper()
        try:
            model = whisper.WhisperModel(
                str(folder),
                device=device,
                compute_type=compute_type,
                cpu_threads=cpu_threads,
                local_files_only=True,
            )
        except Exception as err:  # CTranslate2 raises RuntimeError/ValueError
            raise TranscriptionError(
                Path(path),
                f"the model could not be loaded ({str(err).strip()[:200] or type(err).__name__})",
                f"copy the model folder again, or check the --device; see {DOCS}",
            ) from None
        _LOADED[key] = model
        return model
