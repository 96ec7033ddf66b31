"""The project's error types: every mistake a person can cause is one of these, with a message."""
from __future__ import annotations

from datetime import datetime

from .i18n import N_, _


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
        super().__init__(_("The journal is busy (another program is writing to it). Nothing was saved; please try again."))


class JournalReplaced(SpasmLogError):
    """Another program put another file at the journal's path (restored, encrypted, a new passphrase) while this
    was being written: nothing was written; the journal must be opened again."""

    exit_code = 2

    def __init__(self, path=None):
        super().__init__(_("Your journal at {path} was replaced by another program (restored, or protected with a "
                           "passphrase) while this was being saved. Nothing was saved; please try again.").format(
                               path=path))


_DISK_FULL = N_("Your disk is full: free some space and try again. Nothing was lost; only this last change was not saved.")


class DiskFull(SpasmLogError):
    """The disk (or quota) holding the journal or a file being written is full; the journal itself is fine."""

    exit_code = 2

    def __init__(self, path=None):
        super().__init__((_("Your disk holding {path} is full: free some space and try again. Nothing was lost; only this "
                            "last change was not saved.").format(path=path) if path else _(_DISK_FULL)))
        self.path = path

    @property
    def plain(self) -> str:
        return _(_DISK_FULL)


class ReadOnlyJournal(SpasmLogError):
    """The journal (its file, folder or disk) cannot be written: read-only media or permissions, not damage."""

    exit_code = 2

    def __init__(self, path=None, reason: str | None = None, journal: bool = True):
        reason = reason or _("read-only")
        where = ((_("The journal at {path}").format(path=path) if path else _("The journal")) if journal else str(path))
        super().__init__(_("{where} cannot be written ({reason}). Nothing was saved and your entries are safe; make the "
                           "file and its folder writable, or choose another file with --db.").format(
                                   where=where, reason=reason))
        self.path = path
        self.reason = reason

    @property
    def plain(self) -> str:
        return _("Your journal cannot be written ({reason}), so this was not saved. Your entries are safe; make the "
                 "journal's file and folder writable.").format(reason=self.reason)


class DiskError(SpasmLogError):
    """The disk reported an error reading or writing (not full, not read-only); nothing proves the journal damaged."""

    exit_code = 2

    def __init__(self, path=None, reason: str | None = None, journal: bool = True):
        reason = reason or _("disk I/O error")
        where = ((_("the journal at {path}").format(path=path) if path else _("the journal")) if journal else str(path))
        super().__init__(_("SpasmLog could not read or write {where} ({reason}). Nothing was saved; if this keeps happening, "
                           "check the disk and make a backup with python -m app backup.").format(
                                   where=where, reason=reason))
        self.path = path
        self.reason = reason

    @property
    def plain(self) -> str:
        return _("The disk reported an error ({reason}), so this was not saved. If it keeps happening, check the "
                 "disk.").format(reason=self.reason)


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
        super().__init__(_("The journal at {path} is protected with a passphrase (or is not a SpasmLog journal). Give the "
                           "passphrase in SPASMLOG_PASSPHRASE, with --passphrase-file FILE, or type it when asked. Nothing "
                           "was changed.").format(path=path))
        self.path = path


class WrongPassphrase(SpasmLogError):
    """The passphrase does not open the journal. Not damage: no restore is offered; nothing was changed."""

    exit_code = 2

    def __init__(self, path, what: str = "journal"):
        super().__init__((_("Wrong passphrase for the journal at {path} (or the file is not a SpasmLog journal). Nothing "
                            "was changed; try again.") if what == "journal" else
                          _("Wrong passphrase for the backup at {path} (or the file is not a SpasmLog backup). Nothing "
                            "was changed; try again.")).format(path=path))
        self.path = path
