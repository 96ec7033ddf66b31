"""More: the less frequent places (medication and activity, a detailed spasm entry, symptoms, report, settings)."""
from ...core.i18n import N_, _
from .base import BaseScreen

# (screen, what the button says), in the order a person in pain most likely needs them
ENTRIES = [
    ("meds", N_("Medication & activity")),
    ("episode", N_("Log a spasm in detail")),
    ("symptoms", N_("Check symptoms")),
    ("export", N_("Report for your doctor")),
    ("settings", N_("Settings & about")),
]


class MoreScreen(BaseScreen):
    def refresh(self) -> None:
        from ..widgets import FlatButton
        box = self.ids.entries
        box.clear_widgets()
        for name, text in ENTRIES:
            btn = FlatButton(text=_(text))
            btn.bind(on_release=lambda b, n=name: self.app.go(n))
            box.add_widget(btn)
