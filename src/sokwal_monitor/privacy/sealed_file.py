"""Writing a sealed key file safely: a new file beside it, written and synced, renamed
over it and the folder synced; a signature that tells whether another program changed
the file meanwhile; the errors that say so; and overwriting an old plain file.

>>> import tempfile, pathlib
>>> path = pathlib.Path(tempfile.mkdtemp()) / "k.sokwal-key"
>>> signature(path) is None
True
>>> tmp = write_temp(path, b"sealed"); tmp.read_bytes(), tmp.parent == path.parent
(b'sealed', True)
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from ..errors import KeyFileError

__all__ = [
    "Signature",
    "changed_error",
    "fsync_dir",
    "not_written_error",
    "overwrite_zeros",
    "signature",
    "write_temp",
]

Signature = tuple[int, int, int] | None


def signature(path: Path) -> Signature:
    """What tells us whether a file changed since we read or wrote it (None: absent)."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_size, st.st_mtime_ns)


def fsync_dir(folder: Path) -> None:
    """Make a rename in ``folder`` durable (where the system allows it)."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(path: Path, blob: bytes) -> Path:
    """Write ``blob`` durably to a new hidden file beside ``path`` (mode 0600)."""
    fd, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(blob)
            f.flush()
            os.fsync(f.fileno())
    except BaseException:
        Path(name).unlink(missing_ok=True)
        raise
    return Path(name)


def changed_error(path: Path) -> KeyFileError:
    """The key file changed on disk while this program had it open."""
    return KeyFileError(
        path,
        "the key file was changed by another program while this one had it open",
        "close the other program (or notebook) and run again",
    )


def not_written_error(path: Path, err: OSError) -> KeyFileError:
    """The key file could not be written; the one on disk is as it was."""
    return KeyFileError(
        path,
        f"the key file could not be written ({err.strerror or err})",
        "check free disk space and permissions; the key file on disk was left as it was",
    )


def overwrite_zeros(f: Any, size: int) -> None:
    """Overwrite an open file's first ``size`` bytes with zeros, durably."""
    f.seek(0)
    block = b"\0" * (1 << 20)
    left = size
    while left > 0:
        f.write(block[: min(left, len(block))])
        left -= len(block)
    f.flush()
    os.fsync(f.fileno())
