"""The ice and heat timing rules of CLINICAL.md section 1, with a fixed clock, through the therapy service."""
from __future__ import annotations

import dataclasses
from datetime import timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.core import therapy as rules
from app.core.entities import TherapySession
from app.core.errors import JournalError, RuleRefusal, SpasmLogError
from app.core.timeutil import hhmm
from app.services import open_spasmlog
from tests.conftest import T0, FakeClock, row_counts


def _ice(svc, clock, minutes_on: int):
    """A live ice session stopped after minutes_on minutes (a full 10 completes on its own)."""
    svc.therapy.start("ice", barrier=True)
    clock.advance(minutes=minutes_on)
    if minutes_on < 10:
        return svc.therapy.stop()
    svc.therapy.complete()
    return svc._repo.latest("therapy")


def _heat(svc, clock, minutes_on: int, planned: int = 20):
    svc.therapy.start("heat", minutes=planned)
    clock.advance(minutes=minutes_on)
    if minutes_on < planned:
        return svc.therapy.stop()
    svc.therapy.complete()
    return svc._repo.latest("therapy")


# -- time off after ice: at least 60 min from its actual end --------------------------------
@pytest.mark.parametrize("ice_on, wait, allowed", [
    (10, 60, True),    # exactly 60 min after the end: allowed
    (10, 59, False),   # one minute short: refused
    (10, 30, False),
    (3, 60, True),     # stopped early: the hour counts from the actual end
    (3, 59, False),
    (3, 61, True),
])
def test_ice_needs_an_hour_off_from_its_actual_end(mem, clock, ice_on, wait, allowed):
    ended = _ice(mem, clock, ice_on).ended
    assert ended == T0 + timedelta(minutes=ice_on)
    clock.advance(minutes=wait)
    avail = mem.therapy.availability("ice")
    assert avail.allowed is allowed
    if allowed:
        assert mem.therapy.start("ice", barrier=True).started == clock()
    else:
        assert avail.next_allowed == ended + timedelta(minutes=60)
        with pytest.raises(RuleRefusal) as err:
            mem.therapy.start("ice", barrier=True)
        assert err.value.rule == "ice_off" and err.value.exit_code == 3
        assert err.value.allowed_from == ended + timedelta(minutes=60)
        assert f"Ice again from {hhmm(ended + timedelta(minutes=60))}, in {60 - wait} min" in err.value.message


def test_refusal_message_gives_the_exact_time_and_minutes_until(mem, clock):
    """The example of CLINICAL.md: ice ended at 10:10, asked at 10:28 -> 'Ice again from 11:10, in 42 min'."""
    clock.at = T0.replace(hour=10)
    _ice(mem, clock, 10)
    clock.advance(minutes=18)
    with pytest.raises(RuleRefusal) as err:
        mem.therapy.start("ice", barrier=True)
    assert err.value.message.startswith(f"Ice again from {hhmm(T0.replace(hour=11, minute=10))}, in 42 min.")


def test_seconds_round_the_allowed_time_up_to_the_minute_shown(mem, clock):
    clock.advance(seconds=30)
    ended = _ice(mem, clock, 10).ended  # 09:10:30
    assert mem.therapy.availability("ice").next_allowed == T0 + timedelta(minutes=71)
    clock.at = T0 + timedelta(minutes=70, seconds=59)
    assert not mem.therapy.availability("ice").allowed
    clock.at = ended + timedelta(minutes=60)
    assert not mem.therapy.availability("ice").allowed  # 10:10:30, shown as "from 10:11"
    clock.at = T0 + timedelta(minutes=71)
    assert mem.therapy.availability("ice").allowed


# -- time off after heat: as long as it lasted, never under 15 min -----------------------------
@pytest.mark.parametrize("heat_on, planned, off", [
    (5, 20, 15),    # stopped after 5 min -> 15 min off (the floor)
    (15, 20, 15),
    (17, 20, 17),
    (20, 20, 20),   # a full 20 min -> 20 off
    (15, 15, 15),
])
def test_heat_needs_as_long_off_as_it_lasted_and_at_least_15(mem, clock, heat_on, planned, off):
    ended = _heat(mem, clock, heat_on, planned).ended
    clock.advance(minutes=off - 1)
    with pytest.raises(RuleRefusal) as err:
        mem.therapy.start("heat")
    assert err.value.rule == "heat_off"
    assert err.value.allowed_from == ended + timedelta(minutes=off)
    clock.advance(minutes=1)
    assert mem.therapy.availability("heat").allowed
    mem.therapy.start("heat")


# -- one session at a time -------------------------------------------------------------------
@pytest.mark.parametrize("first, second", [("ice", "heat"), ("heat", "ice"), ("ice", "ice"), ("heat", "heat")])
def test_one_session_at_a_time(mem, clock, first, second):
    running = mem.therapy.start(first, barrier=True)
    clock.advance(minutes=5)
    before = mem._repo.count("therapy")
    with pytest.raises(RuleRefusal) as err:
        mem.therapy.start(second, barrier=True)
    assert err.value.rule == "one_at_a_time"
    assert err.value.allowed_from >= running.planned_end
    assert mem._repo.count("therapy") == before


def test_ice_then_heat_right_after_the_ice_ends(mem, clock):
    """The kinds do not wait for each other, only for the running one to end."""
    _ice(mem, clock, 10)
    assert mem.therapy.availability("heat").allowed
    assert mem.therapy.start("heat").kind == "heat"


# -- skin: the barrier before each ice start ---------------------------------------------------
def test_ice_needs_the_barrier_confirmed_each_time(mem, clock):
    with pytest.raises(RuleRefusal) as err:
        mem.therapy.start("ice")
    assert err.value.rule == "ice_barrier" and err.value.exit_code == 3
    assert "cloth" in err.value.message
    assert mem._repo.count("therapy") == 0
    assert mem.therapy.start("ice", barrier=True).barrier is True


def test_heat_needs_no_barrier_and_hints_at_comfort(mem):
    assert mem.therapy.start("heat").barrier is False
    assert "comfortable" in mem.therapy.hint("heat")


# -- ice preferred in the first 48 h: a hint for heat, never a block ------------------------------
@pytest.mark.parametrize("hours_in, early", [(0, True), (47.9, True), (48, False), (72, False)])
def test_heat_early_in_an_episode_is_hinted_not_blocked(mem, clock, hours_in, early):
    mem.entries.start_episode()
    clock.advance(hours=hours_in)
    avail = mem.therapy.availability("heat")
    assert avail.allowed is True
    assert ("ice usually helps more" in avail.hint) is early
    assert mem.therapy.heat_is_early() is early  # what the Ice & heat screen shows, asked of the rule itself
    mem.therapy.start("heat")


def test_no_episode_no_early_hint(mem):
    assert "ice usually helps more" not in mem.therapy.availability("heat").hint
    assert mem.therapy.heat_is_early() is False


# -- bounds of a new session ---------------------------------------------------------------------
@pytest.mark.parametrize("kind, minutes, ok", [
    ("ice", 1, True), ("ice", 10, True), ("ice", 11, False), ("ice", 0, False), ("ice", -3, False),
    ("heat", 15, True), ("heat", 20, True), ("heat", 14, False), ("heat", 21, False), ("heat", 5, False),
    ("ice", "7", True), ("ice", 2.5, False), ("ice", "ten", False),
])
def test_session_bounds(mem, kind, minutes, ok):
    if ok:
        s = mem.therapy.start(kind, minutes=minutes, barrier=True)
        assert s.planned_end - s.started == timedelta(minutes=int(minutes))
    else:
        with pytest.raises(JournalError) as err:
            mem.therapy.start(kind, minutes=minutes, barrier=True)
        assert err.value.field == "minutes" and err.value.exit_code == 2
        assert mem._repo.count("therapy") == 0


@pytest.mark.parametrize("setting, expected", [(None, 20), ("15", 15), ("18", 18)])
def test_defaults_ice_10_heat_from_settings(mem, clock, setting, expected):
    if setting:
        mem.settings.set("heat_default_minutes", setting)
    heat = mem.therapy.start("heat")
    assert heat.planned_end - heat.started == timedelta(minutes=expected)
    clock.advance(minutes=expected)
    ice = mem.therapy.start("ice", barrier=True)
    assert ice.planned_end - ice.started == timedelta(minutes=10)


def test_unknown_kind_is_bad_input(mem):
    with pytest.raises(JournalError) as err:
        mem.therapy.start("steam")
    assert err.value.field == "kind"


# -- stop ----------------------------------------------------------------------------------------
def test_stop_records_the_actual_end(mem, clock):
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=4, seconds=20)
    s = mem.therapy.stop()
    assert (s.ended, s.end_reason) == (clock(), "stopped")
    assert mem._repo.get("therapy", s.id).ended == clock()


def test_stop_with_nothing_running_is_bad_input(mem, clock):
    with pytest.raises(JournalError) as err:
        mem.therapy.stop()
    assert err.value.exit_code == 2
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=11)  # it completed on its own
    with pytest.raises(JournalError):
        mem.therapy.stop()
    assert mem._repo.latest("therapy").end_reason == "completed"


# -- the running session: computed from the stored start, never ticked ---------------------------
def test_current_counts_down_from_the_stored_start(mem, clock):
    assert mem.therapy.current() is None
    mem.therapy.start("heat")
    clock.advance(minutes=14, seconds=59)
    cur = mem.therapy.current()
    assert cur.remaining_s == 5 * 60 + 1 and cur.may_stop is False
    assert cur.message == "15–20 min works best. You can stop earlier if it is uncomfortable."
    assert "from" not in cur.message  # never a false "you can stop from 03:20"
    clock.advance(seconds=1)
    cur = mem.therapy.current()
    assert cur.may_stop is True and "may stop" in cur.message
    clock.advance(minutes=5)
    assert mem.therapy.current() is None  # over at its planned end, whether or not anything closed it yet
    assert mem._repo.latest("therapy").ended is None  # a read closes nothing: that is complete()'s job
    mem.therapy.complete()
    assert mem._repo.latest("therapy").end_reason == "completed"
    assert mem._repo.latest("therapy").ended == T0 + timedelta(minutes=20)


def _statements(svc, read) -> list[str]:
    """The SQL statements one call runs on the journal's connection."""
    seen = []
    svc._db.conn.set_trace_callback(seen.append)
    try:
        read()
    finally:
        svc._db.conn.set_trace_callback(None)
    return seen


@pytest.mark.parametrize("read", ["current", "overview", "availability"])
def test_reading_the_timers_never_writes_even_after_a_session_ended(mem, clock, read):
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=12)
    call = (lambda: mem.therapy.availability("ice")) if read == "availability" else getattr(mem.therapy, read)
    seen = _statements(mem, call)
    assert seen and all(s.lstrip().upper().startswith("SELECT") for s in seen), seen
    assert len(seen) <= 2
    assert mem._repo.latest("therapy").ended is None


def test_the_overview_sees_a_session_that_ended_without_being_closed(mem, clock):
    s = mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=12)
    o = mem.therapy.overview()
    assert o.running is None and not o.ice.allowed and o.ice.next_allowed == T0 + timedelta(minutes=70)
    assert o.heat.allowed
    assert o.last_finished(timedelta(minutes=30)).id == s.id
    assert o.last_finished(timedelta(minutes=1)) is None  # ended 2 min ago
    assert o.last_finished(timedelta(minutes=30), skip={s.id}) is None


def test_results_are_frozen_core_dataclasses(mem):
    mem.therapy.start("heat")
    for result in (mem.therapy.current(), mem.therapy.availability("ice"), mem.therapy.overview()):
        assert dataclasses.is_dataclass(result)
        with pytest.raises(dataclasses.FrozenInstanceError):
            result.kind = "ice"


# -- retroactive sessions: stored as they happened, marked, counted ---------------------------------
@pytest.mark.parametrize("earlier, session, breaks", [
    (None, ("ice", 0, 10), ()),
    (None, ("ice", 0, 15), ("ice_too_long",)),
    (None, ("heat", 0, 20), ()),
    (None, ("heat", 0, 5), ()),                    # stopping heat early is fine
    (None, ("heat", 0, 30), ("heat_too_long",)),
    (("ice", 0, 10), ("ice", 70, 80), ()),          # exactly 60 min off
    (("ice", 0, 10), ("ice", 69, 79), ("ice_off",)),
    (("ice", 0, 10), ("heat", 10, 30), ()),         # the other kind does not need a rest
    (("heat", 0, 20), ("heat", 40, 60), ()),
    (("heat", 0, 20), ("heat", 39, 59), ("heat_off",)),
    (("heat", 0, 5), ("heat", 19, 24), ("heat_off",)),  # 5 min of heat still needs 15 off
    (("heat", 0, 5), ("heat", 20, 25), ()),
    (("ice", 0, 30), ("ice", 40, 55), ("ice_too_long", "ice_off")),
    (("ice", 60, 70), ("ice", 0, 10), ("ice_off",)),  # entered before a later session: 50 min gap
    (("ice", 60, 70), ("ice", -10, 0), ()),            # exactly 60 min before it
    (None, ("ice", 0, 10, False), ("ice_barrier",)),   # entered afterwards without a towel
    (None, ("ice", 0, 15, False), ("ice_barrier", "ice_too_long")),
])
def test_past_sessions_are_marked_with_the_rules_they_broke(mem, clock, earlier, session, breaks):
    base = T0 - timedelta(hours=5)

    def add(kind, a, b, towel=True):
        return mem.therapy.add_past(kind, base + timedelta(minutes=a), base + timedelta(minutes=b),
                                    barrier=towel and kind == "ice")

    if earlier:
        add(*earlier)
    s = add(*session)
    stored = mem._repo.get("therapy", s.id)
    assert stored.retroactive and stored.end_reason == "retroactive"
    assert (stored.started, stored.ended) == (base + timedelta(minutes=session[1]), base + timedelta(minutes=session[2]))
    assert stored.rule_breaks == breaks


def test_past_sessions_count_for_the_next_start(mem, clock):
    mem.therapy.add_past("ice", T0 - timedelta(minutes=30), T0 - timedelta(minutes=20))
    with pytest.raises(RuleRefusal) as err:
        mem.therapy.start("ice", barrier=True)
    assert err.value.allowed_from == T0 + timedelta(minutes=40)
    mem.therapy.add_past("heat", T0 - timedelta(minutes=43), T0 - timedelta(minutes=30))  # 13 min: 15 off
    assert mem.therapy.availability("heat").allowed is True
    mem.therapy.add_past("heat", T0 - timedelta(minutes=19), T0 - timedelta(minutes=2))  # 17 min: 17 off
    assert mem.therapy.availability("heat").next_allowed == T0 + timedelta(minutes=15)


def test_a_long_past_heat_session_needs_as_long_off(mem):
    mem.therapy.add_past("heat", T0 - timedelta(minutes=50), T0 - timedelta(minutes=10))
    avail = mem.therapy.availability("heat")
    assert avail.allowed is False and avail.next_allowed == T0 + timedelta(minutes=30)


@pytest.mark.parametrize("start_min, end_min, field", [
    (-30, -40, "end"),     # end before start
    (-30, -30, "end"),     # no length
    (-30, 10, "end"),      # still going on: not a past session
    (-600, -10, "end"),    # 590 min: a typo
    (-15, -5, "start"),    # overlaps the session below
    (-25, -15, "start"),
])
def test_bad_past_sessions_are_refused_and_write_nothing(mem, start_min, end_min, field):
    mem.therapy.add_past("heat", T0 - timedelta(minutes=20), T0 - timedelta(minutes=8))
    with pytest.raises(JournalError) as err:
        mem.therapy.add_past("ice", T0 + timedelta(minutes=start_min), T0 + timedelta(minutes=end_min))
    assert err.value.field == field
    assert mem._repo.count("therapy") == 1


def test_a_past_session_may_not_overlap_the_running_one(mem, clock):
    mem.therapy.start("heat")
    clock.advance(minutes=10)
    with pytest.raises(JournalError):
        mem.therapy.add_past("ice", T0 - timedelta(minutes=5), T0 + timedelta(minutes=2))
    mem.therapy.add_past("ice", T0 - timedelta(minutes=15), T0 - timedelta(minutes=5))  # touching is fine


# -- the app was closed: a session whose end passed is closed at its planned end ------------------------
def test_session_whose_end_passed_while_closed(journal_path, clock):
    svc = open_spasmlog(journal_path, clock)
    started = svc.therapy.start("ice", barrier=True)
    svc.close()
    clock.advance(minutes=45)
    svc = open_spasmlog(journal_path, clock)
    try:
        assert [s.id for s in svc.closed_while_away] == [started.id]
        closed = svc._repo.get("therapy", started.id)
        assert (closed.ended, closed.end_reason) == (started.planned_end, "closed_while_away")
        assert svc.therapy.current() is None
        assert f"ended at {hhmm(started.planned_end)} while SpasmLog was closed" in svc.therapy.closed_message(closed)
        assert "while SpasmLog was closed" in svc.status()["closed_while_away"][0]
        # the hour off counts from the planned end
        assert svc.therapy.availability("ice").next_allowed == started.planned_end + timedelta(minutes=60)
    finally:
        svc.close()
    svc = open_spasmlog(journal_path, clock)  # told once: the next opening finds nothing to close
    assert svc.closed_while_away == []
    svc.close()


def test_a_session_still_running_resumes_with_the_right_remaining_time(journal_path, clock):
    svc = open_spasmlog(journal_path, clock)
    svc.therapy.start("heat", minutes=18)
    svc.close()
    clock.advance(minutes=7, seconds=30)
    svc = open_spasmlog(journal_path, clock)
    try:
        assert svc.closed_while_away == []
        assert svc.therapy.current().remaining_s == 10 * 60 + 30
    finally:
        svc.close()


def test_a_refused_start_writes_nothing(svc, clock, journal_path):
    svc.therapy.start("ice", barrier=True)
    clock.advance(minutes=20)
    svc.therapy.complete()
    before = row_counts(journal_path)
    for kind, barrier in (("ice", True), ("ice", False)):
        with pytest.raises(RuleRefusal):
            svc.therapy.start(kind, barrier=barrier)
    assert row_counts(journal_path) == before


# -- hypothesis: no sequence of actions ever breaks the live rules ------------------------------------------
_ops = st.one_of(
    st.tuples(st.just("start"), st.sampled_from(["ice", "heat"]), st.sampled_from([None, 1, 5, 10, 15, 20]),
              st.booleans()),
    st.tuples(st.just("stop")),
    st.tuples(st.just("advance"), st.integers(0, 90), st.integers(0, 59)),
    st.tuples(st.just("past"), st.sampled_from(["ice", "heat"]), st.integers(1, 300), st.integers(1, 40)),
)


def _check_invariants(sessions):
    ordered = sorted(rules.counted(sessions), key=lambda s: s.started)  # a cancelled start imposes nothing
    for a, b in zip(ordered, ordered[1:]):
        assert b.started >= rules.effective_end(a), f"overlap: {a} / {b}"
    for a in ordered:
        for b in ordered:
            if a is b or a.kind != b.kind or b.started < a.started:
                continue
            if b.started < rules.allowed_again(a):
                # Only possible when a past entry made it so, and then it is marked.
                marked = [s for s in (a, b) if s.retroactive and f"{s.kind}_off" in s.rule_breaks]
                assert marked, f"{a.kind} restarted too soon: {a} / {b}"
            if a.kind == "ice" and not (a.retroactive or b.retroactive):
                assert b.started - rules.effective_end(a) >= timedelta(minutes=60)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_ops, max_size=30))
def test_no_sequence_of_actions_breaks_the_rules(ops):
    clock = FakeClock()
    svc = open_spasmlog(None, clock)
    try:
        for op in ops:
            try:
                if op[0] == "start":
                    svc.therapy.start(op[1], minutes=op[2], barrier=op[3])
                elif op[0] == "stop":
                    svc.therapy.stop()
                elif op[0] == "advance":
                    clock.advance(minutes=op[1], seconds=op[2])
                    svc.therapy.current()
                else:
                    end = clock() - timedelta(minutes=op[2])
                    svc.therapy.add_past(op[1], end - timedelta(minutes=op[3]), end)
            except SpasmLogError:
                pass
            _check_invariants(svc._repo.between("therapy"))
    finally:
        svc.close()


def test_pure_rules_ignore_sessions_after_the_time_asked():
    later = TherapySession("ice", T0 + timedelta(hours=1), T0 + timedelta(hours=1, minutes=10),
                           ended=T0 + timedelta(hours=1, minutes=10))
    assert rules.availability("ice", [later], T0, None, timezone.utc).allowed


# -- a start stopped within its first minute is cancelled (CLINICAL.md section 1) -------------------------
@pytest.mark.parametrize("kind, seconds, reason", [
    ("ice", 0, "cancelled"), ("ice", 30, "cancelled"), ("ice", 59, "cancelled"), ("ice", 60, "stopped"),
    ("heat", 59, "cancelled"), ("heat", 60, "stopped"), ("heat", 14 * 60, "stopped"),
])
def test_a_stop_within_the_first_minute_cancels_the_start(mem, clock, kind, seconds, reason):
    mem.therapy.start(kind, barrier=True)
    clock.advance(seconds=seconds)
    assert mem.therapy.current().stop_cancels is (reason == "cancelled")
    assert mem.therapy.stop().end_reason == reason


@pytest.mark.parametrize("kind", ["ice", "heat"])
def test_a_cancelled_start_needs_no_time_off_and_reminds_of_nothing(mem, clock, kind):
    mem.therapy.start(kind, barrier=True)
    clock.advance(seconds=20)
    mem.therapy.stop()
    assert mem.therapy.availability(kind).allowed is True
    coming = mem.reminders.between(clock() - timedelta(hours=1), clock() + timedelta(hours=3))
    assert {r["kind"] for r in coming} <= {"daily_checkin", "move"}  # no end, pain check or "allowed again"
    assert mem.therapy.start(kind, barrier=True).started == clock()


def test_a_cancelled_start_is_counted_nowhere_but_shown_in_the_journal(mem, clock):
    from app.services.trends import trend_numbers
    _cancelled_ice(mem, clock)
    assert trend_numbers(mem, 7)["sessions_week"] == 0
    (row,) = mem.entries.timeline(kinds="therapy")
    assert row.summary == "Ice · start cancelled" and row.extra["cancelled"] is True
    assert "not counted" in row.detail
    clock.advance(minutes=5)
    _ice(mem, clock, 4)
    assert trend_numbers(mem, 7)["sessions_week"] == 1


def _cancelled_ice(mem, clock):
    s = mem.therapy.start("ice", barrier=True)
    clock.advance(seconds=10)
    mem.therapy.stop()
    return s


def test_undo_of_a_cancelled_start_runs_it_on_while_its_time_is_not_up(mem, clock):
    s = _cancelled_ice(mem, clock)
    clock.advance(seconds=20)
    restored = mem.therapy.undo_cancel(s.id)
    assert restored.ended is None and mem.therapy.current().id == s.id
    assert mem.therapy.availability("ice").allowed is False


def test_undo_of_a_cancelled_start_after_its_time_counts_it_as_stopped(mem, clock):
    s = _cancelled_ice(mem, clock)
    clock.advance(minutes=30)
    restored = mem.therapy.undo_cancel(s.id)
    assert (restored.end_reason, restored.ended) == ("stopped", T0 + timedelta(seconds=10))
    assert mem.therapy.availability("ice").next_allowed == T0 + timedelta(minutes=61)


def test_undo_of_a_cancelled_start_is_refused_once_another_session_started(mem, clock):
    s = _cancelled_ice(mem, clock)
    mem.therapy.start("heat")
    with pytest.raises(JournalError) as err:
        mem.therapy.undo_cancel(s.id)
    assert "another session has started" in err.value.message
    with pytest.raises(JournalError):
        mem.therapy.undo_cancel(mem.therapy.current().id)  # not a cancelled start


def test_heat_stopped_before_15_min_asks_a_plain_question(mem, clock):
    mem.therapy.start("heat")
    clock.advance(minutes=5)
    cur = mem.therapy.current()
    assert cur.stop_question == "15–20 min works best; stop now?"
    clock.advance(minutes=10)
    assert mem.therapy.current().stop_question is None
    assert mem.therapy.stop().end_reason == "stopped"


def test_closed_while_away_says_to_take_the_ice_off():
    s = TherapySession("ice", T0, T0 + timedelta(minutes=10), ended=T0 + timedelta(minutes=10),
                       end_reason="closed_while_away")
    assert rules.closed_message(s, timezone.utc).endswith("Take the ice off if it is still on.")
