"""Ingest: outcomes per file, offsets, versions, metadata, atomicity."""

from __future__ import annotations

import importlib
import sqlite3
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from sokwal_monitor.errors import MetadataError, StoreError
from sokwal_monitor.ingestion import FileOutcome, IngestReport, ingest
from sokwal_monitor.ingestion.readers import _MODULES
from sokwal_monitor.store import ProjectStore
from sokwal_monitor.transcription.outputs import Cue, merge_turns, to_txt, to_vtt, write_docx

# `sokwal_monitor.ingestion` as an attribute is the function (re-exported); this is the module
prepare_module = importlib.import_module("sokwal_monitor.ingestion.prepare")


def _statuses(report: IngestReport) -> dict[str, str]:
    """File name (relative, posix) -> status."""
    out = {}
    for o in report.outcomes:
        out[Path(o.path).name] = o.status
    return out


def _check_segments(store: ProjectStore) -> None:
    """Offsets index the stored text; positions run 0..n-1; no overlap; trimmed."""
    raw = store.query(
        "SELECT doc_id, position, start_char, end_char FROM segments ORDER BY doc_id, position"
    )
    for doc_id, group in raw.groupby("doc_id"):
        text = store.text(doc_id)
        assert list(group["position"]) == list(range(len(group)))
        starts, ends = list(group["start_char"]), list(group["end_char"])
        assert all(0 <= s < e <= len(text) for s, e in zip(starts, ends, strict=True))
        assert all(ends[i] <= starts[i + 1] for i in range(len(starts) - 1))
        for s, e in zip(starts, ends, strict=True):
            piece = text[s:e]
            assert piece.strip() == piece and piece
    view = store.segments(all_versions=True)
    for row in view.itertuples():
        assert store.text(row.doc_id)[row.start_char : row.end_char] == row.text


# -- outcomes per file ------------------------------------------------------------------


def test_mixed_folder_outcomes(corpus: Path, tmp_path: Path, corpus_documents) -> None:
    report = ingest(tmp_path / "p.sokwal", corpus)
    statuses = _statuses(report)
    assert statuses == {
        **{Path(p).name: "added" for p in corpus_documents},
        "foto.jpg": "skipped",
        "~$P01_2018_interview.docx": "skipped",
    }
    assert report.exit_code == 0
    assert report.failed == []
    assert report.counts() == {"added": 8, "skipped": 2}
    assert report.summary() == "10 files: 8 added, 2 skipped"
    skipped = {Path(o.path).name: o.message for o in report.outcomes if o.status == "skipped"}
    assert ".jpg" in skipped["foto.jpg"]
    assert "lock file" in skipped["~$P01_2018_interview.docx"]
    frame = report.to_frame()
    assert list(frame.columns) == ["path", "status", "doc_id", "message"]
    assert len(frame) == 10
    with ProjectStore(tmp_path / "p.sokwal") as store:
        assert sorted(store.documents()["path"]) == sorted(corpus_documents)


def test_hidden_files_and_folders_are_ignored(corpus: Path, store: ProjectStore) -> None:
    report = ingest(store, corpus)
    assert not any(".verborgen" in o.path or ".git" in o.path for o in report.outcomes)
    assert not store.documents()["path"].str.contains("verborgen|.git", regex=True).any()


def test_os_junk_files_are_ignored_without_a_word(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "Thumbs.db").write_bytes(b"\x00" * 20)
    (folder / "desktop.ini").write_text("[.ShellClassInfo]\n", encoding="utf-8")
    (folder / "notitie.txt").write_text("Een gewone notitie.\n", encoding="utf-8")
    report = ingest(store, folder)
    assert [(Path(o.path).name, o.status) for o in report.outcomes] == [("notitie.txt", "added")]


def _project_folder_with_housekeeping(root: Path) -> Path:
    """A copied project folder: material plus a readme, licence and change log."""
    folder = root / "project"
    (folder / "sub").mkdir(parents=True)
    (folder / "P01_2018_verslag.md").write_text(
        "# Verslag\n\nDe eetgroep draait sinds maart.\n", encoding="utf-8"
    )
    (folder / "verslag.md").write_text("Het project liep goed.\n", encoding="utf-8")
    (folder / "README.md").write_text(
        "# Over deze map\n\nZet nieuwe interviews in de map interviews. Vraag Anja om"
        " toegang tot de schijf.\n",
        encoding="utf-8",
    )
    (folder / "LICENSE").write_text("MIT License\n\nPermission is hereby granted\n")
    (folder / "sub" / "leesmij.txt").write_text("Lees dit eerst.\n", encoding="utf-8")
    (folder / "sub" / "CHANGELOG.md").write_text("## 1.0\n\n- eerste versie\n")
    (folder / "sub" / "~$verslag.docx").write_bytes(b"\x00lock")
    return folder


def test_a_folders_readme_licence_and_change_log_are_skipped_with_a_reason(
    tmp_path: Path, store: ProjectStore
) -> None:
    folder = _project_folder_with_housekeeping(tmp_path)
    report = ingest(store, folder)
    statuses = _statuses(report)
    assert statuses == {
        "P01_2018_verslag.md": "added",
        "verslag.md": "added",
        "README.md": "skipped",
        "LICENSE": "skipped",
        "leesmij.txt": "skipped",
        "CHANGELOG.md": "skipped",
        "~$verslag.docx": "skipped",
    }
    why = {Path(o.path).name: o.message for o in report.outcomes if o.status == "skipped"}
    assert why["README.md"] == (
        "a folder's readme, not project material; name the file itself to ingest it"
    )
    assert why["leesmij.txt"].startswith("a folder's readme,")
    assert why["LICENSE"].startswith("a licence text,")
    assert why["CHANGELOG.md"].startswith("a change log,")
    assert report.exit_code == 0
    assert sorted(store.documents()["path"]) == ["P01_2018_verslag.md", "verslag.md"]
    assert not store.segments()["text"].str.contains("Anja|eerste versie|Permission").any()


@pytest.mark.parametrize(
    "name",
    ["P01_2018_readme.txt", "readme_eerst_lezen.txt", "licentie.docx.txt", "changes.txt",
     "Readme voor het team.txt", "history.md", "notities.txt"],
)  # fmt: skip
def test_material_named_like_housekeeping_is_still_ingested(
    tmp_path: Path, store: ProjectStore, name: str
) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / name).write_text("De buren helpen elkaar vaker.\n", encoding="utf-8")
    report = ingest(store, folder)
    assert _statuses(report) == {name: "added"}


def test_a_readme_named_explicitly_is_ingested(tmp_path: Path, store: ProjectStore) -> None:
    folder = _project_folder_with_housekeeping(tmp_path)
    report = ingest(store, [folder / "README.md", folder / "sub" / "leesmij.txt"])
    assert _statuses(report) == {"README.md": "added", "leesmij.txt": "added"}
    # named next to its folder: the folder walk's skip does not hide the named file
    again = ingest(store, [folder, folder / "README.md"])
    assert _statuses(again)["README.md"] == "unchanged"


def test_cli_ingest_skips_a_readme_with_one_line(tmp_path: Path, sokwal) -> None:
    folder = _project_folder_with_housekeeping(tmp_path)
    store_path = tmp_path / "p.sokwal"
    done = sokwal("ingest", folder, "--store", store_path)
    assert done.returncode == 0, done.stderr
    lines = [line for line in done.stderr.splitlines() if "README.md" in line]
    assert lines == [
        f"skipped: {folder / 'README.md'}: a folder's readme, not project material; name the"
        " file itself to ingest it"
    ]
    with ProjectStore(store_path) as store:
        assert sorted(store.documents()["path"]) == ["P01_2018_verslag.md", "verslag.md"]
    named = sokwal("ingest", folder / "README.md", "--store", store_path)
    assert named.returncode == 0, named.stderr
    with ProjectStore(store_path) as store:
        assert "README.md" in set(store.documents()["path"])


# -- one transcript per recording ----------------------------------------------------------


_CUES = [
    Cue(0.0, 2.1, "Hoe is het project in de wijk begonnen?", 0),
    Cue(2.5, 6.0, "Met een eetgroep voor ouderen & hun buren.", 1),
    Cue(6.2, 8.0, "Dat liep goed.", 1),
    Cue(8.5, 10.0, "Wat heeft u geleerd?", 0),
]


def _transcribe_outputs(folder: Path, stem: str, formats=("vtt", "txt", "docx")) -> None:
    """What `sokwal transcribe` writes for one recording, by its own writers."""
    folder.mkdir(parents=True, exist_ok=True)
    note = {"source": f"{stem}.m4a", "sha256": "c" * 64, "tool": "sokwal-monitor 0.9 (test)"}
    if "vtt" in formats:
        (folder / f"{stem}.vtt").write_text(to_vtt(_CUES, note), encoding="utf-8")
    if "txt" in formats:
        (folder / f"{stem}.txt").write_text(to_txt(merge_turns(_CUES)), encoding="utf-8")
    if "docx" in formats:
        write_docx(merge_turns(_CUES), folder / f"{stem}.docx")


def test_transcribe_outputs_of_one_recording_are_stored_once(
    tmp_path: Path, store: ProjectStore
) -> None:
    folder = tmp_path / "uit"
    _transcribe_outputs(folder, "P01_2024_interview")
    _transcribe_outputs(folder / "ronde2", "P02_2024_interview", formats=("txt", "docx"))
    report = ingest(store, folder)
    assert _statuses(report) == {
        "P01_2024_interview.vtt": "added",
        "P01_2024_interview.txt": "skipped",
        "P01_2024_interview.docx": "skipped",
        "P02_2024_interview.txt": "added",  # no .vtt: the .txt before the .docx
        "P02_2024_interview.docx": "skipped",
    }
    why = {Path(o.path).name: o.message for o in report.outcomes if o.status == "skipped"}
    assert why["P01_2024_interview.txt"].startswith(
        f"the same transcript as {folder / 'P01_2024_interview.vtt'}, which is ingested"
        " (its .vtt keeps cue times and speakers)"
    )
    assert "name this file itself to ingest it" in why["P01_2024_interview.docx"]
    assert "P02_2024_interview.txt, which is ingested;" in why["P02_2024_interview.docx"]
    assert not [w for w in report.warnings if "transcript" in w]
    docs = store.documents()
    assert sorted(docs["path"]) == ["P01_2024_interview.vtt", "ronde2/P02_2024_interview.txt"]
    segs = store.segments()
    first = segs[segs["doc_id"] == docs.set_index("path").loc["P01_2024_interview.vtt", "doc_id"]]
    assert first["end_time"].notna().all()  # the .vtt kept: turns with their ends
    # a rerun changes nothing and skips the same files
    again = ingest(store, folder)
    assert again.counts() == {"unchanged": 2, "skipped": 3}


def test_an_edited_transcript_is_stored_next_to_its_vtt_with_a_warning(
    tmp_path: Path, store: ProjectStore
) -> None:
    folder = tmp_path / "uit"
    _transcribe_outputs(folder, "P01", formats=("vtt", "txt"))
    txt = folder / "P01.txt"
    txt.write_text(txt.read_text(encoding="utf-8").replace("buren", "kinderen"), "utf-8")
    report = ingest(store, folder)
    assert _statuses(report) == {"P01.vtt": "added", "P01.txt": "added"}
    (warning,) = [w for w in report.warnings if "other words" in w]
    assert warning.startswith(f"{txt}: a `sokwal transcribe` transcript")
    assert str(folder / "P01.vtt") in warning and "edited since?" in warning


def test_notes_next_to_a_teams_transcript_are_both_read(
    tmp_path: Path, store: ProjectStore
) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "P01.vtt").write_text(
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Anja>Hoe ging het?</v>\n\n"
        "00:00:03.500 --> 00:00:05.000\n<v Piet>Goed.</v>\n",
        encoding="utf-8",
    )
    (folder / "P01.txt").write_text("Notities: Anja en Piet, buurthuis.\n", encoding="utf-8")
    # a .txt in the transcribe layout next to a Teams .vtt: not outputs of one run either
    _transcribe_outputs(folder, "P02", formats=("txt",))
    (folder / "P02.vtt").write_text(
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.100\n<v Speaker 1>Hoe is het project in de wijk"
        " begonnen?</v>\n",
        encoding="utf-8",
    )
    report = ingest(store, folder)
    assert set(_statuses(report).values()) == {"added"} and len(report.outcomes) == 4
    assert not [w for w in report.warnings if "other words" in w]


def test_transcripts_named_themselves_are_all_ingested(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "uit"
    _transcribe_outputs(folder, "P01")
    report = ingest(store, [folder / "P01.vtt", folder / "P01.txt", folder / "P01.docx"])
    assert _statuses(report) == {"P01.vtt": "added", "P01.txt": "added", "P01.docx": "added"}


def test_a_broken_sibling_of_a_transcript_still_fails_visibly(
    tmp_path: Path, store: ProjectStore
) -> None:
    folder = tmp_path / "uit"
    _transcribe_outputs(folder, "P01", formats=("vtt", "txt"))
    (folder / "P01.docx").write_bytes(b"PK\x03\x04 kapot")
    report = ingest(store, folder)
    assert _statuses(report) == {"P01.vtt": "added", "P01.txt": "skipped", "P01.docx": "failed"}
    assert report.exit_code == 1


@pytest.mark.parametrize(
    "partial",
    [b"", b"\xff\xfe kapot", b'{"header": 1}\n', b'{"header": {"sha256": 5}}\n{"done": true}\n',
     b"[1, 2]\n"],
)  # fmt: skip
def test_a_damaged_partial_file_next_to_transcripts_is_harmless(
    tmp_path: Path, store: ProjectStore, partial: bytes
) -> None:
    folder = tmp_path / "uit"
    _transcribe_outputs(folder, "P01", formats=("txt", "docx"))
    (folder / ".P01.transcribe.jsonl").write_bytes(partial)
    (folder / "P01.wav").write_bytes(b"RIFF" + b"\x00" * 40)
    report = ingest(store, folder)
    assert _statuses(report) == {"P01.wav": "skipped", "P01.txt": "added", "P01.docx": "skipped"}
    from sokwal_monitor.transcription.outputs import read_note, transcribed_from

    assert transcribed_from(folder / "P01.txt") is None
    assert read_note(folder / "P01.txt") is None and read_note(folder / "nergens.vtt") is None


def test_cli_ingest_of_a_transcribe_folder_says_what_it_skipped(tmp_path: Path, sokwal) -> None:
    folder = tmp_path / "uit"
    _transcribe_outputs(folder, "P01_2024_interview")
    store_path = tmp_path / "p.sokwal"
    done = sokwal("ingest", folder, "--store", store_path)
    assert done.returncode == 0, done.stderr
    skipped = [line for line in done.stderr.splitlines() if line.startswith("skipped:")]
    assert [line.split(": ")[1] for line in skipped] == [
        str(folder / "P01_2024_interview.txt"),
        str(folder / "P01_2024_interview.docx"),
    ]
    assert all("the same transcript as" in line for line in skipped)
    with ProjectStore(store_path) as store:
        assert store.documents()["path"].tolist() == ["P01_2024_interview.vtt"]


def test_some_files_failed_gives_exit_code_1(corpus: Path, store: ProjectStore) -> None:
    (corpus / "P01_2018_leeg.txt").write_bytes(b"")
    (corpus / "P02_2018_binair.txt").write_bytes(b"\x00\x01\x02\x03" * 300)
    (corpus / "P02_2019_ondertitels.vtt").write_text("Geen ondertitels hier.\n", encoding="utf-8")
    report = ingest(store, corpus)
    failed = {Path(o.path).name: o.message for o in report.failed}
    assert set(failed) == {"P01_2018_leeg.txt", "P02_2018_binair.txt", "P02_2019_ondertitels.vtt"}
    assert "empty" in failed["P01_2018_leeg.txt"]
    assert "binary" in failed["P02_2018_binair.txt"]
    assert "cues" in failed["P02_2019_ondertitels.vtt"]
    assert report.exit_code == 1
    assert report.counts()["added"] == 8
    # the failures left no trace, the rest is stored
    docs = store.documents()
    assert len(docs) == 8
    assert not docs["path"].str.contains("leeg|binair|ondertitels").any()
    files = store.ingest_files()
    assert (files["status"] == "failed").sum() == 3
    assert store.ingests().iloc[-1]["n_failed"] == 3


def test_nothing_could_be_done_gives_exit_code_2(tmp_path: Path) -> None:
    folder = tmp_path / "kapot"
    folder.mkdir()
    (folder / "leeg.txt").write_bytes(b"")
    (folder / "plaatje.png").write_bytes(b"\x89PNG\r\n")
    report = ingest(tmp_path / "p.sokwal", folder)
    assert report.exit_code == 2
    assert _statuses(report) == {"leeg.txt": "failed", "plaatje.png": "skipped"}


def test_only_a_missing_path_gives_exit_code_2(tmp_path: Path) -> None:
    missing = tmp_path / "bestaat niet"
    report = ingest(tmp_path / "p.sokwal", missing)
    assert report.exit_code == 2
    assert report.outcomes == [FileOutcome(str(missing), "failed", None, "no such file or folder")]


def test_missing_path_next_to_good_ones_gives_exit_code_1(
    corpus: Path, tmp_path: Path, store: ProjectStore
) -> None:
    missing = tmp_path / "ontbreekt.txt"
    report = ingest(store, [corpus, missing])
    assert report.exit_code == 1
    assert [o.path for o in report.failed] == [str(missing)]
    assert len(store.documents()) == 8


def test_a_reader_that_cannot_be_imported_fails_that_file_only(
    tmp_path: Path, store: ProjectStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(_MODULES, ".xyz", "sokwal_monitor.ingestion.readers._bestaat_niet")
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "a.xyz").write_text("inhoud\n", encoding="utf-8")
    (folder / "b.txt").write_text("Een gewone notitie.\n", encoding="utf-8")
    report = ingest(store, folder)
    assert _statuses(report) == {"a.xyz": "failed", "b.txt": "added"}
    assert ".xyz" in report.failed[0].message
    assert report.exit_code == 1


def test_a_single_file_path(tmp_path: Path, store: ProjectStore, make_corpus) -> None:
    corpus = make_corpus(tmp_path / "c")
    report = ingest(store, corpus / "P03_2018_interview.txt")
    assert _statuses(report) == {"P03_2018_interview.txt": "added"}
    docs = store.documents()
    assert docs["path"].tolist() == ["P03_2018_interview.txt"]
    # the projects.csv next to it is only used for folders
    assert store.projects()["in_metadata"].tolist() == [False]


def test_several_roots_in_one_ingest(tmp_path: Path, store: ProjectStore) -> None:
    one, two = tmp_path / "een", tmp_path / "twee"
    one.mkdir()
    two.mkdir()
    (one / "P01_2018_verslag.txt").write_text("Het eerste verslag.\n", encoding="utf-8")
    (two / "P02_2018_verslag.txt").write_text("Het tweede verslag.\n", encoding="utf-8")
    report = ingest(store, [str(one), two])
    assert report.counts() == {"added": 2}
    # several folders: paths are relative to the folder that holds them all
    assert store.documents()["path"].tolist() == [
        "een/P01_2018_verslag.txt",
        "twee/P02_2018_verslag.txt",
    ]
    assert len(store.ingests()) == 1
    # and metadata still comes from the file name
    assert store.documents()["project_id"].tolist() == ["P01", "P02"]


def test_same_relative_name_under_two_roots(tmp_path: Path, store: ProjectStore) -> None:
    for sub, text in (("a", "Verslag A.\n"), ("b", "Verslag B.\n")):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / "P01_2018_verslag.txt").write_text(text, encoding="utf-8")
    report = ingest(store, [tmp_path / "a", tmp_path / "b"])
    assert [o.status for o in report.outcomes] == ["added", "added"]
    assert len(store.documents()) == 2
    again = ingest(store, [tmp_path / "a", tmp_path / "b"])
    assert [o.status for o in again.outcomes] == ["unchanged", "unchanged"]


def test_a_folder_and_a_file_inside_it_are_read_once(tmp_path: Path, store: ProjectStore) -> None:
    (tmp_path / "map").mkdir()
    file = tmp_path / "map" / "P01_2018_verslag.txt"
    file.write_text("Verslag.\n", encoding="utf-8")
    report = ingest(store, [tmp_path / "map", file])
    assert report.counts() == {"added": 1}


def test_identical_files_in_one_run_are_stored_once(tmp_path: Path, store: ProjectStore) -> None:
    for name in ("P01_2018_verslag.txt", "kopie van verslag.txt"):
        (tmp_path / name).write_text("Hetzelfde verslag.\n", encoding="utf-8")
    report = ingest(store, tmp_path)
    statuses = {Path(o.path).name: (o.status, o.message) for o in report.outcomes}
    # files are read in name order (case-insensitive): the copy comes first
    assert statuses == {
        "kopie van verslag.txt": ("added", ""),
        "P01_2018_verslag.txt": ("duplicate", "same content as kopie van verslag.txt"),
    }
    assert len(store.documents()) == 1


def test_nothing_to_do_creates_no_store(tmp_path: Path) -> None:
    report = ingest(tmp_path / "nieuw.sokwal", tmp_path / "bestaat-niet")
    assert report.exit_code == 2
    assert not (tmp_path / "nieuw.sokwal").exists()


@pytest.mark.parametrize("workers", [1, 2])
def test_parallel_and_serial_ingest_store_the_same_rows(
    tmp_path: Path, workers: int, snapshot
) -> None:
    folder = tmp_path / "veel"
    folder.mkdir()
    for i in range(6):
        turns = "".join(f"I: Vraag {j}?\nR: Antwoord {i}-{j}, één coöperatie.\n" for j in range(50))
        (folder / f"P0{i % 3 + 1}_201{8 + i % 2}_interview_{i}.txt").write_text(turns, "utf-8")
    (folder / "kapot.pdf").write_bytes(b"%PDF-1.4 afgebroken")
    report = ingest(tmp_path / f"{workers}.sokwal", folder, workers=workers)
    assert report.counts() == {"added": 6, "failed": 1}
    reference = ingest(tmp_path / "ref.sokwal", folder, workers=1)
    assert [o.status for o in report.outcomes] == [o.status for o in reference.outcomes]
    assert (
        snapshot(tmp_path / f"{workers}.sokwal")["segments"]
        == snapshot(tmp_path / "ref.sokwal")["segments"]
    )
    with (
        ProjectStore(tmp_path / f"{workers}.sokwal") as mine,
        ProjectStore(tmp_path / "ref.sokwal") as theirs,
    ):
        columns = lambda frame: frame.drop(columns=["ingested_at"])  # noqa: E731
        pd.testing.assert_frame_equal(
            columns(mine.documents(with_text=True)), columns(theirs.documents(with_text=True))
        )


def test_file_names_with_spaces_and_diacritics(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map met spaties"
    (folder / "één map").mkdir(parents=True)
    name = "Verslag coöperatie één.txt"
    (folder / "één map" / name).write_text("De coöperatie groeit.\n", encoding="utf-8")
    report = ingest(store, folder)
    assert report.counts() == {"added": 1}
    docs = store.documents()
    assert docs["path"].tolist() == [f"één map/{name}"]
    assert store.text(docs["doc_id"][0]) == "De coöperatie groeit.\n"


def test_progress_bar_only_when_asked_or_on_a_terminal(
    corpus: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    ingest(tmp_path / "a.sokwal", corpus)  # stdout is not a terminal under pytest
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""
    ingest(tmp_path / "b.sokwal", corpus, progress=True)
    assert "ingest" in capsys.readouterr().err


def test_ingest_into_an_unusable_store_raises(corpus: Path, tmp_path: Path) -> None:
    bad = tmp_path / "tekst.sokwal"
    bad.write_text("geen database\n", encoding="utf-8")
    with pytest.raises(StoreError, match="tekst.sokwal"):
        ingest(bad, corpus)


# -- text, offsets and segments -----------------------------------------------------------


def test_every_segment_matches_its_offsets(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    _check_segments(store)
    docs = store.documents(with_text=True)
    assert (docs["n_chars"] == docs["text"].str.len()).all()
    assert not docs["text"].str.contains("\r").any()
    segments = store.segments()
    assert set(segments["doc_id"]) == set(docs["doc_id"])


def test_cp1252_crlf_transcript_is_decoded(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    docs = store.documents().set_index("path")
    doc_id = docs.loc["P02_2019_interview_vrijwilliger.txt", "doc_id"]
    raw = (corpus / "P02_2019_interview_vrijwilliger.txt").read_bytes()
    assert b"\r\n" in raw
    assert store.text(doc_id) == raw.decode("cp1252").replace("\r\n", "\n")
    segs = store.segments(doc_id)
    assert segs[["speaker", "role"]].values.tolist() == [
        ["Interviewer", "interviewer"],
        ["Respondent", "respondent"],
        ["Interviewer", "interviewer"],
        ["Respondent", "respondent"],
    ]
    assert segs["text"][1] == "Ik kook één keer per week voor de coöperatie."


def test_bom_is_not_part_of_the_text(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    docs = store.documents().set_index("path")
    text = store.text(docs.loc["P01_2019_interview.txt", "doc_id"])
    assert text.startswith("Anja: Wat is er veranderd")


def test_timestamps_and_roles_of_turns(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    docs = store.documents().set_index("path")
    segs = store.segments(docs.loc["P01_2018_interview_initiatiefnemer.txt", "doc_id"])
    assert segs[["speaker", "role", "start_time"]].values.tolist() == [
        ["I", "interviewer", 5.0],
        ["R", "respondent", 192.0],
        ["I", "interviewer", 240.0],
        ["R", "respondent", 270.0],
    ]
    assert segs["text"].tolist() == [
        "Hoe is het project begonnen?",
        "We begonnen met een eetgroep in de buurt.\nDat liep goed.",
        "En wat heeft u geleerd?",
        "Dat samenwerken tijd kost.",
    ]
    assert segs["end_time"].isna().all()


def test_webvtt_turns_have_times_and_speakers(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    docs = store.documents().set_index("path")
    assert docs.loc["P01_2018_gesprek.vtt", "kind"] == "interview"  # "gesprek"
    assert docs.loc["P01_2018_gesprek.vtt", "format"] == "vtt"
    segs = store.segments(docs.loc["P01_2018_gesprek.vtt", "doc_id"])
    assert segs[["speaker", "start_time", "end_time"]].values.tolist() == [
        ["Anouk", 1.0, 4.0],
        ["Bert", 4.5, 9.0],
        ["Anouk", 9.5, 12.0],
    ]
    # Anouk asks the questions: taken as the interviewer
    assert segs["role"].tolist() == ["interviewer", "respondent", "interviewer"]


def test_report_paragraphs_with_sections(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    docs = store.documents().set_index("path")
    row = docs.loc["P02_2018_rapport.md"]
    assert row["kind"] == "report"
    assert row["title"] == "Eindverslag Buurtkracht"
    segs = store.segments(row["doc_id"])
    assert segs[["section", "text"]].values.tolist() == [
        ["Aanleiding", "De buurt had weinig ontmoetingsplekken."],
        ["Resultaten", "Er kwamen 40 mensen op de eerste avond."],
        ["Resultaten", "De gemeente heeft subsidie toegezegd."],
    ]
    assert (segs["speaker"] == "").all() and (segs["role"] == "").all()


def test_kind_is_detected_from_the_content(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "gesprek met de buurt.txt").write_text(
        "Interviewer: Hoe gaat het?\nBewoner: Prima, dank u.\n", encoding="utf-8"
    )
    (folder / "P04_2020.txt").write_text(
        "Sanne: Wat vindt u van het buurthuis?\nPiet: Het is gezellig.\n"
        "Sanne: Komt u vaak?\nPiet: Elke week.\n",
        encoding="utf-8",
    )
    (folder / "beschouwing.txt").write_text(
        "De wijk veranderde snel. Bewoners zochten elkaar op.\n\n"
        "Daarna kwam er een buurtcentrum.\n",
        encoding="utf-8",
    )
    ingest(store, folder)
    kinds = store.documents().set_index("path")["kind"].to_dict()
    assert kinds == {
        "gesprek met de buurt.txt": "interview",
        "P04_2020.txt": "interview",
        "beschouwing.txt": "other",
    }
    _check_segments(store)


def test_kind_from_the_name_wins_over_the_content(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "P01_2018_rapport.txt").write_text(
        "Interviewer: Hoe gaat het?\nRespondent: Goed.\n", encoding="utf-8"
    )
    ingest(store, folder)
    docs = store.documents()
    assert docs["kind"].tolist() == ["report"]
    assert (store.segments()["speaker"] == "").all()


def test_unknown_kind_word_is_reported(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "P01_2018_kladblok.txt").write_text("Losse notities.\n", encoding="utf-8")
    report = ingest(store, folder)
    assert any("kladblok" in w and "P01_2018_kladblok.txt" in w for w in report.warnings)
    assert store.documents()["kind"].tolist() == ["other"]


def test_interview_without_labels_is_reported(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "P01_2018_interview.txt").write_text(
        "Een samenvatting van het gesprek.\n\nZonder sprekers.\n", encoding="utf-8"
    )
    report = ingest(store, folder)
    assert any("no speaker labels" in w for w in report.warnings)
    assert len(store.segments()) == 2


def test_roles_option_changes_roles(tmp_path: Path) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "P01_2020_interview.txt").write_text(
        "Anja: Vertel eens over de start.\nKees: Het begon klein.\n"
        "Anja: Ga verder.\nKees: Toen kwamen er meer mensen.\n",
        encoding="utf-8",
    )
    with ProjectStore(tmp_path / "zonder.sokwal") as store:
        ingest(store, folder)
        assert set(store.segments()["role"]) == {"respondent"}
    with ProjectStore(tmp_path / "met.sokwal") as store:
        ingest(store, folder, roles={"Anja": "interviewer"})
        segs = store.segments()
        assert segs[["speaker", "role"]].values.tolist() == [
            ["Anja", "interviewer"],
            ["Kees", "respondent"],
            ["Anja", "interviewer"],
            ["Kees", "respondent"],
        ]


# -- re-ingest, versions, duplicates --------------------------------------------------------


def test_reingest_is_idempotent(corpus: Path, tmp_path: Path, snapshot) -> None:
    path = tmp_path / "p.sokwal"
    first = ingest(path, corpus)
    before = snapshot(path)
    second = ingest(path, corpus)
    after = snapshot(path)
    statuses = {o.path: o.status for o in second.outcomes}
    assert sorted(statuses.values()) == ["skipped"] * 2 + ["unchanged"] * 8
    assert {o.doc_id for o in second.outcomes} == {o.doc_id for o in first.outcomes}
    assert second.exit_code == 0
    for table in ["documents", "segments", "surveys", "survey_variables", "survey_values"]:
        assert after[table] == before[table], table

    def without_time(rows: list[tuple]) -> list[tuple]:
        return [r[:3] for r in rows]  # project_id, attributes, in_metadata

    assert without_time(after["projects"]) == without_time(before["projects"])
    assert len(after["ingests"]) == len(before["ingests"]) + 1
    with ProjectStore(path) as store:
        log = store.ingests().iloc[-1]
        assert (log["n_added"], log["n_unchanged"], log["n_skipped"]) == (0, 8, 2)
        assert len(store.documents(all_versions=True)) == 8


def test_changed_file_becomes_a_new_version(corpus: Path, store: ProjectStore) -> None:
    target = corpus / "P03_2018_interview.txt"
    ingest(store, corpus)
    old_id = store.documents().set_index("path").loc["P03_2018_interview.txt", "doc_id"]
    target.write_text("I: Wat is uw rol?\nR: Ik ben voorzitter.\n", encoding="utf-8")
    report = ingest(store, corpus)
    statuses = _statuses(report)
    assert statuses["P03_2018_interview.txt"] == "new version"
    assert sorted(statuses.values()).count("unchanged") == 7
    outcome = next(o for o in report.outcomes if o.status == "new version")
    assert old_id in outcome.message
    versions = store.documents(all_versions=True)
    versions = versions[versions["path"] == "P03_2018_interview.txt"]
    assert versions["version"].tolist() == [1, 2]
    assert versions["is_current"].tolist() == [False, True]
    assert versions["doc_id"].iloc[0] == old_id
    assert versions["doc_id"].iloc[1] == outcome.doc_id != old_id
    # the current view has one row per path, the old text is kept
    current = store.documents()
    assert current["path"].is_unique and len(current) == 8
    assert old_id not in set(current["doc_id"])
    assert "coördinator" in store.text(old_id)
    assert old_id not in set(store.segments()["doc_id"])
    assert old_id in set(store.segments(all_versions=True)["doc_id"])
    assert len(store.segments(old_id)) == 2
    _check_segments(store)


def test_going_back_to_earlier_content_makes_it_current_again(
    tmp_path: Path, store: ProjectStore
) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    target = folder / "P01_2018_interview.txt"
    first_text, second_text = "I: Hoe gaat het?\nR: Goed.\n", "I: Hoe gaat het?\nR: Slecht.\n"
    target.write_text(first_text, encoding="utf-8")
    first = ingest(store, folder).outcomes[0]
    target.write_text(second_text, encoding="utf-8")
    assert ingest(store, folder).outcomes[0].status == "new version"
    target.write_text(first_text, encoding="utf-8")
    third = ingest(store, folder).outcomes[0]
    assert third.status == "new version"
    assert third.doc_id == first.doc_id
    current = store.documents()
    assert current["doc_id"].tolist() == [first.doc_id]
    assert store.text(first.doc_id) == first_text
    assert store.documents(all_versions=True)["is_current"].sum() == 1
    # and once more: now it is unchanged
    assert ingest(store, folder).outcomes[0].status == "unchanged"


def test_same_content_at_another_path_is_a_duplicate(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    original = store.documents().set_index("path").loc["notities.txt", "doc_id"]
    copy = corpus / "kopie van notities.txt"
    copy.write_bytes((corpus / "notities.txt").read_bytes())
    report = ingest(store, corpus)
    outcome = next(o for o in report.outcomes if o.path == str(copy))
    assert outcome.status == "duplicate"
    assert outcome.doc_id == original
    assert "notities.txt" in outcome.message
    assert report.exit_code == 0
    assert len(store.documents(all_versions=True)) == 8
    assert store.ingests().iloc[-1]["n_unchanged"] == 9  # 8 unchanged + 1 duplicate


def test_two_copies_in_one_ingest(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "a.txt").write_text("Dezelfde tekst.\n", encoding="utf-8")
    (folder / "b.txt").write_text("Dezelfde tekst.\n", encoding="utf-8")
    report = ingest(store, folder)
    assert [o.status for o in report.outcomes] == ["added", "duplicate"]
    assert report.outcomes[0].doc_id == report.outcomes[1].doc_id
    assert store.documents()["path"].tolist() == ["a.txt"]


# -- an interrupted ingest leaves the store as it was ---------------------------------------


@pytest.mark.parametrize("exc", [RuntimeError, KeyboardInterrupt])
@pytest.mark.parametrize("target", ["read_document", "segment_transcript"])
def test_interrupted_ingest_changes_nothing(
    corpus: Path,
    tmp_path: Path,
    snapshot,
    monkeypatch: pytest.MonkeyPatch,
    exc: type[BaseException],
    target: str,
) -> None:
    path = tmp_path / "p.sokwal"
    # a store with content already: part of the corpus
    early = tmp_path / "eerder"
    early.mkdir()
    (early / "P01_2017_verslag.txt").write_text("Een eerder verslag.\n", encoding="utf-8")
    ingest(path, early)
    (corpus / "P01_2017_verslag.txt").write_text("Een gewijzigd verslag.\n", encoding="utf-8")
    before = snapshot(path)
    original = getattr(prepare_module, target)
    calls = {"n": 0}

    def flaky(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 3:
            raise exc("onderbroken")
        return original(*args, **kwargs)

    monkeypatch.setattr(prepare_module, target, flaky)
    with pytest.raises(exc, match="onderbroken"):
        ingest(path, corpus)
    assert calls["n"] == 3
    assert snapshot(path) == before
    # the store still works: the same ingest without the failure goes through
    monkeypatch.setattr(prepare_module, target, original)
    report = ingest(path, corpus)
    assert report.exit_code == 0
    assert _statuses(report)["P01_2017_verslag.txt"] == "new version"


def test_interrupted_ingest_with_an_open_store_object(
    corpus: Path, store: ProjectStore, snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    ingest(store, corpus / "notities.txt")
    before = snapshot(store.path)

    def broken(*args, **kwargs):
        raise RuntimeError("kapot")

    monkeypatch.setattr(prepare_module, "segment_paragraphs", broken)
    with pytest.raises(RuntimeError, match="kapot"):
        ingest(store, corpus)
    assert snapshot(store.path) == before
    # the open store is still usable
    assert len(store.documents()) == 1
    with store.transaction():
        store.execute("INSERT INTO projects (project_id, updated_at) VALUES ('X', 'nu')")
    assert "X" in set(store.projects()["project_id"])


# -- metadata ----------------------------------------------------------------------------


def test_projects_csv_at_the_root_is_used(corpus: Path, store: ProjectStore) -> None:
    report = ingest(store, corpus)
    assert not any(o.path.endswith("projects.csv") for o in report.outcomes)
    projects = store.projects().set_index("project_id")
    assert projects.loc["P01", "naam"] == "Samen aan tafel"
    assert projects.loc["P01", "gemeente"] == "Utrecht"
    docs = store.documents().set_index("path")
    row = docs.loc["P01_2018_interview_initiatiefnemer.txt"]
    assert (row["project_id"], row["wave"], row["kind"], row["respondent_role"]) == (
        "P01",
        "2018",
        "interview",
        "initiatiefnemer",
    )


def test_project_missing_from_projects_file(corpus: Path, store: ProjectStore) -> None:
    report = ingest(store, corpus)
    warnings = [w for w in report.warnings if "'P03'" in w]
    assert len(warnings) == 1
    assert "P03_2018_interview.txt" in warnings[0]
    assert "not in the projects file" in warnings[0]
    projects = store.projects().set_index("project_id")
    assert not projects.loc["P03", "in_metadata"]
    assert projects.loc[["P01", "P02"], "in_metadata"].all()


def test_no_projects_file_is_named_as_such(tmp_path: Path) -> None:
    # without any projects file the warning does not speak of a file that lacks a project
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "P07_2024_interview.txt").write_text("I: Vraag?\nR: Antwoord.\n", "utf-8")
    with ProjectStore(tmp_path / "s.sokwal") as store:
        report = ingest(store, folder)
    (warning,) = report.warnings
    assert "project 'P07' has no metadata: no projects file was given" in warning
    assert "add a projects.csv" in warning


def test_project_added_to_the_projects_file_later(corpus: Path, store: ProjectStore) -> None:
    ingest(store, corpus)
    (corpus / "projects.csv").write_text(
        "project_id,naam\nP01,Samen aan tafel\nP02,Buurtkracht\nP03,Nieuw\n", encoding="utf-8"
    )
    report = ingest(store, corpus)
    assert not any("P03" in w for w in report.warnings)
    projects = store.projects().set_index("project_id")
    assert projects.loc["P03", "in_metadata"]
    assert projects.loc["P03", "naam"] == "Nieuw"


def test_explicit_projects_file(tmp_path: Path, corpus: Path, store: ProjectStore) -> None:
    other = tmp_path / "projecten.xlsx"
    pd.DataFrame({"Project ID": ["P01", "P03"], "Thema": ["eenzaamheid", "zorg"]}).to_excel(
        other, index=False
    )
    report = ingest(store, corpus, projects=other)
    projects = store.projects().set_index("project_id")
    assert projects.loc["P03", "thema"] == "zorg"
    assert projects.loc["P03", "in_metadata"]
    assert not projects.loc["P02", "in_metadata"]  # the root projects.csv was not used
    assert any("'P02'" in w for w in report.warnings)


def test_documents_sidecar_overrides_the_file_name(corpus: Path, store: ProjectStore) -> None:
    (corpus / "documents.csv").write_text(
        "path,project_id,wave,kind,role,interviewer naam\n"
        "notities.txt,P02,2020,verslag,,\n"
        "P01_2018_interview_initiatiefnemer.txt,P02,t1,,vrijwilliger,Sanne\n"
        "P01_2019_interview.txt,,,overig,,\n"
        f"{unicodedata.normalize('NFD', 'verslagen/Verslag coöperatie één.txt')},P01,2019,,,\n",
        encoding="utf-8",
    )
    report = ingest(store, corpus)
    assert not any(o.path.endswith("documents.csv") for o in report.outcomes)
    docs = store.documents().set_index("path")
    notes = docs.loc["notities.txt"]
    assert (notes["project_id"], notes["wave"], notes["kind"]) == ("P02", "2020", "report")
    interview = docs.loc["P01_2018_interview_initiatiefnemer.txt"]
    assert (interview["project_id"], interview["wave"], interview["kind"]) == (
        "P02",
        "t1",
        "interview",  # from the file name: the sidecar leaves kind empty
    )
    assert interview["respondent_role"] == "vrijwilliger"
    assert interview["interviewer_naam"] == "Sanne"
    assert pd.isna(notes["interviewer_naam"])
    # a kind in the sidecar wins over the name; empty cells keep what the name says
    overig = docs.loc["P01_2019_interview.txt"]
    assert (overig["project_id"], overig["wave"], overig["kind"]) == ("P01", "2019", "other")
    assert (store.segments(overig["doc_id"])["speaker"] == "").all()
    # NFD-written path in the sidecar still matches the NFC file name
    assert docs.loc["verslagen/Verslag coöperatie één.txt", "project_id"] == "P01"
    assert not any("no project_id" in w and "Verslag" in w for w in report.warnings)


def test_explicit_documents_file_with_respondent_role(
    tmp_path: Path, corpus: Path, store: ProjectStore
) -> None:
    sidecar = tmp_path / "docs.csv"
    sidecar.write_text(
        "path;respondent_role;locatie\nP03_2018_interview.txt;coördinator;Zeist\n",
        encoding="utf-8",
    )
    ingest(store, corpus, documents=sidecar)
    docs = store.documents().set_index("path")
    assert docs.loc["P03_2018_interview.txt", "respondent_role"] == "coördinator"
    assert docs.loc["P03_2018_interview.txt", "locatie"] == "Zeist"


def test_documents_sidecar_listing_a_missing_file_warns(corpus: Path, store: ProjectStore) -> None:
    (corpus / "documents.csv").write_text(
        "path,project_id\nnotities.txt,P01\ninterviews/ontbreekt.docx,P02\n", encoding="utf-8"
    )
    report = ingest(store, corpus)
    warnings = [w for w in report.warnings if "ontbreekt.docx" in w]
    assert len(warnings) == 1
    assert "documents.csv" in warnings[0]
    assert report.exit_code == 0


def test_custom_pattern(tmp_path: Path, store: ProjectStore) -> None:
    folder = tmp_path / "map"
    folder.mkdir()
    (folder / "ABC12-2020-verslag-Zwolle.txt").write_text("Een verslag.\n", encoding="utf-8")
    (folder / "P01_2018_interview.txt").write_text("Een notitie.\n", encoding="utf-8")
    pattern = r"^(?P<project_id>[A-Z]+\d+)-(?P<wave>\d{4})-(?P<kind>\w+)-(?P<locatie>\w+)$"
    report = ingest(store, folder, pattern=pattern)
    docs = store.documents().set_index("path")
    row = docs.loc["ABC12-2020-verslag-Zwolle.txt"]
    assert (row["project_id"], row["wave"], row["kind"], row["locatie"]) == (
        "ABC12",
        "2020",
        "report",
        "Zwolle",
    )
    # the default pattern is not used any more
    assert pd.isna(docs.loc["P01_2018_interview.txt", "project_id"])
    assert any("no project_id" in w and "P01_2018_interview.txt" in w for w in report.warnings)


@pytest.mark.parametrize(
    ("pattern", "words"),
    [
        (r"^(?P<project_id>P\d+", "not a valid regular expression"),
        (r"^(?P<naam>\w+)$", "no named group"),
    ],
)
def test_bad_pattern_raises_before_anything_is_written(
    corpus: Path, tmp_path: Path, pattern: str, words: str
) -> None:
    path = tmp_path / "p.sokwal"
    with pytest.raises(MetadataError, match=words) as info:
        ingest(path, corpus, pattern=pattern)
    assert pattern in str(info.value)
    assert not path.exists()


@pytest.mark.parametrize(
    ("content", "words"),
    [
        ("naam,gemeente\nSamen,Utrecht\n", "no project_id column"),
        ("project_id,naam\nP01,Een\nP02,Twee\nP01,Drie\n", "more than once: P01"),
    ],
)
def test_bad_projects_file_raises_naming_it(
    corpus: Path, tmp_path: Path, content: str, words: str
) -> None:
    (corpus / "projects.csv").write_text(content, encoding="utf-8")
    path = tmp_path / "p.sokwal"
    with pytest.raises(MetadataError, match=words) as info:
        ingest(path, corpus)
    assert str(corpus / "projects.csv") in str(info.value)
    assert not path.exists()


def test_bad_documents_file_raises_naming_it(corpus: Path, tmp_path: Path) -> None:
    (corpus / "documents.csv").write_text("bestand,project_id\nx.txt,P01\n", encoding="utf-8")
    with pytest.raises(MetadataError, match="no path column") as info:
        ingest(tmp_path / "p.sokwal", corpus)
    assert str(corpus / "documents.csv") in str(info.value)


def test_metadata_error_leaves_an_existing_store_alone(
    corpus: Path, tmp_path: Path, snapshot
) -> None:
    path = tmp_path / "p.sokwal"
    ingest(path, corpus)
    before = snapshot(path)
    with pytest.raises(MetadataError):
        ingest(path, corpus, pattern="(?P<wave")
    assert snapshot(path) == before


def test_the_store_is_not_left_open_with_wal_files(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "p.sokwal"
    ingest(path, corpus)
    # a closed store checkpoints its WAL: another program reads everything from the file
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        assert con.execute("SELECT count(*) FROM documents").fetchone()[0] == 8
    finally:
        con.close()


def test_new_documents_in_a_pseudonymized_store_are_flagged(
    tmp_path: Path, store: ProjectStore
) -> None:
    with store.transaction() as con:  # as a pseudonymization run leaves it
        con.execute(
            "INSERT INTO pseudonymizations (at, key_id, written_by, n_documents, n_changed,"
            " n_replacements) VALUES ('nu', 'k', 'test', 0, 0, 0)"
        )
    (tmp_path / "P01_2019_verslag.txt").write_text("Nieuw verslag.\n", encoding="utf-8")
    report = ingest(store, tmp_path / "P01_2019_verslag.txt")
    assert any("pseudonymized before" in w and "1 new document" in w for w in report.warnings)
    again = ingest(store, tmp_path / "P01_2019_verslag.txt")  # nothing new: no warning
    assert not any("pseudonymized before" in w for w in again.warnings)
