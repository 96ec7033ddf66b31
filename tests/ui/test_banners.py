"""Today's banners in German at 150 % text on a 360x640 phone (issue 17): words are never split."""
import pytest

pytestmark = pytest.mark.ui


def test_german_banners_at_150_percent_wrap_between_words_light_and_dark(ui, journal_path):
    ui("banners_german_large_text", journal_path, size="360x640")
