"""Designlab sessions: ``cards`` (a card set, printable cards and the sorting board)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from ..errors import SokwalError


def add_parsers(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add this module's commands to ``sub``; return command name -> function."""
    p = sub.add_parser(
        "cards",
        help="a card set for a designlab session: printable cards and a sorting board",
        description="Draw a reproducible card set of pseudonymized quotes (the codings of a"
        " code, the segments of a topic, the lessons, or a sample of respondents' turns),"
        " balanced over projects and waves, and write cards.pdf (A4, 8 cards a page, with"
        " cut marks), board.html (the offline sorting board), cards.csv and cardset.json."
        " A store that is not pseudonymized is refused.",
    )
    p.add_argument("--store", required=True)
    what = p.add_mutually_exclusive_group()
    what.add_argument("--code", metavar="X", help="the codings of this code")
    what.add_argument("--topic", type=int, metavar="N", help="the segments of this topic")
    what.add_argument("--lessons", action="store_true", help="the lessons (not rejected)")
    p.add_argument(
        "--sample", type=int, metavar="N", help="draw N cards (without it: every candidate)"
    )
    p.add_argument(
        "--balanced-by",
        default="project,wave",
        metavar="COLUMNS",
        help="draw in turn from these groups: project, wave, role, kind (default project,wave;"
        " empty for a plain random draw)",
    )
    p.add_argument("--seed", type=int, default=0, help="the same seed gives the same cards")
    p.add_argument("--max-chars", type=int, default=350, help="longest card text, cut at sentences")
    p.add_argument("--out", required=True, help="folder for the four files")
    p.add_argument(
        "--allow-original-text",
        action="store_true",
        help="make cards from a store that is not pseudonymized (a private try, never a session)",
    )
    return {"cards": _cmd_cards}


def _cmd_cards(args: argparse.Namespace) -> int:
    from ..designlab import card_set, write_cards

    if args.code is None and args.topic is None and not args.lessons and args.sample is None:
        raise SokwalError(
            None, "say what goes on the cards: --code, --topic, --lessons or --sample"
        )
    cards = card_set(
        args.store,
        code=args.code,
        topic=args.topic,
        lessons=args.lessons,
        sample=args.sample,
        balanced_by=args.balanced_by,
        seed=args.seed,
        max_chars=args.max_chars,
        allow_original_text=args.allow_original_text,
    )
    for warning in cards.warnings:
        print(f"warning: {args.store}: {warning}", file=sys.stderr)
    done = write_cards(cards, args.out)
    pages = -(-len(cards) // 8)
    print(
        f"{len(cards)} cards (set {cards.set_id}, seed {cards.seed}) on {pages} pages:"
        f" print {done.pdf}, open {done.board}"
    )
    return 0
