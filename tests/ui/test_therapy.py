"""The ice & heat timer screen and in-app reminder delivery, driven in the real app."""
import pytest

from app.core.timeutil import parse_time
from app.services import open_spasmlog

pytestmark = pytest.mark.ui

AT = "2026-03-02T09:00:00+00:00"


@pytest.mark.parametrize("size", ["400x800", "360x640"])
def test_ice_cycle_alarm_pain_and_refused_restart(ui, journal_path, size):
    ui("therapy_ice_cycle", journal_path, at=AT, size=size)
    svc = open_spasmlog(journal_path, lambda: parse_time("2026-03-02T10:00:00+00:00"))
    try:
        sessions = svc.therapy.recent()
        kinds = sorted((s.kind, s.end_reason, s.barrier) for s in sessions)
        assert kinds == [("heat", "stopped", False), ("ice", "completed", True)]
    finally:
        svc.close()


def test_session_closed_while_away_is_told_once(ui, journal_path):
    svc = open_spasmlog(journal_path, lambda: parse_time("2026-03-02T08:40:00+00:00"))
    svc.therapy.start("ice", barrier=True)
    svc.close()
    ui("therapy_closed_while_away", journal_path, at=AT)


def test_mistaken_start_is_cancelled_with_undo_and_early_heat_stop_asks(ui, journal_path):
    ui("therapy_cancel_and_heat_question", journal_path, at=AT, size="360x640")
    svc = open_spasmlog(journal_path, lambda: parse_time("2026-03-02T10:00:00+00:00"))
    try:
        reasons = sorted((s.kind, s.end_reason) for s in svc._repo.between("therapy"))
        assert reasons == [("heat", "stopped"), ("ice", "cancelled")]
    finally:
        svc.close()


def test_the_alarm_comes_on_today_within_two_seconds_of_the_end(ui, journal_path):
    ui("therapy_alarm_on_today", journal_path, at=AT, size="360x640")


@pytest.mark.parametrize("size", ["360x640"])
def test_pain_now_is_offered_after_a_start_and_a_dose_without_a_recent_score(ui, journal_path, size):
    ui("therapy_pain_now", journal_path, at=AT, size=size)
    svc = open_spasmlog(journal_path, lambda: parse_time("2026-03-02T10:00:00+00:00"))
    try:
        (heat,) = svc._repo.between("therapy")
        (pain,) = svc._repo.between("pain")
        assert (pain.score, pain.context, pain.at) == (6, "before_heat", heat.started)
        assert svc._repo.count("dose") == 2
        assert svc.relief.judgements()  # the heat now has the score before it
    finally:
        svc.close()
