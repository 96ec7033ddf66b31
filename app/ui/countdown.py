"""The countdown ring of a running ice/heat session, and Today's small ice-and-heat card."""
from kivy.clock import Clock
from kivy.properties import BooleanProperty, ColorProperty, NumericProperty, ObjectProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.floatlayout import FloatLayout

from ..core.i18n import _
from ..core.timeutil import hhmm
from . import theme
from .kvfiles import load_kv
from .presenters.therapy import clock_text, next_words
from .widgets import Card

load_kv("countdown")


def next_text(svc, kind: str) -> str:
    """'allowed now' or 'from 11:10 · in 42 min' for one kind, from the services' rules."""
    return next_words(svc.therapy.availability(kind), svc.now(), svc.zone)


class CountdownRing(FloatLayout):
    """A ring that empties as the session runs; the remaining time sits large in the middle."""
    fraction = NumericProperty(1.0)  # share of the session still to go, 0..1
    color = ColorProperty(theme.PALETTES['dark']['ICE'])
    text = StringProperty("")
    caption = StringProperty("")


class TherapySummary(ButtonBehavior, Card):
    """Today's card: the running session (kind, time left, end) or when ice and heat are next allowed.

    It ticks once a second while its screen is shown; every figure is read from the services.
    """
    title = StringProperty("Ice & heat")
    detail = StringProperty("")
    running = BooleanProperty(False)
    kind = StringProperty("")
    screen = ObjectProperty(None)  # the screen it sits on (kv: `screen: root`): its services, and when it is shown

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._event = Clock.schedule_interval(self._tick, 1)

    def _visible(self) -> bool:
        w = self.screen
        return w is not None and w.manager is not None and w.manager.current == w.name

    def _tick(self, dt):
        if self._visible():
            self.refresh()

    def refresh(self, svc=None) -> None:
        svc = svc or (self.screen.svc if self.screen is not None else None)
        if svc is None:
            return
        try:
            cur = svc.therapy.current()
            if cur:
                label = svc.therapy.kind_label(cur.kind)
                self.running, self.kind = True, cur.kind
                self.title = _("{kind} on · {left} left").format(kind=label, left=clock_text(cur.remaining_s))
                self.detail = _("Ends {time}").format(time=hhmm(cur.ends, svc.zone)) + (
                    _(" · you may stop now") if cur.kind == "heat" and cur.may_stop else "")
            else:
                self.running, self.kind = False, ""
                self.title = _("Ice & heat")
                self.detail = _("Ice {ice}\nHeat {heat}").format(ice=next_text(svc, "ice"), heat=next_text(svc, "heat"))
        except Exception as exc:  # a card must never take Today down
            self.detail = getattr(exc, "message", "") or _("Ice and heat are not available right now.")
