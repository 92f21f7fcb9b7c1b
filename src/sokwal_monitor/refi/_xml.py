"""What the REFI-QDA readers and writers share: namespaces, safe parsing with line
numbers, XML text, times and GUIDs."""

from __future__ import annotations

import re
import uuid
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from typing import Any

import defusedxml.ElementTree as DET

#: The XML namespace of a REFI-QDA codebook (``.qdc``).
CODEBOOK_NAMESPACE = "urn:QDA-XML:codebook:1.0"
#: The XML namespace of a REFI-QDA project (``project.qde`` inside a ``.qdpx``).
PROJECT_NAMESPACE = "urn:QDA-XML:project:1.0"

_ORIGIN = "sokwal-monitor"
# GUIDs derived from names live under this namespace, then one per codebook name.
_GUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://sokwal-monitor/refi-qda/codebook")
_PROJECT_GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://sokwal-monitor/refi-qda/project")
# Characters XML 1.0 cannot hold, not even as a character reference.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

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


def _parse_lines(
    data: bytes, *, forbid_dtd: bool = False
) -> tuple[ET.Element, dict[ET.Element, int]]:
    """Parse ``data`` with :mod:`defusedxml` (entities and external references refused, a
    document type too with ``forbid_dtd``); the root and the line on which each element
    starts. ``ET.ParseError`` and defusedxml's exceptions are the caller's to explain."""
    builder = _LineTreeBuilder()
    parser = DET.DefusedXMLParser(target=builder, forbid_dtd=forbid_dtd)
    builder.expat = parser.parser
    parser.feed(data)
    root = parser.close()
    return root, dict(zip(root.iter(), builder.lines, strict=True))


def _position(exc: ET.ParseError) -> tuple[int, int, str]:
    """Where XML is not well-formed: line, column (from 1) and the parser's reason."""
    line, column = exc.position
    reason = re.sub(r":? line \d+, column \d+$", "", str(exc))
    return line, column + 1, reason


def _local(tag: Any) -> str:
    return str(tag).rpartition("}")[2]


# -- writing ---------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


def _xml_bytes(root: ET.Element) -> bytes:
    """``root`` as an indented UTF-8 XML file."""
    ET.indent(root, space="  ")
    xml = ET.tostring(root, encoding="unicode")
    data = f'<?xml version="1.0" encoding="utf-8"?>\n{xml}\n'.encode()
    # A raw carriage return would come back as a line feed; write it as a reference.
    # (0x0D never occurs inside a multi-byte UTF-8 sequence, and ET escapes it in
    # attributes already.)
    return data.replace(b"\r", b"&#13;")


# -- times -----------------------------------------------------------------------------


def _utc(text: str) -> datetime | None:
    """An ISO 8601 time in UTC (one without a zone taken as UTC); None when unreadable."""
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC)


def _xml_datetime(stamp: str | None) -> str | None:
    """A store time as an ``xsd:dateTime`` in UTC (``...Z``); None when there is none.

    >>> _xml_datetime("2024-05-01T14:03:00+02:00")
    '2024-05-01T12:03:00Z'
    """
    moment = _utc(str(stamp)) if stamp else None
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment is not None else None


def _store_time(value: str | None) -> str | None:
    """An ``xsd:dateTime`` as the store keeps times (UTC, seconds); None when unreadable.

    >>> _store_time("2018-03-27T19:29:27Z")
    '2018-03-27T19:29:27+00:00'
    """
    moment = _utc(value.strip()) if value else None
    return moment.isoformat(timespec="seconds") if moment is not None else None


# -- GUIDs -----------------------------------------------------------------------------


def _derived_guid(codebook_name: str, code_name: str) -> str:
    """The GUID of a code without one: stable for the same codebook and code name."""
    return str(uuid.uuid5(uuid.uuid5(_GUID_NAMESPACE, codebook_name), code_name))


def _guid(*parts: str) -> str:
    """A GUID derived from what it names: the same parts give the same GUID."""
    return str(uuid.uuid5(_PROJECT_GUIDS, "\x1f".join(parts)))


def _key(guid: str | None) -> str:
    """A GUID as a dictionary key: without braces, lower case."""
    return (guid or "").strip().strip("{}").lower()
