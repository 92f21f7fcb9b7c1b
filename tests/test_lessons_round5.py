"""Lessons, round 5: a quote that two lessons share is shown once, with both types, on
the project page and in the library; the cue families added from the misses of round
4's held-out set (retired to ``dev5``), each with made-up sentences that must fire and
hostile ones that must not."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sokwal_monitor import ProjectStore, ingest
from sokwal_monitor.lessons import classify, find_lessons, lessons
from sokwal_monitor.library import write_library
from sokwal_monitor.summary import project_summary
from sokwal_monitor.summary.render import lessons_html

# -- the same quote twice -------------------------------------------------------------------

#: An advice, then a sentence that leans on it with a lesson of another type: the rules
#: give "Mijn tip …" as advice and, widened to it, "Mijn tip … Dat hebben we …" as insight.
SHARED_SENTENCE = (
    "I: Heb je nog iets voor andere dorpen?\n"
    "R: Mijn tip aan andere dorpen: begin klein met één ochtend per week."
    " Dat hebben we zelf ook op de harde manier moeten leren.\n"
    "I: En verder?\n"
    "R: Sindsdien werken we met vaste koppels van twee vrijwilligers.\n"
)


@pytest.fixture
def overlapping(tmp_path: Path) -> Path:
    root = tmp_path / "corpus"
    root.mkdir()
    (root / "P01_2019_interview_initiatiefnemer.txt").write_text(SHARED_SENTENCE, "utf-8")
    (root / "projects.csv").write_text("project_id,name\nP01,Samen Eten\n", "utf-8")
    path = tmp_path / "s.sokwal"
    ingest(path, root)
    find_lessons(path)
    return path


def _quotes(html: str) -> list[str]:
    return re.findall(r"„([^”]*)”", html)


def test_two_lessons_that_share_a_sentence_are_two_rows_in_the_table(overlapping: Path) -> None:
    table = lessons(overlapping)
    tip = table[table["text"].str.contains("Mijn tip")]
    # the table keeps both: each is reviewed on its own
    assert sorted(tip["type"]) == ["advice", "insight"]
    assert tip["start_char"].nunique() == 1 and tip["end_char"].nunique() == 2


def test_the_project_page_shows_a_shared_quote_once_with_both_types(overlapping: Path) -> None:
    with ProjectStore(overlapping, create=False) as store:
        html = lessons_html(project_summary(store, "P01", n_boot=0))
    quotes = _quotes(html)
    assert sum("Mijn tip" in q for q in quotes) == 1, quotes
    (card,) = [b for b in html.split("<blockquote")[1:] if "Mijn tip" in b]
    assert "op de harde manier moeten leren" in card  # the widest span
    assert "advies aan anderen" in card and "inzicht opgedaan" in card
    assert sum("vaste koppels" in q for q in quotes) == 1  # a lesson on its own is untouched
    assert len(quotes) == 2


def test_the_library_shows_a_shared_quote_once_with_both_types(
    overlapping: Path, tmp_path: Path
) -> None:
    result = write_library(overlapping, tmp_path / "lib", allow_original_text=True)
    assert result.n_lessons == 2
    page = (tmp_path / "lib" / "index.html").read_text("utf-8")
    cards = [c for c in page.split('<article class="lesson')[1:] if "Mijn tip" in c]
    assert len(cards) == 1
    assert "advies aan anderen" in cards[0].lower() and "inzicht opgedaan" in cards[0].lower()
    # the search index lists both types, so the type filter finds the card by either
    index = re.search(r'id="lesson-index">(.*?)</script>', page, re.S)
    assert index is not None and '"types":["insight","advice"]' in index.group(1)


def test_one_per_quote_keeps_lessons_of_other_documents_apart() -> None:
    import pandas as pd

    from sokwal_monitor.summary.lessons import one_per_quote

    rows = pd.DataFrame({
        "lesson_id": ["a", "b", "c", "d"], "doc_id": ["d1", "d2", "d1", "d1"],
        "start_char": [0, 0, 5, 30], "end_char": [10, 10, 20, 40],
        "type": ["advice", "advice", "insight", "advice"], "themes": ["", "", "", ""],
        "text": ["0123456789", "x" * 10, "56789abcdefghij", "t" * 10],
    })  # fmt: skip
    out = one_per_quote(rows)
    assert list(out["lesson_ids"]) == ["c;a", "b", "d"]
    assert out.loc[0, "text"] == "0123456789abcdefghij" and out.loc[0, "end_char"] == 20
    assert one_per_quote(rows.iloc[:0]).empty
