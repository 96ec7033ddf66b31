"""Runs inside the real app: opens the Journal on a journal and scrolls it, printing open time and frame times.

Usage: python benchmarks/journal_probe.py JOURNAL  (prints one JSON line)
"""
import json
import os
import sys
import time
from pathlib import Path

# Run by path, Python looks in this script's folder, not the checkout: put the checkout's app first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")


def main() -> None:
    from app.launch import _configure_kivy
    _configure_kivy("400x800")
    from kivy.clock import Clock
    from kivy.core.window import Window
    from app.services import open_spasmlog
    from app.ui.app import SpasmLogApp
    from frame_meter import FrameMeter, flick

    app = SpasmLogApp(svc=open_spasmlog(sys.argv[1]))
    meter, result = FrameMeter(), {}

    def open_journal(dt):
        t = time.perf_counter()
        app.go("journal")
        screen = app.screen("journal")
        result["open_ms"] = (time.perf_counter() - t) * 1000
        Clock.schedule_once(lambda dt: start_scroll(screen), 0.3)

    def start_scroll(screen):
        rv = screen.ids.rv
        result["rows_at_open"] = len(rv.data)
        meter.running = True
        steps = {"n": 0}

        def step(dt):
            flick(rv, 60)  # a fast flick, held: 60 px a frame (3,600 px a second at 60 frames), through several pages
            steps["n"] += 1
            if steps["n"] >= 600:
                result["rows_after_scroll"] = len(rv.data)
                app.stop()
                return False
        Clock.schedule_interval(step, 0)

    Window.bind(on_flip=meter.on_flip)
    def begin(*_):  # returns None: a truthy handler would stop the app's own on_start (reminders, backup, settling)
        # The Journal opened 1.5 s after start, as a person would tap it, after the app has settled.
        Clock.schedule_once(open_journal, 1.5)

    app.bind(on_start=begin)
    app.run()
    result.update(meter.summary())
    print(json.dumps(result))


if __name__ == "__main__":
    from common import run_probe
    run_probe(main)
