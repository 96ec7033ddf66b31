"""The state now, as one object: open episode, therapy, flags and reminders (the CLI's status)."""
from __future__ import annotations

from ..core.timeutil import iso_local


def build_status(svc) -> dict:
    """Everything `status` reports, with datetimes still as datetimes."""
    now = svc.now()
    episode = svc.entries.open_episode()
    therapy = svc.therapy.overview()
    return {
        "at": now,
        "zone": svc.zone,  # the clock's: every time in the status is said in it
        "episode": svc.entries.episode_summary(episode, now) if episode else None,
        "session": therapy.running, "ice": therapy.ice, "heat": therapy.heat,
        "flags": svc.flags.open_flags(),
        "reminders": svc.reminders.upcoming(5),
        # Text output only (not in the JSON): sessions closed at their planned end while the app was closed.
        "closed_while_away": [svc.therapy.closed_message(s) for s in getattr(svc, "closed_while_away", [])],
    }


def status_json(status: dict) -> dict:
    """The status object of DESIGN.md: times as ISO-8601 with their UTC offset in the status's zone."""
    episode, zone = status["episode"], status["zone"]
    out = {"at": iso_local(status["at"], zone),
           "episode": None if episode is None else {
               "id": episode["id"], "started": iso_local(episode["started"], zone), "hours": episode["hours"]}}
    for key in ("session", "ice", "heat"):
        if key in status:
            out[key] = _jsonable(_only(status[key], _KEYS[key]), zone)
    out["flags"] = [_jsonable(_only(f, _KEYS["flags"]), zone) for f in status["flags"]]
    out["reminders"] = [_jsonable(_only(r, _KEYS["reminders"]), zone) for r in status["reminders"]]
    return out


# Exactly the keys of DESIGN.md's status object; the services' results carry more (hints) for the fronts.
_KEYS = {"flags": ("code", "tier", "message"),
         "session": ("kind", "started", "ends", "remaining_s"),
         "ice": ("allowed", "next_allowed", "reason"),
         "heat": ("allowed", "next_allowed", "reason"),
         "reminders": ("at", "kind", "message")}


def _only(value, keys):
    """The named fields of a result (a core dataclass, or a dict) as a dict."""
    if value is None:
        return None
    return {k: value.get(k) if isinstance(value, dict) else getattr(value, k) for k in keys}


def _jsonable(value, zone):
    from datetime import datetime
    if isinstance(value, datetime):
        return iso_local(value, zone)
    if isinstance(value, dict):
        return {k: _jsonable(v, zone) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v, zone) for v in value]
    return value
