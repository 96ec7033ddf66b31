"""Shared fixtures: a fixed clock, a journal in a temp folder, and a CLI runner."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import datetime, time as dtime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[1]

# The services take their zone from the clock (FakeClock.zone below); the process's zone is pinned as well, as a
# safety net for what still reads it (the fronts' display, programs a test starts).
# .ci/run runs the core suite again with SPASMLOG_TEST_TZ=Pacific/Chatham and America/St_Johns.
TEST_TZ = os.environ.get("SPASMLOG_TEST_TZ", "UTC")
os.environ["TZ"] = TEST_TZ
time.tzset()

# Nor does the machine's language: SpasmLog follows the system's by default, and the expected texts are English.
# Tests of German set `settings language de` (or the environment of the process they start) themselves.
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)  # a Monday morning, fixed

# Every program a test starts (helper scripts, `python -m app`, main.py) imports this checkout's `app`,
# whatever is installed: the installed distribution is named `spasmlog` and puts no `app` on the path.
os.environ["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p)


@contextmanager
def zone(name: str):
    """Run a block in time zone `name`: for tests whose expected text is a wall-clock time in that zone."""
    before = os.environ["TZ"]
    os.environ["TZ"] = name
    time.tzset()
    try:
        yield
    finally:
        os.environ["TZ"] = before
        time.tzset()


def local_noon(at: datetime) -> datetime:
    """Noon of `at`'s local day, in the tests' zone: hours either side stay on the same local day in any zone."""
    zone = ZoneInfo(TEST_TZ)
    return datetime.combine(at.astimezone(zone).date(), dtime(12), tzinfo=zone)


class FakeClock:
    """A clock the test moves by hand; its zone (the tests' zone unless given) decides local days and times."""

    def __init__(self, at: datetime = T0, zone=None):
        self.at = at
        self.zone = zone if zone is not None else ZoneInfo(TEST_TZ)

    def __call__(self) -> datetime:
        return self.at

    def advance(self, **kwargs) -> datetime:
        self.at += timedelta(**kwargs)
        return self.at


@pytest.fixture
def clock():
    return FakeClock()


@pytest.fixture
def journal_path(tmp_path):
    return tmp_path / "journal" / "journal.db"


@pytest.fixture
def svc(journal_path, clock):
    """The services on a real journal file, with a fixed clock."""
    from app.services import open_spasmlog
    s = open_spasmlog(journal_path, clock)
    yield s
    s.close()


@pytest.fixture
def mem(clock):
    """The services on an in-memory journal, with a fixed clock."""
    from app.services import open_spasmlog
    s = open_spasmlog(None, clock)
    yield s
    s.close()


def row_counts(path) -> dict:
    """Rows per table, read with plain sqlite3 (to check that nothing was written)."""
    import sqlite3
    conn = sqlite3.connect(path)
    try:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        conn.close()


class CliResult:
    def __init__(self, proc):
        self.code = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)


def run_cli(*args, db=None, env=None) -> CliResult:
    """Run `python -m app ARGS --db DB` in a subprocess, as a person would."""
    cmd = [sys.executable, "-m", "app", *map(str, args)]
    if db is not None:
        cmd += ["--db", str(db)]
    full_env = {**os.environ, "KIVY_NO_ARGS": "1", **(env or {})}
    full_env.pop("SPASMLOG_DEBUG", None)
    proc = subprocess.run(cmd, capture_output=True, text=True, cwd=ROOT, env=full_env, timeout=120)
    return CliResult(proc)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture(scope="module")
def demo_journal(tmp_path_factory, request):
    """A 45-day demo journal for report and export tests, built once per module, closed at T0:
    plus one acknowledged flag, one past ice session that broke a rule and one deleted pain score.
    Its clock's zone is the module's CLOCK_ZONE if it sets one (else the tests' zone)."""
    from app.core.entities import TherapySession
    from app.services import open_spasmlog
    from app.services.demo import generate

    path = tmp_path_factory.mktemp("demo") / "journal.db"
    clock = FakeClock(T0 - timedelta(days=2), getattr(request.module, "CLOCK_ZONE", None))
    svc = open_spasmlog(path, clock)
    generate(svc._repo, T0, 45, seed=2, zone=clock.zone)
    svc.entries.log_symptoms(["radiating_pain"])
    svc.flags.acknowledge("radiating_pain")
    start = T0 - timedelta(days=3, hours=2)
    svc._repo.add(TherapySession("ice", start, start + timedelta(minutes=10), ended=start + timedelta(minutes=25),
                                end_reason="retroactive", retroactive=True, rule_breaks=("ice_too_long",)))
    svc._repo.set_deleted("pain", svc.entries.log_pain(4, at=T0 - timedelta(days=2, hours=1)).id, T0)
    clock.at = T0
    yield svc
    svc.close()
