"""The evaluation set's generated files stay what their sources yield
(``scripts/make_privacy_eval.py``): a gold file edited by hand is found, because the
next regeneration would silently undo the edit (it happened once: an age added to
E128's gold, not to its source)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def maker() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_privacy_eval_under_test", ROOT / "scripts" / "make_privacy_eval.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_every_generated_file_is_what_its_source_yields(maker: ModuleType) -> None:
    assert maker.stale("dev") == []
    assert maker.stale("heldout") == []


@pytest.fixture
def tiny_set(maker: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(maker, "SOURCES", tmp_path / "src")
    monkeypatch.setattr(maker, "TARGET", tmp_path / "out")
    (tmp_path / "src" / "dev").mkdir(parents=True)
    (tmp_path / "src" / "dev" / "E900_test.vtt.txt").write_text(
        "WEBVTT\n\n00:00.000 --> 00:02.000\nIk ben [[naam:Jan Smit]] uit {{dorp:Markelo}}, "
        "dus bijna [[leeftijd:achttien]].\n",
        encoding="utf-8",
    )
    (tmp_path / "src" / "dev" / "E901_ünïcode.txt.txt").write_text(
        "Mevrouw [[naam:Zoë Ağaoğlu]] — {{organisatie:Stichting Één}}\r\n", encoding="utf-8"
    )
    maker.write("dev")
    return tmp_path


def test_a_fresh_set_has_no_stale_file(maker: ModuleType, tiny_set: Path) -> None:
    assert maker.stale("dev") == []
    assert maker.stale("heldout") == []  # a part without sources


def test_a_gold_file_edited_by_hand_is_found(maker: ModuleType, tiny_set: Path) -> None:
    gold = tiny_set / "out" / "dev" / "gold" / "E900_test.vtt.yaml"
    gold.write_text(
        gold.read_text(encoding="utf-8").replace("- category: leeftijd\n  text: achttien\n", ""),
        encoding="utf-8",
    )
    problems = maker.stale("dev")
    assert len(problems) == 1
    assert "E900_test.vtt.yaml" in problems[0] and "edited by hand" in problems[0]


def test_a_document_edited_by_hand_is_found(maker: ModuleType, tiny_set: Path) -> None:
    doc = tiny_set / "out" / "dev" / "docs" / "E901_ünïcode.txt"
    doc.write_text("Mevrouw X — Stichting Één\n", encoding="utf-8")
    assert [p for p in maker.stale("dev") if "E901" in p] != []


def test_a_missing_gold_file_and_an_orphan_are_found(maker: ModuleType, tiny_set: Path) -> None:
    (tiny_set / "out" / "dev" / "gold" / "E900_test.vtt.yaml").unlink()
    (tiny_set / "src" / "dev" / "E901_ünïcode.txt.txt").unlink()
    problems = maker.stale("dev")
    assert any("no gold file" in p and "E900" in p for p in problems)
    assert any("no source" in p and "E901" in p for p in problems)


def test_check_exits_1_on_a_stale_file(
    maker: ModuleType, tiny_set: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert maker.main(["--check"]) == 0
    gold = tiny_set / "out" / "dev" / "gold" / "E900_test.vtt.yaml"
    gold.write_text(gold.read_text(encoding="utf-8") + "# note\n", encoding="utf-8")
    assert maker.main(["--check"]) == 1
    assert "E900_test.vtt.yaml" in capsys.readouterr().err
