"""Linking across documents does not spread a false name: a name that is also a place
("Holten", a village and a surname) is replaced only where the person was found with
a strong cue, not in every document of the project."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.pseudonymized import pseudonymized_texts

from sokwal_monitor.ingestion import ingest
from sokwal_monitor.privacy import pseudonymize
from sokwal_monitor.privacy.detect import deduce_pipeline
from sokwal_monitor.privacy.entities import DocHits, Pseudonyms
from sokwal_monitor.privacy.lists import Hit
from sokwal_monitor.store import ProjectStore


@pytest.fixture(scope="module", autouse=True)
def _deduce() -> None:
    deduce_pipeline()


FILES = {
    # a heading with a full name whose surname is a village, and the surname alone later
    "P01_2023_verslag.md": (
        "# Willem Holten\n\n"
        "Willem Holten opende de avond in de buurtkamer. Daarna vertelde Holten over de "
        "moestuin. Ook Kees Bakker was er.\n"
    ),
    # the village, in other documents of the same project
    "P01_2023_interview.txt": (
        "I: Waar is het project begonnen?\n"
        "R: In Holten, in de buurtkamer. Veel mensen uit Holten kwamen kijken; Bakker "
        "zette koffie.\n"
    ),
    "P01_2024_interview.txt": (
        "I: En nu?\nR: De groep in Holten groeit. Mevrouw Holten komt ook elke week.\n"
    ),
}


@pytest.fixture(scope="module")
def texts(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    return pseudonymized_texts(tmp_path_factory.mktemp("linking"), FILES)


def test_a_place_that_is_a_surname_stays_in_the_other_documents(texts: dict[str, str]) -> None:
    interview = texts["P01_2023_interview.txt"]
    assert interview.count("Holten") == 2, interview


def test_the_person_is_still_replaced_where_the_name_was_found(texts: dict[str, str]) -> None:
    report = texts["P01_2023_verslag.md"]
    assert "Willem" not in report and "Holten" not in report, report


def test_a_title_is_a_strong_cue_in_its_own_document(texts: dict[str, str]) -> None:
    later = texts["P01_2024_interview.txt"]
    assert "Mevrouw Holten" not in later and "Mevrouw [PERSOON-" in later, later
    assert "De groep in Holten" in later  # the village stays beside it


def test_a_surname_that_is_no_place_is_still_linked_everywhere(texts: dict[str, str]) -> None:
    assert "Bakker" not in texts["P01_2023_interview.txt"]
    assert "Bakker" not in texts["P01_2023_verslag.md"]


def _assign(docs: list[tuple[str, str, list[str]]]) -> dict[str, list[str]]:
    """Document id -> the mentions replaced, for documents given with their found names."""
    hits = []
    for doc_id, text, names in docs:
        found = [Hit(text.index(n), text.index(n) + len(n), "PERSOON", n) for n in names]
        hits.append(DocHits(doc_id, "P01", text, found))
    edits = Pseudonyms().assign(hits)
    return {d.doc_id: [d.text[e.start : e.end] for e in edits[d.doc_id]] for d in hits}


def test_linking_spreads_a_place_form_only_with_a_strong_cue() -> None:
    replaced = _assign([
        ("a", "Holten. Gesprek in Holten met buren.", ["Holten"]),  # a heading taken for a name
        ("b", "Fietsen naar Holten en Markelo.", []),
        ("c", "Dhr. Holten belde. Holten zei dat hij kwam.", ["Holten"]),
    ])  # fmt: skip
    assert replaced["a"] == ["Holten"]  # found there: kept replaced; not spread in it
    assert replaced["b"] == []
    assert replaced["c"] == ["Holten", "Holten"]  # a title: the name spreads in its document


def test_a_name_that_is_no_place_spreads_as_before() -> None:
    replaced = _assign([
        ("a", "Gesprek met Wuppie.", ["Wuppie"]),
        ("b", "Wuppie kwam later. Daarna Wuppie weer.", []),
    ])  # fmt: skip
    assert replaced["b"] == ["Wuppie", "Wuppie"]


def test_a_resident_s_surname_does_not_take_a_curated_phrase_apart(tmp_path: Path) -> None:
    """A resident called De Jong is linked to every further "De Jong" of the corpus, but
    not to the one inside the loneliness scale named after Jenny de Jong Gierveld."""
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2023_interview.txt").write_text(
        "I: Wie kwam er?\nR: Mevrouw De Jong uit de Dorpsstraat kwam elke week. De Jong"
        " bakte altijd een taart.\n",
        "utf-8",
    )
    (root / "P01_2023_verslag.txt").write_text(
        "We maten eenzaamheid met de De Jong Gierveld-schaal, in de versie van Jenny de Jong"
        " Gierveld. De Jong was er ook weer bij.\n",
        "utf-8",
    )
    store = tmp_path / "s.sokwal"
    assert ingest(store, root, progress=False).exit_code == 0
    pseudonymize(store, tmp_path / "s.sokwal-key", progress=False, encrypt_key=False)
    with ProjectStore(store) as s:
        docs = s.documents()
        texts = {p: s.text(d) or "" for p, d in zip(docs["path"], docs["doc_id"], strict=True)}
    report = next(t for p, t in texts.items() if p.endswith("verslag.txt"))
    interview = next(t for p, t in texts.items() if p.endswith("interview.txt"))
    assert "De Jong Gierveld-schaal" in report
    assert "Jenny de Jong Gierveld" in report
    assert "De Jong was er" not in report  # the person, outside the phrase, is replaced
    assert "De Jong" not in interview
