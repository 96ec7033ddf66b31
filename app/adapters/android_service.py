"""Android's background reminder service (p4a): woken by AlarmManager, tells what is due once, sets the next alarm."""
# The same agent as the desktop's `reminders watch` (services/agent.py), run for one look instead of a loop, with
# plyer's Android notification. Untested here (no Android SDK on the build machines): see docs/ANDROID.md.
from __future__ import annotations


def run_once() -> None:
    from ..services import open_spasmlog
    from ..services.agent import ReminderAgent
    from . import android
    from .locations import default_journal_path
    from .notify import SystemNotifier

    svc = open_spasmlog(default_journal_path())
    try:
        if svc.settings.get("remind_when_closed") == "off":
            android.schedule_wakeup(None)
            return
        agent = ReminderAgent(svc, SystemNotifier())
        agent.tick()  # catches up the last hour, tells each unclaimed reminder once (claims shared with the app)
        android.schedule_wakeup(agent.next_due)
    finally:
        svc.close()


if __name__ == "__main__":  # p4a starts the service file as a script
    import os
    import sys
    sys.path.insert(0, os.environ.get("ANDROID_ARGUMENT", "."))
    from app.adapters.android_service import run_once as _run
    _run()
