"""General detection rules of issue 14's fourth round: ages as classes of construction
(privacy/ages.py), dates with two-digit years, names in lower-case transcripts, phone
numbers with dots or over a line break, case numbers, house numbers, waters and
landscapes kept like places, organisation head words and the extended allow list. Each
family with what it must find and the traps it must leave alone."""

from __future__ import annotations

import pytest

from sokwal_monitor.privacy.ages import more_ages
from sokwal_monitor.privacy.dates import DatePolicy, birth_dates
from sokwal_monitor.privacy.detect import detect
from sokwal_monitor.privacy.lists import Hit, Lists
from sokwal_monitor.privacy.names import lower_case_names
from sokwal_monitor.privacy.numbers import numbers
from sokwal_monitor.privacy.places import curated_allow, is_place, landscapes


def _found(text: str, category: str | None = None) -> list[str]:
    return [h.text for h in detect(text, year=2024) if category in (None, h.category)]


def _ages(text: str, hits: list[Hit] | None = None) -> list[str]:
    return [h.text for h in more_ages(text, hits or [])]


# -- ages: a person noun with "van" -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Ze zorgt voor haar moeder van 88, elke dag.", ["88"]),
        ("Is er iets voor zijn zoon van twaalf?", ["twaalf"]),
        ("en voor mijn broertje Ayoub van negen. Hij heeft autisme.", ["negen"]),
        ("Onze kleinzoon Joep van zestien helpt soms mee.", ["zestien"]),
        ("Daar is ook een kind van vier.", ["vier"]),
        ("een meisje van vijftien vertelde", ["vijftien"]),
        # traps: a number of things, not an age
        ("Zij is moeder van 3 kinderen.", []),
        ("een groep van 12 mensen", []),
        ("de moeder van 2 jongens", []),
        ("Het kind van 5 weken sliep.", []),
        ("Een vrouw van 30 jaar geleden.", []),
    ],
)
def test_ages_after_a_person_noun_and_van(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


# -- ages: a copula with time words between, and particles after ---------------------------
@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Ik word in mei eenentachtig.", ["eenentachtig"]),
        ("Hij was toen drieëntachtig.", ["drieëntachtig"]),
        ("Onze oudste, opoe Wiegerinck, werd op 2 mei 99! Zij woont", ["99"]),
        ("Te veel formulieren. Ik ben 91 hoor.", ["91"]),
        ("ik ben 88 he dus het gaat niet zo snel", ["88"]),
        ("Met haar zoontje, hij is vijf, en haar man.", ["vijf"]),
        # traps: numbers that are not ages
        ("Van de 118 deelnemers waren er 84 ouder dan 75 jaar.", []),
        ("In 84 procent van de gevallen was er contact.", []),
        ("Het was 12. Dat is 84.", []),
        ("Groep 8 is 12, de opkomst was 84.", []),
        ("Ik ben 2 jaar vrijwilliger.", []),
        ("Mark is 2 keer geweest.", []),
        ("Ik ben in 2019 begonnen.", []),
        ("Het is om 10.30 uur.", []),
    ],
)
def test_ages_said_with_a_copula(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


# -- ages: decades and ordinals --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("die is zelf ook al van in de tachtig, en", ["tachtig"]),
        ("ook een weduwnaar, begin tachtig.", ["tachtig"]),
        ("Ze is eind zeventig en woont alleen.", ["zeventig"]),
        ("Hij loopt tegen de negentig.", ["negentig"]),
        ("die is vorig jaar op haar 78e overleden", ["78e"]),
        ("Op zijn tachtigste stopte hij.", ["tachtigste"]),
        # traps
        ("In de jaren tachtig was het anders.", []),
        ("eind jaren zeventig", []),
        ("rond de tachtig procent", []),
        ("tegen de 40 deelnemers", []),
    ],
)
def test_ages_as_decades_and_ordinals(text: str, ages: list[str]) -> None:
    assert _ages(text) == ages


# -- ages: in apposition after a name or a pronoun, and the answer to "hoe oud" --------------
def test_ages_in_apposition_after_a_name() -> None:
    text = (
        "Pieter, 27, student aan Saxion, en de heer Van den Berg uit de Rivierenwijk, 79, vissen."
    )
    names = [
        Hit(0, 6, "PERSOON", "Pieter"),
        Hit(text.index("Van den"), text.index(" uit"), "PERSOON", "Van den Berg"),
    ]
    assert _ages(text, names) == ["27", "79"]
    text = "Verder: de heer Oosterhof, zelf 72, mantelzorger. Haar zus, Dina, (81) doet mee."
    names = [
        Hit(text.index("Oosterhof"), text.index(", zelf"), "PERSOON", "Oosterhof"),
        Hit(text.index("Dina"), text.index(", (81)"), "PERSOON", "Dina"),
    ]
    assert _ages(text, names) == ["72", "81"]
    # traps: a time, a count, a name without a hit before it
    text = "Maandag: Kees, 10.00 uur. Jan, 3 vrijwilligers. Markelo, 12, stond er."
    names = [Hit(9, 13, "PERSOON", "Kees"), Hit(26, 29, "PERSOON", "Jan")]
    assert _ages(text, names) == []


def test_ages_after_a_pronoun() -> None:
    assert _ages("Hij (88) is blind, zij (85) doet alles.") == ["88", "85"]
    assert _ages("Echtpaar Nijkamp, hij 86, zij 83, wonen aan de weg.") == ["86", "83"]
    assert _ages("groep (8) en klas (3)") == []


def test_the_answer_to_a_question_about_age() -> None:
    assert _ages("I: dus u bent nu...\nR: eenenzeventig. en mien vrouw") == ["eenenzeventig"]
    vtt = (
        "<v Interviewer>En hoe oud is uw man?\n\n00:00:10.000 --> 00:00:12.000\n"
        "<v Mw>Hij is 84, en ik"
    )
    assert _ages(vtt) == ["84"]
    srt = "1\n00:00:01,000 --> 00:00:02,000\n[S1]: hoe oud bent u\n\n2\n00:00:03,000 --> 00:00:05,000\n[S2]: tachtig"
    assert _ages(srt) == ["tachtig"]
    # the cue number of the next subtitle is no answer; nor a count of things
    assert (
        _ages("Hoe oud is het gebouw?\n\n12\n00:00:03,000 --> 00:00:05,000\n[S2]: geen idee") == []
    )
    assert _ages("Hoe oud zijn de kinderen?\nR: 3 kinderen, allemaal klein.") == []


# -- dates of birth with two-digit years -----------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Geboren 12-3-'43 en nog nooit zo'n groep gehad.", ["12-3-'43"]),
        ("twaalf oktober zesenveertig", ["twaalf oktober zesenveertig"]),
        ("gerda is van negenenveertig net als ik", ["negenenveertig"]),
        ("en mien vrouw dinie is van '55, die is wat jonger", ["'55"]),
        ("Jan is van 1950.", ["1950"]),
        # traps: a building, a thing
        ("Het huis is van 1955.", []),
        ("Dat is van 1970 denk ik.", []),
        ("De boerderij is van 1921.", []),
    ],
)
def test_dates_with_two_digit_years_and_any_subject(text: str, expected: list[str]) -> None:
    found = [
        t for _, _, kind, t in birth_dates(text, 2024, DatePolicy()) if kind == "GEBOORTEDATUM"
    ]
    assert found == expected


# -- names in lower-case transcripts --------------------------------------------------------
def test_names_in_a_lower_case_transcript() -> None:
    text = "en dan heb je nog henk en gerda van hiernaast. groetjes aan anouk. u bent welkom"
    assert [h.text for h in lower_case_names(text)] == ["henk", "gerda", "anouk"]
    # traps: Dutch words that are first names too (bas, roos), months, "bent" (a lone
    # "mark" is taken for Mark here: without capitals the safer reading)
    trap = "ik speel de bas en noteer de datum in januari met een roos. u bent er ook"
    assert lower_case_names(trap) == []
    # with capitals the text is no lower-case transcript: no name without a cue
    assert lower_case_names("Dan heb je nog henk. Ik Ben Er Ook.") == []


# -- numbers: phones, case numbers, house numbers ------------------------------------------
def test_phone_numbers_with_dots_and_over_a_line_break() -> None:
    assert [h.text for h in numbers("nieuw! Gea, 06.29.40.18.66).")] == ["06.29.40.18.66"]
    assert [h.text for h in numbers("bij Willemien (0575 55 12\n09).")] == ["0575 55 12\n09"]
    # traps: a date with dots, a version, an amount, two paragraphs
    assert numbers("op 06.05.2024 om 10.30 uur, versie 1.2.3, EUR 12.50") == []
    assert numbers("tabel 0575\n\n55 12 09") == []


def test_case_numbers_after_their_label() -> None:
    assert [h.text for h in numbers("uw kenmerk WMO-2024-1187.")] == ["WMO-2024-1187"]
    assert [h.text for h in numbers("Dossier ST-2023-0412. Echtpaar")] == ["ST-2023-0412"]
    assert [h.text for h in numbers("zaaknummer: 2024/118 ")] == ["2024/118"]
    # traps: a label without a code, a grant's reference after another word
    assert numbers("Het dossier is dik. Kenmerk aanvraag: 2021-0345") == []


def test_a_house_number_where_someone_lives() -> None:
    found = [
        (h.category, h.text) for h in numbers("Ik ben Kasia van nr 23, en mevrouw van nummer 43.")
    ]
    assert found == [("ADRES", "nr 23"), ("ADRES", "nummer 43")]
    assert numbers("Op nummer 1 van de lijst staat eenzaamheid; pagina 3 van 12.") == []


# -- what is kept ---------------------------------------------------------------------------
def test_waters_and_landscapes_are_kept_like_places() -> None:
    assert {"Regge", "Dinkel", "IJssel", "Vecht", "Sallandse Heuvelrug"} <= set(landscapes())
    assert is_place("Sallandse Heuvelrug") and is_place("overijsselse vecht")
    assert _found("We vissen aan de IJssel en wandelen langs de Regge.") == []
    # a person whose name holds a water's stays a person
    assert _found("Wandelen met Jan van de Berkel.", "PERSOON") == ["Jan van de Berkel"]


@pytest.mark.parametrize(
    "phrase",
    ["Oranje Fonds", "Skanfonds", "VSBfonds", "Kansfonds", "Rabobank Clubsupport", "Wmo", "Wlz",
     "Zvw", "Een tegen eenzaamheid", "MantelzorgNL", "Mezzo", "Movisie", "Vilans", "PCOB",
     "KBO", "Humanitas", "Zonnebloem", "Saxion", "Carintreggeland", "Rick Davies"],
)  # fmt: skip
def test_the_curated_allow_list_holds_the_field(phrase: str) -> None:
    assert phrase.casefold() in {p.casefold() for p in curated_allow()}


def test_organisation_head_words_keep_the_name_after_them() -> None:
    text = "Hij werkte bij de Koninklijke Ten Cate en gaat naar Huisartsenpraktijk De Brink."
    assert _found(text, "PERSOON") == []
    assert _found("Volgend overleg in Huize Hof van Twente.") == []
    # a person after a head word in another sentence is still a person
    assert "Jan de Vries" in _found("Hij komt uit de praktijk. Jan de Vries zei het.")


def test_scholars_and_people_with_their_names() -> None:
    text = "Zij werkt met de methode van Rick Davies en Jess Dart. Mevrouw Dart woont hier."
    assert _found(text, "PERSOON") == ["Dart"]  # only the whole phrase is kept
    # "Van Dijk" the person, "van dijk" in a lower-case phrase about a dike
    assert _found("Gisteren belde meneer Van Dijk.", "PERSOON") == ["Van Dijk"]


def test_an_e_mail_address_inside_an_allowed_phrase_is_replaced() -> None:
    found = _found("Aan: Kaya, Emre <e.kaya@humanitas.nl>", "EMAIL")
    assert found == ["e.kaya@humanitas.nl"]


def test_sentence_initial_capitals_and_words_that_are_names() -> None:
    text = "Roos is een mooie bloem. Mark de datum. In januari zei Jan niets, maar Bas wel."
    persons = _found(text, "PERSOON")
    assert "januari" not in " ".join(persons)
    assert "Jan" in persons and "Bas" in persons
    assert _found("Ik hou van een roos en speel de bas.", "PERSOON") == []


def test_lists_extend_the_allow_list() -> None:
    assert _found("Mevrouw Dart woont hier.", "PERSOON") == ["Dart"]
    assert detect("Mevrouw Dart woont hier.", Lists.of(allow=["Dart"]), year=2024) == []


def test_names_after_a_role_or_a_relative_with_a_comma_or_a_bracket() -> None:
    assert _found("Beste buren, mijn vader (Slamet, geb. 19-08-1936) is vermist.", "PERSOON") == [
        "Slamet"
    ]
    assert _found("Zij gaat met vrijwilliger Anton Pieters naar de markt.", "PERSOON") == [
        "Anton Pieters"
    ]
    # traps: a place or an organisation in brackets, a role with nobody after it
    assert _found("mijn moeder (Groningen) belt", "PERSOON") == []
    assert _found("De tolk, Oranje Fonds en de vrijwilliger, Welzijn Ommen.", "PERSOON") == []
    assert _found("Ik ben vrijwilliger. Daarna ging ik naar huis.", "PERSOON") == []


def test_ages_in_words_are_found_in_any_case() -> None:
    from sokwal_monitor.privacy.numwords import age_word_spans

    text = "Elf, Twaalf, Honderd, ACHTTIEN, zelf, half, tachtigste, eenentachtig"
    assert [text[s:e] for s, e in age_word_spans(text)] == [
        "Elf", "Twaalf", "Honderd", "ACHTTIEN", "eenentachtig",
    ]  # fmt: skip
    assert "tachtigste" in [text[s:e] for s, e in age_word_spans(text, ordinals=True)]
