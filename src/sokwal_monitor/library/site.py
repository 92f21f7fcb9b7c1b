"""The lessons library (*vindplaats*) as a static, offline website.

``index.html`` lists every lesson (server-rendered, escaped) with search, filters and
grouping done by a small script over an embedded JSON index; ``thema-<naam>.html`` has one
theme's lessons for printing at a theme meeting. The pages load nothing: style and script
are inline, so the folder works from a USB stick (``file://``) and on a phone.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from html import escape
from os import PathLike
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pandas as pd

from .._version import __version__
from ..store import ProjectStore, StoreLike, open_store
from ..summary.lessons import lesson_themes, one_per_quote
from ..summary.render import role_label, type_label
from ..summary.text import check_lang, say
from .curation import LibraryError, library_lessons

__all__ = ["LIBRARY_CSS", "LibraryResult", "write_library"]


@dataclass
class LibraryResult:
    """What :func:`write_library` wrote: ``index`` and the theme ``pages``, how many
    lessons it shows and how many the researcher hid, whether the store was
    pseudonymized, and ``warnings`` (plain sentences)."""

    index: Path
    pages: list[Path]
    n_lessons: int
    n_hidden: int
    pseudonymized: bool
    warnings: list[str] = field(default_factory=list)


#: The library's style: readable on a phone, and a print view without the controls.
LIBRARY_CSS = """
* { box-sizing: border-box; }
body { font-family: "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: #1d2a33;
  max-width: 56rem; margin: 0 auto; padding: 1rem; line-height: 1.5; }
h1 { color: #0f4c5c; font-size: 1.6rem; margin: 0.4rem 0; }
h2 { color: #0f4c5c; font-size: 1.2rem; border-bottom: 2px solid #d7e3e8; margin-top: 1.6rem; }
a { color: #0f6b80; }
.intro, .made, .count { color: #4b5b65; }
.controls { display: flex; flex-wrap: wrap; gap: 0.6rem 1rem; background: #eef4f6;
  padding: 0.8rem; border-radius: 0.4rem; }
.controls label { display: flex; flex-direction: column; font-size: 0.85rem; font-weight: 600;
  flex: 1 1 10rem; min-width: 0; }
.controls .search { flex: 2 1 16rem; }
.controls input, .controls select { font: inherit; font-weight: normal; padding: 0.35rem;
  border: 1px solid #9cb3bd; border-radius: 0.3rem; width: 100%; max-width: 100%; }
article.lesson { border: 1px solid #d7e3e8; border-radius: 0.4rem; padding: 0.7rem 0.9rem;
  margin: 0.8rem 0; overflow-wrap: anywhere; break-inside: avoid; }
article.lesson.fav { border-color: #e0a100; border-width: 2px; }
article.lesson blockquote { margin: 0.3rem 0; font-size: 1.05rem; }
article.lesson p { margin: 0.25rem 0; }
.badges span { display: inline-block; font-size: 0.8rem; border-radius: 0.6rem;
  padding: 0 0.5rem; margin: 0 0.3rem 0.2rem 0; background: #eef4f6; color: #0f4c5c; }
.badges .favmark { background: #fff1c7; color: #7a5600; }
.who, .project, .tags, .edited { font-size: 0.9rem; color: #4b5b65; }
.project strong { color: #1d2a33; }
details.original { font-size: 0.9rem; color: #4b5b65; }
details.original blockquote { font-style: italic; margin: 0.3rem 0 0.3rem 1rem; }
.warning { background: #fde8e8; border-left: 5px solid #c9484f; padding: 0.6rem 1rem; }
nav.themes ul { padding-left: 1.2rem; } nav.themes li { margin: 0.15rem 0; }
[hidden] { display: none !important; }
.controls .toggle { display: none; font: inherit; font-weight: 600; padding: 0.35rem 0.8rem;
  border: 1px solid #9cb3bd; border-radius: 0.3rem; background: #fff; color: #0f4c5c; }
@media (max-width: 40rem) {
  .controls .toggle { display: block; flex: 1 1 100%; }
  .controls:not(.open) label:not(.search) { display: none; }
}
@media print {
  .controls, nav, .noprint, noscript { display: none !important; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  article.lesson { border: none; border-top: 1px solid #999; border-radius: 0; }
  details.original > * { display: block; }
  a { color: inherit; text-decoration: none; }
}
"""

_SCRIPT = r"""(function () {
  "use strict";
  var index = JSON.parse(document.getElementById("lesson-index").textContent);
  var T = index.texts, lessons = index.lessons, cards = {};
  Array.prototype.forEach.call(document.querySelectorAll("article.lesson"), function (c) {
    cards[c.getAttribute("data-id")] = c;
  });
  var list = document.getElementById("lessons"), count = document.getElementById("count");
  var none = document.getElementById("none");
  var controls = {};
  ["q", "thema", "soort", "project", "regio", "groep"].forEach(function (name) {
    controls[name] = document.getElementById("f-" + name);
  });
  function norm(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  function fits(l, words) {
    for (var i = 0; i < words.length; i++) {
      if (l.search.indexOf(words[i]) < 0) return false;
    }
    var c = controls;
    return (!c.thema.value || l.themes.indexOf(c.thema.value) >= 0) &&
      (!c.soort.value || l.types.indexOf(c.soort.value) >= 0) &&
      (!c.project.value || l.kind === c.project.value) &&
      (!c.regio.value || l.region === c.regio.value);
  }
  function apply() {
    var words = norm(controls.q.value).split(/\s+/).filter(Boolean);
    var groups = {}, order = [];
    var shown = lessons.filter(function (l) { return fits(l, words); });
    shown.forEach(function (l) {
      var key = l.groups[controls.groep.value] || "";
      if (!Object.prototype.hasOwnProperty.call(groups, key)) { groups[key] = []; order.push(key); }
      groups[key].push(l);
    });
    order.sort(function (a, b) {  // lessons without a theme (region, ...) last
      if (a === "" || b === "") return a === "" ? (b === "" ? 0 : 1) : -1;
      return (groups[b].length - groups[a].length) || a.localeCompare(b, "nl");
    });
    list.textContent = "";
    order.forEach(function (key) {
      var section = document.createElement("section");
      var h = document.createElement("h2");
      var empty = controls.groep.value === "thema" ? T.notheme : T.unknown;
      h.textContent = (key || empty) + " (" + groups[key].length + ")";
      section.appendChild(h);
      groups[key].forEach(function (l) { section.appendChild(cards[l.id]); });
      list.appendChild(section);
    });
    count.textContent = T.count.replace("{n}", shown.length).replace("{total}", lessons.length);
    none.hidden = shown.length > 0 || lessons.length === 0;
    var state = [];
    Object.keys(controls).forEach(function (name) {
      var v = controls[name].value;
      if (v && !(name === "groep" && v === "thema")) state.push(name + "=" + encodeURIComponent(v));
    });
    try { history.replaceState(null, "", state.length ? "#" + state.join("&") : "#"); }
    catch (e) { /* some browsers refuse this on file:// pages; the filters still work */ }
  }
  location.hash.replace(/^#/, "").split("&").forEach(function (pair) {
    var at = pair.indexOf("="), name = pair.slice(0, at);
    if (at > 0 && controls[name]) {
      try { controls[name].value = decodeURIComponent(pair.slice(at + 1)); } catch (e) { }
    }
  });
  Object.keys(controls).forEach(function (name) {
    controls[name].addEventListener(name === "q" ? "input" : "change", apply);
  });
  var form = document.getElementById("controls"), toggle = document.getElementById("f-toggle");
  function open(yes) {
    form.classList.toggle("open", yes);
    toggle.setAttribute("aria-expanded", yes ? "true" : "false");
  }
  toggle.addEventListener("click", function () { open(!form.classList.contains("open")); });
  open(["thema", "soort", "project", "regio"].some(function (n) { return controls[n].value; }));
  form.hidden = false;
  apply();
})();"""


def _norm(text: str) -> str:
    """Lower case without accents, as the page's script normalizes a query."""
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _slug(text: str, taken: set[str]) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", _norm(text)).strip("-")[:60] or "thema"
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    taken.add(slug)
    return slug


def _label(code: str) -> str:
    return str(code).replace("_", " ")


def _json_for_html(data: Any) -> str:
    """JSON that is safe inside ``<script type="application/json">``."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, code in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                       ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):  # fmt: skip
        text = text.replace(char, code)
    return text


def _waves(value: str) -> str:
    waves = [w for w in value.split(";") if w]
    if not waves:
        return ""
    return waves[0] if len(waves) == 1 else f"{waves[0]}–{waves[-1]}"


def _card(row: Any, lang: str, link: str) -> str:
    """One lesson as an ``<article>``, every text escaped."""
    themes = [_label(t) for t in lesson_themes(row.themes)]
    badges = [f"<span>{escape(type_label(t, lang))}</span>" for t in str(row.types).split(";")]
    if row.favourite:
        badges.insert(0, f'<span class="favmark">★ {escape(say("lib_favourite", lang))}</span>')
    parts = [
        f'<article class="lesson{" fav" if row.favourite else ""}"'
        f' data-id="{escape(str(row.lesson_id))}">',
        f'<p class="badges">{"".join(badges)}</p>',
        f"<blockquote>„{escape(' '.join(str(row.library_text).split()))}”</blockquote>",
    ]
    who = ", ".join(
        [role_label(row.role, lang)]
        + ([say("wave", lang).lower() + " " + row.wave] if row.wave else [])
    )
    if row.edited:
        original = " ".join(str(row.original).split())
        parts.append(f'<p class="edited">{escape(say("lib_edited", lang))}</p>')
        parts.append(
            f'<details class="original"><summary>{escape(say("lib_original", lang))}'
            f" ({escape(who)})</summary><blockquote>„{escape(original)}”</blockquote></details>"
        )
    else:
        parts.append(f'<p class="who">— {escape(who)}</p>')
    name = row.project_name or row.project_id
    facts = [row.project_kind]
    place = ", ".join(p for p in (row.municipality, row.region) if p)
    facts.append(place)
    if row.start_year:
        facts.append(say("lib_since", lang, year=row.start_year))
    waves = _waves(row.project_waves)
    if waves:
        facts.append(say("lib_waves", lang, waves=waves))
    context = " · ".join(escape(f) for f in facts if f)
    project = f'<p class="project"><strong>{escape(name)}</strong>'
    project += f" — {context}" if context else ""
    if link:
        project += f' · <a href="{escape(link)}">{escape(say("lib_project_page", lang))}</a>'
    project += "</p>"
    parts.append(project)
    if row.description:
        parts.append(f'<p class="project">{escape(row.description)}</p>')
    if themes:
        label = say("themes_word" if len(themes) > 1 else "theme_word", lang).capitalize()
        parts.append(f'<p class="tags">{escape(label)}: {escape(", ".join(themes))}</p>')
    parts.append("</article>")
    return "".join(parts)


def _page(title: str, body: str, lang: str, warning: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="sokwal-monitor {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{LIBRARY_CSS}</style>\n</head>\n<body>\n"
        f"{warning}{body}\n</body>\n</html>\n"
    )


def _write(path: Path, text: str) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(path)


def _options(name: str, label: str, values: dict[str, str], lang: str, css: str = "") -> str:
    options = [f'<option value="">{escape(say("lib_all", lang))}</option>']
    for value, text in sorted(values.items(), key=lambda kv: _norm(kv[1])):
        options.append(f'<option value="{escape(value)}">{escape(text)}</option>')
    return f'<label{css}>{escape(label)}<select id="f-{name}">{"".join(options)}</select></label>'


def _pseudonymized(store: ProjectStore) -> bool:
    docs = store.documents()
    texts = docs[docs["kind"] != "survey"]
    return bool(texts["pseudonymized_at"].notna().all())


def write_library(
    store: StoreLike,
    out: str | PathLike[str],
    *,
    lang: str = "nl",
    reports: str | PathLike[str] | None = None,
    statuses: Sequence[str] = ("confirmed", "proposed"),
    allow_original_text: bool = False,
    date: dt.date | None = None,
) -> LibraryResult:
    """Write the lessons library (*vindplaats*) for initiators into folder ``out``.

    Parameters
    ----------
    store : ProjectStore or path
        A pseudonymized project store with lessons.
    out : path
        The folder (made when missing): ``index.html`` (search, filters, grouping by
        theme, kind of project or region) and ``thema-<naam>.html`` per theme (print
        view). Theme pages of an earlier run are removed first.
    lang : {"nl", "en"}, default "nl"
        The language of the pages.
    reports : path, optional
        The folder of the project pages (``sokwal report --out``): each lesson links to
        its project's page there, by a relative link, when that page exists.
    statuses : sequence of str, default ("confirmed", "proposed")
        The lesson statuses shown (rejected lessons never are).
    allow_original_text : bool, default False
        Write the library of a store that is not pseudonymized, with a red warning on
        every page; without it such a store is refused (:class:`LibraryError`).
    date : datetime.date, optional
        The date the pages name (default today).

    Returns
    -------
    LibraryResult

    Examples
    --------
    >>> import pathlib, tempfile
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> with ProjectStore(root / "s.sokwal") as store:
    ...     result = write_library(store, root / "vindplaats")
    >>> result.index.name, result.n_lessons
    ('index.html', 0)
    """
    check_lang(lang)
    if not isinstance(store, ProjectStore):
        if not Path(store).exists():
            raise LibraryError(store, "no such project store", "check the path")
        with open_store(store, create=False) as opened:
            return write_library(
                opened, out, lang=lang, reports=reports, statuses=statuses,
                allow_original_text=allow_original_text, date=date,
            )  # fmt: skip
    private = _pseudonymized(store)
    if not private and not allow_original_text:
        raise LibraryError(
            store.path,
            "not pseudonymized: the library would show names and other personal data",
            "run sokwal pseudonymize first (or allow the original text for a private preview)",
        )
    warnings: list[str] = []
    if not private:
        warnings.append("the store is not pseudonymized: the library shows the original text")
    shown = _one_card_per_quote(library_lessons(store, statuses=tuple(statuses)))
    every = library_lessons(store, statuses=tuple(statuses), include_hidden=True)
    out_dir = Path(out)
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob("thema-*.html"):
        old.unlink()
    links = _links(shown, out_dir, reports, warnings)
    warning = (
        "" if private else f'<p class="warning">{escape(say("lib_not_pseudonymized", lang))}</p>\n'
    )
    made = say("lib_made", lang, date=(date or dt.date.today()).isoformat(), version=__version__)
    taken: set[str] = set()
    theme_pages: dict[str, str] = {}
    for code in dict.fromkeys(t for value in shown["themes"] for t in lesson_themes(value)):
        theme_pages[code] = f"thema-{_slug(_label(code), taken)}.html"
    if any(not lesson_themes(v) for v in shown["themes"]):
        theme_pages[""] = f"thema-{_slug(say('lib_no_theme', lang), taken)}.html"
    cards = {str(r.lesson_id): _card(r, lang, links.get(str(r.lesson_id), ""))
             for r in shown.itertuples()}  # fmt: skip

    pages = []
    for code, name in sorted(theme_pages.items(), key=lambda kv: (not kv[0], _norm(_label(kv[0])))):
        pages.append(_theme_page(out_dir / name, code, shown, cards, lang, warning, made))
    _write(out_dir / "index.html", _index(shown, cards, theme_pages, lang, warning, made))
    return LibraryResult(
        index=out_dir / "index.html",
        pages=pages,
        n_lessons=len(shown),
        n_hidden=int(every["hidden"].sum()) if len(every) else 0,
        pseudonymized=private,
        warnings=warnings,
    )


def _one_card_per_quote(shown: pd.DataFrame) -> pd.DataFrame:
    """Lessons of one document that share a sentence as one card with every type
    (:func:`~sokwal_monitor.summary.lessons.one_per_quote`): the quote is the span of
    them together, a favourite when one of them is, and the researcher's wording of the
    first edited one."""
    if shown.empty:
        return shown.assign(types=shown["type"], lesson_ids=shown["lesson_id"])
    by_id = shown.set_index("lesson_id")
    cards = one_per_quote(shown)
    rows = []
    for card in cards.itertuples(index=False):
        members = by_id.loc[str(card.lesson_ids).split(";")]
        edited = members[members["edited"]]
        row = card._asdict()
        row["original"] = card.text
        row["favourite"] = bool(members["favourite"].any())
        row["edited"] = not edited.empty
        row["library_text"] = edited["library_text"].iloc[0] if row["edited"] else card.text
        rows.append(row)
    out = pd.DataFrame(rows, columns=cards.columns)
    # favourites first, as library_lessons sorts them
    return out.sort_values("favourite", ascending=False, kind="mergesort").reset_index(drop=True)


def _links(
    shown: pd.DataFrame, out_dir: Path, reports: str | PathLike[str] | None, warnings: list[str]
) -> dict[str, str]:
    """lesson id → relative link to its project's page, where that page exists."""
    if reports is None:
        return {}
    folder = Path(reports)
    if not folder.is_dir():
        warnings.append(f"{folder}: no such reports folder; the lessons link to no project page")
        return {}
    rel = os.path.relpath(folder.resolve(), out_dir.resolve()).replace(os.sep, "/")
    links = {}
    for lesson_id, pid in zip(shown["lesson_id"], shown["project_id"], strict=True):
        if pid and (folder / f"{pid}.html").is_file():
            links[str(lesson_id)] = f"{quote(rel)}/{quote(str(pid))}.html"
    return links


def _index(
    shown: pd.DataFrame,
    cards: dict[str, str],
    theme_pages: dict[str, str],
    lang: str,
    warning: str,
    made: str,
) -> str:
    no_theme = say("lib_no_theme", lang)
    unknown = say("lib_unknown", lang)
    entries = []
    for r in shown.itertuples():
        themes = lesson_themes(r.themes)
        search = " ".join(
            [str(r.library_text), str(r.original), " ".join(_label(t) for t in themes),
             " ".join(type_label(t, lang) for t in str(r.types).split(";")),
             role_label(r.role, lang), r.project_name, r.project_id,
             r.municipality, r.region, r.project_kind, r.description, str(r.wave)]
        )  # fmt: skip
        entries.append(
            {
                "id": str(r.lesson_id),
                "search": _norm(" ".join(search.split())),
                "themes": themes,
                "type": r.type,
                "types": str(r.types).split(";"),
                "kind": r.project_kind,
                "region": r.region,
                "groups": {
                    "thema": _label(themes[0]).capitalize() if themes else "",
                    "project": r.project_kind or "",
                    "regio": r.region or "",
                    "soort": type_label(r.type, lang).capitalize(),
                },
            }
        )
    index = {
        "texts": {
            "count": say("lib_count", lang, n="{n}", total="{total}"),
            "unknown": unknown,
            "notheme": no_theme,
        },
        "lessons": entries,
    }
    theme_names = {c: _label(c) for c in theme_pages if c}
    types = {t: type_label(t, lang) for v in shown["types"] for t in str(v).split(";") if t}
    kinds = {k: k for k in dict.fromkeys(shown["project_kind"]) if k}
    regions = {k: k for k in dict.fromkeys(shown["region"]) if k}
    groups = (
        f'<label>{escape(say("lib_group", lang))}<select id="f-groep">'
        f'<option value="thema">{escape(say("lib_theme", lang))}</option>'
        f'<option value="project">{escape(say("lib_project_kind", lang))}</option>'
        f'<option value="regio">{escape(say("lib_region", lang))}</option>'
        f'<option value="soort">{escape(say("lib_type", lang))}</option></select></label>'
    )
    controls = (
        '<form class="controls" id="controls" role="search" hidden onsubmit="return false">'
        f'<label class="search">{escape(say("lib_search", lang))}'
        f'<input id="f-q" type="search" autocomplete="off"'
        f' placeholder="{escape(say("lib_search_hint", lang))}"></label>'
        f'<button type="button" class="toggle" id="f-toggle" aria-expanded="false"'
        f' aria-controls="controls">{escape(say("lib_filters", lang))}</button>'
        + _options("thema", say("lib_theme", lang), theme_names, lang)
        + _options("soort", say("lib_type", lang), types, lang)
        + _options("project", say("lib_project_kind", lang), kinds, lang)
        + _options("regio", say("lib_region", lang), regions, lang)
        + groups
        + "</form>"
    )
    nav = "".join(
        f'<li><a href="{escape(name)}">{escape(_label(code) or no_theme)}</a></li>'
        for code, name in sorted(
            theme_pages.items(), key=lambda kv: (not kv[0], _norm(_label(kv[0])))
        )
    )
    listing = "".join(cards[str(i)] for i in shown["lesson_id"])
    empty = f'<p class="empty">{escape(say("lib_empty", lang))}</p>' if shown.empty else ""
    title = say("lib_title", lang)
    body = (
        f"<header><h1>{escape(title)}</h1>"
        f'<p class="intro">{escape(say("lib_intro", lang))}</p></header>\n'
        f"<noscript><p>{escape(say('lib_noscript', lang))}</p></noscript>\n{controls}\n"
        f'<p class="count" id="count" aria-live="polite"></p>'
        f'<p id="none" hidden>{escape(say("lib_none_found", lang))}</p>{empty}\n'
        f'<div id="lessons">{listing}</div>\n'
        f'<nav class="themes"><h2>{escape(say("lib_themes_nav", lang))}</h2><ul>{nav}</ul></nav>\n'
        f'<p class="made">{escape(made)}</p>\n'
        f'<script type="application/json" id="lesson-index">{_json_for_html(index)}</script>\n'
        f"<script>{_SCRIPT}</script>"
    )
    return _page(title, body, lang, warning)


def _theme_page(
    path: Path,
    code: str,
    shown: pd.DataFrame,
    cards: dict[str, str],
    lang: str,
    warning: str,
    made: str,
) -> Path:
    if code:
        rows = shown[shown["themes"].map(lambda v: code in lesson_themes(v))]
        theme = _label(code)
    else:
        rows = shown[shown["themes"].map(lambda v: not lesson_themes(v))]
        theme = say("lib_no_theme", lang)
    n_projects = rows["project_id"].nunique()
    intro = say(
        "lib_theme_intro",
        lang,
        n=len(rows),
        what=say("lesson" if len(rows) == 1 else "lessons_plural", lang),
        projects=n_projects,
        projects_word=say("lib_project_word" if n_projects == 1 else "lib_projects_word", lang),
    )
    title = say("lib_theme_title", lang, theme=theme)
    body = (
        f'<nav class="noprint"><a href="index.html">← {escape(say("lib_back", lang))}</a> · '
        f'<a href="#" onclick="window.print(); return false">{escape(say("lib_print", lang))}'
        "</a></nav>\n"
        f'<header><h1>{escape(title)}</h1><p class="intro">{escape(intro)}</p></header>\n'
        + "".join(cards[str(i)] for i in rows["lesson_id"])
        + f'\n<p class="made">{escape(made)}</p>'
    )
    _write(path, _page(title, body, lang, warning))
    return path
