"""Quantitized codes: document × code tables and their SPSS, CSV and XLSX exports."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.analysis.quantitize import export_quantitized, quantitized_codes
from sokwal_monitor.cli import main
from sokwal_monitor.codebook import codebook_from_text
from sokwal_monitor.coding import code_quote, code_segment
from sokwal_monitor.errors import SokwalError
from sokwal_monitor.store import ProjectStore

A = (
    "Interviewer: Wat heeft u geleerd van de gemeente?\n"
    "Respondent: We leerden veel.\nInterviewer: En?\nRespondent: Nog meer geleerd.\n"
)
B = "Interviewer: Hoe ging het?\nRespondent: Goed.\n"
CB = codebook_from_text(
    "codes:\n  - {name: leren, definition: Wat geleerd is.}\n"
    "  - {name: 2 gemeente, definition: De gemeente.}\n"
)


@pytest.fixture
def store(tmp_path: Path) -> ProjectStore:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2018_interview.txt").write_text(A, encoding="utf-8")
    (root / "P02_2019_interview.txt").write_text(B, encoding="utf-8")
    (root / "documents.csv").write_text(
        "path,gemeente\nP01_2018_interview.txt,Zwolle\nP02_2019_interview.txt,Ommen\n",
        encoding="utf-8",
    )
    store = ProjectStore(tmp_path / "s.sokwal")
    ingest(store, root)
    seg = store.segments(with_metadata=True)
    p01 = seg[(seg["path"] == "P01_2018_interview.txt") & (seg["role"] == "respondent")]
    for sid in p01["segment_id"]:  # both answers of P01: 2 segments with 'leren'
        code_segment(store, sid, "leren", coder="anna")
    code_quote(store, "P01_2018_interview.txt", "We leerden", "leren", coder="anna")  # same segment
    code_quote(
        store, "P01_2018_interview.txt", "gemeente", "2 gemeente", coder="anna"
    )  # a question
    return store


def test_documents_by_codes(store: ProjectStore) -> None:
    table = quantitized_codes(store, coder="anna")
    assert table[["project_id", "wave", "gemeente"]].values.tolist() == [
        ["P01", "2018", "Zwolle"],
        ["P02", "2019", "Ommen"],
    ]
    assert table["leren"].tolist() == [1, 0]
    assert "2 gemeente" not in table.columns  # only coded in an interviewer question
    counts = quantitized_codes(store, coder="anna", counts=True, codes=["leren", "2 gemeente"])
    assert counts["leren"].tolist() == [2, 0]  # two segments, the second quote adds none
    assert counts["2 gemeente"].tolist() == [0, 0]


def test_several_coders_need_a_choice(store: ProjectStore) -> None:
    code_quote(store, "P02_2019_interview.txt", "Goed", "leren", coder="bas")
    with pytest.raises(ValueError, match=r"several coders \(anna, bas\)"):
        quantitized_codes(store)
    assert quantitized_codes(store, coder="*")["leren"].tolist() == [1, 1]


def test_spss_export_with_labels_and_other_formats(store: ProjectStore, tmp_path: Path) -> None:
    table = quantitized_codes(store, coder="anna", codes=["leren", "2 gemeente"])
    sav = export_quantitized(table, tmp_path / "codes.sav", codebook=CB)
    data, meta = pyreadstat.read_sav(str(sav))
    assert list(data.columns)[-2:] == ["leren", "v_2_gemeente"]  # made a valid SPSS name
    labels = dict(zip(meta.column_names, meta.column_labels, strict=True))
    assert labels["leren"] == "leren: Wat geleerd is."
    assert labels["v_2_gemeente"] == "2 gemeente: De gemeente."
    assert meta.variable_value_labels["leren"] == {0.0: "niet gecodeerd", 1.0: "gecodeerd"}
    assert data["leren"].tolist() == [1.0, 0.0] and data["gemeente"].tolist() == ["Zwolle", "Ommen"]
    csv = export_quantitized(table, tmp_path / "codes.csv")
    assert pd.read_csv(csv)["leren"].tolist() == [1, 0]
    xlsx = export_quantitized(table, tmp_path / "codes.xlsx")
    assert pd.read_excel(xlsx)["leren"].tolist() == [1, 0]
    with pytest.raises(SokwalError, match="use .sav, .csv or .xlsx"):
        export_quantitized(table, tmp_path / "codes.pdf")


def test_cli_export_quantitized(store: ProjectStore, tmp_path: Path) -> None:
    out = tmp_path / "c.sav"
    args = ["export", "quantitized", "--store", str(store.path), "--coder", "anna", "-o", str(out)]
    assert main(args) == 0
    data, meta = pyreadstat.read_sav(str(out))
    assert data["leren"].tolist() == [1.0, 0.0]
    assert meta.variable_value_labels["leren"][1.0] == "gecodeerd"
