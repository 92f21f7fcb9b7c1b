"""Lessons as the reports and the library read them, and what counts as a quotable sentence.

:func:`lessons_of` reads the ``lessons`` table (the contract's columns, see the design)
from the table registry when the lessons package has registered it, and an empty table
with the same columns otherwise, so a report renders on any store. :func:`is_sentence`
and :func:`sentence_quote` keep table fragments and header lines out of the quotes.

>>> is_sentence("Gemiddeld aantal deelnemers per")
False
>>> is_sentence("Volgende keer zou ik de huisarts er veel eerder bij halen.")
True
>>> sentence_quote("Eh, ja. Financiering na 2019. Mensen willen gewoon rustig samen eten.")
'Mensen willen gewoon rustig samen eten.'
"""

from __future__ import annotations

import re

import pandas as pd

from ..store import ProjectStore, StoreLike, open_store, table_names

__all__ = [
    "LESSON_COLUMNS",
    "LESSON_TYPES",
    "is_sentence",
    "lesson_themes",
    "lessons_of",
    "one_per_quote",
    "sentence_quote",
    "split_sentences",
]

#: The contract's columns of the ``lessons`` table, in order.
LESSON_COLUMNS = (
    "lesson_id", "doc_id", "segment_id", "project_id", "wave", "role", "start_char",
    "end_char", "text", "type", "themes", "origin", "coder", "status",
)  # fmt: skip

#: The lesson types of the contract, in the order a page lists them.
LESSON_TYPES = ("insight", "do_differently", "changed_practice", "advice", "shared")

_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
_SPLIT = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+(?=[\"'„“‘(\[]?[A-ZÀ-Ý0-9\[])")
_WORD = re.compile(r"[^\W\d_]{2,}")


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text`` (whitespace collapsed), split after ``.``, ``!``, ``?``
    or ``…`` before a capital, a digit or an opening quote or bracket.

    >>> split_sentences("Dat ging goed. Daarna niet meer!  [PERSOON-1] zei: ja.")
    ['Dat ging goed.', 'Daarna niet meer!', '[PERSOON-1] zei: ja.']
    """
    flat = " ".join(str(text).split())
    return [part.strip() for part in _SPLIT.split(flat) if part.strip()] if flat else []


def is_sentence(text: object, *, min_words: int = 5) -> bool:
    """Whether ``text`` reads as one or more full sentences: at least ``min_words``
    words, mostly letters, ending in ``.``, ``!``, ``?`` or ``…`` (a closing quote may
    follow), not ending in a colon and not a row of a table (tabs, pipes, mostly numbers).

    >>> is_sentence("Aantal deelnemers 2018 27 2019 35")
    False
    >>> is_sentence("Eh, ja.")
    False
    """
    if not isinstance(text, str):
        return False
    flat = " ".join(text.split())
    if not flat or "\t" in text or "|" in flat or not _SENTENCE_END.search(flat):
        return False
    words = _WORD.findall(flat)
    if len(words) < min_words:
        return False
    letters = sum(ch.isalpha() for ch in flat)
    digits = sum(ch.isdigit() for ch in flat)
    return letters >= 3 * digits and bool(re.match(r"[\"'„“‘(\[]?[A-ZÀ-Ý0-9\[]", flat))


def sentence_quote(text: object, limit: int = 260) -> str | None:
    """The whole sentences of ``text`` that fit in ``limit`` characters, from its first
    full sentence on (lead-ins such as "Eh, ja." and headings are skipped); a first
    sentence longer than ``limit`` is given whole; None when ``text`` holds no sentence.

    >>> sentence_quote("Gemiddeld aantal deelnemers per") is None
    True
    """
    if not isinstance(text, str):
        return None
    sentences = split_sentences(text)
    start = next((i for i, s in enumerate(sentences) if is_sentence(s)), None)
    if start is None:
        return None
    quote = sentences[start]
    for sentence in sentences[start + 1 :]:
        if len(quote) + 1 + len(sentence) > limit or not is_sentence(sentence, min_words=2):
            break
        quote += " " + sentence
    return quote


def lesson_themes(themes: object) -> list[str]:
    """The codes of a lesson's ``themes`` field (``;``-separated), in order, no blanks.

    >>> lesson_themes("vrijwilligers_werven; samenwerking_gemeente;"), lesson_themes(None)
    (['vrijwilligers_werven', 'samenwerking_gemeente'], [])
    """
    if not isinstance(themes, str):
        return []
    return [t.strip() for t in themes.split(";") if t.strip()]


def _empty() -> pd.DataFrame:
    frame = pd.DataFrame({c: pd.Series(dtype="object") for c in LESSON_COLUMNS})
    return frame.astype({"start_char": "int64", "end_char": "int64"})


def lessons_of(
    store: StoreLike,
    project_id: str | None = None,
    *,
    include_rejected: bool = False,
) -> pd.DataFrame:
    """The store's lessons in the contract's columns (``lessons`` table), those of
    ``project_id`` when given, rejected ones left out unless ``include_rejected``.

    Until the lessons package registers the ``lessons`` table, this is an empty table
    with the contract's columns. Text columns are strings (missing → ``""``); ``wave``
    and ``lesson_id`` are strings too, so they compare the same however they are stored.

    >>> import pathlib, tempfile
    >>> with ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal") as store:
    ...     columns = list(lessons_of(store).columns)
    >>> columns[: len(LESSON_COLUMNS)] == list(LESSON_COLUMNS)  # the contract's first
    True
    """
    if not isinstance(store, ProjectStore):
        with open_store(store, create=False) as opened:
            return lessons_of(opened, project_id, include_rejected=include_rejected)
    frame = store.table("lessons") if "lessons" in table_names() else _empty()
    frame = frame.copy()
    for column in LESSON_COLUMNS:
        if column not in frame.columns:
            frame[column] = 0 if column in ("start_char", "end_char") else ""
    for column in LESSON_COLUMNS:
        if column not in ("start_char", "end_char"):
            frame[column] = frame[column].map(lambda v: "" if v is None or v != v else str(v))
    if project_id is not None:
        frame = frame[frame["project_id"] == str(project_id)]
    if not include_rejected:
        frame = frame[frame["status"] != "rejected"]
    columns = list(LESSON_COLUMNS) + [c for c in frame.columns if c not in LESSON_COLUMNS]
    return frame[columns].reset_index(drop=True)


def one_per_quote(frame: pd.DataFrame) -> pd.DataFrame:
    """The lessons with overlapping spans of one document as one row: a quote is shown
    once, with every type it was given.

    The rule finder may give two lessons that share a sentence: "Mijn tip: begin klein."
    as ``advice`` and, widened to it, "Mijn tip: begin klein. Dat hebben we zelf ook
    moeten leren." as ``insight``. Both stay in the ``lessons`` table (each is reviewed
    on its own); a page shows them as one quote. Per group of overlapping rows of one
    ``doc_id``, the row with the widest span is kept (the first on a tie), its span and
    ``text`` widened to the union of the group, with ``types`` (its own type first, then
    the others in the order of :data:`LESSON_TYPES`), ``lesson_ids`` (the kept row's
    first) and ``themes`` (every member's, in order), all ``;``-separated. A row without
    overlap gets ``types`` = its ``type`` and ``lesson_ids`` = its ``lesson_id``. Row
    order is that of each group's first row; other columns are the kept row's.

    >>> rows = pd.DataFrame({"lesson_id": ["a", "b", "c"], "doc_id": ["d", "d", "d"],
    ...     "start_char": [0, 0, 40], "end_char": [20, 35, 50], "type": ["advice", "insight",
    ...     "shared"], "themes": ["x", "y", ""], "text": ["Begin klein, echt.",
    ...     "Begin klein, echt. Dat leerden we.", "Gedeeld."]})
    >>> one_per_quote(rows)[["lesson_id", "types", "lesson_ids", "themes", "text"]].values.tolist()
    [['b', 'insight;advice', 'b;a', 'y;x', 'Begin klein, echt. Dat leerden we.'], \
['c', 'shared', 'c', '', 'Gedeeld.']]
    """
    if frame.empty:
        return frame.assign(types=pd.Series(dtype="object"), lesson_ids=pd.Series(dtype="object"))
    order = {t: i for i, t in enumerate(LESSON_TYPES)}
    rows = frame.reset_index(drop=True)
    groups: list[list[int]] = []
    for _, doc in rows.groupby("doc_id", sort=False):
        doc = doc.sort_values(["start_char", "end_char"], kind="mergesort")
        current: list[int] = []
        end = -1
        for i, start, stop in zip(doc.index, doc["start_char"], doc["end_char"], strict=True):
            if current and int(start) < end:
                current.append(int(i))
                end = max(end, int(stop))
            else:
                current = [int(i)]
                groups.append(current)
                end = int(stop)
    out = []
    for members in sorted(groups, key=min):
        width = [int(rows.at[i, "end_char"]) - int(rows.at[i, "start_char"]) for i in members]
        base = members[max(range(len(members)), key=lambda k: (width[k], -members[k]))]
        row = rows.loc[base].copy()
        rest = sorted((i for i in members if i != base), key=lambda i: (order.get(
            str(rows.at[i, "type"]), len(order)), i))  # fmt: skip
        kinds = list(dict.fromkeys([str(row["type"])] + [str(rows.at[i, "type"]) for i in rest]))
        row["types"] = ";".join(kinds)
        row["lesson_ids"] = ";".join(str(rows.at[i, "lesson_id"]) for i in [base, *rest])
        if "themes" in rows.columns:
            themes = [lesson_themes(rows.at[i, "themes"]) for i in [base, *rest]]
            row["themes"] = ";".join(dict.fromkeys(t for ts in themes for t in ts))
        if "text" in rows.columns:
            row["start_char"], row["end_char"], row["text"] = _union(rows, members)
        out.append(row)
    return pd.DataFrame(out).reset_index(drop=True)


def _union(rows: pd.DataFrame, members: list[int]) -> tuple[int, int, str]:
    """The span and text of overlapping lessons together (texts are the document's own
    text at their offsets, so they join where they overlap)."""
    ordered = sorted(
        members, key=lambda i: (int(rows.at[i, "start_char"]), -int(rows.at[i, "end_char"]))
    )
    start = int(rows.at[ordered[0], "start_char"])
    end = int(rows.at[ordered[0], "end_char"])
    text = str(rows.at[ordered[0], "text"])
    for i in ordered[1:]:
        a, b, more = (
            int(rows.at[i, "start_char"]),
            int(rows.at[i, "end_char"]),
            str(rows.at[i, "text"]),
        )
        if b > end:
            text += more[end - a :] if 0 <= end - a <= len(more) else ""
            end = b
    return start, end, text
