"""The small interfaces services need from the outside world: OS notifications and the alarm sound."""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..core.i18n import N_, _

# Shown once in Settings when nothing outside the app can show a reminder.
NO_NOTIFIER_REASON = N_(
    "System notifications are turned off. Reminders still show inside SpasmLog."
)


@runtime_checkable
class Notifier(Protocol):
    """Shows a reminder outside the app window (the desktop's or phone's notifications)."""

    def notify(self, title: str, message: str) -> bool:
        """Deliver one notification. Never raises: False when it could not be delivered."""
        ...

    def status(self) -> tuple[bool, str]:
        """(available?, one plain line for Settings saying so and, if not, why)."""
        ...


@runtime_checkable
class AlarmSound(Protocol):
    """The short chime that goes with a reminder."""

    def play(self) -> bool:
        """Start the chime. Never raises: False when there is no way to play it."""
        ...


class NullNotifier:
    """A Notifier that never shows anything: for tests, the CLI and platforms without one."""

    def __init__(self, reason: str = NO_NOTIFIER_REASON) -> None:
        self.reason = reason

    def notify(self, title: str, message: str) -> bool:
        return False

    def status(self) -> tuple[bool, str]:
        return False, _(self.reason)


class NullAlarmSound:
    """An AlarmSound that stays silent."""

    def play(self) -> bool:
        return False
