"""Coding in JupyterLab: :class:`CodingWidget`, an ipywidgets view over a
:class:`~sokwal_monitor.coding.session.CodingSession`.

Every click goes through the session (one store transaction per action, written at
once) and then redraws the view. ipywidgets is imported only when a widget is made, so
importing sokwal-monitor stays fast. :func:`segment_html` draws a segment with the
codings on it: model suggestions, rule codings, other coders' and this coder's own
marked differently.

Examples
--------
>>> from sokwal_monitor.coding.session import example_session
>>> session = example_session(role="respondent", suggestion=0.8)
>>> html_text = segment_html(session.segment, session.other_codings())
>>> "sokwal-model" in html_text and "p=0.80" in html_text
True
"""

from __future__ import annotations

import html
import itertools
import sqlite3
from collections.abc import Callable, Iterable
from os import PathLike
from typing import Any

from .codebook import Codebook
from .coding.session import CodingSession, SegmentCoding, SessionSegment, split_segment_id
from .errors import CodingError, SokwalError
from .store import ProjectStore

__all__ = ["CodingWidget", "segment_html"]


#: How each kind of coding is marked in the segment's text and as a badge.
_MARKS = {
    "model": ("background:#fff1a8", "background:#fff1a8;border:1px solid #c9a400"),
    "rule": (
        "text-decoration:underline 2px #1f6fb4",
        "background:#e3effa;border:1px solid #1f6fb4",
    ),
    "manual": ("border-bottom:2px dotted #2e8b57", "background:#e6f4ea;border:1px dotted #2e8b57"),
    "import": ("border-bottom:2px dashed #7b4fa0", "background:#f1eaf7;border:1px dashed #7b4fa0"),
    "own": ("font-weight:bold", "background:#ffffff;border:2px solid #2e8b57"),
}
_KIND_ORDER = ("own", "manual", "import", "model", "rule")
_LEGEND = {
    "model": "model suggestion",
    "rule": "rule coding",
    "manual": "other coder",
    "import": "imported",
    "own": "your passage",
}


def segment_html(segment: SessionSegment, codings: Iterable[SegmentCoding]) -> str:
    """The segment as HTML: speaker, role and its text (escaped), each coding's span
    marked by its kind (model suggestions shaded yellow, rule codings underlined blue,
    other coders' codings dotted green, this coder's passages bold), then one badge per
    coding with code, coder and probability.

    Each mark and badge has the class ``sokwal-<kind>``.

    Examples
    --------
    >>> text = "Veel <geleerd>."
    >>> seg = SessionSegment(
    ...     "d1-00001", "d1", 1, "R", "respondent", text, 10, 25, "a.txt", None, None
    ... )
    >>> model = SegmentCoding("c-1", "leereffecten", "m@1", "model", 0.8, 15, 24, "", "", False)
    >>> out = segment_html(seg, [model])
    >>> "&lt;geleerd&gt;" in out, 'class="sokwal-mark sokwal-model"' in out, "p=0.80" in out
    (True, True, True)
    """
    esc = html.escape
    marks = sorted(codings, key=lambda c: (_KIND_ORDER.index(c.kind), -(c.score or 0), c.code))
    n = len(segment.text)
    cuts = {0, n}
    spans = []
    for c in marks:
        a = min(max(c.start_char - segment.start_char, 0), n)
        b = min(max(c.end_char - segment.start_char, 0), n)
        if a < b:
            cuts.update((a, b))
            spans.append((a, b, c))
    points = sorted(cuts)
    pieces = []
    for a, b in itertools.pairwise(points):
        over = [c for s, e, c in spans if s <= a and b <= e]
        piece = esc(segment.text[a:b])
        if not over:
            pieces.append(piece)
            continue
        kinds = list(dict.fromkeys(c.kind for c in over))
        style = ";".join(_MARKS[k][0] for k in kinds)
        title = esc("; ".join(c.label for c in over), quote=True)
        classes = " ".join(f"sokwal-{k}" for k in kinds)
        pieces.append(
            f'<span class="sokwal-mark {classes}" style="{style}" title="{title}">{piece}</span>'
        )
    who = esc(segment.speaker or "(no speaker)")
    role = f" <i>({esc(segment.role)})</i>" if segment.role else ""
    badges = []
    for c in marks:
        title = esc(f"{c.coder}, {c.origin}" + (f": {c.memo}" if c.memo else ""), quote=True)
        badges.append(
            f'<span class="sokwal-badge sokwal-{c.kind}" title="{title}"'
            f' style="{_MARKS[c.kind][1]};border-radius:4px;padding:0 4px;margin-right:4px">'
            f"{esc(c.label)}</span>"
        )
    legend = " · ".join(
        f'<span style="{_MARKS[k][0]}">{_LEGEND[k]}</span>'
        for k in ("model", "rule", "manual", "own")
    )
    return (
        f'<div class="sokwal-segment"><div><b>{who}</b>{role}</div>'
        f'<div style="white-space:pre-wrap;font-size:1.1em;line-height:1.6">{"".join(pieces)}</div>'
        f'<div style="margin-top:4px">{"".join(badges)}</div>'
        f'<div style="font-size:0.8em;color:#666">{legend}</div></div>'
    )


def _plain_message(err: BaseException) -> str:
    """An error as one line a researcher can act on (never a traceback)."""
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


_ALL = "*"


class CodingWidget:
    """A JupyterLab view for coding segments: a thin ipywidgets layer over a
    :class:`CodingSession` (same arguments), which it keeps as :attr:`session`.

    Shows the document, progress, the segment (with the previous turn for context),
    other codings marked by kind, the codebook's codes as toggle buttons (indented by
    hierarchy, the definition as tooltip), a memo box, buttons previous / next / undo /
    accept suggestion / refresh and filters. Every click goes through the session
    (one store transaction) and redraws; errors are shown as a plain message.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> from sokwal_monitor import ingest, load_codebook
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "I: Wat heeft u geleerd?\\nR: Dat samenwerken tijd kost.\\n"
    >>> _ = (root / "P01_2018.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> view = CodingWidget(store, load_codebook(), "anna", role="respondent")
    >>> view.code_buttons["inzicht_opgedaan"].value = True   # a click
    >>> store.codings()[["code", "coder"]].to_dict("records")
    [{'code': 'inzicht_opgedaan', 'coder': 'anna'}]
    >>> view.undo_button.click()
    >>> len(store.codings())
    0
    >>> "application/vnd.jupyter.widget-view+json" in view._repr_mimebundle_()
    True
    """

    def __init__(
        self,
        store: ProjectStore | str | PathLike[str],
        codebook: Codebook | str | PathLike[str],
        coder: str,
        **filters: Any,
    ) -> None:
        import ipywidgets as w

        self.session = CodingSession(store, codebook, coder, **filters)
        self._updating = False
        layout = w.Layout
        self.header = w.HTML()
        self.message = w.HTML()
        self.context_html = w.HTML()
        self.segment_html = w.HTML()
        self.code_buttons: dict[str, Any] = {}
        rows = []
        for depth, code in self.session.codebook.walk():
            button = w.ToggleButton(
                description=code.name,
                tooltip=code.definition,
                layout=layout(width="auto", margin=f"1px 0 1px {1.5 * depth:.1f}em"),
            )
            button.observe(self._on_code(code.name), names="value")
            self.code_buttons[code.name] = button
            rows.append(button)
        self.codes_box = w.VBox(rows, layout=layout(max_height="32em", overflow="auto"))
        self.memo = w.Textarea(
            placeholder="Memo on this segment (saved in the store with your name)",
            layout=layout(width="100%", height="5em"),
        )
        self.save_memo_button = w.Button(description="Save memo", tooltip="Save the memo")
        self.previous_button = w.Button(description="◀ Previous", tooltip="Previous segment")
        self.next_button = w.Button(description="Next ▶", tooltip="Next segment")
        self.undo_button = w.Button(description="↶ Undo", tooltip="Undo your last action")
        self.refresh_button = w.Button(
            description="⟳ Refresh", tooltip="Read the store again (others' work, new documents)"
        )
        self.suggestions = w.Dropdown(description="Suggestion", layout=layout(width="auto"))
        self.accept_button = w.Button(
            description="✓ Accept",
            tooltip="Make the chosen suggestion your own coding (the suggestion stays)",
        )
        self.save_memo_button.on_click(lambda _: self._do(self._save_memo))
        self.previous_button.on_click(
            lambda _: self._do(lambda: self._navigate(self.session.previous))
        )
        self.next_button.on_click(lambda _: self._do(lambda: self._navigate(self.session.next)))
        self.undo_button.on_click(lambda _: self._do(self._undo))
        self.refresh_button.on_click(lambda _: self._do(self._reload))
        self.accept_button.on_click(lambda _: self._do(self._accept))

        docs = self.session.store.documents()
        docs = docs[docs["kind"] != "survey"]

        def choices(values: Iterable[Any], every: str) -> list[tuple[str, str]]:
            found = sorted({str(v) for v in values if v is not None and v == v})
            return [(every, _ALL), *((v, v) for v in found)]

        self.project_filter = w.Dropdown(
            description="Project", options=choices(docs["project_id"], "all projects")
        )
        self.wave_filter = w.Dropdown(
            description="Wave", options=choices(docs["wave"], "all waves")
        )
        self.role_filter = w.Dropdown(
            description="Speaker",
            options=[
                ("everyone", _ALL),
                ("respondents", "respondent"),
                ("interviewers", "interviewer"),
                ("no role (reports)", ""),
            ],
        )
        suggested = self.session.store.coding_codes(origin="model")
        self.suggested_filter = w.Dropdown(
            description="Suggested",
            options=[("any segment", _ALL), *((code, code) for code in suggested)],
            disabled=not suggested,
        )
        self.uncoded_filter = w.Checkbox(description="only segments I have not coded", indent=False)
        s = self.session
        for widget, value in (
            (self.project_filter, s.project_id),
            (self.wave_filter, s.wave),
            (self.role_filter, s.role),
            (self.suggested_filter, s.suggested_as),
        ):
            wanted = _ALL if value is None else str(value)
            if wanted in [v for _, v in widget.options]:
                widget.value = wanted
        self.uncoded_filter.value = bool(s.uncoded_only)
        for widget, name in (
            (self.project_filter, "project_id"),
            (self.wave_filter, "wave"),
            (self.role_filter, "role"),
            (self.suggested_filter, "suggested_as"),
            (self.uncoded_filter, "uncoded_only"),
        ):
            widget.observe(self._on_filter(name), names="value")
        self.document_picker = w.Dropdown(description="Document", layout=layout(width="auto"))
        self.document_picker.observe(self._on_document, names="value")
        for dropdown in (
            self.suggestions,
            self.project_filter,
            self.wave_filter,
            self.role_filter,
            self.suggested_filter,
            self.document_picker,
        ):
            dropdown.style.description_width = "initial"  # labels in full

        filters_box = w.VBox(
            [
                w.HBox([self.project_filter, self.wave_filter, self.role_filter]),
                w.HBox([self.suggested_filter, self.uncoded_filter]),
                self.document_picker,
            ]
        )
        buttons = w.HBox(
            [self.previous_button, self.next_button, self.undo_button, self.refresh_button]
        )
        left = w.VBox(
            [
                self.context_html,
                self.segment_html,
                w.HBox([self.suggestions, self.accept_button]),
                self.memo,
                self.save_memo_button,
                buttons,
                self.message,
            ],
            layout=layout(width="62%", padding="0 1em 0 0"),
        )
        self.box = w.VBox(
            [
                self.header,
                filters_box,
                w.HBox([left, self.codes_box]),
            ]
        )
        self.refresh()

    # -- events -----------------------------------------------------------------------
    def _do(self, action: Callable[[], str | None]) -> None:
        """Run one action through the session, redraw, then show its outcome (a plain
        message, never a traceback)."""
        try:
            said = action()
        except Exception as err:  # shown to the researcher as one line
            self.refresh()
            self._say(_plain_message(err), error=True)
            return
        self.refresh()
        if said:
            self._say(said)

    def _say(self, text: str, *, error: bool = False) -> None:
        colour = "#b00020" if error else "#555"
        self.message.value = f'<span style="color:{colour}">{html.escape(text)}</span>'

    def _on_code(self, code: str) -> Callable[[dict[str, Any]], None]:
        def toggle() -> None:
            self.session.toggle(code)

        def handler(change: dict[str, Any]) -> None:
            if not self._updating:
                self._do(toggle)

        return handler

    def _on_filter(self, name: str) -> Callable[[dict[str, Any]], None]:
        def handler(change: dict[str, Any]) -> None:
            if self._updating:
                return
            value = None if change["new"] == _ALL else change["new"]
            self._do(lambda: self.session.set_filters(**{name: value}))

        return handler

    def _on_document(self, change: dict[str, Any]) -> None:
        if self._updating or change["new"] is None:
            return
        first = [s for s in self.session.segment_ids if split_segment_id(s)[0] == change["new"]][:1]
        if first:
            self._do(lambda: self._navigate(lambda: self.session.goto(first[0])))

    def _save_memo(self) -> str:
        self.session.set_memo(self.memo.value)
        return "Memo saved."

    def _reload(self) -> str:
        self.session.refresh()
        return "Read the store again."

    def _undo(self) -> str:
        said = self.session.undo()
        return said[0].upper() + said[1:]

    def _navigate(self, move: Callable[[], bool | None]) -> str | None:
        """Save an edited memo first (so moving on never loses it), then move."""
        saved = ""
        if self.session.segment is not None and self.memo.value.strip() != self.session.memo:
            self.session.set_memo(self.memo.value)
            saved = "Memo saved. "
        if move() is False:
            return saved + "No more segments in this direction (with these filters)."
        return saved or None

    def _accept(self) -> str:
        if not self.suggestions.value:
            raise CodingError(None, "there is no suggestion to accept on this segment")
        self.session.accept(self.suggestions.value)
        return "Accepted: now your own coding (the suggestion stays)."

    # -- drawing ----------------------------------------------------------------------
    def refresh(self) -> None:
        """Redraw everything from the session (and so from the store)."""
        self._updating = True
        try:
            self._draw()
        except Exception as err:  # e.g. the document was removed meanwhile
            self._blank(html.escape(str(self.session.progress())))
            self._say(_plain_message(err), error=True)
        finally:
            self._updating = False

    def _blank(self, header: str) -> None:
        """No segment to show: nothing to click but the filters and navigation."""
        self.header.value = header
        self.segment_html.value = self.context_html.value = ""
        self.memo.value = ""
        self.suggestions.options = []
        for button in self.code_buttons.values():
            button.value, button.disabled = False, True
        self.accept_button.disabled = self.save_memo_button.disabled = True

    def _draw(self) -> None:
        s = self.session
        self.message.value = ""
        self.undo_button.disabled = not s.can_undo
        docs = s.documents()
        self.document_picker.options = list(zip(docs["path"], docs["doc_id"], strict=True))
        seg = s.segment
        progress = s.progress()
        if seg is None:
            what = (
                "every segment in scope is coded"
                if s.uncoded_only and s.segment_ids
                else "no segment matches the filters"
            )
            self._blank(f"<b>{html.escape(str(progress))}</b> · {what}")
            return
        self.document_picker.value = seg.doc_id
        where = " · ".join(
            f"{label} {html.escape(str(value))}"
            for label, value in (("project", seg.project_id), ("wave", seg.wave))
            if value is not None
        )
        self.header.value = (
            f"<b>{html.escape(seg.path)}</b>{' · ' + where if where else ''}"
            f" · {html.escape(seg.kind or '')}<br>"
            f"segment {progress.position or '–'} of {progress.n_segments} · "
            f"{html.escape(str(progress))}"
        )
        self.context_html.value = "".join(
            f'<div style="color:#777;font-size:0.9em">{html.escape(c.speaker or "")}: '
            f"{html.escape(c.text)}</div>"
            for c in s.context()
        )
        others = s.other_codings()
        self.segment_html.value = segment_html(seg, others)
        on = set(s.codes_on())
        hints: dict[str, list[SegmentCoding]] = {}
        for c in others:
            hints.setdefault(c.code, []).append(c)
        for name, button in self.code_buttons.items():
            button.disabled = False
            button.value = name in on
            kinds = {c.origin for c in hints.get(name, []) if not c.mine}
            model = [c.score for c in hints.get(name, []) if c.origin == "model" and c.score]
            suffix = f" ◆ {max(model):.2f}" if model else (" ▲" if "rule" in kinds else "")
            button.description = name + suffix
            button.button_style = (
                "success" if name in on else "warning" if model else "info" if kinds else ""
            )
        offers = [c for c in others if not c.mine]
        offers.sort(key=lambda c: (c.origin != "model", -(c.score or 0)))
        chosen = self.suggestions.value
        self.suggestions.options = [(f"{c.label} · “{c.text[:40]}”", c.coding_id) for c in offers]
        ids = [c.coding_id for c in offers]
        self.suggestions.value = chosen if chosen in ids else (ids[0] if ids else None)
        self.accept_button.disabled = not offers
        self.save_memo_button.disabled = False
        self.memo.value = s.memo

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)
