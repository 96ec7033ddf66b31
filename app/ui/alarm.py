"""Shows a delivered reminder inside the app: a popup for a session's end, a snackbar for gentle ones."""

from kivy.properties import StringProperty
from kivy.uix.modalview import ModalView

from ..core.i18n import _
from .kvfiles import load_kv

load_kv("alarm")


class AlarmPopup(ModalView):
    """Stays until tapped: the end of a session, or sessions that ended while SpasmLog was closed."""
    title = StringProperty("")
    message = StringProperty("")
    icon = StringProperty("")
    primary_text = StringProperty("OK")
    secondary_text = StringProperty("")

    def __init__(self, on_primary=None, **kwargs):
        super().__init__(**kwargs)
        self._on_primary = on_primary

    def primary(self) -> None:
        self.dismiss()
        if self._on_primary:
            self._on_primary()

    confirm = primary  # Enter


def _therapy_screen(app):
    sm = app.root_widget.ids.sm
    return sm.get_screen("therapy") if sm.has_screen("therapy") and sm.current == "therapy" else None


def present(app, delivery) -> None:
    """The in-app half of a reminder (sound and OS notification are the delivery's job)."""
    on_therapy = _therapy_screen(app)
    if delivery.kinds == ["pain_checkin"] and on_therapy is not None and on_therapy.mode == "ended":
        return  # the pain question is already on screen
    if delivery.popup or delivery.kind == "closed_while_away":
        show_popup(app, delivery, on_therapy is not None)
    elif "pain_checkin" in delivery.kinds:
        app.snack(delivery.message, _("Rate pain"), lambda: app.go("therapy"))
    else:
        app.snack(delivery.message)


def show_popup(app, delivery, on_therapy: bool) -> AlarmPopup:
    """One popup at a time: a second reminder while one is open is added to it."""
    from . import theme
    popup = getattr(app, "alarm_popup", None)
    locked = app.locker.locked  # over the lock view: discreet words, nothing about the therapy or the body
    message = _("Time is up. Unlock SpasmLog to see more.") if locked else delivery.message
    if popup is not None and popup.parent is not None:
        if message not in popup.message:
            popup.message += "\n\n" + message
        return popup
    away = delivery.kind == "closed_while_away"
    popup = AlarmPopup(title="SpasmLog" if locked else _("Session over") if away else delivery.title,
                       message=message,
                       icon=theme.ICONS["check"] if away else theme.ICONS["warning"],
                       primary_text=_("OK") if on_therapy or locked else _("Rate my pain"),
                       secondary_text="" if on_therapy or locked else _("Later"),
                       on_primary=None if on_therapy or locked else (lambda: app.go("therapy")))
    app.alarm_popup = popup
    popup.open()
    return popup
