"""Baseline for Journal scrolling: a bare Kivy RecycleView with rows drawn like the Journal's (same widgets, no
journal, every row in memory from the start, the same graphics settings), scrolled the same way. Prints one JSON line.

Usage: python benchmarks/bare_recycleview.py ROWS
"""
import json
import os
import sys

os.environ.setdefault("KIVY_NO_ARGS", "1")
os.environ.setdefault("KIVY_NO_CONSOLELOG", "1")
from kivy.config import Config  # noqa: E402

Config.set("graphics", "width", "400")
Config.set("graphics", "height", "800")
Config.set("graphics", "multisamples", "0")  # as the app sets it (app/launch.py): compare like with like
from kivy.app import App  # noqa: E402
from kivy.clock import Clock  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.lang import Builder  # noqa: E402

from frame_meter import FrameMeter, flick  # noqa: E402

KV = """
<BareRow@BoxLayout>:
    time_text: ""
    glyph: ""
    summary: ""
    detail: ""
    spacing: dp(8)
    padding: dp(8), dp(4), 0, dp(4)
    canvas.before:
        Color:
            rgba: 0.15, 0.18, 0.22, 1
        RoundedRectangle:
            pos: self.x, self.y + dp(2)
            size: self.width, self.height - dp(4)
            radius: [dp(10)]
    Label:
        text: root.time_text
        size_hint_x: None
        width: dp(44)
    Label:
        text: root.glyph
        bold: True
        size_hint: None, None
        size: dp(36), dp(36)
        pos_hint: {"center_y": 0.5}
    BoxLayout:
        orientation: "vertical"
        Label:
            text: root.summary
            text_size: self.size
            halign: "left"
            valign: "middle"
            shorten: True
        Label:
            text: root.detail
            text_size: self.size
            halign: "left"
            valign: "middle"
            shorten: True
    Button:
        text: "x"
        size_hint_x: None
        width: dp(48)

RecycleView:
    viewclass: "BareRow"
    bar_width: dp(6)
    RecycleBoxLayout:
        default_size: None, dp(68)
        default_size_hint: 1, None
        size_hint_y: None
        height: self.minimum_height
        orientation: "vertical"
"""


class Bare(App):
    def build(self):
        rows = int(sys.argv[1])
        rv = Builder.load_string(KV)
        rv.data = [{"time_text": f"{i % 24:02d}:{i % 60:02d}", "glyph": str(i % 11), "summary": f"Pain {i % 11}/10",
                    "detail": ("Moderate", "Mild · after ice", "Severe · after medication")[i % 3]}
                   for i in range(rows)]
        self.meter = FrameMeter()
        Window.bind(on_flip=self.meter.on_flip)
        Clock.schedule_once(lambda dt: self.scroll(rv), 0.8)
        return rv

    def scroll(self, rv):
        self.meter.running = True
        steps = {"n": 0}

        def step(dt):
            flick(rv, 60)
            steps["n"] += 1
            if steps["n"] >= 600:
                self.stop()
                return False
        Clock.schedule_interval(step, 0)


if __name__ == "__main__":
    app = Bare()
    app.run()
    print(json.dumps(app.meter.summary()))
