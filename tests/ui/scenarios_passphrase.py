"""UI scenarios for the passphrase: unlocking off the main thread, Settings → change and remove it, a journal
encrypted from a terminal while the app is open."""
from .harness import current as _current, settled, wait_for as _wait_for
from .scenarios_privacy import PASSPHRASE, _dialog, _focused, _type

__all__ = ["unlock_change_and_remove_passphrase", "encrypted_from_a_terminal", "journal_changed_elsewhere_covers_the_screens",
           "locked_view_takes_every_touch_and_key", "ice_and_heat_after_a_new_passphrase",
           "lock_covers_an_open_edit_panel",
           "locked_while_changed_elsewhere_takes_no_passphrase"]

NEW = "staple gun lighthouse"


def unlock_without_freezing(d, passphrase: str = PASSPHRASE):
    """Typed, then Enter: the key is derived on a worker thread; the view says so and the window keeps drawing."""
    from kivy.clock import Clock
    locker = d.app.locker
    yield from _wait_for(lambda: locker.locked, what="the lock view")
    view = locker.view
    yield from d.tap(view.ids.passphrase)
    yield from _focused(view.ids.passphrase)
    _type(passphrase)
    frames = Clock.frames
    _type("\n")
    # Derived on the main thread (0.2 to 0.7 s), the view would be unlocked before this line could run.
    assert view.busy and locker.locked, "the passphrase is checked off the main thread"
    assert "Checking" in view.ids.unlock.text, view.ids.unlock.text
    assert view.ids.passphrase.disabled
    d.shot("lock_screen_busy")
    yield from _wait_for(lambda: not locker.locked, what="unlocked")
    assert Clock.frames - frames >= 3, "the main loop went on while the key was derived"
    assert not view.busy


def _type_into(d, field, text):
    yield from d.tap(field)
    yield from _focused(field)
    _type(text)
    yield from settled(d, "the typed text on the screen")


def _change_passphrase(d, s, current, new):
    """Settings (screen `s`) → Change the passphrase: the current one, the new one twice; it runs off the main
    thread and the dialog closes."""
    yield from d.show(s.ids.protect)
    yield from d.tap(s.ids.protect)
    yield from _wait_for(lambda: _dialog() is not None, what="the Change dialog")
    dialog = _dialog()
    assert dialog.mode == "change"
    yield from _type_into(d, dialog.ids.current, current)
    yield from _type_into(d, dialog.ids.new, new)
    yield from _type_into(d, dialog.ids.again, new)
    yield from settled(d, "the Change dialog filled in")
    d.shot("settings_change_dialog")
    yield from d.tap(dialog.ids.confirm)
    assert dialog.busy and "Working" in dialog.ids.confirm.text, "the rekey runs off the main thread"
    yield from _wait_for(lambda: not dialog.busy, seconds=60, what="the passphrase to be changed")
    assert dialog.message == "", dialog.message
    yield from _wait_for(lambda: dialog.parent is None, what="the dialog to close")
    assert d.app.svc.passphrase == new


def ice_and_heat_after_a_new_passphrase(d):
    """Ice & heat seen, then the passphrase changed in Settings (the journal is opened again): the timer screen
    works on the reopened journal, heat starts and stops."""
    yield from unlock_without_freezing(d)
    yield from d.go("therapy")
    t = d.screen("therapy")
    yield from _wait_for(lambda: t.mode == "idle", what="Ice & heat idle")
    yield from d.go("settings")
    s = d.screen("settings")
    yield from _wait_for(lambda: s.protected, what="the card to say protected")
    yield from _change_passphrase(d, s, PASSPHRASE, NEW)
    yield from d.go("therapy")
    yield from d.tap_visible(t.ids.heat_button)
    yield from _wait_for(lambda: t.mode == "running", what="heat running")
    assert d.svc.therapy.current().kind == "heat" and t.error == "", t.error
    yield from d.tap_visible(t.ids.stop_button)  # within its first minute: taken as a mistaken start
    yield from _wait_for(lambda: d.svc.therapy.current() is None, what="heat stopped")
    assert t.error == "", t.error


def unlock_change_and_remove_passphrase(d):
    """Unlock (busy, not frozen); Settings → Change the passphrase (current, new twice); then Remove it: the
    plain warning, a wrong current passphrase refused, the right one turns the encryption off."""
    yield from unlock_without_freezing(d)
    assert _current(d) == "today"
    d.app.go("settings")
    s = d.screen("settings")
    yield from _wait_for(lambda: s.protected, what="the card to say protected")

    yield from _change_passphrase(d, s, PASSPHRASE, NEW)

    yield from d.tap_visible(s.ids.remove_passphrase)
    yield from _wait_for(lambda: _dialog() is not None, what="the Remove dialog")
    dialog = _dialog()
    assert dialog.mode == "remove" and "unencrypted" in dialog.warning, dialog.warning
    assert dialog.ids.new.disabled and dialog.ids.again.disabled
    yield from _type_into(d, dialog.ids.current, PASSPHRASE + "\n")  # the old one: refused, nothing changed
    yield from _wait_for(lambda: "not right" in dialog.message, what="the wrong-passphrase line")
    assert d.app.svc.passphrase == NEW and dialog.parent is not None
    yield from settled(d, "the Remove dialog's refusal")
    d.shot("settings_remove_dialog")
    yield from _type_into(d, dialog.ids.current, NEW + "\n")
    assert dialog.busy
    yield from _wait_for(lambda: not dialog.busy, seconds=60, what="the passphrase to be removed")
    assert dialog.message == "", dialog.message
    yield from _wait_for(lambda: dialog.parent is None, what="the dialog to close")
    assert d.app.svc.passphrase is None
    with open(d.app.svc.path, "rb") as fh:
        assert fh.read(16) == b"SQLite format 3\x00"
    yield from _wait_for(lambda: not s.protected and "Not protected" in s.privacy_text, what="the card to say so")
    assert s.ids.remove_passphrase.get_root_window() is None, "nothing to remove any more"
    snackbar = d.app.root_widget.ids.snackbar
    assert "no longer encrypted" in snackbar.text, snackbar.text
    d.svc.entries.log_pain(4)  # the app goes on with the plain journal
    assert d.svc.entries.latest_pain().score == 4


def encrypted_from_a_terminal(d):
    """`python -m app encrypt` while the app is open on Today: the next tap shows the lock view, not an error,
    and writes nothing; the passphrase opens the journal with every entry."""
    import os
    import subprocess
    import sys
    today = d.screen("today")
    yield from _wait_for(lambda: _current(d) == "today", what="Today")
    before = d.svc.entries.latest_pain().score
    path = d.svc.path
    env = {**os.environ, "SPASMLOG_PASSPHRASE": PASSPHRASE}
    proc = subprocess.Popen([sys.executable, "-m", "app", "encrypt", "--db", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    yield from _wait_for(lambda: proc.poll() is not None, seconds=90, what="encrypt from a terminal")
    assert proc.returncode == 0, proc.stderr.read()
    locker = d.app.locker
    eight = d.find(today.ids.picker, text="8", cls="PainButton")
    # A thumb where the 8 is: on Today (the app has not looked yet) or on the lock view (its look, a second at
    # most, came first); either way nothing is written and nothing breaks.
    yield from d.tap_at(*eight.to_window(*eight.center))
    yield from _wait_for(lambda: locker.locked and not locker.view.waiting, what="the lock view")
    assert d.app.svc is None
    assert "outside this window" in locker.view.intro, locker.view.intro
    assert today.error == "" and not d.app.root_widget.ids.snackbar.shown, (today.error,)
    yield from settled(d, "the lock view")
    d.shot("lock_after_terminal_encrypt")
    yield from unlock_without_freezing(d)
    yield from _wait_for(lambda: _current(d) == "today", what="Today again")
    assert d.svc.passphrase == PASSPHRASE
    assert d.svc.entries.latest_pain().score == before  # every entry there; the tap wrote nothing anywhere


def locked_view_takes_every_touch_and_key(d):
    """Locked over Today: a tap where a pain button lies beneath, a digit key and Ctrl+2 do nothing to the journal
    or the screens; only the passphrase gets past."""
    from .scenarios_comfort import _digit
    yield from unlock_without_freezing(d)
    yield from _wait_for(lambda: _current(d) == "today", what="Today")
    today = d.screen("today")
    before = d.svc.entries.latest_pain()
    eight = d.find(today.ids.picker, text="8", cls="PainButton")
    x, y = eight.to_window(*eight.center)
    locker = d.app.locker
    locker.lock()
    assert locker.locked
    yield from d.tap_at(x, y)  # a thumb where the 8 was, at once (before the lock view's first layout)
    yield from settled(d, "the lock view")
    view = locker.view
    view.ids.passphrase.focus = False  # the keyboard not in the passphrase field: keys go to the window
    yield from _wait_for(lambda: not view.ids.passphrase.focus, what="the field to let go of the keyboard")
    _digit(8)
    _digit(2, modifiers=("ctrl",))
    yield from settled(d, "after the taps and keys")
    assert locker.locked and _current(d) == "today", _current(d)
    after = d.svc.entries.latest_pain()
    assert (after.id, after.score) == (before.id, before.score), "nothing was logged from behind the lock"
    yield from _type_into(d, view.ids.passphrase, PASSPHRASE + "\n")  # open already: compared at once
    yield from _wait_for(lambda: not locker.locked, what="unlocked")
    assert d.svc.entries.latest_pain().id == before.id


def journal_changed_elsewhere_covers_the_screens(d):
    """Another program converts the journal (its copy being written beside it): the app lets go of the file and
    covers the screens, saying why; a tap where Today's 8 lies does nothing; once the copy is gone the journal opens
    again by itself, on Today, with nothing written meanwhile."""
    from app.store.convert import _tmp_name
    yield from _wait_for(lambda: _current(d) == "today", what="Today")
    today = d.screen("today")
    before = d.svc.entries.latest_pain()
    path = d.svc.path
    marker = _tmp_name(path.absolute())
    marker.write_bytes(b"")  # as `python -m app encrypt` leaves it while it writes the new copy
    locker = d.app.locker
    try:
        yield from _wait_for(lambda: locker.locked, what="the cover")
        assert locker.view.waiting and d.app.svc is None
        assert "another program" in locker.view.intro, locker.view.intro
        assert locker.view.ids.passphrase.disabled and "One moment" in locker.view.ids.unlock.text
        eight = d.find(today.ids.picker, text="8", cls="PainButton")
        yield from d.tap_at(*eight.to_window(*eight.center))
        yield from settled(d, "the cover")
        d.shot("journal_being_changed")
        assert locker.locked and d.app.svc is None
    finally:
        marker.unlink()
    yield from _wait_for(lambda: not locker.locked and d.app.svc is not None, what="the journal to open again")
    assert _current(d) == "today" and d.app.screen_title == "Today", (_current(d), d.app.screen_title)
    after = d.svc.entries.latest_pain()
    assert (after.id, after.score) == (before.id, before.score), "nothing was written while the file was changed"
    yield from d.tap(d.find(today.ids.picker, text="6", cls="PainButton"))
    yield from _wait_for(lambda: d.svc.entries.latest_pain().score == 6, what="the journal in use again")


def lock_covers_an_open_edit_panel(d):
    """An entry open in the Journal's edit panel when the app locks: the panel is hidden under the lock view, its
    Save out of reach of a tap and of Enter; after the passphrase it is there again as it was, and saves."""
    from .scenarios_comfort import _key
    from .scenarios_journal import _opened, _row_of
    yield from unlock_without_freezing(d)
    yield from d.go("journal")
    journal = d.screen("journal")
    yield from d.tap(_row_of(d, journal, "Pain 3/10"))
    yield from _opened(d, lambda: journal.editor, "the pain score's edit panel")
    editor = journal.editor
    yield from d.tap(d.find(editor, text="8", cls="PainButton"))
    save = editor.ids.save
    x, y = save.to_window(*save.center)
    locker = d.app.locker
    locker.lock()
    from kivy.core.window import Window
    assert Window.children.index(locker.view) < Window.children.index(editor), "the lock view is above the panel"
    yield from d.tap_at(x, y)  # where Save was
    view = locker.view
    view.ids.passphrase.focus = False
    yield from _wait_for(lambda: not view.ids.passphrase.focus, what="the field to let go of the keyboard")
    _key(13)  # Enter: would confirm the panel if it reached it
    yield from settled(d, "the lock view over the panel")
    d.shot("lock_over_edit_panel")
    assert editor.get_parent_window() is not None and locker.locked
    assert d.svc.entries.latest_pain().score == 3, "nothing saved from behind the lock"
    yield from _type_into(d, view.ids.passphrase, PASSPHRASE + "\n")
    yield from _wait_for(lambda: not locker.locked, what="unlocked")
    assert editor.get_parent_window() is not None, "the panel is there again"
    yield from d.tap(editor.ids.save)
    yield from _wait_for(lambda: d.svc.entries.latest_pain().score == 8, what="the change saved after unlocking")


def locked_while_changed_elsewhere_takes_no_passphrase(d):
    """Locked, then another program converts the journal (a new passphrase from a terminal): the lock view waits
    and takes no passphrase until the conversion is done (opening the file meanwhile would undo it); then the
    passphrase opens the journal."""
    from app.store.convert import _tmp_name
    yield from unlock_without_freezing(d)
    locker = d.app.locker
    locker.lock()
    marker = _tmp_name(d.svc.path.absolute())
    marker.write_bytes(b"")
    view = locker.view
    try:
        yield from _wait_for(lambda: view.waiting and d.app.svc is None, what="the lock view to wait")
        assert view.ids.passphrase.disabled and "another program" in view.intro, view.intro
        view.submit()  # Enter in the field, had it the keyboard
        yield from settled(d, "the waiting lock view")
        assert d.app.svc is None and view.waiting and not view.busy, "no passphrase is taken meanwhile"
    finally:
        marker.unlink()
    yield from _wait_for(lambda: not view.waiting and locker.locked, what="the lock view asking again")
    assert "changed from outside this window" in view.intro, view.intro
    yield from unlock_without_freezing(d)
    assert d.app.svc is not None and d.svc.passphrase == PASSPHRASE
