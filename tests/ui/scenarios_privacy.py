"""UI scenarios for the encrypted journal: the lock view, Settings → Protect, locking with a timer running."""
from .harness import current as _current, settled, wait_for as _wait_for

__all__ = ["unlock_encrypted_journal", "protect_lock_and_timer"]

PASSPHRASE = "correct horse battery"  # tests/ui/test_privacy.py encrypts the journal with it


def _type(text: str) -> None:
    """Key presses as the keyboard sends them: each character, then Enter for a newline (each handled at once)."""
    from kivy.core.window import Window
    for ch in text:
        if ch == "\n":
            Window.dispatch("on_key_down", 13, 40, None, [])
            Window.dispatch("on_key_up", 13, 40)
        else:
            Window.dispatch("on_textinput", ch)


def _focused(field):
    yield from _wait_for(lambda: field.focus, what="the text field to have the keyboard")


def unlock_encrypted_journal(d):
    """Opens on the passphrase view; a wrong passphrase only says so; the right one, typed, shows Today."""
    locker = d.app.locker
    yield from _wait_for(lambda: locker.locked, what="the lock view")
    assert d.app.svc is None, "nothing is read before the passphrase"
    view = locker.view
    field = view.ids.passphrase
    assert field.password, "the passphrase is hidden while typed"
    yield from d.tap(field)
    yield from _focused(field)
    _type("not my passphrase")
    assert field.text == "not my passphrase"
    yield from settled(d, "the typed passphrase on the screen")
    d.shot("lock_screen_typed")
    _type("\n")
    yield from _wait_for(lambda: "Wrong passphrase" in view.message, what="the wrong-passphrase message")
    assert locker.locked and d.app.svc is None and field.text == ""
    yield from settled(d, "the wrong-passphrase message on the screen")
    d.shot("lock_screen_wrong")
    yield from d.tap(view.ids.show)
    assert not field.password, "Show reveals the text"
    yield from d.tap(field)
    yield from _focused(field)
    _type(PASSPHRASE)
    yield from settled(d, "the shown passphrase on the screen")
    d.shot("lock_screen_shown")
    yield from d.tap(view.ids.unlock)
    yield from _wait_for(lambda: not locker.locked and _current(d) == "today", what="Today after unlocking")
    assert d.app.svc is not None and d.app.svc._db.passphrase == PASSPHRASE
    d.find(d.screen("today"), text="How bad is it now")
    yield from settled(d, "Today after unlocking")
    d.shot("unlocked_today")

    # Export offers a password for the PDF, as the journal is encrypted.
    d.app.go("export")
    export = d.screen("export")
    yield from _wait_for(lambda: export.pdf_lock_card.parent is not None, what="the PDF password card")
    yield from d.show(export.pdf_lock_card)
    d.shot("export_pdf_password")


def protect_lock_and_timer(d):
    """Settings → Protect asks twice and warns; then Lock now covers the app while ice keeps counting down,
    its alarm fires with discreet words, and the passphrase unlocks it again."""
    from app.ui.lock import DiscreetNotifier
    from .scenarios_therapy import SpyNotifier, SpySound

    d.app.go("settings")
    s = d.screen("settings")
    yield from _wait_for(lambda: "Not protected" in s.privacy_text, what="the privacy card")
    yield from d.show(s.ids.protect)
    d.shot("settings_privacy_plain")
    yield from d.tap(s.ids.protect)
    yield from _wait_for(lambda: _dialog() is not None, what="the Protect dialog")
    dialog = _dialog()
    assert "nobody can recover" in dialog.warning, dialog.warning
    yield from d.tap(dialog.ids.new)
    yield from _focused(dialog.ids.new)
    _type(PASSPHRASE)
    yield from d.tap(dialog.ids.again)
    yield from _focused(dialog.ids.again)
    _type(PASSPHRASE[:-1] + "X")
    yield from d.tap(dialog.ids.confirm)
    assert "not the same" in dialog.message, dialog.message
    yield from settled(d, "the dialog saying the two are not the same")
    d.shot("settings_protect_dialog")
    yield from d.tap(dialog.ids.again)
    yield from _focused(dialog.ids.again)
    _type(PASSPHRASE)
    yield from d.tap(dialog.ids.confirm)
    yield from _wait_for(lambda: dialog.parent is None, seconds=60, what="the journal to be encrypted")
    assert d.app.svc._db.passphrase == PASSPHRASE
    with open(d.app.svc.path, "rb") as fh:
        assert fh.read(16) != b"SQLite format 3\x00"
    yield from _wait_for(lambda: s.protected, what="the card to say protected")
    yield from d.show(s.ids.lock_now)
    snackbar = d.app.root_widget.ids.snackbar
    yield from _wait_for(lambda: not snackbar.shown, seconds=20, what="the snackbar to go")
    yield from settled(d, "Settings without the snackbar")
    d.shot("settings_privacy_protected")

    # Ice running, then locked: the countdown goes on behind the lock and the alarm is discreet.
    delivery = d.app.reminders
    delivery.sound, delivery.threaded = SpySound(), False
    delivery.notifier = DiscreetNotifier(SpyNotifier(), lambda: d.app.locker.locked)
    d.svc.therapy.start("ice", barrier=True)
    yield from d.tap_visible(s.ids.lock_now)
    assert d.app.locker.locked
    d.clock.advance(minutes=10, seconds=30)
    yield from _wait_for(lambda: delivery.notifier.notifier.sent, what="the alarm while locked")
    assert delivery.sound.plays >= 1
    assert all(m == "SpasmLog reminder" for _, m in delivery.notifier.notifier.sent), delivery.notifier.notifier.sent
    popup = d.app.alarm_popup
    assert "ice" not in popup.message.lower() and "ice" not in popup.title.lower(), (popup.title, popup.message)
    yield from settled(d, "the alarm over the lock view")
    d.shot("locked_alarm")
    yield from d.tap(popup.ids.popup_primary)
    yield from _wait_for(lambda: popup.parent is None, what="the alarm to close")
    assert d.app.locker.locked, "closing the alarm does not unlock"
    view = d.app.locker.view
    yield from d.tap(view.ids.passphrase)
    yield from _focused(view.ids.passphrase)
    _type(PASSPHRASE + "\n")
    yield from _wait_for(lambda: not d.app.locker.locked, what="unlocked again")
    assert _current(d) == "settings", _current(d)  # back where the person was


def _dialog():
    from kivy.core.window import Window
    for child in Window.children:
        if type(child).__name__ == "ProtectDialog":
            return child
    return None
