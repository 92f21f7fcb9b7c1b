"""The sorting board: one self-contained, offline HTML file for a designlab session.

The card set is embedded as JSON; style and script (``board.css``, ``board.js``) are
inline; a Content-Security-Policy forbids every request, so the page works from a USB
stick on a laptop, a big screen or a touch table. What the board does, and the JSON it
exports, are described in ``docs/designlab.md``.
"""

from __future__ import annotations

import json
import os
from html import escape
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

from .._version import __version__
from ..summary.render import role_label
from .cards import CardSet, DesignlabError

__all__ = ["board_html", "write_board"]

#: Nothing may be loaded: inline style and script only, downloads through blob: links.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
    " img-src data:; base-uri 'none'; form-action 'none'"
)


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath(name).read_text(encoding="utf-8")


def _script_json(data: Any) -> str:
    """JSON that is safe inside a ``<script>`` element (no ``<``, ``>``, ``&``)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, code)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _meta(card: dict[str, Any]) -> str:
    parts = [str(card.get("project_id") or ""), str(card.get("wave") or "")]
    if card.get("role"):
        parts.append(role_label(str(card["role"])))
    return " · ".join(p for p in parts if p)


def board_html(cards: CardSet, *, title: str = "Sorteerbord") -> str:
    """The sorting board for ``cards`` as one HTML page (a string).

    >>> import pandas as pd
    >>> from sokwal_monitor.designlab.cards import card_set_id, text_sha256
    >>> frame = pd.DataFrame([{"card_id": "K01", "kind": "segment", "project_id": "P01",
    ...     "wave": "2018", "role": "respondent", "doc_id": "d1", "segment_id": "d1-00000",
    ...     "start_char": 0, "end_char": 9, "text": "</script>", "sha256": text_sha256("</script>"),
    ...     "source": "", "cut": False}])
    >>> page = board_html(CardSet(frame, card_set_id(frame), 0, {}))
    >>> page.count("</script>"), "\\\\u003c/script\\\\u003e" in page  # two script elements
    (2, True)
    """
    records = cards.cards.to_dict("records")
    embedded = {
        "set_id": cards.set_id,
        "pseudonymized": cards.pseudonymized,
        "cards": [
            {
                "card_id": str(c["card_id"]),
                "doc_id": str(c["doc_id"]),
                "start_char": int(c["start_char"]),
                "end_char": int(c["end_char"]),
                "sha256": str(c["sha256"]),
                "text": str(c["text"]),
                "cut": bool(c.get("cut", False)),
                "meta": _meta(c),
            }
            for c in records
        ],
    }
    warning = (
        ""
        if cards.pseudonymized
        else '<p class="warning">Let op: deze kaarten zijn niet gepseudonimiseerd. Gebruik ze'
        " niet in een sessie.</p>\n"
    )
    return f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="{escape(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="sokwal-monitor {escape(__version__)}">
<title>{escape(title)} · {escape(cards.set_id)}</title>
<style>
{_asset("board.css")}</style>
</head>
<body>
<header>
<h1>{escape(title)}</h1>
<span class="set">kaartenset {escape(cards.set_id)} · {len(records)} kaarten</span>
<label>Bord <input id="board-name" type="text" maxlength="80"
 aria-label="Naam van het bord"></label>
<label>Openen <select id="boards" aria-label="Bewaarde borden"></select></label>
<button id="new-group" type="button">+ Nieuwe groep</button>
<button id="copy-mode" type="button" aria-pressed="false"
 title="Aan: een gesleepte kaart blijft ook in haar oude groep
 (met de muis: Alt of Ctrl ingedrukt houden)">Kopiëren</button>
<button id="undo" type="button" title="Ongedaan maken (Ctrl+Z)">↶ Ongedaan maken</button>
<button id="export" type="button">Exporteren</button>
<label class="button" id="import">Importeren<input id="import-file" type="file"
 accept=".json,application/json"></label>
<span id="status" role="status" aria-live="polite"></span>
</header>
{warning}<noscript><p>Het sorteerbord heeft JavaScript nodig.</p></noscript>
<main>
<section id="pile" aria-label="Stapel">
<h2>Stapel (<span id="pile-count">{len(records)}</span>)</h2>
<div id="pile-cards"></div>
</section>
<section id="board" aria-label="Bord"></section>
</main>
<script id="cardset" type="application/json">{_script_json(embedded)}</script>
<script>
{_asset("board.js")}</script>
</body>
</html>
"""


def write_board(cards: CardSet, path: str | PathLike[str], *, title: str = "Sorteerbord") -> Path:
    """Write :func:`board_html` to ``path`` (atomically); return the path."""
    if cards.cards.empty:
        raise DesignlabError(path, "no cards for the board")
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(board_html(cards, title=title), encoding="utf-8")
    tmp.replace(path)
    return path
