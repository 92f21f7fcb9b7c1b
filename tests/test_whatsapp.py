"""WhatsApp chat exports: recognised by content, one turn per message with its sender and
time, system and media lines left out, zip exports, hostile and oddly encoded input, and
through ingest, pseudonymize and lessons with a real store."""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

import pytest
from conftest import run_sokwal

from sokwal_monitor.errors import (
    EmptyFileError,
    SokwalError,
    UnreadableFileError,
    WrongFormatError,
)
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.ingestion.prepare import Job, prepare
from sokwal_monitor.ingestion.readers import read_document, whatsapp
from sokwal_monitor.ingestion.readers.whatsapp import chat_document, looks_like_chat
from sokwal_monitor.privacy.detect import with_known_people
from sokwal_monitor.store import ProjectStore

LRM = "\u200e"  # the mark iOS puts before system lines, attachments and senders
NNBSP = "\u202f"  # the narrow space before AM/PM in newer exports


def turns(doc) -> list[tuple[str | None, str, float | None]]:
    return [(b.speaker, doc.block_text(b), b.start_time) for b in doc.blocks]


def check_blocks(doc) -> None:
    end = 0
    for block in doc.blocks:
        assert end <= block.start < block.end <= len(doc.text)
        label = f"{block.speaker}: "
        assert doc.text[block.start - len(label) : block.start] == label  # kept in the text
        end = block.end


# -- the formats ---------------------------------------------------------------------

ANDROID_NL = """06-12-2024 14:00 - Berichten en oproepen zijn end-to-end versleuteld. Niemand buiten deze chat, zelfs WhatsApp niet, kan ze lezen of beluisteren. Tik voor meer informatie.
06-12-2024 14:01 - Fatima Benali heeft de groep "Buurtmoestuin" gemaakt
06-12-2024 14:01 - Fatima Benali heeft Gerrit Wolters toegevoegd
06-12-2024 14:03 - Fatima Benali: Wie komt zaterdag helpen met de bakken?
06-12-2024 14:05 - Gerrit Wolters: Ik kom.
Neem ook de kruiwagen mee.

Vraag: waar ligt de sleutel?
06-12-2024 14:06 - +31 6 12345678: <Media weggelaten>
06-12-2024 14:07 - +31 6 12345678: IMG-20241206-WA0001.jpg (bestand bijgevoegd)
Kijk wat een oogst!
06-12-2024 14:09 - Gerrit Wolters: Dit bericht is verwijderd
06-12-2024 14:10 - Gerrit Wolters: Locatie: https://maps.google.com/?q=52.1,6.2
06-12-2024 14:11 - Fatima Benali: Prima, tot dan <Dit bericht is bewerkt>
07-12-2024 09:12 - Gerrit Wolters is vertrokken
"""


def test_android_dutch_export() -> None:
    assert looks_like_chat(ANDROID_NL)
    doc = chat_document(ANDROID_NL)
    check_blocks(doc)
    assert turns(doc) == [
        ("Fatima Benali", "Wie komt zaterdag helpen met de bakken?", 0.0),
        (
            "Gerrit Wolters",
            "Ik kom.\nNeem ook de kruiwagen mee.\n\nVraag: waar ligt de sleutel?",
            120.0,
        ),
        ("+31 6 12345678", "Kijk wat een oogst!", 240.0),  # the caption of a photo
        ("Fatima Benali", "Prima, tot dan", 480.0),
    ]
    # no system line, placeholder or shared location is anyone's words
    for gone in ("versleuteld", "gemaakt", "toegevoegd", "weggelaten", "IMG-", "verwijderd",
                 "maps.google", "bewerkt", "vertrokken", "06-12-2024", "14:03"):  # fmt: skip
        assert gone not in doc.text
    props = doc.properties
    assert props["chat_platform"] == "android"
    assert props["chat_messages"] == 4 and props["chat_participants"] == 3
    assert props["chat_started"] == "2024-12-06T14:03:00"
    assert props["chat_left_out"] == {"system": 4, "media": 1, "deleted": 1, "location": 1}


@pytest.mark.parametrize(
    ("lines", "platform", "times"),
    [
        # Android, short dates
        (["6-12-24 9:03 - Anouk: Hoi", "6-12-24 9:04 - Bram: Hallo"], "android", [0.0, 60.0]),
        # Android, slashes and a comma (Dutch and English exports)
        (["06/12/2024, 23:59 - Anouk: Hoi", "07/12/2024, 00:01 - Bram: Hallo"], "android",
         [0.0, 120.0]),
        # Android, English (US) with a 12-hour clock: month first, seen from the 13th
        ([f"12/13/24, 11:59{NNBSP}PM - Anouk: Hi", "12/14/24, 12:01 AM - Bram: Hello",
          "12/14/24, 12:30 PM - Anouk: Lunch"], "android", [0.0, 120.0, 45060.0]),
        # iOS, Dutch, with seconds and the marks iOS adds
        ([f"{LRM}[06-12-2024 14:03:12] Anouk: Hoi", f"[06-12-2024 14:03:20] {LRM}Bram: Hallo"],
         "ios", [0.0, 8.0]),
        # iOS, English, 12-hour clock with a narrow space and a.m./p.m. written out
        ([f"[13/12/2024, 1:02:03{NNBSP}p.m.] Anouk: Hi", "[13/12/2024, 1:02:04 pm] Bram: Hello"],
         "ios", [0.0, 1.0]),
    ],
)  # fmt: skip
def test_header_styles(lines: list[str], platform: str, times: list[float]) -> None:
    text = "\n".join(lines) + "\n"
    assert looks_like_chat(text)
    doc = chat_document(text)
    check_blocks(doc)
    assert doc.properties["chat_platform"] == platform
    assert [b.start_time for b in doc.blocks] == times
    assert {b.speaker for b in doc.blocks} == {"Anouk", "Bram"}
    assert LRM not in doc.text and NNBSP not in doc.text.split(":")[0]


IOS_NL = f"""[06-12-2024 14:00:00] Buurtmoestuin: {LRM}Berichten en oproepen zijn end-to-end versleuteld. Niemand buiten deze chat, zelfs WhatsApp niet, kan ze lezen of beluisteren.
[06-12-2024 14:00:01] Buurtmoestuin: {LRM}Fatima heeft deze groep gemaakt
{LRM}[06-12-2024 14:03:12] Fatima: Wie komt er zaterdag?
[06-12-2024 14:04:00] ~{NNBSP}Sjoukje: {LRM}<bijgevoegd: 00000012-PHOTO-2024-12-06-14-04-00.jpg>
[06-12-2024 14:04:30] ~{NNBSP}Sjoukje: {LRM}afbeelding weggelaten
[06-12-2024 14:05:00] ~{NNBSP}Sjoukje: Ik! Met @{chr(0x2068)}Fatima{chr(0x2069)} samen
[06-12-2024 14:06:00] Fatima: {LRM}Dit bericht is verwijderd.
"""


def test_ios_dutch_export_with_marks() -> None:
    doc = chat_document(IOS_NL)
    check_blocks(doc)
    assert turns(doc) == [
        ("Fatima", "Wie komt er zaterdag?", 0.0),
        ("Sjoukje", "Ik! Met @Fatima samen", 108.0),  # "~ " marks a number not in contacts
    ]
    assert doc.properties["chat_left_out"] == {"system": 2, "media": 2, "deleted": 1}


def test_english_export_system_lines() -> None:
    text = (
        "12/6/24, 2:00 PM - Messages and calls are end-to-end encrypted. No one outside of"
        " this chat, not even WhatsApp, can read or listen to them. Tap to learn more.\n"
        '12/6/24, 2:01 PM - Anouk created group "Garden"\n'
        "12/6/24, 2:01 PM - Anouk added Bram\n"
        "12/6/24, 2:03 PM - Anouk: <Media omitted>\n"
        "12/6/24, 2:04 PM - Bram: This message was deleted\n"
        "12/6/24, 2:05 PM - Bram: See you <This message was edited>\n"
    )
    doc = chat_document(text)
    assert turns(doc) == [("Bram", "See you", 0.0)]
    assert doc.properties["chat_left_out"] == {"system": 3, "media": 1, "deleted": 1}


# -- what is a chat, and what is not --------------------------------------------------


def test_a_report_quoting_a_chat_line_stays_a_report(tmp_path: Path) -> None:
    report = (
        "Evaluatie buurtmoestuin\n\n"
        "Een deelnemer schreef in de groepsapp:\n"
        "06-12-2024 14:03 - Fatima: Wat een mooie dag!\n\n"
        "Dat zegt veel over de sfeer. Verder kwamen er 40 mensen.\n"
    )
    path = tmp_path / "P01_2024_rapport.txt"
    path.write_text(report, encoding="utf-8")
    assert not looks_like_chat(report)
    doc = read_document(path)
    assert doc.format == "txt" and doc.text == report
    # a chat line first, but the report goes on for many lines: still a report
    first = "06-12-2024 14:03 - Fatima: Wat een mooie dag!\n" + "Het ging goed.\n" * 5
    assert not looks_like_chat(first)
    with pytest.raises(WrongFormatError, match="not a WhatsApp chat export"):
        chat_document(report)


def test_a_chat_of_one_line(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp-chat met Anouk.txt"
    path.write_text("06-12-2024 14:03 - Anouk: Tot morgen!", encoding="utf-8")
    doc = read_document(path)
    assert doc.format == "whatsapp"
    assert turns(doc) == [("Anouk", "Tot morgen!", 0.0)]
    # one person: no dialogue, stored as paragraphs with the speaker kept
    prepared = prepare(Job(path, kind=None))
    assert prepared.error is None and prepared.kind == "other"
    assert [row[1] for row in prepared.rows] == ["Anouk"]


def test_a_chat_of_only_system_lines_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "WhatsApp-chat met Leeg.txt"
    path.write_text(
        "06-12-2024 14:00 - Berichten en oproepen zijn end-to-end versleuteld.\n"
        "06-12-2024 14:01 - Anouk heeft de groep gemaakt\n",
        encoding="utf-8",
    )
    with pytest.raises(EmptyFileError):
        read_document(path)


def test_a_quoted_header_of_the_other_platform_stays_text() -> None:
    text = (
        "06-12-2024 14:03 - Anouk: Doorgestuurd:\n"
        "[05-12-2024 10:00:00] Kees: De sleutel ligt bij de buren\n"
        "06-12-2024 14:04 - Bram: Dank je\n"
    )
    doc = chat_document(text)
    assert turns(doc) == [
        ("Anouk", "Doorgestuurd:\n[05-12-2024 10:00:00] Kees: De sleutel ligt bij de buren", 0.0),
        ("Bram", "Dank je", 60.0),
    ]


def test_an_impossible_date_keeps_the_message_without_a_time() -> None:
    doc = chat_document("31-02-2024 14:03 - Anouk: Hoi\n01-03-2024 14:04 - Bram: Hallo\n")
    assert turns(doc) == [("Anouk", "Hoi", None), ("Bram", "Hallo", 0.0)]


# -- hostile and oddly encoded input ------------------------------------------------------


@pytest.mark.parametrize("encoding", ["utf-16", "utf-8-sig", "cp1252", "utf-16-le"])
def test_encodings(tmp_path: Path, encoding: str) -> None:
    text = (
        "06-12-2024 14:03 - Anouk: Eén coöperatie, geïnterviewde ideeën\r\n"
        "06-12-2024 14:04 - Zoë: Reünie in het café\r\n"
    )
    path = tmp_path / "chat.txt"
    data = text.encode(encoding)
    path.write_bytes(("\ufeff" if encoding == "utf-16-le" else "").encode(encoding) + data)
    doc = read_document(path)
    assert doc.format == "whatsapp"
    assert turns(doc) == [
        ("Anouk", "Eén coöperatie, geïnterviewde ideeën", 0.0),
        ("Zoë", "Reünie in het café", 60.0),
    ]


def test_a_huge_line_and_nul_bytes(tmp_path: Path) -> None:
    huge = "bla " * 1_000_000
    head = "06-12-2024 14:03 - Anouk: Hoi\n" * 200  # past the start, where NULs mean binary
    text = head + f"06-12-2024 14:04 - Bram: {huge}\x00x\n06-12-2024 14:05 - Anouk: Ok\n"
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    doc = read_document(path)
    assert "\x00" not in doc.text
    assert len(doc.blocks) == 202 and doc.block_text(doc.blocks[-1]) == "Ok"
    assert doc.block_text(doc.blocks[-2]).endswith("bla x")
    # NUL bytes at the start: a binary file, said so
    path.write_bytes(b"06-12-2024 14:03 - Anouk: \x00\x01\x02\x00\xff\x00 Hoi\n" * 3)
    with pytest.raises(WrongFormatError, match="binary"):
        read_document(path)


def test_a_sender_like_phrase_inside_a_message_is_no_turn(tmp_path: Path) -> None:
    text = (
        "\n".join(
            f"06-12-2024 14:0{i} - Anouk: Vraag: wie heeft de sleutel?\nInterviewer: grapje"
            for i in range(3)
        )
        + "\n06-12-2024 14:09 - Bram: Ik\n"
    )
    path = tmp_path / "chat.txt"
    path.write_text(text, encoding="utf-8")
    prepared = prepare(Job(path, kind=None))
    assert prepared.kind == "interview"
    speakers = [(row[1], row[2]) for row in prepared.rows]
    # Anouk asks every question, yet nobody interviews in a group chat
    assert speakers == [("Anouk", "respondent")] * 3 + [("Bram", "respondent")]
    roles = {"Anouk": "interviewer"}  # unless the researcher says so
    prepared = prepare(Job(path, kind=None, roles=roles))
    assert [row[2] for row in prepared.rows] == ["interviewer"] * 3 + ["respondent"]


# -- zip exports ----------------------------------------------------------------------


def make_zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def test_zip_export_reads_the_chat_and_counts_the_media(tmp_path: Path) -> None:
    path = make_zip(
        tmp_path / "WhatsApp Chat - Buurtmoestuin.zip",
        {
            "_chat.txt": IOS_NL.encode("utf-8"),
            "00000012-PHOTO-2024-12-06-14-04-00.jpg": b"\xff\xd8\xff\xe0 not really",
            "00000013-AUDIO-2024-12-06-14-05-00.opus": b"OggS",
        },
    )
    doc = read_document(path)
    assert doc.format == "whatsapp"
    assert [b.speaker for b in doc.blocks] == ["Fatima", "Sjoukje"]
    assert doc.properties["chat_member"] == "_chat.txt"
    assert doc.properties["warnings"] == [
        "2 media file(s) in the archive not read (only the chat text is)"
    ]


def test_android_zip_and_hostile_member_names(tmp_path: Path) -> None:
    outside = tmp_path / "evil.txt"
    path = make_zip(
        tmp_path / "export.zip",
        {
            "../../evil.txt": b"06-12-2024 14:03 - Anouk: weg\n",  # never unpacked
            "/abs/WhatsApp-chat met Moestuin.txt": ANDROID_NL.replace(
                "Kijk", "Eén oogst, kijk"
            ).encode("cp1252"),
        },
    )
    doc = read_document(path)
    assert doc.properties["encoding"] == "cp1252"
    assert doc.properties["chat_member"] == "/abs/WhatsApp-chat met Moestuin.txt"
    assert doc.blocks[0].speaker == "Fatima Benali"
    assert "Eén oogst, kijk wat een oogst!" in doc.text
    assert not outside.exists()


@pytest.mark.parametrize(
    ("members", "message"),
    [
        ({"foto.jpg": b"\xff\xd8", "notes.txt": b"Hallo"}, "without a WhatsApp chat"),
        ({"a/_chat.txt": b"x", "b/_chat.txt": b"y"}, "with 2 chat texts"),
        ({"_chat.txt": b"Gewoon een tekst.\nNiets bijzonders."}, "is not a WhatsApp chat"),
    ],
)
def test_zips_that_hold_no_single_chat(tmp_path: Path, members: dict, message: str) -> None:
    path = make_zip(tmp_path / "archief.zip", members)
    with pytest.raises(WrongFormatError, match=message) as info:
        read_document(path)
    assert "archief.zip" in str(info.value)


def test_broken_and_false_zips(tmp_path: Path) -> None:
    good = make_zip(tmp_path / "good.zip", {"_chat.txt": ANDROID_NL.encode()}).read_bytes()
    broken = tmp_path / "kapot.zip"
    broken.write_bytes(good[: len(good) // 2])
    with pytest.raises(UnreadableFileError, match="damaged|broken"):
        read_document(broken)
    pdf = tmp_path / "rapport.zip"
    pdf.write_bytes(b"%PDF-1.4 not a zip")
    with pytest.raises(WrongFormatError, match="PDF"):
        read_document(pdf)


def test_zip_bomb_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(whatsapp, "MAX_CHAT_BYTES", 1 << 20)
    big = ("06-12-2024 14:03 - Anouk: " + "a" * 100 + "\n").encode() * 20_000  # ~2.5 MB
    path = make_zip(tmp_path / "bom.zip", {"_chat.txt": big})
    with pytest.raises(UnreadableFileError, match="refused"):
        read_document(path)


# -- the privacy step -----------------------------------------------------------------


def test_known_people_are_found_where_detection_misses_them() -> None:
    text = (
        "sanne: ik kom\n\nTruus 🌻: fijn, sanne!\n\n+31 6 12345678: ok\n\nBuurman Henk: Henk hier"
    )
    hits = with_known_people(text, [], ["sanne", "Truus 🌻", "+31 6 12345678", "Buurman Henk"])
    assert [(h.text, h.category) for h in hits] == [
        ("sanne", "PERSOON"),
        ("Truus", "PERSOON"),
        ("sanne", "PERSOON"),
        ("+31 6 12345678", "TELEFOON"),
        ("Buurman Henk", "PERSOON"),
        ("Henk", "PERSOON"),
    ]
    assert with_known_people("Hallo", [], ["🌻", "", "x"]) == []
    text = "Ria (vrijwilliger): ja\nHenk - gemeente: ook\nDe gemeente en Ria"
    found = with_known_people(text, [], ["Ria (vrijwilliger)", "Henk - gemeente"])
    assert [h.text for h in found] == ["Ria", "Henk", "Ria"]  # the role stays


# -- through the command line with a real store ------------------------------------------

#: Senders detection alone misses or may miss (lower case, short, emoji, not in
#: contacts, a phone number); each also mentioned in others' messages.
CHAT = f"""06-12-2024 14:00 - Berichten en oproepen zijn end-to-end versleuteld. Tik voor meer informatie.
06-12-2024 14:01 - Wietske Brouwer heeft de groep "Moestuin" gemaakt
06-12-2024 14:01 - Wietske Brouwer heeft sanne toegevoegd
06-12-2024 14:02 - Wietske Brouwer: Hoe ging de eerste moestuindag volgens jullie?
06-12-2024 14:03 - sanne: Goed! Wietske had alles geregeld
06-12-2024 14:04 - Riekje (vrijwilliger): Wat ik geleerd heb is dat je mensen persoonlijk moet uitnodigen, een flyer werkt niet.
06-12-2024 14:05 - +31 6 48213377: <Media weggelaten>
06-12-2024 14:06 - +31 6 48213377: Volgende keer zouden we de subsidie eerder aanvragen.
06-12-2024 14:07 - ~{NNBSP}Truus 🌻: Met sanne en Riekje was het gezellig
06-12-2024 14:08 - Dorpshuis Beheer: De sleutel ligt bij de bar
"""
SENDERS = ["Wietske", "Brouwer", "sanne", "Riekje", "48213377", "Truus"]


def test_ingest_pseudonymize_and_lessons_from_the_command_line(tmp_path: Path) -> None:
    folder = tmp_path / "P07"
    folder.mkdir()
    (folder / "P07_2024_chat.txt").write_text(CHAT, encoding="utf-8")
    make_zip(folder / "P07_2025_chat.zip", {"_chat.txt": CHAT.replace("2024", "2025").encode(),
                                            "IMG-1.jpg": b"\xff\xd8"})  # fmt: skip
    store = tmp_path / "analyse" / "project.sokwal"
    key = tmp_path / "sleutel" / "project.sokwal-key"
    env = {"SOKWAL_KEY_PASSPHRASE": "een lange zin als wachtwoord"}
    done = run_sokwal("ingest", folder, "--store", store, "--pseudonymize", "--key", key, env=env)
    assert done.returncode == 0, done.stderr
    assert "2 files: 2 added" in done.stdout
    assert "1 media file(s) in the archive not read" in done.stderr
    assert "unknown document kind" not in done.stderr  # "chat" in a file name: a conversation
    with ProjectStore(store, create=False) as opened:
        docs = opened.documents()
        segments = opened.segments()
    assert set(docs["format"]) == {"whatsapp"} and set(docs["kind"]) == {"interview"}
    assert len(segments) == 2 * 6 and set(segments["role"]) == {"respondent"}
    texts = "\n".join(
        row[0] for row in sqlite3.connect(store).execute("SELECT text FROM documents")
    )
    speakers = set(segments["speaker"])
    for name in SENDERS:
        assert not re.search(rf"\b{name}\b", texts), name
        assert not any(name in s for s in speakers), name
    raw = b"".join(p.read_bytes() for p in store.parent.glob(store.name + "*")).lower()
    for name in [*SENDERS, "Dorpshuis Beheer"]:  # every sender, also in the store's bytes
        assert name.lower().encode() not in raw, name
    assert "De sleutel ligt bij de bar" in texts  # the words stay
    # the lessons of a chat carry their speaker's role
    done = run_sokwal("lessons", "--store", store, "--format", "csv")
    assert done.returncode == 0, done.stderr
    import io

    import pandas as pd

    table = pd.read_csv(io.StringIO(done.stdout))
    roles = dict(zip(table["type"], table["role"], strict=False))
    assert roles.get("insight") == "volunteer"  # "Riekje (vrijwilliger)"


def test_python_ingest_with_roles_and_a_folder_with_other_zips(tmp_path: Path) -> None:
    folder = tmp_path / "materiaal"
    folder.mkdir()
    (folder / "P07_2024_chat.txt").write_text(CHAT, encoding="utf-8")
    make_zip(folder / "fotos.zip", {"a.jpg": b"\xff\xd8"})
    report = ingest(tmp_path / "p.sokwal", folder, roles={"Wietske Brouwer": "interviewer"})
    status = {Path(o.path).name: (o.status, o.message) for o in report.outcomes}
    assert status["P07_2024_chat.txt"][0] == "added"
    # an archive of photos in a walked folder is skipped with its reason, as before chats
    assert status["fotos.zip"][0] == "skipped"
    assert "without a WhatsApp chat" in status["fotos.zip"][1]
    assert report.exit_code == 0
    # named on its own, the same archive is an error that names the file and what to do
    named = ingest(tmp_path / "q.sokwal", folder / "fotos.zip")
    assert [o.status for o in named.outcomes] == ["failed"] and named.exit_code != 0
    assert "unpack it" in named.outcomes[0].message
    with ProjectStore(tmp_path / "p.sokwal", create=False) as opened:
        segments = opened.segments()
    roles = dict(zip(segments["speaker"], segments["role"], strict=False))
    assert roles["Wietske Brouwer"] == "interviewer" and roles["sanne"] == "respondent"
    assert list(segments["start_time"])[:2] == [0.0, 60.0]


def test_cli_reports_a_bad_zip_and_goes_on(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "chat.txt").write_text(CHAT, encoding="utf-8")
    (folder / "kapot.zip").write_bytes(b"PK\x03\x04 kapot")
    done = run_sokwal("ingest", folder, "--store", tmp_path / "s.sokwal", "--role",
                      "sanne=interviewer")  # fmt: skip
    assert done.returncode == 1
    assert re.search(r"error: .*kapot\.zip: .*(damaged|broken)", done.stderr)
    with ProjectStore(tmp_path / "s.sokwal", create=False) as opened:
        segments = opened.segments()
    assert set(segments.loc[segments["speaker"] == "sanne", "role"]) == {"interviewer"}


def test_empty_or_plain_text_is_no_chat() -> None:
    for text in ("", "\n\n", "Interviewer: Hoe ging het?\nR: Goed."):
        assert not looks_like_chat(text)
        with pytest.raises(SokwalError, match="not a WhatsApp chat export"):
            chat_document(text)
