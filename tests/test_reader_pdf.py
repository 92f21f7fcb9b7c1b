"""The PDF reader, on files written by fpdf2 and encrypted by pypdf."""

from __future__ import annotations

from pathlib import Path

import pytest
from files import (
    check_blocks,
    encrypt_pdf,
    make_docx,
    make_encrypted_pdf,
    make_pdf,
    make_report_pdf,
    make_scanned_pdf,
)

from sokwal_monitor.errors import (
    EmptyFileError,
    EncryptedFileError,
    NoTextLayerError,
    UnreadableFileError,
    WrongFormatError,
)
from sokwal_monitor.ingestion.readers import read_document

PAGE_ONE = [
    "Interviewer: Hoe gaat het met de coöperatie?",
    "Respondent: Goed. De geïnterviewde komt één keer per week.",
]
PAGE_TWO = ["Slotwoord op de tweede pagina."]


def read(path: Path):
    doc = read_document(path)
    check_blocks(doc)
    return doc


def test_two_pages_with_page_numbers_and_title(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "map met spaties" / "Verslag één coöperatie.pdf",
        [PAGE_ONE, PAGE_TWO],
        title="Evaluatie coöperatie één",
    )
    doc = read(path)
    assert doc.text == "\n\n".join(PAGE_ONE + PAGE_TWO)
    assert [(b.kind, b.page, doc.block_text(b)) for b in doc.blocks] == [
        ("paragraph", 1, PAGE_ONE[0]),
        ("paragraph", 1, PAGE_ONE[1]),
        ("paragraph", 2, PAGE_TWO[0]),
    ]
    assert doc.title == "Evaluatie coöperatie één"
    assert doc.properties["n_pages"] == 2
    assert doc.properties["warnings"] == []
    assert doc.format == "pdf"


def test_no_title_in_info(tmp_path: Path) -> None:
    assert read(make_pdf(tmp_path / "zonder.pdf", [PAGE_TWO])).title is None


def test_lines_of_a_box_are_joined_with_newlines(tmp_path: Path) -> None:
    long = " ".join(["De geïnterviewde vertelt uitgebreid over de coöperatie."] * 6)
    doc = read(make_pdf(tmp_path / "lang.pdf", [[long]]))
    assert len(doc.blocks) == 1
    text = doc.block_text(doc.blocks[0])
    assert "\n" in text  # wrapped by fpdf2 into several lines
    assert " \n" not in text
    assert text.replace("\n", " ") == long


def test_scanned_pdf_has_no_text_layer(tmp_path: Path) -> None:
    path = make_scanned_pdf(tmp_path / "scan één.pdf", pages=2)
    with pytest.raises(NoTextLayerError, match="OCR") as info:
        read_document(path)
    assert path.name in str(info.value)


def test_pages_without_text_are_named_in_warnings(tmp_path: Path) -> None:
    from pypdf import PdfWriter

    text = make_pdf(tmp_path / "tekst.pdf", [PAGE_ONE])
    scan = make_scanned_pdf(tmp_path / "scan.pdf", pages=2)
    path = tmp_path / "gemengd.pdf"
    writer = PdfWriter()
    writer.append(str(text))
    writer.append(str(scan))
    with open(path, "wb") as handle:
        writer.write(handle)
    doc = read(path)
    assert doc.text == "\n\n".join(PAGE_ONE)
    assert doc.properties["n_pages"] == 3
    assert doc.properties["warnings"] == [
        "pages 2, 3 have no text layer (scanned?); run OCR to read them"
    ]


def test_password_protected_pdf(tmp_path: Path) -> None:
    path = make_encrypted_pdf(tmp_path / "geheim één.pdf", "wachtwoord", [PAGE_ONE])
    with pytest.raises(EncryptedFileError, match="password-protected PDF") as info:
        read_document(path)
    assert path.name in str(info.value)


def test_empty_user_password_opens_without_asking(tmp_path: Path) -> None:
    path = make_encrypted_pdf(tmp_path / "beveiligd.pdf", "", [PAGE_ONE, PAGE_TWO])
    assert b"/Encrypt" in path.read_bytes()
    doc = read(path)
    assert doc.text == "\n\n".join(PAGE_ONE + PAGE_TWO)
    assert [b.page for b in doc.blocks] == [1, 1, 2]
    assert doc.properties["encrypted"] is True


def test_docx_named_pdf(tmp_path: Path) -> None:
    path = tmp_path / "verslag één.pdf"
    path.write_bytes(make_docx(tmp_path / "echt.docx", PAGE_ONE).read_bytes())
    with pytest.raises(WrongFormatError) as info:
        read_document(path)
    message = str(info.value)
    assert path.name in message
    assert "not a PDF file although it ends in .pdf (it is a Word .docx file" in message
    assert "rename it to .docx" in message


@pytest.mark.parametrize("cut", ["half", "header-only", "garbage"])
def test_damaged_pdf(tmp_path: Path, cut: str) -> None:
    data = make_pdf(tmp_path / "heel.pdf", [PAGE_ONE, PAGE_TWO]).read_bytes()
    damaged = {
        "half": data[: len(data) // 2],
        "header-only": data[:200],
        "garbage": b"%PDF-1.4\n" + bytes(range(256)) * 4,
    }[cut]
    path = tmp_path / "kapot.pdf"
    path.write_bytes(damaged)
    with pytest.raises(UnreadableFileError, match="kapot.pdf: the file is damaged") as info:
        read_document(path)
    assert type(info.value) is UnreadableFileError


def test_empty_pdf(tmp_path: Path) -> None:
    path = tmp_path / "leeg.pdf"
    path.touch()
    with pytest.raises(EmptyFileError, match="leeg.pdf"):
        read_document(path)


def test_encrypting_a_scan_still_reports_the_scan(tmp_path: Path) -> None:
    scan = make_scanned_pdf(tmp_path / "scan.pdf")
    path = encrypt_pdf(scan, tmp_path / "scan-beveiligd.pdf", user_password="")
    with pytest.raises(NoTextLayerError, match="scan-beveiligd.pdf"):
        read_document(path)


@pytest.mark.parametrize(
    ("data", "what", "todo"),
    [
        (b"<!DOCTYPE html><html><body>Verslag</body></html>", "an HTML web page", ".html"),
        (b"{\\rtf1\\ansi Verslag\\par}", "an RTF file", "rename it to .rtf"),
        (b"\x89PNG\r\n\x1a\n" + bytes(64), "a PNG image", "OCR"),
        ("Verslag van één coöperatie".encode("utf-16"), "plain text (UTF-16)", ".txt"),
        (bytes(range(256)) * 4, "its content is not a format we recognise", "saved or exported"),
    ],
    ids=["html", "rtf", "png", "utf-16", "unknown"],
)
def test_other_files_named_pdf_say_what_they_are(
    tmp_path: Path, data: bytes, what: str, todo: str
) -> None:
    path = tmp_path / "bijlage één.pdf"
    path.write_bytes(data)
    with pytest.raises(WrongFormatError) as info:
        read_document(path)
    message = str(info.value)
    assert path.name in message and what in message and todo in message


def test_headings_by_font_size_and_running_headers_left_out(tmp_path: Path) -> None:
    body = "Het project bereikte veertig ouderen in het dorp, vaker dan verwacht."
    path = make_report_pdf(
        tmp_path / "eindverslag.pdf",
        [
            [("h1", "Eindverslag Samen aan Tafel"), ("h2", "Inleiding"), ("p", body)],
            [("h2", "Resultaten"), ("p", body), ("p", "Tweede alinea over de vrijwilligers.")],
            [
                ("h2", "Geleerde lessen"),
                ("p", "We hebben geleerd dat persoonlijk uitnodigen werkt."),
            ],
        ],
        header="Vertrouwelijk - projectverslag",
        footer="Stichting Voorbeeld",
    )
    doc = read_document(path)
    check_blocks(doc)
    assert "Vertrouwelijk" not in doc.text and "pagina" not in doc.text
    assert doc.properties["running_headers_removed"] == 6
    headings = [(b.level, doc.block_text(b), b.page) for b in doc.blocks if b.kind == "heading"]
    assert headings == [
        (1, "Eindverslag Samen aan Tafel", 1),
        (2, "Inleiding", 1),
        (2, "Resultaten", 2),
        (2, "Geleerde lessen", 3),
    ]
    from sokwal_monitor.ingestion.transcripts import segment_paragraphs

    sections = [(s.section, s.page) for s in segment_paragraphs(doc)]
    assert sections == [
        ("Inleiding", 1),
        ("Resultaten", 2),
        ("Resultaten", 2),
        ("Geleerde lessen", 3),
    ]
