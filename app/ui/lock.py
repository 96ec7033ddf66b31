"""The lock of an encrypted journal: the passphrase view over everything, locking again when idle or hidden."""
from __future__ import annotations

import hmac
import time

from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from ..core.i18n import N_, _
from .kvfiles import load_kv
from .pickers import TextField  # noqa: F401  (the kv rules use it: imported, it is known to the Factory)
from .widgets import Cover

FIRST = N_("Your journal is protected with a passphrase.")
AGAIN = N_("SpasmLog locked itself. Your timers keep running.")
EMPTY = N_("Type your passphrase first.")
WRONG = N_("Wrong passphrase. Try again; there is no limit on tries.")
DISCREET_TITLE = "SpasmLog"
DISCREET_TEXT = N_("SpasmLog reminder")
IDLE_CHECK_SECONDS = 5


class LockView(Cover):
    """The passphrase field (hidden text, a Show toggle) and Unlock; `message` says what went wrong."""
    message = StringProperty("")
    reveal = BooleanProperty(False)
    intro = StringProperty("")
    busy = BooleanProperty(False)  # the key is being derived (off the main thread): Unlock waits
    waiting = BooleanProperty(False)  # the journal file is being changed by another program: nothing to type yet
    locker = ObjectProperty(None)  # the Locker that shows this view and checks what is typed

    def submit(self) -> None:
        if not self.busy and not self.waiting:
            self.locker.try_unlock(self.ids.passphrase.text)


class DiscreetNotifier:
    """An OS notifier that says only "SpasmLog reminder" while the app is locked (the lock screen shows it)."""

    def __init__(self, notifier, is_locked):
        self.notifier, self.is_locked = notifier, is_locked

    def notify(self, title: str, message: str) -> None:
        if self.is_locked():
            title, message = DISCREET_TITLE, _(DISCREET_TEXT)
        self.notifier.notify(title, message)

    def __getattr__(self, name):
        return getattr(self.notifier, name)


class Locker:
    """Shows the lock, checks a passphrase, and locks after the idle minutes of Settings or when hidden.

    Locking only covers the screen: the journal stays open, so a running timer keeps counting and its alarm
    still fires (with discreet words). A wrong passphrase only says so; there is no lock-out.
    """

    def __init__(self, app):
        self.app = app
        self.view: LockView | None = None
        self.last_active = time.monotonic()
        self._watching = False

    @property
    def locked(self) -> bool:
        return self.view is not None and self.view.parent is not None

    def protected(self) -> bool:
        svc = self.app.svc
        return svc is not None and svc.passphrase is not None

    def watch(self) -> None:
        """Start noticing activity, idleness and the window being hidden (once)."""
        if self._watching:
            return
        self._watching = True
        Window.bind(on_touch_down=self._active, on_key_down=self._active, on_hide=self.lock, on_minimize=self.lock)
        Clock.schedule_interval(self._check_idle, IDLE_CHECK_SECONDS)

    def _active(self, *_):
        self.last_active = time.monotonic()

    def _check_idle(self, _dt) -> None:
        if self.locked or not self.protected():
            return
        minutes = int(self.app.svc.settings.get("lock_after_minutes"))
        if time.monotonic() - self.last_active >= minutes * 60:
            self.lock()

    def lock(self, *_) -> None:
        """Cover the app (only when the journal is encrypted and open)."""
        if self.protected() and not self.locked:
            self.show()

    def show(self, first: bool = False, intro: str = "") -> None:
        if self.view is None:
            load_kv("pickers")
            load_kv("lock")
            self.view = LockView(locker=self)
        self.view.intro = intro or (_(FIRST) if first else _(AGAIN))
        self.view.message = ""
        self.view.busy = self.view.waiting = False
        self.view.ids.passphrase.text = ""
        if self.view.parent is None:
            # On the window itself, above every panel already open (an entry being edited, an alarm, advice): all
            # of it is hidden and out of reach until the passphrase, then there again as it was. The window sizes
            # it at once (a layout a frame later would let a tap meanwhile reach the screen beneath).
            Window.add_widget(self.view)
        self.app.screen_title = _("Locked")
        Clock.schedule_once(lambda dt: setattr(self.view.ids.passphrase, "focus", True), 0)

    def wait(self, intro: str) -> None:
        """Cover the app while another program changes the journal file (the app let go of it): no screen can be
        touched meanwhile, and there is nothing to type yet."""
        self.show(intro=intro)
        self.view.waiting = True
        self.app.screen_title = "SpasmLog"

    def hide(self) -> None:
        if self.view is not None and self.view.parent is not None:
            self.view.ids.passphrase.text = ""
            self.view.parent.remove_widget(self.view)
        self.last_active = time.monotonic()

    def try_unlock(self, passphrase: str) -> None:
        """The first unlock opens the journal; later ones compare with the passphrase it was opened with."""
        if not passphrase:
            self.view.message = _(EMPTY)
            return
        if self.app.svc is None:
            self.app.open_with(passphrase)
            return
        known = self.app.svc.passphrase or ""  # "" : decrypted meanwhile (journal_swap.py), any text unlocks
        if not known or hmac.compare_digest(passphrase.encode("utf-8"), known.encode("utf-8")):
            self.hide()
            self.app.screen_title = self.app.current_title()
        else:
            self.wrong()

    def set_busy(self, busy: bool) -> None:
        """While the passphrase is checked: Unlock says so and waits; the window keeps drawing."""
        if self.view is not None:
            self.view.busy = busy
            if busy:
                self.view.message = ""

    def wrong(self) -> None:
        self.view.message = _(WRONG)
        self.view.ids.passphrase.text = ""
        Clock.schedule_once(lambda dt: setattr(self.view.ids.passphrase, "focus", True), 0)
