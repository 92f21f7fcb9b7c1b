"""Pseudonymize a project store: replace personal data, keep offsets, keep the key apart.

Every run starts from the original texts (kept in the key file), finds the personal
data in all documents, links the mentions of one person across the corpus, and writes
the pseudonymized texts to the store with segments (and any other spans) carried to
their new offsets. Running it twice changes nothing the second time; running it again
with a corrected allow or deny list re-does the replacements from the originals.
Afterwards the store file is rewritten (VACUUM) so no original text is left in it,
not even in free pages or the write-ahead log.

>>> import tempfile, pathlib
>>> from sokwal_monitor import ingest
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> _ = (folder / "P01_2018_interview.txt").write_text(
...     "I: Wie kwam er?\\nR: Mevrouw Jansen, bel haar op 06-12345678.\\n", encoding="utf-8")
>>> _ = ingest(folder / "p.sokwal", folder)
>>> report = pseudonymize(folder / "p.sokwal")  # doctest: +SKIP
>>> ProjectStore(folder / "p.sokwal").segments()["text"].tolist()  # doctest: +SKIP
['Wie kwam er?', 'Mevrouw [PERSOON-1], bel haar op [TELEFOON-1].']
"""

from __future__ import annotations

import gc
import re
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

from ..errors import SokwalError
from ..model import CHAT_FORMATS
from ..store import ProjectStore, open_store
from ..store.privacy import TextDocument
from .detect import Lists, Policy, detect_all, reference_year, with_known_people
from .entities import DocHits
from .key_migration import encrypt_key_file
from .keyfile import KEY_SUFFIX, KeyFile, Original
from .offsets import OffsetMap, Replacement, apply
from .passphrase import PASSPHRASE_ENV
from .values import (
    MetadataColumns,
    Value,
    collect_values,
    detection_text,
    path_hits,
    write_values,
)

__all__ = [
    "PSEUDONYM", "PseudonymizationReport", "collector_paused", "default_key_path", "pseudonymize",
]  # fmt: skip

#: A pseudonym as it stands in the text: ``[PERSOON-12]``.
PSEUDONYM = re.compile(r"\[([A-Z]+)-(\d+)\]")
# project metadata columns whose values are places and organisations, kept in the text
_PLACE_COLUMNS = re.compile(
    r"^(name|naam|projectnaam|municipality|gemeente|region|regio|place|plaats|dorp|village|"
    r"woonplaats|organisation|organization|organisatie|initiatiefnemer_organisatie|"
    r"province|provincie|location|locatie)$",
    re.IGNORECASE,
)


def default_key_path(store_path: str | PathLike[str]) -> Path:
    """``project.sokwal`` -> ``project.sokwal-key`` in the same folder."""
    path = Path(store_path)
    return path.with_name(path.stem + KEY_SUFFIX)


@dataclass
class PseudonymizationReport:
    """What a run did: documents seen and changed, replacements per category."""

    key_path: str
    n_documents: int = 0
    changed: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    key_encrypted: bool = False
    key_migrated: bool = False
    #: how many short values (survey answers, metadata, memos, paths) changed
    n_values_changed: int = 0

    def summary(self) -> str:
        """One line for people."""
        total = sum(self.counts.values())
        per = ", ".join(f"{n} {c.lower()}" for c, n in sorted(self.counts.items()))
        return (
            f"{self.n_documents} documents, {len(self.changed)} changed; {total} replacements"
            + (f" ({per})" if per else "")
            + (f"; {self.n_values_changed} other values changed" if self.n_values_changed else "")
            + f"; key file: {self.key_path}"
        )


def _project_places(store: ProjectStore) -> list[str]:
    """Names of projects' places and organisations (from the projects file)."""
    projects = store.projects()
    values: list[str] = []
    for column in projects.columns:
        if _PLACE_COLUMNS.match(str(column)):
            values += [str(v) for v in projects[column].dropna() if str(v).strip()]
    return values


def _originals(
    store: ProjectStore, key: KeyFile, docs: list[TextDocument]
) -> tuple[dict[str, Any], list[tuple], dict[str, list[Replacement]]]:
    """Each document's original (text, title, speakers), those seen for the first time
    (to be saved in the key file), and the replacements that made each current text
    (the applied ones, or the pending ones of a run cut off after the store was written)."""
    found, new = {}, []
    current: dict[str, list[Replacement]] = {}
    pending = key.pending_docs()
    speakers_of: dict[str, dict[int, str]] = {}
    sections_of: dict[str, dict[int, str]] = {}
    for doc_id, position, speaker, section in store.segment_labels():
        if speaker:
            speakers_of.setdefault(doc_id, {})[position] = speaker
        if section:
            sections_of.setdefault(doc_id, {})[position] = section
    for row in docs:
        known = key.original(row.doc_id)
        if known is None:
            if row.pseudonymized_at:
                raise SokwalError(
                    key.path,
                    f"{row.path} was pseudonymized with another key file",
                    "give the key file used before with --key",
                )
            known = Original(
                row.text,
                row.title,
                speakers_of.get(row.doc_id, {}),
                sections_of.get(row.doc_id, {}),
                row.attributes,
            )
            new.append((row.doc_id, known))
            current[row.doc_id] = []
        else:
            applied = key.replacements(row.doc_id)
            if row.doc_id in pending and apply(known.text, applied) != row.text:
                applied = key.replacements(row.doc_id, "pending")  # the last run was cut off
            if apply(known.text, applied) != row.text:
                raise SokwalError(
                    key.path,
                    f"the text of {row.path} in the store does not match this key file",
                    "check that --key belongs to this store",
                )
            current[row.doc_id] = applied
        found[row.doc_id] = known
    return found, new, current


#: What may not stand right after a mention replaced in a short string (what may not
#: stand before it is the look-behind of ``_Names.starts``).
_NAME_AFTER = re.compile(r"[\w\]]")


class _Names:
    """Replace known mentions (longest first, whole words) in short strings: speaker
    labels, titles, headings, metadata. One table for the whole corpus; a document's
    own replacements win over those of other documents (:meth:`for_document`).

    The mentions are found exactly as the single alternation
    ``(?<![\\w\\[])(?:mention|mention|...)(?![\\w\\]])`` (longest first) would find them,
    without compiling it (a corpus's mentions made it cost half a second per run): where
    a mention's first character stands, not after ``[\\w\\[]``, the lengths of the
    mentions with that first character are tried longest first, each a set look-up.
    """

    def __init__(self, pairs: Iterable[tuple[str, str]]) -> None:
        self.table: dict[str, str] = {}
        for mention, pseudonym in pairs:
            if len(mention) > 1:
                self.table.setdefault(mention, pseudonym)
        lengths: dict[str, set[int]] = defaultdict(set)
        for mention in self.table:
            lengths[mention[0]].add(len(mention))
        self.lengths = {c: sorted(ls, reverse=True) for c, ls in lengths.items()}
        letters = "".join(re.escape(c) for c in sorted(lengths))
        self.starts = re.compile(rf"[{letters}](?<![\w\[].)", re.DOTALL) if letters else None
        self.own: dict[str, str] = {}
        self.done: dict[str, str] = {}  # value -> its replacement, for this document

    def for_document(self, pairs: Iterable[tuple[str, str]]) -> _Names:
        """The same table, with this document's own pseudonyms first."""
        copy = object.__new__(_Names)
        copy.table, copy.lengths, copy.starts = self.table, self.lengths, self.starts
        copy.own = {m: p for m, p in pairs if len(m) > 1}
        copy.done = {}
        return copy

    def _replace(self, value: str) -> str:
        table, lengths, starts, own = self.table, self.lengths, self.starts, self.own
        if starts is None:
            return value
        out: list[str] = []
        done = pos = 0
        while (start := starts.search(value, pos)) is not None:
            at = start.start()
            for length in lengths[value[at]]:
                mention = value[at : at + length]
                if mention in table and not _NAME_AFTER.match(value, at + length):
                    out += (value[done:at], own.get(mention, table[mention]))
                    done = pos = at + length
                    break
            else:
                pos = at + 1
        if not out:
            return value
        out.append(value[done:])
        return "".join(out)

    def __call__(self, value: object) -> str | None:
        if not isinstance(value, str):
            return None
        if self.starts is None or not value:
            return value
        # a document's segments repeat their speaker labels and headings: each once
        new = self.done.get(value)
        if new is None:
            new = self.done[value] = self._replace(value)
        return new


def _current_to_new(
    original: str, old: list[Replacement], new: list[Replacement]
) -> tuple[OffsetMap, OffsetMap]:
    """Maps: current text -> original, original -> new text."""
    return OffsetMap(OffsetMap(old).inverse(original)), OffsetMap(new)


def _span(back: OffsetMap, forward: OffsetMap, start: int, end: int) -> tuple[int, int]:
    s, e = back.span(start, end)
    return forward.span(s, e)


def pseudonymize(
    store: ProjectStore | str | PathLike[str],
    key: str | PathLike[str] | KeyFile | None = None,
    *,
    passphrase: str | None = None,
    encrypt_key: bool | None = None,
    allow: Iterable[str] = (),
    deny: Iterable[str] = (),
    progress: bool | None = None,
    policy: Policy | None = None,
    keep_columns: Iterable[str] = (),
    free_text_columns: Iterable[str] = (),
) -> PseudonymizationReport:
    """Replace the personal data in every document of a store by stable pseudonyms.

    The texts, and the short values outside them (survey text answers, free-text
    metadata columns, memos, file paths: see :mod:`sokwal_monitor.privacy.values`).

    Parameters
    ----------
    store : ProjectStore or path
        The project store; its texts, segments and speaker labels are changed.
    key : path or KeyFile, optional
        The key file (default: ``<store>.sokwal-key`` beside the store). It receives the
        originals; keep it apart from the store. An open :class:`KeyFile` is used as it
        is (and left open).
    passphrase : str, optional
        The key file's passphrase. By default the environment variable
        ``SOKWAL_KEY_PASSPHRASE``, or a prompt when standard input is a terminal. A new
        key file is encrypted whenever there is a passphrase.
    encrypt_key : bool, optional
        True: the key file must be encrypted — a plain one is encrypted in place first
        (:func:`~sokwal_monitor.privacy.key_migration.encrypt_key_file`), a new one needs a
        passphrase. False: a new key file is written plain. None (default): a new key file
        is encrypted when a passphrase is available; an existing one stays as it is.
    allow, deny : iterable of str
        Words to keep (places, organisations) and names to always replace; added to
        the lists kept in the key file. Places and organisations named in the projects
        file are kept too.
    progress : bool, optional
        Show a progress bar (default: when standard output is a terminal).
    policy : Policy, optional
        Which dates are dates of birth and whether places are kept
        (default :class:`~sokwal_monitor.privacy.detect.Policy`: dates 16 years or more
        before the document's wave that are not events, places kept).
    keep_columns, free_text_columns : iterable of str
        Metadata columns never (``keep_columns``) or always (``free_text_columns``)
        treated as free text, besides :data:`~sokwal_monitor.privacy.values.KEEP_COLUMNS`.

    Returns
    -------
    PseudonymizationReport

    Raises
    ------
    KeyFileError
        No passphrase for an encrypted key file, a wrong one, or a truncated or damaged
        key file: refused before anything is written to the store or the key file.
    """
    the_store = open_store(store)
    columns = MetadataColumns.of(keep_columns, free_text_columns)
    try:
        if isinstance(key, KeyFile):
            with collector_paused():
                return _run(the_store, key, allow, deny, progress, policy, columns)
        key_path = Path(key) if key else default_key_path(the_store.path)
        migrated = False
        if encrypt_key and key_path.exists():
            migrated = encrypt_key_file(key_path, passphrase)
        with KeyFile(key_path, passphrase, encrypt=encrypt_key) as keyfile, collector_paused():
            report = _run(the_store, keyfile, allow, deny, progress, policy, columns)
        report.key_migrated = migrated
        return report
    finally:
        if the_store is not store:
            the_store.close()


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused for the block (as it was after it).

    A run makes no reference cycles (deduce's linked tokens are cut per document:
    :func:`.detect._unlink_tokens`), so every collection during it found nothing
    (about a thousand per 200,000 words, eight of them full, half a second of CPU
    time scanning the run's own live objects); its garbage is freed as it goes, by
    reference counting. Anything cyclic a library might still leave is collected
    after the run, as usual.

    >>> import gc
    >>> with collector_paused():
    ...     gc.isenabled()
    False
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _run(
    store: ProjectStore,
    key: KeyFile,
    allow: Iterable[str],
    deny: Iterable[str],
    progress: Any,
    policy: Policy | None,
    columns: MetadataColumns,
) -> PseudonymizationReport:
    key.add_lists(allow=allow, deny=deny)  # kept even if this run fails later
    allowed, denied = key.lists()
    lists = Lists.of(allow=[*allowed, *_project_places(store)], deny=denied)
    docs = store.text_documents()
    report = PseudonymizationReport(
        str(key.path), n_documents=len(docs), key_encrypted=key.encrypted
    )
    if not key.encrypted:
        report.warnings.append(
            f"{key.path}: the key file is not encrypted; set {PASSPHRASE_ENV} and run"
            f" `sokwal pseudonymize --store {store.path} --encrypt-key` (see docs/privacy.md)"
        )
    originals, first_seen, current = _originals(store, key, docs)
    show = sys.stdout.isatty() if progress is None else progress
    hits: Iterable[list] = detect_all(
        [originals[r.doc_id].text for r in docs],
        lists,
        policy=policy,
        years=[reference_year(r.wave) for r in docs],
    )
    if show:
        from tqdm import tqdm

        hits = tqdm(hits, total=len(docs), desc="pseudonymize", unit="doc", file=sys.stderr)
    found = [
        DocHits(r.doc_id, r.project_id, originals[r.doc_id].text, h)
        for r, h in zip(docs, hits, strict=True)
    ]
    for row, doc in zip(docs, found, strict=True):
        if row.format in CHAT_FORMATS:  # a chat's senders are people, found or not
            senders = set(originals[row.doc_id].speakers.values())
            doc.hits = with_known_people(doc.text, doc.hits, senders)
    values = collect_values(store, key.value_originals(), columns)
    value_docs = _value_hits(values, lists)
    table = key.pseudonyms()
    # one table: the same person, one pseudonym; curated phrases stay whole
    edits = table.assign(found + value_docs, lists.protected)
    for doc in found + value_docs:  # a linked name form may be a word allowed ("Bel")
        edits[doc.doc_id] = [
            r
            for r in edits[doc.doc_id]
            if not lists.allowed(mention := doc.text[r.start : r.end]) or lists.denied(mention)
        ]
    # labels, titles and headings: the mentions replaced in this run (not those of earlier
    # runs, which a corrected allow list may have taken back), the document's own first
    pairs_of = {
        doc_id: [
            (originals[doc_id].text[r.start : r.end], r.new)
            for r in rs
            if not r.new.startswith("[LEEFTIJD-")  # a bare number is too common in a label
        ]
        for doc_id, rs in edits.items()
        if doc_id in originals
    }
    everywhere = _Names(pair for pairs in pairs_of.values() for pair in pairs)
    changes = []
    for row in docs:
        original = originals[row.doc_id]
        text = apply(original.text, edits[row.doc_id])
        for r in edits[row.doc_id]:
            category = PSEUDONYM.match(r.new).group(1)  # type: ignore[union-attr]
            report.counts[category] = report.counts.get(category, 0) + 1
        if text != row.text:
            names = everywhere.for_document(pairs_of[row.doc_id])
            changes.append((row, text, original, names))
    new_values = {}
    for value in values:
        new_values[value.key] = apply(value.original, edits[value.key])
        for r in edits[value.key]:
            category = PSEUDONYM.match(r.new).group(1)  # type: ignore[union-attr]
            report.counts[category] = report.counts.get(category, 0) + 1
    kept = key.value_originals()
    with key.transaction():  # originals first, durably, before the store changes
        key.save_originals(first_seen)
        key.save_pseudonyms(table)
        key.save_value_originals(
            (v.kind, v.ident, v.original, new_values[v.key])
            for v in values
            if new_values[v.key] != v.original or (v.kind, v.ident) in kept
        )
        # every document whose applied replacements are not the new ones: those changed
        # now, and those a cut-off run changed already (so the key file catches up)
        stale = {
            row.doc_id: edits[row.doc_id]
            for row in docs
            if edits[row.doc_id] != key.replacements(row.doc_id)
        }
        key.set_pending(stale)
    with store.transaction():
        for row, text, original, names in changes:
            back, forward = _current_to_new(original.text, current[row.doc_id], edits[row.doc_id])
            _write(store, row.doc_id, text, original, names, back, forward)
            report.changed.append(row.doc_id)
        report.n_values_changed = write_values(store, values, new_values)
        store.insert_pseudonymization(
            key.key_id, len(docs), len(changes), sum(report.counts.values())
        )
    key.commit_pending()
    if changes or stale or report.n_values_changed or store.free_pages():
        try:
            store.scrub()
        except sqlite3.OperationalError as err:  # another program has the store open
            report.warnings.append(
                f"{store.path}: the store file could not be rewritten ({err}), so replaced"
                " text may remain in its free pages; close other programs using it and run"
                " pseudonymize again"
            )
    return report


def _value_hits(values: list[Value], lists: Lists) -> list[DocHits]:
    """Detection in the short values (each distinct text once), as documents of their own."""
    texts = sorted({detection_text(v) for v in values if len(v.original.strip()) > 2})
    found = dict(zip(texts, detect_all(texts, lists), strict=True))
    out = []
    for value in values:
        text = detection_text(value)
        hits = found.get(text, [])
        out.append(
            DocHits(value.key, value.scope, text, path_hits(hits) if value.kind == "path" else hits)
        )
    return out


def _write(
    store: ProjectStore,
    doc_id: str,
    text: str,
    original: Original,
    names: Callable[[object], str | None],
    back: OffsetMap,
    forward: OffsetMap,
) -> None:
    """Update one document (text, title, metadata attributes), its segments (offsets,
    speaker labels, headings) and any codings in the store, all from the originals."""
    attributes = {k: names(v) if isinstance(v, str) else v for k, v in original.attributes.items()}
    store.update_pseudonymized_document(doc_id, text, names(original.title), attributes)
    segments = store.segment_sections(doc_id)
    # a section is a heading of the text ("Gesprek met Kees Bakker"): names replaced too
    store.update_segment_spans(
        [
            (*_span(back, forward, s, e), names(original.speakers.get(p, "")) or "",
             names(original.sections.get(p, section)) or "", doc_id, p)
            for p, s, e, section in segments
        ]
    )  # fmt: skip
    if store.has_table("codings"):  # codings made on the previous text keep their passage
        codings = store.coding_spans(doc_id)
        store.update_coding_spans([(*_span(back, forward, s, e), cid) for cid, s, e in codings])
