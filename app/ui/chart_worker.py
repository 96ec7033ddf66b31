"""Draws charts on a worker thread and hands each finished picture to the main thread as a Kivy texture."""
from __future__ import annotations

import queue
import threading
from typing import Callable

from kivy.clock import Clock
from kivy.logger import Logger

# matplotlib's settings are global: one drawing at a time, in the whole app (Trends and the Export screen).
DRAWING = threading.Lock()

Rgba = tuple[int, int, bytes]  # width, height, and the pixels as RGBA bytes, top row first (as Agg draws them)


class Job:
    """One chart to draw. cancel() (main thread) drops it: not drawn if not begun, not shown if finished."""

    def __init__(self, draw: Callable[[], Rgba], done: Callable, failed: Callable, key=None):
        self.draw, self.done, self.failed, self.key = draw, done, failed, key
        self.cancelled = False

    def cancel(self) -> None:
        self.cancelled = True


class ChartWorker:
    """Runs jobs one after another on a thread of its own, started when there is work and ended when there is none.

    The worker only calls draw() (matplotlib, no Kivy); the texture is made, and done(texture) or failed(exc)
    called, on the main thread through the Kivy Clock, and only for a job nobody cancelled meanwhile.
    """

    def __init__(self):
        self._jobs: queue.Queue[Job] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._lock = threading.Lock()

    def submit(self, draw: Callable[[], Rgba], done: Callable, failed: Callable, key=None) -> Job:
        """Queue draw(); `key` says which picture it is (the caller's, to tell a job still wanted)."""
        job = Job(draw, done, failed, key)
        self._jobs.put(job)
        with self._lock:
            if self._thread is None:
                # A daemon: closing the app never waits for a drawing; one under way is left behind unfinished
                # (it only fills Agg's own buffer: nothing is written, and what it would have shown is moot).
                self._thread = threading.Thread(target=self._run, name="spasmlog-charts", daemon=True)
                self._thread.start()
        return job

    def idle(self) -> bool:
        """Nothing queued or being drawn (tests and benchmarks wait on it)."""
        with self._lock:
            return self._thread is None

    def _run(self) -> None:
        while True:
            with self._lock:
                try:
                    job = self._jobs.get_nowait()
                except queue.Empty:
                    self._thread = None
                    return
            if job.cancelled:
                continue
            try:
                with DRAWING:
                    picture = job.draw()
            except Exception as exc:  # noqa: BLE001  (told to the screen as a friendly line, never a crash)
                Logger.exception("SpasmLog: a chart was not drawn")
                Clock.schedule_once(lambda dt, job=job, exc=exc: _failed(job, exc))
            else:
                Clock.schedule_once(lambda dt, job=job, picture=picture: _done(job, picture))


def _done(job: Job, picture: Rgba) -> None:
    if job.cancelled:
        return
    try:
        texture = texture_of(picture)
    except Exception as exc:  # noqa: BLE001
        job.failed(exc)
        return
    job.done(texture)


def _failed(job: Job, exc: BaseException) -> None:
    if not job.cancelled:
        job.failed(exc)


def texture_of(picture: Rgba):
    """A Kivy texture of the picture (main thread only: it is a GL object)."""
    from kivy.graphics.texture import Texture
    width, height, pixels = picture
    texture = Texture.create(size=(width, height), colorfmt="rgba")
    texture.blit_buffer(pixels, colorfmt="rgba", bufferfmt="ubyte")
    texture.flip_vertical()  # Agg's first row is the top; a texture's is the bottom
    return texture


WORKER = ChartWorker()  # the app's one chart worker
