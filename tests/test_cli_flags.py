"""Flags from the command line: `log symptoms`, `status --json` flags, `ack`, and refusals (exit 2)."""
from __future__ import annotations

from tests.conftest import row_counts

T = "2026-03-02T09:00:00+00:00"
T_1H = "2026-03-02T10:00:00+00:00"
T_2H = "2026-03-02T11:00:00+00:00"


def flag_codes(result) -> list[str]:
    return sorted(f["code"] for f in result.json()["flags"])


def test_symptoms_raise_flags_in_status_and_ack_removes_them(cli, journal_path):
    r = cli("log", "symptoms", "fever", "sharp_pain", "--json", "--at", T, db=journal_path)
    assert r.code == 0, r.err
    assert sorted(f["code"] for f in r.json()["flags"]) == ["fever", "several_red_flags", "sharp_pain"]

    r = cli("status", "--json", "--at", T_1H, db=journal_path)
    assert r.code == 0, r.err
    assert flag_codes(r) == ["fever", "several_red_flags", "sharp_pain"]
    first = r.json()["flags"][0]
    assert first["code"] == "several_red_flags" and first["tier"] == "emergency" and first["message"]

    r = cli("ack", "fever", "--json", "--at", T_1H, db=journal_path)
    assert r.code == 0, r.err
    assert r.json()["acknowledged"] == 1
    r = cli("status", "--json", "--at", T_2H, db=journal_path)
    assert flag_codes(r) == ["several_red_flags", "sharp_pain"]

    r = cli("status", "--at", T_2H, db=journal_path)  # the friendly text shows the tier
    assert "[EMERGENCY]" in r.out and "[REVIEW]" in r.out


def test_fall_with_osteoporosis_in_status(cli, journal_path):
    assert cli("profile", "--osteoporosis", "yes", db=journal_path).code == 0
    assert cli("log", "episode-start", "--trigger", "fall", "--at", T, db=journal_path).code == 0
    r = cli("status", "--json", "--at", T_1H, db=journal_path)
    assert flag_codes(r) == ["fall_osteoporosis", "trauma"]
    assert "X-ray" in next(f["message"] for f in r.json()["flags"] if f["code"] == "fall_osteoporosis")


def test_ack_unknown_code_exits_2_and_lists_the_codes(cli, journal_path):
    r = cli("ack", "headache", db=journal_path)
    assert r.code == 2
    assert "spasm_over_3_days" in r.err and "several_red_flags" in r.err
    assert "Traceback" not in r.err


def test_ack_with_nothing_open_exits_2(cli, journal_path):
    r = cli("ack", "trauma", "--at", T, db=journal_path)
    assert r.code == 2
    assert "no open" in r.err


def test_symptoms_unknown_code_exits_2_and_writes_nothing(cli, journal_path):
    assert cli("log", "symptoms", "none", "--at", T, db=journal_path).code == 0
    before = row_counts(journal_path)
    r = cli("log", "symptoms", "fever", "headache", "--at", T_1H, db=journal_path)
    assert r.code == 2
    assert "headache" in r.err and "none" in r.err and "bladder_bowel" in r.err
    assert row_counts(journal_path) == before


def test_episode_start_after_a_fall_prints_the_flags_it_raised(cli, journal_path):
    """QA: only `status` showed the trauma flag; `log episode-start` says it at once, as `log symptoms` does."""
    r = cli("log", "episode-start", "--trigger", "fall", "--at", T, db=journal_path)
    assert r.code == 0, r.err
    assert "[URGENT]" in r.out
    trauma = cli("status", "--json", "--at", T, db=journal_path).json()["flags"][0]["message"]
    assert trauma in r.out

    assert cli("log", "episode-end", "--at", T_1H, db=journal_path).code == 0
    assert cli("profile", "--osteoporosis", "yes", db=journal_path).code == 0
    r = cli("log", "episode-start", "--trigger", "fall", "--json", "--at", T_2H, db=journal_path)
    assert r.code == 0, r.err
    assert flag_codes(r) == ["fall_osteoporosis", "trauma"]
    assert all(f["message"] for f in r.json()["flags"])


def test_episode_start_without_an_injury_prints_no_flag(cli, journal_path):
    r = cli("log", "episode-start", "--trigger", "lifting", "--at", T, db=journal_path)
    assert r.code == 0, r.err
    assert "[" not in r.out
    assert cli("log", "episode-end", "--at", T_1H, db=journal_path).code == 0
    assert cli("log", "episode-start", "--json", "--at", T_2H, db=journal_path).json()["flags"] == []
