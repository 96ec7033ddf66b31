"""Ending a process a test started: politely, then for sure."""
from __future__ import annotations

import signal
import subprocess


def end(proc: subprocess.Popen, timeout: float = 20, sig: int = signal.SIGTERM) -> int:
    """Send `sig` (if still running), wait up to `timeout` s, kill if it is still there; returns its exit code."""
    if proc.poll() is None:
        proc.send_signal(sig)
    try:
        return proc.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        return proc.wait()
