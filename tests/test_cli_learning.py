"""``sokwal learning`` and ``sokwal export learning_effects``."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sokwal_monitor import ingest
from sokwal_monitor.cli import main
from sokwal_monitor.coding import code_segment
from sokwal_monitor.learning import LEARNING_COLUMNS
from sokwal_monitor.store import ProjectStore


def interview(n: int) -> str:
    return "".join(f"Interviewer: Vraag {i}?\nRespondent: Antwoord {i}.\n" for i in range(n))


@pytest.fixture
def store(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "P01_2018_interview.txt").write_text(interview(4), encoding="utf-8")
    (corpus / "P01_2019_interview.txt").write_text(interview(5), encoding="utf-8")
    path = tmp_path / "s.sokwal"
    with ProjectStore(path) as s:
        ingest(s, corpus)
        seg = s.segments(with_metadata=True)
        answers = seg[seg["role"] == "respondent"]
        # samenwerking: 1 of 4 answers in 2018, 4 of 5 in 2019
        for wave, n in (("2018", 1), ("2019", 4)):
            for sid in answers[answers["wave"] == wave]["segment_id"][:n]:
                code_segment(s, sid, "samenwerking", coder="anna")
    return path


def test_learning_table_summary_and_export(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["learning", "--store", str(store), "--boot", "100"]) == 0
    out = capsys.readouterr().out
    assert "samenwerking" in out and "shares of segments" in out
    assert main(["learning", "--store", str(store), "--boot", "100", "--summary"]) == 0
    summary = capsys.readouterr().out
    assert "samenwerking" in summary and "van 25% naar 80%" in summary

    path = tmp_path / "le.json"
    assert main(["export", "learning_effects", "--store", str(store), "-o", str(path)]) == 0
    (row,) = json.loads(path.read_text(encoding="utf-8"))
    assert list(row) == LEARNING_COLUMNS
    assert (row["before"], row["after"], row["n_before"], row["n_after"]) == (0.25, 0.8, 4, 5)
    assert row["from_wave"] == "2018" and row["to_wave"] == "2019"


def test_several_coders_need_a_choice(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with ProjectStore(store) as s:
        code_segment(s, s.segments()["segment_id"].iloc[1], "samenwerking", coder="bas")
    assert main(["export", "learning_effects", "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert "anna" in err and "bas" in err and len(err.strip().splitlines()) == 1
    assert main(["export", "learning_effects", "--store", str(store), "--coder", "anna"]) == 0
    assert main(["learning", "--store", str(store), "--coder", "bas", "--boot", "0"]) == 0


def test_unknown_coder_and_nothing_to_compare(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["learning", "--store", str(store), "--coder", "niemand"]) == 2
    err = capsys.readouterr().err
    assert "no codings by coder 'niemand'; the coders in this store are: anna" in err
    one_wave = tmp_path / "een.sokwal"
    with ProjectStore(one_wave) as s:
        (tmp_path / "c1").mkdir()
        (tmp_path / "c1" / "P09_2018_interview.txt").write_text(interview(2), encoding="utf-8")
        ingest(s, tmp_path / "c1")
        code_segment(s, s.segments()["segment_id"].iloc[1], "samenwerking", coder="anna")
    assert main(["learning", "--store", str(one_wave), "--boot", "0"]) == 0
    assert capsys.readouterr().out == "no learning effects: no project has codings in two waves\n"


def test_document_kind_option(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    args = ["learning", "--store", str(store), "--boot", "0", "--format", "json"]
    assert main([*args, "--document-kind", "interview"]) == 0
    assert len(json.loads(capsys.readouterr().out)) == 1
    assert main([*args, "--document-kind", "report"]) == 0  # the store has no reports
    assert json.loads(capsys.readouterr().out) == []
    with pytest.raises(SystemExit) as bad:
        main([*args, "--document-kind", "verslag"])
    assert bad.value.code == 2 and "invalid choice: 'verslag'" in capsys.readouterr().err
