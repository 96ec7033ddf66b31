"""Each reminder is told once, whoever tells it: a claim in the journal shared by the app and the login agent."""
from __future__ import annotations

import threading
from datetime import timedelta, timezone

from app.services import open_spasmlog
from app.services.delivery import DISCREET_MESSAGE, DISCREET_TITLE, Delivery, claim, group, summarise
from app.ui.reminders import ReminderDelivery
from tests.conftest import T0
from tests.test_reminder_delivery import FakeNotifier, FakeSound


def _app(svc):
    svc.reminders.tz = timezone.utc
    shown = []
    d = ReminderDelivery(svc, FakeNotifier(), FakeSound(), shown.append, threaded=False)
    d.shown, d.last_checked = shown, svc.now()
    return d


def test_a_reminder_claimed_once_cannot_be_claimed_again(mem):
    d = Delivery(T0, ["session_end", "pain_checkin"], ["Take the ice off.", "How is the pain?"])
    assert claim(mem, d, "agent") == d
    assert claim(mem, d, "app") is None
    assert mem._repo.reminders_told(T0 - timedelta(seconds=1), T0) == {("session_end", T0): "agent",
                                                                       ("pain_checkin", T0): "agent"}


def test_only_the_unclaimed_part_of_a_delivery_is_told(mem):
    claim(mem, Delivery(T0, ["pain_checkin"], ["How is the pain?"]), "agent")
    mine = claim(mem, Delivery(T0, ["session_end", "pain_checkin"], ["Take the ice off.", "How is the pain?"]), "app")
    assert (mine.kinds, mine.lines) == (["session_end"], ["Take the ice off."])


def race_for_one_reminder(holders) -> list:
    """Each holder (services, or an encrypted journal's agent) claims the same reminder at once on its own thread."""
    wins, start = [], threading.Barrier(len(holders))

    def race(svc):
        start.wait()
        wins.append(claim(svc, Delivery(T0, ["ice_allowed"], ["Ice is allowed again."]), "racer"))

    threads = [threading.Thread(target=race, args=(s,)) for s in holders]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)  # at once when it has claimed; only a stuck racer takes the bound
        assert not t.is_alive(), "a racer never finished its claim"
    for s in holders:
        s.close()
    return wins


def test_two_journal_connections_racing_for_one_reminder_win_it_once(journal_path, clock):
    wins = race_for_one_reminder([open_spasmlog(journal_path, clock) for _ in range(4)])
    assert sum(w is not None for w in wins) == 1 and len(wins) == 4


def test_the_app_does_not_repeat_what_the_agent_already_told(mem, clock):
    app = _app(mem)
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=10)
    for d in group(mem.reminders.due(app.last_checked, clock()), clock()):
        claim(mem, d, "agent")
    assert app.check_now() == []
    assert app.shown == [] and app.notifier.sent == [] and app.sound.plays == 0


def test_two_app_windows_on_one_journal_tell_a_session_end_once(journal_path, clock):
    first, second = open_spasmlog(journal_path, clock), open_spasmlog(journal_path, clock)
    try:
        a, b = _app(first), _app(second)
        first.therapy.start("ice", barrier=True)
        clock.advance(minutes=10)
        told = a.check_now() + b.check_now()
        assert len(told) == 1 and told[0].popup
        assert len(a.notifier.sent) + len(b.notifier.sent) == 1
    finally:
        first.close()
        second.close()


def test_discreet_notifications_hide_health_details_outside_the_app_only(mem, clock):
    app = _app(mem)
    mem.settings.set("discreet_notifications", "on")
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=10)
    [d] = app.check_now()
    assert app.notifier.sent == [(DISCREET_TITLE, DISCREET_MESSAGE)]
    assert "ice" in d.message.lower() and app.shown == [d]  # inside the app the words stay


def test_after_the_machine_slept_the_missed_reminders_come_as_one_summary(mem, clock):
    app = _app(mem)
    mem.therapy.start("heat", barrier=True)
    clock.advance(minutes=45)  # heat 15:00, its end at 20:00 and "heat allowed again" all passed
    [d] = app.check_now()
    assert d.title.endswith("reminders") and len(d.kinds) >= 3
    assert app.notifier.sent == [(d.title, d.message)] and app.sound.plays == 1


def test_summarise_leaves_a_single_moment_alone():
    one = [Delivery(T0, ["move"], ["Time to move."])]
    assert summarise(one) == one and summarise([]) == []


def test_old_delivery_records_are_forgotten(mem, clock):
    from app.services.delivery import forget_old_records
    claim(mem, Delivery(T0, ["move"], ["Time to move."]), "app")
    clock.advance(days=3)
    forget_old_records(mem)
    assert mem._repo.reminders_told(T0 - timedelta(days=1), clock()) == {}
