"""`reminders watch` on an encrypted journal, as real processes on a private D-Bus: told once, journal never read."""
from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import datetime, timedelta, timezone

import pytest

from app.store.told import told_path
from tests.conftest import ROOT
from tests.helpers.processes import end
from tests.test_agent_dbus import _env, _wait, server  # noqa: F401  (the fixture)
from tests.test_notify_dbus import bus_address, needs_linux  # noqa: F401  (the fixture)

pytestmark = [pytest.mark.slow, needs_linux]

PASS = "correct horse battery"


def _cli(path, *args):
    return subprocess.run([sys.executable, "-m", "app", *args, "--db", str(path)], cwd=ROOT,
                          env=_env(SPASMLOG_PASSPHRASE=PASS), check=True, capture_output=True, text=True, timeout=60)


@pytest.fixture
def plain(tmp_path):
    """A plain journal with no daily check-in during the test."""
    path = tmp_path / "journal.db"
    far = (datetime.now() + timedelta(hours=12)).strftime("%H:%M")
    for key, value in (("daily_checkin", far), ("welcome_seen", "yes")):
        _cli(path, "settings", key, value)
    return path


@pytest.fixture
def journal(plain):
    """The same, encrypted."""
    _cli(plain, "encrypt")
    return plain


def _start_ice_ending_in(path, seconds: int) -> datetime:
    """With the passphrase, as a person would from a terminal; the command leaves the due times for the agent."""
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=60 - seconds)
    _cli(path, "therapy", "start", "ice", "--minutes", "1", "--barrier", "--at", start.isoformat())
    return start + timedelta(minutes=1)


def _claims(path) -> list[tuple[str, str]]:
    with sqlite3.connect(told_path(path)) as conn:
        return [tuple(r) for r in conn.execute("SELECT kind, by FROM reminder_deliveries ORDER BY id")]


def _watch(path, address, log):
    """The agent without the passphrase (none in its environment), every touch of the journal written to `log`."""
    env = _env(DBUS_SESSION_BUS_ADDRESS=address)
    env.pop("SPASMLOG_PASSPHRASE", None)
    proc = subprocess.Popen([sys.executable, "tests/helpers/audited_agent.py", str(log), str(path),
                             "reminders", "watch", "--db", str(path)], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert "Watching" in proc.stdout.readline()
    return proc


def test_the_agent_tells_a_reminder_of_an_encrypted_journal_once_without_reading_the_journal(
        journal, server, bus_address, tmp_path):  # noqa: F811
    log = tmp_path / "touches.log"
    agent = _watch(journal, bus_address, log)
    try:
        _start_ice_ending_in(journal, 4)
        _wait(lambda: server.calls, 30, "a notification")
        _wait(lambda: len(_claims(journal)) >= 2, 10, "the claims")  # session_end + pain_checkin, one moment
    finally:
        code, err = end(agent), agent.stderr.read()
    assert code == 0, err
    [call] = server.calls
    assert (call[3], call[4]) == ("SpasmLog reminder", "Open SpasmLog to see it.")  # nothing about ice or the body
    assert {by for _, by in _claims(journal)} == {"agent"}
    touches = log.read_text().splitlines()
    assert "sqlite3.connect" not in touches and "import sqlcipher3" not in touches
    assert set(touches) <= {"open r"}  # read-only, at most its first 16 bytes, to tell it is encrypted (a random salt)
    assert "Traceback" not in err


def test_the_app_and_the_agent_on_an_encrypted_journal_tell_it_once(journal, server, bus_address, tmp_path):  # noqa: F811
    from app.adapters.presence import is_running
    from app.services.agent import APP_GRACE
    app = subprocess.Popen([sys.executable, "main.py", "--db", str(journal)], cwd=ROOT,
                           env=_env(DBUS_SESSION_BUS_ADDRESS=bus_address, SPASMLOG_PASSPHRASE=PASS),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    agent = None
    try:
        _wait(lambda: is_running(journal, "app"), 60, "the app's window")
        agent = _watch(journal, bus_address, tmp_path / "touches.log")
        ends = _start_ice_ending_in(journal, 4)
        _wait(lambda: server.calls, 60, "the notification")
        _wait(lambda: datetime.now(timezone.utc) > ends + APP_GRACE + timedelta(seconds=5), 90, "the agent's grace")
    finally:
        if agent is not None:
            code, err = end(agent), agent.stderr.read()
            assert code == 0, err
        end(app)
        app.stderr.close()
    assert len(server.calls) == 1
    assert {by for _, by in _claims(journal)} == {"app"}


def test_encrypt_from_a_terminal_while_the_agent_runs_on_the_plain_journal_works_and_it_goes_on(
        plain, server, bus_address, tmp_path):  # noqa: F811
    agent = _watch(plain, bus_address, tmp_path / "touches.log")
    try:
        _cli(plain, "encrypt")  # the agent lets go of the journal while it is converted (else: busy, exit 2)
        _start_ice_ending_in(plain, 4)
        _wait(lambda: server.calls, 30, "a notification")
        _wait(lambda: len(_claims(plain)) >= 2, 10, "the claims")
    finally:
        code, err = end(agent), agent.stderr.read()
    assert code == 0, err
    [call] = server.calls
    assert (call[3], call[4]) == ("SpasmLog reminder", "Open SpasmLog to see it.")
    assert {by for _, by in _claims(plain)} == {"agent"}
