"""Journal: every entry newest first, grouped by day, filtered by kind, loaded a page at a time; tap to edit, delete with Undo."""
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.recycleview.views import RecycleDataViewBehavior

from ...core.guidance import label
from ...core.i18n import N_, _, format_datetime_pattern
from ...core.timeutil import hhmm, to_local
from .. import theme
from ..entry_editor import EntryEditor
from ..rows_layout import RowLabel, RowsLayout  # noqa: F401  (used by kv/journal.kv)
from .base import BaseScreen

PAGE = 100
# (filter code, chip words, kinds it shows)
FILTERS = [("all", N_("All"), None), ("episode", N_("Spasms"), ("episode",)), ("pain", N_("Pain"), ("pain",)),
           ("therapy", N_("Ice & heat"), ("therapy",)), ("dose", N_("Medication"), ("dose",)),
           ("activity", N_("Activity"), ("activity",)), ("symptoms", N_("Symptoms"), ("symptoms",))]
ICONS = {"episode": ("\u26a1", "HEAT"), "dose": ("\u2695", "REVIEW"), "activity": ("\u2605", "OK"),
         "symptoms": ("\u2691", "URGENT")}
ROW_H, TALL_ROW_H, HEADER_H = dp(68), dp(92), dp(40)  # tall: a spasm's two-line detail (where, trigger)


def day_words(day, today) -> str:
    gap = (today - day).days
    name = format_datetime_pattern(day, "EEE d MMM y", "%a %-d %b %Y")
    return (_("Today · {date}").format(date=name) if gap == 0 else
            _("Yesterday · {date}").format(date=name) if gap == 1 else name)


def row_look(entry) -> tuple[str, tuple]:
    """The glyph (or pain number) shown at the start of a row, and its colour."""
    if entry.kind == "pain":
        return str(entry.extra.get("score", "")), theme.PAIN_COLORS[entry.extra.get("score", 0)]
    if entry.kind == "therapy":
        return ("\u2744", theme.ICE) if entry.summary.startswith(label("therapy_kinds", "ice")) else ("\u2668", theme.HEAT)
    if entry.kind == "symptoms" and not entry.extra.get("warning"):
        return "\u2713", theme.OK
    glyph, role = ICONS[entry.kind]
    return glyph, getattr(theme, role)


class JournalRow(RecycleDataViewBehavior, ButtonBehavior, BoxLayout):
    """One entry: time, a glyph or pain score, the summary and details; tap to edit, the cross deletes."""
    kind = StringProperty("")
    entry_id = NumericProperty(0)
    time_text = StringProperty("")
    summary = StringProperty("")
    detail = StringProperty("")
    glyph = StringProperty("")
    glyph_color = ColorProperty(theme.MUTED)  # a property: a recycled row must take its new entry's colour
    is_pain = BooleanProperty(False)
    tall = BooleanProperty(False)
    summary_lines = NumericProperty(1)
    screen = ObjectProperty(None, allownone=True)  # the JournalScreen listing it, handed in with the row's data

    def on_release(self):
        self.screen.edit(self.kind, int(self.entry_id))

    def delete(self):
        self.screen.delete(self.kind, int(self.entry_id))


class JournalScreen(BaseScreen):
    filter = StringProperty("all")
    empty_text = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.entries = []
        self.exhausted = False
        self.editor = None
        self._chips_built = False
        self._anchor = None  # distance from the top (px) to keep while a page is appended

    # -- loading -------------------------------------------------------------
    def _kinds(self):
        return next(kinds for code, _, kinds in FILTERS if code == self.filter)

    def refresh(self) -> None:
        """Read the newest page only: opening stays fast however long the journal is."""
        self._build_chips()
        self.entries, self.exhausted, self._anchor = [], False, None
        self.ids.rv.data = []
        self.load_more()
        self.ids.rv.scroll_y = 1

    def reload(self, count: int) -> None:
        """Read again the entries shown so far (after an edit or an undo), keeping the place in the list."""
        entries, before = [], None
        while len(entries) < count:
            page = self.svc.entries.timeline(self._kinds(), min(2000, count - len(entries)), before)
            entries.extend(page)
            if not page:
                break
            before = page[-1]
        self.entries = entries
        self.exhausted = len(entries) < count
        self._show()

    def load_more(self) -> None:
        """Append the next page below what is shown, without rebuilding the rows already there."""
        if self.exhausted:
            return
        before = self.entries[-1] if self.entries else None
        page = self.svc.entries.timeline(self._kinds(), PAGE, before)
        self.exhausted = len(page) < PAGE
        if not page:
            self._say_if_empty()
            return
        rv = self.ids.rv
        if self.entries:
            # Keep the rows on screen where they are when the list grows below them (scroll_y is a fraction).
            self._anchor = self._from_top()
        last_day = to_local(self.entries[-1].at, self.svc.zone).date() if self.entries else None
        self.entries.extend(page)
        rv.data.extend(self._rows(page, last_day))
        self._say_if_empty()

    def _from_top(self) -> float:
        """How far (px) the list is scrolled down from its newest entry."""
        rv = self.ids.rv
        return (1 - rv.scroll_y) * max(0.0, rv.layout_manager.height - rv.height)

    def on_layout_height(self, layout) -> None:
        """The list grew after a page was appended: put back the distance from the top the person had scrolled to."""
        if self._anchor is None:
            return
        rv = self.ids.rv
        scrollable = layout.height - rv.height
        anchor, self._anchor = self._anchor, None
        if scrollable > 0:
            rv.scroll_y = min(1.0, max(0.0, 1 - anchor / scrollable))
            rv._update_effect_y_bounds()  # the scroll effect keeps its own position: move it too

    def on_scrolled(self, rv) -> None:
        # Within two screens of the end of what is loaded: fetch the next page before the person reaches it.
        if self.exhausted or self._anchor is not None:
            return
        below = rv.scroll_y * (rv.layout_manager.height - rv.height)
        if below < 2 * rv.height:
            self.load_more()

    def _rows(self, entries, last_day=None) -> list[dict]:
        """RecycleView rows for `entries` (newest first), with a day header wherever the day changes."""
        zone = self.svc.zone  # days and times of the person's zone (the clock's)
        today = to_local(self.svc.now(), zone).date()
        data, grow = [], theme.THEME.SCALE  # rows as tall as their text (rebuilt when the text size changes)
        for entry in entries:
            day = to_local(entry.at, zone).date()
            if day != last_day:
                data.append({"viewclass": "DayHeader", "text": day_words(day, today), "size": (None, HEADER_H * grow)})
                last_day = day
            glyph, color = row_look(entry)
            tall = entry.kind == "episode"
            detail = entry.detail if grow == 1 else " · ".join(filter(None, (hhmm(entry.at, zone), entry.detail)))
            # large text: a little taller, so the summary has two lines above its detail
            height = (TALL_ROW_H * 1.2 if tall else ROW_H * 1.15) * grow if grow > 1 else (TALL_ROW_H if tall else ROW_H)
            data.append({"viewclass": "JournalRow", "size": (None, height), "tall": tall,
                         "kind": entry.kind, "entry_id": entry.id, "time_text": hhmm(entry.at, zone), "summary": entry.summary,
                         "detail": detail, "glyph": glyph, "glyph_color": color,
                         "is_pain": entry.kind == "pain", "screen": self})
        return data

    def _show(self) -> None:
        """Show self.entries again (after a delete, an edit or an undo), the rows staying where they were."""
        rv = self.ids.rv
        rows = self._rows(self.entries)
        height = sum(row["size"][1] for row in rows)
        # Only when the list's height changes does the layout report back (on_layout_height) to put it back.
        changes = bool(rv.data) and height != sum(row["size"][1] for row in rv.data)
        self._anchor = self._from_top() if changes else None
        rv.data = rows
        self._say_if_empty()

    def _say_if_empty(self) -> None:
        self.empty_text = "" if self.entries else (_("Nothing here yet. What you log shows up here, newest first.")
                                                   if self.filter == "all" else _("No entries of this kind yet."))

    # -- filter --------------------------------------------------------------
    def _build_chips(self) -> None:
        if self._chips_built:
            return
        from ..widgets import Chip
        for code, words, _kinds in FILTERS:
            chip = Chip(text=_(words), code=code, selected=code == self.filter)
            chip.bind(on_release=lambda c: self.set_filter(c.code))
            self.ids.filters.add_widget(chip)
        self._chips_built = True

    def set_filter(self, code: str) -> None:
        self.filter = code
        for chip in self.ids.filters.children:
            chip.selected = chip.code == code
        self.refresh()

    # -- edit and delete -------------------------------------------------------
    def edit(self, kind: str, entry_id: int) -> None:
        entry = self.attempt(self.svc.entries.get, kind, entry_id)
        if entry is None:
            return
        self.editor = EntryEditor(screen=self)
        self.editor.show(kind, entry)

    def saved(self) -> None:
        """The editor wrote a change: show it where it now belongs."""
        self.reload(max(PAGE, len(self.entries)))
        self.app.snack(_("Entry changed."))

    def delete(self, kind: str, entry_id: int) -> None:
        token = self.attempt(self.svc.entries.delete, kind, entry_id)
        if token is None:
            return
        gone = next((e for e in self.entries if (e.kind, e.id) == (kind, entry_id)), None)
        self.entries = [e for e in self.entries if (e.kind, e.id) != (kind, entry_id)]
        self._show()
        what = gone.summary if gone else _("Entry")
        self.app.snack(_("Deleted: {what}.").format(what=what), _("Undo"), lambda: self.undo(token))

    def undo(self, token) -> None:
        if self.attempt(self.svc.entries.undo, token) is not None:
            self.reload(max(PAGE, len(self.entries) + 1))
            self.app.snack(_("Brought back."))
