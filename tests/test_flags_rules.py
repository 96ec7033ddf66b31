"""The flag rules of CLINICAL.md section 2, as a table of scenarios with a fixed clock."""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest

from app.core.entities import Dose, Episode, PainScore, Profile, SymptomCheck, TherapySession
from app.core.flags import Journal, current_flags, evaluate, symptom_flags

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=timezone.utc)
H = timedelta(hours=1)

# The tiers as CLINICAL.md section 2 gives them (the spec, not read back from guidance.toml).
TIERS = {
    "spasm_over_3_days": "review", "bladder_bowel": "emergency", "saddle_numbness": "emergency",
    "both_legs": "emergency", "several_red_flags": "emergency", "leg_weakness": "urgent",
    "leg_numbness": "review", "radiating_pain": "review", "sharp_pain": "review", "fever": "urgent",
    "trauma": "urgent", "fall_osteoporosis": "urgent",
}
SYMPTOMS = ["bladder_bowel", "saddle_numbness", "both_legs", "leg_weakness", "leg_numbness",
            "radiating_pain", "sharp_pain", "fever"]


def ep(hours_ago: float, lasted: float | None = None, trigger=None, id=1) -> Episode:
    """An episode that began `hours_ago`, lasting `lasted` hours (None: still open)."""
    start = NOW - timedelta(hours=hours_ago)
    return Episode(started=start, ended=None if lasted is None else start + timedelta(hours=lasted),
                   trigger=trigger, id=id)


def check(*codes, hours_ago: float = 1, id=40) -> SymptomCheck:
    return SymptomCheck(at=NOW - timedelta(hours=hours_ago), codes=tuple(codes), id=id)


def run(episodes=(), checks=(), osteoporosis="unknown", **extra):
    return evaluate(Journal(list(episodes), list(checks), **extra), Profile(osteoporosis=osteoporosis), NOW)


def codes_of(flags) -> list[str]:
    return sorted(f.code for f in flags)


# -- the table: (scenario, episodes, checks, osteoporosis, expected codes) -----------------
SCENARIOS = [
    ("open episode exactly 72 h: not over", [ep(72)], [], "unknown", []),
    ("open episode 72 h and a minute", [ep(72 + 1 / 60)], [], "unknown", ["spasm_over_3_days"]),
    ("open episode 100 h", [ep(100)], [], "unknown", ["spasm_over_3_days"]),
    ("ended after exactly 72 h", [ep(100, lasted=72)], [], "unknown", []),
    ("ended after 72 h and a second", [ep(100, lasted=72 + 1 / 3600)], [], "unknown", ["spasm_over_3_days"]),
    ("ended after 96 h", [ep(120, lasted=96)], [], "unknown", ["spasm_over_3_days"]),
    ("ended 40 h episode: nothing", [ep(50, lasted=40)], [], "unknown", []),
    ("open 40 h episode: nothing", [ep(40)], [], "unknown", []),
    *[(f"symptom {code}", [], [check(code)], "unknown", [code]) for code in SYMPTOMS],
    ("check with every answer no", [], [check()], "unknown", []),
    ("two red flags together", [], [check("leg_numbness", "fever")], "unknown",
     ["fever", "leg_numbness", "several_red_flags"]),
    ("three red flags together", [], [check("bladder_bowel", "saddle_numbness", "both_legs")], "unknown",
     ["bladder_bowel", "both_legs", "saddle_numbness", "several_red_flags"]),
    ("two red flags in separate checks: not together", [],
     [check("fever", id=1), check("sharp_pain", id=2, hours_ago=3)], "unknown", ["fever", "sharp_pain"]),
    ("fall without osteoporosis: trauma only", [ep(5, trigger="fall")], [], "no", ["trauma"]),
    ("fall, osteoporosis unknown: trauma only", [ep(5, trigger="fall")], [], "unknown", ["trauma"]),
    ("fall with osteoporosis", [ep(5, trigger="fall")], [], "yes", ["fall_osteoporosis", "trauma"]),
    ("car accident", [ep(5, trigger="accident")], [], "no", ["trauma"]),
    ("accident with osteoporosis: not a fall", [ep(5, trigger="accident")], [], "yes", ["trauma"]),
    ("lifting with osteoporosis: nothing", [ep(5, trigger="lifting")], [], "yes", []),
    ("fall, over three days, osteoporosis", [ep(80, trigger="fall")], [], "yes",
     ["fall_osteoporosis", "spasm_over_3_days", "trauma"]),
]


@pytest.mark.parametrize("name,episodes,checks,osteoporosis,expected", SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenario(name, episodes, checks, osteoporosis, expected):
    flags = run(episodes, checks, osteoporosis)
    assert codes_of(flags) == sorted(expected)
    for flag in flags:
        assert flag.tier == TIERS[flag.code]
        assert flag.message and "{" not in flag.message


def test_every_flag_of_clinical_md_is_covered_by_the_table():
    covered = {code for s in SCENARIOS for code in s[4]}
    assert covered == set(TIERS)


def test_keys_and_causes_name_the_occurrence():
    flags = run([ep(80, trigger="fall", id=12)], [check("fever", "sharp_pain", id=40)], "yes")
    by_code = {f.code: f for f in flags}
    assert {by_code[c].key for c in ("trauma", "fall_osteoporosis", "spasm_over_3_days")} == {"episode:12"}
    assert {by_code[c].key for c in ("fever", "sharp_pain", "several_red_flags")} == {"check:40"}
    assert by_code["fever"].causes == ("symptoms:40",)
    assert by_code["trauma"].causes == ("episode:12",)
    assert by_code["spasm_over_3_days"].raised_at == NOW - timedelta(hours=80) + timedelta(hours=72)
    assert by_code["fever"].raised_at == NOW - H


def test_most_serious_first():
    flags = run([ep(80, trigger="fall")], [check("fever", "both_legs")], "yes")
    ranks = [{"emergency": 0, "urgent": 1, "review": 2}[f.tier] for f in flags]
    assert ranks == sorted(ranks)
    assert flags[0].tier == "emergency" and flags[-1].code == "spasm_over_3_days"


# -- what the over-three-days message says ---------------------------------------------------
def long_episode_entries(first_score: int, latest_score: int):
    start = NOW - 80 * H
    inside = lambda h: start + h * H  # noqa: E731
    doses = [Dose(inside(1), "Ibuprofen", "nsaid", id=1), Dose(inside(9), "Ibuprofen", "nsaid", id=2),
             Dose(inside(20), "Ibuprofen", "nsaid", id=3), Dose(inside(21), "Cyclobenzaprine", "relaxant", id=4),
             Dose(start - 5 * H, "Ibuprofen", "nsaid", id=5)]  # before the episode: not counted
    sessions = [TherapySession("ice", inside(2), inside(2.1), inside(2.1), id=1),
                TherapySession("ice", inside(4), inside(4.1), inside(4.1), id=2),
                TherapySession("heat", inside(50), inside(50.3), inside(50.3), id=3)]
    pains = [PainScore(inside(0.1), first_score, id=1), PainScore(inside(30), 9, id=2),
             PainScore(inside(71), latest_score, id=3),
             PainScore(start - H, 0, id=4)]  # before the episode: not its first score
    return {"doses": doses, "sessions": sessions, "pains": pains}


def over_three_days_message(first: int, latest: int) -> str:
    flags = run([ep(80)], **long_episode_entries(first, latest))
    (flag,) = flags
    return flag.message


def test_message_lists_what_was_tried_with_counts():
    message = over_three_days_message(8, 4)
    assert "over 3 days" in message
    assert "In this spasm you logged NSAID 3 times, muscle relaxant once, ice 2 times and heat once." in message
    assert "not logged" not in message and "doses" not in message  # plain words, not a data dump


def test_message_says_what_was_not_tried_in_plain_words():
    entries = long_episode_entries(8, 4)
    (flag,) = run([ep(80)], sessions=entries["sessions"], pains=entries["pains"])
    assert ("You have not logged any NSAID or muscle relaxant. "
            "In this spasm you logged ice 2 times and heat once.") in flag.message


@pytest.mark.parametrize("first,latest,improved", [
    (8, 6, True),    # 2 points
    (8, 7, False),   # 1 point, 12.5 %
    (3, 2, True),    # 1 point but 33 %
    (4, 3, False),   # 1 point, 25 %
    (5, 5, False),
    (4, 6, False),   # worse
])
def test_message_says_whether_pain_improved(first, latest, improved):
    message = over_three_days_message(first, latest)
    assert f"from {first} to {latest}" in message
    assert (": a clear improvement" in message) is improved
    assert ("not a clear improvement" in message) is (not improved)


def test_message_without_scores_says_it_cannot_tell():
    (flag,) = run([ep(80)])
    assert "not enough pain scores" in flag.message
    assert "You have not logged any NSAID, muscle relaxant, ice or heat." in flag.message


def test_ended_episode_message_describes_the_moment_it_was_raised():
    (flag,) = run([ep(120, lasted=96)])
    assert flag.message.startswith("This spasm has lasted over 3 days")
    assert flag.raised_at == NOW - 120 * H + 72 * H


def test_flag_raised_on_day_3_uses_no_day_4_data():
    """CLINICAL.md section 2: the message describes the situation when the flag was raised, never later data."""
    start = NOW - 100 * H
    at = lambda h: start + h * H  # noqa: E731
    entries = {"pains": [PainScore(at(1), 8, id=1), PainScore(at(50), 7, id=2), PainScore(at(90), 3, id=3)],
               "doses": [Dose(at(2), "Ibuprofen", "nsaid", id=1), Dose(at(80), "Methocarbamol", "relaxant", id=2)],
               "sessions": [TherapySession("heat", at(85), at(85.3), at(85.3), id=1)]}
    (flag,) = run([Episode(started=start, ended=at(96), id=4)], **entries)
    assert flag.raised_at == at(72)
    for text in (flag.message, flag.report):
        assert "8 to 7" in text and "to 3" not in text  # the 3 was scored on day 4
        assert "heat once" not in text and "relaxant once" not in text  # both came on day 4
    assert "You have not logged any muscle relaxant, ice or heat." in flag.message
    assert "Not logged by then: muscle relaxant, ice or heat. Logged by then: NSAID once." in flag.report
    assert "you" not in flag.report.lower().split()


# -- what is current (shown on Today until acknowledged) --------------------------------------
def current(episodes=(), checks=(), osteoporosis="unknown"):
    return codes_of(current_flags(Journal(list(episodes), list(checks)), Profile(osteoporosis=osteoporosis), NOW))


@pytest.mark.parametrize("episodes,checks,expected", [
    ([], [check("fever", hours_ago=47)], ["fever"]),
    ([], [check("fever", hours_ago=49)], []),
    ([ep(100)], [check("radiating_pain", hours_ago=90)], ["radiating_pain", "spasm_over_3_days"]),
    ([ep(100, lasted=60)], [check("radiating_pain", hours_ago=90)], []),  # its episode is over
    ([ep(6 * 24 + 10, lasted=10, trigger="accident")], [], ["trauma"]),  # ended 6 days ago
    ([ep(8 * 24 + 10, lasted=10, trigger="accident")], [], []),  # ended 8 days ago
    ([ep(30 * 24, trigger="fall")], [], ["spasm_over_3_days", "trauma"]),  # still open after a month
], ids=["check 47 h ago", "check 49 h ago", "check in the open episode", "check in an ended episode",
        "episode ended 6 days ago", "episode ended 8 days ago", "open for a month"])
def test_current(episodes, checks, expected):
    assert current(episodes, checks) == expected


def test_entries_after_now_are_ignored():
    later = SymptomCheck(at=NOW + H, codes=("fever",), id=9)
    future_episode = Episode(started=NOW + H, trigger="fall", id=9)
    assert run([future_episode], [later]) == []


def test_episode_ending_after_now_counts_as_open_at_now():
    # Looking from a past time (--at): the end has not happened yet.
    episode = Episode(started=NOW - 80 * H, ended=NOW + 10 * H, id=3)
    (flag,) = run([episode])
    assert flag.message.startswith("This spasm has lasted over 3 days")


def test_symptom_flags_of_one_check():
    flags = symptom_flags(SymptomCheck(at=NOW, codes=("saddle_numbness", "leg_weakness"), id=7))
    assert [f.code for f in flags][0] in ("saddle_numbness", "several_red_flags")
    assert {f.tier for f in flags} == {"emergency", "urgent"}
    assert all(f.key == "check:7" for f in flags)


# -- properties ------------------------------------------------------------------------------------
from hypothesis import given, strategies as st  # noqa: E402


@given(minutes=st.integers(min_value=0, max_value=10 * 24 * 60), ended=st.booleans())
def test_over_three_days_exactly_when_longer_than_72_hours(minutes, ended):
    start = NOW - timedelta(minutes=minutes) - (H if ended else timedelta(0))
    episode = Episode(started=start, ended=start + timedelta(minutes=minutes) if ended else None, id=1)
    raised = "spasm_over_3_days" in codes_of(run([episode]))
    assert raised is (minutes > 72 * 60)


@given(st.sets(st.sampled_from(SYMPTOMS)))
def test_several_red_flags_exactly_when_two_or_more(chosen):
    flags = codes_of(run([], [check(*chosen)]))
    assert ("several_red_flags" in flags) is (len(chosen) >= 2)
    assert set(flags) - {"several_red_flags"} == set(chosen)
