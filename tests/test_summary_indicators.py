"""Reach and outcome indicators (sokwal_monitor.summary.indicators) in real stores.

Two stores: one ingested from files this module writes (``small``: every expected row
below is read off those texts by hand) and the real sample in ``data/sample`` (``sample``:
the values are the ones the sample reports and interviews state; the comments quote them).
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.store import ProjectStore
from sokwal_monitor.summary.indicators import (
    HEDGED,
    INDICATOR_COLUMNS,
    INDICATORS,
    OVERVIEW_COLUMNS,
    find_indicators,
    indicator_overview,
    indicators_in_text,
    parse_number,
)

SAMPLE = Path("data/sample")

#: An interview: the interviewer's numbers must not count, the respondent's must.
INTERVIEW = (
    "Interviewer: Hoeveel deelnemers zijn er? Zo'n 30 deelnemers?\n"
    "Respondent: Nee, een stuk of vijfentwintig deelnemers. Eén deelnemer kwam met de bus.\n"
    "Interviewer: En op de eerste avond?\n"
    "Respondent: Honderdtwintig mensen, en we hebben nu 9 koks en drie dorpsavonden gehad.\n"
)
#: A report: one paragraph per case (the md reader makes each paragraph a segment).
REPORT = (
    "# Eindverslag Samen aan Tafel\n\n"
    "Er kwamen 40 mensen op de eerste avond.\n\n"
    "We hebben nu 23 vrijwilligers en ruim 1.200 bezoekers per jaar.\n\n"
    "Elke week komen zo'n twintig deelnemers; in totaal zijn 12 bijeenkomsten georganiseerd.\n\n"
    "Het aantal leden groeide van 80 naar 140 leden.\n\n"
    "Het aantal mantelzorgers steeg in 2019 tot 35.\n\n"
    "Met 1 250 bezoekers en tweeënvijftig jonge mantelzorgers, circa 2,5 activiteiten per week.\n\n"
    "In 2019 is 40% van de deelnemers tevreden; 58 procent van de huishoudens doet mee.\n\n"
    "De begroting was € 18.500 en de eigen bijdrage zes euro per maaltijd.\n\n"
    "We beginnen om 19.30 uur op 12 maart 2020, bel 06-12345678 of kom naar Kerkstraat 12.\n\n"
    "Het doel is 50 deelnemers en we hopen op honderd bezoekers.\n\n"
    "Er waren tientallen deelnemers en honderden bezoekers.\n\n"
    "| Indicator | 2018 | 2019 |\n"
    "|---|---|---|\n"
    "| Huishoudens | 310 | 325 |\n"
)

#: (wave, kind, indicator, value, qualifier, the phrase the offsets slice out), in order.
EXPECTED = [
    # the interview (wave 2018) comes before the report (2019); the interviewer's
    # "Zo'n 30 deelnemers" and the respondent's "Eén deelnemer" are not there
    ("2018", "interview", "deelnemers", 25.0, HEDGED, "vijfentwintig deelnemers"),
    ("2018", "interview", "personen", 120.0, "", "Honderdtwintig mensen"),
    ("2018", "interview", "vrijwilligers", 9.0, "", "9 koks"),
    ("2018", "interview", "bijeenkomsten/activiteiten", 3.0, "", "drie dorpsavonden"),
    ("2019", "report", "personen", 40.0, "", "40 mensen"),
    ("2019", "report", "vrijwilligers", 23.0, "", "23 vrijwilligers"),
    ("2019", "report", "bezoekers", 1200.0, HEDGED, "1.200 bezoekers"),
    ("2019", "report", "deelnemers", 20.0, HEDGED, "twintig deelnemers"),
    ("2019", "report", "bijeenkomsten/activiteiten", 12.0, "", "12 bijeenkomsten"),
    ("2019", "report", "leden", 80.0, "", "80 naar 140 leden"),
    ("2019", "report", "leden", 140.0, "", "140 leden"),
    ("2019", "report", "mantelzorgers", 35.0, "", "aantal mantelzorgers steeg in 2019 tot 35"),
    ("2019", "report", "bezoekers", 1250.0, "", "1 250 bezoekers"),
    ("2019", "report", "mantelzorgers", 52.0, "", "tweeënvijftig jonge mantelzorgers"),
    ("2019", "report", "bijeenkomsten/activiteiten", 2.5, HEDGED, "2,5 activiteiten"),
    # the table: the header's years are no values, the row's numbers are
    ("2019", "report", "huishoudens", 310.0, "", "Huishoudens | 310"),
    ("2019", "report", "huishoudens", 325.0, "", "Huishoudens | 310 | 325"),
]


def write_small(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "P01_2018_interview.txt").write_text(INTERVIEW, encoding="utf-8")
    (root / "P01_2019_rapport.md").write_text(REPORT, encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectStore]:
    root = write_small(tmp_path_factory.mktemp("indicators"))
    with ProjectStore(root / "s.sokwal") as store:
        report = ingest(store, root)
        assert report.exit_code == 0, report.to_frame()
        yield store


@pytest.fixture(scope="module")
def sample(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectStore]:
    with ProjectStore(tmp_path_factory.mktemp("sample") / "s.sokwal") as store:
        report = ingest(store, SAMPLE)
        assert report.exit_code == 0, report.to_frame()
        yield store


@pytest.fixture(scope="module")
def sample_rows(sample: ProjectStore) -> pd.DataFrame:
    return find_indicators(sample)


def _phrases(store: ProjectStore, frame: pd.DataFrame) -> list[str]:
    return [
        store.text(d)[s:e]
        for d, s, e in zip(frame["doc_id"], frame["start_char"], frame["end_char"], strict=True)
    ]


def _rows(frame: pd.DataFrame, **where: object) -> list[tuple[str, float, str]]:
    """``(indicator, value, qualifier)`` of the rows whose columns equal ``where``."""
    keep = pd.Series(True, index=frame.index)
    for column, value in where.items():
        keep &= frame[column] == value
    part = frame[keep]
    return list(zip(part["indicator"], part["value"], part["qualifier"], strict=True))


# -- the small store: exact rows -------------------------------------------------------


def test_exact_rows_of_small_store(small: ProjectStore) -> None:
    frame = find_indicators(small)
    assert tuple(frame.columns) == INDICATOR_COLUMNS
    got = list(
        zip(
            frame["wave"],
            frame["kind"],
            frame["indicator"],
            frame["value"],
            frame["qualifier"],
            _phrases(small, frame),
            strict=True,
        )
    )
    assert got == EXPECTED
    assert set(frame["project_id"]) == {"P01"}
    assert frame["value"].dtype == "float64"
    assert frame["start_char"].dtype == "int64" and frame["end_char"].dtype == "int64"


def test_offsets_and_segments_agree(small: ProjectStore) -> None:
    frame = find_indicators(small)
    segments = small.segments(with_metadata=True).set_index("segment_id")
    for row in frame.itertuples(index=False):
        seg = segments.loc[row.segment_id]
        assert seg["doc_id"] == row.doc_id and seg["kind"] == row.kind
        assert seg["start_char"] <= row.start_char < row.end_char <= seg["end_char"]
        if row.kind == "interview":
            assert seg["role"] == "respondent"
        phrase = small.text(row.doc_id)[row.start_char : row.end_char]
        assert " ".join(phrase.split()) in row.text


def test_text_is_the_sentence(small: ProjectStore) -> None:
    frame = find_indicators(small).set_index("value")
    assert frame.loc[1200.0, "text"] == (
        "We hebben nu 23 vrijwilligers en ruim 1.200 bezoekers per jaar."
    )
    # two sentences in one turn: only the one with the number
    assert frame.loc[25.0, "text"] == "Nee, een stuk of vijfentwintig deelnemers."
    assert frame.loc[12.0, "text"] == (
        "Elke week komen zo'n twintig deelnemers; in totaal zijn 12 bijeenkomsten georganiseerd."
    )


def test_interviewer_turns_do_not_count(small: ProjectStore) -> None:
    frame = find_indicators(small, kinds="interview")
    assert 30.0 not in set(frame["value"])  # "Zo'n 30 deelnemers?" is the interviewer's
    roles = small.segments().set_index("segment_id")["role"]
    assert set(roles[frame["segment_id"]]) == {"respondent"}


def test_years_percentages_money_times_targets_not_counted(small: ProjectStore) -> None:
    values = set(find_indicators(small)["value"])
    for value in (2018, 2019, 2020, 58, 18500, 6, 19, 30, 12345678, 50, 100):
        assert float(value) not in values, value
    # 40 is there once: "40 mensen", not "40%"
    frame = find_indicators(small)
    assert _rows(frame, value=40.0) == [("personen", 40.0, "")]


def test_kinds_and_project_filters(small: ProjectStore) -> None:
    assert set(find_indicators(small, kinds=("report",))["kind"]) == {"report"}
    assert len(find_indicators(small, kinds=["interview"])) == 4
    assert find_indicators(small, kinds=()).empty
    assert find_indicators(small, project_id="P02").empty
    assert len(find_indicators(small, project_id=["P01", "P02"])) == len(EXPECTED)
    with pytest.raises(ValueError, match="unknown document kind"):
        find_indicators(small, kinds=("rapport",))


def test_custom_indicators(small: ProjectStore) -> None:
    custom = {"koks": ("kok", "koks"), "avonden": ("*avond", "*avonden")}
    frame = find_indicators(small, indicators=custom)
    got = list(zip(frame["indicator"], frame["value"], _phrases(small, frame), strict=True))
    # "40 mensen op de eerste avond": "mensen" is no noun of these, "op" ends the search
    assert got == [("koks", 9.0, "9 koks"), ("avonden", 3.0, "drie dorpsavonden")]
    assert "vrijwilligers" in INDICATORS  # the default vocabulary is untouched
    with pytest.raises(ValueError, match="no nouns"):
        find_indicators(small, indicators={"leeg": ()})
    with pytest.raises(ValueError, match="not one word"):
        find_indicators(small, indicators={"zorgers": ("jonge mantelzorgers",)})
    with pytest.raises(ValueError, match="non-empty"):
        find_indicators(small, indicators={})


def test_deterministic(small: ProjectStore) -> None:
    pd.testing.assert_frame_equal(find_indicators(small), find_indicators(small))


def test_overview_of_small_store(small: ProjectStore) -> None:
    overview = indicator_overview(find_indicators(small))
    assert tuple(overview.columns) == OVERVIEW_COLUMNS
    got = list(
        zip(
            overview["wave"],
            overview["indicator"],
            overview["value"],
            overview["n_mentions"],
            strict=True,
        )
    )
    assert got == [
        ("2018", "bijeenkomsten/activiteiten", 3.0, 1),
        ("2018", "deelnemers", 25.0, 1),
        ("2018", "personen", 120.0, 1),
        ("2018", "vrijwilligers", 9.0, 1),
        ("2019", "bezoekers", 1250.0, 2),
        ("2019", "bijeenkomsten/activiteiten", 12.0, 2),
        ("2019", "deelnemers", 20.0, 1),
        ("2019", "huishoudens", 325.0, 2),
        ("2019", "leden", 140.0, 2),
        ("2019", "mantelzorgers", 52.0, 2),
        ("2019", "personen", 40.0, 1),
        ("2019", "vrijwilligers", 23.0, 1),
    ]
    examples = overview.set_index(["wave", "indicator"])["example"]
    assert examples[("2019", "leden")] == "Het aantal leden groeide van 80 naar 140 leden."
    assert examples[("2019", "bezoekers")] == (
        "Met 1 250 bezoekers en tweeënvijftig jonge mantelzorgers, circa 2,5 activiteiten per week."
    )
    assert set(overview["project_id"]) == {"P01"}
    assert overview["n_mentions"].dtype == "int64"


def test_overview_checks_its_input(small: ProjectStore) -> None:
    with pytest.raises(ValueError, match="lacks the column"):
        indicator_overview(pd.DataFrame({"project_id": ["P01"]}))
    empty = indicator_overview(find_indicators(small, project_id="P02"))
    assert tuple(empty.columns) == OVERVIEW_COLUMNS and empty.empty


def test_empty_store(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "e.sokwal") as store:
        frame = find_indicators(store)
        assert frame.empty and tuple(frame.columns) == INDICATOR_COLUMNS
        assert frame["value"].dtype == "float64" and frame["start_char"].dtype == "int64"
        overview = indicator_overview(frame)
        assert overview.empty and tuple(overview.columns) == OVERVIEW_COLUMNS


def test_store_without_numbers(tmp_path: Path) -> None:
    (tmp_path / "P02_2019_rapport.txt").write_text(
        "Er waren tientallen deelnemers.\n\nHet ging goed.\n", encoding="utf-8"
    )
    with ProjectStore(tmp_path / "s.sokwal") as store:
        ingest(store, tmp_path)
        frame = find_indicators(store)
        assert frame.empty and tuple(frame.columns) == INDICATOR_COLUMNS


# -- the rules, one text at a time -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("40", 40.0),
        ("1.200", 1200.0),
        ("1 200", 1200.0),
        ("1\u00a0200", 1200.0),
        ("12.345.678", 12345678.0),
        ("2,5", 2.5),
        ("1.200,50", 1200.5),
        ("twaalf", 12.0),
        ("vijfentwintig", 25.0),
        ("tweeënvijftig", 52.0),
        ("Honderdtwintig", 120.0),
        ("tweehonderdtwaalf", 212.0),
        ("negentienhonderd", 1900.0),
        ("achtduizend", 8000.0),
        ("honderdvijfenveertigduizend", 145000.0),
        ("één", 1.0),
        ("een", None),
        ("tientallen", None),
        ("honderden", None),
        ("tweede", None),
        ("40%", None),
        ("12.00", None),
        ("1.2", None),
        ("06-41873265", None),
        ("11-09-1936", None),
        ("1 2", None),
        ("", None),
    ],
)
def test_parse_number(text: str, value: float | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize(
    "hedge",
    [
        "ruim",
        "zo'n",
        "zo’n",
        "circa",
        "ca.",
        "ongeveer",
        "bijna",
        "meer dan",
        "rond de",
        "een stuk of",
        "naar schatting",
        "±",
    ],
)
def test_hedges(hedge: str) -> None:
    text = f"Er kwamen {hedge} 40 deelnemers."
    [match] = indicators_in_text(text)
    assert (match.value, match.qualifier, text[match.start : match.end]) == (
        40.0,
        HEDGED,
        "40 deelnemers",
    )


@pytest.mark.parametrize(
    "text",
    [
        "In 2019 bezoekers uit de hele regio.",  # a year
        "© 2019 Stichting Welzijn Vechtoever",  # a year before a name
        "Sinds 2018 deelnemers van buiten.",  # after "sinds"
        "40% van de deelnemers is tevreden.",
        "Ruim 40 procent van de deelnemers.",
        "Zij betalen € 500 deelnemersbijdrage.",
        "De bijdrage is zes euro per maaltijd.",
        "Zij is 87 jaar en komt twee keer per week naar de activiteiten.",
        "Om 19.30 uur komen de deelnemers.",
        "Op 12 maart vrijwilligers gezocht.",
        "De bibliotheek is vijf ochtenden per week open.",
        "Het doel is 50 deelnemers.",
        "Ik hoop op tweehonderd leden eind dit jaar.",
        "Het bereik lag boven de verwachting van 25 deelnemers.",
        "Je kunt het niet met twee mensen doen.",
        "Eén deelnemer vertelde over haar ervaringen.",
        "Het hangt af van één of twee mensen.",
        "Er waren tientallen deelnemers en honderden bezoekers.",
        "Er waren 40. Deelnemers kwamen later.",  # the sentence ends between them
        "Er waren 40, deelnemers kwamen later.",
        "Bel 06-41873265, vrijwilligers zijn welkom.",
        "Het aantal leden is in twee jaar met ruim de helft gegroeid.",
        "Het aantal leden groeide met 30 procent.",
        "Contributie leden | 5.280",  # a money row of a table
        "Indicator | 2018 | 2019",
        "Vijf bestuursleden en drie werkgroepen.",  # "leden" only as a whole word
        "Per jaar € 40 deelnemers en EUR 30 deelnemers.",  # money, whatever follows
        "Er waren 40 mooie grote warme gezellige bijeenkomsten.",  # four words between
    ],
)
def test_not_counted(text: str) -> None:
    assert indicators_in_text(text) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We hebben nu 23 vrijwilligers.", [("vrijwilligers", 23.0, "", "23 vrijwilligers")]),
        (
            "Het aantal leden groeide van 80 naar 140.",
            [
                ("leden", 80.0, "", "aantal leden groeide van 80"),
                ("leden", 140.0, "", "aantal leden groeide van 80 naar 140"),
            ],
        ),
        (
            "Er waren 15 à 20 deelnemers en 20-25 vrijwilligers.",
            [
                ("deelnemers", 15.0, HEDGED, "15 à 20 deelnemers"),
                ("deelnemers", 20.0, HEDGED, "20 deelnemers"),
                ("vrijwilligers", 20.0, HEDGED, "20-25 vrijwilligers"),
                ("vrijwilligers", 25.0, HEDGED, "25 vrijwilligers"),
            ],
        ),
        (
            "In 2019 zijn elf Even Jij!-middagen georganiseerd.",
            [("bijeenkomsten/activiteiten", 11.0, "", "elf Even Jij!-middagen")],
        ),
        (
            "Negen buddy's en 35 jonge mantelzorgers.",
            [
                ("vrijwilligers", 9.0, "", "Negen buddy's"),
                ("mantelzorgers", 35.0, "", "35 jonge mantelzorgers"),
            ],
        ),
        (
            "Gemiddeld aantal deelnemers per maaltijd: 16",
            [
                ("deelnemers", 16.0, "", "aantal deelnemers per maaltijd: 16"),
            ],
        ),
        ("Vrijwilligers: ca. 23", [("vrijwilligers", 23.0, HEDGED, "Vrijwilligers: ca. 23")]),
        ("Ruim 2000 bezoekers per jaar.", [("bezoekers", 2000.0, HEDGED, "2000 bezoekers")]),
        (
            "Er waren 40 mooie grote warme bijeenkomsten.",  # three words between: counted
            [("bijeenkomsten/activiteiten", 40.0, "", "40 mooie grote warme bijeenkomsten")],
        ),
        (
            "Er zijn 12 nieuwe leden, 4 scholen en 7 partners.",
            [
                ("leden", 12.0, "", "12 nieuwe leden"),
                ("partners/organisaties", 4.0, "", "4 scholen"),
                ("partners/organisaties", 7.0, "", "7 partners"),
            ],
        ),
    ],
)
def test_found(text: str, expected: list[tuple[str, float, str, str]]) -> None:
    got = [
        (m.indicator, m.value, m.qualifier, text[m.start : m.end]) for m in indicators_in_text(text)
    ]
    assert got == expected


@pytest.mark.parametrize(
    "text",
    [
        " ".join(str(i % 10) for i in range(50_000)),  # 100 000 digits and spaces
        " ".join("123" for _ in range(25_000)),  # one long "1 200"-style number
        "1" + ".000" * 25_000,  # one long "1.200"-style number
        "-".join("12" for _ in range(33_000)),
        "Leden | " + " | ".join("12" for _ in range(25_000)),
        "aantal deelnemers " * 6_000,
        "ruim " * 20_000 + "40 deelnemers",
        "1," * 50_000,
        "40" + " \n \t" * 25_000 + "deelnemers",
        "aantal deelnemers" + " \n" * 50_000 + "40",
    ],
)
def test_hostile_text_is_fast(text: str) -> None:
    started = time.perf_counter()
    indicators_in_text(text)
    assert time.perf_counter() - started < 2.0


def test_hostile_segment_in_store_is_fast(tmp_path: Path) -> None:
    digits = " ".join(str(i % 10) for i in range(50_000)) + " deelnemers\n"
    (tmp_path / "P09_2020_rapport.txt").write_text(digits, encoding="utf-8")
    with ProjectStore(tmp_path / "s.sokwal") as store:
        ingest(store, tmp_path)
        started = time.perf_counter()
        frame = find_indicators(store)
        assert time.perf_counter() - started < 3.0
    # the last digit is followed by the noun: that one counts, nothing else does
    assert list(zip(frame["indicator"], frame["value"], strict=True)) == [("deelnemers", 9.0)]


def test_many_matches_are_fast() -> None:
    text = " ".join(f"{i + 2} deelnemers" for i in range(10_000))
    started = time.perf_counter()
    found = indicators_in_text(text)
    assert time.perf_counter() - started < 3.0
    assert [m.value for m in found[:3]] == [2.0, 3.0, 4.0] and len(found) == 10_000


# -- the real sample -------------------------------------------------------------------


def test_sample_every_report_has_an_indicator(
    sample: ProjectStore, sample_rows: pd.DataFrame
) -> None:
    docs = sample.documents()
    reports = docs[docs["kind"] == "report"]
    assert sorted(reports["project_id"]) == ["P01", "P02", "P03", "P04", "P05"]
    found = sample_rows[sample_rows["kind"] == "report"]
    assert set(found["doc_id"]) == set(reports["doc_id"])


def test_sample_report_values(sample_rows: pd.DataFrame) -> None:
    reports = sample_rows[sample_rows["kind"] == "report"]
    # P01 (PDF): "Drie vrijwillige chauffeurs halen deelnemers uit het buitengebied op."
    # (its numbers table has one paragraph per cell; "de verwachting van 25 deelnemers"
    # is a target)
    assert _rows(reports, project_id="P01") == [("vrijwilligers", 3.0, "")]
    # P02 (HTML): "In 2019 zijn elf Even Jij!-middagen georganiseerd, twee uitjes ...";
    # "Negen buddy's"; "jongerenwerkers uit vijf gemeenten"; and its table, one paragraph
    # per cell: "Jonge mantelzorgers in beeld | 31 | 52", "Regelmatige deelnemers
    # activiteiten | 14 | 35", "[PERSOON-44]'s (vrijwilligers) | 3 | 9" (the pseudonym is
    # no noun), "Scholen met vaste afspraken | 1 | 3", "Aanmeldingen door jongeren zelf"
    assert set(_rows(reports, project_id="P02")) == {
        ("bijeenkomsten/activiteiten", 11.0, ""),
        ("bijeenkomsten/activiteiten", 2.0, ""),
        ("vrijwilligers", 9.0, ""),
        ("partners/organisaties", 5.0, ""),
        ("mantelzorgers", 31.0, ""),
        ("mantelzorgers", 52.0, ""),
        ("deelnemers", 14.0, ""),
        ("deelnemers", 35.0, ""),
        ("vrijwilligers", 3.0, ""),
        ("partners/organisaties", 1.0, ""),
        ("partners/organisaties", 3.0, ""),
        ("personen", 2.0, ""),
        ("personen", 17.0, ""),
    }
    table = reports[reports["text"] == "Jonge mantelzorgers in beeld: 31, 52"]
    assert table["value"].tolist() == [31.0, 52.0]
    # P03 (Word): "ongeveer 600 bezoekers per week ... circa 210 bezoekers per week";
    # not "vijf ochtenden per week open"; not its table of volunteers per group, whose
    # one row "Activiteiten en verhuur | 11" holds a vocabulary noun
    assert _rows(reports, project_id="P03") == [
        ("bezoekers", 600.0, HEDGED),
        ("bezoekers", 210.0, HEDGED),
    ]
    # P04 (Markdown, named by documents.csv): the table "Leden (huishoudens) | 140 | 212",
    # "Vrijwilligers | 20 | 34", ... and "ongeveer 180 inwoners geholpen"; not the money
    # table ("Contributie leden (2018-2019) | 5.280")
    p04 = set(_rows(reports, project_id="P04"))
    assert {("leden", 140.0, ""), ("leden", 212.0, ""), ("vrijwilligers", 34.0, "")} <= p04
    assert {("ritten", 1900.0, ""), ("personen", 180.0, HEDGED)} <= p04
    assert not {v for _, v, _ in p04} & {5280.0, 30000.0, 21000.0, 56280.0}
    # P05 (text): "door 312 van de 540 huishoudens ingevuld (58 procent)", "265 inwoners",
    # "41 jongeren", "38 inwoners", "drie dorpsavonden"
    assert _rows(reports, project_id="P05") == [
        ("bijeenkomsten/activiteiten", 3.0, ""),
        ("huishoudens", 540.0, ""),
        ("personen", 265.0, ""),
        ("personen", 41.0, ""),
        ("personen", 38.0, ""),
    ]


def test_sample_interview_values(sample: ProjectStore, sample_rows: pd.DataFrame) -> None:
    interviews = sample_rows[sample_rows["kind"] == "interview"]
    roles = sample.segments().set_index("segment_id")["role"]
    assert set(roles[interviews["segment_id"]]) == {"respondent"}
    # P04 2019: "We hebben nu tweehonderdtwaalf leden ... En vierendertig vrijwilligers.
    # De chauffeurs hebben dit jaar zo'n negentienhonderd ritten gereden"
    p04 = set(_rows(interviews, project_id="P04", wave="2019"))
    assert {("leden", 212.0, ""), ("vrijwilligers", 34.0, ""), ("ritten", 1900.0, HEDGED)} <= p04
    # P04 2018: "Honderdveertig huishoudens, nu. En een stuk of twintig vrijwilligers."
    # ("Ik hoop op tweehonderd leden eind dit jaar" is a hope)
    p04_2018 = set(_rows(interviews, project_id="P04", wave="2018"))
    assert {("huishoudens", 140.0, ""), ("vrijwilligers", 20.0, HEDGED)} <= p04_2018
    assert ("leden", 200.0, "") not in p04_2018
    # P02 2019: "We zitten nu op tweeënvijftig jonge mantelzorgers"
    assert ("mantelzorgers", 52.0, "") in _rows(interviews, project_id="P02", wave="2019")
    # P01 2019: "zevenentwintig vaste deelnemers bij de eetgroep, en we hebben elf vrijwilligers"
    p01 = _rows(interviews, project_id="P01", wave="2019")
    assert ("deelnemers", 27.0, "") in p01 and ("vrijwilligers", 11.0, "") in p01


def test_sample_no_years_money_or_percentages(
    sample: ProjectStore, sample_rows: pd.DataFrame
) -> None:
    values = set(sample_rows["value"])
    assert not values & {float(y) for y in range(2010, 2031)}
    assert not values & {18500.0, 12000.0, 145000.0, 60000.0, 32000.0, 9500.0, 58.0}
    # the value 1 only from a table cell ("Scholen met vaste afspraken | 1 | 3"), never
    # from running text ("één deelnemer vertelde")
    ones = sample_rows[sample_rows["value"] <= 1]
    assert ones["text"].tolist() == ["Scholen met vaste afspraken: 1, 3"]
    for row, phrase in zip(
        sample_rows.itertuples(index=False), _phrases(sample, sample_rows), strict=True
    ):
        assert " ".join(phrase.split()) in row.text
    order = ["project_id", "wave", "doc_id", "start_char"]
    assert sample_rows[order].equals(
        sample_rows.sort_values(order, kind="stable")[order].reset_index(drop=True)
    )


def test_sample_overview_and_filter(sample: ProjectStore) -> None:
    frame = find_indicators(sample, project_id="P04")
    assert set(frame["project_id"]) == {"P04"}
    overview = indicator_overview(frame).set_index(["wave", "indicator"])
    # 212 leden: in the 2019 interview and the report's table (which also says 140)
    assert overview.loc[("2019", "leden"), "value"] == 212.0
    assert overview.loc[("2019", "leden"), "n_mentions"] == 3
    assert overview.loc[("2019", "leden"), "example"] == (
        "We hebben nu tweehonderdtwaalf leden, huishoudens dan."
    )
    assert overview.loc[("2018", "huishoudens"), "value"] == 140.0


# -- tables whose cells are paragraphs of their own -------------------------------------


def _cells(texts: list[str]) -> list[tuple[int, str, float]]:
    from sokwal_monitor.summary.indicators.cells import cell_rows
    from sokwal_monitor.summary.indicators.vocabulary import _lexicon

    return [(m.position, m.indicator, m.value) for m in cell_rows(texts, _lexicon(None))]


def test_cells_read_row_by_row_are_a_table() -> None:
    texts = ["Indicator", "2018", "2019", "Leden", "80", "1.140", "Vrijwilligers", "20", "34"]
    assert _cells(texts) == [
        (4, "leden", 80.0),
        (5, "leden", 1140.0),
        (7, "vrijwilligers", 20.0),
        (8, "vrijwilligers", 34.0),
    ]


def test_cells_of_a_table_read_column_by_column_are_left_alone() -> None:
    """A PDF gives all labels, then all numbers: the last label is followed by a whole
    column, which is not a row."""
    labels = ["Vaste deelnemers", "Bezoekers per week", "Actieve vrijwilligers", "Ritten"]
    numbers = ["18", "16", "12", "160", "27", "23", "15", "210"]
    assert _cells(labels + numbers + ["Toelichting bij de tabel."]) == []


def test_cells_need_mostly_named_rows_and_no_money_or_pseudonyms() -> None:
    groups = ["Groep", "Aantal", "Bar", "14", "Bibliotheek", "11", "Activiteiten", "11"]
    assert _cells(groups) == []  # one of three labels names an indicator
    assert _cells(["Kosten vrijwilligers (€)", "1.200", "Leden", "40"]) == [(3, "leden", 40.0)]
    assert _cells(["[PERSOON-4] (vrijwilligers)", "3", "9"]) == [
        (1, "vrijwilligers", 3.0),
        (2, "vrijwilligers", 9.0),
    ]
    assert _cells(["Leden", "2019"]) == []  # a year is no value
