"""The keyboard on a desktop: digits log pain on Today, Esc closes or goes back, Enter confirms, Ctrl+1…5 tabs."""
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.uix.modalview import ModalView
from kivy.uix.textinput import TextInput

from ..core.i18n import N_

ESC, TAB, ENTER, KEYPAD_ENTER = 27, 9, 13, 271
DIGITS = {**{48 + n: n for n in range(10)}, **{256 + n: n for n in range(10)}}  # the top row and the keypad
TEN_WINDOW = 0.7  # seconds: "1" then "0" within this logs 10

# (keys, what they do) as listed under Settings → About.
SHORTCUTS = [
    ("0 … 9", N_("on Today: log that pain score")),
    (N_("1 then 0"), N_("on Today, quickly: log 10")),
    ("Ctrl+1 … Ctrl+5", N_("Today, Ice & heat, Journal, Trends, More")),
    ("Esc", N_("close a panel, or go back")),
    ("Enter", N_("confirm a panel (Save, Done, OK, start ice)")),
    ("Tab", N_("move to the next text field")),
]
NOTE = N_("None of these act while you type in a text field.")


def focused_text_field(widgets) -> bool:
    """True when a text field under any of `widgets` has the keyboard (typing there comes first)."""
    return any(isinstance(w, TextInput) and w.focus for root in widgets for w in root.walk(restrict=True))


class Shortcuts:
    """Listens to the window's keys for one app; every shortcut stays silent while a text field has focus."""

    def __init__(self, app):
        self.app = app
        self._pending_one = None  # a "1" on Today waiting to see whether "0" follows
        Window.bind(on_key_down=self.on_key_down)

    def stop(self) -> None:
        Window.unbind(on_key_down=self.on_key_down)
        self._flush_one(log=False)

    def popup(self):
        """The top-most open panel, if any: none that the lock view covers (only one opened over it counts)."""
        cover = self.app.locker.view if self.app.locker.locked else None
        for widget in Window.children:  # top first
            if widget is cover:
                return None
            if isinstance(widget, ModalView):
                return widget
        return None

    def on_key_down(self, _window, key, _scancode=None, _codepoint=None, modifiers=()):
        app = self.app
        if app.root_widget is None or app.svc is None:
            return False
        popup = self.popup()
        if focused_text_field([popup] if popup else Window.children):
            return False
        modifiers = set(modifiers or ())
        if popup is not None:
            return self._in_popup(popup, key)
        if app.locker.locked:
            return False  # the lock view covers the app: no shortcut reaches a screen beneath it
        if modifiers & {"ctrl", "meta"}:
            return self._tab(key)
        if modifiers & {"alt"}:
            return False
        screen = app.root_widget.ids.sm.current_screen
        if key == ESC:
            return self._escape(screen)
        if key in (ENTER, KEYPAD_ENTER):
            handler = getattr(screen, "confirm_key", None)
            return bool(handler and handler())
        if key == TAB:
            return self._next_field(screen)
        if key in DIGITS and screen.name == "today":
            self._digit(screen, DIGITS[key])
            return True
        return False

    # -- each kind of key ------------------------------------------------------------------
    @staticmethod
    def _in_popup(popup, key) -> bool:
        if key == ESC:
            cancel = getattr(popup, "cancel", None)
            cancel() if cancel else popup.dismiss()
            return True
        if key in (ENTER, KEYPAD_ENTER):
            confirm = getattr(popup, "confirm", None)
            if confirm:
                confirm()
            return True
        if key == TAB:
            return Shortcuts._next_field(popup)
        return True  # a panel is open: nothing behind it reacts

    def _tab(self, key) -> bool:
        tabs = [name for name in self.app.nav_names()]
        number = DIGITS.get(key)
        if number is None or not 1 <= number <= len(tabs) or self.app.root_widget.ids.nav.disabled:
            return False
        self.app.go(tabs[number - 1])
        return True

    def _escape(self, screen) -> bool:
        handler = getattr(screen, "escape_key", None)
        if handler is not None and handler():
            return True
        return self.app.back()

    @staticmethod
    def _next_field(root) -> bool:
        """Focus the first text field on show (Kivy's focus then moves on with Tab)."""
        fields = [w for w in root.walk(restrict=True) if isinstance(w, TextInput) and not w.disabled and w.opacity]
        if not fields:
            return False
        fields[0].focus = True
        return True

    def _digit(self, today, number: int) -> None:
        if self._pending_one is not None:
            if number == 0:
                self._flush_one(log=False)
                today.log_pain(10)
                return
            self._flush_one(log=True)
        if number == 1:  # wait a moment: it may be the start of 10
            self._pending_one = Clock.schedule_once(lambda dt: self._flush_one(log=True), TEN_WINDOW)
            return
        today.log_pain(number)

    def _flush_one(self, log: bool) -> None:
        if self._pending_one is None:
            return
        self._pending_one.cancel()
        self._pending_one = None
        if log:
            self.app.screen("today").log_pain(1)
