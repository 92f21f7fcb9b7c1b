"""The key file locked: encrypted at rest with a passphrase, refused when the passphrase
is wrong or missing or the file is truncated or tampered with (and then nothing is
written, to the key file or the store), and a plain key file migrated on request."""

from __future__ import annotations

import getpass
import os
import struct
import subprocess
import sys
from pathlib import Path

import pytest
from gold import gold_strings
from test_pseudonymize import FILES, P01_2019, PERSONAL, Project, make_project, originals_in

from sokwal_monitor.cli import main
from sokwal_monitor.errors import KeyFileError, SokwalError, StoreError
from sokwal_monitor.ingestion import ingest
from sokwal_monitor.privacy import KeyFile, encrypt_key_file, pseudonymize, review
from sokwal_monitor.privacy.crypto import HEADER_SIZE, MAGIC, Kdf, derive, seal
from sokwal_monitor.privacy.detect import deduce_pipeline
from sokwal_monitor.privacy.entities import Pseudonyms
from sokwal_monitor.privacy.keyfile import Original
from sokwal_monitor.store import ProjectStore

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "zeven lange woorden voor de sleutel"
OTHER = "zeven lange woorden voor het slot"
SECRET_TEXT = "Mevrouw Hendrika Oosterveld-Bruins woont aan de Lindelaan 4 in Wierden."


@pytest.fixture(scope="module", autouse=True)
def _deduce() -> None:
    """Load deduce once per test process (it takes seconds)."""
    deduce_pipeline()


def sealed_leaks(data: bytes, strings: list[str]) -> list[str]:
    """The strings (of 6 characters or more, in any case) found in encrypted bytes. A
    shorter one turns up in random bytes by chance once in a few thousand runs, and a
    leak of plaintext shows the longer ones as well."""
    data = data.lower()
    return [s for s in strings if len(s) >= 6 and s.lower().encode("utf-8") in data]


def fill(key: KeyFile) -> None:
    """Something of everything a key file holds."""
    key.add_lists(allow=["Wierden"], deny=["Oosterveld"])
    key.save_originals([("d1", Original(SECRET_TEXT, "Gesprek met Hendrika", {0: "HOB"}, {}, {}))])
    table = Pseudonyms()
    table.numbers[("PERSOON", "oosterveld-bruins")] = 1
    table.mentions[("PERSOON", "oosterveld-bruins")] = {"Hendrika Oosterveld-Bruins"}
    key.save_pseudonyms(table)


def contents(key: KeyFile) -> tuple:
    """What a key file holds, comparable."""
    originals = {d: key.original(d) for d in ("d1",)}
    return key.key_id, key.lists(), key.mentions(), originals, key.replacements("d1")


def folder_state(*folders: Path) -> dict[str, tuple[bytes, int]]:
    """Every file in the folders (hidden and side files included): bytes and mtime."""
    return {
        str(p): (p.read_bytes(), p.stat().st_mtime_ns)
        for folder in folders
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


@pytest.fixture
def locked(tmp_path: Path) -> Path:
    """A new encrypted key file with a little of everything in it."""
    path = tmp_path / "sleutel" / "project.sokwal-key"
    with KeyFile(path, PASSPHRASE) as key:
        assert key.encrypted
        fill(key)
    return path


# -- round trip ------------------------------------------------------------------------


def test_round_trip(locked: Path) -> None:
    data = locked.read_bytes()
    assert data.startswith(MAGIC)
    for plain in [SECRET_TEXT, "Hendrika", "Oosterveld", "Lindelaan", "Wierden", "SQLite format"]:
        assert plain.encode() not in data and plain.encode("utf-16-le") not in data
    assert oct(locked.stat().st_mode & 0o777) == "0o600"
    assert [p.name for p in locked.parent.iterdir()] == [locked.name]  # no temp file left
    with KeyFile(locked, PASSPHRASE) as key:
        assert key.encrypted and key.kdf in ("argon2id", "scrypt")
        assert key.original("d1") == Original(
            SECRET_TEXT, "Gesprek met Hendrika", {0: "HOB"}, {}, {}
        )
        assert key.lists() == (["Wierden"], ["Oosterveld"])
        assert key.mentions() == [("[PERSOON-1]", "PERSOON", "Hendrika Oosterveld-Bruins")]
        first = contents(key)
        key.add_lists(allow=["Enter"])  # a change: written again, with a fresh nonce
    again = locked.read_bytes()
    assert again[:HEADER_SIZE] != data[:HEADER_SIZE] and again[8:38] == data[8:38]
    with KeyFile(locked, PASSPHRASE) as key:
        assert key.lists() == (["Enter", "Wierden"], ["Oosterveld"])
        assert contents(key)[0] == first[0]


def test_reading_writes_nothing(locked: Path) -> None:
    before = folder_state(locked.parent)
    with KeyFile(locked, PASSPHRASE) as key:
        key.add_lists(allow=["Wierden"])  # already there: no change, no write
        assert key.lists()[0] == ["Wierden"]
    assert folder_state(locked.parent) == before


def test_the_passphrase_from_the_environment(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("SOKWAL_KEY_PASSPHRASE", PASSPHRASE)
    path = tmp_path / "k.sokwal-key"
    with KeyFile(path) as key:
        assert key.encrypted
        fill(key)
    monkeypatch.delenv("SOKWAL_KEY_PASSPHRASE")
    with KeyFile(path, PASSPHRASE) as key:  # the same passphrase, given directly
        assert key.lists() == (["Wierden"], ["Oosterveld"])


def test_accents_typed_either_way_are_the_same_passphrase(tmp_path: Path) -> None:
    path = tmp_path / "k.sokwal-key"
    composed, decomposed = "café in Hellendoorn", "cafe\u0301 in Hellendoorn"
    with KeyFile(path, composed) as key:
        fill(key)
    with KeyFile(path, decomposed) as key:
        assert key.lists()[0] == ["Wierden"]


def test_an_older_scrypt_file_still_opens(tmp_path: Path) -> None:
    path = tmp_path / "k.sokwal-key"
    with KeyFile(path, encrypt=False) as key:
        fill(key)
    assert encrypt_key_file(path, PASSPHRASE, kdf=Kdf.scrypt(n=2**14)) is True
    with KeyFile(path, PASSPHRASE) as key:
        assert key.kdf == "scrypt"
        assert key.original("d1") is not None


def test_without_a_passphrase_a_new_key_file_is_plain(tmp_path: Path) -> None:
    path = tmp_path / "k.sokwal-key"
    with KeyFile(path) as key:
        assert not key.encrypted
        fill(key)
    assert path.read_bytes().startswith(b"SQLite format 3\0")
    with KeyFile(path, PASSPHRASE) as key:  # a plain file needs none, and stays plain
        assert not key.encrypted and key.lists()[0] == ["Wierden"]
    with pytest.raises(KeyFileError, match="no passphrase to encrypt"):
        KeyFile(tmp_path / "nieuw.sokwal-key", encrypt=True)
    assert not (tmp_path / "nieuw.sokwal-key").exists()


def test_a_short_new_passphrase_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "k.sokwal-key"
    with pytest.raises(KeyFileError, match="too short") as info:
        KeyFile(path, "geheim")
    assert str(path) in str(info.value)
    assert list(tmp_path.iterdir()) == []


# -- refusals: nothing read, nothing written ----------------------------------------------


def test_wrong_passphrase(locked: Path) -> None:
    before = folder_state(locked.parent)
    with pytest.raises(KeyFileError) as info:
        KeyFile(locked, OTHER)
    message = str(info.value)
    assert message.startswith(f"{locked}: wrong passphrase for this key file; ")
    assert "SOKWAL_KEY_PASSPHRASE" in message
    assert isinstance(info.value, StoreError)
    assert folder_state(locked.parent) == before


def test_missing_passphrase_without_a_terminal(locked: Path, monkeypatch) -> None:
    class NoTerminal:
        def isatty(self) -> bool:
            return False

    monkeypatch.setattr(sys, "stdin", NoTerminal())
    monkeypatch.setattr(getpass, "getpass", lambda *a, **k: pytest.fail("asked without a TTY"))
    before = folder_state(locked.parent)
    with pytest.raises(KeyFileError) as info:
        KeyFile(locked)
    message = str(info.value)
    assert message.startswith(f"{locked}: the key file is encrypted: give its passphrase; ")
    assert "SOKWAL_KEY_PASSPHRASE" in message and "terminal" in message
    assert folder_state(locked.parent) == before


def test_the_passphrase_asked_on_a_terminal(tmp_path: Path, monkeypatch) -> None:
    class Terminal:
        def isatty(self) -> bool:
            return True

    answers: list[str] = []
    prompts: list[str] = []

    def fake_getpass(prompt: str = "", stream: object = None) -> str:
        prompts.append(prompt)
        return answers.pop(0)

    monkeypatch.setattr(sys, "stdin", Terminal())
    monkeypatch.setattr(getpass, "getpass", fake_getpass)
    path = tmp_path / "k.sokwal-key"
    answers[:] = [PASSPHRASE, OTHER]  # two different ones: refused, nothing written
    with pytest.raises(KeyFileError, match="the two passphrases differ"):
        KeyFile(path)
    assert not path.exists()
    answers[:] = [PASSPHRASE, PASSPHRASE]  # a new key file: asked twice
    with KeyFile(path) as key:
        assert key.encrypted
        fill(key)
    assert len(prompts) == 4 and "New passphrase" in prompts[2]
    answers[:] = [PASSPHRASE]  # opening it: asked once
    with KeyFile(path) as key:
        assert key.lists()[0] == ["Wierden"]
    assert prompts[-1] == f"Passphrase of the key file {path}: "
    answers[:] = [""]  # nothing typed for a new file: a plain one
    with KeyFile(tmp_path / "plain.sokwal-key") as key:
        assert not key.encrypted


@pytest.mark.parametrize("keep", [0, 7, 40, HEADER_SIZE, HEADER_SIZE + 15, "half", -1])
def test_truncated_key_file(locked: Path, keep: int | str) -> None:
    data = locked.read_bytes()
    n = len(data) // 2 if keep == "half" else keep if isinstance(keep, int) and keep >= 0 else -1
    locked.write_bytes(data[:n])
    before = folder_state(locked.parent)
    with pytest.raises(KeyFileError) as info:
        KeyFile(locked, PASSPHRASE)
    assert str(info.value).startswith(f"{locked}: ")
    assert "backup" in str(info.value) or "truncated" in str(info.value)
    assert folder_state(locked.parent) == before


def _regions(size: int) -> dict[str, int]:
    """One byte offset in each part of an encrypted key file."""
    return {
        "version": 8, "kdf": 9, "kdf parameter": 13, "salt": 25, "nonce": 40, "check": 55,
        "header digest": 70, "ciphertext start": HEADER_SIZE, "ciphertext": size // 2,
        "tag": size - 3,
    }  # fmt: skip


@pytest.mark.parametrize("region", [*_regions(1000), "magic", "an appended byte", "a byte missing"])
def test_one_flipped_byte_is_refused(locked: Path, region: str) -> None:
    data = bytearray(locked.read_bytes())
    if region == "magic":
        data[2] ^= 0x01
    elif region == "an appended byte":
        data += b"\0"
    elif region == "a byte missing":
        del data[len(data) // 3]
    else:
        data[_regions(len(data))[region]] ^= 0x01
    locked.write_bytes(bytes(data))
    before = folder_state(locked.parent)
    with pytest.raises(StoreError) as info:  # KeyFileError, or "not a key file" (magic)
        KeyFile(locked, PASSPHRASE)
    message = str(info.value)
    assert message.startswith(f"{locked}: ")
    assert "wrong passphrase" not in message  # damage is not blamed on the passphrase
    assert folder_state(locked.parent) == before


def _forged_header(data: bytes, **fields: int) -> bytes:
    """A header with changed fields and a digest that matches them (a hostile file)."""
    import hashlib

    layout = struct.Struct(">8sBBIII16s12s16s")
    values = list(layout.unpack(data[: layout.size]))
    names = ["magic", "version", "kind", "p1", "p2", "p3", "salt", "nonce", "check"]
    for name, value in fields.items():
        values[names.index(name)] = value
    header = layout.pack(*values)
    return header + hashlib.sha256(header).digest()[:8] + data[HEADER_SIZE:]


def test_a_hostile_header_is_refused_without_deriving(locked: Path) -> None:
    data = locked.read_bytes()
    locked.write_bytes(_forged_header(data, kind=1, p1=2**30, p2=8, p3=1))  # 128 GiB scrypt
    with pytest.raises(KeyFileError, match="unusable scrypt parameters"):
        KeyFile(locked, PASSPHRASE)
    locked.write_bytes(_forged_header(data, kind=7))
    with pytest.raises(KeyFileError, match="newer sokwal-monitor"):
        KeyFile(locked, PASSPHRASE)
    locked.write_bytes(_forged_header(data, version=2))
    with pytest.raises(KeyFileError, match="format version 2"):
        KeyFile(locked, PASSPHRASE)


def test_a_change_by_another_program_is_not_overwritten(locked: Path) -> None:
    with KeyFile(locked, PASSPHRASE) as first:
        with KeyFile(locked, PASSPHRASE) as second:
            second.add_lists(deny=["Bruins"])
        theirs = locked.read_bytes()
        with pytest.raises(KeyFileError, match="changed by another program"):
            first.add_lists(deny=["Hendrika"])
        assert first.lists()[1] == ["Oosterveld"]  # rolled back in memory too
    assert locked.read_bytes() == theirs
    assert [p.name for p in locked.parent.iterdir()] == [locked.name]


def test_a_failed_write_leaves_the_file_and_the_memory_as_they_were(
    locked: Path, monkeypatch
) -> None:
    before = folder_state(locked.parent)

    def full_disk(*args: object) -> None:
        raise OSError(28, "No space left on device")

    with KeyFile(locked, PASSPHRASE) as key:
        monkeypatch.setattr(os, "replace", full_disk)
        with pytest.raises(KeyFileError, match="could not be written .No space left"):
            key.add_lists(deny=["Bruins"])
        monkeypatch.undo()
        assert key.lists()[1] == ["Oosterveld"]
    assert folder_state(locked.parent) == before


def test_not_a_key_file_whatever_it_starts_with(tmp_path: Path) -> None:
    fake = tmp_path / "vreemd.sokwal-key"
    key = derive(PASSPHRASE, Kdf.scrypt(n=2**10))
    fake.write_bytes(seal(b"dit is geen SQLite-database" * 50, key))
    with pytest.raises(StoreError, match="not a sokwal-monitor key file"):
        KeyFile(fake, PASSPHRASE)
    folder = tmp_path / "map.sokwal-key"
    folder.mkdir()
    with pytest.raises(KeyFileError, match="a folder"):
        KeyFile(folder, PASSPHRASE)


# -- pseudonymize with an encrypted key file ---------------------------------------------


@pytest.fixture
def project(tmp_path: Path) -> Project:
    return make_project(tmp_path)


def test_pseudonymize_with_an_encrypted_key(project: Project) -> None:
    report = pseudonymize(project.store, project.key, passphrase=PASSPHRASE)
    assert report.key_encrypted and report.warnings == []
    assert len(report.changed) == 4
    assert sealed_leaks(project.key.read_bytes(), PERSONAL) == []  # the key holds them, locked
    with KeyFile(project.key, PASSPHRASE) as key:
        held = " ".join(key.original(project.doc_id(p)).text for p in FILES)  # type: ignore[union-attr]
    assert set(originals_in(held.encode())) == set(PERSONAL)  # the check can see
    again = pseudonymize(project.store, project.key, passphrase=PASSPHRASE)
    assert again.changed == []
    with ProjectStore(project.store) as store:
        table = review(store, project.key, passphrase=PASSPHRASE)
        assert "Kees Bakker" in " ".join(table["original"])
        with pytest.raises(KeyFileError, match="wrong passphrase"):
            review(store, project.key, passphrase=OTHER)
        with pytest.raises(KeyFileError, match="no key file here"):
            review(store, project.key.with_name("elders.sokwal-key"), passphrase=PASSPHRASE)


def test_every_refusal_writes_nothing(project: Project, tmp_path: Path) -> None:
    pseudonymize(project.store, project.key, passphrase=PASSPHRASE)
    (project.corpus / "P01_2020_interview.txt").write_text(
        "I: En nu?\nR: Henk Brouwer kookt nu.\n", encoding="utf-8"
    )
    assert ingest(project.store, project.corpus).exit_code == 0  # one new, plain document
    good = project.key.read_bytes()
    attempts = {
        "wrong": (good, OTHER),
        "missing": (good, None),
        "truncated": (good[: len(good) - 20], PASSPHRASE),
        "tampered": (good[:200] + bytes([good[200] ^ 0x40]) + good[201:], PASSPHRASE),
    }
    for name, (data, passphrase) in attempts.items():
        project.key.write_bytes(data)
        before = folder_state(project.store.parent, project.key.parent)
        with pytest.raises(KeyFileError) as info:
            pseudonymize(project.store, project.key, passphrase=passphrase)
        assert str(info.value).startswith(f"{project.key}: "), name
        with pytest.raises(KeyFileError):  # ingest --pseudonymize: not even the ingest
            write = project.corpus / "P02_2020_interview.txt"
            write.write_text("I: Wie?\nR: Truus Mulder.\n", encoding="utf-8")
            ingest(
                project.store,
                project.corpus,
                pseudonymize=True,
                key=project.key,
                passphrase=passphrase,
            )
        write.unlink()
        assert folder_state(project.store.parent, project.key.parent) == before, name
    project.key.write_bytes(good)
    report = pseudonymize(project.store, project.key, passphrase=PASSPHRASE)
    assert report.changed == [project.doc_id("P01_2020_interview.txt")]


# -- migration of a plain key file --------------------------------------------------------


def _everything(key: KeyFile, doc_ids: list[str]) -> tuple:
    return (
        key.key_id,
        key.lists(),
        key.mentions(),
        {d: key.original(d) for d in doc_ids},
        {d: key.replacements(d) for d in doc_ids},
    )


def test_migrating_a_plain_key_file(project: Project, tmp_path: Path, monkeypatch, capsys) -> None:
    report = pseudonymize(project.store, project.key, allow=["Markelo"], deny=["Wuppie"])
    assert not report.key_encrypted and "--encrypt-key" in report.warnings[0]
    doc_ids = [project.doc_id(p) for p in FILES]
    with KeyFile(project.key) as key:
        before = _everything(key, doc_ids)
    texts = project.texts()
    # a second name for the plain file's data: after migration it reads zeros
    witness = tmp_path / "witness"
    os.link(project.key, witness)
    plain_size = witness.stat().st_size
    assert set(originals_in(witness.read_bytes())) - {"Markelo"} == set(PERSONAL) - {"Markelo"}

    args = ["pseudonymize", "--store", str(project.store), "--key", str(project.key)]
    # no passphrase (no variable, no terminal): refused, the plain file untouched
    plain = project.key.read_bytes()
    assert main([*args, "--encrypt-key"]) == 2
    [line] = capsys.readouterr().err.splitlines()
    assert line.startswith(f"error: {project.key}: no passphrase to encrypt the key file with; ")
    assert "SOKWAL_KEY_PASSPHRASE" in line
    assert project.key.read_bytes() == plain

    monkeypatch.setenv("SOKWAL_KEY_PASSPHRASE", PASSPHRASE)
    assert main([*args, "--encrypt-key"]) == 0
    out, err = capsys.readouterr()
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == f"key file encrypted: {project.key} (the plain file was overwritten)"
    assert lines[1].startswith("4 documents, 0 changed; ")  # the re-run changes nothing
    assert project.texts() == texts
    data = project.key.read_bytes()
    assert data.startswith(MAGIC) and sealed_leaks(data, PERSONAL) == []
    assert sorted(p.name for p in project.key.parent.iterdir()) == [project.key.name]
    assert witness.read_bytes() == b"\0" * plain_size  # the plain data overwritten
    with KeyFile(project.key) as key:  # (the passphrase from the variable)
        assert key.encrypted
        assert _everything(key, doc_ids) == before  # every original intact

    # again: already encrypted, nothing to migrate; a plain run leaves it encrypted
    assert main([*args, "--encrypt-key"]) == 0
    assert "key file encrypted" not in capsys.readouterr().out
    assert main(args) == 0
    assert project.key.read_bytes().startswith(MAGIC)
    monkeypatch.setenv("SOKWAL_KEY_PASSPHRASE", OTHER)
    assert main([*args, "--encrypt-key"]) == 2
    assert "wrong passphrase" in capsys.readouterr().err


def test_migration_refuses_what_is_not_a_key_file(tmp_path: Path) -> None:
    notes = tmp_path / "notities.sokwal-key"
    notes.write_text("geen sleutel\n" * 100, encoding="utf-8")
    with pytest.raises(StoreError, match="not a sokwal-monitor key file"):
        encrypt_key_file(notes, PASSPHRASE)
    assert notes.read_text(encoding="utf-8") == "geen sleutel\n" * 100
    with pytest.raises(KeyFileError, match="no key file here"):
        encrypt_key_file(tmp_path / "nergens.sokwal-key", PASSPHRASE)
    plain = tmp_path / "k.sokwal-key"
    KeyFile(plain, encrypt=False).close()
    with pytest.raises(KeyFileError, match="too short"):
        encrypt_key_file(plain, "kort")
    assert plain.read_bytes().startswith(b"SQLite format 3\0")


def test_a_new_key_with_encrypt_key_needs_a_passphrase(project: Project, capsys) -> None:
    args = ["pseudonymize", "--store", str(project.store), "--key", str(project.key)]
    texts = project.texts()
    assert main([*args, "--encrypt-key"]) == 2
    assert "no passphrase to encrypt the new key file" in capsys.readouterr().err
    assert not project.key.exists() and project.texts() == texts


def test_cli_wrong_passphrase(project: Project, monkeypatch, capsys) -> None:
    monkeypatch.setenv("SOKWAL_KEY_PASSPHRASE", PASSPHRASE)
    args = ["pseudonymize", "--store", str(project.store), "--key", str(project.key)]
    assert main(args) == 0
    capsys.readouterr()
    monkeypatch.setenv("SOKWAL_KEY_PASSPHRASE", OTHER)
    texts = project.texts()
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [
        f"error: {project.key}: wrong passphrase for this key file; check"
        " SOKWAL_KEY_PASSPHRASE or what you typed (nothing was read or changed)"
    ]
    assert project.texts() == texts


# -- the sample and the installed script ---------------------------------------------------


def test_the_samples_personal_data_is_not_in_the_encrypted_key(tmp_path: Path) -> None:
    store = tmp_path / "sample.sokwal"
    assert ingest(store, ROOT / "data" / "sample", progress=False).exit_code == 0
    key = tmp_path / "sample.sokwal-key"
    report = pseudonymize(store, key, passphrase=PASSPHRASE, progress=False)
    assert report.key_encrypted
    gold = gold_strings()
    assert len(gold) > 50
    data = key.read_bytes()
    assert sealed_leaks(data, gold) == []
    for encoding in ("utf-16-le", "utf-16-be"):
        assert [g for g in gold if g.encode(encoding) in data] == [], encoding
    with KeyFile(key, PASSPHRASE) as keyfile:  # the key holds them: the check can see
        with ProjectStore(store) as the_store:
            ids = the_store.documents()["doc_id"]
        held = " ".join(o.text for d in ids if (o := keyfile.original(d)) is not None)
    assert len([g for g in gold if g in held]) > 0.9 * len(gold)


def test_installed_script_with_an_encrypted_key(tmp_path: Path) -> None:
    """The console script as a subprocess: the passphrase from the environment only."""
    project = make_project(tmp_path, {"P01_2019_interview.txt": P01_2019})
    env = {**os.environ, "PYTHONWARNINGS": "error", "PYTHONIOENCODING": "utf-8"}
    env["SOKWAL_KEY_PASSPHRASE"] = PASSPHRASE
    script = Path(sys.executable).with_name("sokwal")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "sokwal_monitor.cli"]
    args = ["pseudonymize", "--store", str(project.store), "--key", str(project.key)]
    done = subprocess.run(
        [*command, *args], capture_output=True, text=True, env=env, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert project.key.read_bytes().startswith(MAGIC)
    del env["SOKWAL_KEY_PASSPHRASE"]  # no variable, no terminal (stdin is not one)
    done = subprocess.run(
        [*command, *args],
        capture_output=True,
        text=True,
        env=env,
        stdin=subprocess.DEVNULL,
        timeout=120,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"error: {project.key}: the key file is encrypted")
    assert "SOKWAL_KEY_PASSPHRASE" in done.stderr


def test_errors_are_sokwal_errors() -> None:
    err = KeyFileError("k.sokwal-key", "wrong passphrase for this key file", "check it")
    assert isinstance(err, SokwalError) and isinstance(err, StoreError)
    assert str(err) == "k.sokwal-key: wrong passphrase for this key file; check it"
