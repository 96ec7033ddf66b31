"""The facade both fronts hold: one journal, one clock, and the use-case services on them."""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from ..core.errors import DamagedJournal
from ..core.i18n import _, ngettext
from ..core.timeutil import Clock, system_clock, zone_of
from ..store.health import damage
from ..store.journal import open_journal, open_memory_journal
from ..store.repository import Repository
from .entries import Entries
from .flags import Flags
from .reminders import Reminders
from .relief import Relief
from .settings import Settings
from .therapy import Therapy


class SpasmLog:
    """Open once per process; every screen and every CLI command goes through this object."""

    damage = None  # the DamagedJournal of a journal opened read-only because it is damaged
    notices: list[str] = []  # what the person must be told about this opening (the fronts show each once)

    def __init__(self, db, clock: Clock = system_clock, path: Path | None = None, recover: bool = True):
        self._db = db
        self.path = path
        self.clock = clock
        self._repo = Repository(db)
        # Each service gets the clock itself: it tells both the time and the zone that decides days and times of day.
        self.entries = Entries(self._repo, clock)
        self.settings = Settings(self._repo, clock)
        self.flags = Flags(self._repo, clock)
        self.therapy = Therapy(self._repo, clock, self.settings)
        self.reminders = Reminders(self._repo, clock, self.settings)
        # A timer whose end passed while the app was closed is closed now; the fronts tell the person.
        self.closed_while_away = self.therapy.recover() if recover else []
        self.relief = Relief(self._repo, clock)

    @cached_property
    def backups(self):
        """The journal's backups; imported on first use (the day's backup runs after the first frame)."""
        from .backups import Backups
        return Backups(self._db, self.path, self.clock)

    def fill_demo(self, days: int, seed: int = 1) -> dict:
        """Fill the journal with `days` of generated history ending now (services/demo.py); counts per kind."""
        from .demo import generate
        return generate(self._repo, self.now(), days, seed, self.zone)

    @cached_property
    def _told(self):
        """Where each reminder is claimed before it is told (services/delivery.py): the journal itself, or for an
        encrypted journal the claims file beside it, which the login agent can use without the passphrase."""
        if self.path is None or self.passphrase is None:
            return self._repo
        from ..store.told import ToldFile
        return ToldFile(self.path)

    @property
    def claims_path(self) -> Path | None:
        """The file _told writes: the claims file beside an encrypted journal, else the journal itself."""
        from ..store.told import told_path
        return told_path(self.path) if self.path is not None and self.passphrase is not None else self.path

    @property
    def passphrase(self) -> str | None:
        """The encrypted journal's passphrase (None: a plain journal), for the lock and the privacy settings."""
        return getattr(self._db, "passphrase", None)

    def for_worker(self) -> "SpasmLog":
        """The same journal on a connection of its own, for a worker thread; close it when done.

        One connection is never shared between threads: a statement on one thread could end a transaction
        the other has open. A journal in memory has only its one connection (tests): it is returned as is.
        """
        if self.path is None:
            return self
        return SpasmLog(open_journal(self.path, self._db.passphrase), self.clock, self.path, recover=False)

    def close_worker(self, worker: "SpasmLog") -> None:
        """Close a connection from for_worker() (never this one's own)."""
        if worker is not self:
            worker.close()

    def replaced(self) -> bool:
        """Whether another file is at the journal's path now (encrypted or decrypted elsewhere, restored): this
        connection still reads the old one, and what it writes would be kept nowhere."""
        return self._db.replaced()

    def now(self):
        """The current time from the injected clock."""
        return self.clock()

    @property
    def zone(self):
        """The person's time zone, from the clock: it decides local days and the times of day shown."""
        return zone_of(self.clock)

    def status(self):
        """The state now (see services.status)."""
        from .status import build_status
        return build_status(self)

    def close(self) -> None:
        told = self.__dict__.get("_told")
        if told is not None and told is not self._repo:
            told.close()
        self._db.close()


def _unread_log(path: Path, clock: Clock) -> list[str]:
    """If the journal's write-ahead log holds saved changes SQLite will not read (a damaged frame before them),
    keep a copy of the journal and its log, and say so; SQLite itself cannot read past a bad checksum."""
    import time

    from ..store.wal import ignored_commits
    first, lost = ignored_commits(path)
    if lost:
        time.sleep(0.05)  # another program may be committing right now: only a gap that stays is a damaged log
        first, lost = ignored_commits(path)
    if not lost:
        return []
    from .backups import keep_copy
    kept = keep_copy(path, clock)
    return [ngettext("Part of the journal's write-ahead log is damaged (at frame {first}): the {lost} change saved "
                     "after that point cannot be read and is missing. Everything before it is intact. The journal and "
                     "its log as they were are kept at {kept} for recovery by hand.",
                     "Part of the journal's write-ahead log is damaged (at frame {first}): the {lost} changes saved "
                     "after that point cannot be read and are missing. Everything before it is intact. The journal and "
                     "its log as they were are kept at {kept} for recovery by hand.", lost).format(
                         first=first, lost=lost, kept=kept)]


def open_spasmlog(path: str | os.PathLike | None = None, clock: Clock = system_clock,
                  passphrase=None, read_only_if_damaged: bool = False) -> SpasmLog:
    """Open the journal at `path` (None: in memory) and the services on it.

    A journal with damage inside (quick_check, a few ms on 10 years, run before anything writes) raises
    DamagedJournal; with read_only_if_damaged it is opened read-only instead (nothing can be written to it,
    no timer is closed), with that error as `.damage`, so what can still be read can be exported.
    passphrase: for an encrypted journal, a string or a function asked only if the journal is encrypted.
    """
    if path is None:
        return SpasmLog(open_memory_journal(), clock)
    path = Path(path).expanduser().absolute()
    db = open_journal(path, passphrase)
    try:
        problem = damage(db.conn)
    except BaseException:
        db.close()
        raise
    if not problem:
        notices = _unread_log(path, clock)  # before anything writes over the frames SQLite ignores
        svc = SpasmLog(db, clock, path)
        svc.notices = notices
        return svc
    error = DamagedJournal(path, _("The journal file at {path} is damaged ({problem}). Nothing was written to it. Export what "
                                   "can still be read (python -m app export --readable --out DIR), or restore a backup "
                                   "(python -m app restore BACKUP; backup --list shows them).").format(
                                           path=path, problem=problem),
                           plain=_("The journal file at {path} is damaged ({problem}). Nothing was written to it. Export what "
                                   "can still be read, or restore a backup.").format(path=path, problem=problem))
    if not read_only_if_damaged:
        db.close()
        raise error
    db.execute("PRAGMA query_only=1")
    svc = SpasmLog(db, clock, path, recover=False)
    svc.damage = error
    return svc
