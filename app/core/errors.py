"""The project's error types: every mistake a person can cause is one of these, with a message."""
from __future__ import annotations

from datetime import datetime


class SpasmLogError(Exception):
    """Base of every error a person can cause; `message` is safe to show as it is."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message

    @property
    def plain(self) -> str:
        """The message for a screen, where the field is already in view."""
        return self.message


class JournalError(SpasmLogError):
    """Bad input: names the field and what is allowed. Nothing was written."""

    exit_code = 2

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field

    @property
    def plain(self) -> str:
        """Without the leading 'field: ' the command line needs ('start: this overlaps…' -> 'This overlaps…')."""
        prefix = f"{self.field}: "
        if not self.message.startswith(prefix):
            return self.message
        rest = self.message[len(prefix):]
        return rest[:1].upper() + rest[1:]


class RuleRefusal(SpasmLogError):
    """A clinical timing rule refused the action; says which rule and from when it is allowed."""

    exit_code = 3

    def __init__(self, rule: str, message: str, allowed_from: datetime | None = None):
        super().__init__(message)
        self.rule = rule
        self.allowed_from = allowed_from


class JournalBusy(SpasmLogError):
    """Another program held the journal's write lock too long; nothing was written, trying again is safe."""

    exit_code = 2

    def __init__(self):
        super().__init__("The journal is busy (another SpasmLog is writing to it). Nothing was saved; please try again.")


class DamagedJournal(SpasmLogError):
    """The journal file cannot be used as it is (not a database, truncated, newer version)."""

    exit_code = 2

    def __init__(self, path, message: str):
        super().__init__(message)
        self.path = path
