"""Crash safety: a writer killed with SIGKILL at random moments never loses an acknowledged write."""
from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HELPER = ROOT / "tests" / "helpers" / "crash_writer.py"
ROUNDS = 120

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def _spawn(path: Path, round_no: int, *extra: str) -> subprocess.Popen:
    env = {**os.environ, "KIVY_NO_ARGS": "1"}
    env.pop("SPASMLOG_DEBUG", None)
    return subprocess.Popen([sys.executable, str(HELPER), str(path), str(round_no), *extra], cwd=ROOT, env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def _acknowledged(lines: list[str]) -> tuple[dict, dict]:
    """Complete acknowledgement lines -> {id: (score, note)} and {id: name}; a cut-off last line is not one."""
    pain, dose = {}, {}
    for line in lines:
        parts = line.split()
        if parts[:1] == ["pain"] and len(parts) == 4:
            pain[int(parts[1])] = (int(parts[2]), parts[3])
        elif parts[:1] == ["dose"] and len(parts) == 3:
            dose[int(parts[1])] = parts[2]
    return pain, dose


def _check_journal(path: Path, pain: dict, dose: dict) -> int:
    """Integrity ok and every acknowledged row present with its values; returns the number missing."""
    if not path.exists():  # killed before the journal was created
        return len(pain) + len(dose)
    conn = sqlite3.connect(path)  # a plain connection, as the app's next start would: WAL recovery included
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if not pain and not dose:
            return 0
        stored_pain = {r[0]: (r[1], r[2]) for r in conn.execute("SELECT id, score, note FROM pain_scores")} \
            if "pain_scores" in tables else {}
        stored_dose = {r[0]: r[1] for r in conn.execute("SELECT id, name FROM doses")} if "doses" in tables else {}
    finally:
        conn.close()
    lost = [i for i, v in pain.items() if stored_pain.get(i) != v]
    lost += [i for i, v in dose.items() if stored_dose.get(i) != v]
    return len(lost)


def test_acknowledged_writes_survive_sigkill(tmp_path):
    rng = random.Random(20260302)
    path = tmp_path / "journal" / "journal.db"
    all_pain, all_dose = {}, {}
    kills = finished = losses = 0
    for round_no in range(ROUNDS):
        proc = _spawn(path, round_no)
        if rng.random() < 0.15:
            # Some kills land while the journal is being opened, created or migrated.
            time.sleep(rng.uniform(0.0, 0.3))
        else:
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
            time.sleep(rng.uniform(0.0, 0.06))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            kills += 1
        out, err = proc.communicate(timeout=60)
        assert "Traceback" not in err, err
        pain, dose = _acknowledged(out.splitlines())
        all_pain.update(pain)
        all_dose.update(dose)
        # Every write acknowledged in every round so far must still be there, values intact.
        missing = _check_journal(path, all_pain, all_dose)
        losses += missing
        assert missing == 0, f"round {round_no}: {missing} acknowledged writes lost"
        if proc.returncode == 0:
            finished += 1
    figures = {"rounds": ROUNDS, "kills": kills, "finished_before_kill": finished,
               "acknowledged_writes": len(all_pain) + len(all_dose), "acknowledged_pain": len(all_pain),
               "acknowledged_doses": len(all_dose), "losses": losses}
    (tmp_path / "crash_figures.json").write_text(json.dumps(figures))
    print(f"\ncrash-kill figures: {json.dumps(figures)}")
    assert kills >= 100
    assert len(all_pain) + len(all_dose) > ROUNDS  # the kills really interrupted a stream of writes
    assert losses == 0


THERAPY_HELPER = ROOT / "tests" / "helpers" / "therapy_writer.py"


@pytest.mark.parametrize("kind,minutes", [("heat", 20), ("ice", 10)])
def test_running_therapy_session_survives_sigkill_and_resumes(tmp_path, kind, minutes):
    """Kill the app while a timer runs: reopened later, the same session shows the right remaining time."""
    from datetime import datetime, timedelta, timezone

    from app.core.timeutil import fixed_clock
    from app.services import open_spasmlog

    rng = random.Random(minutes)
    start = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
    acked = 0
    for round_no in range(6):
        path = tmp_path / f"round{round_no}" / "journal.db"
        env = {**os.environ, "KIVY_NO_ARGS": "1"}
        proc = subprocess.Popen([sys.executable, str(THERAPY_HELPER), str(path), start.isoformat(), kind, str(minutes)],
                                cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        if round_no % 2:
            time.sleep(rng.uniform(0.0, 0.4))  # may land before, during or after the start is written
        else:
            assert proc.stdout.readline().startswith("started"), proc.stderr.read()
        proc.send_signal(signal.SIGKILL)
        out, err = proc.communicate(timeout=60)
        assert "Traceback" not in err, err
        ack = [line.split() for line in out.splitlines() if line.startswith("started")]
        if round_no % 2 == 0:
            ack = ack or [["started"]]  # the line was consumed above
        if not path.exists() or path.stat().st_size == 0:
            assert not ack
            continue
        # Seven minutes later the app starts again.
        svc = open_spasmlog(path, fixed_clock(start + timedelta(minutes=7)))
        current = svc.therapy.current()
        if ack:
            acked += 1
            assert current is not None and current.kind == kind
            assert current.started == start and current.ends == start + timedelta(minutes=minutes)
            assert current.remaining_s == (minutes - 7) * 60
            assert svc.closed_while_away == []
        else:  # killed before the acknowledgement: no session, or a whole one, never half a row
            assert current is None or current.remaining_s == (minutes - 7) * 60
        svc.close()
        # Opened again after the planned end: closed at its planned end, "while away", and said so once.
        svc = open_spasmlog(path, fixed_clock(start + timedelta(minutes=minutes + 30)))
        if current is not None:
            assert [s.end_reason for s in svc.closed_while_away] == ["closed_while_away"]
            assert svc.closed_while_away[0].ended == start + timedelta(minutes=minutes)
        assert svc.therapy.current() is None
        svc.close()
    assert acked >= 3
