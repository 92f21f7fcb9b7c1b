"""The coders and codes a comparison covers, as the caller names them: checked, and
looked up in a store."""

from __future__ import annotations

from typing import Any

import pandas as pd

from ..store import ProjectStore


def _names(coders: Any) -> list[str]:
    if isinstance(coders, str):
        raise TypeError(
            f"coders must be a list of coder names, not the single text {coders!r};"
            f" write coders=[{coders!r}, ...]"
        )
    try:
        names = [str(c) for c in coders]
    except TypeError as err:
        raise TypeError(f"coders must be a list of coder names, not {coders!r}") from err
    if len(set(names)) != len(names):
        raise ValueError(f"a coder is named twice in coders={names!r}")
    return names


def _store_coders(store: ProjectStore, coders: Any) -> list[str]:
    names = _names(coders)
    if len(names) < 2:
        raise ValueError(
            f"agreement needs at least two coders to compare; got {len(names)} ({names!r})"
        )
    known = store.coders(all_versions=True)
    for name in names:
        store.check_coder(name, known)
    return names


def _code_list(frame: pd.DataFrame, codes: Any) -> list[str]:
    if codes is None:
        names = sorted(str(c) for c in pd.unique(frame["code"]))
    else:
        names = [codes] if isinstance(codes, str) else [str(c) for c in codes]
    if len(set(names)) != len(names):
        raise ValueError(f"a code is named twice in codes={names!r}")
    if not names:
        raise ValueError(
            "no codes to compare: codes= is empty, or the coders have no codings in the"
            " current documents"
        )
    return names
