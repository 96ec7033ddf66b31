"""Delivers reminders while the app runs: in the app, with the alarm sound, and as an OS notification."""
from __future__ import annotations

import logging
import threading
from datetime import datetime, timedelta

from ..services.delivery import Delivery, OnHold, notification_text, to_tell

log = logging.getLogger("spasmlog.reminders")

POLL_SECONDS = 15  # at the latest, the journal is read again this often (another program may have written)
TICK_SECONDS = 0.5  # how often the clock is compared with the next reminder's time (no journal read)


class ReminderDelivery:
    """Owned by the App: polls svc.reminders.due() and tells the person about each reminder once.

    `present(delivery)` shows it inside the app (the App passes its popup/snackbar); the OS
    notification goes out on a daemon thread because SystemNotifier may block for seconds.
    """

    def __init__(self, svc, notifier, sound, present, threaded: bool = True):
        self.svc = svc
        self.notifier = notifier
        self.sound = sound
        self.present = present
        self.threaded = threaded
        self.last_checked: datetime | None = None
        self.threads: list[threading.Thread] = []
        self._event = None
        self.next_at: datetime | None = None  # when the next reminder falls due, as last planned
        self._version = None  # the journal's change counter when that plan was made
        self._read_at: datetime | None = None
        self.hold = OnHold(log.warning)  # why reminders are on hold (a full disk, …), said once
        self.hold_until: datetime | None = None

    # -- running ----------------------------------------------------------------
    def start(self, tick_seconds: float = TICK_SECONDS) -> None:
        """From now on: nothing before this moment is delivered (sessions closed while away are told once).

        One scheduler for the whole app, whatever screen is open: it waits for the next reminder's time
        (services.reminders.next_due, from the journal and the clock) and plans again when the journal changes.
        """
        from kivy.clock import Clock
        self.last_checked = self.svc.now()
        self.announce_closed_while_away()
        self._event = Clock.schedule_interval(lambda dt: self.tick(), tick_seconds)

    def tick(self) -> None:
        """Deliver what fell due and plan the next moment; reads the journal only when something may have changed."""
        try:
            from ..services.trends import journal_version
            now = self.svc.now()
            if self.hold_until is not None and now < self.hold_until:
                return
            version = journal_version(self.svc)
            stale = self._read_at is None or not 0 <= (now - self._read_at).total_seconds() < POLL_SECONDS
            if version != self._version or stale or (self.next_at is not None and now >= self.next_at):
                self._version, self._read_at = version, now
                self.check_now()
                self.next_at = self.svc.reminders.next_due(now)
        except Exception:  # a reminder must never take the app down
            log.exception("reminder tick failed")

    def stop(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def check_now(self) -> list[Delivery]:
        """Deliver every reminder due since the last check (call right after a therapy change too)."""
        try:
            now = self.svc.now()
            since = self.last_checked or now
            if now <= since:
                self.last_checked = now
                return []  # the clock did not move on (or went back): nothing new
            # The one place a running app closes a session whose end has come (the screens only read).
            self.svc.therapy.complete()
            # Claimed in the journal first: the login agent (reminders watch) may have told one already.
            deliveries = to_tell(self.svc, self.svc.reminders.due(since, now), now, "app")
            self.last_checked = now
            for d in deliveries:
                self.deliver(d)
            self.solved()
            return deliveries
        except Exception as exc:  # a reminder must never take the app down
            self.on_hold(exc)
            return []

    def on_hold(self, exc: BaseException) -> None:
        """Nothing was claimed, so nothing told (last_checked stays): said once in the log; tried again only after
        POLL_SECONDS, so a claims file held by another program does not stall every tick of the window."""
        if not self.hold.failed(self.svc, exc):
            log.exception("reminder check failed")
        self.hold_until = self.svc.now() + timedelta(seconds=POLL_SECONDS)

    def solved(self) -> None:
        self.hold.solved()
        self.hold_until = None

    def deliver(self, d: Delivery) -> None:
        """Sound (if on), in-app, then the OS notification in the background; each step on its own."""
        if d.loud and self._sounds_on():
            try:
                self.sound.play()
            except Exception:
                log.exception("alarm sound failed")
        try:
            self.present(d)
        except Exception:
            log.exception("showing a reminder failed")
        self.notify(*notification_text(d, self._setting("discreet_notifications", "off") == "on"))

    def announce_closed_while_away(self) -> Delivery | None:
        """Sessions that ended while SpasmLog was closed: told once, then forgotten."""
        try:
            closed = list(getattr(self.svc, "closed_while_away", None) or [])
            if not closed:
                return None
            self.svc.closed_while_away = []
            d = Delivery(max(s.ended for s in closed), ["closed_while_away"],
                         [self.svc.therapy.closed_message(s) for s in closed])
            self.present(d)
            return d
        except Exception:
            log.exception("telling about closed sessions failed")
            return None

    # -- helpers ----------------------------------------------------------------
    def _sounds_on(self) -> bool:
        return self._setting("sounds", "on") != "off"  # an unreadable setting should not silence a session's end

    def _setting(self, key: str, fallback: str) -> str:
        try:
            return self.svc.settings.get(key)
        except Exception:
            return fallback

    def notify(self, title: str, message: str) -> None:
        def send():
            try:
                self.notifier.notify(title, message)
            except Exception:
                log.exception("OS notification failed")
        if not self.threaded:
            send()
            return
        self.threads = [t for t in self.threads if t.is_alive()]
        t = threading.Thread(target=send, name="spasmlog-notify", daemon=True)
        self.threads.append(t)
        t.start()

    def wait(self, timeout: float = 5) -> None:
        """Let outstanding notifications finish (tests, closing)."""
        for t in list(self.threads):
            t.join(timeout)
