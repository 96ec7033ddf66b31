"""Log a spasm, the Journal and Medication & activity, driven in the real app; the journal file checked after."""
import sqlite3

import pytest

pytestmark = pytest.mark.ui


def _rows(path, sql):
    conn = sqlite3.connect(path)
    try:
        return conn.execute(sql).fetchall()
    finally:
        conn.close()


def test_log_episode_with_two_regions_and_a_trigger(ui, journal_path):
    ui("episode_with_body_map", journal_path)
    assert _rows(journal_path, "SELECT regions, trigger, ended FROM episodes") == [("lower_back_left,buttock_left", "lifting", None)]
    assert _rows(journal_path, "SELECT score, context, episode_id FROM pain_scores") == [(7, "episode_start", 1)]


def test_journal_edit_then_delete_and_undo(ui, journal_path):
    ui("journal_edit_delete_undo", journal_path)
    assert _rows(journal_path, "SELECT score, note FROM pain_scores") == [(8, "after the stairs")]
    assert _rows(journal_path, "SELECT name, deleted_at FROM doses") == [("Ibuprofen", None)]


def test_journal_changes_the_regions_of_an_episode(ui, journal_path):
    ui("journal_edit_episode_regions", journal_path)
    assert _rows(journal_path, "SELECT regions, trigger FROM episodes ORDER BY id") == [
        ("neck", None), ("lower_back_right,buttock_right", "lifting")]


def test_dose_with_a_remembered_name_and_an_activity(ui, journal_path):
    ui("meds_remembered_dose", journal_path)
    assert _rows(journal_path, "SELECT name, med_class, dose, deleted_at IS NOT NULL FROM doses ORDER BY id") == [
        ("Cyclobenzaprine", "relaxant", "5 mg", 0), ("Cyclobenzaprine", "relaxant", "5 mg", 1)]
    assert _rows(journal_path, "SELECT kind, minutes FROM activities") == [("stretching", 25)]
