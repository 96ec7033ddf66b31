"""Rewrites a journal file plain↔encrypted or under a new passphrase, atomically, every row checked.

The new file is written beside the old one (sqlcipher_export), its rows counted per table against the old,
fsynced, then renamed over it: a kill at any moment leaves the old file or the new one, never neither.
"""
from __future__ import annotations

import os
import time
from glob import escape as glob_escape
from pathlib import Path

from ..core.errors import DamagedJournal, JournalBusy
from ..core.i18n import _
from .cipher import database_errors, operational_errors, quoted
from .connection import BUSY_TIMEOUT_S, connect
from .private import new_private_file


# The open app and the login agent see a conversion start (its copy appears beside the journal) within 1 to 2 s and
# close their connections: leaving WAL needs the file to itself. Waited for this long, then "busy".
RELEASE_WAIT_S = 8
STALE_MARKER_S = 60  # a copy left by a killed run is no conversion under way (the next run removes it)


def _tmp_name(path: Path) -> Path:
    return path.with_name(f".{path.name}.converting")


def conversion_running(path) -> bool:
    """Whether the journal at `path` is being converted now (its new copy is being written beside it): the app and
    the agent then let go of it until the copy is renamed into place (a stat, nothing is read)."""
    try:
        age = time.time() - _tmp_name(Path(path).absolute()).stat().st_mtime
    except OSError:
        return False
    return age < STALE_MARKER_S


def _leave_wal(src) -> None:
    """Switch the journal out of WAL, waiting while the app or the agent still has it open (they let go)."""
    deadline = time.monotonic() + RELEASE_WAIT_S
    # Each try gives up at once: waiting inside SQLite would hold a lock that stalls the app's own reads, and
    # the app could not look up from them to see the conversion and let go.
    src.execute("PRAGMA busy_timeout = 0")
    try:
        while True:
            try:
                if src.execute("PRAGMA journal_mode = DELETE").fetchone()[0].lower() == "delete":
                    return
            except operational_errors() as exc:
                if "locked" not in str(exc) and "busy" not in str(exc):
                    raise
            if time.monotonic() > deadline:
                raise JournalBusy()
            time.sleep(0.1)
    finally:
        src.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")


def remove_leftovers(path: Path) -> None:
    """A half-written conversion from a killed run (never the journal itself, which keeps its name)."""
    tmp = _tmp_name(path)
    for leftover in (tmp, Path(f"{tmp}-journal"), Path(f"{tmp}-wal"), Path(f"{tmp}-shm")):
        leftover.unlink(missing_ok=True)
    # The export's transaction spans two files (the journal and the attached copy), so SQLite writes a
    # super-journal "<journal>-mj…" for its commit; a kill at that moment leaves it behind for good. Its
    # children are the copy's -journal (gone above) and the journal's own, which the export never writes:
    # it is removed only while no "<journal>-journal" exists (a hot one is played back on the next open).
    if not Path(f"{path}-journal").exists():
        for leftover in path.parent.glob(f"{glob_escape(path.name)}-mj*"):
            leftover.unlink(missing_ok=True)


def row_counts(conn, schema: str = "main") -> dict[str, int]:
    """Rows per table (sqlite_sequence included), to prove a copy kept every row."""
    tables = [r[0] for r in conn.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type = 'table'")]
    return {t: conn.execute(f'SELECT count(*) FROM {schema}."{t}"').fetchone()[0] for t in sorted(tables)}


def _fsync(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def convert(path: Path, old: str | None, new: str | None) -> dict[str, int]:
    """Rewrite the journal at `path` from passphrase `old` to `new` (None: plain); returns the rows per table.

    Raises WrongPassphrase if `old` does not open it, JournalBusy if another program writes meanwhile,
    DamagedJournal if the copy does not check out (then the journal is left exactly as it was).
    """
    path = Path(path).absolute()
    remove_leftovers(path)
    tmp = _tmp_name(path)
    new_private_file(tmp)
    # The source through SQLCipher even when plain (key ""): sqlcipher_export and ATTACH … KEY live there.
    src = connect(path, wal=False, key=old or "")
    try:
        try:
            # Out of WAL: every change is in the main file (nothing left in a -wal that the new file
            # would not have), and no -wal/-shm of the old file stays beside the new one.
            _leave_wal(src)
            src.execute(f"ATTACH DATABASE ? AS converted KEY {quoted(new or '')}", [str(tmp)])
            src.execute("BEGIN IMMEDIATE")
            counts = row_counts(src)
            version = src.execute("PRAGMA main.user_version").fetchone()[0]
            changes = src.execute("PRAGMA main.data_version").fetchone()[0]
            src.execute("SELECT sqlcipher_export('converted')")
            src.execute(f"PRAGMA converted.user_version = {int(version)}")
            src.execute("COMMIT")
            src.execute("DETACH DATABASE converted")
        except operational_errors() as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise JournalBusy() from None
            raise
        _check_copy(tmp, new, counts, path)
        _fsync(tmp)
        src.execute("BEGIN IMMEDIATE")  # no other writer between the check and the rename
        if src.execute("PRAGMA main.data_version").fetchone()[0] != changes:
            raise JournalBusy()
        os.replace(tmp, path)
        _fsync(path.parent)
        src.execute("ROLLBACK")
    except database_errors() as exc:
        raise DamagedJournal(path, _("The journal at {path} could not be rewritten ({exc}); it was not changed.").format(
                path=path, exc=exc)) from None
    finally:
        src.close()
        remove_leftovers(path)
    return counts


def _check_copy(tmp: Path, passphrase: str | None, expected: dict[str, int], path: Path) -> None:
    """The new file opens with the new passphrase, passes a quick check and has every row of the old one."""
    conn = connect(tmp, readonly=True, key=passphrase)
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()[0]
        got = row_counts(conn)
    finally:
        conn.close()
    if check != "ok" or got != expected:
        raise DamagedJournal(path, _("The rewritten copy of {path} did not match (check: {check}; rows {got} instead of "
                                     "{expected}); your journal was not changed.").format(
                                             path=path, check=check, got=got, expected=expected))
