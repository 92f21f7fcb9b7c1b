"""Learning effects ("leereffecten"): how the share of a code changes from wave to wave.

The province asks what projects learn over time. A transcript of 2019 that talks more
about *samenwerking* than the one of 2018 is a sign of that, but only a sign: with a
handful of interviews a change can be chance. This module turns the codings of a store
into one tidy table, the ``learning_effects`` table of the design, with per project and
per pair of consecutive waves, per code:

* ``before`` and ``after``: the share of respondent segments (or of documents) that
  carry the code in the earlier and the later wave;
* ``delta``: ``after - before``, with a 95 % bootstrap interval ``ci_low, ci_high``
  that resamples documents and then segments within them (a cluster bootstrap: turns
  of one interview are not independent);
* ``example_segment_ids``: segments to read.

:func:`summarize_learning` writes a short Dutch text from the table and
:func:`plot_learning_effects` draws it. ``docs/learning.md`` explains how to read both.

Examples
--------
>>> import pathlib, tempfile
>>> from sokwal_monitor import ProjectStore, ingest
>>> from sokwal_monitor.coding import code_segment
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> for wave, answer in (("2018", "We doen het alleen."), ("2019", "Nu samen met de buurt.")):
...     turns = f"I: Hoe gaat het?\\nR: Goed.\\nI: En verder?\\nR: {answer}\\n"
...     _ = (root / f"P01_{wave}_interview.txt").write_text(turns, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(root, store=store)
>>> segs = store.segments(with_metadata=True)
>>> later = segs[(segs["wave"] == "2019") & (segs["role"] == "respondent")]
>>> _ = code_segment(store, later["segment_id"].iloc[1], "samenwerking", coder="anna")
>>> table = learning_effects(store, n_boot=0)
>>> table[["from_wave", "to_wave", "label", "before", "after"]].to_dict("records")
[{'from_wave': '2018', 'to_wave': '2019', 'label': 'samenwerking', 'before': 0.0, 'after': 0.5}]
>>> print(summarize_learning(table, project_id="P01", quotes=False))
Leereffecten van project P01
<BLANKLINE>
Van 2018 naar 2019 (2 en 2 fragmenten van respondenten):
- Nieuw: samenwerking (van 0% naar 50%).
>>> store.close()
"""

from __future__ import annotations

import hashlib
import itertools
import math
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from .store import ProjectStore

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = [
    "LEARNING_COLUMNS",
    "learning_effects",
    "plot_learning_effects",
    "summarize_learning",
    "wave_sort_key",
]

#: Columns of :func:`learning_effects` (the ``learning_effects`` table), in this order.
LEARNING_COLUMNS = [
    "project_id",
    "from_wave",
    "to_wave",
    "kind",
    "label",
    "before",
    "after",
    "delta",
    "ci_low",
    "ci_high",
    "n_before",
    "n_after",
    "example_segment_ids",
]
_DTYPES = {
    "before": "float64",
    "after": "float64",
    "delta": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "n_before": "int64",
    "n_after": "int64",
}
_UNITS = ("segments", "documents")
#: Segment roles that count: respondent turns and paragraphs of reports (role "").
_COUNTED_ROLES = ("respondent", "")
_ALL_CODERS = "*"
_DIGITS = re.compile(r"(\d+)")


# -- helpers ---------------------------------------------------------------------------


def wave_sort_key(wave: str) -> tuple[Any, ...]:
    """A key that sorts wave names naturally: numbers inside a name compare as numbers.

    >>> sorted(["w10", "w2", "w1"], key=wave_sort_key)
    ['w1', 'w2', 'w10']
    >>> sorted(["2019", "2018"], key=wave_sort_key)
    ['2018', '2019']
    """
    parts = _DIGITS.split(str(wave).strip().lower())  # text, number, text, number, ...
    key = tuple(int(p) if i % 2 else p for i, p in enumerate(parts))
    return (key, str(wave))


def _as_list(value: str | Iterable[str] | None, what: str) -> list[str] | None:
    if value is None:
        return None
    if isinstance(value, str):
        return [value]
    try:
        return [str(v) for v in value]
    except TypeError as err:
        raise TypeError(f"{what} must be a text or a list of texts, not {value!r}") from err


def _seed_for(seed: int, *names: str) -> list[int]:
    """Seed material for one row: the user's seed plus a stable hash of the row's names,
    so a row's interval does not depend on which other codes or projects are in the run."""
    digest = hashlib.sha256("\x1f".join(names).encode("utf-8")).digest()
    return [int(seed), *(int.from_bytes(digest[i : i + 4], "little") for i in range(0, 16, 4))]


def _empty() -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=_DTYPES.get(c, object)) for c in LEARNING_COLUMNS})


def _units(store: ProjectStore, codings: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The counted segments (with metadata) and which of them carry which code.

    Returns ``segments`` (``segment_id, doc_id, project_id, wave, path, position``) and
    ``carried`` (``segment_id, code, coverage``: one row per segment and code).
    """
    segs = store.segments(with_metadata=True)
    keep = (
        segs["role"].isin(_COUNTED_ROLES)
        & segs["project_id"].notna()
        & segs["wave"].notna()
        & (segs["wave"].astype(str).str.strip() != "")
    )
    segs = segs.loc[keep].reset_index(drop=True)
    segs["wave"] = segs["wave"].astype(str)
    coded = codings[codings["segment_id"].isin(segs["segment_id"])]
    bounds = segs[["segment_id", "start_char", "end_char"]].rename(
        columns={"start_char": "start_char_seg", "end_char": "end_char_seg"}
    )
    coded = coded.merge(bounds, on="segment_id", how="inner")
    length = (coded["end_char_seg"] - coded["start_char_seg"]).clip(lower=1)
    overlap = np.minimum(coded["end_char"], coded["end_char_seg"]) - np.maximum(
        coded["start_char"], coded["start_char_seg"]
    )
    coded = coded.assign(coverage=(overlap.clip(lower=0) / length).astype("float64"))
    carried = coded.groupby(["segment_id", "code"], as_index=False, sort=False)["coverage"].max()
    columns = ["segment_id", "doc_id", "project_id", "wave", "path", "position"]
    return segs[columns], carried


def _topics_carried(store: ProjectStore, segs: pd.DataFrame) -> pd.DataFrame:
    """The last topic model's assignments as ``segment_id, code (= topic label),
    coverage (= probability)``, outliers (-1) left out; a segment split into sentences
    carries each of its sentences' topics."""
    topics = store.table("topics")
    if topics.empty:
        raise ValueError(
            f"there are no topics in {store.path}: fit them first (sokwal topics --store ...)"
        )
    topics = topics[(topics["topic"] >= 0) & topics["segment_id"].isin(segs["segment_id"])]
    carried = topics.rename(columns={"label": "code", "probability": "coverage"})
    carried = carried[["segment_id", "code", "coverage"]].astype({"coverage": "float64"})
    return carried.groupby(["segment_id", "code"], as_index=False, sort=False)["coverage"].max()


def _wave_data(
    segs: pd.DataFrame, carried: pd.DataFrame, codes: list[str], unit: str
) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per document of one wave: units ``n`` (D,) and units carrying each code ``k`` (D, C).

    With ``unit="documents"`` each document is one unit (``n`` = 1, ``k`` = 0 or 1).
    """
    docs = list(dict.fromkeys(segs["doc_id"]))  # document order (path, position)
    n = segs.groupby("doc_id", sort=False).size().reindex(docs).to_numpy(dtype=np.int64)
    mine = carried[carried["segment_id"].isin(segs["segment_id"])]
    mine = mine.merge(segs[["segment_id", "doc_id"]], on="segment_id")
    k = (
        mine.groupby(["doc_id", "code"])
        .size()
        .unstack(fill_value=0)
        .reindex(index=docs, columns=codes, fill_value=0)
        .to_numpy(dtype=np.int64)
    )
    if unit == "documents":
        n = np.ones(len(docs), dtype=np.int64)
        k = (k > 0).astype(np.int64)
    return n, k, docs


def _bootstrap_share(
    rng: np.random.Generator, n: np.ndarray, k: np.ndarray, n_boot: int, unit: str
) -> np.ndarray:
    """``n_boot`` bootstrap shares of one code in one wave (two-stage for segments).

    Stage 1 draws as many documents as the wave has, with replacement. Stage 2 draws, in
    each drawn document, as many segments as it has, with replacement; the number of them
    that carry the code is then binomial with the document's own share, which is what
    :func:`numpy.random.Generator.binomial` draws directly.
    """
    docs = rng.integers(0, len(n), size=(n_boot, len(n)))
    sizes = n[docs]
    hits = k[docs] if unit == "documents" else rng.binomial(sizes, k[docs] / n[docs])
    result: np.ndarray = hits.sum(axis=1) / sizes.sum(axis=1)
    return result


def _examples(segs: pd.DataFrame, carried: pd.DataFrame, code: str, limit: int) -> list[str]:
    """Up to ``limit`` segments of ``segs`` carrying ``code``: best covered first, then in
    document order."""
    if limit == 0:
        return []
    mine = carried[(carried["code"] == code) & carried["segment_id"].isin(segs["segment_id"])]
    mine = mine.merge(segs[["segment_id", "path", "position"]], on="segment_id")
    mine = mine.sort_values(
        ["coverage", "path", "position"], ascending=[False, True, True], kind="mergesort"
    )
    return [str(s) for s in mine["segment_id"].head(limit)]


# -- the table -------------------------------------------------------------------------


def learning_effects(
    store: ProjectStore,
    *,
    coder: str | Iterable[str] | None = None,
    origin: str | Iterable[str] | None = None,
    codes: str | Iterable[str] | None = None,
    unit: Literal["segments", "documents"] = "segments",
    n_boot: int = 1000,
    seed: int = 0,
    examples: int = 3,
    kinds: Sequence[str] = ("code",),
) -> pd.DataFrame:
    """The ``learning_effects`` table: per project and pair of consecutive waves, how the
    share of each code changed.

    Parameters
    ----------
    store : ProjectStore
        The project store.
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
    >>> _ = ingest(root, store=store)
    >>> seg = store.segments(with_metadata=True).query("wave == 'w2'")["segment_id"].iloc[0]
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
    n1, k1, _ = _wave_data(before_segs, carried, codes, unit)
    n2, k2, _ = _wave_data(after_segs, carried, codes, unit)
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


# -- the Dutch summary -----------------------------------------------------------------

_MARKDOWN = re.compile(r"([\\`*_\[\]<>#|])")
_UNIT_WORDS = {"segments": "fragmenten van respondenten", "documents": "documenten"}


def _plain(text: object) -> str:
    """One line of text with Markdown's special characters escaped."""
    return _MARKDOWN.sub(r"\\\1", " ".join(str(text).split()))


def _pct(share: float) -> str:
    """A share as a Dutch percentage: ``0.125`` → ``"13%"``, ``0.004`` → ``"0,4%"``."""
    value = share * 100
    if 0 < abs(value) < 1:
        return f"{value:.1f}%".replace(".", ",")
    return f"{round(value):d}%"


def _points(delta: float) -> str:
    """Percentage points with a sign: ``0.23`` → ``"+23"``."""
    value = delta * 100
    text = f"{value:+.1f}" if 0 < abs(value) < 1 else f"{round(value):+d}"
    return text.replace(".", ",")


def _shorten(text: str, limit: int = 200) -> str:
    """``text`` on one line, cut at a word boundary to at most about ``limit`` characters."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit + 1].rsplit(" ", 1)[0] if " " in text[:limit] else text[:limit]
    return cut.rstrip(" ,;:.-") + "…"


def _segment_text(store: ProjectStore, segment_id: str) -> str | None:
    row = store.execute(
        "SELECT doc_id, start_char, end_char FROM segments WHERE segment_id = ?", (segment_id,)
    ).fetchone()
    return None if row is None else store.text(row[0])[row[1] : row[2]]


def _category(row: pd.Series) -> str:
    before, after, delta = float(row["before"]), float(row["after"]), float(row["delta"])
    low, high = float(row["ci_low"]), float(row["ci_high"])
    if before == 0 < after:
        return "nieuw"
    if after == 0 < before:
        return "verdwenen"
    no_ci = math.isnan(low) or math.isnan(high)
    if delta > 0 and (low > 0 or no_ci):
        return "gegroeid"
    if delta < 0 and (high < 0 or no_ci):
        return "afgenomen"
    return "gelijk"


_HEADINGS = {
    "nieuw": "Nieuw",
    "gegroeid": "Gegroeid",
    "afgenomen": "Afgenomen",
    "verdwenen": "Verdwenen",
    "gelijk": "Geen duidelijke verandering",
}


def summarize_learning(
    frame: pd.DataFrame,
    store: ProjectStore | None = None,
    *,
    project_id: str,
    quotes: bool = True,
    max_items: int = 5,
) -> str:
    """A short Dutch summary of one project's learning effects, made from the table.

    Per pair of waves it lists, in this order, what is new (``before`` 0, ``after``
    more), what grew (``delta`` > 0 and the interval above 0), what shrank (``delta`` < 0
    and the interval below 0), what disappeared (``after`` 0), and what shows no clear
    change (the interval includes 0). Without an interval (``n_boot=0``) the sign of
    ``delta`` decides. Each item reads like "leereffect, van 12% naar 35%".

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`learning_effects` returns (it may hold several projects).
    store : ProjectStore, optional
        The store the table was made from: needed for quotes, and to say how many waves
        a project without rows has.
    project_id : str
        The project to summarize.
    quotes : bool, default True
        With a store, quote the first example segment of each item (except the items
        without a clear change) in Dutch quotation marks, cut to about 200 characters.
    max_items : int, default 5
        At most this many items per group; the rest are counted ("en nog 3 andere").

    Returns
    -------
    str
        Plain text that is also valid Markdown (special characters are escaped, and
        line breaks inside quotes are replaced by spaces).

    Examples
    --------
    >>> import pandas as pd
    >>> table = pd.DataFrame([{
    ...     "project_id": "P01", "from_wave": "2018", "to_wave": "2019", "kind": "code",
    ...     "label": "leereffect", "before": 0.12, "after": 0.35, "delta": 0.23,
    ...     "ci_low": 0.05, "ci_high": 0.4, "n_before": 25, "n_after": 20,
    ...     "example_segment_ids": []}])
    >>> print(summarize_learning(table, project_id="P01"))
    Leereffecten van project P01
    <BLANKLINE>
    Van 2018 naar 2019 (25 en 20 fragmenten van respondenten):
    - Gegroeid: leereffect, van 12% naar 35% (+23 procentpunten; 95%-interval +5 tot +40).
    >>> print(summarize_learning(table, project_id="P02"))
    Leereffecten van project P02
    <BLANKLINE>
    Geen vergelijking tussen meetmomenten: minder dan twee meetmomenten, of geen codes.
    """
    if max_items < 1:
        raise ValueError(f"max_items must be 1 or more, not {max_items}")
    missing = [c for c in LEARNING_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)}; pass what"
            " learning_effects() returns"
        )
    lines = [f"Leereffecten van project {_plain(project_id)}", ""]
    rows = frame[frame["project_id"] == project_id]
    if rows.empty:
        lines.append(_no_rows(store, project_id))
        return "\n".join(lines)
    unit_words = _UNIT_WORDS.get(str(frame.attrs.get("unit", "segments")), "eenheden")
    pairs = rows[["from_wave", "to_wave"]].drop_duplicates()
    for i, (first, second) in enumerate(pairs.itertuples(index=False)):
        pair = rows[(rows["from_wave"] == first) & (rows["to_wave"] == second)]
        if i:
            lines.append("")
        head = pair.iloc[0]
        lines.append(
            f"Van {_plain(first)} naar {_plain(second)} ({int(head['n_before'])} en"
            f" {int(head['n_after'])} {unit_words}):"
        )
        groups: dict[str, list[pd.Series]] = {key: [] for key in _HEADINGS}
        for _, row in pair.iterrows():
            groups[_category(row)].append(row)
        if not any(groups[key] for key in _HEADINGS if key != "gelijk"):
            lines.append("- Geen duidelijke veranderingen.")
        for key, heading in _HEADINGS.items():
            items = groups[key]
            if not items:
                continue
            if key == "gelijk":
                text = "; ".join(_item(row, detail=False) for row in items[:max_items])
                lines.append(f"- {heading}: {text}{_more(len(items), max_items)}.")
                continue
            for row in items[:max_items]:
                line = f"- {heading}: {_item(row, detail=key in ('gegroeid', 'afgenomen'))}."
                quote = _quote(store, row) if quotes else None
                lines.append(line if quote is None else f"{line} „{quote}”")
            if len(items) > max_items:
                lines.append(f"- ({heading.lower()}:{_more(len(items), max_items)[1:]})")
    return "\n".join(lines)


def _item(row: pd.Series, *, detail: bool) -> str:
    label = _plain(row["label"])
    if row.get("kind") == "topic":  # a topic's label is a list of words: say what it is
        label = f"onderwerp ({label})"
    change = f"van {_pct(float(row['before']))} naar {_pct(float(row['after']))}"
    if not detail:
        return f"{label} ({change})"
    text = f"{label}, {change} ({_points(float(row['delta']))} procentpunten"
    low, high = float(row["ci_low"]), float(row["ci_high"])
    if not (math.isnan(low) or math.isnan(high)):
        text += f"; 95%-interval {_points(low)} tot {_points(high)}"
    return text + ")"


def _more(count: int, shown: int) -> str:
    rest = count - shown
    if rest <= 0:
        return ""
    return f", en nog {rest} {'andere' if rest > 1 else 'andere code'}"


def _quote(store: ProjectStore | None, row: pd.Series) -> str | None:
    ids = row["example_segment_ids"]
    if store is None or not isinstance(ids, list | tuple | np.ndarray) or len(ids) == 0:
        return None
    text = _segment_text(store, str(ids[0]))
    return None if not text or not text.strip() else _plain(_shorten(text))


def _no_rows(store: ProjectStore | None, project_id: str) -> str:
    if store is not None:
        docs = store.documents()
        waves = docs.loc[docs["project_id"] == project_id, "wave"].dropna().astype(str)
        found = sorted({w for w in waves if w.strip()}, key=wave_sort_key)
        if not found:
            return "Geen documenten met een meetmoment voor dit project."
        if len(found) == 1:
            return (
                f"Er is maar één meetmoment ({_plain(found[0])}); veranderingen zijn nog"
                " niet te zien."
            )
        return (
            f"Geen veranderingen te melden tussen {', '.join(_plain(w) for w in found)}:"
            " er zijn geen gecodeerde fragmenten van respondenten."
        )
    return "Geen vergelijking tussen meetmomenten: minder dan twee meetmomenten, of geen codes."


# -- the figure ------------------------------------------------------------------------

_AXIS_LABELS = {
    "segments": "Verandering in aandeel fragmenten (procentpunten)",
    "documents": "Verandering in aandeel documenten (procentpunten)",
}


def plot_learning_effects(
    frame: pd.DataFrame, *, project_id: str, ax: Axes | None = None, top: int = 10
) -> Axes:
    """A horizontal bar chart of one project's changes, with the 95 % intervals.

    One bar per code and pair of waves (the pair is named when there are several), the
    ``top`` largest changes (by ``|delta|``), the largest at the top; growth in one
    colour, decline in another.

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`learning_effects` returns.
    project_id : str
        The project to draw.
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.
    top : int, default 10
        At most this many bars.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> table = pd.DataFrame({"project_id": ["P01", "P01"], "from_wave": ["w1", "w1"],
    ...     "to_wave": ["w2", "w2"], "kind": ["code", "code"], "label": ["a", "b"],
    ...     "before": [0.1, 0.5], "after": [0.4, 0.4], "delta": [0.3, -0.1],
    ...     "ci_low": [0.1, -0.3], "ci_high": [0.5, 0.1], "n_before": [20, 20],
    ...     "n_after": [25, 25], "example_segment_ids": [[], []]})
    >>> ax = plot_learning_effects(table, project_id="P01")
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['a', 'b']
    >>> plt.close("all")
    """
    missing = [c for c in LEARNING_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)}; pass what"
            " learning_effects() returns"
        )
    if top < 1:
        raise ValueError(f"top must be 1 or more, not {top}")
    data = frame[frame["project_id"] == project_id]
    if data.empty:
        raise ValueError(f"nothing to plot: the table has no rows for project {project_id!r}")
    data = data.assign(_size=data["delta"].abs()).sort_values(
        ["_size", "label"], ascending=[False, True], kind="mergesort"
    )
    data = data.head(top)
    several = len(data[["from_wave", "to_wave"]].drop_duplicates()) > 1
    labels = [
        f"{r.label} ({r.from_wave}→{r.to_wave})" if several else str(r.label)
        for r in data.itertuples(index=False)
    ]
    delta = data["delta"].to_numpy(dtype=float) * 100
    low = np.nan_to_num(delta - data["ci_low"].to_numpy(dtype=float) * 100)
    high = np.nan_to_num(data["ci_high"].to_numpy(dtype=float) * 100 - delta)
    if ax is None:
        import matplotlib.pyplot as plt

        _, ax = plt.subplots(figsize=(7.0, 1.5 + 0.4 * len(data)), layout="constrained")
    positions = np.arange(len(data))
    colours = ["#2a7f62" if d >= 0 else "#b5443b" for d in delta]
    ax.barh(positions, delta, xerr=np.vstack([low, high]), color=colours, capsize=3)
    ax.axvline(0, color="black", linewidth=0.8)
    ax.set_yticks(positions, labels=labels)
    ax.invert_yaxis()
    ax.set_xlabel(_AXIS_LABELS.get(str(frame.attrs.get("unit")), _AXIS_LABELS["segments"]))
    ax.set_title(f"Leereffecten project {project_id}")
    return ax
