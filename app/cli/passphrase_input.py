"""Where the command line gets a passphrase: a file, an environment variable, or a prompt that never echoes."""
from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path

from ..core.errors import JournalError
from ..core.i18n import _

ENV = "SPASMLOG_PASSPHRASE"
NEW_ENV = "SPASMLOG_NEW_PASSPHRASE"


def add_passphrase_option(parser, new: bool = False) -> None:
    """--passphrase-file (or --new-passphrase-file, for the passphrase a command sets)."""
    if new:
        parser.add_argument("--new-passphrase-file", metavar="FILE",
                            help=f"read the new passphrase from FILE's first line (else ${NEW_ENV}, else asked twice)")
    else:
        parser.add_argument("--passphrase-file", metavar="FILE",
                            help=f"an encrypted journal's passphrase, from FILE's first line (else ${ENV}, else asked)")


def _from_file(name: str, field: str) -> str:
    try:
        text = Path(name).expanduser().read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = getattr(exc, "strerror", None) or _("not UTF-8 text")
        raise JournalError(field, _("{field}: cannot read {name} ({reason}); allowed: a readable text file whose first line is "
                                    "the passphrase.").format(field=field, name=name, reason=reason)) from None
    lines = text.splitlines()
    if not lines or not lines[0]:
        raise JournalError(field, _("{field}: {name} is empty; allowed: a text file whose first line is the passphrase.").format(
                field=field, name=name))
    return lines[0]


def _prompt(label: str, confirm: bool) -> str | None:
    """Asked on the terminal (no echo); None when there is no terminal to ask on."""
    if not sys.stdin.isatty():
        return None
    first = getpass.getpass(f"{label}: ")
    if confirm and getpass.getpass(_("{prompt} (again)").format(prompt=label) + ": ") != first:
        raise JournalError("passphrase", _("passphrase: the two entries differ; nothing was changed. Try again."))
    return first


def read_secret(file_name: str | None, env: str, field: str) -> str | None:
    """A secret from a file's first line, else an environment variable; None if neither is given."""
    if file_name:
        return _from_file(file_name, field)
    return os.environ.get(env) or None


def read_passphrase(args, new: bool = False, confirm: bool = False) -> str | None:
    """The passphrase from --passphrase-file, else the environment, else a prompt; None if none of them."""
    option, env, field = (("new_passphrase_file", NEW_ENV, "--new-passphrase-file") if new
                          else ("passphrase_file", ENV, "--passphrase-file"))
    found = read_secret(getattr(args, option, None), env, field)
    return found if found is not None else _prompt(_("New passphrase") if new else _("Passphrase"), confirm)


def passphrase_when_needed(args):
    """A function open_journal calls only for an encrypted journal (a plain one is never prompted for)."""
    return lambda: read_passphrase(args)
