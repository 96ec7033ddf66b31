"""The doctor report: gathers a period's figures from SQL and draws the PDF pages and PNG charts."""
from __future__ import annotations

import textwrap
from datetime import date, datetime, time, timedelta
from pathlib import Path

from ..core.errors import JournalError
from ..core.guidance import guidance, label, severe_pain_from
from ..core.timeutil import human_duration, local_datetime, to_local
from ..store import aggregates as agg

DEFAULT_DAYS = 90
A4 = (8.27, 11.69)  # inches, portrait
CHART_PAGES = [("pain", "episodes"), ("therapy", "doses"), ("relief", "activity")]
TIME_CHARTS = {"pain", "episodes", "therapy", "doses"}
PNG_SIZE = (1500, 750)  # pixels; at least 1200x600 for pasting into a message
_MARGIN = 0.6  # inches


def local_midnight(day: date) -> datetime:
    """The start of a local calendar day, aware (DST-correct for that date)."""
    return local_datetime(day)


def period(today: date, start: date | None = None, end: date | None = None,
           days: int = DEFAULT_DAYS) -> tuple[date, date]:
    """The report's days, both included: default the last `days` days up to today."""
    end = end or today
    start = start or end - timedelta(days=days - 1)
    if start > end:
        raise JournalError("from", f"from: {start.isoformat()} is after to ({end.isoformat()}); "
                                   "the start of the period must be on or before its end.")
    return start, end


def collect(svc, start_date: date, end_date: date) -> dict:
    """Everything the report shows for [start_date, end_date], read in a few indexed SQL queries."""
    db, now = svc.db, svc.now()
    start, end = local_midnight(start_date), local_midnight(end_date + timedelta(days=1))
    data = {
        "start_date": start_date, "end_date": end_date, "start": start, "end": end, "now": now,
        # Only the file's name: the folder it sits in is the person's own business, not the doctor's.
        "source": Path(svc.path).name if svc.path else "a journal in memory (not saved)",
        "profile": svc.settings.profile(),
        "counts": agg.counts(db, start, end),
        "pain_daily": agg.daily_pain(db, start, end),
        "pain": agg.pain_summary(db, start, end),
        "episodes": agg.episodes(db, start, end, now),
        "triggers": agg.triggers(db, start, end),
        "therapy_daily": agg.therapy_per_day(db, start, end),
        "therapy": agg.therapy_totals(db, start, end),
        "doses_daily": agg.doses_per_day(db, start, end),
        "doses": agg.dose_totals(db, start, end),
        "activity": agg.activity_minutes(db, start, end),
        "symptoms": agg.symptom_reports(db, start, end),
    }
    # Flag history and relief rates come from their own services; an older build without them still reports.
    history = getattr(svc.flags, "history", None)
    data["flags"] = history(start, end) if history else None
    relief = getattr(svc, "relief", None)
    data["relief"] = relief.rates(start, end) if relief is not None else None
    data["empty"] = not any(data["counts"].values()) and not data["episodes"]
    return data


# -- page 1: the summary ---------------------------------------------------------------

def _fmt_day(value: date | datetime) -> str:
    return value.strftime("%-d %b %Y")


def _fmt_time(stored_or_dt) -> str:
    when = datetime.fromisoformat(stored_or_dt) if isinstance(stored_or_dt, str) else stored_or_dt
    return to_local(when).strftime("%-d %b %Y %H:%M")


def _pain_trend(rows: list[dict]) -> str:
    """Average of the first half of the scored days against the second half, in plain words."""
    if len(rows) < 4:
        return "too few days with scores to see a trend"
    half = len(rows) // 2

    def mean(part):
        return sum(r["avg"] * r["n"] for r in part) / sum(r["n"] for r in part)

    first, second = mean(rows[:half]), mean(rows[half:])
    word = "lower" if second <= first - 1 else "higher" if second >= first + 1 else "about the same"
    return f"first half of the period {first:.1f}, second half {second:.1f} ({word})"


def summary_lines(data: dict) -> list[tuple[str, str]]:
    """Page 1 as (style, text) pairs: style is 'h' (heading), 'p' (text) or 'li' (list item)."""
    out: list[tuple[str, str]] = []
    days = (data["end_date"] - data["start_date"]).days + 1
    p = data["profile"]
    who = ("not answered yet" if not p.answered else
           f"osteoporosis: {p.osteoporosis}; steroid medicines: {p.steroids}; "
           f"history of cancer: {p.cancer_history}; age: {p.age_band.replace('_', '–').replace('–plus', '+')}")
    out.append(("p", f"Period: {_fmt_day(data['start_date'])} to {_fmt_day(data['end_date'])} ({_plural(days, 'day')}). "
                     f"Profile: {who}."))
    if data["empty"]:
        out.append(("h", "No data"))
        out.append(("p", "Nothing was logged in this period, so there is no data to show. "
                         "Choose another period, or keep logging and export again later."))
        return out

    eps = data["episodes"]
    out.append(("h", "Spasm episodes"))
    if eps:
        longest = max(eps, key=lambda e: e["hours"])
        mean_h = sum(e["hours"] for e in eps) / len(eps)
        over = sum(1 for e in eps if e["hours"] > guidance()["flags"]["spasm_over_3_days"]["hours"])
        over_text = "None" if not over else "All" if over == len(eps) else str(over)
        still = sum(1 for e in eps if e["ended"] is None)
        out.append(("p", f"{_plural(len(eps), 'episode')}; average length "
                         f"{human_duration(timedelta(hours=mean_h))}, longest {human_duration(timedelta(hours=longest['hours']))} "
                         f"(from {_fmt_time(longest['started'])}). {over_text} lasted more than 3 days."
                         + (f" {still} still open." if still else "")))
        if data["triggers"]:
            out.append(("p", "Triggers: " + ", ".join(f"{label('triggers', t['trigger']).lower()} ({t['n']})"
                                                       for t in data["triggers"]) + "."))
    else:
        out.append(("p", "No spasm episodes in this period."))

    pain = data["pain"]
    out.append(("h", "Pain (0 = none, 10 = worst imaginable)"))
    if pain["n"]:
        out.append(("p", f"{_plural(pain['n'], 'score')} on {_plural(pain['days'], 'day')}. Average {pain['avg']:.1f}, worst {pain['high']}. "
                         f"Days with a score of {severe_pain_from()} or more: {pain['severe_days']}. "
                         f"Trend: {_pain_trend(data['pain_daily'])}."))
    else:
        out.append(("p", "No pain scores in this period."))

    out.append(("h", "Warning signs (flags), including ones already seen"))
    sym = data["symptoms"]
    out.append(("p", f"{_plural(sym['checks'], 'symptom check')}; {sym['with_symptoms']} reported a warning symptom."))
    flags = data["flags"]
    if flags is None:
        out.append(("p", "Flag history is not available in this version of SpasmLog."))
    elif not flags:
        out.append(("p", "No flags were raised in this period."))
    else:
        out.extend(_flag_lines(flags))

    out.append(("h", "Treatments: how often, and how often pain eased afterwards"))
    out.append(("p", "Eased = the next pain score was at least 2 points or 30 % lower (a meaningful change)."))
    out.extend(("li", line) for line in _treatment_lines(data))
    if not (data["therapy"] or data["doses"]):
        out.append(("li", "No ice, heat or medicines logged."))

    if data["activity"]:
        out.append(("h", "Activity"))
        out.append(("p", "; ".join(f"{label('activities', a['kind']).lower()} {_plural(a['n'], 'time')}, {a['minutes']:.0f} min"
                                   for a in data["activity"]) + "."))
    return out


MAX_FLAGS_LISTED = 6


def _flag_lines(flags: list[dict]) -> list[tuple[str, str]]:
    """A count per flag, then the most serious and most recent ones in full, oldest first."""
    tiers = guidance()["tiers"]
    per_code: dict[tuple, int] = {}
    for f in flags:
        key = (tiers[f["tier"]]["rank"], f["code"], f["tier"])
        per_code[key] = per_code.get(key, 0) + 1
    unseen = sum(1 for f in flags if not f.get("acknowledged_at"))
    out = [("p", f"{_plural(len(flags), 'flag')} raised: "
                 + ", ".join(f"{code} ({tier}) {n}×" for (_, code, tier), n in sorted(per_code.items()))
                 + f"; {unseen} not yet seen by the person.")]
    chosen = sorted(flags, key=lambda f: (tiers[f["tier"]]["rank"], -_stamp(f["raised_at"])))[:MAX_FLAGS_LISTED]
    for f in sorted(chosen, key=lambda f: _stamp(f["raised_at"])):
        seen = f"seen {_fmt_time(f['acknowledged_at'])}" if f.get("acknowledged_at") else "not yet seen"
        out.append(("li", f"{_fmt_time(f['raised_at'])}  {f['tier'].upper()}  {f['code']}: {f['message']} ({seen})"))
    if len(flags) > len(chosen):
        out.append(("p", f"Listed: the {len(chosen)} most serious and recent; {len(flags) - len(chosen)} more are "
                         "in the journal."))
    return out


def _stamp(value) -> float:
    return (datetime.fromisoformat(value) if isinstance(value, str) else value).timestamp()


def _plural(n: int, word: str) -> str:
    """'1 day', '2 days', '0 days': the one place the report makes a count and its noun agree."""
    return f"{n} {word}{'' if n == 1 else 's'}"


def _treatment_lines(data: dict) -> list[str]:
    """One line per treatment (ice, heat, each kind of medicine): use, timing rules, relief."""
    relief = {r["treatment"]: r for r in data["relief"] or () if r["measured"]}

    def eased(code: str) -> str:
        r = relief.get(code)
        if data["relief"] is None:
            return ""
        if r is None:
            return " Pain was not scored afterwards."
        return f" Eased {r['meaningful']} of {_plural(r['measured'], 'time')} scored ({100 * r['meaningful'] / r['measured']:.0f} %)."

    lines = []
    for t in data["therapy"]:
        rule = (f"{t['broke']} outside the timing rules" if t["broke"] else "all within the timing rules")
        lines.append(f"{label('therapy_kinds', t['kind'])}: {_plural(t['n'], 'session')}, {t['minutes']:.0f} min "
                     f"in all, {rule}." + eased(t["kind"]))
    by_class: dict[str, list[dict]] = {}
    for d in data["doses"]:
        by_class.setdefault(d["med_class"], []).append(d)
    for med_class, doses in by_class.items():
        names = "; ".join(f"{d['name']} {_plural(d['n'], 'dose')} on {_plural(d['days'], 'day')}" for d in doses[:4])
        more = f"; {len(doses) - 4} more" if len(doses) > 4 else ""
        lines.append(f"{label('med_classes', med_class)}: {names}{more}." + eased(med_class))
    return lines


# -- drawing ----------------------------------------------------------------------------

_RC = {"font.size": 9, "pdf.fonttype": 42, "hatch.linewidth": 0.6, "axes.titleweight": "bold"}


def _text_pages(data, lines) -> list:
    """Page 1 (and, for very long periods, its continuation): the lines top to bottom, wrapped to the width."""
    from matplotlib.figure import Figure
    width_in, height_in = A4
    x0, top, bottom = _MARGIN / width_in, 1 - _MARGIN / height_in, 1.0 / height_in  # above the footer
    step = 1 / (height_in * 72)  # one point as a fraction of the page height
    pages = [Figure(figsize=A4)]
    fig, y = pages[0], top
    fig.text(x0, y, "Back spasm diary: report for the doctor", fontsize=17, weight="bold", va="top")
    y -= 26 * step
    fig.text(x0, y, f"Made by SpasmLog on {_fmt_time(data['now'])}."
             + ("" if data["empty"] else " Charts on the following pages."), fontsize=9, va="top", color="0.3")
    y -= 20 * step
    for style, text in lines:
        if style == "h":
            wrapped, size, indent, lead = [text], 11.5, 0, 17
        else:
            wrapped = textwrap.wrap(text, 100 if style == "li" else 104)
            size, indent, lead = 9.5, (14 if style == "li" else 0), 13.5
        need = (8 + lead * 2 if style == "h" else lead * len(wrapped)) * step  # a heading keeps its first line
        if y - need < bottom:
            fig = Figure(figsize=A4)
            pages.append(fig)
            y = top
            fig.text(x0, y, "Report for the doctor (continued)", fontsize=11.5, weight="bold", va="top", color="0.3")
            y -= 24 * step
        if style == "h":
            y -= 8 * step
            fig.text(x0, y, text, fontsize=size, weight="bold", va="top")
            y -= lead * step
            continue
        for i, part in enumerate(wrapped):
            # List items hang under their bullet; paragraphs do not.
            prefix = ("•  " if i == 0 else "    ") if style == "li" else ""
            fig.text(x0 + indent / 72 / width_in, y, prefix + part, fontsize=size, va="top")
            y -= lead * step
        y -= 3 * step
    return pages


def _footer(fig, data, page: int, pages: int) -> None:
    """Where the data came from, when it was exported, the page number and the disclaimer."""
    width_in, height_in = fig.get_size_inches()
    x0 = _MARGIN / width_in
    source = data["source"] if len(data["source"]) <= 70 else "…" + data["source"][-69:]
    fig.add_artist(_rule(fig, x0, 1 - x0, 0.72 / height_in))
    fig.text(x0, 0.66 / height_in, f"Data: {source}  ·  exported {_fmt_time(data['now'])}", fontsize=7.5,
             va="top", color="0.25")
    fig.text(1 - x0, 0.66 / height_in, f"page {page} of {pages}", fontsize=7.5, va="top", ha="right", color="0.25")
    disclaimer = "\n".join(textwrap.wrap(guidance()["about"]["disclaimer"], 135))
    fig.text(x0, 0.48 / height_in, disclaimer, fontsize=7.5, va="top", color="0.25")


def _rule(fig, x_from, x_to, y):
    from matplotlib.lines import Line2D
    return Line2D([x_from, x_to], [y, y], transform=fig.transFigure, color="0.5", linewidth=0.6)


def _chart_page(data, names):
    """One A4 page with two charts, each whole on the page."""
    from matplotlib.figure import Figure
    fig = Figure(figsize=A4)
    # Bar charts of named things (relief, activity) need room for their labels on the left.
    left = 0.11 if all(name in TIME_CHARTS for name in names) else 0.17
    fig.subplots_adjust(left=left, right=0.95, top=0.94, bottom=0.12, hspace=0.32)
    from .charts import CHARTS
    for i, name in enumerate(names):
        CHARTS[name](fig.add_subplot(len(names), 1, i + 1), data)
    return fig


def write_pdf(data: dict, fh) -> int:
    """The multi-page report into an open binary file; returns the number of pages."""
    import matplotlib
    from matplotlib.backends.backend_pdf import PdfPages

    with matplotlib.rc_context(_RC):
        figures = _text_pages(data, summary_lines(data))
        if not data["empty"]:
            figures += [_chart_page(data, names) for names in CHART_PAGES]
        meta = {"Title": f"SpasmLog report {data['start_date'].isoformat()} to {data['end_date'].isoformat()}",
                "Author": "SpasmLog", "Subject": "Back spasm diary: summary and charts for the doctor",
                "Creator": "SpasmLog", "CreationDate": data["now"]}
        with PdfPages(fh, metadata=meta) as pdf:
            for page, fig in enumerate(figures, 1):
                _footer(fig, data, page, len(figures))
                pdf.savefig(fig)
    return len(figures)


def write_summary_png(data: dict, fh, width_px: int = 900) -> None:
    """Page 1 (the summary) as a PNG, drawn by the same code as the PDF: the Export screen's preview."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    with matplotlib.rc_context(_RC):
        text_pages = _text_pages(data, summary_lines(data))
        fig = text_pages[0]
        FigureCanvasAgg(fig)
        _footer(fig, data, 1, len(text_pages) + (0 if data["empty"] else len(CHART_PAGES)))
        fig.savefig(fh, format="png", dpi=width_px / A4[0], facecolor="white")


def write_png(data: dict, chart: str, fh, size_px: tuple[int, int] = PNG_SIZE, width_in: float = 10) -> None:
    """One chart alone as a PNG of size_px, drawn by the same code as the report.

    `width_in` is the drawing's width in inches: 10 for a message or a desk screen; about 5 for a phone-width
    screen, where the same pixels then carry twice the type size.
    """
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from .charts import CHARTS
    if chart not in CHARTS:
        raise JournalError("chart", f"chart: unknown '{chart}'; allowed: {', '.join(CHARTS)}.")
    dpi = max(size_px[0] / width_in, 50)  # a fixed width in inches keeps the type size the same at any pixel size
    with matplotlib.rc_context(_RC):
        fig = Figure(figsize=(size_px[0] / dpi, size_px[1] / dpi), dpi=dpi)
        FigureCanvasAgg(fig)
        ax = fig.add_subplot(1, 1, 1)
        CHARTS[chart](ax, data)
        for loc in ("left", "center"):
            if ax.get_title(loc):  # a long title wraps instead of running off a narrow drawing
                ax.set_title(ax.get_title(loc), loc=loc, wrap=True)
        narrow = 10 / width_in  # margins hold the axis labels: wider (as a fraction) on a narrower drawing
        fig.subplots_adjust(left=min(0.3, (0.08 if chart in TIME_CHARTS else 0.14) * narrow), right=0.97,
                            top=1 - min(0.24, 0.1 * narrow ** 1.3), bottom=min(0.3, 0.12 * narrow))
        fig.savefig(fh, format="png", dpi=dpi)


def render_trend_png(svc, days: int, path, size_px: tuple[int, int] = (1200, 600), chart: str = "pain",
                     width_in: float = 10):
    """The Trends screen's chart: the last `days` days of one chart, written as a private PNG at `path`."""
    from ..store.private import private_file
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660 * 3:
        raise JournalError("days", f"days: '{days}' is not allowed; allowed: 1 to {3660 * 3}.")
    today = to_local(svc.now()).date()
    start, end = period(today, days=days)
    data = collect(svc, start, end)
    with private_file(path) as fh:
        write_png(data, chart, fh, size_px, width_in)
    return path
