"""Loads data/guidance.toml: every clinical number, code and message, each with its source."""
from __future__ import annotations

import tomllib
from functools import lru_cache

from .resources import resource_path

GUIDANCE_PATH = resource_path("data", "guidance.toml")


@lru_cache(maxsize=1)
def guidance() -> dict:
    """The whole guidance file, parsed once."""
    with open(GUIDANCE_PATH, "rb") as fh:
        return tomllib.load(fh)


def codes(kind: str) -> dict:
    """The code table of one kind: symptoms, triggers, regions, med_classes, activities, therapy_kinds."""
    return guidance()["codes"][kind]


def severe_pain_from() -> int:
    """The lowest score of the 'severe' pain band (CLINICAL.md section 3)."""
    return next(b["min"] for b in guidance()["pain"]["bands"] if b["name"] == "severe")


def label(kind: str, code: str) -> str:
    """The friendly words for a code."""
    entry = codes(kind).get(code, code)
    return entry["label"] if isinstance(entry, dict) else entry
