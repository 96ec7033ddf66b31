"""The journal file on disk: private permissions, safe pragmas, where it lives by default."""
from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from app.store.journal import open_journal
from tests.conftest import ROOT, run_cli


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.fixture
def loose_umask():
    """umask 0, so only the app's own choice of mode keeps the files private."""
    old = os.umask(0)
    yield
    os.umask(old)


def test_new_journal_file_is_0600_and_its_folder_0700(journal_path, loose_umask):
    open_journal(journal_path).close()
    assert _mode(journal_path) == 0o600
    assert _mode(journal_path.parent) == 0o700


def test_wal_companions_are_private_too(journal_path, loose_umask):
    db = open_journal(journal_path)  # open in WAL mode: -wal and -shm exist until it is closed
    try:
        for companion in (Path(f"{journal_path}-wal"), Path(f"{journal_path}-shm")):
            assert companion.exists()
            assert _mode(companion) == 0o600
    finally:
        db.close()


def test_an_existing_readable_journal_is_made_private(journal_path):
    journal_path.parent.mkdir()
    journal_path.touch()
    os.chmod(journal_path, 0o644)
    open_journal(journal_path).close()
    assert _mode(journal_path) == 0o600


def test_open_journal_sets_wal_full_sync_and_foreign_keys(journal_path):
    db = open_journal(journal_path)
    try:
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    finally:
        db.close()


def test_wal_mode_stays_in_the_file(journal_path):
    import sqlite3
    open_journal(journal_path).close()
    conn = sqlite3.connect(journal_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


def test_foreign_keys_are_enforced(svc):
    import sqlite3
    with pytest.raises(sqlite3.IntegrityError):
        svc._db.execute("INSERT INTO pain_scores (at, score, episode_id) VALUES ('2026-03-01T10:00:00+00:00', 3, 999)")


# -- default location -------------------------------------------------------------------------

_KIVY_PROBE = """
import json, sys
from kivy.app import App
from app.adapters.locations import user_data_dir, default_journal_path

class SpasmLogApp(App):
    pass

from app.ui.app import SpasmLogApp as RealApp
print(json.dumps({"kivy": SpasmLogApp().user_data_dir, "real_app_name": RealApp().name,
                  "ours": str(user_data_dir()), "journal": str(default_journal_path())}))
"""


def _isolated_env(tmp_path: Path, xdg: bool) -> dict:
    home = tmp_path / "home"
    (home / ".config").mkdir(parents=True)
    env = {k: v for k, v in os.environ.items() if k not in ("XDG_CONFIG_HOME", "SPASMLOG_DB")}
    env.update(HOME=str(home), KIVY_NO_ARGS="1", KIVY_HOME=str(tmp_path / "kivy_home"),
               KIVY_NO_CONSOLELOG="1", KIVY_NO_FILELOG="1")
    if xdg:
        (tmp_path / "xdg").mkdir()
        env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
    return env


@pytest.mark.skipif(sys.platform in ("win32", "darwin"), reason="checks the Linux convention")
@pytest.mark.parametrize("xdg", [True, False], ids=["XDG_CONFIG_HOME", "HOME_only"])
def test_default_location_is_kivys_user_data_dir(tmp_path, xdg):
    env = _isolated_env(tmp_path, xdg)
    proc = subprocess.run([sys.executable, "-c", _KIVY_PROBE], capture_output=True, text=True, cwd=ROOT,
                          env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    found = json.loads(proc.stdout.strip().splitlines()[-1])
    assert found["real_app_name"] == "spasmlog"
    assert Path(found["ours"]) == Path(found["kivy"])
    assert Path(found["journal"]) == Path(found["kivy"]) / "journal.db"
    base = tmp_path / "xdg" if xdg else tmp_path / "home" / ".config"
    assert Path(found["kivy"]) == base / "spasmlog"


def test_cli_without_db_writes_the_default_journal(tmp_path):
    env = _isolated_env(tmp_path, xdg=True)
    result = run_cli("log", "pain", "4", env=env)
    assert result.code == 0, result.err
    journal = tmp_path / "xdg" / "spasmlog" / "journal.db"
    assert journal.is_file()
    assert _mode(journal) == 0o600 and _mode(journal.parent) == 0o700


def test_spasmlog_db_overrides_the_default(tmp_path):
    env = _isolated_env(tmp_path, xdg=True)
    chosen = tmp_path / "elsewhere" / "mine.db"
    env["SPASMLOG_DB"] = str(chosen)
    result = run_cli("log", "pain", "4", env=env)
    assert result.code == 0, result.err
    assert chosen.is_file()
    assert not (tmp_path / "xdg" / "spasmlog" / "journal.db").exists()


def test_db_option_overrides_spasmlog_db(tmp_path):
    from tests.conftest import row_counts
    env = _isolated_env(tmp_path, xdg=True)
    env["SPASMLOG_DB"] = str(tmp_path / "from_env.db")
    given = tmp_path / "given.db"
    assert run_cli("log", "pain", "4", db=given, env=env).code == 0
    assert row_counts(given)["pain_scores"] == 1
    assert not (tmp_path / "from_env.db").exists()
    assert not (tmp_path / "xdg" / "spasmlog" / "journal.db").exists()
