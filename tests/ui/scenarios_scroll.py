"""UI scenario: scrolling the Journal through a year of entries, a page at a time (run by tests/ui/harness.py)."""

__all__ = ["journal_scroll_pages", "journal_empty_messages", "journal_delete_keeps_place"]

from tests.ui.harness import current, screen_shown, settled, wait_for

FLICK_PX = 400  # a fast flick: less than a page (100 rows of 68 dp) per step, many steps per page


def _from_top(rv) -> float:
    """How far (px) the person has scrolled down from the newest entry."""
    return (1 - rv.scroll_y) * max(0.0, rv.layout_manager.height - rv.height)


def _entries(journal) -> int:
    return sum(1 for row in journal.ids.rv.data if row.get("viewclass") == "JournalRow")


def _settled(d) -> bool:
    """The screen change has finished: its widgets are where a finger would touch them."""
    return not d.app.root_widget.ids.sm.transition.is_active


def journal_scroll_pages(d):
    """Pages load as the end comes near, the rows on screen stay put when one does, and the oldest entry is reached."""
    from app.services.demo import generate
    from app.ui.screens.journal import PAGE, ROW_H
    import gc
    generate(d.svc._repo, d.svc.now(), 150, seed=5)
    total = d.svc.entries.timeline(None, 2000, None)
    # the app has settled: what start-up made is frozen, so no full garbage collection lands mid-scroll
    yield from wait_for(lambda: gc.get_freeze_count() > 10_000, 10, "start-up's objects frozen (gc.freeze)")
    yield from d.go("journal")
    journal = d.screen("journal")
    rv = journal.ids.rv
    assert _entries(journal) == PAGE, _entries(journal)
    scrolled, loads, frames = 0.0, 0, 0
    while not journal.exhausted or rv.scroll_y > 0:
        frames += 1
        assert frames < 5000, "never reached the end of the journal"
        before_rows = _entries(journal)
        scrollable = rv.layout_manager.height - rv.height
        rv.scroll_y = max(0.0, rv.scroll_y - FLICK_PX / scrollable)
        scrolled = _from_top(rv)
        yield 0  # fixed wait: one frame per flick, as a finger scrolls (a page may load, the list lays itself out)
        if _entries(journal) != before_rows:
            loads += 1
            # the rows on screen did not move: the same distance from the top as before the page arrived
            assert abs(_from_top(rv) - scrolled) < 1, (_from_top(rv), scrolled)
            assert rv.layout_manager.height - rv.height > scrolled
        # never more read than the next page or so beyond what the person has scrolled past
        shown = _entries(journal)
        assert shown <= (scrolled + 3 * rv.height) / ROW_H + 2 * PAGE, (shown, scrolled)
        if frames == 40:
            _check_rows_on_screen(rv, ROW_H)
            d.shot("journal_scrolled")
    assert 3 * PAGE < len(total) < 2000 and loads == -(-len(total) // PAGE) - 1, (loads, len(total))
    assert _entries(journal) == len(total), (_entries(journal), len(total))
    _check_rows_on_screen(rv, ROW_H)
    oldest = min(total, key=lambda e: e.at)
    assert rv.data[-1]["entry_id"] == oldest.id and rv.data[-1]["kind"] == oldest.kind
    d.shot("journal_end")


def _check_rows_on_screen(rv, row_h) -> None:
    """The rows drawn are the right ones, in the right order and colours, covering the viewport."""
    # recycled rows show their own entry's glyph colour, not the colour of the entry they showed before
    colours = {(row["kind"], row["entry_id"]): tuple(row["glyph_color"]) for row in rv.data if "kind" in row}
    lm = rv.layout_manager
    shown_rows = [v for v in lm.children if type(v).__name__ == "JournalRow"]
    assert shown_rows
    # the rows on screen are drawn in journal order, newest at the top, and cover the whole viewport
    order = {(row["kind"], row["entry_id"]): i for i, row in enumerate(rv.data) if "kind" in row}
    top_down = sorted(shown_rows, key=lambda v: -v.y)
    indices = [order[(v.kind, int(v.entry_id))] for v in top_down]
    assert indices == sorted(indices), indices
    view_bottom = rv.scroll_y * (lm.height - rv.height)
    near = 2 * row_h  # a row's height, plus the list's bottom padding at the very end
    assert min(v.y for v in lm.children) <= view_bottom + near, (min(v.y for v in lm.children), view_bottom)
    assert max(v.top for v in lm.children) >= view_bottom + rv.height - near, (max(v.top for v in lm.children), view_bottom)
    for view in shown_rows:
        if view.is_pain:
            continue  # pain scores are a white number on a coloured tile
        glyph = next(w for w in view.walk(restrict=True) if type(w).__name__ == "RowLabel" and w.text == view.glyph)
        assert tuple(glyph.color) == colours[(view.kind, int(view.entry_id))], (view.summary, glyph.color)


def journal_empty_messages(d):
    """An empty journal, and a filter with nothing in it, say so in words instead of showing a blank list."""
    d.app.go("journal")
    journal = d.screen("journal")
    yield from wait_for(lambda: journal.empty_text.startswith("Nothing here yet"), what="the empty journal's words")
    d.shot("journal_empty")
    d.svc.entries.log_pain(3)
    d.app.go("today")
    yield from wait_for(lambda: current(d) == "today", what="Today")
    d.app.go("journal")
    yield from wait_for(lambda: journal.empty_text == "" and _entries(journal) == 1 and _settled(d),
                        what="one row, no words, the screen in place")
    yield from d.tap(d.find(journal.ids.filters, text="Medication", cls="Chip"))
    yield from wait_for(lambda: journal.empty_text == "No entries of this kind yet." and _entries(journal) == 0,
                        what="the empty filter's words")


def _view_of(rv, kind, entry_id):
    return next((v for v in rv.layout_manager.children
                 if type(v).__name__ == "JournalRow" and (v.kind, int(v.entry_id)) == (kind, entry_id)), None)


def journal_delete_keeps_place(d):
    """Deleting a row scrolled far down leaves the rows above it where they were on screen."""
    from app.services.demo import generate
    generate(d.svc._repo, d.svc.now(), 60, seed=7)
    yield from d.go("journal")
    rv = d.screen("journal").ids.rv
    rv.scroll_y = 1 - 3000 / (rv.layout_manager.height - rv.height)  # 3,000 px down
    yield from settled(d, "the Journal scrolled 3,000 px down")
    rows = sorted((v for v in rv.layout_manager.children if type(v).__name__ == "JournalRow"
                   and rv.y < v.to_window(*v.pos)[1] < rv.top - v.height), key=lambda v: -v.y)
    above, doomed = rows[1], rows[2]
    keep = (above.kind, int(above.entry_id))
    y_before = above.to_window(*above.pos)[1]
    yield from d.tap(next(w for w in doomed.children if type(w).__name__ == "Button"))  # its delete cross
    yield from wait_for(lambda: "Deleted" in d.app.root_widget.ids.snackbar.text, 10, "the 'Deleted' message")
    yield from settled(d, "the Journal laid out without the row")
    still = _view_of(rv, *keep)
    assert still is not None, "the row above the deleted one left the screen"
    assert abs(still.to_window(*still.pos)[1] - y_before) < 1, (still.to_window(*still.pos)[1], y_before)
    d.shot("journal_deleted_far_down")
