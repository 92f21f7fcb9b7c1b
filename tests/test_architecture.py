"""The structure of docs/architecture.md, checked on the code as it is.

import-linter (run by ``make lint``) checks the layers; these tests check what its
contracts do not say: no two packages import each other at all (imports written inside
functions included), no private name crosses a package boundary, no SQL outside the
store, and the public face of ``sokwal_monitor``.
"""

from __future__ import annotations

import ast
import inspect
import re
from pathlib import Path

import grimp
import pytest

import sokwal_monitor as sm

SRC = Path(sm.__file__).resolve().parent
ROOT = "sokwal_monitor"
# Where SQL may be written: the store package, and the key file (its own small database).
SQL_HOMES = ("store/", "privacy/keyfile.py")


def _unit(module: str) -> str:
    """The package (or top-level module) a module belongs to: ``sokwal_monitor.x``."""
    parts = module.split(".")
    return ".".join(parts[:2])


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    return grimp.build_graph(ROOT, cache_dir=None)


def _package_edges(graph: grimp.ImportGraph) -> dict[str, set[str]]:
    edges: dict[str, set[str]] = {}
    for module in graph.modules:
        if module == ROOT:
            continue  # the public face imports everything; nothing imports it (tested below)
        for target in graph.find_modules_directly_imported_by(module):
            a, b = _unit(module), _unit(target)
            if a != b:
                edges.setdefault(a, set()).add(b)
    return edges


def _cycles(edges: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one package (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(edges.get(node, ())):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            component = []
            while True:
                top = stack.pop()
                on_stack.discard(top)
                component.append(top)
                if top == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def test_the_graph_sees_imports_written_inside_functions(graph: grimp.ImportGraph) -> None:
    # privacy/review.py imports the store at module level; the CLI imports most packages
    # inside its command functions only: the graph must see those.
    cli_targets = {
        _unit(t)
        for m in graph.find_descendants("sokwal_monitor.cli")
        for t in graph.find_modules_directly_imported_by(m)
    }
    assert {"sokwal_monitor.ingestion", "sokwal_monitor.reports"} <= cli_targets


def test_no_import_cycle_between_packages(graph: grimp.ImportGraph) -> None:
    assert _cycles(_package_edges(graph)) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert _cycles(edges) == [["a", "b", "c"]]


def test_no_package_imports_the_public_face(graph: grimp.ImportGraph) -> None:
    importers = graph.find_modules_that_directly_import(ROOT)
    assert sorted(importers) == []


def _imports(path: Path) -> list[tuple[str, list[str], int]]:
    """(target module, imported names, line) of every ``from`` import in a source file."""
    module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    package = package.removesuffix(".__init__")
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith(ROOT):
                out.append((target, [a.name for a in node.names], node.lineno))
    return out


def _private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def test_no_private_name_crosses_a_package_boundary() -> None:
    crossing = []
    for path in sorted(SRC.rglob("*.py")):
        module = ".".join(path.relative_to(SRC.parent).with_suffix("").parts)
        for target, names, line in _imports(path):
            if _unit(target) == _unit(module) or target == ROOT:
                continue
            inner = target.split(".")[2:]
            bad = [n for n in names if _private(n)] + [p for p in inner if _private(p)]
            if bad:
                crossing.append(f"{path.relative_to(SRC)}:{line} {target} {bad}")
    assert crossing == []


_SQL = re.compile(
    r"""["'][^"']*\b(SELECT\s.+\sFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"""
    r"""|CREATE\s+(TABLE|INDEX|VIRTUAL)|PRAGMA\s)""",
    re.IGNORECASE,
)


def test_no_sql_outside_the_store() -> None:
    found = []
    for path in sorted(SRC.rglob("*.py")):
        rel = path.relative_to(SRC).as_posix()
        if rel.startswith(SQL_HOMES):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if re.search(r"\.(execute|executemany|executescript|query)\(", line) or _SQL.search(
                line
            ):
                found.append(f"{rel}:{number}: {line.strip()}")
    assert found == []


VERBS = (
    "ingest",
    "pseudonymize",
    "code_store",
    "suggest",
    "agreement",
    "learning_effects",
    "fit_topics",
    "project_summary",
    "render_reports",
    "import_qdpx",
    "export_qdpx",
    "merge",
)


@pytest.mark.parametrize("verb", VERBS)
def test_every_stage_verb_is_public_and_takes_the_store_first(verb: str) -> None:
    assert verb in sm.__all__
    function = getattr(sm, verb)
    first = next(iter(inspect.signature(function).parameters))
    assert first == "store", f"{verb}{inspect.signature(function)}"


def test_the_public_face_names_only_what_exists() -> None:
    missing = [name for name in sm.__all__ if not hasattr(sm, name)]
    assert missing == []
    for name in ("ProjectStore", "Codebook", "CodingSession", "SokwalError", "StoreError"):
        assert name in sm.__all__


def test_no_two_parts_of_the_store_define_the_same_method() -> None:
    # ProjectStore inherits one class per stage; a name defined in two of them would
    # silently resolve to one (the method resolution order), with the other's callers
    # getting the wrong method.
    from sokwal_monitor.store import ProjectStore
    from sokwal_monitor.store.connection import StoreBase

    owners: dict[str, list[str]] = {}
    for part in ProjectStore.__mro__:
        if part in (ProjectStore, StoreBase, object):
            continue
        for name in vars(part):
            if not name.startswith("__"):
                owners.setdefault(name, []).append(part.__name__)
    assert {n: o for n, o in owners.items() if len(o) > 1} == {}
