"""The reminder agent on an encrypted journal: due times and claims beside it, never the journal; each told once."""
from __future__ import annotations

import sqlite3
import stat
import threading
from datetime import timedelta, timezone

import pytest

from app.adapters.desktop import LoginEntry
from app.services import open_spasmlog
from app.services.agent import APP_GRACE, JournalSchedule, ReminderAgent, open_source, set_remind_when_closed
from app.services.agent_schedule import LockedJournal, ScheduleFile, schedule_path, write_schedule
from app.services.delivery import DISCREET_MESSAGE, DISCREET_TITLE
from app.services.privacy import decrypt, encrypt
from app.store.told import told_path
from app.ui.reminders import ReminderDelivery
from tests.conftest import T0
from tests.test_delivery_once import race_for_one_reminder
from tests.test_reminder_delivery import FakeNotifier, FakeSound

PASS = "correct horse battery"


def _never_open():
    raise AssertionError("the agent opened the encrypted journal")


@pytest.fixture
def app_svc(journal_path, clock):
    """The unlocked app's services on an encrypted journal (daily check-in at 20:00 UTC, far from 09:00)."""
    open_spasmlog(journal_path, clock).close()
    encrypt(journal_path, PASS)
    svc = open_spasmlog(journal_path, clock, PASS)
    svc.reminders.tz = timezone.utc
    yield svc
    svc.close()


def _agent(journal_path, clock, app_open=False) -> ReminderAgent:
    svc, schedule = open_source(journal_path, clock, _never_open)
    assert isinstance(svc, LockedJournal) and isinstance(schedule, ScheduleFile)
    return ReminderAgent(svc, FakeNotifier(), app_is_open=lambda: app_open, schedule=schedule)


def _app(svc, since):
    shown = []
    d = ReminderDelivery(svc, FakeNotifier(), FakeSound(), shown.append, threaded=False)
    d.shown, d.last_checked = shown, since
    return d


def _ice_ending_in_ten_minutes(svc):
    svc.therapy.start("ice", barrier=True)
    write_schedule(svc)  # as the app does after every write (App.journal_changed)


def test_the_agent_tells_a_due_reminder_of_an_encrypted_journal_once_and_discreetly(journal_path, app_svc, clock):
    _ice_ending_in_ten_minutes(app_svc)
    start = clock()
    agent = _agent(journal_path, clock)
    agent.tick()
    assert agent.notifier.sent == []
    assert agent.next_due == start + timedelta(minutes=10)
    clock.advance(minutes=10)
    agent.tick()
    clock.advance(seconds=30)
    agent.tick()
    assert agent.notifier.sent == [(DISCREET_TITLE, DISCREET_MESSAGE)]  # no "Ice done": the file knows no more
    app = _app(app_svc, start)
    assert app.check_now() == [] and app.shown == []  # the app, unlocked afterwards, does not repeat it
    agent.svc.close()


def test_what_the_app_told_the_agent_does_not_repeat_even_after_its_grace(journal_path, app_svc, clock):
    _ice_ending_in_ten_minutes(app_svc)
    app, agent = _app(app_svc, clock()), _agent(journal_path, clock, app_open=True)
    agent.tick()
    clock.advance(minutes=10)
    agent.tick()
    assert [d.kinds for d in app.check_now()] == [["session_end", "pain_checkin"]]
    clock.advance(seconds=APP_GRACE.total_seconds() + 1)
    agent.tick()
    assert agent.notifier.sent == []
    agent.svc.close()


def test_the_claims_live_beside_the_encrypted_journal_owner_only_and_hold_only_kinds_and_times(
        journal_path, app_svc, clock):
    _ice_ending_in_ten_minutes(app_svc)
    clock.advance(minutes=10)
    _app(app_svc, clock() - timedelta(minutes=10)).check_now()
    for path in (told_path(journal_path), schedule_path(journal_path)):
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(told_path(journal_path)) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        rows = conn.execute("SELECT kind, by FROM reminder_deliveries ORDER BY kind").fetchall()
    assert tables == {"reminder_deliveries"}
    assert rows == [("pain_checkin", "app"), ("session_end", "app")]
    assert app_svc._repo.reminders_told(T0, clock()) == {}  # nothing claimed in the journal itself


def test_four_agents_racing_on_the_claims_file_win_a_reminder_once(journal_path, app_svc, clock):
    wins = race_for_one_reminder([LockedJournal(journal_path, clock) for _ in range(4)])
    assert sum(w is not None for w in wins) == 1 and len(wins) == 4


def test_turning_reminders_off_in_the_app_ends_the_agent_of_an_encrypted_journal(
        journal_path, app_svc, clock, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    set_remind_when_closed(app_svc, True, LoginEntry())
    agent = _agent(journal_path, clock)
    agent.tick()
    set_remind_when_closed(app_svc, False, LoginEntry())
    assert agent.run(threading.Event()) == "off"
    agent.svc.close()


def test_an_agent_on_a_plain_journal_that_gets_encrypted_goes_on_from_the_schedule_file(journal_path, clock):
    svc = open_spasmlog(journal_path, clock)
    agent = ReminderAgent(svc, FakeNotifier(), schedule=JournalSchedule(svc))
    agent.tick()
    encrypt(journal_path, PASS, clock)  # `python -m app encrypt` while the agent runs
    assert agent.run(threading.Event()) == "replaced"
    svc.close()
    locked, schedule = open_source(journal_path, clock, _never_open)
    assert isinstance(schedule, ScheduleFile) and schedule.turned_off() is False
    assert schedule.due(clock(), clock() + timedelta(days=1))  # encrypt left tonight's check-in for it
    locked.close()


def test_decrypting_removes_the_due_times_and_claims_beside_the_journal(journal_path, app_svc, clock):
    _ice_ending_in_ten_minutes(app_svc)
    clock.advance(minutes=10)
    _app(app_svc, clock() - timedelta(minutes=10)).check_now()
    app_svc.close()
    decrypt(journal_path, PASS)
    assert not schedule_path(journal_path).exists() and not told_path(journal_path).exists()
    svc, schedule = open_source(journal_path, clock, lambda: open_spasmlog(journal_path, clock))
    assert isinstance(schedule, JournalSchedule)
    svc.close()


def test_encrypt_run_again_after_it_stopped_writes_the_agents_schedule(journal_path, clock):
    """`encrypt` killed (or on a full disk) after the journal was converted but before the agent's due times were
    written: running it again, as its message says, writes them, so reminders arrive with the app closed."""
    svc = open_spasmlog(journal_path, clock)
    svc.close()
    encrypt(journal_path, PASS, clock)
    schedule_path(journal_path).unlink()  # as a run stopped between the two steps leaves it
    encrypt(journal_path, PASS, clock)
    assert schedule_path(journal_path).exists()
