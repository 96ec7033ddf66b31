"""Shared pieces of the command line: options every command takes, output, the services it opens."""
from __future__ import annotations

import argparse
import json
import sys

from ..core.errors import JournalError
from ..core.i18n import LANGUAGES, N_, _, set_language
from ..core.timeutil import fixed_clock, parse_time, system_clock, zone_of
from ..core.validation import check_time
from .passphrase_input import add_passphrase_option, passphrase_when_needed
from .paths import check_path_arguments


class Parser(argparse.ArgumentParser):
    """argparse that reports bad input as one friendly line and exit 2."""

    def error(self, message):
        # argparse words its own refusals in English (its messages come from the stdlib's gettext domain, not ours).
        sys.stderr.write(f"{self.prog}: {message}\n" + _("Try '{command} --help'.").format(command=self.prog) + "\n")
        raise SystemExit(2)

    def parse_args(self, args=None, namespace=None):
        args = sys.argv[1:] if args is None else list(args)
        check_text_arguments(args)
        parsed = super().parse_args(args, namespace)
        check_path_arguments(parsed)  # every path option of every command, in this one place
        return parsed


def check_text_arguments(argv: list[str]) -> None:
    """Refuse an argument that is not valid UTF-8 text (the shell hands such bytes over as lone surrogates)."""
    for i, arg in enumerate(argv):
        try:
            arg.encode("utf-8")
        except UnicodeEncodeError:
            option = arg.split("=", 1)[0] if arg.startswith("--") else (argv[i - 1] if i and argv[i - 1].startswith("--") else "")
            field = option or f"argument {i + 1}"
            shown = arg.encode("utf-8", "replace").decode("utf-8")
            raise JournalError(field, _("{field}: '{shown}' is not valid UTF-8 text; allowed: text in UTF-8 (letters, digits and "
                                        "symbols your terminal can show).").format(field=field, shown=shown)) from None


def add_common(parser: argparse.ArgumentParser, writes: bool = True) -> None:
    """--db, --json, --at (writes: when it happened; reads: the time to look from), --passphrase-file."""
    parser.add_argument("--db", metavar="PATH", help="the journal file (default: $SPASMLOG_DB or journal.db in the app's data folder)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    parser.add_argument("--at", metavar="ISO-8601", help="when it happened (default: now)" if writes else "look from this time (default: now)")
    add_passphrase_option(parser)


def base_clock(args):
    """The clock main() was handed (the real one unless a caller gave another): its zone is the person's."""
    return getattr(args, "clock", None) or system_clock


def zone_for(args):
    """The zone this command shows times in and reads a time without an offset in: the clock's."""
    return zone_of(base_clock(args))


def clock_for(args):
    """The clock of one command: --at if given (checked not to be in the future; without an offset it is a wall-clock
    time in the clock's zone), else the clock main() was handed."""
    base = base_clock(args)
    if args.at is None:  # an empty --at "" is a mistake to report, not "now"
        return base
    zone = zone_of(base)
    at = parse_time(args.at, "--at", zone)
    check_time(at, "--at", base(), zone)
    return fixed_clock(at, zone)


def open_services(args, must_exist: bool = False, read_only_if_damaged: bool = False):
    """The services on the chosen journal with this command's clock.

    must_exist: a command that only reads refuses a missing file rather than creating an empty journal
    (a mistyped path must not look like a journal whose entries are gone).
    """
    from pathlib import Path

    from ..adapters.locations import default_journal_path
    from ..services import open_spasmlog

    clock = clock_for(args)
    path = Path(args.db or default_journal_path()).expanduser()
    if must_exist and not path.exists():
        raise JournalError("--db", _("--db: there is no journal at {path}; allowed: the path of an existing journal.").format(
                path=path))
    svc = open_spasmlog(path, clock, passphrase_when_needed(args), read_only_if_damaged=read_only_if_damaged)
    OPENED.append(svc)
    chosen = svc.settings.get("language")  # an encrypted journal's choice can be read only now that it is open
    if chosen in LANGUAGES:
        set_language(chosen)
    for notice in svc.notices:
        sys.stderr.write(notice + "\n")
    return svc


OPENED: list = []  # the journals this command opened: main() closes them when it ends, whatever happened


def close_opened() -> list[str]:
    """Close every journal this command opened (a journal is closed, so checkpointed, before main() returns).

    An encrypted one first leaves its next due times for the login agent, as the app does (docs/PRIVACY.md);
    returns a line for each time that failed (a full disk, say): the agent keeps its earlier times.
    """
    from ..services.agent_schedule import leave_side_files
    problems = []
    while OPENED:
        svc = OPENED.pop()
        try:
            if svc.passphrase is not None and svc.damage is None:
                problems += [line for line in [leave_side_files(svc)] if line]
        except Exception:  # noqa: BLE001  (the command's result stands)
            pass
        try:
            svc.close()
        except Exception:  # noqa: BLE001  (already closed by the command, or the disk is gone: nothing to keep)
            pass
    return problems


def emit(args, obj: dict, text: str) -> None:
    """Print JSON with --json, else the friendly line."""
    if args.json:
        print(json.dumps(obj, ensure_ascii=False))
    else:
        print(text)


TIERS = {"emergency": N_("EMERGENCY"), "urgent": N_("URGENT"), "review": N_("REVIEW")}


def flag_line(flag) -> str:
    """One open flag for the terminal, its tier first in capitals: '[URGENT] Call your doctor today…'."""
    return f"[{_(TIERS.get(flag.tier, flag.tier))}] {flag.message}"


def parse_int(value: str, field: str, allowed: str = N_("a whole number")) -> int:
    """A whole number from the command line; `allowed` says what the refusal should offer."""
    try:
        return int(value)
    except (TypeError, ValueError):
        raise JournalError(field, _("{field}: '{value}' is not a whole number; allowed: {allowed}.").format(
                field=field, value=value, allowed=_(allowed))) from None


def pain_before(args) -> int | None:
    """--pain-before N: a 0-10 score, checked before the journal is opened."""
    if args.pain_before is None:
        return None
    from ..core.validation import check_int
    return check_int(parse_int(args.pain_before, "--pain-before", N_("0 to 10")), "--pain-before", 0, 10)
