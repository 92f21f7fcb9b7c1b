"""Encrypting a plain key file in place (:func:`encrypt_key_file`): the plain image is
sealed into a new file beside it, read back and checked, renamed over the old one, and
the old plain data overwritten with zeros.
"""

from __future__ import annotations

import os
from os import PathLike
from pathlib import Path

from ..errors import KeyFileError
from .crypto import Kdf, derive, is_sealed, seal, unseal
from .keyfile import KeyFile, image_is_sound, plain_image
from .passphrase import HOW_TO_GIVE, get_passphrase
from .sealed_file import (
    changed_error,
    fsync_dir,
    not_written_error,
    overwrite_zeros,
    signature,
    write_temp,
)

__all__ = ["encrypt_key_file"]


def encrypt_key_file(
    path: str | PathLike[str], passphrase: str | None = None, *, kdf: Kdf | None = None
) -> bool:
    """Encrypt a plain key file in place; return False when it already was encrypted.

    The plain database is read (SQLite's own consistent image of it), sealed into a new
    file beside it, and that file is read back and decrypted with the passphrase again
    and compared byte for byte. Only then does it take the key file's name (an atomic
    rename), and the old plain file, still open, is overwritten with zeros before it is
    let go. If anything fails before the rename, the plain key file is as it was.

    Parameters
    ----------
    path : path
        The key file.
    passphrase : str, optional
        The new passphrase; by default ``SOKWAL_KEY_PASSPHRASE`` or a prompt (twice).
    kdf : Kdf, optional
        The key derivation (default: :meth:`Kdf.default`).

    Raises
    ------
    KeyFileError
        No passphrase, a short one, no key file, or (for an encrypted one) a wrong one.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> KeyFile(folder / "oud.sokwal-key", encrypt=False).close()
    >>> encrypt_key_file(folder / "oud.sokwal-key", "een lange demozin")
    True
    >>> encrypt_key_file(folder / "oud.sokwal-key", "een lange demozin")
    False
    """
    path = Path(path)
    if not path.is_file():
        raise KeyFileError(path, "no key file here", "check the --key path")
    with open(path, "rb") as f:
        sealed = is_sealed(f.read(16))
    if sealed:
        KeyFile(path, passphrase).close()  # the passphrase must open it
        return False
    KeyFile(path).close()  # a plain key file (else refused here, untouched)
    secret = get_passphrase(path, passphrase, new=True)
    if secret is None:
        raise KeyFileError(path, "no passphrase to encrypt the key file with", HOW_TO_GIVE)
    image = plain_image(path)
    before = signature(path)
    try:
        tmp = write_temp(path, seal(image, derive(secret, kdf)))
    except OSError as err:
        raise not_written_error(path, err) from err
    try:
        again, _ = unseal(tmp.read_bytes(), secret, tmp)  # from disk, key derived anew
        ok = image_is_sound(tmp, again)
        if again != image or not ok:
            raise KeyFileError(
                path,
                "the encrypted copy did not read back the same",
                "nothing was changed; check the disk and run again",
            )
        with open(path, "r+b") as old:  # keep the plain data reachable to overwrite it
            if signature(path) != before:
                raise changed_error(path)
            size = os.fstat(old.fileno()).st_size
            if os.name == "nt":  # Windows renames over closed files only
                old.close()
            os.replace(tmp, path)
            fsync_dir(path.parent)
            if not old.closed:
                overwrite_zeros(old, size)
    except OSError as err:
        raise not_written_error(path, err) from err
    finally:
        tmp.unlink(missing_ok=True)
    return True
