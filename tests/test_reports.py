"""``sokwal report``: per-project HTML reports and index.html, opened in headless Chromium.

One store of the real sample (ingested, pseudonymized, rule-coded) is shared by the
module; the reports are rendered once with the CLI and then read as a browser shows
them: figures drawn, no traceback or error output, nothing loaded from the network, no
personal data of the sample's gold list.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest
from browser import chromium_required, png_size, render_page
from gold import leaked
from shared import copy_of

from sokwal_monitor import ProjectStore
from sokwal_monitor.reports import default_notebook, render_reports, to_html

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data" / "sample"
PROJECTS = ["P01", "P02", "P03", "P04", "P05"]
Sokwal = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory, coded_sample: Path) -> Path:
    """This module's copy of the sample, ingested with ``--pseudonymize`` and coded."""
    return copy_of(coded_sample, tmp_path_factory.mktemp("reports") / "s") / "sample.sokwal"


@pytest.fixture(scope="module")
def reports(sample_store: Path, sokwal: Sokwal) -> tuple[Path, subprocess.CompletedProcess[str]]:
    out = sample_store.parent / "rapporten"
    done = sokwal(
        "report", "--store", str(sample_store), "--out", str(out), "--all", "--boot", "200",
        timeout=300,
    )  # fmt: skip
    return out, done


@pytest.mark.slow
def test_report_all_writes_one_page_per_project_and_an_index(
    reports: tuple[Path, subprocess.CompletedProcess[str]],
) -> None:
    out, done = reports
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""  # no progress bar when not on a terminal, no warnings
    assert f"5 of 5 project reports written; open {out / 'index.html'}" in done.stdout
    for project in PROJECTS:
        page = (out / f"{project}.html").read_text(encoding="utf-8")
        assert page.startswith("<!DOCTYPE html>") and '<html lang="nl">' in page
        assert "Hoe zeker zijn we?" in page
        # no code: neither the notebook's imports nor its parameters are on the page
        assert "import matplotlib" not in page and "project_summary(" not in page
        assert "papermill" not in page.lower()
        # the explanation cells for the researcher stay in the notebook
        assert "Outcome summary of one project" not in page
        assert (out / "notebooks" / f"{project}.ipynb").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert [f"{p}.html" for p in PROJECTS] == re.findall(r'href="(P\d\d\.html)"', index)
    assert "Samen aan Tafel Markeveen" in index


@pytest.mark.slow
def test_project_page_in_chromium(
    reports: tuple[Path, subprocess.CompletedProcess[str]], sample_store: Path, tmp_path: Path
) -> None:
    chromium_required()
    out, _ = reports
    shot = tmp_path / "P01.png"
    page = render_page(out / "P01.html", screenshot=shot, height=3000)
    assert png_size(shot) == (1280, 3000)
    figures = [i for i in page.images if i["tag"] == "img"]
    assert len(figures) >= 3  # codes per wave, learning effects, survey means
    assert all(
        i["complete"] and i["naturalWidth"] > 100 and i["naturalHeight"] > 100 for i in figures
    )
    assert all(i["src"].startswith("data:image/png;base64,") for i in figures)
    assert page.blocked_requests == [] and page.failed_requests == []
    assert page.console_errors == []
    assert page.title.startswith("Uitkomsten van Samen aan Tafel Markeveen")
    for words in ("Traceback", "Error", "Exception", "Warning", "stderr"):
        assert words not in page.text, words
    for heading in ("Projectgegevens", "Thema's per meting", "Leereffecten", "Hoe zeker zijn we?"):
        assert heading in page.text
    assert "[PERSOON-" in page.text  # quotes are there, pseudonymized
    with ProjectStore(sample_store, create=False) as store:
        assert leaked(page.text, store) == []


@pytest.mark.slow
def test_index_in_chromium(
    reports: tuple[Path, subprocess.CompletedProcess[str]], sample_store: Path
) -> None:
    chromium_required()
    out, _ = reports
    page = render_page(out / "index.html")
    assert page.blocked_requests == [] and page.failed_requests == []
    assert sorted(page.links) == [f"{p}.html" for p in PROJECTS]
    assert all((out / link).exists() for link in page.links)
    for project in PROJECTS:
        assert project in page.text
    with ProjectStore(sample_store, create=False) as store:
        assert leaked(page.text, store) == []


@pytest.mark.slow
def test_all_project_pages_show_no_personal_data(
    reports: tuple[Path, subprocess.CompletedProcess[str]], sample_store: Path
) -> None:
    out, _ = reports
    with ProjectStore(sample_store, create=False) as store:
        for project in PROJECTS:
            text = re.sub(r"<[^>]+>", " ", (out / f"{project}.html").read_text(encoding="utf-8"))
            assert leaked(text, store) == [], project


@pytest.mark.slow
def test_a_failing_project_is_reported_and_the_others_render(
    sample_store: Path, sokwal: Sokwal, tmp_path: Path
) -> None:
    nb = nbformat.read(default_notebook(), as_version=4)
    broken = nbformat.v4.new_code_cell(
        'if project_id == "P02":\n    raise RuntimeError("kapotte grafiek")'
    )
    nb.cells.insert(3, broken)
    notebook = tmp_path / "kapot.ipynb"
    nbformat.write(nb, notebook)
    out = tmp_path / "out"
    done = sokwal(
        "report", "--store", str(sample_store), "--out", str(out), "--project", "P01",
        "--project", "P02", "--boot", "0", "--notebook", str(notebook), timeout=300,
    )  # fmt: skip
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == "error: P02: RuntimeError: kapotte grafiek"
    assert "1 of 2 project reports written" in done.stdout
    assert (out / "P01.html").exists() and not (out / "P02.html").exists()
    index = (out / "index.html").read_text(encoding="utf-8")
    assert "Mislukt: RuntimeError: kapotte grafiek" in index
    assert 'href="P01.html"' in index and 'href="P02.html"' not in index


@pytest.mark.slow
def test_english_report_from_python(
    sample_store: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    seen = []
    run = render_reports(
        sample_store, tmp_path, projects="P04", lang="en", n_boot=0, on_result=seen.append,
        progress=True,
    )  # fmt: skip
    bar = capsys.readouterr().err  # the progress bar, asked for (stderr is no terminal here)
    assert "reports: 100%" in bar and "1/1" in bar
    assert [r.project_id for r in seen] == ["P04"] and run.failed == []
    result = run.results[0]
    assert result.ok and result.html == tmp_path / "P04.html"
    assert 0 < result.execution_seconds < result.seconds
    page = result.html.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "How sure are we?" in page
    assert "Hoe zeker" not in page
    assert "Social quality: overview" in run.index.read_text(encoding="utf-8")


def test_unknown_project_and_missing_store_are_clear_errors(
    sample_store: Path, sokwal: Sokwal, tmp_path: Path
) -> None:
    done = sokwal(
        "report", "--store", str(sample_store), "--out", str(tmp_path), "--project", "P99"
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {sample_store}: no project 'P99' in this store;")
    assert "P01, P02, P03, P04, P05" in done.stderr
    missing = tmp_path / "nergens.sokwal"
    done = sokwal("report", "--store", str(missing), "--out", str(tmp_path), "--all")
    assert done.returncode == 2 and "no such project store" in done.stderr
    assert not missing.exists()
    done = sokwal("report", "--store", str(sample_store), "--out", str(tmp_path))
    assert (
        done.returncode == 2 and "one of the arguments --all --project is required" in done.stderr
    )
    not_a_notebook = tmp_path / "rapport.ipynb"
    not_a_notebook.write_text("geen notebook", encoding="utf-8")
    done = sokwal(
        "report", "--store", str(sample_store), "--out", str(tmp_path), "--all",
        "--notebook", str(not_a_notebook),
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {not_a_notebook}: not a Jupyter notebook (")
    assert "05_project_summary.ipynb" in done.stderr


def test_to_html_leaves_out_code_errors_and_explanations() -> None:
    nb = nbformat.v4.new_notebook()
    explain = nbformat.v4.new_markdown_cell("Uitleg voor de onderzoeker")
    explain.metadata["tags"] = ["explain"]
    code = nbformat.v4.new_code_cell("geheim_codefragment = 1")
    code.outputs = [
        nbformat.v4.new_output("stream", name="stderr", text="UserWarning: iets"),
        nbformat.v4.new_output("display_data", data={"text/html": "<p>Zichtbaar</p>"}),
    ]
    nb.cells = [explain, nbformat.v4.new_markdown_cell("## Kop"), code]
    page = to_html(nb, title="T <1>", lang="nl")
    assert "Zichtbaar" in page and "Kop" in page
    for hidden in ("Uitleg", "geheim_codefragment", "UserWarning"):
        assert hidden not in page
    assert "<title>T &lt;1&gt;</title>" in page
    assert not re.search(r"""(src|href)=["']?https?:""", page)  # nothing from the network


def _notebook_with(tmp_path: Path, name: str, code: str) -> Path:
    nb = nbformat.read(default_notebook(), as_version=4)
    nb.cells.insert(3, nbformat.v4.new_code_cell(code))
    path = tmp_path / name
    nbformat.write(nb, path)
    return path


@pytest.mark.slow
def test_a_warm_kernel_forgets_the_previous_project(sample_store: Path, tmp_path: Path) -> None:
    """Projects share a kernel per worker; no name of one project's run reaches the next."""
    notebook = _notebook_with(
        tmp_path,
        "leftover.ipynb",
        'assert "leftover" not in globals(), f"left by {leftover}"\nleftover = project_id',
    )
    run = render_reports(
        sample_store, tmp_path / "out", projects=["P01", "P02", "P03"], n_boot=0, workers=1,
        notebook=notebook,
    )  # fmt: skip
    assert [r.error for r in run.results] == [None, None, None]


@pytest.mark.slow
def test_a_crashed_kernel_fails_its_project_only(sample_store: Path, tmp_path: Path) -> None:
    notebook = _notebook_with(
        tmp_path, "crash.ipynb", 'if project_id == "P01":\n    import os\n    os._exit(1)'
    )
    run = render_reports(
        sample_store, tmp_path / "out", projects=["P01", "P02"], n_boot=0, workers=1,
        notebook=notebook,
    )  # fmt: skip
    first, second = run.results
    assert not first.ok and "Dead" in (first.error or ""), first.error
    assert second.ok, second.error


@pytest.mark.slow
def test_a_store_that_is_not_pseudonymized_is_flagged(sokwal: Sokwal, tmp_path: Path) -> None:
    store = tmp_path / "raw.sokwal"
    done = sokwal("ingest", str(SAMPLE / "interviews" / "2019"), "--store", str(store), "-q")
    assert done.returncode == 0, done.stderr
    done = sokwal(
        "report", "--store", str(store), "--out", str(tmp_path / "out"), "--project", "P04",
        "--boot", "0", timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == (
        f"warning: {store}: not pseudonymized, the reports show the original text; run"
        " sokwal pseudonymize before sharing them\n"
    )
    page = (tmp_path / "out" / "P04.html").read_text(encoding="utf-8")
    assert 'class="warning"' in page and "niet gepseudonimiseerd" in page
