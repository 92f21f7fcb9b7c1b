"""The cache of deduce's lookup structures: the same answers as deduce's tries, refused
and rebuilt when stale or damaged, written only in its own folder."""

from __future__ import annotations

import json
import logging
import os
import random
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from docdeid.ds import LookupTrie
from docdeid.str import LowercaseString

from sokwal_monitor.privacy import deduce_cache as dc


@pytest.fixture(scope="module")
def body() -> dict[str, Any]:
    """The cache body, built once from deduce's own structures."""
    return dc.build_structures()


def _compact(trie: LookupTrie) -> Any:
    paths, flags, first = dc._flatten(trie)
    compact = dc._trie_class().__new__(dc._trie_class())
    compact._setup(dict(zip(paths, flags, strict=True)), set(paths[:first]), trie.matching_pipeline)
    return compact


WORDS = ["Van", "van", "der", "Helst", "straat", "Kerk", "Kerkstraat", "1", ".", "-", "\n",
         "\x1f", "a\x1fb", "ß", "SS", "Émile", ""]  # fmt: skip


@pytest.mark.parametrize("seed", range(20))
@pytest.mark.parametrize("lower", [False, True])
def test_a_compact_trie_answers_as_deduces_trie(seed: int, lower: bool) -> None:
    rng = random.Random(seed)
    trie = LookupTrie(matching_pipeline=[LowercaseString()] if lower else None)
    entries = [
        [rng.choice([*WORDS[:10], "ß", "SS", "Émile"]) for _ in range(rng.randint(1, 4))]
        for _ in range(rng.randint(1, 30))
    ]
    for entry in entries:
        trie.add_item(entry)
    compact = _compact(trie)
    assert set(compact.children.keys()) == set(trie.children.keys())
    for _ in range(200):
        query = [rng.choice(WORDS) for _ in range(rng.randint(0, 6))]
        for start in range(len(query) + 1):
            assert compact.longest_matching_prefix(query, start) == trie.longest_matching_prefix(
                query, start_i=start
            ), (entries, query, start)
        assert (query in compact) == (query in trie)


def test_a_token_holding_the_separator_cannot_be_cached() -> None:
    trie = LookupTrie()
    trie.add_item(["a\x1fb"])
    with pytest.raises(ValueError, match="cannot be cached"):
        dc._flatten(trie)


def test_the_cached_tries_hold_what_deduces_tries_hold(
    body: dict[str, Any], tmp_path: Path
) -> None:
    from deduce.lookup_structs import load_lookup_structs_from_cache

    path = tmp_path / "c.cache"
    dc.write_cache(path, body)
    structures, why = dc.read_cache(path)
    assert structures is not None and why == ""
    root = dc._lookup_root()
    deduce = load_lookup_structs_from_cache(root, dc._deduce_version())
    if deduce is None:  # deduce's own cache is stale: nothing to compare with here
        pytest.skip("deduce's own cache is not built")
    for name in ("first_name", "surname", "placename"):
        paths, flags, _ = dc._flatten(deduce[name])
        assert structures.tries[name].nodes == dict(zip(paths, flags, strict=True))
        assert set(structures.tries[name].children.keys()) == set(deduce[name].children.keys())
    assert len(structures.tries["street"].nodes) > 500_000
    for name in dc.POLICY_SETS:
        assert structures.sets[name].items() == deduce[name].items()
        assert str(structures.sets[name].matching_pipeline) == str(deduce[name].matching_pipeline)


def _header(path: Path) -> dict[str, Any]:
    raw = path.read_bytes()
    start = len(dc._MAGIC)
    return json.loads(raw[start : raw.index(b"\n", start)])


def _counting(body: dict[str, Any]) -> tuple[list[int], Any]:
    calls = [0]

    def build() -> dict[str, Any]:
        calls[0] += 1
        return body

    return calls, build


def test_a_cache_is_built_once_then_read(body: dict[str, Any], tmp_path: Path) -> None:
    calls, build = _counting(body)
    first = dc.load_structures(tmp_path, build)
    second = dc.load_structures(tmp_path, build)
    assert calls == [1]
    assert first.tries["surname"].nodes == second.tries["surname"].nodes
    assert [p.name for p in tmp_path.iterdir()] == [dc.cache_file(tmp_path).name]


@pytest.mark.parametrize("field", ["deduce", "docdeid", "sokwal", "python", "sources", "module",
                                   "format"])  # fmt: skip
def test_a_stale_cache_is_rebuilt(body: dict[str, Any], tmp_path: Path, field: str) -> None:
    header = dc.expected_header()
    header[field] = "0.0-other" if field != "format" else 0
    path = dc.cache_file(tmp_path)
    dc.write_cache(path, body, header)
    structures, why = dc.read_cache(path)
    assert structures is None and why.startswith("stale") and field in why
    calls, build = _counting(body)
    dc.load_structures(tmp_path, build)
    assert calls == [1]
    assert _header(path)[field] == dc.expected_header()[field]
    assert dc.read_cache(path)[0] is not None


def _damage(path: Path, how: str) -> None:
    raw = path.read_bytes()
    start = raw.index(b"\n", len(dc._MAGIC)) + 1
    if how == "truncated":
        path.write_bytes(raw[: len(raw) // 2])
    elif how == "flipped":
        middle = start + (len(raw) - start) // 2
        path.write_bytes(raw[:middle] + bytes([raw[middle] ^ 0x40]) + raw[middle + 1 :])
    elif how == "replaced body":  # a body of the right size but other content
        path.write_bytes(raw[:start] + b"\x00" * (len(raw) - start))
    elif how == "header":
        path.write_bytes(raw[: len(dc._MAGIC)] + b"{not json\n" + raw[start:])
    elif how == "empty":
        path.write_bytes(b"")
    elif how == "other file":
        path.write_bytes(b"\x80\x04\x95 a pickle, say" + raw[start:])


@pytest.mark.parametrize(
    "how", ["truncated", "flipped", "replaced body", "header", "empty", "other file"]
)
def test_a_damaged_cache_is_refused_and_rebuilt(
    body: dict[str, Any], tmp_path: Path, how: str, caplog: pytest.LogCaptureFixture
) -> None:
    path = dc.cache_file(tmp_path)
    dc.write_cache(path, body)
    _damage(path, how)
    structures, why = dc.read_cache(path)
    assert structures is None and why
    calls, build = _counting(body)
    with caplog.at_level(logging.INFO, logger=dc.__name__):
        rebuilt = dc.load_structures(tmp_path, build)
    assert calls == [1]
    assert why in caplog.text
    assert rebuilt.tries["first_name"].longest_matching_prefix(["Jan", "is"]) == ["Jan"]
    assert dc.read_cache(path)[0] is not None  # written anew, whole
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_a_folder_that_cannot_be_written_leaves_the_structures_in_memory(
    body: dict[str, Any], tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    blocked = tmp_path / "a file"
    blocked.write_text("not a folder")
    calls, build = _counting(body)
    with caplog.at_level(logging.WARNING, logger=dc.__name__):
        structures = dc.load_structures(blocked / "cache", build)
    assert calls == [1] and "cannot be written" in caplog.text
    assert structures.tries["street"].longest_matching_prefix(["Kerkstraat"]) == ["Kerkstraat"]


def test_the_cache_folder_follows_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(dc.CACHE_ENV, "/somewhere/else")
    assert dc.cache_dir() == Path("/somewhere/else")
    monkeypatch.delenv(dc.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", "/xdg")
    assert dc.cache_dir() == Path("/xdg/sokwal-monitor")
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", "/home/someone")
    assert dc.cache_dir() == Path("/home/someone/.cache/sokwal-monitor")


def _tree(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_building_the_cache_writes_nothing_outside_its_folder(tmp_path: Path) -> None:
    """A fresh process with an empty cache folder: deduce's own files untouched, the
    home folder empty, the cache folder holding the cache file alone."""
    deduce_root = dc._lookup_root().parent.parent
    before = _tree(deduce_root)
    home, cache, work = tmp_path / "home", tmp_path / "cache", tmp_path / "work"
    for folder in (home, work):
        folder.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CACHE_HOME", dc.CACHE_ENV)}
    env.update(HOME=str(home), SOKWAL_CACHE_DIR=str(cache), TMPDIR=str(work))
    source = str(Path(dc.__file__).parents[2])  # this checkout's package, from any folder
    env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH")) if p)
    code = (
        "from sokwal_monitor.privacy.detect import deduce_pipeline, detect\n"
        "deduce_pipeline()\n"
        "print([h.category for h in detect('Mevrouw Jansen woont op de Kerkstraat 12.')])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=work, capture_output=True, text=True,
        timeout=600, check=True,
    )  # fmt: skip
    assert "PERSOON" in out.stdout and "ADRES" in out.stdout, out.stderr
    assert cache.is_dir(), (out.stdout, out.stderr)
    assert [p.name for p in cache.iterdir()] == [dc.cache_file(cache).name]
    assert list(home.rglob("*")) == [] and list(work.rglob("*")) == []
    assert _tree(deduce_root) == before


def test_loading_the_pipeline_leaves_logging_alone(tmp_path: Path) -> None:
    """Importing deduce sets the root logger to DEBUG with a handler on stdout; after
    that pdfminer prints the text of every PDF it reads. Loading the pipeline (and the
    modules that import deduce) must leave logging as it was: nothing printed."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(0, 10, "Mevrouw Quirijntje Zandvoort woont aan de Beukenlaan 7.")
    path = tmp_path / "verslag.pdf"
    pdf.output(str(path))
    script = (
        "import logging, sys\n"
        "from sokwal_monitor.privacy import deduce_tokens\n"
        "from sokwal_monitor.privacy.detect import deduce_pipeline\n"
        "deduce_pipeline()\n"
        "root = logging.getLogger()\n"
        "assert root.level == logging.WARNING and root.handlers == [], (root.level, root.handlers)\n"
        "from sokwal_monitor.ingestion.readers import read_document\n"
        f"doc = read_document({str(path)!r})\n"
        "assert 'Quirijntje' in doc.text\n"
    )
    env = dict(os.environ)
    source = str(Path(__file__).resolve().parents[1] / "src")  # this tree's code, absolute
    env["PYTHONPATH"] = os.pathsep.join(p for p in (source, env.get("PYTHONPATH")) if p)
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=600, check=False)  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Quirijntje" not in done.stdout + done.stderr
    assert "DEBUG" not in done.stdout + done.stderr
