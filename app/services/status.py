"""The state now, as one object: open episode, therapy, flags and reminders (the CLI's status)."""
from __future__ import annotations

from ..core.timeutil import iso_local


def build_status(svc) -> dict:
    """Everything `status` reports, with datetimes still as datetimes."""
    now = svc.now()
    episode = svc.entries.open_episode()
    return {
        "at": now,
        "episode": svc.entries.episode_summary(episode, now) if episode else None,
        "flags": svc.flags.open_flags(),
        "reminders": [],
    }


def status_json(status: dict) -> dict:
    """The status object of DESIGN.md: times as ISO-8601 with their UTC offset."""
    episode = status["episode"]
    out = {"at": iso_local(status["at"]),
           "episode": None if episode is None else {
               "id": episode["id"], "started": iso_local(episode["started"]), "hours": episode["hours"]}}
    for key in ("session", "ice", "heat"):
        if key in status:
            out[key] = _jsonable(status[key])
    out["flags"] = [_jsonable(f) for f in status["flags"]]
    out["reminders"] = [_jsonable(r) for r in status["reminders"]]
    return out


def _jsonable(value):
    from datetime import datetime
    if isinstance(value, datetime):
        return iso_local(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value
