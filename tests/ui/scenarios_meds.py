"""UI scenarios for Medication & activity: when it happened (now, 30 min ago, 1 h ago, earlier…)."""
from datetime import timedelta

from .harness import animating, in_view, settled, wait_for as _wait_for

__all__ = ["meds_choose_when", "messages_never_cover", "message_waits_for_the_finger", "text_fields_stop_at_their_limit"]


def meds_choose_when(d):
    """A dose taken an hour ago, then an activity yesterday through "Earlier…"; each time back to now after."""
    yield from d.go("meds")
    meds = d.screen("meds")
    when = meds.ids.when
    assert not when.steps_shown and meds.ids.took.text == "Took it now", meds.ids.took.text
    yield from d.tap_visible(d.find(when, text="1 h ago", cls="Chip"))
    hour_ago = d.clock() - timedelta(hours=1)
    assert meds.ids.took.text == f"Took it at {hour_ago:%H:%M}", meds.ids.took.text
    meds.ids.name.text, meds.ids.dose.text = "Ibuprofen", "400 mg"
    yield from settled(d, "the typed dose on the screen")
    d.shot(f"meds_when_{d.size}")
    yield from d.tap_visible(meds.ids.took)
    (dose,) = d.svc._repo.between("dose")
    assert (dose.name, dose.at) == ("Ibuprofen", hour_ago.replace(microsecond=0)), dose
    assert f"logged at {hour_ago:%H:%M}" in d.app.root_widget.ids.snackbar.text
    assert when.chosen() is None and meds.ids.took.text == "Took it now"  # back to now for the next one
    # Earlier…: the day/hour/minute steps unfold; one day back for a walk.
    yield from d.tap_visible(d.find(when, text="Earlier", cls="Chip"))
    assert when.steps_shown
    yield from d.tap_visible(d.find(when.ids.steps, text="− 1 day", cls="FlatButton"))
    yield from d.tap_visible(d.find(meds.ids.activities, text="Walk", cls="Chip"))
    day_ago = d.clock() - timedelta(days=1)
    assert meds.ids.log_activity.text == f"Log activity yesterday {day_ago:%H:%M}", meds.ids.log_activity.text
    yield from settled(d, "the chosen time on the screen")
    d.shot(f"meds_when_earlier_{d.size}")
    yield from d.tap_visible(meds.ids.log_activity)
    (walk,) = d.svc._repo.between("activity")
    assert walk.kind == "walk" and walk.at == (d.clock() - timedelta(days=1)).replace(microsecond=0), walk
    assert not when.steps_shown and when.chosen() is None


def _below_the_screen(d, snack) -> bool:
    """The message's strip lies wholly under the screen's area: it covers nothing of the screen."""
    sm = d.app.root_widget.ids.sm
    return snack.to_window(snack.x, snack.top)[1] <= sm.to_window(sm.x, sm.y)[1] + 1


def messages_never_cover(d):
    """The 6-second message sits in its own strip: the Activity chips, the symptom questions and the running ice
    card stay visible and tappable while it shows."""
    snack = d.app.root_widget.ids.snackbar
    yield from d.go("meds")
    meds = d.screen("meds")
    meds.ids.name.text = "Ibuprofen"
    yield from d.tap_visible(meds.ids.took)
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    assert snack.shown and _below_the_screen(d, snack)
    # a first dose with no recent score brings the "pain now" question into view (an animated scroll): let it land
    yield from _wait_for(lambda: meds.pain_now_offer and in_view(meds.ids.pain_now) and not animating(),
                         5, "the pain-now question in view")
    # the chips right under the dose are still there to tap while the message shows
    yield from d.show(meds.ids.log_activity)
    yield from d.tap(d.find(meds.ids.activities, text="Stretching", cls="Chip"))
    assert meds.activity == "stretching" and snack.shown
    d.shot(f"message_beside_activity_{d.size}")
    # a symptom question at the bottom of the screen, answered while a message shows
    yield from d.go("symptoms")
    s = d.screen("symptoms")
    d.app.snack("A message that stays six seconds.")
    yield from _wait_for(lambda: snack.shown and "six seconds" in snack.text, 10, "the message to show")
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    last = list(s._grids)[-1]
    yield from d.tap_visible(d.find(s._grids[last], text="No", cls="FlatButton"))
    assert s._grids[last].value == "no" and _below_the_screen(d, snack)
    # the running ice card and its Stop button
    yield from d.go("therapy")
    t = d.screen("therapy")
    yield from d.tap_visible(t.ids.ice_button)
    yield from d.tap_visible(t.ids.confirm_button)
    d.app.snack("Another message.")
    d.clock.advance(minutes=2)
    yield from _wait_for(lambda: snack.shown and snack.text == "Another message.", 10, "the second message to show")
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    stop = t.ids.stop_button
    yield from d.show(stop, padding=10)
    assert _below_the_screen(d, snack)
    d.shot(f"message_beside_ice_{d.size}")
    yield from d.tap(stop)
    yield from _wait_for(lambda: d.svc.therapy.current() is None, 3, "the ice stopped by a tap beside the message")


def message_waits_for_the_finger(d):
    """A message whose time runs out while a finger is down stays until the finger lifts (its strip going would move
    the screen under the finger), then goes."""
    from kivy.base import EventLoop
    snack = d.app.root_widget.ids.snackbar
    went_with_a_finger_down = []
    snack.bind(shown=lambda _s, shown: shown or went_with_a_finger_down.append(bool(EventLoop.me_list)))
    words = d.find(d.screen("today"), cls="Label")  # words, no button: the finger rests, it taps nothing
    d.app.snack("A short message.", seconds=0.3)
    assert snack.shown
    yield from d.tap_at(*words.to_window(*words.center), hold=1.0)  # resting well past the message's 0.3 s
    yield from _wait_for(lambda: not snack.shown, 10, "the message to go once the finger lifted")
    assert went_with_a_finger_down == [False], went_with_a_finger_down


def _type(text: str) -> None:
    """Keys typed into the focused field, a character at a time, as the window delivers them."""
    from kivy.core.window import Window
    for ch in text:
        Window.dispatch("on_textinput", ch)


def text_fields_stop_at_their_limit(d):
    """Typing and pasting into the medicine name stop at its limit (core.validation.text_limit) with a word saying so;
    the dose too; the long name is saved whole, and its chip under "Recently taken" ends in '…' inside the screen."""
    from kivy.core.window import Window

    from app.core.validation import text_limit
    yield from d.go("meds")
    meds = d.screen("meds")
    name, dose = meds.ids.name, meds.ids.dose
    snack = d.app.root_widget.ids.snackbar
    yield from d.tap_visible(name)
    yield from _wait_for(lambda: name.focus, 3, "the name field focused by a tap")
    words = "Extra strength ibuprofen lysine film coated tablets for muscular back pain and spasm relief "
    _type(words)
    assert name.text == words and not snack.shown  # well inside the limit: no word about it
    _type("x" * (text_limit("name") - len(words) + 20))  # typed on past the limit
    assert len(name.text) == text_limit("name"), len(name.text)
    assert snack.shown and f"at most {text_limit('name')} characters" in snack.text, snack.text
    Window.dispatch("on_textinput", "y" * 3000)  # a paste arrives as one piece: nothing of it gets in
    assert len(name.text) == text_limit("name") and not name.text.endswith("y")
    yield from settled(d, "the full name field on the screen")
    d.shot(f"meds_long_name_{d.size}")
    yield from d.tap_visible(dose)
    yield from _wait_for(lambda: dose.focus, 3, "the dose field focused by a tap")
    _type("400 mg " + "9" * 200)
    assert len(dose.text) == text_limit("dose"), len(dose.text)
    full = name.text
    yield from d.tap_visible(meds.ids.took)
    (saved,) = d.svc._repo.between("dose")
    assert saved.name == full.strip() and len(saved.dose) <= text_limit("dose"), saved
    assert snack.text.startswith("Extra strength") and "\u2026 logged at" in snack.text, snack.text
    chip = d.find(meds.ids.recent, cls="Chip")
    assert chip.text.startswith("Extra strength") and chip.text.endswith("\u2026"), chip.text
    yield from settled(d, "the Recently-taken chips laid out")
    left, right = chip.to_window(chip.x, 0)[0], chip.to_window(chip.right, 0)[0]
    assert 0 <= left and right <= Window.width, (left, right, Window.width)
    yield from d.show(chip)
    yield from settled(d, "the chip in view")
    d.shot(f"meds_long_name_chip_{d.size}")
