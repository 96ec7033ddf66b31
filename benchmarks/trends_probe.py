"""Runs inside the real app: the longest frame (a turn of the main loop) while the Journal opens the first time, then
while Trends opens the first time (until both charts show), then while a chart is enlarged (until it shows).

Usage: python benchmarks/trends_probe.py JOURNAL [WxH]  (prints one JSON line)
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

SETTLE_S = 0.4    # frames measured after the thing has shown, so a late hitch is caught too
GIVE_UP_S = 30.0  # a chart that never shows: reported, not waited on for ever


def main() -> None:
    from app.launch import _configure_kivy
    _configure_kivy(sys.argv[2] if len(sys.argv) > 2 else "400x800")
    from kivy.clock import Clock
    from kivy.core.window import Window
    from app.services import open_spasmlog
    from app.ui.app import SpasmLogApp
    from frame_meter import LoopMeter

    app = SpasmLogApp(svc=open_spasmlog(sys.argv[1]))
    result: dict = {}
    meters = {phase: LoopMeter() for phase in ("journal", "trends", "enlarge")}
    for meter in meters.values():
        meter.start(Clock)

    def measure(phase: str, start, shown, then) -> None:
        """Frames from start() until shown() holds, plus SETTLE_S; then then()."""
        meter = meters[phase]
        meter.running = True
        began = time.perf_counter()
        start()
        state = {"shown_at": None}

        def poll(dt):
            now = time.perf_counter()
            if state["shown_at"] is None:
                if shown():
                    state["shown_at"] = now
                    result[f"{phase}_shown_ms"] = (now - began) * 1000
                elif now - began > GIVE_UP_S:
                    state["shown_at"] = now
                    result[f"{phase}_shown_ms"] = None
                return True
            if now - state["shown_at"] < SETTLE_S:
                return True
            meter.running = False
            then()
            return False
        Clock.schedule_interval(poll, 0)

    def chart_view():
        views = [w for w in Window.children if type(w).__name__ == "ChartView"]
        return views[0] if views else None

    def journal_shown() -> bool:
        return bool(app.screen("journal").ids.rv.data)

    def charts_shown() -> bool:
        t = app.screen("trends")
        return all(not t.status[c] for c in ("pain", "episodes"))

    def enlarged_shown() -> bool:
        view = chart_view()
        return view is not None and not view.status and bool(getattr(view, "texture", None) or
                                                               getattr(view, "source", ""))

    def open_journal(dt):
        measure("journal", lambda: app.go("journal"), journal_shown, lambda: Clock.schedule_once(to_today, 0.3))

    def to_today(dt):
        app.go("today")
        Clock.schedule_once(open_trends, 0.8)

    def open_trends(dt):
        measure("trends", lambda: app.go("trends"), charts_shown, lambda: Clock.schedule_once(enlarge, 0.3))

    def enlarge(dt):
        measure("enlarge", lambda: app.screen("trends").enlarge("pain"), enlarged_shown, finish)

    def finish():
        view = chart_view()
        if view is not None:
            view.dismiss()
        Clock.schedule_once(lambda dt: app.stop(), 0.3)

    def begin(*_):  # returns None: a truthy handler would stop the app's own on_start
        Clock.schedule_once(open_journal, 1.5)  # after the app has settled, as a person would tap

    app.bind(on_start=begin)
    app.run()
    for phase, meter in meters.items():
        summary = meter.summary()
        result[f"{phase}_max_ms"] = summary["frame_max_ms"]
        result[f"{phase}_cpu_max_ms"] = summary["cpu_max_ms"]
        result[f"{phase}_frames"] = summary["frames"]
        result[f"{phase}_hitches"] = summary["hitches"]
    print(json.dumps(result))


if __name__ == "__main__":
    from common import run_probe
    run_probe(main)
