"""The symptom check, the emergency screen, Today's flag banners and Export, driven in the real app."""
import sqlite3
import stat
from datetime import timedelta

import pytest

from app.core.timeutil import fixed_clock, parse_time
from app.services import open_spasmlog

pytestmark = pytest.mark.ui

AT = "2026-03-02T09:00:00+00:00"


def _journal(path, at=AT):
    """A real journal file opened with the services at a fixed time (set up before the app starts)."""
    return open_spasmlog(path, fixed_clock(parse_time(at)))


def _acks(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT code FROM flag_acks").fetchall()


def test_emergency_answer_takes_over_until_held(ui, journal_path):
    ui("flags_symptom_emergency", journal_path, at=AT)
    with sqlite3.connect(journal_path) as conn:
        assert conn.execute("SELECT codes FROM symptom_checks").fetchall() == [("bladder_bowel",)]
    assert _acks(journal_path) == [("bladder_bowel",)]


def test_an_emergency_answer_opens_the_emergency_screen_at_once(ui, journal_path):
    ui("flags_emergency_answer_at_once", journal_path, at=AT)


def test_not_now_keeps_a_yes_answer(ui, journal_path):
    ui("flags_not_now_keeps_yes", journal_path, at=AT)


def test_all_no_says_thank_you(ui, journal_path):
    ui("flags_symptom_none", journal_path, at=AT)
    assert _acks(journal_path) == []


def test_emergency_banner_reopens_the_screen(ui, journal_path):
    svc = _journal(journal_path)
    svc.entries.log_symptoms(["both_legs"], at=svc.now() - timedelta(hours=1))
    svc.close()
    ui("flags_emergency_banner", journal_path, at=AT)
    assert _acks(journal_path) == [("both_legs",)]


def test_three_day_banner_until_seen(ui, journal_path):
    svc = _journal(journal_path)
    svc.entries.start_episode(regions=["lower_back_left"], trigger="lifting", at=svc.now() - timedelta(hours=80))
    svc.entries.log_pain(7, at=svc.now() - timedelta(hours=79))
    svc.close()
    ui("flags_three_day_banner", journal_path, at=AT)
    assert _acks(journal_path) == [("spasm_over_3_days",)]


def test_export_writes_private_files(ui, journal_path):
    from app.services.demo import generate
    svc = _journal(journal_path)
    generate(svc._repo, svc.now(), 30, seed=5)
    svc.close()
    ui("flags_export", journal_path, at=AT)
    folder = journal_path.parent / "exports" / "2026-03-02"
    files = sorted(folder.iterdir())
    names = [p.name for p in files]
    assert any(n.endswith("_report.pdf") for n in names), names
    assert any(n.endswith("_fhir.json") for n in names), names
    assert sum(n.endswith(".csv") for n in names) == 8, names  # 6 kinds of entry, flags, profile
    assert any(n.endswith("_README.txt") for n in names), names
    assert len(files) == 11
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600, path
        assert path.stat().st_size > 0
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


@pytest.mark.parametrize("size", ["400x800", "360x640"])
def test_flag_screens_shots(ui, journal_path, size):
    """Screenshots for a person to look at (symptom check, emergency, Today with banners, Export)."""
    from app.services.demo import generate
    svc = _journal(journal_path)
    generate(svc._repo, svc.now() - timedelta(days=4), 60, seed=5)
    if svc.entries.open_episode() is None:
        svc.entries.start_episode(regions=["lower_back_left"], trigger="fall", at=svc.now() - timedelta(hours=80))
    svc.entries.log_symptoms(["radiating_pain"], at=svc.now() - timedelta(hours=30))
    svc.close()
    ui("flags_shots", journal_path, at=AT, size=size)
