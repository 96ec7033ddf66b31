"""The Ice & heat screen without Kivy: its modes and choices as a TherapyState, and what each tap does."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from ...core import therapy as rules
from ...core.errors import RuleRefusal
from ...core.i18n import _
from ...core.timeutil import hhmm, human_duration, minutes_until

# A session that ended longer ago than this no longer asks how the pain is.
ASK_PAIN_WITHIN = timedelta(minutes=30)
MODES = ("idle", "confirm", "running", "ended")


def clock_text(seconds: int) -> str:
    """Remaining time as the timer shows it: 6:00, 0:42, 1:05:00."""
    seconds = max(0, int(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def wait_text(at: datetime, now: datetime) -> str:
    """Whole minutes until `at`, rounded up, as '42 min' or '1 h 5 min'."""
    return human_duration(timedelta(minutes=minutes_until(at, now)))


def next_words(avail: rules.Availability, now: datetime, zone) -> str:
    """'allowed now' or 'from 11:10 · in 42 min' for one kind (the time on `zone`'s wall clock)."""
    if avail.allowed or avail.next_allowed is None:
        return _("allowed now")
    at = avail.next_allowed
    return _("from {time} · in {wait}").format(time=hhmm(at, zone), wait=wait_text(at, now))


@dataclass(frozen=True)
class Choice:
    """One of the two start buttons: allowed now or not, the words under its title, and its advice."""
    allowed: bool
    status: str
    hint: str


@dataclass(frozen=True)
class TherapyState:
    """What the Ice & heat screen shows at one moment (the kv binds to the screen's copy of these fields)."""
    mode: str  # idle | confirm | running | ended
    ice: Choice
    heat: Choice
    heat_early: bool
    heat_minutes: int
    refusal: str = ""
    error: str = ""  # a rule's refusal with nothing to wait for (ice without its towel)
    run_kind: str = "ice"
    run_title: str = ""
    remaining_text: str = ""
    ends_text: str = ""
    fraction: float = 1.0
    stop_note: str = ""
    stop_asking: bool = False  # heat stopped before its minimum: "15–20 min works best; stop now?"
    pain_now_offer: bool = False  # "pain now?" under a session just started without a recent score
    ended_kind: str = "ice"
    ended_title: str = ""
    ended_detail: str = ""
    tell_reminders: bool = False  # a session just ended or heat reached its minimum: the alarm now, not later


class TherapyPresenter:
    """Reads svc.therapy.overview() once a tick (reads only) and keeps what the person chose in between."""

    def __init__(self, svc):
        self.svc = svc
        self.mode = "idle"
        self.error = ""
        self.pain_now_offer = False
        self.heat_minutes: int | None = None  # the setting until the person steps it
        self.refused_kind: str | None = None
        self._heat_chosen = False
        self._running_id = None
        self._may_stop = None
        self._ended: rules.TherapySession | None = None
        self._skipped: set = set()
        self._stop_asking = False
        self._stop_question: str | None = None
        self._pain_now_for = None

    # -- reading ------------------------------------------------------------------------
    def enter(self) -> None:
        """The screen is shown: the heat length follows the setting again unless the person chose one."""
        if not self._heat_chosen:
            self.heat_minutes = int(self.svc.settings.get("heat_default_minutes"))

    def _heat_length(self) -> int:
        if self.heat_minutes is None:
            self.enter()
        return self.heat_minutes

    def refresh(self) -> TherapyState:
        """The state now: one read of the journal (two queries), a third only while a pain score may be asked."""
        self._heat_length()
        o = self.svc.therapy.overview()
        tell, running = False, {}
        if o.running is not None:
            tell, running = self._running(o)
        else:
            if self._running_id is not None:
                self._running_id, tell = None, True  # it just ended: the alarm now, not at the next poll
            if self.mode != "confirm":
                self._ended = self._pending_pain(o)
                self.mode = "ended" if self._ended is not None else "idle"
        if self.refused_kind:
            avail = o.availability(self.refused_kind)
            refusal = "" if avail.allowed else avail.reason  # recomputed each tick: the wait counts down live
            if avail.allowed:
                self.refused_kind = None
        else:
            refusal = ""
        return TherapyState(mode=self.mode, ice=self._choice(o, "ice"), heat=self._choice(o, "heat"),
                            heat_early=o.heat_early, heat_minutes=self.heat_minutes, refusal=refusal,
                            error=self.error, pain_now_offer=self.pain_now_offer, tell_reminders=tell,
                            **running, **self._ended_words())

    def _choice(self, o: rules.Overview, kind: str) -> Choice:
        avail = o.availability(kind)
        status = _("Allowed now") if avail.allowed else _("Again {when}").format(when=next_words(avail, o.now, self.svc.zone))
        return Choice(avail.allowed, status, avail.hint or "")

    def _running(self, o: rules.Overview) -> tuple[bool, dict]:
        cur = o.running
        self._stop_question = cur.stop_question
        if not self._stop_question:
            self._stop_asking = False
        if self._stop_asking:
            note = self._stop_question
        elif cur.kind == "heat":
            note = cur.message
        else:
            note = o.ice.hint
        tell = self._running_id is not None and self._may_stop is False and cur.may_stop  # heat reached 15 min
        self._running_id, self._may_stop = cur.id, cur.may_stop
        self.refused_kind = None
        self.mode = "running"
        total = max(1.0, (cur.ends - cur.started).total_seconds())
        return tell, {"run_kind": cur.kind, "run_title": _("{kind} on").format(kind=self.svc.therapy.kind_label(cur.kind)),
                      "remaining_text": clock_text(cur.remaining_s), "fraction": min(1.0, cur.remaining_s / total),
                      "ends_text": _("left · ends {time}").format(time=hhmm(cur.ends, self.svc.zone)), "stop_note": note or "",
                      "stop_asking": self._stop_asking}

    def _pending_pain(self, o: rules.Overview):
        """The session that just ended and still waits for a pain score, if any."""
        last = o.last_finished(ASK_PAIN_WITHIN, skip=self._skipped)
        if last is None:
            return None
        latest = self.svc.entries.latest_pain()
        if latest is not None and latest.at >= rules.effective_end(last):
            return None  # already answered
        return last

    def _ended_words(self) -> dict:
        s = self._ended
        if self.mode != "ended" or s is None:
            return {}
        end = rules.effective_end(s)
        minutes = int((end - s.started).total_seconds() // 60)
        how = (_("Stopped at {time} after {minutes} min.") if s.end_reason == "stopped" else
               _("Ended at {time} after {minutes} min."))
        return {"ended_kind": s.kind, "ended_title": _("{kind} done").format(kind=self.svc.therapy.kind_label(s.kind)),
                "ended_detail": how.format(time=hhmm(end, self.svc.zone), minutes=minutes)}

    # -- what the taps do -----------------------------------------------------------------
    def ask_ice(self) -> bool:
        """Ice: refused at once if not allowed (False), else one tap to confirm the towel (True)."""
        if not self.svc.therapy.availability("ice").allowed:
            self.refuse("ice")
            return False
        self.refused_kind, self.error = None, ""
        self.mode = "confirm"
        return True

    def cancel_confirm(self) -> None:
        self.mode = "idle"

    def leave(self) -> None:
        """The screen is left: the towel question is asked afresh each time."""
        if self.mode == "confirm":
            self.mode = "idle"

    def step_heat(self, delta: int) -> None:
        heat = rules.rules("heat")
        self._heat_chosen = True
        self.heat_minutes = min(heat["max_minutes"], max(heat["min_minutes"], self._heat_length() + delta))

    def refuse(self, kind: str) -> None:
        """A start of `kind` was refused: the reason (and its live wait) shows until it is allowed."""
        self.refused_kind = kind
        self.mode = "idle"

    def start(self, kind: str):
        """Start ice (its towel confirmed) or heat (for the minutes chosen) now; the session, or None if a rule
        refused it (the reason is then in the state). A journal that cannot be written raises, for the screen."""
        wanted = self.svc.entries.pain_now_wanted()
        kwargs = {"barrier": True} if kind == "ice" else {"minutes": self._heat_length()}
        try:
            session = self.svc.therapy.start(kind, **kwargs)
        except RuleRefusal as exc:
            if exc.allowed_from is None:
                self.error = exc.plain
            else:
                self.refuse(kind)
            return None
        self.error = ""
        self._pain_now_for = session if wanted else None
        self.pain_now_offer = wanted
        return session

    def log_pain_now(self, score: int):
        """The one-tap "pain now" under a session just started: stored at its start, so relief can be judged."""
        s, self.pain_now_offer = self._pain_now_for, False
        if s is None:
            return None
        return self.svc.entries.log_pain_before(score, s.started, s.kind)

    def skip_pain_now(self) -> None:
        self.pain_now_offer = False

    def asks_before_stopping(self) -> bool:
        """Heat before its minimum: the next Stop tap asks the plain question instead of stopping. Decided from the
        session at the tap, not at the last tick: its first minute (no question, a cancel) may have ended since."""
        running = self.svc.therapy.overview().running
        self._stop_question = running.stop_question if running is not None else None
        return bool(self._stop_question) and not self._stop_asking

    def stop(self):
        """Stop now; heat before its minimum first asks the plain question (None), the second tap stops."""
        if self.asks_before_stopping():
            self._stop_asking = True
            return None
        self._stop_asking = False
        stopped = self.svc.therapy.stop()
        self.pain_now_offer = False
        self._running_id = None
        return stopped

    def keep_on(self) -> None:
        """The answer 'keep it on' to the heat question."""
        self._stop_asking = False

    def undo_cancel(self, session_id: int):
        return self.svc.therapy.undo_cancel(session_id)

    def log_pain_after(self, score: int):
        kind = self._ended.kind if self._ended is not None else "ice"
        return self.svc.entries.log_pain(score, context=f"after_{kind}")

    def undo_pain(self, entry_id: int):
        return self.svc.entries.delete("pain", entry_id)

    def skip_pain(self) -> None:
        if self._ended is not None:
            self._skipped.add(self._ended.id)
        self.mode = "idle"
