"""Android (python-for-android, pyjnius): exact alarms for the next reminder, and the app's private files folder."""
# Untested here: no Android SDK or device is reachable on the build machines (docs/ANDROID.md says what to check).
# Imported only on Android; pyjnius exists only there.
from __future__ import annotations

import os
from datetime import datetime
from pathlib import Path

PACKAGE_NAME = "org.spasmlog.spasmlog"  # buildozer.spec: package.domain + package.name
SERVICE = "Reminders"  # buildozer.spec: services = Reminders:app/adapters/android_service.py
REQUEST_CODE = 15  # one pending alarm: each new schedule replaces the last


def is_android() -> bool:
    return "ANDROID_ARGUMENT" in os.environ  # set by python-for-android's launcher, app and services alike


def _context():
    """The Activity in the app, the Service in the background service."""
    from jnius import autoclass
    activity = autoclass("org.kivy.android.PythonActivity").mActivity
    if activity is not None:
        return activity
    return autoclass("org.kivy.android.PythonService").mService


def files_dir() -> Path:
    """Context.getFilesDir(): the app's private folder (Kivy's user_data_dir); the journal lives here."""
    return Path(_context().getFilesDir().getAbsolutePath())


def can_schedule_exact() -> bool:
    """Android 12+ asks the person for 'Alarms & reminders'; Android 14 no longer grants it at install."""
    from jnius import autoclass
    if autoclass("android.os.Build$VERSION").SDK_INT < 31:
        return True
    return _context().getSystemService("alarm").canScheduleExactAlarms()


def ask_for_exact_alarms() -> None:
    """Open the system page where the person allows exact alarms for SpasmLog (ACTION_REQUEST_SCHEDULE_EXACT_ALARM)."""
    from jnius import autoclass
    Intent, Uri, Settings = (autoclass("android.content.Intent"), autoclass("android.net.Uri"),
                             autoclass("android.provider.Settings"))
    intent = Intent(Settings.ACTION_REQUEST_SCHEDULE_EXACT_ALARM, Uri.parse(f"package:{PACKAGE_NAME}"))
    _context().startActivity(intent)


def _service_intent(context):
    """A PendingIntent that starts the p4a service which tells due reminders (android_service.py)."""
    from jnius import autoclass
    Intent, PendingIntent = autoclass("android.content.Intent"), autoclass("android.app.PendingIntent")
    service = autoclass(f"{PACKAGE_NAME}.Service{SERVICE}")
    intent = Intent(context, service)
    intent.putExtra("androidArgument", os.environ.get("ANDROID_ARGUMENT", ""))
    intent.putExtra("serviceEntrypoint", "app/adapters/android_service.py")
    intent.putExtra("pythonServiceArgument", "")
    flags = PendingIntent.FLAG_UPDATE_CURRENT | PendingIntent.FLAG_IMMUTABLE
    return PendingIntent.getForegroundService(context, REQUEST_CODE, intent, flags)


def schedule_wakeup(at: datetime | None) -> str:
    """Wake the reminder service at `at` (None: cancel). Exact while allowed, else a window the system may delay.

    Returns "exact", "inexact" or "cancelled", for the log and for Settings to explain a late reminder.
    """
    from jnius import autoclass
    context = _context()
    alarms = context.getSystemService("alarm")
    pending = _service_intent(context)
    if at is None:
        alarms.cancel(pending)
        return "cancelled"
    AlarmManager = autoclass("android.app.AlarmManager")
    when_ms = int(at.timestamp() * 1000)
    if can_schedule_exact():
        alarms.setExactAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, when_ms, pending)
        return "exact"
    alarms.setAndAllowWhileIdle(AlarmManager.RTC_WAKEUP, when_ms, pending)  # Doze may delay it by minutes
    return "inexact"
