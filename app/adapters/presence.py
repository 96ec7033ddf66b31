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
        os.ftruncate(fd, 0)
        os.write(fd, str(os.getpid()).encode())  # who holds it, for a person (or a test) looking
        self.fd = fd
        return True

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)  # closing drops the lock; the file stays (removing it could race a new holder)
            self.fd = None


def holder(journal: Path, role: str) -> int | None:
    """The process id that holds `role` on the journal now, or None."""
    if not is_running(journal, role):
        return None
    try:
        return int(lock_path(journal, role).read_text() or 0) or None
    except (OSError, ValueError):
        return None


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
