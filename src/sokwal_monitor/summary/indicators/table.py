"""The indicators of a store's documents as tables: :func:`find_indicators` (one row per
number) and :func:`indicator_overview` (the largest number per project, wave and indicator).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from ..._names import as_list
from ...model import DOCUMENT_KINDS, EVIDENCE_ROLES
from ...store import ProjectStore
from .cells import cell_rows
from .scan import _Scanner
from .vocabulary import _Lexicon, _lexicon

#: Columns of :func:`find_indicators`, in this order.
INDICATOR_COLUMNS = (
    "project_id",
    "wave",
    "doc_id",
    "kind",
    "segment_id",
    "indicator",
    "value",
    "qualifier",
    "text",
    "start_char",
    "end_char",
)
#: Columns of :func:`indicator_overview`, in this order.
OVERVIEW_COLUMNS = ("project_id", "wave", "indicator", "value", "n_mentions", "example")


def _empty(columns: Iterable[str], dtypes: Mapping[str, str]) -> pd.DataFrame:
    return pd.DataFrame({c: pd.Series(dtype=dtypes.get(c, "str")) for c in columns})


_INDICATOR_DTYPES = {"value": "float64", "start_char": "int64", "end_char": "int64"}
_OVERVIEW_DTYPES = {"value": "float64", "n_mentions": "int64"}


def find_indicators(
    store: ProjectStore,
    *,
    project_id: str | Iterable[str] | None = None,
    kinds: str | Iterable[str] = ("report", "interview"),
    indicators: Mapping[str, Iterable[str] | str] | None = None,
) -> pd.DataFrame:
    """Reach and outcome indicators in the current documents: one row per number found.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    project_id : str or list of str, optional
        Only documents of these projects (all documents when None).
    kinds : str or list of str, default ("report", "interview")
        Only documents of these kinds (:data:`~sokwal_monitor.model.DOCUMENT_KINDS`).
        Interviews are searched in the respondents' turns only; other documents in every
        segment whose role is evidence (:data:`~sokwal_monitor.model.EVIDENCE_ROLES`).
    indicators : dict, optional
        Indicator label → nouns, like :data:`INDICATORS` (the default); ``"*avond"``
        also matches compounds ending in ``avond``.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`INDICATOR_COLUMNS`: ``project_id, wave, doc_id, kind, segment_id,
        indicator, value`` (float), ``qualifier`` (``"ongeveer"`` or ``""``), ``text``
        (the sentence, white space collapsed), ``start_char, end_char`` (the matched
        phrase in the document's stored text: ``store.text(doc_id)[start_char:end_char]``).
        Rows are ordered by project, wave, document and position. No numbers found (or an
        empty store) gives an empty table with these columns.

    Raises
    ------
    ValueError
        An unknown kind, or an unusable ``indicators``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "I: Hoeveel mensen komen er?\\nR: Elke week zo'n twintig deelnemers.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> row = find_indicators(store).iloc[0].to_dict()
    >>> row["indicator"], row["value"], row["qualifier"], row["text"]
    ('deelnemers', 20.0, 'ongeveer', "Elke week zo'n twintig deelnemers.")
    >>> store.text(row["doc_id"])[row["start_char"] : row["end_char"]]
    'twintig deelnemers'
    >>> store.close()
    """
    kind_list = as_list(kinds, "kinds") or []
    unknown = [k for k in kind_list if k not in DOCUMENT_KINDS]
    if unknown:
        raise ValueError(
            f"unknown document kind(s) {', '.join(map(repr, unknown))};"
            f" choose from {', '.join(DOCUMENT_KINDS)}"
        )
    lexicon = _lexicon(indicators)
    projects = as_list(project_id, "project_id")
    segments = store.segments(with_metadata=True)
    if segments.empty or not kind_list:
        return _empty(INDICATOR_COLUMNS, _INDICATOR_DTYPES)
    interview = segments["kind"] == "interview"
    keep = segments["kind"].isin(kind_list) & (
        (interview & (segments["role"] == "respondent"))
        | (~interview & segments["role"].isin(EVIDENCE_ROLES))
    )
    if projects is not None:
        keep &= segments["project_id"].isin(projects)
    rows: list[dict[str, Any]] = []
    for seg in segments[keep].itertuples(index=False):
        offset = int(seg.start_char)
        for m in _Scanner(str(seg.text), lexicon).scan():
            rows.append(
                {
                    "project_id": _none(seg.project_id),
                    "wave": _none(seg.wave),
                    "doc_id": seg.doc_id,
                    "kind": seg.kind,
                    "segment_id": seg.segment_id,
                    "indicator": m.indicator,
                    "value": m.value,
                    "qualifier": m.qualifier,
                    "text": m.sentence,
                    "start_char": offset + m.start,
                    "end_char": offset + m.end,
                }
            )
    rows += _table_cells(segments[keep & ~interview], lexicon)
    if not rows:
        return _empty(INDICATOR_COLUMNS, _INDICATOR_DTYPES)
    frame = pd.DataFrame(
        {
            c: pd.Series([r[c] for r in rows], dtype=_INDICATOR_DTYPES.get(c, "str"))
            for c in INDICATOR_COLUMNS
        }
    )
    frame = frame.sort_values(
        ["project_id", "wave", "doc_id", "start_char", "end_char"],
        kind="stable",
        na_position="last",
    )
    return frame.reset_index(drop=True)


def _table_cells(segments: pd.DataFrame, lexicon: _Lexicon) -> list[dict[str, Any]]:
    """Rows of tables whose cells are paragraphs of their own (:mod:`.cells`)."""
    rows: list[dict[str, Any]] = []
    for _, doc in segments.sort_values(["doc_id", "position"]).groupby("doc_id", sort=False):
        texts = [str(t) for t in doc["text"]]
        matches = cell_rows(texts, lexicon)
        for m in matches:
            seg = doc.iloc[m.position]
            row_values = [x.value for x in matches if x.label == m.label]
            numbers = ", ".join(f"{v:g}" for v in row_values)
            rows.append(
                {
                    "project_id": _none(seg["project_id"]),
                    "wave": _none(seg["wave"]),
                    "doc_id": seg["doc_id"],
                    "kind": seg["kind"],
                    "segment_id": seg["segment_id"],
                    "indicator": m.indicator,
                    "value": m.value,
                    "qualifier": "",
                    "text": f"{m.label}: {numbers}",
                    "start_char": int(seg["start_char"]),
                    "end_char": int(seg["end_char"]),
                }
            )
    return rows


def _none(value: Any) -> Any:
    """None for a missing value (NaN, None), else the value."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return value


def indicator_overview(frame: pd.DataFrame) -> pd.DataFrame:
    """The table a summary shows: per project, wave and indicator the largest number.

    Parameters
    ----------
    frame : pandas.DataFrame
        What :func:`find_indicators` returns (or a part of it).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`OVERVIEW_COLUMNS`: ``project_id, wave, indicator, value`` (the
        largest value reported), ``n_mentions`` (how many numbers were found for it) and
        ``example`` (the sentence of the first row with that value), ordered by project,
        wave and indicator.

    Raises
    ------
    ValueError
        ``frame`` lacks a column it needs.

    Examples
    --------
    >>> rows = pd.DataFrame({
    ...     "project_id": ["P01", "P01", "P01"], "wave": ["2019"] * 3,
    ...     "indicator": ["leden", "leden", "vrijwilligers"], "value": [80.0, 140.0, 23.0],
    ...     "text": ["Van 80 naar 140 leden."] * 2 + ["Nu 23 vrijwilligers."]})
    >>> overview = indicator_overview(rows)
    >>> overview[["indicator", "value", "n_mentions"]].values.tolist()
    [['leden', 140.0, 2], ['vrijwilligers', 23.0, 1]]
    >>> overview["example"].tolist()
    ['Van 80 naar 140 leden.', 'Nu 23 vrijwilligers.']
    """
    needed = ("project_id", "wave", "indicator", "value", "text")
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)};"
            " pass what find_indicators() returns"
        )
    if frame.empty:
        return _empty(OVERVIEW_COLUMNS, _OVERVIEW_DTYPES)
    order = [c for c in ("project_id", "wave", "doc_id", "start_char", "end_char") if c in frame]
    ordered = frame.sort_values(order, kind="stable", na_position="last").reset_index(drop=True)
    rows = []
    groups = ordered.groupby(["project_id", "wave", "indicator"], dropna=False, sort=False)
    for (project, wave, indicator), group in groups:
        values = group["value"].astype("float64")
        best = values.idxmax() if values.notna().any() else group.index[0]
        rows.append(
            {
                "project_id": _none(project),
                "wave": _none(wave),
                "indicator": indicator,
                "value": float(values.max()),
                "n_mentions": len(group),
                "example": ordered.at[best, "text"],
            }
        )
    out = pd.DataFrame(
        {
            c: pd.Series([r[c] for r in rows], dtype=_OVERVIEW_DTYPES.get(c, "str"))
            for c in OVERVIEW_COLUMNS
        }
    )
    out = out.sort_values(
        ["project_id", "wave", "indicator"], kind="stable", na_position="last"
    ).reset_index(drop=True)
    return out
