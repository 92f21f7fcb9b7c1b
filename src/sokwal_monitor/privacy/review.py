"""Reviewing a pseudonymization: what was replaced, where, in what context.

The tables come from the store alone: they show the pseudonym in place, never the
original. Given the key file, :func:`review` adds the original mentions, for the
researcher's eyes (never write that column to an export).

>>> import tempfile, pathlib
>>> from sokwal_monitor import ProjectStore
>>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "p.sokwal")
>>> list(review_occurrences(store).columns)
['doc_id', 'path', 'project_id', 'pseudonym', 'category', 'start_char', 'end_char', 'context']
"""

from __future__ import annotations

from os import PathLike
from pathlib import Path

import pandas as pd

from ..errors import KeyFileError
from ..store import ProjectStore
from .keyfile import KeyFile
from .run import PSEUDONYM

__all__ = ["review", "review_occurrences"]

_COLUMNS = ["doc_id", "path", "project_id", "pseudonym", "category", "start_char", "end_char"]


def review_occurrences(store: ProjectStore, *, width: int = 60) -> pd.DataFrame:
    """One row per pseudonym in the text, with ``width`` characters of context."""
    rows = []
    for doc in store.documents(with_text=True).itertuples():
        for m in PSEUDONYM.finditer(doc.text):
            context = doc.text[max(0, m.start() - width) : m.end() + width]
            rows.append(
                (doc.doc_id, doc.path, doc.project_id, m.group(), m.group(1), m.start(), m.end(),
                 " ".join(context.split()))
            )  # fmt: skip
    return pd.DataFrame(rows, columns=[*_COLUMNS, "context"])


def review(
    store: ProjectStore,
    key: str | PathLike[str] | None = None,
    *,
    passphrase: str | None = None,
    width: int = 60,
) -> pd.DataFrame:
    """One row per pseudonym and document: ``pseudonym, category, path, count, context``
    (the first occurrence). With ``key``, an ``original`` column lists what the
    pseudonym stands for — only for checking; do not export it. An encrypted key file
    needs its ``passphrase`` (default: ``SOKWAL_KEY_PASSPHRASE`` or a prompt on a
    terminal)."""
    occurrences = review_occurrences(store, width=width)
    grouped = (
        occurrences.groupby(["pseudonym", "category", "path"], sort=False)
        .agg(count=("start_char", "size"), doc_id=("doc_id", "first"), context=("context", "first"))
        .reset_index()
    )
    grouped["_n"] = grouped["pseudonym"].str.extract(r"-(\d+)\]")[0].astype(int)
    grouped = grouped.sort_values(["category", "_n", "path"]).drop(columns="_n")
    if key is not None:
        if not Path(key).is_file():
            raise KeyFileError(key, "no key file here", "check the key file's path")
        with KeyFile(key, passphrase, encrypt=False) as keyfile:
            originals: dict[str, list[str]] = {}
            for pseudonym, _, text in keyfile.mentions():
                originals.setdefault(pseudonym, []).append(text)
        grouped["original"] = grouped["pseudonym"].map(lambda p: " | ".join(originals.get(p, [])))
    return grouped.reset_index(drop=True)
