"""The OpenDocument text (.odt) reader, on files written by odfpy."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from files import check_blocks, encrypt_odt_manifest, make_docx, make_odt, patch_member

from sokwal_monitor.errors import (
    EmptyFileError,
    EncryptedFileError,
    UnreadableFileError,
    WrongFormatError,
)
from sokwal_monitor.ingestion.readers import read_document

INTERVIEW = [
    "Interviewer: Hoe gaat het met de coöperatie?",
    "Respondent: Goed. De geïnterviewde komt één keer per week.",
]


def read(path: Path):
    doc = read_document(path)
    check_blocks(doc)
    return doc


def test_headings_labels_and_title(tmp_path: Path) -> None:
    path = make_odt(
        tmp_path / "map met spaties" / "Gesprek één coöperatie.odt",
        [("h1", "Inleiding"), *INTERVIEW, ("h3", "Één detail"), "Respondent:", "Los antwoord."],
        title="Gesprek met de geïnterviewde",
    )
    doc = read(path)
    assert doc.title == "Gesprek met de geïnterviewde"
    assert doc.format == "odt"
    assert doc.text == "\n\n".join(
        ["Inleiding", *INTERVIEW, "Één detail", "Respondent:", "Los antwoord."]
    )
    got = [(b.kind, b.level, b.speaker, doc.block_text(b)) for b in doc.blocks]
    assert got == [
        ("heading", 1, None, "Inleiding"),
        ("paragraph", 0, "Interviewer", "Hoe gaat het met de coöperatie?"),
        ("paragraph", 0, "Respondent", "Goed. De geïnterviewde komt één keer per week."),
        ("heading", 3, None, "Één detail"),
        ("paragraph", 0, "Respondent", "Los antwoord."),
    ]
    assert doc.blocks[1].start == doc.text.index("Hoe gaat")


def test_labels_need_bold(tmp_path: Path) -> None:
    doc = read(make_odt(tmp_path / "plat.odt", INTERVIEW, bold_labels=False))
    assert [(b.speaker, doc.block_text(b)) for b in doc.blocks] == [(None, p) for p in INTERVIEW]


def test_comments_notes_header_footer_left_out_spaces_kept(tmp_path: Path) -> None:
    path = make_odt(
        tmp_path / "extra.odt",
        ["Wij werken samen."],
        header="KOPTEKST",
        footer="VOETTEKST",
        comment="COMMENTAAR",
        footnote="VOETNOOT",
        spaces=("één", 3, "spatie"),
    )
    with zipfile.ZipFile(path) as zf:  # the builder really wrote them
        content = zf.read("content.xml").decode()
        styles = zf.read("styles.xml").decode()
    assert "COMMENTAAR" in content and "VOETNOOT" in content and 'text:c="3"' in content
    assert "KOPTEKST" in styles and "VOETTEKST" in styles
    doc = read(path)
    assert doc.text == "Wij werken samen.\n\néén   spatie"


def test_lists_and_tables(tmp_path: Path) -> None:
    path = make_odt(
        tmp_path / "lijst.odt",
        ["Voor."],
        list_items=["eerste punt", "tweede punt"],
        table=[["Partner", "Rol"], ["Coöperatie", "trekker"]],
    )
    doc = read(path)
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks] == [
        ("paragraph", "Voor."),
        ("list", "eerste punt"),
        ("list", "tweede punt"),
        ("table", "Partner"),
        ("table", "Rol"),
        ("table", "Coöperatie"),
        ("table", "trekker"),
    ]


def test_deleted_tracked_change_is_left_out(tmp_path: Path) -> None:
    path = make_odt(tmp_path / "wijziging.odt", ["Blijft staan."])
    region = (
        '<text:tracked-changes><text:changed-region text:id="ct1"><text:deletion>'
        "<office:change-info><dc:creator>A</dc:creator></office:change-info>"
        "<text:p>WEGGEHAALD</text:p></text:deletion></text:changed-region></text:tracked-changes>"
    )

    def add_region(xml: str) -> str:
        xml = xml.replace("<office:text>", "<office:text>" + region, 1)
        if 'xmlns:dc="' not in xml:
            xml = xml.replace(
                "<office:document-content ",
                '<office:document-content xmlns:dc="http://purl.org/dc/elements/1.1/" ',
            )
        return xml

    patch_member(path, "content.xml", add_region)
    assert "WEGGEHAALD" in zipfile.ZipFile(path).read("content.xml").decode()
    doc = read(path)
    assert doc.text == "Blijft staan."
    assert doc.properties["warnings"] == [
        "the document has tracked changes: deleted text is left out"
    ]


def test_encrypted_odt(tmp_path: Path) -> None:
    path = encrypt_odt_manifest(make_odt(tmp_path / "geheim één.odt", INTERVIEW))
    with pytest.raises(EncryptedFileError, match="password-protected") as info:
        read_document(path)
    assert path.name in str(info.value)


def test_docx_named_odt(tmp_path: Path) -> None:
    docx = make_docx(tmp_path / "echt.docx", INTERVIEW)
    path = tmp_path / "verslag.odt"
    path.write_bytes(docx.read_bytes())
    with pytest.raises(WrongFormatError, match=r"it is a Word \.docx file") as info:
        read_document(path)
    assert path.name in str(info.value) and "rename it to .docx" in str(info.value)


def test_spreadsheet_named_odt(tmp_path: Path) -> None:
    path = make_odt(tmp_path / "cijfers.odt", ["x"])
    patch_member(path, "mimetype", lambda _: b"application/vnd.oasis.opendocument.spreadsheet")
    with pytest.raises(WrongFormatError, match="OpenDocument spreadsheet") as info:
        read_document(path)
    assert path.name in str(info.value)


def test_truncated_and_empty_odt(tmp_path: Path) -> None:
    whole = make_odt(tmp_path / "heel.odt", INTERVIEW)
    half = tmp_path / "half.odt"
    half.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(UnreadableFileError, match="half.odt.*damaged or incomplete"):
        read_document(half)
    empty = tmp_path / "leeg.odt"
    empty.touch()
    with pytest.raises(EmptyFileError, match="leeg.odt"):
        read_document(empty)


def test_entities_in_content_are_refused(tmp_path: Path) -> None:
    path = make_odt(tmp_path / "aanval.odt", ["@@X@@"], bold_labels=False)

    def attack(xml: str) -> str:
        head, _, rest = xml.partition("?>")
        doctype = '<!DOCTYPE office:document-content [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        return head + "?>" + doctype + rest.replace("@@X@@", "&x;")

    patch_member(path, "content.xml", attack)
    with pytest.raises(UnreadableFileError, match="aanval.odt: refused.*entity"):
        read_document(path)


def test_white_space_in_the_xml_collapses_like_in_libreoffice(tmp_path: Path) -> None:
    path = make_odt(tmp_path / "opgemaakt.odt", ["@@X@@"], bold_labels=False)
    pretty = "Eén\n      lange   regel\t<text:span>met   span</text:span>\n    einde"
    patch_member(path, "content.xml", lambda xml: xml.replace("@@X@@", pretty))
    assert read(path).text == "Eén lange regel met span einde"
