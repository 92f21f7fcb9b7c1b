"""Ingestion: files on disk into the project store.

Readers per format (``readers/``) turn a file into text with structure; speaker turns
and paragraphs come from ``transcripts.py``; metadata from projects and documents files
or file names (``metadata.py``); survey files from ``surveys.py``; the worker pool that
reads files in parallel is ``prepare.py``; ``sources.py`` walks the folders (leaving out
a folder's README, licence and change log) and ``siblings.py`` keeps one transcript per
recording; and ``run.py`` writes everything to the store in one transaction
(:func:`ingest`).

>>> from sokwal_monitor.ingestion import ingest, supported_suffixes
>>> ".docx" in supported_suffixes()
True
"""

from __future__ import annotations

from .readers import read_document, supported_suffixes
from .run import FileOutcome, IngestReport, ingest
from .surveys import SURVEY_SUFFIXES, load_survey, read_survey, survey_values, survey_variables

__all__ = [
    "SURVEY_SUFFIXES",
    "FileOutcome",
    "IngestReport",
    "ingest",
    "load_survey",
    "read_document",
    "read_survey",
    "supported_suffixes",
    "survey_values",
    "survey_variables",
]
