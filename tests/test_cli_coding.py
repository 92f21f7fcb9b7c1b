"""``sokwal code | codes | quotes | evaluate`` and the coding exports, run as the
installed console script (commands that do not depend on each other run in parallel)."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
import xmlschema

from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding import code_quote
from sokwal_monitor.coding.rules import rule_coder_name
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.model import TABLE_COLUMNS
from sokwal_monitor.store import ProjectStore

XSD = Path(__file__).parent / "data" / "refi-qda" / "Codebook.xsd"

INTERVIEW = (
    "Interviewer: Wat heeft u geleerd?\n"
    "Respondent: We hebben geleerd dat je vrijwilligers persoonlijk moet vragen.\n"
    "Interviewer: En de gemeente?\n"
    "Respondent: We hadden overleg met de gemeente over subsidie. Achteraf gezien zouden we"
    " het anders doen.\n"
)
# the rules of the default codebook code "overleg met de gemeente", not a bare "gemeente"
REPORT = "# Eindverslag\n\nEr kwamen 40 deelnemers. Elke maand was er overleg met de gemeente.\n"


def errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("error: ")]


@pytest.fixture
def project(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "P01_2024_interview.txt").write_text(INTERVIEW, encoding="utf-8")
    (corpus / "P01_2024_verslag.md").write_text(REPORT, encoding="utf-8")
    path = tmp_path / "project.sokwal"
    with ProjectStore(path) as store:
        ingest(store, corpus)
    return path


def test_code_then_export_codings_and_codebook(project: Path, tmp_path: Path, sokwal) -> None:
    done = sokwal("code", "--store", project)
    assert done.returncode == 0, done.stderr
    coder = rule_coder_name(load_codebook())
    assert f"{coder}: " in done.stdout and "earlier rule codings replaced" in done.stdout
    assert "samenwerking_gemeente" in done.stdout  # the per-code table
    with ProjectStore(project) as store:
        first = store.codings()
    assert len(first) > 5 and set(first["origin"]) == {"rule"}

    again = sokwal("code", "--store", project, "-q")
    assert again.returncode == 0 and again.stdout == ""
    exported = sokwal("export", "codings", "--store", project)
    codings = pd.read_csv(io.StringIO(exported.stdout), dtype=str, keep_default_na=False)
    assert list(codings.columns[:11]) == TABLE_COLUMNS["codings"]
    assert sorted(codings["coding_id"]) == sorted(first["coding_id"])  # replaced, same ids

    out = tmp_path / "codebook.json"
    book = sokwal("export", "codebook", "--store", project, "-o", out)
    assert book.returncode == 0, book.stderr
    records = json.loads(out.read_text(encoding="utf-8"))
    assert [r["code"] for r in records] == [c.name for c in load_codebook()]
    assert list(records[0]) == TABLE_COLUMNS["codebook"]


def test_scope_and_interviewer_options(project: Path, sokwal) -> None:
    done = sokwal("code", "--store", project, "--scope", "segment", "--interviewer", "-q")
    assert done.returncode == 0, done.stderr
    with ProjectStore(project) as store:
        codings = store.codings(with_metadata=True)
        segments = store.segments()
    assert "interviewer" in set(codings["role"])
    spans = set(zip(segments["start_char"], segments["end_char"], strict=True))
    assert set(zip(codings["start_char"], codings["end_char"], strict=True)) <= spans


def test_exports_and_codes_of_a_store_without_codings(project: Path, sokwal_many) -> None:
    book, codings, codes = sokwal_many(
        [
            ["export", "codebook", "--store", project],
            ["export", "codings", "--store", project],
            ["codes", "--store", project],
        ]
    )
    # a store without a codebook gives an empty table, not an error (issue 19)
    assert book.returncode == 0, book.stderr
    assert book.stdout.splitlines() == [",".join(TABLE_COLUMNS["codebook"])]
    assert codings.returncode == 0
    assert codings.stdout.splitlines()[0].startswith(",".join(TABLE_COLUMNS["codings"]))
    assert codes.returncode == 0 and "the bundled codebook" in codes.stdout


def test_codes_validates_lists_and_converts(tmp_path: Path, sokwal_many) -> None:
    bad = tmp_path / "slecht.yaml"
    bad.write_text(
        "name: slecht\ncodes:\n  - name: a\n    definition: A.\n"
        "    patterns: [{regex: '(open'}]\n  - name: a\n    definition: Nog eens.\n",
        encoding="utf-8",
    )
    tokens = tmp_path / "tokens.yaml"
    tokens.write_text(
        "codes:\n  - name: t\n    definition: T.\n    patterns: [{tokens: [{NOPE: x}]}]\n",
        encoding="utf-8",
    )
    qdc = tmp_path / "boek.qdc"
    listing, invalid, spacy_refuses, convert = sokwal_many(
        [
            ["codes"],
            ["codes", "--codebook", bad],
            ["codes", "--codebook", tokens],
            ["codes", "-o", qdc],
        ]
    )
    assert listing.returncode == 0
    assert "  inzicht_opgedaan" in listing.stdout  # indented under leereffecten
    assert "23 codes" in listing.stdout and ": valid" in listing.stdout
    assert invalid.returncode == 2
    (line,) = errors(invalid.stderr)
    assert line.startswith(f"error: {bad}:")
    assert "line 5" in line and "does not compile" in line and "duplicate" in line
    assert spacy_refuses.returncode == 2
    (line,) = errors(spacy_refuses.stderr)
    assert "code 't', field 'patterns.tokens'" in line
    assert convert.returncode == 0, convert.stderr
    xmlschema.XMLSchema(XSD).validate(qdc)
    assert load_codebook(qdc).to_frame()["code"].tolist() == [c.name for c in load_codebook()]


def test_code_quotes_file_reports_bad_rows_and_keeps_good_ones(
    project: Path, tmp_path: Path, sokwal
) -> None:
    quotes = tmp_path / "citaten.csv"
    quotes.write_text(
        "path,quote,code\n"
        "P01_2024_interview.txt,vrijwilligers persoonlijk moet vragen,vrijwilligers_werven\n"
        "P01_2024_interview.txt,dit staat er niet,knelpunten\n"
        "onbekend.txt,iets,knelpunten\n",
        encoding="utf-8",
    )
    done = sokwal("code", "--store", project, "--quotes", quotes, "--coder", "anna")
    assert done.returncode == 1
    lines = errors(done.stderr)
    assert len(lines) == 2
    assert lines[0].startswith(f"error: {quotes}: row 3: ") and "not in the document" in lines[0]
    assert lines[1].startswith(f"error: {quotes}: row 4: ") and "onbekend.txt" in lines[1]
    assert "1 quotes coded, 2 rows could not be used" in done.stdout
    with ProjectStore(project) as store:
        (row,) = store.codings().itertuples()
    assert (row.coder, row.origin, row.text) == (
        "anna",
        "manual",
        "vrijwilligers persoonlijk moet vragen",
    )

    missing = tmp_path / "leeg.csv"
    missing.write_text("quote,code\nx,y\n", encoding="utf-8")
    done = sokwal("code", "--store", project, "--quotes", missing, "--coder", "anna")
    assert done.returncode == 2
    assert errors(done.stderr) == [
        f"error: {missing}: the quotes file has no column doc_id or path; the header needs"
        " quote, code and doc_id or path (coder, memo, occurrence optional)"
    ]


def test_quotes_and_evaluate(project: Path, tmp_path: Path, sokwal, sokwal_many) -> None:
    assert sokwal("code", "--store", project, "-q").returncode == 0
    with ProjectStore(project) as store:
        code_quote(store, "P01_2024_interview.txt", "overleg met de gemeente over subsidie",
                   "samenwerking_gemeente", coder="anna")  # fmt: skip
        code_quote(store, "P01_2024_verslag.md", "40 deelnemers", "bereik_deelnemers",
                   coder="anna")  # fmt: skip
    rules = rule_coder_name(load_codebook())
    table, as_csv, children, nothing, evaluation, as_json, unknown = sokwal_many(
        [
            ["quotes", "--store", project, "--code", "samenwerking_gemeente"],
            ["quotes", "--store", project, "--code", "samenwerking_gemeente", "--format", "csv"],
            ["quotes", "--store", project, "--code", "samenwerking", "--children", "-o",
             tmp_path / "q.json"],
            ["quotes", "--store", project, "--code", "succesfactoren", "--coder", "anna"],
            ["evaluate", "--store", project, "--gold", "anna", "--system", rules],
            ["evaluate", "--store", project, "--gold", "anna", "--system", rules,
             "--level", "span", "--format", "json"],
            ["evaluate", "--store", project, "--gold", "niemand", "--system", rules],
        ]
    )  # fmt: skip
    assert table.returncode == 0, table.stderr
    assert (
        "met de gemeente«" in table.stdout
        and "»overleg met de gemeente over subsidie«" in table.stdout
    )
    assert table.stdout.rstrip().endswith("quotes")
    frame = pd.read_csv(io.StringIO(as_csv.stdout), dtype=str, keep_default_na=False)
    assert {"before", "quote", "after", "coder", "path"} <= set(frame.columns)
    assert set(frame["code"]) == {"samenwerking_gemeente"}
    assert children.returncode == 0, children.stderr
    rows = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert {"samenwerking_gemeente"} <= {r["code"] for r in rows}
    assert nothing.returncode == 0 and "no codings of 'succesfactoren'" in nothing.stderr

    assert evaluation.returncode == 0, evaluation.stderr
    assert "precision" in evaluation.stdout and "(micro)" in evaluation.stdout
    assert f"{rules} against anna (segment level)" in evaluation.stdout
    records = {r["code"]: r for r in json.loads(as_json.stdout)}
    # anna's 'overleg met de gemeente over subsidie' holds the rules' 'overleg met de
    # gemeente' (recall 1); the rules also coded it in the report, which anna did not code
    # (precision 1/2)
    assert records["samenwerking_gemeente"]["recall"] == 1.0
    assert records["samenwerking_gemeente"]["precision"] == 0.5
    assert unknown.returncode == 2
    (line,) = errors(unknown.stderr)
    assert "no codings by coder 'niemand'" in line and "anna" in line
