"""A sorting board back into the store: its groups as codings, candidate codes, memos.

Each group of a board becomes a coding of each of its cards' spans by the coder
``designlab:<session>:<board>``, with the group's name as the code. A group named after
a code of the codebook (or a code already in use, or a candidate code of an earlier
board) is mapped to it, ignoring case, accents, spaces, ``_`` and ``-``; an explicit
``mapping`` says it for names that differ more. Other names are kept apart as
**candidate codes** until a researcher accepts them into a new codebook version
(:func:`~sokwal_monitor.designlab.accept_candidates`). A group's votes and note become a
memo on its code by the board's coder.

Everything is checked before anything is written, and written in one transaction, so a
refused board leaves the store as it was. Importing the same board twice changes
nothing; importing a board again after the group changed it replaces what that board
said before.
"""

from __future__ import annotations

import hashlib
import json
import re
from bisect import bisect_right
from collections.abc import Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from ..codebook import Codebook
from ..coding.base import coding_id
from ..errors import BoardError
from ..store import StoreLike, now, open_store
from .board_file import Board, clean_text, normalize_name, read_board

__all__ = ["CODER_PREFIX", "BoardImport", "board_coder", "import_board"]

#: Every designlab coder's name starts so: ``designlab:<session>:<board>``.
CODER_PREFIX = "designlab:"
_SESSION = re.compile(r"[^\s:<>][^:<>]{0,79}")


def board_coder(session: str, board: str) -> str:
    """The coder name of a board's codings.

    >>> board_coder("2024-05 Deventer", "tafel 1")
    'designlab:2024-05 Deventer:tafel 1'
    """
    return f"{CODER_PREFIX}{session}:{board}"


@dataclass
class BoardImport:
    """What :func:`import_board` did.

    ``codings_added`` and ``codings_removed`` are both 0 when the board was imported
    before as it is. ``mapped`` is group name -> existing code; ``candidates`` the group
    names kept as candidate codes (``new_candidates`` those first seen now).
    """

    session: str
    board: str
    coder: str
    set_id: str
    n_cards: int
    n_groups: int
    codings_added: int = 0
    codings_removed: int = 0
    memos_written: int = 0
    mapped: dict[str, str] = field(default_factory=dict)
    candidates: list[str] = field(default_factory=list)
    new_candidates: list[str] = field(default_factory=list)
    unnamed: list[str] = field(default_factory=list)
    unchanged: bool = False

    def summary(self) -> str:
        """One line for the command line."""
        if self.unchanged:
            return (
                f"board {self.board!r} of session {self.session!r}: already imported,"
                " nothing changed"
            )
        parts = [
            f"board {self.board!r} of session {self.session!r} ({self.set_id}):"
            f" {self.n_groups} groups, {self.n_cards} cards; {self.codings_added} codings"
            f" added, {self.codings_removed} removed by {self.coder}"
        ]
        if self.mapped:
            parts.append(
                "mapped to codes: "
                + ", ".join(f"{name} -> {code}" for name, code in self.mapped.items())
            )
        if self.candidates:
            parts.append(f"{len(self.candidates)} candidate codes ({len(self.new_candidates)} new)")
        if self.unnamed:
            parts.append(f"{len(self.unnamed)} unnamed groups not coded")
        return "; ".join(parts)


def _memo_text(board: str, name: str, votes: int, note: str) -> str:
    text = f"Designlab, bord {board}, groep '{name}': {votes} stem{'' if votes == 1 else 'men'}."
    return f"{text} Notitie: {note}" if note else text


def import_board(
    store: StoreLike,
    board_json_path: str | PathLike[str],
    *,
    session: str,
    mapping: Mapping[str, str] | None = None,
    card_set: str | None = None,
    codebook: Codebook | None = None,
) -> BoardImport:
    """Import a sorting board's JSON export into the store.

    Parameters
    ----------
    store : ProjectStore or path
        The store the card set was made from.
    board_json_path : path
        The board's export (``bord-<board>-<set_id>.json``).
    session : str
        The session's name (at most 80 characters, no ``:``); every board of a session
        must be for the same card set.
    mapping : mapping of str to str, optional
        Group name -> code, for groups named otherwise than the code they mean (matched
        ignoring case, accents and spaces).
    card_set : str, optional
        The card set id the board must be for (default: the session's, when a board of
        it was imported before).
    codebook : Codebook, optional
        The codes group names are matched with (default: the store's codebook used
        last, when there is one), besides the codes in use and the candidate codes.

    Returns
    -------
    BoardImport

    Raises
    ------
    BoardError
        The file is malformed or hostile (see :func:`read_board`), for another card
        set than the session's (or ``card_set``), or a card's document is unknown, its
        span lies outside the text, or its text changed since the cards were made.
        Nothing is written.

    Examples
    --------
    >>> result = import_board("sample.sokwal", "bord-tafel-1.json", session="mei")  # doctest: +SKIP
    >>> result.coder  # doctest: +SKIP
    'designlab:mei:tafel 1'
    """
    store = open_store(store)
    path = Path(board_json_path)
    if not isinstance(session, str) or not _SESSION.fullmatch(session.strip()):
        raise BoardError(
            path,
            f"the session name {session!r} is not usable",
            "give 1 to 80 characters without ':', '<' or '>'",
        )
    session = session.strip()
    board = read_board(path)
    expected = card_set or store.designlab_session_card_set(session)
    if expected is not None and board.set_id != expected:
        raise BoardError(
            path,
            f"the board is for card set {board.set_id}, but session {session!r} sorted"
            f" card set {expected}",
            "import it into the session that used those cards",
        )
    _check_cards(store, path, board)
    coder = board_coder(session, board.name)
    codes_by_name = _known_codes(store, codebook)
    explicit = {normalize_name(k): clean_text(v) for k, v in (mapping or {}).items()}
    result = BoardImport(
        session=session,
        board=board.name,
        coder=coder,
        set_id=board.set_id,
        n_cards=len(board.cards),
        n_groups=len(board.groups),
    )
    cards = {c.card_id: c for c in board.cards}
    group_rows = []
    wanted: dict[str, tuple[object, ...]] = {}
    memos: dict[str, list[str]] = {}
    candidates: dict[str, tuple[str, bool]] = {}  # normalized -> (code, False), this board
    bounds: dict[str, list[tuple[int, int, int]]] = {}
    for position, group in enumerate(board.groups):
        if not group.name:
            result.unnamed.append(group.group_id)
            code, mapped = "", False
        else:
            key = normalize_name(group.name)
            if key in explicit:
                target = explicit[key]
                code = codes_by_name.get(normalize_name(target), (target, False))[0]
            else:
                code = codes_by_name.get(key, candidates.get(key, (group.name, False)))[0]
            mapped = codes_by_name.get(normalize_name(code), ("", False))[1]
            if mapped:
                result.mapped[group.name] = code
            else:
                candidates[normalize_name(code)] = (code, False)
                if code not in result.candidates:
                    result.candidates.append(code)
        group_rows.append(
            (
                position,
                group.name,
                code,
                int(mapped),
                group.colour,
                group.votes,
                group.note,
                json.dumps(list(group.cards)),
            )
        )
        if not code:
            continue
        if group.votes or group.note:
            memos.setdefault(code, []).append(
                _memo_text(board.name, group.name, group.votes, group.note)
            )
        for card_id in group.cards:
            card = cards[card_id]
            if card.doc_id not in bounds:
                bounds[card.doc_id] = store.segment_bounds(card.doc_id)
            cid = coding_id(card.doc_id, card.start_char, card.end_char, code, coder)
            wanted[cid] = (
                cid,
                card.doc_id,
                _segment_position(bounds[card.doc_id], card.start_char),
                card.start_char,
                card.end_char,
                code,
                coder,
                "manual",
                None,
                group.note,
                f"designlab:{board.set_id}:{card_id}",
                None,
            )
    before = store.designlab_board_row(session, board.name)
    existing = set(store.coding_ids_of(coder))
    stale = sorted(existing - set(wanted))
    fresh = [cid for cid in wanted if cid not in existing]
    old_memos = {code: (mid, text) for mid, code, text in store.code_memos_of(coder)}
    new_memos = {code: "\n".join(texts) for code, texts in memos.items()}
    memo_changes = sum(
        1 for code, text in new_memos.items() if old_memos.get(code, (0, ""))[1] != text
    ) + sum(1 for code in old_memos if code not in new_memos)
    same_groups = store.designlab_group_rows(session, board.name) == group_rows
    known_candidates = set(store.candidate_codes()["code"])
    result.new_candidates = [c for c in result.candidates if c not in known_candidates]
    if (
        before is not None
        and before[2] == board.sha256
        and not stale
        and not fresh
        and not memo_changes
        and same_groups
        and not result.new_candidates
    ):
        result.unchanged = True
        return result
    with store.transaction():
        if before is None or before[2] != board.sha256:
            store.upsert_designlab_board(
                session,
                board.name,
                card_set=board.set_id,
                coder=coder,
                board_sha256=board.sha256,
                n_cards=len(board.cards),
                n_groups=len(board.groups),
            )
        store.insert_designlab_cards(
            session,
            [
                (c.card_id, board.set_id, c.doc_id, c.start_char, c.end_char, c.sha256)
                for c in board.cards
            ],
        )
        if not same_groups:
            store.replace_designlab_groups(session, board.name, group_rows)
        for code in result.new_candidates:
            store.insert_candidate_code(code, session, board.name)
        if stale or fresh:
            run_id = store.insert_coding_run(
                coder,
                "manual",
                None,
                {
                    "designlab_session": session,
                    "board": board.name,
                    "set_id": board.set_id,
                    "board_sha256": board.sha256,
                },
            )
            stamp = now()
            result.codings_removed = store.delete_codings(coding_ids=stale) if stale else 0
            result.codings_added = store.insert_codings(
                (*wanted[cid][:11], run_id, stamp) for cid in fresh
            )
            store.finish_coding_run(
                run_id,
                len({c.doc_id for c in board.cards}),
                result.codings_added,
                result.codings_removed,
            )
        for code, text in new_memos.items():
            if code in old_memos:
                mid, old = old_memos[code]
                if old != text:
                    store.update_memo(mid, text)
                    result.memos_written += 1
            else:
                store.insert_memo("code", code, coder, text)
                result.memos_written += 1
        for code, (mid, _text) in old_memos.items():
            if code not in new_memos:
                store.delete_memo(mid)
    return result


def _segment_position(bounds: list[tuple[int, int, int]], start: int) -> int | None:
    """The position of the segment a span starting at ``start`` starts in, or None."""
    i = bisect_right([b[0] for b in bounds], start) - 1
    while i >= 0:
        seg_start, seg_end, position = bounds[i]
        if seg_start <= start < seg_end:
            return position
        i -= 1
        if i >= 0 and bounds[i][1] <= start:
            break
    return None


def _check_cards(store: StoreLike, path: Path, board: Board) -> None:
    """Every card's document is in the store and its span still has its text."""
    store = open_store(store)
    texts: dict[str, str | None] = {}
    for card in board.cards:
        if card.doc_id not in texts:
            texts[card.doc_id] = store.document_text(card.doc_id)
        text = texts[card.doc_id]
        if text is None:
            raise BoardError(
                path,
                f"card {card.card_id} is from document {card.doc_id}, which is not in this store",
                "import the board into the store its cards were made from",
            )
        if card.end_char > len(text):
            raise BoardError(
                path,
                f"card {card.card_id}: characters {card.start_char}-{card.end_char} lie"
                f" outside document {card.doc_id} ({len(text)} characters)",
            )
        digest = hashlib.sha256(text[card.start_char : card.end_char].encode("utf-8")).hexdigest()
        if digest != card.sha256:
            raise BoardError(
                path,
                f"the text of card {card.card_id} has changed since the cards were made"
                f" (document {card.doc_id}, characters {card.start_char}-{card.end_char})",
                "make the cards again (sokwal cards) and sort the new set",
            )


def _known_codes(store: StoreLike, codebook: Codebook | None) -> dict[str, tuple[str, bool]]:
    """Normalized name -> (code, is an existing code) for the codebook's codes, the
    codes in use (by coders other than designlab boards) and the candidate codes."""
    store = open_store(store)
    known: dict[str, tuple[str, bool]] = {}
    candidates = store.candidate_codes()
    for code, status, into in zip(
        candidates["code"], candidates["status"], candidates["merged_into"], strict=True
    ):
        accepted = status == "accepted"
        known[normalize_name(code)] = (into, True) if accepted and into else (code, accepted)
    for code in store.codes_in_use(except_coder_prefix=CODER_PREFIX):
        known[normalize_name(code)] = (code, True)
    if codebook is None:
        try:
            codebook = store.codebook()
        except KeyError:
            codebook = None
    for c in codebook or ():
        known[normalize_name(c.name)] = (c.name, True)
    return known
