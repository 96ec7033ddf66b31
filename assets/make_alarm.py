"""Generate assets/alarm.wav: a short, gentle two-tone chime (run: python assets/make_alarm.py)."""

import math
import struct
import wave
from pathlib import Path

RATE = 22050  # Hz; plenty for a chime and keeps the file small
LENGTH = 1.5  # seconds in all
PEAK = 0.45  # of full scale: an alarm that is noticed, not one that startles
# (frequency Hz, start s): a falling major third, E5 then C5, like a doorbell
NOTES = ((659.25, 0.0), (523.25, 0.45))
# Bell-like partials (multiple of the fundamental, relative loudness)
PARTIALS = ((1.0, 1.0), (2.0, 0.35), (3.0, 0.12))
ATTACK = 0.012  # s; a soft start avoids a click
DECAY = 3.2  # 1/s; exponential fade of each strike
FADE_OUT = 0.08  # s; the end reaches exact silence


def sample(t: float) -> float:
    """The chime's amplitude at time t, before scaling to PEAK."""
    value = 0.0
    for freq, start in NOTES:
        age = t - start
        if age < 0:
            continue
        envelope = min(1.0, age / ATTACK) * math.exp(-DECAY * age)
        for multiple, loudness in PARTIALS:
            value += loudness * envelope * math.sin(2 * math.pi * freq * multiple * age)
    tail = LENGTH - t
    if tail < FADE_OUT:
        value *= max(0.0, tail / FADE_OUT)
    return value


def render() -> list[float]:
    samples = [sample(i / RATE) for i in range(int(RATE * LENGTH))]
    loudest = max(abs(s) for s in samples)
    return [s * PEAK / loudest for s in samples]


def write(path: Path) -> None:
    frames = b"".join(struct.pack("<h", round(s * 32767)) for s in render())
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(frames)


if __name__ == "__main__":
    write(Path(__file__).with_name("alarm.wav"))
