"""A ``.qdpx`` zip archive opened for import: hostile or incomplete archives refused,
unpacking held to size limits (patch the limits here to try them scaled down)."""

from __future__ import annotations

import re
import stat
import urllib.parse
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from ..ingestion.readers import MAX_MEMBER_SIZE, MAX_RATIO, RATIO_MIN_SIZE
from .report import _AGAIN, _HOSTILE, RefiError

#: Importing stops when the members it unpacks (the project XML and the texts) would come
#: to more than this in total; each member is also held to the limits the document
#: readers use (``MAX_MEMBER_SIZE`` and ``MAX_RATIO`` in ``readers/_sniff.py``).
MAX_TOTAL_SIZE = 1 << 30
#: A ``.qdpx`` with more entries than this is refused before anything is unpacked.
MAX_ENTRIES = 50_000


class _Archive:
    """A ``.qdpx`` opened for reading, with its entries checked and unpacking limited."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.unpacked = 0
        try:
            with path.open("rb") as handle:
                head = handle.read(4)
        except OSError as exc:
            cause = "is a folder" if path.is_dir() else f"could not be read ({exc.strerror or exc})"
            raise RefiError(path, f"the file {cause}", "name a .qdpx file") from exc
        if not head:
            raise RefiError(path, "the file is empty", _AGAIN)
        if not head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
            what = (
                "XML" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "something else"
            )
            raise RefiError(
                path,
                f"not a REFI-QDA project: a .qdpx is a zip archive, this file is {what}",
                "a codebook is a .qdc file (sokwal import FILE.qdc, or load_codebook in Python);"
                " otherwise " + _AGAIN,
            )
        try:
            self.zip = zipfile.ZipFile(path)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, OSError) as exc:
            raise RefiError(path, "the zip archive is damaged or incomplete", _AGAIN) from exc
        try:
            self.qde, self.base = self._check()
        except BaseException:
            self.zip.close()
            raise
        self.names = {info.filename: info for info in self.zip.infolist()}
        folder = f"{self.base}sources/".casefold()
        self.has_sources = any(
            name.casefold().startswith(folder) and not info.is_dir()
            for name, info in self.names.items()
        )
        self.folded = {name.casefold(): info for name, info in reversed(self.names.items())}

    def _check(self) -> tuple[zipfile.ZipInfo, str]:
        """Refuse what is hostile or incomplete; the project file and its folder."""
        infos = self.zip.infolist()
        if len(infos) > MAX_ENTRIES:
            raise RefiError(
                self.path,
                f"refused: the archive holds {len(infos)} entries (the limit is {MAX_ENTRIES})",
                _AGAIN,
            )
        for info in infos:
            if _unsafe(info.filename):
                raise RefiError(
                    self.path,
                    f"refused: the archive holds an entry that would land outside its folder "
                    f"({info.filename!r}); archives are built like this to overwrite other "
                    "files when unpacked",
                    _HOSTILE,
                )
        files = [info for info in infos if not info.is_dir()]
        if not files:
            raise RefiError(self.path, "the zip archive is empty", _AGAIN)
        qdes = [info for info in files if info.filename.lower().endswith(".qde")]
        if not qdes:
            raise RefiError(
                self.path,
                "the zip archive holds no project file (*.qde), so it is not a REFI-QDA project",
                _AGAIN,
            )
        if len(qdes) > 1:
            names = ", ".join(info.filename for info in qdes)
            raise RefiError(
                self.path,
                f"the archive holds {len(qdes)} project files ({names}); a REFI-QDA project "
                "has exactly one",
                _AGAIN,
            )
        folder = PurePosixPath(qdes[0].filename.replace("\\", "/")).parent.as_posix()
        return qdes[0], "" if folder == "." else folder + "/"

    def __enter__(self) -> _Archive:
        return self

    def __exit__(self, *exc: object) -> None:
        self.zip.close()

    def source(self, reference: str) -> zipfile.ZipInfo | None:
        """The member an ``internal://`` reference names (in ``Sources/`` or
        ``sources/``, exact case first); None when there is none."""
        if _unsafe(reference) or _unsafe(urllib.parse.unquote(reference)) or not reference.strip():
            raise RefiError(
                self.path,
                f"refused: the project refers to a source file outside the archive's Sources "
                f"folder (internal://{reference})",
                _HOSTILE,
            )
        rel = reference.replace("\\", "/")
        for folder in ("Sources", "sources"):
            info = self.names.get(f"{self.base}{folder}/{rel}")
            if info is not None:
                return info
        return self.folded.get(f"{self.base}sources/{rel}".casefold())

    def relative(
        self, reference: str, owner: str, shown: str | None = None
    ) -> zipfile.ZipInfo | None:
        """The member a relative path (``interview_03.txt``, ``relative://a.txt``,
        ``Sources/a.txt``) names inside the archive's sources folder, compared without
        case; None when it is not there. A path that would leave the folder (``..``, also
        percent-encoded, an absolute path, a drive letter, another scheme) is refused,
        naming ``owner`` (the source) and the path (``shown``, else ``reference``).

        >>> import tempfile, zipfile
        >>> from pathlib import Path
        >>> qdpx = Path(tempfile.mkdtemp()) / "a.qdpx"
        >>> with zipfile.ZipFile(qdpx, "w") as z:
        ...     z.writestr("project.qde", "<Project/>")
        ...     z.writestr("sources/Interview_03.TXT", "I: Hoe?")
        >>> with _Archive(qdpx) as archive:
        ...     archive.relative("interview_03.txt", "P03").filename
        'sources/Interview_03.TXT'
        """
        decoded = urllib.parse.unquote(reference).strip()
        if (
            not decoded
            or _unsafe(reference)
            or _unsafe(decoded)
            or re.match(r"[A-Za-z][A-Za-z0-9+.-]*:", decoded) is not None
        ):
            raise RefiError(
                self.path,
                f"refused: source {owner!r} refers to its text as {shown or reference!r}, a path "
                "that leaves the archive's Sources folder; texts outside the archive are never "
                "read",
                _HOSTILE,
            )
        rel = decoded.replace("\\", "/")
        while rel.startswith("./"):
            rel = rel[2:]
        if rel.casefold().startswith("sources/"):
            rel = rel[len("sources/") :]
        info = self.folded.get(f"{self.base}sources/{rel}".casefold())
        if info is not None and _is_link(info):
            raise RefiError(
                self.path,
                f"refused: source {owner!r} refers to {info.filename}, a symbolic link in the "
                "archive; texts outside the archive are never read",
                _HOSTILE,
            )
        return info

    def read(self, info: zipfile.ZipInfo) -> bytes:
        """Unpack one member, within the size limits (a symbolic link is refused)."""
        name, size = info.filename, info.file_size
        if _is_link(info):
            raise RefiError(
                self.path,
                f"refused: {name} inside the archive is a symbolic link; texts outside the "
                "archive are never read",
                _HOSTILE,
            )
        if size > MAX_MEMBER_SIZE:
            raise RefiError(
                self.path,
                f"refused: {name} inside the archive would unpack to {_size(size)} "
                f"(the limit is {_size(MAX_MEMBER_SIZE)})",
                "split the project into smaller ones and export them one by one",
            )
        if size > RATIO_MIN_SIZE and size > MAX_RATIO * max(info.compress_size, 1):
            raise RefiError(
                self.path,
                f"refused: {name} inside the archive is compressed more than {MAX_RATIO} "
                f"times ({_size(size)} from {_size(info.compress_size)}; possibly a zip "
                "bomb, made to fill the memory)",
                _HOSTILE,
            )
        if self.unpacked + size > MAX_TOTAL_SIZE:
            raise RefiError(
                self.path,
                f"refused: the project file and its texts would unpack to more than "
                f"{_size(MAX_TOTAL_SIZE)} in all",
                "split the project into smaller ones and export them one by one",
            )
        try:
            with self.zip.open(info) as stream:
                data = stream.read(size + 1)
        except RuntimeError as exc:  # "File ... is encrypted, password required"
            raise RefiError(self.path, f"{name} inside the archive is encrypted", _AGAIN) from exc
        except (zipfile.BadZipFile, NotImplementedError, zlib.error, EOFError, OSError) as exc:
            raise RefiError(
                self.path, f"{name} inside the archive is damaged and cannot be unpacked", _AGAIN
            ) from exc
        self.unpacked += len(data)
        return data


def _size(n: int) -> str:
    """A size in words: ``_size(3 << 20) == '3 MB'``, ``_size(300) == '300 bytes'``."""
    return f"{n / (1 << 20):.0f} MB" if n >= 1 << 20 else f"{n} bytes"


def _is_link(info: zipfile.ZipInfo) -> bool:
    """Whether a zip entry is a symbolic link (Unix mode bits in its external attributes)."""
    return stat.S_ISLNK(info.external_attr >> 16)


def _unsafe(name: str) -> bool:
    """True for a path that would leave the folder it is unpacked in.

    >>> [_unsafe(n) for n in ("Sources/a.txt", "../a.txt", "/etc/passwd", "C:\\\\x", "a/../../b")]
    [False, True, True, True, True]
    """
    posix = name.replace("\\", "/")
    return (
        posix.startswith("/")
        or re.match(r"[A-Za-z]:", posix) is not None
        or ".." in posix.split("/")
        or "\x00" in posix
    )
