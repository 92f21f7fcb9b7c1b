"""Issue 14, round 9: a systematic probe of dates of birth and ages by the grammar of the
class, not by examples of an evaluation set.

The dimensions along which people say a date of birth are crossed in the test: the
date's form (digits with "-", "/", "." or spaces, two- or four-digit year, a month in
words or abbreviated, a weekday, an ordinal, all in words; partial dates: day and month,
month and year, a year alone, a season or feast day with a year), a recent and an old
year (an old full date is caught by the policy, a recent one only by its cue), the cue
(born, birthday, "geboortedatum" and its abbreviations, "van" + year, "jaargang",
"lichting", a name with brackets or an apposition, a form field or a table column, a
question in the turn before, also across a line break and in subtitles), the position
(before or after the cue, a subordinate clause, sentence-final) and the person (I,
he/she, a relative, a named person, a plural). For ages: the number's form (digits,
words, with hyphens, dialect, with a diaeresis, a round decade, a child's small number)
crossed with how the age is said (a copula with or without "jaar (oud/jong)", brackets,
apposition, "-jarige", verbs of becoming and counting, an ordinal, a hedge, a comparison
with another person, a correction, a form field, the answer to "hoe oud").

Each cell is a sentence and the string that must be replaced; the traps are sentences of
the same shapes whose string must stay (event dates, years of founding, times, amounts,
counts, lengths of time, ranges, age groups, school groups, jubilees). The cells that
round 8's rules missed are listed, per dimension, in ``docs/privacy.md`` (round 9);
those still missed after round 9 are marked ``xfail(strict=True)`` below, so that a
rule that starts finding one fails the test until the list is brought up to date.
"""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest
from fixtures.hits import covered, touched


def _covered(text: str, target: str) -> bool:
    return covered(text, target)


def _touched(text: str, target: str) -> bool:
    return touched(text, target)


# -- dates of birth: full dates -----------------------------------------------------------
#: A full date's forms, "{d}" the day, "{m}" the month, "{y}" the year (or two digits).
FULL_FORMS: dict[str, str] = {
    "dash": "{d}-03-{Y}",
    "slash": "{d}/03/{Y}",
    "dot": "{d}.03.{Y}",
    "spaced_dash": "{d} - 03 - {Y}",
    "spaced_slash": "{d} / 3 / {Y}",
    "short_slash": "{d}/3/{y}",
    "short_dash_apostrophe": "{d}-3-'{y}",
    "iso": "{Y}-03-{d}",
    "month_word": "{d} maart {Y}",
    "month_capital": "{d} Maart {Y}",
    "month_abbr_dot": "{d} mrt. {Y}",
    "month_abbr": "{d} mrt {Y}",
    "month_dashes": "{d}-mrt-{Y}",
    "month_comma": "{d} maart, {Y}",
    "ordinal": "{d}e maart {Y}",
    "month_apostrophe": "{d} maart '{y}",
    "words": "zeventien maart {W}",
    "words_split": "zeventien maart negentien {w}",
    "words_short_year": "zeventien maart {w}",
    "ordinal_words": "zeventiende maart {Y}",
}
#: An old and a recent year: (four digits, two digits, the year in one word, the two
#: digits in a word).
YEARS = {
    "old": ("1944", "44", "negentienvierenveertig", "vierenveertig"),
    "recent": ("2015", "15", "tweeduizendvijftien", "vijftien"),
}
#: Cues around a full date ``{D}``: (text, position/kind).
FULL_CUES: dict[str, str] = {
    "born_on_before": "Ik ben geboren op {D} in Raalte.",
    "born_after": "Hij is op {D} geboren.",
    "born_final": "Mijn kleinzoon is {D} geboren.",
    "born_subclause": "Ze vertelde dat haar dochter op {D} geboren is, in Deventer.",
    "formal_born": "Anna Jansen, geboren {D} te Deventer, woont in Raalte.",
    "is_van": "Mijn moeder is van {D}.",
    "field_geboortedatum": "Naam: A. Jansen\nGeboortedatum: {D}\nWoonplaats: Raalte",
    "field_gebdatum": "Naam: A. Jansen\nGeb.datum: {D}\nWoonplaats: Raalte",
    "field_geb": "Naam: A. Jansen\nGeb.: {D}\nWoonplaats: Raalte",
    "field_line_break": "Geboortedatum:\n{D}\nWoonplaats: Raalte",
    "field_datum_van_geboorte": "Datum van geboorte: {D}",
    "brackets_geb": "Anna Jansen (geb. {D}) woont in Raalte.",
    "brackets": "Anna Jansen ({D}) woont in Raalte.",
    "apposition": "Anna Jansen, {D}, woont in Raalte.",
    "question_turn": "Interviewer: Wat is uw geboortedatum?\nRespondent: {D}.",
    "question_op": "I: Wanneer is uw kleinzoon geboren?\nR: Op {D}.",
    "question_srt": (
        "1\n00:00:01,000 --> 00:00:03,000\nWanneer bent u geboren?\n\n"
        "2\n00:00:03,500 --> 00:00:05,000\n{D}.\n"
    ),
    "table": "Naam | Geboortedatum | Woonplaats\nA. Jansen | {D} | Raalte",
    "levenslicht": "Onze kleinzoon zag op {D} het levenslicht.",
    "ter_wereld": "Onze kleindochter kwam op {D} ter wereld.",
    "age_after": "{D}, dus nu {age}.",
    "birthday_of": "De verjaardag van mijn zoon, {D}, vieren we thuis.",
}
_AGE_NOW = {"old": "tachtig", "recent": "negen"}


def _full_cells() -> list[tuple[str, str, str]]:
    cells = []
    for (form, pattern), (cue, template), (era, (y4, y2, yw, y2w)) in itertools.product(
        FULL_FORMS.items(), FULL_CUES.items(), YEARS.items()
    ):
        date = pattern.format(d="17", Y=y4, y=y2, W=yw, w=y2w)
        text = template.replace("{D}", date).replace("{age}", _AGE_NOW[era])
        cells.append((f"full-{form}-{cue}-{era}", text, date))
    return cells


# -- dates of birth: persons -------------------------------------------------------------
PERSONS: dict[str, tuple[str, str]] = {
    "i": ("Ik", "ben"),
    "he": ("Hij", "is"),
    "she": ("Ze", "is"),
    "relative": ("Mijn schoonmoeder", "is"),
    "named": ("Gerrit", "is"),
    "plural": ("Mijn ouders", "zijn allebei"),
    "you": ("U", "bent"),
}
PERSON_CUES: dict[str, str] = {
    "born_on": "{S} {V} geboren op {D}.",
    "on_born": "{S} {V} op {D} geboren.",
    "van": "{S} {V} van {D}.",
    "van_year": "{S} {V} van {Y}.",
    "born_in_year": "{S} {V} in {Y} geboren.",
    "born_in_year_before": "{S} {V} geboren in {Y}.",
    "birthday": "{S} {V} jarig op {DM}.",
}


def _person_cells() -> list[tuple[str, str, str]]:
    cells = []
    for (who, (subject, verb)), (cue, template) in itertools.product(
        PERSONS.items(), PERSON_CUES.items()
    ):
        for date, year, day_month, era in (
            ("17 maart 2015", "2015", "17 maart", "recent"),
            ("17-03-1944", "'44", "zeventien maart", "old"),
        ):
            text = template.format(S=subject, V=verb, D=date, Y=year, DM=day_month)
            target = date if "{D}" in template else year if "{Y}" in template else day_month
            cells.append((f"person-{who}-{cue}-{era}", text, target))
    return cells


# -- dates of birth: partial dates ---------------------------------------------------------
DAY_MONTH_FORMS = {
    "digits": "17 maart",
    "words": "zeventien maart",
    "ordinal": "17e maart",
    "ordinal_words": "de zeventiende maart",
    "abbr": "17 mrt.",
    "numeric": "17-03",
}
DAY_MONTH_CUES = {
    "jarig_op": "Ik ben jarig op {D}.",
    "verjaardag_is": "Mijn verjaardag is {D}.",
    "is_jarig": "Mijn vrouw is {D} jarig.",
    "verjaart": "Mijn moeder verjaart op {D}.",
    "viert": "Hij viert zijn verjaardag op {D}.",
    "born_on": "Ze is op {D} geboren, in de oorlog.",
    "is_van": "Ik ben van {D}.",
    "question": "I: Wanneer bent u jarig?\nR: {D}.",
    "question_born": "I: Wanneer is uw dochter geboren?\nR: Op {D}.",
    "becomes_age": "Op {D} wordt ze negentig.",
    "field": "Verjaardag: {D}\nTelefoon: onbekend",
}
MONTH_YEAR_FORMS = {
    "word_4": "maart 1944",
    "word_2": "maart '44",
    "abbr": "mrt. 1944",
    "numeric": "03-1944",
    "words": "maart vierenveertig",
}
MONTH_YEAR_CUES = {
    "born_in": "Ik ben geboren in {D}.",
    "in_born": "Hij is in {D} geboren.",
    "is_van": "Mijn zus is van {D}.",
    "field": "Geboren: {D}\nWoonplaats: Raalte",
    "field_gebdatum": "Geb.datum: {D}",
    "question": "I: Wanneer bent u geboren?\nR: In {D}.",
}
YEAR_FORMS = {
    "four": "1944",
    "apostrophe": "'44",
    "one_word": "negentienvierenveertig",
    "two_words": "negentien vierenveertig",
    "short_word": "vierenveertig",
}
YEAR_CUES = {
    "born_in": "Ik ben geboren in {Y}.",
    "in_born": "Mijn broer is in {Y} geboren.",
    "is_van": "Ik ben van {Y}.",
    "named_is_van": "Gerda is van {Y}, ik ben jonger.",
    "field_geboortejaar": "Geboortejaar: {Y}\nWoonplaats: Raalte",
    "field_geb": "Geb.: {Y}",
    "jaargang": "Ik ben jaargang {Y}.",
    "lichting": "Hij is van de lichting {Y}.",
    "bouwjaar": "Mijn bouwjaar is {Y}, zeg ik altijd.",
    "brackets": "Mevrouw Jansen ({Y}) woont in Raalte.",
    "brackets_geb": "Mevrouw Jansen (geb. {Y}) woont in Raalte.",
    "question": "I: Welk jaar bent u geboren?\nR: {Y}.",
    "question_in": "I: Wanneer bent u geboren?\nR: In {Y}.",
    "kind_van": "Ik ben een kind van {Y}, de oorlog.",
    "geboren_anno": "Geboren anno {Y}, nog in het oude ziekenhuis.",
    "zag_levenslicht": "Hij zag in {Y} het levenslicht.",
    "ter_wereld": "Zij kwam in {Y} ter wereld.",
    "jarig_year": "Mijn vader, geboren {Y}, woont bij ons.",
}
SEASON_FORMS = {
    "spring": ("in het voorjaar van 1944", "1944"),
    "summer": ("in de zomer van '44", "'44"),
    "christmas": ("met kerst 1944", "1944"),
    "feast_day": ("op tweede kerstdag 1944", "tweede kerstdag 1944"),
    "begin": ("begin 1944", "1944"),
    "easter": ("met Pasen '44", "'44"),
}
SEASON_CUES = {
    "born_before": "Ik ben geboren {S}.",
    "born_after": "Mijn moeder is {S} geboren.",
}


def _partial_cells() -> list[tuple[str, str, str]]:
    cells = []
    for (form, date), (cue, template) in itertools.product(
        DAY_MONTH_FORMS.items(), DAY_MONTH_CUES.items()
    ):
        cells.append((f"daymonth-{form}-{cue}", template.format(D=date), date.removeprefix("de ")))
    for (form, date), (cue, template) in itertools.product(
        MONTH_YEAR_FORMS.items(), MONTH_YEAR_CUES.items()
    ):
        cells.append((f"monthyear-{form}-{cue}", template.format(D=date), date))
    for (form, year), (cue, template) in itertools.product(YEAR_FORMS.items(), YEAR_CUES.items()):
        cells.append((f"year-{form}-{cue}", template.format(Y=year), year))
    for (form, (said, target)), (cue, template) in itertools.product(
        SEASON_FORMS.items(), SEASON_CUES.items()
    ):
        cells.append((f"season-{form}-{cue}", template.format(S=said), target))
    return cells


# -- ages ----------------------------------------------------------------------------------
AGE_FORMS = {
    "digits": ("84", "86"),
    "words": ("vierentachtig", "zesentachtig"),
    "hyphens": ("vier-en-tachtig", "zes-en-tachtig"),
    "dialect": ("veerentachtig", "zesentachtig"),
    "diaeresis": ("drieëntachtig", "zesentachtig"),
    "decade": ("tachtig", "negentig"),
}
AGE_CUES = {
    "copula": "Mijn moeder is {A}.",
    "i_am": "Ik ben {A}.",
    "jaar": "Ik ben {A} jaar.",
    "jaar_oud": "Hij is {A} jaar oud.",
    "jaar_jong": "Ze is {A} jaar jong, zegt ze zelf.",
    "named_copula": "Gerrit is {A}, en nog kwiek.",
    "brackets": "Mevrouw Jansen ({A}) woont alleen.",
    "apposition": "Anna Jansen, {A}, woont alleen.",
    "apposition_jaar": "Anna Jansen, {A} jaar, woont alleen.",
    "jarige": "De {A}-jarige Anna woont alleen.",
    "person_van": "Een buurman van {A} helpt mee.",
    "wordt": "Hij wordt volgende maand {A}.",
    "werd": "Ze werd vorig jaar {A}.",
    "geworden": "Ik ben net {A} geworden.",
    "wordt_final": "Ze vertelde dat ze in mei {A} wordt.",
    "gehaald": "Hij heeft de {A} gehaald.",
    "telt": "Ze telt {A} lentes.",
    "ordinal": "Op z'n {A}ste fietst hij nog elke dag.",
    "ordinal_e": "Op haar {A}e is ze nog verhuisd.",
    "hedge_ongeveer": "Hij is ongeveer {A}.",
    "hedge_rond": "Ze is rond de {A}.",
    "hedge_bijna": "Mijn man is bijna {A}.",
    "hedge_ruim": "De buurvrouw is ruim {A}.",
    "tegen": "Ik loop tegen de {A}.",
    "over": "Ik ben de {A} al gepasseerd.",
    "met_mijn": "Met mijn {A} jaar ben ik de oudste.",
    "comparison": "Hij is twee jaar ouder dan ik, ik ben {A}.",
    "correction": "Ik ben {A}, nee {B}, ik vergeet het steeds.",
    "field": "Naam: A. Jansen\nLeeftijd: {A}\nWoonplaats: Raalte",
    "field_lft": "Lft.: {A}",
    "question": "I: Hoe oud bent u?\nR: {A}.",
    "question_jaar": "I: En hoe oud is uw man?\nR: Die is {A}.",
    "both": "Hij is {A} en zij is {B}.",
    "leeftijd_van": "Ze heeft de leeftijd van {A} jaar bereikt.",
    "toen_werd": "Toen ik {A} werd, ben ik gestopt met autorijden.",
    "bent_u": "U bent {A}, toch?",
}
CHILD_AGES = {"digits": "7", "words": "zeven"}
CHILD_CUES = {
    "copula": "Mijn kleinzoon is {A}.",
    "jaar": "Onze jongste is {A} jaar.",
    "brackets": "Daan ({A}) zit op voetbal.",
    "apposition": "Daan, {A}, zit op voetbal.",
    "person_van": "Een jongen van {A} jaar speelt buiten.",
    "wordt": "Hij wordt in juni {A}.",
    "both": "De kinderen zijn {A} en {B}.",
}


def _age_cells() -> list[tuple[str, str, str]]:
    cells = []
    for (form, (age, other)), (cue, template) in itertools.product(
        AGE_FORMS.items(), AGE_CUES.items()
    ):
        if cue == "ordinal_e" and form != "digits":
            continue  # "op haar 84e"; in words the ordinal is "vierentachtigste" (ordinal)
        text = template.format(A=age, B=other)
        cells.append((f"age-{form}-{cue}", text, age))
        if "{B}" in template:
            cells.append((f"age-{form}-{cue}-second", text, other))
    for (form, age), (cue, template) in itertools.product(CHILD_AGES.items(), CHILD_CUES.items()):
        other = "11" if form == "digits" else "elf"
        text = template.format(A=age, B=other)
        cells.append((f"childage-{form}-{cue}", text, age))
    return cells


CELLS = _full_cells() + _person_cells() + _partial_cells() + _age_cells()

#: The cells still missed (see docs/privacy.md, round 9, for round 8's and round 9's counts).
STILL_MISSED: frozenset[str] = frozenset(
    line.strip()
    for line in (Path(__file__).parent / "data" / "privacy_round9_probe_missed.txt")
    .read_text(encoding="utf-8")
    .splitlines()
    if line.strip() and not line.startswith("#")
)


@pytest.mark.parametrize(
    "text, target",
    [
        pytest.param(
            text,
            target,
            id=cell,
            marks=[pytest.mark.xfail(strict=True)] if cell in STILL_MISSED else [],
        )
        for cell, text, target in CELLS
    ],
)
def test_probe_cell_is_replaced(text: str, target: str) -> None:
    assert _covered(text, target)


# -- traps: the same shapes that must stay --------------------------------------------------
TRAPS: list[tuple[str, str, str]] = [
    ("event-sinds", "Sinds 1 maart 1998 bestaat de vereniging.", "1 maart 1998"),
    ("event-opgericht", "De vereniging is opgericht op 12 mei 1965.", "12 mei 1965"),
    ("event-ramp", "De watersnoodramp van 1 februari 1953 staat ons bij.", "1 februari 1953"),
    ("event-meeting", "De bijeenkomst is op 17 maart 2024 om 14.00 uur.", "17 maart 2024"),
    ("event-meeting-digits", "We vergaderen op 17-03-2024 in het dorpshuis.", "17-03-2024"),
    ("event-short", "Vergadering 3-3-24, notulen volgen.", "3-3-24"),
    ("event-bevrijding", "Op 5 mei 1945 werden we bevrijd.", "5 mei 1945"),
    ("event-month-year", "In maart 1944 werd de school gesloten.", "maart 1944"),
    ("event-season", "De zomer van 1976 was heet.", "1976"),
    ("event-christmas", "Kerst 1944 was een zware tijd voor het dorp.", "1944"),
    ("event-year", "In 1944 werd het dorp bevrijd.", "1944"),
    ("building-van", "Het huis is van 1932.", "1932"),
    ("building-gebouwd", "De molen is gebouwd in 1856.", "1856"),
    ("building-bouwjaar", "Bouwjaar: 1968\nOppervlakte: 120 m2", "1968"),
    ("project-range", "Het project loopt van 2022 tot 2025.", "2022"),
    ("cohort-lichting", "De lichting 2023 van de opleiding is klein.", "2023"),
    ("letter-van", "De brief is van 12 maart.", "12 maart"),
    ("market-day", "De markt is op 17 maart.", "17 maart"),
    ("question-event", "I: Wanneer was de opening?\nR: 17 maart.", "17 maart"),
    ("question-event-year", "I: Wanneer begon het project?\nR: In 2019.", "2019"),
    ("time", "Om 17.30 uur begint de les.", "17.30"),
    ("amount", "Het kost 19,44 euro per maand.", "19,44"),
    ("count", "We waren met 84 mensen.", "84"),
    ("count-deelnemers", "Er kwamen 84 deelnemers naar de avond.", "84"),
    ("count-kleinkinderen", "Ik heb 12 kleinkinderen.", "12"),
    ("married", "Ze zijn 40 jaar getrouwd.", "40"),
    ("lived", "Ik woon hier al 35 jaar.", "35"),
    ("worked", "Hij was 30 jaar bakker.", "30"),
    ("range", "Kinderen van 4 tot 12 jaar zijn welkom.", "12"),
    ("group-plus", "De 65-plussers komen op dinsdag.", "65"),
    ("group-ouder", "Voor inwoners van 75 jaar en ouder.", "75"),
    ("group-average", "De gemiddelde leeftijd is 78.", "78"),
    ("group-range-field", "Leeftijd: 18-25 jaar (doelgroep).", "18-25"),
    ("school-group", "Ze zit in groep 8 van de basisschool.", "8"),
    ("jubilee", "Het 25-jarig jubileum vieren we in juni.", "25"),
    ("association-age", "De vereniging bestaat 50 jaar.", "50"),
    ("association-wordt", "De club wordt volgend jaar 50.", "50"),
    ("bus", "Bus 84 rijdt niet meer naar het dorp.", "84"),
    ("decade", "In de jaren tachtig was dat anders.", "tachtig"),
    ("score", "De score werd 7, dat was goed.", "7"),
    ("temperature", "Het wordt morgen 12 graden.", "12"),
    ("percent", "In 84 procent van de gevallen lukt het.", "84"),
    ("ago", "Dat was 84 jaar geleden.", "84"),
    ("times", "Ik ben er 12 keer geweest.", "12"),
    ("minutes", "Hij was 10 minuten te laat.", "10"),
    ("magazine", "Jaargang 12 van het clubblad.", "12"),
    ("founded-year-van", "De kerk is van 1450.", "1450"),
    ("anniversary-date", "Ons 40-jarig huwelijk op 12 mei 2023 was mooi.", "12 mei 2023"),
]


#: Traps still replaced: "Kerst 1944" is taken for a place by deduce (the place rules
#: are another part's); "Bouwjaar: 1968" of a house is read as the joke "mijn bouwjaar"
#: (round 8's rule, left as it is).
TRAPS_STILL_REPLACED = frozenset(
    {"event-christmas", "building-bouwjaar"}
)  # fmt: skip


@pytest.mark.parametrize(
    "text, target",
    [
        pytest.param(
            t,
            s,
            id=c,
            marks=[pytest.mark.xfail(strict=True)] if c in TRAPS_STILL_REPLACED else [],
        )
        for c, t, s in TRAPS
    ],
)
def test_probe_trap_stays(text: str, target: str) -> None:
    assert not _touched(text, target)


def test_the_probe_set_crosses_every_dimension() -> None:
    """The grid is the cross product: a dimension lost by an edit shows here."""
    assert len(_full_cells()) == len(FULL_FORMS) * len(FULL_CUES) * len(YEARS)
    assert len({cell for cell, *_ in CELLS}) == len(CELLS)
    for cell, text, target in CELLS:
        assert target in text, cell


# -- a check written after the rules: phrasings outside the grid ---------------------------
FRESH = [
    ("Mijn geboortedatum is 3 - 9 - 1950.", "3 - 9 - 1950"),
    ("Hij is van 4 okt. '52, een echte herfstman.", "4 okt. '52"),
    ("Ze is in april '39 geboren, in Zwolle.", "april '39"),
    ("Opa heeft de negentig gehaald, wie had dat gedacht.", "negentig"),
    ("Ik loop al richting de 70.", "70"),
    ("Mijn zusje is vijf.", "vijf"),
    ("Mijn dochter verjaart op 9 juni.", "9 juni"),
    ("I: Welk jaar is uw man geboren?\nR: In 1938.", "1938"),
    ("Ze telt inmiddels 91 zomers.", "91"),
    ("Jente, geboren 02/11/2019, zit op de peuterspeelzaal.", "02/11/2019"),
    ("Mijn kleindochter kwam op 14 feb. 2021 ter wereld.", "14 feb. 2021"),
    ("Hij is op tweeëntwintig mei jarig.", "tweeëntwintig mei"),
    ("Ik ben 79, nee wacht, 78.", "78"),
    ("Met zijn zesenzeventig jaar doet hij nog alles zelf.", "zesenzeventig"),
    ("De Vries (12-4-2013) woont bij zijn vader.", "12-4-2013"),
]
FRESH_TRAPS = [
    ("De nieuwe gymzaal is op 3 - 9 - 2019 geopend.", "3 - 9 - 2019"),
    ("In april '39 werd de kerk verbouwd.", "april '39"),
    ("De teller loopt richting de 70.", "70"),
    ("Ze was 25 jaar verpleegkundige.", "25"),
    ("Groepen van 6 tot 10 jaar.", "10"),
]


@pytest.mark.parametrize(
    "text, target",
    [
        pytest.param(
            t,
            s,
            # "Vries" is also a Dutch word: the date in brackets after "De Vries" is not
            # read as a name's
            marks=[pytest.mark.xfail(strict=True)] if t.startswith("De Vries") else [],
        )
        for t, s in FRESH
    ],
)
def test_fresh_phrasings_are_replaced(text: str, target: str) -> None:
    assert _covered(text, target)


@pytest.mark.parametrize("text, target", FRESH_TRAPS)
def test_fresh_traps_stay(text: str, target: str) -> None:
    assert not _touched(text, target)
