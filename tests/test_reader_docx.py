"""The Word (.docx) reader, on files written by python-docx and patched by hand."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from files import W_NS, check_blocks, make_docx, make_pdf, patch_member, replace_run

from sokwal_monitor.errors import (
    EmptyFileError,
    EncryptedFileError,
    UnreadableFileError,
    WrongFormatError,
)
from sokwal_monitor.ingestion.readers import _sniff, read_document

INTERVIEW = [
    "Interviewer: Hoe gaat het met de coöperatie?",
    "Respondent: Goed. De geïnterviewde komt één keer per week.",
    "Interviewer: En daarna?",
]


def read(path: Path):
    doc = read_document(path)
    check_blocks(doc)
    return doc


def spans(doc) -> list[tuple[str, str | None, str]]:
    return [(b.kind, b.speaker, doc.block_text(b)) for b in doc.blocks]


def test_bold_labels_become_speakers_with_exact_content_offsets(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "map met spaties" / "Interview coöperatie één.docx", INTERVIEW)
    doc = read(path)
    assert doc.text == "\n\n".join(INTERVIEW)
    assert doc.format == "docx"
    assert spans(doc) == [
        ("paragraph", "Interviewer", "Hoe gaat het met de coöperatie?"),
        ("paragraph", "Respondent", "Goed. De geïnterviewde komt één keer per week."),
        ("paragraph", "Interviewer", "En daarna?"),
    ]
    second = doc.blocks[1]
    assert doc.text[: second.start].endswith("\n\nRespondent: ")
    assert second.start == doc.text.index("Goed.")


@pytest.mark.parametrize(
    ("runs", "speaker", "content"),
    [
        ([("Interviewer", True), (": Hoe gaat het?", False)], "Interviewer", "Hoe gaat het?"),
        ([("Inter", True), ("viewer:", True), ("\tJa.", False)], "Interviewer", "Ja."),
        ([("**R1:**", True), (" Ja, één keer.", False)], "R1", "Ja, één keer."),
        ([("Dat was ", False), ("belangrijk:", True), (" echt", False)], None, None),
        ([("Vet maar geen label", True), (" en dan tekst.", False)], None, None),
        ([("Interviewer: alles vet", True)], None, None),
    ],
)
def test_only_a_leading_bold_run_ending_in_a_colon_is_a_label(
    tmp_path: Path, runs: list[tuple[str, bool]], speaker: str | None, content: str | None
) -> None:
    doc = read(make_docx(tmp_path / "labels.docx", [runs]))
    whole = "".join(text for text, _ in runs).strip()
    assert doc.text == whole
    assert doc.blocks[0].speaker == speaker
    assert doc.block_text(doc.blocks[0]) == (content if content is not None else whole)


def test_timestamp_before_a_bold_label_becomes_start_time(tmp_path: Path) -> None:
    paragraphs = [
        [("[00:03:12] Interviewer:", True), (" Wanneer begon de coöperatie?", False)],
        [("12:05 - R1:", True)],
        "In 2018, met één buurthuis.",
    ]
    doc = read(make_docx(tmp_path / "tijden.docx", paragraphs))
    assert [(b.speaker, b.start_time, doc.block_text(b)) for b in doc.blocks] == [
        ("Interviewer", 192.0, "Wanneer begon de coöperatie?"),
        ("R1", 725.0, "In 2018, met één buurthuis."),
    ]
    assert doc.text.startswith("[00:03:12] Interviewer: Wanneer")


def test_labels_in_plain_text_are_not_speakers(tmp_path: Path) -> None:
    doc = read(make_docx(tmp_path / "plain.docx", INTERVIEW, bold_labels=False))
    assert [b.speaker for b in doc.blocks] == [None, None, None]
    assert [doc.block_text(b) for b in doc.blocks] == INTERVIEW


def test_label_alone_in_its_paragraph_names_the_next_one(tmp_path: Path) -> None:
    paragraphs = ["Respondent:", "Eerste alinea van één antwoord.", "Tweede alinea."]
    doc = read(make_docx(tmp_path / "alone.docx", paragraphs))
    assert doc.text == "Respondent:\n\nEerste alinea van één antwoord.\n\nTweede alinea."
    assert spans(doc) == [
        ("paragraph", "Respondent", "Eerste alinea van één antwoord."),
        ("paragraph", None, "Tweede alinea."),
    ]


def test_headings_from_english_dutch_and_title_styles(tmp_path: Path) -> None:
    paragraphs = [
        ("Title", "Evaluatie coöperatie"),
        ("Heading 1", "Inleiding"),
        ("Heading 2", "Aanpak"),
        ("Heading 3", "Één detail"),
        "Gewone tekst.",
        ("List Bullet", "een punt"),
    ]
    doc = read(make_docx(tmp_path / "kop.docx", paragraphs, style_names={"Heading 2": "Kop 2"}))
    got = [(b.kind, b.level, doc.block_text(b)) for b in doc.blocks]
    assert got == [
        ("heading", 1, "Evaluatie coöperatie"),
        ("heading", 1, "Inleiding"),
        ("heading", 2, "Aanpak"),
        ("heading", 3, "Één detail"),
        ("paragraph", 0, "Gewone tekst."),
        ("list", 0, "een punt"),
    ]


def test_table_cells_are_table_blocks_in_reading_order(tmp_path: Path) -> None:
    table = [["Partner", "Rol"], ["Coöperatie", "één trekker"]]
    doc = read(make_docx(tmp_path / "tabel.docx", ["Voor de tabel."], table=table))
    assert spans(doc) == [
        ("paragraph", None, "Voor de tabel."),
        ("table", None, "Partner"),
        ("table", None, "Rol"),
        ("table", None, "Coöperatie"),
        ("table", None, "één trekker"),
    ]


def test_header_footer_and_comment_are_not_body_text(tmp_path: Path) -> None:
    path = make_docx(
        tmp_path / "extra.docx",
        INTERVIEW,
        header="KOPTEKST vertrouwelijk",
        footer="VOETTEKST pagina",
        comment="COMMENTAAR van de onderzoeker",
        title="Gesprek één",
    )
    with zipfile.ZipFile(path) as zf:  # the builder really wrote them
        names = set(zf.namelist())
        assert {"word/comments.xml", "word/header1.xml", "word/footer1.xml"} <= names
    doc = read(path)
    assert doc.text == "\n\n".join(INTERVIEW)
    assert doc.title == "Gesprek één"


def test_tracked_changes_fields_hidden_text_tabs_and_breaks(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "wijzigingen.docx", ["Wij @@DEL@@@@INS@@@@FIELD@@@@MISC@@"])
    date = 'w:author="A" w:date="2024-01-01T00:00:00Z"'
    replacements = {
        "@@DEL@@": f'<w:del w:id="1" {date}><w:r><w:delText>WEGGEHAALD</w:delText></w:r></w:del>',
        "@@INS@@": f'<w:ins w:id="2" {date}><w:r><w:t>toegevoegd</w:t></w:r></w:ins>',
        "@@FIELD@@": '<w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>7</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
        "@@MISC@@": "<w:r><w:rPr><w:vanish/></w:rPr><w:t>VERBORGEN</w:t></w:r>"
        "<w:r><w:t>a</w:t><w:tab/><w:t>b</w:t><w:br/><w:t>c</w:t></w:r>",
    }

    def patch(xml: str) -> str:
        for marker, replacement in replacements.items():
            xml = xml.replace(marker, f"</w:t></w:r>{replacement}<w:r><w:t>", 1)
        return xml

    patch_member(path, "word/document.xml", patch)
    doc = read(path)
    assert doc.text == "Wij toegevoegd7a\tb\nc"
    assert "WEGGEHAALD" not in doc.text and "PAGE" not in doc.text
    assert any("tracked changes" in w for w in doc.properties["warnings"])


def test_text_box_is_read_once_not_twice(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "tekstvak.docx", ["Voor @@BOX@@", "Na."])
    box = "<w:txbxContent><w:p><w:r><w:t>In het tekstvak</w:t></w:r></w:p></w:txbxContent>"
    alternate = (
        '<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-'
        f'compatibility/2006"><mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict>{box}</w:pict></mc:Fallback></mc:AlternateContent></w:r>"
    )
    patch_member(path, "word/document.xml", lambda xml: replace_run(xml, "@@BOX@@", alternate))
    doc = read(path)
    assert doc.text == "In het tekstvak\n\nNa."  # the anchor paragraph had no text of its own
    assert doc.properties["text_boxes"] == 1


def test_strict_open_xml_namespace(tmp_path: Path) -> None:
    path = tmp_path / "strict.docx"
    xml = (
        '<w:document xmlns:w="http://purl.oclc.org/ooxml/wordprocessingml/main"><w:body>'
        "<w:p><w:r><w:rPr><w:b/></w:rPr><w:t>R1:</w:t></w:r><w:r><w:t xml:space='preserve'>"
        " Één keer.</w:t></w:r></w:p></w:body></w:document>"
    )
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("word/document.xml", xml)
    doc = read(path)
    assert spans(doc) == [("paragraph", "R1", "Één keer.")]


def test_truncated_docx_is_damaged(tmp_path: Path) -> None:
    whole = make_docx(tmp_path / "heel.docx", INTERVIEW)
    path = tmp_path / "half verstuurd.docx"
    path.write_bytes(whole.read_bytes()[: whole.stat().st_size // 2])
    with pytest.raises(UnreadableFileError, match="damaged or incomplete") as info:
        read_document(path)
    assert path.name in str(info.value)
    assert not isinstance(info.value, WrongFormatError)


def test_pdf_named_docx_says_it_is_a_pdf(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "echt.pdf", [["Tekst."]])
    path = tmp_path / "verslag één.docx"
    path.write_bytes(pdf.read_bytes())
    with pytest.raises(WrongFormatError) as info:
        read_document(path)
    message = str(info.value)
    assert path.name in message
    assert "not a Word file although it ends in .docx (it is a PDF file)" in message
    assert "rename it to .pdf" in message


def ole2(*stream_names: str) -> bytes:
    names = b"".join(name.encode("utf-16-le") + b"\0\0" for name in stream_names)
    return _sniff.OLE2_MAGIC + bytes(504) + names + bytes(1024)


def test_old_word_97_file_named_docx(tmp_path: Path) -> None:
    path = tmp_path / "oud.docx"
    path.write_bytes(ole2("Root Entry", "WordDocument", "1Table"))
    with pytest.raises(WrongFormatError, match=r"Word 97–2003 \.doc file") as info:
        read_document(path)
    assert "save it as .docx" in str(info.value) and path.name in str(info.value)


def test_password_protected_docx_is_an_ole2_package(tmp_path: Path) -> None:
    path = tmp_path / "geheim.docx"
    path.write_bytes(ole2("Root Entry", "EncryptionInfo", "EncryptedPackage"))
    with pytest.raises(EncryptedFileError, match="password-protected") as info:
        read_document(path)
    assert path.name in str(info.value)


def test_empty_docx(tmp_path: Path) -> None:
    path = tmp_path / "leeg.docx"
    path.touch()
    with pytest.raises(EmptyFileError, match="leeg.docx"):
        read_document(path)


def test_zip_that_is_an_excel_workbook_or_no_word_file(tmp_path: Path) -> None:
    xlsx = tmp_path / "cijfers.docx"
    with zipfile.ZipFile(xlsx, "w") as zf:
        zf.writestr("xl/workbook.xml", "<workbook/>")
    with pytest.raises(WrongFormatError, match=r"it is an Excel \.xlsx workbook") as info:
        read_document(xlsx)
    assert xlsx.name in str(info.value)
    other = tmp_path / "archief.docx"
    with zipfile.ZipFile(other, "w") as zf:
        zf.writestr("notities.txt", "geen Word")
    with pytest.raises(WrongFormatError, match="without word/document.xml") as info:
        read_document(other)
    assert other.name in str(info.value)


@pytest.mark.parametrize(
    "doctype",
    [
        '<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;">]>',
        '<!DOCTYPE w:document [<!ENTITY b SYSTEM "file:///etc/passwd">]>',
    ],
    ids=["entity-expansion", "external-entity"],
)
def test_xml_entities_are_refused(tmp_path: Path, doctype: str) -> None:
    path = make_docx(tmp_path / "aanval.docx", ["@@X@@"])

    def attack(xml: str) -> str:
        xml = xml.replace("@@X@@", "&b;")
        head, _, rest = xml.partition("?>")
        return head + "?>" + doctype + rest

    patch_member(path, "word/document.xml", attack)
    with pytest.raises(UnreadableFileError, match="refused.*entity declarations") as info:
        read_document(path)
    assert path.name in str(info.value)


def test_invalid_xml_is_damaged(tmp_path: Path) -> None:
    path = make_docx(tmp_path / "kapot.docx", ["Tekst"])
    patch_member(path, "word/document.xml", lambda xml: xml[: len(xml) // 2])
    with pytest.raises(
        UnreadableFileError,
        match=r"kapot\.docx: the file is damaged: word/document.xml is not valid XML",
    ):
        read_document(path)


def test_zip_bomb_ratio_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "bom.docx"
    filler = " " * (_sniff.RATIO_MIN_SIZE + 1)
    xml = f'<w:document xmlns:w="{W_NS}"><w:body><w:p><w:r><w:t>{filler}</w:t></w:r></w:p>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml + "</w:body></w:document>")
    with pytest.raises(
        UnreadableFileError, match=r"bom\.docx: refused.*compressed more than 200 times"
    ):
        read_document(path)


def test_oversized_part_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = make_docx(tmp_path / "groot.docx", ["Genoeg tekst " * 2000])
    monkeypatch.setattr(_sniff, "MAX_MEMBER_SIZE", 10_000)
    with pytest.raises(
        UnreadableFileError, match=r"groot\.docx: refused: word/document.xml .* would unpack"
    ):
        read_document(path)


def test_long_transcript_reads_completely(tmp_path: Path) -> None:
    turn = (
        '<w:p><w:r><w:rPr><w:b/><w:lang w:val="nl-NL"/></w:rPr><w:t>{label}:</w:t></w:r>'
        '<w:r><w:rPr><w:lang w:val="nl-NL"/></w:rPr><w:t xml:space="preserve"> {text}</w:t>'
        "</w:r></w:p>"
    )
    sentence = "De geïnterviewde vertelt over de coöperatie en één buurthuis, beurt {i}. " * 4
    n = 12_000  # about 3.5 MB of text
    body = "".join(
        turn.format(label="Interviewer" if i % 2 else "Respondent", text=sentence.format(i=i))
        for i in range(n)
    )
    path = tmp_path / "lang.docx"
    xml = f'<w:document xmlns:w="{W_NS}"><w:body>{body}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("word/document.xml", xml)
    doc = read(path)  # speed is measured by bench/ingest.py, not here
    assert len(doc.blocks) == n
    assert len(doc.text) > 3_000_000
    assert doc.blocks[-1].speaker == "Interviewer"
    assert doc.block_text(doc.blocks[-1]).endswith(f"beurt {n - 1}.")
