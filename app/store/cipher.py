"""The encrypted journal (SQLCipher 4): telling an encrypted file apart, keying a connection, its errors.

sqlcipher3 is imported only when an encrypted file is opened, so a plain journal starts as before; the
connection itself is made by app/store/connection.py's connect(), the one factory.
"""
from __future__ import annotations

import sqlite3
import sys
from pathlib import Path

from ..core.errors import JournalError, WrongPassphrase
from ..core.i18n import _

SQLITE_HEADER = b"SQLite format 3\x00"
MIN_LENGTH = 8


def looks_encrypted(path: Path) -> bool:
    """An SQLCipher file: whole pages, no SQLite header, a random salt first (an encrypted file cannot say more)."""
    try:
        size = Path(path).stat().st_size
        with open(path, "rb") as fh:
            head = fh.read(16)
    except OSError:
        return False
    return size >= 1024 and size % 1024 == 0 and head != SQLITE_HEADER and head.strip(b"\x00") != b""


def sqlcipher():
    """The sqlcipher3 DB-API module (loaded on first use)."""
    from sqlcipher3 import dbapi2
    return dbapi2


def check_passphrase(passphrase: str, field: str = "passphrase") -> str:
    """A new passphrase: at least MIN_LENGTH characters, no NUL, not only blanks."""
    if not isinstance(passphrase, str) or len(passphrase.strip()) < MIN_LENGTH or "\x00" in passphrase:
        raise JournalError(field, _("{field}: too short; allowed: at least {least} characters (a few words are easiest to "
                                    "remember).").format(field=field, least=MIN_LENGTH))
    return passphrase


def quoted(passphrase: str) -> str:
    """The passphrase as an SQL string literal (PRAGMA key takes no bound parameters)."""
    return "'" + passphrase.replace("'", "''") + "'"


def unlock(conn, passphrase: str, path) -> None:
    """Key a fresh SQLCipher connection and check the key on page 1: a wrong one raises WrongPassphrase.

    SQLCipher says "file is not a database" for a wrong key (as for a file that is no database at all).
    """
    module = sqlcipher()
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")  # else a wrong key logs "hmac check failed" on stderr
        if passphrase:  # "" : SQLCipher's driver on a plain file, no key
            conn.execute(f"PRAGMA key = {quoted(passphrase)}")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except module.DatabaseError as exc:
        if "not a database" in str(exc):
            raise WrongPassphrase(_plain_path(path)) from None
        raise


def _plain_path(path) -> str:
    """The file a URI such as file:/x/j.db?mode=ro names, for messages."""
    from urllib.parse import unquote
    text = str(path)
    return unquote(text[5:].split("?")[0]) if text.startswith("file:") else text


def database_errors() -> tuple[type, ...]:
    """sqlite3's DatabaseError, and SQLCipher's once it is loaded (its exceptions are classes of their own)."""
    module = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.DatabaseError,) + ((module.DatabaseError,) if module else ())


def operational_errors() -> tuple[type, ...]:
    """sqlite3's OperationalError (busy, locked, I/O), and SQLCipher's once it is loaded."""
    module = sys.modules.get("sqlcipher3.dbapi2")
    return (sqlite3.OperationalError,) + ((module.OperationalError,) if module else ())
