"""The edit panel of the Journal: the editable fields of one entry, saved through entries.edit, or deleted."""
from kivy.metrics import dp
from kivy.properties import ListProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.modalview import ModalView

from ..core.i18n import N_, _
from ..core.guidance import codes, label
from ..core.timeutil import hhmm
from .bodymap import BodyMap, region_words  # noqa: F401  (BodyMap is used by kv/entry_editor.kv)
from .pickers import Stepper, TextField
from .kvfiles import load_kv
from .screens.base import ServicesClock, friendly
from .widgets import Body, Chip, Muted, PainPicker, PrimaryButton, Title

load_kv("entry_editor")

TITLES = {"pain": N_("Pain score"), "dose": N_("Medication"), "activity": N_("Activity"), "episode": N_("Spasm episode"),
          "symptoms": N_("Symptom check"), "therapy": N_("Ice or heat session")}
TIME_FIELD = {"pain": "at", "dose": "at", "activity": "at", "symptoms": "at", "episode": "started"}


def _title(box, text: str) -> None:
    """A section title in the panel; those after the first get room above, to read as a new section."""
    box.add_widget(Title(text=text, padding=[0, dp(8) if box.children else 0, 0, 0]))


class ChipChoice:
    """A row of chips of which one is chosen; `value` is the chosen code."""

    def __init__(self, box, kind: str, value: str):
        from kivy.uix.stacklayout import StackLayout
        self.value = value
        self.row = StackLayout(spacing=(6, 0), size_hint_y=None)
        self.row.bind(minimum_height=self.row.setter("height"))
        for code in codes(kind):
            chip = Chip(text=label(kind, code), code=code, selected=code == value)
            chip.bind(on_release=self._pick)
            self.row.add_widget(chip)
        box.add_widget(self.row)

    def _pick(self, chip):
        self.value = chip.code
        for c in self.row.children:
            c.selected = c.code == self.value


class WhereRow(ButtonBehavior, BoxLayout):
    """The episode's regions in words and a 'Change' that opens the body map."""
    words = StringProperty("")


class RegionPicker(ModalView):
    """The body map in a panel of its own, opened on the regions given; on_done(regions) when the person confirms."""
    words = StringProperty("")
    __events__ = ("on_done",)

    def choose(self, regions) -> None:
        self.ids.bodymap.selected = list(regions)
        self.changed(self.ids.bodymap.selected)
        self.open()

    def changed(self, selected) -> None:
        self.words = region_words(selected) if selected else _("Tap every place that hurt.")

    def done(self) -> None:
        self.dismiss()
        self.dispatch("on_done", list(self.ids.bodymap.selected))

    confirm = done  # Enter

    def on_done(self, regions):
        pass


class EntryEditor(ModalView):
    """Built for one entry; `fields` reads the widgets back into the changes entries.edit takes."""
    screen = ObjectProperty(None)
    title = StringProperty("")
    error = StringProperty("")
    note_text = StringProperty("")
    regions = ListProperty([])  # an episode's regions as chosen in the body map, saved with the rest

    @property
    def clock(self):
        """The services' time and zone (its TimePicker asks it: kv `clock: root.clock`)."""
        return ServicesClock(lambda: self.screen.svc)

    def show(self, kind: str, entry) -> None:
        self.kind, self.entry, self.inputs = kind, entry, {}
        self.title = f"{_(TITLES[kind])} · {hhmm(getattr(entry, TIME_FIELD.get(kind, 'started')), self.screen.svc.zone)}"
        box = self.ids.fields
        editable = kind in TIME_FIELD
        self.ids.when_card.opacity = 1 if editable else 0
        self.ids.when_card.height = self.ids.when_card.minimum_height if editable else 0
        self.ids.save.disabled = not editable
        self.ids.save.opacity = 1 if editable else 0
        if editable:
            self.ids.when.set(getattr(entry, TIME_FIELD[kind]))
        getattr(self, f"_fields_{kind}")(box, entry)
        self.open()

    # -- one builder per kind -------------------------------------------------------
    def _fields_pain(self, box, e):
        _title(box, _("How bad"))
        picker = PainPicker()
        picker.selected = e.score
        box.add_widget(picker)
        self.inputs["score"] = lambda: int(picker.selected)
        self._note(box, e.note)

    def _fields_dose(self, box, e):
        _title(box, _("Medicine"))
        name = TextField(text=e.name, hint_text=_("Name"), limit="name", tell=self.say)
        box.add_widget(name)
        classes = ChipChoice(box, "med_classes", e.med_class)
        dose = TextField(text=e.dose, hint_text=_("Dose, e.g. 400 mg"), limit="dose", tell=self.say)
        box.add_widget(dose)
        self.inputs.update(name=lambda: name.text, med_class=lambda: classes.value, dose=lambda: dose.text)

    def _fields_activity(self, box, e):
        _title(box, _("Activity"))
        kinds = ChipChoice(box, "activities", e.kind)
        minutes = Stepper(value=e.minutes or 20, low=5, high=600, step=5)
        box.add_widget(minutes)
        self.inputs.update(kind=lambda: kinds.value, minutes=lambda: int(minutes.value))
        self._note(box, e.note)

    def _fields_episode(self, box, e):
        _title(box, _("Where it hurt"))
        self.regions = list(e.regions)
        where = WhereRow(words=self._where_words())
        self.bind(regions=lambda *_: setattr(where, "words", self._where_words()))
        where.bind(on_release=lambda *_: self.pick_regions())
        self.ids["where"] = where
        box.add_widget(where)
        self.inputs["regions"] = lambda: tuple(self.regions)
        _title(box, _("What set it off"))
        trigger = ChipChoice(box, "triggers", e.trigger or "")
        self.inputs["trigger"] = lambda: trigger.value or None
        self._note(box, e.note)

    def _fields_symptoms(self, box, e):
        box.add_widget(Muted(text=_("The answers stay as given; if something changed, do a new symptom check.")))
        self._fit_height()

    def _fields_therapy(self, box, e):
        """What happened (kind, times, how it ended, rules); a cancelled start can be undone here."""
        svc = self.screen.svc
        entry = svc.entries.timeline_entry("therapy", e)
        _title(box, entry.summary)
        end = hhmm(e.ended, svc.zone) if e.ended is not None else _("running")
        box.add_widget(Body(text=_("From {start} to {end}").format(start=hhmm(e.started, svc.zone), end=end)
                            + (f" · {entry.detail}" if entry.detail else "")))
        for words in svc.therapy.rule_texts(e):
            box.add_widget(Body(text=words))
        if entry.extra.get("cancelled"):
            box.add_widget(Muted(text=_("Stopped within its first minute, so it counts as a mistaken start. "
                                        "Undo it if the session did happen.")))
            undo = PrimaryButton(text=_("Undo cancel"))
            undo.bind(on_release=lambda *_: self.undo_cancel())
            self.ids["undo_cancel"] = undo
            box.add_widget(undo)
        box.add_widget(Muted(text=_("Ice and heat sessions are kept as they happened. You can delete this one.")))
        self._fit_height()

    def _fit_height(self) -> None:
        """A panel with no time to change is only as tall as what it says (not a mostly empty 90 %)."""
        from kivy.core.window import Window

        def fit(*_):
            self.height = min(Window.height * 0.9, self.ids.fields.minimum_height + dp(150))
        self.size_hint_y = None
        fit()
        self.ids.fields.bind(minimum_height=fit)

    def _note(self, box, text):
        _title(box, _("Note"))
        note = TextField(text=text or "", hint_text=_("A note (optional)"), multiline=True, limit="note", tell=self.say)
        note.height = dp(80)
        box.add_widget(note)
        self.inputs["note"] = lambda: note.text

    def _where_words(self) -> str:
        return region_words(self.regions) if self.regions else _("Not said")

    def pick_regions(self) -> None:
        """Open the body map on the episode's regions; Done brings the new ones back here (saved with Save)."""
        self.region_picker = RegionPicker()
        self.region_picker.bind(on_done=lambda _, regions: setattr(self, "regions", regions))
        self.region_picker.choose(self.regions)

    # -- actions --------------------------------------------------------------------
    def save(self) -> None:
        svc = self.screen.svc
        changes = {k: read() for k, read in self.inputs.items()}
        changes[TIME_FIELD[self.kind]] = self.ids.when.chosen() or svc.now()
        self._write(svc.entries.edit, self.kind, self.entry.id, **changes)

    def undo_cancel(self) -> None:
        """A cancelled start that did happen after all: it counts again (runs on if its time is not up)."""
        self._write(self.screen.svc.therapy.undo_cancel, self.entry.id)

    def say(self, text: str) -> None:
        """A line in the panel (a text field that is full says so here: the app's message strip is behind the panel)."""
        self.error = text

    def _write(self, action, *args, **kwargs) -> None:
        """Write through the services; a refusal stays in the panel in words, a success closes it."""
        self.error = ""
        try:
            action(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001  (a full disk, a lock: a line in the panel, never a crash)
            self.error = friendly(exc, self.screen.svc.path)
            return
        self.dismiss()
        self.screen.app.journal_changed()
        self.screen.saved()

    def confirm(self) -> None:
        """Enter: Save, when this entry can be edited."""
        if not self.ids.save.disabled:
            self.save()

    def delete(self) -> None:
        self.dismiss()
        self.screen.delete(self.kind, self.entry.id)
