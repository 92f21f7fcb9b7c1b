"""The reusable notebooks in ``notebooks/``.

* Pairing: every ``notebooks/NAME.py`` (jupytext percent format, the source of truth)
  has a ``NAME.ipynb`` with the same cells and no outputs (outputs could carry interview
  text into the repository), and every ``.ipynb`` has its ``.py``.
* Transcription (slow): ``00_transcribe`` run on a synthetic two-voice Dutch interview
  with the test Whisper model writes a transcript with two speakers that ingest reads.
* Execution (slow): the notebooks of :data:`NOTEBOOKS` run in order with papermill on
  ``data/sample`` in a fresh kernel, sharing one store in a temporary folder, each
  without errors; each leaves in the store (or next to it) what it is for, and no
  output of any of them shows a string of the sample's gold list of personal data.
"""

from __future__ import annotations

import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
import pytest
from gold import leaked

from sokwal_monitor import ProjectStore

REPO = Path(__file__).resolve().parent.parent
NOTEBOOK_DIR = REPO / "notebooks"
SAMPLE = REPO / "data" / "sample"
#: The notebooks that run on the sample, in this order (each uses the store of the ones before).
NOTEBOOKS = [
    "00_transcribe",  # with its defaults (no recordings) it only says what to do
    "01_load_and_pseudonymize",
    "02_code",
    "03_agreement",
    "04_topics_and_learning",
    "05_project_summary",
    "06_programme_overview",
    "07_lessons",
    "08_designlab",
]
#: The coder names the notebooks use with their default parameters.
MANUAL_CODER = "onderzoeker"
LEMMA_CODER = "rule:alleen_lemmas"
#: Output types whose text a reader sees.
TEXT_TYPES = ("text/plain", "text/html", "text/markdown")


def _fix(name: str) -> str:
    return f"run `.venv/bin/jupytext --sync notebooks/{name}.py` (or save it in JupyterLab)"


def _cells(nb: Any) -> list[tuple[str, str, list[str]]]:
    return [(c.cell_type, c.source, list(c.metadata.get("tags", []))) for c in nb.cells]


# -- pairing ------------------------------------------------------------------------------


@pytest.mark.parametrize("py", sorted(NOTEBOOK_DIR.glob("*.py")), ids=lambda p: p.stem)
def test_py_and_ipynb_are_paired(py: Path) -> None:
    import jupytext

    ipynb = py.with_suffix(".ipynb")
    assert ipynb.exists(), f"{ipynb.name} is missing: {_fix(py.stem)}"
    source = jupytext.read(py)
    paired = nbformat.read(ipynb, as_version=4)
    assert source.metadata["jupytext"]["formats"] == "ipynb,py:percent", py.name
    assert source.metadata["kernelspec"]["name"] == "python3", py.name
    assert _cells(paired) == _cells(source), f"{ipynb.name} differs from {py.name}: {_fix(py.stem)}"
    tagged = [c for c in source.cells if "parameters" in c.metadata.get("tags", [])]
    code = [c for c in source.cells if c.cell_type == "code"]
    assert tagged and code[0] is tagged[0], f"{py.name}: the first code cell holds the parameters"
    for cell in paired.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, (
                f"{ipynb.name} holds outputs (they may show interview text): run"
                f" `.venv/bin/jupytext --to ipynb notebooks/{py.name}`, or in JupyterLab"
                " Edit > Clear Outputs of All Cells, then save"
            )


@pytest.mark.parametrize("ipynb", sorted(NOTEBOOK_DIR.glob("*.ipynb")), ids=lambda p: p.stem)
def test_every_ipynb_has_its_py(ipynb: Path) -> None:
    assert ipynb.with_suffix(".py").exists(), (
        f"{ipynb.name} has no {ipynb.stem}.py: run"
        f" `.venv/bin/jupytext --set-formats ipynb,py:percent notebooks/{ipynb.name}`"
    )


def test_every_notebook_is_executed_by_the_tests() -> None:
    on_disk = sorted(p.stem for p in NOTEBOOK_DIR.glob("*.py"))
    assert sorted(NOTEBOOKS) == on_disk, "add new notebooks to NOTEBOOKS (in the order they run)"


# -- execution ----------------------------------------------------------------------------


@dataclass
class Executed:
    """The notebooks run in order on the sample, with what came out of them."""

    folder: Path
    store: Path
    notebooks: dict[str, Any] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    failure: tuple[str, BaseException] | None = None

    def notebook(self, name: str) -> Any:
        if name not in self.notebooks:
            assert self.failure is not None
            failed, error = self.failure
            pytest.fail(f"{failed} failed, so {name} did not run:\n{error}", pytrace=False)
        return self.notebooks[name]


@pytest.fixture(scope="module")
def executed(tmp_path_factory: pytest.TempPathFactory) -> Executed:
    # jupyter_core warns (DeprecationWarning) unless it is told to use platformdirs
    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    import papermill

    folder = tmp_path_factory.mktemp("notebooks")
    result = Executed(folder, folder / "sample.sokwal")
    values = {
        "store": str(result.store),
        "sample": str(SAMPLE),
        "out": str(folder / "exports"),
        "n_boot": 200,
    }
    for name in NOTEBOOKS:
        source = NOTEBOOK_DIR / f"{name}.ipynb"
        declared = papermill.inspect_notebook(source)
        started = time.perf_counter()
        try:
            papermill.execute_notebook(
                source,
                folder / f"{name}.ipynb",
                parameters={k: v for k, v in values.items() if k in declared},
                cwd=NOTEBOOK_DIR,
                kernel_name="python3",
                progress_bar=False,
            )
        except Exception as error:  # the notebook's traceback, shown by the tests that need it
            result.failure = (name, error)
            break
        result.seconds[name] = time.perf_counter() - started
        result.notebooks[name] = nbformat.read(folder / f"{name}.ipynb", as_version=4)
    return result


def _outputs(nb: Any) -> list[Any]:
    return [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs]


def _texts(nb: Any) -> list[str]:
    """Everything a reader sees as text: printed output, tables, Markdown."""
    texts = []
    for out in _outputs(nb):
        if out.output_type == "stream":
            texts.append(out.text)
        for kind in TEXT_TYPES:
            value = out.get("data", {}).get(kind)
            if value is not None:
                texts.append(value if isinstance(value, str) else "".join(value))
    return texts


def _text(nb: Any) -> str:
    return "\n".join(_texts(nb))


def _figures(nb: Any) -> int:
    return sum("image/png" in out.get("data", {}) for out in _outputs(nb))


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_runs_without_errors(executed: Executed, name: str) -> None:
    nb = executed.notebook(name)
    errors = [out for out in _outputs(nb) if out.output_type == "error"]
    assert not errors, f"{name}: {errors[0].ename}: {errors[0].evalue}"
    warnings = [out.text for out in _outputs(nb) if out.get("name") == "stderr"]
    assert not warnings, f"{name} shows warnings to the researcher: {warnings}"


@pytest.mark.slow
@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_shows_no_personal_data(executed: Executed, name: str) -> None:
    """Only pseudonymized text: no output holds a string of the sample's gold list
    (names, phone numbers, addresses, ...; strings under 4 characters left out).

    Survey value labels such as "85 jaar of ouder" contain a gold string ("85 jaar") that
    is no personal data there: the survey's labels are left out of the comparison."""
    seen = _text(executed.notebook(name))
    with ProjectStore(executed.store) as store:
        found = leaked(seen, store)
    assert not found, f"{name} shows personal data of the sample: {found}"


@pytest.mark.slow
def test_01_loads_and_pseudonymizes(executed: Executed) -> None:
    nb = executed.notebook("01_load_and_pseudonymize")
    with ProjectStore(executed.store) as store:
        documents = store.documents()
        assert len(documents) == 15 and set(documents["project_id"].dropna()) >= {"P01", "P05"}
        texts = documents[documents["kind"] != "survey"]
        assert texts["pseudonymized_at"].notna().all()
    assert (executed.folder / "sample.sokwal-key").exists()  # the key file, beside the store
    text = _text(nb)
    assert "[PERSOON-" in text and "Key file (keep it apart)" in text
    # the kernel runs this Python (the project's .venv), not another one on the machine
    assert f"Python {sys.executable}" in text


@pytest.mark.slow
def test_02_codes_by_rules_and_by_hand(executed: Executed) -> None:
    nb = executed.notebook("02_code")
    with ProjectStore(executed.store) as store:
        codings = store.codings()
        rules = codings[codings["coder"].str.startswith("rule:sociale_kwaliteit@")]
        assert len(rules) > 100 and set(rules["origin"]) == {"rule"}
        mine = codings[codings["coder"] == MANUAL_CODER]
        assert len(mine) == 1 and mine["origin"].tolist() == ["manual"]
        assert "vrijwilligers" in mine["text"].iloc[0]
        assert MANUAL_CODER in set(store.memos()["author"])
    assert "»" in _text(nb)  # quotes in context
    assert _figures(nb) >= 1


@pytest.mark.slow
def test_03_compares_two_coders(executed: Executed) -> None:
    nb = executed.notebook("03_agreement")
    with ProjectStore(executed.store) as store:
        assert LEMMA_CODER in set(store.codings()["coder"])
    text = _text(nb)
    assert "krippendorff_alpha" in text and "(all codes)" in text and "disagreements in" in text
    page = executed.folder / "sample-overleg.html"
    assert page.read_text(encoding="utf-8").lstrip().lower().startswith("<!doctype html")


@pytest.mark.slow
def test_04_finds_topics_and_learning_effects(executed: Executed) -> None:
    nb = executed.notebook("04_topics_and_learning")
    with ProjectStore(executed.store) as store:
        topics = store.table("topics")
        assert len(topics) > 100 and topics["topic"].nunique() > 2
    assert (executed.folder / "sample.sokwal.topics").is_dir()
    text = _text(nb)
    assert "Leereffecten van project P01" in text and "Van 2018 naar 2019" in text
    assert _figures(nb) >= 3


@pytest.mark.slow
def test_05_summarizes_one_project_in_dutch(executed: Executed) -> None:
    nb = executed.notebook("05_project_summary")
    text = _text(nb)
    for heading in ("Uitkomsten van", "Projectgegevens", "Leereffecten", "Hoe zeker zijn we?"):
        assert heading in text, heading
    assert "Uitkomsten van de enquête" in text and "n=12" in text  # P01's survey, per wave
    assert "Onderwerpen in de gesprekken" in text and "Er is geen topicmodel" not in text
    assert _figures(nb) >= 3  # codes per wave, learning effects, survey means
    explain = [c for c in nb.cells if "explain" in c.metadata.get("tags", [])]
    assert explain and all(c.cell_type == "markdown" for c in explain)


@pytest.mark.slow
def test_06_puts_projects_side_by_side_and_exports_for_spss(executed: Executed) -> None:
    import pyreadstat

    nb = executed.notebook("06_programme_overview")
    text = _text(nb)
    for project in ("P01", "P02", "P03", "P04", "P05"):
        assert project in text
    assert "pearson_r" in text and "n_surveyed" in text
    assert _figures(nb) >= 1
    data, meta = pyreadstat.read_sav(executed.folder / "exports" / "quantitized_codes.sav")
    with ProjectStore(executed.store) as store:
        texts = store.documents().query("kind != 'survey'")
    assert len(data) == len(texts)
    assert set(data["doc_id"]) == set(texts["doc_id"])
    assert meta.variable_value_labels  # 0/1 codes carry "niet gecodeerd"/"gecodeerd"


# -- 00: recordings to transcripts -----------------------------------------------------------


def test_00_with_its_defaults_only_says_what_to_do(executed: Executed) -> None:
    text = _text(executed.notebook("00_transcribe"))
    assert "No recordings given: nothing to transcribe." in text


@pytest.mark.slow
def test_00_transcribes_recordings(tmp_path: Path, whisper_model: Path) -> None:
    """The notebook on a synthetic interview (two espeak-ng voices, a known script) and
    a damaged recording: one transcript with two speakers that ingest reads with the
    interviewer found, and the damaged file listed with its error."""
    import shutil

    os.environ.setdefault("JUPYTER_PLATFORM_DIRS", "1")
    import papermill
    import speech

    if not speech.have_tools():
        pytest.skip(
            "espeak-ng and sox are needed to speak the test interview (.ci/run installs them)"
        )
    recordings = tmp_path / "opnames"
    recordings.mkdir()
    speech.write_dialogue(recordings / "P07_2024_interview.wav", n_speakers=2, n_turns=6)
    (recordings / "P08_2024_kapot.m4a").write_bytes(b"geen audio")
    transcripts = tmp_path / "transcripten"
    papermill.execute_notebook(
        NOTEBOOK_DIR / "00_transcribe.ipynb",
        tmp_path / "00_transcribe.ipynb",
        parameters={
            "recordings": str(recordings),
            "model": str(whisper_model),
            "transcripts": str(transcripts),
        },
        cwd=NOTEBOOK_DIR,
        kernel_name="python3",
        progress_bar=False,
    )
    nb = nbformat.read(tmp_path / "00_transcribe.ipynb", as_version=4)
    assert not [o for o in _outputs(nb) if o.output_type == "error"]
    text = _text(nb)
    assert "2 recording(s)" in text and "transcribed" in text and "failed" in text
    vtt = transcripts / "P07_2024_interview.vtt"
    # six turns in the script; Whisper base on espeak's voices may merge or add one
    turns = re.search(r"P07_2024_interview\.vtt: (\d+) turns", text)
    assert turns and 2 <= int(turns.group(1)) <= 10, text
    body = vtt.read_text(encoding="utf-8")
    assert "<v Speaker 1>" in body and "<v Speaker 2>" in body
    assert not (transcripts / "P08_2024_kapot.vtt").exists()
    (transcripts / "P08_2024_kapot.vtt").unlink(missing_ok=True)
    shutil.rmtree(recordings)  # the audio is not needed to read the transcripts
    with ProjectStore(tmp_path / "s.sokwal") as store:
        from sokwal_monitor import ingest

        ingest(store, transcripts)
        segments = store.segments()
    assert set(segments["speaker"]) == {"Speaker 1", "Speaker 2"}
    # each speaker keeps one role; which one is the interviewer rests on question marks,
    # which Whisper base does not hear in espeak's intonation (ingest's tests cover it)
    assert (segments.groupby("speaker")["role"].nunique() == 1).all()
    assert "koffie" in " ".join(segments["text"]).lower()  # the script's words come through
