"""Entry widgets: a keyboard-free time picker (now, quick 'ago' chips, day/hour/minute steps), a number stepper, a text field."""
from datetime import datetime, timedelta

from kivy.properties import BooleanProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.textinput import TextInput

from ..core.i18n import N_, _, format_datetime_pattern
from ..core.timeutil import human_duration, to_local, zone_of
from ..core.validation import text_limit
from .kvfiles import load_kv

load_kv("pickers")

QUICK = [("now", N_("Now"), 0), ("30m", N_("30 min ago"), 30), ("1h", N_("1 h ago"), 60), ("3h", N_("3 h ago"), 180)]
STEPS = [("-1440", "− 1 day"), ("-60", "− 1 h"), ("-5", "− 5 min"),
         ("1440", "+ 1 day"), ("60", "+ 1 h"), ("5", "+ 5 min")]
EARLIEST = timedelta(days=3650)  # far enough back for any entry a person fixes by hand


def when_words(at: datetime, now: datetime, zone) -> str:
    """'Today 08:30', 'Yesterday 22:10' or 'Mon 3 Mar 14:00' (on the wall clock of `zone`, the services')."""
    local, today = to_local(at, zone), to_local(now, zone).date()
    days = (today - local.date()).days
    day = (_("Today") if days == 0 else _("Yesterday") if days == 1 else
           format_datetime_pattern(local, "EEE d MMM" + (" y" if days > 300 else ""),
                                   "%a %-d %b" + (" %Y" if days > 300 else "")))
    return f"{day} {local.strftime('%H:%M')}"


def short_when(at: datetime, now: datetime, zone) -> str:
    """'08:30' today, 'yesterday 22:10', else 'Mon 3 Mar 14:00' (in `zone`): the time inside a button's or a message's words."""
    local, days = to_local(at, zone), (to_local(now, zone).date() - to_local(at, zone).date()).days
    if days == 0:
        return local.strftime("%H:%M")
    return _("yesterday {time}").format(time=local.strftime("%H:%M")) if days == 1 else when_words(at, now, zone)


class TimePicker(BoxLayout):
    """When something happened. `value` None means now; steps never go past now.

    compact: the day/hour/minute steps stay folded behind an "Earlier…" chip until it is tapped.
    """
    value = ObjectProperty(None, allownone=True)
    compact = BooleanProperty(False)
    steps_shown = BooleanProperty(True)
    quick = StringProperty("now")  # which quick chip is lit ('' after a step)
    text = StringProperty("Now")
    ahead = NumericProperty(0)  # minutes from the picked time to now: a step forward may not pass now
    clock = ObjectProperty(None)  # the services' time and zone: kv `clock: root.clock` on the holder

    def on_kv_post(self, base_widget):
        if self.compact:
            self.fold()

    def on_compact(self, *_):
        if self.compact and "quick_chips" in self.ids:  # set by a screen's kv, before or after this one's own
            self.fold()

    def fold(self) -> None:
        """Steps hidden, an "Earlier…" chip in their place (compact pickers, and after each save)."""
        from .widgets import Chip
        self.steps_shown = False
        if "earlier" not in self.ids:
            chip = Chip(text=_("Earlier…"))
            chip.bind(on_release=lambda *_: self.unfold())
            self.ids["earlier"] = chip
        if self.ids.earlier.parent is None:
            self.ids.quick_chips.add_widget(self.ids.earlier)

    def unfold(self) -> None:
        self.steps_shown = True
        if self.ids.earlier.parent is not None:
            self.ids.quick_chips.remove_widget(self.ids.earlier)

    def _now(self) -> datetime:
        assert self.clock is not None, "a TimePicker needs its clock (kv: `clock: root.clock`)"
        return self.clock()

    def chosen(self) -> datetime | None:
        """The picked time, or None for 'now' (the service stamps it when saving)."""
        return self.value

    def set(self, value: datetime | None) -> None:
        """Show an existing time (editing) or now."""
        self.quick = "now" if value is None else ""
        self.value = value
        self.update_text()

    def pick_quick(self, code: str) -> None:
        minutes = next(m for c, _words, m in QUICK if c == code)
        self.value = None if minutes == 0 else self._now().replace(microsecond=0) - timedelta(minutes=minutes)
        self.quick = code
        self.update_text()

    def step(self, minutes: int) -> None:
        now = self._now().replace(microsecond=0)
        moved = (self.value or now) + timedelta(minutes=minutes)
        if moved >= now:
            self.value, self.quick = None, "now"
        else:
            self.value, self.quick = max(moved, now - EARLIEST), ""
        self.update_text()

    def update_text(self) -> None:
        now = self._now()
        self.ahead = 0 if self.value is None else max(0, (now - self.value).total_seconds() // 60)
        if self.value is None:
            self.text = _("Now · {when}").format(when=when_words(now, now, zone_of(self.clock)))
        else:
            ago = human_duration(now - self.value)
            self.text = _("{when} · {ago} ago").format(when=when_words(self.value, now, zone_of(self.clock)), ago=ago)


class Stepper(BoxLayout):
    """A whole number changed with − and + buttons (minutes of activity)."""
    value = NumericProperty(20)
    low = NumericProperty(5)
    high = NumericProperty(240)
    step = NumericProperty(5)
    unit = StringProperty("min")

    def change(self, sign: int) -> None:
        self.value = min(self.high, max(self.low, self.value + sign * self.step))


class TextField(TextInput):
    """A themed text box (notes, medicine names, doses).

    limit: the journal field it fills ("name", "dose", "note"); typing or pasting stops at that field's limit
    (core.validation.text_limit, the same number the journal refuses past), with a word saying so.
    """
    limit = StringProperty("")
    tell = ObjectProperty(None, allownone=True)  # says the field is full (kv: `tell: app.snack`); None: it only stops

    def max_chars(self) -> int:
        return text_limit(self.limit) if self.limit else 0

    def insert_text(self, substring, from_undo=False):
        most = self.max_chars()
        if most and not from_undo:
            room = max(0, most - len(self.text))  # Kivy deletes a selection before it inserts
            if len(substring) > room:
                substring = substring[:room]
                if self.tell is not None:
                    self.tell(_("This field takes at most {n} characters.").format(n=most))
        return super().insert_text(substring, from_undo=from_undo)
