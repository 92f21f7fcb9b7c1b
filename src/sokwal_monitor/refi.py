"""REFI-QDA exchange with other qualitative-analysis programs.

REFI-QDA (https://www.qdasoftware.org) is the standard that ATLAS.ti, NVivo, MAXQDA,
QualCoder and others use to exchange codebooks (``.qdc``, an XML file) and whole
projects (``.qdpx``, a zip archive). This module reads and writes codebooks; project
exchange is planned and will live here too.

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
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from os import PathLike
from pathlib import Path
from typing import Any

import defusedxml
import defusedxml.ElementTree as DET

from .codebook import _COLOR_RE, _GUID_RE, Code, Codebook, _check_pattern, _problem
from .errors import CodebookError

__all__ = ["CODEBOOK_NAMESPACE", "PROJECT_NAMESPACE", "read_qdc", "write_qdc"]

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
            "this is a REFI-QDA project, not a codebook; project import (sokwal import) is "
            "planned — for now export only the codebook (.qdc) from your QDA program"
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
        attrs = {
            "guid": code.guid if code.guid is not None else _derived_guid(cb_name, code.name),
            "name": code.name,
            "isCodable": "true",
        }
        if code.color is not None:
            attrs["color"] = code.color
        el = ET.SubElement(parent_el, "Code", attrs)
        description = _description(code)
        if description:
            ET.SubElement(el, "Description").text = description
        elements[code.name] = el
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
            "importing projects (sokwal import) is planned; for now export only the "
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


def _description(code: Code) -> str:
    """The ``<Description>`` text: the definition, then our sections (see write_qdc)."""
    blocks = [code.definition] if code.definition else []
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
