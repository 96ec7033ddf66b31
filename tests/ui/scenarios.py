"""UI scenarios run by tests/ui/harness.py: each taps real widgets and checks what the person sees."""
from .harness import wait_for


def today_log_pain(d):
    """From Today: one tap logs a score; the latest score shows it; Undo takes it back."""
    today = d.screen("today")
    assert d.app.root_widget.ids.sm.current == "today"
    d.shot("today_before")
    seven = d.find(today.ids.picker, text="7", cls="PainButton")
    yield from d.tap(seven)
    assert today.pain_value == "7", today.pain_value
    latest = d.svc.entries.latest_pain()
    assert latest is not None and latest.score == 7
    snack = d.app.root_widget.ids.snackbar
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    assert snack.shown and "7/10" in snack.text
    d.shot("today_logged")
    undo = d.find(snack, text="Undo", cls="Button")
    yield from d.tap(undo)
    assert d.svc.entries.latest_pain() is None
    assert today.pain_value == "–"


def today_spasm_over_undo(d):
    """'Spasm over' ends the episode in one tap, and its Undo opens it again (a mis-tap mid-spasm costs nothing)."""
    from datetime import timedelta
    d.svc.entries.start_episode(regions=["lower_back_left"], at=d.clock() - timedelta(hours=3))
    today = d.screen("today")
    today.refresh()  # logged behind the screen's back: show it
    yield from wait_for(lambda: today.episode_open, 10, "Today to show the open episode")
    yield from d.tap_visible(today.ids.episode_button)
    assert d.svc.entries.open_episode() is None and not today.episode_open
    snack = d.app.root_widget.ids.snackbar
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    assert "Episode over" in snack.text
    yield from d.tap(d.find(snack, text="Undo", cls="Button"))
    yield from wait_for(lambda: today.episode_open, 10, "Today to show the episode open again")
    assert d.svc.entries.open_episode() is not None
    assert "open again" in snack.text



def damaged_journal_restore(d):
    """A damaged journal: the app says what is wrong and restores the latest backup on one tap."""
    ids = d.app.root_widget.ids
    assert ids.error_box.opacity == 1
    assert "not a SpasmLog journal" in ids.error_text.text, ids.error_text.text
    d.shot("journal_problem")
    yield from d.tap(ids.restore_button)
    yield from wait_for(lambda: ids.error_box.opacity == 0, 30, "the restored journal to open")
    assert d.app.root_widget.ids.sm.current == "today"
    assert d.app.svc.entries.latest_pain().score == 5
    d.shot("journal_restored")

from .scenarios_settings import *  # noqa: E402,F401,F403  (Settings, Welcome, Trends)
from .scenarios_journal import *  # noqa: E402,F401,F403  (Log a spasm, Journal, Medication & activity)
from .scenarios_flags import *  # noqa: E402,F401,F403  (symptom check, emergency, flag banners, Export)
from .scenarios_therapy import *  # noqa: E402,F401,F403  (Ice & heat timer, reminder delivery)
from .scenarios_scroll import *  # noqa: E402,F401,F403  (Journal paging while scrolling)
from .scenarios_advice import *  # noqa: E402,F401,F403  (advice in view, not contradicted, recalled until care)
from .scenarios_faults import *  # noqa: E402,F401,F403  (a full disk, a held lock, a damaged journal)
from .scenarios_comfort import *  # noqa: E402,F401,F403  (theme, text size, keyboard, language)
from .scenarios_privacy import *  # noqa: E402,F401,F403  (the lock view, Settings → Protect)
from .scenarios_meds import *  # noqa: E402,F401,F403  (Medication & activity: when)
from .scenarios_banners import *  # noqa: E402,F401,F403  (Today's banners in German at 150 %)
from .scenarios_trends import *  # noqa: E402,F401,F403  (Trends: charts drawn off the main thread)
from .scenarios_passphrase import *  # noqa: E402,F401,F403  (unlock off the main thread, change/remove, encrypted elsewhere)
from .scenarios_seen import *  # noqa: E402,F401,F403  (rows cut at a word, a new flag over any screen)
from .scenarios_zone import *  # noqa: E402,F401,F403  (times on the clock's wall, not the machine's)
from .scenarios_lock_look import *  # noqa: E402,F401,F403  (the lock view at the text size and theme chosen)
