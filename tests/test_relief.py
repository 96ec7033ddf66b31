"""Relief (CLINICAL.md section 3): before/after windows, the 2-point and 30 % thresholds, rates per treatment."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.core.entities import Dose, PainScore, TherapySession
from app.core.relief import is_meaningful, pairs, rates
from tests.conftest import local_noon

T = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.utc)
M = timedelta(minutes=1)


def score(minutes: float, value: int, id: int) -> PainScore:
    return PainScore(at=T + minutes * M, score=value, id=id)


def ice(start_min=0, length=10, id=1) -> TherapySession:
    start = T + start_min * M
    return TherapySession("ice", start, start + length * M, ended=start + length * M, id=id)


def dose(cls="nsaid", at_min=0, id=1) -> Dose:
    return Dose(at=T + at_min * M, name="Ibuprofen", med_class=cls, id=id)


@pytest.mark.parametrize("before,after,expected", [
    (8, 6, True),    # exactly 2 points
    (8, 7, False),   # 1 point, 12.5 %
    (10, 7, True),   # 3 points, exactly 30 %
    (10, 8, True),   # 2 points, 20 %: the 2-point rule
    (3, 2, True),    # 1 point, 33 %: the 30 % rule
    (4, 3, False),   # 1 point, 25 %
    (7, 6, False),   # 1 point, 14 %
    (1, 0, True),    # 100 %
    (0, 0, False),
    (5, 5, False),
    (5, 7, False),   # worse
])
def test_meaningful_threshold(before, after, expected):
    assert is_meaningful(before, after) is expected


@pytest.mark.parametrize("before_at,expected", [
    (-120, True),   # exactly 2 h before the start
    (-121, False),  # too early
    (0, True),      # at the start
    (-30, True),
])
def test_before_window(before_at, expected):
    found = pairs([ice()], [], [score(before_at, 7, 1), score(15, 4, 2)])
    assert bool(found) is expected


def test_before_is_the_latest_score_within_two_hours():
    found = pairs([ice()], [], [score(-90, 9, 1), score(-5, 6, 2), score(12, 4, 3)])
    assert found[0].before.score == 6


@pytest.mark.parametrize("after_at,expected", [
    (10, True),    # at the session's end
    (70, True),    # 60 min after the end
    (71, False),   # too late
    (5, False),    # during the session: not "after"
])
def test_session_after_window(after_at, expected):
    found = pairs([ice(length=10)], [], [score(-5, 7, 1), score(after_at, 3, 2)])
    assert bool(found) is expected


def test_after_is_the_first_score_in_the_window():
    found = pairs([ice()], [], [score(-5, 7, 1), score(15, 6, 2), score(40, 2, 3)])
    assert found[0].after.score == 6 and found[0].change == -1 and not found[0].meaningful


@pytest.mark.parametrize("after_at,expected", [
    (29, False), (30, True), (60, True), (90, True), (91, False),
])
def test_dose_after_window(after_at, expected):
    found = pairs([], [dose()], [score(-10, 7, 1), score(after_at, 4, 2)])
    assert bool(found) is expected


def test_running_session_is_not_measured():
    running = TherapySession("heat", T, T + 20 * M, id=1)
    assert pairs([running], [], [score(-5, 7, 1), score(25, 3, 2)]) == []


def test_rates_per_treatment():
    sessions = [ice(0, id=1), ice(300, id=2),
                TherapySession("heat", T + 600 * M, T + 620 * M, ended=T + 620 * M, id=3)]
    doses = [dose("nsaid", 900, id=1), dose("relaxant", 1200, id=2)]
    pains = [score(-5, 8, 1), score(12, 5, 2),       # ice 1: 8 -> 5, meaningful
             score(295, 6, 3), score(311, 5, 4),     # ice 2: 6 -> 5, not
             score(599, 5, 5), score(621, 3, 6),     # heat: 5 -> 3, meaningful
             score(890, 4, 7), score(945, 3, 8),     # nsaid: 4 -> 3, 25 %: not
             score(1190, 3, 9), score(1240, 2, 10)]  # relaxant: 3 -> 2, 33 %: meaningful
    found = pairs(sessions, doses, pains)
    assert [p.treatment for p in found] == ["ice", "ice", "heat", "nsaid", "relaxant"]
    table = {r["treatment"]: r for r in rates(found)}
    assert list(table) == ["ice", "heat", "nsaid", "relaxant", "other"]
    assert (table["ice"]["measured"], table["ice"]["meaningful"], table["ice"]["rate"]) == (2, 1, 0.5)
    assert (table["heat"]["measured"], table["heat"]["meaningful"]) == (1, 1)
    assert (table["nsaid"]["measured"], table["nsaid"]["meaningful"]) == (1, 0)
    assert (table["relaxant"]["measured"], table["relaxant"]["meaningful"]) == (1, 1)
    assert (table["other"]["measured"], table["other"]["rate"]) == (0, None)


def test_service_reads_a_period(mem, clock):
    """The Relief service pairs what was logged through the journal, for a period."""
    clock.at = local_noon(clock())  # the dose and both scores on one local day, in any zone
    clock.advance(hours=1)
    mem.entries.log_pain(7)
    clock.advance(minutes=5)
    mem.entries.log_dose("Ibuprofen", "nsaid")
    clock.advance(minutes=45)
    mem.entries.log_pain(4)
    start = clock() - timedelta(days=1)
    (pair,) = mem.relief.pairs(start, clock() + M)
    assert (pair["treatment"], pair["before"], pair["after"], pair["change"], pair["meaningful"]) == ("nsaid", 7, 4, -3, True)
    rows = {r["treatment"]: r for r in mem.relief.rates(start, clock() + M)}
    assert rows["nsaid"]["measured"] == 1 and rows["nsaid"]["meaningful"] == 1
    assert mem.relief.rates(clock() + M, clock() + 2 * M)[2]["measured"] == 0
    # A date period: the whole local day counts.
    day = clock().astimezone().date()
    assert len(mem.relief.pairs(day, day)) == 1


from hypothesis import given, strategies as st  # noqa: E402


@given(before=st.integers(0, 10), after=st.integers(0, 10))
def test_meaningful_is_two_points_or_thirty_percent(before, after):
    drop = before - after
    expected = drop > 0 and (drop >= 2 or drop / before >= 0.30 - 1e-9)
    assert is_meaningful(before, after) is expected


@given(offsets=st.lists(st.integers(-200, 200), min_size=1, max_size=8, unique=True))
def test_pairs_only_use_scores_inside_their_windows(offsets):
    pains = [score(m, 5, i) for i, m in enumerate(offsets)]
    for p in pairs([ice(length=10)], [dose("other", 0, id=2)], pains):
        start = T
        assert start - 120 * M <= p.before.at <= start
        if p.treatment == "ice":
            assert T + 10 * M <= p.after.at <= T + 70 * M
        else:
            assert T + 30 * M <= p.after.at <= T + 90 * M


def test_pain_now_is_wanted_only_without_a_score_in_the_last_30_minutes(svc, clock):
    """CLINICAL.md section 3: starting ice or heat or a dose offers "pain now" when no score is that recent."""
    assert svc.entries.pain_now_wanted()
    svc.entries.log_pain(5)
    clock.advance(minutes=30)
    assert not svc.entries.pain_now_wanted()
    clock.advance(minutes=1)
    assert svc.entries.pain_now_wanted()
    dose = svc.entries.log_dose("Ibuprofen", "nsaid", dose="400 mg")
    pain = svc.entries.log_pain_before(6, dose.at, "dose")
    assert (pain.at, pain.context) == (dose.at, "before_dose")
    assert not svc.entries.pain_now_wanted()
