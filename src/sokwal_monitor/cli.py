"""The ``sokwal`` command: a thin layer over the library's functions.

Exit codes (the contract): 0 all went well; 1 some inputs failed but everything else
was done and kept; 2 bad usage or nothing could be done. Every failure prints one line
on standard error: ``error: <file>: <cause in plain words>``.

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
sokwal-monitor ...
0
"""

from __future__ import annotations

import argparse
import io
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .errors import SokwalError

__all__ = ["main"]

EXPORT_TABLES = (
    "documents", "segments", "projects", "surveys", "survey_variables", "ingests", "pseudonyms",
)  # fmt: skip
EXPORT_FORMATS = ("csv", "parquet", "json")


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and the contract's ``error:`` line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="sokwal",
        description="Qualitative monitoring of social projects: load, code and summarize.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

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
    p.add_argument("--allow-file", help="a text file of words to keep, one per line")
    p.add_argument("--deny-file", help="a text file of names to replace, one per line")
    p.add_argument(
        "--review",
        metavar="FILE",
        help="write the review table (CSV/XLSX, pseudonyms in context) to FILE",
    )

    p = sub.add_parser("export", help="write a table of the store as CSV, Parquet or JSON")
    p.add_argument("table", choices=EXPORT_TABLES)
    p.add_argument("--store", required=True)
    p.add_argument("--format", choices=EXPORT_FORMATS, help="default: from -o's suffix, else csv")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    p.add_argument("--all-versions", action="store_true", help="include superseded documents")

    p = sub.add_parser("info", help="counts per project, wave, kind and format")
    p.add_argument("--store", required=True)
    return parser


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
    from .ingest import ingest

    report = ingest(
        args.paths,
        store=args.store,
        projects=args.projects,
        documents=args.documents,
        pattern=args.pattern,
        roles=_roles(args.role) or None,
        workers=args.workers,
        pseudonymize=args.pseudonymize,
        key=args.key,
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


def _cmd_pseudonymize(args: argparse.Namespace) -> int:
    from .privacy import pseudonymize, review
    from .store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        report = pseudonymize(
            store,
            args.key,
            allow=_word_list(args.allow_file, args.allow),
            deny=_word_list(args.deny_file, args.deny),
        )
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


def _cmd_export(args: argparse.Namespace) -> int:
    from .store import ProjectStore

    fmt = args.format
    if fmt is None:
        suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
        fmt = suffix if suffix in EXPORT_FORMATS else "csv"
    with ProjectStore(args.store, create=False) as store:
        if args.table == "documents":
            frame = store.documents(all_versions=args.all_versions)
        elif args.table == "segments":
            frame = store.segments(all_versions=args.all_versions)
        elif args.table == "pseudonyms":
            from .privacy import review

            frame = review(store)
        else:
            frame = store.table(args.table)
    for col in frame.columns:  # dicts and lists (survey labels) as JSON text
        if frame[col].map(lambda v: isinstance(v, (dict, list))).any():
            frame[col] = frame[col].map(lambda v: json.dumps(v, ensure_ascii=False, default=str))
    if fmt == "csv":
        data = frame.to_csv(index=False).encode("utf-8")
    elif fmt == "json":
        data = frame.to_json(orient="records", force_ascii=False, indent=1).encode("utf-8")
    else:
        for col in frame.columns:  # Parquet needs one type per column: mixed ones as text
            if frame[col].dtype == object and frame[col].dropna().map(type).nunique() > 1:
                frame[col] = frame[col].map(lambda v: v if v is None or v != v else str(v))
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        data = buffer.getvalue()
    if args.output:
        Path(args.output).write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    return 0


def _cmd_info(args: argparse.Namespace) -> int:
    from .store import ProjectStore

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


_COMMANDS = {
    "ingest": _cmd_ingest,
    "pseudonymize": _cmd_pseudonymize,
    "export": _cmd_export,
    "info": _cmd_info,
}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``sokwal`` command line; return the exit code."""
    parser = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"sokwal-monitor {__version__}")
        return 0
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return _COMMANDS[args.command](args)
    except SokwalError as err:
        print(f"error: {err.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("error: interrupted; the store was left as it was before", file=sys.stderr)
        return 2
    except BrokenPipeError:  # `sokwal export ... | head`
        return 0
    except OSError as err:  # e.g. -o into a folder that does not exist
        where = f"{err.filename}: " if err.filename else ""
        print(f"error: {where}{err.strerror or err}", file=sys.stderr)
        return 2
    except Exception as err:  # a bug: say so in one line; SOKWAL_DEBUG=1 shows the traceback
        if os.environ.get("SOKWAL_DEBUG"):
            raise
        print(
            f"error: unexpected {type(err).__name__}: {err} (this is a bug in sokwal-monitor;"
            " nothing was changed in the store. Run again with SOKWAL_DEBUG=1 and report the"
            " output)",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
