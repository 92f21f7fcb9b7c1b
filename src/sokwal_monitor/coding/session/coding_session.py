"""The :class:`CodingSession` class: a session's state and its actions (toggle a code,
write a memo, accept a suggestion), put together from the mixins of :mod:`.scope`,
:mod:`.segment` and :mod:`.undo`."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike

import pandas as pd

from ...codebook import Codebook, load_codebook
from ...errors import CodingError
from ...store import ProjectStore, open_store
from ..base import Coding
from .example import example_session as example_session
from .memos import _memo_prefix
from .passages import _Passages
from .undo import _Action

__all__ = ["CodingSession"]


class CodingSession(_Passages):
    """Code the segments of a project store one by one, as one coder.

    Parameters
    ----------
    store : ProjectStore or path
        The project store (a path is opened).
    codebook : Codebook or path
        The codes to choose from (a path is read with :func:`load_codebook`).
    coder : str
        The researcher's name, as her codings are stored (``anna``).
    project_id, wave : str, optional
        Only the documents of this project, of this wave.
    role : str, optional
        Only the segments of speakers with this role: ``respondent``, ``interviewer``,
        or ``""`` for segments without a known role (report paragraphs).
    uncoded_only : bool, default False
        Stop only at segments this coder has not coded yet (any coding of hers that
        touches the segment counts). The current segment stays until you move on.
    suggested_as : str, optional
        Only segments with a model suggestion of this code, the most probable first.
    order : sequence of segment ids, optional
        Visit the segments in this order (only these, within the other filters): for
        instance ``uncertainty_order(...)["segment_id"]``. A table with a
        ``segment_id`` column is taken as is. Ids not in scope are skipped.

    Attributes
    ----------
    store, codebook, coder
        As given (opened and read).
    segment_ids : list of str
        The segments in scope, in the order they are visited.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "I: Hoe ging het?\\nR: We bereikten veertig mensen.\\n"
    >>> _ = (root / "P02_2019.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> session = CodingSession(store, load_codebook(), "anna")
    >>> [session.segment.role, session.segment.text]
    ['interviewer', 'Hoe ging het?']
    >>> session.next()
    True
    >>> session.toggle("bereik_deelnemers")
    True
    >>> session.codes_on()
    ['bereik_deelnemers']
    >>> session.set_memo("Aantal genoemd, geen doelgroep.")
    >>> session.memo
    'Aantal genoemd, geen doelgroep.'
    """

    def __init__(
        self,
        store: ProjectStore | str | PathLike[str],
        codebook: Codebook | str | PathLike[str],
        coder: str,
        *,
        project_id: str | None = None,
        wave: str | int | None = None,
        role: str | None = None,
        uncoded_only: bool = False,
        suggested_as: str | None = None,
        order: Sequence[str] | pd.DataFrame | None = None,
    ) -> None:
        if not isinstance(coder, str) or not coder.strip():
            raise CodingError(None, f"a coding session needs a coder name (got {coder!r})")
        self.store = open_store(store)
        self.codebook = codebook if isinstance(codebook, Codebook) else load_codebook(codebook)
        self.coder = coder.strip()
        self.project_id = project_id
        self.wave = wave
        self.role = role
        self.uncoded_only = uncoded_only
        self.suggested_as = suggested_as
        self.order = order
        self.segment_ids: list[str] = []
        self._index: dict[str, int] = {}
        self._current: str | None = None
        self._undo: list[_Action] = []
        self._redo: list[_Action] = []
        self._load()
        self._current = self._step_from(None, +1)

    # -- actions ----------------------------------------------------------------------
    def toggle(self, code: str) -> bool:
        """Switch a code of the current segment on or off; return whether it is now on.

        On: a manual coding of the whole segment by this coder (as ``code_segment``
        makes it). Off: that coding is deleted. Either way one logged coding run, one
        transaction. This coder's codings of part of the segment are left alone.

        Examples
        --------
        >>> session = example_session()
        >>> session.toggle("inzicht_opgedaan"), session.toggle("inzicht_opgedaan")
        (True, False)
        >>> len(session.store.codings())
        0
        """
        code = self._check_code(code)
        segment_id = self._current or ""
        with self._run("toggle", segment_id, code=code) as run:
            seg = self._require()
            rows = self.store.span_codings(
                seg.doc_id, seg.start_char, seg.end_char, code, self.coder, "manual"
            )
            if rows:
                run.remove(coding_ids=[r[0] for r in rows])
                action = _Action(
                    f"removal of code {code!r} from segment {seg.segment_id}",
                    seg.segment_id,
                    removed=rows,
                )
            else:
                coding = Coding(seg.doc_id, seg.start_char, seg.end_char, code, self.coder)
                added = self._add(run, coding, f"code {code!r}")
                action = _Action(
                    f"code {code!r} on segment {seg.segment_id}", seg.segment_id, added=added
                )
        self._record(action)
        return not rows

    def set_memo(self, text: str) -> None:
        """Write this coder's memo on the current segment; empty text deletes it.

        The memo is a document memo (``store.memos()``) by this coder, its text
        starting with ``[segment <segment_id>]``; there is one per coder and segment,
        and writing again replaces its text. One transaction.

        Examples
        --------
        >>> session = example_session()
        >>> session.set_memo("Vraag is sturend.")
        >>> session.store.memos()["text"].tolist()  # doctest: +ELLIPSIS
        ['[segment ...-00000] Vraag is sturend.']
        >>> session.set_memo("")
        >>> len(session.store.memos())
        0
        """
        if not isinstance(text, str):
            raise CodingError(None, f"a memo is text, not {type(text).__name__}")
        text = text.strip()
        store = self.store
        with store.transaction():
            seg = self._require()
            before = self._memo_row(seg)
            new = _memo_prefix(seg.segment_id) + text
            if (before is None and not text) or (before is not None and before[4] == new):
                return  # nothing changes: nothing to undo
            memo_id: int | None
            if before is None:
                memo_id = store.insert_memo("document", seg.doc_id, self.coder, new)
            elif not text:
                store.delete_memo(before[0])
                memo_id = None
            else:
                store.update_memo(before[0], new)
                memo_id = before[0]
        self._record(
            _Action(
                f"memo on segment {seg.segment_id}",
                seg.segment_id,
                memo=True,
                memo_before=before,
                memo_id=memo_id,
            )
        )

    def __len__(self) -> int:
        return len(self.segment_ids)

    def __repr__(self) -> str:
        return (
            f"CodingSession({self.store!r}, coder={self.coder!r}, {len(self.segment_ids)} segments)"
        )
