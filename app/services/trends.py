"""The Trends screen's numbers (average pain, days with spasms, sessions this week) and its charts' data, from SQL aggregates."""
from __future__ import annotations

from datetime import date, datetime, timedelta

from ..core.errors import JournalError
from ..core.i18n import _
from ..core.timeutil import to_local
from ..store import aggregates as agg
from .report import collect, local_midnight, period

PERIODS = (7, 30, 90)  # the choices the screen offers, in days


def _spasm_days(episodes: list[dict], first: date, last: date, now: datetime, zone) -> int:
    """Local calendar days in [first, last] on which any episode was going on (open ones run to now)."""
    days: set[date] = set()
    for ep in episodes:  # episodes overlapping the period: a handful, already filtered in SQL
        start = to_local(datetime.fromisoformat(ep["started"]), zone).date()
        end = to_local(datetime.fromisoformat(ep["ended"]) if ep["ended"] else now, zone).date()
        day = max(start, first)
        while day <= min(end, last):
            days.add(day)
            day += timedelta(days=1)
    return len(days)


def trend_numbers(svc, days: int) -> dict:
    """{days, avg_pain (None without scores), scores, high, spasm_days, episodes, sessions, sessions_week}."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660:
        raise JournalError("days", _("days: '{days}' is not allowed; allowed: 1 to 3660.").format(days=days))
    now, zone = svc.now(), svc.zone  # days and "this week" are the person's, from the clock
    today = to_local(now, zone).date()
    first, last = period(today, days=days)
    start, end = local_midnight(first, zone), local_midnight(last + timedelta(days=1), zone)
    pain = agg.pain_summary(svc._db, start, end, zone)
    episodes = agg.episodes(svc._db, start, end, now)
    # sessions: ice and heat in the chosen period (the Trends screen's number); sessions_week: the calendar week
    # so far, Monday to today, whatever period is chosen.
    week = agg.therapy_totals(svc._db, local_midnight(today - timedelta(days=today.weekday()), zone), end)
    return {
        "days": days,
        "avg_pain": pain["avg"] if pain["n"] else None,
        "scores": pain["n"],
        "high": pain["high"],
        "spasm_days": _spasm_days(episodes, first, last, now, zone),
        "episodes": len(episodes),
        "sessions": sum(row["n"] for row in agg.therapy_totals(svc._db, start, end)),
        "sessions_week": sum(row["n"] for row in week),
    }


def journal_version(svc) -> tuple[int, int]:
    """Changes whenever the journal is written, by this connection or another one (a cache key)."""
    return svc._db.version()


def chart_data(svc, days: int):
    """What the charts of the last `days` days show (a few SQL aggregates: quick, so read where the journal is open)."""
    if isinstance(days, bool) or not isinstance(days, int) or not 1 <= days <= 3660 * 3:
        raise JournalError("days", _("days: '{days}' is not allowed; allowed: 1 to {most}.").format(
                days=days, most=3660 * 3))
    return collect(svc, *period(to_local(svc.now(), svc.zone).date(), days=days))
