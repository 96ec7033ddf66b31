"""Generates a realistic, deterministic history (episodes, pain, therapy, doses, activity) for a seed."""
from __future__ import annotations

import random
from datetime import datetime, time, timedelta

from ..core.entities import Activity, Dose, Episode, PainScore, SymptomCheck, TherapySession
from ..core.errors import JournalError
from ..core.i18n import _
from ..core.guidance import guidance
from ..core.timeutil import local_datetime, to_local

MAX_DAYS = 3660 * 3
_TRIGGERS = [("lifting", 30), ("twisting", 15), ("posture", 20), ("repetitive", 8), ("sport", 8),
             ("fall", 3), ("accident", 1), ("other", 5), ("unknown", 10)]
_REGION_SETS = [("lower_back_left",), ("lower_back_right",), ("lower_back_left", "lower_back_right"),
                ("lower_back_right", "buttock_right"), ("mid_back_left",), ("upper_back_right", "neck"),
                ("lower_back_left", "buttock_left", "leg_left")]


class _History:
    """Collects generated entries per kind."""

    def __init__(self, zone=None):
        self.by_kind: dict[type, list] = {}
        self.zone = zone  # the zone whose calendar days and hours the history follows

    def add(self, entry) -> None:
        self.by_kind.setdefault(type(entry), []).append(entry)


def generate(repo, now: datetime, days: int, seed: int = 1, zone=None) -> dict[str, int]:
    """Fill an empty journal with `days` of history ending at `now`, days in `zone`; returns counts per kind."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= MAX_DAYS:
        raise JournalError("days", _("days: '{days}' is not allowed; allowed: 1 to {most}.").format(
                days=days, most=MAX_DAYS))
    if any(repo.count(kind) for kind in ("episode", "pain", "therapy", "dose", "activity")):
        raise JournalError("db", _("db: this journal already has entries; demo data only goes into an empty journal."))
    rng = random.Random(seed)
    history = _History(zone)
    # Days are walked as local calendar dates, so hours of the day stay true across summer/winter time.
    day = to_local(now, history.zone).date() - timedelta(days=days)
    next_episode = local_datetime(day, zone=history.zone) + timedelta(days=rng.uniform(2, 20), hours=rng.uniform(7, 20))
    while local_datetime(day, zone=history.zone) <= now:
        if next_episode < local_datetime(day + timedelta(days=1), zone=history.zone):
            end = _episode(rng, history, next_episode, now)
            resume = end if end else now
            next_episode = resume + timedelta(days=rng.uniform(8, 40), hours=rng.uniform(-6, 6))
            day = max(day, to_local(resume, history.zone).date()) + timedelta(days=1)
            continue
        _quiet_day(rng, history, local_datetime(day, zone=history.zone), now)
        day += timedelta(days=1)
    counts = {}
    with repo.transaction():
        for cls, entries in history.by_kind.items():
            kept = [e for e in entries if _happened_by(e, now)]
            repo.add_many(kept)
            counts[cls.__name__] = len(kept)
        repo.relink_pain()
        _acknowledge_old_flags(repo, now)
        repo.save_setting("welcome_seen", "yes")  # the demo person has used the app all along
    return counts


def _acknowledge_old_flags(repo, now: datetime) -> None:
    """The demo person saw each flag a few hours after it was raised; only the last two days' stay open."""
    from ..core import flags as flag_rules
    from ..core.entities import FlagAck, Profile
    journal = flag_rules.Journal(episodes=repo.between("episode"), checks=repo.between("symptoms"))
    for flag in flag_rules.evaluate(journal, Profile(), now):
        seen = flag.raised_at + timedelta(hours=3)
        if seen < now - timedelta(days=2):
            repo.add_ack(FlagAck(code=flag.code, at=seen, key=flag.key))


def _happened_by(entry, now: datetime) -> bool:
    """True if the entry lies wholly at or before `now`."""
    # A session generated as completed must not end after now (a "completed" session in the future).
    times = (getattr(entry, name, None) for name in ("at", "started", "ended"))
    return all(t <= now for t in times if t is not None)


def _weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _episode(rng, h: _History, start: datetime, now: datetime) -> datetime | None:
    """One episode from `start`; returns its end (None if still open at `now`)."""
    roll = rng.random()
    hours = rng.uniform(5, 22) if roll < 0.35 else rng.uniform(24, 70) if roll < 0.88 else rng.uniform(76, 140)
    end = start + timedelta(hours=hours)
    still_open = end > now
    start = start.replace(microsecond=0, second=0)
    h.add(Episode(started=start, ended=None if still_open else end.replace(microsecond=0, second=0),
                  regions=rng.choice(_REGION_SETS), trigger=_weighted(rng, _TRIGGERS)))
    codes = ()
    if rng.random() < 0.06:
        codes = ("radiating_pain",)
    elif rng.random() < 0.01:
        codes = ("leg_numbness",)
    h.add(SymptomCheck(at=start + timedelta(minutes=3), codes=codes))
    peak = rng.randint(6, 9)
    span = min(end, now) - start
    last_heat_end = last_ice_end = start - timedelta(days=1)
    t = start + timedelta(minutes=5)
    heat_len = rng.choice((15, 20))
    while t < min(end, now):
        frac = (t - start) / (end - start)
        pain = max(1, min(10, round(peak * (1 - 0.8 * frac) + rng.uniform(-1, 1))))
        local_hour = to_local(t, h.zone).hour
        if 7 <= local_hour < 23:
            h.add(PainScore(at=t, score=pain, context="episode_start" if t - start < timedelta(minutes=10) else None))
            early = t - start < timedelta(hours=48)
            if early and t - last_ice_end >= timedelta(minutes=65) and rng.random() < 0.7:
                ice_end = t + timedelta(minutes=10)
                h.add(TherapySession("ice", t + timedelta(minutes=1), ice_end, ended=ice_end, end_reason="completed", barrier=True))
                h.add(PainScore(at=ice_end + timedelta(minutes=1), score=max(0, pain - rng.choice((0, 1, 2, 2, 3))), context="after_ice"))
                last_ice_end = ice_end
            elif not early and t - last_heat_end >= timedelta(minutes=heat_len + 10) and rng.random() < 0.5:
                heat_end = t + timedelta(minutes=1 + heat_len)
                h.add(TherapySession("heat", t + timedelta(minutes=1), heat_end, ended=heat_end, end_reason="completed"))
                h.add(PainScore(at=heat_end + timedelta(minutes=1), score=max(0, pain - rng.choice((0, 1, 1, 2, 3))), context="after_heat"))
                last_heat_end = heat_end
        t += timedelta(hours=rng.uniform(2.2, 3.6))
    _doses(rng, h, start, min(end, now), peak)
    if span > timedelta(hours=72) and rng.random() < 0.5:
        h.add(Activity(at=start + timedelta(days=3, hours=3), kind="physio", minutes=45))
    return None if still_open else end


def _doses(rng, h: _History, start: datetime, end: datetime, peak: int) -> None:
    """An anti-inflammatory up to three times a day through the episode; a relaxant on bad early nights.

    Often a score just before and 35-80 min after, as the app asks, so relief per medicine can be measured.
    """
    def dose(at: datetime, name: str, med_class: str, amount: str) -> None:
        h.add(Dose(at=at, name=name, med_class=med_class, dose=amount))
        if rng.random() < 0.6:
            pain = max(1, round(peak * (1 - 0.8 * ((at - start) / (end - start)))))
            h.add(PainScore(at=at - timedelta(minutes=rng.randint(5, 20)), score=pain))
            h.add(PainScore(at=at + timedelta(minutes=rng.randint(35, 80)),
                            score=max(0, pain - rng.choice((0, 1, 1, 2, 2, 3))), context="after_dose"))

    day = to_local(start, h.zone).date()
    while local_datetime(day, zone=h.zone) < end:
        for hour in (8, 14, 20):
            at = local_datetime(day, time(hour, rng.randint(0, 50)), zone=h.zone)
            if start < at < end and rng.random() < 0.8:
                dose(at, "Ibuprofen", "nsaid", "400 mg")
        night = local_datetime(day, time(21, rng.randint(0, 40)), zone=h.zone)
        if peak >= 7 and start < night < min(end, start + timedelta(hours=48)) and rng.random() < 0.7:
            dose(night, "Cyclobenzaprine", "relaxant", "5 mg")
        day += timedelta(days=1)


def _quiet_day(rng, h: _History, day: datetime, now: datetime) -> None:
    """A day without an episode: a score or two, and some activity."""
    for _ in range(rng.choice((0, 1, 1, 2))):
        h.add(PainScore(at=day + timedelta(hours=rng.uniform(8, 22)), score=rng.choice((0, 0, 1, 1, 2, 2, 3))))
    roll = rng.random()
    if roll < 0.45:
        h.add(Activity(at=day + timedelta(hours=rng.uniform(7, 20)), kind="walk", minutes=rng.choice((20, 30, 45, 60))))
    elif roll < 0.65:
        h.add(Activity(at=day + timedelta(hours=rng.uniform(7, 21)), kind="stretching", minutes=rng.choice((10, 15, 20))))
    elif roll < 0.8:
        h.add(Activity(at=day + timedelta(hours=rng.uniform(7, 20)), kind="exercise", minutes=rng.choice((30, 45, 60))))
