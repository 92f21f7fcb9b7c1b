"""Candidate codes into a new codebook version, with who accepted them and when.

The names the groups gave are kept apart from the codebook (``store.candidate_codes()``)
until a researcher accepts them. :func:`accept_candidates` writes a new codebook version:
the codebook used last (or the one given) plus the accepted codes; candidates merged
into another code are recorded as such and add no code. The version is kept in the store
(``store.codebooks()``, ``store.codebook_versions()`` with its author and time) and,
when ``path`` is given, written as YAML.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path

from ..codebook import Code, Codebook, codebook_sha256, codebook_to_text, load_codebook
from ..errors import CodebookError
from ..store import StoreLike, open_store

__all__ = ["AcceptedCodebook", "accept_candidates"]


@dataclass
class AcceptedCodebook:
    """The codebook version :func:`accept_candidates` wrote."""

    codebook: Codebook
    sha256: str
    parent_sha256: str | None
    author: str
    added: list[str] = field(default_factory=list)
    merged: dict[str, str] = field(default_factory=dict)
    path: Path | None = None

    def summary(self) -> str:
        """One line: the version, what was added and merged, by whom."""
        merged = "; ".join(f"{a} -> {b}" for a, b in self.merged.items()) or "none"
        return (
            f"codebook {self.codebook.name or ''} version {self.codebook.version}"
            f" ({self.sha256[:8]}) by {self.author}: {len(self.added)} codes added"
            f" ({', '.join(self.added) or 'none'}); merged: {merged}"
        )


def _next_version(version: str | int | None) -> str | int:
    if version is None:
        return 1
    if isinstance(version, int) or str(version).isdigit():
        return int(version) + 1
    return f"{version}+designlab"


def accept_candidates(
    store: StoreLike,
    names: Sequence[str],
    *,
    author: str,
    definitions: Mapping[str, str] | None = None,
    merge: Mapping[str, str] | None = None,
    parent: str | None = None,
    codebook: Codebook | None = None,
    note: str = "",
    path: str | PathLike[str] | None = None,
) -> AcceptedCodebook:
    """Accept candidate codes into a new codebook version.

    Parameters
    ----------
    store : ProjectStore or path
    names : sequence of str
        Candidate codes that become codes of their own.
    author : str
        Who accepts them (kept with the version).
    definitions : mapping of str to str, optional
        A definition per accepted name (default: where the name came from and the
        groups' notes).
    merge : mapping of str to str, optional
        Candidate -> an existing code (or one of ``names``) it is merged into: it adds no
        code, and a later board's group of that name is coded with the target.
    parent : str, optional
        The parent code of the new codes.
    codebook : Codebook, optional
        The version to start from (default: the store's codebook used last, else the
        default codebook).
    note : str
        Why, for the record.
    path : path, optional
        Also write the new version as YAML here.

    Raises
    ------
    CodebookError
        A name is not a candidate code of the store (or already decided), a code of that
        name exists, or a merge target is neither a code nor accepted now.

    Examples
    --------
    >>> accepted = accept_candidates(store, ["Samen leren"], author="anna")  # doctest: +SKIP
    >>> accepted.added  # doctest: +SKIP
    ['Samen leren']
    """
    store = open_store(store)
    if not isinstance(author, str) or not author.strip():
        raise CodebookError(store.path, "accepting candidate codes needs an author")
    merge = dict(merge or {})
    definitions = dict(definitions or {})
    candidates = store.candidate_codes()
    open_ = set(candidates.loc[candidates["status"] == "candidate", "code"])
    for name in [*names, *merge]:
        if name not in open_:
            known = ", ".join(sorted(open_)) or "none"
            raise CodebookError(
                store.path,
                f"{name!r} is not an open candidate code",
                f"the open candidate codes are: {known}",
            )
    parent_sha: str | None = None
    if codebook is None:
        found = store.codebook_text()
        if found is not None:
            codebook, parent_sha = store.codebook(found[1]), found[1]
        else:
            codebook = load_codebook()
    else:
        parent_sha = codebook_sha256(codebook)
    new = copy.deepcopy(codebook)
    for name in names:
        if name in new:
            raise CodebookError(store.path, f"the codebook already has a code {name!r}")
        if parent is not None and parent not in new:
            raise CodebookError(store.path, f"the parent code {parent!r} is not in the codebook")
    for name, target in merge.items():
        if target not in new and target not in names:
            raise CodebookError(
                store.path,
                f"{name!r} cannot be merged into {target!r}: no such code",
                "name a code of the codebook or one accepted in the same call",
            )
    notes = _group_notes(store)
    for name in names:
        definition = definitions.get(name) or _default_definition(name, candidates, notes)
        new.codes.append(Code(name=name, definition=definition, parent=parent))
    new.version = _next_version(codebook.version)
    sha = codebook_sha256(new)
    decided = {name: name for name in names} | merge
    with store.transaction():
        store.insert_codebook(
            sha,
            new.name or "",
            None if new.version is None else str(new.version),
            codebook_to_text(new),
        )
        store.insert_codebook_version(sha, parent_sha256=parent_sha, author=author, note=note)
        store.decide_candidate_codes(decided, "accepted", by=author, codebook_sha256=sha)
    written = None
    if path is not None:
        written = new.to_yaml(path)
    return AcceptedCodebook(
        codebook=new,
        sha256=sha,
        parent_sha256=parent_sha,
        author=author,
        added=list(names),
        merged=merge,
        path=written,
    )


def _group_notes(store: StoreLike) -> dict[str, list[str]]:
    groups = open_store(store).designlab_groups()
    notes: dict[str, list[str]] = {}
    for code, note in zip(groups["code"], groups["note"], strict=True):
        if note:
            notes.setdefault(code, []).append(note)
    return notes


def _default_definition(name: str, candidates: object, notes: dict[str, list[str]]) -> str:
    import pandas as pd

    frame = candidates if isinstance(candidates, pd.DataFrame) else pd.DataFrame()
    row = frame.loc[frame["code"] == name].iloc[0]
    text = f"Voorgesteld in designlab-sessie {row['session']} (bord {row['board']})."
    if notes.get(name):
        text += " Notities: " + " / ".join(notes[name])
    return text
