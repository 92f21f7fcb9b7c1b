"""Lessons, round 5: a quote that two lessons share is shown once, with both types, on
the project page and in the library; the cue families added from the misses of round
4's held-out set (retired to ``dev5``), each with made-up sentences that must fire and
hostile ones that must not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.lessons import classify, find_lessons, lessons
from sokwal_monitor.library import write_library
from sokwal_monitor.summary import project_summary
from sokwal_monitor.summary.render import lessons_html

# -- the same quote twice -------------------------------------------------------------------

#: An advice, then a sentence that leans on it with a lesson of another type: the rules
#: give "Mijn tip …" as advice and, widened to it, "Mijn tip … Dat hebben we …" as insight.
SHARED_SENTENCE = (
    "I: Heb je nog iets voor andere dorpen?\n"
    "R: Mijn tip aan andere dorpen: begin klein met één ochtend per week."
    " Dat hebben we zelf ook op de harde manier moeten leren.\n"
    "I: En verder?\n"
    "R: Sindsdien werken we met vaste koppels van twee vrijwilligers.\n"
)


@pytest.fixture
def overlapping(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2019_interview_initiatiefnemer.txt").write_text(SHARED_SENTENCE, "utf-8")
    (root / "projects.csv").write_text("project_id,name\nP01,Samen Eten\n", "utf-8")
    path = tmp_path / "s.sokwal"
    ingest(path, root)
    find_lessons(path)
    return path


def _quotes(html: str) -> list[str]:
    return re.findall(r"„([^”]*)”", html)


def test_two_lessons_that_share_a_sentence_are_two_rows_in_the_table(overlapping: Path) -> None:
    table = lessons(overlapping)
    tip = table[table["text"].str.contains("Mijn tip")]
    # the table keeps both: each is reviewed on its own
    assert sorted(tip["type"]) == ["advice", "insight"]
    assert tip["start_char"].nunique() == 1 and tip["end_char"].nunique() == 2


def test_the_project_page_shows_a_shared_quote_once_with_both_types(overlapping: Path) -> None:
    with ProjectStore(overlapping, create=False) as store:
        html = lessons_html(project_summary(store, "P01", n_boot=0))
    quotes = _quotes(html)
    assert sum("Mijn tip" in q for q in quotes) == 1, quotes
    (card,) = [b for b in html.split("<blockquote")[1:] if "Mijn tip" in b]
    assert "op de harde manier moeten leren" in card  # the widest span
    assert "advies aan anderen" in card and "inzicht opgedaan" in card
    assert sum("vaste koppels" in q for q in quotes) == 1  # a lesson on its own is untouched
    assert len(quotes) == 2


def test_the_library_shows_a_shared_quote_once_with_both_types(
    overlapping: Path, tmp_path: Path
) -> None:
    result = write_library(overlapping, tmp_path / "lib", allow_original_text=True)
    assert result.n_lessons == 2
    page = (tmp_path / "lib" / "index.html").read_text("utf-8")
    cards = [c for c in page.split('<article class="lesson')[1:] if "Mijn tip" in c]
    assert len(cards) == 1
    assert "advies aan anderen" in cards[0].lower() and "inzicht opgedaan" in cards[0].lower()
    # the search index lists both types, so the type filter finds the card by either
    index = re.search(r'id="lesson-index">(.*?)</script>', page, re.S)
    assert index is not None and '"types":["insight","advice"]' in index.group(1)


def test_one_per_quote_keeps_lessons_of_other_documents_apart() -> None:
    import pandas as pd

    from sokwal_monitor.summary.lessons import one_per_quote

    rows = pd.DataFrame({
        "lesson_id": ["a", "b", "c", "d"], "doc_id": ["d1", "d2", "d1", "d1"],
        "start_char": [0, 0, 5, 30], "end_char": [10, 10, 20, 40],
        "type": ["advice", "advice", "insight", "advice"], "themes": ["", "", "", ""],
        "text": ["0123456789", "x" * 10, "56789abcdefghij", "t" * 10],
    })  # fmt: skip
    out = one_per_quote(rows)
    assert list(out["lesson_ids"]) == ["c;a", "b", "d"]
    assert out.loc[0, "text"] == "0123456789abcdefghij" and out.loc[0, "end_char"] == 20
    assert one_per_quote(rows.iloc[:0]).empty


# -- round 5's cue families: made-up sentences that must fire ------------------------------


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # insight: understood only then, what turned out, the odd thing, a discovery, a
        # conclusion in minutes, what does not work, a reported general truth, hindsight
        ("Toen begreep ik het pas: een brief leest hier niemand.", "insight"),
        ("Wat bleek: de ouders wilden vooral zelf meedenken.", "insight"),
        ("Het gekke is dat de stilste buren het vaakst komen.", "insight"),
        ("Dat was echt een ontdekking voor ons: jongeren bellen niet terug.", "insight"),
        ("De penningmeester stelt vast dat de bar alleen draait met een vaste ploeg.",
         "insight"),
        ("Wat ook niet werkt, is mensen een maand laten wachten.", "insight"),
        ("Een vrijwilliger zegt dat ouderen liever niet in een grote zaal zitten.", "insight"),
        ("Nu weten we dat een brief niet werkt.", "insight"),
        ("Als je het een cursus noemt, dan blijven de mannen weg.", "insight"),
        ("De bar draait goed, maar alleen als er genoeg mensen achter staan.", "insight"),
        ("Dat is een groot verschil met de eerste jaren.", "insight"),
        # changed practice: before and now, instead of, a fixed part now, now with any
        # subject or a passive, "since" with a consequence or "er is"
        ("Voorheen stond er één vrijwilliger achter de bar.", "changed_practice"),
        ("Ik bel ze nu gewoon in plaats van een brief te sturen.", "changed_practice"),
        ("De koffieochtend is een vast onderdeel van de week geworden.", "changed_practice"),
        ("De wijkverpleging neemt nu standaard onze folder mee.", "changed_practice"),
        ("Nieuwe vrijwilligers worden nu eerst ingewerkt door een maatje.", "changed_practice"),
        ("Dus nu kom ik pas na de pauze binnen.", "changed_practice"),
        ("Geen lange vergaderingen meer.", "changed_practice"),
        ("Sinds maart is er een tweede groep op woensdag.", "changed_practice"),
        ("Daarom staat er sinds de zomer een bankje bij de ingang.", "changed_practice"),
        ("De formulieren zijn van vier kantjes naar één A4'tje teruggebracht.",
         "changed_practice"),
        # do differently: a next change, a mistake of ours, too fast, a counterfactual
        ("Bij een volgende verbouwing worden de buren eerst uitgenodigd.", "do_differently"),
        ("Dat was echt een misser van ons.", "do_differently"),
        ("De verhoging is te snel en zonder overleg ingevoerd.", "do_differently"),
        ("Als ik het over zou doen, zou ik geen brief sturen maar langsgaan.",
         "do_differently"),
        ("Als we de school eerder hadden gevraagd, waren er meer kinderen gekomen.",
         "do_differently"),
        ("Er had vanaf de eerste avond iemand van de gemeente bij moeten zijn.",
         "do_differently"),
        # advice: the separable verb, "zorg voor"
        ("Gemeenten die willen beginnen, raden wij aan om klein te starten.", "advice"),
        ("Zorg voor een vaste plek.", "advice"),
        # shared: others called, got or use ours; a presentation done, sent round, passed
        # on, exchanged; we went to look; taken over from them
        ("Daarna hebben twee dorpshuizen ons gebeld om het te horen.", "shared"),
        ("Die hebben onze begroting en het rooster gekregen.", "shared"),
        ("We hebben op de regiodag een presentatie gedaan over onze aanpak.", "shared"),
        ("Het Excel-bestand heb ik rondgestuurd.", "shared"),
        ("Vier coöperaties gebruiken het nu.", "shared"),
        ("De vragenlijst is doorgegeven aan twee andere kernen.", "shared"),
        ("We wisselen elk kwartaal thema's en werkbladen met het taalcafé uit.", "shared"),
        ("We zijn bij de Huiskamer in het buurdorp gaan kijken.", "shared"),
        ("Van hen hebben we het idee van de ruilkast.", "shared"),
        ("We hebben verteld hoe het met de aannemer was gegaan.", "shared"),
    ],
)  # fmt: skip
def test_round5_cues_type_made_up_sentences(sentence: str, expected: str) -> None:
    found = classify(sentence)
    assert found is not None and found[0] == expected, (sentence, found)


# -- hostile cases: the same words where they say something else -----------------------------


@pytest.mark.parametrize(
    ("sentence", "not_type"),
    [
        # sharing counts only when it happened
        ("Als ik het over zou doen, zou ik er ook op bezoek gaan.", "shared"),
        ("Er had iemand van de gemeente moeten meelopen.", "shared"),
        ("Er had vanaf de eerste avond iemand van ons of van een bureau moeten meelopen.",
         "shared"),
        ("En zorg dat je ze het rooster op tijd stuurt.", "shared"),
        ("Een kookboek bleek een goede manier om ervaringen te delen.", "shared"),
        ("Ze heeft op een ouderavond verteld hoe het is, met haar moeder.", "shared"),
        # no change of practice: a role or a job since a date, speech, a habit in general
        ("Onze coördinator, die sinds 2021 in dienst is, werkt nu 24 uur.", "changed_practice"),
        ("Nu zeg ik tegen iedereen: schrijf het op.", "changed_practice"),
        ("Het is funest voor een vaste gewoonte als de coach uitvalt.", "changed_practice"),
        ("Nu weten we beter.", "changed_practice"),
        # no advice to other initiatives: a tip for participants
        ("Tip voor deelnemers: kijk op de website voor de agenda.", "advice"),
    ],
)  # fmt: skip
def test_round5_cues_leave_hostile_sentences_alone(sentence: str, not_type: str) -> None:
    found = classify(sentence)
    assert found is None or found[0] != not_type, (sentence, found)


@pytest.mark.parametrize(
    "sentence",
    [
        "Als we geld hadden, zouden we een bus kopen.",  # "hadden" without a participle
        "Nu weten we nog niet wie de voorzitter wordt.",
        "Volgende keer in de nieuwsbrief: een interview met de wijkagent.",
        "Sinds oktober is Anna beheerder van het dorpshuis.",  # a role
        "In de cursus kwam aan bod hoe je merkt dat iemand verward raakt.",
        "Als we gegeten hebben, ruimen we samen op.",
        "De vergadering begon om acht uur in het dorpshuis.",
    ],
)
def test_round5_hostile_sentences_are_no_lessons(sentence: str) -> None:
    assert classify(sentence) is None, sentence


# -- structure: a lessons heading that names the type, and continuations --------------------

REPORT5 = (
    "# Jaarverslag\n\n"
    "## Wat we nu anders doen\n\n"
    "De werkgroep vergadert één keer per maand in het dorpshuis.\n\n"
    "## Lessen\n\n"
    "Uitnodigen doen we niet meer via de school. De kinderen melden zich zelf aan via een"
    " appnummer.\n\n"
    "## Wat zouden we anders doen\n\n"
    "Meer tijd voor de start van de werkgroep.\n"
)


def test_a_lessons_heading_types_its_section_and_paragraphs_go_on(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2024_rapport.md").write_text(REPORT5, "utf-8")
    store = tmp_path / "s.sokwal"
    ingest(store, root)
    find_lessons(store)
    table = lessons(store)
    typed = {" ".join(t.split()): k for t, k in zip(table["text"], table["type"], strict=True)}
    # "Wat we nu anders doen" (present, no conditional) names changed practice
    assert typed["De werkgroep vergadert één keer per maand in het dorpshuis."] == (
        "changed_practice"
    )
    # a sentence the heading alone types goes on with the lesson before it
    assert any("appnummer" in t and k == "changed_practice" for t, k in typed.items()), typed
    # "Wat zouden we anders doen" still asks for do_differently
    assert typed["Meer tijd voor de start van de werkgroep."] == "do_differently"


# -- the lessons table, whatever was imported first ------------------------------------------


def test_the_report_fixture_puts_the_real_lessons_table_back(overlapping: Path) -> None:
    """The reports' stand-in table replaced the real one for the rest of the process, so
    tests that ran after it on the same xdist worker saw no lessons."""
    import pandas as pd
    from fixtures.lessons import lessons_table

    from sokwal_monitor.summary.lessons import lessons_of

    with lessons_table(lambda store: pd.DataFrame()):
        assert lessons_of(overlapping).empty
    assert len(lessons_of(overlapping)) == 3
