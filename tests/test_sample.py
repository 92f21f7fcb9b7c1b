"""The sample corpus in data/sample loads completely and as its documentation says."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from sokwal_monitor import ProjectStore, ingest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample"
GOLD = ROOT / "data" / "sample_gold" / "personal_data.csv"


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory) -> ProjectStore:
    path = tmp_path_factory.mktemp("sample") / "sample.sokwal"
    report = ingest(path, SAMPLE, progress=False)
    assert report.exit_code == 0, report.to_frame()
    assert not report.warnings, report.warnings
    store = ProjectStore(path)
    yield store
    store.close()


def test_every_format_of_the_issue_is_in_the_sample(sample_store: ProjectStore) -> None:
    formats = set(sample_store.documents()["format"])
    assert {"txt", "docx", "odt", "rtf", "pdf", "html", "md", "vtt", "srt", "sav"} <= formats


def test_four_projects_have_interviews_in_two_waves_and_a_report(
    sample_store: ProjectStore,
) -> None:
    docs = sample_store.documents()
    interviews = docs[docs["kind"] == "interview"]
    waves = interviews.groupby("project_id")["wave"].apply(lambda w: sorted(set(w)))
    for project in ["P01", "P02", "P03", "P04"]:
        assert waves[project] == ["2018", "2019"]
        assert ((docs["project_id"] == project) & (docs["kind"] == "report")).any()
    assert set(sample_store.projects().query("in_metadata")["project_id"]) >= {"P01", "P04"}


def test_interviews_have_both_roles_and_respondents_say_most(sample_store: ProjectStore) -> None:
    segments = sample_store.segments(with_metadata=True)
    interviews = segments[segments["kind"] == "interview"]
    for doc_id, turns in interviews.groupby("doc_id"):
        roles = set(turns["role"])
        assert {"interviewer", "respondent"} <= roles, doc_id
        chars = turns.assign(n=turns["text"].str.len()).groupby("role")["n"].sum()
        assert chars["respondent"] > chars["interviewer"], doc_id


def test_words_per_interview_are_in_the_promised_range(sample_store: ProjectStore) -> None:
    docs = sample_store.documents()
    for doc_id in docs.loc[docs["kind"] == "interview", "doc_id"]:
        n_words = len(sample_store.text(doc_id).split())
        assert 600 <= n_words <= 1500, (doc_id, n_words)


def test_offsets_are_exact_for_every_segment(sample_store: ProjectStore) -> None:
    segments = sample_store.segments()
    for row in segments.itertuples():
        assert sample_store.text(row.doc_id)[row.start_char : row.end_char] == row.text
        assert row.text == row.text.strip() and row.text


def test_every_gold_personal_data_string_is_in_the_stored_text(
    sample_store: ProjectStore,
) -> None:
    docs = sample_store.documents().set_index("path")
    with GOLD.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) > 100
    for row in rows:
        text = " ".join(sample_store.text(docs.loc[row["path"], "doc_id"]).split())
        assert row["text"] in text, row


def test_the_survey_keeps_labels_and_user_missing_values(sample_store: ProjectStore) -> None:
    from sokwal_monitor.ingestion.surveys import load_survey

    variables = sample_store.table("survey_variables").set_index("name")
    assert variables.loc["eenzaam", "label"]
    assert variables.loc["eenzaam", "missing_ranges"]
    doc_id = variables["doc_id"].iloc[0]
    raw = load_survey(sample_store, doc_id, missing=False)
    clean = load_survey(sample_store, doc_id, missing=True, labels=True)
    assert (raw["eenzaam"] == 9).sum() > 0
    assert clean["eenzaam"].isna().sum() >= (raw["eenzaam"] == 9).sum()
    assert clean["eenzaam"].dropna().map(lambda v: isinstance(v, str)).all()


def test_the_generator_reproduces_the_committed_sample() -> None:
    script = ROOT / "scripts" / "make_sample.py"
    done = subprocess.run(
        [sys.executable, str(script), "--check"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
