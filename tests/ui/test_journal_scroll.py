"""The Journal loads a page at a time while scrolling, keeps the rows on screen still, and reaches the oldest entry."""
import pytest

pytestmark = pytest.mark.ui


def test_scrolling_the_journal_loads_pages_without_jumping_or_reading_ahead(ui, journal_path):
    ui("journal_scroll_pages", journal_path)


def test_an_empty_journal_and_an_empty_filter_say_so(ui, journal_path):
    ui("journal_empty_messages", journal_path)


def test_deleting_a_row_far_down_leaves_the_rows_above_in_place(ui, journal_path):
    ui("journal_delete_keeps_place", journal_path)
