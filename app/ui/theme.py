"""The observable theme: dark or light colours and 100/125/150 % text sizes that every kv file binds to."""
import os

import kivy
from kivy.core.text import LabelBase
from kivy.event import EventDispatcher
from kivy.metrics import dp, sp
from kivy.properties import ColorProperty, DictProperty, ListProperty, NumericProperty, StringProperty
from kivy.utils import get_color_from_hex as hexc

ICON_FONT = "Icons"
LabelBase.register(ICON_FONT, os.path.join(os.path.dirname(kivy.__file__), "data", "fonts", "DejaVuSans.ttf"))

# Each colour's role decides its contrast duty (tests/test_theme_contrast.py checks every pair in PAIRS):
# BG/SURFACE/SURFACE_HI are backgrounds; TEXT, MUTED, ACCENT, DANGER, OK, URGENT are also text colours on them;
# ICE/HEAT/REVIEW are icon colours (3:1); ACCENT_DARK, ICE_FILL, HEAT_FILL, DANGER, URGENT, REVIEW are fills
# whose text is on_color(fill); SNACK_* is the message bar, drawn inverted.
PALETTES = {
    "dark": {
        "BG": "#151B24", "SURFACE": "#202835", "SURFACE_HI": "#2B3545", "TEXT": "#EEF2F6", "MUTED": "#A9B4C2",
        "ACCENT": "#4DB6AC", "ACCENT_DARK": "#2E7D76", "ICE": "#64B5F6", "HEAT": "#FFA24C",
        "ICE_FILL": "#2F76B8", "HEAT_FILL": "#B05F10", "DANGER": "#FF7B72", "URGENT": "#FFB300",
        "REVIEW": "#7FA7F5", "OK": "#66BB6A", "SNACK_BG": "#EDF2F7", "SNACK_TEXT": "#141A24",
        "SNACK_ACTION": "#23665F",
        "CARE": "#E9A3A3",  # emergency advice already seen: the same family as DANGER, calmer
    },
    "light": {
        "BG": "#F3F5F8", "SURFACE": "#FFFFFF", "SURFACE_HI": "#E2E7EE", "TEXT": "#141A22", "MUTED": "#4A5462",
        "ACCENT": "#00695C", "ACCENT_DARK": "#00695C", "ICE": "#1565C0", "HEAT": "#A84300",
        "ICE_FILL": "#1565C0", "HEAT_FILL": "#A84300", "DANGER": "#C62828", "URGENT": "#8A5300",
        "REVIEW": "#2F55B0", "OK": "#256B29", "SNACK_BG": "#263238", "SNACK_TEXT": "#FFFFFF",
        "SNACK_ACTION": "#80CBC4",
        "CARE": "#F2C4C4",
    },
}
THEMES = tuple(PALETTES)
TEXT_SIZES = (100, 125, 150)

# (foreground, background, minimum ratio): text 4.5:1, large text (FONT_L and up) and icons/controls 3:1.
_BACKS = ("BG", "SURFACE", "SURFACE_HI")
PAIRS = ([(fg, bg, 4.5) for fg in ("TEXT", "MUTED", "ACCENT", "DANGER", "OK", "URGENT") for bg in _BACKS]
         + [(fg, bg, 3.0) for fg in ("ICE", "HEAT", "REVIEW", "URGENT", "OK") for bg in _BACKS]
         + [(fill, "SURFACE", 3.0) for fill in ("ACCENT_DARK", "ICE_FILL", "HEAT_FILL")]  # primary buttons on cards
         + [("SNACK_TEXT", "SNACK_BG", 4.5), ("SNACK_ACTION", "SNACK_BG", 4.5)])
# Fills drawn under text whose colour is on_color(fill): buttons, selected chips, banners, the heat/ice buttons.
FILLS = ("ACCENT", "ACCENT_DARK", "SURFACE_HI", "SURFACE", "ICE_FILL", "HEAT_FILL", "DANGER", "URGENT", "REVIEW",
         "HEAT", "OK", "CARE")

# 8 is #D54013, a shade under Material's #D84315: white on it is 4.6:1 (4.4:1 before), so every score's digit reaches 4.5:1.
# The pain colours are the same in both themes, and always drawn with their number (never colour alone).
PAIN_HEX = ("#2E7D32", "#558B2F", "#689F38", "#7CB342", "#C0A000", "#D48C00",
            "#E07000", "#E65100", "#D54013", "#C62828", "#B71C1C")

# Text drawn on a filled colour: white on dark fills, this near-black on light ones (see on_color).
ON_DARK = (1, 1, 1, 1)
ON_LIGHT = hexc("#0D1219")

PAD = dp(16)
GAP = dp(10)
RADIUS = dp(14)
BASE_FONTS = {"FONT_S": 14, "FONT_M": 16, "FONT_L": 20, "FONT_XL": 34, "FONT_HUGE": 52}

ICONS = {"today": "\u2302", "episode": "\u271a", "therapy": "\u2744", "journal": "\u2630",
         "trends": "\u25b2", "meds": "\u2695", "settings": "\u2699", "warning": "\u26a0",
         "ice": "\u2744", "heat": "\u2668", "check": "\u2713", "close": "\u2715", "back": "\u25c0",
         "edit": "\u270e", "delete": "\u2716", "export": "\u21e9", "flag": "\u2691", "more": "\u2261"}


def luminance(rgba) -> float:
    """WCAG 2 relative luminance of a colour (0-1 channels; alpha ignored)."""
    def lin(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (lin(c) for c in rgba[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    """WCAG 2 contrast ratio of two colours, 1 to 21 (4.5 is the minimum for normal text)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(fill, backdrop) -> tuple:
    """White or near-black, whichever reads best on `fill` seen over `backdrop` (for see-through fills)."""
    alpha = fill[3] if len(fill) > 3 else 1
    seen = [alpha * f + (1 - alpha) * g for f, g in zip(fill[:3], backdrop[:3])]
    return ON_DARK if contrast(ON_DARK, seen) >= contrast(ON_LIGHT, seen) else ON_LIGHT


class Theme(EventDispatcher):
    """The live theme: kv binds to its properties (`#:import theme app.ui.theme.THEME`), so apply() recolours
    and resizes every widget at once."""
    name = StringProperty("dark")
    text_size = NumericProperty(100)
    SCALE = NumericProperty(1.0)  # text_size / 100, for boxes that must grow with their text
    BG = ColorProperty(hexc(PALETTES["dark"]["BG"]))
    SURFACE = ColorProperty()
    SURFACE_HI = ColorProperty()
    TEXT = ColorProperty()
    MUTED = ColorProperty()
    ACCENT = ColorProperty()
    ACCENT_DARK = ColorProperty()
    ICE = ColorProperty()
    HEAT = ColorProperty()
    ICE_FILL = ColorProperty()
    HEAT_FILL = ColorProperty()
    DANGER = ColorProperty()
    URGENT = ColorProperty()
    REVIEW = ColorProperty()
    OK = ColorProperty()
    SNACK_BG = ColorProperty()
    SNACK_TEXT = ColorProperty()
    SNACK_ACTION = ColorProperty()
    CARE = ColorProperty()
    TIER_COLORS = DictProperty()
    PAIN_COLORS = ListProperty([hexc(c) for c in PAIN_HEX])
    FONT_S = NumericProperty()
    FONT_M = NumericProperty()
    FONT_L = NumericProperty()
    FONT_XL = NumericProperty()
    FONT_HUGE = NumericProperty()
    TOUCH = NumericProperty(dp(52))  # every touch target is at least 48 dp; taller with larger text
    NAV_H = NumericProperty(dp(64))  # the bottom tabs
    ICON_FONT = ICON_FONT
    ICONS = ICONS
    PAD, GAP, RADIUS, BASE_FONTS = PAD, GAP, RADIUS, BASE_FONTS

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.apply("dark", 100)

    def apply(self, name=None, text_size=None) -> None:
        """Switch palette and/or text size (unknown values raise ValueError; settings checks them first)."""
        name = self.name if name is None else name
        size = int(self.text_size if text_size is None else text_size)
        if name not in PALETTES or size not in TEXT_SIZES:
            raise ValueError(f"theme {name!r} / text size {size!r}")
        for key, value in PALETTES[name].items():
            setattr(self, key, hexc(value))
        self.TIER_COLORS = {"emergency": self.DANGER, "urgent": self.URGENT, "review": self.REVIEW, "care": self.CARE}
        scale = size / 100
        for key, base in BASE_FONTS.items():
            setattr(self, key, sp(base) * scale)
        self.SCALE = scale
        self.TOUCH = dp(52) * (1 + (scale - 1) * 0.6)
        self.NAV_H = dp(64) * (1 + (scale - 1) * 0.5)
        self.name, self.text_size = name, size

    def on_color(self, fill):
        """The text colour, white or near-black, that reads best on `fill` (a see-through fill is taken over BG)."""
        return text_on(fill, self.BG)

    def on_pain(self, score) -> tuple:
        """The text colour for a pain score's digits on its own colour."""
        return self.on_color(self.PAIN_COLORS[int(score)])


THEME = Theme()


def on_color(fill):
    """The text colour that reads best on `fill` in the current theme."""
    return THEME.on_color(fill)


def on_pain(score) -> tuple:
    return THEME.on_pain(score)


def __getattr__(name):
    """theme.BG, theme.FONT_M … from Python read the live theme, as the kv files do."""
    if name.isupper() and hasattr(Theme, name):
        return getattr(THEME, name)
    raise AttributeError(name)
