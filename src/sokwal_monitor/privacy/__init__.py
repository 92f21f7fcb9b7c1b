"""Pseudonymization of transcripts and reports (AVG/GDPR), built on deduce.

- :func:`pseudonymize` replaces personal data in a store by stable pseudonyms;
- :func:`review` lists what was replaced, for the researcher to check;
- :class:`KeyFile` is the separate file with the originals;
- :func:`detect` finds personal data in one text.
"""

from __future__ import annotations

from ..store import register_table
from .detect import CATEGORIES, Hit, Lists, detect
from .keyfile import KEY_SUFFIX, KeyFile
from .pseudonymize import PseudonymizationReport, default_key_path, pseudonymize
from .review import review, review_occurrences

__all__ = [
    "CATEGORIES",
    "KEY_SUFFIX",
    "Hit",
    "KeyFile",
    "Lists",
    "PseudonymizationReport",
    "default_key_path",
    "detect",
    "pseudonymize",
    "review",
    "review_occurrences",
]

# (issue 13, results step: registered here so `sokwal export pseudonyms` works on this
# branch; the privacy step registers the same table)
register_table("pseudonyms", review, "the pseudonyms with their contexts", order=95)
