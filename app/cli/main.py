"""Builds the parser from the command modules and runs one command with the exit codes of DESIGN.md."""
from __future__ import annotations

import os
import sys
from pathlib import Path

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


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 done, 2 bad input or a refused state, 3 refused by a rule. Never prints a traceback."""
    from ..services.faults import discard_new_journal, missing_folders, project_error

    parser = build_parser()
    path = new = None
    try:
        args = parser.parse_args(argv)
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
            sys.stderr.write(f"Something went wrong inside SpasmLog ({type(exc).__name__}). Nothing was half-written; "
                             f"set SPASMLOG_DEBUG=1 to see details.\n")
            code = 1
    close_opened()
    if code != 0 and new is not None:
        try:
            discard_new_journal(path, new)  # a refused first command leaves no journal and no folders behind
        except OSError:
            pass
    return code


def journal_path(args) -> Path | None:
    """The journal a command works on (None for one that takes no --db)."""
    if not hasattr(args, "db"):
        return None
    from ..adapters.locations import default_journal_path
    return Path(args.db or default_journal_path()).expanduser().absolute()
