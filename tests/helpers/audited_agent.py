"""`python -m app ARGS…` with a Python audit hook that writes down every time this process touches the journal.

argv: LOG JOURNAL ARGS…. Each line of LOG is one event on JOURNAL: "open MODE" (built-in open), "os.open FLAGS",
"sqlite3.connect", or "import sqlcipher3" (the module that could read an encrypted journal at all).
"""
import os
import sys

log = open(sys.argv[1], "a", buffering=1, encoding="utf-8")  # opened before the hook: its own open is not logged
journal = os.path.realpath(sys.argv[2])


def _is_journal(target) -> bool:
    try:
        return os.path.realpath(os.fsdecode(target)) == journal
    except (TypeError, ValueError):
        return False  # a file descriptor, not a path


def hook(event, args):
    if event == "open" and _is_journal(args[0]):
        log.write(f"open {args[1]}\n" if args[1] is not None else f"os.open {args[2]}\n")
    elif event == "sqlite3.connect" and _is_journal(str(args[0]).removeprefix("file:").split("?")[0]):
        log.write("sqlite3.connect\n")
    elif event == "import" and args[0].split(".")[0] == "sqlcipher3":
        log.write("import sqlcipher3\n")


sys.addaudithook(hook)
from app.cli import main  # noqa: E402  (after the hook, so nothing the command does escapes it)

sys.exit(main(sys.argv[3:]))
