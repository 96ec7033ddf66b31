"""The entries service with a fixed clock: logging, past entries, episode rules, edit, delete and undo."""
from __future__ import annotations

from datetime import timedelta

import pytest

from app.core.errors import JournalError
from tests.conftest import row_counts


def _refused(field: str, fn, *args, **kwargs) -> JournalError:
    with pytest.raises(JournalError) as info:
        fn(*args, **kwargs)
    assert info.value.field == field, info.value.message
    assert info.value.message
    return info.value


def test_any_number_of_entries_a_day(svc, clock):
    for i in range(60):
        svc.entries.log_pain(i % 11)
        clock.advance(minutes=10)
    assert svc._repo.count("pain") == 60
    assert svc._repo.count("dose") == 0
    for _ in range(12):
        svc.entries.log_dose("Ibuprofen", "nsaid", "200 mg")
        svc.entries.log_activity("walk", minutes=5)
    assert svc._repo.count("dose") == 12 and svc._repo.count("activity") == 12


def test_entries_for_the_past_keep_their_time(svc, clock):
    then = clock() - timedelta(days=400, hours=3)
    pain = svc.entries.log_pain(5, at=then)
    dose = svc.entries.log_dose("Naproxen", "nsaid", at=then + timedelta(minutes=5))
    assert svc.entries.get("pain", pain.id).at == then
    assert svc.entries.get("dose", dose.id).at == then + timedelta(minutes=5)
    assert svc.entries.latest_pain().at == then


def test_entries_more_than_five_minutes_ahead_are_refused_and_not_written(svc, clock, journal_path):
    before = row_counts(journal_path)
    _refused("time", svc.entries.log_pain, 3, at=clock() + timedelta(minutes=6))
    _refused("start", svc.entries.start_episode, at=clock() + timedelta(hours=1))
    assert row_counts(journal_path) == before
    assert svc.entries.log_pain(3, at=clock() + timedelta(minutes=5)).score == 3


def test_an_episode_cannot_be_opened_twice(svc, clock, journal_path):
    first = svc.entries.start_episode(regions=["lower_back_left"], trigger="lifting")
    clock.advance(hours=2)
    before = row_counts(journal_path)
    err = _refused("episode", svc.entries.start_episode)
    assert "already open" in err.message
    assert row_counts(journal_path) == before
    assert svc.entries.open_episode().id == first.id


def test_episodes_cannot_overlap(svc, clock, journal_path):
    svc.entries.start_episode(at=clock() - timedelta(days=3))
    svc.entries.end_episode(at=clock() - timedelta(days=2))
    before = row_counts(journal_path)
    # Opening a new one inside (or before) the closed one would overlap it.
    error = _refused("start", svc.entries.start_episode, at=clock() - timedelta(days=2, hours=12))
    started = (clock() - timedelta(days=3)).astimezone()
    # the other episode is named by its local day and time, as a person reads them, not an ISO timestamp
    assert started.strftime("%a %-d %b %H:%M") in error.message and "+00:00" not in error.message, error.message
    _refused("start", svc.entries.start_episode, at=clock() - timedelta(days=5))
    assert row_counts(journal_path) == before
    # Right after it is fine.
    later = svc.entries.start_episode(at=clock() - timedelta(days=1))
    assert svc.entries.open_episode().id == later.id


def test_an_episode_end_before_its_start_is_refused(svc, clock):
    svc.entries.start_episode(at=clock() - timedelta(days=3))
    svc.entries.end_episode(at=clock() - timedelta(days=2))
    svc.entries.start_episode(at=clock() - timedelta(days=1))
    _refused("end", svc.entries.end_episode, at=clock() - timedelta(days=1, hours=1))
    assert svc.entries.open_episode() is not None


def test_end_episode_with_nothing_open_is_refused(svc, journal_path):
    before = row_counts(journal_path)
    err = _refused("episode", svc.entries.end_episode)
    assert "No spasm episode is open" in err.message
    assert row_counts(journal_path) == before


def test_end_episode_closes_it_and_summary_counts_days(svc, clock):
    episode = svc.entries.start_episode()
    clock.advance(hours=30)
    summary = svc.entries.episode_summary(svc.entries.open_episode(), clock())
    assert (summary["id"], summary["day"], summary["hours"]) == (episode.id, 2, 30.0)
    ended = svc.entries.end_episode()
    assert ended.ended == clock()
    assert svc.entries.open_episode() is None


def test_pain_is_linked_to_the_episode_at_its_time(svc, clock):
    outside = svc.entries.log_pain(1, at=clock() - timedelta(days=10))
    old = svc.entries.start_episode(at=clock() - timedelta(days=5))
    svc.entries.end_episode(at=clock() - timedelta(days=4))
    during_old = svc.entries.log_pain(8, at=clock() - timedelta(days=4, hours=12))
    current = svc.entries.start_episode(at=clock() - timedelta(hours=3))
    now_pain = svc.entries.log_pain(6)
    gap = svc.entries.log_pain(2, at=clock() - timedelta(days=2))
    assert outside.episode_id is None and gap.episode_id is None
    assert during_old.episode_id == old.id
    assert now_pain.episode_id == current.id
    assert svc.entries.get("pain", during_old.id).episode_id == old.id


def test_edit_validates_like_new_and_a_bad_edit_writes_nothing(svc, clock, journal_path):
    pain = svc.entries.log_pain(4, note="after lunch")
    stored = svc.entries.get("pain", pain.id)
    before = row_counts(journal_path)
    _refused("score", svc.entries.edit, "pain", pain.id, score=11)
    _refused("note", svc.entries.edit, "pain", pain.id, score=5, note="x" * 2001)
    _refused("time", svc.entries.edit, "pain", pain.id, at=clock() + timedelta(hours=1))
    _refused("episode_id", svc.entries.edit, "pain", pain.id, episode_id=3)  # not a field people change
    _refused("id", svc.entries.edit, "pain", 999, score=3)
    assert svc.entries.get("pain", pain.id) == stored
    assert row_counts(journal_path) == before
    edited = svc.entries.edit("pain", pain.id, score=5, note="better")
    assert (edited.score, edited.note) == (5, "better")
    assert svc.entries.get("pain", pain.id) == edited


def test_edit_moves_pain_into_an_episode_and_refuses_overlapping_episodes(svc, clock):
    first = svc.entries.start_episode(at=clock() - timedelta(days=3))
    svc.entries.end_episode(at=clock() - timedelta(days=2))
    second = svc.entries.start_episode(at=clock() - timedelta(hours=5))
    pain = svc.entries.log_pain(3, at=clock() - timedelta(days=1))
    assert pain.episode_id is None
    moved = svc.entries.edit("pain", pain.id, at=clock() - timedelta(days=2, hours=6))
    assert moved.episode_id == first.id
    _refused("start", svc.entries.edit, "episode", second.id, started=clock() - timedelta(days=2, hours=1))
    _refused("end", svc.entries.edit, "episode", first.id, ended=clock() - timedelta(days=4))
    assert svc.entries.get("episode", second.id).started == clock() - timedelta(hours=5)


def test_delete_then_undo(svc, clock):
    dose = svc.entries.log_dose("Ibuprofen", "nsaid", "400 mg")
    token = svc.entries.delete("dose", dose.id)
    _refused("id", svc.entries.get, "dose", dose.id)
    assert svc._repo.count("dose") == 0
    restored = svc.entries.undo(token)
    assert restored == dose
    assert svc.entries.get("dose", dose.id) == dose
    _refused("id", svc.entries.delete, "dose", 999)
    _refused("id", svc.entries.undo, ("dose", 999))
    _refused("kind", svc.entries.undo, ("nonsense", dose.id))


def test_a_deleted_open_episode_frees_the_way_and_undo_brings_it_back(svc):
    episode = svc.entries.start_episode()
    token = svc.entries.delete("episode", episode.id)
    assert svc.entries.open_episode() is None
    assert svc.entries.undo(token).id == episode.id
    assert svc.entries.open_episode().id == episode.id


@pytest.mark.parametrize("call, field", [
    (lambda e: e.log_dose("", "nsaid"), "name"),
    (lambda e: e.log_dose("Ibuprofen", "opioid"), "class"),
    (lambda e: e.log_activity("swimming"), "kind"),
    (lambda e: e.log_activity("walk", minutes=0), "minutes"),
    (lambda e: e.log_activity("walk", minutes="ten"), "minutes"),
    (lambda e: e.log_symptoms(["fever", "headache"]), "symptom"),
    (lambda e: e.log_symptoms(["none", "fever"]), "symptom"),
    (lambda e: e.start_episode(regions=["knee"]), "region"),
    (lambda e: e.start_episode(trigger="stress"), "trigger"),
    (lambda e: e.log_pain(3, context="during_ice"), "context"),
    (lambda e: e.log_pain("7.5"), "score"),
])
def test_bad_input_names_the_field_and_writes_nothing(svc, journal_path, call, field):
    before = row_counts(journal_path)
    _refused(field, call, svc.entries)
    assert row_counts(journal_path) == before


def test_symptoms_none_is_an_empty_check_and_codes_keep_list_order(svc):
    none = svc.entries.log_symptoms(["none"])
    assert none.codes == ()
    some = svc.entries.log_symptoms(["fever", "leg_numbness", "fever"])
    assert some.codes == ("leg_numbness", "fever")
    assert svc.entries.get("symptoms", some.id).codes == ("leg_numbness", "fever")


def test_an_end_before_the_start_is_refused_in_words(svc, clock):
    svc.entries.start_episode(at=clock() - timedelta(hours=2))
    err = _refused("end", svc.entries.end_episode, at=clock() - timedelta(hours=3))
    assert "not after the episode's start" in err.message and "in the future" not in err.message, err.message
    assert svc.entries.open_episode() is not None  # nothing written


def test_spasm_over_can_be_undone(svc, clock):
    started = clock() - timedelta(hours=2)
    episode = svc.entries.start_episode(at=started)
    svc.entries.log_pain(6)
    svc.entries.end_episode(at=clock() - timedelta(minutes=30))
    reopened = svc.entries.reopen_episode(episode.id)
    assert reopened.ended is None and svc.entries.open_episode().id == episode.id
    assert [p.episode_id for p in svc._repo.between("pain")] == [episode.id]  # its scores still belong to it


def test_an_episode_is_not_reopened_over_a_newer_one(svc, clock):
    first = svc.entries.start_episode(at=clock() - timedelta(days=2))
    svc.entries.end_episode(at=clock() - timedelta(days=1))
    svc.entries.start_episode(at=clock() - timedelta(hours=3))
    _refused("episode", svc.entries.reopen_episode, first.id)
    svc.entries.end_episode()
    _refused("start", svc.entries.reopen_episode, first.id)  # open, it would overlap the newer one
    assert svc.entries.get("episode", first.id).ended is not None
