"""Settings → "Protect with a passphrase": the dialog that asks twice, warns, and encrypts (or rekeys) the journal."""
from __future__ import annotations

from kivy.app import App
from kivy.properties import BooleanProperty, StringProperty
from kivy.uix.modalview import ModalView

from ..core.errors import SpasmLogError
from ..core.i18n import N_, _
from .kvfiles import load_kv
from .pickers import TextField  # noqa: F401  (the kv rules use it: imported, it is known to the Factory)

WARNING = N_("If you forget this passphrase, nobody can recover your journal or its backups: not you, not us. "
           "Write it down somewhere safe. SpasmLog will ask for it every time it opens.")


class ProtectDialog(ModalView):
    """Asks for the new passphrase twice (and the current one when changing it); `message` says what is wrong."""
    changing = BooleanProperty(False)
    reveal = BooleanProperty(False)
    message = StringProperty("")
    warning = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.warning = _(WARNING)

    def confirm(self) -> None:
        ids = self.ids
        new, again = ids.new.text, ids.again.text
        if new != again:
            self.message = _("The two passphrases are not the same. Type them again.")
            ids.again.text = ""
            return
        app = App.get_running_app()
        try:
            reprotect(app, new, ids.current.text if self.changing else None)
        except SpasmLogError as exc:
            self.message = exc.plain
            return
        self.dismiss()
        app.snack(_("Your journal and its backups are now protected with your passphrase."))


def open_dialog(changing: bool) -> ProtectDialog:
    load_kv("pickers")
    load_kv("protect")
    dialog = ProtectDialog(changing=changing)
    dialog.open()
    return dialog


def reprotect(app, new: str, current: str | None) -> None:
    """Encrypt the open journal (or rekey it): closed, converted, opened again; the reminders start again."""
    from ..services import open_spasmlog
    from ..services.privacy import change_passphrase, encrypt

    svc = app.svc
    if current is not None and current != svc.passphrase:
        raise SpasmLogError(_("The current passphrase is not right; nothing was changed."))
    path, clock = svc.path, svc.clock
    if app.reminders is not None:
        app.reminders.stop()
    svc.close()
    key = current  # a refused or failed conversion leaves the journal as it was
    try:
        if current is None:
            encrypt(path, new)
        else:
            change_passphrase(path, current, new)
        key = new
    finally:
        app.svc = open_spasmlog(path, clock, key)
        app.start_background()
        app.journal_changed()
