"""The full-text search index: its upkeep and its reads (SQLite FTS5).

``search_index`` (schema 5) is an FTS5 index over the segments of the current
documents, with two columns: ``text`` (the segment's text, sliced from its document,
never stored twice) and ``lemmas`` (one lemma per word, from :mod:`..nlp`, kept in
``search_segments``), tokenized by ``unicode61 remove_diacritics 2``: case and accents
do not matter. Because the index has external content, removing a segment from it
needs the values it was indexed with, so every change to a text or to a segment's
span goes through these operations in this order: :meth:`SearchOps.unindex_documents`
*before* the change, :meth:`SearchOps.index_documents` after it. The ingestion and
pseudonymization operations of the store do this themselves, inside the caller's
transaction.

A query reaches the index as a tree of :class:`Phrase` and :class:`Boolean` nodes,
which :func:`fts_expression` writes in FTS5's syntax with every word quoted, so no
user input is ever read as FTS5 syntax.

>>> fts_expression(Boolean("AND", (Phrase(("zorg",), prefix=True), Phrase(("de", "buurt")))))
'(text : "zorg"* AND text : "de buurt")'
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from ..nlp import search_lemmas
from .connection import StoreBase, where_in

__all__ = ["Boolean", "Phrase", "SearchOps", "SearchRow", "fts_expression"]


@dataclass(frozen=True)
class Phrase:
    """Words that follow each other (one word is a phrase of one), already folded as
    the index compares them; ``prefix``: the last word may go on (``zorg*``);
    ``column``: ``"text"`` or ``"lemmas"``."""

    words: tuple[str, ...]
    prefix: bool = False
    column: Literal["text", "lemmas"] = "text"


@dataclass(frozen=True)
class Boolean:
    """``AND``/``OR`` of its parts, or ``NOT``: the first part without the others."""

    op: Literal["AND", "OR", "NOT"]
    parts: tuple[Phrase | Boolean, ...]


def fts_expression(node: Phrase | Boolean) -> str:
    """The FTS5 query for a tree of phrases (every word quoted, so never read as syntax).

    >>> fts_expression(Boolean("NOT", (Phrase(("leren",), column="lemmas"), Phrase(("school",)))))
    '(lemmas : "leren" NOT text : "school")'
    """
    if isinstance(node, Phrase):
        if not node.words or any('"' in w or not w for w in node.words):
            raise ValueError(f"not a phrase of words: {node.words!r}")
        return f'{node.column} : "{" ".join(node.words)}"' + ("*" if node.prefix else "")
    if not node.parts:
        raise ValueError(f"{node.op} of nothing")
    return "(" + f" {node.op} ".join(fts_expression(p) for p in node.parts) + ")"


class SearchRow(NamedTuple):
    """A segment that matches a search, with what the hit table needs of it."""

    doc_id: str
    position: int
    segment_id: str
    path: str
    project_id: str | None
    wave: str | None
    role: str
    speaker: str
    start_char: int
    end_char: int
    score: float


#: The index's rowid order is document order (schema 11): a search row's id is its
#: document's sort key shifted by :data:`POSITION_BITS`, plus the segment's position.
_ORDER = {
    "document": "f.rowid",
    "rank": "score DESC, f.rowid",
    "index": "f.rowid",
}
#: Bits of a search row's id that hold the segment's position in its document.
POSITION_BITS = 24
#: Sort keys of documents are below this (so row ids stay below 2**62).
KEY_LIMIT = 1 << 38
#: The distance between the keys of neighbouring documents after a renumbering, and
#: of a document after the last one.
KEY_STEP = 1 << 24


def search_row_id(sort_key: int, position: int) -> int:
    """The id of a segment's row in the index: its document's key, then its position.

    >>> search_row_id(3, 7) == 3 * 2**24 + 7
    True
    """
    if not 0 <= position < 1 << POSITION_BITS:
        raise ValueError(f"a segment position must be below {1 << POSITION_BITS}: {position}")
    return (int(sort_key) << POSITION_BITS) + int(position)


class SearchOps(StoreBase):
    """The search index's upkeep and reads (part of ``ProjectStore``).

    Call the writes inside ``store.transaction()`` (the ingestion and pseudonymization
    operations call them for you).
    """

    #: The lemmas of the segment texts last removed from the index (text -> lemmas):
    #: a segment whose text did not change gets them back without lemmatizing it again
    #: (:func:`search_lemmas` depends on the text alone). Emptied by
    #: :meth:`index_documents`.
    _removed_lemmas: dict[str, str]
    #: Index entries held while their documents' texts change (doc id -> ``(row id,
    #: position, segment text, lemmas)``): see :meth:`hold_index_entries`.
    _held_index: dict[str, list[tuple[int, int, str, str]]]

    # -- upkeep --------------------------------------------------------------------------
    def index_documents(self, doc_ids: Iterable[str], *, unindexed: bool = False) -> int:
        """Add the segments of these documents to the index (current documents only;
        any earlier entries of theirs are removed first, unless ``unindexed``: the caller
        has just removed them). Returns the segments added."""
        added = 0
        for doc_id in dict.fromkeys(doc_ids):
            if not unindexed:
                self.unindex_documents([doc_id])
            added += self.index_segments(doc_id)
        self._lemma_memo().clear()
        return added

    def _lemma_memo(self) -> dict[str, str]:
        memo: dict[str, str] | None = getattr(self, "_removed_lemmas", None)
        if memo is None:
            memo = self._removed_lemmas = {}
        return memo

    def _sort_key(self, doc_id: str, path: str) -> int:
        """The document's sort key: its own, or a new one between the keys of the
        documents before and after it in (path, doc_id) order; when there is no room
        between them, every key is renumbered first."""
        con = self._con
        row = con.execute(
            "SELECT sort_key FROM search_documents WHERE doc_id = ?", (doc_id,)
        ).fetchone()
        if row is not None:
            return int(row[0])
        for attempt in (0, 1):
            lo, key, hi = self._key_between(doc_id, path)
            if lo < key < hi:
                break
            if attempt:
                raise RuntimeError("no room for a sort key after renumbering")  # pragma: no cover
            self._renumber_search_documents()
        con.execute(
            "INSERT INTO search_documents (doc_id, path, sort_key) VALUES (?, ?, ?)",
            (doc_id, path, key),
        )
        return key

    def _key_between(self, doc_id: str, path: str) -> tuple[int, int, int]:
        """The sort keys of the documents before and after (path, doc_id), other than
        the document itself (0 and ``KEY_LIMIT`` at the ends), and the key between them
        that a document placed there gets."""
        lo, hi = self._con.execute(
            "SELECT (SELECT max(sort_key) FROM search_documents WHERE (path, doc_id) < (?, ?)),"
            " (SELECT min(sort_key) FROM search_documents WHERE (path, doc_id) > (?, ?))",
            (path, doc_id, path, doc_id),
        ).fetchone()
        low = 0 if lo is None else int(lo)
        if hi is None:
            return low, low + KEY_STEP, KEY_LIMIT
        return low, (low + int(hi)) // 2, int(hi)

    def _renumber_search_documents(self) -> None:
        """Give the indexed documents evenly spaced sort keys in (path, doc_id) order
        and their rows the ids that go with them (the index is rebuilt from its
        content, with the lemmas kept: no lemma is computed again)."""
        con = self._con
        docs = [
            d for (d,) in con.execute("SELECT doc_id FROM search_documents ORDER BY path, doc_id")
        ]
        step = max(2, min(KEY_STEP, KEY_LIMIT // (len(docs) + 2)))
        con.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
        con.execute("UPDATE search_documents SET sort_key = -sort_key")
        con.execute("UPDATE search_segments SET id = -id")
        for i, doc_id in enumerate(docs, start=1):
            con.execute(
                "UPDATE search_documents SET sort_key = ? WHERE doc_id = ?", (i * step, doc_id)
            )
            con.execute(
                "UPDATE search_segments SET id = (? << ?) + position WHERE doc_id = ?",
                (i * step, POSITION_BITS, doc_id),
            )
        con.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")

    def index_segments(self, doc_id: str, positions: Sequence[int] | None = None) -> int:
        """Add segments of a current document to the index (all, or those at
        ``positions``, which must not be in it yet); returns how many were added."""
        row = self._con.execute(
            "SELECT text, path FROM documents WHERE doc_id = ? AND is_current = 1", (doc_id,)
        ).fetchone()
        if row is None:
            return 0
        text = str(row[0])
        where, params = ["doc_id = ?"], [doc_id]
        if positions is not None:
            where_in("position", [int(p) for p in positions], where, params)
        spans = self._con.execute(
            f"SELECT position, start_char, end_char FROM segments WHERE {' AND '.join(where)}"
            " ORDER BY position",
            params,
        ).fetchall()
        if not spans:
            return 0
        key = self._sort_key(doc_id, str(row[1]))
        known = self._lemma_memo()
        rows = []
        for p, s, e in spans:
            segment = text[s:e]
            lemmas = known.get(segment)
            rows.append(
                (search_row_id(key, p), p, segment,
                 search_lemmas(segment) if lemmas is None else lemmas)
            )  # fmt: skip
        self._con.executemany(
            "INSERT INTO search_segments (id, doc_id, position, lemmas) VALUES (?, ?, ?, ?)",
            [(i, doc_id, p, lemmas) for i, p, _, lemmas in rows],
        )
        self._con.executemany(
            "INSERT INTO search_index (rowid, text, lemmas) VALUES (?, ?, ?)",
            [(i, segment, lemmas) for i, _, segment, lemmas in rows],
        )
        return len(rows)

    def unindex_documents(self, doc_ids: Iterable[str]) -> int:
        """Remove these documents' segments from the index, with the values they were
        indexed with: call it *before* their text or spans change. Returns how many."""
        removed = 0
        for doc_id in dict.fromkeys(doc_ids):
            held = self._held_entries().pop(doc_id, None)
            entries = self._index_entries(doc_id) if held is None else held
            if not entries:
                continue
            deleted = [(i, segment, lemmas) for i, _, segment, lemmas in entries]
            self._con.executemany(
                "INSERT INTO search_index (search_index, rowid, text, lemmas)"
                " VALUES ('delete', ?, ?, ?)",
                deleted,
            )
            self._lemma_memo().update((segment, lemmas) for _, segment, lemmas in deleted)
            self._con.execute("DELETE FROM search_segments WHERE doc_id = ?", (doc_id,))
            self._con.execute("DELETE FROM search_documents WHERE doc_id = ?", (doc_id,))
            removed += len(entries)
        return removed

    def _index_entries(self, doc_id: str) -> list[tuple[int, int, str, str]]:
        """A document's entries in the index as they were indexed (its current text and
        spans): ``(row id, position, segment text, lemmas)``, in position order."""
        entries = self._con.execute(
            "SELECT r.id, r.position, s.start_char, s.end_char, r.lemmas FROM search_segments r"
            " JOIN segments s ON s.doc_id = r.doc_id AND s.position = r.position"
            " WHERE r.doc_id = ? ORDER BY r.position",
            (doc_id,),
        ).fetchall()
        if not entries:
            return []
        text = self.text(doc_id)
        return [(int(i), int(p), text[s:e], str(lemmas)) for i, p, s, e, lemmas in entries]

    def _rolled_back(self) -> None:
        """Entries held by :meth:`hold_index_entries` in a block rolled back: forgotten
        (the index is as it was before the block)."""
        super()._rolled_back()
        self._held_entries().clear()
        self._lemma_memo().clear()

    def _held_entries(self) -> dict[str, list[tuple[int, int, str, str]]]:
        held: dict[str, list[tuple[int, int, str, str]]] | None = getattr(self, "_held_index", None)
        if held is None:
            held = self._held_index = {}
        return held

    def hold_index_entries(self, doc_id: str) -> None:
        """Call *before* a document's text or spans change, instead of
        :meth:`unindex_documents`: its entries stay in the index for now, remembered with
        the values they were indexed with, and :meth:`reindex_documents` afterwards takes
        out and adds back only the segments whose text changed (a pseudonymized
        document keeps most of its segments as they were). Any other upkeep of the
        document (:meth:`unindex_documents`, :meth:`index_documents`) takes them all out
        with those values, as before. Held once: a second call keeps the first values.

        >>> from sokwal_monitor.store import ProjectStore
        >>> store = ProjectStore(":memory:")  # doctest: +SKIP
        >>> store.hold_index_entries("d1")  # doctest: +SKIP
        """
        held = self._held_entries()
        if doc_id not in held:
            entries = self._index_entries(doc_id)
            if entries:
                held[doc_id] = entries

    def reindex_documents(self, doc_ids: Iterable[str]) -> int:
        """Bring these documents' index entries up to date after their text or spans
        changed: for a document held by :meth:`hold_index_entries` whose order key stays
        the same, only the segments whose text changed are taken out (with their old
        values) and added back; any other document is taken out and indexed anew
        (:meth:`index_documents`). The index ends with exactly the rows that taking every
        segment out and adding it back would give. Returns the segments in the index."""
        held_all = self._held_entries()
        indexed = 0
        for doc_id in dict.fromkeys(doc_ids):
            held = held_all.get(doc_id)
            kept = None if held is None else self._reindex_changed(doc_id, held)
            if kept is None:  # taken out with the values held (if any), then added
                self.unindex_documents([doc_id])
                indexed += self.index_segments(doc_id)
            else:
                del held_all[doc_id]
                indexed += kept
        self._lemma_memo().clear()
        return indexed

    def _reindex_changed(self, doc_id: str, held: list[tuple[int, int, str, str]]) -> int | None:
        """The changed segments of a held document taken out and added back; None (and
        nothing done) where the document would get another order key than it has (a
        moved path, no room between its neighbours) or has no current text or segments."""
        con = self._con
        row = con.execute(
            "SELECT d.text, d.path, k.sort_key, k.path FROM documents d"
            " JOIN search_documents k ON k.doc_id = d.doc_id"
            " WHERE d.doc_id = ? AND d.is_current = 1",
            (doc_id,),
        ).fetchone()
        if row is None or row[1] != row[3]:
            return None
        text, path, key = str(row[0]), str(row[1]), int(row[2])
        spans = con.execute(
            "SELECT position, start_char, end_char FROM segments WHERE doc_id = ?"
            " ORDER BY position",
            (doc_id,),
        ).fetchall()
        if not spans:
            return None
        # the key _sort_key would give the document once taken out: the same one only
        lo, new_key, hi = self._key_between(doc_id, path)
        if new_key != key or not lo < key < hi:
            return None
        old = {p: (i, segment, lemmas) for i, p, segment, lemmas in held}
        new = {int(p): text[s:e] for p, s, e in spans}
        gone = [
            entry
            for p, entry in old.items()
            if new.get(p) != entry[1] or entry[0] != search_row_id(key, p)
        ]
        if gone:
            con.executemany(
                "INSERT INTO search_index (search_index, rowid, text, lemmas)"
                " VALUES ('delete', ?, ?, ?)",
                gone,
            )
            con.executemany("DELETE FROM search_segments WHERE id = ?", [(e[0],) for e in gone])
        known = self._lemma_memo()
        known.update((segment, lemmas) for _, segment, lemmas in old.values())
        taken_out = {e[0] for e in gone}
        rows = []
        for p, segment in new.items():
            entry = old.get(p)
            if entry is not None and entry[0] not in taken_out:
                continue  # the same row id, text and lemmas: left as it is
            lemmas = known.get(segment)
            rows.append(
                (search_row_id(key, p), p, segment,
                 search_lemmas(segment) if lemmas is None else lemmas)
            )  # fmt: skip
        if rows:
            con.executemany(
                "INSERT INTO search_segments (id, doc_id, position, lemmas) VALUES (?, ?, ?, ?)",
                [(i, doc_id, p, lemmas) for i, p, _, lemmas in rows],
            )
            con.executemany(
                "INSERT INTO search_index (rowid, text, lemmas) VALUES (?, ?, ?)",
                [(i, segment, lemmas) for i, _, segment, lemmas in rows],
            )
        return len(new)

    def unindexed_documents(self) -> list[str]:
        """Current documents with segments that are not in the index (normally none)."""
        return self._column(
            "SELECT d.doc_id FROM documents d WHERE d.is_current = 1"
            " AND EXISTS (SELECT 1 FROM segments s WHERE s.doc_id = d.doc_id)"
            " AND NOT EXISTS (SELECT 1 FROM search_segments r WHERE r.doc_id = d.doc_id)"
            " ORDER BY d.doc_id"
        )

    def rebuild_search_index(self) -> int:
        """Build the index anew from the current documents (the migration to schema 5
        calls it; also a repair). Returns the number of segments indexed."""
        self._con.execute("DELETE FROM search_segments")
        self._con.execute("DELETE FROM search_documents")
        self._con.execute("INSERT INTO search_index (search_index) VALUES ('delete-all')")
        docs = self._con.execute(
            "SELECT doc_id, path FROM documents WHERE is_current = 1 ORDER BY path, doc_id"
        ).fetchall()
        step = max(2, min(KEY_STEP, KEY_LIMIT // (len(docs) + 2)))
        self._con.executemany(  # evenly spaced keys, room for documents between them
            "INSERT INTO search_documents (doc_id, path, sort_key) VALUES (?, ?, ?)",
            [(doc_id, path, i * step) for i, (doc_id, path) in enumerate(docs, start=1)],
        )
        return sum(self.index_segments(doc_id) for doc_id, _ in docs)

    def optimize_search_index(self) -> None:
        """Merge the index into one b-tree, dropping removed entries for good (the
        pseudonymization does this before scrubbing, so no replaced name stays in it)."""
        self._con.execute("INSERT INTO search_index (search_index) VALUES ('optimize')")

    def check_search_index(self) -> None:
        """Raise ``sqlite3.DatabaseError`` unless the index agrees with its content."""
        self._con.execute(
            "INSERT INTO search_index (search_index, rank) VALUES ('integrity-check', 1)"
        )

    def search_index_size(self) -> int:
        """Bytes the index and its lemmas take in the store file (``dbstat``), or -1
        where SQLite was built without ``dbstat``."""
        try:
            return int(
                self._one(
                    "SELECT coalesce(sum(pgsize), 0) FROM dbstat WHERE name LIKE 'search%'"
                    " OR name LIKE 'sqlite_autoindex_search%'"
                )
            )
        except Exception:
            return -1

    # -- reads ---------------------------------------------------------------------------
    def search_rows(
        self,
        query: Phrase | Boolean,
        *,
        project_id: Sequence[str] | None = None,
        wave: Sequence[str] | None = None,
        role: Sequence[str] | None = None,
        coder: Sequence[str] | None = None,
        code: Sequence[str] | None = None,
        coded: bool | None = None,
        order: str = "document",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[SearchRow]:
        """The segments of current documents that match ``query``, with filters.

        ``coded=True``/``False``: only segments that do / do not overlap a coding (of
        ``code``, by ``coder`` when given); ``code`` or ``coder`` alone mean ``True``.
        ``order``: ``"document"`` (path, position: the index's own order, so a page
        needs no sort of every match), ``"rank"`` (FTS5's bm25 score, best first) or
        ``"index"`` (the same as ``"document"``, kept for callers that name it).
        """
        if order not in _ORDER:
            raise ValueError(f"order must be one of {', '.join(_ORDER)}, not {order!r}")
        where = ["search_index MATCH ?"]
        params: list[Any] = [fts_expression(query)]
        where_in("d.project_id", project_id, where, params)
        where_in("d.wave", wave, where, params)
        where_in("s.role", role, where, params)
        if coded is None and (coder is not None or code is not None):
            coded = True
        if coded is not None:
            inner = [
                "c.doc_id = s.doc_id",
                "c.start_char < max(s.end_char, s.start_char + 1)",
                "c.end_char > s.start_char",
            ]
            where_in("c.coder", coder, inner, params)
            where_in("c.code", code, inner, params)
            exists = f"EXISTS (SELECT 1 FROM codings c WHERE {' AND '.join(inner)})"
            where.append(exists if coded else f"NOT {exists}")
        sql = (
            "SELECT r.doc_id, r.position, s.segment_id, d.path, d.project_id, d.wave, s.role,"
            " s.speaker, s.start_char, s.end_char, -bm25(search_index) AS score"
            " FROM search_index f JOIN search_segments r ON r.id = f.rowid"
            " JOIN segments s ON s.doc_id = r.doc_id AND s.position = r.position"
            " JOIN documents d ON d.doc_id = r.doc_id"
            f" WHERE {' AND '.join(where)} ORDER BY {_ORDER[order]}"
        )
        if limit is not None or offset:
            sql += " LIMIT ? OFFSET ?"
            params += [-1 if limit is None else int(limit), int(offset)]
        return [SearchRow(*row) for row in self._con.execute(sql, params)]
