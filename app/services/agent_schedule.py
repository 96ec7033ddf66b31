"""What the reminder agent may know of an encrypted journal: the next due times only, in a small owner-only file.

The app (unlocked) writes it; `reminders watch` reads it instead of the journal when the journal is encrypted,
so the agent never needs the passphrase. It holds times and a reminder kind, no entry, note or score, and the
agent shows a discreet text for each ("SpasmLog reminder").
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from pathlib import Path

from ..core.timeutil import ensure_aware
from ..store.private import private_file

HORIZON = timedelta(days=2)  # an agent whose app stays closed for days falls back to "open the app"
DISCREET_TEXT = "SpasmLog reminder"


def schedule_path(journal_path) -> Path:
    """Beside the journal: `journal.db` → `.journal.db.reminders.json` (owner-only)."""
    journal_path = Path(journal_path).expanduser().absolute()
    return journal_path.with_name(f".{journal_path.name}.reminders.json")


def write_schedule(svc) -> Path | None:
    """Write the next due times of the open journal (None for a journal in memory); atomic, 0600."""
    if svc.path is None:
        return None
    now = svc.now()
    due = [{"at": r["at"].isoformat(), "kind": r["kind"]} for r in svc.reminders.between(now, now + HORIZON)]
    target = schedule_path(svc.path)
    with private_file(target) as fh:
        fh.write(json.dumps({"written": now.isoformat(), "due": due}).encode("utf-8"))
    return target


def read_schedule(journal_path, since: datetime, until: datetime) -> list[dict]:
    """The due times in (since, until] as {at, kind, message} with the discreet text; [] if none was written."""
    since, until = ensure_aware(since, "since"), ensure_aware(until, "until")
    try:
        data = json.loads(schedule_path(journal_path).read_text(encoding="utf-8"))
        due = [(datetime.fromisoformat(d["at"]), str(d["kind"])) for d in data["due"]]
    except (OSError, ValueError, KeyError, TypeError):
        return []
    return [{"at": at, "kind": kind, "message": DISCREET_TEXT} for at, kind in sorted(due) if since < at <= until]
