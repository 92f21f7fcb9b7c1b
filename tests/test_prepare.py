"""The rows workers send back line up with the columns the store inserts."""

from __future__ import annotations

from dataclasses import fields

from sokwal_monitor.ingestion.prepare import ROW_FIELDS, _row
from sokwal_monitor.model import Segment


def test_rows_follow_row_fields_for_every_segment_field() -> None:
    segment = Segment(
        position=3, start_char=1, end_char=9, speaker="I", role="interviewer",
        start_time=1.5, end_time=2.5, section="Inleiding", page=4,
    )  # fmt: skip
    assert _row(segment) == tuple(getattr(segment, name) for name in ROW_FIELDS)
    assert set(ROW_FIELDS) == {f.name for f in fields(Segment)}  # nothing left behind
