"""Card sets, printable cards and the files of ``sokwal cards`` on the pseudonymized sample.

The card set is reproducible with a seed and balanced over projects and waves; every
card is an exact span of the store's text with its SHA-256; nothing of the sample's gold
list of personal data is on a card, in the board, the CSV, the JSON or the PDF; a store
that is not pseudonymized is refused. The PDF of 50 cards has 7 pages and every card's
text is whole on one page (pypdf reads each page's text).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pandas as pd
import pytest
from gold import leaked
from pypdf import PdfReader
from shared import copy_of

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.designlab import (
    CardSet,
    DesignlabError,
    card_set,
    card_set_id,
    cards_pdf,
    text_sha256,
    write_cards,
)
from sokwal_monitor.designlab.pdf import ID_PT, MIN_TEXT_PT


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory, coded_sample: Path) -> Path:
    """This module's copy of the sample, ingested with ``--pseudonymize`` and coded."""
    return copy_of(coded_sample, tmp_path_factory.mktemp("designlab") / "s") / "sample.sokwal"


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_reproducible_and_balanced(sample_store: Path) -> None:
    one = card_set(sample_store, sample=27, seed=5)
    two = card_set(sample_store, sample=27, seed=5)
    pd.testing.assert_frame_equal(one.cards, two.cards)
    assert one.set_id == two.set_id == card_set_id(one.cards)
    other = card_set(sample_store, sample=27, seed=6)
    assert other.set_id != one.set_id
    assert list(one.cards["card_id"]) == [f"K{i:02d}" for i in range(1, 28)]
    # 9 project-wave groups in the sample, each with enough turns: 3 cards each
    sizes = one.cards.groupby(["project_id", "wave"]).size()
    assert len(sizes) == 9 and set(sizes) == {3}
    assert set(one.cards["role"]) <= {"respondent", ""}
    assert one.warnings == [] and one.pseudonymized


def test_cards_are_exact_spans_of_whole_sentences(sample_store: Path) -> None:
    cards = card_set(sample_store, seed=1)  # every candidate
    assert len(cards) > 100 and cards.cards["card_id"].iloc[0] == "K001"
    with ProjectStore(sample_store, create=False) as store:
        for card in cards.cards.itertuples():
            text = store.text(card.doc_id)
            assert text[card.start_char : card.end_char] == card.text
            assert text_sha256(card.text) == card.sha256
            assert len(card.text) <= 350
            if not card.cut:  # whole sentences: it ends at a sentence end or a line end
                after = text[card.end_char : card.end_char + 1]
                assert card.text[-1] in ".!?…\"')»:" or after in ("", "\n"), card.text
            assert not re.match(r"[a-z]", card.text[0]) or card.start_char == 0 or text[
                card.start_char - 2 : card.start_char
            ].strip()[-1:] in (".", "?", "!", ":", ""), card.text  # fmt: skip
    # no two cards overlap
    for _, doc in cards.cards.groupby("doc_id"):
        spans = sorted(zip(doc["start_char"], doc["end_char"], strict=True))
        assert all(b <= c for (_, b), (c, _) in pairwise(spans))


def test_code_cards_show_the_code(sample_store: Path) -> None:
    cards = card_set(sample_store, code="vrijwilligers", sample=12, balanced_by="project")
    assert len(cards) == 12 and set(cards.cards["kind"]) == {"coding"}
    with ProjectStore(sample_store, create=False) as store:
        codings = store.codings(code="vrijwilligers")
    for card in cards.cards.itertuples():
        mine = codings[codings["doc_id"] == card.doc_id]
        assert ((mine["start_char"] < card.end_char) & (mine["end_char"] > card.start_char)).any()
    with pytest.raises(DesignlabError, match="no codings of code 'geen_code'") as caught:
        card_set(sample_store, code="geen_code")
    assert "the codes with codings in this store:" in str(caught.value.hint)
    assert "vrijwilligers" in str(caught.value.hint)
    with pytest.raises(DesignlabError) as caught:  # a typo: the closest code is named first
        card_set(sample_store, code="vrijwiligers")
    assert str(caught.value.hint).startswith("did you mean 'vrijwilligers'?")
    with pytest.raises(DesignlabError, match="cannot balance by regio"):
        card_set(sample_store, sample=3, balanced_by="regio")


def test_no_personal_data_anywhere(sample_store: Path, tmp_path: Path) -> None:
    cards = card_set(sample_store, seed=2)
    with ProjectStore(sample_store, create=False) as store:
        assert leaked("\n".join(cards.cards["text"]), store) == []
        done = write_cards(cards, tmp_path / "sessie")
        for path in (done.board, done.csv, done.json):
            assert leaked(path.read_text(encoding="utf-8"), store) == [], path
        pdf_text = "\n".join(p.extract_text() for p in PdfReader(done.pdf).pages)
        assert leaked(pdf_text, store) == []


def test_not_pseudonymized_is_refused(tmp_path: Path, corpus: Path) -> None:
    with ProjectStore(tmp_path / "raw.sokwal") as store:
        ingest(store, corpus)
        with pytest.raises(DesignlabError, match="not pseudonymized"):
            card_set(store, sample=3)
        cards = card_set(store, sample=3, balanced_by="", allow_original_text=True)
    assert not cards.pseudonymized and "not pseudonymized" in cards.warnings[0]
    done = write_cards(cards, tmp_path / "try")
    assert "niet gepseudonimiseerd" in done.board.read_text(encoding="utf-8")
    assert "NIET GEPSEUDONIMISEERD" in PdfReader(done.pdf).pages[0].extract_text()


def test_pdf_fifty_cards_seven_pages_none_split(sample_store: Path, tmp_path: Path) -> None:
    assert ID_PT >= 20 and MIN_TEXT_PT >= 11
    cards = card_set(sample_store, sample=50, seed=3)
    assert len(cards) == 50
    path = cards_pdf(cards, tmp_path / "cards.pdf")
    reader = PdfReader(path)
    assert len(reader.pages) == 7
    pages = [_squash(p.extract_text()) for p in reader.pages]
    for k, card in enumerate(cards.cards.itertuples()):
        holding = [i for i, page in enumerate(pages) if _squash(card.text) in page]
        assert holding == [k // 8], (card.card_id, card.text)
        assert card.card_id in pages[k // 8]
    for page in reader.pages:
        box = page.mediabox
        assert round(float(box.width) / 72 * 25.4) == 210
        assert round(float(box.height) / 72 * 25.4) == 297


def test_pdf_long_text_is_cut_at_a_sentence(tmp_path: Path) -> None:
    long = " ".join(f"Dit is zin nummer {i} van een heel lang verhaal." for i in range(80))
    frame = pd.DataFrame(
        {"card_id": ["K01", "K02"], "project_id": "P01", "wave": "2018", "role": "",
         "text": [long, "Kort."]}
    )  # fmt: skip
    reader = PdfReader(cards_pdf(frame, tmp_path / "long.pdf"))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "K01" in text and "K02" in text and "Kort." in text
    first = text.split("K02")[0]
    assert "…" in first and "zin nummer 79" not in first
    assert re.search(r"verhaal\.\s*…", first)


def test_cardset_json_round_trip(sample_store: Path, tmp_path: Path) -> None:
    cards = card_set(sample_store, sample=10, seed=9)
    done = write_cards(cards, tmp_path)
    data = json.loads(done.json.read_text(encoding="utf-8"))
    assert data["format"] == "sokwal-cardset" and data["set_id"] == cards.set_id
    assert data["selection"]["sample"] == 10 and data["seed"] == 9
    back = CardSet.read(done.json)
    assert back.set_id == cards.set_id and len(back) == 10
    csv = pd.read_csv(done.csv, dtype=str, keep_default_na=False)
    assert list(csv["card_id"]) == list(cards.cards["card_id"])
    data["cards"][0]["text"] = "anders"
    data["cards"][0]["sha256"] = text_sha256("anders")
    done.json.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(DesignlabError, match="does not match"):
        CardSet.read(done.json)


def test_cli_cards(sample_store: Path, tmp_path: Path, sokwal: Callable) -> None:
    out = tmp_path / "sessie"
    done = sokwal("cards", "--store", str(sample_store), "--sample", "16", "--seed", "4",
                  "--balanced-by", "project,wave", "--out", str(out))  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "16 cards" in done.stdout and "2 pages" in done.stdout
    assert sorted(p.name for p in out.iterdir()) == [
        "board.html", "cards.csv", "cards.pdf", "cardset.json"
    ]  # fmt: skip
    again = card_set(sample_store, sample=16, seed=4)
    assert json.loads((out / "cardset.json").read_text(encoding="utf-8"))["set_id"] == again.set_id
    bad = sokwal("cards", "--store", str(sample_store), "--out", str(out))
    assert bad.returncode == 2 and bad.stderr.startswith("error: ")
    bad = sokwal("cards", "--store", str(sample_store), "--lessons", "--out", str(out))
    assert bad.returncode == 2 and "no lessons" in bad.stderr
