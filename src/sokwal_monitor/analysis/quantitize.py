"""Mixed methods: codes as numbers, next to the documents' variables, for statistics.

:func:`quantitized_codes` turns a coder's codings into a document × code table: 0/1
(the document has the code) or counts (how many respondent segments carry it), next to
the document's variables (project, wave, kind, respondent role and the columns of the
documents metadata file). :func:`export_quantitized` writes it as SPSS ``.sav`` with
variable labels (the codes' definitions) and value labels, or as CSV or XLSX, for
analysts who join it with survey data.

Examples
--------
>>> import tempfile, pathlib
>>> from sokwal_monitor import ingest
>>> from sokwal_monitor.coding import code_quote
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "P01_2018_interview.txt").write_text(
...     "Interviewer: En?\\nRespondent: We leerden veel.\\n", encoding="utf-8")
>>> store = ProjectStore(root / "s.sokwal")
>>> _ = ingest(store, root)
>>> _ = code_quote(store, "P01_2018_interview.txt", "leerden", "leren", coder="anna")
>>> quantitized_codes(store, coder="anna")[["project_id", "wave", "leren"]].values.tolist()
[['P01', '2018', 1]]
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from ..errors import SokwalError
from ..model import evidence_mask
from ..store import ProjectStore

if TYPE_CHECKING:
    from ..codebook import Codebook

__all__ = ["export_quantitized", "quantitized_codes"]

_VARIABLES = ["doc_id", "path", "project_id", "wave", "kind", "respondent_role"]


def quantitized_codes(
    store: ProjectStore,
    *,
    coder: str | Iterable[str] | None = None,
    origin: str | Iterable[str] | None = None,
    codes: Iterable[str] | None = None,
    counts: bool = False,
) -> pd.DataFrame:
    """One row per current text document: its variables, then one column per code.

    A code's column is 1 when a coding of it (by ``coder``, of ``origin``) starts in a
    respondent turn or report paragraph of the document, else 0; with ``counts`` it is
    the number of such segments. Codes: ``codes``, else every code coded. With codings
    of several coders and no ``coder``, a ``ValueError`` asks to choose (``"*"`` pools).

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> list(quantitized_codes(store).columns)
    ['doc_id', 'path', 'project_id', 'wave', 'kind', 'respondent_role']
    """
    pooled = coder == "*"
    codings = store.codings(coder=None if pooled else coder, origin=origin, with_metadata=True)
    if coder is None and codings["coder"].nunique() > 1:
        found = ", ".join(sorted(codings["coder"].unique()))
        raise ValueError(
            f"the codings come from several coders ({found}); choose one with coder=..., or"
            " coder='*' to count a code when any of them coded it"
        )
    docs = store.documents()
    docs = docs[docs["kind"] != "survey"].reset_index(drop=True)
    extra = [c for c in docs.columns if c not in _VARIABLES and c not in _STORE_COLUMNS]
    table = docs[_VARIABLES + extra].copy()
    segments = store.segments(with_metadata=True)
    evidence = set(segments.loc[evidence_mask(segments), "segment_id"])
    counted = codings[codings["segment_id"].isin(evidence)]
    segments = counted.drop_duplicates(["segment_id", "code"])
    per_doc = segments.groupby(["doc_id", "code"]).size().unstack(fill_value=0)
    wanted = sorted(set(counted["code"])) if codes is None else list(codes)
    for code in wanted:
        column = per_doc[code] if code in per_doc.columns else pd.Series(dtype="int64")
        n = table["doc_id"].map(column).fillna(0).astype("int64")
        table[code] = n if counts else (n > 0).astype("int64")
    return table


_STORE_COLUMNS = (
    "format", "title", "n_chars", "sha256", "version", "is_current", "ingested_at",
    "pseudonymized_at",
)  # fmt: skip


def export_quantitized(
    frame: pd.DataFrame,
    path: str | PathLike[str],
    *,
    codebook: Codebook | None = None,
    counts: bool | None = None,
) -> Path:
    """Write :func:`quantitized_codes` as ``.sav`` (SPSS, with labels), ``.csv`` or
    ``.xlsx``; return the path.

    In ``.sav`` every code is a numeric variable labelled with the code's name and, with
    ``codebook``, its definition; 0/1 columns get the value labels *niet gecodeerd* /
    *gecodeerd*. Variable names SPSS refuses (spaces, a leading digit, more than 64
    characters) are made valid and the original name kept in the label.

    >>> import tempfile, pathlib
    >>> frame = pd.DataFrame({"doc_id": ["d1"], "project_id": ["P01"], "leren": [1]})
    >>> out = export_quantitized(frame, pathlib.Path(tempfile.mkdtemp()) / "codes.sav")
    >>> import pyreadstat
    >>> data, meta = pyreadstat.read_sav(str(out))
    >>> meta.variable_value_labels["leren"]
    {0.0: 'niet gecodeerd', 1.0: 'gecodeerd'}
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix == ".csv":
        frame.to_csv(target, index=False)
        return target
    if suffix == ".xlsx":
        frame.to_excel(target, index=False)
        return target
    if suffix != ".sav":
        raise SokwalError(
            target, f"cannot write codes as {suffix or 'that'}", "use .sav, .csv or .xlsx"
        )
    import pyreadstat

    variables = set(_VARIABLES) | {c for c in frame.columns if frame[c].dtype == object}
    names: dict[str, str] = {}
    for column in frame.columns:
        name = _spss_name(str(column), set(names.values()))
        names[str(column)] = name
    out = frame.rename(columns=names)
    labels: dict[str, str | None] = {}
    value_labels: dict[str, dict[int | float, str]] = {}
    for column, name in names.items():
        label = column if name != column else None
        if column not in variables:
            if codebook is not None and column in codebook:
                label = f"{column}: {' '.join(codebook[column].definition.split())}"[:250]
            binary = counts is False or (counts is None and set(frame[column].unique()) <= {0, 1})
            if binary:
                value_labels[name] = {0: "niet gecodeerd", 1: "gecodeerd"}
        labels[name] = label
    for column in out.columns:  # SPSS strings: no missing objects
        if out[column].dtype == object:
            out[column] = out[column].fillna("").astype(str)
    pyreadstat.write_sav(
        out, target, column_labels=labels, variable_value_labels=value_labels or None
    )
    return target


def _spss_name(name: str, taken: set[str]) -> str:
    """A valid, unique SPSS variable name for ``name``."""
    clean = re.sub(r"[^0-9A-Za-z_.@#$]", "_", name)
    if not clean or not clean[0].isalpha():
        clean = "v_" + clean
    clean = clean[:64].rstrip(".")
    candidate, i = clean, 1
    while candidate.lower() in {t.lower() for t in taken}:
        i += 1
        candidate = f"{clean[:60]}_{i}"
    return candidate
