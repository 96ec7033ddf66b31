"""The report charts' time axis: the days that have data (not the whole period), dates that read unambiguously."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from ..core.i18n import _, format_skeleton
from ..core.timeutil import to_local

SHORT_SPAN_DAYS = 93  # up to about three months a tick reads "25 Nov" and the axis title names the year


def data_days(data) -> tuple[date, date]:
    """The first and last day inside the period with an entry on a time chart; the whole period when none has."""
    days = [date.fromisoformat(r["day"]) for rows in (data.pain_daily, data.therapy_daily, data.doses_daily)
            for r in rows]
    for e in data.episodes:
        days.append(max(to_local(e.started, data.zone).date(), data.start_date))
        days.append(min(to_local(e.ended or data.now, data.zone).date(), data.end_date))
    return (min(days), max(days)) if days else (data.start_date, data.end_date)


def x_range(data) -> tuple[datetime, datetime]:
    """Midnight before the first day with data to midnight after the last, widened by a small margin."""
    first, last = data_days(data)
    span = (last - first).days + 1
    margin = timedelta(days=max(0.5, span * 0.03))
    return (datetime.combine(first, datetime.min.time()) - margin,
            datetime.combine(last + timedelta(days=1), datetime.min.time()) + margin)


def report_time_axis(ax, data) -> None:
    """The x range of the days with data; ticks '25 Nov' with the year in the axis title, or 'Nov 2026'."""
    import matplotlib.dates as mdates
    from matplotlib.ticker import FuncFormatter
    lo, hi = x_range(data)
    ax.set_xlim(lo, hi)
    locator = mdates.AutoDateLocator(minticks=4, maxticks=9)
    ax.xaxis.set_major_locator(locator)
    first, last = data_days(data)
    if (last - first).days < SHORT_SPAN_DAYS:
        years = sorted({first.year, last.year})
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_skeleton(mdates.num2date(x), "MMMd",
                                                                                    "%-d %b")))
        ax.set_xlabel(_("date ({years})").format(years="–".join(str(y) for y in years)), fontsize=8)
    else:
        ax.xaxis.set_major_formatter(FuncFormatter(lambda x, _pos: format_skeleton(mdates.num2date(x), "yMMM",
                                                                                    "%b %Y")))
        ax.set_xlabel(_("month"), fontsize=8)


def break_gaps(xs: list, ys: list, step: timedelta) -> tuple[list, list]:
    """A line that is not drawn across days (weeks, months) without scores: a gap between two points further apart
    than one step gets a break (NaN)."""
    out_x, out_y = [], []
    for i, (x, y) in enumerate(zip(xs, ys)):
        if i and x - xs[i - 1] > step * 1.5:
            out_x.append(xs[i - 1] + (x - xs[i - 1]) / 2)
            out_y.append(float("nan"))
        out_x.append(x)
        out_y.append(y)
    return out_x, out_y
