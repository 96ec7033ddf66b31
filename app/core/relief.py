"""Relief (CLINICAL.md section 3): the pain change around each therapy session and dose, and rates per treatment."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from datetime import datetime, timedelta

from .entities import Dose, PainScore, TherapySession
from .guidance import guidance
from .therapy import counted

TREATMENTS = ("ice", "heat", "nsaid", "relaxant", "other")


def settings() -> dict:
    return guidance()["relief"]


def is_meaningful(before: int, after: int) -> bool:
    """A drop of at least 2 points or at least 30 % (Farrar 2001; Ostelo 2008)."""
    cfg = settings()
    drop = before - after
    if drop <= 0:
        return False
    # Whole-number arithmetic so 30 % is exact (e.g. 10 -> 7 is exactly 30 %).
    return drop >= cfg["min_drop_points"] or drop * 100 >= cfg["min_drop_percent"] * before


@dataclass(frozen=True)
class ReliefPair:
    """A treatment with a pain score before and after it."""
    treatment: str  # ice, heat, nsaid, relaxant, other
    ref: str  # "therapy:ID" or "dose:ID"
    at: datetime  # when the treatment started (the dose was taken)
    before: PainScore
    after: PainScore

    @property
    def change(self) -> int:
        """After minus before: negative means less pain."""
        return self.after.score - self.before.score

    @property
    def meaningful(self) -> bool:
        return is_meaningful(self.before.score, self.after.score)


class _Scores:
    """Pain scores sorted by time, for window look-ups in O(log n)."""

    def __init__(self, pains: list[PainScore]):
        self.pains = sorted(pains, key=lambda p: (p.at, p.id or 0))
        self.times = [p.at for p in self.pains]

    def latest_in(self, start: datetime, end: datetime) -> PainScore | None:
        i = bisect_right(self.times, end)
        return self.pains[i - 1] if i and self.times[i - 1] >= start else None

    def first_in(self, start: datetime, end: datetime) -> PainScore | None:
        i = bisect_left(self.times, start)
        return self.pains[i] if i < len(self.times) and self.times[i] <= end else None


def pairs(sessions: list[TherapySession], doses: list[Dose], pains: list[PainScore]) -> list[ReliefPair]:
    """Every finished session and every dose that has a score before (latest within 2 h before the start)
    and after (a session: first within 0-60 min after its end; a dose: first 30-90 min after), by time."""
    cfg = settings()
    scores = _Scores(pains)
    before = timedelta(minutes=cfg["before_window_minutes"])
    found = []

    def add(treatment, ref, start, after_from, after_to):
        b = scores.latest_in(start - before, start)
        a = scores.first_in(after_from, after_to)
        if b is not None and a is not None and a is not b:
            found.append(ReliefPair(treatment, ref, start, b, a))

    for s in counted(sessions):  # a cancelled start was not a treatment
        if s.ended is not None:
            add(s.kind, f"therapy:{s.id}", s.started, s.ended,
                s.ended + timedelta(minutes=cfg["after_session_max_minutes"]))
    for d in doses:
        add(d.med_class, f"dose:{d.id}", d.at, d.at + timedelta(minutes=cfg["after_dose_min_minutes"]),
            d.at + timedelta(minutes=cfg["after_dose_max_minutes"]))
    return sorted(found, key=lambda p: (p.at, p.ref))


def rates(found: list[ReliefPair]) -> list[dict]:
    """Per treatment: how many were measured, how many gave a meaningful drop, and the share (None if none)."""
    out = []
    for treatment in TREATMENTS:
        mine = [p for p in found if p.treatment == treatment]
        good = sum(p.meaningful for p in mine)
        out.append({"treatment": treatment, "measured": len(mine), "meaningful": good,
                    "rate": round(good / len(mine), 3) if mine else None})
    return out
