"""Codes and survey outcomes side by side per project (or project and wave): mixed methods.

The three functions put survey and codes side by side per unit (a project, or a
project in a wave): :func:`code_survey_units` gives one row per unit with the share of
its documents carrying each code and the mean of each survey variable,
:func:`code_survey_table` the correlations between the two, and
:func:`code_survey_crosstab` the answers of respondents in units whose documents carry a
code against those of units whose documents do not. With a handful of projects these
are descriptions, not tests: read them with the unit counts beside them.

Respondents belong to a project and wave as in :mod:`.survey` (its columns
``project_id`` and ``wave``, else the survey document's own project and wave), which
reads the surveys and re-exports these functions.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import pandas as pd

from .._names import as_list
from ..analysis.quantitize import quantitized_codes
from ..store import ProjectStore
from .survey import _check_by, _check_known, _surveys, _text, _unit_key

__all__ = [
    "CODE_SURVEY_COLUMNS",
    "code_survey_crosstab",
    "code_survey_table",
    "code_survey_units",
]

#: The columns of :func:`code_survey_table`, in order.
CODE_SURVEY_COLUMNS = (
    "code", "variable", "variable_label", "n", "pearson_r", "spearman_rho", "small_n",
)  # fmt: skip

#: Below this many units a correlation is descriptive only (``small_n`` is true).
SMALL_N = 10

_TABLE_DTYPES = {
    "code": object,
    "variable": object,
    "variable_label": object,
    "n": "int64",
    "pearson_r": "float64",
    "spearman_rho": "float64",
    "small_n": "bool",
}


# -- codes and survey per unit ---------------------------------------------------------------
def _units(
    store: ProjectStore,
    *,
    coder: str | Iterable[str] | None,
    origin: str | Iterable[str] | None,
    codes: str | Iterable[str] | None,
    variables: str | Iterable[str] | None,
    by: tuple[str, ...],
) -> tuple[pd.DataFrame, list[str], list[str], dict[str, str]]:
    """The unit table, its code names, its survey variable names and their labels."""
    code_list = as_list(codes, "codes", unique=True)
    wanted = as_list(variables, "variables", unique=True)
    keys = list(by)
    documents = quantitized_codes(store, coder=coder, origin=origin, codes=code_list)
    if code_list is None:
        known_columns = set(store.documents().columns)
        code_list = [c for c in documents.columns if c not in known_columns]
    documents = documents.dropna(subset=keys).astype({k: object for k in keys})
    aggregations: dict[str, Any] = {"n_documents": ("doc_id", "size")}
    aggregations.update({f"code:{c}": (c, "mean") for c in code_list})
    doc_units = documents.groupby(keys, sort=False).agg(**aggregations).reset_index()

    surveys = _surveys(store, "project_id", "wave")
    eligible = [(s, v) for s in surveys for v in s.variables if v.unit_value is not None]
    _check_known(wanted, (v.name for _, v in eligible), "survey variable(s)")
    names = list(dict.fromkeys(v.name for _, v in eligible if wanted is None or v.name in wanted))
    labels: dict[str, str] = {}
    parts = []
    for survey in surveys:
        columns: dict[str, Any] = {"project_id": survey.projects, "wave": survey.waves}
        for var in survey.variables:
            if var.name not in names or var.unit_value is None:
                continue
            labels.setdefault(var.name, var.label)
            answers = survey.values(var.name)
            if var.unit_value == "share":
                higher = var.categories[-1][0]
                answers = np.where(np.isnan(answers), np.nan, (answers == higher).astype(float))
            columns[f"survey:{var.name}"] = answers
        parts.append(pd.DataFrame(columns, index=range(len(survey.data))))
    respondents = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    survey_columns = [f"survey:{name}" for name in names]
    respondents = respondents.reindex(columns=[*keys, *survey_columns])
    respondents = respondents.dropna(subset=keys).astype({k: object for k in keys})
    grouped = respondents.groupby(keys, sort=False)
    survey_units = grouped[survey_columns].mean().astype(float)
    survey_units.insert(0, "n_respondents", grouped.size())
    survey_units = survey_units.reset_index()

    frame = doc_units.merge(survey_units, on=keys, how="outer", sort=False)
    frame = frame.reindex(
        columns=[*keys, "n_documents", "n_respondents"]
        + [f"code:{c}" for c in code_list]
        + survey_columns
    )
    frame[["n_documents", "n_respondents"]] = (
        frame[["n_documents", "n_respondents"]].fillna(0).astype("int64")
    )
    for column in frame.columns[len(keys) + 2 :]:
        frame[column] = frame[column].astype(float)
    order = sorted(
        range(len(frame)),
        key=lambda i: _unit_key(*(frame[k].iloc[i] for k in keys), *([""] * (2 - len(keys)))),
    )
    frame = frame.iloc[order].reset_index(drop=True).astype({k: object for k in keys})
    frame.attrs["by"] = by
    frame.attrs["variable_labels"] = dict(labels)
    return frame, code_list, names, labels


def code_survey_units(
    store: ProjectStore,
    *,
    coder: str | Iterable[str] | None = None,
    origin: str | Iterable[str] | None = None,
    codes: str | Iterable[str] | None = None,
    variables: str | Iterable[str] | None = None,
    by: str | Sequence[str] = ("project_id",),
) -> pd.DataFrame:
    """One row per project (or project × wave): its codes' shares and survey means.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    coder, origin : str or list of str, optional
        Whose codings count, as in :func:`sokwal_monitor.analysis.quantitize.quantitized_codes`
        (codings of several coders need a choice, or ``"*"`` to pool them).
    codes : str or list of str, optional
        These codes (default: every code coded).
    variables : str or list of str, optional
        These survey variables (default: every one a unit can summarize in a number).
    by : ("project_id",) or ("project_id", "wave")
        The unit: a project (its waves pooled) or a project in a wave.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, ``n_documents`` (text documents of the unit),
        ``n_respondents`` (survey rows of the unit, summed over surveys), then
        ``code:<name>`` per code (the share of the unit's text documents with the code)
        and ``survey:<name>`` per survey variable: the mean of the answers for ordinal
        and scale variables (and unlabelled ones not marked nominal), the share
        answering the higher code for a nominal variable with two categories (such as
        0 = nee, 1 = ja). Other nominal variables are left out. A unit with documents
        but no respondents has NaN survey values, and the other way round. Documents
        and respondents without a project (or wave, per wave) are left out. Sorted by
        project and wave, naturally. ``frame.attrs``: ``by`` and ``variable_labels``.

    Raises
    ------
    ValueError
        An unknown ``by``, a name in ``variables`` no survey has (the known ones are
        listed), or codings of several coders without ``coder``.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, pyreadstat
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for p in ("P01", "P02"):
    ...     _ = (root / f"{p}_2018_interview.txt").write_text(
    ...         f"Interviewer: En?\\nRespondent: In {p} leerden we veel.\\n", encoding="utf-8")
    >>> frame = pd.DataFrame({"project_id": ["P01", "P01", "P02"], "tevreden": [4.0, 5.0, 2.0]})
    >>> pyreadstat.write_sav(frame, str(root / "enquete.sav"),
    ...                      variable_measure={"tevreden": "ordinal"})
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> _ = code_quote(store, "P01_2018_interview.txt", "leerden", "leren", coder="anna")
    >>> code_survey_units(store, coder="anna").values.tolist()
    [['P01', 1, 2, 1.0, 4.5], ['P02', 1, 1, 0.0, 2.0]]
    """
    frame, _, _, _ = _units(
        store, coder=coder, origin=origin, codes=codes, variables=variables, by=_check_by(by)
    )
    return frame


def _ranks(values: np.ndarray) -> np.ndarray:
    """Average ranks (ties share their mean rank), as Spearman's rho needs."""
    return pd.Series(values).rank(method="average").to_numpy(dtype=float)


def _pearson(x: np.ndarray, y: np.ndarray) -> float:
    """Pearson's r; NaN for fewer than 3 pairs or a constant column."""
    if len(x) < 3 or np.all(x == x[0]) or np.all(y == y[0]):
        return math.nan
    xc, yc = x - x.mean(), y - y.mean()
    r = float((xc * yc).sum() / math.sqrt(float((xc**2).sum()) * float((yc**2).sum())))
    return max(-1.0, min(1.0, r))


def code_survey_table(
    store: ProjectStore,
    *,
    coder: str | Iterable[str] | None = None,
    origin: str | Iterable[str] | None = None,
    codes: str | Iterable[str] | None = None,
    variables: str | Iterable[str] | None = None,
    by: str | Sequence[str] = ("project_id",),
) -> pd.DataFrame:
    """How codes and survey outcomes go together over units: Pearson's r and Spearman's ρ.

    Parameters
    ----------
    store, coder, origin, codes, variables, by
        As in :func:`code_survey_units`, whose table is correlated.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`CODE_SURVEY_COLUMNS`: one row per code × survey variable
        (codes in the order of :func:`code_survey_units`, then variables): ``n`` is the
        number of units with both a code share and a survey value, ``pearson_r`` and
        ``spearman_rho`` (ties get average ranks) are NaN when ``n`` is below 3 or one
        of the two columns is constant; ``small_n`` is true below :data:`SMALL_N` units
        (descriptive only). ``frame.attrs["by"]`` holds the unit.

    Raises
    ------
    ValueError
        As :func:`code_survey_units`.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, pyreadstat
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for p in ("P01", "P02", "P03"):
    ...     _ = (root / f"{p}_2018_interview.txt").write_text(
    ...         f"Interviewer: En?\\nRespondent: In {p} leerden we veel.\\n", encoding="utf-8")
    >>> frame = pd.DataFrame({"project_id": ["P01", "P02", "P03"], "tevreden": [5.0, 2.0, 1.0]})
    >>> pyreadstat.write_sav(frame, str(root / "enquete.sav"),
    ...                      variable_measure={"tevreden": "scale"})
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> _ = code_quote(store, "P01_2018_interview.txt", "leerden", "leren", coder="anna")
    >>> table = code_survey_table(store, coder="anna")
    >>> table[["code", "variable", "n"]].values.tolist()
    [['leren', 'tevreden', 3]]
    >>> table[["pearson_r", "spearman_rho"]].round(3).values.tolist()
    [[0.971, 0.866]]
    """
    chosen = _check_by(by)
    units, code_list, names, labels = _units(
        store, coder=coder, origin=origin, codes=codes, variables=variables, by=chosen
    )
    rows = []
    for code in code_list:
        for name in names:
            pair = units[[f"code:{code}", f"survey:{name}"]].dropna().to_numpy(dtype=float)
            x, y = pair[:, 0], pair[:, 1]
            rows.append(
                {
                    "code": code,
                    "variable": name,
                    "variable_label": labels.get(name, ""),
                    "n": len(pair),
                    "pearson_r": _pearson(x, y),
                    "spearman_rho": _pearson(_ranks(x), _ranks(y)) if len(pair) else math.nan,
                    "small_n": len(pair) < SMALL_N,
                }
            )
    frame = pd.DataFrame(rows, columns=list(CODE_SURVEY_COLUMNS)).astype(_TABLE_DTYPES)
    frame.attrs["by"] = chosen
    return frame


def code_survey_crosstab(
    store: ProjectStore,
    code: str,
    variable: str,
    *,
    coder: str | Iterable[str] | None = None,
    origin: str | Iterable[str] | None = None,
    by: str | Sequence[str] = ("project_id",),
    labels: bool = True,
    normalize: bool = False,
) -> pd.DataFrame:
    """The answers of respondents in units with a code against those in units without.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    code : str
        A code; a unit *has* it when at least one of its text documents carries it.
    variable : str
        A numeric survey variable (its project and wave columns excepted).
    coder, origin : str or list of str, optional
        Whose codings count, as in :func:`code_survey_units`.
    by : ("project_id",) or ("project_id", "wave")
        The unit: a project (its waves pooled) or a project in a wave.
    labels : bool, default True
        Name the columns by the value labels; else by the values (``"1"``, ``"2"``).
    normalize : bool, default False
        Give each row's shares instead of counts (``n`` stays a count).

    Returns
    -------
    pandas.DataFrame
        Index ``"<code>: ja"`` (respondents of units whose documents carry the code)
        and ``"<code>: nee"`` (units with documents, none carrying it); columns: the
        variable's categories (its labelled values, user-missing codes excepted, in
        value order, then unlabelled values that occur) and ``n``, the respondents with
        an answer. Respondents of units without text documents, and missing answers,
        are not counted. ``frame.attrs``: ``by`` and ``variable_label``.

    Raises
    ------
    ValueError
        A code nobody coded, or a variable no survey has (the known ones are listed);
        an unknown ``by``.

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, pyreadstat
    >>> from sokwal_monitor import ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for p in ("P01", "P02"):
    ...     _ = (root / f"{p}_2018_interview.txt").write_text(
    ...         f"Interviewer: En?\\nRespondent: In {p} leerden we veel.\\n", encoding="utf-8")
    >>> frame = pd.DataFrame({"project_id": ["P01", "P01", "P02"], "lid": [1.0, 1.0, 0.0]})
    >>> pyreadstat.write_sav(frame, str(root / "enquete.sav"),
    ...                      variable_value_labels={"lid": {0.0: "nee", 1.0: "ja"}})
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> _ = code_quote(store, "P01_2018_interview.txt", "leerden", "leren", coder="anna")
    >>> code_survey_crosstab(store, "leren", "lid", coder="anna")  # doctest: +NORMALIZE_WHITESPACE
    lid         nee  ja  n
    leren: ja     0   2  2
    leren: nee    1   0  1
    """
    chosen = _check_by(by)
    documents = quantitized_codes(store, coder=coder, origin=origin)
    known_columns = set(store.documents().columns)
    _check_known([code], [c for c in documents.columns if c not in known_columns], "code")
    surveys = _surveys(store, "project_id", "wave")
    _check_known([variable], (v.name for s in surveys for v in s.variables), "survey variable")

    documents = documents.dropna(subset=list(chosen))
    has_code: dict[tuple[Any, ...], bool] = {}
    for row in documents[[*chosen, code]].itertuples(index=False):
        unit = tuple(row[: len(chosen)])
        has_code[unit] = has_code.get(unit, False) or bool(row[-1])

    categories: dict[float, str] = {}
    label = ""
    answers: dict[bool, list[float]] = {True: [], False: []}
    for survey in surveys:
        var = next((v for v in survey.variables if v.name == variable), None)
        if var is None:
            continue
        label = label or var.label
        for value, name in var.categories:
            categories.setdefault(value, name)
        values = survey.values(variable)
        units = zip(survey.projects, survey.waves, strict=True)
        for (project, wave), value in zip(units, values, strict=True):
            unit = (project, wave)[: len(chosen)]
            if unit in has_code and not np.isnan(value):
                answers[has_code[unit]].append(float(value))
    order = sorted(categories)
    order += sorted(set(answers[True] + answers[False]) - set(order))
    names = [categories[v] if labels and v in categories else str(_text(v)) for v in order]
    counts = np.array(
        [[sum(1 for a in answers[flag] if a == v) for v in order] for flag in (True, False)],
        dtype=np.int64,
    ).reshape(2, len(order))
    totals = counts.sum(axis=1)
    cells: np.ndarray = counts
    if normalize:
        cells = np.divide(
            counts, totals[:, None], out=np.full(counts.shape, np.nan), where=totals[:, None] > 0
        )
    frame = pd.DataFrame(cells, index=[f"{code}: ja", f"{code}: nee"], columns=names)
    frame["n"] = totals
    frame.columns.name = variable
    frame.attrs["by"] = chosen
    frame.attrs["variable_label"] = label
    return frame
