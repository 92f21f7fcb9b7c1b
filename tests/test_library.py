"""The lessons library (*vindplaats*): written from the pseudonymized sample with a
stand-in lessons table (tests/fixtures/lessons.py), opened in headless Chromium:
search, filters, no console errors, no requests, no personal data, phone width, print
view, curation, hostile and empty input."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pandas as pd
import pytest
from browser import chromium_required, find_chromium, png_size, render_page
from fixtures.lessons import lessons_table, sample_lessons
from gold import leaked
from shared import copy_of

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.library import (
    LibraryError,
    edit_lesson_wording,
    hide_lesson,
    library_lessons,
    mark_favourite,
    write_library,
)
from sokwal_monitor.summary.lessons import LESSON_COLUMNS

REPO = Path(__file__).resolve().parent.parent
Sokwal = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture(scope="module")
def sample_store(tmp_path_factory: pytest.TempPathFactory, coded_sample: Path) -> Path:
    """This module's copy of the sample, ingested with ``--pseudonymize`` and coded."""
    return copy_of(coded_sample, tmp_path_factory.mktemp("library") / "s") / "sample.sokwal"


@pytest.fixture(scope="module")
def lessons(sample_store: Path) -> Iterator[pd.DataFrame]:
    with lessons_table(), ProjectStore(sample_store, create=False) as store:
        yield sample_lessons(store)


@pytest.fixture(scope="module")
def library(sample_store: Path, lessons: pd.DataFrame) -> Path:
    reports = sample_store.parent / "rapporten"
    reports.mkdir()
    (reports / "P01.html").write_text("<!DOCTYPE html><title>P01</title>", encoding="utf-8")
    out = sample_store.parent / "vindplaats"
    result = write_library(sample_store, out, reports=reports)
    assert result.n_lessons == len(lessons) > 20 and result.pseudonymized
    assert result.warnings == []
    return out


def _text_of(path: Path) -> str:
    return re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))


def test_every_lesson_is_on_the_index_with_its_context(
    library: Path, lessons: pd.DataFrame
) -> None:
    page = (library / "index.html").read_text(encoding="utf-8")
    assert page.count('<article class="lesson') == len(lessons)
    # project context from projects.csv: name, kind of project, place, since when
    assert (
        "Samen aan Tafel Markeveen</strong> — eenzaamheid · Reggedal, Twente · sinds 2017" in page
    )
    # a link to the project page only where one exists (only P01's was written)
    links = set(re.findall(r'href="([^"#]+\.html)"', page))
    assert "../rapporten/P01.html" in links
    assert not any("rapporten/P02" in link for link in links)
    assert '<html lang="nl">' in page and "Vindplaats" in page
    assert not re.search(r"""(src|href)=["']https?:""", page)


def test_theme_pages_have_a_print_view(library: Path, lessons: pd.DataFrame) -> None:
    pages = sorted(library.glob("thema-*.html"))
    themes = {t for v in lessons["themes"] for t in v.split(";") if t}
    assert len(pages) == len(themes) + 1  # and one page of lessons without a theme
    page = (library / "thema-zou-anders-doen.html").read_text(encoding="utf-8")
    expected = lessons[lessons["themes"].str.contains("zou_anders_doen")]
    assert page.count('<article class="lesson') == len(expected) > 3
    assert "@media print" in page and "Lessen over zou anders doen" in page


def test_no_personal_data_in_any_written_file(library: Path, sample_store: Path) -> None:
    with ProjectStore(sample_store, create=False) as store:
        for path in library.iterdir():
            assert leaked(_text_of(path), store) == [], path.name


@pytest.mark.slow
def test_search_and_filters_in_chromium(library: Path, lessons: pd.DataFrame) -> None:
    chromium_required()
    index = library / "index.html"
    everything = render_page(index)
    assert everything.console_errors == [] and everything.failed_requests == []
    assert everything.blocked_requests == []
    assert f"{len(lessons)} van {len(lessons)} lessen" in everything.text
    # search: a word of one lesson finds it (accents and case do not matter)
    target = lessons[lessons["text"].str.contains("huisbezoek")].iloc[0]
    found = render_page(index, fragment="q=HUISBEZOEK")
    assert found.console_errors == []
    assert "1 van" in found.text and "kopje koffie" in found.text
    assert "betaalde kracht" not in found.text
    assert target["text"].split(",")[0] in found.text
    # filters: a theme, a kind of project, a region
    n_theme = lessons["themes"].str.contains("samenwerking_gemeente").sum()
    theme = render_page(index, fragment="thema=samenwerking_gemeente")
    assert f"{n_theme} van {len(lessons)} lessen" in theme.text
    region = render_page(index, fragment="regio=Salland&groep=project")
    n_region = (lessons["project_id"] == "P03").sum()
    assert f"{n_region} van {len(lessons)} lessen" in region.text
    assert "Kulturhus De Brink" in region.text and "Samen aan Tafel" not in region.text
    nothing = render_page(index, fragment="q=qqqzzz")
    assert "Geen lessen gevonden" in nothing.text


def _blank_right_margin(png: Path, margin: int = 6) -> bool:
    """Whether the rightmost ``margin`` pixel columns of a screenshot are all white: the
    page keeps 16 px padding there, so anything wider than the window would show."""
    from PIL import Image

    with Image.open(png) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        strip = rgb.crop((width - margin, 0, width, height))
        return all(low == 255 for low, _ in strip.getextrema())


@pytest.mark.slow
def test_readable_at_phone_width(library: Path, tmp_path: Path) -> None:
    chromium_required()
    for name in ("index.html", "thema-zou-anders-doen.html"):
        shot = tmp_path / f"{name}.png"
        page = render_page(library / name, screenshot=shot, width=390, height=1600)
        assert png_size(shot) == (390, 1600)
        # headless Chromium lays the probe run out at 500 px at least; the screenshot is
        # 390 px wide: nothing may reach its right edge
        assert page.scroll_width <= page.client_width <= 500, name
        assert _blank_right_margin(shot), name


@pytest.mark.slow
def test_print_view_leaves_out_the_controls(library: Path, tmp_path: Path) -> None:
    chromium = chromium_required()
    from browser import _run
    from pypdf import PdfReader

    pdf = tmp_path / "thema.pdf"
    page = library / "thema-zou-anders-doen.html"
    _run([chromium, f"--print-to-pdf={pdf}", "--no-pdf-header-footer", page.as_uri()], 60)
    text = " ".join((p.extract_text() or "") for p in PdfReader(pdf).pages)
    assert "Lessen over zou anders doen" in text
    assert "Terug naar alle lessen" not in text and "Afdrukken" not in text


def test_curation_hide_edit_favourite(tmp_path: Path, sample_store: Path) -> None:
    store_path = tmp_path / "curated.sokwal"
    store_path.write_bytes(sample_store.read_bytes())
    with lessons_table(), ProjectStore(store_path, create=False) as store:
        lessons = sample_lessons(store)
        hidden, edited, favourite = (
            lessons[lessons["text"].str.contains(word)].iloc[0]
            for word in ("betaalde kracht", "huisbezoek", "moet durven loslaten")
        )
        hide_lesson(store, hidden["lesson_id"], curator="anna")
        edit_lesson_wording(store, edited["lesson_id"], "Ga <b>meteen</b> op huisbezoek.")
        mark_favourite(store, favourite["lesson_id"])
        with pytest.raises(LibraryError, match="no lesson 'L999'"):
            mark_favourite(store, "L999")
        curation = store.table("library_curation")
        assert set(curation["lesson_id"]) == {
            hidden["lesson_id"],
            edited["lesson_id"],
            favourite["lesson_id"],
        }
        shown = library_lessons(store)
        assert hidden["lesson_id"] not in set(shown["lesson_id"])
        assert shown.iloc[0]["lesson_id"] == favourite["lesson_id"]  # favourites first
        row = shown[shown["lesson_id"] == edited["lesson_id"]].iloc[0]
        assert row["edited"] and row["original"] == edited["text"]
        result = write_library(store, tmp_path / "out")
        assert result.n_hidden == 1 and result.n_lessons == len(lessons) - 1
        # showing it again, and taking the wording back
        hide_lesson(store, hidden["lesson_id"], False)
        assert hidden["lesson_id"] in set(library_lessons(store)["lesson_id"])
        hide_lesson(store, hidden["lesson_id"])
    for path in (tmp_path / "out").iterdir():
        text = path.read_text(encoding="utf-8")
        assert "betaalde kracht" not in text, path.name
    index = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert "Ga &lt;b&gt;meteen&lt;/b&gt; op huisbezoek." in index and "<b>meteen" not in index
    assert "Oorspronkelijk citaat" in index and "kopje koffie" in index  # the original
    first = index.index('<article class="lesson')
    assert index.index(f'data-id="{favourite["lesson_id"]}"') < index.index(
        '<article class="lesson', first + 1
    )


def test_a_store_that_is_not_pseudonymized_is_refused(tmp_path: Path, sokwal: Sokwal) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "P01_2019_interview.txt").write_text(
        "I: Wat heeft u geleerd?\nR: Jan de Vries heeft geleerd dat je klein moet beginnen.\n",
        encoding="utf-8",
    )
    store = tmp_path / "raw.sokwal"
    with ProjectStore(store) as opened:
        ingest(opened, tmp_path / "in")
    done = sokwal("library", "--store", str(store), "--out", str(tmp_path / "lib"))
    assert done.returncode == 2 and "not pseudonymized" in done.stderr
    assert not (tmp_path / "lib" / "index.html").exists()
    done = sokwal(
        "library", "--store", str(store), "--out", str(tmp_path / "lib"), "--allow-original-text"
    )
    assert done.returncode == 0 and "warning:" in done.stderr
    assert "niet gepseudonimiseerd" in (tmp_path / "lib" / "index.html").read_text("utf-8")


def test_empty_store_writes_an_empty_library(tmp_path: Path, sokwal: Sokwal) -> None:
    store = tmp_path / "empty.sokwal"
    ProjectStore(store).close()
    done = sokwal("library", "--store", str(store), "--out", str(tmp_path / "lib"))
    assert done.returncode == 0, done.stderr
    assert "0 lessons on 0 theme pages" in done.stdout
    page = (tmp_path / "lib" / "index.html").read_text(encoding="utf-8")
    assert "Er staan nog geen lessen in de vindplaats." in page
    missing = sokwal("library", "--store", str(tmp_path / "nope.sokwal"), "--out", str(tmp_path))
    assert missing.returncode == 2 and missing.stderr.startswith("error: ")
    bad = sokwal("library", "--store", str(store), "--out", str(tmp_path), "--status", "rejected")
    assert bad.returncode == 2


def test_hostile_lesson_text_is_escaped_everywhere(tmp_path: Path) -> None:
    hostile = '</script><script>alert("x")</script><img src=x onerror=alert(1)> & „citaat”'

    def read(store: ProjectStore) -> pd.DataFrame:
        row = dict.fromkeys(LESSON_COLUMNS, "")
        row.update(lesson_id='L1"><b', project_id="P<1>", wave="2019", role="<i>",
                   start_char=0, end_char=5, text=hostile, type="advice<script>",
                   themes="a<b>;</script>", status="confirmed")  # fmt: skip
        return pd.DataFrame([row])

    store_path = tmp_path / "s.sokwal"
    with lessons_table(read), ProjectStore(store_path) as store:
        result = write_library(store, tmp_path / "lib")
    assert result.n_lessons == 1
    for path in (tmp_path / "lib").iterdir():
        page = path.read_text(encoding="utf-8")
        assert page.count("<script>") == (1 if path.name == "index.html" else 0), path.name
        assert "<img src=x" not in page and "<b>" not in page and "<i>" not in page
    if find_chromium():
        page = render_page(tmp_path / "lib" / "index.html")
        assert page.console_errors == [] and page.blocked_requests == []
        assert 'alert("x")' in page.text and "1 van 1 lessen" in page.text


@pytest.mark.slow
def test_phone_filters_collapse_and_lessons_without_theme_come_last(
    library: Path, tmp_path: Path
) -> None:
    # a true 390 px viewport (Playwright on Debian's chromium): the filters fold away
    # behind a "Filters" button, so the first lesson shows without scrolling
    chromium = chromium_required()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=chromium)
        try:
            page = browser.new_page(viewport={"width": 390, "height": 844})
            errors: list[str] = []
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto((library / "index.html").as_uri())
            page.screenshot(path=str(tmp_path / "phone.png"))
            assert errors == []
            assert page.is_visible("#f-q") and page.is_visible("#f-toggle")
            assert not page.is_visible("#f-thema") and not page.is_visible("#f-regio")
            top = page.eval_on_selector("article.lesson", "e => e.getBoundingClientRect().top")
            assert top < 844
            page.click("#f-toggle")
            assert page.is_visible("#f-thema") and page.is_visible("#f-regio")
            assert page.get_attribute("#f-toggle", "aria-expanded") == "true"
            heads = page.eval_on_selector_all("#lessons h2", "es => es.map(e => e.textContent)")
            no_theme = [i for i, h in enumerate(heads) if h.startswith("zonder thema")]
            assert no_theme in ([], [len(heads) - 1]), heads
            # wide: no toggle, the filters are there
            page.set_viewport_size({"width": 1100, "height": 844})
            assert not page.is_visible("#f-toggle") and page.is_visible("#f-thema")
        finally:
            browser.close()
