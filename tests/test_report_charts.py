"""Charts that fit the data (issue 12, point 4): the x-range is the days with data, dates read unambiguously, gaps
are not bridged, one meaning per mark, units on the axes, counts agree with their nouns."""
from __future__ import annotations

from datetime import date, datetime, timedelta, timezone

import matplotlib.dates as mdates
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from app.core.entities import Activity, PainScore, TherapySession
from app.services.charts import CHARTS
from app.services.report import collect

T = datetime(2026, 11, 25, 9, tzinfo=timezone.utc)
PERIOD = (date(2026, 9, 1), date(2026, 11, 29))  # 90 days; the data are in the last 5


@pytest.fixture
def short_case(mem):
    """Pain on days 1, 2 and 5 (none on 3 and 4), an episode, ice and one walk, at the end of a 90-day period."""
    mem.clock.at = T + timedelta(days=5)
    for day, score in ((0, 8), (1, 7), (4, 3)):
        mem._repo.add(PainScore(T + timedelta(days=day), score))
    mem.entries.start_episode(regions=["lower_back_left"], trigger="lifting", at=T - timedelta(hours=1))
    mem._repo.add(TherapySession("ice", T, T + timedelta(minutes=10), ended=T + timedelta(minutes=10), barrier=True))
    mem._repo.add(Activity(T, "walk", 20))
    return collect(mem, *PERIOD)


def draw(name, data):
    fig = Figure(figsize=(8, 3))
    FigureCanvasAgg(fig)
    ax = fig.add_subplot(1, 1, 1)
    CHARTS[name](ax, data)
    fig.canvas.draw()
    return ax


@pytest.mark.parametrize("name", ["pain", "episodes", "therapy", "doses"])
def test_time_charts_span_the_days_with_data_not_the_whole_period(short_case, name):
    ax = draw(name, short_case)
    lo, hi = (mdates.num2date(x).date() for x in ax.get_xlim())
    assert date(2026, 11, 23) <= lo <= date(2026, 11, 25) and date(2026, 11, 30) <= hi <= date(2026, 12, 1)


def test_dates_name_the_month_and_the_axis_names_the_year(short_case):
    ax = draw("pain", short_case)
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and all(t.split()[-1] == "Nov" or t.split()[-1] == "Dec" for t in labels), labels
    assert ax.get_xlabel() == "date (2026)"


def test_long_spans_show_month_and_year(mem):
    mem.clock.at = T
    for days in (400, 10):
        mem._repo.add(PainScore(T - timedelta(days=days), 4))
    ax = draw("pain", collect(mem, (T - timedelta(days=500)).date(), T.date()))
    labels = [t.get_text() for t in ax.get_xticklabels() if t.get_text()]
    assert labels and all(len(t.split()) == 2 and t.split()[1].isdigit() for t in labels), labels


def test_days_without_scores_are_not_bridged(short_case):
    ax = draw("pain", short_case)
    line = next(line for line in ax.get_lines() if line.get_label() == "daily average")
    ys = list(line.get_ydata())
    assert any(y != y for y in ys)  # a NaN breaks the line between day 2 and day 5
    assert [y for y in ys if y == y] == [8, 7, 3]


def test_hatching_means_only_still_going_on(short_case):
    pain = draw("pain", short_case)
    assert all(not p.get_hatch() for p in pain.patches)  # episodes are plain grey behind the pain
    therapy = draw("therapy", short_case)
    assert all(not p.get_hatch() for p in therapy.patches)  # ice is white, heat dark
    episodes = draw("episodes", short_case)
    assert [bool(p.get_hatch()) for p in episodes.patches] == [True]  # the episode is still going on


def test_axes_carry_units_and_the_severe_line_is_in_the_legend(short_case):
    pain = draw("pain", short_case)
    assert pain.get_ylabel() == "pain score (0–10)"
    assert "severe (7 or more)" in [t.get_text() for t in pain.get_legend().get_texts()]
    assert draw("therapy", short_case).get_ylabel() == "sessions per day"
    assert draw("activity", short_case).get_xlabel() == "minutes"


def test_counts_agree_with_their_nouns(short_case):
    texts = [t.get_text() for t in draw("activity", short_case).texts]
    assert any(t.strip() == "20 min, 1 time" for t in texts), texts


def test_episode_lengths_use_one_unit_on_a_chart(mem):
    mem.clock.at = T + timedelta(days=10)
    mem.entries.start_episode(at=T - timedelta(days=5))
    mem.entries.end_episode(at=T - timedelta(days=5) + timedelta(hours=32))
    mem.entries.start_episode(at=T)
    mem.entries.end_episode(at=T + timedelta(days=2, hours=1))
    texts = [t.get_text().strip() for t in draw("episodes", collect(mem, *PERIOD)).texts]
    assert any(t.startswith("1.3 days") for t in texts) and any(t.startswith("2.0 days") for t in texts), texts
    assert not any(" h," in t for t in texts)
