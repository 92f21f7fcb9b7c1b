"""Designlab sessions: ``board import`` (a sorting board into the store) and ``board
report`` (the session report)."""

from __future__ import annotations

import argparse
from collections.abc import Callable

from ..errors import SokwalError


def add_parsers(sub: argparse._SubParsersAction) -> dict[str, Callable[[argparse.Namespace], int]]:
    """Add this module's commands to ``sub``; return command name -> function."""
    p = sub.add_parser(
        "board",
        help="designlab sorting boards: import a board's JSON, write the session report",
        description="Work with the boards of a designlab session.",
    )
    verbs = p.add_subparsers(dest="board_command", metavar="VERB", parser_class=type(p))
    imp = verbs.add_parser(
        "import",
        help="a board's JSON export into the store (its groups as codings)",
        description="Import a sorting board's JSON export: each group becomes a coding of"
        " its cards' spans by coder designlab:<session>:<board>, with the group's name as"
        " the code (a name that matches a code, ignoring case, accents and spaces, is"
        " mapped to it; other names are kept as candidate codes); votes and notes become"
        " memos. Importing the same board twice changes nothing. A board for another card"
        " set, a card whose text changed, or a malformed file is refused and the store"
        " is left as it was.",
    )
    imp.add_argument("board_json", metavar="BOARD.json")
    imp.add_argument("--store", required=True)
    imp.add_argument("--session", required=True, help="the session's name (no ':')")
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="NAME=CODE",
        help="code the group NAME with CODE (repeat for more)",
    )
    imp.add_argument("--card-set", metavar="ID", help="refuse a board for another card set")
    rep = verbs.add_parser(
        "report",
        help="the session report (HTML): groups, agreement between boards, proposals",
        description="Write the session report as one self-contained HTML page: the groups"
        " of each board, the card pairs every board put together and those split,"
        " agreement between the boards and with the researcher's codes (Krippendorff's"
        " alpha), the top-voted groups and proposed codebook changes.",
    )
    rep.add_argument("--store", required=True)
    rep.add_argument("--session", required=True)
    rep.add_argument("--out", required=True, help="folder (or .html file) for the report")
    rep.add_argument("--researcher", help="the coder the boards are compared with")
    p.set_defaults(board_parser=p)
    return {"board": _cmd_board}


def _cmd_board(args: argparse.Namespace) -> int:
    if args.board_command == "import":
        return _cmd_import(args)
    if args.board_command == "report":
        return _cmd_report(args)
    args.board_parser.print_help()
    return 2


def _cmd_import(args: argparse.Namespace) -> int:
    from ..designlab import import_board

    mapping = {}
    for item in args.map:
        name, sep, code = item.partition("=")
        if not sep or not name.strip() or not code.strip():
            raise SokwalError(None, f"--map takes NAME=CODE, not {item!r}")
        mapping[name.strip()] = code.strip()
    result = import_board(
        args.store,
        args.board_json,
        session=args.session,
        mapping=mapping,
        card_set=args.card_set,
    )
    print(result.summary())
    return 0


def _cmd_report(args: argparse.Namespace) -> int:
    from ..designlab import designlab_report

    page = designlab_report(args.store, args.session, args.out, researcher=args.researcher)
    print(f"Session report: {page.resolve()}")
    return 0
