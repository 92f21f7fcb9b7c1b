"""The coding pane in a real JupyterLab, in headless Chromium, used as a researcher uses it.

Starts JupyterLab on 127.0.0.1 (a free port, a random token, no autosave, its own
process group, stopped by PID), opens a copy of ``notebooks/02_code.ipynb`` whose store
is the sample, runs it, and then, with mouse and keyboard: selects a passage and codes
it, codes a turn from the keyboard (and checks that ``b`` inserted no notebook cell),
searches a word, opens a hit and codes it, accepts and rejects a suggestion, undoes.
After each step a separate Python process reads the store and checks the exact offsets
and provenance. Screenshots go to ``pane/`` of the ``screenshot_root`` fixture. Fails on browser console errors and on
clipped code labels. On a 5,000-turn document it measures, and prints, the time from a
click on a code to its highlight (target < 150 ms), and codes a passage after an emoji.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

import nbformat
import pytest
from browser import chromium_required

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
SRC = REPO / "src"
CODER = "onderzoeker"
#: Console messages of JupyterLab itself that say nothing about the pane (offline).
NOISE = ("favicon", "net::ERR_", "Failed to load resource", "lab/api/news")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _start_lab(root: Path, port: int, token: str) -> subprocess.Popen[bytes]:
    jupyter = Path(sys.executable).with_name("jupyter")
    settings = root / "lab-settings"
    for plugin, name, text in (
        ("docmanager-extension", "plugin", '{"autosave": false}'),
        ("apputils-extension", "notification", '{"fetchNews": "false"}'),
        # the notebook's own kernel (python3) without the "Select Kernel" dialog
        ("notebook-extension", "tracker", '{"autoStartDefaultKernel": true}'),
    ):
        folder = settings / "@jupyterlab" / plugin
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{name}.jupyterlab-settings").write_text(text, encoding="utf-8")
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
        HF_HUB_OFFLINE="1",
        TRANSFORMERS_OFFLINE="1",
        JUPYTERLAB_SETTINGS_DIR=str(settings),
        JUPYTERLAB_WORKSPACES_DIR=str(root / "lab-workspaces"),
    )
    with (root / "jupyterlab.log").open("w") as log:
        proc = subprocess.Popen(
            [
                str(jupyter),
                "lab",
                "--no-browser",
                "--ip=127.0.0.1",
                f"--port={port}",
                f"--ServerApp.token={token}",
                f"--ServerApp.root_dir={root}",
                "--ServerApp.disable_check_xsrf=True",
                "--LabApp.news_url=",
                "--allow-root",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            env=env,
            start_new_session=True,
        )
    for _ in range(240):
        if proc.poll() is not None:
            raise RuntimeError(f"JupyterLab exited at start; see {root / 'jupyterlab.log'}")
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/api/status?token={token}", timeout=1)
            return proc
        except OSError:
            time.sleep(0.5)
    os.killpg(proc.pid, signal.SIGKILL)
    raise RuntimeError("JupyterLab did not answer in 120 s")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    os.killpg(proc.pid, signal.SIGTERM)
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)


_READER = """
import json, sys
from sokwal_monitor import ProjectStore
store = ProjectStore(sys.argv[1])
codings = store.codings()
runs = store.coding_runs()
print(json.dumps({
    "codings": codings[["coding_id", "doc_id", "segment_id", "start_char", "end_char", "code",
                        "coder", "origin", "memo", "text"]].to_dict("records"),
    "rejections": store.rejections()[["coding_id", "code", "rejected_by",
                                     "rejected_at"]].to_dict("records"),
    "last_run": runs.iloc[-1][["coder", "origin", "options"]].to_dict() if len(runs) else None,
    "n_cells": None,
}, default=str))
"""


def read_store(path: Path) -> dict[str, Any]:
    """The store as another process sees it."""
    out = subprocess.run(
        [sys.executable, "-c", _READER, str(path)],
        capture_output=True,
        text=True,
        check=True,
        env=dict(os.environ, PYTHONPATH=str(SRC)),
        timeout=120,
    )
    return json.loads(out.stdout)


def _mine(state: dict[str, Any]) -> list[dict[str, Any]]:
    return [c for c in state["codings"] if c["coder"] == CODER]


def _wait_for(check: Any, what: str, timeout: float = 30) -> Any:
    end = time.time() + timeout
    while time.time() < end:
        found = check()
        if found:
            return found
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


def _api(base: str, token: str, path: str, body: dict[str, Any] | None = None) -> Any:
    request = urllib.request.Request(
        f"{base}{path}",
        data=None if body is None else json.dumps(body).encode(),
        method="GET" if body is None else "POST",
        headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
    )
    with urllib.request.urlopen(request, timeout=30) as answer:
        return json.loads(answer.read() or b"null")


def _start_kernel(base: str, token: str, name: str) -> None:
    """Start the notebook's kernel through the REST API (a session for its path):
    JupyterLab then opens the notebook on this running kernel and never asks which
    kernel to start (on a loaded machine it did, and the kernel it started at the
    dialog shut down at once). The server calls a kernel "starting" until a client
    talks to it, so the toolbar, not the API, says when it is idle."""
    session = _api(
        base,
        token,
        "/api/sessions",
        {
            "path": f"notebooks/{name}",
            "name": name,
            "type": "notebook",
            "kernel": {"name": "python3"},
        },
    )
    kernel = session["kernel"]["id"]
    _wait_for(
        lambda: any(k["id"] == kernel for k in _api(base, token, "/api/kernels")),
        f"the kernel of {name}",
    )


_KERNEL_READY = """() => {
  const name = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden) :is(.jp-Toolbar-kernelName, .jp-KernelName)');
  const busy = document.querySelector('.jp-NotebookPanel:not(.lm-mod-hidden)'
    + ' .jp-Notebook-ExecutionIndicator');
  return !!name && !/no kernel|^kernel$/i.test(name.textContent.trim())
    && !!busy && busy.getAttribute('data-status') === 'idle';
}"""


def _run_notebook(
    page: Any, base: str, token: str, name: str, shots: Path, timeout: float = 300
) -> None:
    """Open a notebook on its already started kernel, wait for "Idle" in the toolbar,
    run all cells; accept a kernel dialog and run again should one come anyway."""
    _start_kernel(base, token, name)
    page.goto(f"{base}/lab/tree/notebooks/{name}?token={token}&reset", timeout=timeout * 1000)
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=timeout * 1000)
    end = time.time() + timeout

    def accept_dialog() -> bool:
        dialog = page.locator(".jp-Dialog .jp-mod-accept")
        if dialog.count():
            dialog.first.click()
            return True
        return False

    while not page.evaluate(_KERNEL_READY):
        accept_dialog()
        if time.time() > end:
            page.screenshot(path=str(shots / f"failed_kernel_{Path(name).stem}.png"))
            raise AssertionError(f"the kernel of {name} was not idle in {timeout} s")
        time.sleep(0.5)

    def run_all() -> None:
        page.click("li.lm-MenuBar-item:has-text('Run')", timeout=10_000)
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click(timeout=10_000)

    run_all()
    ran = time.time()
    while page.locator(".skp .skp-turn").count() == 0:
        if accept_dialog():  # "Select Kernel" after all: accept the default, run again
            page.wait_for_function(_KERNEL_READY, timeout=timeout * 1000)
            run_all()
            ran = time.time()
        elif time.time() - ran > 90 and page.evaluate(_KERNEL_READY):
            run_all()  # idle and still no pane: the run was lost (a kernel restart)
            ran = time.time()
        if time.time() > end:
            page.screenshot(path=str(shots / f"failed_{Path(name).stem}.png"))
            raise AssertionError(f"{name} did not show the pane in {timeout} s")
        time.sleep(0.5)
    page.wait_for_function(_KERNEL_READY, timeout=timeout * 1000)


_SELECT_JS = """([sel, from, to]) => {
  // the screen points of code points from..to of the element's text
  const el = document.querySelector(sel);
  el.scrollIntoView({block: "center"});
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  const at = (want) => { let seen = 0, node;
    const w2 = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    while ((node = w2.nextNode())) { const chars = Array.from(node.data);
      if (want <= seen + chars.length) return [node, chars.slice(0, want - seen).join("").length];
      seen += chars.length; }
    return null; };
  const a = at(from), b = at(to);
  const r1 = document.createRange(); r1.setStart(a[0], a[1]); r1.setEnd(a[0], a[1] + 1);
  const r2 = document.createRange(); r2.setStart(b[0], b[1] - 1); r2.setEnd(b[0], b[1]);
  const p = r1.getBoundingClientRect(), q = r2.getBoundingClientRect();
  return [p.left + 1, p.top + p.height / 2, q.right - 1, q.top + q.height / 2];
}"""


def _drag_select(page: Any, selector: str, start: int, end: int) -> None:
    x1, y1, x2, y2 = page.evaluate(_SELECT_JS, [selector, start, end])
    page.mouse.move(x1, y1)
    page.mouse.down()
    page.mouse.move((x1 + x2) / 2, (y1 + y2) / 2, steps=3)
    page.mouse.move(x2, y2, steps=3)
    page.mouse.up()


def _labels_clipped(page: Any) -> list[str]:
    return page.evaluate(
        """() => [...document.querySelectorAll('.skp-code')].filter(row => {
          const l = row.querySelector('.skp-label'); const r = l.getBoundingClientRect();
          return r.height + 1 < l.scrollHeight || l.clientWidth + 1 < l.scrollWidth
            || r.right > row.getBoundingClientRect().right + 1;
        }).map(row => row.dataset.code)"""
    )


def _seq(page: Any) -> int:
    return int(page.evaluate("() => Number(document.querySelector('.skp').dataset.seq || 0)"))


def _after(page: Any, before: int) -> None:
    page.wait_for_function(
        f"() => Number(document.querySelector('.skp').dataset.seq || 0) > {before}",
        timeout=30_000,
    )


def _big_document(root: Path) -> Path:
    """A store with one 5,000-turn interview, accents and emoji in every turn."""
    folder = root / "big"
    folder.mkdir()
    lines = []
    for i in range(2500):
        lines.append(f"I: Vraag {i}: wat is er gebeurd in het café?")
        lines.append(
            f"R: Wij 😀 hebben geleerd dat de coördinatie bij de buurtvereniging {i} loopt."
        )
    (folder / "P09_2020.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    path = root / "out" / "big.sokwal"
    subprocess.run(
        [
            sys.executable,
            "-c",
            # pseudonymized, as a researcher's store is: the screenshots show no names
            "import sys; from sokwal_monitor import ProjectStore, ingest;"
            " ingest(ProjectStore(sys.argv[1]), sys.argv[2], pseudonymize=True,"
            " passphrase='pane-test')",
            str(path),
            str(folder),
        ],
        check=True,
        env=dict(os.environ, PYTHONPATH=str(SRC)),
        timeout=300,
    )
    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {
        "name": "python3",
        "display_name": "Python 3",
        "language": "python",
    }
    nb.cells = [
        nbformat.v4.new_code_cell(
            "from sokwal_monitor.codebook import load_codebook\n"
            "from sokwal_monitor.pane import CodingPane\n"
            f"pane = CodingPane('../out/big.sokwal', load_codebook(), {CODER!r})\npane"
        )
    ]
    nbformat.write(nb, root / "notebooks" / "big.ipynb")
    return path


def test_the_coding_pane_in_jupyterlab(tmp_path: Path, screenshot_root: Path) -> None:
    chromium = chromium_required()
    if os.environ.get("CI", "").lower() == "true":  # CI installs it (the dev group)
        import playwright.sync_api as sync_api
    else:
        sync_api = pytest.importorskip("playwright.sync_api")
    shots = screenshot_root / "pane"
    shots.mkdir(parents=True, exist_ok=True)
    root = tmp_path
    (root / "notebooks").mkdir()
    (root / "out" / "notebooks").mkdir(parents=True)
    store = root / "out" / "notebooks" / "sample.sokwal"
    subprocess.run(
        [
            sys.executable,
            "-c",
            # pseudonymized, as a researcher's store is: the screenshots show no names
            "import sys; from sokwal_monitor import ProjectStore, ingest;"
            " ingest(ProjectStore(sys.argv[1]), sys.argv[2], pseudonymize=True,"
            " passphrase='pane-test')",
            str(store),
            str(REPO / "data" / "sample"),
        ],
        check=True,
        env=dict(os.environ, PYTHONPATH=str(SRC)),
        timeout=300,
    )
    shutil.copy(REPO / "notebooks" / "02_code.ipynb", root / "notebooks" / "02_code.ipynb")
    big = _big_document(root)

    port, token = _free_port(), secrets.token_hex(8)
    lab = _start_lab(root, port, token)
    base = f"http://127.0.0.1:{port}"
    errors: list[str] = []
    try:
        with sync_api.sync_playwright() as pw:
            browser = pw.chromium.launch(
                executable_path=chromium, args=["--no-sandbox"], headless=True
            )
            page = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
            page.on(
                "console",
                lambda m: (
                    m.type == "error"
                    and not any(n in m.text for n in NOISE)
                    and errors.append(m.text[:300])
                ),
            )
            page.on("pageerror", lambda e: errors.append(f"page error: {e}"))
            _run_notebook(page, base, token, "02_code.ipynb", shots)
            pane = page.locator(".skp")
            pane.scroll_into_view_if_needed()
            pane.screenshot(path=str(shots / "01_opened.png"))
            assert _labels_clipped(page) == []
            first = read_store(store)
            n_before = len(_mine(first))  # the notebook's own code_quote example

            # the first turn is not the transcript's header line
            cur = page.locator(".skp-turn.skp-cur")
            assert cur.locator(".skp-role").inner_text() in ("respondent", "interviewer")

            # 1. select a passage with the mouse, click a code
            turn = page.evaluate(
                "() => { const t = document.querySelector('.skp-turn.skp-cur');"
                " return {id: t.dataset.id, start: Number(t.querySelector('.skp-text')"
                ".dataset.start), text: t.querySelector('.skp-text').textContent}; }"
            )
            words = turn["text"].split(" ")
            a = len(words[0]) + 1
            z = a + len(" ".join(words[1:4]))
            _drag_select(page, ".skp-turn.skp-cur .skp-text", a, z)
            assert "Selected" in page.locator(".skp-sel").inner_text()
            seq = _seq(page)
            page.locator(".skp-code[data-code='samenwerking'] .skp-label").click()
            _after(page, seq)
            state = _wait_for(
                lambda: (s := read_store(store)) and len(_mine(s)) > n_before and s,
                "the selected passage in the store",
            )
            new = [c for c in _mine(state) if c["code"] == "samenwerking"]
            assert len(new) == 1
            assert (new[0]["start_char"], new[0]["end_char"]) == (
                turn["start"] + a,
                turn["start"] + z,
            )
            assert new[0]["text"] == turn["text"][a:z]
            assert new[0]["origin"] == "manual"
            assert json.loads(state["last_run"]["options"])["action"] == "code span"
            pane.screenshot(path=str(shots / "02_selected_and_coded.png"))

            # 2. from the keyboard: b must not insert a notebook cell; j, then 1
            n_cells = page.locator(".jp-Notebook .jp-Cell").count()
            page.locator(".skp-doc").click(position={"x": 5, "y": 5})  # focus, no selection
            page.locator(".skp").focus()
            page.keyboard.press("b")
            time.sleep(0.5)
            assert page.locator(".jp-Notebook .jp-Cell").count() == n_cells
            seq = _seq(page)
            page.keyboard.press("j")
            _after(page, seq)
            target = page.evaluate(
                "() => { const t = document.querySelector('.skp-turn.skp-cur');"
                " return {id: t.dataset.id}; }"
            )
            first_code = page.locator(".skp-code").first.get_attribute("data-code")
            seq = _seq(page)
            page.keyboard.press("1")
            _after(page, seq)
            state = read_store(store)
            whole = [
                c
                for c in _mine(state)
                if c["code"] == first_code and c["segment_id"] == target["id"]
            ]
            assert len(whole) == 1, whole
            seg = target["id"]
            assert json.loads(state["last_run"]["options"])["action"] == "toggle"
            assert json.loads(state["last_run"]["options"])["segment_id"] == seg
            pane.screenshot(path=str(shots / "03_keyboard.png"))

            # 3. search a word, open a hit, code it with a key
            page.locator(".skp-q").fill("vrijwilligers")
            seq = _seq(page)
            page.locator(".skp-q").press("Enter")
            _after(page, seq)
            hits = page.locator(".skp-hit")
            assert hits.count() > 0
            seq = _seq(page)
            hits.nth(min(2, hits.count() - 1)).click()
            _after(page, seq)
            try:
                page.wait_for_function(
                    "() => document.querySelector('.skp-sel').textContent"
                    ".includes('vrijwilligers')",
                    timeout=60_000,
                )
            except Exception:
                page.screenshot(path=str(shots / "failed_open_hit.png"))
                raise
            n = len(_mine(read_store(store)))
            seq = _seq(page)
            page.keyboard.press("2")
            _after(page, seq)
            state = read_store(store)
            assert len(_mine(state)) == n + 1
            second_code = page.locator(".skp-code").nth(1).get_attribute("data-code")
            hit = [
                c for c in _mine(state) if c["code"] == second_code and c["text"] == "vrijwilligers"
            ]
            assert len(hit) == 1, hit
            pane.screenshot(path=str(shots / "04_search_hit_coded.png"))

            # 4. accept a suggestion (a rule coding), reject another
            def open_suggestion() -> None:
                seq = _seq(page)
                clicked = page.evaluate(
                    "() => { const s = [...document.querySelectorAll('.skp-turn')].find(t =>"
                    " t.querySelector('.skp-sugg') && !t.classList.contains('skp-cur')"
                    " && !t.classList.contains('skp-out'));"
                    " if (!s) return false; s.scrollIntoView(); s.querySelector('.skp-who')"
                    ".dispatchEvent(new MouseEvent('mouseup', {bubbles: true})); return true; }"
                )
                assert clicked, "no turn with an open suggestion in the document"
                _after(page, seq)
                page.wait_for_selector(".skp-sugbar .skp-accept")

            open_suggestion()
            n = len(_mine(read_store(store)))
            page.locator(".skp").focus()
            seq = _seq(page)
            page.keyboard.press("a")
            _after(page, seq)
            state = read_store(store)
            accepted = [c for c in _mine(state) if c["memo"].startswith("accepted ")]
            assert len(_mine(state)) == n + 1 and len(accepted) == 1
            assert json.loads(state["last_run"]["options"])["action"] == "accept"
            # as suggested: the suggestion's exact span, now a manual coding of hers
            source = accepted[0]["memo"].split()[1]
            suggestion = next(c for c in state["codings"] if c["coding_id"] == source)
            assert suggestion["coder"] != CODER
            assert (accepted[0]["start_char"], accepted[0]["end_char"], accepted[0]["code"]) == (
                suggestion["start_char"],
                suggestion["end_char"],
                suggestion["code"],
            )
            assert (accepted[0]["origin"], state["last_run"]["coder"]) == ("manual", CODER)
            pane.screenshot(path=str(shots / "05_accepted.png"))

            open_suggestion()
            page.locator(".skp").focus()
            seq = _seq(page)
            page.keyboard.press("x")
            _after(page, seq)
            state = read_store(store)
            assert [r["rejected_by"] for r in state["rejections"]] == [CODER]
            rejected = state["rejections"][0]
            assert rejected["rejected_at"]
            assert any(
                c["coding_id"] == rejected["coding_id"] and c["coder"] != CODER
                for c in state["codings"]
            )  # the suggestion itself stays
            pane.screenshot(path=str(shots / "06_rejected.png"))

            # 5. undo: the rejection is taken back
            seq = _seq(page)
            page.keyboard.press("Control+z")
            _after(page, seq)
            assert read_store(store)["rejections"] == []
            assert "undid" in page.locator(".skp-msg").inner_text().lower()
            pane.screenshot(path=str(shots / "07_undone.png"))
            page.screenshot(path=str(shots / "08_notebook.png"))
            assert _labels_clipped(page) == []

            # 6. a 5,000-turn document: click to highlight, and exact offsets after an emoji
            page2 = browser.new_context(viewport={"width": 1500, "height": 1000}).new_page()
            page2.on(
                "console",
                lambda m: (
                    m.type == "error"
                    and not any(n in m.text for n in NOISE)
                    and errors.append(m.text[:300])
                ),
            )
            _run_notebook(page2, base, token, "big.ipynb", shots)
            assert page2.locator(".skp-turn").count() == 5000
            times = []
            for k in range(6):
                position = 2001 + 400 * k  # respondent turns are odd positions
                sel = f".skp-turn:nth-child({position + 1}) .skp-text"
                text = page2.locator(sel).text_content() or ""
                a = text.index("hebben")
                z = a + len("hebben geleerd")
                _drag_select(page2, sel, a, z)
                ms = page2.evaluate(
                    """(sel) => new Promise(done => {
                      const doc = document.querySelector('.skp-doc');
                      const before = doc.querySelectorAll('.skp-own').length;
                      const t0 = performance.now();
                      const obs = new MutationObserver(() => {
                        if (doc.querySelectorAll('.skp-own').length > before) {
                          obs.disconnect(); done(performance.now() - t0); } });
                      obs.observe(doc, {childList: true, subtree: true});
                      document.querySelector(".skp-code[data-code='inzicht_opgedaan'] .skp-label").click();
                    })"""
                )
                times.append(ms)
            page2.locator(".skp").screenshot(path=str(shots / "09_big_document.png"))
            state = read_store(big)
            texts = {c["text"] for c in _mine(state)}
            assert texts == {"hebben geleerd"}, texts
            emoji_turn = [c for c in _mine(state)]
            assert len(emoji_turn) == 6
            median = statistics.median(times)
            print(
                f"\nclick to highlight on a 5,000-turn document: median {median:.0f} ms,"
                f" max {max(times):.0f} ms over {len(times)} clicks (target < 150 ms)"
            )
            browser.close()
    finally:
        _stop(lab)
    assert errors == [], errors
