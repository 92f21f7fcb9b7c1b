"""Metadata: file-name patterns, document kinds, projects and documents files."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor.errors import MetadataError
from sokwal_monitor.ingestion.metadata import (
    DEFAULT_PATTERN,
    compile_pattern,
    load_documents_file,
    load_projects_file,
    meta_from_name,
    normalize_kind,
)

# -- the default file-name pattern -------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "P01_2018_interview_initiatiefnemer.docx",
            {"project_id": "P01", "wave": "2018", "kind": "interview", "role": "initiatiefnemer"},
        ),
        ("P02_t1_rapport.pdf", {"project_id": "P02", "wave": "t1", "kind": "rapport"}),
        ("P03-2019-verslag.md", {"project_id": "P03", "wave": "2019", "kind": "verslag"}),
        ("P1 2018 interview.txt", {"project_id": "P1", "wave": "2018", "kind": "interview"}),
        ("P01_W2_gesprek.vtt", {"project_id": "P01", "wave": "W2", "kind": "gesprek"}),
        (
            "ABC-12_ronde2_enquête.sav",
            {"project_id": "ABC-12", "wave": "ronde2", "kind": "enquête"},
        ),
        ("proj7_wave3.txt", {"project_id": "proj7", "wave": "wave3"}),
        ("P05_2020.docx", {"project_id": "P05", "wave": "2020"}),
        # a trailing number is a sequence number, not a role
        ("P01_2018_interview_2.docx", {"project_id": "P01", "wave": "2018", "kind": "interview"}),
        ("P01_2018_3.txt", {"project_id": "P01", "wave": "2018"}),
        (
            "P01_2018_interview_initiatiefnemer_2.docx",
            {"project_id": "P01", "wave": "2018", "kind": "interview", "role": "initiatiefnemer"},
        ),
        (
            "P04_2019_interview_Respondent (bewoner).txt",
            {
                "project_id": "P04",
                "wave": "2019",
                "kind": "interview",
                "role": "Respondent (bewoner)",
            },
        ),
        # only the file name counts, not its folders; Windows separators too
        (
            "interviews/2018/P01_2018_interview.docx",
            {"project_id": "P01", "wave": "2018", "kind": "interview"},
        ),
        (
            "interviews\\P06_2018_interview.docx",
            {"project_id": "P06", "wave": "2018", "kind": "interview"},
        ),
    ],
)
def test_default_pattern_reads_names(name: str, expected: dict) -> None:
    assert meta_from_name(name) == expected
    assert meta_from_name(Path(name.replace("\\", "/"))) == expected


@pytest.mark.parametrize(
    "name",
    [
        "notities.txt",
        "Verslag coöperatie één.txt",
        "2018_P01_interview.txt",
        "P01.txt",
        "P01_3018_interview.txt",
        "P01_2018.final.txt",
        "interview P01 2018 extra woorden hier.txt",
        "P01_2018_interview_initiatiefnemer.extra_deel.docx",
    ],
)
def test_default_pattern_does_not_match(name: str) -> None:
    assert meta_from_name(name) == {}


def test_default_pattern_compiles_with_the_known_groups() -> None:
    regex = re.compile(DEFAULT_PATTERN)
    assert set(regex.groupindex) == {"project_id", "wave", "kind", "role"}
    assert compile_pattern(None).pattern == DEFAULT_PATTERN


def test_names_in_nfd_are_normalized() -> None:
    name = unicodedata.normalize("NFD", "P01_2018_interview_coördinator.txt")
    assert meta_from_name(name)["role"] == unicodedata.normalize("NFC", "coördinator")


def test_custom_pattern_with_extra_groups() -> None:
    pattern = r"^(?P<gemeente>[a-z]+)_(?P<project_id>\d+)_(?P<wave>t\d)$"
    assert meta_from_name("zwolle_12_t2.docx", pattern) == {
        "gemeente": "zwolle",
        "project_id": "12",
        "wave": "t2",
    }
    assert meta_from_name("zwolle_12.docx", pattern) == {}
    compiled = compile_pattern(pattern)
    assert meta_from_name("utrecht_3_t1.txt", compiled)["gemeente"] == "utrecht"


def test_custom_pattern_leaves_out_empty_groups() -> None:
    pattern = r"^(?P<project_id>P\d+)(?:_(?P<wave>\d{4}))?$"
    assert meta_from_name("P09.txt", pattern) == {"project_id": "P09"}


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        ("(?P<project_id>P\\d+", "not a valid regular expression"),
        ("[", "not a valid regular expression"),
        (r"^(?P<naam>\w+)_(\d+)$", "no named group for any of project_id, wave, kind, role"),
        (r"^P\d+$", "no named group"),
    ],
)
def test_bad_patterns(pattern: str, words: str) -> None:
    with pytest.raises(MetadataError, match=re.escape(words)) as info:
        compile_pattern(pattern)
    # the message shows the pattern as the user wrote it (no doubled backslashes)
    assert f"'{pattern}'" in str(info.value)


# -- document kinds ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("interview", "interview"),
        ("Interviews", "interview"),
        ("GESPREK", "interview"),
        ("transcriptie", "interview"),
        ("focusgroep", "interview"),
        ("report", "report"),
        ("rapport", "report"),
        ("Rapportage", "report"),
        ("verslag", "report"),
        ("eindverslag", "report"),
        ("evaluatie", "report"),
        ("survey", "survey"),
        ("enquête", "survey"),
        ("Enquete", "survey"),
        ("ENQUÊTE", "survey"),
        (unicodedata.normalize("NFD", "enquête"), "survey"),
        ("vragenlijst", "survey"),
        ("other", "other"),
        ("overig", "other"),
        ("  verslag  ", "report"),
    ],
)
def test_normalize_kind(word: str, kind: str) -> None:
    assert normalize_kind(word) == kind


@pytest.mark.parametrize("word", [None, "", "   ", "kladblok", "interviewverslag", "2018"])
def test_normalize_kind_unknown(word: str | None) -> None:
    assert normalize_kind(word) is None


# -- projects files ----------------------------------------------------------------------


def test_projects_csv_with_commas(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text(
        "project_id,naam,gemeente\nP01,Samen aan tafel,Utrecht\nP02,Buurtkracht,Zwolle\n",
        encoding="utf-8",
    )
    frame = load_projects_file(path)
    assert list(frame.columns) == ["project_id", "naam", "gemeente"]
    assert frame.to_dict("records") == [
        {"project_id": "P01", "naam": "Samen aan tafel", "gemeente": "Utrecht"},
        {"project_id": "P02", "naam": "Buurtkracht", "gemeente": "Zwolle"},
    ]


def test_projects_csv_with_semicolons_and_commas_in_values(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text(
        "project_id;naam;gemeente\nP01;Samen, aan tafel;Utrecht\nP02;Buurt;Zwolle\n",
        encoding="utf-8",
    )
    frame = load_projects_file(path)
    assert frame["naam"].tolist() == ["Samen, aan tafel", "Buurt"]
    assert frame["gemeente"].tolist() == ["Utrecht", "Zwolle"]


def test_projects_csv_in_cp1252_with_crlf(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    content = "project_id;naam;gemeente\r\nP01;Coöperatie één;Súdwest-Fryslân\r\n"
    path.write_bytes(content.encode("cp1252"))
    frame = load_projects_file(path)
    assert frame.to_dict("records") == [
        {"project_id": "P01", "naam": "Coöperatie één", "gemeente": "Súdwest-Fryslân"}
    ]


def test_projects_csv_with_bom_tabs_and_messy_headers(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    content = "Project_ID\tNaam Project \r\n P01 \t Samen aan tafel \r\n\r\nP02\tBuurt\r\n"
    path.write_bytes(b"\xef\xbb\xbf" + content.encode("utf-8"))
    frame = load_projects_file(path)
    assert list(frame.columns) == ["project_id", "naam_project"]
    # surrounding spaces go, blank lines are dropped
    assert frame.to_dict("records") == [
        {"project_id": "P01", "naam_project": "Samen aan tafel"},
        {"project_id": "P02", "naam_project": "Buurt"},
    ]


def test_projects_csv_with_only_a_project_id_column(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text("project_id\nP01\nP02\nP_03\n", encoding="utf-8")
    frame = load_projects_file(path)
    assert list(frame.columns) == ["project_id"]
    assert frame["project_id"].tolist() == ["P01", "P02", "P_03"]


def test_projects_rows_without_an_id_are_dropped(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text("project_id,naam\nP01,Een\n,Zonder id\n  ,Ook niet\nP02,Twee\n")
    assert load_projects_file(path)["project_id"].tolist() == ["P01", "P02"]


def test_projects_xlsx(tmp_path: Path) -> None:
    path = tmp_path / "projects.xlsx"
    pd.DataFrame(
        {
            "project_id": ["P01", "P02"],
            "Naam": ["Samen aan tafel", "Coöperatie één"],
            "startjaar": [2018, 2019],
        }
    ).to_excel(path, index=False)
    frame = load_projects_file(path)
    assert frame.to_dict("records") == [
        {"project_id": "P01", "naam": "Samen aan tafel", "startjaar": "2018"},
        {"project_id": "P02", "naam": "Coöperatie één", "startjaar": "2019"},
    ]


@pytest.mark.parametrize("content", [b"", b"\n\n  \n", b"\xef\xbb\xbf"])
def test_empty_projects_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "projects.csv"
    path.write_bytes(content)
    with pytest.raises(MetadataError, match="empty") as info:
        load_projects_file(path)
    assert str(path) in str(info.value)


def test_projects_file_without_project_id(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text("id;naam\nP01;Een\n", encoding="utf-8")
    with pytest.raises(MetadataError) as info:
        load_projects_file(path)
    message = str(info.value)
    assert str(path) in message
    assert "no project_id column" in message
    assert "found: id, naam" in message


def test_projects_file_with_duplicate_ids(tmp_path: Path) -> None:
    path = tmp_path / "projects.csv"
    path.write_text("project_id,naam\nP01,Een\nP02,Twee\n P01 ,Drie\nP02,Vier\n")
    with pytest.raises(MetadataError, match="more than once: P01, P02") as info:
        load_projects_file(path)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("name", "content", "words"),
    [
        ("ontbreekt.csv", None, "does not exist"),
        ("projects.json", b"{}", "must be .csv or .xlsx"),
        ("projects.xlsx", b"geen zip-bestand", "could not be read as a table"),
        ("projects.csv", b"\x00\x01\x02\x00" * 100, "could not be read as a table"),
    ],
)
def test_unreadable_projects_files(
    tmp_path: Path, name: str, content: bytes | None, words: str
) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    with pytest.raises(MetadataError, match=words) as info:
        load_projects_file(path)
    assert str(path) in str(info.value)


# -- documents files ----------------------------------------------------------------------


def test_documents_file(tmp_path: Path) -> None:
    path = tmp_path / "documents.csv"
    nfd = unicodedata.normalize("NFD", "verslagen/coöperatie.txt")
    path.write_text(
        "Path,project_id,wave,kind,role,interviewer\n"
        "interviews/P01.docx,P01,2018,interview,initiatiefnemer,Sanne\n"
        f"./{nfd},P02,,verslag,,\n"
        "interviews\\P03.docx,P03,2019,,,\n"
        ",P04,2020,,,\n",
        encoding="utf-8",
    )
    meta = load_documents_file(path)
    assert meta.source == path
    assert meta.lookup("interviews/P01.docx") == {
        "project_id": "P01",
        "wave": "2018",
        "kind": "interview",
        "role": "initiatiefnemer",
        "interviewer": "Sanne",
    }
    assert meta.lookup("verslagen/coöperatie.txt") == {"project_id": "P02", "kind": "verslag"}
    assert meta.lookup("interviews/P03.docx") == {"project_id": "P03", "wave": "2019"}
    assert meta.lookup("interviews\\P03.docx") == {"project_id": "P03", "wave": "2019"}
    assert meta.lookup("elders.docx") is None
    assert len(meta.rows) == 3  # the row without a path is left out
    assert meta.unused({"interviews/P01.docx", "verslagen/coöperatie.txt"}) == [
        "interviews/P03.docx"
    ]


def test_documents_file_respondent_role_column(tmp_path: Path) -> None:
    path = tmp_path / "documents.xlsx"
    pd.DataFrame({"path": ["a.txt"], "respondent_role": ["vrijwilliger"]}).to_excel(
        path, index=False
    )
    assert load_documents_file(path).lookup("a.txt") == {"role": "vrijwilliger"}


def test_documents_file_without_path_column(tmp_path: Path) -> None:
    path = tmp_path / "documents.csv"
    path.write_text("bestand;project_id\na.txt;P01\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="no path column") as info:
        load_documents_file(path)
    assert str(path) in str(info.value)
