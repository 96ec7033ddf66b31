"""Trends draws its charts off the main thread: a placeholder first, then the charts; stale drawings never show."""
import pytest

pytestmark = pytest.mark.ui


def test_trends_shows_a_placeholder_then_the_charts_and_a_tapped_chart_larger(ui, journal_path):
    ui("trends_placeholder_then_charts", journal_path)


def test_a_period_picked_while_drawing_shows_that_periods_charts_only(ui, journal_path):
    ui("trends_range_switched_while_drawing", journal_path)


def test_leaving_trends_or_writing_the_journal_while_drawing_drops_the_stale_charts(ui, journal_path):
    ui("trends_left_or_changed_while_drawing", journal_path)


def test_a_chart_that_cannot_be_drawn_says_so_in_a_line_and_the_next_one_draws(ui, journal_path):
    ui("trends_drawing_fails", journal_path)


def test_closing_the_app_while_a_chart_is_drawn_does_not_wait_for_the_drawing(ui, journal_path):
    """The drawing would take an hour; the app's process has to end within the scenario's few minutes."""
    ui("trends_closed_while_drawing", journal_path, timeout=240)
