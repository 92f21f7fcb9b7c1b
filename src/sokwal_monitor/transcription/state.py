"""The resumable partial state of one recording's transcription: the hidden partial file
(:class:`_State`) and the recording's SHA-256 that identifies it (used by :mod:`.run`)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from . import diarize as diarization

_STATE_VERSION = 1


def _sha256(path: Path) -> str:
    with path.open("rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


class _State:
    """The hidden partial file next to the outputs: a header, one line per transcribed
    chunk, then the speaker turns; once the outputs are written, only a done record (no
    text) stays, which the next run reads to skip the recording."""

    def __init__(self, path: Path, header: dict[str, Any]) -> None:
        self.path = path
        self.header = header
        self.chunks: list[dict[str, Any]] = []
        self.turns: list[diarization.SpeakerTurn] | None = None
        self.done: dict[str, Any] | None = None

    def load(self) -> None:
        """Read what an earlier run left, if it was about the same audio and settings."""
        try:
            lines = self.path.read_text(encoding="utf-8").splitlines()
            records = [json.loads(line) for line in lines if line.strip()]
        except (OSError, UnicodeDecodeError, ValueError):
            return  # none, or unreadable: start afresh
        if not records or records[0].get("header") != self.header:
            return
        for record in records[1:]:
            if "chunk" in record and record["chunk"] == len(self.chunks):
                self.chunks.append(record)
            elif "turns" in record and record.get("n_speakers") == self.header["n_speakers"]:
                self.turns = [diarization.SpeakerTurn(*t) for t in record["turns"]]
            elif "done" in record:
                self.done = record

    def start(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._write([{"header": self.header}, *self.chunks], mode="w")

    def add(self, record: dict[str, Any]) -> None:
        self._write([record], mode="a")

    def finish(self, done: dict[str, Any]) -> None:
        """Keep the header and the done record only: no text lingers in a hidden file."""
        self._write([{"header": self.header}, {"done": True, **done}], mode="w", atomic=True)

    def _write(self, records: list[dict[str, Any]], *, mode: str, atomic: bool = False) -> None:
        text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
        target = self.path.with_name(self.path.name + ".tmp") if atomic else self.path
        with target.open(mode, encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if atomic:
            os.replace(target, self.path)
