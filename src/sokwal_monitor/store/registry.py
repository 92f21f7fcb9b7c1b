"""The registry of exportable tables: analyses register what they export.

The store lists the tables once, here; ``ProjectStore.table(name)`` and
``sokwal export TABLE`` look them up, so the store imports no analysis. The store's
own tables are registered by the store; each analysis package registers its tables
when it is imported (``import sokwal_monitor`` imports all of them).

>>> "documents" in table_names()
True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:
    from . import ProjectStore

__all__ = ["TableSpec", "register_table", "table_names", "table_spec", "unregister_table"]


@dataclass(frozen=True)
class TableSpec:
    """An exportable table.

    ``read(store, **options)`` returns it; ``options`` names the keyword arguments it
    takes from ``sokwal export`` (``all_versions``, ``coder``); ``order`` places it in
    listings (the store's own tables come first).
    """

    name: str
    read: Callable[..., pd.DataFrame]
    description: str = ""
    options: tuple[str, ...] = ()
    order: float = 1000.0


_TABLES: dict[str, TableSpec] = {}


def register_table(
    name: str,
    read: Callable[..., pd.DataFrame],
    description: str = "",
    *,
    options: tuple[str, ...] = (),
    order: float = 1000.0,
) -> None:
    """Make ``read(store, **options)`` available as table ``name`` (``sokwal export name``).

    Registering a name again replaces it (a module reloaded in a notebook).

    >>> register_table("example", lambda store: pd.DataFrame({"a": [1]}), "an example")
    >>> table_spec("example").description
    'an example'
    >>> unregister_table("example")
    """
    _TABLES[name] = TableSpec(name, read, description, tuple(options), float(order))


def unregister_table(name: str) -> None:
    """Forget a registered table (for tests and examples)."""
    _TABLES.pop(name, None)


def table_names() -> tuple[str, ...]:
    """The registered table names in listing order."""
    specs = sorted(enumerate(_TABLES.values()), key=lambda item: (item[1].order, item[0]))
    return tuple(spec.name for _, spec in specs)


def table_spec(name: str) -> TableSpec:
    """The registered table ``name``; ``ValueError`` naming the choices otherwise."""
    try:
        return _TABLES[name]
    except KeyError:
        raise ValueError(
            f"unknown table {name!r}; choose one of {', '.join(table_names())}"
        ) from None


def read_table(store: ProjectStore, name: str, **options: Any) -> pd.DataFrame:
    """Read table ``name`` from ``store``, passing on the options it takes."""
    spec = table_spec(name)
    return spec.read(store, **{k: v for k, v in options.items() if k in spec.options})
