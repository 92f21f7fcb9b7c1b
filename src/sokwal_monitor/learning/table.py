"""The ``learning_effects`` table: per project and pair of consecutive waves, per code
(or topic), the shares before and after, the change and its bootstrap interval."""

from __future__ import annotations

import itertools
import math
from collections.abc import Iterable, Sequence
from typing import Any, Literal

import numpy as np
import pandas as pd

from .._names import as_list as _as_list
from ..model import DOCUMENT_KINDS
from ..store import ProjectStore, StoreLike, open_store
from .bootstrap import _bootstrap_share, _seed_for
from .schema import _DTYPES, LEARNING_COLUMNS, wave_sort_key
from .units import _examples, _topics_carried, _units, _wave_data

_UNITS = ("segments", "documents")
_ALL_CODERS = "*"


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in LEARNING_COLUMNS})


def learning_effects(
    store: StoreLike,
    *,
    coder: str | Iterable[str] | None = None,
    origin: str | Iterable[str] | None = None,
    codes: str | Iterable[str] | None = None,
    unit: Literal["segments", "documents"] = "segments",
    n_boot: int = 1000,
    seed: int = 0,
    examples: int = 3,
    kinds: Sequence[str] = ("code",),
    project_id: str | Iterable[str] | None = None,
    document_kinds: str | Iterable[str] | None = None,
) -> pd.DataFrame:
    """The ``learning_effects`` table: per project and pair of consecutive waves, how the
    share of each code changed.

    Parameters
    ----------
    store : ProjectStore or path
        The project store (a path is opened and closed again).
    coder : str or list of str, optional
        Whose codings count. When None and the (selected) codings come from more than one
        coder, a ``ValueError`` lists them: a segment then counts when *any* of them coded
        it, so a change of coder between waves would look like a learning effect. Pass
        one coder, a list (their codings are pooled on purpose), or ``"*"`` for all.
    origin : str or list of str, optional
        Only codings of these origins (``manual``, ``rule``, ``model``, ...).
    codes : str or list of str, optional
        Only these codes (all codes when None).
    unit : {"segments", "documents"}, default "segments"
        ``segments``: the share of counted segments (respondent turns and report
        paragraphs; interviewer turns never count) in which a coding of the code starts.
        ``documents``: the share of documents with at least one such segment.
    n_boot : int, default 1000
        Bootstrap replicates for the interval; 0 skips it (``ci_low``/``ci_high`` NaN).
    seed : int, default 0
        Seed of the bootstrap: the same seed gives the same table. Each row draws from
        its own stream (seeded by ``seed`` and the row's project, waves and code), so a
        row does not change when ``codes`` selects other codes too.
    examples : int, default 3
        At most this many ``example_segment_ids`` per row.
    kinds : sequence of {"code", "topic"}, default ("code",)
        ``"topic"`` adds rows of kind ``topic`` from the store's last topic model
        (:func:`sokwal_monitor.topics.fit_topics`): a segment carries a topic it is
        assigned to (outliers left out), ``label`` is the topic's label and examples are
        the most probable segments. ``coder``, ``origin`` and ``codes`` concern codes only.
    project_id : str or list of str, optional
        Only these projects (all when None). A project's rows are the same either way:
        each row's bootstrap has its own seeded stream.
    document_kinds : str or list of str, optional
        Only documents of these kinds (``"interview"``, ``"report"``, ...): what the
        initiators say in interviews and what their reports write can change
        differently. All kinds when None.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`LEARNING_COLUMNS`: ``project_id, from_wave, to_wave, kind, label,
        before, after, delta, ci_low, ci_high, n_before, n_after, example_segment_ids``.
        ``kind`` is ``"code"`` (``label`` the code) or ``"topic"``. Waves of a project are sorted
        naturally (``w2`` before ``w10``); documents without a project or wave are left
        out, as are waves with nothing to count. ``n_before``/``n_after`` are the
        numbers of units (segments or documents) in the two waves. The interval is the
        2.5 and 97.5 percentile of ``delta`` over bootstrap replicates that resample
        documents within each wave and then segments within each drawn document.
        ``example_segment_ids`` is a list of segment ids carrying the code, from the
        later wave when the code grew or stayed level and from the earlier wave when it
        shrank, the segments the code covers most first (ties in document order). Codes
        absent from both waves give no row. Rows are sorted by project, wave, then
        ``|delta|`` from large to small, then code.

    Raises
    ------
    ValueError
        Several coders and no ``coder``; an unknown ``unit``; a negative ``n_boot`` or
        ``examples``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_segment
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> _ = (root / "P01_w1_interview.txt").write_text("R: Eerst alleen.\\n", encoding="utf-8")
    >>> _ = (root / "P01_w2_interview.txt").write_text("R: Nu samen.\\n", encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> seg = store.segments(wave="w2")["segment_id"].iloc[0]
    >>> _ = code_segment(store, seg, "samenwerking", coder="anna")
    >>> _ = code_segment(store, seg, "samenwerking", coder="bert")
    >>> learning_effects(store)
    Traceback (most recent call last):
    ...
    ValueError: the codings come from 2 coders (anna, bert); ...
    >>> row = learning_effects(store, coder="anna", n_boot=200).iloc[0]
    >>> float(row["before"]), float(row["after"]), row["example_segment_ids"] == [seg]
    (0.0, 1.0, True)
    >>> store.close()
    """
    if not isinstance(store, ProjectStore):
        with open_store(store, create=False) as opened:
            return learning_effects(
                opened, coder=coder, origin=origin, codes=codes, unit=unit, n_boot=n_boot,
                seed=seed, examples=examples, kinds=kinds, project_id=project_id,
                document_kinds=document_kinds,
            )  # fmt: skip
    if unit not in _UNITS:
        raise ValueError(f"unit must be one of {', '.join(_UNITS)}, not {unit!r}")
    kinds = list(kinds)
    if not kinds or set(kinds) - {"code", "topic"}:
        raise ValueError(f"kinds must hold 'code' and/or 'topic', not {kinds!r}")
    for name, value in (("n_boot", n_boot), ("examples", examples)):
        if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < 0:
            raise ValueError(f"{name} must be a whole number, 0 or more, not {value!r}")
    coders = _as_list(coder, "coder")
    if coders == [_ALL_CODERS]:
        coders = None
    if coders:  # a misspelt coder is an error, not an empty table
        known = store.coders()
        for name in coders:
            store.check_coder(name, known)
    codings = store.codings(
        coder=coders, origin=_as_list(origin, "origin"), code=_as_list(codes, "codes")
    )
    if "code" not in kinds:
        codings = codings.iloc[0:0]
    elif coder is None:
        found = sorted(set(codings["coder"]))
        if len(found) > 1:
            raise ValueError(
                f"the codings come from {len(found)} coders ({', '.join(found)}); a segment"
                " would count when any of them coded it, so choose: coder='<name>', a list"
                " of coders to pool, or coder='*' for all"
            )
    codings = codings[codings["segment_id"].notna()]
    segs, carried = _units(store, codings)
    if project_id is not None:
        segs = segs[segs["project_id"].isin(_as_list(project_id, "project_id") or [])]
    if document_kinds is not None:
        wanted = _as_list(document_kinds, "document_kinds") or []
        unknown = sorted(set(wanted) - set(DOCUMENT_KINDS))
        if unknown:
            raise ValueError(
                f"unknown document kind(s) {', '.join(unknown)}; choose from"
                f" {', '.join(DOCUMENT_KINDS)}"
            )
        docs = store.documents()
        segs = segs[segs["doc_id"].isin(set(docs.loc[docs["kind"].isin(wanted), "doc_id"]))]
    by_kind = {"code": carried} if "code" in kinds else {}
    if "topic" in kinds:
        by_kind["topic"] = _topics_carried(store, segs)
    rows: list[dict[str, Any]] = []
    for project, project_segs in segs.groupby("project_id", sort=True):
        waves = sorted(set(project_segs["wave"]), key=wave_sort_key)
        for first, second in itertools.pairwise(waves):
            for kind, kind_carried in by_kind.items():
                rows.extend(
                    _compare(
                        project_segs[project_segs["wave"] == first],
                        project_segs[project_segs["wave"] == second],
                        kind_carried,
                        names=(str(project), first, second),
                        unit=unit,
                        n_boot=int(n_boot),
                        seed=seed,
                        examples=int(examples),
                        kind=kind,
                    )
                )
    if not rows:
        empty = _empty()
        empty.attrs["unit"] = unit
        return empty
    rows.sort(
        key=lambda r: (
            str(r["project_id"]),
            wave_sort_key(r["from_wave"]),
            -abs(r["delta"]),
            r["label"],
        )
    )
    out = pd.DataFrame.from_records(rows, columns=LEARNING_COLUMNS).astype(_DTYPES)
    out.attrs["unit"] = unit  # the summary and the figure name the unit
    return out


def _compare(
    before_segs: pd.DataFrame,
    after_segs: pd.DataFrame,
    carried: pd.DataFrame,
    *,
    names: tuple[str, str, str],
    unit: str,
    n_boot: int,
    seed: int,
    examples: int,
    kind: str = "code",
) -> list[dict[str, Any]]:
    """The rows of one project and one pair of waves (codes, or topics as labels)."""
    ids = pd.concat([before_segs["segment_id"], after_segs["segment_id"]])
    codes = sorted(set(carried.loc[carried["segment_id"].isin(ids), "code"]))
    if not codes:
        return []
    n1, k1 = _wave_data(before_segs, carried, codes, unit)
    n2, k2 = _wave_data(after_segs, carried, codes, unit)
    rows = []
    for j, code in enumerate(codes):
        before = float(k1[:, j].sum() / n1.sum())
        after = float(k2[:, j].sum() / n2.sum())
        delta = after - before
        low = high = math.nan
        if n_boot > 0:
            rng = np.random.default_rng(_seed_for(seed, *names, kind, code))
            deltas = _bootstrap_share(rng, n2, k2[:, j], n_boot, unit) - _bootstrap_share(
                rng, n1, k1[:, j], n_boot, unit
            )
            low, high = (float(q) for q in np.quantile(deltas, [0.025, 0.975]))
        source = before_segs if delta < 0 else after_segs
        rows.append(
            {
                "project_id": names[0],
                "from_wave": names[1],
                "to_wave": names[2],
                "kind": kind,
                "label": code,
                "before": before,
                "after": after,
                "delta": delta,
                "ci_low": low,
                "ci_high": high,
                "n_before": int(n1.sum()),
                "n_after": int(n2.sum()),
                "example_segment_ids": _examples(source, carried, code, examples),
            }
        )
    return rows
