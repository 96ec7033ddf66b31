"""The Journal screen on a 10-year journal: time to open, and frames while a held flick scrolls through history,
side by side with a bare Kivy RecycleView of the same rows (benchmarks/bare_recycleview.py), A B A B."""
import json
import statistics
import subprocess
import sys

from common import ENV, ROOT, demo_journal, report

ROUNDS = 3


def _probe(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, *args], cwd=ROOT, env=ENV, capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    j10 = demo_journal(3650)
    app_runs, bare_runs = [], []
    for _ in range(ROUNDS):
        app_runs.append(_probe(["benchmarks/journal_probe.py", str(j10)]))
        bare_runs.append(_probe(["benchmarks/bare_recycleview.py", "15000"]))

    def med(runs, key):
        return statistics.median(r[key] for r in runs)

    rows_open, rows_after = med(app_runs, "rows_at_open"), med(app_runs, "rows_after_scroll")
    report("Journal screen opens, 10 years (ms)", med(app_runs, "open_ms"), "< 100", med(app_runs, "open_ms") < 100,
           f"{rows_open:.0f} rows at open")
    cpu95, cpu_max = med(app_runs, "cpu_p95_ms"), med(app_runs, "cpu_max_ms")
    report("Journal scrolling, app work p95 frame (ms)", cpu95, "< 16", cpu95 < 16,
           f"main-thread CPU; worst {cpu_max:.1f} ms (a page loading); bare Kivy p95 {med(bare_runs, 'cpu_p95_ms'):.1f}; "
           f"{rows_after:.0f} rows loaded after 36,000 px")
    wall95, bare95 = med(app_runs, "frame_p95_ms"), med(bare_runs, "frame_p95_ms")
    report("Journal scrolling, p95 frame (ms)", wall95, "< 16", wall95 < 16,
           f"wall time (Kivy paces frames at 60 Hz: 16.7 ms), {wall95 / bare95:.2f}x a bare Kivy RecycleView "
           f"({bare95:.1f} ms) on this renderer; median {med(app_runs, 'frame_median_ms'):.1f} ms; "
           f"{med(app_runs, 'hitches'):.0f} of {med(app_runs, 'frames'):.0f} frames over 33 ms "
           f"(bare Kivy {med(bare_runs, 'hitches'):.0f})")


if __name__ == "__main__":
    main()
