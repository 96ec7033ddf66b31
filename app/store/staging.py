"""All-or-nothing sets of files (write into a hidden folder, then move in together) and clean-up of stale .part files."""
from __future__ import annotations

import errno
import os
import re
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator


# A file or folder being written by process PID: `.NAME.PID.part`, `.NAME.PID.restore.part`, `.spasmlog-PID-XXXX.part`
# (and SQLite's -wal/-shm/-journal beside a .part database).
_PART = re.compile(r"^\..*?[.-](?P<pid>\d+)(?:[.-][A-Za-z0-9_]+)?\.part(?:-wal|-shm|-journal)?$")


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process
    return True


def remove_stale_parts(folder: Path, prefix: str = ".") -> list[Path]:
    """Remove the half-written `.part` files and folders (named from `prefix`) of processes that no longer run
    (a backup or export killed midway can leave hundreds of MB); a running process's work in progress stays."""
    removed = []
    try:
        entries = list(Path(folder).iterdir())
    except OSError:
        return removed
    for entry in entries:
        m = _PART.match(entry.name)
        if not m or not entry.name.startswith(prefix) or _alive(int(m["pid"])):
            continue
        try:
            shutil.rmtree(entry) if entry.is_dir() and not entry.is_symlink() else entry.unlink()
            removed.append(entry)
        except OSError:
            pass  # not ours to remove, or already gone
    return removed


@contextmanager
def staged_folder(folder: Path) -> Iterator[Path]:
    """All-or-nothing writing of several files into `folder`: yields a hidden folder inside it to write into;
    when the block ends without error, every file moves into `folder` by rename (no free space needed); on any
    error, or a blocked name, nothing is added or replaced and the hidden folder goes. Stale `.part` files and
    folders of killed earlier runs are removed first."""
    folder = Path(folder)
    remove_stale_parts(folder, prefix=".spasmlog")  # a person's folder: only what the app itself names so
    stage = Path(tempfile.mkdtemp(prefix=f".spasmlog-{os.getpid()}-", suffix=".part", dir=folder))
    try:
        yield stage
        _publish(stage, folder)
    finally:
        shutil.rmtree(stage, ignore_errors=True)


def _publish(stage: Path, folder: Path) -> None:
    """Move every file of `stage` into `folder`; if one move fails, the ones already made are undone."""
    names = sorted(p.name for p in stage.iterdir() if p.is_file())
    for name in names:
        target = folder / name
        if target.is_dir() or (target.exists() and not target.is_file()):
            raise IsADirectoryError(errno.EISDIR, "a folder or other non-file has that name", str(target))
    old = stage / ".replaced"
    old.mkdir()
    done: list[str] = []
    try:
        for name in names:
            if (folder / name).exists():
                os.replace(folder / name, old / name)  # kept until every new file is in place
            os.replace(stage / name, folder / name)
            done.append(name)
    except BaseException:
        for name in done:
            os.replace(folder / name, stage / name)
        for kept in old.iterdir():
            os.replace(kept, folder / kept.name)
        raise
