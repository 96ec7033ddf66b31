"""Draws the charts of the report and of the Trends screen onto matplotlib axes; readable in black and white
(hatching, line styles)."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from ..core.guidance import label, severe_pain_from
from ..core.i18n import N_, _, format_fixed, format_skeleton, in_sentence
from .chart_style import CLASS_STYLE, DARK, INK, KIND_STYLE, LIGHT, MID, REPORT, Look, empty_note  # noqa: F401
from .chart_time import break_gaps, data_days, report_time_axis
from .chart_totals import draw_activity, draw_relief, treatment_label  # noqa: F401

# Longer periods are drawn per week, then per month, so bars and lines stay readable on a page.
WEEKLY_AFTER_DAYS = 180
MONTHLY_AFTER_DAYS = 3 * 366
# Whole phrases per bin (day, week, month), so each language can say them its own way.
PAIN_TITLE = {1: N_("Daily pain (0–10): average, and lowest to highest score that day"),
              7: N_("Weekly pain (0–10): average, and lowest to highest score that week"),
              30: N_("Monthly pain (0–10): average, and lowest to highest score that month")}
AVERAGE = {1: N_("daily average"), 7: N_("weekly average"), 30: N_("monthly average")}
PER_BIN = {("sessions", 1): N_("sessions per day"), ("sessions", 7): N_("sessions per week"),
           ("sessions", 30): N_("sessions per month"), ("doses", 1): N_("doses per day"),
           ("doses", 7): N_("doses per week"), ("doses", 30): N_("doses per month")}


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _local_day(when: datetime | None, fallback: datetime, zone) -> datetime:
    """An aware time as a naive datetime in the report's zone (matplotlib's date axis has no timezone here)."""
    return (when or fallback).astimezone(zone).replace(tzinfo=None)


def _time_axis(ax, data, look: Look = REPORT) -> None:
    """Same x range and date labels on every time chart, so pages line up."""
    if look.screen:  # whole dates ("5 Dec") under their day, counted back from the last: no row for the month
        ax.set_xlim(datetime.combine(data.start_date, datetime.min.time()),
                    datetime.combine(data.end_date + timedelta(days=1), datetime.min.time()))
        ticks = [datetime.combine(d, datetime.min.time()) + timedelta(hours=12) for d in _screen_days(data, look)]
        ax.set_xticks(ticks, [_short_date(t) for t in ticks])
    else:  # the report: the days that have data, not 85 empty ones
        report_time_axis(ax, data)
    ax.grid(axis="y", color=LIGHT, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _short_date(when) -> str:
    """'5 Dec' / '5. Dez.'."""
    return format_skeleton(when, "MMMd", "%-d %b")


def _screen_days(data, look: Look) -> list[date]:
    """The last day, then every 1, 2, 3 days, or 1, 2, 3 … weeks back: as close together as the dates fit."""
    days = (data.end_date - data.start_date).days + 1
    step = next((s for s in (1, 2, 3, 7, 14, 21, 28, 42, 56, 91, 182, 364, 728) if days / s <= look.dates_fit),
                -(-days // max(1, int(look.dates_fit))))
    return [data.end_date - timedelta(days=k * step) for k in reversed(range((days - 1) // step + 1))]


def bin_days(data) -> int:
    """How many days one bar or point stands for: 1 (day), 7 (week) or 30 (month), by the length of the days
    shown (the period's days that have data)."""
    first, last = data_days(data) if hasattr(data, "pain_daily") else (data.start_date, data.end_date)
    days = (last - first).days + 1
    return 30 if days > MONTHLY_AFTER_DAYS else 7 if days > WEEKLY_AFTER_DAYS else 1


def _bin_start(day: date, span: int) -> date:
    return day if span == 1 else day - timedelta(days=day.weekday()) if span == 7 else day.replace(day=1)


def _bins(data, rows: list[dict], key: str) -> tuple[dict, float]:
    """{(bin start date, key value): count} per day, week or month; and the bar width in days."""
    span = bin_days(data)
    out: dict = {}
    for r in rows:  # already grouped by day in SQL: at most a few rows per day of the period
        d = _bin_start(_day(r["day"]), span)
        out[(d, r[key])] = out.get((d, r[key]), 0) + r["n"]
    return out, float(span)


def _shade_episodes(ax, data) -> None:
    for i, ep in enumerate(data.episodes):
        # Plain grey: hatching means "still open" on the episodes chart, and one mark has one meaning.
        ax.axvspan(_local_day(ep.started, data.now, data.zone), _local_day(ep.ended, data.now, data.zone),
                   facecolor=LIGHT, edgecolor="none", linewidth=0, zorder=0,
                   label=_("spasm episode") if i == 0 else None)


def _pain_rows(data) -> list[dict]:
    """Daily pain rows as {day: date, span, low, avg, high}; merged into weeks or months for long periods."""
    span = bin_days(data)
    out: dict = {}
    for r in data.pain_daily:  # one row per day of the period, already aggregated in SQL
        d = _bin_start(_day(r["day"]), span)
        w = out.setdefault(d, {"day": d, "span": span, "low": 10, "high": 0, "sum": 0.0, "n": 0})
        w["low"], w["high"] = min(w["low"], r["low"]), max(w["high"], r["high"])
        w["sum"] += r["avg"] * r["n"]
        w["n"] += r["n"]
    return [dict(w, avg=w["sum"] / w["n"]) for w in out.values()]


def draw_pain(ax, data, look: Look = REPORT) -> None:
    """Pain per day (week, month): lowest-highest as a grey bar, the average as a line; episodes shaded."""
    span = bin_days(data)
    if not look.screen:
        ax.set_title(_(PAIN_TITLE[span]), loc="left", fontsize=look.title)
    _time_axis(ax, data, look)
    if look.screen:  # no legend to hold above the data
        ax.set_ylim(0, 10.5)
    else:
        ax.set_ylim(0, 12)  # the band above 10 holds the legend, clear of the data
        ax.set_ylabel(_("pain score (0–10)"))
    ax.set_yticks(range(0, 11, 2))
    if span < 30:  # over years the shading would cover the whole chart; the timeline below shows them
        _shade_episodes(ax, data)
    rows = _pain_rows(data)
    if not rows:
        empty_note(ax, _("No pain scores in this period"), look)
        return
    few = len(rows) <= 120
    days = [datetime.combine(r["day"], datetime.min.time()) + timedelta(hours=r["span"] * 12) for r in rows]
    ax.vlines(days, [r["low"] for r in rows], [r["high"] for r in rows], colors=MID, linewidth=3 if few else 1.5,
              label=_("lowest to highest"), zorder=2)
    # A day (week, month) without scores breaks the line: nothing is drawn where nothing was scored.
    line_x, line_y = break_gaps(days, [r["avg"] for r in rows], timedelta(days=span))
    ax.plot(line_x, line_y, color=INK, linewidth=1.3, marker="o" if few else None,
            markersize=3, label=_(AVERAGE[span]), zorder=3)
    severe = severe_pain_from()
    ax.axhline(severe, color=INK, linestyle="--", linewidth=0.8, zorder=1,
               label=None if look.screen else _("severe ({severe} or more)").format(severe=severe))
    if look.screen:  # no legend on a screen: the line says what it is
        ax.text(1.0, severe + 0.1, _("severe ({severe}+)").format(severe=severe), transform=ax.get_yaxis_transform(), ha="right",
                va="bottom", fontsize=look.small,
                bbox={"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1})
    if not look.screen:
        ax.legend(loc="upper left", fontsize=look.small, frameon=False, ncol=4)


def draw_episodes(ax, data, look: Look = REPORT) -> None:
    """One bar per episode along the period, labelled with how long it lasted and what set it off."""
    if not look.screen:
        ax.set_title(_("Spasm episodes: when, how long, trigger (hatched = still going on)"), loc="left",
                     fontsize=look.title)
    _time_axis(ax, data, look)
    ax.grid(False)
    import matplotlib.dates as mdates
    eps = data.episodes
    if not eps:
        ax.set_yticks([])
        empty_note(ax, _("No spasm episodes in this period"), look)
        return
    if look.screen:
        _episode_rows(ax, data, eps, look)
        return
    many = len(eps) > look.max_rows  # too many rows to label: draw them on one line
    in_days = any(ep.hours >= 48 for ep in eps)  # one unit on the whole chart: not "32 h" beside "2.0 days"
    for i, ep in enumerate(eps):
        y = 0 if many else len(eps) - 1 - i
        start, end = _local_day(ep.started, data.now, data.zone), _local_day(ep.ended, data.now, data.zone)
        ax.barh(y, end - start, left=start, height=0.6, facecolor="white" if ep.ended is None else DARK,
                hatch="////" if ep.ended is None else None, edgecolor=INK, linewidth=0.8)
        if not many:
            length = (_("{days} days").format(days=format_fixed(ep.hours / 24, 1)) if in_days
                      else f"{format_fixed(ep.hours, 0)} h")
            if ep.ended is None:
                length = _("{length} so far").format(length=length)
            text = f"{length}, {in_sentence(label('triggers', ep.trigger or 'unknown'))}"
            # Beside the bar on the side with room; on a bar that spans most of the chart, on the bar itself.
            lo, hi = ax.get_xlim()
            left_room = (mdates.date2num(start) - lo) / (hi - lo)
            right_room = (hi - mdates.date2num(end)) / (hi - lo)
            if max(left_room, right_room) < 0.3:
                ax.text(start, y, f"  {text}", va="center", ha="left", fontsize=look.small, clip_on=True,
                        bbox={"facecolor": "white", "edgecolor": "none", "pad": 1})
            else:
                left = left_room > right_room
                ax.text(start if left else end, y, f"{text}  " if left else f"  {text}", va="center",
                        ha="right" if left else "left", fontsize=look.small, clip_on=True)
    ax.set_yticks([] if many else range(len(eps)))
    if not many:
        days = [_local_day(ep.started, data.now, data.start.tzinfo) for ep in reversed(eps)]
        ax.set_yticklabels([_short_date(d) for d in days],
                           fontsize=look.small)
    ax.set_ylim(-0.7, (0 if many else len(eps) - 1) + 0.7)


def _episode_rows(ax, data, eps, look: Look) -> None:
    """The screen's episodes, a bar each along the period, oldest at the top, as many as the height holds:
    under a line of words from the left edge (began, how long, what set it off) so none runs off a narrow chart;
    else beside their start date; else, when even that is too many, all on one line.
    """
    import matplotlib.dates as mdates
    n = len(eps)
    words = n <= look.max_rows
    dated = not words and n <= look.max_rows * 2
    slots = n if words or dated else 1
    ax.set_yticks([slots - 1 - i for i in range(n)] if dated else [])
    if dated:
        ax.set_yticklabels([_short_date(_local_day(ep.started, data.now, data.start.tzinfo)) for ep in eps], fontsize=look.small)
    ax.spines["left"].set_visible(dated)
    ax.grid(axis="x", color=LIGHT, linewidth=0.8)
    ax.set_ylim(-0.5, slots - 0.5)
    # Bars a line of type high, whatever the height: the axes' size in pixels is known once the margins are.
    fig = ax.figure
    if fig.get_layout_engine() is not None:
        fig.get_layout_engine().execute(fig)
    box = ax.get_window_extent()
    type_px = look.small * fig.dpi / 72
    row_px = box.height / slots
    bar = min(0.6, 1.1 * type_px / row_px) if words else 0.6
    lift = 0.5 * (1.4 * type_px) / row_px if words else 0  # the bar and its words, centred on the row
    lo, hi = ax.get_xlim()
    shortest = (hi - lo) * 4 / max(box.width, 1)  # four pixels: an episode that has just begun still shows
    renderer = fig.canvas.get_renderer()
    for i, ep in enumerate(eps):
        y = (slots - 1 - i if words or dated else 0) - lift
        start, end = _local_day(ep.started, data.now, data.zone), _local_day(ep.ended, data.now, data.zone)
        still = ep.ended is None
        left = mdates.date2num(start)
        ax.barh(y, max(mdates.date2num(end) - left, shortest), left=left, height=bar,
                facecolor="white" if still else DARK, hatch="////" if still else None, edgecolor=INK, linewidth=0.8)
        if words:
            how_long = _hours(ep.hours) if ep.hours >= 1 else _("under 1 h")
            if still:
                how_long = _("{length} so far").format(length=how_long)
            began = f"{_short_date(start)}: {how_long}"
            why = in_sentence(label("triggers", ep.trigger or "unknown"))
            text = ax.annotate(f"{began}, {why}", (0.0, y + bar / 2), xycoords=ax.get_yaxis_transform(),
                               xytext=(0, 0.25 * look.small), textcoords="offset points", va="bottom", ha="left",
                               fontsize=look.small, annotation_clip=False, clip_on=True)
            if text.get_window_extent(renderer).width > box.width:  # too long for the width: what set it off goes
                text.set_text(began)


def _hours(hours: float) -> str:
    if hours < 48:
        return f"{format_fixed(hours, 0)} h"
    return _("{days} days").format(days=format_fixed(hours / 24, 1))


def _stacked_bars(ax, data, rows, key, styles, what: str, offsets=None) -> None:
    """Bars per day (or week) for each value of `key`: side by side (offsets) or stacked."""
    binned, width = _bins(data, rows, key)
    bottoms: dict = {}
    for value, style in styles.items():
        xs = sorted(d for d, v in binned if v == value)
        if not xs:
            continue
        heights = [binned[(d, value)] for d in xs]
        if offsets:
            left = [datetime.combine(d, datetime.min.time()) + timedelta(days=width * offsets[value]) for d in xs]
            ax.bar(left, heights, width=width * 0.45, align="edge", linewidth=0.6,
                   label=label(*_LABEL_KIND[key], value), **style)
        else:
            left = [datetime.combine(d, datetime.min.time()) + timedelta(days=width * 0.1) for d in xs]
            base = [bottoms.get(d, 0) for d in xs]
            ax.bar(left, heights, bottom=base, width=width * 0.8, align="edge", linewidth=0.6,
                   label=label(*_LABEL_KIND[key], value), **style)
            for d, h in zip(xs, heights):
                bottoms[d] = bottoms.get(d, 0) + h
    ax.yaxis.get_major_locator().set_params(integer=True)
    ax.set_ylabel(_(PER_BIN[(what, int(width))]))
    ax.legend(loc="upper left", fontsize=8, ncol=3, framealpha=0.9)


_LABEL_KIND = {"kind": ("therapy_kinds",), "med_class": ("med_classes",)}


def draw_therapy(ax, data) -> None:
    """Ice and heat sessions per day, side by side; an x above a bar marks sessions that broke a timing rule."""
    ax.set_title(_("Ice and heat sessions (x = outside the timing rules)"), loc="left", fontsize=11)
    _time_axis(ax, data)
    rows = data.therapy_daily
    if not rows:
        empty_note(ax, _("No ice or heat sessions in this period"))
        return
    _stacked_bars(ax, data, rows, "kind", KIND_STYLE, "sessions", offsets={"ice": 0.05, "heat": 0.5})
    broke, width = _bins(data, [dict(r, n=r["broke"]) for r in rows if r["broke"]], "kind")
    totals, _width = _bins(data, rows, "kind")
    if broke:
        xs = [datetime.combine(d, datetime.min.time()) + timedelta(days=width * (0.27 if k == "ice" else 0.72))
              for d, k in broke]
        ax.plot(xs, [totals[key] + 0.3 for key in broke], linestyle="none", marker="x", color=INK,
                markersize=6, label=_("broke a rule"))
        ax.legend(loc="upper left", fontsize=8, ncol=3, framealpha=0.9)
    ax.set_ylim(0, max(totals.values()) * 1.35 + 0.5)


def draw_doses(ax, data) -> None:
    """Medicine doses per day, stacked by class."""
    ax.set_title(_("Medicine doses, by kind of medicine"), loc="left", fontsize=11)
    _time_axis(ax, data)
    rows = data.doses_daily
    if not rows:
        empty_note(ax, _("No medicine doses in this period"))
        return
    _stacked_bars(ax, data, rows, "med_class", CLASS_STYLE, "doses")
    per_bin: dict = {}
    binned, _width = _bins(data, rows, "med_class")
    for (d, _kind), n in binned.items():
        per_bin[d] = per_bin.get(d, 0) + n
    ax.set_ylim(0, max(per_bin.values()) * 1.35 + 0.5)


CHARTS = {
    "pain": draw_pain,
    "episodes": draw_episodes,
    "therapy": draw_therapy,
    "doses": draw_doses,
    "relief": draw_relief,
    "activity": draw_activity,
}



def has_data(name: str, data) -> bool:
    """Whether a chart has anything to draw: the report leaves out a chart that would only say 'none'."""
    return bool({"pain": data.pain_daily, "episodes": data.episodes, "therapy": data.therapy_daily,
                 "doses": data.doses_daily, "relief": [r for r in data.relief_rates if r["measured"]],
                 "activity": data.activity}[name])
