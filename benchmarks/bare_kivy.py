"""The baseline for start-up: a bare Kivy 'hello' app, same window and environment, quits after its first frame."""
import os
import sys

os.environ.setdefault("KIVY_NO_ARGS", "1")
from kivy.config import Config  # noqa: E402

Config.set("graphics", "width", "400")
Config.set("graphics", "height", "800")
if "--no-multisampling" in sys.argv:  # the app's own graphics setting (app/launch.py), for a like-for-like figure
    Config.set("graphics", "multisamples", "0")
from kivy.app import App  # noqa: E402
from kivy.clock import Clock  # noqa: E402
from kivy.core.window import Window  # noqa: E402
from kivy.uix.label import Label  # noqa: E402


class Hello(App):
    def build(self):
        Window.bind(on_flip=self._drawn)
        return Label(text="hello")

    def _drawn(self, *_):
        Window.unbind(on_flip=self._drawn)
        Clock.schedule_once(lambda dt: self.stop(), 0)


Hello().run()
