"""Turning the encrypted journal on and off and changing its passphrase: the journal and all its backups."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..core.timeutil import system_clock
from ..core.errors import JournalError, SpasmLogError, WrongPassphrase
from ..core.i18n import _
from ..store.cipher import check_passphrase, looks_encrypted
from ..store.connection import connect
from ..store.convert import conversion_running, convert, row_counts  # noqa: F401  (conversion_running: for the fronts)
from ..store.journal import open_journal
from ..store.told import forget_told
from .agent_schedule import forget_schedule, write_schedule
from .display_prefs import forget_display, write_display
from .backups import list_backups


@dataclass
class Converted:
    """What a conversion did: rows per table in the journal, backups rewritten, and copies left as they were."""
    rows: dict[str, int]
    backups: list[Path] = field(default_factory=list)
    left: list[Path] = field(default_factory=list)  # e.g. a damaged file moved aside that cannot be read

    def left_words(self) -> str:
        """The copies left as they were (still readable, or under the old passphrase), said for the person; ""
        when there are none."""
        if not self.left:
            return ""
        return _("These copies could not be read and were left as they were (delete them if you do not need "
                 "them): {files}").format(files=", ".join(str(p) for p in self.left))


def is_encrypted(path) -> bool:
    """Whether the journal file at `path` is encrypted (needs a passphrase to open)."""
    return looks_encrypted(Path(path).expanduser())


def encrypt(path, passphrase: str, clock=system_clock) -> Converted:
    """Protect a plain journal and its backups with `passphrase` (`clock`: for the agent's due times)."""
    path = Path(path).expanduser().absolute()
    check_passphrase(passphrase)
    if is_encrypted(path):  # e.g. backups of a journal protected earlier: they are rewritten now
        _check_opens(path, passphrase)
        done = Converted(_rows(path, passphrase), *_convert_backups(path, None, passphrase))
        _schedule_for_agent(path, passphrase, clock)  # a run that stopped before writing it (killed, a full disk)
        return done
    _check_opens(path, None)
    done = _convert_all(path, None, passphrase)
    _schedule_for_agent(path, passphrase, clock)
    return done


def decrypt(path, passphrase: str) -> Converted:
    """Turn the protection off: the journal and its backups become plain SQLite files again."""
    path = Path(path).expanduser().absolute()
    if not is_encrypted(path):
        raise JournalError("decrypt", _("decrypt: the journal at {path} is not protected with a passphrase; nothing to do.").format(
                path=path))
    _check_opens(path, passphrase)
    done = _convert_all(path, passphrase, None)
    forget_schedule(path)  # the agent reads the plain journal again: no times or claims beside it any more
    forget_told(path)
    forget_display(path)
    return done


def change_passphrase(path, old: str, new: str) -> Converted:
    """Rekey: the journal and its backups are rewritten under `new`; `old` no longer opens them."""
    path = Path(path).expanduser().absolute()
    check_passphrase(new, "new passphrase")
    if not is_encrypted(path):
        raise JournalError("passphrase", _("passphrase: the journal at {path} is not protected yet; use encrypt to turn it on.").format(
                path=path))
    _check_opens(path, old)
    if old == new:
        return Converted(_rows(path, old))
    return _convert_all(path, old, new)


def _convert_all(path: Path, old: str | None, new: str | None) -> Converted:
    """The backups first, the journal last: a run killed halfway is finished by the same command again
    (the journal still opens with the old passphrase; the backups already rewritten are skipped)."""
    done, left = _convert_backups(path, old, new)
    return Converted(convert(path, old, new), done, left)


def _schedule_for_agent(path: Path, passphrase: str, clock) -> None:
    """The login agent can no longer read the journal: it gets the next due times now (docs/PRIVACY.md)."""
    from .spasmlog import SpasmLog
    svc = SpasmLog(open_journal(path, passphrase), clock, path, recover=False)
    try:
        write_schedule(svc)
        write_display(svc)  # and the lock view its text size, theme and language
    finally:
        svc.close()


def _check_opens(path: Path, passphrase: str | None) -> None:
    """Opened once the normal way first: a damaged, foreign or outdated journal is refused (or upgraded)."""
    open_journal(path, passphrase).close()


def _rows(path: Path, passphrase: str | None) -> dict[str, int]:
    conn = connect(path, readonly=True, key=passphrase)
    try:
        return row_counts(conn)
    finally:
        conn.close()


def _convert_backups(journal: Path, old: str | None, new: str | None) -> tuple[list[Path], list[Path]]:
    """Every backup (and damaged copy) not yet under `new` is rewritten under it; any that cannot be is listed."""
    done, left = [], []
    for backup in list_backups(journal, include_damaged=True):
        if _is_under(backup.path, new):
            continue  # already done (a run after an interrupted one)
        try:
            convert(backup.path, old if looks_encrypted(backup.path) else None, new)  # a plain copy left behind too
            done.append(backup.path)
        except (SpasmLogError, OSError):  # a damaged copy that cannot be read stays as it was, and is named
            left.append(backup.path)
    return done, left


def _is_under(path: Path, passphrase: str | None) -> bool:
    """Whether the file is plain (passphrase None) or opens with `passphrase`."""
    if not looks_encrypted(path):
        return passphrase is None
    if passphrase is None:
        return False
    try:
        connect(path, readonly=True, key=passphrase).close()
        return True
    except WrongPassphrase:
        return False
