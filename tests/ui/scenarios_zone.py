"""UI scenario: the screens say times on the wall clock of the clock's zone, not the machine's (run by harness.py)."""
from datetime import timedelta

from .harness import settled, wait_for

__all__ = ["zone_screens"]


def zone_screens(d):
    """Today, Ice & heat, the Journal and Medication & activity, with a clock whose zone is not the process's."""
    now, zone = d.clock(), d.clock.zone
    assert zone is not None, "run with --zone"

    def wall(at, fmt="%H:%M"):
        return at.astimezone(zone).strftime(fmt)

    today = d.screen("today")
    yield from d.tap(d.find(today.ids.picker, text="7", cls="PainButton"))
    snack = d.app.root_widget.ids.snackbar
    assert snack.text == f"Pain 7/10 logged at {wall(now)}.", snack.text
    assert today.pain_detail.endswith(f" · {wall(now)}"), today.pain_detail
    started = now - timedelta(hours=1)
    d.svc.entries.start_episode(at=started)
    today.refresh()  # logged behind the screen's back: show it
    yield from wait_for(lambda: today.episode_open, 10, "Today to show the open episode")
    assert today.episode_detail.startswith(f"Started {wall(started, '%a %H:%M')} · 1 h so far"), today.episode_detail
    yield from settled(d, "Today drawn")
    d.shot("zone_today")

    d.svc.therapy.start("ice", barrier=True)
    yield from d.go("therapy")
    ice = d.screen("therapy")
    yield from wait_for(lambda: ice.mode == "running", 10, "the ice session on the Ice & heat screen")
    assert ice.ends_text == f"left · ends {wall(now + timedelta(minutes=10))}", ice.ends_text
    yield from settled(d, "Ice & heat drawn")
    d.shot("zone_therapy")

    yield from d.go("journal")
    journal = d.screen("journal")
    yield from wait_for(lambda: sum(r["viewclass"] == "JournalRow" for r in journal.ids.rv.data) == 3, 10,
                        "the Journal's three rows")
    rows = journal.ids.rv.data
    headers = [r["text"] for r in rows if r["viewclass"] == "DayHeader"]
    days = sorted({wall(now, "%a %-d %b %Y"), wall(started, "%a %-d %b %Y")}, key=lambda t: t != wall(now, "%a %-d %b %Y"))
    assert [h.split(" · ")[-1] for h in headers] == days, headers  # one header per day on the clock's calendar
    assert headers[0] == f"Today · {days[0]}", headers
    times = sorted(r["time_text"] for r in rows if r["viewclass"] == "JournalRow")
    assert times == sorted([wall(now), wall(now), wall(started)]), times  # the pain score, the ice, the episode
    yield from settled(d, "the Journal drawn")
    d.shot("zone_journal")

    yield from d.go("meds")
    meds = d.screen("meds")
    assert meds.ids.when.text == f"Now · Today {wall(now)}", meds.ids.when.text
    yield from settled(d, "Medication & activity drawn")
    d.shot("zone_meds")
