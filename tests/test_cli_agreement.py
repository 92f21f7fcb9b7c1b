"""``sokwal agreement``: the table, what it says about uncoded units, and the
disagreement table for the consensus meeting."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.cli import main
from sokwal_monitor.codebook import codebook_from_text
from sokwal_monitor.coding.rules import code_store
from sokwal_monitor.store import ProjectStore

CB = (
    "name: mini\ncodes:\n"
    "  - {name: leren, definition: Geleerd., patterns: [{lemma: leren}]}\n"
    "  - {name: samen, definition: Samen., patterns: [{lemma: [samenwerken, buurt]}]}\n"
)


@pytest.fixture
def store(corpus: Path, tmp_path: Path) -> Path:
    path = tmp_path / "p.sokwal"
    with ProjectStore(path) as s:
        ingest(s, corpus)
        code_store(s, codebook_from_text(CB), coder="a", interviewer=True)
        narrower = CB.replace("[samenwerken, buurt]", "[samenwerken]")
        code_store(s, codebook_from_text(narrower), coder="b", interviewer=True)
    return path


def test_agreement_table_and_disagreements(
    store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    html = tmp_path / "overleg.html"
    args = ["agreement", "--store", str(store), "--coders", "a,b", "--boot", "50"]
    assert main([*args, "--disagreements", str(html)]) == 0
    captured = capsys.readouterr()
    assert "krippendorff_alpha" in captured.out and "(all codes)" in captured.out
    assert "a, b at segment level; units no coder coded are included" in captured.out
    assert "95% CI of alpha from 50 bootstrap resamples (seed 0)" in captured.out
    assert captured.err.startswith("disagreements: ")
    page = html.read_text(encoding="utf-8")
    assert page.lstrip().lower().startswith("<!doctype html") and "buurt" in page

    out = tmp_path / "a.json"
    xlsx = tmp_path / "overleg.xlsx"
    assert main([*args, "--exclude-uncoded", "--interviewer", "--format", "json", "-o", str(out),
                 "--disagreements", str(xlsx)]) == 0  # fmt: skip
    rows = {r["code"]: r for r in json.loads(out.read_text(encoding="utf-8"))}
    assert rows["leren"]["krippendorff_alpha"] == 1.0  # same pattern: full agreement
    assert rows["samen"]["percent_agreement"] < 1.0  # 'buurt' only coded by a
    table = pd.read_excel(xlsx)
    assert set(table["code"]) == {"samen"} and set(table["coded_by"]) == {"a"}


def test_agreement_bad_usage(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["agreement", "--store", str(store), "--coders", "a"]) == 2
    assert "at least two coders" in capsys.readouterr().err
    assert main(["agreement", "--store", str(store), "--coders", "a,niemand"]) == 2
    err = capsys.readouterr().err
    assert "niemand" in err and len(err.strip().splitlines()) == 1
    bad = ["agreement", "--store", str(store), "--coders", "a,b", "--disagreements", "x.pdf"]
    assert main(bad) == 2
