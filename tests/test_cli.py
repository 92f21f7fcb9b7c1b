"""The ``sokwal`` command, run as the installed console script in a subprocess.

Starting the command costs about half a second (pandas), so commands that do not
depend on each other run in parallel (``sokwal_many``) and the export tests share one
store and one batch of exports.
"""

from __future__ import annotations

import importlib
import io
import json
import sqlite3
import subprocess
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor import __version__
from sokwal_monitor.cli import main
from sokwal_monitor.model import TABLE_COLUMNS

_PREFIXES = ("error: ", "skipped: ", "warning: ")


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _errors(stderr: str) -> list[str]:
    return [line for line in _lines(stderr) if line.startswith("error: ")]


def _csv(text: str) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _roles_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "rollen"
    folder.mkdir()
    (folder / "P01_2020_interview.txt").write_text(
        "Anja: Vertel eens over de start.\nKees: Het begon klein.\n"
        "Anja: Ga verder.\nKees: Toen kwamen er meer mensen.\n",
        encoding="utf-8",
    )
    return folder


# -- ingest ------------------------------------------------------------------------------


def test_version(sokwal) -> None:
    done = sokwal("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"sokwal-monitor {__version__}"


def test_ingest_good_input(corpus: Path, tmp_path: Path, sokwal) -> None:
    store = tmp_path / "project.sokwal"
    done = sokwal("ingest", corpus, "--store", store)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"10 files: 8 added, 2 skipped -> {store}"
    assert _errors(done.stderr) == []
    # every line on stderr is a message, never a progress bar (stdout is not a terminal)
    lines = _lines(done.stderr)
    assert lines and all(line.startswith(_PREFIXES) for line in lines), done.stderr
    assert "%|" not in done.stderr and "\r" not in done.stderr
    skipped = [line for line in lines if line.startswith("skipped: ")]
    assert len(skipped) == 2
    assert any(str(corpus / "foto.jpg") in line and ".jpg" in line for line in skipped)
    assert any("~$P01_2018_interview.docx" in line for line in skipped)
    warnings = [line for line in lines if line.startswith("warning: ")]
    assert any("'P03'" in line for line in warnings)
    with sqlite3.connect(store) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
    # a second run changes nothing and, with --quiet, says nothing
    again = sokwal("ingest", corpus, "--store", store, "--quiet")
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


def test_ingest_failures(corpus: Path, tmp_path: Path, sokwal_many) -> None:
    bad = corpus / "P02_2018_leeg.txt"
    bad.write_bytes(b"")
    missing = tmp_path / "bestaat niet"
    stores = [tmp_path / f"{i}.sokwal" for i in range(3)]
    one_bad, quiet, only_missing = sokwal_many(
        [
            ["ingest", corpus, "--store", stores[0]],
            ["ingest", corpus, "--store", stores[1], "-q"],
            ["ingest", missing, "--store", stores[2]],
        ]
    )
    # one bad file: exit 1, one error line naming it, the rest stored
    assert one_bad.returncode == 1
    errors = _errors(one_bad.stderr)
    assert len(errors) == 1
    assert errors[0].startswith(f"error: {bad}: ")
    assert "empty" in errors[0]
    assert "1 failed" in one_bad.stdout
    with sqlite3.connect(stores[0]) as con:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
    # --quiet: failures only
    assert quiet.returncode == 1
    assert quiet.stdout == ""
    assert _lines(quiet.stderr) == errors
    # nothing could be done
    assert only_missing.returncode == 2
    assert _errors(only_missing.stderr) == [f"error: {missing}: no such file or folder"]


def test_bad_usage_exits_2(tmp_path: Path, sokwal_many) -> None:
    (tmp_path / "map").mkdir()
    cases = [
        [],
        ["ingest", "map", "--store", "p.sokwal", "--onbekend"],
        ["ingest", "map"],  # --store is required
        ["ingest", "--store", "p.sokwal"],  # no PATH
        ["export", "codings", "--store", "p.sokwal"],
        ["export", "documents", "--store", "p.sokwal", "--format", "xlsx"],
        ["onzin"],
    ]
    for args, done in zip(cases, sokwal_many(cases, cwd=tmp_path), strict=True):
        assert done.returncode == 2, args
        assert "Traceback" not in done.stderr, args
        assert args == [] or _errors(done.stderr), (args, done.stderr)
    assert not (tmp_path / "p.sokwal").exists()


def test_unusable_stores_exit_2(corpus: Path, tmp_path: Path, sokwal_many) -> None:
    text, binary = tmp_path / "notities.sokwal", tmp_path / "binair.sokwal"
    text.write_bytes(b"dit is tekst, geen store\n" * 20)
    binary.write_bytes(b"\x00\xff" * 600)
    other = tmp_path / "vogels.db"
    con = sqlite3.connect(other)
    con.execute("CREATE TABLE vogels (naam TEXT)")
    con.commit()
    con.close()
    missing = tmp_path / "ontbreekt.sokwal"
    contents = {p: p.read_bytes() for p in (text, binary, other)}
    cases = [
        (["ingest", corpus, "--store", text], text, "not a sokwal-monitor project store"),
        (["ingest", corpus, "--store", binary], binary, "not a sokwal-monitor project store"),
        (["ingest", corpus, "--store", tmp_path], tmp_path, "folder"),
        (["export", "documents", "--store", other], other, "not a sokwal-monitor"),
        (["export", "documents", "--store", missing], missing, "no project store here"),
        (["info", "--store", missing], missing, "no project store here"),
    ]
    results = sokwal_many([args for args, _, _ in cases])
    for (args, path, words), done in zip(cases, results, strict=True):
        assert done.returncode == 2, args
        assert done.stdout == "", args
        errors = _errors(done.stderr)
        assert len(errors) == 1, (args, done.stderr)
        assert errors[0].startswith(f"error: {path}: "), errors
        assert words in errors[0], errors
    assert not missing.exists()
    assert {p: p.read_bytes() for p in contents} == contents


def test_bad_metadata_exits_2(corpus: Path, tmp_path: Path, sokwal_many) -> None:
    store = tmp_path / "p.sokwal"
    projects = tmp_path / "projecten.csv"
    projects.write_text("naam\nSamen\n", encoding="utf-8")
    folder = _roles_folder(tmp_path)
    bad_pattern, bad_projects, *bad_roles = sokwal_many(
        [
            ["ingest", corpus, "--store", store, "--pattern", "(?P<wave"],
            ["ingest", corpus, "--store", store, "--projects", projects],
            ["ingest", folder, "--store", store, "--role", "Anja=baas"],
            ["ingest", folder, "--store", store, "--role", "Anja"],
            ["ingest", folder, "--store", store, "--role", "Anja=interviewer", "--role", "K=x"],
        ]
    )
    assert bad_pattern.returncode == 2
    assert len(_errors(bad_pattern.stderr)) == 1
    assert "not a valid regular expression" in bad_pattern.stderr
    assert bad_projects.returncode == 2
    assert _errors(bad_projects.stderr) == [
        f"error: {projects}: has no project_id column (found: naam); add a column named project_id"
    ]
    for done in bad_roles:
        assert done.returncode == 2
        errors = _errors(done.stderr)
        assert len(errors) == 1 and "--role" in errors[0]
    assert not store.exists()


def test_documents_pattern_and_role_options(tmp_path: Path, sokwal, sokwal_many) -> None:
    folder = _roles_folder(tmp_path)
    (folder / "ABC12-2020-verslag.txt").write_text("Een verslag.\n", encoding="utf-8")
    (folder / "los.txt").write_text("Losse notitie.\n", encoding="utf-8")
    sidecar = tmp_path / "docs.csv"
    sidecar.write_text(
        "path;project_id;wave;kind\nlos.txt;XYZ1;2021;\nP01_2020_interview.txt;P01;2020;interview\n",
        encoding="utf-8",
    )
    store = tmp_path / "p.sokwal"
    pattern = r"^(?P<project_id>[A-Z]+\d+)-(?P<wave>\d{4})-(?P<kind>\w+)$"
    done = sokwal(
        "ingest",
        folder,
        "--store",
        store,
        "--pattern",
        pattern,
        "--documents",
        sidecar,
        "--role",
        "anja=interviewer",
    )
    assert done.returncode == 0, done.stderr
    documents, segments = sokwal_many(
        [["export", "documents", "--store", store], ["export", "segments", "--store", store]]
    )
    docs = _csv(documents.stdout).set_index("path")
    assert docs.loc["ABC12-2020-verslag.txt", ["project_id", "wave", "kind"]].tolist() == [
        "ABC12",
        "2020",
        "report",
    ]
    assert docs.loc["los.txt", ["project_id", "wave"]].tolist() == ["XYZ1", "2021"]
    turns = _csv(segments.stdout)
    turns = turns[turns["speaker"] != ""]
    assert turns[["speaker", "role"]].values.tolist() == [
        ["Anja", "interviewer"],
        ["Kees", "respondent"],
        ["Anja", "interviewer"],
        ["Kees", "respondent"],
    ]


def test_interrupt_leaves_the_store_and_exits_2(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys, snapshot
) -> None:
    store = tmp_path / "p.sokwal"
    assert main(["ingest", str(corpus / "notities.txt"), "--store", str(store), "-q"]) == 0
    before = snapshot(store)
    prepare_module = importlib.import_module("sokwal_monitor.ingestion.prepare")

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(prepare_module, "segment_transcript", interrupted)
    assert main(["ingest", str(corpus), "--store", str(store)]) == 2
    err = capsys.readouterr().err
    assert _errors(err) == ["error: interrupted; the store was left as it was before"]
    assert snapshot(store) == before


# -- info and export from one shared store --------------------------------------------------

_EXPORTS = {
    "info": ["info"],
    "documents.csv": ["export", "documents"],
    "segments.csv": ["export", "segments"],
    "projects.csv": ["export", "projects"],
    "surveys.csv": ["export", "surveys"],
    "survey_variables.csv": ["export", "survey_variables"],
    "segments.json": ["export", "segments", "--format", "json"],
    "documents.json": ["export", "documents", "-o", "{out}/documenten.json"],
    "projects.txt": ["export", "projects", "-o", "{out}/projecten.txt"],
    "documents.parquet": ["export", "documents", "--format", "parquet", "-o", "{out}/d.parquet"],
    "surveys.parquet": ["export", "surveys", "--format", "parquet", "-o", "{out}/s.parquet"],
    "projects.parquet": ["export", "projects", "--format", "parquet", "-o", "{out}/p.parquet"],
    "ingests.parquet": ["export", "ingests", "--format", "parquet", "-o", "{out}/i.parquet"],
    "segments.parquet": ["export", "segments", "-o", "{out}/segmenten.parquet"],
    "missing folder": ["export", "documents", "-o", "{out}/bestaat niet/documents.csv"],
    "survey_outcomes.csv": ["export", "survey_outcomes"],
    "indicators.csv": ["export", "indicators"],
}


@pytest.fixture(scope="module")
def exports(
    filled_store: Path, tmp_path_factory: pytest.TempPathFactory, sokwal_many
) -> tuple[Path, dict[str, subprocess.CompletedProcess[str]]]:
    """Every export of the shared store, run at once: (output folder, name -> process)."""
    out = tmp_path_factory.mktemp("exports")
    calls = [
        [*(a.format(out=out) for a in args), "--store", filled_store] for args in _EXPORTS.values()
    ]
    return out, dict(zip(_EXPORTS, sokwal_many(calls), strict=True))


def _ok(exports, name: str) -> subprocess.CompletedProcess[str]:
    done = exports[1][name]
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done


def test_info(filled_store: Path, exports) -> None:
    done = _ok(exports, "info")
    lines = _lines(done.stdout)
    assert lines[0].split() == [
        "project_id",
        "wave",
        "kind",
        "format",
        "documents",
        "segments",
        "segment_chars",
    ]
    rows = [line.split() for line in lines[1:]]
    assert ["P02", "2018", "report", "md", "1", "3"] in [r[:6] for r in rows]
    assert ["P01", "2018", "survey", "sav", "1", "0", "0"] in rows
    assert ["P01", "2018", "interview", "vtt", "1", "3"] in [r[:6] for r in rows]
    assert ["P01", "2018", "interview", "txt", "1", "4"] in [r[:6] for r in rows]
    assert ["other", "txt", "2", "4"] in [r[:4] for r in rows]  # no project, no wave
    assert f"9 documents, 24 segments, 3 projects in {filled_store}" in done.stdout
    assert "projects without metadata: P03" in done.stdout


def test_info_on_an_empty_store(tmp_path: Path, sokwal) -> None:
    store = tmp_path / "leeg.sokwal"
    sqlite3.connect(store).close()  # a 0-byte file becomes a new store
    done = sokwal("info", "--store", store)
    assert done.returncode == 0
    assert "empty" in done.stdout


@pytest.mark.parametrize("table", ["documents", "segments", "projects"])
def test_export_csv_to_stdout_has_contract_columns(exports, table: str) -> None:
    frame = _csv(_ok(exports, f"{table}.csv").stdout)
    contract = TABLE_COLUMNS[table]
    assert list(frame.columns[: len(contract)]) == contract
    assert len(frame) > 0


def test_export_csv_content(exports) -> None:
    docs = _csv(_ok(exports, "documents.csv").stdout)
    assert len(docs) == 9
    assert "verslagen/Verslag coöperatie één.txt" in set(docs["path"])
    assert set(docs["kind"]) == {"interview", "report", "survey", "other"}
    segments = _csv(_ok(exports, "segments.csv").stdout)
    assert len(segments) == 24
    assert "Ik kook één keer per week voor de coöperatie." in set(segments["text"])
    turn = segments[segments["text"] == "We begonnen met een eetgroep in de buurt.\nDat liep goed."]
    assert turn[["speaker", "role", "start_time"]].values.tolist() == [["R", "respondent", "192.0"]]
    projects = _csv(_ok(exports, "projects.csv").stdout)
    assert projects[["project_id", "naam", "in_metadata"]].values.tolist() == [
        ["P01", "Samen aan tafel", "True"],
        ["P02", "Buurtkracht", "True"],
        ["P03", "", "False"],
    ]


def test_export_surveys_csv(exports) -> None:
    frame = _csv(_ok(exports, "surveys.csv").stdout)
    assert {"doc_id", "variable", "value", "value_label", "is_missing"} <= set(frame.columns)
    eenzaam = frame[frame["variable"] == "eenzaam"]
    assert eenzaam["value_label"].tolist() == ["nooit", "soms", "weet niet"]
    assert eenzaam["is_missing"].tolist() == ["False", "False", "True"]
    assert frame.loc[frame["variable"] == "gemeente", "value"].tolist() == [
        "Utrecht",
        "Zwolle",
        "Ede",
    ]
    variables = _csv(_ok(exports, "survey_variables.csv").stdout).set_index("name")
    assert json.loads(variables.loc["eenzaam", "value_labels"]) == {
        "1.0": "nooit",
        "2.0": "soms",
        "9.0": "weet niet",
    }
    assert json.loads(variables.loc["eenzaam", "missing_ranges"]) == [{"lo": 9.0, "hi": 9.0}]
    assert variables.loc["gemeente", "label"] == "Woongemeente"


def test_export_survey_outcomes_and_indicators(exports) -> None:
    from sokwal_monitor.summary import SURVEY_OUTCOME_COLUMNS
    from sokwal_monitor.summary.indicators import INDICATOR_COLUMNS

    outcomes = _csv(_ok(exports, "survey_outcomes.csv").stdout)
    assert tuple(outcomes.columns) == SURVEY_OUTCOME_COLUMNS
    eenzaam = outcomes[
        (outcomes["variable"] == "eenzaam") & (outcomes["statistic"] == "proportion")
    ]
    assert eenzaam["category"].tolist() == ["nooit", "soms"]  # 9 = weet niet is missing
    assert eenzaam["n"].tolist() == ["2", "2"] and eenzaam["n_missing"].tolist() == ["1", "1"]
    indicators = _csv(_ok(exports, "indicators.csv").stdout)
    assert tuple(indicators.columns) == INDICATOR_COLUMNS
    found = indicators[indicators["value"] == "40.0"]
    assert found["text"].tolist() == ["Er kwamen 40 mensen op de eerste avond."]


def test_export_json(exports) -> None:
    records = json.loads(_ok(exports, "segments.json").stdout)
    assert isinstance(records, list) and len(records) == 24
    assert list(records[0])[: len(TABLE_COLUMNS["segments"])] == TABLE_COLUMNS["segments"]
    assert any(r["text"] == "Dat samenwerken tijd kost." for r in records)


def test_export_format_from_the_output_name(exports) -> None:
    out = exports[0]
    assert _ok(exports, "documents.json").stdout == ""
    records = json.loads((out / "documenten.json").read_text(encoding="utf-8"))
    assert len(records) == 9
    assert {r["kind"] for r in records} == {"interview", "report", "survey", "other"}
    _ok(exports, "segments.parquet")
    assert (out / "segmenten.parquet").read_bytes()[:4] == b"PAR1"
    assert len(pd.read_parquet(out / "segmenten.parquet")) == 24
    # an unknown suffix: CSV
    _ok(exports, "projects.txt")
    assert (out / "projecten.txt").read_text(encoding="utf-8").startswith("project_id,")


@pytest.mark.parametrize(
    ("name", "file"),
    [
        ("documents.parquet", "d.parquet"),
        ("surveys.parquet", "s.parquet"),
        ("projects.parquet", "p.parquet"),
        ("ingests.parquet", "i.parquet"),
    ],
)
def test_export_parquet(exports, name: str, file: str) -> None:
    assert _ok(exports, name).stdout == ""
    frame = pd.read_parquet(exports[0] / file)
    assert len(frame) > 0
    table = name.split(".")[0]
    if table in TABLE_COLUMNS:
        contract = TABLE_COLUMNS[table]
        assert list(frame.columns[: len(contract)]) == contract
    if table == "documents":
        assert frame["n_chars"].dtype.kind == "i"
        assert frame["is_current"].dtype == bool
    if table == "surveys":  # numbers and text in one column: kept as text
        assert frame.loc[frame["variable"] == "gemeente", "value"].tolist() == [
            "Utrecht",
            "Zwolle",
            "Ede",
        ]
        assert frame["is_missing"].sum() == 1


def test_export_into_a_missing_folder(exports) -> None:
    done = exports[1]["missing folder"]
    out = exports[0] / "bestaat niet" / "documents.csv"
    assert done.returncode == 2
    errors = _errors(done.stderr)
    assert len(errors) == 1 and errors[0].startswith(f"error: {out}: "), done.stderr
    assert "Traceback" not in done.stderr


def test_export_all_versions(corpus: Path, tmp_path: Path, sokwal, sokwal_many) -> None:
    store = tmp_path / "p.sokwal"
    assert sokwal("ingest", corpus, "--store", store).returncode == 0
    (corpus / "notities.txt").write_text("Nieuwe notities.\n", encoding="utf-8")
    done = sokwal("ingest", corpus, "--store", store)
    assert done.returncode == 0
    assert "1 new version" in done.stdout
    current, everything = sokwal_many(
        [
            ["export", "documents", "--store", store],
            ["export", "documents", "--store", store, "--all-versions"],
        ]
    )
    current, everything = _csv(current.stdout), _csv(everything.stdout)
    assert len(current) == 8 and len(everything) == 9
    notes = everything[everything["path"] == "notities.txt"]
    assert notes[["version", "is_current"]].values.tolist() == [["1", "False"], ["2", "True"]]


def test_an_unexpected_error_is_one_line_and_exit_2(
    corpus: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    def broken(*args, **kwargs):
        raise ZeroDivisionError("door nul")

    monkeypatch.setattr(
        importlib.import_module("sokwal_monitor.ingestion.prepare"), "segment_transcript", broken
    )
    monkeypatch.delenv("SOKWAL_DEBUG", raising=False)
    assert main(["ingest", str(corpus), "--store", str(tmp_path / "s.sokwal"), "-q"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1
    assert err[0].startswith("error: unexpected ZeroDivisionError: door nul (this is a bug")
    monkeypatch.setenv("SOKWAL_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        main(["ingest", str(corpus), "--store", str(tmp_path / "s.sokwal"), "-q"])


def test_every_command_has_working_help(capsys: pytest.CaptureFixture[str]) -> None:
    from sokwal_monitor.cli import _COMMANDS

    for verb in [None, *_COMMANDS]:
        with pytest.raises(SystemExit) as done:
            main(["--help"] if verb is None else [verb, "--help"])
        assert done.value.code == 0, verb
        out = capsys.readouterr().out
        assert out.startswith("usage: sokwal"), verb
