"""Acknowledged emergency advice stays on Today, calmer, until its episode ends or the person records care."""
from __future__ import annotations

from datetime import timedelta

import pytest


def codes(flags) -> list[str]:
    return sorted(f.code for f in flags)


def _emergency_seen(svc, clock, *signs):
    svc.entries.start_episode(at=clock() - timedelta(hours=2))
    svc.entries.log_symptoms(list(signs))
    for code in dict.fromkeys(f.code for f in svc.flags.open_flags() if f.tier == "emergency"):
        svc.flags.acknowledge(code)
    clock.advance(minutes=5)


def test_an_unacknowledged_emergency_is_open_not_recalled(mem):
    mem.entries.log_symptoms(["bladder_bowel"])
    assert codes(mem.flags.open_flags()) == ["bladder_bowel"]
    assert mem.flags.care_advice() == []


def test_acknowledged_emergency_advice_is_recalled_while_the_episode_goes_on(mem, clock):
    _emergency_seen(mem, clock, "bladder_bowel", "saddle_numbness")
    assert mem.flags.open_flags() == []
    assert codes(mem.flags.care_advice()) == ["bladder_bowel", "saddle_numbness", "several_red_flags"]
    assert mem.flags.care_advice()[0].tier == "emergency"
    clock.advance(days=5)  # long after the 48 h a symptom flag is current: the episode still goes on
    assert codes(mem.flags.care_advice()) == ["bladder_bowel", "saddle_numbness", "several_red_flags"]


def test_recording_care_ends_the_recall(mem, clock):
    _emergency_seen(mem, clock, "both_legs")
    mem.flags.record_care()
    assert mem.flags.care_advice() == []
    clock.advance(minutes=10)
    mem.entries.log_symptoms(["bladder_bowel"])  # a new emergency after the care: recalled once seen
    mem.flags.acknowledge("bladder_bowel")
    assert codes(mem.flags.care_advice()) == ["bladder_bowel"]


def test_the_end_of_the_episode_ends_the_recall(mem, clock):
    _emergency_seen(mem, clock, "both_legs")
    mem.entries.end_episode()
    assert mem.flags.care_advice() == []


@pytest.mark.parametrize("sign", ["leg_weakness", "fever", "radiating_pain"])
def test_advice_that_is_not_an_emergency_is_not_recalled_once_seen(mem, clock, sign):
    mem.entries.start_episode()
    mem.entries.log_symptoms([sign])
    mem.flags.acknowledge(sign)
    assert mem.flags.care_advice() == []


def test_outside_an_episode_emergency_advice_is_recalled_while_current(mem, clock):
    mem.entries.log_symptoms(["saddle_numbness"])
    mem.flags.acknowledge("saddle_numbness")
    assert codes(mem.flags.care_advice()) == ["saddle_numbness"]
    clock.advance(hours=49)  # past the 48 h a symptom flag stays current
    assert mem.flags.care_advice() == []
