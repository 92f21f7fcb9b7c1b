"""The ``<Description>`` of a code: the definition, then the sections that carry
sokwal-monitor's other fields (include, exclude, examples, patterns)."""

from __future__ import annotations

__all__ = ["FIELD_OF", "NO_DEFINITION", "SECTIONS", "code_description", "parse_description"]

import json
from typing import Any

from .model import Code, check_pattern

#: The definition an imported code gets when the file gives it none (a codebook in the
#: store needs a definition for every code); it is left out again on export.
NO_DEFINITION = "(no definition in the REFI-QDA file)"

#: The description sections that carry our fields beyond the definition, in write order.
SECTIONS = {
    "include": "Insluiten (sokwal):",
    "exclude": "Uitsluiten (sokwal):",
    "examples": "Voorbeelden (sokwal):",
    "patterns": "Patronen (sokwal):",
}
FIELD_OF = {marker: key for key, marker in SECTIONS.items()}


def code_description(code: Code) -> str:
    """The ``<Description>`` text: the definition, then our sections (see write_qdc).
    The stand-in :data:`NO_DEFINITION` of an imported code is not a definition."""
    definition = "" if code.definition == NO_DEFINITION else code.definition
    blocks = [definition] if definition else []
    for key in ("include", "exclude", "examples"):
        items = getattr(code, key)
        if items:
            lines = ["- " + item.replace("\n", "\n  ") for item in items]
            blocks.append("\n".join([SECTIONS[key], *lines]))
    if code.patterns:
        lines = [json.dumps(p, ensure_ascii=False) for p in code.patterns]
        blocks.append("\n".join([SECTIONS["patterns"], *lines]))
    return "\n\n".join(blocks)


def parse_description(text: str) -> tuple[dict[str, Any], list[tuple[int, str, str]]]:
    """Our fields from a ``<Description>``, and problems as ``(line, field, message)``
    with ``line`` counted from 0 at the description's first line.

    Without section markers the whole text is the definition:

    >>> parse_description("Vrije tekst.\\n\\nMet alinea's.")[0]["definition"]
    "Vrije tekst.\\n\\nMet alinea's."
    >>> fields, errors = parse_description("Def.\\n\\nInsluiten (sokwal):\\n- a\\n  b\\n- ")
    >>> fields["definition"], fields["include"], errors
    ('Def.', ['a\\nb', ''], [])
    """
    fields: dict[str, Any] = {"definition": text, **{key: [] for key in SECTIONS}}
    starts = [text.find(f"\n\n{marker}\n") for marker in SECTIONS.values()]
    starts = [i for i in starts if i >= 0]
    if any(text.startswith(f"{marker}\n") for marker in SECTIONS.values()):
        start, rest = 0, text
    elif starts:
        start = min(starts)
        rest = text[start + 2 :]
    else:
        return fields, []
    fields["definition"] = text[:start]
    errors: list[tuple[int, str, str]] = []
    seen: set[str] = set()
    offset = text[: len(text) - len(rest)].count("\n")  # the line of the first section
    for block in rest.rstrip("\n").split("\n\n"):
        head, _, body = block.partition("\n")
        key = FIELD_OF.get(head)
        if key is None or key in seen:
            what = f"a second {head!r}" if key else f"{head[:40]!r}"
            msg = f"the description has sokwal sections and then {what}; text after them"
            errors.append((offset, "definition", msg + " is not allowed"))
        else:
            seen.add(key)
            parse = _parse_patterns if key == "patterns" else _parse_items
            fields[key], errs = parse(body.split("\n"))
            errors.extend((offset + n, fld or key, f"in {head!r}: {msg}") for n, fld, msg in errs)
        offset += block.count("\n") + 2
    return fields, errors


def _parse_items(body: list[str]) -> tuple[list[str], list[tuple[int, str, str]]]:
    """The items of a list section; a problem as ``(body line from 1, field, message)``."""
    items: list[str] = []
    for n, line in enumerate(body, 1):
        if line.startswith("- ") or line == "-":
            items.append(line[2:])
        elif line.startswith("  ") and items:
            items[-1] += "\n" + line[2:]
        else:
            return items, [(n, "", "a line that is neither '- item' nor indented")]
    return items, []


def _parse_patterns(body: list[str]) -> tuple[list[dict[str, Any]], list[tuple[int, str, str]]]:
    """The patterns, one JSON object a line; problems as in :func:`_parse_items`."""
    patterns: list[dict[str, Any]] = []
    errors: list[tuple[int, str, str]] = []
    for n, line in enumerate(body, 1):
        try:
            pattern = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append((n, "patterns", f"not a JSON pattern ({exc})"))
            continue
        found = check_pattern(pattern, lambda *_, n=n: n)
        errors.extend((n, fld, msg) for _, fld, msg in found)
        if not found:
            patterns.append(pattern)
    return patterns, errors
