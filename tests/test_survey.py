"""Surveys: SPSS/Stata/SAS files written with pyreadstat, ingested and read back."""

from __future__ import annotations

import datetime as dt
import math
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest

from sokwal_monitor.errors import UnreadableFileError, WrongFormatError
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.ingestion.surveys import SURVEY_SUFFIXES, load_survey, read_survey
from sokwal_monitor.store import ProjectStore

LABELS = {
    "resp": "Respondentnummer",
    "eenzaam": "Voelt zich eenzaam",
    "gemeente": "Woongemeente",
    "leeftijd": "Leeftijd in jaren",
}
VALUE_LABELS = {"eenzaam": {1.0: "nooit", 2.0: "soms", 3.0: "vaak", 9.0: "weet niet"}}


def _frame(*, ascii_only: bool = False) -> pd.DataFrame:
    friesland = "Sudwest-Fryslan" if ascii_only else "Súdwest-Fryslân"
    return pd.DataFrame(
        {
            "resp": [1.0, 2.0, 3.0, 4.0, 5.0],
            "eenzaam": [1.0, 2.0, 9.0, np.nan, 3.0],
            "gemeente": ["Utrecht", friesland, "", "Zeist", "'s-Hertogenbosch"],
            "leeftijd": [34.0, 71.0, 99.0, 45.0, 98.0],
        }
    )


def _write_sav(path: Path, **kwargs) -> Path:
    pyreadstat.write_sav(
        _frame(),
        str(path),
        column_labels=LABELS,
        variable_value_labels=VALUE_LABELS,
        missing_ranges={"eenzaam": [9.0], "leeftijd": [{"lo": 98.0, "hi": 99.0}]},
        file_label="Deelnemersenquête 2018",
        **kwargs,
    )
    return path


@pytest.fixture
def sav(tmp_path: Path) -> Path:
    folder = tmp_path / "enquetes"
    folder.mkdir()
    return _write_sav(folder / "P01_2018_enquete.sav")


@pytest.fixture
def ingested(sav: Path, store: ProjectStore) -> tuple[ProjectStore, str]:
    report = ingest(store, sav.parent)
    assert report.exit_code == 0, report.to_frame()
    return store, report.outcomes[0].doc_id


# -- reading -----------------------------------------------------------------------------


def test_read_survey_keeps_raw_values_labels_and_missing_codes(sav: Path) -> None:
    survey = read_survey(sav)
    variables = survey.variables.set_index("name")
    assert list(variables.index) == ["resp", "eenzaam", "gemeente", "leeftijd"]
    assert variables["label"].to_dict() == LABELS
    assert variables["type"].to_dict() == {
        "resp": "numeric",
        "eenzaam": "numeric",
        "gemeente": "string",
        "leeftijd": "numeric",
    }
    assert variables.loc["eenzaam", "value_labels"] == VALUE_LABELS["eenzaam"]
    assert variables.loc["eenzaam", "missing_ranges"] == [{"lo": 9.0, "hi": 9.0}]
    assert variables.loc["leeftijd", "missing_ranges"] == [{"lo": 98.0, "hi": 99.0}]
    assert survey.file_label == "Deelnemersenquête 2018"
    # raw: the missing code 9 is still there
    assert survey.data["eenzaam"].tolist()[:3] == [1.0, 2.0, 9.0]
    frame = survey.frame(labels=True, missing=True)
    assert frame["eenzaam"].tolist()[:3] == ["nooit", "soms", frame["eenzaam"][2]]
    assert pd.isna(frame["eenzaam"][2]) and pd.isna(frame["leeftijd"][2])


def test_read_survey_errors_name_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.sav"
    broken.write_bytes(os.urandom(2048))
    with pytest.raises(UnreadableFileError) as info:
        read_survey(broken)
    assert str(broken) in str(info.value)
    assert "not a readable sav survey file" in str(info.value)
    with pytest.raises(WrongFormatError, match="not a survey file suffix"):
        read_survey(tmp_path / "enquete.csv")


# -- ingest and the tidy tables -------------------------------------------------------------


def test_survey_document(ingested: tuple[ProjectStore, str]) -> None:
    store, doc_id = ingested
    docs = store.documents()
    assert len(docs) == 1
    row = docs.iloc[0]
    assert (row["doc_id"], row["path"], row["kind"], row["format"]) == (
        doc_id,
        "P01_2018_enquete.sav",
        "survey",
        "sav",
    )
    assert (row["project_id"], row["wave"], row["n_chars"]) == ("P01", "2018", 0)
    assert store.segments().empty
    n_rows, n_vars, label = store.execute(
        "SELECT n_rows, n_variables, file_label FROM surveys WHERE doc_id = ?", (doc_id,)
    ).fetchone()
    assert (n_rows, n_vars, label) == (5, 4, "Deelnemersenquête 2018")


def test_surveys_table_is_long_and_tidy(ingested: tuple[ProjectStore, str]) -> None:
    store, doc_id = ingested
    table = store.table("surveys")
    assert list(table.columns) == [
        "doc_id",
        "path",
        "project_id",
        "wave",
        "row",
        "variable",
        "value",
        "value_label",
        "is_missing",
    ]
    assert set(table["doc_id"]) == {doc_id}
    assert set(table["project_id"]) == {"P01"}
    # one row per respondent x variable, system-missing cells left out
    assert len(table) == 5 * 4 - 1
    assert not table.duplicated(["row", "variable"]).any()
    eenzaam = table[table["variable"] == "eenzaam"].set_index("row")
    assert eenzaam["value"].tolist() == [1.0, 2.0, 9.0, 3.0]
    assert eenzaam["value_label"].tolist() == ["nooit", "soms", "weet niet", "vaak"]
    assert eenzaam["is_missing"].tolist() == [False, False, True, False]
    leeftijd = table[table["variable"] == "leeftijd"].set_index("row")
    assert leeftijd["is_missing"].tolist() == [False, False, True, False, True]
    assert leeftijd["value_label"].isna().all()
    gemeente = table[table["variable"] == "gemeente"].set_index("row")
    assert gemeente["value"].tolist() == _frame()["gemeente"].tolist()
    assert not gemeente["is_missing"].any()
    assert table["is_missing"].dtype == bool


def test_survey_variables_table(ingested: tuple[ProjectStore, str]) -> None:
    store, doc_id = ingested
    assert set(store.table("survey_variables")["doc_id"]) == {doc_id}
    variables = store.table("survey_variables")
    assert list(variables.columns) == [
        "doc_id",
        "path",
        "position",
        "name",
        "label",
        "type",
        "measure",
        "format",
        "value_labels",
        "missing_ranges",
    ]
    variables = variables.set_index("name")
    assert variables["position"].tolist() == [0, 1, 2, 3]
    assert variables["label"].to_dict() == LABELS
    assert variables.loc["gemeente", "type"] == "string"
    assert variables.loc["eenzaam", "value_labels"] == {
        "1.0": "nooit",
        "2.0": "soms",
        "3.0": "vaak",
        "9.0": "weet niet",
    }
    assert variables.loc["eenzaam", "missing_ranges"] == [{"lo": 9.0, "hi": 9.0}]
    assert variables.loc["resp", "value_labels"] == {}
    assert variables.loc["resp", "missing_ranges"] == []


def test_load_survey_reproduces_the_file(sav: Path, ingested: tuple[ProjectStore, str]) -> None:
    store, doc_id = ingested
    original = read_survey(sav)
    for labels in (False, True):
        for missing in (False, True):
            expected = original.frame(labels=labels, missing=missing)
            got = load_survey(store, doc_id, labels=labels, missing=missing)
            pd.testing.assert_frame_equal(
                got.astype(object), expected.astype(object), check_dtype=False
            )
    got = load_survey(store, doc_id, labels=True, missing=True)
    assert got.attrs["variable_labels"] == LABELS
    eenzaam = got["eenzaam"].tolist()
    assert eenzaam[:2] == ["nooit", "soms"] and eenzaam[4] == "vaak"
    assert pd.isna(eenzaam[2]) and pd.isna(eenzaam[3])  # 9 = weet niet -> NaN
    assert got["leeftijd"].tolist()[:2] == [34.0, 71.0]
    assert math.isnan(got["leeftijd"][2]) and math.isnan(got["leeftijd"][4])
    assert got["gemeente"].tolist() == _frame()["gemeente"].tolist()
    raw = load_survey(store, doc_id, labels=False, missing=False)
    assert raw["eenzaam"].tolist()[:3] == [1.0, 2.0, 9.0]
    assert raw["leeftijd"].tolist() == [34.0, 71.0, 99.0, 45.0, 98.0]
    assert raw["resp"].dtype == "float64"


def test_load_survey_unknown_document(store: ProjectStore) -> None:
    with pytest.raises(KeyError, match="no survey"):
        load_survey(store, "0000000000000000")


def test_string_value_labels_and_missing_values(tmp_path: Path, store: ProjectStore) -> None:
    path = tmp_path / "map" / "P02_2019_vragenlijst.sav"
    path.parent.mkdir()
    frame = pd.DataFrame({"woonvorm": ["A", "B", "X", "A"], "n": [1.0, 2.0, 3.0, 4.0]})
    pyreadstat.write_sav(
        frame,
        str(path),
        variable_value_labels={"woonvorm": {"A": "alleen", "B": "samen", "X": "onbekend"}},
        missing_ranges={"woonvorm": ["X"]},
    )
    report = ingest(store, path.parent)
    doc_id = report.outcomes[0].doc_id
    table = store.table("surveys")
    woonvorm = table[table["variable"] == "woonvorm"]
    assert woonvorm["value_label"].tolist() == ["alleen", "samen", "onbekend", "alleen"]
    assert woonvorm["is_missing"].tolist() == [False, False, True, False]
    loaded = load_survey(store, doc_id, labels=True, missing=True)
    assert loaded["woonvorm"].tolist()[:2] == ["alleen", "samen"]
    assert pd.isna(loaded["woonvorm"][2])


# -- every format pyreadstat writes ----------------------------------------------------------


def _write(kind: str, folder: Path) -> Path:
    frame = _frame()
    if kind == "sav":
        return _write_sav(folder / "P01_2018_enquete.sav")
    if kind == "zsav":
        return _write_sav(folder / "P02_2018_enquete.zsav", compress=True)
    if kind == "dta":
        path = folder / "P03_2018_enquete.dta"
        pyreadstat.write_dta(
            frame, str(path), column_labels=LABELS, variable_value_labels=VALUE_LABELS
        )
        return path
    if kind == "xpt":
        path = folder / "P04_2018_enquete.xpt"
        pyreadstat.write_xport(frame, str(path), column_labels=LABELS)
        return path
    path = folder / "P05_2018_enquete.por"  # SPSS portable files hold ASCII text only
    pyreadstat.write_por(_frame(ascii_only=True), str(path), column_labels=LABELS)
    return path


@pytest.mark.parametrize("kind", ["sav", "zsav", "dta", "xpt", "por"])
def test_each_survey_format(tmp_path: Path, store: ProjectStore, kind: str) -> None:
    folder = tmp_path / "enquetes"
    folder.mkdir()
    path = _write(kind, folder)
    assert path.suffix in SURVEY_SUFFIXES
    report = ingest(store, folder)
    assert [o.status for o in report.outcomes] == ["added"], report.to_frame()
    doc = store.documents().iloc[0]
    assert (doc["kind"], doc["format"]) == ("survey", kind)
    variables = store.table("survey_variables")
    # SPSS portable files keep upper-case names only
    names = [n.lower() for n in variables["name"]]
    assert names == ["resp", "eenzaam", "gemeente", "leeftijd"]
    assert variables["type"].tolist() == ["numeric", "numeric", "string", "numeric"]
    loaded = load_survey(store, doc["doc_id"], labels=False, missing=False)
    loaded.columns = names
    assert loaded["resp"].tolist() == [1.0, 2.0, 3.0, 4.0, 5.0]
    expected = _frame(ascii_only=kind == "por")
    assert loaded["gemeente"].tolist() == expected["gemeente"].tolist()
    assert loaded["eenzaam"].tolist()[:3] == [1.0, 2.0, 9.0]
    assert math.isnan(loaded["eenzaam"][3])
    if kind in ("sav", "zsav", "dta", "xpt"):
        assert variables["label"].tolist() == list(LABELS.values())
    if kind in ("sav", "zsav", "dta"):
        labelled = load_survey(store, doc["doc_id"], labels=True, missing=False)
        assert labelled["eenzaam"].tolist()[:3] == ["nooit", "soms", "weet niet"]


def test_dates_round_trip(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "enquetes"
    folder.mkdir()
    frame = pd.DataFrame(
        {
            "datum": [dt.date(2018, 3, 1), dt.date(2019, 4, 2)],
            "moment": [dt.datetime(2018, 3, 1, 12, 30), dt.datetime(2019, 1, 1)],
            "tijd": [dt.time(9, 15), None],
        }
    )
    pyreadstat.write_sav(frame, str(folder / "P01_2018_enquete.sav"))
    report = ingest(store, folder)
    original = read_survey(folder / "P01_2018_enquete.sav").frame()
    loaded = load_survey(store, report.outcomes[0].doc_id)
    assert pd.to_datetime(loaded["moment"]).tolist() == pd.to_datetime(original["moment"]).tolist()
    assert pd.to_datetime(loaded["datum"]).tolist() == pd.to_datetime(original["datum"]).tolist()
    assert loaded["datum"].tolist() == [dt.date(2018, 3, 1), dt.date(2019, 4, 2)]
    assert loaded["tijd"].tolist() == [dt.time(9, 15), None]
    types = store.table("survey_variables").set_index("name")["type"].to_dict()
    assert types == {"datum": "date", "moment": "datetime", "tijd": "time"}
    values = store.table("surveys").set_index("variable")["value"]
    assert values["moment"].tolist() == ["2018-03-01T12:30:00", "2019-01-01T00:00:00"]


# -- broken survey files ----------------------------------------------------------------------


def test_broken_survey_files_fail_and_the_rest_is_stored(
    tmp_path: Path, store: ProjectStore
) -> None:
    folder = tmp_path / "enquetes"
    folder.mkdir()
    good = _write_sav(folder / "P01_2018_enquete.sav")
    (folder / "P02_2018_willekeurig.sav").write_bytes(os.urandom(3000))
    data = good.read_bytes()
    (folder / "P03_2018_afgebroken.sav").write_bytes(data[: len(data) // 3])
    (folder / "P04_2018_tekst.sav").write_text("resp;eenzaam\n1;2\n", encoding="utf-8")
    (folder / "P05_2018_kapot.dta").write_bytes(b"<stata_dta><header>" + os.urandom(200))
    (folder / "P06_2018_leeg.zsav").write_bytes(b"")
    (folder / "P07_2018_notities.txt").write_text("Enquête verstuurd.\n", encoding="utf-8")
    report = ingest(store, folder)
    statuses = {Path(o.path).name: o.status for o in report.outcomes}
    assert statuses == {
        "P01_2018_enquete.sav": "added",
        "P02_2018_willekeurig.sav": "failed",
        "P03_2018_afgebroken.sav": "failed",
        "P04_2018_tekst.sav": "failed",
        "P05_2018_kapot.dta": "failed",
        "P06_2018_leeg.zsav": "failed",
        "P07_2018_notities.txt": "added",
    }
    assert report.exit_code == 1
    for outcome in report.failed:
        suffix = Path(outcome.path).suffix.lstrip(".")
        assert outcome.path.startswith(str(folder))
        assert f"not a readable {suffix} survey file" in outcome.message
    assert sorted(store.documents()["kind"]) == ["other", "survey"]
    assert set(store.table("surveys")["path"]) == {"P01_2018_enquete.sav"}
    n_values = store.execute("SELECT count(*) FROM survey_values").fetchone()[0]
    assert n_values == 19


def test_reingesting_a_survey_is_unchanged_and_a_new_version_replaces_it(
    sav: Path, store: ProjectStore
) -> None:
    first = ingest(store, sav.parent).outcomes[0]
    assert ingest(store, sav.parent).outcomes[0].status == "unchanged"
    changed = _frame()
    changed.loc[0, "eenzaam"] = 3.0
    pyreadstat.write_sav(changed, str(sav), column_labels=LABELS)
    second = ingest(store, sav.parent).outcomes[0]
    assert second.status == "new version"
    table = store.table("surveys")
    assert set(table["doc_id"]) == {second.doc_id}  # only the current version
    first_row = table[(table["row"] == 0) & (table["variable"] == "eenzaam")]
    assert first_row["value"].tolist() == [3.0]
    # the old version is still in the store
    old = load_survey(store, first.doc_id, missing=False)
    assert old["eenzaam"][0] == 1.0
