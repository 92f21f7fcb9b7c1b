"""Designlab sessions: card sets, printable cards and the sorting board; the boards back
into the store, and what they agree on.

:func:`card_set` picks a reproducible, balanced set of pseudonymized quotes (codings of a
code, segments of a topic, lessons, or a sample of respondents' turns), each cut to whole
sentences with its exact span in the store; :func:`write_cards` writes ``cards.pdf``
(A4, 8 cards a page), ``board.html`` (the offline sorting board), ``cards.csv`` and
``cardset.json``. In a session several groups sort the same card set on their own boards:
:func:`import_board` takes each board's JSON export back into the store (its groups as
codings by ``designlab:<session>:<board>``, new names as candidate codes, votes and notes
as memos), :func:`session_summary` and :func:`designlab_report` compare the boards
(co-assignment agreement with Krippendorff's alpha, top-voted groups, proposed codebook
changes), and :func:`accept_candidates` writes accepted candidates into a new codebook
version. See ``docs/designlab.md``.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from os import PathLike
from pathlib import Path

from .agreement import ALL_RATERS, pair_table, pairwise_agreement
from .board import board_html, write_board
from .board_file import Board, BoardCard, BoardGroup, normalize_name, read_board
from .board_import import CODER_PREFIX, BoardImport, board_coder, import_board
from .candidates import AcceptedCodebook, accept_candidates
from .cards import (
    CARD_COLUMNS,
    CardSet,
    DesignlabError,
    card_set,
    card_set_id,
    cut_sentences,
    text_sha256,
)
from .pdf import cards_pdf
from .session_report import SessionSummary, designlab_report, session_summary

__all__ = [
    "ALL_RATERS",
    "CARD_COLUMNS",
    "CODER_PREFIX",
    "AcceptedCodebook",
    "Board",
    "BoardCard",
    "BoardGroup",
    "BoardImport",
    "CardSet",
    "CardsOutput",
    "DesignlabError",
    "SessionSummary",
    "accept_candidates",
    "board_coder",
    "board_html",
    "card_set",
    "card_set_id",
    "cards_pdf",
    "cut_sentences",
    "designlab_report",
    "import_board",
    "normalize_name",
    "pair_table",
    "pairwise_agreement",
    "read_board",
    "session_summary",
    "text_sha256",
    "write_board",
    "write_cards",
]


@dataclass
class CardsOutput:
    """What :func:`write_cards` wrote."""

    pdf: Path
    board: Path
    csv: Path
    json: Path


def write_cards(cards: CardSet, out: str | PathLike[str]) -> CardsOutput:
    """Write ``cards.pdf``, ``board.html``, ``cards.csv`` and ``cardset.json`` into the
    folder ``out`` (made when missing).

    >>> import tempfile, pathlib, pandas as pd
    >>> frame = pd.DataFrame([{"card_id": "K01", "kind": "segment", "project_id": "P01",
    ...     "wave": "2018", "role": "respondent", "doc_id": "d1", "segment_id": "d1-00000",
    ...     "start_char": 0, "end_char": 4, "text": "Goed", "sha256": text_sha256("Goed"),
    ...     "source": "", "cut": False}])
    >>> done = write_cards(CardSet(frame, card_set_id(frame), 0, {}), tempfile.mkdtemp())
    >>> sorted(p.name for p in done.pdf.parent.iterdir())
    ['board.html', 'cards.csv', 'cards.pdf', 'cardset.json']
    """
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    pdf = cards_pdf(cards, folder / "cards.pdf")
    board = write_board(cards, folder / "board.html")
    csv = folder / "cards.csv"
    cards.cards[CARD_COLUMNS].to_csv(csv, index=False, encoding="utf-8")
    meta = folder / "cardset.json"
    tmp = meta.with_name(f".{meta.name}.{os.getpid()}.tmp")
    tmp.write_text(json.dumps(cards.to_json(), ensure_ascii=False, indent=1), encoding="utf-8")
    tmp.replace(meta)
    return CardsOutput(pdf=pdf, board=board, csv=csv, json=meta)
