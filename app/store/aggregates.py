"""SQL aggregations for the report and the Trends screen: per local day, read through the time indexes."""
from __future__ import annotations

from datetime import datetime

from ..core.guidance import severe_pain_from
from ..core.therapy import CANCELLED
from ..core.timeutil import from_store, to_local, to_store
from . import schema

# A cancelled start (stopped within its first minute) is kept in the journal but counted nowhere.
COUNTED_SESSION = f"coalesce(end_reason, '') != '{CANCELLED}'"

# Every query reads only [start, end) through the index on its time column, so the cost follows the
# chosen period, not the size of the journal. Days are calendar days in the zone the caller gives (the services'
# clock's), through local_day(), never SQLite's 'localtime' (the process's zone).


def _rows(db, sql: str, params) -> list[dict]:
    return [dict(r) for r in db.query(sql, params)]


def _local_days(db, zone) -> None:
    """Make SQL local_day(at) the calendar day of a stored UTC time in `zone` (the person's, from the clock)."""
    db.conn.create_function("local_day", 1, lambda at: to_local(from_store(at), zone).date().isoformat() if at else None,
                            deterministic=True)


def _span(start: datetime, end: datetime) -> list[str]:
    return [to_store(start), to_store(end)]


def daily_pain(db, start: datetime, end: datetime, zone) -> list[dict]:
    """Per local day: {day, low, avg, high, n}, oldest first."""
    _local_days(db, zone)
    return _rows(db, f"""
        SELECT local_day(at) AS day, min(score) AS low, avg(score) AS avg, max(score) AS high,
               count(*) AS n
        FROM {schema.PAIN} WHERE at >= ? AND at < ? AND deleted_at IS NULL
        GROUP BY day ORDER BY day""", _span(start, end))


def pain_summary(db, start: datetime, end: datetime, zone) -> dict:
    """{n, avg, high, days, severe_days (a score in the severe band that day)} over the period."""
    _local_days(db, zone)
    row = _rows(db, f"""
        SELECT count(*) AS n, avg(score) AS avg, max(score) AS high,
               count(DISTINCT local_day(at)) AS days,
               count(DISTINCT CASE WHEN score >= ? THEN local_day(at) END) AS severe_days
        FROM {schema.PAIN} WHERE at >= ? AND at < ? AND deleted_at IS NULL""",
                [severe_pain_from(), *_span(start, end)])[0]
    return row


def episodes(db, start: datetime, end: datetime, now: datetime) -> list[dict]:
    """Episodes overlapping [start, end): {id, started, ended, regions, trigger, hours}; open ones run to now."""
    # Episodes are few (tens a year); the started index still bounds the scan from above.
    return _rows(db, f"""
        SELECT id, started, ended, regions, trigger,
               (julianday(coalesce(ended, ?)) - julianday(started)) * 24.0 AS hours
        FROM {schema.EPISODES}
        WHERE started < ? AND (ended IS NULL OR ended > ?) AND deleted_at IS NULL
        ORDER BY started""", [to_store(now), to_store(end), to_store(start)])


def triggers(db, start: datetime, end: datetime) -> list[dict]:
    """Episodes started in the period per trigger: {trigger, n}, most frequent first."""
    return _rows(db, f"""
        SELECT coalesce(trigger, 'unknown') AS trigger, count(*) AS n FROM {schema.EPISODES}
        WHERE started >= ? AND started < ? AND deleted_at IS NULL
        GROUP BY 1 ORDER BY n DESC, trigger""", _span(start, end))


def therapy_per_day(db, start: datetime, end: datetime, zone) -> list[dict]:
    """Per local day and kind: {day, kind, n, broke} (broke = sessions that broke a timing rule)."""
    _local_days(db, zone)
    return _rows(db, f"""
        SELECT local_day(started) AS day, kind, count(*) AS n,
               sum(rule_breaks != '') AS broke
        FROM {schema.THERAPY} WHERE started >= ? AND started < ? AND deleted_at IS NULL AND {COUNTED_SESSION}
        GROUP BY day, kind ORDER BY day, kind""", _span(start, end))


def therapy_totals(db, start: datetime, end: datetime) -> list[dict]:
    """Per kind: {kind, n, broke, minutes} over the period (minutes of finished sessions)."""
    return _rows(db, f"""
        SELECT kind, count(*) AS n, sum(rule_breaks != '') AS broke,
               coalesce(sum((julianday(ended) - julianday(started)) * 1440.0), 0) AS minutes
        FROM {schema.THERAPY} WHERE started >= ? AND started < ? AND deleted_at IS NULL AND {COUNTED_SESSION}
        GROUP BY kind ORDER BY kind DESC""", _span(start, end))  # ice first, then heat


def doses_per_day(db, start: datetime, end: datetime, zone) -> list[dict]:
    """Per local day and medication class: {day, med_class, n}."""
    _local_days(db, zone)
    return _rows(db, f"""
        SELECT local_day(at) AS day, med_class, count(*) AS n
        FROM {schema.DOSES} WHERE at >= ? AND at < ? AND deleted_at IS NULL
        GROUP BY day, med_class ORDER BY day, med_class""", _span(start, end))


def dose_totals(db, start: datetime, end: datetime, zone) -> list[dict]:
    """Per medicine: {name, med_class, n, days}, most used first."""
    _local_days(db, zone)
    return _rows(db, f"""
        SELECT name, med_class, count(*) AS n, count(DISTINCT local_day(at)) AS days
        FROM {schema.DOSES} WHERE at >= ? AND at < ? AND deleted_at IS NULL
        GROUP BY name, med_class ORDER BY n DESC, name""", _span(start, end))


def activity_minutes(db, start: datetime, end: datetime) -> list[dict]:
    """Per activity kind: {kind, n, minutes}."""
    return _rows(db, f"""
        SELECT kind, count(*) AS n, coalesce(sum(minutes), 0) AS minutes
        FROM {schema.ACTIVITIES} WHERE at >= ? AND at < ? AND deleted_at IS NULL
        GROUP BY kind ORDER BY minutes DESC, kind""", _span(start, end))


def symptom_reports(db, start: datetime, end: datetime) -> dict:
    """{checks, with_symptoms}: symptom checks in the period and how many reported any symptom."""
    return _rows(db, f"""
        SELECT count(*) AS checks, coalesce(sum(codes != ''), 0) AS with_symptoms
        FROM {schema.SYMPTOMS} WHERE at >= ? AND at < ? AND deleted_at IS NULL""", _span(start, end))[0]


_COUNTED = {"episode": (schema.EPISODES, "started"), "pain": (schema.PAIN, "at"),
            "therapy": (schema.THERAPY, "started"), "dose": (schema.DOSES, "at"),
            "symptoms": (schema.SYMPTOMS, "at"), "activity": (schema.ACTIVITIES, "at")}


def counts(db, start: datetime, end: datetime) -> dict[str, int]:
    """Entries per kind whose time falls in [start, end), in one statement."""
    parts = [f"(SELECT count(*) FROM {table} WHERE {col} >= :s AND {col} < :e AND deleted_at IS NULL"
             f"{' AND ' + COUNTED_SESSION if table == schema.THERAPY else ''}) AS {kind}"
             for kind, (table, col) in _COUNTED.items()]
    row = _rows(db, "SELECT " + ", ".join(parts), {"s": to_store(start), "e": to_store(end)})[0]
    return {k: int(v) for k, v in row.items()}
