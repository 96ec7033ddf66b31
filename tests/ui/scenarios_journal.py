"""UI scenarios for Log a spasm, the Journal and Medication & activity (run by tests/ui/harness.py)."""
from datetime import timedelta

from .harness import screen_shown, settled, wait_for


def _tap(d, widget):
    yield from d.tap_visible(widget)


def _rows(screen):
    return [row["summary"] for row in screen.ids.rv.data if row.get("viewclass") == "JournalRow"]


def _opened(d, panel, what: str):
    """Wait until the panel that panel() returns (an edit panel, the region picker) is open and drawn."""
    yield from wait_for(lambda: panel() is not None and panel().get_parent_window() is not None, 10, what)
    yield from settled(d, what)


def _closed(panel, what: str):
    yield from wait_for(lambda: panel.get_parent_window() is None, 10, what)


def _row_of(d, journal, summary):
    """The on-screen Journal row showing `summary`."""
    label = d.find(journal.ids.rv, text=summary, cls="RowLabel")
    return label.parent.parent


def episode_with_body_map(d):
    """Today's 'Spasm started' opens Log a spasm; two regions, a trigger, a score and a time an hour ago are saved."""
    today = d.screen("today")
    yield from d.tap(today.ids.episode_button)
    yield from screen_shown(d, "episode")
    ep = d.screen("episode")
    yield from _tap(d, d.find(ep.ids.when, text="1 h ago", cls="Chip"))
    assert "1 h ago" in ep.ids.when.text, ep.ids.when.text
    bodymap = ep.ids.bodymap
    # every region is named on the drawing, its side given by the column it is in
    names = {code: region.children[0].text for code, region in bodymap.regions.items()}
    assert names["lower_back_left"] == names["lower_back_right"] == "Lower" and names["neck"] == "Neck", names
    assert all(names.values()), names
    yield from _tap(d, d.find(bodymap, text="Left lower back", cls="BodyRegion"))
    yield from _tap(d, d.find(bodymap, text="Left buttock", cls="BodyRegion"))
    assert bodymap.selected == ["lower_back_left", "buttock_left"], bodymap.selected
    assert ep.where_text == "Left lower back, left buttock", ep.where_text
    d.shot("episode_body_map")
    yield from _tap(d, d.find(ep.ids.triggers, text="Lifting", cls="Chip"))
    assert ep.trigger == "lifting"
    yield from _tap(d, d.find(ep.ids.pain, text="7", cls="PainButton"))
    d.shot("episode_filled")
    yield from _tap(d, ep.ids.save)
    assert ep.error == "", ep.error
    yield from screen_shown(d, "symptoms")  # the warning-sign check is offered at once
    snack = d.app.root_widget.ids.snackbar
    assert "Spasm logged" in snack.text
    bar = d.screen("symptoms").ids.action_bar  # the message does not cover Save / Not now
    assert snack.to_window(snack.x, snack.top)[1] <= bar.to_window(bar.x, bar.y)[1] + 1, (snack.top, bar.y)
    episode = d.svc.entries.open_episode()
    assert episode.regions == ("lower_back_left", "buttock_left") and episode.trigger == "lifting"
    assert episode.started == d.clock() - timedelta(hours=1)
    # the screen now says an episode is open, and offers to end it
    yield from d.go("episode")
    assert ep.episode_open and "already" in ep.open_text
    d.shot("episode_already_open")
    yield from d.go("journal")  # waits for the switch: a tap during it hits nothing
    rows = _rows(d.screen("journal"))
    assert rows[:2] == ["Spasm · going on", "Pain 7/10"], rows
    d.shot("journal_after_episode")


def journal_edit_delete_undo(d):
    """In the Journal: a pain score changed in the edit panel, a too-long note refused, a dose deleted and brought back."""
    now = d.clock()
    pain = d.svc.entries.log_pain(4, at=now - timedelta(hours=2))
    d.svc.entries.log_dose("Ibuprofen", "nsaid", "400 mg", at=now - timedelta(hours=1))
    d.svc.entries.log_activity("walk", 30, at=now - timedelta(days=1, hours=3))
    yield from d.go("journal")  # waits for the switch: a tap during it hits nothing
    journal = d.screen("journal")
    assert _rows(journal) == ["Ibuprofen 400 mg", "Pain 4/10", "Walk 30 min"], _rows(journal)
    yield from d.tap(_row_of(d, journal, "Pain 4/10"))
    yield from _opened(d, lambda: journal.editor, "the pain score's edit panel")
    editor = journal.editor
    assert editor.kind == "pain"
    # two hours ago: a step forward that would pass now is not offered (it used to become 'now' without a word)
    when = editor.ids.when
    steps = {b.text: b.disabled for b in when.walk(restrict=True) if type(b).__name__ == "FlatButton"}
    assert steps["+ 1 day"] and not steps["+ 1 h"] and not steps["+ 5 min"] and not steps["− 1 day"], steps
    yield from d.tap(d.find(editor, text="8", cls="PainButton"))
    note = d.find(editor, cls="TextField")
    note.text = "x" * 2001
    yield from d.tap(editor.ids.save)
    assert "too long" in editor.error, editor.error
    assert d.svc.entries.get("pain", pain.id).score == 4
    d.shot("journal_edit_error")
    from kivy.core.window import Window

    from app.core.validation import text_limit
    note.text = "x" * text_limit("note")
    yield from d.tap(note)
    yield from wait_for(lambda: note.focus, 3, "the note field focused by a tap")
    Window.dispatch("on_textinput", "y")  # typed into a full field: it stops, and the panel says why
    assert len(note.text) == text_limit("note") and f"at most {text_limit('note')} characters" in editor.error, \
        editor.error
    note.text = "after the stairs"
    yield from d.tap(editor.ids.save)
    yield from _closed(editor, "the edit panel to close after Save")
    assert d.svc.entries.get("pain", pain.id).score == 8
    yield from wait_for(lambda: _rows(journal) == ["Ibuprofen 400 mg", "Pain 8/10", "Walk 30 min"], 10, "the edited row")
    yield from settled(d, "the Journal with the edited row")
    d.shot("journal_edited")
    row = _row_of(d, journal, "Ibuprofen 400 mg")
    yield from d.tap(d.find(row, text="\u2715", cls="Button"))
    yield from wait_for(lambda: _rows(journal) == ["Pain 8/10", "Walk 30 min"], 10, "the dose's row to go")
    assert d.svc.entries.timeline(["dose"]) == []
    snack = d.app.root_widget.ids.snackbar
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    assert snack.shown and "Ibuprofen" in snack.text
    d.shot("journal_deleted")
    yield from d.tap(d.find(snack, text="Undo", cls="Button"))
    yield from wait_for(lambda: _rows(journal) == ["Ibuprofen 400 mg", "Pain 8/10", "Walk 30 min"], 10,
                        "the dose's row back after Undo")
    # the filter chips narrow the list to one kind
    yield from d.tap(d.find(journal.ids.filters, text="Medication", cls="Chip"))
    yield from wait_for(lambda: _rows(journal) == ["Ibuprofen 400 mg"], 10, "only the dose under Medication")


def journal_edit_episode_regions(d):
    """In the Journal: an episode's regions changed on the body map of its edit panel; an overlap refused in words."""
    now = d.clock()
    entries = d.svc.entries
    entries.start_episode(regions=["neck"], at=now - timedelta(days=2))
    entries.end_episode(at=now - timedelta(days=2) + timedelta(hours=5))
    episode = entries.start_episode(regions=["lower_back_left"], trigger="lifting", at=now - timedelta(hours=6))
    entries.end_episode(at=now - timedelta(hours=1))
    yield from d.go("journal")  # waits for the switch: a tap during it hits nothing
    journal = d.screen("journal")
    yield from d.tap(_row_of(d, journal, "Spasm · 5 h"))
    yield from _opened(d, lambda: journal.editor, "the episode's edit panel")
    editor = journal.editor
    assert editor.kind == "episode" and editor.entry.id == episode.id
    assert "Left lower back" in editor.ids.where.words, editor.ids.where.words
    yield from _tap(d, editor.ids.where)
    yield from _opened(d, lambda: getattr(editor, "region_picker", None), "the body map of the edit panel")
    picker = editor.region_picker
    bodymap = picker.ids.bodymap
    assert bodymap.selected == ["lower_back_left"], bodymap.selected  # opens on the episode's regions
    yield from _tap(d, d.find(bodymap, text="Left lower back", cls="BodyRegion"))
    yield from _tap(d, d.find(bodymap, text="Right lower back", cls="BodyRegion"))
    yield from _tap(d, d.find(bodymap, text="Right buttock", cls="BodyRegion"))
    assert bodymap.selected == ["lower_back_right", "buttock_right"], bodymap.selected
    assert picker.words == "Right lower back, right buttock", picker.words
    d.shot("journal_edit_regions_map")
    yield from d.tap(picker.ids.done)
    yield from wait_for(lambda: editor.regions == ["lower_back_right", "buttock_right"], 10, "the regions picked")
    yield from _closed(picker, "the body map to close")
    assert "Right lower back, right buttock" in editor.ids.where.words, editor.ids.where.words
    assert entries.get("episode", episode.id).regions == ("lower_back_left",)  # nothing written before Save
    # a start that overlaps the other episode is refused in words, nothing written
    editor.ids.when.set(now - timedelta(days=2) + timedelta(hours=1))
    yield from d.tap(editor.ids.save)
    assert "overlap" in editor.error, editor.error
    assert editor.get_parent_window() is not None  # the panel stays open to fix it
    assert entries.get("episode", episode.id).regions == ("lower_back_left",)
    d.shot("journal_edit_regions_refused")
    editor.ids.when.set(episode.started)
    yield from d.tap(editor.ids.save)
    assert editor.error == "", editor.error
    yield from _closed(editor, "the edit panel to close after Save")
    saved = entries.get("episode", episode.id)
    assert saved.regions == ("lower_back_right", "buttock_right") and saved.trigger == "lifting", saved
    assert saved.started == episode.started
    row = lambda: next(r for r in journal.ids.rv.data if r.get("entry_id") == episode.id  # noqa: E731
                       and r.get("kind") == "episode")
    yield from wait_for(lambda: "Right lower back, right buttock" in row()["detail"], 10, "the row with the new regions")
    yield from settled(d, "the Journal with the saved episode")
    d.shot("journal_edit_regions_saved")


def meds_remembered_dose(d):
    """A medicine taken before is one chip away; then an activity with its minutes; Undo takes a dose back."""
    d.svc.entries.log_dose("Cyclobenzaprine", "relaxant", "5 mg", at=d.clock() - timedelta(days=1))
    yield from d.go("meds")
    meds = d.screen("meds")
    yield from _tap(d, d.find(meds.ids.recent, text="Cyclobenzaprine 5 mg", cls="Chip"))
    assert meds.ids.name.text == "Cyclobenzaprine" and meds.med_class == "relaxant"
    d.clock.advance(minutes=1)
    yield from _tap(d, meds.ids.took)
    doses = d.svc._repo.between("dose", newest_first=True)
    assert [(x.name, x.med_class, x.dose) for x in doses] == [("Cyclobenzaprine", "relaxant", "5 mg")] * 2
    assert doses[0].at == d.clock()
    snack = d.app.root_widget.ids.snackbar
    snack.keep()  # stays while the steps below run (Snackbar.keep)
    assert "Cyclobenzaprine 5 mg logged" in snack.text
    d.shot("meds_dose_logged")
    yield from d.tap(d.find(snack, text="Undo", cls="Button"))
    assert len(d.svc._repo.between("dose")) == 1
    # an empty name is refused in words, nothing written
    meds.ids.name.text = ""
    yield from _tap(d, meds.ids.took)
    assert "name" in meds.error, meds.error
    assert len(d.svc._repo.between("dose")) == 1
    yield from _tap(d, d.find(meds.ids.activities, text="Stretching", cls="Chip"))
    yield from _tap(d, d.find(meds.ids.minutes, text="+", cls="FlatButton"))
    yield from _tap(d, meds.ids.log_activity)
    (activity,) = d.svc._repo.between("activity")
    assert (activity.kind, activity.minutes) == ("stretching", 25)
    d.shot("meds_activity_logged")


def shots_episode_journal_meds(d):
    """Screenshots of the three screens and the edit panel on a demo journal (for a person to look at)."""
    from app.services.demo import generate
    generate(d.svc._repo, d.clock(), 200, seed=11)
    if d.svc.entries.open_episode():
        d.svc.entries.end_episode()
    size = d.size
    for name in ("episode", "journal", "meds"):
        yield from d.go(name)
        d.shot(f"{name}_{size}")
    ep = d.screen("episode")
    yield from d.go("episode")
    ep.ids.bodymap.selected = ["neck", "upper_back_right", "lower_back_left"]
    ep.on_regions(ep.ids.bodymap.selected)
    ep.pick_trigger("posture")
    yield from d.show(ep.ids.bodymap)
    d.shot(f"episode_map_{size}")
    yield from d.show(ep.ids.save)
    d.shot(f"episode_bottom_{size}")
    journal = d.screen("journal")
    yield from d.go("journal")  # waits for the switch: a tap during it hits nothing
    first = next(r for r in journal.ids.rv.data if r.get("viewclass") == "JournalRow")
    journal.edit(first["kind"], first["entry_id"])
    yield from _opened(d, lambda: journal.editor, "the first row's edit panel")
    d.shot(f"journal_editor_{size}")
    journal.editor.dismiss()
    yield from _closed(journal.editor, "the edit panel to close")
    pain = next(r for r in journal.ids.rv.data if r.get("kind") == "pain")
    journal.edit("pain", pain["entry_id"])
    yield from _opened(d, lambda: journal.editor, "a pain score's edit panel")
    d.shot(f"journal_editor_pain_{size}")
    journal.editor.dismiss()
    yield from _closed(journal.editor, "the edit panel to close")
