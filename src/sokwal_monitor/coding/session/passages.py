"""Coding passages of a document, not only whole segments: code a span, resize or
remove one's own coding, memos on codings, documents and codes, reject a suggestion,
add a code to the codebook, code many search hits at once.

Each action is one logged coding run (or one memo write), undone and redone exactly
by :mod:`.undo`. Offsets count Unicode code points of the document's stored text.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from typing import Any

import pandas as pd

from ...codebook import Code, Codebook
from ...errors import CodingError
from ..base import Coding
from .memos import _memo_prefix
from .model import SegmentCoding, split_segment_id
from .segment import _CurrentSegment
from .undo import _Action, _Undo

#: Where a sentence ends inside a turn: after . ! ? … (and closing quotes), before space.
_SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)]*\s+")
#: Ways to widen an accepted suggestion.
WIDEN = ("span", "sentence", "turn")


def sentence_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The sentences of ``text`` that the span ``start:end`` (offsets into ``text``)
    touches, as ``(start, end)`` without surrounding spaces.

    >>> sentence_span("Eerst dit. Dan geleerd dat het werkt! Slot.", 15, 22)
    (11, 37)
    """
    bounds = [0] + [m.end() for m in _SENTENCE_END.finditer(text)] + [len(text)]
    a = max(b for b in bounds if b <= start) if start > 0 else 0
    later = [b for b in bounds if b >= end and b > a]
    z = later[0] if later else len(text)
    piece = text[a:z]
    lead = len(piece) - len(piece.lstrip())
    return a + lead, a + len(piece.rstrip())


class _Passages(_Undo, _CurrentSegment):
    """Passage-level actions of a :class:`~sokwal_monitor.coding.session.CodingSession`
    (a mixin)."""

    codebook: Codebook

    def _check_code(self, code: str) -> str:
        if not isinstance(code, str) or not code.strip():
            raise CodingError(None, f"a coding needs a code (got {code!r})")
        try:
            return self.codebook[code.strip()].name
        except KeyError as err:
            raise CodingError(
                None, str(err.args[0]), "choose a code of the session's codebook"
            ) from None

    # -- reading ------------------------------------------------------------------------
    def _document(self, doc_id: str | None) -> tuple[str, str]:
        """``(doc_id, text)`` of a document (the current segment's when None), refused
        when it is not the current version."""
        if doc_id is None:
            if self._current is None:
                raise CodingError(None, "there is no document to code")
            doc_id = split_segment_id(self._current)[0]
        found = self.store.document_for_coding(doc_id)
        if found is None:
            raise CodingError(None, f"document {doc_id} is not in the store")
        if not self.store.document_is_current(found[0]):
            raise CodingError(
                found[1],
                "this version of the document was replaced by a newer one (it was ingested"
                " again); nothing was changed",
                "press refresh to code the new version",
            )
        return found[0], found[2]

    def _own(self, coding_id: str) -> tuple[Any, ...]:
        rows = self.store.codings_by_id([coding_id])
        if not rows:
            raise CodingError(
                None, f"coding {coding_id} is no longer in the store; nothing was changed"
            )
        row = rows[0]
        if row[6] != self.coder:
            raise CodingError(
                None,
                f"coding {coding_id} is {row[6]}'s, not yours; nothing was changed",
                "accept it to make it your own, or reject it",
            )
        return row

    def _segment_at(self, doc_id: str, start: int) -> str:
        """The id of the segment a passage starts in (the current one when unknown)."""
        for s, e, position in self.store.segment_bounds(doc_id):
            if s <= start < e:
                return f"{doc_id}-{position:05d}"
        return self._current or ""

    def document_codings(self, doc_id: str | None = None) -> list[SegmentCoding]:
        """Every coding of a document (the current one by default), in text order,
        ``mine`` set on this coder's codings.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent", suggestion=0.8)
        >>> [(c.code, c.origin) for c in session.document_codings()]
        [('inzicht_opgedaan', 'model')]
        """
        doc_id, text = self._document(doc_id)
        return [
            SegmentCoding(
                cid, code, coder, origin, score, start, end, text, memo, coder == self.coder
            )
            for cid, code, coder, origin, score, start, end, text, memo in (
                self.store.codings_touching(doc_id, 0, len(text) + 1)
            )
        ]

    def suggestions(self, doc_id: str | None = None) -> list[SegmentCoding]:
        """The suggestions in a document (the current one by default) still open to this
        coder: other coders', rules' and models' codings she has neither rejected nor
        already coded (a coding of hers of the same code overlapping it), in text order.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent", suggestion=0.8)
        >>> [(s.code, s.origin) for s in session.suggestions()]
        [('inzicht_opgedaan', 'model')]
        >>> _ = session.reject(session.suggestions()[0].coding_id)
        >>> session.suggestions()
        []
        """
        doc_id, _ = self._document(doc_id)
        codings = self.document_codings(doc_id)
        rejected = self.store.rejected_ids(self.coder, doc_id=doc_id)
        own = [c for c in codings if c.mine]
        return [
            c
            for c in codings
            if not c.mine
            and c.coding_id not in rejected
            and not any(
                o.code == c.code and o.start_char < c.end_char and o.end_char > c.start_char
                for o in own
            )
        ]

    # -- coding passages ----------------------------------------------------------------
    def code_span(
        self, start_char: int, end_char: int, code: str, *, doc_id: str | None = None
    ) -> str:
        """Code a passage of a document (the current segment's by default) as this
        coder: ``text[start_char:end_char]`` of its stored text. Overlapping codings are
        allowed; the same span and code twice is refused. Return the coding's id.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> seg = session.segment
        >>> cid = session.code_span(seg.start_char + 4, seg.start_char + 15, "samenwerking")
        >>> session.store.codings(coder="anna")["text"].tolist()
        ['samenwerken']
        """
        code = self._check_code(code)
        doc_id, text = self._document(doc_id)
        start, end = _checked_span(start_char, end_char, len(text))
        at = self._segment_at(doc_id, start)
        with self._run("code span", at, code=code, start_char=start, end_char=end) as run:
            added = self._add(run, Coding(doc_id, start, end, code, self.coder), f"code {code!r}")
        label = f"code {code!r} on {_quote(text[start:end])}"
        self._record(_Action(label, at, added=added))
        return added[0]

    def remove_coding(self, coding_id: str) -> None:
        """Delete one of this coder's codings (one logged coding run; undo puts it back).

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> cid = session.code_span(30, 40, "samenwerking")
        >>> session.remove_coding(cid)
        >>> len(session.store.codings())
        0
        """
        row = self._own(coding_id)
        at = self._segment_at(row[1], row[3])
        with self._run("remove", at, coding_id=coding_id) as run:
            run.remove(coding_ids=[coding_id])
        self._record(_Action(f"removal of {row[5]!r} ({coding_id})", at, removed=[row]))

    def resize_coding(self, coding_id: str, start_char: int, end_char: int) -> str:
        """Give one of this coder's codings another span of the same document (its code
        and memo stay; its id changes with the span, as ids do); return the new id.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> cid = session.code_span(31, 34, "samenwerking")
        >>> new = session.resize_coding(cid, 31, 42)
        >>> session.store.codings()["text"].tolist()
        ['samenwerken']
        """
        row = self._own(coding_id)
        doc_id, text = self._document(row[1])
        start, end = _checked_span(start_char, end_char, len(text))
        if (start, end) == (row[3], row[4]):
            return coding_id
        at = self._segment_at(doc_id, start)
        with self._run("resize", at, coding_id=coding_id, start_char=start, end_char=end) as run:
            run.remove(coding_ids=[coding_id])
            coding = Coding(doc_id, start, end, row[5], self.coder, memo=row[9])
            added = self._add(run, coding, f"code {row[5]!r}")
        label = f"resizing of {row[5]!r} to {_quote(text[start:end])}"
        self._record(_Action(label, at, added=added, removed=[row]))
        return added[0]

    def set_coding_memo(self, coding_id: str, text: str) -> None:
        """Write the memo of one of this coder's codings ("" clears it).

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent")
        >>> cid = session.code_span(31, 42, "samenwerking")
        >>> session.set_coding_memo(cid, "Kost tijd: knelpunt?")
        >>> session.store.codings()["memo"].tolist()
        ['Kost tijd: knelpunt?']
        """
        if not isinstance(text, str):
            raise CodingError(None, f"a memo is text, not {type(text).__name__}")
        row = self._own(coding_id)
        if row[9] == text.strip():
            return
        new = (*row[:9], text.strip(), *row[10:])
        at = self._segment_at(row[1], row[3])
        with self._run("coding memo", at, coding_id=coding_id) as run:
            run.remove(coding_ids=[coding_id])
            run.restore([new])
        action = _Action(f"memo on {row[5]!r} ({coding_id})", at, added=[coding_id])
        action.removed = [row]
        self._record(action)

    def accept(self, coding_id: str, widen: str = "span") -> str:
        """Make a suggestion (a model's, a rule's, another coder's coding) this coder's
        manual coding; return the new coding's id.

        ``widen``: ``"span"`` codes the suggestion's own span, ``"sentence"`` the
        sentences it touches, ``"turn"`` the segments it touches. Never a duplicate:
        this coder's codings of the same code that overlap the span are merged into one
        (their union); when one of them already covers it, nothing changes. The new
        coding's memo says where it came from (``accepted <coding_id> from <coder>
        (p=0.83)``); the suggestion itself stays. One logged coding run.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent", suggestion=0.8)
        >>> [c.label for c in session.other_codings()]
        ['inzicht_opgedaan · model p=0.80']
        >>> suggestion = session.other_codings()[0].coding_id
        >>> new = session.accept(suggestion)
        >>> session.codes_on()
        ['inzicht_opgedaan']
        >>> memo = session.store.codings(coder="anna")["memo"].iloc[0]
        >>> memo == f"accepted {suggestion} from model:demo@1 (p=0.80)"
        True
        """
        if widen not in WIDEN:
            raise CodingError(None, f"widen must be one of {', '.join(WIDEN)}, not {widen!r}")
        segment_id = self._current or ""
        with self._run("accept", segment_id, accepted=coding_id, widen=widen) as run:
            row = self.store.coding_with_document(coding_id)
            if row is None:
                raise CodingError(
                    None,
                    f"the suggestion {coding_id} is no longer in the store (a new rule or"
                    " model run may have replaced it); nothing was changed",
                    "press refresh to see the current suggestions",
                )
            doc_id, start, end, code, coder, origin, score, at, is_current = row
            if coder == self.coder:
                raise CodingError(None, f"{coding_id} is already your own coding ({code!r})")
            if not is_current:
                raise CodingError(
                    None,
                    f"the suggestion {coding_id} is on an older version of a document (it was"
                    " ingested again); nothing was changed",
                    "press refresh and code the current version",
                )
            start, end = self._widened(doc_id, start, end, widen)
            if segment_id and split_segment_id(segment_id)[0] == doc_id:
                seg = self._read_segment(segment_id)
                if start < seg.end_char and end > seg.start_char:
                    at = segment_id
            mine = [
                r
                for r in self.store.codings_touching(doc_id, start, end)
                if r[1] == code and r[2] == self.coder
            ]
            for r in mine:
                if r[5] <= start and end <= r[6]:
                    raise CodingError(
                        None,
                        f"{self.coder} already has code {code!r} on this passage;"
                        " nothing was changed",
                        "it is marked in the text",
                    )
            if mine:
                start = min(start, *(r[5] for r in mine))
                end = max(end, *(r[6] for r in mine))
                removed = self.store.codings_by_id([r[0] for r in mine])
                run.remove(coding_ids=[r[0] for r in mine])
            else:
                removed = []
            if origin == "model":
                how = "" if score is None else f" (p={score:.2f})"
            else:
                how = "" if score is None else f" ({origin}, score {score:g})"
            memo = f"accepted {coding_id} from {coder}{how}"
            coding = Coding(doc_id, start, end, code, self.coder, memo=memo)
            added = self._add(run, coding, f"code {code!r}")
        self._record(
            _Action(
                f"acceptance of {code!r} from {coder} ({coding_id})",
                at or "",
                added=added,
                removed=removed,
            )
        )
        return added[0]

    def _widened(self, doc_id: str, start: int, end: int, widen: str) -> tuple[int, int]:
        if widen == "span":
            return start, end
        bounds = [(s, e) for s, e, _ in self.store.segment_bounds(doc_id) if s < end and e > start]
        if not bounds:
            return start, end
        if widen == "turn":
            return min(s for s, _ in bounds), max(e for _, e in bounds)
        text = self.store.text(doc_id)
        (s0, e0), (s1, e1) = bounds[0], bounds[-1]
        a = s0 + sentence_span(text[s0:e0], max(start, s0) - s0, min(end, e0) - s0)[0]
        z = s1 + sentence_span(text[s1:e1], max(start, s1) - s1, min(end, e1) - s1)[1]
        return min(a, start), max(z, end)

    def reject(self, coding_id: str, reason: str = "") -> int:
        """Record that this coder rejects a suggestion (who, when, which, in the store's
        ``rejections`` table), so it is no longer offered to her; return the rejection's
        id. The suggestion itself stays. Undo takes the rejection back.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session(role="respondent", suggestion=0.8)
        >>> rid = session.reject(session.suggestions()[0].coding_id, "te vaag")
        >>> session.store.rejections()[["code", "rejected_by", "reason"]].to_dict("records")
        [{'code': 'inzicht_opgedaan', 'rejected_by': 'anna', 'reason': 'te vaag'}]
        """
        segment_id = self._current or ""
        with self._run("reject", segment_id, rejected=coding_id):
            row = self.store.coding_with_document(coding_id)
            if row is None:
                raise CodingError(
                    None, f"the suggestion {coding_id} is no longer in the store", "refresh"
                )
            doc_id, start, end, code, coder, origin, score, at, _ = row
            if coder == self.coder:
                raise CodingError(
                    None, f"{coding_id} is your own coding: remove it instead of rejecting it"
                )
            if coding_id in self.store.rejected_ids(self.coder, doc_id=doc_id):
                raise CodingError(None, f"you rejected {code!r} ({coding_id}) already")
            rid = self.store.insert_rejection(
                (coding_id, doc_id, start, end, code, coder, origin, score),
                self.coder,
                str(reason or "").strip(),
            )
        label = f"rejection of {code!r} from {coder} ({coding_id})"
        self._record(_Action(label, at or segment_id, rejection_id=rid))
        return rid

    def code_hits(self, hits: pd.DataFrame | Iterable[Any], code: str) -> int:
        """Code many passages at once, one logged coding run and one undo step: the rows
        of a table with ``doc_id, start_char, end_char`` (search hits); return how many
        codings were new (exact duplicates of this coder's codings are skipped).

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> hits = pd.DataFrame({"doc_id": [session.segment.doc_id], "start_char": [3],
        ...                      "end_char": [7]})
        >>> session.code_hits(hits, "samenwerking")
        1
        """
        code = self._check_code(code)
        frame = hits if isinstance(hits, pd.DataFrame) else pd.DataFrame(list(hits))
        missing = {"doc_id", "start_char", "end_char"} - set(frame.columns)
        if missing:
            raise CodingError(None, f"the hits have no column {', '.join(sorted(missing))}")
        codings = []
        for doc_id, start, end in frame[["doc_id", "start_char", "end_char"]].itertuples(
            index=False
        ):
            d, text = self._document(str(doc_id))
            a, z = _checked_span(int(start), int(end), len(text))
            codings.append(Coding(d, a, z, code, self.coder))
        if not codings:
            return 0
        at = self._current or ""
        with self._run("code hits", at, code=code, n_hits=len(codings)) as run:
            before = run.n_added
            existing = set(self.store.codings_by_id([c.coding_id for c in codings]))
            ids = run.add(codings)
            taken = {row[0] for row in existing}
            added = [cid for cid in dict.fromkeys(ids) if cid not in taken]
            n = run.n_added - before
        if n:
            self._record(_Action(f"code {code!r} on {n} search hits", at, added=added))
        return n

    # -- memos on documents and codes ---------------------------------------------------
    def _write_memo(self, kind: str, target: str, text: str, label: str) -> None:
        if not isinstance(text, str):
            raise CodingError(None, f"a memo is text, not {type(text).__name__}")
        text = text.strip()
        store = self.store
        with store.transaction():
            if kind == "segment":
                doc_id = split_segment_id(target)[0]
                prefix = _memo_prefix(target)
                before = store.document_memo(doc_id, self.coder, prefix)
                kind, target, text = "document", doc_id, (prefix + text if text else "")
            else:
                not_prefix = "[segment " if kind == "document" else ""
                before = store.own_memo(kind, target, self.coder, not_prefix=not_prefix)
            if (before is None and not text) or (before is not None and before[4] == text):
                return
            memo_id: int | None
            if before is None:
                memo_id = store.insert_memo(kind, target, self.coder, text)
            elif not text:
                store.delete_memo(before[0])
                memo_id = None
            else:
                store.update_memo(before[0], text)
                memo_id = before[0]
        self._record(
            _Action(label, self._current or "", memo=True, memo_before=before, memo_id=memo_id)
        )

    def document_memo(self, doc_id: str | None = None) -> str:
        """This coder's memo on a document (the current one by default), "" if none."""
        doc_id, _ = self._document(doc_id)
        row = self.store.own_memo("document", doc_id, self.coder, not_prefix="[segment ")
        return "" if row is None else str(row[4])

    def set_document_memo(self, text: str, doc_id: str | None = None) -> None:
        """Write this coder's memo on a document (the current one by default); one
        per coder and document, "" deletes it.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.set_document_memo("Kort interview.")
        >>> session.document_memo()
        'Kort interview.'
        """
        doc_id, _ = self._document(doc_id)
        self._write_memo("document", doc_id, text, f"memo on document {doc_id}")

    def code_memo(self, code: str) -> str:
        """This coder's memo on a code ("" if none)."""
        row = self.store.own_memo("code", self._check_code(code), self.coder)
        return "" if row is None else str(row[4])

    def set_code_memo(self, code: str, text: str) -> None:
        """Write this coder's memo on a code; "" deletes it.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.set_code_memo("samenwerking", "Ook informele contacten.")
        >>> session.code_memo("samenwerking")
        'Ook informele contacten.'
        """
        code = self._check_code(code)
        self._write_memo("code", code, text, f"memo on code {code!r}")

    # -- the codebook -------------------------------------------------------------------
    def add_code(self, name: str, definition: str = "", parent: str | None = None) -> str:
        """Add a code to the session's codebook: a new version of the codebook, kept in
        the store with who and when (a logged coding run of this coder that names it).
        Undo takes it out again. Return the code's name.

        Examples
        --------
        >>> from sokwal_monitor.coding.session import example_session
        >>> session = example_session()
        >>> session.add_code("buurtgevoel", "Gevoel van samen een buurt te zijn.", "uitkomsten")
        'buurtgevoel'
        >>> session.store.codebook()["buurtgevoel"].parent
        'uitkomsten'
        """
        name = str(name or "").strip()
        if not name or not re.fullmatch(r"[\w.\-]+", name):
            raise CodingError(
                None,
                f"{name!r} cannot be a code name",
                "use letters, digits, _ . - and no spaces (like vrijwilligers_werven)",
            )
        if name in self.codebook:
            raise CodingError(None, f"the codebook has a code {name!r} already")
        parent = str(parent).strip() if parent else None
        if parent is not None and parent not in self.codebook:
            raise CodingError(None, f"the codebook has no code {parent!r} to put it under")
        definition = str(definition or "").strip() or f"Added by {self.coder} while coding."
        before = self.codebook
        code = Code(name=name, definition=definition, parent=parent)
        version = before.version
        if isinstance(version, int) or (isinstance(version, str) and version.isdigit()):
            version = int(version) + 1
        else:
            version = f"{version}+1" if version else 1
        after = dataclasses.replace(before, version=version, codes=[*before.codes, code])
        with self._run("add code", self._current or "", codebook=after, code=name):
            pass
        self.codebook = after
        self._record(
            _Action(
                f"new code {name!r}",
                self._current or "",
                codebook_before=before,
                codebook_after=after,
            )
        )
        return name


def _checked_span(start: Any, end: Any, n: int) -> tuple[int, int]:
    try:
        a, z = int(start), int(end)
    except (TypeError, ValueError):
        raise CodingError(None, f"a passage needs offsets, not {start!r}:{end!r}") from None
    if not 0 <= a < z <= n:
        raise CodingError(
            None,
            f"the passage {a}:{z} is not inside the document (0:{n}) or is empty;"
            " nothing was changed",
            "select some text first",
        )
    return a, z


def _quote(text: str, width: int = 40) -> str:
    flat = " ".join(text.split())
    return f"«{flat}»" if len(flat) <= width else f"«{flat[: width - 1]}…»"
