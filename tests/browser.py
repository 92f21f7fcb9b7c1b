"""Render an HTML page in headless Chromium and report what a reader would see.

Chromium is driven only through its command line (no DevTools protocol, no extra
Python packages). :func:`render_page` writes a probe copy of the page next to the
original (so relative links keep working), with two injected scripts: one at the start
that records console errors and failed loads, and one at the end of ``<body>`` that,
on ``window.load``, collects the images, text, title, links and attempted requests as
JSON into a ``<pre>`` element. ``chromium --dump-dom`` prints the DOM, the JSON is
read back and the probe copy is deleted. A screenshot, when asked for, comes from a
second run on the original page.

:func:`chromium_required` is for tests: it skips when Chromium is missing, but fails
when the environment variable ``CI`` is ``"true"`` (CI installs Chromium, so a
missing browser there is an error, never a silent skip).
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

CANDIDATES = ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome")

#: Flags for every run. This machine (and CI) may have no network: without the
#: flags against background networking Chromium keeps retrying connections.
BASE_FLAGS = (
    "--headless",
    "--no-sandbox",  # required when running as root (containers, CI)
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-breakpad",
    "--mute-audio",
    "--force-device-scale-factor=1",
    "--hide-scrollbars",
)
#: Virtual milliseconds the page gets to load before the DOM is dumped.
VIRTUAL_TIME_BUDGET_MS = 5000


# Injected first: console errors, uncaught errors and elements whose load failed.
_HEAD_SCRIPT = """<script>(function () {
  var probe = window.__probe__ = {consoleErrors: [], failedRequests: []};
  var text = function (value) {
    try { return value instanceof Error ? String(value.stack || value) : String(value); }
    catch (e) { return "?"; }
  };
  var original = console.error;
  console.error = function () {
    probe.consoleErrors.push(Array.prototype.map.call(arguments, text).join(" "));
    return original.apply(console, arguments);
  };
  window.addEventListener("error", function (event) {
    var target = event.target;
    if (target && target !== window && target.nodeType === 1) {
      probe.failedRequests.push(target.getAttribute("src") || target.getAttribute("href")
        || target.tagName.toLowerCase());
    } else {
      probe.consoleErrors.push(text(event.error || event.message));
    }
  }, true);
  window.addEventListener("unhandledrejection", function (event) {
    probe.consoleErrors.push("unhandled rejection: " + text(event.reason));
  });
})();</script>"""

# Injected at the end of <body>: collects the facts once the page has loaded.
_BODY_SCRIPT = """<script>window.addEventListener("load", function () {
  var probe = window.__probe__ || {consoleErrors: [], failedRequests: []};
  var images = Array.prototype.map.call(document.images, function (img) {
    var box = img.getBoundingClientRect();
    return {tag: "img", src: (img.getAttribute("src") || "").slice(0, 40),
            naturalWidth: img.naturalWidth, naturalHeight: img.naturalHeight,
            complete: img.complete, width: box.width, height: box.height};
  });
  Array.prototype.forEach.call(document.querySelectorAll("svg"), function (svg) {
    if (svg.parentElement && svg.parentElement.closest("svg")) return;  // nested
    var box = svg.getBoundingClientRect();
    images.push({tag: "svg", src: "", naturalWidth: box.width, naturalHeight: box.height,
                 complete: true, width: box.width, height: box.height});
  });
  var external = performance.getEntriesByType("resource").map(function (entry) {
    return entry.name;
  }).filter(function (name) { return !/^(data|file|blob|about):/i.test(name); });
  var facts = {
    images: images,
    text: document.body ? document.body.innerText : "",
    title: document.title,
    links: Array.prototype.map.call(document.querySelectorAll("a[href]"), function (a) {
      return a.getAttribute("href");
    }),
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
    consoleErrors: probe.consoleErrors,
    failedRequests: probe.failedRequests,
    blockedRequests: external
  };
  var pre = document.createElement("pre");
  pre.id = "__PROBE_ID__";
  pre.textContent = JSON.stringify(facts);
  document.documentElement.appendChild(pre);
});</script>"""


@dataclass
class PageReport:
    """What Chromium saw of a page after ``window.load``.

    ``images``: one dict per ``<img>`` (``tag`` ``"img"``, ``src``: the first 40
    characters of the ``src`` attribute as written, ``naturalWidth``, ``naturalHeight``,
    ``complete``, and the rendered ``width``/``height``) and per outermost inline
    ``<svg>`` (``tag`` ``"svg"``, ``src`` ``""``, natural size = rendered bounding box,
    ``complete`` true). ``text``: ``document.body.innerText``. ``links``: the ``href``
    attributes of ``<a>`` elements as written. ``blocked_requests``: resource URLs the
    page tried to load that are not ``data:``/``file:``/``blob:`` (a self-contained page
    has none). ``failed_requests``: ``src``/``href`` of elements whose load failed.
    ``console_errors``: ``console.error`` calls, uncaught errors and unhandled
    rejections. ``seconds``: wall time of the Chromium run(s). ``scroll_width`` and
    ``client_width``: the document's scrolling and visible width (a page wider than the
    window scrolls sideways when the first exceeds the second).
    """

    images: list[dict]
    text: str
    title: str
    links: list[str]
    blocked_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    screenshot: Path | None = None
    seconds: float = 0.0
    scroll_width: int = 0
    client_width: int = 0


def find_chromium() -> str | None:
    """The Chromium (or Chrome) executable, or None."""
    for candidate in CANDIDATES:
        found = shutil.which(candidate)
        if found:
            return found
    return None


def chromium_required() -> str:
    """The Chromium path; skips the test without it, fails it when ``CI`` is ``"true"``."""
    found = find_chromium()
    if found:
        return found
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("chromium is not installed, but CI must run the browser tests (.ci/run)")
    pytest.skip("chromium is not installed; .ci/run installs it")


def png_size(png: Path | bytes) -> tuple[int, int]:
    """Width and height from a PNG's IHDR header."""
    data = png.read_bytes()[:24] if isinstance(png, Path) else png[:24]
    if len(data) < 24 or data[:8] != b"\x89PNG\r\n\x1a\n" or data[12:16] != b"IHDR":
        raise ValueError("not a PNG file")
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def _inject(page: bytes, probe_id: str) -> bytes:
    """The page with the head script near its start and the body script at its end."""
    head = _HEAD_SCRIPT.encode()
    body = _BODY_SCRIPT.replace("__PROBE_ID__", probe_id).encode()
    for pattern in (rb"<head(\s[^>]*)?>", rb"<html(\s[^>]*)?>", rb"<!doctype[^>]*>"):
        match = re.search(pattern, page, re.IGNORECASE)
        if match:
            page = page[: match.end()] + head + page[match.end() :]
            break
    else:
        page = head + page
    ends = list(re.finditer(rb"</body\s*>", page, re.IGNORECASE))
    if ends:
        at = ends[-1].start()
        return page[:at] + body + page[at:]
    return page + body


def _stderr_tail(stderr: str, lines: int = 15) -> str:
    # Chromium's complaints about a missing D-Bus are noise in containers.
    kept = [line for line in stderr.splitlines() if "dbus" not in line.lower()]
    return "\n".join(kept[-lines:]) or "(no output on stderr)"


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[str]:
    """Run Chromium in its own process group; kill the whole group on a timeout."""
    with tempfile.TemporaryDirectory(prefix="chromium-", ignore_cleanup_errors=True) as profile:
        command = [args[0], *BASE_FLAGS, f"--user-data-dir={profile}", *args[1:]]
        process = subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            errors="replace",
            start_new_session=True,
        )
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
            raise RuntimeError(
                f"chromium did not finish within {timeout} s: {' '.join(command)}\n"
                + _stderr_tail(stderr)
            ) from None
        if process.returncode != 0:
            raise RuntimeError(
                f"chromium failed (exit status {process.returncode}): {' '.join(command)}\n"
                + _stderr_tail(stderr)
            )
        return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def render_page(
    html_path: Path,
    *,
    screenshot: Path | None = None,
    width: int = 1280,
    height: int = 2400,
    timeout: float = 60,
    fragment: str = "",
) -> PageReport:
    """Load ``html_path`` in headless Chromium and report what it shows.

    With ``screenshot``, a PNG of ``width`` x ``height`` pixels of the page is written
    there (a second Chromium run, on the original page). ``fragment`` (without ``#``)
    is appended to the page's address in both runs. Raises RuntimeError when
    Chromium is missing, fails, times out or the probe's JSON is missing.
    """
    chromium = find_chromium()
    if chromium is None:
        raise RuntimeError("chromium is not installed")
    html_path = Path(html_path).resolve()
    if not html_path.is_file():
        raise FileNotFoundError(html_path)
    size = f"--window-size={width},{height}"
    budget = f"--virtual-time-budget={VIRTUAL_TIME_BUDGET_MS}"

    started = time.monotonic()
    token = uuid.uuid4().hex
    probe_id = f"__probe_{token}__"  # unique, so the page itself cannot fake or clash with it
    probe = html_path.with_name(f".probe-{token}.html")
    try:
        probe.write_bytes(_inject(html_path.read_bytes(), probe_id))
        address = probe.as_uri() + (f"#{fragment}" if fragment else "")
        result = _run([chromium, size, budget, "--dump-dom", address], timeout)
    finally:
        probe.unlink(missing_ok=True)
    match = re.search(rf'<pre id="{probe_id}">(.*?)</pre>', result.stdout, re.DOTALL)
    if not match:
        raise RuntimeError(
            f"no probe JSON in chromium's DOM of {html_path} (did the load event fire? "
            "is JavaScript blocked by a Content-Security-Policy?)\n" + _stderr_tail(result.stderr)
        )
    facts = json.loads(html.unescape(match.group(1)))

    if screenshot is not None:
        screenshot = Path(screenshot).resolve()
        screenshot.parent.mkdir(parents=True, exist_ok=True)
        screenshot.unlink(missing_ok=True)
        result = _run(
            [
                chromium,
                size,
                budget,
                f"--screenshot={screenshot}",
                html_path.as_uri() + (f"#{fragment}" if fragment else ""),
            ],
            timeout,
        )
        if not screenshot.is_file() or screenshot.stat().st_size == 0:
            raise RuntimeError(
                f"chromium wrote no screenshot to {screenshot}\n" + _stderr_tail(result.stderr)
            )

    return PageReport(
        images=facts["images"],
        text=facts["text"],
        title=facts["title"],
        links=facts["links"],
        blocked_requests=facts["blockedRequests"],
        failed_requests=facts["failedRequests"],
        console_errors=facts["consoleErrors"],
        screenshot=screenshot,
        seconds=time.monotonic() - started,
        scroll_width=int(facts.get("scrollWidth", 0)),
        client_width=int(facts.get("clientWidth", 0)),
    )
