"""UI scenarios for comfort and access: theme and text size switched at runtime (run by tests/ui/harness.py)."""
from kivy.utils import get_color_from_hex as _hexc

from .harness import settled, wait_for as _wait_for

__all__ = ["look_switch_at_runtime", "large_text_fits_every_screen", "keys_log_pain_on_today", "keys_popups_tabs_and_back",
           "language_switch_at_runtime"]


def _tap_choice(d, screen, grid, words):
    yield from d.tap_visible(d.find(grid, text=words, cls="FlatButton"))


def look_switch_at_runtime(d):
    """Light theme and 150 % text chosen on the Settings screen recolour and resize Today and Journal at once."""
    from kivy.core.window import Window
    from app.ui.theme import PALETTES
    d.svc.entries.log_pain(4)
    d.app.journal_changed()
    today = d.app.screen("today")
    journal = d.app.screen("journal")  # built before the switch: it must follow it too
    yield from d.go("settings")
    s = d.screen("settings")
    card = d.find(today, cls="Card")
    body = d.find(today, cls="Body")
    dark_card, dark_font = tuple(card.bg), body.font_size
    assert dark_card == tuple(_hexc(PALETTES["dark"]["SURFACE"]))
    yield from _tap_choice(d, s, s.ids.theme_choice, "Light")
    yield from _wait_for(lambda: d.svc.settings.get("theme") == "light", what="theme saved")
    light = PALETTES["light"]
    assert tuple(Window.clearcolor) == tuple(_hexc(light["BG"])), Window.clearcolor
    assert tuple(card.bg) == tuple(_hexc(light["SURFACE"])), card.bg
    assert tuple(body.color) == tuple(_hexc(light["TEXT"])), body.color
    yield from _tap_choice(d, s, s.ids.text_size_choice, "150 %")
    yield from _wait_for(lambda: d.svc.settings.get("text_size") == "150", what="text size saved")
    assert abs(body.font_size - 1.5 * dark_font) < 0.01, (body.font_size, dark_font)
    chosen = d.find(s.ids.text_size_choice, text="150 %", cls="FlatButton")
    assert tuple(chosen.bg) == tuple(_hexc(light["ACCENT_DARK"]))
    yield from d.go("journal")
    yield from _wait_for(lambda: journal.ids.rv.data, what="journal rows")
    pain_rows = [r for r in journal.ids.rv.data if r.get("kind") == "pain"]
    assert pain_rows
    d.shot("comfort_light_150_journal")
    yield from d.go("today")
    d.shot("comfort_light_150_today")
    # back to dark at 100 %: everything returns
    d.app.change_setting("theme", "dark")
    d.app.change_setting("text_size", "100")
    yield from _wait_for(lambda: tuple(card.bg) == dark_card and body.font_size == dark_font, 10,
                         "the dark theme at 100 % again")


def _shown(widget) -> bool:
    """On screen and not hidden: no ancestor (itself included) see-through or folded to nothing."""
    w = widget
    while w is not None and w is not w.parent:
        if getattr(w, "opacity", 1) == 0 or w.width <= 1 or w.height <= 1:
            return False
        w = w.parent
    return widget.get_root_window() is not None


def _natural_height(label) -> float:
    """The height the label's text needs at its width, however tall its box is (text_size fixed to the box
    clips what does not fit, so its texture alone does not show the cut)."""
    from kivy.core.text import Label as CoreLabel
    core = CoreLabel(text=label.text, font_size=label.font_size, font_name=label.font_name, bold=label.bold,
                     markup=label.markup, padding=label.padding, text_size=(label.text_size[0], None),
                     halign=label.halign, line_height=label.line_height)
    core.refresh()
    return core.texture.size[1]


def too_big_labels(root) -> list[str]:
    """Labels (buttons too) whose text is larger than their box: cut off, shortened, or running into a neighbour."""
    from kivy.uix.label import Label
    found = []
    for w in root.walk(restrict=True):
        if not isinstance(w, Label) or not w.text.strip() or not _shown(w):
            continue
        w.texture_update()
        tw, th = w.texture_size
        if w.text_size[0] is not None and (w.text_size[1] is not None or w.max_lines):
            th = max(th, _natural_height(w))  # clipped to its box or to max_lines
        if tw > w.width + 1 or th > w.height + 1 or getattr(w._label, "is_shortened", False):
            found.append(f"{type(w).__name__} {w.text[:40]!r}: text {tw:.0f}x{th:.0f} in box {w.width:.0f}x{w.height:.0f}"
                         + (" (shortened)" if getattr(w._label, "is_shortened", False) else ""))
    return found


def _on_show(d) -> list[str]:
    """too_big_labels() of what is on show: the current screen, the top bar, the tabs and any popup."""
    from kivy.core.window import Window
    ids = d.app.root_widget.ids
    found = []
    for root in (ids.sm.current_screen, ids.topbar, ids.nav, *[w for w in Window.children if w is not d.app.root_widget]):
        found += too_big_labels(root)
    return found


def large_text_fits_every_screen(d):
    """At 150 % text every screen (and the tabs) shows each label whole: no text larger than its box."""
    from app.services.demo import generate
    from app.ui.screens import SCREENS
    generate(d.svc._repo, d.svc.now(), 60, seed=11)
    if not d.svc.entries.open_episode():
        d.svc.entries.start_episode(regions=["lower_back_left", "buttock_left"], trigger="lifting")
    d.app.journal_changed()
    d.screen().refresh()
    d.app.change_setting("text_size", "150")
    problems = []
    for s in SCREENS:
        if s.name == "emergency":
            from app.core.entities import SymptomCheck
            yield from d.go("emergency", check=SymptomCheck(at=d.svc.now(), codes=("bladder_bowel",)))
        else:
            yield from d.go(s.name)
        if s.name == "trends":  # the charts replace their "Drawing…" lines
            from app.core.i18n import _
            from app.ui.screens.trends import DRAWING
            t = d.screen("trends")
            yield from _wait_for(lambda: _(DRAWING) not in t.status.values(), 60, "the charts at 150 %")
            yield from settled(d, "the charts on the screen")
        try:  # a screen that has just rebuilt its banners may need a few frames to lay them out
            yield from _wait_for(lambda: not _on_show(d), 3, f"every label on {s.name} to fit")
        except AssertionError:
            problems += [f"{s.name}: {p}" for p in _on_show(d)]
        d.shot(f"large_text_{s.name}")
    assert not problems, "\n".join(problems)


def _key(key, codepoint=None, modifiers=()):
    """A real key press through the window, as SDL delivers it."""
    from kivy.core.window import Window
    Window.dispatch("on_key_down", key, 0, codepoint, list(modifiers))
    Window.dispatch("on_key_up", key, 0)


def _digit(n, modifiers=()):
    _key(48 + n, str(n), modifiers)


def keys_log_pain_on_today(d):
    """On Today a digit logs that score; 1 then 0 quickly logs 10; a lone 1 logs 1 after a moment."""
    entries = d.svc.entries
    _digit(7)
    yield from _wait_for(lambda: entries.latest_pain() and entries.latest_pain().score == 7, what="7 logged")
    d.clock.advance(minutes=1)
    _digit(1)
    _digit(0)
    yield from _wait_for(lambda: entries.latest_pain().score == 10, what="10 logged")
    d.clock.advance(minutes=1)
    _digit(1)
    assert entries.latest_pain().score == 10  # still waiting: it may become 10
    yield from _wait_for(lambda: entries.latest_pain().score == 1, what="1 logged")
    assert "Pain 1/10 logged" in d.app.root_widget.ids.snackbar.text
    # not on another screen, and not with Ctrl held
    yield from d.go("journal")
    _digit(5)
    yield from settled(d, "any answer to the digit")  # a digit other than 1 logs at once, if it logs at all
    assert entries.latest_pain().score == 1
    d.shot("keys_today")


def keys_popups_tabs_and_back(d):
    """Esc closes a panel, Enter saves it; Ctrl+N picks a tab; Esc goes back; nothing while typing."""
    from kivy.core.window import Window
    from kivy.uix.modalview import ModalView
    from kivy.uix.textinput import TextInput
    d.svc.entries.log_pain(4)
    _digit(3, ["ctrl"])  # Ctrl+3: the Journal tab
    yield from _wait_for(lambda: d.app.root_widget.ids.sm.current == "journal", what="Journal by Ctrl+3")
    journal = d.screen("journal")
    journal.refresh()
    yield from _wait_for(lambda: any(r.get("kind") == "pain" for r in journal.ids.rv.data), what="rows")
    pain = next(r for r in journal.ids.rv.data if r.get("kind") == "pain")
    popups = lambda: [w for w in Window.children if isinstance(w, ModalView)]  # noqa: E731
    journal.edit("pain", pain["entry_id"])
    yield from _wait_for(popups, 10, "the editor to open")
    _key(27)  # Esc
    yield from _wait_for(lambda: not popups(), what="Esc closes the editor")
    assert d.app.root_widget.ids.sm.current == "journal"  # only the panel closed
    journal.edit("pain", pain["entry_id"])
    yield from _wait_for(popups, 10, "the editor to open again")
    _key(13)  # Enter saves
    yield from _wait_for(lambda: not popups(), what="Enter saves the editor")
    # Esc goes back from a screen reached from More, but a tab has nowhere to go back to
    _digit(5, ["ctrl"])
    yield from _wait_for(lambda: d.app.root_widget.ids.sm.current == "more", what="More by Ctrl+5")
    yield from d.go("meds")
    _key(27)
    yield from _wait_for(lambda: d.app.root_widget.ids.sm.current == "more", what="Esc back to More")
    _key(27)
    yield from settled(d, "any answer to Esc on a tab")
    assert d.app.root_widget.ids.sm.current == "more"
    # Tab moves into the first text field; from then on the keys are the field's
    yield from d.go("meds")
    field = next(w for w in d.screen().walk(restrict=True) if isinstance(w, TextInput))
    _key(9)
    yield from _wait_for(lambda: field.focus, 10, "Tab to focus the first text field")
    _digit(1, ["ctrl"])
    _key(27)
    yield from settled(d, "any answer to Ctrl+1 and Esc while typing")
    assert d.app.root_widget.ids.sm.current == "meds", "a shortcut acted while typing"
    field.focus = False
    yield from settled(d, "the text field to let the keyboard go")
    _digit(1, ["ctrl"])
    yield from _wait_for(lambda: d.app.root_widget.ids.sm.current == "today", what="Today by Ctrl+1")


def language_switch_at_runtime(d):
    """Deutsch chosen in Settings: the tabs, the title, kv texts and Python-set texts turn German at once,
    screens built before the switch too; English again brings everything back."""
    from kivy.utils import get_color_from_hex as hexc
    from app.ui.theme import PALETTES
    d.svc.entries.log_pain(6)
    d.app.screen("journal")  # built in English before the switch
    yield from d.go("settings")
    s = d.screen("settings")
    nav = d.app.root_widget.ids.nav
    yield from _tap_choice(d, s, s.ids.language_choice, "Deutsch")
    yield from _wait_for(lambda: d.svc.settings.get("language") == "de", what="language saved")
    assert d.app.screen_title == "Einstellungen", d.app.screen_title
    assert [b.title for b in reversed(nav.children)] == ["Heute", "Eis & Wärme", "Tagebuch", "Verlauf", "Mehr"]
    d.find(s, text="Darstellung")  # a kv text, re-read live
    yield from _wait_for(lambda: any("Hatten Sie jemals Krebs?" in getattr(w, "text", "") for w in s.walk()),
                         what="the profile questions rebuilt in German")  # Python-built texts
    d.app.change_setting("theme", "light")
    d.app.change_setting("text_size", "150")
    yield from d.go("today")
    today = d.screen("today")
    assert today.pain_detail.startswith("/10 · Mittel"), today.pain_detail
    assert d.find(today, cls="Card").bg == hexc(PALETTES["light"]["SURFACE"])
    d.shot("comfort_de_light_150_today")
    yield from d.go("journal")
    journal = d.screen("journal")
    yield from _wait_for(lambda: any(r.get("kind") == "pain" for r in journal.ids.rv.data), what="journal rows")
    pain = next(r for r in journal.ids.rv.data if r.get("kind") == "pain")
    assert pain["summary"] == "Schmerz 6/10", pain["summary"]
    d.find(journal.ids.filters, text="Krämpfe")
    d.shot("comfort_de_light_150_journal")
    d.app.change_setting("language", "en")
    yield from _wait_for(lambda: d.app.screen_title == "Journal" and nav.children[-1].title == "Today", 10,
                         "the title and the tabs in English again")
    yield from _wait_for(lambda: any(r.get("summary") == "Pain 6/10" for r in d.screen("journal").ids.rv.data),
                         what="English rows")
