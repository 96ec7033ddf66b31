"""The journal-problem panel: says why the journal cannot be used and offers only what fits that reason.

A full disk, read-only media, a lock or a disk error say nothing about the file: the panel offers "Try again".
Only a journal proven damaged offers to restore the latest backup (the damaged file is kept, and the restore
can be undone from the message that follows).
"""
from __future__ import annotations

from ..core.i18n import _
from ..core.errors import DamagedJournal
from ..core.timeutil import system_clock, to_local, zone_of
from .screens.base import friendly


def show(app) -> None:
    """Fill the panel for app.journal_error and show it in place of the screens."""
    from ..services.backups import list_backups
    ids = app.root_widget.ids
    error = app.journal_error
    ids.error_text.text = error.plain if isinstance(error, DamagedJournal) else error.message
    ids.error_box.opacity = 1
    ids.nav.disabled, ids.nav.opacity = True, 0.3  # no screen works without a journal
    app.screen_title = _("Journal problem")
    damaged = isinstance(error, DamagedJournal)
    ids.retry_button.text = "" if damaged else _("Try again")
    ids.export_button.text = _("Export what can still be read") if app.readable is not None else ""
    clock = app.clock or system_clock  # no services here: the app's clock tells the time and the person's zone
    backups = list_backups(app.journal_path, now=clock()) if app.journal_path and damaged else []
    app._latest_backup = backups[0] if backups else None
    if app._latest_backup:
        when = to_local(app._latest_backup.taken, zone_of(clock)).strftime("%d %b %Y %H:%M")
        ids.restore_button.text = _("Restore the backup from {when}").format(when=when)
        ids.restore_hint.text = _("Your current file is kept in the backups folder, unchanged. "
                                  "Entries made after that backup are not in it.")
    else:
        ids.restore_button.text = ""
        ids.restore_hint.text = (_("There is no backup of this journal yet.") if damaged else
                                 _("Your journal was not changed. Fix the cause above, then tap Try again."))


def export_readable(app) -> None:
    """CSV files of everything the damaged journal still lets us read, into the usual export folder."""
    from ..services.salvage import export_readable as salvage
    from .screens.export import default_export_root
    clock = app.clock or system_clock
    folder = default_export_root() / f"readable-{to_local(clock(), zone_of(clock)).date().isoformat()}"
    try:
        files, lost = salvage(app.readable, folder)
    except Exception as exc:  # noqa: BLE001  (a full disk: say so, stay on the panel)
        app.snack(friendly(exc, folder))
        return
    missing = (_(" Could not be read: {what}.").format(what=", ".join(lost)) if lost else
               _(" Everything could be read."))
    app.root_widget.ids.export_hint.text = _("Saved {n} files in {folder}.").format(n=len(files), folder=folder) + missing
    app.snack(_("Saved {n} files.").format(n=len(files)) + missing)


def _close_readable(app) -> None:
    if app.readable is not None:
        app.readable.close()
        app.readable = None


def retry(app) -> None:
    """Open the journal again (after space was freed, the disk made writable, the other program closed)."""
    from ..services import open_spasmlog
    _close_readable(app)
    try:
        svc = open_spasmlog(app.journal_path, passphrase=app.passphrase, read_only_if_damaged=True)
    except Exception as exc:  # noqa: BLE001  (still not possible: say why, stay on the panel)
        app.journal_error = _as_error(exc, app.journal_path)
        show(app)
        return
    if svc.damage is not None:
        app.readable, app.journal_error = svc, svc.damage
        show(app)
        return
    _opened(app, svc, _("Your journal is open again."))


def restore_latest(app) -> None:
    """Restore the newest backup over a damaged journal, then carry on as normal; Undo puts it back."""
    from ..services import open_spasmlog
    from ..services.backups import restore_file
    _close_readable(app)
    try:
        kept = restore_file(app.journal_path, app._latest_backup.path, system_clock, app.passphrase)
        svc = open_spasmlog(app.journal_path, passphrase=app.passphrase)
    except Exception as exc:  # noqa: BLE001  (a full disk mid-restore: the journal is as it was)
        app.root_widget.ids.error_text.text = friendly(exc, app.journal_path)
        return
    undo = (lambda: _undo(app, kept)) if kept else None
    _opened(app, svc, _("Your journal was restored from the backup."), undo)


def _undo(app, kept) -> None:
    """Put back the journal the restore kept aside (as it was, damage and all) and show why it could not open."""
    from ..services.backups import restore_file
    if app.reminders is not None:
        app.reminders.stop()
    if app.svc is not None:
        app.svc.close()
        app.svc = None
    try:
        restore_file(app.journal_path, kept, system_clock, app.passphrase)
    except Exception as exc:  # noqa: BLE001
        app.snack(friendly(exc, app.journal_path))
    retry(app)


def _opened(app, svc, message: str, undo=None) -> None:
    ids = app.root_widget.ids
    ids.export_hint.text = ""
    app.svc = svc
    app.journal_error = None
    ids.error_box.opacity = 0
    ids.nav.disabled, ids.nav.opacity = False, 1
    app.go("today")
    app.journal_changed()
    app.snack(message, _("Undo") if undo else "", undo)
    if not app.exit_after_first_frame:
        app.start_reminders()


def _as_error(exc: BaseException, path):
    from ..services.faults import project_error
    return project_error(exc, path) or DamagedJournal(path, friendly(exc, path))
