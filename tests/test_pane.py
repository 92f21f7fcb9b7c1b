"""The coding pane's Python side and the session's passage-level actions, no browser.

Exact offsets (code points, with accents and emoji), overlaps, resize, remove, accept
widened to the sentence or turn (never a duplicate), reject (recorded, not offered
again), code hits, add code (a new codebook version with who and when), undo and redo
of each, memos on codings, segments, documents and codes; hostile input; the pane's
:meth:`CodingPane.handle` with crafted and malformed messages: it never raises, it says
what went wrong in its status.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.codebook import Codebook, load_codebook
from sokwal_monitor.coding import Coding, CodingRun
from sokwal_monitor.coding.session import CodingSession
from sokwal_monitor.errors import CodingError
from sokwal_monitor.pane import CodingPane
from sokwal_monitor.store import ProjectStore

#: Two interviews; the first has accents and emoji before the passages the tests code.
TEXTS = {
    "P01_2018.txt": (
        "I: Wat heeft u geleerd in het café?\n"
        "R: Ik vond het 😀 fijn. Wij hebben geleerd dat coördinatie tijd kost. "
        "Daarna ging het beter.\n"
        "I: En de vrijwilligers?\n"
        "R: De vrijwilligers 👍🏽 kwamen élke week.\n"
    ),
    "P02_2019.txt": "I: Hoe ging het?\nR: We bereikten veertig vrijwilligers.\n",
}


@pytest.fixture(scope="module")
def codebook() -> Codebook:
    return load_codebook()


@pytest.fixture
def project(tmp_path: Path) -> ProjectStore:
    root = tmp_path / "corpus"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text, encoding="utf-8")
    store = ProjectStore(tmp_path / "p.sokwal")
    ingest(store, root, progress=False)
    return store


def doc_id(store: ProjectStore, path: str = "P01_2018.txt") -> str:
    docs = store.documents()
    return str(docs.loc[docs["path"] == path, "doc_id"].iloc[0])


def span_of(store: ProjectStore, words: str, path: str = "P01_2018.txt") -> tuple[int, int]:
    """Code-point offsets of ``words`` in the stored text of a document."""
    text = store.text(doc_id(store, path))
    start = text.index(words)
    return start, start + len(words)


def snapshot(store: ProjectStore) -> dict[str, Any]:
    """Everything undo must restore exactly."""

    def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
        frame = frame.astype(object)
        return frame.where(frame.notna(), None).to_dict("records")

    return {
        "codings": records(store.codings(all_versions=True)),
        "memos": records(store.memos()),
        "rejections": records(store.rejections()),
    }


def suggest(store: ProjectStore, span: tuple[int, int], code: str, *, score: float = 0.8) -> str:
    with CodingRun(store, coder="model:demo@1", origin="model") as run:
        return run.add(
            [
                Coding(
                    doc_id(store),
                    span[0],
                    span[1],
                    code,
                    "model:demo@1",
                    origin="model",
                    score=score,
                )
            ]
        )[0]


def last_options(store: ProjectStore) -> dict[str, Any]:
    runs = store.coding_runs()
    return dict(json.loads(runs.iloc[-1]["options"]))


# -- code_span: exact offsets ------------------------------------------------------------


@pytest.mark.parametrize("words", ["fijn", "hebben geleerd", "coördinatie", "élke week", "😀"])
def test_code_span_keeps_exact_code_point_offsets(
    project: ProjectStore, codebook: Codebook, words: str
) -> None:
    s = CodingSession(project, codebook, "anna")
    start, end = span_of(project, words)
    cid = s.code_span(start, end, "inzicht_opgedaan", doc_id=doc_id(project))
    row = project.codings(coder="anna").iloc[0]
    assert (row["coding_id"], row["start_char"], row["end_char"]) == (cid, start, end)
    assert row["text"] == words
    assert (row["origin"], row["coder"]) == ("manual", "anna")
    opts = last_options(project)
    assert opts["action"] == "code span"
    assert (opts["start_char"], opts["end_char"], opts["code"]) == (start, end, "inzicht_opgedaan")
    assert opts["segment_id"].startswith(doc_id(project))


def test_the_segment_of_a_span_is_the_turn_it_starts_in(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = CodingSession(project, codebook, "anna")
    start, end = span_of(project, "De vrijwilligers")
    s.code_span(start, end, "bereik_vrijwilligers", doc_id=doc_id(project))
    segment_id = last_options(project)["segment_id"]
    seg = project.segments(doc_id=doc_id(project)).set_index("segment_id").loc[segment_id]
    assert seg["start_char"] <= start < seg["end_char"]


def test_overlapping_codings_are_allowed_and_the_same_one_twice_is_refused(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = CodingSession(project, codebook, "anna")
    d = doc_id(project)
    a = span_of(project, "hebben geleerd dat")
    b = span_of(project, "geleerd dat coördinatie")
    s.code_span(*a, "inzicht_opgedaan", doc_id=d)
    s.code_span(*b, "inzicht_opgedaan", doc_id=d)
    s.code_span(*a, "samenwerking", doc_id=d)
    assert len(project.codings(coder="anna")) == 3
    before = snapshot(project)
    with pytest.raises(CodingError):
        s.code_span(*a, "inzicht_opgedaan", doc_id=d)
    assert snapshot(project) == before


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 3), (5, 5), (7, 3), (0, 10_000), ("a", 3), (None, 4), (2.5, "x")],
)
def test_a_span_outside_the_text_or_empty_is_refused_and_nothing_changes(
    project: ProjectStore, codebook: Codebook, start: Any, end: Any
) -> None:
    s = CodingSession(project, codebook, "anna")
    before = (snapshot(project), len(project.coding_runs()))
    with pytest.raises(CodingError):
        s.code_span(start, end, "samenwerking", doc_id=doc_id(project))
    assert (snapshot(project), len(project.coding_runs())) == before
    assert not s.can_undo


@pytest.mark.parametrize("code", ["geen_code", "", "   ", None, 3])
def test_an_unknown_code_is_refused(project: ProjectStore, codebook: Codebook, code: Any) -> None:
    s = CodingSession(project, codebook, "anna")
    with pytest.raises(CodingError):
        s.code_span(0, 4, code, doc_id=doc_id(project))
    assert project.codings().empty


def test_an_unknown_document_or_one_replaced_by_a_newer_version_is_refused(
    project: ProjectStore, codebook: Codebook, tmp_path: Path
) -> None:
    s = CodingSession(project, codebook, "anna")
    with pytest.raises(CodingError, match="not in the store"):
        s.code_span(0, 4, "samenwerking", doc_id="nope")
    old = doc_id(project)
    folder = tmp_path / "again"
    folder.mkdir()
    (folder / "P01_2018.txt").write_text(TEXTS["P01_2018.txt"] + "R: Nog iets.\n", encoding="utf-8")
    ingest(project, folder, progress=False)
    assert doc_id(project) != old
    with pytest.raises(CodingError, match="replaced by a newer"):
        s.code_span(0, 4, "samenwerking", doc_id=old)
    assert project.codings().empty


# -- resize and remove -------------------------------------------------------------------


def test_resize_keeps_code_and_memo_and_undo_redo_are_exact(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = CodingSession(project, codebook, "anna")
    d = doc_id(project)
    cid = s.code_span(*span_of(project, "geleerd"), "inzicht_opgedaan", doc_id=d)
    s.set_coding_memo(cid, "kern")
    before = snapshot(project)
    new = s.resize_coding(cid, *span_of(project, "hebben geleerd dat coördinatie"))
    row = project.codings(coder="anna").iloc[0]
    assert row["coding_id"] == new != cid
    assert (row["text"], row["code"], row["memo"]) == (
        "hebben geleerd dat coördinatie",
        "inzicht_opgedaan",
        "kern",
    )
    after = snapshot(project)
    s.undo()
    assert snapshot(project) == before
    s.redo()
    assert snapshot(project) == after
    # the same span: nothing to do, no run
    runs = len(project.coding_runs())
    assert s.resize_coding(new, *span_of(project, "hebben geleerd dat coördinatie")) == new
    assert len(project.coding_runs()) == runs
    with pytest.raises(CodingError):
        s.resize_coding(new, 3, 2)


def test_remove_and_its_undo_and_redo(project: ProjectStore, codebook: Codebook) -> None:
    s = CodingSession(project, codebook, "anna")
    cid = s.code_span(*span_of(project, "fijn"), "samenwerking", doc_id=doc_id(project))
    before = snapshot(project)
    s.remove_coding(cid)
    assert project.codings().empty
    assert last_options(project)["action"] == "remove"
    s.undo()
    assert snapshot(project) == before
    s.redo()
    assert project.codings().empty
    with pytest.raises(CodingError, match="no longer in the store"):
        s.remove_coding(cid)


def test_another_coders_coding_cannot_be_resized_removed_or_memoed(
    project: ProjectStore, codebook: Codebook
) -> None:
    cid = suggest(project, span_of(project, "fijn"), "samenwerking")
    s = CodingSession(project, codebook, "anna")
    before = snapshot(project)
    for act in (
        lambda: s.remove_coding(cid),
        lambda: s.resize_coding(cid, 0, 5),
        lambda: s.set_coding_memo(cid, "mijn"),
    ):
        with pytest.raises(CodingError, match="not yours"):
            act()
    assert snapshot(project) == before


# -- suggestions: accept and reject --------------------------------------------------------


@pytest.mark.parametrize(
    ("widen", "expected"),
    [
        ("span", "geleerd dat"),
        ("sentence", "Wij hebben geleerd dat coördinatie tijd kost."),
        (
            "turn",
            "Ik vond het 😀 fijn. Wij hebben geleerd dat coördinatie tijd kost. "
            "Daarna ging het beter.",
        ),
    ],
)
def test_accept_widens_to_the_sentence_or_turn(
    project: ProjectStore, codebook: Codebook, widen: str, expected: str
) -> None:
    sid = suggest(project, span_of(project, "geleerd dat"), "inzicht_opgedaan", score=0.83)
    s = CodingSession(project, codebook, "anna")
    before = snapshot(project)
    new = s.accept(sid, widen=widen)
    mine = project.codings(coder="anna")
    assert mine["coding_id"].tolist() == [new]
    assert mine["text"].iloc[0] == expected
    assert mine["memo"].iloc[0] == f"accepted {sid} from model:demo@1 (p=0.83)"
    assert mine["origin"].iloc[0] == "manual"
    opts = last_options(project)
    assert (opts["action"], opts["accepted"], opts["widen"]) == ("accept", sid, widen)
    assert s.suggestions(doc_id(project)) == []
    # the suggestion itself stays
    assert sid in set(project.codings()["coding_id"])
    s.undo()
    assert snapshot(project) == before


def test_accept_never_makes_a_duplicate(project: ProjectStore, codebook: Codebook) -> None:
    d = doc_id(project)
    sid = suggest(project, span_of(project, "geleerd dat"), "inzicht_opgedaan")
    s = CodingSession(project, codebook, "anna")
    # an own coding covering it already: refused, nothing changes
    own = s.code_span(
        *span_of(project, "hebben geleerd dat coördinatie"), "inzicht_opgedaan", doc_id=d
    )
    before = snapshot(project)
    with pytest.raises(CodingError, match="already has code"):
        s.accept(sid)
    assert snapshot(project) == before
    # an own coding overlapping part of it: merged into one (their union)
    s.remove_coding(own)
    s.code_span(*span_of(project, "hebben geleerd"), "inzicht_opgedaan", doc_id=d)
    s.accept(sid)
    mine = project.codings(coder="anna")
    assert mine["text"].tolist() == ["hebben geleerd dat"]
    with pytest.raises(CodingError):
        s.accept(sid)
    with pytest.raises(CodingError):
        s.accept(mine["coding_id"].iloc[0])  # one's own coding
    with pytest.raises(CodingError):
        s.accept(sid, widen="paragraph")
    with pytest.raises(CodingError, match="no longer in the store"):
        s.accept("c-none")


def test_reject_is_recorded_not_offered_again_and_undone(
    project: ProjectStore, codebook: Codebook
) -> None:
    sid = suggest(project, span_of(project, "fijn"), "samenwerking")
    s = CodingSession(project, codebook, "anna")
    assert [c.coding_id for c in s.suggestions(doc_id(project))] == [sid]
    before = snapshot(project)
    s.reject(sid, "  te vaag ")
    rej = project.rejections()
    assert rej[["coding_id", "code", "rejected_by", "reason", "suggested_by"]].to_dict(
        "records"
    ) == [
        {
            "coding_id": sid,
            "code": "samenwerking",
            "rejected_by": "anna",
            "reason": "te vaag",
            "suggested_by": "model:demo@1",
        }
    ]
    assert rej["rejected_at"].iloc[0]
    assert s.suggestions(doc_id(project)) == []
    # a new session of the same coder does not offer it either; another coder's does
    assert CodingSession(project, codebook, "anna").suggestions(doc_id(project)) == []
    assert len(CodingSession(project, codebook, "bert").suggestions(doc_id(project))) == 1
    with pytest.raises(CodingError, match="already"):
        s.reject(sid)
    s.undo()
    assert snapshot(project) == before
    s.redo()
    assert len(project.rejections()) == 1
    own = s.code_span(0, 3, "samenwerking", doc_id=doc_id(project))
    with pytest.raises(CodingError, match="your own"):
        s.reject(own)


# -- code hits, add code -----------------------------------------------------------------


def test_code_hits_codes_every_hit_once_in_one_undo_step(
    project: ProjectStore, codebook: Codebook
) -> None:
    from sokwal_monitor import search

    hits = search(project, "vrijwilligers")
    assert len(hits) == 3
    s = CodingSession(project, codebook, "anna")
    before = snapshot(project)
    assert s.code_hits(hits, "bereik_vrijwilligers") == 3
    mine = project.codings(coder="anna")
    assert sorted(mine["text"]) == ["vrijwilligers"] * 3
    assert set(zip(mine["doc_id"], mine["start_char"], mine["end_char"], strict=True)) == set(
        zip(hits["doc_id"], hits["start_char"], hits["end_char"], strict=True)
    )
    assert last_options(project)["n_hits"] == 3
    assert s.code_hits(hits, "bereik_vrijwilligers") == 0  # never twice
    s.undo()
    assert snapshot(project) == before
    assert s.code_hits(hits.iloc[:0], "bereik_vrijwilligers") == 0
    with pytest.raises(CodingError, match="no column"):
        s.code_hits(pd.DataFrame({"doc_id": ["x"]}), "bereik_vrijwilligers")
    bad = hits.head(1).assign(end_char=10_000)
    with pytest.raises(CodingError):
        s.code_hits(bad, "bereik_vrijwilligers")
    assert project.codings().empty


def test_add_code_is_a_new_codebook_version_with_who_and_when(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = CodingSession(project, codebook, "anna")
    n_books = len(project.codebooks())
    assert s.add_code("buurtgevoel", "Samen een buurt.", "uitkomsten") == "buurtgevoel"
    kept = project.codebook()
    assert kept["buurtgevoel"].parent == "uitkomsten"
    assert str(kept.version) != str(codebook.version)
    assert len(project.codebooks()) == n_books + 1
    run = project.coding_runs().iloc[-1]
    assert (run["coder"], json.loads(run["options"])["code"]) == ("anna", "buurtgevoel")
    assert run["codebook_sha256"] == project.codebooks()["sha256"].iloc[-1]
    assert run["started_at"]
    s.code_span(*span_of(project, "fijn"), "buurtgevoel", doc_id=doc_id(project))
    for name in ("buurtgevoel", "", "twee woorden", "a/b", None):
        with pytest.raises(CodingError):
            s.add_code(name)  # type: ignore[arg-type]
    with pytest.raises(CodingError, match="no code"):
        s.add_code("nieuw", parent="bestaat_niet")
    s.undo()  # the coding
    s.undo()  # the code
    assert "buurtgevoel" not in s.codebook
    with pytest.raises(CodingError):
        s.code_span(*span_of(project, "fijn"), "buurtgevoel", doc_id=doc_id(project))
    s.redo()
    assert "buurtgevoel" in s.codebook


# -- memos -------------------------------------------------------------------------------


def test_memos_on_codings_segments_documents_and_codes_with_undo(
    project: ProjectStore, codebook: Codebook
) -> None:
    s = CodingSession(project, codebook, "anna")
    cid = s.code_span(*span_of(project, "fijn"), "samenwerking", doc_id=doc_id(project))
    start = snapshot(project)
    s.set_coding_memo(cid, " Kost tijd 😀 ")
    s.set_memo("Over het café.")
    s.set_document_memo("Kort interview.")
    s.set_code_memo("samenwerking", "Ook informeel.")
    assert project.codings(coder="anna")["memo"].tolist() == ["Kost tijd 😀"]
    assert s.memo == "Over het café."
    assert s.document_memo() == "Kort interview."
    assert s.code_memo("samenwerking") == "Ook informeel."
    memos = project.memos()
    assert set(memos["author"]) == {"anna"}
    assert {"document", "code"} <= set(memos["target_kind"])
    full = snapshot(project)
    for _ in range(4):
        s.undo()
    assert snapshot(project) == start
    for _ in range(4):
        s.redo()
    assert snapshot(project) == full
    s.set_document_memo("")
    assert s.document_memo() == ""
    with pytest.raises(CodingError):
        s.set_code_memo("geen_code", "x")
    with pytest.raises(CodingError):
        s.set_document_memo(3)  # type: ignore[arg-type]


# -- the pane's Python side ----------------------------------------------------------------


@pytest.fixture
def pane(project: ProjectStore, codebook: Codebook) -> CodingPane:
    return CodingPane(project, codebook, "anna", role="respondent")


def test_the_pane_shows_the_document_turn_by_turn(pane: CodingPane) -> None:
    assert pane.doc["path"] == "P01_2018.txt"
    assert [t["role"] for t in pane.turns] == [
        "interviewer",
        "respondent",
        "interviewer",
        "respondent",
    ]
    text = pane.store.text(pane.doc_id or "")
    assert all(text[t["start"] : t["end"]] == t["text"] for t in pane.turns)
    assert pane.current == pane.turns[1]["id"]
    assert [c["key"] for c in pane.codes[:10]] == list("1234567890")
    assert pane.status["error"] is False


def test_the_pane_codes_a_span_and_undoes_through_messages(pane: CodingPane) -> None:
    store = pane.store
    start, end = span_of(store, "coördinatie")
    seq = pane.status["seq"]
    pane.handle({"action": "code", "code": "samenwerking", "start": start, "end": end})
    assert pane.status["seq"] > seq and not pane.status["error"]
    assert pane.status["message"] == "Coded 'samenwerking': «coördinatie»."
    assert [(c["start"], c["end"], c["mine"]) for c in pane.codings] == [(start, end, True)]
    counts = {c["name"]: c["n_doc"] for c in pane.codes}
    assert counts["samenwerking"] == 1
    pane.handle({"action": "undo"})
    assert pane.codings == [] and store.codings().empty
    assert pane.status["message"].startswith("Undid")
    pane.handle({"action": "redo"})
    assert len(store.codings()) == 1


def test_the_pane_accepts_rejects_and_searches(pane: CodingPane) -> None:
    store = pane.store
    sid = suggest(store, span_of(store, "fijn"), "samenwerking")
    other = suggest(store, span_of(store, "geleerd dat"), "inzicht_opgedaan")
    pane.handle({"action": "refresh"})
    assert {c["id"] for c in pane.codings if c["open"]} == {sid, other}
    pane.handle({"action": "accept", "id": sid, "widen": "sentence"})
    assert store.codings(coder="anna")["text"].tolist() == ["Ik vond het 😀 fijn."]
    pane.handle({"action": "reject", "id": other, "reason": "nee"})
    assert store.rejections()["coding_id"].tolist() == [other]
    assert not any(c["open"] for c in pane.codings)
    pane.handle({"action": "search", "query": "vrijwilligers"})
    assert len(pane.hits["rows"]) == 3
    assert all(r["hit"].lower() == "vrijwilligers" for r in pane.hits["rows"])
    pane.handle({"action": "code_hits", "code": "bereik_vrijwilligers"})
    assert pane.status["message"].startswith("Coded 3 search hits")
    hit = pane.hits["rows"][2]
    pane.handle({"action": "goto", "id": hit["segment_id"]})
    assert pane.doc["path"] == hit["path"] == "P02_2019.txt"


def test_the_pane_writes_memos_and_adds_codes(pane: CodingPane) -> None:
    cid_start, cid_end = span_of(pane.store, "fijn")
    pane.handle({"action": "code", "code": "samenwerking", "start": cid_start, "end": cid_end})
    cid = pane.codings[0]["id"]
    for m in (
        {"kind": "coding", "id": cid, "text": "a"},
        {"kind": "segment", "text": "b"},
        {"kind": "document", "text": "c"},
        {"kind": "code", "code": "samenwerking", "text": "d"},
    ):
        pane.handle({"action": "memo", **m})
        assert pane.status == {**pane.status, "error": False, "message": "Memo saved."}
    assert (pane.memos["segment"], pane.memos["document"]) == ("b", "c")
    pane.handle({"action": "memo_read", "kind": "code", "code": "samenwerking"})
    assert pane.memos["code"] == "d"
    pane.handle({"action": "add_code", "name": "buurtgevoel", "parent": "uitkomsten"})
    assert not pane.status["error"]
    assert "buurtgevoel" in [c["name"] for c in pane.codes]


MALFORMED: list[dict[str, Any]] = [
    {},
    {"action": None},
    {"action": "explode"},
    {"action": "__init__"},
    {"action": "_push"},
    {"action": "code"},
    {"action": "code", "code": "samenwerking", "start": "x", "end": 4},
    {"action": "code", "code": "samenwerking", "start": 4, "end": None},
    {"action": "code", "code": "samenwerking", "start": -5, "end": 4},
    {"action": "code", "code": "samenwerking", "start": 4, "end": 10**9},
    {"action": "code", "code": "samenwerking", "start": 9, "end": 9},
    {"action": "code", "code": "geen_code", "start": 3, "end": 9},
    {"action": "code", "code": ["samenwerking"], "start": 3, "end": 9},
    {"action": "resize", "id": "c-none", "start": 1, "end": 2},
    {"action": "resize", "id": "c-none"},
    {"action": "remove", "id": None},
    {"action": "accept", "id": "c-none"},
    {"action": "accept", "id": "c-none", "widen": "alles"},
    {"action": "reject", "id": 12},
    {"action": "memo", "kind": "planet", "text": "x"},
    {"action": "memo", "kind": "coding", "id": "c-none", "text": "x"},
    {"action": "memo", "kind": "code", "code": "geen_code", "text": "x"},
    {"action": "add_code", "name": "twee woorden"},
    {"action": "add_code"},
    {"action": "undo"},
    {"action": "redo"},
    {"action": "goto", "id": "nope"},
    {"action": "goto"},
    {"action": "open_document", "doc_id": "nope"},
    {"action": "search", "query": '"unclosed'},
    {"action": "search", "query": "AND OR NOT"},
    {"action": "search", "query": "x", "coded": "misschien", "role": ["a"]},
    {"action": "code_hits", "code": "geen_code"},
]


@pytest.mark.parametrize("message", MALFORMED, ids=lambda m: json.dumps(m)[:60])
def test_malformed_messages_never_crash_and_change_nothing(
    pane: CodingPane, message: dict[str, Any]
) -> None:
    store = pane.store
    before = snapshot(store)
    seq = pane.status["seq"]
    pane.handle(message)  # never raises
    assert pane.status["seq"] > seq
    assert snapshot(store) == before
    if message.get("action") not in ("search", "undo", "redo"):
        assert pane.status["error"] is True, pane.status
        assert pane.status["message"]
        assert "Traceback" not in pane.status["message"]


@pytest.mark.parametrize("content", [None, "code", 3, ["code"], {"action": "explode"}])
def test_the_comm_handler_takes_any_content(pane: CodingPane, content: Any) -> None:
    seq = pane.status["seq"]
    pane._on_msg(pane, content, [])
    assert pane.status["error"] and pane.status["seq"] > seq


def test_a_message_with_the_wrong_types_is_reported(pane: CodingPane) -> None:
    pane.handle({"action": "code", "code": "samenwerking", "start": [1], "end": {"a": 1}})
    assert pane.status["error"] and "offsets" in pane.status["message"]
    pane.handle(["code"])  # type: ignore[arg-type]
    assert pane.status["error"]
