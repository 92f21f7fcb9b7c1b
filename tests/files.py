"""Builders that write real test documents (docx, odt, pdf, rtf) into a folder.

They use the dev-only libraries python-docx, odfpy, fpdf2 and pypdf, so that the
readers are tested against files other software wrote. A paragraph given as
``"Interviewer: Hoe gaat het?"`` gets its label (up to the first colon) in a bold
run when ``bold_labels`` is true.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

# A paragraph: plain text, (style name, text), or explicit [(text, bold), ...] runs.
Paragraph = str | tuple[str, str] | list[tuple[str, bool]]

_LABEL = re.compile(r"([^:\n]{1,40}:)(.*)", re.DOTALL)
W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _runs(spec: str, bold_labels: bool) -> list[tuple[str, bool]]:
    match = _LABEL.fullmatch(spec) if bold_labels else None
    if not match:
        return [(spec, False)]
    return [(match.group(1), True)] + ([(match.group(2), False)] if match.group(2) else [])


def make_docx(
    path: Path,
    paragraphs: Sequence[Paragraph],
    *,
    title: str | None = None,
    header: str | None = None,
    footer: str | None = None,
    comment: str | None = None,
    table: Sequence[Sequence[str]] | None = None,
    bold_labels: bool = True,
    style_names: dict[str, str] | None = None,
) -> Path:
    """Write a .docx with python-docx; ``comment`` is anchored on the first paragraph.

    ``style_names`` renames built-in styles (name and id), e.g. ``{"Heading 2": "Kop 2"}``.
    """
    import docx

    document = docx.Document()
    if title is not None:
        document.core_properties.title = title
    section = document.sections[0]
    if header is not None:
        section.header.paragraphs[0].text = header
    if footer is not None:
        section.footer.paragraphs[0].text = footer
    for spec in paragraphs:
        if isinstance(spec, tuple):
            document.add_paragraph(spec[1], style=spec[0])
            continue
        para = document.add_paragraph()
        for text, bold in spec if isinstance(spec, list) else _runs(spec, bold_labels):
            para.add_run(text).bold = bold or None
    if comment is not None:
        document.add_comment(document.paragraphs[0].runs, text=comment, author="Onderzoeker")
    if table is not None:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    for old, new in (style_names or {}).items():
        style = document.styles[old]
        style.name = new
        style.style_id = new.replace(" ", "")
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    if style_names:  # python-docx keeps the old id in paragraphs: point them at the new one
        ids = {old.replace(" ", ""): new.replace(" ", "") for old, new in style_names.items()}
        patch_member(
            path,
            "word/document.xml",
            lambda xml: re.sub(
                r'(<w:pStyle w:val=")([^"]+)"', lambda m: m[1] + ids.get(m[2], m[2]) + '"', xml
            ),
        )
    return path


def patch_member(path: Path, member: str, transform: Callable[[str], str | bytes]) -> Path:
    """Rewrite one member of a zip file in place (its other members stay as they are)."""
    with zipfile.ZipFile(path) as zf:
        items = [(info, zf.read(info)) for info in zf.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for info, data in items:
            if info.filename == member:
                new = transform(data.decode("utf-8"))
                data = new.encode("utf-8") if isinstance(new, str) else new
            zf.writestr(info, data)
    return path


def replace_run(xml: str, marker: str, replacement: str) -> str:
    """Replace the whole ``<w:r>`` whose text is ``marker`` by raw WordprocessingML."""
    pattern = re.compile(r"<w:r>(?:(?!</w:r>).)*?" + re.escape(marker) + r".*?</w:r>", re.DOTALL)
    new, count = pattern.subn(lambda _: replacement, xml)
    if count != 1:
        raise ValueError(f"marker {marker!r} found {count} times")
    return new


def _with(parent, *children):
    """odfpy's addElement returns None: add children and return the parent."""
    for child in children:
        parent.addElement(child)
    return parent


def make_odt(
    path: Path,
    paragraphs: Sequence[Paragraph],
    *,
    title: str | None = None,
    header: str | None = None,
    footer: str | None = None,
    comment: str | None = None,
    footnote: str | None = None,
    spaces: tuple[str, int, str] | None = None,
    list_items: Sequence[str] = (),
    table: Sequence[Sequence[str]] | None = None,
    bold_labels: bool = True,
) -> Path:
    """Write an .odt with odfpy. Tuple paragraphs ``("h2", text)`` are headings.

    ``comment`` and ``footnote`` are attached to the first paragraph; ``spaces``
    ``(before, n, after)`` adds a paragraph with a ``text:s text:c="n"`` element.
    """
    from odf import dc, office, style, text
    from odf import table as odf_table
    from odf.opendocument import OpenDocumentText

    document = OpenDocumentText()
    if title is not None:
        document.meta.addElement(dc.Title(text=title))
    strong = style.Style(name="Vet", family="text")
    strong.addElement(style.TextProperties(fontweight="bold"))
    document.automaticstyles.addElement(strong)
    if header is not None or footer is not None:
        layout = style.PageLayout(name="Pagina")
        document.automaticstyles.addElement(layout)
        master = style.MasterPage(name="Standard", pagelayoutname=layout)
        for kind, value in ((style.Header, header), (style.Footer, footer)):
            if value is not None:
                master.addElement(_with(kind(), text.P(text=value)))
        document.masterstyles.addElement(master)
    elements = []
    for spec in paragraphs:
        if isinstance(spec, tuple):
            elements.append(text.H(outlinelevel=int(spec[0].lstrip("h")), text=spec[1]))
            continue
        para = text.P()
        for run_text, bold in spec if isinstance(spec, list) else _runs(spec, bold_labels):
            if bold:
                para.addElement(text.Span(stylename=strong, text=run_text))
            else:
                para.addText(run_text)
        elements.append(para)
    first = next(e for e in elements if e.qname[1] == "p")
    if comment is not None:
        note = office.Annotation()
        note.addElement(text.P(text=comment))
        first.addElement(note)
    if footnote is not None:
        note = text.Note(id="ftn1", noteclass="footnote")
        note.addElement(text.NoteCitation(text="1"))
        note.addElement(_with(text.NoteBody(), text.P(text=footnote)))
        first.addElement(note)
    if spaces is not None:
        para = text.P()
        para.addText(spaces[0])
        para.addElement(text.S(c=spaces[1]))
        para.addText(spaces[2])
        elements.append(para)
    if list_items:
        items = text.List()
        for item in list_items:
            items.addElement(_with(text.ListItem(), text.P(text=item)))
        elements.append(items)
    if table is not None:
        grid = odf_table.Table(name="Tabel1")
        grid.addElement(odf_table.TableColumn(numbercolumnsrepeated=len(table[0])))
        for values in table:
            row = odf_table.TableRow()
            for value in values:
                row.addElement(_with(odf_table.TableCell(), text.P(text=value)))
            grid.addElement(row)
        elements.append(grid)
    for element in elements:
        document.text.addElement(element)
    path.parent.mkdir(parents=True, exist_ok=True)
    document.save(str(path))
    return path


def encrypt_odt_manifest(path: Path) -> Path:
    """Make an .odt look like LibreOffice's password-protected files."""
    encryption = (
        '<manifest:encryption-data manifest:checksum-type="SHA1/1K" manifest:checksum="AAAA">'
        '<manifest:algorithm manifest:algorithm-name="Blowfish CFB" '
        'manifest:initialisation-vector="AAAA"/>'
        '<manifest:key-derivation manifest:key-derivation-name="PBKDF2" '
        'manifest:iteration-count="1024" manifest:salt="AAAA"/></manifest:encryption-data>'
    )
    patch_member(
        path,
        "META-INF/manifest.xml",
        lambda xml: re.sub(
            r'(<manifest:file-entry [^>]*manifest:full-path="content.xml"[^>]*?)\s*/>',
            lambda m: m[1] + ">" + encryption + "</manifest:file-entry>",
            xml,
        ),
    )
    return patch_member(path, "content.xml", lambda _: bytes(range(256)) * 8)


def make_pdf(path: Path, pages: Sequence[Sequence[str]], *, title: str | None = None) -> Path:
    """Write a PDF with fpdf2: one list of paragraphs per page (latin-1 text)."""
    from fpdf import FPDF

    pdf = FPDF()
    if title is not None:
        pdf.set_title(title)
    for paragraphs in pages:
        pdf.add_page()
        pdf.set_font("helvetica", size=12)
        for para in paragraphs:
            pdf.multi_cell(0, 6, para, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(10)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def make_report_pdf(
    path: Path, pages: Sequence[Sequence[tuple[str, str]]], *, header: str, footer: str
) -> Path:
    """Write a report PDF: per page a list of ("h1" | "h2" | "p", text), with a running
    header and a footer "<footer> – pagina N" on every page, as a word processor makes."""
    from fpdf import FPDF

    class Report(FPDF):
        def header(self) -> None:
            self.set_font("helvetica", size=9)
            self.cell(0, 8, header, new_x="LMARGIN", new_y="NEXT")

        def footer(self) -> None:
            self.set_y(-15)
            self.set_font("helvetica", size=9)
            self.cell(0, 8, f"{footer} - pagina {self.page_no()}")

    pdf = Report()
    sizes = {"h1": 18, "h2": 14, "p": 11}
    for paragraphs in pages:
        pdf.add_page()
        for kind, text in paragraphs:
            pdf.set_font("helvetica", style="B" if kind != "p" else "", size=sizes[kind])
            pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
            pdf.ln(6)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def make_scanned_pdf(path: Path, *, pages: int = 1) -> Path:
    """Write a PDF whose pages hold only an image and a drawing (as a scanner makes)."""
    from fpdf import FPDF
    from PIL import Image

    pdf = FPDF()
    for _ in range(pages):
        pdf.add_page()
        pdf.image(Image.new("L", (60, 80), color=200), x=10, y=10, w=150)
        pdf.rect(20, 200, 100, 30)
    path.parent.mkdir(parents=True, exist_ok=True)
    pdf.output(str(path))
    return path


def encrypt_pdf(source: Path, path: Path, *, user_password: str) -> Path:
    """Copy ``source`` to ``path`` encrypted with pypdf (AES-128, an owner password set)."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(source))
    writer.encrypt(user_password=user_password, owner_password="eigenaar", algorithm="AES-128")
    with open(path, "wb") as handle:
        writer.write(handle)
    return path


def make_encrypted_pdf(path: Path, password: str, pages: Sequence[Sequence[str]]) -> Path:
    """Write an encrypted PDF; an empty ``password`` opens without asking for one."""
    plain = make_pdf(path.with_name(path.stem + "-plain.pdf"), pages)
    return encrypt_pdf(plain, path, user_password=password)


def rtf_escape(text: str, *, unicode_escapes: bool = False, codepage: str = "cp1252") -> str:
    r"""Escape ``text`` for RTF: ``\'xx`` in the code page, or ``\uN?`` escapes."""
    out = []
    for ch in text:
        if ch in "\\{}":
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\line ")
        elif ord(ch) < 128:
            out.append(ch)
        elif unicode_escapes:
            code = ord(ch)
            if code > 0xFFFF:  # a surrogate pair, as Word writes it
                code -= 0x10000
                pair = (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))
                out.append("".join(f"\\u{c - 0x10000}?" for c in pair))
            else:
                out.append(f"\\u{code if code < 0x8000 else code - 0x10000}?")
        else:
            out.append("".join(f"\\'{b:02x}" for b in ch.encode(codepage)))
    return "".join(out)


def make_rtf(
    path: Path,
    paragraphs: Sequence[str],
    *,
    title: str | None = None,
    unicode_escapes: bool = False,
    codepage: int = 1252,
) -> Path:
    """Write an RTF file the way WordPad and Word do (7-bit, escaped)."""
    cp = f"cp{codepage}"
    info = "{\\info{\\title " + rtf_escape(title, codepage=cp) + "}}" if title else ""
    body = "".join(
        "{\\pard " + rtf_escape(p, unicode_escapes=unicode_escapes, codepage=cp) + "\\par}\r\n"
        for p in paragraphs
    )
    source = (
        f"{{\\rtf1\\ansi\\ansicpg{codepage}\\deff0{{\\fonttbl{{\\f0\\fswiss Calibri;}}}}"
        f"{info}\r\n\\f0\\fs24 {body}}}"
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(source.encode("ascii"))
    return path


def check_blocks(doc) -> None:
    """Assert the RawDocument contract: exact, ordered, non-overlapping block spans."""
    assert "\r" not in doc.text
    previous_end = 0
    for block in doc.blocks:
        assert 0 <= block.start <= block.end <= len(doc.text), block
        assert block.start >= previous_end, f"{block} overlaps or is out of order"
        assert doc.text[block.start : block.end] == doc.block_text(block)
        assert doc.block_text(block) == doc.block_text(block).strip(), block
        assert block.end > block.start, f"empty block {block}"
        previous_end = block.end
