"""Reading a sorting board's JSON export: every field checked before anything is written.

The format (``sokwal-board``, version 1) is described in ``docs/designlab.md``. A board
file comes from a browser on somebody's laptop: it is read as untrusted input. Wrong
types, numbers outside their range, unknown card ids, HTML or control characters in
names, a file that is too large, or cards that do not add up to the card set it names
are refused with a :class:`~sokwal_monitor.errors.BoardError` that says what is wrong.

Examples
--------
>>> import json, tempfile, pathlib
>>> card = {"card_id": "K01", "doc_id": "d1", "start_char": 0, "end_char": 5,
...         "sha256": "a" * 64}
>>> board = {"format": "sokwal-board", "version": 1, "set_id": card_set_id([card]),
...          "board": "tafel 1", "cards": [card],
...          "groups": [{"group_id": "g1", "name": "Samen", "votes": 2, "cards": ["K01"]}]}
>>> path = pathlib.Path(tempfile.mkdtemp()) / "bord.json"
>>> _ = path.write_text(json.dumps(board), encoding="utf-8")
>>> parsed = read_board(path)
>>> parsed.name, parsed.groups[0].name, parsed.groups[0].cards
('tafel 1', 'Samen', ('K01',))
"""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from ..errors import BoardError

__all__ = [
    "MAX_BOARD_BYTES",
    "Board",
    "BoardCard",
    "BoardGroup",
    "card_set_id",
    "normalize_name",
    "read_board",
]

#: The largest board file read (bytes): a board of a few hundred cards is well under it.
MAX_BOARD_BYTES = 5_000_000
#: At most this many cards and groups on one board.
MAX_CARDS = 2000
MAX_GROUPS = 500
#: The largest offset or vote count accepted (a document is never this long).
MAX_INT = 1_000_000_000
MAX_NAME = 80
MAX_NOTE = 4000
_ID = re.compile(r"[A-Za-z0-9_.\-]{1,40}")
_HEX = re.compile(r"[0-9a-f]{64}")
_COLOUR = re.compile(r"#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}|")
_MARKUP = re.compile(r"[<>]")


@dataclass(frozen=True)
class BoardCard:
    """A card as the board received it: its id, span and text fingerprint."""

    card_id: str
    doc_id: str
    start_char: int
    end_char: int
    sha256: str


@dataclass(frozen=True)
class BoardGroup:
    """A group on the board: name ("" when unnamed), colour, votes, note, card ids."""

    group_id: str
    name: str
    colour: str
    votes: int
    note: str
    cards: tuple[str, ...]


@dataclass(frozen=True)
class Board:
    """A board as exported: its name, the card set id, cards, groups and pile."""

    name: str
    set_id: str
    cards: tuple[BoardCard, ...]
    groups: tuple[BoardGroup, ...]
    pile: tuple[str, ...]
    sha256: str


def card_set_id(cards: list[dict[str, Any]] | tuple[BoardCard, ...]) -> str:
    """The card set id of these cards (a board's parsed cards or its JSON ``cards``
    list): :func:`sokwal_monitor.designlab.cards.card_set_id`, the one definition.

    >>> card_set_id([{"card_id": "K01", "doc_id": "d1", "start_char": 0, "end_char": 5,
    ...               "sha256": "a" * 64}])
    'ks-fbc5013298c5'
    """
    from .cards import card_set_id as of_cards

    return of_cards(
        [
            {"card_id": c.card_id, "doc_id": c.doc_id, "start_char": c.start_char,
             "end_char": c.end_char, "sha256": c.sha256}
            if isinstance(c, BoardCard)
            else c
            for c in cards
        ]
    )  # fmt: skip


def normalize_name(name: str) -> str:
    """A name as matching sees it: lower case, no accents, ``_``/``-``/spaces as one space.

    >>> normalize_name("  Vrijwilligers_Wérven ") == normalize_name("vrijwilligers werven")
    True
    """
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    return " ".join(re.sub(r"[\s_\-]+", " ", text).split())


def clean_text(value: str) -> str:
    """Whitespace collapsed to single spaces, ends stripped."""
    return " ".join(value.split())


class _Reader:
    """Checks one board file's fields; every problem is a :class:`BoardError`."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, cause: str, hint: str | None = None) -> BoardError:
        return BoardError(self.path, cause, hint)

    def mapping(self, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(f"{where} must be an object, not {type(value).__name__}")
        return value

    def text(self, value: Any, where: str, *, limit: int, empty: bool = True) -> str:
        if not isinstance(value, str):
            raise self.fail(f"{where} must be text, not {_kind(value)}")
        if len(value) > limit:
            raise self.fail(f"{where} is longer than {limit} characters")
        if any(unicodedata.category(ch) == "Cc" and ch not in "\n\t" for ch in value):
            raise self.fail(f"{where} holds control characters")
        if not empty and not value.strip():
            raise self.fail(f"{where} is empty")
        return value

    def name(self, value: Any, where: str, *, empty: bool = True) -> str:
        text = clean_text(self.text(value, where, limit=MAX_NAME, empty=empty))
        if _MARKUP.search(text):
            raise self.fail(f"{where} holds '<' or '>' (HTML is not allowed in names): {text!r}")
        return text

    def integer(self, value: Any, where: str, *, high: int = MAX_INT) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise self.fail(f"{where} must be a whole number, not {_kind(value)}")
        if not 0 <= value <= high:
            raise self.fail(f"{where} is {_short(value)}, outside 0 to {high}")
        return value

    def ident(self, value: Any, where: str) -> str:
        if not isinstance(value, str) or not _ID.fullmatch(value):
            raise self.fail(
                f"{where} must be a short id (letters, digits, -_.), not {_short(value)}"
            )
        return value

    def id_list(self, value: Any, where: str) -> tuple[str, ...]:
        if not isinstance(value, list):
            raise self.fail(f"{where} must be a list of card ids, not {_kind(value)}")
        ids = tuple(self.ident(v, f"{where}[{i}]") for i, v in enumerate(value))
        if len(set(ids)) != len(ids):
            raise self.fail(f"{where} names a card twice")
        return ids


def _kind(value: Any) -> str:
    names = {bool: "true/false", int: "a number", float: "a number", str: "text"}
    names.update({list: "a list", dict: "an object", type(None): "null"})
    return names.get(type(value), type(value).__name__)


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number JSON allows")


def read_board(path: str | PathLike[str]) -> Board:
    """Read and check a board file (``sokwal-board`` version 1).

    Raises
    ------
    BoardError
        The file is missing, too large, not JSON, or a field is missing, of the wrong
        type, out of range, holds HTML or control characters; a group or the pile names
        an unknown card; the cards do not give the ``set_id`` the board names.
    """
    path = Path(path)
    r = _Reader(path)
    try:
        size = path.stat().st_size
    except OSError as err:
        raise r.fail(f"cannot read the board file ({err.strerror or err})") from None
    if size > MAX_BOARD_BYTES:
        raise r.fail(
            f"the file is too large for a board ({size:,} bytes; at most {MAX_BOARD_BYTES:,})"
        )
    raw = path.read_bytes()
    try:
        doc = json.loads(raw.decode("utf-8-sig"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise r.fail("the file is not UTF-8 text", "export the board again") from None
    except (ValueError, RecursionError) as err:
        raise r.fail(
            f"not a valid JSON file ({str(err)[:120]})", "export the board again"
        ) from None
    doc = r.mapping(doc, "the file")
    if doc.get("format") != "sokwal-board":
        raise r.fail(
            f"not a sorting board export (format is {_short(doc.get('format'))},"
            " not 'sokwal-board')"
        )
    if doc.get("version") != 1 or isinstance(doc.get("version"), bool):
        raise r.fail(f"board format version {_short(doc.get('version'))} is not known (only 1)")
    name = r.name(doc.get("board"), "board (its name)", empty=False)
    set_id = r.text(doc.get("set_id"), "set_id", limit=40, empty=False)
    raw_cards = doc.get("cards")
    if not isinstance(raw_cards, list) or not raw_cards:
        raise r.fail("cards must be a non-empty list")
    if len(raw_cards) > MAX_CARDS:
        raise r.fail(f"{len(raw_cards)} cards; a board holds at most {MAX_CARDS}")
    cards: list[BoardCard] = []
    for i, item in enumerate(raw_cards):
        where = f"cards[{i}]"
        c = r.mapping(item, where)
        card_id = r.ident(c.get("card_id"), f"{where}.card_id")
        doc_id = r.ident(c.get("doc_id"), f"{where}.doc_id")
        start = r.integer(c.get("start_char"), f"{where}.start_char")
        end = r.integer(c.get("end_char"), f"{where}.end_char")
        if end <= start:
            raise r.fail(f"{where} ({card_id}): end_char {end} is not after start_char {start}")
        digest = c.get("sha256")
        if not isinstance(digest, str) or not _HEX.fullmatch(digest):
            raise r.fail(f"{where}.sha256 must be 64 hex digits, not {_short(digest)}")
        cards.append(BoardCard(card_id, doc_id, start, end, digest))
    ids = [c.card_id for c in cards]
    if len(set(ids)) != len(ids):
        raise r.fail("a card id appears twice in cards")
    if card_set_id(tuple(cards)) != set_id:
        raise r.fail(
            f"the cards do not make card set {set_id!r} (they make {card_set_id(tuple(cards))!r})",
            "the file was changed by hand or is damaged; export the board again",
        )
    known = set(ids)
    raw_groups = doc.get("groups", [])
    if not isinstance(raw_groups, list):
        raise r.fail(f"groups must be a list, not {_kind(raw_groups)}")
    if len(raw_groups) > MAX_GROUPS:
        raise r.fail(f"{len(raw_groups)} groups; a board holds at most {MAX_GROUPS}")
    groups: list[BoardGroup] = []
    for i, item in enumerate(raw_groups):
        where = f"groups[{i}]"
        g = r.mapping(item, where)
        group_id = r.ident(g.get("group_id", f"g{i + 1}"), f"{where}.group_id")
        gname = r.name(g.get("name", ""), f"{where}.name")
        colour = r.text(g.get("colour", ""), f"{where}.colour", limit=7)
        if not _COLOUR.fullmatch(colour):
            raise r.fail(f"{where}.colour must be a colour like #f6c85f, not {_short(colour)}")
        votes = r.integer(g.get("votes", 0), f"{where}.votes", high=10_000)
        note = clean_text(r.text(g.get("note", ""), f"{where}.note", limit=MAX_NOTE))
        members = r.id_list(g.get("cards", []), f"{where}.cards")
        unknown = [m for m in members if m not in known]
        if unknown:
            raise r.fail(
                f"{where} ({gname or group_id}) names unknown card ids: {', '.join(unknown[:5])}"
            )
        groups.append(BoardGroup(group_id, gname, colour.lower(), votes, note, members))
    if len({g.group_id for g in groups}) != len(groups):
        raise r.fail("a group id appears twice in groups")
    pile = r.id_list(doc.get("pile", []), "pile")
    unknown = [m for m in pile if m not in known]
    if unknown:
        raise r.fail(f"the pile names unknown card ids: {', '.join(unknown[:5])}")
    return Board(
        name=name,
        set_id=set_id,
        cards=tuple(cards),
        groups=tuple(groups),
        pile=pile,
        sha256=hashlib.sha256(raw).hexdigest(),
    )
