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
TIER_COLORS = {"emergency": DANGER, "urgent": URGENT, "review": REVIEW}

PAIN_COLORS = [hexc(c) for c in ("#2E7D32", "#558B2F", "#689F38", "#7CB342", "#C0A000", "#D48C00",
                                 "#E07000", "#E65100", "#D84315", "#C62828", "#B71C1C")]

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
