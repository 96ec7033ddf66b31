"""The encrypted journal's side files (the agent's schedule, the claims file) on a real full disk and under a held lock:
nothing crashes, nothing is told twice or lost, the journal is untouched, and the person is told plainly what happened."""
from __future__ import annotations

import errno
import hashlib
import logging
import os
import signal
import sqlite3
import subprocess
import sys
import threading
from contextlib import contextmanager
from datetime import timedelta, timezone

import pytest

from app.cli.main import main
from app.services import open_spasmlog
from app.services.agent_schedule import leave_side_files, schedule_path, write_schedule
from app.services.delivery import DISCREET_MESSAGE, DISCREET_TITLE
from app.services.privacy import encrypt
from app.store.told import ToldFile, told_path
from tests.conftest import ROOT
from tests.test_agent_encrypted import PASS, _agent, _app, _ice_ending_in_ten_minutes


@pytest.fixture
def small_disk(tmp_path):
    """A real 2 MB file system (tmpfs), unmounted after the test whatever happens."""
    mnt = tmp_path / "disk"
    mnt.mkdir()
    if os.geteuid() != 0:
        pytest.skip("mounting a small tmpfs needs root")
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m,mode=0700", "tmpfs", str(mnt)],
                             capture_output=True, text=True)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {mounted.stderr.strip()}")
    try:
        yield mnt
    finally:
        subprocess.run(["umount", "-l", str(mnt)], check=False)


class Filler:
    """Fills a disk to the last byte, and frees it again."""

    def __init__(self, folder):
        self.path = folder / "filler"

    def fill(self) -> None:
        fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
        try:
            size = 65536
            while size:  # big pieces, then ever smaller ones, until not one byte more fits
                try:
                    os.write(fd, b"\0" * size)
                except OSError as exc:
                    assert exc.errno == errno.ENOSPC
                    size //= 2
        finally:
            os.close(fd)
        assert os.statvfs(self.path).f_bavail == 0

    def free(self) -> None:
        self.path.unlink()


@pytest.fixture
def on_small_disk(small_disk, clock):
    """(services of an unlocked encrypted journal on the small disk, its filler): an ice session ends in 10 min."""
    path = small_disk / "journal.db"
    open_spasmlog(path, clock).close()
    encrypt(path, PASS)
    svc = open_spasmlog(path, clock, PASS)
    svc.reminders.tz = timezone.utc
    _ice_ending_in_ten_minutes(svc)
    yield svc, Filler(small_disk)
    svc.close()


def _digest(path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".part"))


def test_a_full_disk_keeps_the_previous_schedule_whole_and_says_so(on_small_disk, clock):
    svc, filler = on_small_disk
    schedule = schedule_path(svc.path)
    before = schedule.read_bytes()
    filler.fill()
    clock.advance(minutes=1)
    with pytest.raises(OSError):
        write_schedule(svc)
    line = leave_side_files(svc)  # what the app logs and the command line prints
    assert line.startswith("The reminder times for the agent were not updated: the disk holding ")
    assert "is full" in line and "\n" not in line
    assert schedule.read_bytes() == before  # written to a temporary file first: the old one is whole
    assert _leftovers(schedule.parent) == []
    filler.free()
    assert leave_side_files(svc) is None and schedule.read_bytes() != before


@pytest.mark.parametrize("claims_file_made_before", [False, True], ids=["no claims file yet", "claims file made"])
def test_the_agent_on_a_full_disk_tells_nothing_says_why_once_and_tells_it_once_when_there_is_room(
        on_small_disk, clock, claims_file_made_before):
    svc, filler = on_small_disk
    journal = svc.path
    told_path(journal).unlink(missing_ok=True)
    if claims_file_made_before:
        ToldFile(journal).close()
    svc.close()
    digest = _digest(journal)
    agent = _agent(journal, clock)  # starts even with no room for its claims file
    lines = []
    agent.hold.report = lines.append
    filler.fill()
    clock.advance(minutes=10, seconds=5)
    for _ in range(3):  # the agent's loop: a few looks while the disk stays full
        _one_pass(agent)
    assert agent.notifier.sent == []
    assert len(lines) == 1 and lines[0].startswith("Reminders are on hold: the disk holding "), lines
    assert "None is told until that is solved, so none is told twice" in lines[0]
    filler.free()
    _one_pass(agent)
    _one_pass(agent)
    assert agent.notifier.sent == [(DISCREET_TITLE, DISCREET_MESSAGE)]  # once, late rather than lost or twice
    assert lines[1:] == ["Reminders go on: the problem is solved."]
    assert _digest(journal) == digest  # the journal was never written
    again = open_spasmlog(journal, clock, PASS)  # and opens with every row
    assert again.therapy.current() is not None or again.therapy.recent(clock())
    again.close()
    agent.svc.close()


def _one_pass(agent) -> None:
    """One look of ReminderAgent.run (its loop body), without its sleep."""
    stop = threading.Event()
    stop.wait = lambda seconds: stop.set()  # end after the first look
    assert agent.run(stop) == "stopped"


@contextmanager
def held(path):
    """Another program holds the claims file: BEGIN EXCLUSIVE on its own connection (no reader, no writer gets in)."""
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN EXCLUSIVE")
    try:
        yield
    finally:
        conn.execute("ROLLBACK")
        conn.close()


def test_a_held_claims_file_puts_app_and_agent_on_hold_and_each_reminder_is_told_once_after(
        journal_path, clock, caplog):
    open_spasmlog(journal_path, clock).close()
    encrypt(journal_path, PASS)
    svc = open_spasmlog(journal_path, clock, PASS)
    svc.reminders.tz = timezone.utc
    _ice_ending_in_ten_minutes(svc)
    start = clock()
    app, agent = _app(svc, start), _agent(journal_path, clock)
    ToldFile(journal_path).close()
    lines = []
    agent.hold.report = lines.append
    clock.advance(minutes=10, seconds=20)
    with held(told_path(journal_path)), caplog.at_level(logging.WARNING, logger="spasmlog.reminders"):
        assert app.check_now() == [] and app.shown == []
        _one_pass(agent)
        _one_pass(agent)
        app.tick()  # on hold: the window's tick does not wait on the file again before POLL_SECONDS
    assert agent.notifier.sent == []
    held_line = f"Reminders are on hold: {told_path(journal_path)} is held by another program."
    assert [r.getMessage().split(" None")[0] for r in caplog.records] == [held_line]
    assert not any(r.exc_info for r in caplog.records)  # a plain line, no traceback
    assert len(lines) == 1 and lines[0].startswith(held_line)
    told = app.check_now()
    _one_pass(agent)
    assert [d.kinds for d in told] == [["session_end", "pain_checkin"]] and agent.notifier.sent == []
    assert app.hold.line is None
    svc.close()
    agent.svc.close()


def test_reminders_watch_with_a_held_claims_file_says_so_in_one_line_and_stops_cleanly(journal_path, clock, tmp_path):
    open_spasmlog(journal_path, clock).close()
    encrypt(journal_path, PASS)
    svc = open_spasmlog(journal_path, clock, PASS)
    write_schedule(svc)
    svc.close()
    ToldFile(journal_path).close()
    env = {k: v for k, v in os.environ.items() if k != "SPASMLOG_PASSPHRASE"}
    env.update(XDG_CONFIG_HOME=str(tmp_path / "config"), XDG_RUNTIME_DIR=str(tmp_path / "run"),
               DBUS_SESSION_BUS_ADDRESS="unix:path=/nonexistent")
    with held(told_path(journal_path)):
        proc = subprocess.Popen([sys.executable, "-m", "app", "reminders", "watch", "--db", str(journal_path)],
                                cwd=ROOT, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, text=True)
        try:
            assert proc.stdout.readline().startswith("Watching ")
            line = proc.stderr.readline()  # the first look reads what was told: it waits on the lock, then says so
        finally:
            proc.send_signal(signal.SIGTERM)
        out, err = proc.communicate(timeout=30)
    assert line.startswith(f"Reminders are on hold: {told_path(journal_path)} is held by another program."), line
    assert proc.returncode == 0
    assert "Traceback" not in line + err and err.count("on hold") == 0, err  # said once, not every two seconds


def test_a_command_on_a_full_disk_does_its_work_and_says_the_agent_keeps_its_earlier_times(
        on_small_disk, clock, monkeypatch, capsys):
    svc, filler = on_small_disk  # kept open, as the app would be: the journal's -wal and -shm stay in place
    journal = svc.path
    monkeypatch.setenv("SPASMLOG_PASSPHRASE", PASS)
    schedule, inode = schedule_path(journal).read_bytes(), schedule_path(journal).stat().st_ino
    filler.fill()
    at = ["--at", clock().isoformat()]  # the journal's own time (its ice session runs): nothing to close or back up
    assert main(["status", "--db", str(journal), *at]) == 0  # reading needs no room
    out, err = capsys.readouterr()
    assert out.startswith("Status at")
    assert err.startswith("The reminder times for the agent were not updated: the disk holding "), err
    assert "is full. It keeps the earlier ones" in err and err.count("\n") == 1 and "Traceback" not in err
    assert schedule_path(journal).read_bytes() == schedule and _leftovers(journal.parent) == []
    code = main(["log", "pain", "4", "--db", str(journal), *at])
    out, err = capsys.readouterr()
    assert code == 2 and "is full" in err and err.count("\n") == 1, err  # the journal's own line, not a second one
    filler.free()
    assert main(["log", "pain", "4", "--db", str(journal), *at]) == 0
    assert schedule_path(journal).stat().st_ino != inode  # written again (a new file renamed over the old one)


def test_reminders_install_on_a_full_disk_makes_no_login_entry_and_says_the_disk_is_full(
        on_small_disk, tmp_path, monkeypatch, capsys):
    svc, filler = on_small_disk
    journal = svc.path
    svc.close()
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # on the big disk
    monkeypatch.delenv("SPASMLOG_PASSPHRASE", raising=False)
    schedule = schedule_path(journal).read_bytes()
    filler.fill()
    assert main(["reminders", "install", "--db", str(journal)]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "is full" in err and err.count("\n") == 1 and "Traceback" not in err, err
    assert not (tmp_path / "config" / "autostart").exists()
    assert schedule_path(journal).read_bytes() == schedule and _leftovers(journal.parent) == []
    filler.free()
    assert main(["reminders", "install", "--db", str(journal)]) == 0
    assert (tmp_path / "config" / "autostart" / "spasmlog-reminders.desktop").exists()
