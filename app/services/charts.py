"""Draws the charts of the report and of the Trends screen onto matplotlib axes; readable in black and white
(hatching, line styles)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..core.guidance import label, severe_pain_from

# Greys and hatches instead of colour alone, so a photocopy or a black-and-white printer keeps them apart.
INK, DARK, MID, LIGHT = "black", "0.35", "0.6", "0.88"
KIND_STYLE = {"ice": {"facecolor": "white", "hatch": "////", "edgecolor": INK},
              "heat": {"facecolor": DARK, "hatch": None, "edgecolor": INK}}
CLASS_STYLE = {"nsaid": {"facecolor": DARK, "hatch": None, "edgecolor": INK},
               "relaxant": {"facecolor": "white", "hatch": "\\\\\\\\", "edgecolor": INK},
               "other": {"facecolor": LIGHT, "hatch": "..", "edgecolor": INK}}
# Longer periods are drawn per week, then per month, so bars and lines stay readable on a page.
WEEKLY_AFTER_DAYS = 180
MONTHLY_AFTER_DAYS = 3 * 366
UNIT = {1: "day", 7: "week", 30: "month"}
EVERY = {1: "daily", 7: "weekly", 30: "monthly"}


@dataclass(frozen=True)
class Look:
    """How a chart is dressed: for the report's pages (the default), or for a phone screen (`screen`).

    On a screen the card around the chart already carries its title and says what the marks mean, so the chart
    has neither title nor legend; its type is large, so it gets fewer dates and fewer labelled rows.
    """
    title: float = 11      # type sizes in points
    small: float = 8       # legends, notes, labels beside bars
    empty: float = 11      # "No … in this period"
    max_rows: int = 25     # most episodes drawn (and labelled) one per row; more share one line
    screen: bool = False
    dates_fit: float = 10  # screen: how many dates fit side by side along the time axis, with room between


REPORT = Look()


def _day(text: str) -> date:
    return date.fromisoformat(text)


def _local_day(when: datetime | None, fallback: datetime) -> datetime:
    """An aware time as a naive local datetime (matplotlib's date axis has no timezone here)."""
    return (when or fallback).astimezone().replace(tzinfo=None)


def _time_axis(ax, data, look: Look = REPORT) -> None:
    """Same x range and date labels on every time chart, so pages line up."""
    import matplotlib.dates as mdates
    ax.set_xlim(datetime.combine(data.start_date, datetime.min.time()),
                datetime.combine(data.end_date + timedelta(days=1), datetime.min.time()))
    if look.screen:  # whole dates ("5 Dec") under their day, counted back from the last: no row for the month
        ticks = [datetime.combine(d, datetime.min.time()) + timedelta(hours=12) for d in _screen_days(data, look)]
        ax.set_xticks(ticks, [_short_date(t) for t in ticks])
    else:
        locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
        ax.xaxis.set_major_locator(locator)
        ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator))
    ax.grid(axis="y", color=LIGHT, linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


def _short_date(when) -> str:
    return f"{when.day} {when:%b}"


def _screen_days(data, look: Look) -> list[date]:
    """The last day, then every 1, 2, 3 days, or 1, 2, 3 … weeks back: as close together as the dates fit."""
    days = (data.end_date - data.start_date).days + 1
    step = next((s for s in (1, 2, 3, 7, 14, 21, 28, 42, 56, 91, 182, 364, 728) if days / s <= look.dates_fit),
                -(-days // max(1, int(look.dates_fit))))
    return [data.end_date - timedelta(days=k * step) for k in reversed(range((days - 1) // step + 1))]


def _empty(ax, text: str, look: Look = REPORT) -> None:
    ax.text(0.5, 0.5, text, transform=ax.transAxes, ha="center", va="center", fontsize=look.empty, color=DARK,
            **({"wrap": True, "bbox": {"facecolor": "white", "edgecolor": "none"}} if look.screen else {}))


def bin_days(data) -> int:
    """How many days one bar or point stands for: 1 (day), 7 (week) or 30 (month), by the period's length."""
    days = (data.end_date - data.start_date).days + 1
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
        ax.axvspan(_local_day(ep.started, data.now), _local_day(ep.ended, data.now),
                   facecolor=LIGHT, edgecolor=MID, hatch="//", linewidth=0, zorder=0,
                   label="spasm episode" if i == 0 else None)


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
    unit, every = UNIT[span], EVERY[span]
    if not look.screen:
        ax.set_title(f"{every.capitalize()} pain (0–10): average, and lowest to highest score that {unit}",
                     loc="left", fontsize=look.title)
    _time_axis(ax, data, look)
    if look.screen:  # no legend to hold above the data
        ax.set_ylim(0, 10.5)
    else:
        ax.set_ylim(0, 12)  # the band above 10 holds the legend, clear of the data
        ax.set_ylabel("pain score")
    ax.set_yticks(range(0, 11, 2))
    if span < 30:  # over years the shading would cover the whole chart; the timeline below shows them
        _shade_episodes(ax, data)
    rows = _pain_rows(data)
    if not rows:
        _empty(ax, "No pain scores in this period", look)
        return
    few = len(rows) <= 120
    days = [datetime.combine(r["day"], datetime.min.time()) + timedelta(hours=r["span"] * 12) for r in rows]
    ax.vlines(days, [r["low"] for r in rows], [r["high"] for r in rows], colors=MID, linewidth=3 if few else 1.5,
              label="lowest to highest", zorder=2)
    ax.plot(days, [r["avg"] for r in rows], color=INK, linewidth=1.3, marker="o" if few else None,
            markersize=3, label=f"{every} average", zorder=3)
    severe = severe_pain_from()
    ax.axhline(severe, color=INK, linestyle="--", linewidth=0.8, zorder=1)
    ax.text(1.0, severe + 0.1, f"severe ({severe}+)", transform=ax.get_yaxis_transform(), ha="right", va="bottom",
            fontsize=look.small, **({"bbox": {"facecolor": "white", "alpha": 0.75, "edgecolor": "none", "pad": 1}}
                                    if look.screen else {}))
    if not look.screen:
        ax.legend(loc="upper left", fontsize=look.small, frameon=False, ncol=3)


def draw_episodes(ax, data, look: Look = REPORT) -> None:
    """One bar per episode along the period, labelled with how long it lasted and what set it off."""
    if not look.screen:
        ax.set_title("Spasm episodes: when, how long, trigger (hatched = still open)", loc="left",
                     fontsize=look.title)
    _time_axis(ax, data, look)
    ax.grid(False)
    import matplotlib.dates as mdates
    eps = data.episodes
    if not eps:
        ax.set_yticks([])
        _empty(ax, "No spasm episodes in this period", look)
        return
    if look.screen:
        _episode_rows(ax, data, eps, look)
        return
    many = len(eps) > look.max_rows  # too many rows to label: draw them on one line
    for i, ep in enumerate(eps):
        y = 0 if many else len(eps) - 1 - i
        start, end = _local_day(ep.started, data.now), _local_day(ep.ended, data.now)
        ax.barh(y, end - start, left=start, height=0.6, facecolor="white" if ep.ended is None else DARK,
                hatch="////" if ep.ended is None else None, edgecolor=INK, linewidth=0.8)
        if not many:
            text = f"{_hours(ep.hours)}, {label('triggers', ep.trigger or 'unknown').lower()}"
            # Labels near the right edge go left of the bar so they are not cut off.
            lo, hi = ax.get_xlim()
            right_half = (mdates.date2num(end) - lo) / (hi - lo) > 0.7
            ax.text(start if right_half else end, y, f"{text}  " if right_half else f"  {text}", va="center",
                    ha="right" if right_half else "left", fontsize=look.small, clip_on=True)
    ax.set_yticks([] if many else range(len(eps)))
    if not many:
        days = [_local_day(ep.started, data.now) for ep in reversed(eps)]
        ax.set_yticklabels([_short_date(d) if look.screen else d.strftime("%d %b") for d in days],
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
        ax.set_yticklabels([_short_date(_local_day(ep.started, data.now)) for ep in eps], fontsize=look.small)
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
        start, end = _local_day(ep.started, data.now), _local_day(ep.ended, data.now)
        still = ep.ended is None
        left = mdates.date2num(start)
        ax.barh(y, max(mdates.date2num(end) - left, shortest), left=left, height=bar,
                facecolor="white" if still else DARK, hatch="////" if still else None, edgecolor=INK, linewidth=0.8)
        if words:
            how_long = _hours(ep.hours) if ep.hours >= 1 else "under 1 h"
            began = f"{_short_date(start)}: {how_long}{' so far' if still else ''}"
            why = label("triggers", ep.trigger or "unknown").lower()
            text = ax.annotate(f"{began}, {why}", (0.0, y + bar / 2), xycoords=ax.get_yaxis_transform(),
                               xytext=(0, 0.25 * look.small), textcoords="offset points", va="bottom", ha="left",
                               fontsize=look.small, annotation_clip=False, clip_on=True)
            if text.get_window_extent(renderer).width > box.width:  # too long for the width: what set it off goes
                text.set_text(began)


def _hours(hours: float) -> str:
    if hours < 48:
        return f"{hours:.0f} h"
    return f"{hours / 24:.1f} days"


def _stacked_bars(ax, data, rows, key, styles, offsets=None) -> None:
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
    ax.set_ylabel(f"per {UNIT[int(width)]}")
    ax.legend(loc="upper left", fontsize=8, ncol=3, framealpha=0.9)


_LABEL_KIND = {"kind": ("therapy_kinds",), "med_class": ("med_classes",)}


def draw_therapy(ax, data) -> None:
    """Ice and heat sessions per day, side by side; an x above a bar marks sessions that broke a timing rule."""
    ax.set_title("Ice and heat sessions (x = outside the timing rules)", loc="left", fontsize=11)
    _time_axis(ax, data)
    rows = data.therapy_daily
    if not rows:
        _empty(ax, "No ice or heat sessions in this period")
        return
    _stacked_bars(ax, data, rows, "kind", KIND_STYLE, offsets={"ice": 0.05, "heat": 0.5})
    broke, width = _bins(data, [dict(r, n=r["broke"]) for r in rows if r["broke"]], "kind")
    totals, _ = _bins(data, rows, "kind")
    if broke:
        xs = [datetime.combine(d, datetime.min.time()) + timedelta(days=width * (0.27 if k == "ice" else 0.72))
              for d, k in broke]
        ax.plot(xs, [totals[key] + 0.3 for key in broke], linestyle="none", marker="x", color=INK,
                markersize=6, label="broke a rule")
        ax.legend(loc="upper left", fontsize=8, ncol=3, framealpha=0.9)
    ax.set_ylim(0, max(totals.values()) * 1.35 + 0.5)


def draw_doses(ax, data) -> None:
    """Medicine doses per day, stacked by class."""
    ax.set_title("Medicine doses, by kind of medicine", loc="left", fontsize=11)
    _time_axis(ax, data)
    rows = data.doses_daily
    if not rows:
        _empty(ax, "No medicine doses in this period")
        return
    _stacked_bars(ax, data, rows, "med_class", CLASS_STYLE)
    per_bin: dict = {}
    binned, _ = _bins(data, rows, "med_class")
    for (d, _), n in binned.items():
        per_bin[d] = per_bin.get(d, 0) + n
    ax.set_ylim(0, max(per_bin.values()) * 1.35 + 0.5)


def draw_relief(ax, data) -> None:
    """For each treatment: how often pain was measured after it, and how often it dropped meaningfully."""
    ax.set_title("Relief after each treatment (pain down 2+ points or 30 %+)", loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    rates = data.relief_rates
    if rates is None:
        ax.set_xticks([]), ax.set_yticks([])
        _empty(ax, "Relief is not measured by this version of SpasmLog")
        return
    rates = [r for r in rates if r["measured"]]
    if not rates:
        ax.set_xticks([]), ax.set_yticks([])
        _empty(ax, "No pain scores after a treatment in this period")
        return
    ys = list(range(len(rates)))[::-1]
    measured = [r["measured"] for r in rates]
    meaningful = [r["meaningful"] for r in rates]
    ax.barh(ys, measured, height=0.6, facecolor="white", edgecolor=INK, hatch="..", label="pain scored afterwards")
    ax.barh(ys, meaningful, height=0.6, facecolor=DARK, edgecolor=INK, label="pain eased meaningfully")
    for y, m, g in zip(ys, measured, meaningful):
        ax.text(m, y, f"  {g} of {m} ({100 * g / m:.0f} %)", va="center", fontsize=9)
    ax.set_yticks(ys)
    ax.set_yticklabels([_wrap(treatment_label(r["treatment"])) for r in rates], fontsize=9)
    ax.set_xlim(0, max(measured) * 1.35)
    ax.set_ylim(-0.8, max(len(rates), 4) - 0.2)  # a few treatments keep slim bars
    ax.xaxis.get_major_locator().set_params(integer=True)
    ax.set_xlabel("times")
    ax.legend(loc="lower right", fontsize=8, framealpha=0.9)


def draw_activity(ax, data) -> None:
    """Minutes of each kind of activity over the period."""
    ax.set_title("Activity over the period (minutes)", loc="left", fontsize=11)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    rows = data.activity
    if not rows:
        ax.set_xticks([]), ax.set_yticks([])
        _empty(ax, "No activity logged in this period")
        return
    ys = list(range(len(rows)))[::-1]
    ax.barh(ys, [r["minutes"] for r in rows], height=0.6, facecolor=LIGHT, edgecolor=INK, hatch="xx")
    for y, r in zip(ys, rows):
        ax.text(r["minutes"], y, f"  {r['minutes']:.0f} min, {r['n']} times", va="center", fontsize=9)
    ax.set_yticks(ys)
    ax.set_yticklabels([_wrap(label("activities", r["kind"])) for r in rows], fontsize=9)
    ax.set_xlim(0, max(r["minutes"] for r in rows) * 1.4 + 1)
    ax.set_ylim(-0.8, max(len(rows), 4) - 0.2)
    ax.set_xlabel("minutes")


def _wrap(text: str) -> str:
    """Axis labels on two lines at most, so long names (Anti-inflammatory (NSAID)) fit the margin."""
    import textwrap
    return "\n".join(textwrap.wrap(text, 18, max_lines=2, placeholder="…", break_on_hyphens=False))


def treatment_label(code: str) -> str:
    """A treatment code from the relief service in words (therapy kinds, medicine classes, else as given)."""
    for kind in ("therapy_kinds", "med_classes"):
        words = label(kind, code)
        if words != code:
            return words
    return code.replace("_", " ").capitalize()


# name -> drawing function, in the order of the report's pages (two charts a page).
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
