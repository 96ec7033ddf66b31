"""The reminder schedule, computed from the journal with a fixed clock (CLINICAL.md sections 1, 3, 4)."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.core import reminders as schedule_rules
from app.core.entities import TherapySession
from app.services.reminders import Reminders
from tests.conftest import T0

UTC = timezone.utc
SETTINGS = {"daily_checkin": "20:00", "move_reminder": "off", "waking_start": "08:00", "waking_end": "22:00"}


@pytest.fixture
def rem(mem, clock):
    """The reminder service in UTC, so clock times in the tests read as written."""
    return Reminders(mem._repo, clock, mem.settings, tz=UTC)


def _m(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _plan(items):
    return [(r["at"], r["kind"]) for r in items]


def test_ice_session_end_pain_checkin_and_ice_again(mem, clock, rem):
    mem.therapy.start("ice", barrier=True)
    assert _plan(rem.upcoming(limit=10)) == [
        (_m(10), "session_end"), (_m(10), "pain_checkin"), (_m(70), "ice_allowed"),
        (T0.replace(hour=20), "daily_checkin")]
    assert rem.upcoming(limit=10)[0]["message"] == "Time to take the ice off."
    assert "after the ice" in rem.upcoming(limit=10)[1]["message"]


def test_heat_may_stop_at_15_ends_at_20_and_heat_again_after_as_long(mem, clock, rem):
    mem.therapy.start("heat")
    assert _plan(rem.upcoming(limit=4)) == [
        (_m(15), "heat_may_stop"), (_m(20), "session_end"), (_m(20), "pain_checkin"), (_m(40), "heat_allowed")]
    assert "may stop" in rem.upcoming()[0]["message"]


@pytest.mark.parametrize("stop_after, expected", [
    (10, [(10, "pain_checkin"), (25, "heat_allowed")]),                        # no 15:00 note; 15 min off
    (17, [(15, "heat_may_stop"), (17, "pain_checkin"), (34, "heat_allowed")]),  # no alarm after a stop
])
def test_stopping_early_moves_the_check_in_and_drops_the_alarm(mem, clock, rem, stop_after, expected):
    mem.therapy.start("heat")
    clock.advance(minutes=stop_after)
    mem.therapy.stop()
    got = [r for r in rem.due(T0, _m(60)) if r["kind"] != "daily_checkin"]
    assert _plan(got) == [(_m(m), kind) for m, kind in expected]


def test_due_is_the_half_open_window_since_until(mem, clock, rem):
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=10)
    assert _plan(rem.due(_m(9), _m(10))) == [(_m(10), "session_end"), (_m(10), "pain_checkin")]
    assert rem.due(_m(10), _m(11)) == []          # already delivered in the window before
    assert rem.due(_m(10), _m(10)) == []
    assert _plan(rem.due(_m(69), _m(70))) == [(_m(70), "ice_allowed")]
    assert _plan(rem.due(_m(9))) == [(_m(10), "session_end"), (_m(10), "pain_checkin")]  # until: now


def test_retroactive_sessions_only_move_the_allowed_again_time(mem, clock, rem):
    mem.therapy.add_past("ice", _m(-30), _m(-20))
    assert _plan(rem.due(_m(-60), _m(60))) == [(_m(40), "ice_allowed")]


def test_no_allowed_again_reminder_while_another_session_runs(mem, clock, rem):
    mem.therapy.add_past("ice", _m(-65), _m(-58))  # ice allowed again at 09:02...
    mem.therapy.start("heat", minutes=15)           # ...but heat runs until 09:15
    kinds = [k for _, k in _plan(rem.due(_m(-70), _m(60)))]
    assert "ice_allowed" not in kinds
    assert _plan(rem.due(_m(0), _m(30)))[-1] == (_m(30), "heat_allowed")


@pytest.mark.parametrize("setting, at", [(None, (20, 0)), ("21:30", (21, 30)), ("07:05", (7, 5))])
def test_daily_check_in_at_the_time_in_settings(mem, rem, setting, at):
    if setting:
        mem.settings.set("daily_checkin", setting)
    daily = [r for r in rem.upcoming(limit=20) if r["kind"] == "daily_checkin"]
    expected = T0.replace(hour=at[0], minute=at[1])
    if expected <= T0:
        expected += timedelta(days=1)
    assert [r["at"] for r in daily] == [expected]


def test_daily_check_in_in_local_time():
    tz = timezone(timedelta(hours=-5))
    found = schedule_rules.schedule([], T0, T0 + timedelta(days=1), SETTINGS, tz)
    assert [r.at for r in found] == [datetime(2026, 3, 2, 20, 0, tzinfo=tz)]
    assert found[0].at.astimezone(UTC).hour == 1


def test_move_reminders_every_30_min_of_waking_hours_only_when_on(mem, rem):
    assert not [r for r in rem.due(T0, _m(24 * 60)) if r["kind"] == "move"]
    mem.settings.set("move_reminder", "on")
    moves = [r["at"] for r in rem.due(T0, _m(24 * 60)) if r["kind"] == "move"]
    # From 09:00 (exclusive) to 21:30 today, then 08:30 to 09:00 tomorrow.
    today = [T0.replace(hour=9, minute=30) + timedelta(minutes=30 * i) for i in range(25)]
    tomorrow = [T0.replace(hour=8, minute=30) + timedelta(days=1), T0 + timedelta(days=1)]
    assert moves == today + tomorrow
    assert all((m - T0).total_seconds() % 1800 == 0 for m in moves)


def test_upcoming_is_limited_and_in_time_order(mem, rem):
    mem.settings.set("move_reminder", "on")
    mem.therapy.start("heat")
    items = rem.upcoming(limit=5)
    assert len(items) == 5
    assert [r["at"] for r in items] == sorted(r["at"] for r in items)
    assert set(items[0]) == {"at", "kind", "message"}


def test_schedule_is_pure_and_orders_same_time_reminders():
    ice = TherapySession("ice", T0, T0 + timedelta(minutes=10))
    found = schedule_rules.schedule([ice], T0, T0 + timedelta(hours=2), SETTINGS, UTC)
    assert [r.kind for r in found] == ["session_end", "pain_checkin", "ice_allowed"]
    assert found == schedule_rules.schedule([ice], T0, T0 + timedelta(hours=2), SETTINGS, UTC)


def test_status_lists_the_next_reminders(mem, clock):
    mem.therapy.start("ice", barrier=True)
    status = mem.status()
    assert [r["kind"] for r in status["reminders"][:2]] == ["session_end", "pain_checkin"]
    assert len(status["reminders"]) <= 5


# -- the next moment a scheduler waits for (the app's and the login agent's): journal + clock only ----------
def test_next_due_is_the_first_reminder_after_now(mem, clock, rem):
    assert rem.next_due() == T0.replace(hour=20)  # only the daily check-in
    mem.therapy.start("ice", barrier=True)
    assert rem.next_due() == _m(10)  # the session's end
    clock.advance(minutes=10)
    assert rem.next_due() == _m(70)  # "ice allowed again": the end itself is not after now
    clock.advance(seconds=1)
    assert rem.next_due() == _m(70)


def test_next_due_after_a_cancelled_start_is_what_came_before(mem, clock, rem):
    mem.therapy.start("ice", barrier=True)
    clock.advance(seconds=5)
    mem.therapy.stop()
    assert rem.next_due() == T0.replace(hour=20)


def test_next_due_is_pure():
    s = TherapySession("heat", T0, T0 + timedelta(minutes=20))
    assert schedule_rules.next_due([s], T0, SETTINGS, UTC) == _m(15)
    assert schedule_rules.next_due([s], _m(15), SETTINGS, UTC) == _m(20)
    assert schedule_rules.next_due([], T0, SETTINGS, UTC, horizon=timedelta(hours=1)) is None
