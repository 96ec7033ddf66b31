"""The reminder agent (`reminders watch`), fixed clock: tells each reminder once, defers to an open app, wakes on change."""
from __future__ import annotations

import threading
from datetime import timedelta, timezone

import pytest

from app.services import open_spasmlog
from app.services.agent import APP_GRACE, JournalSchedule, ReminderAgent
from app.services.delivery import DISCREET_TITLE, claim, group
from tests.test_reminder_delivery import FakeNotifier


@pytest.fixture
def journal(journal_path, clock):
    svc = open_spasmlog(journal_path, clock)
    svc.reminders.tz = timezone.utc  # the daily check-in at 20:00 UTC, far from the 09:00 start
    yield svc
    svc.close()


def _agent(svc, app_open=False):
    svc.reminders.tz = timezone.utc
    return ReminderAgent(svc, FakeNotifier(), app_is_open=lambda: app_open)


def test_the_agent_tells_the_end_of_ice_once_when_it_falls_due(journal, clock):
    agent = _agent(journal)
    journal.therapy.start("ice", barrier=True)
    agent.tick()
    assert agent.notifier.sent == []
    assert 0 < agent.sleep_seconds() <= agent.poll_seconds
    clock.advance(minutes=10)
    agent.tick()
    clock.advance(seconds=5)
    agent.tick()
    [(title, message)] = agent.notifier.sent
    assert title == "Ice done" and "ice" in message.lower()
    assert set(journal._repo.reminders_told(clock() - timedelta(hours=1), clock()).values()) == {"agent"}


def test_it_sleeps_no_longer_than_until_the_next_reminder(journal, clock):
    agent = _agent(journal)
    journal.therapy.start("ice", barrier=True)
    clock.advance(minutes=10, seconds=-1)
    agent.tick()
    assert agent.sleep_seconds() == pytest.approx(1.0)


@pytest.mark.parametrize("app_told_it, agent_tells", [(True, []), (False, ["Ice done"])])
def test_with_the_app_open_it_leaves_a_fresh_reminder_to_the_app_and_steps_in_only_if_untold(
        journal, clock, app_told_it, agent_tells):
    agent = _agent(journal, app_open=True)
    journal.therapy.start("ice", barrier=True)
    clock.advance(minutes=10)
    agent.tick()
    assert agent.notifier.sent == []
    if app_told_it:
        for d in group(journal.reminders.due(clock() - timedelta(minutes=1), clock()), clock()):
            claim(journal, d, "app")
    clock.advance(seconds=APP_GRACE.total_seconds() + 1)
    agent.tick()
    assert [t for t, _ in agent.notifier.sent] == agent_tells


def test_a_write_by_another_process_wakes_it(journal_path, journal, clock):
    schedule = JournalSchedule(journal)
    assert schedule.changed() is True  # the first look
    assert schedule.changed() is False
    other = open_spasmlog(journal_path, clock)
    other.entries.log_pain(5)
    other.close()
    assert schedule.changed() is True


def test_an_ice_start_in_another_process_is_told_without_waiting_for_a_timer(journal_path, journal, clock):
    agent = _agent(journal)
    agent.tick()
    assert agent.next_due is not None  # at least tonight's daily check-in
    other = open_spasmlog(journal_path, clock)
    other.therapy.start("ice", barrier=True)
    other.close()
    agent.tick()  # the change is seen: the next reminder is now the end of the ice
    assert agent.next_due == clock() + timedelta(minutes=10)


def test_turning_it_off_in_the_app_ends_the_watch(journal_path, journal, clock):
    agent = _agent(journal)
    agent.tick()
    other = open_spasmlog(journal_path, clock)
    other.settings.set("remind_when_closed", "off")
    other.close()
    assert agent.run(threading.Event()) == "off"


def test_run_returns_when_stopped(journal):
    stop = threading.Event()
    stop.set()
    assert _agent(journal).run(stop) == "stopped"


def test_after_the_machine_slept_it_sends_one_summary_not_a_burst(journal, clock):
    agent = _agent(journal)
    journal.therapy.start("heat", barrier=True)
    agent.tick()
    clock.advance(minutes=50)  # asleep through heat's 15 min, its end, the pain check-in
    agent.tick()
    [(title, message)] = agent.notifier.sent
    assert title.endswith("reminders") and "heat" in message.lower()


def test_missed_within_the_last_hour_before_it_started_are_caught_up_older_ones_are_not(journal_path, clock):
    svc = open_spasmlog(journal_path, clock)
    svc.therapy.start("ice", barrier=True)
    clock.advance(minutes=30)  # ice ended 20 min ago, nobody told it
    agent = _agent(svc)
    agent.tick()
    assert [t for t, _ in agent.notifier.sent] == ["Ice done"]
    svc.close()


def test_discreet_notifications_carry_no_health_words(journal, clock):
    journal.settings.set("discreet_notifications", "on")
    agent = _agent(journal)
    journal.therapy.start("ice", barrier=True)
    agent.tick()
    clock.advance(minutes=10)
    agent.tick()
    [(title, message)] = agent.notifier.sent
    assert title == DISCREET_TITLE and "ice" not in message.lower()


def test_a_clock_going_back_tells_nothing_twice(journal, clock):
    agent = _agent(journal)
    journal.therapy.start("ice", barrier=True)
    clock.advance(minutes=11)
    agent.tick()
    clock.advance(minutes=-5)
    agent.tick()
    clock.advance(minutes=6)
    agent.tick()
    assert len(agent.notifier.sent) == 1
