"""Generate assets/icon.png, SpasmLog's 512 x 512 icon: a curved spine of vertebrae inside a timer ring (run: python assets/make_icon.py)."""

import math
from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 512
SCALE = 4  # drawn 4x larger, then shrunk: smooth edges without an anti-aliasing option
BG = (21, 27, 36)  # theme.BG
ACCENT = (77, 182, 172)  # theme.ACCENT
ICE = (100, 181, 246)  # theme.ICE
HEAT = (255, 162, 76)  # theme.HEAT
BONE = (238, 242, 246)  # theme.TEXT
VERTEBRAE = 6


def draw() -> Image.Image:
    s = SIZE * SCALE
    img = Image.new("RGBA", (s, s), (0, 0, 0, 0))
    d = ImageDraw.Draw(img)
    d.rounded_rectangle([0, 0, s - 1, s - 1], radius=int(s * 0.22), fill=BG)
    # The timer ring: ice blue for two thirds, heat orange for the rest, on a faint full circle.
    box = [s * 0.12, s * 0.12, s * 0.88, s * 0.88]
    width = int(s * 0.045)
    d.ellipse(box, outline=(43, 53, 69), width=width)
    d.arc(box, start=-90, end=150, fill=ICE, width=width)
    d.arc(box, start=160, end=260, fill=HEAT, width=width)
    # The spine: rounded vertebrae along a gentle S curve, widest at the bottom (the lower back).
    top, bottom = s * 0.29, s * 0.72
    step = (bottom - top) / (VERTEBRAE - 1)

    def centre(i: float) -> float:
        return s * 0.5 + s * 0.05 * math.sin(i / (VERTEBRAE - 1) * math.pi * 1.5)

    cord = [(centre(i / 4), top + i / 4 * step) for i in range(4 * (VERTEBRAE - 1) + 1)]
    d.line(cord, fill=(120, 134, 152), width=int(s * 0.035), joint="curve")
    for i in range(VERTEBRAE):
        y = top + i * step
        x = centre(i)
        w = s * (0.17 + 0.022 * i)
        h = step * 0.74
        colour = ACCENT if i == VERTEBRAE - 2 else BONE  # the sore one
        d.rounded_rectangle([x - w / 2, y - h / 2, x + w / 2, y + h / 2], radius=int(h * 0.45), fill=colour)
    return img.resize((SIZE, SIZE), Image.LANCZOS)


if __name__ == "__main__":
    out = Path(__file__).resolve().parent / "icon.png"
    draw().save(out, optimize=True)
    print(f"wrote {out}")
