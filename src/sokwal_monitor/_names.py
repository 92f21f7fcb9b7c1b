"""The one helper for arguments that take one name or several (``coder="anna"`` or
``coder=["anna", "bas"]``), shared by the analysis, learning and summary functions."""

from __future__ import annotations

from collections.abc import Iterable

__all__ = ["as_list"]


def as_list(
    value: str | int | Iterable[str] | None, what: str, *, unique: bool = False
) -> list[str] | None:
    """One value or several as a list of texts; None stays None.

    ``unique`` drops repeats (first occurrence kept). A value that is neither a text nor
    iterable is a ``TypeError`` naming the argument.

    >>> as_list("anna", "coder"), as_list(["a", "b", "a"], "codes", unique=True)
    (['anna'], ['a', 'b'])
    >>> as_list(3.5, "coder")
    Traceback (most recent call last):
    ...
    TypeError: coder must be a text or a list of texts, not 3.5
    """
    if value is None:
        return None
    if isinstance(value, str | int):
        return [str(value)]
    try:
        names = [str(v) for v in value]
    except TypeError as err:
        raise TypeError(f"{what} must be a text or a list of texts, not {value!r}") from err
    return list(dict.fromkeys(names)) if unique else names
