"""The codebook model: :class:`Code` and :class:`Codebook`, loading and validating them
from YAML, CSV or REFI-QDA ``.qdc`` (see :mod:`.qdc`), writing them back, and the
text form kept in the store (:func:`codebook_to_text`, :func:`codebook_sha256`).

The REFI-QDA forms (:data:`GUID_RE`, :data:`COLOR_RE`), :func:`check_pattern` and
:func:`problem_line` are public for the ``.qdc`` modules of this package.
"""

from __future__ import annotations

import csv
import difflib
import hashlib
import html
import json
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from ..errors import CodebookError, UnsupportedFormatError

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "DEFAULT_CODEBOOK",
    "PATTERN_KEYS",
    "Code",
    "Codebook",
    "codebook_from_text",
    "codebook_sha256",
    "codebook_to_text",
    "load_codebook",
]


#: The default Dutch codebook for outcomes and learning effects of social-quality projects.
def _default_codebook() -> Path:
    """The bundled codebook: inside the installed package (a wheel), or in the
    repository's ``codebooks/`` folder (a checkout or an editable install)."""
    here = Path(__file__).resolve().parents[1]  # the sokwal_monitor package
    packaged = here / "codebooks" / "sociale_kwaliteit.yaml"
    return packaged if packaged.exists() else here.parents[1] / "codebooks" / packaged.name


DEFAULT_CODEBOOK = _default_codebook()
#: The kinds of pattern a code may carry.
PATTERN_KEYS = ("lemma", "phrase", "regex", "tokens")
_CODE_KEYS = (
    "name",
    "parent",
    "definition",
    "include",
    "exclude",
    "examples",
    "patterns",
    "guid",
    "color",
)
_LIST_FIELDS = ("include", "exclude", "examples")
_TOP_KEYS = ("name", "version", "language", "codes")
_COLUMNS = ["code", "parent", "definition", "include", "exclude", "examples", "patterns"]
_SEP = " | "
# The REFI-QDA forms (GUIDType and RGBType in Codebook.xsd): a GUID with or without braces,
# and a colour #RRGGBB (the standard also allows the short #RGB).
GUID_RE = re.compile(
    r"(?:[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12})"
    r"|(?:\{[0-9a-fA-F]{8}-(?:[0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\})"
)
COLOR_RE = re.compile(r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})")

_PathLike = str | PathLike[str]


@dataclass
class Code:
    """One code: a name, a definition, optional parent, criteria, examples and patterns.

    ``guid`` and ``color`` are the code's REFI-QDA identity and colour (``#RRGGBB``); they
    are kept from a ``.qdc`` file so that exporting it again gives the other program the
    same codes back.
    """

    name: str
    definition: str
    parent: str | None = None
    include: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)
    patterns: list[dict[str, Any]] = field(default_factory=list)
    guid: str | None = None
    color: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The YAML form: ``name`` and ``definition`` always, the rest when set."""
        out: dict[str, Any] = {"name": self.name}
        if self.parent is not None:
            out["parent"] = self.parent
        out["definition"] = self.definition
        for key in (*_LIST_FIELDS, "patterns"):
            if getattr(self, key):
                out[key] = list(getattr(self, key))
        for key in ("guid", "color"):
            if getattr(self, key) is not None:
                out[key] = getattr(self, key)
        return out


@dataclass
class Codebook:
    """A named, versioned list of codes; index by code name, iterate in file order."""

    name: str | None = None
    version: str | int | None = None
    language: str | None = None
    codes: list[Code] = field(default_factory=list)

    def __getitem__(self, name: str) -> Code:
        for code in self.codes:
            if code.name == name:
                return code
        close = difflib.get_close_matches(name, [c.name for c in self.codes], n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        raise KeyError(f"no code {name!r} in codebook {self.name!r}{hint}")

    def __contains__(self, name: object) -> bool:
        return any(code.name == name for code in self.codes)

    def __iter__(self) -> Iterator[Code]:
        return iter(self.codes)

    def __len__(self) -> int:
        return len(self.codes)

    def children(self, name: str | None) -> list[Code]:
        """The codes whose parent is ``name`` (``None``: the top-level codes)."""
        if name is not None:
            self[name]  # raises KeyError for an unknown code
        return [code for code in self.codes if code.parent == name]

    def walk(self) -> Iterator[tuple[int, Code]]:
        """``(depth, code)`` depth-first through the hierarchy, in file order per level."""

        def visit(parent: str | None, depth: int) -> Iterator[tuple[int, Code]]:
            for code in self.children(parent):
                yield depth, code
                yield from visit(code.name, depth + 1)

        return visit(None, 0)

    def to_frame(self) -> pd.DataFrame:
        """One row per code: ``code, parent, definition, include, exclude, examples, patterns``."""
        import pandas as pd

        rows = [
            (c.name, c.parent, c.definition, *lists, [dict(p) for p in c.patterns])
            for c in self.codes
            for lists in [[list(c.include), list(c.exclude), list(c.examples)]]
        ]
        return pd.DataFrame(rows, columns=_COLUMNS)

    def _repr_html_(self) -> str:
        esc = html.escape
        title = esc(f"Codebook {self.name or ''} (version {self.version}, {len(self)} codes)")
        head = "".join(f"<th>{h}</th>" for h in ("code", "definition", "criteria", "patterns"))
        rows = []
        for depth, c in self.walk():
            crit = "".join(f"<li>+ {esc(t)}</li>" for t in c.include)
            crit += "".join(f"<li>− {esc(t)}</li>" for t in c.exclude)
            pats = "<br>".join(esc(json.dumps(p, ensure_ascii=False)) for p in c.patterns)
            rows.append(
                f'<tr><td style="padding-left:{0.3 + 1.5 * depth:.1f}em;text-align:left">'
                f"<b>{esc(c.name)}</b></td><td style='text-align:left'>{esc(c.definition)}</td>"
                f"<td style='text-align:left'><ul style='margin:0'>{crit}</ul></td>"
                f"<td style='text-align:left'><code>{pats}</code></td></tr>"
            )
        return f"<table><caption>{title}</caption><tr>{head}</tr>{''.join(rows)}</table>"

    def to_yaml(self, path: _PathLike) -> Path:
        """Write the codebook as contract YAML; returns the path."""
        top: dict[str, Any] = {k: getattr(self, k) for k in ("name", "version", "language")}
        doc = {k: v for k, v in top.items() if v is not None}
        doc["codes"] = [code.to_dict() for code in self.codes]
        text = yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)
        Path(path).write_text(text, encoding="utf-8")
        return Path(path)

    def to_csv(self, path: _PathLike) -> Path:
        """Write one row per code; list cells joined with `` | ``, patterns as JSON."""
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(_COLUMNS)
            for c in self.codes:
                cells = []
                for key in _LIST_FIELDS:
                    items = getattr(c, key)
                    if any(_SEP.strip() in item for item in items):
                        raise CodebookError(
                            path,
                            f"code {c.name!r}, field {key!r}: an item contains '|'",
                            "the CSV format cannot hold it; save as YAML instead",
                        )
                    cells.append(_SEP.join(items))
                pats = json.dumps(c.patterns, ensure_ascii=False) if c.patterns else ""
                writer.writerow([c.name, c.parent or "", c.definition, *cells, pats])
        return Path(path)

    def to_qdc(self, path: _PathLike) -> Path:
        """Write a REFI-QDA codebook (``.qdc``) for other QDA programs; returns the path.

        Delegates to :func:`sokwal_monitor.codebook.write_qdc`, which describes the mapping.

        Examples
        --------
        >>> import tempfile
        >>> from pathlib import Path
        >>> cb = Codebook("demo", codes=[Code("wonen", "Over het huis.", color="#1F77B4")])
        >>> with tempfile.TemporaryDirectory() as tmp:
        ...     back = load_codebook(cb.to_qdc(Path(tmp) / "demo.qdc"))
        >>> back == cb
        True
        """
        from .qdc import write_qdc

        return write_qdc(self, path)


def load_codebook(path: _PathLike = DEFAULT_CODEBOOK) -> Codebook:
    """Read and validate a codebook from ``.yaml``/``.yml``, ``.csv`` or REFI-QDA ``.qdc``.

    Raises :class:`CodebookError` listing every problem, one a line, each with the
    line number, the code and the field. A ``.qdc`` file is read by
    :func:`sokwal_monitor.codebook.read_qdc` (there a code needs no definition).
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix == ".qdc":
        from .qdc import read_qdc

        return read_qdc(p)
    if suffix not in (".yaml", ".yml", ".csv"):
        project = (
            " (a REFI-QDA project: import it with 'sokwal import FILE.qdpx --store S')"
            if suffix == ".qdpx"
            else ""
        )
        raise UnsupportedFormatError(
            p,
            f"no codebook reader for {suffix or 'files without a suffix'}{project}",
            "use a .yaml, .yml, .csv or REFI-QDA .qdc codebook",
        )
    try:
        text = p.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise CodebookError(p, f"the codebook could not be read ({exc})") from exc
    if not text.strip():
        raise CodebookError(p, "the codebook is empty", "add a 'codes:' list")
    return _load_csv(p, text) if suffix == ".csv" else _load_yaml(p, text)


# -- reading -------------------------------------------------------------------------


def _load_yaml(path: Path, text: str) -> Codebook:
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
        where = f"line {mark.line + 1}: " if mark is not None else ""
        what = getattr(exc, "problem", None) or str(exc)
        raise CodebookError(
            path,
            f"{where}YAML syntax error: {what}",
            "check indentation, colons and quotes around that line",
        ) from exc
    if data is None:
        raise CodebookError(path, "the codebook is empty", "add a 'codes:' list")
    if not isinstance(data, dict) or not isinstance(data.get("codes"), list):
        raise CodebookError(
            path,
            "line 1: the codebook must be a mapping with a 'codes:' list",
            "start with 'name: ...' and 'codes:' followed by '- name: ...' items",
        )
    problems = [
        problem_line(
            _line(root, key), None, key, f"unknown top-level key{_suggest(key, _TOP_KEYS)}"
        )
        for key in data
        if key not in _TOP_KEYS
    ]
    codes_node = _child(root, "codes")

    def locate(index: int, *keys: str | int) -> int:
        return _line(_child(codes_node, index), *keys)

    return _build(path, data, data["codes"], locate, problems)


def _load_csv(path: Path, text: str) -> Codebook:
    reader = csv.DictReader(text.splitlines(keepends=True))
    missing = [c for c in ("code", "definition") if c not in (reader.fieldnames or [])]
    if missing:
        raise CodebookError(
            path,
            f"line 1: the CSV lacks the column(s) {', '.join(missing)}",
            f"the header should be: {','.join(_COLUMNS)}",
        )
    raws: list[dict[str, Any]] = []
    lines: list[int] = []
    problems: list[str] = []
    for row in reader:
        lines.append(reader.line_num)
        raw: dict[str, Any] = {"name": row.get("code") or None}
        raw["definition"] = row.get("definition") or None
        raw["parent"] = (row.get("parent") or "").strip() or None
        for key in _LIST_FIELDS:
            cell = (row.get(key) or "").strip()
            raw[key] = [item.strip() for item in cell.split(_SEP.strip())] if cell else []
        cell = (row.get("patterns") or "").strip()
        try:
            raw["patterns"] = json.loads(cell) if cell else []
        except json.JSONDecodeError as exc:
            problems.append(
                problem_line(reader.line_num, raw["name"], "patterns", f"not valid JSON ({exc})")
            )
            raw["patterns"] = []
        raws.append(raw)
    return _build(path, {"name": path.stem}, raws, lambda i, *_: lines[i], problems)


# -- validation ----------------------------------------------------------------------


def _build(
    path: Path, top: Mapping[str, Any], raws: list[Any], locate: Any, problems: list[str]
) -> Codebook:
    """Validate raw code mappings; ``locate(index, *keys)`` gives a line number."""
    codes: list[Code] = []
    first_line: dict[str, int] = {}
    parent_line: dict[str, int] = {}
    parents: dict[str, str] = {}
    for i, raw in enumerate(raws):
        if not isinstance(raw, dict):
            problems.append(problem_line(locate(i), f"#{i + 1}", "-", "a code must be a mapping"))
            continue
        name = raw.get("name")
        label = name if isinstance(name, str) and name.strip() else f"#{i + 1}"
        errs: list[tuple[int, str, str]] = []
        for key in raw:
            if key not in _CODE_KEYS:
                errs.append((locate(i, key), str(key), "unknown key" + _suggest(key, _CODE_KEYS)))
        for key in ("name", "definition"):
            if not isinstance(raw.get(key), str) or not raw[key].strip():
                errs.append((locate(i, key), key, "required, must be non-empty text"))
        parent = raw.get("parent")
        if parent is not None and not isinstance(parent, str):
            errs.append((locate(i, "parent"), "parent", "must be a code name"))
        for key in _LIST_FIELDS:
            value = raw.get(key) or []
            if isinstance(value, str):
                raw[key] = value = [value]
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                errs.append((locate(i, key), key, "must be a list of texts"))
        pats = raw.get("patterns") or []
        if not isinstance(pats, list):
            errs.append((locate(i, "patterns"), "patterns", "must be a list of patterns"))
            pats = []
        for j, pat in enumerate(pats):
            errs.extend(check_pattern(pat, lambda *k, j=j, i=i: locate(i, "patterns", j, *k)))
        for key, regex, form in (
            ("guid", GUID_RE, "a GUID like 0f8fad5b-d9cb-469f-a165-70867728950e"),
            ("color", COLOR_RE, "a colour like #1F77B4 (#RRGGBB)"),
        ):
            value = raw.get(key)
            if value is not None and not (isinstance(value, str) and regex.fullmatch(value)):
                errs.append((locate(i, key), key, f"must be {form}, not {value!r}"))
        problems.extend(problem_line(line, label, fld, msg) for line, fld, msg in errs)
        if label in first_line:
            problems.append(
                problem_line(
                    locate(i, "name"),
                    label,
                    "name",
                    f"duplicate code name (first defined on line {first_line[label]})",
                )
            )
            continue
        if label.startswith("#"):
            continue
        first_line[label] = locate(i, "name")
        if isinstance(parent, str):
            parents[label] = parent
            parent_line[label] = locate(i, "parent")
        if not errs:
            codes.append(
                Code(
                    name=label,
                    definition=raw["definition"].strip(),
                    parent=parent,
                    include=list(raw.get("include") or []),
                    exclude=list(raw.get("exclude") or []),
                    examples=list(raw.get("examples") or []),
                    patterns=list(pats),
                    guid=raw.get("guid"),
                    color=raw.get("color"),
                )
            )
    names = set(first_line)
    for child, par in parents.items():
        if par not in names:
            problems.append(
                problem_line(
                    parent_line[child], child, "parent", "unknown parent" + _suggest(par, names)
                )
            )
    reported: set[str] = set()
    for start in parents:
        chain = [start]
        while (nxt := parents.get(chain[-1])) is not None and nxt in names and nxt not in chain:
            chain.append(nxt)
        if nxt is not None and nxt in chain and not reported & set(chain):
            cycle = chain[chain.index(nxt) :]
            reported.update(cycle)
            problems.append(
                problem_line(
                    parent_line[cycle[0]],
                    cycle[0],
                    "parent",
                    "cycle in the hierarchy: " + " → ".join([*cycle, cycle[0]]),
                )
            )
    if problems:
        n = len(problems)
        problems.sort(key=lambda p: int(m[1]) if (m := re.match(r"line (\d+)", p)) else 0)
        raise CodebookError(
            path,
            f"the codebook does not validate ({n} problem{'s' * (n != 1)}):\n  "
            + "\n  ".join(problems),
            "fix these and load it again",
        )
    return Codebook(
        name=top.get("name"), version=top.get("version"), language=top.get("language"), codes=codes
    )


def check_pattern(pat: Any, locate: Any) -> list[tuple[int, str, str]]:
    """The problems of one pattern as ``(line, field, message)``; ``locate(*keys)``
    gives the line of the pattern (no keys) or of one of its keys.

    >>> check_pattern({"lemma": "leren"}, lambda *_: 3)
    []
    >>> check_pattern({"regex": "("}, lambda *_: 3)[0][:2]
    (3, 'patterns.regex')
    """
    if not isinstance(pat, dict) or not pat:
        return [(locate(), "patterns", f"a pattern must be one of {', '.join(PATTERN_KEYS)}")]
    errs: list[tuple[int, str, str]] = []
    unknown = [k for k in pat if k not in PATTERN_KEYS]
    for key in unknown:
        errs.append(
            (
                locate(key),
                f"patterns.{key}",
                f"unknown pattern key{_suggest(key, PATTERN_KEYS)}; "
                f"allowed: {', '.join(PATTERN_KEYS)}",
            )
        )
    if len(pat) > 1 and not unknown:
        errs.append((locate(), "patterns", f"one kind per pattern, not {', '.join(pat)}"))
    for key, value in pat.items():
        line, fld = locate(key), f"patterns.{key}"
        if key == "lemma":
            ok = (isinstance(value, str) and value.strip()) or (
                isinstance(value, list) and value and all(isinstance(v, str) for v in value)
            )
            if not ok:
                errs.append((line, fld, "must be a lemma or a list of lemmas"))
        elif key == "phrase" and (not isinstance(value, str) or not value.strip()):
            errs.append((line, fld, "must be a non-empty text"))
        elif key == "regex" and not isinstance(value, str):
            errs.append((line, fld, "must be a regular expression in quotes"))
        elif key == "regex":
            try:
                re.compile(value)
            except re.error as exc:
                errs.append((line, fld, f"does not compile: {exc}"))
        elif key == "tokens" and not (
            isinstance(value, list) and value and all(isinstance(t, dict) and t for t in value)
        ):
            errs.append((line, fld, "must be a list of token mappings like {LEMMA: doen}"))
    return errs


def problem_line(line: int | None, code: str | None, fld: str, msg: str) -> str:
    """One line of a :class:`CodebookError`: where, which code, which field, what.

    >>> problem_line(4, "wonen", "definition", "missing")
    "line 4, code 'wonen', field 'definition': missing"
    """
    where = f"line {line}" if line is not None else "line ?"
    who = f", code {code!r}" if code is not None else ""
    return f"{where}{who}, field {fld!r}: {msg}"


def _suggest(word: Any, choices: Any) -> str:
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1)
    return f" {word!r} (did you mean {close[0]!r}?)" if close else f" {word!r}"


def _child(node: Any, key: str | int) -> Any:
    """The value node under ``key`` (mapping) or at ``key`` (sequence); ``None`` if absent."""
    if isinstance(node, yaml.MappingNode) and isinstance(key, str):
        for k, v in node.value:
            if k.value == key:
                return v
    if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
        return node.value[key]
    return None


def _line(node: Any, *keys: str | int) -> int:
    """1-based line of the deepest node found along ``keys`` (the key's own line at the end)."""
    for n, key in enumerate(keys):
        last = n == len(keys) - 1
        if isinstance(node, yaml.MappingNode) and isinstance(key, str) and last:
            for k, _ in node.value:
                if k.value == key:
                    return int(k.start_mark.line) + 1
        nxt = _child(node, key)
        if nxt is None:
            break
        node = nxt
    return int(node.start_mark.line) + 1 if node is not None else 1


# -- the codebook as text (kept in the project store) --------------------------------


def codebook_to_text(codebook: Codebook) -> str:
    """The codebook as contract YAML text (what :meth:`Codebook.to_yaml` writes).

    >>> cb = codebook_from_text("codes: [{name: a, definition: Een code.}]")
    >>> codebook_to_text(cb)
    'codes:\\n- name: a\\n  definition: Een code.\\n'
    """
    top: dict[str, Any] = {k: getattr(codebook, k) for k in ("name", "version", "language")}
    doc = {k: v for k, v in top.items() if v is not None}
    doc["codes"] = [code.to_dict() for code in codebook.codes]
    return yaml.safe_dump(doc, allow_unicode=True, sort_keys=False, width=100)


def codebook_from_text(text: str, source: str = "<text>") -> Codebook:
    """Read and validate a codebook from contract YAML text; ``source`` names it in errors.

    >>> codebook_from_text("name: mini\\ncodes: [{name: a, definition: Een code.}]").name
    'mini'
    """
    if not text.strip():
        raise CodebookError(Path(source), "the codebook is empty", "add a 'codes:' list")
    return _load_yaml(Path(source), text)


def codebook_sha256(codebook: Codebook) -> str:
    """A fingerprint of the codebook's content: the SHA-256 of its YAML text.

    Two codebooks with the same codes, definitions and patterns have the same
    fingerprint, wherever and in what format they were stored.

    >>> cb = codebook_from_text("codes: [{name: a, definition: Een code.}]")
    >>> codebook_sha256(cb)[:8]
    'eae4e4a7'
    """
    return hashlib.sha256(codebook_to_text(codebook).encode("utf-8")).hexdigest()
