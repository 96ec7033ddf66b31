"""Runs inside the real app: the Ice & heat screen's 0.5 s tick, idle, with a session running and just after it
ended; prints statements per tick (all, and those that write) and the time of one tick, as one JSON line.

Usage: python benchmarks/therapy_tick_probe.py JOURNAL
"""
import json
import os
import statistics
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

# Run by path, Python looks in this script's folder, not the checkout: put the checkout's app first.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")

TICKS = 40
WRITES = ("INSERT", "UPDATE", "DELETE", "REPLACE", "BEGIN", "SAVEPOINT", "RELEASE", "COMMIT")


class MovableClock:
    """The app's clock, moved by the probe (a session's end without waiting ten minutes)."""

    def __init__(self):
        self.at = datetime.now(timezone.utc).replace(microsecond=0)
        self.zone = None

    def __call__(self):
        return self.at


def main() -> None:
    from app.launch import _configure_kivy
    _configure_kivy("400x800")
    from kivy.clock import Clock
    from app.services import open_spasmlog
    from app.ui.app import SpasmLogApp

    clock = MovableClock()
    svc = open_spasmlog(sys.argv[1], clock)
    app = SpasmLogApp(svc=svc)
    conn = (getattr(svc, "_db", None) or svc._db).conn
    result = {}

    def measure(screen, state):
        seen = []
        conn.set_trace_callback(seen.append)
        screen._tick()  # the first tick of a state: it may build widgets (and, before issue 18, closed a session)
        first, first_writes = len(seen), sum(1 for s in seen if s.lstrip().upper().startswith(WRITES))
        counts, writes, times = [], [], []
        for _ in range(TICKS):
            seen.clear()
            t = time.perf_counter()
            screen._tick()
            times.append(time.perf_counter() - t)
            counts.append(len(seen))
            writes.append(sum(1 for s in seen if s.lstrip().upper().startswith(WRITES)))
            clock.at += timedelta(seconds=0.5)
        conn.set_trace_callback(None)
        result[state] = {"queries": statistics.median(counts), "writes": max(writes),
                         "tick_ms": statistics.median(times) * 1000, "mode": screen.mode,
                         "first_queries": first, "first_writes": first_writes}

    def run(dt):
        app.go("therapy")
        screen = app.screen("therapy")
        clock.at += timedelta(hours=6)  # past any time off the demo's last session asks for
        measure(screen, "idle")
        svc.therapy.start("ice", barrier=True)
        measure(screen, "running")
        clock.at += timedelta(minutes=11)
        measure(screen, "ended")
        app.stop()

    app.bind(on_start=lambda *_: Clock.schedule_once(run, 1.0))
    app.run()
    print(json.dumps(result))


if __name__ == "__main__":
    from common import run_probe
    run_probe(main)
