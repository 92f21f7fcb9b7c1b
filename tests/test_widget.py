"""The coding session and its JupyterLab widget on a real ingested corpus: toggling
codes, memos, accepting suggestions, undo restoring the store exactly, filters,
navigation across documents, reopening a store, and the widget driven by clicks."""

from __future__ import annotations

import re
import sqlite3
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.codebook import Codebook, load_codebook
from sokwal_monitor.coding import Coding, CodingRun, code_quote, code_segment
from sokwal_monitor.coding.session import CodingSession, segment_memos
from sokwal_monitor.errors import CodingError
from sokwal_monitor.store import ProjectStore
from sokwal_monitor.widget import CodingWidget, segment_html

MODEL = "model:test@1"
RULE = "rule:sociale_kwaliteit@abcdef12"
P01 = "P01_2018_interview_initiatiefnemer.txt"


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook()


@pytest.fixture
def project(store: ProjectStore, corpus: Path) -> ProjectStore:
    """The conftest corpus plus an SPSS survey, ingested into a fresh store."""
    frame = pd.DataFrame({"eenzaam": [1.0, 2.0]})
    pyreadstat.write_sav(frame, str(corpus / "P01_2018_enquete.sav"))
    report = ingest(store, corpus)
    assert not report.failed, report.failed
    assert "survey" in set(store.documents()["kind"])
    return store


def session(store: ProjectStore, codebook: Codebook, coder: str = "anna", **kw) -> CodingSession:
    return CodingSession(store, codebook, coder, **kw)


def segments(store: ProjectStore) -> pd.DataFrame:
    """The store's segments with document metadata, in document order."""
    return store.segments(with_metadata=True)


def seg_row(store: ProjectStore, segment_id: str) -> pd.Series:
    frame = segments(store)
    return frame.loc[frame["segment_id"] == segment_id].iloc[0]


def first_segment(store: ProjectStore, path: str, role: str | None = None) -> str:
    frame = segments(store)
    frame = frame[frame["path"] == path]
    if role is not None:
        frame = frame[frame["role"] == role]
    return str(frame["segment_id"].iloc[0])


def suggest(
    store: ProjectStore,
    segment_id: str,
    code: str,
    *,
    coder: str = MODEL,
    origin: str = "model",
    score: float | None = 0.8,
    part: tuple[int, int] | None = None,
) -> str:
    """Write a coding of a segment (or of ``part`` of it, offsets within the segment)."""
    row = seg_row(store, segment_id)
    start, end = int(row["start_char"]), int(row["end_char"])
    if part is not None:
        start, end = start + part[0], start + part[1]
    coding = Coding(row["doc_id"], start, end, code, coder, origin=origin, score=score)
    with CodingRun(store, coder=coder, origin=origin) as run:
        return run.add([coding])[0]


def state(store: ProjectStore) -> tuple[list[dict], list[dict]]:
    """Every coding and memo, all columns (ids, times, runs), for exact comparisons."""

    def records(frame: pd.DataFrame) -> list[dict]:
        frame = frame.astype(object)
        return frame.where(frame.notna(), None).to_dict("records")

    return records(store.codings(all_versions=True)), records(store.memos())


def n_runs(store: ProjectStore) -> int:
    return len(store.coding_runs())


def assert_log_agrees(store: ProjectStore) -> None:
    """Each coder's codings are what her logged runs added minus what they removed."""
    held = store.codings(all_versions=True)["coder"].value_counts().to_dict()
    runs = store.coding_runs()
    net = (runs["n_added"] - runs["n_removed"]).groupby(runs["coder"]).sum()
    assert {k: v for k, v in net.items() if v} == held


# -- scope --------------------------------------------------------------------------------


def test_scope_is_every_nonempty_segment_of_current_text_documents_in_order(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook)
    frame = segments(project)
    expected = frame.loc[frame["end_char"] > frame["start_char"], "segment_id"].tolist()
    assert s.segment_ids == expected
    assert len(s) == 24
    docs = s.documents()
    assert "survey" not in set(docs["kind"])
    assert docs["path"].tolist() == sorted(set(frame["path"]))
    assert docs["n_segments"].sum() == 24
    assert s.segment is not None and s.segment.segment_id == expected[0]
    assert s.position == 0


def test_scope_filters_by_project_and_wave(project: ProjectStore, codebook: Codebook) -> None:
    s = session(project, codebook, project_id="P01", wave=2018)
    assert s.documents()["path"].tolist() == ["P01_2018_gesprek.vtt", P01]
    assert len(s) == 3 + 4
    s.set_filters(wave="2019")
    assert s.documents()["path"].tolist() == ["P01_2019_interview.txt"]
    assert s.segment is not None and s.segment.path == "P01_2019_interview.txt"


def test_role_filter_keeps_only_that_role(project: ProjectStore, codebook: Codebook) -> None:
    frame = segments(project)
    s = session(project, codebook, role="respondent")
    assert s.segment_ids == frame.loc[frame["role"] == "respondent", "segment_id"].tolist()
    assert len(s) == 8
    reports = session(project, codebook, role="")
    assert {seg_row(project, sid)["kind"] for sid in reports.segment_ids} == {"report", "other"}


@pytest.mark.parametrize(
    ("filters", "message"),
    [
        ({"role": "respondents"}, "role 'respondents' is not known"),
        ({"order": "uncertain"}, "not one text"),
        ({"order": pd.DataFrame({"id": ["x"]})}, "no segment_id column"),
        ({"suggested_as": " "}, "needs a code name"),
    ],
)
def test_bad_filters_are_refused_plainly(
    project: ProjectStore, codebook: Codebook, filters: dict, message: str
) -> None:
    with pytest.raises(CodingError, match=message):
        session(project, codebook, **filters)


def test_set_filters_refuses_unknown_names_and_keeps_the_old_scope(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    with pytest.raises(TypeError, match="unknown filter"):
        s.set_filters(speaker="R")
    with pytest.raises(CodingError):
        s.set_filters(role="nobody")
    assert s.role == "respondent" and len(s) == 8


def test_an_empty_coder_name_is_refused(project: ProjectStore, codebook: Codebook) -> None:
    with pytest.raises(CodingError, match="needs a coder name"):
        session(project, codebook, coder=" ")


# -- toggle -------------------------------------------------------------------------------


def test_toggle_on_writes_one_manual_coding_of_the_whole_segment(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    seg = s.segment
    assert seg is not None
    runs = n_runs(project)
    assert s.toggle("bereik") is True
    frame = project.codings()
    assert len(frame) == 1
    row = frame.iloc[0]
    assert (row["coder"], row["origin"], row["code"]) == ("anna", "manual", "bereik")
    assert (row["start_char"], row["end_char"]) == (seg.start_char, seg.end_char)
    assert row["segment_id"] == seg.segment_id and row["text"] == seg.text
    assert s.codes_on() == ["bereik"]
    assert n_runs(project) == runs + 1
    run = project.coding_runs().iloc[-1]
    assert (run["coder"], run["origin"], run["n_added"]) == ("anna", "manual", 1)
    # the same coding as code_segment makes
    assert row["coding_id"] == code_segment(project, seg.segment_id, "bereik", coder="anna")


def test_toggle_off_deletes_only_this_coders_coding(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    sid = s.segment_ids[0]
    suggest(project, sid, "bereik", coder="bas", origin="manual", score=None)
    suggest(project, sid, "bereik", coder=RULE, origin="rule", score=2)
    suggest(project, sid, "bereik")
    before = state(project)
    assert s.toggle("bereik") is True
    assert len(project.codings()) == 4
    assert s.toggle("bereik") is False
    assert state(project) == before
    assert s.codes_on() == []
    assert project.coding_runs().iloc[-1]["n_removed"] == 1


def test_toggle_leaves_this_coders_passage_codings_alone(
    project: ProjectStore, codebook: Codebook
) -> None:
    code_quote(project, P01, "We begonnen met", "bereik", coder="anna")  # the turn's start
    code_quote(project, P01, "eetgroep in de buurt", "bereik", coder="anna")
    s = session(project, codebook)
    s.goto(first_segment(project, P01, "respondent"))
    assert s.codes_on() == []
    own = s.other_codings()
    assert [c.text for c in own] == ["We begonnen met", "eetgroep in de buurt"]
    assert all(c.mine and c.kind == "own" for c in own)
    s.toggle("bereik")
    assert s.codes_on() == ["bereik"]
    s.toggle("bereik")
    assert project.codings()["text"].tolist() == ["We begonnen met", "eetgroep in de buurt"]


def test_toggle_of_a_code_not_in_the_codebook_is_refused(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook)
    runs = n_runs(project)
    with pytest.raises(CodingError, match="did you mean 'bereik'"):
        s.toggle("bereikk")
    assert len(project.codings()) == 0 and n_runs(project) == runs


# -- memos --------------------------------------------------------------------------------


def test_memo_is_one_document_memo_per_coder_and_segment(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    seg = s.segment
    assert seg is not None and s.memo == ""
    s.set_memo("  Noemt een aantal.  ")
    s.set_memo("Noemt een aantal, geen doelgroep.")
    memos = project.memos()
    assert len(memos) == 1
    row = memos.iloc[0]
    assert (row["target_kind"], row["target"], row["author"]) == ("document", seg.doc_id, "anna")
    assert row["text"] == f"[segment {seg.segment_id}] Noemt een aantal, geen doelgroep."
    assert s.memo == "Noemt een aantal, geen doelgroep."
    assert session(project, codebook, "bas", role="respondent").memo == ""
    s.next()
    assert s.memo == ""
    s.set_memo("Tweede.")
    listed = segment_memos(project)
    assert listed["segment_id"].tolist() == [seg.segment_id, s.segment_ids[1]]
    assert listed["text"].tolist() == ["Noemt een aantal, geen doelgroep.", "Tweede."]
    s.set_memo("")
    assert segment_memos(project, coder="anna")["segment_id"].tolist() == [seg.segment_id]
    assert segment_memos(project, coder="bas").empty


def test_saving_an_unchanged_memo_is_no_action(project: ProjectStore, codebook: Codebook) -> None:
    s = session(project, codebook)
    s.set_memo("Eerst.")
    s.set_memo("Dan.")
    before = state(project)
    s.set_memo(" Dan. ")
    assert state(project) == before  # not even updated_at
    s.undo()
    assert s.memo == "Eerst."


def test_memo_writes_no_coding(project: ProjectStore, codebook: Codebook) -> None:
    s = session(project, codebook)
    runs = n_runs(project)
    s.set_memo("Alleen een memo.")
    assert len(project.codings()) == 0 and n_runs(project) == runs


def test_memo_must_be_text(project: ProjectStore, codebook: Codebook) -> None:
    with pytest.raises(CodingError, match="a memo is text"):
        session(project, codebook).set_memo(None)  # type: ignore[arg-type]


# -- accept -------------------------------------------------------------------------------


def test_accept_turns_a_model_suggestion_into_a_manual_coding_with_provenance(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    seg = s.segment
    assert seg is not None
    sid = suggest(project, seg.segment_id, "sociale_contacten", score=0.8)
    (offer,) = s.other_codings()
    assert (offer.coding_id, offer.kind, offer.score) == (sid, "model", 0.8)
    new = s.accept(sid)
    suggestion = project.codings(coder=MODEL)
    assert suggestion["coding_id"].tolist() == [sid]  # kept
    mine = project.codings(coder="anna")
    assert mine["coding_id"].tolist() == [new]
    row = mine.iloc[0]
    assert row["origin"] == "manual" and row["code"] == "sociale_contacten"
    assert (row["start_char"], row["end_char"]) == (seg.start_char, seg.end_char)
    assert row["memo"] == f"accepted {sid} from {MODEL} (p=0.80)"
    assert s.codes_on() == ["sociale_contacten"]


def test_accept_a_rule_coding_of_part_of_a_segment(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    seg = s.segment
    assert seg is not None
    rid = suggest(
        project, seg.segment_id, "bereik", coder=RULE, origin="rule", score=2, part=(6, 12)
    )
    s.accept(rid)
    row = project.codings(coder="anna").iloc[0]
    assert row["text"] == seg.text[6:12]
    assert row["memo"] == f"accepted {rid} from {RULE} (rule, score 2)"
    assert s.codes_on() == []  # a passage, not the whole segment
    kinds = sorted(c.kind for c in s.other_codings())
    assert kinds == ["own", "rule"]


def test_accepting_twice_or_ones_own_coding_changes_nothing(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    sid = suggest(project, s.segment_ids[0], "bereik")
    mine = s.accept(sid)
    before, runs = state(project), n_runs(project)
    with pytest.raises(CodingError, match="already has code 'bereik'"):
        s.accept(sid)
    with pytest.raises(CodingError, match="already your own coding"):
        s.accept(mine)
    with pytest.raises(CodingError, match="no longer in the store"):
        s.accept("c-0000000000000000")
    assert state(project) == before and n_runs(project) == runs


# -- undo ---------------------------------------------------------------------------------


def _toggle_on(s: CodingSession, project: ProjectStore) -> None:
    s.toggle("bereik")


def _toggle_off(s: CodingSession, project: ProjectStore) -> None:
    s.toggle("knelpunten")  # coded with a memo by code_segment before


def _memo_new(s: CodingSession, project: ProjectStore) -> None:
    s.next()
    s.set_memo("Nieuw memo.")


def _memo_edit(s: CodingSession, project: ProjectStore) -> None:
    s.set_memo("Anders.")


def _memo_delete(s: CodingSession, project: ProjectStore) -> None:
    s.set_memo("")


def _accept(s: CodingSession, project: ProjectStore) -> None:
    s.accept(project.codings(coder=MODEL)["coding_id"].iloc[0])


@pytest.mark.parametrize(
    "action", [_toggle_on, _toggle_off, _memo_new, _memo_edit, _memo_delete, _accept]
)
def test_undo_restores_the_store_exactly(project: ProjectStore, codebook: Codebook, action) -> None:
    s = session(project, codebook, role="respondent")
    first = s.segment_ids[0]
    code_segment(project, first, "knelpunten", coder="anna", memo="eigen memo")
    suggest(project, first, "bereik")
    s.set_memo("Eerste memo.")
    s = session(project, codebook, role="respondent")  # a fresh undo history
    before = state(project)
    action(s, project)
    assert state(project) != before
    s.undo()
    assert state(project) == before
    assert_log_agrees(project)
    assert s.segment is not None and s.segment.segment_id == s.segment_ids[int(action is _memo_new)]
    with pytest.raises(CodingError, match="nothing to undo"):
        s.undo()


def test_undo_goes_back_action_by_action_and_is_logged(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook)
    states = [state(project)]
    s.toggle("bereik")
    states.append(state(project))
    s.next()
    s.toggle("proces")
    states.append(state(project))
    s.set_memo("Over proces.")
    states.append(state(project))
    s.next()
    runs = n_runs(project)
    assert s.can_undo
    assert s.undo() == f"undid: memo on segment {s.segment_ids[1]}"
    assert s.position == 1  # back on the segment of the action
    for expected in reversed(states[:-1]):
        assert state(project) == expected
        if s.can_undo:
            s.undo()
    assert state(project) == states[0]
    assert_log_agrees(project)
    assert not s.can_undo
    log = project.coding_runs().iloc[runs:]
    assert len(log) == 2  # the two coding undos; a memo is no coding run
    assert log["options"].str.contains('"action": "undo"').all()


# -- navigation ---------------------------------------------------------------------------


def test_next_and_previous_cross_documents(project: ProjectStore, codebook: Codebook) -> None:
    s = session(project, codebook, project_id="P01")
    paths = [seg_row(project, sid)["path"] for sid in s.segment_ids]
    last_of_first = paths.index(paths[0]) + paths.count(paths[0]) - 1
    s.goto(s.segment_ids[last_of_first])
    assert s.next() is True
    assert s.segment is not None and s.segment.path == P01 and s.segment.position == 0
    assert s.previous() is True
    assert s.segment.path == "P01_2018_gesprek.vtt"
    s.goto(s.segment_ids[-1])
    assert s.next() is False and s.position == len(s) - 1
    s.goto(s.segment_ids[0])
    assert s.previous() is False and s.position == 0


def test_goto_refuses_segments_out_of_scope(project: ProjectStore, codebook: Codebook) -> None:
    s = session(project, codebook, role="respondent")
    interviewer = first_segment(project, P01, "interviewer")
    with pytest.raises(CodingError, match="not among the 8 segments"):
        s.goto(interviewer)
    with pytest.raises(CodingError, match="is not a segment id"):
        s.goto("nonsense")
    s.goto(first_segment(project, P01, "respondent"))
    assert s.segment is not None and s.segment.text.startswith("We begonnen")
    assert [c.text for c in s.context()] == ["Hoe is het project begonnen?"]
    frame = s.document_segments()
    assert frame["role"].tolist() == ["interviewer", "respondent"] * 2
    assert frame["in_scope"].tolist() == [False, True] * 2
    assert frame["current"].tolist() == [False, True, False, False]


def test_uncoded_only_skips_what_this_coder_coded(
    project: ProjectStore, codebook: Codebook
) -> None:
    ids = session(project, codebook, role="respondent").segment_ids
    code_segment(project, ids[1], "bereik", coder="anna")
    code_segment(project, ids[2], "bereik", coder="bas")  # someone else's: still uncoded
    s = session(project, codebook, role="respondent", uncoded_only=True)
    assert s.segment is not None and s.segment.segment_id == ids[0]
    assert s.progress().n_coded == 1
    s.toggle("proces")
    assert s.segment.segment_id == ids[0]  # stays until moving on
    assert s.next() and s.segment.segment_id == ids[2]
    assert s.previous() is False  # ids[0] and ids[1] are coded now
    assert s.progress().n_coded == 2 and s.progress().n_segments == 8
    assert session(project, codebook, role="respondent", uncoded_only=True).position == 2


def test_uncoded_only_when_everything_is_coded(project: ProjectStore, codebook: Codebook) -> None:
    s = session(project, codebook, project_id="P03")
    for sid in s.segment_ids:
        code_segment(project, sid, "proces", coder="anna")
    done = session(project, codebook, project_id="P03", uncoded_only=True)
    assert done.segment is None and done.codes_on() == [] and done.memo == ""
    assert str(done.progress()) == "2 of 2 segments coded by anna (100%)"
    with pytest.raises(CodingError, match="no segment to code"):
        done.toggle("proces")


def test_suggested_as_keeps_segments_with_that_suggestion_most_probable_first(
    project: ProjectStore, codebook: Codebook
) -> None:
    ids = session(project, codebook, role="respondent").segment_ids
    suggest(project, ids[0], "bereik", score=0.3)
    suggest(project, ids[1], "bereik", score=0.9)
    suggest(project, ids[2], "bereik", score=0.6, part=(0, 4))
    suggest(project, ids[3], "proces", score=0.99)  # another code
    suggest(project, ids[4], "bereik", coder=RULE, origin="rule", score=3)  # not a model
    s = session(project, codebook, suggested_as="bereik")
    assert s.segment_ids == [ids[1], ids[2], ids[0]]
    assert s.segment is not None and s.segment.segment_id == ids[1]


def test_order_visits_the_given_segments_in_that_order(
    project: ProjectStore, codebook: Codebook
) -> None:
    everything = session(project, codebook).segment_ids
    wanted = [everything[5], everything[0], "c-nothing-00001", everything[5], everything[9]]
    s = session(project, codebook, order=wanted)
    assert s.segment_ids == [everything[5], everything[0], everything[9]]
    frame = pd.DataFrame({"segment_id": wanted[::-1], "p": 0.5})
    assert session(project, codebook, order=frame).segment_ids == [
        everything[9],
        everything[5],
        everything[0],
    ]
    respondents = set(session(project, codebook, role="respondent").segment_ids)
    both = session(project, codebook, role="respondent", order=everything[::-1])
    assert both.segment_ids == [sid for sid in everything[::-1] if sid in respondents]


# -- what the session shows ---------------------------------------------------------------


def test_other_codings_carry_coder_origin_and_score(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    sid = s.segment_ids[0]
    suggest(project, sid, "bereik", score=0.83)
    suggest(project, sid, "proces", coder=RULE, origin="rule", score=2, part=(0, 5))
    suggest(project, sid, "knelpunten", coder="bas", origin="manual", score=None)
    suggest(project, s.segment_ids[1], "financiering")  # another segment: not shown
    s.toggle("succesfactoren")
    found = {(c.code, c.coder, c.origin, c.score, c.kind) for c in s.other_codings()}
    assert found == {
        ("bereik", MODEL, "model", 0.83, "model"),
        ("proces", RULE, "rule", 2.0, "rule"),
        ("knelpunten", "bas", "manual", None, "manual"),
    }
    labels = sorted(c.label for c in s.other_codings())
    assert labels == ["bereik · model p=0.83", "knelpunten · bas", "proces · rule (2×)"]
    assert s.codes_on() == ["succesfactoren"]


def test_progress_counts_segments_coded_by_this_coder(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = session(project, codebook, role="respondent")
    assert s.progress().n_coded == 0
    s.toggle("bereik")
    s.toggle("proces")
    s.next()
    s.next()
    code_quote(project, P01, "tijd kost", "knelpunten", coder="anna")
    code_segment(project, s.segment_ids[3], "proces", coder="bas")
    progress = s.progress()
    assert (progress.n_segments, progress.n_coded, progress.position) == (8, 2, 3)


def test_two_coders_on_one_store_see_each_others_work(
    project: ProjectStore, codebook: Codebook
) -> None:
    other = ProjectStore(project.path)  # bas's notebook: its own connection
    try:
        anna = session(project, codebook, role="respondent")
        bas = session(other, codebook, "bas", role="respondent")
        anna.toggle("bereik")
        assert bas.codes_on() == []
        assert [(c.coder, c.kind) for c in bas.other_codings()] == [("anna", "manual")]
        bas.toggle("bereik")
        assert len(project.codings(code="bereik")) == 2
        assert anna.codes_on() == ["bereik"] and bas.codes_on() == ["bereik"]
    finally:
        other.close()


def test_a_new_session_on_the_reopened_store_sees_earlier_work(
    project: ProjectStore, codebook: Codebook
) -> None:
    path = project.path
    s = session(project, codebook, role="respondent")
    sid = suggest(project, s.segment_ids[0], "bereik")
    s.toggle("proces")
    s.set_memo("Bewaard?")
    s.accept(sid)
    before = state(project)
    project.close()
    with ProjectStore(path) as reopened:
        again = session(reopened, codebook, role="respondent")
        assert again.codes_on() == ["bereik", "proces"]
        assert again.memo == "Bewaard?"
        assert state(reopened) == before
        assert not again.can_undo  # undo reaches only this session's own actions


def test_a_replaced_or_deleted_document_is_refused_with_a_plain_message(
    project: ProjectStore, codebook: Codebook, corpus: Path
) -> None:
    s = session(project, codebook)
    s.goto(first_segment(project, P01, "respondent"))
    (corpus / P01).write_text("R: Een nieuwe versie.\n", encoding="utf-8")
    ingest(project, corpus)
    runs = n_runs(project)
    with pytest.raises(CodingError, match="replaced by a newer one"):
        s.toggle("bereik")
    with pytest.raises(CodingError, match="replaced by a newer one"):
        s.set_memo("x")
    assert len(project.codings(all_versions=True)) == 0 and n_runs(project) == runs
    old = s.segment.doc_id if s.segment else None
    s.refresh()
    assert P01 in s.documents()["path"].tolist()
    assert old is not None and not any(sid.startswith(old) for sid in s.segment_ids)
    assert len(s) == 24 - 4 + 1  # the new version has one turn
    doc = str(s.documents()["doc_id"].iloc[0])
    s.goto(next(sid for sid in s.segment_ids if sid.startswith(doc)))
    with project.transaction() as con:
        con.execute("DELETE FROM documents WHERE doc_id = ?", (doc,))
    with pytest.raises(CodingError, match="no longer in the store"):
        s.toggle("bereik")


def test_segment_html_escapes_text_and_marks_each_kind_differently(
    project: ProjectStore, codebook: Codebook, tmp_path: Path
) -> None:
    root = tmp_path / "html"
    root.mkdir()
    (root / "P09_2020.txt").write_text("I: En?\nR: Ik zei <b>nee</b> & ging weg.\n", "utf-8")
    ingest(project, root)
    s = session(project, codebook, project_id="P09", role="respondent")
    sid = s.segment_ids[0]
    suggest(project, sid, "bereik", score=0.8, part=(0, 2))
    suggest(project, sid, "proces", coder=RULE, origin="rule", score=1, part=(3, 6))
    suggest(project, sid, "knelpunten", coder="bas", origin="manual", score=None, part=(20, 24))
    seg = s.segment
    assert seg is not None
    out = segment_html(seg, s.other_codings())
    assert "&lt;b&gt;nee&lt;/b&gt; &amp;" in out and "<b>nee</b>" not in out
    styles = {}
    for kind in ("model", "rule", "manual"):
        marker = f'class="sokwal-mark sokwal-{kind}" style="'
        assert marker in out, kind
        styles[kind] = out.split(marker, 1)[1].split('"', 1)[0]
        assert f'class="sokwal-badge sokwal-{kind}"' in out
    assert len(set(styles.values())) == 3
    assert "bereik · model p=0.80" in out and "proces · rule (1×)" in out


# -- the widget ---------------------------------------------------------------------------


def widget(store: ProjectStore, codebook: Codebook, **kw) -> CodingWidget:
    return CodingWidget(store, codebook, "anna", **kw)


def test_importing_the_module_does_not_import_ipywidgets() -> None:
    code = "import sokwal_monitor, sokwal_monitor.widget, sys; print('ipywidgets' in sys.modules)"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "False"


def test_widget_code_buttons_follow_the_codebook_tree(
    project: ProjectStore, codebook: Codebook
) -> None:
    view = widget(project, codebook)
    assert list(view.code_buttons) == [code.name for _, code in codebook.walk()]
    for depth, code in codebook.walk():
        button = view.code_buttons[code.name]
        assert button.tooltip == code.definition
        assert button.layout.margin == f"1px 0 1px {1.5 * depth:.1f}em"
    assert view.code_buttons["bereik_deelnemers"].layout.margin.endswith("3.0em")


def test_widget_toggle_clicks_write_and_delete_one_coding(
    project: ProjectStore, codebook: Codebook
) -> None:
    view = widget(project, codebook, role="respondent")
    button = view.code_buttons["bereik"]
    button.value = True
    frame = project.codings()
    assert frame[["code", "coder", "origin"]].values.tolist() == [["bereik", "anna", "manual"]]
    assert view.code_buttons["bereik"].button_style == "success"
    assert "1 of 8 segments coded by anna" in view.header.value
    button.value = False
    assert len(project.codings()) == 0
    assert not view.undo_button.disabled
    view.undo_button.click()
    assert len(project.codings()) == 1 and button.value is True
    assert "Undid" in view.message.value


def test_widget_navigation_and_header(project: ProjectStore, codebook: Codebook) -> None:
    view = widget(project, codebook, project_id="P01", role="respondent")
    assert "P01_2018_gesprek.vtt" in view.header.value
    assert "Goed, we zijn met twintig mensen." in view.segment_html.value
    assert "Hoe gaat het met de eetgroep?" in view.context_html.value
    view.next_button.click()
    assert P01 in view.header.value and "segment 2 of 5" in view.header.value
    view.previous_button.click()
    view.previous_button.click()
    assert "No more segments" in view.message.value
    assert "segment 1 of 5" in view.header.value
    view.document_picker.value = view.session.documents()["doc_id"].iloc[-1]
    assert view.session.segment is not None
    assert view.session.segment.path == "P01_2019_interview.txt"


def test_widget_memo_is_saved_by_the_button_and_before_moving_on(
    project: ProjectStore, codebook: Codebook
) -> None:
    view = widget(project, codebook, role="respondent")
    view.memo.value = "Met de knop."
    view.save_memo_button.click()
    assert segment_memos(project)["text"].tolist() == ["Met de knop."]
    view.next_button.click()
    assert view.memo.value == ""
    view.memo.value = "Vergeten te bewaren."
    view.next_button.click()
    assert segment_memos(project)["text"].tolist() == ["Met de knop.", "Vergeten te bewaren."]
    assert "Memo saved" in view.message.value
    view.previous_button.click()
    assert view.memo.value == "Vergeten te bewaren."


def test_widget_accepts_the_chosen_suggestion(project: ProjectStore, codebook: Codebook) -> None:
    first = session(project, codebook, role="respondent").segment_ids[0]
    low = suggest(project, first, "proces", coder=RULE, origin="rule", score=1)
    high = suggest(project, first, "bereik", score=0.8)
    view = widget(project, codebook, role="respondent")
    assert [value for _, value in view.suggestions.options] == [high, low]
    assert view.suggestions.value == high
    assert "◆ 0.80" in view.code_buttons["bereik"].description
    assert view.code_buttons["bereik"].button_style == "warning"
    assert view.code_buttons["proces"].button_style == "info"
    view.accept_button.click()
    mine = project.codings(coder="anna")
    assert mine["code"].tolist() == ["bereik"]
    assert mine["memo"].iloc[0] == f"accepted {high} from {MODEL} (p=0.80)"
    assert len(project.codings(coder=MODEL)) == 1
    assert view.code_buttons["bereik"].value is True
    view.suggestions.value = low
    view.accept_button.click()
    assert sorted(project.codings(coder="anna")["code"]) == ["bereik", "proces"]


def test_widget_html_shows_rule_model_and_manual_differently(
    project: ProjectStore, codebook: Codebook
) -> None:
    first = session(project, codebook, role="respondent").segment_ids[0]
    suggest(project, first, "bereik", score=0.8, part=(0, 4))
    suggest(project, first, "proces", coder=RULE, origin="rule", score=1, part=(5, 10))
    suggest(project, first, "knelpunten", coder="bas", origin="manual", score=None)
    view = widget(project, codebook, role="respondent")
    out = view.segment_html.value
    for kind in ("model", "rule", "manual"):
        assert f"sokwal-badge sokwal-{kind}" in out
        assert re.search(f'class="sokwal-mark [^"]*sokwal-{kind}', out), kind
    assert "p=0.80" in out


def test_widget_filters_change_the_session(project: ProjectStore, codebook: Codebook) -> None:
    view = widget(project, codebook)
    assert len(view.session) == 24
    view.role_filter.value = "respondent"
    assert view.session.role == "respondent" and len(view.session) == 8
    view.project_filter.value = "P02"
    assert len(view.session) == 2
    view.uncoded_filter.value = True
    assert view.session.uncoded_only is True
    view.project_filter.value = "*"
    assert view.session.project_id is None and len(view.session) == 8
    assert view.suggested_filter.disabled  # no model suggestions in the store


def test_widget_shows_errors_as_plain_messages(
    project: ProjectStore, codebook: Codebook, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = widget(project, codebook, role="respondent")
    view.undo_button.disabled = False
    view.undo_button.click()
    assert "nothing to undo" in view.message.value

    def locked(code: str) -> bool:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(view.session, "toggle", locked)
    view.code_buttons["bereik"].value = True
    assert "store is busy" in view.message.value and "Traceback" not in view.message.value
    assert view.code_buttons["bereik"].value is False  # redrawn from the store
    monkeypatch.undo()
    seg = view.session.segment
    assert seg is not None
    with project.transaction() as con:
        con.execute("DELETE FROM documents WHERE doc_id = ?", (seg.doc_id,))
    view.code_buttons["proces"].value = True
    assert "no longer in the store" in view.message.value
    assert len(project.codings()) == 0
    assert view.segment_html.value == ""
    assert all(b.disabled and b.value is False for b in view.code_buttons.values())


def test_widget_displays_as_a_jupyter_widget(project: ProjectStore, codebook: Codebook) -> None:
    bundle = widget(project, codebook)._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle


def test_widget_with_nothing_in_scope(project: ProjectStore, codebook: Codebook) -> None:
    view = widget(project, codebook, project_id="P77")
    assert "no segment matches the filters" in view.header.value
    assert all(b.disabled for b in view.code_buttons.values())
    assert view.accept_button.disabled and view.save_memo_button.disabled
