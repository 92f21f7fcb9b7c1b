"""Inter-coder agreement (sokwal_monitor.reliability).

Three kinds of checks:

* published worked examples, each with its source;
* cross-checks against the reference packages ``krippendorff`` and
  ``statsmodels.stats.inter_rater`` on seeded random data (test-only dependencies);
* the store functions on the conftest corpus: rule coding with a small codebook gives
  the coder "regels" (``RULE_CODINGS``); "anna" copies its codings with deliberate
  changes and adds ``ANNA_EXTRA``; "carla" copies anna. Every expected number is a hand
  count over these tables; the comments say how.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from fractions import Fraction
from pathlib import Path

import krippendorff
import numpy as np
import pandas as pd
import pytest
from conftest import write_corpus
from hypothesis import given, settings
from hypothesis import strategies as st
from statsmodels.stats import inter_rater

from sokwal_monitor import ingest
from sokwal_monitor.codebook import codebook_from_text
from sokwal_monitor.coding import add_coding, add_memo, code_quote, code_segment
from sokwal_monitor.coding.rules import code_store
from sokwal_monitor.errors import CodingError
from sokwal_monitor.reliability import (
    DISAGREEMENT_COLUMNS,
    OVERALL,
    agreement,
    brennan_prediger,
    cohen_kappa,
    disagreements,
    disagreements_html,
    fleiss_kappa,
    krippendorff_alpha,
    percent_agreement,
    unitized_alpha,
)
from sokwal_monitor.store import ProjectStore

nan = math.nan


def expand(cells: dict[tuple[object, object], int]) -> tuple[list[object], list[object]]:
    """Two coders' labels from a table of counts {(label a, label b): n}."""
    a = [x for (x, _), n in cells.items() for _ in range(n)]
    b = [y for (_, y), n in cells.items() for _ in range(n)]
    return a, b


def counts_table(ratings: list[list[object]], categories: list[object]) -> np.ndarray:
    """Subjects × categories counts from one list of ratings per subject."""
    return np.array([[row.count(c) for c in categories] for row in ratings])


# -- published examples ----------------------------------------------------------------

#: Krippendorff, K. (2011). Computing Krippendorff's alpha-reliability. Annenberg School
#: for Communication, departmental papers 43. Example C: 4 observers, 12 units, missing.
KRIPPENDORFF_2011_C = [
    [1, 2, 3, 3, 2, 1, 4, 1, 2, nan, nan, nan],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, nan, 3],
    [nan, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, nan],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, nan],
]


@pytest.mark.parametrize(
    ("level", "published"),
    [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797)],
)
def test_krippendorff_2011_example_c(level: str, published: float) -> None:
    assert krippendorff_alpha(KRIPPENDORFF_2011_C, level) == pytest.approx(published, abs=5e-4)


def test_krippendorff_2011_example_c_as_a_dataframe_with_none() -> None:
    frame = pd.DataFrame(KRIPPENDORFF_2011_C, index=["A", "B", "C", "D"]).astype(object)
    frame = frame.where(frame.notna(), None)  # None as the missing value
    assert krippendorff_alpha(frame, "nominal") == pytest.approx(0.743, abs=5e-4)


def test_krippendorff_2011_example_a_binary_two_observers() -> None:
    # Krippendorff (2011), example A: binary data, two observers, no missing data.
    mary = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    dave = [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]
    assert krippendorff_alpha([mary, dave]) == pytest.approx(0.095, abs=5e-4)


def test_krippendorff_2011_example_b_nominal_letters() -> None:
    # Krippendorff (2011), example B: nominal data (letters), two observers.
    ben = "a a b b d c c c e d d a".split()
    gerry = "b a b b b c c c e d d d".split()
    assert krippendorff_alpha([ben, gerry]) == pytest.approx(0.692, abs=5e-4)


#: Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters.
#: Psychological Bulletin 76(5), 378-382; the data on p. 379: 30 patients, 6
#: psychiatrists, 5 diagnoses (as reproduced in DKPro Statistics' Fleiss1971Test).
FLEISS_1971 = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]  # fmt: skip


def test_fleiss_1971_kappa() -> None:
    table = counts_table(FLEISS_1971, [1, 2, 3, 4, 5])
    assert table.shape == (30, 5)
    assert fleiss_kappa(table) == pytest.approx(0.430, abs=5e-4)  # Fleiss (1971), p. 379


def test_fleiss_kappa_wikipedia_example() -> None:
    # Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories.
    table = pd.DataFrame(
        [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0], [2, 2, 8, 1, 1],
         [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2], [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]
    )  # fmt: skip
    assert fleiss_kappa(table) == pytest.approx(0.210, abs=5e-4)


def test_fleiss_kappa_warrens_2010_eight_raters() -> None:
    # Warrens, M. J. (2010). Inequalities between multi-rater kappas. Advances in Data
    # Analysis and Classification 4, 271-286; p. 284 (data of O'Malley et al. 2006,
    # p. 176): Fleiss' kappa 0.8324.
    n, a = "N", "A"
    ratings = (
        [[n] * 8] * 14
        + [[n, n, n, a, n, n, n, n], [n, n, n, n, n, n, n, a]]
        + [[a] * 8] * 10
        + [[a, a, n, a, a, a, a, n]] * 2
        + [[a, a, n, a, n, a, a, n], [a, a, n, a, n, a, n, n]]
    )
    assert fleiss_kappa(counts_table(ratings, [n, a])) == pytest.approx(0.8324, abs=1e-4)


def test_cohen_1960_example() -> None:
    # Cohen, J. (1960). A coefficient of agreement for nominal scales. Educational and
    # Psychological Measurement 20(1), 37-46; p. 45: p_o = .70, p_c = .41, kappa = .492.
    a, b = expand(
        {(1, 1): 88, (1, 2): 14, (1, 3): 18, (2, 1): 10, (2, 2): 40, (2, 3): 10,
         (3, 1): 2, (3, 2): 6, (3, 3): 12}
    )  # fmt: skip
    assert percent_agreement(a, b) == pytest.approx(0.70)
    assert cohen_kappa(a, b) == pytest.approx(0.492, abs=5e-4)


def test_cohen_kappa_wikipedia_example() -> None:
    # Wikipedia, "Cohen's kappa", simple example: 50 grant proposals, p_o .7, p_e .5.
    a, b = expand({("ja", "ja"): 20, ("ja", "nee"): 5, ("nee", "ja"): 10, ("nee", "nee"): 15})
    assert cohen_kappa(a, b) == pytest.approx(0.4)


@pytest.mark.parametrize(
    ("cells", "kappa"),
    [
        # Brennan, R. L. & Prediger, D. J. (1981). Coefficient kappa: some uses, misuses,
        # and alternatives. Educational and Psychological Measurement 41, 687-699.
        # p. 689 (proportions × 100): p_o .60, kappa .27, kappa_n .40 with 3 categories
        ({(1, 1): 50, (2, 1): 10, (2, 2): 10, (2, 3): 10, (3, 1): 20}, 0.27),
        # p. 691: the same p_o .60 and kappa_n .40, but kappa .29
        ({(1, 1): 50, (1, 3): 10, (2, 2): 10, (2, 3): 10, (3, 1): 10, (3, 2): 10}, 0.29),
    ],
)
def test_brennan_prediger_1981_examples(cells: dict[tuple[int, int], int], kappa: float) -> None:
    a, b = expand(cells)
    assert percent_agreement(a, b) == pytest.approx(0.60)
    assert cohen_kappa(a, b) == pytest.approx(kappa, abs=5e-3)
    assert brennan_prediger(a, b, 3) == pytest.approx(0.40)
    # with more categories to choose from, chance agreement is lower
    assert brennan_prediger(a, b, 5) == pytest.approx((0.6 - 0.2) / 0.8)


def test_weighted_kappa_by_hand() -> None:
    # categories 1, 2, 3; pairs (1,1), (2,3), (3,3): coder b's column totals 1/3, 0, 2/3.
    # linear: observed 1/6, expected 1/2 -> 2/3; quadratic: 1/12 and 5/12 -> 4/5
    a, b = [1, 2, 3], [1, 3, 3]
    assert cohen_kappa(a, b, "linear") == pytest.approx(2 / 3)
    assert cohen_kappa(a, b, "quadratic") == pytest.approx(4 / 5)
    # a category nobody used still counts in the distances when named: with 1.5 between
    # 1 and 2, the positions are 0, 2, 3: observed 1/9, expected 13/27 -> 10/13
    assert cohen_kappa(a, b, "linear", categories=[1, 1.5, 2, 3]) == pytest.approx(10 / 13)


#: Krippendorff, K. (2004). Content Analysis: An Introduction to Its Methodology (2nd
#: ed.), §12.4, p. 254 (as reproduced in DKPro Statistics' Krippendorff2004Test): a
#: continuum from 150 to 450 with two observers, categories c and k. Here shifted to
#: start at 0. For c: D_o = .0144, D_e = .0532, alpha = .7286; for k: alpha = 1.
KRIPPENDORFF_2004 = pd.DataFrame(
    [
        ("i", "c", 225, 295), ("i", "c", 370, 400), ("j", "c", 220, 300),
        ("j", "c", 355, 375), ("j", "c", 400, 420), ("i", "k", 180, 240),
        ("i", "k", 300, 350), ("j", "k", 180, 240), ("j", "k", 300, 350),
    ],
    columns=["coder", "code", "start_char", "end_char"],
).assign(
    doc_id="tekst",
    start_char=lambda f: f["start_char"] - 150,
    end_char=lambda f: f["end_char"] - 150,
)  # fmt: skip


def test_unitized_alpha_krippendorff_2004_example() -> None:
    lengths = {"tekst": 300}
    assert unitized_alpha(KRIPPENDORFF_2004, lengths, code="c", definition="2004") == (
        pytest.approx(0.7286, abs=5e-5)
    )
    assert unitized_alpha(KRIPPENDORFF_2004, lengths, code="k", definition="2004") == 1.0
    # the 2016/2019 coefficient reads the same data differently, and also gives 1 for k
    assert unitized_alpha(KRIPPENDORFF_2004, lengths, code="k") == 1.0
    assert unitized_alpha(KRIPPENDORFF_2004, lengths, code="c") < 0.7286


def test_unitized_alpha_small_case_by_hand() -> None:
    # L = 10; anna codes 2-6, bas 4-8: 4 characters each, 2 shared.
    # 2019: n = 20; coded n_1 = 8, uncoded n_0 = 12; coded by one, not the other:
    # o_10 = 2 + 2 = 4; correction = 4² + 4² (units) + 6 + 6 (gap characters) = 44;
    # alpha = 1 - 4 (20 - 44/20) / (8 * 12) = 31/120.
    # 2004: D_o = 2 ((2-4)² + (6-8)²) / (2 * 1 * 10²) = 0.16; D_e = 2/10 * (2 * 28 + 2 *
    # 16 * 2) / (20 * 19 - 2 * 4 * 3) = 24/356; alpha = 1 - 0.16 * 356 / 24 = -14/75.
    codings = pd.DataFrame(
        {"coder": ["anna", "bas"], "doc_id": "d", "start_char": [2, 4], "end_char": [6, 8]}
    )
    assert unitized_alpha(codings, {"d": 10}) == pytest.approx(31 / 120)
    assert unitized_alpha(codings, {"d": 10}, definition="2004") == pytest.approx(-14 / 75)


# -- limiting and edge cases -----------------------------------------------------------


def test_perfect_agreement_is_one_when_defined() -> None:
    labels = ["a", "b", "b", "c", "a"]
    assert percent_agreement(labels, labels) == 1.0
    assert cohen_kappa(labels, labels) == pytest.approx(1.0)
    assert cohen_kappa(labels, labels, "quadratic") == pytest.approx(1.0)
    assert krippendorff_alpha([labels, labels, labels]) == pytest.approx(1.0)
    assert fleiss_kappa(counts_table([[x] * 3 for x in labels], ["a", "b", "c"])) == (
        pytest.approx(1.0)
    )
    assert brennan_prediger(labels, labels, 3) == pytest.approx(1.0)


def test_one_category_only_leaves_chance_corrected_coefficients_undefined() -> None:
    same = ["ja"] * 5
    assert percent_agreement(same, same) == 1.0
    assert math.isnan(cohen_kappa(same, same))
    assert math.isnan(krippendorff_alpha([same, same]))
    assert math.isnan(fleiss_kappa([[3, 0]] * 4))
    assert brennan_prediger(same, same, 2) == 1.0  # its chance model does not look at the data


def test_missing_values_are_left_out_pairwise_and_per_unit() -> None:
    a = ["x", None, "y", "y", nan, "x"]
    b = ["x", "y", "y", None, "x", "y"]
    # pairs left: (x,x), (y,y), (x,y)
    assert percent_agreement(a, b) == pytest.approx(2 / 3)
    assert cohen_kappa(a, b) == pytest.approx(cohen_kappa(["x", "y", "x"], ["x", "y", "y"]))
    # alpha keeps every unit with two values or more, whichever coders gave them
    c = ["x", "y", "y", "y", "x", "x"]
    full = krippendorff_alpha([a, b, c])
    assert full == pytest.approx(
        krippendorff.alpha(
            reliability_data=[[{"x": 0, "y": 1}.get(v, nan) for v in row] for row in (a, b, c)],
            level_of_measurement="nominal",
        )
    )


def test_interval_alpha_does_not_depend_on_the_unit_of_measurement() -> None:
    data = np.array(KRIPPENDORFF_2011_C)
    for scale in (1e-9, 1e6):
        assert krippendorff_alpha(data * scale, "interval") == pytest.approx(0.849, abs=5e-4)
        assert krippendorff_alpha(data * scale, "ratio") == pytest.approx(0.797, abs=5e-4)


def test_units_with_one_value_do_not_count() -> None:
    with_lonely = [[1, 2, 1, 3], [1, 2, 2, nan]]
    assert krippendorff_alpha(with_lonely) == krippendorff_alpha([[1, 2, 1], [1, 2, 2]])
    with pytest.raises(ValueError, match="no unit has values from two or more coders"):
        krippendorff_alpha([[1, nan, 3], [nan, 2, nan]])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: percent_agreement([], []), "nothing to compare"),
        (lambda: percent_agreement([1, 2], [1]), "same units"),
        (lambda: cohen_kappa([None], ["a"]), "no unit labelled by both"),
        (lambda: cohen_kappa([1], [1], "cubic"), "weights"),
        (lambda: cohen_kappa([1, 2], [2, 1], categories=[1]), "not in categories"),
        (lambda: cohen_kappa(["a", 1], [1, "a"], "linear"), "ordered labels"),
        (lambda: brennan_prediger([1, 2, 3], [1, 2, 3], 2), "at least the 3 labels"),
        (lambda: brennan_prediger([1], [1], 1), "at least 2"),
        (lambda: fleiss_kappa([]), "not empty"),
        (lambda: fleiss_kappa([[1, 2], [2, 2]]), "same number of ratings"),
        (lambda: fleiss_kappa([[1, 0], [0, 1]]), "at least 2 ratings"),
        (lambda: fleiss_kappa([[3, -1], [1, 1]]), "no negative"),
        (lambda: krippendorff_alpha([]), "not empty"),
        (lambda: krippendorff_alpha([[1, 2, 3]]), "at least two coders"),
        (lambda: krippendorff_alpha([[nan, nan], [nan, nan]]), "no values"),
        (lambda: krippendorff_alpha([[1], [2]], "metric"), "level"),
        (lambda: krippendorff_alpha([["a", "b"], ["a", "a"]], "interval"), "numbers"),
        (lambda: krippendorff_alpha([[-1, 2], [1, 2]], "ratio"), "negative"),
        (lambda: krippendorff_alpha([["a", 1], [1, "a"]], "ordinal"), "comparable"),
    ],
)
def test_bad_input_is_a_clear_value_error(call, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        call()


def test_a_bare_text_is_refused() -> None:
    with pytest.raises(TypeError, match="sequence of labels"):
        percent_agreement("abc", "abc")
    with pytest.raises(TypeError, match="coders × units"):
        krippendorff_alpha("abc")


def test_unordered_labels_still_give_unweighted_kappa() -> None:
    a, b = ["a", 1, 1, "a"], [1, 1, "a", "a"]
    assert cohen_kappa(a, b) == pytest.approx(0.0)


# -- unitized alpha: limiting cases and input ------------------------------------------


def spans(rows: list[tuple[str, str, int, int]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["coder", "doc_id", "start_char", "end_char"])


@pytest.mark.parametrize("definition", ["2019", "2004"])
def test_unitized_identical_codings_give_one(definition: str) -> None:
    one = [("d1", 3, 9), ("d1", 20, 25), ("d2", 0, 4)]
    frame = spans([(c, d, s, e) for c in ("a", "b", "c") for d, s, e in one])
    assert unitized_alpha(frame, {"d1": 30, "d2": 12}, definition=definition) == 1.0


@pytest.mark.parametrize("definition", ["2019", "2004"])
def test_unitized_nothing_or_everything_coded_is_undefined(definition: str) -> None:
    nothing = spans([])
    assert math.isnan(unitized_alpha(nothing, {"d": 10}, coders=["a", "b"], definition=definition))
    everything = spans([("a", "d", 0, 10), ("b", "d", 0, 10)])
    assert math.isnan(unitized_alpha(everything, {"d": 10}, definition=definition))


def test_unitized_2019_with_one_character_units_is_alpha_over_characters() -> None:
    """When every coded stretch is a single character, the stretches are the characters
    themselves and |uα becomes nominal alpha with characters as units."""
    rng = np.random.default_rng(7)
    coded = rng.random((3, 60)) < 0.3
    rows = [(f"c{i}", "d", int(j), int(j) + 1) for i, j in zip(*np.nonzero(coded), strict=True)]
    expected = krippendorff.alpha(
        reliability_data=coded.astype(int), level_of_measurement="nominal"
    )
    assert unitized_alpha(spans(rows), {"d": 60}) == pytest.approx(expected)
    assert krippendorff_alpha(coded.astype(int)) == pytest.approx(expected)


def test_unitized_overlapping_spans_of_one_coder_are_joined_touching_ones_are_not() -> None:
    joined = spans([("a", "d", 2, 9), ("b", "d", 3, 9)])
    overlapping = spans([("a", "d", 2, 6), ("a", "d", 4, 9), ("b", "d", 3, 9)])
    touching = spans([("a", "d", 2, 6), ("a", "d", 6, 9), ("b", "d", 3, 9)])
    lengths = {"d": 20}
    assert unitized_alpha(overlapping, lengths) == unitized_alpha(joined, lengths)
    assert unitized_alpha(touching, lengths) != unitized_alpha(joined, lengths)


def test_unitized_documents_are_separate_continua() -> None:
    # the same coding split over two documents or put in one longer one: 2019 sums
    # lengths, so only where the stretches are matters, not which document holds them
    two = spans([("a", "d1", 1, 4), ("b", "d1", 2, 4), ("a", "d2", 0, 3), ("b", "d2", 0, 2)])
    one = spans([("a", "d", 1, 4), ("b", "d", 2, 4), ("a", "d", 10, 13), ("b", "d", 10, 12)])
    assert unitized_alpha(two, {"d1": 10, "d2": 10}) == pytest.approx(
        unitized_alpha(one, {"d": 20})
    )
    # an uncoded document lengthens the continuum: more agreement on "not coded"
    assert unitized_alpha(two, {"d1": 10, "d2": 10, "d3": 50}) > unitized_alpha(
        two, {"d1": 10, "d2": 10}
    )


def test_unitized_a_coder_who_coded_nothing_counts_when_named() -> None:
    frame = spans([("anna", "d", 2, 6)])
    with pytest.raises(ValueError, match="at least two coders"):
        unitized_alpha(frame, {"d": 10})
    # anna 4 coded characters, bas none: o_10 = 4, n = 20, correction = 16 + 16;
    # alpha = 1 - 4 * (20 - 32/20) / (4 * 16) = -0.15
    assert unitized_alpha(frame, {"d": 10}, coders=["anna", "bas"]) == pytest.approx(-0.15)


@pytest.mark.parametrize(
    ("frame", "lengths", "kwargs", "message"),
    [
        (spans([("a", "d", 0, 11), ("b", "d", 0, 2)]), {"d": 10}, {}, "not inside its text"),
        (spans([("a", "d", 4, 4), ("b", "d", 0, 2)]), {"d": 10}, {}, "is empty"),
        (spans([("a", "x", 0, 2), ("b", "d", 0, 2)]), {"d": 10}, {}, "not in lengths: x"),
        (spans([("a", "d", 0, 2), ("b", "d", 0, 2)]), {"d": 0}, {}, "not all 0"),
        (spans([("a", "d", 0, 2), ("b", "d", 0, 2.5)]), {"d": 10}, {}, "whole numbers"),
        (spans([("a", "d", 0, 2)]).drop(columns="coder"), {"d": 10}, {}, "lacks the column"),
        (
            spans([("a", "d", 0, 2), ("b", "d", 0, 2)]).assign(code=["x", "y"]),
            {"d": 10},
            {},
            r"several codes \(x, y\)",
        ),
        (spans([("a", "d", 0, 2), ("b", "d", 0, 2)]), {"d": 10}, {"code": "x"}, "'code' column"),
        (spans([("a", "d", 0, 2), ("b", "d", 0, 2)]), {"d": 10}, {"definition": "1995"}, "'2019'"),
    ],
)
def test_unitized_bad_input(frame, lengths, kwargs, message) -> None:
    with pytest.raises(ValueError, match=message):
        unitized_alpha(frame, lengths, **kwargs)


def naive_sections(units: list[tuple[int, int]], length: int) -> list[tuple[int, int, bool]]:
    """A coder's division of 0..length into coded stretches and the gaps between them."""
    out, at = [], 0
    for start, end in sorted(units):
        if start > at:
            out.append((at, start, False))
        out.append((start, end, True))
        at = end
    return out + ([(at, length, False)] if at < length else [])


def naive_unitized(coders: list[list[tuple[int, int]]], length: int, definition: str) -> float:
    """Both coefficients written out literally over every pair of sections of every
    ordered pair of coders (one continuum, one category)."""
    m, sections = len(coders), [naive_sections(u, length) for u in coders]
    units = [e - b for s in sections for b, e, coded in s if coded]
    gaps = [e - b for s in sections for b, e, coded in s if not coded]
    pairs = [
        (g, h)
        for i in range(m)
        for j in range(m)
        if i != j
        for g in sections[i]
        for h in sections[j]
    ]
    if definition == "2019":  # Krippendorff (2019), eqs. 32-35, binary
        observed = sum(max(0, min(g[1], h[1]) - max(g[0], h[0])) for g, h in pairs if g[2] != h[2])
        n, n_1 = m * length, sum(units)
        correction = sum(x * x for x in units) + sum(gaps)
        expected = 2 * n_1 * (n - n_1) / (n - correction / n)
        return 1 - observed / (m - 1) / expected
    observed = 0  # Krippendorff (2004), §12.4
    for (b1, e1, c1), (b2, e2, c2) in pairs:
        if c1 and c2 and max(b1, b2) < min(e1, e2):
            observed += (b1 - b2) ** 2 + (e1 - e2) ** 2
        elif c1 and not c2 and b2 <= b1 and e1 <= e2:
            observed += (e1 - b1) ** 2
        elif c2 and not c1 and b1 <= b2 and e2 <= e1:
            observed += (e2 - b2) ** 2
    d_o = observed / (m * (m - 1) * length**2)
    expected = sum(
        (len(units) - 1) * (2 * x**3 - 3 * x**2 + x) / 3
        + x * x * sum(g - x + 1 for g in gaps if g >= x)
        for x in units
    )
    d_e = 2 / length * expected / (m * length * (m * length - 1) - sum(x * (x - 1) for x in units))
    return 1 - d_o / d_e


@pytest.mark.parametrize("seed", range(30))
@pytest.mark.parametrize("definition", ["2019", "2004"])
def test_unitized_alpha_matches_the_definition_written_out(seed: int, definition: str) -> None:
    rng = np.random.default_rng(seed)
    m, length = int(rng.integers(2, 5)), int(rng.integers(8, 40))
    coders = []
    for _ in range(m):  # stretches that do not overlap (they may touch)
        cuts = sorted(set(rng.integers(0, length + 1, size=int(rng.integers(2, 7))).tolist()))
        coders.append([(a, b) for a, b in zip(cuts[::2], cuts[1::2], strict=False) if a < b])
    if not any(coders) or all(sum(b - a for a, b in u) == length for u in coders):
        coders[0] = [(0, 1)]  # something coded, something not
    rows = [(f"c{i}", "d", a, b) for i, u in enumerate(coders) for a, b in u]
    ours = unitized_alpha(
        spans(rows), {"d": length}, coders=[f"c{i}" for i in range(m)], definition=definition
    )
    assert ours == pytest.approx(naive_unitized(coders, length, definition))


# -- cross-checks against the reference packages -----------------------------------------


def random_reliability_data(seed: int, level: str) -> np.ndarray:
    rng = np.random.default_rng(seed)
    coders, units = int(rng.integers(2, 6)), int(rng.integers(5, 40))
    low = 1 if level == "ratio" else 0  # ratio: ((c - k) / (c + k))² needs no 0 + 0
    data = rng.integers(low, low + int(rng.integers(2, 6)), size=(coders, units)).astype(float)
    data[rng.random(data.shape) < 0.2] = nan
    return data


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("level", ["nominal", "ordinal", "interval", "ratio"])
def test_alpha_matches_the_krippendorff_package(seed: int, level: str) -> None:
    data = random_reliability_data(seed, level)
    ours = krippendorff_alpha(data, level)
    theirs = krippendorff.alpha(reliability_data=data, level_of_measurement=level)
    assert ours == pytest.approx(theirs, abs=1e-9) or (math.isnan(ours) and math.isnan(theirs))


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.lists(st.one_of(st.none(), st.integers(0, 3)), min_size=6, max_size=6),
        min_size=2,
        max_size=4,
    )
)
def test_nominal_alpha_matches_the_package_on_generated_data(rows: list[list[int | None]]) -> None:
    data = np.array([[nan if v is None else v for v in row] for row in rows], dtype=float)
    pairable = (~np.isnan(data)).sum(axis=0) >= 2
    values = data[:, pairable]
    if not pairable.any() or len(np.unique(values[~np.isnan(values)])) < 2:
        return  # nothing to compare, or no variation: the package has no answer there
    assert krippendorff_alpha(data) == pytest.approx(
        krippendorff.alpha(reliability_data=data, level_of_measurement="nominal"), abs=1e-9
    )


@pytest.mark.parametrize("seed", range(6))
def test_fleiss_kappa_matches_statsmodels(seed: int) -> None:
    rng = np.random.default_rng(seed)
    raters, categories = int(rng.integers(2, 9)), int(rng.integers(2, 6))
    choices = rng.integers(0, categories, size=(int(rng.integers(5, 50)), raters))
    table = np.stack([(choices == c).sum(axis=1) for c in range(categories)], axis=1)
    assert fleiss_kappa(table) == pytest.approx(inter_rater.fleiss_kappa(table, method="fleiss"))


@pytest.mark.parametrize("seed", range(6))
@pytest.mark.parametrize("weights", [None, "linear", "quadratic"])
def test_cohen_kappa_matches_statsmodels(seed: int, weights: str | None) -> None:
    rng = np.random.default_rng(seed)
    q = int(rng.integers(2, 6))
    a = rng.integers(0, q, size=40)
    b = np.where(rng.random(40) < 0.6, a, rng.integers(0, q, size=40))
    table = np.zeros((q, q))
    np.add.at(table, (a, b), 1)
    theirs = inter_rater.cohens_kappa(table, wt=weights).kappa
    ours = cohen_kappa(list(a), list(b), weights, categories=range(q))
    assert ours == pytest.approx(theirs)


@pytest.mark.parametrize("seed", range(4))
def test_two_coder_alpha_fleiss_and_percent_agree_with_their_definitions(seed: int) -> None:
    """Two coders, no missing values: alpha = 1 - (n-1)/n * (1 - Scott's pi), and Fleiss'
    kappa is Scott's pi; percent agreement is the share of equal pairs."""
    rng = np.random.default_rng(seed)
    a = rng.integers(0, 3, size=30)
    b = np.where(rng.random(30) < 0.5, a, rng.integers(0, 3, size=30))
    n = 2 * len(a)
    table = np.stack([(a == c).astype(int) + (b == c).astype(int) for c in range(3)], axis=1)
    pi = fleiss_kappa(table)
    assert krippendorff_alpha([a, b]) == pytest.approx(1 - (n - 1) / n * (1 - pi))
    assert percent_agreement(a, b) == pytest.approx(np.mean(a == b))


# -- a real store: two coders and a third ---------------------------------------------

CODEBOOK = """
name: mini
codes:
  - name: eten
    definition: Eten en koken.
    patterns: [{phrase: eetgroep}, {phrase: kook}]
  - name: mensen
    definition: Aantallen mensen.
    patterns: [{phrase: mensen}]
  - name: samenwerking
    definition: Samenwerken.
    patterns: [{phrase: samenwerken}]
  - name: financiering
    definition: Geld.
    patterns: [{phrase: subsidie}, {phrase: financiering}]
"""
RULE = "regels"
V = "P01_2018_gesprek.vtt"  # segments 0, 2 interviewer; 1 respondent (Bert)
A = "P01_2018_interview_initiatiefnemer.txt"  # 0, 2 interviewer; 1, 3 respondent
B = "P01_2019_interview.txt"  # 0, 2 interviewer (Anja); 1, 3 respondent (Kees)
M = "P02_2018_rapport.md"  # report: paragraphs 0, 1, 2 without a role
C = "P02_2019_interview_vrijwilliger.txt"  # 0, 2 interviewer; 1, 3 respondent
N = "notities.txt"  # not rule-coded

#: The rule codings (scope "segment": whole respondent turns and report paragraphs),
#: as (path, segment position, code). Interviewer turns are not rule-coded.
RULE_CODINGS = [
    (V, 1, "mensen"),  # "Goed, we zijn met twintig mensen."
    (A, 1, "eten"),  # "We begonnen met een eetgroep in de buurt. ..."
    (A, 3, "samenwerking"),  # "Dat samenwerken tijd kost." (characters 166-192)
    (B, 1, "mensen"),  # "Meer mensen doen mee."
    (M, 1, "mensen"),  # "Er kwamen 40 mensen op de eerste avond."
    (M, 2, "financiering"),  # "De gemeente heeft subsidie toegezegd."
    (C, 1, "eten"),  # "Ik kook één keer per week voor de coöperatie."
]
#: anna = the rule codings, changed: B 1 gets financiering instead of mensen; C 1 not
#: coded; A 3 only the word "samenwerken" (characters 170-181); and three more.
ANNA_EXTRA = [
    (C, 3, "eten"),  # "Het geeft me plezier, ..."
    (V, 2, "financiering"),  # "Mooi. En de financiering?" -- an interviewer turn
    (N, 1, "financiering"),  # a document the rules did not code
]  # and mensen on the title "Eindverslag" of M, outside every segment
MEMO = "Gaat over geld, niet over bereik."
SEGMENT_MEMO = "Twijfel: <b>bereik</b> of geld?"

# Segment level (documents every coder coded: V, A, B, M, C), respondent turns and
# paragraphs: V1, A1, A3, B1, B3, M0, M1, M2, C1, C3 = 10 units. anna | regels:
#   V1 mensen | mensen    A1 eten | eten    A3 samenwerking | samenwerking
#   B1 financiering | mensen    M1 mensen | mensen    M2 financiering | financiering
#   C1 - | eten    C3 eten | -    B3, M0: nothing
# Per code (n = 20 values; alpha = 1 - 19 * o_10 / (n_1 * n_0), o_10 = disagreements):
#   eten: 2 disagreements, n_1 = 4: alpha 1 - 38/64; kappa (.8 - .68) / .32 = .375
#   financiering: 1, n_1 = 3: alpha 1 - 19/51; kappa (.9 - .74) / .26 = 8/13
#   mensen: 1, n_1 = 5: alpha 1 - 19/75; kappa (.9 - .62) / .38 = 14/19
#   samenwerking: 0, n_1 = 2: alpha 1, kappa 1
#   all codes (40 decisions): 4 disagreements, n_1 = 14: alpha 1 - 79 * 4 / (14 * 66);
#   both 5, anna only 2, regels only 2, neither 31: kappa (.9 - 1138/1600) / (1 - 1138/1600)
SEGMENT_LEVEL = {
    "eten": (3, 0.8, 0.375, 1 - 38 / 64),
    "financiering": (2, 0.9, 8 / 13, 1 - 19 / 51),
    "mensen": (3, 0.9, 14 / 19, 1 - 19 / 75),
    "samenwerking": (1, 1.0, 1.0, 1.0),
    OVERALL: (8, 0.9, (0.9 - 1138 / 1600) / (1 - 1138 / 1600), 1 - 79 * 4 / (14 * 66)),
}


@pytest.fixture(scope="module")
def coded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ProjectStore]:
    root = tmp_path_factory.mktemp("agreement")
    store = ProjectStore(root / "project.sokwal")
    ingest(store, write_corpus(root / "corpus"))
    code_store(store, codebook_from_text(CODEBOOK), coder=RULE, scope="segment")
    segments = store.segments(with_metadata=True).set_index(["path", "position"])
    position = {s: p for (_, p), s in segments["segment_id"].items()}
    for row in store.codings(coder=RULE, with_metadata=True).itertuples():
        key = (row.path, position[row.segment_id])
        if key == (C, 1):
            continue  # anna does not code it
        if key == (A, 3):
            code_quote(store, A, "samenwerken", row.code, coder="anna")
        elif key == (B, 1):
            code_segment(store, row.segment_id, "financiering", coder="anna", memo=MEMO)
        else:
            code_segment(store, row.segment_id, row.code, coder="anna")
    for path, position, code in ANNA_EXTRA:
        code_segment(store, segments.loc[(path, position), "segment_id"], code, coder="anna")
    code_quote(store, M, "Eindverslag", "mensen", coder="anna")  # a title: in no segment
    b1 = segments.loc[(B, 1), "segment_id"]
    add_memo(store, B, f"[segment {b1}] {SEGMENT_MEMO}", author="bas", kind="document")
    for row in store.codings(coder="anna").itertuples():  # carla: a copy of anna
        add_coding(store, row.doc_id, row.start_char, row.end_char, row.code, coder="carla")
    yield store
    store.close()


def by_code(table: pd.DataFrame) -> pd.DataFrame:
    return table.set_index("code")


def test_the_fixture_made_the_codings_it_lists(coded: ProjectStore) -> None:
    segments = coded.segments(with_metadata=True).set_index("segment_id")
    rule = coded.codings(coder=RULE)
    made = sorted(
        (segments.loc[s, "path"], int(segments.loc[s, "position"]), c)
        for s, c in zip(rule["segment_id"], rule["code"], strict=True)
    )
    assert made == sorted(RULE_CODINGS)
    anna = coded.codings(coder="anna")
    assert len(anna) == len(RULE_CODINGS) - 1 + len(ANNA_EXTRA) + 1  # + the title
    assert anna["segment_id"].isna().sum() == 1
    assert len(coded.codings(coder="carla")) == len(coded.codings(coder="anna"))


def test_segment_level_by_hand(coded: ProjectStore) -> None:
    table = agreement(coded, ["anna", RULE], "segment", n_boot=0)
    assert list(table.columns) == [
        "code", "level", "n_units", "n_coded_by_any", "percent_agreement", "cohen_kappa",
        "krippendorff_alpha", "ci_low", "ci_high",
    ]  # fmt: skip
    assert table["code"].tolist() == [*sorted(SEGMENT_LEVEL)[1:], OVERALL]  # "(all..." first
    assert (table["level"] == "segment").all()
    assert (table["n_units"] == 10).all()
    rows = by_code(table)
    for code, (n_coded, pct, kappa, alpha) in SEGMENT_LEVEL.items():
        row = rows.loc[code]
        assert row["n_coded_by_any"] == n_coded, code
        assert row["percent_agreement"] == pytest.approx(pct), code
        assert row["cohen_kappa"] == pytest.approx(kappa), code
        assert row["krippendorff_alpha"] == pytest.approx(alpha), code
    assert table["ci_low"].isna().all()  # n_boot=0: no interval
    assert table.attrs["uncoded"] == "included"
    assert table.attrs["coders"] == ["anna", RULE]


def test_segment_level_matches_the_generic_functions(coded: ProjectStore) -> None:
    # eten over the 10 units in the order of the hand table above
    anna = [0, 1, 0, 0, 0, 0, 0, 0, 0, 1]  # V1 A1 A3 B1 B3 M0 M1 M2 C1 C3
    rule = [0, 1, 0, 0, 0, 0, 0, 0, 1, 0]
    row = by_code(agreement(coded, ["anna", RULE], n_boot=0)).loc["eten"]
    assert row["krippendorff_alpha"] == pytest.approx(krippendorff_alpha([anna, rule]))
    assert row["cohen_kappa"] == pytest.approx(cohen_kappa(anna, rule))
    assert row["percent_agreement"] == pytest.approx(percent_agreement(anna, rule))


def test_excluding_uncoded_units(coded: ProjectStore) -> None:
    # B3 and M0 go: 8 units. eten: n = 16, n_1 = 4, 2 disagreements: 1 - 15 * 2 / 48
    table = agreement(coded, ["anna", RULE], include_uncoded=False, n_boot=0)
    assert (table["n_units"] == 8).all()
    assert by_code(table).loc["eten", "krippendorff_alpha"] == pytest.approx(1 - 30 / 48)
    assert by_code(table).loc["eten", "percent_agreement"] == pytest.approx(6 / 8)
    assert table.attrs["uncoded"] == "excluded"


def test_interviewer_turns_on_request(coded: ProjectStore) -> None:
    # 8 interviewer turns more (2 in each of V, A, B, C): 18 units; anna's financiering
    # on V2 now counts: n = 36, n_1 = 4, 2 disagreements: 1 - 35 * 2 / (4 * 32)
    table = by_code(agreement(coded, ["anna", RULE], interviewer=True, n_boot=0))
    assert table.loc["financiering", "n_units"] == 18
    assert table.loc["financiering", "krippendorff_alpha"] == pytest.approx(1 - 70 / 128)


def test_document_level_by_hand(coded: ProjectStore) -> None:
    # all 8 documents; a code is present anywhere in a document, interviewer turns too.
    # financiering: anna V, B, M, N; regels M: 3 disagreements, n = 16, n_1 = 5:
    #   alpha 1 - 15 * 3 / 55; kappa: p_o 5/8, p_e .5 * .125 + .5 * .875 = .5 -> .25
    # mensen: anna V, M; regels V, B, M: 1 disagreement: alpha 1 - 15 / 55
    table = by_code(agreement(coded, ["anna", RULE], "document", n_boot=0))
    assert (table["n_units"] == 8).all()
    assert table.loc["financiering", "krippendorff_alpha"] == pytest.approx(1 - 45 / 55)
    assert table.loc["financiering", "cohen_kappa"] == pytest.approx(0.25)
    assert table.loc["financiering", "percent_agreement"] == pytest.approx(5 / 8)
    assert table.loc["mensen", "krippendorff_alpha"] == pytest.approx(1 - 15 / 55)
    assert table.loc["eten", "krippendorff_alpha"] == 1.0
    assert table.loc[OVERALL, "n_coded_by_any"] == 6  # not P03 and the Verslag
    # without them: 6 units; financiering n = 12, n_1 = 5: 1 - 11 * 3 / 35
    table = by_code(agreement(coded, ["anna", RULE], "document", include_uncoded=False, n_boot=0))
    assert (table["n_units"] == 6).all()
    assert table.loc["financiering", "krippendorff_alpha"] == pytest.approx(1 - 33 / 35)


def test_span_level_by_hand(coded: ProjectStore) -> None:
    # characters of V, A, B, M, C: 111 + 193 + 128 + 168 + 189 = 789.
    # samenwerking: regels 166-192 (26), anna 170-181 (11, inside): 15 differ.
    table = agreement(coded, ["anna", RULE], "span", n_boot=0)
    assert list(table.columns)[-1] == "unitized_alpha"
    assert (table["n_units"] == 789).all()
    row = by_code(table).loc["samenwerking"]
    assert row["n_coded_by_any"] == 26
    assert row["percent_agreement"] == pytest.approx(1 - 15 / 789)
    n, n_1, n_0 = 1578, 37, 1541
    assert row["krippendorff_alpha"] == pytest.approx(1 - (n - 1) * 15 / (n_1 * n_0))
    p_e = (11 * 26 + 778 * 763) / 789**2
    assert row["cohen_kappa"] == pytest.approx((774 / 789 - p_e) / (1 - p_e))
    # unitized (2019): coded stretches 26 and 11 are units: correction 26² + 11² + 1541
    correction = Fraction(26**2 + 11**2 + n_0)
    expected = 1 - 15 * (n - correction / n) / (n_1 * n_0)
    assert row["unitized_alpha"] == pytest.approx(float(expected))
    frame = coded.codings(coder=["anna", RULE])
    lengths = dict(zip(coded.documents()["doc_id"], coded.documents()["n_chars"], strict=True))
    shared = {d for d in lengths if d in set(frame[frame["coder"] == RULE]["doc_id"])}
    assert row["unitized_alpha"] == pytest.approx(
        unitized_alpha(frame, {d: lengths[d] for d in shared}, code="samenwerking")
    )
    # the overall row pools every code's documents into one continuum: between the codes
    assert table["unitized_alpha"].iloc[:-1].min() <= table["unitized_alpha"].iloc[-1]
    assert table["unitized_alpha"].iloc[-1] <= table["unitized_alpha"].iloc[:-1].max()


def test_three_coders_report_fleiss_kappa(coded: ProjectStore) -> None:
    # carla copies anna. eten at segment level, per unit (anna, regels, carla):
    # A1 (1, 1, 1), C1 (0, 1, 0), C3 (1, 0, 1), seven units (0, 0, 0)
    table = agreement(coded, ["anna", RULE, "carla"], n_boot=0)
    assert "fleiss_kappa" in table.columns and "cohen_kappa" not in table.columns
    row = by_code(table).loc["eten"]
    counts = [[0, 3], [2, 1], [1, 2]] + [[3, 0]] * 7  # (not coded, coded) per unit
    assert row["fleiss_kappa"] == pytest.approx(fleiss_kappa(counts))
    matrix = [[1, 0, 1] + [0] * 7, [1, 1, 0] + [0] * 7, [1, 0, 1] + [0] * 7]
    assert row["krippendorff_alpha"] == pytest.approx(krippendorff_alpha(matrix))
    # mean share of agreeing pairs: A1 1, C1 1/3, C3 1/3, others 1
    assert row["percent_agreement"] == pytest.approx((8 + 2 / 3) / 10)


def test_an_empty_list_of_codes_is_refused(coded: ProjectStore) -> None:
    with pytest.raises(ValueError, match="no codes to compare"):
        agreement(coded, ["anna", RULE], codes=[])


def test_a_code_nobody_used(coded: ProjectStore) -> None:
    table = by_code(agreement(coded, ["anna", RULE], codes=["eten", "onbekend"], n_boot=0))
    assert table.index.tolist() == ["eten", "onbekend", OVERALL]
    row = table.loc["onbekend"]
    assert row["n_coded_by_any"] == 0 and row["percent_agreement"] == 1.0
    assert math.isnan(row["krippendorff_alpha"]) and math.isnan(row["cohen_kappa"])
    # the overall row pools only the codes asked for
    assert table.loc[OVERALL, "n_coded_by_any"] == 3


def test_bootstrap_interval_is_reproducible(coded: ProjectStore) -> None:
    first = agreement(coded, ["anna", RULE], n_boot=300, seed=5)
    again = agreement(coded, ["anna", RULE], n_boot=300, seed=5)
    other = agreement(coded, ["anna", RULE], n_boot=300, seed=6)
    pd.testing.assert_frame_equal(first, again)
    assert not first[["ci_low", "ci_high"]].equals(other[["ci_low", "ci_high"]])
    rows = by_code(first)
    assert (rows["ci_low"] <= rows["ci_high"]).all()
    # samenwerking agrees in every resample that has it at all
    assert rows.loc["samenwerking", ["ci_low", "ci_high"]].tolist() == [1.0, 1.0]
    low, high = rows.loc[OVERALL, ["ci_low", "ci_high"]]
    assert low < rows.loc[OVERALL, "krippendorff_alpha"] < high
    span = agreement(coded, ["anna", RULE], "span", n_boot=200, seed=5)  # segments resampled
    assert span["ci_low"].notna().all()


def test_coders_are_checked(coded: ProjectStore) -> None:
    with pytest.raises(CodingError, match=r"no codings by coder 'bas'.*anna, carla, regels"):
        agreement(coded, ["anna", "bas"])
    with pytest.raises(ValueError, match="at least two coders"):
        agreement(coded, ["anna"])
    with pytest.raises(ValueError, match="named twice"):
        agreement(coded, ["anna", "anna"])
    with pytest.raises(TypeError, match="single text 'anna'"):
        agreement(coded, "anna")
    with pytest.raises(ValueError, match="level"):
        agreement(coded, ["anna", RULE], "quote")
    with pytest.raises(ValueError, match="n_boot"):
        agreement(coded, ["anna", RULE], n_boot=-1)
    with pytest.raises(CodingError, match="no codings by coder"):
        disagreements(coded, ["anna", "bas"])


def test_no_document_in_common_is_a_clear_error(store: ProjectStore, corpus: Path) -> None:
    ingest(store, corpus)
    docs = store.documents()["path"].tolist()
    code_quote(store, docs[1], "eetgroep", "eten", coder="anna")
    code_quote(store, docs[2], "mensen", "mensen", coder="bas")
    with pytest.raises(ValueError, match="no documents every coder coded"):
        agreement(store, ["anna", "bas"])
    assert agreement(store, ["anna", "bas"], "document", n_boot=0)["n_units"].iloc[0] == 8


# -- the consensus meeting -----------------------------------------------------------------


def test_disagreements_for_the_consensus_meeting(coded: ProjectStore) -> None:
    table = disagreements(coded, ["anna", RULE])
    assert list(table.columns) == DISAGREEMENT_COLUMNS
    got = table[["path", "text", "code", "coded_by", "not_coded_by"]].values.tolist()
    assert got == [
        [B, "Meer mensen doen mee.", "financiering", "anna", RULE],
        [B, "Meer mensen doen mee.", "mensen", RULE, "anna"],
        [C, "Ik kook één keer per week voor de coöperatie.", "eten", RULE, "anna"],
        [C, "Het geeft me plezier, zeker met de geïnterviewde buren.", "eten", "anna", RULE],
    ]
    assert table["speaker"].tolist() == ["Kees", "Kees", "Respondent", "Respondent"]
    assert table["memos"].tolist() == [
        f"anna: {MEMO}\nbas (segment): {SEGMENT_MEMO}",
        f"bas (segment): {SEGMENT_MEMO}",
        "",
        "",
    ]
    # the number of rows is the number of disagreements agreement() counts
    counted = agreement(coded, ["anna", RULE], n_boot=0)
    assert (
        len(table)
        == 4
        == round((1 - counted.iloc[-1]["percent_agreement"]) * 10 * (len(counted) - 1))
    )
    assert disagreements(coded, ["anna", RULE], codes="eten")["code"].tolist() == ["eten"] * 2
    assert disagreements(coded, ["anna", "carla"]).empty  # carla copied anna


def test_disagreements_with_interviewer_turns(coded: ProjectStore) -> None:
    table = disagreements(coded, ["anna", RULE], interviewer=True)
    assert "Mooi. En de financiering?" in table["text"].tolist()
    assert len(table) == 5


def test_disagreements_save_as_csv_and_excel(coded: ProjectStore, tmp_path: Path) -> None:
    table = disagreements(coded, ["anna", RULE])
    table.to_excel(tmp_path / "overleg.xlsx", index=False)
    back = pd.read_excel(tmp_path / "overleg.xlsx", engine="openpyxl", dtype=str)
    back = back.fillna("")
    pd.testing.assert_frame_equal(back, table.astype(str), check_dtype=False)
    table.to_csv(tmp_path / "overleg.csv", index=False)
    back = pd.read_csv(tmp_path / "overleg.csv", dtype=str, keep_default_na=False)
    pd.testing.assert_frame_equal(back, table.astype(str), check_dtype=False)


def test_disagreements_html_is_printable_and_escaped(coded: ProjectStore) -> None:
    page = disagreements_html(disagreements(coded, ["anna", RULE]))
    assert page.startswith("<!DOCTYPE html>")
    assert "<h1>Verschillen tussen codeurs: anna, regels</h1>" in page
    assert f"<h2>{B}</h2>" in page and f"<h2>{C}</h2>" in page
    assert page.count("Meer mensen doen mee.") == 1  # one box per segment, both codes in it
    assert "Twijfel: &lt;b&gt;bereik&lt;/b&gt; of geld?" in page
    assert "<b>bereik</b>" not in page
    assert "4 verschillen in 3 fragmenten uit 2 documenten" in page
    assert "src=" not in page and "<link" not in page  # nothing to fetch: self-contained
    empty = disagreements_html(disagreements(coded, ["anna", "carla"]), title="Ronde 2")
    assert "<h1>Ronde 2</h1>" in empty and "Geen verschillen gevonden" in empty
    with pytest.raises(ValueError, match="lacks"):
        disagreements_html(pd.DataFrame({"code": ["x"]}))


def test_project_id_limits_the_units_to_that_projects_documents(coded: ProjectStore) -> None:
    docs = coded.documents()
    texts = docs[docs["kind"] != "survey"]
    coders = ["anna", RULE]
    full = by_code(agreement(coded, coders, level="segment", n_boot=0))
    projects = sorted(texts["project_id"].dropna().unique())
    per_segment = 0
    coded_docs = coded.codings(coder=coders, with_metadata=True)
    for project in projects:
        if project not in set(coded_docs["project_id"]):
            with pytest.raises(ValueError, match=f"project {project}: nothing to compare"):
                agreement(coded, coders, n_boot=0, project_id=project)
            continue
        by_doc = by_code(agreement(coded, coders, level="document", n_boot=0, project_id=project))
        assert by_doc.loc[OVERALL, "n_units"] == (texts["project_id"] == project).sum()
        try:
            table = agreement(coded, coders, level="segment", n_boot=0, project_id=[project])
        except ValueError:  # no document of this project coded by both
            continue
        per_segment += by_code(table).loc[OVERALL, "n_units"]
    if coded_docs["project_id"].notna().all():
        assert per_segment == full.loc[OVERALL, "n_units"]
    else:
        assert per_segment <= full.loc[OVERALL, "n_units"]
    assert per_segment > 0
