"""What the fronts use to turn a database or OS error into the project's error, and to undo a journal made for nothing."""
from __future__ import annotations

from pathlib import Path

from ..store.faults import project_error  # noqa: F401  (the fronts' one way to classify an error)


def missing_folders(path: Path) -> list[Path]:
    """The folders above `path` that do not exist yet, deepest first."""
    missing, probe = [], Path(path).absolute().parent
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    return missing


def discard_new_journal(path: Path, folders: list[Path]) -> None:
    """Remove a journal this command created and then refused to write into (and the folders made for it).

    Only a journal that holds no entries is removed, so nothing a person wrote can go: a refused first command
    leaves the disk as it found it.
    """
    from ..store.journal import open_journal
    from ..store.repository import KINDS, Repository
    path = Path(path).absolute()
    if not path.exists():
        return
    if path.stat().st_size:
        try:
            db = open_journal(path)
        except Exception:  # noqa: BLE001  (cannot tell what is in it: keep it)
            return
        try:
            repo = Repository(db)
            if any(repo.count(kind) for kind in KINDS):
                return
        finally:
            db.close()
    for name in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        name.unlink(missing_ok=True)
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return  # something else is in it now: leave it and the folders above
