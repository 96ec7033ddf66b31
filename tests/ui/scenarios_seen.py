"""UI scenarios for what the person must not miss: Journal rows cut clearly, a new flag over any screen."""
from datetime import timedelta

from .harness import in_view, settled, wait_for as _wait_for
from .scenarios_comfort import _natural_height

__all__ = ["journal_rows_cut_at_a_word", "trends_words_follow_the_period", "flag_arrives_over_any_screen"]


def _cut_at_a_word(full: str, shown: str) -> bool:
    """`shown` is `full` whole, or a run of its whole words followed by '…' (on one or more lines)."""
    shown = shown.replace("\n", " ")
    if shown == full:
        return True
    if not shown.endswith("\u2026"):
        return False
    head = shown[:-1]
    return full.startswith(head) and (len(head) == len(full) or full[len(head)] in " ,;:·")


def journal_rows_cut_at_a_word(d):
    """On a 360 dp phone a long Journal row takes two lines where it has no detail line, and what still does not fit
    ends in '…' after a whole word (never 'Symptom check: no warnin…'), inside its row, at 100 % and 150 % text."""
    now = d.clock()
    d.svc.entries.log_symptoms(["none"], at=now - timedelta(minutes=30))
    d.svc.entries.log_dose("Extra strength ibuprofen lysine film coated tablets", "nsaid", "400 mg",
                           at=now - timedelta(minutes=20))
    for size in ("150", "100"):
        d.app.change_setting("text_size", size)
        yield from settled(d, f"the {size} % text size applied")
        yield from d.go("journal")
        journal = d.screen("journal")
        journal.refresh()
        yield from _wait_for(lambda: sum(type(w).__name__ == "JournalRow" for w in journal.ids.rv.walk(restrict=True))
                             == 2, 10, "the two Journal rows")
        yield from settled(d, "the Journal rows laid out")
        rows = [w for w in journal.ids.rv.walk(restrict=True) if type(w).__name__ == "JournalRow"]
        seen = {}
        for row in rows:
            label = next(w for w in row.walk(restrict=True) if type(w).__name__ == "RowLabel" and w.text
                         and (w.text.startswith("Symptom") or w.text.startswith("Extra")))
            assert _cut_at_a_word(row.summary, label.text), (row.summary, label.text)
            assert label.texture_size[0] <= label.width + 1, (label.text, label.texture_size, label.width)
            label.texture_update()
            assert not label._label.is_shortened, label.text  # Kivy's own cut ('no warnin...') never needed
            needs = _natural_height(label)  # its box clips lines that do not fit: measure them all
            assert needs <= label.height + 1, (label.text, needs, label.height)
            seen[row.summary] = label.text
        assert "Symptom check: no warning signs" in seen, seen
        # the symptom check has no detail line: its two lines say it all, at either size
        assert seen["Symptom check: no warning signs"].replace("\n", " ") == "Symptom check: no warning signs", seen
        assert seen["Extra strength ibuprofen lysine film coated tablets 400 mg"].endswith("\u2026"), seen
        d.shot(f"journal_rows_cut_{d.size}_{size}")
        yield from d.go("today")


def trends_words_follow_the_period(d):
    """Trends' ice & heat number and its words follow the period tapped (never 'since Monday' under '30 days')."""
    from app.services.trends import trend_numbers
    now = d.clock()
    for back in (timedelta(hours=3), timedelta(days=12)):
        d.svc.therapy.add_past("ice", now - back, now - back + timedelta(minutes=10))
    yield from d.go("trends")
    t = d.screen("trends")
    for days in (30, 7, 90):
        yield from d.tap_visible(d.find(t.ids.periods, text=f"{days} days", cls="Chip"))
        yield from _wait_for(lambda: t.ids.sessions.words == f"ice & heat in {days} days", 5, f"the {days}-day words")
        assert t.sessions == str(trend_numbers(d.svc, days)["sessions"]) == ("1" if days == 7 else "2"), t.sessions
    yield from settled(d, "Trends for 90 days")
    d.shot(f"trends_period_words_{d.size}")


def _flag_popup(d, code):
    popup = d.app.flag_watch.popup
    return popup if popup is not None and popup.parent is not None and popup.flag_code == code else None


def _settled(d, code) -> bool:
    """The popup is open, done fading in and laid out at the window's centre (a finger finds its buttons)."""
    from kivy.core.window import Window
    popup = _flag_popup(d, code)
    return (popup is not None and popup._anim_alpha >= 1 and abs(popup.height - popup.ids.box.height) < 1
            and abs(popup.center_y - Window.height / 2) < 2 and popup.ids.popup_primary.y > popup.y)


def flag_arrives_over_any_screen(d):
    """A flag that arrives while the person is elsewhere is shown where they look: the three-day advice arrives with
    time alone over Ice & heat (a popup, 'Read it on Today' shows the banner in view); one written by another program
    over the Journal ('Later' leaves them there); emergency advice over the Journal opens the emergency screen."""
    now = d.clock()
    d.svc.entries.start_episode(regions=["lower_back_left"], at=now - timedelta(hours=72, minutes=-2))
    d.svc.entries.log_symptoms(["none"], at=now - timedelta(minutes=5))  # today's check done: no daily banner
    today = d.screen("today")
    today.refresh()
    yield from d.go("therapy")
    assert d.svc.flags.open_flags() == []
    # 1. time alone: the episode reaches three days while Ice & heat is open
    d.clock.advance(minutes=3)
    yield from _wait_for(lambda: _settled(d, "spasm_over_3_days"), 5, "the three-day advice over Ice & heat")
    popup = _flag_popup(d, "spasm_over_3_days")
    assert d.app.root_widget.ids.sm.current == "therapy"
    assert "3 days" in popup.message or "three days" in popup.message, popup.message
    yield from settled(d, "the popup over Ice & heat")
    d.shot(f"flag_over_therapy_{d.size}")
    yield from d.tap(popup.ids.popup_primary)
    yield from _wait_for(lambda: d.app.root_widget.ids.sm.current == "today" and _flag_popup(d, "spasm_over_3_days")
                         is None, 10, "Today after 'Read it on Today'")
    banner = next(b for b in today.ids.banners.children if getattr(b, "code", "") == "spasm_over_3_days")
    yield from _wait_for(lambda: in_view(banner), 5, "the three-day banner in view on Today")
    yield from settled(d, "Today with its new banner")
    d.shot(f"today_after_new_flag_{d.size}")
    # 2. written by another program while the Journal is open: 'Later' keeps the person where they are
    yield from d.go("journal")
    d.svc.entries.log_symptoms(["radiating_pain"])
    yield from _wait_for(lambda: _settled(d, "radiating_pain"), 20, "the new advice over the Journal")
    yield from settled(d, "the popup over the Journal")
    d.shot(f"flag_over_journal_{d.size}")
    later = d.find(_flag_popup(d, "radiating_pain"), text="Later", cls="FlatButton")
    yield from d.tap(later)
    yield from _wait_for(lambda: _flag_popup(d, "radiating_pain") is None, 5, "the popup closed by Later")
    assert d.app.root_widget.ids.sm.current == "journal"
    assert any(f.code == "radiating_pain" for f in d.svc.flags.open_flags())  # still on Today, unseen
    # 3. emergency advice: its button opens the emergency screen
    d.svc.entries.log_symptoms(["bladder_bowel"])
    yield from _wait_for(lambda: _settled(d, "bladder_bowel"), 20, "the emergency advice over the Journal")
    yield from d.tap(_flag_popup(d, "bladder_bowel").ids.popup_primary)
    yield from _wait_for(lambda: d.app.root_widget.ids.sm.current == "emergency", 5, "the emergency screen")
