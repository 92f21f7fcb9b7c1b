"""Issue 14, round 10: dates of birth, addresses and handles by the class of the miss.

Round 10 read the misses of E152-E175 (the held-out part of rounds 8 and 9, retired to
dev) and of E211-E213 (written for this round before the rules were read) and named the
*class* of construction each belongs to. Every class below is probed with phrasings of
its own that no dev document contains, and with traps of the same shape that must stay
(event dates, years of a club or a building, periods, deadlines, places that are not an
address, streets named without a number as where something happens). The counts of
members each class missed before round 10's rules and after are in ``docs/privacy.md``
(round 10).
"""

from __future__ import annotations

from typing import Any

import pytest

from sokwal_monitor.privacy.detect import detect

YEAR = 2024


def _hits(text: str) -> list[tuple[int, int, str]]:
    return [(h.start, h.end, h.category) for h in detect(text, year=YEAR)]


def _covered(text: str, target: str) -> bool:
    """Every letter and digit of ``target`` (its first occurrence) lies in a hit."""
    start = text.index(target)
    hits = _hits(text)
    return all(
        any(s <= i < e for s, e, _ in hits)
        for i in range(start, start + len(target))
        if text[i].isalnum()
    )


def _touched(text: str, target: str) -> bool:
    """Some letter or digit of ``target`` lies in a hit."""
    start = text.index(target)
    return any(
        s < start + len(target)
        and e > start
        and text[max(s, start) : min(e, start + len(target))].strip(" ,.'’")
        for s, e, _ in _hits(text)
    )


#: class -> (text, the string that must go)
MEMBERS: dict[str, list[Any]] = {
    # a year of birth next to an age that gives it away: year + age = the interview's year
    "year_beside_age": [
        ("Mijn tante is 89. Van 1935, geloof ik.", "1935"),
        ("Hij wordt dit jaar 77; 1947 is hij.", "1947"),
        pytest.param(
            "Buurman Tijink, 83 inmiddels, uit 1941.",
            "1941",
            marks=pytest.mark.xfail(strict=True, reason="the age is not found (ages' rules)"),
        ),
        ("Oom Wim is tachtig. Die is uit 1944.", "1944"),
        pytest.param(
            "Ze is 91 - 1933 - en nog helder.",
            "1933",
            marks=pytest.mark.xfail(strict=True, reason="the age is not found (ages' rules)"),
        ),
        ("Mijn schoonvader, 86 jaar, 1938, woont nog thuis.", "1938"),
    ],
    # a day and month after a year of birth, in the next sentence of the same turn
    "day_month_after_year": [
        ("I: Wanneer bent u geboren?\nR: Van 1951. Elf juni.", "Elf juni"),
        ("Ik ben van negentien vijftig. Drie augustus.", "Drie augustus"),
        ("Hij is van '39. De vijfde mei, ja.", "vijfde mei"),
        ("Geboren in 1946. Op 14 oktober.", "14 oktober"),
    ],
    # a full date said in number words, day month year, as an answer or after a cue
    "date_in_number_words": [
        (
            "I: Wat is uw geboortedatum?\nR: Vier twaalf zevenenveertig.",
            "Vier twaalf zevenenveertig",
        ),
        (
            "Interviewer: En wanneer bent u geboren?\nBewoner: Negen drie vierendertig.",
            "Negen drie vierendertig",
        ),
        ("Hij is geboren op acht acht achtendertig.", "acht acht achtendertig"),
    ],
    # a birthday (day and month) beside an age, in a list of birthdays or a congratulation
    "birthday_beside_age": [
        (
            "Jarigen deze maand:\nHendrika Pol, 12 augustus, 85 jaar\nJohan Smeenk, 3 januari, 91",
            "12 augustus",
        ),
        (
            "Jarigen deze maand:\nHendrika Pol, 12 augustus, 85 jaar\nJohan Smeenk, 3 januari, 91",
            "3 januari",
        ),
        ("Wij feliciteren Aaltje Bosch, op 23 mei 88 jaar!", "23 mei"),
        ("Op 14 februari zou mijn vader 100 zijn geworden.", "14 februari"),
        ("Gerrit Altena is op 6 december 87 geworden.", "6 december"),
        ("Haar oom wordt negentig, op 11 maart.", "11 maart"),
    ],
    # a day and a month said as two ordinals, answering a birthday question
    "ordinal_birthday_answer": [
        ("I: Wanneer is uw moeder jarig?\nB: De twaalfde van de derde.", "twaalfde van de derde"),
        ("Wanneer bent u jarig, als ik vragen mag?\nR: de 4e van de 11e", "4e van de 11e"),
    ],
    # a birthday in a list after a birthday heading, a name before each date
    "birthday_list": [
        ("Verjaardagen soos: Jo Mulder 11 maart, Hein Vos 2 april, Riet Kok 30 mei.", "2 april"),
        ("Verjaardagen soos: Jo Mulder 11 maart, Hein Vos 2 april, Riet Kok 30 mei.", "30 mei"),
        ("De jarigen van juni\n- Bertha Wessels: 8 juni\n- Klaas Dijk: 21 juni", "21 juni"),
        ("Jarig deze week: Anna Wigger 14 juli, Gradus Kamp 16 juli.", "14 juli"),
        ("Felicitaties!\n\nMarten Kuik, 2 februari, 79\n\nIna Kuik, 5 maart, 77", "5 maart"),
    ],
    # someone named by a year in words + "-er" ("een zesendertiger", "een '36-er")
    "year_person_word": [
        ("Hij is een achtendertiger, zegt hij.", "achtendertiger"),
        ("Mijn moeder, een echte zevenenveertiger, kookt nog zelf.", "zevenenveertiger"),
        ("Ik ben een '52-er.", "'52-er"),
        ("Zij is een 1949-er.", "1949-er"),
    ],
    # a star or a cross before a year or date, as in genealogy
    "genealogy_star": [
        ("Gerrit Mensink (* 1939) woont alleen.", "1939"),
        ("Mevr. A. Kuipers, * 12-03-1936, weduwe.", "12-03-1936"),
        ("Jan Smit *1941, Aaltje Smit *1943.", "1943"),
    ],
    # "is van het jaar '49", "van bouwjaar '51" said of a person, also without a subject
    "year_with_article": [
        ("Mijn vader is van het jaar '49.", "'49"),
        ("Zij is van het jaar negentien vijfenveertig.", "negentien vijfenveertig"),
        ("Belde mevr. Ooms. Is van '37, loopt slecht.", "'37"),
        ("Dhr. Pieters: is van 1940, woont alleen.", "1940"),
    ],
    # a date corrected by the speaker: the first one said is the birth too
    "repaired_date": [
        ("Hij is geboren op de derde juni, eh nee, de dertiende juni 1941.", "derde juni"),
        ("Ik ben van 4 maart... nee, 14 maart 1950.", "4 maart"),
    ],
    # a date with a two-digit year answering a birth question, a sentence after the question
    "answer_after_explanation": [
        ("A: Wat is uw geboortedatum? Dat moet op het formulier.\nB: 3-5-41.", "3-5-41"),
        ("Int: Wanneer bent u geboren? Voor de administratie.\n\nMan: 12-8-38.", "12-8-38"),
    ],
    # a house number alone where a person lives, "op nummer 218", "op nr. 8"
    "house_number": [
        ("En de familie Jansen, op nummer 143.", "nummer 143"),
        ("Ze woont er schuin tegenover, op nr. 12.", "nr. 12"),
        ("Meneer Kok van nummer 7a komt ook.", "nummer 7a"),
        ("De weduwe op huisnummer 31 is ziek.", "huisnummer 31"),
    ],
    # a house described by its look and where it stands ("het witte huis bij de bocht")
    "described_house": [
        ("Ze woont in het gele huis op de hoek.", "het gele huis op de hoek"),
        (
            "Hij woont in het rietgedekte huis met de groene deur.",
            "het rietgedekte huis met de groene deur",
        ),
        ("mevrouw Tap (het witte huis bij de brug) komt niet meer", "het witte huis bij de brug"),
        (
            "Ze woont drie huizen verderop, het huis met de rode luiken.",
            "het huis met de rode luiken",
        ),
    ],
    # a postcode written in lower case or without a space after a cue
    "postcode_lower": [
        ("Postcode 7411 kb, Deventer.", "7411 kb"),
        ("postcode: 8121tt", "8121tt"),
        ("Adres: Dorpsstraat 4, 7431 bk Diepenveen", "7431 bk"),
    ],
    # a handle without @ before the network's name ("xXSenneXx_07 heet hij op Discord")
    "handle_before_network": [
        ("Eén jongen, dark_knight_22 heet hij op Discord.", "dark_knight_22"),
        ("Ik heb haar toegevoegd, lisa.bakker09 op Insta.", "lisa.bakker09"),
        ("Volg hem maar: gamer.tim77 op TikTok.", "gamer.tim77"),
    ],
}

#: class -> (text, the string that must stay)
TRAPS: dict[str, list[Any]] = {
    "year_beside_age": [
        ("Het dorpshuis bestaat 50 jaar; het is van 1974.", "1974"),
        ("De vereniging telt 80 leden, sinds 1944 al.", "1944"),
        ("Sinds 1990 doe ik dit werk. Ik ben 34.", "1990"),
        ("In 1953 was ik elf. De ramp van 1953 vergeet je niet.", "1953"),
    ],
    "day_month_after_year": [
        ("De soos is van 1962. Elf juni is de feestavond.", "Elf juni"),
        ("Opgericht in 1951. Op 14 oktober is de jaarvergadering.", "14 oktober"),
    ],
    "date_in_number_words": [
        ("Wat is uw huisnummer?\nVier twaalf.", "Vier twaalf"),
        ("Het waren er drie of vier.", "drie of vier"),
    ],
    "birthday_beside_age": [
        ("Op 12 augustus bestaat de soos 85 jaar.", "12 augustus"),
        ("Op 5 mei 80 jaar vrijheid in Raalte.", "5 mei"),
        ("Op 4 oktober wordt de kerk 100 jaar.", "4 oktober"),
        ("Het koor wordt 100 jaar, op 11 maart.", "11 maart"),
        ("Jarigen: de vereniging, 3 januari, 91 jaar oud.", "3 januari"),
    ],
    "ordinal_birthday_answer": [
        ("I: Wanneer is de kermis?\nB: De twaalfde van de derde.", "twaalfde van de derde"),
        ("Wanneer begint de cursus?\nB: de 4e van de 11e", "4e van de 11e"),
    ],
    "birthday_list": [
        ("Getrouwd op 3 mei 1961, verjaardagen vieren ze samen.", "3 mei 1961"),
        ("Verjaardagen vieren we op de soos van 3 mei.", "3 mei"),
        ("Agenda: Kaartavond 11 maart, Bingo 2 april, ALV 30 mei.", "2 april"),
    ],
    "year_person_word": [
        ("In de vijftiger jaren was hier niets.", "vijftiger"),
        ("Het was een zomer als in de zestiger jaren.", "zestiger"),
    ],
    "genealogy_star": [
        ("* 1953: de watersnood\n* 1962: het dorpshuis", "1953"),
        ("Let op (*) de vergadering van 1988.", "1988"),
    ],
    "year_with_article": [
        ("Hij zingt bij Mannenkoor Excelsior, die is van 1931.", "1931"),
        ("De kerk is van het jaar 1880.", "1880"),
        ("Het huis is van het jaar '32.", "'32"),
        ("De club is van 1958.", "1958"),
    ],
    "repaired_date": [
        ("De vergadering is op 3 juni, eh nee, op 13 juni.", "3 juni"),
    ],
    "answer_after_explanation": [
        ("A: Wanneer was de opening? Dat moet op het formulier.\nB: 3-5-24.", "3-5-24"),
    ],
    "house_number": [
        ("Dat nummer 143 van de Top 2000 is mooi.", "nummer 143"),
        ("Zie bijlage nr. 12 van het verslag.", "nr. 12"),
        ("We zingen lied nummer 31.", "nummer 31"),
    ],
    "described_house": [
        ("Het huis van de buurt is open op dinsdag.", "Het huis van de buurt"),
        ("We lopen langs de Beekweg naar de kerk.", "Beekweg"),
        ("In Raalte is een nieuw huis voor ouderen.", "Raalte"),
    ],
    "postcode_lower": [
        ("In 1945 en 1946 was het zwaar.", "1945 en"),
        ("We waren met 1200 of meer.", "1200 of"),
    ],
    "handle_before_network": [
        ("Het filmpje staat op TikTok.", "filmpje"),
        ("Ik zit elke avond op Discord.", "avond"),
        ("Daarna 20.30 op Insta live.", "20.30"),
    ],
}


def _cells(table: dict[str, list[Any]]) -> list[Any]:
    cells: list[Any] = []
    for name, rows in table.items():
        for row in rows:
            if hasattr(row, "marks"):  # a pytest.param with marks
                cells.append(pytest.param(name, *row.values, marks=row.marks))
            else:
                cells.append((name, *row))
    return cells


@pytest.mark.parametrize(("kind", "text", "target"), _cells(MEMBERS))
def test_member_is_replaced(kind: str, text: str, target: str) -> None:
    assert _covered(text, target), (kind, text, target, _hits(text))


@pytest.mark.parametrize(("kind", "text", "target"), _cells(TRAPS))
def test_trap_stays(kind: str, text: str, target: str) -> None:
    assert not _touched(text, target), (kind, text, target, _hits(text))


def test_every_class_has_members_and_traps() -> None:
    assert set(MEMBERS) == set(TRAPS)
    assert all(len(rows) >= 2 for rows in MEMBERS.values())
