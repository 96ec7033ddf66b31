"""The Trends screen's charts fitted to screen pixels: the report's drawing code at the very size they are shown at."""
from __future__ import annotations

# Type of at least SCREEN_TYPE points, so nothing is scaled down or cut off on a phone. The data and the private
# file come from services (trends.write_chart); only the fitting to pixels is a screen's job, here.
from ..core.errors import JournalError
from ..services.charts import CHARTS, Look
from ..services.trends import write_chart

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
        raise JournalError("chart", f"chart: unknown '{chart}'; allowed: {', '.join(SCREEN_CHARTS)}.")
    dpi = 72 * px_per_pt
    with matplotlib.rc_context(_SCREEN_RC):
        fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi, layout="constrained")
        fig.get_layout_engine().set(w_pad=4 / 72, h_pad=4 / 72, wspace=0, hspace=0)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        CHARTS[chart](ax, data, screen_look(size_px, px_per_pt))
    return fig


def write_screen_png(data: dict, chart: str, fh, size_px: tuple[int, int], px_per_pt: float = 1.0) -> None:
    """screen_figure() written as a PNG."""
    import matplotlib
    with matplotlib.rc_context(_SCREEN_RC):
        fig = screen_figure(data, chart, size_px, px_per_pt)
        fig.savefig(fh, format="png", dpi=fig.dpi)


def render_screen_png(svc, days: int, path, size_px: tuple[int, int], chart: str = "pain",
                      px_per_pt: float = 1.0):
    """The Trends screen's chart of the last `days` days, written as a private PNG of exactly size_px at `path`."""
    if min(size_px) < 1:
        raise JournalError("size", f"size: {size_px[0]}x{size_px[1]} pixels is too small to draw in.")
    return write_chart(svc, days, path, lambda data, fh: write_screen_png(data, chart, fh, size_px, px_per_pt))
