"""Builds the parser from the command modules and runs one command with the exit codes of DESIGN.md."""
from __future__ import annotations

import os
import sys
from pathlib import Path

from ..core import i18n
from .common import Parser, close_opened

# Each module adds its subcommands; a capability adds its module here.
COMMAND_MODULES = ["log", "info", "demo", "restore", "therapy", "export", "settings", "privacy", "reminders", "desktop"]


def build_parser() -> Parser:
    from importlib import import_module

    parser = Parser(prog="python -m app", description="SpasmLog from a terminal: log, status, therapy, export.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)
    for name in COMMAND_MODULES:
        import_module(f".{name}", __package__).add_parsers(sub)
    return parser


def main(argv: list[str] | None = None, clock=None) -> int:
    """Run one command; 0 done, 2 bad input or a refused state, 3 refused by a rule. Never prints a traceback.

    clock: the time and the person's zone (default the real clock, in the machine's zone); --at moves the time only.
    """
    from ..services.faults import discard_new_journal, missing_folders, project_error

    argv = sys.argv[1:] if argv is None else list(argv)
    previous = i18n.language()
    use_language_of(argv)
    parser = build_parser()
    path = new = None
    try:
        args = parser.parse_args(argv)
        args.clock = clock  # common.clock_for() reads it
        path = journal_path(args)
        new = None if path is None or path.exists() else missing_folders(path)
        code = args.handler(args)
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        code = 130
    except Exception as exc:  # noqa: BLE001  (the one place an error becomes a line for the person)
        error = project_error(exc, path)
        if error is not None:
            sys.stderr.write(error.message + "\n")
            code = error.exit_code
        elif os.environ.get("SPASMLOG_DEBUG"):
            raise
        else:  # a bug of ours: one line for the person, details only on request
            sys.stderr.write(i18n._("Something went wrong inside SpasmLog ({error}). Nothing was half-written; set "
                                    "SPASMLOG_DEBUG=1 to see details.").format(error=type(exc).__name__) + "\n")
            code = 1
    problems = close_opened()
    if code == 0:  # the command did its work; what the agent could not be told is said after it
        sys.stderr.write("".join(line + "\n" for line in problems))
    if code != 0 and new is not None:
        try:
            discard_new_journal(path, new)  # a refused first command leaves no journal and no folders behind
        except OSError:
            pass
    i18n.set_language(previous)
    return code


def use_language_of(argv: list[str]) -> None:
    """Speak the language chosen in the journal this command names (`settings language`), else the system's, from the
    first line on: argparse's own refusals come before --db is parsed, so --db is looked for here."""
    from ..services.display_prefs import language_of
    path = None
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            path = argv[i + 1]
        elif arg.startswith("--db="):
            path = arg[len("--db="):]
    if path is None:
        from ..adapters.locations import default_journal_path
        path = default_journal_path()
    i18n.set_language(language_of(Path(path).expanduser()))


def journal_path(args) -> Path | None:
    """The journal a command works on (None for one that takes no --db)."""
    if not hasattr(args, "db"):
        return None
    from ..adapters.locations import default_journal_path
    return Path(args.db or default_journal_path()).expanduser().absolute()
