"""Medication & activity: a dose in two taps (names remembered from the journal), an activity with its minutes."""
from kivy.clock import Clock
from kivy.core.window import Window
from kivy.metrics import dp
from kivy.properties import BooleanProperty, StringProperty

from ...core.i18n import N_, _
from ...core.guidance import codes, label
from ...core.timeutil import to_local
from ..pickers import Stepper, TextField, TimePicker, short_when  # noqa: F401  (used by kv/meds.kv)
from .. import theme
from ..textfit import cut_words, fit_words
from ..widgets import Chip
from .base import BaseScreen

SHORT_CLASS = {"nsaid": N_("Anti-inflammatory"), "relaxant": N_("Muscle relaxant"), "other": N_("Other")}


class MedsScreen(BaseScreen):
    med_class = StringProperty("nsaid")
    when_short = StringProperty("")  # on the buttons: "" for now, else "08:30" / "yesterday 22:10"
    when_today = BooleanProperty(True)  # "Took it at 08:30" today, "Took it yesterday 22:10" on another day
    activity = StringProperty("walk")
    error_where = StringProperty("")  # which card the error line belongs to
    pain_now_offer = BooleanProperty(False)  # "pain now?" under a dose taken without a recent score

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._built = False
        self._pain_now_for = None

    def on_kv_post(self, base_widget):
        self.ids.pain_now.ids.picker.bind(on_pick=lambda _w, score: self.log_pain_now(score))
        self.ids.pain_now.ids.skip.bind(on_release=lambda *_: setattr(self, "pain_now_offer", False))
        # kv ids are weak and the row leaves the tree while hidden: the screen keeps it alive.
        self._pain_now_row = self.ids.pain_now.__self__
        self.ids.when.bind(value=lambda *_: self._when_changed())

    def _build(self) -> None:
        """Chips for the fixed codes, once."""
        for code in codes("med_classes"):
            chip = Chip(text=_(SHORT_CLASS[code]) if code in SHORT_CLASS else label("med_classes", code), code=code)
            chip.bind(on_release=lambda c: self.pick_class(c.code))
            self.ids.classes.add_widget(chip)
        for code in codes("activities"):
            chip = Chip(text=label("activities", code), code=code)
            chip.bind(on_release=lambda c: self.pick_activity(c.code))
            self.ids.activities.add_widget(chip)
        self._built = True

    def _when_changed(self) -> None:
        at = self.ids.when.chosen()
        now, zone = self.svc.now(), self.svc.zone
        self.when_today = at is None or to_local(at, zone).date() == to_local(now, zone).date()
        self.when_short = "" if at is None else short_when(at, now, zone)

    def refresh(self) -> None:
        if not self._built:
            self._build()
            self.ids.when.set(None)
        box = self.ids.recent
        box.clear_widgets()
        recent = self.svc.entries.recent_medicines(6)
        # a long name or dose ends in "…" after a whole word rather than running off the screen
        room = (self.width if self.width > 100 else Window.width) - theme.THEME.PAD * 4 - dp(28)
        for name, med_class, dose in recent:
            chip = Chip(text=fit_words(f"{name} {dose}".strip(), room, theme.THEME.FONT_S), code=name)
            chip.remembered = (name, med_class, dose)
            chip.bind(on_release=lambda c: self.use_recent(*c.remembered))
            box.add_widget(chip)
        self.ids.recent_title.text = _("Recently taken") if recent else _("Your first dose: type its name below")
        self.pick_class(self.med_class)
        self.pick_activity(self.activity)

    def use_recent(self, name: str, med_class: str, dose: str) -> None:
        self.ids.name.text, self.ids.dose.text = name, dose
        self.pick_class(med_class)
        for chip in self.ids.recent.children:
            chip.selected = chip.code == name

    def pick_class(self, code: str) -> None:
        self.med_class = code
        for chip in self.ids.classes.children:
            chip.selected = chip.code == code

    def pick_activity(self, code: str) -> None:
        self.activity = code
        for chip in self.ids.activities.children:
            chip.selected = chip.code == code

    def took_it(self) -> None:
        self.error_where = "dose"
        # "pain now" is asked for a dose taken now: a score for an earlier dose would not be "before" it
        wanted = self.ids.when.chosen() is None and self.svc.entries.pain_now_wanted()
        dose = self.attempt(self.svc.entries.log_dose, self.ids.name.text, self.med_class, self.ids.dose.text,
                            at=self.ids.when.chosen())
        if dose:
            self._reset_when()
            self._pain_now_for, self.pain_now_offer = dose, wanted
            if wanted:  # the question in view once it has its place (it sits under the button, maybe off-screen)
                Clock.schedule_once(lambda dt: self.ids.scroller.scroll_to(self.ids.pain_now, padding=dp(80)), 0.1)
            self.refresh()
            self.use_recent(dose.name, dose.med_class, dose.dose)
            what = cut_words(f"{dose.name} {dose.dose}".strip(), 48)  # the message stays two lines at most
            self.app.snack(self._logged(what, dose.at), _("Undo"),
                           lambda: self._undo(("dose", dose.id)))

    def log_pain_now(self, score: int) -> None:
        """The one-tap "pain now" under a dose just taken: stored at the dose's time, so relief can be judged."""
        dose, self.pain_now_offer = self._pain_now_for, False
        self.ids.pain_now.ids.picker.selected = -1
        if dose is not None:  # the row closing is the answer: no message to cover the buttons
            self.attempt(self.svc.entries.log_pain_before, score, dose.at, "dose")

    def log_activity(self) -> None:
        self.error_where = "activity"
        entry = self.attempt(self.svc.entries.log_activity, self.activity, int(self.ids.minutes.value),
                             at=self.ids.when.chosen())
        if entry:
            self._reset_when()
            what = f"{label('activities', entry.kind)} {entry.minutes} min"
            self.app.snack(self._logged(what, entry.at), _("Undo"),
                           lambda: self._undo(("activity", entry.id)))

    def _logged(self, what: str, at) -> str:
        now, zone = self.svc.now(), self.svc.zone
        if to_local(at, zone).date() == to_local(now, zone).date():
            return _("{what} logged at {time}.").format(what=what, time=short_when(at, now, zone))
        return _("{what} logged for {when}.").format(what=what, when=short_when(at, now, zone))

    def _reset_when(self) -> None:
        """Back to now after each entry: the next one is most likely now, and a stale 'earlier' would mislead."""
        self.ids.when.set(None)
        self.ids.when.fold()

    def _undo(self, token) -> None:
        if self.attempt(self.svc.entries.delete, *token) is not None:
            self.refresh()
            self.app.snack(_("Taken back."))
