"""The lessons library (*vindplaats*): a static, offline website of the lessons for
initiators, and the researcher's curation of it.

:func:`write_library` writes the site (``sokwal library --store S --out DIR``);
:func:`hide_lesson`, :func:`edit_lesson_wording` and :func:`mark_favourite` curate it
(kept in the store); :func:`library_lessons` is the table the site shows.

>>> from sokwal_monitor.library import write_library
>>> callable(write_library)
True
"""

from .curation import (
    LIBRARY_COLUMNS,
    LibraryError,
    edit_lesson_wording,
    hide_lesson,
    library_lessons,
    mark_favourite,
)
from .site import LIBRARY_CSS, LibraryResult, write_library

__all__ = [
    "LIBRARY_COLUMNS",
    "LIBRARY_CSS",
    "LibraryError",
    "LibraryResult",
    "edit_lesson_wording",
    "hide_lesson",
    "library_lessons",
    "mark_favourite",
    "write_library",
]
