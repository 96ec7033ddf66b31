"""Daily backups of the journal in a private `backups/` folder beside it, and restoring one."""
from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..core.errors import DamagedJournal, PassphraseNeeded
from ..core.i18n import _
from ..core.timeutil import Clock, to_local, zone_of
from ..store import backup as store
from ..store import staging
from ..store.private import new_private_file, private_folder
from ..store.health import damage
from ..store.journal import open_journal
from ..store.cipher import looks_encrypted

KEEP = 7
CLOCK_SLACK = timedelta(minutes=5)  # a backup dated later than now by more than this was made with a wrong clock
FOLDER = "backups"
# Kinds: daily (at start), manual (`backup`), before-restore (safety copy), damaged (a journal moved aside).
_NAME = re.compile(r"^(?P<stem>.+)-(?P<ts>\d{8}-\d{6})Z(?:-(?P<n>\d+))?-(?P<kind>daily|manual|before-restore|damaged)\.db$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    taken: datetime  # UTC, from the file name
    kind: str


def backups_folder(journal_path: Path) -> Path:
    return Path(journal_path).expanduser().absolute().parent / FOLDER


def list_backups(journal_path: Path, include_damaged: bool = False, now: datetime | None = None) -> list[BackupInfo]:
    """This journal's backups, newest first (names sort by time). Given `now`, a backup dated after it (made
    once while the clock was wrong, say in 2030) counts as the oldest: it never passes for the latest, never
    stops the daily backup and is the first to be pruned."""
    journal_path = Path(journal_path).expanduser().absolute()
    folder = backups_folder(journal_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = _NAME.match(path.name)
            if not m or m["stem"] != journal_path.stem or (m["kind"] == "damaged" and not include_damaged):
                continue
            taken = datetime.strptime(m["ts"], "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
            found.append((now is None or taken <= now + CLOCK_SLACK, taken, int(m["n"] or 0),
                          BackupInfo(path, taken, m["kind"])))
    return [info for *_, info in sorted(found, key=lambda t: t[:3], reverse=True)]


def _name_for(journal_path: Path, when: datetime, kind: str) -> Path:
    """A new backup name, sortable by time; a counter keeps two backups in the same second apart."""
    folder = backups_folder(journal_path)
    stamp = when.astimezone(timezone.utc).strftime("%Y%m%d-%H%M%S")
    stem = Path(journal_path).stem
    n = 0
    while True:
        path = folder / f"{stem}-{stamp}Z{f'-{n}' if n else ''}-{kind}.db"
        if not path.exists():
            return path
        n += 1


def _prune(journal_path: Path, kind: str, keep: int, now: datetime) -> list[Path]:
    """Remove all but the newest `keep` backups of one kind (damaged journals moved aside are never removed)."""
    old = [b.path for b in list_backups(journal_path, now=now) if b.kind == kind][keep:]
    for path in old:
        path.unlink(missing_ok=True)
    return old


class Backups:
    """The backups of one open journal. `db` is an open journal (or SpasmLog/Repository holding one)."""

    def __init__(self, db, path: Path | None, clock: Clock, keep: int = KEEP):
        self._db = getattr(db, "_db", db)
        self.path = Path(path).expanduser().absolute() if path is not None else None
        self.clock = clock
        self.keep = keep

    def list(self) -> list[BackupInfo]:
        """Restorable backups, newest first, any dated in the future last (empty for a journal in memory)."""
        return list_backups(self.path, now=self.clock()) if self.path else []

    def latest(self) -> BackupInfo | None:
        found = self.list()
        return found[0] if found else None

    def daily(self, now: datetime | None = None) -> Path | None:
        """Back up at most once per local calendar day, keeping the newest 7; returns the new file or None."""
        if self.path is None:
            return None
        self.remove_stale_parts()
        now = now or self.clock()
        last = next((b for b in list_backups(self.path, now=now) if b.kind in ("daily", "manual")), None)
        zone = zone_of(self.clock)  # the person's day, from the clock, not the process's zone
        if last is not None and to_local(now, zone).date() <= to_local(last.taken, zone).date() \
                and last.taken <= now + CLOCK_SLACK:
            return None
        made = self.make("daily", now)
        _prune(self.path, "daily", self.keep, now)
        return made

    def remove_stale_parts(self) -> list[Path]:
        """Half-written copies left by a backup or restore that was killed (runs with the day's backup)."""
        if self.path is None:
            return []
        return (staging.remove_stale_parts(backups_folder(self.path), prefix=f".{self.path.stem}-")
                + staging.remove_stale_parts(self.path.parent, prefix=f".{self.path.name}."))

    def make(self, kind: str = "manual", now: datetime | None = None) -> Path:
        """A backup now, whatever the day; pruned to the newest 7 of its kind."""
        if self.path is None:
            raise DamagedJournal(None, _("This journal is in memory; there is no file to back up."))
        if kind == "manual":
            self.remove_stale_parts()  # `backup` from the command line cleans up after a killed one, as the app does
        dest = store.copy_to(self._db.conn, _name_for(self.path, now or self.clock(), kind), self._db.passphrase)
        if kind != "daily":
            _prune(self.path, kind, self.keep, now or self.clock())
        return dest

    def restore(self, backup_path) -> Path:
        """Replace the journal with a backup, after backing up the current journal; returns that safety copy.

        The open connection stays valid: the backup is written into it with SQLite's backup API.
        """
        store.check_backup(Path(backup_path), self._db.passphrase)
        safety = self.make("before-restore")
        store.restore_into(self._db.conn, Path(backup_path), self._db.passphrase)
        return safety


def restore_file(journal_path, backup_path, clock: Clock, passphrase=None) -> Path | None:
    """Restore from the journal's path alone, also when the journal is damaged and cannot be opened.

    A journal that opens and passes quick_check is backed up ("before-restore") and restored in place. One that
    is proven damaged (it cannot be opened as a journal, or quick_check finds damage) is moved, byte for byte,
    into `backups/` (kind "damaged", never pruned, listed by `backup --list`) only once a complete restored
    copy is ready beside it, so there is never a missing or 0-byte journal. A journal that cannot be opened for
    another reason (a full disk, read-only media, a lock) is not replaced: that error is raised and nothing
    changes. Restoring a kept "damaged" file puts it back as it was (undo). Returns where the previous journal
    was kept (None if there was none). `passphrase` (a string, or a function asked only if needed): an
    encrypted journal's or backup's; the restored journal is then encrypted under it, whatever the backup was.
    """
    journal_path = Path(journal_path).expanduser().absolute()
    backup_path = Path(backup_path).expanduser().absolute()
    key = None
    if looks_encrypted(journal_path) or looks_encrypted(backup_path):
        key = passphrase() if callable(passphrase) else passphrase
        if key is None:
            raise PassphraseNeeded(journal_path if looks_encrypted(journal_path) else backup_path)
    if backup_path == journal_path:
        raise DamagedJournal(backup_path, _("{backup_path} is the journal itself, not a backup; choose a file from {journal_path}.").format(
                backup_path=backup_path, journal_path=backups_folder(journal_path)))
    if _kind(backup_path) == "damaged":
        return _put_back(journal_path, backup_path, clock, key)
    store.check_backup(backup_path, key)
    if not journal_path.exists() or journal_path.stat().st_size == 0:
        private_folder(journal_path.parent)
        store.swap_in(store.staged_restore(journal_path, backup_path, key), journal_path, None)
        return None
    if not _damaged(journal_path, key):
        db = open_journal(journal_path, key)
        try:
            kept = Backups(db, journal_path, clock).make("before-restore")
            store.restore_into(db.conn, backup_path, db.passphrase)
        finally:
            db.close()
        return kept
    staged = store.staged_restore(journal_path, backup_path, key)  # encrypted if either of them was
    return store.swap_in(staged, journal_path, _name_for(journal_path, clock(), "damaged"))


def _damaged(journal_path: Path, key: str | None = None) -> bool:
    """True if the journal is proven damaged: it cannot be opened as a journal, or quick_check finds damage.
    A full disk, read-only media or a lock is raised (they say nothing about the file), and so is a wrong
    passphrase: that is not damage, and never leads to a restore."""
    try:
        db = open_journal(journal_path, key)
    except DamagedJournal:
        return True
    try:
        return damage(db.conn) is not None
    finally:
        db.close()


def _put_back(journal_path: Path, kept: Path, clock: Clock, key: str | None = None) -> Path | None:
    """Undo a restore that moved a damaged journal aside: it goes back byte for byte; the journal now in its
    place is kept (closed cleanly first, so it is one complete file) as a "before-restore" copy."""
    if kept.parent != backups_folder(journal_path) or not kept.is_file():
        raise DamagedJournal(kept, _("{kept} is not one of this journal's kept files; list them with python -m app backup "
                                     "--list.").format(kept=kept))
    aside = None
    if journal_path.exists() and journal_path.stat().st_size:
        if not _damaged(journal_path, key):
            open_journal(journal_path, key).close()  # folds its -wal into the file
        aside = _name_for(journal_path, clock(), "before-restore")
    staged = journal_path.with_name(f".{journal_path.name}.{os.getpid()}.undo.part")
    store.rename_with_companions(kept, staged)
    try:
        return store.swap_in(staged, journal_path, aside)
    except BaseException:
        store.rename_with_companions(staged, kept)
        raise


def keep_copy(journal_path: Path, clock: Clock) -> Path:
    """A byte-for-byte copy of the journal and its -wal in `backups/` (kind "damaged": listed, never pruned),
    made before anything writes, when the log holds saved changes SQLite will not read (see store/wal.py)."""
    journal_path = Path(journal_path).expanduser().absolute()
    dest = _name_for(journal_path, clock(), "damaged")
    private_folder(dest.parent, tighten=True)
    for source, target in ((journal_path, dest), (Path(f"{journal_path}-wal"), Path(f"{dest}-wal"))):
        new_private_file(target)
        shutil.copyfile(source, target)
    return dest


def _kind(path: Path) -> str | None:
    m = _NAME.match(Path(path).name)
    return m["kind"] if m else None

