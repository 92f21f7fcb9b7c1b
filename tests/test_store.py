"""ProjectStore: schema, pragmas, refusing files that are not stores, transactions, tables."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor.errors import StoreError
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.model import TABLE_COLUMNS
from sokwal_monitor.store import ProjectStore, open_store
from sokwal_monitor.store.schema import APPLICATION_ID, MIGRATIONS


def _add_project(store: ProjectStore, project_id: str) -> None:
    store.execute(
        "INSERT INTO projects (project_id, updated_at) VALUES (?, '2024-01-01')", (project_id,)
    )


def _project_ids(store: ProjectStore) -> list[str]:
    return [r[0] for r in store.execute("SELECT project_id FROM projects ORDER BY 1")]


# -- creation and pragmas -------------------------------------------------------------


def test_new_store_has_the_latest_schema_version(store: ProjectStore) -> None:
    assert store.schema_version == len(MIGRATIONS) >= 2
    assert store.execute("PRAGMA user_version").fetchone()[0] == len(MIGRATIONS)
    info = dict(store.execute("SELECT key, value FROM store_info").fetchall())
    assert info["schema_version"] == str(len(MIGRATIONS))
    assert info["written_by"].startswith("sokwal-monitor ")


def test_an_old_store_is_migrated_and_keeps_its_data(tmp_path: Path) -> None:
    path = tmp_path / "oud.sokwal"
    con = sqlite3.connect(path)  # a store as schema 1 left it
    con.executescript(MIGRATIONS[0])
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 1")
    con.execute(
        "INSERT INTO documents (doc_id, path, kind, format, n_chars, sha256, text, ingested_at)"
        " VALUES ('d1', 'a.txt', 'other', 'txt', 5, 'abc', 'tekst', 'toen')"
    )
    con.commit()
    con.close()
    with ProjectStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)
        docs = store.documents()
        assert docs["doc_id"].tolist() == ["d1"]
        assert docs["pseudonymized_at"].isna().all()
        assert store.query("SELECT * FROM pseudonymizations").empty
        assert store.codings().empty and store.memos().empty  # schema 3 is there too


def test_codings_follow_the_schema_rules(store: ProjectStore) -> None:
    store.execute(
        "INSERT INTO documents (doc_id, path, kind, format, n_chars, sha256, text, ingested_at)"
        " VALUES ('d1', 'a.txt', 'other', 'txt', 5, 'abc', 'tekst', 'toen')"
    )
    store.execute(
        "INSERT INTO segments (doc_id, position, start_char, end_char) VALUES ('d1', 3, 0, 5)"
    )
    insert = (
        "INSERT INTO codings (coding_id, doc_id, segment_position, start_char, end_char, code,"
        " coder, origin, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'nu')"
    )
    store.execute(insert, ("c1", "d1", 3, 1, 4, "x", "anna", "manual"))
    assert store.codings()[["segment_id", "text"]].values.tolist() == [["d1-00003", "eks"]]
    bad = [
        ("c2", "d1", 3, 4, 1, "x", "anna", "manual"),  # end before start
        ("c3", "d1", 3, 1, 4, "", "anna", "manual"),  # no code
        ("c4", "d1", 3, 1, 4, "x", "", "manual"),  # no coder
        ("c5", "d1", 3, 1, 4, "x", "anna", "guess"),  # unknown origin
        ("c6", "nope", 3, 1, 4, "x", "anna", "manual"),  # unknown document
    ]
    for row in bad:
        with pytest.raises(sqlite3.IntegrityError):
            store.execute(insert, row)
    store.execute("DELETE FROM documents WHERE doc_id = 'd1'")
    assert store.query("SELECT * FROM codings").empty  # deleted with their document


def test_new_store_pragmas(store: ProjectStore) -> None:
    assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal"
    assert store.execute("PRAGMA application_id").fetchone()[0] == APPLICATION_ID
    assert int.from_bytes(b"SKWL", "big") == APPLICATION_ID


def test_application_id_is_in_the_file_header(tmp_path: Path) -> None:
    path = tmp_path / "p.sokwal"
    ProjectStore(path).close()
    header = path.read_bytes()[:100]
    assert header.startswith(b"SQLite format 3\x00")
    assert header[68:72] == b"SKWL"  # application_id, big-endian, at offset 68


def test_foreign_keys_are_enforced(store: ProjectStore) -> None:
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as con:
        con.execute(
            "INSERT INTO segments (doc_id, position, start_char, end_char)"
            " VALUES ('no-such-doc', 0, 0, 1)"
        )
    assert store.execute("SELECT count(*) FROM segments").fetchone()[0] == 0


def test_segment_ids_are_derived_from_document_and_position(store: ProjectStore) -> None:
    with store.transaction() as con:
        con.execute(
            "INSERT INTO documents (doc_id, path, kind, format, n_chars, sha256, text,"
            " ingested_at) VALUES ('abc', 'a.txt', 'other', 'txt', 3, 'f00', 'één', 'nu')"
        )
        con.execute(
            "INSERT INTO segments (doc_id, position, start_char, end_char) VALUES ('abc', 7, 0, 3)"
        )
    segments = store.segments()
    assert segments[["segment_id", "text"]].values.tolist() == [["abc-00007", "één"]]
    with pytest.raises(sqlite3.IntegrityError), store.transaction() as con:  # one per position
        con.execute(
            "INSERT INTO segments (doc_id, position, start_char, end_char) VALUES ('abc', 7, 0, 1)"
        )


def test_store_creates_missing_parent_folders(tmp_path: Path) -> None:
    path = tmp_path / "a" / "b" / "project.sokwal"
    with ProjectStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)
    assert path.is_file()


def test_reopening_keeps_data_and_does_not_migrate_again(tmp_path: Path) -> None:
    path = tmp_path / "p.sokwal"
    with ProjectStore(path) as store, store.transaction():
        _add_project(store, "P01")
    with ProjectStore(path, create=False) as store:
        assert _project_ids(store) == ["P01"]
        assert store.schema_version == len(MIGRATIONS)
        assert store.execute("SELECT count(*) FROM store_info").fetchone()[0] == 2
        assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1


def test_a_second_connection_sees_committed_changes(tmp_path: Path) -> None:
    path = tmp_path / "p.sokwal"
    with ProjectStore(path) as first, ProjectStore(path) as second:
        with first.transaction():
            _add_project(first, "P07")
        assert _project_ids(second) == ["P07"]


def test_open_store_returns_the_same_object_or_opens_a_path(tmp_path: Path) -> None:
    with ProjectStore(tmp_path / "p.sokwal") as store:
        assert open_store(store) is store
    opened = open_store(tmp_path / "p.sokwal", create=False)
    try:
        assert isinstance(opened, ProjectStore)
        assert opened is not store
        assert opened.path == tmp_path / "p.sokwal"
    finally:
        opened.close()


# -- files that are not (usable) stores ---------------------------------------------------


def _random_bytes(path: Path) -> None:
    path.write_bytes(os.urandom(4096))


def _text_file(path: Path) -> None:
    path.write_text("project_id,naam\nP01,Samen aan tafel\n" * 50, encoding="utf-8")


def _other_sqlite(path: Path) -> None:
    con = sqlite3.connect(path)
    con.execute("CREATE TABLE vogels (naam TEXT)")
    con.execute("INSERT INTO vogels VALUES ('merel')")
    con.commit()
    con.close()


@pytest.mark.parametrize("make", [_random_bytes, _text_file, _other_sqlite])
def test_a_file_that_is_not_a_store_is_refused_and_left_alone(tmp_path: Path, make) -> None:
    path = tmp_path / "niet een store.sokwal"
    make(path)
    before = path.read_bytes()
    with pytest.raises(StoreError) as info:
        ProjectStore(path)
    assert str(path) in str(info.value)
    assert info.value.path == str(path)
    assert "not a sokwal-monitor project store" in str(info.value)
    # the file is not changed in any way (not migrated, not switched to WAL) ...
    assert path.read_bytes() == before
    # ... and no WAL/SHM files are left next to it
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_other_programs_sqlite_database_still_works_after_refusal(tmp_path: Path) -> None:
    path = tmp_path / "vogels.db"
    _other_sqlite(path)
    with pytest.raises(StoreError):
        ProjectStore(path)
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT naam FROM vogels").fetchall() == [("merel",)]
        assert con.execute("PRAGMA journal_mode").fetchone()[0].lower() == "delete"
        assert con.execute("PRAGMA application_id").fetchone()[0] == 0
    finally:
        con.close()


def test_a_store_from_a_newer_version_asks_to_upgrade(tmp_path: Path) -> None:
    path = tmp_path / "nieuw.sokwal"
    ProjectStore(path).close()
    con = sqlite3.connect(path)
    con.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    con.commit()
    con.close()
    with pytest.raises(StoreError) as info:
        ProjectStore(path)
    message = str(info.value)
    assert str(path) in message
    assert "newer" in message
    assert "upgrade sokwal-monitor" in message


def test_create_false_on_a_missing_path_raises_and_creates_nothing(tmp_path: Path) -> None:
    path = tmp_path / "sub" / "ontbreekt.sokwal"
    with pytest.raises(StoreError) as info:
        ProjectStore(path, create=False)
    assert str(path) in str(info.value)
    assert not path.exists()
    assert not path.parent.exists()


def test_a_folder_as_store_path_raises(tmp_path: Path) -> None:
    folder = tmp_path / "map.sokwal"
    folder.mkdir()
    with pytest.raises(StoreError) as info:
        ProjectStore(folder)
    assert str(folder) in str(info.value)
    assert "folder" in str(info.value)


def test_an_empty_file_becomes_a_new_store(tmp_path: Path) -> None:
    path = tmp_path / "leeg.sokwal"
    path.write_bytes(b"")
    with ProjectStore(path) as store:
        assert store.schema_version == len(MIGRATIONS)


# -- transactions -------------------------------------------------------------------


def test_transaction_commits(store: ProjectStore) -> None:
    with store.transaction():
        _add_project(store, "P01")
    assert _project_ids(store) == ["P01"]


@pytest.mark.parametrize("exc", [RuntimeError, KeyboardInterrupt])
def test_transaction_rolls_back_on_an_exception(store: ProjectStore, exc) -> None:
    with pytest.raises(exc), store.transaction():
        _add_project(store, "P01")
        _add_project(store, "P02")
        raise exc("stop")
    assert _project_ids(store) == []
    # the store is usable afterwards: a new transaction starts and commits
    with store.transaction():
        _add_project(store, "P03")
    assert _project_ids(store) == ["P03"]


def test_failed_inner_savepoint_keeps_outer_work(store: ProjectStore) -> None:
    with store.transaction():
        _add_project(store, "P01")
        with pytest.raises(ValueError), store.transaction():
            _add_project(store, "P02")
            raise ValueError("inner")
        _add_project(store, "P03")
        with store.transaction():
            _add_project(store, "P04")
    assert _project_ids(store) == ["P01", "P03", "P04"]


def test_outer_failure_rolls_back_committed_inner_savepoints(store: ProjectStore) -> None:
    with pytest.raises(RuntimeError), store.transaction():
        _add_project(store, "P01")
        with store.transaction():
            _add_project(store, "P02")
        raise RuntimeError("outer")
    assert _project_ids(store) == []


def test_doubly_nested_savepoints(store: ProjectStore) -> None:
    with store.transaction():
        _add_project(store, "A")
        with store.transaction():
            _add_project(store, "B")
            with pytest.raises(LookupError), store.transaction():
                _add_project(store, "C")
                raise LookupError
            _add_project(store, "D")
    assert _project_ids(store) == ["A", "B", "D"]


def test_rolled_back_work_is_not_on_disk(tmp_path: Path) -> None:
    path = tmp_path / "p.sokwal"
    with ProjectStore(path) as store:
        with store.transaction():
            _add_project(store, "P01")
        with pytest.raises(RuntimeError), store.transaction():
            _add_project(store, "P02")
            raise RuntimeError
    con = sqlite3.connect(path)
    try:
        assert con.execute("SELECT project_id FROM projects").fetchall() == [("P01",)]
    finally:
        con.close()


# -- tidy tables -----------------------------------------------------------------------


@pytest.mark.parametrize("name", ["documents", "segments", "projects"])
def test_empty_store_tables_have_contract_columns_first(store: ProjectStore, name: str) -> None:
    frame = store.table(name)
    assert isinstance(frame, pd.DataFrame)
    assert frame.empty
    contract = TABLE_COLUMNS[name]
    assert list(frame.columns[: len(contract)]) == contract


@pytest.mark.parametrize("name", ["documents", "segments", "projects"])
def test_filled_store_tables_have_contract_columns_first(
    store: ProjectStore, corpus: Path, name: str
) -> None:
    ingest(store, corpus)
    frame = store.table(name)
    assert len(frame) > 0
    contract = TABLE_COLUMNS[name]
    assert list(frame.columns[: len(contract)]) == contract


def test_documents_columns_and_types(store: ProjectStore, corpus: Path) -> None:
    ingest(store, corpus)
    docs = store.documents()
    for col in ["respondent_role", "version", "is_current", "ingested_at"]:
        assert col in docs.columns
    assert "text" not in docs.columns
    assert "attributes" not in docs.columns
    assert docs["is_current"].dtype == bool
    assert set(docs["kind"]) <= {"interview", "report", "survey", "other"}
    assert (docs["doc_id"] == docs["sha256"].str[:16]).all()
    assert docs["sha256"].str.fullmatch(r"[0-9a-f]{64}").all()
    assert docs["doc_id"].is_unique
    with_text = store.documents(with_text=True)
    assert (with_text["text"].str.len() == with_text["n_chars"]).all()


def test_segments_columns_and_types(store: ProjectStore, corpus: Path) -> None:
    ingest(store, corpus)
    segs = store.segments()
    assert segs["start_time"].dtype == "float64"
    assert segs["end_time"].dtype == "float64"
    assert set(segs["role"]) <= {"", "interviewer", "respondent"}
    assert segs["segment_id"].is_unique
    meta = store.segments(with_metadata=True)
    assert {"project_id", "wave", "kind", "path"} <= set(meta.columns)
    one = segs["doc_id"].iloc[0]
    only = store.segments(one)
    assert set(only["doc_id"]) == {one}
    assert len(only) == (segs["doc_id"] == one).sum()


def test_projects_table_has_metadata_columns_and_in_metadata(
    store: ProjectStore, corpus: Path
) -> None:
    ingest(store, corpus)
    projects = store.projects().set_index("project_id")
    assert list(projects.index) == ["P01", "P02", "P03"]
    assert projects.loc["P01", "naam"] == "Samen aan tafel"
    assert projects.loc["P02", "gemeente"] == "Zwolle"
    assert projects["in_metadata"].dtype == bool
    assert projects["in_metadata"].to_dict() == {"P01": True, "P02": True, "P03": False}


def test_table_by_name_and_unknown_table(store: ProjectStore) -> None:
    names = ["documents", "segments", "projects", "surveys", "survey_variables", "ingests"]
    for name in [*names, "codings", "coding_runs", "memos"]:
        assert isinstance(store.table(name), pd.DataFrame)
    assert list(store.table("codings").columns[:11]) == TABLE_COLUMNS["codings"]
    book = store.table("codebook")  # none used yet: an empty table (issue 19)
    assert book.empty and list(book.columns) == TABLE_COLUMNS["codebook"]
    with pytest.raises(ValueError, match="unknown table 'nonexistent'"):
        store.table("nonexistent")


def test_text_of_an_unknown_document_raises_key_error(store: ProjectStore) -> None:
    with pytest.raises(KeyError, match="nope"):
        store.text("nope")


def test_info_counts(store: ProjectStore, corpus: Path) -> None:
    ingest(store, corpus)
    info = store.info()
    assert list(info.columns) == [
        "project_id",
        "wave",
        "kind",
        "format",
        "documents",
        "segments",
        "segment_chars",
    ]
    assert info["documents"].sum() == len(store.documents())
    assert info["segments"].sum() == len(store.segments())
    row = info[(info["project_id"] == "P02") & (info["kind"] == "report")]
    assert row[["wave", "format", "documents", "segments"]].values.tolist() == [
        ["2018", "md", 1, 3]
    ]
    unassigned = info[info["project_id"] == ""]
    assert unassigned["documents"].sum() == 2  # notities.txt and the Verslag


def test_ingest_log(store: ProjectStore, corpus: Path) -> None:
    report = ingest(store, corpus)
    log = store.ingests()
    assert len(log) == 1
    row = log.iloc[0]
    assert row["ingest_id"] == report.ingest_id
    assert row["n_added"] == 8
    assert row["n_skipped"] == 2
    assert row["n_failed"] == 0
    assert row["finished_at"] is not None
    files = store.ingest_files()
    assert len(files) == len(report.outcomes)
    assert sorted(files["status"]) == sorted(o.status for o in report.outcomes)


def test_schema_10_lets_imported_sources_share_a_hash_and_keeps_the_data(tmp_path: Path) -> None:
    """The migration that rebuilds ``documents`` (issue 19) keeps every row and every
    reference; afterwards two imported sources may share a hash, two files may not."""
    import sqlite3

    from sokwal_monitor.store.connection import _statements
    from sokwal_monitor.store.schema import APPLICATION_ID

    path = tmp_path / "oud.sokwal"
    con = sqlite3.connect(path, isolation_level=None)
    for script in MIGRATIONS[:9]:
        for statement in _statements(script):
            con.execute(statement)
    con.execute("INSERT INTO projects VALUES ('p1', '{}', 1, '2024')")
    con.execute(
        "INSERT INTO documents (doc_id, path, project_id, kind, format, n_chars, sha256, text,"
        " ingested_at) VALUES ('d1', 'a.txt', 'p1', 'other', 'txt', 3, 'h', 'abc', '2024')"
    )
    con.execute(
        "INSERT INTO segments (doc_id, position, start_char, end_char) VALUES ('d1', 0, 0, 3)"
    )
    con.execute(
        "INSERT INTO codings (coding_id, doc_id, start_char, end_char, code, coder, origin,"
        " created_at) VALUES ('c1', 'd1', 0, 3, 'A', 'anna', 'manual', '2024')"
    )
    con.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    con.execute("PRAGMA user_version = 9")
    con.close()
    with ProjectStore(path) as store:
        assert store.schema_version == len(MIGRATIONS) >= 9
        assert store.execute("SELECT doc_id, text FROM documents").fetchall() == [("d1", "abc")]
        assert store.execute("SELECT count(*) FROM segments").fetchone()[0] == 1
        assert store.execute("SELECT count(*) FROM codings").fetchone()[0] == 1
        assert store.execute("PRAGMA foreign_key_check").fetchall() == []
        assert store.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert store.execute("PRAGMA foreign_keys").fetchone()[0] == 1
        insert = (
            "INSERT INTO documents (doc_id, path, kind, format, n_chars, sha256, text,"
            " ingested_at) VALUES (?, ?, 'other', ?, 3, 'h2', 'abc', '2024')"
        )
        store.execute(insert, ("q1", "qdpx/x/P01", "qdpx"))
        store.execute(insert, ("q2", "qdpx/x/P01 (kopie)", "qdpx"))  # the same hash: fine
        store.execute(insert, ("f1", "b.txt", "txt"))  # a file with that hash: fine once
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            store.execute(insert, ("f2", "c.txt", "txt"))
        # deleting a document still cascades to its segments and codings
        store.execute("DELETE FROM documents WHERE doc_id = 'd1'")
        assert store.execute("SELECT count(*) FROM codings").fetchone()[0] == 0
