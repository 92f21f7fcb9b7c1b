"""``sokwal transcribe``: recordings to transcripts, offline (and ``ingest --transcribe``'s
options)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

__all__ = ["add_parsers", "add_transcription_options", "speakers"]


def speakers(value: str) -> int:
    """``--speakers N``: a whole number, 1 or more.

    >>> speakers("2")
    2
    >>> speakers("0")
    Traceback (most recent call last):
    ...
    argparse.ArgumentTypeError: the number of speakers must be 1 or more, not 0
    """
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of speakers: {value!r}") from None
    if number < 1:
        raise argparse.ArgumentTypeError(f"the number of speakers must be 1 or more, not {number}")
    return number


def add_transcription_options(p: argparse.ArgumentParser) -> None:
    """The options ``transcribe`` and ``ingest --transcribe`` share."""
    p.add_argument(
        "--model",
        metavar="DIR",
        help="a local faster-whisper model folder (see docs/transcription.md); nothing is"
        " downloaded",
    )
    p.add_argument("--language", default="nl", help="spoken language (default nl)")
    p.add_argument(
        "--speakers",
        type=speakers,
        metavar="N",
        help="number of speakers when known (default: estimated)",
    )
    p.add_argument("--no-diarize", action="store_true", help="do not label the speakers")
    p.add_argument(
        "--device",
        choices=("auto", "cpu", "cuda"),
        default="auto",
        help="where the model runs (default auto: the GPU when there is one)",
    )


def _formats(value: str) -> list[str]:
    from ..transcription import FORMATS

    chosen = [f.strip().lower().lstrip(".") for f in value.split(",") if f.strip()]
    wrong = [f for f in chosen if f not in FORMATS]
    if wrong or not chosen:
        raise argparse.ArgumentTypeError(
            f"unknown format {', '.join(wrong) or '(none)'}; choose from {', '.join(FORMATS)}"
        )
    return chosen


def add_parsers(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add ``transcribe`` to ``sub``; return command name -> function."""
    p = sub.add_parser(
        "transcribe",
        help="transcribe recordings offline into WebVTT/.txt/.docx transcripts with speakers",
    )
    p.add_argument("path", metavar="AUDIO_OR_FOLDER", help="a recording or a folder of them")
    p.add_argument("--out", required=True, metavar="DIR", help="folder for the transcripts")
    add_transcription_options(p)
    p.add_argument(
        "--format",
        type=_formats,
        default=["vtt", "txt"],
        metavar="vtt,txt,docx",
        help="what to write, comma-separated (default vtt,txt)",
    )
    p.add_argument("--force", action="store_true", help="transcribe again recordings already done")
    p.add_argument(
        "--no-vad", action="store_true", help="do not skip silence (voice-activity detection)"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print failures only")
    return {"transcribe": _cmd_transcribe}


def _cmd_transcribe(args: argparse.Namespace) -> int:
    from ..errors import TranscriptionError
    from ..transcription import FileTranscript, transcribe

    if not args.model:
        raise TranscriptionError(
            None, "no model folder given", "give --model DIR (see docs/transcription.md)"
        )

    def say(result: FileTranscript) -> None:
        if result.status == "failed":
            print(f"error: {result.path}: {result.error}", file=sys.stderr)
        elif not args.quiet:
            print(f"{result.status}: {result.path} ({result.seconds:.1f} s)", file=sys.stderr)

    table = transcribe(
        args.path,
        model=args.model,
        out=args.out,
        language=args.language or None,
        diarize=not args.no_diarize,
        n_speakers=args.speakers,
        vad=not args.no_vad,
        device=args.device,
        force=args.force,
        formats=args.format,
        on_file=say,
    )
    counts = table["status"].value_counts().to_dict()
    if not args.quiet:
        parts = ", ".join(f"{n} {status}" for status, n in counts.items())
        print(f"{len(table)} recordings: {parts or 'none found'} -> {args.out}")
    failed = counts.get("failed", 0)
    if table.empty:
        print(f"error: {args.path}: no recordings found", file=sys.stderr)
        return 2
    if not failed:
        return 0
    return 1 if failed < len(table) else 2
