"""The regex prefilter of the rule coder: a codebook's regexes in one Hyperscan
database, compiled in prefilter mode (a match is possible, Python's ``regex`` decides),
scanned over an ASCII copy of the text in which every non-ASCII character stands in as
one byte the patterns treat alike; the database kept per process and in a checksummed
disk cache. Without Hyperscan (or for a pattern it refuses) the coder's slower path
decides alone.

>>> _shadow("Caf\u00e9")
b'Caf_'
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

import regex

#: A decimal digit other than 0-9 (``\d`` in a pattern matches it too).
_OTHER_DIGIT = re.compile(r"[^\D0-9]")  # one set: far faster than (?![0-9])\d

#: The characters a non-ASCII character stands for in the ASCII copy of a text that
#: Hyperscan scans (see :func:`_shadow`); a pattern with one of them in a negated set
#: (``[^_]``) is left to the slower path.
_STAND_INS = "0 _\x7f"
_SHADOW = "sokwal-hyperscan-shadow"

#: Inline flags of a pattern (``(?i)``, ``(?-i:``, ``(?x)``): only ``i`` is left to Hyperscan.
_INLINE_FLAGS = re.compile(r"\(\?([a-zA-Z-]*)[:)]")


def _stand_in(char: str) -> str:
    r"""The ASCII character that ``char`` (not ASCII) stands for: wherever a pattern of
    ASCII characters matches ``char`` (Python's regex module, ignoring case), it
    matches the stand-in (Hyperscan, ASCII): the ASCII letter it is a case variant
    of (the Kelvin sign K), else ``0`` for a digit, a space for white space, ``_``
    for another word character and DEL for anything else.

    >>> "".join(_stand_in(c) for c in "\u212a\u0663\u00a0\u00e9\u2019").encode()
    b'k0 _\x7f'

    """
    for letter in "abcdefghijklmnopqrstuvwxyz":
        if regex.fullmatch(letter, char, regex.I):
            return letter
    for category, stand_in in ((r"\d", "0"), (r"\s", " "), (r"\w", "_")):
        if regex.fullmatch(category, char):
            return stand_in
    return "\x7f"


_STAND_IN_CACHE: dict[str, str] = {}


def _shadow_error(err: UnicodeError) -> tuple[str, int]:
    """The codec error handler of :func:`_shadow`: each non-ASCII character by its
    stand-in."""
    assert isinstance(err, UnicodeEncodeError)
    cache = _STAND_IN_CACHE
    out = []
    for char in err.object[err.start : err.end]:
        stand_in = cache.get(char)
        if stand_in is None:
            if len(cache) > 100_000:  # a bound on memory for hostile text
                cache.clear()
            stand_in = cache[char] = _stand_in(char)
        out.append(stand_in)
    return "".join(out), err.end


def _shadow(text: str) -> bytes:
    r"""``text`` as ASCII, one byte per character, each non-ASCII character by its
    :func:`_stand_in`: a pattern of ASCII characters that Hyperscan may prefilter
    matches here wherever Python's regex matches in ``text``.

    >>> _shadow("Caf\u00e9 \u2018twintig\u2019\u00a0mensen")
    b'Caf_ \x7ftwintig\x7f mensen'
    """
    return text.encode("ascii", _SHADOW)


def _hyperscan_ok(pattern: str) -> bool:
    r"""Whether Hyperscan may prefilter ``pattern``: ASCII, read alike by Python's
    ``re`` parser (no syntax of the regex module only), with no inline flag but
    ``i``, no character that is not ASCII (also as ``\\xe9``) and no
    :data:`_STAND_INS` in a negated set. On an ASCII text such a pattern
    means the same to both engines; on another text's :func:`_shadow` it matches
    wherever it matches in the text, and maybe elsewhere too.

    >>> _hyperscan_ok(r"\b\d+\s+(deelnemers|bezoekers)\b"), _hyperscan_ok("w\u00e9l")
    (True, False)
    >>> _hyperscan_ok(r"(?x) a b"), _hyperscan_ok(r"(?-i:WMO)"), _hyperscan_ok(r"a{e<=1}")
    (False, True, False)
    >>> _hyperscan_ok(r"[^.?!\d]+"), _hyperscan_ok(r"[^_]"), _hyperscan_ok(r"[^\x00-\x2f]")
    (True, False, False)
    """
    from re import _parser  # type: ignore[attr-defined]

    from .patterns import _only_repeat_braces

    if not pattern.isascii() or not _only_repeat_braces(pattern):
        return False
    if any(set(flags) - {"i", "-"} for flags in _INLINE_FLAGS.findall(pattern)):
        return False
    try:
        parsed = _parser.parse(pattern)
    except Exception:
        return False
    return not _not_for_hyperscan(parsed)


def _not_for_hyperscan(items: Any) -> bool:
    """Whether a parsed pattern names a character that is not ASCII (``\\xe9``,
    ``\\u00e9``, a range that reaches past ASCII) or has a negated set that holds
    one of :data:`_STAND_INS` (looking into every group, repeat, branch and
    lookaround)."""
    from re import _constants as c  # type: ignore[attr-defined]
    from re import _parser  # type: ignore[attr-defined]

    codes = {ord(ch) for ch in _STAND_INS}
    for op, av in items:
        if op in (c.LITERAL, c.NOT_LITERAL) and (
            av >= 0x80 or (op is c.NOT_LITERAL and av in codes)
        ):
            return True
        if op is c.IN:
            negated = bool(av) and av[0][0] is c.NEGATE
            for kind, value in av:
                if kind is c.LITERAL and (value >= 0x80 or (negated and value in codes)):
                    return True
                if kind is c.RANGE and (
                    value[1] >= 0x80 or (negated and any(value[0] <= n <= value[1] for n in codes))
                ):
                    return True
        # groups, repeats, branches, lookarounds: whatever parsed sequences they hold
        nested = av if isinstance(av, (tuple, list)) else ()
        for part in nested:
            parts = part if isinstance(part, list) else [part]
            for sub in parts:
                if isinstance(sub, _parser.SubPattern) and _not_for_hyperscan(sub):
                    return True
    return False


def _on_match(id_: int, start: int, end: int, flags: int, found: list[tuple[int, int]]) -> None:
    found.append((id_, end))


class _Hyperscan:
    """A Hyperscan database of a codebook's regexes in prefilter mode: a scan of a
    text says which of them *may* match there (never misses one that does); Python's
    regex then runs only on those. ``bits`` has bit i set for each regex i in it.
    The regexes in ``every_end`` report the end of every match (a match of the
    regex ends at one of them), the others only their first."""

    def __init__(self, patterns: list[tuple[int, str]], every_end: set[int]) -> None:
        import hyperscan

        once = hyperscan.HS_FLAG_SINGLEMATCH
        base = (
            hyperscan.HS_FLAG_CASELESS | hyperscan.HS_FLAG_PREFILTER | hyperscan.HS_FLAG_ALLOWEMPTY
        )
        wanted = tuple(
            (i, pattern.encode("ascii"), base if i in every_end else base | once)
            for i, pattern in patterns
        )
        self.db, usable = _compiled(wanted)
        self.bits = 0
        self.every_end = {i for i, *_ in usable if i in every_end}
        if self.db is not None:
            # a scratch of its own: a compiled database may be shared, a scratch not
            self.scratch = hyperscan.Scratch(self.db)
            for i, *_ in usable:
                self.bits |= 1 << i

    def scan(self, text: str) -> tuple[int, dict[int, list[int]]]:
        """The bits of the regexes that may match in ``text``, and for those of
        ``every_end`` where their matches may end (offsets into ``text``)."""
        found: list[tuple[int, int]] = []
        self.db.scan(
            _shadow(text), match_event_handler=_on_match, context=found, scratch=self.scratch
        )
        bits = 0
        ends: dict[int, list[int]] = {}
        every_end = self.every_end
        for i, end in found:
            bits |= 1 << i
            if i in every_end:
                ends.setdefault(i, []).append(end)
        return bits, ends


codecs.register_error(_SHADOW, _shadow_error)


#: Compiled databases by the patterns and flags they hold (see :func:`_compiled`).
_COMPILED: dict[tuple[tuple[int, bytes, int], ...], tuple[Any, tuple[Any, ...]]] = {}
_COMPILED_MAX = 16  # codebooks (versions) whose databases this process keeps


def _compiled(
    wanted: tuple[tuple[int, bytes, int], ...],
) -> tuple[Any, tuple[tuple[int, bytes, int], ...]]:
    """A Hyperscan block-mode database of the ``(id, pattern, flags)`` it accepts, and
    those; ``(None, ())`` when it accepts none. All are compiled at once first (one
    compile, the usual case); only when Hyperscan refuses that, each is tried on its
    own so that a pattern it refuses stays out. Kept per process: a codebook's
    regexes are compiled once however many runs (and coders) use them; the database
    is only read by scans (each :class:`_Hyperscan` has its own scratch). And kept on
    disk (:func:`_read_cached`): a new process loads it instead of compiling."""
    found = _COMPILED.get(wanted)
    if found is not None:
        return found
    path = _cache_path(wanted)
    found = _read_cached(path, wanted) if path is not None else None
    if found is None:
        found = _compile_usable(wanted)
        if path is not None and found[0] is not None:
            _write_cached(path, found)
    if len(_COMPILED) >= _COMPILED_MAX:
        _COMPILED.clear()
    _COMPILED[wanted] = found
    return found


def _compile_db(items: tuple[tuple[int, bytes, int], ...]) -> Any:
    """One block-mode database of ``items``; hyperscan's error when it refuses one."""
    import hyperscan

    db = hyperscan.Database(mode=hyperscan.HS_MODE_BLOCK)
    db.compile(
        expressions=[p for _, p, _ in items],
        ids=[i for i, *_ in items],
        flags=[f for *_, f in items],
    )
    return db


def _compile_usable(
    wanted: tuple[tuple[int, bytes, int], ...],
) -> tuple[Any, tuple[tuple[int, bytes, int], ...]]:
    """:func:`_compiled` without its caches."""
    if not wanted:
        return None, ()
    try:
        return _compile_db(wanted), wanted
    except Exception:  # hyperscan.error: one of them (at least) is not supported
        kept = []
        for item in wanted:  # one at a time: a pattern it refuses stays out
            try:
                _compile_db((item,))
            except Exception:
                continue
            kept.append(item)
    usable = tuple(kept)
    return (_compile_db(usable), usable) if usable else (None, ())


#: The first line of a cached database (see :func:`_read_cached`); raised with its layout.
_CACHE_MAGIC = b"SOKWAL-HYPERSCAN 1\n"


def _cache_path(wanted: tuple[tuple[int, bytes, int], ...]) -> Path | None:
    """Where the database of ``wanted`` is kept on disk: a file named by a SHA-256 of
    the patterns and flags, the hyperscan package's version and the machine, in the
    ``hyperscan`` folder of sokwal-monitor's cache folder
    (:func:`~sokwal_monitor.privacy.deduce_cache.cache_dir`); None if there is none."""
    import hashlib
    import platform

    import hyperscan

    from ...privacy.deduce_cache import cache_dir

    version = getattr(hyperscan, "__version__", "")
    key = repr((_CACHE_MAGIC, version, platform.machine(), wanted)).encode()
    try:
        return cache_dir() / "hyperscan" / f"{hashlib.sha256(key).hexdigest()[:32]}.hsdb"
    except (OSError, RuntimeError):  # no home folder
        return None


def _read_cached(
    path: Path, wanted: tuple[tuple[int, bytes, int], ...]
) -> tuple[Any, tuple[tuple[int, bytes, int], ...]] | None:
    """The database of ``wanted`` read from ``path``, or None when it is missing or
    is not one this machine can use: the file holds the ids of the patterns the
    database has and a SHA-256 of the database, each checked, and a scan of a short
    text must run; anything else is compiled again (and the file written anew)."""
    import hashlib

    import hyperscan

    try:
        data = path.read_bytes()
    except OSError:
        return None
    try:
        if not data.startswith(_CACHE_MAGIC):
            return None
        header, _, body = data[len(_CACHE_MAGIC) :].partition(b"\n")
        ids_text, _, digest = header.decode("ascii").partition(" ")
        if hashlib.sha256(body).hexdigest() != digest:
            return None
        ids = {int(i) for i in ids_text.split(",")}
        usable = tuple(item for item in wanted if item[0] in ids)
        if len(usable) != len(ids) or not usable:
            return None
        db: Any = hyperscan.loadb(body, hyperscan.HS_MODE_BLOCK)
        found: list[tuple[int, int]] = []  # a scan this machine runs
        db.scan(
            b"12 ok", match_event_handler=_on_match, context=found, scratch=hyperscan.Scratch(db)
        )
    except Exception:  # hyperscan's errors on a database of another machine or version
        return None
    return db, usable


def _write_cached(path: Path, found: tuple[Any, tuple[tuple[int, bytes, int], ...]]) -> None:
    """Write a database for :func:`_read_cached`, atomically; a folder that cannot be
    written leaves it in memory only."""
    import hashlib
    import os
    import tempfile

    import hyperscan

    db, usable = found
    try:
        body = hyperscan.dumpb(db)
        ids = ",".join(str(i) for i, *_ in usable)
        data = _CACHE_MAGIC + f"{ids} {hashlib.sha256(body).hexdigest()}\n".encode() + body
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".hsdb-")
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            os.replace(tmp, path)
        except BaseException:
            os.unlink(tmp)
            raise
    except Exception:  # a read-only or full disk: no cache, nothing lost
        return


def _hyperscan(patterns: list[tuple[int, str]], every_end: set[int]) -> _Hyperscan | None:
    """A :class:`_Hyperscan` of the patterns it can prefilter, or None (none of them,
    or the ``hyperscan`` package missing: then every regex takes the slower path)."""
    try:
        import hyperscan  # noqa: F401
    except ImportError:
        return None
    taken = []
    for i, pattern in patterns:
        ascii_pattern = _ascii_pattern(pattern)
        if ascii_pattern is not None and _hyperscan_ok(ascii_pattern):
            taken.append((i, ascii_pattern))
    found = _Hyperscan(taken, every_end)
    return found if found.bits else None


def _ascii_pattern(pattern: str) -> str | None:
    r"""``pattern`` with each character that is not ASCII, written as itself outside a
    set (``wél``, ``€``), as its :func:`_stand_in` in the ASCII copy of a text: where
    the pattern matches in a text, this one matches in the text's :func:`_shadow`
    (and maybe elsewhere: ``w_l`` also matches *w_l*). None when that cannot be said
    so simply: such a character in a set or after a backslash, or one whose case
    variants stand in for different characters.

    >>> _ascii_pattern("\\bwat (wel |w\u00e9l )?werkt"), _ascii_pattern("\u20ac\\s?\\d+")
    ('\\bwat (wel |w_l )?werkt', '\\x7f\\s?\\d+')
    >>> _ascii_pattern("[\u00e9e]"), _ascii_pattern("\\\u00e9"), _ascii_pattern("ab")
    (None, None, 'ab')
    """
    if pattern.isascii():
        return pattern
    out: list[str] = []
    i, n = 0, len(pattern)
    set_from = -1  # where the open set's members start (a "]" there is one), or -1
    while i < n:
        char = pattern[i]
        if char == "\\":
            if not pattern[i + 1 : i + 2].isascii():
                return None
            out.append(pattern[i : i + 2])
            i += 2
            continue
        if set_from >= 0:
            if not char.isascii():
                return None
            if char == "]" and i > set_from:
                set_from = -1
            elif char == "^" and i == set_from and pattern[i - 1] == "[":
                set_from = i + 1
        elif char == "[":
            set_from = i + 1
        elif not char.isascii():
            stand_in = _literal_stand_in(char)
            if stand_in is None:
                return None
            out.append(stand_in)
            i += 1
            continue
        out.append(char)
        i += 1
    return "".join(out)


def _literal_stand_in(char: str) -> str | None:
    """What a literal ``char`` (not ASCII) of a pattern becomes in its ASCII form: its
    stand-in (as a pattern), when every character it matches ignoring case has that
    stand-in in a text's ASCII copy; else None."""
    stand_in = _stand_in(char)
    variants = {char.upper(), char.lower(), char.casefold(), char.title(), char.swapcase()}
    variants |= {
        a for a in "abcdefghijklmnopqrstuvwxyz" if regex.fullmatch(regex.escape(char), a, regex.I)
    }
    for variant in variants:
        if len(variant) != 1:
            continue
        shadow = variant if variant.isascii() else _stand_in(variant)
        if shadow.lower() != stand_in:
            return None
    return {"\x7f": "\\x7f", " ": "\\x20"}.get(stand_in, stand_in)
