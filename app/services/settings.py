"""The person's settings and profile: known keys, defaults, and checks."""
from __future__ import annotations

import re
from dataclasses import replace

from ..core.entities import Profile
from ..core.errors import JournalError
from ..core.guidance import guidance
from ..core.i18n import LANGUAGES, _, system_language
from ..core.timeutil import to_local, zone_of

_TIME = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
# Settings with a fixed list of answers (the first is the default).
CHOICES = {"theme": ("dark", "light"), "text_size": ("100", "125", "150"), "language": LANGUAGES}


def _defaults() -> dict[str, str]:
    rem = guidance()["reminders"]
    return {
        "daily_checkin": rem["daily_checkin_default"],
        "move_reminder": "off",
        "waking_start": rem["waking_start_default"],
        "waking_end": rem["waking_end_default"],
        "sounds": "on",
        "heat_default_minutes": str(guidance()["therapy"]["heat"]["default_minutes"]),
        "welcome_seen": "no",
        **{key: allowed[0] for key, allowed in CHOICES.items()},
        "lock_after_minutes": "5",  # an encrypted journal's app locks itself after this many idle minutes
        "language": system_language(),  # the system's when SpasmLog speaks it, else English
        "remind_when_closed": "on",  # the login agent tells reminders (once it is installed: reminders install)
        "discreet_notifications": "off",  # on: "SpasmLog reminder" on the lock screen, no health details
    }


def _check(key: str, value: str) -> str:
    value = str(value).strip()
    if key in ("daily_checkin", "waking_start", "waking_end"):
        if not _TIME.match(value):
            raise JournalError(key, _("{key}: '{value}' is not a time of day; use HH:MM, 00:00 to 23:59.").format(
                    key=key, value=value))
    elif key in ("move_reminder", "sounds", "remind_when_closed", "discreet_notifications"):
        if value not in ("on", "off"):
            raise JournalError(key, _("{key}: '{value}' is not allowed; allowed: on, off.").format(
                    key=key, value=value))
    elif key in CHOICES:
        if value not in CHOICES[key]:
            raise JournalError(key, _("{key}: '{value}' is not allowed; allowed: {allowed}.").format(
                    key=key, value=value, allowed=', '.join(CHOICES[key])))
    elif key == "welcome_seen":
        if value not in ("yes", "no"):
            raise JournalError(key, _("{key}: allowed: yes, no.").format(key=key))
    elif key == "lock_after_minutes":
        if not re.fullmatch(r"[0-9]{1,2}", value) or not 1 <= int(value) <= 60:
            raise JournalError(key, _("{key}: '{value}' is not allowed; allowed: 1 to 60 minutes.").format(
                    key=key, value=value))
    elif key == "heat_default_minutes":
        heat = guidance()["therapy"]["heat"]
        if not re.fullmatch(r"[0-9]{1,4}", value) or not heat["min_minutes"] <= int(value) <= heat["max_minutes"]:
            raise JournalError(key, _("{key}: '{value}' is not allowed; allowed: {min_minutes} to {max_minutes} minutes.").format(
                    key=key, value=value, min_minutes=heat['min_minutes'], max_minutes=heat['max_minutes']))
    return value


class Settings:
    """Reads and writes settings and the profile, refusing unknown keys and bad values."""

    def __init__(self, repo, clock):
        self._repo = repo
        self.clock = clock  # "today" for a date of birth is the person's, from the clock

    def all(self) -> dict[str, str]:
        values = _defaults()
        values.update({k: v for k, v in self._repo.settings().items() if k in values})
        return values

    def get(self, key: str) -> str:
        return self.all()[self._known(key)]

    def set(self, key: str, value) -> str:
        value = _check(self._known(key), value)
        if key in ("waking_start", "waking_end"):
            other = self.all()
            other[key] = value
            if other["waking_start"] >= other["waking_end"]:
                raise JournalError(key, _("{key}: waking hours must start before they end ({waking_start} to {waking_end}).").format(
                        key=key, waking_start=other['waking_start'], waking_end=other['waking_end']))
        self._repo.save_setting(key, value)
        return value

    def _known(self, key: str) -> str:
        if key not in _defaults():
            raise JournalError("setting", _("setting: unknown '{key}'; allowed: {allowed}.").format(
                    key=key, allowed=', '.join(_defaults())))
        return key

    def profile(self) -> Profile:
        return self._repo.profile()

    def update_profile(self, **changes) -> Profile:
        """Change some profile answers; validated before anything is written."""
        known = set(Profile.__dataclass_fields__) - {"answered"}
        for key in changes:
            if key not in known:
                raise JournalError(key, _("{key}: not a profile question; allowed: {allowed}.").format(
                        key=key, allowed=', '.join(sorted(known))))
        current = self._repo.profile()
        # Name and date of birth are not health questions: giving them does not answer the profile.
        answered = current.answered or bool(set(changes) - {"name", "born"})
        today = to_local(self.clock(), zone_of(self.clock)).date()
        profile = replace(current, **changes, answered=answered).validate(today)
        with self._repo.transaction():
            self._repo.save_profile(profile)
        return profile
