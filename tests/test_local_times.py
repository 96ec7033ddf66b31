"""Local wall-clock times: stored with the offset of their own date, shown likewise, skipped hours refused."""
import os
import subprocess
import sys

import pytest


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
