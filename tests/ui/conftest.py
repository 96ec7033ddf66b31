"""UI tests run the real app in a subprocess each (Kivy allows one App per process)."""
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "screenshots"


# Only a guard against a hung app: a scenario fails on its own waits, each naming what it waited for. On a loaded
# machine (load 8 on 2 cores) a scenario runs 5-10 times slower than alone (measured: therapy_pain_now 11 s alone,
# 89-109 s with the app's core shared), so a guard near the quiet time fails a working app.
HUNG_APP_SECONDS = 900


def run_scenario(name: str, db, at: str | None = None, size: str = "400x800", timeout: int = HUNG_APP_SECONDS,
                 fresh: bool = False, zone: str | None = None):
    """Run tests.ui.scenarios.<name> against journal `db`; fail with the app's output if it fails.

    fresh=True: the welcome is not marked seen, so the app starts as on a first start.
    zone: the app's clock's time zone (default: the machine's, which the tests pin).
    timeout: seconds before the app counts as hung (the default, HUNG_APP_SECONDS, suits every scenario).
    """
    cmd = [sys.executable, "-m", "tests.ui.harness", name, "--db", str(db), "--shots", str(SHOTS), "--size", size]
    if fresh:
        cmd.append("--fresh")
    if at:
        cmd += ["--at", at]
    if zone:
        cmd += ["--zone", zone]
    env = {**os.environ, "KIVY_NO_ARGS": "1", "KIVY_NO_CONSOLELOG": "1"}
    proc = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout)
    if proc.returncode != 0:
        pytest.fail(f"UI scenario {name} failed (exit {proc.returncode}):\n{proc.stdout[-3000:]}\n{proc.stderr[-5000:]}")
    return proc


@pytest.fixture
def ui():
    return run_scenario
