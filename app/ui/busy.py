"""Slow work (a passphrase's key derivation, converting the journal) off the main thread, its result back via Clock."""
from __future__ import annotations

import threading

from kivy.clock import Clock


def in_background(work, done, failed, name: str = "spasmlog-busy") -> threading.Thread:
    """Run work() on a thread of its own; then done(result) or failed(error) runs on the main thread (Kivy's Clock),
    so the window keeps drawing meanwhile. A thread that is still working when the app quits is dropped: the
    conversions it may run leave the old or the new file, never neither (docs/PRIVACY.md)."""
    def run():
        try:
            result = work()
        except Exception as exc:  # noqa: BLE001  (handed to the caller, on the main thread)
            Clock.schedule_once(lambda dt, error=exc: failed(error), 0)
            return
        Clock.schedule_once(lambda dt: done(result), 0)

    thread = threading.Thread(target=run, name=name, daemon=True)
    thread.start()
    return thread
