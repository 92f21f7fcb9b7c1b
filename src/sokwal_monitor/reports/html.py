"""An executed notebook as a self-contained HTML page without code, and ``index.html``."""

from __future__ import annotations

import datetime as dt
from html import escape
from pathlib import Path
from typing import Any

import pandas as pd

from .._version import __version__
from ..summary.render import REPORT_CSS
from ..summary.text import check_lang, say
from .results import ReportResult

#: Cells with this tag explain the notebook to a researcher; reports leave them out.
EXPLAIN_TAG = "explain"


def to_html(notebook: Any, *, title: str, lang: str = "nl") -> str:
    """An executed notebook as one self-contained HTML page without code.

    Code cells' inputs, cells tagged ``explain`` and error or warning output (stderr)
    are left out; figures stay embedded as data URIs. The page loads nothing else.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.from_dict(notebook) if isinstance(notebook, dict) else notebook
    cells = []
    for cell in nb.cells:
        if EXPLAIN_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
                and o.get("output_type") != "error"
            ]
        cells.append(cell)
    nb.cells = cells
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="sokwal-monitor {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{REPORT_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _title(nb: Any) -> str | None:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            if isinstance(text, list):
                text = "".join(text)
            if "<h1>" in text:
                return _strip_tags(text.split("<h1>", 1)[1].split("</h1>", 1)[0])
    return None


def _strip_tags(text: str) -> str:
    import html as html_lib
    import re

    return html_lib.unescape(re.sub(r"<[^>]+>", "", text))


def write_index(
    out_dir: Path, overview: pd.DataFrame, results: list[ReportResult], *, lang: str = "nl"
) -> Path:
    """``index.html``: every project with its key figures and a link to its report (or
    the reason it failed). Projects not rendered this time keep a link when their
    report exists from an earlier run."""
    lang = check_lang(lang)
    by_id = {r.project_id: r for r in results}
    headers = [
        say("project", lang),
        "",
        say("waves", lang).capitalize(),
        say("interviews", lang).capitalize(),
        say("reports", lang).capitalize(),
        say("survey_respondents", lang).capitalize(),
        say("codings", lang),
        say("top_codes", lang),
        "",
    ]
    rows = []
    for row in overview.itertuples(index=False):
        pid = str(row.project_id)
        name = next(
            (str(getattr(row, c)) for c in ("name", "naam") if pd.notna(getattr(row, c, None))),
            "",
        )
        result = by_id.get(pid)
        if result is not None and not result.ok:
            reason = escape(result.error or "")
            link = f'<span class="failed">{escape(say("failed", lang))}: {reason}</span>'
        elif (out_dir / f"{pid}.html").exists():
            link = f'<a href="{escape(pid)}.html">{escape(say("open", lang))}</a>'
        else:
            link = ""
        cells = [
            escape(pid),
            escape(name),
            escape(str(row.waves)),
            str(row.n_interviews),
            str(row.n_reports),
            str(row.n_surveyed),
            str(row.n_codings),
            escape(str(row.top_codes).replace("_", " ")),
            link,
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    title = say("programme_title", lang)
    failed = [r for r in results if not r.ok]
    summary = (
        f'<p class="warning">{escape(say("failed", lang))}: '
        f"{escape(', '.join(r.project_id for r in failed))}</p>"
        if failed
        else ""
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{REPORT_CSS}\n.failed {{ color: #c9484f; }}"
        f"</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n"
        f'<p class="subtitle">{escape(say("index_intro", lang))} '
        f"({dt.date.today().isoformat()}, sokwal-monitor {escape(__version__)})</p>\n{summary}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"
        "</body>\n</html>\n"
    )
    index = out_dir / "index.html"
    tmp = index.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(index)
    return index
