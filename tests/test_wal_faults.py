"""The journal's write-ahead log: a short main file that its WAL makes whole is whole; a damaged frame is told."""
from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from app.cli.main import main
from app.core.errors import DamagedJournal
from app.services import open_spasmlog
from app.services.backups import list_backups
from app.store.journal import inspect_file
from app.store.wal import FRAME_HEADER, HEADER, read_wal
from tests.conftest import row_counts


def _checkpoint_page_one_only(path: Path, page_size: int) -> None:
    """What a checkpoint cut short by a full disk leaves: page 1 (whose header counts every page) written into
    the main file from the log, the file never extended."""
    wal = read_wal(f"{path}-wal")
    data = Path(f"{path}-wal").read_bytes()
    frame = FRAME_HEADER + page_size
    last_page_one = max(n for n in range((len(data) - HEADER) // frame)
                        if int.from_bytes(data[HEADER + n * frame:HEADER + n * frame + 4], "big") == 1)
    at = HEADER + last_page_one * frame + FRAME_HEADER
    with open(path, "r+b") as fh:
        fh.write(data[at:at + page_size])
    assert path.stat().st_size < wal.db_pages * page_size


def _crashed_journal(tmp_path: Path) -> Path:
    """A real journal as a killed program leaves it (a -wal, no -shm, nothing checkpointed): 1 pain score in the
    main file, 6 more (notes long enough to need new pages) only in the log."""
    live = tmp_path / "live" / "journal.db"
    svc = open_spasmlog(live)
    svc._db.execute("PRAGMA wal_autocheckpoint=0")
    svc.entries.log_pain(1, note="before")
    svc._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    for score in range(2, 8):
        svc.entries.log_pain(score, note="in the log " * 150)
    folder = tmp_path / "crashed"
    folder.mkdir(mode=0o700)
    path = folder / "journal.db"
    shutil.copyfile(live, path)
    shutil.copyfile(f"{live}-wal", f"{path}-wal")
    svc.close()
    return path


def test_a_short_main_file_whose_wal_holds_the_rest_is_whole(tmp_path):
    path = _crashed_journal(tmp_path)
    _checkpoint_page_one_only(path, int.from_bytes(Path(f"{path}-wal").read_bytes()[8:12], "big"))
    inspect_file(path)  # no "truncated": the WAL makes it whole
    assert main(["status", "--db", str(path)]) == 0
    assert row_counts(path)["pain_scores"] == 7
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_a_short_main_file_without_its_wal_is_still_truncated(tmp_path):
    path = _crashed_journal(tmp_path)
    _checkpoint_page_one_only(path, int.from_bytes(Path(f"{path}-wal").read_bytes()[8:12], "big"))
    Path(f"{path}-wal").unlink()
    with pytest.raises(DamagedJournal, match="truncated"):
        inspect_file(path)


def _journal_with_unread_log(tmp_path: Path) -> tuple[Path, bytes, bytes]:
    """The crashed journal with a frame in the middle of its log damaged."""
    path = _crashed_journal(tmp_path)
    data = bytearray(Path(f"{path}-wal").read_bytes())
    page_size = int.from_bytes(data[8:12], "big")
    frames = (len(data) - HEADER) // (FRAME_HEADER + page_size)
    middle = frames // 2
    data[HEADER + middle * (FRAME_HEADER + page_size) + FRAME_HEADER + 50] ^= 0xFF
    Path(f"{path}-wal").write_bytes(bytes(data))
    return path, path.read_bytes(), bytes(data)


def test_a_damaged_wal_frame_is_told_and_the_journal_and_log_are_kept(tmp_path, capsys):
    path, journal_bytes, wal_bytes = _journal_with_unread_log(tmp_path)
    assert main(["status", "--db", str(path)]) == 0  # what SQLite can read still opens
    err = capsys.readouterr().err
    assert "write-ahead log is damaged" in err and "cannot be read" in err and "Traceback" not in err
    kept = [b for b in list_backups(path, include_damaged=True) if b.kind == "damaged"]
    assert len(kept) == 1
    assert kept[0].path.read_bytes() == journal_bytes
    assert Path(f"{kept[0].path}-wal").read_bytes() == wal_bytes  # byte for byte, for recovery by hand
    assert row_counts(path)["pain_scores"] < 7  # what SQLite cannot read is missing: said, not hidden
    assert main(["status", "--db", str(path)]) == 0
    assert capsys.readouterr().err == ""  # told once: the log has been folded in since


def test_a_healthy_log_is_not_reported(tmp_path, capsys):
    path = tmp_path / "journal.db"
    svc = open_spasmlog(path)
    svc.entries.log_pain(3)
    assert main(["log", "pain", "4", "--db", str(path)]) == 0  # while svc still holds the log open
    assert capsys.readouterr().err == ""
    svc.close()
    assert list_backups(path, include_damaged=True) == []
