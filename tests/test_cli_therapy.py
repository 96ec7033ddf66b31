"""`therapy start|stop|add` and the therapy fields of `status`, run as a person would (exit codes of DESIGN.md)."""
from __future__ import annotations

import pytest

from tests.conftest import row_counts

UTC = {"TZ": "UTC"}  # messages show local clock times; fix them for the assertions
T = "2026-03-02T{}+00:00"


def at(hhmm: str) -> str:
    return T.format(hhmm)


@pytest.fixture
def run(cli, journal_path):
    def _run(*args):
        return cli(*args, db=journal_path, env=UTC)
    return _run


def test_start_ice_and_heat_stop_and_add(run, journal_path):
    r = run("therapy", "start", "ice", "--barrier", "--at", at("09:00"), "--json")
    assert r.code == 0, r.err
    data = r.json()
    assert (data["kind"], data["started"], data["ends"], data["minutes"], data["remaining_s"]) == \
        ("ice", at("09:00:00"), at("09:10:00"), 10, 600)

    r = run("therapy", "stop", "--at", at("09:06"))
    assert r.code == 0, r.err
    assert "stopped at 09:06 after 6 min" in r.out and "Ice again from 10:06" in r.out

    r = run("therapy", "start", "heat", "--minutes", "15", "--at", at("09:06"))
    assert r.code == 0, r.err
    assert "Heat started at 09:06 for 15 min; it ends at 09:21." in r.out

    r = run("therapy", "add", "ice", "--start", at("07:00"), "--end", at("07:25"), "--barrier", "--json")
    assert r.code == 0, r.err
    assert r.json()["rule_breaks"] == ["ice_too_long"] and r.json()["retroactive"] is True
    assert row_counts(journal_path)["therapy_sessions"] == 3

    r = run("therapy", "add", "heat", "--start", at("06:00"), "--end", at("06:15"))
    assert r.code == 0 and "Past heat session saved: 06:00 to 06:15." in r.out


@pytest.mark.parametrize("args, field", [
    (("start", "steam", "--barrier"), "kind"),
    (("start", "ice", "--barrier", "--minutes", "11"), "minutes"),
    (("start", "ice", "--barrier", "--minutes", "0"), "minutes"),
    (("start", "heat", "--minutes", "14"), "minutes"),
    (("start", "heat", "--minutes", "21"), "minutes"),
    (("start", "heat", "--minutes", "abc"), "minutes"),
    (("stop",), "nothing to stop"),
    (("add", "ice", "--start", at("08:00"), "--end", at("07:50")), "end"),
    (("add", "ice", "--start", "yesterday", "--end", at("07:50")), "--start"),
    (("add", "lava", "--start", at("07:00"), "--end", at("07:05")), "kind"),
    (("add", "ice", "--start", at("07:00")), "--end"),
])
def test_bad_input_exits_2_and_writes_nothing(run, journal_path, args, field):
    assert run("profile", "--at", at("06:00")).code == 0  # creates the journal
    before = row_counts(journal_path)
    r = run("therapy", *args, "--at", at("09:00"))
    assert r.code == 2, (r.out, r.err)
    assert field in r.err and "Traceback" not in r.err
    assert row_counts(journal_path) == before


def test_refused_starts_exit_3_with_rule_time_and_minutes_and_write_nothing(run, journal_path):
    assert run("therapy", "start", "ice", "--barrier", "--at", at("10:00")).code == 0
    before = row_counts(journal_path)

    r = run("therapy", "start", "heat", "--at", at("10:04"))       # one at a time
    assert r.code == 3
    assert "Ice is on until 10:10" in r.err and "Heat from 10:10, in 6 min" in r.err

    r = run("therapy", "start", "ice", "--barrier", "--at", at("10:28"))  # the hour off after ice
    assert r.code == 3
    assert r.err.strip().startswith("Ice again from 11:10, in 42 min.")

    r = run("therapy", "start", "ice", "--barrier", "--at", at("11:09"))
    assert r.code == 3 and "in 1 min" in r.err

    r = run("therapy", "start", "ice", "--at", at("11:10"))        # no barrier
    assert r.code == 3 and "cloth" in r.err
    assert row_counts(journal_path)["therapy_sessions"] == before["therapy_sessions"]

    assert run("therapy", "start", "ice", "--barrier", "--at", at("11:10")).code == 0


def test_a_session_closed_while_away_is_told(run):
    run("therapy", "start", "heat", "--at", at("09:00"))
    r = run("status", "--at", at("12:00"))
    assert r.code == 0
    assert "Your heat session ended at 09:20 while SpasmLog was closed." in r.out
    r = run("status", "--at", at("12:01"))
    assert "while SpasmLog was closed" not in r.out  # told once


def test_status_json_has_the_therapy_fields_of_the_design(run):
    run("therapy", "start", "heat", "--minutes", "18", "--at", at("09:00"))
    r = run("status", "--json", "--at", at("09:05"))
    assert r.code == 0, r.err
    s = r.json()
    assert list(s) == ["at", "episode", "session", "ice", "heat", "flags", "reminders"]
    assert s["session"] == {"kind": "heat", "started": at("09:00:00"), "ends": at("09:18:00"), "remaining_s": 13 * 60}
    assert set(s["ice"]) == set(s["heat"]) == {"allowed", "next_allowed", "reason"}
    assert s["ice"]["allowed"] is False and s["ice"]["next_allowed"] == at("09:18:00")
    assert s["heat"] == {"allowed": False, "next_allowed": at("09:36:00"),
                         "reason": "Heat is on until 09:18; one session at a time. Heat from 09:36, in 31 min."}
    assert [r["kind"] for r in s["reminders"]] == ["heat_may_stop", "session_end", "pain_checkin", "heat_allowed",
                                                   "daily_checkin"]
    assert all(set(r) == {"at", "kind", "message"} for r in s["reminders"])
    assert s["reminders"][0]["at"] == at("09:15:00")

    s = run("status", "--json", "--at", at("09:40")).json()
    assert s["session"] is None
    assert s["ice"] == s["heat"] == {"allowed": True, "next_allowed": None, "reason": None}


def test_status_text_shows_the_running_session(run):
    run("therapy", "start", "ice", "--barrier", "--at", at("09:00"))
    r = run("status", "--at", at("09:03"))
    assert "Ice running, ends at 09:10 (7 min left)." in r.out
    assert "Next: 09:10 Time to take the ice off." in r.out


def test_status_says_tomorrow_for_a_reminder_on_the_next_day(run):
    assert run("log", "pain", "3", "--at", at("08:00")).code == 0
    r = run("status", "--at", at("20:30"))
    assert "Next: tomorrow 20:00 Daily check-in" in r.out, r.out
    r = run("status", "--at", at("19:30"))
    assert "Next: 20:00 Daily check-in" in r.out, r.out
