"""What the reminder agent may know of an encrypted journal: the next due times only, in a small owner-only file.

The app (unlocked) writes it; `reminders watch` reads it instead of the journal when the journal is encrypted,
so the agent never needs the passphrase. It holds times and a reminder kind, no entry, note or score, and the
agent shows a discreet text for each ("SpasmLog reminder"). Who told which reminder is kept beside it too
(app/store/told.py), so the app and the agent still tell each one once.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path

from ..core.i18n import N_, _
from ..core.timeutil import ensure_aware
from ..store.connection import file_identity
from ..store.private import write_private_json

HORIZON = timedelta(days=2)  # an agent whose app stays closed for days falls back to "open the app"
DISCREET_TEXT = N_("SpasmLog reminder")
NOT_WRITTEN = N_("The reminder times for the agent were not updated: {problem}. It keeps the earlier ones; your journal "
                 "is not touched.")
LOOK_NOT_WRITTEN = N_("The text size, theme and language for the lock view were not updated: {problem}. It keeps the "
                      "earlier ones; your journal is not touched.")


def schedule_path(journal_path) -> Path:
    """Beside the journal: `journal.db` → `.journal.db.reminders.json` (owner-only)."""
    journal_path = Path(journal_path).expanduser().absolute()
    return journal_path.with_name(f".{journal_path.name}.reminders.json")


def write_schedule(svc) -> Path | None:
    """Write the next due times of the open journal (None for a journal in memory); atomic, 0600."""
    if svc.path is None:
        return None
    now = svc.now()
    due = [{"at": r["at"].isoformat(), "kind": r["kind"]} for r in svc.reminders.between(now, now + HORIZON)]
    target = schedule_path(svc.path)
    chosen = _raw(svc.path).get("chosen_outside")  # `reminders install|uninstall` without the passphrase
    if chosen in ("on", "off"):
        svc.settings.set("remind_when_closed", chosen)  # the journal takes the choice now that it is open
    on, language = svc.settings.get("remind_when_closed"), svc.settings.get("language")
    return write_private_json(target, {"written": now.isoformat(), "remind_when_closed": on, "language": language,
                                       "due": due})


def leave_side_files(svc) -> str | None:
    """For the fronts, after an encrypted journal was used: the agent's schedule (write_schedule) and the lock view's
    display choices (display_prefs); None when written, else one plain line saying why not (a full disk, …)."""
    from .display_prefs import display_path, write_display
    for write, where, said in ((write_schedule, schedule_path, NOT_WRITTEN),
                               (write_display, display_path, LOOK_NOT_WRITTEN)):
        try:
            write(svc)
        except Exception as exc:  # noqa: BLE001  (worded below; a bug is named by its type, never raised to the person)
            return _(said).format(problem=problem_words(exc, where(svc.path)))
    return None


def problem_words(exc: BaseException, path) -> str:
    """What went wrong writing the side file at `path`, in a few plain words: 'the disk holding … is full'."""
    from ..core.errors import DiskError, DiskFull, JournalBusy, ReadOnlyJournal
    from .faults import project_error
    found = project_error(exc, path)
    if isinstance(found, DiskFull):
        return _("the disk holding {folder} is full").format(folder=Path(path).parent)
    if isinstance(found, JournalBusy):
        return _("{file} is held by another program").format(file=path)
    if isinstance(found, (ReadOnlyJournal, DiskError)):
        return _("{file} cannot be written ({reason})").format(file=path, reason=found.reason)
    return _("an unexpected {error} at {file}").format(error=type(exc).__name__, file=path)


def choose_when_closed(journal_path, on: bool) -> Path:
    """Reminders while closed on or off for an encrypted journal, without its passphrase: noted in the schedule file
    (a running agent sees "off" at its next look), and taken into the journal when it is next opened."""
    data = _raw(journal_path)
    data.setdefault("due", [])
    data["remind_when_closed"] = data["chosen_outside"] = "on" if on else "off"
    return write_private_json(schedule_path(journal_path), data)


def _raw(journal_path) -> dict:
    """The schedule file as written ({} if there is none or it cannot be read)."""
    try:
        data = json.loads(schedule_path(journal_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _read(journal_path) -> dict:
    data = _raw(journal_path)
    try:
        data["due"] = sorted((datetime.fromisoformat(d["at"]), str(d["kind"])) for d in data["due"])
        return data
    except (ValueError, KeyError, TypeError):
        return {"due": []}


def read_schedule(journal_path, since: datetime, until: datetime) -> list[dict]:
    """The due times in (since, until] as {at, kind, message} with the discreet text; [] if none was written."""
    since, until = ensure_aware(since, "since"), ensure_aware(until, "until")
    return [{"at": at, "kind": kind, "message": _(DISCREET_TEXT)} for at, kind in _read(journal_path)["due"]
            if since < at <= until]


def forget_schedule(journal_path) -> None:
    """The journal is plain again (decrypt): the agent reads it directly, so its times need not sit beside it."""
    schedule_path(journal_path).unlink(missing_ok=True)


class ScheduleFile:
    """The agent's schedule of an encrypted journal: the file above, never the journal (ReminderAgent's schedule)."""

    def __init__(self, journal_path):
        self.journal_path = Path(journal_path).expanduser().absolute()
        self.path = schedule_path(self.journal_path)
        self.identity = file_identity(self.journal_path)  # a stat, no read: the file it was started on
        self._seen = object()

    def due(self, since: datetime, until: datetime) -> list[dict]:
        return read_schedule(self.journal_path, since, until)

    def next_due(self, now: datetime) -> datetime | None:
        now = ensure_aware(now, "now")
        return next((at for at, _ in _read(self.journal_path)["due"] if at > now), None)

    def changed(self) -> bool:
        """True when the app wrote the file again since the last call (and on the first call)."""
        seen = file_identity(self.path, with_change=True)
        changed, self._seen = seen != self._seen, seen
        return changed

    def turned_off(self) -> bool:
        return _read(self.journal_path).get("remind_when_closed") == "off"

    def discreet(self) -> bool:
        return True  # the file knows only a kind and a time: every text is "SpasmLog reminder"

    def language(self) -> str | None:
        """The language chosen in the app when it last wrote the file (None from a file written before it was kept)."""
        return _read(self.journal_path).get("language")

    def replaced(self) -> bool:
        """The journal file is another one now (decrypted, restored): the agent starts again on it."""
        return file_identity(self.journal_path) != self.identity


class LockedJournal:
    """What the agent holds instead of the services while the journal is encrypted: the clock and the claims."""

    therapy = None  # nothing about sessions is known: no "Ice done" titles

    def __init__(self, path, clock):
        from ..store.told import told_path
        self.path = Path(path).expanduser().absolute()
        self.clock = clock
        self.claims_path = told_path(self.path)

    @cached_property
    def _told(self):
        """Made at the first claim, not at start: an agent started on a full disk waits for room instead of ending."""
        from ..store.told import ToldFile
        return ToldFile(self.path)

    def now(self) -> datetime:
        return self.clock()

    def close(self) -> None:
        told = self.__dict__.get("_told")
        if told is not None:
            told.close()
