"""OS notifications for reminders: plyer's backend where there is one, else D-Bus directly (Linux)."""

from __future__ import annotations

import importlib
import logging
import os
import sys
import warnings

from ..core.i18n import N_, _

log = logging.getLogger("spasmlog.notify")

APP_NAME = "SpasmLog"
BUS_NAME = "org.freedesktop.Notifications"  # the freedesktop.org notification spec
OBJECT_PATH = "/org/freedesktop/Notifications"
NOTIFY_SIGNATURE = "susssasa{sv}i"  # app, replaces id, icon, summary, body, actions, hints, ms

AVAILABLE = N_("System notifications are on: reminders also appear outside SpasmLog.")
UNAVAILABLE = N_(
    "System notifications are not available on this computer: {why}. "
    "Reminders still show inside SpasmLog."
)
# The {why} part, plain and short.
NO_SESSION_BUS = N_("no desktop session was found")
BUS_UNREACHABLE = N_("the desktop session did not answer")
NO_SERVICE = N_("no notification service was found")
NO_BACKEND = N_("no way to reach the notification service is installed")
REFUSED = N_("the notification service did not accept the reminder")
FAILED = N_("showing the notification failed")


class _Undelivered(Exception):
    """A notification could not be shown; the message is the plain {why} for Settings."""


def _plyer_backend():
    """plyer's notification backend for this platform, or None when plyer has none.

    Chosen the way plyer's own proxy chooses (platforms/<os>/notification.instance()), but
    without printing tracebacks or warnings, and fresh each call so PATH changes are seen.
    On Linux plyer tries, in order: the Flatpak portal (if /app exists), the dbus-python
    module (NotifyDbus), the notify-send program (NotifySendNotification); with none it
    warns and returns the bare facade, whose notify() raises NotImplementedError.
    """
    try:
        from plyer.facades import Notification
        from plyer.utils import platform

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            module = importlib.import_module(f"plyer.platforms.{platform}.notification")
            backend = module.instance()
    except Exception as exc:  # a platform module whose own imports fail (e.g. no pyobjus)
        log.debug("plyer has no notification backend here: %s", exc)
        return None
    if type(backend) is Notification:
        return None
    return backend


def _is_linux() -> bool:
    return sys.platform.startswith("linux") and not os.environ.get("ANDROID_ARGUMENT")


class _SessionBus:
    """One short-lived connection to the D-Bus session bus (jeepney, pure Python)."""

    def __init__(self, timeout: float) -> None:
        self.timeout = timeout
        self.address = os.environ.get("DBUS_SESSION_BUS_ADDRESS", "").strip()
        self.conn = None

    def __enter__(self) -> "_SessionBus":
        if not self.address:
            raise _Undelivered(NO_SESSION_BUS)
        try:
            from jeepney.io.blocking import open_dbus_connection
        except ImportError as exc:
            raise _Undelivered(NO_BACKEND) from exc
        try:
            self.conn = open_dbus_connection(bus=self.address, auth_timeout=self.timeout)
        except Exception as exc:  # no socket, refused, bad address, failed auth
            log.debug("session bus %s unreachable: %s", self.address, exc)
            raise _Undelivered(BUS_UNREACHABLE) from exc
        return self

    def __exit__(self, *exc_info) -> None:
        if self.conn is not None:
            self.conn.close()

    def call(self, message, why_if_error: str):
        """Send a method call, wait for its reply body; an error reply raises _Undelivered."""
        from jeepney import MessageType

        try:
            reply = self.conn.send_and_get_reply(message, timeout=self.timeout)
        except Exception as exc:  # timeout, connection dropped
            raise _Undelivered(BUS_UNREACHABLE) from exc
        if reply.header.message_type == MessageType.error:
            log.debug("D-Bus error reply: %s", reply.body[:1])
            raise _Undelivered(why_if_error)
        return reply.body

    def require_notification_service(self) -> None:
        """Raise unless a notification server runs on the bus or can be started by it."""
        from jeepney.bus_messages import message_bus

        (owned,) = self.call(message_bus.NameHasOwner(BUS_NAME), BUS_UNREACHABLE)
        if owned:
            return
        (names,) = self.call(message_bus.ListActivatableNames(), BUS_UNREACHABLE)
        if BUS_NAME not in names:
            raise _Undelivered(NO_SERVICE)

    def notify(self, app_name: str, title: str, message: str, timeout_ms: int) -> int:
        """Call org.freedesktop.Notifications.Notify; returns the server's notification id."""
        from jeepney import DBusAddress, new_method_call

        target = DBusAddress(OBJECT_PATH, bus_name=BUS_NAME, interface=BUS_NAME)
        hints = {"urgency": ("y", 1)}  # 1 = normal: a reminder, not an emergency
        call = new_method_call(
            target, "Notify", NOTIFY_SIGNATURE,
            (app_name, 0, "", title, message, [], hints, timeout_ms),
        )
        (notification_id,) = self.call(call, REFUSED)
        return notification_id


class SystemNotifier:
    """The Notifier the app uses: plyer where it has a backend; on Linux, D-Bus via jeepney.

    On Linux the session bus is checked for a notification server before plyer is used,
    because plyer's notify-send backend ignores notify-send's exit status and so cannot
    tell us it failed. `last_route` says how the last notification went: "plyer" or "dbus".
    """

    def __init__(self, app_name: str = APP_NAME, timeout: int = 10, bus_timeout: float = 2.0):
        self.app_name = app_name
        self.timeout = timeout  # seconds the notification stays on screen
        self.bus_timeout = bus_timeout  # seconds to wait for the bus before giving up
        self.last_route: str | None = None

    def notify(self, title: str, message: str) -> bool:
        self.last_route = None
        try:
            self.last_route = self._deliver(str(title), str(message))
        except _Undelivered as exc:
            log.warning("Notification %r not shown: %s", title, exc)
            return False
        except Exception as exc:  # a reminder must never take the app down
            log.warning("Notification %r not shown: %s", title, type(exc).__name__)
            return False
        log.info("Notification %r shown via %s", title, self.last_route)
        return True

    def status(self) -> tuple[bool, str]:
        try:
            if _is_linux():
                with _SessionBus(self.bus_timeout) as bus:
                    bus.require_notification_service()
            elif _plyer_backend() is None:
                raise _Undelivered(NO_SERVICE)
        except _Undelivered as exc:
            return False, _(UNAVAILABLE).format(why=_(str(exc)))
        except Exception:
            return False, _(UNAVAILABLE).format(why=_(FAILED))
        return True, _(AVAILABLE)

    def _deliver(self, title: str, message: str) -> str:
        backend = _plyer_backend()
        if not _is_linux():
            if backend is None:
                raise _Undelivered(NO_SERVICE)
            self._plyer_notify(backend, title, message)
            return "plyer"
        with _SessionBus(self.bus_timeout) as bus:
            bus.require_notification_service()
            if backend is not None:
                try:
                    self._plyer_notify(backend, title, message)
                    return "plyer"
                except Exception as exc:  # e.g. dbus-python present but broken: use our own way
                    log.info("plyer could not notify (%s); using D-Bus directly", type(exc).__name__)
            bus.notify(self.app_name, title, message, self.timeout * 1000)
            return "dbus"

    def _plyer_notify(self, backend, title: str, message: str) -> None:
        backend.notify(title=title, message=message, app_name=self.app_name, timeout=self.timeout)
