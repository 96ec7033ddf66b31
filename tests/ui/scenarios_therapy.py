"""UI scenarios for the ice & heat timer and reminder delivery (run by tests/ui/harness.py)."""
import sqlite3
from datetime import timedelta

from app.core.timeutil import hhmm
from .harness import current as _current, reminders_caught_up, screen_shown, settled, wait_for as _wait_for

__all__ = ["therapy_pain_now", "therapy_ice_cycle", "therapy_closed_while_away", "therapy_cancel_and_heat_question", "therapy_alarm_on_today"]


class SpySound:
    """Counts the chimes the app asked for (there is no audio device in the tests)."""

    def __init__(self):
        self.plays = 0

    def play(self):
        self.plays += 1
        return False


class SpyNotifier:
    def __init__(self):
        self.sent = []

    def notify(self, title, message):
        self.sent.append((title, message))
        return True

    def status(self):
        return True, "test"




def _tap(d, s, widget):
    """Scroll the timer screen until the widget is in view (small screens) and stays there, then touch it."""
    yield from d.tap_visible(widget)


def _refusal_in_view(s) -> bool:
    sv, banner = s.ids.scroller, s.ids.refusal
    view_bottom = sv.to_window(sv.x, sv.y)[1]
    return (view_bottom - 1 <= banner.to_window(banner.x, banner.y)[1]
            and banner.to_window(banner.x, banner.top)[1] <= view_bottom + sv.height + 1)


def _spies(d):
    delivery = d.app.reminders
    assert delivery is not None, "the app did not start reminder delivery"
    delivery.sound, delivery.notifier, delivery.threaded = SpySound(), SpyNotifier(), False
    return delivery


def _popup(d):
    popup = getattr(d.app, "alarm_popup", None)
    return popup if popup is not None and popup.parent is not None else None


def therapy_ice_cycle(d):
    """Ice with the towel tap, a live countdown, the alarm at the end, pain after, then a refused restart."""
    t0 = d.clock()
    end, again = hhmm(t0 + timedelta(minutes=10)), hhmm(t0 + timedelta(minutes=70))
    delivery = _spies(d)
    size = d.size
    yield from d.go("therapy")
    s = d.screen("therapy")
    assert s.mode == "idle" and s.ice_status == "Allowed now", (s.mode, s.ice_status)
    yield from settled(d, "the last change drawn before the picture")
    d.shot(f"therapy_idle_{size}")

    # Ice: one tap on Ice, one tap on the towel confirmation.
    yield from _tap(d, s, s.ids.ice_button)
    assert s.mode == "confirm", s.mode
    yield from settled(d, "the last change drawn before the picture")
    d.shot(f"therapy_confirm_{size}")
    yield from _tap(d, s, s.ids.confirm_button)
    cur = d.svc.therapy.current()
    assert cur and cur.kind == "ice" and cur.barrier, cur
    assert s.mode == "running"

    # Four minutes on the services' clock: the ring says 6:00 left and the end time.
    d.clock.advance(minutes=4)
    yield from _wait_for(lambda: s.remaining_text == "6:00", what="6:00 left")
    assert end in s.ends_text, s.ends_text
    assert 0.55 < s.fraction < 0.65, s.fraction
    d.find(s.ids.ring, text="6:00")
    yield from settled(d, "the last change drawn before the picture")
    d.shot(f"therapy_running_{size}")

    # Today's card shows the running session too.
    yield from d.go("today")
    card = d.screen("today").ids.therapy_card
    yield from _wait_for(lambda: "6:00 left" in card.title, what="Today's card")
    assert end in card.detail, card.detail
    yield from d.go("therapy")

    # Past the end: the alarm (chime + popup + OS notification), then the pain question.
    d.clock.advance(minutes=6, seconds=30)
    yield from _wait_for(lambda: _popup(d) is not None, what="the end-of-session popup")
    popup = _popup(d)
    assert "Time to take the ice off." in popup.message, popup.message
    assert popup.title == "Ice done", popup.title
    assert delivery.sound.plays == 1, delivery.sound.plays
    assert any("take the ice off" in m for _, m in delivery.notifier.sent), delivery.notifier.sent
    # The alarm comes from the app's reminder scheduler, the screen's mode from its own 0.5 s tick: either may be first.
    yield from _wait_for(lambda: s.mode == "ended", what="the timer screen to show the end")
    yield from settled(d, "the last change drawn before the picture")
    d.shot(f"therapy_alarm_{size}")
    yield from d.tap(popup.ids.popup_primary)
    yield from _wait_for(lambda: _popup(d) is None, what="the popup to close")
    assert "Ice done" in s.ended_title and end in s.ended_detail, (s.ended_title, s.ended_detail)
    yield from settled(d, "the last change drawn before the picture")
    d.shot(f"therapy_ended_{size}")

    four = d.find(s.ids.pain_after, text="4", cls="PainButton")
    yield from _tap(d, s, four)
    conn = sqlite3.connect(str(d.svc.path))
    rows = conn.execute("SELECT score, context FROM pain_scores WHERE deleted_at IS NULL").fetchall()
    conn.close()
    assert rows == [(4, "after_ice")], rows
    assert s.mode == "idle", s.mode

    # Ice again: refused with the time it is allowed, and the wait counts down live.
    assert s.ice_status.startswith(f"Again from {again}"), s.ice_status
    yield from _tap(d, s, s.ids.ice_button)
    assert s.mode == "idle"
    assert f"from {again}" in s.refusal and "1 h" in s.refusal, s.refusal
    # the reason is scrolled into view, not left off the top of a small screen
    yield from _wait_for(lambda: _refusal_in_view(s), 10, "the refusal scrolled into view")
    yield from settled(d, "the refusal on the screen")
    assert _refusal_in_view(s)
    d.shot(f"therapy_refused_{size}")
    d.clock.advance(minutes=1)
    yield from _wait_for(lambda: "in 59 min" in s.refusal, what="a live countdown")
    assert d.svc.therapy.current() is None

    # Heat meanwhile is allowed: 15 minutes in, "you may stop now" comes with the chime; Stop asks for pain.
    yield from _tap(d, s, s.ids.heat_button)
    cur = d.svc.therapy.current()
    assert cur and cur.kind == "heat", cur
    d.clock.advance(minutes=15)
    yield from _wait_for(lambda: "may stop the heat now" in s.stop_note, what="heat may stop")
    assert s.remaining_text == "5:00", s.remaining_text
    yield from _wait_for(lambda: delivery.sound.plays == 2, what="the may-stop chime")
    yield from settled(d, "the last change drawn before the picture")
    d.shot(f"therapy_heat_may_stop_{size}")
    yield from _tap(d, s, s.ids.stop_button)
    assert s.mode == "ended" and "Heat done" in s.ended_title, (s.mode, s.ended_title)
    assert _popup(d) is None  # stopping by hand is no alarm
    yield from _tap(d, s, s.ids.skip_button)
    assert s.mode == "idle"
    assert s.heat_status.startswith("Again from"), s.heat_status

    # In the first 48 h of a spasm, heat shows that ice usually helps more (advice, not a block).
    assert not s.heat_early
    d.svc.entries.start_episode()
    yield from _wait_for(lambda: s.heat_early, what="the early-heat hint")
    assert "ice usually helps more" in s.heat_hint, s.heat_hint
    yield from settled(d, "the early-heat hint on the screen")
    d.shot(f"therapy_heat_early_{size}")


def therapy_closed_while_away(d):
    """A session that ended while the app was closed is told once, in a popup, at start."""
    yield from _wait_for(lambda: _popup(d) is not None, 10, "the popup about the session closed while away")
    popup = _popup(d)
    ended = hhmm(d.clock() - timedelta(minutes=10))  # the test started ice 20 min before the app opened
    assert f"ended at {ended} while SpasmLog was closed" in popup.message, popup.message
    assert "Take the ice off if it is still on." in popup.message, popup.message
    assert d.svc.closed_while_away == []
    yield from settled(d, "the last change drawn before the picture")
    d.shot(f"therapy_closed_while_away_{d.size}")
    yield from d.tap(popup.ids.popup_primary)  # "Rate my pain": opens the timer's pain question
    yield from screen_shown(d, "therapy")
    s = d.screen("therapy")
    assert s.mode == "ended", s.mode


def therapy_cancel_and_heat_question(d):
    """Ice started and stopped at once: cancelled (no hour off), Undo runs it on; heat stopped at 5 min asks first."""
    _spies(d)
    yield from d.go("therapy")
    s = d.screen("therapy")
    snack = d.app.root_widget.ids.snackbar
    yield from _tap(d, s, s.ids.ice_button)
    yield from _tap(d, s, s.ids.confirm_button)
    assert s.mode == "running", s.mode
    d.clock.advance(seconds=20)
    yield from _tap(d, s, s.ids.stop_button)
    yield from _wait_for(lambda: snack.shown and "cancelled" in snack.text, what="the cancelled message")
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    assert "needs no break" in snack.text, snack.text
    assert s.mode == "idle" and s.ice_allowed and s.ice_status == "Allowed now", (s.mode, s.ice_status)
    yield from settled(d, "the cancelled message on the screen")
    d.shot(f"therapy_cancelled_{d.size}")
    # Undo: the mistaken "Stop" is taken back and the ice runs on.
    yield from d.tap(d.find(snack, text="Undo", cls="Button"))
    yield from _wait_for(lambda: s.mode == "running", what="the ice running again")
    assert d.svc.therapy.current().kind == "ice"
    yield from _tap(d, s, s.ids.stop_button)  # still within its first minute: cancelled again
    yield from _wait_for(lambda: s.mode == "idle", what="idle after the second cancel")
    assert d.svc.therapy.availability("ice").allowed is True

    # Heat stopped at 5 min: a plain question first, and "Keep it on" keeps it on.
    yield from _tap(d, s, s.ids.heat_button)
    d.clock.advance(minutes=5)
    yield from _wait_for(lambda: "works best" in s.stop_note, what="the heat note")
    assert "You can stop from" not in s.stop_note, s.stop_note
    yield from _tap(d, s, s.ids.stop_button)
    assert s.stop_asking and s.stop_note == "15–20 min works best; stop now?", (s.mode, s.stop_asking, s.stop_note, d.svc.therapy.current(), d.app.root_widget.ids.snackbar.text)
    assert d.svc.therapy.current() is not None  # the question alone stops nothing
    yield from settled(d, "the heat question on the screen")
    d.shot(f"therapy_heat_question_{d.size}")
    yield from _tap(d, s, s.ids.keep_button)
    assert not s.stop_asking and d.svc.therapy.current() is not None
    yield from _tap(d, s, s.ids.stop_button)
    yield from _tap(d, s, s.ids.stop_button)  # "Yes, stop now"
    yield from _wait_for(lambda: d.svc.therapy.current() is None, what="heat stopped")
    assert s.mode == "ended" and "after 5 min" in s.ended_detail, (s.mode, s.ended_detail)


def therapy_alarm_on_today(d):
    """Ice started, then Today open: at the session's end the alarm comes on Today within 2 s, not at the next poll."""
    delivery = _spies(d)
    yield from d.go("therapy")
    s = d.screen("therapy")
    yield from _tap(d, s, s.ids.ice_button)
    yield from _tap(d, s, s.ids.confirm_button)
    assert d.svc.therapy.current().kind == "ice"
    yield from d.go("today")
    d.clock.advance(minutes=9, seconds=58)
    yield from reminders_caught_up(d, "the reminder scheduler to look at 9:58 into the session")
    assert _popup(d) is None and delivery.sound.plays == 0  # not before its time
    d.clock.advance(seconds=2)  # the end, on whatever screen is open
    yield from _wait_for(lambda: _popup(d) is not None, 2, "the alarm on Today within 2 s of the end")
    popup = _popup(d)
    assert _current(d) == "today" and "Time to take the ice off." in popup.message, popup.message
    assert delivery.sound.plays == 1
    yield from settled(d, "the alarm on Today")
    d.shot(f"today_alarm_{d.size}")
    # "Ice allowed again" an hour later comes on time too, as a message.
    yield from d.tap(popup.ids.popup_primary)
    yield from _wait_for(lambda: _popup(d) is None, what="the popup to close")
    if _current(d) != "today":
        yield from d.go("today")
    d.clock.advance(hours=1)
    snack = d.app.root_widget.ids.snackbar
    yield from _wait_for(lambda: snack.shown and "Ice is allowed again" in snack.text, 2, "'ice allowed again' within 2 s")


def therapy_pain_now(d):
    """Heat started with no score in the last 30 min offers "pain now" under the timer: one tap stores it at the
    start. A dose soon after (a score now exists) offers nothing; 31 min later a dose offers it, and Skip hides it."""
    yield from d.go("therapy")
    s = d.screen("therapy")
    assert not s.pain_now_offer
    yield from _tap(d, s, s.ids.heat_button)
    yield from _wait_for(lambda: s.mode == "running", what="the heat timer")
    assert s.pain_now_offer
    yield from settled(d, "the pain-now question on the screen")
    d.shot(f"therapy_pain_now_{d.size}")
    six = d.find(s.ids.pain_now, text="6", cls="PainButton")
    yield from _tap(d, s, six)
    yield from _wait_for(lambda: not s.pain_now_offer, what="the pain-now row to close")
    d.shot(f"therapy_pain_now_done_{d.size}")
    d.clock.advance(minutes=2)
    yield from _tap(d, s, s.ids.stop_button)
    yield from _tap(d, s, s.ids.stop_button)  # "Yes, stop now" (heat before 15 min asks first)
    yield from _wait_for(lambda: s.mode == "ended", what="the heat to stop")
    yield from d.go("meds")
    meds = d.screen("meds")
    meds.ids.name.text = "Ibuprofen"
    yield from d.tap_visible(meds.ids.took)
    yield from _wait_for(lambda: meds.svc._repo.count("dose") == 1, 10, "the first dose saved")
    yield from settled(d, "Medication after the first dose")
    assert not meds.pain_now_offer  # the heat's score is a minute old
    d.clock.advance(minutes=31)
    # "Heat allowed again" falls due in the half hour and comes on the scheduler's next tick: let it come before
    # clearing the screen, or it lands in the middle of the next steps (over the dose's own message, or mid-tap).
    yield from reminders_caught_up(d, "the reminders due in the half hour")
    snackbar = d.app.root_widget.ids.snackbar
    snackbar.hide()  # half an hour later the first dose's message is long gone
    popup = _popup(d)
    if popup is not None:  # a reminder that came due in the half hour
        popup.dismiss()
    yield from _wait_for(lambda: not snackbar.shown and _popup(d) is None, what="the message and any popup to go")
    yield from d.tap_visible(meds.ids.took)
    yield from _wait_for(lambda: meds.pain_now_offer, what="the pain-now row under the dose")
    yield from settled(d, "the pain-now row on the screen")
    d.shot(f"meds_pain_now_{d.size}")
    yield from d.tap_visible(meds.ids.pain_now.ids.skip)
    yield from _wait_for(lambda: not meds.pain_now_offer, what="Skip to hide the row")
