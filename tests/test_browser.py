"""The headless-Chromium helper of tests/browser.py, on pages written here.

One page carries every case (a data: PNG, a PNG next to the page, a broken image, an
inline SVG, an external script, a script whose text must not show, Unicode, links), so
that the module needs few Chromium runs: one probe plus one screenshot for that page,
one for a self-contained page and one for a page that blocks the probe.
"""

from __future__ import annotations

import base64
import struct
import zlib
from pathlib import Path

import pytest
from browser import (
    PageReport,
    chromium_required,
    find_chromium,
    png_size,
    render_page,
)


def make_png(width: int, height: int) -> bytes:
    """A real RGB PNG of the given size (a red-blue gradient)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(
        b"\x00" + b"".join(bytes((255 * x // width, 0, 255 * y // height)) for x in range(width))
        for y in range(height)
    )
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


INLINE_PNG = "data:image/png;base64," + base64.b64encode(make_png(7, 5)).decode()

PAGE = f"""<!DOCTYPE html>
<html lang="nl">
<head>
<meta charset="utf-8">
<title>Rapportage coöperatie €</title>
<script src="https://example.org/x.js"></script>
<style>body {{ font-family: sans-serif; }}</style>
</head>
<body>
<h1>Samenvatting</h1>
<p>De geïnterviewde buren betalen € 5 per maaltijd; één keer per week wordt er gekookt.</p>
<img id="inline" alt="grafiek" src="{INLINE_PNG}">
<img id="beside" alt="naast de pagina" src="chart.png">
<img id="broken" alt="ontbreekt" src="missing.png">
<svg width="120" height="40" viewBox="0 0 120 40"><svg><rect width="10" height="10"/></svg>
  <rect width="120" height="40" fill="teal"/></svg>
<p><a href="#samenvatting">Naar boven</a> <a href="bijlage.html">Bijlage</a>
<a href="https://example.org/meer">Meer</a></p>
<script>var geheim = "SCRIPT-INHOUD-NIET-TONEN";</script>
</body>
</html>
"""


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PageReport]:
    """The full page rendered once with a 800 x 600 screenshot."""
    chromium_required()
    folder = tmp_path_factory.mktemp("page")
    (folder / "chart.png").write_bytes(make_png(11, 3))
    page = folder / "rapport.html"
    page.write_text(PAGE, encoding="utf-8")
    report = render_page(page, screenshot=folder / "shot" / "page.png", width=800, height=600)
    return folder, report


def image(report: PageReport, alt_src: str) -> dict:
    (found,) = [img for img in report.images if img["src"].startswith(alt_src)]
    return found


def test_find_chromium_tries_the_candidates_in_order(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []

    def which(name: str) -> str | None:
        asked.append(name)
        return "/opt/bin/chromium-browser" if name == "chromium-browser" else None

    monkeypatch.setattr("browser.shutil.which", which)
    assert find_chromium() == "/opt/bin/chromium-browser"
    assert asked == ["/usr/bin/chromium", "chromium", "chromium-browser"]
    monkeypatch.setattr("browser.shutil.which", lambda name: None)
    assert find_chromium() is None


def test_chromium_required_fails_on_ci_and_skips_elsewhere(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("browser.shutil.which", lambda name: None)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI"):
        chromium_required()
    monkeypatch.delenv("CI")
    with pytest.raises(pytest.skip.Exception, match="chromium is not installed"):
        chromium_required()
    monkeypatch.setattr("browser.shutil.which", lambda name: f"/x/{name}")
    monkeypatch.setenv("CI", "true")
    assert chromium_required() == "/x//usr/bin/chromium"


def test_png_size_reads_the_header(tmp_path: Path) -> None:
    (tmp_path / "a.png").write_bytes(make_png(9, 4))
    assert png_size(tmp_path / "a.png") == (9, 4)
    assert png_size(make_png(1, 2)) == (1, 2)
    with pytest.raises(ValueError, match="not a PNG"):
        png_size(b"GIF89a" + bytes(30))


def test_images_have_their_natural_size(rendered: tuple[Path, PageReport]) -> None:
    chromium_required()
    _, report = rendered
    assert [img["tag"] for img in report.images] == ["img", "img", "img", "svg"]
    inline = image(report, "data:image/png;base64,")
    assert len(inline["src"]) == 40
    assert (inline["naturalWidth"], inline["naturalHeight"], inline["complete"]) == (7, 5, True)
    beside = image(report, "chart.png")  # relative to the page: the probe keeps the folder
    assert (beside["naturalWidth"], beside["naturalHeight"], beside["complete"]) == (11, 3, True)
    (svg,) = [img for img in report.images if img["tag"] == "svg"]  # the nested one not again
    assert (svg["width"], svg["height"]) == (120, 40)
    assert (svg["naturalWidth"], svg["naturalHeight"]) == (120, 40)


def test_a_broken_image_has_no_natural_size(rendered: tuple[Path, PageReport]) -> None:
    chromium_required()
    _, report = rendered
    broken = image(report, "missing.png")
    assert (broken["naturalWidth"], broken["naturalHeight"]) == (0, 0)
    assert "missing.png" in report.failed_requests
    assert "chart.png" not in report.failed_requests


def test_external_requests_are_reported(rendered: tuple[Path, PageReport]) -> None:
    chromium_required()
    _, report = rendered
    assert report.blocked_requests == ["https://example.org/x.js"]
    assert "https://example.org/x.js" in report.failed_requests


def test_text_title_and_links(rendered: tuple[Path, PageReport]) -> None:
    chromium_required()
    _, report = rendered
    assert report.title == "Rapportage coöperatie €"
    assert "Samenvatting" in report.text
    assert "De geïnterviewde buren betalen € 5 per maaltijd; één keer" in report.text
    assert "SCRIPT-INHOUD-NIET-TONEN" not in report.text
    assert "geheim" not in report.text
    assert "__probe__" not in report.text
    assert report.links == ["#samenvatting", "bijlage.html", "https://example.org/meer"]
    assert report.console_errors == []


def test_screenshot_has_the_size_asked_for(rendered: tuple[Path, PageReport]) -> None:
    chromium_required()
    folder, report = rendered
    assert report.screenshot == folder / "shot" / "page.png"
    assert report.screenshot.stat().st_size > 1000
    assert png_size(report.screenshot) == (800, 600)
    # the probe copy is gone; only what the test wrote (and the screenshot) is left
    assert sorted(p.name for p in folder.iterdir()) == ["chart.png", "rapport.html", "shot"]


def test_a_self_contained_page_requests_nothing_outside(tmp_path: Path) -> None:
    chromium_required()
    page = tmp_path / "los.html"
    page.write_text(
        "<!doctype html><meta charset=utf-8><title>Los</title>"
        f'<p>Zonder body-tags, ï ö €</p><img src="{INLINE_PNG}">'
        '<script>console.error("kapot", 42); null.x;</script>',
        encoding="utf-8",
    )
    report = render_page(page, width=400, height=300)
    assert report.blocked_requests == []
    assert report.failed_requests == []
    assert report.text == "Zonder body-tags, ï ö €"
    assert report.images[0]["naturalWidth"] == 7
    assert report.console_errors[0] == "kapot 42"
    assert "null" in report.console_errors[1]
    assert report.screenshot is None
    assert report.seconds < 30
    assert [p.name for p in tmp_path.iterdir()] == ["los.html"]


def test_a_page_that_blocks_scripts_is_an_error(tmp_path: Path) -> None:
    chromium_required()
    page = tmp_path / "csp.html"
    page.write_text(
        "<html><head><meta http-equiv=Content-Security-Policy content=\"script-src 'none'\">"
        "</head><body><p>Geen scripts</p></body></html>",
        encoding="utf-8",
    )
    with pytest.raises(RuntimeError, match="no probe JSON"):
        render_page(page, width=400, height=300)
    assert [p.name for p in tmp_path.iterdir()] == ["csp.html"]
