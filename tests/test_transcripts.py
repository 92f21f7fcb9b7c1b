"""Speaker turns, timestamps and roles: every label form and every trap of issue 2."""

from __future__ import annotations

import pytest

from sokwal_monitor.ingestion.readers import plain_text_document
from sokwal_monitor.ingestion.transcripts import (
    looks_like_transcript,
    normalize_role,
    parse_timestamp,
    segment_paragraphs,
    segment_transcript,
)
from sokwal_monitor.model import Block, RawDocument


def turns(text: str, **kwargs) -> list[tuple[str, str, str]]:
    doc = plain_text_document(text)
    segments = segment_transcript(doc, **kwargs)
    for seg in segments:
        assert 0 <= seg.start_char <= seg.end_char <= len(doc.text)
    assert [s.position for s in segments] == list(range(len(segments)))
    return [(s.speaker, s.role, doc.text[s.start_char : s.end_char]) for s in segments]


@pytest.mark.parametrize(
    ("line", "speaker", "content"),
    [
        ("Interviewer: Hoe begon het?", "Interviewer", "Hoe begon het?"),
        ("I: Hoe begon het?", "I", "Hoe begon het?"),
        ("R1: Met koffie.", "R1", "Met koffie."),
        (
            "Respondent (initiatiefnemer): Met koffie.",
            "Respondent (initiatiefnemer)",
            "Met koffie.",
        ),
        ("**Interviewer:** Hoe begon het?", "Interviewer", "Hoe begon het?"),
        ("**Interviewer**: Hoe begon het?", "Interviewer", "Hoe begon het?"),
        ("[00:03:12] I: Hoe begon het?", "I", "Hoe begon het?"),
        ("00:03:12 Interviewer: Hoe begon het?", "Interviewer", "Hoe begon het?"),
        ("Interviewer [00:03:12]: Hoe begon het?", "Interviewer", "Hoe begon het?"),
        ("(03:12) Geïnterviewde: Met koffie.", "Geïnterviewde", "Met koffie."),
    ],
)
def test_every_label_form_starts_a_turn(line: str, speaker: str, content: str) -> None:
    found = turns(f"{line}\nR: Ja.")
    assert found[0][0] == speaker
    assert found[0][2] == content


def test_timestamps_are_parsed_to_seconds() -> None:
    doc = plain_text_document("[00:03:12] I: Vraag?\n00:04:10.5 R: Antwoord.\n(1:02:03) I: Nog?")
    times = [s.start_time for s in segment_transcript(doc)]
    assert times == [192.0, 250.5, 3723.0]
    assert parse_timestamp("03:12") == 192.0
    assert parse_timestamp("[01:00:00,250]") == 3600.25


def test_a_turn_spans_several_paragraphs_until_the_next_label() -> None:
    found = turns("I: Vraag?\n\nR: Eerste alinea.\n\nTweede alinea.\nDerde regel.\n\nI: Volgende?")
    assert found[1] == ("R", "respondent", "Eerste alinea.\n\nTweede alinea.\nDerde regel.")
    assert found[2][0] == "I"


def test_a_label_like_word_mid_sentence_does_not_start_a_turn() -> None:
    found = turns(
        "I: En de gemeente?\nR: Nou, en toen zei de wethouder: dat regelen we.\n"
        "Dus ik zei tegen de interviewer: prima.\nI: Oké."
    )
    assert [f[0] for f in found] == ["I", "R", "I"]
    assert "wethouder: dat regelen we" in found[1][2]
    assert "interviewer: prima" in found[1][2]


def test_prose_with_a_colon_at_line_start_is_not_a_label() -> None:
    found = turns("I: Wat gebeurde er?\nR: Het ging mis.\nToen zei ik: we stoppen.\nI: Echt?")
    assert [f[0] for f in found] == ["I", "R", "I"]
    assert found[1][2] == "Het ging mis.\nToen zei ik: we stoppen."


def test_a_wrapped_sentence_continuing_with_a_role_word_is_not_a_label() -> None:
    found = turns(
        "I: En toen?\nR: Toen kwam er een mail van de\nwethouder: hij wilde praten.\nI: Ja."
    )
    assert [f[0] for f in found] == ["I", "R", "I"]


def test_names_used_twice_are_labels_and_once_are_not() -> None:
    text = "Anja de Boer: Hoe begon het?\nPiet: Met koffie.\nAnja de Boer: En nu?\nPiet: Thee."
    assert [f[0] for f in turns(text)] == ["Anja de Boer", "Piet", "Anja de Boer", "Piet"]
    once = turns("I: Hoe?\nR: Zo.\nMarieke Smit: zei dat ook.")
    assert [f[0] for f in once] == ["I", "R"]


def test_urls_and_clock_times_are_not_labels() -> None:
    found = turns("I: Waar?\nR: Kijk op\nhttps://voorbeeld.nl/pagina.\nOm 10:30 begint het.")
    assert [f[0] for f in found] == ["I", "R"]
    assert "https://voorbeeld.nl" in found[1][2]


def test_a_label_alone_on_its_line_takes_the_next_lines() -> None:
    found = turns("Interviewer:\nHoe begon het?\n\nRespondent:\nMet koffie.")
    assert found == [
        ("Interviewer", "interviewer", "Hoe begon het?"),
        ("Respondent", "respondent", "Met koffie."),
    ]


def test_preamble_before_the_first_label_is_kept_without_speaker() -> None:
    found = turns("Interview P01, maart 2018\nLocatie: dorpshuis\n\nI: Vraag?\nR: Antwoord.")
    assert found[0] == ("", "", "Interview P01, maart 2018\nLocatie: dorpshuis")
    assert [f[0] for f in found[1:]] == ["I", "R"]


def test_default_role_mapping() -> None:
    interviewer = ["I", "Interviewer", "INT", "Onderzoeker", "Interviewster 2", "V", "Q"]
    respondent = ["R", "R1", "Respondent", "Geïnterviewde", "Respondent (initiatiefnemer)", "Jan"]
    assert {normalize_role(x) for x in interviewer} == {"interviewer"}
    assert {normalize_role(x) for x in respondent} == {"respondent"}
    assert normalize_role("Sanne (onderzoeker)") == "interviewer"


def test_role_mapping_can_be_overridden_by_mapping_or_function() -> None:
    text = "Anja: Hoe begon het?\nPiet: Zo.\nAnja: En nu?\nPiet: Goed."
    assert [f[1] for f in turns(text, roles={"anja": "interviewer", "Piet": "respondent"})] == [
        "interviewer",
        "respondent",
    ] * 2
    by_function = turns("I: Vraag?\nR: Ja.", roles=lambda label: "respondent")
    assert [f[1] for f in by_function] == ["respondent", "respondent"]


def test_interviewer_is_inferred_from_questions_when_no_label_says_so() -> None:
    text = (
        "Anja: Hoe begon het?\nPiet: Met koffie.\nAnja: Wie deed mee?\n"
        "Piet: De buren. Echt veel.\nAnja: En nu?\nPiet: Het loopt."
    )
    roles = {f[0]: f[1] for f in turns(text)}
    assert roles == {"Anja": "interviewer", "Piet": "respondent"}


def test_no_inference_when_questions_are_balanced() -> None:
    text = "Anja: Hoe?\nPiet: Waarom?\nAnja: Wat?\nPiet: Hoezo?"
    assert {f[1] for f in turns(text)} == {"respondent"}


def test_block_speakers_from_the_format_start_turns_and_keep_times() -> None:
    text = "Anouk: Nou, we begonnen.\n\nSanne (onderzoeker): Hoe?"
    doc = RawDocument(
        text=text,
        blocks=[
            Block(7, 24, kind="cue", speaker="Anouk", start_time=1.0, end_time=6.5),
            Block(47, 51, kind="cue", speaker="Sanne (onderzoeker)", start_time=7.0, end_time=8.0),
        ],
    )
    segments = segment_transcript(doc)
    assert [(s.speaker, s.role, s.start_time, s.end_time) for s in segments] == [
        ("Anouk", "respondent", 1.0, 6.5),
        ("Sanne (onderzoeker)", "interviewer", 7.0, 8.0),
    ]
    assert text[segments[0].start_char : segments[0].end_char] == "Nou, we begonnen."


def test_no_labels_falls_back_to_paragraphs() -> None:
    doc = plain_text_document("Eerste alinea over het project.\n\nTweede alinea met meer tekst.")
    assert not looks_like_transcript(doc)
    assert len(segment_transcript(doc)) == 2


def test_reports_segment_into_paragraphs_with_their_section() -> None:
    doc = plain_text_document(
        "1. Inleiding\n\nHet project startte in 2018.\n\n2. Resultaten\n\n"
        "Er kwamen 40 bewoners.\nZe waren tevreden, zo bleek uit de enquête.\n\n"
        "2.1 Bereik\n\nVooral ouderen."
    )
    segments = segment_paragraphs(doc)
    assert [(s.section, doc.text[s.start_char : s.end_char]) for s in segments] == [
        ("1. Inleiding", "Het project startte in 2018."),
        # a short line that ends a sentence is a paragraph of its own (not hard-wrapped)
        ("2. Resultaten", "Er kwamen 40 bewoners."),
        ("2. Resultaten", "Ze waren tevreden, zo bleek uit de enquête."),
        ("2.1 Bereik", "Vooral ouderen."),
    ]
    levels = [b.level for b in doc.blocks if b.kind == "heading"]
    assert levels == [1, 1, 2]


def test_a_heading_ends_a_turn() -> None:
    doc = plain_text_document(
        "Thema samenwerking\n\nI: Vraag?\nR: Antwoord.\n\nThema financien\n\nI: En?"
    )
    segments = segment_transcript(doc)
    assert [(s.speaker, s.section) for s in segments] == [
        ("I", "Thema samenwerking"),
        ("R", "Thema samenwerking"),
        ("I", "Thema financien"),
    ]
    assert doc.text[segments[1].start_char : segments[1].end_char] == "Antwoord."
