"""Relief over a period: which sessions and doses were followed by less pain, and rates per treatment."""
from __future__ import annotations

from datetime import date, datetime, time, timedelta

from ..core import relief as rules
from ..core.timeutil import local_datetime, zone_of


def span(start, end, zone) -> tuple[datetime | None, datetime | None]:
    """[start, end) as datetimes: a date start is that day's midnight in `zone`, a date end includes that day."""
    def at(value, next_day: bool):
        if value is None or isinstance(value, datetime):
            return value
        if isinstance(value, date):
            return local_datetime(value + timedelta(days=1 if next_day else 0), zone=zone)
        raise TypeError(f"expected a date, a datetime or None, got {type(value).__name__}")
    return at(start, False), at(end, True)


class Relief:
    """Pain before and after each treatment, read from the journal for a period."""

    def __init__(self, repo, clock):
        self._repo = repo
        self.clock = clock

    def _judged(self, start, end) -> list[rules.Judgement]:
        start, end = span(start, end, zone_of(self.clock))
        end = min(end, self.clock()) if end else self.clock()
        cfg = rules.settings()
        sessions = [s for s in self._repo.between("therapy", start, end) if s.ended is not None]
        doses = self._repo.between("dose", start, end)
        if not sessions and not doses:
            return []
        # Only the scores that can sit in some before/after window of these treatments.
        first = min([s.started for s in sessions] + [d.at for d in doses])
        last_session = max((s.ended for s in sessions), default=first)
        last_dose = max((d.at for d in doses), default=first)
        pains_from = first - timedelta(minutes=cfg["before_window_minutes"])
        pains_to = max(last_session + timedelta(minutes=cfg["after_session_max_minutes"]),
                       last_dose + timedelta(minutes=cfg["after_dose_max_minutes"]))
        pains = self._repo.between("pain", pains_from, pains_to + timedelta(seconds=1))
        return rules.judge(sessions, doses, pains)

    def _pairs(self, start, end) -> list[rules.ReliefPair]:
        return [j.pair for j in self._judged(start, end) if j.pair is not None]

    def judgements(self, start=None, end=None) -> list[rules.Judgement]:
        """Every finished session and dose in [start, end), judged or with what is missing, oldest first."""
        return self._judged(start, end)

    def pairs(self, start=None, end=None) -> list[dict]:
        """Each treatment in [start, end) with a before and an after score, oldest first."""
        return [{"treatment": p.treatment, "ref": p.ref, "at": p.at,
                 "before": p.before.score, "before_at": p.before.at,
                 "after": p.after.score, "after_at": p.after.at,
                 "change": p.change, "meaningful": p.meaningful}
                for p in self._pairs(start, end)]

    def rates(self, start=None, end=None) -> list[dict]:
        """Per treatment (ice, heat, nsaid, relaxant, other): {treatment, measured, meaningful, rate}."""
        return rules.rates(self._pairs(start, end))

