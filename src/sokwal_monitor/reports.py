"""Per-project HTML reports: the summary notebook run per project, plus an index page.

:func:`render_reports` runs ``05_project_summary`` once per project with papermill (in a
fresh kernel, a few at a time), converts each executed notebook into one self-contained
HTML file without code (figures embedded, no external links or scripts), and writes
``index.html`` listing every project with its key figures. A project whose notebook
fails is listed with the error; the others still render.

Everything runs on this machine: the kernel talks to papermill over local sockets, and
the HTML loads nothing from the network.
"""

from __future__ import annotations

import datetime as dt
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from html import escape
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ._version import __version__
from .errors import SokwalError
from .store import ProjectStore, open_store
from .summary.programme import programme_overview
from .summary.render import REPORT_CSS
from .summary.text import check_lang, say

__all__ = [
    "NOTEBOOK",
    "ReportError",
    "ReportResult",
    "ReportRun",
    "default_notebook",
    "render_project",
    "render_reports",
    "to_html",
]

#: The notebook run per project.
NOTEBOOK = "05_project_summary.ipynb"

#: Cells with this tag explain the notebook to a researcher; reports leave them out.
EXPLAIN_TAG = "explain"


class ReportError(SokwalError):
    """Reports cannot be made at all (no store, no notebook, no projects)."""


@dataclass
class ReportResult:
    """One project's report: where it is, or why it failed, and how long it took.

    ``execution_seconds`` is the time the notebook's cells ran (kernel start-up
    excluded), ``seconds`` the whole project (kernel start, execution, conversion).
    """

    project_id: str
    html: Path | None
    notebook: Path | None
    error: str | None = None
    seconds: float = 0.0
    execution_seconds: float = 0.0
    convert_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return self.error is None


@dataclass
class ReportRun:
    """What :func:`render_reports` made: ``index`` and one result per project."""

    index: Path
    results: list[ReportResult] = field(default_factory=list)
    #: False when a text document of the store is not pseudonymized: the pages then show
    #: the original text (each page says so at the top).
    pseudonymized: bool = True

    @property
    def failed(self) -> list[ReportResult]:
        return [r for r in self.results if not r.ok]


def default_notebook() -> Path:
    """The summary notebook: the repository's ``notebooks/`` (a development install), else
    the copy inside the installed package.

    >>> default_notebook().name
    '05_project_summary.ipynb'
    """
    repo = Path(__file__).resolve().parents[2] / "notebooks" / NOTEBOOK
    if repo.exists():
        return repo
    return Path(str(resources.files("sokwal_monitor") / "notebooks" / NOTEBOOK))


def _kernel_manager() -> type:
    """A kernel manager that talks to its kernel over Unix sockets, not TCP.

    Each kernel gets socket files of its own in the temporary folder (kernels started
    at the same time would otherwise pick the same names in the working folder).
    """
    import tempfile
    import uuid

    from jupyter_client.manager import AsyncKernelManager
    from traitlets import default

    class LocalKernelManager(AsyncKernelManager):
        @default("transport")
        def _default_transport(self) -> str:
            return "ipc"

        @default("ip")
        def _default_ip(self) -> str:
            return str(Path(tempfile.gettempdir()) / f"sokwal-kernel-{uuid.uuid4().hex}")

        async def _async_pre_start_kernel(self, **kw: Any) -> tuple[list[str], dict[str, Any]]:
            cmd, kw = await super()._async_pre_start_kernel(**kw)
            env = dict(kw.get("env") or os.environ)
            env.pop("PYTHONWARNINGS", None)  # the caller's warning filters are not the kernel's
            env["MPLBACKEND"] = "module://matplotlib_inline.backend_inline"
            kw["env"] = env
            # the kernel's own log lines (shutdown notices) are not the user's business;
            # what goes wrong in a cell comes back through papermill as the error
            kw["stdout"] = kw["stderr"] = subprocess.DEVNULL
            return cmd, kw

    return LocalKernelManager


def _quiet_jupyter() -> None:
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    os.environ.setdefault("HF_HUB_OFFLINE", "1")


def to_html(notebook: Any, *, title: str, lang: str = "nl") -> str:
    """An executed notebook as one self-contained HTML page without code.

    Code cells' inputs, cells tagged ``explain`` and error or warning output (stderr)
    are left out; figures stay embedded as data URIs. The page loads nothing else.
    """
    import nbformat
    from nbconvert import HTMLExporter

    nb = nbformat.from_dict(notebook) if isinstance(notebook, dict) else notebook
    cells = []
    for cell in nb.cells:
        if EXPLAIN_TAG in cell.get("metadata", {}).get("tags", []):
            continue
        if cell.cell_type == "code":
            cell.outputs = [
                o
                for o in cell.get("outputs", [])
                if not (o.get("output_type") == "stream" and o.get("name") == "stderr")
                and o.get("output_type") != "error"
            ]
        cells.append(cell)
    nb.cells = cells
    exporter = HTMLExporter(
        template_name="basic",
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_anchor_links=True,
    )
    body, _ = exporter.from_notebook_node(nb)
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta name="generator" content="sokwal-monitor {escape(__version__)}">\n'
        f"<title>{escape(title)}</title>\n<style>{REPORT_CSS}</style>\n</head>\n"
        f"<body>\n{body}\n</body>\n</html>\n"
    )


def _error_text(err: BaseException) -> str:
    ename, evalue = getattr(err, "ename", None), getattr(err, "evalue", None)
    if ename:
        return f"{ename}: {evalue}"
    return f"{type(err).__name__}: {err}"


def render_project(
    store: str | PathLike[str],
    project_id: str,
    out_dir: str | PathLike[str],
    *,
    lang: str = "nl",
    coder: str | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    notebook: str | PathLike[str] | None = None,
    timeout: int = 600,
    kernel: Kernel | None = None,
) -> ReportResult:
    """Run the summary notebook for one project and write ``<out_dir>/<project_id>.html``
    (and the executed notebook in ``<out_dir>/notebooks/``). Never raises for a failing
    notebook: the result carries the error.

    Without ``kernel`` the notebook runs in a fresh kernel of its own. With a started
    :class:`Kernel` it runs there, after the kernel's namespace is cleared (modules
    stay imported: that is what makes a warm kernel fast).
    """
    _quiet_jupyter()
    import nbformat
    import papermill

    check_lang(lang)
    out = Path(out_dir)
    (out / "notebooks").mkdir(parents=True, exist_ok=True)
    executed = out / "notebooks" / f"{project_id}.ipynb"
    html = out / f"{project_id}.html"
    started = time.perf_counter()
    result = ReportResult(project_id, None, executed)
    parameters = {
        "store": str(Path(store).resolve()),
        "project_id": project_id,
        "lang": lang,
        "coder": coder,
        "n_boot": n_boot,
        "seed": seed,
    }
    source = nbformat.read(str(notebook or default_notebook()), as_version=4)
    reset = nbformat.v4.new_code_cell(_FORGET)
    reset.metadata["tags"] = [EXPLAIN_TAG]
    source.cells.insert(0, reset)  # a warm kernel forgets the previous project
    engine: dict[str, Any] = (
        {"km": kernel.km} if kernel is not None else {"kernel_manager_class": _kernel_manager()}
    )
    try:
        nb = papermill.execute_notebook(
            source,
            str(executed),
            parameters=parameters,
            kernel_name="python3",
            progress_bar=False,
            log_output=False,
            execution_timeout=timeout,
            **engine,
        )
    except Exception as err:  # a failing notebook is reported, the others go on
        result.error = _error_text(err)
        html.unlink(missing_ok=True)
        result.seconds = time.perf_counter() - started
        return result
    result.execution_seconds = sum(
        float(c.get("metadata", {}).get("papermill", {}).get("duration") or 0.0) for c in nb.cells
    )
    converting = time.perf_counter()
    title = _title(nb) or project_id
    page = to_html(nbformat.from_dict(nb), title=title, lang=lang)
    tmp = html.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(html)  # a reader never sees half a page
    result.html = html
    result.convert_seconds = time.perf_counter() - converting
    result.seconds = time.perf_counter() - started
    return result


#: The first cell of every run: drop the names the previous project's run left in a warm
#: kernel (like ``%reset -f``, without its slow garbage collection), close its figures.
_FORGET = """\
_ip = get_ipython()
for _name in [n for n in _ip.user_ns if n not in _ip.user_ns_hidden and not n.startswith("_")]:
    del _ip.user_ns[_name]
import matplotlib.pyplot as _plt
_plt.close("all")
for _name in ("_ip", "_name", "_plt"):
    globals().pop(_name, None)"""

#: What a warm kernel imports once, before its first project.
WARM_UP = """\
import io
import IPython.display, matplotlib.pyplot, pandas
import sokwal_monitor, sokwal_monitor.learning, sokwal_monitor.summary
_figure = matplotlib.pyplot.figure()  # fonts and the PNG renderer, loaded once
_figure.add_subplot().barh([0], [1], label="x")
_figure.legend()
_figure.savefig(io.BytesIO(), format="png")
matplotlib.pyplot.close(_figure)
del _figure"""


class Kernel:
    """A Python kernel kept running for several projects (one per worker thread).

    ``start()`` launches it in the calling thread's event loop and imports
    :data:`WARM_UP`; ``close()`` shuts it down and closes that loop. Both run in the
    thread that uses the kernel.
    """

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.km: Any = None
        self.kc: Any = None
        self.start_seconds = 0.0

    def start(self) -> Kernel:
        from jupyter_core.utils import run_sync

        started = time.perf_counter()
        self.km = _kernel_manager()(kernel_name="python3")
        run_sync(self.km.start_kernel)(cwd=str(self.cwd))
        self.kc = self.km.client()
        # every notebook run asks the manager for a client: hand out this one, so that no
        # run leaves a client (and its sockets) behind
        self.km.client = lambda **_: self.kc
        self.kc.start_channels()
        self.kc.start_channels = lambda *_, **__: None  # already started
        run_sync(self.kc.wait_for_ready)(timeout=120)
        run_sync(self.kc.execute_interactive)(WARM_UP, timeout=120, store_history=False)
        self.start_seconds = time.perf_counter() - started
        return self

    def alive(self) -> bool:
        from jupyter_core.utils import run_sync

        return bool(self.km is not None and run_sync(self.km.is_alive)())

    def restart(self) -> Kernel:
        """A new kernel in place of one that died (a notebook that crashed it)."""
        self._stop()
        return self.start()

    def _stop(self) -> None:
        from jupyter_core.utils import run_sync

        if self.kc is not None:
            self.kc.stop_channels()
            self.kc = None
        if self.km is not None:
            if self.km.has_kernel:
                run_sync(self.km.shutdown_kernel)(now=True)
            self.km = None

    def close(self) -> None:
        from jupyter_core.utils import ensure_event_loop

        try:
            self._stop()
        finally:
            ensure_event_loop().close()


def _worker(
    jobs: queue.Queue[str],
    done: queue.Queue[ReportResult | BaseException],
    out: Path,
    kwargs: dict[str, Any],
) -> None:
    """Take projects from ``jobs`` until it is empty, in one warm kernel."""
    kernel = Kernel(out)
    try:
        kernel.start()
        while True:
            try:
                project_id = jobs.get_nowait()
            except queue.Empty:
                return
            if not kernel.alive():
                kernel.restart()
            done.put(render_project(project_id=project_id, out_dir=out, kernel=kernel, **kwargs))
    except BaseException as err:  # the main thread reports it; the kernel still closes
        done.put(err)
    finally:
        kernel.close()


def _title(nb: Any) -> str | None:
    for cell in nb.cells:
        for output in cell.get("outputs", []):
            text = output.get("data", {}).get("text/html", "")
            if isinstance(text, list):
                text = "".join(text)
            if "<h1>" in text:
                return _strip_tags(text.split("<h1>", 1)[1].split("</h1>", 1)[0])
    return None


def _strip_tags(text: str) -> str:
    import html as html_lib
    import re

    return html_lib.unescape(re.sub(r"<[^>]+>", "", text))


def _projects(store: ProjectStore, wanted: Iterable[str] | None) -> list[str]:
    docs = store.documents()
    known = sorted(
        set(store.projects()["project_id"].dropna()) | set(docs["project_id"].dropna()), key=str
    )
    if wanted is None:
        if not known:
            raise ReportError(store.path, "no projects in this store", "ingest documents first")
        return known
    wanted = [wanted] if isinstance(wanted, str) else list(wanted)
    unknown = [p for p in wanted if p not in known]
    if unknown:
        raise ReportError(
            store.path,
            f"no project {', '.join(map(repr, unknown))} in this store",
            f"the projects are: {', '.join(known) or '(none)'}",
        )
    return wanted


def render_reports(
    store: ProjectStore | str | PathLike[str],
    out_dir: str | PathLike[str],
    *,
    projects: str | Iterable[str] | None = None,
    lang: str = "nl",
    coder: str | None = None,
    n_boot: int = 1000,
    seed: int = 0,
    workers: int = 2,
    notebook: str | PathLike[str] | None = None,
    timeout: int = 600,
    progress: bool | None = None,
    on_result: Callable[[ReportResult], None] | None = None,
) -> ReportRun:
    """Render the outcome summary of every project (or of ``projects``) as HTML.

    Parameters
    ----------
    store : ProjectStore or path
        The pseudonymized project store.
    out_dir : path
        Where ``index.html``, ``<project_id>.html`` and ``notebooks/`` go (made when
        missing; earlier reports of the same projects are replaced).
    projects : str or iterable of str, optional
        Only these projects (default: all). An unknown id is a :class:`ReportError`.
    lang : {"nl", "en"}, default "nl"
        The language of the reports.
    coder : str, optional
        Whose codings count (default per project: the coder with the most codings).
    n_boot, seed : int
        Bootstrap replicates and seed of the intervals (the same seed, the same report).
    workers : int, default 2
        Projects rendered at once (each in its own kernel process).
    notebook : path, optional
        A changed copy of ``05_project_summary.ipynb`` to run instead.
    timeout : int, default 600
        Seconds one cell may run.
    progress : bool, optional
        Show a progress bar (default: when standard error is a terminal).
    on_result : callable, optional
        Called with each :class:`ReportResult` as it completes.

    Returns
    -------
    ReportRun
        ``index`` (the path of ``index.html``) and ``results`` in project order.

    Examples
    --------
    >>> import pathlib, tempfile
    >>> render_reports(pathlib.Path(tempfile.mkdtemp()) / "missing.sokwal", "out")
    Traceback (most recent call last):
    ...
    sokwal_monitor.reports.ReportError: ...missing.sokwal: no such project store; ...
    """
    check_lang(lang)
    if isinstance(store, ProjectStore):
        path = store.path
        ids, overview, private = _read(store, projects, coder)
    else:
        path = Path(store)
        if not path.exists():
            raise ReportError(path, "no such project store", "check the path, or run sokwal ingest")
        with open_store(path) as opened:
            ids, overview, private = _read(opened, projects, coder)
    if notebook is not None and not Path(notebook).exists():
        raise ReportError(Path(notebook), "no such notebook", "check the path given as notebook")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    show = sys.stderr.isatty() if progress is None else progress
    from tqdm.auto import tqdm

    _quiet_jupyter()
    jobs: queue.Queue[str] = queue.Queue()
    for pid in ids:
        jobs.put(pid)
    done: queue.Queue[ReportResult | BaseException] = queue.Queue()
    kwargs = {"store": path, "lang": lang, "coder": coder, "n_boot": n_boot, "seed": seed,
              "notebook": notebook, "timeout": timeout}  # fmt: skip
    threads = [
        threading.Thread(target=_worker, args=(jobs, done, out, kwargs), daemon=True)
        for _ in range(max(1, min(int(workers), len(ids))))
    ]
    for thread in threads:
        thread.start()
    results: dict[str, ReportResult] = {}
    failure: BaseException | None = None
    with tqdm(total=len(ids), unit="project", disable=not show, desc="reports") as bar:
        while len(results) < len(ids) and (failure is None or any(t.is_alive() for t in threads)):
            try:
                item = done.get(timeout=1)
            except queue.Empty:
                if not any(t.is_alive() for t in threads) and done.empty():
                    break
                continue
            if isinstance(item, BaseException):
                failure = failure or item
                continue
            results[item.project_id] = item
            if on_result is not None:
                on_result(item)
            bar.update()
    for thread in threads:
        thread.join()
    if len(results) < len(ids):
        reason = _error_text(failure) if failure else "the report workers stopped"
        raise ReportError(path, f"no kernel could be started ({reason})", "check the install")
    ordered = [results[pid] for pid in ids]
    index = write_index(out, overview, ordered, lang=lang)
    return ReportRun(index=index, results=ordered, pseudonymized=private)


def _read(
    store: ProjectStore, projects: str | Iterable[str] | None, coder: str | None
) -> tuple[list[str], pd.DataFrame, bool]:
    """The projects to render, the overview for the index, and whether the store's text
    documents are all pseudonymized."""
    docs = store.documents()
    texts = docs[docs["kind"] != "survey"]
    private = bool(texts["pseudonymized_at"].notna().all())
    return _projects(store, projects), programme_overview(store, coder=coder), private


def write_index(
    out_dir: Path, overview: pd.DataFrame, results: list[ReportResult], *, lang: str = "nl"
) -> Path:
    """``index.html``: every project with its key figures and a link to its report (or
    the reason it failed). Projects not rendered this time keep a link when their
    report exists from an earlier run."""
    lang = check_lang(lang)
    by_id = {r.project_id: r for r in results}
    headers = [
        say("project", lang),
        "",
        say("waves", lang).capitalize(),
        say("interviews", lang).capitalize(),
        say("reports", lang).capitalize(),
        say("survey_respondents", lang).capitalize(),
        say("codings", lang),
        say("top_codes", lang),
        "",
    ]
    rows = []
    for row in overview.itertuples(index=False):
        pid = str(row.project_id)
        name = next(
            (str(getattr(row, c)) for c in ("name", "naam") if pd.notna(getattr(row, c, None))),
            "",
        )
        result = by_id.get(pid)
        if result is not None and not result.ok:
            reason = escape(result.error or "")
            link = f'<span class="failed">{escape(say("failed", lang))}: {reason}</span>'
        elif (out_dir / f"{pid}.html").exists():
            link = f'<a href="{escape(pid)}.html">{escape(say("open", lang))}</a>'
        else:
            link = ""
        cells = [
            escape(pid),
            escape(name),
            escape(str(row.waves)),
            str(row.n_interviews),
            str(row.n_reports),
            str(row.n_surveyed),
            str(row.n_codings),
            escape(str(row.top_codes).replace("_", " ")),
            link,
        ]
        rows.append("<tr>" + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    title = say("programme_title", lang)
    failed = [r for r in results if not r.ok]
    summary = (
        f'<p class="warning">{escape(say("failed", lang))}: '
        f"{escape(', '.join(r.project_id for r in failed))}</p>"
        if failed
        else ""
    )
    page = (
        f'<!DOCTYPE html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{REPORT_CSS}\n.failed {{ color: #c9484f; }}"
        f"</style>\n</head>\n<body>\n<h1>{escape(title)}</h1>\n"
        f'<p class="subtitle">{escape(say("index_intro", lang))} '
        f"({dt.date.today().isoformat()}, sokwal-monitor {escape(__version__)})</p>\n{summary}"
        f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>\n"
        "</body>\n</html>\n"
    )
    index = out_dir / "index.html"
    tmp = index.with_suffix(".html.tmp")
    tmp.write_text(page, encoding="utf-8")
    tmp.replace(index)
    return index
