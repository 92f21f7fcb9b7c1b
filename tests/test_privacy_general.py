"""General detection rules of issue 14's third round (names.py, numbers.py, numwords.py
and the new rules in people.py, dates.py and detect.py): each family with the cases it
must find and the traps it must leave alone (sentence-initial capitals, names that are
words, places that are surnames)."""

from __future__ import annotations

import pytest

from sokwal_monitor.privacy.detect import detect
from sokwal_monitor.privacy.lists import Hit, Lists
from sokwal_monitor.privacy.names import (
    cued_names,
    in_lower_case,
    is_name_word,
    listed_names,
    same_names,
    trim_words,
)
from sokwal_monitor.privacy.numbers import numbers
from sokwal_monitor.privacy.numwords import word_number
from sokwal_monitor.privacy.people import labelled_ages, word_ages


def _found(text: str, category: str | None = None) -> list[str]:
    return [h.text for h in detect(text, year=2024) if category in (None, h.category)]


# -- names: word lists ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("word", "lower_ok", "expected"),
    [
        ("Noor", False, True),  # a first name
        ("Tesfamariam", False, True),  # no Dutch word: a name
        ("Gast", False, False),  # a Dutch word and no first name
        ("GGD", False, False),  # an acronym
        ("johan", True, True),  # lower case: a first name that is no word
        ("bas", True, False),  # the instrument, not Bas
        ("johan", False, False),  # lower case only when the text has no capitals
        ("Kemna-Olthof", False, True),
    ],
)
def test_a_name_word(word: str, lower_ok: bool, expected: bool) -> None:
    assert is_name_word(word, lower_ok=lower_ok) is expected


def test_lower_case_text_is_recognised() -> None:
    assert in_lower_case("ja ik ben gerda en ik zorg voor mijn man johan sinds jaren")
    assert not in_lower_case("Ik ben Gerda. Ik zorg voor mijn man Johan, al jaren.")
    assert not in_lower_case("")


# -- names: context cues ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Mijn dochter Noor komt elke week.", ["Noor"]),
        ("Zoon Kuba (9) zit op de basisschool.", ["Kuba"]),
        ("Mijn broer Wim Haverkamp belt vaak.", ["Wim Haverkamp"]),
        ("Mijn kleindochter Roos komt op woensdag.", ["Roos"]),
        ("Zei Kees na afloop: het was mooi.", ["Kees"]),
        ("Volgens Tesfay kan dat niet.", ["Tesfay"]),
        ("Met Fatima praatte ik over de taalcafés.", ["Fatima"]),
    ],
)
def test_names_after_a_cue(text: str, names: list[str]) -> None:
    assert [h.text for h in cued_names(text)] == names


@pytest.mark.parametrize(
    "text",
    [
        "Hij speelt met de bas in een band.",  # "bas" the instrument
        "Ze kocht een roos voor haar moeder.",  # "roos" the flower
        "Ik zorg voor mijn moeder in Groenlo.",  # a place after the relative
        "Mijn man is ziek en mijn vrouw werkt.",
        "Ik ben buddy van twee meiden.",  # lower case in a text with capitals
        "Met Kerst gaan we naar Deventer.",  # not a first name
        "Mijn moeder. Toen kwam de dokter.",  # a sentence end between
    ],
)
def test_no_name_after_a_cue(text: str) -> None:
    assert cued_names(text) == []


def test_lower_case_names_in_a_transcript_without_capitals() -> None:
    text = (
        "ja ik ben gerda hulsbeek en ik zorg al jaren voor mijn man johan. "
        "met ans van de thuiszorg kan ik alles bespreken. dank u wel mevrouw ten have. "
        "hij speelt met de bas in een bandje"
    )
    assert [h.text for h in cued_names(text)] == ["johan", "gerda hulsbeek", "ans", "ten have"]


# -- names: lists of people -------------------------------------------------------------
def test_an_attendee_list() -> None:
    text = (
        "Aanwezig: G.J. ter Haar (voorzitter), Tesfay Gebremedhin, Ria in 't Groen (notulen)\n"
        "Gast: Samira Bouzid, Avedan\n"
        "Namens de gemeente: dhr. R. Boerrigter (Dinkelland)\n"
    )
    found = [h.text for h in listed_names(text)]
    assert found == [
        "G.J. ter Haar",
        "Tesfay Gebremedhin",
        "Ria in 't Groen",
        "Samira Bouzid",
        "R. Boerrigter",
    ]  # a lone unknown word ("Avedan") and a place in brackets are no names


def test_e_mail_headers_and_speaker_labels() -> None:
    text = "Van: Jan-Pieter de Vries <jp@x.nl>\nCC: mw. Jansen-Bos; Gerrit-Jan Nijhuis\n"
    assert [h.text for h in listed_names(text)] == [
        "Jan-Pieter de Vries",
        "Jansen-Bos",
        "Gerrit-Jan Nijhuis",
    ]
    # a speaker's turn is no list of people: "Interviewer: Goed, hij loopt."
    assert listed_names("Interviewer: Goed, hij loopt.\nR: Mooi, Jan.") == []


def test_a_name_found_once_is_replaced_everywhere_in_the_document() -> None:
    text = "Aanwezig: Tesfay Gebremedhin. Later zei Tesfay dat Gebremedhin gelijk had."
    hit = Hit(10, 28, "PERSOON", "Tesfay Gebremedhin")
    assert [h.text for h in same_names(text, [hit])] == [
        "Tesfay",
        "Gebremedhin",
        "Tesfay",
        "Gebremedhin",
    ]


def test_same_names_leave_places_and_allowed_words() -> None:
    text = "Gait Holten woont in Holten. Gait Holten en Gait."
    found = same_names(text, [Hit(0, 11, "PERSOON", "Gait Holten")], Lists.of())
    assert "Holten" not in [text[h.start : h.end] for h in found if h.start == 21]
    assert [h.text for h in found].count("Gait") == 3


def test_lower_case_forms_only_of_names_used_mid_sentence() -> None:
    text = "Bij Truus thuis. Met Truus gezellig. truus zei dat het goed ging."
    found = same_names(text, [Hit(4, 9, "PERSOON", "Truus")])
    assert "truus" in [h.text for h in found]
    text = "Buddy's (vrijwilligers)\nEen buddy is geen hulpverlener."
    assert "buddy" not in [h.text for h in same_names(text, [Hit(0, 5, "PERSOON", "Buddy")])]


# -- names: what is no person -----------------------------------------------------------
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Secretaris Dorpsraad Vasse", ""),  # a role and an organisation
        ("Etty Hillesum Lyceum", ""),  # an institution named after a person
        ("H. Brouwer", "H. Brouwer"),  # initials stay
        ("Bakker", "Bakker"),  # a surname that is also a word
        ("Jan Veldhuis", "Jan Veldhuis"),  # "huis" inside a surname is no institution
    ],
)
def test_trim_words(name: str, expected: str) -> None:
    assert trim_words(0, name)[1] == expected


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Ze woont nu zes jaar in Dinkelland.", "Dinkelland"),
        ("Het valt onder Dinkelland. Dat weet iedereen.", "Dinkelland"),
        ("Wil graag mee naar de Dorpskerk Holten op zondag.", "Holten"),
        ("Interviewer: Goed, de opname loopt.", "Goed"),
        ("Gast: Samira Bouzid, projectleider.", "Gast"),
        ("Noaberschap Reutum-Weerselo komt bijeen.", "Reutum-Weerselo"),
        ("In januari kwam hij langs.", "januari"),  # "Jan" in "januari"
        ("Ik markeer het op de kalender.", "markeer"),  # "Mark" in "markeren"
        ("Het water stond tot aan de dijk.", "dijk"),  # "van dijk" is no name
    ],
)
def test_what_is_no_person_stays(text: str, kept: str) -> None:
    assert not any(kept in h.text for h in detect(text, year=2024))


def test_van_dijk_after_a_title_is_a_person() -> None:
    assert "Van Dijk" in _found("De heer Van Dijk kwam gisteren langs.", "PERSOON")


# -- numbers: phones, plates, handles -------------------------------------------------
@pytest.mark.parametrize(
    "phone",
    [
        "085 - 273 41 00",
        "(0541) 35 16 90",
        "0546 55 12 87",
        "0541-681234",
        "06 - 41 28 73 90",
        "0612345678",
        "+48 601 234 567",
        "0049 30 1234567",
    ],
)
def test_phone_numbers_in_every_notation(phone: str) -> None:
    assert [h.text for h in numbers(f"Bel {phone} als er iets is.")] == [phone]


@pytest.mark.parametrize(
    "text",
    [
        "Op 12-03-2024 21:14 schreef hij.",
        "00:00:24,400 --> 00:00:29,100",
        "In 2023 zijn 212 huisbezoeken afgelegd, 0 klachten.",
        "Postcode 7451 BD Holten.",
        "Score 2-1-0 bij de wedstrijd.",
        "Mail jan@example.nl voor meer.",
    ],
)
def test_no_phone_plate_or_handle(text: str) -> None:
    assert numbers(text) == []


@pytest.mark.parametrize("plate", ["GZ-841-K", "34-KLP-6", "XX-99-99", "99-XX-99", "1-ABC-23"])
def test_licence_plates(plate: str) -> None:
    assert [(h.category, h.text) for h in numbers(f"De auto ({plate}) stond er.")] == [
        ("ID", plate)
    ]


def test_a_handle_not_an_e_mail_address() -> None:
    found = numbers("Zijn Instagram (@keesfietst) en mail kees@fiets.nl.")
    assert [(h.category, h.text) for h in found] == [("URL", "@keesfietst")]


# -- ages and dates in words ------------------------------------------------------------
@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("dertien", 13),
        ("tweeëntachtig", 82),
        ("eenenveertig", 41),
        ("negentienveertig", 1940),
        ("negentien eenenveertig", 1941),
        ("negentienhonderdzesenveertig", 1946),
        ("vierde", 4),
        ("eenentwintigste", 21),
        ("honderdtwee", 102),
        ("fiets", None),
    ],
)
def test_number_words(words: str, value: int | None) -> None:
    assert word_number(words) == value


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Ik ben zevenentachtig en nog nooit zo eenzaam geweest.", ["zevenentachtig"]),
        ("Kees is tachtig en weduwnaar.", ["tachtig"]),
        ("Nu is Gait zesentachtig en zijn de kinderen weg.", ["zesentachtig"]),
        ("johan is tweeëntachtig en ik ben achtenzeventig [SPREKER 2]", None),
        ("Maar ik ben ook gewoon zeventien.", ["zeventien"]),
        ("Het is twintig minuten lopen.", []),
        ("We waren met twintig mensen.", []),
        ("Ik ben een vrijwilliger van het eerste uur.", []),
        ("Dat is vijftig euro.", []),
    ],
)
def test_ages_in_words(text: str, ages: list[str] | None) -> None:
    found = [h.text for h in word_ages(text)]
    assert found == (ages if ages is not None else ["tweeëntachtig", "achtenzeventig"])


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("Ik ben geboren op dertien mei negentienveertig.", "dertien mei negentienveertig"),
        ("op [SPREKER 2]: op vier juni negentien eenenveertig", "vier juni negentien eenenveertig"),
        ("Hij is op 4 juni negentien eenenveertig geboren.", "4 juni negentien eenenveertig"),
    ],
)
def test_dates_of_birth_in_words(text: str, date: str) -> None:
    assert _found(text, "GEBOORTEDATUM") == [date]


def test_an_event_in_words_stays() -> None:
    assert _found("Sinds een mei negentien achtennegentig bestaat de club.", "GEBOORTEDATUM") == []


@pytest.mark.parametrize(
    ("text", "ages"),
    [
        ("Leeftijd: 63\nAdres: onbekend", ["63"]),
        ("Deelnemers: R1 (Sem, 16), R2 (Aya, 17)", ["16", "17"]),
        ("Geboortedatum: 11-09-1950 (dus 73)", ["73"]),
        ("De kinderen van groep (8) en pagina (12).", []),
        ("Leeftijd: 63,5 gemiddeld", []),
    ],
)
def test_ages_in_forms_and_lists(text: str, ages: list[str]) -> None:
    assert [h.text for h in labelled_ages(text)] == ages


# -- addresses: houses, farms, lower-case streets -------------------------------------
@pytest.mark.parametrize(
    ("text", "address"),
    [
        ("Hij woont op de boerderij 't Lentfert, al zijn hele leven.", "'t Lentfert"),
        ("Ze woont op Erve Brinkman, aan de rand van het dorp.", "Erve Brinkman"),
        ("we wonen op de kerkstraat 14 vlak bij de kerk", "kerkstraat 14"),
    ],
)
def test_house_and_farm_names_and_lower_case_streets(text: str, address: str) -> None:
    assert address in _found(text)  # deduce may call "Erve Brinkman" a person


@pytest.mark.parametrize(
    "text",
    [
        "De boerderij in Markelo is verkocht.",
        "Een boerderij bij Aalsum, daar kwam ze vandaan.",
        "De weg 12 kilometer verderop is afgesloten.",
    ],
)
def test_no_house_name(text: str) -> None:
    assert _found(text, "ADRES") == []


# -- found in a probe after the dev documents: bank accounts, prepositions, years ------
@pytest.mark.parametrize("iban", ["NL91 ABNA 0417 1643 00", "NL02RABO0123456789"])
def test_a_bank_account_whole(iban: str) -> None:
    assert iban in _found(f"Mijn gift mag naar {iban} t.n.v. H. Lubbers.", "ID")


def test_no_name_goes_on_after_a_preposition() -> None:
    assert _found("Ik zag Joost en Anneke bij de Jumbo in Nijverdal.", "PERSOON") == [
        "Joost",
        "Anneke",
    ]
    assert "Sandra van Wijngaarden" in _found("Sandra van Wijngaarden vertelt het.", "PERSOON")


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("Zij is in negentienzevenenveertig geboren, in Goor.", "negentienzevenenveertig"),
        ("Mijn vrouw Jannie en ik zijn allebei van 1948.", "1948"),
    ],
)
def test_years_of_birth_in_words_and_for_two(text: str, year: str) -> None:
    assert _found(text, "GEBOORTEDATUM") == [year]


def test_an_age_after_an_initial() -> None:
    assert _found("Mevrouw K. (84) wil anoniem blijven.", "LEEFTIJD") == ["84"]
