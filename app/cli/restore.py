"""`backup [--list]` and `restore BACKUP`: make a backup now, list them, put one back."""
from __future__ import annotations

from pathlib import Path

from ..core.timeutil import iso_local, zone_of
from ..core.i18n import _
from .common import add_common, base_clock, clock_for, emit, open_services
from .passphrase_input import passphrase_when_needed


def add_parsers(sub) -> None:
    p = sub.add_parser("backup", help="back up the journal now (into backups/ beside it), or list the backups")
    p.add_argument("--list", action="store_true", help="list the backups and kept journals, newest first")
    add_common(p)
    p.set_defaults(handler=_backup)

    p = sub.add_parser("restore", help="replace the journal with a backup (the current journal is kept first; "
                                       "restoring a kept '-damaged' file puts it back as it was)")
    p.add_argument("backup", metavar="BACKUP", help="a backup file, e.g. from `backup --list`")
    add_common(p)
    p.set_defaults(handler=_restore)


def _journal_path(args) -> Path:
    from ..adapters.locations import default_journal_path
    return Path(args.db or default_journal_path()).expanduser().absolute()


def _backup(args) -> int:
    from ..services.backups import list_backups
    if args.list:
        clock = base_clock(args)
        found = list_backups(_journal_path(args), include_damaged=True, now=clock())  # every kept copy
        zone = zone_of(clock)
        emit(args, {"backups": [{"path": str(b.path), "taken": iso_local(b.taken, zone), "kind": b.kind} for b in found]},
             "\n".join(f"{iso_local(b.taken, zone)}  {b.kind:<14} {b.path}" for b in found) or _("No backups yet."))
        return 0
    svc = open_services(args)
    made = svc.backups.make("manual")
    emit(args, {"backup": str(made)}, _("Backup written: {path}").format(path=made))
    return 0


def _restore(args) -> int:
    from ..services.backups import restore_file
    clock = clock_for(args)
    journal = _journal_path(args)
    kept = restore_file(journal, Path(args.backup), clock, passphrase_when_needed(args))
    emit(args, {"journal": str(journal), "restored_from": str(Path(args.backup).absolute()),
                "previous_kept_at": str(kept) if kept else None},
         _("Journal {journal} restored from {backup}.").format(journal=journal, backup=args.backup)
         + (" " + _("The previous journal was kept at {kept}; to undo: python -m app restore {kept} --db {journal}").format(
                 
             kept=kept, journal=journal) if kept else ""))
    return 0
