"""The reminder agent (`reminders watch`): sleeps until a reminder is due or the journal changes, tells each once."""
from __future__ import annotations

import logging
from datetime import datetime, timedelta

from ..core.i18n import LANGUAGES, set_language
from ..store.convert import conversion_running
from .delivery import STALE, OnHold, forget_old_records, notification_text, to_tell, told

log = logging.getLogger("spasmlog.agent")

# How often the journal is asked whether another process wrote to it (PRAGMA data_version: no file is read).
POLL_SECONDS = 2.0
# While SpasmLog's window is open it tells reminders itself (with its popup and chime, within about a second); the
# agent steps in only for one still untold this long after it fell due (a window that hangs, say).
APP_GRACE = timedelta(seconds=15)


def set_remind_when_closed(svc, on: bool, login_entry):
    """Turn reminders-while-closed on (login entry written, setting on) or off (entry removed, setting off,
    which also ends a running agent at its next look). Returns the entry's path, or whether one was removed."""
    if on:
        result = login_entry.install(svc.path)
        svc.settings.set("remind_when_closed", "on")
    else:
        result = login_entry.remove()
        svc.settings.set("remind_when_closed", "off")
    if svc.passphrase is not None:  # the agent of an encrypted journal reads the setting from its schedule file
        from .agent_schedule import write_schedule
        write_schedule(svc)
    return result


def set_remind_when_closed_locked(path, on: bool, login_entry):
    """set_remind_when_closed for an encrypted journal without its passphrase: the login entry, and the choice in
    the agent's schedule file (agent_schedule.choose_when_closed); no journal content is read."""
    from .agent_schedule import choose_when_closed
    if on:  # the choice first: on a full disk no entry is made that the agent could not honour
        choose_when_closed(path, on)
        return login_entry.install(path)
    removed = login_entry.remove()  # the entry first: stopping never waits for room on the disk
    choose_when_closed(path, on)
    return removed


class JournalSchedule:
    """What is due, read from the journal: the one place the agent learns it (an encrypted journal swaps this
    for agent_schedule.ScheduleFile, which reads only the due times the app wrote beside it)."""

    def __init__(self, svc):
        self.svc = svc
        self._version = None

    def due(self, since: datetime, until: datetime) -> list[dict]:
        """Reminders due in (since, until], oldest first, as {at, kind, message}."""
        return self.svc.reminders.between(since, until)

    def next_due(self, now: datetime) -> datetime | None:
        """The moment the app's own scheduler waits for too (core.reminders.next_due)."""
        return self.svc.reminders.next_due(now)

    def changed(self) -> bool:
        """True when another process committed to the journal since the last call (and on the first call)."""
        version = self.svc._repo.change_counter()
        changed, self._version = version != self._version, version
        return changed

    def turned_off(self) -> bool:
        return self.svc.settings.get("remind_when_closed") == "off"

    def discreet(self) -> bool:
        return self.svc.settings.get("discreet_notifications") == "on"

    def language(self) -> str:
        return self.svc.settings.get("language")

    def replaced(self) -> bool:
        """The journal file is another one now (encrypted, restored), or is being converted (which needs it to
        itself): the agent lets go of it and starts again on what is there once the conversion is done."""
        path = self.svc.path
        return path is not None and (conversion_running(path) or self.svc.replaced())


def wait_for_conversion(path, stop) -> None:
    """While the journal is being converted (encrypt, decrypt, a new passphrase), hold nothing open and wait."""
    while conversion_running(path) and not stop.is_set():
        stop.wait(0.2)


def open_source(path, clock, open_services):
    """(svc, schedule) for the agent on the journal at `path`: the journal's services when it is plain
    (`open_services()` opens them), or only the due times and claims beside it when it is encrypted."""
    from .agent_schedule import LockedJournal, ScheduleFile
    from .privacy import is_encrypted
    if is_encrypted(path):
        return LockedJournal(path, clock), ScheduleFile(path)
    svc = open_services()
    return svc, JournalSchedule(svc)


class ReminderAgent:
    """Tells due reminders as OS notifications, claiming each in the journal so the app never repeats one."""

    def __init__(self, svc, notifier, app_is_open=lambda: False, schedule=None, poll_seconds: float = POLL_SECONDS,
                 since: datetime | None = None, report=log.warning):
        self.svc = svc
        self.hold = OnHold(report)  # one plain line when reminders go on hold, and when they go on again
        self.notifier = notifier
        self.app_is_open = app_is_open
        self.schedule = schedule or JournalSchedule(svc)
        self.poll_seconds = poll_seconds
        # At start (login, or after a crash) reminders missed within the last hour are caught up, as one summary;
        # an agent started again on a replaced journal file goes on from where it was (`since`).
        self.since = since or svc.now() - STALE
        self.next_due: datetime | None = None
        self.retry_at: datetime | None = None  # when to look again at a reminder left to the open app
        self.sent: list[tuple[str, str]] = []

    def run(self, stop) -> str:
        """Until `stop` (a threading.Event) is set, the person turns the agent off, or the journal file is replaced
        (encrypted or decrypted, restored); returns why it ended: "stopped", "off" or "replaced"."""
        while not stop.is_set():
            try:
                if self.schedule.replaced():
                    return "replaced"
                if self.tick() == "off":
                    return "off"
                self.hold.solved()
            except Exception as exc:  # a full disk, a held claims file: said once, tried again at the next poll
                if not self.hold.failed(self.svc, exc):
                    log.exception("reminder check failed")  # a bug of ours: its details are for the log
                self.next_due = None
            stop.wait(self.sleep_seconds())
        return "stopped"

    def tick(self) -> str | None:
        """One wake-up: on a journal change or when a reminder fell due, tell what is due."""
        now = self.svc.now()
        changed = self.schedule.changed()
        if changed and self.schedule.turned_off():
            return "off"
        if changed or self.next_due is None or now >= self.next_due:
            self.tell_due(now)
            upcoming = [t for t in (self.schedule.next_due(now), self.retry_at) if t is not None]
            self.next_due = min(upcoming) if upcoming else None
        return None

    def sleep_seconds(self) -> float:
        """Until the next poll, or sooner if a reminder falls due before it."""
        if self.next_due is None:
            return self.poll_seconds
        return max(0.05, min(self.poll_seconds, (self.next_due - self.svc.now()).total_seconds()))

    def tell_due(self, now: datetime) -> list:
        self.retry_at = None
        if now <= self.since:
            self.since = now  # the clock went back (or did not move): start again from now
            return []
        chosen = self.schedule.language()  # told in the language chosen now, also if changed in the app since
        if chosen in LANGUAGES:
            set_language(chosen)
        due = self.schedule.due(self.since, now)
        already = told(self.svc, self.since, now)
        due = [r for r in due if (r["kind"], r["at"]) not in already]
        waiting = [r for r in due if now - r["at"] < APP_GRACE] if due and self.app_is_open() else []
        deliveries = to_tell(self.svc, [r for r in due if r not in waiting], now, "agent")
        # The next look starts just before the oldest reminder left to the app, so it is seen again if untold.
        self.since = now
        if waiting:
            oldest = min(r["at"] for r in waiting)
            self.since, self.retry_at = oldest - timedelta(microseconds=1), oldest + APP_GRACE
        if deliveries:
            discreet = self.schedule.discreet()
            for d in deliveries:
                title, message = notification_text(d, discreet)
                self.notifier.notify(title, message)
                self.sent.append((title, message))
            forget_old_records(self.svc)
        return deliveries
