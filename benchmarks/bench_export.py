"""Times `python -m app export --format pdf` on a 30-day and a 10-year demo journal; the report must stay nearly flat.

Usage: python benchmarks/bench_export.py [--rounds N]
Journals are generated once with `python -m app demo` and cached under benchmarks/.cache/.
Runs are interleaved (A B A B ...) so machine load hits both sides alike; medians are compared.
Target: 10 years takes at most 1.5x as long as 30 days (only the chosen 90 days are read).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CACHE = Path(__file__).resolve().parent / ".cache"
AT = "2026-03-02T09:00:00+00:00"  # fixed, so cached journals and the report period always line up
JOURNALS = {"30 days": 30, "10 years": 3650}
TARGET_RATIO = 1.5


def _run(args: list[str]) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIVY_NO_ARGS": "1"}
    return subprocess.run([sys.executable, "-m", "app", *args], cwd=ROOT, env=env, capture_output=True, text=True)


def journal(days: int) -> Path:
    """The cached demo journal of `days` days (made on first use)."""
    path = CACHE / f"demo_{days}d.db"
    if not path.exists():
        CACHE.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".partial.db")
        for leftover in CACHE.glob(tmp.name + "*"):
            leftover.unlink()
        made = _run(["demo", "--days", str(days), "--seed", "1", "--db", str(tmp), "--at", AT])
        if made.returncode != 0:
            sys.exit(f"demo journal of {days} days failed: {made.stderr}")
        tmp.rename(path)
    return path


def time_export(db: Path, out: Path) -> float:
    start = time.perf_counter()
    done = _run(["export", "--db", str(db), "--out", str(out), "--format", "pdf", "--at", AT])
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        sys.exit(f"export failed on {db}: {done.stderr}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="runs per journal (at least 5)")
    rounds = max(5, parser.parse_args().rounds)
    dbs = {name: journal(days) for name, days in JOURNALS.items()}
    sizes = {name: db.stat().st_size for name, db in dbs.items()}
    out = Path(tempfile.mkdtemp(prefix="spasmlog-bench-"))
    times: dict[str, list[float]] = {name: [] for name in dbs}
    try:
        for name, db in dbs.items():  # one warm-up each: file cache, .pyc, font cache
            time_export(db, out / "warmup")
        for _ in range(rounds):
            for name, db in dbs.items():
                times[name].append(time_export(db, out / name.replace(" ", "_")))
    finally:
        shutil.rmtree(out, ignore_errors=True)
    medians = {name: statistics.median(ts) for name, ts in times.items()}
    print(f"export --format pdf (default 90-day report), {rounds} interleaved runs each")
    for name in dbs:
        runs = ", ".join(f"{t:.2f}" for t in times[name])
        print(f"  {name:>8} journal ({sizes[name] / 1024:7.0f} KiB): median {medians[name]:.2f} s  [{runs}]")
    ratio = medians["10 years"] / medians["30 days"]
    verdict = "OK" if ratio <= TARGET_RATIO else "OVER TARGET"
    print(f"  ratio 10 years / 30 days: {ratio:.2f}x (target <= {TARGET_RATIO}x): {verdict}")
    return 0 if ratio <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
