"""The prefilters of the rule coder: which of a codebook's regexes and spaCy Matcher
token patterns can match in a text (bits per piece of required text, required word
ids and masks), and a Matcher of only those over only the tokens they can reach."""

from __future__ import annotations

import codecs
import re
import unicodedata
from bisect import bisect_left
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy
import regex

from .patterns import CUTS

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

_CUT = re.compile(f"([{re.escape(CUTS)}]+)")


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
    found = _Hyperscan([(i, p) for i, p in patterns if _hyperscan_ok(p)], every_end)
    return found if found.bits else None


def _ascii_digit(match: re.Match[str]) -> str:
    return str(unicodedata.digit(match.group()))


def _folded(text: str) -> str:
    """``text`` case-folded for the required-text tests, every decimal digit (٣, ३)
    as its ASCII one (``\\d`` matches them all), one character for one where the
    folding keeps the length, so that offsets stay the text's."""
    folded = text.casefold()
    if not text.isascii() and _OTHER_DIGIT.search(folded):
        folded = _OTHER_DIGIT.sub(_ascii_digit, folded)
    return folded


class _Prefilters:
    """The prefilter part of :class:`~.coder.RuleCoder`: its state is set up there."""

    nlp: Language
    _regexes: list[tuple[str, str, regex.Pattern[str], tuple[str, ...] | None, bool]]
    _regex_bits: int
    _needle_bits: list[tuple[str, int]]
    _hs: _Hyperscan | bool | None
    _hs_regex_bits: int
    _hs_needle_bits: list[tuple[str, int]]
    _token_patterns: list[tuple[str, list[dict[str, Any]], list[frozenset[int]]]]
    _chosen: dict[int, tuple[int, ...]]
    _sub_matchers: dict[tuple[int, ...], tuple[Any, int | None, Any]]
    _need_bits: dict[int, int] | None
    _need_masks: list[int]
    _need_attrs: list[int | str]
    _need_ids: Any
    _need_reach: list[int | None]
    _first_patterns: dict[int, tuple[int, ...]]
    _need_others: list[list[frozenset[int]]]
    _all_bounded: bool
    _tries: list[Any]
    _trigger: int

    def _index_regexes(self) -> None:
        """Each piece of required text of the regexes once, with a bit for each regex
        that needs it (bit i: the i-th regex); those that need none have theirs set
        in ``_regex_bits``."""
        needle_bits: dict[str, int] = {}
        self._regex_bits = 0
        for i, (*_, needles, _within) in enumerate(self._regexes):
            if needles is None:
                self._regex_bits |= 1 << i
            for needle in needles or ():
                needle_bits[needle] = needle_bits.get(needle, 0) | (1 << i)
        self._needle_bits = list(needle_bits.items())
        self._hs = False  # not built yet: see _regex_prefilter

    def _regex_prefilter(self) -> _Hyperscan | None:
        """The Hyperscan prefilter (built on first use, so a forked worker inherits
        it ready) and, beside it, the required-text bits of the other regexes."""
        if self._hs is False:
            patterns = [
                (i, compiled.pattern) for i, (_, _, compiled, *_) in enumerate(self._regexes)
            ]
            # a regex searched sentence by sentence: only where its matches may end
            every_end = {i for i, (*_, within) in enumerate(self._regexes) if within}
            hs = _hyperscan(patterns, every_end)
            self._hs_regex_bits = self._regex_bits
            self._hs_needle_bits = []
            if hs is not None:
                self._hs_regex_bits &= ~hs.bits
                for needle, bits in self._needle_bits:
                    if bits & ~hs.bits:
                        self._hs_needle_bits.append((needle, bits & ~hs.bits))
            self._hs = hs
        return self._hs  # type: ignore[return-value]

    def _required_ids(self, tokens: list[dict[str, Any]]) -> list[frozenset[int]]:
        """For each token of a Matcher pattern that every match has (no ``OP`` or
        ``OP: "1"`` or ``"+"``) and that names its LEMMA or LOWER (a word or an ``IN``
        list): the string ids of those words, one of which a text must hold (as a
        lemma or a lower-case form) for the pattern to match in it."""
        strings = self.nlp.vocab.strings
        needs: list[frozenset[int]] = []
        for spec in tokens:
            keys = {k.upper(): v for k, v in spec.items()}
            if keys.get("OP", "1") not in ("1", "+"):
                continue
            for attr in ("LEMMA", "LOWER"):
                words = _words(keys.get(attr))
                if words:
                    needs.append(frozenset(strings.add(w) for w in words))
        return needs

    def _token_matches(
        self, doc: Doc, starts: list[int] | None = None
    ) -> list[tuple[int, int, int]]:
        """The Matcher's ``(match_id, start, end)`` in ``doc``, found by a Matcher of only
        the token patterns that can match in it (each of their required words is
        there), over only the tokens where their matches can be. It finds the same
        matches, in the same order, as the Matcher of all patterns over the whole
        text: in spaCy's Matcher a pattern's states never depend on another's, and
        it keeps their order; a match starts at a required word (when the pattern's
        first token is one) and is no longer than the pattern allows.

        ``starts``: the tokens where the phrase tries found a trigger (a first
        required word of a pattern), if known; found here when not."""
        if self._need_bits is None:
            self._index_needs()
        if self._all_bounded:
            if starts is None:
                starts = [
                    start
                    for matcher in self._tries
                    for match_id, start, _ in matcher(doc)
                    if match_id == self._trigger
                ]
            return self._token_matches_from(doc, starts)
        bits = self._need_bits
        assert bits is not None
        # one bit per required token of each pattern: which of them the text has
        ids = doc.to_array(self._need_attrs).ravel()  # LEMMA and LOWER of each token
        needed = self._need_ids  # sorted, with a last id that is no string's
        where = (needed[needed.searchsorted(ids)] == ids).nonzero()[0]
        found = 0
        for i in ids[where].tolist():
            found |= bits[i]
        chosen = self._chosen.get(found)
        if chosen is None:
            if len(self._chosen) > 100_000:  # a bound on memory, never reached in practice
                self._chosen.clear()
            masks = self._need_masks
            chosen = self._chosen[found] = tuple(
                i for i, full in enumerate(masks) if found & full == full
            )
        entry = self._sub_matchers.get(chosen)
        if entry is None:
            entry = self._sub_matchers[chosen] = self._sub_matcher(chosen)
        matcher, reach, _firsts = entry
        if matcher is None:
            return []
        if reach is None:
            return matcher(doc)
        # the tokens a match can cover: from each first word of a chosen pattern from
        # which each of its other required words lies within the pattern's reach, as
        # far as it reaches; overlapping stretches merged
        at: dict[int, list[int]] = {}  # token positions per required id, ascending
        for value, token in zip(ids[where].tolist(), (where >> 1).tolist(), strict=True):
            positions = at.get(value)
            if positions is None:
                at[value] = [token]
            elif positions[-1] != token:
                positions.append(token)
        stretches: list[tuple[int, int]] = []
        kept: list[int] = []
        n = len(doc)
        for i in chosen:
            _, _, needs = self._token_patterns[i]
            first, *others = (self._positions(need, at) for need in needs)
            pattern_reach = self._need_reach[i]
            assert pattern_reach is not None  # every chosen pattern has one (see above)
            before = len(stretches)
            for start in first:
                end = start + pattern_reach
                for positions in others:
                    k = bisect_left(positions, start)
                    if k == len(positions) or positions[k] >= end:
                        break
                else:
                    stretches.append((start, min(end, n)))
            if len(stretches) > before:
                kept.append(i)
        if not kept:
            return []
        sub = tuple(kept)
        if sub != chosen:
            entry = self._sub_matchers.get(sub)
            if entry is None:
                entry = self._sub_matchers[sub] = self._sub_matcher(sub)
            matcher = entry[0]
        return _matches_in_stretches(matcher, doc, stretches)

    def _token_matches_from(self, doc: Doc, starts: list[int]) -> list[tuple[int, int, int]]:
        """:meth:`_token_matches` when every token pattern starts with a required word
        and has a bound on its length: from each trigger token, the patterns whose
        first word it is and whose other required words all lie within its reach,
        each token's ids read only there."""
        firsts = self._first_patterns
        others = self._need_others
        reaches = self._need_reach
        n = len(doc)
        seen: dict[int, tuple[int, int]] = {}  # the LEMMA and LOWER ids of tokens read

        def lexeme(q: int) -> tuple[int, int]:
            got = seen.get(q)
            if got is None:
                token = doc[q]
                got = seen[q] = (token.lemma, token.lower)
            return got

        stretches: list[tuple[int, int]] = []
        kept: set[int] = set()
        for start in sorted(set(starts)):
            lemma, lower = lexeme(start)
            found = firsts.get(lemma, ())
            if lower != lemma and lower in firsts:
                found = tuple(sorted({*found, *firsts[lower]}))
            for i in found:
                end = min(start + reaches[i], n)  # type: ignore[operator]
                for need in others[i]:
                    for q in range(start, end):
                        a, b = lexeme(q)
                        if a in need or b in need:
                            break
                    else:
                        break  # a required word out of reach: no match from here
                else:
                    stretches.append((start, end))
                    kept.add(i)
        if not kept:
            return []
        sub = tuple(sorted(kept))
        entry = self._sub_matchers.get(sub)
        if entry is None:
            entry = self._sub_matchers[sub] = self._sub_matcher(sub)
        matcher = entry[0]
        return _matches_in_stretches(matcher, doc, stretches)

    @staticmethod
    def _positions(need: frozenset[int], at: dict[int, list[int]]) -> list[int]:
        """The positions of the tokens that hold one of the ids ``need``, ascending."""
        found = [at[i] for i in need if i in at]
        if len(found) == 1:
            return found[0]
        return sorted({p for positions in found for p in positions})

    def _sub_matcher(self, chosen: tuple[int, ...]) -> tuple[Any, int | None, Any]:
        """A Matcher of the chosen token patterns (in their order; None for none); the
        most tokens a match of one of them spans when each starts with a required word
        (else None); and then the ids of those first words, sorted."""
        empty = numpy.zeros(1, dtype=numpy.uint64)
        if not chosen:
            return None, None, empty
        from spacy.matcher import Matcher

        matcher = Matcher(self.nlp.vocab)
        reaches = []
        firsts: set[int] = set()
        for i in chosen:
            label, tokens, needs = self._token_patterns[i]
            matcher.add(label, [tokens])
            reaches.append(_reach(tokens))
            firsts |= needs[0] if needs else set()
        if None in reaches:
            return matcher, None, empty
        # the ids of the first words, sorted, with one that is no string's (see above)
        ids = numpy.array([*sorted(firsts), 2**64 - 1], dtype=numpy.uint64)
        return matcher, max(r for r in reaches if r is not None), ids

    def _index_needs(self) -> None:
        """Number the required tokens of the Matcher's patterns: a bit each."""
        from spacy.attrs import LEMMA, LOWER

        bits: dict[int, int] = {}
        masks: list[int] = []
        n = 0
        for _, _, needs in self._token_patterns:
            mask = 0
            for ids in needs:
                for i in ids:
                    bits[i] = bits.get(i, 0) | (1 << n)
                mask |= 1 << n
                n += 1
            masks.append(mask)
        self._need_bits, self._need_masks = bits, masks
        self._need_reach = [_reach(tokens) for _, tokens, _ in self._token_patterns]
        # the patterns per id of their first word, and their other required words
        firsts: dict[int, set[int]] = {}
        for i, (_, _, needs) in enumerate(self._token_patterns):
            for word in needs[0] if needs else ():
                firsts.setdefault(word, set()).add(i)
        self._first_patterns = {word: tuple(sorted(i)) for word, i in firsts.items()}
        self._need_others = [needs[1:] for _, _, needs in self._token_patterns]
        # every pattern starts with a required word (a trigger) and has a bounded length
        self._all_bounded = bool(self._token_patterns) and None not in self._need_reach
        self._need_attrs = [LEMMA, LOWER]
        # 2**64 - 1 is no string's id (spaCy's ids are 64-bit hashes, and an index
        # past the others lands on it)
        self._need_ids = numpy.array([*sorted(bits), 2**64 - 1], dtype=numpy.uint64)


def _matches_in_stretches(
    matcher: Any, doc: Doc, stretches: list[tuple[int, int]]
) -> list[tuple[int, int, int]]:
    """A Matcher's matches over ``stretches`` (token ``(start, end)`` pairs, at least
    one), overlapping and touching stretches merged first so no match is found twice; in
    the order spaCy's Matcher gives them, stretch by stretch."""
    stretches.sort()
    out: list[tuple[int, int, int]] = []
    first, last = stretches[0]
    for s, e in stretches[1:]:
        if s > last:
            out += _matches_in(matcher, doc, first, last)
            first, last = s, e
        elif e > last:
            last = e
    out += _matches_in(matcher, doc, first, last)
    return out


def _matches_in(matcher: Any, doc: Doc, start: int, end: int) -> list[tuple[int, int, int]]:
    """A Matcher's ``(match_id, start, end)`` in the tokens ``doc[start:end]``, as
    positions in ``doc``."""
    if start == 0 and end == len(doc):
        return matcher(doc)
    return [(key, s + start, e + start) for key, s, e in matcher(doc[start:end])]


def _words(value: Any) -> list[str] | None:
    """The words a token spec's LEMMA or LOWER value asks for (a word or an ``IN``
    list of words), or None for other values (``REGEX``, ``NOT_IN``, ...).

    >>> _words("a"), _words({"IN": ["a", "b"]}), _words({"REGEX": "a.*"})
    (['a'], ['a', 'b'], None)
    """
    words = value.get("IN") if isinstance(value, dict) and len(value) == 1 else [value]
    if isinstance(words, list) and words and all(isinstance(w, str) for w in words):
        return words
    return None


def _reach(tokens: list[dict[str, Any]]) -> int | None:
    """The most tokens a match of a Matcher pattern spans, if its first token is a
    required word (``LEMMA`` or ``LOWER``, no ``OP``); else, or when it has no bound
    (``+``, ``*``, ``{n,}``), None.

    >>> _reach([{"LEMMA": "a"}, {"IS_PUNCT": False, "OP": "{0,3}"}, {"LOWER": "b", "OP": "?"}])
    5
    >>> _reach([{"LEMMA": "a"}, {"OP": "*"}]), _reach([{"LEMMA": "a", "OP": "?"}])
    (None, None)
    """
    import re as _re

    total = 0
    for n, spec in enumerate(tokens):
        keys = {k.upper(): v for k, v in spec.items()}
        op = str(keys.get("OP", "1"))
        if n == 0 and (op != "1" or not any(_words(keys.get(a)) for a in ("LEMMA", "LOWER"))):
            return None  # a match may start at a token that is no required word
        if op in ("1", "!", "?"):
            total += 1
            continue
        counts = _re.fullmatch(r"\{(\d*)(,?)(\d*)\}", op)
        if counts is None or (counts[2] and not counts[3]):  # +, *, {n,}
            return None
        total += int(counts[3] or counts[1] or 0)
    return total


def _pieces(text: str) -> list[tuple[int, int]]:
    """The pieces of ``text`` between the characters of :data:`CUTS` as ``(start,
    end)``, empty ones left out.

    >>> _pieces("Ja. Twintig mensen!? Ja")
    [(0, 2), (3, 18), (20, 23)]
    """
    out = []
    start = 0
    cut = False  # the split parts alternate: piece, cuts, piece, ...
    for part in _CUT.split(text):
        end = start + len(part)
        if end > start and not cut:
            out.append((start, end))
        start, cut = end, not cut
    return out
