"""Damaged journals: not a database, truncated, other SQLite file, newer schema -> refused, exit 2, file untouched."""
from __future__ import annotations

import hashlib
import os
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.errors import DamagedJournal
from app.services import open_spasmlog
from app.store.journal import inspect_file
from app.core.timeutil import fixed_clock

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def good_bytes(tmp_path_factory) -> bytes:
    """A healthy journal of a few hundred rows (several pages), as bytes."""
    path = tmp_path_factory.mktemp("good") / "journal.db"
    svc = open_spasmlog(path, fixed_clock(T0))
    svc.entries.start_episode(regions=["lower_back_left"], note="first")
    for i in range(300):
        svc.entries.log_pain(i % 11, note="note " * 20)
    svc.close()
    data = path.read_bytes()
    assert not Path(f"{path}-wal").exists()  # a clean close leaves no WAL
    return data


def _sql(data: bytes, tmp: Path, *statements: str) -> bytes:
    path = tmp / "edit.db"
    path.write_bytes(data)
    conn = sqlite3.connect(path)
    for s in statements:
        conn.execute(s)
    conn.commit()
    conn.execute("PRAGMA journal_mode=DELETE")
    conn.close()
    out = path.read_bytes()
    path.unlink()
    return out


def _damaged(kind: str, good: bytes, tmp: Path) -> tuple[bytes, str]:
    """(file bytes, a word the message must contain) for each kind of damage."""
    page = 4096
    if kind == "text":
        return b"Dear diary, my back hurts.\n" * 200, "not an SQLite database"
    if kind == "random":
        return bytes(random_bytes(9000)), "not an SQLite database"
    if kind == "zeros":
        return b"\x00" * 8192, "not an SQLite database"
    if kind == "tiny":
        return b"SQL", "truncated"
    if kind == "header_only":
        return good[:60], "truncated"
    if kind.startswith("cut"):
        cut = {"cut100": 100, "cut1page": page, "cut_half": len(good) // 2, "cut_last_byte": len(good) - 1}[kind]
        return good[:cut], "truncated"
    if kind == "garbage_schema_page":
        data = bytearray(good)
        data[100:page] = b"\xff" * (page - 100)
        return bytes(data), "damaged"
    if kind == "other_sqlite":
        path = tmp / "other.db"
        conn = sqlite3.connect(path)
        conn.execute("CREATE TABLE recipes (name TEXT)")
        conn.commit()
        conn.close()
        out = path.read_bytes()
        path.unlink()
        return out, "not a SpasmLog journal"
    if kind == "newer_user_version":
        return _sql(good, tmp, "PRAGMA user_version = 99"), "newer version"
    raise AssertionError(kind)


def random_bytes(n: int) -> bytes:
    import random
    return random.Random(n).randbytes(n)


KINDS = ["text", "random", "zeros", "tiny", "header_only", "cut100", "cut1page", "cut_half", "cut_last_byte",
         "garbage_schema_page", "other_sqlite", "newer_user_version"]


def _snapshot(folder: Path) -> dict:
    """Every file in the folder: bytes hash, size and mtime (to prove nothing was touched or added)."""
    return {p.name: (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.iterdir())}


def _place(tmp_path: Path, data: bytes, with_wal: bool) -> Path:
    folder = tmp_path / "journal"
    folder.mkdir()
    path = folder / "journal.db"
    path.write_bytes(data)
    os.chmod(path, 0o600)
    if with_wal:
        Path(f"{path}-wal").write_bytes(random_bytes(5000))
    # Old mtimes, so any write (even of the same bytes) shows.
    for p in folder.iterdir():
        os.utime(p, ns=(1_600_000_000_000_000_000, 1_600_000_000_000_000_000))
    return path


@pytest.mark.parametrize("with_wal", [False, True], ids=["alone", "with-wal"])
@pytest.mark.parametrize("kind", KINDS)
def test_cli_refuses_damaged_journal_and_leaves_it_alone(kind, with_wal, good_bytes, tmp_path, capsys):
    data, what = _damaged(kind, good_bytes, tmp_path)
    path = _place(tmp_path, data, with_wal)
    before = _snapshot(path.parent)
    code = main(["status", "--db", str(path)])
    err = capsys.readouterr().err
    assert code == 2
    assert what in err  # what is wrong
    assert str(path) in err  # where the file is
    assert "restore" in err.lower() or "update spasmlog" in err.lower()  # what to do
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert _snapshot(path.parent) == before  # not modified, nothing created (no -wal/-shm either)


@pytest.mark.parametrize("kind", KINDS)
def test_services_raise_damaged_journal_with_the_path(kind, good_bytes, tmp_path):
    data, _ = _damaged(kind, good_bytes, tmp_path)
    path = _place(tmp_path, data, with_wal=False)
    with pytest.raises(DamagedJournal) as info:
        open_spasmlog(path, fixed_clock(T0))
    assert Path(info.value.path) == path
    with pytest.raises(DamagedJournal):
        inspect_file(path)


@pytest.mark.parametrize("command", [["log", "pain", "5", "--note", "x"], ["log", "episode-start"],
                                     ["profile", "--osteoporosis", "yes"], ["demo", "--days", "3"], ["backup"]])
def test_writes_are_refused_on_a_damaged_journal_too(command, good_bytes, tmp_path, capsys):
    path = _place(tmp_path, good_bytes[: len(good_bytes) // 2], with_wal=False)
    before = _snapshot(path.parent)
    assert main([*command, "--db", str(path)]) == 2
    assert "truncated" in capsys.readouterr().err
    assert _snapshot(path.parent) == before


def test_subprocess_exit_code_and_message(good_bytes, tmp_path, cli):
    path = _place(tmp_path, b"not a journal at all\n" * 10, with_wal=True)
    before = _snapshot(path.parent)
    result = cli("status", db=path)
    assert result.code == 2
    assert str(path) in result.err and "not an SQLite database" in result.err
    assert result.out == ""
    assert _snapshot(path.parent) == before


def test_healthy_journal_with_an_odd_path_opens(tmp_path, capsys):
    # '?' and '#' would cut a file: URI short if the path were not quoted.
    path = tmp_path / "we?ird#folder %20" / "journal.db"
    assert main(["log", "pain", "4", "--db", str(path)]) == 0
    assert main(["status", "--db", str(path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["we?ird#folder %20"]


def test_a_folder_or_unreadable_place_is_refused(tmp_path, capsys):
    assert main(["status", "--db", str(tmp_path)]) == 2
    assert "is a folder" in capsys.readouterr().err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert main(["log", "pain", "4", "--db", str(blocker / "journal.db")]) == 2  # a write tries to create it
    assert "file is a file, so nothing can be inside it" in capsys.readouterr().err


def test_empty_file_is_a_new_journal(tmp_path, capsys):
    path = tmp_path / "journal.db"
    path.touch(mode=0o600)
    assert main(["log", "pain", "3", "--db", str(path)]) == 0
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM pain_scores").fetchone()[0] == 1
    conn.close()
