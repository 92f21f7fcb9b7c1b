"""One project's report: the summary notebook run with papermill, then written as HTML."""

from __future__ import annotations

import time
from importlib import resources
from os import PathLike
from pathlib import Path
from typing import Any

from ..summary.text import check_lang
from .html import EXPLAIN_TAG, _title, to_html
from .kernel import _FORGET, Kernel, _kernel_manager, _quiet_jupyter
from .results import ReportResult

#: The notebook run per project.
NOTEBOOK = "05_project_summary.ipynb"


def default_notebook() -> Path:
    """The summary notebook: the repository's ``notebooks/`` (a development install), else
    the copy inside the installed package.

    >>> default_notebook().name
    '05_project_summary.ipynb'
    """
    repo = Path(__file__).resolve().parents[3] / "notebooks" / NOTEBOOK
    if repo.exists():
        return repo
    return Path(str(resources.files("sokwal_monitor") / "notebooks" / NOTEBOOK))


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
