"""Names in all their forms (issue 14, round 6): after a title, a form of address or a
family title; initials and a surname; greetings and signatures; nicknames; names of
many origins and name shapes of other languages; possessives and surnames with
particles linked; lower-case turns in a capitalised transcript; family words; a role's
apposition; and names that are Dutch words too, linked only where they cannot be the
word. Each family with what it must find and the traps it must leave alone."""

from __future__ import annotations

import pytest

from sokwal_monitor.privacy.detect import detect
from sokwal_monitor.privacy.lists import Hit, Lists
from sokwal_monitor.privacy.name_cues import cued_names
from sokwal_monitor.privacy.name_lists import common_words, world_names
from sokwal_monitor.privacy.name_shapes import world_name_hits
from sokwal_monitor.privacy.name_titles import titled_names
from sokwal_monitor.privacy.names import lower_case_names, same_names
from sokwal_monitor.privacy.people import family_names


def _names(text: str) -> list[str]:
    return [h.text for h in detect(text, year=2024) if h.category == "PERSOON"]


def _replaced(text: str, part: str, nth: int = 0) -> bool:
    """Whether the ``nth`` occurrence of ``part`` lies inside a person's name hit."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    end = start + len(part)
    return any(
        h.start <= start and end <= h.end and h.category == "PERSOON"
        for h in detect(text, year=2024)
    )


# -- after a title, a form of address, a clerical or a family title ------------------------
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Daarna kwam tante Bet, en later dhr. Hoop.", ["Bet", "Hoop"]),
        ("Mevrouw Hoop vraagt hoe ze zich kan aanmelden.", ["Hoop"]),
        ("Huisarts: dokter Veldhuis in Wesepe.", ["Veldhuis"]),
        ("Namens dokter Kleine Schaars stuur ik u dit.", ["Kleine Schaars"]),
        ("Een keer per maand met pater Zbigniew.", ["Zbigniew"]),
        ("Contact: zr. A.M. Zwart en Br. Post.", ["A.M. Zwart", "Post"]),
        ("Bij mij is het Mevrouw Van Dijk, de buurvrouw.", ["Van Dijk"]),
        ("Ik noem haar oma Truus. Of ik ga naar tia Lurdes.", ["Truus", "Lurdes"]),
        ("De weduwe Dekker is 91.", ["Dekker"]),
        # traps: a role, an organisation, a month, a greeting after the title
        ("Meneer Pastoor las voor.", []),
        ("Oma gaat naar de Zonnebloem.", []),
        ("mevrouw Burgemeester opende de dag", []),
        ("Opa Stichting Welzijn Ouderen", []),
        ("De zuster Januari kwam niet.", []),
    ],
)
def test_names_after_a_title(text: str, names: list[str]) -> None:
    assert [h.text for h in titled_names(text)] == names


def test_a_title_name_that_is_a_place_or_an_allowed_phrase() -> None:
    lists = Lists.of(allow=["Meneer Jansen"])  # a user may allow a character's name
    assert [h.text for h in titled_names("We lazen Meneer Jansen voor.", lists)] == []
    assert _replaced("Volgens dokter Markelo gaat het goed.", "Markelo")


# -- initials and a surname ----------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("A.M. Kleine Schaars, J.W. de Boer en S. Ait Taleb, huisartsen", [
            "A.M. Kleine Schaars", "J.W. de Boer", "S. Ait Taleb"]),
        ("Verslag: T. Özdemir (notulen)", ["T. Özdemir"]),
        ("Getekend,\nA. Feenstra", ["A. Feenstra"]),
        # traps: abbreviations and a sentence that ends in a letter
        ("N.B. Dit geldt voor iedereen.", []),
        ("P.S. Ik kom later.", []),
        ("De kinderen van groep A. Daarna gingen we eten.", []),
    ],
)  # fmt: skip
def test_initials_and_a_surname(text: str, names: list[str]) -> None:
    assert [h.text for h in cued_names(text) if "." in h.text] == names


# -- greetings and signatures --------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "name", "found"),
    [
        ("Beste Roos,\n\nDank voor je mail.", "Roos", True),
        ("Hoi Bas!\nTot morgen.", "Bas", True),
        ("Tot zaterdag.\n\nGroet,\nHenk Post\n", "Post", True),
        ("Met vriendelijke groet,\n\nH.J. (Henk) Brouwer\nVrijwilliger", "Brouwer", True),
        # traps: a group, an organisation, a Dutch word in a signature
        ("Beste Bewoners,\n\nHierbij de uitnodiging.", "Bewoners", False),
        ("Groeten,\nHet bestuur", "Het", False),
        ("Met vriendelijke groet,\nGemeente Zwolle", "Zwolle", False),
    ],
)
def test_names_in_greetings_and_signatures(text: str, name: str, found: bool) -> None:
    assert (name in [w for h in cued_names(text) for w in h.text.split()]) is found


# -- nicknames ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Ik ben Djamila, maar iedereen zegt Mila. Ik woon", ["Mila"]),
        ("Maar in de familie ben ik Broer. Jaargang 1936.", ["Broer"]),
        ("jao, ik bin gerrit, mar iedereen zeg gait. boer op", ["gait"]),
        ("Zijn roepnaam Bep kende niemand.", ["Bep"]),
        # traps: a greeting, a Dutch word in lower case, a word after "zeggen ze"
        ("iedereen zegt Hallo als je binnenkomt", []),
        ("ze zeggen dat het goed gaat", []),
        ("iedereen zegt gewoon ja", []),
    ],
)
def test_nicknames(text: str, names: list[str]) -> None:
    found = {h.text for h in cued_names(text)}
    assert found & {"Mila", "Broer", "gait", "Bep", "Hallo", "dat", "ja"} == set(names)


# -- names of many origins and name shapes ------------------------------------------------
def test_world_names_leave_out_dutch_words_and_deduce_names() -> None:
    names = world_names()
    assert {"semhar", "zbigniew", "gosia", "xiaoling", "tigist"} <= names
    assert not {"mei", "bet", "oma", "jan", "lies"} & names  # words, or deduce knows them


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("De oudste, Semhar (14), gaat naar school.", ["Semhar"]),
        ("Het gezin Ghebremariam en Jan Kowalski.", ["Ghebremariam", "Kowalski"]),
        ("Tesfalem tolkt Tigrinya, Oksana Kovalenko Oekraïens.", [
            "Tesfalem", "Oksana", "Kovalenko"]),
        # traps: a month, Dutch words of the same shape, a place, a hyphenated word
        ("In Mei is de markt.", []),
        ("Gebreken aan het huis. Waterski is leuk.", []),
        ("De Ski-club en de ski-les.", []),
        ("We gingen naar Saba.", []),
        ("Een cruise naar Alaska, met mevrouw Kowalska en Anna Nowicka.", ["Kowalska", "Nowicka"]),
    ],
)  # fmt: skip
def test_names_of_many_origins(text: str, names: list[str]) -> None:
    assert [h.text for h in world_name_hits(text)] == names


# -- possessives and surnames with particles -----------------------------------------------
def test_possessives_of_a_found_name_are_linked() -> None:
    text = "Ik ken Daan. Daans moeder heet Iris. Gerrit belde; Gerrits fiets is stuk."
    hits = [Hit(7, 11, "PERSOON", "Daan"), Hit(37, 43, "PERSOON", "Gerrit")]
    found = {h.text for h in same_names(text, hits)}
    assert {"Daans", "Gerrits"} <= found


def test_a_possessive_that_is_a_word_is_not_linked() -> None:
    # "Mar" (a name) + s is "Mars", a Dutch word: not taken for a possessive
    text = "Dat zei Mar. De Mars is een planeet."
    assert "Mars" not in {h.text for h in same_names(text, [Hit(8, 11, "PERSOON", "Mar")])}


def test_a_surname_with_particles_is_linked_alone() -> None:
    text = "ja ik ben gerda van der linde hè en dank u wel mevrouw van der linde ja"
    hits = [Hit(10, 29, "PERSOON", "gerda van der linde")]
    found = [h.text for h in same_names(text, hits)]
    assert found.count("van der linde") == 2


def test_van_dijk_the_name_is_not_van_dijk_the_dike() -> None:
    text = "Mevrouw Van Dijk woont naast ons. De weg van dijk naar dorp is lang."
    assert _replaced(text, "Van Dijk")
    assert not _replaced(text, "van dijk")


# -- lower-case turns in a capitalised transcript ------------------------------------------
def test_names_in_a_lower_case_turn() -> None:
    text = (
        "Lotte: Welkom allemaal. Zeg je naam en hoe lang je in Nederland bent.\n\n"
        "Amina: ik ben amina, ik kom uit Somalië, ik ben hier zeven jaar. ik woon in "
        "Presikhaaf met mijn man abdi en vier kinderen.\n\n"
        "Lotte: Dank je. Wat helpt jullie het meest?\n\n"
        "Amina: de taalcafé. daar is een vrijwilliger, marieke, heel lief. en jeroen ook.\n"
    )
    found = {h.text for h in lower_case_names(text)}
    assert {"amina", "abdi", "marieke", "jeroen"} <= found


def test_a_report_line_with_a_heading_is_no_turn() -> None:
    text = (
        "Resultaten van het project in Zwolle en Kampen, met Welzijn Ouderen.\n\n"
        "Verloop van vrijwilligers: vier van de negen buddy's en anouk zijn studenten die na hun "
        "stage vertrekken.\n"
    )
    assert lower_case_names(text) == []


# -- family words --------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Het gezin Ghebremariam in Weerselo.", ["Ghebremariam"]),
        ("Echtpaar Nijkamp, hij 86, zij 83.", ["Nijkamp"]),
        ("Het gezin Van der Berg. Het gezin was groot.", ["Van der Berg"]),
        ("ja dat is bij de boerderij van familie brink dat is heel fijn voor hem met de koeien",
         ["brink"]),
        # traps: a common word in lower case, a file name, an organisation
        ("ja de familie thuis is fijn en zo ja dat is zo want ik weet het niet meer", []),
        ("e76 2024 interview syrisch gezin srt", []),
        ("Familie Gemeente Zwolle", []),
    ],
)  # fmt: skip
def test_family_names(text: str, names: list[str]) -> None:
    assert [h.text for h in family_names(text, Lists.of())] == names


# -- relatives and roles --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("ja en mijn dochter marieke woont in dronten en mijn zoon bas eh die zit in "
         "australie dus die belt alleen", ["marieke", "bas"]),
        ("Naast mij zit de tolk, Mehari. Wilt u beginnen?", ["Mehari"]),
        # traps: a common word after a relative, a language or a place after a role
        ("ja en mijn man kan niet meer lopen en mijn vrouw ook niet want die is ziek", []),
        ("Naast mij zit de tolk, Arabisch is haar taal.", []),
        ("De huisarts, Wesepe is ver weg.", []),
    ],
)  # fmt: skip
def test_relatives_and_roles(text: str, names: list[str]) -> None:
    assert [h.text for h in cued_names(text)] == names


def test_common_words_are_no_names_after_a_cue() -> None:
    assert {"thuis", "wil", "ben", "kan"} <= common_words()
    assert "bas" not in common_words()


# -- names that are Dutch words too --------------------------------------------------------
def test_a_name_that_is_a_word_is_linked_inside_a_sentence_only() -> None:
    text = "De tolk, Mehari. Hoop doet leven. Kan ze Mehari bellen? Mehari zei ja."
    found = [(h.text, h.start) for h in same_names(text, [Hit(9, 15, "PERSOON", "Mehari")])]
    assert ("Mehari", text.index("Mehari bellen")) in found
    assert ("Mehari", text.index("Mehari zei")) not in found  # opens a sentence


@pytest.mark.parametrize(
    ("text", "word"),
    [
        ("Hoop doet leven, zeggen ze.", "Hoop"),
        ("Mark je even in de agenda dat we op 14 maart beginnen?", "Mark"),
        ("In januari begint de cursus.", "januari"),
        ("Ze kreeg een roos van de buurvrouw.", "roos"),
        ("# Zorg en welzijn\n\nHet project loopt.", "Zorg"),
        ("Hij speelt bas in het harmonieorkest.", "bas"),
        ("De Jong Gierveld-schaal is afgenomen bij 40 mensen.", "De Jong"),
    ],
)
def test_words_that_are_names_elsewhere_stay(text: str, word: str) -> None:
    assert not _replaced(text, word)


# -- hostile input: offsets stay true ------------------------------------------------------
@pytest.mark.parametrize(
    "text",
    [
        "Ik zegt Ghebremariam \n Kowalski mevrouw : \t Mehari",  # a name over a line break
        "zei Tesfay\nGebremedhin dat het goed ging.",
        "tante",  # a title at the end
        "Beste",
        "Groet,\n",
        "A.",
        "ﬁ amina A.M. Mehari ﬁ [01-02-2024 10:00] ik Wit",  # a ligature, a time stamp
        "Mevrouw İstanbul en dhr. Ǆokić\u200b kwamen.",
        "",
    ],
)
def test_hits_are_the_text_they_cover(text: str) -> None:
    for hit in detect(text, year=2024):
        assert text[hit.start : hit.end] == hit.text
