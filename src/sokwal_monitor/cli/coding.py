"""Coding commands: ``code``, ``codes``, ``quotes``, ``search``, ``suggest``, ``evaluate``."""

from __future__ import annotations

import argparse
import contextlib
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import SokwalError
from ._output import (
    EXPORT_FORMATS,
    ORIGIN_CHOICES,
    SCOPE_CHOICES,
    _format,
    _write_frame,
    _write_text,
)

if TYPE_CHECKING:
    from ..codebook import Codebook


def add_parsers(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add this module's commands to ``sub``; return command name -> function."""
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
        "search",
        help="find words, phrases, lemmas in every document, with context (KWIC)",
        description="Search the current documents: words (all must occur in a segment),"
        ' "exact phrases", zorg* (word beginnings), OR, -word or NOT word, parentheses;'
        " case and accents do not matter. Each hit is the exact passage found. A query"
        " that starts with - goes after --: sokwal search --store S -- -school buurt",
    )
    p.add_argument("query", help='what to find, e.g. vrijwilligers or "de buurt" or zorg*')
    p.add_argument("--store", required=True)
    p.add_argument("--lemma", action="store_true", help="compare lemmas: geleerd finds leren")
    p.add_argument("--project", action="append", help="only this project (repeatable)")
    p.add_argument("--wave", action="append", help="only this wave (repeatable)")
    p.add_argument(
        "--role", action="append", help="only interviewer or respondent segments (repeatable)"
    )
    p.add_argument("--code", action="append", help="only segments coded with this code")
    p.add_argument("--coder", action="append", help="only segments coded by this coder")
    which = p.add_mutually_exclusive_group()
    which.add_argument("--uncoded", action="store_true", help="only segments without such a coding")
    which.add_argument("--coded", action="store_true", help="only segments with a coding")
    p.add_argument("--limit", type=int, help="at most this many hits")
    p.add_argument("--context", type=int, default=60, help="characters around (default 60)")
    p.add_argument(
        "--order", choices=("document", "rank"), default="document",
        help="by document and position (default) or best match first",
    )  # fmt: skip
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="output file (default: standard output)")

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
        "evaluate",
        help="precision, recall and F1 per code of one coder against another (gold)",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--gold", required=True, help="the reference coder, e.g. a researcher")
    p.add_argument("--system", required=True, help="the coder to evaluate, e.g. rule:...@...")
    p.add_argument("--level", choices=("segment", "span"), default="segment")
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    return {
        "code": _cmd_code,
        "codes": _cmd_codes,
        "quotes": _cmd_quotes,
        "search": _cmd_search,
        "suggest": _cmd_suggest,
        "evaluate": _cmd_evaluate,
    }


def _cmd_code(args: argparse.Namespace) -> int:
    from ..store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        if args.quotes:
            from ..coding import import_quotes

            quotes = import_quotes(store, args.quotes, coder=args.coder)
            for row, message in quotes.problems:
                print(f"error: {args.quotes}: row {row}: {message}", file=sys.stderr)
            if not args.quiet:
                print(quotes.summary())
            if quotes.problems and not quotes.coding_ids:
                return 2
            return 1 if quotes.problems else 0
        from ..codebook import load_codebook
        from ..coding.rules import code_store

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
    from ..codebook import load_codebook

    counts: dict[str, int] = {}
    codebook: Codebook | None = None
    source = args.codebook or "the bundled codebook"
    if args.store:
        from ..store import ProjectStore

        with ProjectStore(args.store, create=False) as store:
            counts = store.codings()["code"].value_counts().to_dict()
            if not args.codebook:
                with contextlib.suppress(KeyError):
                    codebook, source = store.codebook(), f"the last codebook used in {args.store}"
    if codebook is None:
        codebook = load_codebook(args.codebook) if args.codebook else load_codebook()
    from ..coding.rules import RuleCoder

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
    from ..analysis import quotes
    from ..store import ProjectStore

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


def _cmd_search(args: argparse.Namespace) -> int:
    from ..analysis import search
    from ..errors import SearchQueryError
    from ..store import ProjectStore

    if args.limit is not None and args.limit < 0:
        raise SokwalError(args.store, f"--limit must be 0 or more, not {args.limit}")
    if args.context < 0:
        raise SokwalError(args.store, f"--context must be 0 or more, not {args.context}")
    coded = True if args.coded else False if args.uncoded else None
    with ProjectStore(args.store, create=False) as store:
        try:
            table = search(store, args.query, lemma=args.lemma, project_id=args.project,
                           wave=args.wave, role=args.role, coder=args.coder, code=args.code,
                           coded=coded, limit=args.limit, context=args.context,
                           order=args.order)  # fmt: skip
        except SearchQueryError as err:
            raise SokwalError(args.store, f"search {args.query!r}: {err.cause}", err.hint) from err
    if table.empty:
        print(f"no hits for {args.query!r} in {args.store}", file=sys.stderr)
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    if table.empty:
        return 0
    lines = []
    for row in table.itertuples():
        where = " | ".join(str(v) for v in (row.path, row.speaker or row.role) if v)
        before, hit, after = (
            re.sub(r"\s+", " ", str(part)) for part in (row.before, row.hit, row.after)
        )
        lines.append(f"{row.segment_id} [{where}]\n    ...{before}»{hit}«{after}...\n")
    lines.append(f"{len(table)} hits in {table['segment_id'].nunique()} segments")
    _write_text("\n".join(lines) + "\n", args.output)
    return 0


def _cmd_suggest(args: argparse.Namespace) -> int:
    from ..coding import suggestions as sug
    from ..store import ProjectStore

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
    from ..analysis.evaluate import evaluate
    from ..store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        table = evaluate(store, args.gold, args.system, level=args.level)
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    text = table.to_string(index=False, float_format=lambda v: f"{v:.3f}")
    text += f"\n{args.system} against {args.gold} ({args.level} level)\n"
    _write_text(text, args.output)
    return 0
