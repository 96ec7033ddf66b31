"""Reusable widgets: cards, buttons, the 0-10 pain picker, banners, the snackbar."""
import re

from kivy.clock import Clock
from kivy.core.text import Label as CoreLabel
from kivy.metrics import dp
from kivy.properties import (BooleanProperty, ColorProperty, ListProperty, NumericProperty,
                             ObjectProperty, StringProperty)
from kivy.uix.boxlayout import BoxLayout
from kivy.uix.button import Button
from kivy.uix.gridlayout import GridLayout
from kivy.uix.label import Label

from . import theme
from .kvfiles import load_kv

load_kv("widgets")


class Card(BoxLayout):
    """A rounded panel that grows with its content."""
    bg = ColorProperty(theme.PALETTES['dark']['SURFACE'])


class Cover(BoxLayout):
    """A view laid over the screens (the lock, the journal problem): a touch that lands on it stops here, never
    reaching a screen beneath."""

    def on_touch_down(self, touch):
        return super().on_touch_down(touch) or self.collide_point(*touch.pos)

    def on_touch_move(self, touch):
        return super().on_touch_move(touch) or self.collide_point(*touch.pos)

    def on_touch_up(self, touch):
        return super().on_touch_up(touch) or self.collide_point(*touch.pos)


class Title(Label):
    pass


class Body(Label):
    pass


class Muted(Label):
    pass


class BigNumber(Label):
    pass


class FlatButton(Button):
    """A large, rounded touch target (at least 48 dp high)."""
    bg = ColorProperty(theme.PALETTES['dark']['SURFACE_HI'])
    icon = StringProperty("")


class PrimaryButton(FlatButton):
    bg = ColorProperty(theme.PALETTES['dark']['ACCENT_DARK'])


class Chip(Button):
    """A toggle chip (triggers, filters, regions in lists)."""
    selected = BooleanProperty(False)
    code = StringProperty("")


class NavButton(Button):
    """One tab of the bottom navigation bar."""
    screen = StringProperty("")
    icon = StringProperty("")
    title = StringProperty("")
    active = BooleanProperty(False)


def pain_columns(width: float, spacing: float, buttons: int = 11, most: int = 6) -> int:
    """Columns for the pain buttons: every button at least 48 dp wide, at most `most` a row, and the rows as even
    as that many rows allow (4-4-3 rather than 5-5-1)."""
    fit = max(1, min(most, int((width + spacing) // (dp(48) + spacing))))
    rows = -(-buttons // fit)
    return -(-buttons // rows)


class PainPicker(GridLayout):
    """Eleven buttons 0-10, coloured by band; one tap picks (and, on Today, logs) a score."""
    selected = NumericProperty(-1)
    __events__ = ("on_pick",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        for score in range(11):
            btn = PainButton(text=str(score), score=score, bg=theme.PAIN_COLORS[score])
            btn.bind(on_release=self._picked)
            self.add_widget(btn)
        self.bind(selected=self._mark, width=self._fit, spacing=self._fit)
        self._fit()

    def _fit(self, *_):
        self.cols = pain_columns(self.width, self.spacing[0], len(self.children))

    def _picked(self, btn):
        self.selected = btn.score
        self.dispatch("on_pick", btn.score)

    def _mark(self, *_):
        for child in self.children:
            child.chosen = child.score == self.selected

    def on_pick(self, score):
        pass


class PainNowRow(BoxLayout):
    """"Pain now?" (0-10 and Skip) under a treatment just started; out of the tree while not shown, so a hidden
    row can never take a touch meant for the button above it."""
    shown = BooleanProperty(False)
    question = StringProperty("")

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._home = None
        Clock.schedule_once(self._sync)

    def on_shown(self, *_):
        self._sync()

    def _sync(self, *_):
        if self.shown and self.parent is None and self._home is not None:
            parent, index = self._home
            parent.add_widget(self, index=index)
        elif not self.shown and self.parent is not None:
            self._home = (self.parent, self.parent.children.index(self))
            self.parent.remove_widget(self)


class PainButton(Button):
    score = NumericProperty(0)
    bg = ColorProperty(theme.PALETTES['dark']['SURFACE_HI'])
    chosen = BooleanProperty(False)


class Banner(BoxLayout):
    """A coloured message line (flags, hints, errors) with an optional action: beside the text, or under it when
    beside it the text would be too narrow for its words (German at 150 % on a phone)."""
    text = StringProperty("")
    tier = StringProperty("review")
    action_text = StringProperty("")
    on_action = ObjectProperty(None, allownone=True)
    stacked = BooleanProperty(False)
    font_s = NumericProperty(14)  # theme.FONT_S, bound in kv (a weak binding: banners come and go)
    MIN_TEXT_EMS = 9  # the text column keeps at least 9 x FONT_S (about 16 letters) beside the button, or the button goes under

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._longest = {}
        self._place = Clock.create_trigger(self.place_action)
        for name in ("width", "text", "action_text", "font_s"):
            self.fbind(name, self._place)
        self._place()

    def text_room(self) -> float:
        """The message's width with the button beside it (the button takes at most a third, at most 132 dp)."""
        icon = dp(24) * theme.SCALE
        button = min(dp(132), self.width / 3) if self.action_text else 0
        return self.width - self.padding[0] - self.padding[2] - icon - 2 * dp(8) - button

    def needed_room(self) -> float:
        """The narrowest the message may be: 9 x FONT_S, or its longest word (bold, to be safe) if that is wider."""
        key = (self.text, self.font_s)
        if key not in self._longest:
            words = re.sub(r"\[/?[a-z]+[^\]]*\]", "", self.text).split() or [""]
            probe = CoreLabel(font_size=self.font_s, bold=True)
            self._longest = {key: max(probe.get_extents(w)[0] for w in words) + dp(4)}
        return max(self.MIN_TEXT_EMS * self.font_s, self._longest[key])

    def place_action(self, *_):
        """Put the button beside the text, or under it across the banner."""
        if "action" not in self.ids or self.width <= 1:
            return
        stacked = bool(self.action_text) and self.text_room() < self.needed_room()
        if stacked == self.stacked:
            return
        button, row = self.ids.action, self.ids.row
        button.parent.remove_widget(button)
        self.stacked = stacked
        if stacked:
            self.add_widget(button, index=0)  # last: under the text
        else:
            row.add_widget(button, index=0)


class ErrorLine(Label):
    """A friendly line for refused input: shown in place, never a traceback."""


class Snackbar(BoxLayout):
    """A message at the bottom with an optional action (Undo) that hides by itself, never while a finger is down."""
    text = StringProperty("")
    action_text = StringProperty("")
    shown = BooleanProperty(False)
    FINGER_WAIT = 0.25  # seconds between looks for the finger to lift, once the message's time is up

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self._action = None
        self._hide = Clock.create_trigger(lambda dt: self._time_up(), 6)

    def _time_up(self) -> None:
        """Its time is up: it goes, but not while a finger is down (its strip going moves the screen under the
        finger, and the button pressed would not be the one let go): then just after the finger lifts."""
        from kivy.base import EventLoop
        if any(getattr(touch, "is_touch", False) for touch in EventLoop.me_list):
            self._hide.timeout = self.FINGER_WAIT
            self._hide()
            return
        self.hide()

    def show(self, text: str, action_text: str = "", action=None, seconds: float = 6) -> None:
        self.text, self.action_text, self._action = text, action_text, action
        self.shown = True
        self._hide.cancel()
        self._hide.timeout = seconds
        self._hide()

    def keep(self) -> None:
        """The message on show stays until it is replaced or hidden (its six seconds are a person's reading time;
        a UI test on a loaded machine can take longer than that between reading it and tapping its action)."""
        self._hide.cancel()

    def hide(self) -> None:
        self.shown = False
        self._action = None

    def act(self) -> None:
        action = self._action
        self.hide()
        if action:
            action()


class ChoiceGrid(GridLayout):
    """One answer out of a few, as big buttons in a grid (yes / no / not sure); on_choose(code) when tapped."""
    options = ListProperty([])  # [(code, words), ...]
    value = StringProperty("")
    __events__ = ("on_choose",)

    def on_kv_post(self, base_widget):
        self.on_options()
        theme.THEME.bind(name=self.on_value)

    def on_options(self, *_):
        if self.canvas is None:
            return  # options given to the constructor: built in on_kv_post
        self.clear_widgets()
        for code, words in self.options:
            btn = FlatButton(text=words)
            btn.code = code
            btn.bind(on_release=lambda b: self.dispatch("on_choose", b.code))
            self.add_widget(btn)
        self.on_value()

    def on_value(self, *_):
        for btn in self.children:
            btn.bg = theme.ACCENT_DARK if btn.code == self.value else theme.SURFACE_HI
            btn.bold = btn.code == self.value

    def on_choose(self, code):
        pass
