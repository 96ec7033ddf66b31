"""Frame timing shared by the scrolling probes: wall time between frames and main-thread CPU per frame."""
import time

HITCH_MS = 2 * 1000 / 60  # a frame that took two 60 Hz refreshes or more: a visible hitch


class FrameMeter:
    """Bind to Window.on_flip; records, while `running`, each frame's wall interval and main-thread CPU (ms).

    Main-thread CPU is the app's own work in a frame (Python, layout, text); the wall interval also holds
    waiting for the renderer (software GL here) and other processes on the machine.
    """

    def __init__(self):
        self.running = False
        self.wall_ms, self.cpu_ms = [], []
        self._last = None

    def on_flip(self, *_):
        now = (time.perf_counter(), time.thread_time())
        if self.running and self._last is not None:
            self.wall_ms.append((now[0] - self._last[0]) * 1000)
            self.cpu_ms.append((now[1] - self._last[1]) * 1000)
        self._last = now

    def summary(self) -> dict:
        out = {}
        for name, values in (("frame", self.wall_ms), ("cpu", self.cpu_ms)):
            v = sorted(values)
            out.update({f"{name}_median_ms": v[len(v) // 2], f"{name}_p95_ms": v[int(len(v) * 0.95)],
                        f"{name}_max_ms": v[-1]})
        out["frames"] = len(self.wall_ms)
        out["hitches"] = sum(1 for v in self.wall_ms if v > HITCH_MS)
        return out


def flick(rv, px: float) -> None:
    """Scroll a RecycleView down by `px` pixels (a held flick moves a fixed distance each frame)."""
    scrollable = max(1.0, rv.layout_manager.height - rv.height)
    rv.scroll_y = max(0.0, rv.scroll_y - px / scrollable)


class LoopMeter(FrameMeter):
    """Like FrameMeter, but per turn of the main loop (a Clock tick each), not per flip: Kivy flips only when
    something changed, so between flips of a still screen lie idle pauses that are not slow frames. A turn holds
    the frame's work, its drawing and its flip when there is one: the longest turn is how long the app stood still.
    Call start(Clock) once; then set `running` while measuring.
    """

    def start(self, clock) -> None:
        clock.schedule_interval(self.on_flip, 0)

