"""Child process of the kill test: logs pain scores and doses in a loop, acknowledging each on stdout.

Usage: python crash_writer.py JOURNAL ROUND [COUNT]. Prints "ready", then for every write
"pain ID SCORE NOTE" / "dose ID NAME", flushed only after the service call has returned: a printed
line is a write the app told the person was saved. The parent kills this process with SIGKILL.
"""
import sys
from datetime import datetime, timezone

from app.core.timeutil import fixed_clock
from app.services import open_spasmlog


def main() -> None:
    path, round_no = sys.argv[1], int(sys.argv[2])
    count = int(sys.argv[3]) if len(sys.argv) > 3 else 100_000
    svc = open_spasmlog(path, fixed_clock(datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)))
    out = sys.stdout
    out.write("ready\n")
    out.flush()
    for i in range(count):
        if i % 3 == 2:
            dose = svc.entries.log_dose(f"med-{round_no}-{i}", "nsaid", dose="400 mg")
            out.write(f"dose {dose.id} {dose.name}\n")
        else:
            note = f"r{round_no}-{i}"
            pain = svc.entries.log_pain(i % 11, note=note)
            out.write(f"pain {pain.id} {pain.score} {note}\n")
        out.flush()
    svc.close()
    out.write("done\n")
    out.flush()


if __name__ == "__main__":
    main()
