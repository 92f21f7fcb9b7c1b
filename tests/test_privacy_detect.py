"""Finding personal data in Dutch text: deduce plus the project's policy and lists."""

from __future__ import annotations

import itertools

import pytest

from sokwal_monitor.privacy import CATEGORIES, Lists, detect
from sokwal_monitor.privacy.detect import DEFAULT_ALLOW, Hit, Policy, deduce_pipeline


@pytest.fixture(scope="session", autouse=True)
def _deduce() -> None:
    """Load deduce once per test process (it takes seconds)."""
    deduce_pipeline()


def _found(
    text: str, lists: Lists | None = None, policy: Policy | None = None, year: int | None = None
) -> list[tuple[str, str]]:
    hits = detect(text, lists, policy=policy, year=year)
    _check(text, hits)
    return [(h.category, h.text) for h in hits]


def _check(text: str, hits: list[Hit]) -> None:
    """Hits index the text, are sorted and do not overlap."""
    for hit in hits:
        assert text[hit.start : hit.end] == hit.text
        assert hit.category in CATEGORIES
        assert hit.end > hit.start
    for before, after in itertools.pairwise(hits):
        assert before.end <= after.start


def _kept(text: str, word: str, lists: Lists | None = None, policy: Policy | None = None) -> bool:
    """True when no hit covers any part of ``word`` in ``text``."""
    start = text.index(word)
    end = start + len(word)
    hits = detect(text, lists, policy=policy)
    return not any(h.start < end and start < h.end for h in hits)


# -- people ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("Gisteren sprak ik mevrouw Jansen over de eetgroep.", "mevrouw", "Jansen"),
        ("Meneer De Vries kwam ook langs met soep.", "Meneer", "De Vries"),
        ("Dhr. Bosch was er die avond niet bij.", "Dhr.", "Bosch"),
        ("Toen kwam buurman Harm Wolters binnen.", "buurman", "Harm Wolters"),
    ],
)
def test_a_title_stays_and_the_name_is_replaced(text: str, title: str, name: str) -> None:
    assert ("PERSOON", name) in _found(text)
    assert _kept(text, title)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Samen met Jan de Vries begonnen we een eetgroep.", "Jan de Vries"),
        ("Anja de Boer: Ik woon hier al veertig jaar.", "Anja de Boer"),
        ("Daarna hielp Gerrit Oldenhof met de koffie.", "Gerrit Oldenhof"),
        ("Ik heb Truus gebeld over de bingo.", "Truus"),
    ],
)
def test_person_names(text: str, name: str) -> None:
    assert ("PERSOON", name) in _found(text)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Dat was Kees Bakker. Kees Bakker deed het.", ["Kees Bakker", "Kees Bakker"]),
        ("Ik ging met Anja. Kees kwam later.", ["Anja", "Kees"]),
        ("Ik sprak Henk Brouwer. Mevr. Jansen kwam ook.", ["Henk Brouwer", "Jansen"]),
        ("Ik sprak H. Brouwer gisteren.", ["H. Brouwer"]),  # an initial is no sentence end
        ("Toen kwam dhr. Bosch binnen.", ["Bosch"]),
    ],
)
def test_names_run_together_across_a_sentence_end_are_split(text: str, names: list[str]) -> None:
    """deduce joins "Anja. Kees" into one name; they are two mentions (and the full
    stop between them stays in the text)."""
    assert [t for c, t in _found(text) if c == "PERSOON"] == names


def test_an_organisation_after_a_name_is_cut_off() -> None:
    text = "Ilse Beltman van Stimuland belde over de subsidie."
    assert _found(text) == [("PERSOON", "Ilse Beltman")]
    assert _kept(text, "Stimuland")


# -- contact data ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "number", ["06-12345678", "06 12345678", "+31 6 1234 5678", "0546-123456", "0031612345678"]
)
def test_phone_numbers(number: str) -> None:
    text = f"U kunt mij bellen op {number}, liefst 's avonds."
    assert _found(text) == [("TELEFOON", number)]


def test_email_address() -> None:
    text = "Mail naar anja.deboer@gmail.com voor het rooster."
    assert _found(text) == [("EMAIL", "anja.deboer@gmail.com")]


def test_street_address_and_postcode() -> None:
    text = "Zij woont aan de Kerkstraat 12, 7461 AB Rijssen."
    found = _found(text)
    assert ("ADRES", "Kerkstraat 12") in found
    assert ("POSTCODE", "7461 AB") in found
    assert _kept(text, "Rijssen")  # a residence: kept, also after a postcode
    assert _kept(text, "Zij woont aan de")
    no_places = Policy(keep_places=False)
    assert ("LOCATIE", "Rijssen") in _found(text, policy=no_places)


def test_a_postcode_is_replaced_even_when_the_place_after_it_is_allowed() -> None:
    """deduce returns "7461 AB Rijssen" as one location; allowing the village (where the
    project runs) must not keep the postcode."""
    text = "Zij woont aan de Kerkstraat 12, 7461 AB Rijssen."
    lists = Lists.of(allow=["Rijssen"])
    found = _found(text, lists)
    assert ("ADRES", "Kerkstraat 12") in found
    assert ("POSTCODE", "7461 AB") in found
    assert _kept(text, "Rijssen", lists)


# -- ages and dates ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Mevrouw Smit, die is 87, komt elke week naar de eetgroep.",
        "Mevrouw Smit, die is 87 jaar, komt elke week naar de eetgroep.",
        "Mevrouw Smit (87) komt elke week naar de eetgroep.",
    ],
)
def test_an_age_tied_to_a_person(text: str) -> None:
    found = _found(text)
    assert ("PERSOON", "Smit") in found
    assert ("LEEFTIJD", "87") in found
    assert _kept(text, "Mevrouw")


@pytest.mark.parametrize(
    "text",
    [
        "Er kwamen 40 mensen op de eerste avond.",
        "Mevrouw Smit is 2 keer geweest.",
        "In 2019 deden 12 vrijwilligers mee.",
    ],
)
def test_other_numbers_are_not_ages(text: str) -> None:
    assert not [c for c, _ in _found(text) if c == "LEEFTIJD"]


def test_a_date_of_birth_is_replaced() -> None:
    text = "Zij is geboren op 12 maart 1936 en woont nog zelfstandig."
    assert _found(text) == [("GEBOORTEDATUM", "12 maart 1936")]


def test_an_ordinary_date_is_kept() -> None:
    for text in [
        "Het project begon in maart 2018 met een eetgroep.",
        "Op 12 maart 2018 hielden we de eerste bijeenkomst.",
    ]:
        assert _found(text) == []


# -- numbers and URLs --------------------------------------------------------------------


def test_bsn() -> None:
    text = "Haar BSN is 123456782, dat stond op het formulier."
    assert _found(text) == [("BSN", "123456782")]


@pytest.mark.parametrize(
    "url",
    [
        "https://www.facebook.com/anja.deboer.5",
        "facebook.com/kees.bakker.71",
        "https://www.buurtkracht.nl/team/anja-de-boer",
    ],
)
def test_a_personal_url_is_replaced(url: str) -> None:
    text = f"Haar pagina is {url} en daar staat alles."
    assert _found(text) == [("URL", url)]


@pytest.mark.parametrize("url", ["www.stimuland.nl", "https://www.stimuland.nl/"])
def test_an_organisation_home_page_is_kept(url: str) -> None:
    text = f"Meer informatie staat op {url} bij de projecten."
    assert _found(text) == []


# -- allow and deny lists ----------------------------------------------------------------


def test_province_and_stimuland_are_kept_by_default() -> None:
    text = "Het project in Overijssel werd gesteund door Stimuland en de provincie Overijssel."
    assert _found(text) == []  # no lists given: the default allow list still holds
    assert _found(text, Lists.of()) == []
    assert {"Overijssel", "Stimuland"} <= set(DEFAULT_ALLOW)


def test_the_allow_list_keeps_a_place() -> None:
    """With places not kept by policy, the allow list still keeps one."""
    text = "Wij werken vooral in Hengelo, maar ook daarbuiten."
    policy = Policy(keep_places=False)
    assert _found(text) == []  # a residence: kept by default
    assert _found(text, policy=policy) == [("LOCATIE", "Hengelo")]
    assert _found(text, Lists.of(allow=["Hengelo"]), policy) == []
    assert _found(text, Lists.of(allow=["  hengelo. "]), policy) == []  # case, punctuation


def test_the_allow_list_keeps_an_organisation() -> None:
    text = "De koffie bij De Brink is goed."  # no head word: only the list can tell
    assert _found(text) == [("PERSOON", "De Brink")]  # deduce takes it for a name
    assert _found(text, Lists.of(allow=["De Brink"])) == []
    # a word that opens an organisation's name ("Kulturhus") keeps it without a list
    assert _found("Elke week komen buren samen in Kulturhus De Brink.") == []


def test_the_allow_list_keeps_a_venue_address() -> None:
    """A project's meeting place is analysis-relevant, a person's address is not."""
    text = "We zitten in Kulturhus De Brink, Brinkstraat 3, Markelo."
    lists = Lists.of(allow=["Kulturhus De Brink", "Brinkstraat 3"])
    assert ("ADRES", "Brinkstraat 3") in _found(text)
    assert _found(text, lists) == []  # Markelo is a village: kept


def test_the_deny_list_replaces_a_name_deduce_misses() -> None:
    text = "Iedereen kent Wuppie hier; wuppie doet de afwas, de Wuppies niet."
    assert _found(text) == []
    found = detect(text, Lists.of(deny=["Wuppie", " "]))
    _check(text, found)
    assert [(h.category, h.start, h.text) for h in found] == [
        ("PERSOON", 14, "Wuppie"),
        ("PERSOON", 27, "wuppie"),  # any case, whole words only
    ]


def test_lists_ignore_blank_entries_and_fold_case() -> None:
    lists = Lists.of(allow=["", "  ", "Kulturhus De Brink"], deny=["", " Wuppie "])
    assert lists.deny == frozenset({"Wuppie"})
    assert lists.allowed("kulturhus de brink")
    assert lists.allowed("Brink")  # the words of an allowed phrase, one by one
    assert lists.allowed("(Overijssel)")
    assert not lists.allowed("Jansen")


def test_every_category_in_one_interview_turn() -> None:
    text = (
        "Anja de Boer: Mevrouw Smit, die is 87, woont op de Kerkstraat 12, 7461 AB. "
        "Zij is geboren op 12 maart 1936. Bel haar op 06-12345678 of mail "
        "smit.jansen@hotmail.com; haar BSN is 123456782 en ze staat op "
        "https://www.facebook.com/smit.jansen. Het project begon in maart 2018 in "
        "Overijssel, met steun van Stimuland (www.stimuland.nl)."
    )
    found = _found(text)
    assert {c for c, _ in found} == {
        "PERSOON", "LEEFTIJD", "ADRES", "POSTCODE", "GEBOORTEDATUM", "TELEFOON", "EMAIL",
        "BSN", "URL",
    }  # fmt: skip
    for kept in ["Mevrouw", "maart 2018", "Overijssel", "Stimuland", "www.stimuland.nl"]:
        assert _kept(text, kept), kept


def test_detect_all_gives_the_same_hits_in_worker_processes() -> None:
    from sokwal_monitor.privacy.detect import detect_all

    texts = [
        "Mevrouw Jansen belde op 06-12345678.",
        "Jan de Vries woont op de Kerkstraat 12, 7461 AB.",
        "Geen persoonsgegevens hier, alleen de gemeente.",
        "Mail naar p.bakker@example.nl of bel +31 6 1234 5678.",
    ] * 2
    serial = list(detect_all(texts, workers=1))
    assert list(detect_all(texts, workers=2)) == serial
    assert [len(hits) for hits in serial[:4]] == [2, 3, 0, 2]
