"""Every project's report: workers with a warm kernel each, progress, the index page."""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Callable, Iterable
from os import PathLike
from pathlib import Path
from typing import Any

import pandas as pd

from ..store import ProjectStore, open_store
from ..summary.programme import programme_overview
from ..summary.text import check_lang
from .html import write_index
from .kernel import Kernel, _quiet_jupyter
from .project import _error_text, render_project
from .results import ReportError, ReportResult, ReportRun


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
    if notebook is not None:
        _check_notebook(Path(notebook))
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


def _check_notebook(path: Path) -> None:
    """A notebook given instead of the summary notebook: it must exist and be one."""
    import nbformat

    if not path.exists():
        raise ReportError(path, "no such notebook", "check the path given as notebook")
    try:
        nbformat.read(str(path), as_version=4)
    except Exception as err:  # nbformat's errors differ by what is wrong with the file
        raise ReportError(
            path,
            f"not a Jupyter notebook ({type(err).__name__})",
            "give a .ipynb file, such as a changed copy of notebooks/05_project_summary.ipynb",
        ) from err
