"""Privacy: owner-only files and folders, no network on the main paths, no journal contents in any log."""
from __future__ import annotations

import logging
import os
import stat
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from app.cli.main import main
from app.services import open_spasmlog
from tests.helpers.no_network import block

ROOT = Path(__file__).resolve().parents[1]
SECRET = "QUOKKA-ZEBRA-4711 my boss dropped a box"  # a note nobody else should ever see in a log
UMASKS = [0o022, 0o000, 0o077]


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def umask(request):
    old = os.umask(request.param)
    yield request.param
    os.umask(old)


@pytest.mark.parametrize("umask", UMASKS, indirect=True)
def test_journal_wal_shm_and_backups_are_owner_only(tmp_path, clock, umask):
    path = tmp_path / "new" / "folder" / "journal.db"
    svc = open_spasmlog(path, clock)
    svc.entries.log_pain(5, note=SECRET)  # the connection stays open: -wal and -shm exist
    companions = [Path(f"{path}-wal"), Path(f"{path}-shm")]
    assert all(p.exists() for p in companions)
    backup = svc.backups.daily()
    svc.close()
    for p in [path, *[c for c in companions if c.exists()], backup]:
        assert _mode(p) == 0o600, p
    assert _mode(path.parent) == 0o700 and _mode(backup.parent) == 0o700
    # Reopened later (a new -wal/-shm pair is created): still owner-only.
    svc = open_spasmlog(path, clock)
    svc.entries.log_pain(4)
    for p in [path, *companions]:
        assert _mode(p) == 0o600, p
    svc.close()


@pytest.mark.parametrize("umask", [0o000], indirect=True)
def test_restore_and_moved_aside_files_are_owner_only(tmp_path, clock, umask):
    from app.services.backups import restore_file
    path = tmp_path / "journal.db"
    svc = open_spasmlog(path, clock)
    svc.entries.log_pain(2)
    backup = svc.backups.make()
    svc.close()
    path.write_bytes(b"damaged" * 100)
    kept = restore_file(path, backup, clock)
    for p in (path, kept, *backup.parent.iterdir()):
        assert _mode(p) == 0o600, p


def _main_paths(db: Path, out: Path) -> list[list[str]]:
    """The app's main paths as CLI commands: every kind of entry, status, profile, demo, backups, export."""
    return [
        ["log", "episode-start", "--region", "lower_back_left", "--trigger", "lifting", "--note", SECRET,
         "--at", (datetime.now().astimezone() - timedelta(hours=1)).isoformat()],  # ends "now", an hour later
        ["log", "pain", "7", "--note", SECRET],
        ["log", "med", "ibuprofen", "--class", "nsaid", "--dose", "400 mg"],
        ["log", "symptoms", "none"],
        ["log", "activity", "walk", "--minutes", "15", "--note", SECRET],
        ["therapy", "start", "heat", "--minutes", "15"],
        ["status"], ["status", "--json"],
        ["therapy", "stop"],
        ["log", "episode-end"],
        ["profile", "--osteoporosis", "no", "--age-band", "40_59"],
        ["backup"], ["backup", "--list"],
        ["export", "--out", str(out), "--format", "pdf,png,csv,fhir"],
    ]


@pytest.mark.parametrize("umask", [0o000], indirect=True)
def test_main_paths_work_with_the_network_blocked(tmp_path, monkeypatch, capsys, caplog, umask):
    attempts: list = []
    block(monkeypatch, attempts)
    caplog.set_level(logging.DEBUG)  # every log record of every library, to look for the note
    db, out = tmp_path / "data" / "journal.db", tmp_path / "export"
    for argv in _main_paths(db, out):
        code = main([*argv, "--db", str(db)])
        _, err = capsys.readouterr()
        assert code == 0, (argv, err)
        assert SECRET not in err and "7/10" not in err
    demo = tmp_path / "demo" / "journal.db"
    assert main(["demo", "--days", "30", "--db", str(demo)]) == 0
    backups = sorted((db.parent / "backups").iterdir())
    assert main(["restore", str(backups[0]), "--db", str(db)]) == 0
    assert attempts == []
    assert all(SECRET not in r.getMessage() for r in caplog.records)
    # Exports hold the journal's contents: owner-only too, even with umask 0.
    assert _mode(out) == 0o700 and list(out.iterdir())
    assert all(_mode(p) == 0o600 for p in out.iterdir())


def _blocked_run(args: list[str], attempts: Path, env: dict) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "tests" / "helpers" / "no_network.py"), str(attempts), *args],
                          capture_output=True, text=True, cwd=ROOT, env=env, timeout=180)


def test_cli_and_app_in_real_processes_no_network_no_secrets_in_logs(tmp_path):
    """As a person runs them: the CLI, then the Kivy app, each in its own process with the network blocked."""
    kivy_home = tmp_path / "kivy_home"
    env = {**os.environ, "KIVY_NO_ARGS": "1", "KIVY_HOME": str(kivy_home), "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
           "MPLCONFIGDIR": str(tmp_path / "mpl")}
    env.pop("SPASMLOG_DEBUG", None)
    db, attempts = tmp_path / "data" / "journal.db", tmp_path / "attempts.txt"
    stderr = []
    for argv in (["log", "pain", "8", "--note", SECRET], ["log", "activity", "walk", "--note", SECRET],
                 ["status"], ["backup"], ["log", "pain", "11", "--note", SECRET]):
        proc = _blocked_run(["-m", "app", *argv, "--db", str(db)], attempts, env)
        stderr.append(proc.stderr)
        assert proc.returncode in (0, 2), proc.stderr
    app = _blocked_run([str(ROOT / "main.py"), "--db", str(db), "--exit-after-first-frame"], attempts, env)
    assert app.returncode == 0, app.stderr[-2000:]
    assert not attempts.exists(), attempts.read_text()
    assert all(SECRET not in e for e in stderr) and SECRET not in app.stderr and SECRET not in app.stdout
    # No log file anywhere (Kivy's log folder, the config folders, the journal folder) holds the note.
    for folder in (kivy_home, tmp_path / "xdg", tmp_path / "mpl", db.parent):
        for path in (folder.rglob("*") if folder.exists() else []):
            if path.is_file() and not path.name.startswith("journal"):
                assert SECRET.encode() not in path.read_bytes(), path
