"""REFI-QDA exchange with other qualitative-analysis programs.

REFI-QDA (https://www.qdasoftware.org) is the standard that ATLAS.ti, NVivo, MAXQDA,
QualCoder and others use to exchange codebooks (``.qdc``, an XML file) and whole
projects (``.qdpx``, a zip archive). This package reads and writes both: codebooks with
:mod:`sokwal_monitor.codebook.qdc` (re-exported here; the codebook package holds the
``.qdc`` format so that it needs no store), projects (documents, codes, codings, memos,
variables) in :mod:`.export` and :mod:`.importer`.

Codebooks (``.qdc``)
--------------------
:func:`read_qdc` turns a ``.qdc`` file into a :class:`~sokwal_monitor.codebook.Codebook`,
:func:`write_qdc` (or :meth:`Codebook.to_qdc <sokwal_monitor.codebook.Codebook.to_qdc>`)
writes one that validates against the standard's ``Codebook.xsd``. What maps to what:

- nested ``<Code>`` elements give the hierarchy (``parent``), in file order;
- the ``name``, ``guid`` and ``color`` attributes give ``name``, ``guid`` and ``color``;
- ``<Description>`` holds the definition followed by sections that only sokwal-monitor
  fills: ``Insluiten (sokwal):``, ``Uitsluiten (sokwal):``, ``Voorbeelden (sokwal):``
  (one ``- item`` a line) and ``Patronen (sokwal):`` (one JSON object a line), so that
  every field of every code survives a round trip. A description from another program
  (without these sections) becomes the definition, verbatim; a code without one gets
  the definition ``""``.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> from sokwal_monitor.codebook import load_codebook
>>> cb = load_codebook()
>>> with tempfile.TemporaryDirectory() as tmp:
...     back = read_qdc(write_qdc(cb, Path(tmp) / "sociale_kwaliteit.qdc"))
>>> back.codes == cb.codes
True

Projects (``.qdpx``)
--------------------
:func:`export_qdpx` writes a project store as a ``.qdpx`` that validates against the
standard's ``Project.xsd``; :func:`import_qdpx` (the store first, like every stage verb)
reads one (from ATLAS.ti, NVivo, MAXQDA, QualCoder or sokwal-monitor) into a store, in
one transaction, and says what it did in an :class:`ImportReport`. ``docs/refi-qda.md``
describes what maps to what.
"""

from __future__ import annotations

from ..codebook.qdc import read_qdc, write_qdc
from ..codebook.refi_sections import NO_DEFINITION
from ..codebook.refi_xml import CODEBOOK_NAMESPACE, PROJECT_NAMESPACE
from .archive import MAX_ENTRIES, MAX_TOTAL_SIZE
from .export import export_qdpx
from .importer import import_qdpx
from .report import ImportReport, RefiError

__all__ = [
    "CODEBOOK_NAMESPACE",
    "MAX_ENTRIES",
    "MAX_TOTAL_SIZE",
    "NO_DEFINITION",
    "PROJECT_NAMESPACE",
    "ImportReport",
    "RefiError",
    "export_qdpx",
    "import_qdpx",
    "read_qdc",
    "write_qdc",
]
