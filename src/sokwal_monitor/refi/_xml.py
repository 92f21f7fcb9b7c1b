"""What the REFI-QDA project reader and writer share beyond the codebook's helpers
(:mod:`sokwal_monitor.codebook.refi_xml`): element names, XML text, times and the GUIDs
of what a project holds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from ..codebook.refi_xml import NOT_XML

_PROJECT_GUIDS = uuid.uuid5(uuid.NAMESPACE_URL, "https://sokwal-monitor/refi-qda/project")


def _local(tag: Any) -> str:
    return str(tag).rpartition("}")[2]


# -- writing ---------------------------------------------------------------------------


def _xml_text(text: str) -> str:
    """``text`` with the characters XML cannot hold replaced by U+FFFD."""
    return NOT_XML.sub("\ufffd", text)


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


def _guid(*parts: str) -> str:
    """A GUID derived from what it names: the same parts give the same GUID."""
    return str(uuid.uuid5(_PROJECT_GUIDS, "\x1f".join(parts)))


def _key(guid: str | None) -> str:
    """A GUID as a dictionary key: without braces, lower case."""
    return (guid or "").strip().strip("{}").lower()
