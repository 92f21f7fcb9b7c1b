"""The key file's passphrase: from the caller, the environment variable
``SOKWAL_KEY_PASSPHRASE`` or, on a terminal, a prompt; never from a file.

>>> get_passphrase("p.sokwal-key", "een lange demozin")
'een lange demozin'
"""

from __future__ import annotations

import getpass
import os
import sys
from os import PathLike
from pathlib import Path

from ..errors import KeyFileError

__all__ = ["HOW_TO_GIVE", "MIN_PASSPHRASE", "PASSPHRASE_ENV", "get_passphrase"]

#: The environment variable that holds the key file's passphrase.
PASSPHRASE_ENV = "SOKWAL_KEY_PASSPHRASE"
#: The shortest passphrase accepted for a new key file.
MIN_PASSPHRASE = 8
#: What to do when no passphrase could be had (the hint of the errors that say so).
HOW_TO_GIVE = (
    f"set the environment variable {PASSPHRASE_ENV}, or run the command in a terminal"
    " to be asked for it"
)


def _interactive() -> bool:
    """Whether a person can be asked: standard input is a terminal."""
    return sys.stdin is not None and sys.stdin.isatty()


def _ask(path: Path, new: bool) -> str | None:
    """Ask on the terminal (twice for a new passphrase); None when nothing was typed."""
    try:
        if not new:
            return getpass.getpass(f"Passphrase of the key file {path}: ") or None
        first = getpass.getpass(
            f"New passphrase for the key file {path} (empty: leave it unencrypted): "
        )
        if not first:
            return None
        if getpass.getpass("The same passphrase again: ") != first:
            raise KeyFileError(path, "the two passphrases differ", "run the command again")
    except EOFError:
        return None
    return first


def get_passphrase(
    path: str | PathLike[str], passphrase: str | None = None, *, new: bool = False
) -> str | None:
    """The passphrase for the key file at ``path``: ``passphrase`` when given, else the
    environment variable ``SOKWAL_KEY_PASSPHRASE``, else — only when standard input is a
    terminal — typed at a prompt (twice when ``new``). None when there is none.

    Raises
    ------
    KeyFileError
        A ``new`` passphrase shorter than :data:`MIN_PASSPHRASE` characters, or two
        different ones typed at the prompt.

    >>> get_passphrase("p.sokwal-key", "een lange demozin")
    'een lange demozin'
    """
    path = Path(path)
    secret = passphrase or os.environ.get(PASSPHRASE_ENV) or None
    if secret is None and _interactive():
        secret = _ask(path, new)
    if secret is not None and new and len(secret) < MIN_PASSPHRASE:
        raise KeyFileError(
            path,
            f"the passphrase is too short to protect the key file ({len(secret)} characters)",
            f"choose one of at least {MIN_PASSPHRASE} characters; a few words are best",
        )
    return secret
