"""Model suggestions: the estimator's contract, training data from a store, written
suggestions with provenance, uncertainty ordering, cross-validation on the sample."""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.utils import estimator_checks

from sokwal_monitor import ingest
from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding import code_quote, code_segment
from sokwal_monitor.coding.rules import code_store, rule_coder_name
from sokwal_monitor.coding.suggestions import (
    CodeSuggester,
    E5Embeddings,
    LemmaTfidf,
    NotEnoughExamplesError,
    cross_validate,
    learning_curve,
    plot_learning_curve,
    suggest,
    training_data,
    uncertainty_order,
)
from sokwal_monitor.errors import CodingError
from sokwal_monitor.store import ProjectStore

SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"

LEREN = ["we hebben veel geleerd", "zij leerden snel", "dat was een les voor ons",
         "we leren nog elke dag", "ik heb geleerd dat het kan", "een leerzame ervaring"]  # fmt: skip
GELD = ["de gemeente gaf subsidie", "het geld raakte op", "een fonds betaalde de bus",
        "de subsidie stopt volgend jaar", "we vroegen een bijdrage", "sponsors betalen mee"]  # fmt: skip


def toy() -> tuple[list[str], pd.DataFrame]:
    texts = LEREN + GELD
    labels = pd.DataFrame({"leren": [1] * 6 + [0] * 6, "geld": [0] * 6 + [1] * 6})
    return texts, labels


# -- the estimator ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "check",
    [
        estimator_checks.check_no_attributes_set_in_init,
        estimator_checks.check_get_params_invariance,
        estimator_checks.check_set_params,
        estimator_checks.check_estimator_cloneable,
        estimator_checks.check_parameters_default_constructible,
        estimator_checks.check_do_not_raise_errors_in_init_or_set_params,
    ],
    ids=lambda check: check.__name__,
)
def test_sklearn_estimator_checks_that_apply_to_text_input(check) -> None:  # type: ignore[no-untyped-def]
    for estimator in (CodeSuggester(), LemmaTfidf(), E5Embeddings()):
        check(type(estimator).__name__, estimator)


def test_fit_learns_codes_and_keeps_params() -> None:
    texts, labels = toy()
    model = CodeSuggester(min_examples=3)
    params = model.get_params()
    model.fit(texts, labels)
    assert model.get_params() == params  # fit does not change the parameters
    assert list(model.classes_) == ["leren", "geld"]
    assert model.n_positive_.tolist() == [6, 6]
    fitted = {a for a in vars(model) if a.endswith("_")}
    assert fitted == {"classes_", "features_", "estimators_", "n_positive_"}
    proba = model.predict_proba(["wat hebben jullie geleerd", "de subsidie van de gemeente"])
    assert proba.shape == (2, 2) and ((proba >= 0) & (proba <= 1)).all()
    assert proba[0, 0] > 0.5 > proba[0, 1] and proba[1, 1] > 0.5 > proba[1, 0]
    assert model.predict(["wat hebben jullie geleerd"]).tolist() == [[1, 0]]
    assert model.predict_proba([]).shape == (0, 2)
    assert clone(model).get_params() == params


def test_same_data_and_seed_give_the_same_probabilities() -> None:
    texts, labels = toy()
    a = CodeSuggester(min_examples=3).fit(texts, labels).predict_proba(LEREN)
    b = CodeSuggester(min_examples=3).fit(texts, labels).predict_proba(LEREN)
    np.testing.assert_array_equal(a, b)


def test_unfitted_and_bad_input() -> None:
    with pytest.raises(NotFittedError):
        CodeSuggester().predict_proba(["tekst"])
    texts, labels = toy()
    with pytest.raises(ValueError, match="12 texts but 3 rows of labels"):
        CodeSuggester(min_examples=3).fit(texts, labels.head(3))
    with pytest.raises(ValueError, match="embedding must be None or 'e5'"):
        CodeSuggester(embedding="bert", min_examples=3).fit(texts, labels)
    array = CodeSuggester(min_examples=3).fit(texts, labels.to_numpy())
    assert list(array.classes_) == ["code_0", "code_1"]


def test_too_few_examples_are_refused_with_how_many_are_needed() -> None:
    texts, labels = toy()
    labels["zeldzaam"] = [1, 1] + [0] * 10
    with pytest.raises(NotEnoughExamplesError) as err:
        CodeSuggester(min_examples=3).fit(texts, labels)
    message = str(err.value)
    assert "zeldzaam (2 with, 10 without)" in message
    assert "at least 3 segments with it and 3 without it" in message
    assert "leren" not in message  # only the codes that lack examples


def test_e5_embeddings_are_used_when_asked() -> None:
    vectors = E5Embeddings().fit(["x"]).transform(["De gemeente betaalde.", "Wij leerden."])
    assert vectors.shape == (2, 384)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, rtol=1e-3)
    texts, labels = toy()
    model = CodeSuggester(embedding="e5", min_examples=3).fit(texts, labels)
    n_tfidf = len(model.features_.transformer_list[0][1].get_feature_names_out())
    assert model.features_.transform(["iets"]).shape[1] == n_tfidf + 384
    assert model.predict(["we hebben geleerd"]).tolist() == [[1, 0]]


# -- the store ---------------------------------------------------------------------------

DOC_A = "Interviewer: Wat heeft u geleerd?\n" + "".join(
    f"Respondent: {t}.\nInterviewer: En verder?\n" for t in LEREN[:3] + GELD[:3]
)
DOC_B = "".join(f"Respondent: {t}.\nInterviewer: Ja?\n" for t in LEREN[3:] + GELD[3:])
DOC_C = (
    "Respondent: We hebben geleerd van de buren.\nInterviewer: En?\n"
    "Respondent: De gemeente gaf geld.\n"
)


@pytest.fixture
def store(tmp_path: Path) -> ProjectStore:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in (("P01_2024_a.txt", DOC_A), ("P01_2024_b.txt", DOC_B),
                       ("P02_2024_c.txt", DOC_C)):  # fmt: skip
        (root / name).write_text(text, encoding="utf-8")
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, root)
    for path in ("P01_2024_a.txt", "P01_2024_b.txt"):  # anna codes two documents
        seg = store.segments().merge(store.documents()[["doc_id", "path"]])
        for row in seg[(seg["path"] == path) & (seg["role"] == "respondent")].itertuples():
            code = "leren" if any(t in row.text for t in LEREN) else "geld"
            code_segment(store, row.segment_id, code, coder="anna")
    return store


def test_training_data_are_the_coded_documents_segments(store: ProjectStore) -> None:
    segments, labels = training_data(store, "anna")
    assert set(segments["path"]) == {"P01_2024_a.txt", "P01_2024_b.txt"}
    assert set(segments["role"]) == {"respondent"}  # interviewer turns are not evidence
    assert len(segments) == len(labels) == 12
    assert labels.sum().to_dict() == {"geld": 6, "leren": 6}
    for text, row in zip(segments["text"], labels.itertuples(), strict=True):
        assert row.leren == int(any(t in text for t in LEREN))


def test_suggest_writes_model_codings_with_provenance(store: ProjectStore) -> None:
    code_quote(store, "P02_2024_c.txt", "gemeente", "eigen", coder="bas")
    report = suggest(store, "anna", min_examples=3, top_k=1, min_probability=0.5)
    assert report.coder.startswith("model:tfidf-anna@")
    assert report.codes == ["geld", "leren"] and report.n_training_segments == 12
    model = store.codings(origin="model", with_metadata=True)
    assert set(model["coder"]) == {report.coder}
    assert set(model["path"]) == {"P02_2024_c.txt"}  # only segments anna has not coded
    assert dict(zip(model["text"], model["code"], strict=True)) == {
        "We hebben geleerd van de buren.": "leren",
        "De gemeente gaf geld.": "geld",
    }
    assert (model["score"] >= 0.5).all() and (model["score"] <= 1).all()
    assert model["pattern"].str.contains("trained on 12 segments coded by anna").all()
    written = report.table[report.table["written"]]
    assert len(written) == report.n_written == 2
    assert (report.table.groupby("segment_id").size() == 2).all()  # every probability
    run = store.coding_runs().iloc[-1]
    assert (run["origin"], run["coder"], run["n_added"]) == ("model", report.coder, 2)

    again = suggest(store, "anna", min_examples=3, top_k=1, min_probability=0.5)
    assert again.coder == report.coder  # same codings and settings: same model
    assert again.n_replaced == 2 and len(store.codings(origin="model")) == 2
    assert len(store.codings(coder="anna")) == 12 and len(store.codings(coder="bas")) == 1


def test_a_new_coding_makes_a_new_model_version(store: ProjectStore) -> None:
    first = suggest(store, "anna", min_examples=3)
    code_quote(store, "P02_2024_c.txt", "De gemeente gaf geld.", "geld", coder="anna")
    second = suggest(store, "anna", min_examples=3)
    assert second.coder != first.coder and second.n_training_segments == 14
    assert set(store.codings(origin="model")["coder"]) == {second.coder}  # replaced


def test_suggest_refuses_without_enough_examples(store: ProjectStore) -> None:
    with pytest.raises(NotEnoughExamplesError) as err:
        suggest(store, "anna", min_examples=7)
    assert "to learn any code (geld: 6, leren: 6)" in str(err.value)
    assert "at least 7 segments" in str(err.value)
    assert store.codings(origin="model").empty
    with pytest.raises(CodingError, match="no codings by coder 'nobody'.*anna"):
        suggest(store, "nobody")


def test_uncertainty_order_from_a_table_and_from_the_store(store: ProjectStore) -> None:
    report = suggest(store, "anna", min_examples=3, min_probability=0.0, top_k=2)
    from_table = uncertainty_order(report.table)
    assert list(from_table.columns) == ["segment_id", "uncertainty", "code", "probability"]
    assert from_table["uncertainty"].is_monotonic_decreasing
    best = report.table.assign(u=1 - (2 * report.table["probability"] - 1).abs())
    assert from_table["uncertainty"].iloc[0] == pytest.approx(best["u"].max())
    from_store = uncertainty_order(store, "anna")
    assert from_store["segment_id"].tolist() == from_table["segment_id"].tolist()
    with pytest.raises(ValueError, match="give the coder"):
        uncertainty_order(store)


# -- the sample corpus: rules stand in for a coder ----------------------------------------


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> tuple[ProjectStore, str]:
    store = ProjectStore(tmp_path_factory.mktemp("sample") / "sample.sokwal")
    ingest(store, SAMPLE)
    code_store(store)
    return store, rule_coder_name(load_codebook())


def test_suggestions_beat_the_majority_baseline_on_the_sample(
    sample: tuple[ProjectStore, str],
) -> None:
    """The sample has no human codings, so the rules' codings stand in for a coder: the
    model must learn them from other documents better than always saying the majority.
    (The re-checked codebook of issue 15 codes in context — "overleg met de gemeente", not
    "gemeente" — which a bag of lemmas learns less well: macro-F1 0.36 where the old
    codebook's bare lemmas gave over 0.4.)"""
    store, coder = sample
    result = cross_validate(store, coder, folds=4).set_index("code")
    macro = result.loc["(macro)"]
    assert macro["baseline_f1"] == 0.0  # every code is in fewer than half the segments
    assert macro["f1"] > 0.3
    assert result.loc["(micro)", "f1"] > 0.5
    assert (result.drop(index=["(macro)", "(micro)"])["n_positive"] >= 5).all()


def test_learning_curve_and_its_figure(sample: tuple[ProjectStore, str]) -> None:
    store, coder = sample
    curve = learning_curve(store, coder, sizes=(0.5, 1.0), folds=3)
    assert curve["n_segments"].is_monotonic_increasing and len(curve) == 2
    assert curve["n_segments"].iloc[-1] == len(training_data(store, coder)[0])
    assert curve[["macro_f1", "micro_f1"]].apply(lambda c: c.between(0, 1)).all().all()
    ax = plot_learning_curve(curve)
    assert [line.get_label() for line in ax.get_lines()] == ["macro-F1", "micro-F1"]
    assert ax.get_xlabel().startswith("Aantal gecodeerde fragmenten")
    plt.close(ax.figure)


# -- the command line ----------------------------------------------------------------------


def test_cli_suggest_and_evaluate(
    store: ProjectStore, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from sokwal_monitor.cli import main

    path = str(store.path)
    assert main(["suggest", "--store", path, "--coder", "anna", "--min-examples", "3"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("model:tfidf-anna@") and "learned 2 codes from 12 segments" in out
    assert len(store.codings(origin="model")) > 0

    table = tmp_path / "cv.json"
    args = ["suggest", "--store", path, "--coder", "anna", "--min-examples", "3", "--evaluate"]
    assert main([*args, "-o", str(table), "--curve", str(tmp_path / "curve.png")]) == 0
    assert capsys.readouterr().err == f"learning curve: {tmp_path / 'curve.png'}\n"
    rows = {r["code"]: r for r in pd.read_json(table).to_dict("records")}
    assert set(rows) == {"geld", "leren", "(macro)", "(micro)"}
    assert rows["(macro)"]["f1"] > rows["(macro)"]["baseline_f1"]
    assert (tmp_path / "curve.png").read_bytes().startswith(b"\x89PNG")

    assert main(["suggest", "--store", path, "--coder", "anna", "--min-examples", "9"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {path}: too few segments coded by 'anna'")
    assert len(err.strip().splitlines()) == 1
