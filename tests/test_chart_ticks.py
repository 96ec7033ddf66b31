"""No two tick labels of a chart overlap, at every size the app draws a chart: the Trends cards (360 and 400 px wide
windows, text at 100/125/150 %), the enlarged chart, the PDF's pages and the exported PNG; 7/30/90 days and a year;
English and German month names. Nor does a legend run off the edge. Measured on the drawn figure (matplotlib's
get_window_extent)."""
from __future__ import annotations

from datetime import date, datetime, timezone
from itertools import combinations

import matplotlib
import pytest

from app.core.i18n import speaking
from app.services.charts import CHARTS
from app.services.demo import generate
from app.services.report import collect, period
from app.services.report_pdf import _RC, PNG_SIZE, _trend_figure, page_chart_figure
from app.ui.screen_charts import SCREEN_CHARTS, screen_figure

NOW = datetime(2026, 12, 1, 10, tzinfo=timezone.utc)  # "29 Nov" and "1 Dec" were the labels that met
RANGES = (7, 30, 90, 365)
# Periods ending 2 Nov: ticks every other day fall on 31 Oct and 1 Nov, a day apart; 12 to 15 days of data
# were where they met.
ACROSS_A_MONTHS_END = (12, 15, 30)
# The Trends cards: the chart image's width in a 360 and a 400 px window (the card's padding off, as the app
# lays them out), and between; sp(1) at 100/125/150 % text.
CARD_WIDTHS = (336, 376)
TEXT_SCALES = (1.0, 1.25, 1.5)
ENLARGED = ((1200, 640), 5.5)  # app/ui/screens/trends.py CHART_PX, CHART_WIDTH_IN
PAGE_IN = ((595.28 - 2 * 43.2 - 12) / 72, (841.89 - 43.2 - 82.8 - 14) / 72 / 3 - 0.05)  # write_pdf's chart size


@pytest.fixture(scope="module")
def journal(tmp_path_factory):
    from app.services import open_spasmlog
    from tests.conftest import FakeClock
    svc = open_spasmlog(tmp_path_factory.mktemp("ticks") / "journal.db", FakeClock(NOW))
    generate(svc._repo, NOW, 400, seed=4, zone=svc.zone)
    yield svc
    svc.close()


@pytest.fixture(scope="module")
def periods(journal):
    out = {days: collect(journal, *period(NOW.date(), days=days)) for days in RANGES}
    out |= {("2 Nov", days): collect(journal, *period(date(2026, 11, 2), days=days)) for days in ACROSS_A_MONTHS_END}
    return out


def overlaps(fig) -> list[tuple[str, str]]:
    """Pairs of tick labels (x or y, of any axes) whose drawn boxes meet."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    met = []
    for ax in fig.axes:
        for axis, (lo, hi) in ((ax.xaxis, sorted(ax.get_xlim())), (ax.yaxis, sorted(ax.get_ylim()))):
            shown = [t.label1 for t in axis.get_major_ticks()
                     if lo <= t.get_loc() <= hi and t.label1.get_visible() and t.label1.get_text()]
            boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in shown]
            met += [(a, b) for (a, box_a), (b, box_b) in combinations(boxes, 2) if box_a.overlaps(box_b)]
    return met


def legends_off_the_edge(fig) -> list[str]:
    """The legends that run off the figure's left or right edge (call after overlaps(), which draws)."""
    renderer = fig.canvas.get_renderer()
    return [ax.get_title("left") for ax in fig.axes if ax.get_legend() is not None
            and not 0 <= ax.get_legend().get_window_extent(renderer).x0 <= ax.get_legend().get_window_extent(renderer).x1
            <= fig.bbox.width]


def labels(fig) -> list[str]:
    return [t.get_text() for ax in fig.axes for t in ax.get_xticklabels() if t.get_text()]


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("days", RANGES[:3])
@pytest.mark.parametrize("scale", TEXT_SCALES)
def test_trends_cards_tick_labels_never_meet(periods, language, days, scale):
    with speaking(language):
        for width in CARD_WIDTHS:
            for chart in SCREEN_CHARTS:
                with matplotlib.rc_context({"font.size": 12}):
                    fig = screen_figure(periods[days], chart, (width, round(width * 0.68)), scale)
                    assert not overlaps(fig), (chart, width, overlaps(fig))
                    assert labels(fig), (chart, width)  # thinned, never emptied


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("days", [*RANGES[:3], *(("2 Nov", d) for d in ACROSS_A_MONTHS_END)])
def test_the_enlarged_chart_tick_labels_never_meet(periods, language, days):
    size, width_in = ENLARGED
    with speaking(language), matplotlib.rc_context(_RC):
        for chart in SCREEN_CHARTS:
            fig = _trend_figure(periods[days], chart, size, width_in)
            assert not overlaps(fig), (chart, overlaps(fig))
            assert labels(fig)
            assert not legends_off_the_edge(fig)


@pytest.mark.parametrize("language", ["en", "de"])
@pytest.mark.parametrize("days", [*RANGES, *(("2 Nov", d) for d in ACROSS_A_MONTHS_END)])
def test_the_reports_pages_and_the_exported_png_tick_labels_never_meet(periods, language, days):
    with speaking(language), matplotlib.rc_context(_RC):
        for chart in CHARTS:
            for what, fig in (("pdf", page_chart_figure(periods[days], chart, PAGE_IN)),
                              ("png", _trend_figure(periods[days], chart, PNG_SIZE, 10))):
                assert not overlaps(fig), (what, chart, overlaps(fig))
                assert not legends_off_the_edge(fig), (what, chart)


def test_the_check_sees_labels_that_meet():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure
    fig = Figure(figsize=(2, 1))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    ax.set_xticks(range(10), [f"{d} Nov" for d in range(20, 30)])
    assert overlaps(fig)
