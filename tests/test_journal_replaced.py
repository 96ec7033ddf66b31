"""A write through a connection whose journal file was replaced meanwhile (restored, encrypted, a new passphrase
from another program) is refused under the write lock, never kept nowhere (app/store/connection.py atomic)."""
import os
import subprocess
import sys

import pytest

from app.core.errors import JournalReplaced
from app.services import open_spasmlog

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _journal(path, clock, score):
    svc = open_spasmlog(path, clock)
    svc.entries.log_pain(score)
    svc.close()


def test_a_write_after_the_file_was_replaced_is_refused_and_kept_nowhere(tmp_path, clock):
    path, other = tmp_path / "journal.db", tmp_path / "other.db"
    _journal(other, clock, 2)
    svc = open_spasmlog(path, clock)
    svc.entries.log_pain(4)
    svc._db.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # its changes in the file, as a conversion sees to
    os.replace(other, path)  # as a restore or `encrypt` from a terminal renames its copy into place
    assert svc.replaced()
    with pytest.raises(JournalReplaced) as refused:
        svc.entries.log_pain(7)
    assert "replaced by another program" in refused.value.message and "Nothing was saved" in refused.value.message
    assert not svc._db.conn.in_transaction  # the lock is let go
    svc.close()
    now = open_spasmlog(path, clock)
    try:
        assert now.entries.latest_pain().score == 2  # the file there now: untouched, and 4 went with the old one
    finally:
        now.close()


def test_writes_to_a_journal_left_in_place_go_on_as_before(tmp_path, clock):
    svc = open_spasmlog(tmp_path / "journal.db", clock)
    try:
        for score in (3, 5):
            svc.entries.log_pain(score)
        assert not svc.replaced() and svc.entries.latest_pain().score == 5
    finally:
        svc.close()


def test_the_cli_says_so_in_one_line_with_exit_2(tmp_path, clock):
    """A CLI write that opened the journal before it was replaced (a script racing `encrypt`): one line, exit 2."""
    path, other = tmp_path / "journal.db", tmp_path / "other.db"
    _journal(path, clock, 4)
    _journal(other, clock, 2)
    code = (
        "import os, sys\n"
        "from app.cli.main import main\n"
        "import app.services as s\n"
        "real = s.open_spasmlog\n"
        "def opened_then_replaced(*a, **k):\n"
        "    svc = real(*a, **k)\n"
        f"    os.replace({str(other)!r}, {str(path)!r})\n"
        "    return svc\n"
        "s.open_spasmlog = opened_then_replaced\n"
        f"sys.exit(main(['log', 'pain', '7', '--db', {str(path)!r}]))\n")
    proc = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert proc.returncode == 2, proc.stderr
    assert "replaced by another program" in proc.stderr and "Traceback" not in proc.stderr, proc.stderr
