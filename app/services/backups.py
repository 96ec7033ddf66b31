"""Daily backups of the journal in a private `backups/` folder beside it, and restoring one."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from ..core.errors import DamagedJournal
from ..core.timeutil import Clock, to_local
from ..store import backup as store
from ..store.journal import create_private, inspect_file, open_journal

KEEP = 7
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


def list_backups(journal_path: Path, include_damaged: bool = False) -> list[BackupInfo]:
    """This journal's backups, newest first (names sort by time)."""
    journal_path = Path(journal_path).expanduser().absolute()
    folder = backups_folder(journal_path)
    found = []
    if folder.is_dir():
        for path in folder.iterdir():
            m = _NAME.match(path.name)
            if not m or m["stem"] != journal_path.stem or (m["kind"] == "damaged" and not include_damaged):
                continue
            taken = datetime.strptime(m["ts"], "%Y%m%d-%H%M%S").replace(tzinfo=timezone.utc)
            found.append((taken, int(m["n"] or 0), BackupInfo(path, taken, m["kind"])))
    return [info for *_, info in sorted(found, key=lambda t: t[:2], reverse=True)]


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


def _prune(journal_path: Path, kind: str, keep: int) -> list[Path]:
    """Remove all but the newest `keep` backups of one kind (damaged journals moved aside are never removed)."""
    old = [b.path for b in list_backups(journal_path) if b.kind == kind][keep:]
    for path in old:
        path.unlink(missing_ok=True)
    return old


class Backups:
    """The backups of one open journal. `db` is an open journal (or SpasmLog/Repository holding one)."""

    def __init__(self, db, path: Path | None, clock: Clock, keep: int = KEEP):
        self.db = getattr(db, "db", db)
        self.path = Path(path).expanduser().absolute() if path is not None else None
        self.clock = clock
        self.keep = keep

    def list(self) -> list[BackupInfo]:
        """Restorable backups, newest first (empty for a journal in memory)."""
        return list_backups(self.path) if self.path else []

    def latest(self) -> BackupInfo | None:
        found = self.list()
        return found[0] if found else None

    def daily(self, now: datetime | None = None) -> Path | None:
        """Back up at most once per local calendar day, keeping the newest 7; returns the new file or None."""
        if self.path is None:
            return None
        now = now or self.clock()
        last = next((b for b in self.list() if b.kind in ("daily", "manual")), None)
        if last is not None and to_local(last.taken).date() >= to_local(now).date():
            return None
        made = self.make("daily", now)
        _prune(self.path, "daily", self.keep)
        return made

    def make(self, kind: str = "manual", now: datetime | None = None) -> Path:
        """A backup now, whatever the day; pruned to the newest 7 of its kind."""
        if self.path is None:
            raise DamagedJournal(None, "This journal is in memory; there is no file to back up.")
        dest = store.copy_to(self.db.conn, _name_for(self.path, now or self.clock(), kind))
        if kind != "daily":
            _prune(self.path, kind, self.keep)
        return dest

    def restore(self, backup_path) -> Path:
        """Replace the journal with a backup, after backing up the current journal; returns that safety copy.

        The open connection stays valid: the backup is written into it with SQLite's backup API.
        """
        store.check_backup(Path(backup_path))
        safety = self.make("before-restore")
        store.restore_into(self.db.conn, Path(backup_path))
        return safety


def restore_file(journal_path, backup_path, clock: Clock) -> Path:
    """Restore from the journal's path alone, also when the journal is damaged and cannot be opened.

    A journal that opens is backed up and restored in place; one that does not is moved, byte for byte, into
    `backups/` (kind "damaged", never pruned) and a fresh journal is made from the backup. Returns where the
    previous journal was kept (None if there was none).
    """
    journal_path = Path(journal_path).expanduser().absolute()
    backup_path = Path(backup_path).expanduser().absolute()
    store.check_backup(backup_path)
    if backup_path == journal_path:
        raise DamagedJournal(backup_path, f"{backup_path} is the journal itself, not a backup; choose a file from {backups_folder(journal_path)}.")
    kept = None
    if journal_path.exists() and journal_path.stat().st_size > 0:
        try:
            inspect_file(journal_path)
            db = open_journal(journal_path)
        except DamagedJournal:
            db = None
        if db is not None:
            try:
                # A journal with hidden damage fails the safety copy's check; it is then moved aside below.
                kept = Backups(db, journal_path, clock).make("before-restore")
                store.restore_into(db.conn, backup_path)
                return kept
            except DamagedJournal:
                if kept is not None:
                    raise
            finally:
                db.close()
        kept = store.move_aside(journal_path, _name_for(journal_path, clock(), "damaged"))
    create_private(journal_path)
    db = open_journal(journal_path)
    try:
        store.restore_into(db.conn, backup_path)
    finally:
        db.close()
    return kept
