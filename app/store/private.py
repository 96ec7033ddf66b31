"""Owner-only files and folders (0700 folders, 0600 files): the one helper the journal, its backups and exports use."""
from __future__ import annotations

import errno
import json
import os
import stat
from contextlib import contextmanager
from pathlib import Path


def private_folder(path, tighten: bool = False) -> Path:
    """`path` as a folder: each level that has to be made is 0700 whatever the umask; an existing folder is left as
    it is unless `tighten` (the app's own folders: backups); a file in the way raises NotADirectoryError."""
    path = Path(path).expanduser().absolute()
    if path.exists() and not path.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(path))
    missing, probe = [], path
    while not probe.exists():
        missing.append(probe)
        probe = probe.parent
    for folder in reversed(missing):
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            continue
        os.chmod(folder, 0o700)  # mkdir's mode is filtered by the umask; set it exactly
    if tighten and stat.S_IMODE(path.stat().st_mode) != 0o700:
        os.chmod(path, 0o700)
    return path


def new_private_file(path) -> Path:
    """A new, empty 0600 file that did not exist before (O_EXCL)."""
    path = Path(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.fchmod(fd, 0o600)  # a umask can only remove bits, but be explicit
    finally:
        os.close(fd)
    return path


def part_path(path) -> Path:
    """Where a file is written before it gets its name: a hidden sibling, unique to this process."""
    path = Path(path)
    return path.with_name(f".{path.name}.{os.getpid()}.part")


@contextmanager
def private_file(path):
    """An open binary file that appears at `path` (mode 0600) only when written completely."""
    path = Path(path)
    tmp = part_path(path)
    tmp.unlink(missing_ok=True)
    new_private_file(tmp)
    try:
        with open(tmp, "wb") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def write_private_json(target, data) -> Path:
    """`data` as JSON in an owner-only file, whole or not at all: written and flushed to disk beside it, then renamed
    over the old one (a full disk leaves that one intact)."""
    with private_file(target) as fh:
        fh.write(json.dumps(data).encode("utf-8"))
        fh.flush()
        os.fsync(fh.fileno())
    return Path(target)
