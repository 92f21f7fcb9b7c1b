"""Lessons, round 4: the cue families added from the misses of round 3's held-out set
(retired to ``dev4``), each with made-up sentences that must fire and hostile ones that
must not; lead-ins ("Wat we merkten:") that frame what follows; the fillers of speech."""

from __future__ import annotations

from pathlib import Path

import pytest

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.lessons import classify, find_lessons, lessons
from sokwal_monitor.lessons.find import evidence_sentences, lesson_groups
from sokwal_monitor.lessons.frames import lead_in_frame
from sokwal_monitor.lessons.patterns import is_imperative


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # insight: what made the difference, the key, a cause, "it turned out that"
        ("Wat de doorslag gaf en het verschil maakte, was een vaste buurtcontactpersoon.",
         "insight"),
        ("De huisartsen zijn eigenlijk de sleutel tot de oudere bewoners.", "insight"),
        ("Dat kwam vooral doordat we de mensen thuis zijn gaan ophalen.", "insight"),
        ("Later bleek dat ouders pas komen als ze de leiding kennen.", "insight"),
        ("Vanuit de wijkverpleging zien we dat juist de vaste dag het doet.", "insight"),
        ("Het helpt veel als de bakker zegt dat het voor iedereen is.", "insight"),
        # comparisons in the present, general truths with the verb first or dislocated
        ("Een huisbezoek levert meer nieuwe leden op dan een advertentie.", "insight"),
        ("De oudste kinderen vragen een andere aanpak dan we gedacht hadden.", "insight"),
        ("Met alleen een subsidie kom je niet ver, je hebt mensen nodig.", "insight"),
        ("Een lange vergadering zonder besluit, daar haken mensen op af.", "insight"),
        ("Zodra je zegt dat het maar één middag is, doen ze mee.", "insight"),
        ("Ja, misschien dit: dat je een bestuur niet te groot moet maken.", "insight"),
        ("Oudere mantelzorgers zien zichzelf vaak niet als mantelzorger.", "insight"),
        ("Mensen met de minste tijd vragen het meest om hulp.", "insight"),
        ("Een buurtavond moet vooral gezellig zijn, niet een vergadering.", "insight"),
        # changed practice: "not any more", "now also", replaced, since + a clause
        ("Nieuwe lopers zoeken we niet meer via het huis-aan-huisblad.", "changed_practice"),
        ("Zij regelen nu ook de koffie voor de hele groep.", "changed_practice"),
        ("Het oude rooster is vervangen door een app die iedereen kan bijwerken.",
         "changed_practice"),
        ("Sinds de open dag in het dorpshuis doen er drie moeders mee in het bestuur.",
         "changed_practice"),
        ("Daarom bel ik nu zelf iedereen de avond van tevoren.", "changed_practice"),
        ("De stuurgroep werkt inmiddels met kleine groepjes per straat.", "changed_practice"),
        ("Het huiswerkcafé is er later bij gekomen, omdat de ouders erom vroegen.",
         "changed_practice"),
        # hindsight
        ("Ik zou eerst de buren uitnodigen voordat we de flyers rondbrengen.", "do_differently"),
        ("Bij de start hadden we te weinig tijd genomen voor de werving.", "do_differently"),
        ("Met de kennis van nu zouden we kleiner beginnen.", "do_differently"),
        # advice: "wij geven mee", a bare infinitive, separable imperatives in speech
        ("Aan andere dorpen geven wij mee: houd het klein.", "advice"),
        ("Niet te snel willen groeien.", "advice"),
        # knowledge shared: visits both ways, given along, copied, a guide anyone may use
        ("Vorig jaar zijn er twee besturen uit Wolde bij ons geweest.", "shared"),
        ("Wij zijn bij het buurthuis van Esdorp geweest om te kijken hoe zij het doen.",
         "shared"),
        ("We hebben ze ons rooster en de huisregels meegegeven.", "shared"),
        ("De planning hebben we afgekeken bij een zorgcoöperatie in het noorden.", "shared"),
        ("We hebben een avond verzorgd voor drie andere kernen in de gemeente.", "shared"),
        ("Onze werkwijze staat nu online, en andere dorpen mogen hem gebruiken.", "shared"),
        ("Het bestuur heeft een werkplaats gegeven over het planningsteam.", "shared"),
    ],
)  # fmt: skip
def test_round4_cues_type_made_up_sentences(sentence: str, expected: str) -> None:
    found = classify(sentence)
    assert found is not None and found[0] == expected, (sentence, found)


@pytest.mark.parametrize(
    "sentence",
    [
        # what participants learned is their outcome, not the initiators' lesson
        "De deelnemers hebben dit jaar veel geleerd over de Nederlandse feestdagen.",
        "De jongeren leren in de groep dat ze er niet alleen voor staan.",
        # a survey's finding, a count, a plan missed, a key that opens a door
        "Uit de enquête van de gemeente blijkt dat de leden tevredener zijn dan vorig jaar.",
        "Er zijn meer vrijwilligers dan deelnemers.",
        "Het verbouwen van de keuken kostte meer tijd dan gepland.",
        "Wij beheren de sleutel van het dorpshuis.",
        # plans and wishes are no change made; counts since a date are no practice
        "Het nieuwe rooster wordt in 2027 ingevoerd.",
        "Sinds de zomer zijn er gemiddeld 14 deelnemers per keer.",
        "Nu is het, eh, met de drukte is het gewoon ontploft.",
        "We hebben geen geld meer.",
        "We kunnen niet meer.",
        # officials visiting are no knowledge passed on to peers
        "De wethouder is vorige week bij ons geweest.",
        "We zijn bij de gemeente geweest over de subsidie.",
        # table rows, prepositions and adjectives that look like imperatives, lead-ins
        "Groep 12-18 jaar | 9 | 11",
        "Naast de moestuin is er in de zomer een kookclub gestart.",
        "Nodig is het niet.",
        "Heel veel, eigenlijk.",
        "Een paar dingen die we de afgelopen maanden hebben gemerkt:",
        "Nooit geweten.",
        # hesitations alone
        "Nou... eh.",
        "En, eh...",
    ],
)
def test_round4_hostile_sentences_are_not_lessons(sentence: str) -> None:
    assert classify(sentence, spoken=True) is None, sentence
    assert classify(sentence, report=True) is None, sentence


@pytest.mark.parametrize(
    "answer",
    ["Nou... eh.", "En, eh...", "Nou... eh. Best veel eigenlijk.", "Verder nog niet echt.",
     "We zijn aan het kijken naar een programma.", "Dat moeten we nog bespreken.",
     "Dus dat weet ik nog niet."],
)  # fmt: skip
def test_answers_without_a_lesson_take_no_type_from_the_question(answer: str) -> None:
    assert classify(answer, spoken=True, question="insight") is None, answer
    # while an answer with content does
    assert classify("De buren eerst, daarna pas de folders.", spoken=True, question="insight")


def test_hesitations_do_not_hide_an_imperative_or_a_general_truth() -> None:
    assert classify("En, eh... regel de sleutels van het gebouw meteen goed.", spoken=True) == (
        "advice",
        "imperative",
    )
    found = classify("Want, eh, ja, jonge ouders vragen zelden om hulp, ze willen het zelf doen.")
    assert found is not None and found[0] == "insight"
    # without a hesitation, "Dus" and "Maar" stay (rules anchor on them)
    assert classify("Dus we zeggen nooit meer dat het tegen eenzaamheid is.") is not None


def test_separable_verbs_are_imperatives_and_prepositions_are_not() -> None:
    assert is_imperative("Nodig de buren persoonlijk uit .".split())
    assert is_imperative("Vraag iemand van de thuiszorg erbij .".split())
    assert not is_imperative("Nodig zijn ze niet .".split())
    assert not is_imperative("Volgens de buren werkt het .".split())
    # a separable imperative in an answer with a reason reads as advice
    found = classify("En vraag iemand uit de wijk erbij, want dan durven mensen mee.", spoken=True)
    assert found == ("advice", "imperative")


def test_a_short_infinitive_advice_reads_alone() -> None:
    groups = lesson_groups(["Niet te snel willen groeien.", "Een groep, een dag."])
    assert [(a, b, k) for a, b, k, _ in groups] == [(0, 0, "advice")]
    # a short fragment of another type still needs its antecedent
    assert lesson_groups(["Dat werkt niet."]) == []


def test_a_change_widens_to_its_earlier_way() -> None:
    turn = ["De stuurgroep werkt inmiddels met kleine groepjes per straat.",
            "Eerst ging alles via de hele stuurgroep, en dat duurde te lang."]  # fmt: skip
    assert [(a, b) for a, b, *_ in lesson_groups(turn)] == [(0, 1)]


def test_lead_in_frames() -> None:
    assert lead_in_frame("Wat ons de afgelopen tijd is opgevallen:") == "insight"
    assert lead_in_frame("Onze tips voor andere dorpen:") == "advice"
    assert lead_in_frame("Aanwezig:") is None
    assert lead_in_frame("Wat we hebben gemerkt.") is None  # no colon: no lead-in
    assert lead_in_frame("") is None
    # what participants learned is not announced as a lesson
    assert lead_in_frame("Wat de deelnemers hebben geleerd:") is None


def _store_with(tmp_path: Path, text: str) -> Path:
    data = tmp_path / "data" / "rapporten"
    data.mkdir(parents=True)
    (data / "P91_2025_rapport.txt").write_text(text, encoding="utf-8")
    store = tmp_path / "s.sokwal"
    ingest(store, tmp_path / "data")
    return store


def test_a_lead_in_frames_the_next_sentences_of_a_report(tmp_path: Path) -> None:
    text = (
        "Voortgang 2025\n\n"
        "Sinds de start zijn 40 huishoudens bezocht.\n\n"
        "Een paar dingen die we de afgelopen maanden hebben gemerkt:\n\n"
        "Huurders met de hoogste rekening melden zich het laatst. "
        "Het helpt als de conciërge ons aanbeveelt.\n\n"
        "Aanwezig:\n\n"
        "Ria, Harm en Esra.\n"
    )
    store = _store_with(tmp_path, text)
    rows = evidence_sentences(store)
    framed = dict(zip(rows["text"], rows["question"], strict=True))
    assert framed["Huurders met de hoogste rekening melden zich het laatst."] == "insight"
    assert framed["Ria, Harm en Esra."] == ""  # "Aanwezig:" announces no lesson
    assert framed["Sinds de start zijn 40 huishoudens bezocht."] == ""  # before the lead-in
    find_lessons(store)
    with ProjectStore(store) as s:
        found = lessons(s)
    texts = " ".join(found["text"])
    assert "melden zich het laatst" in texts
    assert "hebben gemerkt:" not in texts  # the lead-in itself is no lesson
    assert "Ria, Harm" not in texts


def test_a_lead_in_at_the_end_frames_nothing_and_breaks_nothing(tmp_path: Path) -> None:
    store = _store_with(tmp_path, "Wat we hebben geleerd:\n")
    assert find_lessons(store).n_found == 0


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Op een huisbezoek vertellen ouders dingen die ze op school niet vertellen.", "insight"),
        ("Als bewoners zelf iets mogen maken, komen ze veel sneller naar een avond.", "insight"),
        ("Die willen niet over hun eenzaamheid praten, maar wel over hun moestuin.", "insight"),
        ("Pas toen we bij de supermarkt gingen staan, kwamen de eerste aanmeldingen.",
         "insight"),
        ("Dat doen we nog steeds, ook nu het weer rustiger is.", "changed_practice"),
        ("Sinds maart 2024 ligt het rooster niet meer bij één persoon.", "changed_practice"),
    ],
)  # fmt: skip
def test_round4_second_step_cues(sentence: str, expected: str) -> None:
    found = classify(sentence)
    assert found is not None and found[0] == expected, (sentence, found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Op de markt kwamen mensen niet naar de kraam.",  # the past: what happened
        "En tijd hebben vrijwilligers niet eindeloos.",  # a possession, no claim on what works
        "En dat ouders het niet willen.",
        "Je hebt jongeren die nooit mee kunnen op kamp.",
        "Als ouders willen, bellen ze maar.",  # no claim on what works
    ],
)
def test_round4_second_step_hostile(sentence: str) -> None:
    assert classify(sentence) is None, (sentence, classify(sentence))


def test_a_question_about_another_village_asks_for_advice() -> None:
    from sokwal_monitor.lessons.frames import question_frame

    assert question_frame("Als een ander dorp jou belt, wat zeg je dan?") == "advice"
    assert question_frame("Als de gemeente belt, wat zeg je dan?") is None
    assert question_frame("Een ander dorp belde ons.") is None  # no question


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Met alleen goede wil red je het een seizoen, niet langer.", "insight"),
        ("Dat ging een stuk beter dan de eerste keer.", "insight"),
        ("Ze willen wel helpen, maar niet elke week.", "insight"),
        ("Nu plannen twee vrijwilligers samen de ritten.", "changed_practice"),
        ("De zaal is nu weer van de buurt zelf.", "changed_practice"),
        ("Het bestuur vergadert nog maar één keer per maand.", "changed_practice"),
    ],
)  # fmt: skip
def test_round4_third_step_cues(sentence: str, expected: str) -> None:
    found = classify(sentence)
    assert found is not None and found[0] == expected, (sentence, found)


@pytest.mark.parametrize(
    "sentence",
    [
        "De bus kwam nog één keer per week langs.",  # the past: how it was
        "Nu komen er een paar keer per jaar scholieren mee-eten.",  # a state, no change
        "Nu moeten we nog een nieuwe penningmeester vinden.",  # a plan
        "Met de bus kwam je er vroeger niet.",  # the past
    ],
)
def test_round4_third_step_hostile(sentence: str) -> None:
    assert classify(sentence) is None, (sentence, classify(sentence))


@pytest.mark.parametrize(
    ("heading", "expected"),
    [("Wat hebben we geleerd", True), ("Wat hebben we geleerd?", True),
     ("Wat we hebben geleerd", True), ("Wat we anders zouden doen", True),
     ("Vooruitblik", False), ("Wat hebben we gedaan?", False), ("", False)],
)  # fmt: skip
def test_lessons_headings_in_their_usual_words(heading: str, expected: bool) -> None:
    from sokwal_monitor.lessons.patterns import is_lessons_heading

    assert is_lessons_heading(heading) is expected


def test_under_a_lessons_heading_what_participants_did_is_no_lesson() -> None:
    assert classify("Deelnemers hebben zelf een appgroep opgericht.", lessons_section=True) is None
    assert classify("Een deelnemer van 88 komt nu op de fiets.", lessons_section=True) is None
    assert classify("De zaal was vaak te vol.", lessons_section=True) == ("insight", "section")


def test_a_question_heading_or_a_rhetorical_question_frames_what_follows(tmp_path: Path) -> None:
    text = (
        "Verslag 2025\n\n"
        "Wat zouden we anders doen?\n\n"
        "Een kleinere eerste avond, met de buren uit de straat.\n\n"
        "Wat we leerden? De koffie is belangrijker dan het programma.\n\n"
        "Wat hebben we gedaan?\n\n"
        "Twaalf avonden in het dorpshuis.\n"
    )
    rows = evidence_sentences(_store_with(tmp_path, text))
    framed = dict(zip(rows["text"], rows["question"], strict=True))
    assert framed["Een kleinere eerste avond, met de buren uit de straat."] == "do_differently"
    assert framed["De koffie is belangrijker dan het programma."] == "insight"
    assert framed["Twaalf avonden in het dorpshuis."] == ""  # a question that asks no lesson
