"""Round 9 of issue 14: what must stay. Organisations, venues and instruments by their
shape (:mod:`sokwal_monitor.privacy.organisations`) are kept, also where a resident
elsewhere in the store shares a word of their name; a person's name outside them is
still replaced, in the same document."""

from __future__ import annotations

import pytest
from fixtures.pseudonymized import pseudonymized_texts

from sokwal_monitor.privacy.detect import deduce_pipeline, detect
from sokwal_monitor.privacy.organisations import organisation_spans


@pytest.fixture(scope="module", autouse=True)
def _deduce() -> None:
    deduce_pipeline()


def _spans(text: str) -> list[str]:
    return [text[s:e] for s, e in organisation_spans(text)]


def _names(text: str) -> list[str]:
    return [h.text for h in detect(text) if h.category == "PERSOON"]


@pytest.mark.parametrize(
    "text, name",
    [
        ("Ik werk bij Huisartsenpraktijk Van der Veen.", "Huisartsenpraktijk Van der Veen"),
        ("De kinderen van basisschool De Pieter Zandt.", "basisschool De Pieter Zandt"),
        ("Dat is Zorggroep Oude en Nieuwe Land.", "Zorggroep Oude en Nieuwe Land"),
        ("Eten in Zalencentrum Het Wapen van Vriezenveen, daarna", "Zalencentrum Het Wapen van Vriezenveen"),
        ("CBS Prins Willem Alexander komt zingen.", "CBS Prins Willem Alexander"),
        ("De Coöperatie Samen Vriezenveen U.A. werkt", "Coöperatie Samen Vriezenveen U.A."),
        ("We gaan naar Stichting Hulp Op Maat.", "Stichting Hulp Op Maat"),
        ("lid van de vereniging 'De Eendracht' sinds", "vereniging 'De Eendracht'"),
        ("bij woonzorgcentrum De Gouden Linde", "woonzorgcentrum De Gouden Linde"),
    ],
)  # fmt: skip
def test_an_organisation_by_its_head_word(text: str, name: str) -> None:
    assert name in _spans(text)


@pytest.mark.parametrize(
    "text, name",
    [
        ("Koffie in Het Brinkhuis.", "Het Brinkhuis"),
        ("Open dag in Het Brinkhuis 2024 was druk.", "Het Brinkhuis"),
        ("We zitten in De Baron, het kulturhus.", "De Baron"),
        ("Daarna naar De Lubbershoeve.", "De Lubbershoeve"),
        ("We meten met de Lubben-schaal.", "Lubben-schaal"),
        ("Ze zit op het Carmel College Salland in Raalte.", "Carmel College Salland"),
        ("Hij zat op het Etty Hillesum Lyceum.", "Etty Hillesum Lyceum"),
    ],
)
def test_a_venue_or_instrument_by_its_shape(text: str, name: str) -> None:
    assert name in _spans(text)


@pytest.mark.parametrize(
    "trap",
    [
        "Meneer Van der Veen belde de stichting.",  # a generic head, and no name after it
        "Ik sprak de stichting Henk Smit aan.",  # lower-case generic head + a person
        "We gingen bij De Vries langs.",  # "bij De": a person
        "Mevrouw Hulsbeek komt morgen.",
        "",
        "\x00\ufeff Stichting",  # a head at the very end, odd bytes
        "Hij woont op Boerderij Het Hoge Erf aan de dijk.",  # a farm: an address
        "geboren op erve Het Lansink bij Buurse",
        "ik zit sinds februari op Het Wooldhuis 6 in Heeten",  # a house number
        "Huisartsenpraktijk De Lange & Bosch verwees haar.",  # the owners' names
    ],
)
def test_what_is_no_organisation_has_no_span(trap: str) -> None:
    assert _spans(trap) == []


def test_a_regional_organisation_on_the_curated_list_is_kept() -> None:
    from sokwal_monitor.privacy.places import curated_allow

    assert "Carinova" not in " ".join(_names("De wijkverpleging van Carinova komt."))
    # a first name is not put on the list ("Livio" is also an organisation): residents first
    assert "Carinova" in curated_allow() and "Livio" not in curated_allow()
    assert "Livio" in _names("Livio kwam gisteren langs met zijn moeder.")


def test_a_place_after_an_organisation_is_part_of_its_name() -> None:
    names = _names("Ik sprak Ilse Brouwer van Wijkracht Hengelo.")
    assert "Hengelo" not in " ".join(names) and any("Ilse" in n for n in names)


def test_a_person_joined_by_en_is_not_taken_in() -> None:
    assert _spans("Stichting Welzijn Ommen en Henk Vechtman kwamen.") == ["Stichting Welzijn Ommen"]


def test_a_named_school_again_without_its_head_but_not_a_bare_surname() -> None:
    text = "Juf Ellen van basisschool De Pieter Zandt. De kinderen van De Pieter Zandt zongen."
    assert _spans(text) == ["basisschool De Pieter Zandt", "De Pieter Zandt"]
    # "Huisartsenpraktijk De Vries" does not make every "De Vries" an organisation
    text = "Huisartsenpraktijk De Vries belde. Meneer De Vries zelf kwam ook."
    assert _spans(text) == ["Huisartsenpraktijk De Vries"]
    assert "De Vries" in _names(text)


def test_detection_keeps_the_organisation_and_replaces_the_person() -> None:
    text = (
        "Mevrouw Hulsbeek woont alleen. Ze gaat naar Zorgboerderij De Hulsbeek en "
        "Huisartsenpraktijk Hulsbeek. Juf Ellen Brouwer werkt bij basisschool De Pieter Zandt."
    )
    names = _names(text)
    assert "Hulsbeek" in names and "Ellen Brouwer" in names
    assert not [n for n in names if "Pieter" in n or "Zandt" in n]
    starts = [h.start for h in detect(text) if h.category == "PERSOON"]
    assert text.index("Hulsbeek") in starts
    assert text.index("De Hulsbeek") + 3 not in starts


FILES = {
    # a resident with a full name; her surname is a venue's and a practice's elsewhere
    "P01_2023_interview.txt": (
        "I: Wie bent u?\nR: Ik ben Gerda Brinkhuis, ik woon aan de Kanaalweg.\n"
        "R: Mevrouw Brinkhuis, dat ben ik. Mijn buurman Jan Anker helpt me.\n"
    ),
    "P01_2023_verslag.txt": (
        "Koffieochtend in Het Brinkhuis, met Kindcentrum Het Anker en Huisartsenpraktijk "
        "Brinkhuis. Ook Brinkhuis zelf was er.\n"
    ),
}


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pseudonymized_texts(tmp_path_factory.mktemp("round9"), FILES)


def test_a_linked_surname_stays_inside_a_venue_and_an_organisation(
    texts: dict[str, str],
) -> None:
    report = texts["P01_2023_verslag.txt"]
    assert "in Het Brinkhuis" in report, report
    assert "Kindcentrum Het Anker" in report, report
    assert "Huisartsenpraktijk Brinkhuis" in report, report


def test_the_linked_person_is_still_replaced_in_the_same_document(
    texts: dict[str, str],
) -> None:
    report = texts["P01_2023_verslag.txt"]
    assert "Ook [PERSOON-" in report and "Brinkhuis zelf" not in report, report
    interview = texts["P01_2023_interview.txt"]
    assert "Brinkhuis" not in interview and "Anker" not in interview, interview
