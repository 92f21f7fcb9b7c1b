"""Per-project HTML reports: the summary notebook run per project, plus an index page.

:func:`render_reports` runs ``05_project_summary`` once per project with papermill, a
few projects at a time, each worker in a warm kernel of its own (:mod:`.kernel`),
converts each executed notebook into one self-contained HTML file without code (figures
embedded, no external links or scripts: :mod:`.html`), and writes ``index.html``
listing every project with its key figures. A project whose notebook fails is listed
with the error; the others still render.

Everything runs on this machine: the kernels talk to the report process over Unix
sockets, and the HTML loads nothing from the network.
"""

from .html import EXPLAIN_TAG, to_html, write_index
from .kernel import WARM_UP, Kernel
from .project import NOTEBOOK, default_notebook, render_project
from .results import ReportError, ReportResult, ReportRun
from .run import render_reports

# the public classes are known by their public path (in messages, reprs, pickles)
for _cls in (Kernel, ReportError, ReportResult, ReportRun):
    _cls.__module__ = __name__
del _cls

__all__ = [
    "EXPLAIN_TAG",
    "NOTEBOOK",
    "WARM_UP",
    "Kernel",
    "ReportError",
    "ReportResult",
    "ReportRun",
    "default_notebook",
    "render_project",
    "render_reports",
    "to_html",
    "write_index",
]
