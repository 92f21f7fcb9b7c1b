"""Teamwork commands: ``agreement``, ``import``, ``export-qdpx``, ``merge``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SokwalError
from ._output import (
    EXPORT_FORMATS,
    _format,
    _write_frame,
    _write_text,
)

if TYPE_CHECKING:
    import pandas as pd

    from ..store import ProjectStore


def add_parsers(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add this module's commands to ``sub``; return command name -> function."""
    p = sub.add_parser(
        "agreement",
        help="inter-coder agreement per code: percent, kappa, Krippendorff's alpha (95%% CI)",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--coders", required=True, help="two or more coders, comma-separated: A,B")
    p.add_argument("--level", choices=("document", "segment", "span"), default="segment")
    p.add_argument("--codes", help="only these codes, comma-separated")
    p.add_argument(
        "--exclude-uncoded",
        action="store_true",
        help="leave out units no coder coded with any of the codes (default: included)",
    )
    p.add_argument("--interviewer", action="store_true", help="count interviewer turns too")
    p.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument("--seed", type=int, default=0, help="bootstrap seed (default 0)")
    p.add_argument(
        "--disagreements",
        metavar="FILE",
        help="also write the disagreement table for the consensus meeting (.csv, .xlsx, .html)",
    )
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="the agreement table to this file")

    p = sub.add_parser(
        "import",
        help="import a REFI-QDA project (.qdpx) or codebook (.qdc) from ATLAS.ti, NVivo, ...",
        description="A .qdpx brings its texts, codes, codings (origin 'import', each"
        " coder's name kept) and memos; a .qdc a codebook. An existing codebook is never"
        " overwritten: differences are reported.",
    )
    p.add_argument("file", metavar="FILE.qdpx|FILE.qdc")
    p.add_argument("--store", required=True, help="the project store (*.sokwal); created if new")
    p.add_argument("--coder", help="store every imported coding and memo under this name")
    p.add_argument(
        "--skip-missing-sources",
        action="store_true",
        help="import a project whose text sources are missing (codes and memos only)",
    )

    p = sub.add_parser("export-qdpx", help="write the store as a REFI-QDA project (.qdpx)")
    p.add_argument("--store", required=True)
    p.add_argument("-o", "--output", required=True, help="the .qdpx file to write")
    p.add_argument("--coder", action="append", help="only this coder's codings (repeatable)")

    p = sub.add_parser(
        "merge",
        help="bring another coder's codings and memos (another *.sokwal) into the store",
        description="Documents are matched by content hash; each coding keeps its coder."
        " Codebook differences are reported, never overwritten.",
    )
    p.add_argument(
        "other", metavar="OTHER.sokwal", help="the other coder's project store (or a .qdpx)"
    )
    p.add_argument("--store", required=True)
    return {
        "agreement": _cmd_agreement,
        "import": _cmd_import,
        "export-qdpx": _cmd_export_qdpx,
        "merge": _cmd_merge,
    }


def _cmd_agreement(args: argparse.Namespace) -> int:
    from .. import reliability as ag
    from ..store import ProjectStore

    coders = [c.strip() for c in args.coders.split(",") if c.strip()]
    codes = [c.strip() for c in args.codes.split(",") if c.strip()] if args.codes else None
    if len(coders) < 2:
        raise SokwalError(None, "--coders needs at least two coders, comma-separated: A,B")
    with ProjectStore(args.store, create=False) as store:
        table = ag.agreement(
            store,
            coders,
            args.level,
            codes=codes,
            include_uncoded=not args.exclude_uncoded,
            interviewer=args.interviewer,
            n_boot=args.boot,
            seed=args.seed,
        )
        if args.disagreements:
            _write_disagreements(
                ag.disagreements(store, coders, codes=codes, interviewer=args.interviewer),
                args.disagreements,
            )
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    text = table.to_string(index=False, float_format=lambda v: f"{v:.3f}")
    uncoded = table.attrs.get("uncoded", "included")
    text += (
        f"\n{', '.join(coders)} at {args.level} level; units no coder coded are {uncoded};"
        f" 95% CI of alpha from {args.boot} bootstrap resamples (seed {args.seed})\n"
    )
    _write_text(text, args.output)
    return 0


def _write_disagreements(frame: pd.DataFrame, path: str) -> None:
    from ..reliability import disagreements_html

    suffix = Path(path).suffix.lower()
    if suffix == ".xlsx":
        frame.to_excel(path, index=False)
    elif suffix in (".html", ".htm"):
        Path(path).write_text(disagreements_html(frame), encoding="utf-8")
    elif suffix == ".csv":
        frame.to_csv(path, index=False)
    else:
        raise SokwalError(path, f"cannot write the disagreement table as {suffix or 'that'}",
                          "use .csv, .xlsx or .html")  # fmt: skip
    print(f"disagreements: {len(frame)} rows -> {path}", file=sys.stderr)


def _cmd_import(args: argparse.Namespace) -> int:
    from ..store import ProjectStore

    suffix = Path(args.file).suffix.lower()
    if suffix not in (".qdpx", ".qdc"):
        raise SokwalError(
            args.file, "is not a REFI-QDA file", "give a .qdpx project or a .qdc codebook"
        )
    with ProjectStore(args.store) as store:
        if suffix == ".qdc":
            return _import_codebook(store, args.file)
        from ..refi import import_qdpx

        report = import_qdpx(
            store,
            args.file,
            coder=args.coder,
            missing_sources="skip" if args.skip_missing_sources else "error",
        )
    print(report.summary())
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _import_codebook(store: ProjectStore, path: str) -> int:
    from ..coding import save_codebook
    from ..merging import MergeReport, compare_codebooks
    from ..refi import read_qdc

    codebook = read_qdc(path)
    report = MergeReport(Path(path))
    try:
        store.codebook()
    except KeyError:  # the first codebook of the store
        with store.transaction():
            save_codebook(store, codebook)
        print(f"{Path(path).name}: codebook with {len(codebook)} codes saved in the store")
        return 0
    compare_codebooks(store, codebook, report)
    print(f"{Path(path).name}: the store has a codebook already; it was not changed")
    for line in report.warnings():
        print(f"warning: {line}", file=sys.stderr)
    return 0


def _cmd_export_qdpx(args: argparse.Namespace) -> int:
    from ..refi import export_qdpx
    from ..store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        path = export_qdpx(store, args.output, coders=args.coder)
    print(f"REFI-QDA project written: {path}")
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    from ..merging import merge_store
    from ..store import ProjectStore

    if Path(args.other).suffix.lower() == ".qdpx":  # another program's coders: an import
        args.file, args.coder, args.skip_missing_sources = args.other, None, False
        return _cmd_import(args)
    with ProjectStore(args.store, create=False) as store:
        report = merge_store(store, args.other)
    print(report.summary())
    for line in report.warnings():
        print(f"warning: {line}", file=sys.stderr)
    left_out = report.documents_missing + report.documents_text_differs
    for path in left_out:
        print(f"error: {args.other}: {path}: its codings could not be merged", file=sys.stderr)
    return 1 if left_out else 0
