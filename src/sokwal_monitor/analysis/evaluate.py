"""How well do automatic codings agree with a human gold standard?

:func:`evaluate` compares the codings of a ``system`` coder (a rule or model coder, for
example ``rule:sociale_kwaliteit@1``) with those of a ``gold`` coder (a researcher),
code by code: precision (which share of the system's codings the researcher agrees
with), recall (which share of the researcher's codings the system found) and F1 (their
harmonic mean), plus a micro-averaged row over all codes.

Examples
--------
>>> import pathlib, tempfile
>>> from sokwal_monitor import ProjectStore, ingest
>>> from sokwal_monitor.coding import code_segment
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> text = "I: Wat ging goed?\\nR: De buurt doet mee.\\nR: We kregen subsidie.\\n"
>>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(store, root)
>>> seg = store.segments()["segment_id"].tolist()
>>> _ = code_segment(store, seg[1], "bereik", coder="anna")
>>> _ = code_segment(store, seg[2], "financiering", coder="anna")
>>> _ = code_segment(store, seg[2], "financiering", coder="bas")
>>> evaluate(store, "anna", "bas")[["code", "precision", "recall", "f1"]]
           code  precision  recall        f1
0        bereik        NaN     0.0       NaN
1  financiering        1.0     1.0  1.000000
2       (micro)        1.0     0.5  0.666667
>>> store.close()
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Literal

import pandas as pd

from ..store import ProjectStore

__all__ = ["EVALUATION_COLUMNS", "MICRO", "evaluate"]

#: The ``code`` of the last row of :func:`evaluate`: all codes together, micro-averaged.
MICRO = "(micro)"
#: Columns of :func:`evaluate`, in this order.
EVALUATION_COLUMNS = [
    "code",
    "n_gold",
    "n_system",
    "tp",
    "tp_gold",
    "fp",
    "fn",
    "precision",
    "recall",
    "f1",
]


def _ratio(part: int, whole: int) -> float:
    """``part / whole``; NaN (undefined) when ``whole`` is 0."""
    return part / whole if whole else math.nan


def _f1(precision: float, recall: float) -> float:
    """The harmonic mean; NaN when either is undefined, 0 when both are 0."""
    if math.isnan(precision) or math.isnan(recall):
        return math.nan
    if precision + recall == 0:
        return 0.0
    return 2 * precision * recall / (precision + recall)


def _segment_counts(gold: pd.DataFrame, system: pd.DataFrame) -> dict[str, list[int]]:
    """Per code: ``[n_gold, n_system, tp, tp_gold]`` with (segment, code) pairs as units."""
    units_gold = set(gold.dropna(subset=["segment_id"])[["segment_id", "code"]].itertuples(False))
    units_sys = set(system.dropna(subset=["segment_id"])[["segment_id", "code"]].itertuples(False))
    counts: dict[str, list[int]] = {}
    for code in sorted(set(gold["code"]) | set(system["code"])):
        g = {u for u in units_gold if u[1] == code}
        s = {u for u in units_sys if u[1] == code}
        both = len(g & s)
        counts[code] = [len(g), len(s), both, both]
    return counts


def _overlapping(spans: list[tuple[int, int]], others: list[tuple[int, int]]) -> int:
    """How many of ``spans`` share at least one character with one of ``others``."""
    return sum(
        any(max(start, o_start) < min(end, o_end) for o_start, o_end in others)
        for start, end in spans
    )


def _span_counts(gold: pd.DataFrame, system: pd.DataFrame) -> dict[str, list[int]]:
    """Per code: ``[n_gold, n_system, tp, tp_gold]`` with overlapping spans as matches."""

    def spans(frame: pd.DataFrame) -> dict[tuple[str, str], list[tuple[int, int]]]:
        out: dict[tuple[str, str], list[tuple[int, int]]] = {}
        for code, doc_id, start, end in zip(
            frame["code"], frame["doc_id"], frame["start_char"], frame["end_char"], strict=True
        ):
            out.setdefault((code, doc_id), []).append((int(start), int(end)))
        return out

    by_gold, by_sys = spans(gold), spans(system)
    counts: dict[str, list[int]] = {}
    for code in sorted(set(gold["code"]) | set(system["code"])):
        n_gold, n_sys, tp, tp_gold = 0, 0, 0, 0
        for key in {k for k in (*by_gold, *by_sys) if k[0] == code}:
            g, s = by_gold.get(key, []), by_sys.get(key, [])
            n_gold, n_sys = n_gold + len(g), n_sys + len(s)
            tp += _overlapping(s, g)
            tp_gold += _overlapping(g, s)
        counts[code] = [n_gold, n_sys, tp, tp_gold]
    return counts


def evaluate(
    store: ProjectStore,
    gold: str,
    system: str,
    *,
    level: Literal["segment", "span"] = "segment",
    documents: Iterable[str] | None = None,
) -> pd.DataFrame:
    """Precision, recall and F1 of one coder's codings against a gold coder's, per code.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    gold : str
        The coder whose codings count as correct (a researcher).
    system : str
        The coder to evaluate (a rule or model coder, or a second researcher).
    level : {"segment", "span"}, default "segment"
        ``segment``: the units are (segment, code) pairs; the system is right about a
        segment when the gold coder gave that segment the same code (a coding counts
        for the segment it starts in; codings outside every segment are left out).
        ``span``: a system coding is right when it shares at least one character with
        a gold coding of the same code in the same document (spans that only touch,
        like characters 0-5 and 5-9, do not share one).
    documents : iterable of str, optional
        The doc_ids to compare on. By default: the documents in which the gold coder
        made at least one coding (the gold coder may have coded a sample only).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`EVALUATION_COLUMNS`: ``code, n_gold, n_system, tp, tp_gold, fp,
        fn, precision, recall, f1``, one row per code of either coder (sorted), then
        one row with code :data:`MICRO` over all codes together. ``tp`` is the number
        of system units or codings that are right, ``tp_gold`` the number of gold ones
        found (the same at segment level; at span level one system coding can overlap
        two gold codings, or the other way round). ``fp = n_system - tp``,
        ``fn = n_gold - tp_gold``, ``precision = tp / n_system``,
        ``recall = tp_gold / n_gold`` and ``f1`` their harmonic mean. A ratio that is
        0/0 is NaN (undefined), not 0; ``f1`` is NaN when precision or recall is.

    Raises
    ------
    CodingError
        ``gold`` or ``system`` has no codings in the store.
    TypeError
        ``documents`` is a single text instead of a list of doc_ids.
    ValueError
        An unknown ``level``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import add_coding
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: Wij kregen subsidie van de gemeente.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> doc = "P01_2018_interview.txt"
    >>> _ = add_coding(store, doc, 14, 22, "financiering", coder="anna")  # subsidie
    >>> _ = add_coding(store, doc, 20, 39, "financiering", coder="regel")  # ie van de gemeente
    >>> row = evaluate(store, "anna", "regel", level="span").iloc[0]
    >>> int(row["tp"]), float(row["precision"]), float(row["recall"])
    (1, 1.0, 1.0)
    >>> store.close()
    """
    if level not in ("segment", "span"):
        raise ValueError(f"level must be segment or span, not {level!r}")
    if isinstance(documents, str):
        raise TypeError(
            f"documents must be a list of doc_ids, not the single text {documents!r};"
            f" write documents=[{documents!r}]"
        )
    coders = store.coders(all_versions=True)
    store.check_coder(gold, coders)
    store.check_coder(system, coders)
    gold_frame = store.codings(coder=gold)
    system_frame = store.codings(coder=system)
    docs = set(gold_frame["doc_id"]) if documents is None else {str(d) for d in documents}
    gold_frame = gold_frame[gold_frame["doc_id"].isin(docs)]
    system_frame = system_frame[system_frame["doc_id"].isin(docs)]
    counts = (
        _segment_counts(gold_frame, system_frame)
        if level == "segment"
        else _span_counts(gold_frame, system_frame)
    )
    totals = [sum(c[i] for c in counts.values()) for i in range(4)]
    rows = []
    for code, (n_gold, n_sys, tp, tp_gold) in [*counts.items(), (MICRO, totals)]:
        precision, recall = _ratio(tp, n_sys), _ratio(tp_gold, n_gold)
        rows.append(
            (
                code,
                n_gold,
                n_sys,
                tp,
                tp_gold,
                n_sys - tp,
                n_gold - tp_gold,
                precision,
                recall,
                _f1(precision, recall),
            )
        )
    out = pd.DataFrame(rows, columns=EVALUATION_COLUMNS)
    for column in EVALUATION_COLUMNS[1:7]:
        out[column] = out[column].astype("int64")
    for column in EVALUATION_COLUMNS[7:]:
        out[column] = out[column].astype("float64")
    return out
