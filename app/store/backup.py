"""Consistent copies of the journal with SQLite's backup API, and restoring one into a journal."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from ..core.errors import DamagedJournal, JournalError, PassphraseNeeded, WrongPassphrase
from ..core.i18n import _
from .cipher import database_errors, looks_encrypted
from .connection import connect
from .convert import convert
from .journal import SQLITE_HEADER, check_schema, inspect_file, migrate, schema_version
from .private import new_private_file, part_path, private_folder
from .schema import is_spasmlog_journal

COMPANIONS = ("-wal", "-shm", "-journal")


def copy_to(conn, dest: Path, passphrase: str | None = None) -> Path:
    """Write a consistent copy of an open journal to `dest` (0600), atomically: a half copy never has its name.

    The copy is a self-contained file (rollback journal mode, no -wal) and passes an integrity check; the
    copy of an encrypted journal (`passphrase`) is encrypted with the same passphrase.
    """
    dest = Path(dest)
    if conn.in_transaction:
        raise JournalError("backup", _("backup: the journal is in the middle of a change; try again in a moment."))
    private_folder(dest.parent, tighten=True)
    tmp = new_private_file(part_path(dest))
    try:
        target = connect(tmp, wal=False, key=passphrase)
        try:
            conn.backup(target)
            target.execute("PRAGMA journal_mode=DELETE")
            check = target.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            target.close()
        if check != "ok":
            raise DamagedJournal(dest, _("The journal has damage ({check}), so no backup was made; your earlier backups are kept. "
                                         "Restore one with python -m app restore BACKUP.").format(check=check))
        if dest.exists():
            raise JournalError("backup", _("backup: {dest} already exists; not overwritten.").format(dest=dest))
        os.replace(tmp, dest)
    except database_errors() as exc:
        raise DamagedJournal(dest, _("The journal could not be backed up ({exc}); your earlier backups are kept.").format(
                exc=exc)) from None
    except OSError as exc:
        raise JournalError("backup", _("backup: could not write {dest}: {strerror}.").format(
                dest=dest, strerror=exc.strerror)) from None
    finally:
        for leftover in (tmp, *(Path(f"{tmp}{c}") for c in COMPANIONS)):
            leftover.unlink(missing_ok=True)
    return dest


def _ro_connect(path: Path, passphrase: str | None = None):
    try:
        return connect(path, readonly=True, key=passphrase)
    except WrongPassphrase:
        raise WrongPassphrase(path, "backup") from None


def check_backup(path: Path, passphrase: str | None = None) -> None:
    """Refuse a backup that is missing, not a SpasmLog journal, from a newer version, or damaged. Reads only.

    An encrypted backup needs the journal's passphrase (WrongPassphrase if it was made under another one).
    """
    path = Path(path)
    if not path.is_file():
        raise DamagedJournal(path, _("There is no backup file at {path}. List your backups with python -m app backup --list.").format(
                path=path))
    if path.stat().st_size == 0:
        raise DamagedJournal(path, _("The backup at {path} is empty; choose another backup.").format(path=path))
    encrypted = looks_encrypted(path)
    if encrypted and passphrase is None:
        raise PassphraseNeeded(path)
    try:
        if not encrypted:
            inspect_file(path)
    except DamagedJournal as exc:
        raise DamagedJournal(path, _("This backup cannot be used: {problem} The file {path} was not changed; choose another "
                                     "backup.").format(
                                             problem=getattr(exc, "problem", exc.message), path=path)) from None
    try:
        conn = _ro_connect(path, passphrase if encrypted else None)
        try:
            tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if encrypted:
                check_schema(path, tables, schema_version(conn))
        finally:
            conn.close()
    except database_errors() as exc:
        check, tables = str(exc), None
    if tables is not None and not is_spasmlog_journal(tables):
        raise DamagedJournal(path, _("The file {path} is not a SpasmLog journal backup; choose another backup.").format(
                path=path))
    if check != "ok":
        raise DamagedJournal(path, _("The backup at {path} is damaged ({check}); choose another backup.").format(
                path=path, check=check))


def restore_into(conn, backup: Path, passphrase: str | None = None) -> None:
    """Replace the whole contents of an open journal with a checked backup, in one step.

    The backup API writes through the live connection, so WAL, the -shm index and any other reader stay
    consistent (they see the old journal or the restored one, never a mix); the journal stays in WAL mode.
    Into an encrypted journal (`passphrase`) a plain backup goes through an encrypted copy first: the
    restored journal stays encrypted.
    """
    backup = Path(backup)
    check_backup(backup, passphrase)
    if conn.in_transaction:
        raise JournalError("restore", _("restore: the journal is in the middle of a change; try again in a moment."))
    encrypted = looks_encrypted(backup)
    if encrypted and passphrase is None:
        raise JournalError("restore", _("restore: {backup} is encrypted and this journal is not; protect the journal first (python "
                                        "-m app encrypt), then restore.").format(backup=backup))
    copy = None
    if passphrase is not None and not encrypted:
        copy = new_private_file(backup.parent / f".{backup.name}.{os.getpid()}.restoring")
        shutil.copyfile(backup, copy)
        convert(copy, None, passphrase)
    try:
        source = _ro_connect(copy or backup, passphrase)
        try:
            source.backup(conn)
        finally:
            source.close()
    except database_errors() as exc:
        raise DamagedJournal(backup, _("The backup at {backup} could not be restored ({exc}); your journal was not changed.").format(
                backup=backup, exc=exc)) from None
    finally:
        if copy is not None:
            copy.unlink(missing_ok=True)
    migrate(conn)  # a backup may come from an earlier version


def is_sqlite_file(path: Path) -> bool:
    """True if the file starts with SQLite's header (used only to label files, never to trust them)."""
    try:
        with open(path, "rb") as fh:
            return fh.read(16) == SQLITE_HEADER
    except OSError:
        return False


def staged_restore(journal: Path, backup: Path, passphrase: str | None = None) -> Path:
    """A complete journal made from a checked backup in a hidden file beside `journal` (0600, one file, no -wal),
    ready to be moved into place; on any failure (a full disk) nothing is left behind and the journal is untouched.
    With `passphrase` (an encrypted journal) the new file is encrypted under it, whatever the backup was."""
    from .journal import open_journal
    check_backup(backup, passphrase)
    tmp = new_private_file(journal.with_name(f".{journal.name}.{os.getpid()}.restore.part"))
    try:
        db = open_journal(tmp, passphrase, new_encrypted=passphrase is not None)
        try:
            restore_into(db.conn, backup, db.passphrase)
            db.execute("PRAGMA journal_mode=DELETE")  # a single self-contained file: nothing in a -wal to lose
        finally:
            db.close()
        if Path(f"{tmp}-wal").exists():
            raise JournalError("restore", _("restore: the restored copy could not be finished; your journal was not changed."))
    except BaseException:
        for leftover in (tmp, *(Path(f"{tmp}{c}") for c in COMPANIONS)):
            leftover.unlink(missing_ok=True)
        raise
    return tmp


def swap_in(staged: Path, journal: Path, aside: Path | None) -> Path | None:
    """Put `staged` at `journal` in one rename, first moving the journal (and its -wal/-shm) to `aside`.

    Renames need no free space, so this cannot fail half-way on a full disk; if the last rename fails, the
    journal is moved back. Returns where the journal was kept (None if there was none to keep).
    """
    kept = move_aside(journal, aside) if aside is not None and journal.exists() else None
    try:
        os.replace(staged, journal)
    except OSError:
        if kept is not None:
            rename_with_companions(kept, journal)
        raise
    return kept


def move_aside(path: Path, dest: Path) -> Path:
    """Move a journal that cannot be opened (and its -wal/-shm) to `dest`, byte for byte, never deleting it."""
    private_folder(dest.parent, tighten=True)
    if dest.exists():
        raise JournalError("restore", _("restore: {dest} already exists; not overwritten.").format(dest=dest))
    return rename_with_companions(path, dest)


def rename_with_companions(path: Path, dest: Path) -> Path:
    """Rename a journal file and its -wal/-shm/-journal companions together."""
    os.replace(path, dest)
    for companion in COMPANIONS:
        side = Path(f"{path}{companion}")
        if side.exists():
            os.replace(side, Path(f"{dest}{companion}"))
    return dest
