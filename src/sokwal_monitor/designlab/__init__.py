"""Designlab sessions: the sorting boards back into the store, and what they agree on.

In a designlab session several groups sort the same card set on their own boards. This
package takes each board's JSON export back into the store (:func:`import_board`: its
groups as codings by ``designlab:<session>:<board>``, new names as candidate codes, votes
and notes as memos), compares the boards (:func:`session_summary`,
:func:`designlab_report`: co-assignment agreement with Krippendorff's alpha, top-voted
groups, proposed codebook changes) and writes accepted candidates into a new codebook
version (:func:`accept_candidates`). See ``docs/designlab.md``.
"""

from .agreement import ALL_RATERS, pair_table, pairwise_agreement
from .board_file import Board, BoardCard, BoardGroup, card_set_id, normalize_name, read_board
from .board_import import CODER_PREFIX, BoardImport, board_coder, import_board
from .candidates import AcceptedCodebook, accept_candidates
from .session_report import SessionSummary, designlab_report, session_summary

__all__ = [
    "ALL_RATERS",
    "CODER_PREFIX",
    "AcceptedCodebook",
    "Board",
    "BoardCard",
    "BoardGroup",
    "BoardImport",
    "SessionSummary",
    "accept_candidates",
    "board_coder",
    "card_set_id",
    "designlab_report",
    "import_board",
    "normalize_name",
    "pair_table",
    "pairwise_agreement",
    "read_board",
    "session_summary",
]
