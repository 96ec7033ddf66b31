"""Block network sockets (IPv4/IPv6 and name lookups) and record every attempt.

In-process: `block(monkeypatch, attempts)`. As a wrapper around a real run:
`python tests/helpers/no_network.py ATTEMPTS_FILE -m app status …` or `… ATTEMPTS_FILE main.py …`;
each attempt is appended to ATTEMPTS_FILE (libraries may swallow the error, the file still tells).
Local sockets (AF_UNIX, e.g. D-Bus for notifications) stay allowed: they never leave the machine.
"""
from __future__ import annotations

import runpy
import socket
import sys

NETWORK = {socket.AF_INET, socket.AF_INET6}


class NetworkBlocked(OSError):
    pass


def _guards(record):
    real_socket = socket.socket

    def refuse(what):
        record(what)
        raise NetworkBlocked(f"network access blocked in this test: {what}")

    class GuardedSocket(real_socket):
        def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
            if fileno is None and (socket.AF_INET if family == -1 else family) in NETWORK:
                refuse(f"socket(family={family})")
            super().__init__(family, type, proto, fileno)

    return {
        "socket": GuardedSocket,
        "create_connection": lambda *a, **k: refuse(f"create_connection{a[:1]}"),
        "getaddrinfo": lambda *a, **k: refuse(f"getaddrinfo{a[:1]}"),
        "gethostbyname": lambda *a, **k: refuse(f"gethostbyname{a[:1]}"),
    }


def block(monkeypatch, attempts: list) -> None:
    """Block network sockets for one test; `attempts` collects what was tried."""
    for name, value in _guards(attempts.append).items():
        monkeypatch.setattr(socket, name, value)


def _main() -> None:
    log_path, rest = sys.argv[1], sys.argv[2:]

    def record(what):
        with open(log_path, "a") as fh:
            fh.write(what + "\n")

    for name, value in _guards(record).items():
        setattr(socket, name, value)
    if rest[0] == "-m":
        sys.argv = [rest[1], *rest[2:]]
        runpy.run_module(rest[1], run_name="__main__", alter_sys=True)
    else:
        sys.argv = rest
        runpy.run_path(rest[0], run_name="__main__")


if __name__ == "__main__":
    _main()
