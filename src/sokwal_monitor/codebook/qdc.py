"""REFI-QDA codebooks (``.qdc``): :func:`read_qdc` and :func:`write_qdc`."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from os import PathLike
from pathlib import Path

import defusedxml

from ..errors import CodebookError
from .model import Codebook
from .refi_codes import check_writable, code_element, codes_from_xml
from .refi_xml import (
    CODEBOOK_NAMESPACE,
    ORIGIN,
    PROJECT_NAMESPACE,
    derived_guid,
    parse_error_position,
    parse_lines,
    xml_bytes,
)

__all__ = ["read_qdc", "write_qdc"]

_PathLike = str | PathLike[str]

_DECLARED = re.compile(rb"""^(?:\xef\xbb\xbf)?\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
_UTF16_32_BOMS = (b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")


def read_qdc(path: _PathLike) -> Codebook:
    """Read a REFI-QDA codebook (``.qdc``) as a :class:`Codebook`.

    The file is parsed with :mod:`defusedxml`: a file that declares XML entities (the
    "billion laughs" and external-entity attacks) is refused. The codebook's ``name`` is
    the file name without ``.qdc``; ``version`` and ``language`` are not part of the
    standard and stay ``None``. Codes come in file order, parents before their children.

    Code names must be unique in a :class:`Codebook` but need not be in REFI-QDA (NVivo
    allows ``Anders`` under two parents). A name that occurs more than once becomes
    ``parent/name`` (the parent's own, possibly extended, name before the slash) for
    every occurrence that has a parent; a top-level occurrence keeps the plain name. If
    that is still taken, `` (2)``, `` (3)``, ... is added in file order. Names that
    occur once are never changed.

    A ``guid`` attribute is kept in :attr:`Code.guid`, unless it is the GUID
    :func:`write_qdc` derives from the codebook and code name: then it is left out, so
    ``read_qdc(write_qdc(cb, ...))`` gives ``cb`` back and writing again derives it anew.

    Raises :class:`~sokwal_monitor.errors.CodebookError` naming the file: it cannot be
    read, is empty, is a zip (a ``.qdpx`` project), is not UTF-8 though it says so, is not
    well-formed XML (with the line), was refused as hostile, has another root than
    ``<CodeBook>``; or, listing every problem with its line: a ``<Code>`` without a name,
    a GUID or colour not in the standard's form, a GUID used twice, a broken
    ``Patronen (sokwal):`` section.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> xml = '''<?xml version="1.0" encoding="utf-8"?>
    ... <CodeBook xmlns="urn:QDA-XML:codebook:1.0">
    ...   <Codes>
    ...     <Code guid="0f8fad5b-d9cb-469f-a165-70867728950e" name="Wonen" isCodable="true">
    ...       <Description>Over het huis en de buurt.</Description>
    ...       <Code guid="7c9e6679-7425-40de-944b-e07fc1f90ae7" name="Buren" isCodable="true"
    ...             color="#FF0000"/>
    ...     </Code>
    ...   </Codes>
    ... </CodeBook>'''
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     path = Path(tmp) / "mijn_codes.qdc"
    ...     _ = path.write_text(xml, encoding="utf-8")
    ...     cb = read_qdc(path)
    >>> cb.name, [(c.name, c.parent, c.definition, c.color) for c in cb]
    ('mijn_codes', [('Wonen', None, 'Over het huis en de buurt.', None), ('Buren', 'Wonen', '', '#FF0000')])
    """  # noqa: E501
    p = Path(path)
    root, lines = _parse(p, _read_bytes(p))
    namespace, _, local = root.tag.rpartition("}")
    namespace = namespace.lstrip("{")
    if local != "CodeBook":
        hint = (
            "this is a REFI-QDA project, not a codebook; import the whole project (.qdpx) "
            "with sokwal import, or export only the codebook (.qdc) from your QDA program"
            if local == "Project"
            else "export the codebook again from your QDA program as a REFI-QDA codebook (.qdc)"
        )
        raise CodebookError(p, f"the file is XML, but its root is <{local}>, not <CodeBook>", hint)
    if namespace not in (CODEBOOK_NAMESPACE, PROJECT_NAMESPACE, ""):
        raise CodebookError(
            p,
            f"the <CodeBook> is in the XML namespace {namespace!r}, not {CODEBOOK_NAMESPACE!r}",
            "this is not a REFI-QDA codebook; export it again as REFI-QDA (.qdc)",
        )
    ns = f"{{{namespace}}}" if namespace else ""
    codes_el = root.find(f"{ns}Codes")
    if codes_el is None:
        raise CodebookError(
            p,
            f"line {lines[root]}: the <CodeBook> has no <Codes> element",
            "export the codebook again from your QDA program",
        )
    codes, problems = codes_from_xml(codes_el, ns, lines, p.stem)
    if problems:
        n = len(problems)
        raise CodebookError(
            p,
            f"the codebook does not validate ({n} problem{'s' * (n != 1)}):\n  "
            + "\n  ".join(problems),
            "fix these in the program that made the file and export it again",
        )
    return Codebook(name=p.stem, codes=codes)


def write_qdc(codebook: Codebook, path: _PathLike) -> Path:
    """Write ``codebook`` as a REFI-QDA codebook (``.qdc``) that validates against
    ``Codebook.xsd``; returns the path.

    Each code becomes a ``<Code>`` nested under its parent's (siblings in codebook order),
    with ``isCodable="true"``, its ``color`` when set, and its ``guid``, or, when it has
    none, a GUID derived from the codebook name (or else the file name) and the code
    name, so the same codebook always gives the same, byte-identical file. The
    ``<Description>`` holds the definition and, after a blank line each, the sections
    ``Insluiten (sokwal):``, ``Uitsluiten (sokwal):``, ``Voorbeelden (sokwal):`` (items
    as ``- item``, further lines of an item indented two spaces) and ``Patronen
    (sokwal):`` (one JSON object a line); empty fields are left out. ``version`` and
    ``language`` have no place in the standard and are not written.

    Raises :class:`~sokwal_monitor.errors.CodebookError`, listing every problem, when the
    codebook cannot be written faithfully: no codes (the standard needs one), an empty or
    duplicate name, an unknown parent or a cycle, a GUID or colour not in the standard's
    form, a GUID used twice, text with characters XML cannot hold, a definition line that
    is one of the section markers, a pattern that is not JSON.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from sokwal_monitor.codebook import Code, Codebook
    >>> cb = Codebook("demo", codes=[
    ...     Code("wonen", "Over het huis.", include=["Huur & koop"]),
    ...     Code("buren", "Contact met buren.", parent="wonen", patterns=[{"lemma": "buur"}]),
    ... ])
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     text = write_qdc(cb, Path(tmp) / "demo.qdc").read_text(encoding="utf-8")
    >>> print(text, end="")
    <?xml version="1.0" encoding="utf-8"?>
    <CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="sokwal-monitor">
      <Codes>
        <Code guid="55b7daf5-c47a-50ca-b68c-397c66f82838" name="wonen" isCodable="true">
          <Description>Over het huis.
    <BLANKLINE>
    Insluiten (sokwal):
    - Huur &amp; koop</Description>
          <Code guid="ed50182d-3121-51cf-b019-a0cd2d4fcc25" name="buren" isCodable="true">
            <Description>Contact met buren.
    <BLANKLINE>
    Patronen (sokwal):
    {"lemma": "buur"}</Description>
          </Code>
        </Code>
      </Codes>
    </CodeBook>
    """
    p = Path(path)
    check_writable(codebook, p)
    cb_name = codebook.name if codebook.name is not None else p.stem
    # Unqualified names under a default namespace declared by hand (ElementTree's
    # default_namespace option refuses the unqualified attributes before Python 3.13).
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NAMESPACE, "origin": ORIGIN})
    codes_el = ET.SubElement(root, "Codes")
    elements: dict[str, ET.Element] = {}
    for _, code in codebook.walk():
        parent_el = codes_el if code.parent is None else elements[code.parent]
        guid = code.guid if code.guid is not None else derived_guid(cb_name, code.name)
        elements[code.name] = code_element(parent_el, code, guid)
    p.write_bytes(xml_bytes(root))
    return p


def _read_bytes(path: Path) -> bytes:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise CodebookError(
            path, f"the codebook could not be read ({exc.strerror or exc})"
        ) from exc
    if not data.strip():
        raise CodebookError(
            path,
            "the file is empty",
            "export the codebook again from your QDA program as a REFI-QDA codebook (.qdc)",
        )
    if data.startswith(b"PK\x03\x04"):
        raise CodebookError(
            path,
            "the file is a zip archive, probably a REFI-QDA project (.qdpx), not a codebook",
            "import a project with sokwal import (or import_qdpx), or export only the "
            "codebook (.qdc) from your QDA program",
        )
    declared = _DECLARED.match(data)
    encoding = declared.group(1).decode("ascii", "replace").lower() if declared else "utf-8"
    if not data.startswith(_UTF16_32_BOMS) and encoding.replace("_", "-") in ("utf-8", "utf8"):
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            line = data.count(b"\n", 0, exc.start) + 1
            byte = data[exc.start]
            raise CodebookError(
                path,
                f"line {line}: the file is not valid UTF-8 (byte 0x{byte:02X} cannot be read), "
                "though XML is UTF-8 unless the first line says otherwise; it was probably "
                "saved as Latin-1 or Windows-1252",
                "save it again as UTF-8, or name its real encoding in the first line: "
                '<?xml version="1.0" encoding="windows-1252"?>',
            ) from exc
    return data


def _parse(path: Path, data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse safely; the root and the line on which each element starts."""
    try:
        return parse_lines(data)  # entities and external references refused
    except ET.ParseError as exc:
        line, column, reason = parse_error_position(exc)
        raise CodebookError(
            path,
            f"line {line}, column {column}: the file is not well-formed XML ({reason})",
            "a REFI-QDA codebook is XML; export it again, or repair the XML around that line",
        ) from exc
    except defusedxml.EntitiesForbidden as exc:
        where = f" that reads {exc.sysid!r}" if exc.sysid else ""
        raise CodebookError(
            path,
            f"the file was refused: it declares an XML entity ({exc.name!r}){where}; entities "
            "are how hostile XML fills the memory (the 'billion laughs') or reads other "
            "files, and a REFI-QDA codebook never needs them",
            "export the codebook again from your QDA program, and do not open this file "
            "with other software",
        ) from exc
    except defusedxml.DefusedXmlException as exc:
        raise CodebookError(
            path,
            f"the file was refused: it uses an XML feature that can be used for attacks ({exc})",
            "export the codebook again from your QDA program",
        ) from exc
