"""Importing deduce configures Python's root logger (level DEBUG, a handler on stdout):
after that every library that logs at DEBUG prints, pdfminer included, with the text of
the PDFs it reads. Every import of deduce in this package goes through
:func:`root_logging_kept`, which puts the earlier configuration back."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["root_logging_kept"]


@contextmanager
def root_logging_kept() -> Iterator[None]:
    """Run the block, then give the root logger back its level and handlers.

    >>> import logging
    >>> before = logging.getLogger().level
    >>> with root_logging_kept():
    ...     logging.getLogger().setLevel(logging.DEBUG)
    >>> logging.getLogger().level == before
    True
    """
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    try:
        yield
    finally:
        root.setLevel(level)
        for handler in list(root.handlers):
            if handler not in handlers:
                root.removeHandler(handler)
