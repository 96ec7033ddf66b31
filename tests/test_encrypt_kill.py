"""Kill tests: `encrypt` and `passphrase` killed with SIGKILL at random moments never lose the journal or a row."""
from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pytest

from app.services.agent_schedule import schedule_path
from app.services.display_prefs import display_path
from app.services.backups import list_backups
from app.store.connection import connect
from app.store.convert import row_counts
from tests.conftest import ROOT
from tests.helpers.journals import plain_and_encrypted

ROUNDS = 20
OLD, NEW = "first passphrase", "second passphrase"

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> dict[str, Path]:
    """A plain journal folder (a year of history, a backup) and the same under OLD, made once."""
    return plain_and_encrypted(tmp_path_factory, 365, 5, OLD)


COMPANIONS = ("-journal", "-wal", "-shm")


def _counts_with_any(path: Path, passphrases) -> tuple[str | None, dict]:
    """Which of the passphrases (None: plain) opens the file, and its rows per table.

    Opened as the app opens it: read-write, so a hot rollback journal (or a -wal) left beside it by the kill
    is played back, as SQLite does on the next open. A read-only open refuses any hot journal ("attempt to
    write a readonly database") although the file and every row are there. Each try is on a fresh copy of
    the file with its -journal/-wal/-shm, so the folder the killed run left is not touched (a re-run must
    cope with it as it is), and a companion written under another key or for another file still fails here.
    """
    for passphrase in passphrases:
        scratch = Path(tempfile.mkdtemp(prefix="killcheck-"))
        try:
            copy = scratch / path.name
            for suffix in ("", *COMPANIONS):
                if Path(f"{path}{suffix}").exists():
                    shutil.copy2(f"{path}{suffix}", f"{copy}{suffix}")
            conn = connect(copy, wal=False, key=passphrase)
            try:
                if conn.execute("PRAGMA quick_check").fetchone()[0] != "ok":
                    continue
                return passphrase, row_counts(conn)
            finally:
                conn.close()
        except Exception:  # noqa: BLE001 - WrongPassphrase, or plain sqlite3's own error on an encrypted file
            continue
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
    raise AssertionError(f"{path} opens with none of the passphrases "
                         f"(beside it: {sorted(p.name for p in path.parent.glob(path.name + '*'))})")


def _run_and_kill(command: str, journal: Path, env: dict, delay: float | None) -> str:
    proc = subprocess.Popen([sys.executable, "-m", "tests.helpers.convert_runner", command, str(journal)], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "ready"
    started = time.monotonic()
    if delay is None:
        out, err = proc.communicate(timeout=120)
        assert "done 0" in out, err
        return f"{time.monotonic() - started:.3f}"
    time.sleep(delay)
    proc.kill()
    out, _ = proc.communicate(timeout=60)
    return out


def _kill_rounds(command: str, template: Path, tmp_path: Path, env: dict, before_after) -> None:
    full_env = {**os.environ, "KIVY_NO_ARGS": "1", **env}
    full_env.pop("SPASMLOG_DEBUG", None)
    expected = {}
    for path in [template / "journal.db", *(b.path for b in list_backups(template / "journal.db"))]:
        expected[path.name] = _counts_with_any(path, before_after)[1]
    probe = tmp_path / "probe"
    shutil.copytree(template, probe)
    duration = float(_run_and_kill(command, probe / "journal.db", full_env, None))
    rng = random.Random(16)
    finished = 0
    for round_no in range(ROUNDS):
        folder = tmp_path / f"round{round_no}"
        shutil.copytree(template, folder)
        out = _run_and_kill(command, folder / "journal.db", full_env, rng.uniform(0, duration * 1.1))
        finished += "done" in out
        for name, rows in expected.items():
            path = folder / name if name == "journal.db" else folder / "backups" / name
            assert path.exists(), f"round {round_no}: {name} is gone"
            assert _counts_with_any(path, before_after)[1] == rows, f"round {round_no}: rows lost in {name}"
        if round_no % 10 or "done" in out:
            shutil.rmtree(folder)
            continue
        # Some rounds run it again: the same command finishes what the killed run left.
        _run_and_kill(command, folder / "journal.db", full_env, None)
        for name, rows in expected.items():
            path = folder / name if name == "journal.db" else folder / "backups" / name
            assert _counts_with_any(path, before_after[-1:]) == (before_after[-1], rows), f"round {round_no}: {name}"
            # the login agent's due times and the lock view's display choices (docs/PRIVACY.md)
            meant = {path.name, schedule_path(path).name, display_path(path).name}
            left = [p.name for p in path.parent.glob(f"*{path.name}*") if p.name not in meant]
            assert not left, f"round {round_no}: a finished run left {left} beside {name}"
        shutil.rmtree(folder)
    assert finished < ROUNDS  # the kills did land inside the work


def test_encrypt_killed_at_random_moments_loses_nothing(template, tmp_path):
    _kill_rounds("encrypt", template["plain"], tmp_path, {"SPASMLOG_PASSPHRASE": NEW}, [None, NEW])


def test_passphrase_change_killed_at_random_moments_loses_nothing(template, tmp_path):
    _kill_rounds("passphrase", template["encrypted"], tmp_path,
                 {"SPASMLOG_PASSPHRASE": OLD, "SPASMLOG_NEW_PASSPHRASE": NEW}, [OLD, NEW])
