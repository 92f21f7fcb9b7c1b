"""deduce's lookup structures loaded in half a second: a compact, versioned cache.

deduce keeps its lookup lists (first names, surnames, streets, places, ...) as tries of
Python objects, one per token of every entry (about two million), pickled in its own
package folder; unpickling them cost ~6.6 s in every process that pseudonymizes or
reads a key (each ``sokwal`` call, every test). This policy needs five of the tries
(not deduce's institution lists) and the small lookup sets. They are stored here
compactly, built once from deduce's own structures:

- a trie as one string of its entries' token paths (tokens joined by ``\\x1f``) and
  one byte per path (1: an entry ends here, 2: a longer entry goes on), read back into
  one dictionary (:class:`CompactTrie`, which answers deduce's
  ``longest_matching_prefix`` exactly as its trie does, tested);
- a lookup set as its list of items, with its matching pipeline by name.

The cache is one file, ``deduce-lookup-<deduce version>.cache``, in the cache folder
(:func:`cache_dir`: ``$SOKWAL_CACHE_DIR``, else ``$XDG_CACHE_HOME/sokwal-monitor``, else
``~/.cache/sokwal-monitor``). Its header names what it was built from: the cache format
and this module's source, the versions of sokwal-monitor, deduce, docdeid and Python,
and the fingerprint of deduce's list files (name, size and modification time of each);
its body is checked against the SHA-256 in the header before it is read. A missing,
stale, truncated or altered cache is refused (logged) and rebuilt from deduce's lists,
then written anew (atomically, nothing else is written: deduce's own cache is read,
never written); a folder that cannot be written leaves the structures in memory only.
Nothing is downloaded. ``make install`` builds it (:func:`warm_up`).

>>> structures = load_structures()  # doctest: +SKIP
>>> structures.tries["street"].longest_matching_prefix(["Kerkstraat", "12"])  # doctest: +SKIP
['Kerkstraat']
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import json
import logging
import marshal
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from importlib import metadata, resources
from pathlib import Path
from typing import Any, cast

from .._version import __version__
from .logging_guard import root_logging_kept

__all__ = [
    "CACHE_ENV", "POLICY_SETS", "POLICY_TRIES", "SEP", "CompactTrie", "LookupStructures",
    "build_processors", "build_structures", "cache_dir", "cache_file", "expected_header",
    "load_structures", "read_cache", "warm_up", "write_cache",
]  # fmt: skip

log = logging.getLogger(__name__)

#: Environment variable naming the cache folder.
CACHE_ENV = "SOKWAL_CACHE_DIR"
#: Raised whenever the stored layout changes (this module's source is in the header too).
_FORMAT = 1
_MAGIC = b"SOKWAL-DEDUCE-LOOKUP\n"
#: Between the tokens of a trie path; no token of deduce's lists holds it (checked).
SEP = "\x1f"
#: The tries this policy's pipeline uses (not deduce's hospitals and institutions).
POLICY_TRIES = ("first_name", "surname", "street", "placename", "eponymous_disease")
#: The lookup sets deduce's name and location annotators use.
POLICY_SETS = (
    "prefix", "interfix", "initial", "whitelist", "interfix_surname", "common_word",
    "stop_word", "medical_term", "hospital_abbr",
)  # fmt: skip
_PIPELINES = ("", "lowercase")  # the matching pipelines a cached structure may have


def cache_dir() -> Path:
    """The folder of sokwal-monitor's caches: ``$SOKWAL_CACHE_DIR``, else
    ``$XDG_CACHE_HOME/sokwal-monitor``, else ``~/.cache/sokwal-monitor``.

    >>> cache_dir().name  # doctest: +SKIP
    'sokwal-monitor'
    """
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    base = os.environ.get("XDG_CACHE_HOME") or (Path.home() / ".cache")
    return Path(base) / "sokwal-monitor"


def _deduce_version() -> str:
    return metadata.version("deduce")


def cache_file(folder: Path | None = None) -> Path:
    """The cache file for the installed deduce in ``folder`` (default :func:`cache_dir`).

    >>> cache_file(Path("/tmp/c")).name  # doctest: +SKIP
    'deduce-lookup-3.0.6.cache'
    """
    return (folder or cache_dir()) / f"deduce-lookup-{_deduce_version()}.cache"


def _lookup_root() -> Path:
    return Path(str(resources.files("deduce") / "data" / "lookup"))


def _sources_fingerprint() -> str:
    """deduce's list files and base configuration: name, size, modification time."""
    package = Path(str(resources.files("deduce")))
    root = package / "data" / "lookup" / "src"
    digest = hashlib.sha256()
    files = [p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts]
    files.append(package / "base_config.json")
    for path in sorted(files):
        stat = path.stat()
        digest.update(f"{path.relative_to(package).as_posix()}|{stat.st_size}|".encode())
        digest.update(f"{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def expected_header() -> dict[str, Any]:
    """What a cache must have been built from to be used now (its header less the
    body's size and hash).

    >>> sorted(expected_header())  # doctest: +SKIP
    ['deduce', 'docdeid', 'format', 'module', 'python', 'sokwal', 'sources']
    """
    return {
        "format": _FORMAT,
        "module": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
        "sokwal": __version__,
        "deduce": _deduce_version(),
        "docdeid": metadata.version("docdeid"),
        "python": f"{sys.implementation.name}-{sys.version_info[0]}.{sys.version_info[1]}",
        "sources": _sources_fingerprint(),
    }


class CompactTrie:
    """One of deduce's lookup tries as a dictionary of token paths, for deduce's
    ``MultiTokenLookupAnnotator`` (built as a subclass of docdeid's ``LookupTrie`` by
    :func:`_trie_class`, so that deduce accepts it).

    ``nodes`` maps each path ("Van\\x1fder\\x1fHelststraat") to 1 (an entry ends there),
    2 (a longer one goes on) or 3; ``starts`` are the entries' first tokens.
    """

    matching_pipeline: list[Any] | None
    nodes: dict[str, int]
    children: Any
    is_terminal: bool

    def _setup(self, nodes: dict[str, int], starts: set[str], pipeline: list[Any] | None) -> None:
        self.matching_pipeline = pipeline
        self.nodes = nodes
        self.children = _Keys(starts)  # deduce's annotator reads the first tokens from it
        self.is_terminal = False

    def _norm(self, item: str) -> str:
        for modifier in self.matching_pipeline or ():
            item = modifier.process(item)
        return item

    def longest_matching_prefix(self, item: list[str], start_i: int = 0) -> list[str] | None:
        """The longest entry that ``item[start_i:]`` starts with (its tokens as matched),
        or None: exactly what docdeid's ``LookupTrie.longest_matching_prefix`` gives."""
        nodes, norm = self.nodes, (self._norm if self.matching_pipeline else None)
        longest, path, i, end = 0, "", start_i, len(item)
        while i < end:
            token = item[i] if norm is None else norm(item[i])
            if SEP in token:  # no entry holds it: the walk stops, as in deduce's trie
                break
            path = token if i == start_i else path + SEP + token
            flag = nodes.get(path)
            if flag is None:
                break
            i += 1
            if flag & 1:
                longest = i - start_i
            if not flag & 2:
                break
        if not longest:
            return None
        words = item[start_i : start_i + longest]
        return words if norm is None else [norm(w) for w in words]

    def __contains__(self, item: object) -> bool:
        if not isinstance(item, list) or not item:
            return False
        # as docdeid's trie: the matching pipeline on the first token only (its nodes
        # below the root have none)
        tokens = [self._norm(item[0]), *item[1:]]
        if any(SEP in t for t in tokens):
            return False
        return bool(self.nodes.get(SEP.join(tokens), 0) & 1)

    def add_item(self, item: list[str]) -> None:
        raise TypeError("a cached lookup trie is read-only")


class _Keys:
    """The first tokens of a :class:`CompactTrie`, where deduce reads ``children.keys()``."""

    def __init__(self, starts: set[str]) -> None:
        self._starts = starts

    def keys(self) -> set[str]:
        return self._starts

    def __contains__(self, word: object) -> bool:
        return word in self._starts

    def __len__(self) -> int:
        return len(self._starts)


_TRIE_CLASS: type[CompactTrie] | None = None


def _trie_class() -> type[CompactTrie]:
    """:class:`CompactTrie` as a docdeid ``LookupTrie`` (made once, on first use)."""
    global _TRIE_CLASS
    if _TRIE_CLASS is None:
        from docdeid.ds import LookupTrie

        _TRIE_CLASS = cast(
            "type[CompactTrie]", type("CompactLookupTrie", (CompactTrie, LookupTrie), {})
        )
    return _TRIE_CLASS


def _pipeline_name(pipeline: list[Any] | None) -> str:
    from docdeid.str import LowercaseString

    if not pipeline:
        return ""
    if len(pipeline) == 1 and type(pipeline[0]) is LowercaseString:
        return "lowercase"
    raise ValueError(f"matching pipeline {pipeline!r} cannot be cached")


def _pipeline(name: str) -> list[Any] | None:
    from docdeid.str import LowercaseString

    if name not in _PIPELINES:
        raise ValueError(f"unknown matching pipeline {name!r}")
    return [LowercaseString()] if name == "lowercase" else None


def _flatten(trie: Any) -> tuple[list[str], bytes, int]:
    """A docdeid ``LookupTrie`` as (paths, flags, number of first-level paths): the
    first level first, then the rest breadth first."""
    paths: list[str] = []
    flags = bytearray()
    level: list[tuple[str, Any]] = [("", trie)]
    first = 0
    depth = 0
    while level:
        following: list[tuple[str, Any]] = []
        for prefix, node in level:
            for token, child in node.children.items():
                if SEP in token or "\n" in token:
                    raise ValueError(f"token {token!r} cannot be cached")
                path = f"{prefix}{SEP}{token}" if prefix else token
                paths.append(path)
                flags.append((1 if child.is_terminal else 0) | (2 if child.children else 0))
                following.append((path, child))
        if depth == 0:
            first = len(paths)
        depth += 1
        level = following
    if trie.is_terminal:
        raise ValueError("a trie holding the empty entry cannot be cached")
    return paths, bytes(flags), first


@dataclass
class LookupStructures:
    """The lookup structures of this policy's deduce pipeline: ``sets`` (docdeid
    ``LookupSet``) and ``tries`` (:class:`CompactTrie`), by deduce's names."""

    sets: dict[str, Any]
    tries: dict[str, Any]

    def collection(self) -> Any:
        """All of them as the ``DsCollection`` deduce's annotators take."""
        from docdeid.ds import DsCollection

        ds = DsCollection()
        ds.update(self.sets)
        ds.update(self.tries)
        return ds


def build_structures() -> dict[str, Any]:
    """The cache's body, from deduce's own lookup structures (its cache when valid,
    else its lists, ~80 s): plain lists, strings and bytes. Writes nothing.

    >>> body = build_structures()  # doctest: +SKIP
    >>> sorted(body["tries"]) == sorted(POLICY_TRIES)  # doctest: +SKIP
    True
    """
    with root_logging_kept():  # importing deduce sets up the root logger
        from deduce import Deduce
        from deduce.lookup_structs import get_lookup_structs

    root = _lookup_root()
    enabled = gc.isenabled()
    gc.disable()  # millions of objects at once: the collector would scan them again and again
    try:
        structs = get_lookup_structs(
            lookup_path=root,
            cache_path=root,
            tokenizer=Deduce._initialize_tokenizer(root),
            deduce_version=_deduce_version(),
            build=False,
            save_cache=False,
        )
        body: dict[str, Any] = {"sets": {}, "tries": {}}
        for name in POLICY_SETS:
            lookup = structs[name]
            body["sets"][name] = (
                _pipeline_name(lookup.matching_pipeline), sorted(lookup.items())
            )  # fmt: skip
        for name in POLICY_TRIES:
            trie = structs[name]
            paths, flags, first = _flatten(trie)
            body["tries"][name] = (_pipeline_name(trie.matching_pipeline), "\n".join(paths),
                                   flags, first)  # fmt: skip
        del structs
    finally:
        if enabled:
            gc.enable()
    return body


def _structures(body: dict[str, Any]) -> LookupStructures:
    """Lookup structures from a cache body (checked for shape: a bad one raises)."""
    from docdeid.ds import LookupSet

    sets, tries = {}, {}
    for name in POLICY_SETS:
        pipeline, items = body["sets"][name]
        lookup = LookupSet(matching_pipeline=_pipeline(pipeline))
        lookup._items = {str(i) for i in items}  # stored as matched: no pipeline again
        sets[name] = lookup
    cls = _trie_class()
    for name in POLICY_TRIES:
        pipeline, blob, flags, first = body["tries"][name]
        paths = blob.split("\n") if blob else []
        if not (isinstance(flags, bytes) and len(paths) == len(flags) and 0 <= first <= len(paths)):
            raise ValueError(f"trie {name} is damaged")
        trie = cls.__new__(cls)
        trie._setup(dict(zip(paths, flags, strict=True)), set(paths[:first]), _pipeline(pipeline))
        tries[name] = trie
    return LookupStructures(sets, tries)


def write_cache(path: Path, body: dict[str, Any], header: dict[str, Any] | None = None) -> None:
    """Write a cache file atomically (a temporary file in the same folder, renamed).

    >>> write_cache(cache_file(), build_structures())  # doctest: +SKIP
    """
    data = marshal.dumps(body)
    head = dict(header or expected_header())
    head["size"] = len(data)
    head["sha256"] = hashlib.sha256(data).hexdigest()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=path.name + ".", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(_MAGIC + json.dumps(head, sort_keys=True).encode() + b"\n" + data)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def read_cache(path: Path) -> tuple[LookupStructures | None, str]:
    """The structures in a cache file and ``""``, or None and why it was refused
    (missing, stale, truncated, altered). Nothing is read before the body's SHA-256 is
    checked.

    >>> structures, why = read_cache(cache_file())  # doctest: +SKIP
    """
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return None, "no cache yet"
    except OSError as err:
        return None, f"cannot be read ({err})"
    if not raw.startswith(_MAGIC):
        return None, "not a sokwal cache file"
    head_end = raw.find(b"\n", len(_MAGIC))
    try:
        head = json.loads(raw[len(_MAGIC) : head_end]) if head_end > 0 else None
    except ValueError:
        head = None
    if not isinstance(head, dict):
        return None, "damaged header"
    expected = expected_header()
    stale = sorted(k for k, v in expected.items() if head.get(k) != v)
    if stale:
        return None, f"stale ({', '.join(stale)} changed)"
    data = memoryview(raw)[head_end + 1 :]
    if len(data) != head.get("size") or hashlib.sha256(data).hexdigest() != head.get("sha256"):
        return None, "truncated or altered (its checksum does not match)"
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _structures(marshal.loads(data)), ""
    except (ValueError, EOFError, TypeError, KeyError) as err:
        return None, f"damaged ({err})"
    finally:
        if enabled:
            gc.enable()


def load_structures(
    folder: Path | None = None, build: Callable[[], dict[str, Any]] = build_structures
) -> LookupStructures:
    """This policy's lookup structures: from the cache in ``folder`` (default
    :func:`cache_dir`), else built with ``build`` and written there for the next process.

    >>> structures = load_structures()  # doctest: +SKIP
    """
    path = cache_file(folder)
    structures, why = read_cache(path)
    if structures is not None:
        return structures
    log.info("deduce lookup cache %s: %s; building it (once)", path, why)
    body = build()
    try:
        write_cache(path, body)
    except OSError as err:
        log.warning("deduce lookup cache %s cannot be written (%s): built in memory", path, err)
    return _structures(body)


def warm_up(folder: Path | None = None) -> Path:
    """Build the cache when it is missing or stale (``make install`` runs this).

    >>> warm_up()  # doctest: +SKIP
    PosixPath('/home/me/.cache/sokwal-monitor/deduce-lookup-3.0.6.cache')
    """
    load_structures(folder)
    return cache_file(folder)


def _policy_annotators(config: Any, unused: Iterable[str]) -> Any:
    """deduce's configuration less the annotator groups left out (``unused``)."""
    from frozendict import frozendict

    skip = set(unused)
    annotators = {
        name: info for name, info in config["annotators"].items() if info.get("group") not in skip
    }
    return frozendict({**config, "annotators": annotators})


def build_processors(structures: LookupStructures, unused: Iterable[str]) -> tuple[Any, Any]:
    """(tokenizer, processors) of deduce as shipped, less the annotator groups in
    ``unused``, on ``structures``: deduce's own loader and base configuration.

    >>> tokenizer, processors = build_processors(load_structures(), {"dates"})  # doctest: +SKIP
    """
    with root_logging_kept():  # importing deduce sets up the root logger
        from deduce import Deduce
        from deduce.deduce import _DeduceProcessorLoader

    config = _policy_annotators(Deduce._initialize_config(load_base_config=True), unused)
    tokenizer = Deduce._initialize_tokenizer(_lookup_root())
    extras = {"tokenizer": tokenizer, "ds": structures.collection()}
    return tokenizer, _DeduceProcessorLoader().load(config=config, extras=extras)
