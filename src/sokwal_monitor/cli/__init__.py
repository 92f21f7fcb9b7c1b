"""The ``sokwal`` command: a thin layer over the library's functions.

Exit codes (the contract): 0 all went well; 1 some inputs failed but everything else
was done and kept; 2 bad usage or nothing could be done. Every failure prints one line
on standard error: ``error: <file>: <cause in plain words>``. The commands live in
:mod:`.project` (the store), :mod:`.coding`, :mod:`.team` (agreement, exchange,
merging), :mod:`.results` (learning effects, topics), :mod:`.report` (HTML
reports), :mod:`.designlab` (cards and the sorting board), :mod:`.board` (designlab
boards back into the store, the session report) and :mod:`.transcribe` (recordings to
transcripts).

Examples
--------
>>> main(["--version"])  # doctest: +ELLIPSIS
sokwal-monitor ...
0
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Sequence

from .._version import __version__
from ..errors import SokwalError
from . import board, coding, designlab, project, report, results, team, transcribe

__all__ = ["main"]


class _Parser(argparse.ArgumentParser):
    """argparse that exits with 2 and the contract's ``error:`` line."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"error: {message}\n")


def _parser() -> tuple[argparse.ArgumentParser, dict[str, Callable[[argparse.Namespace], int]]]:
    """The parser with every command, and command name -> function."""
    parser = _Parser(
        prog="sokwal",
        description="Qualitative monitoring of social projects: load, code and summarize.",
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    commands: dict[str, Callable[[argparse.Namespace], int]] = {}
    for group in (project, coding, team, results, report, designlab, board, transcribe):
        commands.update(group.add_parsers(sub))
    return parser, commands


_COMMANDS = _parser()[1]


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
    parser, commands = _parser()
    args = parser.parse_args(argv)
    if args.version:
        print(f"sokwal-monitor {__version__}")
        return 0
    if not args.command:
        parser.print_help(sys.stderr)
        return 2
    try:
        return commands[args.command](args)
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
