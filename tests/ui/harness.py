"""Runs one UI scenario against the real app (real kv files, a real journal) in this process.

Usage (pytest calls it in a subprocess, one Kivy App per process):
    python -m tests.ui.harness SCENARIO --db PATH --shots DIR [--at ISO-8601] [--size WxH] [--fresh]
(--fresh: a first start, which shows the welcome; otherwise the welcome counts as seen.)
A scenario is a generator function `scenario(d)` in tests/ui/scenarios.py taking a Driver; it waits on
conditions (`yield from wait_for(...)`, `settled()`, `screen_shown(d, name)`, `d.show(w)`), each failing with a
message naming what it waited for; a bare `yield 0.3` (a fixed wait) needs a `# fixed wait:` reason and is
counted by tests/test_house_ui.py. The scenario starts once the first screen has settled. An AssertionError
fails the run (exit 1).
"""
from __future__ import annotations

import argparse
import itertools
import os
import sys
import traceback
from datetime import timedelta
from pathlib import Path

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")


class Clock:
    """The app's clock in a UI test: moved by the scenario, never by sleeping; its zone (None: the machine's) is the
    person's."""

    def __init__(self, at, zone=None):
        self.at, self.zone = at, zone

    def __call__(self):
        return self.at

    def advance(self, **kwargs):
        self.at += timedelta(**kwargs)
        return self.at


def current(d) -> str:
    """The name of the screen on show."""
    return d.app.root_widget.ids.sm.current


def wait_for(condition, seconds: float = 30, what: str = "condition"):
    """Let frames draw until condition() holds (use as `yield from wait_for(...)`); after `seconds` (counted in
    0.1 s steps, so a loaded machine gets more time, never less) fail naming `what`."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        yield 0.1
    if condition():
        return
    raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")


def switching(d) -> bool:
    """A screen change is under way (two screens on show, or the transition still running)."""
    sm = d.app.root_widget.ids.sm
    return sm.transition.is_active or len(sm.children) > 1


def animating() -> bool:
    """An animation is running (an animated scroll, a panel opening); a scroll bar fading out does not count."""
    from kivy.animation import Animation
    return any(set(a.animated_properties) - {"bar_alpha"} for a in Animation._instances)


def settled(d, what: str = "the app to settle", seconds: float = 30):
    """Wait until the app has finished reacting to the last step: no screen change or animation under way, and
    two clock frames later nothing left to draw (the layout has run and is on the screen). Use before a picture."""
    from kivy.clock import Clock
    from kivy.core.window import Window
    start = Clock.frames
    yield from wait_for(lambda: Clock.frames >= start + 2 and not switching(d) and not animating()
                        and not Window.canvas.needs_redraw, seconds, what)


def reminders_caught_up(d, what: str = "the app's reminders to catch up with the clock"):
    """Wait until the app's reminder scheduler has looked at the test clock's time, so what fell due is on the screen
    (a popup or a message) now, not in the middle of a later tap. It looks on its next 0.5 s tick after the clock
    moved by 15 s or more (or past a reminder's time); after a smaller step with nothing due it does not look."""
    delivery = d.app.reminders
    at = d.clock()
    yield from wait_for(lambda: delivery.last_checked is not None and delivery.last_checked >= at, 30, what)


def screen_shown(d, name: str):
    """Wait until screen `name` is the one on show and the switch to it is over (a tap mid-switch hits nothing)."""
    yield from settled(d, f"the {name} screen", 30)
    assert current(d) == name, f"{current(d)} is on show, not {name}"


def scroller_of(widget):
    """The ScrollView holding `widget`, or None."""
    from kivy.uix.scrollview import ScrollView
    parent = widget.parent
    # The window is its own parent: stop there.
    while parent is not None and parent is not parent.parent and not isinstance(parent, ScrollView):
        parent = parent.parent
    return parent if isinstance(parent, ScrollView) else None


def in_view(widget) -> bool:
    """The widget's centre lies inside the ScrollView holding it (if any), on the window: a finger reaches it."""
    if widget.get_root_window() is None:
        return False
    parent = scroller_of(widget)
    if parent is None:
        return True
    x, y = widget.to_window(*widget.center)
    left, bottom = parent.to_window(parent.x, parent.y)
    return left <= x <= left + parent.width and bottom <= y <= bottom + parent.height


class Driver:
    """What a scenario uses to touch the real widgets and look at the screen."""

    def __init__(self, app, clock, shots: Path, size: str):
        self.app, self.clock, self.shots, self.size = app, clock, shots, size

    @property
    def svc(self):
        return self.app.svc

    def screen(self, name=None):
        sm = self.app.root_widget.ids.sm
        return sm.current_screen if name is None else self.app.screen(name)

    def ids(self, name=None):
        return self.screen(name).ids

    def go(self, name: str, **kwargs):
        """Show a screen (keyword arguments go to its prepare()) and wait until the switch is over and it is
        drawn (use as `yield from d.go(name)`): a tap mid-switch hits nothing."""
        self.app.go(name, **kwargs)
        yield from screen_shown(self, name)

    def tap(self, widget, hold: float = 0.1):
        """A real touch at the widget's centre, held like a finger (use as `yield from d.tap(w)`).

        The hold matters: a ScrollView decides between scroll and tap on its timer.
        """
        assert widget.get_root_window() is not None, f"{widget} is not on screen"
        assert not getattr(widget, "disabled", False), f"{widget} is disabled"
        yield from self.tap_at(*widget.to_window(*widget.center), hold=hold)

    def hold_until(self, widget, condition, what: str, seconds: float = 30):
        """A finger held on the widget until condition() holds (a hold-to-confirm button: until its bar is full),
        then lifted: as long as it takes the app to show it, not a number of seconds."""
        assert widget.get_root_window() is not None, f"{widget} is not on screen"
        yield from self._press(*widget.to_window(*widget.center), wait_for(condition, seconds, what))

    def tap_at(self, x: float, y: float, hold: float = 0.1):
        """A real touch at window position (x, y), wherever it lands (a stray thumb), held `hold` seconds."""
        yield from self._press(x, y, iter([hold]))  # the finger's hold (a gesture's length, not a wait for the app)

    @staticmethod
    def _press(x: float, y: float, held):
        """A finger down at window position (x, y), kept down while the waits of `held` run, then lifted."""
        from kivy.tests.common import UnitTestTouch
        touch = UnitTestTouch(x, y)
        touch.touch_down()
        yield from held
        touch.touch_up()
        yield 0.1  # the frame after the lift (what the release changed is checked by the scenario)

    def show(self, widget, padding: float = 40):
        """Scroll the ScrollView holding `widget` (if any) until a finger can reach it, and let it settle."""
        parent = scroller_of(widget)
        what = f"{widget.__class__.__name__} {getattr(widget, 'text', '')!r} scrolled into view"

        def reached() -> bool:
            if in_view(widget):
                return True
            if parent is not None and not animating():  # the app's own animated scroll may move it away: again
                parent.scroll_to(widget, padding=padding, animate=False)
            return False

        for _ in range(3):  # a layout still running (a banner just added) can move it again: scroll until it stays
            yield from settled(self, "the layout before scrolling")
            yield from wait_for(reached, 10, what)
            yield from settled(self, "the scrolled view to settle")
            if in_view(widget):
                return
        raise AssertionError(f"{what}: it keeps moving out of view")

    def tap_visible(self, widget, hold: float = 0.1):
        """Scroll `widget` into view, then tap it."""
        yield from self.show(widget)
        yield from self.tap(widget, hold=hold)

    def find(self, root=None, text=None, cls=None):
        """The first widget under root whose text contains `text` (and/or of class `cls`)."""
        root = root or self.app.root_widget
        for w in root.walk(restrict=True):
            if cls is not None and type(w).__name__ != cls:
                continue
            if text is not None and text not in str(getattr(w, "text", "")):
                continue
            return w
        raise AssertionError(f"no widget with text {text!r} class {cls!r} on screen")

    def shot(self, name: str) -> Path:
        """Save a screenshot of the window as SHOTS/name.png."""
        from kivy.core.window import Window
        self.shots.mkdir(parents=True, exist_ok=True)
        # glReadPixels reads the back buffer, which after a flip holds an older frame: draw the current one first.
        Window.dispatch("on_draw")
        made = Path(Window.screenshot(str(self.shots / f"{name}.png")))
        final = self.shots / f"{name}.png"
        if made != final:
            made.replace(final)
        return final


def main(argv=None) -> int:
    p = argparse.ArgumentParser()
    p.add_argument("scenario")
    p.add_argument("--db", required=True)
    p.add_argument("--shots", default="screenshots")
    p.add_argument("--at")
    p.add_argument("--size", default="400x800")
    p.add_argument("--zone", help="the clock's time zone (default: the machine's)")
    p.add_argument("--fresh", action="store_true", help="leave welcome_seen alone (a first start shows the welcome)")
    args = p.parse_args(argv)

    from app.launch import _configure_kivy
    _configure_kivy(args.size)
    from app.core.timeutil import parse_time, system_clock
    from app.services import open_spasmlog
    from tests.ui import scenarios

    from app.core.errors import SpasmLogError
    from zoneinfo import ZoneInfo
    clock = Clock(parse_time(args.at) if args.at else system_clock(), ZoneInfo(args.zone) if args.zone else None)
    try:
        svc, error = open_spasmlog(args.db, clock, read_only_if_damaged=True), None  # as app/launch.py opens it
        if not args.fresh and svc.damage is None:  # most scenarios start on Today, as after the first start
            svc.settings.set("welcome_seen", "yes")
    except SpasmLogError as exc:  # the app shows it, as it does for a person (damaged, disk full, read-only)
        svc, error = None, exc
    from kivy.clock import Clock as KivyClock
    from app.ui.app import SpasmLogApp

    app = SpasmLogApp(svc=svc, journal_error=error, journal_path=Path(args.db), clock=clock)
    driver = Driver(app, clock, Path(args.shots), args.size)
    # Every scenario starts once the first screen (or the lock or problem view) is drawn and settled.
    steps = itertools.chain(settled(driver, "the first screen"), getattr(scenarios, args.scenario)(driver))
    outcome = {"code": 0}

    def step(dt=None):
        try:
            wait = next(steps)
        except StopIteration:
            app.stop()
            return
        except BaseException:
            traceback.print_exc(file=sys.__stderr__)
            outcome["code"] = 1
            app.stop()
            return
        KivyClock.schedule_once(step, wait or 0.05)

    def begin(*_):
        KivyClock.schedule_once(step, 0)  # returns None: a truthy handler would stop App.on_start running

    app.bind(on_start=begin)
    app.run()
    for error in app.safety.errors if app.safety else ():  # caught by the app's net: still a failure here
        traceback.print_exception(error, file=sys.__stderr__)
        outcome["code"] = 1
    for opened in (app.svc, app.readable):
        if opened is not None:
            opened.close()
    return outcome["code"]


if __name__ == "__main__":
    sys.exit(main())
