"""The reminder schedule from the journal: what is coming next, and what fell due in a window (for delivery)."""
from __future__ import annotations

from datetime import datetime, timedelta

from ..core import reminders as schedule_rules
from ..core import therapy as therapy_rules
from ..core.timeutil import ensure_aware, zone_of

HORIZON = timedelta(hours=24)  # long enough to always include the next daily check-in


class Reminders:
    """Computed, never stored: the UI polls due() to deliver; status shows upcoming()."""

    def __init__(self, repo, clock, settings, tz=None):
        self._repo = repo
        self.clock = clock
        self.settings = settings
        self.tz = tz  # None: the clock's zone

    def _zone(self):
        return self.tz if self.tz is not None else zone_of(self.clock)

    def between(self, since: datetime, until: datetime) -> list[dict]:
        """Reminders whose time is in (since, until], oldest first, as {at, kind, message}."""
        since = ensure_aware(since, "since")
        until = ensure_aware(until, "until")
        if until <= since:
            return []
        sessions = self._repo.sessions_since(since - therapy_rules.lookback())
        found = schedule_rules.schedule(sessions, since, until, self.settings.all(), self._zone())
        return [r.as_dict() for r in found]

    def upcoming(self, limit: int = 5) -> list[dict]:
        """The next `limit` reminders after now."""
        now = self.clock()
        return self.between(now, now + HORIZON)[:limit]

    def next_due(self, now: datetime | None = None) -> datetime | None:
        """When the next reminder after `now` falls due (None: nothing in the next 24 h); pure journal + clock."""
        now = ensure_aware(now or self.clock(), "now")
        sessions = self._repo.sessions_since(now - therapy_rules.lookback())
        return schedule_rules.next_due(sessions, now, self.settings.all(), self._zone(), HORIZON)

    def due(self, since: datetime, until: datetime | None = None) -> list[dict]:
        """Reminders that fell due in (since, until]; until defaults to now. The caller keeps `since`."""
        return self.between(since, until or self.clock())
