"""`reminders watch` as a real process on a private D-Bus: an ice session's end reaches the desktop exactly once."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import datetime, timedelta, timezone

import pytest

from tests.conftest import ROOT
from tests.helpers.processes import end
from tests.test_notify_dbus import FakeNotificationServer, bus_address, needs_linux  # noqa: F401  (fixture)

pytestmark = [pytest.mark.slow, needs_linux]


@pytest.fixture
def server(bus_address):  # noqa: F811  (the fixture imported above)
    srv = FakeNotificationServer(bus_address)
    yield srv
    srv.stop()


@pytest.fixture
def journal(tmp_path):
    path = tmp_path / "journal.db"
    far = (datetime.now() + timedelta(hours=12)).strftime("%H:%M")  # no daily check-in during the test
    for key, value in (("daily_checkin", far), ("welcome_seen", "yes")):
        _cli("settings", path, key, value)
    return path


def _env(**extra) -> dict:
    env = {**os.environ, "KIVY_NO_ARGS": "1", "KIVY_NO_CONSOLELOG": "1", **extra}
    env.pop("SPASMLOG_DB", None)
    return env


def _cli(command, path, *args):
    return subprocess.run([sys.executable, "-m", "app", *command.split(), "--db", str(path), *args],
                          cwd=ROOT, env=_env(), check=True, capture_output=True, text=True, timeout=60)


def _start_ice_ending_in(path, seconds: int) -> datetime:
    """A one-minute ice session started (60 - seconds) s ago, so it ends `seconds` from now."""
    start = datetime.now(timezone.utc).replace(microsecond=0) - timedelta(seconds=60 - seconds)
    _cli("therapy start ice", path, "--minutes", "1", "--barrier", "--at", start.isoformat())
    return start + timedelta(minutes=1)


def _told(path) -> list[tuple[str, str]]:
    with sqlite3.connect(path) as conn:
        return [tuple(r) for r in conn.execute("SELECT kind, by FROM reminder_deliveries ORDER BY id")]


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.1)
    pytest.fail(f"waited {seconds} s for {what}")


def _watch(path, address):
    proc = subprocess.Popen([sys.executable, "-m", "app", "reminders", "watch", "--db", str(path)], cwd=ROOT,
                            env=_env(DBUS_SESSION_BUS_ADDRESS=address), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    assert "Watching" in proc.stdout.readline()  # printed once it runs
    return proc


def _stop(proc) -> tuple[int, str]:
    code = end(proc)
    return code, proc.stderr.read()


def _ice_calls(server) -> list[tuple]:
    return [c for c in server.calls if "ice" in (c[3] + " " + c[4]).lower()]


def test_the_agent_tells_the_end_of_ice_once_while_the_app_is_closed(journal, server, bus_address):
    agent = _watch(journal, bus_address)
    try:
        ends = _start_ice_ending_in(journal, 4)  # written by another process: the agent must notice
        _wait(lambda: server.calls, 30, "a notification")
        assert datetime.now(timezone.utc) >= ends
        _wait(lambda: len(_told(journal)) >= 2, 10, "the delivery records")  # session_end + pain_checkin
    finally:
        code, err = _stop(agent)
    assert code == 0, err
    [call] = server.calls
    assert call[0] == "SpasmLog" and call[3] == "Ice done" and "ice" in call[4].lower()
    assert {by for _, by in _told(journal)} == {"agent"}
    assert "Traceback" not in err


def test_sigint_also_ends_the_watch_with_exit_0(journal, bus_address):
    agent = _watch(journal, bus_address)
    agent.send_signal(signal.SIGINT)
    code, err = _stop(agent)
    assert code == 0, err


def test_a_second_watch_on_the_same_journal_leaves_it_to_the_first(journal, bus_address):
    first = _watch(journal, bus_address)
    try:
        second = _cli("reminders watch", journal)
        assert "already runs" in second.stdout
    finally:
        assert _stop(first)[0] == 0


def test_the_app_and_the_agent_together_tell_it_once(journal, server, bus_address):
    from app.services.agent import APP_GRACE
    app = subprocess.Popen([sys.executable, "main.py", "--db", str(journal)], cwd=ROOT,
                           env=_env(DBUS_SESSION_BUS_ADDRESS=bus_address),
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    agent = None
    try:
        from app.adapters.presence import is_running
        _wait(lambda: is_running(journal, "app"), 60, "the app's window")
        agent = _watch(journal, bus_address)
        ends = _start_ice_ending_in(journal, 4)
        _wait(lambda: _ice_calls(server), 60, "the ice notification")
        # Past the moment the agent would step in for a silent app, and two of its polls more.
        _wait(lambda: datetime.now(timezone.utc) > ends + APP_GRACE + timedelta(seconds=5), 90, "the agent's grace")
    finally:
        if agent is not None:
            code, err = _stop(agent)
            assert code == 0, err
        end(app)
        app.stderr.close()
    assert len(_ice_calls(server)) == 1
    assert {by for _, by in _told(journal)} == {"app"}  # the open window told it, with its popup and chime
