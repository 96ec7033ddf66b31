"""Comfort and access on the real app: theme and text size switched at runtime."""
import pytest

pytestmark = pytest.mark.ui


def test_light_theme_and_large_text_apply_at_once_from_settings(ui, journal_path):
    ui("look_switch_at_runtime", journal_path, size="360x640")


def test_at_150_percent_no_label_is_larger_than_its_box_on_any_screen(ui, journal_path):
    ui("large_text_fits_every_screen", journal_path, size="360x640", timeout=300)
