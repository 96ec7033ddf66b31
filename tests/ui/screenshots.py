"""Takes a screenshot of every screen of the real app on a demo journal:
python tests/ui/screenshots.py OUT_DIR [WxH] [--theme dark|light] [--text-size 100|125|150] [--language en|de].

Each screen is shot as it opens (NAME_WxH.png) and, when it scrolls, a screenful at a time to its end
(NAME_2_WxH.png, NAME_3_WxH.png …); then the panels: the Journal's edit panels and the body map's, the Ice & heat states
(confirm, running, the alarm at the end, ended, refused in the pause after: the app's clock is moved, as in the UI
tests, so the session really runs its ten minutes), the Log-a-spasm form (it needs the demo's open episode ended), and last the
Privacy card before and after the journal is protected, the three passphrase dialogs and the lock view.
"""
import math
import os
import sys
import tempfile
import traceback
from datetime import timedelta
from pathlib import Path

# Run by path, Python looks in this script's folder, not the checkout: put the checkout's app first.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")


def _scroller(screen):
    """The screen's main ScrollView when its content is taller than it (so there is more to see)."""
    from kivy.uix.scrollview import ScrollView
    for w in screen.walk(restrict=True):
        if isinstance(w, ScrollView) and w.children and w.children[0].height > w.height + 1:
            return w
    return None


def screenfuls(scroller, name, shoot):
    """Scroll down a screenful at a time to the end, a picture each (NAME_2, NAME_3 …)."""
    pages = math.ceil(scroller.children[0].height / scroller.height)
    for page in range(1, pages):
        scroller.scroll_y = 1 - page / (pages - 1)
        yield 0.4
        shoot(f"{name}_{page + 1}")


def _until(condition, seconds: float, what: str):
    """Let the app draw until condition() holds; after `seconds`, fail naming `what`."""
    for _ in range(int(seconds / 0.1)):
        if condition():
            return
        yield 0.1
    raise AssertionError(f"timed out after {seconds:g} s waiting for {what}")


class _Quiet:
    """Stands in for the chime and the OS notification: a screenshot run makes no sound and sends nothing."""

    def play(self):
        return False

    def notify(self, title, message):
        return True

    def status(self):
        return True, "screenshots"


def enlarged(trends, shoot):
    """The pain chart tapped: the report's wide drawing in its own window (scrolls sideways), shot at both ends."""
    from kivy.core.window import Window
    trends.enlarge("pain")
    view = trends._view
    yield from _until(lambda: view is not None and view.texture is not None, 120, "the enlarged chart")
    yield 0.5
    shoot("trends_big")
    view.ids.scroller.scroll_x = 0
    yield 0.4
    shoot("trends_big_2")
    view.dismiss()
    yield from _until(lambda: view not in Window.children, 10, "the enlarged chart to close")


def therapy_tour(app, svc, clock, shoot):
    """A real ice session: asked, running, its alarm at the end, ended; then ice asked again in the pause after it,
    refused with the time it is allowed again."""
    delivery = app.reminders
    if delivery is not None:
        delivery.sound, delivery.notifier, delivery.threaded = _Quiet(), _Quiet(), False
    therapy = app.screen("therapy")
    app.go("therapy")
    yield 0.3
    therapy.ask_ice()
    yield 0.4
    shoot("therapy_confirm")
    therapy.start_ice()
    clock.advance(minutes=4)
    yield from _until(lambda: therapy.remaining_text == "6:00", 10, "6:00 left")
    yield 0.3
    shoot("therapy_running")
    clock.at = svc.therapy.current().ends + timedelta(seconds=30)
    yield from _until(lambda: therapy.mode == "ended", 30, "the session's end")
    yield from _until(lambda: getattr(app, "alarm_popup", None) is not None, 10, "the alarm")
    yield 0.4
    shoot("therapy_alarm")
    app.alarm_popup.dismiss()
    yield from _until(lambda: app.alarm_popup is None or app.alarm_popup.parent is None, 10, "the alarm to close")
    yield 0.4
    shoot("therapy_ended")
    therapy.skip_pain()
    clock.advance(minutes=5)
    yield 0.3
    therapy.ask_ice()  # five minutes after a session: refused, with the time it is allowed again
    yield from _until(lambda: bool(therapy.refusal), 10, "the refusal")
    yield 0.5
    shoot("therapy_refused")


def tour(app, svc, clock, names, shoot):
    """The shots to take, in order; each `yield` lets the app draw for that many seconds."""
    for name in names:
        if name == "emergency":  # as after a symptom check that found a warning sign (not saved)
            from app.core.entities import SymptomCheck
            app.go(name, check=SymptomCheck(at=svc.now(), codes=("bladder_bowel",)))
        else:
            app.go(name)
        yield 0.5
        if name == "trends":  # it draws its charts after it is shown (on a busy machine, seconds later)
            screen = app.screen(name)
            yield from _until(lambda: all(screen.textures[c] is not None for c in screen.textures), 120,
                              "the Trends charts")
            yield 0.3
        if name == "export":  # its first page's preview, drawn off the main thread
            screen = app.screen(name)
            yield from _until(lambda: screen.preview is not None or not screen.preview_status.endswith("…"), 120,
                              "the report's preview")
        shoot(name)
        scroller = _scroller(app.screen(name))
        if scroller is None or name == "journal":  # the Journal's end only loads more pages
            continue
        yield from screenfuls(scroller, name, shoot)
        if name == "trends":
            yield from enlarged(app.screen(name), shoot)
    journal = app.screen("journal")
    app.go("journal")
    yield 0.5
    episode = next(r for r in journal.ids.rv.data if r.get("kind") == "episode")
    journal.edit("episode", episode["entry_id"])
    yield 0.5
    shoot("editor_episode")
    journal.editor.pick_regions()
    yield 0.5
    shoot("editor_regions")
    journal.editor.region_picker.dismiss()
    journal.editor.dismiss()
    pain = next(r for r in journal.ids.rv.data if r.get("kind") == "pain")
    journal.edit("pain", pain["entry_id"])
    yield 0.5
    shoot("editor_pain")
    journal.editor.dismiss()
    yield from therapy_tour(app, svc, clock, shoot)
    svc.entries.end_episode()
    app.go("episode")
    yield 0.5
    shoot("episode_form")
    ep = app.screen("episode")
    ep.ids.bodymap.selected = ["neck", "upper_back_right", "lower_back_left"]
    ep.on_regions(ep.ids.bodymap.selected)
    try:  # a real refusal, in the app's language: an episode inside the one just ended
        svc.entries.start_episode(at=svc.now() - timedelta(minutes=1))
    except Exception as exc:  # noqa: BLE001
        from app.ui.screens.base import friendly
        ep.error = friendly(exc, svc.path)
    yield from screenfuls(_scroller(ep), "episode_form", shoot)
    yield from privacy_tour(app, shoot)


def privacy_tour(app, shoot):
    """The Privacy card before and after protecting the journal (through the app's own dialog work), the three
    passphrase dialogs, and the lock view (also while it checks a passphrase)."""
    from app.ui.protect import convert_open_journal, open_dialog
    settings = app.screen("settings")
    app.go("settings")
    yield 0.5
    yield from _show(settings.ids.privacy_card, shoot, "settings_privacy")
    dialog = open_dialog("protect", app)
    yield 0.5
    shoot("protect_dialog")
    dialog.dismiss()
    yield from _until(lambda: dialog.parent is None, 10, "the dialog to close")
    done = []
    convert_open_journal(app, "protect", None, "correct horse battery", lambda converted: done.append(True), done.append)
    while not done:
        yield 0.2
    settings.request_refresh()
    yield 0.5
    yield from _show(settings.ids.privacy_card, shoot, "settings_privacy_protected")
    for mode in ("change", "remove"):
        dialog = open_dialog(mode, app)
        yield 0.5
        shoot(f"{mode}_dialog")
        dialog.dismiss()
        yield from _until(lambda: dialog.parent is None, 10, "the dialog to close")
    app.locker.lock()
    yield 0.5
    shoot("lock")
    app.locker.set_busy(True)
    yield 0.3
    shoot("lock_busy")
    app.locker.set_busy(False)


def _show(widget, shoot, name):
    """Scroll so `widget` starts at the top of its screen, then shoot."""
    from kivy.uix.scrollview import ScrollView
    parent = widget.parent
    while parent is not None and not isinstance(parent, ScrollView):
        parent = parent.parent
    if parent is not None:
        parent.scroll_to(widget, padding=10, animate=False)
    yield 0.4
    shoot(name)


def main() -> int:
    import argparse
    parser = argparse.ArgumentParser()
    parser.add_argument("out", nargs="?", default="screenshots")
    parser.add_argument("size", nargs="?", default="400x800")
    parser.add_argument("--theme")
    parser.add_argument("--text-size")
    parser.add_argument("--language")
    args = parser.parse_args()
    out, size = Path(args.out).absolute(), args.size
    out.mkdir(parents=True, exist_ok=True)
    from app.launch import _configure_kivy
    _configure_kivy(size)
    from app.services import open_spasmlog
    from app.core.timeutil import system_clock
    from app.services.demo import generate
    from tests.ui.harness import Clock
    db = Path(tempfile.mkdtemp()) / "demo.db"
    clock = Clock(system_clock())  # moved by the tour (a whole ice session), never by sleeping
    svc = open_spasmlog(db, clock)
    generate(svc._repo, svc.now(), 200, seed=11)
    if not svc.entries.open_episode():
        svc.entries.start_episode(regions=["lower_back_left", "buttock_left"], trigger="lifting")
        svc.entries.log_pain(6)
    svc.settings.set("welcome_seen", "yes")  # start on Today; the welcome screen is still shot below
    for key, value in (("theme", args.theme), ("text_size", args.text_size), ("language", args.language)):
        if value is not None:
            svc.settings.set(key, value)

    from kivy.clock import Clock
    from kivy.core.window import Window
    from app.ui.app import SpasmLogApp
    from app.ui.screens import SCREENS

    app = SpasmLogApp(svc=svc, journal_path=db, clock=clock)

    def shoot(name):
        # the back buffer holds an older frame after a flip: draw the current one first
        Window.dispatch("on_draw")
        made = Path(Window.screenshot(str(out / f"{name}_{size}.png")))
        made.replace(out / f"{name}_{size}.png")  # Kivy numbers the file it writes

    steps = tour(app, svc, clock, [s.name for s in SCREENS], shoot)

    def step(dt=None):
        if app.root_widget.ids.sm.transition.is_active:
            Clock.schedule_once(step, 0.1)  # still changing screens: a picture now shows two
            return
        try:
            wait = next(steps)
        except StopIteration:
            app.stop()
            return
        except Exception:
            traceback.print_exc(file=sys.__stderr__)
            app.stop()
            return
        Clock.schedule_once(step, wait)

    def begin(*_):
        Clock.schedule_once(step, 0.5)  # returns None: a truthy handler would stop App.on_start (reminders…) running

    app.bind(on_start=begin)
    app.run()
    print("\n".join(str(p) for p in sorted(out.glob(f"*_{size}.png"))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
