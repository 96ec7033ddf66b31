"""Flags for medical attention: which are open now, acknowledging them, and their history for the report."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

from ..core import flags as rules
from ..core.entities import FlagAck, SymptomCheck
from ..core.errors import JournalError
from ..core.i18n import _
from ..core.guidance import codes, guidance
from ..core.timeutil import from_store, local_midnight_of, to_store, zone_of
from .relief import span

_EARLIEST = datetime(1900, 1, 1, tzinfo=timezone.utc)
CARE_KEY = "care_recorded_at"  # when the person last said they got care (kept with the settings, not a preference)


def _as_dict(flag: rules.Flag) -> dict:
    return {"code": flag.code, "tier": flag.tier, "message": flag.message, "key": flag.key,
            "raised_at": flag.raised_at, "report": flag.report}


class Flags:
    """Reads only what the rules need (open and recent episodes, recent checks) and applies app.core.flags."""

    def __init__(self, repo, clock):
        self._repo = repo
        self.clock = clock

    # -- reading the journal -----------------------------------------------------------
    def _journal(self, episodes, checks, now: datetime) -> rules.Journal:
        """Episodes and checks as given, plus the doses, sessions and scores of episodes over three days."""
        journal = rules.Journal(episodes=episodes, checks=checks)
        for episode in episodes:
            if episode.started <= now and rules.over_limit(episode, now):
                until = (rules.ended_by(episode, now) or now) + timedelta(seconds=1)
                journal.doses += self._repo.between("dose", episode.started, until)
                journal.sessions += self._repo.between("therapy", episode.started, until)
                journal.pains += self._repo.between("pain", episode.started, until)
        return journal

    def _current(self, now: datetime) -> list[rules.Flag]:
        """Current flags at `now`, acknowledged or not."""
        _, episodes_since = rules.reading_window(None, now)
        episodes = self._repo.overlapping_episodes(episodes_since, now)
        checks_since, _ = rules.reading_window(rules.open_episode_at(episodes, now), now)
        checks = self._repo.between("symptoms", checks_since, now + timedelta(seconds=1))
        profile = self._repo.profile()
        flags = rules.current_flags(self._journal(episodes, checks, now), profile, now)
        # A flag stays until the person acknowledges it (CLINICAL.md section 2): older occurrences nobody has
        # acknowledged yet come back too. Few rows: only flag-raising episodes and checks, never acknowledged.
        old_episodes = self._repo.unacknowledged_flag_episodes(episodes_since, rules.episode_flag_rule())
        old_checks = self._repo.unacknowledged_flag_checks(before=checks_since)
        if old_episodes or old_checks:
            flags += rules.evaluate(self._journal(old_episodes, old_checks, now), profile, now)
        return flags

    def _acked(self, flags: list[rules.Flag], now: datetime | None = None) -> dict[tuple[str, str], datetime]:
        """(code, key) -> when it was first acknowledged (only acknowledgements made by `now`)."""
        out = {}
        for ack in self._repo.acks_for(f.key for f in flags):
            if now is None or ack.at <= now:
                out.setdefault((ack.code, ack.key), ack.at)
        return out

    def _open(self, now: datetime) -> list[rules.Flag]:
        flags = self._current(now)
        acked = self._acked(flags, now)
        return [f for f in flags if (f.code, f.key) not in acked]

    # -- the API the fronts use ---------------------------------------------------------
    def open_flags(self) -> list[rules.Flag]:
        """Current, unacknowledged flags, most serious first."""
        return self._open(self.clock())

    def for_check(self, check: SymptomCheck) -> list[rules.Flag]:
        """The flags one symptom check raises (for the screen right after the check), most serious first."""
        return rules.symptom_flags(check)

    def acknowledge(self, code: str) -> list[FlagAck]:
        """Record that the person has seen every open occurrence of flag `code`."""
        allowed = rules.flag_codes()
        if code not in allowed:
            raise JournalError("code", _("code: unknown flag '{code}'; allowed: {allowed}.").format(
                    code=code, allowed=', '.join(allowed)))
        now = self.clock()
        with self._repo.transaction():
            found = [f for f in self._open(now) if f.code == code]
            if not found:
                raise JournalError("code", _("code: there is no open '{code}' flag to acknowledge.").format(code=code))
            return [self._repo.add_ack(FlagAck(code=code, at=now, key=f.key)) for f in found]

    def acknowledge_tier(self, tier: str) -> list[FlagAck]:
        """Record, in one step, that the person has seen every open flag of `tier` (the emergency screen's
        "I understand"); nothing open of that tier is not an error."""
        if tier not in self.tiers():
            raise JournalError("tier", _("tier: unknown '{tier}'; allowed: {tiers}.").format(
                    tier=tier, tiers=', '.join(self.tiers())))
        now = self.clock()
        with self._repo.transaction():
            return [self._repo.add_ack(FlagAck(code=f.code, at=now, key=f.key))
                    for f in self._open(now) if f.tier == tier]

    def history(self, start=None, end=None) -> list[dict]:
        """Every flag raised by entries in [start, end) (episodes overlapping it, checks in it), oldest first,
        acknowledged or not: {code, tier, message, key, raised_at, acknowledged_at (or None)}."""
        start, end = span(start, end, zone_of(self.clock))
        now = self.clock()
        end = min(end, now) if end else now
        episodes = self._repo.overlapping_episodes(start or _EARLIEST, end)
        checks = self._repo.between("symptoms", start, end)
        flags = rules.evaluate(self._journal(episodes, checks, end), self._repo.profile(), end)
        acked = self._acked(flags)
        return [{**_as_dict(f), "acknowledged_at": acked.get((f.code, f.key))}
                for f in sorted(flags, key=lambda f: (f.raised_at, f.rank, f.key))]

    def care_advice(self) -> list[rules.Flag]:
        """Emergency flags the person acknowledged that Today still recalls, calmer, most serious first: until
        their episode ends or care is recorded (one per occurrence; `several_red_flags` leads its check)."""
        now = self.clock()
        flags = self._current(now)
        acked = self._acked(flags, now)
        care = self._repo.settings().get(CARE_KEY)
        care_at = from_store(care) if care else None
        return [f for f in flags if (f.code, f.key) in acked
                and rules.still_advised(f, self._repo.episode_at(f.raised_at), care_at, now)]

    def record_care(self) -> datetime:
        """The person says they got care: acknowledged emergency advice raised until now is no longer recalled."""
        now = self.clock()
        with self._repo.transaction():
            self._repo.save_setting(CARE_KEY, to_store(now))
        return now

    def symptom_check_due(self) -> bool:
        """True while an episode is open and no symptom check was made today (local day)."""
        now = self.clock()
        episode = self._repo.episode_at(now)
        if episode is None or rules.ended_by(episode, now) is not None:
            return False
        midnight = local_midnight_of(now, zone_of(self.clock))  # "today" is the person's day, from the clock
        return not self._repo.between("symptoms", midnight, now + timedelta(seconds=1), limit=1)

    def next_arrival(self, now: datetime) -> datetime | None:
        """When a flag next arrives with time alone (nothing written): the open episode reaching its limit."""
        episode = self._repo.episode_at(now)
        if episode is None or rules.ended_by(episode, now) is not None or rules.over_limit(episode, now):
            return None
        return episode.started + timedelta(hours=rules.episode_flag_rule().over_days * 24, seconds=1)

    def would_raise(self, codes) -> list[rules.Flag]:
        """The flags a symptom check with these codes answered yes would raise (nothing is saved)."""
        return rules.symptom_flags(SymptomCheck(at=self.clock(), codes=tuple(codes)))

    def questions(self) -> list[tuple[str, str]]:
        """The symptom check: (code, yes/no question), in CLINICAL.md order."""
        return [(code, entry["question"]) for code, entry in codes("symptoms").items()]

    @staticmethod
    def tiers() -> dict:
        """Tier name -> {rank, label, meaning} (what each tier asks the person to do)."""
        return guidance()["tiers"]
