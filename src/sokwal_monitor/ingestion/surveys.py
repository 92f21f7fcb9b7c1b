"""Survey files (SPSS, Stata, SAS) via pyreadstat, with labels and user-missing values.

A survey is kept in the store exactly as the file holds it: raw values, variable
labels, value labels and the user-defined missing values (SPSS "missing values",
e.g. 9 = "weet niet"). Applying labels or turning missing codes into NaN is a choice
made when reading it back (:func:`load_survey`), never when storing.

Examples
--------
>>> import tempfile, pathlib, pandas as pd, pyreadstat
>>> path = pathlib.Path(tempfile.mkdtemp()) / "enquete.sav"
>>> frame = pd.DataFrame({"eenzaam": [1.0, 2.0, 9.0]})
>>> pyreadstat.write_sav(frame, str(path), column_labels={"eenzaam": "Voelt zich eenzaam"},
...     variable_value_labels={"eenzaam": {1.0: "nooit", 2.0: "soms", 9.0: "weet niet"}},
...     missing_ranges={"eenzaam": [9.0]})
>>> survey = read_survey(path)
>>> survey.variables.loc[0, ["name", "label"]].tolist()
['eenzaam', 'Voelt zich eenzaam']
>>> survey.frame(labels=True, missing=True)["eenzaam"].tolist()
['nooit', 'soms', nan]
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from ..errors import EncryptedFileError, UnreadableFileError, WrongFormatError
from ..store.ingestion import is_user_missing

if TYPE_CHECKING:
    from ..store import ProjectStore

__all__ = [
    "SURVEY_SUFFIXES",
    "SurveyFile",
    "load_survey",
    "read_survey",
    "store_survey",
    "survey_values",
    "survey_variables",
]

#: Suffixes read as surveys, with the pyreadstat function for each.
SURVEY_SUFFIXES = {
    ".sav": "read_sav",
    ".zsav": "read_sav",
    ".por": "read_por",
    ".dta": "read_dta",
    ".sas7bdat": "read_sas7bdat",
    ".xpt": "read_xport",
}
_USER_MISSING = {"read_sav", "read_dta", "read_sas7bdat"}


@dataclass
class SurveyFile:
    """A survey as read from disk: raw data plus a variables table.

    ``variables`` has one row per column: ``position, name, label, type, measure,
    format, value_labels`` (dict value → label) and ``missing_ranges`` (list of
    ``{"lo", "hi"}``: user-defined missing values and ranges).
    """

    data: pd.DataFrame
    variables: pd.DataFrame
    file_label: str | None = None
    file_encoding: str | None = None
    notes: list[str] = field(default_factory=list)

    def frame(self, *, labels: bool = False, missing: bool = True) -> pd.DataFrame:
        """The data, optionally with value labels applied and missing codes as NaN."""
        return _apply(self.data, self.variables, labels=labels, missing=missing)


def _apply(
    data: pd.DataFrame, variables: pd.DataFrame, *, labels: bool, missing: bool
) -> pd.DataFrame:
    out = data.copy()
    for var in variables.itertuples():
        col = out[var.name]
        if missing and var.missing_ranges:
            mask = col.map(lambda v, r=var.missing_ranges: is_user_missing(v, r))
            col = col.mask(mask.astype(bool))
        if labels and var.value_labels:
            mapping = var.value_labels
            col = col.map(lambda v, m=mapping: m.get(v, m.get(_key(v), v)) if _present(v) else v)
        out[var.name] = col
    return out


def _present(value: Any) -> bool:
    """False for None, NaN and NaT."""
    try:
        return not bool(pd.isna(value))
    except (TypeError, ValueError):  # not a scalar
        return True


def _key(value: Any) -> Any:
    """Value-label keys come back from JSON as strings; numbers as floats."""
    if isinstance(value, (int, float, np.number)):
        return str(float(value))
    return value


def read_survey(path: str | PathLike[str]) -> SurveyFile:
    """Read an SPSS/Stata/SAS file with its labels and user-defined missing values.

    Raises
    ------
    UnreadableFileError, EncryptedFileError, WrongFormatError
        With the file's name and what to do.
    """
    import pyreadstat

    path = Path(path)
    func_name = SURVEY_SUFFIXES.get(path.suffix.lower())
    if func_name is None:
        raise WrongFormatError(path, f"not a survey file suffix ({path.suffix})")
    reader = getattr(pyreadstat, func_name)
    kwargs: dict[str, Any] = {"user_missing": True} if func_name in _USER_MISSING else {}
    try:
        data, meta = reader(str(path), **kwargs)
    except Exception as err:
        text = str(err)
        if "encrypt" in text.lower():
            raise EncryptedFileError(path, "the survey file is password-protected") from err
        raise UnreadableFileError(
            path,
            f"not a readable {path.suffix.lstrip('.')} survey file"
            f" ({text.strip() or type(err).__name__})",
            "open it in SPSS/Stata and save it again, or check that the suffix is right",
        ) from err
    names = list(data.columns)
    labels = dict(zip(meta.column_names, meta.column_labels or [None] * len(names), strict=False))
    value_labels = {
        col: meta.value_labels.get(label_set, {})
        for col, label_set in (meta.variable_to_label or {}).items()
    }
    missing = getattr(meta, "missing_ranges", {}) or {}
    missing_user = getattr(meta, "missing_user_values", {}) or {}
    rows = []
    for i, name in enumerate(names):
        ranges = [dict(r) for r in missing.get(name, [])]
        ranges += [{"lo": v, "hi": v} for v in missing_user.get(name, [])]
        rows.append(
            {
                "position": i,
                "name": name,
                "label": labels.get(name),
                "type": _kind(data[name]),
                "measure": (meta.variable_measure or {}).get(name),
                "format": (meta.original_variable_types or {}).get(name),
                "value_labels": {_norm(k): v for k, v in value_labels.get(name, {}).items()},
                "missing_ranges": ranges,
            }
        )
    return SurveyFile(
        data=data,
        variables=pd.DataFrame(rows),
        file_label=meta.file_label or None,
        file_encoding=meta.file_encoding or None,
        notes=list(getattr(meta, "notes", []) or []),
    )


def _kind(col: pd.Series) -> str:
    """The variable type: numeric, string, date, datetime or time.

    pyreadstat gives dates and times as ``datetime.date``/``datetime.time`` objects and
    date-times as ``datetime64``; text has object dtype (pandas 2) or ``str`` (pandas 3).
    """
    if pd.api.types.is_datetime64_any_dtype(col.dtype):
        return "datetime"
    if col.dtype == object or isinstance(col.dtype, pd.StringDtype):
        sample = next((v for v in col if _present(v)), None)
        if isinstance(sample, dt.datetime):
            return "datetime"
        if isinstance(sample, dt.date):
            return "date"
        if isinstance(sample, dt.time):
            return "time"
        return "string"
    return "numeric"


_PARSE = {
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
    "datetime": pd.Timestamp,
}


def _norm(key: Any) -> Any:
    return float(key) if isinstance(key, (int, float, np.number)) else key


def store_survey(store: ProjectStore, doc_id: str, survey: SurveyFile) -> None:
    """Write a survey's variables and values (inside the caller's transaction).

    Values are stored as the file holds them: text as text, dates and times as ISO 8601
    text (exact and portable), everything else as a number; missing cells are left out.
    """
    store.insert_survey(
        doc_id,
        n_rows=len(survey.data),
        n_variables=len(survey.variables),
        file_label=survey.file_label,
        file_encoding=survey.file_encoding,
        notes=survey.notes,
    )
    for var in survey.variables.itertuples():
        store.insert_survey_variable(
            doc_id,
            position=var.position,
            name=var.name,
            label=var.label,
            type=var.type,
            measure=var.measure,
            format=var.format,
            value_labels=var.value_labels,
            missing_ranges=var.missing_ranges,
        )
        col = survey.data[var.name]
        cells: Iterable[tuple[int, float | None, str | None]]
        if var.type == "string":
            cells = ((i, None, v) for i, v in enumerate(col) if _present(v))
        elif var.type in _PARSE:  # dates and times as ISO 8601 text: exact and portable
            cells = ((i, None, v.isoformat()) for i, v in enumerate(col) if _present(v))
        else:
            cells = (
                (i, float(v), None)
                for i, v in enumerate(pd.to_numeric(col, errors="coerce"))
                if _present(v)
            )
        store.insert_survey_values(doc_id, var.name, cells)


def survey_variables(store: ProjectStore, doc_id: str | None = None) -> pd.DataFrame:
    """All current surveys' variables (or one survey's, any version, with ``doc_id``):
    ``doc_id, path, position, name, label, type, measure, format, value_labels,
    missing_ranges`` (the last two as dict/list). The same as
    ``store.survey_variables(doc_id)``."""
    return store.survey_variables(doc_id)


def survey_values(store: ProjectStore) -> pd.DataFrame:
    """All surveys in long, tidy form: one row per respondent × variable.

    Columns: ``doc_id, path, project_id, wave, row, variable, value, value_label,
    is_missing`` (``is_missing``: a user-defined missing code such as 9 = "weet niet").
    The same as ``store.survey_values()`` (the ``surveys`` table).
    """
    return store.survey_values()


def load_survey(
    store: ProjectStore, doc_id: str, *, labels: bool = False, missing: bool = True
) -> pd.DataFrame:
    """One survey as a wide DataFrame (one row per respondent), rebuilt from the store.

    ``labels=True`` replaces coded values with their value labels; ``missing=True``
    turns user-defined missing codes into NaN. Variable labels are in
    ``frame.attrs["variable_labels"]``.
    """
    variables = store.survey_variables(doc_id)
    if variables.empty:
        raise KeyError(f"no survey with doc_id {doc_id!r} in {store.path}")
    n_rows = int(store.survey_n_rows(doc_id) or 0)
    cells = store.survey_cells(doc_id)
    data = pd.DataFrame(index=range(n_rows))
    for var in variables.itertuples():
        part = cells[cells["name"] == var.name].set_index("row")["value"]
        col = part.reindex(range(n_rows))
        if var.type in _PARSE:
            col = col.map(lambda v, parse=_PARSE[var.type]: parse(v) if _present(v) else None)
            if var.type == "datetime":
                col = pd.to_datetime(col)
        data[var.name] = col.astype(float) if var.type == "numeric" else col.astype(object)
    variables = variables.copy()
    variables["value_labels"] = [
        {(float(k) if t == "numeric" else k): v for k, v in vl.items()}
        for vl, t in zip(variables["value_labels"], variables["type"], strict=True)
    ]
    out = _apply(data, variables.reset_index(drop=True), labels=labels, missing=missing)
    out.attrs["variable_labels"] = dict(zip(variables["name"], variables["label"], strict=True))
    return out
