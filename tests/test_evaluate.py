"""Evaluating rule codings against a human gold standard (sokwal_monitor.analysis.evaluate).

The ``coded`` fixture ingests the conftest corpus; "anna" (the gold standard) codes two
documents, A and C, and the rule coder RULE codes those and one more, B. Every expected
number is a hand count over ``GOLD`` and ``SYSTEM``; the comments say how.
"""

from __future__ import annotations

import math
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor import ingest
from sokwal_monitor.analysis.evaluate import EVALUATION_COLUMNS, MICRO, evaluate
from sokwal_monitor.coding import code_quote, code_segment
from sokwal_monitor.coding.base import Coding, CodingRun
from sokwal_monitor.errors import CodingError
from sokwal_monitor.store import ProjectStore

RULE = "rule:lemma@1"
A = "P01_2018_interview_initiatiefnemer.txt"
B = "P01_2019_interview.txt"
C = "P02_2019_interview_vrijwilliger.txt"
# A: segment 1 (R) "We begonnen met een eetgroep in de buurt.\nDat liep goed." [57, 113)
#    segment 2 (I) "En wat heeft u geleerd?" [128, 151)
#    segment 3 (R) "Dat samenwerken tijd kost." [166, 192); "samenwerken" is [170, 181)
# C: segment 1 (R) "Ik kook één keer per week voor de coöperatie."
#    segment 3 (R) "Het geeft me plezier, zeker met de geïnterviewde buren."

#: anna's codings: (document, quote, code); all of them by code_quote.
GOLD = [
    (A, "eetgroep", "sociale_contacten"),  # g1: A seg 1
    (A, "de buurt", "sociale_contacten"),  # g2: A seg 1
    (A, "samenwerken", "samenwerking"),  # g3: A seg 3, [170, 181)
    (A, "Dat samenwerken tijd kost.", "knelpunten"),  # g4: A seg 3
    (C, "Het geeft me plezier", "sociale_contacten"),  # g5: C seg 3
    (C, "Ik kook één keer per week", "bereik_vrijwilligers"),  # g6: C seg 1
]
#: The rule's codings: (document, start, end, code, the text that span must be).
SYSTEM = [
    (A, 77, 97, "sociale_contacten", "eetgroep in de buurt"),  # s1: A seg 1, overlaps g1, g2
    (A, 181, 186, "samenwerking", " tijd"),  # s2: A seg 3, only TOUCHES g3 (ends at 181)
    (C, 146, 153, "sociale_contacten", "plezier"),  # s3: C seg 3, inside g5
    (C, 88, 98, "financiering", "coöperatie"),  # s4: C seg 1, anna has no financiering
    (A, 143, 150, "sociale_contacten", "geleerd"),  # s5: A seg 2, anna coded nothing there
    (A, 0, 10, "knelpunten", "[00:00:05]"),  # s6: before A's first segment (at 14)
    (B, 50, 61, "bereik_deelnemers", "Meer mensen"),  # s7: B, which anna did not code
]


@pytest.fixture
def coded(store: ProjectStore, corpus: Path) -> ProjectStore:
    ingest(store, corpus)
    for path, quote, code in GOLD:
        code_quote(store, path, quote, code, coder="anna")
    docs = store.documents().set_index("path")["doc_id"]
    with CodingRun(store, coder=RULE, origin="rule") as run:
        for path, start, end, code, text in SYSTEM:
            assert store.text(docs[path])[start:end] == text
            run.add([Coding(docs[path], start, end, code, RULE, origin="rule")])
    return store


def _rows(table: pd.DataFrame) -> dict[str, dict[str, float]]:
    return {row["code"]: row for row in table.to_dict("records")}


def _same(got: float, want: float) -> bool:
    return (math.isnan(got) and math.isnan(want)) or got == pytest.approx(want)


def _check(table: pd.DataFrame, expected: dict[str, tuple[float, ...]]) -> None:
    """``expected``: code -> (n_gold, n_system, tp, tp_gold, fp, fn, precision, recall, f1)."""
    assert list(table.columns) == EVALUATION_COLUMNS
    assert table["code"].tolist() == list(expected)
    for code, want in expected.items():
        got = table.loc[table["code"] == code, EVALUATION_COLUMNS[1:]].iloc[0].tolist()
        assert got[:6] == list(want[:6]), code
        assert all(_same(g, w) for g, w in zip(got[6:], want[6:], strict=True)), (code, got)


NAN = math.nan


def test_segment_level_by_hand(coded: ProjectStore) -> None:
    # Default documents: A and C (anna coded there); s7 in B is left out.
    # Units (segment, code). Gold: (A1, soc), (A3, samenw), (A3, knel), (C3, soc), (C1, bv).
    # System: (A1, soc) [s1], (A3, samenw) [s2: same segment as g3], (C3, soc), (C1, fin),
    # (A2, soc); s6 starts before every segment and has no unit.
    # sociale_contacten: gold {A1, C3}, system {A1, C3, A2}: tp 2, fp 1 -> P 2/3, R 1,
    # F1 = 2 * 2/3 * 1 / (2/3 + 1) = 0.8
    _check(
        evaluate(coded, "anna", RULE),
        {
            "bereik_vrijwilligers": (1, 0, 0, 0, 0, 1, NAN, 0.0, NAN),
            "financiering": (0, 1, 0, 0, 1, 0, 0.0, NAN, NAN),
            "knelpunten": (1, 0, 0, 0, 0, 1, NAN, 0.0, NAN),
            "samenwerking": (1, 1, 1, 1, 0, 0, 1.0, 1.0, 1.0),
            "sociale_contacten": (2, 3, 2, 2, 1, 0, 2 / 3, 1.0, 0.8),
            # all units: 5 gold, 5 system, 3 shared -> P = R = F1 = 3/5
            MICRO: (5, 5, 3, 3, 2, 2, 0.6, 0.6, 0.6),
        },
    )


def test_span_level_by_hand(coded: ProjectStore) -> None:
    # Codings, not segments. sociale_contacten: gold g1, g2, g5; system s1, s3, s5.
    # s1 overlaps g1 and g2, s3 overlaps g5, s5 nothing: tp (system matched) 2 of 3;
    # tp_gold (gold found) 3 of 3 -> P 2/3, R 1, F1 0.8.
    # samenwerking: s2 [181, 186) only touches g3 [170, 181): no match -> P 0, R 0, F1 0.
    # knelpunten: s6 [0, 10) is far from g4 -> P 0/1 = 0, R 0/1 = 0, F1 0.
    # micro: gold 6, system 6 (s7 left out), tp 2, tp_gold 3 -> P 1/3, R 1/2,
    # F1 = 2 * 1/6 / (5/6) = 0.4
    _check(
        evaluate(coded, "anna", RULE, level="span"),
        {
            "bereik_vrijwilligers": (1, 0, 0, 0, 0, 1, NAN, 0.0, NAN),
            "financiering": (0, 1, 0, 0, 1, 0, 0.0, NAN, NAN),
            "knelpunten": (1, 1, 0, 0, 1, 1, 0.0, 0.0, 0.0),
            "samenwerking": (1, 1, 0, 0, 1, 1, 0.0, 0.0, 0.0),
            "sociale_contacten": (3, 3, 2, 3, 1, 0, 2 / 3, 1.0, 0.8),
            MICRO: (6, 6, 2, 3, 4, 3, 1 / 3, 0.5, 0.4),
        },
    )


def test_documents_override_the_gold_sample(coded: ProjectStore) -> None:
    docs = coded.documents().set_index("path")["doc_id"]
    # only B: anna coded nothing there, the rule s7 -> precision 0/1, recall 0/0 = NaN
    _check(
        evaluate(coded, "anna", RULE, documents=[docs[B]]),
        {
            "bereik_deelnemers": (0, 1, 0, 0, 1, 0, 0.0, NAN, NAN),
            MICRO: (0, 1, 0, 0, 1, 0, 0.0, NAN, NAN),
        },
    )
    # only A: sociale_contacten gold {A1}, system {A1, A2} -> P 1/2, R 1, F1 2/3
    _check(
        evaluate(coded, "anna", RULE, documents=[docs[A]]),
        {
            "knelpunten": (1, 0, 0, 0, 0, 1, NAN, 0.0, NAN),
            "samenwerking": (1, 1, 1, 1, 0, 0, 1.0, 1.0, 1.0),
            "sociale_contacten": (1, 2, 1, 1, 1, 0, 0.5, 1.0, 2 / 3),
            MICRO: (3, 3, 2, 2, 1, 1, 2 / 3, 2 / 3, 2 / 3),
        },
    )
    # no documents at all: only the micro row, every ratio undefined
    _check(evaluate(coded, "anna", RULE, documents=[]), {MICRO: (0, 0, 0, 0, 0, 0, NAN, NAN, NAN)})


def test_swapping_gold_and_system_swaps_precision_and_recall(coded: ProjectStore) -> None:
    docs = list(coded.documents()["doc_id"])
    for level in ("segment", "span"):
        one = evaluate(coded, "anna", RULE, level=level, documents=docs)
        two = evaluate(coded, RULE, "anna", level=level, documents=docs)
        pd.testing.assert_series_equal(one["precision"], two["recall"], check_names=False)
        pd.testing.assert_series_equal(one["tp"], two["tp_gold"], check_names=False)
        pd.testing.assert_series_equal(one["f1"], two["f1"])


def test_a_coder_against_itself_is_perfect(coded: ProjectStore) -> None:
    table = evaluate(coded, RULE, RULE, level="span")
    # the rule's own documents A, B, C: all 7 codings match themselves
    assert table.loc[table["code"] == MICRO, ["n_gold", "tp", "fp", "fn"]].values.tolist() == [
        [7, 7, 0, 0]
    ]
    assert (table["f1"] == 1.0).all()


def test_micro_row_is_last_and_named_by_the_constant(coded: ProjectStore) -> None:
    table = evaluate(coded, "anna", RULE)
    assert MICRO == "(micro)"
    assert table["code"].iloc[-1] == MICRO
    assert table["code"].iloc[:-1].tolist() == sorted(table["code"].iloc[:-1])
    assert table["tp"].dtype == "int64" and table["precision"].dtype == "float64"


def test_unknown_coder_names_the_coders_there_are(coded: ProjectStore) -> None:
    with pytest.raises(CodingError) as info:
        evaluate(coded, "ana", RULE)
    assert str(info.value) == (
        f"{coded.path}: no codings by coder 'ana'; the coders in this store are: anna, {RULE}"
    )
    with pytest.raises(CodingError, match="no codings by coder 'rule:lemma@2'"):
        evaluate(coded, "anna", "rule:lemma@2")


def test_empty_store_says_there_are_no_codings(store: ProjectStore) -> None:
    with pytest.raises(CodingError, match="no codings by coder 'anna'; this store holds no"):
        evaluate(store, "anna", RULE)


def test_bad_arguments(coded: ProjectStore) -> None:
    docs = coded.documents()["doc_id"]
    with pytest.raises(TypeError, match="list of doc_ids"):
        evaluate(coded, "anna", RULE, documents=docs.iloc[0])
    with pytest.raises(ValueError, match="level must be segment or span"):
        evaluate(coded, "anna", RULE, level="document")


def test_evaluation_is_deterministic_and_takes_whole_segment_codings(coded: ProjectStore) -> None:
    pd.testing.assert_frame_equal(evaluate(coded, "anna", RULE), evaluate(coded, "anna", RULE))
    # segment-level codings of whole segments agree with quotes inside them
    seg = coded.segments()
    a3 = seg[seg["text"] == "Dat samenwerken tijd kost."]["segment_id"].iloc[0]
    code_segment(coded, a3, "samenwerking", coder="bas")
    table = evaluate(coded, "anna", "bas")
    # bas: one unit (A3, samenwerking), which anna has too -> P 1; R 1 of anna's 5 units
    assert table.loc[table["code"] == MICRO, ["precision", "recall"]].values.tolist() == [
        [1.0, 0.2]
    ]
