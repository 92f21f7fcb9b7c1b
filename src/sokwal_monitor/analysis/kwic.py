"""Quotes in context (KWIC): the coded passages with the words before and after them."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

import pandas as pd

from ..store import ProjectStore
from ._common import _as_list, _codings, _Values

if TYPE_CHECKING:
    from ..codebook import Codebook

__all__ = ["QUOTE_COLUMNS", "quotes"]

#: Columns of :func:`quotes`, in this order.
QUOTE_COLUMNS = [
    "coding_id",
    "code",
    "coder",
    "origin",
    "project_id",
    "wave",
    "doc_id",
    "path",
    "segment_id",
    "speaker",
    "role",
    "start_char",
    "end_char",
    "before",
    "quote",
    "after",
    "memo",
    "score",
    "pattern",
]
_QUOTE_DTYPES = {"start_char": "int64", "end_char": "int64", "score": "float64"}


def _descendants(codebook: Codebook, name: str) -> list[str]:
    """The code ``name`` and every code below it in the hierarchy, depth-first."""
    out, stack = [], [codebook[name].name]  # KeyError with a suggestion for an unknown code
    while stack:
        current = stack.pop()
        out.append(current)
        stack.extend(reversed([c.name for c in codebook.children(current)]))
    return out


_SPACE = re.compile(r"\s+")


def _context_before(text: str, start: int, width: int) -> str:
    """Up to ``width`` characters before ``start``, not starting inside a word."""
    begin = max(0, start - width)
    window = text[begin:start]
    if begin > 0 and not text[begin - 1].isspace():  # cut inside a word or before a space
        match = _SPACE.search(window)
        if match is not None:  # else one long word: keep the cut-off piece
            window = window[match.end() :]
    return window


def _context_after(text: str, end: int, width: int) -> str:
    """Up to ``width`` characters after ``end``, not ending inside a word."""
    stop = min(len(text), end + width)
    window = text[end:stop]
    if stop < len(text) and not text[stop].isspace():  # cut inside a word or after a space
        matches = list(_SPACE.finditer(window))
        if matches:
            window = window[: matches[-1].start()]
    return window


def quotes(
    store: ProjectStore,
    code: str | None = None,
    *,
    coder: _Values = None,
    origin: _Values = None,
    context: int = 80,
    codebook: Codebook | None = None,
    include_children: bool = False,
    project_id: _Values = None,
    wave: _Values | int = None,
) -> pd.DataFrame:
    """The coded passages with their context (keyword in context), one row per coding.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    code : str, optional
        Only codings of this code (all codes when None).
    coder, origin : str or list of str, optional
        Only codings by these coders / of these origins (``manual``, ``rule``, ...).
    context : int, default 80
        At most this many characters of the document before and after each passage.
        The context is cut at a word boundary where there is one; line breaks are
        kept as they are in the text.
    codebook : Codebook, optional
        When given, ``code`` must be one of its codes (else ``KeyError`` with a
        suggestion), and ``include_children`` can be used.
    include_children : bool, default False
        Also return codings of every code below ``code`` in the codebook's hierarchy.
    project_id, wave : str or list of str, optional
        Only documents of these projects / waves.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`QUOTE_COLUMNS`: ``coding_id, code, coder, origin, project_id,
        wave, doc_id, path, segment_id, speaker, role, start_char, end_char, before,
        quote, after, memo, score, pattern``. ``quote`` is exactly the coded text;
        ``speaker`` and ``role`` are those of the segment the passage starts in.
        Rows are ordered by document path, then position in the text, code and coder.
        A code nobody used gives an empty table with these columns.

    Raises
    ------
    KeyError
        ``code`` is not in ``codebook``.
    ValueError
        ``context`` is negative, or ``include_children`` is asked without a codebook.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: We hebben veel geleerd van de buurt en van elkaar.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(store, root)
    >>> doc = "P01_2018_interview.txt"
    >>> _ = code_quote(store, doc, "van de buurt", "leereffecten", coder="anna")
    >>> row = quotes(store, "leereffecten", context=14).iloc[0]
    >>> row["before"], row["quote"], row["after"]
    ('veel geleerd ', 'van de buurt', ' en van')
    >>> store.close()
    """
    if context < 0:
        raise ValueError(f"context must be 0 or more characters, not {context}")
    if include_children and codebook is None:
        raise ValueError(
            "include_children needs the codebook that says which codes are below"
            f" {code!r}; pass codebook=load_codebook(...)"
        )
    codes: list[str] | None = None
    if code is not None:
        if codebook is not None:
            codes = _descendants(codebook, code) if include_children else [codebook[code].name]
        else:
            codes = [code]
    frame = _codings(store, coder, origin, code=codes, with_metadata=True)
    for column, wanted in (("project_id", project_id), ("wave", wave)):
        values = _as_list(wanted, column)
        if values is not None:
            frame = frame[frame[column].isin(values)]
    if frame.empty:
        return pd.DataFrame(
            {c: pd.Series(dtype=_QUOTE_DTYPES.get(c, object)) for c in QUOTE_COLUMNS}
        )
    befores, afters = [], []
    texts: dict[str, str] = {}
    for doc_id, start, end in zip(
        frame["doc_id"], frame["start_char"], frame["end_char"], strict=True
    ):
        if doc_id not in texts:
            texts[doc_id] = store.text(doc_id)
        befores.append(_context_before(texts[doc_id], int(start), context))
        afters.append(_context_after(texts[doc_id], int(end), context))
    frame = frame.rename(columns={"text": "quote"})
    text_dtype = frame["quote"].dtype  # the same string type as the quotes
    frame["before"] = pd.Series(befores, index=frame.index, dtype=text_dtype)
    frame["after"] = pd.Series(afters, index=frame.index, dtype=text_dtype)
    return frame[QUOTE_COLUMNS].reset_index(drop=True)
