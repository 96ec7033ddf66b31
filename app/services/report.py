"""The doctor report's data: everything a period of the journal says, gathered into typed values (no drawing)."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from ..core.dose import Strength, parse_strength
from ..core.entities import Profile
from ..core.errors import JournalError
from ..core.guidance import guidance, label
from ..core.i18n import _, in_sentence
from ..core.therapy import counted
from ..core.timeutil import local_datetime, to_local
from ..store import aggregates as agg

DEFAULT_DAYS = 90


def local_midnight(day: date, zone) -> datetime:
    """The start of a calendar day in `zone` (the services' clock's), aware (DST-correct for that date)."""
    return local_datetime(day, zone=zone)


def period(today: date, start: date | None = None, end: date | None = None,
           days: int = DEFAULT_DAYS) -> tuple[date, date]:
    """The report's days, both included: default the last `days` days up to today."""
    end = end or today
    start = start or end - timedelta(days=days - 1)
    if start > end:
        raise JournalError("from", _("from: {start} is after to ({end}); the start of the period must be on or before its end.").format(
            start=start.isoformat(), end=end.isoformat()))
    return start, end


@dataclass(frozen=True)
class EpisodeSummary:
    """One spasm episode: when, how long, where, why, how bad, and what was tried in it."""
    id: int
    started: datetime
    ended: datetime | None  # None: still going on
    hours: float
    regions: tuple[str, ...]
    trigger: str | None
    first_pain: int | None = None
    peak_pain: int | None = None
    last_pain: int | None = None
    tried: tuple[tuple[str, int], ...] = ()  # (words, times), e.g. ("ibuprofen", 9), ("ice", 3)


@dataclass(frozen=True)
class MedicineSummary:
    """One medicine at one strength: how often, and the most taken in a day."""
    name: str
    med_class: str
    strength: str  # as typed; "" when not given
    doses: int
    days: int
    most_in_a_day: int
    highest_daily_total: Strength | None  # None when the strength has no number and unit


@dataclass(frozen=True)
class CheckSummary:
    """One red-flag symptom check: the codes answered yes and no."""
    at: datetime
    yes: tuple[str, ...]
    no: tuple[str, ...]


@dataclass(frozen=True)
class FlagSummary:
    code: str
    tier: str
    raised_at: datetime
    text: str  # third person, as it stood when raised
    seen_at: datetime | None


@dataclass(frozen=True)
class ReliefSummary:
    """Per treatment: how many there were, how many could be judged, how many eased pain, and why the rest not."""
    treatment: str
    total: int
    judged: int
    eased: int
    missing: tuple[tuple[str, int], ...] = ()  # (reason code, how many), most frequent first


@dataclass(frozen=True)
class Note:
    at: datetime
    about: str  # in words: "with a spasm episode", "with a pain score 6", "with a walk"
    text: str


@dataclass
class ReportData:
    """The report of one period: page 1's facts and the charts' series (per-day rows from SQL)."""
    start_date: date
    end_date: date
    start: datetime
    end: datetime
    now: datetime
    source: str
    profile: Profile
    counts: dict
    pain: dict
    pain_daily: list[dict] = field(default_factory=list)
    episodes: list[EpisodeSummary] = field(default_factory=list)
    triggers: list[dict] = field(default_factory=list)
    therapy_daily: list[dict] = field(default_factory=list)
    therapy: list[dict] = field(default_factory=list)
    doses_daily: list[dict] = field(default_factory=list)
    medicines: list[MedicineSummary] = field(default_factory=list)
    activity: list[dict] = field(default_factory=list)
    checks: list[CheckSummary] = field(default_factory=list)
    flags: list[FlagSummary] = field(default_factory=list)
    relief: list[ReliefSummary] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not any(self.counts.values()) and not self.episodes

    @property
    def zone(self):
        """The person's zone, from the clock: the period's days were cut in it, and every time is shown in it."""
        return self.start.tzinfo

    @property
    def days(self) -> int:
        return (self.end_date - self.start_date).days + 1

    @property
    def relief_rates(self) -> list[dict]:
        """For the relief chart: {treatment, measured, meaningful} of each treatment that could be judged."""
        return [{"treatment": r.treatment, "measured": r.judged, "meaningful": r.eased} for r in self.relief]


def collect(svc, start_date: date, end_date: date) -> ReportData:
    """Everything the report shows for [start_date, end_date]: SQL aggregates for the charts, entries for page 1."""
    db, now, zone = svc._db, svc.now(), svc.zone
    start, end = local_midnight(start_date, zone), local_midnight(end_date + timedelta(days=1), zone)
    repo = svc._repo
    pains = repo.between("pain", start, end)
    doses = repo.between("dose", start, end)
    sessions = counted(repo.between("therapy", start, end))  # a cancelled start was not a treatment
    data = ReportData(
        start_date=start_date, end_date=end_date, start=start, end=end, now=now,
        # Only the file's name: the folder it sits in is the person's own business, not the doctor's.
        source=Path(svc.path).name if svc.path else _("a journal in memory (not saved)"),
        profile=svc.settings.profile(), counts=agg.counts(db, start, end), pain=agg.pain_summary(db, start, end, zone),
        pain_daily=agg.daily_pain(db, start, end, zone), triggers=agg.triggers(db, start, end),
        therapy_daily=agg.therapy_per_day(db, start, end, zone), therapy=agg.therapy_totals(db, start, end),
        doses_daily=agg.doses_per_day(db, start, end, zone), activity=agg.activity_minutes(db, start, end))
    episodes = repo.overlapping_episodes(start, end)
    data.episodes = [_episode(e, now, pains, doses, sessions) for e in episodes]
    data.medicines = medicines(doses, zone)
    data.checks = [_check(c) for c in repo.between("symptoms", start, end)]
    data.flags = flag_summaries(svc.flags.history(start, end))
    data.relief = relief_summaries(svc.relief.judgements(start, end))
    activities = repo.between("activity", start, end)
    data.notes = notes(episodes, pains, activities, start, end)
    return data


def _episode(e, now: datetime, pains, doses, sessions) -> EpisodeSummary:
    until = e.ended if e.ended is not None and e.ended <= now else now
    mine = [p for p in pains if e.started <= p.at <= until]
    tried: dict[str, int] = defaultdict(int)
    spelt: dict[str, str] = {}  # one medicine whatever its case; shown as first typed (German keeps its capital)
    for d in doses:
        if e.started <= d.at <= until:
            tried[spelt.setdefault(d.name.lower(), in_sentence(d.name))] += 1
    for s in sessions:
        if e.started <= s.started <= until:
            tried[in_sentence(label("therapy_kinds", s.kind))] += 1
    return EpisodeSummary(
        id=e.id, started=e.started, ended=e.ended if until is e.ended else None,
        hours=(until - e.started).total_seconds() / 3600, regions=tuple(e.regions), trigger=e.trigger,
        first_pain=mine[0].score if mine else None, peak_pain=max(p.score for p in mine) if mine else None,
        last_pain=mine[-1].score if mine else None, tried=tuple(tried.items()))


def medicines(doses, zone) -> list[MedicineSummary]:
    """Per medicine and strength (names compared without case): doses, days, most in a day, highest daily total."""
    groups: dict[tuple, list] = defaultdict(list)
    for d in doses:
        groups[(d.name.strip().lower(), d.dose.strip().lower())].append(d)
    out = []
    for group in groups.values():
        per_day: dict[date, int] = defaultdict(int)
        for d in group:
            per_day[to_local(d.at, zone).date()] += 1
        strength = parse_strength(group[0].dose)
        total = Strength(strength.amount * max(per_day.values()), strength.unit) if strength else None
        out.append(MedicineSummary(name=group[0].name, med_class=group[0].med_class, strength=group[0].dose.strip(),
                                   doses=len(group), days=len(per_day), most_in_a_day=max(per_day.values()),
                                   highest_daily_total=total))
    return sorted(out, key=lambda m: (-m.doses, m.name.lower()))


def _check(check) -> CheckSummary:
    asked = list(guidance()["codes"]["symptoms"])
    return CheckSummary(at=check.at, yes=tuple(c for c in asked if c in check.codes),
                        no=tuple(c for c in asked if c not in check.codes))


def flag_summaries(history: list[dict]) -> list[FlagSummary]:
    """Most serious tier first, then by the time raised."""
    rank = {tier: v["rank"] for tier, v in guidance()["tiers"].items()}
    flags = [FlagSummary(f["code"], f["tier"], f["raised_at"], f.get("report") or f["message"],
                         f.get("acknowledged_at")) for f in history]
    return sorted(flags, key=lambda f: (rank[f.tier], f.raised_at, f.code))


def relief_summaries(judgements) -> list[ReliefSummary]:
    """One line per treatment that was used, in the relief rules' order."""
    from ..core.relief import TREATMENTS
    out = []
    for treatment in TREATMENTS:
        mine = [j for j in judgements if j.treatment == treatment]
        if not mine:
            continue
        judged = [j for j in mine if j.pair is not None]
        missing: dict[str, int] = defaultdict(int)
        for j in mine:
            if j.pair is None:
                missing["+".join(j.missing)] += 1
        out.append(ReliefSummary(treatment, len(mine), len(judged), sum(j.pair.meaningful for j in judged),
                                 tuple(sorted(missing.items(), key=lambda kv: -kv[1]))))
    return out


def notes(episodes, pains, activities, start: datetime, end: datetime) -> list[Note]:
    """The patient's own words in the period, latest first."""
    found = [Note(e.started, _("with a spasm episode"), e.note) for e in episodes if e.note and start <= e.started < end]
    found += [Note(p.at, _("with a pain score {score}").format(score=p.score), p.note) for p in pains if p.note]
    found += [Note(a.at, _("with a {activity}").format(activity=in_sentence(label("activities", a.kind))), a.note)
              for a in activities if a.note]
    return sorted(found, key=lambda n: n.at, reverse=True)
