"""The Trends screen's numbers: average pain, days with spasms and sessions this week, over a chosen period."""
from datetime import timedelta

import pytest

from app.core.errors import JournalError
from app.services.trends import journal_version, trend_numbers
from tests.conftest import local_noon


def test_empty_journal_has_no_average_and_zero_counts(mem):
    n = trend_numbers(mem, 7)
    assert n["avg_pain"] is None and n["scores"] == 0
    assert (n["spasm_days"], n["episodes"], n["sessions_week"]) == (0, 0, 0)


def test_average_pain_counts_only_scores_inside_the_period(mem, clock):
    now = clock()
    mem.entries.log_pain(2, at=now - timedelta(days=3))
    mem.entries.log_pain(6, at=now - timedelta(hours=1))
    mem.entries.log_pain(9, at=now - timedelta(days=20))  # outside the last 7 days
    assert trend_numbers(mem, 7)["avg_pain"] == pytest.approx(4.0)
    assert trend_numbers(mem, 30)["avg_pain"] == pytest.approx(17 / 3)
    mem.entries.delete("pain", mem.entries.latest_pain().id)
    assert trend_numbers(mem, 7)["avg_pain"] == pytest.approx(2.0)


def test_spasm_days_count_each_day_an_episode_was_going_on(mem, clock):
    now = clock()
    # two days ago to yesterday (2 days), then one open since this morning (today): 3 days
    mem.entries.start_episode(at=now - timedelta(days=2, hours=1))
    mem.entries.end_episode(at=now - timedelta(days=1, hours=1))
    mem.entries.start_episode(at=now - timedelta(hours=1))
    n = trend_numbers(mem, 7)
    assert (n["spasm_days"], n["episodes"]) == (3, 2)


def test_a_long_episode_counts_only_its_days_inside_the_period(mem, clock):
    now = clock.at = local_noon(clock())  # whole local days either side, in any zone
    mem.entries.start_episode(at=now - timedelta(days=40))
    mem.entries.end_episode(at=now - timedelta(days=2))
    assert trend_numbers(mem, 7)["spasm_days"] == 5  # 6 days ago .. 2 days ago
    assert trend_numbers(mem, 90)["spasm_days"] == 39  # 40 days ago .. 2 days ago


def test_sessions_this_week_are_from_monday_whatever_the_period(mem, clock):
    clock.advance(days=2)  # T0 is a Monday morning: now Wednesday
    now = clock()
    mem.therapy.add_past("ice", now - timedelta(hours=3), now - timedelta(hours=3) + timedelta(minutes=10))
    mem.therapy.add_past("heat", now - timedelta(days=1), now - timedelta(days=1) + timedelta(minutes=15))
    mem.therapy.add_past("heat", now - timedelta(days=5), now - timedelta(days=5) + timedelta(minutes=15))  # last week
    assert trend_numbers(mem, 7)["sessions_week"] == 2
    assert trend_numbers(mem, 90)["sessions_week"] == 2


def test_sessions_count_the_chosen_period(mem, clock):
    """The Trends number beside 'ice & heat in N days' counts the sessions of those N days, not the week's."""
    clock.advance(days=2)  # Wednesday
    now = clock()
    for kind, back in (("ice", timedelta(hours=3)), ("heat", timedelta(days=5)), ("ice", timedelta(days=20)),
                       ("heat", timedelta(days=60))):
        mem.therapy.add_past(kind, now - back, now - back + timedelta(minutes=10))
    assert [trend_numbers(mem, days)["sessions"] for days in (7, 30, 90)] == [2, 3, 4]


@pytest.mark.parametrize("days", [0, -1, 4000, "7", True, 7.5])
def test_a_period_outside_the_allowed_range_is_refused(mem, days):
    with pytest.raises(JournalError) as err:
        trend_numbers(mem, days)
    assert err.value.field == "days"


def test_journal_version_changes_with_every_write(svc):
    before = journal_version(svc)
    assert journal_version(svc) == before
    svc.entries.log_pain(3)
    after = journal_version(svc)
    assert after != before
    svc.settings.set("sounds", "off")
    assert journal_version(svc) != after
