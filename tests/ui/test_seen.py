"""What the person must not miss, with real touches on the real app: rows cut clearly, a new flag over any screen."""
import pytest

pytestmark = pytest.mark.ui

AT = "2026-03-02T09:00:00+00:00"


def test_journal_rows_are_cut_after_a_whole_word_with_an_ellipsis(ui, journal_path):
    ui("journal_rows_cut_at_a_word", journal_path, at=AT, size="360x640")


def test_trends_words_follow_the_chosen_period(ui, journal_path):
    ui("trends_words_follow_the_period", journal_path, at=AT, size="360x640")


@pytest.mark.parametrize("size", ["400x800", "360x640"])
def test_a_new_flag_is_shown_over_whatever_screen_is_open(ui, journal_path, size):
    ui("flag_arrives_over_any_screen", journal_path, at=AT, size=size)
