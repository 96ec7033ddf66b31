"""UI scenario: an encrypted journal's lock view drawn at the person's text size and theme, before the passphrase."""
from .harness import current as _current, settled, wait_for as _wait_for
from .scenarios_privacy import PASSPHRASE, _focused, _type

__all__ = ["lock_view_at_150_light", "lock_view_at_150_light_german", "journal_look_counts_once_unlocked"]


def lock_view_at_150_light(d, shot="light_150"):
    """The journal says light and 150 % (tests/ui/test_lock_look.py): so does the lock view, before anything is read;
    unlocked, the app stays so (the journal's own choice)."""
    from kivy.metrics import sp
    theme, locker = d.app.theme, d.app.locker
    yield from _wait_for(lambda: locker.locked, what="the lock view")
    assert d.app.svc is None, "nothing is read before the passphrase"
    assert (theme.name, theme.text_size) == ("light", 150), (theme.name, theme.text_size)
    title = d.find(locker.view, text="SpasmLog")
    assert abs(title.font_size - sp(34) * 1.5) < 0.5, title.font_size  # FONT_XL at 150 %
    assert theme.BG[0] > 0.9, theme.BG  # the light background
    yield from settled(d, "the lock view")
    d.shot(f"lock_{shot}")
    field = locker.view.ids.passphrase
    yield from d.tap(field)
    yield from _focused(field)
    _type(PASSPHRASE + "\n")
    yield from _wait_for(lambda: not locker.locked and _current(d) == "today", what="Today after unlocking")
    assert (theme.name, theme.text_size) == ("light", 150)
    yield from settled(d, "Today after unlocking")
    d.shot(f"today_{shot}")


def lock_view_at_150_light_german(d):
    """The same in German: the lock view speaks the journal's language before the passphrase."""
    locker = d.app.locker
    yield from _wait_for(lambda: locker.locked, what="the lock view")
    assert locker.view.ids.unlock.text == "Entsperren", locker.view.ids.unlock.text
    assert locker.view.ids.show.text == "Zeigen"
    yield from lock_view_at_150_light(d, shot="light_150_de")


def journal_look_counts_once_unlocked(d):
    """The file beside the journal is older (dark, 100 %) than the journal (light, 150 %): the lock view follows the
    file, the unlocked app the journal."""
    theme, locker = d.app.theme, d.app.locker
    yield from _wait_for(lambda: locker.locked, what="the lock view")
    assert (theme.name, theme.text_size) == ("dark", 100), (theme.name, theme.text_size)
    field = locker.view.ids.passphrase
    yield from d.tap(field)
    yield from _focused(field)
    _type(PASSPHRASE + "\n")
    yield from _wait_for(lambda: not locker.locked and _current(d) == "today", what="Today after unlocking")
    assert (theme.name, theme.text_size) == ("light", 150), (theme.name, theme.text_size)
    yield from settled(d, "Today after unlocking")
    d.shot("today_after_an_older_look")
