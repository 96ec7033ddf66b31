"""Settings kept after a restart, the first-start welcome, and Trends on a demo journal: the real app, driven."""
import sqlite3

import pytest

pytestmark = pytest.mark.ui


def _settings(path) -> dict:
    conn = sqlite3.connect(path)
    try:
        return dict(conn.execute("SELECT key, value FROM settings"))
    finally:
        conn.close()


def test_a_setting_changed_in_settings_is_kept_after_restart(ui, journal_path):
    ui("settings_change", journal_path)
    saved = _settings(journal_path)
    assert saved["daily_checkin"] == "21:15" and saved["heat_default_minutes"] == "19"
    ui("settings_kept_after_restart", journal_path)  # a second app run on the same journal file


def test_the_welcome_shows_once_on_a_fresh_journal_and_saves_the_profile(ui, journal_path):
    ui("welcome_first_start", journal_path, fresh=True)
    assert _settings(journal_path)["welcome_seen"] == "yes"
    ui("welcome_not_again", journal_path, fresh=True)


def test_trends_shows_the_numbers_and_both_charts_on_a_demo_journal(ui, journal_path):
    ui("trends_on_demo_journal", journal_path, timeout=240)
