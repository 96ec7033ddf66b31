"""The Kivy App: window, top bar, bottom navigation, screens built on first visit, the snackbar."""
from importlib import import_module

from kivy.app import App
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.properties import BooleanProperty, ObjectProperty, StringProperty

from ..core.errors import PassphraseNeeded, SpasmLogError, WrongPassphrase
from ..core.resources import resource_path
from ..core.timeutil import system_clock
from ..core.i18n import N_, _, language
from . import theme
from .i18n import tr
from .kvfiles import load_kv
from .lock import DiscreetNotifier, Locker
from .screens import SCREENS, spec
from .widgets import NavButton

OPEN_FAILED = N_("Something went wrong while opening the journal; nothing was changed. Please try again.")
FILE_CHECK_SECONDS = 1  # how soon a journal encrypted (or restored) from a terminal is noticed without a tap


def _keep_from_top(view, content, from_top: float) -> None:
    """At `view`'s next height change (the layout after the strip moved), scroll back to `from_top` px from the top;
    a view whose height does not change within half a second is left alone."""
    def restore(_, height):
        forget()
        span = content.height - height
        if span > 0:
            view.scroll_y = min(1.0, max(0.0, 1 - from_top / span))

    def forget(*_):
        view.unbind(height=restore)
    view.bind(height=restore)
    Clock.schedule_once(forget, 0.5)


class SpasmLogApp(App):
    title = "SpasmLog"
    icon = str(resource_path("assets", "icon.png"))
    svc = ObjectProperty(None, allownone=True)
    screen_title = StringProperty("Today")
    chrome = BooleanProperty(True)  # the top bar shows (not on the emergency screen)

    def __init__(self, svc=None, journal_error=None, journal_path=None, exit_after_first_frame=False, clock=None,
                 **kwargs):
        super().__init__(**kwargs)
        # A damaged journal comes opened read-only (svc.damage): the problem panel shows, and exports what it can.
        self.readable = svc if svc is not None and svc.damage is not None else None
        self.svc = None if self.readable else svc
        self.journal_error = self.readable.damage if self.readable else journal_error
        self.clock = clock  # the clock of a journal opened later (after the passphrase); None: the real one
        self.journal_path = journal_path
        self.exit_after_first_frame = exit_after_first_frame
        self._nav = {}
        self._history = []  # screens gone through, for Esc (back)
        self.shortcuts = None
        self.reminders = None  # the ReminderDelivery, once the app runs with a journal
        self.flag_watch = None  # the FlagWatch: a new flag shown over whatever screen is open
        self.locker = Locker(self)  # the passphrase view of an encrypted journal
        self.passphrase = None  # an encrypted journal's that opened but then showed a problem (journal_problem.py)
        self._presence = None  # held while the window is open on a journal file
        self._watching_file = False
        self.safety = None  # the net under the main loop (safety.py): an uncaught error is said, not a crash

    # -- building ------------------------------------------------------------
    def build(self):
        self.theme = theme.THEME
        if self.svc is not None:
            values = self.svc.settings.all()
            self.theme.apply(values["theme"], values["text_size"])
            tr.switch(values["language"])
        elif self.journal_path is not None:  # locked: the look its unlocked app left beside the journal
            from ..services.display_prefs import read_display
            values = read_display(self.journal_path)
            self.theme.apply(values.get("theme"), values.get("text_size"))
            if values.get("language", language()) != language():
                tr.switch(values["language"])
        Window.clearcolor = self.theme.BG
        self.theme.bind(BG=lambda _, bg: setattr(Window, "clearcolor", bg))
        root = load_kv("app")
        self.root_widget = root
        for s in SCREENS:
            if s.nav:
                btn = NavButton(icon=s.icon, title=_(s.title), screen=s.name)
                btn.bind(on_release=lambda b: self.go(b.screen))
                root.ids.nav.add_widget(btn)
                self._nav[s.name] = btn
        root.ids.snack_strip.bind(height=lambda *_: self._keep_scroll_places())
        if isinstance(self.journal_error, PassphraseNeeded):
            self.locker.show(first=True)  # an encrypted journal: nothing is read before the passphrase
        elif self.journal_error is not None:
            self.show_journal_error()
        else:
            self.first_screen()
        return root

    def first_screen(self) -> None:
        if self.svc.settings.get("welcome_seen") == "no":
            self.go("welcome")  # the first start: what the app does, the disclaimer, the profile
        else:
            self.go("today")

    def on_start(self):
        from . import safety
        from .keys import Shortcuts
        self.safety = safety.install(self)
        self.shortcuts = Shortcuts(self)
        if self.exit_after_first_frame:
            Window.bind(on_flip=self._first_frame_drawn)
        elif self.svc is not None:
            self.start_background()
            for notice in self.svc.notices:  # e.g. changes in a damaged write-ahead log that could not be read
                Clock.schedule_once(lambda dt, text=notice: self.snack(text, seconds=20), 0.5)

    def on_stop(self):
        from . import safety
        if self.safety is not None:
            safety.remove(self.safety)

    def start_background(self) -> None:
        """Off the start-up path: the first frame comes first, the day's backup a moment later."""
        if not self._watching_file:
            self._watching_file = True
            Clock.schedule_interval(self._look_at_journal_file, FILE_CHECK_SECONDS)
        Clock.schedule_once(lambda dt: self.daily_backup(), 1.5)
        Clock.schedule_once(lambda dt: self.settle_memory(), 1.0)
        self.start_reminders()
        self.start_flag_watch()
        if self.locker.protected():
            self.locker.watch()
            self.write_agent_schedule()

    def open_with(self, passphrase: str) -> None:
        """The first unlock of an encrypted journal: opened off the main thread (the key derivation takes 0.2 to
        0.7 s), the lock view busy meanwhile; a wrong passphrase only says so."""
        from ..services import open_spasmlog
        from .busy import in_background
        self.locker.set_busy(True)
        in_background(lambda: open_spasmlog(self.journal_path, self.clock or system_clock, passphrase),
                      self._opened, lambda exc: self._not_opened(exc, passphrase), name="spasmlog-unlock")

    def _opened(self, svc) -> None:
        self.locker.set_busy(False)
        self.svc, self.journal_error = svc, None
        self.locker.hide()
        self.take_journal_look()
        self.first_screen()
        if not self.exit_after_first_frame:
            self.start_background()

    def _not_opened(self, exc: Exception, passphrase: str) -> None:
        from ..services.faults import project_error
        self.locker.set_busy(False)
        if isinstance(exc, WrongPassphrase):
            self.locker.wrong()
            return
        error = exc if isinstance(exc, SpasmLogError) else project_error(exc, self.journal_path)
        if error is None:  # a bug of ours: said plainly on the lock view, details in the log
            from kivy.logger import Logger
            Logger.error("SpasmLog: opening the encrypted journal failed", exc_info=exc)
            self.locker.view.message = _(OPEN_FAILED)
            return
        # Damage found once decrypted, a full disk: the journal-problem view says what to do.
        self.passphrase = passphrase  # the right one: Try again and Restore need it
        self.locker.hide()
        self.journal_error = error
        self.show_journal_error()

    def _look_at_journal_file(self, _dt) -> None:
        """A stat, no read; returns None: a Clock callback that returns False is unscheduled."""
        self.check_journal_file()

    def check_journal_file(self) -> bool:
        """True (and handled) if the journal file is being converted or was replaced under the open app: encrypted or
        decrypted from a terminal, or restored. Its connection would block the conversion, or read the old file
        and write where nothing is kept."""
        from ..services.privacy import conversion_running
        svc = self.svc
        if svc is None or not (conversion_running(svc.path) if svc.path else False) and not svc.replaced():
            return False
        from . import journal_swap
        journal_swap.reopen(self)
        return True

    def write_agent_schedule(self) -> None:
        """The next due times for the reminder agent, which never gets the passphrase, and the lock view's text size,
        theme and language (docs/PRIVACY.md)."""
        from kivy.logger import Logger

        from ..services.agent_schedule import leave_side_files
        problem = leave_side_files(self.svc)
        if problem:
            Logger.warning(f"SpasmLog: {problem}")

    def current_title(self) -> str:
        sm = self.root_widget.ids.sm
        return spec(sm.current).title if sm.current else "SpasmLog"

    @staticmethod
    def settle_memory() -> None:
        """Once the app is up: one full garbage collection now, then freeze what survives (Kivy, the kv
        rules, the screens), so later full collections scan only new objects: without this, one lands
        mid-scroll in the Journal and takes a 20 ms frame."""
        import gc
        gc.collect()
        gc.freeze()

    def start_reminders(self) -> None:
        """Reminders while the app runs: in the app, the chime, an OS notification (app/ui/reminders.py)."""
        from ..adapters.notify import SystemNotifier
        from ..adapters.sound import KivyAlarmSound
        from .alarm import present
        from .reminders import ReminderDelivery
        if self.reminders is not None:
            self.reminders.stop()
        if self.svc.path is not None and self._presence is None:
            # Seen by the login agent (reminders watch): it leaves fresh reminders to this window, with its popup.
            from ..adapters.presence import Presence
            self._presence = Presence(self.svc.path, "app")
            self._presence.hold()
        notifier = DiscreetNotifier(SystemNotifier(app_name="SpasmLog"), lambda: self.locker.locked)
        self.reminders = ReminderDelivery(self.svc, notifier, KivyAlarmSound(), lambda delivery: present(self, delivery))
        self.reminders.start()

    def start_flag_watch(self) -> None:
        from .flag_watch import FlagWatch
        if self.flag_watch is not None:
            self.flag_watch.stop()
        self.flag_watch = FlagWatch(self)
        self.flag_watch.start()

    def daily_backup(self) -> None:
        """At most one backup a day when the app starts; a failure is logged, never shown as a crash."""
        from kivy.logger import Logger
        try:
            made = self.svc.backups.daily()
        except Exception as exc:  # noqa: BLE001  (a full disk, a lock: the app goes on; tomorrow tries again)
            Logger.warning(f"SpasmLog: daily backup not made ({type(exc).__name__}: {exc})")
            return
        if made:
            Logger.info("SpasmLog: daily backup made")

    def _first_frame_drawn(self, *_):
        Window.unbind(on_flip=self._first_frame_drawn)
        Clock.schedule_once(lambda dt: self.stop(), 0)

    def change_setting(self, key: str, value: str) -> None:
        """Save a setting; theme and text size apply at once, and every built screen redraws with them."""
        value = self.svc.settings.set(key, value)
        if key in ("theme", "text_size"):
            self.theme.apply(**{"name" if key == "theme" else "text_size": value})
            self.journal_changed()  # rows that hold a colour are rebuilt
            current = self.root_widget.ids.sm.current_screen
            if hasattr(current, "request_refresh"):
                current.request_refresh()
        elif key == "language":
            self.switch_language(value)
            if self.locker.protected():  # its lock view takes it from beside the journal (journal_changed: the others)
                self.write_agent_schedule()

    def take_journal_look(self) -> None:
        """Once unlocked, the journal's own text size, theme and language count (the lock view took them from the
        file beside it, which may be older or missing)."""
        values = self.svc.settings.all()
        if (values["theme"], int(values["text_size"])) != (self.theme.name, self.theme.text_size):
            self.theme.apply(values["theme"], values["text_size"])
        if values["language"] != language():
            tr.switch(values["language"])
            for name, btn in self._nav.items():
                btn.title = _(spec(name).title)

    def switch_language(self, code: str) -> None:
        """Every text in the new language at once: kv texts re-read their translation, the tabs and the title
        are re-set, screens not on show are built again on their next visit, the one on show refreshes."""
        tr.switch(code)
        for name, btn in self._nav.items():
            btn.title = _(spec(name).title)
        sm = self.root_widget.ids.sm
        self.screen_title = _(spec(sm.current).title)
        for screen in [s for s in sm.screens if s is not sm.current_screen]:
            sm.remove_widget(screen)
        if hasattr(sm.current_screen, "request_refresh"):
            sm.current_screen.request_refresh()

    # -- navigation ------------------------------------------------------------
    def screen(self, name: str):
        """The screen called `name`, built (module, kv and widget) on first use."""
        sm = self.root_widget.ids.sm
        if not sm.has_screen(name):
            s = spec(name)
            module = import_module(f".screens.{name}", __package__)
            load_kv(name)
            sm.add_widget(getattr(module, s.cls)(name=name, app=self))  # the screen reaches the app through this
        return sm.get_screen(name)

    def nav_names(self) -> list[str]:
        """The tabs, left to right (Ctrl+1 … Ctrl+5)."""
        return list(self._nav)

    def back(self) -> bool:
        """Esc: the screen before this one (a tab has none); False when there is nowhere to go back to."""
        current = self.root_widget.ids.sm.current
        if current in self._nav or not self._history:
            return False
        self.go(self._history.pop(), _back=True)
        return True

    def go(self, name: str, _back: bool = False, **kwargs) -> None:
        """Show a screen; keyword arguments are handed to its prepare() first."""
        current = self.root_widget.ids.sm.current
        if name in self._nav:
            self._history.clear()
        elif not _back and current and current != name:
            self._history.append(current)
        screen = self.screen(name)
        if kwargs and hasattr(screen, "prepare"):
            screen.prepare(**kwargs)
        sm = self.root_widget.ids.sm
        sm.transition.duration = 0.12
        sm.current = name
        self.screen_title = _(spec(name).title)
        for key, btn in self._nav.items():
            btn.active = key == name

    def set_chrome(self, shown: bool) -> None:
        """Show or hide the top bar and the tabs (hidden while the emergency screen takes over)."""
        self.chrome = shown
        self.show_tabs(shown)

    def show_tabs(self, shown: bool) -> None:
        """Show or hide the bottom tabs (hidden on the first-start welcome, whose Start leads on)."""
        self._show_bar(self.root_widget.ids.nav, self.theme.NAV_H, shown)

    @staticmethod
    def _show_bar(bar, height: float, shown: bool) -> None:
        bar.height = height if shown else 0
        bar.opacity = 1 if shown else 0
        bar.disabled = not shown

    def journal_changed(self) -> None:
        """Something was written: every built screen refreshes when next drawn."""
        sm = self.root_widget.ids.sm
        for screen in sm.screens:
            if screen is not sm.current_screen and hasattr(screen, "request_refresh"):
                screen.request_refresh()
        if self.locker.protected():
            self.write_agent_schedule()

    def _keep_scroll_places(self) -> None:
        """The message strip came or went, so the screen's scrolling views change height: keep what is on show
        at the same distance from their top (a row being read or tapped does not jump)."""
        from kivy.uix.scrollview import ScrollView
        screen = self.root_widget.ids.sm.current_screen
        if screen is None:  # the journal-problem panel at start: no screen yet
            return
        for view in [w for w in screen.walk(restrict=True) if isinstance(w, ScrollView)]:
            content = view.children[0] if view.children else None
            if content is not None and content.height > view.height:
                _keep_from_top(view, content, (content.height - view.height) * (1 - view.scroll_y))

    def snack(self, text: str, action_text: str = "", action=None, seconds: float = 6) -> None:
        """A short message in its own strip above the tabs (the screen shrinks to make room, nothing is covered)."""
        self.root_widget.ids.snackbar.show(text, action_text, action, seconds)

    # -- a journal that cannot be used (app/ui/journal_problem.py) ---------------------------
    def show_journal_error(self) -> None:
        from . import journal_problem
        journal_problem.show(self)

    def restore_latest_backup(self) -> None:
        from . import journal_problem
        journal_problem.restore_latest(self)

    def retry_journal(self) -> None:
        from . import journal_problem
        journal_problem.retry(self)

    def export_readable(self) -> None:
        from . import journal_problem
        journal_problem.export_readable(self)
