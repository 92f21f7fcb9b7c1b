"""Designlab boards back into the store, what the boards agree on, and the codebook.

Boards are written as JSON fixtures in the format of ``docs/designlab.md`` (what the
sorting board exports): cards with their spans and text fingerprints, the card set id
computed from them, groups with name, colour, votes, note and card ids.
"""

from __future__ import annotations

import hashlib
import json
import math
import shutil
from pathlib import Path
from typing import Any

import pytest

import sokwal_monitor as sm
from sokwal_monitor import ProjectStore
from sokwal_monitor.coding.base import coding_id
from sokwal_monitor.designlab import (
    ALL_RATERS,
    accept_candidates,
    card_set_id,
    designlab_report,
    import_board,
    pair_table,
    pairwise_agreement,
    session_summary,
)
from sokwal_monitor.errors import BoardError, CodebookError

SESSION = "mei 2024"


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def lab(tmp_path: Path, corpus: Path) -> tuple[Path, list[dict[str, Any]]]:
    """A store with the corpus, a researcher's codings, and six cards of respondent turns."""
    path = tmp_path / "lab.sokwal"
    sm.ingest(path, corpus)
    with ProjectStore(path) as store:
        segs = store.segments(with_metadata=True)
        segs = segs[(segs["role"] == "respondent") & (segs["end_char"] > segs["start_char"] + 20)]
        segs = segs.sort_values("segment_id").head(6)
        cards = []
        for i, seg in enumerate(segs.itertuples(), start=1):
            cards.append(
                {
                    "card_id": f"K{i:02d}",
                    "doc_id": seg.doc_id,
                    "start_char": int(seg.start_char),
                    "end_char": int(seg.end_char),
                    "sha256": _sha(seg.text),
                }
            )
        # the researcher: K01, K02 "knelpunten"; K03 "vrijwilligers_werven"; others uncoded
        rows = []
        for card, code in (
            (cards[0], "knelpunten"),
            (cards[1], "knelpunten"),
            (cards[2], "vrijwilligers_werven"),
        ):
            cid = coding_id(card["doc_id"], card["start_char"], card["end_char"], code, "anna")
            rows.append(
                (
                    cid,
                    card["doc_id"],
                    None,
                    card["start_char"],
                    card["end_char"],
                    code,
                    "anna",
                    "manual",
                    None,
                    "",
                    "",
                    None,
                    "2024-01-01T00:00:00+00:00",
                )
            )
        with store.transaction():
            store.insert_codings(rows)
    return path, cards


def board(cards: list[dict[str, Any]], name: str, groups: list[dict[str, Any]]) -> dict[str, Any]:
    placed = {c for g in groups for c in g["cards"]}
    return {
        "format": "sokwal-board",
        "version": 1,
        "set_id": card_set_id(cards),
        "board": name,
        "exported_at": "2024-05-01T11:32:05.120Z",
        "cards": cards,
        "groups": [
            {
                "group_id": f"g{i}",
                "colour": "#f6c85f",
                "x": 10,
                "y": 20,
                "votes": 0,
                "note": "",
                **g,
            }
            for i, g in enumerate(groups, start=1)
        ],
        "pile": [c["card_id"] for c in cards if c["card_id"] not in placed],
    }


def write(tmp_path: Path, doc: Any, name: str = "bord.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return path


def two_boards(tmp_path: Path, cards: list[dict[str, Any]]) -> tuple[Path, Path]:
    a = board(
        cards,
        "tafel 1",
        [
            {"name": "Samen leren", "cards": ["K01", "K02"], "votes": 3, "note": "Belangrijk"},
            {"name": "Vrijwilligers Wérven", "cards": ["K03", "K04"], "votes": 1},
        ],
    )
    b = board(
        cards,
        "tafel 2",
        [
            {"name": "samen  leren", "cards": ["K01", "K02"], "votes": 2},
            {"name": "Geld", "cards": ["K03"]},
            {"name": "", "cards": ["K04"]},
        ],
    )
    return write(tmp_path, a, "a.json"), write(tmp_path, b, "b.json")


def test_two_boards_become_codings_with_exact_spans(tmp_path, lab):
    path, cards = lab
    a, b = two_boards(tmp_path, cards)
    ra = import_board(path, a, session=SESSION)
    rb = import_board(path, b, session=SESSION)
    assert ra.coder == "designlab:mei 2024:tafel 1" and rb.coder == "designlab:mei 2024:tafel 2"
    assert ra.codings_added == 4 and rb.codings_added == 3 and rb.unnamed == ["g3"]
    with ProjectStore(path) as store:
        got = store.codings(coder=[ra.coder, rb.coder])
        texts = {d: store.document_text(d) for d in store.documents()["doc_id"]}
        spans = {c["card_id"]: (c["doc_id"], c["start_char"], c["end_char"]) for c in cards}
        want = {
            (ra.coder, "Samen leren", spans["K01"]),
            (ra.coder, "Samen leren", spans["K02"]),
            (ra.coder, "vrijwilligers_werven", spans["K03"]),
            (ra.coder, "vrijwilligers_werven", spans["K04"]),
            (rb.coder, "Samen leren", spans["K01"]),
            (rb.coder, "Samen leren", spans["K02"]),
            (rb.coder, "Geld", spans["K03"]),
        }
        assert {
            (r.coder, r.code, (r.doc_id, r.start_char, r.end_char)) for r in got.itertuples()
        } == want
        assert set(got["origin"]) == {"manual"}
        for r in got.itertuples():  # the coding's text is the card's text
            assert _sha(texts[r.doc_id][r.start_char : r.end_char]) in {c["sha256"] for c in cards}
        assert got["segment_id"].notna().all()


def test_import_twice_changes_nothing(tmp_path, lab):
    path, cards = lab
    a, _ = two_boards(tmp_path, cards)
    import_board(path, a, session=SESSION)
    before = path.read_bytes()
    again = import_board(path, a, session=SESSION)
    assert again.unchanged and again.codings_added == 0
    assert path.read_bytes() == before


def test_board_changed_after_import_replaces_what_it_said(tmp_path, lab):
    path, cards = lab
    a, _ = two_boards(tmp_path, cards)
    first = import_board(path, a, session=SESSION)
    changed = json.loads(a.read_text(encoding="utf-8"))
    changed["groups"][0]["cards"] = ["K01"]
    changed["groups"][0]["note"] = ""
    changed["pile"].append("K02")
    result = import_board(path, write(tmp_path, changed, "a2.json"), session=SESSION)
    assert result.codings_removed == 1 and result.codings_added == 0
    with ProjectStore(path) as store:
        assert len(store.codings(coder=first.coder)) == 3


def _refused(path: Path, board_path: Path, match: str, **kwargs: Any) -> None:
    before = path.read_bytes()
    with pytest.raises(BoardError, match=match) as err:
        import_board(path, board_path, session=SESSION, **kwargs)
    assert str(board_path) in err.value.message
    assert path.read_bytes() == before


def test_board_for_another_card_set_is_refused(tmp_path, lab):
    path, cards = lab
    a, _ = two_boards(tmp_path, cards)
    import_board(path, a, session=SESSION)
    other = board(cards[:5], "tafel 3", [{"name": "Samen leren", "cards": ["K01", "K02"]}])
    _refused(path, write(tmp_path, other), "card set")
    _refused(path, a, "card set", card_set="ks-000000000000")


def test_card_whose_text_changed_is_refused(tmp_path, lab):
    path, cards = lab
    changed = [dict(c) for c in cards]
    changed[2]["sha256"] = _sha("een andere tekst")
    doc = board(changed, "tafel 1", [{"name": "X", "cards": ["K03"]}])
    _refused(path, write(tmp_path, doc), "text of card K03 has changed")


def _hostile() -> list[tuple[str, Any, str]]:
    return [
        ("not json", "{nee", "not a valid JSON"),
        ("a list", [], "must be an object"),
        ("other format", {"format": "iets"}, "not a sorting board"),
        ("start is text", ("cards", 0, "start_char", "12"), "whole number"),
        ("start is true", ("cards", 0, "start_char", True), "whole number"),
        ("huge number", ("cards", 0, "end_char", 10**40), "outside 0"),
        ("negative", ("cards", 0, "start_char", -1), "outside 0"),
        ("NaN votes", "NaN", "not a valid JSON"),
        ("html in a name", ("groups", 0, "name", "<script>alert(1)</script>"), "HTML"),
        ("html in board", ("board", None, None, "<b>x</b>"), "HTML"),
        ("unknown card", ("groups", 0, "cards", ["K01", "K99"]), "unknown card ids: K99"),
        ("votes text", ("groups", 0, "votes", "veel"), "whole number"),
        ("control chars", ("groups", 0, "note", "a\x00b"), "control characters"),
        ("colour", ("groups", 0, "colour", "red;x:url(y)"), "colour"),
        ("bad sha", ("cards", 0, "sha256", "abc"), "64 hex"),
        ("id mismatch", ("set_id", None, None, "ks-123456789abc"), "do not make card set"),
    ]


@pytest.mark.parametrize(("what", "change", "match"), _hostile(), ids=[h[0] for h in _hostile()])
def test_hostile_boards_are_refused(tmp_path, lab, what, change, match):
    path, cards = lab
    doc = board(cards, "tafel 1", [{"name": "Samen", "cards": ["K01", "K02"], "votes": 1}])
    if isinstance(change, str):
        text = change if change != "NaN" else json.dumps(doc).replace('"votes": 1', '"votes": NaN')
        target = tmp_path / "bord.json"
        target.write_text(text, encoding="utf-8")
    elif isinstance(change, tuple):
        key, index, field, value = change
        if index is None:
            doc[key] = value
        else:
            doc[key][index][field] = value
        if key == "cards" and field != "sha256":  # keep the set id in step: the field is checked
            doc["set_id"] = "ks-" + "0" * 12
        target = write(tmp_path, doc)
    else:
        target = write(tmp_path, change)
    _refused(path, target, match)


def test_offsets_outside_the_text_and_unknown_documents_are_refused(tmp_path, lab):
    path, cards = lab
    far = [dict(c) for c in cards]
    far[0]["end_char"] = 10_000_000
    _refused(path, write(tmp_path, board(far, "t", [{"name": "X", "cards": ["K01"]}])), "outside")
    gone = [dict(c) for c in cards]
    gone[0]["doc_id"] = "ffffffffffffffff"
    _refused(
        path,
        write(tmp_path, board(gone, "t", [{"name": "X", "cards": ["K01"]}])),
        "not in this store",
    )


def test_too_large_a_file_is_refused(tmp_path, lab, monkeypatch):
    path, cards = lab
    from sokwal_monitor.designlab import board_file

    monkeypatch.setattr(board_file, "MAX_BOARD_BYTES", 100)
    target = write(tmp_path, board(cards, "t", []))
    _refused(path, target, "too large")


def test_candidate_codes_and_mapping(tmp_path, lab):
    path, cards = lab
    a, b = two_boards(tmp_path, cards)
    ra = import_board(path, a, session=SESSION)
    assert ra.mapped == {"Vrijwilligers Wérven": "vrijwilligers_werven"}
    assert ra.candidates == ["Samen leren"] and ra.new_candidates == ["Samen leren"]
    rb = import_board(path, b, session=SESSION, mapping={"Geld": "Knelpunten"})
    # "samen  leren" is the candidate of tafel 1; "Geld" mapped explicitly (case ignored)
    assert rb.candidates == ["Samen leren"] and rb.new_candidates == []
    assert rb.mapped == {"Geld": "knelpunten"}
    with ProjectStore(path) as store:
        cand = store.candidate_codes()
        assert list(cand["code"]) == ["Samen leren"] and list(cand["status"]) == ["candidate"]
        assert (cand["session"].iloc[0], cand["board"].iloc[0]) == (SESSION, "tafel 1")
        assert "Samen leren" not in [c.name for c in sm.load_codebook()]
        assert "candidate_codes" in sm.store.table_names()


def test_votes_and_notes_become_memos(tmp_path, lab):
    path, cards = lab
    a, _ = two_boards(tmp_path, cards)
    result = import_board(path, a, session=SESSION)
    with ProjectStore(path) as store:
        memos = store.memos()
        mine = memos[memos["author"] == result.coder]
        assert set(mine["target_kind"]) == {"code"}
        by_code = dict(zip(mine["target"], mine["text"], strict=True))
        assert (
            "3 stemmen" in by_code["Samen leren"]
            and "Notitie: Belangrijk" in by_code["Samen leren"]
        )
        assert "1 stem." in by_code["vrijwilligers_werven"]
        groups = store.designlab_groups(SESSION)
        assert list(groups["votes"]) == [3, 1] and list(groups["note"]) == ["Belangrijk", ""]


def test_agreement_on_a_constructed_case():
    boards = {"A": [{"K1", "K2"}, {"K3", "K4"}], "B": [{"K1", "K2"}, {"K3"}, {"K4"}]}
    pairs = pair_table(boards, ["K1", "K2", "K3", "K4"])
    assert list(pairs["A"]) == [1, 0, 0, 0, 0, 1] and list(pairs["B"]) == [1, 0, 0, 0, 0, 0]
    row = pairwise_agreement(pairs, ["A", "B"]).iloc[0]
    assert row["n_pairs"] == 6 and row["n_together_any"] == 2
    assert row["percent_agreement"] == pytest.approx(5 / 6)
    # nominal alpha by hand: n = 12 values (3 ones), one disagreeing pair of values:
    # D_o = 2/12, D_e = 2*9*3/(12*11), alpha = 1 - D_o/D_e = 16/27
    assert row["krippendorff_alpha"] == pytest.approx(16 / 27)
    # a card on the pile says nothing about its pairs
    pile = pair_table({"A": [{"K1", "K2"}], "B": [{"K1", "K2", "K3"}]}, ["K1", "K2", "K3"])
    assert math.isnan(pile.loc[1, "A"]) and pile["n_placed"].tolist() == [2, 1, 1]
    three = pairwise_agreement(
        pair_table({**boards, "C": boards["A"]}, ["K1", "K2", "K3", "K4"]), ["A", "B", "C"]
    )
    assert three["rater_a"].iloc[-1] == ALL_RATERS


def test_session_summary_and_report(tmp_path, lab):
    path, cards = lab
    a, b = two_boards(tmp_path, cards)
    import_board(path, a, session=SESSION)
    import_board(path, b, session=SESSION)
    summary = session_summary(path, SESSION)
    assert summary.boards == ["tafel 1", "tafel 2"] and summary.researcher == "anna"
    # both boards put K01 and K02 together; K03-K04 together on tafel 1 only
    assert [(r.card_a, r.card_b) for r in summary.together.itertuples()] == [("K01", "K02")]
    assert ("K03", "K04") in {(r.card_a, r.card_b) for r in summary.split.itertuples()}
    boards_row = summary.agreement.iloc[0]
    assert (boards_row["rater_a"], boards_row["rater_b"]) == ("tafel 1", "tafel 2")
    # placed on both: K01..K04 (tafel 2's unnamed group holds K04): 6 pairs, one differs
    assert boards_row["n_pairs"] == 6 and boards_row["percent_agreement"] == pytest.approx(5 / 6)
    assert boards_row["krippendorff_alpha"] == pytest.approx(16 / 27)
    # anna: {K01,K02} knelpunten, {K03}, rest alone = tafel 2 on its pairs: full agreement
    anna = summary.agreement[summary.agreement["rater_b"] == "codes van anna"]
    assert anna.set_index("rater_a").loc["tafel 2", "krippendorff_alpha"] == pytest.approx(1.0)
    assert list(summary.top_groups["votes"]) == [3, 2, 1]
    assert list(summary.new_codes["code"]) == ["Samen leren", "Geld"]
    merge = summary.merges.iloc[0]
    assert merge["suggestion"] == "Samen leren" and merge["boards"] == ["tafel 1", "tafel 2"]
    page = designlab_report(path, SESSION, tmp_path / "out")
    text = page.read_text(encoding="utf-8")
    assert page.name == "designlab-mei-2024.html" and '<html lang="nl">' in text
    assert "Designlab-sessie mei 2024" in text and "Voorstellen voor het codeboek" in text
    assert "0.593" in text and "http://" not in text and "https://" not in text


def test_report_escapes_what_the_board_says(tmp_path, lab):
    path, cards = lab
    doc = board(
        cards,
        "tafel & co",
        [
            {
                "name": 'Ik & jij "samen"',
                "cards": ["K01", "K02"],
                "note": "'kan' & <mag> niet",
                "votes": 1,
            }
        ],
    )
    with pytest.raises(BoardError):  # '<' in a note is fine as text, but check the name rule
        import_board(path, write(tmp_path, {**doc, "board": "<i>x</i>"}), session=SESSION)
    import_board(path, write(tmp_path, doc), session=SESSION)
    text = designlab_report(path, SESSION, tmp_path / "r.html").read_text(encoding="utf-8")
    assert (
        "&lt;mag&gt;" in text and "<mag>" not in text and "Ik &amp; jij &quot;samen&quot;" in text
    )


def test_accept_candidates_writes_a_new_codebook_version(tmp_path, lab):
    path, cards = lab
    a, b = two_boards(tmp_path, cards)
    import_board(path, a, session=SESSION)
    import_board(path, b, session=SESSION)
    with pytest.raises(CodebookError, match="not an open candidate"):
        accept_candidates(path, ["Onbekend"], author="anna")
    done = accept_candidates(
        path,
        ["Samen leren"],
        author="anna",
        merge={"Geld": "knelpunten"},
        path=tmp_path / "codeboek.yaml",
    )
    assert done.added == ["Samen leren"] and done.merged == {"Geld": "knelpunten"}
    assert done.codebook["Samen leren"].definition.startswith("Voorgesteld in designlab-sessie")
    assert "Belangrijk" in done.codebook["Samen leren"].definition
    assert sm.load_codebook(done.path)["Samen leren"].name == "Samen leren"
    default = sm.load_codebook()
    assert done.codebook.version == int(default.version) + 1
    with ProjectStore(path) as store:
        versions = store.codebook_versions()
        assert list(versions["author"]) == ["anna"] and versions["sha256"].iloc[0] == done.sha256
        assert store.codebook(done.sha256)["Samen leren"].name == "Samen leren"
        cand = store.candidate_codes().set_index("code")
        assert cand.loc["Samen leren", "status"] == "accepted"
        assert cand.loc["Geld", "merged_into"] == "knelpunten"
        assert cand.loc["Samen leren", "codebook_sha256"] == done.sha256
    with pytest.raises(CodebookError):
        accept_candidates(path, ["Samen leren"], author="anna")  # decided already


def test_cli_board_import(tmp_path, lab, sokwal):
    path, cards = lab
    a, _ = two_boards(tmp_path, cards)
    done = sokwal("board", "import", a, "--store", path, "--session", SESSION)
    assert done.returncode == 0, done.stderr
    assert "4 codings added" in done.stdout
    again = sokwal("board", "import", a, "--store", path, "--session", SESSION)
    assert again.returncode == 0 and "nothing changed" in again.stdout
    bad = write(tmp_path, {"format": "sokwal-board", "version": 2}, "bad.json")
    refused = sokwal("board", "import", bad, "--store", path, "--session", SESSION)
    assert refused.returncode == 2
    assert refused.stderr.strip().splitlines()[-1].startswith(f"error: {bad}: board format")
    report = sokwal(
        "board", "report", "--store", path, "--session", SESSION, "--out", tmp_path / "rapport"
    )
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "rapport" / "designlab-mei-2024.html").exists()


def test_report_in_chromium(tmp_path, lab):
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium")
    if chromium is None:
        pytest.skip("chromium is not installed")
    path, cards = lab
    a, b = two_boards(tmp_path, cards)
    import_board(path, a, session=SESSION)
    import_board(path, b, session=SESSION)
    page_path = designlab_report(path, SESSION, tmp_path)
    requests: list[str] = []
    errors: list[str] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.on("request", lambda r: requests.append(r.url))
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(page_path.as_uri())
        assert page.locator("h1").inner_text() == "Designlab-sessie mei 2024"
        assert page.locator(".group").count() == 5
        page.screenshot(path=str(tmp_path / "rapport.png"), full_page=True)
        browser.close()
    assert [r for r in requests if not r.startswith("file:")] == [] and errors == []
