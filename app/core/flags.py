"""The flag rules (CLINICAL.md section 2): from journal entries, the profile and a time, the flags raised."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from .entities import Dose, Episode, PainScore, Profile, SymptomCheck, TherapySession
from .guidance import guidance
from .i18n import _, ngettext
from .relief import is_meaningful
from .therapy import counted

TRAUMA_TRIGGERS = ("fall", "accident")
EPISODE_CODES = ("spasm_over_3_days", "trauma", "fall_osteoporosis")


@dataclass(frozen=True)
class Flag:
    """One occurrence of a flag: `key` names what it came from, so acknowledging is per occurrence."""
    code: str
    tier: str
    message: str
    key: str  # "episode:12" or "check:40"
    raised_at: datetime
    causes: tuple[str, ...] = ()  # entry refs as "kind:id" (repository kind names)
    report: str = ""  # the same facts for a clinician, in the third person (the doctor report)

    @property
    def rank(self) -> int:
        """0 for the most serious tier."""
        return guidance()["tiers"][self.tier]["rank"]


@dataclass
class Journal:
    """The entries the rules look at; the caller reads only what the rules need (see `reading_window`)."""
    episodes: list[Episode] = field(default_factory=list)
    checks: list[SymptomCheck] = field(default_factory=list)
    doses: list[Dose] = field(default_factory=list)
    sessions: list[TherapySession] = field(default_factory=list)
    pains: list[PainScore] = field(default_factory=list)


def flag_codes() -> list[str]:
    """Every flag code, in the order of CLINICAL.md section 2."""
    return list(guidance()["flags"])


def _rule(code: str) -> dict:
    return guidance()["flags"][code]


def _flag(code: str, key: str, raised_at: datetime, causes: tuple[str, ...], message: str | None = None,
          report: str | None = None) -> Flag:
    rule = _rule(code)
    return Flag(code, rule["tier"], message or rule["message"], key, raised_at, causes,
                report or guidance()["report"]["flags"][code])


def ended_by(episode: Episode, now: datetime) -> datetime | None:
    """The episode's end as seen at `now` (an end later than now counts as still open)."""
    return episode.ended if episode.ended is not None and episode.ended <= now else None


def over_limit(episode: Episode, now: datetime) -> bool:
    """True when the episode has lasted more than the limit (72 h): exactly 72 h is not over."""
    limit = timedelta(hours=_rule("spasm_over_3_days")["hours"])
    return ((ended_by(episode, now) or now) - episode.started) > limit


# -- the rules -------------------------------------------------------------------------
@dataclass(frozen=True)
class EpisodeFlagRule:
    """What makes an episode raise a flag, for a query that finds such episodes: the rules below, not a copy."""
    trauma_triggers: tuple[str, ...]   # trauma
    fall_triggers: tuple[str, ...]     # fall_osteoporosis (with osteoporosis in the profile)
    over_days: float                   # spasm_over_3_days: lasted more than this


def episode_flag_rule() -> EpisodeFlagRule:
    """The episode flags' triggers and duration limit (guidance.toml's spasm_over_3_days hours)."""
    return EpisodeFlagRule(TRAUMA_TRIGGERS, ("fall",), _rule("spasm_over_3_days")["hours"] / 24)


def evaluate(journal: Journal, profile: Profile, now: datetime) -> list[Flag]:
    """Every flag the given entries raise at `now`, most serious first (entries after `now` are ignored)."""
    flags: list[Flag] = []
    for episode in journal.episodes:
        if episode.started <= now:
            flags.extend(episode_flags(episode, journal, profile, now))
    for check in journal.checks:
        if check.at <= now:
            flags.extend(symptom_flags(check))
    return sort_flags(flags)


def symptom_flags(check: SymptomCheck) -> list[Flag]:
    """One flag per red-flag symptom answered yes, and `several_red_flags` when two or more came together."""
    key, causes = f"check:{check.id}", (f"symptoms:{check.id}",)
    flags = [_flag(code, key, check.at, causes) for code in check.codes]
    if len(check.codes) >= 2:
        flags.append(_flag("several_red_flags", key, check.at, causes))
    return sort_flags(flags)


def episode_flags(episode: Episode, journal: Journal, profile: Profile, now: datetime) -> list[Flag]:
    """The injury flags (from the trigger) and the over-three-days flag of one episode."""
    key, causes = f"episode:{episode.id}", (f"episode:{episode.id}",)
    flags = []
    if episode.trigger in TRAUMA_TRIGGERS:
        flags.append(_flag("trauma", key, episode.started, causes))
    if episode.trigger == "fall" and profile.osteoporosis == "yes":
        flags.append(_flag("fall_osteoporosis", key, episode.started, causes))
    if over_limit(episode, now):
        flags.append(_over_three_days(episode, journal, now))
    return flags


def _over_three_days(episode: Episode, journal: Journal, now: datetime) -> Flag:
    """The flag as it stood when raised (72 h in): only the treatments and scores logged up to then."""
    rule, words = _rule("spasm_over_3_days"), guidance()["report"]["over_3_days"]
    raised = episode.started + timedelta(hours=rule["hours"])
    inside = lambda t: episode.started <= t <= raised  # noqa: E731
    doses = [d for d in journal.doses if inside(d.at)]
    sessions = [s for s in counted(journal.sessions) if inside(s.started)]
    counts = {"nsaid": sum(d.med_class == "nsaid" for d in doses),
              "relaxant": sum(d.med_class == "relaxant" for d in doses),
              "ice": sum(s.kind == "ice" for s in sessions),
              "heat": sum(s.kind == "heat" for s in sessions)}
    pains = sorted((p for p in journal.pains if inside(p.at)), key=lambda p: (p.at, p.id or 0))
    causes = [f"episode:{episode.id}"]
    if len(pains) >= 2:
        first, latest = pains[0], pains[-1]
        eased = "pain_eased" if is_meaningful(first.score, latest.score) else "pain_not_eased"
        pain = rule[eased].format(first=first.score, latest=latest.score)
        pain_report = words[eased].format(first=first.score, latest=latest.score)
        causes += [f"pain:{first.id}", f"pain:{latest.id}"]
    else:
        pain, pain_report = rule["pain_unknown"], words["pain_unknown"]
    days = rule["hours"] // 24
    message = rule["message"].format(days=days, tried=_tried_words(rule, counts), pain=pain)
    report = words["message"].format(days=days, tried=_tried_words(words, counts), pain=pain_report)
    return _flag("spasm_over_3_days", f"episode:{episode.id}", raised, tuple(causes), message, report)


def _tried_words(rule: dict, counts: dict[str, int]) -> str:
    """What was tried and what was not, in words: "You have not logged any NSAID or muscle relaxant.
    In this spasm you logged ice 2 times and heat once." (every treatment is named in one of the two)."""
    names = guidance()["flags"]["spasm_over_3_days"]["treatments"]
    used = [ngettext("{treatment} once", "{treatment} {n} times", n).format(treatment=names[k], n=n)
            for k, n in counts.items() if n]
    unused = [names[k] for k, n in counts.items() if not n]
    parts = []
    if unused:
        parts.append(rule["not_tried"].format(not_tried=_join(unused, _("or"))))
    if used:
        parts.append(rule["tried"].format(tried=_join(used, _("and"))))
    return " ".join(parts)


def _join(words: list[str], last: str) -> str:
    """'a', 'a or b', 'a, b or c' ('a, b oder c')."""
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} {last} {words[-1]}"


def sort_flags(flags: list[Flag]) -> list[Flag]:
    """Most serious tier first; within a tier the newest first, then in CLINICAL.md order."""
    order = {code: i for i, code in enumerate(flag_codes())}
    return sorted(flags, key=lambda f: (f.rank, -f.raised_at.timestamp(), order.get(f.code, 99), f.key))


# -- which flags are current ---------------------------------------------------------------
# A flag stays current (shown until acknowledged) while it is still about the person's present:
#  - symptom flags: from checks in the last `symptom_hours` (48 h covers "see a doctor today or
#    tomorrow"), or from any check made during the episode that is still open;
#  - episode flags (trauma, fall_osteoporosis, spasm_over_3_days): for the open episode, or one
#    that ended in the last `episode_days` (the advice to see a doctor still holds after it eases).
# Older ones are history: they stay in the doctor report, not on Today.
def currency() -> dict:
    return guidance()["flag_currency"]


def open_episode_at(episodes: list[Episode], now: datetime) -> Episode | None:
    """The episode going on at `now`, if any."""
    going = [e for e in episodes if e.started <= now and ended_by(e, now) is None]
    return max(going, key=lambda e: e.started) if going else None


def still_advised(flag: Flag, episode_then: Episode | None, care_recorded_at: datetime | None,
                  now: datetime) -> bool:
    """An acknowledged emergency flag is recalled (calmer) until the episode it came in ends, or the person
    records that they got care after it was raised; raised outside an episode, while the flag is current."""
    if flag.tier != "emergency":
        return False
    if care_recorded_at is not None and care_recorded_at >= flag.raised_at:
        return False
    return episode_then is None or ended_by(episode_then, now) is None


def reading_window(open_episode: Episode | None, now: datetime) -> tuple[datetime, datetime]:
    """(checks since, episodes ended since): the oldest times `current_flags` needs entries from."""
    checks_since = now - timedelta(hours=currency()["symptom_hours"])
    if open_episode is not None and open_episode.started < checks_since:
        checks_since = open_episode.started
    return checks_since, now - timedelta(days=currency()["episode_days"])


def current_flags(journal: Journal, profile: Profile, now: datetime) -> list[Flag]:
    """The flags that belong on Today and in status at `now` (before acknowledgements)."""
    open_ep = open_episode_at(journal.episodes, now)
    checks_since, episodes_since = reading_window(open_ep, now)
    episodes = [e for e in journal.episodes
                if e.started <= now and (ended_by(e, now) is None or ended_by(e, now) >= episodes_since)]
    checks = [c for c in journal.checks if checks_since <= c.at <= now]
    return evaluate(Journal(episodes, checks, journal.doses, journal.sessions, journal.pains), profile, now)
