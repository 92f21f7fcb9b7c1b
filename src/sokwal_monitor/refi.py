"""REFI-QDA exchange with other qualitative-analysis programs.

REFI-QDA (https://www.qdasoftware.org) is the standard that ATLAS.ti, NVivo, MAXQDA,
QualCoder and others use to exchange codebooks (``.qdc``, an XML file) and whole
projects (``.qdpx``, a zip archive). This module reads and writes both: codebooks in
the first part, projects (documents, codes, codings, memos, variables) in the second.

Codebooks (``.qdc``)
--------------------
:func:`read_qdc` turns a ``.qdc`` file into a :class:`~sokwal_monitor.codebook.Codebook`,
:func:`write_qdc` (or :meth:`Codebook.to_qdc <sokwal_monitor.codebook.Codebook.to_qdc>`)
writes one that validates against the standard's ``Codebook.xsd``. What maps to what:

- nested ``<Code>`` elements give the hierarchy (``parent``), in file order;
- the ``name``, ``guid`` and ``color`` attributes give ``name``, ``guid`` and ``color``;
- ``<Description>`` holds the definition followed by sections that only sokwal-monitor
  fills: ``Insluiten (sokwal):``, ``Uitsluiten (sokwal):``, ``Voorbeelden (sokwal):``
  (one ``- item`` a line) and ``Patronen (sokwal):`` (one JSON object a line), so that
  every field of every code survives a round trip. A description from another program
  (without these sections) becomes the definition, verbatim; a code without one gets
  the definition ``""``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from sokwal_monitor.codebook import load_codebook
>>> cb = load_codebook()
>>> with tempfile.TemporaryDirectory() as tmp:
...     back = read_qdc(write_qdc(cb, Path(tmp) / "sociale_kwaliteit.qdc"))
>>> back.codes == cb.codes
True

Projects (``.qdpx``)
--------------------
:func:`export_qdpx` writes a project store as a ``.qdpx`` that validates against the
standard's ``Project.xsd``; :func:`import_qdpx` reads one (from ATLAS.ti, NVivo, MAXQDA,
QualCoder or sokwal-monitor) into a store, in one transaction, and says what it did in an
:class:`ImportReport`. ``docs/refi-qda.md`` describes what maps to what.
"""

from __future__ import annotations

import bisect
import contextlib
import hashlib
import json
import os
import re
import tempfile
import uuid
import xml.etree.ElementTree as ET
import zipfile
import zlib
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from os import PathLike
from pathlib import Path, PurePosixPath
from typing import Any, Literal

import defusedxml
import defusedxml.ElementTree as DET

from .codebook import (
    _COLOR_RE,
    _GUID_RE,
    Code,
    Codebook,
    _check_pattern,
    _problem,
    codebook_from_text,
    codebook_to_text,
)
from .coding.base import Coding, CodingRun, save_codebook
from .errors import CodebookError, SokwalError
from .metadata import normalize_kind
from .readers._sniff import MAX_MEMBER_SIZE, MAX_RATIO, RATIO_MIN_SIZE
from .readers._text import plain_text_document
from .store import ProjectStore, now, open_store
from .transcripts import is_dialogue, segment_paragraphs, segment_transcript

__all__ = [
    "CODEBOOK_NAMESPACE",
    "MAX_ENTRIES",
    "MAX_TOTAL_SIZE",
    "NO_DEFINITION",
    "PROJECT_NAMESPACE",
    "ImportReport",
    "RefiError",
    "export_qdpx",
    "import_qdpx",
    "read_qdc",
    "write_qdc",
]

_PathLike = str | PathLike[str]

#: The XML namespace of a REFI-QDA codebook (``.qdc``).
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
#: The XML namespace of a REFI-QDA project (``project.qde`` inside a ``.qdpx``).
PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"


# == Codebooks (.qdc) ==================================================================

#: The description sections that carry our fields beyond the definition, in write order.
_SECTIONS = {
    "include": "Insluiten (sokwal):",
    "exclude": "Uitsluiten (sokwal):",
    "examples": "Voorbeelden (sokwal):",
    "patterns": "Patronen (sokwal):",
}
_FIELD_OF = {marker: key for key, marker in _SECTIONS.items()}
_ORIGIN = "sokwal-monitor"
# GUIDs derived from names live under this namespace, then one per codebook name.
_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sokwal-monitor/refi-qda/codebook")
# Characters XML 1.0 cannot hold, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
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
    codes, problems = _codes_from_xml(codes_el, ns, lines, p.stem)
    if problems:
        n = len(problems)
        problems.sort(key=lambda t: int(m[1]) if (m := re.match(r"line (\d+)", t)) else 0)
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
    _check_writable(codebook, p)
    cb_name = codebook.name if codebook.name is not None else p.stem
    # Unqualified names under a default namespace declared by hand (ElementTree's
    # default_namespace option refuses the unqualified attributes before Python 3.13).
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NAMESPACE, "origin": _ORIGIN})
    codes_el = ET.SubElement(root, "Codes")
    elements: dict[str, ET.Element] = {}
    for _, code in codebook.walk():
        parent_el = codes_el if code.parent is None else elements[code.parent]
        guid = code.guid if code.guid is not None else _derived_guid(cb_name, code.name)
        elements[code.name] = _code_element(parent_el, code, guid)
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    data = f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n'.encode()
    # A raw carriage return would come back as a line feed; write it as a reference.
    # (0x0D never occurs inside a multi-byte UTF-8 sequence, and ET escapes it in
    # attributes already.)
    p.write_bytes(data.replace(b"\r", b"&#13;"))
    return p


# -- reading ---------------------------------------------------------------------------


class _LineTreeBuilder(ET.TreeBuilder):
    """An ElementTree builder that notes the line on which each element starts."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.lines: list[int] = []

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        self.lines.append(int(self.expat.CurrentLineNumber))
        return super().start(tag, attrs)


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
    builder = _LineTreeBuilder()
    parser = DET.DefusedXMLParser(target=builder)  # entities and external references refused
    builder.expat = parser.parser
    try:
        parser.feed(data)
        root = parser.close()
    except ET.ParseError as exc:
        line, column = exc.position
        reason = re.sub(r":? line \d+, column \d+$", "", str(exc))
        raise CodebookError(
            path,
            f"line {line}, column {column + 1}: the file is not well-formed XML ({reason})",
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
    return root, dict(zip(root.iter(), builder.lines, strict=True))


def _codes_from_xml(
    codes_el: ET.Element, ns: str, lines: dict[ET.Element, int], cb_name: str
) -> tuple[list[Code], list[str]]:
    """The codes under ``<Codes>``, depth first in file order, and the problems found."""
    problems: list[str] = []
    found: list[tuple[ET.Element, str, int | None]] = []  # element, name, parent's index
    stack: list[tuple[ET.Element, int | None]] = [
        (el, None) for el in reversed(codes_el.findall(f"{ns}Code"))
    ]
    while stack:
        el, parent = stack.pop()
        name = el.get("name", "")
        if not name.strip():
            guid = el.get("guid")
            which = f" (guid {guid})" if guid else ""
            problems.append(_problem(lines[el], None, "name", f"a <Code>{which} has no name"))
        found.append((el, name, parent))
        stack.extend((child, len(found) - 1) for child in reversed(el.findall(f"{ns}Code")))

    names = _unique_names([(name, parent) for _, name, parent in found])
    codes: list[Code] = []
    guids: dict[str, str] = {}
    for (el, _, parent), name in zip(found, names, strict=True):
        line = lines[el]
        guid = (el.get("guid") or "").strip() or None
        color = (el.get("color") or "").strip() or None
        if guid is not None and not _GUID_RE.fullmatch(guid):
            problems.append(_problem(line, name, "guid", f"not a GUID: {guid!r}"))
        elif guid is not None:
            key = guid.strip("{}").lower()
            if key in guids:
                msg = f"GUID {guid} is also the GUID of code {guids[key]!r}"
                problems.append(_problem(line, name, "guid", msg))
            guids.setdefault(key, name)
            if guid == _derived_guid(cb_name, name):
                guid = None  # ours: derived again on writing
        if color is not None and not _COLOR_RE.fullmatch(color):
            problems.append(_problem(line, name, "color", f"not a colour like #1F77B4: {color!r}"))
        desc_el = el.find(f"{ns}Description")
        text = "".join(desc_el.itertext()) if desc_el is not None else ""
        fields, errors = _parse_description(text)
        at = lines[desc_el] if desc_el is not None else line
        problems.extend(_problem(at + n, name, fld, msg) for n, fld, msg in errors)
        codes.append(
            Code(
                name=name,
                definition=fields["definition"],
                parent=None if parent is None else names[parent],
                include=fields["include"],
                exclude=fields["exclude"],
                examples=fields["examples"],
                patterns=fields["patterns"],
                guid=guid,
                color=color,
            )
        )
    return codes, problems


def _unique_names(raw: list[tuple[str, int | None]]) -> list[str]:
    """Unique names for ``(name, parent index)`` pairs given parents first (see read_qdc).

    >>> _unique_names([("A", None), ("x", 0), ("B", None), ("x", 2), ("x", None)])
    ['A', 'A/x', 'B', 'B/x', 'x']
    >>> _unique_names([("x", None), ("x", None), ("A/x", None), ("A", None), ("x", 3)])
    ['x', 'x (2)', 'A/x', 'A', 'A/x (2)']
    """
    counts = Counter(name for name, _ in raw)
    reserved = {name for name, n in counts.items() if n == 1}
    used: set[str] = set()
    out: list[str] = []
    for name, parent in raw:
        if counts[name] == 1:
            final = name
        else:
            base = name if parent is None else f"{out[parent]}/{name}"
            final, k = base, 2
            while final in used or final in reserved:
                final, k = f"{base} ({k})", k + 1
        used.add(final)
        out.append(final)
    return out


def _parse_description(text: str) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    """Our fields from a ``<Description>``, and problems as ``(line, field, message)``
    with ``line`` counted from 0 at the description's first line.

    Without section markers the whole text is the definition:

    >>> _parse_description("Vrije tekst.\\n\\nMet alinea's.")[0]["definition"]
    "Vrije tekst.\\n\\nMet alinea's."
    >>> fields, errors = _parse_description("Def.\\n\\nInsluiten (sokwal):\\n- a\\n  b\\n- ")
    >>> fields["definition"], fields["include"], errors
    ('Def.', ['a\\nb', ''], [])
    """
    fields: dict[str, Any] = {"definition": text, **{key: [] for key in _SECTIONS}}
    starts = [text.find(f"\n\n{marker}\n") for marker in _SECTIONS.values()]
    starts = [i for i in starts if i >= 0]
    if any(text.startswith(f"{marker}\n") for marker in _SECTIONS.values()):
        start, rest = 0, text
    elif starts:
        start = min(starts)
        rest = text[start + 2 :]
    else:
        return fields, []
    fields["definition"] = text[:start]
    errors: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    offset = text[: len(text) - len(rest)].count("\n")  # the line of the first section
    for block in rest.rstrip("\n").split("\n\n"):
        head, _, body = block.partition("\n")
        key = _FIELD_OF.get(head)
        if key is None or key in seen:
            what = f"a second {head!r}" if key else f"{head[:40]!r}"
            msg = f"the description has sokwal sections and then {what}; text after them"
            errors.append((offset, "definition", msg + " is not allowed"))
        else:
            seen.add(key)
            parse = _parse_patterns if key == "patterns" else _parse_items
            fields[key], errs = parse(body.split("\n"))
            errors.extend((offset + n, fld or key, f"in {head!r}: {msg}") for n, fld, msg in errs)
        offset += block.count("\n") + 2
    return fields, errors


def _parse_items(body: list[str]) -> tuple[list[str], list[tuple[int, str, str]]]:
    """The items of a list section; a problem as ``(body line from 1, field, message)``."""
    items: list[str] = []
    for n, line in enumerate(body, 1):
        if line.startswith("- ") or line == "-":
            items.append(line[2:])
        elif line.startswith("  ") and items:
            items[-1] += "\n" + line[2:]
        else:
            return items, [(n, "", "a line that is neither '- item' nor indented")]
    return items, []


def _parse_patterns(body: list[str]) -> tuple[list[dict[str, Any]], list[tuple[int, str, str]]]:
    """The patterns, one JSON object a line; problems as in :func:`_parse_items`."""
    patterns: list[dict[str, Any]] = []
    errors: list[tuple[int, str, str]] = []
    for n, line in enumerate(body, 1):
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append((n, "patterns", f"not a JSON pattern ({exc})"))
            continue
        found = _check_pattern(pattern, lambda *_, n=n: n)
        errors.extend((n, fld, msg) for _, fld, msg in found)
        if not found:
            patterns.append(pattern)
    return patterns, errors


# -- writing ---------------------------------------------------------------------------


def _derived_guid(codebook_name: str, code_name: str) -> str:
    """The GUID of a code without one: stable for the same codebook and code name."""
    return str(uuid.uuid5(uuid.uuid5(_GUID_NAMESPACE, codebook_name), code_name))


def _code_element(parent: ET.Element, code: Code, guid: str) -> ET.Element:
    """Append ``code`` as a ``<Code>`` (with its ``<Description>``) to ``parent``."""
    attrs = {"guid": guid, "name": code.name, "isCodable": "true"}
    if code.color is not None:
        attrs["color"] = code.color
    el = ET.SubElement(parent, "Code", attrs)
    description = _description(code)
    if description:
        ET.SubElement(el, "Description").text = description
    return el


def _description(code: Code) -> str:
    """The ``<Description>`` text: the definition, then our sections (see write_qdc).
    The stand-in :data:`NO_DEFINITION` of an imported code is not a definition."""
    definition = "" if code.definition == NO_DEFINITION else code.definition
    blocks = [definition] if definition else []
    for key in ("include", "exclude", "examples"):
        items = getattr(code, key)
        if items:
            lines = ["- " + item.replace("\n", "\n  ") for item in items]
            blocks.append("\n".join([_SECTIONS[key], *lines]))
    if code.patterns:
        lines = [json.dumps(p, ensure_ascii=False) for p in code.patterns]
        blocks.append("\n".join([_SECTIONS["patterns"], *lines]))
    return "\n\n".join(blocks)


def _check_writable(codebook: Codebook, path: Path) -> None:
    """Raise a CodebookError listing all that keeps ``codebook`` from a faithful .qdc."""
    problems: list[str] = []

    def problem(code: str | None, fld: str, msg: str) -> None:
        who = f"code {code!r}, " if code is not None else ""
        problems.append(f"{who}field {fld!r}: {msg}")

    if not codebook.codes:
        problem(None, "codes", "the codebook has no codes, and a .qdc needs at least one")
    names = Counter(code.name for code in codebook.codes)
    parents = {code.name: code.parent for code in codebook.codes}
    guids: dict[str, str] = {}
    for code in codebook.codes:
        if not isinstance(code.name, str) or not code.name.strip():
            problem(None, "name", f"a code has an empty name ({code.name!r})")
        elif names[code.name] > 1:
            problem(code.name, "name", f"used by {names[code.name]} codes")
            names[code.name] = 1  # report once
        if code.parent is not None and code.parent not in parents:
            problem(code.name, "parent", f"unknown parent {code.parent!r}")
        for key, regex, form in (("guid", _GUID_RE, "a GUID"), ("color", _COLOR_RE, "#RRGGBB")):
            value = getattr(code, key)
            if value is not None and not (isinstance(value, str) and regex.fullmatch(value)):
                problem(code.name, key, f"must be {form}, not {value!r}")
        if isinstance(code.guid, str) and _GUID_RE.fullmatch(code.guid):
            key = code.guid.strip("{}").lower()
            if key in guids:
                problem(code.name, "guid", f"the same GUID as code {guids[key]!r}")
            guids.setdefault(key, code.name)
        for line in code.definition.split("\n"):
            if line in _FIELD_OF:
                problem(
                    code.name, "definition", f"the line {line!r} is reserved for sokwal's sections"
                )
        texts = [("name", code.name), ("definition", code.definition)]
        texts += [
            (key, item) for key in ("include", "exclude", "examples") for item in getattr(code, key)
        ]
        for key, text in texts:
            if isinstance(text, str) and (bad := _NOT_XML.search(text)):
                problem(code.name, key, f"holds {bad.group()!r}, a character XML cannot store")
        for pattern in code.patterns:
            try:
                text = json.dumps(pattern, ensure_ascii=False)
            except (TypeError, ValueError) as exc:
                problem(code.name, "patterns", f"{pattern!r} cannot be written as JSON ({exc})")
                continue
            for _, fld, msg in _check_pattern(pattern, lambda *_: None):
                problem(code.name, fld, msg)  # what read_qdc would refuse
            if bad := _NOT_XML.search(text):
                problem(code.name, "patterns", f"holds {bad.group()!r}, which XML cannot store")
    in_cycle: set[str] = set()
    for start in parents:
        chain = [start]
        while (nxt := parents.get(chain[-1])) is not None and nxt in parents and nxt not in chain:
            chain.append(nxt)
        if nxt is not None and nxt in chain and nxt not in in_cycle:
            cycle = chain[chain.index(nxt) :]
            in_cycle.update(cycle)
            problem(cycle[0], "parent", "cycle in the hierarchy: " + " → ".join([*cycle, cycle[0]]))
    if problems:
        n = len(problems)
        raise CodebookError(
            path,
            f"the codebook cannot be written as REFI-QDA ({n} problem{'s' * (n != 1)}):\n  "
            + "\n  ".join(problems),
            "fix these and write it again",
        )


# == Projects (.qdpx) ==================================================================

#: The definition an imported code gets when the file gives it none (a codebook in the
#: store needs a definition for every code); it is left out again on export.
NO_DEFINITION = "(no definition in the REFI-QDA file)"
#: Importing stops when the members it unpacks (the project XML and the texts) would come
#: to more than this in total; each member is also held to the limits the document
#: readers use (``MAX_MEMBER_SIZE`` and ``MAX_RATIO`` in ``readers/_sniff.py``).
MAX_TOTAL_SIZE = 1 << 30
#: A ``.qdpx`` with more entries than this is refused before anything is unpacked.
MAX_ENTRIES = 50_000

_PROJECT_GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://sokwal-monitor/refi-qda/project")
_QDE = "project.qde"
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_DOC_FIELDS = ("project_id", "wave", "kind", "respondent_role")
# variable names (lower case, spaces and hyphens as _) that fill a document field
_FIELD_OF_VARIABLE = {
    "project_id": "project_id", "project": "project_id", "projectid": "project_id",
    "wave": "wave", "golf": "wave",
    "kind": "kind", "soort": "kind",
    "respondent_role": "respondent_role", "role": "respondent_role", "rol": "respondent_role",
}  # fmt: skip
_VALUE_TAGS = (
    "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue"
)  # fmt: skip
_MEDIA = {
    "PDFSource": "a PDF",
    "PictureSource": "a picture",
    "AudioSource": "an audio",
    "VideoSource": "a video",
}
_AGAIN = "export the project again from your QDA program as a REFI-QDA project (.qdpx)"
_HOSTILE = "do not open this file with other software either; ask for a new export"


class RefiError(SokwalError):
    """A REFI-QDA project (``.qdpx``) cannot be imported: it is not a zip archive or is
    damaged, was refused as hostile (XML entities or a DTD, entries that
    leave the archive's folder, a zip bomb), or does not hold together (a text source
    without its text, a selection outside its text, two project files)."""


@dataclass
class ImportReport:
    """What :func:`import_qdpx` did.

    Attributes
    ----------
    path : str
        The imported file.
    documents_added : list of str
        The ``doc_id`` of each text source stored as a new document.
    documents_matched : list of str
        The ``doc_id`` of each text source the store already held (the same text): it
        was not stored twice.
    codings : dict of str to int
        Per coder, the codings the file holds on its text sources (exact duplicates
        counted once).
    codings_added : int
        How many of those were new to the store (none when the file was imported before).
    codes_new : list of str
        The file's codes the store's codebook lacked (all, when the store had none and
        the file's codebook was saved).
    codes_changed : list of str
        The file's codes whose definition differs from the store's codebook (which is
        kept as it is).
    codebook_saved : bool
        Whether the file's codebook became the store's codebook.
    memos : int
        Memos added (a memo the store already holds is not added again).
    offsets : str
        How the file counts character offsets (``"code points"``, the standard; or
        ``"UTF-16 code units"``, which NVivo writes).
    sources_skipped : list of str
        The sources not imported: PDF, picture, audio and video sources, and text sources
        without their text.
    warnings : list of str
        Everything else worth knowing, one line each.
    """

    path: str
    documents_added: list[str] = field(default_factory=list)
    documents_matched: list[str] = field(default_factory=list)
    codings: dict[str, int] = field(default_factory=dict)
    codings_added: int = 0
    codes_new: list[str] = field(default_factory=list)
    codes_changed: list[str] = field(default_factory=list)
    codebook_saved: bool = False
    memos: int = 0
    offsets: str = "code points"
    sources_skipped: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line: documents, codings per coder, codes, memos and warnings.

        >>> ImportReport("p.qdpx", documents_added=["d1"], codings={"anna": 2}).summary()
        'p.qdpx: 1 document added, 0 matched; 2 codings (anna 2), 0 new; 0 codes new, 0 changed; 0 memos added'
        """  # noqa: E501
        n = sum(self.codings.values())
        who = ", ".join(f"{coder} {k}" for coder, k in sorted(self.codings.items()))
        parts = [
            f"{_plural(len(self.documents_added), 'document')} added, "
            f"{len(self.documents_matched)} matched",
            f"{_plural(n, 'coding')}{f' ({who})' if who else ''}, {self.codings_added} new",
            f"{_plural(len(self.codes_new), 'code')} new, {len(self.codes_changed)} changed",
            f"{_plural(self.memos, 'memo')} added",
        ]
        if self.sources_skipped:
            parts.append(f"{_plural(len(self.sources_skipped), 'source')} skipped")
        if self.warnings:
            parts.append(_plural(len(self.warnings), "warning"))
        return f"{Path(self.path).name}: " + "; ".join(parts)


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'s' * (n != 1)}"


# -- export ----------------------------------------------------------------------------


def export_qdpx(
    store: ProjectStore | _PathLike,
    path: _PathLike,
    *,
    coders: str | Iterable[str] | None = None,
) -> Path:
    """Write the project store as a REFI-QDA project (``.qdpx``) for other QDA programs.

    The archive holds ``project.qde``, which validates against the standard's
    ``Project.xsd``, and one ``Sources/<guid>.txt`` (UTF-8) per document: every current
    document of the store except survey data. ``project.qde`` holds

    - ``Users``: one per coder and memo author, with a GUID derived from the name;
    - ``CodeBook``: the store's codebook (the one used last, :meth:`ProjectStore.codebook`)
      with its hierarchy, colours and GUIDs, descriptions as :func:`write_qdc` writes
      them, plus, at the top level, the codes that codings or memos use but the codebook
      lacks;
    - ``Sources``: a ``TextSource`` per document (named by its path) with one
      ``PlainTextSelection`` per coding (offsets in code points, end exclusive; the
      coding's memo as its ``Description``) holding a ``Coding`` by its coder, with its
      creation time and a ``CodeRef``; a ``NoteRef`` per document memo; the document's
      fields ``project_id``, ``wave``, ``kind``, ``respondent_role`` and its extra
      metadata as ``VariableValue``\\ s;
    - ``Variables``, and ``Cases``: one per project, named by its ``project_id``, with a
      ``SourceRef`` to each of its documents;
    - ``Notes``: every memo, referred to by its document, code or (project memos) the
      project itself.

    The same store gives a byte-identical file: GUIDs are derived from what they name,
    entries are sorted and carry a fixed time. Parts that would be empty are left out
    (the schema does not allow empty ones).

    Parameters
    ----------
    store : ProjectStore or path
        The store to export (it must exist).
    path : path
        The ``.qdpx`` file to write (replaced when it exists).
    coders : str or list of str, optional
        Export only these coders' codings; by default every coder's (rule and model
        codings included, each under its own coder name).

    Returns
    -------
    Path
        ``path``.

    Raises
    ------
    StoreError
        There is no store at ``store``.
    ValueError
        A coder in ``coders`` has no codings in the store.
    CodebookError
        The codebook cannot be written as REFI-QDA (see :func:`write_qdc`).

    Examples
    --------
    >>> import tempfile, zipfile
    >>> from pathlib import Path
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import add_coding
    >>> tmp = Path(tempfile.mkdtemp())
    >>> _ = (tmp / "P01_2018_interview.txt").write_text(
    ...     "I: Wat heeft u geleerd?\\nR: Dat samenwerken tijd kost.\\n", encoding="utf-8")
    >>> _ = ingest(tmp, store=tmp / "demo.sokwal")
    >>> store = ProjectStore(tmp / "demo.sokwal")
    >>> doc_id = store.documents()["doc_id"][0]
    >>> _ = add_coding(store, doc_id, 27, 52, "samenwerking", coder="anna")
    >>> out = export_qdpx(store, tmp / "demo.qdpx")
    >>> with zipfile.ZipFile(out) as archive:
    ...     archive.namelist()  # doctest: +ELLIPSIS
    ['Sources/...txt', 'project.qde']
    >>> out.read_bytes() == export_qdpx(store, tmp / "again.qdpx").read_bytes()
    True
    """
    p = Path(path)
    wanted = None if coders is None else [coders] if isinstance(coders, str) else list(coders)
    with _using(store, create=False) as st:
        entries = _ProjectWriter(st, wanted, p).entries()
    _write_zip(p, entries)
    return p


@contextlib.contextmanager
def _using(store: ProjectStore | _PathLike, *, create: bool) -> Iterator[ProjectStore]:
    """``store`` itself, or the store at that path, closed again afterwards."""
    st = open_store(store, create=create)
    try:
        yield st
    finally:
        if st is not store:
            st.close()


def _guid(*parts: str) -> str:
    """A GUID derived from what it names: the same parts give the same GUID."""
    return str(uuid.uuid5(_PROJECT_GUIDS, "\x1f".join(parts)))


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _xml_datetime(stamp: str | None) -> str | None:
    """A store time as an ``xsd:dateTime`` in UTC (``...Z``); None when there is none.

    >>> _xml_datetime("2024-05-01T14:03:00+02:00")
    '2024-05-01T12:03:00Z'
    """
    if not stamp:
        return None
    try:
        moment = datetime.fromisoformat(str(stamp))
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _abbreviate(text: str, width: int = 80) -> str:
    """The first ``width`` characters of ``text`` on one line, with … when cut."""
    line = " ".join(text.split())
    return line if len(line) <= width else line[: width - 1].rstrip() + "…"


def _variable_type(values: list[Any]) -> str:
    """The REFI-QDA ``typeOfVariable`` that holds all ``values``."""
    if all(isinstance(v, bool) for v in values):
        return "Boolean"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in values):
        return "Integer"
    if all(
        isinstance(v, int | float) and not isinstance(v, bool) and Decimal(v).is_finite()
        for v in values
    ):
        return "Float"
    return "Text"


def _variable_text(value: Any, kind: str) -> str:
    """``value`` written as the variable type ``kind`` wants it."""
    if kind == "Boolean":
        return "true" if value else "false"
    if kind == "Integer":
        return str(int(value))
    if kind == "Float":
        return format(Decimal(repr(float(value))), "f")
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class _ProjectWriter:
    """Builds the entries of a ``.qdpx`` from a store (see :func:`export_qdpx`)."""

    def __init__(self, store: ProjectStore, coders: list[str] | None, path: Path) -> None:
        self.store = store
        self.path = path
        self.docs = store.execute(
            "SELECT doc_id, path, project_id, wave, kind, respondent_role, text, attributes,"
            " properties, ingested_at FROM documents WHERE is_current = 1 AND kind <> 'survey'"
            " ORDER BY path, doc_id"
        ).fetchall()
        exported = {d[0] for d in self.docs}
        rows = store.execute(
            "SELECT coding_id, doc_id, start_char, end_char, code, coder, memo, created_at"
            " FROM codings ORDER BY doc_id, start_char, end_char, code, coder, coding_id"
        ).fetchall()
        if coders is not None:
            known = {r[5] for r in rows}
            unknown = [c for c in coders if c not in known]
            if unknown:
                listed = ", ".join(map(repr, sorted(known))) or "none"
                raise ValueError(
                    f"no codings by {', '.join(map(repr, unknown))} in {store.path}; "
                    f"the coders there are: {listed}"
                )
        self.codings = [r for r in rows if r[1] in exported and (coders is None or r[5] in coders)]
        memos = store.execute(
            "SELECT memo_id, target_kind, target, author, text, created_at, updated_at"
            " FROM memos ORDER BY target_kind, target, created_at, memo_id"
        ).fetchall()
        self.memos = [m for m in memos if m[1] != "document" or m[2] in exported]
        try:
            codebook: Codebook | None = store.codebook()
        except KeyError:
            codebook = None
        self.cb_name = codebook.name if codebook is not None and codebook.name else store.path.stem
        listed_codes = [code for _, code in codebook.walk()] if codebook is not None else []
        names = {code.name for code in listed_codes}
        used = {r[4] for r in self.codings} | {m[2] for m in self.memos if m[1] == "code"}
        self.codes = listed_codes + [Code(n, NO_DEFINITION) for n in sorted(used - names)]
        if self.codes:
            _check_writable(Codebook(self.cb_name, codes=self.codes), path)
        self.users = sorted({r[5] for r in self.codings} | {m[3] for m in self.memos})

    def entries(self) -> dict[str, bytes]:
        """The archive's members: ``project.qde`` and the texts, by name."""
        root = ET.Element(
            "Project",
            {
                "xmlns": PROJECT_NAMESPACE,
                "name": _xml_text(self.store.path.stem),
                "origin": _ORIGIN,
            },
        )
        user_guid = {user: _guid("user", user) for user in self.users}
        if self.users:
            users_el = ET.SubElement(root, "Users")
            for user in self.users:
                ET.SubElement(users_el, "User", {"guid": user_guid[user], "name": _xml_text(user)})
        notes, refs = self._notes(user_guid)
        code_guid = self._codebook(root, refs)
        source_guid = self._source_guids()
        values, variables = self._variables()
        if variables:
            variables_el = ET.SubElement(root, "Variables")
            for name, (guid, kind) in variables.items():
                attrs = {"guid": guid, "name": _xml_text(name), "typeOfVariable": kind}
                ET.SubElement(variables_el, "Variable", attrs)
        projects = sorted({d[2] for d in self.docs if d[2]})
        if projects:
            cases_el = ET.SubElement(root, "Cases")
            for project in projects:
                case = ET.SubElement(
                    cases_el, "Case", {"guid": _guid("case", project), "name": _xml_text(project)}
                )
                for d in self.docs:
                    if d[2] == project:
                        ET.SubElement(case, "SourceRef", {"targetGUID": source_guid[d[0]]})
        texts: dict[str, bytes] = {}
        if self.docs:
            sources_el = ET.SubElement(root, "Sources")
            by_doc: dict[str, list[tuple[Any, ...]]] = defaultdict(list)
            for row in self.codings:
                by_doc[row[1]].append(row)
            for d in self.docs:
                guid = source_guid[d[0]]
                texts[f"Sources/{guid}.txt"] = d[6].encode("utf-8")
                attrs = {
                    "guid": guid,
                    "name": _xml_text(d[1]),
                    "plainTextPath": f"internal://{guid}.txt",
                }
                if created := _xml_datetime(d[9]):
                    attrs["creationDateTime"] = created
                el = ET.SubElement(sources_el, "TextSource", attrs)
                for row in by_doc[d[0]]:
                    self._selection(el, row, d[6], user_guid, code_guid)
                for guid_ in refs.get(("document", d[0]), []):
                    ET.SubElement(el, "NoteRef", {"targetGUID": guid_})
                for name, value in values[d[0]].items():
                    vv = ET.SubElement(el, "VariableValue")
                    ET.SubElement(vv, "VariableRef", {"targetGUID": variables[name][0]})
                    kind = variables[name][1]
                    ET.SubElement(vv, f"{kind}Value").text = _xml_text(_variable_text(value, kind))
        if notes:
            notes_el = ET.SubElement(root, "Notes")
            notes_el.extend(notes)
        for key in sorted(k for k in refs if k[0] == "project"):
            for guid_ in refs[key]:
                ET.SubElement(root, "NoteRef", {"targetGUID": guid_})
        ET.indent(root, space="  ")
        xml = ET.tostring(root, encoding="unicode")
        data = f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n'.encode()
        return {_QDE: data.replace(b"\r", b"&#13;"), **texts}

    def _notes(
        self, user_guid: dict[str, str]
    ) -> tuple[list[ET.Element], dict[tuple[str, str], list[str]]]:
        """A ``<Note>`` per memo, and the notes' GUIDs per ``(target_kind, target)``."""
        notes: list[ET.Element] = []
        refs: dict[tuple[str, str], list[str]] = defaultdict(list)
        for memo_id, kind, target, author, text, created, updated in self.memos:
            guid = _guid("note", str(memo_id), kind, target, author, created or "", text)
            name = f"Project {target}" if kind == "project" else _abbreviate(text.split("\n")[0])
            attrs = {"guid": guid, "name": _xml_text(name), "creatingUser": user_guid[author]}
            if stamp := _xml_datetime(created):
                attrs["creationDateTime"] = stamp
            attrs["modifyingUser"] = user_guid[author]
            if stamp := _xml_datetime(updated):
                attrs["modifiedDateTime"] = stamp
            note = ET.Element("Note", attrs)
            ET.SubElement(note, "PlainTextContent").text = _xml_text(text)
            notes.append(note)
            refs[(kind, target)].append(guid)
        return notes, refs

    def _codebook(self, root: ET.Element, refs: dict[tuple[str, str], list[str]]) -> dict[str, str]:
        """Write the ``<CodeBook>``; return each code's GUID by name."""
        code_guid = {
            code.name: code.guid or _derived_guid(self.cb_name, code.name) for code in self.codes
        }
        if not self.codes:
            return code_guid
        codes_el = ET.SubElement(ET.SubElement(root, "CodeBook"), "Codes")
        elements: dict[str, ET.Element] = {}
        for code in self.codes:  # parents before children (Codebook.walk order)
            parent_el = codes_el if code.parent is None else elements[code.parent]
            el = _code_element(parent_el, code, code_guid[code.name])
            for guid in refs.get(("code", code.name), []):
                ET.SubElement(el, "NoteRef", {"targetGUID": guid})
            elements[code.name] = el
        return code_guid

    def _source_guids(self) -> dict[str, str]:
        """Each document's source GUID: the one it was imported with, else derived."""
        out: dict[str, str] = {}
        taken: set[str] = set()
        for d in self.docs:
            guid = json.loads(d[8] or "{}").get("refi_guid")
            if isinstance(guid, str) and _GUID_RE.fullmatch(guid):
                guid = guid.strip("{}")
            if not isinstance(guid, str) or guid.lower() in taken or not _GUID_RE.fullmatch(guid):
                guid = _guid("source", d[0])
            taken.add(guid.lower())
            out[d[0]] = guid
        return out

    def _variables(
        self,
    ) -> tuple[dict[str, dict[str, Any]], dict[str, tuple[str, str]]]:
        """Each document's variable values, and each variable's GUID and type by name."""
        values: dict[str, dict[str, Any]] = {}
        for d in self.docs:
            own = dict(zip(_DOC_FIELDS, (d[2], d[3], d[4], d[5]), strict=True))
            for key, value in json.loads(d[7] or "{}").items():
                own.setdefault(key, value)
            values[d[0]] = {k: v for k, v in own.items() if v is not None and v != ""}
        extra = sorted({k for vals in values.values() for k in vals} - set(_DOC_FIELDS))
        names = [n for n in _DOC_FIELDS if any(n in vals for vals in values.values())] + extra
        variables = {
            name: (
                _guid("variable", name),
                _variable_type([vals[name] for vals in values.values() if name in vals]),
            )
            for name in names
        }
        ordered = {
            doc: {name: vals[name] for name in names if name in vals}
            for doc, vals in values.items()
        }
        return ordered, variables

    @staticmethod
    def _selection(
        source: ET.Element,
        row: tuple[Any, ...],
        text: str,
        user_guid: dict[str, str],
        code_guid: dict[str, str],
    ) -> None:
        """Append one coding as a ``<PlainTextSelection>`` holding a ``<Coding>``."""
        coding_id, _, start, end, code, coder, memo, created = row
        attrs = {
            "guid": _guid("selection", coding_id),
            "name": _xml_text(_abbreviate(text[start:end])),
            "startPosition": str(start),
            "endPosition": str(end),
            "creatingUser": user_guid[coder],
        }
        stamp = _xml_datetime(created)
        if stamp:
            attrs["creationDateTime"] = stamp
        selection = ET.SubElement(source, "PlainTextSelection", attrs)
        if memo:
            ET.SubElement(selection, "Description").text = _xml_text(memo)
        coding_attrs = {"guid": _guid("coding", coding_id), "creatingUser": user_guid[coder]}
        if stamp:
            coding_attrs["creationDateTime"] = stamp
        coding = ET.SubElement(selection, "Coding", coding_attrs)
        ET.SubElement(coding, "CodeRef", {"targetGUID": code_guid[code]})


def _write_zip(path: Path, entries: dict[str, bytes]) -> None:
    """Write a zip with sorted entries and fixed times, replacing ``path`` at the end."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    os.close(handle)
    try:
        with zipfile.ZipFile(temporary, "w") as archive:
            for name in sorted(entries):
                info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.create_system = 3  # the same on every platform
                info.external_attr = 0o644 << 16
                archive.writestr(info, entries[name], compresslevel=6)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


# -- import ----------------------------------------------------------------------------


def import_qdpx(
    path: _PathLike,
    store: ProjectStore | _PathLike,
    *,
    coder: str | None = None,
    missing_sources: Literal["error", "skip"] = "error",
) -> ImportReport:
    """Import a REFI-QDA project (``.qdpx``) into a project store, in one transaction.

    The whole file is read and checked before anything is written; then documents,
    segments, the codebook, codings and memos are written together, or, on any error,
    nothing is.

    - Each text source becomes a document (``format`` ``qdpx``, ``title`` the source's
      name, ``path`` ``qdpx/<file name>/<source name>``; ``doc_id`` from the SHA-256 of
      its text), segmented into speaker turns when it reads as an interview and into
      paragraphs otherwise. A source whose text the store already holds is matched, not
      stored twice. Line ends become ``\\n`` before offsets are applied (ATLAS.ti counts
      ``\\r\\n`` as one character); files from NVivo count in UTF-16 code units with
      ``\\r\\n`` as two, and are read so.
    - Each ``Coding`` on a text selection (or on a whole text source) becomes a coding
      with origin ``import``, by the user who made it (or ``coder``), created when the
      file says; the selection's description becomes the coding's memo.
    - The code hierarchy becomes the store's codebook when the store has none (codes
      without a description get the definition :data:`NO_DEFINITION`); a codebook the
      store already has is never changed: the report lists the file's new codes and
      the codes whose definition differs.
    - Variables (on a source, or on a ``Case`` that refers to it) become document fields
      (``project_id``, ``wave``, ``kind``, ``respondent_role`` when so named) or extra
      document metadata.
    - Notes become memos on the document, code or project that refers to them
      (notes nobody refers to: on the project).

    PDF, picture, audio and video sources are skipped with a warning, as are sets,
    links and graphs.

    Parameters
    ----------
    path : path
        The ``.qdpx`` file: a zip with one ``*.qde`` project file and the sources in
        ``Sources/`` (or ``sources/``).
    store : ProjectStore or path
        The store to import into (created when missing).
    coder : str, optional
        Write every coding and memo under this name instead of the file's user names.
    missing_sources : {"error", "skip"}, default "error"
        What to do with a text source whose text is not in the archive: refuse the file,
        or skip the source and its codings with a warning (and import the rest).

    Returns
    -------
    ImportReport

    Raises
    ------
    RefiError
        The file is not a zip, is damaged or empty, holds no or two ``*.qde`` files, was
        refused as hostile (XML entities or a DTD, entries leaving the archive's folder,
        members over the size limits), misses the text of a source, or has a selection
        outside its text. Nothing is written then.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from sokwal_monitor.coding import add_coding
    >>> tmp = Path(tempfile.mkdtemp())
    >>> text = "I: Wat heeft u geleerd?\\nR: Dat samenwerken tijd kost.\\n"
    >>> project = f'''<?xml version="1.0" encoding="utf-8"?>
    ... <Project xmlns="urn:QDA-XML:project:1.0" name="demo">
    ...   <Users><User guid="{_guid('u')}" name="anna"/></Users>
    ...   <CodeBook><Codes>
    ...     <Code guid="{_guid('c')}" name="samenwerking" isCodable="true"/>
    ...   </Codes></CodeBook>
    ...   <Sources>
    ...     <TextSource guid="{_guid('s')}" name="P01" plainTextPath="internal://p01.txt">
    ...       <PlainTextSelection guid="{_guid('p')}" startPosition="27" endPosition="52">
    ...         <Coding guid="{_guid('g')}" creatingUser="{_guid('u')}">
    ...           <CodeRef targetGUID="{_guid('c')}"/>
    ...         </Coding>
    ...       </PlainTextSelection>
    ...     </TextSource>
    ...   </Sources>
    ... </Project>'''
    >>> with zipfile.ZipFile(tmp / "demo.qdpx", "w") as archive:
    ...     archive.writestr("project.qde", project)
    ...     archive.writestr("Sources/p01.txt", text)
    >>> report = import_qdpx(tmp / "demo.qdpx", tmp / "demo.sokwal")
    >>> print(report.summary())
    demo.qdpx: 1 document added, 0 matched; 1 coding (anna 1), 1 new; 1 code new, 0 changed; 0 memos added
    >>> store = ProjectStore(tmp / "demo.sokwal")
    >>> store.codings()[["code", "coder", "origin", "text"]].to_dict("records")
    [{'code': 'samenwerking', 'coder': 'anna', 'origin': 'import', 'text': 'Dat samenwerken tijd kost'}]
    >>> store.codebook()["samenwerking"].definition
    '(no definition in the REFI-QDA file)'
    """  # noqa: E501
    p = Path(path)
    if coder is not None and (not isinstance(coder, str) or not coder.strip()):
        raise ValueError(f"coder must be a name, not {coder!r}")
    if missing_sources not in ("error", "skip"):
        raise ValueError(f"missing_sources must be 'error' or 'skip', not {missing_sources!r}")
    with _Archive(p) as archive:
        plan = _ProjectReader(p, archive, coder, missing_sources).read()
    with _using(store, create=True) as st:
        return _write_import(plan, st)


class _Archive:
    """A ``.qdpx`` opened for reading, with its entries checked and unpacking limited."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.unpacked = 0
        try:
            with path.open("rb") as handle:
                head = handle.read(4)
        except OSError as exc:
            cause = "is a folder" if path.is_dir() else f"could not be read ({exc.strerror or exc})"
            raise RefiError(path, f"the file {cause}", "name a .qdpx file") from exc
        if not head:
            raise RefiError(path, "the file is empty", _AGAIN)
        if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            what = (
                "XML" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "something else"
            )
            raise RefiError(
                path,
                f"not a REFI-QDA project: a .qdpx is a zip archive, this file is {what}",
                "a codebook (.qdc) is read with load_codebook; otherwise " + _AGAIN,
            )
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise RefiError(path, "the zip archive is damaged or incomplete", _AGAIN) from exc
        try:
            self.qde, self.base = self._check()
        except BaseException:
            self.zip.close()
            raise
        self.names = {info.filename: info for info in self.zip.infolist()}
        folder = f"{self.base}sources/".casefold()
        self.has_sources = any(
            name.casefold().startswith(folder) and not info.is_dir()
            for name, info in self.names.items()
        )
        self.folded = {name.casefold(): info for name, info in reversed(self.names.items())}

    def _check(self) -> tuple[zipfile.ZipInfo, str]:
        """Refuse what is hostile or incomplete; the project file and its folder."""
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise RefiError(
                self.path,
                f"refused: the archive holds {len(infos)} entries (the limit is {MAX_ENTRIES})",
                _AGAIN,
            )
        for info in infos:
            if _unsafe(info.filename):
                raise RefiError(
                    self.path,
                    f"refused: the archive holds an entry that would land outside its folder "
                    f"({info.filename!r}); archives are built like this to overwrite other "
                    "files when unpacked",
                    _HOSTILE,
                )
        files = [info for info in infos if not info.is_dir()]
        if not files:
            raise RefiError(self.path, "the zip archive is empty", _AGAIN)
        qdes = [info for info in files if info.filename.lower().endswith(".qde")]
        if not qdes:
            raise RefiError(
                self.path,
                "the zip archive holds no project file (*.qde), so it is not a REFI-QDA project",
                _AGAIN,
            )
        if len(qdes) > 1:
            names = ", ".join(info.filename for info in qdes)
            raise RefiError(
                self.path,
                f"the archive holds {len(qdes)} project files ({names}); a REFI-QDA project "
                "has exactly one",
                _AGAIN,
            )
        folder = PurePosixPath(qdes[0].filename.replace("\\", "/")).parent.as_posix()
        return qdes[0], "" if folder == "." else folder + "/"

    def __enter__(self) -> _Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def source(self, reference: str) -> zipfile.ZipInfo | None:
        """The member an ``internal://`` reference names (in ``Sources/`` or
        ``sources/``, exact case first); None when there is none."""
        if _unsafe(reference) or not reference.strip():
            raise RefiError(
                self.path,
                f"refused: the project refers to a source file outside the archive's Sources "
                f"folder (internal://{reference})",
                _HOSTILE,
            )
        rel = reference.replace("\\", "/")
        for folder in ("Sources", "sources"):
            info = self.names.get(f"{self.base}{folder}/{rel}")
            if info is not None:
                return info
        return self.folded.get(f"{self.base}sources/{rel}".casefold())

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Unpack one member, within the size limits."""
        name, size = info.filename, info.file_size
        if size > MAX_MEMBER_SIZE:
            raise RefiError(
                self.path,
                f"refused: {name} inside the archive would unpack to {_size(size)} "
                f"(the limit is {_size(MAX_MEMBER_SIZE)})",
                "split the project into smaller ones and export them one by one",
            )
        if size > RATIO_MIN_SIZE and size > MAX_RATIO * max(info.compress_size, 1):
            raise RefiError(
                self.path,
                f"refused: {name} inside the archive is compressed more than {MAX_RATIO} "
                f"times ({_size(size)} from {_size(info.compress_size)}; possibly a zip "
                "bomb, made to fill the memory)",
                _HOSTILE,
            )
        if self.unpacked + size > MAX_TOTAL_SIZE:
            raise RefiError(
                self.path,
                f"refused: the project file and its texts would unpack to more than "
                f"{_size(MAX_TOTAL_SIZE)} in all",
                "split the project into smaller ones and export them one by one",
            )
        try:
            with self.zip.open(info) as stream:
                data = stream.read(size + 1)
        except RuntimeError as exc:  # "File ... is encrypted, password required"
            raise RefiError(self.path, f"{name} inside the archive is encrypted", _AGAIN) from exc
        except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError, OSError) as exc:
            raise RefiError(
                self.path, f"{name} inside the archive is damaged and cannot be unpacked", _AGAIN
            ) from exc
        self.unpacked += len(data)
        return data


def _size(n: int) -> str:
    """A size in words: ``_size(3 << 20) == '3 MB'``, ``_size(300) == '300 bytes'``."""
    return f"{n / (1 << 20):.0f} MB" if n >= 1 << 20 else f"{n} bytes"


def _unsafe(name: str) -> bool:
    """True for a path that would leave the folder it is unpacked in.

    >>> [_unsafe(n) for n in ("Sources/a.txt", "../a.txt", "/etc/passwd", "C:\\\\x", "a/../../b")]
    [False, True, True, True, True]
    """
    posix = name.replace("\\", "/")
    return (
        posix.startswith("/")
        or re.match(r"[A-Za-z]:", posix) is not None
        or ".." in posix.split("/")
        or "\x00" in posix
    )


def _key(guid: str | None) -> str:
    """A GUID as a dictionary key: without braces, lower case."""
    return (guid or "").strip().strip("{}").lower()


def _local(tag: Any) -> str:
    return str(tag).rpartition("}")[2]


def _store_time(value: str | None) -> str | None:
    """An ``xsd:dateTime`` as the store keeps times (UTC, seconds); None when unreadable.

    >>> _store_time("2018-03-27T19:29:27Z")
    '2018-03-27T19:29:27+00:00'
    """
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


class _Offsets:
    """A source's text with line ends made ``\\n``, and its offsets mapped onto it.

    ``utf16``: offsets count UTF-16 code units in the text as it was (``\\r\\n`` as two),
    as NVivo writes them; otherwise code points in the normalised text, as the standard.

    >>> o = _Offsets("a\\r\\n😀b", utf16=True)
    >>> o.text, o.length, o.char(5, end=True), o.char(3, end=False)
    ('a\\n😀b', 6, 3, 2)
    """

    def __init__(self, raw: str, *, utf16: bool) -> None:
        self.utf16 = utf16
        self.text = raw.replace("\r\n", "\n").replace("\r", "\n")
        if utf16:
            self._crlf = [m.start() for m in re.finditer("\r\n", raw)]
            astral = [i for i, ch in enumerate(raw) if ord(ch) > 0xFFFF]
            self._units = [a + i for i, a in enumerate(astral)]  # their UTF-16 positions
            self._astral = astral
            self.length = len(raw) + len(astral)
        else:
            self.length = len(self.text)

    def char(self, offset: int, *, end: bool) -> int:
        """The offset in :attr:`text` (inside a surrogate pair: before it for a start,
        after it for an end)."""
        if not self.utf16:
            return offset
        before = bisect.bisect_right(self._units, offset - 2)  # astral chars wholly before
        if before < len(self._units) and self._units[before] == offset - 1:
            index = self._astral[before] + (1 if end else 0)  # inside a pair
        else:
            index = offset - before
        return index - bisect.bisect_left(self._crlf, index)  # the \r dropped before it


@dataclass
class _Source:
    """A text source read from the project, ready to store."""

    guid: str
    name: str
    text: str
    variables: dict[str, Any] = field(default_factory=dict)
    # start, end, code, coder, memo, created_at
    codings: list[tuple[int, int, str, str, str, str]] = field(default_factory=list)


@dataclass
class _Note:
    """A memo read from the project: ``target`` is a source index, code or project."""

    kind: str
    target: Any
    author: str
    text: str
    created: str
    updated: str


@dataclass
class _Plan:
    """Everything read from a ``.qdpx``, checked, and not yet written."""

    path: Path
    origin: str
    project_name: str
    codebook: Codebook | None
    sources: list[_Source]
    notes: list[_Note]
    report: ImportReport


class _ProjectReader:
    """Reads and checks a project (see :func:`import_qdpx`); writes nothing."""

    def __init__(self, path: Path, archive: _Archive, coder: str | None, missing: str) -> None:
        self.path = path
        self.archive = archive
        self.coder = coder
        self.missing = missing
        self.report = ImportReport(str(path))
        self.stamp = now()
        self.unknown_users: set[str] = set()
        self.extra_notes: list[_Note] = []  # source descriptions, commented quotations

    # -- parsing -------------------------------------------------------------------
    def parse(self) -> tuple[ET.Element, dict[ET.Element, int]]:
        member = self.archive.qde.filename
        data = self.archive.read(self.archive.qde)
        builder = _LineTreeBuilder()
        parser = DET.DefusedXMLParser(target=builder, forbid_dtd=True)
        builder.expat = parser.parser
        try:
            parser.feed(data)
            root = parser.close()
        except ET.ParseError as exc:
            line, column = exc.position
            reason = re.sub(r":? line \d+, column \d+$", "", str(exc))
            raise RefiError(
                self.path,
                f"{member}, line {line}, column {column + 1}: the project file is not "
                f"well-formed XML ({reason})",
                _AGAIN,
            ) from exc
        except defusedxml.DTDForbidden as exc:
            raise RefiError(
                self.path,
                f"refused: {member} declares a document type (<!DOCTYPE ...>); that is where "
                "hostile XML hides entities that fill the memory or read other files, and a "
                "REFI-QDA project never needs one",
                _HOSTILE,
            ) from exc
        except defusedxml.DefusedXmlException as exc:
            raise RefiError(
                self.path,
                f"refused: {member} uses XML entities or external references ({exc}), the "
                "means of attacks that fill the memory or read other files; a REFI-QDA "
                "project never needs them",
                _HOSTILE,
            ) from exc
        namespace, _, local = root.tag.rpartition("}")
        namespace = namespace.lstrip("{")
        if local != "Project" or namespace not in (PROJECT_NAMESPACE, ""):
            where = f" in the namespace {namespace!r}" if namespace else ""
            raise RefiError(
                self.path,
                f"{member} is XML, but its root is <{local}>{where}, not a REFI-QDA <Project>",
                _AGAIN,
            )
        return root, dict(zip(root.iter(), builder.lines, strict=True))

    def read(self) -> _Plan:
        root, self.lines = self.parse()
        ns = self.ns = root.tag.rpartition("}")[0] + "}" if "}" in root.tag else ""
        self.origin = (root.get("origin") or "").strip()
        self.project_name = (root.get("name") or "").strip() or self.path.stem
        self.utf16 = self.origin.lower().startswith("nvivo")
        self.report.offsets = "UTF-16 code units" if self.utf16 else "code points"
        self.default_user = root.get("creatingUserGUID")
        self.users = {
            _key(u.get("guid")): (u.get("name") or "").strip()
            for u in root.findall(f"{ns}Users/{ns}User")
        }
        self.variables = {
            _key(v.get("guid")): (v.get("name") or "").strip()
            for v in root.findall(f"{ns}Variables/{ns}Variable")
        }
        self.refs: dict[str, tuple[str, Any]] = {}  # note GUID -> (kind, target)
        codebook, code_of = self.codebook(root)
        sources = self.sources(root, code_of)
        self.cases(root, sources)
        notes = self.notes(root, sources)
        for el in root:
            part = _local(el.tag)
            if part in ("Sets", "Links", "Graphs"):
                self.report.warnings.append(
                    f"{_plural(len(el), part.lower()[:-1])} not imported: sokwal-monitor has no "
                    f"place for REFI-QDA {part.lower()}"
                )
        return _Plan(
            self.path, self.origin, self.project_name, codebook, sources, notes, self.report
        )

    # -- parts ---------------------------------------------------------------------
    def user(self, *elements: ET.Element | None, attribute: str = "creatingUser") -> str:
        """The name of the user who made the first of ``elements`` that names one (else
        the project's creator); ``coder`` when given."""
        if self.coder is not None:
            return self.coder
        for el in elements:
            guid = el.get(attribute) if el is not None else None
            if guid:
                return self.user_name(guid)
        return self.user_name(self.default_user) if self.default_user else "unknown"

    def user_name(self, guid: str) -> str:
        name = self.users.get(_key(guid))
        if name:
            return name
        if _key(guid) not in self.unknown_users:
            self.unknown_users.add(_key(guid))
            self.report.warnings.append(
                f"user {guid} is not among the project's users; their work is stored under "
                f"the name 'user {_key(guid)}'"
            )
        return f"user {_key(guid)}"

    def codebook(self, root: ET.Element) -> tuple[Codebook | None, dict[str, str]]:
        ns = self.ns
        codes_el = root.find(f"{ns}CodeBook/{ns}Codes")
        if codes_el is None:
            return None, {}
        codes, problems = _codes_from_xml(codes_el, ns, self.lines, self.project_name)
        if problems:
            problems.sort(key=lambda t: int(m[1]) if (m := re.match(r"line (\d+)", t)) else 0)
            raise RefiError(
                self.path,
                f"the codebook in {self.archive.qde.filename} does not validate "
                f"({_plural(len(problems), 'problem')}):\n  " + "\n  ".join(problems),
                "fix these in the program that made the file and export it again",
            )
        code_of: dict[str, str] = {}
        for el, code in zip(codes_el.iter(f"{ns}Code"), codes, strict=True):
            code.definition = code.definition.strip() or NO_DEFINITION
            guid = code.guid or _derived_guid(self.project_name, code.name)
            code_of[_key(guid)] = code.name
            for ref in el.findall(f"{ns}NoteRef"):
                self.refs.setdefault(_key(ref.get("targetGUID")), ("code", code.name))
        if not codes:
            return None, code_of
        draft = Codebook(name=self.project_name, codes=codes)
        try:  # what the store will read back
            codebook = codebook_from_text(codebook_to_text(draft), source=str(self.path))
        except CodebookError as exc:  # pragma: no cover - _codes_from_xml checks the same
            raise RefiError(self.path, f"the codebook cannot be kept: {exc.cause}") from exc
        return codebook, code_of

    def sources(self, root: ET.Element, code_of: dict[str, str]) -> list[_Source]:
        ns = self.ns
        sources: list[_Source] = []
        missing: list[str] = []
        self.source_index: dict[str, int] = {}
        unknown_codes: Counter[str] = Counter()
        sources_el = root.find(f"{ns}Sources")
        for el in list(sources_el) if sources_el is not None else []:
            tag = _local(el.tag)
            name = (el.get("name") or "").strip() or el.get("guid") or "(unnamed)"
            if tag != "TextSource":
                n = sum(1 for _ in el.iter(f"{ns}Coding"))
                what = f"{_MEDIA[tag]} source" if tag in _MEDIA else f"a <{tag}>"
                with_codings = f", with its {_plural(n, 'coding')}" if n else ""
                self.report.sources_skipped.append(name)
                self.report.warnings.append(
                    f"source {name!r} skipped{with_codings}: it is {what}, and sokwal-monitor "
                    "imports text sources only"
                )
                continue
            raw, why = self.text_of(el)
            if raw is None:
                missing.append(f"{name!r} ({why})")
                n = sum(1 for _ in el.iter(f"{ns}Coding"))
                with_codings = f", with its {_plural(n, 'coding')}" if n else ""
                self.report.sources_skipped.append(name)
                self.report.warnings.append(f"source {name!r} skipped{with_codings}: {why}")
                continue
            if "\x00" in raw:
                raw = raw.replace("\x00", "\ufffd")
                self.report.warnings.append(
                    f"source {name!r}: NUL characters in its text were replaced by \ufffd"
                )
            offsets = _Offsets(raw, utf16=self.utf16)
            source = _Source(el.get("guid") or "", name, offsets.text)
            index = len(sources)
            self.source_index.setdefault(_key(source.guid), index)
            for sel in el.findall(f"{ns}PlainTextSelection"):
                start, end = self.span(sel, offsets, name)
                memo = self.description(sel)
                codings = sel.findall(f"{ns}Coding")
                if memo and not codings:
                    self.note_on_selection(sel, index, start, end, memo)
                for coding in codings:
                    self.coding(coding, (sel, el), source, start, end, memo, code_of, unknown_codes)
                for ref in sel.iter(f"{ns}NoteRef"):
                    self.refs.setdefault(_key(ref.get("targetGUID")), ("document", index))
            for coding in el.findall(f"{ns}Coding"):  # the whole source
                self.coding(coding, (el,), source, 0, len(source.text), "", code_of, unknown_codes)
            for ref in el.findall(f"{ns}NoteRef"):
                self.refs.setdefault(_key(ref.get("targetGUID")), ("document", index))
            if description := self.description(el):
                self.extra_notes.append(
                    _Note("document", index, self.user(el), description, *self.times(el))
                )
            source.variables = self.values(el, name)
            sources.append(source)
        if missing and self.missing == "error":
            shown = "; ".join(missing[:5]) + (
                f"; and {len(missing) - 5} more" if missing[5:] else ""
            )
            empty = (
                "" if self.archive.has_sources else " (the archive holds no source files at all)"
            )
            raise RefiError(
                self.path,
                f"the text of {_plural(len(missing), 'text source')} is missing{empty}: {shown}",
                "export the project again with its sources included; or import it with "
                "missing_sources='skip' (sokwal import --skip-missing-sources) to take"
                " the codebook, the memos and the other sources",
            )
        if unknown_codes:
            n = sum(unknown_codes.values())
            self.report.warnings.append(
                f"{_plural(n, 'coding')} skipped: they refer to codes that are not in the "
                f"codebook ({', '.join(sorted(unknown_codes))})"
            )
        self.count_codings(sources)
        return sources

    def text_of(self, el: ET.Element) -> tuple[str | None, str]:
        """A text source's text (or None) and, when missing, why."""
        content = el.find(f"{self.ns}PlainTextContent")
        reference = (el.get("plainTextPath") or "").strip()
        if reference:
            scheme, sep, rest = reference.partition("://")
            if sep and scheme.lower() == "internal":
                info = self.archive.source(rest)
                if info is not None:
                    return self.decode(self.archive.read(info), info.filename), ""
                why = f"its text file {rest!r} is not in the archive's Sources folder"
            else:
                why = f"its text is outside the archive ({reference}), and is not read from there"
            if content is None:
                return None, why
        if content is not None:
            return content.text or "", ""
        return None, "it has neither a text file (plainTextPath) nor its text (PlainTextContent)"

    def decode(self, data: bytes, name: str) -> str:
        """The text of a source file: UTF-8 (the standard), UTF-16 with a BOM, else cp1252."""
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            return data.decode("utf-16", errors="replace")
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError:
            self.report.warnings.append(
                f"{name} is not UTF-8, as the standard wants; read as Windows-1252"
            )
            return data.decode("cp1252", errors="replace")

    def span(self, sel: ET.Element, offsets: _Offsets, source: str) -> tuple[int, int]:
        """A selection's start and end in the source's (normalised) text; checked."""
        where = f"line {self.lines.get(sel, '?')}: the selection {sel.get('guid') or ''}".rstrip()
        try:
            start, end = int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))
        except ValueError as exc:
            raise RefiError(
                self.path,
                f"{where} of source {source!r} has no whole-number startPosition and "
                f"endPosition ({sel.get('startPosition')!r}, {sel.get('endPosition')!r})",
                _AGAIN,
            ) from exc
        if not 0 <= start <= end <= offsets.length:
            raise RefiError(
                self.path,
                f"{where} of source {source!r} runs from {start} to {end}, outside its text "
                f"(0 to {offsets.length}) or backwards",
                "the project is damaged or its texts do not belong to it; " + _AGAIN,
            )
        return offsets.char(start, end=False), offsets.char(end, end=True)

    def description(self, el: ET.Element) -> str:
        found = el.find(f"{self.ns}Description")
        return "".join(found.itertext()).strip() if found is not None else ""

    def times(self, el: ET.Element) -> tuple[str, str]:
        created = _store_time(el.get("creationDateTime")) or self.stamp
        return created, _store_time(el.get("modifiedDateTime")) or created

    def coding(
        self,
        el: ET.Element,
        owners: tuple[ET.Element, ...],
        source: _Source,
        start: int,
        end: int,
        memo: str,
        code_of: dict[str, str],
        unknown: Counter[str],
    ) -> None:
        ref = el.find(f"{self.ns}CodeRef")
        target = _key(ref.get("targetGUID")) if ref is not None else ""
        if target not in code_of:
            unknown[target or "none"] += 1
            return
        created = _store_time(el.get("creationDateTime")) or self.times(owners[0])[0]
        coder = self.user(el, *owners)
        source.codings.append((start, end, code_of[target], coder, memo, created))

    def note_on_selection(
        self, sel: ET.Element, index: int, start: int, end: int, memo: str
    ) -> None:
        """A selection with a description but no coding (a commented quotation)."""
        text = f"[characters {start}–{end}] {memo}"
        self.extra_notes.append(_Note("document", index, self.user(sel), text, *self.times(sel)))

    def count_codings(self, sources: list[_Source]) -> None:
        per_coder: Counter[str] = Counter()
        for source in sources:
            unique = {(s, e, code, coder) for s, e, code, coder, _, _ in source.codings}
            per_coder.update(coder for *_, coder in unique)
            duplicates = len(source.codings) - len(unique)
            if duplicates:
                self.report.warnings.append(
                    f"source {source.name!r}: {_plural(duplicates, 'coding')} repeat another "
                    "(same passage, code and coder) and are stored once"
                )
        self.report.codings = dict(sorted(per_coder.items()))

    def values(self, el: ET.Element, owner: str) -> dict[str, Any]:
        """The variable values on a source or case, by variable name."""
        ns = self.ns
        out: dict[str, Any] = {}
        for vv in el.findall(f"{ns}VariableValue"):
            ref = vv.find(f"{ns}VariableRef")
            name = self.variables.get(_key(ref.get("targetGUID"))) if ref is not None else None
            if not name:
                self.report.warnings.append(
                    f"{owner}: a variable value refers to no known variable; left out"
                )
                continue
            for tag in _VALUE_TAGS:
                value_el = vv.find(f"{ns}{tag}")
                if value_el is not None:
                    out[name] = _typed(tag, "".join(value_el.itertext()).strip())
                    break
        return out

    def cases(self, root: ET.Element, sources: list[_Source]) -> None:
        """Variable values on cases go to the sources the cases refer to."""
        ns = self.ns
        for case in root.findall(f"{ns}Cases/{ns}Case"):
            label = f"case {case.get('name') or case.get('guid') or ''}".strip()
            values = self.values(case, label)
            for ref in case.findall(f"{ns}SourceRef"):
                index = self.source_index.get(_key(ref.get("targetGUID")))
                if index is None:
                    continue
                source = sources[index]
                for name, value in values.items():
                    kept = source.variables.setdefault(name, value)
                    if kept != value:
                        self.report.warnings.append(
                            f"source {source.name!r}: variable {name!r} is {kept!r} there and "
                            f"{value!r} in {label}; kept {kept!r}"
                        )

    def notes(self, root: ET.Element, sources: list[_Source]) -> list[_Note]:
        ns = self.ns
        ours = self.origin.startswith(_ORIGIN)
        for ref in root.findall(f"{ns}NoteRef"):
            self.refs.setdefault(_key(ref.get("targetGUID")), ("project", None))
        notes = list(self.extra_notes)
        if text := self.description(root):
            notes.append(
                _Note(
                    "project",
                    self.project_name,
                    self.user(root, attribute="creatingUserGUID"),
                    text,
                    *self.times(root),
                )
            )
        for note in root.findall(f"{ns}Notes/{ns}Note"):
            name = (note.get("name") or "").strip()
            content, why = self.text_of(note)
            if content is None:
                self.report.warnings.append(f"note {name or note.get('guid')!r} left out: {why}")
                continue
            content = content.replace("\r\n", "\n").strip()
            kind, target = self.refs.get(_key(note.get("guid")), ("project", None))
            if kind == "document" and target >= len(sources):  # pragma: no cover - defensive
                kind, target = "project", None
            if kind == "project":
                target = self.project_name
                if ours and (m := re.fullmatch(r"Project (.+)", name)):
                    target, name = m[1], ""
            parts = [name] if name and not content.startswith(name.rstrip("…")) else []
            parts += [self.description(note), content]
            text = "\n\n".join(part for part in parts if part)
            if text:
                notes.append(_Note(kind, target, self.user(note), text, *self.times(note)))
        return notes


def _typed(tag: str, text: str) -> Any:
    """A variable value as Python: bool, int, float or text.

    >>> _typed("IntegerValue", "3"), _typed("BooleanValue", "true"), _typed("TextValue", "P01")
    (3, True, 'P01')
    """
    try:
        if tag == "BooleanValue":
            return text.lower() in ("true", "1")
        if tag == "IntegerValue":
            return int(text)
        if tag == "FloatValue":
            return float(text)
    except ValueError:
        return text
    return text


def _write_import(plan: _Plan, store: ProjectStore) -> ImportReport:
    """Write what :class:`_ProjectReader` read, in one transaction."""
    with store.transaction() as con:
        saved = _import_codebook(plan, store)
        doc_of = _import_documents(plan, store)
        for note in plan.notes:
            kind, target = note.kind, note.target
            if kind == "document":
                target = doc_of[target]
            if con.execute(
                "SELECT 1 FROM memos WHERE target_kind = ? AND target = ? AND author = ?"
                " AND text = ?",
                (kind, target, note.author, note.text),
            ).fetchone():
                continue  # imported before
            con.execute(
                "INSERT INTO memos (target_kind, target, author, text, created_at, updated_at)"
                " VALUES (?, ?, ?, ?, ?, ?)",
                (kind, target, note.author, note.text, note.created, note.updated),
            )
            plan.report.memos += 1
        by_coder: dict[str, list[tuple[Coding, str]]] = defaultdict(list)
        for index, source in enumerate(plan.sources):
            for start, end, code, coder, memo, created in source.codings:
                coding = Coding(doc_of[index], start, end, code, coder, origin="import", memo=memo)
                by_coder[coder].append((coding, created))
        options = {"file": plan.path.name, "origin": plan.origin}
        for coder in sorted(by_coder):
            items = by_coder[coder]
            codebook = plan.codebook if saved else None
            with CodingRun(
                store, coder=coder, origin="import", codebook=codebook, options=options
            ) as run:
                ids = run.add(coding for coding, _ in items)
                run.con.executemany(
                    "UPDATE codings SET created_at = ? WHERE coding_id = ? AND run_id = ?",
                    [
                        (created, cid, run.run_id)
                        for cid, (_, created) in zip(ids, items, strict=True)
                    ],
                )
            plan.report.codings_added += run.n_added
    return plan.report


def _import_codebook(plan: _Plan, store: ProjectStore) -> bool:
    """Save the file's codebook when the store has none (True), else compare them."""
    report, codebook = plan.report, plan.codebook
    if codebook is None:
        return False
    if store.execute("SELECT 1 FROM codebooks LIMIT 1").fetchone() is None:
        save_codebook(store._con, codebook)
        report.codebook_saved = True
        report.codes_new = [code.name for code in codebook]
        return True
    existing = store.codebook()
    for code in codebook:
        if code.name not in existing:
            report.codes_new.append(code.name)
            continue
        mine = existing[code.name].definition
        if code.definition != NO_DEFINITION and code.definition != (
            "" if mine == NO_DEFINITION else mine
        ):
            report.codes_changed.append(code.name)
    if report.codes_new or report.codes_changed:
        report.warnings.append(
            f"the store's codebook is kept as it is: {_plural(len(report.codes_new), 'code')} "
            f"of the file are not in it, {len(report.codes_changed)} have another definition "
            "there (see codes_new and codes_changed)"
        )
    return False


def _import_documents(plan: _Plan, store: ProjectStore) -> dict[int, str]:
    """Store the text sources (or match them); each source's doc_id by its index."""
    con, report = store._con, plan.report
    doc_of: dict[int, str] = {}
    by_sha: dict[str, str] = {}
    paths: set[str] = set()
    for index, source in enumerate(plan.sources):
        text = source.text
        sha = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if sha in by_sha:
            doc_of[index] = by_sha[sha]
            report.warnings.append(
                f"source {source.name!r} has the same text as an earlier source: stored once"
            )
            continue
        row = (
            con.execute("SELECT doc_id FROM documents WHERE sha256 = ?", (sha,)).fetchone()
            or con.execute(
                "SELECT doc_id FROM documents WHERE n_chars = ? AND text = ?"
                " ORDER BY is_current DESC, version DESC LIMIT 1",
                (len(text), text),
            ).fetchone()
        )
        if row is not None:
            doc_of[index] = by_sha[sha] = row[0]
            report.documents_matched.append(row[0])
            continue
        doc_id = doc_of[index] = by_sha[sha] = sha[:16]
        base = path = f"qdpx/{plan.path.name}/{source.name}"
        k = 2
        while path in paths:
            path, k = f"{base} ({k})", k + 1
        paths.add(path)
        version = con.execute(
            "SELECT coalesce(max(version), 0) + 1 FROM documents WHERE path = ?", (path,)
        ).fetchone()[0]
        previous = con.execute(
            "SELECT doc_id FROM documents WHERE path = ? AND is_current = 1", (path,)
        ).fetchone()
        if previous is not None:
            con.execute("UPDATE documents SET is_current = 0 WHERE doc_id = ?", (previous[0],))
            report.warnings.append(
                f"source {source.name!r}: its text changed since an earlier import; stored as "
                f"version {version} of {path} (the codings on version {version - 1} stay there)"
            )
        fields, attributes = _document_fields(source, report)
        kind = fields.get("kind")
        doc = plain_text_document(text, fmt="qdpx")
        if kind in (None, "interview"):
            segments = segment_transcript(doc)
            kind = kind or ("interview" if is_dialogue(segments) else "other")
            if kind == "other" and any(s.speaker for s in segments):
                segments = segment_paragraphs(doc)  # one lone label does not make a dialogue
        else:
            segments = segment_paragraphs(doc)
        if fields.get("project_id"):
            con.execute(
                "INSERT INTO projects (project_id, in_metadata, updated_at) VALUES (?, 0, ?)"
                " ON CONFLICT (project_id) DO NOTHING",
                (fields["project_id"], now()),
            )
        properties = {
            "refi_guid": source.guid,
            "refi_file": plan.path.name,
            "refi_origin": plan.origin,
        }
        con.execute(
            "INSERT INTO documents (doc_id, path, version, is_current, project_id, wave, kind,"
            " format, title, respondent_role, n_chars, sha256, text, attributes, properties,"
            " ingest_id, ingested_at) VALUES (?, ?, ?, 1, ?, ?, ?, 'qdpx', ?, ?, ?, ?, ?, ?, ?,"
            " NULL, ?)",
            (
                doc_id, path, version, fields.get("project_id"), fields.get("wave"), kind,
                source.name, fields.get("respondent_role"), len(text), sha, text,
                json.dumps(attributes, ensure_ascii=False), json.dumps(properties), now(),
            ),
        )  # fmt: skip
        con.executemany(
            "INSERT INTO segments (doc_id, position, speaker, role, start_char, end_char,"
            " start_time, end_time, section, page) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (doc_id, s.position, s.speaker, s.role, s.start_char, s.end_char,
                 s.start_time, s.end_time, s.section, s.page)
                for s in segments
            ],
        )  # fmt: skip
        report.documents_added.append(doc_id)
    return doc_of


def _document_fields(
    source: _Source, report: ImportReport
) -> tuple[dict[str, Any], dict[str, Any]]:
    """A source's variables as document fields (by name) and extra metadata."""
    fields: dict[str, Any] = {}
    attributes: dict[str, Any] = {}
    for name, value in source.variables.items():
        target = _FIELD_OF_VARIABLE.get(re.sub(r"[\s\-]+", "_", name.strip().lower()))
        if target is None or target in fields or value in (None, ""):
            attributes[name] = value
        elif target == "kind":
            kind = normalize_kind(str(value))
            if kind in (None, "survey"):
                attributes[name] = value
                report.warnings.append(
                    f"source {source.name!r}: variable {name!r} is {value!r}, not a document "
                    "kind (interview, report or other); kept as metadata"
                )
            else:
                fields["kind"] = kind
        else:
            fields[target] = str(value)
    return fields, attributes
