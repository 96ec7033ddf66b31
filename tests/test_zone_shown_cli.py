"""The command line shows and reads times in the zone its clock carries, not the process's: a Chatham or St John's
clock in a UTC process (and a St John's clock in a Chatham process) says and takes that zone's wall-clock times."""
from __future__ import annotations

import json
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from app.cli.main import main
from tests.conftest import T0, FakeClock, zone

# T0 is Monday 2 March 2026 09:00 UTC: 22:45 in Chatham (+13:45), 05:30 in St John's (-03:30, before its DST).
CASES = [  # (the process's zone, the clock's zone, T0 on the clock's wall, its offset)
    ("UTC", "Pacific/Chatham", "22:45", "+13:45"),
    ("UTC", "America/St_Johns", "05:30", "-03:30"),
    ("Pacific/Chatham", "America/St_Johns", "05:30", "-03:30"),
]


@pytest.fixture(params=CASES, ids=[f"{c[1]} clock in a {c[0]} process" for c in CASES])
def run(request, journal_path, capsys):
    """run(*argv) -> (exit code, stdout, stderr) of one command with the case's clock, in the case's process zone."""
    process, person, wall, offset = request.param
    clock = FakeClock(T0, ZoneInfo(person))

    def run(*argv):
        code = main([*argv, "--db", str(journal_path)], clock=clock)
        out = capsys.readouterr()
        return code, out.out.strip(), out.err.strip()

    run.clock, run.wall, run.offset = clock, wall, offset
    with zone(process):
        yield run


def test_log_says_the_time_on_the_clocks_wall(run):
    assert run("log", "pain", "5") == (0, f"Pain 5/10 logged at {run.wall}.", "")
    code, out, _ = run("log", "episode-start", "--json")
    assert json.loads(out)["started"] == f"2026-03-02T{run.wall}:00{run.offset}"


def test_at_without_an_offset_is_a_wall_clock_time_in_the_clocks_zone(run):
    code, out, _ = run("log", "pain", "4", "--at", "2026-03-02T04:30", "--json")
    assert (code, json.loads(out)["at"]) == (0, f"2026-03-02T04:30:00{run.offset}")
    assert run("log", "pain", "3", "--at", "2026-03-02T04:30")[1] == "Pain 3/10 logged at 04:30."


def test_at_in_the_future_is_refused_naming_now_on_the_clocks_wall(run):
    code, out, err = run("log", "pain", "4", "--at", "2026-03-02T23:59")
    assert code == 2 and out == ""
    assert err.startswith("--at: 2026-03-02T23:59:00") and f"ahead of now ({run.wall})." in err, err


def test_status_says_the_time_on_the_clocks_wall(run):
    run("therapy", "start", "ice", "--barrier")
    code, out, _ = run("status")
    ends = (T0 + timedelta(minutes=10)).astimezone(run.clock.zone).strftime("%H:%M")
    assert out.splitlines()[0] == f"Status at {run.wall}"
    assert f"Ice running, ends at {ends} (10 min left)." in out
    code, out, _ = run("status", "--json")
    assert json.loads(out)["session"]["ends"] == f"2026-03-02T{ends}:00{run.offset}"


def test_therapy_stop_and_add_use_the_clocks_wall(run):
    run("therapy", "start", "ice", "--barrier", "--at", "2026-03-02T04:00")
    code, out, _ = run("therapy", "stop", "--at", "2026-03-02T04:08")
    assert code == 0 and out.startswith("Ice stopped at 04:08 after 8 min. Ice again from 05:08."), out
    code, out, _ = run("therapy", "add", "heat", "--start", "2026-03-01T20:00", "--end", "2026-03-01T20:15")
    assert (code, out) == (0, "Past heat session saved: 20:00 to 20:15.")


def test_reminders_list_and_backup_list_say_the_clocks_times(run):
    run("log", "pain", "2")
    code, out, _ = run("reminders", "list", "--json")
    checkin = next(r for r in json.loads(out)["reminders"] if r["kind"] == "daily_checkin")
    assert checkin["at"].endswith(f"T20:00:00{run.offset}")
    assert any(line.startswith("20:00 ") for line in run("reminders", "list")[1].splitlines())
    run("backup")
    code, out, _ = run("backup", "--list", "--json")
    assert [b["taken"][-6:] for b in json.loads(out)["backups"]] == [run.offset]


def test_export_allows_up_to_tomorrow_on_the_clocks_calendar(run, tmp_path):
    run("log", "pain", "2")
    # 2026-03-04 is the day after tomorrow everywhere at T0, tomorrow only where it is already 3 March.
    run.clock.at = T0 + timedelta(hours=2)  # 00:45 on 3 March in Chatham; 2 March in UTC and St John's
    code, _, err = run("export", "--out", str(tmp_path / "out"), "--to", "2026-03-04", "--format", "csv")
    assert code == (0 if run.offset == "+13:45" else 2), err


def test_a_date_of_birth_may_be_today_on_the_clocks_calendar(run):
    run.clock.at = T0 + timedelta(hours=2)  # 3 March in Chatham; still 2 March in UTC and St John's
    code, _, err = run("profile", "--born", "2026-03-03")
    assert code == (0 if run.offset == "+13:45" else 2), err
