"""Real faults from the command line: a full disk, a held lock, a read-only journal, a damaged page.

Each says what it is (not "damaged" for a full disk), exits 2 with one line and no traceback, and keeps every row.
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, row_counts, run_cli
from tests.helpers.disks import as_nobody, fill, free_space, give_to_nobody, small_disk

WRITES = [["log", "pain", "5"], ["therapy", "start", "ice", "--barrier"], ["log", "med", "Ibuprofen", "--class", "nsaid"],
          ["log", "episode-start"], ["profile", "--osteoporosis", "yes"], ["backup"]]


def _one_clear_line(result) -> str:
    err = result.err.strip()
    assert "Traceback" not in result.err and len(err.splitlines()) == 1, result.err
    return err


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def disk():
    with small_disk("2m") as where:
        yield where


@pytest.fixture
def journal_on_disk(disk):
    path = disk / "journal" / "journal.db"
    assert run_cli("demo", "--days", "60", db=path).code == 0
    return path


@pytest.mark.parametrize("command", WRITES, ids=lambda c: "-".join(c[:2]))
def test_a_full_disk_is_named_as_such_and_every_row_is_kept(journal_on_disk, disk, command):
    before = row_counts(journal_on_disk)
    fill(disk)
    result = run_cli(*command, db=journal_on_disk)
    assert result.code == 2
    err = _one_clear_line(result)
    assert "disk" in err and "full" in err and "damaged" not in err and "restore" not in err.lower()
    free_space(disk)
    assert row_counts(journal_on_disk) == before
    assert run_cli("status", db=journal_on_disk).code == 0


def test_an_export_on_a_full_disk_leaves_no_files(journal_on_disk, disk):
    out = disk / "out"
    out.mkdir()
    fill(disk, leave=40_000)  # room to open the journal, not for the report and data files
    result = run_cli("export", "--out", out, db=journal_on_disk)
    assert result.code == 2
    err = _one_clear_line(result)
    assert "space" in err or "full" in err
    assert list(out.iterdir()) == []  # neither finished files nor hidden half-written ones


def test_writing_until_the_disk_is_full_loses_no_acknowledged_write(journal_on_disk, disk):
    """Fault 2: a checkpoint that failed on the full disk left the main file short; the WAL holds the rest."""
    before = row_counts(journal_on_disk)["pain_scores"]
    fill(disk, leave=64 * 1024)
    acknowledged, messages = 0, []
    for _ in range(60):
        result = run_cli("log", "pain", "4", "--note", "x" * 2000, db=journal_on_disk)
        if result.code == 0:
            acknowledged += 1
            continue
        messages.append(_one_clear_line(result))
        assert result.code == 2
        if len(messages) == 3:
            break
    assert acknowledged and messages, "the disk never filled up"
    for err in messages:
        assert "full" in err and "truncated" not in err and "damaged" not in err, err
    free_space(disk)
    status = run_cli("status", db=journal_on_disk)
    assert status.code == 0, status.err
    assert row_counts(journal_on_disk)["pain_scores"] == before + acknowledged
    assert run_cli("log", "pain", "2", db=journal_on_disk).code == 0


def test_a_restore_on_a_full_disk_refuses_and_changes_nothing(journal_on_disk, disk):
    """Fault 1: no journal moved aside as 'damaged', no 0-byte journal, every entry still there."""
    assert run_cli("backup", db=journal_on_disk).code == 0
    backup = next((journal_on_disk.parent / "backups").iterdir())
    assert run_cli("log", "pain", "9", "--note", "after the backup", db=journal_on_disk).code == 0
    before, digest = row_counts(journal_on_disk), _digest(journal_on_disk)
    fill(disk)
    result = run_cli("restore", backup, db=journal_on_disk)
    assert result.code == 2
    assert "full" in _one_clear_line(result)
    free_space(disk)
    assert _digest(journal_on_disk) == digest and row_counts(journal_on_disk) == before
    assert sorted(p.name for p in (journal_on_disk.parent / "backups").iterdir()) == [backup.name]


def test_a_held_write_lock_is_busy_not_damaged(tmp_path):
    path = tmp_path / "journal.db"
    assert run_cli("log", "pain", "3", db=path).code == 0
    holder = sqlite3.connect(path)
    holder.execute("BEGIN IMMEDIATE")  # another program holds the write lock past the 10 s busy timeout
    try:
        result = run_cli("log", "pain", "7", db=path)
    finally:
        holder.rollback()
        holder.close()
    assert result.code == 2
    err = _one_clear_line(result)
    assert "busy" in err and "try again" in err
    assert row_counts(path)["pain_scores"] == 1


@pytest.fixture
def read_only_journal(tmp_path_factory):
    """A journal (0400) in a folder an ordinary user (nobody, when we are root) owns and may reach."""
    import tempfile
    top = Path(tempfile.mkdtemp(prefix="spasmlog-ro-"))
    os.chmod(top, 0o755)
    folder = top / "journal"
    path = folder / "journal.db"
    assert run_cli("log", "pain", "6", "--note", "kept", db=path).code == 0
    os.chmod(path, 0o400)
    give_to_nobody(folder, path)
    yield path
    import shutil
    shutil.rmtree(top)


def _run_as_nobody(*args, db) -> subprocess.CompletedProcess:
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": "/tmp", "KIVY_NO_ARGS": "1",
           "PYTHONDONTWRITEBYTECODE": "1"}
    return subprocess.run(as_nobody([sys.executable, "-m", "app", *map(str, args), "--db", str(db)]),
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=120)


@pytest.mark.parametrize("command", WRITES[:5], ids=lambda c: "-".join(c[:2]))
def test_a_read_only_journal_is_read_only_not_damaged(read_only_journal, command):
    proc = _run_as_nobody(*command, db=read_only_journal)
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1
    assert "cannot be written" in proc.stderr and "read-only" in proc.stderr and "damaged" not in proc.stderr
    assert row_counts(read_only_journal)["pain_scores"] == 1


def test_status_reads_a_read_only_journal_and_leaves_it_read_only(read_only_journal):
    proc = _run_as_nobody("status", db=read_only_journal)
    assert proc.returncode == 0, proc.stderr
    assert (read_only_journal.stat().st_mode & 0o777) == 0o400


def _overwrite_page(path: Path, table: str) -> None:
    conn = sqlite3.connect(path)
    root = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", [table]).fetchone()[0]
    size = conn.execute("PRAGMA page_size").fetchone()[0]
    conn.close()
    with open(path, "r+b") as fh:
        fh.seek((root - 1) * size)
        fh.write(b"\xee" * size)


@pytest.mark.parametrize("command", [["log", "med", "Ibuprofen", "--class", "nsaid"], ["log", "pain", "4"],
                                     ["status"], ["export", "--out", "OUT"]], ids=lambda c: "-".join(c[:2]))
def test_a_damaged_page_is_found_before_anything_is_written(tmp_path, command):
    path = tmp_path / "journal.db"
    assert run_cli("demo", "--days", "90", db=path).code == 0
    _overwrite_page(path, "pain_scores")
    digest = _digest(path)
    command = [str(tmp_path / "out") if c == "OUT" else c for c in command]
    result = run_cli(*command, db=path)
    assert result.code == 2
    err = _one_clear_line(result)
    assert "damaged" in err and str(path) in err and "restore" in err
    assert _digest(path) == digest and not (tmp_path / "out").exists()


def test_what_a_damaged_journal_still_holds_can_be_exported(tmp_path):
    path = tmp_path / "journal.db"
    assert run_cli("demo", "--days", "90", db=path).code == 0
    doses = row_counts(path)["doses"]
    _overwrite_page(path, "pain_scores")
    digest = _digest(path)
    result = run_cli("export", "--readable", "--out", tmp_path / "out", "--json", db=path)
    assert result.code == 0, result.err
    found = result.json()
    assert "pain scores" in found["unreadable"]
    dose_file = next(Path(f) for f in found["files"] if f.endswith("_doses.csv"))
    assert len(dose_file.read_text(encoding="utf-8-sig").strip().splitlines()) == doses + 1  # header + every dose
    assert _digest(path) == digest  # opened read-only: not a byte written


def test_a_journal_on_read_only_media_is_read_only_not_damaged(journal_on_disk, disk):
    before = row_counts(journal_on_disk)
    assert subprocess.run(["mount", "-o", "remount,ro", str(disk)], capture_output=True).returncode == 0
    try:
        result = run_cli("log", "pain", "5", db=journal_on_disk)
        status = run_cli("status", db=journal_on_disk)
    finally:
        subprocess.run(["mount", "-o", "remount,rw", str(disk)], capture_output=True)
    assert result.code == 2
    err = _one_clear_line(result)
    assert "cannot be written" in err and "read-only" in err and "damaged" not in err and "restore" not in err.lower()
    assert status.code == 2 and "read-only" in status.err and "damaged" not in status.err
    assert row_counts(journal_on_disk) == before


def test_a_killed_manual_backup_leaves_no_part_file_after_the_next(tmp_path):
    path = tmp_path / "journal.db"
    assert run_cli("log", "pain", "3", db=path).code == 0
    assert run_cli("backup", db=path).code == 0
    stale = path.parent / "backups" / f".{path.stem}-20260301-090000Z-manual.db.4000000.part"
    stale.write_bytes(b"\0" * 1_000_000)  # what a backup killed midway leaves (its process is gone)
    assert run_cli("backup", db=path).code == 0
    assert not stale.exists()
