"""``sokwal lessons --suggest``: the review loop from the command line, on a real store.

The rules propose, a researcher reviews (here through the library's review functions, as
the coding pane and notebook 07 do), and the model trained on those reviews proposes
more, with provenance ``model`` and its probability as ``score``; rerunning replaces,
rejected lessons are never proposed again, too few reviews write nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor import ProjectStore, __version__, ingest
from sokwal_monitor.lessons import (
    add_lesson,
    confirm_lesson,
    find_lessons,
    lessons,
    reject_lesson,
    suggest_lessons,
    train_lesson_model,
)
from sokwal_monitor.lessons.model import DEFAULT_THRESHOLD

FIRST = """\
Interviewer: Wat heb je geleerd van het eerste jaar?
Initiatiefnemer: We hebben geleerd dat je vrijwilligers persoonlijk moet vragen. Een folder werkt niet.
Interviewer: En hoe gaat het nu?
Initiatiefnemer: Sindsdien bellen we iedereen zelf op. De koffie is om tien uur. Het dorpshuis is groot.
Interviewer: Wat zou je anders doen?
Initiatiefnemer: Volgende keer zou ik de huisarts er eerder bij halen. Het weer was slecht.
Interviewer: Heb je tips voor andere dorpen?
Initiatiefnemer: Begin klein, met een paar mensen. We hebben veertig stoelen gehuurd.
Interviewer: Hoe kwamen de mensen?
Initiatiefnemer: De bus reed om negen uur. Wie met de fiets kwam, stalde die achter de kerk.
"""
SECOND = """\
Interviewer: Wat is je opgevallen?
Vrijwilliger: Wat mij opviel is dat ouderen liever overdag komen. De zaal was vol.
Interviewer: Wat doen jullie nu anders?
Vrijwilliger: Voortaan plannen we alles op de ochtend. Het ging om de bingo van maart.
Interviewer: Wat geef je andere groepen mee?
Vrijwilliger: Mijn advies is om de buren eerst te spreken. Er stond taart op tafel.
Interviewer: En verder?
Vrijwilliger: Een vaste vrijwilliger bij de deur maakt het verschil. Het regende die dag.
"""
LATER = """\
Interviewer: Hoe gaat het met het project?
Respondent: Achteraf hadden we eerder met de school moeten praten. De gymzaal was dicht.
Respondent: We hebben ontdekt dat persoonlijk bellen beter werkt dan een brief. De lampen waren kapot.
Respondent: De bus reed om tien uur. Er waren dertig stoelen.
"""


def _sokwal(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sokwal_monitor.cli", *args],
                          capture_output=True, text=True, check=False)  # fmt: skip


@pytest.fixture
def store_path(tmp_path: Path) -> Path:
    """A store with three interviews of two projects, the rules' proposals in it."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2020_interview_initiatiefnemer.txt").write_text(FIRST, encoding="utf-8")
    (root / "P02_2020_interview_vrijwilliger.txt").write_text(SECOND, encoding="cp1252")
    (root / "P02_2021_interview_vrijwilliger.txt").write_text(LATER, encoding="utf-8-sig")
    path = tmp_path / "s.sokwal"
    with ProjectStore(path) as store:
        ingest(store, root)
        find_lessons(store)
    return path


def _review(path: Path, reviewer: str) -> None:
    """Review the first two documents: confirm the rules' proposals but one, reject that
    one, and add by hand the lesson the rules missed."""
    with ProjectStore(path, create=False) as store:
        docs = store.documents().set_index("path")
        reviewed = [str(docs.loc[p, "doc_id"]) for p in ("P01_2020_interview_initiatiefnemer.txt",
                                                        "P02_2020_interview_vrijwilliger.txt")]  # fmt: skip
        found = lessons(store)
        mine = found[found["doc_id"].isin(reviewed)].sort_values(["doc_id", "start_char"])
        assert len(mine) >= 5, mine["text"].tolist()
        for i, lid in enumerate(mine["lesson_id"]):
            (reject_lesson if i == 1 else confirm_lesson)(store, lid, reviewer)
        second = reviewed[1]
        text = store.text(second)
        start = text.index("Een vaste vrijwilliger")
        if not (mine["text"].str.startswith("Een vaste vrijwilliger")).any():
            add_lesson(store, second, start, start + 20, "insight", reviewer)


def _model_rows(path: Path) -> pd.DataFrame:
    with ProjectStore(path, create=False) as store:
        table = lessons(store)
    return table[table["origin"] == "model"]


def _overlapping(table: pd.DataFrame) -> list[tuple[str, str]]:
    """Pairs of lessons whose spans overlap in one document."""
    pairs = []
    for _, group in table.groupby("doc_id"):
        rows = group.sort_values("start_char").to_dict("records")
        for a, b in pairwise(rows):
            if b["start_char"] < a["end_char"]:
                pairs.append((a["text"], b["text"]))
    return pairs


def test_suggest_writes_model_proposals_reruns_idempotently_and_never_reproposes_a_rejected_one(
    store_path: Path,
) -> None:
    _review(store_path, "anna")
    path = str(store_path)
    # threshold 0: every sentence in no lesson is proposed, whatever the model learned
    done = _sokwal("lessons", "--store", path, "--suggest", "--threshold", "0", "--format", "json")
    assert done.returncode == 0, done.stderr
    assert f"model:lessons-all@{__version__}" in done.stderr
    assert "reviews of every reviewer: anna" in done.stderr
    n_said = int(done.stderr.split("model:lessons-all")[1].split(": ")[1].split(" proposed")[0])
    first = _model_rows(store_path)
    assert n_said == len(first) > 0
    assert set(first["status"]) == {"proposed"}
    assert set(first["coder"]) == {f"model:lessons-all@{__version__}"}
    assert first["score"].between(0, 1).all()
    assert set(first["type"]) <= {"insight", "do_differently", "changed_practice", "advice",
                                  "shared"}  # fmt: skip
    printed = pd.DataFrame(json.loads(done.stdout))
    assert set(printed.loc[printed["origin"] == "model", "lesson_id"]) == set(first["lesson_id"])
    with ProjectStore(store_path, create=False) as store:
        everything = lessons(store)
        # the sentences nobody reviewed in P02 2021 keep the rules' proposals, not a model's
        assert not _overlapping(everything)
        rejected_by_anna = set(everything.loc[everything["status"] == "rejected", "lesson_id"])
        assert rejected_by_anna and not rejected_by_anna & set(first["lesson_id"])

    again = _sokwal("lessons", "--store", path, "--suggest", "--threshold", "0", "--format", "json")
    assert again.returncode == 0, again.stderr
    second = _model_rows(store_path)
    assert sorted(second["lesson_id"]) == sorted(first["lesson_id"])  # replaced, not duplicated
    with ProjectStore(store_path, create=False) as store:
        assert sorted(lessons(store)["lesson_id"]) == sorted(everything["lesson_id"])
        # the researcher rejects one of the model's proposals ...
        target = second.sort_values("start_char").iloc[0]
        reject_lesson(store, target["lesson_id"], "anna", memo="geen les")
    third = _sokwal("lessons", "--store", path, "--suggest", "--threshold", "0", "--no-find")
    assert third.returncode == 0, third.stderr
    assert "model" in third.stdout and "score" in third.stdout  # the table shows provenance
    with ProjectStore(store_path, create=False) as store:
        after = lessons(store)
    # ... and it is never proposed again: still rejected, nothing new over its sentence
    row = after.set_index("lesson_id").loc[target["lesson_id"]]
    assert row["status"] == "rejected"
    assert not _overlapping(after)
    proposed = after[(after["origin"] == "model") & (after["status"] == "proposed")]
    assert len(proposed) == len(second) - 1


def test_default_threshold_and_one_reviewer(store_path: Path) -> None:
    _review(store_path, "anna")
    with ProjectStore(store_path, create=False) as store:
        only_bert = lessons(store, status="proposed")["lesson_id"].iloc[0]
        confirm_lesson(store, only_bert, "bert")
    done = _sokwal("lessons", "--store", str(store_path), "--suggest", "--reviewer", "anna")
    assert done.returncode == 0, done.stderr
    assert f"(probability >= {DEFAULT_THRESHOLD:g})" in done.stderr
    assert "reviews of anna" in done.stderr and "bert" not in done.stderr
    rows = _model_rows(store_path)
    assert set(rows["coder"]) <= {f"model:lessons-anna@{__version__}"}
    assert (rows["score"] >= DEFAULT_THRESHOLD).all()
    said = int(done.stderr.split("model:lessons-anna")[1].split(": ")[1].split(" proposed")[0])
    assert said == len(rows)


def test_too_few_reviews_exit_2_and_nothing_written(store_path: Path, tmp_path: Path) -> None:
    path = str(store_path)

    def state() -> pd.DataFrame:
        with ProjectStore(store_path, create=False) as store:
            return lessons(store)

    before = state()
    # no review at all
    done = _sokwal("lessons", "--store", path, "--suggest")
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {path}: no reviewed lessons yet")
    assert done.stderr.count("\n") == 1
    assert "at least 5" in done.stderr and "apply_review_table" in done.stderr
    pd.testing.assert_frame_equal(state(), before)  # not even the rules ran again
    # one confirmed lesson: too few, and the message says how many there are
    with ProjectStore(store_path, create=False) as store:
        confirm_lesson(store, lessons(store)["lesson_id"].iloc[0], "anna")
    before = state()
    done = _sokwal("lessons", "--store", path, "--suggest", "--threshold", "0.5")
    assert done.returncode == 2, done.stderr
    assert "too few reviewed sentences" in done.stderr and " in a lesson, " in done.stderr
    assert "reviewed by anna" in done.stderr and "at least 5" in done.stderr
    pd.testing.assert_frame_equal(state(), before)
    # a store without documents
    empty = tmp_path / "leeg.sokwal"
    ProjectStore(empty).close()
    done = _sokwal("lessons", "--store", str(empty), "--suggest")
    assert done.returncode == 2 and done.stderr.startswith("error: ")


def test_bad_options_exit_2(store_path: Path) -> None:
    path = str(store_path)
    for value in ("1.5", "-0.1", "nan", "hoog"):
        done = _sokwal("lessons", "--store", path, "--suggest", "--threshold", value)
        assert done.returncode == 2 and "probability from 0 to 1" in done.stderr, value
    done = _sokwal("lessons", "--store", path, "--threshold", "0.5")
    assert done.returncode == 2 and "--suggest" in done.stderr
    done = _sokwal("lessons", "--store", path, "--suggest", "--reviewer", "  ")
    assert done.returncode == 2 and "empty" in done.stderr
    helped = _sokwal("lessons", "--help")
    assert f"(default {DEFAULT_THRESHOLD:g})" in " ".join(helped.stdout.split())
    assert "lower proposes more" in " ".join(helped.stdout.split())


def test_hostile_reviewer_names(store_path: Path) -> None:
    path = str(store_path)
    sneaky = "Robert'); DROP TABLE lessons;--"
    _review(store_path, sneaky)
    with ProjectStore(store_path, create=False) as store:
        before = lessons(store)
    # an unknown name with a newline and a terminal escape: one escaped line, nothing written
    done = _sokwal("lessons", "--store", path, "--suggest", "--reviewer", "x\n\x1b[31mrood")
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and "\x1b" not in done.stderr
    assert "no lesson reviews by 'x\\n\\x1b[31mrood'" in done.stderr
    assert "Robert'); DROP TABLE lessons;--" in done.stderr  # the reviewers there are
    with ProjectStore(store_path, create=False) as store:
        pd.testing.assert_frame_equal(lessons(store), before)
    # the name that reads like SQL is a name: its reviews train the model
    done = _sokwal("lessons", "--store", path, "--suggest", "--reviewer", sneaky,
                   "--threshold", "0")  # fmt: skip
    assert done.returncode == 0, done.stderr
    rows = _model_rows(store_path)
    assert len(rows) > 0 and set(rows["coder"]) == {f"model:lessons-{sneaky}@{__version__}"}
    with ProjectStore(store_path, create=False) as store:
        assert len(lessons(store)) == len(before) + len(rows)


def test_suggest_for_one_project_keeps_the_other_projects_proposals(store_path: Path) -> None:
    _review(store_path, "anna")
    with ProjectStore(store_path, create=False) as store:
        model = train_lesson_model(store, "anna")
        everywhere = suggest_lessons(store, "anna", threshold=0.0, model=model)
        rows = lessons(store)
        model_rows = rows[rows["origin"] == "model"]
        assert everywhere.n_proposed == len(model_rows)
        assert set(model_rows["project_id"]) == {"P01", "P02"}
        p02 = set(model_rows.loc[model_rows["project_id"] == "P02", "lesson_id"])
        again = suggest_lessons(store, "anna", threshold=0.0, model=model, project_id="P01")
        rows = lessons(store)
        model_rows = rows[rows["origin"] == "model"]
    assert set(model_rows.loc[model_rows["project_id"] == "P02", "lesson_id"]) == p02
    assert again.n_proposed == (model_rows["project_id"] == "P01").sum()


def test_a_rerun_learns_from_the_same_reviews_not_from_its_own_proposals(
    store_path: Path,
) -> None:
    _review(store_path, "anna")
    with ProjectStore(store_path, create=False) as store:
        first = suggest_lessons(store, "anna", threshold=0.0)
        # the proposals cover every free sentence of the reviewed documents; left in, they
        # would hide those sentences (the negatives) from the second run
        again = suggest_lessons(store, "anna", threshold=0.0)
    assert first.n_proposed > 0
    assert (again.n_positive, again.n_negative) == (first.n_positive, first.n_negative)
    assert again.n_proposed == first.n_proposed


def test_the_library_shows_a_model_proposal_only_once_confirmed(store_path: Path) -> None:
    """Initiators read the library: the model's unreviewed guesses stay out of it, the
    rules' proposals and what the researcher confirmed are in it."""
    from sokwal_monitor.library import library_lessons

    _review(store_path, "anna")
    done = _sokwal("lessons", "--store", str(store_path), "--suggest", "--threshold", "0")
    assert done.returncode == 0, done.stderr
    model = _model_rows(store_path)
    assert len(model) > 1
    with ProjectStore(store_path, create=False) as store:
        shown = library_lessons(store)
        assert not set(model["lesson_id"]) & set(shown["lesson_id"])
        assert (shown["origin"] == "rule").any()  # the rules' proposals are still shown
        chosen = model.sort_values("start_char").iloc[0]["lesson_id"]
        confirm_lesson(store, chosen, "anna")
        shown = library_lessons(store)
    assert chosen in set(shown["lesson_id"])
    assert set(model["lesson_id"]) & set(shown["lesson_id"]) == {chosen}
