"""Regenerate the synthetic Dutch sample corpus in ``data/sample/``.

Every document of the sample is rendered from one UTF-8 source file in
``scripts/sample_src/`` (see ``docs/sample-data.md`` for the source format). The
script writes

* the documents themselves (.docx, .odt, .rtf, .pdf, .html, .md, .txt, .vtt, .srt),
* the SPSS survey ``enquete/enquete_deelnemers_2018_2019.sav`` (fixed random seed),
* ``projects.csv`` (copied from the sources) and ``documents.csv`` (metadata of the
  files whose names do not follow ``<project>_<wave>_<kind>[_<role>].<ext>``),
* the gold list ``data/sample_gold/personal_data.csv`` of every personal-data string
  per file, collected from the ``[[category:text]]`` marks in the sources.

After writing, it extracts the plain text of every generated file again and checks
that each gold string occurs in it, that no known name, phone number, e-mail address,
postcode or URL occurs unlisted, and that the interviews and reports have the intended
length. The output is byte-for-byte reproducible.

Usage::

    .venv/bin/python scripts/make_sample.py           # write data/sample and the gold list
    .venv/bin/python scripts/make_sample.py --check   # rebuild in a temp dir, compare, verify

All people, organisations, villages, addresses, phone numbers and e-mail addresses in
the sources are fictional.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import filecmp
import hashlib
import html
import io
import random
import re
import shutil
import sys
import tempfile
import textwrap
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = ROOT / "scripts" / "sample_src"
SAMPLE_DIR = ROOT / "data" / "sample"
GOLD_PATH = ROOT / "data" / "sample_gold" / "personal_data.csv"

#: Fixed timestamp written into every file format that records one.
FIXED_TIME = dt.datetime(2020, 1, 15, 12, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (2020, 1, 15, 12, 0, 0)

CATEGORIES = (
    "naam",
    "telefoon",
    "email",
    "adres",
    "postcode",
    "leeftijd",
    "geboortedatum",
    "bsn",
    "url",
)

#: The default file-name pattern of the ingester.
NAME_PATTERN = re.compile(
    r"^(?P<project>P\d{2})_(?P<wave>\d{4})_(?P<kind>interview|rapport|enquete)"
    r"(?:_(?P<role>[a-z]+))?\.[a-z0-9]+$"
)

MARK = re.compile(r"\[\[(?P<cat>[a-z]+):(?P<text>[^\]]+)\]\]")
LABEL = re.compile(r"^\*\*(?P<label>.+?):\*\*\s*(?P<text>.*)$")
COMMENT = re.compile(r"^!comment (?P<author>.+?) \((?P<initials>\w+)\): (?P<text>.+)$")

SURVEY_PATH = "enquete/enquete_deelnemers_2018_2019.sav"
SURVEY_SEED = 20191231

WORD_LIMITS = {"interview": (600, 1500), "rapport": (500, 900)}

#: Patterns whose every match in the sample must be covered by a gold string.
SCAN_PATTERNS = {
    "telefoon": re.compile(r"(?<![\w/-])(?:\+31|0)[1-9](?:[ -]?\d){7,9}(?![\w-])"),
    "email": re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "postcode": re.compile(r"\b[1-9]\d{3} ?[A-Z]{2}\b"),
    "url": re.compile(r"(?:https?://|www\.|\b(?:facebook|linkedin)\.com/)\S+"),
    "bsn": re.compile(r"\b\d{9}\b"),
}
#: Matches of SCAN_PATTERNS that are not personal data (organisation websites).
NOT_PERSONAL = {"www.samenvoorelkaar.nl", "www.stimuland.nl"}


# --------------------------------------------------------------------------- model


@dataclass
class Block:
    """One element of a source document.

    ``kind`` is ``heading`` (with ``level``), ``para`` (with an optional speaker
    ``label``; ``continued`` marks a paragraph that goes on with the previous
    speaker's turn), ``table`` (``rows``), ``comment`` (a Word comment on the
    previous paragraph) or ``pagebreak``.
    """

    kind: str
    text: str = ""
    label: str | None = None
    level: int = 0
    continued: bool = False
    rows: list[list[str]] = field(default_factory=list)
    author: str = ""
    initials: str = ""


@dataclass
class Source:
    """A parsed source file: front matter, blocks and the personal data marked in it."""

    name: str
    meta: dict[str, str]
    blocks: list[Block]
    marks: list[tuple[str, str]]

    @property
    def output(self) -> str:
        """Path of the generated file, relative to ``data/sample``."""
        return self.meta["output"]

    @property
    def kind(self) -> str:
        """Document kind: interview, rapport or enquete."""
        return self.meta["kind"]


@dataclass
class Cue:
    """A timed piece of a turn, for subtitle-like transcript formats."""

    speaker: str
    text: str
    start: float
    end: float
    turn: int
    part: int


# --------------------------------------------------------------------------- parsing


def strip_marks(text: str, marks: list[tuple[str, str]]) -> str:
    """Remove ``[[category:text]]`` marks from ``text``, recording them in ``marks``."""

    def repl(match: re.Match[str]) -> str:
        category, value = match["cat"], match["text"]
        if category not in CATEGORIES:
            raise ValueError(f"unknown personal-data category {category!r} in {match[0]!r}")
        if (category, value) not in marks:
            marks.append((category, value))
        return value

    return MARK.sub(repl, text)


def parse_source(path: Path) -> Source:
    """Parse one source file (front matter between ``---`` lines, then one line per block)."""
    lines = path.read_text(encoding="utf-8").splitlines()
    if not lines or lines[0] != "---":
        raise ValueError(f"{path}: a source must start with a '---' front-matter block")
    end = lines.index("---", 1)
    meta: dict[str, str] = {}
    for line in lines[1:end]:
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    for key in ("output", "project", "wave", "kind"):
        if key not in meta:
            raise ValueError(f"{path}: front matter lacks {key!r}")

    marks: list[tuple[str, str]] = []
    blocks: list[Block] = []
    in_turn = False
    for raw in lines[end + 1 :]:
        line = raw.rstrip()
        if not line:
            continue
        if line.startswith("#"):
            hashes, _, text = line.partition(" ")
            blocks.append(Block("heading", strip_marks(text, marks), level=len(hashes)))
            in_turn = False
        elif line.startswith("|"):
            cells = [strip_marks(c.strip(), marks) for c in line.strip("|").split("|")]
            if all(re.fullmatch(r":?-+:?", c) for c in cells):
                continue  # a Markdown separator row; render_md writes its own
            if blocks and blocks[-1].kind == "table":
                blocks[-1].rows.append(cells)
            else:
                blocks.append(Block("table", rows=[cells]))
        elif line == "!pagebreak":
            blocks.append(Block("pagebreak"))
        elif match := COMMENT.match(line):
            blocks.append(
                Block("comment", match["text"], author=match["author"], initials=match["initials"])
            )
        elif match := LABEL.match(line):
            label = strip_marks(match["label"], marks)
            blocks.append(Block("para", strip_marks(match["text"], marks), label=label))
            in_turn = True
        else:
            blocks.append(Block("para", strip_marks(line, marks), continued=in_turn))
    return Source(path.relative_to(SRC_DIR).as_posix(), meta, blocks, marks)


def load_sources() -> list[Source]:
    """Parse every ``*.txt`` source below ``scripts/sample_src`` in a stable order."""
    return [parse_source(p) for p in sorted(SRC_DIR.rglob("*.txt"))]


def turns(source: Source) -> Iterator[tuple[str | None, list[str]]]:
    """Yield ``(label, paragraphs)`` per speaker turn; preamble paragraphs have no label."""
    current: tuple[str | None, list[str]] | None = None
    for block in source.blocks:
        if block.kind != "para":
            continue
        if block.label is not None or not block.continued or current is None:
            if current is not None:
                yield current
            current = (block.label, [block.text])
        else:
            current[1].append(block.text)
    if current is not None:
        yield current


# --------------------------------------------------------------------------- timing


def split_chunks(text: str, max_words: int) -> list[str]:
    """Split a paragraph into sentence-aligned chunks of at most ``max_words`` words."""
    chunks: list[str] = []
    current: list[str] = []
    for sentence in re.split(r"(?<=[.?!])\s+", text):
        words = sentence.split()
        while len(words) > max_words:
            if current:
                chunks.append(" ".join(current))
                current = []
            cut = max_words if len(words) - max_words >= 4 else len(words) - 4
            chunks.append(" ".join(words[:cut]))
            words = words[cut:]
        if current and len(current) + len(words) > max_words:
            chunks.append(" ".join(current))
            current = []
        current.extend(words)
    if current:
        chunks.append(" ".join(current))
    return chunks


def timeline(source: Source, max_words: int, start: float) -> list[Cue]:
    """Give every chunk of every turn a start and end time (about 2.5 words a second).

    The pauses are pseudo-random but seeded with the output path, so reruns agree.
    """
    rng = random.Random(source.output)
    clock = start
    cues: list[Cue] = []
    for number, (label, paragraphs) in enumerate(turns(source)):
        if label is None:
            continue
        part = 0
        for paragraph in paragraphs:
            for chunk in split_chunks(paragraph, max_words):
                duration = len(chunk.split()) / rng.uniform(2.2, 2.8) + 0.3
                cues.append(Cue(label, chunk, clock, clock + duration, number, part))
                clock += duration + rng.uniform(0.05, 0.4)
                part += 1
        clock += rng.uniform(0.4, 1.6)
    return cues


def clock_text(seconds: float, sep: str = ".", millis: bool = True) -> str:
    """Format seconds as ``hh:mm:ss.mmm`` (or ``hh:mm:ss`` without millis)."""
    total_ms = round(seconds * 1000)
    hours, rest = divmod(total_ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    secs, ms = divmod(rest, 1000)
    text = f"{hours:02d}:{minutes:02d}:{secs:02d}"
    return f"{text}{sep}{ms:03d}" if millis else text


# --------------------------------------------------------------------------- helpers


def normalize_zip(path: Path) -> None:
    """Rewrite a zip container with fixed timestamps so that it is reproducible.

    Entry order and compression are kept; ``mimetype`` (ODF) stays stored.
    """
    with zipfile.ZipFile(path) as old:
        entries = [(info, old.read(info.filename)) for info in old.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as new:
        for info, data in entries:
            fixed = zipfile.ZipInfo(info.filename, date_time=ZIP_TIME)
            fixed.compress_type = info.compress_type
            fixed.create_system = 3
            fixed.external_attr = 0o644 << 16
            new.writestr(fixed, data)
    path.write_bytes(buffer.getvalue())


def write_text(path: Path, text: str, encoding: str = "utf-8", newline: str = "\n") -> None:
    """Write ``text`` (with ``\\n`` line ends) in the given encoding and line-end style."""
    path.write_bytes(text.replace("\n", newline).encode(encoding))


def block_text(source: Source) -> str:
    """The plain text of a source, one block per line (used for word counts)."""
    parts: list[str] = []
    for block in source.blocks:
        if block.kind in ("heading", "para"):
            parts.append(f"{block.label}: {block.text}" if block.label else block.text)
        elif block.kind == "table":
            parts.extend(" ".join(row) for row in block.rows)
    return "\n".join(parts)


def word_count(text: str) -> int:
    """Count words the way the documentation reports them (runs of letters/digits)."""
    return len(re.findall(r"\w+(?:[-'’]\w+)*", text))


# --------------------------------------------------------------------------- renderers


def render_docx(source: Source, path: Path) -> None:
    """Word document: bold speaker labels, headings, tables, header/footer, comments."""
    import docx
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    props = document.core_properties
    props.author = source.meta.get("author", "sokwal-monitor")
    props.last_modified_by = props.author
    props.title = source.meta.get("title", "")
    props.comments = ""
    props.revision = 1
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    document.styles["Normal"].font.name = "Calibri"
    document.styles["Normal"].font.size = Pt(11)

    section = document.sections[0]
    if header := source.meta.get("header"):
        section.header.paragraphs[0].text = header
    if source.meta.get("footer") == "page":
        paragraph = section.footer.paragraphs[0]
        paragraph.add_run("Pagina ")
        for index, instr in enumerate((" PAGE ", " NUMPAGES ")):
            fld = OxmlElement("w:fldSimple")
            fld.set(qn("w:instr"), instr)
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = "1"
            run.append(text)
            fld.append(run)
            paragraph._p.append(fld)
            if index == 0:
                paragraph._p.append(paragraph.add_run(" van ")._r)

    if source.meta.get("title_style") == "yes":
        document.add_heading(source.meta["title"], 0)
    last_paragraph = None
    for block in source.blocks:
        if block.kind == "heading":
            document.add_heading(block.text, block.level)
        elif block.kind == "para":
            last_paragraph = document.add_paragraph()
            if block.label:
                last_paragraph.add_run(f"{block.label}:").bold = True
                last_paragraph.add_run(f" {block.text}")
            else:
                last_paragraph.add_run(block.text)
        elif block.kind == "table":
            table = document.add_table(rows=0, cols=len(block.rows[0]))
            table.style = "Table Grid"
            for number, row in enumerate(block.rows):
                cells = table.add_row().cells
                for cell, value in zip(cells, row, strict=True):
                    cell.text = value
                    if number == 0:
                        cell.paragraphs[0].runs[0].bold = True
        elif block.kind == "comment":
            if last_paragraph is None:
                raise ValueError(f"{source.name}: a comment needs a paragraph before it")
            comment = document.add_comment(
                last_paragraph.runs, block.text, author=block.author, initials=block.initials
            )
            comment._comment_elm.set(qn("w:date"), FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%SZ"))
        elif block.kind == "pagebreak":
            document.add_page_break()
    document.save(str(path))
    normalize_zip(path)


def render_odt(source: Source, path: Path) -> None:
    """OpenDocument text: a real heading style and plain ``Label: text`` paragraphs."""
    from odf import dc, meta
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, P

    document = OpenDocumentText()
    document.meta.addElement(dc.Title(text=source.meta.get("title", "")))
    stamp = FIXED_TIME.strftime("%Y-%m-%dT%H:%M:%S")
    document.meta.addElement(meta.CreationDate(text=stamp))
    document.meta.addElement(dc.Date(text=stamp))
    heading_style = Style(name="Heading 1", family="paragraph", defaultoutlinelevel="1")
    heading_style.addElement(TextProperties(fontsize="16pt", fontweight="bold"))
    heading_style.addElement(ParagraphProperties(marginbottom="0.3cm"))
    body_style = Style(name="Text body", family="paragraph")
    body_style.addElement(ParagraphProperties(marginbottom="0.2cm"))
    document.styles.addElement(heading_style)
    document.styles.addElement(body_style)
    for block in source.blocks:
        if block.kind == "heading":
            element = H(outlinelevel=block.level, stylename=heading_style, text=block.text)
            document.text.addElement(element)
        elif block.kind == "para":
            text = f"{block.label}: {block.text}" if block.label else block.text
            document.text.addElement(P(stylename=body_style, text=text))
        elif block.kind != "pagebreak":
            raise ValueError(f"{source.name}: {block.kind} is not supported in .odt")
    document.save(str(path))
    normalize_zip(path)


def rtf_escape(text: str) -> str:
    """Escape text for RTF: ``\\'xx`` for cp1252 characters, ``\\uN?`` beyond that."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in "\\{}":
            out.append("\\" + char)
        elif code < 128:
            out.append(char)
        else:
            try:
                out.append(f"\\'{char.encode('cp1252')[0]:02x}")
            except UnicodeEncodeError:
                signed = code if code < 32768 else code - 65536
                out.append(f"\\u{signed}?")
    return "".join(out)


def render_rtf(source: Source, path: Path) -> None:
    """Hand-written RTF 1 (ansi, cp1252) with ``{\\b Label:}`` speaker labels."""
    title = rtf_escape(source.meta.get("title", ""))
    lines = [
        r"{\rtf1\ansi\ansicpg1252\deff0\nouicompat\deflang1043",
        r"{\fonttbl{\f0\fswiss\fcharset0 Calibri;}{\f1\froman\fcharset0 Times New Roman;}}",
        r"{\colortbl ;\red0\green0\blue0;}",
        r"{\*\generator sokwal-monitor make_sample.py;}",
        r"{\info{\title " + title + r"}{\creatim\yr2020\mo1\dy15\hr12\min0}}",
        r"\viewkind4\uc1",
    ]
    for block in source.blocks:
        if block.kind == "heading":
            size = 32 if block.level == 1 else 26
            lines.append(r"\pard\sa200\sl276\slmult1\b\f0\fs" + f"{size} {rtf_escape(block.text)}")
            lines.append(r"\b0\fs22\par")
        elif block.kind == "para":
            body = rtf_escape(block.text)
            if block.label:
                body = r"{\b " + rtf_escape(block.label) + ":} " + body
            lines.append(r"\pard\sa120\f0\fs22 " + body + r"\par")
        else:
            raise ValueError(f"{source.name}: {block.kind} is not supported in .rtf")
    lines.append("}")
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("ascii"))


def render_pdf(source: Source, path: Path) -> None:
    """PDF with a text layer (fpdf2 core fonts, cp1252), running header and page numbers."""
    from fpdf import FPDF

    running = source.meta.get("header", "")

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", "I", 8)
            self.cell(0, 8, running, align="R")
            self.ln(12)

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", "", 8)
            self.cell(0, 10, f"Pagina {self.page_no()} van {{nb}}", align="C")

    pdf = Report(format="A4")
    pdf.core_fonts_encoding = "windows-1252"
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(source.meta.get("title", ""))
    pdf.set_author(source.meta.get("author", ""))
    pdf.set_creator("sokwal-monitor make_sample.py")
    pdf.set_margins(22, 20, 22)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_page()
    if title := source.meta.get("title"):
        pdf.set_font("helvetica", "B", 18)
        pdf.multi_cell(0, 9, title, align="L", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    for block in source.blocks:
        if block.kind == "heading":
            pdf.ln(3)
            pdf.set_font("helvetica", "B", 14 if block.level == 1 else 12)
            pdf.multi_cell(0, 7, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(1)
        elif block.kind == "para":
            pdf.set_font("helvetica", "", 11)
            pdf.multi_cell(0, 5.6, block.text, align="L", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(2.5)
        elif block.kind == "table":
            pdf.set_font("helvetica", "", 10)
            with pdf.table(text_align="LEFT", line_height=6) as table:
                for cells in block.rows:
                    row = table.row()
                    for value in cells:
                        row.cell(value)
            pdf.ln(3)
        elif block.kind == "pagebreak":
            pdf.add_page()
    pdf.output(str(path))


def render_html(source: Source, path: Path) -> None:
    """HTML5 report (UTF-8) with h1/h2/p, a table, and a style block to be ignored."""

    def escape(text: str) -> str:
        return html.escape(text, quote=False)

    title = source.meta.get("title", "")
    out = [
        "<!DOCTYPE html>",
        '<html lang="nl">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        "<style>",
        "  body { font-family: Arial, sans-serif; max-width: 46em; margin: 2em auto; }",
        "  table { border-collapse: collapse; } td, th { border: 1px solid #999; padding: 4px; }",
        "</style>",
        "</head>",
        "<body>",
        f"<h1>{escape(title)}</h1>",
    ]
    for block in source.blocks:
        if block.kind == "heading":
            level = block.level + 1
            out.append(f"<h{level}>{escape(block.text)}</h{level}>")
        elif block.kind == "para":
            out.append(f"<p>{escape(block.text)}</p>")
        elif block.kind == "table":
            out.append("<table>")
            head, *body = block.rows
            out.append("  <tr>" + "".join(f"<th>{escape(c)}</th>" for c in head) + "</tr>")
            for row in body:
                out.append("  <tr>" + "".join(f"<td>{escape(c)}</td>" for c in row) + "</tr>")
            out.append("</table>")
    if footer := source.meta.get("footer"):
        out.append(f"<footer><p>{escape(footer)}</p></footer>")
    out += ["</body>", "</html>", ""]
    write_text(path, "\n".join(out))


def render_md(source: Source, path: Path) -> None:
    """Markdown: ``#`` headings, ``**Label:**`` speakers, pipe tables."""
    out: list[str] = []
    list_item = re.compile(r"^(?:[-*]|\d+\.) ")
    for block in source.blocks:
        if block.kind == "heading":
            out.append(f"{'#' * block.level} {block.text}")
        elif block.kind == "para":
            text = f"**{block.label}:** {block.text}" if block.label else block.text
            if out and list_item.match(text) and list_item.match(out[-1].split("\n")[-1]):
                out[-1] += "\n" + text  # keep a list tight
            else:
                out.append(text)
        elif block.kind == "table":
            head, *body = block.rows
            rows = [head, ["---"] * len(head), *body]
            out.append("\n".join("| " + " | ".join(row) + " |" for row in rows))
    write_text(path, "\n\n".join(out) + "\n")


def render_txt(source: Source, path: Path) -> None:
    """Plain text in one of three styles (front matter ``style``).

    ``timestamped``: ``[hh:mm:ss] L: text`` per paragraph; ``labels``: ``Label: text``
    with continuation lines of a turn unlabelled; ``report``: underlined headings.
    """
    style = source.meta.get("style", "labels")
    out: list[str] = []
    if style == "timestamped":
        cues = timeline(source, max_words=10_000, start=4.0)
        times = iter(cues)
        for label, paragraphs in turns(source):
            if label is None:
                out.extend(paragraphs)
                out.append("")
                continue
            for paragraph in paragraphs:
                cue = next(times)
                out.append(f"[{clock_text(cue.start, millis=False)}] {label}: {paragraph}")
                out.append("")
    elif style == "labels":
        for label, paragraphs in turns(source):
            first, *rest = paragraphs
            out.append(f"{label}: {first}" if label else first)
            out.extend(rest)
            out.append("")
    elif style == "report":
        for block in source.blocks:
            if block.kind == "heading":
                underline = "=" if block.level == 1 else "-"
                out += [block.text, underline * len(block.text), ""]
            elif block.kind == "para":
                out += [*textwrap.wrap(block.text, width=78, break_on_hyphens=False), ""]
    else:
        raise ValueError(f"{source.name}: unknown txt style {style!r}")
    text = "\n".join(out).rstrip("\n") + "\n"
    write_text(
        path,
        text,
        encoding=source.meta.get("encoding", "utf-8"),
        newline="\r\n" if source.meta.get("newline") == "crlf" else "\n",
    )


def render_vtt(source: Source, path: Path) -> None:
    """WebVTT as Microsoft Teams exports it: GUID cue ids and ``<v Name>`` voice tags."""
    out = ["WEBVTT", ""]
    for cue in timeline(source, max_words=22, start=3.12):
        digest = hashlib.sha1(f"{source.output}/{cue.turn}".encode()).hexdigest()
        guid = f"{digest[:8]}-{digest[8:12]}-4{digest[13:16]}-a{digest[17:20]}-{digest[20:32]}"
        out.append(f"{guid}/{cue.turn + 11}-{cue.part}")
        out.append(f"{clock_text(cue.start)} --> {clock_text(cue.end)}")
        out.append(f"<v {cue.speaker}>{cue.text}</v>")
        out.append("")
    write_text(path, "\n".join(out))


def render_srt(source: Source, path: Path) -> None:
    """SubRip subtitles (CRLF): numbered cues, ``NAAM: tekst`` lines wrapped at 56 characters."""
    out: list[str] = []
    cues = timeline(source, max_words=14, start=1.0)
    for number, cue in enumerate(cues, start=1):
        out.append(str(number))
        out.append(f"{clock_text(cue.start, ',')} --> {clock_text(cue.end, ',')}")
        out.extend(textwrap.wrap(f"{cue.speaker}: {cue.text}", width=56, break_on_hyphens=False))
        out.append("")
    write_text(path, "\n".join(out), newline="\r\n")


RENDERERS: dict[str, Callable[[Source, Path], None]] = {
    ".docx": render_docx,
    ".odt": render_odt,
    ".rtf": render_rtf,
    ".pdf": render_pdf,
    ".html": render_html,
    ".md": render_md,
    ".txt": render_txt,
    ".vtt": render_vtt,
    ".srt": render_srt,
}


# --------------------------------------------------------------------------- survey


def build_survey(path: Path) -> None:
    """Write the SPSS participant survey (about 80 respondents, fixed seed).

    ``eenzaam`` uses 9 ("weet niet") as a user-defined missing value; in 2019 the
    P01, P02 and P04 respondents are on average a little less lonely, have more
    contacts and are more satisfied than in 2018.
    """
    import pandas as pd
    import pyreadstat

    rng = random.Random(SURVEY_SEED)
    plan = {  # project: (respondents per wave, age categories, improvement in 2019)
        "P01": (12, [4, 5, 5, 6, 6], 0.6),
        "P02": (8, [1, 1, 1, 2], 0.5),
        "P03": (10, [2, 3, 3, 4, 5], 0.0),
        "P04": (10, [4, 5, 5, 6], 0.4),
    }
    rows: list[dict[str, object]] = []
    for project, (per_wave, ages, gain) in plan.items():
        for wave in (2018, 2019):
            shift = gain if wave == 2019 else 0.0
            for _ in range(per_wave):
                lonely = min(5, max(1, round(rng.gauss(3.2 - shift * 1.2, 0.9))))
                if rng.random() < 0.07:
                    lonely = 9
                contacts: float = max(0, round(rng.gauss(3.5 + shift * 3, 1.8)))
                if rng.random() < 0.05:
                    contacts = float("nan")
                rows.append(
                    {
                        "project_id": project,
                        "wave": float(wave),
                        "leeftijd_cat": float(rng.choice(ages)),
                        "eenzaam": float(lonely),
                        "contacten_per_week": contacts,
                        "tevreden": float(min(5, max(1, round(rng.gauss(3.6 + shift, 0.8))))),
                        "vrijwilliger": float(rng.random() < 0.2),
                    }
                )
    frame = pd.DataFrame(rows)
    agree = {1: "zeer ontevreden", 2: "ontevreden", 3: "neutraal", 4: "tevreden"}
    pyreadstat.write_sav(
        frame,
        str(path),
        file_label="Enquête deelnemers sociale kwaliteit 2018-2019 (synthetisch)",
        column_labels={
            "project_id": "Project (zie projects.csv)",
            "wave": "Meetmoment (jaar)",
            "leeftijd_cat": "Leeftijdscategorie",
            "eenzaam": "Hoe vaak voelt u zich eenzaam? (één antwoord)",
            "contacten_per_week": "Aantal sociale contacten per week",
            "tevreden": "Tevredenheid over de activiteiten",
            "vrijwilliger": "Is de respondent zelf ook vrijwilliger?",
        },
        variable_value_labels={
            "leeftijd_cat": {
                1: "jonger dan 18 jaar",
                2: "18 tot 45 jaar",
                3: "45 tot 65 jaar",
                4: "65 tot 75 jaar",
                5: "75 tot 85 jaar",
                6: "85 jaar of ouder",
            },
            "eenzaam": {
                1: "nooit",
                2: "zelden",
                3: "soms",
                4: "vaak",
                5: "heel vaak",
                9: "weet niet",
            },
            "tevreden": {**agree, 5: "zeer tevreden"},
            "vrijwilliger": {0: "nee", 1: "ja"},
        },
        missing_ranges={"eenzaam": [9]},
        variable_measure={
            "project_id": "nominal",
            "wave": "ordinal",
            "leeftijd_cat": "ordinal",
            "eenzaam": "ordinal",
            "contacten_per_week": "scale",
            "tevreden": "ordinal",
            "vrijwilliger": "nominal",
        },
        variable_format={
            "wave": "F4.0",
            "leeftijd_cat": "F1.0",
            "eenzaam": "F1.0",
            "contacten_per_week": "F3.0",
            "tevreden": "F1.0",
            "vrijwilliger": "F1.0",
        },
    )
    fix_sav_timestamp(path)


def fix_sav_timestamp(path: Path) -> None:
    """Overwrite the creation date and time in the .sav header (bytes 92-108)."""
    data = bytearray(path.read_bytes())
    if data[:4] != b"$FL2":
        raise ValueError(f"{path}: not an SPSS .sav file")
    data[92:109] = FIXED_TIME.strftime("%d %b %y%H:%M:%S").encode("ascii")
    path.write_bytes(bytes(data))


# --------------------------------------------------------------------------- extraction


class _HTMLText(HTMLParser):
    """Collect the visible text of an HTML page (no head, script or style)."""

    BLOCKS = frozenset({"p", "h1", "h2", "h3", "tr", "li", "footer", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("head", "script", "style"):
            self.skip += 1
        elif tag in ("td", "th"):
            self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style"):
            self.skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def extract_text(path: Path) -> str:
    """Extract the plain text of a generated file, independently of the source."""
    suffix = path.suffix.lower()
    if suffix == ".docx":
        import docx
        from docx.table import Table

        document = docx.Document(str(path))
        parts: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Table):
                parts.extend(" | ".join(c.text for c in row.cells) for row in item.rows)
            else:
                parts.append(item.text)
        return "\n".join(parts)
    if suffix == ".odt":
        from odf import teletype
        from odf.opendocument import load
        from odf.text import H, P

        document = load(str(path))
        elements = document.text.getElementsByType(H) + document.text.getElementsByType(P)
        return "\n".join(teletype.extractText(e) for e in elements)
    if suffix == ".rtf":
        from striprtf.striprtf import rtf_to_text

        return rtf_to_text(path.read_text(encoding="ascii"), encoding="cp1252")
    if suffix == ".pdf":
        from pdfminer.high_level import extract_text as pdf_text

        return pdf_text(str(path))
    if suffix == ".html":
        parser = _HTMLText()
        parser.feed(path.read_text(encoding="utf-8"))
        return "".join(parser.parts)
    if suffix == ".sav":
        return ""
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252")


def squash(text: str) -> str:
    """Collapse every run of whitespace to one space."""
    return re.sub(r"\s+", " ", text).strip()


# --------------------------------------------------------------------------- build


def build(out_dir: Path, gold_path: Path) -> tuple[list[Source], list[tuple[str, str, str]]]:
    """Render every source and the survey into ``out_dir``; write CSVs and the gold list."""
    sources = load_sources()
    out_dir.mkdir(parents=True, exist_ok=True)
    outputs = [s.output for s in sources]
    if len(set(outputs)) != len(outputs):
        raise ValueError("two sources name the same output file")

    documents: list[dict[str, str]] = []
    for source in sources:
        target = out_dir / source.output
        target.parent.mkdir(parents=True, exist_ok=True)
        RENDERERS[target.suffix](source, target)
        match = NAME_PATTERN.match(target.name)
        expected = {k: source.meta.get(k, "") for k in ("project", "wave", "kind", "role")}
        if match is None:
            documents.append({"path": source.output, **expected})
        elif {k: match[k] or "" for k in expected} != expected:
            raise ValueError(f"{source.name}: front matter disagrees with {target.name}")

    survey = out_dir / SURVEY_PATH
    survey.parent.mkdir(parents=True, exist_ok=True)
    build_survey(survey)
    documents.append(
        {"path": SURVEY_PATH, "project": "", "wave": "", "kind": "enquete", "role": ""}
    )

    shutil.copyfile(SRC_DIR / "projects.csv", out_dir / "projects.csv")
    with (out_dir / "documents.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "project_id", "wave", "kind", "role"])
        for doc in sorted(documents, key=lambda d: d["path"]):
            writer.writerow([doc["path"], doc["project"], doc["wave"], doc["kind"], doc["role"]])

    gold = sorted(
        {(s.output, category, text) for s in sources for category, text in s.marks},
        key=lambda row: (row[0], CATEGORIES.index(row[1]), row[2]),
    )
    gold_path.parent.mkdir(parents=True, exist_ok=True)
    with gold_path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["path", "category", "text"])
        writer.writerows(gold)
    return sources, gold


# --------------------------------------------------------------------------- checks


def _occurrences(needle: str, text: str) -> Iterable[tuple[int, int]]:
    """Spans of ``needle`` in ``text`` as a whole word (case-sensitive)."""
    pattern = r"(?<!\w)" + re.escape(needle) + r"(?!\w)"
    return (m.span() for m in re.finditer(pattern, text))


def check(out_dir: Path, sources: list[Source], gold: list[tuple[str, str, str]]) -> list[str]:
    """Verify the generated sample against the gold list; return the problems found."""
    problems: list[str] = []
    by_file: dict[str, set[str]] = {}
    for path, _category, text in gold:
        by_file.setdefault(path, set()).add(squash(text))
    known = {squash(text) for _path, _category, text in gold}

    for source in sources:
        text = squash(extract_text(out_dir / source.output))
        listed = by_file.get(source.output, set())
        for value in sorted(listed):
            if value not in text:
                problems.append(f"{source.output}: gold string {value!r} not in extracted text")
        covered = [span for value in listed for span in _occurrences(value, text)]

        def is_covered(start: int, end: int, spans: list[tuple[int, int]] = covered) -> bool:
            return any(s <= start and end <= e for s, e in spans)

        for value in sorted(known - listed):
            for start, end in _occurrences(value, text):
                if not is_covered(start, end):
                    problems.append(f"{source.output}: {value!r} occurs but is not listed")
                    break
        for category, pattern in SCAN_PATTERNS.items():
            for match in pattern.finditer(text):
                found = match[0].rstrip(".,;:)")
                if found in NOT_PERSONAL:
                    continue
                if not is_covered(match.start(), match.start() + len(found)):
                    problems.append(f"{source.output}: unlisted {category} {found!r}")

        limits = WORD_LIMITS.get(source.kind)
        words = word_count(block_text(source))
        if limits and not limits[0] <= words <= limits[1]:
            problems.append(f"{source.output}: {words} words, expected {limits[0]}-{limits[1]}")

    for source in sources:
        if source.output.endswith(".pdf"):
            from pypdf import PdfReader

            pages = len(PdfReader(str(out_dir / source.output)).pages)
            if pages < 2:
                problems.append(f"{source.output}: {pages} page(s), expected at least 2")

    expected = {s.output for s in sources} | {SURVEY_PATH, "projects.csv", "documents.csv"}
    present = {p.relative_to(out_dir).as_posix() for p in out_dir.rglob("*") if p.is_file()}
    problems += [f"{p}: stray file in the sample folder" for p in sorted(present - expected)]
    return problems


def summary(sources: list[Source], gold: list[tuple[str, str, str]]) -> str:
    """A table of the generated documents with word counts and personal-data items."""
    counts: dict[str, int] = {}
    for path, _category, _text in gold:
        counts[path] = counts.get(path, 0) + 1
    lines = [f"{'file':<58} {'kind':<9} {'words':>5} {'pd':>3}"]
    for source in sources:
        words = word_count(block_text(source))
        lines.append(
            f"{source.output:<58} {source.kind:<9} {words:>5} {counts.get(source.output, 0):>3}"
        )
    lines.append(f"{SURVEY_PATH:<58} {'enquete':<9}")
    return "\n".join(lines)


def compare_trees(left: Path, right: Path) -> list[str]:
    """Names of files that differ between two folders (or exist in only one)."""
    names = {p.relative_to(left).as_posix() for p in left.rglob("*") if p.is_file()}
    names |= {p.relative_to(right).as_posix() for p in right.rglob("*") if p.is_file()}
    return sorted(
        name
        for name in names
        if not (left / name).is_file()
        or not (right / name).is_file()
        or not filecmp.cmp(left / name, right / name, shallow=False)
    )


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check",
        action="store_true",
        help="rebuild in a temporary folder and compare with data/sample instead of writing",
    )
    args = parser.parse_args(argv)

    if args.check:
        with tempfile.TemporaryDirectory() as tmp:
            out_dir, gold_path = Path(tmp) / "sample", Path(tmp) / "gold.csv"
            sources, gold = build(out_dir, gold_path)
            problems = check(out_dir, sources, gold)
            problems += [
                f"{n}: differs from a fresh build" for n in compare_trees(out_dir, SAMPLE_DIR)
            ]
            if not filecmp.cmp(gold_path, GOLD_PATH, shallow=False):
                problems.append(f"{GOLD_PATH.relative_to(ROOT)}: differs from a fresh build")
    else:
        sources, gold = build(SAMPLE_DIR, GOLD_PATH)
        problems = check(SAMPLE_DIR, sources, gold)
        print(summary(sources, gold))
        print(f"{len(gold)} personal-data strings in {GOLD_PATH.relative_to(ROOT)}")
    for problem in problems:
        print(f"PROBLEM: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
