"""data/guidance.toml names a source for every flag and every number, and has every flag of CLINICAL.md."""
from __future__ import annotations

import string

from app.core.guidance import guidance

CLINICAL_FLAGS = {"spasm_over_3_days", "bladder_bowel", "saddle_numbness", "both_legs", "several_red_flags",
                  "leg_weakness", "leg_numbness", "radiating_pain", "sharp_pain", "fever", "trauma",
                  "fall_osteoporosis"}
TIERS = {"emergency", "urgent", "review"}


def test_every_flag_has_tier_source_and_message():
    flags = guidance()["flags"]
    assert set(flags) == CLINICAL_FLAGS
    for code, rule in flags.items():
        assert rule["tier"] in TIERS, code
        assert rule.get("source", "").strip(), f"flag {code} names no source"
        assert rule.get("message", "").strip(), f"flag {code} has no message"
        assert guidance()["report"]["flags"][code].strip(), f"flag {code} has no words for the doctor report"


def test_fall_osteoporosis_recommends_an_x_ray():
    assert "X-ray" in guidance()["flags"]["fall_osteoporosis"]["message"]


def test_flag_messages_use_only_the_placeholders_the_app_fills():
    fills = {"message": {"days", "tried", "pain"},
             "tried": {"tried"}, "not_tried": {"not_tried"}, "pain_eased": {"first", "latest"},
             "pain_not_eased": {"first", "latest"}, "pain_unknown": set()}
    rules = [*guidance()["flags"].items(), ("report.over_3_days", guidance()["report"]["over_3_days"])]
    for code, rule in rules:
        for key, text in rule.items():
            if key in ("tier", "source") or not isinstance(text, str):
                continue
            used = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert used <= fills.get(key, set()), (code, key, used)


def _numbers_without_source(table: dict, path: str, sourced: bool) -> list[str]:
    """Paths of numbers in tables that neither they nor an enclosing table give a source for."""
    sourced = sourced or bool(str(table.get("source", "")).strip())
    missing = []
    for key, value in table.items():
        here = f"{path}.{key}" if path else key
        if isinstance(value, dict):
            missing += _numbers_without_source(value, here, sourced)
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, dict):
                    missing += _numbers_without_source(item, f"{here}[{i}]", sourced)
                elif _is_number(item) and not sourced:
                    missing.append(f"{here}[{i}]")
        elif _is_number(value) and not sourced and key != "rank":  # tier rank is an order, not a claim
            missing.append(here)
    return missing


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def test_every_number_has_a_source():
    assert _numbers_without_source(guidance(), "", False) == []


def test_relief_numbers_are_the_published_ones():
    relief = guidance()["relief"]
    assert (relief["min_drop_points"], relief["min_drop_percent"]) == (2, 30)
    assert "FARRAR" in relief["source"] and "OSTELO" in relief["source"]
