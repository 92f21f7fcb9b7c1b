"""Paths and project stores as the REFI-QDA functions take them."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from os import PathLike

from ..store import ProjectStore, open_store

_PathLike = str | PathLike[str]


@contextlib.contextmanager
def _using(store: ProjectStore | _PathLike, *, create: bool) -> Iterator[ProjectStore]:
    """``store`` itself, or the store at that path, closed again afterwards."""
    st = open_store(store, create=create)
    try:
        yield st
    finally:
        if st is not store:
            st.close()
