"""The Trends screen's charts fitted to screen pixels: the report's drawing code at the very size they are shown at."""
from __future__ import annotations

# Type of at least SCREEN_TYPE points, so nothing is scaled down or cut off on a phone. The data comes from services
# (trends.chart_data); only the fitting to pixels is a screen's job, here.
from ..core.errors import JournalError
from ..core.i18n import _
from ..services.chart_style import figure_rgba
from ..services.chart_ticks import spread_ticks
from ..services.charts import CHARTS, Look

SCREEN_CHARTS = ("pain", "episodes")
SCREEN_TYPE = 12  # points: the smallest type on a screen chart (dates, scores, labels); 1 point = px_per_pt pixels
_SCREEN_RC = {"font.size": SCREEN_TYPE, "hatch.linewidth": 0.6, "axes.titleweight": "bold"}


def screen_look(size_px: tuple[int, int], px_per_pt: float) -> Look:
    """Type at least SCREEN_TYPE points everywhere; as many dates and labelled rows as the pixels hold."""
    type_px = SCREEN_TYPE * px_per_pt
    return Look(title=SCREEN_TYPE + 2, small=SCREEN_TYPE, empty=SCREEN_TYPE + 2, screen=True,
                # "28 Nov" is about 3.5 type sizes wide: 5 leave room between; the y labels take about 2
                dates_fit=max(1.0, (size_px[0] - 2 * type_px) / (5 * type_px)),
                # a row is a line of words over a bar: about 2.6 type sizes; the dates below take about 2.5
                max_rows=max(1, int((size_px[1] - 2.5 * type_px) / (2.6 * type_px))))


def screen_figure(data: dict, chart: str, size_px: tuple[int, int], px_per_pt: float = 1.0):
    """One chart for the Trends screen: a matplotlib Figure of exactly size_px pixels, to be shown unscaled.

    px_per_pt: screen pixels per point of type (the app's sp(1)), so SCREEN_TYPE points read as that many sp
    whatever the pixel density. The margins are fitted to the labels, so none is cut off at any width.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    if chart not in SCREEN_CHARTS:
        raise JournalError("chart", _("chart: unknown '{chart}'; allowed: {allowed}.").format(
            chart=chart, allowed=", ".join(SCREEN_CHARTS)))
    if min(size_px) < 1:
        raise JournalError("size", _("size: {width}x{height} pixels is too small to draw in.").format(
            width=size_px[0], height=size_px[1]))
    dpi = 72 * px_per_pt
    with matplotlib.rc_context(_SCREEN_RC):
        fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi, layout="constrained")
        fig.get_layout_engine().set(w_pad=4 / 72, h_pad=4 / 72, wspace=0, hspace=0)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        CHARTS[chart](ax, data, screen_look(size_px, px_per_pt))
        spread_ticks(fig)
    return fig


def screen_rgba(data, chart: str, size_px: tuple[int, int], px_per_pt: float = 1.0) -> tuple[int, int, bytes]:
    """screen_figure() drawn by Agg: (width, height, RGBA bytes, top row first), for a texture (no file, no Kivy)."""
    import matplotlib
    with matplotlib.rc_context(_SCREEN_RC):  # some settings (hatch lines) are read while drawing
        return figure_rgba(screen_figure(data, chart, size_px, px_per_pt))
