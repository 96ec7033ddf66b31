"""The ice and heat timing rules of CLINICAL.md section 1, as pure functions of sessions and a time."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from .entities import TherapySession
from .errors import JournalError, RuleRefusal
from .i18n import in_sentence
from .guidance import guidance, label
from .timeutil import hhmm, human_duration, minutes_until
from .validation import check_code, check_int

KINDS = ("ice", "heat")


def rules(kind: str) -> dict:
    """The numbers of one kind (guidance.toml [therapy.ice] / [therapy.heat])."""
    return guidance()["therapy"][kind]


def message(key: str, **values) -> str:
    """A timer message from guidance.toml [therapy.messages], filled in."""
    return guidance()["therapy"]["messages"][key].format(**values)


def rule_text(code: str) -> str:
    """The plain words of a rule code (for history, the report and rule_breaks)."""
    return guidance()["therapy"]["rules"].get(code, code)


def lookback() -> timedelta:
    """How far back a session can still affect a start now (the longest possible time off)."""
    longest = max(guidance()["therapy"]["past"]["max_minutes"], rules("ice")["min_off_minutes"])
    return timedelta(minutes=longest + 60)


# -- cancelled starts ------------------------------------------------------------------
CANCELLED = "cancelled"


def is_cancelled(s: TherapySession) -> bool:
    """A mistaken start (stopped within its first minute): kept in the journal, counted nowhere."""
    return s.end_reason == CANCELLED


def counted(sessions) -> list[TherapySession]:
    """The sessions that count for time off, reminders, Trends and the report (cancelled starts left out)."""
    return [s for s in sessions if not is_cancelled(s)]


def stop_reason(s: TherapySession, now: datetime) -> str:
    """'cancelled' for a live session stopped within its first minute (CLINICAL.md section 1), else 'stopped'."""
    within = timedelta(seconds=guidance()["therapy"]["cancel"]["within_seconds"])
    return CANCELLED if now - s.started < within else "stopped"


def heat_best() -> str:
    """What the running heat timer says before 15 min: the best length, and that stopping earlier is fine."""
    r = rules("heat")
    return message("heat_best", min=r["min_minutes"], max=r["max_minutes"])


def heat_stop_question() -> str:
    """The plain question asked when heat is stopped before 15 min."""
    r = rules("heat")
    return message("heat_stop_early", min=r["min_minutes"], max=r["max_minutes"])


# -- a session's times ---------------------------------------------------------------
def effective_end(s: TherapySession) -> datetime:
    """When a session ends: its actual end, or (still running) its planned end."""
    return s.ended if s.ended is not None else s.planned_end


def time_off(s: TherapySession) -> timedelta:
    """The rest a session needs before the next one of its kind."""
    r = rules(s.kind)
    floor = timedelta(minutes=r["min_off_minutes"])
    if s.kind == "heat" and r.get("off_at_least_session_length", False):
        return max(effective_end(s) - s.started, floor)
    return floor


def ended_by(s: TherapySession, now: datetime) -> datetime | None:
    """When a session ended, as seen at `now`: its recorded end, or its planned end once that has passed (a session
    nobody has closed yet is over all the same: reads never need the write that closes it)."""
    end = effective_end(s)
    return end if end <= now else None


def allowed_again(s: TherapySession) -> datetime:
    """The earliest start of the next session of the same kind after this one (exact)."""
    return effective_end(s) + time_off(s)


def ceil_minute(t: datetime) -> datetime:
    """Round up to the whole minute."""
    # Shown times are whole minutes; rounding up keeps "from 11:10" true at 11:10:00.
    if t.second or t.microsecond:
        return t.replace(second=0, microsecond=0) + timedelta(minutes=1)
    return t


def overlaps(start: datetime, end: datetime, sessions) -> list[TherapySession]:
    """Sessions whose span [start, end) shares time with [start, end); touching ends do not count."""
    return [s for s in sessions if s.started < end and start < effective_end(s)]


# -- bounds of a new live session -------------------------------------------------------
def check_kind(kind) -> str:
    return check_code("therapy_kinds", kind, "kind")


def session_minutes(kind: str, minutes=None, heat_default: int | None = None) -> int:
    """The length of a new live session: ice 1-10 (default 10), heat 15-20 (default from settings)."""
    kind = check_kind(kind)
    r = rules(kind)
    low = r["min_minutes"]
    high = r["max_minutes"]
    if minutes is None:
        return int(heat_default or r["default_minutes"]) if kind == "heat" else high
    try:
        return check_int(minutes, "minutes", low, high)
    except JournalError:
        raise JournalError("minutes", message(f"{kind}_minutes", min=low, max=high)) from None


# -- may a session start now? ----------------------------------------------------------
@dataclass(frozen=True)
class Availability:
    """Whether a kind may start at `at`; if not, the rule and the earliest time it may."""
    kind: str
    allowed: bool
    next_allowed: datetime | None = None
    rule: str | None = None
    reason: str | None = None
    hint: str | None = None

    def refusal(self) -> RuleRefusal:
        return RuleRefusal(self.rule, self.reason, self.next_allowed)


@dataclass(frozen=True)
class Running:
    """The session running at `now`, as both fronts show it."""
    id: int | None
    kind: str
    started: datetime
    ends: datetime
    remaining_s: int
    elapsed_s: int
    barrier: bool
    may_stop: bool  # heat: only after its minimum minutes (ice: at once)
    may_stop_at: datetime
    message: str | None  # heat: "best 15-20 min" before its minimum, then "you may stop now"
    stop_cancels: bool  # stopping now cancels the start (within its first minute)
    stop_question: str | None  # heat before its minimum: the plain question asked before stopping


def running_at(sessions, now: datetime, zone) -> Running | None:
    """The session running at `now` among `sessions` (none once its planned end has passed, closed or not);
    clock times in its words are in `zone`."""
    live = [s for s in counted(sessions) if s.ended is None and s.started <= now < s.planned_end]
    if not live:
        return None
    s = max(live, key=lambda s: s.started)
    heat = s.kind == "heat"
    may_stop_at = s.started + timedelta(minutes=rules("heat")["min_minutes"]) if heat else s.started
    may_stop = now >= may_stop_at
    cancels = stop_reason(s, now) == CANCELLED
    message_now = (message("may_stop", end=hhmm(s.planned_end, zone)) if may_stop else heat_best()) if heat else None
    return Running(id=s.id, kind=s.kind, started=s.started, ends=s.planned_end,
                   remaining_s=max(0, int((s.planned_end - now).total_seconds())),
                   elapsed_s=int((now - s.started).total_seconds()), barrier=s.barrier, may_stop=may_stop,
                   may_stop_at=may_stop_at, message=message_now, stop_cancels=cancels,
                   stop_question=heat_stop_question() if heat and not may_stop and not cancels else None)


def _wait(at: datetime, now: datetime) -> str:
    return human_duration(timedelta(minutes=minutes_until(at, now)))


def availability(kind: str, sessions, now: datetime, episode_started: datetime | None, zone) -> Availability:
    """May `kind` start at `now`, given the journal's sessions (any order, any age)?

    Sessions that start after `now` are ignored (a look back in time); a running session
    counts until its planned end, a stopped or past one until its actual end.
    """
    kind = check_kind(kind)
    known = [s for s in counted(sessions) if s.started <= now]
    running = [s for s in known if s.ended is None and s.planned_end > now]
    # Decided on whole minutes, so the time shown ("from 11:10") is exactly when it works.
    same = [ceil_minute(allowed_again(s)) for s in known if s.kind == kind]
    same_until = max(same, default=None)
    hint = hint_for(kind, now, episode_started)
    if running:
        current = max(running, key=lambda s: s.planned_end)
        until = ceil_minute(max([current.planned_end] + [t for t in same if t > now]))
        reason = message("one_at_a_time", Running=label("therapy_kinds", current.kind), end=hhmm(current.planned_end, zone),
                         Kind=label("therapy_kinds", kind), time=hhmm(until, zone), wait=_wait(until, now))
        return Availability(kind, False, until, "one_at_a_time", reason, hint)
    if same_until is not None and same_until > now:
        until = same_until
        reason = message(f"{kind}_off", time=hhmm(until, zone), wait=_wait(until, now),
                         floor=rules(kind)["min_off_minutes"])
        return Availability(kind, False, until, f"{kind}_off", reason, hint)
    return Availability(kind, True, None, None, None, hint)


@dataclass(frozen=True)
class Overview:
    """Ice and heat at one moment, from one read of the journal: what runs, what may start, and the sessions."""
    now: datetime
    running: Running | None
    ice: Availability
    heat: Availability
    sessions: tuple[TherapySession, ...]
    episode_started: datetime | None

    def availability(self, kind: str) -> Availability:
        return self.ice if kind == "ice" else self.heat

    @property
    def heat_early(self) -> bool:
        """Heat now would come in the episode's first hours, when ice is preferred."""
        return in_first_hours(self.episode_started, self.now)

    def last_finished(self, within: timedelta, skip=()) -> TherapySession | None:
        """The live session that ended last, at most `within` ago (cancelled starts, past entries and the ids in
        `skip` left out)."""
        done = [s for s in counted(self.sessions) if not s.retroactive and s.id not in skip
                and (end := ended_by(s, self.now)) is not None and self.now - end <= within]
        return max(done, key=effective_end, default=None)


def overview(sessions, now: datetime, episode_started: datetime | None, zone) -> Overview:
    """Ice and heat at `now`, given the journal's recent sessions and the open episode's start (times in `zone`)."""
    sessions = tuple(sessions)
    return Overview(now, running_at(sessions, now, zone), availability("ice", sessions, now, episode_started, zone),
                    availability("heat", sessions, now, episode_started, zone), sessions, episode_started)


def in_first_hours(episode_started: datetime | None, now: datetime) -> bool:
    """Is `now` inside the first 48 h of the episode (when ice is preferred)?"""
    if episode_started is None:
        return False
    return timedelta(0) <= now - episode_started < timedelta(hours=rules("ice")["preferred_first_hours"])


def hint_for(kind: str, now: datetime, episode_started: datetime | None) -> str:
    """Advice shown beside a start; never blocks (heat early in an episode, ice barrier, comfort)."""
    if kind == "ice":
        return message("ice_hint")
    if in_first_hours(episode_started, now):
        return message("heat_early_hint") + " " + message("heat_hint")
    return message("heat_hint")


def check_start(kind: str, sessions, now: datetime, barrier: bool,
                episode_started: datetime | None, zone) -> Availability:
    """Raise RuleRefusal if a live start of `kind` now breaks a rule; the barrier is asked last."""
    avail = availability(kind, sessions, now, episode_started, zone)
    if not avail.allowed:
        raise avail.refusal()
    # The barrier is a skin-safety rule with no override, so a missing confirmation is a refusal
    # (exit 3, no allowed_from: it is allowed as soon as it is confirmed), not bad input.
    if kind == "ice" and rules("ice").get("barrier_required", True) and not barrier:
        raise RuleRefusal("ice_barrier", message("ice_barrier"), None)
    return avail


# -- a past session -----------------------------------------------------------------------
def rule_breaks(session: TherapySession, others) -> tuple[str, ...]:
    """The rule codes a session broke, judged against the other sessions (before and after it)."""
    breaks = []
    if session.kind == "ice" and rules("ice").get("barrier_required", True) and not session.barrier:
        breaks.append("ice_barrier")  # entered afterwards without saying a towel was used
    length = effective_end(session) - session.started
    if length > timedelta(minutes=rules(session.kind)["max_minutes"]):
        breaks.append(f"{session.kind}_too_long")
    for other in counted(others):
        if other.kind != session.kind or other is session or (other.id is not None and other.id == session.id):
            continue
        # Too little rest either after the other session or after this one.
        if (other.started <= session.started < allowed_again(other)
                or session.started <= other.started < allowed_again(session)):
            breaks.append(f"{session.kind}_off")
            break
    return tuple(breaks)


def closed_message(s: TherapySession, zone) -> str:
    """What the person is told about a session that ended while the app was closed."""
    return message("closed_while_away", kind=in_sentence(label("therapy_kinds", s.kind)), time=hhmm(effective_end(s), zone))
