"""Random text and numbers at every parser and every service write: only SpasmLogError escapes, refusals write nothing."""
from __future__ import annotations

import string
from collections import Counter
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from app.core import validation as v
from app.core.errors import SpasmLogError
from app.core.guidance import codes
from app.core.timeutil import fixed_clock, parse_date, parse_time
from app.services import open_spasmlog
from app.services.entries import EDITABLE
from app.store.repository import KINDS

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=timezone.utc)
FUZZ = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
TRIED = Counter()  # refused (bad) inputs per target, reported at the end of the module

# -- strategies: the odd things people (and bugs) type ---------------------------------------------
ascii_digits = st.text(string.digits + "+-_ .:", max_size=8)
weird_text = st.one_of(st.text(max_size=40), ascii_digits, st.text(string.printable, max_size=25),
                       st.sampled_from(["", " ", "²", "٣", "+-5", "1_000", "1e3", "0x1f", "NaN", "inf", "-0",
                                        "\x00", "None", "2026-13-01", "2026-02-30T10:00", "24:00", "23:60",
                                        "2026-03-01T14:30+25:00", "9999-12-31T23:59:59-23:59", "0001-01-01T00:00+14:00",
                                        "x" * 2001, "é" * 2001]))
numbers = st.one_of(st.integers(), st.integers(min_value=-3, max_value=13), st.floats(allow_nan=True),
                    st.booleans(), st.none(), st.decimals(allow_nan=False, places=2))
anything = st.one_of(weird_text, numbers, st.lists(st.text(max_size=5), max_size=3))
any_time = st.one_of(st.datetimes(timezones=st.none() | st.timezones()),
                     st.datetimes(min_value=datetime(2026, 3, 1), max_value=datetime(2026, 3, 3),
                                  timezones=st.just(timezone.utc)),
                     st.none(), weird_text, numbers)


maybe_time = st.one_of(st.none(), any_time)  # None: now, the common case, so some writes succeed


def code_or_junk(kind):
    return st.one_of(st.sampled_from(list(codes(kind))), weird_text, st.none())


def _try(target: str, fn, *args, **kwargs):
    """Call; a SpasmLogError is a counted refusal, anything else escapes and fails the test."""
    try:
        return fn(*args, **kwargs)
    except SpasmLogError as exc:
        assert exc.message and "Traceback" not in exc.message
        TRIED[target] += 1
        return exc


@pytest.fixture(scope="module", autouse=True)
def _report():
    yield
    print(f"\nfuzz-services bad inputs tried: {sum(TRIED.values())} {dict(TRIED)}")


# -- parsers and checks ------------------------------------------------------------------------------
@FUZZ
@given(weird_text)
def test_parse_time_and_date(text):
    out = _try("parse_time", parse_time, text, "time")
    assert isinstance(out, (datetime, SpasmLogError))
    if isinstance(out, datetime):
        assert out.utcoffset() is not None
    _try("parse_date", parse_date, text, "date")


@FUZZ
@given(anything, st.integers(-5, 5), st.integers(0, 20))
def test_check_int_and_pain(value, low, span):
    out = _try("check_int", v.check_int, value, "minutes", low, low + span)
    if isinstance(out, int):
        assert low <= out <= low + span and not isinstance(out, bool)
    out = _try("check_pain", v.check_pain, value)
    if not isinstance(out, SpasmLogError):
        assert type(out) is int and 0 <= out <= 10


@FUZZ
@given(anything)
def test_check_text_fields(value):
    out = _try("check_note", v.check_note, value)
    if isinstance(out, str):
        assert len(out) <= 2000 and "\x00" not in out
    _try("check_name", v.check_name, value)


@FUZZ
@given(st.sampled_from(["symptoms", "triggers", "regions", "med_classes", "activities", "therapy_kinds"]),
       st.one_of(anything, st.lists(weird_text, max_size=4)))
def test_check_codes(kind, value):
    _try("check_code", v.check_code, kind, value, "code")
    out = _try("check_codes", v.check_codes, kind, value, "codes")
    if isinstance(out, tuple):
        assert set(out) <= set(codes(kind))


@FUZZ
@given(any_time)
def test_check_time(value):
    out = _try("check_time", v.check_time, value, "time", T0, timezone.utc)
    if isinstance(out, datetime):
        assert out <= T0 + timedelta(minutes=5) and out.microsecond == 0


# -- service writes: refused means the journal is unchanged ------------------------------------------
def _dump(svc) -> dict:
    db = svc._db
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")]
    return {t: db.execute(f'SELECT * FROM "{t}" ORDER BY rowid').fetchall() for t in tables}


@contextmanager
def fresh_journal():
    """A journal of its own for each Hypothesis example (an in-memory one, with a little history)."""
    svc = open_spasmlog(None, fixed_clock(T0))
    svc.entries.log_pain(3, at=T0 - timedelta(hours=1))
    svc.entries.log_dose("ibuprofen", "nsaid", at=T0 - timedelta(hours=1))
    try:
        yield svc
    finally:
        svc.close()


def _write(svc, target, fn, *args, **kwargs):
    before = _dump(svc)
    out = _try(target, fn, *args, **kwargs)
    if isinstance(out, SpasmLogError):
        assert _dump(svc) == before, f"{target} refused but changed the journal"
    return out


def _at(value):
    """Hypothesis times land on the service's clock day; None means 'now'."""
    return value


@FUZZ
@given(score=st.integers(-2, 12) | numbers | weird_text, note=st.one_of(weird_text, st.none(), numbers), at=maybe_time,
       context=st.one_of(st.none(), st.sampled_from(["checkin", "after_ice"]), weird_text))
def test_log_pain(score, note, at, context):
    with fresh_journal() as journal:
        _write(journal, "log_pain", journal.entries.log_pain, score, note=note, at=at, context=context)


@FUZZ
@given(name=anything, med_class=code_or_junk("med_classes"), dose=st.one_of(weird_text, numbers), at=maybe_time)
def test_log_dose(name, med_class, dose, at):
    with fresh_journal() as journal:
        _write(journal, "log_dose", journal.entries.log_dose, name, med_class, dose=dose, at=at)


@FUZZ
@given(symptoms=st.one_of(st.lists(code_or_junk("symptoms") | st.just("none"), max_size=4), weird_text, numbers),
       at=maybe_time)
def test_log_symptoms(symptoms, at):
    with fresh_journal() as journal:
        _write(journal, "log_symptoms", journal.entries.log_symptoms, symptoms, at=at)


@FUZZ
@given(kind=code_or_junk("activities"), minutes=numbers | weird_text, note=weird_text, at=maybe_time)
def test_log_activity(kind, minutes, note, at):
    with fresh_journal() as journal:
        _write(journal, "log_activity", journal.entries.log_activity, kind, minutes=minutes, note=note, at=at)


@FUZZ
@given(regions=st.one_of(st.lists(code_or_junk("regions"), max_size=3), weird_text),
       trigger=code_or_junk("triggers"), note=st.one_of(weird_text, numbers), at=any_time, end_at=any_time,
       end_first=st.booleans())
def test_start_and_end_episode(regions, trigger, note, at, end_at, end_first):
    with fresh_journal() as journal:
        if end_first:
            _write(journal, "end_episode", journal.entries.end_episode, at=end_at)
        _write(journal, "start_episode", journal.entries.start_episode, regions=regions, trigger=trigger, note=note, at=at)
        _write(journal, "end_episode", journal.entries.end_episode, at=end_at)


_fields = sorted(set().union(*EDITABLE.values())) + ["id", "deleted_at", "episode_id", "bogus"]


@FUZZ
@given(kind=st.sampled_from([*KINDS, "flag", ""]) | weird_text | st.lists(st.text(max_size=2), max_size=2),
       entry_id=st.one_of(st.integers(-3, 12), st.integers(), st.sampled_from([2 ** 63, 2 ** 70, -2 ** 64, True, 1.0]),
                          weird_text, st.none()),
       changes=st.dictionaries(st.sampled_from(_fields), st.one_of(anything, any_time), max_size=3))
def test_edit_delete_undo(kind, entry_id, changes):
    with fresh_journal() as journal:
        _write(journal, "edit", journal.entries.edit, kind, entry_id, **changes)
        token = _write(journal, "delete", journal.entries.delete, kind, entry_id)
        if isinstance(token, tuple):
            _write(journal, "undo", journal.entries.undo, token)
        _write(journal, "undo", journal.entries.undo, (kind, entry_id))
        _write(journal, "get", journal.entries.get, kind, entry_id)


@FUZZ
@given(token=st.one_of(st.tuples(anything, anything), anything, st.tuples(st.just("pain"))))
def test_undo_with_junk_tokens(token):
    with fresh_journal() as journal:
        _write(journal, "undo", journal.entries.undo, token)


@FUZZ
@given(key=st.one_of(st.sampled_from(["daily_checkin", "move_reminder", "waking_start", "waking_end", "sounds",
                                      "heat_default_minutes", "welcome_seen"]), weird_text),
       value=st.one_of(anything, st.sampled_from(["07:00", "23:59", "on", "off", "yes", "20", "٢٠", "0٩:٠٠"])))
def test_settings_set(key, value):
    with fresh_journal() as journal:
        out = _write(journal, "settings.set", journal.settings.set, key, value)
        if isinstance(out, str):
            assert journal.settings.get(key) == out and out.isascii()


@FUZZ
@given(changes=st.dictionaries(st.sampled_from(["osteoporosis", "steroids", "cancer_history", "age_band",
                                                "answered", "bogus"]) | weird_text,
                               st.one_of(st.sampled_from(["yes", "no", "unknown", "40_59"]), anything), max_size=3))
def test_update_profile(changes):
    with fresh_journal() as journal:
        _write(journal, "profile", journal.settings.update_profile, **changes)
