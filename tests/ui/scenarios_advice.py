"""UI scenarios: new advice is shown where the person is looking, never contradicted, and recalled until care."""
from .harness import current as _current, screen_shown, settled, wait_for as _wait_for

__all__ = ["advice_scrolls_into_view", "advice_not_contradicted", "advice_emergency_recalled"]


def _in_view(widget, scroller) -> bool:
    """The whole widget is inside the scroller's window on screen."""
    bottom = scroller.to_window(scroller.x, scroller.y)[1]
    top = bottom + scroller.height
    w_bottom = widget.to_window(widget.x, widget.y)[1]
    return bottom - 1 <= w_bottom and w_bottom + widget.height <= top + 1


def _banner(d, code):
    found = [b for b in d.screen("today").ids.banners.children if getattr(b, "code", "") == code]
    return found[0] if found else None


def _check_from_scrolled_today(d, yes: set[str]):
    """Scroll Today down to 'Check symptoms' (a small phone has to), answer, and save."""
    today = d.screen("today")
    yield from d.tap_visible(d.find(today.ids.quick, text="Check symptoms"))
    yield from screen_shown(d, "symptoms")
    s = d.screen("symptoms")
    for code, grid in s._grids.items():
        yield from d.tap_visible(d.find(grid, text="Yes" if code in yes else "No", cls="FlatButton"))
    yield from d.tap(s.ids.save)
    yield from settled(d, "the screen after Save")


def advice_scrolls_into_view(d):
    """Yes to 'pain down a leg' from a Today scrolled down: Today comes back with the advice in view."""
    today = d.screen("today")
    scroller = today.ids.scroller
    yield from _check_from_scrolled_today(d, {"radiating_pain"})
    assert _current(d) == "today", _current(d)
    yield from _wait_for(lambda: _banner(d, "radiating_pain") is not None, what="the banner")
    banner = _banner(d, "radiating_pain")
    yield from _wait_for(lambda: _in_view(banner, scroller), 3, "the new advice scrolled into view")
    assert banner.tier == "review" and "book a doctor" in banner.text, (banner.tier, banner.text)
    snack = d.app.root_widget.ids.snackbar
    assert "No warning signs" not in snack.text, snack.text
    yield 0.5  # fixed wait: past Today's second scroll (0.3 s on, after the finger lifts), it must still be in view
    assert _in_view(banner, scroller)
    d.shot(f"today_after_flag_{d.size}")


def advice_not_contradicted(d):
    """A spasm started by a fall (see a doctor), then a check with every answer no: no 'no warning signs'."""
    assert _banner(d, "trauma") is not None
    yield from _check_from_scrolled_today(d, set())
    assert _current(d) == "today", _current(d)
    # The last message is the plain thanks (its words stay after its six seconds, which a loaded machine can pass
    # while the screens change: whether it is still on show is not the point).
    snack = d.app.root_widget.ids.snackbar
    assert "No warning signs" not in snack.text and snack.text == "Saved. Thank you.", snack.text
    banner = _banner(d, "trauma")
    yield from _wait_for(lambda: _in_view(banner, d.screen("today").ids.scroller), 3, "the advice in view")
    d.shot(f"today_no_contradiction_{d.size}")


def advice_emergency_recalled(d):
    """After 'I understand' on the emergency screen, Today recalls the advice calmly until 'I got care'."""
    yield from _check_from_scrolled_today(d, set())  # scrolls Today down first, then: all no
    today = d.screen("today")
    yield from d.tap_visible(d.find(today.ids.quick, text="Check symptoms"))
    yield from screen_shown(d, "symptoms")
    s = d.screen("symptoms")
    yield from d.tap_visible(d.find(s._grids["bladder_bowel"], text="Yes", cls="FlatButton"))
    yield from screen_shown(d, "emergency")
    understood = d.screen("emergency").ids.understood
    yield from d.hold_until(understood, lambda: understood.progress >= 1, "the hold bar to fill")
    yield from _wait_for(lambda: _current(d) == "today", what="Today")
    yield from _wait_for(lambda: _banner(d, "care") is not None, what="the calm banner")
    care = _banner(d, "care")
    assert care.tier == "care" and "bladder or bowels" in care.text and care.action_text == "I got care", care.text
    assert _banner(d, "bladder_bowel") is None  # the red one is gone: it was acknowledged
    snack = d.app.root_widget.ids.snackbar
    assert not (snack.shown and "No warning signs" in snack.text), snack.text  # the earlier all-no check's thanks
    yield from _wait_for(lambda: _in_view(care, today.ids.scroller), 3, "the calm advice in view")
    yield from settled(d, "Today with the calm advice")
    d.shot(f"today_care_recalled_{d.size}")
    # It stays on later visits too.
    yield from d.go("journal")
    yield from d.go("today")
    assert _banner(d, "care") is not None
    yield from d.tap_visible(d.find(_banner(d, "care"), text="I got care", cls="Button"))
    yield from _wait_for(lambda: _banner(d, "care") is None, 3, "the calm advice to go")
    assert "got care" in d.app.root_widget.ids.snackbar.text
