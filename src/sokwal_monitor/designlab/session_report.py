"""The session report: what the boards of a designlab session made, and agree on.

:func:`session_summary` gathers it as tables; :func:`designlab_report` writes it as one
self-contained Dutch HTML page (no scripts, no external requests): the groups of each
board with their cards, the card pairs every board put together and those the boards
split, agreement between boards (and with the researcher's codes) on the card pairs
with Krippendorff's alpha, the groups with most votes, and proposed codebook changes
(new codes, merges) to accept with :func:`~sokwal_monitor.designlab.accept_candidates`.
"""

from __future__ import annotations

import html
import math
import re
from collections import Counter
from dataclasses import dataclass
from itertools import combinations
from os import PathLike
from pathlib import Path

import pandas as pd

from ..errors import SokwalError
from ..store import StoreLike, open_store
from .agreement import ALL_RATERS, pair_table, pairwise_agreement
from .board_import import CODER_PREFIX

__all__ = ["SessionSummary", "designlab_report", "session_summary"]

#: Groups of different boards whose cards overlap at least this much (Jaccard) are
#: proposed as one theme.
MERGE_OVERLAP = 0.5


@dataclass
class SessionSummary:
    """A designlab session as tables (see :func:`session_summary`)."""

    session: str
    boards: list[str]
    cards: pd.DataFrame
    groups: pd.DataFrame
    pairs: pd.DataFrame
    agreement: pd.DataFrame
    together: pd.DataFrame
    split: pd.DataFrame
    top_groups: pd.DataFrame
    new_codes: pd.DataFrame
    merges: pd.DataFrame
    researcher: str | None


def _researcher_groups(store: StoreLike, cards: pd.DataFrame, coder: str) -> list[set[str]]:
    """The researcher's codes as groups of cards: one group per code, holding the cards
    a coding of that code overlaps; a card with no code is a group of its own."""
    codings = open_store(store).codings(coder=coder)
    by_code: dict[str, set[str]] = {}
    coded: set[str] = set()
    for card in cards.itertuples():
        hits = codings[
            (codings["doc_id"] == card.doc_id)
            & (codings["start_char"] < card.end_char)
            & (codings["end_char"] > card.start_char)
        ]
        for code in set(hits["code"]):
            by_code.setdefault(code, set()).add(card.card_id)
            coded.add(card.card_id)
    singles = [{c} for c in cards["card_id"] if c not in coded]
    return [*by_code.values(), *singles]


def _choose_researcher(store: StoreLike, cards: pd.DataFrame) -> str | None:
    """The manual coder (not a board) whose codings touch most of the cards, or None."""
    store = open_store(store)
    codings = store.codings(origin="manual")
    codings = codings[~codings["coder"].str.startswith(CODER_PREFIX)]
    counts: Counter[str] = Counter()
    for card in cards.itertuples():
        hits = codings[
            (codings["doc_id"] == card.doc_id)
            & (codings["start_char"] < card.end_char)
            & (codings["end_char"] > card.start_char)
        ]
        counts.update(set(hits["coder"]))
    return counts.most_common(1)[0][0] if counts else None


def _merges(groups: pd.DataFrame) -> pd.DataFrame:
    """Groups of different boards that hold (nearly) the same cards, joined into themes."""
    named = groups[(groups["code"] != "") & (groups["cards"].map(len) >= 2)].reset_index(drop=True)
    parent = list(range(len(named)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, j in combinations(range(len(named)), 2):
        if named.at[i, "board"] == named.at[j, "board"]:
            continue
        a, b = set(named.at[i, "cards"]), set(named.at[j, "cards"])
        if len(a & b) / len(a | b) >= MERGE_OVERLAP:
            parent[find(i)] = find(j)
    clusters: dict[int, list[int]] = {}
    for i in range(len(named)):
        clusters.setdefault(find(i), []).append(i)
    rows = []
    for members in clusters.values():
        part = named.loc[members]
        if part["board"].nunique() < 2:
            continue
        codes = list(dict.fromkeys(part["code"]))
        mapped = list(dict.fromkeys(part.loc[part["mapped"], "code"]))
        votes = part.groupby("code")["votes"].sum()
        suggestion = mapped[0] if mapped else str(votes.idxmax())
        shared = set.intersection(*(set(c) for c in part["cards"]))
        rows.append(
            (
                "samenvoegen" if len(codes) > 1 else "zelfde thema",
                codes,
                suggestion,
                sorted(set(part["board"])),
                sorted(set().union(*(set(c) for c in part["cards"]))),
                sorted(shared),
                int(part["votes"].sum()),
            )
        )
    columns = ["kind", "codes", "suggestion", "boards", "cards", "shared_cards", "votes"]
    frame = pd.DataFrame(rows, columns=columns)
    return frame.sort_values(["kind", "votes"], ascending=[True, False]).reset_index(drop=True)


def session_summary(
    store: StoreLike, session: str, *, researcher: str | None = None, top: int = 5
) -> SessionSummary:
    """A designlab session's boards, groups, agreement and proposals as tables.

    Parameters
    ----------
    store : ProjectStore or path
    session : str
        The session the boards were imported into (``sokwal board import --session``).
    researcher : str, optional
        The coder whose codes the boards are compared with (default: the manual coder
        whose codings touch most cards; none when no manual coding touches a card).
    top : int, default 5
        How many groups ``top_groups`` holds.

    Returns
    -------
    SessionSummary
        ``pairs`` (one row per card pair, a column per board and for the researcher: 1
        together, 0 apart, NaN not placed), ``agreement`` (per two raters and all boards
        together: pairs, percent agreement, Krippendorff's alpha), ``together`` (pairs
        every board put together), ``split`` (pairs some boards put together and others
        apart), ``top_groups``, ``new_codes`` (open candidate codes from this session)
        and ``merges`` (groups of several boards with nearly the same cards).

    Raises
    ------
    SokwalError
        No board was imported into the session.
    """
    store = open_store(store)
    boards_frame = store.designlab_boards(session)
    if boards_frame.empty:
        known = sorted(set(store.designlab_boards()["session"]))
        raise SokwalError(
            store.path,
            f"no boards imported for session {session!r}",
            f"sessions in this store: {', '.join(known)}" if known else "import a board first",
        )
    boards = list(boards_frame["board"])
    cards = store.designlab_cards(session)
    groups = store.designlab_groups(session)
    groupings: dict[str, list[set[str]]] = {
        b: [set(c) for c in groups.loc[groups["board"] == b, "cards"]] for b in boards
    }
    if researcher is None:
        researcher = _choose_researcher(store, cards)
    rater = None
    if researcher is not None:
        store.check_coder(researcher)
        rater = f"codes van {researcher}"
        groupings[rater] = _researcher_groups(store, cards, researcher)
    pairs = pair_table(groupings, list(cards["card_id"]))
    pairs["n_together"] = (pairs[boards] == 1).sum(axis=1)
    pairs["n_placed"] = pairs[boards].notna().sum(axis=1)
    agreement = pairwise_agreement(pairs, [*boards, *([rater] if rater else [])])
    if rater is not None:  # "all boards" means the boards, without the researcher
        agreement = agreement[agreement["rater_a"] != ALL_RATERS]
        if len(boards) > 2:
            agreement = pd.concat([agreement, pairwise_agreement(pairs, boards).tail(1)])
        agreement = agreement.reset_index(drop=True)
    n_boards = len(boards)
    together = pairs[(pairs["n_placed"] == n_boards) & (pairs["n_together"] == n_boards)]
    split = pairs[(pairs["n_together"] > 0) & (pairs["n_together"] < pairs["n_placed"])]
    split = split.sort_values("n_together", ascending=False)
    top_groups = (
        groups[groups["votes"] > 0]
        .sort_values(["votes", "board", "position"], ascending=[False, True, True])
        .head(top)
        .reset_index(drop=True)
    )
    open_codes = store.candidate_codes("candidate")
    used = groups[~groups["mapped"] & (groups["code"] != "")]
    rows = []
    for code in open_codes["code"]:
        part = used[used["code"] == code]
        if part.empty:
            continue
        rows.append(
            (
                code,
                sorted(set(part["board"])),
                len(set().union(*(set(c) for c in part["cards"]))),
                int(part["votes"].sum()),
                [n for n in part["note"] if n],
            )
        )
    new_codes = pd.DataFrame(rows, columns=["code", "boards", "n_cards", "votes", "notes"])
    new_codes = new_codes.sort_values(["votes", "code"], ascending=[False, True])
    return SessionSummary(
        session=session,
        boards=boards,
        cards=cards,
        groups=groups,
        pairs=pairs,
        agreement=agreement,
        together=together.reset_index(drop=True),
        split=split.reset_index(drop=True),
        top_groups=top_groups,
        new_codes=new_codes.reset_index(drop=True),
        merges=_merges(groups),
        researcher=researcher,
    )


# -- HTML ---------------------------------------------------------------------------------

_CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d2433;
background:#f6f7f9;line-height:1.45}
main{max-width:1100px;margin:0 auto;padding:24px 28px 60px}
h1{font-size:1.7rem;margin:.2em 0}
h2{font-size:1.3rem;margin-top:2em;border-bottom:2px solid #d8dce3;
padding-bottom:.2em}h3{font-size:1.05rem;margin:1.2em 0 .4em}
.lead{color:#4a5365}.muted{color:#6b7385;font-size:.9em}
.board{display:flex;flex-wrap:wrap;gap:12px}
.group{background:#fff;border:1px solid #d8dce3;border-top:6px solid var(--c,#999);
border-radius:6px;
padding:10px 12px;width:320px;box-sizing:border-box}
.group h4{margin:0 0 4px;font-size:1rem}.tag{display:inline-block;font-size:.78em;padding:1px 6px;
border-radius:9px;background:#e8ebf0;margin-right:4px}.tag.kand{background:#fff1c2}
.tag.code{background:#d9f0e3}
.votes{float:right;font-weight:600}.note{font-style:italic;color:#4a5365;margin:4px 0}
ul.cards{list-style:none;padding:0;margin:6px 0 0}
ul.cards li{font-size:.88em;border-top:1px solid #eef0f3;
padding:4px 0}.cid{font-weight:700;margin-right:6px}
table{border-collapse:collapse;background:#fff;margin:8px 0;font-size:.92em}
th,td{border:1px solid #d8dce3;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef0f4}td.num{text-align:right;font-variant-numeric:tabular-nums}
.good{color:#1f7a3a;font-weight:600}.fair{color:#9a6700;font-weight:600}.weak{color:#b42318;font-weight:600}
pre{background:#fff;border:1px solid #d8dce3;padding:8px 10px;overflow-x:auto;font-size:.85em}
"""


def _e(value: object) -> str:
    return html.escape(str(value), quote=True)


def _fmt(value: float, digits: int = 2) -> str:
    return (
        "–"
        if value is None or (isinstance(value, float) and math.isnan(value))
        else f"{value:.{digits}f}"
    )


def _alpha_cell(value: float) -> str:
    if value is None or math.isnan(value):
        return '<td class="num">–</td>'
    cls = "good" if value >= 0.8 else "fair" if value >= 0.667 else "weak"
    return f'<td class="num {cls}">{value:.3f}</td>'


def _short(text: str, n: int = 140) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _colour(value: str) -> str:
    return value if re.fullmatch(r"#[0-9a-fA-F]{3,6}", value or "") else "#999999"


def _pair_rows(frame: pd.DataFrame, texts: dict[str, str], extra: bool, limit: int = 40) -> str:
    if frame.empty:
        return '<p class="muted">Geen.</p>'
    head = (
        "<tr><th>Kaart</th><th>Kaart</th>"
        + ("<th>Samen gelegd door</th>" if extra else "")
        + "</tr>"
    )
    rows = []
    for row in frame.head(limit).itertuples():
        cells = "".join(
            f'<td><span class="cid">{_e(c)}</span>{_e(_short(texts.get(c, ""), 90))}</td>'
            for c in (row.card_a, row.card_b)
        )
        if extra:
            cells += f'<td class="num">{row.n_together} van {row.n_placed} borden</td>'
        rows.append(f"<tr>{cells}</tr>")
    more = f'<p class="muted">En nog {len(frame) - limit} paren.</p>' if len(frame) > limit else ""
    return f"<table>{head}{''.join(rows)}</table>{more}"


def render_session_html(summary: SessionSummary) -> str:
    """The session report as one HTML page (Dutch)."""
    s = summary
    texts = dict(zip(s.cards["card_id"], s.cards["text"], strict=True))
    parts = [
        f"<h1>Designlab-sessie {_e(s.session)}</h1>",
        f'<p class="lead">{len(s.boards)} borden, {len(s.cards)} kaarten, '
        f"{int((s.groups['code'] != '').sum())} benoemde groepen. Borden: "
        f"{_e(', '.join(s.boards))}.</p>",
        "<h2>Groepen per bord</h2>",
    ]
    for board in s.boards:
        part = s.groups[s.groups["board"] == board]
        placed = set().union(*(set(c) for c in part["cards"])) if len(part) else set()
        parts.append(
            f'<h3>Bord {_e(board)}</h3><p class="muted">{len(part)} groepen; '
            f'{len(s.cards) - len(placed)} kaarten bleven op de stapel.</p><div class="board">'
        )
        for g in part.itertuples():
            if not g.code:
                tag = '<span class="tag">naamloos, niet gecodeerd</span>'
            elif g.mapped:
                tag = f'<span class="tag code">code {_e(g.code)}</span>'
            else:
                tag = '<span class="tag kand">kandidaat-code</span>'
            note = f'<p class="note">{_e(g.note)}</p>' if g.note else ""
            cards = "".join(
                f'<li><span class="cid">{_e(c)}</span>{_e(_short(texts.get(c, "")))}</li>'
                for c in g.cards
            )
            votes = (
                f'<span class="votes">{g.votes} stem{"" if g.votes == 1 else "men"}</span>'
                if g.votes
                else ""
            )
            parts.append(
                f'<div class="group" style="--c:{_colour(g.colour)}">{votes}'
                f"<h4>{_e(g.name or '(zonder naam)')}</h4>{tag}{note}"
                f'<ul class="cards">{cards}</ul></div>'
            )
        parts.append("</div>")
    parts.append("<h2>Wat de borden samen legden</h2>")
    parts.append(
        '<p class="lead">Kaartparen die <strong>elk bord</strong> in dezelfde groep legde.</p>'
        if len(s.boards) > 1
        else '<p class="lead">Er is één bord; vergelijken kan vanaf twee borden.</p>'
    )
    if len(s.boards) > 1:
        parts.append(_pair_rows(s.together, texts, extra=False))
        parts.append(
            '<h3>Verdeeld</h3><p class="lead">Kaartparen die sommige borden samen legden'
            " en andere niet: hier verschilt het beeld.</p>"
        )
        parts.append(_pair_rows(s.split, texts, extra=True))
    parts.append("<h2>Overeenstemming tussen de borden</h2>")
    parts.append(
        '<p class="lead">Voor elk paar kaarten zegt een bord <em>samen</em> (in één groep)'
        " of <em>apart</em>. Overeenstemming is het aandeel paren waarover twee borden"
        " hetzelfde zeggen; Krippendorffs α corrigeert voor toeval (1 = volledig eens,"
        " 0 = toeval; vanaf 0,800 betrouwbaar, 0,667–0,800 voorzichtig). Kaarten op de"
        " stapel tellen niet mee."
        + (
            f" De codes van onderzoeker <strong>{_e(s.researcher)}</strong> tellen als"
            " een bord: twee kaarten liggen samen als één van haar codes beide raakt."
            if s.researcher
            else ""
        )
        + "</p>"
    )
    rows = []
    for r in s.agreement.itertuples():
        who = _e(r.rater_a) if r.rater_a == ALL_RATERS else f"{_e(r.rater_a)} – {_e(r.rater_b)}"
        pct = "–" if math.isnan(r.percent_agreement) else f"{100 * r.percent_agreement:.0f}%"
        rows.append(
            f'<tr><td>{who}</td><td class="num">{r.n_pairs}</td>'
            f'<td class="num">{r.n_together_any}</td><td class="num">{pct}</td>'
            f"{_alpha_cell(r.krippendorff_alpha)}</tr>"
        )
    if rows:
        parts.append(
            "<table><tr><th>Vergeleken</th><th>Paren</th><th>Door iemand samen gelegd</th>"
            f"<th>Overeenstemming</th><th>α</th></tr>{''.join(rows)}</table>"
        )
    else:
        parts.append('<p class="muted">Niets te vergelijken.</p>')
    parts.append("<h2>Meeste stemmen</h2>")
    if s.top_groups.empty:
        parts.append('<p class="muted">Er is niet gestemd.</p>')
    else:
        rows = [
            f'<tr><td class="num">{g.votes}</td><td>{_e(g.name or "(zonder naam)")}</td>'
            f'<td>{_e(g.board)}</td><td class="num">{len(g.cards)}</td><td>{_e(g.note)}</td></tr>'
            for g in s.top_groups.itertuples()
        ]
        parts.append(
            "<table><tr><th>Stemmen</th><th>Groep</th><th>Bord</th><th>Kaarten</th>"
            f"<th>Notitie</th></tr>{''.join(rows)}</table>"
        )
    parts.append("<h2>Voorstellen voor het codeboek</h2>")
    parts.append("<h3>Nieuwe codes</h3>")
    if s.new_codes.empty:
        parts.append('<p class="muted">Geen open kandidaat-codes uit deze sessie.</p>')
    else:
        rows = [
            f"<tr><td>{_e(c.code)}</td><td>{_e(', '.join(c.boards))}</td>"
            f'<td class="num">{c.n_cards}</td><td class="num">{c.votes}</td>'
            f"<td>{_e(' / '.join(c.notes))}</td></tr>"
            for c in s.new_codes.itertuples()
        ]
        parts.append(
            "<table><tr><th>Kandidaat-code</th><th>Borden</th><th>Kaarten</th><th>Stemmen</th>"
            f"<th>Notities</th></tr>{''.join(rows)}</table>"
        )
    parts.append("<h3>Samenvoegen</h3>")
    if s.merges.empty:
        parts.append(
            '<p class="muted">Geen groepen van verschillende borden met (bijna) dezelfde'
            " kaarten.</p>"
        )
    else:
        parts.append(
            '<p class="lead">Groepen van verschillende borden die voor minstens de helft'
            " dezelfde kaarten hebben.</p>"
        )
        rows = [
            f"<tr><td>{_e(m.kind)}</td><td>{_e(', '.join(m.codes))}</td>"
            f"<td><strong>{_e(m.suggestion)}</strong></td><td>{_e(', '.join(m.boards))}</td>"
            f'<td class="num">{len(m.shared_cards)} van {len(m.cards)}</td>'
            f'<td class="num">{m.votes}</td></tr>'
            for m in s.merges.itertuples()
        ]
        parts.append(
            "<table><tr><th>Voorstel</th><th>Groepsnamen</th><th>Voorgestelde code</th>"
            f"<th>Borden</th><th>Gedeelde kaarten</th><th>Stemmen</th></tr>{''.join(rows)}</table>"
        )
    parts.append(
        '<p class="lead">Overnemen in een nieuwe versie van het codeboek (met wie en wanneer):</p>'
        "<pre>from sokwal_monitor.designlab import accept_candidates\n"
        "accept_candidates(store, [&quot;naam&quot;, ...], author=&quot;onderzoeker&quot;,\n"
        "                  merge={&quot;andere naam&quot;: &quot;bestaande_code&quot;})</pre>"
    )
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="nl"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\';'
        " style-src 'unsafe-inline'\">"
        f"<title>Designlab-sessie {_e(s.session)}</title><style>{_CSS}</style></head>"
        f"<body><main>{body}</main></body></html>\n"
    )


def designlab_report(
    store: StoreLike,
    session: str,
    out: str | PathLike[str],
    *,
    researcher: str | None = None,
) -> Path:
    """Write the session report as one self-contained HTML page; return its path.

    ``out`` is a folder (the page is ``designlab-<session>.html`` in it) or a path
    ending in ``.html``. See :func:`session_summary` for what it shows.

    Examples
    --------
    >>> designlab_report("sample.sokwal", "mei", "out/designlab")  # doctest: +SKIP
    PosixPath('out/designlab/designlab-mei.html')
    """
    summary = session_summary(store, session, researcher=researcher)
    out = Path(out)
    if out.suffix.lower() != ".html":
        slug = re.sub(r"[^A-Za-z0-9_.-]+", "-", session).strip("-.") or "sessie"
        out = out / f"designlab-{slug}.html"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render_session_html(summary), encoding="utf-8")
    return out
