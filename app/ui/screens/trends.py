"""Trends: pain and spasm episodes over the last 7/30/90 days as charts, with the numbers that matter."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from kivy.clock import Clock
from kivy.metrics import sp
from kivy.properties import DictProperty, NumericProperty, StringProperty

from ...core.i18n import N_, _, format_number, language, ngettext
from ...core.timeutil import to_local
from ...services.trends import PERIODS, journal_version, trend_numbers
from .base import SOMETHING_WRONG, BaseScreen, friendly

CHARTS = ("pain", "episodes")
# On the screen a chart is drawn at the pixel size of its image, shown unscaled, its type in sp like the app's.
CHART_ASPECT = 0.68     # height / width
CHART_MAX_HEIGHT = 360  # dp: a wide window (a tablet, a phone on its side) does not get a chart taller than that
MIN_WIDTH = 120         # px: narrower, the image has not been laid out yet (a widget starts 100 wide)
# Enlarged (tap a chart): the report's own drawing, wide, with its title and legend.
CHART_PX = (1200, 640)
CHART_WIDTH_IN = 5.5  # type large enough to read at this size on a phone
DRAWING = N_("Drawing…")

_cache_dir: Path | None = None


def cache_dir() -> Path:
    """A private (0700) temp folder for this run's chart images, removed when the app exits."""
    global _cache_dir
    if _cache_dir is None:
        _cache_dir = Path(tempfile.mkdtemp(prefix="spasmlog-trends-"))
        os.chmod(_cache_dir, 0o700)
        atexit.register(shutil.rmtree, _cache_dir, True)
    return _cache_dir


class TrendsScreen(BaseScreen):
    days = NumericProperty(30)
    avg_pain = StringProperty("–")
    avg_detail = StringProperty("")
    spasm_days = StringProperty("–")
    sessions_week = StringProperty("–")
    sources = DictProperty({c: "" for c in CHARTS})     # chart -> PNG path on screen ("" while none)
    status = DictProperty({c: DRAWING for c in CHARTS})  # chart -> "" when drawn, else what to say
    drawn = NumericProperty(0)                            # charts drawn by this screen (tests wait on it)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._queue: list[tuple[str, int]] = []
        self._drawing = Clock.create_trigger(self._draw_next, 0.05)
        self._resized = Clock.create_trigger(self._redraw_if_resized, 0.3)
        self._waits = 0

    def on_kv_post(self, base_widget):
        self.on_days()
        self.on_sources()
        self.on_status()
        for chart in CHARTS:  # a turned phone or a resized window: the charts are drawn again at the new size
            self._image(chart).bind(size=lambda *_: self._resized())

    def on_days(self, *_):
        for chip in self.ids.periods.children:
            if getattr(chip, "code", ""):
                chip.selected = int(chip.code) == self.days

    def pick_period(self, days: int) -> None:
        self.days = days
        self.refresh()

    def refresh(self) -> None:
        # Hidden screens wait: charts are drawn only for a person looking at them (on_pre_enter refreshes).
        if self.manager is None or self.manager.current != self.name:
            return
        try:
            numbers = trend_numbers(self.svc, int(self.days))
        except Exception as exc:  # noqa: BLE001  (a refusal or a database error: a line, never a crash)
            self.error = friendly(exc, self.svc.path)
            return
        self._show_numbers(numbers)
        self._queue = []
        for chart in CHARTS:
            size = self._size(chart)
            path = size and self._png_path(chart, int(self.days), size)
            if path and path.exists():
                self._show(chart, path)
            else:
                self.status[chart] = _(DRAWING)
                self._queue.append((chart, int(self.days)))
        if self._queue:
            self._drawing()  # after a frame, so "Drawing…" is on screen first (and the images are laid out)

    def _show_numbers(self, n: dict) -> None:
        days, eps = n["days"], n["episodes"]
        self.avg_pain = "–" if n["avg_pain"] is None else format_number(n["avg_pain"], 1) if language() != "en" else f"{n['avg_pain']:.1f}"
        scores = (ngettext("{n} pain score, worst {high}/10", "{n} pain scores, worst {high}/10", n["scores"]).format(
            n=n["scores"], high=n["high"]) if n["scores"] else _("no pain scores"))
        episodes = ngettext("{n} spasm episode", "{n} spasm episodes", eps).format(n=eps)
        self.avg_detail = _("Last {days} days: {scores}; {episodes}.").format(days=days, scores=scores, episodes=episodes)
        self.spasm_days = str(n["spasm_days"])
        self.sessions_week = str(n["sessions_week"])

    def _image(self, chart: str):
        return self.ids[f"{chart}_card"].ids.image

    def _size(self, chart: str) -> tuple[int, int] | None:
        """The chart image's size in pixels, as the layout gave it; None before the layout has."""
        image = self._image(chart)
        size = (round(image.width), round(image.height))
        return size if size[0] >= MIN_WIDTH else None

    def _png_path(self, chart: str, days: int, size: tuple[int, int] | str) -> Path:
        """One file per chart, period, size, day and journal version: any write makes a new one."""
        today = to_local(self.svc.now()).date().isoformat()
        data_version, changes = journal_version(self.svc)
        drawn = size if isinstance(size, str) else f"{size[0]}x{size[1]}"
        return cache_dir() / f"{chart}-{days}d-{drawn}-{today}-{data_version}-{changes}.png"

    def _draw_next(self, *_):
        """Draw one queued chart at its image's size, then let a frame through before the next."""
        if not self._queue:
            return
        chart, days = self._queue[0]
        size = self._size(chart)
        if size is None and self._waits < 40:  # not laid out yet: wait for it (two seconds at most)
            self._waits += 1
            self._drawing()
            return
        self._queue.pop(0)
        self._waits = 0
        size = size or (MIN_WIDTH, round(MIN_WIDTH * CHART_ASPECT))
        path = self._png_path(chart, days, size)
        from ..screen_charts import render_screen_png  # matplotlib loads only here, never at start-up
        try:
            if not path.exists():
                render_screen_png(self.svc, days, path, size, chart=chart, px_per_pt=sp(1))
                self.drawn += 1
        except Exception as exc:  # noqa: BLE001
            self.status[chart] = _chart_failed(exc, self.svc.path)
        else:
            if days == int(self.days):  # the person may have picked another period meanwhile
                self._show(chart, path)
        if self._queue:
            self._drawing()

    def _redraw_if_resized(self, *_):
        if self.manager is None or self.manager.current != self.name:
            return  # drawn at the right size when next shown
        sizes = [self._size(chart) for chart in CHARTS]
        if None not in sizes and any(self.sources[chart] != str(self._png_path(chart, int(self.days), size))
                                     for chart, size in zip(CHARTS, sizes)):
            self.refresh()

    def _show(self, chart: str, path: Path) -> None:
        self.sources[chart] = str(path)
        self.status[chart] = ""

    def on_sources(self, *_):
        for chart in CHARTS:
            self.ids[f"{chart}_card"].source = self.sources[chart]

    def on_status(self, *_):
        for chart in CHARTS:
            self.ids[f"{chart}_card"].status = self.status[chart]

    def enlarge(self, chart: str) -> None:
        """The report's wide drawing of the chart, with its title and legend, in a window that scrolls sideways."""
        if not self.sources[chart]:
            return
        from kivy.factory import Factory
        days = int(self.days)
        path = self._png_path(chart, days, "large")
        view = Factory.ChartView()
        view.open()
        if path.exists():
            view.source = str(path)
            return
        view.status = _(DRAWING)

        def draw(*_):
            from ...services.report_pdf import render_trend_png  # matplotlib loads only here, never at start-up
            try:
                render_trend_png(self.svc, days, path, CHART_PX, chart=chart, width_in=CHART_WIDTH_IN)
            except Exception as exc:  # noqa: BLE001
                view.status = _chart_failed(exc, self.svc.path)
            else:
                view.source, view.status = str(path), ""
        Clock.schedule_once(draw, 0.05)  # after a frame, so the window and "Drawing…" show first


from kivy.uix.behaviors import ButtonBehavior  # noqa: E402  (kept beside the one widget that needs it)
from kivy.uix.image import Image  # noqa: E402


class ChartImage(ButtonBehavior, Image):
    """A chart image that opens larger when tapped."""
    chart = StringProperty("")


def _chart_failed(exc: BaseException, path) -> str:
    """Why a chart is missing: a full disk, a busy or damaged journal, or just 'could not be drawn'."""
    said = friendly(exc, path)
    return _("The chart could not be drawn.") if said == _(SOMETHING_WRONG) else said
