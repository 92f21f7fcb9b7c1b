"""Survey outcomes per project and wave, and codes next to survey answers per unit.

Exact values come from small ``.sav`` files written here with pyreadstat, checked against
formulas computed in the test (Wilson score interval) or scipy/numpy (t interval,
correlations). One store from ``data/sample``, rule-coded with the default codebook, is
shared by the module for the checks on real data.
"""

from __future__ import annotations

import datetime as dt
import math
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pandas as pd
import pyreadstat
import pytest
from scipy import stats

from sokwal_monitor import ingest
from sokwal_monitor.coding import code_quote
from sokwal_monitor.coding.rules import code_store
from sokwal_monitor.store import ProjectStore
from sokwal_monitor.summary.codes_survey import (
    CODE_SURVEY_COLUMNS,
    code_survey_crosstab,
    code_survey_table,
    code_survey_units,
)
from sokwal_monitor.summary.survey import SURVEY_OUTCOME_COLUMNS, survey_outcomes

SAMPLE = Path("data/sample")
Z95 = float(stats.norm.ppf(0.975))
EENZAAM_LABELS = {1.0: "nooit", 2.0: "soms", 3.0: "vaak", 4.0: "altijd", 9.0: "weet niet"}


def wilson(k: int, n: int, z: float = Z95) -> tuple[float, float]:
    """The Wilson score interval, written out from the formula."""
    p = k / n
    center = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z / (1 + z * z / n) * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return max(0.0, center - half), min(1.0, center + half)


def make_store(root: Path, surveys: dict[str, tuple[pd.DataFrame, dict]], texts=None):
    """A store with the given surveys (file name → frame, write_sav options) and texts."""
    corpus = root / "corpus"
    corpus.mkdir()
    for name, (frame, options) in surveys.items():
        pyreadstat.write_sav(frame, str(corpus / name), **options)
    for name, text in (texts or {}).items():
        (corpus / name).write_text(text, encoding="utf-8")
    store = ProjectStore(root / "s.sokwal")
    ingest(store, corpus)
    return store


def one(frame: pd.DataFrame, **where) -> pd.Series:
    hit = frame
    for column, value in where.items():
        hit = hit[hit[column] == value]
    assert len(hit) == 1, (where, hit)
    return hit.iloc[0]


def doc_id(store: ProjectStore, path: str) -> str:
    docs = store.documents()
    return str(docs.loc[docs["path"] == path, "doc_id"].iloc[0])


# -- survey_outcomes on small files ------------------------------------------------------------
@pytest.fixture
def single(tmp_path: Path) -> ProjectStore:
    """P01, 2018 (from the file name): 7 respondents, one 9 = weet niet, one empty."""
    frame = pd.DataFrame(
        {
            "eenzaam": [1.0, 2.0, 2.0, 3.0, 1.0, 9.0, np.nan],
            "tevreden": [4.0, 5.0, 3.0, 4.0, 2.0, 4.0, 1.0],
            "contacten": [2.0, 3.0, 5.0, 8.0, 13.0, 1.0, np.nan],
            "gemeente": ["Zwolle", "Ommen", "", "Zwolle", "Epe", "Epe", "Epe"],
            "datum": [dt.date(2018, 5, i) for i in range(1, 8)],
            "id_code": [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0],
        }
    )
    options = {
        "column_labels": {"eenzaam": "Voelt zich eenzaam", "tevreden": "Tevreden"},
        "variable_value_labels": {
            "eenzaam": EENZAAM_LABELS,
            "tevreden": {1.0: "zeer ontevreden", 2.0: "ontevreden", 3.0: "neutraal"},
        },
        "missing_ranges": {"eenzaam": [9.0]},
        "variable_measure": {
            "eenzaam": "nominal",
            "tevreden": "ordinal",
            "contacten": "scale",
            "id_code": "nominal",
        },
    }
    return make_store(tmp_path, {"P01_2018_enquete.sav": (frame, options)})


def test_empty_store_gives_the_columns(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "s.sokwal") as store:
        table = survey_outcomes(store)
        units = code_survey_units(store)
        correlations = code_survey_table(store)
    assert table.empty
    assert tuple(table.columns) == SURVEY_OUTCOME_COLUMNS
    assert units.empty and list(units.columns) == ["project_id", "n_documents", "n_respondents"]
    assert correlations.empty and tuple(correlations.columns) == CODE_SURVEY_COLUMNS


def test_proportions_with_wilson_interval_and_user_missing(single: ProjectStore) -> None:
    table = survey_outcomes(single, variables=["eenzaam"])
    assert table["category"].tolist() == ["nooit", "soms", "vaak", "altijd"]  # label order
    assert set(table["statistic"]) == {"proportion"}  # nominal: no mean
    assert (table["project_id"] == "P01").all() and (table["wave"] == "2018").all()
    assert (table["doc_id"] == doc_id(single, "P01_2018_enquete.sav")).all()
    assert (table["variable_label"] == "Voelt zich eenzaam").all()
    assert table["n"].tolist() == [5] * 4  # the 9 (weet niet) and the empty answer left out
    assert table["n_missing"].tolist() == [2] * 4
    soms = one(table, category="soms")
    assert soms["value"] == pytest.approx(2 / 5)
    low, high = wilson(2, 5)
    assert (soms["ci_low"], soms["ci_high"]) == pytest.approx((low, high))
    assert (low, high) == pytest.approx((0.1176, 0.7693), abs=1e-4)  # the textbook values
    altijd = one(table, category="altijd")  # labelled, never answered
    assert altijd["value"] == 0 and altijd["ci_low"] == 0
    assert altijd["ci_high"] == pytest.approx(wilson(0, 5)[1])
    assert "weet niet" not in set(table["category"])  # a missing code is no category
    assert table["value"].sum() == pytest.approx(1)


def test_ordinal_mean_with_t_interval(single: ProjectStore) -> None:
    table = survey_outcomes(single, variables="tevreden")
    assert table["statistic"].tolist()[0] == "mean"  # "mean" sorts before "proportion"
    answers = np.array([4.0, 5.0, 3.0, 4.0, 2.0, 4.0, 1.0])
    mean = one(table, statistic="mean")
    assert mean["category"] == "" and mean["n"] == 7 and mean["n_missing"] == 0
    assert mean["value"] == pytest.approx(answers.mean())
    expected = stats.t.interval(0.95, 6, loc=answers.mean(), scale=stats.sem(answers))
    assert (mean["ci_low"], mean["ci_high"]) == pytest.approx(expected)
    narrower = one(survey_outcomes(single, variables="tevreden", confidence=0.8), statistic="mean")
    expected = stats.t.interval(0.8, 6, loc=answers.mean(), scale=stats.sem(answers))
    assert (narrower["ci_low"], narrower["ci_high"]) == pytest.approx(expected)
    # labelled categories in value order, then the values without a label, as text
    shares = table[table["statistic"] == "proportion"]
    assert shares["category"].tolist() == ["zeer ontevreden", "ontevreden", "neutraal", "4", "5"]
    assert shares["value"].tolist() == pytest.approx([1 / 7, 1 / 7, 1 / 7, 3 / 7, 1 / 7])
    four = one(shares, category="4")
    assert (four["ci_low"], four["ci_high"]) == pytest.approx(wilson(3, 7))


def test_scale_mean_and_what_is_left_out(single: ProjectStore) -> None:
    table = survey_outcomes(single)
    # gemeente (string), datum (date) and the unlabelled nominal id_code are left out
    assert list(dict.fromkeys(table["variable"])) == ["eenzaam", "tevreden", "contacten"]
    contacten = table[table["variable"] == "contacten"]
    assert contacten["statistic"].tolist() == ["mean"]
    row = contacten.iloc[0]
    assert row["value"] == pytest.approx(32 / 6) and row["n"] == 6 and row["n_missing"] == 1
    assert row["variable_label"] == ""
    assert table.dtypes["n"] == np.int64 and table.dtypes["value"] == np.float64


def test_project_and_wave_columns_one_answer_and_no_answer(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "project_id": ["P10", "P10", "P2", "P2", "P2", "P3", ""],
            "wave": [2019.0, 2018.0, 2018.0, 2018.0, 2020.0, 2018.0, 2018.0],
            "score": [6.0, 8.0, 7.0, np.nan, 5.0, np.nan, 4.0],
        }
    )
    store = make_store(
        tmp_path,
        {"P9_2017_enquete.sav": (frame, {"variable_measure": {"score": "scale"}})},
    )
    table = survey_outcomes(store)
    units = table[["project_id", "wave"]].values.tolist()
    # natural order (P2 < P9 < P10); P3 answered nothing: no row; the respondent without
    # a project takes the document's (P9, from the file name)
    assert units == [
        ["P2", "2018"],
        ["P2", "2020"],
        ["P9", "2018"],
        ["P10", "2018"],
        ["P10", "2019"],
    ]
    p2 = one(table, project_id="P2", wave="2018")
    assert p2["value"] == 7 and p2["n"] == 1 and p2["n_missing"] == 1
    assert math.isnan(p2["ci_low"]) and math.isnan(p2["ci_high"])  # one answer: no interval
    assert "project_id" not in set(table["variable"]) and "wave" not in set(table["variable"])


def test_survey_without_project_column_takes_the_documents(tmp_path: Path) -> None:
    frame = pd.DataFrame({"score": [1.0, 3.0]})
    store = make_store(
        tmp_path,
        {
            "P01_2019_enquete.sav": (frame, {}),
            "P01_2018_enquete.sav": (frame * 2, {}),
        },
    )
    table = survey_outcomes(store)
    assert table[["project_id", "wave", "value"]].values.tolist() == [
        ["P01", "2018", 4.0],
        ["P01", "2019", 2.0],
    ]
    assert table["doc_id"].tolist() == [
        doc_id(store, "P01_2018_enquete.sav"),
        doc_id(store, "P01_2019_enquete.sav"),
    ]


def test_labelled_wave_and_string_wave_columns(tmp_path: Path) -> None:
    labelled = pd.DataFrame({"wave": [1.0, 2.0], "score": [1.0, 2.0]})
    text = pd.DataFrame({"project_id": ["P01", "P01"], "wave": ["w10", "w2"], "score": [3.0, 4.0]})
    options = {"variable_value_labels": {"wave": {1.0: "voormeting", 2.0: "nameting"}}}
    store = make_store(
        tmp_path,
        {"P02_2018_enquete.sav": (labelled, options), "P01_2018_enquete.sav": (text, {})},
    )
    table = survey_outcomes(store)
    assert table[["project_id", "wave", "value"]].values.tolist() == [
        ["P01", "w2", 4.0],
        ["P01", "w10", 3.0],
        ["P02", "nameting", 2.0],
        ["P02", "voormeting", 1.0],
    ]


def test_empty_survey_and_string_only_survey(tmp_path: Path) -> None:
    store = make_store(
        tmp_path,
        {
            "P01_2018_enquete.sav": (pd.DataFrame({"score": pd.Series([], dtype=float)}), {}),
            "P02_2018_enquete.sav": (pd.DataFrame({"naam": ["a", "b"], "plaats": ["x", ""]}), {}),
        },
    )
    table = survey_outcomes(store)
    assert table.empty and tuple(table.columns) == SURVEY_OUTCOME_COLUMNS
    with pytest.raises(ValueError, match=r"unknown survey variable\(s\) 'naam'; known: score"):
        survey_outcomes(store, variables=["naam"])


def test_bad_arguments(single: ProjectStore) -> None:
    with pytest.raises(ValueError, match="known: eenzaam, tevreden, contacten"):
        survey_outcomes(single, variables=["eenzaam", "eenzam"])
    for confidence in (0, 1, 1.5, -0.1):
        with pytest.raises(ValueError, match="between 0 and 1"):
            survey_outcomes(single, confidence=confidence)
    with pytest.raises(ValueError, match="between 0 and 1"):
        survey_outcomes(single, confidence="95%")  # type: ignore[arg-type]


def test_deterministic(single: ProjectStore) -> None:
    pd.testing.assert_frame_equal(survey_outcomes(single), survey_outcomes(single))


# -- codes next to the survey, on a small coded store -------------------------------------------
TEXTS = {
    "P01_2018_interview.txt": "In P01 leerden we veel van elkaar.",
    "P01_2019_interview.txt": "In P01 ging het in 2019 rustig.",
    "P02_2018_interview.txt": "In P02 leerden we iets over de buurt.",
    "P03_2018_interview.txt": "In P03 bleef alles hetzelfde.",
    "P04_2018_interview.txt": "In P04 leerden we de buren kennen.",
}
#: P05 has respondents but no documents; P04 documents but no respondents.
RESPONDENTS = pd.DataFrame(
    {
        "project_id": ["P01", "P01", "P01", "P02", "P02", "P03", "P03", "P03", "P05"],
        "wave": [2018.0, 2018.0, 2019.0, 2018.0, 2018.0, 2018.0, 2018.0, 2018.0, 2018.0],
        "tevreden": [4.0, 5.0, 3.0, 2.0, 9.0, 1.0, 2.0, 3.0, 5.0],
        "lid": [1.0, 0.0, 1.0, 1.0, 1.0, 0.0, 0.0, np.nan, 1.0],
        "kleur": [1.0, 2.0, 3.0, 1.0, 2.0, 3.0, 1.0, 2.0, 3.0],
        "contacten": [3.0, 5.0, 7.0, 1.0, 2.0, 0.0, 1.0, 2.0, 9.0],
    }
)
RESPONDENT_OPTIONS = {
    "column_labels": {"tevreden": "Tevredenheid", "lid": "Lid van de club"},
    "variable_value_labels": {
        "tevreden": {
            1.0: "zeer laag",
            2.0: "laag",
            3.0: "midden",
            4.0: "hoog",
            5.0: "zeer hoog",
            9.0: "weet niet",
        },
        "lid": {0.0: "nee", 1.0: "ja"},
        "kleur": {1.0: "rood", 2.0: "groen", 3.0: "blauw"},
    },
    "missing_ranges": {"tevreden": [9.0]},
    "variable_measure": {
        "tevreden": "ordinal",
        "lid": "nominal",
        "kleur": "nominal",
        "contacten": "scale",
    },
}


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectStore]:
    """The texts above and one survey; anna codes 'leren' where they 'leerden'."""
    root = tmp_path_factory.mktemp("coded")
    texts = {
        name: f"Interviewer: Hoe ging het?\nRespondent: {answer}\n"
        for name, answer in TEXTS.items()
    }
    store = make_store(root, {"enquete.sav": (RESPONDENTS, RESPONDENT_OPTIONS)}, texts)
    for name, answer in TEXTS.items():
        if "leerden" in answer:
            code_quote(store, name, "leerden", "leren", coder="anna")
    yield store
    store.close()


def test_units_per_project(coded: ProjectStore) -> None:
    units = code_survey_units(coded, coder="anna", codes=["leren", "nergens"])
    assert list(units.columns) == [
        "project_id",
        "n_documents",
        "n_respondents",
        "code:leren",
        "code:nergens",
        "survey:tevreden",
        "survey:lid",
        "survey:contacten",
    ]
    assert units.attrs["by"] == ("project_id",)
    assert units["project_id"].tolist() == ["P01", "P02", "P03", "P04", "P05"]
    assert units["n_documents"].tolist() == [2, 1, 1, 1, 0]
    assert units["n_respondents"].tolist() == [3, 2, 3, 0, 1]
    assert units["code:leren"].tolist()[:4] == [0.5, 1.0, 0.0, 1.0]
    assert math.isnan(units["code:leren"].iloc[4])  # P05: no documents
    assert units["code:nergens"].tolist()[:4] == [0.0] * 4
    # ordinal: mean without the 9; nominal with two categories: the share of "ja" (1)
    assert units["survey:tevreden"].tolist()[:3] == pytest.approx([4.0, 2.0, 2.0])
    assert units["survey:lid"].tolist()[:3] == pytest.approx([2 / 3, 1.0, 0.0])
    assert units["survey:contacten"].tolist()[:3] == pytest.approx([5.0, 1.5, 1.0])
    assert units.iloc[3][["survey:tevreden", "survey:lid"]].isna().all()  # P04: no survey
    assert units["survey:tevreden"].iloc[4] == 5.0
    assert units.attrs["variable_labels"]["lid"] == "Lid van de club"


def test_units_per_project_and_wave(coded: ProjectStore) -> None:
    units = code_survey_units(coded, coder="anna", variables="tevreden", by=("project_id", "wave"))
    assert units[["project_id", "wave", "n_documents", "n_respondents"]].values.tolist() == [
        ["P01", "2018", 1, 2],
        ["P01", "2019", 1, 1],
        ["P02", "2018", 1, 2],
        ["P03", "2018", 1, 3],
        ["P04", "2018", 1, 0],
        ["P05", "2018", 0, 1],
    ]
    assert units["code:leren"].tolist()[:5] == [1.0, 0.0, 1.0, 0.0, 1.0]
    assert units["survey:tevreden"].tolist()[:4] == pytest.approx([4.5, 3.0, 2.0, 2.0])
    assert [c for c in units.columns if c.startswith("survey:")] == ["survey:tevreden"]


def test_unit_arguments(coded: ProjectStore) -> None:
    with pytest.raises(ValueError, match="known: tevreden, lid, contacten"):
        code_survey_units(coded, coder="anna", variables=["kleur"])  # three categories
    with pytest.raises(ValueError, match="by must be"):
        code_survey_units(coded, coder="anna", by=("wave",))
    with pytest.raises(ValueError, match="by must be"):
        code_survey_table(coded, coder="anna", by="gemeente")


def test_table_matches_numpy_and_scipy(coded: ProjectStore) -> None:
    codes = ["leren", "nergens"]
    units = code_survey_units(coded, coder="anna", codes=codes)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        table = code_survey_table(coded, coder="anna", codes=codes)
    assert tuple(table.columns) == CODE_SURVEY_COLUMNS
    assert table.attrs["by"] == ("project_id",)
    assert table[["code", "variable"]].values.tolist() == [
        [c, v] for c in codes for v in ("tevreden", "lid", "contacten")
    ]
    row = one(table, code="leren", variable="tevreden")
    assert row["variable_label"] == "Tevredenheid"
    pair = units[["code:leren", "survey:tevreden"]].dropna()
    assert row["n"] == len(pair) == 3  # P01, P02, P03 have both
    assert row["small_n"] and table["small_n"].all()  # 3 projects: descriptive only
    assert row["pearson_r"] == pytest.approx(np.corrcoef(pair.T.to_numpy())[0, 1])
    rho = stats.spearmanr(pair.iloc[:, 0], pair.iloc[:, 1]).statistic
    assert row["spearman_rho"] == pytest.approx(rho)
    flat = table[table["code"] == "nergens"]  # never coded: constant, no correlation
    assert flat["pearson_r"].isna().all() and flat["spearman_rho"].isna().all()
    assert (flat["n"] == 3).all()


def test_table_with_too_few_units(tmp_path: Path) -> None:
    texts = {
        f"{p}_2018_interview.txt": f"Interviewer: En?\nRespondent: In {p} leerden we.\n"
        for p in ("P01", "P02")
    }
    frame = pd.DataFrame({"project_id": ["P01", "P02"], "score": [1.0, 2.0]})
    store = make_store(tmp_path, {"enquete.sav": (frame, {})}, texts)
    code_quote(store, "P01_2018_interview.txt", "leerden", "leren", coder="anna")
    table = code_survey_table(store, coder="anna")
    assert table[["code", "variable", "n"]].values.tolist() == [["leren", "score", 2]]
    assert table[["pearson_r", "spearman_rho"]].isna().all(axis=None)


def test_crosstab_counts_respondents_with_an_answer(coded: ProjectStore) -> None:
    table = code_survey_crosstab(coded, "leren", "tevreden", coder="anna")
    assert table.index.tolist() == ["leren: ja", "leren: nee"]
    assert table.columns.tolist() == ["zeer laag", "laag", "midden", "hoog", "zeer hoog", "n"]
    # ja: P01 (4, 5, 3) and P02 (2; its 9 is missing); nee: P03 (1, 2, 3); P05 has no texts
    assert table.loc["leren: ja"].tolist() == [0, 1, 1, 1, 1, 4]
    assert table.loc["leren: nee"].tolist() == [1, 1, 1, 0, 0, 3]
    answered = RESPONDENTS[RESPONDENTS["project_id"].isin(["P01", "P02", "P03"])]
    assert table["n"].sum() == (answered["tevreden"] != 9).sum() == 7
    assert (table.drop(columns="n").sum(axis=1) == table["n"]).all()
    assert table.attrs["variable_label"] == "Tevredenheid"


def test_crosstab_per_wave_values_and_shares(coded: ProjectStore) -> None:
    table = code_survey_crosstab(
        coded, "leren", "tevreden", coder="anna", by=("project_id", "wave"), labels=False
    )
    assert table.columns.tolist() == ["1", "2", "3", "4", "5", "n"]
    assert table.loc["leren: ja"].tolist() == [0, 1, 0, 1, 1, 3]  # P01 2018, P02 2018
    assert table.loc["leren: nee"].tolist() == [1, 1, 2, 0, 0, 4]  # P01 2019, P03 2018
    shares = code_survey_crosstab(coded, "leren", "lid", coder="anna", normalize=True)
    assert shares.columns.tolist() == ["nee", "ja", "n"]
    assert shares.loc["leren: ja", ["nee", "ja"]].tolist() == pytest.approx([1 / 5, 4 / 5])
    assert shares.loc["leren: nee", ["nee", "ja"]].tolist() == pytest.approx([1.0, 0.0])
    assert shares["n"].tolist() == [5, 2]


def test_crosstab_unknown_code_or_variable(coded: ProjectStore) -> None:
    with pytest.raises(ValueError, match="unknown code 'leeren'; known: leren"):
        code_survey_crosstab(coded, "leeren", "tevreden", coder="anna")
    with pytest.raises(ValueError, match="known: tevreden, lid, kleur, contacten"):
        code_survey_crosstab(coded, "leren", "tevredenheid", coder="anna")


def test_several_coders_need_a_choice(tmp_path: Path) -> None:
    texts = {"P01_2018_interview.txt": "Interviewer: En?\nRespondent: We leerden veel.\n"}
    frame = pd.DataFrame({"score": [1.0, 2.0]})
    store = make_store(tmp_path, {"P01_2018_enquete.sav": (frame, {})}, texts)
    code_quote(store, "P01_2018_interview.txt", "leerden", "leren", coder="anna")
    code_quote(store, "P01_2018_interview.txt", "veel", "leren", coder="bas")
    with pytest.raises(ValueError, match="several coders"):
        code_survey_units(store)
    with pytest.raises(ValueError, match="several coders"):
        code_survey_table(store)
    units = code_survey_units(store, coder="*")
    assert units[
        ["project_id", "n_documents", "n_respondents", "code:leren", "survey:score"]
    ].values.tolist() == [["P01", 1, 2, 1.0, 1.5]]


# -- the real sample -------------------------------------------------------------------------
@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectStore]:
    """data/sample ingested and rule-coded with the default codebook (shared: read only)."""
    store = ProjectStore(tmp_path_factory.mktemp("sample") / "s.sokwal")
    ingest(store, SAMPLE)
    code_store(store)
    yield store
    store.close()


def test_sample_outcomes(sample: ProjectStore) -> None:
    table = survey_outcomes(sample)
    assert tuple(table.columns) == SURVEY_OUTCOME_COLUMNS
    assert set(table["wave"]) == {"2018", "2019"}
    assert set(table["project_id"]) == {"P01", "P02", "P03", "P04"}
    eenzaam = table[(table["variable"] == "eenzaam") & (table["statistic"] == "proportion")]
    for wave in ("2018", "2019"):
        group = eenzaam[(eenzaam["project_id"] == "P01") & (eenzaam["wave"] == wave)]
        assert group["value"].sum() == pytest.approx(1)
        assert group["category"].tolist() == ["nooit", "zelden", "soms", "vaak", "heel vaak"]
        assert (group["n"] + group["n_missing"] == 12).all()  # 12 respondents per wave
    p01 = table[(table["project_id"] == "P01") & (table["wave"] == "2018")]
    assert one(p01, variable="eenzaam", statistic="mean")["n_missing"] == 1  # a 9
    mean = p01[p01["statistic"] == "mean"]
    assert (mean["ci_low"] < mean["value"]).all() and (mean["value"] < mean["ci_high"]).all()
    proportions = table[table["statistic"] == "proportion"]
    assert (
        (proportions["ci_low"] <= proportions["value"])
        & (proportions["value"] <= proportions["ci_high"])
    ).all()


def test_sample_codes_and_survey(sample: ProjectStore) -> None:
    units = code_survey_units(sample, by=("project_id", "wave"))
    assert units["n_respondents"].sum() == 80
    assert units["n_documents"].sum() == len(sample.documents()) - 1  # all but the survey
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # constant code columns must not warn
        table = code_survey_table(sample)
    n_codes = sum(c.startswith("code:") for c in units.columns)
    assert len(table) == n_codes * 5  # 5 survey variables (vrijwilliger: share of ja)
    assert (table["n"] == 4).all()  # P01-P04 have texts and respondents; P05 no survey
    assert table["pearson_r"].dropna().between(-1, 1).all()
    assert table["pearson_r"].isna().any()  # some code is in every project's documents
    crosstab = code_survey_crosstab(sample, "leereffecten", "eenzaam", by=("project_id", "wave"))
    assert crosstab["n"].sum() == 76  # the respondents with an answer (four gave none/9)
    assert crosstab.columns.tolist()[:-1] == ["nooit", "zelden", "soms", "vaak", "heel vaak"]
