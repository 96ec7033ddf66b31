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
        super().__init__("The journal is busy (another program is writing to it). Nothing was saved; please try again.")


class DiskFull(SpasmLogError):
    """The disk (or quota) holding the journal or a file being written is full; the journal itself is fine."""

    exit_code = 2

    def __init__(self, path=None):
        where = f" holding {path}" if path else ""
        super().__init__(f"Your disk{where} is full: free some space and try again. "
                         "Nothing was lost; only this last change was not saved.")
        self.path = path

    @property
    def plain(self) -> str:
        return "Your disk is full: free some space and try again. Nothing was lost; only this last change was not saved."


class ReadOnlyJournal(SpasmLogError):
    """The journal (its file, folder or disk) cannot be written: read-only media or permissions, not damage."""

    exit_code = 2

    def __init__(self, path=None, reason: str = "read-only", journal: bool = True):
        where = (f"The journal at {path}" if path else "The journal") if journal else str(path)
        super().__init__(f"{where} cannot be written ({reason}). Nothing was saved and your entries are safe; "
                         "make the file and its folder writable, or choose another file with --db.")
        self.path = path
        self.reason = reason

    @property
    def plain(self) -> str:
        return (f"Your journal cannot be written ({self.reason}), so this was not saved. "
                "Your entries are safe; make the journal's file and folder writable.")


class DiskError(SpasmLogError):
    """The disk reported an error reading or writing (not full, not read-only); nothing proves the journal damaged."""

    exit_code = 2

    def __init__(self, path=None, reason: str = "disk I/O error", journal: bool = True):
        where = (f" the journal at {path}" if path else " the journal") if journal else f" {path}"
        super().__init__(f"SpasmLog could not read or write{where} ({reason}). Nothing was saved; "
                         "if this keeps happening, check the disk and make a backup with python -m app backup.")
        self.path = path
        self.reason = reason

    @property
    def plain(self) -> str:
        return f"The disk reported an error ({self.reason}), so this was not saved. If it keeps happening, check the disk."


class DamagedJournal(SpasmLogError):
    """The journal file cannot be used as it is (not a database, truncated, newer version)."""

    exit_code = 2

    def __init__(self, path, message: str, plain: str | None = None):
        super().__init__(message)
        self.path = path
        self._plain = plain  # the words for a screen, where the command-line advice does not fit

    @property
    def plain(self) -> str:
        return self._plain or self.message


class PassphraseNeeded(SpasmLogError):
    """The journal is encrypted and no passphrase was given; nothing was read or changed."""

    exit_code = 2

    def __init__(self, path):
        super().__init__(f"The journal at {path} is protected with a passphrase (or is not a SpasmLog journal). "
                         f"Give the passphrase in SPASMLOG_PASSPHRASE, with --passphrase-file FILE, or type it when asked. "
                         f"Nothing was changed.")
        self.path = path


class WrongPassphrase(SpasmLogError):
    """The passphrase does not open the journal. Not damage: no restore is offered; nothing was changed."""

    exit_code = 2

    def __init__(self, path, what: str = "journal"):
        super().__init__(f"Wrong passphrase for the {what} at {path} (or the file is not a SpasmLog {what}). "
                         f"Nothing was changed; try again.")
        self.path = path
