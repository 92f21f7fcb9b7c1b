"""Issue 14, round 6: numbers, dates of birth, ages and addresses as classes of
construction, each with the traps that must stay (counts, amounts, events, hours)."""

from __future__ import annotations

import pytest

from sokwal_monitor.privacy.addresses import addresses, is_postbox
from sokwal_monitor.privacy.ages import is_event_age, more_ages
from sokwal_monitor.privacy.dates import DatePolicy, birth_dates
from sokwal_monitor.privacy.detect import detect
from sokwal_monitor.privacy.lists import Hit
from sokwal_monitor.privacy.numbers import numbers, said_numbers


def _found(text: str, category: str) -> list[str]:
    return [h.text for h in detect(text, year=2024) if h.category == category]


# -- phone numbers --------------------------------------------------------------------
@pytest.mark.parametrize(
    "text, phone",
    [
        ("bel 06 – 4187 2210 gerust", "06 – 4187 2210"),  # en dash
        ("tel. 0523 — 61 34 09.", "0523 — 61 34 09"),  # em dash
        ("nummer 0573 ‐ 45 12 66,", "0573 ‐ 45 12 66"),  # hyphen (U+2010)
    ],
)
def test_phone_numbers_with_any_dash(text: str, phone: str) -> None:
    assert [h.text for h in numbers(text)] == [phone]


def test_phone_numbers_said_in_words() -> None:
    text = "mijn nummer is nul zes een twee acht vier zeven drie negen nul of vast"
    assert [h.text for h in said_numbers(text)] == [
        "nul zes een twee acht vier zeven drie negen nul"
    ]
    pairs = "van mijn dochter zes twaalf vierendertig zesenvijftig achtenzeventig"
    assert [h.text for h in said_numbers(pairs)] == [
        "zes twaalf vierendertig zesenvijftig achtenzeventig"
    ]
    # traps: counts and times in words, too few or too many digits, a run not a phone
    for trap in (
        "drie keer per week, zes of zeven mensen om tien uur",
        "zes twee drie vier vijf",  # five digits
        "nul nul nul",
        "nul zes een twee acht vier zeven drie negen nul negen negen",  # twelve
        "Zes, zeven, acht: de groep telde er negentien.",
    ):
        assert said_numbers(trap) == [], trap


def test_postcodes_said_in_words() -> None:
    text = "en de postcode is zeven vier vier twee ka geloof ik"
    assert [h.text for h in said_numbers(text)] == ["zeven vier vier twee ka"]
    assert said_numbers("de postcode is nul twee drie vier ab") == []  # no 0xxx postcode
    assert said_numbers("de postcode weet ik niet") == []
    assert said_numbers("postcode zeven vier vier twee en verder") == []  # no letters


# -- case numbers and handles -------------------------------------------------------
@pytest.mark.parametrize(
    "text, code",
    [
        ("cliëntnr. WMO-118734.", "WMO-118734"),
        ("respondentnummer DEV-C-014]", "DEV-C-014"),
        ("(leerlingnr. 204117 - verwijderd)", "204117"),
        ("Dossiernr. sociaal team: ST-LOC-2024-0871.", "ST-LOC-2024-0871"),
        ("lidnummer 88213,", "88213"),
        ("Deelnemersnummer: P-0042", "P-0042"),
    ],
)
def test_record_numbers_after_their_label(text: str, code: str) -> None:
    assert [h.text for h in numbers(text) if h.category == "ID"] == [code]


def test_record_number_traps() -> None:
    for trap in (
        "Kenmerk aanvraag: 2021-0345",  # a grant's reference
        "lidnummers worden in 2024 ingevoerd",
        "het leerlingnummer staat in Magister",
        "telefoonnummer volgt",
    ):
        assert [h for h in numbers(trap) if h.category == "ID"] == [], trap


def test_handles_after_a_network_name() -> None:
    text = "Op Facebook ben ik gosia.wisniewska.80. Facebook: gerrit.oosterhof.3; daar."
    assert [h.text for h in numbers(text) if h.category == "URL"] == [
        "gosia.wisniewska.80",
        "gerrit.oosterhof.3",
    ]
    for trap in ("Volg ons op Facebook.", "Facebook: zoek op buurtkamer", "Instagram is leuk"):
        assert [h for h in numbers(trap) if h.category == "URL"] == [], trap


# -- addresses ----------------------------------------------------------------------
def test_streets_with_numbers_in_words() -> None:
    assert [h.text for h in addresses("ja kerkstraat drieëntwintig a eigenlijk", None)] == [
        "kerkstraat drieëntwintig a"
    ]
    assert [h.text for h in addresses("Stationsstraat vijftien b.", None)] == [
        "Stationsstraat vijftien b"
    ]
    for trap in (
        "we waren onderweg een uur",
        "de zijstraat twee keer op en neer",
        "Dorpsstraat een keer per week",
        "over de Hoofdweg drie kilometer",
    ):
        assert addresses(trap, None) == [], trap


def test_houses_described_and_named() -> None:
    found = addresses('volgens de buren "het laatste huis voor de grens" bewoont', None)
    assert [h.text for h in found] == ["het laatste huis voor de grens"]
    # after a street the street is the address, the description stays
    assert addresses("aan de Holterweg, het laatste huis voor de bossen.", None) == []
    named = addresses("woont op Boerderij Het Hoge Erf bij Raalte", None)
    assert [h.text for h in named] == ["Boerderij Het Hoge Erf"]
    said = addresses("Pieter van de boerderij ernaast, De Hoeve heet die, kijkt", None)
    assert [h.text for h in said] == ["De Hoeve"]
    assert addresses("Het project heet Samen Sterk, heet dat.", None) == []


def test_postboxes_stay() -> None:
    text = "Algemeen: Postbus 120, 8100 AC Raalte, telefoon 0572 35 80 00."
    assert _found(text, "ADRES") == [] and _found(text, "POSTCODE") == []
    assert is_postbox(text, Hit(10, 21, "ADRES", "Postbus 120"))
    assert _found("Kerkstraat 3, 8121 AK Olst", "POSTCODE") == ["8121 AK"]


# -- dates of birth -----------------------------------------------------------------
def _births(text: str, year: int = 2024) -> list[str]:
    return [t for *_, kind, t in birth_dates(text, year, DatePolicy()) if kind == "GEBOORTEDATUM"]


def test_birth_dates_in_a_table_column() -> None:
    table = (
        "Leerling | klas | geb.datum | mentor\n\n"
        "Sem Wiggers | 2B | 14-02-2011 | mw. Roos\n"
        "wrapped text of a cell\n"
        "Hanna | 1A | 30.09.2012 | dhr. Bakker\n"
    )
    assert _births(table) == ["14-02-2011", "30.09.2012"]
    other = "Activiteit | datum | plaats\nMarkt | 14-02-2023 | Raalte\n"
    assert _births(other) == []  # a column of event dates stays


def test_birthdays_without_a_year() -> None:
    listing = "## Jarigen\n3 mei – mevrouw A. Haarman-Pots (90), Kanaalweg 7\n"
    assert _births(listing) == ["3 mei"]
    assert _births("Ze is jarig op 3 mei.") == ["3 mei"]
    assert _births("ze wordt op 12 april 90") == ["12 april"]
    for trap in (
        "De markt is op 3 mei om 10 uur.",
        "3 mei – vergadering van het bestuur",
        "Het wordt op 12 april 10 uur.",
        "Het werd op 4 mei 20 jaar geleden herdacht.",
    ):
        assert _births(trap) == [], trap


def test_dates_said_with_ordinals() -> None:
    assert _births("Op de zevende van de vijfde, zesenvijftig.") == [
        "de zevende van de vijfde, zesenvijftig"
    ]
    assert _births("de 3e van de 12e '41") == ["de 3e van de 12e '41"]
    assert _births("de derde van de dertiende, zesenvijftig") == []  # no month 13


def test_years_of_birth_in_dialect_and_after_a_comma() -> None:
    assert _births("Zij kwam uit Coevorden, is van '38, zegt de zoon.") == ["'38"]
    assert _births("Ik bin van '44, dus reken mar uut.") == ["'44"]
    assert _births("Het huis, is van 1938.") == []


def test_historical_event_dates_stay() -> None:
    for event in (
        "de watersnood van 1 februari 1953, hij zat toen in dienst",
        "het Watersnoodmuseum herdenkt de ramp van 1 februari 1953",
        "na de bevrijding op 14 april 1945 kwam hij terug",
    ):
        assert _births(event) == [], event
    assert "1 februari 1953" in _births("Zij is geboren op 1 februari 1953.")


# -- ages ---------------------------------------------------------------------------
def _ages(text: str) -> list[str]:
    return [h.text for h in detect(text, year=2024) if h.category == "LEEFTIJD"]


@pytest.mark.parametrize(
    "text, age",
    [
        ("Gerrit is een vijftiger, wil nog werken.", "vijftiger"),
        ("Tonnie, een kwieke zeventiger uit Heeten, rijdt.", "zeventiger"),
        ("de 94-jarige mevrouw Brinkhuis komt ook.", "94-jarige"),
        ("zijn maatje, de negenentachtigjarige Bertus, woont daar.", "negenentachtigjarige"),
        ("kinderen Filmon (12) en de buren.", "12"),
        ("Tot haar 95e fietste zij naar de soos.", "95e"),
        ("Mijn kamergenote is Agnieszka, zij is jonger, 26.", "26"),
        ("Mijn dochter Lina, negen jaar, heeft veel vriendinnen.", "negen"),
        ("Ik bin achtenzeuventig.", "achtenzeuventig"),
        ("Die is dus eenentachtig nu.", "eenentachtig"),
        ("en mijn man was negentig toen hij overleed", "negentig"),
        ("Ik ben de oudste hier, 89.", "89"),
    ],
)
def test_ages_of_the_new_classes(text: str, age: str) -> None:
    assert age in _ages(text)


def test_ages_restated_and_bare_in_an_introduction() -> None:
    assert _ages("Ik ben begin negentig, 91 om precies te zijn.") == ["negentig", "91"]
    intro = "Herman: Herman Bos, uit Mariënheem, al veertig joar in Luttenberg. Zestig, net."
    assert "Zestig" in _ages(intro)
    asr = "dus dan bent u nu\nvijfentachtig ja ja de tijd vliegt\n"
    assert _ages(asr) == ["vijfentachtig"]


@pytest.mark.parametrize(
    "trap",
    [
        "Er kwamen 84 deelnemers, in 84 procent van de weken.",
        "We komen 2 keer per week samen, van 9.00 tot 12.30 uur.",
        "Buslijn 81 stopt voor de deur; de bus van lijn 73 ook.",
        "Het 25-jarig bestaan en een 10-jarige samenwerking.",
        "Hun 60-jarig huwelijk werd gevierd.",
        "In 2025 bestaat de stichting 39 jaar.",
        "Deelnemers (84) en vrijwilligers (92) kwamen uit Lochem (12).",
        "De tachtigers en de jaren zestig.",
        "Hoeveel mensen kwamen er? Jan zei: Veertig.",
        "Er wonen hier 412 mensen in 160 huizen.",
        "De contributie is 15 euro per jaar.",
    ],
)
def test_numbers_that_are_not_ages(trap: str) -> None:
    assert _ages(trap) == [], trap


def test_event_ages() -> None:
    assert is_event_age("het 25-jarig bestaan", Hit(4, 6, "LEEFTIJD", "25"))
    assert not is_event_age("de 94-jarige mevrouw", Hit(3, 5, "LEEFTIJD", "94"))
    assert [h.text for h in more_ages("Een vrouw van 77.", [])] == ["77"]


@pytest.mark.parametrize(
    "hostile",
    ["", "\x00\x00", "(" * 5000, "nul " * 3000, "de " * 4000 + "van de", "| geb.datum |\n" * 500],
)
def test_hostile_input_is_handled(hostile: str) -> None:
    detect(hostile, year=2024)
    said_numbers(hostile)
    addresses(hostile, None)


def test_farms_after_woont_op_and_lower_case_streets_before_a_postcode() -> None:
    text = "mien broer, die woont allenig op 't Hulsink bij Mander. Wij wonen op 't Harde."
    assert [h.text for h in addresses(text, None)] == ["'t Hulsink"]  # 't Harde: a village
    form = "Mijn man is dement. A. ten Hove, kerkstraat 3 8121 AK Olst, graag bellen"
    assert [h.text for h in addresses(form, None)] == ["kerkstraat 3"]
    assert addresses("De kerkstraat 3 keer op en neer.", None) == []


def test_an_age_opening_a_bracket_after_a_name() -> None:
    text = "Reserve: Lucas Pinas (zestien, maatschappelijke stage), Piet Bos (16 jaar)."
    assert _ages(text) == ["zestien", "16"]
    assert _ages("Reserve: Lucas Pinas (Vechtdal College, stage)") == []


def test_answers_on_the_same_line_after_a_speaker_label() -> None:
    joined = "[SPREKER 1]: dus dan bent u nu [SPREKER 2]: vijfentachtig ja. en mijn man"
    assert _ages(joined) == ["vijfentachtig"]
    asked = "[S1]: hoe oud bent u? [S2]: tachtig. [S1]: hoeveel mensen komen er? [S2]: veertig."
    assert _ages(asked) == ["tachtig"]
    assert _ages("het project is nu [SPREKER 2]: twintig jaar oud") == []


def test_farm_names_with_a_lower_case_head() -> None:
    text = "Bennie Lammers, erve 't Klooster, Zwiep. En de boerderij De Hoeve."
    assert [h.text for h in addresses(text, None)] == ["erve 't Klooster", "De Hoeve"]
    assert addresses("We gaan naar de boerderij in Lemele.", None) == []
    assert addresses("Huize Hof van Twente", None) == []  # a home named after its place


@pytest.mark.parametrize(
    "trap",
    [
        "Uit de monitor bleek dat 52 procent van de 75-plussers zich eenzaam voelt.",
        "Van de 118 deelnemers waren er 84 ouder dan 75 jaar.",
        "De gemiddelde leeftijd was 78 jaar.",
        "huisbezoeken bij inwoners van 75 jaar en ouder",
        "opgericht door boeren uit Herike, en dit jaar dus 26 jaar bestaat.",
    ],
)
def test_ages_of_groups_are_no_ones_age(trap: str) -> None:
    assert _ages(trap) == [], trap


def test_an_amount_after_a_place_is_no_address() -> None:
    text = "subsidie gemeente Hof van Twente 6.500 euro, bijdrage Rabobank 1.200 euro"
    assert _found(text, "ADRES") == []
    assert _found("Zij woont op Kerkstraat 12, 7461 AB Rijssen.", "ADRES") == ["Kerkstraat 12"]


def test_organisations_numbers_stay() -> None:
    assert _found("Stichting Dorpshuis De Welle (KvK 41029384), Twenterand", "ID") == []
    general = "Steunpunt Mantelzorg, telefoon 038 385 0 385 (algemeen nummer), of de website."
    assert _found(general, "TELEFOON") == []
    block = "Contact: Welzijn Lochem, Postbus 50, 7240 AB Lochem, 0573 29 88 00."
    assert _found(block, "TELEFOON") == []
    # a person's number next to it is still replaced, also on the line of a postbox
    person = "Coördinator Ellen, 0572 – 35 81 10. Algemeen: Postbus 120, 0572 35 80 00."
    assert _found(person, "TELEFOON") == ["0572 – 35 81 10"]
    assert _found("Bel mevrouw Smit: 0572 35 80 00 (mobiel).", "TELEFOON") == ["0572 35 80 00"]
    assert _found("Haar klantnummer 41029384 staat erop.", "ID") == ["41029384"]


def test_house_number_additions_are_part_of_the_address() -> None:
    text = "op Dorpsstraat 4 bis, Molenveldweg 12-3, Nieuweweg 7-II en Kerkstraat 12 hs."
    assert _found(text, "ADRES") == [
        "Dorpsstraat 4 bis",
        "Molenveldweg 12-3",
        "Nieuweweg 7-II",
        "Kerkstraat 12 hs",
    ]
    assert _found("De uitslag was 12-3, groep 7-II speelde.", "ADRES") == []


def test_phone_number_broken_after_its_dash() -> None:
    assert [h.text for h in numbers("Bel 0546-\n55 12 87 gerust")] == ["0546-\n55 12 87"]


def test_born_cues_after_the_date_without_the_policy() -> None:
    text = (
        "Op 3 mei 1940, hier in het dorp ter wereld gekomen. Ze zag op 2 juni 1950 het "
        "levenslicht. Op 3 mei 1990 gingen we naar Ede."
    )
    found = [t for *_, t in birth_dates(text, 2024, DatePolicy(min_years=None))]
    assert found == ["3 mei 1940", "2 juni 1950"]


def test_a_contact_persons_number_in_a_postbox_block_is_replaced() -> None:
    text = "Diaconie, t.a.v. H. Bruins, Postbus 117, 7700 AC Dedemsvaart; 0523 – 61 34 09."
    assert _found(text, "TELEFOON") == ["0523 – 61 34 09"]
