"""Page 1 of the doctor report in words: third person, every code in words, in the order a clinician reads; in the
person's language (the language setting), dates and numbers formatted for it."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from ..core.guidance import guidance, label, severe_pain_from
from ..core.i18n import N_, _, format_amount, format_fixed, format_skeleton, in_sentence, listed, ngettext
from ..core.timeutil import human_duration, to_local
from .report import ReportData

MAX_FLAGS = 8       # page 1 lists the most serious ones; flags.csv has them all
MAX_CHECKS = 6      # checks with a "yes" are listed one by one; all-"no" checks are counted
MAX_NOTES = 8
MAX_EPISODES = 8
AGES = {"unknown": N_("not given"), "under_20": N_("under 20"), "20_39": "20–39", "40_59": "40–59", "60_74": "60–74",
        "75_plus": N_("75 or older")}
MISSING = {"before": N_("no pain score in the 2 h before"), "after_session": N_("no score in the hour after it ended"),
           "after_dose": N_("no score 30–90 min after the dose")}


@dataclass(frozen=True)
class Block:
    """One piece of page 1: a heading, a paragraph, a list item, or a table (header + rows)."""
    kind: str  # "h", "p", "li", "table"
    text: str = ""
    header: tuple[str, ...] = ()
    rows: tuple[tuple[str, ...], ...] = ()
    widths: tuple[float, ...] = ()  # table: share of the width per column


def days(n: int) -> str:
    """'1 day', '2 days', '2 Tage': each count's noun comes from ngettext, so it agrees in every language."""
    return ngettext("{n} day", "{n} days", n).format(n=n)


def on_days(n: int) -> str:
    """'on 5 days' / 'an 5 Tagen': a phrase of its own, since German declines the noun after 'an'."""
    return ngettext("on {n} day", "on {n} days", n).format(n=n)


def fmt_day(value: date) -> str:
    """'2 Dec 2026' / '2. Dez. 2026'."""
    return format_skeleton(value, "yMMMd", "%-d %b %Y")


def fmt_time(value: datetime, zone) -> str:
    """'2 Dec 2026 20:00' / '2. Dez. 2026 20:00', on the wall clock of `zone` (the report's)."""
    return format_skeleton(to_local(value, zone), "yMMMd", "%-d %b %Y %H:%M", clock=True)


def fmt_short(value: datetime, zone) -> str:
    """'Mon 30 Nov 07:30' / 'Mo., 30. Nov. 07:30' in `zone`: the weekday makes a short case easy to follow day by day."""
    return format_skeleton(to_local(value, zone), "MMMEd", "%a %-d %b %H:%M", clock=True)


def length(hours: float) -> str:
    return human_duration(timedelta(hours=hours))


def patient_lines(data: ReportData) -> list[tuple[str, str]]:
    """(label, value) for the patient block; blank lines to fill in by hand when the profile has no answer."""
    p = data.profile
    blank = "_" * 28
    born = fmt_day(date.fromisoformat(p.born)) if p.born else blank
    answers = {"yes": _("yes"), "no": _("no"), "unknown": _("not answered")}
    history = _("osteoporosis: {osteoporosis}; long-term steroids: {steroids}; cancer: {cancer}; age: {age}").format(
        osteoporosis=answers[p.osteoporosis], steroids=answers[p.steroids], cancer=answers[p.cancer_history],
        age=_(AGES.get(p.age_band, p.age_band)))
    period = _("{first} to {last} ({days})").format(first=fmt_day(data.start_date), last=fmt_day(data.end_date),
                                                    days=days(data.days))
    return [(_("Patient"), p.name or blank), (_("Date of birth"), born), (_("Period"), period),
            (_("Reported history"), history)]


def summary(data: ReportData) -> list[Block]:
    """Page 1, top to bottom."""
    if data.empty:
        return [Block("h", _("No data")), Block("p", _("Nothing was logged in this period, so there is no data to show."))]
    return [*_episodes(data), *_checks_and_flags(data), *_medicines(data), *_relief(data), *_pain(data),
            *_notes(data)]


def _words(kind: str, codes) -> str:
    return listed(label(kind, c) for c in codes) or _("not given")


def _episodes(data: ReportData) -> list[Block]:
    out = [Block("h", _("Spasm episodes"))]
    eps = data.episodes
    if not eps:
        return out + [Block("p", _("No spasm episodes in this period."))]
    rows = []
    for e in eps[-MAX_EPISODES:]:
        pain = (_("not scored") if e.peak_pain is None else
                _("first {first}, peak {peak}, last {last}").format(first=e.first_pain, peak=e.peak_pain,
                                                                    last=e.last_pain))
        tried = ", ".join(f"{what} ×{n}" for what, n in e.tried) or _("nothing logged")
        lasted = length(e.hours) if e.ended is not None else _("{length} so far").format(length=length(e.hours))
        rows.append((fmt_short(e.started, data.zone), lasted, _words("regions", e.regions),
                     label("triggers", e.trigger or "unknown"), pain, tried))
    out.append(Block("table", header=(_("Began"), _("Lasted"), _("Where"), _("Trigger"), _("Pain (0–10)"), _("Tried")),
                     rows=tuple(rows), widths=(0.15, 0.12, 0.2, 0.13, 0.17, 0.23)))
    limit = guidance()["flags"]["spasm_over_3_days"]["hours"]
    over = sum(e.hours > limit for e in eps)
    text = ngettext("{n} episode", "{n} episodes", len(eps)).format(n=len(eps)) + "; " + (
        ngettext("{n} lasted more than {days} days.", "{n} lasted more than {days} days.", over).format(
            n=over, days=limit // 24) if over else _("none lasted more than {days} days.").format(days=limit // 24))
    if len(eps) > MAX_EPISODES:
        text += " " + _("The latest {n} are listed; all are in episodes.csv and the chart.").format(n=MAX_EPISODES)
    return out + [Block("p", text)]


def _checks_and_flags(data: ReportData) -> list[Block]:
    out = [Block("h", _("Red-flag symptom checks"))]
    if not data.checks:
        out.append(Block("p", _("No symptom check was answered in this period.")))
    asked = "; ".join(in_sentence(label("symptoms", c)) for c in guidance()["codes"]["symptoms"])
    with_yes = [c for c in data.checks if c.yes]
    all_no = [c for c in data.checks if not c.yes]
    for c in with_yes[-MAX_CHECKS:]:
        no = ", ".join(in_sentence(label("symptoms", n)) for n in c.no) or _("none")
        out.append(Block("li", _("{when}: YES: {yes}. No: {no}.").format(when=fmt_short(c.at, data.zone),
                                                                         yes=_words("symptoms", c.yes), no=no)))
    if len(with_yes) > MAX_CHECKS:
        out.append(Block("p", _("{n} earlier checks with a yes are in symptom_checks.csv.").format(
            n=len(with_yes) - MAX_CHECKS)))
    if all_no:
        when = ", ".join(fmt_short(c.at, data.zone) for c in all_no[-4:]) + (" …" if len(all_no) > 4 else "")
        text = ngettext("{n} check with every answer no ({when}).", "{n} checks with every answer no ({when}).",
                        len(all_no)).format(n=len(all_no), when=when)
        # The questions are named once: in a check with a yes (its no answers), else here.
        if not with_yes:
            text += " " + _("Each check asks about: {asked}.").format(asked=asked)
        out.append(Block("li", text))
    out.append(Block("h", _("Flags raised (most serious first)")))
    if not data.flags:
        return out + [Block("p", _("No flags were raised in this period."))]
    tiers = guidance()["tiers"]
    rows = [(fmt_short(f.raised_at, data.zone), tiers[f.tier]["label"], f.text,
             _("seen {when}").format(when=fmt_short(f.seen_at, data.zone)) if f.seen_at else _("not yet"))
            for f in data.flags[:MAX_FLAGS]]
    out.append(Block("table", header=(_("Raised"), _("Tier"), _("What was reported"), _("Seen by patient")),
                     rows=tuple(rows), widths=(0.15, 0.14, 0.53, 0.18)))
    if len(data.flags) > MAX_FLAGS:
        out.append(Block("p", _("{n} more, less serious or later, are in flags.csv.").format(
            n=len(data.flags) - MAX_FLAGS)))
    return out


def _medicines(data: ReportData) -> list[Block]:
    out = [Block("h", _("Medicines (as the patient logged them)"))]
    if not data.medicines:
        return out + [Block("p", _("No medicines logged in this period."))]
    rows = []
    for m in data.medicines:
        doses = ngettext("{n} dose", "{n} doses", m.doses).format(n=m.doses)
        taken = f"{doses} {on_days(m.days)}"
        per_day = _("{average} a day on average, at most {most}").format(
            average=format_fixed(m.doses / m.days, 1), most=m.most_in_a_day)
        total = (f"{format_amount(m.highest_daily_total.amount)} {m.highest_daily_total.unit}"
                 if m.highest_daily_total else _("unknown (no strength)"))
        rows.append((m.name, m.strength or _("not given"), label("med_classes", m.med_class), taken, per_day, total))
    return out + [Block("table", header=(_("Medicine"), _("Strength"), _("Kind"), _("Taken"), _("Doses per day"),
                                         _("Highest daily total")),
                        rows=tuple(rows), widths=(0.16, 0.09, 0.2, 0.17, 0.2, 0.18))]


def _relief(data: ReportData) -> list[Block]:
    cfg = guidance()["relief"]
    method = _("Method: the latest pain score in the {before} h before a treatment against the first score after it "
               "(ice or heat: up to {session} min after it ended; a dose: {dose_min}–{dose_max} min after). "
               "Eased = at least {points} points or {percent} % lower (Farrar 2001).").format(
        before=cfg["before_window_minutes"] // 60, session=cfg["after_session_max_minutes"],
        dose_min=cfg["after_dose_min_minutes"], dose_max=cfg["after_dose_max_minutes"], points=cfg["min_drop_points"],
        percent=cfg["min_drop_percent"])
    out = [Block("h", _("Did it help?")), Block("p", method)]
    if not data.relief:
        return out + [Block("li", _("No ice, heat or medicine logged in this period."))]
    for r in data.relief:
        total = (ngettext("{n} session", "{n} sessions", r.total).format(n=r.total) if r.treatment in ("ice", "heat")
                 else ngettext("{n} dose", "{n} doses", r.total).format(n=r.total))
        judged = (_("judged {judged}, pain eased after {eased} of {judged}.").format(judged=r.judged, eased=r.eased)
                  if r.judged else _("none could be judged."))
        text = f"{_treatment(r.treatment)}: {total}; {judged}"
        if r.missing:
            both = " " + _("and") + " "
            why = "; ".join(f"{n} ({both.join(_(MISSING[m]) for m in code.split('+'))})" for code, n in r.missing)
            text += " " + _("Not judged: {why}.").format(why=why)
        out.append(Block("li", text))
    for t in data.therapy:
        if t["broke"]:
            out.append(Block("li", _("{kind}: {broke} of {sessions} outside the timing rules.").format(
                kind=label("therapy_kinds", t["kind"]), broke=t["broke"],
                sessions=ngettext("{n} session", "{n} sessions", t["n"]).format(n=t["n"]))))
    return out


def _treatment(code: str) -> str:
    words = label("therapy_kinds", code)
    return words if words != code else label("med_classes", code)


def _pain(data: ReportData) -> list[Block]:
    pain = data.pain
    out = [Block("h", _("Pain (0 = none, 10 = worst imaginable)"))]
    if not pain["n"]:
        return out + [Block("p", _("No pain scores in this period."))]
    text = _("{scores} {on_days}; average {average}, highest {highest}; {severe_days} with a score of {severe} or "
             "more. Activity: {activity}.").format(
        scores=ngettext("{n} score", "{n} scores", pain["n"]).format(n=pain["n"]), on_days=on_days(pain["days"]),
        average=format_fixed(pain["avg"], 1), highest=pain["high"], severe_days=days(pain["severe_days"]),
        severe=severe_pain_from(), activity=_activity(data))
    return out + [Block("p", text)]


def _activity(data: ReportData) -> str:
    if not data.activity:
        return _("none logged")
    return "; ".join(_("{activity} {times}, {minutes} min").format(
        activity=in_sentence(label("activities", a["kind"])),
        times=ngettext("{n} time", "{n} times", a["n"]).format(n=a["n"]),
        minutes=format_fixed(a["minutes"], 0)) for a in data.activity)


def _notes(data: ReportData) -> list[Block]:
    if not data.notes:
        return [Block("h", _("The patient's own notes")), Block("p", _("No notes in this period."))]
    out = [Block("h", _("The patient's own notes (their words, latest first)"))]
    for n in data.notes[:MAX_NOTES]:
        out.append(Block("li", _("{when}, {about}: \u201c{text}\u201d").format(when=fmt_short(n.at, data.zone), about=n.about,
                                                                             text=n.text)))
    if len(data.notes) > MAX_NOTES:
        out.append(Block("p", _("{n} older notes are in the CSV files.").format(n=len(data.notes) - MAX_NOTES)))
    return out
