"""Agreement of coders in a store: one row per code and one over all codes, with a
bootstrap confidence interval for alpha."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from ..store import ProjectStore, StoreLike, open_store
from .many_coders import _fleiss
from .selection import _code_list, _store_coders
from .two_coders import _kappa_from_table
from .unitized import _unitized
from .units import _units

#: The ``code`` of the last row of :func:`agreement`: all codes pooled.
OVERALL = "(all codes)"
#: The levels :func:`agreement` compares at.
LEVELS = ("document", "segment", "span")


def _binary_alpha(hist: np.ndarray, m: int) -> np.ndarray:
    """Nominal alpha from histograms of how many of ``m`` coders coded a unit (last axis)."""
    k = np.arange(m + 1, dtype=float)
    n = m * hist.sum(axis=-1)
    n_1 = (hist * k).sum(axis=-1)
    n_0 = n - n_1
    o_10 = (hist * k * (m - k)).sum(axis=-1) / (m - 1)
    denominator = n_1 * n_0
    ratio = np.divide(
        (n - 1) * o_10, denominator, out=np.full_like(n_1, np.nan), where=denominator > 0
    )
    return 1.0 - ratio


def _pairwise_agreement(hist: np.ndarray, m: int) -> float:
    """The mean share of agreeing pairs of coders per unit (percent agreement)."""
    k = np.arange(m + 1, dtype=float)
    agreeing = (k * (k - 1) + (m - k) * (m - k - 1)) / (m * (m - 1))
    return float((hist * agreeing).sum() / hist.sum())


def _bootstrap(stack: np.ndarray, m: int, n_boot: int, seed: int) -> np.ndarray:
    """Alphas of ``n_boot`` resamples of the clusters: ``stack`` is clusters × series ×
    (m + 1) histograms; returns n_boot × series."""
    n_clusters, n_series = stack.shape[0], stack.shape[1]
    rng = np.random.default_rng(seed)
    flat = stack.reshape(n_clusters, -1).astype(float)
    out = np.empty((n_boot, n_series))
    chunk = max(1, min(n_boot, 2_000_000 // n_clusters))  # resampling weights in memory
    p = np.full(n_clusters, 1.0 / n_clusters)
    for first in range(0, n_boot, chunk):
        size = min(chunk, n_boot - first)
        weights = rng.multinomial(n_clusters, p, size=size).astype(float)
        hist = (weights @ flat).reshape(size, n_series, m + 1)
        out[first : first + size] = _binary_alpha(hist, m)
    return out


def _interval(alphas: np.ndarray) -> tuple[float, float]:
    alphas = alphas[~np.isnan(alphas)]
    if len(alphas) == 0:
        return math.nan, math.nan
    low, high = np.percentile(alphas, [2.5, 97.5])
    return float(low), float(high)


def agreement(
    store: StoreLike,
    coders: Sequence[str],
    level: Literal["document", "segment", "span"] = "segment",
    *,
    codes: str | Iterable[str] | None = None,
    include_uncoded: bool = True,
    interviewer: bool = False,
    n_boot: int = 1000,
    seed: int = 0,
    project_id: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """Agreement of two or more coders in a store, per code and over all codes.

    For every code, each unit is coded (1) or not (0) by each coder; agreement on these
    0/1 values is reported with percent agreement, Cohen's kappa (two coders) or Fleiss'
    kappa (three or more) and Krippendorff's alpha, with a bootstrap confidence interval
    for alpha. Codings of every origin count: a rule or model coder is compared like a
    researcher.

    Parameters
    ----------
    store : ProjectStore or path
        The project store (a path is opened and closed again).
    coders : sequence of str
        The coders to compare, at least two.
    level : {"document", "segment", "span"}, default "segment"
        What a unit is. ``document``: each current document (surveys excepted); a code
        is present for a coder when she coded it anywhere in the document. ``segment``:
        each speaker turn or report paragraph of the documents every coder coded at least
        once (interviewer turns left out unless ``interviewer``); a code is present when
        a coding by the coder starts in the segment. ``span``: each character of the
        documents every coder coded at least once; a code is present where a coding
        covers the character. Span level adds :func:`unitized_alpha` over the same
        documents.
    codes : str or iterable of str, optional
        The codes to compare; default every code one of the coders used. A code nobody
        used gets a row with alpha NaN.
    include_uncoded : bool, default True
        Keep units no coder coded with any of the compared codes. At document level,
        False keeps only the documents one of the coders coded. Units nobody coded make
        percent agreement look better and change alpha; say which you report. At span
        level, False keeps the characters someone coded (unitized alpha always uses the
        whole documents: the uncoded stretches are part of it).
    interviewer : bool, default False
        Segment level: also compare interviewer turns (rule coding leaves them out).
    n_boot : int, default 1000
        Bootstrap resamples for the 95% interval of alpha (0: no interval). Units are
        resampled; at span level the characters of a segment go together (they are not
        independent), as do a document's characters outside every segment. An interval
        needs at least two of these.
    seed : int, default 0
        Seed of the resampling: the same seed gives the same interval.
    project_id : str or iterable of str, optional
        Only the documents of these projects (a per-project outcome summary reports the
        agreement on its own material).

    Returns
    -------
    pandas.DataFrame
        One row per code (sorted), then a row with code :data:`OVERALL` pooling every
        (unit, code) decision. Columns: ``code, level, n_units, n_coded_by_any,
        percent_agreement``, then ``cohen_kappa`` (two coders) or ``fleiss_kappa`` (three
        or more), ``krippendorff_alpha, ci_low, ci_high``, and at span level
        ``unitized_alpha``. ``n_units`` counts the units (characters at span level),
        ``n_coded_by_any`` those at least one coder coded with the code (in the overall
        row: with any code). With three or more coders percent agreement is the mean
        share of agreeing pairs of coders. ``frame.attrs`` holds ``coders``, ``level``,
        ``uncoded`` ("included" or "excluded"), ``n_boot`` and ``seed``.

    Raises
    ------
    CodingError
        A coder has no codings in the store (the message lists the coders there are).
    ValueError
        Fewer than two coders, an unknown ``level``, a negative ``n_boot``, or no units
        to compare (for instance: no document coded by every coder).
    TypeError
        ``coders`` is a single name instead of a list.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: De buurt doet mee.\\nR: We kregen subsidie.\\nR: Het was druk.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> seg = store.segments()["segment_id"].tolist()
    >>> for coder, s in [("anna", 0), ("anna", 1), ("bas", 1), ("bas", 2)]:
    ...     _ = code_segment(store, seg[s], "bereik", coder=coder)
    >>> table = agreement(store, ["anna", "bas"], n_boot=0)
    >>> table[["code", "n_units", "percent_agreement", "cohen_kappa"]]
              code  n_units  percent_agreement  cohen_kappa
    0       bereik        3           0.333333         -0.5
    1  (all codes)        3           0.333333         -0.5
    >>> store.close()
    """
    if not isinstance(store, ProjectStore):
        with open_store(store, create=False) as opened:
            return agreement(
                opened, coders, level, codes=codes, include_uncoded=include_uncoded,
                interviewer=interviewer, n_boot=n_boot, seed=seed, project_id=project_id,
            )  # fmt: skip
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    if isinstance(n_boot, bool) or not isinstance(n_boot, int | np.integer) or n_boot < 0:
        raise ValueError(f"n_boot must be a whole number of 0 or more, not {n_boot!r}")
    names = _store_coders(store, coders)
    m = len(names)
    frame = store.codings(coder=names, with_metadata=True)
    projects = None
    if project_id is not None:
        projects = {project_id} if isinstance(project_id, str) else {str(p) for p in project_id}
        frame = frame[frame["project_id"].isin(projects)]
        if frame.empty:
            raise ValueError(
                f"no codings by {', '.join(names)} in the documents of project"
                f" {', '.join(sorted(projects))}: nothing to compare there"
            )
    code_list = _code_list(frame, codes)
    frame = frame.assign(_bit=pd.Index(names).get_indexer(frame["coder"]))
    units = _units(store, frame, names, level, include_uncoded, interviewer, projects)
    compared = frame[frame["code"].isin(code_list)]
    kept = np.ones(units.n, dtype=bool) if include_uncoded else units.marks(compared) != 0
    if not kept.any():
        where = "documents" if level == "document" else "documents every coder coded"
        raise ValueError(
            f"no units to compare at {level} level: no {where}"
            + ("" if include_uncoded else " with codings of the compared codes")
        )
    clusters = np.unique(units.clusters[kept], return_inverse=True)[1]
    n_clusters = int(clusters.max()) + 1
    bit_counts = np.zeros(units.n, dtype=np.int64)
    hists, tables, rows = [], [], []
    for code in code_list:
        marks = units.marks(compared[compared["code"] == code])[kept]
        bit_counts[kept] |= marks
        k = np.zeros(len(marks), dtype=np.int64)
        for i in range(m):
            k += (marks >> i) & 1
        hist = np.bincount(clusters * (m + 1) + k, minlength=n_clusters * (m + 1))
        hists.append(hist.reshape(n_clusters, m + 1))
        tables.append(np.bincount(marks, minlength=4) if m == 2 else np.zeros(4))
        rows.append((code, int(len(marks) - (marks == 0).sum())))
    stack = np.stack(hists, axis=1)  # clusters × codes × (m + 1)
    stack = np.concatenate([stack, stack.sum(axis=1, keepdims=True)], axis=1)
    rows.append((OVERALL, int((bit_counts[kept] != 0).sum())))
    tables.append(np.sum(tables, axis=0))
    if n_boot > 0 and n_clusters >= 2:
        boot = _bootstrap(stack, m, n_boot, seed)
        intervals = [_interval(boot[:, s]) for s in range(stack.shape[1])]
    else:
        intervals = [(math.nan, math.nan)] * stack.shape[1]
    kappa_name = "cohen_kappa" if m == 2 else "fleiss_kappa"
    records = []
    for s, (code, n_coded) in enumerate(rows):
        hist = stack[:, s].sum(axis=0).astype(float)
        if m == 2:
            t = tables[s]
            kappa = _kappa_from_table(np.array([[t[0], t[2]], [t[1], t[3]]], float), None)
        else:
            k = np.arange(m + 1)
            kappa = _fleiss(np.column_stack([m - k, k]).astype(float), hist)
        records.append(
            {
                "code": code,
                "level": level,
                "n_units": int(kept.sum()),
                "n_coded_by_any": n_coded,
                "percent_agreement": _pairwise_agreement(hist, m),
                kappa_name: kappa,
                "krippendorff_alpha": float(_binary_alpha(hist, m)),
                "ci_low": intervals[s][0],
                "ci_high": intervals[s][1],
            }
        )
    out = pd.DataFrame.from_records(records)
    if level == "span":
        out["unitized_alpha"] = _span_unitized(compared, code_list, names, units.lengths)
    out["code"] = out["code"].astype(object)
    out["level"] = out["level"].astype(object)
    out.attrs.update(
        coders=names,
        level=level,
        uncoded="included" if include_uncoded else "excluded",
        n_boot=int(n_boot),
        seed=seed,
    )
    return out


def _span_unitized(
    frame: pd.DataFrame, code_list: list[str], names: list[str], lengths: dict[str, int]
) -> list[float]:
    """Unitized alpha per code, then over all codes (each code's documents in a row)."""
    frame = frame[frame["doc_id"].isin(lengths)]
    values = [_unitized(frame[frame["code"] == c], lengths, names, "2019") for c in code_list]
    pooled_lengths = {f"{c}\x00{d}": n for c in code_list for d, n in lengths.items()}
    pooled = frame.assign(doc_id=frame["code"].astype(str) + "\x00" + frame["doc_id"].astype(str))
    values.append(_unitized(pooled, pooled_lengths, names, "2019"))
    return values
