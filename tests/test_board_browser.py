"""The sorting board in headless Chromium, used as a designlab group uses it.

Playwright drives Debian's ``chromium``: three cards dragged with the mouse into two
new groups, one card with a touch drag, a group renamed, votes, a card copied into a
second group through its menu, undo, export (the download captured and checked against
docs/designlab.md's board JSON), a reload that finds the board as it was (localStorage),
an import of the exported file onto a new board, and a refused import of another set's
board. Every request that is not ``file:`` is aborted and fails the test; so does any
console error. Screenshots at 1920x1080 and 1024x768 go to ``out/designlab/``.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from browser import chromium_required

from sokwal_monitor.designlab import CardSet, card_set_id, text_sha256, write_board

pytestmark = pytest.mark.slow


TEXTS = [
    "We hebben geleerd dat je een betaalde kracht nodig hebt. Vrijwilligers kunnen veel.",
    "Mensen kennen elkaar nu. Ze bellen elkaar als iemand er een keer niet is.",
    "De gemeente heeft het tekort voor dit jaar aangevuld, maar dat kan niet elk jaar.",
    "Begin met het dorp, niet met het gebouw. Praat eerst een jaar met iedereen.",
    "Een buddy is geen hulpverlener; duidelijke afspraken voorkomen overbelasting.",
    "Via de scholen vooral: de zorgcoördinator geeft onze flyer mee.",
    "Elke dinsdag is er een warme maaltijd voor zes euro. <b>Niet vet</b> & goed.",
    "Het geeft me plezier, zeker met de buren erbij.",
    "De energiekosten vallen hoger uit dan begroot.",
    "Drie vrijwillige chauffeurs halen deelnemers uit het buitengebied op.",
]


def _cards() -> CardSet:
    rows = []
    for i, text in enumerate(TEXTS, start=1):
        rows.append(
            {
                "card_id": f"K{i:02d}",
                "kind": "segment",
                "project_id": f"P0{1 + i % 3}",
                "wave": "2018" if i % 2 else "2019",
                "role": "respondent",
                "doc_id": f"{i:016x}",
                "segment_id": f"{i:016x}-00001",
                "start_char": 10 * i,
                "end_char": 10 * i + len(text),
                "text": text,
                "sha256": text_sha256(text),
                "source": "",
                "cut": False,
            }
        )
    frame = pd.DataFrame(rows)
    return CardSet(frame, card_set_id(frame), seed=0, selection={"sample": len(rows)})


@pytest.fixture(scope="module")
def board(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, CardSet]:
    cards = _cards()
    path = write_board(cards, tmp_path_factory.mktemp("board") / "board.html")
    return path, cards


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_required()
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        chromium = p.chromium.launch(
            executable_path=shutil.which("chromium") or executable,
            args=["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        )
        yield chromium
        chromium.close()


class Watch:
    """Console errors, page errors and every request that is not ``file:`` (aborted)."""

    def __init__(self, page: Any) -> None:
        self.errors: list[str] = []
        self.requests: list[str] = []
        page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.route("**/*", self._route)

    def _route(self, route: Any) -> None:
        url = route.request.url
        if url.startswith(("file:", "blob:", "data:")):
            route.continue_()
        else:
            self.requests.append(url)
            route.abort()


def _centre(page: Any, selector: str) -> tuple[float, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, selector
    return box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 20)


def _mouse_drag(page: Any, selector: str, x: float, y: float) -> None:
    x0, y0 = _centre(page, selector)
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.mouse.move(x0 + 15, y0 + 2, steps=3)
    page.mouse.move(x, y, steps=12)
    page.mouse.up()


def _touch_drag(page: Any, selector: str, x: float, y: float) -> None:
    """A one-finger drag sent as real touch events (Chromium makes pointer events of
    them with pointerType "touch")."""
    x0, y0 = _centre(page, selector)
    cdp = page.context.new_cdp_session(page)
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart",
             "touchPoints": [{"x": x0, "y": y0}]})  # fmt: skip
    steps = 12
    for k in range(1, steps + 1):
        # horizontal first, so a pile card (touch-action: pan-y) is dragged, not scrolled
        px = x0 + (x - x0) * k / steps
        py = y0 + (y - y0) * max(0, (k - steps / 2)) / (steps / 2)
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove",
                 "touchPoints": [{"x": px, "y": py}]})  # fmt: skip
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    cdp.detach()


def _groups(page: Any) -> list[dict[str, Any]]:
    return page.evaluate(
        """() => Array.from(document.querySelectorAll('.group')).map(g => ({
            id: g.dataset.group, name: g.querySelector('.group-name').value,
            votes: Number(g.querySelector('.vote-count').textContent),
            note: g.querySelector('.note').value,
            cards: Array.from(g.querySelectorAll('.card')).map(c => c.dataset.card)}))"""
    )


def _pile(page: Any) -> list[str]:
    return page.evaluate(
        "() => Array.from(document.querySelectorAll('#pile .card')).map(c => c.dataset.card)"
    )


def test_sort_vote_export_reload_import(
    browser: Any, board: tuple[Path, CardSet], screenshot_root: Path, tmp_path: Path
) -> None:
    path, cards = board
    shots = screenshot_root / "designlab"
    shots.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(
        viewport={"width": 1920, "height": 1080}, has_touch=True, accept_downloads=True
    )
    page = context.new_page()
    watch = Watch(page)
    page.goto(path.as_uri())
    page.wait_for_selector("html[data-ready=true]")
    assert _pile(page) == list(cards.cards["card_id"])
    # the text is shown as text, never as markup
    assert page.locator("#pile .card[data-card=K07] b").count() == 1  # only the id's <b>
    assert "<b>Niet vet</b> & goed." in page.locator("#pile .card[data-card=K07]").inner_text()

    board_box = page.locator("#board").bounding_box()
    bx, by = board_box["x"], board_box["y"]
    # mouse: K01 and K02 onto the empty board make two new groups, K03 joins the first
    _mouse_drag(page, "#pile .card[data-card=K01]", bx + 200, by + 80)
    _mouse_drag(page, "#pile .card[data-card=K02]", bx + 700, by + 80)
    assert [g["cards"] for g in _groups(page)] == [["K01"], ["K02"]]
    _mouse_drag(page, "#pile .card[data-card=K03]", *_centre(page, ".group[data-group=g1]"))
    # touch: K04 into the second group
    gx, gy = _centre(page, ".group[data-group=g2] .group-cards")
    _touch_drag(page, "#pile .card[data-card=K04]", gx, gy)
    groups = _groups(page)
    assert [(g["id"], g["cards"]) for g in groups] == [
        ("g1", ["K01", "K03"]),
        ("g2", ["K02", "K04"]),
    ]
    assert _pile(page)[:2] == ["K05", "K06"] and len(_pile(page)) == 6

    # name, note and votes
    page.fill(".group[data-group=g1] .group-name", "Samen <leren> & vrijwilligers")
    page.press(".group[data-group=g1] .group-name", "Tab")
    page.fill(".group[data-group=g1] .note", "Het belangrijkste")
    page.press(".group[data-group=g1] .note", "Tab")
    page.fill(".group[data-group=g2] .group-name", "Geld")
    page.press(".group[data-group=g2] .group-name", "Tab")
    for _ in range(3):
        page.click(".group[data-group=g1] .vote-plus")
    page.click(".group[data-group=g2] .vote-plus")
    # undo takes back the last vote only
    page.click("#undo")
    assert [g["votes"] for g in _groups(page)] == [3, 0]
    page.click(".group[data-group=g2] .vote-plus")
    # a card in two groups: K03 copied to g2 through its menu
    page.click(".group[data-group=g1] .card[data-card=K03] .more")
    page.click(".menu button[data-copy-to=g2]")
    # a colour, and the second group moved by its head
    page.click(".group[data-group=g2] .swatch >> nth=4")
    hx, hy = _centre(page, ".group[data-group=g2] .grip")
    page.mouse.move(hx, hy)
    page.mouse.down()
    page.mouse.move(hx + 50, hy + 60, steps=8)
    page.mouse.move(hx + 100, hy + 260, steps=8)
    page.mouse.up()

    expected = [
        {"id": "g1", "name": "Samen <leren> & vrijwilligers", "votes": 3,
         "note": "Het belangrijkste", "cards": ["K01", "K03"]},
        {"id": "g2", "name": "Geld", "votes": 1, "note": "", "cards": ["K02", "K04", "K03"]},
    ]  # fmt: skip
    assert _groups(page) == expected
    page.screenshot(path=str(shots / "board-1920x1080.png"))

    with page.expect_download() as info:
        page.click("#export")
    download = info.value
    assert download.suggested_filename == f"bord-bord-1-{cards.set_id}.json"
    exported = json.loads(Path(download.path()).read_text(encoding="utf-8"))
    assert exported["format"] == "sokwal-board" and exported["version"] == 1
    assert exported["set_id"] == cards.set_id and exported["board"] == "bord 1"
    assert card_set_id(exported["cards"]) == cards.set_id
    assert [c["sha256"] for c in exported["cards"]] == list(cards.cards["sha256"])
    got = [
        {"id": g["group_id"], "name": g["name"], "votes": g["votes"], "note": g["note"],
         "cards": g["cards"]}
        for g in exported["groups"]
    ]  # fmt: skip
    assert got == expected
    g2 = exported["groups"][1]
    assert g2["colour"] == "#ffa056" and g2["y"] > 150
    assert exported["pile"] == ["K05", "K06", "K07", "K08", "K09", "K10"]

    # reload: the board is as it was
    page.reload()
    page.wait_for_selector("html[data-ready=true]")
    assert _groups(page) == expected
    assert page.input_value("#board-name") == "bord 1"

    # a new board for another group of people, then the export imported onto it
    page.select_option("#boards", "\u0000new")
    assert _groups(page) == [] and len(_pile(page)) == 10
    page.fill("#board-name", "tafel 2")
    page.press("#board-name", "Tab")
    page.set_input_files("#import-file", download.path())
    page.wait_for_function("() => document.querySelectorAll('.group').length === 2")
    assert _groups(page) == expected
    assert "ingelezen" in page.inner_text("#status")

    # another card set's board is refused, and nothing changes
    other = dict(exported, set_id="ks-000000000000")
    wrong = tmp_path / "other-set.json"
    wrong.write_text(json.dumps(other), encoding="utf-8")
    page.set_input_files("#import-file", str(wrong))
    page.wait_for_function("() => document.getElementById('status').className === 'bad'")
    assert "kaartenset ks-000000000000" in page.inner_text("#status")
    assert _groups(page) == expected
    hostile = dict(exported, groups=[{"group_id": "g1", "cards": ["K99"], "name": "x"}])
    wrong.write_text(json.dumps(hostile), encoding="utf-8")
    page.set_input_files("#import-file", str(wrong))
    page.wait_for_function("() => /K99/.test(document.getElementById('status').textContent)")
    assert _groups(page) == expected

    page.set_viewport_size({"width": 1024, "height": 768})
    page.screenshot(path=str(shots / "board-1024x768.png"))
    assert watch.errors == []
    assert watch.requests == []
    context.close()
