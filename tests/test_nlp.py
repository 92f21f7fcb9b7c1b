"""The Dutch pipeline (issues 4 and 15): lemmas of the domain's words and of irregular
verbs, the default codebook's lemma patterns on inflected forms, accuracy on held-out
UD Dutch text, and a pipeline built once."""

from __future__ import annotations

import socket
import subprocess
import sys
from pathlib import Path

import pytest

from sokwal_monitor.codebook import load_codebook
from sokwal_monitor.coding.rules import RuleCoder
from sokwal_monitor.nlp import build_pipeline, dutch_pipeline, lemma_of, lemmas
from sokwal_monitor.nlp.lemma_table import (
    UD_FILE,
    LemmaTable,
    build_lemma_table,
    lemmatize_form,
    read_tsv,
    regular_stem,
)
from sokwal_monitor.nlp.ud import learn_lemmas, read_conllu, score, split_by_document

UD = Path(__file__).resolve().parents[1].parent / "shared" / "ud-dutch"
TREEBANKS = ["nl_alpino-ud-dev.conllu", "nl_lassysmall-ud-dev.conllu"]


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        # the domain's words that spaCy's tables read as verbs or other nouns
        ("zorg", "zorg"),
        ("deel", "deel"),
        ("werk", "werk"),
        ("geld", "geld"),
        ("moeder", "moeder"),
        ("maanden", "maand"),
        ("scholen", "school"),
        ("vervoer", "vervoer"),
        ("vrijwilliger", "vrijwilliger"),
        ("vrijwilligers", "vrijwilliger"),
        ("gemeenten", "gemeente"),
        ("kinderen", "kind"),
        # auxiliary and irregular verbs
        ("is", "zijn"),
        ("was", "zijn"),
        ("waren", "zijn"),
        ("geweest", "zijn"),
        ("heeft", "hebben"),
        ("had", "hebben"),
        ("wil", "willen"),
        ("kon", "kunnen"),
        ("werd", "worden"),
        ("gedaan", "doen"),
        ("gebracht", "brengen"),
        ("vonden", "vinden"),
        ("geleerd", "leren"),
        ("ontdekt", "ontdekken"),
        ("ontdekten", "ontdekken"),
    ],
)
def test_lemmas_of_domain_words_and_irregular_verbs(form: str, lemma: str) -> None:
    assert lemma_of(form) == lemma
    assert lemmas(f"Zij zeggen {form} .")[2] == lemma
    assert dutch_pipeline()(form)[0].lemma_ == lemma


@pytest.mark.parametrize("word", ["en", "het", "de", "ik", "we", "in", "hoe", "niet"])
def test_function_words_unchanged(word: str) -> None:
    assert lemma_of(word) == word
    assert lemma_of(word.capitalize()) == word
    assert lemmas(f"Dat {word} ook")[1] == word


def test_unknown_compounds_take_the_lemma_of_their_last_part() -> None:
    assert lemma_of("buurtbewoners") == "buurtbewoner"
    assert lemma_of("vrijwilligersvacatures") == "vrijwilligersvacature"
    assert lemma_of("opgebeld") == "opbellen"  # a separable particle before a verb
    # a capitalized word no table knows is a name: no compound reading
    assert lemma_of("Engeland") == "engeland"


def test_lemmatize_form_rules() -> None:
    table = LemmaTable(
        {"bewoners": "bewoner", "gebeld": "bellen", "geland": "landen"},
        frozenset({"bewoner"}),
        frozenset({"bellen", "landen"}),
    )
    assert lemmatize_form(table, "buurtbewoners") == "buurtbewoner"
    assert lemmatize_form(table, "opgebelde") == "opbellen"
    assert lemmatize_form(table, "engeland") == "engeland"  # "en" is no particle
    assert lemmatize_form(table, "farc-bewoners") == "farc-bewoner"
    assert lemmatize_form(table, "Bewoners") == "bewoner"


def test_regular_stem() -> None:
    assert [regular_stem(v) for v in ["zorgen", "delen", "werken", "moederen"]] == [
        "zorg",
        "deel",
        "werk",
        "moeder",
    ]


@pytest.mark.parametrize(
    ("verb", "stem"),
    [
        # unstressed (schwa) syllables -ig-, -en-, -el-, -em-, -er-: never a double vowel
        ("nodigen", "nodig"),
        ("uitnodigen", "uitnodig"),
        ("bevestigen", "bevestig"),
        ("tekenen", "teken"),
        ("ondertekenen", "onderteken"),
        ("openen", "open"),
        ("rekenen", "reken"),
        ("wandelen", "wandel"),
        ("verzamelen", "verzamel"),
        ("ontwikkelen", "ontwikkel"),
        ("ademen", "adem"),
        ("luisteren", "luister"),
        ("veranderen", "verander"),
        ("herinneren", "herinner"),
        ("verbeteren", "verbeter"),
        ("naderen", "nader"),
        # a stressed open syllable: a double vowel, also after a prefix or particle
        ("delen", "deel"),
        ("verdelen", "verdeel"),
        ("meedelen", "meedeel"),
        ("bespreken", "bespreek"),
        ("vergeten", "vergeet"),
        ("beleven", "beleef"),
        ("overwegen", "overweeg"),
        ("geven", "geef"),
        ("beven", "beef"),
        ("eten", "eet"),
        ("herhalen", "herhaal"),
        ("geloven", "geloof"),
        ("huren", "huur"),
        ("repareren", "repareer"),
        ("organiseren", "organiseer"),
        ("presenteren", "presenteer"),
        # closed syllables and other endings as before
        ("zetten", "zet"),
        ("reizen", "reis"),
        ("doen", "doen"),
    ],
)
def test_regular_stem_doubles_only_a_stressed_vowel(verb: str, stem: str) -> None:
    assert regular_stem(verb) == stem


@pytest.mark.parametrize(
    ("form", "lemma"),
    [
        ("nodigt", "nodigen"),
        ("nodigde", "nodigen"),
        ("uitgenodigd", "uitnodigen"),
        ("getekend", "tekenen"),
        ("tekende", "tekenen"),
        ("opende", "openen"),
        ("geopend", "openen"),
        ("gewandeld", "wandelen"),
        ("verzameld", "verzamelen"),
        ("ademde", "ademen"),
        ("rekent", "rekenen"),
        ("reken", "rekenen"),
        # adjectives in -ig are not read as forms of a verb in -igen any more
        ("nodig", "nodig"),
        ("nuttig", "nuttig"),
        ("matig", "matig"),
        ("moedig", "moedig"),
        ("vertegenwoordig", "vertegenwoordigen"),
    ],
)
def test_forms_of_verbs_with_unstressed_syllables(form: str, lemma: str) -> None:
    assert lemma_of(form) == lemma


def test_nouns_stay_nouns_but_irregular_verb_forms_do_not() -> None:
    # spaCy's exception table reads "werk" as a form of "werken" and "grote" as "groot"
    table = build_lemma_table(extra={}, learned={})
    assert table["werk"] == "werk"
    assert table["kerk"] == "kerk"
    assert table["grote"] == "groot"
    assert table["genomen"] == "nemen"  # a participle, not the plural of "genoom"


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


def test_lemma_cache_gives_the_same_lemmas() -> None:
    nlp = build_pipeline()
    text = "De vrijwilligers zorgden voor de kinderen; de vrijwilligers waren moe."
    first = [t.lemma_ for t in nlp(text)]
    assert [t.lemma_ for t in nlp(text)] == first
    assert first[1] == first[8] == "vrijwilliger"
    assert len(nlp.get_pipe("lemmatizer")._cache) == len({t.orth for t in nlp(text)})


def test_pipeline_is_cached_and_built_once(monkeypatch: pytest.MonkeyPatch) -> None:
    first = dutch_pipeline()
    assert dutch_pipeline() is first
    assert first.pipe_names == ["sentencizer", "lemmatizer"]
    assert first.lang == "nl"
    from sokwal_monitor.nlp import lemma_table as module

    assert first.get_pipe("lemmatizer").table is module.lemma_table()

    def refuse(**kwargs: object) -> None:
        raise AssertionError("the lemma table was built again")

    monkeypatch.setattr(module, "build_lemma_table", refuse)
    assert lemma_of("scholen") == "school"  # served from the cached pipeline and table


def test_pipeline_needs_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    nlp = build_pipeline(build_lemma_table())
    assert nlp("gedaan")[0].lemma_ == "doen"


def test_import_loads_neither_spacy_nor_the_lemma_data() -> None:
    code = (
        "import sys, sokwal_monitor, sokwal_monitor.nlp; "
        "print('spacy' in sys.modules, 'sokwal_monitor.nlp.lemma_table' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False False"


# -- the default codebook's lemma patterns on inflected forms ---------------------------

#: Inflected forms of the codebook's lemmas, one kind each: plural, diminutive, verb
#: forms (present, past, participle), inflected adjective.
INFLECTED = {
    "resultaat": ["resultaten"],
    "effect": ["effecten"],
    "verschil": ["verschillen"],
    "bereiken": ["bereikt", "bereikten"],
    "doelgroep": ["doelgroepen"],
    "bezoeker": ["bezoekers"],
    "vrijwilliger": ["vrijwilligers"],
    "ontmoeten": ["ontmoet", "ontmoetten", "ontmoeten"],
    "ontmoeting": ["ontmoetingen"],
    "eenzaam": ["eenzame"],
    "leren": ["leerden", "geleerd", "leert"],
    "les": ["lessen"],
    "ervaring": ["ervaringen"],
    "ontdekken": ["ontdekt", "ontdekten"],
    "merken": ["merkte", "gemerkt", "merkten"],
    "organiseren": ["organiseerde", "georganiseerd", "organiseert"],
    "samenwerken": ["samengewerkt", "samenwerkten"],
    "partner": ["partners"],
    "ambtenaar": ["ambtenaren"],
    "wethouder": ["wethouders"],
    "werven": ["wierven", "geworven", "werft"],
    "waarderen": ["waardeerden", "gewaardeerd"],
    "subsidie": ["subsidies"],
    "fonds": ["fondsen"],
    "sponsor": ["sponsors"],
    "aanvraag": ["aanvragen"],
    "probleem": ["problemen"],
    "knelpunt": ["knelpunten"],
    "moeilijk": ["moeilijke"],
    "lastig": ["lastige"],
    "succes": ["successen"],
    "geld": ["geld"],
}

#: Inflected forms of the words that token patterns of the default codebook match by
#: LEMMA (patterns with neighbouring words, where a bare lemma gave false positives).
TOKEN_INFLECTED = {
    "durven": ["durfde", "durft", "gedurfd"],
    "delen": ["deelden", "gedeeld", "deelt"],
    "gemeente": ["gemeenten", "gemeentes"],
    "initiatief": ["initiatieven"],
    "vereniging": ["verenigingen"],
    "kerk": ["kerken"],
    "school": ["scholen"],
    "werken": ["werkte", "gewerkt", "werkt"],
    "provincie": ["provincies"],
}


def _lemma_patterns() -> dict[str, set[str]]:
    """Lemma -> codes of the default codebook's ``lemma`` patterns (single words)."""
    codes: dict[str, set[str]] = {}
    for code in load_codebook():
        for pattern in code.patterns:
            ((kind, value),) = pattern.items()
            if kind == "lemma":
                for item in [value] if isinstance(value, str) else value:
                    if " " not in item:
                        codes.setdefault(item.lower(), set()).add(code.name)
    return codes


def test_inflected_forms_cover_the_codebook() -> None:
    # every form listed belongs to a lemma pattern of the codebook (no stale entries)
    assert set(INFLECTED) <= set(_lemma_patterns())


@pytest.mark.parametrize("lemma", sorted(INFLECTED))
def test_codebook_lemma_patterns_match_inflected_forms(lemma: str) -> None:
    codes = _lemma_patterns()[lemma]
    rules = RuleCoder(load_codebook())
    for form in INFLECTED[lemma]:
        found = {m.code for m in rules.code_text(f"Zij zeggen {form} vandaag.")}
        assert codes <= found, (form, codes - found)


def _token_lemmas() -> set[str]:
    """The LEMMA values of the default codebook's token patterns."""
    words: set[str] = set()
    for code in load_codebook():
        for pattern in code.patterns:
            for spec in pattern.get("tokens", []):
                value = {k.upper(): v for k, v in spec.items()}.get("LEMMA")
                items = value.get("IN", []) if isinstance(value, dict) else [value]
                words |= {w for w in items if isinstance(w, str)}
    return words


def test_token_inflected_forms_cover_token_lemmas() -> None:
    assert set(TOKEN_INFLECTED) <= _token_lemmas()


@pytest.mark.parametrize("lemma", sorted(TOKEN_INFLECTED))
def test_codebook_token_lemmas_match_inflected_forms(lemma: str) -> None:
    # a token pattern's LEMMA matches the word and its lookup lemma (as lemma patterns)
    assert {form: lemma_of(form) for form in TOKEN_INFLECTED[lemma]} == dict.fromkeys(
        TOKEN_INFLECTED[lemma], lemma
    )


def test_every_codebook_lemma_is_its_own_lemma() -> None:
    # a pattern word that the lemmatizer reads as another lemma matches that one's
    # forms too (the old table read "vrijwilliger" as "vrijwillig")
    wrong = {w: lemma_of(w) for w in _lemma_patterns() if lemma_of(w) != w}
    assert not wrong, wrong


# -- accuracy on held-out UD Dutch text -------------------------------------------------

needs_ud = pytest.mark.skipif(not UD.is_dir(), reason="shared/ud-dutch is not beside the repo")


@needs_ud
def test_shipped_ud_table_was_learned_from_the_learning_half_only() -> None:
    learn = [s for name in TREEBANKS for s in split_by_document(read_conllu(UD / name))[0]]
    learned = learn_lemmas(learn)
    shipped = read_tsv(UD_FILE)
    assert shipped
    assert all(learned.get(form) == lemma for form, lemma in shipped.items())


@needs_ud
@pytest.mark.parametrize("treebank", TREEBANKS)
def test_held_out_accuracy_meets_the_target(treebank: str) -> None:
    from spacy.tokens import Doc

    learn, held_out = split_by_document(read_conllu(UD / treebank))
    assert {s.doc_id for s in learn}.isdisjoint({s.doc_id for s in held_out})
    nlp = dutch_pipeline()
    predicted = []
    for sentence in held_out:
        doc = Doc(nlp.vocab, words=list(sentence.words))
        for _, component in nlp.pipeline:
            doc = component(doc)
        predicted.append([t.lemma_ for t in doc])
    result = score(held_out, predicted)
    assert result["all"]["n"] > 4000
    assert result["all"]["accuracy"] >= 0.95, result["all"]
    assert result["content"]["accuracy"] >= 0.93, result["content"]
