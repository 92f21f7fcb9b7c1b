"""Codebooks: codes with definitions, criteria, examples and patterns, in a hierarchy.

A codebook is read from YAML (the contract in ``DESIGN.md``) or from a CSV table with
the columns ``code, parent, definition, include, exclude, examples, patterns`` (list
cells separated by `` | ``, patterns as JSON). Loading validates everything at once:
every problem (a missing definition, an unknown key, a regex that does not compile, a
duplicate name, an unknown parent, a cycle in the hierarchy) becomes one line of a
single :class:`~sokwal_monitor.errors.CodebookError` naming the code, the field and
the line number, so a researcher can fix them all in one go. REFI-QDA ``.qdc``
codebooks (ATLAS.ti, NVivo, MAXQDA, QualCoder, ...) are read and written by
:func:`read_qdc` and :func:`write_qdc` (also ``load_codebook("x.qdc")`` and
:meth:`Codebook.to_qdc`); projects (``.qdpx``) by :mod:`sokwal_monitor.refi`.

The package is part of the base layer: it imports neither the store nor ``refi``.
``model.py`` holds the model, loading and validation; ``qdc.py`` the ``.qdc`` reader and
writer, with ``refi_xml.py`` (safe XML parsing, GUIDs), ``refi_sections.py`` (the code
descriptions) and ``refi_codes.py`` (``<Code>`` elements), which :mod:`sokwal_monitor.refi`
shares for whole projects.

Examples
--------
>>> cb = load_codebook(DEFAULT_CODEBOOK)
>>> cb.name, cb.language
('sociale_kwaliteit', 'nl')
>>> cb["zou_anders_doen"].parent
'leereffecten'
>>> "zou_anders_doen" in [c.name for c in cb.children("leereffecten")]
True
"""

from __future__ import annotations

from .model import (
    DEFAULT_CODEBOOK,
    PATTERN_KEYS,
    Code,
    Codebook,
    codebook_from_text,
    codebook_sha256,
    codebook_to_text,
    load_codebook,
)
from .qdc import read_qdc, write_qdc

__all__ = [
    "DEFAULT_CODEBOOK",
    "PATTERN_KEYS",
    "Code",
    "Codebook",
    "codebook_from_text",
    "codebook_sha256",
    "codebook_to_text",
    "load_codebook",
    "read_qdc",
    "write_qdc",
]
