"""Settings kept after a restart, the first-start welcome, and Trends on a demo journal: the real app, driven."""
import os
import signal
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
    ui("trends_on_demo_journal", journal_path)


def test_remind_me_when_closed_installs_and_starts_the_agent_and_off_stops_it(ui, journal_path, tmp_path, monkeypatch):
    from app.adapters.presence import holder
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)  # no desktop: the agent must not reach a real one
    try:
        ui("settings_remind_when_closed", journal_path)
    finally:
        left = holder(journal_path, "agent")
        if left:
            os.kill(left, signal.SIGTERM)  # the scenario failed half-way: end the agent it started
    assert left is None  # it stopped itself when turned off
    assert _settings(journal_path)["remind_when_closed"] == "off"
    assert not (tmp_path / "config" / "autostart" / "spasmlog-reminders.desktop").exists()
