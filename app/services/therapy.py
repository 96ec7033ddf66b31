"""Live ice and heat sessions: start, stop, past entries, the running one, and recovery after a restart."""
from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from ..core.i18n import _, in_sentence
from ..core import therapy as rules
from ..core.entities import PainScore, TherapySession
from ..core.errors import JournalError
from ..core.guidance import guidance, label
from ..core.timeutil import hhmm, iso_local, zone_of
from ..core.validation import check_order, check_time


class Therapy:
    """The timers both fronts use. Nothing ticks: remaining time always comes from the stored start and the clock."""

    def __init__(self, repo, clock, settings):
        self._repo = repo
        self.clock = clock
        self.settings = settings

    @property
    def zone(self):
        return zone_of(self.clock)

    # -- reading ----------------------------------------------------------------------
    def recent(self, now: datetime | None = None) -> list[TherapySession]:
        """Every session that can still affect a decision at `now` (running ones included)."""
        now = now or self.clock()
        return self._repo.sessions_since(now - rules.lookback())

    def _episode_start(self, now: datetime) -> datetime | None:
        episode = self._repo.episode_at(now)
        return episode.started if episode else None

    def availability(self, kind: str) -> rules.Availability:
        """Whether a start of `kind` is allowed now, and if not the rule and from when (reads only)."""
        now = self.clock()
        return rules.availability(kind, self.recent(now), now, self._episode_start(now), self.zone)

    def overview(self) -> rules.Overview:
        """The running session, both availabilities and the recent sessions, from one read (reads only)."""
        now = self.clock()
        return rules.overview(self.recent(now), now, self._episode_start(now), self.zone)

    def hint(self, kind: str) -> str:
        """Advice shown beside a start (never blocks)."""
        now = self.clock()
        return rules.hint_for(rules.check_kind(kind), now, self._episode_start(now))

    def heat_is_early(self) -> bool:
        """Whether heat would come in the episode's first hours, when ice is preferred (core.therapy's rule)."""
        now = self.clock()
        return rules.in_first_hours(self._episode_start(now), now)

    def current(self) -> rules.Running | None:
        """The running session (none once its planned end has passed: closing it is complete()'s job, not a read's)."""
        now = self.clock()
        return rules.running_at(self.recent(now), now, self.zone)

    # -- writing -----------------------------------------------------------------------
    def start(self, kind: str, minutes=None, barrier: bool = False, pain_before=None) -> TherapySession:
        """Start a live session now; written at once. Bad input -> JournalError, a broken rule -> RuleRefusal.

        `pain_before`: the pain score at the start, stored with it (context before_ice/before_heat), so the
        relief it gave can be judged; a refused start stores neither."""
        kind = rules.check_kind(kind)
        length = rules.session_minutes(kind, minutes, int(self.settings.get("heat_default_minutes")))
        now = self.clock()
        pain = PainScore(at=now, score=pain_before, context=f"before_{kind}").validate(now, self.zone) \
            if pain_before is not None else None
        self.complete()  # kept even if what follows is refused: that session did end
        with self._repo.transaction():
            sessions = self.recent(now)
            later = [s for s in sessions if s.started > now]
            if later:
                # Only reachable with --at in the past: a live timer cannot start before the journal's latest session.
                first = min(later, key=lambda s: s.started)
                raise JournalError("--at", _("--at: a live session cannot start before the {kind} session of {started}; use 'therapy "
                                             "add' for a past session.").format(
                                                     kind=in_sentence(self.kind_label(first.kind)), started=iso_local(first.started, self.zone)))
            rules.check_start(kind, sessions, now, bool(barrier), self._episode_start(now), self.zone)
            session = TherapySession(kind=kind, started=now, planned_end=now + timedelta(minutes=length),
                                     barrier=bool(barrier)).validate(now, self.zone)
            if pain is not None:
                episode = self._repo.episode_at(now)
                pain.episode_id = episode.id if episode else None
                self._repo.add(pain)
            return self._repo.add(session)

    def stop(self) -> TherapySession:
        """Stop the running session now (its actual end is recorded); JournalError if none runs."""
        now = self.clock()
        self.complete()  # kept even if what follows is refused: that session did end
        with self._repo.transaction():
            s = self._repo.running_session()
            if s is None:
                raise JournalError("session", rules.message("nothing_running"))
            if now < s.started:
                raise JournalError("--at", _("--at: the {kind} session started at {started}; it cannot stop before that.").format(
                        kind=in_sentence(self.kind_label(s.kind)), started=iso_local(s.started, self.zone)))
            # Within its first minute it is a mistaken start: kept as cancelled, no time off, counted nowhere.
            stopped = replace(s, ended=now, end_reason=rules.stop_reason(s, now))
            self._repo.update(stopped)
            return stopped

    def undo_cancel(self, session_id: int) -> TherapySession:
        """Undo a cancelled start: it runs on if its planned end is still ahead, else it counts as stopped then.

        Refused (JournalError) if another session has started since, since only one runs at a time.
        """
        now = self.clock()
        with self._repo.transaction():
            s = self._repo.get("therapy", session_id)
            if s is None or not rules.is_cancelled(s):
                raise JournalError("session", _("session: this is not a cancelled start, so there is nothing to undo."))
            later = [o for o in rules.counted(self.recent(now)) if o.id != s.id and o.started >= s.started]
            if later:
                raise JournalError("session", rules.message("undo_cancel_busy", kind=in_sentence(self.kind_label(s.kind))))
            restored = replace(s, ended=None, end_reason=None) if s.planned_end > now else replace(s, end_reason="stopped")
            self._repo.update(restored)
        self.complete()
        return restored

    def add_past(self, kind: str, start: datetime, end: datetime, barrier: bool = False) -> TherapySession:
        """A session that already happened, stored as it was and marked with the rules it broke."""
        kind = rules.check_kind(kind)
        now = self.clock()
        start = check_time(start, "start", now, self.zone)
        end = check_time(end, "end", now, self.zone)
        check_order(start, end)
        if end > now:
            raise JournalError("end", _("end: a past session must have ended by now ({now}); use 'therapy start' for a session "
                                        "going on now.").format(now=iso_local(now, self.zone)))
        longest = guidance()["therapy"]["past"]["max_minutes"]
        if end - start > timedelta(minutes=longest):
            raise JournalError("end", _("end: a session of {minutes} min is too long; allowed: at most {longest} min. Please "
                                        "check the times.").format(
                                                minutes=int((end - start).total_seconds() // 60), longest=longest))
        self.complete()  # kept even if what follows is refused: that session did end
        with self._repo.transaction():
            sessions = self._repo.sessions_since(start - rules.lookback())
            clash = rules.overlaps(start, end, sessions)
            if clash:
                other = clash[0]
                raise JournalError("start", _("start: this overlaps the {kind} session from {started} to {ended}; sessions may not "
                                              "overlap.").format(
                                                      kind=in_sentence(self.kind_label(other.kind)), started=hhmm(other.started, self.zone), ended=hhmm(rules.effective_end(other), self.zone)))
            session = TherapySession(kind=kind, started=start, planned_end=end, ended=end, end_reason="retroactive",
                                     barrier=bool(barrier), retroactive=True)
            session.rule_breaks = rules.rule_breaks(session, sessions)
            return self._repo.add(session)

    def _close_due(self, reason: str) -> list[TherapySession]:
        """Close every running session whose planned end has passed, at that planned end."""
        now = self.clock()
        due = [s for s in self._repo.sessions_since(now - rules.lookback())
               if s.ended is None and s.planned_end <= now]
        closed = []
        if due:
            with self._repo.transaction():
                for s in due:
                    done = replace(s, ended=s.planned_end, end_reason=reason)
                    self._repo.update(done)
                    closed.append(done)
        return closed

    def complete(self) -> list[TherapySession]:
        """While the app runs: sessions that reached their planned end are closed as completed (the app's reminder
        scheduler calls this when a session's end falls due; every write here calls it first)."""
        return self._close_due("completed")

    def recover(self) -> list[TherapySession]:
        """On opening the journal: sessions whose end passed while the app was closed, closed at their planned end."""
        return self._close_due("closed_while_away")

    def closed_message(self, session: TherapySession) -> str:
        """'Your ice session ended at 10:10 while SpasmLog was closed.'"""
        return rules.closed_message(session, self.zone)

    @staticmethod
    def rule_texts(session: TherapySession) -> list[str]:
        """The plain words of each rule a past session broke."""
        return [rules.rule_text(code) for code in session.rule_breaks]

    @staticmethod
    def kind_label(kind: str) -> str:
        return label("therapy_kinds", kind)
