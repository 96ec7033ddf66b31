"""Time handling: parse what people type, store UTC ISO-8601 text, show local time."""
from __future__ import annotations

import os
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from typing import Callable, Protocol
from zoneinfo import ZoneInfo

from .errors import JournalError
from .i18n import _, format_datetime_pattern

STORE_FORMAT = "%Y-%m-%dT%H:%M:%S+00:00"


class Clock(Protocol):
    """What services are given: now (aware), and the person's time zone, which decides days and wall-clock times."""
    zone: tzinfo

    def __call__(self) -> datetime: ...


def machine_zone() -> tzinfo:
    """The machine's time zone: TZ, else /etc/localtime's zone, else today's fixed offset (no tz database)."""
    for key in (os.environ.get("TZ", "").lstrip(":"), _localtime_key()):
        if key:
            try:
                return ZoneInfo(key)
            except (ValueError, OSError):
                continue
    return datetime.now(timezone.utc).astimezone().tzinfo


def _localtime_key() -> str:
    target = os.path.realpath("/etc/localtime")
    return target.split("zoneinfo/", 1)[1] if "zoneinfo/" in target else ""


class SystemClock:
    """The real clock: now, timezone-aware, in UTC, to the second; its zone is the machine's unless one is given."""

    def __init__(self, zone: tzinfo | None = None):
        self._zone = zone

    @property
    def zone(self) -> tzinfo:
        return self._zone if self._zone is not None else machine_zone()

    def __call__(self) -> datetime:
        return datetime.now(timezone.utc).replace(microsecond=0)


system_clock = SystemClock()


class FixedClock:
    """A clock that always says `at` (for tests and the CLI's --at), in `zone` (default: the machine's)."""

    def __init__(self, at: datetime, zone: tzinfo | None = None):
        self.at = ensure_aware(at, "at")
        self.zone = zone if zone is not None else machine_zone()

    def __call__(self) -> datetime:
        return self.at


def fixed_clock(at: datetime, zone: tzinfo | None = None) -> FixedClock:
    return FixedClock(at, zone)


def zone_of(clock: Callable[[], datetime]) -> tzinfo:
    """The zone a clock carries; a bare function (no zone) stands for the machine's."""
    zone = getattr(clock, "zone", None)
    return zone if zone is not None else machine_zone()


def _in(zone: tzinfo | None) -> tzinfo:
    return zone if zone is not None else machine_zone()


def local_datetime(day: date, at: time = time(), zone: tzinfo | None = None) -> datetime:
    """A wall-clock time on a given day in `zone` (default the machine's), aware, with that day's UTC offset."""
    return datetime.combine(day, at, tzinfo=_in(zone))


def local_midnight_of(value: datetime, zone: tzinfo | None = None) -> datetime:
    """The start of the calendar day in `zone` that `value` falls in."""
    return local_datetime(to_local(value, zone).date(), zone=zone)


def ensure_aware(value: datetime, field: str) -> datetime:
    """Refuse naive datetimes: every time in SpasmLog knows its timezone."""
    if not isinstance(value, datetime):
        raise JournalError(field, _("{field}: expected a date and time, got {got}.").format(
                field=field, got=type(value).__name__))
    if value.tzinfo is None or value.utcoffset() is None:
        raise JournalError(field, _("{field}: the time must include its timezone.").format(field=field))
    return value


def parse_time(text: str, field: str = "time", zone: tzinfo | None = None) -> datetime:
    """Parse ISO-8601 text; without an offset it is a wall-clock time in `zone` (default the machine's). Aware."""
    if not isinstance(text, str) or not text.strip():
        raise JournalError(field, _("{field}: give a date and time like 2026-03-01T14:30 (ISO-8601).").format(
                field=field))
    raw = text.strip()
    if raw.endswith(("Z", "z")):
        raw = raw[:-1] + "+00:00"
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise JournalError(
            field, _("{field}: '{text}' is not a date and time; use ISO-8601 like 2026-03-01T14:30 or "
                     "2026-03-01T14:30+01:00.").format(field=field, text=_clip(text))
        ) from None
    if value.tzinfo is None:
        # Local wall time, with the UTC offset in force on that date (not today's).
        local = value.replace(tzinfo=_in(zone)).astimezone(timezone.utc).astimezone(_in(zone))
        if local.replace(tzinfo=None) != value:  # skipped when the clocks went forward: it never happened
            raise JournalError(field, _("{field}: {time} did not happen on {day} here (the clocks went forward); allowed: a time that "
                                        "exists, or one with its UTC offset.").format(
                field=field, time=f"{value:%H:%M}", day=format_datetime_pattern(value, "d MMM y", english="%-d %b %Y")))
        value = local
    return value


def parse_date(text: str, field: str = "date") -> date:
    """Parse an ISO date (YYYY-MM-DD)."""
    try:
        return date.fromisoformat(str(text).strip())
    except ValueError:
        raise JournalError(field, _("{field}: '{text}' is not a date; use YYYY-MM-DD.").format(
                field=field, text=_clip(str(text)))) from None


def to_store(value: datetime) -> str:
    """UTC text as stored in the journal (sorts correctly as text)."""
    return value.astimezone(timezone.utc).strftime(STORE_FORMAT)


def from_store(text: str | None) -> datetime | None:
    """A stored UTC text back to an aware datetime."""
    if text is None:
        return None
    return datetime.fromisoformat(text)


def to_local(value: datetime, zone: tzinfo | None = None) -> datetime:
    """The same instant in `zone` (default the machine's), with the offset in force at that instant."""
    return value.astimezone(_in(zone))


def iso_local(value: datetime | None, zone: tzinfo | None = None) -> str | None:
    """ISO-8601 with the local UTC offset, to the second (the CLI's JSON format)."""
    if value is None:
        return None
    return to_local(value, zone).replace(microsecond=0).isoformat()


def hhmm(value: datetime, zone: tzinfo | None = None) -> str:
    """Local clock time for people, e.g. 14:05."""
    return to_local(value, zone).strftime("%H:%M")


def hhmm_from(value: datetime, now: datetime, zone: tzinfo | None = None) -> str:
    """A local clock time said relative to `now`'s day: '20:00' today, 'tomorrow 20:00', else 'Sun 29 Nov 20:00'."""
    days = (to_local(value, zone).date() - to_local(now, zone).date()).days
    if days == 0:
        return hhmm(value, zone)
    if days == 1:
        return _("tomorrow {time}").format(time=hhmm(value, zone))
    return day_hhmm(value, zone)


def day_hhmm(value: datetime, zone: tzinfo | None = None) -> str:
    """Local day and clock time for people, e.g. Sun 29 Nov 15:53."""
    return format_datetime_pattern(to_local(value, zone), "EEE d MMM HH:mm", english="%a %-d %b %H:%M")


def minutes_until(later: datetime, now: datetime) -> int:
    """Whole minutes from now until later, rounded up, never negative."""
    seconds = (later - now).total_seconds()
    if seconds <= 0:
        return 0
    return int(-(-seconds // 60))


def human_duration(delta: timedelta) -> str:
    """A short duration for people: '42 min', '3 h 5 min', '2 days 4 h'."""
    total_min = int(delta.total_seconds() // 60)
    if total_min < 60:
        return f"{total_min} min"
    hours, minutes = divmod(total_min, 60)
    if hours < 48:
        return f"{hours} h {minutes} min" if minutes else f"{hours} h"
    days, hours = divmod(hours, 24)
    return (_("{days} days {hours} h").format(days=days, hours=hours) if hours else
            _("{days} days").format(days=days))


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"
