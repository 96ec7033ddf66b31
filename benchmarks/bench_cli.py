"""CLI and service costs on a 10-year vs a 30-day journal: log a pain score, status --json."""
import statistics
import sys
import time

from common import demo_journal, fresh_copy, interleave, report


def in_process_log_pain(path, n=200) -> float:
    """Median seconds of one log_pain through the services (journal already open)."""
    from app.services import open_spasmlog
    svc = open_spasmlog(path)
    times = []
    for i in range(n):
        t = time.perf_counter()
        svc.entries.log_pain(i % 11)
        times.append(time.perf_counter() - t)
    svc.close()
    return statistics.median(times)


def main() -> None:
    j30 = fresh_copy(demo_journal(30), "cli_30.db")
    j10 = fresh_copy(demo_journal(3650), "cli_3650.db")
    py = sys.executable
    res = interleave({"30d": [py, "-m", "app", "log", "pain", "4", "--db", str(j30)],
                      "10y": [py, "-m", "app", "log", "pain", "4", "--db", str(j10)]}, rounds=9)
    r = res["10y"]["median_s"] / res["30d"]["median_s"]
    report("log pain (CLI), 10 years / 30 days (x)", r, "<= 1.2", r <= 1.2,
           f"{res['10y']['median_s'] * 1000:.0f} vs {res['30d']['median_s'] * 1000:.0f} ms")
    in_process_log_pain(j30, 50), in_process_log_pain(j10, 50)  # warm-up: first fsyncs and page cache
    short, long_ = [], []
    for _ in range(4):
        short.append(in_process_log_pain(j30))
        long_.append(in_process_log_pain(j10))
    r = statistics.median(long_) / statistics.median(short)
    report("log pain (services), 10 years / 30 days (x)", r, "<= 1.2", r <= 1.2,
           f"{statistics.median(long_) * 1e3:.2f} vs {statistics.median(short) * 1e3:.2f} ms")
    res = interleave({"30d": [py, "-m", "app", "status", "--json", "--db", str(j30)],
                      "10y": [py, "-m", "app", "status", "--json", "--db", str(j10)]}, rounds=9)
    r = res["10y"]["median_s"] / res["30d"]["median_s"]
    report("status --json, 10 years / 30 days (x)", r, "<= 1.2", r <= 1.2,
           f"{res['10y']['median_s'] * 1000:.0f} vs {res['30d']['median_s'] * 1000:.0f} ms")


if __name__ == "__main__":
    main()
