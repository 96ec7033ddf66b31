"""Settings → the passphrase: the dialog that protects the journal, changes its passphrase, or removes it."""
from __future__ import annotations

import hmac

from kivy.properties import BooleanProperty, ObjectProperty, OptionProperty, StringProperty
from kivy.uix.modalview import ModalView

from ..core.errors import JournalError, SpasmLogError
from ..core.i18n import N_, _
from .kvfiles import load_kv
from .pickers import TextField  # noqa: F401  (the kv rules use it: imported, it is known to the Factory)

WARNING = N_("If you forget this passphrase, nobody can recover your journal or its backups: not you, not us. "
             "Write it down somewhere safe. SpasmLog will ask for it every time it opens.")
REMOVE_WARNING = N_("Without a passphrase your journal and its backups are stored unencrypted again: anyone who gets "
                    "this file, a copy of the disk or a backup can read everything in it.")
NOT_SAME = N_("The two passphrases are not the same. Type them again.")
CURRENT_WRONG = N_("The current passphrase is not right; nothing was changed.")
PROTECTED = N_("Your journal and its backups are now protected with your passphrase.")
REMOVED = N_("The passphrase is removed: your journal and its backups are no longer encrypted.")
FAILED = N_("Something went wrong, so nothing was changed. Please try again.")


class ProtectDialog(ModalView):
    """mode "protect": the new passphrase twice; "change": the current one and the new one twice; "remove": the
    current one. The work runs off the main thread (busy meanwhile); `message` says what is wrong."""
    mode = OptionProperty("protect", options=["protect", "change", "remove"])
    reveal = BooleanProperty(False)
    busy = BooleanProperty(False)
    message = StringProperty("")
    warning = StringProperty("")
    app = ObjectProperty(None)  # the running SpasmLogApp, handed in by open_dialog

    def on_kv_post(self, base_widget):
        self.warning = _(REMOVE_WARNING) if self.mode == "remove" else _(WARNING)

    def confirm(self) -> None:
        if self.busy:
            return
        ids, app = self.ids, self.app
        current = ids.current.text if self.mode != "protect" else None
        new = None
        if self.mode != "remove":
            new = ids.new.text
            if new != ids.again.text:
                self.message = _(NOT_SAME)
                ids.again.text = ""
                return
        if current is not None and not hmac.compare_digest(current.encode("utf-8"),
                                                           app.svc.passphrase.encode("utf-8")):
            self.message = _(CURRENT_WRONG)
            ids.current.text = ""
            return
        self.busy, self.message = True, ""
        convert_open_journal(app, self.mode, current, new, self._done, self._failed)

    def _done(self, converted) -> None:
        self.busy = False
        self.dismiss()
        said = _(REMOVED) if self.mode == "remove" else _(PROTECTED)
        left = converted.left_words()  # copies that could not be converted are still as they were: say which
        self.app.snack(f"{said} {left}" if left else said, seconds=30 if left else 6)

    def _failed(self, exc: Exception) -> None:
        from kivy.logger import Logger
        self.busy = False
        if isinstance(exc, SpasmLogError):
            self.message = exc.plain
        else:
            Logger.error("SpasmLog: changing the passphrase failed", exc_info=exc)
            self.message = _(FAILED)


def open_dialog(mode: str, app) -> ProtectDialog:
    load_kv("pickers")
    load_kv("protect")
    dialog = ProtectDialog(mode=mode, app=app)
    dialog.open()
    return dialog


def convert_open_journal(app, mode: str, current: str | None, new: str | None, done, failed) -> None:
    """Encrypt, rekey or decrypt the open journal on a worker thread; then the app goes on with it opened under its
    new key (done()), or as it was (failed(error)). Its connection is closed meanwhile (a conversion needs the file
    to itself, and a write now would land in the file about to be replaced); the dialog covers the app."""
    from ..services import open_spasmlog
    from ..services.privacy import change_passphrase, check_passphrase, decrypt, encrypt
    from .busy import in_background
    from .journal_swap import open_again

    svc = app.svc
    path, clock = svc.path, svc.clock
    if new is not None:
        try:
            check_passphrase(new, "passphrase")
        except JournalError as exc:
            failed(exc)
            return
    if app.reminders is not None:
        app.reminders.stop()
        app.reminders = None
    app.svc = None
    svc.close()

    def work():
        try:
            if mode == "protect":
                converted = encrypt(path, new, clock)
            elif mode == "change":
                converted = change_passphrase(path, current, new)
            else:
                converted = decrypt(path, current)
        except Exception as exc:  # noqa: BLE001  (the journal opens as it is now)
            return _open_as_it_is(path, clock, current, new), exc, None
        return open_spasmlog(path, clock, new), None, converted

    def finished(result) -> None:
        app.svc, error, converted = result
        app.start_background()
        app.journal_changed()
        if error is None:
            done(converted)
        else:
            failed(error)

    def broke(exc: Exception) -> None:  # not even opened again: the lock view or the journal-problem view
        failed(exc)
        open_again(app, path, clock)

    in_background(work, finished, broke, name="spasmlog-passphrase")


def _open_as_it_is(path, clock, current, new):
    """After a conversion that failed: the journal under its old key (nothing was changed), or under the new one
    when the conversion itself was done and only a step after it failed (writing the reminder times on a full
    disk, say)."""
    from ..core.errors import PassphraseNeeded, WrongPassphrase
    from ..services import open_spasmlog
    try:
        return open_spasmlog(path, clock, current)
    except (PassphraseNeeded, WrongPassphrase):
        if new is None:
            raise
        return open_spasmlog(path, clock, new)
