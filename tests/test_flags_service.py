"""The Flags service on a real journal: open flags, acknowledging occurrences, history, the daily check."""
from __future__ import annotations

import dataclasses
import json
import re
from datetime import timedelta

import pytest

from app.core.entities import SymptomCheck
from app.core.flags import Flag
from app.core.errors import JournalError
from app.services.status import status_json


def codes(flags) -> list[str]:
    return sorted(f.code for f in flags)


def test_open_flags_are_frozen_core_flags_most_serious_first(svc):
    svc.entries.start_episode(trigger="accident")
    svc.entries.log_symptoms(["radiating_pain", "both_legs"])
    flags = svc.flags.open_flags()
    assert codes(flags) == ["both_legs", "radiating_pain", "several_red_flags", "trauma"]
    assert [f.tier for f in flags] == ["emergency", "emergency", "urgent", "review"]
    assert all(isinstance(f, Flag) for f in flags)
    with pytest.raises(dataclasses.FrozenInstanceError):
        flags[0].tier = "review"  # a screen cannot change what the rules decided


def test_status_json_has_plain_flag_entries(svc):
    svc.entries.log_symptoms(["fever"])
    out = status_json(svc.status())
    json.dumps(out)  # nothing that is not JSON
    (flag,) = out["flags"]
    assert flag["code"] == "fever" and flag["tier"] == "urgent" and "fever" in flag["message"]


def test_acknowledge_hides_every_open_occurrence_and_is_recorded(svc, clock):
    svc.entries.log_symptoms(["fever"])
    clock.advance(hours=2)
    svc.entries.log_symptoms(["fever", "sharp_pain"])
    clock.advance(minutes=10)
    acks = svc.flags.acknowledge("fever")
    assert len(acks) == 2 and all(a.at == clock() for a in acks)
    assert codes(svc.flags.open_flags()) == ["several_red_flags", "sharp_pain"]
    # A new report of the same symptom is a new occurrence: it shows again.
    clock.advance(hours=1)
    svc.entries.log_symptoms(["fever"])
    assert "fever" in codes(svc.flags.open_flags())


def test_acknowledge_unknown_code_lists_the_allowed_ones(svc):
    with pytest.raises(JournalError) as err:
        svc.flags.acknowledge("headache")
    assert "spasm_over_3_days" in err.value.message and "fall_osteoporosis" in err.value.message


def test_acknowledge_with_nothing_open_says_so(svc):
    with pytest.raises(JournalError) as err:
        svc.flags.acknowledge("trauma")
    assert "no open 'trauma'" in err.value.message
    assert svc._repo.acks() == []


def test_three_day_flag_appears_after_72_hours(svc, clock):
    svc.entries.start_episode()
    svc.entries.log_pain(8)
    clock.advance(hours=72)
    assert svc.flags.open_flags() == []
    clock.advance(minutes=1)
    (flag,) = svc.flags.open_flags()
    assert flag.code == "spasm_over_3_days" and flag.tier == "review"
    svc.flags.acknowledge("spasm_over_3_days")
    clock.advance(days=2)
    assert svc.flags.open_flags() == []  # the same episode: acknowledged once


def test_old_flags_stay_until_acknowledged_and_stay_in_history(svc, clock):
    start = clock()
    svc.entries.log_symptoms(["leg_numbness"])
    svc.entries.start_episode(trigger="fall")
    clock.advance(hours=100)
    svc.entries.end_episode()
    svc.flags.acknowledge("trauma")
    clock.advance(days=30)
    # CLINICAL.md section 2: a flag stays visible until the person acknowledges it, however old.
    assert codes(svc.flags.open_flags()) == ["leg_numbness", "spasm_over_3_days"]
    history = svc.flags.history(start - timedelta(days=1), clock())
    assert sorted(h["code"] for h in history) == ["leg_numbness", "spasm_over_3_days", "trauma"]
    by_code = {h["code"]: h for h in history}
    assert by_code["trauma"]["acknowledged_at"] == start + timedelta(hours=100)
    assert by_code["leg_numbness"]["acknowledged_at"] is None
    assert by_code["spasm_over_3_days"]["message"].startswith("This spasm has lasted over 3 days")
    assert [h["raised_at"] for h in history] == sorted(h["raised_at"] for h in history)
    # A period before any of it: nothing.
    assert svc.flags.history(start - timedelta(days=9), start - timedelta(days=8)) == []


def test_symptom_check_due_once_a_day_while_an_episode_is_open(svc, clock):
    assert svc.flags.symptom_check_due() is False
    svc.entries.start_episode()
    assert svc.flags.symptom_check_due() is True
    svc.entries.log_symptoms("none")
    assert svc.flags.symptom_check_due() is False
    clock.advance(days=1)
    assert svc.flags.symptom_check_due() is True
    svc.entries.end_episode()
    assert svc.flags.symptom_check_due() is False


def test_questions_cover_every_symptom_code():
    from app.services import open_spasmlog
    s = open_spasmlog(None)
    try:
        qs = s.flags.questions()
    finally:
        s.close()
    assert [c for c, _ in qs] == ["bladder_bowel", "saddle_numbness", "both_legs", "leg_weakness",
                                  "leg_numbness", "radiating_pain", "sharp_pain", "fever"]
    assert all(q.endswith("?") for _, q in qs)


def test_for_check_gives_the_flags_of_that_check(svc):
    flags = svc.flags.for_check(SymptomCheck(at=svc.now(), codes=("bladder_bowel",), id=5))
    assert [(f.code, f.tier, f.key) for f in flags] == [("bladder_bowel", "emergency", "check:5")]


@pytest.mark.parametrize("given", [["headache"], ["fever", "headache"], ["none", "nothing"]])
def test_unknown_symptom_code_lists_none_too_and_writes_nothing(svc, given):
    with pytest.raises(JournalError) as err:
        svc.entries.log_symptoms(given)
    assert "none" in err.value.message and "bladder_bowel" in err.value.message
    assert svc._repo.count("symptoms") == 0


# Tables that grow with the years: reading them whole would make status slow on a long journal.
_BIG = ("pain_scores", "doses", "therapy_sessions", "symptom_checks", "activities")


def test_open_flags_reads_through_indexes_on_a_ten_year_journal(svc, clock):
    from app.services.demo import generate
    generate(svc._repo, clock(), 3650, seed=5)
    svc.entries.start_episode(trigger="fall", at=clock() - timedelta(hours=90))
    svc.entries.log_symptoms(["fever", "leg_numbness"])
    seen = []
    svc._db.conn.set_trace_callback(seen.append)
    try:
        flags = svc.flags.open_flags()
        svc.flags.acknowledge("fever")
        svc.flags.symptom_check_due()
    finally:
        svc._db.conn.set_trace_callback(None)
    assert "spasm_over_3_days" in codes(flags)
    selects = [q for q in seen if q.lstrip().upper().startswith("SELECT")]
    assert selects
    for sql in selects:
        plan = " ".join(r[3] for r in svc._db.conn.execute("EXPLAIN QUERY PLAN " + sql))
        full_scans = [t for t in _BIG if re.search(rf"\bSCAN {t}\b", plan)]  # SEARCH is fine
        assert not full_scans, (sql, plan)


def test_next_arrival_is_the_moment_the_open_episode_passes_three_days(svc, clock):
    """The app's flag watch reads the flags again at this moment: the three-day advice arrives with time alone."""
    assert svc.flags.next_arrival(clock()) is None  # no episode: nothing arrives by waiting
    started = clock() - timedelta(hours=70)
    svc.entries.start_episode(at=started)
    due = svc.flags.next_arrival(clock())
    assert due == started + timedelta(hours=72, seconds=1)
    clock.advance(hours=2)  # 72 h exactly: not over yet (CLINICAL.md: more than three days)
    assert codes(svc.flags.open_flags()) == []
    clock.advance(seconds=1)
    assert clock() == due and codes(svc.flags.open_flags()) == ["spasm_over_3_days"]
    assert svc.flags.next_arrival(clock()) is None  # arrived: nothing more to wait for
    svc.entries.end_episode()
    assert svc.flags.next_arrival(clock()) is None
