"""``sokwal pseudonymize`` and ``sokwal ingest --pseudonymize``, run in-process through
``main`` (deduce loads once per test process) and once as the installed script."""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_sokwal
from test_pseudonymize import FILES, PERSONAL, PROJECTS, originals_in, raw_bytes, write_files

from sokwal_monitor.cli import main
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.privacy import KeyFile
from sokwal_monitor.privacy.detect import deduce_pipeline
from sokwal_monitor.store import ProjectStore


@pytest.fixture(scope="session", autouse=True)
def _deduce() -> None:
    """Load deduce once per test process (it takes seconds)."""
    deduce_pipeline()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """The four-document corpus of test_pseudonymize, with its projects file."""
    root = write_files(tmp_path / "corpus", FILES)
    (root / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    return root


@pytest.fixture
def store(corpus: Path, tmp_path: Path) -> Path:
    """The corpus ingested into a store (not yet pseudonymized)."""
    path = tmp_path / "analyse" / "project.sokwal"
    assert ingest(path, corpus).exit_code == 0
    return path


def _texts(store: Path) -> dict[str, str]:
    with ProjectStore(store) as the_store:
        docs = the_store.documents(with_text=True)
    return dict(zip(docs["path"], docs["text"], strict=True))


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _problems(err: str, key: Path) -> list[str]:
    """Standard error's lines but the one that says a (plain) key file is not encrypted."""
    plain = f"warning: {key}: the key file is not encrypted; set SOKWAL_KEY_PASSPHRASE and run"
    return [line for line in _lines(err) if not line.startswith(plain)]


SUMMARY = re.compile(
    r"^(?P<docs>\d+) documents, (?P<changed>\d+) changed; (?P<n>\d+) replacements"
    r" \((?P<per>[^)]*)\); key file: (?P<key>.+)$"
)


def test_pseudonymize_command(store: Path, tmp_path: Path, capsys) -> None:
    key = tmp_path / "sleutel" / "project.sokwal-key"
    assert main(["pseudonymize", "--store", str(store), "--key", str(key)]) == 0
    out, err = capsys.readouterr()
    assert _problems(err, key) == [] and len(_lines(err)) == 1
    [line] = _lines(out)
    match = SUMMARY.match(line)
    assert match, line
    assert (match["docs"], match["changed"]) == ("4", "4")
    assert match["key"] == str(key)
    per = dict(reversed(part.split(" ")) for part in match["per"].split(", "))
    assert set(per) >= {"persoon", "telefoon", "email", "adres", "postcode", "url", "bsn"}
    assert sum(int(n) for n in per.values()) == int(match["n"])
    assert originals_in(raw_bytes(store)) == []
    assert set(originals_in(key.read_bytes())) == set(PERSONAL)
    # again: nothing to change
    assert main(["pseudonymize", "--store", str(store), "--key", str(key)]) == 0
    assert SUMMARY.match(capsys.readouterr().out.strip())["changed"] == "0"


def test_allow_deny_file_and_review(store: Path, tmp_path: Path, capsys) -> None:
    key = tmp_path / "project.sokwal-key"
    names = tmp_path / "namen.txt"
    names.write_bytes(
        "\ufeff# bijnamen die deduce niet kent\nWuppie   # doet de afwas\n\n  \n".encode()
    )
    review = tmp_path / "controle" / "review.csv"
    review.parent.mkdir()
    args = ["pseudonymize", "--store", str(store), "--key", str(key), "--allow", "De Brink"]
    args += ["--deny-file", str(names), "--review", str(review)]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert _problems(err, key) == []
    assert _lines(out)[-1] == f"review table: {review}"
    texts = "".join(_texts(store).values())
    assert "eetgroep bij De Brink." in texts
    assert "Wuppie" not in texts
    with KeyFile(key) as keyfile:
        assert keyfile.lists() == (["De Brink"], ["Wuppie"])
    table = pd.read_csv(review)
    assert list(table.columns) == ["pseudonym", "category", "path", "count", "doc_id", "context"]
    assert "original" not in table.columns
    assert table["count"].sum() == int(SUMMARY.match(_lines(out)[0])["n"])
    data = review.read_bytes()
    assert originals_in(data.replace(b"De Brink", b"")) == []
    assert b"wuppie" not in data.lower()


def test_correcting_from_the_command_line(store: Path, tmp_path: Path, capsys) -> None:
    key = tmp_path / "project.sokwal-key"
    assert main(["pseudonymize", "--store", str(store), "--key", str(key)]) == 0
    assert "De Brink" not in "".join(_texts(store).values())
    places = tmp_path / "plaatsen.txt"
    places.write_text("# waar de projecten lopen\nDe Brink\n", encoding="utf-8")
    capsys.readouterr()
    args = ["pseudonymize", "--store", str(store), "--key", str(key)]
    assert main([*args, "--allow-file", str(places), "--deny", "Wuppie"]) == 0
    assert SUMMARY.match(capsys.readouterr().out.strip())["changed"] == "3"
    texts = "".join(_texts(store).values())
    assert "De Brink" in texts
    assert "Wuppie" not in texts


def test_review_as_excel(store: Path, tmp_path: Path, capsys) -> None:
    review = tmp_path / "review.xlsx"
    args = ["pseudonymize", "--store", str(store), "--key", str(tmp_path / "k.sokwal-key")]
    assert main([*args, "--review", str(review)]) == 0
    table = pd.read_excel(review)
    assert len(table) > 0
    assert "original" not in table.columns


def test_default_key_beside_the_store_is_not_ingested(corpus: Path, capsys) -> None:
    store = corpus / "project.sokwal"  # store and key inside the corpus folder
    assert main(["ingest", str(corpus), "--store", str(store), "--pseudonymize"]) == 0
    out = capsys.readouterr().out
    key = corpus / "project.sokwal-key"
    assert key.exists()
    assert f"key file: {key}" in out
    assert main(["ingest", str(corpus), "--store", str(store)]) == 0
    out, err = capsys.readouterr()
    assert "4 unchanged" in out
    assert "sokwal-key" not in out + err
    with ProjectStore(store) as the_store:
        assert sorted(the_store.documents()["path"]) == sorted(FILES)


def test_ingest_with_pseudonymize(corpus: Path, tmp_path: Path, capsys) -> None:
    store = tmp_path / "project.sokwal"
    key = tmp_path / "sleutel" / "project.sokwal-key"
    args = ["ingest", str(corpus), "--store", str(store), "--pseudonymize", "--key", str(key)]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert _problems(err, key) == []
    lines = _lines(out)
    assert lines[0] == f"4 files: 4 added -> {store}"
    assert lines[1].startswith("pseudonymized: 4 documents, 4 changed; ")
    assert originals_in(raw_bytes(store)) == []
    # a new file later: ingest without --pseudonymize warns, with it the file is done
    write_files(corpus, {"P01_2020_interview.txt": "I: En nu?\nR: Henk Brouwer kookt nu.\n"})
    assert main(["ingest", str(corpus), "--store", str(store)]) == 0
    out, err = capsys.readouterr()
    assert any(
        line.startswith("warning: ") and "pseudonymized before" in line for line in _lines(err)
    )
    assert "Henk Brouwer" in _texts(store)["P01_2020_interview.txt"]
    assert main(["pseudonymize", "--store", str(store), "--key", str(key)]) == 0
    assert SUMMARY.match(capsys.readouterr().out.strip())["changed"] == "1"
    assert b"henk" not in raw_bytes(store)


def test_missing_store(tmp_path: Path, capsys) -> None:
    missing = tmp_path / "nergens" / "project.sokwal"
    assert main(["pseudonymize", "--store", str(missing)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert _lines(err) == [f"error: {missing}: no project store here; check the --store path"]
    assert not missing.exists()
    assert not missing.parent.exists()


def test_wrong_key_file(store: Path, tmp_path: Path, capsys) -> None:
    key = tmp_path / "project.sokwal-key"
    assert main(["pseudonymize", "--store", str(store), "--key", str(key)]) == 0
    texts = _texts(store)
    capsys.readouterr()
    fresh = tmp_path / "nieuw.sokwal-key"
    assert main(["pseudonymize", "--store", str(store), "--key", str(fresh)]) == 2
    [line] = _lines(capsys.readouterr().err)
    assert line.startswith(f"error: {fresh}: ")
    assert "another key file" in line
    notes = tmp_path / "notities.txt"
    notes.write_text("geen sleutel\n" * 100, encoding="utf-8")
    assert main(["pseudonymize", "--store", str(store), "--key", str(notes)]) == 2
    [line] = _lines(capsys.readouterr().err)
    assert line.startswith(f"error: {notes}: not a sokwal-monitor key file")
    assert _texts(store) == texts


def test_unreadable_list_file(store: Path, tmp_path: Path, capsys) -> None:
    missing = tmp_path / "namen.txt"
    args = ["pseudonymize", "--store", str(store), "--key", str(tmp_path / "k.sokwal-key")]
    assert main([*args, "--deny-file", str(missing)]) == 2
    [line] = _lines(capsys.readouterr().err)
    assert line.startswith(f"error: {missing}: the list could not be read")
    latin = tmp_path / "latin.txt"
    latin.write_bytes("Fr\xe9d\xe9rique\n".encode("latin-1"))
    assert main([*args, "--allow-file", str(latin)]) == 2
    [line] = _lines(capsys.readouterr().err)
    assert line.startswith(f"error: {latin}: the list could not be read")


def test_installed_script_ingests_and_pseudonymizes(corpus: Path, tmp_path: Path, sokwal) -> None:
    """The one real subprocess: the console script, warnings as errors."""
    store = tmp_path / "project.sokwal"
    key = tmp_path / "sleutel" / "project.sokwal-key"
    done = sokwal("ingest", corpus, "--store", store, "--pseudonymize", "--key", key, timeout=120)
    assert done.returncode == 0, done.stderr
    assert _problems(done.stderr, key) == []
    assert any(
        line.startswith("pseudonymized: 4 documents, 4 changed;") for line in _lines(done.stdout)
    )
    assert originals_in(raw_bytes(store)) == []
    assert set(originals_in(key.read_bytes())) == set(PERSONAL)


def test_birth_date_years_option(tmp_path: Path, capsys) -> None:
    """--birth-date-years N sets the date policy; 0/none replaces only cued dates; a
    wrong value is a usage error (exit 2) that changes nothing. The three runs go through
    ``main`` in this process (deduce loads once); the usage error through the installed
    script."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "P01_2023_verslag.txt").write_text(
        "Op 12 maart 2001 gebeurde het. Mevrouw is geboren op 4 mei 2003.\n", encoding="utf-8"
    )
    texts = {}
    for value in ("16", "25", "none"):
        store = tmp_path / f"p{value}.sokwal"
        assert main(["ingest", str(corpus), "--store", str(store)]) == 0
        args = ["pseudonymize", "--store", str(store), "--key", str(tmp_path / f"k{value}")]
        assert main([*args, "--birth-date-years", value]) == 0, capsys.readouterr().err
        with ProjectStore(store) as s:
            texts[value] = s.text(s.documents()["doc_id"].item())
    assert "12 maart 2001" not in texts["16"] and "4 mei 2003" not in texts["16"]
    for value in ("25", "none"):  # 22 years: not old enough; the cued birth always goes
        assert "12 maart 2001" in texts[value] and "4 mei 2003" not in texts[value]
    store = tmp_path / "p16.sokwal"
    before = store.read_bytes()
    done = run_sokwal("pseudonymize", "--store", store, "--birth-date-years", "veel")
    assert done.returncode == 2 and "not a number of years" in done.stderr
    assert store.read_bytes() == before
