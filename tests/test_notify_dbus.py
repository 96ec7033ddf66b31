"""Reminders reach a real D-Bus notification server, through plyer and through our fallback."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading

import pytest

jeepney = pytest.importorskip("jeepney")
from jeepney import HeaderFields, MessageType, new_error, new_method_return  # noqa: E402
from jeepney.bus_messages import message_bus  # noqa: E402
from jeepney.io.blocking import open_dbus_connection  # noqa: E402

from app.adapters import notify  # noqa: E402
from tests.helpers.processes import end  # noqa: E402
from app.adapters.notify import SystemNotifier  # noqa: E402
from app.services.ports import Notifier, NullNotifier  # noqa: E402

TITLE = "Ice: time to stop"
MESSAGE = "Take the ice pack off now – 10 minutes is enough. Next ice from 11:20."

# A private session bus: only this test's processes, a socket in a throwaway folder.
BUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path={socket}</listen>
  <auth>EXTERNAL</auth>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


@pytest.fixture
def bus_address(monkeypatch):
    """Start dbus-daemon on a private socket, point DBUS_SESSION_BUS_ADDRESS at it, stop it after."""
    if not shutil.which("dbus-daemon"):
        pytest.skip("dbus-daemon is not installed (Debian package 'dbus'; .ci/run installs it)")
    folder = tempfile.mkdtemp(prefix="slbus")  # short path: unix socket paths max ~107 bytes
    config = os.path.join(folder, "bus.conf")
    with open(config, "w") as f:
        f.write(BUS_CONFIG.format(socket=os.path.join(folder, "bus")))
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    )
    try:
        address = daemon.stdout.readline().strip()  # printed once the bus listens
        assert address.startswith("unix:"), "dbus-daemon did not start"
        monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", address)
        yield address
    finally:
        end(daemon, timeout=5)
        daemon.stdout.close()
        shutil.rmtree(folder, ignore_errors=True)


class FakeNotificationServer:
    """Owns org.freedesktop.Notifications on the bus and records every Notify call."""

    def __init__(self, address: str, refuse: bool = False):
        self.calls: list[tuple] = []
        self.arrived = threading.Event()
        self.refuse = refuse
        self._stop = threading.Event()
        self.conn = open_dbus_connection(bus=address)
        reply = self.conn.send_and_get_reply(message_bus.RequestName(notify.BUS_NAME), timeout=5)
        assert reply.body == (1,), "could not own the notification name"  # 1 = primary owner
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                msg = self.conn.receive(timeout=0.05)
            except TimeoutError:
                continue
            except OSError:
                return
            if msg.header.message_type == MessageType.method_call:
                self.conn.send(self._answer(msg))

    def _answer(self, msg):
        member = msg.header.fields.get(HeaderFields.member)
        if member == "Notify" and not self.refuse:
            self.calls.append(msg.body)
            self.arrived.set()
            return new_method_return(msg, "u", (len(self.calls),))
        if member == "GetServerInformation":  # notify-send asks this first
            return new_method_return(msg, "ssss", ("fake", "spasmlog-tests", "1.0", "1.2"))
        if member == "GetCapabilities":
            return new_method_return(msg, "as", (["body"],))
        return new_error(msg, "org.freedesktop.DBus.Error.UnknownMethod")

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)
        self.conn.close()

    def only_call(self) -> dict:
        assert self.arrived.wait(timeout=60), "no Notify call arrived"  # at once when it comes; a loaded bus may lag
        assert len(self.calls) == 1
        names = ("app_name", "replaces_id", "icon", "summary", "body", "actions", "hints", "timeout")
        return dict(zip(names, self.calls[0]))


@pytest.fixture
def server(bus_address):
    srv = FakeNotificationServer(bus_address)
    yield srv
    srv.stop()


@pytest.fixture
def no_dbus_python(monkeypatch):
    """Make plyer's `import dbus` fail, as on these machines, whatever is installed."""
    monkeypatch.setitem(sys.modules, "dbus", None)
    if os.path.isdir("/app"):
        pytest.skip("/app exists, so plyer would use the Flatpak portal")


@pytest.fixture
def no_notify_send(monkeypatch, tmp_path):
    """A PATH without notify-send, so plyer is left with no Linux backend at all."""
    monkeypatch.setenv("PATH", str(tmp_path))


needs_linux = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="D-Bus is Linux's")


@needs_linux
def test_plyer_notify_send_backend_delivers_the_reminder(server, no_dbus_python):
    if not shutil.which("notify-send"):
        pytest.skip("notify-send is not installed (Debian package libnotify-bin; .ci/run installs it)")
    assert type(notify._plyer_backend()).__name__ == "NotifySendNotification"
    notifier = SystemNotifier()

    assert notifier.notify(TITLE, MESSAGE) is True

    assert notifier.last_route == "plyer"
    call = server.only_call()
    assert (call["app_name"], call["summary"], call["body"]) == ("SpasmLog", TITLE, MESSAGE)


@needs_linux
def test_fallback_talks_dbus_when_plyer_has_no_backend(server, no_dbus_python, no_notify_send):
    assert notify._plyer_backend() is None
    notifier = SystemNotifier(timeout=30)

    assert notifier.notify(TITLE, MESSAGE) is True

    assert notifier.last_route == "dbus"
    call = server.only_call()
    assert (call["app_name"], call["summary"], call["body"]) == ("SpasmLog", TITLE, MESSAGE)
    assert call["timeout"] == 30_000 and call["replaces_id"] == 0


@needs_linux
def test_fallback_also_catches_a_plyer_backend_that_raises(server, monkeypatch):
    class Broken:
        def notify(self, **kwargs):
            raise RuntimeError("dbus-python half installed")

    monkeypatch.setattr(notify, "_plyer_backend", Broken)
    notifier = SystemNotifier()

    assert notifier.notify(TITLE, MESSAGE) is True
    assert notifier.last_route == "dbus"
    assert server.only_call()["summary"] == TITLE


@needs_linux
def test_status_says_available_when_a_server_listens(server):
    assert SystemNotifier().status() == (True, notify.AVAILABLE)


@pytest.mark.parametrize("path_has_notify_send", [True, False])
def test_no_bus_at_all_returns_false_and_says_why(monkeypatch, tmp_path, path_has_notify_send):
    monkeypatch.delenv("DBUS_SESSION_BUS_ADDRESS", raising=False)
    if not path_has_notify_send:
        monkeypatch.setenv("PATH", str(tmp_path))
    notifier = SystemNotifier()

    assert notifier.notify(TITLE, MESSAGE) is False
    available, reason = notifier.status()
    assert available is False
    assert reason.endswith("Reminders still show inside SpasmLog.")
    if sys.platform.startswith("linux"):
        assert notify.NO_SESSION_BUS in reason


@needs_linux
def test_a_bus_nobody_listens_on_is_unavailable(monkeypatch, tmp_path):
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path}/no-such-socket")
    notifier = SystemNotifier()

    assert notifier.notify(TITLE, MESSAGE) is False
    assert notifier.status() == (False, notify.UNAVAILABLE.format(why=notify.BUS_UNREACHABLE))


@needs_linux
def test_a_bus_without_notification_service_is_unavailable(bus_address):
    notifier = SystemNotifier()

    assert notifier.notify(TITLE, MESSAGE) is False
    assert notifier.status() == (False, notify.UNAVAILABLE.format(why=notify.NO_SERVICE))


@needs_linux
def test_a_server_that_refuses_gives_false(bus_address, no_dbus_python, no_notify_send):
    srv = FakeNotificationServer(bus_address, refuse=True)
    try:
        assert SystemNotifier().notify(TITLE, MESSAGE) is False
    finally:
        srv.stop()


@needs_linux
def test_logs_name_the_title_but_never_the_message(server, caplog, no_dbus_python, no_notify_send):
    caplog.set_level("DEBUG", logger="spasmlog")
    SystemNotifier().notify(TITLE, MESSAGE)
    server.stop()
    SystemNotifier().notify(TITLE, MESSAGE)  # now undeliverable: logs a warning

    assert any(TITLE in r.getMessage() for r in caplog.records)
    assert not any(MESSAGE in r.getMessage() for r in caplog.records)


def test_adapters_satisfy_the_port():
    assert isinstance(SystemNotifier(), Notifier)
    assert isinstance(NullNotifier(), Notifier)
    assert NullNotifier().notify(TITLE, MESSAGE) is False
    assert NullNotifier().status()[0] is False


def test_plyer_stays_off_the_import_path():
    code = "import sys, app.adapters.notify, app.services.ports; print('plyer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
