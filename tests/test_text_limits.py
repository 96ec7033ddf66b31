"""Each text field's limit is stated once (guidance.toml [limits]) and a longer text is refused with that limit, never cut."""
from __future__ import annotations

import sqlite3

import pytest

from app.core.errors import JournalError
from app.core.guidance import guidance
from app.core.validation import check_name, check_note, text_limit

LIMITS = guidance()["limits"]


@pytest.mark.parametrize("field,key", [("name", "name_max_chars"), ("dose", "dose_max_chars"),
                                       ("note", "note_max_chars"), ("trigger_note", "note_max_chars")])
def test_each_field_reads_its_limit_from_guidance(field, key):
    assert text_limit(field) == LIMITS[key]


@pytest.mark.parametrize("field", ["name", "dose", "note"])
def test_text_at_the_limit_is_kept_whole_and_one_more_character_is_refused_naming_the_limit(field):
    limit = text_limit(field)
    assert check_note("x" * limit, field) == "x" * limit
    with pytest.raises(JournalError) as info:
        check_note("x" * (limit + 1), field)
    assert info.value.field == field
    assert f"at most {limit}" in str(info.value)


def test_a_3000_character_medicine_name_is_refused_with_the_real_limit_not_the_note_limit():
    with pytest.raises(JournalError) as info:
        check_name("x" * 3000)
    assert f"at most {text_limit('name')}" in str(info.value)
    assert str(LIMITS["note_max_chars"]) not in str(info.value)


def _doses(db) -> list[tuple]:
    conn = sqlite3.connect(db)
    try:
        return conn.execute("SELECT name, dose FROM doses").fetchall()
    finally:
        conn.close()


def test_cli_refuses_a_dose_over_its_limit_with_exit_2_and_writes_nothing(cli, tmp_path):
    db = tmp_path / "journal.db"
    assert cli("log", "med", "ibuprofen", "--class", "nsaid", "--dose", "400 mg", db=db).code == 0
    long_dose = "4" * (text_limit("dose") + 1)
    result = cli("log", "med", "ibuprofen", "--class", "nsaid", "--dose", long_dose, db=db)
    assert result.code == 2
    assert "--dose" in result.err or "dose" in result.err
    assert f"at most {text_limit('dose')}" in result.err
    assert "Traceback" not in result.err
    assert _doses(db) == [("ibuprofen", "400 mg")]


def test_cli_keeps_a_dose_at_its_limit_whole(cli, tmp_path):
    db = tmp_path / "journal.db"
    dose = "5" * text_limit("dose")
    assert cli("log", "med", "x", "--class", "other", "--dose", dose, db=db).code == 0
    assert _doses(db) == [("x", dose)]
