"""Retrieval and counts over codings: quotes in context, frequencies, co-occurrence.

Every function reads the project store and returns a tidy pandas DataFrame with a fixed
set of columns in a fixed row order, so that two runs on the same store give the same
table, and tables can be saved, merged and plotted without surprises.

* :func:`quotes`: the coded passages with the words before and after them (KWIC).
* :func:`code_frequencies`: how often each code occurs, per project, wave, role, ...
* :func:`cooccurrence` and :func:`cooccurrence_matrix`: which codes occur together,
  with ATLAS.ti's c-coefficient.
* :func:`case_code_matrix`: a 0/1 table of cases (documents or projects) by codes.
* :func:`plot_frequencies` and :func:`plot_cooccurrence`: figures (matplotlib).

Examples
--------
>>> import pathlib, tempfile
>>> from sokwal_monitor import ProjectStore, ingest
>>> from sokwal_monitor.coding import code_quote
>>> root = pathlib.Path(tempfile.mkdtemp())
>>> text = "I: Wat heeft u geleerd?\\nR: Dat samenwerken met de buurt tijd kost.\\n"
>>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
>>> store = ProjectStore(root / "demo.sokwal")
>>> _ = ingest(root, store=store)
>>> _ = code_quote(store, "P01_2018_interview.txt", "samenwerken", "samenwerking", coder="anna")
>>> quotes(store, "samenwerking")[["quote", "role"]].to_dict("records")
[{'quote': 'samenwerken', 'role': 'respondent'}]
>>> code_frequencies(store).to_dict("records")
[{'project_id': 'P01', 'code': 'samenwerking', 'n': 1, 'share': 1.0}]
>>> store.close()
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .store import ProjectStore

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from .codebook import Codebook

__all__ = [
    "BY_COLUMNS",
    "COOCCURRENCE_COLUMNS",
    "QUOTE_COLUMNS",
    "case_code_matrix",
    "code_frequencies",
    "cooccurrence",
    "cooccurrence_matrix",
    "plot_cooccurrence",
    "plot_frequencies",
    "quotes",
]

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
#: Columns :func:`code_frequencies` can count by.
BY_COLUMNS = ("project_id", "wave", "doc_id", "path", "kind", "role", "speaker", "coder", "origin")
#: Columns of :func:`cooccurrence`, in this order.
COOCCURRENCE_COLUMNS = ["code_a", "code_b", "n_a", "n_b", "n_ab", "c"]

_UNITS = ("codings", "segments", "documents")
# Dutch axis labels for the province's figures, per counting unit.
_UNIT_LABELS = {
    "codings": "Aantal codeermomenten",
    "segments": "Aantal gecodeerde fragmenten",
    "documents": "Aantal documenten",
}
_MISSING_LABEL = "(onbekend)"
_Values = str | Iterable[str] | None


# -- helpers ---------------------------------------------------------------------------


def _as_list(value: _Values | int, what: str) -> list[str] | None:
    """One value or several as a list of texts (None stays None)."""
    if value is None:
        return None
    if isinstance(value, str | int):
        return [str(value)]
    try:
        return [str(v) for v in value]
    except TypeError as err:
        raise TypeError(f"{what} must be a text or a list of texts, not {value!r}") from err


def _check_choice(value: str, choices: Sequence[str], what: str) -> None:
    if value not in choices:
        raise ValueError(f"{what} must be one of {', '.join(choices)}, not {value!r}")


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


# -- quotes ----------------------------------------------------------------------------


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
    >>> _ = ingest(root, store=store)
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
    frame = store.codings(
        coder=_as_list(coder, "coder"),
        code=codes,
        origin=_as_list(origin, "origin"),
        with_metadata=True,
    )
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


# -- frequencies -----------------------------------------------------------------------


def code_frequencies(
    store: ProjectStore,
    by: str | Sequence[str] = ("project_id",),
    *,
    coder: _Values = None,
    origin: _Values = None,
    unit: Literal["codings", "segments", "documents"] = "codings",
) -> pd.DataFrame:
    """How often each code occurs, per group: a long table ``*by, code, n, share``.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    by : str or sequence of str, default ("project_id",)
        The columns to count per, any of :data:`BY_COLUMNS`: ``project_id, wave,
        doc_id, path, kind, role, speaker, coder, origin`` (``role`` and ``speaker``
        are those of the segment a coding starts in). ``()`` counts over everything.
    coder, origin : str or list of str, optional
        Only codings by these coders / of these origins.
    unit : {"codings", "segments", "documents"}, default "codings"
        What ``n`` counts: codings; distinct segments with at least one coding of the
        code (codings outside every segment are not counted); or distinct documents.

    Returns
    -------
    pandas.DataFrame
        The ``by`` columns, then ``code``, ``n`` (int) and ``share`` (``n`` divided by
        the sum of ``n`` in the same ``by`` group, so the shares of a group add up to 1).
        Only combinations that occur are listed. Sorted by the ``by`` columns, then
        code; a missing value (a document without a project) is a group of its own,
        sorted last. ``frame.attrs["unit"]`` holds ``unit`` (the plot uses it).

    Raises
    ------
    ValueError
        An unknown ``by`` column or ``unit``.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "I: Hoe ging het?\\nR: We hebben geleerd dat samenwerken tijd kost.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> doc = "P01_2018_interview.txt"
    >>> _ = code_quote(store, doc, "geleerd", "leereffecten", coder="anna")
    >>> _ = code_quote(store, doc, "samenwerken", "samenwerking", coder="anna")
    >>> code_frequencies(store, by=["role"]).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'role': 'respondent', 'code': 'leereffecten', 'n': 1, 'share': 0.5},
     {'role': 'respondent', 'code': 'samenwerking', 'n': 1, 'share': 0.5}]
    >>> store.close()
    """
    keys = [by] if isinstance(by, str) else list(by)
    for key in keys:
        if key not in BY_COLUMNS:
            raise ValueError(f"cannot count by {key!r}; choose from {', '.join(BY_COLUMNS)}")
    if len(set(keys)) != len(keys):
        raise ValueError(f"a column is named twice in by={keys!r}")
    _check_choice(unit, _UNITS, "unit")
    frame = store.codings(
        coder=_as_list(coder, "coder"), origin=_as_list(origin, "origin"), with_metadata=True
    )
    if unit == "segments":
        frame = frame[frame["segment_id"].notna()]
    groups = [*keys, "code"]
    if frame.empty:
        out = pd.DataFrame({c: pd.Series(dtype=object) for c in groups})
        out["n"] = pd.Series(dtype="int64")
        out["share"] = pd.Series(dtype="float64")
    else:
        grouped = frame.groupby(groups, dropna=False, sort=False)
        if unit == "codings":
            counts = grouped.size()
        else:
            counts = grouped["segment_id" if unit == "segments" else "doc_id"].nunique()
        out = counts.rename("n").reset_index()
        out["n"] = out["n"].astype("int64")
        totals = out.groupby(keys, dropna=False)["n"].transform("sum") if keys else out["n"].sum()
        out["share"] = (out["n"] / totals).astype("float64")
        out = out.sort_values(groups, na_position="last", kind="mergesort").reset_index(drop=True)
    out.attrs["unit"] = unit
    return out


# -- co-occurrence ---------------------------------------------------------------------


def _c_coefficient(n_a: int, n_b: int, n_ab: int) -> float:
    """ATLAS.ti's c-coefficient, at most 1 (overlapping spans can count a pair twice)."""
    denominator = n_a + n_b - n_ab
    return 1.0 if denominator <= n_ab else n_ab / denominator


def _span_pairs(frame: pd.DataFrame) -> Counter[tuple[str, str]]:
    """Pairs of codings of two different codes whose spans share at least one character."""
    pairs: Counter[tuple[str, str]] = Counter()
    ordered = frame.sort_values(["doc_id", "start_char", "end_char", "code"], kind="mergesort")
    for _, doc in ordered.groupby("doc_id", sort=True):
        spans = list(zip(doc["start_char"], doc["end_char"], doc["code"], strict=True))
        for i, (_, end_i, code_i) in enumerate(spans):
            for start_j, end_j, code_j in spans[i + 1 :]:
                if start_j >= end_i:  # sorted by start: nothing later overlaps span i
                    break
                if code_i != code_j and start_j < end_j:  # start_i <= start_j < end_i
                    pairs[(min(code_i, code_j), max(code_i, code_j))] += 1
    return pairs


def cooccurrence(
    store: ProjectStore,
    *,
    level: Literal["segment", "span"] = "segment",
    coder: _Values = None,
    origin: _Values = None,
) -> pd.DataFrame:
    """Which codes occur together: one row per pair of codes that co-occur at least once.

    Parameters
    ----------
    store : ProjectStore
        The project store.
    level : {"segment", "span"}, default "segment"
        ``segment``: the units are segments (speaker turns, paragraphs); a code is
        present in the segment its coding starts in, and ``n_a`` is the number of
        segments with code a, ``n_ab`` the number with both codes. Codings that start
        outside every segment are left out. ``span``: ``n_a`` is the number of codings
        of code a, and ``n_ab`` the number of pairs of a coding of a and a coding of b
        in the same document whose spans share at least one character (spans that
        only touch, like characters 0-5 and 5-9, do not).
    coder, origin : str or list of str, optional
        Only codings by these coders / of these origins.

    Returns
    -------
    pandas.DataFrame
        Columns ``code_a, code_b, n_a, n_b, n_ab, c`` with ``code_a < code_b``, sorted
        by ``code_a, code_b``. ``c`` is the c-coefficient of ATLAS.ti,
        ``n_ab / (n_a + n_b - n_ab)``: the number of units with both codes divided by
        the number with at least one of them; 0 when the codes never meet, 1 when
        they always come together. At span level one coding can overlap several of the
        other code, so ``c`` is clipped to at most 1.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> text = "R: Door de gemeente kregen we subsidie.\\nR: Dat kostte veel tijd.\\n"
    >>> _ = (root / "P01_2018_interview.txt").write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> doc = "P01_2018_interview.txt"
    >>> _ = code_quote(store, doc, "Door de gemeente", "rol_overheid", coder="anna")
    >>> _ = code_quote(store, doc, "subsidie", "financiering", coder="anna")
    >>> _ = code_quote(store, doc, "veel tijd", "financiering", coder="anna")
    >>> cooccurrence(store).to_dict("records")  # doctest: +NORMALIZE_WHITESPACE
    [{'code_a': 'financiering', 'code_b': 'rol_overheid', 'n_a': 2, 'n_b': 1, 'n_ab': 1,
      'c': 0.5}]
    >>> store.close()
    """
    _check_choice(level, ("segment", "span"), "level")
    frame = store.codings(coder=_as_list(coder, "coder"), origin=_as_list(origin, "origin"))
    if level == "segment":
        units = frame.loc[frame["segment_id"].notna(), ["segment_id", "code"]].drop_duplicates()
        n = Counter(units["code"])
        pairs: Counter[tuple[str, str]] = Counter()
        for codes in units.groupby("segment_id")["code"]:
            present = sorted(set(codes[1]))
            for i, code_a in enumerate(present):
                for code_b in present[i + 1 :]:
                    pairs[(code_a, code_b)] += 1
    else:
        n = Counter(frame["code"])
        pairs = _span_pairs(frame)
    rows = [
        (a, b, n[a], n[b], n_ab, _c_coefficient(n[a], n[b], n_ab))
        for (a, b), n_ab in sorted(pairs.items())
    ]
    out = pd.DataFrame(rows, columns=COOCCURRENCE_COLUMNS)
    for column in ("n_a", "n_b", "n_ab"):
        out[column] = out[column].astype("int64")
    out["c"] = out["c"].astype("float64")
    return out


def cooccurrence_matrix(frame: pd.DataFrame, value: Literal["c", "n_ab"] = "c") -> pd.DataFrame:
    """The square code × code matrix of a :func:`cooccurrence` table.

    Parameters
    ----------
    frame : pandas.DataFrame
        A table as :func:`cooccurrence` returns it.
    value : {"c", "n_ab"}, default "c"
        The c-coefficient (float) or the number of co-occurrences (int).

    Returns
    -------
    pandas.DataFrame
        Symmetric; rows and columns are the codes of ``frame``, sorted. Pairs that
        never co-occur are 0. The diagonal holds a code with itself: ``n_a`` for
        ``n_ab``, and 1.0 for ``c`` (as the formula gives when both codes are the same).

    Examples
    --------
    >>> import pandas as pd
    >>> pairs = pd.DataFrame({"code_a": ["a"], "code_b": ["b"], "n_a": [2], "n_b": [1],
    ...                       "n_ab": [1], "c": [0.5]})
    >>> cooccurrence_matrix(pairs)  # doctest: +NORMALIZE_WHITESPACE
    code    a    b
    code
    a     1.0  0.5
    b     0.5  1.0
    """
    _check_choice(value, ("c", "n_ab"), "value")
    missing = [c for c in COOCCURRENCE_COLUMNS if c not in frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)}; pass what cooccurrence() returns"
        )
    own = dict(zip(frame["code_a"], frame["n_a"], strict=True))
    own.update(zip(frame["code_b"], frame["n_b"], strict=True))
    codes = pd.Index(sorted(own), name="code")
    dtype = "float64" if value == "c" else "int64"
    matrix = pd.DataFrame(0, index=codes, columns=codes.copy(), dtype=dtype)
    values = matrix.to_numpy(copy=True)
    rows, cols = codes.get_indexer(frame["code_a"]), codes.get_indexer(frame["code_b"])
    values[rows, cols] = frame[value].to_numpy()
    values[cols, rows] = frame[value].to_numpy()
    diagonal = np.arange(len(codes))
    values[diagonal, diagonal] = 1.0 if value == "c" else [own[c] for c in codes]
    return pd.DataFrame(values, index=codes, columns=codes.copy())


# -- case × code ---------------------------------------------------------------------


def case_code_matrix(
    store: ProjectStore,
    case: Literal["document", "project"] = "document",
    *,
    coder: _Values = None,
    origin: _Values = None,
) -> pd.DataFrame:
    """A 0/1 table: does a case (document or project) have at least one coding of a code?

    Parameters
    ----------
    store : ProjectStore
        The project store.
    case : {"document", "project"}, default "document"
        The rows: every current document (index ``doc_id``, in the order of
        ``store.documents()``, by path) or every project (index ``project_id``, sorted).
        Cases without codings are rows of zeros.
    coder, origin : str or list of str, optional
        Only codings by these coders / of these origins.

    Returns
    -------
    pandas.DataFrame
        Integers 0 and 1; one column per code that has codings, sorted by name.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> from sokwal_monitor import ProjectStore, ingest
    >>> from sokwal_monitor.coding import code_quote
    >>> root = pathlib.Path(tempfile.mkdtemp())
    >>> for name, text in [("P01_2018_interview.txt", "R: Het liep goed."),
    ...                    ("P02_2018_interview.txt", "R: Wij kregen subsidie.")]:
    ...     _ = (root / name).write_text(text, encoding="utf-8")
    >>> store = ProjectStore(root / "demo.sokwal")
    >>> _ = ingest(root, store=store)
    >>> _ = code_quote(store, "P02_2018_interview.txt", "subsidie", "financiering", coder="anna")
    >>> case_code_matrix(store, "project")  # doctest: +NORMALIZE_WHITESPACE
    code        financiering
    project_id
    P01                    0
    P02                    1
    >>> store.close()
    """
    _check_choice(case, ("document", "project"), "case")
    key = "doc_id" if case == "document" else "project_id"
    cases = store.documents()["doc_id"] if case == "document" else store.projects()["project_id"]
    frame = store.codings(
        coder=_as_list(coder, "coder"), origin=_as_list(origin, "origin"), with_metadata=True
    )
    present = frame[[key, "code"]].dropna().drop_duplicates()
    index = pd.Index(list(cases), name=key)
    columns = pd.Index(sorted(present["code"].unique()), name="code")
    values = np.zeros((len(index), len(columns)), dtype="int64")
    rows, cols = index.get_indexer(present[key]), columns.get_indexer(present["code"])
    keep = rows >= 0
    values[rows[keep], cols[keep]] = 1
    return pd.DataFrame(values, index=index, columns=columns)


# -- figures ---------------------------------------------------------------------------


def _axes(ax: Axes | None, size: tuple[float, float]) -> Axes:
    if ax is not None:
        return ax
    import matplotlib.pyplot as plt  # here: importing the module needs no matplotlib

    _, new = plt.subplots(figsize=size)
    return new


def plot_frequencies(
    freq_frame: pd.DataFrame, *, ax: Axes | None = None, top: int | None = None
) -> Axes:
    """A horizontal bar chart of a :func:`code_frequencies` table.

    Bars are stacked by the values of the first ``by`` column (the others are summed);
    the most frequent code is at the top.

    Parameters
    ----------
    freq_frame : pandas.DataFrame
        What :func:`code_frequencies` returns (columns ``*by, code, n``).
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.
    top : int, optional
        Only the ``top`` codes with the largest total count.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> freq = pd.DataFrame({"project_id": ["P01", "P01", "P02"],
    ...                      "code": ["financiering", "samenwerking", "financiering"],
    ...                      "n": [3, 1, 2], "share": [0.75, 0.25, 1.0]})
    >>> ax = plot_frequencies(freq)
    >>> [t.get_text() for t in ax.get_yticklabels()]
    ['financiering', 'samenwerking']
    >>> plt.close("all")
    """
    from matplotlib.ticker import MaxNLocator

    missing = [c for c in ("code", "n") if c not in freq_frame.columns]
    if missing:
        raise ValueError(
            f"the table lacks the column(s) {', '.join(missing)}; pass what"
            " code_frequencies() returns"
        )
    if freq_frame.empty:
        raise ValueError("nothing to plot: the frequency table is empty (no codings)")
    if top is not None and top < 1:
        raise ValueError(f"top must be 1 or more, not {top}")
    by = list(freq_frame.columns[: list(freq_frame.columns).index("code")])
    group = by[0] if by else None
    totals = freq_frame.groupby("code")["n"].sum()
    codes = sorted(totals.index, key=lambda c: (-totals[c], c))[:top]
    data = freq_frame[freq_frame["code"].isin(codes)]
    labels = (
        data[group].map(lambda v: _MISSING_LABEL if pd.isna(v) else str(v))
        if group
        else pd.Series("", index=data.index)
    )
    table = data.assign(_group=labels).pivot_table(
        index="code", columns="_group", values="n", aggfunc="sum", fill_value=0
    )
    # groups in the table's own order (missing last), codes by total count
    table = table.reindex(index=codes, columns=list(dict.fromkeys(labels)), fill_value=0)
    ax = _axes(ax, (7.0, 1.5 + 0.4 * len(codes)))
    positions = np.arange(len(codes))
    left = np.zeros(len(codes))
    for name in table.columns:
        counts = table[name].to_numpy(dtype=float)
        ax.barh(positions, counts, left=left, label=str(name) if group else None)
        left += counts
    ax.set_yticks(positions, labels=codes)
    ax.invert_yaxis()
    ax.xaxis.set_major_locator(MaxNLocator(integer=True))  # counts: no 0.5 ticks
    ax.set_xlabel(_UNIT_LABELS.get(str(freq_frame.attrs.get("unit")), "Aantal"))
    ax.set_ylabel("Code")
    if group:
        ax.legend(title=group, frameon=False)
    return ax


def plot_cooccurrence(
    cooc_frame: pd.DataFrame, *, value: Literal["c", "n_ab"] = "c", ax: Axes | None = None
) -> Axes:
    """A heatmap of a :func:`cooccurrence` table with the value written in each cell.

    The diagonal (a code with itself) is left blank.

    Parameters
    ----------
    cooc_frame : pandas.DataFrame
        What :func:`cooccurrence` returns.
    value : {"c", "n_ab"}, default "c"
        Colour by the c-coefficient or by the number of co-occurrences.
    ax : matplotlib Axes, optional
        Draw here; a new figure when None.

    Returns
    -------
    matplotlib.axes.Axes

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt, pandas as pd
    >>> pairs = pd.DataFrame({"code_a": ["a"], "code_b": ["b"], "n_a": [2], "n_b": [1],
    ...                       "n_ab": [1], "c": [0.5]})
    >>> ax = plot_cooccurrence(pairs)
    >>> sorted(t.get_text() for t in ax.texts)
    ['0.50', '0.50']
    >>> plt.close("all")
    """
    matrix = cooccurrence_matrix(cooc_frame, value=value)
    if matrix.empty:
        raise ValueError("nothing to plot: no two codes occur together")
    size = len(matrix)
    ax = _axes(ax, (2.5 + 0.6 * size, 2.0 + 0.6 * size))
    values = matrix.to_numpy(dtype=float)
    masked = np.ma.masked_where(np.eye(size, dtype=bool), values)
    off = values[~np.eye(size, dtype=bool)]
    vmax = 1.0 if value == "c" else max(1.0, float(off.max()))
    image = ax.imshow(masked, cmap="Blues", vmin=0.0, vmax=vmax)
    for i in range(size):
        for j in range(size):
            if i == j:
                continue
            cell = values[i, j]
            text = f"{cell:.2f}" if value == "c" else f"{int(cell)}"
            colour = "white" if cell > 0.6 * vmax else "black"
            ax.text(j, i, text, ha="center", va="center", color=colour, fontsize=8)
    codes = [str(c) for c in matrix.index]
    ax.set_xticks(range(size), labels=codes, rotation=45, ha="right")
    ax.set_yticks(range(size), labels=codes)
    label = "c-coëfficiënt" if value == "c" else "Aantal keer samen"
    figure = ax.get_figure()
    if figure is not None:
        figure.colorbar(image, ax=ax, label=label)
    ax.set_title("Samen voorkomen van codes")
    return ax
