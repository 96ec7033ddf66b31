"""Who told which reminder, for an encrypted journal: a small owner-only plain SQLite file beside it.

The app and the login agent each claim a reminder (kind and due time) before telling it; whoever inserts the row
first tells it. For a plain journal the claims live in the journal (reminder_deliveries, migration 0005). An
encrypted journal cannot be opened by the agent, which never gets the passphrase, so the claims of an encrypted
journal live here instead, in a file that holds nothing but reminder kinds and times (the same as the schedule
file beside it). SQLite's INSERT OR IGNORE under BEGIN IMMEDIATE is the lock: two processes never both win one.
"""
from __future__ import annotations

from pathlib import Path

from .connection import Journal, connect
from .journal import create_private, tighten
from .repository import Repository
from .schema import create_reminder_deliveries

CLAIM_WAIT_MS = 1000


def told_path(journal_path) -> Path:
    """Beside the journal: `journal.db` → `.journal.db.told.db`."""
    journal_path = Path(journal_path).expanduser().absolute()
    return journal_path.with_name(f".{journal_path.name}.told.db")


class ToldFile:
    """The claims of an encrypted journal's reminders: claim_reminders, reminders_told, forget_reminders_told."""

    def __init__(self, journal_path):
        self.path = told_path(journal_path)
        create_private(self.path)
        # A rollback journal rather than WAL: one file most of the time, and these writes are few and small.
        self._db = Journal(connect(self.path, wal=False))
        # A claim is one small insert: a lock held longer than this is stuck, and the app's tick must not wait on it
        # (the agent and the app try again at their next look; nothing is told before it is claimed).
        self._db.conn.execute(f"PRAGMA busy_timeout = {CLAIM_WAIT_MS}")
        try:
            with self._db.atomic():
                create_reminder_deliveries(self._db)
        except BaseException:
            self._db.close()
            raise
        tighten(self.path)
        repo = Repository(self._db)  # the journal's own claim queries, on this file
        self.claim_reminders = repo.claim_reminders
        self.reminders_told = repo.reminders_told
        self.forget_reminders_told = repo.forget_reminders_told

    def close(self) -> None:
        self._db.close()


def forget_told(journal_path) -> None:
    """The journal is plain again: its claims go back into it, and this file (with any side file) goes."""
    path = told_path(journal_path)
    for candidate in (path, Path(f"{path}-journal"), Path(f"{path}-wal"), Path(f"{path}-shm")):
        candidate.unlink(missing_ok=True)
