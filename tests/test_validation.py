"""Field validation: pain scores, times, notes, codes and order, property-tested where it matters."""
from __future__ import annotations

import os
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.core.errors import JournalError
from app.core.guidance import codes
from app.core.timeutil import parse_time
from app.core.validation import (check_code, check_codes, check_note, check_order, check_pain,
                                 check_time)

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
ROOT = Path(__file__).resolve().parents[1]


def _refused(fn, *args, field: str):
    with pytest.raises(JournalError) as info:
        fn(*args)
    assert info.value.field == field
    assert field in info.value.message
    return info.value


# -- pain score ---------------------------------------------------------------------------

@given(st.integers(min_value=0, max_value=10))
def test_every_score_from_0_to_10_is_accepted(score):
    assert check_pain(score) == score


@given(st.integers().filter(lambda n: not 0 <= n <= 10))
def test_every_other_integer_is_refused_naming_score(score):
    err = _refused(check_pain, score, field="score")
    assert "0 to 10" in err.message


@given(st.floats(allow_nan=True, allow_infinity=True).filter(lambda x: not float(x).is_integer()))
def test_floats_with_a_fraction_are_refused(score):
    _refused(check_pain, score, field="score")


@pytest.mark.parametrize("score", [True, False])
def test_booleans_are_not_scores(score):
    _refused(check_pain, score, field="score")


def _is_plain_number(text: str) -> bool:
    return re.fullmatch(r"\s*[+-]?[0-9]+\s*", text) is not None


@given(st.text().filter(lambda t: not _is_plain_number(t)))
def test_random_text_is_refused_with_journal_error(text):
    # Any text that is not a plain ASCII whole number: never a crash, always a JournalError on 'score'.
    _refused(check_pain, text, field="score")


@pytest.mark.parametrize("text", ["²", "+-5", "٣", "1_0", "5.5", "", "  ", "ten", "1" * 5000])
def test_tricky_text_is_refused(text):
    _refused(check_pain, text, field="score")


@pytest.mark.parametrize("value", [None, [], {}, object()])
def test_non_numbers_are_refused(value):
    _refused(check_pain, value, field="score")


# -- times --------------------------------------------------------------------------------

offsets = st.integers(min_value=-14 * 60, max_value=14 * 60).map(lambda m: timezone(timedelta(minutes=m)))


@given(st.integers(min_value=0, max_value=5 * 60), offsets)
def test_times_up_to_five_minutes_ahead_are_accepted(seconds_ahead, tz):
    when = (NOW + timedelta(seconds=seconds_ahead)).astimezone(tz)
    assert check_time(when, "time", NOW, timezone.utc) == when


@given(st.integers(min_value=5 * 60 + 1, max_value=10 ** 9), offsets)
def test_times_beyond_five_minutes_ahead_are_refused(seconds_ahead, tz):
    when = (NOW + timedelta(seconds=seconds_ahead)).astimezone(tz)
    err = _refused(check_time, when, "time", NOW, tz, field="time")
    assert "future" in err.message


@given(st.integers(min_value=0, max_value=50 * 365 * 86400))
def test_past_times_are_accepted(seconds_back):
    when = NOW - timedelta(seconds=seconds_back)
    assert check_time(when, "start", NOW, timezone.utc) == when


@given(st.datetimes(min_value=datetime(1970, 1, 2), max_value=datetime(2100, 1, 1)))
def test_naive_times_are_refused(naive):
    err = _refused(check_time, naive, "start", NOW, timezone.utc, field="start")
    assert "timezone" in err.message


@pytest.mark.parametrize("value", ["2026-03-01T10:00+00:00", 1700000000, None])
def test_non_datetimes_are_refused(value):
    _refused(check_time, value, "at", NOW, timezone.utc, field="at")


@pytest.mark.parametrize("text, expected", [
    ("2026-03-01T14:30+01:00", datetime(2026, 3, 1, 13, 30, tzinfo=timezone.utc)),
    ("2026-03-01T14:30:15-05:00", datetime(2026, 3, 1, 19, 30, 15, tzinfo=timezone.utc)),
    ("2026-03-01T14:30Z", datetime(2026, 3, 1, 14, 30, tzinfo=timezone.utc)),
    ("2026-03-01T14:30:00z", datetime(2026, 3, 1, 14, 30, tzinfo=timezone.utc)),
    ("  2026-03-01T14:30+00:00 ", datetime(2026, 3, 1, 14, 30, tzinfo=timezone.utc)),
])
def test_parse_time_with_offsets(text, expected):
    parsed = parse_time(text, "--at")
    assert parsed.utcoffset() is not None
    assert parsed == expected


def test_parse_time_without_offset_is_local_time():
    parsed = parse_time("2026-03-01T14:30", "--at")
    assert parsed.utcoffset() is not None
    assert parsed.replace(tzinfo=None) == datetime(2026, 3, 1, 14, 30)
    # The machine's offset in force on that date (naive astimezone() is the local wall time).
    assert parsed.utcoffset() == datetime(2026, 3, 1, 14, 30).astimezone().utcoffset()


@given(st.datetimes(min_value=datetime(1971, 1, 1), max_value=datetime(2099, 1, 1)).map(lambda d: d.replace(microsecond=0)),
       offsets)
def test_parse_time_round_trips_isoformat(moment, tz):
    aware = moment.replace(tzinfo=tz)
    assert parse_time(aware.isoformat(), "time") == aware


@pytest.mark.parametrize("text", ["", "   ", "yesterday", "2026-13-01T10:00", "2026-02-30T10:00",
                                  "10:00 tomorrow", "2026-03-01T25:00", "\x00", None, 12])
def test_parse_time_refuses_garbage_naming_the_field(text):
    err = _refused(parse_time, text, "--at", field="--at")
    assert "ISO-8601" in err.message or "date and time" in err.message


@given(st.text(max_size=40))
def test_parse_time_never_crashes(text):
    try:
        parsed = parse_time(text, "time")
    except JournalError as err:
        assert err.field == "time"
    else:
        assert parsed.utcoffset() is not None


# -- notes --------------------------------------------------------------------------------

@given(st.text(max_size=2000).filter(lambda t: "\x00" not in t))
@settings(max_examples=60)
def test_notes_up_to_2000_characters_are_accepted(text):
    assert check_note(text) == text.strip()


def test_a_note_of_exactly_2000_characters_is_accepted():
    assert len(check_note("x" * 2000)) == 2000


@given(st.text(min_size=2001, max_size=2300, alphabet=st.characters(blacklist_characters="\x00")))
@settings(max_examples=20)
def test_notes_over_2000_characters_are_refused(text):
    err = _refused(check_note, text, field="note")
    assert "2000" in err.message


def test_2001_characters_are_refused():
    _refused(check_note, "x" * 2001, field="note")


@given(st.text(max_size=50), st.text(max_size=50))
def test_a_nul_character_is_refused(before, after):
    _refused(check_note, before + "\x00" + after, field="note")


def test_no_note_is_an_empty_note_and_non_text_is_refused():
    assert check_note(None) == ""
    _refused(check_note, 42, field="note")


# -- codes (CLINICAL.md section 5) ----------------------------------------------------------------

SHARED_CLINICAL = ROOT.parent / "shared" / "CLINICAL.md"
# A copy kept with the tests, so they run on a clone without ../shared; checked against the original below.
CLINICAL_COPY = ROOT / "tests" / "fixtures" / "CLINICAL.md"


def _clinical_path() -> Path:
    candidates = [os.environ.get("SPASMLOG_CLINICAL"), SHARED_CLINICAL, CLINICAL_COPY]
    return next(Path(c) for c in candidates if c and Path(c).is_file())


def test_the_copy_of_clinical_md_kept_with_the_tests_is_current():
    if not SHARED_CLINICAL.is_file():
        pytest.skip("../shared/CLINICAL.md is not beside this clone; the tests read the copy in tests/fixtures")
    assert CLINICAL_COPY.read_text(encoding="utf-8") == SHARED_CLINICAL.read_text(encoding="utf-8"), (
        "CLINICAL.md changed: copy it again into tests/fixtures/ and check guidance.toml against it")


def _clinical_codes() -> dict[str, list[str]]:
    """The code lists as written in CLINICAL.md section 5 (the spec), not as guidance.toml has them."""
    text = _clinical_path().read_text(encoding="utf-8")
    section = text.split("## 5.", 1)[1].split("\n## ", 1)[0]
    bullets = re.split(r"\n- ", "\n" + section)

    def codes_in(start: str, stop: str | None = None) -> list[str]:
        [bullet] = [b for b in bullets if b.startswith(start)]
        if stop:
            bullet = bullet.split(stop, 1)[0]
        return re.findall(r"`([a-z_]+)`", bullet)

    symptoms = [c for c in codes_in("Symptom codes", "when every answer") if c != "none"]
    return {
        "symptoms": symptoms,
        "triggers": codes_in("Trigger codes", ". `fall` and"),
        "regions": codes_in("Region codes"),
        "med_classes": codes_in("Medication classes", "Activity kinds"),
        "activities": re.findall(r"`([a-z_]+)`", [b for b in bullets if b.startswith("Medication classes")][0]
                                 .split("Activity kinds", 1)[1]),
    }


def test_clinical_md_lists_were_read():
    lists = _clinical_codes()
    assert len(lists["symptoms"]) == 8 and "bladder_bowel" in lists["symptoms"]
    assert len(lists["triggers"]) == 9 and "fall" in lists["triggers"]
    assert len(lists["regions"]) == 11 and "neck" in lists["regions"]
    assert lists["med_classes"] == ["nsaid", "relaxant", "other"]
    assert lists["activities"] == ["exercise", "stretching", "walk", "physio", "other"]


@pytest.mark.parametrize("kind", ["symptoms", "triggers", "regions", "med_classes", "activities"])
def test_guidance_codes_match_clinical_md_exactly(kind):
    assert list(codes(kind)) == _clinical_codes()[kind]


@pytest.mark.parametrize("kind", ["symptoms", "triggers", "regions", "med_classes", "activities"])
def test_every_clinical_code_is_accepted_and_others_refused(kind):
    for code in _clinical_codes()[kind]:
        assert check_code(kind, code, kind) == code
    for wrong in ("", "Lifting", "lower back", "none" if kind != "symptoms" else "nothing", None, 3):
        err = _refused(check_code, kind, wrong, "field", field="field")
        assert "allowed" in err.message


def test_check_codes_keeps_list_order_and_drops_duplicates():
    assert check_codes("regions", ["leg_right", "neck", "neck"], "region") == ("neck", "leg_right")
    assert check_codes("regions", "neck", "region") == ("neck",)
    _refused(check_codes, "regions", ["neck", "knee"], "region", field="region")


# -- order ----------------------------------------------------------------------------------

@given(st.integers(min_value=1, max_value=10 ** 8))
def test_an_end_after_its_start_is_accepted(seconds):
    check_order(NOW, NOW + timedelta(seconds=seconds))
    check_order(NOW, None)


@given(st.integers(min_value=0, max_value=10 ** 8))
def test_an_end_at_or_before_its_start_is_refused(seconds):
    err = _refused(check_order, NOW, NOW - timedelta(seconds=seconds), field="end")
    assert "after" in err.message
