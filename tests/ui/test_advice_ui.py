"""New advice lands where the person is looking, is never contradicted, and emergency advice is recalled until care."""
import sqlite3
from datetime import timedelta

import pytest

from app.core.timeutil import fixed_clock, parse_time
from app.services import open_spasmlog

pytestmark = pytest.mark.ui

AT = "2026-03-02T09:00:00+00:00"


def _journal(path):
    return open_spasmlog(path, fixed_clock(parse_time(AT)))


def _episode(path, trigger="lifting"):
    svc = _journal(path)
    svc.entries.start_episode(regions=["lower_back_left"], trigger=trigger, at=svc.now() - timedelta(hours=3))
    svc.entries.log_pain(6, at=svc.now() - timedelta(hours=2))
    svc.close()


@pytest.mark.parametrize("size", ["400x800", "360x640"])
def test_a_new_flag_scrolls_today_to_it(ui, journal_path, size):
    _episode(journal_path)
    ui("advice_scrolls_into_view", journal_path, at=AT, size=size)


def test_no_thank_you_for_no_warning_signs_beside_open_advice(ui, journal_path):
    _episode(journal_path, trigger="fall")
    ui("advice_not_contradicted", journal_path, at=AT, size="360x640")


def test_acknowledged_emergency_advice_stays_calmly_until_care(ui, journal_path):
    _episode(journal_path)
    ui("advice_emergency_recalled", journal_path, at=AT, size="360x640")
    with sqlite3.connect(journal_path) as conn:
        assert conn.execute("SELECT value FROM settings WHERE key = 'care_recorded_at'").fetchone() is not None
