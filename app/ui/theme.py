"""One calm dark theme: colours, sizes and the icon font, used by every kv file."""
from kivy.core.text import LabelBase
from kivy.metrics import dp, sp
from kivy.utils import get_color_from_hex as hexc
import os

import kivy

ICON_FONT = "Icons"
LabelBase.register(ICON_FONT, os.path.join(os.path.dirname(kivy.__file__), "data", "fonts", "DejaVuSans.ttf"))

BG = hexc("#151B24")
SURFACE = hexc("#202835")
SURFACE_HI = hexc("#2B3545")
TEXT = hexc("#EEF2F6")
MUTED = hexc("#A9B4C2")
ACCENT = hexc("#4DB6AC")
ACCENT_DARK = hexc("#2E7D76")
ICE = hexc("#64B5F6")
HEAT = hexc("#FFA24C")
DANGER = hexc("#EF5350")
URGENT = hexc("#FFB300")
REVIEW = hexc("#7FA7F5")
OK = hexc("#66BB6A")
CARE = hexc("#E9A3A3")  # emergency advice already seen: the same family as DANGER, calmer
TIER_COLORS = {"emergency": DANGER, "urgent": URGENT, "review": REVIEW, "care": CARE}

# 8 is #D54013, a shade under Material's #D84315: white on it is 4.6:1 (4.4:1 before), so every score's digit reaches 4.5:1.
PAIN_COLORS = [hexc(c) for c in ("#2E7D32", "#558B2F", "#689F38", "#7CB342", "#C0A000", "#D48C00",
                                 "#E07000", "#E65100", "#D54013", "#C62828", "#B71C1C")]

# Text drawn on a filled colour: white on dark fills, this near-black on light ones (see on_color).
ON_DARK = (1, 1, 1, 1)
ON_LIGHT = hexc("#0D1219")

PAD = dp(16)
GAP = dp(10)
TOUCH = dp(52)          # every touch target is at least 48 dp
RADIUS = dp(14)
FONT_S = sp(14)
FONT_M = sp(16)
FONT_L = sp(20)
FONT_XL = sp(34)
FONT_HUGE = sp(52)

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


def on_color(fill):
    """The text colour, white or near-black, that reads best on `fill` (a see-through fill is taken over BG)."""
    alpha = fill[3] if len(fill) > 3 else 1
    seen = [alpha * f + (1 - alpha) * g for f, g in zip(fill[:3], BG[:3])]
    return ON_DARK if contrast(ON_DARK, seen) >= contrast(ON_LIGHT, seen) else ON_LIGHT


def on_pain(score) -> tuple:
    """The text colour for a pain score's digits on its own colour."""
    return on_color(PAIN_COLORS[int(score)])
