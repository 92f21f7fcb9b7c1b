"""The RTF reader, on files written the way Word and WordPad write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from files import check_blocks, make_docx, make_rtf

from sokwal_monitor.errors import EmptyFileError, WrongFormatError
from sokwal_monitor.ingestion.readers import read_document

INTERVIEW = [
    "Interviewer: Hoe gaat het met de coöperatie?",
    "Respondent: Goed. De geïnterviewde komt één keer per week voor de financiën.",
]


def read(path: Path):
    doc = read_document(path)
    check_blocks(doc)
    return doc


def test_cp1252_hex_escapes(tmp_path: Path) -> None:
    path = make_rtf(tmp_path / "map met spaties" / "Gesprek één.rtf", INTERVIEW, title="Één")
    source = path.read_text(encoding="ascii")
    assert "\\'eb" in source and "\\'e9\\'e9n" in source  # ë and één as code page bytes
    doc = read(path)
    assert doc.text == "\n\n".join(INTERVIEW)
    assert [doc.block_text(b) for b in doc.blocks] == INTERVIEW
    assert doc.title == "Één"
    assert doc.properties["encoding"] == "cp1252"
    assert doc.format == "rtf"


def test_unicode_escapes_and_surrogate_pairs(tmp_path: Path) -> None:
    paragraphs = ["Respondent: één coöperatie 😀 en ł."]
    path = make_rtf(tmp_path / "unicode.rtf", paragraphs, unicode_escapes=True)
    source = path.read_text(encoding="ascii")
    assert "\\u233?" in source and "\\u235?" not in source and "\\u-10179?" in source
    doc = read(path)
    assert doc.text == paragraphs[0]


def test_u235_escape_is_e_diaeresis(tmp_path: Path) -> None:
    path = tmp_path / "u235.rtf"
    # no \\ansicpg: \\'ef is read in cp1252
    path.write_bytes(b"{\\rtf1\\ansi\\uc1 co\\u246?peratie, ge\\'efnterviewde, Zo\\u235?\\par}")
    assert read(path).text == "coöperatie, geïnterviewde, Zoë"


def test_code_page_comes_from_ansicpg(tmp_path: Path) -> None:
    path = make_rtf(tmp_path / "pools.rtf", ["Łukasz en één"], codepage=1250)
    assert "\\'a3" in path.read_text(encoding="ascii")  # Ł in cp1250
    doc = read(path)
    assert doc.text == "Łukasz en één"
    assert doc.properties["encoding"] == "cp1250"


def test_line_break_stays_inside_the_paragraph(tmp_path: Path) -> None:
    path = make_rtf(tmp_path / "regels.rtf", ["Eerste regel,\ntweede regel.", "Volgende alinea."])
    doc = read(path)
    assert doc.text == "Eerste regel,\ntweede regel.\n\nVolgende alinea."
    assert [doc.block_text(b) for b in doc.blocks] == [
        "Eerste regel,\ntweede regel.",
        "Volgende alinea.",
    ]


def test_plain_text_named_rtf(tmp_path: Path) -> None:
    path = tmp_path / "notities één.rtf"
    path.write_text("Interviewer: dit is gewoon tekst.\n", encoding="utf-8")
    with pytest.raises(WrongFormatError, match=r"it is plain text\); rename it to \.txt") as info:
        read_document(path)
    assert path.name in str(info.value)
    assert "not an RTF file although it ends in .rtf" in str(info.value)


def test_docx_named_rtf(tmp_path: Path) -> None:
    path = tmp_path / "verslag.rtf"
    path.write_bytes(make_docx(tmp_path / "echt.docx", INTERVIEW).read_bytes())
    with pytest.raises(WrongFormatError, match=r"verslag.rtf: .*it is a Word \.docx file"):
        read_document(path)


def test_empty_rtf(tmp_path: Path) -> None:
    path = tmp_path / "leeg.rtf"
    path.touch()
    with pytest.raises(EmptyFileError, match="leeg.rtf"):
        read_document(path)
    only_markup = tmp_path / "opmaak.rtf"
    only_markup.write_bytes(b"{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\par\\par}")
    with pytest.raises(EmptyFileError, match="opmaak.rtf: the file contains no text"):
        read_document(only_markup)


def test_bytes_undefined_in_the_code_page_are_replaced_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "vreemd.rtf"
    path.write_bytes(b"{\\rtf1\\ansi\\ansicpg1252 co\\'f6peratie \\'81 tekst\\par}")
    doc = read(path)
    assert doc.text == "coöperatie \ufffd tekst"
    assert doc.properties["warnings"] == [
        "some characters are not valid in code page cp1252; shown as \ufffd"
    ]


def test_short_turns_are_paragraphs_but_headings_stay(tmp_path: Path) -> None:
    path = make_rtf(tmp_path / "kort.rtf", ["Inleiding", "Interviewer: En de coöperatie", "R: Ja"])
    doc = read(path)
    assert [(b.kind, doc.block_text(b)) for b in doc.blocks] == [
        ("heading", "Inleiding"),
        ("paragraph", "Interviewer: En de coöperatie"),
        ("paragraph", "R: Ja"),
    ]
