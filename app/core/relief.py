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


@dataclass(frozen=True)
class Judgement:
    """One treatment and whether relief can be judged: the pair of scores, or why not (`missing`)."""
    treatment: str
    ref: str
    at: datetime
    pair: ReliefPair | None
    missing: tuple[str, ...] = ()  # "before", "after_session", "after_dose"; empty when judged


def judge(sessions: list[TherapySession], doses: list[Dose], pains: list[PainScore]) -> list[Judgement]:
    """Every finished session and every dose, by time, with its before score (latest within 2 h before the start)
    and after score (a session: first within 0-60 min after its end; a dose: first 30-90 min after), or what is
    missing."""
    cfg = settings()
    scores = _Scores(pains)
    before = timedelta(minutes=cfg["before_window_minutes"])
    found = []

    def add(treatment, ref, start, after_from, after_to, after_code):
        b = scores.latest_in(start - before, start)
        a = scores.first_in(after_from, after_to)
        if a is b:  # one score cannot be both
            a = None
        missing = (("before",) if b is None else ()) + ((after_code,) if a is None else ())
        pair = ReliefPair(treatment, ref, start, b, a) if not missing else None
        found.append(Judgement(treatment, ref, start, pair, missing))

    for s in counted(sessions):  # a cancelled start was not a treatment
        if s.ended is not None:
            add(s.kind, f"therapy:{s.id}", s.started, s.ended,
                s.ended + timedelta(minutes=cfg["after_session_max_minutes"]), "after_session")
    for d in doses:
        add(d.med_class, f"dose:{d.id}", d.at, d.at + timedelta(minutes=cfg["after_dose_min_minutes"]),
            d.at + timedelta(minutes=cfg["after_dose_max_minutes"]), "after_dose")
    return sorted(found, key=lambda j: (j.at, j.ref))


def pairs(sessions: list[TherapySession], doses: list[Dose], pains: list[PainScore]) -> list[ReliefPair]:
    """The judged ones of `judge`: a score before and after, by time."""
    return [j.pair for j in judge(sessions, doses, pains) if j.pair is not None]


def rates(found: list[ReliefPair]) -> list[dict]:
    """Per treatment: how many were measured, how many gave a meaningful drop, and the share (None if none)."""
    out = []
    for treatment in TREATMENTS:
        mine = [p for p in found if p.treatment == treatment]
        good = sum(p.meaningful for p in mine)
        out.append({"treatment": treatment, "measured": len(mine), "meaningful": good,
                    "rate": round(good / len(mine), 3) if mine else None})
    return out
