"""REFI-QDA projects as colleagues send them (issue 19): texts under a bare file name,
two sources with one text, codebook-only projects, rich text only, PDFs with a text
representation, pictures and audio, nameless users, notes on codings, sets and case
variables. Each fixture is written by hand in the layout the tools write; each must
import, and go round store -> qdpx -> store -> qdpx unchanged. Hostile paths are refused
with the file and the path named. Every export is read back by an independent
implementation (pyqdpx, from PyPI)."""

from __future__ import annotations

import io
import stat
import subprocess
import sys
import uuid
import zipfile
from collections.abc import Mapping
from pathlib import Path

import pytest
import xmlschema

from sokwal_monitor.merging import merge_store
from sokwal_monitor.refi import PROJECT_NAMESPACE, RefiError, export_qdpx, import_qdpx
from sokwal_monitor.store import ProjectStore, read_table

REFI_DIR = Path(__file__).parent / "data" / "refi-qda"


def G(label: str) -> str:
    """A fixed GUID per label (upper case, as ATLAS.ti and MAXQDA write them)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"issue19/{label}")).upper()


USERS = f'<Users><User guid="{G("u1")}" name="Ilse"/><User guid="{G("u2")}"/></Users>'
CODES = (
    "<CodeBook><Codes>"
    f'<Code guid="{G("c1")}" name="Samenwerking" isCodable="true" color="#FF0000">'
    "<Description>Werken met partners.</Description>"
    f'<Code guid="{G("c2")}" name="Tijd" isCodable="true"/></Code>'
    f'<Code guid="{G("c3")}" name="Geld" isCodable="true"/>'
    "</Codes></CodeBook>"
)
TEXT = "I: Wat ging goed?\r\nR: Samenwerken met de buurt kostte tijd.\r\n"
S1 = TEXT.replace("\r\n", "\n").index("Samenwerken")  # offsets count \r\n as one


def sel(start: int, end: int, code: str, label: str, user: str = "u1", inner: str = "") -> str:
    return (
        f'<PlainTextSelection guid="{G(label)}" startPosition="{start}" endPosition="{end}" '
        f'creatingUser="{G(user)}" creationDateTime="2024-03-01T10:00:00Z">'
        f'<Coding guid="{G(label + "c")}" creatingUser="{G(user)}" '
        f'creationDateTime="2024-03-01T10:00:00Z"><CodeRef targetGUID="{G(code)}"/>{inner}'
        "</Coding></PlainTextSelection>"
    )


def make(
    path: Path, body: str, files: Mapping[str, str | bytes] = {}, origin: str = "MAXQDA 2022"
) -> Path:
    xml = (
        '<?xml version="1.0" encoding="utf-8"?>\r\n'
        f'<Project xmlns="{PROJECT_NAMESPACE}" name="Buurt" origin="{origin}" '
        f'creatingUserGUID="{G("u1")}">{body}</Project>'
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", xml.encode("utf-8"))
        for name, data in files.items():
            archive.writestr(name, data)
    return path


def docx_bytes(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# -- the fixtures: name -> (project body, files) ----------------------------------------
def fixtures() -> dict[str, tuple[str, dict[str, str | bytes]]]:
    s1 = S1
    bare = (
        USERS + CODES + "<Sources>"
        f'<TextSource guid="{G("s1")}" name="interview_03" plainTextPath="interview_03.txt">'
        + sel(s1, s1 + 11, "c1", "p1")
        + "</TextSource></Sources>",
        {"sources/Interview_03.TXT": TEXT.encode("utf-8")},
    )
    twins = (
        USERS + CODES + "<Sources>"
        f'<TextSource guid="{G("s1")}" name="P01" plainTextPath="internal://{G("s1")}.txt">'
        + sel(s1, s1 + 11, "c1", "p1")
        + "</TextSource>"
        f'<TextSource guid="{G("s2")}" name="P01 (kopie)" plainTextPath="internal://'
        f'{G("s2")}.txt">' + sel(s1, s1 + 11, "c3", "p2", user="u2") + "</TextSource></Sources>",
        {f"Sources/{G('s1')}.txt": TEXT, f"Sources/{G('s2')}.txt": TEXT},
    )
    codebook_only = (USERS + CODES, {})
    paragraphs = ["Interviewer: Hoe ging het?", "Anna: Goed, met veel vrijwilligers."]
    rich = (
        USERS + CODES + "<Sources>"
        f'<TextSource guid="{G("s3")}" name="verslag.docx" richTextPath="internal://'
        f'{G("s3")}.docx">' + sel(34, 48, "c1", "p3") + "</TextSource></Sources>",
        {f"Sources/{G('s3')}.docx": docx_bytes(paragraphs)},
    )
    pdf_text = "Jaarverslag 2023\nDe buurt werkte samen.\n"
    media = (
        USERS + CODES + "<Sources>"
        f'<PDFSource guid="{G("s4")}" name="jaarverslag.pdf" path="internal://{G("s4")}.pdf">'
        f'<PDFSelection guid="{G("r1")}" page="0" firstX="1" firstY="2" secondX="3" '
        f'secondY="4"><Coding guid="{G("r1c")}" creatingUser="{G("u1")}"><CodeRef '
        f'targetGUID="{G("c3")}"/></Coding></PDFSelection>'
        f'<Representation guid="{G("s4r")}" name="Representation_for_jaarverslag.pdf" '
        f'plainTextPath="internal://{G("s4r")}.txt">'
        + sel(17, 39, "c1", "p4")
        + "</Representation></PDFSource>"
        f'<PictureSource guid="{G("s5")}" name="foto.jpg" path="internal://{G("s5")}.jpg">'
        f'<PictureSelection guid="{G("r2")}" firstX="0" firstY="0" secondX="9" secondY="9">'
        f'<Coding guid="{G("r2c")}" creatingUser="{G("u1")}"><CodeRef targetGUID="{G("c1")}"/>'
        "</Coding></PictureSelection></PictureSource>"
        f'<AudioSource guid="{G("s6")}" name="gesprek.m4a" path="relative:///gesprek.m4a"/>'
        "</Sources>",
        {f"Sources/{G('s4r')}.txt": pdf_text, f"Sources/{G('s4')}.pdf": b"%PDF-1.4 not read"},
    )
    notes = (
        USERS + CODES + "<Variables>"
        f'<Variable guid="{G("v1")}" name="Golf" typeOfVariable="Integer"/>'
        f'<Variable guid="{G("v2")}" name="Leeftijd" typeOfVariable="Integer"/>'
        f'<Variable guid="{G("v3")}" name="Project" typeOfVariable="Text"/></Variables>'
        f'<Cases><Case guid="{G("k1")}" name="Deelnemer 1">'
        f'<VariableValue><VariableRef targetGUID="{G("v2")}"/><IntegerValue>54</IntegerValue>'
        f'</VariableValue><VariableValue><VariableRef targetGUID="{G("v3")}"/>'
        f"<TextValue>buurtkracht</TextValue></VariableValue>"
        f'<SourceRef targetGUID="{G("s1")}"/></Case></Cases>'
        "<Sources>"
        f'<TextSource guid="{G("s1")}" name="P01" plainTextPath="internal://{G("s1")}.txt">'
        + sel(s1, s1 + 11, "c1", "p1", inner=f'<NoteRef targetGUID="{G("n1")}"/>')
        + sel(s1, s1 + 11, "c2", "p5", user="u2")
        + f'<VariableValue><VariableRef targetGUID="{G("v1")}"/><IntegerValue>2</IntegerValue>'
        "</VariableValue></TextSource>"
        f'<TextSource guid="{G("s7")}" name="P02" plainTextPath="internal://{G("s7")}.txt"/>'
        "</Sources>"
        f'<Notes><Note guid="{G("n1")}" name="Over deze codering" creatingUser="{G("u2")}">'
        "<PlainTextContent>Twijfel: is dit samenwerking of tijd?</PlainTextContent></Note>"
        "</Notes>"
        f'<Sets><Set guid="{G("set1")}" name="Eerste golf"><MemberSource targetGUID="'
        f'{G("s1")}"/><MemberSource targetGUID="{G("s7")}"/></Set>'
        f'<Set guid="{G("set2")}" name="Codes over tijd"><MemberCode targetGUID="{G("c2")}"/>'
        "</Set></Sets>",
        {f"Sources/{G('s1')}.txt": TEXT, f"Sources/{G('s7')}.txt": "R: Een tweede gesprek.\n"},
    )
    return {
        "bare": bare,
        "twins": twins,
        "codebook_only": codebook_only,
        "rich": rich,
        "media": media,
        "notes": notes,
    }


FIXTURES = fixtures()


def qdpx_of(tmp_path: Path, name: str) -> Path:
    body, files = FIXTURES[name]
    return make(tmp_path / f"{name}.qdpx", body, files)


def entries(qdpx: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(qdpx) as archive:
        return {info.filename: archive.read(info) for info in archive.infolist()}


# -- each case ----------------------------------------------------------------------------
def test_a_bare_file_name_is_found_in_sources_without_case(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, qdpx_of(tmp_path, "bare"))
        assert report.sources_skipped == [] and len(report.documents_added) == 1
        assert store.codings()["text"].tolist() == ["Samenwerken"]


def test_two_sources_with_one_text_stay_two_documents(tmp_path: Path) -> None:
    path = qdpx_of(tmp_path, "twins")
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, path)
        docs = store.documents()
        assert sorted(docs["title"]) == ["P01", "P01 (kopie)"]
        assert docs["sha256"].nunique() == 1 and docs["doc_id"].nunique() == 2
        assert any(
            "same text as 'P01': kept as a document of its own" in w for w in report.warnings
        )
        coded = store.codings().merge(docs[["doc_id", "title"]])
        assert sorted(zip(coded["title"], coded["code"], coded["coder"], strict=True)) == [
            ("P01", "Samenwerking", "Ilse"),
            ("P01 (kopie)", "Geld", f"user {G('u2').lower()[:8]}"),
        ]
        # importing again matches each source with its own document (by its GUID)
        again = import_qdpx(store, path)
        assert again.documents_added == [] and sorted(again.documents_matched) == sorted(
            docs["doc_id"]
        )
        assert again.codings_added == 0 and len(store.documents()) == 2


def test_merge_tells_two_documents_with_one_text_apart(tmp_path: Path) -> None:
    path = qdpx_of(tmp_path, "twins")
    with ProjectStore(tmp_path / "a.sokwal") as a, ProjectStore(tmp_path / "b.sokwal") as b:
        import_qdpx(a, path)
        import_qdpx(b, path, coder="Bram")
        report = merge_store(a, tmp_path / "b.sokwal")
        assert report.documents_matched == 2 and report.n_added == 2
        coded = a.codings().merge(a.documents()[["doc_id", "title"]])
        bram = coded[coded["coder"] == "Bram"]
        assert sorted(zip(bram["title"], bram["code"], strict=True)) == [
            ("P01", "Samenwerking"),
            ("P01 (kopie)", "Geld"),
        ]


def test_a_codebook_only_project_exports_its_codebook(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "s.sokwal") as store:
        assert read_table(store, "codebook").empty  # none yet: an empty table
        import_qdpx(store, qdpx_of(tmp_path, "codebook_only"))
        book = read_table(store, "codebook")
        assert list(book["code"]) == ["Samenwerking", "Tijd", "Geld"]
        assert book["parent"].fillna("").tolist() == ["", "Samenwerking", ""]
    done = subprocess.run(
        [sys.executable, "-m", "sokwal_monitor.cli", "export", "codebook", "--store",
         str(tmp_path / "s.sokwal")],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[1].startswith("Samenwerking,,Werken met partners.")


def test_rich_text_only_is_read_from_the_docx(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, qdpx_of(tmp_path, "rich"))
        text = store.documents(with_text=True)["text"][0]
        assert text.startswith("Interviewer: Hoe ging het?\n")
        assert store.codings()["text"].tolist() == [text[34:48]]
        assert any("read from Sources/" in w and ".docx" in w for w in report.warnings)


def test_pdf_text_and_media_sources(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, qdpx_of(tmp_path, "media"))
        docs = store.documents(with_text=True).set_index("title")
        assert docs.loc["jaarverslag.pdf", "text"] == "Jaarverslag 2023\nDe buurt werkte samen.\n"
        assert store.codings()["text"].tolist() == ["De buurt werkte samen."]
        assert report.documents_without_text == ["foto.jpg", "gesprek.m4a"]
        assert docs.loc["foto.jpg", "n_chars"] == 0 and docs.loc["gesprek.m4a", "n_chars"] == 0
        warned = " ".join(report.warnings)
        assert "1 PDF region, with its 1 coding, not imported" in warned
        assert "'foto.jpg' kept as a document without text: it is a picture source" in warned
        assert "with its 1 coding, which are not imported" in warned
        assert "without text" in report.summary()


def test_nameless_users_notes_on_codings_sets_and_case_variables(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, qdpx_of(tmp_path, "notes"))
        assert report.notes_on_codings == 1 and report.memos == 0
        codings = store.codings().set_index("code")
        assert codings.loc["Samenwerking", "memo"] == (
            "Over deze codering\n\nTwijfel: is dit samenwerking of tijd?"
        )
        nameless = f"user {G('u2').lower()[:8]}"
        assert codings.loc["Tijd", "coder"] == nameless
        assert any(f"has no name; their work is stored under the name '{nameless}'" in w
                   for w in report.warnings)  # fmt: skip
        docs = store.documents().set_index("title")
        assert docs.loc["P01", "project_id"] == "buurtkracht" and docs.loc["P01", "wave"] == "2"
        props = store.execute(
            "SELECT title, json_extract(properties, '$.refi_sets'),"
            " json_extract(attributes, '$.Leeftijd') FROM documents ORDER BY title"
        ).fetchall()
        assert props == [("P01", '["Eerste golf"]', 54), ("P02", '["Eerste golf"]', None)]
        assert any("set 'Codes over tijd': its 1 code or note member" in w for w in report.warnings)


# -- round trips and the independent reader ----------------------------------------------
@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_round_trip_store_qdpx_store_qdpx_is_identical(tmp_path: Path, name: str) -> None:
    (tmp_path / "1").mkdir()
    (tmp_path / "2").mkdir()
    first, second = tmp_path / "1" / "ronde.sokwal", tmp_path / "2" / "ronde.sokwal"
    import_qdpx(first, qdpx_of(tmp_path, name))
    a = export_qdpx(first, tmp_path / "a.qdpx")
    import_qdpx(second, a)
    b = export_qdpx(second, tmp_path / "b.qdpx")
    assert entries(a) == entries(b)
    xmlschema.XMLSchema(REFI_DIR / "Project.xsd").validate(entries(b)["project.qde"].decode())
    with ProjectStore(first) as one, ProjectStore(second) as two:
        cols = ["title", "n_chars", "sha256", "project_id", "wave", "kind"]
        assert one.documents()[cols].equals(two.documents()[cols])
        keys = ["start_char", "end_char", "code", "coder", "memo", "text"]
        assert (
            one.codings()[keys]
            .sort_values(keys)
            .reset_index(drop=True)
            .equals(two.codings()[keys].sort_values(keys).reset_index(drop=True))
        )


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_our_exports_are_read_by_pyqdpx(tmp_path: Path, name: str) -> None:
    """pyqdpx (DEpt-metagenom, MIT) is another implementation: it must find the same
    text sources, codes and codings, and the same coded texts."""
    pyqdpx = pytest.importorskip("pyqdpx")
    store = tmp_path / "s.sokwal"
    import_qdpx(store, qdpx_of(tmp_path, name))
    out = export_qdpx(store, tmp_path / "out.qdpx")
    project = pyqdpx.QDPX(str(out)).get_project()
    assert project is not None
    with ProjectStore(store) as st:
        docs = st.documents(with_text=True)
        coded = st.codings()
        texts = docs[docs["n_chars"] > 0]
        assert len(project.sources) == len(texts)
        assert len(project.codes) == len(st.codebook())
        theirs = sorted(
            (sel.code.name, sel.text)
            for source in project.sources.values()
            for sel in source.coded_selections.values()
        )
        assert theirs == sorted(zip(coded["code"], coded["text"], strict=True))
        assert {s.name for s in project.sources.values()} == set(texts["title"])


def test_pyqdpx_reads_our_qdc(tmp_path: Path) -> None:
    """pyqdpx has no .qdc reader; its project parser reads the same <CodeBook> element."""
    pytest.importorskip("pyqdpx")
    from sokwal_monitor.codebook import load_codebook
    from sokwal_monitor.refi import write_qdc

    cb = load_codebook()
    qdc = write_qdc(cb, tmp_path / "book.qdc")
    from pyqdpx.pyqdpx import QDE

    project = QDE(qdc.read_text(encoding="utf-8"), None)
    names = sorted(code.name for code in project.codes.values())
    assert names == sorted(code.name for code in cb)
    parents = {c.name: (c.parent.name if c.parent else None) for c in project.codes.values()}
    assert parents == {code.name: code.parent for code in cb}


# -- hostile paths -------------------------------------------------------------------------
@pytest.mark.parametrize(
    "reference",
    [
        "../interview_03.txt",
        "sources/../../etc/passwd",
        "/etc/passwd",
        "C:\\Users\\x\\interview_03.txt",
        "\\\\server\\share\\a.txt",
        "%2e%2e/interview_03.txt",
        "%2E%2E%2Finterview_03.txt",
        "relative://../a.txt",
        "file:///etc/passwd",
    ],
)
def test_hostile_relative_paths_are_refused_naming_the_file(tmp_path: Path, reference: str) -> None:
    body, files = FIXTURES["bare"]
    path = make(tmp_path / "boos.qdpx", body.replace('"interview_03.txt"', f'"{reference}"'), files)
    with ProjectStore(tmp_path / "s.sokwal") as store:
        if reference.startswith("file:"):  # another scheme: outside, never read
            with pytest.raises(RefiError, match=r"outside the archive \(file:///etc/passwd\)"):
                import_qdpx(store, path)
        else:
            with pytest.raises(RefiError) as info:
                import_qdpx(store, path)
            message = str(info.value)
            assert message.startswith(f"{path}: refused: source 'interview_03'")
            assert repr(reference) in message
        assert store.documents().empty


def test_a_symbolic_link_in_sources_is_refused(tmp_path: Path) -> None:
    body, _ = FIXTURES["bare"]
    path = tmp_path / "link.qdpx"
    make(path, body)
    with zipfile.ZipFile(path, "a") as archive:
        info = zipfile.ZipInfo("sources/interview_03.txt")
        info.create_system = 3
        info.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(info, "/etc/passwd")
    refused = r"refused: source 'interview_03' refers to sources/interview_03.txt, a symbolic"
    with ProjectStore(tmp_path / "s.sokwal") as store, pytest.raises(RefiError, match=refused):
        import_qdpx(store, path)


def test_a_relative_path_not_in_the_archive_is_missing(tmp_path: Path) -> None:
    body, _ = FIXTURES["bare"]
    path = make(tmp_path / "weg.qdpx", body)
    with ProjectStore(tmp_path / "s.sokwal") as store:
        with pytest.raises(RefiError, match=r"is not in the archive's Sources folder"):
            import_qdpx(store, path)
        report = import_qdpx(store, path, missing_sources="skip")
        assert report.sources_skipped == ["interview_03"]
