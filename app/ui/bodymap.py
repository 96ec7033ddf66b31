"""A body map of the back, drawn with canvas instructions: tap the regions that hurt (CLINICAL.md section 5 codes)."""
from kivy.graphics import Color, Ellipse, Line, RoundedRectangle
from kivy.metrics import dp
from kivy.properties import BooleanProperty, ListProperty, StringProperty
from kivy.uix.behaviors import ButtonBehavior
from kivy.uix.label import Label
from kivy.uix.widget import Widget

from ..core.guidance import codes, label
from ..core.i18n import N_, _, listed
from . import theme

# Seen from behind, the person's left side is on the viewer's left too.
# code -> (x, y from the top, width, height, corner radius) in dp on a 240 x 392 figure.
LAYOUT = {
    "neck": (92, 74, 56, 48, 12),
    "upper_back_left": (58, 126, 60, 48, 14),
    "upper_back_right": (122, 126, 60, 48, 14),
    "mid_back_left": (60, 178, 58, 48, 8),
    "mid_back_right": (122, 178, 58, 48, 8),
    "lower_back_left": (62, 230, 56, 48, 8),
    "lower_back_right": (122, 230, 56, 48, 8),
    "buttock_left": (60, 282, 58, 50, 20),
    "buttock_right": (122, 282, 58, 50, 20),
    "leg_left": (64, 336, 52, 56, 12),
    "leg_right": (124, 336, 52, 56, 12),
}
FIGURE_W, FIGURE_H = 240, 392
# The word drawn inside each region (its side is the column: 'Your left' / 'Your right' above the figure).
SHORT = {"neck": N_("Neck"), "upper_back": N_("Upper"), "mid_back": N_("Middle"), "lower_back": N_("Lower"),
         "buttock": N_("Buttock"), "leg": N_("Leg")}


def short_name(code: str) -> str:
    """'lower_back_left' -> 'Lower'."""
    return _(SHORT.get(code.removesuffix("_left").removesuffix("_right"), ""))


def region_words(selected) -> str:
    """Region codes in words, head to toe as given: 'Left lower back, left buttock'."""
    return listed(label("regions", c) for c in selected)


class BodyRegion(ButtonBehavior, Widget):
    """One tappable part of the back; `text` is its name in words."""
    code = StringProperty("")
    text = StringProperty("")
    selected = BooleanProperty(False)
    radius = dp(10)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        with self.canvas:
            self._fill_color = Color()
            self._fill = RoundedRectangle()
            self._edge_color = Color()
            self._edge = Line(width=dp(1.2))
        self._name = Label(text=short_name(self.code), font_size=theme.FONT_S)
        self.add_widget(self._name)
        self.bind(pos=self.redraw, size=self.redraw, selected=self.redraw, state=self.redraw)
        theme.THEME.bind(name=self.redraw, text_size=self.redraw)

    def redraw(self, *_):
        base = theme.HEAT if self.selected else theme.SURFACE_HI
        shade = 0.8 if self.state == "down" else 1.0
        self._fill_color.rgba = (base[0] * shade, base[1] * shade, base[2] * shade, 1)
        self._fill.pos, self._fill.size, self._fill.radius = self.pos, self.size, [self.radius]
        self._edge_color.rgba = (1, 1, 1, 0.9) if self.selected else (*theme.MUTED[:3], 0.35)
        self._edge.rounded_rectangle = (*self.pos, *self.size, self.radius)
        self._name.pos, self._name.size, self._name.font_size = self.pos, self.size, theme.FONT_S
        self._name.texture_update()  # a name wider than its part of the back (150 % text, 'Nacken') gets smaller
        room = self.width - dp(6)
        if self._name.texture_size[0] > room > 0:
            self._name.font_size = theme.FONT_S * room / self._name.texture_size[0]
        self._name.color = theme.on_color(theme.HEAT) if self.selected else theme.TEXT


class BodyMap(Widget):
    """The whole back: head and arms for orientation, a region per code; `selected` lists the chosen codes."""
    selected = ListProperty([])
    __events__ = ("on_change",)

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.size_hint_y = None
        self.height = dp(FIGURE_H + 4)
        with self.canvas.before:
            self._figure_color = Color(*theme.SURFACE_HI[:3], 0.45)
            self._head = Ellipse()
            self._arms = [RoundedRectangle(radius=[dp(10)]), RoundedRectangle(radius=[dp(10)])]
            self._spine_color = Color(*theme.MUTED[:3], 0.5)
            self._spine = Line(width=dp(1))
        self.regions = {}
        for code in codes("regions"):
            if code not in LAYOUT:
                continue  # a code without a place on the drawing still shows in words
            region = BodyRegion(code=code, text=label("regions", code))
            region.radius = dp(LAYOUT[code][4])
            region.bind(on_release=self._toggle)
            self.regions[code] = region
            self.add_widget(region)
        self._sides = [Label(text=_("Your left"), font_size=theme.FONT_S, color=theme.MUTED),
                       Label(text=_("Your right"), font_size=theme.FONT_S, color=theme.MUTED)]
        for side in self._sides:
            self.add_widget(side)
        theme.THEME.bind(name=self._recolour, text_size=self._recolour)
        self.bind(pos=self._place, size=self._place, selected=self._mark)

    def _recolour(self, *_):
        self._figure_color.rgba = (*theme.SURFACE_HI[:3], 0.45)
        self._spine_color.rgba = (*theme.MUTED[:3], 0.5)
        for side in self._sides:
            side.color, side.font_size = theme.MUTED, theme.FONT_S

    def _origin(self):
        """Top-left corner of the figure, centred in the widget."""
        # x + width / 2, not center_x: on a size event the center_x alias may not have caught up yet
        return self.x + (self.width - dp(FIGURE_W)) / 2, self.y + self.height - dp(2)

    def _box(self, x, y, w, h):
        ox, top = self._origin()
        return (ox + dp(x), top - dp(y) - dp(h)), (dp(w), dp(h))

    def _place(self, *_):
        for code, region in self.regions.items():
            x, y, w, h, _radius = LAYOUT[code]
            region.pos, region.size = self._box(x, y, w, h)
        self._head.pos, self._head.size = self._box(94, 20, 52, 52)
        for arm, x in zip(self._arms, (30, 186)):
            arm.pos, arm.size = self._box(x, 130, 24, 150)
        (sx, sy), (_, sh) = self._box(120, 126, 0, 206)
        self._spine.points = [sx, sy, sx, sy + sh]
        for side, x in zip(self._sides, (0, 160)):
            side.pos, side.size = self._box(x, 0, 80, 20)

    def _toggle(self, region):
        chosen = [c for c in self.selected if c != region.code]
        if region.code not in self.selected:
            chosen.append(region.code)
        # Keep the head-to-toe order of the code table, whatever the tapping order.
        order = list(codes("regions"))
        self.selected = sorted(chosen, key=order.index)
        self.dispatch("on_change", self.selected)

    def _mark(self, *_):
        for code, region in self.regions.items():
            region.selected = code in self.selected

    def words(self) -> str:
        """The chosen regions in words, for the line under the map."""
        return region_words(self.selected)

    def on_change(self, selected):
        pass
