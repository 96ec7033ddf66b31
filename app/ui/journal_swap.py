"""The journal file replaced under the open app (encrypted from a terminal, decrypted, restored): open the new one."""
from __future__ import annotations

from ..core.errors import PassphraseNeeded, SpasmLogError
from ..core.i18n import N_, _

BEING_CHANGED = N_("Your journal is being changed by another program (protected, unprotected or restored). "
                   "It opens again as soon as that is done.")
ENCRYPTED_ELSEWHERE = N_("Your journal was protected with a passphrase from outside this window. "
                         "Type the passphrase to go on.")
CHANGED_ELSEWHERE = N_("Your journal was changed from outside this window (a new passphrase, or restored). "
                       "Type its passphrase to go on.")


def reopen(app) -> None:
    """Close the old connection (it reads a file no longer there) and open what is at the path now."""
    svc = app.svc
    if app.reminders is not None:
        app.reminders.stop()
        app.reminders = None
    app.svc = None
    try:
        svc.close()
    except Exception:  # noqa: BLE001  (its file is gone: nothing of it is kept)
        pass
    _after_conversion(app, svc.path, svc.clock, _(CHANGED_ELSEWHERE if svc.passphrase else ENCRYPTED_ELSEWHERE))


def _after_conversion(app, path, clock, intro: str) -> None:
    """Open the journal again once no conversion is under way (it needs the file to itself meanwhile)."""
    from kivy.clock import Clock

    from ..services.privacy import conversion_running
    if conversion_running(path):
        if not (app.locker.locked and app.locker.view.waiting):
            # the screens covered (none has a journal to read or write), and the lock view, if it showed, takes no
            # passphrase meanwhile: opening the file mid-conversion would undo it
            app.locker.wait(_(BEING_CHANGED))
        Clock.schedule_once(lambda dt: _after_conversion(app, path, clock, intro), 0.25)
        return
    open_again(app, path, clock, intro)


def open_again(app, path, clock, intro: str = "") -> None:
    """The journal at `path`, opened for an app that holds none: the lock view if it is encrypted, else the journal
    at once; a problem shows the journal-problem view."""
    from ..services import open_spasmlog
    from ..services.faults import project_error
    from ..services.privacy import is_encrypted

    app.journal_path, app.clock = path, clock
    if is_encrypted(path):
        app.journal_error = PassphraseNeeded(path)
        app.locker.show(first=True, intro=intro)
        return
    if app.locker.locked and app.locker.view.waiting:
        app.locker.hide()  # it covered the screens while the file was changed: a plain journal opens now
        app.screen_title = app.current_title()
    try:
        app.svc = open_spasmlog(path, clock)
    except Exception as exc:  # noqa: BLE001  (a damaged or unreadable file: said in the journal-problem view)
        app.journal_error = exc if isinstance(exc, SpasmLogError) else project_error(exc, path) or SpasmLogError(str(exc))
        app.show_journal_error()
        return
    app.journal_error = None
    app.start_background()
    app.journal_changed()
    current = app.root_widget.ids.sm.current_screen
    if hasattr(current, "request_refresh"):
        current.request_refresh()
