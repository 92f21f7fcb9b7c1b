"""Search over the whole store (issue 16): the FTS5 index, search(), sokwal search."""

from __future__ import annotations

import io
import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_sokwal

import sokwal_monitor as sm
from sokwal_monitor import ingest
from sokwal_monitor.analysis import SEARCH_COLUMNS, search
from sokwal_monitor.coding import add_coding, code_quote
from sokwal_monitor.errors import SearchQueryError, SokwalError
from sokwal_monitor.merging import merge_store
from sokwal_monitor.nlp import WORD, fold
from sokwal_monitor.privacy import pseudonymize
from sokwal_monitor.refi import export_qdpx, import_qdpx
from sokwal_monitor.store import ProjectStore
from sokwal_monitor.store.schema import APPLICATION_ID, MIGRATIONS

P01_2018 = (
    "I: Wat heeft u geleerd van het project?\n"
    "R: We leren elke week bij. De zorgboerderij en de zorgcoöperatie werken samen.\n"
    "I: En de vrijwilligers?\n"
    "R: Vrijwilligers zijn er genoeg 😀 vrijwilligers blijven komen. Eén keer per week.\n"
)
P02_2019 = (
    "Interviewer: Hoe gaat het in de buurt?\n"
    "Respondent: In de buurt is de sfeer goed, zegt Anja de Boer uit Markelo.\n"
    "Interviewer: En de school?\n"
    "Respondent: De school doet mee aan het buurtfeest. Samenwerken kost tijd.\n"
)
NOTES = "Losse notitie over de coöperatie en het e-mailadres van de buurt.\n"


def write(root: Path, files: dict[str, str]) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    return root


FILES = {"P01_2018_interview.txt": P01_2018, "P02_2019_interview.txt": P02_2019, "notes.txt": NOTES}


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    return write(tmp_path / "corpus", FILES)


@pytest.fixture
def store(tmp_path: Path, corpus: Path) -> Iterator[ProjectStore]:
    with ProjectStore(tmp_path / "s.sokwal") as the_store:
        assert ingest(the_store, corpus).exit_code == 0
        yield the_store


def hits(store: ProjectStore, query: str, **kwargs: object) -> list[str]:
    return search(store, query, **kwargs)["hit"].tolist()  # type: ignore[arg-type]


def check_offsets(store: ProjectStore, frame: pd.DataFrame) -> None:
    """Every hit is the exact span of the stored text, inside its segment."""
    segments = store.segments().set_index("segment_id")
    for row in frame.itertuples():
        text = store.text(row.doc_id)
        assert text[row.start_char : row.end_char] == row.hit
        assert text[: row.start_char].endswith(row.before)
        assert text[row.end_char :].startswith(row.after)
        seg = segments.loc[row.segment_id]
        assert seg.start_char <= row.start_char < row.end_char <= seg.end_char


# -- the query language ------------------------------------------------------------------
def test_a_word_gives_every_occurrence_as_an_exact_span(store: ProjectStore) -> None:
    frame = search(store, "vrijwilligers")
    assert list(frame.columns) == SEARCH_COLUMNS
    assert frame["hit"].tolist() == ["vrijwilligers", "Vrijwilligers", "vrijwilligers"]
    assert frame["role"].tolist() == ["interviewer", "respondent", "respondent"]
    assert set(frame["project_id"]) == {"P01"} and set(frame["wave"]) == {"2018"}
    assert (frame["score"] > 0).all()
    check_offsets(store, frame)


def test_offsets_count_code_points_after_an_emoji(store: ProjectStore) -> None:
    frame = search(store, "blijven")
    check_offsets(store, frame)
    assert frame["before"].iloc[0].endswith("😀 vrijwilligers ")


def test_phrase_needs_the_words_in_order(store: ProjectStore) -> None:
    assert hits(store, '"de buurt"') == ["de buurt", "de buurt", "de buurt"]
    assert hits(store, '"buurt de"') == []
    assert hits(store, '"werken samen"') == ["werken samen"]
    check_offsets(store, search(store, '"in de buurt"'))


def test_lemma_search_finds_other_forms(store: ProjectStore) -> None:
    assert hits(store, "geleerd") == ["geleerd"]
    assert hits(store, "geleerd", lemma=True) == ["geleerd", "leren"]
    assert hits(store, "leren", lemma=True) == ["geleerd", "leren"]
    assert sorted(hits(store, "vrijwilliger", lemma=True)) == [
        "Vrijwilligers", "vrijwilligers", "vrijwilligers",
    ]  # fmt: skip
    assert hits(store, "vrijwilliger") == []
    check_offsets(store, search(store, '"heeft u geleerd"', lemma=True))


def test_wildcard_finds_word_beginnings(store: ProjectStore) -> None:
    assert hits(store, "zorg*") == ["zorgboerderij", "zorgcoöperatie"]
    assert hits(store, "buurt*") == ["buurt", "buurt", "buurtfeest", "buurt"]
    assert hits(store, '"de zorg"*') == ["De zorgboerderij", "de zorgcoöperatie"]


def test_case_and_accents_do_not_matter(store: ProjectStore) -> None:
    assert hits(store, "een") == ["Eén"]
    assert hits(store, "COOPERATIE") == ["coöperatie"]
    assert hits(store, "zorgcooperatie") == ["zorgcoöperatie"]


def test_several_words_or_and_not(store: ProjectStore) -> None:
    frame = search(store, "school samenwerken")  # both in one segment
    assert frame["hit"].tolist() == ["school", "Samenwerken"]
    assert frame["segment_id"].nunique() == 1
    assert hits(store, "school AND buurt") == []
    assert hits(store, "school OR zorgboerderij") == ["zorgboerderij", "school", "school"]
    assert hits(store, "school -buurtfeest") == ["school"]
    assert hits(store, "school NOT buurtfeest") == ["school"]
    assert hits(store, "(school OR sfeer) buurt") == ["buurt", "sfeer"]
    assert hits(store, "(school OR sfeer) (buurt OR buurtfeest)") == [
        "buurt", "sfeer", "school", "buurtfeest",
    ]  # fmt: skip


def test_punctuation_inside_a_word_makes_a_phrase(store: ProjectStore) -> None:
    assert hits(store, "e-mailadres") == ["e-mailadres"]
    assert hits(store, '"e mailadres"') == ["e-mailadres"]
    assert hits(store, "e mailadres") == ["e", "mailadres"]  # two words, both found


@pytest.mark.parametrize(
    "query",
    [
        "", "   ", '"de buurt', 'de "buurt', "*", "zo*rg", "**",
        "(", ")", "(buurt", "buurt)", "()", "OR", "buurt OR", "OR buurt", "NOT buurt", "NEAR(",
        "-buurt", "AND", '""', '" "', "!!!", "buurt NOT", "a" + " b" * 100,
    ],
)  # fmt: skip
def test_hostile_queries_say_how_to_write_one(store: ProjectStore, query: str) -> None:
    with pytest.raises(SearchQueryError) as info:
        search(store, query)
    assert isinstance(info.value, ValueError) and isinstance(info.value, SokwalError)
    assert '"an exact phrase"' in str(info.value)


@pytest.mark.parametrize(
    "query",
    [
        "'; DROP TABLE documents; --", 'buurt" OR 1=1 --', "rowid:1", "text : buurt",
        "{text lemmas}: buurt", "buurt^", "NEAR(de buurt, 2)", "NEAR/2", "x" * 10_000, "🙂", "snake_case",
    ],
)  # fmt: skip
def test_sql_and_fts_syntax_in_a_query_are_just_words(store: ProjectStore, query: str) -> None:
    try:
        frame = search(store, query)
    except SearchQueryError:
        frame = None  # refused with a message is fine too; never an SQLite error
    if frame is not None:
        check_offsets(store, frame)
    assert len(store.documents()) == 3
    store.check_search_index()


def test_not_a_string_is_refused(store: ProjectStore) -> None:
    with pytest.raises(SearchQueryError):
        search(store, None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="context"):
        search(store, "buurt", context=-1)
    with pytest.raises(ValueError, match="limit"):
        search(store, "buurt", limit=-1)
    with pytest.raises(ValueError, match="order"):
        search(store, "buurt", order="random")


# -- filters, limit, context, order --------------------------------------------------
def test_filters_on_project_wave_role(store: ProjectStore) -> None:
    assert set(search(store, "de", project_id="P02")["project_id"]) == {"P02"}
    assert set(search(store, "de", wave=2018)["wave"]) == {"2018"}
    assert set(search(store, "de", wave=["2019"])["wave"]) == {"2019"}
    roles = search(store, "de", role="interviewer")["role"]
    assert set(roles) == {"interviewer"} and len(roles) == 3
    assert set(search(store, "de", role="")["path"]) == {"notes.txt"}
    assert search(store, "de", project_id="P99").empty


def test_filters_on_codings(store: ProjectStore) -> None:
    code_quote(store, "P02_2019_interview.txt", "sfeer goed", "sfeer", coder="anna")
    code_quote(store, "P02_2019_interview.txt", "buurtfeest", "samen", coder="bas")
    assert search(store, "buurt", code="sfeer")["hit"].tolist() == ["buurt"]
    assert search(store, "buurt", coder="bas").empty
    assert search(store, "school", coder="bas")["hit"].tolist() == ["school"]
    assert search(store, "school", coder="anna").empty
    both = search(store, "de", project_id="P02")
    coded = search(store, "de", project_id="P02", coded=True)
    uncoded = search(store, "de", project_id="P02", coded=False)
    assert len(coded) + len(uncoded) == len(both) and len(coded) > 0
    assert not set(coded["segment_id"]) & set(uncoded["segment_id"])
    not_anna = search(store, "de", project_id="P02", coder="anna", coded=False)
    assert set(not_anna["segment_id"]) == set(both["segment_id"]) - set(
        search(store, "de", coder="anna")["segment_id"]
    )


def test_limit_context_and_order(store: ProjectStore) -> None:
    assert len(search(store, "de", limit=2)) == 2
    assert search(store, "de", limit=0).empty
    all_hits = search(store, "de")
    assert (
        search(store, "de", limit=3)["start_char"].tolist() == all_hits["start_char"][:3].tolist()
    )
    assert (search(store, "de", context=0)[["before", "after"]] == "").all().all()
    wide = search(store, "zorgboerderij", context=1000)
    assert wide["before"].iloc[0] == P01_2018[: wide["start_char"].iloc[0]]
    ranked = search(store, "buurt", order="rank")
    assert ranked["score"].is_monotonic_decreasing
    assert sorted(ranked["start_char"]) == sorted(search(store, "buurt")["start_char"])


def test_no_hits_is_an_empty_table_with_the_columns(store: ProjectStore, tmp_path: Path) -> None:
    frame = search(store, "olifant")
    assert frame.empty and list(frame.columns) == SEARCH_COLUMNS
    assert frame["start_char"].dtype == "int64"
    with ProjectStore(tmp_path / "leeg.sokwal") as empty:
        assert search(empty, "buurt").empty


def test_search_is_on_the_public_face(store: ProjectStore) -> None:
    assert "search" in sm.__all__ and sm.search is search
    assert sm.search(store.path, "zorg*")["hit"].tolist() == ["zorgboerderij", "zorgcoöperatie"]


def test_every_word_is_found_where_a_plain_scan_finds_it(store: ProjectStore) -> None:
    """The index and the re-finding agree with a scan of the text, word by word."""
    segments = store.segments()
    vocabulary = sorted({fold(w) for t in segments["text"] for w in WORD.findall(t)})
    assert len(vocabulary) > 50
    for word in vocabulary:
        expected = sorted(
            (row.segment_id, row.start_char + m.start())
            for row in segments.itertuples()
            for m in WORD.finditer(row.text)
            if fold(m.group()) == word
        )
        frame = search(store, word, context=0)
        assert sorted(zip(frame["segment_id"], frame["start_char"], strict=True)) == expected, word


# -- the index stays in step ---------------------------------------------------------------
def test_a_changed_file_replaces_its_entries(store: ProjectStore, corpus: Path) -> None:
    (corpus / "notes.txt").write_text("Nieuwe notitie over de bibliotheek.\n", encoding="utf-8")
    ingest(store, corpus)
    assert hits(store, "bibliotheek") == ["bibliotheek"]
    assert hits(store, "mailadres") == []  # only in the earlier version
    assert len(store.documents(all_versions=True)) == 4
    store.check_search_index()
    (corpus / "notes.txt").write_text(NOTES, encoding="utf-8")  # the old content back
    ingest(store, corpus)
    assert hits(store, "mailadres") == ["mailadres"]
    assert hits(store, "bibliotheek") == []
    store.check_search_index()
    assert store.unindexed_documents() == []


def test_pseudonymization_replaces_names_in_the_index(tmp_path: Path, store: ProjectStore) -> None:
    assert hits(store, "Anja") == ["Anja"]
    report = pseudonymize(store, tmp_path / "sleutel" / "k.sokwal-key")
    assert report.changed
    assert search(store, "Anja").empty and search(store, "Boer").empty
    assert search(store, "Anja", lemma=True).empty
    assert hits(store, "Markelo") == ["Markelo"]  # a place: kept (issue 14)
    text = store.text(store.documents(project_id="P02")["doc_id"].iloc[0])
    pseudonyms = [w for w in WORD.findall(text) if w.isupper() and len(w) > 2]
    assert pseudonyms, text
    found = search(store, pseudonyms[0])
    assert len(found) > 0
    check_offsets(store, found)
    check_offsets(store, search(store, "buurt"))
    store.check_search_index()
    data = b"".join(p.read_bytes() for p in tmp_path.glob("s.sokwal*")).lower()
    assert b"anja" not in data and b"de boer" not in data


def test_a_merge_brings_codings_the_filters_see(tmp_path: Path, corpus: Path) -> None:
    mine, theirs = tmp_path / "mine.sokwal", tmp_path / "theirs.sokwal"
    for path in (mine, theirs):
        with ProjectStore(path) as s:
            ingest(s, corpus)
    with ProjectStore(theirs) as s:
        code_quote(s, "P02_2019_interview.txt", "buurtfeest", "samen", coder="bas")
    with ProjectStore(mine) as s:
        assert search(s, "school", coder="bas").empty
        merge_store(s, theirs)
        coded = search(s, "school", coder="bas")
        uncoded = search(s, "school", coder="bas", coded=False)
        assert coded["hit"].tolist() == uncoded["hit"].tolist() == ["school"]
        assert coded["role"].tolist() == ["respondent"]  # the turn bas coded
        assert uncoded["role"].tolist() == ["interviewer"]
        s.check_search_index()


def test_a_refi_import_is_searchable(tmp_path: Path, store: ProjectStore) -> None:
    add_coding(store, store.documents()["doc_id"].iloc[0], 0, 5, "x", coder="anna")
    qdpx = export_qdpx(store, tmp_path / "p.qdpx")
    with ProjectStore(tmp_path / "other.sokwal") as other:
        import_qdpx(other, qdpx)
        frame = search(other, "zorg*")
        assert frame["hit"].tolist() == ["zorgboerderij", "zorgcoöperatie"]
        assert frame["path"].str.startswith("qdpx/").all()
        check_offsets(other, frame)
        assert hits(other, "geleerd", lemma=True) == ["geleerd", "leren"]
        other.check_search_index()


def test_an_old_store_gets_its_index_when_opened(tmp_path: Path) -> None:
    path = tmp_path / "oud.sokwal"
    con = sqlite3.connect(path)  # a store as schema 4 left it: one document, two segments
    for script in MIGRATIONS[:4]:
        con.executescript(script)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 4")
    text = "I: Wat is er geleerd?\nR: Dat leren tijd kost.\n"
    con.execute(
        "INSERT INTO documents (doc_id, path, kind, format, n_chars, sha256, text, ingested_at,"
        " project_id) VALUES ('d1', 'a.txt', 'interview', 'txt', ?, 'abc', ?, 'toen', NULL)",
        (len(text), text),
    )
    con.executemany(
        "INSERT INTO segments (doc_id, position, speaker, role, start_char, end_char)"
        " VALUES ('d1', ?, ?, ?, ?, ?)",
        [(0, "I", "interviewer", 0, 21), (1, "R", "respondent", 22, len(text) - 1)],
    )
    con.commit()
    con.close()
    with ProjectStore(path) as store:
        assert store.schema_version == len(MIGRATIONS) >= 5
        frame = search(store, "leren", lemma=True)
        assert frame["hit"].tolist() == ["geleerd", "leren"]
        check_offsets(store, frame)
        store.check_search_index()


def _in_document_order(store: ProjectStore, frame: pd.DataFrame) -> None:
    """Hits are ordered by path, then position in the text: as a sort of all of them."""
    docs = store.documents().set_index("doc_id")["path"]
    keys = [(docs[d], s) for d, s in zip(frame["doc_id"], frame["start_char"], strict=True)]
    assert keys == sorted(keys)


def test_document_order_holds_as_documents_come_and_go(tmp_path: Path) -> None:
    """The index's rowid order is document order (schema 9): documents ingested in
    reverse path order, one at a time, a new version of one, one between two others,
    and a renumbering when there is no room left between two keys."""
    from sokwal_monitor.store import search as ops

    path = tmp_path / "s.sokwal"
    with ProjectStore(path) as store:
        for name in ("e", "c", "a", "d", "b"):
            write(tmp_path / name, {f"{name}.txt": f"R: De buurt {name}. De buurt weer.\n"})
            ingest(store, tmp_path / name)
        frame = search(store, "buurt")
        assert [p[0] for p in frame["path"]] == list("aabbccddee")
        _in_document_order(store, frame)
        assert frame.equals(search(store, "buurt", order="index"))
        for i in range(1, 4):  # pages of a document-ordered table, without a sort
            assert search(store, "buurt", limit=i).equals(frame.head(i).reset_index(drop=True))
        # a new version of c: it keeps its place
        write(tmp_path / "c", {"c.txt": "R: De buurt c, nieuw. De buurt weer.\n"})
        ingest(store, tmp_path / "c")
        _in_document_order(store, search(store, "buurt"))
        # no room between a and b: every key is renumbered, the order holds
        keys = dict(store.query("SELECT path, sort_key FROM search_documents").values.tolist())
        store._con.execute(
            "UPDATE search_documents SET sort_key = ? WHERE path = 'b.txt'", (keys["a.txt"] + 1,)
        )
        store._con.execute(
            "UPDATE search_segments SET id = (? << ?) + position"
            " WHERE doc_id IN (SELECT doc_id FROM search_documents WHERE path = 'b.txt')",
            (keys["a.txt"] + 1, ops.POSITION_BITS),
        )
        store._con.execute("INSERT INTO search_index (search_index) VALUES ('rebuild')")
        write(tmp_path / "ab", {"ab.txt": "R: De buurt ab.\n"})
        ingest(store, tmp_path / "ab")
        frame = search(store, "buurt")
        assert [p.split(".")[0] for p in frame["path"]][:4] == ["a", "a", "ab", "b"]
        _in_document_order(store, frame)
        store.check_search_index()
        keys = store.query("SELECT path, sort_key FROM search_documents ORDER BY path")
        assert keys["sort_key"].is_monotonic_increasing
        others = keys[keys["path"] != "ab.txt"]["sort_key"]  # renumbered: evenly spaced
        assert others.diff().dropna().nunique() == 1


def test_a_store_of_schema_8_gets_its_index_in_document_order(tmp_path: Path) -> None:
    path = tmp_path / "s.sokwal"
    con = sqlite3.connect(path)
    for script in MIGRATIONS[:8]:
        con.executescript(script)
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 8")
    for doc_id, name in (("d1", "z.txt"), ("d2", "a.txt")):
        text = "R: Dat leren tijd kost.\n"
        con.execute(
            "INSERT INTO documents (doc_id, path, kind, format, n_chars, sha256, text,"
            " ingested_at) VALUES (?, ?, 'interview', 'txt', ?, ?, ?, 'toen')",
            (doc_id, name, len(text), doc_id, text),
        )
        con.execute(
            "INSERT INTO segments (doc_id, position, speaker, role, start_char, end_char)"
            " VALUES (?, 0, 'R', 'respondent', 0, ?)",
            (doc_id, len(text) - 1),
        )
    con.commit()
    con.close()
    with ProjectStore(path) as store:
        assert store.schema_version == len(MIGRATIONS) >= 11
        assert search(store, "leren")["path"].tolist() == ["a.txt", "z.txt"]
        store.check_search_index()


def test_a_failed_ingest_leaves_the_index_as_it_was(store: ProjectStore) -> None:
    before = search(store, "buurt")
    with pytest.raises(RuntimeError), store.transaction():
        store.unindex_documents(store.documents()["doc_id"])
        raise RuntimeError("interrupted")
    pd.testing.assert_frame_equal(search(store, "buurt"), before)
    store.check_search_index()


# -- sokwal search ------------------------------------------------------------------------
def test_cli_table_csv_json(store: ProjectStore) -> None:
    path = store.path
    result = run_sokwal("search", "zorg*", "--store", path)
    assert result.returncode == 0, result.stderr
    assert "»zorgboerderij«" in result.stdout and "2 hits in 1 segments" in result.stdout
    result = run_sokwal("search", "geleerd", "--lemma", "--store", path, "--format", "csv")
    assert result.returncode == 0, result.stderr
    table = pd.read_csv(io.StringIO(result.stdout), keep_default_na=False)
    assert list(table.columns) == SEARCH_COLUMNS
    assert table["hit"].tolist() == ["geleerd", "leren"]
    result = run_sokwal(
        "search", "de", "--store", path, "--format", "json", "--project", "P02",
        "--role", "respondent", "--limit", "2", "--context", "5",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    rows = json.loads(result.stdout)
    assert len(rows) == 2 and {r["project_id"] for r in rows} == {"P02"}
    assert all(len(r["before"]) <= 5 for r in rows)


def test_cli_coded_uncoded_and_no_hits(store: ProjectStore) -> None:
    code_quote(store, "P02_2019_interview.txt", "buurtfeest", "samen", coder="bas")
    path = store.path
    coded = run_sokwal("search", "de", "--store", path, "--code", "samen", "--format", "csv")
    uncoded = run_sokwal(
        "search", "de", "--store", path, "--code", "samen", "--uncoded", "--format", "csv"
    )
    assert coded.returncode == uncoded.returncode == 0
    coded_hits = pd.read_csv(io.StringIO(coded.stdout), keep_default_na=False)
    uncoded_hits = pd.read_csv(io.StringIO(uncoded.stdout), keep_default_na=False)
    assert coded_hits["hit"].tolist() == ["De"]  # "De school doet mee aan het buurtfeest."
    assert len(uncoded_hits) == len(search(store, "de")) - 1
    none = run_sokwal("search", "olifant", "--store", path)
    assert none.returncode == 0 and none.stdout == "" and "no hits" in none.stderr
    dash = run_sokwal("search", "--store", path, "--", "-school")
    assert dash.returncode == 2 and dash.stderr.startswith("error: ")


def test_cli_bad_usage_is_exit_2_with_one_error_line(store: ProjectStore, tmp_path: Path) -> None:
    result = run_sokwal("search", '"de buurt', "--store", store.path)
    assert result.returncode == 2
    assert result.stderr.startswith(f"error: {store.path}: ") and "double quote" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    missing = run_sokwal("search", "buurt", "--store", tmp_path / "nergens.sokwal")
    assert missing.returncode == 2 and missing.stderr.startswith("error: ")
    both = run_sokwal("search", "buurt", "--store", store.path, "--coded", "--uncoded")
    assert both.returncode == 2
    assert run_sokwal("search", "buurt", "--store", store.path, "--limit", "-1").returncode == 2
