"""The transcription step of an ingest run: recordings transcribed into a transcripts
folder, the transcripts handed back as files to ingest."""

from __future__ import annotations

from os import PathLike
from pathlib import Path
from typing import Any

from ..errors import SokwalError
from .outcomes import FileOutcome, IngestReport
from .sources import _Source


def default_transcripts_folder(store: str | PathLike[str]) -> Path:
    """Where ``ingest(..., transcribe=True)`` puts transcripts unless told: a folder
    ``<store name>-transcripts`` next to the store file.

    >>> default_transcripts_folder("data/monitor.sokwal").as_posix()
    'data/monitor-transcripts'
    """
    path = Path(store)
    return path.with_name(f"{path.stem}-transcripts")


def _transcribe_all(
    recordings: list[_Source],
    report: IngestReport,
    *,
    model: str | PathLike[str],
    folder: Path,
    options: dict[str, Any],
) -> list[_Source]:
    """Transcribe each recording into ``folder`` (mirroring the ingested folders); return
    the transcripts as sources to ingest. A failure is the recording's outcome."""
    from ..transcription import transcribe_file

    found: list[_Source] = []
    for rec in recordings:
        # the recording's whole name: P01.m4a -> P01.m4a.vtt, never taken for a
        # P01.vtt (a Teams transcript, say) in the same folder
        stem = rec.path.name
        try:
            result = transcribe_file(
                rec.path,
                model=model,
                out=folder / Path(rec.key).parent,
                formats=("vtt",),
                stem=stem,
                **options,
            )
        except SokwalError as err:
            report.outcomes.append(FileOutcome(rec.display, "failed", None, _cause(err)))
            continue
        except OSError as err:
            why = f"could not be transcribed ({err.strerror or err})"
            report.outcomes.append(FileOutcome(rec.display, "failed", None, why))
            continue
        vtt = Path(result.outputs[0])
        found.append(
            _Source(
                path=vtt,
                display=str(vtt),
                rel=rec.rel,  # metadata (pattern, documents file) as for the recording
                key=f"{rec.key}.vtt",  # the transcript's path in the transcripts folder
                audio=(rec.key, result.sha256),
            )
        )
    return found


def _cause(err: SokwalError) -> str:
    """The error's cause and hint without the file name (the outcome carries it)."""
    return err.cause if not err.hint else f"{err.cause}; {err.hint}"
