"""`reminders watch|install|uninstall|list`: the agent telling reminders while the app is closed, its login entry."""
from __future__ import annotations

from ..core.timeutil import hhmm, iso_local
from ..core.i18n import _
from .common import emit, open_services


def add_parsers(sub) -> None:
    p = sub.add_parser("reminders", help="reminders while SpasmLog is closed: watch, install, uninstall, list")
    actions = p.add_subparsers(dest="action", metavar="ACTION", required=True, parser_class=type(p))
    for name, handler, text in (
            ("watch", _watch, "run until stopped, telling each due reminder once as a system notification"),
            ("install", _install, "start 'reminders watch' at every login (XDG autostart)"),
            ("uninstall", _uninstall, "stop starting it at login; a running agent stops too"),
            ("list", _list, "what is coming, and whether the agent is installed and running")):
        a = actions.add_parser(name, help=text, description=text)
        a.add_argument("--db", metavar="PATH",
                       help="the journal file (default: $SPASMLOG_DB or journal.db in the app's data folder)")
        a.add_argument("--json", action="store_true", help="print the result as JSON")
        a.set_defaults(handler=handler, at=None)
        if name == "list":
            a.add_argument("--at", metavar="ISO-8601", help="look from this time (default: now)")


def _watch(args) -> int:
    """Runs the agent; on an encrypted journal it opens no journal (agent_schedule.py), so needs no passphrase."""
    import signal
    import sys
    import threading
    from pathlib import Path

    from ..adapters import presence
    from ..adapters.locations import default_journal_path
    from ..adapters.notify import SystemNotifier
    from ..services.agent import ReminderAgent, open_source, wait_for_conversion
    from .common import clock_for

    path = Path(args.db or default_journal_path()).expanduser().absolute()
    svc, schedule = open_source(path, clock_for(args), lambda: open_services(args))
    me = presence.Presence(path, "agent")
    try:
        if schedule.turned_off():
            emit(args, {"watching": False, "reason": "off"},
                 _("Reminders while SpasmLog is closed are turned off (Settings, or 'reminders install')."))
            return 0
        if presence.SUPPORTED and not me.hold():
            emit(args, {"watching": False, "reason": "running"}, _("The reminder agent already runs for this journal."))
            return 0
        stop = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, lambda *_: stop.set())
        emit(args, {"watching": True, "journal": str(path)},
             _("Watching {path} for reminders (Ctrl+C stops).").format(path=path))
        sys.stdout.flush()
        since = None
        # Encrypted or decrypted (or restored) while it runs: it goes on from where it was, on the new file.
        while True:
            agent = ReminderAgent(svc, SystemNotifier(), app_is_open=lambda: presence.is_running(path, "app"),
                                  schedule=schedule, since=since, report=_say)
            if agent.run(stop) != "replaced":
                break
            svc.close()
            wait_for_conversion(path, stop)
            if stop.is_set():
                break
            svc, schedule = open_source(path, clock_for(args), lambda: open_services(args))
            since = agent.since
        me.release()
        return 0
    finally:
        svc.close()


def _say(line: str) -> None:
    """A line from the running agent (reminders on hold, and going on again), at once: it runs for hours."""
    import sys
    sys.stderr.write(line + "\n")
    sys.stderr.flush()


def _journal(args):
    from pathlib import Path

    from ..adapters.locations import default_journal_path
    return Path(args.db or default_journal_path()).expanduser().absolute()


def _remind_at_login(args, on: bool):
    """Turns reminders at login on or off (the setting and the login entry), as Settings does; for an encrypted
    journal without its passphrase (the agent's schedule file holds the choice, docs/PRIVACY.md)."""
    from ..adapters.desktop import LoginEntry
    from ..services.agent import set_remind_when_closed, set_remind_when_closed_locked
    from ..services.privacy import is_encrypted
    path = _journal(args)
    if is_encrypted(path):
        return set_remind_when_closed_locked(path, on, LoginEntry())
    if not on and not path.exists():  # no journal to note it in: only the entry goes (none is made for this)
        return LoginEntry().remove()
    svc = open_services(args)
    try:
        return set_remind_when_closed(svc, on, LoginEntry())
    finally:
        svc.close()


def _install(args) -> int:
    entry = _remind_at_login(args, True)
    emit(args, {"installed": True, "entry": str(entry)},
         _("Reminders at login: on ({entry}). They start at your next login; to start them now, run "
           "'reminders watch' in the background.").format(entry=entry))
    return 0


def _uninstall(args) -> int:
    removed = _remind_at_login(args, False)
    emit(args, {"installed": False, "removed": removed},
         _("Reminders at login: off.") + ("" if removed else " " + _("(There was no login entry.)")))
    return 0


def _list(args) -> int:
    from ..adapters import desktop, presence
    from ..services.privacy import is_encrypted
    path = _journal(args)
    installed = desktop.autostart_path().exists()
    running = presence.is_running(path, "agent")
    if is_encrypted(path):  # what the agent knows: the times the app left beside the journal, no passphrase needed
        coming, on, zone = _from_schedule(args, path)
    else:
        svc = open_services(args, must_exist=True)
        try:
            coming, zone = svc.reminders.upcoming(limit=10), svc.zone
            on = svc.settings.get("remind_when_closed") == "on"
        finally:
            svc.close()
    obj = {"installed": installed, "running": running, "remind_when_closed": on,
           "reminders": [{"at": iso_local(r["at"], zone), "kind": r["kind"], "message": r["message"]} for r in coming]}
    lines = [_("Reminders while SpasmLog is closed: {state} (login entry {entry}, agent {agent}).").format(
        state=_("on") if on and installed else _("off"), entry=_("installed") if installed else _("not installed"),
        agent=_("running") if running else _("not running"))]
    lines += [f"{hhmm(r['at'], zone)} {r['message']}" for r in coming] or [_("Nothing is coming in the next 24 hours.")]
    if is_encrypted(path):
        lines.append(_("(The journal is encrypted: these are the times SpasmLog left for the agent, without their words.)"))
    emit(args, obj, "\n".join(lines))
    return 0


def _from_schedule(args, path):
    """(the next reminders in 24 hours, whether reminders while closed are on, the zone to show them in) from an
    encrypted journal's schedule."""
    from datetime import timedelta

    from ..core.timeutil import zone_of
    from ..services.agent_schedule import ScheduleFile
    from .common import clock_for
    clock, schedule = clock_for(args), ScheduleFile(path)
    now = clock()
    return schedule.due(now, now + timedelta(hours=24))[:10], not schedule.turned_off(), zone_of(clock)
