"""Trends: pain and spasm episodes over the last 7/30/90 days as charts, with the numbers that matter."""
from __future__ import annotations

from collections import OrderedDict

from kivy.clock import Clock
from kivy.metrics import sp
from kivy.properties import DictProperty, NumericProperty, StringProperty

from ...core.i18n import N_, _, format_number, language, ngettext
from ...core.timeutil import to_local
from ...services.trends import chart_data, journal_version, trend_numbers
from .. import theme
from ..chart_worker import WORKER
from ..screen_charts import screen_rgba
from .base import BaseScreen, friendly

CHARTS = ("pain", "episodes")
# On the screen a chart is drawn at the pixel size of its image, shown unscaled, its type in sp like the app's.
CHART_ASPECT = 0.68     # height / width
CHART_MAX_HEIGHT = 360  # dp: a wide window (a tablet, a phone on its side) does not get a chart taller than that
MIN_WIDTH = 120         # px: narrower, the image has not been laid out yet (a widget starts 100 wide)
FALLBACK_SIZE = (MIN_WIDTH, round(MIN_WIDTH * CHART_ASPECT))  # never laid out after two seconds: drawn this small
# Enlarged (tap a chart): the report's own drawing, wide, with its title and legend.
CHART_PX = (1200, 640)
CHART_WIDTH_IN = 5.5  # type large enough to read at this size on a phone
DRAWING = N_("Drawing the chart…")
CHART_FAILED = N_("The chart could not be drawn.")
TEXTURES_KEPT = 8  # pictures kept for going back to a period (about 0.4 MB each on a phone, 3 MB enlarged)


class TrendsScreen(BaseScreen):
    """The numbers come from SQL on the main thread (a few ms); the charts are drawn by the chart worker and shown
    as textures when they arrive, each with a "Drawing the chart…" placeholder of its own size until then."""
    days = NumericProperty(30)
    avg_pain = StringProperty("–")
    avg_detail = StringProperty("")
    spasm_days = StringProperty("–")
    sessions = StringProperty("–")  # ice and heat sessions in the chosen period
    textures = DictProperty({c: None for c in CHARTS})   # chart -> the texture on show (None while none)
    status = DictProperty({c: DRAWING for c in CHARTS})  # chart -> "" when shown, else what to say
    shown = DictProperty({c: "" for c in CHARTS})        # chart -> which picture is on show ("7d 376x256 …")
    drawn = NumericProperty(0)    # charts drawn for this screen and shown (tests wait on it)
    dropped = NumericProperty(0)  # drawings given up because the screen wanted another one by then

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.status = {c: _(DRAWING) for c in CHARTS}
        self._kept: OrderedDict = OrderedDict()  # key -> texture, newest last
        self._jobs: dict = {}                    # chart or "large" -> the job drawing it
        self._view = None                        # the enlarged chart's window while it is open
        self._charts = Clock.create_trigger(lambda dt: self._draw_charts(), 0.05)
        self._resized = Clock.create_trigger(lambda dt: self._draw_charts(), 0.3)
        self._waits = 0

    def on_kv_post(self, base_widget):
        self.on_days()
        self.on_textures()
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

    def _looking(self) -> bool:
        return self.manager is not None and self.manager.current == self.name

    def refresh(self) -> None:
        # Hidden screens wait: charts are drawn only for a person looking at them (on_pre_enter refreshes).
        if not self._looking():
            return
        try:
            numbers = trend_numbers(self.svc, int(self.days))
        except Exception as exc:  # noqa: BLE001  (a refusal or a database error: a line, never a crash)
            self.error = friendly(exc, self.svc.path)
            return
        self._show_numbers(numbers)
        self._draw_charts()

    def on_leave(self, *args):
        """Nobody is looking: drawings under way are given up, and an enlarged chart closes."""
        for job in self._jobs.values():
            job.cancel()
            self.dropped += 1
        self._jobs.clear()
        if self._view is not None:
            self._view.dismiss()

    def _show_numbers(self, n: dict) -> None:
        days, eps = n["days"], n["episodes"]
        self.avg_pain = "–" if n["avg_pain"] is None else format_number(n["avg_pain"], 1) if language() != "en" else f"{n['avg_pain']:.1f}"
        scores = (ngettext("{n} pain score, worst {high}/10", "{n} pain scores, worst {high}/10", n["scores"]).format(
            n=n["scores"], high=n["high"]) if n["scores"] else _("no pain scores"))
        episodes = ngettext("{n} spasm episode", "{n} spasm episodes", eps).format(n=eps)
        self.avg_detail = _("Last {days} days: {scores}; {episodes}.").format(days=days, scores=scores, episodes=episodes)
        self.spasm_days = str(n["spasm_days"])
        self.sessions = str(n["sessions"])

    def _image(self, chart: str):
        return self.ids[f"{chart}_card"].ids.image

    def _size(self, chart: str) -> tuple[int, int] | None:
        """The chart image's size in pixels, as the layout gave it; None before the layout has."""
        image = self._image(chart)
        size = (round(image.width), round(image.height))
        return size if size[0] >= MIN_WIDTH else None

    def _key(self, chart: str, days: int, size: tuple[int, int] | str) -> tuple:
        """Which picture: chart, period, size, type scale, day and journal version (any write makes a new one)."""
        today = to_local(self.svc.now(), self.svc.zone).date().isoformat()
        return (chart, days, size, round(_px_per_pt(), 3), today, *journal_version(self.svc))

    def _draw_charts(self) -> None:
        """Show each chart the screen wants now: kept, already being drawn, or handed to the worker to draw."""
        if not self._looking():
            return
        sizes = {chart: self._size(chart) for chart in CHARTS}
        if None in sizes.values() and self._waits < 40:  # not laid out yet: wait for it (two seconds at most)
            self._waits += 1
            self._charts()
            return
        self._waits = 0
        days, data = int(self.days), None
        for chart in CHARTS:
            size = sizes[chart] or FALLBACK_SIZE
            key = self._key(chart, days, size)
            job = self._jobs.get(chart)
            if job is not None and job.key == key:
                continue  # already being drawn
            if job is not None:  # another period, size or journal version than wanted now: give it up
                job.cancel()
                self.dropped += 1
                del self._jobs[chart]
            if key in self._kept:
                self._show(chart, key, self._kept[key])
                continue
            if self.shown[chart] == _label(key):
                continue
            self.status[chart] = _(DRAWING)
            try:
                if data is None:
                    data = chart_data(self.svc, days)  # SQL here, where the journal is open; the worker only draws
            except Exception as exc:  # noqa: BLE001
                self.status[chart] = _chart_failed(exc, self.svc.path)
                continue
            self._jobs[chart] = WORKER.submit(
                lambda chart=chart, size=size, data=data, px=_px_per_pt(): screen_rgba(data, chart, size, px),
                lambda texture, chart=chart, key=key: self._drawn(chart, key, texture),
                lambda exc, chart=chart, key=key: self._failed(chart, key, exc), key=key)

    def _drawn(self, chart: str, key: tuple, texture) -> None:
        """A chart arrived (main thread): shown if it is still the one wanted, else given up and drawn anew."""
        if self._jobs.get(chart) is not None and self._jobs[chart].key == key:
            del self._jobs[chart]
        if not self._looking() or key != self._key(chart, int(self.days), self._size(chart) or FALLBACK_SIZE):
            self.dropped += 1
            self._charts()
            return
        self._keep(key, texture)
        self.drawn += 1
        self._show(chart, key, texture)

    def _failed(self, chart: str, key: tuple, exc: BaseException) -> None:
        if self._jobs.get(chart) is not None and self._jobs[chart].key == key:
            del self._jobs[chart]
            self.status[chart] = _chart_failed(exc, self.svc.path)

    def _keep(self, key: tuple, texture) -> None:
        self._kept[key] = texture
        while len(self._kept) > TEXTURES_KEPT:
            self._kept.popitem(last=False)

    def _show(self, chart: str, key: tuple, texture) -> None:
        self.textures[chart] = texture
        self.status[chart] = ""
        self.shown[chart] = _label(key)

    def on_textures(self, *_):
        for chart in CHARTS:
            self.ids[f"{chart}_card"].texture = self.textures[chart]

    def on_status(self, *_):
        for chart in CHARTS:
            self.ids[f"{chart}_card"].status = self.status[chart]

    def enlarge(self, chart: str) -> None:
        """The report's wide drawing of the chart, with its title and legend, in a window that scrolls sideways."""
        if self.textures[chart] is None or self.status[chart]:
            return
        from kivy.factory import Factory
        days = int(self.days)
        key = self._key(chart, days, "large")
        self._view = view = Factory.ChartView()
        view.bind(on_dismiss=self._closed)
        view.open()
        if key in self._kept:
            view.texture = self._kept[key]
            return
        view.status = _(DRAWING)
        try:
            data = chart_data(self.svc, days)
        except Exception as exc:  # noqa: BLE001
            view.status = _chart_failed(exc, self.svc.path)
            return

        def done(texture):
            self._jobs.pop("large", None)
            self._keep(key, texture)
            view.texture, view.status = texture, ""

        def failed(exc):
            self._jobs.pop("large", None)
            view.status = _chart_failed(exc, self.svc.path)

        from ...services.report_pdf import trend_rgba  # no matplotlib yet: the worker loads it when it draws
        self._jobs["large"] = WORKER.submit(lambda: trend_rgba(data, chart, CHART_PX, CHART_WIDTH_IN),
                                            done, failed, key=key)

    def _closed(self, view) -> None:
        """The enlarged chart was closed: a drawing of it still under way is given up."""
        job = self._jobs.pop("large", None)
        if job is not None:
            job.cancel()
            self.dropped += 1
        if view is self._view:
            self._view = None


def _px_per_pt() -> float:
    """Pixels per point of chart type: the app's sp, times its text size (the charts' dates grow at 150 % too)."""
    return sp(1) * theme.THEME.SCALE


from kivy.uix.behaviors import ButtonBehavior  # noqa: E402  (kept beside the one widget that needs it)
from kivy.uix.image import Image  # noqa: E402


class ChartImage(ButtonBehavior, Image):
    """A chart image that opens larger when tapped."""
    chart = StringProperty("")


def _label(key: tuple) -> str:
    """A picture's key in words, for tests and logs: "7d 376x256 2026-12-02 v5"."""
    chart, days, size, _scale, today, *version = key
    drawn = size if isinstance(size, str) else f"{size[0]}x{size[1]}"
    return f"{days}d {drawn} {today} v{'.'.join(map(str, version))}"


def _chart_failed(exc: BaseException, path) -> str:
    """Why a chart is missing: a full disk, a busy or damaged journal, or just 'could not be drawn'."""
    from ...services.faults import project_error
    error = project_error(exc, path)
    return error.plain if error is not None else _(CHART_FAILED)
