"""The reminder schedule, pure: which reminders fall in a time window, given sessions and settings."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta, tzinfo

from . import therapy
from .entities import TherapySession
from .i18n import in_sentence
from .guidance import guidance, label
from .timeutil import hhmm, local_datetime, to_local

# Order of reminders that fall at the same moment: the session's own news first.
KINDS = ("session_end", "heat_may_stop", "pain_checkin", "ice_allowed", "heat_allowed", "daily_checkin", "move")


@dataclass(frozen=True)
class Reminder:
    at: datetime
    kind: str
    message: str

    def as_dict(self) -> dict:
        return {"at": self.at, "kind": self.kind, "message": self.message}


def _text(key: str, **values) -> str:
    return guidance()["reminders"]["messages"][key].format(**values)


def _clock_time(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def session_reminders(s: TherapySession, tz: tzinfo) -> list[Reminder]:
    """A live session's own reminders: its end (unless stopped early), heat's 15:00, a pain check-in at the end."""
    if s.retroactive:
        return []  # entered afterwards: nothing to remind about
    end = therapy.effective_end(s)
    out = []
    if s.kind == "heat":
        may_stop = s.started + timedelta(minutes=therapy.rules("heat")["min_minutes"])
        if may_stop < end:
            out.append(Reminder(may_stop, "heat_may_stop", _text("heat_may_stop", end=hhmm(s.planned_end, tz))))
    if s.end_reason != "stopped":
        out.append(Reminder(s.planned_end, "session_end", _text(f"{s.kind}_end")))
    out.append(Reminder(end, "pain_checkin", _text("pain_checkin", kind=in_sentence(label("therapy_kinds", s.kind)))))
    return out


def allowed_again_reminders(sessions) -> list[Reminder]:
    """'Ice/heat allowed again' at the moment the binding rest ends, unless another session runs then."""
    out = []
    for kind in therapy.KINDS:
        same = [s for s in sessions if s.kind == kind]
        # Whole minutes, the same that availability() shows.
        for at in sorted({therapy.ceil_minute(therapy.allowed_again(s)) for s in same}):
            superseded = any(s.started < at < therapy.allowed_again(s) for s in same)
            busy = any(s.started <= at < therapy.effective_end(s) for s in sessions)
            if not superseded and not busy:
                out.append(Reminder(at, f"{kind}_allowed", _text(f"{kind}_allowed")))
    return out


def _at(day, clock: time, tz: tzinfo | None) -> datetime:
    """A wall-clock time on a day in `tz` (None: the machine's zone), with that day's offset."""
    return local_datetime(day, clock, tz)


def _days(start: datetime, end: datetime, tz: tzinfo | None):
    day = to_local(start, tz).date() - timedelta(days=1)
    last = to_local(end, tz).date()
    while day <= last:
        yield day
        day += timedelta(days=1)


def daily_reminders(start: datetime, end: datetime, checkin: str, tz: tzinfo | None) -> list[Reminder]:
    """The daily check-in at its local time of day, every day of the window."""
    at = _clock_time(checkin)
    return [Reminder(_at(d, at, tz), "daily_checkin", _text("daily_checkin"))
            for d in _days(start, end, tz)]


def move_reminders(start: datetime, end: datetime, waking_start: str, waking_end: str,
                   tz: tzinfo | None) -> list[Reminder]:
    """'Time to move' every 30 min of waking hours: the first 30 min after waking, the last before sleep."""
    step = timedelta(minutes=guidance()["reminders"]["move_every_minutes"])
    out = []
    for d in _days(start, end, tz):
        t = _at(d, _clock_time(waking_start), tz) + step
        stop = _at(d, _clock_time(waking_end), tz)
        while t < stop:
            if start < t <= end:
                out.append(Reminder(t, "move", _text("move")))
            t += step
    return out


def schedule(sessions, start: datetime, end: datetime, settings: dict, tz: tzinfo) -> list[Reminder]:
    """Every reminder whose time is in (start, end], in time order.

    `sessions` must include every session that ends or runs after `start` minus therapy.lookback();
    `settings` needs daily_checkin, move_reminder, waking_start and waking_end.
    """
    sessions = therapy.counted(sessions)  # a cancelled start reminds of nothing
    found: list[Reminder] = []
    for s in sessions:
        found += session_reminders(s, tz)
    found += allowed_again_reminders(sessions)
    found += daily_reminders(start, end, settings["daily_checkin"], tz)
    if settings.get("move_reminder") == "on":
        found += move_reminders(start, end, settings["waking_start"], settings["waking_end"], tz)
    inside = [r for r in found if start < r.at <= end]
    return sorted(inside, key=lambda r: (r.at, KINDS.index(r.kind)))


def next_due(sessions, after: datetime, settings: dict, tz: tzinfo,
             horizon: timedelta = timedelta(hours=24)) -> datetime | None:
    """When the next reminder after `after` falls due (within `horizon`), or None: what a scheduler waits for.

    The in-app scheduler and the login agent both call this, so they agree on the moment.
    """
    found = schedule(sessions, after, after + horizon, settings, tz)
    return found[0].at if found else None
