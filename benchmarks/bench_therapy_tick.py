"""The Ice & heat screen's 0.5 s tick in the real app (therapy_tick_probe.py), on 10 years against 30 days:
statements per tick and writes per tick (idle, running, just ended), and the time of one tick."""
import json
import statistics
import subprocess
import sys

from common import ENV, ROOT, demo_journal, fresh_copy, report

ROUNDS = 3
STATES = ("idle", "running", "ended")


def _probe(journal) -> dict:
    out = subprocess.run([sys.executable, "benchmarks/therapy_tick_probe.py", str(journal)], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    runs = {"30d": [], "10y": []}
    for _ in range(ROUNDS):  # A B A B: each run starts a session, so each gets a fresh copy
        runs["30d"].append(_probe(fresh_copy(demo_journal(30), "tick_30.db")))
        runs["10y"].append(_probe(fresh_copy(demo_journal(3650), "tick_3650.db")))

    def med(name, state, key):
        return statistics.median(r[state][key] for r in runs[name])

    most = max(max(r[s]["queries"], r[s]["first_queries"]) for rs in runs.values() for r in rs for s in STATES)
    writes = max(max(r[s]["writes"], r[s]["first_writes"]) for rs in runs.values() for r in rs for s in STATES)
    report("Ice & heat tick, statements per tick (most)", most, "<= 3", most <= 3,
           " ".join(f"{s} {med('10y', s, 'queries'):.0f}" for s in STATES) + " on 10 years")
    report("Ice & heat tick, writes per tick", writes, "0", writes == 0, "closing a session is the scheduler's job")
    ratios = [med("10y", s, "tick_ms") / med("30d", s, "tick_ms") for s in STATES]
    r = max(ratios)
    report("Ice & heat tick, 10 years / 30 days (x)", r, "<= 1.5", r <= 1.5,
           " ".join(f"{s} {med('10y', s, 'tick_ms'):.2f} vs {med('30d', s, 'tick_ms'):.2f} ms" for s in STATES))


if __name__ == "__main__":
    main()
