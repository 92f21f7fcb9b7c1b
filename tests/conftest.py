"""Shared fixtures: a fresh project store, a small corpus of real files, CLI runner.

The corpus is written by the fixture itself (no binary fixtures in the repository):
transcripts in UTF-8, cp1252 with CRLF and UTF-8 with a BOM, a Markdown report with
headings, a WebVTT file, prose without speakers, a file whose name has spaces and
diacritics, and the things an ingest must not take for documents (an unsupported
suffix, an Office lock file, hidden files and folders).
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from shared import built_once, run_folder

from sokwal_monitor.store import ProjectStore

#: Tables whose rows make up a store's content (compared before/after an ingest).
CONTENT_TABLES = (
    "projects",
    "ingests",
    "ingest_files",
    "documents",
    "segments",
    "surveys",
    "survey_variables",
    "survey_values",
)

PROJECTS_CSV = "project_id,naam,gemeente\nP01,Samen aan tafel,Utrecht\nP02,Buurtkracht,Zwolle\n"

#: UTF-8, timestamps before the labels.
INTERVIEW_P01_2018 = (
    "[00:00:05] I: Hoe is het project begonnen?\n"
    "[00:03:12] R: We begonnen met een eetgroep in de buurt.\n"
    "Dat liep goed.\n"
    "[00:04:00] I: En wat heeft u geleerd?\n"
    "[00:04:30] R: Dat samenwerken tijd kost.\n"
)
#: Written as cp1252 with CRLF line ends.
INTERVIEW_P02_2019 = (
    "Interviewer: Wat doet u als vrijwilliger?\r\n"
    "Respondent: Ik kook één keer per week voor de coöperatie.\r\n"
    "Interviewer: Waarom?\r\n"
    "Respondent: Het geeft me plezier, zeker met de geïnterviewde buren.\r\n"
)
#: Written as UTF-8 with a byte order mark; names as speaker labels.
INTERVIEW_P01_2019 = (
    "Anja: Wat is er veranderd sinds vorig jaar?\n"
    "Kees: Meer mensen doen mee.\n"
    "Anja: Hoe komt dat?\n"
    "Kees: Door de nieuwsbrief, denk ik.\n"
)
REPORT_P02_2018 = (
    "# Eindverslag Buurtkracht\n\n"
    "## Aanleiding\n\n"
    "De buurt had weinig ontmoetingsplekken.\n\n"
    "## Resultaten\n\n"
    "Er kwamen 40 mensen op de *eerste* avond.\n\n"
    "De gemeente heeft subsidie toegezegd.\n"
)
VTT_P01_2018 = (
    "WEBVTT\n\n"
    "1\n00:00:01.000 --> 00:00:04.000\n<v Anouk>Hoe gaat het met de eetgroep?</v>\n\n"
    "2\n00:00:04.500 --> 00:00:09.000\n<v Bert>Goed, we zijn met twintig mensen.</v>\n\n"
    "3\n00:00:09.500 --> 00:00:12.000\n<v Anouk>Mooi. En de financiering?</v>\n"
)
NOTES = "Wat losse gedachten over de bijeenkomst.\n\nNiet veel bijzonders gebeurd.\n"
VERSLAG = "Verslag van de bijeenkomst.\n\nDe coöperatie telt nu één vaste kern van vrijwilligers.\n"
INTERVIEW_P03_2018 = "I: Wat is uw rol?\nR: Ik ben coördinator.\n"

#: Documents the corpus fixture holds, as paths relative to its root.
CORPUS_DOCUMENTS = [
    "P01_2018_gesprek.vtt",
    "P01_2018_interview_initiatiefnemer.txt",
    "P01_2019_interview.txt",
    "P02_2018_rapport.md",
    "P02_2019_interview_vrijwilliger.txt",
    "P03_2018_interview.txt",
    "notities.txt",
    "verslagen/Verslag coöperatie één.txt",
]


def write_corpus(root: Path) -> Path:
    """Write the small mixed corpus into ``root`` and return it."""
    root.mkdir(parents=True, exist_ok=True)
    (root / "projects.csv").write_text(PROJECTS_CSV, encoding="utf-8")
    (root / "P01_2018_interview_initiatiefnemer.txt").write_text(
        INTERVIEW_P01_2018, encoding="utf-8"
    )
    (root / "P02_2019_interview_vrijwilliger.txt").write_bytes(INTERVIEW_P02_2019.encode("cp1252"))
    (root / "P01_2019_interview.txt").write_bytes(
        b"\xef\xbb\xbf" + INTERVIEW_P01_2019.encode("utf-8")
    )
    (root / "P02_2018_rapport.md").write_text(REPORT_P02_2018, encoding="utf-8")
    (root / "P01_2018_gesprek.vtt").write_text(VTT_P01_2018, encoding="utf-8")
    (root / "P03_2018_interview.txt").write_text(INTERVIEW_P03_2018, encoding="utf-8")
    (root / "notities.txt").write_text(NOTES, encoding="utf-8")
    (root / "verslagen").mkdir(exist_ok=True)
    (root / "verslagen" / "Verslag coöperatie één.txt").write_text(VERSLAG, encoding="utf-8")
    # not documents: unsupported suffix, Office lock file, hidden file, hidden folder
    (root / "foto.jpg").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00")
    (root / "~$P01_2018_interview.docx").write_bytes(b"\x0bgebruiker" + b"\x00" * 40)
    (root / ".verborgen.txt").write_text("I: Geheim?\nR: Ja.\n", encoding="utf-8")
    (root / ".git").mkdir(exist_ok=True)
    (root / ".git" / "notes.txt").write_text("I: Geheim?\nR: Ja.\n", encoding="utf-8")
    return root


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (``make test``), start with the files that hold a ``slow`` test.

    Each file runs whole on one worker (``--dist loadfile``); a long file handed out last
    would leave the other worker idle at the end. The order inside a file is kept, and
    the tests do not depend on their order. A run without ``-n`` keeps pytest's order.
    """
    if not os.environ.get("PYTEST_XDIST_WORKER"):
        return
    slow_files = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_files)  # stable: False (slow) first


@pytest.fixture
def store(tmp_path: Path) -> Iterator[ProjectStore]:
    """A fresh, empty project store in a temporary folder."""
    with ProjectStore(tmp_path / "project.sokwal") as the_store:
        yield the_store


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder with a small mixed corpus (see :func:`write_corpus`)."""
    return write_corpus(tmp_path / "corpus")


@pytest.fixture
def make_corpus() -> Callable[[Path], Path]:
    """The function that writes the corpus, for a second copy or another folder."""
    return write_corpus


@pytest.fixture
def corpus_documents() -> list[str]:
    """Relative paths of the documents in the corpus (what an ingest should store)."""
    return list(CORPUS_DOCUMENTS)


def snapshot_rows(path: Path) -> dict[str, list[tuple]]:
    """All rows of the store's content tables, sorted, read with a separate connection."""
    con = sqlite3.connect(path)
    try:
        return {
            name: sorted(con.execute(f"SELECT * FROM {name}").fetchall(), key=repr)
            for name in CONTENT_TABLES
        }
    finally:
        con.close()


@pytest.fixture
def snapshot() -> Callable[[Path], dict[str, list[tuple]]]:
    """A function returning every row of a store's content tables (for before/after)."""
    return snapshot_rows


def _sokwal_command() -> list[str]:
    script = Path(sys.executable).with_name("sokwal")
    return [str(script)] if script.exists() else [sys.executable, "-m", "sokwal_monitor.cli"]


_ENV = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONWARNINGS": "error"}


#: Seconds a ``sokwal`` command of a test may take before the test fails as hung: far
#: above what any takes on an idle machine, so that a loaded machine (other test
#: processes, other users) never makes a test fail. Speed is for ``bench/``.
SOKWAL_TIMEOUT = 600


def run_sokwal(
    *args: str | os.PathLike[str],
    cwd: Path | None = None,
    timeout: float = SOKWAL_TIMEOUT,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``sokwal`` console script and wait for it (``env``: variables
    added to the test environment, e.g. ``SOKWAL_KEY_PASSPHRASE``)."""
    return subprocess.run(
        [*_sokwal_command(), *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**_ENV, **(env or {})},
        cwd=cwd,
        timeout=timeout,
        check=False,
    )


def run_sokwal_many(
    calls: list[list[str | os.PathLike[str]]],
    cwd: Path | None = None,
    timeout: float = SOKWAL_TIMEOUT,
) -> list[subprocess.CompletedProcess[str]]:
    """Run several ``sokwal`` commands side by side (they must not depend on each other),
    as many at a time as the machine has cores; return their completed processes in the
    same order."""
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(lambda args: run_sokwal(*args, cwd=cwd, timeout=timeout), calls))


@pytest.fixture(scope="session")
def sokwal() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the installed ``sokwal`` console script; returns the completed process."""
    return run_sokwal


@pytest.fixture(scope="session")
def sokwal_many() -> Callable[..., list[subprocess.CompletedProcess[str]]]:
    """Run several independent ``sokwal`` commands in parallel (see :func:`run_sokwal_many`)."""
    return run_sokwal_many


@pytest.fixture(scope="module")
def filled_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store (shared by a test module: do not change it) with the corpus and one SPSS
    survey, ingested through the ``sokwal`` command."""
    import pandas as pd
    import pyreadstat

    root = tmp_path_factory.mktemp("filled")
    corpus = write_corpus(root / "corpus")
    frame = pd.DataFrame({"eenzaam": [1.0, 2.0, 9.0], "gemeente": ["Utrecht", "Zwolle", "Ede"]})
    pyreadstat.write_sav(
        frame,
        str(corpus / "P01_2018_enquete.sav"),
        column_labels={"eenzaam": "Voelt zich eenzaam", "gemeente": "Woongemeente"},
        variable_value_labels={"eenzaam": {1.0: "nooit", 2.0: "soms", 9.0: "weet niet"}},
        missing_ranges={"eenzaam": [9.0]},
    )
    path = root / "project.sokwal"
    done = run_sokwal("ingest", corpus, "--store", path)
    assert done.returncode == 0, done.stderr
    return path


#: The sample data of the repository (``data/sample``).
SAMPLE = Path(__file__).resolve().parent.parent / "data" / "sample"


def build_coded_sample(folder: Path) -> None:
    """Ingest ``data/sample`` into ``folder/sample.sokwal`` with ``--pseudonymize`` (the
    key file beside it, not encrypted) and code it with the store's rules (``code -q``),
    through the installed ``sokwal`` command, as a researcher does."""
    store = folder / "sample.sokwal"
    for args in (
        ["ingest", str(SAMPLE), "--store", str(store), "--pseudonymize"],
        ["code", "--store", str(store), "-q"],
    ):
        done = run_sokwal(*args)
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="session")
def coded_sample(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``sample.sokwal`` and ``sample.sokwal-key`` (see
    :func:`build_coded_sample`), built once per test run and shared by all test processes:
    never change it, take a copy (``shared.copy_of(coded_sample, dest)``)."""
    return built_once(tmp_path_factory, "coded-sample", build_coded_sample)


@pytest.fixture(scope="session")
def screenshot_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where the browser tests keep their screenshots (one subfolder per area: ``pane``,
    ``designlab``): the folder named by ``SOKWAL_TEST_SCREENSHOTS`` when it is set (e.g.
    ``out`` to look at them), else ``screenshots`` in this run's temporary folder (kept by
    pytest for its last three runs), never inside the repository by default."""
    named = os.environ.get("SOKWAL_TEST_SCREENSHOTS")
    root = Path(named) if named else run_folder(tmp_path_factory) / "screenshots"
    root.mkdir(parents=True, exist_ok=True)
    return root


# the key file's passphrase of whoever runs the tests must not reach them: a test that
# wants one sets it (monkeypatch.setenv, or the env of its own subprocess)
_ENV.pop("SOKWAL_KEY_PASSPHRASE", None)


@pytest.fixture(autouse=True)
def _no_key_passphrase(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOKWAL_KEY_PASSPHRASE", raising=False)


@pytest.fixture(scope="session")
def whisper_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The test Whisper model folder (base, MIT), joined from its two PyPI parts; the
    tests that need it are skipped, saying why, only when those packages are absent."""
    from whisper_model import missing_packages, whisper_base_folder

    missing = missing_packages()
    if missing:
        pytest.skip(f"the test Whisper model is not installed ({', '.join(missing)}; dev group)")
    return whisper_base_folder(tmp_path_factory.mktemp("models"))
