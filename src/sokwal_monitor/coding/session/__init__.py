"""A coding session: walking through segments, coding them, with undo.

:class:`CodingSession` holds all the logic of coding segment by segment and no user
interface: which segments are in scope (filters), which one is current, what this coder
and the others coded there, and the actions (code or uncode a segment, write a memo,
accept a suggestion, undo). Every action is one store transaction, written at once, so
closing the notebook loses nothing. :class:`~sokwal_monitor.widget.CodingWidget` is the
JupyterLab view over a session.

The class (in :mod:`.coding_session`) is put together from one module per part:
:mod:`.scope` (the segments in scope, progress, moving through them), :mod:`.segment`
(the current segment, its codes, codings and memo) and :mod:`.undo` (actions as logged
coding runs, and undo); :mod:`.model` holds the records it returns, :mod:`.memos` the
memo format and :mod:`.example` the store behind the examples.

A memo on a segment is a *document* memo (``store.memos()``) written by the coder,
whose text starts with ``[segment <segment_id>]``: one per coder and segment, edited in
place. :func:`segment_memos` lists them.

Examples
--------
>>> import tempfile, pathlib
>>> from sokwal_monitor import ingest
>>> from sokwal_monitor.codebook import load_codebook
>>> from sokwal_monitor.store import ProjectStore
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> text = "I: Wat heeft u geleerd?\\nR: Dat samenwerken tijd kost.\\n"
>>> _ = (root / "P01_2018.txt").write_text(text, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(store, root)
>>> session = CodingSession(store, load_codebook(), "anna", role="respondent")
>>> session.segment.text
'Dat samenwerken tijd kost.'
>>> session.toggle("inzicht_opgedaan")
True
>>> store.codings()[["code", "coder", "origin"]].to_dict("records")
[{'code': 'inzicht_opgedaan', 'coder': 'anna', 'origin': 'manual'}]
>>> print(session.progress())
1 of 1 segments coded by anna (100%)
>>> session.undo()  # doctest: +ELLIPSIS
"undid: code 'inzicht_opgedaan' on segment ...-00001"
>>> len(store.codings())
0
"""

from __future__ import annotations

from .coding_session import CodingSession
from .example import example_session
from .memos import segment_memos
from .model import Progress, SegmentCoding, SessionSegment, split_segment_id

__all__ = [
    "CodingSession",
    "Progress",
    "SegmentCoding",
    "SessionSegment",
    "example_session",
    "segment_memos",
    "split_segment_id",
]
