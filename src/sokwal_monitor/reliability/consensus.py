"""The consensus meeting: the segments where coders differ, as a table and as a printable
HTML page."""

from __future__ import annotations

import html
import math
from collections.abc import Iterable, Sequence
from typing import Any

import pandas as pd

from ..store import ProjectStore
from .selection import _code_list, _store_coders
from .units import _compared_segments

#: Columns of :func:`disagreements`, in this order.
DISAGREEMENT_COLUMNS = [
    "segment_id",
    "doc_id",
    "path",
    "speaker",
    "role",
    "text",
    "code",
    "coded_by",
    "not_coded_by",
    "memos",
]


def disagreements(
    store: ProjectStore,
    coders: Sequence[str],
    *,
    codes: str | Iterable[str] | None = None,
    interviewer: bool = False,
) -> pd.DataFrame:
    """The segments where coders differ, one row per segment and code: the agenda of
    the consensus meeting.

    The segments are those of :func:`agreement` at segment level: the turns and report
    paragraphs of the documents every coder coded at least once (interviewer turns only
    with ``interviewer``); a coder gave a segment a code when one of her codings of it
    starts there.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    coders : sequence of str
        The coders to compare, at least two.
    codes : str or iterable of str, optional
        Only these codes (default: all).
    interviewer : bool, default False
        Also list interviewer turns.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`DISAGREEMENT_COLUMNS`: ``segment_id, doc_id, path, speaker, role,
        text`` (the segment), ``code``, ``coded_by`` and ``not_coded_by`` (coder names,
        comma-separated, in the order of ``coders``) and ``memos``: the memos of those
        codings (``anna: ...``) and the segment memos of anyone
        (``anna (segment): ...``), one a line. Sorted by document path, position in the
        document, then code. ``frame.attrs["coders"]`` holds the coders. Save it for
        the meeting with ``frame.to_csv(...)`` or ``frame.to_excel(...)``, or print
        :func:`disagreements_html`.

    Raises
    ------
    CodingError
        A coder has no codings in the store.
    ValueError
        Fewer than two coders.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: De buurt doet mee.\\nR: We kregen subsidie.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> seg = store.segments()["segment_id"].tolist()
    >>> _ = code_segment(store, seg[0], "bereik", coder="anna", memo="iedereen doet mee")
    >>> _ = code_segment(store, seg[1], "financiering", coder="anna")
    >>> _ = code_segment(store, seg[1], "financiering", coder="bas")
    >>> table = disagreements(store, ["anna", "bas"])
    >>> table[["text", "code", "coded_by", "not_coded_by", "memos"]].values.tolist()
    [['De buurt doet mee.', 'bereik', 'anna', 'bas', 'anna: iedereen doet mee']]
    >>> store.close()
    """
    names = _store_coders(store, coders)
    frame = store.codings(coder=names, with_metadata=True)
    code_list = set(_code_list(frame, codes))
    segments = _compared_segments(store, frame, names, interviewer, with_metadata=True)
    frame = frame[frame["code"].isin(code_list) & frame["segment_id"].isin(segments["segment_id"])]
    memo_lines: dict[tuple[str, str], list[str]] = {}
    coded: dict[tuple[str, str], set[str]] = {}
    for seg, code, coder, memo in zip(
        frame["segment_id"], frame["code"], frame["coder"], frame["memo"], strict=True
    ):
        coded.setdefault((seg, code), set()).add(coder)
        if isinstance(memo, str) and memo.strip():
            memo_lines.setdefault((seg, code), []).append(f"{coder}: {memo.strip()}")
    on_segment: dict[str, list[str]] = {}
    from ..coding.session import segment_memos  # the memos the coding widget writes

    notes = segment_memos(store)
    for seg, author, text in zip(notes["segment_id"], notes["author"], notes["text"], strict=True):
        on_segment.setdefault(str(seg), []).append(f"{author} (segment): {text}")
    by_id = segments.set_index("segment_id")
    records = []
    for (seg, code), who in coded.items():
        if len(who) == len(names):
            continue
        info = by_id.loc[seg]
        records.append(
            {
                "segment_id": seg,
                "doc_id": info["doc_id"],
                "path": info["path"],
                "speaker": info["speaker"] or "",
                "role": info["role"] or "",
                "text": info["text"],
                "code": code,
                "coded_by": ", ".join(n for n in names if n in who),
                "not_coded_by": ", ".join(n for n in names if n not in who),
                "memos": "\n".join(memo_lines.get((seg, code), []) + on_segment.get(seg, [])),
                "_position": int(info["position"]),
            }
        )
    if not records:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in DISAGREEMENT_COLUMNS})
    else:
        out = (
            pd.DataFrame.from_records(records)
            .sort_values(["path", "_position", "code"], kind="mergesort")
            .drop(columns="_position")
            .reset_index(drop=True)
        )
        out = out[DISAGREEMENT_COLUMNS].astype(object)
    out.attrs["coders"] = names
    return out


_STYLE = """
body { font-family: Georgia, serif; max-width: 48em; margin: 2em auto; color: #222; }
h1 { font-size: 1.6em; margin-bottom: .2em; }
h2 { font-size: 1.2em; border-bottom: 1px solid #999; margin-top: 2em; }
.fragment { border: 1px solid #ccc; padding: .6em 1em; margin: 1em 0; page-break-inside: avoid; }
.wie { color: #555; font-size: .9em; margin: 0 0 .4em 0; }
blockquote { margin: .4em 0 .8em 0; padding-left: .8em; border-left: 3px solid #999;
  white-space: pre-wrap; }
table { border-collapse: collapse; width: 100%; font-size: .95em; }
th, td { border: 1px solid #ccc; padding: .3em .5em; text-align: left; vertical-align: top; }
td.memo { white-space: pre-wrap; }
.besluit { margin: .8em 0 0 0; }
@media print { body { margin: 0; max-width: none; } h2 { page-break-after: avoid; } }
"""


def disagreements_html(frame: pd.DataFrame, *, title: str | None = None) -> str:
    """A printable HTML page of :func:`disagreements`, for the consensus meeting.

    One section per document, one box per segment with its text, the codes the coders
    differ on, who did and did not code them, the memos, and room to write the
    decision. Everything from the table is HTML-escaped; the page needs no other file.

    Parameters
    ----------
    frame : pandas.DataFrame
        The table :func:`disagreements` returns (at least its columns).
    title : str, optional
        The page title; default "Verschillen tussen codeurs" and the coders' names.

    Returns
    -------
    str
        A complete HTML document (UTF-8, Dutch headings). Save it and print it from a
        browser: ``pathlib.Path("overleg.html").write_text(page, encoding="utf-8")``.

    Raises
    ------
    ValueError
        ``frame`` lacks some of :data:`DISAGREEMENT_COLUMNS`.

    Examples
    --------
    >>> frame = pd.DataFrame([{"segment_id": "d1-00001", "doc_id": "d1",
    ...     "path": "P01.txt", "speaker": "R", "role": "respondent",
    ...     "text": "Subsidie <krap>", "code": "financiering", "coded_by": "anna",
    ...     "not_coded_by": "bas", "memos": ""}])
    >>> page = disagreements_html(frame)
    >>> "Subsidie &lt;krap&gt;" in page and "<h2>P01.txt</h2>" in page
    True
    """
    missing = [c for c in DISAGREEMENT_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(f"not a table of disagreements: it lacks {', '.join(missing)}")
    coders = frame.attrs.get("coders")
    heading = "Verschillen tussen codeurs"
    if title is None:
        title = heading + (f": {', '.join(map(str, coders))}" if coders else "")

    def esc(value: Any) -> str:
        return (
            ""
            if value is None or (isinstance(value, float) and math.isnan(value))
            else (html.escape(str(value), quote=True))
        )

    n_segments = frame["segment_id"].nunique()
    n_docs = frame["path"].nunique()
    parts = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        '<head><meta charset="utf-8">',
        f"<title>{esc(title)}</title>",
        f"<style>{_STYLE}</style></head>",
        "<body>",
        f"<h1>{esc(title)}</h1>",
    ]
    if frame.empty:
        parts.append("<p>Geen verschillen gevonden: de codeurs zijn het overal eens.</p>")
    else:
        parts.append(
            f"<p>{len(frame)} verschillen in {n_segments} fragmenten uit {n_docs}"
            " documenten. Per fragment: wie de code wel en wie hem niet gaf.</p>"
        )
    for path, doc in frame.groupby("path", sort=False):
        parts.append(f'<section class="document"><h2>{esc(path)}</h2>')
        for seg, rows in doc.groupby("segment_id", sort=False):
            first = rows.iloc[0]
            who = " · ".join(esc(v) for v in (first["speaker"], first["role"], seg) if esc(v))
            parts += [
                '<article class="fragment">',
                f'<p class="wie">{who}</p>',
                f"<blockquote>{esc(first['text'])}</blockquote>",
                "<table><thead><tr><th>Code</th><th>Gecodeerd door</th>"
                "<th>Niet gecodeerd door</th><th>Memo's</th><th>Besluit</th></tr></thead>",
                "<tbody>",
            ]
            for row in rows.itertuples(index=False):
                parts.append(
                    f"<tr><td>{esc(row.code)}</td><td>{esc(row.coded_by)}</td>"
                    f'<td>{esc(row.not_coded_by)}</td><td class="memo">{esc(row.memos)}</td>'
                    "<td></td></tr>"
                )
            parts += ["</tbody></table>", "</article>"]
        parts.append("</section>")
    parts += ["</body>", "</html>", ""]
    return "\n".join(parts)
