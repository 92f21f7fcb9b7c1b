"""Survey outcomes per project and wave: category shares and means, with intervals.

:func:`survey_outcomes` summarizes every current survey in a store per project and wave:
the share of each answer category (with a Wilson score interval) and the mean of
ordinal and scale variables (with a *t* interval). User-defined missing codes (SPSS
"missing values", e.g. 9 = "weet niet") and empty answers are left out and counted.
How the outcomes go together with the codes is in :mod:`.codes_survey` (its public
names are re-exported here).

A survey file often holds several projects and waves: the columns ``project_id`` and
``wave`` say to which each respondent belongs (numeric waves such as ``2018.0`` become
``"2018"``; value labels of those columns are used when they have them). Without such a
column, or where it is empty, the survey document's own project and wave count.

Examples
--------
>>> import tempfile, pathlib, pandas as pd, pyreadstat
>>> from sokwal_monitor import ingest
>>> from sokwal_monitor.store import ProjectStore
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> frame = pd.DataFrame({"project_id": ["P01", "P01", "P01", "P02"],
...                       "eenzaam": [1.0, 2.0, 9.0, 2.0]})
>>> pyreadstat.write_sav(frame, str(root / "enquete.sav"),
...     variable_value_labels={"eenzaam": {1.0: "nooit", 2.0: "soms", 9.0: "weet niet"}},
...     missing_ranges={"eenzaam": [9.0]})
>>> store = ProjectStore(root / "s.sokwal")
>>> _ = ingest(store, root)
>>> table = survey_outcomes(store)
>>> table[["project_id", "category", "value", "n", "n_missing"]].values.tolist()
[['P01', 'nooit', 0.5, 2, 1], ['P01', 'soms', 0.5, 2, 1], ['P02', 'nooit', 0.0, 1, 0], \
['P02', 'soms', 1.0, 1, 0]]
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from scipy import special  # not scipy.stats: it costs ~0.8 s to import in a report kernel

from .._names import as_list
from ..ingestion.surveys import load_survey, survey_variables
from ..model import wave_sort_key
from ..store import ProjectStore

__all__ = ["SURVEY_OUTCOME_COLUMNS", "survey_outcomes"]

#: The columns of :func:`survey_outcomes`, in order.
SURVEY_OUTCOME_COLUMNS = (
    "project_id",
    "wave",
    "variable",
    "variable_label",
    "statistic",
    "category",
    "value",
    "ci_low",
    "ci_high",
    "n",
    "n_missing",
    "doc_id",
)

_OUTCOME_DTYPES = {
    "project_id": object,
    "wave": object,
    "variable": object,
    "variable_label": object,
    "statistic": object,
    "category": object,
    "value": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
    "n": "int64",
    "n_missing": "int64",
    "doc_id": object,
}
_BY_CHOICES = (("project_id",), ("project_id", "wave"))
_NOMINAL = "nominal"
_NUMERIC_MEASURES = ("ordinal", "scale")

_Unit = tuple[str | None, str | None]


# -- reading the surveys ------------------------------------------------------------------
@dataclass(frozen=True)
class _Variable:
    """One numeric survey variable, with its labelled (non-missing) answer categories."""

    name: str
    label: str
    measure: str
    position: int
    categories: tuple[tuple[float, str], ...]

    @property
    def has_mean(self) -> bool:
        """Ordinal and scale variables; unlabelled ones unless marked nominal."""
        if self.categories:
            return self.measure in _NUMERIC_MEASURES
        return self.measure != _NOMINAL

    @property
    def reported(self) -> bool:
        """Whether :func:`survey_outcomes` has rows for it (a mean or categories)."""
        return self.has_mean or bool(self.categories)

    @property
    def unit_value(self) -> str | None:
        """How a unit summarizes it: ``"mean"``, ``"share"`` (of the higher of two
        categories) or None (a nominal variable with more than two categories)."""
        if self.has_mean:
            return "mean"
        return "share" if len(self.categories) == 2 else None


@dataclass(frozen=True)
class _Survey:
    doc_id: str
    order: int
    data: pd.DataFrame
    projects: list[str | None]
    waves: list[str | None]
    variables: tuple[_Variable, ...]

    def groups(self) -> dict[_Unit, np.ndarray]:
        """Row numbers per (project, wave), in order of appearance."""
        found: dict[_Unit, list[int]] = {}
        for i, unit in enumerate(zip(self.projects, self.waves, strict=True)):
            found.setdefault(unit, []).append(i)
        return {unit: np.asarray(rows, dtype=np.int64) for unit, rows in found.items()}

    def values(self, name: str) -> np.ndarray:
        return pd.to_numeric(self.data[name], errors="coerce").to_numpy(dtype=float)


def _text(value: Any) -> str | None:
    """A unit value or category as text: ``2018.0`` → ``"2018"``; empty → None."""
    if value is None:
        return None
    if isinstance(value, str):
        return value.strip() or None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        return str(value)
    if isinstance(value, (int, float, np.number)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _is_user_missing(value: float, ranges: list[dict[str, Any]]) -> bool:
    for r in ranges:
        lo, hi = r.get("lo"), r.get("hi")
        if isinstance(lo, (int, float)) and isinstance(hi, (int, float)) and lo <= value <= hi:
            return True
    return False


def _unit_values(
    data: pd.DataFrame, column: str, value_labels: dict[str, str], fallback: Any
) -> list[str | None]:
    """Each respondent's project (or wave): the survey's column, else the document's."""
    default = _text(fallback)
    if column not in data.columns:
        return [default] * len(data)
    out: list[str | None] = []
    for value in data[column]:
        text = _text(value)
        if text is not None and value_labels:
            key = value if isinstance(value, str) else str(float(value))
            text = _text(value_labels.get(key, text))
        out.append(default if text is None else text)
    return out


def _surveys(store: ProjectStore, project_column: str, wave_column: str) -> list[_Survey]:
    """Every current survey, read with user-missing codes as NaN, in path order."""
    table = survey_variables(store)
    if table.empty:
        return []
    docs = store.documents().set_index("doc_id")
    surveys = []
    for order, (doc_id, variables) in enumerate(table.groupby("doc_id", sort=False)):
        data = load_survey(store, str(doc_id), labels=False, missing=True)
        labels = dict(zip(variables["name"], variables["value_labels"], strict=True))
        doc = docs.loc[doc_id]
        projects = _unit_values(
            data, project_column, labels.get(project_column, {}), doc.project_id
        )
        waves = _unit_values(data, wave_column, labels.get(wave_column, {}), doc.wave)
        found = []
        for var in variables.itertuples():
            if var.name in (project_column, wave_column) or var.type != "numeric":
                continue
            categories = sorted(
                (float(key), str(label))
                for key, label in var.value_labels.items()
                if not _is_user_missing(float(key), var.missing_ranges)
            )
            found.append(
                _Variable(
                    name=str(var.name),
                    label="" if pd.isna(var.label) else str(var.label),
                    measure="unknown" if pd.isna(var.measure) else str(var.measure),
                    position=int(var.position),
                    categories=tuple(categories),
                )
            )
        surveys.append(_Survey(str(doc_id), order, data, projects, waves, tuple(found)))
    return surveys


def _check_known(wanted: list[str] | None, known: Iterable[str], what: str) -> None:
    known = list(dict.fromkeys(known))
    unknown = [name for name in wanted or [] if name not in known]
    if unknown:
        raise ValueError(
            f"unknown {what} {', '.join(map(repr, unknown))}; known:"
            f" {', '.join(known) if known else 'none'}"
        )


def _check_by(by: str | Sequence[str]) -> tuple[str, ...]:
    chosen = (by,) if isinstance(by, str) else tuple(by)
    if chosen not in _BY_CHOICES:
        choices = " or ".join(repr(c) for c in _BY_CHOICES)
        raise ValueError(f"by must be {choices}, not {chosen!r}")
    return chosen


def _unit_key(project: str | None, wave: str | None) -> tuple[Any, ...]:
    """Sort key: natural order, a missing project or wave last."""
    return (
        project is None,
        wave_sort_key(project or ""),
        wave is None,
        wave_sort_key(wave or ""),
    )


# -- survey outcomes ------------------------------------------------------------------------
def _wilson(k: int, n: int, z: float) -> tuple[float, float]:
    """The Wilson score interval of ``k`` successes out of ``n``."""
    p = k / n
    denom = 1 + z**2 / n
    center = (p + z**2 / (2 * n)) / denom
    half = z / denom * math.sqrt(p * (1 - p) / n + z**2 / (4 * n**2))
    low = 0.0 if k == 0 else max(0.0, center - half)  # exact bounds, no rounding residue
    high = 1.0 if k == n else min(1.0, center + half)
    return low, high


def _t_interval(values: np.ndarray, confidence: float) -> tuple[float, float, float]:
    """Mean and *t* interval; the interval is NaN for a single value."""
    n = len(values)
    mean = float(values.mean())
    if n < 2:
        return mean, math.nan, math.nan
    sem = float(values.std(ddof=1)) / math.sqrt(n)
    half = float(special.stdtrit(n - 1, (1 + confidence) / 2)) * sem
    return mean, mean - half, mean + half


def survey_outcomes(
    store: ProjectStore,
    *,
    variables: str | Iterable[str] | None = None,
    project_column: str = "project_id",
    wave_column: str = "wave",
    confidence: float = 0.95,
) -> pd.DataFrame:
    """Survey outcomes per project and wave: category shares and means, with intervals.

    Parameters
    ----------
    store : ProjectStore
        The project store; every current survey in it is summarized.
    variables : str or list of str, optional
        Only these survey variables (default: every numeric one).
    project_column, wave_column : str, default "project_id", "wave"
        The survey columns that say to which project and wave a respondent belongs.
        A survey without them (or a respondent with them empty) counts for the
        survey document's project and wave. Value labels of these columns are used
        as the names; numeric waves lose their ``.0`` (``2018.0`` → ``"2018"``).
    confidence : float, default 0.95
        The confidence level of the intervals, between 0 and 1.

    Returns
    -------
    pandas.DataFrame
        The columns of :data:`SURVEY_OUTCOME_COLUMNS`, one row per project × wave ×
        variable × statistic × category:

        - ``statistic == "proportion"``: for a variable with value labels, one row per
          labelled category (``category`` is the label; user-missing codes are no
          category) and per unlabelled value that occurs (``category`` is the value as
          text); ``value`` is its share of the non-missing answers, ``ci_low``/
          ``ci_high`` its Wilson score interval;
        - ``statistic == "mean"`` (``category`` ``""``): for ordinal and scale
          variables, labelled or not (unlabelled ones unless marked nominal), the mean
          of the numeric codes with a *t* interval (NaN with one answer).

        ``n`` counts the answers, ``n_missing`` the user-missing and empty ones, both
        among the respondents of that project and wave in that survey (``doc_id``). A
        project and wave where nobody answered gets no rows. The project and wave
        columns, string, date and time variables are left out. Sorted by project and
        wave (naturally: ``"w2"`` before ``"w10"``; a respondent without a project is
        sorted last), survey, the variable's position in its file, statistic
        (``"mean"`` before ``"proportion"``) and category (in the order of the values).

    Raises
    ------
    ValueError
        ``confidence`` not between 0 and 1, or a name in ``variables`` that no survey
        has (the message lists the known ones).

    Examples
    --------
    >>> import tempfile, pathlib, pandas as pd, pyreadstat
    >>> from sokwal_monitor import ingest
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> frame = pd.DataFrame({"contacten": [2.0, 4.0, 6.0]})
    >>> pyreadstat.write_sav(frame, str(root / "P01_2018_enquete.sav"),
    ...                      variable_measure={"contacten": "scale"})
    >>> store = ProjectStore(root / "s.sokwal")
    >>> _ = ingest(store, root)
    >>> table = survey_outcomes(store)
    >>> table[["project_id", "wave", "statistic", "value", "n"]].values.tolist()
    [['P01', '2018', 'mean', 4.0, 3]]
    >>> table[["ci_low", "ci_high"]].round(3).values.tolist()
    [[-0.968, 8.968]]
    """
    if isinstance(confidence, bool) or not isinstance(confidence, (int, float)):
        raise ValueError(f"confidence must be a number between 0 and 1, not {confidence!r}")
    if not 0 < confidence < 1:
        raise ValueError(f"confidence must be between 0 and 1 (e.g. 0.95), not {confidence!r}")
    wanted = as_list(variables, "variables", unique=True)
    surveys = _surveys(store, project_column, wave_column)
    reported = [v.name for s in surveys for v in s.variables if v.reported]
    _check_known(wanted, reported, "survey variable(s)")
    z = float(special.ndtri((1 + confidence) / 2))
    keyed: list[tuple[tuple[Any, ...], dict[str, Any]]] = []
    for survey in surveys:
        groups = survey.groups()
        for var in survey.variables:
            if not var.reported or (wanted is not None and var.name not in wanted):
                continue
            column = survey.values(var.name)
            for (project, wave), rows in groups.items():
                answers = column[rows]
                answers = answers[~np.isnan(answers)]
                n = len(answers)
                if n == 0:
                    continue
                base = {
                    "project_id": project,
                    "wave": wave,
                    "variable": var.name,
                    "variable_label": var.label,
                    "n": n,
                    "n_missing": len(rows) - n,
                    "doc_id": survey.doc_id,
                }
                key = (*_unit_key(project, wave), survey.order, var.position)
                if var.has_mean:
                    mean, low, high = _t_interval(answers, confidence)
                    row = {"statistic": "mean", "category": "", "value": mean}
                    row |= {"ci_low": low, "ci_high": high}
                    keyed.append(((*key, "mean", 0), base | row))
                if not var.categories:
                    continue
                labelled = [value for value, _ in var.categories]
                extra = sorted(set(answers.tolist()) - set(labelled))
                names = [label for _, label in var.categories] + [str(_text(v)) for v in extra]
                for i, (value, name) in enumerate(zip(labelled + extra, names, strict=True)):
                    k = int((answers == value).sum())
                    low, high = _wilson(k, n, z)
                    row = {"statistic": "proportion", "category": name, "value": k / n}
                    row |= {"ci_low": low, "ci_high": high}
                    keyed.append(((*key, "proportion", i), base | row))
    keyed.sort(key=lambda item: item[0])
    frame = pd.DataFrame([row for _, row in keyed], columns=list(SURVEY_OUTCOME_COLUMNS))
    return frame.astype(_OUTCOME_DTYPES)
