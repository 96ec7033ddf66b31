"""guidance.toml's flag tiers agree with the tier table of CLINICAL.md section 2, read from the copy in tests/fixtures."""
from __future__ import annotations

import re
from datetime import datetime, timezone
from pathlib import Path

import pytest

from app.core.flags import symptom_flags
from app.core.entities import SymptomCheck
from app.core.guidance import guidance

NOW = datetime(2026, 12, 2, 9, 0, tzinfo=timezone.utc)
CLINICAL = Path(__file__).parent / "fixtures" / "CLINICAL.md"
# What a message must ask the person to do, per tier (a message may not say the tier of another).
WORDS = {"emergency": "emergency", "urgent": "today or tomorrow", "review": "review"}


def clinical_tiers() -> dict[str, str]:
    """{code: tier} from the rows of section 2's flag table: | `code` | fires when | `tier`… | source |."""
    section = CLINICAL.read_text(encoding="utf-8").split("## 2.", 1)[1].split("\n## ", 1)[0]
    tiers = {}
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"`[a-z_0-9]+`", cells[0]):
            tiers[cells[0].strip("`")] = re.match(r"`(emergency|urgent|review)`", cells[2]).group(1)
    return tiers


def test_the_tier_table_was_read():
    tiers = clinical_tiers()
    assert len(tiers) == 12
    assert tiers["bladder_bowel"] == "emergency" and tiers["spasm_over_3_days"] == "review"


@pytest.mark.parametrize("code,tier", sorted(clinical_tiers().items()))
def test_guidance_gives_each_flag_the_tier_of_clinical_md(code, tier):
    assert guidance()["flags"][code]["tier"] == tier


def test_guidance_has_no_flag_clinical_md_does_not_list():
    assert set(guidance()["flags"]) == set(clinical_tiers())


@pytest.mark.parametrize("code,tier", sorted(clinical_tiers().items()))
def test_each_message_asks_for_what_its_tier_means(code, tier):
    rule = guidance()["flags"][code]
    text = rule["message"].lower()
    assert WORDS[tier] in text, (code, tier, rule["message"])
    for other, words in WORDS.items():
        if other != tier and other != "review":  # "review" may appear as a plain word in any message
            assert words not in text, (code, other, rule["message"])


# The revision of 2026-12-02: these three alone are `review`; any two red flags together are still an emergency.
REVISED = ["leg_numbness", "radiating_pain", "sharp_pain"]


@pytest.mark.parametrize("code", REVISED)
def test_a_revised_symptom_alone_is_a_review(code):
    (flag,) = symptom_flags(SymptomCheck(at=NOW, codes=(code,), id=1))
    assert (flag.code, flag.tier) == (code, "review")


@pytest.mark.parametrize("pair", [("leg_numbness", "radiating_pain"), ("radiating_pain", "sharp_pain"),
                                  ("leg_numbness", "sharp_pain"), ("sharp_pain", "fever")])
def test_two_red_flags_together_are_still_an_emergency(pair):
    flags = symptom_flags(SymptomCheck(at=NOW, codes=pair, id=1))
    assert flags[0].code == "several_red_flags" and flags[0].tier == "emergency"
