"""The repository: every entry kind written and read back equal, updates, soft delete, time queries."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.entities import (Activity, Dose, Episode, FlagAck, PainScore, Profile, SymptomCheck,
                               TherapySession)
from app.store.journal import open_memory_journal
from app.store.repository import Repository

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
PLUS1 = timezone(timedelta(hours=1))


@pytest.fixture
def repo():
    db = open_memory_journal()
    yield Repository(db)
    db.close()


def _at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def _samples():
    """One fully filled entry of every kind (times in a non-UTC zone on purpose)."""
    return {
        "episode": Episode(started=_at(-600).astimezone(PLUS1), ended=_at(-60), regions=("neck", "lower_back_left"),
                           trigger="lifting", note="Picked up a box ✓"),
        "pain": PainScore(at=_at(-300), score=7, note="sharp when bending", context="before_ice"),
        "therapy": TherapySession(kind="ice", started=_at(-290), planned_end=_at(-280), ended=_at(-282),
                                  end_reason="stopped", barrier=True, retroactive=True,
                                  rule_breaks=("ice_too_soon", "ice_no_barrier")),
        "dose": Dose(at=_at(-200), name="Ibuprofen", med_class="nsaid", dose="400 mg"),
        "symptoms": SymptomCheck(at=_at(-100), codes=("leg_numbness", "fever")),
        "activity": Activity(at=_at(-30), kind="walk", minutes=25, note="round the park"),
    }


@pytest.mark.parametrize("kind", list(_samples()))
def test_every_kind_round_trips_equal(repo, kind):
    entry = _samples()[kind].validate(T0, timezone.utc)
    saved = repo.add(entry)
    assert isinstance(saved.id, int)
    back = repo.get(kind, saved.id)
    assert back == entry
    assert type(back) is type(entry)
    for name in ("at", "started", "ended", "planned_end"):
        value = getattr(back, name, None)
        if value is not None:
            assert value.utcoffset() is not None


def test_empty_and_optional_fields_round_trip(repo):
    for entry in (Episode(started=_at(-10)), PainScore(at=_at(-5), score=0),
                  SymptomCheck(at=_at(-4), codes=()), Activity(at=_at(-3), kind="other"),
                  TherapySession(kind="heat", started=_at(-2), planned_end=_at(18))):
        kind = {Episode: "episode", PainScore: "pain", SymptomCheck: "symptoms", Activity: "activity",
                TherapySession: "therapy"}[type(entry)]
        saved = repo.add(entry.validate(T0, timezone.utc))
        assert repo.get(kind, saved.id) == saved


@given(score=st.integers(0, 10), minutes=st.integers(0, 10 ** 7),
       note=st.text(max_size=300).filter(lambda t: "\x00" not in t),
       offset=st.integers(-14 * 60, 14 * 60))
@settings(max_examples=60)
def test_pain_round_trips_for_any_time_note_and_zone(score, minutes, note, offset):
    db = open_memory_journal()
    try:
        repo = Repository(db)
        at = (T0 - timedelta(minutes=minutes)).astimezone(timezone(timedelta(minutes=offset)))
        entry = PainScore(at=at, score=score, note=note).validate(T0, timezone.utc)
        assert repo.get("pain", repo.add(entry).id) == entry
    finally:
        db.close()


def test_update_writes_every_field(repo):
    episode = repo.add(_samples()["episode"].validate(T0, timezone.utc))
    changed = Episode(started=_at(-900), ended=_at(-800), regions=("leg_right",), trigger=None, note="",
                      id=episode.id)
    repo.update(changed)
    assert repo.get("episode", episode.id) == changed


def test_get_unknown_id_is_none(repo):
    assert repo.get("pain", 12345) is None


def test_soft_delete_hides_and_undo_restores(repo):
    pain = repo.add(PainScore(at=_at(-5), score=4))
    assert repo.set_deleted("pain", pain.id, T0)
    assert repo.get("pain", pain.id) is None
    assert repo.get("pain", pain.id, include_deleted=True) == pain
    assert repo.between("pain") == [] and repo.count("pain") == 0 and repo.latest("pain") is None
    assert list(repo.timeline()) == []
    assert repo.set_deleted("pain", pain.id, None)
    assert repo.get("pain", pain.id) == pain
    assert repo.count("pain") == 1
    assert not repo.set_deleted("pain", 999, T0)


def test_between_is_start_inclusive_end_exclusive(repo):
    for minutes in (0, 30, 59, 60, 90):
        repo.add(PainScore(at=_at(-120 + minutes), score=minutes % 11))
    start, end = _at(-90), _at(-60)  # minutes 30..59 of the list above
    found = repo.between("pain", start, end)
    assert [p.at for p in found] == [_at(-90), _at(-61)]
    assert [p.at for p in repo.between("pain", start, end, newest_first=True)] == [_at(-61), _at(-90)]
    assert len(repo.between("pain", start)) == 4
    assert len(repo.between("pain", None, end)) == 3
    assert len(repo.between("pain", limit=2)) == 2
    assert repo.latest("pain").at == _at(-30)


def test_between_compares_instants_not_zone_text(repo):
    repo.add(PainScore(at=_at(-60).astimezone(PLUS1), score=3))
    assert len(repo.between("pain", _at(-61), _at(-59))) == 1
    assert repo.between("pain", _at(-59).astimezone(timezone(timedelta(hours=-5))), _at(0)) == []


def test_timeline_is_newest_first_across_kinds_and_filters_by_kind(repo):
    samples = _samples()
    for entry in samples.values():
        repo.add(entry.validate(T0, timezone.utc))
    rows = list(repo.timeline())
    assert [kind for kind, _ in rows] == ["activity", "symptoms", "dose", "therapy", "pain", "episode"]
    times = [row["t"] for _, row in rows]
    assert times == sorted(times, reverse=True)
    only = list(repo.timeline(kinds=("pain", "dose")))
    assert [kind for kind, _ in only] == ["dose", "pain"]
    assert [kind for kind, _ in repo.timeline(limit=2)] == ["activity", "symptoms"]
    assert [kind for kind, _ in repo.timeline(before=_at(-150))] == ["dose", "therapy", "pain", "episode"]


def test_episode_at_and_overlapping_episodes(repo):
    first = repo.add(Episode(started=_at(-600), ended=_at(-400)))
    second = repo.add(Episode(started=_at(-100)))  # still open
    assert repo.episode_at(_at(-600)).id == first.id  # bounds are inclusive
    assert repo.episode_at(_at(-400)).id == first.id
    assert repo.episode_at(_at(-399)) is None
    assert repo.episode_at(_at(-50)).id == second.id
    assert repo.episode_at(_at(-700)) is None
    assert repo.open_episode().id == second.id
    assert [e.id for e in repo.overlapping_episodes(_at(-500), _at(-450))] == [first.id]
    assert {e.id for e in repo.overlapping_episodes(_at(-450), None)} == {first.id, second.id}
    assert repo.overlapping_episodes(_at(-350), _at(-150)) == []
    assert repo.overlapping_episodes(_at(-500), _at(-450), exclude_id=first.id) == []
    repo.set_deleted("episode", second.id, T0)
    assert repo.open_episode() is None and repo.episode_at(_at(-50)) is None


def test_running_session_and_sessions_since(repo):
    done = repo.add(TherapySession(kind="ice", started=_at(-120), planned_end=_at(-110), ended=_at(-110)))
    running = repo.add(TherapySession(kind="heat", started=_at(-5), planned_end=_at(15)))
    assert repo.running_session().id == running.id
    assert [s.id for s in repo.sessions_since(_at(-115))] == [done.id, running.id]
    assert [s.id for s in repo.sessions_since(_at(-100))] == [running.id]


def test_acks_profile_and_settings_round_trip(repo):
    ack = repo.add_ack(FlagAck(code="fever", at=_at(-1), key="check:1"))
    assert repo.acks() == [ack]
    assert repo.acks_for(["check:1", "check:2"]) == [ack]
    assert repo.acks_for([]) == []
    assert repo.profile() == Profile()
    profile = Profile(osteoporosis="yes", steroids="no", cancer_history="unknown", age_band="60_74", answered=True)
    repo.save_profile(profile)
    repo.save_profile(profile)  # saving again replaces, never duplicates
    assert repo.profile() == profile
    repo.save_setting("sounds", "off")
    repo.save_setting("sounds", "on")
    assert repo.settings() == {"sounds": "on"}


def test_transaction_is_all_or_nothing(repo):
    with pytest.raises(RuntimeError):
        with repo.transaction():
            repo.add(PainScore(at=_at(-3), score=2))
            repo.add(Dose(at=_at(-2), name="Ibuprofen", med_class="nsaid"))
            raise RuntimeError("stop half-way")
    assert repo.count("pain") == 0 and repo.count("dose") == 0


def test_add_many_inserts_every_entry(repo):
    repo.add_many(PainScore(at=_at(-i), score=i % 11) for i in range(1, 51))
    repo.add_many([])
    assert repo.count("pain") == 50
    assert repo.between("pain")[0].score == 50 % 11


def test_old_flag_episodes_are_found_by_the_rule_core_reads_from_guidance_not_by_numbers_in_sql(clock):
    from datetime import timedelta

    from app.core.flags import EpisodeFlagRule, episode_flag_rule
    from app.core.guidance import guidance
    from app.services import open_spasmlog
    svc = open_spasmlog(None, clock)
    start = clock() - timedelta(days=40)
    svc.entries.start_episode(at=start)
    svc.entries.end_episode(at=start + timedelta(hours=60))
    since = clock() - timedelta(days=10)
    rule = episode_flag_rule()
    assert rule.over_days * 24 == guidance()["flags"]["spasm_over_3_days"]["hours"]
    assert svc._repo.unacknowledged_flag_episodes(since, rule) == []  # 60 h is not over 72 h
    two_days = EpisodeFlagRule(rule.trauma_triggers, rule.fall_triggers, over_days=2)  # as if guidance said 48 h
    assert [e.started for e in svc._repo.unacknowledged_flag_episodes(since, two_days)] == [start]
    svc.close()
