"""Printable cards: an A4 PDF with 8 cards a page (2 x 4), cut marks, large ids.

Made with fpdf2 and the DejaVu Sans font that matplotlib ships (so every Dutch letter,
and most other scripts, print), without a browser. A card's text is set at 14 pt and
shrinks, down to 11 pt, until it fits its card; text that does not fit even then is cut
after its last whole sentence that fits, with "…". A card is drawn whole on one page.
"""

from __future__ import annotations

import os
import re
from os import PathLike
from pathlib import Path
from typing import cast

import pandas as pd

from ..summary.render import role_label
from .cards import CardSet, DesignlabError

__all__ = ["CARDS_PER_PAGE", "ID_PT", "MIN_TEXT_PT", "cards_pdf"]

#: Cards per A4 page: 2 columns, 4 rows.
COLUMNS, ROWS = 2, 4
CARDS_PER_PAGE = COLUMNS * ROWS
#: Page and card geometry in millimetres.
PAGE_W, PAGE_H = 210.0, 297.0
MARGIN_X, MARGIN_Y = 10.0, 12.5
CARD_W = (PAGE_W - 2 * MARGIN_X) / COLUMNS  # 95 mm
CARD_H = (PAGE_H - 2 * MARGIN_Y) / ROWS  # 68 mm
PAD = 4.0
#: Type sizes in points: the id (read across a table), the text (largest, smallest).
ID_PT = 24.0
META_PT = 11.0
TEXT_PT, MIN_TEXT_PT = 14.0, 11.0
_PT_MM = 25.4 / 72
_LEADING = 1.2
_ELLIPSIS = "…"


def _fonts() -> tuple[Path, Path]:
    import matplotlib

    folder = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    regular, bold = folder / "DejaVuSans.ttf", folder / "DejaVuSans-Bold.ttf"
    if not regular.is_file() or not bold.is_file():
        raise DesignlabError(folder, "the DejaVu Sans font of matplotlib is missing")
    return regular, bold


def _meta(card: dict[str, object]) -> str:
    parts = [str(card.get("project_id") or ""), str(card.get("wave") or "")]
    role = str(card.get("role") or "")
    if role:
        parts.append(role_label(role))
    return " · ".join(p for p in parts if p)


def _sentences(text: str) -> list[str]:
    """``text`` cut after each sentence end (the pieces joined give ``text`` back)."""
    pieces = re.split(r"(?<=[.!?…])(\s+)", text)
    out: list[str] = []
    for piece in pieces:
        if out and not piece.strip():
            out[-1] += piece
        else:
            out.append(piece)
    return out


class _Writer:
    def __init__(self, title: str) -> None:
        from fpdf import FPDF

        regular, bold = _fonts()
        self.pdf = FPDF(orientation="P", unit="mm", format="A4")
        self.pdf.set_auto_page_break(False)
        self.pdf.set_margins(0, 0, 0)
        self.pdf.add_font("DejaVu", "", str(regular))
        self.pdf.add_font("DejaVu", "B", str(bold))
        self.pdf.set_title(title)
        self.pdf.set_creator("sokwal-monitor")
        self.pdf.set_font("DejaVu", size=TEXT_PT)
        font = self.pdf.current_font
        self.cmap: dict[int, int] = dict(getattr(font, "cmap", {}) or {})

    def printable(self, text: str) -> str:
        """``text`` with characters the font has no glyph for replaced by "?"."""
        return "".join(c if ord(c) in self.cmap or c in "\n\t " else "?" for c in text)

    def lines(self, text: str, size: float, width: float) -> list[str]:
        self.pdf.set_font("DejaVu", size=size)
        lines = self.pdf.multi_cell(
            width, size * _PT_MM * _LEADING, text, dry_run=True, output="LINES"
        )
        return [str(line) for line in cast(list[str], lines)]

    def fit(self, text: str, width: float, height: float) -> tuple[str, float]:
        """The text and type size that fit ``width`` x ``height``: shrinking to
        :data:`MIN_TEXT_PT`, then cutting after a sentence (or a word) with "…"."""
        size = TEXT_PT
        while size >= MIN_TEXT_PT:
            if len(self.lines(text, size, width)) * size * _PT_MM * _LEADING <= height:
                return text, size
            size -= 0.5
        size = MIN_TEXT_PT
        max_lines = int(height // (size * _PT_MM * _LEADING))
        sentences = _sentences(text)
        for n in range(len(sentences) - 1, 0, -1):
            shorter = "".join(sentences[:n]).rstrip() + " " + _ELLIPSIS
            if len(self.lines(shorter, size, width)) <= max_lines:
                return shorter, size
        words = text.split()
        for n in range(len(words) - 1, 0, -1):
            shorter = " ".join(words[:n]) + " " + _ELLIPSIS
            if len(self.lines(shorter, size, width)) <= max_lines:
                return shorter, size
        return _ELLIPSIS, size

    def cut_marks(self) -> None:
        pdf = self.pdf
        pdf.set_draw_color(0, 0, 0)
        pdf.set_line_width(0.2)
        xs = [MARGIN_X + i * CARD_W for i in range(COLUMNS + 1)]
        ys = [MARGIN_Y + j * CARD_H for j in range(ROWS + 1)]
        for x in xs:  # marks in the top and bottom margins
            pdf.line(x, 2.0, x, MARGIN_Y - 2.0)
            pdf.line(x, PAGE_H - MARGIN_Y + 2.0, x, PAGE_H - 2.0)
        for y in ys:  # and in the left and right margins
            pdf.line(1.5, y, MARGIN_X - 2.0, y)
            pdf.line(PAGE_W - MARGIN_X + 2.0, y, PAGE_W - 1.5, y)
        # light dashed lines along the cuts
        pdf.set_draw_color(170, 170, 170)
        pdf.set_line_width(0.1)
        pdf.set_dash_pattern(dash=1.5, gap=1.5)
        for x in xs:
            pdf.line(x, MARGIN_Y, x, PAGE_H - MARGIN_Y)
        for y in ys:
            pdf.line(MARGIN_X, y, PAGE_W - MARGIN_X, y)
        pdf.set_dash_pattern()

    def card(self, card: dict[str, object], x: float, y: float, warning: bool) -> None:
        pdf = self.pdf
        pdf.set_text_color(15, 76, 92)
        pdf.set_font("DejaVu", "B", ID_PT)
        id_h = ID_PT * _PT_MM
        pdf.set_xy(x + PAD, y + PAD)
        pdf.cell(CARD_W / 2, id_h, str(card["card_id"]))
        pdf.set_text_color(75, 91, 101)
        pdf.set_font("DejaVu", "", META_PT)
        meta = self.printable(_meta(card))
        pdf.set_xy(x + CARD_W / 2, y + PAD)
        pdf.cell(CARD_W / 2 - PAD, META_PT * _PT_MM * _LEADING, meta, align="R")
        top = y + PAD + id_h + 2.0
        bottom = y + CARD_H - PAD - (META_PT * _PT_MM * _LEADING if warning else 0.0)
        width = CARD_W - 2 * PAD
        text = self.printable(" ".join(str(card["text"]).split()))
        if bool(card.get("cut")) and not text.endswith(_ELLIPSIS):
            text += " " + _ELLIPSIS
        text, size = self.fit(text, width, bottom - top)
        pdf.set_text_color(29, 42, 51)
        pdf.set_font("DejaVu", "", size)
        pdf.set_xy(x + PAD, top)
        pdf.multi_cell(width, size * _PT_MM * _LEADING, text, align="L")
        if warning:
            pdf.set_text_color(201, 72, 79)
            pdf.set_font("DejaVu", "B", META_PT)
            pdf.set_xy(x + PAD, bottom)
            pdf.cell(width, META_PT * _PT_MM * _LEADING, "NIET GEPSEUDONIMISEERD")

    def footer(self, set_id: str, page: int, pages: int) -> None:
        pdf = self.pdf
        pdf.set_text_color(120, 120, 120)
        pdf.set_font("DejaVu", "", 7)
        pdf.set_xy(MARGIN_X + 4.0, PAGE_H - MARGIN_Y + 2.5)
        pdf.cell(CARD_W - 8.0, 4, f"kaartenset {set_id} · blad {page} van {pages}")


def cards_pdf(cards: CardSet | pd.DataFrame, path: str | PathLike[str]) -> Path:
    """Write ``cards`` as an A4 PDF, 8 cards a page (2 columns, 4 rows of 95 x 68 mm)
    with cut marks: the card id at 24 pt bold, project, wave and role, the text at 11 to
    14 pt. Returns the path.

    >>> import tempfile, pathlib
    >>> frame = pd.DataFrame({"card_id": [f"K{i:02d}" for i in range(1, 10)],
    ...     "project_id": "P01", "wave": "2018", "role": "respondent",
    ...     "text": "Samen koken brengt de buurt bij elkaar."})
    >>> out = cards_pdf(frame, pathlib.Path(tempfile.mkdtemp()) / "cards.pdf")
    >>> out.read_bytes()[:5], out.read_bytes().count(b"/Type /Page\\n")
    (b'%PDF-', 2)
    """
    if isinstance(cards, CardSet):
        frame, set_id, warning = cards.cards, cards.set_id, not cards.pseudonymized
    else:
        frame, set_id, warning = cards, "", False
    if frame.empty:
        raise DesignlabError(path, "no cards to print")
    writer = _Writer(f"Kaarten {set_id}".strip())
    records = frame.to_dict("records")
    pages = -(-len(records) // CARDS_PER_PAGE)
    for page in range(pages):
        writer.pdf.add_page()
        writer.cut_marks()
        chunk = records[page * CARDS_PER_PAGE : (page + 1) * CARDS_PER_PAGE]
        for k, card in enumerate(chunk):
            col, row = k % COLUMNS, k // COLUMNS
            writer.card(card, MARGIN_X + col * CARD_W, MARGIN_Y + row * CARD_H, warning)
        writer.footer(set_id, page + 1, pages)
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    writer.pdf.output(str(tmp))
    tmp.replace(path)
    return path
