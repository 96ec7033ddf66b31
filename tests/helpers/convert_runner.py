"""Child process of the conversion kill test: loads everything, prints "ready", then runs one CLI command.

Usage: python -m tests.helpers.convert_runner COMMAND JOURNAL (passphrases from SPASMLOG_PASSPHRASE / SPASMLOG_NEW_PASSPHRASE).
The parent kills this process with SIGKILL at a random moment after "ready"; "done" means it finished.
"""
import sys

from app.cli import main
from app.services import privacy  # noqa: F401  (loaded before "ready": the kill lands in the conversion)
from app.store.cipher import sqlcipher

sqlcipher()
sys.stdout.write("ready\n")
sys.stdout.flush()
code = main([sys.argv[1], "--db", sys.argv[2]])
sys.stdout.write(f"done {code}\n")
sys.stdout.flush()
