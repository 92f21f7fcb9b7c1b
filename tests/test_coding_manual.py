"""Manual coding on a real project store: exact offsets, the segment a coding starts in,
quotes found despite copying artefacts (and refused when missing or ambiguous), removal,
memos, CSV/XLSX quote files (good rows kept, bad rows reported by row number) and runs
that leave nothing behind when they fail."""

from __future__ import annotations

import csv
import datetime as dt
import json
import sqlite3
import unicodedata
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from sokwal_monitor import ingest, pseudonymize
from sokwal_monitor.coding import (
    Coding,
    CodingRun,
    add_coding,
    add_memo,
    code_quote,
    code_segment,
    find_quote,
    import_quotes,
    remove_coding,
    remove_codings,
)
from sokwal_monitor.errors import AmbiguousQuoteError, CodingError, QuoteNotFoundError
from sokwal_monitor.store import ProjectStore

P01 = "P01_2018_interview_initiatiefnemer.txt"  # '[00:00:05] I: ...' with timestamps
P02 = "P02_2019_interview_vrijwilliger.txt"  # cp1252 on disk: één, coöperatie, geïnterviewde
VERSLAG = "verslagen/Verslag coöperatie één.txt"

#: A transcript for the quote tests: repeats, typographic quotes, metacharacters, Unicode.
QUOTES_TEXT = (
    "I: Hoe was de avond?\n"
    "R: Het was gezellig. Echt, het was gezellig.\n"
    "I: En daarna?\n"
    'R: Hij zei “we doen het samen” en ‘dat klopt’. Ze riep "nooit meer" en \'s avonds'
    " kookten we.\n"
    "I: Kosten?\n"
    "R: De kosten (ca. 40%) * 2? Zie C:\\map\\begroting [a-z]+ $5 ^ | {2}.\n"
    "I: En de sfeer?\n"
    "R: Het café was vol, de reünie een feest 👍🏽 en de e\u0301e\u0301n keer dat het mis ging"
    " was 🇳🇱 Koningsdag.\n"
)


def ingest_texts(root: Path, store: ProjectStore, files: dict[str, str]) -> ProjectStore:
    """Write UTF-8 text files into ``root`` and ingest them into ``store``."""
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    report = ingest(store, root)
    assert not report.failed, report.failed
    return store


@pytest.fixture
def project(store: ProjectStore, corpus: Path) -> ProjectStore:
    """The conftest corpus ingested into a fresh store."""
    report = ingest(store, corpus)
    assert not report.failed, report.failed
    return store


@pytest.fixture
def quotes_store(store: ProjectStore, tmp_path: Path) -> ProjectStore:
    """A store holding only ``citaten.txt`` (:data:`QUOTES_TEXT`)."""
    return ingest_texts(tmp_path / "citaten", store, {"citaten.txt": QUOTES_TEXT})


def doc_id(store: ProjectStore, path: str) -> str:
    docs = store.documents()
    return str(docs.loc[docs["path"] == path, "doc_id"].item())


def doc_text(store: ProjectStore, path: str) -> str:
    return store.text(doc_id(store, path))


def only_coding(store: ProjectStore) -> dict:
    frame = store.codings()
    assert len(frame) == 1, frame
    return frame.iloc[0].to_dict()


def expected_segment(store: ProjectStore, did: str, start: int, end: int) -> str | None:
    """The segment a span starts in, worked out from ``store.segments()``: the one
    holding its first character, else the first one it reaches into."""
    segs = store.segments(did).sort_values("start_char")
    for row in segs.itertuples():
        if row.start_char <= start < row.end_char:
            return row.segment_id
    for row in segs.itertuples():
        if start <= row.start_char < end and row.start_char < row.end_char:
            return row.segment_id
    return None


def write_csv(path: Path, rows: list[list[str]], *, sep: str = ",", encoding: str = "utf-8"):
    with path.open("w", encoding=encoding, newline="") as fh:
        csv.writer(fh, delimiter=sep).writerows(rows)
    return path


def n_rows(store: ProjectStore, table: str) -> int:
    return int(store.execute(f"SELECT count(*) FROM {table}").fetchone()[0])


# -- add_coding ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("needle", "position"),
    [
        ("eetgroep", 1),  # inside a respondent turn
        ("We begonnen", 1),  # at the first character of a segment
        ("kost.", 3),  # ending at the last character of a segment
        ("[00:03:12] R: We begonnen", 1),  # starts on the speaker label: the turn it labels
        ("\n[00:04:00] I: En wat", 2),  # starts on the line break after a turn
        ("[00:00:05] I: Hoe", 0),  # before the first segment
        ("[00:04:30]", None),  # only a timestamp: in no segment
    ],
)
def test_add_coding_stores_exact_offsets_and_the_segment_it_starts_in(
    project: ProjectStore, needle: str, position: int | None
) -> None:
    text = doc_text(project, P01)
    did = doc_id(project, P01)
    start = text.index(needle)
    end = start + len(needle)
    cid = add_coding(project, P01, start, end, "leereffect", coder="anna")
    row = only_coding(project)
    assert row["coding_id"] == cid
    assert (row["start_char"], row["end_char"]) == (start, end)
    assert row["text"] == text[start:end] == needle
    with_meta = project.codings(with_metadata=True).iloc[0]
    if position is None:
        assert row["segment_id"] is None and with_meta["speaker"] == ""
        assert expected_segment(project, did, start, end) is None
    else:
        assert row["segment_id"] == f"{did}-{position:05d}"
        assert row["segment_id"] == expected_segment(project, did, start, end)
        seg = project.segments(did).set_index("segment_id").loc[row["segment_id"]]
        assert (with_meta["speaker"], with_meta["role"]) == (seg["speaker"], seg["role"])


def test_a_coding_on_the_answer_with_its_label_is_the_respondents(project: ProjectStore) -> None:
    text = doc_text(project, P01)
    start = text.index("[00:03:12] R:")
    add_coding(project, P01, start, text.index("Dat liep goed."), "begin", coder="anna")
    row = project.codings(with_metadata=True).iloc[0]
    assert (row["speaker"], row["role"]) == ("R", "respondent")
    assert row["segment_id"] == f"{doc_id(project, P01)}-00001"


def test_a_coding_spanning_two_segments(project: ProjectStore) -> None:
    text = doc_text(project, P01)
    did = doc_id(project, P01)
    segs = project.segments(did)
    first, second = segs.iloc[1], segs.iloc[2]
    start = int(first["start_char"]) + 3
    end = int(second["end_char"]) - 2
    add_coding(project, did, start, end, "verloop", coder="anna")
    row = only_coding(project)
    assert row["segment_id"] == first["segment_id"]
    assert row["text"] == text[start:end]
    assert first["text"][3:] in row["text"] and second["text"][:-2] in row["text"]
    assert "\n[00:04:00] I: " in row["text"]


def test_every_segment_of_every_document_codes_back_to_itself(project: ProjectStore) -> None:
    segs = project.segments()
    for seg in segs.itertuples():
        add_coding(project, seg.doc_id, seg.start_char, seg.end_char, "alles", coder="anna")
    codings = project.codings().set_index("segment_id")
    assert len(codings) == len(segs)
    for seg in segs.itertuples():
        got = codings.loc[seg.segment_id]
        assert got["text"] == seg.text
        assert (got["start_char"], got["end_char"]) == (seg.start_char, seg.end_char)


@pytest.mark.parametrize(
    ("start", "end"),
    [(-1, 5), (5, 5), (10, 4), (0, 10_000), (193, 196), (0, 194)],
    ids=["negative", "empty", "reversed", "far-past-end", "after-end", "one-past-end"],
)
def test_spans_outside_the_text_are_refused_naming_the_document(
    project: ProjectStore, start: int, end: int
) -> None:
    assert len(doc_text(project, P01)) == 193
    with pytest.raises(CodingError, match="is not inside the text") as err:
        add_coding(project, P01, start, end, "leereffect", coder="anna")
    assert str(err.value).startswith(f"{P01}: ")
    assert f"{start}-{end}" in str(err.value) and "(0-193)" in str(err.value)
    assert n_rows(project, "codings") == 0
    assert n_rows(project, "coding_runs") == 0


def test_the_whole_text_is_a_valid_span(project: ProjectStore) -> None:
    text = doc_text(project, P01)
    add_coding(project, P01, 0, len(text), "alles", coder="anna")
    assert only_coding(project)["text"] == text


@pytest.mark.parametrize("bad", [1.5, "3", None, True], ids=repr)
def test_offsets_must_be_whole_numbers(project: ProjectStore, bad: object) -> None:
    with pytest.raises(CodingError, match="whole number") as err:
        add_coding(project, P01, bad, 20, "leereffect", coder="anna")  # type: ignore[arg-type]
    assert str(err.value).startswith(f"{P01}: ")
    assert n_rows(project, "codings") == 0


def test_numpy_offsets_from_a_dataframe_are_stored_as_integers(project: ProjectStore) -> None:
    seg = project.segments(doc_id(project, P01)).iloc[1]
    assert isinstance(seg["start_char"], np.integer)
    add_coding(project, P01, seg["start_char"], seg["end_char"], "begin", coder="anna")
    stored = project.execute(
        "SELECT typeof(start_char), typeof(end_char), start_char, end_char FROM codings"
    ).fetchone()
    assert stored == ("integer", "integer", int(seg["start_char"]), int(seg["end_char"]))
    assert only_coding(project)["text"] == seg["text"]


def test_an_unknown_document_is_refused(project: ProjectStore) -> None:
    with pytest.raises(CodingError, match="no document 'P09.txt' in the store") as err:
        add_coding(project, "P09.txt", 0, 5, "leereffect", coder="anna")
    assert str(project.path) in str(err.value)
    assert n_rows(project, "coding_runs") == 0


@pytest.mark.parametrize("blank", ["", "   ", "\t\n"], ids=repr)
@pytest.mark.parametrize("which", ["code", "coder"])
def test_blank_code_or_coder_is_refused(project: ProjectStore, which: str, blank: str) -> None:
    names = {"code": "leereffect", "coder": "anna", which: blank}
    with pytest.raises(CodingError, match=f"a coding needs a {which}") as err:
        add_coding(project, P01, 0, 5, names["code"], coder=names["coder"])
    assert str(err.value).startswith(f"{P01}: ")
    assert n_rows(project, "codings") == 0 and n_rows(project, "coding_runs") == 0


def test_the_same_coding_twice_is_one_row_with_one_id(project: ProjectStore) -> None:
    first = add_coding(project, P01, 57, 70, "begin", coder="anna")
    again = add_coding(project, P01, 57, 70, "begin", coder="anna", memo="nog eens")
    padded = add_coding(project, doc_id(project, P01), 57, 70, " begin ", coder=" anna ")
    assert first == again == padded
    row = only_coding(project)
    assert (row["code"], row["coder"], row["memo"]) == ("begin", "anna", "")
    runs = project.coding_runs()
    assert runs["n_added"].tolist() == [1, 0, 0]
    other = add_coding(project, P01, 57, 70, "begin", coder="bas")
    assert other != first and len(project.codings()) == 2


def test_provenance_of_a_manual_coding(project: ProjectStore) -> None:
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    cid = add_coding(project, P01, 57, 97, "begin", coder="anna", memo="het begin")
    row = only_coding(project)
    assert row["coding_id"] == cid and cid.startswith("c-")
    assert (row["origin"], row["coder"], row["memo"]) == ("manual", "anna", "het begin")
    assert pd.isna(row["score"]) and row["pattern"] == ""
    created = dt.datetime.fromisoformat(row["created_at"])
    assert created.tzinfo is not None and created >= before - dt.timedelta(seconds=1)
    runs = project.coding_runs()
    assert len(runs) == 1
    run = runs.iloc[0]
    assert run["run_id"] == row["run_id"]
    assert (run["origin"], run["coder"]) == ("manual", "anna")
    assert (run["n_added"], run["n_removed"], run["n_documents"]) == (1, 0, 1)
    assert run["finished_at"] is not None and run["codebook_sha256"] is None
    assert run["written_by"].startswith("sokwal-monitor ")


@pytest.mark.parametrize(
    "name",
    [
        VERSLAG,
        "verslagen\\Verslag coöperatie één.txt",  # a Windows path
        unicodedata.normalize("NFD", VERSLAG),  # accents as macOS writes file names
    ],
    ids=["as-stored", "backslashes", "decomposed"],
)
def test_a_document_is_named_by_path_or_doc_id(project: ProjectStore, name: str) -> None:
    did = doc_id(project, VERSLAG)
    by_path = add_coding(project, name, 29, 42, "coop", coder="anna")
    by_id = add_coding(project, did, 29, 42, "coop", coder="anna")
    assert by_path == by_id
    row = only_coding(project)
    assert row["doc_id"] == did and row["text"] == "De coöperatie"


# -- code_segment ---------------------------------------------------------------------------


def test_code_segment_codes_the_whole_segment(project: ProjectStore) -> None:
    seg = project.segments(doc_id(project, P02)).iloc[3]
    cid = code_segment(project, seg["segment_id"], "plezier", coder="anna", memo="mooi")
    row = only_coding(project)
    assert row["coding_id"] == cid and row["segment_id"] == seg["segment_id"]
    assert (row["start_char"], row["end_char"]) == (seg["start_char"], seg["end_char"])
    assert row["text"] == seg["text"] == "Het geeft me plezier, zeker met de geïnterviewde buren."
    assert row["memo"] == "mooi"


def test_code_segment_refuses_an_unknown_segment(project: ProjectStore) -> None:
    did = doc_id(project, P02)
    for missing in (f"{did}-00099", "x-00001", ""):
        with pytest.raises(CodingError, match=f"no segment {missing!r} in the store") as err:
            code_segment(project, missing, "plezier", coder="anna")
        assert str(project.path) in str(err.value)
    assert n_rows(project, "codings") == 0


# -- code_quote / find_quote ------------------------------------------------------------------


def test_an_exact_quote(project: ProjectStore) -> None:
    text = doc_text(project, P01)
    code_quote(project, P01, "een eetgroep in de buurt", "begin", coder="anna")
    row = only_coding(project)
    assert row["start_char"] == text.index("een eetgroep in de buurt")
    assert row["text"] == "een eetgroep in de buurt"
    assert row["segment_id"] == f"{doc_id(project, P01)}-00001"


@pytest.mark.parametrize(
    "quote",
    [
        "in de buurt. Dat liep goed.",  # the line break copied as a space
        "in  de\u00a0buurt.\r\n  Dat\tliep   goed.",  # PDF spacing, no-break space, CRLF
        "  in de buurt.\nDat liep goed.  \n",  # surrounding white space
    ],
    ids=["space-for-newline", "pdf-spacing", "padded"],
)
def test_a_quote_with_other_spacing(project: ProjectStore, quote: str) -> None:
    code_quote(project, P01, quote, "begin", coder="anna")
    assert only_coding(project)["text"] == "in de buurt.\nDat liep goed."


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ('Hij zei "we doen het samen"', "Hij zei “we doen het samen”"),
        ("en 'dat klopt'", "en ‘dat klopt’"),
        ("Ze riep “nooit meer”", 'Ze riep "nooit meer"'),
        ("en ’s avonds", "en 's avonds"),
        ("zei „we doen het samen”", "zei “we doen het samen”"),
    ],
)
def test_curly_and_straight_quotation_marks(
    quotes_store: ProjectStore, quote: str, found: str
) -> None:
    code_quote(quotes_store, "citaten.txt", quote, "samen", coder="anna")
    row = only_coding(quotes_store)
    assert row["text"] == found
    assert row["start_char"] == QUOTES_TEXT.index(found)


def test_a_quote_differing_only_in_case(project: ProjectStore) -> None:
    text = doc_text(project, P01)
    code_quote(project, P01, "WE BEGONNEN met een EETGROEP", "begin", coder="anna")
    row = only_coding(project)
    assert row["text"] == "We begonnen met een eetgroep"
    assert row["start_char"] == text.index("We begonnen")


def test_exact_case_wins_over_other_case() -> None:
    # "Het was gezellig" occurs once with this case and once as "het was gezellig"
    assert find_quote(QUOTES_TEXT, "Het was gezellig") == [
        (QUOTES_TEXT.index("Het was gezellig"), QUOTES_TEXT.index("Het was gezellig") + 16)
    ]
    assert len(find_quote(QUOTES_TEXT, "HET WAS GEZELLIG")) == 2


def test_an_ambiguous_quote_lists_where_and_occurrence_picks(quotes_store: ProjectStore) -> None:
    first = QUOTES_TEXT.index("was gezellig")
    second = QUOTES_TEXT.index("was gezellig", first + 1)
    with pytest.raises(AmbiguousQuoteError) as err:
        code_quote(quotes_store, "citaten.txt", "was gezellig", "sfeer", coder="anna")
    message = str(err.value)
    assert message.startswith("citaten.txt: the quote occurs 2 times")
    assert f"#1 at character {first}" in message and f"#2 at character {second}" in message
    assert "occurrence=1" in message
    assert n_rows(quotes_store, "coding_runs") == 0

    code_quote(quotes_store, "citaten.txt", "was gezellig", "sfeer", coder="anna", occurrence=2)
    row = only_coding(quotes_store)
    assert (row["start_char"], row["end_char"]) == (second, second + len("was gezellig"))
    code_quote(quotes_store, "citaten.txt", "was gezellig", "sfeer", coder="anna", occurrence=1)
    assert sorted(quotes_store.codings()["start_char"]) == [first, second]


def test_many_occurrences_are_listed_up_to_five(store: ProjectStore, tmp_path: Path) -> None:
    text = "R: " + " ".join(["ja hoor."] * 7) + "\n"
    ingest_texts(tmp_path / "c", store, {"ja.txt": text})
    with pytest.raises(AmbiguousQuoteError, match="occurs 7 times") as err:
        code_quote(store, "ja.txt", "ja hoor", "ja", coder="anna")
    assert "#5 at character 39" in str(err.value) and "#6" not in str(err.value)
    assert ", ...)" in str(err.value)
    code_quote(store, "ja.txt", "ja hoor", "ja", coder="anna", occurrence=7)
    assert only_coding(store)["start_char"] == 3 + 6 * 9


@pytest.mark.parametrize("occurrence", [0, 3, -1])
def test_an_occurrence_out_of_range(quotes_store: ProjectStore, occurrence: int) -> None:
    with pytest.raises(QuoteNotFoundError, match=f"occurrence {occurrence} asked") as err:
        code_quote(
            quotes_store, "citaten.txt", "was gezellig", "x", coder="anna", occurrence=occurrence
        )
    assert "choose 1 to 2" in str(err.value) and str(err.value).startswith("citaten.txt: ")
    assert n_rows(quotes_store, "codings") == 0


def test_occurrence_two_of_a_unique_quote(quotes_store: ProjectStore) -> None:
    with pytest.raises(QuoteNotFoundError, match="occurs 1 time"):
        code_quote(quotes_store, "citaten.txt", "Koningsdag", "x", coder="anna", occurrence=2)
    code_quote(quotes_store, "citaten.txt", "Koningsdag", "x", coder="anna", occurrence=1)
    assert only_coding(quotes_store)["text"] == "Koningsdag"


def test_a_missing_quote_says_how_far_it_matched(project: ProjectStore) -> None:
    text = doc_text(project, P01)
    quote = "We begonnen met een kookclub in de buurt"
    with pytest.raises(QuoteNotFoundError) as err:
        code_quote(project, P01, quote, "begin", coder="anna")
    message = str(err.value)
    assert message.startswith(f"{P01}: the quote is not in the document: ")
    assert f"its first 4 of 8 words occur (at character {text.index('We begonnen')})" in message
    assert "the text reads ' eetgroep in de buurt. Dat liep goed. [0'" in message
    assert "instead of 'kookclub in de buurt'" in message
    assert "pseudonymized" not in message
    assert n_rows(project, "codings") == 0 and n_rows(project, "coding_runs") == 0


def test_a_quote_whose_first_word_is_missing(project: ProjectStore) -> None:
    with pytest.raises(QuoteNotFoundError, match="not even its first word occurs"):
        code_quote(project, P01, "Zwembad in de buurt", "begin", coder="anna")
    with pytest.raises(QuoteNotFoundError, match="not even its first word occurs"):
        code_quote(project, P01, "zwembad", "begin", coder="anna")


def test_a_long_missing_quote_reports_its_matching_start(project: ProjectStore) -> None:
    quote = "We begonnen " + " ".join(f"woord{i}" for i in range(2000))
    with pytest.raises(QuoteNotFoundError, match="its first 2 of 2002 words occur"):
        code_quote(project, P01, quote, "begin", coder="anna")


@pytest.mark.parametrize("quote", ["", "   ", "\n\t"], ids=repr)
def test_an_empty_quote_is_refused_as_empty(project: ProjectStore, quote: str) -> None:
    assert find_quote(doc_text(project, P01), quote) == []
    with pytest.raises(CodingError, match="the quote is empty") as err:
        code_quote(project, P01, quote, "begin", coder="anna")
    assert not isinstance(err.value, QuoteNotFoundError)
    assert str(err.value).startswith(f"{P01}: ")


@pytest.mark.slow  # loads deduce (several seconds)
def test_a_quote_in_a_pseudonymized_document_mentions_pseudonymization(
    store: ProjectStore, tmp_path: Path
) -> None:
    ingest_texts(
        tmp_path / "c",
        store,
        {"P01_2018_interview.txt": "I: Wie hielp?\nR: Samen met Jan de Vries begonnen we.\n"},
    )
    pseudonymize(store, tmp_path / "project.sokwal-key")
    text = doc_text(store, "P01_2018_interview.txt")
    assert "Jan de Vries" not in text
    with pytest.raises(QuoteNotFoundError) as err:
        code_quote(store, "P01_2018_interview.txt", "met Jan de Vries begonnen", "x", coder="a")
    message = str(err.value)
    assert "its first 1 of 5 words occur" in message
    assert "the document is pseudonymized, so names in the quote are replaced too" in message
    # the pseudonymized text itself can be quoted
    pseudonym = text[text.index("met ") + 4 : text.index(" begonnen")]
    code_quote(store, "P01_2018_interview.txt", f"met {pseudonym} begonnen", "x", coder="a")
    assert only_coding(store)["text"] == f"met {pseudonym} begonnen"


@pytest.mark.parametrize(
    "quote",
    [
        "De kosten (ca. 40%) * 2? Zie C:\\map\\begroting [a-z]+ $5 ^ | {2}.",  # exact
        "kosten (ca.  40%)\n* 2?   Zie C:\\map\\begroting",  # other spacing
        "DE KOSTEN (CA. 40%) * 2? ZIE C:\\MAP\\BEGROTING [A-Z]+ $5 ^ | {2}.",  # other case
    ],
    ids=["exact", "spacing", "case"],
)
def test_regex_metacharacters_in_a_quote_are_literal(
    quotes_store: ProjectStore, quote: str
) -> None:
    code_quote(quotes_store, "citaten.txt", quote, "kosten", coder="anna")
    row = only_coding(quotes_store)
    first_word = "De kosten" if quote.lower().startswith("de ") else "kosten"
    assert row["start_char"] == QUOTES_TEXT.index(f"{first_word} (ca. 40%)")
    assert " ".join(row["text"].split()).lower() == " ".join(quote.split()).lower()


@pytest.mark.parametrize("quote", ["k.sten", "kosten.*begroting", "(ca", "C:\\\\map", "gezellig?"])
def test_metacharacters_do_not_act_as_patterns(quote: str) -> None:
    spans = find_quote(QUOTES_TEXT, quote)
    assert all(QUOTES_TEXT[s:e].lower() == quote.lower() for s, e in spans)
    if quote == "(ca":
        assert spans == [(QUOTES_TEXT.index("(ca"), QUOTES_TEXT.index("(ca") + 3)]
    else:
        assert spans == []


@pytest.mark.parametrize(
    "quote",
    [
        "Het café was vol",
        "de reünie een feest 👍🏽 en de",
        "👍🏽 en de e\u0301e\u0301n keer",  # the text's decomposed accents, as they are
        "en de één keer dat het mis ging",  # composed accents for the text's decomposed ones
        "was 🇳🇱 Koningsdag.",
    ],
    ids=["e-acute", "emoji-with-skin-tone", "combining-as-is", "combining-composed", "flag"],
)
def test_unicode_offsets_count_code_points(quotes_store: ProjectStore, quote: str) -> None:
    text = doc_text(quotes_store, "citaten.txt")
    assert text == QUOTES_TEXT  # stored as written: no normalization
    code_quote(quotes_store, "citaten.txt", quote, "sfeer", coder="anna")
    row = only_coding(quotes_store)
    assert unicodedata.normalize("NFC", row["text"]) == unicodedata.normalize("NFC", quote)
    assert row["text"] == text[row["start_char"] : row["end_char"]]
    assert row["start_char"] == text.index(row["text"])
    assert row["end_char"] - row["start_char"] == len(row["text"])  # code points, not bytes


def test_a_decomposed_quote_finds_composed_text(project: ProjectStore) -> None:
    quote = unicodedata.normalize("NFD", "Ik kook één keer per week voor de coöperatie.")
    assert quote != "Ik kook één keer per week voor de coöperatie."
    code_quote(project, P02, quote, "koken", coder="anna")
    row = only_coding(project)
    assert row["text"] == "Ik kook één keer per week voor de coöperatie."
    assert row["start_char"] == doc_text(project, P02).index("Ik kook")


def test_find_quote_returns_every_occurrence_in_order() -> None:
    text = "Wij doen mee.\nWIJ  doen\nmee. wij doen mee!"
    assert find_quote(text, "wij DOEN mee") == [(0, 12), (14, 27), (29, 41)]
    assert find_quote(text, "Wij  doen mee") == [(0, 12)]  # same case beats other case
    assert find_quote(text, "wij doen mee") == [(29, 41)]  # the exact quote beats the rest
    assert find_quote(text, "Wij doen mee.") == [(0, 13)]
    assert find_quote(text, "doen mee?") == []


# -- removing ---------------------------------------------------------------------------------


def test_remove_coding(project: ProjectStore) -> None:
    keep = add_coding(project, P01, 57, 70, "begin", coder="anna")
    gone = add_coding(project, P01, 166, 192, "samen", coder="anna")
    remove_coding(project, gone)
    assert project.codings()["coding_id"].tolist() == [keep]
    run = project.coding_runs().iloc[-1]
    assert (run["origin"], run["coder"], run["n_removed"], run["n_added"]) == (
        "manual",
        "anna",
        1,
        0,
    )
    assert json.loads(run["options"]) == {"removed": gone}
    with pytest.raises(CodingError, match=f"no coding {gone!r} in the store"):
        remove_coding(project, gone)
    assert len(project.coding_runs()) == 3


def test_remove_codings_by_coder_code_and_document(project: ProjectStore) -> None:
    for coder in ("anna", "bas"):
        for code in ("begin", "samen"):
            add_coding(project, P01, 57, 70, code, coder=coder)
            add_coding(project, P02, 54, 61, code, coder=coder)
    assert len(project.codings()) == 8

    assert remove_codings(project, coder="anna", code="begin", doc=P01) == 1
    assert remove_codings(project, coder="anna", code="begin") == 1
    assert remove_codings(project, coder="anna", doc=doc_id(project, P02)) == 1
    assert remove_codings(project, coder="anna") == 1
    assert remove_codings(project, coder="anna") == 0
    left = project.codings()
    assert set(left["coder"]) == {"bas"} and len(left) == 4
    assert project.coding_runs()["n_removed"].tolist()[-5:] == [1, 1, 1, 1, 0]

    assert remove_codings(project, coder=" bas ", code=" samen ") == 2
    assert sorted(project.codings()["code"]) == ["begin", "begin"]
    with pytest.raises(CodingError, match="a coding needs a coder name"):
        remove_codings(project, coder="  ")
    with pytest.raises(CodingError, match="no document 'P09.txt'"):
        remove_codings(project, coder="bas", doc="P09.txt")
    assert len(project.codings()) == 2


# -- manual and rule codings ----------------------------------------------------------------


def test_manual_codings_survive_a_rule_rerun(project: ProjectStore) -> None:
    from sokwal_monitor.coding.rules import code_store

    code_store(project)
    rules_first = project.codings(origin="rule")
    assert len(rules_first) > 0
    same_span = rules_first.iloc[0]
    add_coding(
        project,
        same_span["doc_id"],
        same_span["start_char"],
        same_span["end_char"],
        same_span["code"],
        coder="anna",
        memo="ook zo gezien",
    )
    code_quote(project, P01, "We begonnen met een eetgroep", "begin", coder="anna")
    manual_before = project.codings(origin="manual")

    code_store(project)
    code_store(project)
    manual_after = project.codings(origin="manual")
    pd.testing.assert_frame_equal(manual_before, manual_after)
    rules_after = project.codings(origin="rule")
    assert rules_after["coding_id"].is_unique
    cols = ["coding_id", "doc_id", "start_char", "end_char", "code", "coder", "text"]
    pd.testing.assert_frame_equal(
        rules_first[cols].reset_index(drop=True), rules_after[cols].reset_index(drop=True)
    )
    runs = project.coding_runs()
    rule_runs = runs[runs["origin"] == "rule"]
    assert rule_runs["n_removed"].tolist() == [0, len(rules_first), len(rules_first)]
    assert rule_runs["n_added"].tolist() == [len(rules_first)] * 3
    assert len(project.codings()) == len(rules_first) + 2


# -- memos ----------------------------------------------------------------------------------


def test_memos_on_documents_projects_and_codes(project: ProjectStore) -> None:
    did = doc_id(project, P01)
    ids = [
        add_memo(project, P01, "  Eerste gesprek, veel ruis.  ", author="anna"),
        add_memo(project, did, "Tweede memo.", author="bas"),
        add_memo(project, "P01", "Project loopt goed.", author="anna"),
        add_memo(project, "leereffect", "Ook impliciet leren.", author="anna"),
        add_memo(project, "P02", "Code, geen project.", author="anna", kind="code"),
    ]
    assert ids == [1, 2, 3, 4, 5]
    memos = project.memos()
    assert memos.columns.tolist() == [
        "memo_id",
        "target_kind",
        "target",
        "author",
        "text",
        "created_at",
        "updated_at",
    ]
    got = memos[["target_kind", "target", "author", "text"]].values.tolist()
    assert got == [
        ["document", did, "anna", "Eerste gesprek, veel ruis."],
        ["document", did, "bas", "Tweede memo."],
        ["project", "P01", "anna", "Project loopt goed."],
        ["code", "leereffect", "anna", "Ook impliciet leren."],
        ["code", "P02", "anna", "Code, geen project."],
    ]
    assert (memos["created_at"] == memos["updated_at"]).all()


@pytest.mark.parametrize("text", ["", "   ", "\n"], ids=repr)
def test_an_empty_memo_is_refused(project: ProjectStore, text: str) -> None:
    with pytest.raises(CodingError, match="the memo on 'leereffect' is empty"):
        add_memo(project, "leereffect", text, author="anna")
    assert project.memos().empty


def test_memo_arguments_are_checked(project: ProjectStore) -> None:
    with pytest.raises(CodingError, match="needs a memo author"):
        add_memo(project, "leereffect", "Tekst.", author=" ")
    with pytest.raises(CodingError, match="a memo needs a target"):
        add_memo(project, "  ", "Tekst.", author="anna")
    with pytest.raises(CodingError, match="no document 'P09.txt'"):
        add_memo(project, "P09.txt", "Tekst.", author="anna", kind="document")
    with pytest.raises(ValueError, match="kind must be document, code or project"):
        add_memo(project, "leereffect", "Tekst.", author="anna", kind="segment")
    assert project.memos().empty


# -- import_quotes ----------------------------------------------------------------------------

HEADER = ["path", "doc_id", "quote", "code", "occurrence", "memo"]


def mixed_rows(store: ProjectStore) -> list[list[str]]:
    """Rows 2-9 of a quotes file, good and bad mixed (file row in the comment)."""
    return [
        [P01, "", "een eetgroep in de buurt", "begin", "", "eerste"],  # 2 good
        ["P09.txt", "", "we leerden", "leereffect", "", ""],  # 3 unknown document
        [P01, "", "een zwembad in de buurt", "begin", "", ""],  # 4 quote not there
        ["", doc_id(store, P02), "de coöperatie", "coop", "", ""],  # 5 good, by doc_id
        [P01, "", "I:", "vraag", "2", ""],  # 6 twice in P01: the second
        [P01, "", "I:", "vraag", "twee", ""],  # 7 occurrence not a number
        [P01, "", "I:", "vraag", "", ""],  # 8 twice in P01, no occurrence
        ["", "", "Dat samenwerken", "samen", "", ""],  # 9 no document named
    ]


def check_mixed(store: ProjectStore, report, path: Path) -> None:
    assert report.path == path
    assert [n for n, _ in report.problems] == [3, 4, 7, 8, 9]
    messages = dict(report.problems)
    assert "no document 'P09.txt' in the store" in messages[3]
    assert messages[4].startswith(f"{P01}: the quote is not in the document: its first 1 of 5")
    assert "occurrence must be a whole number, not 'twee'" in messages[7]
    assert messages[8].startswith(f"{P01}: the quote occurs 2 times")
    assert "names no document" in messages[9]
    assert not report.ok
    assert report.summary() == f"{path.name}: 3 quotes coded, 5 rows could not be used"
    codings = store.codings(with_metadata=True)
    assert sorted(codings["coding_id"]) == sorted(report.coding_ids)
    got = {(r.path, r.text, r.code, r.coder, r.memo) for r in codings.itertuples()}
    assert got == {
        (P01, "een eetgroep in de buurt", "begin", "anna", "eerste"),
        (P02, "de coöperatie", "coop", "anna", ""),
        (P01, "I:", "vraag", "anna", ""),
    }
    text = doc_text(store, P01)
    second = text.index("I:", text.index("I:") + 1)
    assert codings.loc[codings["text"] == "I:", "start_char"].item() == second
    (run,) = store.coding_runs().itertuples()  # one logged run for the whole file
    assert (run.origin, run.coder, run.n_added) == ("manual", "anna", 3)
    assert json.loads(run.options) == {"quotes_file": path.name, "rows_failed": 5}


def test_import_quotes_from_csv(project: ProjectStore, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "citaten.csv", [HEADER, *mixed_rows(project)])
    check_mixed(project, import_quotes(project, path, coder="anna"), path)


def test_import_quotes_from_xlsx(project: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "citaten.xlsx"
    pd.DataFrame(mixed_rows(project), columns=HEADER).to_excel(path, index=False)
    check_mixed(project, import_quotes(project, path, coder="anna"), path)


def test_import_quotes_twice_adds_nothing_new(project: ProjectStore, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "citaten.csv", [HEADER, *mixed_rows(project)])
    first = import_quotes(project, path, coder="anna")
    again = import_quotes(project, path, coder="anna")
    assert first.coding_ids == again.coding_ids and first.problems == again.problems
    assert len(project.codings()) == 3


def test_an_ambiguous_quote_without_an_occurrence_column(
    project: ProjectStore, tmp_path: Path
) -> None:
    path = write_csv(
        tmp_path / "q.csv",
        [["path", "quote", "code"], [P01, "I:", "vraag"], [P01, "Dat liep goed.", "begin"]],
    )
    report = import_quotes(project, path, coder="anna")
    assert [n for n, _ in report.problems] == [2]
    message = report.problems[0][1]
    assert "the quote occurs 2 times (#1 at character 11, #2 at character 125)" in message
    assert project.codings()["text"].tolist() == ["Dat liep goed."]


def test_xlsx_with_a_numeric_occurrence_column(project: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "q.xlsx"
    frame = pd.DataFrame(
        {"path": [P01, P01], "quote": ["I:", "I:"], "code": ["a", "b"], "occurrence": [2, None]}
    )
    assert frame["occurrence"].dtype == "float64"  # written as 2.0 and an empty cell
    frame.to_excel(path, index=False)
    report = import_quotes(project, path, coder="anna")
    assert [n for n, _ in report.problems] == [3]
    assert project.codings()["start_char"].tolist() == [125]


def test_the_coder_column_wins_over_the_coder_argument(
    project: ProjectStore, tmp_path: Path
) -> None:
    rows = [
        ["path", "quote", "code", "coder"],
        [P01, "Dat liep goed.", "begin", "bas"],
        [P01, "Dat samenwerken tijd kost.", "samen", ""],
    ]
    path = write_csv(tmp_path / "q.csv", rows)
    report = import_quotes(project, path, coder="anna")
    assert report.ok, report.problems
    assert project.codings()[["code", "coder"]].values.tolist() == [
        ["begin", "bas"],
        ["samen", "anna"],
    ]

    # without a coder argument the row with an empty coder cell is reported
    remove_codings(project, coder="anna")
    remove_codings(project, coder="bas")
    report = import_quotes(project, path)
    assert [n for n, _ in report.problems] == [3]
    assert "a coding needs a coder name" in report.problems[0][1]
    assert project.codings()["coder"].tolist() == ["bas"]


@pytest.mark.parametrize("coder", [None, "", "  "], ids=repr)
def test_no_coder_column_and_no_coder_name(
    project: ProjectStore, tmp_path: Path, coder: str | None
) -> None:
    path = write_csv(tmp_path / "q.csv", [["path", "quote", "code"], [P01, "Dat", "x"]])
    with pytest.raises(CodingError, match=r"no column coder \(or give a coder name\)") as err:
        import_quotes(project, path, coder=coder)
    assert str(err.value).startswith(f"{path}: ")
    assert n_rows(project, "codings") == 0


def test_the_memo_column(project: ProjectStore, tmp_path: Path) -> None:
    rows = [
        ["Path", "Quote", "Code", "Memo"],  # header case does not matter
        [P01, "Dat liep goed.", "begin", "Opvallend: 'liep', verleden tijd.\nTweede regel."],
        [P01, "Dat samenwerken tijd kost.", "samen", ""],
    ]
    report = import_quotes(project, write_csv(tmp_path / "q.csv", rows), coder="anna")
    assert report.ok
    assert project.codings()["memo"].tolist() == [
        "Opvallend: 'liep', verleden tijd.\nTweede regel.",
        "",
    ]


def test_row_numbers_count_blank_and_empty_rows_in_a_csv(
    project: ProjectStore, tmp_path: Path
) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        "path,quote,code\n"  # 1
        "\n"  # 2: a blank line
        f"{P01},een eetgroep,x\n"  # 3
        ",,\n"  # 4: an empty row
        f'{P01},"een zwembad\nin de buurt",x\n'  # 5: one row over two lines
        "P09.txt,iets,x\n"  # 6
        "   \n"  # 7: spaces only
        f"{P01},Dat liep niet,x\n",  # 8
        encoding="utf-8",
    )
    report = import_quotes(project, path, coder="anna")
    assert [n for n, _ in report.problems] == [5, 6, 8]
    assert project.codings()["text"].tolist() == ["een eetgroep"]


def test_row_numbers_count_empty_rows_in_an_xlsx(project: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "q.xlsx"
    rows = [
        [P01, "een eetgroep", "x"],  # 2
        [None, None, None],  # 3: empty
        ["P09.txt", "iets", "x"],  # 4
        [None, None, None],  # 5: empty
        [P01, "Dat liep niet", "x"],  # 6
    ]
    pd.DataFrame(rows, columns=["path", "quote", "code"]).to_excel(path, index=False)
    report = import_quotes(project, path, coder="anna")
    assert [n for n, _ in report.problems] == [4, 6]
    assert project.codings()["text"].tolist() == ["een eetgroep"]


def test_a_cp1252_semicolon_csv_with_dutch_diacritics(
    project: ProjectStore, tmp_path: Path
) -> None:
    rows = [
        ["path", "quote", "code", "memo"],
        [P02, "Ik kook één keer per week voor de coöperatie.", "koken", "één, twee; drie"],
        [P02, "Het geeft me plezier, zeker met de geïnterviewde buren.", "plezier", "café"],
    ]
    path = write_csv(tmp_path / "q.csv", rows, sep=";", encoding="cp1252")
    assert "één".encode("cp1252") in path.read_bytes()
    report = import_quotes(project, path, coder="anna")
    assert report.ok, report.problems
    codings = project.codings()
    assert codings["text"].tolist() == [rows[1][1], rows[2][1]]
    assert codings["memo"].tolist() == ["één, twee; drie", "café"]


def test_a_utf8_csv_with_a_byte_order_mark(project: ProjectStore, tmp_path: Path) -> None:
    rows = [["path", "quote", "code"], [VERSLAG, "één vaste kern", "kern"]]
    path = write_csv(tmp_path / "q.csv", rows, encoding="utf-8-sig")
    assert path.read_bytes().startswith(b"\xef\xbb\xbfpath,")
    report = import_quotes(project, path, coder="anna")
    assert report.ok, report.problems
    assert project.codings()["text"].tolist() == ["één vaste kern"]


def test_a_semicolon_csv_with_commas_and_quotes_in_cells(
    project: ProjectStore, tmp_path: Path
) -> None:
    path = tmp_path / "q.csv"
    path.write_text(
        "doc_id;quote;code\n"
        f"{doc_id(project, P02)};Het geeft me plezier, zeker met de;plezier\n"
        f'{doc_id(project, P01)};"We begonnen; met een ""eetgroep""";begin\n',
        encoding="utf-8",
    )
    report = import_quotes(project, path, coder="anna")
    assert project.codings()["text"].tolist() == ["Het geeft me plezier, zeker met de"]
    assert [n for n, _ in report.problems] == [3]
    assert "its first 1 of 5 words occur" in report.problems[0][1]


def test_formula_like_cells_are_plain_text(store: ProjectStore, tmp_path: Path) -> None:
    ingest_texts(
        tmp_path / "c",
        store,
        {"f.txt": "R: Typ =SOM(A1:A3) in de cel, of +31 6 bellen; -2 kan ook. @iedereen\n"},
    )
    hyperlink = '=HYPERLINK("http://example.org/x?a=1","klik hier")'
    rows = [
        ["path", "quote", "code", "memo"],
        ["f.txt", "=SOM(A1:A3) in de cel", "=cmd|' /C calc'!A0", hyperlink],
        ["f.txt", "+31 6 bellen", "+bellen", ""],
        ["f.txt", "-2 kan ook.", "-min", ""],
        ["f.txt", "@iedereen", "@groep", "=1+1"],
        ["f.txt", hyperlink, "link", ""],
    ]
    path = write_csv(tmp_path / "q.csv", rows)
    report = import_quotes(store, path, coder="anna")
    assert [n for n, _ in report.problems] == [6]
    assert "the quote is not in the document" in report.problems[0][1]
    codings = store.codings()
    assert codings[["text", "code", "memo"]].values.tolist() == [
        ["=SOM(A1:A3) in de cel", "=cmd|' /C calc'!A0", hyperlink],
        ["+31 6 bellen", "+bellen", ""],
        ["-2 kan ook.", "-min", ""],
        ["@iedereen", "@groep", "=1+1"],
    ]


def test_a_very_long_quote(store: ProjectStore, tmp_path: Path) -> None:
    answer = " ".join(f"woord{i}" for i in range(15_000))
    assert len(answer) > 131_072  # more than the csv module takes in one cell
    ingest_texts(tmp_path / "c", store, {"lang.txt": f"I: Vertel.\nR: {answer}\n"})
    rows = [
        ["path", "quote", "code"],
        ["lang.txt", answer, "alles"],
        ["lang.txt", "woord1 woord3", "mis"],
        ["lang.txt", answer[:2000].replace(" ", "\n  "), "begin"],
    ]
    report = import_quotes(store, write_csv(tmp_path / "q.csv", rows), coder="anna")
    assert [n for n, _ in report.problems] == [3]
    assert "its first 1 of 2 words occur" in report.problems[0][1]
    codings = store.codings()
    assert codings["text"].tolist() == [answer[:2000], answer]  # shorter first
    assert codings["start_char"].tolist() == [14, 14]


def test_an_empty_file(project: ProjectStore, tmp_path: Path) -> None:
    for content in (b"", b"\n\n  \n"):
        path = tmp_path / "leeg.csv"
        path.write_bytes(content)
        with pytest.raises(CodingError, match="the quotes file is empty") as err:
            import_quotes(project, path, coder="anna")
        assert str(err.value).startswith(f"{path}: ")


def test_a_header_only_file(project: ProjectStore, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "kop.csv", [["path", "quote", "code"]])
    report = import_quotes(project, path, coder="anna")
    assert (report.coding_ids, report.problems, report.ok) == ([], [], True)
    assert report.summary() == "kop.csv: 0 quotes coded, 0 rows could not be used"
    assert n_rows(project, "coding_runs") == 0


def test_missing_columns_are_listed(project: ProjectStore, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", [["document", "citaat", "label"], [P01, "Dat", "x"]])
    with pytest.raises(CodingError) as err:
        import_quotes(project, path)
    message = str(err.value)
    assert message.startswith(f"{path}: the quotes file has no column ")
    assert "no column quote, code, doc_id or path, coder (or give a coder name)" in message
    path = write_csv(tmp_path / "q2.csv", [["path", "citaat", "code"], [P01, "Dat", "x"]])
    with pytest.raises(CodingError, match="has no column quote;") as err:
        import_quotes(project, path, coder="anna")
    assert str(err.value).startswith(f"{path}: ")


def test_a_binary_file_named_csv(project: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "citaten.csv"
    path.write_bytes(b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)) * 8)
    with pytest.raises(CodingError, match="binary file") as err:
        import_quotes(project, path, coder="anna")
    assert str(err.value).startswith(f"{path}: ")


def test_a_text_file_named_xlsx(project: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "citaten.xlsx"
    path.write_text("path,quote,code\nP01.txt,Dat,x\n", encoding="utf-8")
    with pytest.raises(CodingError, match="could not be read as a table") as err:
        import_quotes(project, path, coder="anna")
    assert str(err.value).startswith(f"{path}: ")


@pytest.mark.parametrize("name", ["citaten.json", "citaten", "citaten.xls"])
def test_an_unsupported_suffix(project: ProjectStore, tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text('[{"path": "P01.txt", "quote": "Dat", "code": "x"}]', encoding="utf-8")
    with pytest.raises(CodingError, match="must be .csv or .xlsx") as err:
        import_quotes(project, path, coder="anna")
    assert str(err.value).startswith(f"{path}: ")


def test_a_missing_file(project: ProjectStore, tmp_path: Path) -> None:
    path = tmp_path / "nergens.csv"
    with pytest.raises(CodingError, match="does not exist") as err:
        import_quotes(project, path, coder="anna")
    assert str(err.value).startswith(f"{path}: ")


# -- transactions -------------------------------------------------------------------------------


def test_an_exception_inside_a_run_leaves_nothing(project: ProjectStore) -> None:
    did = doc_id(project, P01)
    run = CodingRun(project, coder="anna", origin="manual")
    with pytest.raises(RuntimeError, match="stroomstoring"), run:
        ids = run.add([Coding(did, 57, 70, "begin", "anna"), Coding(did, 0, 5, "x", "anna")])
        assert len(ids) == 2 and run.n_added == 2
        assert project.execute("SELECT count(*) FROM codings").fetchone()[0] == 2
        raise RuntimeError("stroomstoring")
    assert n_rows(project, "codings") == 0
    assert n_rows(project, "coding_runs") == 0
    # and the store is usable afterwards
    add_coding(project, did, 57, 70, "begin", coder="anna")
    assert len(project.codings()) == 1 and len(project.coding_runs()) == 1


def test_an_exception_after_a_removal_keeps_the_codings(project: ProjectStore) -> None:
    cid = add_coding(project, P01, 57, 70, "begin", coder="anna")
    run = CodingRun(project, coder="anna", origin="manual")
    with pytest.raises(KeyboardInterrupt), run:
        assert run.remove(coding_ids=[cid]) == 1
        raise KeyboardInterrupt
    assert project.codings()["coding_id"].tolist() == [cid]
    assert len(project.coding_runs()) == 1


def test_a_failing_outer_transaction_takes_the_manual_codings_with_it(
    project: ProjectStore,
) -> None:
    with pytest.raises(ValueError, match="later"), project.transaction():
        add_coding(project, P01, 57, 70, "begin", coder="anna")
        code_quote(project, P01, "Dat liep goed.", "begin", coder="anna")
        assert len(project.codings()) == 2
        raise ValueError("later")
    assert n_rows(project, "codings") == 0 and n_rows(project, "coding_runs") == 0


def test_a_run_cannot_write_after_its_block(project: ProjectStore) -> None:
    did = doc_id(project, P01)
    with CodingRun(project, coder="anna", origin="manual") as run:
        run.add([Coding(did, 57, 70, "begin", "anna")])
    with pytest.raises(RuntimeError, match="in a 'with' block"):
        run.add([Coding(did, 0, 5, "x", "anna")])
    with pytest.raises(RuntimeError, match="in a 'with' block"):
        run.remove()
    assert len(project.codings()) == 1
    assert project.coding_runs()["n_added"].tolist() == [1]


@pytest.mark.parametrize(
    "bad",
    [
        Coding("DOC", 9, 3, "x", "anna"),  # reversed span
        Coding("DOC", 3, 9, "", "anna"),  # no code
        Coding("DOC", 3, 9, "x", "anna", origin="gok"),  # unknown origin
        Coding("nope", 3, 9, "x", "anna"),  # unknown document
    ],
    ids=["reversed", "no-code", "origin", "document"],
)
def test_a_run_refuses_codings_the_schema_refuses(project: ProjectStore, bad: Coding) -> None:
    """No silent dropping: the run fails and writes nothing (its ids would be lies)."""
    did = doc_id(project, P01)
    if bad.doc_id == "DOC":
        bad = Coding(did, bad.start_char, bad.end_char, bad.code, bad.coder, origin=bad.origin)
    run = CodingRun(project, coder="anna", origin="manual")
    with pytest.raises(sqlite3.IntegrityError), run:
        run.add([Coding(did, 57, 70, "begin", "anna"), bad])
    assert n_rows(project, "codings") == 0 and n_rows(project, "coding_runs") == 0
