"""UI scenarios for what the person must not miss: Journal rows cut clearly, a new flag over any screen."""
from datetime import timedelta

from .harness import wait_for as _wait_for
from .scenarios_comfort import _natural_height

__all__ = ["journal_rows_cut_at_a_word", "trends_words_follow_the_period"]


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
    yield 0.3
    for size in ("150", "100"):
        d.app.change_setting("text_size", size)
        yield 0.5
        yield from d.go("journal")
        journal = d.screen("journal")
        journal.refresh()
        yield 0.5
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
    yield 0.2
    yield from d.go("trends")
    t = d.screen("trends")
    for days in (30, 7, 90):
        yield from d.tap_visible(d.find(t.ids.periods, text=f"{days} days", cls="Chip"))
        yield from _wait_for(lambda: t.ids.sessions.words == f"ice & heat in {days} days", 5, f"the {days}-day words")
        assert t.sessions == str(trend_numbers(d.svc, days)["sessions"]) == ("1" if days == 7 else "2"), t.sessions
    d.shot(f"trends_period_words_{d.size}")
