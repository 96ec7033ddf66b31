"""Opens the journal file safely: permissions, damage checks, pragmas, migrations."""
from __future__ import annotations

import errno
import os
import shutil
import sqlite3
import stat
import tempfile
from pathlib import Path

from ..core.errors import DamagedJournal, PassphraseNeeded
from ..core.i18n import _
from .cipher import SQLITE_HEADER, database_errors, looks_encrypted
from .connection import Journal, connect
from .faults import opening_error
from .private import new_private_file, private_folder
from .schema import SCHEMA_VERSION, SETTINGS, is_spasmlog_journal, migration_set
from .wal import makes_whole, read_wal

def _what_to_do(path: Path) -> str:
    return _("Your journal at {path} was not changed. Restore a backup (python -m app restore BACKUP), "
             "or choose another file with --db.").format(path=path)


def _unusable(path: Path, problem: str, advice: str | None = None) -> DamagedJournal:
    """A file that cannot be a journal: the problem, then what to do; `problem` alone is kept for a backup's message."""
    error = DamagedJournal(path, f"{problem} {advice or _what_to_do(path)}")
    error.problem = problem
    return error


def inspect_file(path: Path) -> None:
    """Refuse a file that is not an SQLite database, is truncated, or was written by a newer SpasmLog.

    Reads only; never changes the file.
    """
    try:
        size = path.stat().st_size
        if size == 0:
            return
        with open(path, "rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise DamagedJournal(path, _("Cannot read the journal at {path}: {strerror}. Check the file's permissions, or choose "
                                     "another file with --db.").format(path=path, strerror=exc.strerror)) from None
    if len(header) < 100 and SQLITE_HEADER.startswith(header[:16]):
        raise _unusable(path, _("The journal file is incomplete (truncated: {size} bytes).").format(size=size))
    if len(header) < 100 or not header.startswith(SQLITE_HEADER):
        raise _unusable(path, _("This file is not a SpasmLog journal (not an SQLite database)."))
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    valid_for = int.from_bytes(header[92:96], "big")
    change_counter = int.from_bytes(header[24:28], "big")
    if pages and valid_for == change_counter and size < pages * page_size \
            and not makes_whole(read_wal(f"{path}-wal"), size, page_size):  # a failed checkpoint: the WAL holds the rest
        raise _unusable(path, _("The journal file is incomplete (truncated: {size} of {expected} bytes).").format(
            size=size, expected=pages * page_size))
    try:
        tables, user_version = _read_schema(path)
    except sqlite3.DatabaseError as exc:
        raise opening_error(exc, path, _("The journal file is damaged ({problem}). {advice}").format(
            problem=exc, advice=_what_to_do(path))) from None
    check_schema(path, tables, user_version)


def check_schema(path: Path, tables: set[str], user_version: int) -> None:
    """Refuse a journal from a newer SpasmLog, or an SQLite file with other tables (a plain or an encrypted one)."""
    if user_version > SCHEMA_VERSION:
        raise _unusable(path, _("This journal was written by a newer version of SpasmLog (schema {found}, this app knows "
                                "{known}). Update SpasmLog to open it.").format(
                                        found=user_version, known=SCHEMA_VERSION),
                        _("Your journal at {path} was not changed.").format(path=path))
    if tables - {"sqlite_sequence"} and not is_spasmlog_journal(tables):
        raise _unusable(path, _("This SQLite file is not a SpasmLog journal (it has other tables)."))


def _read_schema(path: Path, private_copy: bool = False) -> tuple[set[str], int]:
    """Tables and user_version (the schema version every migration stamps), read without changing or adding any file beside the journal."""
    wal, shm = Path(f"{path}-wal"), Path(f"{path}-shm")
    if wal.exists() and not shm.exists() and not private_copy:
        # Reading a WAL needs a -shm file, which SQLite would create beside the journal: read a private copy.
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / "journal.db"
            shutil.copyfile(path, copy)
            shutil.copyfile(wal, f"{copy}-wal")
            return _read_schema(copy, private_copy=True)
    # Without a -wal file there is nothing uncommitted to read, so immutable keeps SQLite from creating
    # -wal/-shm beside a bad file.
    conn = connect(path, readonly=True, immutable=not wal.exists())
    try:
        tables = table_names(conn)
        user_version = schema_version(conn)
    finally:
        conn.close()
    return tables, user_version


def peek_setting(path, key: str) -> str | None:
    """One stored setting, read without creating, changing or locking anything (a command's language before it
    opens the journal); None when it cannot be read so (missing, encrypted, damaged, a -wal without its -shm)."""
    path, wal = Path(path), Path(f"{path}-wal")
    try:
        if not path.is_file() or looks_encrypted(path) or (wal.exists() and not Path(f"{path}-shm").exists()):
            return None
        conn = connect(path, readonly=True, immutable=not wal.exists())
        try:
            row = conn.execute(f"SELECT value FROM {SETTINGS} WHERE key = ?", [key]).fetchone()
        finally:
            conn.close()
    except (OSError, *database_errors()):
        return None
    return row[0] if row else None


def create_private(path: Path) -> None:
    """Make the folder (0700) and an empty file (0600) if they do not exist yet."""
    private_folder(path.parent)
    if not path.exists():
        new_private_file(path)


def tighten(path: Path) -> None:
    """Owner-only permissions on the journal and its WAL/SHM companions: group and others lose their bits; the
    owner's are never added to (a journal made read-only on purpose stays read-only)."""
    for candidate in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        try:
            mode = stat.S_IMODE(candidate.stat().st_mode)
            if mode & 0o077:
                os.chmod(candidate, mode & 0o700)
        except FileNotFoundError:
            pass


def open_journal(path: str | os.PathLike, passphrase=None, new_encrypted: bool = False) -> Journal:
    """Open (creating if needed) and upgrade the journal.

    An up-to-date journal (its user_version is this app's SCHEMA_VERSION) is opened without sqlite-utils;
    it is imported only when a migration is due. An encrypted one needs `passphrase` (a string, or a
    function asked only then, e.g. a prompt); new_encrypted: an empty file becomes an encrypted journal
    under it (a restore into an encrypted journal).
    """
    path = Path(path).expanduser().absolute()
    if path.is_dir():
        raise DamagedJournal(path, _("{path} is a folder; give a file name for the journal, e.g. {example}.").format(
                path=path, example=path / 'journal.db'))
    try:
        create_private(path)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EACCES, errno.EPERM):
            raise opening_error(exc, path, "") from None
        raise DamagedJournal(path, _("Cannot create the journal at {path}: {strerror}. Choose another place with --db.").format(
                path=path, strerror=exc.strerror)) from None
    key = None
    if looks_encrypted(path) or (new_encrypted and path.stat().st_size == 0):
        key = passphrase() if callable(passphrase) else passphrase
        if key is None:
            raise PassphraseNeeded(path)
    else:
        inspect_file(path)
    try:
        conn = connect(path, key=key)
        if key is not None:  # the checks inspect_file makes on a plain file, made once it can be read
            try:
                check_schema(path, table_names(conn), schema_version(conn))
            except DamagedJournal:
                conn.close()
                raise
        # Decided on this connection (which has rolled back anything left half-written), not on the earlier look.
        version = schema_version(conn)
        if version > SCHEMA_VERSION:  # a newer SpasmLog upgraded it since the look above
            conn.close()
            inspect_file(path)
        if version < SCHEMA_VERSION:
            migrate(conn)
    except database_errors() as exc:
        raise opening_error(exc, path, f"The journal file is damaged ({exc}). {_what_to_do(path)}") from None
    tighten(path)
    return Journal(conn, key, path)


def table_names(conn) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def schema_version(conn: sqlite3.Connection) -> int:
    """The journal's schema version: SQLite's user_version, stamped by migrate() with the migrations it applied."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def migrate(conn: sqlite3.Connection) -> None:
    """Apply the migrations this journal has not had yet (sqlite-utils' Migrations, imported here) and stamp its version."""
    from sqlite_utils import Database
    db = Database(conn, execute_plugins=False)
    migrations = migration_set()
    # One upgrade at a time: a second process opening the same old journal waits here (busy timeout), then
    # finds nothing pending. Each migration's own transaction nests as a savepoint inside this one, and the
    # version stamp commits with them: a journal never has its migrations without its stamp.
    conn.execute("BEGIN IMMEDIATE")
    try:
        if migrations.pending(db):
            migrations.apply(db)
        if schema_version(conn) != SCHEMA_VERSION:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        if conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def open_memory_journal() -> Journal:
    """A journal in memory (tests and throwaway use)."""
    conn = connect(":memory:")
    migrate(conn)
    return Journal(conn)
