"""The programme overview: one row per project with its key figures, side by side."""

from __future__ import annotations

import pandas as pd

from ..model import evidence_mask, wave_sort_key
from ..store import ProjectStore
from .project import choose_coder

__all__ = ["OVERVIEW_COLUMNS", "programme_overview"]

#: The columns of :func:`programme_overview`, after ``project_id`` and the metadata.
OVERVIEW_COLUMNS = (
    "waves",
    "n_interviews",
    "n_reports",
    "n_surveyed",
    "n_codings",
    "top_codes",
)

#: Metadata columns shown when the projects file has them (English and Dutch names).
FACT_COLUMNS = ("name", "naam", "municipality", "gemeente", "theme", "thema")


def programme_overview(
    store: ProjectStore, *, coder: str | None = None, top: int = 3
) -> pd.DataFrame:
    """One row per project: its name, municipality and theme (when the metadata has
    them), waves, numbers of interviews and reports, survey respondents, codings by
    ``coder`` (default: the coder with the most codings in the store), and the ``top``
    codes found in most respondent turns and report paragraphs.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "P01_2018_interview.txt").write_text("R: Goed.\\n", encoding="utf-8")
    >>> _ = (root / "P02_2019_rapport.md").write_text("Verslag.\\n", encoding="utf-8")
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> programme_overview(store)[["project_id", "waves", "n_interviews", "n_reports"]]
      project_id waves  n_interviews  n_reports
    0        P01  2018             1          0
    1        P02  2019             0          1
    >>> store.close()
    """
    coder = coder or choose_coder(store)
    projects = store.projects()
    facts = [c for c in FACT_COLUMNS if c in projects.columns]
    docs = store.documents()
    ids = sorted(set(projects["project_id"].dropna()) | set(docs["project_id"].dropna()), key=str)
    frame = pd.DataFrame({"project_id": ids})
    frame = frame.merge(projects[["project_id", *facts]], on="project_id", how="left")
    texts = docs[docs["kind"] != "survey"]
    waves = texts.groupby("project_id")["wave"].agg(
        lambda w: ", ".join(sorted({str(v) for v in w.dropna()}, key=wave_sort_key))
    )
    frame["waves"] = frame["project_id"].map(waves).fillna("")
    for column, kind in (("n_interviews", "interview"), ("n_reports", "report")):
        counts = texts[texts["kind"] == kind].groupby("project_id").size()
        frame[column] = frame["project_id"].map(counts).fillna(0).astype("int64")
    frame["n_surveyed"] = frame["project_id"].map(_surveyed(store)).fillna(0).astype("int64")
    codings = store.codings(coder=coder, with_metadata=True) if coder else None
    if codings is None or codings.empty:
        frame["n_codings"] = 0
        frame["top_codes"] = ""
    else:
        frame["n_codings"] = (
            frame["project_id"].map(codings.groupby("project_id").size()).fillna(0).astype("int64")
        )
        segments = store.segments(with_metadata=True)
        counted = set(segments.loc[evidence_mask(segments), "segment_id"])
        evidence = codings[codings["segment_id"].isin(counted)].drop_duplicates(
            ["segment_id", "code"]
        )
        counts = evidence.groupby(["project_id", "code"]).size().rename("n").reset_index()
        counts = counts.sort_values(["project_id", "n", "code"], ascending=[True, False, True])
        tops = counts.groupby("project_id")["code"].agg(lambda c: ", ".join(list(c)[:top]))
        frame["top_codes"] = frame["project_id"].map(tops).fillna("")
    frame.attrs["coder"] = coder
    return frame


def _surveyed(store: ProjectStore) -> pd.Series:
    """Survey respondents per project (the largest n of any survey variable)."""
    from .survey import survey_outcomes

    outcomes = survey_outcomes(store)
    if outcomes.empty:
        return pd.Series(dtype="int64")
    per_wave = outcomes.groupby(["project_id", "wave"])["n"].max()
    return per_wave.groupby("project_id").sum()
