"""The one place a journal connection is made (path, WAL, pragmas, a key hook), and the store's SQL API on it.

Every connection to a journal, a backup or a copy comes from `connect()`; with a key (an encrypted journal)
it is SQLCipher's connection (app/store/cipher.py), keyed before any other statement, as `PRAGMA key` must be.

Why not sqlite-utils' Database at start-up (figures in benchmarks/bench_startup.py and issue 18's note):
importing it costs ≈0.13 s with numpy, which it imports whenever numpy is installed (matplotlib needs numpy,
so it is), against a ≈0.3 s bare Kivy start; the app would start ≈1.4× slower than now for three calls.
So the connection runs in sqlite3's own autocommit mode (isolation_level=None: no implicit transactions,
each statement outside a block commits itself) and `Journal` adds only rows as dicts and all-or-nothing
blocks. It is not a copy of sqlite-utils: it keeps no keyword table and no implicit-transaction bookkeeping
in step with anything. sqlite-utils is imported only to migrate (app/store/journal.py), through its public
Database and Migrations API, on this same connection.
"""
from __future__ import annotations

import itertools
import os
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator
from urllib.parse import quote

from ..core.errors import JournalBusy, JournalReplaced
from .cipher import operational_errors, sqlcipher, unlock


BUSY_TIMEOUT_S = 10
_savepoints = itertools.count(1)


def connect(path: str | Path, *, readonly: bool = False, immutable: bool = False, wal: bool = True,
            key: str | None = None) -> sqlite3.Connection:
    """A connection to the journal at `path` (':memory:' for a throwaway one), in autocommit mode.

    readonly: opened with mode=ro (never writes or creates the file); immutable: also promises SQLite nothing
    else changes it, so no -wal/-shm is created beside it (only for a file without a -wal).
    wal: a journal in use is switched to WAL with synchronous=FULL; a backup copy being written is not.
    key: the passphrase of an encrypted journal: the connection is SQLCipher's, keyed before anything reads
    the file (a wrong one raises WrongPassphrase); "" is SQLCipher on a plain file (for sqlcipher_export).
    """
    memory = str(path) == ":memory:"
    if readonly:
        # Quoted: a '?' or '#' in the path would otherwise end the file name.
        target = f"file:{quote(str(path))}?mode=ro{'&immutable=1' if immutable else ''}"
    else:
        target = str(path)
    driver = sqlite3 if key is None else sqlcipher()
    conn = driver.connect(target, uri=readonly, timeout=BUSY_TIMEOUT_S, check_same_thread=False,
                          isolation_level=None)
    try:
        if key is not None:
            unlock(conn, key, path)
        if not readonly:
            if wal and not memory:
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=FULL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA recursive_triggers=ON")
    except BaseException:
        conn.close()
        raise
    return conn


def file_identity(path, with_change: bool = False) -> tuple | None:
    """Which file is at `path` now (device and inode, from a stat: nothing is read), or None if none is; with
    with_change also when it was last written. A journal renamed over (encrypt, restore) is another file."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return (st.st_dev, st.st_ino) + ((st.st_mtime_ns, st.st_size) if with_change else ())


class Journal:
    """The open journal: SQL in, rows out, and all-or-nothing blocks, on a connection from `connect()`.

    A statement outside `atomic()` is its own transaction (sqlite3's autocommit mode); inside, it is part
    of the block. tests/test_store_connection.py states these rules.
    """

    def __init__(self, conn: sqlite3.Connection, passphrase: str | None = None, path: Path | None = None):
        if conn.isolation_level is not None:
            raise ValueError("Journal needs a connection from app.store.connection.connect() (autocommit mode)")
        self.conn = conn
        self.passphrase = passphrase  # an encrypted journal's: its workers, backups and lock need it
        self.path = path  # the person's journal file (None: a copy, a backup, in memory)
        self.identity = file_identity(path) if path is not None else None  # which file this connection reads

    def replaced(self) -> bool:
        """Whether another file is at the journal's path now (encrypted or decrypted elsewhere, restored): this
        connection still reads the old one, and what it wrote would be kept nowhere."""
        return self.identity is not None and file_identity(self.path) != self.identity

    def execute(self, sql: str, params=()) -> sqlite3.Cursor:
        """Run one statement (committed at once outside a block)."""
        return self.conn.execute(sql, params)

    def query(self, sql: str, params=()) -> Iterator[dict]:
        """Run a statement and yield its rows as dicts, column name to value."""
        cursor = self.conn.execute(sql, params)
        if cursor.description is None:
            raise ValueError("query() is for SQL that returns rows; use execute() for other statements")
        keys = [d[0] for d in cursor.description]
        return (dict(zip(keys, row)) for row in cursor)

    @contextmanager
    def atomic(self) -> Iterator["Journal"]:
        """All-or-nothing block; nested blocks are savepoints.

        The outermost block takes the write lock at once (BEGIN IMMEDIATE), so a check-then-write cannot lose
        to another process halfway; a lock held elsewhere past the busy timeout becomes JournalBusy.
        """
        conn = self.conn
        if conn.in_transaction:
            savepoint = f"spasmlog_{next(_savepoints)}"
            conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # An error such as RAISE(ROLLBACK) may already have ended the whole transaction, savepoint included.
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        try:
            conn.execute("BEGIN IMMEDIATE")
        except operational_errors() as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                raise JournalBusy() from None
            raise
        # Under the write lock, which a conversion holds until its copy is renamed into place: the file is still
        # the one this connection reads, or the write would be kept nowhere (a stat, ≈2 µs).
        if self.replaced():
            conn.execute("ROLLBACK")
            raise JournalReplaced(self.path)
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException:
            # Also when COMMIT itself fails (disk full, I/O error): left open, the transaction would swallow
            # every later write and lose it at close.
            self.rollback()
            raise

    def version(self) -> tuple[int, int]:
        """Changes whenever the journal is written, by this connection or another one (a cache key)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def rollback(self) -> None:
        """Roll back the open transaction, if any."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()
