"""Commands on the project store itself: ``ingest``, ``pseudonymize``, ``export``, ``info``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

# the analyses register their exportable tables when imported (store.registry)
from .. import analysis, learning, privacy, summary, topics  # noqa: F401
from ..errors import SokwalError
from ..store import read_table, table_names
from ._output import EXPORT_FORMATS, _write_frame
from .transcribe import add_transcription_options

if TYPE_CHECKING:
    import pandas as pd

    from ..store import ProjectStore


class _Failure(NamedTuple):
    """How ``sokwal export`` reports a table that cannot be read."""

    error: type[Exception]  # what the table's reader raises
    cause: str | None = None  # None: the exception's own text
    hint: str | None = None
    store_as_given: bool = False  # name --store as typed (else the opened store's path)


_EXPORT_FAILURES = {
    "learning_effects": _Failure(ValueError),  # several coders: the user's to choose
    "quantitized": _Failure(ValueError, hint="give --coder NAME"),
}


def add_parsers(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add this module's commands to ``sub``; return command name -> function."""
    p = sub.add_parser("ingest", help="read files and folders into a project store")
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders to read")
    p.add_argument("--store", required=True, help="the project store (*.sokwal); created if new")
    p.add_argument("--projects", help="projects metadata file (CSV/XLSX with project_id)")
    p.add_argument("--documents", help="documents metadata file (CSV/XLSX with path)")
    p.add_argument("--pattern", help="regex with named groups to read metadata from file names")
    p.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="LABEL=ROLE",
        help="speaker label to role, e.g. --role 'Anja=interviewer' (repeatable)",
    )
    p.add_argument(
        "--workers", type=int, help="processes reading files (default: one per core, at most 4)"
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print failures only")
    p.add_argument(
        "--pseudonymize", action="store_true", help="pseudonymize the store after ingesting"
    )
    p.add_argument("--key", help="key file for --pseudonymize (default: <store>.sokwal-key)")
    p.add_argument(
        "--transcribe",
        action="store_true",
        help="transcribe the recordings found (.wav .mp3 .m4a ...; needs --model) and ingest"
        " the transcripts",
    )
    p.add_argument(
        "--transcripts",
        metavar="DIR",
        help="folder for --transcribe's transcripts (default: <store name>-transcripts next"
        " to the store)",
    )
    add_transcription_options(p)

    p = sub.add_parser("pseudonymize", help="replace personal data by stable pseudonyms")
    p.add_argument("--store", required=True)
    p.add_argument("--key", help="key file with the originals (default: <store>.sokwal-key)")
    p.add_argument(
        "--allow",
        action="append",
        default=[],
        metavar="WORD",
        help="a word or name to keep (a place, an organisation); repeatable",
    )
    p.add_argument(
        "--deny",
        action="append",
        default=[],
        metavar="NAME",
        help="a name to always replace; repeatable",
    )
    p.add_argument(
        "--encrypt-key",
        action="store_true",
        help="encrypt the key file with the passphrase (SOKWAL_KEY_PASSPHRASE or asked);"
        " a plain key file is encrypted in place, a new one must be",
    )
    p.add_argument("--allow-file", help="a text file of words to keep, one per line")
    p.add_argument("--deny-file", help="a text file of names to replace, one per line")
    p.add_argument(
        "--review",
        metavar="FILE",
        help="write the review table (CSV/XLSX, pseudonyms in context) to FILE",
    )
    p.add_argument(
        "--keep-column",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a metadata column that is not free text (never pseudonymized); repeatable",
    )
    p.add_argument(
        "--birth-date-years",
        type=_birth_date_years,
        default=16,
        metavar="N",
        help="a full date N or more years before the interview is taken for a date of birth"
        " unless it is an event (default 16); 0 or none: only dates cued as births",
    )
    p.add_argument(
        "--free-text-column",
        action="append",
        default=[],
        metavar="COLUMN",
        help="a metadata column that is free text (always pseudonymized); repeatable",
    )

    p = sub.add_parser(
        "privacy-report",
        help="HTML and CSV report: what was replaced, what was kept, what to review",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--out", required=True, help="folder for privacy-report.html and the CSVs")
    p.add_argument(
        "--key", help="key file: list the originals too (keep such a report with the key)"
    )

    p = sub.add_parser("export", help="write a table of the store as CSV, Parquet or JSON")
    p.add_argument("table", choices=table_names())
    p.add_argument("--store", required=True)
    p.add_argument("--format", choices=EXPORT_FORMATS, help="default: from -o's suffix, else csv")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--all-versions", action="store_true", help="include superseded documents")
    p.add_argument(
        "--coder", help="learning_effects, quantitized: whose codings (when there are several)"
    )

    p = sub.add_parser("info", help="counts per project, wave, kind and format")
    p.add_argument("--store", required=True)
    return {
        "ingest": _cmd_ingest,
        "pseudonymize": _cmd_pseudonymize,
        "privacy-report": _cmd_privacy_report,
        "export": _cmd_export,
        "info": _cmd_info,
    }


def _roles(pairs: list[str]) -> dict[str, str]:
    roles = {}
    for pair in pairs:
        label, sep, role = pair.partition("=")
        if not sep or role.strip() not in ("interviewer", "respondent"):
            raise SokwalError(
                None, f"--role {pair!r} must look like LABEL=interviewer or LABEL=respondent"
            )
        roles[label.strip()] = role.strip()
    return roles


def _cmd_ingest(args: argparse.Namespace) -> int:
    from ..ingestion import ingest

    report = ingest(
        args.store,
        args.paths,
        projects=args.projects,
        documents=args.documents,
        pattern=args.pattern,
        roles=_roles(args.role) or None,
        workers=args.workers,
        pseudonymize=args.pseudonymize,
        key=args.key,
        transcribe=args.transcribe,
        model=args.model,
        transcripts=args.transcripts,
        language=args.language or None,
        n_speakers=args.speakers,
        diarize=not args.no_diarize,
        device=args.device,
    )
    for outcome in report.outcomes:
        if outcome.status == "failed":
            print(f"error: {outcome.path}: {outcome.message}", file=sys.stderr)
        elif outcome.status == "skipped" and not args.quiet:
            print(f"skipped: {outcome.path}: {outcome.message}", file=sys.stderr)
    if not args.quiet:
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        print(f"{report.summary()} -> {report.store_path}")
    done = report.pseudonymization
    if done is not None:
        for warning in done.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if not args.quiet:
            print(f"pseudonymized: {done.summary()}")
    return report.exit_code


def _word_list(path: str | None, words: list[str]) -> list[str]:
    if not path:
        return words
    try:
        text = Path(path).read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as err:
        raise SokwalError(path, f"the list could not be read ({err})") from err
    lines = [line.split("#", 1)[0].strip() for line in text.splitlines()]
    return words + [line for line in lines if line]


def _birth_date_years(value: str) -> int | None:
    """``--birth-date-years``: a whole number of years, or ``0``/``none`` (cued only).

    >>> _birth_date_years("18"), _birth_date_years("none"), _birth_date_years("0")
    (18, None, None)
    """
    if value.strip().casefold() in ("none", "geen", "0"):
        return None
    try:
        years = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number of years: {value!r}") from None
    if years < 0:
        raise argparse.ArgumentTypeError(f"a number of years is not negative: {value!r}")
    return years


def _cmd_pseudonymize(args: argparse.Namespace) -> int:
    from ..privacy import pseudonymize, review
    from ..privacy.detect import DatePolicy, Policy
    from ..store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        report = pseudonymize(
            store,
            args.key,
            encrypt_key=True if args.encrypt_key else None,
            allow=_word_list(args.allow_file, args.allow),
            deny=_word_list(args.deny_file, args.deny),
            keep_columns=args.keep_column,
            free_text_columns=args.free_text_column,
            policy=Policy(dates=DatePolicy(min_years=args.birth_date_years)),
        )
        if report.key_migrated:
            print(f"key file encrypted: {report.key_path} (the plain file was overwritten)")
        print(report.summary())
        for warning in report.warnings:
            print(f"warning: {warning}", file=sys.stderr)
        if args.review:
            table = review(store)
            if args.review.lower().endswith(".xlsx"):
                table.to_excel(args.review, index=False)
            else:
                table.to_csv(args.review, index=False)
            print(f"review table: {args.review}")
    return 0


def _cmd_privacy_report(args: argparse.Namespace) -> int:
    from ..privacy import privacy_report

    report = privacy_report(args.store, args.out, args.key)
    print(report.summary())
    return 0


def _cmd_export(args: argparse.Namespace) -> int:
    from ..store import ProjectStore

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
        fmt = suffix if suffix in EXPORT_FORMATS else "csv"
    with ProjectStore(args.store, create=False) as store:
        frame = _export_table(store, args)
        suffix = Path(args.output).suffix.lower() if args.output else ""
        if args.table == "quantitized" and suffix in (".sav", ".xlsx"):
            return _write_quantitized(store, frame, args.output)
    _write_frame(frame, fmt, args.output)
    return 0


def _export_table(store: ProjectStore, args: argparse.Namespace) -> pd.DataFrame:
    """The table ``sokwal export`` writes, its known failures as the user's messages."""
    failure = _EXPORT_FAILURES.get(args.table)
    try:
        return read_table(store, args.table, all_versions=args.all_versions, coder=args.coder)
    except (KeyError, ValueError) as err:
        if failure is None or not isinstance(err, failure.error):
            raise
        path = args.store if failure.store_as_given else store.path
        raise SokwalError(path, failure.cause or str(err), failure.hint) from err


def _write_quantitized(store: ProjectStore, frame: pd.DataFrame, output: str) -> int:
    """Documents × codes (0/1) with the documents' variables as SPSS (``.sav``, with
    labels) or Excel (``.xlsx``), with the labels of the codebook used last."""
    from ..analysis.quantitize import export_quantitized

    try:
        codebook = store.codebook()
    except KeyError:
        codebook = None
    export_quantitized(frame, output, codebook=codebook)
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from ..store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        table = store.info()
        projects = store.projects()
    if table.empty:
        print(f"{args.store}: the store is empty")
        return 0
    print(table.to_string(index=False))
    total = table[["documents", "segments"]].sum()
    print(
        f"\n{int(total['documents'])} documents, {int(total['segments'])} segments,"
        f" {len(projects)} projects in {args.store}"
    )
    unknown = projects.loc[~projects["in_metadata"], "project_id"].tolist()
    if unknown:
        print("projects without metadata: " + ", ".join(unknown))
    return 0
