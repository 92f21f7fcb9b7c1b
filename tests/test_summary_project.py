"""One project's outcome summary (`project_summary`), its HTML sections and figures, and
the programme overview, on the real sample (ingested and rule-coded, not pseudonymized:
the header must then warn)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from sokwal_monitor import ProjectStore, code_store, ingest
from sokwal_monitor.coding import add_coding
from sokwal_monitor.learning import learning_effects
from sokwal_monitor.summary import (
    choose_coder,
    figures,
    programme_overview,
    project_summary,
    render,
    survey_outcomes,
)
from sokwal_monitor.summary.text import TEXTS, percent, say

matplotlib.use("Agg")
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectStore]:
    path = tmp_path_factory.mktemp("summary") / "s.sokwal"
    with ProjectStore(path) as store:
        ingest(store, SAMPLE)
        code_store(store)
        yield store


@pytest.fixture(scope="module")
def rule_coder(store: ProjectStore) -> str:
    (coder,) = set(store.codings()["coder"])
    return coder


@pytest.fixture(scope="module")
def p01(store: ProjectStore) -> object:
    return project_summary(store, "P01", n_boot=200, seed=1)


def _evidence(store: ProjectStore, project: str) -> pd.DataFrame:
    """Respondent turns and report paragraphs of the project, counted by hand."""
    seg = store.segments(with_metadata=True)
    seg = seg[(seg["project_id"] == project) & (seg["kind"] != "survey")]
    with_turns = set(seg.loc[seg["role"] == "respondent", "doc_id"])
    header = (seg["kind"] == "interview") & seg["doc_id"].isin(with_turns)
    return seg[(seg["role"] == "respondent") | ((seg["role"] == "") & ~header)]


def test_the_coder_with_most_codings_is_used_and_named(
    store: ProjectStore, p01: object, rule_coder: str
) -> None:
    assert choose_coder(store) == rule_coder == choose_coder(store, "P01")
    assert p01.certainty.coder == rule_coder
    assert say("coder_used", "nl", coder=rule_coder) in render.certainty_html(p01)


def test_codes_per_wave_are_shares_of_the_evidence_segments(
    store: ProjectStore, p01: object, rule_coder: str
) -> None:
    table = p01.codes_per_wave
    evidence = _evidence(store, "P01")
    units = evidence.groupby("wave").size()
    codings = store.codings(coder=rule_coder)
    codings = codings[codings["segment_id"].isin(set(evidence["segment_id"]))]
    hits = codings.drop_duplicates(["segment_id", "code"]).merge(
        evidence[["segment_id", "wave"]], on="segment_id"
    )
    expected = hits.groupby(["wave", "code"]).size()
    assert len(table) == len(expected) > 0
    for row in table.itertuples():
        assert row.n == expected[(row.wave, row.code)]
        assert row.n_units == units[row.wave]
        assert row.share == pytest.approx(row.n / row.n_units)
    assert list(dict.fromkeys(table["wave"])) == ["2018", "2019"]


def test_learning_rows_are_the_projects_rows_of_the_table(
    store: ProjectStore, p01: object, rule_coder: str
) -> None:
    expected = learning_effects(store, coder=rule_coder, n_boot=200, seed=1, project_id="P01")
    pd.testing.assert_frame_equal(p01.learning, expected)
    ids = {i for ids in p01.learning["example_segment_ids"] for i in ids}
    assert ids and ids == set(p01.quotes)


def test_the_certainty_box_counts_the_material(store: ProjectStore, p01: object) -> None:
    docs = store.documents()
    mine = docs[docs["project_id"] == "P01"]
    c = p01.certainty
    assert c.n_interviews == (mine["kind"] == "interview").sum() == 3
    assert c.interviews_per_wave == {"2018": 1, "2019": 2}
    assert c.n_reports == (mine["kind"] == "report").sum()
    codings = store.codings(doc_id=list(mine["doc_id"]))
    assert sum(c.codings_by_origin.values()) == len(codings)
    assert c.automatic_share == 1.0  # rules only
    assert c.agreement is None and not c.pseudonymized
    assert c.survey_respondents == {"2018": 12, "2019": 12}
    html = render.certainty_html(p01)
    assert say("no_agreement", "nl") in html and "100%" in html


def test_agreement_appears_with_a_second_coder(tmp_path: Path, rule_coder: str) -> None:
    with ProjectStore(tmp_path / "two.sokwal") as store:
        ingest(store, SAMPLE / "interviews" / "2018")
        code_store(store)
        for row in store.codings().itertuples():  # anna codes exactly what the rules coded
            add_coding(store, row.doc_id, row.start_char, row.end_char, row.code, coder="anna")
        docs = store.documents()
        project = docs.loc[docs["path"].str.startswith("P01"), "project_id"].iloc[0]
        summary = project_summary(store, project, n_boot=100)
    a = summary.certainty.agreement
    assert a is not None and sorted(a["coders"]) == sorted([rule_coder, "anna"])
    assert a["alpha"] == pytest.approx(1.0) and a["n_units"] > 0
    assert "Krippendorffs α = 1,00" in render.certainty_html(summary)


def test_survey_outcomes_of_the_project_only(store: ProjectStore, p01: object) -> None:
    all_projects = survey_outcomes(store)
    expected = all_projects[all_projects["project_id"] == "P01"].reset_index(drop=True)
    pd.testing.assert_frame_equal(p01.survey, expected)
    html = render.survey_html(p01)
    assert "Hoe vaak voelt u zich eenzaam? (één antwoord)" in html and "n=12" in html


def test_unknown_project_lists_the_known_ones(store: ProjectStore) -> None:
    with pytest.raises(ValueError, match="no project 'P99'; the projects in this store are: P01"):
        project_summary(store, "P99")
    with pytest.raises(ValueError, match="lang must be one of nl, en"):
        project_summary(store, "P01", lang="fr")


def test_sections_in_english_and_escaped(store: ProjectStore, p01: object) -> None:
    english = project_summary(store, "P01", lang="en", n_boot=0)
    pages = {
        "nl": "".join(f(p01) for f in _SECTIONS),
        "en": "".join(f(english) for f in _SECTIONS),
    }
    for key in ("facts", "learning", "survey", "certainty"):
        assert TEXTS["nl"][key] in pages["nl"] and TEXTS["en"][key] in pages["en"]
    assert "Hoe zeker" not in pages["en"]
    assert say("not_pseudonymized", "nl") in render.header_html(p01)  # a raw store warns
    p01.facts["name"] = "Tafel <script>alert(1)</script>"
    try:
        header = render.header_html(p01)
    finally:
        p01.facts["name"] = "Samen aan Tafel Markeveen"
    assert "<script>" not in header and "&lt;script&gt;" in header


def test_a_project_without_material_says_so(tmp_path: Path) -> None:
    projects = "project_id,name\nP01,Leeg project\n"
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "projects.csv").write_text(projects, encoding="utf-8")
    (tmp_path / "in" / "P02_2018_interview.txt").write_text("R: Goed.\n", encoding="utf-8")
    with ProjectStore(tmp_path / "s.sokwal") as store:
        ingest(store, tmp_path / "in")
        summary = project_summary(store, "P01", n_boot=0)
    assert summary.codes_per_wave.empty and summary.learning.empty and summary.survey.empty
    html = "".join(f(summary) for f in _SECTIONS)
    for key in ("no_codes", "no_learning", "no_topics", "no_survey", "no_indicators"):
        assert say(key, "nl") in html, key


def test_figures_draw_the_tables(p01: object) -> None:
    import matplotlib.pyplot as plt

    ax = figures.plot_codes_per_wave(p01, top=5)
    assert len(ax.get_yticklabels()) == 5
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["2018", "2019"]
    ax = figures.plot_survey_means(p01)
    means = p01.survey[p01.survey["statistic"] == "mean"]
    assert len(ax.get_legend().get_texts()) == means["variable"].nunique()
    plt.close("all")


def test_programme_overview(store: ProjectStore, rule_coder: str) -> None:
    frame = programme_overview(store)
    assert frame["project_id"].tolist() == ["P01", "P02", "P03", "P04", "P05"]
    docs = store.documents()
    for row in frame.itertuples():
        mine = docs[docs["project_id"] == row.project_id]
        assert row.n_interviews == (mine["kind"] == "interview").sum()
        assert row.n_reports == (mine["kind"] == "report").sum()
    p01 = frame.set_index("project_id").loc["P01"]
    assert p01["name"] == "Samen aan Tafel Markeveen" and p01["waves"] == "2018, 2019"
    assert p01["n_surveyed"] == 24 and p01["n_codings"] > 0 and p01["top_codes"]
    assert frame.attrs["coder"] == rule_coder


def test_percent_and_numbers_follow_the_language() -> None:
    assert percent(0.5, "nl") == "50%" and percent(0.0625, "nl", 1) == "6,2%"
    assert percent(0.0625, "en", 1) == "6.2%"


_SECTIONS = (
    render.header_html,
    render.facts_html,
    render.indicators_html,
    render.codes_html,
    render.learning_html,
    render.topics_html,
    render.survey_html,
    render.certainty_html,
)


def test_learning_effects_of_interviews_only(store: ProjectStore, rule_coder: str) -> None:
    """The sample's P01 has interviews and a report in 2019: the interviews alone give
    fewer units in that wave, counted by hand here."""
    both = learning_effects(store, coder=rule_coder, n_boot=0, project_id="P01")
    talk = learning_effects(
        store, coder=rule_coder, n_boot=0, project_id="P01", document_kinds="interview"
    )
    evidence = _evidence(store, "P01")
    interviews = evidence[evidence["kind"] == "interview"]
    assert set(talk["n_after"]) == {(interviews["wave"] == "2019").sum()}
    assert set(both["n_after"]) == {(evidence["wave"] == "2019").sum()}
    assert talk["n_after"].iloc[0] < both["n_after"].iloc[0]
