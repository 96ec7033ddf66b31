"""How the locked app looks before the passphrase: an encrypted journal's theme, text size and language, beside it.

Those three live inside the encrypted journal, which the lock view cannot read; so the unlocked app (and every command
run with the passphrase) copies them into a small owner-only plain file beside the journal, and the app reads it at
start to draw the lock view at the person's text size, theme and language. Once the journal is open, the journal is
the source of truth again. Nothing health-related is in it: three display choices (docs/PRIVACY.md).
"""
from __future__ import annotations

import json
from pathlib import Path

from ..core.i18n import LANGUAGES, system_language
from ..store.private import write_private_json
from .settings import CHOICES

DISPLAY_KEYS = ("theme", "text_size", "language")  # nothing else ever goes into the file


def display_path(journal_path) -> Path:
    """Beside the journal: `journal.db` → `.journal.db.display.json` (owner-only)."""
    journal_path = Path(journal_path).expanduser().absolute()
    return journal_path.with_name(f".{journal_path.name}.display.json")


def write_display(svc) -> Path | None:
    """Copy the display choices of an open encrypted journal beside it (None for a plain or in-memory journal, whose
    lock view there is none of: it reads the journal itself)."""
    if svc.path is None or svc.passphrase is None:
        return None
    values = svc.settings.all()
    return write_private_json(display_path(svc.path), {key: values[key] for key in DISPLAY_KEYS})


def read_display(journal_path) -> dict[str, str]:
    """The display choices beside the journal, each only if it is one allowed ({} when there is no such file)."""
    try:
        data = json.loads(display_path(journal_path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {key: data[key] for key in DISPLAY_KEYS if data.get(key) in CHOICES[key]}


def language_of(path) -> str:
    """The language chosen in the journal at `path`, read without opening it (for an encrypted one, from the file
    beside it), else the system's as the app does: a command's and the lock view's first words are in it."""
    from ..store.journal import peek_setting
    code = peek_setting(path, "language") or read_display(path).get("language")
    return code if code in LANGUAGES else system_language()


def forget_display(journal_path) -> None:
    """The journal is plain again (decrypt): its choices are read from it directly."""
    display_path(journal_path).unlink(missing_ok=True)
