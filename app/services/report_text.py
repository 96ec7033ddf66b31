"""Page 1 of the doctor report in words: third person, every code in words, in the order a clinician reads."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..core.guidance import guidance, label, severe_pain_from
from ..core.timeutil import human_duration, to_local
from .report import ReportData

MAX_FLAGS = 8       # page 1 lists the most serious ones; flags.csv has them all
MAX_CHECKS = 6      # checks with a "yes" are listed one by one; all-"no" checks are counted
MAX_NOTES = 8
MAX_EPISODES = 8
AGES = {"unknown": "not given", "under_20": "under 20", "20_39": "20–39", "40_59": "40–59", "60_74": "60–74",
        "75_plus": "75 or older"}
MISSING = {"before": "no pain score in the 2 h before", "after_session": "no score in the hour after it ended",
           "after_dose": "no score 30–90 min after the dose"}


@dataclass(frozen=True)
class Block:
    """One piece of page 1: a heading, a paragraph, a list item, or a table (header + rows)."""
    kind: str  # "h", "p", "li", "table"
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # table: share of the width per column


def plural(n: int, word: str, many: str | None = None) -> str:
    """'1 day', '2 days', '0 days': the one place the report makes a count and its noun agree."""
    return f"{n} {word if n == 1 else many or word + 's'}"


def fmt_day(value: date | datetime) -> str:
    return (to_local(value) if isinstance(value, datetime) else value).strftime("%-d %b %Y")


def fmt_time(value: datetime) -> str:
    return to_local(value).strftime("%-d %b %Y %H:%M")


def fmt_short(value: datetime) -> str:
    """'Mon 30 Nov 07:30': the weekday makes a short case easy to follow day by day."""
    return to_local(value).strftime("%a %-d %b %H:%M")


def length(hours: float) -> str:
    return human_duration(timedelta(hours=hours))


def patient_lines(data: ReportData) -> list[tuple[str, str]]:
    """(label, value) for the patient block; blank lines to fill in by hand when the profile has no answer."""
    p = data.profile
    blank = "_" * 28
    born = date.fromisoformat(p.born).strftime("%-d %b %Y") if p.born else blank
    answers = {"yes": "yes", "no": "no", "unknown": "not answered"}
    return [("Patient", p.name or blank), ("Date of birth", born),
            ("Period", f"{fmt_day(data.start_date)} to {fmt_day(data.end_date)} ({plural(data.days, 'day')})"),
            ("Reported history", f"osteoporosis: {answers[p.osteoporosis]}; long-term steroids: "
                                 f"{answers[p.steroids]}; cancer: {answers[p.cancer_history]}; "
                                 f"age: {AGES.get(p.age_band, p.age_band)}")]


def summary(data: ReportData) -> list[Block]:
    """Page 1, top to bottom."""
    if data.empty:
        return [Block("h", "No data"), Block("p", "Nothing was logged in this period, so there is no data to show.")]
    return [*_episodes(data), *_checks_and_flags(data), *_medicines(data), *_relief(data), *_pain(data),
            *_notes(data)]


def _words(kind: str, codes) -> str:
    return ", ".join(label(kind, c) for c in codes).capitalize() or "not given"


def _episodes(data: ReportData) -> list[Block]:
    out = [Block("h", "Spasm episodes")]
    eps = data.episodes
    if not eps:
        return out + [Block("p", "No spasm episodes in this period.")]
    rows = []
    for e in eps[-MAX_EPISODES:]:
        pain = ("not scored" if e.peak_pain is None else
                f"first {e.first_pain}, peak {e.peak_pain}, last {e.last_pain}")
        tried = ", ".join(f"{what} ×{n}" for what, n in e.tried) or "nothing logged"
        rows.append((fmt_short(e.started), length(e.hours) + (" so far" if e.ended is None else ""),
                     _words("regions", e.regions), label("triggers", e.trigger or "unknown"), pain, tried))
    out.append(Block("table", header=("Began", "Lasted", "Where", "Trigger", "Pain (0–10)", "Tried"),
                     rows=tuple(rows), widths=(0.15, 0.12, 0.2, 0.13, 0.17, 0.23)))
    limit = guidance()["flags"]["spasm_over_3_days"]["hours"]
    over = sum(e.hours > limit for e in eps)
    text = f"{plural(len(eps), 'episode')}; {over or 'none'} lasted more than {limit // 24} days."
    if len(eps) > MAX_EPISODES:
        text += f" The latest {MAX_EPISODES} are listed; all are in episodes.csv and the chart."
    return out + [Block("p", text)]


def _checks_and_flags(data: ReportData) -> list[Block]:
    out = [Block("h", "Red-flag symptom checks")]
    if not data.checks:
        out.append(Block("p", "No symptom check was answered in this period."))
    asked = "; ".join(label("symptoms", c).lower() for c in guidance()["codes"]["symptoms"])
    with_yes = [c for c in data.checks if c.yes]
    all_no = [c for c in data.checks if not c.yes]
    for c in with_yes[-MAX_CHECKS:]:
        out.append(Block("li", f"{fmt_short(c.at)}: YES: {_words('symptoms', c.yes)}. "
                               f"No: {', '.join(label('symptoms', n).lower() for n in c.no) or 'none'}."))
    if len(with_yes) > MAX_CHECKS:
        out.append(Block("p", f"{len(with_yes) - MAX_CHECKS} earlier checks with a yes are in symptom_checks.csv."))
    if all_no:
        when = ", ".join(fmt_short(c.at) for c in all_no[-4:]) + (" …" if len(all_no) > 4 else "")
        # The questions are named once: in a check with a yes (its no answers), else here.
        asks = "" if with_yes else f" Each check asks about: {asked}."
        out.append(Block("li", f"{plural(len(all_no), 'check')} with every answer no ({when}).{asks}"))
    out.append(Block("h", "Flags raised (most serious first)"))
    if not data.flags:
        return out + [Block("p", "No flags were raised in this period.")]
    tiers = guidance()["tiers"]
    rows = [(fmt_short(f.raised_at), tiers[f.tier]["label"], f.text,
             f"seen {fmt_short(f.seen_at)}" if f.seen_at else "not yet")
            for f in data.flags[:MAX_FLAGS]]
    out.append(Block("table", header=("Raised", "Tier", "What was reported", "Seen by patient"),
                     rows=tuple(rows), widths=(0.15, 0.14, 0.53, 0.18)))
    if len(data.flags) > MAX_FLAGS:
        out.append(Block("p", f"{len(data.flags) - MAX_FLAGS} more, less serious or later, are in flags.csv."))
    return out


def _medicines(data: ReportData) -> list[Block]:
    out = [Block("h", "Medicines (as the patient logged them)")]
    if not data.medicines:
        return out + [Block("p", "No medicines logged in this period.")]
    rows = []
    for m in data.medicines:
        rows.append((m.name, m.strength or "not given", label("med_classes", m.med_class),
                     f"{plural(m.doses, 'dose')} on {plural(m.days, 'day')}",
                     f"{m.doses / m.days:.1f} a day on average, at most {m.most_in_a_day}",
                     str(m.highest_daily_total) if m.highest_daily_total else "unknown (no strength)"))
    return out + [Block("table", header=("Medicine", "Strength", "Kind", "Taken", "Doses per day",
                                         "Highest daily total"),
                        rows=tuple(rows), widths=(0.15, 0.11, 0.17, 0.17, 0.22, 0.18))]


def _relief(data: ReportData) -> list[Block]:
    cfg = guidance()["relief"]
    out = [Block("h", "Did it help?"),
           Block("p", f"Method: the latest pain score in the {cfg['before_window_minutes'] // 60} h before a "
                      f"treatment against the first score after it (ice or heat: up to "
                      f"{cfg['after_session_max_minutes']} min after it ended; a dose: "
                      f"{cfg['after_dose_min_minutes']}–{cfg['after_dose_max_minutes']} min after). Eased = at least "
                      f"{cfg['min_drop_points']} points or {cfg['min_drop_percent']} % lower (Farrar 2001).")]
    if not data.relief:
        return out + [Block("li", "No ice, heat or medicine logged in this period.")]
    for r in data.relief:
        name = _treatment(r.treatment)
        unit = "session" if r.treatment in ("ice", "heat") else "dose"
        text = f"{name}: {plural(r.total, unit)}; " + (
            f"judged {r.judged}, pain eased after {r.eased} of {r.judged}." if r.judged else "none could be judged.")
        if r.missing:
            why = "; ".join(f"{n} ({' and '.join(MISSING[m] for m in code.split('+'))})" for code, n in r.missing)
            text += f" Not judged: {why}."
        out.append(Block("li", text))
    broke = [t for t in data.therapy if t["broke"]]
    for t in broke:
        out.append(Block("li", f"{label('therapy_kinds', t['kind'])}: {t['broke']} of {plural(t['n'], 'session')} "
                               "outside the timing rules."))
    return out


def _treatment(code: str) -> str:
    words = label("therapy_kinds", code)
    return words if words != code else label("med_classes", code)


def _pain(data: ReportData) -> list[Block]:
    pain = data.pain
    out = [Block("h", "Pain (0 = none, 10 = worst imaginable)")]
    if not pain["n"]:
        return out + [Block("p", "No pain scores in this period.")]
    return out + [Block("p", f"{plural(pain['n'], 'score')} on {plural(pain['days'], 'day')}; average "
                             f"{pain['avg']:.1f}, highest {pain['high']}; {plural(pain['severe_days'], 'day')} with "
                             f"a score of {severe_pain_from()} or more. Activity: " + _activity(data) + ".")]


def _activity(data: ReportData) -> str:
    if not data.activity:
        return "none logged"
    return "; ".join(f"{label('activities', a['kind']).lower()} {plural(a['n'], 'time')}, {a['minutes']:.0f} min"
                     for a in data.activity)


def _notes(data: ReportData) -> list[Block]:
    if not data.notes:
        return [Block("h", "The patient's own notes"), Block("p", "No notes in this period.")]
    out = [Block("h", "The patient's own notes (their words, latest first)")]
    for n in data.notes[:MAX_NOTES]:
        out.append(Block("li", f"{fmt_short(n.at)}, with a {n.about}: \u201c{n.text}\u201d"))
    if len(data.notes) > MAX_NOTES:
        out.append(Block("p", f"{len(data.notes) - MAX_NOTES} older notes are in the CSV files."))
    return out
