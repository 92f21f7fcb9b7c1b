"""Retrieval and counts (sokwal_monitor.analysis) on the real corpus in a real store.

The ``coded`` fixture ingests the conftest corpus and makes twelve codings through the
coding API: eight manual ones by "anna" and four rule codings by RULE. Every expected
number below is a hand count over the table in ``CODINGS``; the comments say how.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.analysis import (
    COOCCURRENCE_COLUMNS,
    QUOTE_COLUMNS,
    case_code_matrix,
    code_frequencies,
    cooccurrence,
    cooccurrence_matrix,
    plot_cooccurrence,
    plot_frequencies,
    quotes,
)
from sokwal_monitor.codebook import DEFAULT_CODEBOOK, load_codebook
from sokwal_monitor.coding import add_coding, code_quote, code_segment
from sokwal_monitor.coding.base import Coding, CodingRun
from sokwal_monitor.store import ProjectStore

RULE = "rule:lemma@1"
V = "P01_2018_gesprek.vtt"  # P01, 2018; Anouk (interviewer) / Bert (respondent)
A = "P01_2018_interview_initiatiefnemer.txt"  # P01, 2018; I / R
B = "P01_2019_interview.txt"  # P01, 2019; Anja / Kees (respondent)
M = "P02_2018_rapport.md"  # P02, 2018; a report: no speakers, no roles
C = "P02_2019_interview_vrijwilliger.txt"  # P02, 2019
N = "notities.txt"  # no project, no wave

#: (coder, document, quote, code), in the order the fixture makes them.
CODINGS = [
    ("anna", A, "We begonnen met een eetgroep in de buurt.", "sociale_contacten"),  # A seg 1, R
    ("anna", A, "Dat samenwerken tijd kost.", "knelpunten"),  # A seg 3, R
    ("anna", A, "samenwerken", "samenwerking"),  # A seg 3, R
    ("anna", B, "Meer mensen doen mee.", "bereik_deelnemers"),  # B seg 1, Kees = respondent
    ("anna", M, "Er kwamen 40 mensen", "bereik_deelnemers"),  # M seg 1, no role
    ("anna", M, "subsidie toegezegd", "financiering"),  # M seg 2, no role
    ("anna", C, "Het geeft me plezier", "sociale_contacten"),  # C seg 3, R
    ("anna", N, "Niet veel bijzonders gebeurd.", "knelpunten"),  # N seg 1, no project
    (RULE, A, "eetgroep", "sociale_contacten"),  # inside anna's first coding (A seg 1)
    (RULE, A, "samenwerken", "samenwerking"),  # the very span anna coded (A seg 3)
    (RULE, V, "eetgroep", "sociale_contacten"),  # V seg 0, Anouk = interviewer
    (RULE, M, "Eindverslag", "knelpunten"),  # M characters 0-11: before every segment
]
# Per project (hand count of the table above):
#   P01 (V, A, B): sociale_contacten 3 (anna A, rule A, rule V), samenwerking 2,
#                  knelpunten 1, bereik_deelnemers 1                        -> 7 codings
#   P02 (M, C):    bereik_deelnemers 1, financiering 1, knelpunten 1 (rule M),
#                  sociale_contacten 1                                      -> 4 codings
#   no project (N): knelpunten 1                                            -> 1 coding


def make_codings(store: ProjectStore, specs: list[tuple[str, str, str, str]]) -> None:
    """Make the codings: anna's through code_quote, the rule's through a CodingRun."""
    docs = store.documents().set_index("path")["doc_id"]
    for coder, path, quote, code in specs:
        if coder == "anna":
            code_quote(store, path, quote, code, coder="anna")
            continue
        text = store.text(docs[path])
        assert text.count(quote) == 1, (path, quote)
        start = text.index(quote)
        with CodingRun(store, coder=RULE, origin="rule") as run:
            run.add([Coding(docs[path], start, start + len(quote), code, RULE, origin="rule")])


@pytest.fixture
def coded(store: ProjectStore, corpus: Path) -> ProjectStore:
    ingest(store, corpus)
    make_codings(store, CODINGS)
    return store


@pytest.fixture
def docs(coded: ProjectStore) -> dict[str, str]:
    """Path -> doc_id of the corpus documents."""
    return dict(zip(coded.documents()["path"], coded.documents()["doc_id"], strict=True))


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


def test_the_fixture_made_the_codings_it_lists(coded: ProjectStore) -> None:
    frame = coded.codings()
    assert len(frame) == len(CODINGS) == 12
    assert sorted(frame["text"]) == sorted(quote for _, _, quote, _ in CODINGS)


# -- quotes ----------------------------------------------------------------------------


def test_quotes_of_a_code_in_document_order_with_metadata(coded: ProjectStore) -> None:
    table = quotes(coded, "sociale_contacten")
    assert list(table.columns) == QUOTE_COLUMNS
    # documents by path (V < A < C), in A by start: anna's coding (57) before the rule's (77)
    assert table["path"].tolist() == [V, A, A, C]
    assert table["coder"].tolist() == [RULE, "anna", RULE, "anna"]
    assert table["origin"].tolist() == ["rule", "manual", "rule", "manual"]
    assert table["quote"].tolist() == [
        "eetgroep",
        "We begonnen met een eetgroep in de buurt.",
        "eetgroep",
        "Het geeft me plezier",
    ]
    assert table["speaker"].tolist() == ["Anouk", "R", "R", "Respondent"]
    assert table["role"].tolist() == ["interviewer", "respondent", "respondent", "respondent"]
    assert table["project_id"].tolist() == ["P01", "P01", "P01", "P02"]
    assert table["wave"].tolist() == ["2018", "2018", "2018", "2019"]
    # V: "Anouk: " (7) + "Hoe gaat het met de " (20) -> 27; A: "We" at 57 (segment 1's
    # start), "eetgroep" 20 further; C: segment 3 starts at 133
    assert table["start_char"].tolist() == [27, 57, 77, 133]
    assert table["end_char"].tolist() == [35, 98, 85, 153]


def test_quote_is_exactly_the_text_between_the_offsets(coded: ProjectStore) -> None:
    table = quotes(coded)
    assert len(table) == 12
    for row in table.itertuples():
        text = coded.text(row.doc_id)
        assert text[row.start_char : row.end_char] == row.quote
        assert text[: row.start_char].endswith(row.before)
        assert text[row.end_char :].startswith(row.after)


def test_context_is_cut_at_word_boundaries_and_keeps_newlines(coded: ProjectStore) -> None:
    # A's text around the rule's "eetgroep" (characters 77-85):
    # "...[00:03:12] R: We begonnen met een eetgroep in de buurt.\nDat liep goed.\n[00:04:00]..."
    rule = quotes(coded, "sociale_contacten", coder=RULE, context=20)
    row = rule[rule["path"] == A].iloc[0]
    # 20 characters before are exactly "We begonnen met een " (a space precedes them)
    assert row["before"] == "We begonnen met een "
    # 20 characters after are " in de buurt.\nDat li": "li" is half a word, so it goes
    assert row["after"] == " in de buurt.\nDat"
    narrow = quotes(coded, "sociale_contacten", coder=RULE, context=10)
    row = narrow[narrow["path"] == A].iloc[0]
    # 10 characters before: "n met een " starts inside "begonnen": cut to "met een "
    assert row["before"] == "met een "
    # 10 after: " in de buu" ends inside "buurt": cut to " in de"
    assert row["after"] == " in de"


def test_context_zero_and_context_reaching_the_text_edges(coded: ProjectStore) -> None:
    table = quotes(coded, "knelpunten", coder=RULE, context=0)
    assert table[["before", "quote", "after"]].values.tolist() == [["", "Eindverslag", ""]]
    # "Eindverslag" opens the report: nothing before it, whatever the context
    wide = quotes(coded, "knelpunten", coder=RULE, context=1000).iloc[0]
    assert wide["before"] == ""
    assert wide["after"] == coded.text(wide["doc_id"])[11:]  # the rest of the text, all of it


def test_a_coding_outside_every_segment_has_no_segment_or_speaker(coded: ProjectStore) -> None:
    row = quotes(coded, "knelpunten", origin="rule").iloc[0]
    assert row["quote"] == "Eindverslag"
    assert pd.isna(row["segment_id"])
    assert row["speaker"] == "" and row["role"] == ""


def test_quotes_filters(coded: ProjectStore) -> None:
    assert quotes(coded, "sociale_contacten", project_id="P02")["quote"].tolist() == [
        "Het geeft me plezier"
    ]
    # the 2018 waves: V (rule) and A (anna, rule); C is 2019
    assert len(quotes(coded, "sociale_contacten", wave="2018")) == 3
    assert len(quotes(coded, "sociale_contacten", wave=2018)) == 3
    assert len(quotes(coded, "sociale_contacten", wave=["2018", "2019"])) == 4
    assert quotes(coded, coder="anna")["coder"].unique().tolist() == ["anna"]
    assert len(quotes(coded, coder="anna")) == 8
    assert len(quotes(coded, origin="rule")) == 4
    assert len(quotes(coded, origin=["rule", "manual"])) == 12
    assert quotes(coded, "samenwerking", coder="anna", origin="rule").empty


def test_quotes_include_children_through_the_codebook(coded: ProjectStore) -> None:
    codebook = load_codebook(DEFAULT_CODEBOOK)
    # bereik's child bereik_deelnemers: anna's codings in B and M
    table = quotes(coded, "bereik", codebook=codebook, include_children=True)
    assert table["code"].tolist() == ["bereik_deelnemers", "bereik_deelnemers"]
    assert table["path"].tolist() == [B, M]
    # uitkomsten > bereik > bereik_deelnemers (2) and uitkomsten > sociale_contacten (4)
    table = quotes(coded, "uitkomsten", codebook=codebook, include_children=True)
    assert table["path"].tolist() == [V, A, A, B, M, C]
    assert sorted(table["code"].unique()) == ["bereik_deelnemers", "sociale_contacten"]
    # without include_children: nobody coded "bereik" itself
    alone = quotes(coded, "bereik", codebook=codebook)
    assert alone.empty and list(alone.columns) == QUOTE_COLUMNS


def test_unknown_code_with_a_codebook_suggests_the_right_one(coded: ProjectStore) -> None:
    with pytest.raises(KeyError, match="did you mean 'financiering'"):
        quotes(coded, "financiring", codebook=load_codebook(DEFAULT_CODEBOOK))


def test_unused_code_without_codebook_gives_an_empty_table(coded: ProjectStore) -> None:
    table = quotes(coded, "bestaat_niet")
    assert table.empty
    assert list(table.columns) == QUOTE_COLUMNS
    assert table["start_char"].dtype == "int64" and table["score"].dtype == "float64"
    filtered = quotes(coded, "sociale_contacten", project_id="P03")  # P03 has no codings
    assert filtered.empty and list(filtered.columns) == QUOTE_COLUMNS


def test_quotes_refuses_bad_arguments(coded: ProjectStore) -> None:
    with pytest.raises(ValueError, match="needs the codebook"):
        quotes(coded, "bereik", include_children=True)
    with pytest.raises(ValueError, match="context must be 0 or more"):
        quotes(coded, "bereik", context=-1)


# -- frequencies -----------------------------------------------------------------------


def test_frequencies_per_project(coded: ProjectStore) -> None:
    freq = code_frequencies(coded)
    assert list(freq.columns) == ["project_id", "code", "n", "share"]
    rows = [
        (None if pd.isna(p) else p, c, n) for p, c, n in freq[["project_id", "code", "n"]].values
    ]
    # hand count under CODINGS; the document without a project sorts last
    assert rows == [
        ("P01", "bereik_deelnemers", 1),
        ("P01", "knelpunten", 1),
        ("P01", "samenwerking", 2),
        ("P01", "sociale_contacten", 3),
        ("P02", "bereik_deelnemers", 1),
        ("P02", "financiering", 1),
        ("P02", "knelpunten", 1),
        ("P02", "sociale_contacten", 1),
        (None, "knelpunten", 1),
    ]
    # share = n / codings in the project: P01 has 7, P02 4, no project 1
    assert freq["share"].tolist() == pytest.approx(
        [1 / 7, 1 / 7, 2 / 7, 3 / 7, 0.25, 0.25, 0.25, 0.25, 1.0]
    )
    assert freq["n"].dtype == np.int64
    assert freq.attrs["unit"] == "codings"


def test_frequencies_of_segments_and_documents(coded: ProjectStore) -> None:
    seg = code_frequencies(coded, unit="segments").dropna(subset=["project_id"])
    # P01 sociale_contacten: A seg 1 (anna + rule: one segment) and V seg 0 -> 2;
    # P02 knelpunten: only the rule's "Eindverslag", which is in no segment -> gone
    assert dict(zip(seg["project_id"] + "/" + seg["code"], seg["n"], strict=True)) == {
        "P01/bereik_deelnemers": 1,
        "P01/knelpunten": 1,
        "P01/samenwerking": 1,  # anna's and the rule's coding are in the same segment
        "P01/sociale_contacten": 2,
        "P02/bereik_deelnemers": 1,
        "P02/financiering": 1,
        "P02/sociale_contacten": 1,
    }
    doc = code_frequencies(coded, unit="documents").dropna(subset=["project_id"])
    # documents: sociale_contacten in A and V (P01); knelpunten in M (P02) counts again
    assert doc.set_index(["project_id", "code"])["n"].to_dict() == {
        ("P01", "bereik_deelnemers"): 1,
        ("P01", "knelpunten"): 1,
        ("P01", "samenwerking"): 1,
        ("P01", "sociale_contacten"): 2,
        ("P02", "bereik_deelnemers"): 1,
        ("P02", "financiering"): 1,
        ("P02", "knelpunten"): 1,
        ("P02", "sociale_contacten"): 1,
    }
    # P01 segment shares: 1, 1, 1, 2 of 5
    p01 = seg[seg["project_id"] == "P01"]
    assert p01["share"].tolist() == pytest.approx([0.2, 0.2, 0.2, 0.4])


def test_frequencies_by_role_for_manual_codings(coded: ProjectStore) -> None:
    freq = code_frequencies(coded, by="role", origin="manual")
    # anna: in the report and the notes no role (""), in the interviews respondents only
    assert freq[["role", "code", "n"]].values.tolist() == [
        ["", "bereik_deelnemers", 1],
        ["", "financiering", 1],
        ["", "knelpunten", 1],
        ["respondent", "bereik_deelnemers", 1],
        ["respondent", "knelpunten", 1],
        ["respondent", "samenwerking", 1],
        ["respondent", "sociale_contacten", 2],
    ]
    assert freq["share"].tolist() == pytest.approx([1 / 3] * 3 + [0.2, 0.2, 0.2, 0.4])


def test_frequencies_by_several_columns_and_over_everything(coded: ProjectStore) -> None:
    freq = code_frequencies(coded, by=["coder", "wave"], coder=RULE)
    # the rule: 2018 everywhere (A, V, M); A: sociale_contacten + samenwerking,
    # V: sociale_contacten, M: knelpunten
    assert freq[["coder", "wave", "code", "n"]].values.tolist() == [
        [RULE, "2018", "knelpunten", 1],
        [RULE, "2018", "samenwerking", 1],
        [RULE, "2018", "sociale_contacten", 2],
    ]
    total = code_frequencies(coded, by=())
    assert list(total.columns) == ["code", "n", "share"]
    # over all 12: sociale_contacten 4, knelpunten 3, bereik 2, samenwerking 2, financiering 1
    assert total.set_index("code")["n"].to_dict() == {
        "bereik_deelnemers": 2,
        "financiering": 1,
        "knelpunten": 3,
        "samenwerking": 2,
        "sociale_contacten": 4,
    }
    assert total["share"].sum() == pytest.approx(1.0)


def test_frequencies_refuse_unknown_columns_and_units(coded: ProjectStore) -> None:
    with pytest.raises(ValueError, match="cannot count by 'gemeente'"):
        code_frequencies(coded, by=["gemeente"])
    with pytest.raises(ValueError, match="unit must be one of"):
        code_frequencies(coded, unit="zinnen")
    with pytest.raises(ValueError, match="named twice"):
        code_frequencies(coded, by=["wave", "wave"])


# -- co-occurrence ---------------------------------------------------------------------


@pytest.fixture
def tiny(store: ProjectStore, tmp_path: Path) -> ProjectStore:
    """One interview of four respondent turns, coded by segment:

    turn 0: x, y (and a second, partial coding of x)   turn 1: x, y
    turn 2: x                                          turn 3: y, z
    """
    folder = tmp_path / "tiny"
    folder.mkdir()
    text = "R: Eerste beurt.\nR: Tweede beurt.\nR: Derde beurt.\nR: Vierde beurt.\n"
    (folder / "P09_2020_interview.txt").write_text(text, encoding="utf-8")
    ingest(store, folder)
    seg = store.segments()["segment_id"].tolist()
    assert len(seg) == 4
    for turn, code in [(0, "x"), (0, "y"), (1, "x"), (1, "y"), (2, "x"), (3, "y"), (3, "z")]:
        code_segment(store, seg[turn], code, coder="anna")
    code_quote(store, "P09_2020_interview.txt", "Eerste", "x", coder="anna")
    return store


def test_segment_cooccurrence_and_c_coefficient_by_hand(tiny: ProjectStore) -> None:
    table = cooccurrence(tiny)
    assert list(table.columns) == COOCCURRENCE_COLUMNS
    # segments with x: 0, 1, 2 (turn 0 counted once) -> 3; with y: 0, 1, 3 -> 3; z: 3 -> 1
    # x & y: turns 0, 1 -> 2, c = 2 / (3 + 3 - 2) = 0.5
    # y & z: turn 3 -> 1, c = 1 / (3 + 1 - 1) = 1/3;  x & z never meet: no row
    assert table[["code_a", "code_b", "n_a", "n_b", "n_ab"]].values.tolist() == [
        ["x", "y", 3, 3, 2],
        ["y", "z", 3, 1, 1],
    ]
    assert table["c"].tolist() == pytest.approx([0.5, 1 / 3])


def test_span_cooccurrence_by_hand(tiny: ProjectStore) -> None:
    table = cooccurrence(tiny, level="span")
    # codings of x: turns 0, 1, 2 and "Eerste" -> 4; of y: 3; of z: 1
    # overlapping x-y pairs: turn 0 x & y, "Eerste" & turn 0 y, turn 1 x & y -> 3
    # c = 3 / (4 + 3 - 3) = 0.75; y-z: turn 3 -> 1, c = 1 / (3 + 1 - 1)
    assert table[["code_a", "code_b", "n_a", "n_b", "n_ab"]].values.tolist() == [
        ["x", "y", 4, 3, 3],
        ["y", "z", 3, 1, 1],
    ]
    assert table["c"].tolist() == pytest.approx([0.75, 1 / 3])


def test_touching_spans_do_not_overlap(store: ProjectStore, tmp_path: Path) -> None:
    folder = tmp_path / "touch"
    folder.mkdir()
    (folder / "P09_2020_notes.txt").write_text("abcdefghijklmnop", encoding="utf-8")
    ingest(store, folder)
    add_coding(store, "P09_2020_notes.txt", 0, 5, "p", coder="anna")  # abcde
    add_coding(store, "P09_2020_notes.txt", 5, 9, "q", coder="anna")  # fghi: touches p
    assert cooccurrence(store, level="span").empty
    add_coding(store, "P09_2020_notes.txt", 4, 6, "r", coder="anna")  # ef: overlaps both
    table = cooccurrence(store, level="span")
    assert table[["code_a", "code_b", "n_ab"]].values.tolist() == [["p", "r", 1], ["q", "r", 1]]
    # one character shared is enough: [8, 12) against q's [5, 9) shares "i"
    add_coding(store, "P09_2020_notes.txt", 8, 12, "s", coder="anna")
    table = cooccurrence(store, level="span")
    assert ["q", "s", 1] in table[["code_a", "code_b", "n_ab"]].values.tolist()
    assert ["p", "s", 1] not in table[["code_a", "code_b", "n_ab"]].values.tolist()
    # an empty span (a rule may write one) shares no character with anything
    doc_id = store.documents()["doc_id"].iloc[0]
    with CodingRun(store, coder=RULE, origin="rule") as run:
        run.add([Coding(doc_id, 4, 4, "leeg", RULE, origin="rule")])  # inside p's [0, 5)
    assert "leeg" not in set(cooccurrence(store, level="span")[["code_a", "code_b"]].stack())


def test_span_c_coefficient_is_clipped_to_one(store: ProjectStore, tmp_path: Path) -> None:
    folder = tmp_path / "clip"
    folder.mkdir()
    (folder / "P09_2020_notes.txt").write_text("abcdefghijklmnop", encoding="utf-8")
    ingest(store, folder)
    add_coding(store, "P09_2020_notes.txt", 0, 16, "a", coder="anna")
    for start in (0, 4, 8):  # three codings of b inside the one of a
        add_coding(store, "P09_2020_notes.txt", start, start + 2, "b", coder="anna")
    row = cooccurrence(store, level="span").iloc[0]
    # n_ab = 3 pairs; 3 / (1 + 3 - 3) = 3 -> clipped to 1
    assert (row["n_a"], row["n_b"], row["n_ab"]) == (1, 3, 3)
    assert row["c"] == 1.0
    # and with n_a + n_b - n_ab = 0: two codings of d, two of e, each d overlapping each e
    add_coding(store, "P09_2020_notes.txt", 0, 3, "d", coder="anna")
    add_coding(store, "P09_2020_notes.txt", 0, 5, "e", coder="anna")
    add_coding(store, "P09_2020_notes.txt", 1, 6, "e", coder="anna")
    add_coding(store, "P09_2020_notes.txt", 2, 8, "d", coder="anna")
    de = cooccurrence(store, level="span").set_index(["code_a", "code_b"]).loc[("d", "e")]
    # every d overlaps every e: n_ab = 4, n_d = n_e = 2, 2 + 2 - 4 = 0 -> c = 1
    assert (de["n_a"], de["n_b"], de["n_ab"], de["c"]) == (2, 2, 4, 1.0)


def test_cooccurrence_on_the_corpus(coded: ProjectStore) -> None:
    seg = cooccurrence(coded)
    # only A seg 3 holds two codes (knelpunten, samenwerking); A seg 1 holds one code twice.
    # knelpunten in segments: A seg 3, N seg 1 -> 2 (the rule's "Eindverslag" is in none)
    assert seg.values.tolist() == [["knelpunten", "samenwerking", 2, 1, 1, 0.5]]
    span = cooccurrence(coded, level="span")
    # anna's "Dat samenwerken tijd kost." overlaps both "samenwerken" codings -> 2 pairs;
    # knelpunten has 3 codings (A, N, M), samenwerking 2: c = 2 / (3 + 2 - 2)
    assert span[["code_a", "code_b", "n_a", "n_b", "n_ab"]].values.tolist() == [
        ["knelpunten", "samenwerking", 3, 2, 2]
    ]
    assert span["c"].tolist() == pytest.approx([2 / 3])
    # the rule alone never puts two codes together
    assert cooccurrence(coded, origin="rule").empty
    assert cooccurrence(coded, coder="anna", level="span")["n_ab"].tolist() == [1]


def test_cooccurrence_refuses_an_unknown_level(coded: ProjectStore) -> None:
    with pytest.raises(ValueError, match="level must be one of segment, span"):
        cooccurrence(coded, level="zin")


def test_cooccurrence_matrix_is_square_and_symmetric(tiny: ProjectStore) -> None:
    table = cooccurrence(tiny)
    counts = cooccurrence_matrix(table, value="n_ab")
    assert counts.index.tolist() == counts.columns.tolist() == ["x", "y", "z"]
    # off the diagonal n_ab (x-z never: 0), on it each code's own count n_a
    assert counts.values.tolist() == [[3, 2, 0], [2, 3, 1], [0, 1, 1]]
    assert counts.dtypes.eq(np.int64).all()
    c = cooccurrence_matrix(table)
    np.testing.assert_allclose(c.values, [[1, 0.5, 0], [0.5, 1, 1 / 3], [0, 1 / 3, 1]])
    with pytest.raises(ValueError, match="value must be one of"):
        cooccurrence_matrix(table, value="n_a")
    with pytest.raises(ValueError, match="lacks the column"):
        cooccurrence_matrix(table.drop(columns=["c"]))


# -- case × code -----------------------------------------------------------------------


def test_case_code_matrix_per_document(coded: ProjectStore, docs: dict[str, str]) -> None:
    matrix = case_code_matrix(coded)
    assert matrix.index.name == "doc_id"
    assert matrix.index.tolist() == coded.documents()["doc_id"].tolist()  # all 8, by path
    assert matrix.columns.tolist() == [
        "bereik_deelnemers",
        "financiering",
        "knelpunten",
        "samenwerking",
        "sociale_contacten",
    ]
    assert matrix.dtypes.eq(np.int64).all()
    by_path = {path: matrix.loc[doc_id].tolist() for path, doc_id in docs.items()}
    assert by_path == {
        V: [0, 0, 0, 0, 1],
        A: [0, 0, 1, 1, 1],  # sociale_contacten twice and samenwerking twice: still 1
        B: [1, 0, 0, 0, 0],
        M: [1, 1, 1, 0, 0],
        C: [0, 0, 0, 0, 1],
        "P03_2018_interview.txt": [0, 0, 0, 0, 0],  # not coded: a row of zeros
        N: [0, 0, 1, 0, 0],
        "verslagen/Verslag coöperatie één.txt": [0, 0, 0, 0, 0],
    }


def test_case_code_matrix_per_project(coded: ProjectStore) -> None:
    matrix = case_code_matrix(coded, "project")
    assert matrix.index.tolist() == ["P01", "P02", "P03"]
    # columns: bereik_deelnemers, financiering, knelpunten, samenwerking, sociale_contacten;
    # the notes (knelpunten) have no project and count nowhere
    assert matrix.values.tolist() == [[1, 0, 1, 1, 1], [1, 1, 1, 0, 1], [0, 0, 0, 0, 0]]
    rule = case_code_matrix(coded, "project", coder=RULE)
    assert rule.columns.tolist() == ["knelpunten", "samenwerking", "sociale_contacten"]
    assert rule.values.tolist() == [[0, 1, 1], [1, 0, 0], [0, 0, 0]]
    with pytest.raises(ValueError, match="case must be one of"):
        case_code_matrix(coded, "gemeente")


# -- empty store and determinism -------------------------------------------------------


def test_an_empty_store_gives_empty_tables(store: ProjectStore) -> None:
    assert quotes(store).empty and list(quotes(store).columns) == QUOTE_COLUMNS
    freq = code_frequencies(store, by=["project_id", "wave"])
    assert freq.empty and list(freq.columns) == ["project_id", "wave", "code", "n", "share"]
    for level in ("segment", "span"):
        table = cooccurrence(store, level=level)
        assert table.empty and list(table.columns) == COOCCURRENCE_COLUMNS
    assert cooccurrence_matrix(cooccurrence(store)).shape == (0, 0)
    assert case_code_matrix(store).shape == (0, 0)


def test_ingested_but_uncoded_store(store: ProjectStore, corpus: Path) -> None:
    ingest(store, corpus)
    assert quotes(store, "bereik").empty
    assert code_frequencies(store, unit="documents").empty
    assert case_code_matrix(store, "project").shape == (3, 0)


def test_tables_do_not_depend_on_the_order_codings_were_made(
    coded: ProjectStore, corpus: Path, tmp_path: Path
) -> None:
    with ProjectStore(tmp_path / "reversed.sokwal") as other:
        ingest(other, corpus)
        make_codings(other, CODINGS[::-1])
        pd.testing.assert_frame_equal(quotes(coded), quotes(other))
        pd.testing.assert_frame_equal(
            code_frequencies(coded, by=["wave", "role"]),
            code_frequencies(other, by=["wave", "role"]),
        )
        for level in ("segment", "span"):
            pd.testing.assert_frame_equal(
                cooccurrence(coded, level=level),
                cooccurrence(other, level=level),
            )
        pd.testing.assert_frame_equal(case_code_matrix(coded), case_code_matrix(other))
    pd.testing.assert_frame_equal(quotes(coded), quotes(coded))


# -- figures ---------------------------------------------------------------------------


def test_plot_frequencies_stacks_projects(coded: ProjectStore) -> None:
    freq = code_frequencies(coded)
    ax = plot_frequencies(freq)
    labels = [t.get_text() for t in ax.get_yticklabels()]
    # by total: sociale_contacten 4, knelpunten 3, then bereik_deelnemers and samenwerking
    # (2 each, by name), financiering 1
    assert labels == [
        "sociale_contacten",
        "knelpunten",
        "bereik_deelnemers",
        "samenwerking",
        "financiering",
    ]
    assert ax.get_xlabel() == "Aantal codeermomenten"
    legend = ax.get_legend()
    assert legend is not None
    assert [t.get_text() for t in legend.get_texts()] == ["P01", "P02", "(onbekend)"]
    # the stacked bars of a code add up to its total
    widths: dict[float, float] = {}
    for bar in ax.patches:
        y = round(bar.get_y() + bar.get_height() / 2, 6)
        widths[y] = widths.get(y, 0.0) + bar.get_width()
    assert [widths[float(y)] for y in range(5)] == [4, 3, 2, 2, 1]


def test_plot_frequencies_top_and_given_axes(coded: ProjectStore) -> None:
    _, ax = plt.subplots()
    freq = code_frequencies(coded, unit="segments")
    assert plot_frequencies(freq, ax=ax, top=2) is ax
    # segments: sociale_contacten 3 (A, V, C), then knelpunten 2 (A, N) and
    # bereik_deelnemers 2 (B, M): the tie goes by name
    assert [t.get_text() for t in ax.get_yticklabels()] == [
        "sociale_contacten",
        "bereik_deelnemers",
    ]
    assert ax.get_xlabel() == "Aantal gecodeerde fragmenten"
    overall = plot_frequencies(code_frequencies(coded, by=()))
    assert overall.get_legend() is None  # nothing to stack by
    assert [bar.get_width() for bar in overall.patches] == [4, 3, 2, 2, 1]
    with pytest.raises(ValueError, match="empty"):
        plot_frequencies(freq.iloc[0:0])
    with pytest.raises(ValueError, match="top must be 1 or more"):
        plot_frequencies(freq, top=0)


def test_plot_cooccurrence_annotates_every_pair(tiny: ProjectStore) -> None:
    ax = plot_cooccurrence(cooccurrence(tiny))
    assert [t.get_text() for t in ax.get_xticklabels()] == ["x", "y", "z"]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["x", "y", "z"]
    # six cells off the diagonal, row by row: x-y, x-z, y-x, y-z, z-x, z-y
    assert [t.get_text() for t in ax.texts] == ["0.50", "0.00", "0.50", "0.33", "0.00", "0.33"]
    ax = plot_cooccurrence(cooccurrence(tiny), value="n_ab")
    assert [t.get_text() for t in ax.texts] == ["2", "0", "2", "1", "0", "1"]
    with pytest.raises(ValueError, match="no two codes occur together"):
        plot_cooccurrence(cooccurrence(tiny, coder="niemand"))
