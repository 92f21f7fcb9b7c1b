"""Merging coders' work: bring the codings and memos of another project store into
this one.

In a designlab session every coder works in a copy of the same project store; after
the session their stores are merged into one, to compare and discuss. Documents are
matched by the REFI-QDA source GUID they were imported with, else by their content hash
(``sha256`` of the original file; imported sources may share one), so it does not matter
under which path or in which order they were ingested. A coding keeps its coder,
origin, offsets, memo, score and time; because its id is derived from what it is, a
coding both stores hold is merged once. Memos are copied unless the same memo (same
target, author and text) is already there.

Codings are only merged onto the *same text*: when a matched document's stored text
differs (pseudonymized with another key file, or not at all in one of the stores), its
codings are left out and reported, never shifted onto another passage. Documents this
store lacks are reported, not copied: ingest them first.

Codebooks are compared, never overwritten: codes the other store's codebook has and
this one lacks, and codes whose definition differs, are reported; the other codebook
is kept in the store (``codebooks`` table) for reference.

Everything happens in one transaction.

Examples
--------
>>> import tempfile, pathlib, shutil
>>> from sokwal_monitor import ingest
>>> from sokwal_monitor.coding import code_quote
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> (root / "corpus").mkdir()
>>> _ = (root / "corpus" / "P01_w1.txt").write_text("We leerden veel.", encoding="utf-8")
>>> mine = ProjectStore(root / "mine.sokwal")
>>> _ = ingest(mine, root / "corpus")
>>> theirs = ProjectStore(root / "theirs.sokwal")
>>> _ = ingest(theirs, root / "corpus")
>>> _ = code_quote(theirs, "P01_w1.txt", "leerden", "leren", coder="bas")
>>> theirs.close()
>>> print(merge_store(mine, root / "theirs.sokwal").summary())
theirs.sokwal: 1 codings added (0 already here) from 1 coders; 0 memos; 1 documents matched
>>> mine.codings()[["coder", "text"]].values.tolist()
[['bas', 'leerden']]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from .errors import StoreError
from .store import ProjectStore, now

if TYPE_CHECKING:
    from .codebook import Codebook

__all__ = ["MergeReport", "compare_codebooks", "merge", "merge_store"]


@dataclass
class MergeReport:
    """What :func:`merge_store` did and what it left out, and why."""

    source: Path
    run_id: int | None = None
    n_added: int = 0
    n_present: int = 0
    coders: list[str] = field(default_factory=list)
    n_memos: int = 0
    documents_matched: int = 0
    documents_missing: list[str] = field(default_factory=list)
    documents_text_differs: list[str] = field(default_factory=list)
    codes_new: list[str] = field(default_factory=list)
    codes_changed: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """One line for the terminal."""
        return (
            f"{self.source.name}: {self.n_added} codings added ({self.n_present} already"
            f" here) from {len(self.coders)} coders; {self.n_memos} memos;"
            f" {self.documents_matched} documents matched"
        )

    def warnings(self) -> list[str]:
        """What was left out or differs, one line each."""
        out = []
        if self.documents_missing:
            out.append(
                f"{len(self.documents_missing)} documents of {self.source.name} are not in this"
                " store (ingest them first; their codings were not merged): "
                + ", ".join(self.documents_missing)
            )
        if self.documents_text_differs:
            out.append(
                "the stored text differs (pseudonymized with another key file?), so their"
                " codings were not merged: " + ", ".join(self.documents_text_differs)
            )
        if self.codes_new:
            out.append("codes in the other codebook only: " + ", ".join(self.codes_new))
        if self.codes_changed:
            out.append(
                "codes whose definition differs (this store's is kept): "
                + ", ".join(self.codes_changed)
            )
        return out


def merge_store(store: ProjectStore, other: str | PathLike[str]) -> MergeReport:
    """Merge the codings and memos of the store file ``other`` into ``store``.

    Raises :class:`~sokwal_monitor.errors.StoreError` when ``other`` is not a project
    store or is the same file as ``store``.
    """
    path = Path(other)
    if not path.is_file():
        raise StoreError(path, "no project store here", "give the path of the other *.sokwal file")
    if path.resolve() == store.path.resolve():
        raise StoreError(path, "is the store itself", "merge another coder's store into this one")
    report = MergeReport(path)
    with ProjectStore(path, create=False) as source:
        theirs = source.document_hashes()
        source_keys = source.document_keys()
        codings = source.coding_rows()
        memos = source.memos()
        try:
            their_codebook = source.codebook()
        except KeyError:
            their_codebook = None
    # ours by REFI-QDA source GUID and by hash: two imported sources may share a text
    by_guid: dict[str, tuple[str, str]] = {}
    by_hash: dict[str, list[tuple[str, str]]] = {}
    for doc_id, sha, guid, text in store.document_keys():
        if guid:
            by_guid.setdefault(guid, (doc_id, text))
        by_hash.setdefault(sha, []).append((doc_id, text))
    their_guids = {d: g for d, _, g, _ in source_keys}
    doc_map: dict[str, str] = {}
    taken: set[str] = set()
    coded_docs = set(codings["doc_id"])
    for row in theirs.itertuples():
        guid = their_guids.get(row.doc_id, "")
        same = by_guid.get(guid) if guid else None
        if same is None or same[1] != row.text:  # else: matched by its hash
            candidates = by_hash.get(row.sha256, [])
            same = next((c for c in candidates if c[0] not in taken), None) or (
                candidates[0] if candidates else None
            )
        if same is None:
            if row.doc_id in coded_docs:
                report.documents_missing.append(row.path)
            continue
        doc_id, text = same
        taken.add(doc_id)
        report.documents_matched += 1
        if text != row.text:
            if row.doc_id in coded_docs:
                report.documents_text_differs.append(row.path)
            continue
        doc_map[row.doc_id] = doc_id
    if their_codebook is not None:
        compare_codebooks(store, their_codebook, report)

    from .coding import CodingRun, save_codebook

    usable = codings[codings["doc_id"].isin(list(doc_map))]
    report.coders = sorted(usable["coder"].unique())
    options = {"merged_from": path.name}
    with CodingRun(
        store, coder=", ".join(report.coders) or "(none)", origin="import", options=options
    ) as run:
        report.run_id = run.run_id
        if their_codebook is not None:
            save_codebook(store, their_codebook)
        rows = [
            (r.coding_id, doc_map[r.doc_id], _int(r.segment_position), int(r.start_char),
             int(r.end_char), r.code, r.coder, r.origin, _float(r.score), r.memo, r.pattern)
            for r in usable.itertuples()
        ]  # fmt: skip
        run.add_rows(rows)
        report.n_added = run.n_added
        report.n_present = len(rows) - run.n_added
        # keep each coding's own creation time, not the time of the merge
        store.set_coding_times(
            run.run_id, [(r.coding_id, r.created_at) for r in usable.itertuples()]
        )
        report.n_memos = _merge_memos(store, memos, doc_map)
    return report


def _int(value: float | None) -> int | None:
    """An integer column read by pandas (NaN for NULL) back to int or None."""
    return None if value is None or pd.isna(value) else int(value)


def _float(value: float | None) -> float | None:
    return None if value is None or pd.isna(value) else float(value)


def _merge_memos(store: ProjectStore, memos: pd.DataFrame, doc_map: dict[str, str]) -> int:
    """Copy memos not already here; document memos only for documents merged."""
    added = 0
    for m in memos.itertuples():
        target = m.target
        if m.target_kind == "document":
            if target not in doc_map:
                continue
            target = doc_map[target]
        if store.insert_memo_once(
            m.target_kind, target, m.author, m.text, m.created_at, m.updated_at or now()
        ):
            added += 1
    return added


def compare_codebooks(store: ProjectStore, theirs: Codebook, report: MergeReport) -> None:
    """Note in ``report`` the codes of ``theirs`` that the store's codebook lacks
    (``codes_new``; all of them when the store has none) and those whose definition
    differs there, whitespace aside (``codes_changed``).
    """
    try:
        ours = store.codebook()
    except KeyError:
        report.codes_new = [c.name for c in theirs]
        return
    for code in theirs:
        if code.name not in ours:
            report.codes_new.append(code.name)
        elif " ".join(ours[code.name].definition.split()) != " ".join(code.definition.split()):
            report.codes_changed.append(code.name)


#: The stage verb: ``merge(store, other)`` is :func:`merge_store`.
merge = merge_store
