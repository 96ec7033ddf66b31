"""Trends: pain and spasm episodes over the last 7/30/90 days as charts, with the numbers that matter."""
from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from pathlib import Path

from kivy.clock import Clock
from kivy.properties import DictProperty, NumericProperty, StringProperty

from ...core.errors import SpasmLogError
from ...core.timeutil import to_local
from ...services.trends import PERIODS, journal_version, trend_numbers
from .base import BaseScreen

# Drawn by the report's own chart code; a wide figure reads well when enlarged (tap a chart).
CHARTS = ("pain", "episodes")
CHART_PX = (1200, 640)
CHART_WIDTH_IN = 5.5  # phone-width drawing: type large enough to read on the screen
DRAWING = "Drawing…"

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
        self._queue: list[tuple[str, int, Path]] = []
        self._drawing = Clock.create_trigger(self._draw_next, 0.05)

    def on_kv_post(self, base_widget):
        self.on_days()
        self.on_sources()
        self.on_status()

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
        except SpasmLogError as exc:
            self.error = exc.message
            return
        self._show_numbers(numbers)
        self._queue = []
        for chart in CHARTS:
            path = self._png_path(chart)
            if path.exists():
                self._show(chart, path)
            else:
                self.status[chart] = DRAWING
                self._queue.append((chart, int(self.days), path))
        if self._queue:
            self._drawing()  # after a frame, so "Drawing…" is on screen first

    def _show_numbers(self, n: dict) -> None:
        days, eps = n["days"], n["episodes"]
        self.avg_pain = "–" if n["avg_pain"] is None else f"{n['avg_pain']:.1f}"
        scores = f"{n['scores']} pain scores, worst {n['high']}/10" if n["scores"] else "no pain scores"
        self.avg_detail = f"Last {days} days: {scores}; {eps} spasm episode{'s' * (eps != 1)}."
        self.spasm_days = str(n["spasm_days"])
        self.sessions_week = str(n["sessions_week"])

    def _png_path(self, chart: str) -> Path:
        """One file per chart, period, day and journal version: any write makes a new one."""
        today = to_local(self.svc.now()).date().isoformat()
        data_version, changes = journal_version(self.svc)
        return cache_dir() / f"{chart}-{int(self.days)}d-{today}-{data_version}-{changes}.png"

    def _draw_next(self, *_):
        """Draw one queued chart with the report's code, then let a frame through before the next."""
        if not self._queue:
            return
        chart, days, path = self._queue.pop(0)
        from ...services.report import render_trend_png  # matplotlib loads only here, never at start-up
        try:
            render_trend_png(self.svc, days, path, CHART_PX, chart=chart, width_in=CHART_WIDTH_IN)
        except (SpasmLogError, OSError) as exc:
            self.status[chart] = getattr(exc, "message", None) or "The chart could not be drawn."
        else:
            if days == int(self.days):  # the person may have picked another period meanwhile
                self._show(chart, path)
            self.drawn += 1
        if self._queue:
            self._drawing()

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
        """The chart at a readable size in a scrollable window (the phone width shrinks its text)."""
        if not self.sources[chart]:
            return
        from kivy.factory import Factory
        view = Factory.ChartView()
        view.source = self.sources[chart]
        view.open()


from kivy.uix.behaviors import ButtonBehavior  # noqa: E402  (kept beside the one widget that needs it)
from kivy.uix.image import Image  # noqa: E402


class ChartImage(ButtonBehavior, Image):
    """A chart image that opens larger when tapped."""
    chart = StringProperty("")
