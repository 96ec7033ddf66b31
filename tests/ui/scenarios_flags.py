"""UI scenarios for the symptom check, the emergency screen, Today's flag banners and Export."""
from pathlib import Path
from .harness import current as _current, screen_shown, settled, wait_for as _wait_for

__all__ = ["flags_symptom_emergency", "flags_emergency_answer_at_once", "flags_not_now_keeps_yes", "flags_symptom_none", "flags_emergency_banner", "flags_three_day_banner", "flags_export",
           "flags_shots"]




def _tap(d, widget, hold: float = 0.1):
    yield from d.tap_visible(widget, hold=hold)


def _held_until_confirmed(d, button):
    """'I understand' held until its bar is full (the screen then acts), as a person holds it."""
    yield from d.hold_until(button, lambda: button.progress >= 1, "the hold bar to fill")


def _window_children(cls: str) -> list:
    from kivy.core.window import Window
    return [w for w in Window.children if type(w).__name__ == cls]


def _answer(d, screen, code: str, words: str):
    grid = screen._grids[code]
    yield from _tap(d, d.find(grid, text=words, cls="FlatButton"))
    if _current(d) == "symptoms":  # else saved at once, and the answers cleared for the next check
        assert grid.value == words.lower(), (code, grid.value)


def _banners(d):
    return list(d.screen("today").ids.banners.children)


def _answer_check(d, yes: set[str]):
    """From Today's quick button: answer every question (yes for the codes in `yes`) and save."""
    today = d.screen("today")
    yield from _tap(d, d.find(today.ids.quick, text="Check symptoms"))
    yield from screen_shown(d, "symptoms")
    s = d.screen("symptoms")
    assert not s.ready and s.ids.save.disabled  # nothing answered yet: Save waits
    for code in s._grids:
        yield from _answer(d, s, code, "Yes" if code in yes else "No")
        if _current(d) != "symptoms":
            break  # a sign that needs care now: the emergency screen came at once
    else:
        assert s.ready and not s.ids.save.disabled
        d.shot(f"symptoms_answered_{d.size}")
        yield from d.tap(s.ids.save)
    yield from settled(d, "the screen after the symptom check")


def flags_symptom_emergency(d):
    """One emergency answer takes over the screen; a stray tap does not close it; holding does."""
    yield from _answer_check(d, {"bladder_bowel"})
    assert _current(d) == "emergency", _current(d)
    e = d.screen("emergency")
    ids = d.app.root_widget.ids
    assert ids.nav.disabled and ids.nav.opacity == 0 and ids.topbar.height == 0
    assert "Seek care now" in e.ids.headline.text
    assert "emergency department" in e.advice, e.advice
    assert "Bladder or bowel problems" in e.reported, e.reported
    assert "bladder or bowels" in e.meaning, e.meaning
    d.shot(f"emergency_{d.size}")
    # Stray touches: on the words, where the tabs were, and a quick tap on the button itself.
    yield from d.tap(e.ids.meaning)
    yield from d.tap_at(20, 20)
    yield from d.tap(e.ids.understood, hold=0.3)
    yield from settled(d, "any answer to the stray touches")  # a screen change would have to finish first
    assert _current(d) == "emergency"
    assert not d.svc._repo.acks(), "a stray tap must not acknowledge the emergency"
    # Held on purpose: acknowledged, back on Today with the tabs.
    yield from _held_until_confirmed(d, e.ids.understood)
    yield from screen_shown(d, "today")
    assert not ids.nav.disabled and ids.nav.opacity == 1
    assert [a.code for a in d.svc._repo.acks()] == ["bladder_bowel"]
    assert not [b for b in _banners(d) if b.tier == "emergency"]


def _open_check(d):
    """Today's 'Check symptoms' quick button."""
    yield from _tap(d, d.find(d.screen("today").ids.quick, text="Check symptoms"))
    yield from screen_shown(d, "symptoms")


def flags_emergency_answer_at_once(d):
    """Yes to a sign that needs care now opens the emergency screen at once, with questions still unanswered."""
    yield from _open_check(d)
    s = d.screen("symptoms")
    yield from _answer(d, s, "bladder_bowel", "No")
    yield from _answer(d, s, "saddle_numbness", "Yes")
    yield from screen_shown(d, "emergency")
    assert "Numbness in the groin" in d.screen("emergency").reported
    assert [c.codes for c in d.svc._repo.between("symptoms")] == [("saddle_numbness",)]


def flags_not_now_keeps_yes(d):
    """'Not now' after a yes: the answer is saved and Today shows its flag, never dropped."""
    yield from _open_check(d)
    s = d.screen("symptoms")
    yield from _answer(d, s, "fever", "Yes")
    assert _current(d) == "symptoms"  # fever alone: see a doctor soon, not an emergency
    yield from _tap(d, d.find(s, text="Not now", cls="FlatButton"))
    yield from screen_shown(d, "today")
    assert [c.codes for c in d.svc._repo.between("symptoms")] == [("fever",)]
    assert any(b.tier == "urgent" for b in _banners(d)), [b.tier for b in _banners(d)]
    assert "saved" in d.app.root_widget.ids.snackbar.text
    d.shot("not_now_keeps_yes")
    # Leaving again with nothing answered saves nothing more.
    yield from _open_check(d)
    yield from d.go("today")
    assert len(d.svc._repo.between("symptoms")) == 1
    # Leaving by a tab after a yes keeps it too.
    yield from _open_check(d)
    yield from _answer(d, s, "leg_numbness", "Yes")
    yield from d.tap(d.app._nav["journal"])
    yield from screen_shown(d, "journal")
    assert [c.codes for c in d.svc._repo.between("symptoms")] == [("fever",), ("leg_numbness",)]


def flags_symptom_none(d):
    """Every answer no: a thank-you, no banner, back on Today."""
    yield from _open_check(d)
    s = d.screen("symptoms")
    yield from _tap(d, d.find(s, text="All no", cls="FlatButton"))
    assert s.ready
    yield from d.tap(s.ids.save)
    yield from screen_shown(d, "today")
    assert d.app.root_widget.ids.snackbar.text == "No warning signs. Thank you."
    check = d.svc._repo.latest("symptoms")
    assert check is not None and check.codes == ()
    # Offered right after a spasm was logged, it says so; the next ordinary visit does not.
    yield from d.go("symptoms", after="episode")
    assert s.intro.startswith("Your spasm is logged"), s.intro
    assert not s.ready  # a new visit starts unanswered
    d.app.go("today")
    yield from d.go("symptoms")
    assert s.intro.startswith("A quick check"), s.intro


def flags_emergency_banner(d):
    """An emergency answer not yet acknowledged (the app was closed): Today's red banner reopens the screen."""
    banners = {b.code: b for b in _banners(d)}
    assert banners["both_legs"].tier == "emergency", list(banners)
    assert "Seen" not in banners["both_legs"].action_text  # no quick dismissal from Today
    yield from _tap(d, d.find(banners["both_legs"], text="Open", cls="Button"))
    yield from screen_shown(d, "emergency")
    e = d.screen("emergency")
    assert "Weakness or numbness in both legs" in e.reported, e.reported
    yield from _held_until_confirmed(d, e.ids.understood)
    yield from screen_shown(d, "today")
    assert "both_legs" not in [b.code for b in _banners(d)]


def flags_three_day_banner(d):
    """An episode open more than 72 h: Today shows the review banner until it is acknowledged."""
    assert _current(d) == "today"
    banners = {b.code: b for b in _banners(d)}
    assert "spasm_over_3_days" in banners, list(banners)
    banner = banners["spasm_over_3_days"]
    assert banner.tier == "review" and "over 3 days" in banner.text, banner.text
    assert "daily_check" in banners  # the open episode has had no check today
    d.shot(f"today_banner_{d.size}")
    yield from _tap(d, d.find(banner, text="Seen", cls="Button"))
    yield from _wait_for(lambda: "spasm_over_3_days" not in [b.code for b in _banners(d)], 10, "the 3-day banner to go")
    assert [a.code for a in d.svc._repo.acks()] == ["spasm_over_3_days"]
    yield from settled(d, "Today without the banner")
    d.shot(f"today_banner_seen_{d.size}")


def flags_export(d):
    """Export from the screen: preview drawn, files written (checked by the test), where they went shown."""
    yield from d.go("export")
    x = d.screen("export")
    x.base_dir = Path(d.app.journal_path).parent / "exports"
    x.refresh()
    yield from _wait_for(lambda: x.preview is not None and not x.preview_status, 60, "the preview")
    assert str(x.base_dir) in x.folder
    d.shot(f"export_{d.size}")
    # The preview opens full size on a tap and closes with its button.
    yield from _tap(d, x.ids.preview)
    yield from _wait_for(lambda: _window_children("PreviewView"), 10, "the full-size preview to open")
    views = _window_children("PreviewView")
    yield from settled(d, "the full-size preview")
    d.shot(f"export_preview_{d.size}")
    yield from d.tap(d.find(views[0], text="Close", cls="FlatButton"))
    yield from _wait_for(lambda: not _window_children("PreviewView"), 10, "the full-size preview to close")
    # "All": from the oldest entry in the journal up to today.
    yield from _tap(d, d.find(x.ids.periods, text="All", cls="Chip"))
    first = d.svc.entries.first_day()
    assert first is not None and x.span()[0] == first, (x.span(), first)
    assert x.period_words.startswith(first.strftime("%-d %b %Y")), x.period_words
    for words in ("CSV", "FHIR"):
        yield from _tap(d, d.find(x.ids.formats, text=words, cls="FlatButton"))
    assert x.formats == {"pdf", "csv", "fhir"}, x.formats
    yield from _tap(d, x.ids.export_button)
    yield from _wait_for(lambda: not x.busy, 60, "the export")
    assert not x.error, x.error
    assert x.status.startswith("Saved 11 files"), x.status  # PDF, 6 CSV + flags, profile, README, FHIR
    assert x.folder in x.status
    d.shot(f"export_done_{d.size}")


def flags_shots(d):
    """Screenshots of the symptom check, the emergency screen, Today with banners and Export."""
    d.shot(f"today_banner_{d.size}")
    yield from d.go("symptoms")  # the first visit builds the questions: settled, they are laid out
    d.shot(f"symptoms_{d.size}")
    s = d.screen("symptoms")
    s.all_no()
    yield from _answer(d, s, "bladder_bowel", "Yes")  # needs care now: the emergency screen comes at once
    yield from screen_shown(d, "emergency")
    d.shot(f"emergency_{d.size}")
    e = d.screen("emergency")
    yield from _held_until_confirmed(d, e.ids.understood)
    yield from screen_shown(d, "today")
    d.app.go("export")
    x = d.screen("export")
    x.base_dir = Path(d.app.journal_path).parent / "exports"
    x.refresh()
    yield from _wait_for(lambda: x.preview is not None and not x.preview_status, 60, "the preview")
    d.shot(f"export_{d.size}")
    x.ids.scroller.scroll_y = 0
    yield from settled(d, "Export scrolled to the bottom")
    d.shot(f"export_bottom_{d.size}")

