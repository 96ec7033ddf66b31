"""Child process of the therapy kill test: starts a live session at a fixed time, acknowledges it, then waits.

Usage: python therapy_writer.py JOURNAL ISO_TIME KIND MINUTES. Prints "started ID STARTED PLANNED_END" only after
the service call returned, then keeps running (as the app would, timer on screen) until killed.
"""
import sys
import time
from datetime import datetime
from pathlib import Path

# Run by path, Python looks in this script's folder, not the checkout: put the checkout's app first.
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from app.core.timeutil import fixed_clock, to_store  # noqa: E402
from app.services import open_spasmlog  # noqa: E402


def main() -> None:
    path, at, kind, minutes = sys.argv[1], datetime.fromisoformat(sys.argv[2]), sys.argv[3], int(sys.argv[4])
    svc = open_spasmlog(path, fixed_clock(at))
    session = svc.therapy.start(kind, minutes=minutes, barrier=(kind == "ice"))
    sys.stdout.write(f"started {session.id} {to_store(session.started)} {to_store(session.planned_end)}\n")
    sys.stdout.flush()
    while True:
        time.sleep(60)


if __name__ == "__main__":
    main()
