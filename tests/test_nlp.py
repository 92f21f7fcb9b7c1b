"""The Dutch pipeline of issue 4: irregular lemmas filled in, stop words left alone."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest
from spacy.strings import get_string_id

from sokwal_monitor.nlp import _exception_lemmas, dutch_pipeline, lemma_of, lemmas


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("geleerd", "leren"),
        ("gemeenten", "gemeente"),
        ("vonden", "vinden"),
        ("kinderen", "kind"),
        ("gedaan", "doen"),
        ("vrijwilligers", "vrijwilliger"),
        ("ontdekt", "ontdekken"),
        ("ontdekten", "ontdekken"),
    ],
)
def test_irregular_forms(form: str, lemma: str) -> None:
    assert lemma_of(form) == lemma
    assert lemmas(f"Zij zeggen {form} .")[2] == lemma
    assert dutch_pipeline()(form)[0].lemma_ == lemma


@pytest.mark.parametrize("word", ["en", "het", "de", "ik", "we", "in", "was", "hoe", "niet"])
def test_stop_words_unchanged(word: str) -> None:
    assert lemma_of(word) == word
    assert lemma_of(word.capitalize()) == word
    assert lemmas(f"Dat {word} ook")[1] == word


def test_exception_table_skips_stop_words() -> None:
    exc = {"verb": {"en": ["emmen"], "het": ["hebben"], "vonden": ["vinden"]}}
    table = {get_string_id(pos): forms for pos, forms in exc.items()}
    assert _exception_lemmas(table) == {"vonden": "vinden"}


def test_verb_reading_preferred_over_noun() -> None:
    table = {
        get_string_id("noun"): {"vonden": ["vond"]},
        get_string_id("verb"): {"vonden": ["vinden"]},
    }
    assert _exception_lemmas(table) == {"vonden": "vinden"}


def test_existing_lookup_entries_kept() -> None:
    # "vrijwilligers" is in the plain lookup table; exceptions never replace an entry
    table = dutch_pipeline().get_pipe("lemmatizer").lookups.get_table("lemma_lookup")
    assert table["vrijwilligers"] == "vrijwilliger"
    assert table["gedaan"] == "doen"
    assert "en" not in table
    assert "het" not in table


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geleerd hebben we veel.", ["leren", "hebben", "we", "veel", "."]),
        ("Kinderen en Gemeenten.", ["kind", "en", "gemeente", "."]),
        ("HET GEDAAN", ["het", "doen"]),
    ],
)
def test_case_insensitive_lookup(text: str, expected: list[str]) -> None:
    assert lemmas(text) == expected


def test_lemmas_are_lower_case_also_of_unknown_words() -> None:
    # rule patterns on lemmas (LEMMA IN [...]) rely on this: no case variants needed
    doc = dutch_pipeline()("Sokwalstad bloeit. Gemeenten Leerden")
    assert [t.lemma_ for t in doc] == ["sokwalstad", "bloeien", ".", "gemeente", "leren"]
    assert doc[0].text == "Sokwalstad"  # the text itself keeps its case


def test_lemmas_skip_whitespace_tokens() -> None:
    assert lemmas("kinderen  \n\n vonden") == ["kind", "vinden"]
    assert lemmas("") == []


def test_sentences_are_split() -> None:
    doc = dutch_pipeline()("Het liep goed. Toen vonden we een vrijwilliger! Echt?")
    assert [s.text for s in doc.sents] == [
        "Het liep goed.",
        "Toen vonden we een vrijwilliger!",
        "Echt?",
    ]


def test_pipeline_is_cached() -> None:
    first = dutch_pipeline()
    assert dutch_pipeline() is first
    assert first.pipe_names == ["sentencizer", "lemmatizer"]
    assert first.lang == "nl"


def test_pipeline_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    dutch_pipeline.cache_clear()
    try:
        nlp = dutch_pipeline()
        assert nlp("gedaan")[0].lemma_ == "doen"
    finally:
        dutch_pipeline.cache_clear()


def test_import_does_not_load_spacy() -> None:
    code = "import sys, sokwal_monitor.nlp; print('spacy' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
