"""`reminders install|uninstall|list` on an encrypted journal need no passphrase: they read and write only the agent's
schedule file and the login entry, never the journal (docs/PRIVACY.md)."""
from __future__ import annotations

import hashlib
import json
import threading
from datetime import timedelta, timezone

import pytest

from app.cli.main import main
from app.core.timeutil import hhmm
from app.services import open_spasmlog
from app.services.agent_schedule import schedule_path
from app.services.privacy import encrypt
from tests.test_agent_encrypted import PASS, _agent, _ice_ending_in_ten_minutes


@pytest.fixture
def locked(journal_path, clock, tmp_path, monkeypatch):
    """An encrypted journal whose app left its schedule (an ice session ends in 10 min); no passphrase anywhere."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(tmp_path / "run"))
    monkeypatch.delenv("SPASMLOG_PASSPHRASE", raising=False)
    open_spasmlog(journal_path, clock).close()
    encrypt(journal_path, PASS)
    svc = open_spasmlog(journal_path, clock, PASS)
    svc.reminders.tz = timezone.utc
    _ice_ending_in_ten_minutes(svc)
    svc.close()
    return journal_path


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _schedule(path) -> dict:
    return json.loads(schedule_path(path).read_text())


def _entry(tmp_path):
    return tmp_path / "config" / "autostart" / "spasmlog-reminders.desktop"


def _at(clock) -> list[str]:
    return ["--at", clock().isoformat()]


def test_install_and_uninstall_need_no_passphrase_and_leave_the_journal_alone(locked, clock, tmp_path, capsys):
    digest = _digest(locked)
    assert main(["reminders", "install", "--db", str(locked)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Reminders at login: on") and err == ""
    assert str(locked) in _entry(tmp_path).read_text()
    assert _schedule(locked)["remind_when_closed"] == "on"
    assert main(["reminders", "uninstall", "--db", str(locked)]) == 0
    out, err = capsys.readouterr()
    assert out == "Reminders at login: off.\n" and err == ""
    assert not _entry(tmp_path).exists()
    assert _schedule(locked)["remind_when_closed"] == "off"
    assert _schedule(locked)["due"]  # the times the app left stay (they are the agent's to tell when on again)
    assert _digest(locked) == digest


def test_uninstall_without_the_passphrase_ends_a_running_agent(locked, clock, capsys):
    agent = _agent(locked, clock)
    agent.tick()
    assert main(["reminders", "uninstall", "--db", str(locked)]) == 0
    assert agent.run(threading.Event()) == "off"
    agent.svc.close()


def test_the_choice_made_without_the_passphrase_is_taken_into_the_journal_when_it_is_opened(
        locked, clock, monkeypatch, capsys):
    assert main(["reminders", "uninstall", "--db", str(locked)]) == 0
    monkeypatch.setenv("SPASMLOG_PASSPHRASE", PASS)
    assert main(["settings", "remind_when_closed", "--db", str(locked)]) == 0  # opens it: the choice is adopted
    capsys.readouterr()
    assert main(["settings", "remind_when_closed", "--db", str(locked)]) == 0
    assert capsys.readouterr().out.strip().endswith("off")
    assert "chosen_outside" not in _schedule(locked)  # adopted once; the app's own choices count from now on


def test_list_reads_the_schedule_the_app_left_without_the_passphrase(locked, clock, capsys):
    digest = _digest(locked)
    assert main(["reminders", "list", "--db", str(locked), *_at(clock)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert err == "" and lines[0].startswith("Reminders while SpasmLog is closed: off (login entry not installed")
    assert lines[1:3] == [f"{hhmm(clock() + timedelta(minutes=10))} SpasmLog reminder"] * 2  # ice done, pain check
    assert lines[-1].startswith("(The journal is encrypted: these are the times SpasmLog left for the agent")
    assert main(["reminders", "list", "--json", "--db", str(locked), *_at(clock)]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed["remind_when_closed"] is True
    assert {r["kind"] for r in listed["reminders"][:2]} == {"session_end", "pain_checkin"}
    assert _digest(locked) == digest


def test_uninstall_for_a_journal_that_is_not_there_makes_none(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    journal = tmp_path / "nowhere" / "journal.db"
    assert main(["reminders", "uninstall", "--db", str(journal)]) == 0
    assert "There was no login entry" in capsys.readouterr().out
    assert not (tmp_path / "nowhere").exists()
