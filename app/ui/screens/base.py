"""The base every screen shares: access to the services, coalesced refreshes, friendly errors."""
from kivy.app import App
from kivy.clock import Clock
from kivy.properties import StringProperty
from kivy.uix.screenmanager import Screen

from ...core.errors import SpasmLogError


class BaseScreen(Screen):
    """A screen reads from the services in refresh() and writes through attempt()."""
    error = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._refresh_trigger = Clock.create_trigger(lambda dt: self.refresh())

    @property
    def app(self):
        return App.get_running_app()

    @property
    def svc(self):
        return self.app.svc

    def on_pre_enter(self, *args):
        self.error = ""
        self.refresh()

    def request_refresh(self) -> None:
        """Coalesce many change notices into one refresh on the next frame."""
        self._refresh_trigger()

    def refresh(self) -> None:
        """Read what this screen shows from the services (override)."""

    def attempt(self, action, *args, **kwargs):
        """Call a service; a refusal becomes this screen's friendly error line, not a traceback."""
        try:
            result = action(*args, **kwargs)
        except SpasmLogError as exc:
            self.error = exc.plain
            return None
        self.error = ""
        self.app.journal_changed()
        return result
