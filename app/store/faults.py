"""Tells a full disk, read-only media, a held lock, a disk error and real damage apart, from any SQLite driver's error.

Classified by SQLite's result code (`sqlite_errorcode`, Python 3.11's sqlite3 and drivers built like it, such as
sqlcipher3), by the error's name or message where a driver gives no code, and by errno for OS errors; never by
the exception's class alone, so an encrypted journal's driver is classified the same way.
"""
from __future__ import annotations

import errno
import os
from pathlib import Path

from ..core.errors import DamagedJournal, DiskError, DiskFull, JournalBusy, ReadOnlyJournal, SpasmLogError
from ..core.i18n import _

# SQLite's primary result codes (the low byte of an extended code).
SQLITE_PERM, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_READONLY = 3, 5, 6, 8
SQLITE_IOERR, SQLITE_CORRUPT, SQLITE_FULL, SQLITE_CANTOPEN, SQLITE_NOTADB = 10, 11, 13, 14, 26
_NAMES = {"SQLITE_PERM": SQLITE_PERM, "SQLITE_BUSY": SQLITE_BUSY, "SQLITE_LOCKED": SQLITE_LOCKED,
          "SQLITE_READONLY": SQLITE_READONLY, "SQLITE_IOERR": SQLITE_IOERR, "SQLITE_CORRUPT": SQLITE_CORRUPT,
          "SQLITE_FULL": SQLITE_FULL, "SQLITE_CANTOPEN": SQLITE_CANTOPEN, "SQLITE_NOTADB": SQLITE_NOTADB}
# A driver without codes: SQLite's own message for each code (sqlite3_errstr).
_MESSAGES = (("database or disk is full", SQLITE_FULL), ("readonly database", SQLITE_READONLY),
             ("database is locked", SQLITE_BUSY), ("database table is locked", SQLITE_LOCKED),
             ("disk image is malformed", SQLITE_CORRUPT), ("not a database", SQLITE_NOTADB),
             ("disk i/o error", SQLITE_IOERR), ("unable to open database file", SQLITE_CANTOPEN))
# Less free space than this after an I/O error: the disk is full (SQLite reports some ENOSPC cases,
# such as growing the -shm index, as a plain I/O error).
NEARLY_FULL = 1 << 20


def sqlite_code(exc: BaseException) -> int | None:
    """The primary SQLite result code of a driver's error, or None if it is not one."""
    code = getattr(exc, "sqlite_errorcode", None)
    if isinstance(code, int):
        return code & 0xFF
    name = getattr(exc, "sqlite_errorname", None)
    if isinstance(name, str):
        for prefix, primary in _NAMES.items():
            if name == prefix or name.startswith(prefix + "_"):
                return primary
    if type(exc).__name__ in ("OperationalError", "DatabaseError", "IntegrityError", "InternalError",
                              "ProgrammingError", "NotSupportedError", "DataError"):
        text = str(exc).lower()
        return next((code for words, code in _MESSAGES if words in text), None)
    return None


def free_bytes(path) -> int | None:
    """Free space for this user on the file system holding `path` (its nearest existing folder), or None."""
    probe = Path(path).absolute() if path else None
    while probe is not None and not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        st = os.statvfs(probe) if probe is not None else None
    except OSError:
        return None
    return st.f_bavail * st.f_frsize if st else None


def _writable(path) -> bool:
    """Whether this user may write the journal file and its folder (SQLite needs both for -wal/-shm)."""
    path = Path(path)
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def _read_only_reason(path) -> str:
    if path is None:
        return _("read-only")
    path = Path(path)
    try:
        if os.statvfs(path.parent).f_flag & os.ST_RDONLY:
            return _("the disk is mounted read-only")
    except OSError:
        pass
    if path.exists() and not os.access(path, os.W_OK):
        return _("the file is read-only")
    if not os.access(path.parent, os.W_OK | os.X_OK):
        return _("its folder is read-only")
    return _("read-only")


def project_error(exc: BaseException, path=None) -> SpasmLogError | None:
    """The project's error for a database or OS error met while using the journal at `path`; None if it is
    neither (a bug, which the caller reports as such). A SpasmLogError is returned as it is."""
    if isinstance(exc, SpasmLogError):
        return exc
    code = sqlite_code(exc)
    if code is None and isinstance(exc, OSError):
        return _os_error(exc, path)
    if code in (SQLITE_BUSY, SQLITE_LOCKED):
        return JournalBusy()
    if code == SQLITE_FULL:
        return DiskFull(path)
    if code in (SQLITE_READONLY, SQLITE_PERM):
        return ReadOnlyJournal(path, _read_only_reason(path))
    if code in (SQLITE_CORRUPT, SQLITE_NOTADB):
        damaged = (_("The journal file at {path} is damaged ({problem}).").format(path=path, problem=exc) if path else
                   _("The journal file is damaged ({problem}).").format(problem=exc))
        return DamagedJournal(path, damaged + " " + _("Nothing more was written to it. Export what can still be read, "
                                                      "or restore a backup (python -m app restore BACKUP)."))
    if code in (SQLITE_IOERR, SQLITE_CANTOPEN):
        free = free_bytes(path)
        if free is not None and free < NEARLY_FULL:
            return DiskFull(path)
        if path is not None and not _writable(path):
            return ReadOnlyJournal(path, _read_only_reason(path))
        return DiskError(path, str(exc))
    return None


def _os_error(exc: OSError, path) -> SpasmLogError | None:
    where = exc.filename or path
    journal = where is None or path is None or str(where).startswith(str(path))
    if exc.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFull(where)
    if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return ReadOnlyJournal(where, exc.strerror.lower() if exc.strerror else _("read-only"), journal)
    if exc.errno == errno.ENAMETOOLONG:
        return DiskError(where, _("a file name in that path is too long"), journal)
    if exc.errno is not None:
        return DiskError(where, (exc.strerror or _("error")).lower(), journal)
    return None


def opening_error(exc: BaseException, path, damaged_message: str) -> SpasmLogError:
    """The error for a journal that failed to open: damage only if SQLite says so (or cannot say what it is);
    a full disk, read-only media, a lock or a disk error are named as such and offer no restore."""
    found = project_error(exc, path)
    if found is None or isinstance(found, DamagedJournal):
        return DamagedJournal(path, damaged_message)
    return found
