"""Pseudonymization of transcripts and reports (AVG/GDPR), built on deduce.

- :func:`pseudonymize` replaces personal data in a store by stable pseudonyms;
- :func:`review` lists what was replaced, for the researcher to check;
- :class:`KeyFile` is the separate file with the originals, encrypted with a
  passphrase (:func:`encrypt_key_file` encrypts an older plain one);
- :func:`detect` finds personal data in one text;
- :func:`privacy_report` writes what was replaced, what was kept and what to review.
"""

from __future__ import annotations

from ..store import register_table
from .detect import CATEGORIES, Hit, Lists, detect
from .key_migration import encrypt_key_file
from .keyfile import KEY_SUFFIX, KeyFile
from .passphrase import PASSPHRASE_ENV, get_passphrase
from .report import PrivacyReport, privacy_report
from .review import review, review_occurrences
from .run import PseudonymizationReport, default_key_path, pseudonymize

__all__ = [
    "CATEGORIES",
    "KEY_SUFFIX",
    "PASSPHRASE_ENV",
    "Hit",
    "KeyFile",
    "Lists",
    "PrivacyReport",
    "PseudonymizationReport",
    "default_key_path",
    "detect",
    "encrypt_key_file",
    "get_passphrase",
    "privacy_report",
    "pseudonymize",
    "review",
    "review_occurrences",
]

register_table("pseudonyms", review, "pseudonyms in context, without originals", order=95)
