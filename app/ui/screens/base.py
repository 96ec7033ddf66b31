"""The base every screen shares: access to the services, coalesced refreshes, friendly errors."""
from kivy.clock import Clock
from kivy.logger import Logger
from kivy.properties import ObjectProperty, StringProperty
from kivy.uix.screenmanager import Screen

from ...core.i18n import N_, _
from ...core.errors import JournalError, JournalReplaced, RuleRefusal

SOMETHING_WRONG = N_("Something went wrong, so this was not saved. Please try again.")


def friendly(exc: BaseException, path=None) -> str:
    """The line a person sees for any error met while writing or reading: the project's own message (a refusal,
    a full disk, a read-only or busy or damaged journal), else a plain 'not saved' with the details in the log.
    Call it inside the `except` block."""
    from ...services.faults import project_error
    error = project_error(exc, path)
    if error is not None:
        return error.plain
    Logger.exception("SpasmLog: unexpected error")
    return _(SOMETHING_WRONG)


class ServicesClock:
    """The services' clock as a widget holds it: now and the person's zone, read through `services()` at each call
    (the journal, so the services, may be opened again while the widget lives)."""

    def __init__(self, services):
        self._services = services

    def __call__(self):
        return self._services().now()

    @property
    def zone(self):
        return self._services().zone


def journal_path_of(app):
    """The open journal's file (None in memory), for naming it in a message."""
    svc = getattr(app, "svc", None)
    return getattr(svc, "path", None) or getattr(app, "journal_path", None)


class BaseScreen(Screen):
    """A screen reads from the services in refresh() and writes through attempt()."""
    error = StringProperty("")
    app = ObjectProperty(None)  # the SpasmLogApp, handed in when it builds the screen (app.py: screen())

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._refresh_trigger = Clock.create_trigger(lambda dt: self.safe_refresh())

    @property
    def svc(self):
        return self.app.svc

    @property
    def clock(self) -> ServicesClock:
        """The services' time and zone (a TimePicker on this screen asks it: kv `clock: root.clock`)."""
        return ServicesClock(lambda: self.svc)

    def on_pre_enter(self, *args):
        self.error = ""
        self.safe_refresh()

    def safe_refresh(self) -> None:
        """refresh(), with a read that fails (a disk error, a lock) shown as this screen's error line."""
        if self.app.svc is None or self.app.check_journal_file():
            return  # the journal is being opened again (a passphrase changed, encrypted from a terminal): nothing to read
        try:
            self.refresh()
        except Exception as exc:  # noqa: BLE001  (a screen must never take the app down)
            self.error = friendly(exc, journal_path_of(self.app))

    def request_refresh(self) -> None:
        """Coalesce many change notices into one refresh on the next frame."""
        self._refresh_trigger()

    def refresh(self) -> None:
        """Read what this screen shows from the services (override)."""

    def attempt(self, action, *args, **kwargs):
        """Call a service; a refusal, a full disk, a lock or any other error becomes this screen's friendly error
        line (nothing was saved), never a traceback, and the app keeps running.

        The journal file is checked first: written through a connection to a file replaced meanwhile (encrypted
        from a terminal, say), the entry would be kept nowhere; the lock view shows instead and nothing is written.
        """
        if self.app.check_journal_file():
            return None
        try:
            result = action(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001
            self.error = friendly(exc, journal_path_of(self.app))
            if isinstance(exc, JournalReplaced):  # replaced since the look above: open what is there now, at once
                self.app.check_journal_file()
            if not isinstance(exc, (JournalError, RuleRefusal)):  # not about what was typed: show it wherever one is
                self.app.snack(self.error)
            return None
        self.error = ""
        self.app.journal_changed()
        return result
