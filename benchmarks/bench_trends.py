"""Trends opened the first time, and a chart enlarged, in the real app on a 10-year journal (`trends_probe.py`):
the longest frame (a turn of the main loop) while each happens, next to the Journal's first opening in the same run.

The app's bytecode is compiled first, as an installed app has it (see bench_startup.py). Each run is a new app, so
Trends is opened for the first time in each (matplotlib loaded then, on the chart worker).
"""
import compileall
import json
import statistics
import subprocess
import sys

from common import ENV, ROOT, demo_journal, report

ROUNDS = 5
TARGET_MS = 100


def _probe(journal) -> dict:
    out = subprocess.run([sys.executable, "benchmarks/trends_probe.py", str(journal)], cwd=ROOT, env=ENV,
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    j10 = demo_journal(3650)
    compileall.compile_dir(ROOT / "app", quiet=1)
    runs = [_probe(j10) for _ in range(ROUNDS)]

    def med(key):
        values = [r[key] for r in runs if r.get(key) is not None]
        return statistics.median(values) if values else float("nan")

    journal, trends, enlarge = med("journal_max_ms"), med("trends_max_ms"), med("enlarge_max_ms")
    ratios = [r["trends_max_ms"] / r["journal_max_ms"] for r in runs]
    report("Trends first open, longest frame (ms)", trends, f"< {TARGET_MS}", trends < TARGET_MS,
           f"{statistics.median(ratios):.2f}x the Journal's first open ({journal:.0f} ms) in the same run; "
           f"main-thread CPU {med('trends_cpu_max_ms'):.0f} ms; charts shown after {med('trends_shown_ms'):.0f} ms")
    ratios = [r["enlarge_max_ms"] / r["journal_max_ms"] for r in runs]
    report("Chart enlarged, longest frame (ms)", enlarge, f"< {TARGET_MS}", enlarge < TARGET_MS,
           f"{statistics.median(ratios):.2f}x the Journal's first open; main-thread CPU "
           f"{med('enlarge_cpu_max_ms'):.0f} ms; shown after {med('enlarge_shown_ms'):.0f} ms")


if __name__ == "__main__":
    main()
