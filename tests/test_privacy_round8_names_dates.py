"""Issue 14, round 8: dates of birth, addresses, names and handles as classes of
construction. Each class is tested with members the evaluation set does not hold, and
with the traps that must stay (event dates, also long ago; places and streets named as
places; organisations, venues and schools; words that look like names)."""

from __future__ import annotations

import pytest

from sokwal_monitor.privacy.detect import detect


def _found(text: str, category: str) -> list[str]:
    return [h.text for h in detect(text, year=2024) if h.category == category]


def _births(text: str) -> list[str]:
    return _found(text, "GEBOORTEDATUM")


def _addresses(text: str) -> list[str]:
    return _found(text, "ADRES")


def _people(text: str) -> list[str]:
    return _found(text, "PERSOON")


def _replaced(text: str) -> set[str]:
    return {h.text for h in detect(text, year=2024)}


# -- a named day with a year, said as a birth --------------------------------------------
@pytest.mark.parametrize(
    "text, date",
    [
        ("Mijn moeder is op oudjaarsdag '41 geboren, in de sneeuw.", "oudjaarsdag '41"),
        ("Hij kwam op eerste paasdag 1950 ter wereld.", "eerste paasdag 1950"),
        ("Ze is geboren op koninginnedag 1947.", "koninginnedag 1947"),
    ],
)
def test_a_named_day_with_a_year_is_a_birth_after_a_cue(text: str, date: str) -> None:
    assert date in _births(text)


@pytest.mark.parametrize(
    "trap",
    [
        "Op bevrijdingsdag 1945 reden de Canadezen het dorp in.",
        "Op tweede kerstdag 2023 was het dorpshuis open voor iedereen.",
    ],
)
def test_a_named_day_without_a_birth_cue_is_an_event(trap: str) -> None:
    assert _births(trap) == []


# -- a date with a two-digit year and no apostrophe, after a cue --------------------------
@pytest.mark.parametrize(
    "text, date",
    [
        ("Geboortedatum: 4-11-38\nAdres: bekend", "4-11-38"),
        ("geb. 12.6.44, weduwe", "12.6.44"),
    ],
)
def test_a_short_numeric_date_after_a_birth_cue(text: str, date: str) -> None:
    assert date in _births(text)


@pytest.mark.parametrize(
    "trap", ["De vergadering van 3-3-24 is verzet.", "Factuur 12/4/23 is betaald."]
)
def test_a_short_numeric_date_without_a_cue_stays(trap: str) -> None:
    assert _births(trap) == []


# -- a year of birth said as what someone is, "lichting" ---------------------------------
@pytest.mark.parametrize(
    "text, year",
    [
        ("Mijn broer is een '52er, net als ik.", "'52er"),
        ("Die buurman is een echte 48'er.", "48'er"),
        ("Hij is van de lichting 1944, zegt hij altijd.", "1944"),
    ],
)
def test_a_year_of_birth_said_as_what_someone_is(text: str, year: str) -> None:
    assert year in _births(text)


@pytest.mark.parametrize(
    "trap",
    [
        "De lichting 2023 van de opleiding begint in september.",
        "De muziek van de jaren '80 was beter.",
    ],
)
def test_a_recent_cohort_or_a_decade_is_no_birth(trap: str) -> None:
    assert _births(trap) == []


# -- a day and a month without a year, said of a person ----------------------------------
@pytest.mark.parametrize(
    "text, date",
    [
        ("Mijn kleinzoon? Die is van de derde maart, een lentekind.", "derde maart"),
        ("Hij was van de vijfde van de vijfde, bevrijdingskind.", "vijfde van de vijfde"),
        ("Opa Henk is van 1938, 14 augustus. Dat vieren we groot.", "14 augustus"),
    ],
)
def test_a_day_and_month_said_of_a_person(text: str, date: str) -> None:
    assert date in _births(text)


def test_a_day_and_month_answering_a_birthday_question_in_the_next_turn() -> None:
    text = (
        "Interviewer: En wanneer is uw man jarig?\nBewoner: Negen november. Dan komen de kinderen."
    )
    assert "Negen november" in _births(text)


@pytest.mark.parametrize(
    "trap",
    [
        "De brief is van 12 maart en ligt nog op tafel.",
        "De vergadering was van de eerste van de maand verschoven.",
        "Interviewer: Wanneer was de opening?\nBewoner: Negen november.",
    ],
)
def test_a_day_and_month_of_a_thing_or_an_event_stays(trap: str) -> None:
    assert _births(trap) == []


# -- a year restated in brackets or corrected -------------------------------------------
def test_a_year_of_birth_restated_in_brackets() -> None:
    assert {"'36", "1936"} <= set(_births("Hij is geboren in '36 (1936), op de boerderij."))


def test_a_year_of_birth_corrected_right_after() -> None:
    text = "Ik ben van negen mei negenendertig... nee, achtendertig. Dom van me."
    assert "achtendertig" in _births(text)


# -- a year after a name -------------------------------------------------------------------
def test_a_recent_year_in_brackets_after_a_name_is_the_reports_date() -> None:
    """A precision bug of round 7: "Jan Smit (2024)" was read as a year of birth."""
    text = "Zie het verslag van Jan Smit (2024) en de notitie van Els Kok (2023)."
    assert _births(text) == []


@pytest.mark.parametrize(
    "text, year",
    [
        ("Aanwezig: Gerrit Bos (1939) en zijn zus.", "1939"),
        ("Bewoners: Hennie 1941, Jan 1937; beiden wonen thuis.", "1937"),
        ("mijn oom, Jan Kuipers (van '44), belde.", "'44"),
    ],
)
def test_an_old_year_after_a_name_is_a_year_of_birth(text: str, year: str) -> None:
    assert year in _births(text)


def test_a_scholars_year_stays() -> None:
    text = "Volgens Machteld Huber (2011) gaat positieve gezondheid over veerkracht."
    assert _births(text) == []


# -- houses described, farm names, address fields, house numbers -------------------------
@pytest.mark.parametrize(
    "text, address",
    [
        ("Ze woont in het huisje achter de molen.", "het huisje achter de molen"),
        ("Hij zit in de woning tegenover de school.", "de woning tegenover de school"),
        (
            "Ken je het huis met de grote rode poort aan de dijk?",
            "het huis met de grote rode poort aan de dijk",
        ),
        ("Ze woont op het erf naast de kapel.", "het erf naast de kapel"),
        ("Ik woon bij het kanaal, het gele huis.", "bij het kanaal, het gele huis"),
    ],
)
def test_a_house_told_by_where_it_stands_or_what_it_has(text: str, address: str) -> None:
    assert address in _addresses(text)


def test_a_farm_named_in_apposition_after_the_house() -> None:
    text = "Mijn broer woont op de boerderij van ons vader, het Kleinhekkink. Mooi daar."
    assert "het Kleinhekkink" in _addresses(text)


@pytest.mark.parametrize(
    "text, address",
    [
        ("Naam: J. Bosman\nAdres: Oude Veen 7\nWoonplaats: Vroomshoop", "Oude Veen 7"),
        ("Straat en huisnummer: De Brink 12a", "De Brink 12a"),
        ("sinds mei woont ze op De Weemhof 21 in Rijssen.", "De Weemhof 21"),
        ("De prijs gaat naar Ria Mensink, Heggerank 5.", "Heggerank 5"),
    ],
)
def test_a_street_without_a_street_word_where_an_address_is_said(text: str, address: str) -> None:
    assert address in _addresses(text)


@pytest.mark.parametrize(
    "text, number",
    [
        ("Ze woont twee huizen verderop, op nummer 31.", "nummer 31"),
        ("De buurvrouw van nummer 7b heeft een sleutel.", "nummer 7b"),
    ],
)
def test_a_house_number_alone_where_someone_lives(text: str, number: str) -> None:
    assert number in _addresses(text)


def test_a_postcode_after_a_house_number_broken_over_two_lines() -> None:
    assert "7701\nAB" in _found("Post naar: Vaartweg 3, 7701\nAB Dedemsvaart.", "POSTCODE")


@pytest.mark.parametrize(
    "trap",
    [
        "Het huis van de buurt is elke dinsdag open.",
        "Het lied stond weken op nummer 1 in de hitlijst.",
        "Aanwezig: Jan Smit, Groep 8, en de juf.",
        "Adres: Jaarverslag 2024 volgt later.",
        "Ik woon aan de Veldweg 9, het huis met de rieten kap.",
    ],
)
def test_houses_numbers_and_groups_that_are_no_new_address(trap: str) -> None:
    found = _addresses(trap)
    assert not [a for a in found if "huis" in a or "nummer" in a or "Groep" in a or "2024" in a]


# -- handles in the clause after a network ------------------------------------------------
@pytest.mark.parametrize(
    "text, handle",
    [
        ("Op YouTube heet hij gamer_bram2009, echt waar.", "gamer_bram2009"),
        ("Ik zit ook op Discord, meestal als Loes#0815 online.", "Loes#0815"),
        ("Volg haar maar op TikTok hoor: dansmet.demi", "dansmet.demi"),
    ],
)
def test_a_handle_a_few_words_after_the_network(text: str, handle: str) -> None:
    assert handle in _replaced(text)


@pytest.mark.parametrize(
    "trap",
    [
        "Op Instagram zag ik de foto's van 2023 om 10.30 uur.",
        "Kijk op Facebook of op www.buurtkamer.nl voor het programma.",
        "YouTube. Daarna 3.5 uur slapen.",
    ],
)
def test_no_handle_in_times_amounts_and_web_addresses(trap: str) -> None:
    assert not [h for h in detect(trap, year=2024) if h.category == "URL"]


# -- names by trade, families in the plural -----------------------------------------------
def test_a_first_name_with_the_trade_someone_is_known_by() -> None:
    assert "Gerrit" in _people("Dat weet Gerrit van de bakker vast nog wel.")


def test_a_family_by_its_surname_in_the_plural() -> None:
    assert "Olthofs" in _people("We gingen altijd op visite bij de Olthofs aan de overkant.")


@pytest.mark.parametrize(
    "trap",
    [
        "De toon van de slager was fel.",
        "Met de Tukkers en de Sallanders samen.",
    ],
)
def test_a_word_with_a_trade_or_a_demonym_is_no_name(trap: str) -> None:
    assert _people(trap) == []


# -- greetings, a cue across a blank line, venues ------------------------------------------
def test_a_cue_closing_a_paragraph_does_not_name_the_next_one() -> None:
    """A precision bug of round 7: "Lidnr" (a column label) was replaced as a name, read
    as named by the "man" that closed the line before it."""
    text = "Mw. G. Mulder, mantelzorger van haar man\n\nLidnr. 0154 - Dhr. J. Boxum"
    assert "Lidnr" not in _replaced(text)
    text = "Onderwerp: aanmelding voor mijn vader\n\nGoedenavond,\n\nIk schrijf u"
    assert "Goedenavond" not in _replaced(text)


def test_a_greeting_before_a_name_is_not_part_of_it() -> None:
    text = "Goedemiddag Geert-Jan,\n\nDank voor je bericht."
    assert all(not name.startswith("Goedemiddag") for name in _people(text))


@pytest.mark.parametrize(
    "text, venue",
    [
        ("De soos is elke week in Het Spieker, gezellig.", "Spieker"),
        ("Mijn man zit in De Wendhorst, het verpleeghuis.", "Wendhorst"),
        ("Ze was juf op de Sint Jozefschool in het dorp.", "Jozefschool"),
    ],
)
def test_a_venue_a_home_or_a_school_is_no_person(text: str, venue: str) -> None:
    assert not [p for p in _people(text) if venue in p]


def test_a_surname_with_de_is_still_a_person() -> None:
    assert "De Vries" in _people("Daarna ging ik even langs bij De Vries.")
