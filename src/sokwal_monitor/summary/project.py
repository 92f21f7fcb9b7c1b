"""One project's outcome summary: every table the report shows, computed from the store.

:func:`project_summary` reads the store once and returns a :class:`ProjectSummary`: plain
DataFrames and numbers, no HTML. :mod:`.render` turns it into the report's sections and
:mod:`.figures` into its figures; a notebook can show or change any of them.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from ..learning import learning_effects
from ..model import evidence_mask, wave_sort_key
from ..store import ProjectStore, StoreLike, open_store
from .indicators import find_indicators, indicator_overview
from .lessons import LESSON_COLUMNS, lessons_of
from .survey import survey_outcomes
from .text import check_lang

__all__ = ["Certainty", "ProjectSummary", "choose_coder", "project_summary"]

#: Origins that are not a researcher's own judgement.
AUTOMATIC_ORIGINS = ("rule", "model")


@dataclass
class Certainty:
    """What the "how sure are we" box says: how much material, made by whom."""

    n_interviews: int
    interviews_per_wave: dict[str, int]
    n_reports: int
    n_respondents: int
    survey_respondents: dict[str, int]
    codings_by_origin: dict[str, int]
    automatic_share: float
    coders: list[str]
    coder: str | None
    agreement: dict[str, Any] | None
    pseudonymized: bool


@dataclass
class ProjectSummary:
    """Everything one project's outcome summary shows (see :func:`project_summary`)."""

    project_id: str
    lang: str
    facts: dict[str, Any]
    documents: pd.DataFrame
    waves: list[str]
    codes_per_wave: pd.DataFrame
    learning: pd.DataFrame
    topics: pd.DataFrame
    indicators: pd.DataFrame
    survey: pd.DataFrame
    certainty: Certainty
    quotes: dict[str, str] = field(default_factory=dict)
    lessons: pd.DataFrame = field(default_factory=lambda: lessons_of_nothing())

    @property
    def name(self) -> str:
        """The project's name from the metadata, else its id."""
        name = self.facts.get("name") or self.facts.get("naam")
        return str(name) if name else self.project_id


def lessons_of_nothing() -> pd.DataFrame:
    """An empty lessons table with the contract's columns.

    >>> list(lessons_of_nothing().columns[:3])
    ['lesson_id', 'doc_id', 'segment_id']
    """
    return pd.DataFrame({c: pd.Series(dtype="object") for c in LESSON_COLUMNS})


def choose_coder(store: ProjectStore, project_id: str | None = None) -> str | None:
    """The coder whose codings a summary uses when none is named: the one with the most
    codings (in the project's documents when ``project_id`` is given; ties by name);
    None without codings.

    >>> import pathlib, tempfile
    >>> with ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal") as store:
    ...     print(choose_coder(store))
    None
    """
    coder = store.busiest_coder(project_id)
    if coder is None and project_id:
        return choose_coder(store)
    return coder


def _check_project(store: ProjectStore, project_id: str) -> None:
    known = set(store.projects()["project_id"].dropna()) | set(
        store.documents()["project_id"].dropna()
    )
    if project_id not in known:
        raise ValueError(
            f"{store.path}: no project {project_id!r}; the projects in this store are:"
            f" {', '.join(sorted(map(str, known))) or '(none)'}"
        )


def _facts(store: ProjectStore, project_id: str) -> dict[str, Any]:
    projects = store.projects()
    row = projects[projects["project_id"] == project_id]
    if row.empty or not bool(row["in_metadata"].iloc[0]):
        return {}
    facts = row.drop(columns=["in_metadata"]).iloc[0].to_dict()
    return {k: v for k, v in facts.items() if k != "project_id" and pd.notna(v) and v != ""}


def _waves(values: pd.Series) -> list[str]:
    return sorted({str(w) for w in values.dropna() if str(w)}, key=wave_sort_key)


def _by_wave(table: pd.DataFrame, name: str) -> pd.DataFrame:
    """Waves in natural order, then the most frequent first, then by ``name``."""
    order = {w: i for i, w in enumerate(_waves(table["wave"]))}
    return (
        table.assign(_w=table["wave"].map(order), _n=-table["n"])
        .sort_values(["_w", "_n", name])
        .drop(columns=["_w", "_n"])
    )


def _codes_per_wave(segments: pd.DataFrame, codings: pd.DataFrame) -> pd.DataFrame:
    """``wave, code, n, n_units, share``: evidence segments carrying each code per wave."""
    units = segments.groupby("wave").size().rename("n_units")
    hits = (
        codings[["segment_id", "code"]]
        .drop_duplicates()
        .merge(segments[["segment_id", "wave"]], on="segment_id")
    )
    if hits.empty:
        return pd.DataFrame({"wave": [], "code": [], "n": [], "n_units": [], "share": []}).astype(
            {"n": "int64", "n_units": "int64", "share": "float64"}
        )
    table = hits.groupby(["wave", "code"]).size().rename("n").reset_index()
    table = table.merge(units.reset_index(), on="wave")
    table["share"] = table["n"] / table["n_units"]
    table = _by_wave(table, "code")
    return table.reset_index(drop=True).astype({"n": "int64", "n_units": "int64"})


def _topics(store: ProjectStore, segments: pd.DataFrame) -> pd.DataFrame:
    """``wave, topic, label, n, n_units, share`` of the project's evidence segments."""
    from ..topics import topics_table

    table = topics_table(store)
    table = table[table["topic"] >= 0]
    hits = table.merge(segments[["segment_id", "wave"]], on="segment_id")
    if hits.empty:
        return pd.DataFrame(columns=["wave", "topic", "label", "n", "n_units", "share"])
    counts = (
        hits.drop_duplicates(["segment_id", "topic"])
        .groupby(["wave", "topic", "label"])
        .size()
        .rename("n")
        .reset_index()
    )
    counts = counts.merge(segments.groupby("wave").size().rename("n_units").reset_index())
    counts["share"] = counts["n"] / counts["n_units"]
    counts = _by_wave(counts, "topic")
    return counts.reset_index(drop=True)


def _agreement(
    store: ProjectStore,
    project_id: str,
    coders: Sequence[str] | None,
    codings: pd.DataFrame,
    n_boot: int,
    seed: int,
) -> dict[str, Any] | None:
    from ..reliability import agreement

    if coders is None:
        counts = codings.groupby("coder").size().sort_values(ascending=False, kind="mergesort")
        coders = list(counts.index[:2])
    if len(coders) < 2:
        return None
    try:
        table = agreement(
            store, list(coders), level="segment", n_boot=n_boot, seed=seed, project_id=project_id
        )
    except ValueError:  # no document both coded
        return None
    overall = table.iloc[-1]
    return {
        "coders": list(coders),
        "alpha": float(overall["krippendorff_alpha"]),
        "ci_low": float(overall["ci_low"]),
        "ci_high": float(overall["ci_high"]),
        "n_units": int(overall["n_units"]),
        "percent_agreement": float(overall["percent_agreement"]),
    }


def project_summary(
    store: StoreLike,
    project_id: str,
    *,
    coder: str | None = None,
    lang: str = "nl",
    n_boot: int = 1000,
    seed: int = 0,
    agreement_coders: Sequence[str] | None = None,
) -> ProjectSummary:
    """Compute one project's outcome summary from the store.

    Parameters
    ----------
    store : ProjectStore or path
        The (pseudonymized) project store (a path is opened and closed again).
    project_id : str
        The project.
    coder : str, optional
        Whose codings the code tables and learning effects use; default the coder with
        the most codings in the project (:func:`choose_coder`). The summary says which.
    lang : {"nl", "en"}, default "nl"
        The language of the texts :mod:`.render` makes from the summary.
    n_boot : int, default 1000
        Bootstrap replicates of the learning effects' and the agreement's intervals.
    seed : int, default 0
        Seed of those bootstraps: the same store and seed give the same summary.
    agreement_coders : sequence of str, optional
        The coders compared in the "how sure are we" box; default the two with the most
        codings in the project's documents (none when there is only one).

    Returns
    -------
    ProjectSummary
        ``facts`` (metadata), ``documents`` (one row per current document of the
        project), ``waves``, ``codes_per_wave``, ``learning`` (the project's
        learning-effects rows, codes and topics), ``topics``, ``indicators``
        (:func:`indicator_overview`), ``survey`` (:func:`survey_outcomes` of the project),
        ``certainty``, ``quotes`` (segment id → pseudonymized text of every example
        segment the learning table names) and ``lessons`` (the project's lessons that
        are not rejected, :func:`~sokwal_monitor.summary.lessons.lessons_of`).

    Raises
    ------
    ValueError
        An unknown project (the message lists the store's projects) or language.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "P01_2018_interview.txt").write_text("R: We begonnen met 12 deelnemers.\\n")
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> summary = project_summary(store, "P01", n_boot=0)
    >>> summary.certainty.n_interviews, summary.waves
    (1, ['2018'])
    >>> summary.indicators[["indicator", "value"]].to_dict("records")
    [{'indicator': 'deelnemers', 'value': 12.0}]
    >>> store.close()
    """
    if not isinstance(store, ProjectStore):
        with open_store(store, create=False) as opened:
            return project_summary(
                opened, project_id, coder=coder, lang=lang, n_boot=n_boot, seed=seed,
                agreement_coders=agreement_coders,
            )  # fmt: skip
    check_lang(lang)
    _check_project(store, project_id)
    docs = store.documents()
    docs = docs[docs["project_id"] == project_id].reset_index(drop=True)
    text_docs = docs[docs["kind"] != "survey"]
    segments = store.segments(with_metadata=True)
    segments = segments[segments["doc_id"].isin(set(text_docs["doc_id"])) & evidence_mask(segments)]
    segments = segments[segments["wave"].notna()]
    all_codings = store.codings(doc_id=list(text_docs["doc_id"]), with_metadata=True)
    coder = coder or choose_coder(store, project_id)
    codings = all_codings[all_codings["coder"] == coder] if coder else all_codings.iloc[0:0]
    evidence = codings[codings["segment_id"].isin(set(segments["segment_id"]))]

    topics = _topics(store, segments)
    kinds: tuple[str, ...] = ("code", "topic") if not topics.empty else ("code",)
    if coder is None and "code" in kinds:
        kinds = tuple(k for k in kinds if k != "code")
    if kinds:
        learning = learning_effects(
            store,
            coder=coder or "*",
            kinds=kinds,
            n_boot=n_boot,
            seed=seed,
            project_id=project_id,
        )
    else:
        learning = learning_effects(store, coder="*", n_boot=0, project_id=[])
    example_ids = {i for ids in learning["example_segment_ids"] for i in ids}
    texts = store.segments()
    quotes = dict(
        texts.loc[texts["segment_id"].isin(example_ids), ["segment_id", "text"]].itertuples(
            index=False
        )
    )

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        survey = survey_outcomes(store)
    survey = survey[survey["project_id"] == project_id].reset_index(drop=True)
    indicators = indicator_overview(find_indicators(store, project_id=project_id))

    interviews = text_docs[text_docs["kind"] == "interview"]
    speakers = store.segments(with_metadata=True)
    speakers = speakers[
        speakers["doc_id"].isin(set(interviews["doc_id"])) & (speakers["role"] == "respondent")
    ]
    by_origin = all_codings.groupby("origin").size().astype(int).to_dict()
    total = sum(by_origin.values())
    automatic = sum(n for o, n in by_origin.items() if o in AUTOMATIC_ORIGINS)
    respondents_by_wave = (
        survey.groupby("wave")["n"].max().astype(int).to_dict() if not survey.empty else {}
    )
    certainty = Certainty(
        n_interviews=len(interviews),
        interviews_per_wave={str(w): int(n) for w, n in interviews.groupby("wave").size().items()},
        n_reports=int((text_docs["kind"] == "report").sum()),
        n_respondents=len(speakers.drop_duplicates(["doc_id", "speaker"])),
        survey_respondents={str(w): n for w, n in respondents_by_wave.items()},
        codings_by_origin={str(k): int(v) for k, v in by_origin.items()},
        automatic_share=automatic / total if total else float("nan"),
        coders=sorted(set(all_codings["coder"])),
        coder=coder,
        agreement=_agreement(store, project_id, agreement_coders, all_codings, n_boot, seed),
        pseudonymized=bool(len(text_docs)) and bool(text_docs["pseudonymized_at"].notna().all()),
    )
    return ProjectSummary(
        project_id=project_id,
        lang=lang,
        facts=_facts(store, project_id),
        documents=docs,
        waves=_waves(pd.concat([text_docs["wave"], survey["wave"]])),
        codes_per_wave=_codes_per_wave(segments, evidence),
        learning=learning,
        topics=topics,
        indicators=indicators,
        survey=survey,
        certainty=certainty,
        quotes=quotes,
        lessons=lessons_of(store, project_id),
    )
