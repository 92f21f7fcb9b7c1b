"""Merging another coder's store: codings and memos by content hash, nothing shifted
onto other text, codebook differences reported, one transaction."""

from __future__ import annotations

import importlib
import shutil
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.cli import main
from sokwal_monitor.codebook import codebook_from_text
from sokwal_monitor.coding import add_memo, code_quote
from sokwal_monitor.coding.rules import code_store, rule_coder_name
from sokwal_monitor.errors import StoreError
from sokwal_monitor.merging import merge_store
from sokwal_monitor.store import ProjectStore

merge_module = importlib.import_module("sokwal_monitor.merging")

A = "Interviewer: Wat heeft u geleerd?\nRespondent: Dat samenwerken tijd kost.\n"
B = "Interviewer: En de gemeente?\nRespondent: De gemeente gaf subsidie.\n"
CB = (
    "name: mini\ncodes:\n"
    "  - {name: leren, definition: Wat geleerd is., patterns: [{lemma: leren}]}\n"
    "  - {name: geld, definition: Geld., patterns: [{lemma: subsidie}]}\n"
)


@pytest.fixture
def stores(tmp_path: Path) -> tuple[Path, Path]:
    """Two coders' copies of one project: anna's (mine) and bas's (theirs)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "P01_2024_a.txt").write_text(A, encoding="utf-8")
    (corpus / "P01_2024_b.txt").write_text(B, encoding="utf-8")
    mine = tmp_path / "anna.sokwal"
    with ProjectStore(mine) as store:
        ingest(store, corpus)
    theirs = tmp_path / "bas.sokwal"
    shutil.copy(mine, theirs)
    with ProjectStore(mine) as store:
        code_quote(store, "P01_2024_a.txt", "samenwerken tijd kost", "leren", coder="anna")
        code_quote(store, "P01_2024_b.txt", "subsidie", "geld", coder="shared")
    with ProjectStore(theirs) as store:
        code_quote(store, "P01_2024_a.txt", "tijd kost", "leren", coder="bas", memo="twijfel")
        code_quote(store, "P01_2024_b.txt", "subsidie", "geld", coder="shared")  # in both
        add_memo(store, "P01_2024_b.txt", "Belangrijk interview.", author="bas")
        add_memo(store, "leren", "Ook impliciet.", author="bas")
        code_store(store, codebook_from_text(CB))
    return mine, theirs


def test_merge_brings_codings_and_memos_keeping_their_coders(stores: tuple[Path, Path]) -> None:
    mine, theirs = stores
    with ProjectStore(theirs) as other:
        expected = other.codings()
    with ProjectStore(mine) as store:
        report = merge_store(store, theirs)
        codings = store.codings()
        memos = store.memos()
    assert report.coders == ["bas", rule_coder_name(codebook_from_text(CB)), "shared"]
    assert report.n_present == 1  # the 'shared' coding both stores hold
    assert report.n_added == len(expected) - 1
    assert report.documents_matched == 2 and report.warnings() == [
        "codes in the other codebook only: leren, geld"
    ]
    cols = ["coding_id", "doc_id", "start_char", "end_char", "code", "coder", "origin", "memo"]
    theirs_rows = expected[cols].sort_values("coding_id").reset_index(drop=True)
    merged = codings[codings["coder"] != "anna"][cols].sort_values("coding_id")
    pd.testing.assert_frame_equal(merged.reset_index(drop=True), theirs_rows)
    created = dict(zip(codings["coding_id"], codings["created_at"], strict=True))
    assert all(created[c] == t for c, t in zip(expected["coding_id"], expected["created_at"],
                                                 strict=True))  # fmt: skip
    assert (codings["coder"] == "anna").sum() == 1
    assert sorted(memos["text"]) == ["Belangrijk interview.", "Ook impliciet."]
    assert set(memos["target_kind"]) == {"document", "code"}


def test_merging_twice_adds_nothing(stores: tuple[Path, Path]) -> None:
    mine, theirs = stores
    with ProjectStore(mine) as store:
        merge_store(store, theirs)
        before = store.codings()
        again = merge_store(store, theirs)
        assert again.n_added == 0 and again.n_memos == 0
        pd.testing.assert_frame_equal(store.codings(), before)


def test_codebook_differences_are_reported_not_overwritten(stores: tuple[Path, Path]) -> None:
    mine, theirs = stores
    changed = CB.replace("Wat geleerd is.", "Een les.") + (
        "  - {name: nieuw, definition: Nieuw., patterns: [{lemma: nieuw}]}\n"
    )
    with ProjectStore(mine) as store:
        code_store(store, codebook_from_text(CB))
        ours = store.codebook()
    with ProjectStore(theirs) as store:
        code_store(store, codebook_from_text(changed))
    with ProjectStore(mine) as store:
        report = merge_store(store, theirs)
        assert report.codes_new == ["nieuw"] and report.codes_changed == ["leren"]
        assert store.codebook() == ours  # this store's codebook is kept
        kept = store.query("SELECT name FROM codebooks")["name"].tolist()
        assert kept == ["mini", "mini"]  # the other one is kept for reference


def test_documents_missing_or_with_other_text_are_reported(
    stores: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    mine, theirs = stores
    with ProjectStore(theirs) as store:
        extra = tmp_path / "extra"
        extra.mkdir()
        (extra / "P02_2024_c.txt").write_text("Respondent: Iets anders.\n", encoding="utf-8")
        ingest(store, extra)
        code_quote(store, "P02_2024_c.txt", "Iets anders", "leren", coder="bas")
        doc_b = store.documents().set_index("path").loc["P01_2024_b.txt", "doc_id"]
        store.execute(
            "UPDATE documents SET text = replace(text, 'subsidie', 'SUBSIDIE') WHERE doc_id = ?",
            (doc_b,),
        )  # as if pseudonymized with another key: same file, other stored text
    assert main(["merge", str(theirs), "--store", str(mine)]) == 1
    captured = capsys.readouterr()
    assert "error: " + str(theirs) + ": P02_2024_c.txt: its codings could not be merged" in (
        captured.err
    )
    assert "P01_2024_b.txt: its codings could not be merged" in captured.err
    assert "not in this store (ingest them first" in captured.err
    with ProjectStore(mine) as store:
        merged = store.codings()
    assert set(merged["doc_id"]) == {store_doc(mine, "P01_2024_a.txt"),
                                     store_doc(mine, "P01_2024_b.txt")}  # fmt: skip
    assert not ((merged["coder"] == "bas") & (merged["text"] == "Iets anders")).any()
    assert (merged["code"] == "geld").sum() == 1  # only this store's own, nothing shifted


def store_doc(path: Path, doc: str) -> str:
    with ProjectStore(path) as store:
        return str(store.documents().set_index("path").loc[doc, "doc_id"])


def test_bad_sources_are_refused(stores: tuple[Path, Path], tmp_path: Path) -> None:
    mine, _ = stores
    not_a_store = tmp_path / "x.sokwal"
    not_a_store.write_text("hallo", encoding="utf-8")
    with ProjectStore(mine) as store:
        with pytest.raises(StoreError, match="not a sokwal-monitor project store"):
            merge_store(store, not_a_store)
        with pytest.raises(StoreError, match="no project store here"):
            merge_store(store, tmp_path / "missing.sokwal")
        with pytest.raises(StoreError, match="is the store itself"):
            merge_store(store, mine)


def test_an_interrupted_merge_changes_nothing(
    stores: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    mine, theirs = stores
    with ProjectStore(mine) as store:
        before = (store.codings(), store.memos(), store.coding_runs())

        def boom(*args: object) -> int:
            raise KeyboardInterrupt

        monkeypatch.setattr(merge_module, "_merge_memos", boom)
        with pytest.raises(KeyboardInterrupt):
            merge_store(store, theirs)
        for frame, after in zip(before, (store.codings(), store.memos(), store.coding_runs()),
                                strict=True):  # fmt: skip
            pd.testing.assert_frame_equal(frame, after)
