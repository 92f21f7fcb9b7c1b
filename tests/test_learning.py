"""Learning effects: the table against a hand count, the bootstrap, the summary, the figure.

The corpus is built here. Project P01 has two interviews per wave (2018 and 2019), each
with five respondent turns and interviewer turns between them; coder "anna" codes
whole turns so that, counted by hand over the 10 respondent turns of a wave:

=============  =====================  =====================  ========
code           2018 (doc A + doc B)   2019 (doc A + doc B)   change
=============  =====================  =====================  ========
samenwerking   1 + 0 = 1 of 10        4 + 4 = 8 of 10        grows
financiering   3 + 3 = 6 of 10        1 + 0 = 1 of 10        shrinks
leereffect     0 + 0 = 0 of 10        2 + 0 = 2 of 10        appears
=============  =====================  =====================  ========

An interviewer turn of 2018 doc A is coded "samenwerking" too: it must not count (else
2018 would be 2 of 14). P02 has one wave only. P03 has waves w1, w2, w10 (natural order).
``notities.txt`` has no project or wave. Coder "bert" codes one 2019 segment of P01.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import matplotlib
import pandas as pd
import pytest

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.coding import add_coding, code_segment
from sokwal_monitor.learning import (
    LEARNING_COLUMNS,
    learning_effects,
    plot_learning_effects,
    summarize_learning,
    wave_sort_key,
)

matplotlib.use("Agg")

S, F, L = "samenwerking", "financiering", "leereffect"
LONG = " ".join(["We leerden stap voor stap hoe je samen met bewoners werkt."] * 8)

# Per document: respondent turns as (text, codes); an interviewer question precedes each.
CORPUS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "P01_2018_interview.txt": [
        ("Wij deden alles met de buurt.", (S,)),
        ("Het geld kwam van de gemeente.", (F,)),
        ("De subsidie was lastig.", (F,)),
        ("Fondsen aanschrijven kostte tijd.", (F,)),
        ("Verder niets bijzonders.", ()),
    ],
    "P01_2018_interview_vrijwilliger.txt": [
        ("Ik kook op dinsdag.", ()),
        ("Het budget is krap.", (F,)),
        ("De begroting klopte niet.", (F,)),
        ("We vroegen sponsors.", (F,)),
        ("Het is gezellig.", ()),
    ],
    "P01_2019_interview.txt": [
        ("Nu werken we met de school samen.", (S, L)),  # coded on a few characters only
        (LONG, (S,)),
        ("De buurtvereniging doet mee.", (S,)),
        ("Samen met de wijkagent.", (S, F)),
        ("We hebben geleerd te vragen.", (L,)),
    ],
    "P01_2019_interview_vrijwilliger.txt": [
        ("Koken doen we nu met zijn drieën.", (S,)),
        ("De bewoners helpen mee.", (S,)),
        ("Met de kerk erbij.", (S,)),
        ("Iedereen doet iets.", (S,)),
        ("Het blijft gezellig.", ()),
    ],
    "P02_2018_interview.txt": [("Wij beginnen pas.", (S,))],
    "P03_w1_interview.txt": [("Eerste ronde.", ("x",))],
    "P03_w2_interview.txt": [("Tweede ronde.", ())],
    "P03_w10_interview.txt": [("Tiende ronde.", ("x",))],
    "notities.txt": [("Losse notitie.", (S,))],
}


@pytest.fixture(scope="module")
def learning_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectStore]:
    """The corpus above, ingested and coded (shared by the module: do not change it)."""
    root = tmp_path_factory.mktemp("learning")
    for name, turns in CORPUS.items():
        lines = []
        for i, (answer, _) in enumerate(turns, start=1):
            lines += [f"Interviewer: Vraag {i} over {name}?", f"Respondent: {answer}"]
        (root / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    with ProjectStore(root / "learning.sokwal") as store:
        ingest(store, root)
        segs = store.segments(with_metadata=True)
        for name, turns in CORPUS.items():
            mine = segs[(segs["path"] == name) & (segs["role"] == "respondent")]
            assert len(mine) == len(turns), name
            for (answer, codes), seg in zip(turns, mine.itertuples(), strict=True):
                assert seg.text == answer
                for code in codes:
                    if name == "P01_2019_interview.txt" and seg.position == 1 and code == S:
                        add_coding(
                            store,
                            seg.doc_id,
                            seg.start_char,
                            seg.start_char + 6,
                            code,
                            coder="anna",
                        )  # covers 6 of 34 characters
                    else:
                        code_segment(store, seg.segment_id, code, coder="anna")
        question = segs[
            (segs["path"] == "P01_2018_interview.txt") & (segs["role"] == "interviewer")
        ]
        code_segment(store, question["segment_id"].iloc[0], S, coder="anna")
        # bert codes the last, uncoded 2019 turn of the volunteer
        last = segs[segs["path"] == "P01_2019_interview_vrijwilliger.txt"].iloc[-1]
        assert last["text"] == "Het blijft gezellig."
        code_segment(store, last["segment_id"], S, coder="bert")
        yield store


@pytest.fixture(scope="module")
def table(learning_store: ProjectStore) -> pd.DataFrame:
    return learning_effects(learning_store, coder="anna", n_boot=200, seed=1)


def _row(frame: pd.DataFrame, project: str, first: str, label: str) -> pd.Series:
    hit = frame[(frame["project_id"] == project) & (frame["from_wave"] == first)]
    hit = hit[hit["label"] == label]
    assert len(hit) == 1, hit
    return hit.iloc[0]


def _segment_id(store: ProjectStore, path: str, text: str) -> str:
    segs = store.segments(with_metadata=True)
    return str(segs[(segs["path"] == path) & (segs["text"] == text)]["segment_id"].iloc[0])


def test_columns_kind_and_types(table: pd.DataFrame) -> None:
    assert list(table.columns) == LEARNING_COLUMNS
    assert set(table["kind"]) == {"code"}
    assert table["n_before"].dtype == "int64" and table["delta"].dtype == "float64"
    assert all(isinstance(ids, list) for ids in table["example_segment_ids"])
    assert all(isinstance(s, str) for ids in table["example_segment_ids"] for s in ids)
    assert table["project_id"].notna().all()  # notities.txt has no project: left out


def test_hand_count_segments(table: pd.DataFrame) -> None:
    grow, shrink, new = (_row(table, "P01", "2018", c) for c in (S, F, L))
    # 10 respondent turns per wave; the coded interviewer turn is not among them
    assert (grow["n_before"], grow["n_after"]) == (10, 10)
    assert (grow["before"], grow["after"]) == pytest.approx((0.1, 0.8))
    assert grow["delta"] == pytest.approx(0.7)
    assert (shrink["before"], shrink["after"], shrink["delta"]) == pytest.approx((0.6, 0.1, -0.5))
    assert (new["before"], new["after"]) == pytest.approx((0.0, 0.2))
    assert grow["to_wave"] == "2019"


def test_interval_brackets_delta_and_has_the_right_sign(table: pd.DataFrame) -> None:
    grow, shrink = _row(table, "P01", "2018", S), _row(table, "P01", "2018", F)
    assert 0 < grow["ci_low"] <= grow["delta"] <= grow["ci_high"] <= 1
    assert -1 <= shrink["ci_low"] <= shrink["delta"] <= shrink["ci_high"] < 0


def test_rows_sorted_by_project_wave_and_size_of_change(table: pd.DataFrame) -> None:
    p01 = table[table["project_id"] == "P01"]
    assert list(p01["label"]) == [S, F, L]  # |0.7| > |-0.5| > |0.2|
    assert list(table["project_id"]) == sorted(table["project_id"])


def test_one_wave_project_gives_no_rows(table: pd.DataFrame) -> None:
    assert "P02" not in set(table["project_id"])


def test_waves_in_natural_order(table: pd.DataFrame) -> None:
    p03 = table[table["project_id"] == "P03"]
    assert list(zip(p03["from_wave"], p03["to_wave"], strict=True)) == [("w1", "w2"), ("w2", "w10")]
    assert list(p03["delta"]) == [-1.0, 1.0]
    assert sorted(["w10", "2", "w2", "w1"], key=wave_sort_key) == ["2", "w1", "w2", "w10"]


def test_examples_best_covered_first_from_the_wave_that_shows_the_change(
    learning_store: ProjectStore, table: pd.DataFrame
) -> None:
    doc = "P01_2019_interview.txt"
    grow = _row(table, "P01", "2018", S)
    # the first turn of doc A carries the code on 6 characters only: it comes last
    expected = [
        _segment_id(learning_store, doc, t)
        for t in (LONG, "De buurtvereniging doet mee.", "Samen met de wijkagent.")
    ]
    assert grow["example_segment_ids"] == expected
    shrink = _row(table, "P01", "2018", F)  # shrinking: examples from 2018
    assert shrink["example_segment_ids"][0] == _segment_id(
        learning_store, "P01_2018_interview.txt", "Het geld kwam van de gemeente."
    )
    few = learning_effects(learning_store, coder="anna", n_boot=0, examples=1)
    assert few["example_segment_ids"].map(len).max() == 1


def test_documents_unit(learning_store: ProjectStore) -> None:
    docs = learning_effects(learning_store, coder="anna", unit="documents", n_boot=200)
    grow, shrink, new = (_row(docs, "P01", "2018", c) for c in (S, F, L))
    # 2 documents per wave; samenwerking in 1 then 2, financiering 2 then 1, leereffect 0 then 1
    assert (grow["n_before"], grow["n_after"]) == (2, 2)
    assert (grow["before"], grow["after"]) == (0.5, 1.0)
    assert (shrink["before"], shrink["after"]) == (1.0, 0.5)
    assert (new["before"], new["after"]) == (0.0, 0.5)


def test_same_seed_same_table_other_seed_other_intervals(learning_store: ProjectStore) -> None:
    first = learning_effects(learning_store, coder="anna", n_boot=200, seed=7)
    again = learning_effects(learning_store, coder="anna", n_boot=200, seed=7)
    pd.testing.assert_frame_equal(first, again)
    other = learning_effects(learning_store, coder="anna", n_boot=200, seed=8)
    pd.testing.assert_frame_equal(
        first.drop(columns=["ci_low", "ci_high"]), other.drop(columns=["ci_low", "ci_high"])
    )
    assert not first[["ci_low", "ci_high"]].equals(other[["ci_low", "ci_high"]])


def test_codes_filter_keeps_rows_identical(
    learning_store: ProjectStore, table: pd.DataFrame
) -> None:
    only = learning_effects(learning_store, coder="anna", codes=[S], n_boot=200, seed=1)
    assert set(only["label"]) == {S}
    full = table[table["label"] == S].reset_index(drop=True)
    pd.testing.assert_frame_equal(only, full)


def test_several_coders_need_a_choice(learning_store: ProjectStore) -> None:
    with pytest.raises(ValueError, match=r"2 coders \(anna, bert\).*coder='\*'"):
        learning_effects(learning_store, n_boot=0)
    pooled = learning_effects(learning_store, coder="*", n_boot=0)
    listed = learning_effects(learning_store, coder=["anna", "bert"], n_boot=0)
    pd.testing.assert_frame_equal(pooled, listed)
    # bert's one 2019 segment adds to anna's 8 of 10
    assert _row(pooled, "P01", "2018", S)["after"] == pytest.approx(0.9)
    assert list(learning_effects(learning_store, coder="bert", n_boot=0)["label"]) == [S]


def test_bad_arguments(learning_store: ProjectStore) -> None:
    with pytest.raises(ValueError, match="unit must be"):
        learning_effects(learning_store, coder="anna", unit="codings")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="n_boot"):
        learning_effects(learning_store, coder="anna", n_boot=-1)


def test_empty_store_gives_empty_table_with_columns(store: ProjectStore) -> None:
    empty = learning_effects(store)
    assert empty.empty and list(empty.columns) == LEARNING_COLUMNS


def test_dutch_summary(learning_store: ProjectStore, table: pd.DataFrame) -> None:
    text = summarize_learning(table, learning_store, project_id="P01")
    assert "Van 2018 naar 2019 (10 en 10 fragmenten van respondenten):" in text
    assert "- Gegroeid: samenwerking, van 10% naar 80% (+70 procentpunten" in text
    assert "- Afgenomen: financiering, van 60% naar 10%" in text
    assert "- Nieuw: leereffect (van 0% naar 20%)." in text
    grow_line = next(line for line in text.splitlines() if "Gegroeid" in line)
    quote = grow_line.split("„", 1)[1]
    assert quote.startswith("We leerden stap voor stap") and quote.endswith("…”")
    assert len(quote) <= 205 and not quote[:-2].endswith(" ")
    plain = summarize_learning(table, learning_store, project_id="P01", quotes=False)
    assert "„" not in plain
    one = summarize_learning(table, learning_store, project_id="P02")
    assert "maar één meetmoment (2018)" in one


def test_summary_says_when_nothing_changed_and_escapes_markdown() -> None:
    row = dict.fromkeys(LEARNING_COLUMNS)
    row.update(
        project_id="P9",
        from_wave="t1",
        to_wave="t2",
        kind="code",
        label="eigen_kracht*",
        before=0.30,
        after=0.33,
        delta=0.03,
        ci_low=-0.1,
        ci_high=0.2,
        n_before=30,
        n_after=30,
        example_segment_ids=[],
    )
    text = summarize_learning(pd.DataFrame([row]), project_id="P9", max_items=1)
    assert "- Geen duidelijke veranderingen." in text
    assert r"eigen\_kracht\* (van 30% naar 33%)" in text


def test_figure(table: pd.DataFrame) -> None:
    import matplotlib.pyplot as plt

    try:
        ax = plot_learning_effects(table, project_id="P01", top=2)
        assert [t.get_text() for t in ax.get_yticklabels()] == [S, F]
        assert ax.get_xlabel() == "Verandering in aandeel fragmenten (procentpunten)"
        widths = sorted(round(p.get_width()) for p in ax.patches)
        assert widths == [-50, 70]
        with pytest.raises(ValueError, match="no rows for project 'P02'"):
            plot_learning_effects(table, project_id="P02")
        ax = plot_learning_effects(table, project_id="P01", lang="en")
        assert ax.get_title() == "Learning effects of project P01"
        assert ax.get_xlabel() == "Change in the share of segments (percentage points)"
        with pytest.raises(ValueError, match="lang must be one of nl, en"):
            plot_learning_effects(table, project_id="P01", lang="de")
    finally:
        plt.close("all")


def test_examples_are_json_serializable(table: pd.DataFrame, tmp_path: Path) -> None:
    path = tmp_path / "learning.json"
    table.to_json(path, orient="records")
    back = pd.read_json(path, orient="records")
    assert back["example_segment_ids"].iloc[0] == table["example_segment_ids"].iloc[0]


def test_project_id_gives_that_projects_rows_unchanged(
    learning_store: ProjectStore, table: pd.DataFrame
) -> None:
    only = learning_effects(learning_store, coder="anna", n_boot=200, seed=1, project_id="P01")
    expected = table[table["project_id"] == "P01"].reset_index(drop=True)
    assert len(expected) > 0
    pd.testing.assert_frame_equal(only, expected)
    both = learning_effects(learning_store, coder="anna", n_boot=0, project_id=["P01", "P03"])
    assert set(both["project_id"]) == {"P01", "P03"}


def test_document_kinds_limit_the_documents(
    learning_store: ProjectStore, table: pd.DataFrame
) -> None:
    """Every document of this corpus is an interview."""
    only = learning_effects(
        learning_store, coder="anna", n_boot=200, seed=1, document_kinds="interview"
    )
    pd.testing.assert_frame_equal(only, table)
    none = learning_effects(learning_store, coder="anna", n_boot=0, document_kinds=["report"])
    assert none.empty and list(none.columns) == list(table.columns)
    with pytest.raises(ValueError, match="unknown document kind"):
        learning_effects(learning_store, coder="anna", document_kinds="verslag")
