"""A new flag is shown where the person is looking: Today scrolls to it, any other screen gets it in a popup."""
from __future__ import annotations

import logging
from datetime import datetime

from ..core.i18n import _

log = logging.getLogger("spasmlog.flags")

POLL_SECONDS = 15  # at the latest, the journal is read again this often (another program may have written)
TICK_SECONDS = 0.5  # how often the clock is compared with the next arrival (no journal read)
QUIET_SCREENS = ("emergency", "symptoms", "welcome")  # they lead to the advice themselves: no popup over them


class FlagWatch:
    """Owned by the App. Reads the open flags when the journal changes, when one is due to arrive with time
    (services.flags.next_arrival: an episode reaching three days) and every POLL_SECONDS; a flag not seen
    before is brought to the person: Today refreshes (it scrolls to new advice), over another screen a popup
    says it with a button to Today's advice (to the emergency screen for emergency advice)."""

    def __init__(self, app):
        self.app = app
        self.known: set[tuple[str, str]] | None = None  # the flags already on Today or told, as (code, key)
        self.next_at: datetime | None = None
        self.popup = None
        self._version = None
        self._read_at: datetime | None = None
        self._event = None

    def start(self, tick_seconds: float = TICK_SECONDS) -> None:
        """The flags open at start are Today's to show (the app opens on it): only later ones are announced."""
        from kivy.clock import Clock
        self.known = {(f.code, f.key) for f in self.app.svc.flags.open_flags()}
        self._event = Clock.schedule_interval(lambda dt: self.tick(), tick_seconds)

    def stop(self) -> None:
        if self._event is not None:
            self._event.cancel()
            self._event = None

    def tick(self) -> None:
        try:
            from ..services.trends import journal_version
            svc = self.app.svc
            if svc is None:  # the journal is being opened again (journal_swap.py): watched again once it is
                return
            now = svc.now()
            version = journal_version(svc)
            stale = self._read_at is None or not 0 <= (now - self._read_at).total_seconds() < POLL_SECONDS
            if version != self._version or stale or (self.next_at is not None and now >= self.next_at):
                if self.check():
                    self._version, self._read_at = version, now
                    self.next_at = svc.flags.next_arrival(now)
        except Exception:  # advice must never take the app down
            log.exception("flag watch tick failed")

    def check(self) -> bool:
        """Bring any new flag to the person; False while it cannot be shown yet (locked: after unlocking)."""
        app = self.app
        if app.locker.locked:
            return False
        flags = app.svc.flags.open_flags()
        keys = {(f.code, f.key) for f in flags}
        new = [f for f in flags if (f.code, f.key) not in (self.known or set())]
        self.known = keys
        if not new:
            return True
        current = app.root_widget.ids.sm.current
        if current == "today":
            app.screen("today").bring_new_advice({(f.code, f.key) for f in new})  # scrolled into view
        elif current not in QUIET_SCREENS:
            self.show(new[0], len(new))
        return True

    def show(self, flag: dict, count: int) -> None:
        """A popup over the current screen; a newer flag replaces the words of one still open."""
        from . import theme
        from .alarm import AlarmPopup
        app = self.app
        tier = app.svc.flags.tiers()[flag.tier]
        emergency = flag.tier == "emergency"
        message = flag.message + ("" if count == 1 else "\n\n" + _("{n} new notes are on Today.").format(n=count))
        if self.popup is not None and self.popup.parent is not None:
            self.popup.dismiss()
        popup = AlarmPopup(title=tier["label"], message=message, icon=theme.ICONS["warning"],
                           primary_text=_("Open") if emergency else _("Read it on Today"),
                           secondary_text=_("Later"),
                           on_primary=(lambda: app.go("emergency")) if emergency
                           else (lambda: app.go("today", show_advice=True)))
        popup.flag_code = flag.code
        self.popup = popup
        popup.open()
