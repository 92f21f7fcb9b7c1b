"""A designlab session end to end, as a researcher and a group run it: cards from the
pseudonymized sample (``sokwal cards``), the sorting board opened in headless Chromium
(Debian's ``chromium`` through Playwright), cards dragged into two named groups with the
mouse and by touch, a vote, the board exported (the download captured), then
``sokwal board import`` into the store. A separate process reads the store: every group
is a coding of its cards' exact spans by ``designlab:<session>:<board>``. Importing the
same board again changes nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from shared import copy_of
from test_board_browser import Watch, _centre, _groups, _mouse_drag, _touch_drag, browser

from sokwal_monitor import ProjectStore

pytestmark = pytest.mark.slow


__all__ = ["browser"]  # the fixture, imported from test_board_browser


def _codings_from_another_process(store: Path, coder_prefix: str) -> list[dict[str, Any]]:
    script = (
        "import json, sys\n"
        "from sokwal_monitor import ProjectStore\n"
        "with ProjectStore(sys.argv[1], create=False) as s:\n"
        "    c = s.codings()\n"
        "    c = c[c['coder'].str.startswith(sys.argv[2])]\n"
        "    rows = [dict(doc_id=r.doc_id, start=int(r.start_char), end=int(r.end_char),\n"
        "                 code=r.code, coder=r.coder, origin=r.origin, text=r.text)\n"
        "            for r in c.itertuples()]\n"
        "print(json.dumps(rows))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script, str(store), coder_prefix],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    return json.loads(done.stdout)


def test_cards_board_export_and_import_into_the_store(
    browser: Any, tmp_path: Path, sokwal: Callable, coded_sample: Path, screenshot_root: Path
) -> None:
    # the sample ingested with --pseudonymize and coded (the store's codebook: groups map
    # onto it), through the sokwal command, once per test run (conftest.coded_sample)
    store = copy_of(coded_sample, tmp_path / "s") / "sample.sokwal"
    out = tmp_path / "kaarten"
    done = sokwal("cards", "--store", store, "--sample", "8", "--seed", "3", "--out", out)
    assert done.returncode == 0, done.stderr
    cardset = json.loads((out / "cardset.json").read_text(encoding="utf-8"))
    cards = {c["card_id"]: c for c in cardset["cards"]}
    ids = list(cards)
    assert len(ids) == 8

    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, has_touch=True, accept_downloads=True
    )
    page = context.new_page()
    watch = Watch(page)
    page.goto((out / "board.html").as_uri())
    page.wait_for_selector("html[data-ready=true]")
    box = page.locator("#board").bounding_box()
    _mouse_drag(page, f"#pile .card[data-card={ids[0]}]", box["x"] + 150, box["y"] + 80)
    _mouse_drag(page, f"#pile .card[data-card={ids[1]}]", box["x"] + 600, box["y"] + 80)
    _mouse_drag(page, f"#pile .card[data-card={ids[2]}]", *_centre(page, ".group[data-group=g1]"))
    gx, gy = _centre(page, ".group[data-group=g2] .group-cards")
    _touch_drag(page, f"#pile .card[data-card={ids[3]}]", gx, gy)
    page.fill(".group[data-group=g1] .group-name", "Vrijwilligers")  # a code of the codebook
    page.press(".group[data-group=g1] .group-name", "Tab")
    page.fill(".group[data-group=g2] .group-name", "Samen leren")  # a new name
    page.press(".group[data-group=g2] .group-name", "Tab")
    page.click(".group[data-group=g2] .vote-plus")
    page.fill("#board-name", "tafel 1")
    page.press("#board-name", "Tab")
    groups = _groups(page)
    assert [g["cards"] for g in groups] == [[ids[0], ids[2]], [ids[1], ids[3]]]
    with page.expect_download() as info:
        page.click("#export")
    board_file = tmp_path / "tafel1.json"
    info.value.save_as(board_file)
    (screenshot_root / "designlab").mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(screenshot_root / "designlab" / "session-board.png"))
    context.close()
    assert watch.errors == [] and watch.requests == []

    done = sokwal("board", "import", str(board_file), "--store", str(store), "--session", "dl1")
    assert done.returncode == 0, done.stderr
    coder = "designlab:dl1:tafel 1"
    rows = _codings_from_another_process(store, "designlab:")
    got = sorted((r["code"], r["doc_id"], r["start"], r["end"], r["coder"]) for r in rows)
    expected = sorted(
        [("vrijwilligers", cards[i]["doc_id"], cards[i]["start_char"], cards[i]["end_char"],
          coder) for i in (ids[0], ids[2])]
        + [("Samen leren", cards[i]["doc_id"], cards[i]["start_char"], cards[i]["end_char"],
            coder) for i in (ids[1], ids[3])]
    )  # fmt: skip
    assert got == expected
    for r in rows:  # the coded text is the card's text, exactly
        card = next(c for c in cards.values() if c["start_char"] == r["start"])
        assert r["text"] == card["text"]

    again = sokwal("board", "import", str(board_file), "--store", str(store), "--session", "dl1")
    assert again.returncode == 0, again.stderr
    with ProjectStore(store) as s:
        assert len(s.codings(coder=coder)) == 4
    assert len(_codings_from_another_process(store, "designlab:")) == len(rows)
