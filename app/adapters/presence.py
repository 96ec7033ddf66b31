"""Who is running on a journal (the app's window, the reminder agent): an advisory lock on a file beside it."""
from __future__ import annotations

import os
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows: nobody is ever seen as running; the journal's claims still tell each reminder once
    fcntl = None

SUPPORTED = fcntl is not None
ROLES = ("app", "agent")


def lock_path(journal: Path, role: str) -> Path:
    if role not in ROLES:
        raise ValueError(f"role: one of {', '.join(ROLES)}")
    journal = Path(journal)
    return journal.with_name(f".{journal.name}.{role}-running")


class Presence:
    """Held while this process runs as `role` on the journal; the operating system lets go when it exits."""

    def __init__(self, journal: Path, role: str) -> None:
        self.path = lock_path(journal, role)
        self.fd: int | None = None

    def hold(self) -> bool:
        """True if this process now holds it; False if another process does (or locks are unavailable)."""
        if fcntl is None:
            return False
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return False
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the lock; the file stays (removing it could race a new holder)
            self.fd = None


def is_running(journal: Path, role: str) -> bool:
    """Whether some process holds `role` on the journal now."""
    if fcntl is None:
        return False
    try:
        fd = os.open(lock_path(journal, role), os.O_RDONLY)
    except OSError:
        return False  # never held
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
    except OSError:
        return True
    finally:
        os.close(fd)  # also drops our own shared lock
    return False
