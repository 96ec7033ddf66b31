"""Undo that would break the journal is refused; pain scores follow their episode through edits."""
from datetime import timedelta

import pytest

from app.core.errors import JournalError


def test_undo_of_an_episode_refused_while_another_is_open(mem, clock):
    first = mem.entries.start_episode(at=clock() - timedelta(hours=5))
    token = mem.entries.delete("episode", first.id)
    mem.entries.start_episode()
    with pytest.raises(JournalError) as err:
        mem.entries.undo(token)
    assert err.value.field == "undo"
    assert mem.entries.get("episode", mem.entries.open_episode().id).id != first.id
    assert mem._repo.get("episode", first.id) is None  # still deleted: the refusal wrote nothing


def test_undo_of_a_therapy_session_refused_when_another_now_overlaps(mem, clock):
    ice = mem.therapy.start("ice", barrier=True)
    token = mem.entries.delete("therapy", ice.id)
    mem.therapy.start("heat", minutes=15)
    with pytest.raises(JournalError):
        mem.entries.undo(token)
    assert mem._repo.get("therapy", ice.id) is None


def test_pain_scores_follow_their_episode_through_late_entry_edit_and_delete(mem, clock):
    score = mem.entries.log_pain(6, at=clock() - timedelta(hours=2))
    assert mem._repo.get("pain", score.id).episode_id is None
    episode = mem.entries.start_episode(at=clock() - timedelta(hours=3))      # entered after the score
    assert mem._repo.get("pain", score.id).episode_id == episode.id
    mem.entries.edit("episode", episode.id, started=clock() - timedelta(hours=1))  # now starts after the score
    assert mem._repo.get("pain", score.id).episode_id is None
    mem.entries.edit("episode", episode.id, started=clock() - timedelta(hours=4))
    token = mem.entries.delete("episode", episode.id)
    assert mem._repo.get("pain", score.id).episode_id is None
    mem.entries.undo(token)
    assert mem._repo.get("pain", score.id).episode_id == episode.id
