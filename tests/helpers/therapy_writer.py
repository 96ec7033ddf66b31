"""Child process of the therapy kill test: starts a live session at a fixed time, acknowledges it, then waits.

Usage: python therapy_writer.py JOURNAL ISO_TIME KIND MINUTES. Prints "started ID STARTED PLANNED_END" only after
the service call returned, then keeps running (as the app would, timer on screen) until killed.
"""
import sys
import time
from datetime import datetime

from app.core.timeutil import fixed_clock, to_store
from app.services import open_spasmlog


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
