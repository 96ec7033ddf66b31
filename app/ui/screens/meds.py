"""Medication & activity: a dose in two taps (names remembered from the journal), an activity with its minutes."""
from kivy.properties import StringProperty

from ...core.guidance import codes, label
from ...core.timeutil import hhmm
from ..pickers import Stepper, TextField  # noqa: F401  (used by kv/meds.kv)
from ..widgets import Chip
from .base import BaseScreen

SHORT_CLASS = {"nsaid": "Anti-inflammatory", "relaxant": "Muscle relaxant", "other": "Other"}


class MedsScreen(BaseScreen):
    med_class = StringProperty("nsaid")
    activity = StringProperty("walk")
    error_where = StringProperty("")  # which card the error line belongs to

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._built = False

    def _build(self) -> None:
        """Chips for the fixed codes, once."""
        for code in codes("med_classes"):
            chip = Chip(text=SHORT_CLASS.get(code, label("med_classes", code)), code=code)
            chip.bind(on_release=lambda c: self.pick_class(c.code))
            self.ids.classes.add_widget(chip)
        for code in codes("activities"):
            chip = Chip(text=label("activities", code), code=code)
            chip.bind(on_release=lambda c: self.pick_activity(c.code))
            self.ids.activities.add_widget(chip)
        self._built = True

    def refresh(self) -> None:
        if not self._built:
            self._build()
        box = self.ids.recent
        box.clear_widgets()
        recent = self.svc.entries.recent_medicines(6)
        for name, med_class, dose in recent:
            chip = Chip(text=f"{name} {dose}".strip(), code=name)
            chip.remembered = (name, med_class, dose)
            chip.bind(on_release=lambda c: self.use_recent(*c.remembered))
            box.add_widget(chip)
        self.ids.recent_title.text = "Recently taken" if recent else "Your first dose: type its name below"
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
        dose = self.attempt(self.svc.entries.log_dose, self.ids.name.text, self.med_class, self.ids.dose.text)
        if dose:
            self.refresh()
            self.use_recent(dose.name, dose.med_class, dose.dose)
            what = f"{dose.name} {dose.dose}".strip()
            self.app.snack(f"{what} logged at {hhmm(dose.at)}.", "Undo", lambda: self._undo(("dose", dose.id)))

    def log_activity(self) -> None:
        self.error_where = "activity"
        entry = self.attempt(self.svc.entries.log_activity, self.activity, int(self.ids.minutes.value))
        if entry:
            what = f"{label('activities', entry.kind)} {entry.minutes} min"
            self.app.snack(f"{what} logged at {hhmm(entry.at)}.", "Undo", lambda: self._undo(("activity", entry.id)))

    def _undo(self, token) -> None:
        if self.attempt(self.svc.entries.delete, *token) is not None:
            self.refresh()
            self.app.snack("Taken back.")
