"""Codes as REFI-QDA ``<Code>`` elements, in a codebook (``.qdc``) or a project: read
(with unique names and every problem found) and written (after checking that they can
be written faithfully)."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

from ..errors import CodebookError
from .model import COLOR_RE, GUID_RE, Code, Codebook, check_pattern, problem_line
from .refi_sections import FIELD_OF, code_description, parse_description
from .refi_xml import NOT_XML, derived_guid

__all__ = ["check_writable", "code_element", "codes_from_xml", "unique_names"]


def codes_from_xml(
    codes_el: ET.Element, ns: str, lines: dict[ET.Element, int], cb_name: str
) -> tuple[list[Code], list[str]]:
    """The codes under ``<Codes>``, depth first in file order, and the problems found
    (in line order)."""
    problems: list[str] = []
    found: list[tuple[ET.Element, str, int | None]] = []  # element, name, parent's index
    stack: list[tuple[ET.Element, int | None]] = [
        (el, None) for el in reversed(codes_el.findall(f"{ns}Code"))
    ]
    while stack:
        el, parent = stack.pop()
        name = el.get("name", "")
        if not name.strip():
            guid = el.get("guid")
            which = f" (guid {guid})" if guid else ""
            problems.append(problem_line(lines[el], None, "name", f"a <Code>{which} has no name"))
        found.append((el, name, parent))
        stack.extend((child, len(found) - 1) for child in reversed(el.findall(f"{ns}Code")))

    names = unique_names([(name, parent) for _, name, parent in found])
    codes: list[Code] = []
    guids: dict[str, str] = {}
    for (el, _, parent), name in zip(found, names, strict=True):
        line = lines[el]
        guid = (el.get("guid") or "").strip() or None
        color = (el.get("color") or "").strip() or None
        if guid is not None and not GUID_RE.fullmatch(guid):
            problems.append(problem_line(line, name, "guid", f"not a GUID: {guid!r}"))
        elif guid is not None:
            key = guid.strip("{}").lower()
            if key in guids:
                msg = f"GUID {guid} is also the GUID of code {guids[key]!r}"
                problems.append(problem_line(line, name, "guid", msg))
            guids.setdefault(key, name)
            if guid == derived_guid(cb_name, name):
                guid = None  # ours: derived again on writing
        if color is not None and not COLOR_RE.fullmatch(color):
            problems.append(
                problem_line(line, name, "color", f"not a colour like #1F77B4: {color!r}")
            )
        desc_el = el.find(f"{ns}Description")
        text = "".join(desc_el.itertext()) if desc_el is not None else ""
        fields, errors = parse_description(text)
        at = lines[desc_el] if desc_el is not None else line
        problems.extend(problem_line(at + n, name, fld, msg) for n, fld, msg in errors)
        codes.append(
            Code(
                name=name,
                definition=fields["definition"],
                parent=None if parent is None else names[parent],
                include=fields["include"],
                exclude=fields["exclude"],
                examples=fields["examples"],
                patterns=fields["patterns"],
                guid=guid,
                color=color,
            )
        )
    problems.sort(key=lambda t: int(m[1]) if (m := re.match(r"line (\d+)", t)) else 0)
    return codes, problems


def unique_names(raw: list[tuple[str, int | None]]) -> list[str]:
    """Unique names for ``(name, parent index)`` pairs given parents first (see read_qdc).

    >>> unique_names([("A", None), ("x", 0), ("B", None), ("x", 2), ("x", None)])
    ['A', 'A/x', 'B', 'B/x', 'x']
    >>> unique_names([("x", None), ("x", None), ("A/x", None), ("A", None), ("x", 3)])
    ['x', 'x (2)', 'A/x', 'A', 'A/x (2)']
    """
    counts = Counter(name for name, _ in raw)
    reserved = {name for name, n in counts.items() if n == 1}
    used: set[str] = set()
    out: list[str] = []
    for name, parent in raw:
        if counts[name] == 1:
            final = name
        else:
            base = name if parent is None else f"{out[parent]}/{name}"
            final, k = base, 2
            while final in used or final in reserved:
                final, k = f"{base} ({k})", k + 1
        used.add(final)
        out.append(final)
    return out


def code_element(parent: ET.Element, code: Code, guid: str) -> ET.Element:
    """Append ``code`` as a ``<Code>`` (with its ``<Description>``) to ``parent``."""
    attrs = {"guid": guid, "name": code.name, "isCodable": "true"}
    if code.color is not None:
        attrs["color"] = code.color
    el = ET.SubElement(parent, "Code", attrs)
    description = code_description(code)
    if description:
        ET.SubElement(el, "Description").text = description
    return el


def check_writable(codebook: Codebook, path: Path) -> None:
    """Raise a CodebookError listing all that keeps ``codebook`` from a faithful .qdc."""
    problems: list[str] = []

    def problem(code: str | None, fld: str, msg: str) -> None:
        who = f"code {code!r}, " if code is not None else ""
        problems.append(f"{who}field {fld!r}: {msg}")

    if not codebook.codes:
        problem(None, "codes", "the codebook has no codes, and a .qdc needs at least one")
    names = Counter(code.name for code in codebook.codes)
    parents = {code.name: code.parent for code in codebook.codes}
    guids: dict[str, str] = {}
    for code in codebook.codes:
        if not isinstance(code.name, str) or not code.name.strip():
            problem(None, "name", f"a code has an empty name ({code.name!r})")
        elif names[code.name] > 1:
            problem(code.name, "name", f"used by {names[code.name]} codes")
            names[code.name] = 1  # report once
        if code.parent is not None and code.parent not in parents:
            problem(code.name, "parent", f"unknown parent {code.parent!r}")
        for key, regex, form in (("guid", GUID_RE, "a GUID"), ("color", COLOR_RE, "#RRGGBB")):
            value = getattr(code, key)
            if value is not None and not (isinstance(value, str) and regex.fullmatch(value)):
                problem(code.name, key, f"must be {form}, not {value!r}")
        if isinstance(code.guid, str) and GUID_RE.fullmatch(code.guid):
            key = code.guid.strip("{}").lower()
            if key in guids:
                problem(code.name, "guid", f"the same GUID as code {guids[key]!r}")
            guids.setdefault(key, code.name)
        for line in code.definition.split("\n"):
            if line in FIELD_OF:
                problem(
                    code.name, "definition", f"the line {line!r} is reserved for sokwal's sections"
                )
        texts = [("name", code.name), ("definition", code.definition)]
        texts += [
            (key, item) for key in ("include", "exclude", "examples") for item in getattr(code, key)
        ]
        for key, text in texts:
            if isinstance(text, str) and (bad := NOT_XML.search(text)):
                problem(code.name, key, f"holds {bad.group()!r}, a character XML cannot store")
        for pattern in code.patterns:
            try:
                text = json.dumps(pattern, ensure_ascii=False)
            except (TypeError, ValueError) as exc:
                problem(code.name, "patterns", f"{pattern!r} cannot be written as JSON ({exc})")
                continue
            for _, fld, msg in check_pattern(pattern, lambda *_: None):
                problem(code.name, fld, msg)  # what read_qdc would refuse
            if bad := NOT_XML.search(text):
                problem(code.name, "patterns", f"holds {bad.group()!r}, which XML cannot store")
    in_cycle: set[str] = set()
    for start in parents:
        chain = [start]
        while (nxt := parents.get(chain[-1])) is not None and nxt in parents and nxt not in chain:
            chain.append(nxt)
        if nxt is not None and nxt in chain and nxt not in in_cycle:
            cycle = chain[chain.index(nxt) :]
            in_cycle.update(cycle)
            problem(cycle[0], "parent", "cycle in the hierarchy: " + " → ".join([*cycle, cycle[0]]))
    if problems:
        n = len(problems)
        raise CodebookError(
            path,
            f"the codebook cannot be written as REFI-QDA ({n} problem{'s' * (n != 1)}):\n  "
            + "\n  ".join(problems),
            "fix these and write it again",
        )
