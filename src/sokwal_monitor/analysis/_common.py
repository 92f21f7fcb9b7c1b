"""Argument helpers shared by the analysis functions: filters, choices, input tables."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import pandas as pd

from .._names import as_list as _as_list
from ..store import ProjectStore

_Values = str | Iterable[str] | None


def _check_choice(value: str, choices: Sequence[str], what: str) -> None:
    if value not in choices:
        raise ValueError(f"{what} must be one of {', '.join(choices)}, not {value!r}")


def _check_columns(frame: pd.DataFrame, columns: Sequence[str], source: str) -> None:
    """``ValueError`` unless ``frame`` has ``columns``, as ``source()`` returns them."""
    missing = [c for c in columns if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)}; pass what {source}() returns"
        )


def _codings(
    store: ProjectStore,
    coder: _Values,
    origin: _Values,
    *,
    code: list[str] | None = None,
    with_metadata: bool = False,
) -> pd.DataFrame:
    """The store's codings by these coders / of these origins (one value or several)."""
    return store.codings(
        coder=_as_list(coder, "coder"),
        code=code,
        origin=_as_list(origin, "origin"),
        with_metadata=with_metadata,
    )
