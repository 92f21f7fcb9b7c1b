"""Issue 14, round 10: probes of the classes of ages and identifying numbers that the
rules missed on E152-E175 (after round 9) and on E208-E210 (first seen), in phrasings
that no dev document contains.

Each class is a construction, not a string: the cue before or after the number, the
turn structure, lists and form lines, brackets and apposition. Every member is a
sentence and the string that must be replaced; every trap a sentence of the same shape
whose string must stay (counts, durations, jubilees, school groups, bus lines, rooms,
amounts, times, things that "become" a number). ``docs/privacy.md`` (round 10) gives
the counts before and after the rules of this round.
"""

from __future__ import annotations

import pytest
from fixtures.hits import covered, touched


def _covered(text: str, target: str) -> bool:
    return covered(text, target, last=True)


def _touched(text: str, target: str) -> bool:
    return touched(text, target, last=True)


#: class -> (sentence, age or number that must go)
MEMBERS: dict[str, list[tuple[str, str]]] = {
    # a verb of being or becoming with the subject after it: "in mei word ik 76"
    "inverted_verb": [
        ("In juli word ik eenentachtig, als het meezit.", "eenentachtig"),
        ("Na de zomer wordt hij 90.", "90"),
        ("Volgende maand ben ik zeventig, niet te geloven.", "zeventig"),
        ("Morgen wordt mijn vrouw 84 jaar.", "84"),
        ("Toen was ze negen en woonde ze nog in Delden.", "negen"),
        ("Met kerst is opa Gerrit drieënnegentig.", "drieënnegentig"),
    ],
    # an age, then a time and the next age: "nu 66, over een paar maanden 67"
    "age_then_later_age": [
        ("Ik ben nu 66, over een paar maanden 67.", "67"),
        ("Ze is eenentachtig, na de zomer tweeëntachtig.", "tweeëntachtig"),
        ("Hij is 79, tegen de kerst 80.", "80"),
        ("Mijn moeder is 90 en over drie weken 91.", "91"),
    ],
    # a filler or repair between the verb and the age: "bent u nu... 75"
    "filler_before_age": [
        ("Dus u bent nu... vijfenzeventig.", "vijfenzeventig"),
        ("Ik ben eh... negenentachtig.", "negenentachtig"),
        ("Hij is, even denken, zesentachtig.", "zesentachtig"),
        ("Mijn vader is eh 91 inmiddels.", "91"),
    ],
    # a plural subject with a quantifier or a list: "die zijn allemaal 17, 18"
    "plural_subject": [
        ("Die zijn allemaal zestien, zeventien.", "zestien"),
        ("De kleinkinderen zijn 14 en 17.", "14"),
        ("Ze zijn alle twee 83.", "83"),
        ("Mijn zoons zijn dertig en zesentwintig.", "dertig"),
    ],
    # a second person's age after the first: "hij is 84, ik bijna 80"
    "pair_with_modifier": [
        ("Hij is 84, ik bijna 80.", "80"),
        ("Zij is negentig, ik net tachtig.", "tachtig"),
        ("Mijn man is 77 en ik pas 70.", "70"),
    ],
    # a capitalised pronoun or title with a bare age: "Hij 88, zij ..."
    "pronoun_bare_age": [
        ("Hij 88, zij een paar jaar jonger.", "88"),
        ("Zij 79, hij wat ouder.", "79"),
        ("Meneer 91, woont nog thuis.", "91"),
    ],
    # a person noun in apposition opening a clause: "Student, 22, doet ..."
    "noun_apposition": [
        ("Daar heb ik Bram voor. Student, 22, woont op kamers.", "22"),
        ("Weduwnaar, 81, woont alleen aan de dijk.", "81"),
        ("Alleenstaande moeder, 38, werkt in de thuiszorg.", "38"),
    ],
    # a birthday with the age: "is laatst jarig geweest, negentig"
    "birthday": [
        ("Mevrouw Stam was vorige week jarig: 93 alweer!", "93"),
        ("Ze vierde zondag haar verjaardag, 86 jaar.", "86"),
        ("Hij is in maart jarig en dan wordt hij 77.", "77"),
        ("Tante Riek, die in maart jarig is en dan 88 wordt.", "88"),
        ("Opa is gisteren jarig geweest, zevenentachtig, en kreeg een taart.", "zevenentachtig"),
    ],
    # "zou ... zijn geworden", "is ... geworden"
    "would_have_become": [
        ("Vandaag zou mijn vader 100 zijn geworden.", "100"),
        ("In mei zou opa Henk negentig zijn geworden.", "negentig"),
        ("Ze is vorig jaar 95 geworden.", "95"),
    ],
    # a line of a register that opens with a name: the bare age is a field of it
    "register_line": [
        ("Bezoekers:\n3. Geert Pots, Dorpsstraat 5, 84.\n4. Anna Bos, 80.", "84"),
        ("Lijst:\n- Hennie Slot, zelfde adres, 79, slechthorend\n", "79"),
        ("Jarigen:\nMarietje Kuipers, 7 mei, 91\nKlaas Vos, 9 mei, 85\n", "91"),
        ("Deelnemers:\n1. Wim Brouwer, 86 (!), rolstoel\n", "86"),
    ],
    # a name and the verb with a comma between: "de kleine, Noor, is vier"
    "name_comma_verb": [
        ("En de kleine, Noor, is vier.", "vier"),
        ("Mijn buurman Kees, is 83 en nog kwiek.", "83"),
    ],
    # a person noun with "van" and a place or street after: "een meisje van 19 van de ..."
    "person_van_then_place": [
        ("Er komt een jongen van zestien uit Raalte.", "zestien"),
        ("Het is een vrouw van 84 uit de Kerkstraat.", "84"),
        ("De jongste is een meisje van negentien van de Molenweg.", "negentien"),
    ],
    # "met haar 93": a possessive and the age
    "with_possessive": [
        ("Met zijn 84 jaar fietst hij nog elke dag.", "84"),
        ("Mevrouw Slot is met haar 97 de oudste van de straat.", "97"),
    ],
    # a repair: the age one more or less after "dus", "nee", "eigenlijk"
    "repair": [
        ("Hoe oud bent u?\nIk ben 80. Nee, ik ben in juni jarig geweest, dus 81.", "81"),
        ("Hoe oud is hij?\nHij is tweeënzeventig, of eigenlijk drieënzeventig.", "drieënzeventig"),
    ],
    # the next age in brackets: "81 (bijna 82)"
    "bracket_later_age": [
        ("Leeftijd: 81 (bijna 82)", "82"),
        ("Mevrouw is 90 (in juni 91).", "91"),
    ],
    # a person noun, a modifier and the age in commas
    "noun_modifier_apposition": [
        ("Zijn vrouw, inmiddels 79, is ziek.", "79"),
        ("Haar broer, nu 83, woont in Goor.", "83"),
    ],
    # kin words of speech and dialect as subjects
    "dialect_kin": [
        ("Ons pa is vorige maand 88 geworden.", "88"),
        ("Volgende week wordt ons moe negentig.", "negentig"),
    ],
    # two people as one subject: "mijn man en ik zijn 82 en 79"
    "joint_subject": [
        ("Mijn man en ik zijn 82 en 79.", "79"),
        ("Henk en ik zijn allebei 75.", "75"),
    ],
    # a yes/no question about an age answered with a correction in the next turn
    "question_corrected": [
        ("Bent u al tachtig?\nJa, eenentachtig zelfs.", "eenentachtig"),
    ],
    # a slashed form label: the value in the age field's position
    "slashed_form_field": [
        ("Geslacht / lft: m / 68", "68"),
        ("Woonplaats / leeftijd / hobby: Goor / 74 / kaarten", "74"),
    ],
    # a record number asked for and given in the next turn or line
    "record_next_turn": [
        ("Mag ik uw klantnummer?\n- Dat is KL-2231-9087.", "KL-2231-9087"),
        ("Het dossiernummer?\nA: Even kijken... HV-24-0091.", "HV-24-0091"),
        ("Welk ritnummer?\n[09:03] Anja: R24-0815", "R24-0815"),
        ("Mijn klantnummer bij de Voedselbank? Dat is 18834.", "18834"),
        ("Wat is je pasnummer?\nAnja: 4410 2290 1183", "4410 2290 1183"),
    ],
    # a record number after a label with words between or with "is"
    "record_label_words": [
        ("Zijn lidnummer bij de bond is 4417.", "4417"),
        ("Het pasnummer staat op het pasje: AB 3318 2290.", "AB 3318 2290"),
        ("Voor mevrouw Stam is het relatienummer RN-88120.", "RN-88120"),
        ("Iedereen krijgt een klantnummer. Voor Jan Bos is dat KB-2024-0311.", "KB-2024-0311"),
        ("Uw pasnummer, graag.\nB: Momentje. Hier: VP 0193 4471.", "VP 0193 4471"),
        ("Vreemdelingennummer: 3318 204 771", "3318 204 771"),
        ("V-nummer: 2847 116 093", "2847 116 093"),
    ],
    # a plural label and a list of codes: "Lidnummers N-0702 en N-0703"
    "record_list": [
        ("Lidnummers N-0702 en N-0703.", "N-0703"),
        ("Cliëntnummers: 447120, 447121 en 447135.", "447135"),
        ("Registratienr WMO 2024-0871 en 2024-0872.", "2024-0872"),
    ],
    # the same code again further on in the document
    "record_again": [
        ("Cliëntnr.: 558151\nWoont alleen.\n\nBij 558151 loopt een melding.", "558151"),
        ("Ritnummer: R24-1777.\nRit R24-1777 is gereden.", "R24-1777"),
    ],
    # a person's mobile number in a sentence after an organisation's cue
    "phone_after_organisation_cue": [
        (
            "Nee, van de alarmcentrale. Die belt dan Jelle, 06 12 90 37 48, dat weet ik.",
            "06 12 90 37 48",
        ),
    ],
}


def _old(text: str, target: str) -> object:
    """A trap that an earlier round's rule replaces (seen by this round's probes, not
    fixed by it): strict, so that a fix shows."""
    return pytest.param(
        text, target, marks=pytest.mark.xfail(strict=True, reason="an earlier round's rule")
    )


#: class -> (sentence, number that must stay)
TRAPS: dict[str, list[object]] = {
    "inverted_verb": [
        _old("In 2025 wordt het 50 jaar dat de club bestaat.", "50"),
        ("Dan ben ik 3 uur kwijt.", "3"),
        ("Volgend jaar wordt het dorpshuis 40.", "40"),
        ("Toen waren we met 12.", "12"),
        ("In mei is de vereniging 75.", "75"),
    ],
    "age_then_later_age": [
        ("Ze is 81, over 2 weken op vakantie.", "2"),
        ("Hij is 79, na 40 jaar bij de bakker.", "40"),
    ],
    "filler_before_age": [
        ("Het is eh... 12 uur.", "12"),
        ("Dat is eh, 40 euro.", "40"),
    ],
    "plural_subject": [
        ("De groepen zijn 5 en 6.", "5"),
        ("De kosten zijn 12 en 14 euro.", "12"),
        _old("We zijn met z'n 12.", "12"),
        ("Die zijn allemaal 75-plussers.", "75"),
    ],
    "pair_with_modifier": [
        ("Zij is 90, ik 3 dagen per week vrijwilliger.", "3"),
        _old("Hij is 84, ik woon hier 30 jaar.", "30"),
    ],
    "pronoun_bare_age": [
        ("Hij 3 keer per week, zij 2 keer.", "3"),
        ("Zij 12 uur per week.", "12"),
    ],
    "noun_apposition": [
        ("Vrijwilligers, 12 in totaal, kwamen.", "12"),
        ("Groep 7, 28 leerlingen, doet mee.", "28"),
    ],
    "birthday": [
        _old("Het dorpshuis is jarig: 25 jaar!", "25"),
        ("Jarig geweest? 3 kaarten gestuurd.", "3"),
        ("De vereniging viert haar verjaardag, 40 jaar.", "40"),
    ],
    "would_have_become": [
        ("De club zou dit jaar 75 zijn geworden.", "75"),
        ("Het is 12 geworden.", "12"),
    ],
    "register_line": [
        ("Rooster:\nJan Smit, groep 7, 12 leerlingen\n", "12"),
        ("Rooster:\nJan Smit, Dorpsstraat 5, 12:30 uur\n", "12"),
        ("Rooster:\nAnna Bos, kamer 12, 2e verdieping\n", "12"),
        ("Rooster:\nPieter Jansen, lijn 74, halte Markt\n", "74"),
        ("Rooster:\nPieter Jansen, 3 ritten, 45 km\n", "45"),
        ("I: Zoveel mensen?\nGerda Wolters: Ja, zestien, soms twaalf, het wisselt.", "zestien"),
    ],
    "with_possessive": [
        ("Met zijn 12 kleinkinderen is het druk.", "12"),
        ("Ze kwam met haar 2 kinderen.", "2"),
    ],
    "repair": [
        ("Hij is 80. Dus 12 uur per week komt er hulp.", "12"),
        ("Ik ben 80, dus 79 mensen gingen voor.", "79"),
    ],
    "slashed_form_field": [
        ("Geslacht / lft: m / 68\nGroep / klas: 7 / 8", "7"),
    ],
    "bracket_later_age": [
        ("Ze is 81 (bijna 40 jaar weduwe).", "40"),
    ],
    "age_difference": [
        ("Hij is 1 jaar ouder dan ik.", "1"),
        ("Zij is 3 jaar jonger.", "3"),
    ],
    "joint_subject": [
        ("De kosten en de baten zijn 82 en 79 euro.", "79"),
    ],
    "person_van_then_place": [
        ("Er komt een groep van 16 uit Raalte.", "16"),
        ("Er rijdt een bus van 40 uit Zwolle.", "40"),
    ],
    "record_label_words": [
        ("Het huisnummer is 12 en 14.", "12"),
        _old("Nummer 3 van de agenda: de kas.", "3"),
        ("KvK-nummer van de stichting: 40108633.", "40108633"),
        ("Ledenlijst:\nLidnr. 0087 - Dhr. Bos - lid sinds 2001", "0087"),
        ("We nemen lijn 73 naar het ziekenhuis.", "73"),
        ("De weg is de N348 richting Raalte.", "N348"),
        ("Bel de huisartsenpost op 0900-1234 of 112.", "0900-1234"),
    ],
    "record_next_turn": [
        ("Welk nummer?\n- Groep 7.", "7"),
        ("Welk huisnummer? Dat is 12.", "12"),
        ("Het nummer van de bus? Dat is 7301.", "7301"),
        ("Het dossiernummer?\nA: Dat weet ik niet, bel om 10.30 uur.", "10.30"),
    ],
}


def _ids(cases: dict[str, list[tuple[str, str]]] | dict[str, list[object]]) -> list[object]:
    out = []
    for name, rows in cases.items():
        for n, row in enumerate(rows):
            marks = getattr(row, "marks", ())  # an xfail param from :func:`_old`
            values = getattr(row, "values", row)
            out.append(pytest.param(*values, marks=marks, id=f"{name}-{n}"))
    return out


@pytest.mark.parametrize(("text", "target"), _ids(MEMBERS))
def test_member_is_replaced(text: str, target: str) -> None:
    assert _covered(text, target), f"{target!r} stays in {text!r}"


@pytest.mark.parametrize(("text", "target"), _ids(TRAPS))
def test_trap_stays(text: str, target: str) -> None:
    assert not _touched(text, target), f"{target!r} replaced in {text!r}"
