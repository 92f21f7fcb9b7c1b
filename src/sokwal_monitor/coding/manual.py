"""Manual codings: by span, by segment or by exact quote, with coder and memo.

A researcher codes the way she reads: she copies a passage from a transcript and says
which code it gets. :func:`code_quote` finds the passage in the document's stored text
(tolerating differences in spaces and line breaks, which copying from a PDF or Word
introduces) and stores the coding with exact offsets. A quote that occurs twice is an
error that says where, and ``occurrence=`` picks one; a quote that is not there is an
error that says how far it did match. :func:`import_quotes` does the same for a CSV
file of quotes, row by row: good rows are kept, bad rows are reported with their row
number. Documents are named by ``doc_id`` or by their ``path`` in the store.

Rule and model codings never touch manual ones, and manual ones never touch them.

Examples
--------
>>> import tempfile, pathlib
>>> from sokwal_monitor import ingest
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> _ = (root / "P01_w1.txt").write_text("We hebben veel geleerd van de buurt.", encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(store, root)
>>> cid = code_quote(store, "P01_w1.txt", "geleerd van de buurt", "leereffect", coder="anna")
>>> store.codings()[["code", "coder", "origin", "text"]].to_dict("records")
[{'code': 'leereffect', 'coder': 'anna', 'origin': 'manual', 'text': 'geleerd van de buurt'}]
"""

from __future__ import annotations

import csv
import io
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..errors import AmbiguousQuoteError, CodingError, MetadataError, QuoteNotFoundError
from ..store import ProjectStore
from .base import Coding, CodingRun

__all__ = [
    "QuoteImportReport",
    "add_coding",
    "add_memo",
    "code_quote",
    "code_segment",
    "find_quote",
    "import_quotes",
    "remove_coding",
    "remove_codings",
]

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "„": '"', "\u00a0": " "})


@dataclass(frozen=True, slots=True)
class _Doc:
    doc_id: str
    path: str
    text: str
    pseudonymized: bool


def _document(store: ProjectStore, doc: str) -> _Doc:
    """A document by ``doc_id`` or by ``path`` (its current version)."""
    row = store.document_for_coding(doc)
    if row is None and isinstance(doc, str):  # a path typed or copied in another form
        wanted = _path_key(doc)
        same = [p for p in store.current_paths() if _path_key(p) == wanted]
        if len(same) == 1:
            row = store.document_for_coding(same[0], path_only=True)
    if row is None:
        raise CodingError(
            store.path,
            f"no document {doc!r} in the store",
            "name a document by its doc_id or its path as 'sokwal export documents' lists them",
        )
    return _Doc(row[0], row[1], row[2], row[3] is not None)


def _path_key(path: str) -> str:
    """A path as compared when it is not found as written: Windows separators and
    decomposed accents (as macOS writes file names) do not matter."""
    return unicodedata.normalize("NFC", path.strip().replace("\\", "/"))


def _check_name(value: str, what: str, path: str | None = None) -> str:
    if not isinstance(value, str) or not value.strip():
        raise CodingError(path, f"a coding needs a {what} (got {value!r})")
    return value.strip()


def _offset(value: Any, what: str, path: str) -> int:
    """A character offset as a Python int (numpy integers from a DataFrame included)."""
    if isinstance(value, bool) or not hasattr(type(value), "__index__"):
        raise CodingError(path, f"the {what} must be a whole number, not {value!r}")
    return operator.index(value)


def add_coding(
    store: ProjectStore,
    doc: str,
    start_char: int,
    end_char: int,
    code: str,
    *,
    coder: str,
    memo: str = "",
) -> str:
    """Code ``text[start_char:end_char]`` of a document; return the coding's id.

    Coding the same span with the same code by the same coder again changes nothing.

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> add_coding(store, "nope", 0, 5, "leereffect", coder="anna")
    Traceback (most recent call last):
    ...
    sokwal_monitor.errors.CodingError: ...: no document 'nope' in the store; ...
    """
    coding = _new_coding(_document(store, doc), start_char, end_char, code, coder, memo)
    with CodingRun(store, coder=coding.coder, origin="manual") as run:
        return run.add([coding])[0]


def _new_coding(
    d: _Doc, start_char: Any, end_char: Any, code: str, coder: str, memo: str
) -> Coding:
    """A checked manual coding of document ``d`` (not yet written)."""
    code, coder = _check_name(code, "code", d.path), _check_name(coder, "coder name", d.path)
    start_char, end_char = _offset(start_char, "start", d.path), _offset(end_char, "end", d.path)
    if not (0 <= start_char < end_char <= len(d.text)):
        raise CodingError(
            d.path,
            f"the span {start_char}-{end_char} is not inside the text (0-{len(d.text)})",
            "start must be smaller than end, and end at most the text's length",
        )
    return Coding(d.doc_id, start_char, end_char, code, coder, memo=memo)


def code_segment(
    store: ProjectStore, segment_id: str, code: str, *, coder: str, memo: str = ""
) -> str:
    """Code a whole segment (a speaker turn or paragraph); return the coding's id.

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> code_segment(store, "x-00001", "leereffect", coder="anna")
    Traceback (most recent call last):
    ...
    sokwal_monitor.errors.CodingError: ...: no segment 'x-00001' in the store; ...
    """
    row = store.segment_span(segment_id)
    if row is None:
        raise CodingError(
            store.path,
            f"no segment {segment_id!r} in the store",
            "segment ids are listed by 'sokwal export segments'",
        )
    if row[1] == row[2]:
        raise CodingError(store.path, f"segment {segment_id!r} is empty", "code another one")
    return add_coding(store, row[0], row[1], row[2], code, coder=coder, memo=memo)


def _pattern(quote: str, *, flexible: bool) -> str:
    """A regex for the quote: exact, or tolerant of spacing and typographic quotes."""
    if not flexible:
        return re.escape(quote)
    words = unicodedata.normalize("NFC", quote).translate(_QUOTES).split()
    tolerant = ["".join(_char(ch) for ch in word) for word in words]
    return r"\s+".join(tolerant)


def _char(ch: str) -> str:
    if ch == "'":
        return "['‘’]"
    if ch == '"':
        return '["“”„]'
    decomposed = unicodedata.normalize("NFD", ch)
    if decomposed != ch:  # é as one code point or as e + combining accent
        return f"(?:{re.escape(ch)}|{re.escape(decomposed)})"
    return re.escape(ch)


def find_quote(text: str, quote: str) -> list[tuple[int, int]]:
    """Every ``(start, end)`` where ``quote`` occurs in ``text``.

    The exact quote first; when it does not occur, the quote with any run of spaces and
    line breaks between its words, straight or curly quotation marks, accented letters
    composed or decomposed, and finally the same ignoring case. Offsets count code
    points of ``text``.

    >>> find_quote("Wij hebben\\n  geleerd. Wij hebben geleerd.", "wij hebben geleerd")
    [(0, 20), (22, 40)]
    >>> find_quote("Hij zei “ja”.", 'zei "ja"')
    [(4, 12)]
    """
    quote = quote.strip()
    if not quote:
        return []
    for flexible, flags in ((False, 0), (True, 0), (True, re.IGNORECASE)):
        spans = [m.span() for m in re.finditer(_pattern(quote, flexible=flexible), text, flags)]
        if spans:
            return spans
    return []


def _near_miss(text: str, quote: str) -> str:
    """Say how much of the quote's start does occur, and what the text says after it."""
    words = quote.split()

    def prefix(k: int) -> re.Match[str] | None:
        return re.search(_pattern(" ".join(words[:k]), flexible=True), text, re.IGNORECASE)

    # if the first k words occur, so do the first k - 1: search for the longest prefix
    # (a linear search from the end takes minutes for a quote of a few thousand words)
    low, high, match = 0, len(words) - 1, None
    while low < high:
        mid = (low + high + 1) // 2
        found = prefix(mid)
        if found:
            low, match = mid, found
        else:
            high = mid - 1
    if match is None or low == 0:
        return "not even its first word occurs"
    after = text[match.end() : match.end() + 40].replace("\n", " ")
    return (
        f"its first {low} of {len(words)} words occur (at character {match.start()}),"
        f" but then the text reads {after!r} instead of {' '.join(words[low:])[:40]!r}"
    )


def code_quote(
    store: ProjectStore,
    doc: str,
    quote: str,
    code: str,
    *,
    coder: str,
    memo: str = "",
    occurrence: int | None = None,
) -> str:
    """Code the passage ``quote`` of a document; return the coding's id.

    ``occurrence`` (1 for the first) picks one when the quote occurs more than once.

    Raises
    ------
    QuoteNotFoundError
        The quote is not in the document (the message says how far it matched), or
        ``occurrence`` is beyond the number of times it occurs.
    AmbiguousQuoteError
        The quote occurs more than once and ``occurrence`` is not given.
    """
    coding = _quote_coding(store, doc, quote, code, coder, memo, occurrence)
    with CodingRun(store, coder=coding.coder, origin="manual") as run:
        return run.add([coding])[0]


def _quote_coding(
    store: ProjectStore,
    doc: str,
    quote: str,
    code: str,
    coder: str,
    memo: str,
    occurrence: int | None,
) -> Coding:
    """A checked manual coding of the passage ``quote`` (not yet written)."""
    d = _document(store, doc)
    if not isinstance(quote, str) or not quote.strip():
        raise CodingError(d.path, f"the quote is empty (got {quote!r})", "paste the passage")
    spans = find_quote(d.text, quote)
    if not spans:
        hint = "copy the passage again from the stored text ('sokwal export segments')"
        if d.pseudonymized:
            hint += "; the document is pseudonymized, so names in the quote are replaced too"
        miss = _near_miss(d.text, quote)
        raise QuoteNotFoundError(d.path, f"the quote is not in the document: {miss}", hint)
    if occurrence is None and len(spans) > 1:
        where = ", ".join(f"#{i} at character {s}" for i, (s, _) in enumerate(spans[:5], 1))
        raise AmbiguousQuoteError(
            d.path,
            f"the quote occurs {len(spans)} times ({where}{', ...' if len(spans) > 5 else ''})",
            "quote more words, or say which occurrence (occurrence=1 for the first)",
        )
    index = 1 if occurrence is None else occurrence
    if not 1 <= index <= len(spans):
        raise QuoteNotFoundError(
            d.path,
            f"occurrence {occurrence} asked, but the quote occurs {len(spans)} time(s)",
            f"choose 1 to {len(spans)}",
        )
    start, end = spans[index - 1]
    return _new_coding(d, start, end, code, coder, memo)


def remove_coding(store: ProjectStore, coding_id: str) -> None:
    """Delete one coding by id (of any origin: it is the researcher's decision).

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> remove_coding(store, "c-0000")
    Traceback (most recent call last):
    ...
    sokwal_monitor.errors.CodingError: ...: no coding 'c-0000' in the store; ...
    """
    coder = store.coding_coder(coding_id)
    if coder is None:
        raise CodingError(
            store.path, f"no coding {coding_id!r} in the store", "list them with store.codings()"
        )
    with CodingRun(store, coder=coder, origin="manual", options={"removed": coding_id}) as run:
        run.remove(coding_ids=[coding_id])


def remove_codings(
    store: ProjectStore,
    *,
    coder: str,
    code: str | None = None,
    doc: str | None = None,
) -> int:
    """Delete a coder's codings (of one code, in one document); return how many.

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> remove_codings(store, coder="anna")
    0
    """
    coder = _check_name(coder, "coder name")
    wanted = None if code is None else code.strip()
    doc_id = None if doc is None else _document(store, doc).doc_id
    options = {"removed": {"code": code, "doc": doc}}
    with CodingRun(store, coder=coder, origin="manual", options=options) as run:
        return run.remove(coder=coder, code=wanted, doc_id=doc_id)


def add_memo(
    store: ProjectStore, target: str, text: str, *, author: str, kind: str | None = None
) -> int:
    """Write a memo on a document (by doc_id or path), a code or a project; return its id.

    ``kind`` (``document``, ``code`` or ``project``) is found from ``target`` when not
    given: a document first, then a project, else a code.

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> add_memo(store, "leereffect", "Ook impliciet leren meenemen.", author="anna")
    1
    >>> store.memos()[["target_kind", "target", "text"]].to_dict("records")
    [{'target_kind': 'code', 'target': 'leereffect', 'text': 'Ook impliciet leren meenemen.'}]
    """
    author = _check_name(author, "memo author")
    if not isinstance(target, str) or not target.strip():
        raise CodingError(None, f"a memo needs a target (got {target!r})")
    if not text or not text.strip():
        raise CodingError(None, f"the memo on {target!r} is empty", "write something in it")
    if kind is None:
        try:
            target, kind = _document(store, target).doc_id, "document"
        except CodingError:
            kind = "project" if store.has_project(target) else "code"
    elif kind == "document":
        target = _document(store, target).doc_id
    elif kind not in ("code", "project"):
        raise ValueError(f"kind must be document, code or project, not {kind!r}")
    with store.transaction():
        return store.insert_memo(kind, target, author, text.strip())


# -- importing a CSV of quotes ---------------------------------------------------------


@dataclass
class QuoteImportReport:
    """What :func:`import_quotes` did: coding ids of the good rows, problems of the bad."""

    path: Path
    coding_ids: list[str] = field(default_factory=list)
    problems: list[tuple[int, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every row became a coding."""
        return not self.problems

    def summary(self) -> str:
        """One line: how many rows coded and how many failed."""
        return (
            f"{self.path.name}: {len(self.coding_ids)} quotes coded,"
            f" {len(self.problems)} rows could not be used"
        )


def import_quotes(
    store: ProjectStore, path: str | PathLike[str], *, coder: str | None = None
) -> QuoteImportReport:
    """Code the quotes of a CSV/XLSX file, one coding per row.

    Columns: ``quote``, ``code``, and ``doc_id`` or ``path``; optional ``coder`` (else
    the ``coder`` argument), ``memo`` and ``occurrence``. Rows that cannot be used are
    reported as ``(row number, message)``, numbered as a spreadsheet shows the file (the
    header is row 1, empty rows count); the others are kept.

    >>> import tempfile, pathlib
    >>> store = ProjectStore(pathlib.Path(tempfile.mkdtemp()) / "s.sokwal")
    >>> csv = store.path.with_name("quotes.csv")
    >>> _ = csv.write_text("path,quote,code\\nP01.txt,we leerden,leereffect\\n", encoding="utf-8")
    >>> report = import_quotes(store, csv, coder="anna")
    >>> report.problems  # doctest: +ELLIPSIS
    [(2, "...: no document 'P01.txt' in the store; ...")]
    """
    from ..ingestion.metadata import read_table

    p = Path(path)
    try:
        frame = read_table(p, "quotes")
    except MetadataError as err:
        raise CodingError(p, err.cause, err.hint) from err
    missing = [c for c in ("quote", "code") if c not in frame.columns]
    if "doc_id" not in frame.columns and "path" not in frame.columns:
        missing.append("doc_id or path")
    if coder is not None and not coder.strip():
        coder = None
    if "coder" not in frame.columns and coder is None:
        missing.append("coder (or give a coder name)")
    if missing:
        raise CodingError(
            p,
            f"the quotes file has no column {', '.join(missing)}",
            "the header needs quote, code and doc_id or path (coder, memo, occurrence optional)",
        )
    report = QuoteImportReport(p)
    codings: list[Coding] = []
    numbers = _row_numbers(p, frame)
    for i, row in zip(numbers, frame.to_dict("records"), strict=True):
        try:
            codings.append(_import_row(store, row, coder))
        except (CodingError, ValueError) as err:
            report.problems.append((i, str(err)))
    if codings:  # one logged run for the whole file
        coders = ", ".join(dict.fromkeys(c.coder for c in codings))
        options = {"quotes_file": p.name, "rows_failed": len(report.problems)}
        with CodingRun(store, coder=coders, origin="manual", options=options) as run:
            report.coding_ids = run.add(codings)
    return report


def _row_numbers(path: Path, frame: pd.DataFrame) -> list[int]:
    """The spreadsheet row number of each row of ``frame`` as ``read_table`` read it.

    The frame's index counts the rows after the header, empty ones too (they are dropped
    after reading) except, in a CSV, blank lines, which pandas skips while reading: those
    are counted here with the csv module.
    """
    numbers = [int(i) + 2 for i in frame.index]
    if path.suffix.lower() in (".xlsx", ".xlsm") or frame.empty:
        return numbers
    from ..ingestion.metadata import detect_delimiter
    from ..ingestion.readers import decode_bytes

    try:
        text, _ = decode_bytes(path.read_bytes())
        rows = csv.reader(io.StringIO(text, newline=""), delimiter=detect_delimiter(text))
        counted = [n for n, cells in enumerate(rows, start=1) if not _blank_line(cells)]
    except (csv.Error, ValueError, OSError):  # a cell over the csv module's size limit
        return numbers
    body = counted[1:]  # the first non-blank row is the header
    if len(body) <= max(frame.index):
        return numbers
    return [body[int(i)] for i in frame.index]


def _blank_line(cells: list[str]) -> bool:
    """A row pandas skips as a blank line: nothing, or one cell of only spaces."""
    return not cells or (len(cells) == 1 and not cells[0].strip())


def _import_row(store: ProjectStore, row: dict[str, Any], coder: str | None) -> Coding:
    def cell(name: str) -> str:
        value = row.get(name)
        return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)

    doc = cell("doc_id") or cell("path")
    if not doc:
        raise ValueError("the row names no document (doc_id or path is empty)")
    occurrence = cell("occurrence")
    if occurrence and not (occurrence.isascii() and occurrence.isdigit()):
        raise ValueError(f"occurrence must be a whole number, not {occurrence!r}")
    return _quote_coding(
        store,
        doc,
        cell("quote"),
        cell("code"),
        cell("coder") or coder or "",
        cell("memo"),
        int(occurrence) if occurrence else None,
    )
