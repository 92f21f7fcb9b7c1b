"""Replacing spans and carrying offsets: apply, OffsetMap, inverse (no deduce needed)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sokwal_monitor.privacy.offsets import OffsetMap, Replacement, apply, check_replacements

TEXT = "Ja, mevrouw Smit belde gisteren met Jan de Vries over de eetgroep."
SMIT = (12, 16)  # "Smit"
JAN = (36, 48)  # "Jan de Vries"
EDITS = [Replacement(*SMIT, "[PERSOON-1]"), Replacement(*JAN, "[PERSOON-22]")]
NEW = "Ja, mevrouw [PERSOON-1] belde gisteren met [PERSOON-22] over de eetgroep."


def _carry(edits: list[Replacement], start: int, end: int) -> tuple[int, int]:
    return OffsetMap(edits).span(start, end)


def test_the_fixture_offsets_are_right() -> None:
    assert TEXT[slice(*SMIT)] == "Smit"
    assert TEXT[slice(*JAN)] == "Jan de Vries"
    assert apply(TEXT, EDITS) == NEW


def test_apply_without_edits_returns_the_text() -> None:
    assert apply(TEXT, []) == TEXT
    assert apply("", []) == ""


@pytest.mark.parametrize(
    ("span", "expected"),
    [
        ((0, 3), "Ja,"),  # before every replacement
        ((4, 11), "mevrouw"),  # ends right where a replacement starts
        ((17, 22), "belde"),  # between two replacements
        ((16, 22), " belde"),  # starts right where a replacement ends
        ((49, len(TEXT)), "over de eetgroep."),  # after every replacement
        ((0, len(TEXT)), NEW),  # the whole text
        ((4, 22), "mevrouw [PERSOON-1] belde"),  # contains a replacement
        ((4, 53), "mevrouw [PERSOON-1] belde gisteren met [PERSOON-22] over"),  # contains two
        ((12, 16), "[PERSOON-1]"),  # exactly a replacement
        ((13, 15), "[PERSOON-1]"),  # inside a replacement: the whole pseudonym
        ((14, 22), "[PERSOON-1] belde"),  # cut at its start by a replacement
        ((4, 14), "mevrouw [PERSOON-1]"),  # cut at its end by a replacement
        ((40, 53), "[PERSOON-22] over"),  # starts inside "Jan de Vries"
        ((14, 40), "[PERSOON-1] belde gisteren met [PERSOON-22]"),  # cut at both ends
    ],
)
def test_spans_are_carried(span: tuple[int, int], expected: str) -> None:
    start, end = _carry(EDITS, *span)
    assert NEW[start:end] == expected


def test_a_cut_span_is_widened_never_dropped() -> None:
    """A coding that begins in the middle of a name keeps its passage plus the pseudonym."""
    start, end = _carry(EDITS, TEXT.index("Vries"), TEXT.index(" over"))
    assert NEW[start:end] == "[PERSOON-22]"
    assert end > start


@pytest.mark.parametrize("offset", [0, 4, 12, 14, 16, 30, 48, len(TEXT)])
def test_an_empty_span_stays_empty(offset: int) -> None:
    start, end = _carry(EDITS, offset, offset)
    assert start == end
    assert 0 <= start <= len(NEW)


def test_an_empty_span_inside_a_replacement_moves_to_its_start() -> None:
    start, end = _carry(EDITS, 14, 14)
    assert (start, end) == (12, 12)


def test_offsets_after_all_edits_shift_by_the_total_change() -> None:
    mapping = OffsetMap(EDITS)
    shift = len(NEW) - len(TEXT)
    assert mapping.start(len(TEXT)) == mapping.end(len(TEXT)) == len(TEXT) + shift
    assert mapping.start(60) == 60 + shift
    assert mapping.start(0) == mapping.end(0) == 0


def test_insertion() -> None:
    text = "Bel mij."
    edits = [Replacement(4, 4, "[NB] ")]
    new = apply(text, edits)
    assert new == "Bel [NB] mij."
    assert new[slice(*_carry(edits, 0, 8))] == new  # a span around it holds it
    assert new[slice(*_carry(edits, 4, 7))] == "mij"  # starting at it: after it
    assert new[slice(*_carry(edits, 0, 4))] == "Bel "  # ending at it: before it
    assert _carry(edits, 4, 4)[0] == _carry(edits, 4, 4)[1]


def test_deletion() -> None:
    text = "Jan (de buurman) kookt."
    edits = [Replacement(3, 16, "")]
    new = apply(text, edits)
    assert new == "Jan kookt."
    assert new[slice(*_carry(edits, 0, len(text)))] == new
    assert new[slice(*_carry(edits, 17, 22))] == "kookt"
    start, end = _carry(edits, 5, 10)  # inside what was deleted: empty, not negative
    assert start == end == 3


def test_adjacent_replacements() -> None:
    text = "Kerkstraat 12,7461 AB Rijssen"
    edits = [
        Replacement(0, 13, "[ADRES-1]"),
        Replacement(13, 14, ", "),
        Replacement(14, 21, "[POSTCODE-1]"),
    ]
    new = apply(text, edits)
    assert new == "[ADRES-1], [POSTCODE-1] Rijssen"
    assert new[slice(*_carry(edits, 0, 13))] == "[ADRES-1]"
    assert new[slice(*_carry(edits, 13, 14))] == ", "
    assert new[slice(*_carry(edits, 14, 21))] == "[POSTCODE-1]"
    assert new[slice(*_carry(edits, 5, 16))] == "[ADRES-1], [POSTCODE-1]"  # cut twice
    assert new[slice(*_carry(edits, 21, 29))] == " Rijssen"


@pytest.mark.parametrize(
    "edits",
    [
        [Replacement(5, 10, "x"), Replacement(8, 12, "y")],  # overlap
        [Replacement(8, 12, "y"), Replacement(0, 3, "x")],  # not sorted
        [Replacement(5, 3, "x")],  # end before start
        [Replacement(60, 70, "x")],  # outside the text
        [Replacement(-1, 2, "x")],
    ],
)
def test_bad_edits_are_refused(edits: list[Replacement]) -> None:
    with pytest.raises(ValueError, match="overlap or fall outside"):
        check_replacements(edits, len(TEXT))
    with pytest.raises(ValueError):
        apply(TEXT, edits)


def test_inverse_round_trip() -> None:
    mapping = OffsetMap(EDITS)
    back = mapping.inverse(TEXT)
    assert back == [Replacement(12, 23, "Smit"), Replacement(43, 55, "Jan de Vries")]
    assert apply(NEW, back) == TEXT
    # offsets outside the pseudonyms go back to where they were
    undo = OffsetMap(back)
    for start, end in [(0, 3), (17, 22), (49, len(TEXT))]:
        assert undo.span(*mapping.span(start, end)) == (start, end)
    # a pseudonym maps back to the whole original name
    assert TEXT[slice(*undo.span(43, 55))] == "Jan de Vries"


# -- properties ----------------------------------------------------------------------


@st.composite
def _text_and_edits(draw: st.DrawFn) -> tuple[str, list[Replacement]]:
    """Random text and random sorted, non-overlapping edits (insertions, deletions,
    adjacent edits included)."""
    text = draw(st.text(alphabet="abcde .,\n", max_size=30))
    cuts = sorted(draw(st.lists(st.integers(0, len(text)), max_size=8)))
    if len(cuts) % 2:
        cuts = cuts[:-1]
    news = st.text(alphabet="[]-PERSOON0123", max_size=12)
    edits = [Replacement(cuts[i], cuts[i + 1], draw(news)) for i in range(0, len(cuts), 2)]
    return text, edits


def _cut(edit: Replacement, start: int, end: int) -> bool:
    """Does the edit take part of the non-empty span ``[start, end)``? (An insertion
    only when strictly inside.)"""
    if edit.start == edit.end:
        return start < edit.start < end
    return edit.start < end and start < edit.end


@settings(max_examples=300, deadline=None, database=None)
@given(_text_and_edits())
def test_every_span_is_carried_faithfully(case: tuple[str, list[Replacement]]) -> None:
    text, edits = case
    new = apply(text, edits)
    mapping = OffsetMap(edits)
    for start in range(len(text) + 1):
        for end in range(start, len(text) + 1):
            new_start, new_end = mapping.span(start, end)
            assert 0 <= new_start <= new_end <= len(new)
            if start == end:
                assert new_start == new_end
                continue
            hit = [e for e in edits if _cut(e, start, end)]
            if not hit:
                assert new[new_start:new_end] == text[start:end]
                continue
            # widened to hold every replacement it touches, and nothing else
            wide_start = min(start, hit[0].start)
            wide_end = max(end, hit[-1].end)
            inside = [Replacement(e.start - wide_start, e.end - wide_start, e.new) for e in hit]
            assert new[new_start:new_end] == apply(text[wide_start:wide_end], inside)
            for e in hit:  # the whole pseudonym is in the span
                where = mapping.start(e.start) if e.start < e.end else None
                if where is not None:
                    assert new_start <= where
                    assert where + len(e.new) <= new_end


@settings(max_examples=300, deadline=None, database=None)
@given(_text_and_edits())
def test_inverse_restores_the_original(case: tuple[str, list[Replacement]]) -> None:
    text, edits = case
    mapping = OffsetMap(edits)
    new = apply(text, edits)
    back = mapping.inverse(text)
    assert apply(new, back) == text
    assert OffsetMap(back).inverse(new) == edits  # the inverse of the inverse
    # spans untouched by any edit survive the round trip exactly
    undo = OffsetMap(back)
    for start in range(len(text) + 1):
        for end in range(start + 1, len(text) + 1):
            if not any(_cut(e, start, end) for e in edits):
                assert undo.span(*mapping.span(start, end)) == (start, end)
