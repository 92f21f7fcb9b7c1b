"""Personal data outside the texts: survey answers, metadata, memos and file paths.

Besides the documents' texts a store holds short values that may name people: the
text answers of surveys (string variables), the free-text columns of the projects and
documents metadata files, memos (their text and their author) and the paths of the
files (``interview_Jan_de_Vries.docx``). :func:`~sokwal_monitor.privacy.pseudonymize`
treats each of them as a small text of its own: the same detection, the same pseudonym
table (the same person is the same ``[PERSOON-3]`` in a transcript and in a survey
answer), the originals in the key file (``value_originals``: the original and what was
written in its place, so a later run starts from the original again, and a value that
changed in the store since, e.g. re-ingested metadata, is taken as a new original).

Which metadata columns are free text is decided by :class:`MetadataColumns`: a string
value is free text unless its column is an id, a code, a date, a number or a known
categorical column (``municipality``, ``region``, ``theme``, ...), or the value looks
like one. Both lists can be extended (``pseudonymize(..., keep_columns=...,
free_text_columns=...)``).

In a path only names of people, contact details, numbers and addresses are replaced
(not places: a folder is often named after the village of a project); the store shows
the display path, the original is only in the key file, and :func:`path_matches` lets a
re-ingest recognise the file by its display path.

>>> columns = MetadataColumns.of()
>>> columns.is_free_text("opmerking", "gesprek bij Kees Bakker thuis")
True
>>> columns.is_free_text("gemeente", "Rijssen-Holten"), columns.is_free_text("opmerking", "2019")
(False, False)
>>> path_matches("P01/interview_[PERSOON-1].docx", "P01/interview_Jan_de_Vries.docx")
True
>>> path_matches("P01/interview_[PERSOON-1].docx", "P02/interview_Jan_de_Vries.docx")
False
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from .detect import Hit

if TYPE_CHECKING:
    from ..store import ProjectStore

__all__ = [
    "KEEP_COLUMNS",
    "PATH_CATEGORIES",
    "MetadataColumns",
    "Value",
    "collect_values",
    "detection_text",
    "path_detection_text",
    "path_hits",
    "path_matches",
    "unique_paths",
    "write_values",
]

#: Metadata columns that are never free text: ids, kinds, dates, numbers and the
#: categorical columns an analysis groups by (compared ignoring case; see also the
#: name patterns in :data:`_NOT_FREE_NAME`). Places and organisations among them are
#: kept in the texts as well.
KEEP_COLUMNS = frozenset(
    {
        "project_id", "doc_id", "path", "wave", "kind", "role", "format", "version",
        "name", "naam", "projectnaam", "project", "titel", "title",
        "municipality", "gemeente", "region", "regio", "province", "provincie", "place",
        "plaats", "dorp", "village", "location", "locatie", "wijk", "buurt",
        "theme", "thema", "themes", "themas", "domain", "domein", "category", "categorie",
        "type", "status", "fase", "phase", "doelgroep", "target_group", "programme",
        "program", "programma", "regeling", "subsidie", "funder", "financier",
        "organisation", "organization", "organisatie", "initiatiefnemer_organisatie",
        "language", "taal", "year", "jaar", "start", "end", "begin", "eind", "date",
        "datum", "budget", "bedrag", "amount", "n_participants", "aantal_deelnemers",
        "respondent_role", "method", "methode", "instrument",
    }
)  # fmt: skip
#: Column names that say "not free text" by their form: ``*_id``, ``*_code``, dates,
#: years, numbers and counts.
_NOT_FREE_NAME = re.compile(
    r"(?:^|_)(?:id|code|nr|nummer|number|datum|date|jaar|year|aantal|n|count|bedrag|"
    r"budget|pct|percentage|score)(?:$|_)",
    re.IGNORECASE,
)
#: Values that are not text whatever their column: numbers, dates, short codes.
_NOT_FREE_VALUE = re.compile(
    r"[\d\s.,:/\-+%€]*|[A-Z]{1,4}\d*[\-_]?\d*|\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+)?|(?i:ja|nee|yes|no)"
)
#: The categories replaced in a file path; places, ages, dates and ids stay (a folder is
#: often named after a village or a year, and "P01_2018" is a project and a wave).
PATH_CATEGORIES = frozenset(
    {"PERSOON", "TELEFOON", "EMAIL", "ADRES", "POSTCODE", "BSN", "GEBOORTEDATUM"}
)
_PATH_SEPARATORS = re.compile(r"[_/\\.]")
_PSEUDONYM_IN_PATH = re.compile(r"\\\[[A-Z]+\\-\d+\\\]")


@dataclass(frozen=True)
class MetadataColumns:
    """Which metadata columns hold free text (pseudonymized with detection).

    ``keep`` and ``free_text`` are column names, compared ignoring case; ``free_text``
    wins. Every string value of another column is free text unless the column's name
    or the value itself looks like an id, a code, a date or a number.
    """

    keep: frozenset[str] = KEEP_COLUMNS
    free_text: frozenset[str] = frozenset()

    @classmethod
    def of(cls, keep: Iterable[str] = (), free_text: Iterable[str] = ()) -> MetadataColumns:
        """The default columns plus ``keep`` (never free text) and ``free_text``
        (always free text).

        >>> MetadataColumns.of(keep=["opmerking"]).is_free_text("opmerking", "bij Kees")
        False
        """
        return cls(
            KEEP_COLUMNS | {k.casefold() for k in keep},
            frozenset(f.casefold() for f in free_text),
        )

    def is_free_text(self, column: str, value: Any) -> bool:
        """Whether ``value`` of ``column`` is free text that may name a person.

        >>> MetadataColumns.of().is_free_text("contactpersoon", "Jan de Vries")
        True
        """
        if not isinstance(value, str) or not value.strip():
            return False
        name = str(column).strip().casefold()
        if name in self.free_text:
            return True
        if name in self.keep or _NOT_FREE_NAME.search(name):
            return False
        return not _NOT_FREE_VALUE.fullmatch(value.strip())


@dataclass
class Value:
    """A short value to pseudonymize: its ``kind`` (``survey``, ``project``,
    ``document``, ``memo``, ``memo_author``, ``path``) and ``ident`` (where it is), the
    project it belongs to (``scope``: a first name alone is linked within a project),
    the value in the store now and its original."""

    kind: str
    ident: str
    scope: str | None
    current: str
    original: str

    @property
    def key(self) -> str:
        """A unique name of the value among the documents (``kind:ident``).

        >>> Value("memo", "3", None, "x", "x").key
        'memo:3'
        """
        return f"{self.kind}:{self.ident}"


def path_detection_text(path: str) -> str:
    """The path as text for detection: separators (``_ / \\ .``) become spaces, so
    ``interview_Jan_de_Vries.docx`` reads ``interview Jan de Vries docx``; every other
    character stays where it was, so the hits' offsets are offsets into the path.

    >>> path_detection_text("P01/interview_Jan_de_Vries.docx")
    'P01 interview Jan de Vries docx'
    """
    return _PATH_SEPARATORS.sub(" ", path)


def path_hits(hits: Iterable[Hit]) -> list[Hit]:
    """The hits replaced in a path (see :data:`PATH_CATEGORIES`).

    >>> [h.text for h in path_hits([Hit(0, 3, "LOCATIE", "Ede"), Hit(4, 7, "PERSOON", "Jan")])]
    ['Jan']
    """
    return [h for h in hits if h.category in PATH_CATEGORIES]


def path_matches(display: str, path: str) -> bool:
    """Whether ``path`` (a file's path as found on disk) is the file the store shows as
    ``display`` (its pseudonymized display path): equal, or equal with each pseudonym
    standing for some text."""
    if display == path:
        return True
    pattern = _PSEUDONYM_IN_PATH.sub(r"[^/]+?", re.escape(display))
    if pattern == re.escape(display):
        return False
    return re.fullmatch(pattern, path, re.DOTALL) is not None


def _original(
    kept: dict[tuple[str, str], tuple[str, str, str | None]], kind: str, ident: str, current: str
) -> str:
    """The original of a value: from the key file when the store still holds what a run
    wrote; else the value in the store is new (or was changed since) and is its own."""
    known = kept.get((kind, ident))
    if known is not None and current in (known[1], known[2]):
        return known[0]
    return current


def collect_values(
    store: ProjectStore,
    kept: dict[tuple[str, str], tuple[str, str, str | None]],
    columns: MetadataColumns,
) -> list[Value]:
    """Every short value of the store to pseudonymize, with its original.

    ``kept`` is :meth:`KeyFile.value_originals`. Survey answers, free-text metadata
    (projects and documents), memos and their authors, and every document's path.
    """
    out: list[Value] = []

    def add(kind: str, ident: str, scope: str | None, current: str) -> None:
        out.append(Value(kind, ident, scope, current, _original(kept, kind, ident, current)))

    for doc_id, name, row, text, project_id in store.survey_strings():
        add("survey", f"{doc_id}\t{name}\t{row}", project_id, text)
    for project_id, attributes in store.project_attributes():
        for column, value in attributes.items():
            if columns.is_free_text(column, value):
                add("project", f"{project_id}\t{column}", project_id, value)
    for doc_id, project_id, attributes in store.document_attributes():
        for column, value in attributes.items():
            if columns.is_free_text(column, value):
                add("document", f"{doc_id}\t{column}", project_id, value)
    for memo_id, project_id, author, text in store.memo_rows():
        if text.strip():
            add("memo", str(memo_id), project_id, text)
        if author.strip():
            add("memo_author", str(memo_id), project_id, author)
    for doc_id, path, project_id, _, _ in store.document_paths():
        add("path", doc_id, project_id, path)
    return out


def detection_text(value: Value) -> str:
    """The text detection reads for a value (a path with its separators as spaces).

    >>> detection_text(Value("path", "d1", None, "a_Jan.txt", "a_Jan.txt"))
    'a Jan txt'
    """
    return path_detection_text(value.original) if value.kind == "path" else value.original


def unique_paths(new_paths: dict[str, str], taken: Iterable[str]) -> dict[str, str]:
    """Display paths made unique among ``taken`` ones: ``a.docx`` -> ``a (2).docx``.

    >>> unique_paths({"d2": "x/[PERSOON-1].txt"}, ["x/[PERSOON-1].txt"])
    {'d2': 'x/[PERSOON-1] (2).txt'}
    """
    used = set(taken)
    out = {}
    for doc_id, path in new_paths.items():
        candidate, n = path, 1
        stem, dot, suffix = path.rpartition(".")
        if not dot or "/" in suffix:
            stem, dot, suffix = path, "", ""
        while candidate in used:
            n += 1
            candidate = f"{stem} ({n}){dot}{suffix}"
        used.add(candidate)
        out[doc_id] = candidate
    return out


def write_values(store: ProjectStore, values: list[Value], new: dict[str, str]) -> int:
    """Write the new values (``value.key -> text``) to the store; returns how many
    changed. Paths are made unique among the current documents; a document whose
    original path is that of another current document is that document's next version
    (a changed file re-ingested after pseudonymization)."""
    changed = [v for v in values if new[v.key] != v.current]
    by_kind: dict[str, list[Value]] = {}
    for value in changed:
        by_kind.setdefault(value.kind, []).append(value)
    survey_rows = []
    for value in by_kind.get("survey", []):
        doc_id, name, row = value.ident.split("\t")
        survey_rows.append((new[value.key], doc_id, name, int(row)))
    store.update_survey_strings(survey_rows)
    if by_kind.get("project"):
        projects = dict(store.project_attributes())
        for value in by_kind["project"]:
            project_id, column = value.ident.split("\t", 1)
            projects[project_id][column] = new[value.key]
        for project_id in {v.ident.split("\t", 1)[0] for v in by_kind["project"]}:
            store.update_project_attributes(project_id, projects[project_id])
    if by_kind.get("document"):
        documents = {d: a for d, _, a in store.document_attributes()}
        for value in by_kind["document"]:
            doc_id, column = value.ident.split("\t", 1)
            documents[doc_id][column] = new[value.key]
        for doc_id in {v.ident.split("\t", 1)[0] for v in by_kind["document"]}:
            store.update_document_attributes(doc_id, documents[doc_id])
    memos = {m: (author, text) for m, _, author, text in store.memo_rows()}
    for memo_id in {v.ident for v in by_kind.get("memo", []) + by_kind.get("memo_author", [])}:
        author, text = memos[int(memo_id)]
        store.set_pseudonymized_memo(
            int(memo_id),
            new.get(f"memo_author:{memo_id}", author),
            new.get(f"memo:{memo_id}", text),
        )
    _write_paths(store, values, new)
    return len(changed)


def _write_paths(store: ProjectStore, values: list[Value], new: dict[str, str]) -> None:
    originals = {v.ident: v.original for v in values if v.kind == "path"}
    rows = store.document_paths()
    current = {d: path for d, path, _, is_current, _ in rows if is_current}
    moving = {d: new[f"path:{d}"] for d, path, *_ in rows if new.get(f"path:{d}", path) != path}
    # a current document that stays where it is keeps its path; one that moves onto the
    # path of another with the same original path is its next version
    staying = {path: d for d, path in current.items() if d not in moving}
    # the search index keeps each document's path for its order: take the documents out
    # before their paths change and put them back after (no original path stays in it)
    affected = list(moving) + [staying[p] for p in moving.values() if p in staying]
    store.unindex_documents(affected)
    for doc_id, path in list(moving.items()):
        other = staying.get(path)
        if doc_id in current and other is not None and originals.get(other) == originals[doc_id]:
            store.supersede(other, doc_id)
            del staying[path]
    taken = [path for path in staying]
    unique = unique_paths({d: p for d, p in moving.items() if d in current}, taken)
    for doc_id, path in moving.items():
        store.update_document_path(doc_id, unique.get(doc_id, path))
    store.index_documents(affected)
    final = {d: path for d, path, *_ in store.document_paths()}
    pairs = [(o, final[d]) for d, o in originals.items() if d in final and o and o != final[d]]
    log = store.ingest_log_texts()
    ordered = sorted(pairs, key=lambda pair: -len(pair[0]))
    replaced = []
    for text in log:
        out = text
        for old, display in ordered:
            if old in out:  # the whole path, or its end after a folder or a space
                pattern = re.compile(rf"(?<![^/\\\s]){re.escape(old)}")
                out = pattern.sub(display.replace("\\", "\\\\"), out)
        if out != text:
            replaced.append((text, out))
    store.replace_in_ingest_log(replaced)
