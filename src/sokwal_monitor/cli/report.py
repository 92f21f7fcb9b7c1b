"""Per-project outcome reports and the lessons library: ``report``, ``library``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..errors import SokwalError


def add_parsers(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add this module's commands to ``sub``; return command name -> function."""
    p = sub.add_parser(
        "report",
        help="per-project outcome summaries as HTML, plus index.html",
        description="Run the summary notebook (05_project_summary) for every project, or"
        " for the projects named, and write one self-contained HTML report per project"
        " (no code, figures embedded) and index.html listing them. A project that fails"
        " is reported and the others still render (exit code 1).",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--out", required=True, help="folder for the HTML files")
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--all", action="store_true", help="every project in the store")
    which.add_argument(
        "--project", action="append", metavar="ID", help="this project (repeat for more)"
    )
    p.add_argument("--lang", choices=("nl", "en"), default="nl", help="report language")
    p.add_argument("--coder", help="whose codings count (default: the coder with most codings)")
    p.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same report")
    p.add_argument("--workers", type=int, default=2, help="projects rendered at once")
    p.add_argument("--notebook", help="run this (changed) copy of 05_project_summary.ipynb")
    lib = sub.add_parser(
        "library",
        help="the lessons library (vindplaats): a static, offline website of the lessons",
        description="Write the lessons library for initiators: index.html with search,"
        " filters (theme, kind of lesson, kind of project, region) and grouping, and one"
        " printable page per theme. Self-contained: it works from a USB stick and on a phone."
        " A store that is not pseudonymized is refused.",
    )
    lib.add_argument("--store", required=True)
    lib.add_argument("--out", required=True, help="folder for the library's HTML files")
    lib.add_argument(
        "--reports", metavar="DIR", help="folder of the project pages (sokwal report --out)"
    )
    lib.add_argument("--lang", choices=("nl", "en"), default="nl", help="library language")
    lib.add_argument(
        "--status",
        default="confirmed,proposed",
        help="lesson statuses shown, comma-separated (default: confirmed,proposed)",
    )
    lib.add_argument(
        "--allow-original-text",
        action="store_true",
        help="write the library of a store that is not pseudonymized (a private preview)",
    )
    return {"report": _cmd_report, "library": _cmd_library}


def _cmd_library(args: argparse.Namespace) -> int:
    from ..library import write_library

    statuses = tuple(s.strip() for s in args.status.split(",") if s.strip())
    unknown = [s for s in statuses if s not in ("confirmed", "proposed")]
    if not statuses or unknown:
        raise SokwalError(None, f"--status takes confirmed and/or proposed, not {args.status!r}")
    result = write_library(
        args.store,
        args.out,
        lang=args.lang,
        reports=args.reports,
        statuses=statuses,
        allow_original_text=args.allow_original_text,
    )
    for warning in result.warnings:
        print(f"warning: {args.store}: {warning}", file=sys.stderr)
    hidden = f" ({result.n_hidden} hidden)" if result.n_hidden else ""
    print(
        f"{result.n_lessons} lessons{hidden} on {len(result.pages)} theme pages;"
        f" open {result.index}"
    )
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from ..reports import ReportResult, render_reports

    if args.workers < 1:
        raise SokwalError(None, f"--workers must be 1 or more, not {args.workers}")
    if args.boot < 0:
        raise SokwalError(None, f"--boot must be 0 or more, not {args.boot}")

    def failed(result: ReportResult) -> None:
        if not result.ok:
            print(f"error: {result.project_id}: {result.error}", file=sys.stderr)

    run = render_reports(
        args.store,
        args.out,
        projects=None if args.all else args.project,
        lang=args.lang,
        coder=args.coder,
        n_boot=args.boot,
        seed=args.seed,
        workers=args.workers,
        notebook=args.notebook,
        on_result=failed,
    )
    if not run.pseudonymized:
        print(
            f"warning: {args.store}: not pseudonymized, the reports show the original text;"
            " run sokwal pseudonymize before sharing them",
            file=sys.stderr,
        )
    made = len(run.results) - len(run.failed)
    print(f"{made} of {len(run.results)} project reports written; open {run.index}")
    if not made:
        return 2
    return 1 if run.failed else 0
