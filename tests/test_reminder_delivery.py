"""Reminder delivery while the app runs (app/ui/reminders.py), with a fixed clock, a fake notifier and sound."""
from __future__ import annotations

import threading
from datetime import timedelta, timezone

import pytest

from app.core.timeutil import hhmm
from app.services.delivery import group
from app.ui.reminders import ReminderDelivery
from tests.conftest import T0


class FakeSound:
    def __init__(self, fail: bool = False):
        self.plays, self.fail = 0, fail

    def play(self):
        self.plays += 1
        if self.fail:
            raise RuntimeError("no audio")
        return True


class FakeNotifier:
    def __init__(self, fail: bool = False, gate: threading.Event | None = None):
        self.sent, self.fail, self.gate = [], fail, gate

    def notify(self, title, message):
        if self.gate is not None:
            self.gate.wait(10)  # a slow desktop: blocks until the test lets it go
        if self.fail:
            raise OSError("bus gone")
        self.sent.append((title, message))
        return True

    def status(self):
        return True, "fake"


@pytest.fixture
def delivery(mem):
    mem.reminders.tz = timezone.utc  # the daily check-in at 20:00 reads as written
    shown = []
    d = ReminderDelivery(mem, FakeNotifier(), FakeSound(), shown.append, threaded=False)
    d.shown = shown
    d.last_checked = mem.now()
    return d


def test_ice_end_is_one_popup_with_chime_and_notification(mem, clock, delivery):
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=5)
    assert delivery.check_now() == []
    clock.advance(minutes=5, seconds=30)
    [d] = delivery.check_now()
    assert d.kinds == ["session_end", "pain_checkin"] and d.popup and d.loud
    assert d.title == "Ice done"
    assert d.message.startswith("Time to take the ice off.") and "after the ice" in d.message
    assert delivery.shown == [d]
    assert delivery.sound.plays == 1
    assert delivery.notifier.sent == [(d.title, d.message)]
    # Nothing is told twice.
    clock.advance(seconds=20)
    assert delivery.check_now() == []
    assert delivery.sound.plays == 1 and len(delivery.notifier.sent) == 1


def test_the_scheduler_is_where_a_finished_session_is_closed(mem, clock, delivery):
    s = mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=10, seconds=30)
    mem.therapy.current(), mem.therapy.overview()  # the screens' reads close nothing
    assert mem._repo.get("therapy", s.id).ended is None
    delivery.check_now()
    closed = mem._repo.get("therapy", s.id)
    assert (closed.ended, closed.end_reason) == (s.planned_end, "completed")


def test_sounds_off_keeps_the_popup_and_notification(mem, clock, delivery):
    mem.settings.set("sounds", "off")
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=11)
    [d] = delivery.check_now()
    assert d.popup and delivery.sound.plays == 0 and len(delivery.notifier.sent) == 1


def test_heat_may_stop_chimes_as_a_snackbar_then_end_is_a_popup(mem, clock, delivery):
    mem.therapy.start("heat", minutes=20)
    clock.advance(minutes=15)
    [d] = delivery.check_now()
    assert d.kinds == ["heat_may_stop"] and d.loud and not d.popup
    assert "you may stop now" in d.message
    clock.advance(minutes=5)
    [d] = delivery.check_now()
    assert d.kinds == ["session_end", "pain_checkin"] and d.popup
    assert delivery.sound.plays == 2


def test_gentle_reminders_are_quiet_snackbars(mem, clock, delivery):
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=11)
    delivery.check_now()  # the session's end
    found = []
    for _ in range(11 * 60):  # checked every minute, as the app does, until after the 20:00 check-in
        clock.advance(minutes=1)
        found += delivery.check_now()
    assert [d.kinds for d in found] == [["ice_allowed"], ["daily_checkin"]]
    assert not any(d.loud or d.popup for d in found)
    assert delivery.sound.plays == 1  # only the end chimed
    assert len(delivery.notifier.sent) == 3


def test_a_stopped_session_asks_for_pain_without_an_alarm(mem, clock, delivery):
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=4)
    mem.therapy.stop()
    [d] = delivery.check_now()
    assert d.kinds == ["pain_checkin"] and not d.loud and not d.popup


def test_after_a_long_sleep_old_reminders_are_dropped(mem, clock, delivery):
    mem.therapy.start("ice", barrier=True)
    clock.advance(hours=3)  # the machine slept through the end and "ice allowed again"
    assert delivery.check_now() == []
    assert delivery.sound.plays == 0


def test_clock_going_back_delivers_nothing_and_does_not_crash(mem, clock, delivery):
    clock.advance(minutes=-30)
    assert delivery.check_now() == []
    assert delivery.last_checked == clock()


def test_failing_sound_notifier_or_screen_never_stop_delivery(mem, clock):
    def broken_present(d):
        raise RuntimeError("widget gone")
    delivery = ReminderDelivery(mem, FakeNotifier(fail=True), FakeSound(fail=True), broken_present, threaded=False)
    delivery.last_checked = mem.now()
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=10)
    [d] = delivery.check_now()
    assert delivery.sound.plays == 1
    assert d.popup


def test_a_broken_journal_is_logged_not_raised(mem, clock, delivery):
    mem.close()
    clock.advance(minutes=1)
    assert delivery.check_now() == []


def test_a_slow_notifier_does_not_block(mem, clock):
    gate = threading.Event()
    shown = []
    delivery = ReminderDelivery(mem, FakeNotifier(gate=gate), FakeSound(), shown.append, threaded=True)
    delivery.last_checked = mem.now()
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=10)
    [d] = delivery.check_now()  # returns while the notifier is still blocked
    assert shown == [d]
    assert delivery.notifier.sent == []
    assert all(t.daemon for t in delivery.threads)
    gate.set()
    delivery.wait()
    assert delivery.notifier.sent == [(d.title, d.message)]


def test_sessions_closed_while_away_are_told_once(journal_path, clock):
    from app.services import open_spasmlog
    first = open_spasmlog(journal_path, clock)
    first.therapy.start("ice", barrier=True)
    first.close()
    clock.advance(minutes=30)
    svc = open_spasmlog(journal_path, clock)
    try:
        shown = []
        delivery = ReminderDelivery(svc, FakeNotifier(), FakeSound(), shown.append, threaded=False)
        d = delivery.announce_closed_while_away()
        ended = hhmm(T0 + timedelta(minutes=10))
        assert d.message == f"Your ice session ended at {ended} while SpasmLog was closed. Take the ice off if it is still on."
        assert shown == [d] and delivery.sound.plays == 0
        assert delivery.announce_closed_while_away() is None  # once
        assert shown == [d]
    finally:
        svc.close()


def test_group_keeps_the_newest_of_a_kind_and_joins_what_is_due_together():
    def r(minutes, kind, text):
        return {"at": T0 + timedelta(minutes=minutes), "kind": kind, "message": text}
    now = T0 + timedelta(minutes=45)
    out = group([r(0, "move", "a"), r(10, "session_end", "b"), r(10, "pain_checkin", "c"), r(30, "move", "d"),
                 r(-30, "daily_checkin", "old")], now)
    assert [(g.kinds, g.message) for g in out] == [(["session_end", "pain_checkin"], "b c"), (["move"], "d")]
