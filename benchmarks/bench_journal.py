"""The Journal screen on a 10-year journal: time to open, and frame times while scrolling through history."""
import json
import subprocess
import sys

from common import ENV, ROOT, demo_journal, report


def main() -> None:
    j10 = demo_journal(3650)
    runs = []
    for _ in range(3):
        out = subprocess.run([sys.executable, "benchmarks/journal_probe.py", str(j10)], cwd=ROOT, env=ENV,
                             capture_output=True, text=True, check=True).stdout.strip().splitlines()[-1]
        runs.append(json.loads(out))
    runs.sort(key=lambda r: r["open_ms"])
    mid = runs[1]
    report("Journal screen opens, 10 years (ms)", mid["open_ms"], "< 100", mid["open_ms"] < 100,
           f"{mid['rows_at_open']} rows at open")
    report("Journal scrolling, p95 frame (ms)", mid["frame_p95_ms"], "< 16", mid["frame_p95_ms"] < 16,
           f"median {mid['frame_median_ms']:.1f} ms, worst {mid['frame_max_ms']:.1f} ms, "
           f"{mid['rows_after_scroll']} rows loaded while scrolling")


if __name__ == "__main__":
    main()
