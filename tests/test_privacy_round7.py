"""Issue 14, round 7: ages as classes of construction (the weakest class of rule after
round 6), each class tested with members the evaluation set does not hold and with the
traps that must stay (counts, amounts, events, times, house numbers, groups)."""

from __future__ import annotations

import pytest

from sokwal_monitor.privacy.detect import detect
from sokwal_monitor.privacy.numwords import word_number


def _ages(text: str) -> list[str]:
    return [h.text for h in detect(text, year=2024) if h.category == "LEEFTIJD"]


# -- a hedge between the verb and the age ------------------------------------------------
@pytest.mark.parametrize(
    "text, age",
    [
        ("Mijn buurman is ongeveer tweeënzeventig.", "tweeënzeventig"),
        ("Zij is circa 64, denk ik.", "64"),
        ("Hij was toen zo'n vijftig.", "vijftig"),
        ("Ze is een jaar of veertig, van Curaçao.", "veertig"),
        ("Mijn oom is pakweg 70 hoor.", "70"),
    ],
)
def test_an_age_after_a_hedge(text: str, age: str) -> None:
    assert age in _ages(text)


# -- an age said inside a quotation ----------------------------------------------------
@pytest.mark.parametrize(
    "text, age",
    [
        ('Ze zei: "ik ben 67" en lachte.', "67"),
        ("Hij zegt “mijn vrouw is 71” en zwijgt.", "71"),
    ],
)
def test_an_age_closing_a_quotation(text: str, age: str) -> None:
    assert age in _ages(text)


# -- "die is zeven", dialect "den is veer" ---------------------------------------------
@pytest.mark.parametrize(
    "text, age",
    [
        ("En dan mijn neefje Sem, die is zes. Hij woont bij ons.", "zes"),
        ("En 't jongste, Gerrit, den is vief. Den kump altied.", "vief"),
        ("De kleine, die is negen jaar, gaat naar groep 6.", "negen"),
    ],
)
def test_an_age_after_die_is(text: str, age: str) -> None:
    assert age in _ages(text)


@pytest.mark.parametrize(
    "trap", ["die is vier keer geweest.", "Hij is veer kwijt.", "die is acht uur open."]
)
def test_die_is_with_a_count_is_no_age(trap: str) -> None:
    assert _ages(trap) == []


def test_dialect_number_words() -> None:
    assert word_number("vieftachtig") == 85  # "en" fallen out before the tens of 80/90
    assert word_number("zesnegentig") == 96
    assert word_number("veer") == 4 and word_number("vieftig") == 50
    assert word_number("dartig") == 30
    assert word_number("zevenzestig") is None  # only before tachtig and negentig


# -- an age restated: a time word, "word", a contrast ----------------------------------
@pytest.mark.parametrize(
    "text, ages",
    [
        ("Hij is nu 79, volgend jaar 80.", ["79", "80"]),
        ("Ik ben dertien, word veertien in juni.", ["dertien", "veertien"]),
        ('"Ik ben 91, niet 19", zei ze.', ["91", "19"]),
        ("Mijn vader is 84, bijna 85.", ["84", "85"]),
    ],
)
def test_an_age_restated(text: str, ages: list[str]) -> None:
    assert set(ages) <= set(_ages(text))


def test_a_restated_count_is_no_age() -> None:
    assert _ages("Ze is 80, volgende week 3 keer naar de fysio.") == ["80"]
    assert _ages("Er kwamen 40, volgend jaar 50 deelnemers.") == []


# -- decades: after a comma or a bracket, in digits after "in de" ------------------------
@pytest.mark.parametrize(
    "text, age",
    [
        ("Mevrouw Hulshof, in de negentig, woont nog thuis.", "negentig"),
        ("(Bertus Kamphuis, in de tachtig) kwam te laat.", "tachtig"),
        ("Hij is ver in de 90 en nog scherp.", "90"),
        ("Ze is al in de 70, zegt ze.", "70"),
    ],
)
def test_decades(text: str, age: str) -> None:
    assert age in _ages(text)


@pytest.mark.parametrize(
    "trap",
    [
        "in de 80 procent van de gevallen",
        "(in de zeventig procent)",
        "De jaren tachtig, eind 80 kwam hij.",
        "Dat was in de 80 km-zone.",
    ],
)
def test_decades_traps(trap: str) -> None:
    assert _ages(trap) == []


# -- an age before a verb of becoming -----------------------------------------------------
@pytest.mark.parametrize(
    "text, age",
    [
        ("We vieren dat oma Jannie Wolters 95 wordt!", "95"),
        ('"Net 70 geworden", zegt hij.', "70"),
        ("Volgende week hoopt ze dat ze 100 wordt.", "100"),
        ("Dat Henk Ruiterkamp tachtig werd, wist niemand.", "tachtig"),
    ],
)
def test_an_age_before_becoming(text: str, age: str) -> None:
    assert age in _ages(text)


@pytest.mark.parametrize(
    "trap",
    [
        "Het aantal deelnemers is net 80 geworden.",
        "Het zijn er 12 geworden.",
        "De club wordt volgend jaar 50.",
        "Zo wordt het 12 uur.",
        "Ik tel er 12 en het worden er 15.",
        "De vereniging is pas 25 geworden.",
    ],
)
def test_becoming_traps(trap: str) -> None:
    assert _ages(trap) == []


# -- a name with "van" and an age ------------------------------------------------------
@pytest.mark.parametrize(
    "text, age",
    [
        ("De kinderen: Amira van 11 en Yara van acht.", "11"),
        ("De kinderen: Amira van 11 en Yara van acht.", "acht"),
        ("Toen kwam Jurgen van zestien, de oudste.", "zestien"),
    ],
)
def test_a_name_van_an_age(text: str, age: str) -> None:
    assert age in _ages(text)


@pytest.mark.parametrize(
    "trap",
    [
        "Jan van 9 tot 12 uur.",
        "Maria van 12 mei tot juni.",
        "Piet van 3 kinderen.",
        "Sandra van 10 procent.",
    ],
)
def test_name_van_traps(trap: str) -> None:
    assert _ages(trap) == []


# -- "plus" alone in brackets after a person -----------------------------------------------
@pytest.mark.parametrize(
    "text, age",
    [
        ("Haar vader (negentig-plus) woont bij haar.", "negentig-plus"),
        ("Meneer Wessels (80+) kwam met de rollator.", "80+"),
    ],
)
def test_plus_in_brackets(text: str, age: str) -> None:
    assert age in _ages(text)


@pytest.mark.parametrize(
    "trap", ["De 75-plussers (80+) kwamen samen.", "Voor 65-plussers (gratis)."]
)
def test_plus_groups_stay(trap: str) -> None:
    assert _ages(trap) == []


# -- the years between two people, then an age ----------------------------------------------
def test_an_age_after_years_apart() -> None:
    assert "zevenenzeventig" in _ages("Mijn zus is drie jaar ouder, zevenenzeventig dus.")
    assert "81" in _ages("Hij is twee jaar jonger, 81.")
    assert _ages("De groep is een jaar ouder, 12 leden erbij.") == []


# -- traps from the brief: none of these is anyone's age ----------------------------------
@pytest.mark.parametrize(
    "trap",
    [
        "Er waren 84 deelnemers, in 84 procent van de gevallen.",
        "We komen 2 keer per week samen.",
        "De vereniging bestaat 40 jaar en viert het 25-jarig jubileum.",
        "De 75-plussers en groep 8 kwamen.",
        "Om 10 uur, bij Kerkstraat 12.",
        "Het kost 25 euro.",
        "Ik ben zo'n 20 keer geweest.",
        "Het is een jaar of tien geleden.",
    ],
)
def test_numbers_that_stay(trap: str) -> None:
    assert _ages(trap) == []


# -- phone numbers: dots after a hyphen, pairs said with hyphens, Twents number words ------
@pytest.mark.parametrize(
    "text, phone",
    [
        ("Eigen nummer: 06-43.18.27.09.", "06-43.18.27.09"),
        ("of 0570 61.23.45 na zes uur", "0570 61.23.45"),
        (
            "bel nul zes, elf, drie-en-veertig, negen-en-vijftig, twee-en-tachtig graag",
            "nul zes, elf, drie-en-veertig, negen-en-vijftig, twee-en-tachtig",
        ),
        (
            "mien nummer is nul zes, vieftig, veer-en-dartig, zeuventien, elf.",
            "nul zes, vieftig, veer-en-dartig, zeuventien, elf",
        ),
    ],
)
def test_phone_numbers_of_round7(text: str, phone: str) -> None:
    assert phone in [h.text for h in detect(text, year=2024) if h.category == "TELEFOON"]


@pytest.mark.parametrize(
    "trap",
    [
        "Op 12-03.2024 om 10.30.45 uur.",
        "drie-en-twintig, vier-en-twintig en vijf-en-twintig mensen kwamen",
        "score 0-10.5.3 op de schaal",
    ],
)
def test_phone_traps_of_round7(trap: str) -> None:
    assert [h for h in detect(trap, year=2024) if h.category == "TELEFOON"] == []


# -- case numbers: "is" between label and code, the bare noun "cliënt", a programme's name
@pytest.mark.parametrize(
    "text, code",
    [
        ("Zijn dossiernummer bij het wijkteam is WT-2023-0561.", "WT-2023-0561"),
        ("Haar cliëntnummer is KL-88213.", "KL-88213"),
        ("Verslag gesprek – cliënt SWT-2024-0042\n", "SWT-2024-0042"),
        ("Ons kenmerk: WMO/2023/11207", "WMO/2023/11207"),
    ],
)
def test_case_numbers_of_round7(text: str, code: str) -> None:
    assert code in [h.text for h in detect(text, year=2024) if h.category == "ID"]


@pytest.mark.parametrize(
    "trap",
    [
        "Het cliëntnummer is onbekend.",
        "de cliënt is tevreden, cliënt AB-12 kwam",
        "De cliënt WMO 2024 kwam.",
        "Ons kenmerk is het beste.",
    ],
)
def test_case_number_traps_of_round7(trap: str) -> None:
    assert [h for h in detect(trap, year=2024) if h.category == "ID"] == []


def test_a_grant_reference_with_is_stays() -> None:
    text = "Het kenmerk van de aanvraag is SUB-2021-0345."
    assert [h for h in detect(text, year=2024) if h.category == "ID"] == []
