"""A :class:`ProjectSummary` as HTML sections, in the summary's language.

Each function returns one self-contained HTML fragment (every text escaped); the report
notebook shows them one by one with ``IPython.display.HTML``, between its figures.

>>> from types import SimpleNamespace
>>> html = facts_html(SimpleNamespace(facts={"gemeente": "Zwolle <x>"}, lang="nl",
...     documents=pd.DataFrame(columns=["wave", "kind"])))
>>> html.startswith('<section class="facts"><h2>Projectgegevens</h2>')
True
>>> "<dt>Gemeente</dt><dd>Zwolle &lt;x&gt;</dd>" in html
True
"""

from __future__ import annotations

import datetime as dt
import math
from html import escape
from typing import TYPE_CHECKING, Any

import pandas as pd

from .._version import __version__
from ..model import wave_sort_key
from .lessons import LESSON_TYPES, is_sentence, lesson_themes, one_per_quote, sentence_quote
from .text import count_of, fact_label, percent, say

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
    "lessons_html",
    "role_label",
    "survey_html",
    "topics_html",
    "type_label",
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
.lessons h3 { color: #0f4c5c; margin-bottom: 0.3rem; }
.lessons blockquote { margin: 0.5rem 0 0.9rem 0; padding: 0.1rem 0 0.1rem 0.9rem;
  border-left: 4px solid #9cc3cf; }
.lessons blockquote p { margin: 0; }
.lessons .who { display: block; font-style: normal; color: #5b6b75; font-size: 0.88rem; }
.lessons .kind { display: inline-block; font-style: normal; font-size: 0.8rem;
  background: #eef4f6; color: #0f4c5c; border-radius: 0.6rem; padding: 0 0.5rem;
  margin-right: 0.4rem; }
.secondary h2 { font-size: 1.2rem; }
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


def _quote(text: str | None, limit: int = 260) -> str:
    """Whole sentences of ``text`` in Dutch quotation marks, or "" when it holds none
    (a table row or a heading is no quote)."""
    quote = sentence_quote(text, limit) if text else None
    return f"„{quote}”" if quote else ""


def type_label(kind: str, lang: str = "nl") -> str:
    """A lesson type in words (``insight`` → "inzicht opgedaan"); unknown types as written.

    >>> type_label("advice"), type_label("advice", "en"), type_label("other_kind")
    ('advies aan anderen', 'advice to others', 'other kind')
    """
    key = f"type_{kind}"
    return say(key, lang) if kind in LESSON_TYPES else _label(kind)


#: Role words of the lessons table and the segments, mapped to the dictionary's keys.
_ROLE_KEYS = {
    "initiator": "initiator", "initiatiefnemer": "initiator", "volunteer": "volunteer",
    "vrijwilliger": "volunteer", "municipality": "municipality", "gemeente": "municipality",
    "professional": "professional", "report": "report", "verslag": "report",
    "rapport": "report", "respondent": "respondent", "interviewer": "interviewer",
    "participant": "participant", "deelnemer": "participant",
}  # fmt: skip


def role_label(role: str, lang: str = "nl") -> str:
    """Who said a lesson, in words (a role, never a name); empty → "onbekend".

    >>> role_label("initiator"), role_label("report", "en"), role_label("")
    ('initiatiefnemer', 'report', 'onbekend')
    """
    key = _ROLE_KEYS.get(str(role).strip().lower())
    if key:
        return say(f"role_{key}", lang)
    return _label(role) if str(role).strip() else say("role_unknown", lang)


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
            f"<dt>{escape(fact_label(k, lang))}</dt><dd>{escape(_fact(k, v, lang))}</dd>"
            for k, v in summary.facts.items()
        )
        body = f"<dl>{items}</dl>"
    else:
        body = f"<p>{escape(say('no_facts', lang))}</p>"
    docs = summary.documents
    if len(docs):
        counts = docs.groupby(["wave", "kind"], dropna=False).size().unstack(fill_value=0)
        counts.index = [_text(w) or "–" for w in counts.index]
        counts.columns = [say(_KIND_KEYS.get(str(k), "others"), lang) for k in counts.columns]
        counts = counts.T.groupby(level=0, sort=False).sum().T
        counts = counts.reset_index().rename(columns={"index": say("wave", lang)})
        body += f"<h3>{escape(say('material', lang))}</h3>" + _table(
            counts, set(counts.columns[1:])
        )
    return _section("facts", say("facts", lang), body)


#: Document kinds as the material table's columns (plural text keys).
_KIND_KEYS = {"interview": "interviews", "report": "reports", "survey": "surveys"}


def _fact(key: str, value: Any, lang: str) -> str:
    """A metadata value as a reader expects it: budgets in euros with thousands
    separators, years without."""
    if str(key).lower() in ("budget_eur", "budget"):
        try:
            amount = float(str(value).replace(",", "."))
        except ValueError:
            return _text(value)
        if math.isfinite(amount):
            return say("fact_budget", lang, value=_number(amount, lang, 0))
    return _text(value)


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
            say("example", lang): [_quote(e) or say("from_table", lang) for e in table["example"]],
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


#: Statements per wave below which a change's interval is not shown.
MIN_UNITS_FOR_INTERVAL = 20


def _interval_means_something(row: Any) -> bool:
    """An interval is shown for a theme present in both waves, each with enough units."""
    return (
        row.ci_low == row.ci_low
        and row.before > 0
        and row.n_before >= MIN_UNITS_FOR_INTERVAL
        and row.n_after >= MIN_UNITS_FOR_INTERVAL
    )


def learning_html(summary: ProjectSummary, *, max_rows: int = 10) -> str:
    """The secondary section: clear shifts in how often a theme comes up between waves
    (new, or an interval without 0), each with a quote that is a full sentence, under a
    one-sentence caveat; intervals only where they mean something, explained once.
    Topics have their own section."""
    lang = summary.lang
    frame = summary.learning
    if len(frame):
        frame = frame[_clear(frame) & (frame["kind"] == "code")]
    if frame.empty:
        return _section(
            "learning secondary", say("learning", lang), f"<p>{say('no_learning', lang)}</p>"
        )
    frame = frame.reindex(frame["delta"].abs().sort_values(ascending=False).index)[:max_rows]
    rows = []
    any_interval = False
    for r in frame.itertuples():
        change = (
            say("new", lang)
            if r.before == 0
            else say("grew", lang)
            if r.delta > 0
            else say("shrank", lang)
        )
        interval = ""
        if _interval_means_something(r):
            any_interval = True
            interval = f"{percent(r.ci_low, lang)} … {percent(r.ci_high, lang)}".replace("%", "")
        quote = next(
            (q for q in (_quote(summary.quotes.get(i)) for i in r.example_segment_ids) if q), ""
        )
        rows.append(
            {
                say("code", lang): _label(r.label),
                say("wave", lang): f"{r.from_wave} → {r.to_wave}",
                say("change", lang): change,
                say("from_to", lang): f"{percent(r.before, lang)} → {percent(r.after, lang)}",
                say("interval", lang): interval,
                say("quote", lang): quote,
            }
        )
    table = pd.DataFrame(rows)
    notes = [say("learning_note", lang), say("learning_caveat", lang)]
    if any_interval:
        notes.append(say("interval_explained", lang, n=MIN_UNITS_FOR_INTERVAL))
    else:
        table = table.drop(columns=[say("interval", lang)])
    body = "".join(f'<p class="note">{escape(n)}</p>' for n in notes) + _table(table)
    return _section("learning secondary", say("learning", lang), body)


def lessons_html(summary: ProjectSummary) -> str:
    """The first section: what the initiators learned, by theme and type, each lesson a
    quote of whole sentences with who said it (role, not name) and when (wave)."""
    lang = summary.lang
    title = say("lessons", lang)
    frame = getattr(summary, "lessons", None)
    if frame is None or frame.empty:
        return _section("lessons", title, f"<p>{escape(say('no_lessons', lang))}</p>")
    # lessons that share a sentence (one widened to the next) are one quote, with both types
    frame = one_per_quote(frame)
    frame = frame[frame["text"].map(is_sentence)]
    if frame.empty:
        return _section("lessons", title, f"<p>{escape(say('no_lessons', lang))}</p>")
    other = say("other_theme", lang)
    themes = frame["themes"].map(lesson_themes)
    first = themes.map(lambda t: _label(t[0]) if t else "")
    type_order = {t: i for i, t in enumerate(LESSON_TYPES)}
    ordered = frame.assign(
        sort_theme=first,
        sort_themes=themes,
        sort_type=frame["type"].map(lambda t: type_order.get(t, len(type_order))),
        sort_wave=frame["wave"].map(wave_sort_key),
    )
    sizes = ordered.groupby("sort_theme").size()
    ordered = ordered.assign(
        sort_size=ordered["sort_theme"].map(sizes),
        sort_last=ordered["sort_theme"] == "",
    ).sort_values(
        ["sort_last", "sort_size", "sort_theme", "sort_type", "sort_wave"],
        ascending=[True, False, True, True, True],
        kind="mergesort",
    )
    n_themes = int((sizes.index != "").sum())
    type_counts = frame["type"].value_counts()
    types = ", ".join(
        f"{int(type_counts[t])} {type_label(t, lang)}"
        for t in sorted(type_counts.index, key=lambda t: type_order.get(t, len(type_order)))
    )
    intro = say(
        "lessons_count",
        lang,
        n=len(frame),
        what=say("lesson" if len(frame) == 1 else "lessons_plural", lang),
        themes=n_themes,
        themes_word=say("theme_word" if n_themes == 1 else "themes_word", lang),
        types=types,
    )
    parts = [f'<p class="note">{escape(say("lessons_note", lang))}</p>', f"<p>{escape(intro)}</p>"]
    for theme, group in ordered.groupby("sort_theme", sort=False):
        heading = str(theme)[:1].upper() + str(theme)[1:] if theme else other
        parts.append(f"<h3>{escape(heading)} ({len(group)})</h3>")
        for r in group.itertuples():
            who = say("said_by", lang, role=role_label(r.role, lang), wave=r.wave or "–")
            also = [_label(t) for t in r.sort_themes[1:]]
            extra = f" · {say('also_themes', lang, themes=', '.join(also))}" if also else ""
            text = " ".join(str(r.text).split())
            kinds = "".join(
                f'<span class="kind">{escape(type_label(t, lang))}</span>'
                for t in str(r.types).split(";")
            )
            parts.append(
                f'<blockquote data-lesson="{escape(str(r.lesson_id))}"><p>„{escape(text)}”</p>'
                f'<span class="who">{kinds}{escape(who + extra)}</span></blockquote>'
            )
    return _section("lessons", title, "".join(parts))


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
                row[str(wave)] = f"{value} ({ci}; n={int(h['n'])})"
            else:
                row[str(wave)] = f"{percent(h['value'], lang)} (n={int(h['n'])})"
        rows.append(row)
    body = _table(pd.DataFrame(rows), {str(w) for w in waves})
    return _section("survey", say("survey", lang), body, say("survey_note", lang))


def certainty_html(summary: ProjectSummary) -> str:
    """The "how sure are we" box: material, who coded, agreement, caveats."""
    lang = summary.lang
    c = summary.certainty
    items = [
        count_of(c.n_interviews, "interview", "interviews", lang)
        + (
            " (" + ", ".join(f"{w}: {n}" for w, n in c.interviews_per_wave.items()) + ")"
            if c.interviews_per_wave
            else ""
        ),
        count_of(c.n_reports, "report", "reports", lang),
        count_of(c.n_respondents, "respondent", "respondents", lang),
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
        fewest = min(per_wave)
        items.append(
            say(
                "few_interviews",
                lang,
                n=fewest,
                interviews=say("interview" if fewest == 1 else "interviews", lang),
            )
        )
    if c.pseudonymized:
        items.append(say("pseudonymized", lang))
    body = "<ul>" + "".join(f"<li>{escape(i)}</li>" for i in items) + "</ul>"
    return f'<section class="certainty"><h2>{escape(say("certainty", lang))}</h2>{body}</section>'


_ORIGIN_KEYS = {"origin_manual", "origin_rule", "origin_model", "origin_import"}
