"""Shared benchmark helpers: cached demo journals, interleaved A/B timing, medians and ratios."""
from __future__ import annotations

import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # in-process measurements import this checkout's app, not an installed one
    sys.path.insert(0, str(ROOT))
CACHE = ROOT / "benchmarks" / ".cache"
ENV = {**os.environ, "KIVY_NO_ARGS": "1", "KIVY_NO_CONSOLELOG": "1", "PYTHONDONTWRITEBYTECODE": "1"}


def demo_journal(days: int, seed: int = 1) -> Path:
    """A demo journal of `days` days, made once with `python -m app demo` and cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"demo_{days}d_s{seed}.db"
    if not path.exists():
        subprocess.run([sys.executable, "-m", "app", "demo", "--db", str(path), "--days", str(days), "--seed", str(seed)],
                       check=True, cwd=ROOT, env=ENV, capture_output=True)
    return path


def fresh_copy(src: Path, name: str) -> Path:
    """A copy of a cached journal (for benchmarks that write)."""
    import sqlite3
    dst = CACHE / name
    for suffix in ("", "-wal", "-shm"):
        Path(f"{dst}{suffix}").unlink(missing_ok=True)
    with sqlite3.connect(src) as a, sqlite3.connect(dst) as b:
        a.backup(b)
    os.chmod(dst, 0o600)
    return dst


def run_rss(cmd: list[str]) -> tuple[float, int]:
    """Wall seconds and peak RSS in KiB of one child process (via wait4)."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, env=ENV, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited {proc.returncode}")
    return elapsed, usage.ru_maxrss


def interleave(commands: dict[str, list[str]], rounds: int = 7, measure=run_rss) -> dict[str, dict]:
    """Run the commands A B A B … `rounds` times; medians of time and peak RSS per command."""
    results = {name: {"times": [], "rss": []} for name in commands}
    for name, cmd in commands.items():  # warm the file cache once
        measure(cmd)
    for _ in range(rounds):
        for name, cmd in commands.items():
            t, rss = measure(cmd)
            results[name]["times"].append(t)
            results[name]["rss"].append(rss)
    for r in results.values():
        r["median_s"] = statistics.median(r["times"])
        r["median_rss_mib"] = statistics.median(r["rss"]) / 1024
    return results


def report(figure: str, value: float, target: str, ok: bool, detail: str = "") -> None:
    """One printed line per figure: value, target, met or not."""
    print(f"{figure:<44} {value:>8.2f}  target {target:<18} {'MET' if ok else 'NOT MET'}  {detail}")
    sys.stdout.flush()


def run_probe(main) -> None:
    """Run an in-app probe's main(): Kivy redirects stderr into its log, so a failure is shown where the caller sees it."""
    try:
        main()
    except Exception:
        import traceback
        traceback.print_exc(file=sys.__stderr__)
        sys.exit(1)
