"""The encrypted journal: encrypt, use, back up, rekey and decrypt with every row kept; no copy left plain."""
from __future__ import annotations

import hashlib
import shutil
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from app.cli import main
from app.core.errors import PassphraseNeeded, WrongPassphrase
from app.services import open_spasmlog
from app.services.backups import Backups, list_backups, restore_file
from app.services.privacy import change_passphrase, decrypt, encrypt, is_encrypted
from app.store.connection import connect
from app.store.convert import row_counts
from tests.conftest import T0, FakeClock
from tests.helpers.journals import plain_and_encrypted

PASS = "correct horse battery"
NEW = "staple gun lighthouse"
PLAIN_HEADER = b"SQLite format 3\x00"


def _counts(path: Path, passphrase: str | None = None) -> dict[str, int]:
    conn = connect(path, readonly=True, key=passphrase)
    try:
        return row_counts(conn)
    finally:
        conn.close()


def _header(path: Path) -> bytes:
    return path.read_bytes()[:16]


def _snapshot(folder: Path) -> dict:
    """Every file under the folder with its bytes' hash and mtime: proves nothing was touched or added."""
    return {str(p.relative_to(folder)): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def templates(tmp_path_factory) -> dict[str, Path]:
    """Made once: a plain journal folder (60 days of history, one manual backup) and the same encrypted."""
    return plain_and_encrypted(tmp_path_factory, 60, 3, PASS)


def _fresh(template: Path, tmp_path: Path) -> Path:
    folder = tmp_path / "journal"
    shutil.copytree(template, folder)
    return folder / "journal.db"


@pytest.fixture
def journal(templates, tmp_path) -> Path:
    """A fresh copy of the plain journal (and its backup), for this test alone."""
    return _fresh(templates["plain"], tmp_path)


@pytest.fixture
def encrypted(templates, tmp_path, monkeypatch) -> Path:
    """A fresh copy of the encrypted journal; SPASMLOG_PASSPHRASE holds its passphrase."""
    monkeypatch.setenv("SPASMLOG_PASSPHRASE", PASS)
    return _fresh(templates["encrypted"], tmp_path)


def test_encrypt_use_back_up_rekey_decrypt_keeps_every_row(journal):
    before = _counts(journal)
    assert encrypt(journal, PASS).rows == before
    assert is_encrypted(journal) and _counts(journal, PASS) == before

    clock = FakeClock(T0 + timedelta(days=1))
    svc = open_spasmlog(journal, clock, PASS)
    svc.entries.log_pain(6, note="after encrypt")
    daily = svc.backups.daily()
    svc.close()
    used = _counts(journal, PASS)
    assert used["pain_scores"] == before["pain_scores"] + 1
    assert daily is not None and _counts(daily, PASS) == used

    changed = change_passphrase(journal, PASS, NEW)
    assert changed.rows == used and len(changed.backups) == 2 and not changed.left
    with pytest.raises(WrongPassphrase):
        open_spasmlog(journal, clock, PASS)
    assert _counts(daily, NEW) == used

    done = decrypt(journal, NEW)
    assert done.rows == used and _header(journal) == PLAIN_HEADER
    assert _counts(journal) == used
    assert all(_header(b.path) == PLAIN_HEADER for b in list_backups(journal))


def test_after_encrypt_the_journal_and_every_backup_are_not_plain_sqlite(journal):
    encrypt(journal, PASS)
    clock = FakeClock(T0 + timedelta(days=2))
    svc = open_spasmlog(journal, clock, PASS)
    svc.backups.daily()
    svc.backups.make("manual")
    plain_backup = list_backups(journal)[-1].path  # the one made before encrypt, now rewritten
    svc.backups.restore(plain_backup)  # makes a before-restore copy too
    svc.close()
    kinds = {b.kind for b in list_backups(journal)}
    assert kinds == {"daily", "manual", "before-restore"}
    for path in [journal, *(b.path for b in list_backups(journal, include_damaged=True))]:
        assert _header(path) != PLAIN_HEADER, path
        assert b"pain_scores" not in path.read_bytes(), path  # no table name, let alone a note, readable
    assert not [p for p in journal.parent.iterdir() if p.name.endswith((".converting", "-journal"))]


def test_a_plain_backup_restored_into_an_encrypted_journal_comes_back_encrypted(journal, tmp_path):
    outside = tmp_path / "old" / "copy.db"
    svc = open_spasmlog(journal, FakeClock(T0))
    Backups(svc._db, journal, svc.clock).make("manual")
    svc.close()
    outside.parent.mkdir()
    outside.write_bytes(list_backups(journal)[0].path.read_bytes())
    expected = _counts(outside)
    encrypt(journal, PASS)
    svc = open_spasmlog(journal, FakeClock(T0), PASS)
    svc.entries.log_pain(2)
    svc.close()
    kept = restore_file(journal, outside, FakeClock(T0 + timedelta(hours=1)), PASS)
    assert _header(journal) != PLAIN_HEADER and _header(kept) != PLAIN_HEADER
    assert _counts(journal, PASS)["pain_scores"] == expected["pain_scores"]
    assert _header(outside) == PLAIN_HEADER  # the backup itself is read, never changed


def test_sqlite_utils_works_on_the_sqlcipher_connection(encrypted):
    import sqlite_utils
    svc = open_spasmlog(encrypted, FakeClock(T0), PASS)
    db = sqlite_utils.Database(svc._db.conn)
    assert "pain_scores" in db.table_names()
    assert db["pain_scores"].count == _counts(encrypted, PASS)["pain_scores"]
    svc.close()


def test_services_say_which_is_missing_a_passphrase_or_the_right_one(encrypted):
    with pytest.raises(PassphraseNeeded):
        open_spasmlog(encrypted, FakeClock(T0))
    with pytest.raises(WrongPassphrase):
        open_spasmlog(encrypted, FakeClock(T0), "not the passphrase")


@pytest.mark.parametrize("command", [["status"], ["log", "pain", "5"], ["backup"], ["decrypt"],
                                     ["passphrase"], ["export", "--out", "EXPORT"], ["demo", "--days", "3"]])
@pytest.mark.parametrize("given", ["none", "wrong"])
def test_no_or_a_wrong_passphrase_exits_2_and_changes_nothing(command, given, encrypted, monkeypatch, capsys, tmp_path):
    if given == "none":
        monkeypatch.delenv("SPASMLOG_PASSPHRASE")
    else:
        monkeypatch.setenv("SPASMLOG_PASSPHRASE", "not the passphrase")
    monkeypatch.setenv("SPASMLOG_NEW_PASSPHRASE", NEW)
    command = [str(tmp_path / "export") if part == "EXPORT" else part for part in command]
    before = _snapshot(encrypted.parent)
    assert main([*command, "--db", str(encrypted)]) == 2
    err = capsys.readouterr().err
    assert ("protected with a passphrase" if given == "none" else "Wrong passphrase") in err
    assert str(encrypted) in err and "restore" not in err.lower()  # never offers a restore
    assert len(err.strip().splitlines()) == 1
    assert _snapshot(encrypted.parent) == before
    assert not (tmp_path / "export").exists()


def test_the_passphrase_comes_from_a_file(encrypted, monkeypatch, tmp_path, capsys):
    monkeypatch.delenv("SPASMLOG_PASSPHRASE")
    secret = tmp_path / "secret.txt"
    secret.write_text(PASS + "\n")
    assert main(["log", "pain", "3", "--db", str(encrypted), "--passphrase-file", str(secret)]) == 0
    secret.write_text("")
    assert main(["status", "--db", str(encrypted), "--passphrase-file", str(secret)]) == 2
    assert "--passphrase-file" in capsys.readouterr().err


def test_encrypt_refuses_a_short_passphrase_and_changes_nothing(journal, monkeypatch, capsys):
    monkeypatch.setenv("SPASMLOG_PASSPHRASE", "short")
    before = _snapshot(journal.parent)
    assert main(["encrypt", "--db", str(journal)]) == 2
    assert "at least 8 characters" in capsys.readouterr().err
    assert _snapshot(journal.parent) == before


def test_cli_encrypt_passphrase_decrypt_round_trip(journal, cli):
    before = _counts(journal)
    env = {"SPASMLOG_PASSPHRASE": PASS}
    result = cli("encrypt", db=journal, env=env)
    assert result.code == 0 and "cannot be recovered" in result.out
    assert cli("status", db=journal).code == 2
    assert cli("log", "pain", "4", db=journal, env=env).code == 0
    assert cli("passphrase", db=journal, env={**env, "SPASMLOG_NEW_PASSPHRASE": NEW}).code == 0
    result = cli("decrypt", "--json", db=journal, env={"SPASMLOG_PASSPHRASE": NEW})
    assert result.code == 0
    rows = result.json()["rows"]
    assert rows["pain_scores"] == before["pain_scores"] + 1 and rows["doses"] == before["doses"]
    assert _header(journal) == PLAIN_HEADER


def test_a_plain_journal_never_loads_sqlcipher(journal):
    import subprocess
    code = ("import sys; from app.services import open_spasmlog; s = open_spasmlog(sys.argv[1]); s.status(); "
            "s.close(); print('sqlcipher3' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code, str(journal)], capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parents[1], timeout=60)
    assert out.stdout.strip() == "False", out.stderr


def test_the_reminder_agent_reads_due_times_without_the_passphrase(encrypted):
    import stat as stat_module

    from app.services.agent_schedule import DISCREET_TEXT, read_schedule, schedule_path, write_schedule
    clock = FakeClock(T0)
    svc = open_spasmlog(encrypted, clock, PASS)
    svc.entries.log_pain(7, note="bladder trouble since this morning")
    written = write_schedule(svc)
    coming = svc.reminders.between(T0, T0 + timedelta(days=1))
    svc.close()
    assert written == schedule_path(encrypted)
    assert stat_module.S_IMODE(written.stat().st_mode) == 0o600
    assert "bladder" not in written.read_text() and "pain" not in written.read_text().replace("pain_checkin", "")
    due = read_schedule(encrypted, T0, T0 + timedelta(days=1))  # no passphrase, no journal opened
    assert [d["at"] for d in due] == [r["at"] for r in coming] and due
    assert {d["message"] for d in due} == {DISCREET_TEXT}


def test_the_pdf_of_an_encrypted_journal_can_be_locked_with_a_password(encrypted, tmp_path, monkeypatch, capsys):
    from pypdf import PdfReader
    secret = tmp_path / "pdf-password.txt"
    secret.write_text("doctor's copy\n")
    out = tmp_path / "export"
    assert main(["export", "--out", str(out), "--format", "pdf", "--db", str(encrypted),
                 "--pdf-password-file", str(secret)]) == 0
    pdf = next(out.glob("*.pdf"))
    reader = PdfReader(pdf)
    assert reader.is_encrypted
    assert reader.decrypt("not it") == 0
    assert reader.decrypt("doctor's copy") != 0 and len(reader.pages) >= 1
    secret.write_text("short\n")
    assert main(["export", "--out", str(tmp_path / "again"), "--format", "pdf", "--db", str(encrypted),
                 "--pdf-password-file", str(secret)]) == 2
    assert "at least 6 characters" in capsys.readouterr().err
    assert not (tmp_path / "again").exists()
