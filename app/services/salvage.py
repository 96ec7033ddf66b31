"""What can still be read from a damaged journal, written out as the CSV export (all of its time), all or nothing.

The journal is open read-only (PRAGMA query_only); each kind of entry is read on its own, so a damaged pain
table does not stop the doses, episodes or profile from being saved. What could not be read is named.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone
from pathlib import Path

from ..core.entities import Profile
from ..core.timeutil import to_local
from ..store.faults import SQLITE_CORRUPT, SQLITE_IOERR, SQLITE_NOTADB, sqlite_code
from ..store.private import private_folder
from ..store.staging import staged_folder
from .export_csv import CSV_FILES, write_csv

BEGINNING = datetime(1970, 1, 1, tzinfo=timezone.utc)


def _unreadable(exc: BaseException) -> bool:
    return sqlite_code(exc) in (SQLITE_CORRUPT, SQLITE_NOTADB, SQLITE_IOERR)


class _Readable:
    """The services write_csv reads from, each read giving what can be read and noting what cannot."""

    def __init__(self, svc, lost: list[str]):
        self._svc, self.lost = svc, lost
        self._repo, self.flags, self.settings = self, self, self

    def now(self):
        return self._svc.now()

    @property
    def zone(self):
        return self._svc.zone

    def _try(self, what: str, read, empty):
        try:
            return read()
        except Exception as exc:  # noqa: BLE001  (only damage is tolerated; anything else is raised)
            if not _unreadable(exc):
                raise
            self.lost.append(what)
            return empty

    def between(self, kind, start=None, end=None, **kwargs):
        return self._try(CSV_FILES[kind].replace("_", " "), lambda: self._svc._repo.between(kind, start, end, **kwargs), [])

    def history(self, start, end):
        return self._try("flags", lambda: self._svc.flags.history(start, end), [])

    def profile(self):
        return self._try("profile", self._svc.settings.profile, Profile())


def export_readable(svc, out_dir) -> tuple[list[Path], list[str]]:
    """CSV files of every entry that can still be read, into out_dir; returns (files, what could not be read)."""
    lost: list[str] = []
    out = private_folder(out_dir)
    stem = f"spasmlog_readable_{to_local(svc.now(), svc.zone).date().isoformat()}"
    with staged_folder(out) as folder:
        written = write_csv(_Readable(svc, lost), BEGINNING, svc.now() + timedelta(days=1), folder, stem)
    return [out / path.name for path in written], lost
