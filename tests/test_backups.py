"""Backups: daily at most once, keep 7, private files, consistent copies; restore in the app and from the CLI."""
from __future__ import annotations

import gc
import hashlib
import os
import sqlite3
import stat
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.errors import DamagedJournal
from app.services import open_spasmlog
from app.services.backups import Backups, list_backups, restore_file
from tests.conftest import local_noon


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _pain_notes(path: Path) -> list[str]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return [r[0] for r in conn.execute("SELECT note FROM pain_scores ORDER BY id")]
    finally:
        conn.close()


def test_daily_once_per_day_keeps_seven(svc, clock):
    clock.at = local_noon(clock())  # "the same day" three hours later, in whatever zone the suite runs
    svc.entries.log_pain(4, note="day 0")
    first = svc.backups.daily()
    assert first is not None and first.parent == svc.path.parent / "backups"
    assert svc.backups.daily() is None
    clock.advance(hours=3)
    assert svc.backups.daily() is None  # same day
    made = [first]
    for day in range(1, 11):
        clock.advance(days=1)
        svc.entries.log_pain(day % 11, note=f"day {day}")
        made.append(svc.backups.daily())
        assert svc.backups.daily() is None
    names = [b.path for b in svc.backups.list()]
    assert names == made[-7:][::-1]  # newest first, the last 7 kept
    assert sorted(p.name for p in names) == [p.name for p in made[-7:]]  # names sort by time
    assert svc.backups.latest().path == made[-1]
    assert _pain_notes(made[-1])[-1] == "day 10"


def test_backup_is_consistent_private_and_self_contained(svc, clock):
    for i in range(50):
        svc.entries.log_pain(i % 11, note=f"n{i}")
    # Another connection writes too: still only in the WAL, it must be in the copy.
    other = sqlite3.connect(svc.path)
    other.execute("INSERT INTO pain_scores (at, score, note) VALUES ('2026-03-02T08:00:00+00:00', 1, 'from wal')")
    other.commit()
    path = svc.backups.make()
    other.close()
    assert _mode(path) == 0o600 and _mode(path.parent) == 0o700
    assert not Path(f"{path}-wal").exists()
    assert open(path, "rb").read(20)[18:20] == b"\x01\x01"  # rollback-journal file: no -wal needed
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()
    assert _pain_notes(path) == [f"n{i}" for i in range(50)] + ["from wal"]
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary files left


@pytest.mark.parametrize("umask", [0o022, 0o000, 0o077])
def test_backup_permissions_whatever_the_umask(tmp_path, clock, umask):
    old = os.umask(umask)
    try:
        svc = open_spasmlog(tmp_path / "j" / "journal.db", clock)
        svc.entries.log_pain(2)
        made = svc.backups.daily()
        svc.close()
    finally:
        os.umask(old)
    assert _mode(made) == 0o600 and _mode(made.parent) == 0o700


def test_restore_in_the_running_app(svc, clock):
    svc.entries.log_pain(3, note="before backup")
    backup = svc.backups.daily()
    clock.advance(hours=1)
    svc.entries.log_pain(8, note="after backup")
    reader = sqlite3.connect(svc.path)  # another connection open during the restore
    assert reader.execute("SELECT count(*) FROM pain_scores").fetchone()[0] == 2
    safety = svc.backups.restore(backup)
    # The same open service sees the restored journal and keeps working.
    assert [p.note for p in svc._repo.between("pain")] == ["before backup"]
    assert reader.execute("SELECT count(*) FROM pain_scores").fetchone()[0] == 1
    reader.close()
    svc.entries.log_pain(5, note="after restore")
    assert svc._db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert svc._db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    # The journal as it was just before the restore was backed up first.
    assert safety.name.endswith("-before-restore.db") and _mode(safety) == 0o600
    assert _pain_notes(safety) == ["before backup", "after backup"]
    assert _pain_notes(backup) == ["before backup"]  # the backup itself is unchanged


def test_restore_file_on_a_healthy_closed_journal(svc, clock, journal_path):
    svc.entries.log_pain(1, note="old")
    backup = svc.backups.make()
    svc.entries.log_pain(2, note="new")
    svc.close()
    kept = restore_file(journal_path, backup, clock)
    assert _pain_notes(kept) == ["old", "new"]
    assert _pain_notes(journal_path) == ["old"]
    assert _mode(journal_path) == 0o600


@pytest.mark.parametrize("damage", ["garbage", "truncated", "newer"])
def test_restore_file_when_the_journal_cannot_be_opened(svc, clock, journal_path, damage):
    svc.entries.log_pain(6, note="saved")
    backup = svc.backups.make()
    svc.close()
    data = journal_path.read_bytes()
    if damage == "garbage":
        data = b"not a database" * 100
    elif damage == "truncated":
        data = data[:4096]
    else:
        conn = sqlite3.connect(journal_path)
        conn.execute("PRAGMA user_version = 42")
        conn.commit()
        conn.close()
        data = journal_path.read_bytes()
    journal_path.write_bytes(data)
    with pytest.raises(DamagedJournal):
        open_spasmlog(journal_path, clock)
    kept = restore_file(journal_path, backup, clock)
    assert kept.read_bytes() == data  # the damaged file is kept byte for byte, never deleted
    assert kept.name.endswith("-damaged.db") and _mode(kept) == 0o600
    assert list_backups(journal_path, include_damaged=True)[0].kind in ("damaged", "manual")
    assert all(b.kind != "damaged" for b in list_backups(journal_path))  # not offered for restore
    reopened = open_spasmlog(journal_path, clock)
    assert [p.note for p in reopened._repo.between("pain")] == ["saved"]
    reopened.close()
    assert _mode(journal_path) == 0o600


def test_restore_file_with_hidden_damage_moves_it_aside(svc, clock, journal_path):
    for i in range(400):
        svc.entries.log_pain(i % 11, note="padding " * 10)
    backup = svc.backups.make()
    svc.close()
    data = bytearray(journal_path.read_bytes())
    data[-4096:] = b"\xee" * 4096  # a data page, not the schema: the file still opens
    journal_path.write_bytes(bytes(data))
    kept = restore_file(journal_path, backup, clock)
    assert kept.read_bytes() == bytes(data)
    assert len(_pain_notes(journal_path)) == 400


def test_memory_journal_has_no_backups(mem):
    assert mem.backups.daily() is None
    assert mem.backups.list() == [] and mem.backups.latest() is None
    with pytest.raises(DamagedJournal):
        mem.backups.make()


def _digest(path: Path):
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


@pytest.mark.parametrize("bad", ["missing", "text", "truncated", "newer", "empty", "other_sqlite", "journal_itself"])
def test_cli_restore_refuses_a_bad_backup(tmp_path, capsys, bad):
    journal = tmp_path / "journal.db"
    assert main(["log", "pain", "5", "--db", str(journal)]) == 0
    assert main(["backup", "--db", str(journal)]) == 0
    good = list_backups(journal)[0].path
    backup = tmp_path / "backup.db"
    if bad == "text":
        backup.write_text("hello")
    elif bad == "truncated":
        backup.write_bytes(good.read_bytes()[:1024])
    elif bad == "newer":
        backup.write_bytes(good.read_bytes())
        conn = sqlite3.connect(backup)
        conn.execute("PRAGMA user_version = 99")
        conn.commit()
        conn.close()
    elif bad == "empty":
        backup.touch()
    elif bad == "other_sqlite":
        conn = sqlite3.connect(backup)
        conn.execute("CREATE TABLE t (x)")
        conn.commit()
        conn.close()
    elif bad == "journal_itself":
        backup = journal
    capsys.readouterr()
    gc.collect()  # the log/backup commands above leave their journal open; closing it later checkpoints the WAL
    before = _digest(journal)
    backup_before = _digest(backup) if backup.exists() else None
    assert main(["restore", str(backup), "--db", str(journal)]) == 2
    err = capsys.readouterr().err
    assert str(backup) in err and "Traceback" not in err
    assert _digest(journal) == before
    assert (_digest(backup) if backup.exists() else None) == backup_before
    assert [b.kind for b in list_backups(journal)] == ["manual"]  # no safety copy for a refused restore


def test_cli_backup_list_and_restore(tmp_path, capsys, cli):
    journal = tmp_path / "journal.db"
    assert main(["log", "pain", "2", "--note", "kept", "--db", str(journal)]) == 0
    capsys.readouterr()
    assert main(["backup", "--db", str(journal), "--json"]) == 0
    import json
    made = Path(json.loads(capsys.readouterr().out)["backup"])
    assert main(["log", "pain", "9", "--note", "dropped", "--db", str(journal)]) == 0
    capsys.readouterr()
    assert main(["backup", "--list", "--db", str(journal), "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["backups"]
    assert [b["path"] for b in listed] == [str(made)]
    result = cli("restore", made, db=journal)  # as a person runs it
    assert result.code == 0, result.err
    assert "restored" in result.out
    assert _pain_notes(journal) == ["kept"]
    kinds = sorted(b.kind for b in list_backups(journal))
    assert kinds == ["before-restore", "manual"]


def test_backups_wired_into_the_service(svc):
    assert isinstance(svc.backups, Backups)
