"""The review loop on lessons: training data from real reviews, the suggestion model, and
the bench's simulated researcher (``bench/lessons.py --review-loop``)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.coding.suggestions import NotEnoughExamplesError
from sokwal_monitor.lessons import (
    LessonSuggester,
    add_lesson,
    confirm_lesson,
    evidence_sentences,
    find_lessons,
    lesson_training_data,
    lessons,
    reject_lesson,
    suggest_lessons,
    train_lesson_model,
)

INTERVIEW = """\
Interviewer: Wat heb je geleerd van het eerste jaar?
Initiatiefnemer: We hebben geleerd dat je vrijwilligers persoonlijk moet vragen. Een folder werkt niet.
Interviewer: En hoe gaat het nu?
Initiatiefnemer: Sindsdien bellen we iedereen zelf op. De koffie is om tien uur. Het dorpshuis is groot.
Interviewer: Wat zou je anders doen?
Initiatiefnemer: Volgende keer zou ik de huisarts er eerder bij halen. Het weer was slecht.
Interviewer: Heb je tips voor andere dorpen?
Initiatiefnemer: Begin klein, met een paar mensen. We hebben veertig stoelen gehuurd.
"""
OTHER = """\
Interviewer: Hoe ging de dag?
Respondent: De bus kwam om negen uur. Achteraf hadden we meer tijd moeten nemen.
"""


def _bench() -> Any:
    if "bench_lessons" in sys.modules:
        return sys.modules["bench_lessons"]
    path = Path(__file__).resolve().parents[1] / "bench" / "lessons.py"
    spec = importlib.util.spec_from_file_location("bench_lessons", path)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    sys.modules["bench_lessons"] = bench
    spec.loader.exec_module(bench)
    return bench


@pytest.fixture
def store(tmp_path: Path) -> ProjectStore:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2020_interview_initiatiefnemer.txt").write_text(INTERVIEW, encoding="utf-8")
    (root / "P02_2020_interview_vrijwilliger.txt").write_text(OTHER, encoding="cp1252")
    out = ProjectStore(tmp_path / "s.sokwal")
    ingest(out, root)
    find_lessons(out)
    return out


def _doc(store: ProjectStore, name: str) -> str:
    docs = store.documents().set_index("path")
    return str(docs.loc[name, "doc_id"])


def test_training_data_reads_confirmed_rejected_and_the_rest_of_reviewed_documents(
    store: ProjectStore,
) -> None:
    found = lessons(store)
    p01 = _doc(store, "P01_2020_interview_initiatiefnemer.txt")
    mine = found[found["doc_id"] == p01].sort_values("start_char")
    assert len(mine) >= 3
    confirm_lesson(store, mine["lesson_id"].iloc[0], "anna")
    reject_lesson(store, mine["lesson_id"].iloc[1], "anna")
    data = lesson_training_data(store, "anna")
    # only the reviewed document; the unreviewed proposals in it stay out
    assert set(data["doc_id"]) == {p01}
    open_spans = [(r.start_char, r.end_char) for r in mine.iloc[2:].itertuples()]
    assert not any(a < e and b > s for a, b in open_spans
                   for s, e in zip(data["start_char"], data["end_char"], strict=True))  # fmt: skip
    first = mine.iloc[0]
    inside = data[
        (data["start_char"] < first["end_char"]) & (data["end_char"] > first["start_char"])
    ]
    assert set(inside["label"]) == {1} and set(inside["lesson_type"]) == {first["type"]}
    plain = data[data["text"].str.contains("koffie")]
    assert list(plain["label"]) == [0]  # in a reviewed document, in no lesson: not a lesson
    second = mine.iloc[1]
    rejected = data[
        (data["start_char"] < second["end_char"]) & (data["end_char"] > second["start_char"])
    ]
    assert set(rejected["label"]) == {0}
    # without implicit negatives: the reviewed lessons' sentences only
    explicit = lesson_training_data(store, "anna", implicit_negatives=False)
    assert len(explicit) == len(inside) + len(rejected)
    # another reviewer's reviews are not anna's
    assert lesson_training_data(store, "bert").empty


def test_a_hand_added_lesson_is_a_positive_example(store: ProjectStore) -> None:
    p02 = _doc(store, "P02_2020_interview_vrijwilliger.txt")
    text = store.text(p02)
    start = text.index("De bus")
    add_lesson(store, p02, start, start + 10, "insight", "anna")
    data = lesson_training_data(store, "anna")
    bus = data[data["text"].str.startswith("De bus")]
    assert list(bus["label"]) == [1] and list(bus["lesson_type"]) == ["insight"]


def test_too_few_reviews_is_refused_with_a_clear_message(
    store: ProjectStore, tmp_path: Path
) -> None:
    with pytest.raises(NotEnoughExamplesError, match="too few reviewed sentences"):
        train_lesson_model(store, "anna")
    empty = ProjectStore(tmp_path / "empty.sokwal")
    with pytest.raises(NotEnoughExamplesError):
        suggest_lessons(empty, "anna")
    assert lesson_training_data(empty).empty


def test_the_model_reads_function_words_and_context_and_types_its_suggestions() -> None:
    lessons_ = ["Volgende keer zou ik eerder beginnen.", "Nu bellen we iedereen zelf.",
                "Je moet mensen persoonlijk vragen.", "Begin gewoon klein."]  # fmt: skip
    others = ["De bus kwam om negen uur.", "Het dorpshuis is groot.", "De koffie was op.",
              "Er waren veertig stoelen."]  # fmt: skip
    types = ["do_differently", "changed_practice", "insight", "advice"]
    X = pd.DataFrame({"text": lessons_ * 3 + others * 3,
                      "question": ["advice"] * 12 + [""] * 12})  # fmt: skip
    y = [1] * 12 + [0] * 12
    model = LessonSuggester(random_state=0).fit(X, y, types=types * 3 + [""] * 12)
    new = pd.DataFrame({"text": ["Volgende keer zou ik het anders doen.", "De stoelen waren op."],
                        "question": ["", ""]})  # fmt: skip
    p = model.predict_proba(new)[:, 1]
    assert p[0] > 0.5 > p[1]
    assert model.predict_type(new)[0] == "do_differently"
    # "zou" (zullen), "ik", "volgende keer" are stop words elsewhere; here they say it
    assert {"zullen", "ik", "volgen keer"} <= set(model.vectorizer_.get_feature_names_out())
    # hostile input: empty, emoji, another language, very long, no sentences at all
    odd = ["", "🙂🙂", "We learned a lot, next time we would start earlier.", "woord " * 5000]
    assert model.predict_proba(odd).shape == (4, 2)
    assert model.predict_proba([]).shape == (0, 2) and len(model.predict_type([])) == 0


def test_a_model_trained_on_one_store_suggests_in_another(
    store: ProjectStore, tmp_path: Path
) -> None:
    for lid in lessons(store)["lesson_id"]:
        confirm_lesson(store, lid, "anna")
    p01 = _doc(store, "P01_2020_interview_initiatiefnemer.txt")
    text = store.text(p01)
    for quote in ("De koffie", "Het dorpshuis", "Het weer", "We hebben veertig"):
        assert quote in text
    model = train_lesson_model(store, "anna", min_examples=2)
    again = train_lesson_model(store, "anna", min_examples=2)
    sents = evidence_sentences(store)
    np.testing.assert_array_equal(model.predict_proba(sents), again.predict_proba(sents))
    other = ProjectStore(tmp_path / "other.sokwal")
    root = tmp_path / "new"
    root.mkdir()
    (root / "P09_2021_interview_initiatiefnemer.txt").write_text(INTERVIEW, encoding="utf-8")
    ingest(other, root)
    report = suggest_lessons(other, "anna", model=model, threshold=0.0)
    proposed = lessons(other)
    assert report.n_proposed == len(proposed) == len(evidence_sentences(other))
    assert set(proposed["origin"]) == {"model"} and proposed["score"].between(0, 1).all()
    assert set(proposed["type"]) <= {"insight", "do_differently", "changed_practice", "advice",
                                     "shared"}  # fmt: skip


# -- the bench's review loop ---------------------------------------------------------------


def test_the_review_loop_refuses_to_train_on_the_heldout_set(tmp_path: Path) -> None:
    bench = _bench()
    assert "heldout" not in bench.DEV_SETS
    with pytest.raises(ValueError, match="dev sets only"):
        bench.reviewed_store("heldout", tmp_path)
    with pytest.raises(ValueError, match="refused: heldout"):
        bench.review_loop(train=("dev2", "heldout"), workdir=tmp_path)
    assert not list(tmp_path.iterdir())  # refused before anything was ingested
    assert bench.main(["--review-loop", "--seed"]) == 2
    assert bench.main(["--review-loop", "heldout"]) == 2


def test_the_simulated_review_writes_real_review_rows(tmp_path: Path) -> None:
    bench = _bench()
    path, gold, counts, candidates = bench.reviewed_store("dev2", tmp_path)
    with ProjectStore(path) as reviewed:
        table = lessons(reviewed)
        log = reviewed.lesson_reviews()
    assert counts["confirmed"] > 0 and counts["rejected"] > 0 and counts["added_by_hand"] > 0
    actions = log["action"].value_counts().to_dict()
    assert actions.get("confirm") == counts["confirmed"]
    assert actions.get("reject") == counts["rejected"]
    assert actions.get("add") == counts["added_by_hand"]
    assert actions.get("edit", 0) == counts["type_edited"]
    confirmed = table[table["status"] == "confirmed"]
    spans = [{"doc_id": r.doc_id, "start": r.start_char, "end": r.end_char}
             for r in confirmed.itertuples(index=False)]  # fmt: skip
    assert all(any(bench._overlap(g, s) for s in spans) for g in gold)  # every gold lesson
    open_ = table[(table["status"] == "proposed") & (table["path"] != bench.NOT_A_DOCUMENT)]
    assert open_.empty  # every proposal in the set's documents was reviewed
    rejected = table[table["status"] == "rejected"]
    assert not any(bench._overlap(g, {"doc_id": r.doc_id, "start": r.start_char, "end": r.end_char})
                   for g in gold for r in rejected.itertuples(index=False))  # fmt: skip
    # the candidates keep the rules' own types, read before the review edited them
    assert len(candidates.rules) == len(table[(table["origin"] == "rule")
                                              & (table["path"] != bench.NOT_A_DOCUMENT)])  # fmt: skip


def test_the_review_loop_gives_the_same_figures_for_the_same_seed(tmp_path: Path) -> None:
    bench = _bench()
    first = bench.review_loop(seed=3, workdir=tmp_path / "a", train=("dev2", "dev4"), test=None,
                              before=False)  # fmt: skip
    second = bench.review_loop(seed=3, workdir=tmp_path / "b", train=("dev2", "dev4"), test=None,
                               before=False)  # fmt: skip
    assert first == second
    cv = first["after"]["cv"]
    assert cv["threshold"] in bench.THRESHOLDS and set(cv["folds"]) == {"dev2", "dev4"}
    pooled = cv["pooled"]["rules+model"]["any"]
    assert 0 < pooled["precision"] <= 1 and 0 < pooled["recall"] <= 1
    # rules and suggestions together find at least what the rules find
    assert pooled["recall"] >= cv["pooled"]["rules"]["any"]["recall"]
