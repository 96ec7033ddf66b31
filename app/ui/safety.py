"""The last net under the app: an error no screen caught is logged and said in one line; the window stays open."""
from __future__ import annotations

from kivy.base import ExceptionHandler, ExceptionManager
from kivy.logger import Logger


class KeepRunning(ExceptionHandler):
    """Kivy hands it any exception that reached the main loop (a callback of ours with a bug): the details go to
    the log and to `errors` (the UI tests fail on any), the person reads the app's plain line, and the app goes on.
    Ctrl+C and a deliberate exit still end the app."""

    def __init__(self, app):
        super().__init__()
        self.app = app
        self.errors: list[BaseException] = []

    def handle_exception(self, inst):
        if not isinstance(inst, Exception):
            return ExceptionManager.RAISE
        self.errors.append(inst)
        Logger.error("SpasmLog: unexpected error", exc_info=inst)
        try:
            from .screens.base import SOMETHING_WRONG
            from ..core.i18n import _
            self.app.snack(_(SOMETHING_WRONG))
        except Exception:  # noqa: BLE001  (the window itself is broken: the log has it)
            pass
        return ExceptionManager.PASS


def install(app) -> KeepRunning:
    handler = KeepRunning(app)
    ExceptionManager.add_handler(handler)
    return handler


def remove(handler: KeepRunning) -> None:
    if handler in ExceptionManager.handlers:
        ExceptionManager.remove_handler(handler)
