"""UI scenarios for Trends' charts drawn off the main thread (run by tests/ui/harness.py).

To see the placeholder for certain, a scenario holds the app's drawing lock (as a long drawing elsewhere would,
the Export preview for one) while it looks, then lets go: the worker draws the moment the lock is free.
"""
from contextlib import contextmanager

from .harness import screen_shown, settled, wait_for as _wait_for

__all__ = ["trends_placeholder_then_charts", "trends_range_switched_while_drawing",
           "trends_left_or_changed_while_drawing", "trends_drawing_fails", "trends_closed_while_drawing",
           "shoot_trends_drawing"]

CHARTS = ("pain", "episodes")
PLACEHOLDER = "Drawing the chart…"


@contextmanager
def _drawing_held():
    """The chart worker waits (a drawing elsewhere holds the lock) until the block ends."""
    from app.ui.chart_worker import DRAWING
    assert DRAWING.acquire(timeout=30), "the drawing lock stayed taken"
    try:
        yield
    finally:
        DRAWING.release()


def _demo(d, days=120):
    d.svc.fill_demo(days, seed=3)


def _images(t):
    return [t.ids[f"{chart}_card"].ids.image for chart in CHARTS]


def _placeholders(t):
    return [t.ids[f"{chart}_card"].ids.placeholder for chart in CHARTS]


def _chart_view():
    from kivy.core.window import Window
    views = [w for w in Window.children if type(w).__name__ == "ChartView"]
    return views[0] if views else None


def _worker_idle():
    from app.ui.chart_worker import WORKER
    return WORKER.idle()


def _open_trends(d):
    """Tap the Trends tab (use as `t = yield from _open_trends(d)`)."""
    yield from d.tap(d.app._nav["trends"])
    yield from screen_shown(d, "trends")
    return d.screen()


def _charts_shown(t):
    return all(t.textures[c] is not None and t.status[c] == "" for c in CHARTS)


def trends_placeholder_then_charts(d):
    """Tap the Trends tab: a placeholder of the chart's size, then the charts; tap one: larger; Close closes it."""
    _demo(d)
    with _drawing_held():
        t = yield from _open_trends(d)
        for image, words in zip(_images(t), _placeholders(t)):
            assert words.text == PLACEHOLDER and words.opacity == 1, (words.text, words.opacity)
            assert image.texture is None and image.color[3] == 0  # no picture yet: only the calm box
            assert tuple(words.size) == tuple(image.size) and image.height > 100, (words.size, image.size)
        sizes = [tuple(image.size) for image in _images(t)]
        assert t.drawn == 0
    yield from _wait_for(lambda: _charts_shown(t), 60, "both charts")
    for image, words, size in zip(_images(t), _placeholders(t), sizes):
        assert tuple(image.size) == size, (image.size, size)  # nothing moved when the chart came
        assert words.opacity == 0 and image.color[3] == 1
        # Drawn at the image's own size in pixels, so shown unscaled.
        assert tuple(image.texture.size) == (round(image.width), round(image.height)), (image.texture.size, image.size)
    assert t.drawn == 2 and t.shown["pain"].startswith("30d ") and t.shown["episodes"].startswith("30d ")

    # Tap a chart: the larger drawing opens, with the placeholder until it is drawn; Close closes it.
    with _drawing_held():
        yield from d.tap_visible(_images(t)[0])
        view = _chart_view()
        assert view is not None, "the larger chart did not open"
        assert view.status == PLACEHOLDER and view.ids.placeholder.opacity == 1 and view.texture is None
        box = tuple(view.ids.image.size)
    yield from _wait_for(lambda: view.texture is not None and view.status == "", 60, "the larger chart")
    assert tuple(view.ids.image.size) == box and view.ids.placeholder.opacity == 0
    assert tuple(view.texture.size) == (1200, 640), view.texture.size
    yield from d.tap(d.find(view, text="Close"))
    yield from _wait_for(lambda: _chart_view() is None, 10, "the larger chart to close")
    # Opened again: kept, shown at once.
    yield from d.tap_visible(_images(t)[0])
    view = _chart_view()
    assert view.texture is not None and view.status == ""
    yield from d.tap(d.find(view, text="Close"))
    yield from _wait_for(lambda: _chart_view() is None, 10, "the larger chart to close again")


def trends_range_switched_while_drawing(d):
    """7 days tapped while the 30-day charts are being drawn: the 7-day charts show, the 30-day ones never."""
    _demo(d)
    with _drawing_held():
        t = yield from _open_trends(d)
        history = []
        t.bind(shown=lambda *_: history.append(dict(t.shown)))
        assert t.status["pain"] == PLACEHOLDER
        yield from d.tap(d.find(t.ids.periods, text="7 days"))
        assert t.days == 7 and t.status["pain"] == PLACEHOLDER
    yield from _wait_for(lambda: _charts_shown(t) and _worker_idle(), 60, "the 7-day charts")
    yield from settled(d, "any late result")  # the worker is idle: what it drew is on the Clock, run within a frame
    assert t.shown["pain"].startswith("7d ") and t.shown["episodes"].startswith("7d "), t.shown
    assert history and all(label.startswith("7d ") for seen in history for label in seen.values() if label), history
    assert t.dropped >= 2 and t.drawn == 2, (t.dropped, t.drawn)
    assert t.avg_detail.startswith("Last 7 days"), t.avg_detail
    # Back to 30 days: drawn now (the given-up drawings were not kept), and shown.
    yield from d.tap(d.find(t.ids.periods, text="30 days"))
    yield from _wait_for(lambda: _charts_shown(t) and t.shown["pain"].startswith("30d "), 60, "the 30-day charts")
    yield from _wait_for(lambda: t.shown["episodes"].startswith("30d "), 60, "the 30-day episodes chart")
    # And 7 again: kept, shown at once without drawing.
    drawn = t.drawn
    yield from d.tap(d.find(t.ids.periods, text="7 days"))
    assert t.shown["pain"].startswith("7d ") and t.status["pain"] == "" and t.drawn == drawn


def trends_left_or_changed_while_drawing(d):
    """Left while drawing: nothing is shown on the hidden screen. Journal written while drawing: the new data shows."""
    _demo(d)
    with _drawing_held():
        t = yield from _open_trends(d)
        yield from d.tap(d.app._nav["today"])
        yield from screen_shown(d, "today")
    yield from _wait_for(_worker_idle, 60, "the worker to finish")
    yield from settled(d, "any late result")  # the worker is idle: what it drew is on the Clock, run within a frame
    assert t.drawn == 0 and t.textures["pain"] is None and t.dropped >= 2, (t.drawn, t.dropped)

    with _drawing_held():
        yield from _open_trends(d)
        assert t.status["pain"] == PLACEHOLDER
        before = t.shown["pain"]
        d.svc.entries.log_pain(7)  # written meanwhile (the journal's version moves on)
    yield from _wait_for(lambda: _charts_shown(t) and _worker_idle(), 60, "the charts")
    yield from settled(d, "any late result")
    from app.services.trends import journal_version
    version = "v" + ".".join(map(str, journal_version(d.svc)))
    assert t.shown["pain"].endswith(version) and t.shown["episodes"].endswith(version), (t.shown, version, before)
    assert t.drawn == 2, t.drawn


def trends_drawing_fails(d):
    """Agg runs out of memory on the worker (injected: a MemoryError, as Agg raises when it cannot get its buffer):
    the card says so in a line, no traceback; the app runs on and draws the next time."""
    from app.ui.screens import trends

    def out_of_memory(*_args):
        raise MemoryError("In RendererAgg: Out of memory")

    _demo(d)
    drawing, trends.screen_rgba = trends.screen_rgba, out_of_memory
    try:
        t = yield from _open_trends(d)
        yield from _wait_for(lambda: t.status["pain"] not in ("", PLACEHOLDER), 60, "the failure to be told")
        yield from _wait_for(lambda: t.status["episodes"] not in ("", PLACEHOLDER), 60, "the second failure")
    finally:
        trends.screen_rgba = drawing
    for words in _placeholders(t):
        assert words.text == "The chart could not be drawn." and words.opacity == 1, words.text
    assert t.textures["pain"] is None and t.error == ""
    d.shot("trends_drawing_failed")
    yield from d.tap(d.find(t.ids.periods, text="7 days"))
    yield from _wait_for(lambda: _charts_shown(t), 60, "the charts after all")


def trends_closed_while_drawing(d):
    """The app is closed while a chart is being drawn (injected: a drawing that would take an hour): the scenario
    ends, the app stops, and the process exits at once, leaving the drawing behind (the test waits for the exit)."""
    import threading

    from app.ui.screens import trends
    started, never = threading.Event(), threading.Event()

    def an_hour_long(*_args):
        started.set()
        never.wait(3600)  # the drawing, on the worker thread: nobody sets `never`, so it is still under way at the end
        raise AssertionError("the app waited for the drawing")

    _demo(d)
    trends.screen_rgba = an_hour_long  # left in place: the drawing is still under way when the app closes
    t = yield from _open_trends(d)
    yield from _wait_for(started.is_set, 60, "the drawing to begin")
    assert not _worker_idle() and t.status["pain"] == PLACEHOLDER


def shoot_trends_drawing(d):
    """Screenshots at the harness's --size: Trends while it draws, drawn, lower down, and a chart enlarged."""
    _demo(d)
    size = d.size
    with _drawing_held():
        t = yield from _open_trends(d)
        d.shot(f"trends_drawing_{size}")
        t.ids.scroller.scroll_y = 0
        yield from settled(d, "Trends scrolled down while drawing")
        d.shot(f"trends_drawing_{size}_1")
        t.ids.scroller.scroll_y = 1
        yield from settled(d, "Trends scrolled up while drawing")
    yield from _wait_for(lambda: _charts_shown(t), 60, "both charts")
    yield from settled(d, "the charts on the screen")
    d.shot(f"trends_{size}_0")
    t.ids.scroller.scroll_y = 0
    yield from settled(d, "Trends scrolled down")
    d.shot(f"trends_{size}_1")
    with _drawing_held():
        t.enlarge("pain")
        yield from _wait_for(lambda: _chart_view() is not None, 10, "the larger chart to open")
        yield from settled(d, "the larger chart's placeholder")
        d.shot(f"trends_big_drawing_{size}")
    view = _chart_view()
    yield from _wait_for(lambda: view.texture is not None, 60, "the larger chart")
    yield from settled(d, "the larger chart on the screen")
    d.shot(f"trends_{size}_big")
