"""The alarm chime asset is sound, and playing it never crashes, with or without an audio device."""

from __future__ import annotations

import json
import struct
import subprocess
import sys
import wave
from pathlib import Path

import pytest

from app.adapters.sound import ALARM_WAV, KivyAlarmSound
from app.services.ports import AlarmSound, NullAlarmSound

ROOT = Path(__file__).resolve().parents[1]


def read_wav(path: Path) -> tuple[wave._wave_params, list[float]]:
    with wave.open(str(path)) as w:
        params = w.getparams()
        raw = w.readframes(params.nframes)
    return params, [s / 32768 for s in struct.unpack(f"<{params.nframes}h", raw)]


def test_alarm_asset_is_a_short_gentle_mono_chime():
    params, samples = read_wav(ALARM_WAV)
    assert (params.nchannels, params.sampwidth) == (1, 2)
    assert 1.2 <= params.nframes / params.framerate <= 2.0
    assert 0.2 < max(abs(s) for s in samples) <= 0.5  # audible, never full-scale
    assert samples[0] == 0 and samples[-1] == 0  # starts and ends in silence: no clicks


def test_alarm_asset_is_what_the_generator_makes(tmp_path):
    sys.path.insert(0, str(ROOT / "assets"))
    try:
        import make_alarm
    finally:
        sys.path.remove(str(ROOT / "assets"))
    make_alarm.write(tmp_path / "alarm.wav")
    committed, fresh = read_wav(ALARM_WAV), read_wav(tmp_path / "alarm.wav")
    assert committed[0] == fresh[0]
    assert max(abs(a - b) for a, b in zip(committed[1], fresh[1])) < 1e-3


def test_missing_file_is_silent():
    sound = KivyAlarmSound(ROOT / "assets" / "no-such.wav")
    assert sound.play() is False
    assert sound.play() is False


def test_null_sound_and_adapter_satisfy_the_port():
    assert isinstance(KivyAlarmSound(), AlarmSound)
    assert NullAlarmSound().play() is False


PLAY_TWICE = """
import json, sys
from app.adapters.sound import KivyAlarmSound
s = KivyAlarmSound()
print(json.dumps([s.play(), s.play()]))
"""


def play_in_subprocess(tmp_path: Path, sdl_audio_driver: str) -> list[bool]:
    """Kivy in its own process (it reads argv and sets up logging on import)."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "KIVY_HOME": str(tmp_path / "kivy"),
        "KIVY_NO_ARGS": "1",
        "KIVY_NO_CONSOLELOG": "1",
        "KIVY_NO_FILELOG": "1",
        "KIVY_AUDIO": "sdl2",
        "SDL_AUDIODRIVER": sdl_audio_driver,
    }
    done = subprocess.run(
        [sys.executable, "-c", PLAY_TWICE], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_no_audio_device_means_false_not_a_crash(tmp_path):
    # A driver name SDL does not know stands for "no sound card" on any machine.
    assert play_in_subprocess(tmp_path, "no-such-driver") == [False, False]


def test_plays_when_an_audio_device_exists(tmp_path):
    # SDL's dummy driver accepts audio and discards it: a device that always exists.
    result = play_in_subprocess(tmp_path, "dummy")
    if result == [False, False]:
        pytest.skip("this Kivy build has no SDL2 audio provider")
    assert result == [True, True]
