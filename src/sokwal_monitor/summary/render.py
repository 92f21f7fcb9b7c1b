"""A :class:`ProjectSummary` as HTML sections, in the summary's language.

Each function returns one self-contained HTML fragment (every text escaped); the report
notebook shows them one by one with ``IPython.display.HTML``, between its figures.

>>> from types import SimpleNamespace
>>> html = facts_html(SimpleNamespace(facts={"gemeente": "Zwolle <x>"}, lang="nl",
...     documents=pd.DataFrame(columns=["wave", "kind"])))
>>> html.startswith('<section class="facts"><h2>Projectgegevens</h2>')
True
>>> "<dt>gemeente</dt><dd>Zwolle &lt;x&gt;</dd>" in html
True
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._version import __version__
from .text import percent, say

if TYPE_CHECKING:
    from .project import ProjectSummary

__all__ = [
    "REPORT_CSS",
    "certainty_html",
    "codes_html",
    "facts_html",
    "header_html",
    "indicators_html",
    "learning_html",
    "survey_html",
    "topics_html",
]

#: The style of the HTML reports (kept inline: a report is one self-contained file).
REPORT_CSS = """
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2a33;
  max-width: 60rem; margin: 2rem auto; padding: 0 1.2rem; line-height: 1.5; }
h1 { color: #0f4c5c; margin-bottom: 0.2rem; } h2 { color: #0f4c5c; margin-top: 2rem;
  border-bottom: 2px solid #d7e3e8; padding-bottom: 0.2rem; }
.subtitle, .note { color: #5b6b75; font-size: 0.92rem; }
table { border-collapse: collapse; margin: 0.6rem 0; font-size: 0.92rem; }
th, td { border-bottom: 1px solid #d7e3e8; padding: 0.3rem 0.6rem; text-align: left;
  vertical-align: top; } th { background: #eef4f6; }
td.num { text-align: right; white-space: nowrap; }
dl { display: grid; grid-template-columns: max-content auto; gap: 0.2rem 1rem; }
dt { font-weight: 600; } dd { margin: 0; }
blockquote, .quote { font-style: italic; color: #34454f; }
.certainty { background: #fff6e0; border-left: 5px solid #e0a100; padding: 0.6rem 1.2rem;
  margin-top: 2rem; } .certainty h2 { border: none; margin-top: 0.4rem; }
.warning { background: #fde8e8; border-left: 5px solid #c9484f; padding: 0.6rem 1rem; }
img { max-width: 100%; height: auto; }
.jp-OutputPrompt, .jp-InputPrompt, .prompt { display: none; }
"""


def _table(frame: pd.DataFrame, numeric: set[str] = frozenset()) -> str:  # type: ignore[assignment]
    head = "".join(f"<th>{escape(str(c))}</th>" for c in frame.columns)
    body = []
    for row in frame.itertuples(index=False):
        cells = []
        for column, value in zip(frame.columns, row, strict=True):
            css = ' class="num"' if column in numeric else ""
            cells.append(f"<td{css}>{escape(_text(value))}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: float, lang: str, digits: int = 1) -> str:
    if value != value:
        return "–"
    text = f"{value:,.{digits}f}" if not float(value).is_integer() or digits else f"{value:,.0f}"
    if lang == "nl":
        text = text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")
    return text


def _count(value: float, lang: str) -> str:
    return _number(value, lang, 0) if float(value).is_integer() else _number(value, lang, 1)


def _section(css: str, title: str, body: str, note: str = "") -> str:
    note_html = f'<p class="note">{escape(note)}</p>' if note else ""
    return f'<section class="{css}"><h2>{escape(title)}</h2>{note_html}{body}</section>'


def _label(value: str) -> str:
    return str(value).replace("_", " ")


def _quote(text: str | None, limit: int = 220) -> str:
    if not text:
        return ""
    text = " ".join(str(text).split())
    if len(text) > limit:
        text = text[: limit - 1].rsplit(" ", 1)[0] + "…"
    return f"„{text}”"


def header_html(summary: ProjectSummary, *, date: dt.date | None = None) -> str:
    """The title and subtitle: the project's name, id, date and the toolkit's version."""
    lang = summary.lang
    subtitle = say(
        "subtitle",
        lang,
        project_id=summary.project_id,
        date=(date or dt.date.today()).isoformat(),
        version=__version__,
    )
    warning = (
        ""
        if summary.certainty.pseudonymized
        else f'<p class="warning">{escape(say("not_pseudonymized", lang))}</p>'
    )
    return (
        f"<header><h1>{escape(say('title', lang, name=summary.name))}</h1>"
        f'<p class="subtitle">{escape(subtitle)}</p>{warning}</header>'
    )


def facts_html(summary: ProjectSummary) -> str:
    """The project's metadata, and how many documents of each kind each wave has."""
    lang = summary.lang
    if summary.facts:
        items = "".join(
            f"<dt>{escape(_label(k))}</dt><dd>{escape(_text(v))}</dd>"
            for k, v in summary.facts.items()
        )
        body = f"<dl>{items}</dl>"
    else:
        body = f"<p>{escape(say('no_facts', lang))}</p>"
    docs = summary.documents
    if len(docs):
        counts = docs.groupby(["wave", "kind"], dropna=False).size().unstack(fill_value=0)
        counts.index = [_text(w) or "–" for w in counts.index]
        counts = counts.reset_index().rename(columns={"index": say("wave", lang)})
        body += f"<h3>{escape(say('material', lang))}</h3>" + _table(
            counts, set(counts.columns[1:])
        )
    return _section("facts", say("facts", lang), body)


def indicators_html(summary: ProjectSummary) -> str:
    """Reach and output figures found in the project's reports and interviews."""
    lang = summary.lang
    table = summary.indicators
    if table.empty:
        return _section(
            "indicators", say("indicators", lang), f"<p>{escape(say('no_indicators', lang))}</p>"
        )
    shown = pd.DataFrame(
        {
            say("indicator", lang): table["indicator"].map(_label),
            say("wave", lang): table["wave"].map(_text),
            say("value", lang): [_count(v, lang) for v in table["value"]],
            say("example", lang): table["example"].map(_quote),
        }
    )
    return _section("indicators", say("indicators", lang), _table(shown, {say("value", lang)}))


def codes_html(summary: ProjectSummary) -> str:
    """The heading and note of the codes-per-wave figure (or why there is none)."""
    lang = summary.lang
    if summary.codes_per_wave.empty:
        return _section("codes", say("codes_per_wave", lang), f"<p>{say('no_codes', lang)}</p>")
    note = say("codes_per_wave_note", lang, coder=summary.certainty.coder)
    return _section("codes", say("codes_per_wave", lang), "", note)


def _clear(frame: pd.DataFrame) -> pd.Series:
    new = (frame["before"] == 0) & (frame["after"] > 0)
    interval = (frame["ci_low"] > 0) | (frame["ci_high"] < 0)
    no_interval = frame["ci_low"].isna() & (frame["delta"] != 0)
    return new | interval | no_interval


def learning_html(summary: ProjectSummary, *, max_rows: int = 10) -> str:
    """The clear learning effects (new, or an interval without 0), each with a quote."""
    lang = summary.lang
    frame = summary.learning
    frame = frame[_clear(frame)] if len(frame) else frame
    if frame.empty:
        return _section("learning", say("learning", lang), f"<p>{say('no_learning', lang)}</p>")
    frame = frame.reindex(frame["delta"].abs().sort_values(ascending=False).index)[:max_rows]
    rows = []
    for r in frame.itertuples():
        what = _label(r.label) if r.kind == "code" else f"{say('topic', lang).lower()}: {r.label}"
        change = (
            say("new", lang)
            if r.before == 0
            else say("grew", lang)
            if r.delta > 0
            else say("shrank", lang)
        )
        interval = (
            ""
            if r.ci_low != r.ci_low
            else f"{percent(r.ci_low, lang)} … {percent(r.ci_high, lang)}".replace("%", "")
        )
        quote = (
            _quote(summary.quotes.get(r.example_segment_ids[0])) if r.example_segment_ids else ""
        )
        rows.append(
            {
                say("code", lang): what,
                say("wave", lang): f"{r.from_wave} → {r.to_wave}",
                say("change", lang): change,
                say("from_to", lang): f"{percent(r.before, lang)} → {percent(r.after, lang)}",
                say("interval", lang): interval,
                say("quote", lang): quote,
            }
        )
    return _section(
        "learning", say("learning", lang), _table(pd.DataFrame(rows)), say("learning_note", lang)
    )


def topics_html(summary: ProjectSummary, *, top: int = 8) -> str:
    """The project's most frequent topics, their share per wave."""
    lang = summary.lang
    table = summary.topics
    if table.empty:
        return _section("topics", say("topics", lang), f"<p>{say('no_topics', lang)}</p>")
    wide = table.pivot_table(index="label", columns="wave", values="share", fill_value=0.0)
    wide = wide.reindex(columns=list(dict.fromkeys(table["wave"])), fill_value=0.0)
    wide = wide.loc[wide.max(axis=1).sort_values(ascending=False, kind="mergesort").index[:top]]
    shown = pd.DataFrame({say("topic", lang): wide.index})
    for wave in wide.columns:
        shown[str(wave)] = [percent(v, lang) for v in wide[wave]]
    body = _table(shown, set(map(str, wide.columns)))
    return _section("topics", say("topics", lang), body, say("topics_note", lang))


def survey_html(summary: ProjectSummary) -> str:
    """Survey outcomes per wave: percentages and means with their 95% intervals and n."""
    lang = summary.lang
    table = summary.survey
    if table.empty:
        return _section("survey", say("survey", lang), f"<p>{say('no_survey', lang)}</p>")
    waves = list(dict.fromkeys(table["wave"]))
    rows = []
    for (_, _stat, _cat), group in table.groupby(
        ["variable", "statistic", "category"], sort=False, dropna=False
    ):
        first = group.iloc[0]
        label = first["variable_label"] if isinstance(first["variable_label"], str) else ""
        row = {
            say("question", lang): label or first["variable"],
            say("answer", lang): (
                say("mean", lang) if first["statistic"] == "mean" else _text(first["category"])
            ),
        }
        for wave in waves:
            hit = group[group["wave"] == wave]
            if hit.empty:
                row[str(wave)] = ""
                continue
            h = hit.iloc[0]
            if h["statistic"] == "mean":
                value = _number(h["value"], lang, 2)
                ci = f"{_number(h['ci_low'], lang, 2)}–{_number(h['ci_high'], lang, 2)}"
            else:
                value = percent(h["value"], lang)
                ci = f"{percent(h['ci_low'], lang)}–{percent(h['ci_high'], lang)}"
            row[str(wave)] = f"{value} ({ci}; n={int(h['n'])})"
        rows.append(row)
    body = _table(pd.DataFrame(rows), {str(w) for w in waves})
    return _section("survey", say("survey", lang), body, say("survey_note", lang))


def certainty_html(summary: ProjectSummary) -> str:
    """The "how sure are we" box: material, who coded, agreement, caveats."""
    lang = summary.lang
    c = summary.certainty
    items = [
        say("n_of", lang, n=c.n_interviews, what=say("interviews", lang))
        + (
            " (" + ", ".join(f"{w}: {n}" for w, n in c.interviews_per_wave.items()) + ")"
            if c.interviews_per_wave
            else ""
        ),
        say("n_of", lang, n=c.n_reports, what=say("reports", lang)),
        say("n_of", lang, n=c.n_respondents, what=say("respondents", lang)),
    ]
    if c.survey_respondents:
        items.append(
            say("survey_respondents", lang).capitalize()
            + ": "
            + ", ".join(f"{w}: {n}" for w, n in c.survey_respondents.items())
        )
    if c.codings_by_origin:
        parts = ", ".join(
            f"{n} {say('origin_' + o, lang) if 'origin_' + o in _ORIGIN_KEYS else o}"
            for o, n in sorted(c.codings_by_origin.items())
        )
        items.append(say("codings_by_origin", lang, parts=parts))
        if c.automatic_share == c.automatic_share and c.automatic_share > 0:
            items.append(say("automatic_share", lang, share=percent(c.automatic_share, lang)))
    if c.coder:
        items.append(say("coder_used", lang, coder=c.coder))
    if c.agreement:
        a = c.agreement
        items.append(
            say(
                "agreement",
                lang,
                a=a["coders"][0],
                b=a["coders"][1],
                alpha=_number(a["alpha"], lang, 2),
                low=_number(a["ci_low"], lang, 2),
                high=_number(a["ci_high"], lang, 2),
                n=a["n_units"],
            )
        )
    else:
        items.append(say("no_agreement", lang))
    per_wave = list(c.interviews_per_wave.values())
    if per_wave and len(per_wave) > 1 and min(per_wave) < 10:
        items.append(say("few_interviews", lang, n=min(per_wave)))
    if c.pseudonymized:
        items.append(say("pseudonymized", lang))
    body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    return f'<section class="certainty"><h2>{escape(say("certainty", lang))}</h2>{body}</section>'


_ORIGIN_KEYS = {"origin_manual", "origin_rule", "origin_model", "origin_import"}
