"""Builds the parser from the command modules and runs one command with the exit codes of DESIGN.md."""
from __future__ import annotations

import os
import sqlite3
import sys

from ..core.errors import JournalBusy, SpasmLogError
from .common import Parser

# Each module adds its subcommands; a capability adds its module here.
COMMAND_MODULES = ["log", "info", "demo", "restore", "therapy", "export"]


def build_parser() -> Parser:
    from importlib import import_module

    parser = Parser(prog="python -m app", description="SpasmLog from a terminal: log, status, therapy, export.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True, parser_class=Parser)
    for name in COMMAND_MODULES:
        import_module(f".{name}", __package__).add_parsers(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; 0 done, 2 bad input, 3 refused by a rule. Never prints a traceback."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        return args.handler(args)
    except SpasmLogError as exc:
        sys.stderr.write(exc.message + "\n")
        return exc.exit_code
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else 2
    except KeyboardInterrupt:
        return 130
    except sqlite3.OperationalError as exc:  # a single write that waited out the busy timeout
        if "locked" not in str(exc) and "busy" not in str(exc):
            raise
        sys.stderr.write(JournalBusy().message + "\n")
        return JournalBusy.exit_code
    except Exception as exc:  # a bug of ours: one line for the person, details only on request
        if os.environ.get("SPASMLOG_DEBUG"):
            raise
        sys.stderr.write(f"Something went wrong inside SpasmLog ({type(exc).__name__}). Nothing was half-written; "
                         f"set SPASMLOG_DEBUG=1 to see details.\n")
        return 1
