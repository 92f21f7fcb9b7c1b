"""The coding pane: select a passage and code it, in JupyterLab, Notebook 7 or VS Code.

:class:`CodingPane` is an ``anywidget`` (one ES module, ``pane.js``, and its CSS,
``pane.css``, no lab extension to build) over a
:class:`~sokwal_monitor.coding.session.CodingSession`: the browser shows the current
document turn by turn with the codings as coloured highlights, the code tree and a
search box, and sends each action (code this passage, accept, reject, undo, ...) as a
message; the Python side does it through the session (one store transaction with
provenance) and sends back only what changed on screen.

Examples
--------
>>> from sokwal_monitor.coding.session import example_session
>>> session = example_session(role="respondent")
>>> pane = CodingPane(session.store, session.codebook, "anna", role="respondent")
>>> pane.doc["path"], len(pane.turns), pane.current == pane.turns[1]["id"]
('P01_2018.txt', 2, True)
>>> start = pane.turns[1]["start"] + 4
>>> pane.handle({"action": "code", "code": "samenwerking", "start": start, "end": start + 11})
>>> pane.store.codings(coder="anna")["text"].tolist(), pane.status["message"]
(['samenwerken'], "Coded 'samenwerking': «samenwerken».")
>>> pane.handle({"action": "undo"})
>>> len(pane.store.codings())
0
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from os import PathLike
from pathlib import Path
from typing import Any

import anywidget
import pandas as pd
import traitlets

from ..codebook import Codebook
from ..coding.session import CodingSession, SegmentCoding, split_segment_id
from ..errors import SokwalError
from ..store import ProjectStore
from .search import HIT_COLUMNS, search_hits, simple_search

__all__ = ["HIT_COLUMNS", "CodingPane", "search_hits", "simple_search"]

_HERE = Path(__file__).parent
#: Colours for codes without one in the codebook (readable as a light highlight).
PALETTE = (
    "#e6194b",
    "#3cb44b",
    "#4363d8",
    "#f58231",
    "#911eb4",
    "#0f9b9b",
    "#d61e9c",
    "#8a9a1b",
    "#9a6324",
    "#1b5e20",
    "#800000",
    "#2f4f9f",
)
#: The keys that code a selection with the first ten codes of the tree.
SHORTCUTS = "1234567890"
#: Most hits sent to the browser for one search.
MAX_HITS = 500


def _plain(err: BaseException) -> str:
    if isinstance(err, sqlite3.OperationalError) and ("locked" in str(err) or "busy" in str(err)):
        return (
            "The project store is busy: another program has been writing to it for more"
            " than 30 seconds. Nothing was changed; try again in a moment."
        )
    if isinstance(err, SokwalError):
        return str(err)
    if isinstance(err, KeyError) and err.args:
        return str(err.args[0])
    return str(err) or type(err).__name__


def _clock(seconds: Any) -> str:
    if seconds is None or seconds != seconds:
        return ""
    s = int(seconds)
    if s >= 3600:
        return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
    return f"{s // 60}:{s % 60:02d}"


def _value(v: Any) -> Any:
    return None if v is None or (isinstance(v, float) and v != v) else v


class CodingPane(anywidget.AnyWidget):
    """The coding pane (see the module): ``CodingPane(store, codebook, coder,
    **filters)`` with the arguments of :class:`CodingSession`, which it keeps as
    :attr:`session`. Show it as the last line of a cell.

    :meth:`handle` takes the browser's messages (also from Python, as the tests do):
    ``{"action": "code", "code": ..., "start": ..., "end": ...}`` and the others of
    :attr:`ACTIONS`.
    """

    _esm = _HERE / "pane.js"
    _css = _HERE / "pane.css"

    coder = traitlets.Unicode("").tag(sync=True)
    doc = traitlets.Dict().tag(sync=True)
    documents: traitlets.List[Any] = traitlets.List().tag(sync=True)
    turns: traitlets.List[Any] = traitlets.List().tag(sync=True)
    codings: traitlets.List[Any] = traitlets.List().tag(sync=True)
    codes: traitlets.List[Any] = traitlets.List().tag(sync=True)
    current = traitlets.Unicode("").tag(sync=True)
    hits = traitlets.Dict().tag(sync=True)
    memos = traitlets.Dict().tag(sync=True)
    status = traitlets.Dict().tag(sync=True)
    filters = traitlets.Dict().tag(sync=True)
    show_coders = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self,
        store: ProjectStore | str | PathLike[str],
        codebook: Codebook | str | PathLike[str],
        coder: str,
        **filters: Any,
    ) -> None:
        super().__init__()
        self.session = CodingSession(store, codebook, coder, **filters)
        self.store = self.session.store
        self._seq = 0
        self._last_hits = pd.DataFrame(columns=HIT_COLUMNS)
        self.coder = self.session.coder
        docs = self.store.documents()
        docs = docs[docs["kind"] != "survey"]

        def values(column: str) -> list[str]:
            return sorted({str(v) for v in docs[column] if _value(v) is not None})

        self.filters = {
            "projects": values("project_id"),
            "waves": values("wave"),
            "coders": sorted(str(c) for c in self.store.coders()),
        }
        self.documents = [
            {"doc_id": d, "path": p, "n": int(n)}
            for d, p, n in self.session.documents()[["doc_id", "path", "n_segments"]].itertuples(
                index=False
            )
        ]
        self.on_msg(self._on_msg)
        self._load_document()
        self._memos()
        self._push("Select a passage and press a code (or its key); ? shows the keys.")

    #: What :meth:`handle` understands.
    ACTIONS = (
        "code",
        "toggle",
        "remove",
        "resize",
        "accept",
        "reject",
        "memo",
        "memo_read",
        "add_code",
        "undo",
        "redo",
        "next",
        "previous",
        "next_uncoded",
        "goto",
        "open_document",
        "search",
        "code_hits",
        "refresh",
        "show_coders",
    )

    # -- what the browser shows ---------------------------------------------------------
    @property
    def doc_id(self) -> str | None:
        """The document on screen."""
        return self.doc.get("doc_id") if self.doc else None

    def _load_document(self) -> None:
        """Send the current segment's document, turn by turn."""
        s = self.session
        seg = s.segment
        if seg is None:
            self.doc, self.turns, self.current = {}, [], ""
            return
        frame = s.document_segments()
        frame = frame[frame["end_char"] > frame["start_char"]]
        self.turns = [
            {
                "id": r.segment_id,
                "pos": int(r.position),
                "speaker": str(r.speaker or ""),
                "role": str(r.role or ""),
                "start": int(r.start_char),
                "end": int(r.end_char),
                "time": _clock(_value(r.start_time)),
                "text": str(r.text),
                "scope": bool(r.in_scope),
            }
            for r in frame.itertuples(index=False)
        ]
        self.doc = {
            "doc_id": seg.doc_id,
            "path": seg.path,
            "project_id": seg.project_id or "",
            "wave": seg.wave or "",
            "kind": seg.kind,
        }
        self.current = seg.segment_id

    def _coding(self, c: SegmentCoding, open_ids: set[str]) -> dict[str, Any]:
        return {
            "id": c.coding_id,
            "code": c.code,
            "coder": c.coder,
            "origin": c.origin,
            "score": _value(c.score),
            "start": c.start_char,
            "end": c.end_char,
            "memo": c.memo,
            "mine": c.mine,
            "open": c.coding_id in open_ids,
        }

    def _push(self, message: str = "", *, error: bool = False) -> None:
        """Send the codings of the document, the code tree with counts and the status."""
        s = self.session
        doc_id = self.doc_id
        if doc_id:
            everything = s.document_codings(doc_id)
            open_ids = {c.coding_id for c in s.suggestions(doc_id)}
            self.codings = [
                self._coding(c, open_ids)
                for c in everything
                if c.mine or c.coding_id in open_ids or self.show_coders
            ]
            here = self.store.code_counts(s.coder, doc_id=doc_id)
        else:
            self.codings, here = [], {}
        total = self.store.code_counts(s.coder)
        codes = []
        for i, (depth, code) in enumerate(s.codebook.walk()):
            codes.append(
                {
                    "name": code.name,
                    "parent": code.parent or "",
                    "depth": depth,
                    "definition": code.definition,
                    "color": code.color or PALETTE[i % len(PALETTE)],
                    "key": SHORTCUTS[i] if i < len(SHORTCUTS) else "",
                    "n_doc": here.get(code.name, 0),
                    "n_all": total.get(code.name, 0),
                    "has_children": bool(s.codebook.children(code.name)),
                }
            )
        self.codes = codes
        self._seq += 1
        progress = s.progress()
        self.status = {
            "message": message,
            "error": error,
            "seq": self._seq,
            "can_undo": s.can_undo,
            "can_redo": s.can_redo,
            "progress": str(progress),
            "position": progress.position,
            "n_segments": progress.n_segments,
        }

    def _memos(self, target: dict[str, Any] | None = None) -> None:
        s = self.session
        out: dict[str, Any] = {
            "segment": s.memo,
            "document": s.document_memo() if self.doc_id else "",
        }
        if target:
            out["target"] = target
            if target.get("kind") == "code":
                out["code"] = s.code_memo(str(target.get("code", "")))
        self.memos = out

    # -- actions ------------------------------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        self.handle(content)

    def handle(self, message: dict[str, Any]) -> None:
        """Do one action of :attr:`ACTIONS` (a message from the browser) through the
        session, then send what changed; an error becomes the status message, never a
        traceback (a message that is not a dict of an action included)."""
        if not isinstance(message, dict):
            self._push(f"Not a message of the pane: {str(message)[:60]!r}.", error=True)
            return
        action = str(message.get("action", ""))
        handler: Callable[[dict[str, Any]], str] | None = getattr(self, f"_do_{action}", None)
        if action not in self.ACTIONS or handler is None:
            self._push(f"Unknown action {action!r}.", error=True)
            return
        before = self.doc_id
        with self.hold_sync():  # one message to the browser
            try:
                said = handler(message)
            except Exception as err:  # shown to the researcher as one line
                self._push(_plain(err), error=True)
                return
            seg = self.session.segment
            if seg is not None and seg.doc_id != before:
                self._load_document()
                self._memos()
            elif seg is not None:
                self.current = seg.segment_id
            self._push(said)

    def _do_code(self, m: dict[str, Any]) -> str:
        code = str(m.get("code", ""))
        start: Any = m.get("start")  # checked by the session: offsets, or a plain error
        end: Any = m.get("end")
        if start is None and end is None:
            on = self.session.toggle(code)
            return f"{'Coded' if on else 'Took'} {code!r} {'on' if on else 'off'} this turn."
        cid = self.session.code_span(start, end, code, doc_id=self.doc_id)
        row = self.store.codings_by_id([cid])[0]
        text = self.store.text(self.doc_id or "")[row[3] : row[4]]
        flat = " ".join(text.split())
        flat = flat if len(flat) <= 60 else flat[:59] + "…"
        return f"Coded {code!r}: «{flat}»."

    def _do_toggle(self, m: dict[str, Any]) -> str:
        return self._do_code({"code": m.get("code")})

    def _do_remove(self, m: dict[str, Any]) -> str:
        self.session.remove_coding(str(m.get("id", "")))
        return "Coding removed."

    def _do_resize(self, m: dict[str, Any]) -> str:
        start: Any = m.get("start")
        end: Any = m.get("end")
        self.session.resize_coding(str(m.get("id", "")), start, end)
        return "Coding resized."

    def _do_accept(self, m: dict[str, Any]) -> str:
        widen = str(m.get("widen") or "span")
        self.session.accept(str(m.get("id", "")), widen=widen)
        return f"Suggestion accepted ({'as suggested' if widen == 'span' else 'the ' + widen})."

    def _do_reject(self, m: dict[str, Any]) -> str:
        self.session.reject(str(m.get("id", "")), str(m.get("reason", "")))
        return "Suggestion rejected: it is recorded and no longer offered to you."

    def _do_memo(self, m: dict[str, Any]) -> str:
        kind, text = str(m.get("kind", "")), str(m.get("text", ""))
        s = self.session
        if kind == "segment":
            s.set_memo(text)
        elif kind == "document":
            s.set_document_memo(text)
        elif kind == "code":
            s.set_code_memo(str(m.get("code", "")), text)
        elif kind == "coding":
            s.set_coding_memo(str(m.get("id", "")), text)
        else:
            raise ValueError(f"a memo goes on a segment, document, code or coding, not {kind!r}")
        self._memos()
        return "Memo saved." if text.strip() else "Memo deleted."

    def _do_memo_read(self, m: dict[str, Any]) -> str:
        self._memos({"kind": str(m.get("kind", "")), "code": str(m.get("code", ""))})
        return ""

    def _do_add_code(self, m: dict[str, Any]) -> str:
        name = self.session.add_code(
            str(m.get("name", "")), str(m.get("definition", "")), m.get("parent") or None
        )
        return f"New code {name!r} added to the codebook (a new version, kept in the store)."

    def _do_undo(self, m: dict[str, Any]) -> str:
        said = self.session.undo()
        self._memos()
        return said[0].upper() + said[1:] + "."

    def _do_redo(self, m: dict[str, Any]) -> str:
        said = self.session.redo()
        self._memos()
        return said[0].upper() + said[1:] + "."

    def _move(self, moved: bool, what: str) -> str:
        self._memos()
        return "" if moved else f"No {what} segment in scope."

    def _do_next(self, m: dict[str, Any]) -> str:
        return self._move(self.session.next(), "next")

    def _do_previous(self, m: dict[str, Any]) -> str:
        return self._move(self.session.previous(), "previous")

    def _do_next_uncoded(self, m: dict[str, Any]) -> str:
        if self.session.next_uncoded():
            return self._move(True, "")
        return "Every segment in scope is coded."

    def _do_goto(self, m: dict[str, Any]) -> str:
        sid = str(m.get("id", ""))
        if sid in self.session.segment_ids:
            self.session.goto(sid)
            return self._move(True, "")
        doc_id, _ = split_segment_id(sid)
        if doc_id != self.doc_id:
            self.session.set_filters(project_id=None, wave=None, role=None)
            self.session.goto(sid)
            return self._move(True, "") or "Filters cleared to open this passage."
        return "This turn is outside the filters (an interviewer's question or a header line)."

    def _do_open_document(self, m: dict[str, Any]) -> str:
        doc_id = str(m.get("doc_id", ""))
        first = [sid for sid in self.session.segment_ids if split_segment_id(sid)[0] == doc_id]
        if not first:
            raise ValueError("that document has no segment in scope")
        self.session.goto(first[0])
        return self._move(True, "")

    def _do_search(self, m: dict[str, Any]) -> str:
        query = str(m.get("query", "")).strip()
        opts: dict[str, Any] = {"lemma": bool(m.get("lemma"))}
        for key in ("project_id", "wave", "role", "coder", "code"):
            if m.get(key) not in (None, "", "*"):
                opts[key] = str(m[key])
        if m.get("coded") in ("yes", "no"):
            opts["coded"] = m["coded"] == "yes"
        hits = search_hits(self.store, query, limit=MAX_HITS, context=60, **opts)
        self._last_hits = hits
        docs = self.store.documents(all_versions=True)
        paths = dict(zip(docs["doc_id"], docs["path"], strict=True))
        self.hits = {
            "query": query,
            "rows": [
                {
                    "segment_id": r.segment_id,
                    "doc_id": r.doc_id,
                    "path": paths.get(r.doc_id, ""),
                    "role": str(_value(r.role) or ""),
                    "start": int(r.start_char),
                    "end": int(r.end_char),
                    "before": str(r.before),
                    "hit": str(r.hit),
                    "after": str(r.after),
                }
                for r in hits.itertuples(index=False)
            ],
        }
        n = len(hits)
        more = " (the first ones)" if n >= MAX_HITS else ""
        return f"{n} hit{'s' if n != 1 else ''} for {query!r}{more}." if query else ""

    def _do_code_hits(self, m: dict[str, Any]) -> str:
        code = str(m.get("code", ""))
        n = self.session.code_hits(self._last_hits, code)
        return f"Coded {n} search hits as {code!r} (one step: undo takes them all back)."

    def _do_refresh(self, m: dict[str, Any]) -> str:
        self.session.refresh()
        self._load_document()
        return "Read the store again."

    def _do_show_coders(self, m: dict[str, Any]) -> str:
        self.show_coders = bool(m.get("on"))
        return "Showing every coder's codings." if self.show_coders else ""
