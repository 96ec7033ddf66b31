"""The open journal on plain sqlite3: the few sqlite-utils Database calls the app makes, same behaviour.

Importing sqlite-utils costs tens of milliseconds at start-up; the app only needs execute, query and
atomic, so an up-to-date journal is opened with this and sqlite-utils is loaded only to migrate.
"""
from __future__ import annotations

import itertools
import re
import sqlite3
from contextlib import contextmanager
from typing import Iterator

# The first keyword after blanks, ';' and comments (as sqlite-utils' _first_keyword reads it).
_FIRST_KEYWORD = re.compile(r"(?:\s|;|\ufeff|--[^\n]*(?:\n|$)|/\*.*?\*/)*([A-Za-z_]*)", re.S)
_TRANSACTION_CONTROL = {"BEGIN", "COMMIT", "END", "ROLLBACK", "SAVEPOINT", "RELEASE"}
_NOT_QUERIES = _TRANSACTION_CONTROL | {"VACUUM", "ATTACH", "DETACH"}
# The statements before which Python's sqlite3 (legacy transaction control) opens a transaction itself: only
# those may be committed or rolled back here, never a transaction some other code began.
_IMPLICIT_BEGIN = {"INSERT", "UPDATE", "DELETE", "REPLACE"}
_savepoints = itertools.count(1)


def first_keyword(sql: str) -> str:
    """The statement's first keyword, upper case ('' if none)."""
    return _FIRST_KEYWORD.match(sql).group(1).upper()


class Journal:
    """A sqlite3 connection (legacy transaction control) with sqlite-utils 4's execute/query/atomic semantics.

    A write outside a transaction is committed at once, query() yields dicts, atomic() nests as savepoints
    (tests/test_store_connection.py runs the same checks on both). Not copied: sqlite-utils renames duplicate
    column names in a row (id, id_2); here the last one wins, and the app's queries have none.
    """

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn
        self.execute("PRAGMA recursive_triggers=on")  # sqlite-utils' Database sets it on every connection

    def execute(self, sql: str, params=None) -> sqlite3.Cursor:
        """Run one statement; a write that opened an implicit transaction is committed (or rolled back on error)."""
        was_in_transaction = self.conn.in_transaction
        cursor = self._run(sql, params)
        if self._opened(sql, was_in_transaction) and cursor.description is None:
            self.conn.execute("COMMIT")
        return cursor

    def _opened(self, sql: str, was_in_transaction: bool) -> bool:
        """Whether running `sql` opened the transaction now open (Python's implicit BEGIN before a write)."""
        return not was_in_transaction and self.conn.in_transaction and first_keyword(sql) in _IMPLICIT_BEGIN

    def _run(self, sql: str, params) -> sqlite3.Cursor:
        was_in_transaction = self.conn.in_transaction
        try:
            return self.conn.execute(sql, params) if params is not None else self.conn.execute(sql)
        except Exception:
            if self._opened(sql, was_in_transaction):
                self.conn.execute("ROLLBACK")  # else the failed statement's transaction would swallow later writes
            raise

    def query(self, sql: str, params=None) -> Iterator[dict]:
        """Run a statement that returns rows (now) and yield them as dicts (lazily).

        A statement without rows raises ValueError; outside a transaction it is rolled back first.
        """
        message = "query() can only be used with SQL that returns rows - use execute() for other statements"
        if first_keyword(sql) in _NOT_QUERIES:
            raise ValueError(message)
        was_in_transaction = self.conn.in_transaction
        cursor = self._run(sql, params)
        opened = self._opened(sql, was_in_transaction)
        if cursor.description is None:
            if opened:
                self.conn.execute("ROLLBACK")
            raise ValueError(message)
        keys = [d[0] for d in cursor.description]
        if opened:  # INSERT … RETURNING outside a transaction: finish the write and commit it, as sqlite-utils does
            rows = cursor.fetchall()
            self.conn.execute("COMMIT")
            return (dict(zip(keys, row)) for row in rows)
        return (dict(zip(keys, row)) for row in cursor)

    @contextmanager
    def atomic(self) -> Iterator["Journal"]:
        """All-or-nothing block: BEGIN … COMMIT, or a savepoint inside an open transaction; rolled back on any error."""
        if self.conn.in_transaction:
            savepoint = f"spasmlog_{next(_savepoints)}"
            self.conn.execute(f"SAVEPOINT {savepoint}")
            try:
                yield self
            except BaseException:
                # An error such as RAISE(ROLLBACK) may already have ended the whole transaction, savepoint included.
                if self.conn.in_transaction:
                    self.conn.execute(f"ROLLBACK TO SAVEPOINT {savepoint}")
                    self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
                raise
            else:
                self.conn.execute(f"RELEASE SAVEPOINT {savepoint}")
            return
        self.conn.execute("BEGIN")
        try:
            yield self
        except BaseException:
            self.rollback()
            raise
        try:
            self.conn.execute("COMMIT")
        except BaseException:
            self.rollback()
            raise

    def rollback(self) -> None:
        """Roll back the open transaction, if any."""
        if self.conn.in_transaction:
            self.conn.execute("ROLLBACK")

    def close(self) -> None:
        self.conn.close()
