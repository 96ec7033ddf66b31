"""The Kivy App: window, top bar, bottom navigation, screens built on first visit, the snackbar."""
from importlib import import_module
from pathlib import Path

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.lang import Builder
from kivy.properties import ObjectProperty, StringProperty

from . import theme
from .screens import available, spec
from .widgets import NavButton

KV_DIR = Path(__file__).resolve().parents[2] / "kv"


def load_kv(name: str) -> None:
    """Load kv/<name>.kv once."""
    path = str(KV_DIR / f"{name}.kv")
    if path not in Builder.files:
        Builder.load_file(path)


class SpasmLogApp(App):
    title = "SpasmLog"
    svc = ObjectProperty(None, allownone=True)
    screen_title = StringProperty("Today")

    def __init__(self, svc=None, journal_error=None, journal_path=None, exit_after_first_frame=False, **kwargs):
        super().__init__(**kwargs)
        self.svc = svc
        self.journal_error = journal_error
        self.journal_path = journal_path
        self.exit_after_first_frame = exit_after_first_frame
        self._nav = {}

    # -- building ------------------------------------------------------------
    def build(self):
        Window.clearcolor = theme.BG
        load_kv("widgets")
        root = Builder.load_file(str(KV_DIR / "app.kv"))
        self.root_widget = root
        for s in available():
            if s.nav:
                btn = NavButton(text=f"[font={theme.ICON_FONT}][size=22sp]{s.icon}[/size][/font]\n{s.title}",
                                screen=s.name)
                btn.bind(on_release=lambda b: self.go(b.screen))
                root.ids.nav.add_widget(btn)
                self._nav[s.name] = btn
        if self.journal_error is not None:
            self.show_journal_error()
        else:
            self.go("today")
        return root

    def on_start(self):
        if self.exit_after_first_frame:
            Window.bind(on_flip=self._first_frame_drawn)

    def _first_frame_drawn(self, *_):
        Window.unbind(on_flip=self._first_frame_drawn)
        Clock.schedule_once(lambda dt: self.stop(), 0)

    # -- navigation ------------------------------------------------------------
    def screen(self, name: str):
        """The screen called `name`, built (module, kv and widget) on first use."""
        sm = self.root_widget.ids.sm
        if not sm.has_screen(name):
            s = spec(name)
            module = import_module(f"app.ui.screens.{name}")
            load_kv(name)
            sm.add_widget(getattr(module, s.cls)(name=name))
        return sm.get_screen(name)

    def go(self, name: str, **kwargs) -> None:
        """Show a screen; keyword arguments are handed to its prepare() first."""
        screen = self.screen(name)
        if kwargs and hasattr(screen, "prepare"):
            screen.prepare(**kwargs)
        sm = self.root_widget.ids.sm
        sm.transition.duration = 0.12
        sm.current = name
        self.screen_title = spec(name).title
        for key, btn in self._nav.items():
            btn.active = key == name

    def journal_changed(self) -> None:
        """Something was written: every built screen refreshes when next drawn."""
        sm = self.root_widget.ids.sm
        for screen in sm.screens:
            if screen is not sm.current_screen and hasattr(screen, "request_refresh"):
                screen.request_refresh()

    def snack(self, text: str, action_text: str = "", action=None) -> None:
        self.root_widget.ids.snackbar.show(text, action_text, action)

    def show_journal_error(self) -> None:
        """The journal cannot be opened: say what is wrong, where, and what to do."""
        self.root_widget.ids.error_text.text = self.journal_error.message
        self.root_widget.ids.error_box.opacity = 1
        self.screen_title = "Journal problem"
