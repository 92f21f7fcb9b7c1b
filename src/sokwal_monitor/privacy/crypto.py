"""The encrypted key file's format: a passphrase-derived key, AES-256-GCM, a small header.

An encrypted key file is one sealed blob: the whole SQLite image of the key file,
encrypted with AES-256-GCM under a key derived from the passphrase by Argon2id (or by
scrypt where the installed ``cryptography`` lacks Argon2id). The header says how, so a
file written today can still be opened when the defaults change:

========  =====  ====================================================================
offset    bytes  field
========  =====  ====================================================================
0         8      magic ``SOKWLKEY``
8         1      format version (1)
9         1      KDF: 1 scrypt (n, r, p), 2 Argon2id (iterations, lanes, memory KiB)
10        12     the KDF's three parameters, unsigned 32-bit big-endian
22        16     random salt (new for every key file)
38        12     random nonce (new for every write)
50        16     passphrase check: 16 bytes of the KDF output that are not the AES key
66        8      the first 8 bytes of SHA-256 of bytes 0-65 (a damaged header is told
                 apart from a wrong passphrase)
74        ...    ciphertext and 16-byte GCM tag; the 74 header bytes are its associated
                 data, so no byte of the file can change unnoticed
========  =====  ====================================================================

>>> key = derive("correct horse battery staple", Kdf.scrypt(n=2**10))
>>> blob = seal(b"SQLite format 3\\x00...", key)
>>> blob[:8], unseal(blob, "correct horse battery staple", "k.sokwal-key")[0][:6]
(b'SOKWLKEY', b'SQLite')
"""

from __future__ import annotations

import hashlib
import hmac
import os
import struct
import unicodedata
from dataclasses import dataclass
from os import PathLike

from cryptography.exceptions import InvalidTag, UnsupportedAlgorithm
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from ..errors import KeyFileError

__all__ = ["HEADER_SIZE", "MAGIC", "DerivedKey", "Kdf", "derive", "is_sealed", "seal", "unseal"]

#: The first bytes of an encrypted key file.
MAGIC = b"SOKWLKEY"
_VERSION = 1
_SCRYPT, _ARGON2ID = 1, 2
_FIELDS = struct.Struct(">8sBBIII16s12s16s")
_DIGEST = 8
#: Bytes before the ciphertext.
HEADER_SIZE = _FIELDS.size + _DIGEST
_TAG = 16
_RESTORE = "restore the key file from a backup (without it the originals are lost)"
# parameters a file may ask for: beyond these it is refused (a hostile header must not
# make the KDF take all memory or all day)
_LIMITS = {
    _SCRYPT: ((2**10, 2**22), (1, 32), (1, 16)),
    _ARGON2ID: ((1, 64), (1, 64), (8 * 1024, 2 * 1024 * 1024)),
}


@dataclass(frozen=True)
class Kdf:
    """How a passphrase becomes a key: the function and its three parameters.

    >>> Kdf.default().name in ("argon2id", "scrypt")
    True
    """

    kind: int
    p1: int
    p2: int
    p3: int

    @property
    def name(self) -> str:
        """``"scrypt"`` or ``"argon2id"``."""
        return {_SCRYPT: "scrypt", _ARGON2ID: "argon2id"}.get(self.kind, f"kdf-{self.kind}")

    @classmethod
    def scrypt(cls, n: int = 2**17, r: int = 8, p: int = 1) -> Kdf:
        """scrypt with cost ``n`` (128 MiB of memory by default), block size ``r``, ``p``."""
        return cls(_SCRYPT, n, r, p)

    @classmethod
    def argon2id(cls, iterations: int = 3, lanes: int = 4, memory_kib: int = 64 * 1024) -> Kdf:
        """Argon2id (RFC 9106's second recommended setting by default: 64 MiB, t=3, p=4)."""
        return cls(_ARGON2ID, iterations, lanes, memory_kib)

    @classmethod
    def default(cls) -> Kdf:
        """Argon2id where the installed ``cryptography`` has it, else scrypt."""
        return cls.argon2id() if _argon2_available() else cls.scrypt()

    def check(self, path: str | PathLike[str]) -> None:
        """Refuse an unknown function or parameters outside the limits."""
        limits = _LIMITS.get(self.kind)
        if limits is None:
            raise KeyFileError(
                path,
                f"the key file uses an unknown key derivation ({self.kind})",
                "it was written by a newer sokwal-monitor: update sokwal-monitor",
            )
        values = (self.p1, self.p2, self.p3)
        if any(not lo <= v <= hi for v, (lo, hi) in zip(values, limits, strict=True)) or (
            self.kind == _SCRYPT and self.p1 & (self.p1 - 1)
        ):
            raise KeyFileError(
                path, f"the key file asks for unusable {self.name} parameters {values}", _RESTORE
            )

    def derive(self, secret: bytes, salt: bytes, length: int) -> bytes:
        """``length`` bytes derived from ``secret`` and ``salt``."""
        if self.kind == _SCRYPT:
            return Scrypt(salt=salt, length=length, n=self.p1, r=self.p2, p=self.p3).derive(secret)
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        return Argon2id(
            salt=salt, length=length, iterations=self.p1, lanes=self.p2, memory_cost=self.p3
        ).derive(secret)


def _argon2_available() -> bool:
    try:
        from cryptography.hazmat.primitives.kdf.argon2 import Argon2id

        Argon2id(salt=b"\0" * 16, length=32, iterations=1, lanes=1, memory_cost=8)
    except (ImportError, UnsupportedAlgorithm):
        return False
    return True


@dataclass(frozen=True, repr=False)
class DerivedKey:
    """A key derived from a passphrase, with what is needed to derive it again."""

    kdf: Kdf
    salt: bytes
    aes: bytes
    check: bytes

    def __repr__(self) -> str:  # never show the key
        return f"DerivedKey({self.kdf.name})"


def _secret(passphrase: str) -> bytes:
    """The passphrase as bytes, the same however the keyboard composed its accents."""
    return unicodedata.normalize("NFC", passphrase).encode("utf-8")


def derive(passphrase: str, kdf: Kdf | None = None, salt: bytes | None = None) -> DerivedKey:
    """Derive the AES-256 key (and the passphrase check) from a passphrase.

    >>> derive("een lange zin als wachtwoord", Kdf.scrypt(n=2**10)).kdf.name
    'scrypt'
    """
    kdf = kdf or Kdf.default()
    salt = os.urandom(16) if salt is None else salt
    out = kdf.derive(_secret(passphrase), salt, 48)
    return DerivedKey(kdf, salt, out[:32], out[32:])


def is_sealed(head: bytes) -> bool:
    """Whether a file starting with ``head`` is an encrypted key file.

    >>> is_sealed(b"SOKWLKEY\\x01"), is_sealed(b"SQLite format 3\\x00")
    (True, False)
    """
    return head.startswith(MAGIC)


def seal(data: bytes, key: DerivedKey) -> bytes:
    """Encrypt ``data`` with a fresh random nonce; return header + ciphertext.

    >>> key = derive("nog een lange zin", Kdf.scrypt(n=2**10))
    >>> len(seal(b"abc", key)) == HEADER_SIZE + 3 + 16
    True
    """
    nonce = os.urandom(12)
    kdf = key.kdf
    fields = _FIELDS.pack(
        MAGIC, _VERSION, kdf.kind, kdf.p1, kdf.p2, kdf.p3, key.salt, nonce, key.check
    )
    header = fields + hashlib.sha256(fields).digest()[:_DIGEST]
    return header + AESGCM(key.aes).encrypt(nonce, data, header)


def unseal(
    blob: bytes, passphrase: str | DerivedKey, path: str | PathLike[str]
) -> tuple[bytes, DerivedKey]:
    """Decrypt a sealed blob; return the data and the key (to seal again later).

    >>> blob = seal(b"originelen", derive("een lange zin", Kdf.scrypt(n=2**10)))
    >>> unseal(blob, "een lange zin", "k.sokwal-key")[0]
    b'originelen'
    >>> unseal(blob, "een andere zin", "k.sokwal-key")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    sokwal_monitor.errors.KeyFileError: k.sokwal-key: wrong passphrase for this key file; ...

    Raises
    ------
    KeyFileError
        A truncated or damaged file, a wrong passphrase, or a format of a newer version
        (the message names ``path`` and says what to do).
    """
    if len(blob) < HEADER_SIZE + _TAG:
        raise KeyFileError(
            path, f"the key file is truncated (only {len(blob)} bytes) or damaged", _RESTORE
        )
    fields, digest = blob[: _FIELDS.size], blob[_FIELDS.size : HEADER_SIZE]
    magic, version, kind, p1, p2, p3, salt, nonce, check = _FIELDS.unpack(fields)
    if magic != MAGIC:
        raise KeyFileError(path, "not an encrypted sokwal-monitor key file", _RESTORE)
    if not hmac.compare_digest(hashlib.sha256(fields).digest()[:_DIGEST], digest):
        raise KeyFileError(path, "the key file's header is damaged or was changed", _RESTORE)
    if version != _VERSION:
        raise KeyFileError(
            path,
            f"the key file has format version {version}, this sokwal-monitor reads {_VERSION}",
            "update sokwal-monitor",
        )
    kdf = Kdf(kind, p1, p2, p3)
    kdf.check(path)
    if isinstance(passphrase, DerivedKey) and (passphrase.kdf, passphrase.salt) == (kdf, salt):
        key = passphrase
    else:
        secret = passphrase if isinstance(passphrase, str) else ""
        try:
            key = derive(secret, kdf, salt)
        except UnsupportedAlgorithm as err:
            raise KeyFileError(
                path,
                f"the key file is encrypted with {kdf.name}, which this installation lacks",
                "install a recent version of the cryptography package",
            ) from err
        except MemoryError as err:
            raise KeyFileError(
                path, f"not enough memory to derive the key ({kdf.name})", "close other programs"
            ) from err
    if not hmac.compare_digest(key.check, check):
        raise KeyFileError(
            path,
            "wrong passphrase for this key file",
            "check SOKWAL_KEY_PASSPHRASE or what you typed (nothing was read or changed)",
        )
    try:
        data = AESGCM(key.aes).decrypt(nonce, blob[HEADER_SIZE:], blob[:HEADER_SIZE])
    except InvalidTag as err:
        raise KeyFileError(
            path,
            "the key file is damaged, truncated or was changed (it fails its integrity check)",
            _RESTORE,
        ) from err
    return data, key
