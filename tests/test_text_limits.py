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


def _text_fields():
    """Every TextField the app builds: (where, its kv block or call)."""
    import re
    from pathlib import Path
    root = Path(__file__).resolve().parents[1]
    for kv in sorted((root / "kv").glob("*.kv")):
        lines = kv.read_text(encoding="utf-8").splitlines()
        for i, line in enumerate(lines):
            if line.strip() == "TextField:":
                indent = len(line) - len(line.lstrip())
                block = []
                for following in lines[i + 1:]:
                    if following.strip() and len(following) - len(following.lstrip()) <= indent:
                        break
                    block.append(following.strip())
                yield f"{kv.name}:{i + 1}", "\n".join(block)
    for py in sorted((root / "app" / "ui").rglob("*.py")):
        for m in re.finditer(r"TextField\((.*?)\)\n", py.read_text(encoding="utf-8")):
            yield f"{py.name}", m.group(1).replace("=", ": ")


def test_every_text_field_for_the_journal_stops_at_its_limit():
    """A field that fills a journal text names its limit (the field stops there); only passphrase and password
    fields, which the journal does not store, have none."""
    fields = list(_text_fields())
    assert len(fields) >= 8
    unlimited = [where for where, block in fields if "limit:" not in block and "password:" not in block]
    assert unlimited == []
    for where, block in fields:
        if "limit:" in block:
            field = block.split("limit:")[1].split()[0].strip("\"',")
            assert text_limit(field) == LIMITS.get(f"{field}_max_chars"), (where, field)


@pytest.mark.parametrize("text,most,shown", [
    ("Symptom check: no warning signs", 20, "Symptom check: no…"),
    ("Ibuprofen 400 mg", 40, "Ibuprofen 400 mg"),
    ("Extra strength ibuprofen lysine film coated tablets", 30, "Extra strength ibuprofen…"),
    ("Supercalifragilisticexpialidocious", 10, "Supercali…"),
])
def test_long_words_are_cut_after_a_whole_word_with_an_ellipsis(text, most, shown):
    from app.ui.textfit import cut_words
    assert cut_words(text, most) == shown
    assert len(cut_words(text, most)) <= most
