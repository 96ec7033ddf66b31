"""Real faults for tests: a small tmpfs that fills up, a filler file, a run as an unprivileged user."""
from __future__ import annotations

import errno
import os
import shutil
import subprocess
import tempfile
from contextlib import contextmanager
from pathlib import Path

import pytest


@contextmanager
def small_disk(size: str = "2m"):
    """A tmpfs of `size` mounted on a fresh folder (reachable by every user), unmounted afterwards whatever
    happens; skips the test with the reason when this machine does not allow mounting (CI runs as root)."""
    where = Path(tempfile.mkdtemp(prefix="spasmlog-disk-"))
    os.chmod(where, 0o755)
    proc = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0755", "tmpfs", str(where)],
                          capture_output=True, text=True)
    if proc.returncode != 0:
        where.rmdir()
        pytest.skip(f"cannot mount a small tmpfs here (needs root): {proc.stderr.strip() or proc.returncode}")
    try:
        yield where
    finally:
        if subprocess.run(["umount", str(where)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(where)], capture_output=True)
        where.rmdir()


def fill(disk: Path, leave: int = 0) -> Path:
    """Fill the file system of `disk` until only about `leave` bytes are free; returns the filler file."""
    filler = disk / f"filler-{len(list(disk.glob('filler-*')))}"
    st = os.statvfs(disk)
    room = st.f_bavail * st.f_frsize - leave
    with open(filler, "wb") as fh:
        chunk = b"\0" * 65536
        try:
            while room > 0:
                fh.write(chunk[:min(room, len(chunk))])
                fh.flush()
                room -= len(chunk)
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
    return filler


def free_space(disk: Path) -> None:
    """Remove every filler file."""
    for filler in disk.glob("filler-*"):
        filler.unlink()


def as_nobody(cmd: list[str]) -> list[str]:
    """`cmd` run as the unprivileged user nobody when we are root (root ignores file modes); as it is otherwise."""
    if os.geteuid() != 0:
        return cmd
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: cannot check file modes as an ordinary user")
    return ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *cmd]


def give_to_nobody(*paths: Path) -> None:
    """Make `paths` belong to nobody (as root), so a command run through as_nobody() owns its journal."""
    if os.geteuid() == 0:
        import pwd
        user = pwd.getpwnam("nobody")
        for path in paths:
            os.chown(path, user.pw_uid, user.pw_gid)
