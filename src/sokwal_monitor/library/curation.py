"""The researcher's curation of the lessons library, and the lessons as the library shows
them: hidden lessons left out, edited wording with the original kept, favourites first,
each with its project's context."""

from __future__ import annotations

import pandas as pd

from ..errors import SokwalError
from ..model import wave_sort_key
from ..store import ProjectStore, StoreLike, open_store
from ..summary.lessons import lessons_of

__all__ = [
    "LIBRARY_COLUMNS",
    "LibraryError",
    "edit_lesson_wording",
    "hide_lesson",
    "library_lessons",
    "mark_favourite",
]

#: Columns :func:`library_lessons` adds to the lessons table's own.
LIBRARY_COLUMNS = (
    "library_text", "original", "edited", "hidden", "favourite", "project_name",
    "municipality", "region", "project_kind", "description", "start_year", "project_waves",
)  # fmt: skip

#: Column names of ``projects.csv`` that give each piece of a project's context.
_CONTEXT = {
    "project_name": ("name", "naam"),
    "municipality": ("municipality", "gemeente"),
    "region": ("region", "regio"),
    "project_kind": ("theme", "thema", "kind", "type", "soort"),
    "description": ("description", "omschrijving"),
    "start_year": ("start_year", "startjaar"),
}


class LibraryError(SokwalError):
    """The library cannot be written or curated (unknown lesson, store not pseudonymized)."""


def _known(store: ProjectStore, lesson_id: object) -> str:
    key = str(lesson_id).strip()
    ids = set(lessons_of(store, include_rejected=True)["lesson_id"])
    if not key or key not in ids:
        raise LibraryError(
            store.path,
            f"no lesson {str(lesson_id)!r} in this store",
            "see the lesson ids with sokwal export lessons" if ids else "find lessons first",
        )
    return key


def _curate(store: StoreLike, lesson_id: object, curator: str, **fields: object) -> None:
    opened = store if isinstance(store, ProjectStore) else open_store(store, create=False)
    try:
        key = _known(opened, lesson_id)
        with opened.transaction():
            opened.upsert_lesson_curation(key, curator=curator, **fields)  # type: ignore[arg-type]
    finally:
        if opened is not store:
            opened.close()


def hide_lesson(
    store: StoreLike, lesson_id: str, hidden: bool = True, *, curator: str = ""
) -> None:
    """Leave lesson ``lesson_id`` out of the library (``hidden=False`` shows it again).

    The lesson itself stays in the store and on the project's page.

    >>> import pathlib, tempfile
    >>> with ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal") as store:
    ...     hide_lesson(store, "L1")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    sokwal_monitor.library.curation.LibraryError: ...: no lesson 'L1' in this store; ...
    """
    _curate(store, lesson_id, curator, hidden=bool(hidden))


def edit_lesson_wording(
    store: StoreLike, lesson_id: str, wording: str | None, *, curator: str = ""
) -> None:
    """Show lesson ``lesson_id`` in the library in the researcher's ``wording``; the
    original quote stays linked beside it. ``None`` or blank goes back to the quote.

    Example: ``edit_lesson_wording(store, "L12", "Haal mensen de eerste keer persoonlijk
    op; een folder alleen werkt niet.")``.
    """
    text = " ".join(str(wording).split()) if wording is not None else ""
    _curate(store, lesson_id, curator, wording=text)


def mark_favourite(
    store: StoreLike, lesson_id: str, favourite: bool = True, *, curator: str = ""
) -> None:
    """Mark lesson ``lesson_id`` as a favourite: the library lists favourites first.

    Example: ``mark_favourite(store, "L12")``; ``mark_favourite(store, "L12", False)``
    takes the mark off again.
    """
    _curate(store, lesson_id, curator, favourite=bool(favourite))


def _context(store: ProjectStore) -> pd.DataFrame:
    projects = store.projects()
    rows = []
    for record in projects.to_dict("records"):
        row = {"project_id": str(record["project_id"])}
        lowered = {str(k).lower(): v for k, v in record.items()}
        for column, names in _CONTEXT.items():
            value = next((lowered[n] for n in names if _filled(lowered.get(n))), "")
            row[column] = _plain(value)
        rows.append(row)
    docs = store.documents()
    waves = {
        str(pid): sorted({str(w) for w in group["wave"].dropna() if str(w)}, key=wave_sort_key)
        for pid, group in docs.groupby("project_id")
    }
    for row in rows:
        row["project_waves"] = ";".join(waves.get(row["project_id"], []))
    known = {r["project_id"] for r in rows}
    for pid, found in waves.items():
        if pid not in known:
            rows.append({"project_id": pid, **dict.fromkeys(_CONTEXT, ""),
                         "project_waves": ";".join(found)})  # fmt: skip
    columns = ["project_id", *_CONTEXT, "project_waves"]
    return pd.DataFrame(rows, columns=columns)


def _filled(value: object) -> bool:
    return value is not None and value == value and str(value).strip() != ""


def _plain(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if _filled(value) else ""


def library_lessons(
    store: StoreLike,
    *,
    statuses: tuple[str, ...] = ("confirmed", "proposed"),
    include_hidden: bool = False,
) -> pd.DataFrame:
    """The lessons the library shows: those with a status in ``statuses``, hidden ones
    left out (unless ``include_hidden``), favourites first, then by theme, project and
    wave. A lesson the suggestion model proposed (``origin`` ``model``) is shown only once
    a researcher confirmed it: the rules' proposals are precise enough to show before
    review, the model's are guesses to review first (``sokwal lessons --suggest``).

    Returns the lessons table's columns (provenance included) plus ``library_text`` (the
    researcher's wording, else the quote), ``original`` (the quote), ``edited``,
    ``hidden``, ``favourite`` and the project's context: ``project_name``,
    ``municipality``, ``region``, ``project_kind``, ``description``, ``start_year``,
    ``project_waves`` (``;``-separated, in order).

    >>> import pathlib, tempfile
    >>> with ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal") as store:
    ...     len(library_lessons(store))
    0
    """
    if not isinstance(store, ProjectStore):
        with open_store(store, create=False) as opened:
            return library_lessons(opened, statuses=statuses, include_hidden=include_hidden)
    lessons = lessons_of(store, include_rejected=True)
    unreviewed_guess = (lessons["origin"] == "model") & (lessons["status"] != "confirmed")
    lessons = lessons[lessons["status"].isin(statuses) & ~unreviewed_guess]
    curation = store.lesson_curation()[["lesson_id", "hidden", "wording", "favourite"]]
    frame = lessons.merge(curation, on="lesson_id", how="left")
    frame["hidden"] = frame["hidden"].astype("boolean").fillna(False).astype(bool)
    frame["favourite"] = frame["favourite"].astype("boolean").fillna(False).astype(bool)
    wording = frame["wording"].fillna("").astype(str)
    frame["original"] = frame["text"]
    frame["edited"] = wording.str.strip() != ""
    frame["library_text"] = wording.where(frame["edited"], frame["text"])
    frame = frame.drop(columns=["wording"])
    if not include_hidden:
        frame = frame[~frame["hidden"]]
    frame = frame.merge(_context(store), on="project_id", how="left")
    for column in (*_CONTEXT, "project_waves"):
        frame[column] = frame[column].fillna("").astype(str)
    frame = frame.assign(_w=frame["wave"].map(wave_sort_key), _fav=~frame["favourite"])
    frame = frame.sort_values(["_fav", "themes", "project_id", "_w", "lesson_id"], kind="mergesort")
    return frame.drop(columns=["_w", "_fav"]).reset_index(drop=True)
