"""The person's zone comes with the clock: day boundaries and times of day follow the clock's zone, whatever zone
the process runs in (a Chatham clock in a UTC process, and a UTC clock in a Chatham process)."""
from __future__ import annotations

from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest

from app.core.timeutil import hhmm_from
from app.services import open_spasmlog
from app.services.report import collect
from app.services.status import status_json
from tests.conftest import T0, FakeClock, zone

# T0 is Monday 2 March 2026 09:00 UTC, which is Monday 22:45 in Chatham (+13:45); 90 minutes later it is still
# Monday in UTC but already Tuesday 00:15 in Chatham.
LATER = T0 + timedelta(minutes=90)
PAIRS = [("UTC", "Pacific/Chatham"), ("Pacific/Chatham", "UTC")]  # (the process's zone, the clock's zone)


@pytest.fixture(params=PAIRS, ids=["Chatham clock in a UTC process", "UTC clock in a Chatham process"])
def setting(request, tmp_path):
    process, person = request.param
    with zone(process):
        clock = FakeClock(T0, ZoneInfo(person))
        svc = open_spasmlog(tmp_path / "journal" / "journal.db", clock)
        yield svc, clock, person == "Pacific/Chatham"
        svc.close()


def test_the_daily_backup_starts_a_new_day_at_the_clocks_midnight(setting):
    svc, clock, chatham = setting
    assert svc.backups.daily() is not None
    clock.at = LATER
    assert (svc.backups.daily() is not None) is chatham  # Tuesday already in Chatham, still Monday in UTC


def test_todays_symptom_check_is_due_again_after_the_clocks_midnight(setting):
    svc, clock, chatham = setting
    svc.entries.start_episode(at=T0 - timedelta(hours=1))
    svc.entries.log_symptoms("none")
    assert not svc.flags.symptom_check_due()
    clock.at = LATER
    assert svc.flags.symptom_check_due() is chatham


def test_pain_scores_fall_on_the_clocks_days(setting):
    svc, clock, chatham = setting
    svc.entries.log_pain(6)
    clock.at = LATER
    svc.entries.log_pain(4)
    days = [(row["day"], row["n"]) for row in collect(svc, T0.date() - timedelta(days=1), T0.date() + timedelta(days=1))
            .pain_daily]
    assert days == ([("2026-03-02", 1), ("2026-03-03", 1)] if chatham else [("2026-03-02", 2)])


def test_the_daily_check_in_is_tomorrow_in_chatham_and_today_in_utc(setting):
    svc, clock, chatham = setting
    status = svc.status()
    checkin = next(r for r in status["reminders"] if r["kind"] == "daily_checkin")
    assert hhmm_from(checkin["at"], status["at"], svc.zone) == ("tomorrow 20:00" if chatham else "20:00")
    out = status_json(status)
    assert out["at"] == ("2026-03-02T22:45:00+13:45" if chatham else "2026-03-02T09:00:00+00:00")
    assert next(r["at"] for r in out["reminders"] if r["kind"] == "daily_checkin") == (
        "2026-03-03T20:00:00+13:45" if chatham else "2026-03-02T20:00:00+00:00")


def test_a_refusal_names_the_time_on_the_clocks_wall(setting):
    svc, clock, chatham = setting
    svc.therapy.start("ice", barrier=True)
    clock.at = T0 + timedelta(minutes=10)  # it ended on its own
    reason = svc.therapy.availability("ice").reason
    assert reason.startswith("Ice again from 23:55" if chatham else "Ice again from 10:10"), reason
