"""Comfort and access on the real app: theme and text size switched at runtime."""
import pytest

pytestmark = pytest.mark.ui


def test_light_theme_and_large_text_apply_at_once_from_settings(ui, journal_path):
    ui("look_switch_at_runtime", journal_path, size="360x640")


def test_at_150_percent_no_label_is_larger_than_its_box_on_any_screen(ui, journal_path):
    ui("large_text_fits_every_screen", journal_path, size="360x640")


def test_a_digit_on_today_writes_that_pain_score(ui, journal_path):
    ui("keys_log_pain_on_today", journal_path)
    import sqlite3
    with sqlite3.connect(journal_path) as conn:
        scores = sorted(r[0] for r in conn.execute("SELECT score FROM pain_scores WHERE deleted_at IS NULL"))
    assert scores == [1, 7, 10]


def test_esc_closes_a_popup_and_goes_back_enter_saves_ctrl_picks_a_tab(ui, journal_path):
    ui("keys_popups_tabs_and_back", journal_path)


def test_german_applies_at_once_from_settings_and_english_comes_back(ui, journal_path):
    ui("language_switch_at_runtime", journal_path, size="360x640")
