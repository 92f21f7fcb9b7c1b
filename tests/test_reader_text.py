"""Plain text, Markdown, HTML and subtitle readers on real files, including hostile ones."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from sokwal_monitor.errors import EmptyFileError, UnsupportedFormatError, WrongFormatError
from sokwal_monitor.ingestion.readers import decode_bytes, read_document, supported_suffixes
from sokwal_monitor.ingestion.transcripts import segment_transcript

DUTCH = "De geïnterviewde over de coöperatie: één café, ideeën en reünie."


def check_blocks(doc) -> None:
    previous_end = 0
    for block in doc.blocks:
        assert previous_end <= block.start <= block.end <= len(doc.text)
        assert doc.text[block.start : block.end] == doc.block_text(block)
        assert doc.block_text(block) == doc.block_text(block).strip()
        previous_end = block.end


@pytest.mark.parametrize(
    ("encoding", "newline"),
    [
        ("utf-8", "\n"),
        ("utf-8-sig", "\r\n"),
        ("cp1252", "\r\n"),
        ("latin-1", "\n"),
        ("utf-16", "\r\n"),
        ("cp1252", "\r"),
    ],
)
def test_txt_encodings_and_line_endings(tmp_path: Path, encoding: str, newline: str) -> None:
    path = tmp_path / "P02 één coöperatie.txt"
    path.write_bytes(newline.join(["I: Hoe ging het?", f"R: {DUTCH}", ""]).encode(encoding))
    doc = read_document(path)
    assert doc.text == f"I: Hoe ging het?\nR: {DUTCH}\n"
    assert "\r" not in doc.text and "\ufeff" not in doc.text
    check_blocks(doc)


def test_cp1252_specials_are_not_mistaken_for_latin1(tmp_path: Path) -> None:
    path = tmp_path / "quotes.txt"
    path.write_bytes("„Ze zei: ‘prima’ – €10”".encode("cp1252"))
    assert read_document(path).text == "„Ze zei: ‘prima’ – €10”"


def test_utf8_is_never_decoded_as_cp1252() -> None:
    text, encoding = decode_bytes("coöperatie één".encode())
    assert (text, encoding) == ("coöperatie één", "utf-8")


def test_bytes_cp1252_leaves_undefined_fall_back_to_latin1() -> None:
    text, encoding = decode_bytes(b"caf\xe9 \x81")
    assert encoding == "latin-1"
    assert text.startswith("café")


def test_binary_content_in_a_txt_is_refused_with_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "foto als tekst.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    with pytest.raises(WrongFormatError, match="foto als tekst.txt: this is a binary file"):
        read_document(path)


@pytest.mark.parametrize("content", [b"", b"   \n\r\n\t  "])
def test_empty_and_blank_files(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "leeg.txt"
    path.write_bytes(content)
    with pytest.raises(EmptyFileError, match="leeg.txt"):
        read_document(path)


def test_unknown_suffix_lists_what_is_supported(tmp_path: Path) -> None:
    path = tmp_path / "opname.mp3"
    path.write_bytes(b"ID3")
    with pytest.raises(UnsupportedFormatError, match=r"opname.mp3: .*\.docx"):
        read_document(path)
    assert {".txt", ".docx", ".odt", ".rtf", ".pdf", ".html", ".md", ".vtt", ".srt"} <= set(
        supported_suffixes()
    )


def test_hard_wrapped_paragraphs_stay_together(tmp_path: Path) -> None:
    path = tmp_path / "rapport.txt"
    wrapped = (
        "Het project is in 2018 gestart met een kleine groep vrijwilligers uit\n"
        "het dorp. Zij organiseerden elke week een maaltijd in het dorpshuis en\n"
        "nodigden ouderen persoonlijk uit.\n"
        "Een tweede alinea begint hier na een korte regel."
    )
    path.write_text(wrapped, encoding="utf-8")
    doc = read_document(path)
    assert [doc.block_text(b).split("\n")[0][:20] for b in doc.blocks] == [
        "Het project is in 20",
        "Een tweede alinea be",
    ]
    check_blocks(doc)


def test_markdown_headings_bold_labels_lists_and_links(tmp_path: Path) -> None:
    path = tmp_path / "P04_2018_interview.md"
    path.write_text(
        "---\ntitle: Gesprek dorpsvisie\n---\n# Interview P04\n\n"
        "**Interviewer:** Hoe *begon* het?\n\n"
        "**Respondent**: Met de [dorpsvisie](https://voorbeeld.nl).\n"
        "Dat was in `2018`.\n\n- eerste punt\n- tweede punt\n\n"
        "| jaar | deelnemers |\n|---|---|\n| 2018 | 40 |\n",
        encoding="utf-8",
    )
    doc = read_document(path)
    check_blocks(doc)
    assert doc.title == "Gesprek dorpsvisie"
    assert "**" not in doc.text and "](" not in doc.text and "`" not in doc.text
    kinds = [(b.kind, b.speaker) for b in doc.blocks]
    assert kinds[:3] == [
        ("heading", None),
        ("paragraph", "Interviewer"),
        ("paragraph", "Respondent"),
    ]
    assert ("list", None) in kinds and ("table", None) in kinds
    segments = segment_transcript(doc)
    respondent = next(s for s in segments if s.speaker == "Respondent")
    assert doc.text[respondent.start_char : respondent.end_char].startswith("Met de dorpsvisie.")


def test_html_blocks_charset_and_bold_labels(tmp_path: Path) -> None:
    path = tmp_path / "verslag.html"
    source = (
        "<!DOCTYPE html><html><head><meta charset='windows-1252'><title>Verslag P02</title>"
        "<style>p {color: red}</style></head><body><nav>menu</nav>"
        "<h1>Resultaten</h1><p>De co&ouml;peratie had <b>één</b> doel.</p>"
        "<h2>Bereik</h2><p><strong>Interviewer:</strong> Hoe   ging<br>het?</p>"
        "<table><tr><td>2018</td><td>40 deelnemers</td></tr></table>"
        "<script>alert('x')</script></body></html>"
    )
    path.write_bytes(source.encode("cp1252"))
    doc = read_document(path)
    check_blocks(doc)
    assert doc.title == "Verslag P02"
    assert "menu" not in doc.text and "alert" not in doc.text and "color" not in doc.text
    assert "De coöperatie had één doel." in doc.text
    assert [b.level for b in doc.blocks if b.kind == "heading"] == [1, 2]
    labelled = next(b for b in doc.blocks if b.speaker)
    assert (labelled.speaker, doc.block_text(labelled)) == ("Interviewer", "Hoe ging\nhet?")


def test_broken_html_still_reads(tmp_path: Path) -> None:
    path = tmp_path / "kapot.htm"
    path.write_text("<p>Eerste <b>alinea<p>Tweede <i>alinea</div></span>", encoding="utf-8")
    doc = read_document(path)
    assert "Eerste alinea" in doc.text and "Tweede alinea" in doc.text


TEAMS_VTT = """WEBVTT

a1b2c3d4-1111/12-0
00:00:03.120 --> 00:00:07.480
<v Sanne Bakker (onderzoeker)>Hoe is het project begonnen?</v>

a1b2c3d4-1111/13-0
00:00:08.000 --> 00:00:12.250
<v Anouk Veldman>Nou, eh, we zijn gestart</v>

a1b2c3d4-1111/13-1
00:00:12.250 --> 00:00:15.000
<v Anouk Veldman>met een eetgroep in het dorpshuis.</v>

NOTE dit is commentaar

a1b2c3d4-1111/14-0
00:00:15.500 --> 00:00:17.000
<v Sanne Bakker (onderzoeker)>En nu &amp; later?</v>
"""

SRT = """1
00:00:01,000 --> 00:00:04,500
INTERVIEWER: Hoe gaat het met de coöperatie?

2
00:00:05,000 --> 00:00:08,000
JANSEN: Goed. We hebben
nu veertig leden.

3
00:00:08,000 --> 00:00:10,000
JANSEN: En de gemeente doet mee.

4
00:00:10,500 --> 00:00:12,000
INTERVIEWER: Mooi.
"""


def test_vtt_voices_merge_consecutive_cues(tmp_path: Path) -> None:
    path = tmp_path / "P01_2019_interview_vrijwilliger.vtt"
    path.write_text(TEAMS_VTT, encoding="utf-8")
    doc = read_document(path)
    check_blocks(doc)
    segments = segment_transcript(doc)
    got = [(s.speaker, s.role, s.start_time, s.end_time) for s in segments]
    assert got == [
        ("Sanne Bakker (onderzoeker)", "interviewer", 3.12, 7.48),
        ("Anouk Veldman", "respondent", 8.0, 15.0),
        ("Sanne Bakker (onderzoeker)", "interviewer", 15.5, 17.0),
    ]
    second = doc.text[segments[1].start_char : segments[1].end_char]
    assert second == "Nou, eh, we zijn gestart met een eetgroep in het dorpshuis."
    assert "En nu & later?" in doc.text and "commentaar" not in doc.text


def test_srt_name_prefixes_merge_and_keep_times(tmp_path: Path) -> None:
    path = tmp_path / "P04_2019_interview.srt"
    path.write_bytes(SRT.replace("\n", "\r\n").encode("cp1252"))
    doc = read_document(path)
    check_blocks(doc)
    segments = segment_transcript(doc)
    assert [(s.speaker, s.role, s.start_time, s.end_time) for s in segments] == [
        ("INTERVIEWER", "interviewer", 1.0, 4.5),
        ("JANSEN", "respondent", 5.0, 10.0),
        ("INTERVIEWER", "interviewer", 10.5, 12.0),
    ]
    assert doc.text[segments[1].start_char : segments[1].end_char] == (
        "Goed. We hebben nu veertig leden. En de gemeente doet mee."
    )


def test_subtitle_file_without_cues_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "geen ondertitels.vtt"
    path.write_text("WEBVTT\n\nHier staat gewoon tekst zonder tijden.\n", encoding="utf-8")
    with pytest.raises(WrongFormatError, match="geen ondertitels.vtt: no WebVTT cues"):
        read_document(path)


def test_utf16_bom_subtitles(tmp_path: Path) -> None:
    path = tmp_path / "zoom.vtt"
    path.write_bytes(codecs.BOM_UTF16_LE + TEAMS_VTT.encode("utf-16-le"))
    assert "Anouk Veldman: Nou" in read_document(path).text


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # inputs that make naive regexes or recursive parsers blow up (quadratic or worse)
        ("haken.md", "[" * 200_000 + "](" * 50_000),
        ("sterren.md", "**a" * 100_000),
        ("diep.html", "<div>" * 100_000 + "tekst"),
        ("attributen.html", "<p " + "a='b' " * 100_000 + ">tekst</p>"),
        ("label.txt", "A" * 500_000 + ": tekst"),
        ("stem.vtt", "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\n<v " + "a" * 500_000 + ">tekst\n"),
    ],
)
def test_hostile_inputs_are_read_in_linear_time(tmp_path: Path, name: str, content: str) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    doc = read_document(path)  # a quadratic reader would take minutes here
    check_blocks(doc)
    assert doc.text.strip()
    segment_transcript(doc)
