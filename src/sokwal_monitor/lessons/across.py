"""Lessons across waves (a learning trajectory per project) and across projects (lessons
by theme over the programme).

Both read the ``lessons`` table (by default the lessons not rejected) and group them by
theme: a lesson with two themes counts for both; a lesson without a theme is grouped
under ``""``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

import pandas as pd

from ..model import wave_sort_key
from ..store import StoreLike, open_store

__all__ = [
    "OUTCOMES",
    "THEME_COLUMNS",
    "TRAJECTORY_COLUMNS",
    "learning_trajectory",
    "lessons_by_theme",
]  # fmt: skip

#: What became of a theme's lessons in a project, in the order the trajectory lists them.
OUTCOMES = ("put_into_practice", "recurring_problem", "new", "once")
TRAJECTORY_COLUMNS = (
    "project_id", "theme", "outcome", "waves", "first_wave", "last_wave", "n_lessons",
    "types", "lesson_ids", "practice_lesson_ids", "example",
)  # fmt: skip
THEME_COLUMNS = (
    "theme", "n_projects", "n_lessons", "recurring", "projects", "roles", "types", "waves",
    "lesson_ids", "example",
)  # fmt: skip
_DEFAULT_STATUS = ("proposed", "confirmed")
_PROBLEM_TYPES = ("insight", "do_differently")


def _by_theme(table: pd.DataFrame) -> pd.DataFrame:
    """One row per lesson and theme."""
    out = table.copy()
    out["theme"] = out["themes"].fillna("").map(lambda t: [p for p in t.split(";") if p] or [""])
    return out.explode("theme")


def _count(values: Sequence[str]) -> str:
    """``"advice 2; insight 1"``: the values by frequency, then name."""
    pairs = sorted(Counter(v for v in values if v).items(), key=lambda kv: (-kv[1], kv[0]))
    return "; ".join(f"{v} {n}" for v, n in pairs)


def learning_trajectory(
    store: StoreLike,
    *,
    project_id: str | None = None,
    status: str | Sequence[str] = _DEFAULT_STATUS,
) -> pd.DataFrame:
    """Per project and theme, what became of its lessons from wave to wave.

    ``outcome`` is

    - ``put_into_practice``: a lesson of an earlier wave (an insight, something to do
      differently, advice) and a ``changed_practice`` lesson of the same theme in a later
      wave (``practice_lesson_ids``);
    - ``recurring_problem``: insights or things to do differently in two or more waves,
      without a changed practice after the first;
    - ``new``: the theme's first lesson is in a later wave than the project's first;
    - ``once``: voiced in the project's first wave only (or the project has one wave).

    Columns: :data:`TRAJECTORY_COLUMNS` (``waves``, ``lesson_ids`` and
    ``practice_lesson_ids`` are lists; ``types`` reads ``"2018: insight; 2019:
    changed_practice"``; ``example`` is the earliest lesson's text). Sorted by project,
    outcome (in :data:`OUTCOMES` order) and theme.

    >>> import tempfile, pathlib
    >>> learning_trajectory(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").empty
    True
    """
    store = open_store(store)
    table = store.lessons(project_id=project_id, status=status)
    table = table[table["project_id"] != ""]
    if table.empty:
        return pd.DataFrame(columns=TRAJECTORY_COLUMNS)
    docs = store.documents()
    rows = []
    for (project, theme), group in _by_theme(table).groupby(["project_id", "theme"]):
        project_waves = docs.loc[docs["project_id"] == project, "wave"].dropna()
        all_waves = sorted({str(w) for w in project_waves if str(w)}, key=wave_sort_key)
        rank = {w: i for i, w in enumerate(all_waves)}
        group = group.assign(rank=[rank.get(str(w), -1) for w in group["wave"]])
        group = group.sort_values(["rank", "path", "start_char"])
        waves = sorted(set(group["wave"]), key=wave_sort_key)
        practice = group[group["type"] == "changed_practice"]
        earlier = group[group["type"] != "changed_practice"]
        later_practice = practice[
            practice["rank"] > (earlier["rank"].min() if len(earlier) else len(all_waves))
        ]
        problem_waves = set(group.loc[group["type"].isin(_PROBLEM_TYPES), "rank"])
        if len(later_practice):
            outcome = "put_into_practice"
        elif len(problem_waves) >= 2:
            outcome = "recurring_problem"
        elif len(all_waves) >= 2 and group["rank"].min() > 0:
            outcome = "new"
        else:
            outcome = "once"
        rows.append({
            "project_id": project, "theme": theme, "outcome": outcome, "waves": waves,
            "first_wave": waves[0], "last_wave": waves[-1], "n_lessons": len(group),
            "types": "; ".join(f"{w}: {', '.join(sorted(set(g['type'])))}"
                               for w, g in sorted(group.groupby("wave"),
                                                  key=lambda wg: wave_sort_key(str(wg[0])))),
            "lesson_ids": list(group["lesson_id"]),
            "practice_lesson_ids": list(later_practice["lesson_id"]),
            "example": " ".join(str(group["text"].iloc[0]).split()),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=TRAJECTORY_COLUMNS)
    out["_o"] = out["outcome"].map(OUTCOMES.index)
    return out.sort_values(["project_id", "_o", "theme"]).drop(columns="_o").reset_index(drop=True)


def lessons_by_theme(
    store: StoreLike, *, status: str | Sequence[str] = _DEFAULT_STATUS
) -> pd.DataFrame:
    """The programme's lessons grouped by theme: in how many projects, by which kinds of
    respondents (``roles``: ``"initiator 3; report 2"``), of which types; recurring
    themes (voiced in two or more projects) first, then by number of lessons.

    Columns: :data:`THEME_COLUMNS` (``projects`` and ``waves`` ``;``-separated,
    ``lesson_ids`` a list, ``example`` the first lesson's text).

    >>> import tempfile, pathlib
    >>> list(lessons_by_theme(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal").columns[:3])
    ['theme', 'n_projects', 'n_lessons']
    """
    table = open_store(store).lessons(status=status)
    if table.empty:
        return pd.DataFrame(columns=THEME_COLUMNS)
    rows = []
    for theme, group in _by_theme(table).groupby("theme"):
        projects = sorted({p for p in group["project_id"] if p})
        rows.append({
            "theme": theme, "n_projects": len(projects), "n_lessons": len(group),
            "recurring": len(projects) >= 2, "projects": ";".join(projects),
            "roles": _count(list(group["role"])), "types": _count(list(group["type"])),
            "waves": ";".join(sorted({str(w) for w in group["wave"] if w}, key=wave_sort_key)),
            "lesson_ids": list(group["lesson_id"]),
            "example": " ".join(str(group["text"].iloc[0]).split()),
        })  # fmt: skip
    out = pd.DataFrame(rows, columns=THEME_COLUMNS)
    return out.sort_values(
        ["n_projects", "n_lessons", "theme"], ascending=[False, False, True]
    ).reset_index(drop=True)
