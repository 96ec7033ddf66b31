"""The facade both fronts hold: one journal, one clock, and the use-case services on them."""
from __future__ import annotations

import os
from functools import cached_property
from pathlib import Path

from ..core.errors import DamagedJournal
from ..core.timeutil import Clock, system_clock
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

    def __init__(self, db, clock: Clock = system_clock, path: Path | None = None, recover: bool = True):
        self.db = db
        self.path = path
        self.clock = clock
        self.repo = Repository(db)
        self.entries = Entries(self.repo, self.now)
        self.settings = Settings(self.repo)
        self.flags = Flags(self.repo, self.now)
        self.therapy = Therapy(self.repo, self.now, self.settings)
        self.reminders = Reminders(self.repo, self.now, self.settings)
        # A timer whose end passed while the app was closed is closed now; the fronts tell the person.
        self.closed_while_away = self.therapy.recover() if recover else []
        self.relief = Relief(self.repo, self.now)

    @cached_property
    def backups(self):
        """The journal's backups; imported on first use (the day's backup runs after the first frame)."""
        from .backups import Backups
        return Backups(self.db, self.path, self.now)

    def for_worker(self) -> "SpasmLog":
        """The same journal on a connection of its own, for a worker thread; close it when done.

        One connection is never shared between threads: a statement on one thread could end a transaction
        the other has open. A journal in memory has only its one connection (tests): it is returned as is.
        """
        if self.path is None:
            return self
        return SpasmLog(open_journal(self.path), self.clock, self.path, recover=False)

    def close_worker(self, worker: "SpasmLog") -> None:
        """Close a connection from for_worker() (never this one's own)."""
        if worker is not self:
            worker.close()

    def now(self):
        """The current time from the injected clock."""
        return self.clock()

    def status(self):
        """The state now (see services.status)."""
        from .status import build_status
        return build_status(self)

    def close(self) -> None:
        self.db.close()


def open_spasmlog(path: str | os.PathLike | None = None, clock: Clock = system_clock) -> SpasmLog:
    """Open the journal at `path` (None: in memory) and the services on it."""
    if path is None:
        return SpasmLog(open_memory_journal(), clock)
    path = Path(path).expanduser().absolute()
    db = open_journal(path)
    try:
        problem = damage(db.conn)  # before anything writes (a few ms on 10 years): damage found, nothing added to it
    except BaseException:
        db.close()
        raise
    if problem:
        db.close()
        raise DamagedJournal(path, f"The journal file at {path} is damaged ({problem}). Nothing was written to it. "
                                   f"Restore a backup (python -m app restore BACKUP; python -m app backup --list "
                                   f"shows them), or choose another file with --db.")
    return SpasmLog(db, clock, path)
