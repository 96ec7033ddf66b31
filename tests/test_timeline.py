"""The Journal list service: pages newest first, every entry exactly once, plain summaries; remembered medicines;
an episode and its first pain score written together or not at all."""
from datetime import timedelta

import pytest

from app.core.errors import JournalError
from app.core.entities import TherapySession
from tests.conftest import T0, row_counts


def _all_pages(svc, kinds=None, limit=3):
    seen, before = [], None
    while True:
        page = svc.entries.timeline(kinds, limit=limit, before=before)
        if not page:
            return seen
        seen.extend(page)
        before = page[-1]


@pytest.mark.parametrize("log, summary", [
    (lambda e: e.log_pain(6), "Pain 6/10"),
    (lambda e: e.log_dose("Ibuprofen", "nsaid", "400 mg"), "Ibuprofen 400 mg"),
    (lambda e: e.log_dose("Tiger balm", "other"), "Tiger balm"),
    (lambda e: e.log_activity("walk", 30), "Walk 30 min"),
    (lambda e: e.log_activity("stretching"), "Stretching"),
    (lambda e: e.log_symptoms("none"), "Symptom check: no warning signs"),
    (lambda e: e.log_symptoms(["fever"]), "Symptom check: Fever"),
])
def test_each_kind_has_a_plain_summary(mem, log, summary):
    log(mem.entries)
    (row,) = mem.entries.timeline()
    assert row.summary == summary


def test_ice_session_and_episodes_summarised(mem, clock):
    start = clock() - timedelta(days=3)
    mem._repo.add(TherapySession("ice", start, start + timedelta(minutes=10), ended=start + timedelta(minutes=10),
                                end_reason="completed", barrier=True))
    mem.entries.start_episode(regions=["neck"], trigger="lifting", at=start - timedelta(hours=4))
    mem.entries.end_episode(at=start + timedelta(days=2))
    mem.entries.start_episode(regions=["lower_back_left"], at=clock() - timedelta(hours=5))
    rows = {r.summary: r for r in mem.entries.timeline()}
    assert "Ice 10 min" in rows
    assert "Spasm · 2 days 4 h" in rows
    assert "Spasm · going on" in rows
    assert rows["Spasm · going on"].detail == "5 h so far · Left lower back"
    assert "Neck" in rows["Spasm · 2 days 4 h"].detail
    assert "lifting" in rows["Spasm · 2 days 4 h"].detail


def test_pages_are_newest_first_and_cover_every_entry_once_even_with_ties(mem, clock):
    same = clock() - timedelta(hours=1)
    for score in range(5):  # five entries in the same second, spread over page boundaries
        mem.entries.log_pain(score, at=same)
    mem.entries.log_dose("Ibuprofen", "nsaid", at=same)
    for h in range(2, 9):
        mem.entries.log_activity("walk", 10 + h, at=clock() - timedelta(hours=h))
    rows = _all_pages(mem, limit=3)
    assert len(rows) == 13
    assert len({(r.kind, r.id) for r in rows}) == 13
    assert [r.at for r in rows] == sorted((r.at for r in rows), reverse=True)


def test_filter_by_kind_and_deleted_entries_left_out(mem, clock):
    pain = mem.entries.log_pain(3, at=clock() - timedelta(minutes=30))
    mem.entries.log_dose("Ibuprofen", "nsaid")
    mem.entries.log_pain(4)
    assert [r.kind for r in mem.entries.timeline(["pain"])] == ["pain", "pain"]
    token = mem.entries.delete("pain", pain.id)
    assert [r.summary for r in mem.entries.timeline()] == ["Pain 4/10", "Ibuprofen"]
    mem.entries.undo(token)
    assert len(mem.entries.timeline()) == 3


def test_before_a_time_gives_strictly_older_entries(mem, clock):
    mem.entries.log_pain(1, at=clock() - timedelta(hours=2))
    mem.entries.log_pain(2, at=clock() - timedelta(hours=1))
    assert [r.summary for r in mem.entries.timeline(before=clock() - timedelta(hours=1))] == ["Pain 1/10"]


@pytest.mark.parametrize("kwargs, field", [
    ({"kinds": ["nap"]}, "kinds"),
    ({"kinds": []}, "kinds"),
    ({"limit": 0}, "limit"),
    ({"limit": True}, "limit"),
    ({"before": "yesterday"}, "before"),
])
def test_bad_timeline_requests_are_refused(mem, kwargs, field):
    with pytest.raises(JournalError) as err:
        mem.entries.timeline(**kwargs)
    assert err.value.field == field


def test_recent_medicines_newest_first_one_per_name(mem, clock):
    mem.entries.log_dose("Ibuprofen", "nsaid", "200 mg", at=clock() - timedelta(hours=5))
    mem.entries.log_dose("Cyclobenzaprine", "relaxant", "5 mg", at=clock() - timedelta(hours=4))
    mem.entries.log_dose("ibuprofen", "nsaid", "400 mg", at=clock() - timedelta(hours=1))
    assert mem.entries.recent_medicines() == [("ibuprofen", "nsaid", "400 mg"),
                                              ("Cyclobenzaprine", "relaxant", "5 mg")]
    assert mem.entries.recent_medicines(limit=1) == [("ibuprofen", "nsaid", "400 mg")]


def test_episode_with_pain_written_together(svc, clock):
    at = clock() - timedelta(minutes=40)
    episode, score = svc.entries.start_episode_with_pain(["neck", "leg_left"], "fall", "", at, pain=7)
    assert episode.regions == ("neck", "leg_left")
    assert (score.score, score.context, score.at, score.episode_id) == (7, "episode_start", at, episode.id)


@pytest.mark.parametrize("kwargs", [{"pain": 11}, {"pain": "bad"}, {"note": "x" * 2001}, {"trigger": "sneeze"}])
def test_episode_with_bad_pain_or_note_writes_nothing(svc, journal_path, kwargs):
    before = row_counts(journal_path)
    with pytest.raises(JournalError):
        svc.entries.start_episode_with_pain(["neck"], **{"pain": 5, **kwargs})
    assert row_counts(journal_path) == before
    assert svc.entries.open_episode() is None


def test_first_page_of_a_ten_year_journal_reads_one_page(mem):
    from app.services.demo import generate
    generate(mem._repo, T0, 3650, seed=3)
    first = mem.entries.timeline(limit=100)
    assert len(first) == 100
    second = mem.entries.timeline(limit=100, before=first[-1])
    assert second[0].at <= first[-1].at and not {(r.kind, r.id) for r in first} & {(r.kind, r.id) for r in second}


@pytest.mark.parametrize("on_minutes, words", [
    (15, "stopped after the 15 min it needs"),  # QA: 15-20 min is within the rule, not "stopped early"
    (18, "stopped after the 15 min it needs"),
    (14, "stopped early"),
])
def test_heat_stopped_at_or_after_its_minimum_is_not_early(mem, clock, on_minutes, words):
    mem.therapy.start("heat", minutes=20)
    clock.advance(minutes=on_minutes)
    mem.therapy.stop()
    (row,) = mem.entries.timeline(["therapy"])
    assert (row.summary, row.detail) == (f"Heat {on_minutes} min", words)


def test_ice_stopped_before_its_end_still_says_early(mem, clock):
    mem.therapy.start("ice", barrier=True)
    clock.advance(minutes=6)
    mem.therapy.stop()
    (row,) = mem.entries.timeline(["therapy"])
    assert row.detail == "stopped early"


def test_an_episode_row_names_two_places_and_counts_the_rest_after_the_trigger(mem, clock):
    mem.entries.start_episode(regions=["neck", "upper_back_left", "lower_back_left", "buttock_left"],
                              trigger="lifting", at=clock() - timedelta(hours=2))
    (row,) = mem.entries.timeline()
    assert row.detail == "2 h so far · after: lifting · Neck, left upper back and 2 more", row.detail
