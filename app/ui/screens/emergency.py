"""Seek care now: a red screen that takes over after an emergency answer and is left only on purpose."""
from kivy.clock import Clock
from kivy.properties import NumericProperty, StringProperty
from kivy.uix.button import Button

from ...core.guidance import codes, label
from .base import BaseScreen, friendly, journal_path_of

HOLD_SECONDS = 2.0
# A drawn frame moves the bar on by at most this much: a frame that comes late (a busy machine) cannot turn a brief
# touch into a hold the person never saw fill; on a machine that keeps up (frames far shorter) nothing changes.
STEP_SECONDS = 0.1


class HoldButton(Button):
    """Acts only after being held down for HOLD_SECONDS: a stray tap or a brush of the thumb does nothing."""
    progress = NumericProperty(0)   # 0..1 while held, drawn as a filling bar
    __events__ = ("on_confirm",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._tick = None

    def on_touch_down(self, touch):
        if not self.disabled and self.collide_point(*touch.pos):
            touch.grab(self)
            self.progress = 0
            self._cancel()
            self._tick = Clock.schedule_interval(self._advance, 1 / 30)
        return super().on_touch_down(touch)

    def on_touch_up(self, touch):
        if touch.grab_current is self:
            touch.ungrab(self)
            self._cancel()
            self.progress = 0  # let go early: start again from nothing
        return super().on_touch_up(touch)

    def _advance(self, dt):
        self.progress = min(1.0, self.progress + min(dt, STEP_SECONDS) / HOLD_SECONDS)
        if self.progress >= 1:
            self._cancel()
            self.dispatch("on_confirm")
            return False

    def _cancel(self):
        if self._tick is not None:
            self._tick.cancel()
            self._tick = None

    def on_confirm(self):
        pass


class EmergencyScreen(BaseScreen):
    reported = StringProperty("")   # what the person said yes to, in plain words
    meaning = StringProperty("")    # what the flags say it means
    advice = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._check = None

    def prepare(self, check=None) -> None:
        """check: the SymptomCheck just saved; without it, the open emergency flags are shown."""
        self._check = check

    def escape_key(self) -> bool:
        """Esc does nothing here: this screen closes only by holding its button, never by accident."""
        return True

    def on_pre_enter(self, *args):
        self.app.set_chrome(False)  # no tabs, no top bar: nothing to tap away by accident
        self.app.root_widget.ids.snackbar.hide()  # an earlier message ("No warning signs") must not sit beside it
        super().on_pre_enter(*args)

    def on_leave(self, *args):
        self.app.set_chrome(True)
        self._check = None

    def _flags(self) -> list:
        if self._check is not None:
            flags = self.svc.flags.for_check(self._check)
        else:
            flags = self.svc.flags.open_flags()
        return [f for f in flags if f.tier == "emergency"]

    def refresh(self) -> None:
        flags = self._flags()
        if self._check is not None:
            said = list(self._check.codes)
        else:  # opened from Today: every warning sign still showing
            said = [f.code for f in self.svc.flags.open_flags() if f.code in codes("symptoms")]
        self.reported = "\n".join(f"•  {label('symptoms', c)}" for c in said)
        self.meaning = "\n\n".join(f.message for f in flags
                                   if f.code not in ("several_red_flags",) or len(flags) == 1)
        self.advice = self.svc.flags.tiers()["emergency"]["meaning"]

    def understood(self) -> None:
        """Held on purpose: record that each emergency flag was seen, then go back to Today."""
        try:
            self.svc.flags.acknowledge_tier("emergency")
        except Exception as exc:  # noqa: BLE001  (a full disk, a lock: say so, still go back to Today)
            self.app.snack(friendly(exc, journal_path_of(self.app)))
        self.app.journal_changed()
        self.app.go("today")
