"""The reminder agent (`reminders watch`) while idle on a 10-year journal: CPU seconds it uses per minute."""
import os
import subprocess
import sys
import time

from common import ENV, ROOT, demo_journal, fresh_copy, report

IDLE_SECONDS = float(os.environ.get("SPASMLOG_BENCH_IDLE", "60"))
TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (/proc/PID/stat fields 14 and 15)."""
    with open(f"/proc/{pid}/stat") as fh:
        fields = fh.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def in_process_look_cost(path, n: int = 2000) -> float:
    """Seconds of one idle look (PRAGMA data_version, nothing changed, nothing due), measured in-process."""
    from app.services import open_spasmlog
    from app.services.agent import ReminderAgent
    svc = open_spasmlog(path)
    agent = ReminderAgent(svc, notifier=None)
    agent.tick()  # the first look reads what is due; later ones only ask whether the journal changed
    start = time.process_time()
    for _ in range(n):
        agent.schedule.changed()
    cost = (time.process_time() - start) / n
    svc.close()
    return cost


def main() -> None:
    journal = fresh_copy(demo_journal(3650), "agent_3650.db")
    env = {k: v for k, v in ENV.items() if k != "DBUS_SESSION_BUS_ADDRESS"}  # nothing is due while it idles anyway
    proc = subprocess.Popen([sys.executable, "-m", "app", "reminders", "watch", "--db", str(journal)], cwd=ROOT,
                            env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        proc.stdout.readline()  # "Watching …": started
        time.sleep(3)  # the first look (catch-up of the last hour) is start-up, not idle
        before, t0 = cpu_seconds(proc.pid), time.monotonic()
        time.sleep(IDLE_SECONDS)
        used, wall = cpu_seconds(proc.pid) - before, time.monotonic() - t0
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    per_minute = used / wall * 60
    tick = 1 / TICKS  # the kernel counts CPU time in these steps: below one, say so rather than print 0
    measured = f"{used:.2f} s" if used >= tick else f"under {tick:.2f} s"
    report("agent idle CPU, 10-year journal (s per min)", per_minute, "<= 0.06 (0.1 %)", per_minute <= 0.06,
           f"{measured} CPU in {wall:.0f} s idle; exit {proc.returncode}")
    look = in_process_look_cost(journal)
    report("agent: one look for changes (microseconds)", look * 1e6, "<= 1000", look <= 0.001,
           "PRAGMA data_version, every 2 s")


if __name__ == "__main__":
    main()
