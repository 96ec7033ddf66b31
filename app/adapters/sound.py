"""The alarm chime (assets/alarm.wav) played through Kivy's audio, silent where there is no audio."""

from __future__ import annotations

import logging
from pathlib import Path

from ..core.resources import resource_path

log = logging.getLogger("spasmlog.sound")

ALARM_WAV = resource_path("assets", "alarm.wav")


class KivyAlarmSound:
    """An AlarmSound using kivy.core.audio.SoundLoader, loaded on the first play().

    SoundLoader hands back a sound object even when the audio device could not be opened
    (SDL2 on a machine without sound card); such a sound has length 0 and never reaches the
    "play" state, which is how a failure is recognised. The loaded sound is kept: Kivy stops
    a sound whose object is garbage collected.
    """

    def __init__(self, path: Path | str = ALARM_WAV) -> None:
        self.path = Path(path)
        self._sound = None
        self._unavailable: str | None = None  # why, once we know it cannot play

    def play(self) -> bool:
        if self._unavailable is not None:
            return False
        try:
            sound = self._load()
            if sound is None:
                return False
            if sound.state == "play":
                sound.stop()  # a new reminder restarts the chime instead of overlapping it
            sound.play()
            if sound.state != "play":
                self._give_up("the audio device would not play")
                return False
            return True
        except Exception as exc:  # sound is a nicety; never let it break a reminder
            self._give_up(f"{type(exc).__name__}: {exc}")
            return False

    def _load(self):
        if self._sound is not None:
            return self._sound
        if not self.path.is_file():
            return self._give_up(f"{self.path} is missing")
        from kivy.core.audio import SoundLoader

        sound = SoundLoader.load(str(self.path))
        if sound is None:
            return self._give_up("no audio provider")
        if not sound.length:
            return self._give_up("no audio device")
        self._sound = sound
        return sound

    def _give_up(self, why: str) -> None:
        """Remember that sound cannot play here (asking again only repeats Kivy's errors)."""
        if self._unavailable is None:
            log.warning("Alarm sound unavailable: %s", why)
        self._unavailable = why
