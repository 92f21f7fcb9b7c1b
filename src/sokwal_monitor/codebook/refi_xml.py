"""What the REFI-QDA codebook and project files share: namespaces, safe parsing with line
numbers, XML text and the GUIDs of codes.

:mod:`sokwal_monitor.refi` (whole projects) builds on these.
"""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from typing import Any

import defusedxml.ElementTree as DET

__all__ = [
    "CODEBOOK_NAMESPACE",
    "NOT_XML",
    "ORIGIN",
    "PROJECT_NAMESPACE",
    "derived_guid",
    "parse_error_position",
    "parse_lines",
    "xml_bytes",
]

#: The XML namespace of a REFI-QDA codebook (``.qdc``).
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
#: The XML namespace of a REFI-QDA project (``project.qde`` inside a ``.qdpx``).
PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"
#: The ``origin`` attribute of the files sokwal-monitor writes.
ORIGIN = "sokwal-monitor"
# GUIDs derived from names live under this namespace, then one per codebook name.
_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sokwal-monitor/refi-qda/codebook")
#: Characters XML 1.0 cannot hold, not even as a character reference.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# -- parsing ---------------------------------------------------------------------------


class _LineTreeBuilder(ET.TreeBuilder):
    """An ElementTree builder that notes the line on which each element starts."""

    def __init__(self) -> None:
        super().__init__()
        self.expat: Any = None
        self.lines: list[int] = []

    def start(self, tag: Any, attrs: Any) -> ET.Element:
        self.lines.append(int(self.expat.CurrentLineNumber))
        return super().start(tag, attrs)


def parse_lines(
    data: bytes, *, forbid_dtd: bool = False
) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse ``data`` with :mod:`defusedxml` (entities and external references refused, a
    document type too with ``forbid_dtd``); the root and the line on which each element
    starts. ``ET.ParseError`` and defusedxml's exceptions are the caller's to explain.

    >>> root, lines = parse_lines(b"<a>\\n  <b/>\\n</a>")
    >>> [lines[el] for el in root.iter()]
    [1, 2]
    """
    builder = _LineTreeBuilder()
    parser = DET.DefusedXMLParser(target=builder, forbid_dtd=forbid_dtd)
    builder.expat = parser.parser
    parser.feed(data)
    root = parser.close()
    return root, dict(zip(root.iter(), builder.lines, strict=True))


def parse_error_position(exc: ET.ParseError) -> tuple[int, int, str]:
    """Where XML is not well-formed: line, column (from 1) and the parser's reason."""
    line, column = exc.position
    reason = re.sub(r":? line \d+, column \d+$", "", str(exc))
    return line, column + 1, reason


# -- writing ---------------------------------------------------------------------------


def xml_bytes(root: ET.Element) -> bytes:
    """``root`` as an indented UTF-8 XML file."""
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    data = f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n'.encode()
    # A raw carriage return would come back as a line feed; write it as a reference.
    # (0x0D never occurs inside a multi-byte UTF-8 sequence, and ET escapes it in
    # attributes already.)
    return data.replace(b"\r", b"&#13;")


# -- GUIDs -----------------------------------------------------------------------------


def derived_guid(codebook_name: str, code_name: str) -> str:
    """The GUID of a code without one: stable for the same codebook and code name."""
    return str(uuid.uuid5(uuid.uuid5(_GUID_NAMESPACE, codebook_name), code_name))
