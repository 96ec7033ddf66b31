"""Behaviour fixed after review: summer/winter time, undo that would break the journal, stale pain links."""
import os
import subprocess
import sys
from datetime import timedelta

import pytest

from app.core.errors import JournalError


def _in_berlin(code: str) -> str:
    env = {**os.environ, "TZ": "Europe/Berlin"}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout.strip()


@pytest.mark.parametrize("typed, stored", [
    ("2026-07-01T12:00", "2026-07-01T10:00:00+00:00"),   # summer: UTC+2
    ("2026-01-15T12:00", "2026-01-15T11:00:00+00:00"),   # winter: UTC+1
])
def test_a_local_time_is_stored_with_the_offset_of_its_own_date(typed, stored):
    out = _in_berlin(f"from app.core.timeutil import parse_time, to_store; print(to_store(parse_time({typed!r})))")
    assert out == stored


def test_a_stored_time_shows_in_the_local_time_of_its_own_date():
    out = _in_berlin("from app.core.timeutil import from_store, hhmm; "
                     "print(hhmm(from_store('2026-07-01T10:00:00+00:00')), hhmm(from_store('2026-01-15T11:00:00+00:00')))")
    assert out == "12:00 12:00"


def test_daily_checkin_keeps_its_wall_clock_time_across_the_change_to_summer_time():
    code = """
from datetime import datetime, timezone
from app.core.reminders import daily_reminders
from app.core.timeutil import hhmm
start = datetime(2026, 3, 27, 12, tzinfo=timezone.utc)
end = datetime(2026, 3, 31, 12, tzinfo=timezone.utc)
print(' '.join(hhmm(r.at) for r in daily_reminders(start, end, '20:00', None)))
"""
    assert set(_in_berlin(code).split()) == {"20:00"}


def test_undo_of_an_episode_refused_while_another_is_open(mem, clock):
    first = mem.entries.start_episode(at=clock() - timedelta(hours=5))
    token = mem.entries.delete("episode", first.id)
    mem.entries.start_episode()
    with pytest.raises(JournalError) as err:
        mem.entries.undo(token)
    assert err.value.field == "undo"
    assert mem.entries.get("episode", mem.entries.open_episode().id).id != first.id
    assert mem.repo.get("episode", first.id) is None  # still deleted: the refusal wrote nothing


def test_undo_of_a_therapy_session_refused_when_another_now_overlaps(mem, clock):
    ice = mem.therapy.start("ice", barrier=True)
    token = mem.entries.delete("therapy", ice.id)
    mem.therapy.start("heat", minutes=15)
    with pytest.raises(JournalError):
        mem.entries.undo(token)
    assert mem.repo.get("therapy", ice.id) is None


def test_pain_scores_follow_their_episode_through_late_entry_edit_and_delete(mem, clock):
    score = mem.entries.log_pain(6, at=clock() - timedelta(hours=2))
    assert mem.repo.get("pain", score.id).episode_id is None
    episode = mem.entries.start_episode(at=clock() - timedelta(hours=3))      # entered after the score
    assert mem.repo.get("pain", score.id).episode_id == episode.id
    mem.entries.edit("episode", episode.id, started=clock() - timedelta(hours=1))  # now starts after the score
    assert mem.repo.get("pain", score.id).episode_id is None
    mem.entries.edit("episode", episode.id, started=clock() - timedelta(hours=4))
    token = mem.entries.delete("episode", episode.id)
    assert mem.repo.get("pain", score.id).episode_id is None
    mem.entries.undo(token)
    assert mem.repo.get("pain", score.id).episode_id == episode.id


def test_an_unacknowledged_emergency_flag_stays_in_status_until_acknowledged(mem, clock):
    mem.entries.log_symptoms(["bladder_bowel"])
    clock.advance(days=30)
    codes = [f["code"] for f in mem.flags.open_flags()]
    assert "bladder_bowel" in codes
    mem.flags.acknowledge("bladder_bowel")
    assert "bladder_bowel" not in [f["code"] for f in mem.flags.open_flags()]


def test_an_old_three_day_episode_stays_flagged_until_acknowledged(mem, clock):
    start = clock() - timedelta(days=40)
    mem.entries.start_episode(at=start)
    mem.entries.end_episode(at=start + timedelta(hours=80))
    assert [f["code"] for f in mem.flags.open_flags()] == ["spasm_over_3_days"]
    mem.flags.acknowledge("spasm_over_3_days")
    assert mem.flags.open_flags() == []


def test_status_json_flags_carry_exactly_code_tier_message(mem):
    from app.services.status import status_json
    mem.entries.log_symptoms(["fever"])
    flags = status_json(mem.status())["flags"]
    assert flags and all(set(f) == {"code", "tier", "message"} for f in flags)


def test_demo_history_leaves_only_recent_flags_open(tmp_path, clock):
    from app.services import open_spasmlog
    from app.services.demo import generate
    svc = open_spasmlog(tmp_path / "demo.db", clock)
    generate(svc.repo, clock(), 3650, seed=3)
    assert all(f["raised_at"] >= clock() - timedelta(days=2) for f in svc.flags.open_flags())
    assert any(h["acknowledged_at"] for h in svc.flags.history(None, None))


def test_a_busy_journal_is_a_friendly_refusal_and_writes_nothing(journal_path, clock):
    import sqlite3

    from app.core.errors import JournalBusy
    from app.services import open_spasmlog
    svc = open_spasmlog(journal_path, clock)
    svc.db.conn.execute("PRAGMA busy_timeout = 100")
    other = sqlite3.connect(journal_path)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    with pytest.raises(JournalBusy):
        svc.entries.start_episode()
    other.rollback()
    assert svc.entries.open_episode() is None
    assert svc.entries.start_episode().id == 1


@pytest.mark.parametrize("argv", [["status"], ["status", "--json"]])
def test_read_commands_refuse_a_missing_journal_and_create_nothing(tmp_path, argv, capsys):
    from app.cli.main import main
    missing = tmp_path / "no" / "such.db"
    assert main([*argv, "--db", str(missing)]) == 2
    assert "no journal at" in capsys.readouterr().err
    assert not missing.parent.exists()


@pytest.mark.parametrize("option, value", [("--to", "9999-12-31"), ("--from", "0001-01-01")])
def test_export_dates_out_of_range_exit_2_and_write_nothing(svc, journal_path, tmp_path, option, value, capsys):
    from app.cli.main import main
    out = tmp_path / "out"
    assert main(["export", "--db", str(journal_path), "--out", str(out), option, value]) == 2
    assert option in capsys.readouterr().err
    assert not out.exists()


def test_minutes_that_are_not_a_number_say_what_is_allowed(svc, journal_path, capsys):
    from app.cli.main import main
    assert main(["therapy", "start", "heat", "--minutes", "abc", "--db", str(journal_path)]) == 2
    assert "allowed: ice 1 to 10, heat 15 to 20" in capsys.readouterr().err


def test_a_local_time_the_clocks_skipped_is_refused_not_moved():
    code = """
from app.core.errors import JournalError
from app.core.timeutil import parse_time, to_store
try:
    parse_time('2026-03-29T02:30', 'at')
except JournalError as exc:
    print(exc.message)
print(to_store(parse_time('2026-03-29T03:30')), to_store(parse_time('2026-10-25T02:30')))
"""
    refused, kept = _in_berlin(code).splitlines()
    assert refused.startswith("at: 02:30 did not happen on 29 Mar 2026"), refused
    # an hour that exists is kept; the autumn's repeated hour is taken once, as the first
    assert kept == "2026-03-29T01:30:00+00:00 2026-10-25T00:30:00+00:00", kept
