"""The Trends screen's charts: drawn at the pixel size they are shown at, type at least 12 sp, nothing cut off."""
from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from app.core.entities import Profile
from app.services.report import EpisodeSummary, ReportData

# The chart image's size on a 360, 400 and 480 px wide phone (density 1), and on a 2.625 density phone.
SIZES = [((296, 201), 1.0), ((336, 228), 1.0), ((416, 283), 1.0), ((777, 528), 2.625)]


def _data(svc, days: int) -> ReportData:
    from app.core.timeutil import to_local
    from app.services.report import collect, period
    return collect(svc, *period(to_local(svc.now()).date(), days=days))


def _episodes(n: int, days: int = 90) -> ReportData:
    """A period of `days` ending 1 Dec 2026 with n episodes spread along it, the last one still going."""
    now = datetime(2026, 12, 1, 9, tzinfo=timezone.utc)
    eps = []
    for i in range(n):
        start = now - timedelta(days=days - 1) + timedelta(days=i * (days - 2) / n)
        end = None if i == n - 1 else start + timedelta(hours=30 + 7 * i)
        eps.append(EpisodeSummary(id=i, started=start, ended=end, regions=(), trigger="posture",
                                  hours=((end or now) - start).total_seconds() / 3600))
    return ReportData(start_date=date(2026, 12, 1) - timedelta(days=days - 1), end_date=date(2026, 12, 1),
                      start=now, end=now, now=now, source="", profile=Profile(), counts={}, pain={}, episodes=eps)


def _texts_shown(fig):
    """Every text drawn on the figure (tick labels, notes, words beside bars), with its box in pixels."""
    from matplotlib.text import Text
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    for text in fig.findobj(Text):
        if text.get_visible() and text.get_text().strip() and text.get_figure(root=True) is fig:
            yield text, text.get_window_extent(renderer)


def _check(fig, size, px_per_pt):
    from app.ui.screen_charts import SCREEN_TYPE
    assert tuple(round(v) for v in fig.bbox.size) == size
    shown = list(_texts_shown(fig))
    assert shown, "no text at all"
    ax = fig.axes[0].get_window_extent()
    for text, box in shown:
        words = text.get_text()
        assert text.get_fontsize() * px_per_pt >= SCREEN_TYPE * px_per_pt - 0.01, (words, text.get_fontsize())
        assert box.x0 >= -0.5 and box.y0 >= -0.5 and box.x1 <= size[0] + 0.5 and box.y1 <= size[1] + 0.5, \
            (words, box.bounds, size)  # not cut off by the picture's edges
        if text.get_clip_on() and text.axes is not None and text in text.axes.texts:
            assert box.x1 <= ax.x1 + 0.5, (words, box.bounds, ax.bounds)  # words over bars are clipped to the axes


@pytest.mark.parametrize("size, px_per_pt", SIZES)
@pytest.mark.parametrize("chart", ["pain", "episodes"])
@pytest.mark.parametrize("days", [7, 30, 90])
def test_a_screen_chart_has_type_of_12_sp_and_nothing_cut_off(demo_journal, chart, days, size, px_per_pt):
    from app.ui.screen_charts import screen_figure
    fig = screen_figure(_data(demo_journal, days), chart, size, px_per_pt)
    _check(fig, size, px_per_pt)
    ax = fig.axes[0]
    assert not ax.get_title(loc="left") and ax.get_legend() is None  # the card above gives both
    dates = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert 3 <= len(dates) <= 7, dates
    assert dates[-1] == "2 Mar", dates  # the last day (T0) is dated, in words: no second row for the month


@pytest.mark.parametrize("n", [0, 1, 5, 8, 12, 40])
def test_many_episodes_fit_a_phone_chart(n):
    """A few have words over their bars; more, a date beside each; many, one line of bars."""
    from app.ui.screen_charts import screen_figure
    fig = screen_figure(_episodes(n), "episodes", (296, 201))
    _check(fig, (296, 201), 1.0)
    ax = fig.axes[0]
    words = [t.get_text() for t in ax.texts]
    rows = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    if n == 0:
        assert words == ["No spasm episodes in this period"]
    elif n <= 5:
        assert len(words) == n and not rows
        assert words[0].startswith("3 Sep: ") and " so far" in words[-1], words
    elif n <= 10:
        assert not words and len(rows) == n
    else:
        assert not words and not rows


def test_long_words_lose_the_trigger_rather_than_run_off_the_chart():
    from app.ui.screen_charts import screen_figure
    data = _episodes(2)
    data.episodes[1] = replace(data.episodes[1], hours=10.5 * 24)  # "… 10.5 days so far, held a position long": too long for 296 px
    fig = screen_figure(data, "episodes", (296, 201))
    _check(fig, (296, 201), 1.0)
    first, second = [t.get_text() for t in fig.axes[0].texts]
    assert first.endswith(", held a position long") and second.endswith(": 10.5 days so far"), (first, second)


def test_the_screen_picture_has_exactly_the_asked_size_in_rgba_and_no_file(demo_journal, tmp_path, monkeypatch):
    from app.services.trends import chart_data
    from app.ui.screen_charts import screen_rgba
    monkeypatch.chdir(tmp_path)
    for (w, h), px_per_pt in SIZES:
        width, height, pixels = screen_rgba(chart_data(demo_journal, 30), "episodes", (w, h), px_per_pt)
        assert (width, height) == (w, h) and len(pixels) == w * h * 4
        corner = pixels[:4]
        assert corner == b"\xff\xff\xff\xff", corner  # the top-left pixel: the white background, opaque
        assert len(set(pixels[i:i + 4] for i in range(0, len(pixels), 4 * 97))) > 2  # something is drawn on it
    assert not list(tmp_path.iterdir())  # the screen's charts never touch the disk


def test_the_large_picture_is_the_reports_drawing_at_its_size(demo_journal):
    from app.services.report_pdf import trend_rgba
    from app.services.trends import chart_data
    width, height, pixels = trend_rgba(chart_data(demo_journal, 30), "pain", (1200, 640), 5.5)
    assert (width, height) == (1200, 640) and len(pixels) == 1200 * 640 * 4


def test_the_screen_refuses_a_bad_period_or_chart(demo_journal):
    from app.core.errors import JournalError
    from app.services.trends import chart_data
    from app.ui.screen_charts import screen_rgba
    with pytest.raises(JournalError) as err:
        chart_data(demo_journal, 0)
    assert err.value.field == "days"
    with pytest.raises(JournalError) as err:
        screen_rgba(chart_data(demo_journal, 30), "doses", (300, 200))
    assert err.value.field == "chart"
    with pytest.raises(JournalError) as err:
        screen_rgba(chart_data(demo_journal, 30), "pain", (0, 200))
    assert err.value.field == "size"


def test_the_report_keeps_its_titles_and_legends(demo_journal):
    """The screen's short look is the screen's only: the report's charts are drawn as they were."""
    from matplotlib.figure import Figure

    from app.services.charts import CHARTS
    data = _data(demo_journal, 30)
    for chart in ("pain", "episodes"):
        ax = Figure().add_subplot(1, 1, 1)
        CHARTS[chart](ax, data)
        assert ax.get_title(loc="left"), chart
        assert ax.get_legend() is not None if chart == "pain" else ax.get_yticklabels()[0].get_fontsize() == 8
