"""The old name of :mod:`sokwal_monitor.coding.suggestions`, kept for old imports.

Calling this module calls :func:`~sokwal_monitor.coding.suggestions.suggest`, so that
``sokwal_monitor.coding.suggest(store, coder)`` is the verb whichever of the two the
package's attribute ``suggest`` is (importing this module makes it this module).
"""

import sys
import types
from typing import Any

from .suggestions import *  # noqa: F403
from .suggestions import __all__ as __all__
from .suggestions import suggest as _suggest


class _CallableModule(types.ModuleType):
    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return _suggest(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
