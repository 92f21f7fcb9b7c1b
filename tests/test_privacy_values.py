"""Personal data outside the texts (survey answers, metadata, memos, file paths) and the
privacy report: consistent pseudonyms, idempotent runs, originals only in the key file."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pyreadstat
import pytest

from sokwal_monitor.cli import main
from sokwal_monitor.errors import SokwalError
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.privacy import KeyFile, privacy_report, pseudonymize
from sokwal_monitor.privacy.detect import deduce_pipeline
from sokwal_monitor.privacy.report import suspects
from sokwal_monitor.privacy.values import MetadataColumns, path_matches
from sokwal_monitor.store import ProjectStore

INTERVIEW = (
    "I: Hoe is het project begonnen?\n"
    "R: Samen met Jan de Vries zijn we begonnen met een eetgroep.\n"
    "I: Wie kookt er?\n"
    "R: Meestal kookt Jan de Vries, soms Gerrit Hofstede.\n"
)
PROJECTS = (
    "project_id,naam,gemeente,contactpersoon,opmerking\n"
    "P01,Samen aan tafel,Rijssen,Gerrit Hofstede,Opgezet door Jan de Vries in 2018\n"
)
NAMES = ["Jan de Vries", "Jan_de_Vries", "Gerrit Hofstede", "Hofstede", "Annemiek Veldkamp"]


@pytest.fixture(scope="module", autouse=True)
def _deduce() -> None:
    deduce_pipeline()


def raw(store: Path) -> bytes:
    return b"".join(p.read_bytes() for p in sorted(store.parent.glob(store.name + "*")))


def make(tmp_path: Path, survey: bool = True) -> tuple[Path, Path, Path]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "P01_2018_interview_Jan_de_Vries.txt").write_text(INTERVIEW, encoding="utf-8")
    (corpus / "projects.csv").write_text(PROJECTS, encoding="utf-8")
    if survey:
        frame = pd.DataFrame(
            {
                "resp": [1.0, 2.0, 3.0],
                "open": [
                    "Jan de Vries heeft me heel goed geholpen.",
                    "ja",
                    "Ik ken niemand, behalve mevrouw Annemiek Veldkamp.",
                ],
            }
        )
        pyreadstat.write_sav(frame, str(corpus / "P01_2018_enquete.sav"))
    store, key = tmp_path / "p.sokwal", tmp_path / "sleutel" / "k.sokwal-key"
    report = ingest(store, corpus)
    assert report.exit_code == 0, report.outcomes
    return corpus, store, key


def add_memo(store: Path, author: str, text: str) -> None:
    with ProjectStore(store) as s, s.transaction():
        s.insert_memo_once("project", "P01", author, text, "2024-01-01", "2024-01-01")


def pseudonym_of(key: Path, name: str) -> str:
    """The pseudonym of an original mention, from the key file."""
    with KeyFile(key) as keyfile:
        return next(p for p, _, text in keyfile.mentions() if text == name)


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_survey_answers_get_the_same_pseudonyms_as_the_texts(tmp_path: Path) -> None:
    _, store, key = make(tmp_path)
    pseudonymize(store, key)
    with ProjectStore(store) as s:
        text = s.documents(with_text=True).set_index("kind").loc["interview", "text"]
        answers = s.survey_values().query("variable == 'open'")["value"].tolist()
    jan = pseudonym_of(key, "Jan de Vries")
    assert f"Samen met {jan} zijn" in text
    assert answers[0] == f"{jan} heeft me heel goed geholpen."
    assert answers[1] == "ja"
    assert "Veldkamp" not in answers[2] and "[PERSOON-" in answers[2]
    assert [n for n in NAMES if n.encode() in raw(store)] == []
    with KeyFile(key) as keyfile:
        kept = {o for o, *_ in keyfile.value_originals().values()}
    assert "Jan de Vries heeft me heel goed geholpen." in kept


def test_a_second_run_changes_nothing_and_starts_from_the_originals(tmp_path: Path) -> None:
    _, store, key = make(tmp_path)
    add_memo(store, "Annemiek Veldkamp", "Gerrit Hofstede belde over Jan de Vries.")
    pseudonymize(store, key)
    with ProjectStore(store) as s:
        first = (s.survey_values(), s.projects(), s.memos(), s.documents())
    again = pseudonymize(store, key)
    assert again.n_values_changed == 0 and again.changed == []
    with ProjectStore(store) as s:
        second = (s.survey_values(), s.projects(), s.memos(), s.documents())
    for a, b in zip(first, second, strict=True):
        pd.testing.assert_frame_equal(a, b)
    # a corrected allow list is applied to the values from their originals
    pseudonymize(store, key, allow=["Hofstede", "Gerrit Hofstede"])
    with ProjectStore(store) as s:
        assert s.projects()["contactpersoon"].item() == "Gerrit Hofstede"
        assert s.memos()["text"].item().startswith("Gerrit Hofstede belde over [PERSOON-")


def test_free_text_metadata_and_memos(tmp_path: Path) -> None:
    _, store, key = make(tmp_path, survey=False)
    add_memo(store, "Annemiek Veldkamp", "Gerrit Hofstede belde over Jan de Vries.")
    pseudonymize(store, key)
    with ProjectStore(store) as s:
        project = s.projects().iloc[0]
        memo = s.memos().iloc[0]
        text = s.documents(with_text=True)["text"].item()
    jan, gerrit = pseudonym_of(key, "Jan de Vries"), pseudonym_of(key, "Gerrit Hofstede")
    assert f"soms {gerrit}." in text
    assert project["opmerking"] == f"Opgezet door {jan} in 2018"
    assert project["contactpersoon"] == gerrit
    assert (project["naam"], project["gemeente"]) == ("Samen aan tafel", "Rijssen")  # kept
    assert memo["text"] == f"{gerrit} belde over {jan}."
    assert memo["author"].startswith("[PERSOON-")
    assert [n for n in NAMES if n.encode() in raw(store)] == []


def test_metadata_columns_are_configurable(tmp_path: Path) -> None:
    _, store, key = make(tmp_path, survey=False)
    pseudonymize(store, key, keep_columns=["contactpersoon"])
    with ProjectStore(store) as s:
        assert s.projects()["contactpersoon"].item() == "Gerrit Hofstede"
    columns = MetadataColumns.of(free_text=["gemeente"])
    assert columns.is_free_text("gemeente", "Rijssen")
    assert not MetadataColumns.of().is_free_text("project_code", "Jan de Vries")
    assert not MetadataColumns.of().is_free_text("opmerking", "12-03-2019")
    assert not MetadataColumns.of().is_free_text("opmerking", 12)


def test_a_file_path_with_a_name(tmp_path: Path) -> None:
    corpus, store, key = make(tmp_path, survey=False)
    pseudonymize(store, key)
    with ProjectStore(store) as s:
        paths = s.documents()["path"].tolist()
    assert len(paths) == 1 and paths[0].startswith("P01_2018_interview_[PERSOON-")
    assert paths[0].endswith("].txt")
    assert b"Jan_de_Vries" not in raw(store)
    report = ingest(store, corpus)  # the same folder again
    assert [o.status for o in report.outcomes] == ["unchanged"]
    assert b"Jan_de_Vries" not in raw(store)
    with KeyFile(key) as keyfile:
        originals = {o for o, *_ in keyfile.value_originals().values()}
    assert "P01_2018_interview_Jan_de_Vries.txt" in originals


def test_a_changed_file_behind_a_display_path_becomes_its_next_version(tmp_path: Path) -> None:
    corpus, store, key = make(tmp_path, survey=False)
    pseudonymize(store, key)
    file = corpus / "P01_2018_interview_Jan_de_Vries.txt"
    file.write_text(INTERVIEW + "R: Dat was het.\n", encoding="utf-8")
    assert ingest(store, corpus).exit_code == 0
    pseudonymize(store, key)
    with ProjectStore(store) as s:
        docs = s.documents(all_versions=True).sort_values("version")
    assert docs["version"].tolist() == [1, 2]
    assert docs["path"].nunique() == 1 and docs["is_current"].tolist() == [False, True]
    assert b"Jan_de_Vries" not in raw(store)


def test_path_matches() -> None:
    assert path_matches("a/x_[PERSOON-1]_[PERSOON-2].txt", "a/x_Jan_Piet.txt")
    assert not path_matches("a/x_[PERSOON-1].txt", "a/x_Jan.docx")
    assert not path_matches("a/x.txt", "a/y.txt")
    assert not path_matches("x_[PERSOON-1].txt", "x_a/b.txt")  # a pseudonym is no folder


# -- the privacy report ------------------------------------------------------------------
PLANTED = (
    "I: Wie hielp er nog meer?\n"
    "R: Vooral Jan de Vries. En ook Quirijntje kwam langs, die is op 0612-34-5678 bereikbaar.\n"
    "Ze begon op 12-03-2019 bij ons.\n"
)


def test_the_review_list_finds_a_planted_name_and_number() -> None:
    found = {(s.kind, s.text) for s in suspects("Gisteren kwam Quirijntje langs in Rijssen.")}
    assert ("onbekend woord", "Quirijntje") in found
    assert all(text != "Rijssen" for _, text in found)  # a known place
    assert all(text != "Gisteren" for _, text in found)  # a sentence start
    numbers = {s.text for s in suspects("Bel 0548 123456 of 06.12.34.56.78, 1234 AB, 123456782.")}
    assert {"0548 123456", "06.12.34.56.78", "1234 AB", "123456782"} <= numbers


def test_privacy_report_files_and_page(tmp_path: Path, screenshot_root: Path) -> None:
    from browser import chromium_required, render_page

    corpus, store, key = make(tmp_path)
    (corpus / "P01_2019_interview.txt").write_text(PLANTED, encoding="utf-8")
    ingest(store, corpus)
    pseudonymize(store, key, deny=[])
    with ProjectStore(store) as s:
        text = s.documents(with_text=True).set_index("path").loc["P01_2019_interview.txt", "text"]
    assert "Quirijntje" in text  # detection missed these two: the review list must find them
    assert "12-03-2019" in text  # a recent date stays
    assert "0612-34-5678" not in text  # a phone number in any grouping is found
    out = tmp_path / "out"
    report = privacy_report(store, out)
    assert {p.name for p in report.files} == {
        "privacy-report.html", "replaced.csv", "kept.csv", "review.csv"
    }  # fmt: skip
    review = read_csv(out / "review.csv")
    texts = [row["tekst"] for row in review]
    assert "Quirijntje" in texts
    assert "12-03-2019" in texts
    assert int(review[0]["prioriteit"]) <= int(review[-1]["prioriteit"])  # sorted
    replaced = read_csv(out / "replaced.csv")
    assert "origineel" not in replaced[0]
    assert {r["bron"] for r in replaced} >= {"tekst", "enquête", "project", "pad"}
    kept = read_csv(out / "kept.csv")
    assert ("plaats", "Rijssen") in {(r["soort"], r["tekst"]) for r in kept}
    page = (out / "privacy-report.html").read_text(encoding="utf-8")
    assert "Jan de Vries" not in page and "<script" not in page and "http" not in page
    with_key = privacy_report(store, tmp_path / "met-sleutel", key)
    rows = read_csv(with_key.folder / "replaced.csv")
    assert any("Jan de Vries" in r["origineel"] for r in rows)
    chromium_required()
    shot = screenshot_root / "privacy" / "privacy-report.png"  # never inside the repo
    shot.parent.mkdir(parents=True, exist_ok=True)
    rendered = render_page(out / "privacy-report.html", screenshot=shot)
    assert rendered.console_errors == [] and rendered.failed_requests == []
    assert rendered.blocked_requests == []
    assert "Privacyrapport" in rendered.title and "Quirijntje" in rendered.text
    assert shot.stat().st_size > 0


def test_privacy_report_refuses_bad_input(tmp_path: Path) -> None:
    empty = tmp_path / "leeg.sokwal"
    ProjectStore(empty).close()
    with pytest.raises(SokwalError, match="no documents"):
        privacy_report(empty, tmp_path / "out")
    _, store, key = make(tmp_path, survey=False)
    with pytest.raises(SokwalError, match="not been pseudonymized"):
        privacy_report(store, tmp_path / "out")
    pseudonymize(store, key)
    with pytest.raises(SokwalError, match="no such key file"):
        privacy_report(store, tmp_path / "out", tmp_path / "nergens.sokwal-key")
    blocker = tmp_path / "een-bestand"
    blocker.write_text("x", encoding="utf-8")
    with pytest.raises(SokwalError, match="cannot be written"):
        privacy_report(store, blocker / "out")


def test_cli_privacy_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, store, key = make(tmp_path, survey=False)
    assert main(["privacy-report", "--store", str(store), "--out", str(tmp_path / "o")]) == 2
    assert "error: " in capsys.readouterr().err
    pseudonymize(store, key)
    argv = ["privacy-report", "--store", str(store), "--out", str(tmp_path / "o")]
    assert main([*argv, "--key", str(key)]) == 0
    assert (tmp_path / "o" / "privacy-report.html").is_file()
    assert main([*argv, "--key", str(tmp_path / "geen.sokwal-key")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(f"error: {tmp_path / 'geen.sokwal-key'}: ")
    assert main(["privacy-report", "--store", str(tmp_path / "x.sokwal"), "--out", "o"]) == 2
