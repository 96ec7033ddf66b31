"""Loads data/guidance.toml: every clinical number, code and message, each with its source."""
from __future__ import annotations

import tomllib
from functools import lru_cache

from .i18n import _, language
from .resources import resource_path

GUIDANCE_PATH = resource_path("data", "guidance.toml")


# Values that are codes, sources or settings, not words a person reads ([report] is read by the doctor, in the
# language the report is written in).
_NOT_SHOWN = {"source", "tier", "name", "loinc", "daily_checkin_default", "waking_start_default", "waking_end_default"}


@lru_cache(maxsize=1)
def _english() -> dict:
    with open(GUIDANCE_PATH, "rb") as fh:
        return tomllib.load(fh)


def shown_strings(node=None, key: str = ""):
    """Every string of the guidance a person reads in the app (the catalogue's msgids from this file)."""
    node = _english() if node is None else node
    if isinstance(node, dict):
        for k, v in node.items():
            if str(k) not in _NOT_SHOWN:
                yield from shown_strings(v, str(k))
    elif isinstance(node, list):
        for v in node:
            yield from shown_strings(v, key)
    elif isinstance(node, str) and key not in _NOT_SHOWN:
        yield node


def _localise(node):
    if isinstance(node, dict):
        return {k: (v if k in _NOT_SHOWN else _localise(v)) for k, v in node.items()}
    if isinstance(node, list):
        return [_localise(v) for v in node]
    return _(node) if isinstance(node, str) else node


@lru_cache(maxsize=4)
def _in(language_code: str) -> dict:
    english = _english()
    return english if language_code == "en" else _localise(english)


def guidance() -> dict:
    """The whole guidance file, parsed once, its words in the current language (i18n.set_language)."""
    return _in(language())


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
