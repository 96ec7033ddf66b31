"""The Ice & heat screen's presenter, without Kivy: a fixed clock, a real journal, taps as method calls."""
from __future__ import annotations

import subprocess
import sys
from datetime import timedelta

import pytest

from app.core.timeutil import hhmm
from app.ui.presenters.therapy import TherapyPresenter, clock_text
from tests.conftest import ROOT, T0


@pytest.fixture
def screen(svc):
    return TherapyPresenter(svc)


def _sql(svc, call):
    seen = []
    svc._db.conn.set_trace_callback(seen.append)
    try:
        result = call()
    finally:
        svc._db.conn.set_trace_callback(None)
    return result, seen


def test_the_presenter_imports_no_kivy():
    code = ("import sys, app.ui.presenters.therapy; "
            "sys.exit(any(m == 'kivy' or m.startswith('kivy.') for m in sys.modules))")
    assert subprocess.run([sys.executable, "-c", code], cwd=ROOT).returncode == 0


def test_idle_both_allowed_with_the_heat_length_from_the_settings(svc, screen):
    svc.settings.set("heat_default_minutes", "18")
    state = screen.refresh()
    assert state.mode == "idle" and state.ice.allowed and state.heat.allowed
    assert state.ice.status == state.heat.status == "Allowed now"
    assert state.heat_minutes == 18 and state.refusal == "" and not state.tell_reminders


def test_ice_asks_for_the_towel_then_counts_down_from_the_stored_start(svc, clock, screen):
    assert screen.ask_ice() is True
    assert screen.refresh().mode == "confirm"
    assert screen.start("ice") is not None
    state = screen.refresh()
    assert (state.mode, state.run_kind, state.remaining_text, state.fraction) == ("running", "ice", "10:00", 1.0)
    clock.advance(minutes=4)
    state = screen.refresh()
    assert state.remaining_text == "6:00" and state.fraction == pytest.approx(0.6)
    assert state.ends_text == f"left · ends {hhmm(T0 + timedelta(minutes=10))}"
    assert state.stop_note == "Keep a cloth between the ice and your skin."


def test_the_end_tells_the_reminders_once_and_asks_for_pain(svc, clock, screen):
    screen.start("ice")
    screen.refresh()
    clock.advance(minutes=10, seconds=1)
    state = screen.refresh()
    assert state.tell_reminders and state.mode == "ended"
    assert state.ended_title == "Ice done"
    assert state.ended_detail == f"Ended at {hhmm(T0 + timedelta(minutes=10))} after 10 min."
    assert not screen.refresh().tell_reminders
    entry = screen.log_pain_after(3)
    assert entry.context == "after_ice"
    assert screen.refresh().mode == "idle"


def test_the_pain_question_goes_after_30_minutes(svc, clock, screen):
    screen.start("ice")
    clock.advance(minutes=10 + 31)
    assert screen.refresh().mode == "idle"


def test_after_a_skipped_pain_question_a_refused_ice_shows_its_reason_until_it_is_allowed(svc, clock, screen):
    screen.start("ice")
    clock.advance(minutes=10)
    assert screen.refresh().mode == "ended"
    screen.skip_pain()
    assert screen.ask_ice() is False
    state = screen.refresh()
    allowed_at = hhmm(T0 + timedelta(minutes=70))
    assert state.mode == "idle" and not state.ice.allowed
    assert state.refusal == f"Ice again from {allowed_at}, in 1 h. Ice needs an hour off after each session."
    assert state.ice.status == f"Again from {allowed_at} · in 1 h"
    clock.advance(minutes=59)
    assert "in 1 min" in screen.refresh().refusal  # the wait counts down live
    clock.advance(minutes=1)
    state = screen.refresh()
    assert state.refusal == "" and state.ice.allowed


def test_heat_before_15_minutes_asks_before_stopping(svc, clock, screen):
    screen.start("heat")
    clock.advance(minutes=5)
    screen.refresh()
    assert screen.stop() is None  # the first tap asks
    state = screen.refresh()
    assert state.stop_asking and state.stop_note == "15–20 min works best; stop now?"
    screen.keep_on()
    assert not screen.refresh().stop_asking
    screen.stop()
    stopped = screen.stop()
    assert stopped.end_reason == "stopped" and stopped.ended == T0 + timedelta(minutes=5)
    state = screen.refresh()
    assert state.mode == "ended" and state.ended_detail.startswith("Stopped at")


def test_stop_asks_from_the_time_of_the_tap_not_the_last_refresh(svc, clock, screen):
    """Shown at minute 0 (a stop then cancels, no question); tapped at minute 5 before the next tick: it asks."""
    screen.start("heat")
    assert "works best" in screen.refresh().stop_note  # minute 0: a stop now cancels, no question
    clock.advance(minutes=5)
    assert screen.stop() is None and svc.therapy.current() is not None
    assert screen.refresh().stop_asking
    # And past 15 min before the next tick: no question any more, it stops.
    clock.advance(minutes=10, seconds=1)
    screen.keep_on()
    assert screen.stop().end_reason == "stopped"


def test_heat_reaching_15_minutes_tells_the_reminders(svc, clock, screen):
    screen.start("heat")
    clock.advance(minutes=14)
    assert not screen.refresh().tell_reminders
    clock.advance(minutes=1)
    state = screen.refresh()
    assert state.tell_reminders and "may stop" in state.stop_note
    assert screen.asks_before_stopping() is False


def test_pain_now_is_offered_once_and_stored_at_the_start(svc, clock, screen):
    session = screen.start("ice")
    assert screen.refresh().pain_now_offer
    clock.advance(minutes=1)
    pain = screen.log_pain_now(6)
    assert (pain.at, pain.context, pain.score) == (session.started, "before_ice", 6)
    assert not screen.refresh().pain_now_offer


def test_no_pain_now_offer_after_a_recent_score(svc, clock, screen):
    svc.entries.log_pain(5)
    clock.advance(minutes=5)
    screen.start("heat")
    assert not screen.refresh().pain_now_offer


@pytest.mark.parametrize("steps, minutes", [(-10, 15), (1, 20), (10, 20), (-1, 19)])
def test_heat_length_stays_within_its_rule(svc, screen, steps, minutes):
    screen.refresh()
    for _ in range(abs(steps)):
        screen.step_heat(1 if steps > 0 else -1)
    assert screen.refresh().heat_minutes == minutes


def test_leaving_forgets_the_towel_question(svc, screen):
    screen.ask_ice()
    screen.leave()
    assert screen.refresh().mode == "idle"


@pytest.mark.parametrize("state", ["idle", "running", "ended"])
def test_a_tick_reads_a_handful_of_rows_and_writes_nothing(svc, clock, screen, state):
    if state != "idle":
        screen.start("ice")
        svc.entries.log_pain(4)  # the score before: "ended" then reads the latest score too
    if state == "ended":
        clock.advance(minutes=11)
    screen.refresh()
    clock.advance(seconds=0.5)
    got, seen = _sql(svc, screen.refresh)
    assert got.mode == state
    assert all(s.lstrip().upper().startswith("SELECT") for s in seen), seen
    assert len(seen) <= 3


@pytest.mark.parametrize("seconds, text", [(0, "0:00"), (42, "0:42"), (360, "6:00"), (3900, "1:05:00")])
def test_clock_text(seconds, text):
    assert clock_text(seconds) == text
